import YanglaoStore

/// Which credit records the public may see on a given date, and how they are shown.
///
/// The database keeps every record; this policy is the single filter that
/// pages, datasets and the sitemap go through. The reference date is the
/// data's `data_as_of`, never the wall clock, so a rebuild is reproducible.
/// A record whose window ends, or that is repaired, after the data date but before
/// the data are published (`published_on`) is withheld too: publishing it would show
/// it after its disclosure period.
public struct DisclosurePolicy: Sendable {
    public var asOf: ISODate
    /// The day the files go out (`published_on` or a later `corrected_on`, else `asOf`): records ended by then are withheld.
    public var publishedOn: ISODate
    /// Default window of ordinary penalties and punishments and of spot checks.
    public var ordinary: DisclosureWindow
    /// Default window of serious penalties and punishments, and of rewards and blacklist entries.
    public var serious: DisclosureWindow

    public init(asOf: ISODate, publishedOn: ISODate? = nil, ordinary: DisclosureWindow = .months(12), serious: DisclosureWindow = .months(36)) {
        self.asOf = asOf; self.publishedOn = max(asOf, publishedOn ?? asOf); self.ordinary = ordinary; self.serious = serious
    }

    /// Reads the windows from `meta`: `disclosure_months_ordinary` / `_serious` (defaults 12
    /// and 36), or for a window counted in days `disclosure_days_ordinary` / `_serious`.
    /// Records are withheld from `published_on` on (from `corrected_on` for a correction, which
    /// publishes the files again that day), unless another day (`--as-of`) is given.
    public init(meta: SiteMeta, asOf: ISODate? = nil) throws {
        func window(_ severity: String, defaultMonths: Int) throws -> DisclosureWindow {
            let monthsKey = "disclosure_months_" + severity, daysKey = "disclosure_days_" + severity
            func positive(_ key: String, _ unit: String) throws -> Int? {
                guard let text = meta.value(key) else { return nil }
                // The rule the loader and the validator state (`SiteMeta.expectation`): 1–1200 months, 1–36500 days.
                if let expected = SiteMeta.expectation(key: key, value: text) { throw StoreError.badMeta(key: key, value: text, expected: expected) }
                return Int(text)!
            }
            let months = try positive(monthsKey, "months"), days = try positive(daysKey, "days")
            if months != nil, days != nil {
                throw StoreError.badMeta(key: daysKey, value: meta.value(daysKey), expected: "only one of \(monthsKey) and \(daysKey)")
            }
            return days.map(DisclosureWindow.days) ?? .months(months ?? defaultMonths)
        }
        self.init(asOf: asOf ?? meta.dataAsOf, publishedOn: asOf == nil ? max(meta.releaseDay, meta.correctedOn ?? meta.releaseDay) : nil, ordinary: try window("ordinary", defaultMonths: 12),
                  serious: try window("serious", defaultMonths: 36))
    }

    /// Kinds of record whose `severity` (ordinary or serious) sets their window.
    public static let severityKinds: Set<String> = ["penalty", "punishment", "blacklist"]

    /// A record of `severityKinds` disclosed for the serious window: a blacklist entry
    /// always, a penalty or punishment when its severity says so.
    public static func isSerious(_ record: CreditRecord) -> Bool {
        record.kind == "blacklist" || record.severity == "serious"
    }

    /// The last day a record is public, or nil when it stays public until withdrawn
    /// (pledges). `disclose_until` wins when set. A blacklist entry is a serious
    /// record with an end like any other (the 2019 rules on the joint-punishment list
    /// provide for removal); a list kept longer sets `disclose_until`.
    public func lastDay(of record: CreditRecord) -> ISODate? {
        if let until = record.discloseUntil.flatMap({ ISODate($0) }) { return until }
        guard let decided = ISODate(record.decidedOn) else { return nil }
        switch record.kind {
        case "pledge": return nil
        case "spot_check": return ordinary.lastDay(decided: decided)
        case "reward": return serious.lastDay(decided: decided)
        default: // penalty, punishment, blacklist
            return (Self.isSerious(record) ? serious : ordinary).lastDay(decided: decided)
        }
    }

    /// True when the record was decided by `asOf`, its window has not ended before
    /// `publishedOn` and it is not repaired by then.
    public func isDisclosed(_ record: CreditRecord) -> Bool {
        guard let decided = ISODate(record.decidedOn), decided <= asOf else { return false }
        if let repaired = record.repairedOn.flatMap({ ISODate($0) }), repaired <= publishedOn { return false }
        if let last = lastDay(of: record), last < publishedOn { return false }
        return true
    }

    /// The name as the public sees it: natural persons masked (王小明 → 王*明, 王明 → 王*).
    /// Masked unless the subject is an organisation: a value the schema does not know (a
    /// database without its CHECK, "Person") is taken for a person, so masking fails closed.
    public static func publicName(of record: CreditRecord) -> String {
        record.subjectType == "organisation" ? record.subjectName : maskPersonName(record.subjectName)
    }

