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
        /// The text around the number, its middle digits masked (`PersonalNumbers.maskedExcerpt`):
        /// enough to find the cell, never the number.
        public var excerpt: String = ""
        public var description: String {
            "table `\(table)`, row \(rowID), column `\(column)`: contains what looks like \(kind); remove it before publishing"
        }
    }

    /// Checks the public text fields of a disclosed credit record.
    public static func check(_ r: CreditRecord) -> [Finding] {
        let fields: [(String, String?)] = [
            ("id", r.id), ("subject_name", r.subjectName), ("document_no", r.documentNo), ("authority", r.authority),
            ("reason", r.reason), ("basis", r.basis), ("result", r.result),
        ]
        var out: [Finding] = []
        for (column, value) in fields {
            guard let value, let kind = identifierKind(in: value) else { continue }
            out.append(Finding(table: "credit_records", rowID: r.id, column: column, kind: kind, excerpt: PersonalNumbers.maskedExcerpt(value)))
        }
        return out
    }

    /// Checks the published text of a facility besides its office phone (which may be any
    /// number the facility chose to publish): its name, former names and address.
    public static func check(_ i: Institution) -> [Finding] {
        var out: [Finding] = []
        let former: String? = i.formerNames.isEmpty ? nil : i.formerNames.joined(separator: Schema.formerNameSeparator)
        for (column, value) in [("name", i.name), ("former_names", former), ("address", i.address)] {
            guard let value, let kind = identifierKind(in: value) else { continue }
            out.append(Finding(table: "institutions", rowID: i.id, column: column, kind: kind, excerpt: PersonalNumbers.maskedExcerpt(value)))
        }
        // The phone may be a mobile the facility publishes, never an ID-card number.
        if let phone = i.phone, identifierKind(in: phone) == idCard {
            out.append(Finding(table: "institutions", rowID: i.id, column: "phone", kind: idCard, excerpt: PersonalNumbers.maskedExcerpt(phone)))
        }
        return out
    }

    public static let idCard = PersonalNumbers.idCard

    /// "an ID-card number", "a mobile number" or nil (see `PersonalNumbers`).
    public static func identifierKind(in text: String) -> String? { PersonalNumbers.kind(in: text) }
}
