import Foundation
import XCTest
@testable import YanglaoStore
import YanglaoValidation

/// The message of importing `text` into `table`, which must be refused (a test failure if it is not).
func refusedImport(_ table: String, _ text: String, in ws: Workspace, db: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    try ws.write(text, to: "x.csv")
    do {
        _ = try TableImporter.run(database: db, table: table, file: ws.path("x.csv"))
        XCTFail("the import should have been refused", file: file, line: line)
        return ""
    } catch { return "\(error)" }
}

/// What a county's spreadsheet looks like after a clerk has worked on it in Excel or WPS
/// (Chinese column names, row numbers, notes under the table, codes turned into numbers),
/// and what the import report must name so that an unintended edit is seen before it is published.
final class SpreadsheetHabitsTests: XCTestCase {
    /// A date before the one it follows is said in Chinese as that, not as a date to retype.
    func testADateBeforeTheOneItFollowsIsSaidSoInChinese() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        do {
            try ws.write("id,institution_id,level,score,rated_on,valid_until,assessor,document_no,withdrawn_on\nR7,\(Sample.fushou),3,,2024-03-01,2023-01-01,a,b,\n", to: "r.csv")
            _ = try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv"))
            XCTFail("refused")
        } catch let e as StoreError {
            // A file with the stored column names gets their Chinese names beside them.
            XCTAssertTrue(e.withChinese.contains("第 2 行“valid_until（有效期至）”的“2023-01-01”早于“评定日期”，日期先后颠倒了，请核对这两格"), e.withChinese)
        }
    }

    /// A count far past any real one is said in Chinese as that, not pointed to the English line.
    func testACountFarTooLargeIsSaidInChinese() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        var cells = Sample.row("institutions", Sample.fushou).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[Sample.header("institutions").split(separator: ",").firstIndex(of: "beds_total")!] = "999999"
        try ws.write(Sample.header("institutions") + "\n" + cells.joined(separator: ",") + "\n", to: "i.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"), extra: Validator.importRules)) { error in
            let said = (error as? StoreError)?.withChinese ?? ""
            XCTAssertTrue(said.contains("第 2 行“beds_total（床位数）”的“999999”不符合要求，应填不超过 20000 的数：这个数大得不合理"), said)
            XCTAssertFalse(said.contains("原因见"), said)
        }
    }

    /// The shape Excel gives a long number in a General cell (1.21410E+17), matched without a regex.
    func testExcelScientificShape() {
        for (cell, shaped) in [("1.21410E+17", true), ("1E5", true), ("1.2e+5", true), ("5.2141E17", true), ("12E5", false), ("1.E5", false),
                               ("1.5E", false), ("E5", false), ("1.5E+17x", false), ("", false), ("141002", false), ("5214100270T736XE86", false)] {
            XCTAssertEqual(RowChecker.isExcelScientific(cell), shaped, cell)
        }
    }

    /// The sample table's header with each column's first Chinese name (as `yanglao export` writes it).
    func chineseHeader(_ table: String) -> String {
        Sample.header(table).split(separator: ",").map { c in Schema.chineseHeaders[table]!.first { $0.key == String(c) }!.value[0] }
            .joined(separator: ",")
    }

    func failure(_ table: String, _ text: String, in ws: Workspace, db: String) throws -> String {
        try refusedImport(table, text, in: ws, db: db)
    }

    var fushou: String { Sample.row("institutions", Sample.fushou) }

    func testMessagesNameAColumnAsTheFileNamesIt() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let text = chineseHeader("institutions") + "\n" + fushou.replacingOccurrences(of: ",operating,100,", with: ",operating,abc,") + "\n"
        let message = try failure("institutions", text, in: ws, db: db)
        XCTAssertTrue(message.contains("x.csv:2, column 床位数 (beds_total): abc is not valid; expected an integer"), message)
        // An English header is named as before.
        let english = try failure("institutions", Sample.header("institutions") + "\n" + fushou.replacingOccurrences(of: ",operating,100,", with: ",operating,abc,") + "\n",
                                  in: ws, db: db)
        XCTAssertTrue(english.contains("x.csv:2, column beds_total: abc"), english)
    }

    func testRowNumbersAreSkippedAndNotesTotalsAndTitlesAroundTheTableAreNamed() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("序号," + chineseHeader("institutions") + "\n1," + fushou + "\n", to: "n.csv")
        let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("n.csv"))
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 0, 1])
        XCTAssertEqual(report.ignoredColumns, ["序号"])
        let blank = String(repeating: ",", count: 19)
        let note = try failure("institutions", Sample.header("institutions") + "\n" + fushou + "\n" + blank + "\n制表人：张三" + blank + "\n", in: ws, db: db)
        XCTAssertTrue(note.contains("x.csv:4: malformed CSV: “制表人：张三” is a note or a total below the table"), note)
        let total = try failure("institutions", Sample.header("institutions") + "\n" + fushou + "\n合计,,,,,,,,,,,100" + String(repeating: ",", count: 8) + "\n", in: ws, db: db)
        XCTAssertTrue(total.contains("“合计” is a note or a total below the table"), total)
        let title = try failure("institutions", "曲沃县养老机构名录" + blank + "\n" + blank + "\n" + Sample.header("institutions") + "\n" + fushou + "\n", in: ws, db: db)
        XCTAssertTrue(title.contains("the column names are on line 3; the lines above (“曲沃县养老机构名录”) are a title or a form heading"), title)
        // A form's heading of two cells (填报单位 at the left, 填报日期 at the right), Chinese column names below.
        let form = try failure("institutions", "填报单位：曲沃县民政局" + String(repeating: ",", count: 9) + "填报日期：2024年3月5日" + String(repeating: ",", count: 9) + "\n"
                               + chineseHeader("institutions") + "\n" + fushou + "\n", in: ws, db: db)
        XCTAssertTrue(form.contains("x.csv:1: malformed CSV: the column names are on line 2; the line above (“填报单位：曲沃县民政局”) is a title or a form heading"), form)
        XCTAssertFalse(form.contains("missing"), form)
    }

    /// 141021.0 (a number column with a decimal) and '141021 (Excel's text mark) are the code.
    func testCodesAsSpreadsheetsLeaveThemAreReadAsTheCode() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        for written in ["141021.0", "'141021"] {
            try ws.write(Sample.header("institutions") + "\n" + fushou.replacingOccurrences(of: ",141021,", with: ",\(written),") + "\n", to: "c.csv")
            let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("c.csv"))
            XCTAssertEqual(report.unchanged, 1, written)
        }
    }

    func testExcelNumberAndDateFormatsAreNamed() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        for (cell, said) in [("40.00", "without decimals"), ("1.5E+01", "is Excel's scientific format")] {
            let message = try failure("institutions", Sample.header("institutions") + "\n" + fushou.replacingOccurrences(of: ",operating,100,", with: ",operating,\(cell),") + "\n", in: ws, db: db)
            XCTAssertTrue(message.contains("column beds_total: \(cell) is not valid; expected an integer") && message.contains(said), message)
        }
        let weekday = try failure("institutions", Sample.header("institutions") + "\n" + fushou.replacingOccurrences(of: ",2024-12-01", with: ",2024/12/1 星期日") + "\n", in: ws, db: db)
        XCTAssertTrue(weekday.contains("expected a date without the weekday"), weekday)
    }

    /// A facility whose code was corrected in the file is a new row beside the old one: the
    /// report names the new row, the kept one, and the pair.
    func testTheReportNamesNewKeptAndRecodedRows() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let first17 = "52141021MA0K0009"  + "9"
        let code = first17 + String(USCC.checkCharacter(for: first17)!)
        try ws.write(Sample.header("institutions") + "\n" + fushou.replacingOccurrences(of: Sample.fushou, with: code) + "\n", to: "r.csv")
        let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("r.csv"), dryRun: true)
        XCTAssertEqual(report.insertedRows.map(\.key), ["\(code) 曲沃县福寿养老院"])
        XCTAssertEqual(report.insertedRows.map(\.line), [2])
        XCTAssertEqual(report.notInFile, 4)
        XCTAssertTrue(report.keptKeys.contains("\(Sample.fushou) 曲沃县福寿养老院"), "\(report.keptKeys)")
        XCTAssertEqual(report.renamedKeys.map(\.old), [Sample.fushou])
        XCTAssertEqual(report.renamedKeys.map(\.new), [code])
    }

    /// One bed count changed among a dozen date edits is listed, beyond the first ten changes.
    func testAFewRowsChangedInOneColumnAreListedAmongManyOtherChanges() throws {
        let ws = try Workspace(self)
        let rows = (1...12).map { n -> String in
            let first17 = "52141021MA0K1" + String(format: "%04d", n)
            let code = first17 + String(USCC.checkCharacter(for: first17)!)
            return "\(code),曲沃县测试养老院\(n),141021,institution,private,曲沃县,,,,2015-05-01,operating,50,10,,,,,none,0,2024-01-01"
        }
        let db = try ws.database("many.sqlite", ["institutions": Sample.tables["institutions"]! + rows.joined(separator: "\n") + "\n"])
        var edited = rows.map { $0.replacingOccurrences(of: ",2024-01-01", with: ",2024-06-01") }
        edited[11] = edited[11].replacingOccurrences(of: ",operating,50,", with: ",operating,55,")
        try ws.write(Sample.header("institutions") + "\n" + edited.joined(separator: "\n") + "\n", to: "e.csv")
        let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("e.csv"), dryRun: true)
        XCTAssertEqual(report.updated, 12)
        XCTAssertEqual(report.rareChanges.map(\.line), [13])
        XCTAssertEqual(report.rareChanges.first?.fields.map(\.column), ["beds_total", "updated_on"])
    }

    func testATableIsNamedByItsChineseTitleToo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(Sample.header("institutions") + "\n" + fushou + "\n", to: "t.csv")
        let report = try TableImporter.run(database: db, table: "机构名录", file: ws.path("t.csv"))
        XCTAssertEqual(report.table, "institutions")
        XCTAssertEqual(report.unchanged, 1)
    }

    /// `delete` says what it deletes by name, and a name typed for a code is answered with the code.
    func testDeleteNamesItsRowsAndAnswersANameWithItsCode() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let community = "52141022MA0K00004L"
        let report = try RowDeleter.run(database: db, table: "institutions", keys: [community], dryRun: true)
        XCTAssertEqual(report.summary, "1 row(s) of institutions: \(community) 翼城县城东社区日间照料中心")
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "institutions", keys: ["翼城县城东社区日间照料中心"], dryRun: true)) {
            XCTAssertTrue("\($0)".contains("翼城县城东社区日间照料中心 is the name of \(community): give that code"), "\($0)")
        }
    }
}

