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
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
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
