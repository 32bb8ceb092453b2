import Foundation

/// Where the rows a foreign key refers to come from, which decides what a member of
/// staff should do when one is missing.
public enum ParentRows: Sendable, Equatable {
    /// The file's own table (`regions.parent_code`): the row belongs in the same file.
    case sameFile
    /// Another table of the database (`yanglao import`): imported before this file.
    case imported
    /// Another file of the folder being loaded (`yanglao load`): `<parent>.csv` beside it.
    case folderFile
    /// A row of the folder's file for the parent table that was there but refused (its own
    /// problem is listed): correcting that row is the remedy, not adding another.
    /// (In a class, as `KeyReuse`: a larger payload makes every StoreError larger.)
    case refused(RefusedRow)

    func remedy(_ parent: String) -> String {
        switch self {
        case .sameFile: "add that row to the file"
        case .imported: "check the value (a mistyped code?); if it is right, import \(parent) first"
        case .folderFile: "check the value (a mistyped code?); if it is right, add that row to \(parent).csv in the folder"
        case .refused(let row): "its row in \(row.file) (line \(row.line)) was refused (its problem is listed there): correct that row and load again"
        }
    }
}

/// Everything that can go wrong reading or loading a database, said so that a
/// member of staff knows which file, table, row and column to fix.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// `nearby`: a database file in the same folder whose name is close (a mistyped --db).
    case missingDatabase(path: String, nearby: String? = nil)
    case cannotOpen(path: String, reason: String)
    case wrongSchemaVersion(path: String, found: Int, expected: Int)
    case missingTable(path: String, table: String)
    /// A table name that is not in the schema (`yanglao import foo …`).
    case unknownTable(String)
    case sql(message: String)
    /// A cell of a text source that does not fit its column: `problem` says
    /// what is wrong with `value` (an empty value is a required cell left empty).
    case invalidCell(file: String, line: Int, column: String, value: String, expected: String, problem: String = "is not valid")
    /// A CSV whose header does not match the table's columns.
    /// `positions`: each found name's column in the file (0 is A) where columns were skipped before it.
    case badHeader(file: String, expected: [String], found: [String], table: String? = nil, positions: [Int] = [])
    case malformedCSV(file: String, line: Int, reason: String)
    /// A row whose primary key an earlier line of the same file already used;
    /// `key` names the key columns and their values.
    case duplicateKey(file: String, line: Int, key: String, firstLine: Int)
    /// A cell that refers to a row of `parent` that does not exist
    /// (`parent` is the file's own table for `regions.parent_code`).
    case missingParent(file: String, line: Int, column: String, value: String, parent: String, from: ParentRows)
    /// The same missing reference on several lines, said once.
    case missingParentRows(file: String, lines: [Int], column: String, value: String, parent: String, from: ParentRows)
    /// Rows of another table left referring to rows that an import removes (first keys only).
    case orphanedRows(file: String, table: String, parent: String, count: Int, keys: [String], missing: [String] = [])
    /// `import --replace` of a file that would empty the table or remove most of its rows.
    /// `region`: the region of `import --region` whose rows these are (nil: the whole table).
    /// `oneRegion`: without --region, the one region all the file's rows are in (a county's own file).
    case tooManyRemovals(file: String, table: String, removing: Int, of: Int, keys: [String], region: String? = nil, oneRegion: String? = nil)
    /// `load` over a database with rows in tables the folder has no file for: they would be emptied.
    case loadWouldEmpty(database: String, folder: String, tables: [String], rows: [Int])
    /// `load` over a database of real data (meta sample false) from a folder of sample data.
    case loadWouldReplaceRealData(database: String, folder: String, dataAsOf: String)
    /// A row refused by a constraint the loader does not check itself.
    case rejectedRow(file: String, line: Int, key: String, reason: String)
    /// An update by key that would move a rating or credit record to another facility: almost
    /// always a new record typed with a number already in use, which would replace (and take off
    /// the site) another facility's record. (Its details in a class: a larger payload would make
    /// every StoreError larger, and the debug build's import frames with it.)
    case keyReused(file: String, line: Int, reuse: KeyReuse)
    /// An update by code that renames a facility and moves it to another region at once: almost
    /// always a new facility typed with a code already in use, which would take over that
    /// facility's page, ratings and credit records. (Details in a class, as `keyReused`'s.)
    case facilityTakenOver(file: String, line: Int, change: FacilityChange)
    /// An import that renames most of the facilities it updates: a name column sorted apart
    /// from its rows in a spreadsheet, or names pasted one row off. First renames only.
    case manyRenamed(file: String, renamed: Int, of: Int, examples: [String])
    /// Rows whose new name is the name another row of the file had: names swapped or a row off.
    case namesShuffled(file: String, lines: [Int], names: [String], from: [Int])
    /// A `meta` key that is missing (`value` nil), empty or malformed.
    case badMeta(key: String, value: String?, expected: String)
    /// Several problems found in one pass, reported together; past the limit
    /// of `ProblemList` the rest are only counted.
    case several([StoreError], notShown: Int = 0)

    static func cut(_ value: String) -> String { value.count > 60 ? value.prefix(60) + "…" : value }

    /// "2–5, 9, 12–40": line numbers as runs, the first ten runs only.
    static func lineList(_ lines: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for l in lines {
            if let last = runs.last, l == last.1 + 1 { runs[runs.count - 1].1 = l } else { runs.append((l, l)) }
        }
        let shown = runs.prefix(10).map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }
        return shown.joined(separator: ", ") + (runs.count > 10 ? ", …" : "")
    }

    /// The line a problem is on, for listing problems in the file's order (nil: the whole file).
    var line: Int? {
        switch self {
        case .invalidCell(_, let line, _, _, _, _), .duplicateKey(_, let line, _, _), .missingParent(_, let line, _, _, _, _),
             .rejectedRow(_, let line, _, _), .keyReused(_, let line, _), .facilityTakenOver(_, let line, _): line
        case .malformedCSV(_, let line, _): line == 0 ? nil : line
        case .missingParentRows(_, let lines, _, _, _, _): lines.first
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .missingDatabase(let path, let nearby):
            // A name close to an existing database is a typo: no advice to create a database under it.
            nearby.map { "database not found: \(path) (did you mean \($0)? check the --db path: the database you imported your tables into)（找不到数据库文件，是不是 \($0)？请核对 --db 后面的路径）" }
                ?? "database not found: \(path) (check the --db path: the database you imported your tables into. Only on first use, with no database yet, "
                + "create an empty one with `yanglao init --db \(path)` and import the tables into it)（找不到数据库文件：请核对 --db 后面的路径，应是导入表格时用的数据库；第一次使用、还没有数据库的，先用 yanglao init 新建）"
        case .cannotOpen(let path, let reason):
            "cannot open database \(path): \(reason)"
        case .wrongSchemaVersion(let path, let found, let expected):
            "database \(path) has schema version \(found), this yanglao reads version \(expected) (and \(Schema.readable.lowerBound) to \(expected - 1), which `yanglao import` upgrades)"
        case .missingTable(let path, let table):
            "database \(path) has no table `\(table)`; it was not created with `yanglao init`"
        case .unknownTable(let table):
            "unknown table \(table)" + (Self.tableMeant(table).map { " (did you mean \($0)?)" } ?? "") + "; the tables: \(Schema.tables.map { "\($0) (\(Schema.tableTitles[$0] ?? $0))" }.joined(separator: ", "))"
                + (table.contains(".") || table.contains("/") ? " (the table name comes first, then the file: yanglao import TABLE FILE)" : "")
        case .sql(let message):
            "SQLite: \(message)"
        case .invalidCell(let file, let line, let column, let value, let expected, let problem):
            // A long text (a penalty's reason) is cut: the column and line say where it is.
            // A personal number in it is masked, whatever the problem reported.
            "\(file):\(line), column \(column): " + (value.isEmpty ? "empty" : "\(Self.cut(PersonalNumbers.shown(value))) \(problem)") + "; expected \(expected)"
        case .badHeader(let file, let expected, let found, let table, let positions):
            Self.headerProblem(file: file, expected: expected, found: found, table: table, positions: positions)
        case .malformedCSV(let file, let line, let reason):
            line == 0 ? "\(file): \(reason)"
                : "\(file):\(line): \(file.lowercased().hasSuffix(".xlsx") ? "malformed row" : "malformed CSV"): \(reason)"
        case .duplicateKey(let file, let line, let key, let firstLine):
            "\(file):\(line): \(key): the same key as line \(firstLine)"
        case .missingParent(let file, let line, let column, let value, let parent, let from):
            "\(file):\(line), column \(column): \(Self.cut(PersonalNumbers.shown(value))) is not in \(parent); " + Self.excelNumberHint(value) + from.remedy(parent)
        case .missingParentRows(let file, let lines, let column, let value, let parent, let from):
            "\(file): \(lines.count) rows (lines \(Self.lineList(lines))), column \(column): \(Self.cut(PersonalNumbers.shown(value))) is not in \(parent); "
                + Self.excelNumberHint(value) + from.remedy(parent)
        case .orphanedRows(let file, let table, let parent, let count, let keys, let missing):
            "\(file): \(count) row(s) of \(table) (\(keys.joined(separator: "; "))\(count > keys.count ? "; …" : "")) refer to "
                + "\(parent) rows that are not in this file" + (missing.isEmpty ? "" : " (\(missing.map(PersonalNumbers.shown).joined(separator: "; ")))")
                + "; keep those rows in the file, or change \(table) first"
        case .tooManyRemovals(let file, let table, let removing, let total, let keys, let region, let oneRegion):
            "\(file): --replace would remove \(removing) of the \(total) rows of \(table)\(region.map { " in region \($0)" } ?? "") (\(keys.map(PersonalNumbers.shown).joined(separator: "; "))\(removing > keys.count ? "; …" : "")), "
                + "because the file does not hold them\(removing == total ? (region == nil ? ": the table would be empty" : ": the region would have none") : "")"
                + ". Nothing was changed. "
                + (oneRegion.map { "Every row of the file is in region \($0): if it is that county's own file, import it with --region \($0) (only that county's rows are replaced); otherwise check" }
                   ?? "Check") + " that this is the whole table (a file cut short, or another table's file?); "
                + "if these rows are to go, import again with --allow-removals"
        case .loadWouldEmpty(let database, let folder, let tables, let rows):
            "\(database) has rows in \(zip(tables, rows).map { "\($0) (\($1))" }.joined(separator: ", ")), but \(folder) has no file for "
                + (tables.count == 1 ? "that table" : "those tables") + ": `yanglao load` builds the whole database from the folder, so they would be empty. "
                + "Nothing was changed. To change some tables, import each file (`yanglao import --db \(database) TABLE FILE`); to start again from the folder, "
                + "add \(tables.map { $0 + ".csv" }.joined(separator: ", ")) (`yanglao export --all` writes them), or pass --allow-removals to empty them"
        case .loadWouldReplaceRealData(let database, let folder, let dataAsOf):
            "\(database) holds real data (meta sample is false, data_as_of \(dataAsOf)), but \(folder) holds sample data (meta sample is true): "
                + "`yanglao load` would replace your data with the sample. Nothing was changed. To load your own tables, give the folder they are in "
                + "(`yanglao export --all FOLDER` writes the database's); to change some tables, `yanglao import`; to replace it with the sample anyway, pass --allow-removals"
        case .rejectedRow(let file, let line, let key, let reason):
            "\(file):\(line): \(key): the database refused the row (\(reason))"
        case .keyReused(let file, let line, let r):
            "\(file):\(line): \(r.table) \(r.key) is the number of a record of \(r.facility); this row gives institution_id \(r.given), "
                + "so importing it would replace that facility's record. A new record needs a number of its own"
                + (r.next.map { " (the next free one is \($0))" } ?? "")
                + "; a record filed under the wrong facility is deleted first (`yanglao delete --db DATABASE \(r.table) \(r.key)`, with --withdraw-disclosed if it is on the site) and imported again"
        case .facilityTakenOver(let file, let line, let c):
            "\(file):\(line): institutions \(c.id) is the code of \(c.oldName) in region \(c.oldRegion); this row names it \(c.newName) in region \(c.newRegion), "
                + "so importing it would give that facility's page, ratings and credit records to \(c.newName). Nothing was changed. "
                + "A new facility needs its own unified social credit code (统一社会信用代码); if this facility really was renamed and moved, import again with --allow-renames"
        case .manyRenamed(let file, let renamed, let total, let examples):
            "\(file): the import would rename \(renamed) of the \(total) facilities in the file (\(examples.joined(separator: "; "))\(renamed > examples.count ? "; …" : "")). "
                + "Nothing was changed. Names sorted apart from their rows (one column sorted alone in Excel) or pasted a row off look like this: "
                + "check the file against the names on the site; if these facilities really were renamed, import again with --allow-renames"
        case .namesShuffled(let file, let lines, let names, let from):
            "\(file): names would move from one facility to another (\(lines.indices.map { "line \(lines[$0]) takes “\(names[$0])”, the name of line \(from[$0]) until now" }.joined(separator: "; "))). Nothing was changed. "
                + "Two names swapped, or names pasted a row off, look like this: check the file against the names on the site; "
                + "if these facilities really took each other's names, import again with --allow-renames"
        case .badMeta(let key, let value, let expected):
            "table meta, key \(key): " + (value.map { $0.isEmpty ? "empty" : "\($0) is not valid" } ?? "missing") + "; expected \(expected)"
        case .several(let problems, let notShown):
            Self.listing(problems, notShown: notShown, chinese: false)
        }
    }
}

