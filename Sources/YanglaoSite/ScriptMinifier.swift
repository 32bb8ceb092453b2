/// Shrinks the site's hand-written script for shipping without changing what it does:
/// it drops comments, indentation, blank lines and the spaces beside punctuation, writes
/// anonymous callbacks as arrow functions where they cannot behave differently, and copies
/// strings and regular expressions byte for byte. Line breaks stay (the script relies on
/// them in places, as hand-written scripts do) except after `;`, `{` and `,`, where no
/// automatic semicolon can fall, so none moves.
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
        // Anonymous functions that may become arrows, the one whose parameters are being read,
        // and for each open brace the candidate whose body it opens (-1 for any other).
        var candidates: [Candidate] = []
        var pendingParams: Int?
        var braces: [Int] = []

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
                // After ; { or , a line break ends nothing the next line could continue, so the lines
                // join; after anything else it stays (`}` then `var`, `return` then a value).
                if let last = out.last, last != newline, !joinsNextLine.contains(last) { out.append(newline) }
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
                // An anonymous function passed or assigned (`(function (r) {`, `= function () {`)
                // is noted: it may become an arrow function once its body's end is known.
                if c == UInt8(ascii: "f"), startsAnonymousFunction(s, at: i), let prev = lastSignificant(), arrowMayFollow.contains(prev),
                   !(prev == UInt8(ascii: "=") && out.count >= 2 && Set("=!<>".utf8).contains(out[out.count - 2])) {
                    candidates.append(Candidate(start: out.count))
                    pendingParams = candidates.count - 1
                }
                if c == UInt8(ascii: ")"), let p = pendingParams, candidates[p].paramsEnd == nil {
                    candidates[p].paramsEnd = out.count
                } else if c == UInt8(ascii: "{") {
                    if let p = pendingParams, candidates[p].paramsEnd != nil { braces.append(p); pendingParams = nil } else { braces.append(-1) }
                } else if c == UInt8(ascii: "}"), let open = braces.popLast(), open >= 0 {
                    candidates[open].end = out.count
                }
                out.append(c); i += 1
            }
        }
        while let last = out.last, last == space || last == newline { out.removeLast() }
        out.append(newline)
        // `function(r){…}` → `(r)=>{…}` where nothing can tell them apart: the script uses no
        // `this`, `arguments` or `new` on its own functions (checked on its text without
        // comments; a string holding those words only turns this off), and the arrow is
        // followed by what ends an argument, element or statement — not `.`, `(` or an operator,
        // which would bind differently. Latest first, so earlier positions stay valid.
        if !usesFunctionBinding(out) {
            // Decided on the text as written (a body's end moves once the functions inside it change).
            let arrows = candidates.filter { c in
                guard c.paramsEnd != nil, let end = c.end else { return false }
                let rest = out[(end + 1)...]
                guard let next = rest.first(where: { $0 != space }) else { return true }
                guard arrowMayPrecede.contains(next) else { return false }
                guard next == newline else { return true }
                // Across a line break only what starts a statement of its own: a line that starts
                // with ( [ . + - / ? or an operator word would continue a function expression
                // (call it, index it, add to it), never an arrow.
                guard let start = rest.firstIndex(where: { $0 != space && $0 != newline }) else { return true }
                if Set("});]".utf8).contains(out[start]) { return true }
                guard isWordByte(out[start]) || out[start] == 95 || out[start] == 36 else { return false }
                var wordEnd = start
                while wordEnd < out.endIndex, isWordByte(out[wordEnd]) { wordEnd += 1 }
                return !["in", "instanceof"].contains(String(decoding: out[start..<wordEnd], as: UTF8.self))
            }
            for c in arrows.reversed() {
                out.insert(contentsOf: Array("=>".utf8), at: c.paramsEnd! + 1)
                out.removeSubrange(c.start..<(c.start + 8))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private struct Candidate { var start: Int; var paramsEnd: Int? = nil; var end: Int? = nil }

    /// `function` then `(` (spaces between), as a word of its own.
    private static func startsAnonymousFunction(_ s: [UInt8], at i: Int) -> Bool {
        let word = Array("function".utf8)
        guard i + word.count < s.count, Array(s[i..<(i + word.count)]) == word else { return false }
        if i > 0, isWordByte(s[i - 1]) || s[i - 1] == UInt8(ascii: "_") || s[i - 1] == UInt8(ascii: "$") || s[i - 1] == UInt8(ascii: ".") { return false }
        var j = i + word.count
        while j < s.count, s[j] == space { j += 1 }
        return j < s.count && s[j] == UInt8(ascii: "(")
    }

    /// Whether the source refers to `this` or `arguments` as words, or constructs with `new` a
    /// lowercase name (one of its own functions): then no function becomes an arrow.
    private static func usesFunctionBinding(_ s: [UInt8]) -> Bool { // the script less its comments
        func isName(_ c: UInt8) -> Bool { isWordByte(c) || (c >= 48 && c <= 57) || c == 95 || c == 36 }
        var i = 0
        while i < s.count {
            guard isName(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, isName(s[j]) { j += 1 }
            let word = String(decoding: s[i..<j], as: UTF8.self)
            if word == "this" || word == "arguments" { return true }
            if word == "new" {
                var k = j
                while k < s.count, s[k] == space { k += 1 }
                if k < s.count, (s[k] >= UInt8(ascii: "a") && s[k] <= UInt8(ascii: "z")) || s[k] == 95 || s[k] == 36 || s[k] == UInt8(ascii: "(") { return true }
            }
            i = j
        }
        return false
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r"), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
    private static let backslash = UInt8(ascii: "\\"), singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\"")
    private static let backtick = UInt8(ascii: "`")

    /// Bytes beside which a space is never needed (a word and a quoted string: `return'x'`).
    private static let punctuation = Set("{}()[];,=:?<>|&!+-*/%^~.'\"".utf8)
    /// Line ends after which the next line is joined on.
    private static let joinsNextLine = Set(";{,".utf8)
    /// Pairs of these must stay apart: `a - -b`, `a + +b`, `a / /re/`.
    private static let signs = Set("+-/".utf8)
    /// Words after which a `/` starts a regular expression, as after an operator.
    private static let keywords: Set<String> = ["return", "typeof", "case", "in", "of", "void", "delete", "throw", "new", "else", "do", "instanceof"]
    /// Where a function expression stands as an argument, element, value or assigned value.
    private static let arrowMayFollow = Set("(,=:?".utf8)
    /// What may follow an arrow function's body (an argument's, element's or statement's end).
    private static let arrowMayPrecede = Set("),;]}\n".utf8)
    /// After these a `/` starts a regular expression, not a division.
    private static let regexMayFollow = Set("(,=:[!&|?{};+-*%<>~^".utf8)

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
}
