import XCTest
import YanglaoOpenData
@testable import YanglaoStore

final class CSVFormatTests: XCTestCase {
    func testPlainFieldIsNotQuoted() {
        XCTAssertEqual(CSVFormat.quote("曲沃县福寿养老院"), "曲沃县福寿养老院")
    }

    func testFieldWithCommaIsQuoted() {
        XCTAssertEqual(CSVFormat.quote("床位,护理"), "\"床位,护理\"")
    }

    func testQuoteInsideFieldIsDoubled() {
        XCTAssertEqual(CSVFormat.quote(#"他说"好""#), #""他说""好""""#)
    }

    func testFieldWithNewlineIsQuoted() {
        XCTAssertEqual(CSVFormat.quote("第一行\n第二行"), "\"第一行\n第二行\"")
        XCTAssertEqual(CSVFormat.quote("a\rb"), "\"a\rb\"")
    }

    func testFormulaStartsGetAnApostrophe() {
        XCTAssertEqual(CSVFormat.guardFormula("=SUM(A1:A9)"), "'=SUM(A1:A9)")
        XCTAssertEqual(CSVFormat.guardFormula("+86 357"), "'+86 357")
        XCTAssertEqual(CSVFormat.guardFormula("-3"), "'-3")
        XCTAssertEqual(CSVFormat.guardFormula("@cmd"), "'@cmd")
        XCTAssertEqual(CSVFormat.guardFormula("\tx"), "'\tx")
        XCTAssertEqual(CSVFormat.guardFormula("\rx"), "'\rx")
    }

    /// Spreadsheets may skip leading spaces before a formula, and a Chinese input method types
    /// ＝ for =: those are guarded too, and read back (`yanglao import`) as they were.
    func testFormulasAfterSpacesAndFullWidthSignsAreGuardedAndReadBack() {
        for text in [" =1+1", "\u{00A0}=HYPERLINK(\"x\")", "\u{3000}@cmd", "\n-2", "＝HYPERLINK(\"x\")", "＋86", "  ＠x", "'＝x", "''=x"] {
            let guarded = CSVFormat.guardFormula(text)
            XCTAssertEqual(guarded, "'" + text)
            XCTAssertEqual(RowChecker.spreadsheetText(guarded), text, "read back as it was")
        }
        for text in ["养老院", " 养老院", "'养老院", "２０２４年"] {
            XCTAssertEqual(CSVFormat.guardFormula(text), text)
            XCTAssertEqual(RowChecker.spreadsheetText(text), text)
        }
    }

    func testOrdinaryTextIsNotGuarded() {
        XCTAssertEqual(CSVFormat.guardFormula("养老院=好"), "养老院=好")
        XCTAssertEqual(CSVFormat.guardFormula(""), "")
    }

    func testNumbersAreNeverGuarded() {
        XCTAssertEqual(CSVFormat.field(.int(-3)), "-3")
        XCTAssertEqual(CSVFormat.field(.number(-2.5, decimals: 2)), "-2.5")
    }

    func testTextCellIsGuardedThenQuoted() {
        XCTAssertEqual(CSVFormat.field(.text("-3"), excel: true), "\"=\"\"-3\"\"\"", "text that reads as a number: a text formula, inert too")
        XCTAssertEqual(CSVFormat.field(.text("-3 元"), excel: true), "'-3 元")
        XCTAssertEqual(CSVFormat.field(.text("'=x"), excel: true), "''=x", "a guard of its own is kept through import")
        XCTAssertEqual(CSVFormat.field(.text("=1,2"), excel: true), "\"'=1,2\"")
        XCTAssertEqual(CSVFormat.field(.text("-3")), "-3", "the plain CSV holds the value as it is")
        XCTAssertEqual(CSVFormat.field(.text("=1,2")), "\"=1,2\"")
        // Digits-only text stays text in Excel: no lost leading zero, no 1.2E+17.
        XCTAssertEqual(CSVFormat.field(.text("121410259876543020"), excel: true), "\"=\"\"121410259876543020\"\"\"")
        XCTAssertEqual(CSVFormat.field(.text("03576000000"), excel: true), "\"=\"\"03576000000\"\"\"")
        XCTAssertEqual(CSVFormat.field(.text("03576000000")), "03576000000")
        // Digits around one E read as a number in scientific notation: kept as text too.
        for code in ["12321203E365176135", "12610502611E415100", "1.5e-3", "2E+5"] {
            XCTAssertEqual(CSVFormat.field(.text(code), excel: true), "\"=\"\"\(code)\"\"\"", code)
        }
        // Digits with the punctuation of numbers, dates and times: a spreadsheet converts them too.
        for text in ["1-2", "06-12", "2023.10", "(5)", "12%", "12:30", "0357-8083871", "1,234"] {
            XCTAssertEqual(CSVFormat.field(.text(text), excel: true), CSVFormat.field(.text("=\"" + text + "\"")), text)
        }
        // Chinese dates and truth values: Excel in a Chinese locale converts them as well.
        for text in ["3月5日", "2023年10月5日", "2023年10月", "TRUE", "false", "True"] {
            XCTAssertEqual(CSVFormat.field(.text(text), excel: true), CSVFormat.field(.text("=\"" + text + "\"")), text)
        }
        for text in ["12321203EA65176135", "E12345", "12345E", "1.E5", "12E3E4", "1号楼", "()", "3月", "2023年", "5日", "2023年5日",
                     "5日3月", "3月5日起", "第3月", "TRUEX", "真", "12345年3月"] {
            XCTAssertEqual(CSVFormat.field(.text(text), excel: true), text, text)
        }
        XCTAssertEqual(CSVFormat.field(.int(141021), excel: true), "141021", "numbers stay numbers")
        XCTAssertEqual(CSVFormat.field(.null), "")
        XCTAssertEqual(CSVFormat.field(.bool(true)), "true")
    }

    func testRecordEndsWithCRLF() {
        XCTAssertEqual(CSVFormat.record(["a", "b"]), "a,b\r\n")
    }
}

final class JSONFormatTests: XCTestCase {
    func testStringEscapesQuotesBackslashesAndControls() {
        XCTAssertEqual(JSONFormat.string(#"a"b\c"#), #""a\"b\\c""#)
        XCTAssertEqual(JSONFormat.string("一\n二\r三\t四"), #""一\n二\r三\t四""#)
        XCTAssertEqual(JSONFormat.string("\u{01}"), #""\u0001""#)
    }

    func testStringEscapesLessThanForHTMLEmbedding() {
        XCTAssertEqual(JSONFormat.string("</script>"), #""\u003c/script>""#)
    }

    func testChineseIsWrittenAsIs() {
        XCTAssertEqual(JSONFormat.string("养老"), "\"养老\"")
    }

    func testNumberDropsTrailingZeros() {
        XCTAssertEqual(JSONFormat.number(12.5, decimals: 2), "12.5")
        XCTAssertEqual(JSONFormat.number(3, decimals: 2), "3")
        XCTAssertEqual(JSONFormat.number(1234567, decimals: 4), "1234567")
    }

    func testNumberRoundsHalfAwayFromZero() {
        XCTAssertEqual(JSONFormat.number(0.125, decimals: 2), "0.13")
        XCTAssertEqual(JSONFormat.number(-0.125, decimals: 2), "-0.13")
    }

    func testNegativeZeroAndNonFiniteNumbers() {
        XCTAssertEqual(JSONFormat.number(-0.001, decimals: 2), "0")
        XCTAssertEqual(JSONFormat.number(.nan, decimals: 2), "null")
        XCTAssertEqual(JSONFormat.number(.infinity, decimals: 2), "null")
    }

    func testObjectKeepsKeyOrderAndTypes() {
        let json = JSONFormat.object([("name", .text("养老院")), ("beds", .int(40)), ("share", .number(0.5, decimals: 2)),
                                      ("ok", .bool(false)), ("phone", .null)])
        XCTAssertEqual(json, #"{"name":"养老院","beds":40,"share":0.5,"ok":false,"phone":null}"#)
    }
}

final class CSVReaderTests: XCTestCase {
    func parse(_ text: String) throws -> [CSVReader.Record] { try CSVReader.parse(text, file: "t.csv") }

    func testSimpleRecordsWithLineNumbers() throws {
        let r = try parse("a,b\n1,2\n3,4\n")
        XCTAssertEqual(r.map(\.fields), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(r.map(\.line), [1, 2, 3])
    }

    func testQuotedFieldMayHoldCommas() throws {
        XCTAssertEqual(try parse("a,b\n\"x,y\",2\n")[1].fields, ["x,y", "2"])
    }

    func testDoubledQuoteIsOneQuote() throws {
        XCTAssertEqual(try parse("a\n\"他说\"\"好\"\"\"\n")[1].fields, [#"他说"好""#])
    }

    func testEmbeddedNewlineKeepsRecordStartLines() throws {
        let r = try parse("a,b\n\"第一行\n第二行\",2\nz,3\n")
        XCTAssertEqual(r[1].fields, ["第一行\n第二行", "2"])
        XCTAssertEqual(r.map(\.line), [1, 2, 4])
    }

    func testCRLFLineEnds() throws {
        let r = try parse("a,b\r\n1,2\r\n")
        XCTAssertEqual(r.map(\.fields), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(r.map(\.line), [1, 2])
    }

    func testByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try parse("\u{FEFF}key,value\ntitle,测试\n")[0].fields, ["key", "value"])
    }

    func testEmptyFieldsAndMissingFinalNewline() throws {
        XCTAssertEqual(try parse("a,b,c\n,x,")[1].fields, ["", "x", ""])
    }

    func testBlankLinesAreSkipped() throws {
        let r = try parse("a\n\n1\n\n")
        XCTAssertEqual(r.map(\.fields), [["a"], ["1"]])
        XCTAssertEqual(r.map(\.line), [1, 3])
    }

    func testUnterminatedQuoteIsRejectedWithTheRecordLine() {
        XCTAssertThrowsError(try parse("a,b\n1,2\n3,\"open\n4,5\n")) { error in
            guard case StoreError.malformedCSV(let file, let line, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "t.csv")
            XCTAssertEqual(line, 3)
        }
    }

    func testQuoteInsideUnquotedFieldIsRejected() {
        XCTAssertThrowsError(try parse("a\nab\"c\n")) { error in
            guard case StoreError.malformedCSV(_, let line, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2)
        }
    }

    func testWriterOutputReadsBack() throws {
        let cells: [Cell] = [.text("x,\"y\"\n"), .int(-3), .text("平")]
        let text = CSVFormat.record(["h1", "h2", "h3"]) + CSVFormat.record(cells.map { CSVFormat.field($0) })
        XCTAssertEqual(try parse(text)[1].fields, ["x,\"y\"\n", "-3", "平"])
    }
}

extension CSVFormatTests {
    func testQuoteFollowedByCombiningMarkIsDoubled() throws {
        let parsed = try CSVReader.parse("h\n" + CSVFormat.quote("a\"\u{301},b") + "\n", file: "t.csv")
        XCTAssertEqual(parsed.last?.fields, ["a\"\u{301},b"])
    }
}
