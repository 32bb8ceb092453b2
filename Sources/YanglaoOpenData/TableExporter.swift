import Foundation
import YanglaoStore

/// `yanglao export`: a table of the database as a CSV file that `yanglao import` (or, for a
/// folder of every table, `yanglao load`) reads back to the same rows, so staff can correct
/// their data in Excel without SQL and keep a text copy of the whole database.
///
/// The default file is for Excel: UTF-8 with a byte-order mark, the header in Chinese
/// (`Schema.chineseHeaders`: 床位数, not beds_total), coded columns in the
/// Chinese words the site shows (民办, 养老机构, 行政处罚), yes/no columns as 是/否, and the
/// spreadsheet rules of `CSVFormat` (codes a spreadsheet would read as numbers as `="…"`, text starting with
/// = + - @ behind an apostrophe), which import undoes. `plain` writes the values exactly as
/// stored (codes, 1/0; UTF-8 without a byte-order mark), for scripts and version control.
///
/// Unlike the published datasets, an export holds every row and column as stored: credit
/// records outside their disclosure window and people's names unmasked. It is for staff.
public enum TableExporter {
    public struct Exported: Sendable {
        public let table: String
        public let rows: Int
        public let path: String
        /// Cells longer than Excel keeps (32 767 characters), as "column of key".
        public var tooLong: [String] = []
    }

    public struct ExportError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `table` to `path` (replaced only when `overwrite`; written beside it and
    /// renamed into place, so a failed export leaves no half file).
    @discardableResult
    public static func export(database: String, table: String, to path: String, plain: Bool = false,
                              overwrite: Bool = false) throws -> Exported {
        // A table may be named by its title (机构名录).
        guard let table = Schema.table(named: table) else { throw StoreError.unknownTable(table) }
        // A workbook of an older or another kind is not what this writes: it would open in nothing.
        if [".xls", ".xlsm", ".et"].contains(where: { path.lowercased().hasSuffix($0) }) {
            throw ExportError(description: "\(path): export writes a CSV file or an .xlsx workbook; name it .xlsx or .csv, such as \(((path as NSString).deletingPathExtension)).xlsx")
        }
        try refuseExisting([path], overwrite: overwrite)
        try refuseDatabase(path, database: database)
        try refusePublishedFolder(path)
        let db = try open(database)
        return try write(table, of: db, to: path, plain: plain)
    }

    /// Writes every table as `<folder>/<table>.csv`, the layout `yanglao load` reads; creates
    /// the folder when it does not exist. Nothing is written when any file exists and
    /// `overwrite` is false.
    public static func exportAll(database: String, folder: String, plain: Bool = false,
                                 overwrite: Bool = false) throws -> [Exported] {
        let paths = Schema.tables.map { (folder as NSString).appendingPathComponent("\($0).csv") }
        try refuseExisting(paths, overwrite: overwrite)
        for p in paths { try refuseDatabase(p, database: database) }
        try refusePublishedFolder(paths[0])
        let db = try open(database)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError(description: "cannot create the folder \(folder): \((error as NSError).localizedDescription)")
        }
        return try zip(Schema.tables, paths).map { try write($0, of: db, to: $1, plain: plain) }
    }

    static func open(_ database: String) throws -> Database { try Database.openForReading(database) }