/// The problems of one load or import. The first `limit` are kept to be
/// listed and the rest only counted, so a file that is wrong on every line
/// still gives a report one can read.
extension StoreError {
    /// The table a mistyped name or part of a Chinese title means (institution, 机构 for 机构名录).
    static func tableMeant(_ typed: String) -> String? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if let close = Schema.tables.first(where: { SiteMeta.editDistance(Array(t.lowercased().unicodeScalars), Array($0.unicodeScalars)) <= 2 }) { return close }
        guard t.unicodeScalars.contains(where: { $0.value > 0x7F }), t.count >= 2 else { return nil }
        return Schema.tables.first { Schema.tableTitles[$0].map { $0.contains(t) || t.contains($0) } ?? false }
    }
}

/// Where a refused row of a parent table is (`ParentRows.refused`).
public final class RefusedRow: Sendable, Equatable {
    public let file: String
    public let line: Int
    init(file: String, line: Int) { self.file = file; self.line = line }
    public static func == (a: RefusedRow, b: RefusedRow) -> Bool { a.file == b.file && a.line == b.line }
}

extension StoreError {
    /// The same problem with its column named by `shown` (床位数 (beds_total) for a file whose
    /// header says 床位数): a message names what the clerk sees in the spreadsheet.
    func namingColumns(_ shown: [String: String]) -> StoreError {
        switch self {
        case .invalidCell(let file, let line, let column, let value, let expected, let problem):
            .invalidCell(file: file, line: line, column: shown[column] ?? column, value: value, expected: expected, problem: problem)
        case .missingParent(let file, let line, let column, let value, let parent, let from):
            .missingParent(file: file, line: line, column: shown[column] ?? column, value: value, parent: parent, from: from)
        case .missingParentRows(let file, let lines, let column, let value, let parent, let from):
            .missingParentRows(file: file, lines: lines, column: shown[column] ?? column, value: value, parent: parent, from: from)
        default: self
        }
    }
}

