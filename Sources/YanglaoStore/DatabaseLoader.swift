import Foundation

/// Creates databases: empty ones for staff starting from nothing, and whole
/// ones from a folder of CSV files (one `<table>.csv` per table, header row
/// equal to the table's columns), which is how `make site` builds the sample.
public enum DatabaseLoader {
    /// Creates an empty database with the current schema. Refuses to touch an existing file.
    public static func initialize(path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "file already exists; choose a new path")
        }
        try writeAtomically(to: path) { _ in }
    }

    /// Builds a new database at `path` from `<directory>/<table>.csv`; tables
    /// without a file stay empty, except `meta`, which is required. Every
    /// problem in every file is collected and reported at once (the first
    /// `ProblemList.limit` listed, the rest counted); on any error nothing is
    /// written and an existing database at `path` is left as it was.
    /// Returns the number of rows loaded per table.
    /// `extra`: the cell rules `import` applies too (yanglao passes `Validator.importRules`), so a
    /// folder restored from `export --all` is checked as strictly as one table imported.
    @discardableResult
    /// - Parameter allowEmptying: a database that exists may lose the rows of tables the folder
    ///   has no file for; without it such a load is refused (a folder of three files is more
    ///   likely an import meant table by table than a wish to empty the others).
    public static func load(directory: String, into path: String, extra: ExtraCellRule? = nil,
                            allowEmptying: Bool = false) throws -> [(table: String, rows: Int)] {
        var counts: [(String, Int)] = []
        // Each table's file by its name in any case (Targets.CSV) or its Chinese title (机构名录.csv);
        // any other CSV file is a mistake to name (ratings.csv.csv would leave ratings empty without a word).
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var fileOf: [String: String] = [:]
        var strays: [String] = []
        // A table's file may also be an Excel workbook (机构名录.xlsx), read as `import` reads one.
        for name in listed.sorted() where (name.lowercased().hasSuffix(".csv") || name.lowercased().hasSuffix(".xlsx")) && !name.hasPrefix(".") && !name.hasPrefix("~$") {
            let stem = String(name.dropLast(name.lowercased().hasSuffix(".csv") ? 4 : 5))
            let table = Schema.tables.contains(stem.lowercased()) ? stem.lowercased() : Schema.table(named: stem) ?? stem.lowercased()
            if Schema.tables.contains(table), fileOf[table] == nil { fileOf[table] = name } else { strays.append(name) }
        }
        // Real data replaced by the sample (a command copied from the README with the sample's
        // folder): nothing of them would be left, and the load reports success. Read here, checked
        // on the loaded rows below.
        var realDataAsOf: String?
        if !allowEmptying, FileManager.default.fileExists(atPath: path), let existing = try? Database(path: path, mode: .readOnly) {
            var emptied: [(table: String, rows: Int)] = []
            for table in Schema.tables where fileOf[table] == nil {
                // A table it lacks, or a database busy or unreadable: left to the load's own checks.
                guard let count = try? existing.prepare("SELECT count(*) FROM \"\(table)\""), (try? count.step()) == true else { continue }
                let n = count.int(0)
                if n > 0 { emptied.append((table, n)) }
            }
            // A misnamed file (ratings.csv.csv) is why its table seems left out: said as that.
            if !emptied.isEmpty, !strays.isEmpty { try strayProblems(strays).throwIfAny() }
            if !emptied.isEmpty { throw StoreError.loadWouldEmpty(database: path, folder: directory, tables: emptied.map(\.table), rows: emptied.map(\.rows)) }
            if let meta = try? existing.prepare("SELECT key, value FROM meta WHERE key IN ('sample', 'data_as_of')") {
                var values: [String: String] = [:]
                while (try? meta.step()) == true { values[meta.string(0)] = meta.string(1) }
                if ["false", "0"].contains(values["sample"]?.lowercased() ?? "") { realDataAsOf = values["data_as_of"] ?? "" }
            }
        }
        try writeAtomically(to: path) { db in
            var problems = strayProblems(strays)
            for table in Schema.tables {
                let file = (directory as NSString).appendingPathComponent(fileOf[table] ?? "\(table).csv")
                guard FileManager.default.fileExists(atPath: file) else {
                    if table == "meta" { problems.append(.malformedCSV(file: file, line: 0, reason: "file is missing; meta is required")) }
                    continue
                }
                let before = problems.count
                counts.append((table, try importCSV(file: file, table: table, db: db, extra: extra, parents: .folderFile, problems: &problems).rows))
                // Keys missing from a clean meta.csv; a bad row was reported with its line already.
                if table == "meta", problems.count == before { problems.append(contentsOf: try checkMeta(db)) }
            }
            try problems.throwIfAny()
            // Read from the loaded rows (meta.csv or 设置.xlsx, any spelling of 是), before the rename.
            if let realDataAsOf {
                let sample = try db.prepare("SELECT value FROM meta WHERE key = 'sample'")
                if try sample.step(), ["true", "1"].contains(sample.string(0).lowercased()) {
                    throw StoreError.loadWouldReplaceRealData(database: path, folder: directory, dataAsOf: realDataAsOf)
                }
            }
        }
        return counts
    }

    static func strayProblems(_ names: [String]) -> ProblemList {
        var problems = ProblemList()
        for name in names {
            problems.append(.malformedCSV(file: name, line: 0, reason: "not the file of a table (or a second one for the same table): "
                + "name each file <table>.csv or <table>.xlsx, the table by its name or title: \(Schema.tables.map { "\($0) (\(Schema.tableTitles[$0] ?? $0))" }.joined(separator: ", ")); move other files out of the folder"))
        }
        return problems
    }

    /// Writes into a temporary file beside `path` and renames it into place
    /// only when `body` succeeds, so a failed load never leaves half a database.
    static func writeAtomically(to path: String, _ body: (Database) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(folder) does not exist; create it first, or choose a path in an existing folder")
        }
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: temp)
        // A load killed before it finished left its own (it may hold unmasked credit records).
        removeLeftovers(in: folder, prefix: ".\(url.lastPathComponent).tmp-")
        do {
            do {
                let db = try Database(path: temp, mode: .readWriteCreate)
                try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                try db.execute("BEGIN")
                try db.execute(Schema.ddl)
                try db.execute("PRAGMA user_version = \(Schema.version)")
                try body(db)
                try db.execute("COMMIT")
                try db.execute("VACUUM")
            }
            // The database being replaced is held exclusively while the new one is renamed over it:
            // a program writing to it is waited for or named (its change would go to a file no
            // longer there), and an import killed midway is undone first, so its journal is not
            // left beside the new database — SQLite would "roll back" the new file with it.
            var old: Database?
            if FileManager.default.fileExists(atPath: path) {
                do {
                    let held = try Database(path: path, mode: .readWriteCreate)
                    try held.execute("BEGIN EXCLUSIVE")
                    old = held
                } catch where Database.busy(error) {
                    throw StoreError.cannotOpen(path: path, reason: Database.lockedAdvice)
                } catch {
                    // Not a database (or unreadable): replaced like any file, its journal with it.
                }
            }
            defer { try? old?.execute("ROLLBACK") }
            try? FileManager.default.removeItem(atPath: path + "-journal")
            // rename(2) replaces an existing file atomically: readers see the old database or the new one.
            guard rename(temp, path) == 0 else {
                throw StoreError.cannotOpen(path: path, reason: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// Removes the temporary files `<prefix><pid>` of processes that are gone (killed before they
    /// renamed their file into place); those of a running process are left to it.
    public static func removeLeftovers(in folder: String, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The meta keys a build needs, checked now so a missing key fails the load, not a later build.
    static func checkMeta(_ db: Database) throws -> [StoreError] {
        let s = try db.prepare("SELECT key, value FROM meta ORDER BY key")
        var entries: [(key: String, value: String)] = []
        while try s.step() { entries.append((s.string(0), s.string(1))) }
        return SiteMeta.problems(in: entries)
    }

    /// Ratings the site does not show yet: decided, or withdrawn, after meta data_as_of.
    static func ratingsNotPublishedYet(_ db: Database) throws -> Int {
        let s = try db.prepare("SELECT count(*) FROM ratings, (SELECT value AS asof FROM meta WHERE key = 'data_as_of') "
                               + "WHERE rated_on > asof OR withdrawn_on > asof")
        return try s.step() ? s.int(0) : 0
    }

    /// Inserts (or with `upsert`, inserts or updates by primary key) the rows
    /// of one CSV file, and appends every problem to `problems`: bad cells
    /// (checked in Swift against the column's type and rules first), a key
    /// used twice in the file, and references to rows that do not exist.
    /// Foreign keys are checked after the whole file, so rows may come in any
    /// order. Blank rows are skipped and every cell is trimmed. The header
    /// must name every column of the table, in any order (plus, skipped, the columns
    /// `Schema.publishedOnlyColumns` names). Cells are read as the spreadsheet rules of the
    /// published and exported Excel files meant them (`RowChecker.spreadsheetText`).
    /// Returns the number of rows read, of those written (inserted or changed), the
    /// encoding the file was read in, the columns skipped and the line of each row written (by rowid).
    @discardableResult
    static func importCSV(file: String, table: String, db: Database, encoding: TextEncoding = .auto, sheet: String? = nil, upsert: Bool = false,
                          extra: ExtraCellRule? = nil, parents: ParentRows = .imported, problems: inout ProblemList) throws
        -> (rows: Int, written: Int, encoding: TextEncoding, ignored: [String], lines: [Int: Int], keys: [[SQLValue]: Int], sheet: String?) {
        let name = (file as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: file) else {
            let folder = PathText.folder(of: file)
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
                ? "no such file in \(folder.isEmpty ? FileManager.default.currentDirectoryPath : folder) (check the name and the folder)"
                : isFolder.boolValue ? "this is a folder, not a CSV file" : "the file cannot be read (is it open in another program, or not yours to read?)"
            throw StoreError.malformedCSV(file: name, line: 0, reason: reason)
        }
        guard !data.isEmpty else {
            throw StoreError.malformedCSV(file: name, line: 0, reason: "the file is empty (0 bytes); save the table from Excel again")
        }
        // An .xlsx workbook is read as the CSV Excel would save of its sheet; an .xls (the
        // format of Excel 97–2003, a binary file) is not read.
        var records: [CSVReader.Record]
        var used = TextEncoding.utf8
        var sheetRead: String?
        // Told by the bytes, whatever the name: a CSV file saved under the name 机构.xlsx is read as CSV.
        let zip = data.starts(with: [0x50, 0x4B, 0x03, 0x04]), compound = data.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
        if compound {
            // An OLE compound file: Excel 97–2003, or an .xlsx Excel encrypted with a password.
            throw StoreError.malformedCSV(file: name, line: 0, reason: name.lowercased().hasSuffix(".xls")
                ? "this is an Excel 97–2003 workbook (.xls), which is not read; in Excel choose 另存为 → “Excel 工作簿 (*.xlsx)” or “CSV UTF-8（逗号分隔）” and import that file"
                : "this workbook is protected with a password (or is an Excel 97–2003 file); in Excel remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it) and save it as “Excel 工作簿 (*.xlsx)”, or save it as “CSV UTF-8（逗号分隔）”, and import that file")
        }
        // A web page saved under an Excel name (机构.xls), as many government systems export tables:
        // read as CSV it gave a header of HTML tags.
        let head = String(decoding: data.prefix(2048), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if !zip, head.hasPrefix("<"), ["<html", "<table", "<!doctype html", "<meta", "<?xml"].contains(where: head.contains) {
            throw StoreError.malformedCSV(file: name, line: 0, reason: "this is a web page (HTML) or XML file saved under a spreadsheet's name, as some systems export tables; "
                + "open it in Excel or WPS and save it as “Excel 工作簿 (*.xlsx)” or “CSV UTF-8（逗号分隔）”, and import that file")
        }
        if zip {
            let book = try Workbook(path: file, file: name)
            let chosen = try book.sheet(named: sheet, table: table)
            records = chosen.records
            sheetRead = chosen.sheet.name
            guard !records.isEmpty else {
                throw StoreError.malformedCSV(file: name, line: 0, reason: "sheet “\(chosen.sheet.name)” of the workbook is empty")
            }
        } else {
            if let sheet {
                throw StoreError.malformedCSV(file: name, line: 0, reason: "--sheet \(sheet) is for an .xlsx workbook; this file is CSV, which has one table")
            }
            (records, used) = try textRecords(data, name: name, encoding: encoding, problems: &problems)
            if records.isEmpty, !problems.isEmpty { return (0, 0, used, [], [:], [:], nil) }
        }
        return try importRecords(records, name: name, table: table, db: db, used: used, sheet: sheetRead, fromWorkbook: zip, upsert: upsert, extra: extra,
                                 parents: parents, problems: &problems)
    }

    /// The records of a CSV file's bytes; none, with the problem listed, when the CSV is malformed.
    static func textRecords(_ data: Data, name: String, encoding: TextEncoding, problems: inout ProblemList) throws -> ([CSVReader.Record], TextEncoding) {
        // Excel's "Unicode 文本" (UTF-16 with a byte-order mark, tab-separated) is not a CSV file.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw StoreError.malformedCSV(file: name, line: 0, reason:
                "this is UTF-16 text (Excel's \"Unicode 文本\"), not a CSV file; in Excel choose 另存为 → \"CSV UTF-8（逗号分隔）\" and import that file")
        }
        // A UTF-8 file with Chinese in it is never GB18030 as well: forced, it would be read as 鐗╄祫.
        if encoding == .gb18030, data.contains(where: { $0 >= 0x80 }), let utf8 = String(data: data, encoding: .utf8),
           let sample = utf8.unicodeScalars.first(where: { $0.value >= 0x4E00 }) {
            throw StoreError.malformedCSV(file: name, line: 0, reason:
                "the file is UTF-8 (read as GB18030 its \(sample) would become mojibake); import it without --encoding, or with --encoding utf-8")
        }
        guard let (text, used) = encoding.decode(data) else {
            throw StoreError.malformedCSV(file: name, line: 0, reason: encoding == .auto
                ? "neither UTF-8 nor GB18030 text" + (Self.firstNonUTF8(data).map { " (line \($0.line) holds a byte, 0x\(String($0.byte, radix: 16, uppercase: true)), that is not UTF-8: a character pasted from another program?)" } ?? "")
                    + "; in Excel choose 另存为 → \"CSV UTF-8（逗号分隔）\" and import that file"
                : "not valid \(encoding.rawValue) text" + (encoding != .utf8 && String(data: data, encoding: .utf8) != nil
                    ? "; the file is UTF-8: import it without --encoding" : "; leave out --encoding to have it recognised"))
        }
        do { return (try CSVReader.parse(text, file: name), used) } catch let e as StoreError { problems.append(e); return ([], used) }
    }

    /// Imports `records` (the header first) into `table`: see `importCSV`.
    /// `fromWorkbook`: cells of an .xlsx sheet, which are as typed: the CSV file's marks for text
    /// (`'0351`, `="0351"`) are not undone in them.
    static func importRecords(_ records: [CSVReader.Record], name: String, table: String, db: Database, used: TextEncoding, sheet: String?,
                              fromWorkbook: Bool = false, upsert: Bool, extra: ExtraCellRule?, parents: ParentRows, problems: inout ProblemList) throws
        -> (rows: Int, written: Int, encoding: TextEncoding, ignored: [String], lines: [Int: Int], keys: [[SQLValue]: Int], sheet: String?) {
        var records = records
        // A column Excel keeps after the last one (a cell once typed in and cleared) has no
        // name and no values: it is dropped.
        if let names = records.first?.fields {
            var keep = names.count
            while keep > 0, RowChecker.trimmed(names[keep - 1]).isEmpty,
                  records.dropFirst().allSatisfy({ $0.fields.count < keep || RowChecker.trimmed($0.fields[keep - 1]).isEmpty }) { keep -= 1 }
            if keep < names.count {
                records = records.map { CSVReader.Record(line: $0.line, fields: Array($0.fields.prefix(keep)), row: $0.row) }
            }
        }
        if let (found, meant) = TextEncoding.misreadUTF8(records.dropFirst().lazy.flatMap(\.fields)) {
            throw StoreError.malformedCSV(file: name, line: 0, reason:
                "the Chinese text is garbled (“\(found.prefix(20))” was “\(meant.prefix(20))”): the file was UTF-8, was opened as GBK and saved again. Nothing was imported. Use the original file, or in Excel open it with 数据 → 从文本/CSV and choose 文件原始格式 “65001: Unicode (UTF-8)”, then save as “CSV UTF-8（逗号分隔）”")
        }
        let columns = try db.columns(of: table)
        // The columns a published dataset adds (a facility's region name, its current rating)
        // are skipped, so a file downloaded from the site can be corrected and imported.
        let fileHeader = records.first?.fields.map { RowChecker.columnName($0, table: table) } ?? []
        let skipped = (Schema.publishedOnlyColumns[table] ?? []) + (Schema.chineseSkipped[table] ?? []).map { RowChecker.columnName($0) }
        // A column with neither a name nor a value anywhere (an empty column left between two in
        // the sheet) says nothing: skipped, as one at the end is.
        let blank = Set(fileHeader.indices.filter { i in
            RowChecker.trimmed(records[0].fields[i]).isEmpty && records.allSatisfy { i >= $0.fields.count || RowChecker.trimmed($0.fields[i]).isEmpty }
        })
        let keep = fileHeader.indices.filter { !skipped.contains(fileHeader[$0]) && !blank.contains($0) }
        let header = keep.map { fileHeader[$0] }
        // Named as the file names them (机构名称 in a Chinese header).
        let ignored = fileHeader.indices.filter { skipped.contains(fileHeader[$0]) }.map { RowChecker.trimmed(records[0].fields[$0]) }
        // A column the file names in Chinese is named so in every message about its cells, with
        // the table's name beside it: "column 床位数 (beds_total)".
        var shownName: [String: String] = [:]
        for i in keep {
            let cell = RowChecker.trimmed(records[0].fields[i])
            if cell.unicodeScalars.contains(where: { $0.value > 0x7F }), shownName[fileHeader[i]] == nil { shownName[fileHeader[i]] = "\(cell) (\(fileHeader[i]))" }
        }
        let firstProblem = problems.listed.count
        defer { problems.nameColumns(from: firstProblem, shownName) }
        // Every column, in any order; one added by a later schema version may be left out.
        let optional = Schema.optionalColumns[table] ?? []
        let required = Set(columns.map(\.name)).subtracting(optional)
        guard !records.isEmpty, Set(header).isSubset(of: Set(columns.map(\.name))), required.isSubset(of: Set(header)),
              header.count == Set(header).count else {
            // (Its Excel version names the columns in Chinese: 机构名称 beside 地区名称.)
            if table == "credit_records", !fileHeader.contains("repaired_on"),
               fileHeader.contains("institution_name") && fileHeader.contains("region_name")
                || fileHeader.contains("机构名称") && fileHeader.contains("地区名称") && fileHeader.contains("行政区划代码") {
                // The published extract: only records inside their window, names masked.
                problems.append(.malformedCSV(file: name, line: 0, reason: "this is the credit-records file published on the site. "
                    + "It holds only the records inside their disclosure window, with people's names masked (王*明), so importing it "
                    + "would overwrite full records with masked ones. Edit a file made by `yanglao export --db DATABASE credit_records FILE` instead"))
            } else if let k = Self.headerLine(records, table: table, columns: Set(columns.map(\.name))) {
                // A form heading above the table (填报单位：…　填报日期：…), one cell or several:
                // the column names are found further down, so say where.
                let first = records[0].fields.first { !RowChecker.trimmed($0).isEmpty }.map { RowChecker.trimmed($0) } ?? ""
                problems.append(.malformedCSV(file: name, line: records[0].line, reason: "the column names are on line \(records[k].line); "
                    + "the line\(k > 1 ? "s" : "") above (“\(first.prefix(30))”) \(k > 1 ? "are" : "is") a title or a form heading: "
                    + "delete the rows above the column names, so that they are line 1"))
            } else if records.count > 1, records[0].fields.filter({ !RowChecker.trimmed($0).isEmpty }).count == 1,
                      !records[0].fields.contains(where: { $0.contains("\t") || $0.contains(";") }),
                      // The next row that is not blank (a blank row often follows a title).
                      (records.dropFirst().first { $0.fields.contains { !RowChecker.trimmed($0).isEmpty } }?.fields
                        .filter({ !RowChecker.trimmed($0).isEmpty }).count ?? 0) > 1 {
                // A title above the table (尧都区养老机构名录（2024年5月）): say that, not twenty missing columns.
                problems.append(.malformedCSV(file: name, line: 1, reason: "line 1 holds one cell (“\(records[0].fields.first { !RowChecker.trimmed($0).isEmpty }!.prefix(30))”), "
                    + "a title rather than the column names: delete the rows above the column names, so that they are line 1"))
            } else {
                problems.append(.badHeader(file: name, expected: columns.map(\.name).filter { !optional.contains($0) }, found: keep.map { records[0].fields[$0] }, table: table,
                                           positions: keep.count < fileHeader.count ? keep : []))
            }
            return (0, 0, used, [], [:], [:], sheet)
        }
        // Notes and totals below the table (制表人：张三, 合计): said as such, not as ten empty cells each.
        if let notes = Self.rowsBelowTable(records, columns: header.count) {
            for r in notes {
                let first = r.fields.first { !RowChecker.trimmed($0).isEmpty }.map { RowChecker.trimmed($0) } ?? ""
                problems.append(.malformedCSV(file: name, line: r.row, reason: "“\(first.prefix(30))” is a note or a total below the table, not a row of it: "
                    + "delete the rows below the table (the site adds up the totals itself)"))
            }
            return (0, 0, used, [], [:], [:], sheet)
        }
        // Excel's plain "CSV" is the GBK code page: a character outside it (𠮷, many rare
        // characters of names) is saved as "?", which would be stored as if it were the name.
        if used == .gb18030 {
            // Every such cell is named, so one corrected file does it (not one import per cell).
            var hits: [String] = []
            var count = 0
            for record in records.dropFirst() {
                for (i, field) in record.fields.enumerated() where field.contains("?") {
                    guard let hit = field.firstMatch(of: #/.{0,8}(?:\p{Han}\?|\?\p{Han}).{0,8}/#) else { continue }
                    count += 1
                    let column = i < fileHeader.count ? shownName[fileHeader[i]] ?? fileHeader[i] : String(i + 1)
                    // Cut where the cell goes on, said with …
                    let shown = (hit.range.lowerBound > field.startIndex ? "…" : "") + hit.output + (hit.range.upperBound < field.endIndex ? "…" : "")
                    if hits.count < 20 { hits.append("line \(record.row), column \(column): “\(shown)”") }
                }
            }
            if !hits.isEmpty {
                throw StoreError.malformedCSV(file: name, line: 0, reason:
                    "\(hits.joined(separator: "; "))\(count > hits.count ? "; … \(count) cells in all" : ""): a character Excel's plain “CSV” cannot hold "
                    + "was saved as “?” and is lost. Nothing was imported. In Excel choose 另存为 → “CSV UTF-8（逗号分隔）” and import that file "
                    + "(a question mark meant as text is written ？)")
            }
        }
        // The site's ratings download leaves out what the site does not show yet: importing it over
        // a database holding such ratings would blank their withdrawal dates (and --replace delete them).
        if table == "ratings", fileHeader.contains("institution_name") && fileHeader.contains("region_name")
            || fileHeader.contains("机构名称") && fileHeader.contains("地区名称"),
           let later = try? Self.ratingsNotPublishedYet(db), later > 0 {
            throw StoreError.malformedCSV(file: name, line: 0, reason: "this is the ratings file published on the site. "
                + "It leaves out what the site does not show yet (ratings decided after meta data_as_of, and withdrawals dated after it: "
                + "\(later) row(s) of this database), so importing it would blank those withdrawal dates, and --replace would delete those ratings. "
                + "Nothing was imported. Edit a file made by `yanglao export --db DATABASE ratings FILE` instead")
        }
        var checker = RowChecker(table: table, header: header, columns: columns)
        checker.extra = extra
        let keyColumns = try db.primaryKey(of: table).compactMap { header.firstIndex(of: $0) }
        let placeholders = Array(repeating: "?", count: header.count).joined(separator: ", ")
        var sql = "INSERT INTO \(table) (\(header.joined(separator: ", "))) VALUES (\(placeholders))"
        if upsert {
            let keys = keyColumns.map { header[$0] }
            let others = header.filter { !keys.contains($0) }
            // An empty cell of a column kept when empty (`Schema.keptWhenEmpty`) leaves the stored value.
            let kept = Schema.keptWhenEmpty[table] ?? []
            func new(_ c: String) -> String { kept.contains(c) ? "COALESCE(excluded.\(c), \(table).\(c))" : "excluded.\(c)" }
            // A row the same as the one stored is left alone (and returns no rowid), so the
            // report tells the rows that change from a file mostly exported and re-imported.
            sql += " ON CONFLICT (\(keys.joined(separator: ", "))) DO "
                + (others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\($0) = \(new($0))" }.joined(separator: ", ")
                    + " WHERE (\(others.joined(separator: ", "))) IS NOT (\(others.map(new).joined(separator: ", ")))")
        }
        // The rowid of each row written (updated ones too) leads back to its line.
        // Lines are numbered as the spreadsheet numbers its rows (`Record.row`).
        let insert = try db.prepare(sql + " RETURNING rowid")
        try db.execute("PRAGMA defer_foreign_keys = ON")
        var rows = 0, written = 0
        var lineOfKey: [[SQLValue]: Int] = [:]
        var lineOfRow: [Int: Int] = [:]
        // A facility's name beside its code (the site's ratings download, a county's list of credit
        // records): read to be compared with the code's facility, never stored.
        let nameColumn = header.contains("institution_id") ? fileHeader.indices.first { i in
            skipped.contains(fileHeader[i]) && (fileHeader[i] == "institution_name" || RowChecker.trimmed(records[0].fields[i]) == "机构名称")
        } : nil
        let idColumn = header.firstIndex(of: "institution_id")
        var namedRows: [(line: Int, id: SQLValue, name: String)] = []
        for record in records.dropFirst() {
            var cells = record.fields.map { fromWorkbook ? RowChecker.trimmed($0) : RowChecker.spreadsheetText(RowChecker.trimmed($0)) }
            // Excel saves a row that was only touched as a line of commas.
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count == fileHeader.count else {
                // A sheet's row is as wide as the header unless a cell right of the table holds something.
                let stray = fromWorkbook ? cells.indices.last { !cells[$0].isEmpty && $0 >= fileHeader.count } : nil
                problems.append(.malformedCSV(file: name, line: record.row, reason: stray.map {
                    "cell \(WorkbookWriter.columnName($0))\(record.row), right of the table's last column (\(WorkbookWriter.columnName(fileHeader.count - 1))), holds “\(StoreError.cut(cells[$0]))”; delete it, or name its column in the header row"
                } ?? "\(cells.count) fields, expected \(fileHeader.count)" + Self.extraFieldsHint(cells, expected: fileHeader.count)))
                continue
            }
            let givenName = nameColumn.map { cells[$0] } ?? ""
            if keep.count < cells.count { cells = keep.map { cells[$0] } }
            // A row numbered ahead (序号 filled in, nothing else) is as blank as a line of commas.
            if cells.allSatisfy(\.isEmpty) { continue }
            let (values, found) = checker.check(cells, file: name, line: record.row)
            problems.append(contentsOf: found)
            // A refused row is named when the rows of later files refer to it (see `ProblemList.refused`).
            if !found.isEmpty, keyColumns.count == 1 {
                let k = keyColumns[0]
                let text: String? = if case .text(let t)?? = values[k] { t } else { cells[k].isEmpty ? nil : RowChecker.halfWidth(cells[k]) }
                if let text { problems.refused[table, default: [:]][text] = (name, record.row) }
            }
            var keyText: String { keyColumns.map { "\(header[$0]) \(cells[$0])" }.joined(separator: ", ") }
            let key = keyColumns.compactMap { values[$0] }
            if key.count == keyColumns.count {
                // A second row with the same key would silently overwrite the first.
                if let first = lineOfKey[key] {
                    problems.append(.duplicateKey(file: name, line: record.row, key: keyText, firstLine: first))
                    continue
                }
                lineOfKey[key] = record.row
            }
            guard found.isEmpty else { continue }
            if !givenName.isEmpty, let idColumn, let id = values[idColumn] { namedRows.append((record.row, id, givenName)) }
            do {
                try insert.bind(values.map { $0! })
                if try insert.step() {
                    lineOfRow[insert.int(0)] = record.row
                    written += 1
                    while try insert.step() {}
                }
                rows += 1
            } catch StoreError.sql(let message) {
                problems.append(.rejectedRow(file: name, line: record.row, key: keyText, reason: message))
            }
        }
        problems.append(contentsOf: try missingParents(table: table, file: name, lineOfRow: lineOfRow, parents: parents, refused: problems.refused, db: db))
        if let nameColumn {
            problems.append(contentsOf: try Self.namesNotOfTheirCode(namedRows, column: RowChecker.trimmed(records[0].fields[nameColumn]), file: name, db: db))
        }
        problems.append(contentsOf: try Self.keysDifferingInCase(table: table, file: name, lineOfRow: lineOfRow, db: db))
        return (rows, written, used, ignored, lineOfRow, lineOfKey, sheet)
    }

    /// The rows at the end of a file that are notes or totals under the table rather than rows
    /// of it (制表人：张三, 填报日期：…, 合计 with a sum or two): few cells filled, in a table of many
    /// columns. Nil when the last row with text is a row of the table.
    static func rowsBelowTable(_ records: [CSVReader.Record], columns: Int) -> [CSVReader.Record]? {
        guard columns >= 6 else { return nil }
        var notes: [CSVReader.Record] = []
        for r in records.dropFirst().reversed() {
            let filled = r.fields.map(RowChecker.trimmed).filter { !$0.isEmpty }
            if filled.isEmpty { continue }
            let first = filled[0]
            let total = ["合计", "总计", "小计", "总数"].contains { first.replacingOccurrences(of: " ", with: "").hasPrefix($0) }
            let note = filled.count <= 2 && (first.contains("：") || first.contains(":")
                || ["制表", "填表", "填报", "审核", "负责人", "备注", "注", "说明", "单位"].contains { first.hasPrefix($0) })
            guard total || note else { break }
            notes.append(r)
        }
        return notes.isEmpty ? nil : notes.reversed()
    }

    /// The line and value of the first byte that cannot be UTF-8, for a message that says where to look.
    static func firstNonUTF8(_ data: Data) -> (line: Int, byte: UInt8)? {
        let bytes = [UInt8](data)
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { if b == 0x0A { line += 1 }; i += 1; continue }
            let n = (0xC2...0xDF).contains(b) ? 2 : (0xE0...0xEF).contains(b) ? 3 : (0xF0...0xF4).contains(b) ? 4 : 0
            guard n > 0, i + n <= bytes.count, bytes[(i + 1)..<(i + n)].allSatisfy({ $0 & 0xC0 == 0x80 }) else { return (line, b) }
            i += n
        }
        return nil
    }

    /// A facility's name as typed by hand compares: full-width brackets or a space more are the same name.
    static func plain(_ s: String) -> String {
        String(s.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// Rows whose facility name (a column that is not stored) is not the name of the facility
    /// their `institution_id` names: a code pasted from the row above or below would put a rating
    /// or a penalty on another home. Codes not in `institutions` are `missingParents`' to report.
    static func namesNotOfTheirCode(_ rows: [(line: Int, id: SQLValue, name: String)], column: String, file: String, db: Database) throws -> [StoreError] {
        guard !rows.isEmpty else { return [] }
        // A former name (曾用名) is the facility's too: a record written before the rename names it so.
        let formerNames = try db.columns(of: "institutions").contains { $0.name == "former_names" }
        let stored = try db.prepare("SELECT name, \(formerNames ? "former_names" : "NULL") FROM institutions WHERE id = ?")
        var found: [StoreError] = []
        for r in rows {
            try stored.bind([r.id])
            guard try stored.step() else { continue }
            let name = stored.string(0)
            guard plain(name) != plain(r.name),
                  !Schema.formerNames(stored.isNull(1) ? nil : stored.string(1)).contains(where: { plain($0) == plain(r.name) }) else { continue }
            let idText: String = if case .text(let t) = r.id { t } else { "\(r.id)" }
            found.append(.invalidCell(file: file, line: r.line, column: column, value: r.name,
                                      expected: "the name of the facility whose code is in institution_id (\(idText) is “\(name)” in the database): "
                                        + "the code or the name is wrong — a code copied from another row puts the record on another facility; "
                                        + "if the facility has been renamed, import institutions with its new name first",
                                      problem: "is not the facility of the row's code"))
        }
        return found
    }

    /// Rows written now whose key differs from another row's only in letter case (r0041 beside
    /// R0041): keys are compared exactly, so such a row is a second record, not a change of the
    /// first — a rating typed so becomes the facility's current one beside the old.
    static func keysDifferingInCase(table: String, file: String, lineOfRow: [Int: Int], db: Database) throws -> [StoreError] {
        guard !lineOfRow.isEmpty, try db.primaryKey(of: table) == ["id"] else { return [] }
        // One pass over the keys, grouped by their upper case: no index serves upper(), so
        // nothing is looked up per row (a national table has a million).
        let twins = try db.prepare("SELECT group_concat(rowid, char(31)), group_concat(id, char(31)) FROM \(table) GROUP BY upper(id) HAVING count(*) > 1")
        var found: [StoreError] = []
        while try twins.step() {
            let rowids = twins.string(0).split(separator: "\u{1F}").compactMap { Int($0) }
            let ids = twins.string(1).split(separator: "\u{1F}").map(String.init)
            guard rowids.count == ids.count else { continue }
            for (n, rowid) in rowids.enumerated() {
                guard let line = lineOfRow[rowid] else { continue }
                let others = ids.enumerated().filter { $0.offset != n }.map(\.element).joined(separator: ", ")
                found.append(.invalidCell(file: file, line: line, column: "id", value: ids[n],
                                          expected: "the key exactly as stored (\(others)) to change that row — keys are compared letter for letter, so this would add a second row — or a new key that differs in more than letter case",
                                          problem: "differs from the key of another row only in upper and lower case"))
            }
        }
        return found.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// The rows of this file whose foreign key points at nothing, by line.
    /// Rows the file did not write are left to the caller.
    static func missingParents(table: String, file: String, lineOfRow: [Int: Int], parents: ParentRows,
                               refused: [String: [String: (file: String, line: Int)]] = [:], db: Database) throws -> [StoreError] {
        let foreignKeys = try db.foreignKeys(of: table)
        let check = try db.prepare("PRAGMA foreign_key_check(\(table))")
        var found: [(line: Int, problem: StoreError)] = []
        var cellOf: [String: Statement] = [:]
        var namesForCodes: [String: (column: String, value: String, code: String, lines: [Int])] = [:]
        var nameOrder: [String] = []
        while try check.step() {
            guard let line = lineOfRow[check.int(1)], let fk = foreignKeys[check.int(3)] else { continue }
            let cell = try cellOf[fk.column] ?? db.prepare("SELECT \(fk.column) FROM \(table) WHERE rowid = ?")
            cellOf[fk.column] = cell
            try cell.bind([.int(Int64(check.int(1)))])
            let value = try cell.step() ? cell.string(0) : ""
            // A county's name where its code belongs (尧都区 for 141002): the code is said, once per name.
            if fk.parent == "regions", let code = try regionCode(named: value, db: db) {
                let key = fk.column + "\u{1F}" + value
                if namesForCodes[key] == nil { namesForCodes[key] = (fk.column, value, code, []); nameOrder.append(key) }
                namesForCodes[key]!.lines.append(line)
                continue
            }
            let from: ParentRows = refused[fk.parent]?[value].map { .refused(RefusedRow(file: $0.file, line: $0.line)) } ?? (fk.parent == table ? .sameFile : parents)
            found.append((line, .missingParent(file: file, line: line, column: fk.column, value: value, parent: fk.parent, from: from)))
        }
        for key in nameOrder {
            let n = namesForCodes[key]!
            let lines = n.lines.sorted()
            found.append((lines[0], lines.count == 1
                ? .invalidCell(file: file, line: lines[0], column: n.column, value: n.value, expected: "a region code, not a name (\(n.value) is \(n.code))")
                : .malformedCSV(file: file, line: 0, reason: "\(lines.count) rows (lines \(StoreError.lineList(lines))), column \(n.column): "
                                + "\(n.value) is a region's name; expected its code \(n.code)")))
        }
        // A parent table that is empty (institutions imported into a new database before
        // regions): one sentence saying the order, not one per code.
        var emptyParents: [String] = []
        for fk in Set(found.compactMap { f -> String? in if case .missingParent(_, _, _, _, let parent, let from) = f.problem, from != .sameFile { parent } else { nil } }).sorted() {
            let count = try db.prepare("SELECT count(*) FROM \(fk)")
            // Empty because each of its rows was refused: those rows' problems say what to correct.
            if try count.step(), count.int(0) == 0, refused[fk]?.isEmpty ?? true { emptyParents.append(fk) }
        }
        if !emptyParents.isEmpty {
            let rest = found.filter { f in
                if case .missingParent(_, _, _, _, let parent, _) = f.problem { !emptyParents.contains(parent) } else { true }
            }
            return emptyParents.map { parent in
                .malformedCSV(file: file, line: 0, reason: parents == .folderFile
                    ? "this file's rows refer to \(parent), and the folder has no \(parent).csv or it has no rows: add it (loaded in the order \(Schema.tables.joined(separator: ", ")))"
                    : "table \(parent) is empty, and this file's rows refer to it: import \(parent) first (the order is \(Schema.tables.joined(separator: ", ")))")
            } + (try groupedMissingParents(rest, file: file))
        }
        return try groupedMissingParents(found, file: file)
    }

    /// The index of the first record after the first whose cells name most of `table`'s
    /// columns (in English or Chinese): the header row below a title or form heading.
    static func headerLine(_ records: [CSVReader.Record], table: String, columns: Set<String>) -> Int? {
        let needed = max(2, (columns.count + 1) / 2)
        return records.indices.dropFirst().prefix(9).first { k in
            records[k].fields.filter { columns.contains(RowChecker.columnName($0, table: table)) }.count >= needed
        }
    }

    /// Why a row may have more fields than the header: a number with a thousands comma
    /// (1,200) or a text with a comma, left without quotes by the program that wrote it.
    static func extraFieldsHint(_ cells: [String], expected: Int) -> String {
        guard cells.count > expected else { return "" }
        for k in cells.indices.dropFirst() where cells[k].count == 3 && cells[k].allSatisfy(\.isASCII) && cells[k].allSatisfy(\.isNumber) {
            let before = cells[k - 1]
            if !before.isEmpty, before.count <= 3, before.allSatisfy(\.isASCII), before.allSatisfy(\.isNumber) {
                return " (\(before),\(cells[k]) may be one number split at its thousands comma: write it \(before)\(cells[k]), or put the cell in double quotes)"
            }
        }
        return " (a cell holding a comma must be in double quotes; Excel's 另存为 CSV adds them)"
    }

    /// The code of the region called `name`, when exactly one is.
    static func regionCode(named name: String, db: Database) throws -> String? {
        let s = try db.prepare("SELECT code FROM regions WHERE name = ? LIMIT 2")
        try s.bind([.text(RowChecker.trimmed(name))])
        guard try s.step() else { return nil }
        let code = s.string(0)
        return try s.step() ? nil : code
    }

    static func groupedMissingParents(_ found: [(line: Int, problem: StoreError)], file: String) throws -> [StoreError] {
        // The same missing value on many lines (institutions imported before regions) is one
        // problem, with its lines, not a screenful of the same sentence.
        var byValue: [String: [Int]] = [:]
        for f in found {
            if case .missingParent(_, let line, let column, let value, _, _) = f.problem { byValue[column + "\u{1F}" + value, default: []].append(line) }
        }
        var said: Set<String> = []
        var out: [(line: Int, problem: StoreError)] = []
        for f in found.sorted(by: { $0.line < $1.line }) {
            guard case .missingParent(_, _, let column, let value, let parent, let from) = f.problem,
                  let lines = byValue[column + "\u{1F}" + value], lines.count >= 3 else { out.append(f); continue }
            guard said.insert(column + "\u{1F}" + value).inserted else { continue }
            out.append((f.line, .missingParentRows(file: file, lines: lines.sorted(), column: column, value: value, parent: parent, from: from)))
        }
        return out.map(\.problem)
    }
}
