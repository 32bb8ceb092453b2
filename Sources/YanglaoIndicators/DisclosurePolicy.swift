import YanglaoStore

/// Which credit records the public may see on a given date, and how they are shown.
///
/// The database keeps every record; this policy is the single filter that
/// pages, datasets and the sitemap go through. The reference date is the
/// data's `data_as_of`, never the wall clock, so a rebuild is reproducible.
public struct DisclosurePolicy: Sendable {
    public var asOf: ISODate
    /// Default window of ordinary penalties and punishments and of spot checks (days from decision).
    public var ordinaryDays: Int
    /// Default window of serious penalties and punishments, and of rewards (days from decision).
    public var seriousDays: Int

    public init(asOf: ISODate, ordinaryDays: Int = 365, seriousDays: Int = 1095) {
        self.asOf = asOf; self.ordinaryDays = ordinaryDays; self.seriousDays = seriousDays
    }

    /// Reads the windows from `meta` keys `disclosure_days_ordinary` and `disclosure_days_serious`.
    public init(meta: SiteMeta, asOf: ISODate? = nil) throws {
        func days(_ key: String, _ fallback: Int) throws -> Int {
            guard let text = meta.value(key) else { return fallback }
            guard let n = Int(text), n > 0 else { throw StoreError.badMeta(key: key, value: text, expected: "a positive number of days") }
            return n
        }
        self.init(asOf: asOf ?? meta.dataAsOf, ordinaryDays: try days("disclosure_days_ordinary", 365),
                  seriousDays: try days("disclosure_days_serious", 1095))
    }

    /// The last day a record is public, or nil when it stays public until withdrawn
    /// (pledges). `disclose_until` wins when set. A blacklist entry is a serious
    /// record with an end like any other (the 2019 rules on the joint-punishment list
    /// provide for removal); a list kept longer sets `disclose_until`.
    public func lastDay(of record: CreditRecord) -> ISODate? {
        if let until = record.discloseUntil.flatMap(ISODate.init) { return until }
        guard let decided = ISODate(record.decidedOn) else { return nil }
        switch record.kind {
        case "pledge": return nil
        case "spot_check": return decided.adding(days: ordinaryDays - 1)
        case "reward", "blacklist": return decided.adding(days: seriousDays - 1)
        default: // penalty, punishment
            return decided.adding(days: (record.severity == "serious" ? seriousDays : ordinaryDays) - 1)
        }
    }

    /// True when the record is inside its window on `asOf` and not repaired by then.
    public func isDisclosed(_ record: CreditRecord) -> Bool {
        guard let decided = ISODate(record.decidedOn), decided <= asOf else { return false }
        if let repaired = record.repairedOn.flatMap(ISODate.init), repaired <= asOf { return false }
        if let last = lastDay(of: record), last < asOf { return false }
        return true
    }

    /// The name as the public sees it: natural persons masked (王小明 → 王*明, 王明 → 王*).
    public static func publicName(of record: CreditRecord) -> String {
        record.subjectType == "person" ? maskPersonName(record.subjectName) : record.subjectName
    }

    public static func maskPersonName(_ name: String) -> String {
        let chars = Array(name.trimmingCharactersInWhitespace())
        switch chars.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(chars[0]) + "*"
        default: return String(chars[0]) + String(repeating: "*", count: chars.count - 2) + String(chars[chars.count - 1])
        }
    }
}

extension String {
    func trimmingCharactersInWhitespace() -> Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