struct ProblemList {
    static let limit = 200
    /// Problems kept to be sorted by line before the first `limit` are listed (a missing
    /// parent, found after every cell was read, may be on line 2).
    static let kept = 100_000
    private(set) var listed: [StoreError] = []
    private(set) var notKept = 0
    /// Rows refused for their own problems, by table and key, with their file and line: a later
    /// file's reference to one is told to correct that row, not to add it (`ParentRows.refused`).
    var refused: [String: [String: (file: String, line: Int)]] = [:]

    var isEmpty: Bool { listed.isEmpty }
    var count: Int { listed.count + notKept }

    mutating func append(_ problem: StoreError) {
        if listed.count < Self.kept { listed.append(problem) } else { notKept += 1 }
    }

    mutating func append(contentsOf problems: [StoreError]) { problems.forEach { append($0) } }

    /// Names the columns of the problems from `start` on as `shown` says (see `StoreError.namingColumns`).
    mutating func nameColumns(from start: Int, _ shown: [String: String]) {
        guard !shown.isEmpty, start < listed.count else { return }
        for i in start..<listed.count { listed[i] = listed[i].namingColumns(shown) }
    }

    /// Throws the problems in the file's order (a missing region on line 5 before a bad
    /// date on line 14), whole-file problems first.
    func throwIfAny() throws {
        guard !isEmpty else { return }
        let ordered = listed.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        throw StoreError.several(Array(ordered.prefix(Self.limit)), notShown: max(0, ordered.count - Self.limit) + notKept)
    }
}

