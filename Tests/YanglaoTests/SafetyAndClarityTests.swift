import Foundation
import XCTest
import YanglaoIndicators
import YanglaoOpenData
import YanglaoSite
@testable import YanglaoStore
@testable import YanglaoValidation

/// A build never deletes what is not its own site, and publishes `content/static/` as it is.
final class OutputFolderTests: XCTestCase {
    func testABuildRefusesAFolderThatIsNotASiteAndLeavesItAlone() throws {
        let ws = try Workspace(self)
        try ws.write("年度报告", to: "important/报告.txt")
        let before = try snapshot(ws.path("important"))
        XCTAssertThrowsError(try ws.buildSite(out: "important")) { error in
            guard case BuildError.outputNotASite = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("not a site built by yanglao"), "\(error)")
        }
        XCTAssertEqual(try snapshot(ws.path("important")), before)
        // A file given as the output is refused the same way.
        try ws.write("x", to: "afile")
        XCTAssertThrowsError(try ws.buildSite(out: "afile"))
        XCTAssertEqual(try String(contentsOfFile: ws.path("afile"), encoding: .utf8), "x")
    }

    func testABuildRefusesAnOutputHoldingItsOwnDatabase() throws {
        let ws = try Workspace(self)
        try FileManager.default.createDirectory(atPath: ws.path("here"), withIntermediateDirectories: true)
        let db = try ws.database("here/yanglao.sqlite")
        let size = try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int
        XCTAssertThrowsError(try ws.buildSite(db: db, out: "here")) { error in
            guard case BuildError.inputInsideOutput = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int, size)
        // An empty folder and the site's own folder are fine.
        try FileManager.default.createDirectory(atPath: ws.path("empty"), withIntermediateDirectories: true)
        XCTAssertNoThrow(try ws.buildSite(db: db, out: "empty"))
        XCTAssertNoThrow(try ws.buildSite(db: db, out: "empty"))
    }

    func testStaticFilesArePublishedAsTheyAreAndMayNotHideAPage() throws {
        let ws = try Workspace(self)
        try ws.write("baidu-site-verification", to: "content/static/baidu_verify_abc.html")
        try ws.write("token", to: "content/static/.well-known/security.txt")
        let site = try ws.buildSite()
        XCTAssertEqual(try String(contentsOfFile: site + "/baidu_verify_abc.html", encoding: .utf8), "baidu-site-verification")
        XCTAssertEqual(try String(contentsOfFile: site + "/.well-known/security.txt", encoding: .utf8), "token")
        let before = try snapshot(site)
        try ws.write("<rss/>", to: "content/static/feed.xml")
        XCTAssertThrowsError(try ws.buildSite()) { error in
            guard case BuildError.badStaticFile(let file, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("static/feed.xml"), file)
        }
        XCTAssertEqual(try snapshot(site), before, "a refused build changes nothing")
        // Without regard to case: a server that ignores it would put Data/ over the releases.
        try FileManager.default.removeItem(atPath: ws.path("content/static/feed.xml"))
        try ws.write("x", to: "content/static/Data/releases/2024-12-31/institutions.csv")
        XCTAssertThrowsError(try ws.buildSite()) { error in
            guard case BuildError.badStaticFile(let file, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("static/Data"), file)
        }
    }
}

/// What `yanglao import` reads as Excel on Chinese Windows writes it, and what it refuses.
final class SpreadsheetCellTests: XCTestCase {
    func header(_ table: String) -> String { Sample.header(table) }
    func row(_ table: String, _ id: String) -> String { Sample.row(table, id) }

