import Foundation

/// What changed between two consecutive releases, computed from their JSON files.
public struct ChangeSet: Sendable {
    public struct FieldChange: Sendable {
        public let field: String
        /// The values as in the datasets' JSON: numbers as numbers, null as null.
        public let from: JSONValue
        public let to: JSONValue
    }

    public struct Institution: Sendable {
        public let id: String
        public let name: String
        public let fields: [FieldChange]
    }

    public var release: String
    public var previousRelease: String?
    public var added: [Institution] = []
    public var removed: [Institution] = []
    public var changed: [Institution] = []
    /// New rating decisions: id, institution id and name, level.
    public var newRatings: [(id: String, institutionID: String, institutionName: String, level: Int, ratedOn: String)] = []
    /// Newly disclosed credit records: id, institution id and name, kind.
    public var newDisclosures: [(id: String, institutionID: String, institutionName: String, kind: String)] = []
    /// Records disclosed before and no longer (their window ended, the record was repaired,
    /// corrected or deleted): only counted, their content is no longer public.
    public var withdrawnDisclosures = 0
    /// False when the credit records had nothing to be compared with (an output without them):
    /// a correction's list then says null, not 0.
    public var creditCounted = true
    /// How many records are disclosed now (the counts above are against what the site showed
    /// last, a correction published since the previous release included).
    public var disclosedNow = 0
    /// Row changes of the targets, services list, statistics, reported values and regions
    /// (`DatasetChange.releaseRules`, or `correctionRules` in a correction); only those with a change.
    public var datasets: [DatasetChange] = []
    /// For a first release: how much it holds (nothing is listed, everything is new).
    public var firstRelease: (institutions: Int, ratings: Int, disclosures: Int)?
    /// For a correction published under the release's date: its number, its day, and for
    /// each dataset compared the file it is compared with (the previous correction's where that
    /// holds the dataset, else the release's), as `data/…` paths. Credit records are not archived,
    /// so a correction's list has no count of them; its ratings are compared row by row
    /// (`datasets.ratings`: a corrected level is a change, not a new rating).
    public var correction: (number: Int, correctedOn: String?, comparedWith: [(dataset: String, path: String)])?

    /// The change list of the first release: counts only, so nothing has to be read back.
    public static func first(release: String, institutions: Int, ratings: Int, disclosures: Int) -> ChangeSet {
        var c = ChangeSet(release: release, previousRelease: nil, institutions: ([:], [:]), ratings: ([:], [:]), credit: ([:], [:]))
        c.firstRelease = (institutions, ratings, disclosures)
        c.disclosedNow = disclosures
        return c
    }

    /// One value of a dataset row: its text for comparing and showing, and its JSON form.
    public struct Value: Sendable {
        public let text: String
        public let json: JSONValue
    }

    /// Rows of a dataset JSON file (an array of objects) keyed by `id`.
    public typealias Rows = [String: [String: Value]]

