import Foundation

/// The CHECK rules of `Schema.ddl`, stated again in Swift so that the loader
/// can name the cell, its value and what was expected, where SQLite would
/// only print the failed expression. Keep the two in step (a test compares them).
enum ColumnRule: Equatable {
    /// One of a fixed list of codes.
    case oneOf([String])
    /// A number from `min`, up to `max` when there is one.
    case range(min: Double, max: Double?)
    /// A number from 0 up to the value of another column of the same row.
    case atMost(column: String)
    /// Exactly `length` characters (only ASCII digits when `digits`); `name` says what the code is.
    case code(length: Int, digits: Bool, name: String)
    /// 0 or 1; the loader also reads the words of `booleanWords`.
    case boolean

    static let byTable: [String: [String: ColumnRule]] = [
        "regions": [
            "code": .code(length: 6, digits: true, name: "行政区划代码"),
            "level": .oneOf(["province", "city", "county"]),
        ],
        "region_stats": [
            "year": .range(min: 1949, max: 2100),
            "value": .range(min: 0, max: nil),
            "kind": .oneOf(["actual", "estimate", "projection"]),
        ],
        "institutions": [
            "id": .code(length: 18, digits: false, name: "统一社会信用代码"),
            "category": .oneOf(["institution", "community", "township_centre", "village_daycare"]),
            "ownership": .oneOf(["public", "private", "public_private"]),
            "latitude": .range(min: -90, max: 90),
            "longitude": .range(min: -180, max: 180),
            "status": .oneOf(["operating", "suspended", "closed"]),
            "beds_total": .range(min: 0, max: nil),
            "beds_nursing": .atMost(column: "beds_total"),
            "residents": .range(min: 0, max: nil),
            "caregivers": .range(min: 0, max: nil),
            "caregivers_certified": .range(min: 0, max: nil),
            "social_workers": .range(min: 0, max: nil),
            "medical_integration": .oneOf(["none", "in_house", "contracted"]),
            "fire_safety_accepted": .boolean,
        ],
        "ratings": [
            "level": .range(min: 1, max: 5),
            "score": .range(min: 0, max: nil),
        ],
        "credit_records": [
            "kind": .oneOf(["pledge", "penalty", "spot_check", "reward", "punishment", "blacklist"]),
            "subject_type": .oneOf(["organisation", "person"]),
            "fine_yuan": .range(min: 0, max: nil),
            "severity": .oneOf(["ordinary", "serious"]),
        ],
        "services": [
            "type": .oneOf(["material", "care", "caregiving", "medical"]),
            "local_addition": .boolean,
        ],
        "targets": [
            "year": .range(min: 1949, max: 2100),
            "comparator": .oneOf([">=", "<=", "="]),
            "binding": .oneOf(["binding", "expected", "unstated"]),
            "year_stated": .boolean,
        ],
        "observations": [
            "year": .range(min: 1949, max: 2100),
            "qualifier": .oneOf(Schema.qualifiers),
        ],
    ]

    /// Spreadsheets write yes/no columns in words; these are read as 1 and 0 (case does not matter).
    static let booleanWords: [String: Int64] = ["1": 1, "是": 1, "true": 1, "yes": 1, "0": 0, "否": 0, "false": 0, "no": 0]
    static let booleanExpectation = "0 or 1 (是/否, true/false and yes/no are read as 1/0)"

    /// Whether the rule is about a number (text in its column is itself the problem).
    var isNumeric: Bool {
        switch self {
        case .range, .atMost, .boolean: true
        case .oneOf, .code: false
        }
    }

    /// An SQL condition true for the rows whose `column` breaks this rule (NULL passes, as
    /// in a CHECK constraint). Column names and codes come from the schema, never from input.
    func violatedSQL(column: String) -> String {
        switch self {
        case .oneOf(let codes):
            return "(\(column) IS NOT NULL AND \(column) NOT IN (\(codes.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", "))))"
        case .range(let min, let max):
            return "(\(column) < \(min)" + (max.map { " OR \(column) > \($0)" } ?? "") + ")"
        case .atMost(let other):
            return "(\(column) < 0 OR \(column) > \(other))"
        case .code(let length, let digits, _):
            return "(length(\(column)) <> \(length)" + (digits ? " OR \(column) GLOB '*[^0-9]*'" : "") + ")"
        case .boolean:
            return "(\(column) NOT IN (0, 1))"
        }
    }