    func testExcelDatesGroupedNumbersAndFullWidthCodesAreRead() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        var cells = row("institutions", Sample.fushou).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let h = header("institutions").split(separator: ",").map(String.init)
        cells[h.firstIndex(of: "opened_on")!] = "2002/9/7"
        cells[h.firstIndex(of: "updated_on")!] = "2024年10月1日"
        cells[h.firstIndex(of: "beds_total")!] = "\"1,130\""
        cells[h.firstIndex(of: "region_code")!] = "１４１０２１"
        cells[h.firstIndex(of: "phone")!] = "０３５７－５５５１２３４（办公室）"
        try ws.write(header("institutions") + "\n" + cells.joined(separator: ",") + "\n", to: "i.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv")).updated, 1)
        var found: Institution?
        try DataStore(path: db).forEachInstitution { if $0.id == Sample.fushou { found = $0 } }
        let i = try XCTUnwrap(found)
        XCTAssertEqual([i.openedOn, i.updatedOn, i.regionCode], ["2002-09-07", "2024-10-01", Sample.quwo])
        XCTAssertEqual(i.bedsTotal, 1130)
        XCTAssertEqual(i.phone, "0357-5551234(办公室)", "a phone typed with a Chinese input method is stored in digits the page can link")
        // Date columns exported with a midnight time are dates; another time of day is not a date.
        XCTAssertEqual(ISODate(written: "2024/3/5 0:00")?.description, "2024-03-05")
        XCTAssertEqual(ISODate(written: "2024-03-05 00:00:00")?.description, "2024-03-05")
        XCTAssertEqual(ISODate(written: "2024年3月5日")?.description, "2024-03-05")
        XCTAssertNil(ISODate(written: "2024/3/5 9:30"))
        XCTAssertNil(ISODate(written: "2024/2/30"))
    }

    func testTheBuildsRulesOnCodesAndPersonalNumbersApplyAtImport() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try ws.write(header("targets") + "\nnursing_bed_ratio,141000,2028,65,>=,binding,测试\n", to: "t.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "targets", file: ws.path("t.csv"), extra: Validator.importRules)) { error in
            XCTAssertTrue("\(error)".contains("t.csv:2, column indicator: nursing_bed_ratio is not an indicator code") && "\(error)".contains("did you mean nursing_bed_share?"), "\(error)")
        }
        let penalty = Sample.tables["credit_records"]!.split(separator: "\n")[1]
        var fields = penalty.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let reason = header("credit_records").split(separator: ",").firstIndex(of: "reason")!
        fields[reason] = "家属反映（联系人电话 139 1234 5678）"
        try ws.write(header("credit_records") + "\n" + fields.joined(separator: ",") + "\n", to: "c.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "credit_records", file: ws.path("c.csv"), extra: Validator.importRules)) { error in
            XCTAssertTrue("\(error)".contains("c.csv:2, column reason: 家属反映（联系人电话 139 **** 5678） contains what looks like a mobile number"), "\(error)")
            XCTAssertFalse("\(error)".contains("1234"), "the message does not repeat the number")
        }
        XCTAssertEqual(Validator.maskedExcerpt("一二三四五六七八，电话１３９１２３４５６７８"), "一二三四五六七八，电话１３９****５６７８",
                       "Chinese numerals are words, full-width digits are digits")
        // Two spaces between the groups (pasted from a spreadsheet) are read, and masked, as one number.
        XCTAssertEqual(Validator.maskedExcerpt("联系人 139  1234  5678"), "联系人 139  ****  5678")
        for text in ["联系人 139  1234  5678", "电话13912345678", "身份证 110101 19900307 1234"] {
            let shown = PersonalNumbers.maskedExcerpt(text)
            XCTAssertNil(PersonalNumbers.kind(in: shown), "\(text) → \(shown)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    func testChineseWordsForCodesAreReadAsTheCodes() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let cols = header("institutions").split(separator: ",").map(String.init)
        var fields = row("institutions", Sample.fushou).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for (column, word) in [("category", "养老机构"), ("ownership", "公建民营"), ("status", "暂停运营"), ("medical_integration", "签约合作")] {
            fields[cols.firstIndex(of: column)!] = word
        }
        try ws.write(header("institutions") + "\n" + fields.joined(separator: ",") + "\n", to: "i.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv")).updated, 1)
        var found: Institution?
        try DataStore(path: db).forEachInstitution { if $0.id == Sample.fushou { found = $0 } }
        let stored = try XCTUnwrap(found)
        XCTAssertEqual([stored.category, stored.ownership, stored.status, stored.medicalIntegration],
                       ["institution", "public_private", "suspended", "contracted"])
        // A rating's level as the certificate writes it, under headers typed loosely.
        let ratingHeader = " ID ," + header("ratings").dropFirst(3).replacingOccurrences(of: "rated_on", with: "Rated On")
        let rating = Sample.tables["ratings"]!.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let levelAt = header("ratings").split(separator: ",").firstIndex(of: "level")!
        var changed = rating
        changed[levelAt] = "五级"
        try ws.write(ratingHeader + "\n" + changed.joined(separator: ",") + "\n", to: "r.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv")).updated, rating[levelAt] == "5" ? 0 : 1)
        var level: Int?
        try DataStore(path: db).forEachRating { if $0.id == rating[0] { level = $0.level } }
        XCTAssertEqual(level, 5)
    }

    func testOldMacLineEndsAnEmptyLastColumnAndTabsAreHandled() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let rows = [header("services"), "S3,3,全体老年人,健康讲座,每季度一次,care,市卫健委,0,141000"]
        // "CSV (Macintosh)": CR alone between lines, LF inside a cell with a line break.
        let twoLines = "S4,4,全体老年人,上门探访,\"每月\n一次\",care,市民政局,0,141000"
        try ws.write((rows + [twoLines]).joined(separator: "\r") + "\r", to: "mac.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("mac.csv"), dryRun: true).inserted, 2)
        // A column with no name and no values after the last one; rows still numbered as in the sheet.
        try ws.write(rows.map { $0 + "," }.joined(separator: "\n") + "\n", to: "extra.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("extra.csv"), dryRun: true).inserted, 1)
        let bad = "S5,5,全体老年人,助餐,每日,nonsense,市民政局,0,141000"
        try ws.write((rows + [twoLines, bad]).map { $0 + "," }.joined(separator: "\n") + "\n", to: "extra2.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("extra2.csv"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("extra2.csv:4, column type: nonsense"), "\(error)")
        }
        // Tabs instead of commas: said in one line.
        try ws.write(rows.map { $0.replacingOccurrences(of: ",", with: "\t") }.joined(separator: "\n") + "\n", to: "tab.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("tab.csv"))) { error in
            XCTAssertTrue("\(error)".contains("the columns are separated by tabs, not commas"), "\(error)")
        }
    }

    func testProblemsAreNumberedAsTheSpreadsheetNumbersItsRows() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        // Row 2 holds a cell with two line breaks (Alt+Enter); row 4 has a bad type.
        try ws.write(header("services") + "\nS3,3,全体老年人,健康讲座,\"第一行\n第二行\n第三行\",care,市卫健委,0,141000\n"
                     + "S4,4,全体老年人,上门探访,每月一次,care,市民政局,0,141000\nS5,5,全体老年人,助餐,每日,nonsense,市民政局,0,141000\n", to: "s.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("s.csv:4, column type: nonsense"), "\(error)")
        }
    }

    func testACodeExcelTurnedIntoANumberIsExplained() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let row = row("institutions", Sample.fushou).replacingOccurrences(of: Sample.fushou, with: "5.21410E+17")
        try ws.write(header("institutions") + "\n" + row + "\n", to: "i.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"))) { error in
            XCTAssertTrue("\(error)".contains("column id: 5.21410E+17 was turned into a number by Excel") && "\(error)".contains("文本"), "\(error)")
        }
    }

    func testAUTF8FileOpenedAsGBKAndSavedAgainIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        // Excel opened a UTF-8 export as GBK and saved it as GB18030: the UTF-8 bytes of each
        // cell stayed, read now as other characters; one cell typed in Excel is real GB18030.
        var bytes = Array((header("services") + "\nS3,3,全体老年人群,健康讲座,每个季度两回,care,市卫健委,0,141000\n"
                           + "S4,4,高龄老年人群,上门探访服务,每个月份两回,care,").utf8)
        bytes += TextEncoding.iconv(Data("区民政局".utf8), from: "UTF-8", to: "GB18030")!
        bytes += Array(",0,141000\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: ws.path("s.csv")))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"), dryRun: true)) { error in
            XCTAssertTrue("\(error)".contains("garbled") && "\(error)".contains("was “全体老年人群”"), "\(error)")
        }
        // Characters with no GBK reading were saved as "?" and the file saved as UTF-8 this
        // time: most cells still turn back into Chinese, so it is refused all the same.
        try ws.write(header("services") + "\nS3,3,鍏ㄤ綋鑰佸勾浜虹兢,鍋ュ悍璁插骇,姣忓?ｅ害涓?娆?,care,灏ч兘鍖烘皯鏀垮眬,0,141000\n"
                     + "S4,4,楂橀緞鑰佸勾浜?,涓婇棬鎺㈣?挎湇鍔?,姣忔湀涓ゆ??,care,鏇叉矁鍘挎皯鏀垮眬,0,141000\n", to: "lossy.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("lossy.csv"), dryRun: true)) { error in
            XCTAssertTrue("\(error)".contains("garbled") && "\(error)".contains("was “全体老年人群”"), "\(error)")
        }
        // A file really written in GB18030 is read as it is.
        let real = TextEncoding.iconv(Data((header("services") + "\nS3,3,全体老年人群,健康讲座,每个季度两回,care,市卫健委,0,141000\n").utf8),
                                      from: "UTF-8", to: "GB18030")!
        try real.write(to: URL(fileURLWithPath: ws.path("g.csv")))
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("g.csv")).encoding, .gb18030)
    }

    /// One garbled cell in a good file (a row pasted from a misread export) is refused by
    /// itself; no cell of the real sample text is taken for one.
    func testASingleGarbledCellIsRefusedAndRealTextIsNot() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let garbled = String(decoding: TextEncoding.iconv(Data("古县丰沟乡贾窑村".utf8), from: "GB18030", to: "UTF-8")!, as: UTF8.self)
        XCTAssertEqual(garbled, "鍙ゅ幙涓版矡涔¤淳绐戞潙")
        try ws.write(header("services") + "\nS3,3,全体老年人群,健康讲座,每个季度两回,care,市卫健委,0,141000\n"
                     + "S4,4,高龄老年人,上门探访,\(garbled),care,区民政局,0,141000\n", to: "s.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))) { error in
            XCTAssertTrue("\(error)".contains("s.csv:3, column content:") && "\(error)".contains("it reads “古县丰沟乡贾窑村” as it was written"), "\(error)")
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var cells = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: repo.path + "/content/data") where file.hasSuffix(".csv") {
            let text = try String(contentsOfFile: repo.path + "/content/data/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                for cell in line.split(separator: ",") where cell.unicodeScalars.contains(where: { !$0.isASCII }) {
                    cells += 1
                    XCTAssertNil(TextEncoding.misreadCell(String(cell)), "\(file): \(cell)")
                }
            }
        }
        XCTAssertGreaterThan(cells, 2000)
    }

    func testMisreadTextAWrongCheckCharacterAndDatesOutOfOrderNeverGetIn() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let garbled = row("institutions", Sample.fushou).replacingOccurrences(of: "福寿", with: "\u{FFFD}\u{FFFD}")
        let wrongCheck = row("institutions", Sample.kangle).replacingOccurrences(of: Sample.kangle, with: "52141022MA0K00003J")
        try ws.write(header("institutions") + "\n" + garbled + "\n" + wrongCheck + "\n", to: "i.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("i.csv:2, column name:") && text.contains("encoding was misread"), text)
            XCTAssertTrue(text.contains("i.csv:3, column id: 52141022MA0K00003J") && text.contains("check character"), text)
        }
        let twoLines = row("institutions", Sample.fushou).replacingOccurrences(of: "曲沃县福寿养老院", with: "\"曲沃县福寿\n养老院\"")
        try ws.write(header("institutions") + "\n" + twoLines + "\n", to: "n.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("n.csv"))) { error in
            XCTAssertTrue("\(error)".contains("column name:") && "\(error)".contains("a name on one line"), "\(error)")
        }
        // A count of 23 digits is not "not an integer": it is a number from another column.
        let long = row("institutions", Sample.fushou).replacingOccurrences(of: ",100,", with: ",99999999999999999999999,")
        try ws.write(header("institutions") + "\n" + long + "\n", to: "l.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("l.csv"))) { error in
            XCTAssertTrue("\(error)".contains("expected a whole number of at most 18 digits (this one has 23"), "\(error)")
        }
        // A name of nothing a reader sees (the Braille blank, a lone variation selector) is as empty as none.
        let blank = row("institutions", Sample.fushou).replacingOccurrences(of: "曲沃县福寿养老院", with: "\u{2800}\u{FE0F}")
        try ws.write(header("institutions") + "\n" + blank + "\n", to: "b.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("b.csv"))) { error in
            XCTAssertTrue("\(error)".contains("b.csv:2, column name:") && "\(error)".contains("a value a reader can see"), "\(error)")
        }
        let rating = "R9,\(Sample.fushou),3,80,2024-06-01,2024-05-01,委员会,文号,"
        try ws.write(header("ratings") + "\n" + rating + "\n", to: "r.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv"))) { error in
            XCTAssertTrue("\(error)".contains("r.csv:2, column valid_until: 2024-05-01 is before rated_on"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    /// A cell far longer than its column needs (the rest of a file after an unclosed quote, a
    /// document in the wrong column) is refused by import and reported by validate, shown cut short.
    func testTextLongerThanItsColumnAllowsIsRefusedAndShownShort() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let long = String(repeating: "福", count: 101)
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.fushou).replacingOccurrences(of: "曲沃县福寿养老院", with: long) + "\n", to: "l.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("l.csv"))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("l.csv:2, column name:") && text.contains("is too long (101 characters)") && text.contains("at most 100 characters"), text)
            XCTAssertTrue(text.contains(String(repeating: "福", count: 40) + "…（共 101 字）") && !text.contains(String(repeating: "福", count: 41)), text)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        // Cut short after masking: an ID-card number across the cut is never shown in part.
        let id = "11010519491231002X"
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.fushou).replacingOccurrences(of: "曲沃县乐昌镇1号", with: String(repeating: "路", count: 30) + id + String(repeating: "路", count: 200)) + "\n", to: "p.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("p.csv"))) { error in
            XCTAssertFalse("\(error)".contains("1101051949"), "\(error)")
        }
        // A hundred characters is a name; a paragraph column takes a paragraph.
        let hundred = String(repeating: "寿", count: 100)
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.fushou).replacingOccurrences(of: "曲沃县福寿养老院", with: hundred) + "\n", to: "h.csv")
        XCTAssertNoThrow(try TableImporter.run(database: db, table: "institutions", file: ws.path("h.csv")))
        // Written by another tool: validate names the cell, and the build refuses to publish it.
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET address = '\(String(repeating: "路", count: 201))' WHERE id = '\(Sample.fushou)'")
        let findings = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertEqual(findings.map { [$0.table, $0.row, $0.column] }, [["institutions", Sample.fushou, "address"]])
        XCTAssertTrue(findings[0].description.contains("at most 200 characters") && findings[0].description.contains("（共 201 字）"), findings[0].description)
        XCTAssertThrowsError(try ws.buildSite(db: db))
    }

    func testADatabasePathThatIsNoDatabaseIsNamedPlainly() throws {
        let ws = try Workspace(self)
        try ws.write("", to: "empty.sqlite")
        XCTAssertThrowsError(try DataStore(path: ws.path("empty.sqlite"))) { XCTAssertTrue("\($0)".contains("the file is empty (0 bytes)"), "\($0)") }
        try ws.write("id,name\n", to: "sheet.sqlite")
        XCTAssertThrowsError(try DataStore(path: ws.path("sheet.sqlite"))) { XCTAssertTrue("\($0)".contains("not a SQLite database"), "\($0)") }
        XCTAssertThrowsError(try DataStore(path: ws.path(""))) { XCTAssertTrue("\($0)".contains("it is a folder"), "\($0)") }
    }
}