    /// Reads a dataset JSON file written by `DatasetWriter`. Missing file: nil.
    public static func rows(jsonFile path: String) throws -> Rows? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [:] }
        var out: Rows = [:]
        for object in array {
            guard let id = object["id"] as? String else { continue }
            var row: [String: Value] = [:]
            for (k, v) in object { row[k] = value(v) }
            out[id] = row
        }
        return out
    }

    /// The text shown for a value read back from JSON (null: empty).
    public static func display(_ v: Any) -> String { value(v).text }

    static func value(_ v: Any) -> Value {
        switch v {
        case is NSNull: return Value(text: "", json: .null)
        case let s as String: return Value(text: s, json: .string(s))
        // Foundation on Linux returns JSON booleans as __NSCFBoolean and numbers as NSNumber; both cast to Bool.
        case let b as Bool where String(describing: type(of: v)).contains("Boolean"):
            return Value(text: b ? "true" : "false", json: .bool(b))
        case let n as NSNumber:
            let text = n.stringValue
            if let i = Int(text) { return Value(text: text, json: .int(i)) }
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            return Value(text: text, json: .number(n.doubleValue, decimals: decimals))
        default: return Value(text: "\(v)", json: .string("\(v)"))
        }
    }

    /// Compares two states. `previous` nil means this is the first release.
    /// Fields listed in `ignored` (derived ones such as the region name) are not reported.
    public init(release: String, previousRelease: String?, institutions: (old: Rows, new: Rows),
                ratings: (old: Rows, new: Rows), credit: (old: Rows, new: Rows), ignored: Set<String> = ["region_name"]) {
        self.release = release
        self.previousRelease = previousRelease
        let (oldI, newI) = institutions
        for id in newI.keys.sorted() {
            let row = newI[id]!
            guard let before = oldI[id] else {
                added.append(Institution(id: id, name: row["name"]?.text ?? "", fields: []))
                continue
            }
            let fields = Self.fieldChanges(before, row, ignored: ignored)
            if !fields.isEmpty { changed.append(Institution(id: id, name: row["name"]?.text ?? "", fields: fields)) }
        }
        for id in oldI.keys.sorted() where newI[id] == nil {
            removed.append(Institution(id: id, name: oldI[id]!["name"]?.text ?? "", fields: []))
        }
        for id in ratings.new.keys.sorted() where ratings.old[id] == nil {
            let r = ratings.new[id]!
            newRatings.append((id, r["institution_id"]?.text ?? "", r["institution_name"]?.text ?? "",
                               Int(r["level"]?.text ?? "") ?? 0, r["rated_on"]?.text ?? ""))
        }
        for id in credit.new.keys.sorted() where credit.old[id] == nil {
            let c = credit.new[id]!
            newDisclosures.append((id, c["institution_id"]?.text ?? "", c["institution_name"]?.text ?? "", c["kind"]?.text ?? ""))
        }
        withdrawnDisclosures = credit.old.keys.filter { credit.new[$0] == nil }.count
        disclosedNow = credit.new.count
    }

    /// The fields whose values differ between two versions of a row, by name.
    static func fieldChanges(_ before: [String: Value], _ row: [String: Value], ignored: Set<String>) -> [FieldChange] {
        Set(before.keys).union(row.keys).subtracting(ignored).sorted().compactMap { f -> FieldChange? in
            var a = before[f]
            let b = row[f]
            // Files written before facilities that take no rating had an empty rating_state
            // said "unrated" for them: the same fact, not a change.
            if f == "rating_state", a?.text == "unrated", (b?.text ?? "").isEmpty, row["category"]?.text != "institution" { a = b }
            return (a?.text ?? "") == (b?.text ?? "") ? nil : FieldChange(field: f, from: a?.json ?? .null, to: b?.json ?? .null)
        }
    }

    /// The same comparison as `init(…)`, read from the releases' JSON files a line at a time:
    /// a row is parsed only when it is new, gone or not byte-identical, so two national
    /// releases (400 000 facilities, 1 M credit records) are compared in tens of megabytes
    /// instead of gigabytes. A missing file counts as empty.
    public static func compare(release: String, previousRelease: String?, institutions: (old: String, new: String),
                               ratings: (old: String, new: String), credit: (old: String, new: String),
                               ignored: Set<String> = ["region_name"]) throws -> ChangeSet {
        var c = ChangeSet(release: release, previousRelease: previousRelease, institutions: ([:], [:]), ratings: ([:], [:]), credit: ([:], [:]))
        // Facilities: each old row's id, line hash and place; each new row compared by hash.
        var old: [ByteKey: (hash: ByteKey, offset: Int, length: Int)] = [:]
        try RowFile.forEachRow(institutions.old) { offset, line in
            old[RowFile.key(line)] = (ByteKey(line), offset, line.count)
        }
        var seen: Set<ByteKey> = []
        seen.reserveCapacity(old.count)
        let before = RowFile(path: institutions.old)
        try RowFile.forEachRow(institutions.new) { _, line in
            let key = RowFile.key(line)
            guard let was = old[key] else {
                let row = RowFile.row(line)
                c.added.append(Institution(id: row["id"]?.text ?? "", name: row["name"]?.text ?? "", fields: []))
                return
            }
            seen.insert(key)
            guard was.hash != ByteKey(line) else { return }
            let row = RowFile.row(line)
            let fields = fieldChanges(try before.row(at: was.offset, length: was.length), row, ignored: ignored)
            if !fields.isEmpty { c.changed.append(Institution(id: row["id"]?.text ?? "", name: row["name"]?.text ?? "", fields: fields)) }
        }
        for (key, was) in old where !seen.contains(key) {
            let row = try before.row(at: was.offset, length: was.length)
            c.removed.append(Institution(id: row["id"]?.text ?? "", name: row["name"]?.text ?? "", fields: []))
        }
        c.added.sort { $0.id < $1.id }; c.changed.sort { $0.id < $1.id }; c.removed.sort { $0.id < $1.id }
        // Ratings and credit records: only which ids are new (and, for records, gone).
        func ids(_ path: String) throws -> Set<ByteKey> {
            var out: Set<ByteKey> = []
            try RowFile.forEachRow(path) { _, line in out.insert(RowFile.key(line)) }
            return out
        }
        let oldRatings = try ids(ratings.old)
        try RowFile.forEachRow(ratings.new) { _, line in
            guard !oldRatings.contains(RowFile.key(line)) else { return }
            let r = RowFile.row(line)
            c.newRatings.append((r["id"]?.text ?? "", r["institution_id"]?.text ?? "", r["institution_name"]?.text ?? "",
                                 Int(r["level"]?.text ?? "") ?? 0, r["rated_on"]?.text ?? ""))
        }
        c.newRatings.sort { $0.id < $1.id }
        let oldCredit = try ids(credit.old)
        var kept = 0
        try RowFile.forEachRow(credit.new) { _, line in
            guard !oldCredit.contains(RowFile.key(line)) else { kept += 1; return }
            let r = RowFile.row(line)
            c.newDisclosures.append((r["id"]?.text ?? "", r["institution_id"]?.text ?? "", r["institution_name"]?.text ?? "", r["kind"]?.text ?? ""))
        }
        c.newDisclosures.sort { $0.id < $1.id }
        c.withdrawnDisclosures = oldCredit.count - kept
        c.disclosedNow = kept + c.newDisclosures.count
        return c
    }

    /// How the rows of two versions of a dataset's JSON differ by key: rows only in the new
    /// one, only in the old one, and in both with another line (a changed fine, a corrected
    /// document number). For credit records, which no release or correction archives.
    public static func rowDifferences(old: String, new: String) throws -> (added: Int, removed: Int, changed: Int) {
        var before: [ByteKey: ByteKey] = [:]
        try RowFile.forEachRow(old) { _, line in before[RowFile.key(line)] = ByteKey(line) }
        var added = 0, changed = 0, kept = 0
        try RowFile.forEachRow(new) { _, line in
            guard let was = before[RowFile.key(line)] else { added += 1; return }
            kept += 1
            if was != ByteKey(line) { changed += 1 }
        }
        return (added, before.count - kept, changed)
    }

    /// Whether two JSON files of a dataset hold the same data: the same rows in the same
    /// order, each new row equal to the old one on every field the old file has (a newer
    /// yanglao may add columns it works out, such as a region's name). A file written
    /// differently with the same data is no correction.
    /// `ignoring`: fields yanglao works out itself (`Datasets.derivedFields`): a newer yanglao's
    /// judgement of the same rows (a status it now names `met_early`) is no correction of the data.
    public static func sameData(old: String, new: String, ignoring: Set<String> = []) throws -> Bool {
        // Both files a line at a time, side by side, stopping at the first row that differs:
        // a correction is usually told within its first rows, and nothing is held in memory.
        guard let a = RowReader(path: old), let b = RowReader(path: new) else { return false }
        while true {
            let x = a.next(), y = b.next()
            guard let x, let y else {
                if x == nil && y == nil { return true }
                return try sameRowsByID(old: old, new: new, ignoring: ignoring)
            }
            if x.elementsEqual(y) { continue }
            if sameFields(x.withUnsafeBytes { RowFile.row($0) }, y.withUnsafeBytes { RowFile.row($0) }, ignoring: ignoring) { continue }
            // The same row changed is a change; another row in its place may be the same rows reordered.
            let ids = (x.withUnsafeBytes { RowFile.idBytes($0).map(Array.init) }, y.withUnsafeBytes { RowFile.idBytes($0).map(Array.init) })
            if let p = ids.0, let q = ids.1, p == q { return false }
            return try sameRowsByID(old: old, new: new, ignoring: ignoring)
        }
    }

    /// Each new row equal to the old one on every field the old row has.
    static func sameFields(_ before: [String: Value], _ after: [String: Value], ignoring: Set<String> = []) -> Bool {
        func isNull(_ v: Value?) -> Bool { if case .null = v?.json { true } else { false } }
        return !before.isEmpty && before.allSatisfy { key, value in
            ignoring.contains(key) || after[key]?.text == value.text && isNull(after[key]) == isNull(value)
        }
    }

    /// The same rows in another order, for a dataset whose rows have ids: facilities are listed
    /// by pinyin since the twentieth round (by code point before), and the release of the same
    /// data holds them in the old order — not a correction. Only the ids and places are held.
    static func sameRowsByID(old: String, new: String, ignoring: Set<String> = []) throws -> Bool {
        var rows: [ByteKey: (hash: ByteKey, offset: Int, length: Int)] = [:]
        var keyed = true
        try RowFile.forEachRow(old) { offset, line in
            guard keyed, RowFile.idBytes(line) != nil else { keyed = false; return }
            rows[RowFile.key(line)] = (ByteKey(line), offset, line.count)
        }
        guard keyed, !rows.isEmpty else { return false }
        let before = RowFile(path: old)
        var matched = 0, same = true
        try RowFile.forEachRow(new) { _, line in
            guard same else { return }
            guard RowFile.idBytes(line) != nil, let was = rows[RowFile.key(line)] else { same = false; return }
            matched += 1
            if was.hash == ByteKey(line) { return }
            same = sameFields(try before.row(at: was.offset, length: was.length), RowFile.row(line), ignoring: ignoring)
        }
        return same && matched == rows.count
    }

    /// The rows of a release's JSON file (`institutions.json`) whose id `current` does not
    /// hold, as id and name, sorted by id: read a line at a time, parsing only those rows.
    public static func rows(notIn current: Set<String>, jsonFile path: String) throws -> [(id: String, name: String)] {
        var out: [(id: String, name: String)] = []
        try RowFile.forEachRow(path) { _, line in
            if let id = RowFile.idBytes(line), current.contains(String(decoding: id, as: UTF8.self)) { return }
            let row = RowFile.row(line)
            guard let id = row["id"]?.text, !current.contains(id) else { return }
            out.append((id, row["name"]?.text ?? id))
        }
        return out.sorted { $0.id < $1.id }
    }

    public var json: JSONValue {
        func inst(_ i: Institution) -> JSONValue {
            var pairs: [(String, JSONValue)] = [("id", .string(i.id)), ("name", .string(i.name))]
            if !i.fields.isEmpty {
                pairs.append(("fields", .array(i.fields.map {
                    .object([("field", .string($0.field)), ("from", $0.from), ("to", $0.to)])
                })))
            }
            return .object(pairs)
        }
        // A first release lists nothing (everything in it is new): it says so, with what it holds,
        // so a script reading empty lists does not take them for "nothing changed".
        let first: [(String, JSONValue)] = firstRelease.map { f in
            [("first_release_contents", .object([("institutions", .int(f.institutions)), ("ratings", .int(f.ratings)),
                                                  ("credit_records_disclosed", .int(f.disclosures))]))]
        } ?? []
        let institutionsJSON: (String, JSONValue) = ("institutions", .object([
            ("added", .array(added.map(inst))), ("removed", .array(removed.map(inst))), ("changed", .array(changed.map(inst))),
        ]))
        if let c = correction {
            return .object([
                ("release", .string(release)),
                ("correction", .int(c.number)),
                ("corrected_on", c.correctedOn.map { .string($0) } ?? .null),
                ("compared_with", .object(c.comparedWith.map { ($0.dataset, .string($0.path)) })),
                ("summary_zh", .string(summaryZH)),
                institutionsJSON,
                // Counts against what the site showed before the correction (records are never archived).
                ("credit_records", creditCounted ? .object([("new_count", .int(newDisclosures.count)), ("withdrawn_count", .int(withdrawnDisclosures))]) : .null),
                ("datasets", .object(datasets.map { ($0.name, $0.json) })),
            ])
        }
        return .object([
            ("release", .string(release)),
            ("previous_release", previousRelease.map { .string($0) } ?? .null),
            ("first_release", .bool(firstRelease != nil)),
        ] + first + [
            ("summary_zh", .string(summaryZH)),
            institutionsJSON,
            ("ratings", .object([("new", .array(newRatings.map {
                .object([("id", .string($0.id)), ("institution_id", .string($0.institutionID)),
                         ("institution_name", .string($0.institutionName)), ("level", .int($0.level)), ("rated_on", .string($0.ratedOn))])
            }))])),
            // Counts only: a release never changes, and a record may be shown only inside its
            // disclosure window, so no record is named here (the credit page lists the current ones).
            ("credit_records", .object([
                ("new_count", .int(newDisclosures.count)),
                ("withdrawn_count", .int(withdrawnDisclosures)),
                ("disclosed_count", .int(disclosedNow)),
            ])),
            ("datasets", .object(datasets.map { ($0.name, $0.json) })),
        ])
    }

    /// Facilities whose status became closed: said in the summary, not only in the list below it.
    var closedCount: Int { changed.filter { $0.fields.contains { $0.field == "status" && $0.to == .string("closed") } }.count }
    /// Facilities whose only change is their rating's state or level (a rating lapsed or took
    /// effect with nobody editing them), listed apart on the change list page.
    var ratingOnlyCount: Int {
        changed.filter { c in !c.fields.isEmpty && c.fields.allSatisfy { ["rating_state", "rating_level"].contains($0.field) } }.count
    }
    private var changedZH: String {
        // Said as the change list page lists them (a correction lists every change together).
        // Only the rating's state or level changed: by its end date, a withdrawal or a new rating taking effect.
        let parts = [("关闭", closedCount), ("等级状态变化", correction == nil ? ratingOnlyCount : 0)].filter { $0.1 > 0 }
        return "信息变更 \(changed.count) 处" + (parts.isEmpty ? "" : "（其中" + parts.map { "\($0.0) \($0.1) 处" }.joined(separator: "，") + "）")
    }

    /// The facilities changed, one line each with their fields as the Excel file heads them
    /// ("曲沃县福寿养老院（52141021MA0K00001W）：床位数 100 → 110"), the first `limit` of them and
    /// then how many more: for the build's summary, so staff see what they are publishing.
    public func changedLinesZH(limit: Int = 5) -> [String] {
        let fields = Datasets.institutions.fields
        // The value as the CSV writes it, then in words as the change list pages say it.
        func word(_ v: JSONValue, _ field: DatasetField?) -> String {
            switch v {
            case .null: return DatasetField.word("", field)
            case .bool(let b): return b ? "是" : "否"
            case .string(let s): return DatasetField.word(s, field)
            default: return DatasetField.word(v.compact, field)
            }
        }
        let lines = changed.prefix(limit).map { c in
            "\(c.name)（\(c.id)）：" + c.fields.map { f in
                let field = fields.first { $0.name == f.field }
                return "\(field?.title ?? f.field) \(word(f.from, field)) → \(word(f.to, field))"
            }.joined(separator: "；")
        }
        return lines + (changed.count > limit ? ["另有 \(changed.count - limit) 处，见网站 data/changes/ 页"] : [])
    }

    /// One line for the feed and the changelog.

    public var summaryZH: String {
        if let f = firstRelease { return "首次发布：\(f.institutions) 处机构和设施，\(f.ratings) 条评定结果，\(f.disclosures) 条公示中的信用记录。" }
        let others = datasets.filter { !$0.isEmpty }.map(\.summaryZH)
        if correction != nil {
            // Only what the correction changed: it is read beside the release's own list.
            let facilities = [("新增机构", added.count), ("移出名录", removed.count)].filter { $0.1 > 0 }.map { "\($0.0) \($0.1) 处" }
                + (changed.isEmpty ? [] : [changedZH])
            let credit = [("新公示", newDisclosures.count), ("不再公示", withdrawnDisclosures)].filter { $0.1 > 0 }.map { "\($0.0) \($0.1) 条" }
            let parts = (facilities.isEmpty ? [] : ["机构：" + facilities.joined(separator: "，")]) + others
                + (credit.isEmpty ? [] : ["信用记录：" + credit.joined(separator: "，")])
            return parts.isEmpty ? "更正的数据由其他数据计算得出（如指标数值），逐行见更正的文件。" : "更正内容——" + parts.joined(separator: "；") + "。"
        }
        return "新增机构 \(added.count) 处，移出名录 \(removed.count) 处，\(changedZH)；新评定 \(newRatings.count) 条；新公示信用记录 \(newDisclosures.count) 条，不再公示 \(withdrawnDisclosures) 条（公示期满、信用修复或记录更正），公示中共 \(disclosedNow) 条"
            + (others.isEmpty ? "" : "；" + others.joined(separator: "；")) + "。"
    }
}

