import YanglaoStore

/// What every page needs: site metadata, links and region names.
struct SiteContext {
    let meta: SiteMeta
    /// Always ends with "/", e.g. "/" or "/yanglao/".
    let baseURL: String
    let regions: [Region]
    let regionNames: [String: String]
    private let regionIndex: [String: Int]
    /// Free pages from `content/pages`, by slug (the footer links `about` only if it exists).
    let pageSlugs: Set<String>

    init(meta: SiteMeta, baseURL: String, regions: [Region], pageSlugs: Set<String> = []) {
        self.pageSlugs = pageSlugs
        self.meta = meta
        var base = baseURL.isEmpty ? "/" : baseURL
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        self.regions = regions
        regionNames = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1.code, $0) })
    }

    func region(_ code: String) -> Region? { regionIndex[code].map { regions[$0] } }

    /// A site-absolute link for a path relative to the site root ("institutions/").
    func url(_ path: String) -> String { baseURL + path }

    func regionName(_ code: String) -> String { regionNames[code] ?? code }

    /// The city (or cities) being published, then their counties, in code order.
    var cities: [Region] { regions.filter { $0.level == "city" } }
    func counties(of city: String) -> [Region] { regions.filter { $0.parentCode == city } }
    var publishedRegions: [Region] { regions.filter { $0.level != "province" } }
}

/// Paths built from database values go through here: only values that match
/// a strict pattern become folder names, so no record can write outside `site/`.
enum SafePath {
    /// USCC: 18 characters of 0-9 and A-Z.
    static func institution(_ id: String) -> String? {
        id.utf8.count == 18 && id.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) } ? id : nil
    }

    /// GB/T 2260: six digits.
    static func region(_ code: String) -> String? {
        code.utf8.count == 6 && code.utf8.allSatisfy { (48...57).contains($0) } ? code : nil
    }
}