    /// What is wrong with `value` and what was expected, or nil when it passes.
    /// `row` gives the value of another cell of the row, nil when it could not be read.
    func problem(_ value: SQLValue, row: (String) -> SQLValue?, words: [String: String]? = nil) -> (problem: String, expected: String)? {
        switch self {
        case .oneOf(let codes):
            guard case .text(let s) = value, !codes.contains(s) else { return nil }
            // With the words the site shows, which are read too (运营中 for operating).
            return ("is not allowed", "one of " + codes.map { code in words?[code].flatMap { $0 == code ? nil : "\(code) (\($0))" } ?? code }.joined(separator: ", "))
        case .range(let min, let max):
            guard let n = value.number else { return nil }
            if let max { return (min...max).contains(n) ? nil : ("is out of range", "\(min.plain) … \(max.plain)") }
            return n >= min ? nil : ("is less than \(min.plain)", "\(min.plain) or more")
        case .atMost(let other):
            guard let n = value.number else { return nil }
            if n < 0 { return ("is less than 0", "0 … \(other)") }
            guard let limit = row(other)?.number, limit >= 0, n > limit else { return nil }
            return ("is more than \(other) (\(limit.plain))", "0 … \(other)")
        case .code(let length, let digits, let name):
            guard case .text(let s) = value else { return nil }
            let expected = "\(length) \(digits ? "digits" : "characters") (\(name))"
            let count = s.unicodeScalars.count
            // Excel shows a long number typed into a General cell as 1.21410E+17 and saves it so.
            if RowChecker.isExcelScientific(s) {
                return ("was turned into a number by Excel", expected + "; format the column as 文本 (Text) in Excel and type the codes again")
            }
            if count != length { return ("has \(count) characters", expected) }
            if digits, !s.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { return ("is not all digits", expected) }
            return nil
        case .boolean:
            return value == .int(0) || value == .int(1) ? nil : ("is not valid", Self.booleanExpectation)
        }
    }
}

/// Turns the cells of one CSV record into the values of one row, checking
/// each against its column's type, NOT NULL and CHECK rule, so a bad row is
/// reported with file, line, column, value and what was expected before
/// SQLite sees it.
/// A rule the store does not know (indicator codes, personal identifiers), given by a
/// higher layer: for a text cell of `table`.`column`, nil when fine, else what is wrong
/// with the value and what was expected.
/// `shown`: what to print instead of the cell (a personal number, masked), nil for the cell.
public typealias ExtraCellRule = @Sendable (_ table: String, _ column: String, _ text: String) -> (problem: String, expected: String, shown: String?)?

struct RowChecker {
    let table: String
    let header: [String]
    var extra: ExtraCellRule?
    private let types: [String]
    private let required: [Bool]
    private let rules: [ColumnRule?]
    /// How each column's cells are read, worked out once (a national import has millions of cells).
    private let kinds: [CellKind]
    /// `CodeWords.read` of each column.
    private let words: [[String: String]?]

    init(table: String, header: [String], columns: [(name: String, type: String, required: Bool)]) {
        self.table = table
        self.header = header
        let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
        types = header.map { byName[$0]?.type ?? "TEXT" }
        required = header.map { byName[$0]?.required ?? false }
        rules = header.map { ColumnRule.byTable[table]?[$0] }
        kinds = header.map(CellKind.init(column:))
        words = header.map { CodeWords.read["\(table).\($0)"] }
    }

    /// A number as Excel shows it in its scientific format (1.21410E+17, 3.57394E+10): the digits
    /// past the first few are gone.
    /// `1.21410E+17`: one digit, optionally `.` and digits, `E` or `e`, optionally `+`, digits.
    /// Matched byte by byte: a Swift regex literal is compiled again at each call, which was
    /// half the time of importing 20 000 rows.
    static func isExcelScientific(_ cell: String) -> Bool {
        var b = cell.utf8[...]
        func digits() -> Int { let n = b.prefix { (0x30...0x39).contains($0) }.count; b = b.dropFirst(n); return n }
        guard let first = b.first, (0x30...0x39).contains(first) else { return false }
        b = b.dropFirst()
        if b.first == 0x2E { b = b.dropFirst(); guard digits() > 0 else { return false } }
        guard let e = b.first, e | 0x20 == 0x65 else { return false }
        b = b.dropFirst()
        if b.first == 0x2B { b = b.dropFirst() }
        return digits() > 0 && b.isEmpty
    }

