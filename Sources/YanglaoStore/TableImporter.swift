import Foundation

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable {
    public let table: String
    public let encoding: TextEncoding
    /// The sheet read, when the file was an .xlsx workbook.
    public var sheet: String?
    public let inserted: Int
    public let updated: Int
    /// Rows of the file the same as the stored ones (left alone).
    public let unchanged: Int
    /// True for `--replace`: rows the file does not hold were removed.
    public let replaced: Bool
    /// Rows removed by `--replace` (not in the file).
    public let deleted: Int
    /// The first of them by key, for the report.
    public var removedKeys: [String] = []
    /// True when nothing was kept (`yanglao import --dry-run` sets it on the report of the copy it imported into).
    public var dryRun: Bool
    /// Columns of the file skipped because the site works them out (`Schema.publishedOnlyColumns`).
    public let ignoredColumns: [String]
    /// Rows of the table the file does not hold, left as they were (an update only).
    public let notInFile: Int
    /// What the import changed in stored rows: the first rows by key with
    /// each changed column's value before and after, so staff can check the edit was the one meant.
    public var changedRows: [(key: String, line: Int, fields: [(column: String, from: String, to: String)])] = []
    /// How many stored rows changed in each column.
    public var changedColumns: [(column: String, rows: Int)] = []
    /// Rows changed in a column that few rows changed (at most `rareChange`), beyond the first
    /// of `changedRows`: one unintended edit among a hundred intended ones is still shown.
    public var rareChanges: [(key: String, line: Int, fields: [(column: String, from: String, to: String)])] = []
    static let rareChange = 5
    /// Rows whose `updated_on` the import moved back to an earlier day (an old export imported
    /// again undoes the changes made since): how many, and the first five by line.
    public var updateDayGoesBack: (count: Int, first: [(key: String, line: Int, from: String, to: String)]) = (0, [])
    /// The first rows the import added, in the file's order: key (with the name where the table has one) and line.
    public var insertedRows: [(key: String, line: Int)] = []
    /// The first rows kept because the file does not hold them (an update), with their names.
    public var keptKeys: [String] = []
    /// The schema version the database had when this import upgraded it (nil: it was current).
    public var upgradedFrom: Int?
    /// Added rows named like a kept row of the same region (a facility whose code was corrected
    /// in the spreadsheet is a new row beside the old one): line, new key, old key, name.
    public var renamedKeys: [(line: Int, new: String, old: String, name: String)] = []
    /// The file's line of each row written (inserted or changed), by rowid.
    public var lineOfRow: [Int: Int] = [:]

    /// `3 inserted, 2 updated, 1066 unchanged`, and for a full replace
    /// `replaced the table: 3 inserted, 2 updated, 1066 unchanged, 1 removed` (`replacing` in a dry run).
    /// The region whose rows a `--region` import replaces or updates; nil for the whole table.
    public var region: String?

    public var summary: String {
        (replaced ? "\(dryRun ? "replacing" : "replaced") \(region.map { "the rows of region \($0)" } ?? "the table"): " : "")
            + "\(inserted) inserted, \(updated) updated, \(unchanged) unchanged" + (replaced ? ", \(deleted) removed" : "")
    }

    /// The counts in Chinese, for staff: "新增 3 行，修改 2 行，未变 1066 行".
    public var summaryZH: String {
        "新增 \(inserted) 行，修改 \(updated) 行，未变 \(unchanged) 行" + (replaced ? "，删除 \(deleted) 行" : "")
    }
}

