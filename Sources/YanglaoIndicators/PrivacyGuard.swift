import YanglaoStore

/// Stops a build before personal identifiers reach the public: text shaped
/// like a mainland ID-card number or a personal mobile number.
public enum PrivacyGuard {
    /// A finding: which record and field holds what kind of identifier.
    public struct Finding: Error, Sendable, Equatable, CustomStringConvertible {
        public var table: String
        public var rowID: String
        public var column: String
        public var kind: String
        public var description: String {
            "table `\(table)`, row \(rowID), column `\(column)`: contains what looks like \(kind); remove it before publishing"
        }
    }

    /// Checks the public text fields of a disclosed credit record.
    public static func check(_ r: CreditRecord) -> [Finding] {
        let fields: [(String, String?)] = [
            ("subject_name", r.subjectName), ("document_no", r.documentNo), ("authority", r.authority),
            ("reason", r.reason), ("basis", r.basis), ("result", r.result),
        ]
        var out: [Finding] = []
        for (column, value) in fields {
            guard let value, let kind = identifierKind(in: value) else { continue }
            out.append(Finding(table: "credit_records", rowID: r.id, column: column, kind: kind))
        }
        return out
    }

    /// "an ID-card number", "a mobile number" or nil. Runs of digits are
    /// judged whole, so longer numbers (document or account numbers) do not match.
    public static func identifierKind(in text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            guard ("0"..."9").contains(chars[i]) else { i += 1; continue }
            var j = i
            while j < chars.count, ("0"..."9").contains(chars[j]) { j += 1 }
            let run = j - i
            // 17 digits followed by X is the other ID-card form.
            let xSuffix = run == 17 && j < chars.count && (chars[j] == "X" || chars[j] == "x")
            if run == 18 || xSuffix { return "an ID-card number" }
            if run == 11, chars[i] == "1", chars[i + 1].value >= 0x33 {
                return "a mobile number"
            }
            i = j
        }
        return nil
    }
}