/// Rules the validator adds so that an empty or careless database cannot publish.
final class PublishingGuardTests: XCTestCase {
    func testAFacilityNameOrAddressWithAMobileNumberStopsTheBuild() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute(
            "UPDATE institutions SET address = '曲沃县城关镇（联系人手机 138.1234.5678）' WHERE id = '\(Sample.fushou)'")
        let findings = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        // The cell is found by the text around the number; the number itself is never printed.
        XCTAssertEqual(findings.map { [$0.table, $0.row, $0.column, $0.value] },
                       [["institutions", Sample.fushou, "address", "曲沃县城关镇（联系人手机 138.****.5678）"]])
        XCTAssertFalse(findings[0].description.contains("1234"))
        XCTAssertThrowsError(try ws.buildSite(db: db))
    }

    /// A phone number pasted into a number column would swamp every total: validation stops it.
    func testCountsNoFacilityHasAreErrors() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute(
            "UPDATE institutions SET beds_total = 13912345678, beds_nursing = 0, caregivers = 110101199003071234 WHERE id = '\(Sample.fushou)'")
        let errors = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error && $0.row == Sample.fushou }
        XCTAssertEqual(Set(errors.map(\.column)), ["beds_total", "caregivers"], "\(errors)")
        XCTAssertTrue(errors.allSatisfy { !$0.description.contains("13912345678") && !$0.description.contains("110101199003071234") }, "\(errors)")
        // The build stops with the findings (it computes indicators beside validation: no overflow first).
        XCTAssertThrowsError(try ws.buildSite(db: db)) { error in
            XCTAssertTrue("\(error)".contains("beds_total = 139****5678: expected a count of at most 20000"), "\(error)")
        }
        XCTAssertEqual(Rounding.format(1.1e21, decimals: 2), "1100000000000000000000.00")
    }

    /// What an import says about a date cell fits what the cell holds.
    func testDateMessagesSayWhatIsWrong() {
        XCTAssertEqual(RowChecker.dateExpectation("2024-02-30"), "a day that exists (the month has fewer days, or the month is above 12)")
        XCTAssertTrue(RowChecker.dateExpectation("45473").contains("45473 looks like Excel's day number for 2024-06-30"))
        XCTAssertTrue(RowChecker.dateExpectation("下月").hasPrefix("a date YYYY-MM-DD"))
        XCTAssertEqual(RowChecker.dateExpectation("二〇二四年三月五日"), "a date in Arabic digits (2024-03-05 or 2024年3月5日), not Chinese numerals")
        // What Excel saved of a date in a column too narrow for it, and a coordinate as a map writes it.
        XCTAssertTrue(RowChecker.dateExpectation("########").contains("widen the column"))
        XCTAssertTrue(StoreError.chineseExpectation(RowChecker.dateExpectation("########"))!.contains("把这一列拉宽"))
        XCTAssertEqual(RowChecker.unitHint("36.059197N"), " in decimal degrees without N, E or ° (36.059197, not 36.059197N; south and west are negative)")
        XCTAssertTrue(RowChecker.unitHint("111.5°").contains("(111.5, not 111.5°"))
        XCTAssertTrue(RowChecker.unitHint("36.1S").contains("(-36.1, not 36.1S"))
        // A w after a number is 万 as people type it, not west.
        XCTAssertEqual(RowChecker.unitHint("47.7w"), " in full, without 万 or 亿 (50000, not 5万)")
        XCTAssertEqual(RowChecker.unitHint("50张"), " without a unit: 50, not 50张 (the column's unit is given in docs/schema.md)")
        // A year no facility was opened or rated in is a typing slip, not a date.
        for slip in ["0001/1/1", "1899-12-31", "2204-01-01"] {
            XCTAssertNil(RowChecker.isoDate(slip), slip)
            XCTAssertEqual(RowChecker.dateExpectation(slip), "a date between 1900 and 2100 (a mistyped year?)", slip)
        }
        XCTAssertEqual(RowChecker.isoDate("1900/1/1"), "1900-01-01")
        // A number typed with its unit says what to write.
        XCTAssertTrue(RowChecker.unitHint("95%").contains("written 95, not 95%"))
        // In a count column a percentage is the wrong kind of number, not a wrongly written one.
        XCTAssertEqual(RowChecker.unitHint("50%", count: true), " (a whole number such as a count of beds or people, not a percentage)")
        XCTAssertTrue(RowChecker.unitHint("0.5万").contains("without 万"))
        XCTAssertTrue(RowChecker.unitHint("5000元").contains("without a unit: 5000, not 5000元"))
        // A phone number with a name in a count column is neither echoed nor offered as the number to type.
        let misplaced = RowChecker.unitHint("13812345678王小明", count: true)
        XCTAssertFalse(misplaced.contains("1234"), misplaced)
        XCTAssertTrue(misplaced.contains("is this the right column?"), misplaced)
        // The Chinese line follows the English: a fixed limit is not "another cell".
        let limit = StoreError.invalidCell(file: "i.csv", line: 3, column: "床位数 (beds_total)", value: "999999", expected: "at most 20000", problem: "is more than 20000")
        XCTAssertFalse(limit.chinese?.contains("请核对这两格") ?? true, "\(String(describing: limit.chinese))")
        let pair = StoreError.invalidCell(file: "i.csv", line: 3, column: "护理型床位数 (beds_nursing)", value: "90", expected: "0 … beds_total", problem: "is more than beds_total (80)")
        XCTAssertEqual(pair.chinese, "第 3 行“护理型床位数”的“90”大于“床位数”，不能超过它，请核对这两格")
        let sameFile = StoreError.missingParent(file: "r.csv", line: 4, column: "parent_code", value: "149900", parent: "regions", from: .sameFile)
        XCTAssertTrue(sameFile.chinese?.hasSuffix("请在本文件中补上它所指的那一行") == true, "\(String(describing: sameFile.chinese))")
        XCTAssertEqual(RowChecker.unitHint("十"), "")
        XCTAssertTrue("\(StoreError.unknownTable("content/data/institutions.csv"))".contains("the table name comes first"))
        let leak = StoreError.missingParent(file: "s.csv", line: 2, column: "region_code", value: "13912345678", parent: "regions", from: .imported)
        XCTAssertFalse("\(leak)".contains("1234"), "\(leak)")
    }

    /// A personal number in a cell that breaks another rule too (Word's line break in a
    /// name) is masked in that rule's message as well, at import and in validation.
    func testNoMessageEchoesAPersonalNumberWhateverRuleTheCellBreaks() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let cols = Sample.header("institutions").split(separator: ",").map(String.init)
        var fields = Sample.row("institutions", Sample.fushou).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[cols.firstIndex(of: "name")!] = "福寿院 13912345678\u{0B}"
        try ws.write(Sample.header("institutions") + "\n" + fields.joined(separator: ",") + "\n", to: "i.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"), extra: Validator.importRules)) { error in
            XCTAssertTrue("\(error)".contains("i.csv:2, column name: 福寿院 139****5678"), "\(error)")
            XCTAssertFalse("\(error)".contains("1234"), "\(error)")
        }
        try Database(path: db, mode: .readWriteCreate).execute(
            "UPDATE institutions SET name = '福寿院 13912345678' || char(11) WHERE id = '\(Sample.fushou)'")
        let findings = try Validator.validate(DataStore(path: db))
        XCTAssertGreaterThanOrEqual(findings.filter { $0.row == Sample.fushou && $0.column == "name" }.count, 2, "\(findings)")
        for f in findings {
            XCTAssertFalse(f.description.contains("1234"), f.description)
            XCTAssertFalse(f.jsonFields.contains { $0.1.contains("1234") }, f.description)
        }
    }

    func testADatabaseWithoutRegionsIsAnError() throws {
        let ws = try Workspace(self)
        let db = ws.path("empty.sqlite")
        try DatabaseLoader.initialize(path: db)
        let findings = try Validator.validate(DataStore(path: db))
        XCTAssertTrue(findings.contains { $0.severity == .error && $0.table == "regions" }, "\(findings)")
        XCTAssertTrue(findings.contains { $0.severity == .warning && $0.table == "institutions" }, "\(findings)")
    }
}

