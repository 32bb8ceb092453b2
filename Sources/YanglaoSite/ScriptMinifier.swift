/// Shrinks the site's hand-written script for shipping without changing any statement:
/// it drops comments, indentation, blank lines and the spaces beside punctuation, and copies
/// strings and regular expressions byte for byte. Line breaks stay (the script relies on
/// them in places, as hand-written scripts do), so no automatic semicolon moves.
///
/// It reads the script the way a JavaScript tokenizer does, for the constructs the script
/// uses: quoted strings with escapes, template literals without `${}`, `//` and `/* */`
/// comments, and regular expressions where a value cannot stand (after an operator or an
/// opening bracket, a keyword such as `return`, or at the start of a line) — the usual rule
/// of minifiers for code without a `)` before a regular expression.
enum ScriptMinifier {
    static func minify(_ source: String) -> String {
        let s = Array(source.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        var pendingSpace = false

        /// The last byte written that is not a space or line break.
        func lastSignificant() -> UInt8? { out.last { $0 != space && $0 != newline } }
        /// Whether the last word written is one after which a value starts (`return /re/`).
        func afterKeyword() -> Bool {
            var end = out.endIndex
            while end > out.startIndex, out[end - 1] == space || out[end - 1] == newline { end -= 1 }
            var start = end
            while start > out.startIndex, isWordByte(out[start - 1]) || (out[start - 1] >= 48 && out[start - 1] <= 57) || out[start - 1] == 95 || out[start - 1] == 36 { start -= 1 }
            return keywords.contains(String(decoding: out[start..<end], as: UTF8.self))
        }

        func emitSpaceIfNeeded(before next: UInt8) {
            defer { pendingSpace = false }
            guard pendingSpace, let prev = out.last, prev != newline else { return }
            // Beside punctuation a space says nothing — except between two of + - / (`a - -b`, `a / /re/`).
            if punctuation.contains(prev) || punctuation.contains(next) {
                guard signs.contains(prev) && signs.contains(next) else { return }
            }
            out.append(space)
        }

        func copyQuoted(_ quote: UInt8) {
            out.append(s[i]); i += 1
            while i < s.count {
                let c = s[i]
                out.append(c); i += 1
                if c == backslash, i < s.count { out.append(s[i]); i += 1; continue }
                if c == quote { return }
            }
        }

        func copyRegex() {
            out.append(s[i]); i += 1
            var inClass = false
            while i < s.count {
                let c = s[i]
                out.append(c); i += 1
                if c == backslash, i < s.count { out.append(s[i]); i += 1; continue }
                if c == UInt8(ascii: "[") { inClass = true } else if c == UInt8(ascii: "]") { inClass = false }
                else if c == slash, !inClass { break }
            }
            while i < s.count, isWordByte(s[i]) { out.append(s[i]); i += 1 } // flags
        }

        while i < s.count {
            let c = s[i]
            switch c {
            case space, tab, carriageReturn:
                pendingSpace = true; i += 1
            case newline:
                pendingSpace = false
                while let last = out.last, last == space { out.removeLast() }
                if let last = out.last, last != newline { out.append(newline) }
                i += 1
            case slash where i + 1 < s.count && s[i + 1] == slash:
                while i < s.count, s[i] != newline { i += 1 }
            case slash where i + 1 < s.count && s[i + 1] == star:
                i += 2
                while i + 1 < s.count, !(s[i] == star && s[i + 1] == slash) { i += 1 }
                i += 2
                pendingSpace = true
            case slash:
                emitSpaceIfNeeded(before: c)
                if let prev = lastSignificant(), !regexMayFollow.contains(prev), out.last != newline, !afterKeyword() { out.append(c); i += 1 } else { copyRegex() }
            case singleQuote, doubleQuote, backtick:
                emitSpaceIfNeeded(before: c)
                copyQuoted(c)
            default:
                emitSpaceIfNeeded(before: c)
                out.append(c); i += 1
            }
        }
        while let last = out.last, last == space || last == newline { out.removeLast() }
        out.append(newline)
        return String(decoding: out, as: UTF8.self)
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r"), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
    private static let backslash = UInt8(ascii: "\\"), singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\"")
    private static let backtick = UInt8(ascii: "`")

    /// Bytes beside which a space is never needed.
    private static let punctuation = Set("{}()[];,=:?<>|&!+-*/%^~.".utf8)
    /// Pairs of these must stay apart: `a - -b`, `a + +b`, `a / /re/`.
    private static let signs = Set("+-/".utf8)
    /// Words after which a `/` starts a regular expression, as after an operator.
    private static let keywords: Set<String> = ["return", "typeof", "case", "in", "of", "void", "delete", "throw", "new", "else", "do", "instanceof"]
    /// After these a `/` starts a regular expression, not a division.
    private static let regexMayFollow = Set("(,=:[!&|?{};+-*%<>~^".utf8)

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
}