/// Mistakes an import must not let through: each would publish wrong data without an error.
final class ImportMixUpTests: XCTestCase {
    /// r1 beside the stored R1 would be a second rating, and the facility's current one.
    func testAKeyDifferingOnlyInLetterCaseIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let message = try refusedImport("ratings", Sample.header("ratings") + "\nr1,\(Sample.fushou),4,90,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,\n", in: ws, db: db)
        XCTAssertTrue(message.contains("x.csv:2, column id: r1 differs from the key of another row only in upper and lower case; expected the key exactly as stored (R1)"), message)
        do {
            let count = try Database(path: db, mode: .readOnly).prepare("SELECT count(*) FROM ratings")
            XCTAssertTrue(try count.step())
            XCTAssertEqual(count.int(0), 2, "nothing written")
            count.reset()
        }
        // Two rows of one file that differ so are refused too; the key as stored updates its row.
        let twice = try refusedImport("credit_records", Sample.header("credit_records") + "\n" + Sample.row("credit_records", "C1").replacingOccurrences(of: "C1,", with: "c9,")
                                + "\n" + Sample.row("credit_records", "C1").replacingOccurrences(of: "C1,", with: "C9,") + "\n", in: ws, db: db)
        XCTAssertTrue(twice.contains("x.csv:2, column id: c9 differs") && twice.contains("x.csv:3, column id: C9 differs"), twice)
        try ws.write(Sample.header("ratings") + "\nR1,\(Sample.fushou),4,90,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,\n", to: "ok.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "ratings", file: ws.path("ok.csv")).updated, 1)
    }

