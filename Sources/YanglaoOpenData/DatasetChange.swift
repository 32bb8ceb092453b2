import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What changed in one of the smaller datasets between two releases, row by row under its
/// key: the plan targets (within the indicators dataset), the basic-services list, the region
/// statistics, reported values and the regions. A target quietly lowered between releases is
/// a change readers must be able to see, as much as a facility's beds.
public struct DatasetChange: Sendable {
    public struct Row: Sendable {
        /// The key fields and their values, in the key's order, typed as in the dataset's JSON
        /// (a year a number), so the change list joins the datasets.
        public let key: [(field: String, value: JSONValue)]
        /// The row in words for a list ("临汾市 护理型床位占比 2025").
        public let label: String
        public let fields: [ChangeSet.FieldChange]
    }

    /// How a dataset is compared.
    public struct Rule: Sendable {
        /// The name in `changes.json` (`targets`, `services`, …).
        public let name: String
        /// The dataset file compared (`indicators` for `targets`).
        public let file: String
        public let key: [String]
        /// Fields compared; nil: every field but the key and `ignored`.
        public let fields: [String]?
        /// Fields whose values make up a row's label.
        public let label: [String]
        /// Words after the label ("年目标" after a target's year).
        public let suffix: String
        /// A row counts only when this field has a value (targets: rows with a target).
        public let requiring: String?
        /// Whether rows added are listed (a release lists its new ratings under `ratings.new`).
        public let listsAdded: Bool

        public init(name: String, file: String, key: [String], fields: [String]? = nil, label: [String], suffix: String = "", requiring: String? = nil,
                    listsAdded: Bool = true) {
            self.name = name; self.file = file; self.key = key; self.fields = fields; self.label = label; self.suffix = suffix; self.requiring = requiring
            self.listsAdded = listsAdded
        }
    }

    /// The datasets compared besides facilities, ratings and credit records (`ChangeSet`).
    /// Derived datasets (indicator values, bed gaps, the definitions) follow from these.
    public static let rules: [Rule] = [
        Rule(name: "targets", file: Datasets.indicators.name, key: ["indicator", "region_code", "target_year", "source"],
             fields: ["target", "target_year_stated", "comparator", "binding"], label: ["region_name", "indicator_name", "target_year"], suffix: " 年目标", requiring: "target"),
        Rule(name: "services", file: Datasets.services.name, key: ["id"], label: ["name"]),
        Rule(name: "region-stats", file: Datasets.regionStats.name, key: Datasets.regionStats.primaryKey, label: ["region_name", "year", "metric_name"]),
        Rule(name: "observations", file: Datasets.observations.name, key: Datasets.observations.primaryKey, label: ["region_name", "indicator_name", "year"]),
        Rule(name: "regions", file: Datasets.regions.name, key: Datasets.regions.primaryKey, label: ["name"]),
    ]

    /// The ratings row by row: a level, score or date rewritten, or a rating deleted, is a
    /// change readers must see (a facility's rating history is what families and the press check).
    static func ratings(state: Bool, listsAdded: Bool) -> Rule {
        Rule(name: "ratings", file: Datasets.ratings.name, key: ["id"],
             fields: ["institution_id", "level", "score", "rated_on", "valid_until", "assessor", "document_no", "withdrawn_on"] + (state ? ["state"] : []),
             label: ["institution_name", "rated_on"], suffix: " 评定", listsAdded: listsAdded)
    }

    /// A release compares the ratings too, without their state (which moves with the date:
    /// expiries and new decisions are in the summary's own count) and without the ratings
    /// added (listed under `ratings.new`).
    public static let releaseRules: [Rule] = rules + [ratings(state: false, listsAdded: false)]

    /// A correction (same data date) compares their states too: they cannot move with the date within one.
    public static let correctionRules: [Rule] = rules + [ratings(state: true, listsAdded: true)]

    /// A list longer than this is cut in `changes.json` (the counts stay whole).
    public static let listLimit = 2000