    static func startsWithDigit(_ cell: String) -> Bool { cell.first.map { $0.isASCII && $0.isNumber } ?? false }

    /// Cells lose the blanks around them: Excel keeps invisible trailing
    /// spaces, and full-width (U+3000) and no-break spaces look like nothing.
    static func trimmed(_ cell: String) -> String {
        // Most cells start and end with a visible ASCII character: no set lookup then.
        func mayBeSpace(_ c: Unicode.Scalar) -> Bool { !(0x21...0x7E).contains(c.value) && CharacterSet.whitespaces.contains(c) }
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last,
              mayBeSpace(first) || mayBeSpace(last) else { return cell }
        return cell.trimmingCharacters(in: .whitespaces)
    }

    /// The row's values in header order (nil where a cell is invalid) and its
    /// problems. `cells` are trimmed and as many as the header.
    func check(_ cells: [String], file: String, line: Int) -> (values: [SQLValue?], problems: [StoreError]) {
        var problems: [(column: Int, problem: StoreError)] = []
        func bad(_ i: Int, _ expected: String, _ problem: String = "is not valid", shown: String? = nil) {
            problems.append((i, .invalidCell(file: file, line: line, column: header[i], value: shown ?? cells[i], expected: expected, problem: problem)))
        }
        var values: [SQLValue?] = cells.indices.map { i in
            if let words = words[i], let code = words[cells[i]] {
                return types[i] == "INTEGER" ? Int64(code).map(SQLValue.int) ?? .text(code) : .text(code)
            }
            switch Self.convert(cells[i], type: types[i], boolean: rules[i] == .boolean, kind: kinds[i]) {
            case .success(let value): return value
            case .failure(let failure):
                // A coded number typed as a word the site does not use (六级): the words it reads are said.
                if let words = words[i], types[i] == "INTEGER", !Self.startsWithDigit(cells[i]) {
                    let named = words.filter { !Self.startsWithDigit($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
                    bad(i, "an integer or one of " + named.joined(separator: ", "))
                } else { bad(i, failure.expected) }
                return nil
            }
        }
        let row = { (name: String) in header.firstIndex(of: name).flatMap { values[$0] } }
        for i in cells.indices {
            guard let value = values[i] else { continue }
            if value == .null {
                if required[i] { bad(i, "a value (this column may not be empty)"); values[i] = nil }
            } else if required[i], case .text(let text) = value, VisibleText.isBlank(text) {
                bad(i, VisibleText.blankExpectation); values[i] = nil
            } else if let (problem, expected) = rules[i]?.problem(value, row: row, words: CodeWords.shown["\(table).\(header[i])"]) {
                bad(i, expected, problem); values[i] = nil
            } else if table == "meta", header[i] == "value", case .text(let key)? = row("key"), case .text(let text) = value {
                let read = Self.metaValue(key: key, text)
                if let meant = SiteMeta.meantKey(key), let k = header.firstIndex(of: "key") {
                    // The key is what is wrong, not the value.
                    bad(k, "`\(meant)` (the value would be stored under a key the site never reads)", "is not a key the site reads")
                    values[k] = nil
                } else if let expected = SiteMeta.expectation(key: key, value: read) {
                    bad(i, "\(expected) (key \(key))"); values[i] = nil
                } else if key == "data_as_of" || key == "corrected_on", let date = ISODate(read), date.isFarAhead {
                    // A correction's day is archived for good with it: a mistyped year must not get there.
                    bad(i, ISODate.farAheadExpectation + " (key \(key))"); values[i] = nil
                } else {
                    values[i] = .text(read)
                }
            }
        }
        for i in values.indices {
            guard case .text(let text)? = values[i] else { continue }
            let limit = TextLimit.maximum(table: table, column: header[i])
            guard let count = TextLimit.excess(text, limit: limit) else { continue }
            bad(i, TextLimit.expectation(limit), "is too long (\(count) characters)", shown: TextLimit.shown(text, count: count)); values[i] = nil
        }
        if let extra {
            for i in values.indices {
                // Numbers are given as plain digits (a limit on counts is such a rule).
                let text: String
                switch values[i] {
                case .text(let t)?: text = t
                case .int(let n)?: text = String(n)
                case .real(let x)?: text = x.plain
                default: continue
                }
                guard let (problem, expected, shown) = extra(table, header[i], text) else { continue }
                bad(i, expected, problem, shown: shown); values[i] = nil
            }
        }
        // Rules `yanglao validate` would refuse the row for, caught here so a bad row never
        // gets in: the USCC's check character, and dates in the order they happen.
        if table == "institutions", let i = header.firstIndex(of: "id"), case .text(let id)? = values[i], let p = USCC.problem(id) {
            bad(i, "a unified social credit code with \(p)"); values[i] = nil
        }
        for (first, later) in Self.dateOrder[table] ?? [] {
            guard let a = header.firstIndex(of: first), let b = header.firstIndex(of: later),
                  case .text(let from)? = values[a], case .text(let to)? = values[b], to < from else { continue }
            bad(b, "a date on or after \(first) (\(from))", "is before \(first)"); values[b] = nil
        }
        return (values, problems.sorted { $0.column < $1.column }.map(\.problem))
    }

    /// Pairs of date columns where the second may not be earlier than the first.
    static let dateOrder: [String: [(String, String)]] = [
        "ratings": [("rated_on", "valid_until"), ("rated_on", "withdrawn_on")],
        "credit_records": [("decided_on", "repaired_on"), ("decided_on", "disclose_until")],
    ]

    struct ConversionFailure: Error { let expected: String }

    /// What a column's name says about its cells.
    struct CellKind {
        /// Codes (`id`, `code`, `*_code`, `*_id`): full-width characters are read as ASCII.
        let isCode: Bool
        /// Dates (`*_on`, `*_until`).
        let isDate: Bool
        /// A name (`name`): one line.
        let isName: Bool
        /// A phone number (`phone`): full-width digits are read as ASCII, so the page can link it for one tap.
        let isPhone: Bool
        /// Former names (`former_names`): 无 or - says there are none.
        let isFormerNames: Bool

        init(column: String) {
            isCode = Schema.isCodeColumn(column)
            isDate = column.hasSuffix("_on") || column.hasSuffix("_until")
            isName = column == "name" || column == "former_names"
            isPhone = column == "phone"
            isFormerNames = column == "former_names"
        }
    }

    /// Converts one cell by the column's declared type; date columns
    /// (`*_on`, `*_until`) must hold real ISO dates. An empty cell is NULL.
    static func convert(_ raw: String, type: String, boolean: Bool, kind: CellKind) -> Result<SQLValue, ConversionFailure> {
        if raw.isEmpty { return .success(.null) }
        // A file read in the wrong encoding has U+FFFD where characters were: never store it.
        if raw.unicodeScalars.contains("\u{FFFD}") {
            return .failure(.init(expected: "text without the replacement character \u{FFFD} (the file's encoding was misread: save it from Excel as “CSV UTF-8”, or give --encoding)"))
        }
        if let c = ControlCharacters.first(in: raw) { return .failure(.init(expected: ControlCharacters.expectation(c))) }
        if SpreadsheetErrors.isError(raw) { return .failure(.init(expected: SpreadsheetErrors.expectation(raw))) }
        // A name is shown as a page title and a link: one line (Alt+Enter in Excel adds a break).
        if kind.isName, raw.contains(where: \.isNewline) || VisibleText.hasLineBreak(utf8: raw.utf8) {
            return .failure(.init(expected: "a name on one line (the cell holds a line break; in Excel, Alt+Enter makes one)"))
        }
        // Codes, numbers, dates and phones typed with a Chinese input method are full-width (１４１０００).
        let cell = kind.isCode || kind.isDate || kind.isPhone || type == "INTEGER" || type == "REAL" || boolean ? Self.halfWidth(raw) : raw
        if boolean {
            guard let v = ColumnRule.booleanWords[cell.lowercased()] else { return .failure(.init(expected: ColumnRule.booleanExpectation)) }
            return .success(.int(v))
        }
        switch type {
        case "INTEGER":
            let digits = Self.ungrouped(cell)
            // A run of digits too long for any count (a phone or ID-card number in the wrong column).
            if digits.count > 18, digits.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isASCII), digits.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber) {
                return .failure(.init(expected: "a whole number of at most 18 digits (this one has \(digits.count): a phone, ID-card or document number in the wrong column?)"))
            }
            guard let v = Int64(digits) else { return .failure(.init(expected: "an integer" + Self.unitHint(cell, count: true))) }
            return .success(.int(v))
        case "REAL":
            // Decimal digits only: Swift also reads 0x24 (hexadecimal) and "nan", which no spreadsheet
            // means, and 5.2E+04 is what Excel shows of 52345 in a narrow column (the digits are lost).
            let number = Self.ungrouped(cell)
            guard number.utf8.allSatisfy({ (48...57).contains($0) || $0 == 46 || $0 == 45 || $0 == 43 }),
                  let v = Double(number), v.isFinite else { return .failure(.init(expected: "a number" + Self.unitHint(cell))) }
            return .success(.real(v))
        default:
            if kind.isFormerNames, Schema.noFormerNames.contains(cell.trimmingCharacters(in: .whitespaces)) { return .success(.null) }
            // A code Excel turned into a number and back (141002.0), or kept with the apostrophe
            // that marks text in a cell ('141002): the code itself.
            if kind.isCode, let code = Self.excelCode(cell) { return .success(.text(code)) }
            if kind.isDate {
                guard let date = Self.isoDate(cell) else {
                    return .failure(.init(expected: Self.dateExpectation(cell)))
                }
                return .success(.text(date))
            }
            // A phone or document number Excel turned into a number and showed in its scientific
            // format (3.57394E+10): the digits past the sixth are lost, never stored as text.
            if !kind.isCode, Self.isExcelScientific(cell) {
                return .failure(.init(expected: "the text as typed (\(cell) is Excel's scientific format of a number: its last digits are lost; format the column as 文本 (Text) in Excel and type the values again)"))
            }
            // A cell garbled by a misread export (尧都区 as 灏ч兘鍖) is never stored as if it were text.
            if let meant = TextEncoding.misreadCell(cell) {
                return .failure(.init(expected: "readable text: this cell is garbled (it reads “\(meant)” as it was written: the file was once opened in the wrong encoding and saved); type the text again or take it from the original file"))
            }
            return .success(.text(cell))
        }
    }
}