    /// A code copied from the next row puts the record on another home: the name beside it says so.
    func testAFacilityNameThatIsNotTheCodesFacilityIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let header = Sample.header("ratings").replacingOccurrences(of: "institution_id,", with: "institution_id,institution_name,")
        let message = try refusedImport("ratings", header + "\nR1,52141022MA0K00003H,曲沃县福寿养老院,3,82.5,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,\n", in: ws, db: db)
        XCTAssertTrue(message.contains("x.csv:2, column institution_name: 曲沃县福寿养老院 is not the facility of the row's code; expected the name of the facility whose code is in institution_id (52141022MA0K00003H is “翼城县康乐养老中心” in the database)"), message)
        // A county's list of credit records names the home as 机构名称.
        let credit = "机构名称," + Sample.header("credit_records") + "\n翼城县康乐养老中心," + Sample.row("credit_records", "C1").replacingOccurrences(of: "C1,", with: "C7,") + "\n"
        let refused = try refusedImport("credit_records", credit, in: ws, db: db)
        XCTAssertTrue(refused.contains("column 机构名称: 翼城县康乐养老中心 is not the facility of the row's code"), refused)
        // A name typed with half-width brackets or a space more is the same name.
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET name = '曲沃县福寿养老院（普通合伙）' WHERE id = '\(Sample.fushou)'")
        try ws.write(credit.replacingOccurrences(of: "\n翼城县康乐养老中心,", with: "\n曲沃县福寿养老院 (普通合伙),").replacingOccurrences(of: "C7,", with: "C8,"), to: "typed.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "credit_records", file: ws.path("typed.csv")).inserted, 1)
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET name = '曲沃县福寿养老院' WHERE id = '\(Sample.fushou)'")
        // The right name passes.
        try ws.write(credit.replacingOccurrences(of: "\n翼城县康乐养老中心,", with: "\n曲沃县福寿养老院,"), to: "ok.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "credit_records", file: ws.path("ok.csv")).inserted, 1)
    }

    /// Excel's scientific format has lost digits: never stored, in text or in decimal columns.
    func testExcelScientificFormatIsRefusedInTextAndDecimalColumns() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let phone = try refusedImport("institutions", Sample.header("institutions") + "\n" + Sample.row("institutions", Sample.fushou).replacingOccurrences(of: ",0357-1111111,", with: ",3.57394E+10,") + "\n", in: ws, db: db)
        XCTAssertTrue(phone.contains("column phone: 3.57394E+10 is not valid; expected the text as typed (3.57394E+10 is Excel's scientific format of a number"), phone)
        let fine = try refusedImport("credit_records", Sample.header("credit_records") + "\n" + Sample.row("credit_records", "C1").replacingOccurrences(of: ",罚款,2000,", with: ",罚款,5.2E+04,") + "\n", in: ws, db: db)
        XCTAssertTrue(fine.contains("column fine_yuan: 5.2E+04 is not valid; expected a number written out (5.2E+04 is Excel's scientific format"), fine)
    }

