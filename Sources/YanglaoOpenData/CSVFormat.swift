import YanglaoStore

/// CSV as published: RFC 4180, UTF-8, comma, CRLF between records, fields
/// quoted only when needed. Null is the empty field. The plain CSV holds every
/// value exactly as the JSON does (it is for programs).
///
/// The Excel file (`excel: true`) is for spreadsheets, which run some text as
/// formulas and turn other text into numbers:
/// - text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
///   leading apostrophe `'` (formula injection), also after leading spaces and for the
///   full-width ＝ ＋ － ＠ (`FormulaGuard`);
/// - text a spreadsheet would read as a number or a date — digits with only
///   `. , - / : % ( ) +` among them (credit and region codes, phone numbers,
///   1-2, 2023.10, (5), 12%), or digits around one `E` (the credit code
///   12321203E365176135 reads as 1.2321203 × 10^365176135) — is written as the
///   formula `="…"`, so Excel keeps it as text instead of dropping leading zeros,
///   rounding 18 digits to 1.2E+17 or turning 1-2 into 2 January.
/// Numeric cells are never changed, so `-3` stays a number.
public enum CSVFormat {
    public static func field(_ cell: Cell, excel: Bool = false) -> String {
        var out: [UInt8] = []
        appendField(cell, excel: excel, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func record(_ cells: [String]) -> String { cells.joined(separator: ",") + "\r\n" }

    /// Appends `field(cell)` as bytes, without intermediate strings (the same
    /// rules; national datasets have millions of cells).
    public static func appendField(_ cell: Cell, excel: Bool = false, to out: inout [UInt8]) {
        switch cell {
        case .null: return
        case .int(let n): JSONFormat.appendDigits(n, to: &out)
        case .number(let x, let decimals): JSONFormat.appendNumber(x, decimals: decimals, to: &out)
        case .bool(let b): out.append(contentsOf: b ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .date(let s): appendText(s, excel: false, to: &out)
        case .text(let s): appendText(s, excel: excel, to: &out)
        }
    }

    /// Whether the Excel file writes this cell differently from the plain CSV.
    static func excelDiffers(_ cell: Cell) -> Bool {
        guard case .text(var s) = cell else { return false }
        return s.withUTF8 { needsGuard($0) || readAsNumber($0) }
    }

    /// A text field, quoted when it holds a comma, quote, CR or LF; for Excel with the rules above.
    static func appendText(_ s: String, excel: Bool, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            // A number with spaces that would read as a formula ("+86 357 1234567") is kept as
            // text the same way: an apostrophe would show in the cell.
            if excel, readAsNumber(bytes) || needsGuard(bytes) && isSpacedNumber(bytes) {
                out.append(contentsOf: Array("\"=\"\"".utf8)); out.append(contentsOf: bytes); out.append(contentsOf: Array("\"\"\"".utf8))
            } else {
                appendQuoted(bytes, guarded: excel && needsGuard(bytes), to: &out)
            }
        }
    }

    /// What a spreadsheet turns into a number, a date or a truth value on opening a CSV file:
    /// digits with only `. , - / : % ( ) +` among them (141002, 1-2, 06-12, 2023.10, (5), 12%,
    /// 12:30), digits around one `E` (1.2E5, 12321203E365176135), a Chinese date (3月5日,
    /// 2023年10月5日, 2023年10月), or TRUE / FALSE in any case.
    static func readAsNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        // One pass, stopping at the first other byte (most cells: at once, on a Chinese character).
        var sawDigit = false, other = false
        for b in bytes {
            if isDigit(b) { sawDigit = true }
            else if !(b == 0x2E || b == 0x2C || b == 0x2D || b == 0x2F || b == 0x3A || b == 0x25 || b == 0x28 || b == 0x29 || b == 0x2B) { other = true; break }
        }
        if sawDigit, !other { return true }
        if bytes.count == 4 || bytes.count == 5, let first = bytes.first, first | 0x20 == 0x74 || first | 0x20 == 0x66 {
            let word = String(decoding: bytes, as: UTF8.self).lowercased()
            if word == "true" || word == "false" { return true }
        }
        if sawDigit, isChineseDate(bytes) { return true }
        var i = 0
        func digits() -> Int { let from = i; while i < bytes.count, isDigit(bytes[i]) { i += 1 }; return i - from }
        guard digits() > 0 else { return false }
        if i == bytes.count { return true }
        if bytes[i] == 0x2E { i += 1; guard digits() > 0 else { return false } }
        guard i < bytes.count, bytes[i] == 0x45 || bytes[i] == 0x65 else { return false }
        i += 1
        if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
        return digits() > 0 && i == bytes.count
    }

    /// Digits with only spaces and `. , - / : % ( ) +` among them ("+86 357 1234567", "- 5").
    static func isSpacedNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawDigit = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { sawDigit = true; continue }
            guard b == 0x20 || b == 0x2E || b == 0x2C || b == 0x2D || b == 0x2F || b == 0x3A || b == 0x25 || b == 0x28 || b == 0x29 || b == 0x2B else { return false }
        }
        return sawDigit
    }

    /// `3月5日`, `2023年10月5日` or `2023年10月`: digits, each run followed by 年, 月 or 日 in
    /// that order, with a month (Excel reads these as dates in a Chinese locale).
    static func isChineseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let year: [UInt8] = [0xE5, 0xB9, 0xB4], month: [UInt8] = [0xE6, 0x9C, 0x88], day: [UInt8] = [0xE6, 0x97, 0xA5]
        var i = 0, parts: [Int] = [] // 0 year, 1 month, 2 day
        while i < bytes.count {
            let from = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > from, i - from <= 4, i + 3 <= bytes.count else { return false }
            let unit = Array(bytes[i..<i + 3])
            guard let part = [year, month, day].firstIndex(of: unit), part > (parts.last ?? -1) else { return false }
            parts.append(part)
            i += 3
        }
        return parts.contains(1) && parts != [1] && parts != [0, 2]
    }

    /// Quotes a field that holds a comma, quote, CR or LF.
    public static func quote(_ s: String) -> String {
        var s = s, out: [UInt8] = []
        s.withUTF8 { appendQuoted($0, guarded: false, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The apostrophe rule on its own (see the type's comment).
    public static func guardFormula(_ s: String) -> String {
        var s = s
        return s.withUTF8 { needsGuard($0) } ? "'" + s : s
    }

    static func needsGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most text starts with a letter, a digit or a Chinese character: nothing to look at more closely.
        guard let first = bytes.first, FormulaGuard.mayStart[Int(first)] else { return false }
        return FormulaGuard.needsGuard(bytes)
    }

    /// Every byte that needs care is ASCII, so multi-byte characters pass through whole.
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, guarded: Bool, to out: inout [UInt8]) {
        let quoted = bytes.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        if quoted { out.append(34) }
        if guarded { out.append(39) }
        if !quoted { out.append(contentsOf: bytes); return }
        for b in bytes {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }
}