/// The row lines of a dataset JSON file, one at a time (without the comma).
final class RowReader {
    private let file: UnsafeMutablePointer<FILE>
    private var line: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    init?(path: String) {
        guard let file = fopen(path, "rb") else { return nil }
        self.file = file
    }

    deinit { fclose(file); free(line) }

    func next() -> [UInt8]? {
        while true {
            let n = getline(&line, &capacity, file)
            guard n > 0, let bytes = line else { return nil }
            var length = n
            while length > 0, bytes[length - 1] == 0x0A || bytes[length - 1] == 0x0D { length -= 1 }
            if length > 0, bytes[length - 1] == 0x2C { length -= 1 }
            if length > 1, bytes[0] == 0x7B {
                return Array(UnsafeRawBufferPointer(start: bytes, count: length))
            }
        }
    }
}

/// A dataset JSON file as `DatasetWriter` writes it: "[", one object a line (a comma after
/// all but the last), "]".
final class RowFile {
    private let handle: FileHandle?

    /// Open for reading rows again by their place (`row(at:length:)`).
    init(path: String) { handle = FileHandle(forReadingAtPath: path) }
    deinit { try? handle?.close() }

    /// The key a row is matched by: its id (or, for an id that is not plain, its id read properly).
    static func key(_ line: UnsafeRawBufferPointer) -> ByteKey {
        if let id = idBytes(line) { return ByteKey(id) }
        var id = row(line)["id"]?.text ?? ""
        return id.withUTF8 { ByteKey(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with each row line's offset in the file and its bytes (without the comma).
    /// A missing file has no rows.
    static func forEachRow(_ path: String, _ body: (Int, UnsafeRawBufferPointer) throws -> Void) throws {
        guard let file = fopen(path, "rb") else { return }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        var offset = 0
        while true {
            let n = getline(&line, &capacity, file)
            guard n > 0, let bytes = line else { break }
            var length = n
            while length > 0, bytes[length - 1] == 0x0A || bytes[length - 1] == 0x0D { length -= 1 }
            if length > 0, bytes[length - 1] == 0x2C { length -= 1 }
            if length > 1, bytes[0] == 0x7B { try body(offset, UnsafeRawBufferPointer(start: bytes, count: length)) }
            offset += n
        }
    }

    /// The bytes of the row's id when the line starts `{"id":"…"` with no escape in the id;
    /// nil otherwise (the caller then keys the row by its whole line, as unique as the id).
    static func idBytes(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let prefix: [UInt8] = Array(#"{"id":""#.utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        var end = prefix.count
        while end < line.count, line[end] != 0x22 {
            if line[end] == 0x5C { return nil }
            end += 1
        }
        return UnsafeRawBufferPointer(rebasing: line[prefix.count..<end])
    }

    /// A row line parsed into its values.
    static func row(_ line: UnsafeRawBufferPointer) -> [String: ChangeSet.Value] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return [:] }
        var row: [String: ChangeSet.Value] = [:]
        for (k, v) in object { row[k] = ChangeSet.value(v) }
        return row
    }

    /// The row at `offset` (as `forEachRow` gave it), read again from the file.
    func row(at offset: Int, length: Int) throws -> [String: ChangeSet.Value] {
        guard let handle else { return [:] }
        try handle.seek(toOffset: UInt64(offset))
        let data = try handle.read(upToCount: length) ?? Data()
        return data.withUnsafeBytes { Self.row($0) }
    }
}
