import Foundation

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable {
    public let table: String
    public let encoding: TextEncoding
    public let inserted: Int
    public let updated: Int
    /// Rows removed first by `--replace`.
    public let deleted: Int
    public let dryRun: Bool
}

/// `yanglao import`: loads one CSV file into one table of an existing database,
/// in one transaction — every row goes in or none does.
public enum TableImporter {
    /// - Parameters:
    ///   - replace: empty the table first (full replace) instead of inserting or
    ///     updating rows by primary key.
    ///   - dryRun: check everything, then roll back.
    public static func run(database: String, table: String, file: String, replace: Bool = false, dryRun: Bool = false,
                           encoding: TextEncoding = .auto) throws -> ImportReport {
        guard Schema.tables.contains(table) else {
            throw StoreError.missingTable(path: database, table: table + "` (tables: " + Schema.tables.joined(separator: ", ") + ")`")
        }
        guard FileManager.default.fileExists(atPath: database) else { throw StoreError.missingDatabase(path: database) }
        let db = try Database(path: database, mode: .readWriteCreate)
        let version = try db.userVersion
        guard version == Schema.version else {
            throw StoreError.wrongSchemaVersion(path: database, found: version, expected: Schema.version)
        }
        func count() throws -> Int {
            let s = try db.prepare("SELECT count(*) FROM \(table)")
            return try s.step() ? s.int(0) : 0
        }
        try db.execute("BEGIN IMMEDIATE")
        do {
            // Foreign keys are checked once at the end, so a full replace of a
            // parent table passes when the new rows still cover every reference.
            try db.execute("PRAGMA defer_foreign_keys = ON")
            let before = try count()
            if replace { try db.execute("DELETE FROM \(table)") }
            var problems: [StoreError] = []
            let (rows, used) = try DatabaseLoader.importCSV(file: file, table: table, db: db, encoding: encoding,
                                                            upsert: !replace, problems: &problems)
            // Rows left pointing at nothing, grouped by table, with the first few keys.
            let check = try db.prepare("PRAGMA foreign_key_check")
            var dangling: [String: (parent: String, rowids: [Int])] = [:]
            while try check.step() { dangling[check.string(0), default: (check.string(2), [])].rowids.append(check.int(1)) }
            for child in dangling.keys.sorted() {
                let (parent, rowids) = dangling[child]!
                let keys = try rowids.prefix(5).map { try db.key(table: child, rowid: $0) }.joined(separator: ", ")
                problems.append(.rejectedRow(file: (file as NSString).lastPathComponent, line: 0, reason:
                    "\(rowids.count) row(s) of `\(child)` (\(keys)\(rowids.count > 5 ? ", …" : "")) refer to `\(parent)` rows that are missing after this import"))
            }
            if table == "meta" { problems += try DatabaseLoader.checkMeta(db) }
            guard problems.isEmpty else { throw StoreError.several(problems) }
            let inserted = replace ? rows : try count() - before
            let report = ImportReport(table: table, encoding: used, inserted: inserted, updated: rows - inserted,
                                      deleted: replace ? before : 0, dryRun: dryRun)
            try db.execute(dryRun ? "ROLLBACK" : "COMMIT")
            return report
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }
}