/// What a journalist needs to read the published numbers correctly.
final class PublishedNumbersTests: XCTestCase {
    /// A target whose year the document does not give is written as the plan period's end on
    /// the pages, and flagged false in the data: a reader can tell a deadline the document set
    /// from one the publisher inferred.
    func testATargetYearTheDocumentDoesNotGiveIsSaidToBeThePlanPeriodsEnd() throws {
        let ws = try Workspace(self)
        let targets = """
            indicator,region_code,year,value,comparator,binding,source,year_stated
            nursing_bed_share,141000,2025,55,>=,binding,测试规划 表一,是
            beds_total,141021,2028,300,>=,unstated,测试规划 附件1,否
            beds_total,141021,2024,100000,>=,unstated,测试规划 附件1,否

            """
        let site = try ws.buildSite(db: try ws.database("db.sqlite", ["targets": targets]))
        let indicator = try String(contentsOfFile: site + "/indicators/beds_total/index.html", encoding: .utf8)
        XCTAssertTrue(indicator.contains("规划期末（2028 年） ≥"), indicator)
        // Said under the table where the words appear, and beside a 未达到 judged on that chosen year.
        XCTAssertTrue(indicator.contains("目标年份写作“规划期末（××年）”的，是文件没有写年份"), indicator)
        XCTAssertTrue(indicator.contains("规划期末（2024 年） ≥ 100,000 <span class=\"badge missed\">✗ 未达到（已过目标年）</span>"), indicator)
        XCTAssertTrue(indicator.contains("（文件没有写目标年份，按规划期末判断）"), indicator)
        XCTAssertEqual(indicator.components(separatedBy: "按规划期末判断）").count - 1, 1, "beside the missed one only")
        let share = try String(contentsOfFile: site + "/indicators/nursing_bed_share/index.html", encoding: .utf8)
        XCTAssertTrue(share.contains("2025 年 ≥"), "a stated year is written as it is")
        XCTAssertFalse(share.contains("规划期末") || share.contains("文件没有写年份"))
        // Explained where the words appear: the county's page and the indicators' index.
        let county = try String(contentsOfFile: site + "/regions/141021/index.html", encoding: .utf8)
        XCTAssertTrue(county.contains("规划期末（2028 年） ≥ 300") && county.contains("写作“规划期末”的，文件没有写年份"), county)
        let index = try String(contentsOfFile: site + "/indicators/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("是文件没有写年份（多为附表只列目标数），本站按规划期的最后一年判断"), index)
        let other = try String(contentsOfFile: site + "/regions/141022/index.html", encoding: .utf8)
        XCTAssertFalse(other.contains("规划期末"), "a county without such a target says nothing of it")
        let rows = try String(contentsOfFile: site + "/data/indicators.csv", encoding: .utf8).split(separator: "\r\n")
        let head = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        let column = try XCTUnwrap(head.firstIndex(of: "target_year_stated"))
        func cell(_ prefix: String) throws -> Substring {
            let row = try XCTUnwrap(rows.first { $0.hasPrefix(prefix) }, prefix)
            return row.split(separator: ",", omittingEmptySubsequences: false)[column]
        }
        XCTAssertEqual(try cell("beds_total,养老机构床位数,141021,"), "false")
        XCTAssertEqual(try cell("nursing_bed_share,护理型床位占比,141000,"), "true")
        XCTAssertEqual(try cell("beds_total,养老机构床位数,141022,"), "", "no target, no flag")
        let excel = try String(contentsOfFile: site + "/data/indicators-excel.csv", encoding: .utf8)
        XCTAssertTrue(excel.contains("文件注明目标年份"), "the Excel file names the column in Chinese")
    }

    func testDataSayWhereEachValueComesFromAndFacilitiesThatCannotBeRatedHaveNoRatingState() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        let indicators = try String(contentsOfFile: site + "/data/indicators.csv", encoding: .utf8)
        let head = indicators.split(separator: "\r\n")[0].split(separator: ",").map(String.init)
        XCTAssertEqual(Array(head[9...]), ["value_source", "value_qualifier", "statistics_year", "statistics_kind",
                                           "target", "target_year", "target_year_stated", "comparator", "binding", "status", "source", "data_as_of"])
        XCTAssertTrue(indicators.contains("本站计算；60岁及以上人口：2025 年预测数（测试规划附件2）"), "the projection used is named")
        // …and can be filtered on: the statistics' year and kind in columns of their own.
        XCTAssertTrue(indicators.contains("本站计算；60岁及以上人口：2025 年预测数（测试规划附件2）,,2025,projection"), indicators)
        // A value counted from records alone uses no statistics.
        let counted = try XCTUnwrap(indicators.split(separator: "\r\n").first { $0.hasPrefix("beds_total,") && $0.contains(",141021,") })
        XCTAssertTrue(counted.contains(",本站计算,,,,"), String(counted))
        let institutions = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/data/institutions.json"))) as? [[String: Any]]
        let community = try XCTUnwrap(institutions?.first { $0["id"] as? String == Sample.chengdong })
        XCTAssertTrue(community["rating_state"] is NSNull, "\(community)")
        let credit = try String(contentsOfFile: site + "/credit/index.html", encoding: .utf8)
        XCTAssertTrue(credit.contains("<h2 id=\"pledges\">信用承诺</h2>"), "pledges are counted on the credit page")
    }

    func testAFigureThePlanPublishedIsShownBesideTheComputedOne() throws {
        let ws = try Workspace(self)
        let observations = "indicator,region_code,year,value,source\nnursing_bed_share,141000,2024,23.8,测试规划 一(二)\n"
        let site = try ws.buildSite(db: try ws.database("o.sqlite", ["observations": observations]))
        let page = try String(contentsOfFile: site + "/indicators/nursing_bed_share/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<h2>文件公布的数值</h2>"), page)
        XCTAssertTrue(page.contains("临汾市 2024 年：23.8%（测试规划 一(二)）；本站按机构名录计算为 "), page)
    }
}

/// A correction published under the same date is a change of the next release.
final class CorrectionTests: XCTestCase {
    func testTheNextReleaseComparesWithTheReleaseAsArchived() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        // The same date again, with one facility's beds corrected: the release stays as it was.
        let line = Sample.tables["institutions"]!.split(separator: "\n").first { $0.hasPrefix(Sample.fushou + ",") }!
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let before = fields[11] // beds_total
        fields[11] = String(Int(before)! + 10)
        let corrected = replacingRow("institutions", id: Sample.fushou, with: fields.joined(separator: ","))
        let correction = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": corrected]),
                                                          content: content, output: out))
        XCTAssertTrue(correction.warnings.contains { $0.contains(" — release 2024-12-31 keeps the files first published under this data date") }, "\(correction.warnings)")
        // Half a year later, nothing else changed: the correction is what changed since the archived release.
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["institutions": corrected, "meta": meta]),
                                         content: content, output: out))
        let changes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/releases/2025-06-30/changes.json"))) as! [String: Any]
        let changed = (changes["institutions"] as! [String: Any])["changed"] as! [[String: Any]]
        XCTAssertEqual(changed.map { $0["id"] as! String }, [Sample.fushou])
        let beds = (changed[0]["fields"] as! [[String: Any]]).first { $0["field"] as? String == "beds_total" }
        XCTAssertEqual((beds?["from"] as? NSNumber)?.intValue, Int(before))
    }
}