    /// Messages that say what the clerk did: lower-case letters in a code, the zeros Excel wrote
    /// past 15 digits, a level word the site does not use.
    func testMessagesNameTheSlipBehindABadCodeOrLevel() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let row = Sample.row("institutions", Sample.fushou)
        let lower = try refusedImport("institutions", Sample.header("institutions") + "\n" + row.replacingOccurrences(of: Sample.fushou, with: Sample.fushou.lowercased()) + "\n", in: ws, db: db)
        XCTAssertTrue(lower.contains("expected a unified social credit code with its letters as capitals (\(Sample.fushou))"), lower)
        let cut = try refusedImport("institutions", Sample.header("institutions") + "\n" + row.replacingOccurrences(of: Sample.fushou, with: "121410020999999000") + "\n", in: ws, db: db)
        XCTAssertTrue(cut.contains("the code ends in 000, as when Excel keeps only 15 digits"), cut)
        let level = try refusedImport("ratings", Sample.header("ratings") + "\nR9,\(Sample.fushou),六级,90,2024-03-01,2027-02-28,测试等级评定委员会,测民发〔2024〕3号,\n", in: ws, db: db)
        XCTAssertTrue(level.contains("column level: 六级 is not valid; expected an integer or one of 一级, 二级, 三级, 四级, 五级"), level)
        // A column without a name but with data: found by its letter.
        let header = Sample.header("institutions").replacingOccurrences(of: ",beds_total,", with: ",beds_total,,")
        let empty = try refusedImport("institutions", header + "\n" + row.replacingOccurrences(of: ",operating,100,", with: ",operating,100,9,") + "\n", in: ws, db: db)
        XCTAssertTrue(empty.contains("not columns of this table: (an empty name: column M, which holds data; name it or delete the column)"), empty)
        // Counted as the sheet counts them when a skipped column (序号) comes first.
        let numbered = try refusedImport("institutions", "序号," + header + "\n1," + row.replacingOccurrences(of: ",operating,100,", with: ",operating,100,9,") + "\n", in: ws, db: db)
        XCTAssertTrue(numbered.contains("(an empty name: column N, which holds data"), numbered)
        let day = try refusedImport("meta", "key,value\ndata_as_of,45291\n", in: ws, db: db)
        XCTAssertTrue(day.contains("45291 looks like Excel's day number for 2023-12-31: write 2023-12-31"), day)
        // A column named with its unit: the name is said, and the unit left to the clerk (万元 is not 元).
        let unit = try refusedImport("credit_records", Sample.header("credit_records").replacingOccurrences(of: "fine_yuan", with: "罚款金额（万元）") + "\n" + Sample.row("credit_records", "C1") + "\n", in: ws, db: db)
        XCTAssertTrue(unit.contains("罚款金额（万元） is 罚款金额（元） (fine_yuan) with another unit: name the column 罚款金额（元） and give the values in its unit, （元）"), unit)
        let beds = try refusedImport("institutions", Sample.header("institutions").replacingOccurrences(of: "beds_total", with: "床位数（万张）") + "\n" + row + "\n", in: ws, db: db)
        XCTAssertTrue(beds.contains("床位数（万张） is 床位数 (beds_total) with another unit: name the column 床位数 and give the values in the unit docs/schema.md gives for beds_total"), beds)
        // A web page saved as 机构.xls by another system: said as that, not as a header of tags.
        let page = try refusedImport("institutions", "\u{FEFF}<html><body><table><tr><td>统一社会信用代码</td></tr></table></body></html>", in: ws, db: db)
        XCTAssertTrue(page.contains("this is a web page (HTML) or XML file saved under a spreadsheet's name"), page)
        // The column's own unit in brackets is the column, as spreadsheets head it.
        try ws.write(Sample.header("institutions").replacingOccurrences(of: "beds_total", with: "床位数（张）").replacingOccurrences(of: "residents", with: "入住老年人数(人)")
                     + "\n" + row + "\n", to: "own-unit.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("own-unit.csv"), dryRun: true).unchanged, 1)
    }

    /// A copy of a rating made in another tool (its key retyped) is named by validate.
    func testValidateNamesTwoRatingsOfOneFacilityOnOneDay() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("INSERT INTO ratings SELECT 'r1', institution_id, 4, score, rated_on, valid_until, assessor, document_no, withdrawn_on FROM ratings WHERE id = 'R1'")
        let found = try Validator.validate(DataStore(path: db)).filter { $0.table == "ratings" && $0.column == "rated_on" }
        XCTAssertEqual(found.map(\.severity), [.warning], "\(found)")
        XCTAssertTrue(found.first?.description.contains("one rating of a facility per day (also ") ?? false, "\(found)")
    }
}
