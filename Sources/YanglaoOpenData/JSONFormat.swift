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
    /// (`12.5`, `3`); non-finite numbers become null. Rounded half away from zero.
    public static func number(_ x: Double, decimals: Int) -> String {
        var out: [UInt8] = []
        appendNumber(x, decimals: decimals, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `number(x, decimals:)` without building intermediate strings
    /// (numbers fill most cells of the national datasets).
    public static func appendNumber(_ x: Double, decimals: Int, to out: inout [UInt8]) {
        guard x.isFinite else { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]); return }
        var f: Int64 = 1
        for _ in 0..<decimals { f *= 10 }
        let magnitude = (abs(x) * Double(f)).rounded(.toNearestOrAwayFromZero)
        // Beyond 64-bit integers (only a wrong number is that large): printed by the C library, never a crash.
        guard magnitude < 9e18 else { out.append(contentsOf: Array(String(format: "%.\(decimals)f", x).utf8)); return }
        let whole = Int64(magnitude)
        if x < 0 && whole != 0 { out.append(0x2D) }
        appendDigits(whole / f, to: &out)
        var frac = whole % f
        guard frac != 0 else { return }
        var places = decimals
        while frac % 10 == 0 { frac /= 10; places -= 1 }
        out.append(0x2E)
        var digits = [UInt8](repeating: 0x30, count: places)
        var k = places - 1
        while frac > 0 { digits[k] = 0x30 + UInt8(frac % 10); frac /= 10; k -= 1 }
        out.append(contentsOf: digits)
    }

    static func appendDigits(_ n: Int64, to out: inout [UInt8]) {
        guard n >= 10 else { out.append(0x30 + UInt8(n)); return }
        appendDigits(n / 10, to: &out)
        out.append(0x30 + UInt8(n % 10))
    }

    /// A whole number in decimal, with its sign.
    public static func appendDigits(_ n: Int, to out: inout [UInt8]) {
        if n < 0 {
            out.append(0x2D)
            // The magnitude of Int.min does not fit an Int.
            guard n != .min else { out.append(contentsOf: String(n).utf8.dropFirst()); return }
        }
        appendDigits(Int64(n.magnitude), to: &out)
    }

    public static func string(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal. Works on UTF-8 bytes: every byte
    /// that needs escaping is ASCII, so multi-byte characters pass through whole.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Most text needs no escaping at all: copy it in one go.
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C }) else {
                out.append(contentsOf: bytes)
                return
            }
            let hex = Array("0123456789abcdef".utf8)
            for b in bytes {
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0x3C: out.append(contentsOf: Array("\\u003c".utf8)) // safe to embed in HTML <script> blocks
                case ..<0x20: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                default: out.append(b)
                }
            }
        }
        out.append(0x22)
    }

    /// Appends one cell as a JSON value.
    public static func appendValue(_ cell: Cell, to out: inout [UInt8]) {
        switch cell {
        case .text(let s), .date(let s): appendString(s, to: &out)
        case .number(let x, let decimals): appendNumber(x, decimals: decimals, to: &out)
        case .int(let n): appendDigits(n, to: &out)
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    /// One object with the given keys in order.
    public static func object(_ pairs: [(String, Cell)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + value($0.1) }.joined(separator: ",") + "}"
    }
}
