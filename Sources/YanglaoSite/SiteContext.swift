import YanglaoIndicators
import YanglaoStore

/// What every page needs: site metadata, links and region names.
struct SiteContext {
    let meta: SiteMeta
    /// Always ends with "/", e.g. "/" or "/yanglao/".
    let baseURL: String
    let regions: [Region]
    let regionNames: [String: String]
    /// See `placeName`.
    private let placeNames: [String: String]
    private let regionIndex: [String: Int]
    /// Free pages from `content/pages`, by slug (the footer links `about` only if it exists).
    let pageSlugs: Set<String>
    /// Where the words of the trade (公建民营, 护理型床位, 医养结合) are explained, e.g.
    /// "about/#常见词语是什么意思": see `glossaryPath(in:)`. Nil: the pages link none.
    let glossaryPath: String?
    /// Which regions the site publishes (see `RegionScope`).
    let scope: RegionScope
    private let publishedCodes: Set<String>

    init(meta: SiteMeta, baseURL: String, regions: [Region], pageSlugs: Set<String> = [], glossaryPath: String? = nil) {
        self.pageSlugs = pageSlugs
        self.glossaryPath = glossaryPath
        self.meta = meta
        var base = baseURL.isEmpty ? "/" : baseURL
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        self.regions = regions
        regionNames = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1.code, $0) })
        scope = RegionScope(regions: regions)
        let published = Set(scope.published.map(\.code))
        publishedCodes = published
        // A region below another published region that is not the site's own: with its parent's name.
        let single = scope.single?.code
        let names = regionNames, index = regionIndex
        placeNames = Dictionary(uniqueKeysWithValues: regions.map { r in
            guard let parent = r.parentCode, parent != single, published.contains(parent), index[parent] != nil,
                  let parentName = names[parent] else { return (r.code, r.name) }
            return (r.code, parentName + r.name)
        })
    }

    func region(_ code: String) -> Region? { regionIndex[code].map { regions[$0] } }

    /// The path the site lives under, ending with "/": "/yanglao/" for a base URL of
    /// "/yanglao/" or "https://mzj.example.gov.cn/yanglao/".
    var basePath: String {
        guard baseURL.hasPrefix("http"), let scheme = baseURL.range(of: "://") else { return baseURL }
        let afterHost = baseURL[scheme.upperBound...].firstIndex(of: "/") ?? baseURL.endIndex
        return afterHost == baseURL.endIndex ? "/" : String(baseURL[afterHost...])
    }

    /// A site-absolute link for a path relative to the site root ("institutions/").
    func url(_ path: String) -> String { baseURL + path }

    /// A full URL where one is known (sitemaps, printed pages): the base URL if
    /// it has a host, else `meta.site_url`; otherwise the site-absolute path.
    /// True when `absoluteURL` gives addresses with a host (what sitemaps require).
    var hasPublicAddress: Bool { absoluteURL("").hasPrefix("http") }

    func absoluteURL(_ path: String) -> String {
        if baseURL.hasPrefix("http") { return url(path) }
        // Lowercased: scheme and host are case-insensitive, and "HTTPS://" must still count as an address.
        if var host = meta.value("site_url")?.lowercased() {
            while host.hasSuffix("/") { host.removeLast() }
            return host + url(path)
        }
        return url(path)
    }

    /// A region's name; "" is the whole of a site with several roots.
    func regionName(_ code: String) -> String { code.isEmpty ? everywhere : regionNames[code] ?? code }

    /// The total over several roots: 全国 when they are the country's 31 provinces, else 全部地区.
    var everywhere: String { scope.roots.count >= 31 && scope.roots.allSatisfy { $0.level == "province" } ? "全国" : "全部地区" }

    /// A region's name as a list shows it beside a facility: with its city or province on a
    /// site of several ("石家庄市长安区", since county names repeat across the country), alone
    /// on a city's site ("尧都区").
    func placeName(_ code: String) -> String { placeNames[code] ?? regionName(code) }

    var publishedRegions: [Region] { scope.published }
    /// The region the site is about, or "" for the total over several roots
    /// (a national site's provinces); indicator values exist for both.
    var scopeCode: String { scope.single?.code ?? "" }
    var scopeName: String { regionName(scopeCode) }
    /// The part of Atom ids that names the site's region (stable across builds).
    var feedScope: String { scope.single?.code ?? "site" }
    /// Direct children; `children(of: "")` are the roots.
    func children(of code: String) -> [Region] { scope.children(of: code) }

    /// `code` and every region below it.
    func descendants(of code: String) -> Set<String> {
        var found: Set<String> = []
        var stack = code.isEmpty ? scope.roots.map(\.code) : [code]
        while let c = stack.popLast() {
            found.insert(c)
            stack += scope.children(of: c).map(\.code)
        }
        return found
    }

    /// The published regions above `code`, nearest last.
    func ancestors(of code: String) -> [Region] {
        var chain: [Region] = []
        var current = region(code)?.parentCode
        while let c = current, publishedCodes.contains(c), let r = region(c) { chain.insert(r, at: 0); current = r.parentCode }
        return chain
    }

    /// The regions section's name: 各县情况 for a city site, 各市情况 for a
    /// province, 各省情况 for a national one (what its index lists first).
    var regionsTitle: String {
        switch children(of: scopeCode).first?.level {
        case "province": "各省情况"
        case "city": "各市情况"
        default: "各县情况"
        }
    }

    /// "县（市、区）", "市（州、盟）" or "省（区、市）": what the children of a region are called.
    static func levelName(_ level: String) -> String {
        switch level {
        case "province": "省（区、市）"
        case "city": "市（州、盟）"
        default: "县（市、区）"
        }
    }
}

/// Paths built from database values go through here: only values that match
/// a strict pattern become folder names, so no record can write outside `site/`.
enum SafePath {
    /// USCC: 18 characters of 0-9 and A-Z.
    static func institution(_ id: String) -> String? {
        id.utf8.count == 18 && id.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) } ? id : nil
    }

    /// A path inside the output: relative, no empty, `.` or `..` component (a
    /// manifest in the output could have been edited; nothing outside is touched).
    static func relative(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// A file or folder name of `content/static/`: ASCII letters, digits, '-', '_' and '.',
    /// not hidden (except `.well-known`, where verification files live, and `.nojekyll`,
    /// which GitHub Pages needs to publish folders as they are), at most 100 bytes.
    static func isPlainSegment(_ name: String) -> Bool {
        if name == ".well-known" || name == ".nojekyll" { return true }
        return !name.isEmpty && name.utf8.count <= 100 && !name.hasPrefix(".")
            && name.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    /// GB/T 2260: six digits.
    static func region(_ code: String) -> String? {
        code.utf8.count == 6 && code.utf8.allSatisfy { (48...57).contains($0) } ? code : nil
    }
}
