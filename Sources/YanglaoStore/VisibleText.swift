/// Whether text shows anything: a required cell of only spaces (any kind), combining marks,
/// variation selectors, the Braille blank or tag characters is as good as empty — a page
/// titled with it shows nothing, and a list links to nothing. Import and validate both apply it.
public enum VisibleText {
    /// True for text with no character a reader would see.
    public static func isBlank<C: Collection>(utf8 bytes: C) -> Bool where C.Element == UInt8 {
        // Most text starts with a Chinese character (lead bytes E4–E9: U+4000–U+9FFF, all visible)
        // or holds a visible ASCII character: one short look.
        if let first = bytes.first, (0xE4...0xE9).contains(first) { return false }
        if bytes.contains(where: { (0x21...0x7E).contains($0) }) { return false }
        for s in String(decoding: bytes, as: UTF8.self).unicodeScalars where !invisible(s) { return false }
        return true
    }

    public static func isBlank(_ text: String) -> Bool { isBlank(utf8: text.utf8) }

    /// What a blank required cell should hold instead.
    public static let blankExpectation = "a value a reader can see (the cell holds only spaces or invisible characters)"

    private static func invisible(_ s: Unicode.Scalar) -> Bool {
        if s.properties.isWhitespace { return true }
        switch s.properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark, .control: return true
        default: break
        }
        switch s.value {
        case 0x2800, 0x3164, 0xFFA0, 0x115F, 0x1160, 0xFE00...0xFE0F, 0xE0000...0xE007F, 0xE0100...0xE01EF: return true
        default: return false
        }
    }

    /// True when the text holds a line break of any kind: line feed, carriage return, and the
    /// line and paragraph separators (U+2028, U+2029) and next-line (U+0085), which browsers,
    /// spreadsheets and JSON readers may also break a line at.
    public static func hasLineBreak<C: Collection>(utf8 b: C) -> Bool where C.Element == UInt8 {
        // The two bytes before this one: U+2028/U+2029 are E2 80 A8/A9, U+0085 is C2 85.
        var (twoBack, oneBack): (UInt8, UInt8) = (0, 0)
        for c in b {
            if c == 0x0A || c == 0x0D { return true }
            if twoBack == 0xE2, oneBack == 0x80, c == 0xA8 || c == 0xA9 { return true }
            if oneBack == 0xC2, c == 0x85 { return true }
            (twoBack, oneBack) = (oneBack, c)
        }
        return false
    }
}
