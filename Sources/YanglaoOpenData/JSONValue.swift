/// A JSON document built in code and printed deterministically: object keys
/// keep the order they were given in, numbers print without platform formatting.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.compact == b.compact }

    /// One line, no spaces.
    public var compact: String {
        var out: [UInt8] = []
        appendCompact(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `compact` as bytes, without intermediate strings (the finder and the
    /// map data write one value per facility).
    public func appendCompact(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .int(let n): JSONFormat.appendDigits(n, to: &out)
        case .number(let x, let d): JSONFormat.appendNumber(x, decimals: d, to: &out)
        case .string(let s): JSONFormat.appendString(s, to: &out)
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                item.appendCompact(to: &out)
            }
            out.append(0x5D)
        case .object(let pairs):
            out.append(0x7B)
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONFormat.appendString(key, to: &out)
                out.append(0x3A)
                value.appendCompact(to: &out)
            }
            out.append(0x7D)
        }
    }

    /// Two-space indentation and a final newline, for files people read.
    public var pretty: String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        return out + "\n"
    }

    func write(to out: inout String, indent: String?, level: Int) {
        let newline = indent == nil ? "" : "\n"
        func pad(_ n: Int) -> String { indent.map { String(repeating: $0, count: n) } ?? "" }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .number(let x, let d): out += JSONFormat.number(x, decimals: d)
        case .string(let s): out += JSONFormat.string(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
                out += (i == items.count - 1 ? "" : ",") + newline
            }
            out += pad(level) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in pairs.enumerated() {
                out += pad(level + 1) + JSONFormat.string(key) + (indent == nil ? ":" : ": ")
                value.write(to: &out, indent: indent, level: level + 1)
                out += (i == pairs.count - 1 ? "" : ",") + newline
            }
            out += pad(level) + "}"
        }
    }

    /// The JSON form of a dataset cell.
    public init(_ cell: Cell) {
        switch cell {
        case .null: self = .null
        case .text(let s), .date(let s): self = .string(s)
        case .int(let n): self = .int(n)
        case .number(let x, let d): self = .number(x, decimals: d)
        case .bool(let b): self = .bool(b)
        }
    }
}