/// A release is for good: the build says when it adds one and refuses a data date far ahead.
final class ReleaseDateTests: XCTestCase {
    func testANewReleaseIsAnnouncedAndAMistypedFutureDateIsRefused() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        let first = try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        XCTAssertEqual(first.newRelease, "2024-12-31")
        XCTAssertNil(try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out)).newRelease)
        let before = try snapshot(out)
        let future = ISODate.today.adding(days: 400).description
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: future)
        // Import refuses it…
        XCTAssertThrowsError(try ws.database("c.sqlite", ["meta": meta])) { error in
            XCTAssertTrue("\(error)".contains("\(future) is not valid; expected the date the data were taken, at the latest "), "\(error)")
        }
        // …and so does the build, when another tool wrote it.
        let b = try ws.database("b.sqlite")
        try Database(path: b, mode: .readWriteCreate).execute("UPDATE meta SET value = '\(future)' WHERE key = 'data_as_of'")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: b, content: content, output: out))) { error in
            guard case BuildError.dataDateInTheFuture(let date, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(date, future)
        }
        XCTAssertEqual(try snapshot(out), before)
        // validate says so too: a clean report means the build runs.
        let findings = try Validator.validate(DataStore(path: ws.path("b.sqlite")))
        XCTAssertTrue(findings.contains { $0.severity == .error && $0.table == "meta" && $0.row == "data_as_of" && $0.value == future }, "\(findings)")
    }
}

/// The wrong database (a test one, a half-filled one) does not empty the live site.
final class ShrinkingSiteTests: XCTestCase {
    func testABuildThatWouldRemoveMostFacilitiesNeedsToBeToldSo() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        // 24 facilities published…
        var many = Sample.tables["institutions"]!
        let template = many.split(separator: "\n").first { $0.hasPrefix(Sample.fushou + ",") }!
        for n in 0..<20 {
            let first17 = "52141021MA0K1" + String(n + 1000)
            let id = first17 + String(USCC.checkCharacter(for: first17)!)
            many += template.replacingOccurrences(of: Sample.fushou, with: id).replacingOccurrences(of: "福寿养老院", with: "福寿养老院\(n)分院") + "\n"
        }
        try Publisher.build(BuildOptions(database: try ws.database("many.sqlite", ["institutions": many]), content: content, output: out))
        let before = try snapshot(out)
        // …then a database with four.
        let few = try ws.database("few.sqlite")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: few, content: content, output: out))) { error in
            guard case BuildError.mostFacilitiesGone(let published, let now, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([published, now], [24, 4])
        }
        XCTAssertEqual(try snapshot(out), before)
        XCTAssertNoThrow(try Publisher.build(BuildOptions(database: few, content: content, output: out, allowRemovals: true)))
    }
}

/// `yanglao delete`: a mistaken row goes without replacing a whole table.
final class RowDeleterTests: XCTestCase {
    func testARowReferredToStaysUnlessItsDependentsGoToo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "institutions", keys: [Sample.fushou])) { error in
            // Every table still pointing at the facility is named at once, not one per attempt.
            XCTAssertTrue("\(error)".contains("refer to the rows of institutions to delete") && "\(error)".contains("of credit_records (")
                          && "\(error)".contains("of ratings ("), "\(error)")
            // A closed facility is not deleted: its penalties must stay public. Said first, and in Chinese.
            XCTAssertTrue("\(error)".hasPrefix("A facility that closed or stopped keeps its page"), "\(error)")
            XCTAssertTrue("\(error)".contains("set its status to closed (已关闭) or suspended (暂停运营) with `yanglao import` instead"), "\(error)")
            XCTAssertTrue("\(error)".contains("（机构关闭或停业请把状态改为“已关闭”或“暂停运营”，不要删除；只有录入错误的机构才删除。"), "\(error)")
            // The Chinese line names the tables and the way out, as the English does.
            XCTAssertTrue("\(error)".contains("信用记录中有 ") && "\(error)".contains("等级评定中有 "), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix("引用了要删除的行：请先删除那些行，或加 --with-dependents 一并删除。本次没有删除任何数据。）"), "\(error)")
        }
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "institutions", keys: ["52141021MA0K0000XX"])) { error in
            XCTAssertTrue("\(error)".contains("has no row with id 52141021MA0K0000XX"), "\(error)")
        }
        let dry = try RowDeleter.run(database: db, table: "institutions", keys: [Sample.fushou], withDependents: true, dryRun: true)
        XCTAssertTrue(dry.dryRun)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "failed and dry runs change nothing")
        let report = try RowDeleter.run(database: db, table: "institutions", keys: [Sample.fushou], withDependents: true)
        XCTAssertEqual(report.deleted, 1)
        XCTAssertFalse(report.dependents.isEmpty)
        var ids: [String] = []
        try DataStore(path: db).forEachInstitution { ids.append($0.id) }
        XCTAssertFalse(ids.contains(Sample.fushou))
        XCTAssertTrue(try DataStore(path: db).ratings(of: Sample.fushou).isEmpty)
        XCTAssertEqual(try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }, [])
    }

    func testTablesKeyedBySeveralColumnsAreChangedByImport() throws {
        let ws = try Workspace(self)
        XCTAssertThrowsError(try RowDeleter.run(database: try ws.database(), table: "targets", keys: ["x"])) { error in
            guard case RowDeleter.Problem.compositeKey = error else { return XCTFail("\(error)") }
        }
    }
}

/// Real data published without its address cite themselves by paths alone: the build says so.
final class AddressWarningTests: XCTestCase {
    func testRealDataWithoutASiteAddressGetAWarning() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let real = Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")
        let warned = try Publisher.build(BuildOptions(database: try ws.database("a.sqlite", ["meta": real]), content: content, output: ws.path("a")))
        XCTAssertEqual(warned.warnings.filter { $0.contains("public address is not known") }.count, 1, "\(warned.warnings)")
        let withURL = real + "site_url,https://mzj.example.gov.cn\n"
        let quiet = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": withURL]), content: content, output: ws.path("b")))
        XCTAssertFalse(quiet.warnings.contains { $0.contains("public address") }, "\(quiet.warnings)")
        let citation = try String(contentsOfFile: ws.path("b/data/catalog.jsonld"), encoding: .utf8)
        XCTAssertTrue(citation.contains("https://mzj.example.gov.cn/data/"), "identifiers carry the host")
        // A map tool opens the GeoJSON away from the site: each facility's link is a full address.
        let geo = try String(contentsOfFile: ws.path("b/data/institutions.geojson"), encoding: .utf8)
        XCTAssertTrue(geo.contains("\"url\":\"https://mzj.example.gov.cn/institutions/"), String(geo.prefix(600)))
    }
}