extension TableImporter {
    /// Rows of the file that, updating a rating or credit record by its number, move it to another
    /// facility: almost always a new record typed with a number already used (C00100 for a new
    /// penalty), which would replace another facility's record and take it off the site unsaid.
    /// (Moving it to the same facility under a corrected code is allowed.)
    static func reusedKeys(_ db: Database, table: String, file: String, lines: [Int: Int]) throws -> [StoreError] {
        // A facility whose code was corrected (the same name and county under a new code) takes
        // its records along: the way docs/staff-guide.zh.md gives for a mistyped code.
        let moved = try db.prepare("SELECT c.rid, c.old, c.new, i.name FROM yl_changed c LEFT JOIN institutions i ON i.id = c.old "
            + "LEFT JOIN institutions n ON n.id = c.new WHERE c.col = 'institution_id' "
            + "AND NOT (i.name IS NOT NULL AND i.name = n.name AND i.region_code = n.region_code) ORDER BY c.rid")
        var found: [(rid: Int, old: String, new: String, name: String)] = []
        while try moved.step() { found.append((moved.int(0), moved.string(1), moved.string(2), moved.string(3))) }
        guard !found.isEmpty else { return [] }
        // The next free number of the same form (C00100 → one past the largest C0xxxx), when the keys have one.
        // A key as its letters and its trailing number ("C", "00100"); nil without a number.
        func split(_ id: String) -> (prefix: String, digits: Substring)? {
            let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }.count
            guard digits > 0, digits <= 18 else { return nil }
            return (String(id.dropLast(digits)), id.suffix(digits))
        }
        var largest: [String: (width: Int, value: Int)] = [:]
        let keys = try db.prepare("SELECT id FROM \(table)")
        while try keys.step() {
            guard let p = split(keys.string(0)), let n = Int(p.digits) else { continue }
            if n >= largest[p.prefix]?.value ?? -1 { largest[p.prefix] = (p.digits.count, n) }
        }
        return try found.map { f in
            let key = try db.key(table: table, rowid: f.rid)
            var next: String?
            if let p = split(key), let l = largest[p.prefix] {
                let digits = String(l.value + 1)
                next = p.prefix + String(repeating: "0", count: max(0, l.width - digits.count)) + digits
            }
            return .keyReused(file: file, line: lines[f.rid] ?? 0, reuse: KeyReuse(table: table, key: key,
                              facility: f.name.isEmpty ? f.old : "\(f.name)（\(f.old)）", given: f.new, next: next))
        }
    }

    /// Updates of facilities that look like a mistake, not a rename: a row that renames a
    /// facility and moves it to another region (a new facility typed with a used code), or
    /// an import renaming more than half of the facilities it holds (at least 5; a name
    /// column sorted apart from its rows).
    static func renamedFacilities(_ db: Database, file: String, lines: [Int: Int], rows: Int) throws -> [StoreError] {
        let renames = try db.prepare("SELECT n.rid, n.old, n.new, r.old, r.new FROM yl_changed n "
            + "LEFT JOIN yl_changed r ON r.rid = n.rid AND r.col = 'region_code' WHERE n.col = 'name' ORDER BY n.rid")
        var moved: [(line: Int, change: FacilityChange)] = []
        var renamed: [(line: Int, text: String)] = []
        while try renames.step() {
            let rid = renames.int(0), line = lines[renames.int(0)] ?? 0
            let (oldName, newName) = (renames.string(1), renames.string(2))
            // Other spaces or bracket widths are the same name (no rename to count).
            if DatabaseLoader.plain(oldName) != DatabaseLoader.plain(newName) { renamed.append((line, "\(oldName) → \(newName)")) }
            if renames.value(3) != .null, renames.string(3) != renames.string(4) {
                moved.append((line, FacilityChange(id: try db.key(table: "institutions", rowid: rid), oldName: oldName, newName: newName,
                                                   oldRegion: renames.string(3), newRegion: renames.string(4))))
            }
        }
        if !moved.isEmpty { return moved.sorted { $0.line < $1.line }.map { .facilityTakenOver(file: file, line: $0.line, change: $0.change) } }
        if renamed.count >= 5, renamed.count * 2 > rows {
            return [.manyRenamed(file: file, renamed: renamed.count, of: rows,
                                 examples: renamed.sorted { $0.line < $1.line }.prefix(3).map { "line \($0.line): \($0.text)" })]
        }
        // A new name that another facility of the file had until now: two names swapped, or names shifted a row.
        let names = try db.prepare("SELECT n.rid, n.new, o.rid FROM yl_changed n JOIN yl_changed o ON o.col = 'name' AND o.old = n.new AND o.rid <> n.rid WHERE n.col = 'name'")
        var shuffled: [(line: Int, name: String, from: Int)] = []
        while try names.step() { shuffled.append((lines[names.int(0)] ?? 0, names.string(1), lines[names.int(2)] ?? 0)) }
        shuffled.sort { $0.line < $1.line }
        guard !shuffled.isEmpty else { return [] }
        let shown = shuffled.prefix(3)
        return [.namesShuffled(file: file, lines: shown.map(\.line), names: shown.map(\.name), from: shown.map(\.from))]
    }

    /// A facility this import renamed keeps its earlier name in `former_names` (曾用名, the latest
    /// first), so that people who know it by that name still find it on the site — unless the
    /// file gave its former names itself. Not recorded: a name typed again with other spaces or
    /// bracket widths, a name another facility has now (two names swapped by mistake), and the
    /// name left when the facility goes back to its latest former name (a rename undone: that
    /// one leaves the list). The list keeps to the column's length, the oldest names dropped.
    /// (Before `readChanges`: the report shows the former names it wrote.)
    static func recordFormerNames(_ db: Database) throws {
        let renamed = try db.prepare("SELECT n.rid, n.old, n.new, i.former_names FROM yl_changed n JOIN institutions i ON i.rowid = n.rid "
            + "WHERE n.col = 'name' AND NOT EXISTS (SELECT 1 FROM yl_changed f WHERE f.rid = n.rid AND f.col = 'former_names') ORDER BY n.rid")
        let other = try db.prepare("SELECT 1 FROM institutions WHERE name = ? AND rowid <> ?")
        let limit = TextLimit.maximum(table: "institutions", column: "former_names")
        var updates: [(rowid: Int, names: String?)] = []
        while try renamed.step() {
            let rowid = renamed.int(0), left = renamed.string(1), current = renamed.string(2)
            let before = Schema.formerNames(renamed.isNull(3) ? nil : renamed.string(3))
            var names: [String]
            if before.first == current {
                names = Array(before.dropFirst())
            } else if DatabaseLoader.plain(left) == DatabaseLoader.plain(current) {
                continue
            } else {
                try other.bind([.text(left), .int(Int64(rowid))])
                let taken = try other.step()
                names = (taken ? [] : [left]) + before
            }
            var seen: Set<String> = []
            names = names.filter { $0 != current && seen.insert($0).inserted }
            while names.joined(separator: Schema.formerNameSeparator).unicodeScalars.count > limit { names.removeLast() }
            updates.append((rowid, names.isEmpty ? nil : names.joined(separator: Schema.formerNameSeparator)))
        }
        let set = try db.prepare("UPDATE institutions SET former_names = ? WHERE rowid = ?")
        for u in updates {
            try set.bind([u.names.map(SQLValue.text) ?? .null, .int(Int64(u.rowid))])
            while try set.step() {}
        }
    }

    /// What the watch trigger saw: counts by column, and the first rows in the file's order with
    /// their changed cells as staff wrote them. Then the trigger and its table are dropped.
    /// `fileKeys`: the keys of the file's rows (a row not among them is kept by an update).
    static func readChanges(_ db: Database, table: String, columns: [String], lines: [Int: Int], fileKeys: [[SQLValue]: Int],
                            into report: inout ImportReport) throws {
        let counts = try db.prepare("SELECT col, count(*) FROM yl_changed GROUP BY col")
        var byColumn: [String: Int] = [:]
        while try counts.step() { byColumn[counts.string(0)] = counts.int(1) }
        report.changedColumns = columns.compactMap { c in byColumn[c].map { (c, $0) } }
        if columns.contains("updated_on") {
            let back = try db.prepare("SELECT rid, old, new FROM yl_changed WHERE col = 'updated_on' AND new IS NOT NULL AND old IS NOT NULL AND new < old")
            var rows: [(rid: Int, line: Int, from: String, to: String)] = []
            while try back.step() { rows.append((back.int(0), lines[back.int(0)] ?? 0, back.string(1), back.string(2))) }
            report.updateDayGoesBack.count = rows.count
            report.updateDayGoesBack.first = try rows.sorted { $0.line < $1.line }.prefix(5).map { (try db.key(table: table, rowid: $0.rid), $0.line, $0.from, $0.to) }
        }
        let rids = try db.prepare("SELECT DISTINCT rid FROM yl_changed")
        var changed: [(rid: Int, line: Int)] = []
        while try rids.step() { changed.append((rids.int(0), lines[rids.int(0)] ?? 0)) }
        let cell = try db.prepare("SELECT col, old, new FROM yl_changed WHERE rid = ?")
        func fields(_ rid: Int) throws -> [(String, String, String)] {
            try cell.bind([.int(Int64(rid))])
            var fields: [(String, String, String)] = []
            while try cell.step() {
                let (a, b) = ChangeText.pair(ChangeText.written(cell.value(1), table: table, column: cell.string(0)),
                                             ChangeText.written(cell.value(2), table: table, column: cell.string(0)))
                fields.append((cell.string(0), a, b))
            }
            return fields
        }
        let ordered = changed.sorted(by: { $0.line < $1.line })
        for (rid, line) in ordered.prefix(20) {
            report.changedRows.append((try db.key(table: table, rowid: rid), line, try fields(rid)))
        }
        // Beyond those, the rows of a column few rows changed (the one bed count among 200 dates).
        let rare = Set(report.changedColumns.filter { $0.rows <= ImportReport.rareChange }.map(\.column))
        if ordered.count > 10, !rare.isEmpty {
            let rareRows = try db.prepare("SELECT DISTINCT rid FROM yl_changed WHERE col IN (\(rare.map { "'\($0)'" }.joined(separator: ", ")))")
            var rids: Set<Int> = []
            while try rareRows.step() { rids.insert(rareRows.int(0)) }
            for (rid, line) in ordered.dropFirst(10) where rids.contains(rid) {
                report.rareChanges.append((try db.key(table: table, rowid: rid), line, try fields(rid)))
            }
        }
        // The rows added, with their names (staff know names, not codes).
        let named = try columns.contains("name") && !db.primaryKey(of: table).contains("name")
        let added = try db.prepare("SELECT rid FROM yl_added")
        var addedRows: [(rid: Int, line: Int)] = []
        while try added.step() { addedRows.append((added.int(0), lines[added.int(0)] ?? 0)) }
        addedRows.sort { $0.line < $1.line }
        let nameOf = try db.prepare("SELECT \(named ? "name" : "''") FROM \(table) WHERE rowid = ?")
        for a in addedRows.prefix(10) {
            try nameOf.bind([.int(Int64(a.rid))])
            let name = try nameOf.step() ? nameOf.string(0) : ""
            report.insertedRows.append((try db.key(table: table, rowid: a.rid) + (name.isEmpty ? "" : " " + name), a.line))
        }
        nameOf.reset()
        // A facility added under a new code beside a kept one of the same name and county.
        if table == "institutions", !addedRows.isEmpty {
            let twin = try db.prepare("SELECT o.id, o.name FROM institutions n JOIN institutions o ON o.name = n.name AND o.region_code = n.region_code "
                                      + "AND o.rowid <> n.rowid WHERE n.rowid = ? AND o.rowid NOT IN (SELECT rid FROM yl_added)")
            for a in addedRows.prefix(200) {
                try twin.bind([.int(Int64(a.rid))])
                while try twin.step() {
                    let old = twin.string(0)
                    guard fileKeys[[.text(old)]] == nil else { continue }
                    report.renamedKeys.append((a.line, try db.key(table: table, rowid: a.rid), old, twin.string(1)))
                }
            }
        }
        try db.execute("DROP TRIGGER temp.yl_watch; DROP TRIGGER temp.yl_watch_added; DROP TABLE temp.yl_changed; DROP TABLE temp.yl_added")
    }
}