extension StoreError {
    /// What differs between a file's header and the table's columns, in words a person can act on.
    static func headerDifference(expected: [String], found: [String], table: String? = nil, positions: [Int] = []) -> String {
        let typed = found.map { $0.trimmingCharacters(in: .whitespaces) }
        let names = found.map { RowChecker.columnName($0, table: table) }
        // One name holding several: the file is not separated by commas.
        if typed.count == 1, let only = typed.first {
            for (separator, word) in [("\t", "tabs"), (";", "semicolons")] where only.contains(separator) {
                return "the columns are separated by \(word), not commas; in Excel choose 另存为 → “CSV UTF-8（逗号分隔）”"
            }
        }
        let missing = expected.filter { !names.contains($0) }
        let unknown = zip(typed, names).filter { !expected.contains($0.1) }.map(\.0)
        var counts: [String: Int] = [:]
        for n in names { counts[n, default: 0] += 1 }
        let twice = expected.filter { (counts[$0] ?? 0) > 1 }
        var parts: [String] = []
        // A missing column with its Chinese name, which a Chinese header would use.
        let chinese = table.flatMap { Schema.chineseHeaders[$0] }
        if !missing.isEmpty {
            parts.append("missing " + missing.map { c in table.flatMap { Schema.chineseName(table: $0, column: c) }.map { "\(c) (\($0))" } ?? c }.joined(separator: ", "))
        }
        if !unknown.isEmpty {
            // A column without a name is found by its letter, as Excel shows it (the 13th is M).
            func letter(_ i: Int) -> String {
                var n = i + 1, out = ""
                while n > 0 { n -= 1; out = String(UnicodeScalar(UInt8(65 + n % 26))) + out; n /= 26 }
                return out
            }
            let emptyAt = typed.indices.filter { typed[$0].isEmpty }.map { "column \(letter(positions.count == typed.count ? positions[$0] : $0))" }
            parts.append("not columns of this table: \(unknown.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.map { $0.isEmpty ? "(an empty name: \(emptyAt.joined(separator: ", ")), which holds data; name it or delete the column)" : $0.count > 40 ? $0.prefix(40) + "…" : $0 }.joined(separator: ", "))"
                + (unknown.contains { $0.unicodeScalars.contains { $0.value > 0x7F } }
                   ? (chinese == nil ? " (column names are the English names of docs/schema.md, not the Chinese labels)"
                      : " (column names are the English names of docs/schema.md or the Chinese names listed there)") : ""))
        }
        // A name with its unit in brackets (床位数（张）, 罚款金额（万元）): the name is meant, and the unit
        // must be the column's own (元, not 万元), so it is said rather than dropped.
        func bare(_ name: String) -> String {
            String(name.prefix { $0 != "（" && $0 != "(" }).trimmingCharacters(in: .whitespaces)
        }
        for name in unknown where bare(name) != name && !bare(name).isEmpty {
            // The column the name stands for: its name without the brackets, or a Chinese name with other brackets (罚款金额（元）).
            let plain = RowChecker.columnName(bare(name), table: table)
            let meant: (column: String, chinese: String)? = expected.contains(plain) ? (plain, bare(name))
                : expected.lazy.compactMap { c in chinese?.first { $0.key == c }?.value.first { bare($0) == bare(name) }.map { (c, $0) } }.first
            guard let meant, !names.contains(meant.column) else { continue }
            let unit = meant.chinese == bare(meant.chinese) ? "the unit docs/schema.md gives for \(meant.column)" : "its unit, \(meant.chinese.dropFirst(bare(meant.chinese).count))"
            parts.append("\(name) is \(meant.chinese) (\(meant.column)) with another unit: name the column \(meant.chinese) and give the values in \(unit)")
        }
        if !twice.isEmpty { parts.append("more than once: \(twice.joined(separator: ", "))") }
        return parts.isEmpty ? "the names are right but not as many as the columns" : parts.joined(separator: "; ")
    }
}

