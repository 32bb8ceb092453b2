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

    /// The name of the facility the row is about (the facility itself, or the one a rating or
    /// credit record belongs to), so staff find the row in their spreadsheet; nil otherwise.
    /// A personal number in it is masked, as in `value`.
    public var facility: String? {
        get { shownFacility }
        set { shownFacility = newValue.map(PersonalNumbers.shown) }
    }
    private var shownFacility: String?

    public init(_ severity: Severity, _ table: String, row: String, column: String, value: String, expected: String) {
        self.severity = severity; self.table = table; self.row = row; self.column = column
        // A personal number is never echoed in full, whichever rule the value broke.
        self.value = PersonalNumbers.shown(value); self.expected = expected
    }

    /// `error: institutions[52…] (福寿养老院) beds_nursing = 120: expected at most beds_total (100)`
    public var description: String {
        "\(severity.rawValue): \(table)[\(row)]\(facility.map { " (\($0))" } ?? "") \(column) = \(value.isEmpty ? "(empty)" : ChangeText.oneLine(value)): expected \(expected)"
    }

    /// The finding as a JSON object (for `--format json`), keys in a fixed order
    /// (`facility` is empty for rows that are not about a facility; `message_zh` is the Chinese line).
    public var jsonFields: [(String, String)] {
        [("severity", severity.rawValue), ("table", table), ("row", row), ("facility", facility ?? ""), ("column", column), ("value", value),
         ("expected", expected), ("message_zh", chinese)]
    }

    /// This finding, saying which facility its row is about.
    func about(_ name: String?) -> Finding {
        var f = self
        f.facility = name
        return f
    }
}
