/// Characters no published text may hold. They are invisible, and each breaks something
/// downstream: a vertical tab (Word's soft line break) or another C0 control makes the Atom
/// feed and the sitemap malformed XML, NUL cuts a value short where C strings are used, a
/// bidirectional override (U+202E) reverses the text around a name on every page, and
/// escape sequences rewrite the terminal a message is printed on.
///
/// Zero-width characters (U+200B–U+200D, U+2060, and U+FEFF inside text) come with text
/// copied from web pages and chat apps: a name holding one looks the same but is never
/// found by search, and sorts and compares as another name.
///
/// Soft hyphens, direction marks and other invisible format characters are refused too: put
/// between the digits of a number they hide it from the privacy check while a browser shows
/// it whole.
///
/// Tab, line feed and carriage return are ordinary text (a name's line break is refused
/// elsewhere). U+2028/U+2029 are allowed: they are valid everywhere the site writes them.
public enum ControlCharacters {
    /// The first forbidden character of `text`, nil if there is none.
    public static func first(in text: String) -> Unicode.Scalar? {
        var text = text
        return text.withUTF8 { first(inUTF8: $0) }
    }

    /// The same on UTF-8 bytes (a database cell as SQLite stores it, embedded NUL included).
    /// Most text holds none of the lead bytes looked at, so this is one pass over the bytes.
    /// `orReplacement`: U+FFFD counts too (a database cell: characters lost to a misread encoding).
    public static func first(inUTF8 b: UnsafeBufferPointer<UInt8>, orReplacement: Bool = false) -> Unicode.Scalar? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case 0x09, 0x0A, 0x0D: break
            case 0x00...0x1F, 0x7F: return Unicode.Scalar(c)
            // Two-byte characters led by C2 (C1 controls, the soft hyphen), CD (U+034F) or D8 (U+061C).
            case 0xC2, 0xCD, 0xD8:
                // (A `where` would guard the last pattern only.)
                if i + 1 < n, let s = Unicode.Scalar((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)), isForbidden(s) { return s }
            // Three-byte characters led by E1, E2, E3 or EF (the forbidden ones of U+1000–U+3FFF and U+F000–U+FFFF;
            // the CJK ideographs are led by E4–E9 and pass at once).
            case 0xE1, 0xE2, 0xE3, 0xEF:
                if i + 2 < n, let s = Unicode.Scalar((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)),
                   isForbidden(s) || orReplacement && s == "\u{FFFD}" { return s }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// "U+000B (a vertical tab: Word's soft line break)" — what a message calls the character.
    public static func describe(_ c: Unicode.Scalar) -> String {
        let what: String = switch c.value {
        case 0x00: "a NUL character"
        case 0x0B: "a vertical tab: Word's soft line break (Shift+Enter)"
        case 0x0C: "a page break"
        case 0x1B: "an escape character"
        case 0x202A...0x202E, 0x2066...0x2069: "a bidirectional control, which reverses the text around it"
        case 0x00AD: "a soft hyphen, invisible in a browser, usually copied from a Word file or a web page"
        case 0x200E, 0x200F, 0x061C: "a direction mark, invisible, usually copied from a web page"
        case 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180E, 0x2061...0x2064, 0x206A...0x206F, 0x3164, 0xFFA0:
            "an invisible formatting character: the text looks the same but search will not find it"
        case 0x200B...0x200D, 0x2060, 0xFEFF: "a zero-width character, usually copied from a web page or chat: the text looks the same but search will not find it"
        case 0xFFFE, 0xFFFF: "a non-character"
        default: "an invisible control character"
        }
        return "\(code(c)) (\(what))"
    }

    /// What an error message needs to say about a value holding forbidden characters.
    public static func expectation(_ c: Unicode.Scalar) -> String {
        "text without invisible control characters (found \(describe(c)); retype the text or replace it with a space)"
    }

    /// `text` with every forbidden character (and any other control but tab and line feed)
    /// written as `<U+001B>`, for printing a message that quotes a value on a terminal.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if needsEscape(s) {
                out.append(contentsOf: "<\(code(s))>".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// "U+000B"
    private static func code(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The characters refused, one by one (`first(inUTF8:)` finds the same ones in bytes).
    public static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200D, 0x2060, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0xFFFE, 0xFFFF: true
        // Invisible format characters that can sit between the digits of a number unseen (a soft
        // hyphen, direction marks, invisible operators, fillers). Variation selectors stay allowed
        // (emoji and rare CJK forms use them); a number check skips them (`PersonalNumbers`).
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180E, 0x200E, 0x200F,
             0x2061...0x2064, 0x206A...0x206F, 0x3164, 0xFFA0: true
        default: false
        }
    }

    /// Printed as a code: the forbidden characters, and a carriage return (which would move
    /// the cursor back over the start of the message line).
    private static func needsEscape(_ s: Unicode.Scalar) -> Bool { isForbidden(s) || s == "\r" }
}
