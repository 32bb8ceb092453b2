import YanglaoIndicators
import YanglaoStore

extension Validator {
    /// Rules of `yanglao validate` that `yanglao import` applies cell by cell, so a file
    /// that the build would refuse never gets in and the report names its line:
    /// indicator codes of targets and observations, and personal identifiers in the
    /// published text of credit records and facilities.
    public static let importRules: ExtraCellRule = { table, column, text in
        if table == "targets" || table == "observations", column == "indicator", IndicatorRegistry.definition(text) == nil {
            let hint = closestIndicator(to: text).map { " (did you mean \($0)?)" } ?? ""
            return ("is not an indicator code", "an indicator code listed in docs/schema.md\(hint)", nil)
        }
        if publishedText[table]?.contains(column) == true, let kind = PrivacyGuard.identifierKind(in: text) {
            // The message shows where the number is, not the number.
            return ("contains what looks like \(kind)", "published text without personal identifiers; remove the number and import again",
                    maskedExcerpt(text))
        }
        return nil
    }

    /// The text around its first long number, with the number's middle digits masked:
    /// "…家属反映（联系人电话 139****5678）".
    static func maskedExcerpt(_ text: String) -> String {
        // ASCII and full-width digits only (Character.isNumber is true for 一, 二 … too).
        func isDigit(_ c: Character) -> Bool {
            guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return false }
            return (0x30...0x39).contains(v) || (0xFF10...0xFF19).contains(v)
        }
        let chars = Array(text)
        var out = chars
        var i = 0, first: Int?
        while i < chars.count {
            guard isDigit(chars[i]) else { i += 1; continue }
            // A number as people write it: digits, with spaces or hyphens between groups.
            var j = i, digits: [Int] = []
            while j < chars.count, isDigit(chars[j]) || ((chars[j] == " " || chars[j] == "-") && j + 1 < chars.count && isDigit(chars[j + 1])) {
                if isDigit(chars[j]) { digits.append(j) }
                j += 1
            }
            if digits.count >= 7 {
                for d in digits.dropFirst(3).dropLast(4) { out[d] = "*" }
                first = first ?? i
            }
            i = j
        }
        guard let at = first else { return text.count > 40 ? String(chars.prefix(40)) + "…" : text }
        let start = max(0, at - 15), end = min(chars.count, at + 25)
        return (start > 0 ? "…" : "") + String(out[start..<end]) + (end < chars.count ? "…" : "")
    }

    /// The columns `PrivacyGuard` checks before publishing.
    static let publishedText: [String: Set<String>] = [
        "credit_records": ["subject_name", "document_no", "authority", "reason", "basis", "result"],
        "institutions": ["name", "address"],
    ]

    /// The registered code nearest to a mistyped one (at most a third of it changed), if any.
    static func closestIndicator(to text: String) -> String? {
        let typed = Array(text.lowercased().unicodeScalars)
        var best: (code: String, distance: Int)?
        for def in IndicatorRegistry.all {
            let d = editDistance(typed, Array(def.code.unicodeScalars))
            if d <= max(2, typed.count / 3), d < (best?.distance ?? .max) { best = (def.code, d) }
        }
        return best?.code
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