    /// Never into a published site or the content's static/ folder: an export holds every record,
    /// withheld credit records and unmasked names included, and a build keeps files it finds in the
    /// site and copies static/ into it (either would be deployed).
    static func refusePublishedFolder(_ path: String) throws {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent()
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".yanglao-manifest").path) {
                throw ExportError(description: "\(path) is inside the published site \(folder.path); nothing was written. "
                    + "An export holds every record, withheld credit records and unmasked names too: export to a folder outside the site"
                    + "（导出的表格含全部记录，包括不公开的信用记录和未打码的姓名，不能放进网站文件夹：请导出到网站以外的文件夹，什么也没有写入）")
            }
            let parent = folder.deletingLastPathComponent()
            // content/static/: the build copies its files into the site as they are.
            if folder.lastPathComponent == "static",
               ["policies", "pages"].contains(where: { FileManager.default.fileExists(atPath: parent.appendingPathComponent($0).path) }) {
                throw ExportError(description: "\(path) is inside \(folder.path), whose files every build publishes as they are; nothing was written. "
                    + "An export holds every record, withheld credit records and unmasked names too: export to a folder outside the site and its content"
                    + "（导出的表格含不应公示的记录和未脱敏的姓名，不能放进 static 文件夹；请导出到网站和 content 以外的文件夹）")
            }
            if parent.path == folder.path { return }
            folder = parent
        }
    }

    /// Never over a database, even with --force: `export --db x.sqlite TABLE x.sqlite` would
    /// turn the data into one table's CSV.
    static func refuseDatabase(_ path: String, database: String) throws {
        let resolved = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let head = FileHandle(forReadingAtPath: path).flatMap { h in defer { try? h.close() }; return try? h.read(upToCount: 16) }
        if resolved(path) == resolved(database) || head == Data("SQLite format 3\u{0}".utf8) {
            throw ExportError(description: "\(path) is a SQLite database; nothing was written. Export to a .csv file")
        }
    }

    static func refuseExisting(_ paths: [String], overwrite: Bool) throws {
        guard !overwrite else { return }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw ExportError(description: "\(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); "
                + "nothing was written. Choose another name (a corrected spreadsheet may be in it), or add --force to replace "
                + (existing.count == 1 ? "it" : "them") + "（文件已存在，里面可能是改了一半的表格，什么也没有写入：换个文件名；确定要覆盖时加 --force）")
        }
    }

    static func write(_ table: String, of db: Database, to path: String, plain: Bool) throws -> Exported {
        var columns = try db.columns(of: table)
        var selected = columns.map(\.name)
        // For Excel, a rating or credit record names its facility beside the code (staff know
        // homes by name); import skips the column, as it skips it in the site's downloads.
        if !plain, ["ratings", "credit_records"].contains(table), let at = columns.firstIndex(where: { $0.name == "institution_id" }) {
            columns.insert((name: "institution_name", type: "TEXT", required: false), at: at + 1)
            selected.insert("(SELECT name FROM institutions WHERE id = t.institution_id)", at: at + 1)
        }
        var key = try db.primaryKey(of: table)
        if key.isEmpty { key = ["rowid"] }
        let select = try db.prepare("SELECT \(selected.joined(separator: ", ")) FROM \(table) AS t ORDER BY \(key.joined(separator: ", "))")
        let words = columns.map { plain ? nil : CodeWords.shown["\(table).\($0.name)"] }
        let yesNo = columns.map { !plain && Schema.isBooleanColumn(table: table, column: $0.name) }

        let workbook = path.lowercased().hasSuffix(".xlsx")
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        // An export killed before it finished left its own (credit records unmasked in it).
        DatabaseLoader.removeLeftovers(in: url.deletingLastPathComponent().path, prefix: ".\(url.lastPathComponent).tmp-")
        var rows = 0
        var tooLong: [String] = []
        do {
            // For Excel, the columns' Chinese names (床位数), the first `import` reads for each; a
            // column without one (meta's key and value) keeps its name. Plain files keep the names.
            let names = columns.map { c in plain ? c.name : c.name == "institution_name" ? "机构名称" : Schema.chineseName(table: table, column: c.name) ?? c.name }
            rows = workbook
                ? try writeWorkbook(table, select: select, columns: columns, names: names, words: words, yesNo: yesNo, plain: plain, to: temp, tooLong: &tooLong)
                : try writeCSV(select: select, columns: columns, names: names, words: words, yesNo: yesNo, plain: plain, to: temp, tooLong: &tooLong)
            guard rename(temp, path) == 0 else {
                throw ExportError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            // Named by the file asked for, not the temporary one beside it.
            let text = (error as NSError).localizedDescription.replacingOccurrences(of: temp, with: path)
            throw error is ExportError || error is StoreError ? error
                : ExportError(description: text + (FileManager.default.fileExists(atPath: PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)) ? "" : " (the folder does not exist)"))
        }
        var exported = Exported(table: table, rows: rows, path: path)
        exported.tooLong = tooLong
        return exported
    }

    /// The rows of `select` as CSV: for Excel (plain false) with a byte-order mark and the
    /// spreadsheet rules of `CSVFormat`, else the values as stored.
    static func writeCSV(select: Statement, columns: [(name: String, type: String, required: Bool)], names: [String], words: [[String: String]?],
                         yesNo: [Bool], plain: Bool, to path: String, tooLong: inout [String]) throws -> Int {
        let file = try OutputFile(path: path)
        var line: [UInt8] = plain ? [] : [0xEF, 0xBB, 0xBF]
        line.append(contentsOf: Array((names.joined(separator: ",") + "\r\n").utf8))
        var rows = 0
        while try select.step() {
            for i in columns.indices {
                if i > 0 { line.append(44) }
                switch select.value(Int32(i)) {
                case .null: break
                case .int(let n) where yesNo[i]: line.append(contentsOf: Array((n == 0 ? "否" : "是").utf8))
                case .int(let n): JSONFormat.appendDigits(n, to: &line)
                case .real(let x): line.append(contentsOf: Array(Self.number(x).utf8))
                case .text(let s):
                    // Excel cuts a longer cell, and saving the sheet would store it cut.
                    if !plain, s.utf16.count > 32_767, tooLong.count < 5 { tooLong.append("\(columns[i].name) of row \(rows + 1)") }
                    CSVFormat.appendText(words[i]?[s] ?? s, excel: !plain, to: &line)
                }
            }
            line.append(contentsOf: [13, 10])
            rows += 1
            if line.count >= 1 << 16 { try file.write(bytes: line); line.removeAll(keepingCapacity: true) }
        }
        try file.write(bytes: line)
        try file.close()
        return rows
    }

    /// The shortest text that reads back as `x`, without an exponent (1e-05 as 0.00001), which
    /// the import would take for a number Excel turned into scientific notation.
    static func number(_ x: Double) -> String { Workbook.plainDecimal("\(x)") ?? "\(x)" }

    /// The rows of `select` as one sheet named as the table (机构名录): text as text cells, so
    /// codes stay codes and text starting with = stays text without the CSV's guards.
    static func writeWorkbook(_ table: String, select: Statement, columns: [(name: String, type: String, required: Bool)], names: [String],
                              words: [[String: String]?], yesNo: [Bool], plain: Bool, to path: String, tooLong: inout [String]) throws -> Int {
        let text = Set(columns.indices.filter { Schema.isCodeColumn(columns[$0].name) || columns[$0].name == "phone" })
        let sheet = try WorkbookWriter(sheetName: plain ? table : Schema.tableTitles[table] ?? table, header: names, textColumns: text,
                                       spillFolder: PathText.folder(of: path))
        var rows = 0
        while try select.step() {
            rows += 1
            guard rows < WorkbookWriter.maxRows else {
                throw ExportError(description: "\(table) has more rows than an Excel sheet holds (1 048 575 after the header); nothing was written. Export it as .csv")
            }
            sheet.append(columns.indices.map { i in
                switch select.value(Int32(i)) {
                case .null: return .empty
                case .int(let n) where yesNo[i]: return .text(n == 0 ? "否" : "是")
                case .int(let n): return .number(String(n))
                case .real(let x): return .number(Self.number(x))
                case .text(let s):
                    if s.utf16.count > 32_767, tooLong.count < 5 { tooLong.append("\(columns[i].name) of row \(rows)") }
                    return .text(words[i]?[s] ?? s)
                }
            })
        }
        try sheet.write(to: path)
        return rows
    }
}
