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
    /// problem in every file is collected and reported at once; on any error
    /// nothing is written and an existing database at `path` is left as it was.
    /// Returns the number of rows loaded per table.
    @discardableResult
    public static func load(directory: String, into path: String) throws -> [(table: String, rows: Int)] {
        var counts: [(String, Int)] = []
        try writeAtomically(to: path) { db in
            var problems: [StoreError] = []
            for table in Schema.tables {
                let file = (directory as NSString).appendingPathComponent("\(table).csv")
                guard FileManager.default.fileExists(atPath: file) else {
                    if table == "meta" { problems.append(.malformedCSV(file: file, line: 0, reason: "file is missing; meta is required")) }
                    continue
                }
                counts.append((table, try importCSV(file: file, table: table, db: db, problems: &problems).rows))
            }
            problems += try checkMeta(db)
            if !problems.isEmpty { throw StoreError.several(problems) }
        }
        return counts
    }

    /// Writes into a temporary file beside `path` and renames it into place
    /// only when `body` succeeds, so a failed load never leaves half a database.
    static func writeAtomically(to path: String, _ body: (Database) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: temp)
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
            // rename(2) replaces an existing file atomically: readers see the old database or the new one.
            guard rename(temp, path) == 0 else {
                throw StoreError.cannotOpen(path: path, reason: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// The meta keys a build needs, checked now so a bad value fails the load, not a later build.
    static func checkMeta(_ db: Database) throws -> [StoreError] {
        let s = try db.prepare("SELECT key, value FROM meta ORDER BY key")
        var entries: [(key: String, value: String)] = []
        while try s.step() { entries.append((s.string(0), s.string(1))) }
        var problems: [StoreError] = []
        do { _ = try SiteMeta(entries: entries) } catch let e as StoreError { problems.append(e) }
        for key in ["disclosure_days_ordinary", "disclosure_days_serious"] {
            if let v = entries.first(where: { $0.key == key })?.value, (Int(v) ?? 0) <= 0 {
                problems.append(.badMeta(key: key, expected: "a positive number of days"))
            }
        }
        return problems
    }

    /// Inserts (or with `upsert`, inserts or updates by primary key) the rows
    /// of one CSV file; cell and row problems are appended to `problems`.
    /// The header must name every column of the table, in any order.
    /// Returns the number of rows written and the encoding the file was read in.
    @discardableResult
    static func importCSV(file: String, table: String, db: Database, encoding: TextEncoding = .auto, upsert: Bool = false,
                          problems: inout [StoreError]) throws -> (rows: Int, encoding: TextEncoding) {
        let name = (file as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: file) else {
            throw StoreError.malformedCSV(file: name, line: 0, reason: "cannot read file")
        }
        guard let (text, used) = encoding.decode(data) else {
            throw StoreError.malformedCSV(file: name, line: 0, reason: encoding == .auto
                ? "neither UTF-8 nor GB18030 text; save it as \"CSV UTF-8\" or pass --encoding"
                : "not valid \(encoding.rawValue) text")
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.parse(text, file: name) } catch let e as StoreError { problems.append(e); return (0, used) }
        let columns = try db.columns(of: table)
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }),
              Set(header) == Set(columns.map(\.name)), header.count == columns.count else {
            problems.append(.badHeader(file: name, expected: columns.map(\.name), found: records.first?.fields ?? []))
            return (0, used)
        }
        let types = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.type) })
        let placeholders = Array(repeating: "?", count: header.count).joined(separator: ", ")
        var sql = "INSERT INTO \(table) (\(header.joined(separator: ", "))) VALUES (\(placeholders))"
        if upsert {
            let keys = try db.primaryKey(of: table)
            let others = header.filter { !keys.contains($0) }
            sql += " ON CONFLICT (\(keys.joined(separator: ", "))) DO "
                + (others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        }
        let insert = try db.prepare(sql)
        var rows = 0
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                problems.append(.malformedCSV(file: name, line: record.line,
                                              reason: "\(record.fields.count) fields, expected \(header.count)"))
                continue
            }
            var values: [SQLValue] = []
            var ok = true
            for (column, cell) in zip(header, record.fields) {
                switch convert(cell, column: column, type: types[column] ?? "TEXT") {
                case .success(let v): values.append(v)
                case .failure(let expected):
                    problems.append(.invalidCell(file: name, line: record.line, column: column, value: cell, expected: expected.description))
                    ok = false
                }
            }
            guard ok else { continue }
            do {
                try insert.bind(values)
                try insert.step()
                rows += 1
            } catch StoreError.sql(let message) {
                problems.append(.rejectedRow(file: name, line: record.line, reason: message))
            }
            if problems.count >= 200 { throw StoreError.several(problems) }
        }
        return (rows, used)
    }

    /// Converts one cell by the column's declared type; date columns
    /// (`*_on`, `*_until`) must hold real ISO dates. An empty cell is NULL.
    static func convert(_ cell: String, column: String, type: String) -> Result<SQLValue, ConversionFailure> {
        if cell.isEmpty { return .success(.null) }
        switch type {
        case "INTEGER":
            guard let v = Int64(cell) else { return .failure(ConversionFailure("an integer")) }
            return .success(.int(v))
        case "REAL":
            guard let v = Double(cell), v.isFinite else { return .failure(ConversionFailure("a number")) }
            return .success(.real(v))
        default:
            if column.hasSuffix("_on") || column.hasSuffix("_until") || column == "data_as_of" {
                guard ISODate(cell) != nil else { return .failure(ConversionFailure("a date YYYY-MM-DD")) }
            }
            return .success(.text(cell))
        }
    }

    struct ConversionFailure: Error, CustomStringConvertible {
        let description: String
        init(_ expected: String) { description = expected }
    }
}