extension StoreError {
    /// A database file beside `path` whose name differs from it by one or two typed
    /// characters (mydata.sqllite for mydata.sqlite), as the user would write it.
    static func nearbyDatabase(_ path: String) -> String? {
        let folder = PathText.folder(of: path)
        let typed = (path as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        // The closest name, not the first in order: 养老2024.sqlit must not suggest 养老2023.sqlite.
        // Names equally close are all given, so the clerk picks (two years' databases side by side).
        let close = names.filter { name in [".sqlite", ".sqlite3", ".db"].contains { name.lowercased().hasSuffix($0) } }
            .map { (name: $0, distance: editDistance(Array($0), Array(typed), limit: 2)) }
            .filter { $0.distance <= 2 }
        guard let best = close.map(\.distance).min() else { return nil }
        return close.filter { $0.distance == best }.map(\.name).sorted()
            .map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }.joined(separator: " or ")
    }

    /// A code that Excel showed as a number (141,002 with a thousands separator, 1.41002E+05)
    /// and saved so: said, with the way to keep codes as text.
    static func excelNumberHint(_ value: String) -> String {
        let grouped = value.range(of: #"^[0-9]{1,3}(,[0-9]{3})+(\.0+)?$"#, options: .regularExpression) != nil
        let scientific = RowChecker.isExcelScientific(value)
        return grouped || scientific ? "Excel turned the code into a number (format the column as 文本 (Text) in Excel and type the codes again); " : ""
    }

    /// Levenshtein distance, stopping once it exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var row = [i + 1]
            for (j, y) in b.enumerated() { row.append(min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1))) }
            if row.min()! > limit { return limit + 1 }
            previous = row
        }
        return previous[b.count]
    }

    /// Says plainly what is wrong with a path given as a database, before SQLite would
    /// answer "disk I/O error" (a folder) or read an empty file as schema version 0.
    public static func checkDatabaseFile(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw StoreError.missingDatabase(path: path, nearby: nearbyDatabase(path))
        }
        if isFolder.boolValue { throw StoreError.cannotOpen(path: path, reason: "it is a folder; expected a SQLite database file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "the file cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty {
            throw StoreError.cannotOpen(path: path, reason: "the file is empty (0 bytes); delete it, then create a database with `yanglao init --db \(path)`")
        }
        if head != Data("SQLite format 3\u{0}".utf8) {
            throw StoreError.cannotOpen(path: path, reason: "not a SQLite database; --db names the database (one made by `yanglao init`), and a CSV file to load into it is the last argument: `yanglao import TABLE FILE.csv --db DATABASE.sqlite`")
        }
    }
}