extension RowChecker {
    /// Full-width ASCII (U+FF01…U+FF5E) as plain ASCII (the ideographic space is trimmed
    /// from the ends of a cell before this).
    static func halfWidth(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if c.value >= 0xFF01 && c.value <= 0xFF5E, let h = Unicode.Scalar(c.value - 0xFEE0) { out.append(h) } else { out.append(c) }
        }
        return String(out)
    }

    /// A cell as meant before the spreadsheet rules of the Excel files the site publishes and
    /// `yanglao export` writes (`CSVFormat`): `="0351"` is the text 0351 (Excel shows it so and
    /// keeps leading zeros), and the apostrophe put before text starting with = + - @, tab or
    /// carriage return (so Excel does not run it as a formula) is dropped — Excel keeps that
    /// apostrophe when it opens and saves a CSV file.
    static func spreadsheetText(_ cell: String) -> String {
        let bytes = cell.utf8
        guard let first = bytes.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "'"), bytes.count >= 2 else { return cell }
        if first == UInt8(ascii: "'") {
            // '=x is =x guarded; ''=x is the text '=x guarded (the rule of `FormulaGuard`).
            return FormulaGuard.needsGuard(bytes.dropFirst()) ? String(cell.dropFirst()) : cell
        }
        guard bytes.count >= 3, cell.hasPrefix("=\""), cell.hasSuffix("\"") else { return cell }
        let inner = cell.dropFirst(2).dropLast()
        return inner.contains("\"") ? cell : String(inner)
    }

    /// A header cell as the column name it means: `ID `, `Beds Total` and `beds-total`
    /// name `id` and `beds_total` (case, spaces around, spaces or hyphens between words,
    /// full-width letters).
    static func columnName(_ cell: String, table: String? = nil) -> String {
        if let table, let column = chineseHeader(cell, table: table) { return column }
        var name = halfWidth(trimmed(cell)).lowercased()
        guard name.contains(where: { $0 == " " || $0 == "-" }) else { return name }
        name = name.split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
        return name
    }

    /// The column a Chinese header names in `table` (`Schema.chineseHeaders`), compared with
    /// brackets and letters half-width (罚款金额(元) is 罚款金额（元）).
    /// The Chinese names of the columns a published Excel file adds (`Schema.publishedOnlyChinese`)
    /// give those columns, which the import then skips.
    static func chineseHeader(_ cell: String, table: String) -> String? {
        let typed = halfWidth(trimmed(cell)).replacingOccurrences(of: " ", with: "")
        guard typed.unicodeScalars.contains(where: { $0.value > 0x7F }) else { return nil }
        if let column = Schema.chineseHeaders[table]?.first(where: { $0.value.contains { halfWidth($0) == typed } })?.key { return column }
        if let column = Schema.publishedOnlyChinese[table]?.first(where: { halfWidth($0.value) == typed })?.key { return column }
        // A name with the column's own unit in brackets (床位数(张), 入住老年人数(人)), as spreadsheets often head
        // them; another unit (罚款金额(万元)) is not this column and is refused with the reason.
        guard typed.hasSuffix(")"), let open = typed.lastIndex(of: "(") else { return nil }
        let bare = String(typed[..<open]), unit = String(typed[typed.index(after: open)..<typed.index(before: typed.endIndex)])
        guard let column = Schema.chineseHeaders[table]?.first(where: { $0.value.contains { halfWidth($0) == bare } })?.key,
              Schema.units["\(table).\(column)"] == unit else { return nil }
        return column
    }

    /// What a date cell should be, said for what it holds: a day that does not exist
    /// (2024-02-30), Excel's day number (45473: the column was formatted as a number), or
    /// anything else.
    static func dateExpectation(_ cell: String) -> String {
        let general = "a date YYYY-MM-DD (2024-01-05; 2024/1/5 and 2024年1月5日 are read too; in Excel, format the column as a date without a time)"
        // Excel's long date format adds the weekday (2024/1/5 星期五).
        if cell.contains("星期") || cell.range(of: #"周[一二三四五六日天]"#, options: .regularExpression) != nil {
            return "a date without the weekday (2024/1/5, not 2024/1/5 星期五; in Excel, format the column as a short date)"
        }
        if cell.contains(where: { "〇零一二三四五六七八九十".contains($0) }) {
            return "a date in Arabic digits (2024-03-05 or 2024年3月5日), not Chinese numerals"
        }
        if let m = cell.firstMatch(of: #/^([0-9]{4})\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?$/#) {
            if let year = Int(m.1), !Self.dateYears.contains(year) {
                return "a date between \(Self.dateYears.lowerBound) and \(Self.dateYears.upperBound) (a mistyped year?)"
            }
            return "a day that exists (the month has fewer days, or the month is above 12)"
        }
        // What Excel shows, and its plain CSV saves, of a date in a column too narrow for it.
        if !cell.isEmpty, cell.allSatisfy({ $0 == "#" }) {
            return "a date, not \(cell): Excel shows ######## when the column is too narrow for the date and saved that; widen the column in Excel and save again"
        }
        if let n = Int(cell), (20_000...80_000).contains(n) {
            let day = ISODate(dayNumber: n - 25_569)
            return "\(general); \(n) looks like Excel's day number for \(day): the column is formatted as a number"
        }
        return general
    }

    /// The digits of a code cell written `141002.0` (a number column with one decimal) or
    /// `'141002` (Excel's mark for text, kept by some saves); nil for any other cell.
    static func excelCode(_ cell: String) -> String? {
        guard cell.utf8.first == 0x27 || cell.utf8.contains(0x2E) else { return nil }
        if let m = cell.wholeMatch(of: #/([0-9]{2,})\.0+/#) { return String(m.1) }
        if let m = cell.wholeMatch(of: #/'([0-9]{2,})/#) { return String(m.1) }
        return nil
    }

    /// What to write instead of a number typed with its unit (95%, 5000元, 0.5万, 120张).
    /// `count`: the column holds a whole number of things (beds, people), never a percentage.
    static func unitHint(_ cell: String, count: Bool = false) -> String {
        guard let first = cell.first, first.isASCII, first.isNumber || first == "-" || first == "." else { return "" }
        if cell.hasSuffix("%") || cell.hasSuffix("％") {
            return count ? " (a whole number such as a count of beds or people, not a percentage)" : " without % (a percentage is written 95, not 95% or 0.95)"
        }
        if cell.contains("万") || cell.contains("亿") || cell.range(of: #"^[0-9.]+\s*[wW]$"#, options: .regularExpression) != nil {
            return " in full, without 万 or 亿 (50000, not 5万)"
        }
        // Excel's scientific format (1.5E+01), and a count shown with decimals (40.00, 1,130.00).
        if cell.range(of: #"^[0-9.]+[Ee][+-]?[0-9]+$"#, options: .regularExpression) != nil {
            return " written out (\(cell) is Excel's scientific format: set the column's format to 数值 with 0 decimals)"
        }
        // A coordinate written as a map shows it (36.059197N, 111.5°E); a W after a number is 万
        // as people type it (47.7w, 47.7W: no place in China is west), said below.
        if let m = cell.firstMatch(of: #/^([0-9.]+)\s*°?\s*([NSE]?)$/#), cell.contains(where: { "°NSE".contains($0) }) {
            let signed = m.2 == "S" ? "-\(m.1)" : String(m.1)
            return " in decimal degrees without N, E or ° (\(signed), not \(cell); south and west are negative)"
        }
        if cell.contains(where: { $0.isLetter }) {
            // The number as it would be typed (50 for 50张, 3 for 3星). A long one is a phone or an
            // ID number in the wrong column: never echoed (messages are pasted on), and not meant here.
            let number = cell.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == ",") }
            if number.count > 6 || PersonalNumbers.kind(in: cell) != nil {
                return " (a count or amount, not a phone, ID or document number: is this the right column?)"
            }
            return " without a unit: \(number), not \(cell) (the column's unit is given in docs/schema.md)"
        }
        if count, cell.range(of: #"^[-0-9,]+\.[0-9]+$"#, options: .regularExpression) != nil {
            // 40.00 is Excel showing 40 with two decimals; 40.5 is not a whole number at all.
            let whole = cell.prefix { $0 != "." }.replacingOccurrences(of: ",", with: "")
            return cell.drop { $0 != "." }.dropFirst().allSatisfy { $0 == "0" }
                ? " without decimals (the column is formatted with decimals: set it to 数值 with 0 decimals, or type \(whole))"
                : " (a whole number, without decimals)"
        }
        return ""
    }

    /// "1,130" as "1130": digits grouped by thousands the way Excel shows them; anything else unchanged.
    static func ungrouped(_ s: String) -> String {
        guard s.contains(","), s.range(of: #"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil else { return s }
        return s.replacingOccurrences(of: ",", with: "")
    }

    /// A meta value as typed in Excel, in the form the site reads: its dates (`data_as_of`,
    /// `corrected_on`, `published_on`) as ISO dates (2024/1/5 like any date cell), `sample` as
    /// true or false (是, TRUE, 1 …).
    static func metaValue(key: String, _ text: String) -> String {
        switch key {
        case "data_as_of", "corrected_on", "published_on": isoDate(halfWidth(text)) ?? text
        case "sample": ColumnRule.booleanWords[halfWidth(text).lowercased()].map { $0 == 1 ? "true" : "false" } ?? text
        case "site_url": SiteMeta.isHostAddress(text) ? text.lowercased() : text
        default: text
        }
    }

    /// The ISO form of a date written as Excel on Chinese Windows writes it (2024/1/5), or as
    /// 2024-1-5, 2024.1.5 or 2024年1月5日, with or without a midnight time that a date column
    /// exported from another system carries (2024/1/5 0:00, 2024-01-05 00:00:00); nil when
    /// it is not a real calendar day (or has another time of day).
    /// Years a date cell may hold: anything else is a typing slip (0001/1/1, 2204).
    static let dateYears = 1900...2100

    static func isoDate(_ s: String) -> String? {
        if let d = ISODate(s) { return dateYears.contains(d.year) ? s : nil }
        guard let m = s.firstMatch(of: #/^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(?:[ T]0?0:00(?::00(?:\.0+)?)?)?$/#),
              let month = Int(m.2), let day = Int(m.3) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let iso = "\(m.1)-\(two(month))-\(two(day))"
        guard let d = ISODate(iso), dateYears.contains(d.year) else { return nil }
        return iso
    }
}

extension SQLValue {
    /// The value as a message prints it (empty for NULL).
    var shown: String {
        switch self {
        case .null: ""
        case .int(let v): String(v)
        case .real(let v): v.plain
        case .text(let s): s
        }
    }

    var number: Double? {
        switch self {
        case .int(let v): Double(v)
        case .real(let v): v
        default: nil
        }
    }
}

extension Double {
    /// Whole numbers without a trailing `.0`, for messages.
    var plain: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
