import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// An Excel workbook (`.xlsx`, Office Open XML) read as the CSV that Excel's
/// “CSV UTF-8” export of one sheet would give, so that staff import the file they keep
/// and every rule of the CSV import applies to it unchanged.
///
/// - Text cells (shared, inline or the result of a formula) as typed; the phonetic
///   guides Chinese and Japanese Excel may store beside a text (`<rPh>`) are left out.
/// - Numbers as their cell's format shows them (`NumberShape`): a date as `2024-01-05` (with
///   the time where the format shows one), a percentage as `95%`, leading zeros kept; other
///   numbers as stored (`141002`, `0.65`), small ones written out (`0.00005`, not `5E-005`);
///   true/false as `1`/`0`; an error value as Excel shows it (`#N/A`).
/// - A formula whose result was never saved, or a cell past column XFD, is refused.
/// - Each record's `line` and `row` are the sheet's own row numbers, as Excel shows
///   them at the left, and every record is as wide as the header row.
public struct Workbook {
    public struct Sheet: Sendable, Equatable {
        public let name: String
        let path: String
        public let hidden: Bool
    }

    /// The sheets in the order of their tabs.
    public let sheets: [Sheet]
    private let archive: Archive
    private let file: String
    private let sharedStrings: [String]
    /// How each cell format (`s` of a cell) shows a number, where not as stored.
    private let styles: [Int: NumberShape]
    private let date1904: Bool

