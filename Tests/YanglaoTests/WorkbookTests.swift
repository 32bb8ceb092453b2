import XCTest
import ZIPFoundation
@testable import YanglaoStore
import YanglaoOpenData

/// `yanglao import` of an Excel workbook: a small .xlsx written part by part, as Excel
/// lays one out, read back through the same import as a CSV file.
final class WorkbookTests: XCTestCase {
    /// Writes an .xlsx with `sheets` (tab name, the sheet's `<sheetData>` rows, hidden) to `file`.
    func workbook(_ ws: Workspace, _ file: String, sheets: [(name: String, rows: String, hidden: Bool)], strings: [String] = []) throws -> String {
        let path = ws.path(file)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        func add(_ name: String, _ xml: String) throws {
            let data = Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml).utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 0),
                                 compressionMethod: .deflate) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        try add("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><workbookPr/><sheets>"
            + sheets.enumerated().map { n, s in "<sheet name=\"\(s.name)\" sheetId=\"\(n + 1)\"\(s.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(n + 1)\"/>" }.joined()
            + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
            + "</Relationships>")
        // Style 1: the built-in date format 14; 2: a format of the file's own, 2024年1月5日;
        // 3: the built-in 0%; 4: eleven digits with leading zeros (a phone number typed as a number).
        try add("xl/styles.xml", "<styleSheet xmlns=\"\(main)\"><numFmts count=\"2\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
            + "<numFmt numFmtId=\"177\" formatCode=\"00000000000\"/></numFmts>"
            + "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/><xf numFmtId=\"9\"/><xf numFmtId=\"177\"/></cellXfs></styleSheet>")
        try add("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\">" + strings.map { "<si>\($0)</si>" }.joined() + "</sst>")
        for (n, s) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(n + 1).xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(s.rows)</sheetData></worksheet>")
        }
        return path
    }

    /// The institutions header and the sample's 福寿养老院 as a sheet's rows (row 1 the header, row `at` the facility).
    func institutionRows(beds: String = "<v>110</v>", phone: String = "<c r=\"G2\" t=\"s\"><v>23</v></c>", at row: Int = 2, extra: String = "") -> String {
        // Shared strings: 0… the header, then the text cells.
        let header = (0..<20).map { "<c r=\"\(column($0))1\" t=\"s\"><v>\($0)</v></c>" }.joined()
        let cells = [
            "<c r=\"A\(row)\" t=\"s\"><v>20</v></c>",                                         // id
            "<c r=\"B\(row)\" t=\"s\"><v>21</v></c>",                                         // name, with a phonetic guide
            "<c r=\"C\(row)\"><v>141021</v></c>",                                             // region code typed as a number
            "<c r=\"D\(row)\" t=\"inlineStr\"><is><t>养老机构</t></is></c>",
            "<c r=\"E\(row)\" t=\"str\"><f>\"民\"&amp;\"办\"</f><v>民办</v></c>",                  // a formula's text
            "<c r=\"F\(row)\" t=\"s\"><v>22</v></c>",                                         // address
            phone.replacingOccurrences(of: "G2", with: "G\(row)"),                               // phone as text
            "<c r=\"H\(row)\"><v>35.64</v></c>", "<c r=\"I\(row)\"><v>111.47</v></c>",
            "<c r=\"J\(row)\" s=\"2\"><v>42125</v></c>",                                      // 2015-05-01, shown as 2015年5月1日
            "<c r=\"K\(row)\" t=\"inlineStr\"><is><t>运营中</t></is></c>",
            "<c r=\"L\(row)\">\(beds)</c>", "<c r=\"M\(row)\"><v>60</v></c>", "<c r=\"N\(row)\"><v>80</v></c>",
            "<c r=\"O\(row)\"><v>10</v></c>", "<c r=\"P\(row)\"><v>6</v></c>", "<c r=\"Q\(row)\"><v>1</v></c>",
            "<c r=\"R\(row)\" t=\"inlineStr\"><is><t>与医疗机构签约合作</t></is></c>",
            "<c r=\"S\(row)\" t=\"b\"><v>1</v></c>",                                          // TRUE
            "<c r=\"T\(row)\" s=\"1\"><v>45627</v></c>",                                      // 2024-12-01
        ].joined()
        return "<row r=\"1\">\(header)</row><row r=\"\(row)\">\(cells)</row>" + extra
    }

    func column(_ n: Int) -> String { String(UnicodeScalar(UInt8(65 + n))) }

    var institutionStrings: [String] {
        ["统一社会信用代码", "机构名称", "行政区划代码", "类别", "性质", "地址", "电话", "纬度", "经度", "开业日期", "状态", "床位数", "护理型床位数",
         "在住老年人数", "养老护理员人数", "持证养老护理员人数", "社会工作者人数", "医养结合", "有消防验收通过记录", "信息更新日期"].map { "<t>\($0)</t>" }
            + ["<t>\(Sample.fushou)</t>",
               "<r><t>曲沃县福寿</t></r><r><t>养老院</t></r><rPh sb=\"0\" eb=\"2\"><t>qu wo xian</t></rPh>",
               "<t>曲沃县乐昌镇1号</t>", "<t>0357-1111111</t>"]
    }

    func testAWorkbookImportsLikeTheCSVExcelWouldSaveOfIt() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try stored(db)
        let file = try workbook(ws, "机构.xlsx", sheets: [("说明", "", false), ("Sheet1", institutionRows(), false), ("旧表", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", true)],
                                strings: institutionStrings)
        let report = try TableImporter.run(database: db, table: "institutions", file: file)
        XCTAssertEqual(report.sheet, "Sheet1", "the only visible sheet with data")
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 1, 0])
        XCTAssertEqual(report.changedRows.first?.fields.map(\.column), ["beds_total"], "every other cell reads as stored: dates, codes typed as numbers, 是 as TRUE, the name without its phonetic guide")
        let after = try stored(db)
        XCTAssertEqual(after.beds, 110)
        XCTAssertEqual(before.beds, 100)
        XCTAssertEqual(after.name, "曲沃县福寿养老院")
        XCTAssertEqual(after.opened, "2015-05-01")
    }

    func testABadCellIsNamedByItsExcelRowAndNothingIsWritten() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        // Rows 2 to 4 left blank: the facility is on Excel's row 5.
        let file = try workbook(ws, "机构.xlsx", sheets: [("机构名录", institutionRows(beds: "<v>abc</v>", at: 5), false)], strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: file)) { error in
            XCTAssertTrue("\(error)".contains("机构.xlsx:5, column 床位数 (beds_total)"), "\(error)")
        }
        XCTAssertEqual(try stored(db).beds, 100)
    }

    func testSeveralSheetsWithDataAreNamedAndOneIsChosenWithSheet() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let file = try workbook(ws, "机构.xlsx", sheets: [("一月", institutionRows(beds: "<v>90</v>"), false), ("二月", institutionRows(), false)],
                                strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: file)) { error in
            XCTAssertTrue("\(error)".contains("2 sheets with data (“一月”、“二月”); say which to import with --sheet"), "\(error)")
        }
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: file, sheet: "三月")) { error in
            XCTAssertTrue("\(error)".contains("no sheet “三月”"), "\(error)")
        }
        let report = try TableImporter.run(database: db, table: "institutions", file: file, sheet: "二月")
        XCTAssertEqual(report.sheet, "二月")
        XCTAssertEqual(try stored(db).beds, 110)
    }

    func testAnOldXlsAndADamagedWorkbookAreRefusedWithWhatToDo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 64)).write(to: URL(fileURLWithPath: ws.path("旧.xls")))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("旧.xls"))) { error in
            XCTAssertTrue("\(error)".contains("Excel 97–2003 workbook (.xls)"), "\(error)")
        }
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: ws.path("坏.xlsx")))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("坏.xlsx"))) { error in
            XCTAssertTrue("\(error)".contains("cannot be opened as an .xlsx file"), "\(error)")
        }
        // A cell naming text the workbook does not hold would read as empty and clear the stored address.
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let lost = try workbook(ws, "缺字.xlsx", sheets: [("机构名录", institutionRows().replacingOccurrences(of: "<v>22</v>", with: "<v>99999</v>"), false)],
                                strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: lost)) { error in
            XCTAssertTrue("\(error)".contains("the workbook is damaged (cell F2 of sheet “机构名录” refers to text number “99999” of its shared strings, and the file has 24)"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    /// A sheet padded to shrink a thousand times in the file (a "ZIP bomb": half a megabyte that
    /// unpacks to a hundred) is refused while unpacking, not read into memory whole.
    func testAWorkbookThatUnpacksFarBeyondItsSizeIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let path = try workbook(ws, "大.xlsx", sheets: [("机构名录", institutionRows() + String(repeating: " ", count: 101_000_000), false)], strings: institutionStrings)
        XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, 1_000_000)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: path)) { error in
            XCTAssertTrue("\(error)".contains("the workbook's part xl/worksheets/sheet1.xml unpacks to more than 100 MB"), "\(error)")
            XCTAssertTrue("\(error)".contains("far more than a spreadsheet saved by Excel or WPS"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    /// What Excel's CSV of a sheet would show is what is read: a number formatted with leading
    /// zeros keeps them, a date-only format drops the time, a percentage reads 95% (which the
    /// import then refuses with what to type), a small number is written out, not in E notation.
    func testNumbersAreReadAsTheirFormatShowsThem() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let padded = try workbook(ws, "电话.xlsx", sheets: [("机构名录", institutionRows(phone: "<c r=\"G2\" s=\"4\"><v>3571111111</v></c>"), false)], strings: institutionStrings)
        let phone = try TableImporter.run(database: db, table: "institutions", file: padded)
        let phoneChange = phone.changedRows.first?.fields.first { $0.column == "phone" }
        XCTAssertEqual(phoneChange.map { "\($0.from) → \($0.to)" }, "0357-1111111 → 03571111111", "the leading 0 the format shows is kept")
        XCTAssertEqual(NumberShape(formatID: 177, code: "00000000000")?.shown("3571111111", date1904: false), "03571111111")
        XCTAssertEqual(NumberShape(formatID: 14, code: nil)?.shown("45263.3958", date1904: false), "2023-12-03", "the time a date-only format hides")
        XCTAssertEqual(NumberShape(formatID: 22, code: nil)?.shown("45263.5", date1904: false), "2023-12-03 12:00:00")
        XCTAssertEqual(NumberShape(formatID: 9, code: nil)?.shown("0.95", date1904: false), "95%")
        XCTAssertEqual(NumberShape(formatID: 180, code: "0.0%")?.shown("0.955", date1904: false), "95.5%")
        XCTAssertNil(NumberShape(formatID: 181, code: "#,##0"))
        XCTAssertEqual(Workbook.plainDecimal("5E-005"), "0.00005")
        XCTAssertEqual(Workbook.plainDecimal("1.5e-07"), "0.00000015")
        XCTAssertEqual(Workbook.plainDecimal("-2.5E+3"), "-2500")
        XCTAssertNil(Workbook.plainDecimal("1.2141021000000001E+17"), "a long code Excel made a number stays in E notation, to be refused")
        XCTAssertNil(Workbook.plainDecimal("141002"))
        let percent = try workbook(ws, "床位.xlsx", sheets: [("机构名录", institutionRows(beds: "</c><c r=\"L2\" s=\"3\"><v>0.95</v>"), false)], strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: percent)) { error in
            XCTAssertTrue("\(error)".contains("床位.xlsx:2, column 床位数 (beds_total): 95%"), "\(error)")
        }
    }

    func testFormulasWithoutResultsStrayCellsAndBadReferencesAreRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        // Written by a program: the formula is there, its result never computed.
        let formula = try workbook(ws, "公式.xlsx", sheets: [("机构名录", institutionRows(beds: "<f>100+10</f><v />"), false)], strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: formula)) { error in
            XCTAssertTrue("\(error)".contains("cell L2 of sheet “机构名录” holds a formula whose result was never saved"), "\(error)")
        }
        // Merged cells: the value is in the first only, the other rows would read empty.
        let merged = try workbook(ws, "合并.xlsx", sheets: [("机构名录", institutionRows() + "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"K2:K3\"/></mergeCells><sheetData>", false)],
                                  strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: merged)) { error in
            XCTAssertTrue("\(error)".contains("cells K2:K3 of sheet “机构名录” are merged"), "\(error)")
            XCTAssertTrue((error as? StoreError)?.chinese?.contains("取消单元格合并") == true, "\(error)")
        }
        let rows = institutionRows().replacingOccurrences(of: "<v>45627</v></c></row>", with: "<v>45627</v></c><c r=\"XFD2\" t=\"inlineStr\"><is><t>多余</t></is></c></row>")
        let stray = try workbook(ws, "多余.xlsx", sheets: [("机构名录", rows, false)], strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: stray)) { error in
            XCTAssertTrue("\(error)".contains("多余.xlsx:2: malformed row: cell XFD2, right of the table's last column (T), holds “多余”"), "\(error)")
        }
        let beyond = try workbook(ws, "坏.xlsx", sheets: [("机构名录", institutionRows(extra: "<row r=\"3\"><c r=\"ZZZZZZ3\"><v>1</v></c></row>"), false)],
                                  strings: institutionStrings)
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: beyond)) { error in
            XCTAssertTrue("\(error)".contains("beyond Excel's last column, XFD"), "\(error)")
        }
    }

    /// The file's bytes decide, not its name: a password-protected workbook is said to be one,
    /// a CSV file named .xlsx is read as CSV; the only sheet with data is read even if hidden;
    /// text in a workbook is as typed (an apostrophe is part of it, not a CSV mark).
    func testWhatTheFileIsAndWhichSheetHoldsTheData() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 64)).write(to: URL(fileURLWithPath: ws.path("加密.xlsx")))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("加密.xlsx"))) { error in
            XCTAssertTrue("\(error)".contains("protected with a password"), "\(error)")
        }
        let csv = try ws.database("csv.sqlite")
        try TableExporter.export(database: csv, table: "services", to: ws.path("s.csv"))
        try FileManager.default.moveItem(atPath: ws.path("s.csv"), toPath: ws.path("清单.xlsx"))
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("清单.xlsx")).sheet, nil, "read as the CSV it is")
        let quoted = institutionStrings.map { $0 == "<t>曲沃县乐昌镇1号</t>" ? "<t>'曲沃县乐昌镇1号</t>" : $0 }
        let hidden = try workbook(ws, "藏.xlsx", sheets: [("封面", "", false), ("数据", institutionRows(), true)], strings: quoted)
        let report = try TableImporter.run(database: db, table: "institutions", file: hidden)
        XCTAssertEqual(report.sheet, "数据")
        XCTAssertTrue(report.changedRows.first?.fields.contains { $0.column == "address" && $0.to == "'曲沃县乐昌镇1号" } == true, "\(report.changedRows)")
    }

    func testExcelSerialDates() {
        XCTAssertEqual(Workbook.isoDate(serial: 1, date1904: false), "1900-01-01")
        XCTAssertEqual(Workbook.isoDate(serial: 59, date1904: false), "1900-02-28")
        XCTAssertNil(Workbook.isoDate(serial: 60, date1904: false), "29 February 1900, which Excel counts and never was")
        XCTAssertEqual(Workbook.isoDate(serial: 61, date1904: false), "1900-03-01")
        XCTAssertEqual(Workbook.isoDate(serial: 45292, date1904: false), "2024-01-01")
        XCTAssertEqual(Workbook.isoDate(serial: 45351, date1904: false), "2024-02-29")
        XCTAssertEqual(Workbook.isoDate(serial: 45292.5, date1904: false), "2024-01-01 12:00:00")
        XCTAssertEqual(Workbook.isoDate(serial: 0, date1904: true), "1904-01-01")
        XCTAssertEqual(Workbook.isoDate(serial: 43830, date1904: true), "2024-01-01")
        // Which number formats show a date: built-in ones, and a file's own with a year, month or day outside quotes.
        XCTAssertTrue(Workbook.showsDate(formatID: 14, code: nil))
        XCTAssertTrue(Workbook.showsDate(formatID: 31, code: nil), "yyyy\"年\"m\"月\"d\"日\" of Chinese Excel")
        XCTAssertTrue(Workbook.showsDate(formatID: 176, code: "yyyy/m/d"))
        XCTAssertTrue(Workbook.showsDate(formatID: 177, code: "[$-804]yyyy\"年\"m\"月\";@"))
        XCTAssertFalse(Workbook.showsDate(formatID: 178, code: "0\"床\""))
        XCTAssertFalse(Workbook.showsDate(formatID: 179, code: "[Red]#,##0.00"))
        XCTAssertFalse(Workbook.showsDate(formatID: 0, code: nil))
        XCTAssertEqual(XMLTree.unescaped("第一行_x000D_第二行_x005F_x"), "第一行\r第二行_x")
    }

    /// Export to .xlsx and import back: every row unchanged, codes kept as text, text that
    /// starts with = kept as text (a workbook's text cell is never a formula), the same bytes twice.
    func testAnExportedWorkbookImportsBackUnchangedAndIsTheSameEachTime() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET address = '=SUM(A1:A2) & <b>_x0041_' WHERE id = '\(Sample.fushou)'")
        let first = try TableExporter.export(database: db, table: "机构名录", to: ws.path("机构.xlsx"))
        XCTAssertEqual(first.rows, 4)
        _ = try TableExporter.export(database: db, table: "institutions", to: ws.path("again.xlsx"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ws.path("机构.xlsx"))), try Data(contentsOf: URL(fileURLWithPath: ws.path("again.xlsx"))))
        let book = try Workbook(path: ws.path("机构.xlsx"), file: "机构.xlsx")
        XCTAssertEqual(book.sheets.map(\.name), ["机构名录"])
        let records = try book.records(of: book.sheets[0])
        XCTAssertEqual(records.first?.fields.prefix(3), ["统一社会信用代码", "机构名称", "行政区划代码"])
        let fushou = try XCTUnwrap(records.first { $0.fields.first == Sample.fushou })
        XCTAssertEqual(fushou.fields[2], "141021")
        XCTAssertEqual(fushou.fields[5], "=SUM(A1:A2) & <b>_x0041_", "escaped for XML and for Office's _xHHHH_, read back as typed")
        XCTAssertEqual(fushou.fields[18], "是")
        let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("机构.xlsx"))
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 0, 4])
        XCTAssertThrowsError(try TableExporter.export(database: db, table: "institutions", to: ws.path("旧.xls")))
    }

    /// A sheet of several megabytes (its rows go through a file, a megabyte at a time, and the
    /// archive reads them back in its own pieces) holds every row, in order, as exported.
    func testALargeExportedSheetReadsBackRowForRow() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("""
            WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
            INSERT INTO services (id, seq, target_group, name, content, type, department, local_addition, region_code)
            SELECT 'S' || i, i, '老年人' || i, '服务' || i, replace(hex(zeroblob(100)), '0', '内') || i, 'material', '市民政局', 0, '141000' FROM n
            """)
        let export = try TableExporter.export(database: db, table: "services", to: ws.path("清单.xlsx"))
        XCTAssertEqual(export.rows, 3000)
        let book = try Workbook(path: ws.path("清单.xlsx"), file: "清单.xlsx")
        let records = try book.records(of: book.sheets[0])
        XCTAssertEqual(records.count, 3001, "the header and every row")
        // In the order of the key, as text: S1, S10, S100, S1000, S1001 …
        XCTAssertEqual(records.dropFirst().map { $0.fields[0] }, (1...3000).map { "S\($0)" }.sorted())
        let last = try XCTUnwrap(records.first { $0.fields.first == "S3000" })
        XCTAssertEqual(last.fields.prefix(4), ["S3000", "3000", "老年人3000", "服务3000"])
        XCTAssertEqual(last.fields[4], String(repeating: "内", count: 200) + "3000")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("清单.xlsx"))
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 0, 3000])
    }

    /// A folder for `load` may hold a table as a workbook (机构名录.xlsx); Excel's lock file
    /// beside an open workbook (~$机构名录.xlsx) is not taken for a table; two files for one table are refused.
    func testAFolderMayHoldWorkbooks() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let folder = try ws.writeCSV(folder: "csv")
        try FileManager.default.removeItem(atPath: folder + "/institutions.csv")
        try TableExporter.export(database: db, table: "institutions", to: folder + "/机构名录.xlsx")
        try Data("lock".utf8).write(to: URL(fileURLWithPath: folder + "/~$机构名录.xlsx"))
        let counts = try DatabaseLoader.load(directory: folder, into: ws.path("loaded.sqlite"))
        XCTAssertEqual(counts.first { $0.table == "institutions" }?.rows, 4)
        try TableExporter.export(database: db, table: "institutions", to: folder + "/institutions.csv")
        XCTAssertThrowsError(try DatabaseLoader.load(directory: folder, into: ws.path("again.sqlite"))) { error in
            XCTAssertTrue("\(error)".contains("or a second one for the same table"), "\(error)")
        }
    }

    /// The sheet's XML as any writer may lay it out: entities and character references,
    /// CDATA, comments, empty cells written `<c/>`, single quotes, CR LF line ends.
    func testTheSheetReaderTakesTheXMLThatWritersProduce() throws {
        let ws = try Workspace(self)
        let rows = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#x20BB7;&#26159;</t></is></c><!-- a comment --><c r='B1' t='inlineStr'><is><t><![CDATA[<x> & y]]></t></is></c><c r="C1"/><c r="D1"><v>7</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">第一行\r\n第二行</t></is></c><c r="C3" t="e"><v>#N/A</v></c></row>
            """
        let file = try workbook(ws, "x.xlsx", sheets: [("表", rows, false)])
        let book = try Workbook(path: file, file: "x.xlsx")
        let records = try book.records(of: book.sheets[0])
        XCTAssertEqual(records.map(\.row), [1, 3])
        XCTAssertEqual(records[0].fields, ["a & b <c> 𠮷是", "<x> & y", "", "7"])
        XCTAssertEqual(records[1].fields, ["第一行\n第二行", "", "#N/A", ""])
        let broken = try workbook(ws, "y.xlsx", sheets: [("表", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>", false)])
        let bad = try Workbook(path: broken, file: "y.xlsx")
        XCTAssertThrowsError(try bad.records(of: bad.sheets[0])) { XCTAssertTrue("\($0)".contains("unknown entity &nbsp;"), "\($0)") }
    }

    func testColumnNamesAndEscapes() {
        XCTAssertEqual([0, 25, 26, 27, 701, 702].map(WorkbookWriter.columnName), ["A", "Z", "AA", "AB", "ZZ", "AAA"])
        XCTAssertEqual(WorkbookWriter.escaped("a\u{1}b"), "a_x0001_b")
        XCTAssertEqual(XMLTree.unescaped(WorkbookWriter.escaped("a\u{1}b_x00FF_c")), "a\u{1}b_x00FF_c")
        XCTAssertEqual(WorkbookWriter.sheetTitle("a/b:c"), "a_b_c")
    }

    func stored(_ db: String) throws -> (beds: Int, name: String, opened: String) {
        let s = try Database(path: db, mode: .readOnly).prepare("SELECT beds_total, name, opened_on FROM institutions WHERE id = ?")
        try s.bind([.text(Sample.fushou)])
        XCTAssertTrue(try s.step())
        return (s.int(0), s.string(1), s.string(2))
    }
}
