import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes one table as an Excel workbook (`.xlsx`) that `Workbook` reads back to the same
/// cells: text as text cells (codes such as 141002 stay text, so Excel neither drops a
/// leading 0 nor turns 18 digits into 1.21410E+17, and no `="…"` trick is needed), numbers
/// as numbers; the header in bold, frozen above the rows and with filter buttons, each
/// column as wide as its text. Byte-identical for the same cells (entries dated 1980-01-01).
public final class WorkbookWriter {
    public enum Cell: Equatable { case empty, text(String), number(String) }

    /// Excel's last row, the header included.
    public static let maxRows = 1_048_576

    let sheetName: String
    let header: [String]
    /// The rows' XML goes to a file of its own (already unlinked, so nothing is left behind
    /// however the program ends), a megabyte at a time: the sheet's head, written first,
    /// needs every row's width and the row count, and 400 000 rows held in memory took 975 MB.
    private let spill: Int32
    private var buffer: [UInt8] = []
    private var spilled: Int64 = 0
    private var failure: Error?
    private let spillFolder: String
    private var rowCount = 0
    private var widths: [Int]

    /// `spillFolder`: where the rows wait (the workbook's own folder, so that they take the disk
    /// the workbook will take, not a small or in-memory /tmp); "" for the temporary folder.
    /// Columns formatted as text (Excel's “@”, style 2): codes and phone numbers, so that a code
    /// typed into a new row stays text (a General cell turns 121410020000000001 into 1.21E+17
    /// and drops a phone number's leading 0).
    let textColumns: Set<Int>

    public init(sheetName: String, header: [String], textColumns: Set<Int> = [], spillFolder: String = "") throws {
        self.sheetName = sheetName
        self.header = header
        self.textColumns = textColumns
        widths = header.map { Self.displayWidth($0) + 4 } // room for the filter button
        let folder = spillFolder.isEmpty ? NSTemporaryDirectory() : spillFolder
        var template = Array((folder + "/.yanglao-sheet-XXXXXX").utf8CString)
        spill = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard spill >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create a temporary file in \(folder): \(reason)"])
        }
        _ = fcntl(spill, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.spillFolder = folder
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(spill) }

