import YanglaoStore

/// Which regions a site publishes, derived from the region table alone.
///
/// The roots are the regions without a parent in the table, except that a
/// lone province above a single city is passed over: a city site whose table
/// also names its province has the city as its only root (the province would
/// only repeat the city's numbers); a national site has the 31 provinces. Every root and its descendants are
/// published: they get a page and indicator values.
public struct RegionScope: Sendable {
    public let roots: [Region]
    /// Roots and their descendants, in the order of the region table.
    public let published: [Region]
    private let childrenByCode: [String: [Region]]

    public init(regions: [Region]) {
        let known = Set(regions.map(\.code))
        var children: [String: [Region]] = [:]
        for r in regions { if let p = r.parentCode, known.contains(p) { children[p, default: []].append(r) } }
        childrenByCode = children
        var roots = regions.filter { r in r.parentCode.map { !known.contains($0) } ?? true }
        // A province above a single city only repeats the city's numbers.
        if roots.count == 1, roots[0].level == "province", let only = children[roots[0].code], only.count == 1 { roots = only }
        self.roots = roots
        var inScope: Set<String> = []
        var stack = roots.map(\.code)
        while let code = stack.popLast() {
            inScope.insert(code)
            stack += (children[code] ?? []).map(\.code)
        }
        published = regions.filter { inScope.contains($0.code) }
    }

    /// The one region the whole site is about, when there is one (the sample's city).
    public var single: Region? { roots.count == 1 ? roots[0] : nil }

    /// Direct children in the region table's order; `children(of: "")` are the roots.
    public func children(of code: String) -> [Region] {
        code.isEmpty ? roots : childrenByCode[code] ?? []
    }
}
