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
        case "data_as_of": ISODate(value) == nil ? "an ISO date YYYY-MM-DD" : nil
        case "sample": ["true", "false", "1", "0"].contains(value) ? nil : "true or false (是 or 否)"
        case "site_url": isHostAddress(value) ? nil
            : "the site's address with its host only, such as https://mzj.example.gov.cn (a path such as /yanglao/ is given to the build as --base-url /yanglao/; a Chinese domain name in its xn-- form)"
        case "disclosure_days_ordinary", "disclosure_days_serious": (Int(value) ?? 0) > 0 ? nil : "a positive number of days"
        case "disclosure_months_ordinary", "disclosure_months_serious": (Int(value) ?? 0) > 0 ? nil : "a positive number of months"
        default: requiredKeys.contains(key) && value.isEmpty ? "a non-empty value" : nil
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