    /// Adds a row (as many cells as the header, or fewer).
    public func append(_ cells: [Cell]) {
        rowCount += 1
        let r = rowCount + 1
        buffer.append(contentsOf: Array("<row r=\"\(r)\">".utf8))
        for (i, cell) in cells.enumerated() {
            let ref = Self.columnName(i) + String(r)
            switch cell {
            case .empty: continue
            case .number(let n):
                buffer.append(contentsOf: Array("<c r=\"\(ref)\"><v>\(n)</v></c>".utf8))
                if i < widths.count { widths[i] = max(widths[i], n.count + 1) }
            case .text(let s):
                buffer.append(contentsOf: Array("<c r=\"\(ref)\"\(textColumns.contains(i) ? " s=\"2\"" : "") t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8))
                buffer.append(contentsOf: Array(Self.escaped(s).utf8))
                buffer.append(contentsOf: Array("</t></is></c>".utf8))
                if i < widths.count { widths[i] = max(widths[i], Self.displayWidth(s) + 1) }
            }
        }
        buffer.append(contentsOf: Array("</row>".utf8))
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Moves the buffered rows to the file; the first failure is kept for `write`.
    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        let written = buffer.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(spill, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    failure = CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot write the sheet's rows to a temporary file in \(spillFolder): \(reason)"])
                    return false
                }
                offset += n
            }
            return true
        }
        if written { spilled += Int64(buffer.count) }
    }

    /// `count` bytes of the rows from `offset`.
    private func rows(at offset: Int64, count: Int) throws -> Data {
        var data = Data(count: count)
        let read = data.withUnsafeMutableBytes { raw -> Int in
            var done = 0
            while done < count {
                let n = pread(spill, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            return done
        }
        guard read == count else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot read back the sheet's rows from a temporary file"]) }
        return data
    }

    /// Writes the workbook to `path` (which must not exist).
    public func write(to path: String) throws {
        flush()
        if let failure { throw failure }
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n".utf8)
        func add(_ name: String, _ parts: [UInt8]...) throws {
            let data = Data(declaration + parts.joined())
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.dosEpoch,
                                 compressionMethod: .deflate) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006"
        try add("[Content_Types].xml", bytes("<Types xmlns=\"\(pkg)/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "</Types>"))
        try add("_rels/.rels", bytes("<Relationships xmlns=\"\(pkg)/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"))
        try add("xl/workbook.xml", bytes("<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
            + "<sheet name=\"\(Self.escaped(Self.sheetTitle(sheetName)))\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
            + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'\(Self.sheetTitle(sheetName).replacingOccurrences(of: "'", with: "''"))'!$A$1:$\(Self.columnName(max(header.count - 1, 0)))$\(rowCount + 1)</definedName></definedNames>"
            + "</workbook>"))
        try add("xl/_rels/workbook.xml.rels", bytes("<Relationships xmlns=\"\(pkg)/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"))
        // Style 1: bold, for the header; style 2: text (“@”), for codes and phone numbers.
        try add("xl/styles.xml", bytes("<styleSheet xmlns=\"\(main)\">"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/></font><font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"))
        // A text column's style is the column's too: cells typed below the rows take it.
        let cols = widths.enumerated().map { i, w in
            "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(min(w, 60))\"\(textColumns.contains(i) ? " style=\"2\"" : "") customWidth=\"1\"/>"
        }.joined()
        let headCells = header.enumerated().map { i, h in
            "<c r=\"\(Self.columnName(i))1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escaped(h))</t></is></c>"
        }.joined()
        let last = "\(Self.columnName(max(header.count - 1, 0)))\(rowCount + 1)"
        // The sheet: its head, the rows from their file, its tail, read as the archive asks for them.
        let head = Data(declaration + bytes("<worksheet xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><dimension ref=\"A1:\(last)\"/>"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/><cols>\(cols)</cols><sheetData><row r=\"1\">\(headCells)</row>"))
        let tail = Data(bytes("</sheetData><autoFilter ref=\"A1:\(last)\"/></worksheet>"))
        let rowsEnd = Int64(head.count) + spilled
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: rowsEnd + Int64(tail.count),
                             modificationDate: Self.dosEpoch, compressionMethod: .deflate) { position, size in
            var out = Data()
            var at = position
            let end = position + Int64(size)
            while at < end {
                if at < Int64(head.count) {
                    let stop = min(end, Int64(head.count))
                    out.append(head.subdata(in: Int(at)..<Int(stop))); at = stop
                } else if at < rowsEnd {
                    let stop = min(end, rowsEnd)
                    out.append(try self.rows(at: at - Int64(head.count), count: Int(stop - at))); at = stop
                } else {
                    out.append(tail.subdata(in: Int(at - rowsEnd)..<Int(end - rowsEnd))); at = end
                }
            }
            return out
        }
    }

    /// 1980-01-01, the first day a ZIP entry can carry: the same file for the same cells.
    static let dosEpoch = Date(timeIntervalSince1970: 315_532_800)

    /// 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 { let r = (n - 1) % 26; name = String(UnicodeScalar(UInt8(65 + r))) + name; n = (n - 1) / 26 }
        return name
    }

    /// A sheet's name may not hold : \ / ? * [ ] and is at most 31 characters.
    static func sheetTitle(_ name: String) -> String {
        String(name.map { ":\\/?*[]".contains($0) ? "_" : $0 }.prefix(31))
    }

    /// Text for an XML element: the five XML escapes, and characters XML 1.0 cannot hold (and a
    /// `_x` that would read as such an escape) written as Office Open XML's `_xHHHH_`.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let scalars = Array(s.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "_" where i + 6 < scalars.count && scalars[i + 1] == "x" && scalars[i + 6] == "_"
                && scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }):
                out += "_x005F_"
            case "\t", "\n": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || (0xFFFE...0xFFFF).contains(c.value) {
                    out += "_x" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16, uppercase: true) + "_"
                } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// Columns as Excel measures them: a Chinese character is two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }
}
