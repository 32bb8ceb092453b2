import Foundation
import XCTest
@testable import YanglaoSite
@testable import YanglaoStore
import YanglaoValidation

/// Files staff bring from Excel and from the site itself: what they hold goes in as meant,
/// or is refused saying why, and what validates also exports and imports back.
final class StaffFileTests: XCTestCase {
    /// The site's ratings download leaves out what the site does not show yet; importing it
    /// over a database that holds such ratings would lose them, so it is refused.
    func testThePublishedRatingsFileIsRefusedWhereItWouldLoseLaterRatings() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.buildSite(db: db)
        let published = ws.path("site/data/ratings.csv")
        // Nothing later than the data date: the download imports back unchanged.
        XCTAssertEqual(try TableImporter.run(database: db, table: "ratings", file: published).unchanged, 2)
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE ratings SET withdrawn_on = '2025-02-01' WHERE id = 'R1'")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "ratings", file: published)) {
            XCTAssertTrue("\($0)".contains("this is the ratings file published on the site"), "\($0)")
        }
        XCTAssertEqual(try DataStore(path: db).ratings(of: Sample.fushou).first?.withdrawnOn, "2025-02-01", "nothing was lost")
    }

    /// A GB18030 file whose Chinese happens to be valid UTF-8 byte pairs (平遥 reads as ƽң)
    /// is read as GB18030; Greek or Uyghur text in UTF-8 stays UTF-8.
    func testGB18030ThatLooksLikeUTF8IsReadAsChinese() throws {
        for (text, encoding) in [("平遥", "gb18030"), ("Ελλάδα", "utf-8"), ("ئۇيغۇر", "utf-8")] {
            let data = encoding == "gb18030" ? TextEncoding.iconv(Data(text.utf8), from: "UTF-8", to: "GB18030")! : Data(text.utf8)
            let decoded = try XCTUnwrap(TextEncoding.auto.decode(data))
            XCTAssertEqual(decoded.text, text)
            XCTAssertEqual(decoded.used.rawValue, encoding)
        }
    }

    /// Decimal columns take decimal numbers, not Swift's hexadecimal ones.
    func testHexadecimalIsNotANumber() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("indicator,region_code,year,value,source\nvisit_rate_monthly,141000,2024,0x10,测试\n", to: "o.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "observations", file: ws.path("o.csv"))) {
            XCTAssertTrue("\($0)".contains("expected a number"), "\($0)")
        }
    }

    /// What validate passes, import takes back: a required text left empty and a name on two
    /// lines (written by another tool) are findings.
    func testValidateRefusesWhatImportWouldRefuse() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("""
            UPDATE institutions SET name = '甲养老院' || char(10) || '乙' WHERE id = '\(Sample.fushou)';
            UPDATE ratings SET document_no = '' WHERE id = 'R1';
            """)
        let errors = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertTrue(errors.contains { $0.table == "institutions" && $0.column == "name" && $0.expected.contains("one line") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.table == "ratings" && $0.column == "document_no" && $0.expected.contains("a value") }, "\(errors)")
    }

    /// Rows numbered ahead (序号 filled in, nothing else) are blank rows, not errors.
    func testRowsWithOnlyARowNumberAreBlank() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("序号,indicator,region_code,year,value,source\n1,visit_rate_monthly,141000,2024,40,测试\n2,,,,,\n3,,,,,\n", to: "o.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "observations", file: ws.path("o.csv")).inserted, 1)
    }

    /// A unified social credit code made of digits only is shown in full in reports (it is not
    /// an ID-card number: no birth date where an ID card has one).
    func testADigitsOnlyCreditCodeIsNotMasked() {
        XCTAssertNil(PersonalNumbers.kind(in: "121410020000000082"))
        XCTAssertEqual(PersonalNumbers.shown("121410020000000082 尧都区金营镇敬老院"), "121410020000000082 尧都区金营镇敬老院")
        XCTAssertEqual(PersonalNumbers.kind(in: "142601198001011236"), "an ID-card number")
    }
}
