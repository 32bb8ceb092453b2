/// JSON written by hand so that output is byte-stable: fields in dataset
/// order, numbers with a fixed number of decimals, no platform formatting.
public enum JSONFormat {
    public static func value(_ cell: Cell) -> String {
        switch cell {
        case .null: "null"
        case .int(let n): String(n)
        case .number(let x, let decimals): number(x, decimals: decimals)
        case .bool(let b): b ? "true" : "false"
        case .text(let s), .date(let s): string(s)
        }
    }

    /// A number with at most `decimals` decimals and no trailing zeros
    /// (`12.5`, `3`); non-finite numbers become null.
    public static func number(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "null" }
        var s = formatFixed(x, decimals: decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    static func formatFixed(_ x: Double, decimals: Int) -> String {
        let f = (0..<decimals).reduce(1.0) { a, _ in a * 10 }
        let scaled = (abs(x) * f).rounded(.toNearestOrAwayFromZero)
        let whole = Int64(scaled)
        let fi = Int64(f)
        var s = String(whole / fi)
        if decimals > 0 {
            let frac = String(whole % fi)
            s += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return x < 0 && whole != 0 ? "-" + s : s
    }

    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c" // safe to embed in HTML <script> blocks
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// One object with the given keys in order.
    public static func object(_ pairs: [(String, Cell)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + value($0.1) }.joined(separator: ",") + "}"
    }
}