/// Second look at this round's guards: what they accept as well as what they refuse.
final class GuardEdgeTests: XCTestCase {
    func testAnEmptyRatingStateWhereOlderFilesSaidUnratedIsNoChange() throws {
        let ws = try Workspace(self)
        try ws.write(#"[{"id":"A","name":"日间照料中心","category":"village_daycare","rating_state":"unrated"},{"id":"B","name":"养老院","category":"institution","rating_state":"unrated"}]"#, to: "old.json")
        try ws.write(#"[{"id":"A","name":"日间照料中心","category":"village_daycare","rating_state":null},{"id":"B","name":"养老院","category":"institution","rating_state":null}]"#, to: "new.json")
        let old = try XCTUnwrap(try ChangeSet.rows(jsonFile: ws.path("old.json")))
        let new = try XCTUnwrap(try ChangeSet.rows(jsonFile: ws.path("new.json")))
        let changes = ChangeSet(release: "2025-06-30", previousRelease: "2024-12-31", institutions: (old, new),
                                ratings: ([:], [:]), credit: ([:], [:]))
        XCTAssertEqual(changes.changed.map(\.id), ["B"], "only a care institution's rating state can change to empty")
    }

    /// A closure is named in the summary line (a closed home is the change families ask about).
    func testAClosureIsCountedInTheSummary() throws {
        let ws = try Workspace(self)
        try ws.write(#"[{"id":"A","name":"养老院","status":"operating"},{"id":"B","name":"敬老院","status":"operating","beds_total":30}]"#, to: "old.json")
        try ws.write(#"[{"id":"A","name":"养老院","status":"closed"},{"id":"B","name":"敬老院","status":"operating","beds_total":40}]"#, to: "new.json")
        let changes = ChangeSet(release: "2025-06-30", previousRelease: "2024-12-31",
                                institutions: (try ChangeSet.rows(jsonFile: ws.path("old.json"))!, try ChangeSet.rows(jsonFile: ws.path("new.json"))!),
                                ratings: ([:], [:]), credit: ([:], [:]))
        XCTAssertTrue(changes.summaryZH.hasPrefix("新增机构 0 处，移出名录 0 处，信息变更 2 处（其中关闭 1 处）；"), changes.summaryZH)
        // The build's summary names each changed facility and field, as the Excel file heads and words them.
        XCTAssertEqual(changes.changedLinesZH(), ["养老院（A）：状态 运营中 → 已关闭", "敬老院（B）：床位数 30 → 40"])
        XCTAssertEqual(changes.changedLinesZH(limit: 1), ["养老院（A）：状态 运营中 → 已关闭", "另有 1 处，见网站 data/changes/ 页"])
    }

    /// A rating that lapsed or took effect with nobody editing the facility is counted apart in
    /// the summary, as the change list page lists it apart; levels are said as the pages say them.
    func testRatingChangesByDateAreCountedApartAndLevelsAreWords() throws {
        let ws = try Workspace(self)
        try ws.write(#"[{"id":"A","name":"养老院","rating_level":null,"rating_state":"unrated"},{"id":"B","name":"敬老院","beds_total":30}]"#, to: "old.json")
        try ws.write(#"[{"id":"A","name":"养老院","rating_level":3,"rating_state":"current"},{"id":"B","name":"敬老院","beds_total":40}]"#, to: "new.json")
        let changes = ChangeSet(release: "2025-06-30", previousRelease: "2024-12-31",
                                institutions: (try ChangeSet.rows(jsonFile: ws.path("old.json"))!, try ChangeSet.rows(jsonFile: ws.path("new.json"))!),
                                ratings: ([:], [:]), credit: ([:], [:]))
        XCTAssertTrue(changes.summaryZH.hasPrefix("新增机构 0 处，移出名录 0 处，信息变更 2 处（其中等级状态变化 1 处）；"), changes.summaryZH)
        XCTAssertTrue(changes.changedLinesZH().contains("养老院（A）：当前等级 （空） → 三级；评级状态 未评级 → 有效"), "\(changes.changedLinesZH())")
    }

    /// Releases are compared a line at a time (a national release is gigabytes as objects in
    /// memory): the change list is the one the whole-file comparison gives.
    func testComparingReleasesLineByLineGivesTheSameChangeList() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("a")))
        var institutions = Sample.tables["institutions"]!.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        institutions[1] = institutions[1].replacingOccurrences(of: ",operating,", with: ",suspended,")   // changed
        institutions.remove(at: 2)                                                                        // removed
        let ratings = Sample.tables["ratings"]!.replacingOccurrences(of: "R2,", with: "R7,")             // one new, one gone
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": institutions.joined(separator: "\n"),
                                                                                  "ratings": ratings]),
                                         content: content, output: ws.path("b")))
        func files(_ name: String) -> (old: String, new: String) { (ws.path("a/data/\(name).json"), ws.path("b/data/\(name).json")) }
        let whole = ChangeSet(release: "2025-06-30", previousRelease: "2024-12-31",
                              institutions: (try ChangeSet.rows(jsonFile: files("institutions").old)!, try ChangeSet.rows(jsonFile: files("institutions").new)!),
                              ratings: (try ChangeSet.rows(jsonFile: files("ratings").old)!, try ChangeSet.rows(jsonFile: files("ratings").new)!),
                              credit: (try ChangeSet.rows(jsonFile: files("credit-records").old)!, try ChangeSet.rows(jsonFile: files("credit-records").new)!))
        let lines = try ChangeSet.compare(release: "2025-06-30", previousRelease: "2024-12-31", institutions: files("institutions"),
                                          ratings: files("ratings"), credit: files("credit-records"))
        XCTAssertEqual(lines.json.pretty, whole.json.pretty)
        XCTAssertFalse(lines.changed.isEmpty || lines.removed.isEmpty || lines.newRatings.isEmpty, lines.json.pretty)
        XCTAssertEqual(try ChangeSet.compare(release: "x", previousRelease: nil, institutions: (ws.path("none"), files("institutions").new),
                                             ratings: (ws.path("none"), ws.path("none")), credit: (ws.path("none"), ws.path("none"))).added.count,
                       try ChangeSet.rows(jsonFile: files("institutions").new)!.count, "a missing file is empty: every facility is new")
    }

    func testAFolderWithoutItsManifestButWithTheCatalogueIsStillASite() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        try FileManager.default.removeItem(atPath: site + "/.yanglao-manifest")
        XCTAssertNoThrow(try ws.buildSite())
        try FileManager.default.createDirectory(atPath: ws.path("mac"), withIntermediateDirectories: true)
        try ws.write("", to: "mac/.DS_Store")
        XCTAssertNoThrow(try ws.buildSite(out: "mac"), "desktop litter is not content")
    }

    func testAPagesCheckoutKeepsItsRepositoryWhenTheWholeSiteIsReplaced() throws {
        let ws = try Workspace(self)
        // A new clone of an empty pages branch: only the repository is there.
        try ws.write("ref: refs/heads/gh-pages\n", to: "site/.git/HEAD")
        try ws.write("", to: "content/static/.nojekyll")
        let content = try ws.content()
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/.nojekyll"))
        // A new data date replaces the whole tree; the repository stays.
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": meta]), content: content, output: out))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/data/releases/2025-06-30/SHA256SUMS"))
        XCTAssertEqual(try String(contentsOfFile: out + "/.git/HEAD", encoding: .utf8), "ref: refs/heads/gh-pages\n")
        // A build killed after the swap and before the repository moved over: the next one moves it.
        try FileManager.default.createDirectory(atPath: ws.path(".site.building-99999"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: out + "/.git", toPath: ws.path(".site.building-99999/.git"))
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": meta]), content: content, output: out))
        XCTAssertEqual(try String(contentsOfFile: out + "/.git/HEAD", encoding: .utf8), "ref: refs/heads/gh-pages\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path(".site.building-99999")))
    }

    /// Static files are published as they are: never a database, never text with a personal number.
    func testStaticFilesWithADatabaseOrAPersonalNumberAreRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        try ws.write("值班手机 13912345678", to: "content/static/contact.txt")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("contact.txt") && "\($0)".contains("looks like a mobile number"), "\($0)")
            XCTAssertFalse("\($0)".contains("1234"), "\($0)")
        }
        try FileManager.default.removeItem(atPath: ws.path("content/static/contact.txt"))
        try FileManager.default.createDirectory(atPath: ws.path("content/static/sub"), withIntermediateDirectories: true)
        try FileManager.default.linkItem(atPath: db, toPath: ws.path("content/static/sub/db.bin"))
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("db.bin") && "\($0)".contains("is the database itself"), "\($0)")
        }
        try FileManager.default.removeItem(atPath: ws.path("content/static/sub/db.bin"))
        try FileManager.default.copyItem(atPath: db, toPath: ws.path("content/static/sub/old.dat"))
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("old.dat") && "\($0)".contains("is a SQLite database"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")), "nothing was published")
    }

    /// A staff export of credit records (every record, names unmasked) is never published through
    /// static/: export refuses to write there, and a build refuses one copied in by hand, as CSV or
    /// workbook, renamed, with a title row above. Lists of public things (facilities, meal points) are published.
    func testExportedCreditRecordsNeverGoOutThroughStaticFiles() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        try FileManager.default.createDirectory(atPath: content + "/static", withIntermediateDirectories: true)
        XCTAssertThrowsError(try TableExporter.export(database: db, table: "credit_records", to: content + "/static/信用记录.xlsx")) {
            XCTAssertTrue("\($0)".contains("whose files every build publishes as they are; nothing was written"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: content + "/static/信用记录.xlsx"))
        try TableExporter.export(database: db, table: "credit_records", to: ws.path("x.xlsx"))
        try TableExporter.export(database: db, table: "credit_records", to: ws.path("x.csv"))
        let titled = "信用记录表（内部）\n" + (try String(contentsOfFile: ws.path("x.csv"), encoding: .utf8))
        try ws.write(titled, to: "titled.csv")
        for (name, file) in [("xinyong.xlsx", "x.xlsx"), ("xinyong.csv", "x.csv"), ("notes.txt", "titled.csv")] {
            try FileManager.default.copyItem(atPath: ws.path(file), toPath: content + "/static/" + name)
            XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
                XCTAssertTrue("\($0)".contains(name) && "\($0)".contains("is a table of credit records as the database holds them"), "\($0)")
            }
            try FileManager.default.removeItem(atPath: content + "/static/" + name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")), "nothing was published")
        try TableExporter.export(database: db, table: "institutions", to: content + "/static/../jigou.csv")
        try FileManager.default.moveItem(atPath: content + "/jigou.csv", toPath: content + "/static/jigou.csv")
        try ws.write("名称,地址,电话\n城东助餐点,城东社区,0357-1234567\n", to: "content/static/meal-points.csv")
        try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/meal-points.csv")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/jigou.csv")))
    }

    func testStaticLinksAndHiddenNamesAreRefusedBeforeAnyPageIsWritten() throws {
        let ws = try Workspace(self)
        try ws.write("x", to: "outside.txt")
        try ws.write("x", to: "content/static/ok.txt")
        try FileManager.default.createSymbolicLink(atPath: ws.path("content/static/link.txt"), withDestinationPath: ws.path("outside.txt"))
        XCTAssertThrowsError(try ws.buildSite()) { XCTAssertTrue("\($0)".contains("not links"), "\($0)") }
        try FileManager.default.removeItem(atPath: ws.path("content/static/link.txt"))
        try ws.write("x", to: "content/static/.env")
        XCTAssertThrowsError(try ws.buildSite()) { XCTAssertTrue("\($0)".contains("not starting with '.'"), "\($0)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")), "nothing was published")
    }

    /// Every published text is checked for personal numbers, not only credit records and
    /// facilities: the site's contact, a rating's assessor, a service, a region, a source.
    func testPersonalNumbersAnywhereInPublishedTextStopTheBuild() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("""
            UPDATE meta SET value = '联系人 13912345678' WHERE key = 'contact';
            UPDATE ratings SET assessor = '评定员 139 - 1234 - 5670' WHERE rowid = 1;
            UPDATE services SET content = '咨询（138）1234 5678' WHERE rowid = 1;
            UPDATE regions SET name = '曲沃县13512345678' WHERE code = '\(Sample.quwo)';
            UPDATE targets SET source = '142601198001011236' WHERE rowid = 1;
            """)
        let findings = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertEqual(Set(findings.map(\.table)), ["meta", "ratings", "services", "regions", "targets"], "\(findings)")
        XCTAssertFalse(findings.map(\.description).joined().contains("1234"), "messages never show the number")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("site"))))
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")))
        // The importer refuses them too, naming the line.
        try ws.write("key,value\ncontact,民政局 139-1234-5678\n", to: "meta.csv")
        XCTAssertThrowsError(try TableImporter.run(database: try ws.database("b.sqlite"), table: "meta", file: ws.path("meta.csv"), extra: Validator.importRules)) {
            XCTAssertTrue("\($0)".contains("looks like a mobile number"), "\($0)")
        }
    }

    /// A number is judged as a browser shows it: invisible characters between its digits are
    /// not there, a run of spaces or line breaks is one space, other digit forms are digits.
    func testNumbersThroughOtherSeparatorsAndCheckCharactersAreFound() {
        for text in ["手机139／1234／5678", "139、1234、5678", "139−1234−5678", "139―1234―5678", "139﹣1234﹣5678", "139•1234•5678",
                     "139 ‧ 1234 ‧ 5678", "139＿1234＿5678", "139〜1234〜5678", "139【1234】5678"] {
            XCTAssertEqual(PersonalNumbers.kind(in: text), "a mobile number", text)
        }
        for text in ["身份证11010519491231002×", "身份证11010519491231002χ",
                     // 18 digits followed by an X or × are still read as an ID-card number.
                     "身份证号110101199003071238×2份", "证件号 110101199003071239 x",
                     // An ID-card number after a mobile one is said, not hidden by it.
                     "13912345678 / 110101199003071234", "电话13912345679；身份证110101199003071235"] {
            XCTAssertEqual(PersonalNumbers.kind(in: text), "an ID-card number", text)
        }
        // A landline after a mobile is read on its own, not joined to it into an ID-card number.
        XCTAssertEqual(PersonalNumbers.kind(in: "13812320010 1151234"), "a mobile number")
        // Lists and tables stay what they are.
        for text in ["2019、2020、2021年", "第1、3、5、7、9、11、13条", "| 2024 | 95 | 95 | 95 |", "| 141002 | 1300 | 250 |"] {
            XCTAssertNil(PersonalNumbers.kind(in: text), text)
        }
    }

    func testNumbersHiddenFromTheEyeOfTheCheckButNotOfTheReaderAreFound() {
        for text in ["举报人电话139\u{00AD}1234\u{00AD}5678", "电话139\u{200E}1234\u{FE0F}5678", "139    1234    5678",
                     "139\n1234\n5678", "139_1234_5678", "139：1234：5678", "\u{1D7CF}\u{1D7D1}\u{1D7D7}12345678",
                     "身份证11010519\u{2063}491231002X",
                     // Digits read out in Chinese numerals, mixed with Arabic ones, or dressed as keycaps.
                     "联系电话一三九一二三四五六七八", "幺三九 一二三四 五六七八", "139一二三四5678", "壹叁玖壹贰叁肆伍陆柒捌",
                     "身份证一一〇一〇五一九四九一二三一〇〇二X", "一三九一二三四零五六七",
                     // A Chinese numeral after a number ends it, as any word does.
                     "13912345678一天", "联系人王先生13912345678二十四小时值班", "身份证号142601198001011234三份", "1\u{FE0F}\u{20E3}3\u{FE0F}\u{20E3}9\u{FE0F}\u{20E3}12345678"] {
            XCTAssertNotNil(PersonalNumbers.kind(in: text), text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        // What is not a number stays allowed: a list or an amount with commas, a masked number.
        for text in ["床位 13、250、360、480 张", "投资 13,512,345,678 元", "电话 139****5678",
                     // Chinese numerals in dates, amounts and lists are no number.
                     "二〇二四年一月一日", "一、二、三、四、五、六、七、八、九、十、十一", "壹拾贰万叁仟肆佰伍拾陆元", "王○○、李○○",
                     // 一 typed as the dash of a date range.
                     "2024.01.01一2024.12.31", "2020.06.01一2023.05.31"] {
            XCTAssertNil(PersonalNumbers.kind(in: text), text)
        }
        for c: Unicode.Scalar in ["\u{00AD}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{2063}", "\u{3164}"] {
            XCTAssertEqual(ControlCharacters.first(in: "甲\(c)乙"), c, String(c.value, radix: 16))
        }
        XCTAssertNil(ControlCharacters.first(in: "❤\u{FE0F} 甲乙、「」（）"), "variation selectors and CJK punctuation are text")
    }

    /// Keys are published too (a record's id in its dataset, the feed, the services page), and
    /// a facility's phone may be a mobile but never an ID-card number.
    func testKeysAndPhonesShapedLikePersonalNumbersAreRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("""
            UPDATE ratings SET id = '13912345678' WHERE rowid = 1;
            UPDATE services SET id = '13812345678' WHERE rowid = 1;
            UPDATE institutions SET phone = '110105194912310021' WHERE id = '\(Sample.fushou)';
            """)
        let findings = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertEqual(Set(findings.map { "\($0.table).\($0.column)" }), ["ratings.id", "services.id", "institutions.phone"], "\(findings)")
        XCTAssertEqual(PrivacyGuard.check(CreditRecord(id: "11010519491231002X", institutionID: "x", kind: "penalty", subjectType: "organisation",
                                                       subjectName: "某院", decidedOn: "2024-01-01", authority: "民政局")).map(\.column), ["id"])
    }

    /// Characters lost to a misread encoding (U+FFFD) are refused in every text column, not
    /// only in facilities' names and addresses.
    func testLostCharactersAreRefusedInEveryTextColumn() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("""
            UPDATE credit_records SET reason = '违法\u{FFFD}\u{FFFD}' WHERE rowid = 1;
            UPDATE meta SET value = '民政局\u{FFFD}' WHERE key = 'contact';
            """)
        let found = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error && $0.expected.contains("replacement character") }
        XCTAssertEqual(Set(found.map { "\($0.table).\($0.column)" }), ["credit_records.reason", "meta.value"], "\(found)")
    }

    /// A person's name is masked in the record's other text too, and a subject type the schema
    /// does not know is masked (masking fails closed).
    func testAPersonsNameIsMaskedWhereverTheRecordRepeatsIt() {
        let r = CreditRecord(id: "C1", institutionID: "x", kind: "penalty", subjectType: "person", subjectName: "王小明",
                             decidedOn: "2024-01-01", authority: "民政局", reason: "王小明未按规定建立档案", result: "对王小明处以警告")
        let shown = DisclosurePolicy.publicRecord(r)
        XCTAssertEqual([shown.subjectName, shown.reason, shown.result], ["王*明", "王*明未按规定建立档案", "对王*明处以警告"])
        // A name typed with a space inside (forms pad two-character names) is masked as the name it is.
        var padded = r
        padded.subjectName = "王　明"; padded.reason = "当事人王明未整改，王　明签字"; padded.id = "C2"
        let paddedShown = DisclosurePolicy.publicRecord(padded)
        XCTAssertEqual([paddedShown.subjectName, paddedShown.reason], ["王*", "当事人王*未整改，王*签字"])
        // The text spaces the name out as documents do, whatever the subject field holds.
        for (name, reason, expected) in [("李四", "经查，当事人李 四未按规定", "经查，当事人李*未按规定"),
                                         ("欧阳小明", "欧阳 小明、欧阳　小 明", "欧**明、欧**明"),
                                         ("张三丰", "张三 丰于 2023 年", "张*丰于 2023 年"),
                                         // Parts of a name run together or parted otherwise than in the subject field.
                                         ("阿依古丽·买买提", "阿依古丽买买提、阿依古丽•买买提、阿依古丽·买买提", "阿*****提、阿*****提、阿*****提"),
                                         ("李四", "李·四、李-四", "李*、李*")] {
            var spaced = r
            spaced.subjectName = name; spaced.reason = reason
            XCTAssertEqual(DisclosurePolicy.publicRecord(spaced).reason, expected, name)
        }
        // A role after the name in brackets stays readable; the name is masked, in the text too.
        var role = r
        role.subjectName = "王小明（法定代表人）"; role.reason = "经查，王小明未按规定；王小明（法定代表人）签收"
        let roleShown = DisclosurePolicy.publicRecord(role)
        XCTAssertEqual([roleShown.subjectName, roleShown.reason], ["王*明（法定代表人）", "经查，王*明未按规定；王*明（法定代表人）签收"])
        XCTAssertFalse(RecordRules.check(role, policy: nil).contains { $0.column == "subject_name" }, "a name with its role is a name")
        // Other words in brackets (a former name, a relative) are masked with the name, and said.
        var other = r
        other.subjectName = "张三（曾用名张山峰）"; other.reason = "张三（曾用名张山峰）未按规定"
        let otherShown = DisclosurePolicy.publicRecord(other)
        XCTAssertFalse(otherShown.subjectName.contains("张山峰") || otherShown.reason!.contains("张山峰"), "\(otherShown)")
        XCTAssertTrue(RecordRules.check(other, policy: nil).contains { $0.column == "subject_name" && $0.severity == .warning })
        // A record's number holding the name however parted is refused, the name masked in the message.
        for (name, id) in [("阿依古丽·买买提", "阿依古丽·买买提-01"), ("李四", "李-四-05")] {
            var numbered = r
            numbered.subjectName = name; numbered.id = id
            let finding = RecordRules.check(numbered, policy: nil).first { $0.column == "id" }
            XCTAssertEqual(finding?.severity, .error, id)
            XCTAssertFalse(finding?.value.contains(name.prefix(2)) == true && finding?.value.contains(name.suffix(1)) == true && !finding!.value.contains("*"), "\(finding?.value ?? "")")
        }
        // The record's number is published as it is: one holding the person's name is an error.
        var named = r
        named.id = "C-王小明-01"
        let idFinding = RecordRules.check(named, policy: nil).first { $0.column == "id" }
        XCTAssertEqual(idFinding?.severity, .error)
        XCTAssertEqual(idFinding?.value, "C-王*明-01")
        var odd = r
        odd.subjectType = "Person"
        XCTAssertEqual(DisclosurePolicy.publicName(of: odd), "王*明")
        odd.subjectType = "organisation"
        XCTAssertEqual(DisclosurePolicy.publicRecord(odd).reason, "王小明未按规定建立档案", "an organisation's text is as written")
    }

    /// Markdown is published text too: a personal number or an invisible direction character
    /// is an error with file and line; a linked file or static folder is refused.
    func testMarkdownWithPersonalNumbersControlsOrLinksIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        let about = ws.path("content/pages/about.md")
        let original = try String(contentsOfFile: about, encoding: .utf8)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try (original + "\n联系 139 1234 5678\n").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("about.md:\(lines + 1): contains what looks like a mobile number"), "\($0)")
            XCTAssertFalse("\($0)".contains("1234"), "\($0)")
        }
        try (original + "\n标题\u{202E}反转\n").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("about.md:\(lines + 1): expected text without invisible control characters (found U+202E"), "\($0)")
        }
        // A file saved with Windows line ends and a byte-order mark is read line by line too.
        try ("\u{FEFF}" + (original + "\n联系 139 1234 5678\n").replacingOccurrences(of: "\n", with: "\r\n")).write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("about.md:\(lines + 1): contains what looks like a mobile number"), "\($0)")
        }
        // What the page shows counts, however the file writes it: character references,
        // Markdown marks between the digits, a number over lines, YAML escapes in front matter.
        for body in ["电话&#49;&#51;&#57;12345678", "电话139**1234**5678", "电话139<!-- -->12345678", "电话139\n1234\n5678", "电话139&shy;1234&shy;5678"] {
            try (original + "\n" + body + "\n").write(toFile: about, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site"))), body) {
                XCTAssertTrue("\($0)".contains("looks like a mobile number") || "\($0)".contains("as the page shows it holds U+00AD"), "\(body): \($0)")
            }
        }
        // …and what links and images carry: a tel: address, a tooltip, alt text, %-escapes.
        for body in ["[电话](tel:&#49;3912345678)", "[说明](/x \"&#49;3912345678\")", "![1`3912345678`](/a.png)",
                     "![&#49;1010519491231002X](/b.png)", "[电话](tel:%31%33%39%31%32%33%34%35%36%37%38)"] {
            try (original + "\n" + body + "\n").write(toFile: about, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site"))), body) {
                XCTAssertTrue("\($0)".contains("a link or image of the page holds what looks like"), "\(body): \($0)")
            }
        }
        try original.replacingOccurrences(of: "title: ", with: "title: \"联系\\x31\\x339\\u00312345678\" #").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("`title` shows what looks like a mobile number"), "\($0)")
        }
        // A file's name is the page's address; tags are listed with 、 between them.
        try original.write(toFile: ws.path("content/pages/13912345678.md"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("13912345678.md:1: the file's name, which becomes the page's address, holds what looks like a mobile number"), "\($0)")
        }
        try FileManager.default.removeItem(atPath: ws.path("content/pages/13912345678.md"))
        try original.replacingOccurrences(of: "title: ", with: "tags:\n  - \"139\"\n  - \"1234\"\n  - \"5678\"\ntitle: ").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("`tags` shows what looks like a mobile number"), "\($0)")
        }
        // A table of figures is not one long number.
        try (original + "\n| 县 | 床位 | 护理型 | 缺口 |\n|---|---|---|---|\n| 甲 | 13 | 250 | 360480 |\n").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site"))))
        try FileManager.default.removeItem(atPath: ws.path("site"))
        try original.write(toFile: about, atomically: true, encoding: .utf8)
        try ws.write("secret", to: "elsewhere/notes.md")
        try FileManager.default.createSymbolicLink(atPath: ws.path("content/policies/linked.md"), withDestinationPath: ws.path("elsewhere/notes.md"))
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("linked.md:1: is a link to another file"), "\($0)")
        }
        try FileManager.default.removeItem(atPath: ws.path("content/policies/linked.md"))
        try FileManager.default.createSymbolicLink(atPath: ws.path("content/static"), withDestinationPath: ws.path("elsewhere"))
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("is a link to another folder"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")), "nothing was published")
    }

    /// Figures beyond any region's, and disclosure windows beyond a lifetime, are errors the
    /// validator names, not a crash of the build.
    func testHugeFiguresAndWindowsAreErrorsNotCrashes() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("""
            UPDATE region_stats SET value = 1e23 WHERE rowid = 1;
            UPDATE region_stats SET value = 9e999 WHERE rowid = 2;
            INSERT OR REPLACE INTO meta (key, value) VALUES ('disclosure_months_ordinary', '9223372036854775807');
            """)
        let errors = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertEqual(errors.filter { $0.table == "region_stats" }.count, 2, "\(errors)")
        XCTAssertTrue(errors.contains { $0.table == "meta" && $0.expected.contains("from 1 to 1200") }, "\(errors)")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("site"))))
        try ws.write("region_code,year,metric,value,kind,source\n\(Sample.quwo),2025,population_60plus,99999999999999999999999,projection,测试\n", to: "s.csv")
        XCTAssertThrowsError(try TableImporter.run(database: try ws.database("b.sqlite"), table: "region_stats", file: ws.path("s.csv"), extra: Validator.importRules)) {
            XCTAssertTrue("\($0)".contains("a figure of at most 100000000000"), "\($0)")
        }
    }

    func testRegionsAreNotDeletedRowByRowAndFullWidthKeysAreRead() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "regions", keys: [Sample.quwo], withDependents: true)) { error in
            guard case RowDeleter.Problem.notDeletable = error else { return XCTFail("\(error)") }
        }
        let fullWidth = String(Sample.chengdong.unicodeScalars.map { c -> Character in
            c.value < 0x7F ? Character(Unicode.Scalar(c.value + 0xFEE0)!) : Character(c)
        })
        XCTAssertEqual(try RowDeleter.run(database: db, table: "institutions", keys: [fullWidth], withDependents: true).deleted, 1)
        // A registration code typed in lower case is the same code.
        XCTAssertEqual(try RowDeleter.run(database: db, table: "institutions", keys: [Sample.fushou.lowercased()], withDependents: true).deleted, 1)
    }

    /// An optional setting (a corrected_on left from the last correction) is deleted by its key,
    /// English or Chinese; a required one is not.
    func testOptionalMetaSettingsAreDeletedOneByOne() throws {
        let ws = try Workspace(self)
        let db = try ws.database("m.sqlite", ["meta": Sample.tables["meta"]! + "corrected_on,2025-01-15\n"])
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "meta", keys: ["data_as_of"])) { error in
            guard case RowDeleter.Problem.notDeletable = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "meta", keys: ["corrected_on", "数据截至日期"]))
        XCTAssertEqual(try RowDeleter.run(database: db, table: "meta", keys: ["更正日期"]).deleted, 1)
        XCTAssertNil(try DataStore(path: db).meta().value("corrected_on"))
    }
}
