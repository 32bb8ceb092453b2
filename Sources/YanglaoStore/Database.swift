import CSQLite
import Foundation

/// A SQLite connection. All C contact with SQLite lives in this file.
///
/// A thin wrapper rather than GRDB: the publisher reads rows in fixed column
/// order straight off a cursor (400 000 pages later) and writes only through
/// the loader, so prepared statements and typed column getters are all it needs,
/// and the build stays one dependency lighter.
public final class Database {
    public enum Mode: Sendable { case readOnly, readWriteCreate }

    let handle: OpaquePointer
    /// The file this connection reads, as given by the caller.
    public let path: String

    public init(path: String, mode: Mode) throws {
        var db: OpaquePointer?
        let flags: Int32 = switch mode {
        case .readOnly: SQLITE_OPEN_READONLY
        case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw StoreError.cannotOpen(path: path, reason: message)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        // Another connection's short write (a tool saving) is waited out rather than failed on.
        sqlite3_busy_timeout(db, 3000)
        ChineseOrder().register(on: db)
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Opens a database to read (a build, `validate`, `export`): the file checked first, a write
    /// that was cut off finished the way SQLite finishes it, the schema version one this
    /// program reads. Every failure says what happened and what to do.
    public static func openForReading(_ path: String) throws -> Database {
        try StoreError.checkDatabaseFile(path)
        // An import killed midway leaves `<db>-journal` with the pages it had changed; SQLite
        // puts them back on the next open that may write, and a read-only one cannot. The
        // database is then as it was before that import (nothing of it was committed).
        let journal = path + "-journal"
        if let size = try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int, size > 0 {
            do {
                let recover = try Database(path: path, mode: .readWriteCreate)
                _ = try recover.userVersion
            } catch {
                throw StoreError.cannotOpen(path: path, reason: Self.busy(error)
                    ? Self.lockedAdvice
                    : "an import or another change to it was interrupted, and its unfinished changes (in \(journal)) cannot be undone: "
                        + "this program may not write to the folder. Give it write permission and run the command again (the database then returns to its state before that change)")
            }
        }
        let db = try Database(path: path, mode: .readOnly)
        let version: Int
        do { version = try db.userVersion } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.busy(error) ? Self.lockedAdvice : "not a SQLite database")
        }
        guard Schema.readable.contains(version) else {
            throw StoreError.wrongSchemaVersion(path: path, found: version, expected: Schema.version)
        }
        return db
    }

    /// Opens a database to change (`import`, `delete`): the file checked first, the schema
    /// version one this program reads, and no table of it made again without STRICT.
    static func openForChanging(_ path: String) throws -> Database {
        try StoreError.checkDatabaseFile(path)
        let db = try Database(path: path, mode: .readWriteCreate)
        let version = try db.userVersion
        guard Schema.readable.contains(version) else {
            throw StoreError.wrongSchemaVersion(path: path, found: version, expected: Schema.version)
        }
        try db.refuseLooseTables()
        return db
    }

    /// A consistent copy of the database at `path` as a new file `copy`, made by SQLite
    /// (`VACUUM INTO`), so rows committed to a write-ahead log that another program holds
    /// open are in it too, which a copy of the file would miss.
    public static func copy(_ path: String, to copy: String) throws {
        let db = try openForReading(path)
        try? FileManager.default.removeItem(atPath: copy)
        do { try db.execute("VACUUM INTO '\(copy.replacingOccurrences(of: "'", with: "''"))'") } catch {
            throw busy(error) ? StoreError.cannotOpen(path: path, reason: lockedAdvice) : error
        }
    }

    /// What to do when another program holds the database.
    public static let lockedAdvice = "another program is writing to it (an import still running, or a database tool such as "
        + "DB Browser for SQLite with changes not yet written or reverted): wait for it to finish or close it, then run the command again"

    /// Whether `error` is SQLite saying the database is held by another connection.
    public static func busy(_ error: Error) -> Bool {
        guard case StoreError.sql(let message) = error else { return false }
        return message.contains("database is locked") || message.contains("database is busy")
    }

    /// False when another program holds the database's write lock now, so a write would
    /// wait and fail (`lockedAdvice` says what to do); a check, nothing is written.
    public func writeLockIsFree() -> Bool {
        do { try execute("BEGIN IMMEDIATE"); try execute("ROLLBACK"); return true } catch { return !Self.busy(error) }
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? lastError
            sqlite3_free(message)
            throw StoreError.sql(message: text)
        }
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw StoreError.sql(message: lastError)
        }
        return Statement(stmt, database: self)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE that ran to its end.
    public func changes() throws -> Int {
        let stmt = try prepare("SELECT changes()")
        return try stmt.step() ? stmt.int(0) : 0
    }

