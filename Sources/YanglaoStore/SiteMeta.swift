import Foundation

/// The `meta` table: who publishes the data, under what licence, as of when.
public struct SiteMeta: Sendable, Equatable {
    public var title: String
    public var publisher: String
    public var licence: String
    public var contact: String
    /// The date the data describes (ISO `YYYY-MM-DD`); the only date that appears in output.
    public var dataAsOf: ISODate
    /// True for the synthetic sample: every page then says 示例数据.
    public var isSample: Bool
    /// Every key and value, sorted by key, for pages that list them all.
    public var entries: [(key: String, value: String)]

    public static let requiredKeys = ["contact", "data_as_of", "licence", "publisher", "sample", "title"]

    /// Every key the site reads (docs/schema.md): the required ones and the optional ones.
    public static let knownKeys = requiredKeys + ["description", "site_url", "disclosure_months_ordinary", "disclosure_months_serious",
                                                  "disclosure_days_ordinary", "disclosure_days_serious", "corrected_on", "published_on", "map_link"]

    /// The names staff write for the keys in Chinese (the words of docs/schema.md).
    static let chineseKeys = ["网站名称": "title", "标题": "title", "发布单位": "publisher", "发布机构": "publisher", "许可协议": "licence",
                              "许可": "licence", "联系方式": "contact", "联系": "contact", "数据截至日期": "data_as_of", "数据截至": "data_as_of",
                              "截至日期": "data_as_of", "数据截止日期": "data_as_of", "数据截止": "data_as_of", "截止日期": "data_as_of",
                              "数据日期": "data_as_of", "统计截至日期": "data_as_of", "as_of": "data_as_of", "asof": "data_as_of", "示例数据": "sample", "网站地址": "site_url", "网址": "site_url", "简介": "description",
                              "说明": "description", "地图链接": "map_link", "更正日期": "corrected_on", "发布日期": "published_on", "公布日期": "published_on"]

    /// The key an unknown key was probably meant to be: another spelling or case
    /// (`Data_As_Of`, `license`), or its Chinese name (`数据截至日期`); nil for a key of
    /// one's own (kept, and listed on no page).
    public static func meantKey(_ key: String) -> String? {
        guard !knownKeys.contains(key) else { return nil }
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        if let k = chineseKeys[trimmed] { return k }
        let typed = trimmed.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
        if knownKeys.contains(typed) { return typed }
        let scalars = Array(typed.unicodeScalars)
        let near = knownKeys.map { ($0, editDistance(scalars, Array($0.unicodeScalars))) }.filter { $0.1 <= 2 }
        return near.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance: how many characters to add, drop or change to turn `a` into `b`.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The day staff made a correction of the data of `data_as_of` (`corrected_on`), when given
    /// and after the data date: it dates the correction archived by the next build.
    public var correctedOn: ISODate? {
        value("corrected_on").flatMap { ISODate($0) }.flatMap { $0 > dataAsOf ? $0 : nil }
    }

    /// The day these data are published (`published_on`), when given and not before the data
    /// date: data as of 31 December go out in January, and a catalogue or a citation that says
    /// "issued 31 December" dates them before the documents they quote. Without it the data date
    /// stands in (what every build did before the key existed).
    public var publishedOn: ISODate? {
        value("published_on").flatMap { ISODate($0) }.flatMap { $0 >= dataAsOf ? $0 : nil }
    }

    /// The day a new release of these data is dated with: `published_on`, else the data date.
    public var releaseDay: ISODate { publishedOn ?? dataAsOf }

    /// Whether a facility's page links its coordinates to a map service (`map_link`: amap, the
    /// default, or none for a publisher that may not link a commercial service).
    public var linksMaps: Bool { value("map_link") != "none" }

    /// Optional value of any other key.
    public func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }

    /// Fails with every problem of the required keys at once (the disclosure
    /// windows are read, and refused, by `DisclosurePolicy`).
    public init(entries: [(key: String, value: String)]) throws {
        let problems = Self.problems(in: entries).filter {
            guard case .badMeta(let key, _, _) = $0 else { return true }
            return Self.requiredKeys.contains(key)
        }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw StoreError.several(problems) }
        let sorted = entries.sorted { $0.key < $1.key }
        // Every required key is present and well formed: checked above.
        func value(_ key: String) -> String { sorted.first { $0.key == key }!.value }
        title = value("title")
        publisher = value("publisher")
        licence = value("licence")
        contact = value("contact")
        dataAsOf = ISODate(value("data_as_of"))!
        isSample = ["true", "1"].contains(value("sample"))
        self.entries = sorted
    }

    /// Every problem of the meta rows, by key: each required key that is
    /// missing, and each value that does not fit its key.
    public static func problems(in entries: [(key: String, value: String)]) -> [StoreError] {
        var out: [(key: String, problem: StoreError)] = []
        for key in requiredKeys where !entries.contains(where: { $0.key == key }) {
            out.append((key, .badMeta(key: key, value: nil, expected: expectation(key: key, value: "") ?? "a non-empty value")))
        }
        for (key, value) in entries {
            if let expected = expectation(key: key, value: value) { out.append((key, .badMeta(key: key, value: value, expected: expected))) }
        }
        // A window is counted in months or in days, not both.
        for severity in ["ordinary", "serious"] {
            let months = "disclosure_months_" + severity, days = "disclosure_days_" + severity
            if entries.contains(where: { $0.key == months }), let d = entries.first(where: { $0.key == days }) {
                out.append((days, .badMeta(key: days, value: d.value, expected: "only one of \(months) and \(days)")))
            }
        }
        return out.sorted { $0.key < $1.key }.map(\.problem)
    }

    /// What a value of `key` must look like when `value` does not (nil when it
    /// fits, or the key is optional free text). The loader checks each row of
    /// meta.csv with this, so a bad value is reported with its line.
    public static func expectation(key: String, value: String) -> String? {
        switch key {
        case "data_as_of", "corrected_on", "published_on":
            // A mistyped year (0001, 1023) would be archived as a release for good.
            if let date = ISODate(value) {
                date < ISODate.earliestData
                    ? "a date between \(ISODate.earliestData) and today (\(value) is earlier than any data of this site could be: a mistyped year?)" : nil
            } else {
                // Excel's day number (45291): the cell was formatted as a number.
                Int(value).flatMap { (20_000...80_000).contains($0) ? ISODate(dayNumber: $0 - 25_569) : nil }
                    .map { "an ISO date YYYY-MM-DD (\(value) looks like Excel's day number for \($0): write \($0))" } ?? "an ISO date YYYY-MM-DD"
            }
        case "sample": ["true", "false", "1", "0"].contains(value) ? nil : "true or false (是 or 否)"
        case "map_link": ["amap", "none"].contains(value) ? nil : "amap (each facility's page links its location to 高德地图, the default) or none (no map link)"
        case "site_url": isHostAddress(value) ? nil
            : "the site's address with its host only, such as https://mzj.example.gov.cn (a path such as /yanglao/ is given to the build as --base-url /yanglao/; a Chinese domain name in its xn-- form)"
        case "disclosure_days_ordinary", "disclosure_days_serious": (1...36_500).contains(Int(value) ?? 0) ? nil : "a number of days from 1 to 36500"
        case "disclosure_months_ordinary", "disclosure_months_serious": (1...1_200).contains(Int(value) ?? 0) ? nil : "a number of months from 1 to 1200"
        default:
            if let meant = meantKey(key) {
                "the key written `\(meant)` (`\(key)` is not a key the site reads: the value would be stored and never used)"
            } else {
                requiredKeys.contains(key) && value.isEmpty ? "a non-empty value" : nil
            }
        }
    }

    /// `https://host[:port]` (or http), with at most a final "/": what `site_url` must be.
    /// Nothing else (no path, spaces, quotes or line breaks) may reach robots.txt, the feed
    /// or the catalogue, which put it in front of every address.
    /// The scheme and host are read in any case (they are case-insensitive); an IPv6 host is
    /// bracketed; a Chinese domain name is given in its xn-- form.
    public static func isHostAddress(_ value: String) -> Bool {
        guard let m = value.wholeMatch(of: #/(?i)https?://(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::([0-9]{1,5}))?/?/#) else { return false }
        return m.output.1.map { Int($0)! <= 65_535 } ?? true
    }

    public static func == (a: SiteMeta, b: SiteMeta) -> Bool {
        a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
    }
}