    /// The record as published: a person's name masked, in its own field and wherever the
    /// record's other text repeats it (`对王小明处以警告` → `对王*明处以警告`), also when the
    /// text spaces it out as documents space names (`当事人李　四`, `欧阳 小明`) or parts it
    /// otherwise (`阿依古丽·买买提` written `阿依古丽买买提`, `李-四`).
    public static func publicRecord(_ record: CreditRecord) -> CreditRecord {
        guard record.subjectType != "organisation" else { return record }
        var r = record
        let typed = String(record.subjectName.trimmingCharactersInWhitespace())
        let name = Array(personalName(typed))
        r.subjectName = maskPersonName(typed)
        // A one-character "name" would mask every use of that character: only names of two or more.
        if name.count >= 2 {
            let masked = maskPersonName(String(name))
            func mask(_ text: String?) -> String? {
                // The subject as typed with its role (王小明（法定代表人）) first, then the name however spaced.
                text.map { t in masking(name, in: t.replacingOccurrences(of: typed, with: r.subjectName), with: masked) }
            }
            r.reason = mask(r.reason); r.result = mask(r.result); r.basis = mask(r.basis)
            r.documentNo = mask(r.documentNo); r.authority = mask(r.authority) ?? r.authority
        }
        return r
    }

    /// `text` with every occurrence of `name` replaced by `masked`, spaces and separators between
    /// the name's characters included (李 四, 张三　丰, 李·四); those around it are kept.
    public static func masking(_ name: [Character], in text: String, with masked: String) -> String {
        guard let first = name.first, text.contains(first) else { return text }
        let t = Array(text)
        var out = ""
        var i = 0
        while i < t.count {
            if t[i] == first {
                var j = i + 1, k = 1
                while k < name.count, j < t.count {
                    if t[j] == name[k] { j += 1; k += 1 } else if t[j].isWhitespace || nameSeparators.contains(t[j]) { j += 1 } else { break }
                }
                if k == name.count { out += masked; i = j; continue }
            }
            out.append(t[i]); i += 1
        }
        return out
    }

    /// A person's name without the spaces typed inside it (王　明, 欧阳 娜娜): masking counts
    /// the characters of the name itself, so 王　明 shows as 王*, not 王*明.
    public static func compactName(_ name: String) -> String {
        String(name.filter { !$0.isWhitespace })
    }

    /// The name itself: without spaces, without the dots and dashes between its parts
    /// (阿依古丽·买买提 → 阿依古丽买买提), and without what follows it in brackets
    /// (王小明（法定代表人）→ 王小明, 张三（曾用名张山峰）→ 张三).
    public static func personalName(_ name: String) -> String {
        let compact = compactName(name)
        return withoutSeparators(String(compact[..<bracketStart(compact)]))
    }

    /// The text without the dots and dashes that part a name's parts (for finding a name in it).
    public static func withoutSeparators(_ text: String) -> String { String(text.filter { !nameSeparators.contains($0) }) }

    /// What parts a name (the middle dot of minority names, and what is typed for it).
    static let nameSeparators: Set<Character> = ["·", "•", "‧", "・", "∙", ".", "．", "-", "－", "‐", "‑", "–", "—", "_", "＿"]

    /// Where the first bracket after the name starts (the end when there is none).
    static func bracketStart(_ compact: String) -> String.Index {
        guard let open = compact.firstIndex(where: { $0 == "（" || $0 == "(" }), open != compact.startIndex else { return compact.endIndex }
        return open
    }

    /// Roles a subject field may name after the person in brackets, shown as written: they name
    /// no one. Anything else in brackets (a former name, a relative) is masked with the name.
    static let roles: Set<String> = ["法定代表人", "负责人", "主要负责人", "经营者", "投资人", "实际控制人", "股东", "院长", "法人",
                                     "工作人员", "从业人员", "护理员", "养老护理员", "当事人", "举办者"]

    /// Whether `suffix` is one or more brackets each holding a known role: （法定代表人）（院长）.
    static func isRoles(_ suffix: Substring) -> Bool {
        let parts = suffix.split(whereSeparator: { "（）()".contains($0) })
        let brackets = suffix.filter { "（(".contains($0) }.count
        return !parts.isEmpty && parts.count == brackets && parts.allSatisfy { roles.contains(String($0)) }
            && suffix.last.map { "）)".contains($0) } == true
    }

    /// Whether brackets after the name hold words other than a known role (a former name, a
    /// relative): masked with the name, which staff are told.
    public static func hasOtherBracket(_ name: String) -> Bool {
        let compact = compactName(name)
        let start = bracketStart(compact)
        return start < compact.endIndex && !isRoles(compact[start...])
    }

    public static func maskPersonName(_ name: String) -> String {
        let compact = compactName(name)
        let start = bracketStart(compact)
        // A known role stays readable after the masked name; any other bracket is masked with it.
        let (body, role) = isRoles(compact[start...]) ? (String(compact[..<start]), String(compact[start...])) : (compact, "")
        let chars = Array(withoutSeparators(body))
        let masked = switch chars.count {
        case 0: ""
        case 1: "*"
        case 2: String(chars[0]) + "*"
        default: String(chars[0]) + String(repeating: "*", count: chars.count - 2) + String(chars[chars.count - 1])
        }
        return masked + role
    }
}

/// How long a record stays public after its decision.
public enum DisclosureWindow: Sendable, Equatable {
    /// Counted as the Civil Code counts periods (第二百零一条、第二百零三条): from the day
    /// after the decision to the corresponding day `n` months later, or that month's last
    /// day when it has none. 12 months from 2023-10-25 ends on 2024-10-25.
    case months(Int)
    /// `n` days, the decision day being the first.
    case days(Int)

    public func lastDay(decided: ISODate) -> ISODate {
        switch self {
        case .months(let n): decided.adding(months: n)
        case .days(let n): decided.adding(days: n - 1)
        }
    }

    /// "1 年", "18 个月", "365 天".
    public var wordsZH: String {
        switch self {
        case .months(let n): n % 12 == 0 ? "\(n / 12) 年" : "\(n) 个月"
        case .days(let n): "\(n) 天"
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