    /// `PRAGMA user_version`, where the schema version is kept.
    public var userVersion: Int {
        get throws {
            let stmt = try prepare("PRAGMA user_version")
            return try stmt.step() ? stmt.int(0) : 0
        }
    }

    /// The names of the user tables in this database, sorted.
    public func tableNames() throws -> [String] {
        let stmt = try prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        var names: [String] = []
        while try stmt.step() { names.append(stmt.string(0)) }
        return names
    }

    /// Tables declared without STRICT (made again by another tool): SQLite then stores a value of
    /// the wrong type as it is (40.5 beds, 北纬36 as a latitude), which reading turns into a number.
    public func looseTables() throws -> [String] {
        let stmt = try prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 ORDER BY name")
        var names: [String] = []
        while try stmt.step() { names.append(stmt.string(0)) }
        return names
    }

    /// A table of the schema made again without STRICT (by another tool) is refused, by the
    /// build and by import alike: its values of the wrong type went in unchecked.
    func refuseLooseTables() throws {
        if let loose = try looseTables().first(where: Schema.tables.contains) {
            throw StoreError.cannotOpen(path: path, reason: "table \(loose) is not declared STRICT (another tool made it again), so values of the wrong type "
                + "(40.5 beds, text as a latitude) may be stored in it unchecked; export its tables (`yanglao export --all FOLDER --db \(path)`) "
                + "and load them into a new database (`yanglao load --db NEW.sqlite FOLDER`), which checks every value")
        }
    }