    public let name: String
    public init(name: String) { self.name = name }
    public var added: [Row] = []
    public var removed: [Row] = []
    public var changed: [Row] = []
    /// False when rows added are listed elsewhere (a release's new ratings): no `added` keys then.
    public var listsAdded = true
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// Compares a dataset's JSON file in two releases, a line at a time. Nil when the older
    /// release has no such file (written by an earlier yanglao): nothing can be said.
    public static func compare(_ rule: Rule, old: String, new: String, ignored: Set<String> = ["region_name", "indicator_name", "metric_name"]) throws -> DatasetChange? {
        guard FileManager.default.fileExists(atPath: old), FileManager.default.fileExists(atPath: new) else { return nil }
        // A row without the required field is told from its bytes, before it is parsed (a
        // national indicators file holds tens of thousands of rows, a hundred with a target).
        // Inside a JSON string the quotes would be escaped, so the pattern only matches the field.
        let absent = rule.requiring.map { Array("\"\($0)\":null".utf8) }
        func read(_ path: String) throws -> [String: [String: ChangeSet.Value]] {
            var rows: [String: [String: ChangeSet.Value]] = [:]
            try RowFile.forEachRow(path) { _, line in
                if let absent, Self.contains(line, absent) { return }
                let row = RowFile.row(line)
                if let required = rule.requiring, (row[required]?.text ?? "").isEmpty { return }
                rows[rule.key.map { row[$0]?.text ?? "" }.joined(separator: "\u{1F}")] = row
            }
            return rows
        }
        let before = try read(old), after = try read(new)
        var change = DatasetChange(name: rule.name)
        change.listsAdded = rule.listsAdded
        func row(_ values: [String: ChangeSet.Value], _ fields: [ChangeSet.FieldChange]) -> Row {
            Row(key: rule.key.map { ($0, values[$0]?.json ?? .null) },
                label: rule.label.compactMap { values[$0]?.text }.filter { !$0.isEmpty }.joined(separator: " ") + rule.suffix, fields: fields)
        }
        let skipped = ignored.union(rule.key)
        for k in after.keys.sorted() {
            let now = after[k]!
            guard let was = before[k] else {
                if rule.listsAdded { change.added.append(row(now, [])) }
                continue
            }
            var fields = ChangeSet.fieldChanges(was, now, ignored: skipped)
            if let compared = rule.fields { fields = fields.filter { compared.contains($0.field) } }
            // A column the older file does not have (written before it existed) is no change.
            fields = fields.filter { was[$0.field] != nil }
            if !fields.isEmpty { change.changed.append(row(now, fields)) }
        }
        for k in before.keys.sorted() where after[k] == nil { change.removed.append(row(before[k]!, [])) }
        return change
    }

    /// Whether `needle` occurs in `bytes`, by `memchr` and `memcmp` (Foundation's generic
    /// `firstRange(of:)` took 3 s of a national correction).
    static func contains(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count, let base = bytes.baseAddress else { return false }
        return needle.withUnsafeBytes { n in
            var at = base
            let last = base + (bytes.count - needle.count) // the last place a match can start
            while at <= last {
                guard let hit = memchr(at, Int32(first), last - at + 1) else { return false }
                if memcmp(hit, n.baseAddress!, n.count) == 0 { return true }
                at = UnsafeRawPointer(hit) + 1
            }
            return false
        }
    }

    public var json: JSONValue {
        func list(_ rows: [Row]) -> JSONValue {
            .array(rows.prefix(Self.listLimit).map { r in
                .object([("key", .object(r.key.map { ($0.field, $0.value) })), ("label", .string(r.label))]
                        + (r.fields.isEmpty ? [] : [("fields", .array(r.fields.map { .object([("field", .string($0.field)), ("from", $0.from), ("to", $0.to)]) }))]))
            })
        }
        return .object((listsAdded ? [("added_count", .int(added.count))] : []) + [("removed_count", .int(removed.count)), ("changed_count", .int(changed.count))]
            + (listsAdded ? [("added", list(added))] : []) + [("removed", list(removed)), ("changed", list(changed)),
            ("truncated", .bool(max(added.count, removed.count, changed.count) > Self.listLimit)),
        ])
    }

    /// The dataset's name in the change summaries.
    public var titleZH: String {
        switch name {
        case "targets": "规划目标"
        case "services": "基本养老服务清单"
        case "region-stats": "地区统计数据"
        case "observations": "报送数值和基数"
        case "regions": "行政区划"
        case "ratings": "等级评定结果"
        default: name
        }
    }

    /// "规划目标：新增 1 项，删除 0 项，变更 1 项".
    public var summaryZH: String {
        "\(titleZH)：" + [("新增", added.count), ("删除", removed.count), ("变更", changed.count)].filter { $0.1 > 0 }.map { "\($0.0) \($0.1) 项" }.joined(separator: "，")
    }
}
