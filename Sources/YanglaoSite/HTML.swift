/// A fragment of HTML that is safe to emit.
///
/// Literal parts of an `HTML` string are trusted markup written in this code
/// base; every interpolated `String` is escaped. Only `HTML` values are
/// inserted as they are, and the one way to make one from foreign text
/// without escaping is `HTML(trusted:)`, kept for cmark's sanitised output
/// and SVG generated here.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var raw: String

    public init(trusted raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { raw = value }
    public init(stringInterpolation: Interpolation) { raw = stringInterpolation.raw }

    public var description: String { raw }

    public static let empty = HTML(trusted: "")

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.raw + b.raw) }

    public struct Interpolation: StringInterpolationProtocol {
        var raw = ""
        public init(literalCapacity: Int, interpolationCount: Int) { raw.reserveCapacity(literalCapacity + interpolationCount * 16) }
        public mutating func appendLiteral(_ literal: String) { raw += literal }
        /// Untrusted text: escaped.
        public mutating func appendInterpolation(_ text: String) { raw += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { raw += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ n: Int) { raw += String(n) }
        public mutating func appendInterpolation(_ html: HTML) { raw += html.raw }
        public mutating func appendInterpolation(_ parts: [HTML]) { for p in parts { raw += p.raw } }
    }

    /// Escapes `& < > " '` so text is safe in element content and quoted attributes.
    public static func escape(_ s: String) -> String {
        // Most text needs nothing: look at the contiguous bytes once (the UTF-8 view's iterator is slower).
        var text = s
        let clean = text.withUTF8 { bytes in !bytes.contains { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 } }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// `escape`, and characters XML 1.0 forbids dropped (the validator refuses them in the
    /// data; this keeps the feed well-formed whatever reaches it).
    static func xmlEscape(_ s: String) -> String {
        let escaped = escape(s)
        func allowed(_ c: Unicode.Scalar) -> Bool {
            c.value >= 0x20 ? c.value != 0xFFFE && c.value != 0xFFFF : c == "\t" || c == "\n" || c == "\r"
        }
        guard !escaped.unicodeScalars.allSatisfy(allowed) else { return escaped }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: escaped.unicodeScalars.filter(allowed))
        return String(out)
    }
}

extension Array where Element == HTML {
    func joined(_ separator: HTML = .empty) -> HTML {
        HTML(trusted: map(\.raw).joined(separator: separator.raw))
    }
}
