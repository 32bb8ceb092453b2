/// Text a spreadsheet may run as a formula, and the apostrophe that stops it: the rule of
/// the Excel files the site publishes (`CSVFormat`) and of reading them back (`yanglao import`),
/// kept in one place so that what one writes the other reads as it was.
public enum FormulaGuard {
    /// Starts with `=`, `+`, `-` or `@` (half- or full-width, as a Chinese input method types
    /// them), or with a tab or carriage return — after any leading spaces, which spreadsheets
    /// may skip before reading a formula (space, no-break, ideographic and thin spaces, line feed).
    public static func isFormulaLike<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        let b = Array(bytes.prefix(64))
        var i = 0
        while i < b.count {
            if b[i] == 0x20 || b[i] == 0x0A { i += 1; continue }
            if b[i] == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { i += 2; continue }                        // U+00A0
            if b[i] == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { i += 3; continue }      // U+3000
            if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, (0x80...0x8A).contains(b[i + 2]) || b[i + 2] == 0xAF { i += 3; continue } // U+2000–200A, U+202F
            break
        }
        guard i < b.count else { return false }
        if [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(b[i]) { return true }
        // Full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20).
        return b[i] == 0xEF && i + 2 < b.count && (b[i + 1] == 0xBC && [0x9D, 0x8B, 0x8D, 0xA0].contains(b[i + 2]))
    }

    /// By first byte: whether `needsGuard` may answer yes for text starting with it (= + - @ tab CR,
    /// the apostrophe, spaces, and the lead bytes of the no-break, thin, ideographic and full-width
    /// characters read above), so a writer skips the rest for most text. Kept beside the rule it mirrors.
    public static let mayStart: [Bool] = (0...255).map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x27, 0x20, 0x0A, 0xC2, 0xE2, 0xE3, 0xEF].contains($0) }

    /// Whether text gets the apostrophe: it is formula-like, or itself starts with apostrophes
    /// before formula-like text (`'=x` and `''=x` get one more, so reading them back gives them as they were).
    public static func needsGuard<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        let rest = bytes.drop { $0 == 0x27 }
        return !rest.isEmpty && isFormulaLike(rest)
    }
}
