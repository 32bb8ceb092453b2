import YanglaoStore
/// One problem found in a database: where it is and what was expected.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public let severity: Severity
    public let table: String
    /// The row's primary key (several key columns joined with ", ").
    public let row: String
    public let column: String
    public let value: String
    public let expected: String

    public init(_ severity: Severity, _ table: String, row: String, column: String, value: String, expected: String) {
        self.severity = severity; self.table = table; self.row = row; self.column = column
        // A personal number is never echoed in full, whichever rule the value broke.
        self.value = PersonalNumbers.shown(value); self.expected = expected
    }

    /// `error: institutions[52…] beds_nursing = 120: expected at most beds_total (100)`
    public var description: String {
        "\(severity.rawValue): \(table)[\(row)] \(column) = \(value.isEmpty ? "(empty)" : value): expected \(expected)"
    }

    /// The finding as a JSON object (for `--format json`), keys in a fixed order.
    public var jsonFields: [(String, String)] {
        [("severity", severity.rawValue), ("table", table), ("row", row), ("column", column), ("value", value), ("expected", expected)]
    }
}