/// Two values of a changed cell, made short and one line each for the report: a long value is
/// cut around where the two differ, so the cut never hides the change.
public enum ChangeText {
    static let width = 40

    /// A stored value as staff wrote it: the Chinese word of a code, 是/否, （空） for nothing;
    /// personal numbers masked.
    static func written(_ value: SQLValue, table: String, column: String) -> String {
        switch value {
        case .null: return "（空）"
        case .int(let n) where Schema.isBooleanColumn(table: table, column: column): return n == 0 ? "否" : "是"
        case .int(let n): return String(n)
        case .real(let x): return x.plain
        case .text(let t): return PersonalNumbers.shown(CodeWords.label("\(table).\(column)", t))
        }
    }

    static func pair(_ a: String, _ b: String) -> (String, String) {
        let (x, y) = (Array(oneLine(a)), Array(oneLine(b)))
        guard x.count > width || y.count > width else { return (String(x), String(y)) }
        var first = 0
        while first < x.count, first < y.count, x[first] == y[first] { first += 1 }
        let from = max(0, first - 10)
        func cut(_ c: [Character]) -> String {
            let end = min(c.count, from + width)
            return (from > 0 ? "…" : "") + String(c[min(from, c.count)..<end]) + (end < c.count ? "…" : "")
        }
        return (cut(x), cut(y))
    }

