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

    /// Checks the published text of a facility besides its office phone (which may be any
    /// number the facility chose to publish): its name and address.
    public static func check(_ i: Institution) -> [Finding] {
        var out: [Finding] = []
        for (column, value) in [("name", i.name), ("address", i.address)] {
            guard let value, let kind = identifierKind(in: value) else { continue }
            out.append(Finding(table: "institutions", rowID: i.id, column: column, kind: kind))
        }
        return out
    }

    /// "an ID-card number", "a mobile number" or nil.
    ///
    /// Numbers are read the way people write them: full-width digits count as
    /// digits, and a number may be split into groups by spaces or hyphens
    /// (`139-1234-5678`, `142601 19800101 1234`) or carry a `+86`/`0086`
    /// prefix. Every run of whole groups is judged, so a longer number
    /// (a document or account number) does not match, and a date written just
    /// before a phone number does not hide it.
    public static func identifierKind(in text: String) -> String? {
        // Most text holds fewer than 11 digits: nothing to look at more closely.
        var digitCount = 0
        for c in text.unicodeScalars where digit(c) != nil { digitCount += 1 }
        guard digitCount >= 11 else { return nil }
        for groups in numberGroups(in: text) {
            for start in groups.indices {
                var digits: [UInt8] = []
                for g in groups[start...] {
                    digits += g.digits
                    if digits.count > 18 { break }
                    if let kind = kind(of: digits, xSuffix: g.xSuffix) { return kind }
                    if g.xSuffix { break }
                }
            }
        }
        return nil
    }

    private static func kind(of digits: [UInt8], xSuffix: Bool) -> String? {
        if digits.count == 18 && !xSuffix || digits.count == 17 && xSuffix { return "an ID-card number" }
        // An X after other numbers (an extension, "13912345678x") does not make them safe.
        var d = digits[...]
        if d.count == 15, d.starts(with: [0, 0, 8, 6]) { d = d.dropFirst(4) }
        if d.count == 13, d.starts(with: [8, 6]) { d = d.dropFirst(2) }
        if d.count == 11, d[d.startIndex] == 1, d[d.startIndex + 1] >= 3 { return "a mobile number" }
        return nil
    }

    /// A group of digits; `xSuffix` when an X (the ID-card check character) follows it.
    private struct Group { var digits: [UInt8]; var xSuffix: Bool }

    /// Sequences of digit groups joined by at most two separator characters.
    private static func numberGroups(in text: String) -> [[Group]] {
        var sequences: [[Group]] = []
        var current: [Group] = []
        var digits: [UInt8] = []
        var gap = 0
        func endGroup(x: Bool) {
            if !digits.isEmpty { current.append(Group(digits: digits, xSuffix: x)); digits = [] }
        }
        func endSequence() {
            endGroup(x: false)
            if !current.isEmpty { sequences.append(current); current = [] }
            gap = 0
        }
        for c in text.unicodeScalars {
            if let d = digit(c) {
                if digits.isEmpty, gap > 2 { endSequence() }
                digits.append(d); gap = 0
            } else if c == "X" || c == "x" || c == "Ｘ" || c == "ｘ", !digits.isEmpty {
                endGroup(x: true); endSequence()
            } else if separators.contains(c), !current.isEmpty || !digits.isEmpty {
                endGroup(x: false); gap += 1
                if gap > 2 { endSequence() }
            } else {
                endSequence()
            }
        }
        endSequence()
        return sequences
    }

    private static let separators: Set<Unicode.Scalar> = [
        " ", "-", ".", "\t", "\u{00A0}", "\u{3000}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{FF0D}",
    ]

    private static func digit(_ c: Unicode.Scalar) -> UInt8? {
        switch c.value {
        case 0x30...0x39: UInt8(c.value - 0x30)
        case 0xFF10...0xFF19: UInt8(c.value - 0xFF10) // full-width
        default: nil
        }
    }
}
