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

    /// A new penalty typed with a number already in use would replace another facility's record
    /// (and take it off the site unsaid): refused, with a free number; the same record corrected
    /// in place still imports.
    func testARecordNumberOfAnotherFacilityIsNotReused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let header = "id,institution_id,kind,subject_type,subject_name,decided_on,document_no,authority,reason,basis,result,fine_yuan,severity,disclose_until,repaired_on\n"
        try ws.write(header + "C2,\(Sample.fushou),penalty,person,张伟,2024-05-10,曲民罚〔2024〕30号,曲沃县民政局,无证从事护理工作,《养老机构管理办法》第四十六条,警告,,ordinary,,\n", to: "new.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "credit_records", file: ws.path("new.csv"))) { e in
            let said = (e as? StoreError)?.withChinese ?? "\(e)"
            XCTAssertTrue(said.contains("credit_records C2 is the number of a record of 翼城县康乐养老中心（52141022MA0K00003H）"), said)
            XCTAssertTrue(said.contains("the next free one is C"), said)
            XCTAssertTrue(said.contains("第 2 行的编号 C2 已是“翼城县康乐养老中心（52141022MA0K00003H）”的一条记录的编号"), said)
        }
        XCTAssertEqual(try DataStore(path: db).creditRecords(of: "52141022MA0K00003H").map(\.id).contains("C2"), true, "nothing was replaced")
        // Its own facility's record, corrected (a warning became a fine): imported as before.
        try ws.write(header + "C2,52141022MA0K00003H,penalty,organisation,翼城县康乐养老中心,2022-01-05,曲民罚〔2022〕999号,翼城县民政局,消防器材失效,《消防法》第六十条,罚款,3000,ordinary,,\n", to: "fix.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "credit_records", file: ws.path("fix.csv")).updated, 1)
        // A mistyped code corrected (the same facility, name and county, under its right code): its records move with it.
        let right = "52141022MA0K00005D"
        try Database(path: db, mode: .readWriteCreate).execute(
            "INSERT INTO institutions SELECT '\(right)', name, region_code, category, ownership, address, phone, latitude, longitude, opened_on, status, beds_total, beds_nursing, residents, caregivers, caregivers_certified, social_workers, medical_integration, fire_safety_accepted, updated_on, former_names FROM institutions WHERE id = '52141022MA0K00003H'")
        try ws.write(header + "C2,\(right),penalty,organisation,翼城县康乐养老中心,2022-01-05,曲民罚〔2022〕999号,翼城县民政局,消防器材失效,《消防法》第六十条,罚款,3000,ordinary,,\n", to: "moved.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "credit_records", file: ws.path("moved.csv")).updated, 1)
    }

    /// A new facility typed with a code already in use would take over that facility's page,
    /// ratings and credit records: a row that renames a facility and moves it to another county
    /// is refused, and so is a file renaming most of its facilities (a name column sorted
    /// alone); --allow-renames lets a real rename through.
    func testAFacilityIsNotTakenOverByARowThatRenamesAndMovesIt() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let header = Sample.tables["institutions"]!.split(separator: "\n")[0]
        let fushou = Sample.tables["institutions"]!.split(separator: "\n")[1]
        let other = fushou.replacingOccurrences(of: "曲沃县福寿养老院,141021", with: "翼城县新开颐养中心,141022")
        try ws.write(header + "\n" + other + "\n", to: "new.csv")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("new.csv"))) { e in
            let said = (e as? StoreError)?.withChinese ?? "\(e)"
            XCTAssertTrue(said.contains("new.csv:2: institutions \(Sample.fushou) is the code of 曲沃县福寿养老院 in region 141021; this row names it 翼城县新开颐养中心 in region 141022"), said)
            XCTAssertTrue(said.contains("--allow-renames"), said)
            XCTAssertTrue(said.contains("新机构请用它自己的统一社会信用代码"), said)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "nothing was changed")
        // A rename alone, or a move alone, is an update as any other.
        try ws.write(header + "\n" + fushou.replacingOccurrences(of: "曲沃县福寿养老院", with: "曲沃县福寿颐养院") + "\n", to: "renamed.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("renamed.csv")).updated, 1)
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("new.csv"), allowRenames: true).updated, 1)

        // Six more facilities, then their names sorted apart from their rows.
        let ids = (1...6).map { n -> String in
            let first17 = "5214102\(n)MA0K1000\(n)"
            return first17 + String(USCC.checkCharacter(for: first17)!)
        }
        let rows = ids.enumerated().map { i, id in "\(id),曲沃县第\(i + 1)养老院,141021,institution,private,曲沃县,,,,2015-05-01,operating,10,5,5,1,1,0,none,1,2024-12-01" }
        try ws.write(header + "\n" + rows.joined(separator: "\n") + "\n", to: "six.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("six.csv")).inserted, 6)
        let shifted = ids.enumerated().map { i, id in rows[i].replacingOccurrences(of: "第\(i + 1)养老院", with: "第\((i + 1) % 6 + 1)养老院") }
        try ws.write(header + "\n" + shifted.joined(separator: "\n") + "\n", to: "sorted.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("sorted.csv"))) { e in
            XCTAssertTrue("\(e)".contains("sorted.csv: the import would rename 6 of the 6 facilities in the file (line 2: 曲沃县第1养老院 → 曲沃县第2养老院;"), "\(e)")
        }
        XCTAssertEqual(try TableImporter.run(database: db, table: "institutions", file: ws.path("sorted.csv"), allowRenames: true).updated, 6)
    }

    /// An empty column left between two in the sheet (no name, no value) is no column.
    func testAWhollyEmptyColumnInTheMiddleIsSkipped() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("id,institution_id,level,,score,rated_on,valid_until,assessor,document_no,withdrawn_on\n"
                     + "R1,52141021MA0K00001W,3,,82.5,2023-03-01,2026-02-28,临汾市养老机构等级评定委员会,临民发〔2023〕1号,\n", to: "r.csv")
        let report = try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv"))
        XCTAssertEqual(report.inserted + report.updated + report.unchanged, 1)
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