    /// A value on one line of a report: a line break in it is shown as ⏎, so it cannot fake lines.
    public static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎") }
}

/// `yanglao import`: loads one CSV file into one table of an existing database,
/// in one transaction — every row goes in or none does.
public enum TableImporter {
    /// - Parameters:
    ///   - replace: empty the table first (full replace) instead of inserting or
    ///     updating rows by primary key.
    ///   - dryRun: check everything, then roll back.
    ///   - extra: rules of the layers above the store (see `Validator.importRules`).
    ///   - allowRemovals: let `replace` empty the table or remove more than half its rows
    ///   - allowRenames: let institutions rows rename facilities as `renamedFacilities` would refuse
    ///     (a file cut short, or the wrong file, would otherwise wipe the table).
    ///   - region: a county's (or city's) file: every row of the file must belong to this
    ///     region or one under it, and `replace` removes, and the report counts, only that
    ///     region's rows (the other counties' stay as they are).
    public static func run(database: String, table: String, file: String, replace: Bool = false, dryRun: Bool = false,
                           encoding: TextEncoding = .auto, sheet: String? = nil, extra: ExtraCellRule? = nil, allowRemovals: Bool = false,
                           allowRenames: Bool = false, region: String? = nil) throws -> ImportReport {
        do {
            return try perform(database: database, table: table, file: file, replace: replace, dryRun: dryRun, encoding: encoding, sheet: sheet,
                               extra: extra, allowRemovals: allowRemovals, allowRenames: allowRenames, region: region)
        } catch where Database.busy(error) {
            throw StoreError.cannotOpen(path: database, reason: Database.lockedAdvice)
        }
    }