    /// The declared columns of a table in definition order: name, declared type, and whether it is NOT NULL.
    public func columns(of table: String) throws -> [(name: String, type: String, required: Bool)] {
        let stmt = try prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?) ORDER BY cid")
        try stmt.bind([.text(table)])
        var result: [(String, String, Bool)] = []
        while try stmt.step() { result.append((stmt.string(0), stmt.string(1).uppercased(), stmt.int(2) != 0)) }
        return result
    }

    /// The foreign keys of a table by id (as `PRAGMA foreign_key_check` names them): column and referenced table.
    public func foreignKeys(of table: String) throws -> [Int: (column: String, parent: String)] {
        let stmt = try prepare("SELECT id, \"from\", \"table\" FROM pragma_foreign_key_list(?)")
        try stmt.bind([.text(table)])
        var result: [Int: (String, String)] = [:]
        while try stmt.step() { result[stmt.int(0)] = (stmt.string(1), stmt.string(2)) }
        return result
    }

    /// The primary-key columns of a table, in key order.
    public func primaryKey(of table: String) throws -> [String] {
        let stmt = try prepare("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")
        try stmt.bind([.text(table)])
        var names: [String] = []
        while try stmt.step() { names.append(stmt.string(0)) }
        return names
    }

    /// The primary key of a row by rowid, several key columns joined with ", " (for messages).
    public func key(table: String, rowid: Int) throws -> String {
        precondition(Schema.tables.contains(table), "unknown table \(table)")
        var columns = try primaryKey(of: table)
        if columns.isEmpty { columns = ["rowid"] }
        let s = try prepare("SELECT \(columns.joined(separator: " || ', ' || ")) FROM \(table) WHERE rowid = ?")
        try s.bind([.int(Int64(rowid))])
        return try s.step() ? s.string(0) : "rowid \(rowid)"
    }

    /// The rowid of each row whose key (as `key(table:rowid:)` writes it) is among `keys`.
    public func rowids(table: String, keys: Set<String>) throws -> [String: Int] {
        precondition(Schema.tables.contains(table), "unknown table \(table)")
        var columns = try primaryKey(of: table)
        if columns.isEmpty { columns = ["rowid"] }
        let s = try prepare("SELECT rowid, \(columns.joined(separator: " || ', ' || ")) FROM \(table)")
        var out: [String: Int] = [:]
        while try s.step() {
            let key = s.string(1)
            if keys.contains(key) { out[key] = s.int(0) }
        }
        return out
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A value bound to a statement parameter.
public enum SQLValue: Hashable, Sendable {
    case null, int(Int64), real(Double), text(String)
}

/// A compiled statement; read columns by index in the order of the SELECT list.
public final class Statement {
    let stmt: OpaquePointer
    let database: Database

    init(_ stmt: OpaquePointer, database: Database) {
        self.stmt = stmt
        self.database = database
    }

    deinit { sqlite3_finalize(stmt) }

    /// Resets the statement and binds `values` to its parameters in order.
    public func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32 = switch value {
            case .null: sqlite3_bind_null(stmt, index)
            case .int(let v): sqlite3_bind_int64(stmt, index, v)
            case .real(let v): sqlite3_bind_double(stmt, index, v)
            case .text(let v): sqlite3_bind_text(stmt, index, v, -1, transient)
            }
            guard rc == SQLITE_OK else { throw StoreError.sql(message: database.lastError) }
        }
    }

    /// Ends a statement stepped short of its last row (a table it reads can then be dropped).
    public func reset() { sqlite3_reset(stmt) }

    /// Advances to the next row; false when done.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(stmt) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StoreError.sql(message: database.lastError)
        }
    }

    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    public func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(stmt, i)) }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(stmt, i) }
    public func string(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, i) else { return "" }
        return String(cString: p)
    }
    /// The column's text as SQLite holds it (an embedded NUL included, which `string` would cut at); nil when NULL.
    public func withUTF8<T>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard let p = sqlite3_column_text(stmt, i) else { return nil }
        return try body(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))))
    }
    public func optionalString(_ i: Int32) -> String? { isNull(i) ? nil : string(i) }
    /// The column as SQLite stores it in this row (STRICT tables: the declared type, or NULL).
    public func value(_ i: Int32) -> SQLValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .int(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: .real(sqlite3_column_double(stmt, i))
        default: .text(string(i))
        }
    }
    public func optionalInt(_ i: Int32) -> Int? { isNull(i) ? nil : int(i) }
    public func optionalDouble(_ i: Int32) -> Double? { isNull(i) ? nil : double(i) }

    /// Appends every column of the current row, as stored, to `out`: a type byte, then the
    /// value (8 bytes for a number, a 4-byte length and the bytes for text). Two rows append
    /// the same bytes exactly when they hold the same values, whatever a reader makes of them,
    /// so a digest of these bytes changes whenever anything read from the row could.
    public func appendRow(to out: inout [UInt8]) {
        func append(_ word: UInt64, bytes: Int = 8) {
            for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))) }
        }
        for i in 0..<sqlite3_column_count(stmt) {
            let type = sqlite3_column_type(stmt, i)
            out.append(UInt8(truncatingIfNeeded: type))
            switch type {
            case SQLITE_NULL: break
            case SQLITE_INTEGER: append(UInt64(bitPattern: sqlite3_column_int64(stmt, i)))
            case SQLITE_FLOAT: append(sqlite3_column_double(stmt, i).bitPattern)
            default:
                let p = sqlite3_column_blob(stmt, i)
                let n = Int(sqlite3_column_bytes(stmt, i))
                append(UInt64(n), bytes: 4)
                if let p, n > 0 { out.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n)) }
            }
        }
    }
}

/// SQLite copies bound text before `bind` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