    /// Opens the workbook at `path`; `file` names it in messages.
    public init(path: String, file: String) throws {
        self.file = file
        func refuse(_ reason: String) -> StoreError { .malformedCSV(file: file, line: 0, reason: reason) }
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw refuse("the workbook cannot be opened as an .xlsx file (is it an older .xls, or damaged?); in Excel choose 另存为 → “Excel 工作簿 (*.xlsx)” or “CSV UTF-8（逗号分隔）” and import that file")
        }
        self.archive = archive
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            return try Self.unpack(entry, of: archive, file: file) {
                refuse("the workbook is damaged (its part \(name) cannot be read); open it in Excel and save it again")
            }
        }
        guard let book = try part("xl/workbook.xml") else {
            throw refuse("this ZIP file is not an Excel workbook (it has no xl/workbook.xml); save the table from Excel as .xlsx or “CSV UTF-8（逗号分隔）”")
        }
        let bookTree = try XMLTree.parse(book, part: "xl/workbook.xml", file: file)
        date1904 = bookTree.all("workbookPr").contains { ["1", "true"].contains($0.attributes["date1904"] ?? "") }
        // Sheets name their part through the workbook's relationships.
        var targets: [String: String] = [:]
        if let rels = try part("xl/_rels/workbook.xml.rels") {
            for r in try XMLTree.parse(rels, part: "xl/_rels/workbook.xml.rels", file: file).all("Relationship") {
                guard let id = r.attributes["Id"], let target = r.attributes["Target"] else { continue }
                targets[id] = Self.partPath(target)
            }
        }
        sheets = bookTree.all("sheet").compactMap { s in
            guard let name = s.attributes["name"], let id = s.attributes["id"], let path = targets[id] else { return nil }
            return Sheet(name: name, path: path, hidden: (s.attributes["state"] ?? "visible") != "visible")
        }
        if let strings = try part("xl/sharedStrings.xml") {
            sharedStrings = try XMLTree.parse(strings, part: "xl/sharedStrings.xml", file: file).all("si").map(\.text)
        } else { sharedStrings = [] }
        if let stylesPart = try part("xl/styles.xml") {
            let tree = try XMLTree.parse(stylesPart, part: "xl/styles.xml", file: file)
            var custom: [Int: String] = [:]
            for f in tree.all("numFmt") { if let id = f.attributes["numFmtId"].flatMap(Int.init) { custom[id] = f.attributes["formatCode"] ?? "" } }
            let formats = tree.first("cellXfs")?.children.filter { $0.name == "xf" }.map { $0.attributes["numFmtId"].flatMap(Int.init) ?? 0 } ?? []
            var shapes: [Int: NumberShape] = [:]
            for (n, id) in formats.enumerated() { if let shape = NumberShape(formatID: id, code: custom[id]) { shapes[n] = shape } }
            styles = shapes
        } else { styles = [:] }
    }

    /// Excel's built-in date formats (14–22, and 27–36, 50–58 of Chinese, Japanese and Korean
    /// Excel: `yyyy"年"m"月"d"日"` and the like), or a format of the file's own that shows a
    /// year, month or day (quoted text, `[…]` colours and locales and `\`-escaped characters aside).
    static func showsDate(formatID: Int, code: String?) -> Bool {
        if (14...22).contains(formatID) || (27...36).contains(formatID) || (50...58).contains(formatID) { return true }
        guard let code else { return false }
        let plain = visibleFormat(code)
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d") || plain.contains("年") || plain.contains("日")
            || (lower.contains("m") && !lower.contains("h") && !lower.contains("s") && !lower.contains("0"))
    }

    /// A format code without its quoted text, `[…]` colours and locales and `\`-escaped characters.
    static func visibleFormat(_ code: String) -> String {
        var plain = "", inQuotes = false, inBracket = false, escaped = false
        for c in code {
            if escaped { escaped = false; continue }
            switch c {
            case "\\" where !inQuotes: escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBracket = true
            case "]" where !inQuotes: inBracket = false
            default: if !inQuotes && !inBracket { plain.append(c) }
            }
        }
        return plain
    }

    /// A relationship's target as a path in the archive: `worksheets/sheet1.xml` is under
    /// `xl/`, `/xl/…` from the root; `./` and `../` resolved.
    static func partPath(_ target: String) -> String {
        var parts: [Substring] = []
        for p in ((target.hasPrefix("/") ? "" : "xl/") + target).split(separator: "/") {
            if p == "." || p.isEmpty { continue }
            if p == ".." { _ = parts.popLast() } else { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    /// `5E-005` or `1.5e-07` written out (`0.00005`, `0.00000015`), as a CSV of Excel shows a
    /// small number; nil for a number without an exponent, or one of 10^15 or more, which
    /// stays in E notation so that a long code Excel turned into a number is still caught.
    public static func plainDecimal(_ s: String) -> String? {
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(s[s.index(after: e)...]),
              let x = Double(s), abs(x) < 1e15 else { return nil }
        var mantissa = Substring(s[..<e]), sign = ""
        if mantissa.hasPrefix("-") { sign = "-"; mantissa = mantissa.dropFirst() } else if mantissa.hasPrefix("+") { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var digits = parts.joined()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var point = parts[0].count + exponent
        if point < 1 { digits = String(repeating: "0", count: 1 - point) + digits; point = 1 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var whole = String(digits.prefix(point)), fraction = String(digits.dropFirst(point))
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The sheet an import reads: the one named `wanted`; else the one named as the table
    /// (`institutions` or `机构名录`); else the only visible sheet with anything in it.
    /// Otherwise an error names the sheets, so staff say which with `--sheet`.
    public func sheet(named wanted: String?, table: String) throws -> (sheet: Sheet, records: [CSVReader.Record]) {
        func names(_ list: [Sheet]) -> String { list.map { "“\($0.name)”" }.joined(separator: "、") }
        if let wanted {
            let typed = wanted.trimmingCharacters(in: .whitespaces)
            guard let s = sheets.first(where: { $0.name == typed }) ?? sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces) == typed }) else {
                throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook has no sheet “\(wanted)”; its sheets are \(names(sheets))")
            }
            return (s, try records(of: s))
        }
        let titles: Set<String> = [table, Schema.tableTitles[table]].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        let named = sheets.filter { titles.contains($0.name.trimmingCharacters(in: .whitespaces)) }
        if let s = named.first(where: { !$0.hidden }) ?? named.first { return (s, try records(of: s)) }
        // The visible sheets with data; when none has any, a hidden one (its tab hidden by mistake).
        var filled: [(sheet: Sheet, records: [CSVReader.Record])] = []
        for hidden in [false, true] where filled.isEmpty {
            for s in sheets where s.hidden == hidden {
                let r = try records(of: s)
                if !r.isEmpty { filled.append((s, r)) }
            }
        }
        if filled.count == 1 { return filled[0] }
        if filled.isEmpty {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook's sheets \(names(sheets)) are empty; put the table in the first sheet and save again")
        }
        throw StoreError.malformedCSV(file: file, line: 0, reason:
            "the workbook has \(filled.count) sheets with data (\(names(filled.map(\.sheet)))); say which to import with --sheet \"\(filled[0].sheet.name)\", or name that sheet “\(Schema.tableTitles[table] ?? table)”")
    }

    /// A part of the workbook unpacked, refused once it grows past what a spreadsheet's XML
    /// could compress from (Excel's parts shrink 5–30 times; a part padded to shrink a thousand
    /// times, a "ZIP bomb", would take the machine's memory): more than 200 times its packed
    /// size and over 100 MB, or over 2 GB whatever its ratio.
    static func unpack(_ entry: Entry, of archive: Archive, file: String, damaged: () -> StoreError) throws -> Data {
        struct TooLarge: Error {}
        let limit = min(2_000_000_000, max(100_000_000, 200 * Int(entry.compressedSize)))
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= limit else { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook's part \(entry.path) unpacks to more than \(limit / 1_000_000) MB from \(entry.compressedSize / 1000) KB in the file, far more than a spreadsheet saved by Excel or WPS: it was not read. Open the file in Excel, copy the table into a new workbook and save that, or save it as “CSV UTF-8（逗号分隔）”（工作簿里的内容解压后异常巨大，不是 Excel 或 WPS 正常保存的文件，已拒绝读取：请把表格复制到新工作簿保存，或另存为 CSV UTF-8 后再导入）")
        } catch {
            throw damaged()
        }
        return data
    }

    /// The non-blank rows of `sheet`.
    public func records(of sheet: Sheet) throws -> [CSVReader.Record] {
        guard let entry = archive[sheet.path] else {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook is damaged (sheet “\(sheet.name)” has no part \(sheet.path)); open it in Excel and save it again")
        }
        let data = try Self.unpack(entry, of: archive, file: file) {
            StoreError.malformedCSV(file: file, line: 0, reason: "the workbook is damaged (sheet “\(sheet.name)” cannot be read); open it in Excel and save it again")
        }
        let reader = SheetReader(sharedStrings: sharedStrings, styles: styles, date1904: date1904)
        var problem: String?
        do { try SheetScanner.scan(data, into: reader) } catch { problem = "\(error)" }
        if let reference = reader.badReference {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook is damaged (sheet “\(sheet.name)” names a cell “\(reference.prefix(20))” beyond Excel's last column, XFD); open it in Excel and save it again")
        }
        if let (cell, index) = reader.missingString {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook is damaged (cell \(cell.prefix(20)) of sheet “\(sheet.name)” refers to text number “\(index.prefix(20))” of its shared strings, and the file has \(sharedStrings.count)); open it in Excel and save it again（工作簿已损坏：单元格 \(cell.prefix(20)) 的文字找不到。请用 Excel 或 WPS 打开后重新保存，再导入）")
        }
        if let cell = reader.uncalculated.first {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "cell \(cell) of sheet “\(sheet.name)”\(reader.uncalculated.count > 1 ? " and \(reader.uncalculated.count - 1) more hold" : " holds") a formula whose result was never saved (the workbook was written by a program, not by Excel); open it in Excel or WPS and save it, then import it again")
        }
        if let problem {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook is damaged (sheet “\(sheet.name)”: \(problem)); open it in Excel and save it again")
        }
        // Merged cells hold their value in the first cell only: the rows below would read empty.
        if let first = reader.merged.first {
            let shown = reader.merged.prefix(3).joined(separator: ", ") + (reader.merged.count > 3 ? " and \(reader.merged.count - 3) more" : "")
            throw StoreError.malformedCSV(file: file, line: 0, reason: "cells \(shown) of sheet “\(sheet.name)” are merged (Excel keeps the value of \(first) in its first cell only, "
                + "so the other rows would be read with that cell empty): select them, 开始 → 合并后居中 → 取消单元格合并, fill the value into every cell, save and import again")
        }
        // Rows as wide as the first (the header), as Excel's CSV writes them; a cell further
        // right stays on its own row, which the import then names.
        let rows = reader.rows.filter { $0.cells.contains { !$0.isEmpty } }
        let width = rows.first?.cells.count ?? 0
        return rows.map { row in
            CSVReader.Record(line: row.number, fields: row.cells + Array(repeating: "", count: max(0, width - row.cells.count)), row: row.number)
        }
    }

    /// A date of Excel's serial day count as ISO 8601 (1900 system: day 1 is 1900-01-01
    /// and day 60 the 29 February 1900 that Excel counts and never was; 1904 system: day 0 is 1904-01-01).
    static func isoDate(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil } // 9999-12-31
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 { days += 1; seconds = 0 }
        // Days from 1970-01-01.
        let epoch: Int
        if date1904 { epoch = days - 24_107 } else {
            guard days != 60 else { return nil }
            epoch = days - (days < 60 ? 25_568 : 25_569)
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = ISODate(dayNumber: epoch).description
        return seconds == 0 ? date : date + " \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

/// How a cell's format shows its number, where Excel's CSV of it would differ from the
/// number stored: as a date, as a percentage (0.95 shown as 95%), or padded with zeros
/// (3572345678 in a cell formatted 00000000000 shows as 03572345678).
enum NumberShape: Equatable {
    case date(time: Bool), percent(decimals: Int), zeroPadded(width: Int)

    init?(formatID: Int, code: String?) {
        if formatID == 9 { self = .percent(decimals: 0); return }
        if formatID == 10 { self = .percent(decimals: 2); return }
        if Workbook.showsDate(formatID: formatID, code: code) {
            let plain = (code.map(Workbook.visibleFormat) ?? "").lowercased()
            self = .date(time: [22, 45, 46, 47].contains(formatID) || plain.contains("h") || plain.contains("s")); return
        }
        guard let code else { return nil }
        let plain = Workbook.visibleFormat(code.split(separator: ";").first.map(String.init) ?? code)
        if plain.contains("%") {
            let decimals = plain.split(separator: ".").dropFirst().first.map { $0.prefix { $0 == "0" }.count } ?? 0
            self = .percent(decimals: decimals); return
        }
        if plain.count > 1, plain.allSatisfy({ $0 == "0" }) { self = .zeroPadded(width: plain.count); return }
        return nil
    }

    /// The number `value` (as stored) as this format shows it; nil when it does not apply.
    func shown(_ value: String, date1904: Bool) -> String? {
        guard let x = Double(value) else { return nil }
        switch self {
        case .date(let time):
            // A date-only format hides the time of day, as Excel's CSV does.
            return Workbook.isoDate(serial: time ? x : x.rounded(.down), date1904: date1904)
        case .percent(let decimals):
            return String(format: "%.\(decimals)f", x * 100) + "%"
        case .zeroPadded(let width):
            guard x >= 0, x == x.rounded(), x < 1e15 else { return nil }
            let digits = String(Int64(x))
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }
}

/// Collects one worksheet's cells as text, fed by `SheetScanner` (a sheet of 40 000 rows is
/// never a tree).
private final class SheetReader {
    struct Row { var number: Int; var cells: [String] }
    let sharedStrings: [String]
    let styles: [Int: NumberShape]
    let date1904: Bool
    var rows: [Row] = []
    /// Cells (A5) holding a formula without its saved result; a reference past column XFD.
    var uncalculated: [String] = []
    var badReference: String?
    /// The first cell naming a shared string the workbook does not have, and what it named:
    /// read as empty, it would clear a stored value without a word.
    var missingString: (cell: String, index: String)?
    /// Ranges of merged cells (`K2:K4`).
    var merged: [String] = []
    private var reference = "", hasFormula = false, hasValue = false
    private var row: Row?
    private var column = 0, type = "", style = 0
    private var value = "", inline = ""
    private var inValue = false, inInlineText = false, inPhonetic = false

    init(sharedStrings: [String], styles: [Int: NumberShape], date1904: Bool) {
        self.sharedStrings = sharedStrings; self.styles = styles; self.date1904 = date1904
    }

    /// Excel's last column, XFD.
    static let columns = 16_384

    /// `AB12` → 27 (0-based column); nil without letters; `columns` or more past XFD.
    static func column(of reference: String) -> Int? {
        var n = 0, letters = 0
        for c in reference.unicodeScalars {
            guard ("A"..."Z").contains(c) else { break }
            n = n * 26 + Int(c.value - 64); letters += 1
            if n > columns { return columns }
        }
        return letters == 0 ? nil : n - 1
    }

    /// Whether the text now met is wanted (a value, or the text of an inline string).
    var wantsText: Bool { inValue || inInlineText }

    /// Whether an element's attributes are read (only rows' and cells').
    static func wantsAttributes(_ name: String) -> Bool { name == "row" || name == "c" || name == "mergeCell" }

    /// An element begins (`name` without its prefix); false stops the reading.
    func start(_ name: String, _ attributes: [String: String]) -> Bool {
        switch name {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
            row = Row(number: number, cells: [])
            column = 0
        case "c":
            reference = attributes["r"] ?? ""
            column = attributes["r"].flatMap(Self.column(of:)) ?? (row?.cells.count ?? 0)
            if column >= Self.columns { badReference = reference; return false }
            hasFormula = false; hasValue = false
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""; inline = ""
        case "v": inValue = true; hasValue = true
        case "f": hasFormula = true
        case "mergeCell": if let ref = attributes["ref"] { merged.append(ref) }
        case "rPh": inPhonetic = true
        case "t": inInlineText = !inPhonetic
        default: break
        }
        return true
    }

    func text(_ string: String) {
        if inValue { value += string } else if inInlineText { inline += string }
    }

    func end(_ name: String) {
        switch name {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            guard row != nil else { return }
            let text: String
            switch type {
            case "s":
                if let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) {
                    text = sharedStrings[index]
                } else {
                    // A cell with no value at all (`<c t="s"/>`, as some writers leave a formatted one) is empty.
                    text = ""
                    if hasValue, missingString == nil {
                        missingString = (reference.isEmpty ? "\(WorkbookWriter.columnName(column))\(row!.number)" : reference, value)
                    }
                }
            case "inlineStr": text = XMLTree.unescaped(inline)
            case "b": text = value == "1" ? "1" : "0"
            case "str": text = XMLTree.unescaped(value)
            case "e", "d": text = value
            default:
                text = styles[style]?.shown(value, date1904: date1904) ?? Workbook.plainDecimal(value) ?? value
            }
            // Without its result, or an empty one where a number is due (openpyxl writes `<v />`).
            if hasFormula, !hasValue || (value.isEmpty && type != "str"), type != "inlineStr", uncalculated.count < 5 {
                uncalculated.append(reference.isEmpty ? "\(WorkbookWriter.columnName(column))\(row!.number)" : reference)
            }
            if column >= row!.cells.count { row!.cells += Array(repeating: "", count: column - row!.cells.count + 1) }
            row!.cells[column] = text
        case "row":
            if let r = row {
                // Trailing empty cells (a cell formatted but empty) do not widen the table.
                var cells = r.cells
                while cells.last?.isEmpty == true { cells.removeLast() }
                rows.append(Row(number: r.number, cells: cells))
            }
            row = nil
        default: break
        }
    }
}

/// Reads a worksheet's XML byte by byte and tells `SheetReader` what it meets. Foundation's
/// XMLParser took six times as long as reading the same rows from CSV (a dictionary of
/// attributes and strings for every element), and on Linux fails at the end of a sheet of
/// some 20 MB given as `Data`. A worksheet is plain XML: elements, attributes in quotes,
/// the five entities and character references, and maybe CDATA and comments; a DOCTYPE
/// (and so any entity of its own) is refused.
private enum SheetScanner {
    struct Malformed: Error, CustomStringConvertible { let description: String }

    static func scan(_ data: Data, into reader: SheetReader) throws {
        let bytes = [UInt8](data)
        let n = bytes.count
        var i = 0
        func find(_ pattern: [UInt8], from start: Int) throws -> Int {
            var j = start
            while j + pattern.count <= n {
                if bytes[j] == pattern[0], Array(bytes[j..<(j + pattern.count)]) == pattern { return j }
                j += 1
            }
            throw Malformed(description: "unclosed markup at byte \(start)")
        }
        func isNameEnd(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2F || b == 0x3E }
        func localName(_ start: Int, _ end: Int) -> String {
            var s = start
            for k in start..<end where bytes[k] == 0x3A { s = k + 1 }
            return String(decoding: bytes[s..<end], as: UTF8.self)
        }
        while i < n {
            if bytes[i] != 0x3C { // text up to the next tag
                var j = i
                while j < n, bytes[j] != 0x3C { j += 1 }
                if reader.wantsText { reader.text(try decode(bytes, i, j)) }
                i = j
                continue
            }
            guard i + 1 < n else { throw Malformed(description: "a tag cut short at the end") }
            switch bytes[i + 1] {
            case 0x3F: i = try find([0x3F, 0x3E], from: i + 2) + 2 // <? … ?>
            case 0x21: // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE …>
                if bytes[(i + 2)...].starts(with: [0x2D, 0x2D]) { i = try find([0x2D, 0x2D, 0x3E], from: i + 4) + 3 }
                else if bytes[(i + 2)...].starts(with: Array("[CDATA[".utf8)) {
                    let end = try find([0x5D, 0x5D, 0x3E], from: i + 9)
                    if reader.wantsText { reader.text(String(decoding: bytes[(i + 9)..<end], as: UTF8.self)) }
                    i = end + 3
                } else { throw Malformed(description: "a DOCTYPE, which a workbook does not have") }
            case 0x2F: // </name>
                let close = try find([0x3E], from: i + 2)
                var end = i + 2
                while end < close, !isNameEnd(bytes[end]) { end += 1 }
                reader.end(localName(i + 2, end))
                i = close + 1
            default: // <name attr="…" …> or <name … />
                var j = i + 1
                while j < n, !isNameEnd(bytes[j]) { j += 1 }
                let name = localName(i + 1, j)
                var attributes: [String: String] = [:]
                let wanted = SheetReader.wantsAttributes(name)
                var selfClosing = false
                while true {
                    while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                    guard j < n else { throw Malformed(description: "a tag cut short at the end") }
                    if bytes[j] == 0x3E { j += 1; break }
                    if bytes[j] == 0x2F, j + 1 < n, bytes[j + 1] == 0x3E { selfClosing = true; j += 2; break }
                    let keyStart = j
                    while j < n, bytes[j] != 0x3D, bytes[j] != 0x3E, bytes[j] != 0x20 { j += 1 }
                    let keyEnd = j
                    while j < n, bytes[j] == 0x20 { j += 1 }
                    guard j + 1 < n, bytes[j] == 0x3D else { throw Malformed(description: "an attribute without a value at byte \(keyStart)") }
                    j += 1
                    while j < n, bytes[j] == 0x20 { j += 1 }
                    guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { throw Malformed(description: "an attribute value without quotes at byte \(j)") }
                    let quote = bytes[j]
                    let valueStart = j + 1
                    j = valueStart
                    while j < n, bytes[j] != quote { j += 1 }
                    guard j < n else { throw Malformed(description: "an unclosed attribute value") }
                    if wanted { attributes[localName(keyStart, keyEnd)] = try decode(bytes, valueStart, j) }
                    j += 1
                }
                guard reader.start(name, attributes) else { return }
                if selfClosing { reader.end(name) }
                i = j
            }
        }
    }

    /// Text with its entities and character references replaced.
    static func decode(_ bytes: [UInt8], _ start: Int, _ end: Int) throws -> String {
        // XML reads a line end written CR LF or CR alone as LF.
        if bytes[start..<end].contains(0x0D) {
            var lf: [UInt8] = []
            var k = start
            while k < end {
                if bytes[k] == 0x0D { lf.append(0x0A); k += (k + 1 < end && bytes[k + 1] == 0x0A) ? 2 : 1 } else { lf.append(bytes[k]); k += 1 }
            }
            return try decode(lf, 0, lf.count)
        }
        guard bytes[start..<end].contains(0x26) else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        while k < end {
            guard bytes[k] == 0x26 else { out.append(bytes[k]); k += 1; continue }
            guard let semi = bytes[k..<min(end, k + 12)].firstIndex(of: 0x3B) else { throw Malformed(description: "an “&” that starts no entity") }
            let name = String(decoding: bytes[(k + 1)..<semi], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch name {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                else { scalar = nil }
            }
            guard let scalar else { throw Malformed(description: "an unknown entity &\(name);") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            k = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A small XML tree for the workbook's short parts (names, relationships, styles, shared strings).
struct XMLTree {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree] = []
    var ownText = ""

    /// The element's text, its descendants' included, phonetic guides (`rPh`) left out.
    var text: String { Self.unescaped(rawText) }
    private var rawText: String { name == "rPh" ? "" : ownText + children.map(\.rawText).joined() }

    /// `x:row` → `row`: other programs than Excel may write the namespace's prefix.
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Office Open XML writes characters XML cannot hold as `_x000D_` (and a literal `_x` as `_x005F_x`).
    static func unescaped(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        return s.replacing(#/_x([0-9A-Fa-f]{4})_/#) { m in
            Unicode.Scalar(UInt32(m.1, radix: 16)!).map { String(Character($0)) } ?? String(m.0)
        }
    }

    func all(_ name: String) -> [XMLTree] { (self.name == name ? [self] : []) + children.flatMap { $0.all(name) } }
    func first(_ name: String) -> XMLTree? { self.name == name ? self : children.lazy.compactMap { $0.first(name) }.first }

    static func parse(_ data: Data, part: String, file: String) throws -> XMLTree {
        let builder = Builder()
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = builder
        guard parser.parse(), let root = builder.stack.first?.children.first else {
            throw StoreError.malformedCSV(file: file, line: 0, reason: "the workbook is damaged (\(part) is not XML); open it in Excel and save it again")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack = [XMLTree(name: "", attributes: [:])]
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            // Attributes by their local names too (`r:id` is also `id`), prefixed names kept.
            var named = attributes
            for (key, value) in attributes where key.contains(":") { named[XMLTree.localName(key)] = named[XMLTree.localName(key)] ?? value }
            stack.append(XMLTree(name: XMLTree.localName(name), attributes: named))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Only the text of `t` elements is content; the rest is layout whitespace.
            if stack.last?.name == "t" { stack[stack.count - 1].ownText += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let done = stack.removeLast()
            stack[stack.count - 1].children.append(done)
        }
    }
}
