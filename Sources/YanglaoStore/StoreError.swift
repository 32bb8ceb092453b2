/// Everything that can go wrong reading or loading a database, said so that a
/// member of staff knows which file, table, row and column to fix.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missingDatabase(path: String)
    case cannotOpen(path: String, reason: String)
    case wrongSchemaVersion(path: String, found: Int, expected: Int)
    case missingTable(path: String, table: String)
    case sql(message: String)
    /// A cell of a text source that does not fit its column.
    case invalidCell(file: String, line: Int, column: String, value: String, expected: String)
    /// A CSV whose header does not match the table's columns.
    case badHeader(file: String, expected: [String], found: [String])
    case malformedCSV(file: String, line: Int, reason: String)
    /// A row rejected by a constraint of the schema.
    case rejectedRow(file: String, line: Int, reason: String)
    /// A required `meta` key is absent or malformed.
    case badMeta(key: String, expected: String)
    /// Several problems found in one pass, reported together.
    case several([StoreError])

    public var description: String {
        switch self {
        case .missingDatabase(let path):
            "database not found: \(path) (create one with `yanglao init --db \(path)` or `make db`)"
        case .cannotOpen(let path, let reason):
            "cannot open database \(path): \(reason)"
        case .wrongSchemaVersion(let path, let found, let expected):
            "database \(path) has schema version \(found), this yanglao reads version \(expected)"
        case .missingTable(let path, let table):
            "database \(path) has no table `\(table)`; it was not created with `yanglao init`"
        case .sql(let message):
            "SQLite: \(message)"
        case .invalidCell(let file, let line, let column, let value, let expected):
            "\(file):\(line): column `\(column)`: value \"\(value)\" is not valid, expected \(expected)"
        case .badHeader(let file, let expected, let found):
            "\(file):1: header is [\(found.joined(separator: ","))], expected exactly [\(expected.joined(separator: ","))]"
        case .malformedCSV(let file, let line, let reason):
            line == 0 ? "\(file): \(reason)" : "\(file):\(line): malformed CSV: \(reason)"
        case .rejectedRow(let file, let line, let reason):
            line == 0 ? "\(file): \(reason)" : "\(file):\(line): row rejected: \(reason)"
        case .badMeta(let key, let expected):
            "table `meta`, key `\(key)`: expected \(expected)"
        case .several(let problems):
            problems.map(\.description).joined(separator: "\n") + "\n\(problems.count) problem(s); nothing was written"
        }
    }
}
