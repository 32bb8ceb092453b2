/// Reads RFC 4180 CSV: comma separated, fields optionally in double quotes,
/// `""` for a quote inside quotes, CRLF, LF or CR line ends (Excel for Mac's
/// "CSV (Macintosh)" ends records with CR alone), an optional UTF-8 BOM.
public enum CSVReader {
    /// One parsed record with the line it starts on (1-based, header is line 1) and its row
    /// as a spreadsheet numbers it (line breaks inside cells do not count; blank lines do).
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
        public var row: Int

        public init(line: Int, fields: [String], row: Int? = nil) {
            self.line = line; self.fields = fields; self.row = row ?? line
        }
    }

    /// Parses `text` into records; blank lines are skipped.
    public static func parse(_ text: String, file: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        // Line breaks inside quoted cells so far, and before the current record.
        var breaksInCells = 0, breaksBefore = 0
        var afterQuote = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields, row: recordLine - breaksBefore)) }
            fields.removeAll(keepingCapacity: true)
        }

        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 }
                    else { inQuotes = false; afterQuote = true }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1; breaksInCells += 1 }
                    field.append(b)
                }
            } else {
                switch b {
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"): break
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    endRecord(); line += 1; recordLine = line; breaksBefore = breaksInCells
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !afterQuote else {
                        throw StoreError.malformedCSV(file: file, line: line, reason: "a quote inside an unquoted field")
                    }
                    inQuotes = true
                default:
                    if afterQuote {
                        throw StoreError.malformedCSV(file: file, line: line, reason: "text after a closing quote")
                    }
                    field.append(b)
                }
            }
            i += 1
        }
        if inQuotes { throw StoreError.malformedCSV(file: file, line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