extension StoreError {
    /// Another table whose columns the header names (most of them, more than of `table`'s): the
    /// file of the wrong table (ratings.csv imported as institutions).
    static func otherTable(found: [String], table: String?) -> String? {
        guard let table, !found.isEmpty else { return nil }
        func matches(_ t: String) -> Int {
            let columns = Set(Schema.chineseHeaders[t]?.map(\.key) ?? [])
            return found.filter { columns.contains(RowChecker.columnName($0, table: t)) }.count
        }
        let own = matches(table)
        var best: (table: String, count: Int)?
        for t in Schema.tables where t != table {
            let n = matches(t)
            if n > (best?.count ?? 0) { best = (t, n) }
        }
        guard let best, best.count >= 3, best.count > own, best.count * 10 >= found.count * 8 else { return nil }
        return best.table
    }

    /// The header's problem; first, when the columns are another table's, which (the wrong file).
    static func headerProblem(file: String, expected: [String], found: [String], table: String?, positions: [Int]) -> String {
        var text = ""
        if let table, let other = otherTable(found: found, table: table) {
            text = "\(file):1: this looks like the file of table \(other), not \(table) (its columns are those of \(other)): import it as `\(other)`, or choose the file of \(table). "
        }
        text += "\(file):1: the header row does not match the table: " + headerDifference(expected: expected, found: found, table: table, positions: positions)
        text += ". Expected exactly these column names, in any order: \(expected.joined(separator: ","))"
        if table.flatMap({ Schema.chineseHeaders[$0] }) != nil { text += " (or the Chinese names of docs/schema.md)" }
        return text
    }
}

/// The details of `StoreError.facilityTakenOver`: the facility's code, its name and region in
/// the database and in the file.
public final class FacilityChange: Sendable, Equatable {
    public let id: String, oldName: String, newName: String, oldRegion: String, newRegion: String
    public static func == (a: FacilityChange, b: FacilityChange) -> Bool {
        (a.id, a.oldName, a.newName, a.oldRegion, a.newRegion) == (b.id, b.oldName, b.newName, b.oldRegion, b.newRegion)
    }
    init(id: String, oldName: String, newName: String, oldRegion: String, newRegion: String) {
        self.id = id; self.oldName = oldName; self.newName = newName; self.oldRegion = oldRegion; self.newRegion = newRegion
    }
}

/// The details of `StoreError.keyReused`: the record's key, its facility now (name and code), the
/// facility the file gives, and a number not in use of the same form.
public final class KeyReuse: Sendable, Equatable {
    public let table: String, key: String, facility: String, given: String, next: String?
    public static func == (a: KeyReuse, b: KeyReuse) -> Bool {
        (a.table, a.key, a.facility, a.given, a.next) == (b.table, b.key, b.facility, b.given, b.next)
    }
    init(table: String, key: String, facility: String, given: String, next: String?) {
        self.table = table; self.key = key; self.facility = facility; self.given = given; self.next = next
    }
}