    /// The SQL condition a row of `table` meets when it belongs to the regions of temp table
    /// `yl_scope`: by its own region code, or by its facility's; nil for tables not kept per region.
    static func scopeCondition(_ table: String) -> String? {
        switch table {
        case "institutions", "region_stats", "services", "targets", "observations": "region_code IN (SELECT code FROM yl_scope)"
        case "ratings", "credit_records":
            "institution_id IN (SELECT id FROM institutions WHERE region_code IN (SELECT code FROM yl_scope))"
        default: nil
        }
    }

    static func perform(database: String, table: String, file: String, replace: Bool, dryRun: Bool,
                        encoding: TextEncoding, sheet: String?, extra: ExtraCellRule?, allowRemovals: Bool, allowRenames: Bool,
                        region: String?) throws -> ImportReport {
        // A table may be named by its title (机构名录).
        guard let table = Schema.table(named: table) else { throw StoreError.unknownTable(table) }
        if region != nil, scopeCondition(table) == nil {
            throw StoreError.malformedCSV(file: (file as NSString).lastPathComponent, line: 0, reason:
                "--region applies to the tables kept per region (institutions, ratings, credit_records, region_stats, services, targets, observations), not to \(table)")
        }
        let db = try Database.openForChanging(database)
        func count() throws -> Int {
            let s = try db.prepare("SELECT count(*) FROM \(table)")
            return try s.step() ? s.int(0) : 0
        }
        try db.execute("BEGIN IMMEDIATE")
        do {
            // An older database is upgraded in the same transaction (a dry run rolls it back too).
            let hadVersion = try Schema.upgrade(db)
            // Foreign keys are checked once at the end, so a full replace of a
            // parent table passes when the new rows still cover every reference.
            try db.execute("PRAGMA defer_foreign_keys = ON")
            // The region and every region under it (a city's file holds its counties' rows).
            var inScope = ""
            if let region {
                try db.execute("CREATE TEMP TABLE yl_scope (code TEXT PRIMARY KEY)")
                let scope = try db.prepare("""
                    INSERT INTO yl_scope WITH RECURSIVE under(code) AS (SELECT code FROM regions WHERE code = ?
                    UNION SELECT r.code FROM regions r JOIN under u ON r.parent_code = u.code) SELECT code FROM under
                    """)
                try scope.bind([.text(region)])
                while try scope.step() {}
                let n = try db.prepare("SELECT count(*) FROM yl_scope")
                guard try n.step(), n.int(0) > 0 else {
                    // A region given by its name (--region 尧都区): answered with its code.
                    let named = try db.prepare("SELECT code FROM regions WHERE name = ? ORDER BY code")
                    try named.bind([.text(region)])
                    var codes: [String] = []
                    while try named.step() { codes.append(named.string(0)) }
                    let answer = codes.isEmpty ? "" : "; \(region) is \(codes.joined(separator: " or ")): --region \(codes[0])"
                    throw StoreError.malformedCSV(file: (file as NSString).lastPathComponent, line: 0, reason:
                        "--region \(region) is not a code of table regions (a six-digit code such as 141002; `yanglao export --db DATABASE regions FILE` lists them)" + answer)
                }
                inScope = " WHERE " + scopeCondition(table)!
            }
            func countInScope() throws -> Int {
                let s = try db.prepare("SELECT count(*) FROM \(table)\(inScope)")
                return try s.step() ? s.int(0) : 0
            }
            let before = try count()
            let beforeInScope = try countInScope()
            // The keys of the rows outside the region. Read before the import too: a row of the file
            // with one of those keys would overwrite another county's row (a rating numbered the
            // same in two counties) and then count as this region's.
            func keysOutsideRegion() throws -> Set<[SQLValue]> {
                let keyColumns = try db.primaryKey(of: table)
                let s = try db.prepare("SELECT \(keyColumns.joined(separator: ", ")) FROM \(table) WHERE NOT (\(scopeCondition(table)!))")
                var keys: Set<[SQLValue]> = []
                while try s.step() { keys.insert((0..<keyColumns.count).map { s.value(Int32($0)) }) }
                return keys
            }
            let othersKeys = region == nil ? [] : try keysOutsideRegion()
            var problems = ProblemList()
            let name = (file as NSString).lastPathComponent
            // Every changed cell of a stored row, old and new, written by a trigger of this connection only.
            let columns = try db.columns(of: table).map(\.name)
            // Columns without a type keep each value as stored (ANY would turn the text 2023.10 into 2023.1).
            try db.execute("CREATE TEMP TABLE yl_changed (rid INTEGER, col TEXT, old, new)")
            try db.execute("CREATE TEMP TRIGGER yl_watch AFTER UPDATE ON main.\(table) BEGIN "
                + columns.map { "INSERT INTO yl_changed SELECT new.rowid, '\($0)', old.\($0), new.\($0) WHERE old.\($0) IS NOT new.\($0);" }.joined(separator: " ")
                + " END")
            // Rows added (an upsert that updates fires the update trigger only).
            try db.execute("CREATE TEMP TABLE yl_added (rid INTEGER)")
            try db.execute("CREATE TEMP TRIGGER yl_watch_added AFTER INSERT ON main.\(table) BEGIN INSERT INTO yl_added VALUES (new.rowid); END")
            // A replace is an update by key (so the report shows each changed cell) and then
            // the removal of the rows the file does not hold.
            let (rows, written, used, ignored, lines, fileKeys, sheetRead) = try DatabaseLoader.importCSV(file: file, table: table, db: db, encoding: encoding,
                                                            sheet: sheet, upsert: true, extra: extra, problems: &problems)
            // A row of the file outside the region: the wrong county's file, or a code mistyped.
            if region != nil, problems.isEmpty {
                let outside = othersKeys.union(try keysOutsideRegion())
                let outsideLines = fileKeys.filter { outside.contains($0.key) }.map(\.value).sorted()
                if !outsideLines.isEmpty {
                    // Which regions those rows name, where the table has the column: the wrong county's file says so at once.
                    var named: Set<String> = []
                    if columns.contains("region_code") {
                        let keyColumns = try db.primaryKey(of: table)
                        let s = try db.prepare("SELECT \(keyColumns.joined(separator: ", ")), region_code FROM \(table) WHERE NOT (\(scopeCondition(table)!))")
                        while try s.step() {
                            if fileKeys[(0..<keyColumns.count).map { s.value(Int32($0)) }] != nil { named.insert(s.string(Int32(keyColumns.count))) }
                        }
                    }
                    problems.append(.malformedCSV(file: name, line: 0, reason: "\(outsideLines.count) row(s) (lines \(StoreError.lineList(outsideLines))) are not in region \(region!) "
                        + "or a region under it (--region)" + (named.isEmpty ? "" : "; their region_code: \(named.sorted().prefix(5).joined(separator: ", "))")
                        + ", or have the key of another region's row: the file of another county, or a mistyped code or number; nothing was written"))
                }
            }
            var removed: [(rowid: Int, key: String)] = []
            if replace, problems.isEmpty {
                let keyColumns = try db.primaryKey(of: table)
                // A row that has a name is said with it (12141002RJ3JN3P791 尧都区福寿院): staff know names, not codes.
                let named = columns.contains("name") && !keyColumns.contains("name")
                // The regions of the file's rows: all in one county, without --region, is a county's own file.
                let regional = region == nil && columns.contains("region_code")
                var fileRegions: Set<String> = []
                let all = try db.prepare("SELECT rowid, \(keyColumns.joined(separator: ", "))\(named ? ", name" : "")\(regional ? ", region_code" : "") FROM \(table)\(inScope) ORDER BY \(keyColumns.joined(separator: ", "))")
                while try all.step() {
                    let key = (0..<keyColumns.count).map { all.value(Int32($0 + 1)) }
                    if regional, fileKeys[key] != nil { fileRegions.insert(all.string(Int32(keyColumns.count + 1 + (named ? 1 : 0)))) }
                    if fileKeys[key] == nil {
                        let shown = try db.key(table: table, rowid: all.int(0)) + (named ? " " + all.string(Int32(keyColumns.count + 1)) : "")
                        removed.append((all.int(0), shown))
                    }
                }
                // Emptying the table, or removing more than half of it (2 of 3 rows too).
                if !allowRemovals, beforeInScope > 0, removed.count * 2 > beforeInScope {
                    throw StoreError.tooManyRemovals(file: (file as NSString).lastPathComponent, table: table, removing: removed.count,
                                                     of: beforeInScope, keys: removed.prefix(5).map(\.key), region: region,
                                                     oneRegion: fileRegions.count == 1 ? fileRegions.first : nil)
                }
                let delete = try db.prepare("DELETE FROM \(table) WHERE rowid = ?")
                for r in removed {
                    try delete.bind([.int(Int64(r.rowid))])
                    while try delete.step() {}
                }
            }
            // Rows of other tables left pointing at rows this import removed
            // (the file's own rows were named by line above).
            let check = try db.prepare("PRAGMA foreign_key_check")
            var dangling: [String: (parent: String, rows: [(rowid: Int, fk: Int)])] = [:]
            while try check.step() {
                // Rows of the file were named by line; rows of the same table that point at a row
                // `--replace` removed (a county whose province is gone) are named here.
                guard check.string(0) != table || !removed.isEmpty else { continue }
                dangling[check.string(0), default: (check.string(2), [])].rows.append((check.int(1), check.int(3)))
            }
            for child in dangling.keys.sorted() {
                let (parent, rows) = dangling[child]!
                // The rows the file left out, by the values the child rows hold.
                let fks = try db.foreignKeys(of: child)
                var missing: [String] = []
                for r in rows {
                    guard let column = fks[r.fk]?.column else { continue }
                    let cell = try db.prepare("SELECT \(column) FROM \(child) WHERE rowid = ?")
                    try cell.bind([.int(Int64(r.rowid))])
                    if try cell.step(), !missing.contains(cell.string(0)) { missing.append(cell.string(0)) }
                    if missing.count == 5 { break }
                }
                problems.append(.orphanedRows(file: name, table: child, parent: parent, count: rows.count,
                                              keys: try rows.prefix(5).map { try db.key(table: child, rowid: $0.rowid) }, missing: missing))
            }
            if table == "meta", problems.isEmpty { problems.append(contentsOf: try DatabaseLoader.checkMeta(db)) }
            if table == "ratings" || table == "credit_records" { problems.append(contentsOf: try reusedKeys(db, table: table, file: name, lines: lines)) }
            if table == "institutions", !allowRenames { problems.append(contentsOf: try renamedFacilities(db, file: name, lines: lines, rows: rows)) }
            try problems.throwIfAny()
            if table == "institutions" { try recordFormerNames(db) }
            let inserted = try count() + removed.count - before
            // Rows of the table the file does not hold: kept by an update, and said so (a row
            // deleted in the spreadsheet is not deleted from the database).
            let kept = replace ? 0 : try countInScope() - rows
            // The first ten of them by key, with their names (a national table holds 400 000 rows:
            // nothing is kept per row, and each key is written from the columns already read).
            var keptShown: [String] = []
            if kept > 0 {
                let keyColumns = try db.primaryKey(of: table)
                let named = columns.contains("name") && !keyColumns.contains("name")
                let all = try db.prepare("SELECT \(keyColumns.joined(separator: ", "))\(named ? ", name" : "") FROM \(table)\(inScope) ORDER BY \(keyColumns.joined(separator: ", "))")
                while keptShown.count < 10, try all.step() {
                    let key = (0..<keyColumns.count).map { all.value(Int32($0)) }
                    guard fileKeys[key] == nil else { continue }
                    let text = (0..<keyColumns.count).map { all.string(Int32($0)) }.joined(separator: ", ")
                    keptShown.append(text + (named ? " " + all.string(Int32(keyColumns.count)) : ""))
                }
                all.reset()
            }
            var report = ImportReport(table: table, encoding: used, inserted: inserted, updated: written - inserted,
                                      unchanged: rows - written,
                                      replaced: replace, deleted: removed.count, dryRun: dryRun,
                                      ignoredColumns: ignored, notInFile: kept)
            report.sheet = sheetRead
            report.removedKeys = removed.prefix(10).map(\.key)
            report.region = region
            report.lineOfRow = lines
            report.keptKeys = keptShown
            report.upgradedFrom = hadVersion < Schema.version ? hadVersion : nil
            try readChanges(db, table: table, columns: columns, lines: lines, fileKeys: fileKeys, into: &report)
            try db.execute(dryRun ? "ROLLBACK" : "COMMIT")
            return report
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }
}
