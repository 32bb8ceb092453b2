/// CSV as published: RFC 4180, UTF-8, comma, CRLF between records, fields
/// quoted only when needed. Null is the empty field.
///
/// Text cells that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) get a leading apostrophe `'`.
/// Numeric cells are never changed, so `-3` stays a number.
public enum CSVFormat {
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case .null: return ""
        case .int(let n): return String(n)
        case .number(let x, let decimals): return JSONFormat.number(x, decimals: decimals)
        case .bool(let b): return b ? "true" : "false"
        case .date(let s): return quote(guardFormula(s))
        case .text(let s): return quote(guardFormula(s))
        }
    }

    public static func record(_ cells: [String]) -> String { cells.joined(separator: ",") + "\r\n" }

    /// Appends `field(cell)` as bytes, without intermediate strings (the same
    /// rules; national datasets have millions of cells).
    public static func appendField(_ cell: Cell, to out: inout [UInt8]) {
        switch cell {
        case .null: return
        case .int(let n): JSONFormat.appendDigits(n, to: &out)
        case .number(let x, let decimals): JSONFormat.appendNumber(x, decimals: decimals, to: &out)
        case .bool(let b): out.append(contentsOf: b ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .text(let s), .date(let s): appendText(s, to: &out)
        }
    }

    /// A text field with the formula guard, quoted when it holds a comma, quote, CR or LF.
    static func appendText(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            let guarded = bytes.first.map { [61, 43, 45, 64, 9, 13].contains($0) } ?? false
            let quoted = bytes.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            if quoted { out.append(34) }
            if guarded { out.append(39) }
            if !quoted { out.append(contentsOf: bytes); return }
            // Every byte that needs care is ASCII, so multi-byte characters pass through whole.
            for b in bytes {
                if b == 34 { out.append(34) }
                out.append(b)
            }
            out.append(34)
        }
    }

    /// Quotes a field that holds a comma, quote, CR or LF.
    public static func quote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        // Work on scalars: a quote followed by a combining mark is one Character.
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in s.unicodeScalars {
            if scalar == "\"" { out.append("\"") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }

    public static func guardFormula(_ s: String) -> String {
        guard let first = s.utf8.first, [61, 43, 45, 64, 9, 13].contains(first) else { return s }
        return "'" + s
    }
}

