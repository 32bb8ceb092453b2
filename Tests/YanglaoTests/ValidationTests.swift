import XCTest
import YanglaoIndicators
import YanglaoStore
@testable import YanglaoValidation

/// One test per rule: a small change to the sample and the finding it must produce.
final class ValidatorTests: XCTestCase {
    func findings(_ changes: [String: String?] = [:], sql: String? = nil) throws -> [Finding] {
        let ws = try Workspace(self)
        let db = try ws.database("v.sqlite", changes)
        if let sql {
            let writable = try Database(path: db, mode: .readWriteCreate)
            try writable.execute("PRAGMA foreign_keys = OFF; " + sql)
        }
        return try Validator.validate(DataStore(path: db))
    }

    func testTheSampleHasNoErrors() throws {
        XCTAssertEqual(try findings().filter { $0.severity == .error }, [])
    }

    /// Counts of people every per-1000 figure divides by: more people aged 60+ than people is
    /// an error; a figure typed in 万人, or ten times off the region's other years, a warning.
    func testImpossibleCountsOfPeopleAreFound() throws {
        let found = try findings(sql: """
            UPDATE region_stats SET value = 4.77 WHERE region_code = '141021' AND metric = 'population_60plus';
            UPDATE region_stats SET value = 300000 WHERE region_code = '141022' AND metric = 'population_60plus';
            INSERT INTO region_stats VALUES ('141022', 2025, 'population', 310000, 'projection', '测试'),
                                            ('141022', 2025, 'population_60plus', 320000, 'actual', '测试'),
                                            ('141022', 2023, 'population', 4000000, 'actual', '测试');
            """).filter { $0.table == "region_stats" && !$0.expected.hasPrefix("an actual ") }
        let said = found.map { "\($0.severity) \($0.row) \($0.value): \($0.expected)" }
        XCTAssertTrue(said.contains("error 141022, 2025, population_60plus, actual 320000: at most the population of the same region and year (310000): check both figures' units (人, not 万人) and rows"), "\(said)")
        XCTAssertTrue(said.contains { $0.hasPrefix("warning 141021, 2025, population_60plus, projection 4.77: a number of people (人): fewer than 100") }, "\(said)")
        XCTAssertTrue(said.contains { $0.hasPrefix("warning 141022, 2023, population, actual 4000000: a figure near the region's other years (2022: 300000, 2025: 310000)") }, "\(said)")
        XCTAssertEqual(found.count, 3, "\(said)")
        // A digit too many beside one other year is found too (either may be the wrong one).
        let two = try findings(sql: "INSERT INTO region_stats VALUES ('141021', 2023, 'population', 2200000, 'actual', '测试');")
            .filter { $0.table == "region_stats" && $0.expected.hasPrefix("a figure near the region's other years") }
        XCTAssertEqual(Set(two.map(\.row)), ["141021, 2022, population, actual", "141021, 2023, population, actual"], "\(two)")
        XCTAssertTrue(found.allSatisfy { !$0.chinese.contains("原因见英文说明") }, "\(found.map(\.chinese))")
    }

    func testUSCCCheckCharacter() throws {
        XCTAssertNil(USCC.problem("91350100M000100Y43"))   // the example printed in GB 32100-2015
        XCTAssertEqual(USCC.problem("91350100M000100Y44"), "check character 3 (GB 32100-2015), found 4: one of the 18 characters is mistyped; compare the whole code with the business licence")
        let found = try findings(sql: "UPDATE institutions SET id = '52141022MA0K00004M' WHERE id = '\(Sample.chengdong)'")
        XCTAssertTrue(found.contains { $0.severity == .error && $0.table == "institutions" && $0.row == "52141022MA0K00004M" && $0.column == "id" },
                      "\(found)")
    }

    /// Settings' findings say in Chinese what the value must be.
    func testSettingsFindingsAreSaidInChinese() {
        let date = Finding(.error, "meta", row: "data_as_of", column: "value", value: "2023-13-31", expected: "an ISO date YYYY-MM-DD")
        XCTAssertTrue(date.chinese.hasSuffix("应为日期，如 2024-06-30（年-月-日；月份不大于 12，这个月里有这一天）"), date.chinese)
        let months = Finding(.error, "meta", row: "disclosure_months_ordinary", column: "value", value: "abc", expected: "a number of months from 1 to 1200")
        XCTAssertTrue(months.chinese.hasSuffix("应为公示期的月数：1 到 1200 之间的整数"), months.chinese)
        XCTAssertFalse(date.chinese.contains("原因见") || months.chinese.contains("原因见"))
    }

    /// A licence machines cannot tell is a warning (the data package could give only its words).
    func testALicenceMachinesCannotTellIsAWarning() throws {
        let unknown = try findings(sql: "UPDATE meta SET value = '本市开放数据许可协议' WHERE key = 'licence'")
        let warned = unknown.filter { $0.table == "meta" && $0.row == "licence" }
        XCTAssertEqual(warned.map(\.severity), [.warning], "\(unknown)")
        XCTAssertTrue(warned.first?.chinese.contains("机器读不出是哪种许可协议") == true)
        let linked = try findings(sql: "UPDATE meta SET value = '本市开放数据许可协议（https://data.example.gov.cn/licence）' WHERE key = 'licence'")
        XCTAssertFalse(linked.contains { $0.row == "licence" }, "\(linked)")
        XCTAssertEqual(Licence.url("本市开放数据许可协议（https://data.example.gov.cn/licence）"), "https://data.example.gov.cn/licence")
        // Only what an address may hold goes on to the catalogues: no markup, no quotes.
        XCTAssertEqual(Licence.url("协议 https://evil.example/x<script>y"), "https://evil.example/x")
        XCTAssertEqual(Licence.url("协议 https://evil.example/a\"><svg/onload=alert(1)>"), "https://evil.example/a")
        XCTAssertEqual(Licence.url("协议 https://data.example.gov.cn:8443/licence?v=2#zh，详见网站"), "https://data.example.gov.cn:8443/licence?v=2#zh")
        XCTAssertEqual(Licence.id("CC BY-SA 4.0（署名—相同方式共享）"), "CC-BY-SA-4.0")
        XCTAssertNil(Licence.id("本市开放数据许可协议 https://data.example.gov.cn/licence"))
    }

    /// A facility's point far from the other facilities of its county (a wrong degree, 35.64 typed
    /// 36.64) is warned, named, with how far: its page would send a family there. Points spread
    /// over a county, and a county with too few located facilities to compare, are not.
    func testAFacilityFarFromTheOthersOfItsCountyIsWarned() throws {
        func insert(_ n: Int, _ name: String, _ lat: Double, _ lon: Double) -> String {
            "INSERT INTO institutions (id, name, region_code, category, ownership, status, beds_total, beds_nursing, latitude, longitude, medical_integration, fire_safety_accepted, updated_on) VALUES ('521410210000000\(n)X', '\(name)', '141021', 'village_daycare', 'public', 'operating', 0, 0, \(lat), \(lon), 'none', 0, '2024-12-01');"
        }
        // 福寿 (35.64, 111.47) and five village centres up to about 25 km from it.
        let spread = [(35.70, 111.50), (35.55, 111.40), (35.62, 111.60), (35.75, 111.35), (35.50, 111.55)]
        let county = spread.enumerated().map { insert(10 + $0.offset, "村\($0.offset)日间照料中心", $0.element.0, $0.element.1) }.joined()
        let quiet = try findings(sql: county)
        XCTAssertFalse(quiet.contains { $0.expected.contains("from the middle") }, "\(quiet)")
        let found = try findings(sql: county + insert(20, "远村日间照料中心", 36.64, 111.47)).filter { $0.expected.contains("from the middle") }
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.row, "52141021000000020X")
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertEqual(found.first?.facility, "远村日间照料中心")
        XCTAssertTrue(found.first?.chinese.contains("离本县（市、区，141021）其他机构太远：距它们的中间位置（35.6400, 111.4700）111 公里，而一半机构在 12 公里以内") == true, "\(found)")
        XCTAssertTrue(found.first?.expected.contains("this one is 111 km from the middle of them (35.6400, 111.4700), half of them are within 12 km") == true, "\(found)")
        let few = try findings(sql: insert(20, "远村日间照料中心", 36.64, 111.47))
        XCTAssertFalse(few.contains { $0.expected.contains("from the middle") }, "two located facilities: nothing to compare with")
    }

    func testDanglingForeignKeyNamesTheRowColumnAndValue() throws {
        let found = try findings(sql: "INSERT INTO ratings VALUES ('R9', '52141022MA0K0000XX', 1, NULL, '2024-01-01', '2026-12-31', 'a', 'b', NULL)")
        XCTAssertTrue(found.contains { $0 == Finding(.error, "ratings", row: "R9", column: "institution_id", value: "52141022MA0K0000XX",
                                                     expected: "a value found in table `institutions` (import that row first, or correct this one)") },
                      "\(found)")
        let county = try findings(sql: "UPDATE institutions SET region_code = '141099' WHERE id = '\(Sample.chengdong)'")
        XCTAssertTrue(county.contains { $0.row == Sample.chengdong && $0.column == "region_code" && $0.value == "141099" }, "\(county)")
    }

    /// A penalty or rating imported before data_as_of was moved on: the warning says the site
    /// leaves it out until then, and names the facility so staff find the row.
    func testARecordAfterTheDataDateIsSaidToBeUnseenAndNamesItsFacility() throws {
        let found = try findings(sql: """
            UPDATE credit_records SET decided_on = '2025-05-10' WHERE id = 'C1';
            UPDATE ratings SET rated_on = '2025-02-01', valid_until = '2028-01-31' WHERE id = 'R1'
            """)
        let penalty = found.first { $0.table == "credit_records" && $0.row == "C1" && $0.column == "decided_on" }
        XCTAssertEqual(penalty?.description, "warning: credit_records[C1] (曲沃县福寿养老院) decided_on = 2025-05-10: expected a date not after "
                       + "data_as_of (2024-12-31); the site does not show this record until meta data_as_of is 2025-05-10 or later")
        let rating = found.first { $0.table == "ratings" && $0.row == "R1" && $0.column == "rated_on" }
        XCTAssertTrue(rating?.description.hasSuffix("the site does not show this rating until meta data_as_of is 2025-02-01 or later") ?? false, "\(found)")
        XCTAssertEqual(rating?.facility, "曲沃县福寿养老院")
        XCTAssertTrue(rating?.jsonFields.contains { $0 == ("facility", "曲沃县福寿养老院") } ?? false)
        // Built for another day (--as-of): the rule follows that day and says so.
        let later = try Validator.validate(DataStore(path: try Workspace(self).database("v2.sqlite", [
            "ratings": Sample.tables["ratings"]!.replacingOccurrences(of: "R1,52141021MA0K00001W,3,82.5,2023-03-01,2026-02-28", with: "R1,52141021MA0K00001W,3,82.5,2025-02-01,2028-01-31")])),
            referenceDate: ISODate("2025-06-30"))
        XCTAssertFalse(later.contains { $0.row == "R1" && $0.column == "rated_on" }, "shown on that day: no warning")
        let earlier = try Validator.validate(DataStore(path: try Workspace(self).database("v3.sqlite")), referenceDate: ISODate("2023-01-01"))
        XCTAssertTrue(earlier.first { $0.row == "R1" && $0.column == "rated_on" }?.description
            .hasSuffix("expected a date not after the reference date (--as-of 2023-01-01); the site does not show this rating until the reference date (--as-of) is 2023-03-01 or later") ?? false,
            "\(earlier)")
        // A day of correction not after the data date dates nothing: a warning says so.
        let stale = try findings(["meta": Sample.tables["meta"]! + "corrected_on,2024-06-01\n"])
        XCTAssertTrue(stale.contains { $0.row == "corrected_on" && $0.severity == .warning }, "\(stale)")
        // Data are published after the day they describe: an earlier day (left from the last release) dates nothing, and a warning says so.
        let early = try findings(["meta": Sample.tables["meta"]! + "published_on,2024-12-30\n"])
        XCTAssertTrue(early.contains { $0.row == "published_on" && $0.severity == .warning && $0.expected.contains("on or after data_as_of (2024-12-31)") }, "\(early)")
        let onTime = try findings(["meta": Sample.tables["meta"]! + "published_on,2025-01-20\n"])
        XCTAssertFalse(onTime.contains { $0.row == "published_on" }, "\(onTime)")
        // A facility's own row names it too.
        let own = try findings(sql: "UPDATE institutions SET residents = beds_total + 5 WHERE id = '\(Sample.fushou)'")
        XCTAssertEqual(own.first { $0.column == "residents" }?.facility, "曲沃县福寿养老院")
    }

    /// SQLite's CHECK constraints hold the schema's codes and ranges, but a database written
    /// with them switched off (or made by another tool) may not: validate applies the same
    /// rules to the stored rows, so a build never publishes “open” as a status.
    func testRowsThatGotPastTheCheckConstraintsAreErrors() throws {
        let found = try findings(sql: """
            PRAGMA ignore_check_constraints = 1;
            UPDATE institutions SET status = 'open', fire_safety_accepted = 2 WHERE id = '\(Sample.fushou)';
            UPDATE credit_records SET kind = 'fine' WHERE rowid = 1;
            UPDATE targets SET comparator = '>' WHERE rowid = 1;
            """)
        let errors = found.filter { $0.severity == .error }
        let status = try XCTUnwrap(errors.first { $0.row == Sample.fushou && $0.column == "status" }, "\(found)")
        XCTAssertEqual(status.value, "open")
        XCTAssertEqual(status.facility, "曲沃县福寿养老院")
        XCTAssertEqual(status.expected, "one of operating (运营中), suspended (暂停运营), closed (已关闭)")
        XCTAssertTrue(errors.contains { $0.row == Sample.fushou && $0.column == "fire_safety_accepted" && $0.value == "2" }, "\(found)")
        XCTAssertTrue(errors.contains { $0.table == "credit_records" && $0.column == "kind" && $0.value == "fine" && $0.facility != nil }, "\(found)")
        // A code whose word is itself is not said twice (“= (=)”).
        XCTAssertEqual(errors.first { $0.table == "targets" && $0.column == "comparator" }?.expected, "one of >= (≥), <= (≤), =")
        // A cell a more specific rule describes is reported once, by that rule.
        let beds = try findings(sql: "PRAGMA ignore_check_constraints = 1; UPDATE institutions SET beds_nursing = beds_total + 1 WHERE id = '\(Sample.fushou)'")
        XCTAssertEqual(beds.filter { $0.column == "beds_nursing" }.count, 1, "\(beds)")
    }

    /// A required text of only spaces or invisible characters, and a name broken by a line
    /// separator, are refused in the database as import refuses them in a file.
    func testBlankTextNamesOnTwoLinesAndKeysWithSpacesAreErrorsWhateverToolWroteThem() throws {
        let found = try findings(sql: """
            UPDATE institutions SET name = '\u{3000} ' WHERE id = '\(Sample.fushou)';
            UPDATE institutions SET name = '康乐\u{2028}二院' WHERE id = '\(Sample.kangle)';
            UPDATE meta SET value = '\u{2800}' WHERE key = 'publisher';
            UPDATE services SET id = id || ' ' WHERE rowid = 1;
            """)
        let errors = found.filter { $0.severity == .error }
        XCTAssertTrue(errors.contains { $0.row == Sample.fushou && $0.column == "name" && $0.expected.hasPrefix("a value a reader can see") }, "\(found)")
        XCTAssertTrue(errors.contains { $0.row == Sample.kangle && $0.column == "name" && $0.expected.hasPrefix("a name on one line") }, "\(found)")
        XCTAssertTrue(errors.contains { $0.table == "meta" && $0.row == "publisher" && $0.expected.hasPrefix("a value a reader can see") }, "\(found)")
        XCTAssertTrue(errors.contains { $0.row == Sample.fushou && $0.chinese.contains("看得见的内容") }, "\(found)")
        // A key with a space is another key than the one typed without it.
        XCTAssertTrue(errors.contains { $0.table == "services" && $0.column == "id" && $0.expected.hasPrefix("a key without spaces") }, "\(found)")
    }

    /// Each finding is said again in Chinese, naming the table, the facility and the column as
    /// the Chinese spreadsheet heads it; the rules staff meet say what to do in Chinese too.
    func testFindingsAreSaidInChineseWithTheSpreadsheetsColumnNames() throws {
        let found = try findings(sql: """
            PRAGMA ignore_check_constraints = 1;
            UPDATE institutions SET beds_nursing = beds_total + 1, phone = '3571111111', status = 'open' WHERE id = '\(Sample.fushou)';
            UPDATE ratings SET valid_until = '2020-01-01' WHERE id = 'R1';
            UPDATE credit_records SET severity = NULL WHERE id = 'C2';
            INSERT INTO ratings VALUES ('R9', '52141022MA0K0000XX', 1, NULL, '2024-01-01', '2026-12-31', 'a', 'b', NULL);
            """)
        func chinese(_ column: String) -> String? { found.first { $0.column == column }?.chinese }
        XCTAssertEqual(chinese("beds_nursing"), "“机构名录”表“曲沃县福寿养老院”（\(Sample.fushou)）的“护理型床位数”为“101”：不能超过“床位数”（100），请核对这两格")
        XCTAssertEqual(chinese("status"), "“机构名录”表“曲沃县福寿养老院”（\(Sample.fushou)）的“状态”为“open”：应为以下之一：运营中、暂停运营、已关闭")
        XCTAssertEqual(chinese("valid_until"), "“等级评定”表编号 R1（曲沃县福寿养老院）的“有效期至”为“2020-01-01”：不能早于“评定日期”（2023-03-01），日期先后颠倒了，请核对这两格")
        XCTAssertTrue(chinese("phone")?.hasSuffix("固定电话应带区号（以 0 开头，如 0357-1234567），手机号应为 11 位；Excel 会去掉数字开头的 0，请把这一列设为“文本”后重新输入") == true, "\(found)")
        XCTAssertTrue(chinese("institution_id")?.contains("在“机构名录”表中找不到") == true, "\(found)")
        // Every finding here has a Chinese rule of its own, not the pointer to the English line.
        XCTAssertEqual(found.filter { $0.chinese.contains("原因见上方英文提示") }, [], "\(found.map(\.chinese))")
        XCTAssertGreaterThanOrEqual(found.count, 6)
    }

    /// A warning's Chinese says the data are imported and published all the same (it is no
    /// "must not"); a phone in full-width digits, which no page links, is named.
    func testAWarningSaysItStopsNothingAndAFullWidthPhoneIsNamed() {
        let i = Institution(id: Sample.fushou, name: "曲沃县福寿养老院", regionCode: Sample.quwo, category: "institution", ownership: "private",
                            phone: "０３５７－１２３４５６７", bedsTotal: 10, bedsNursing: 2, residents: 12, updatedOn: "2024-12-01")
        let found = InstitutionRules.check(i, asOf: ISODate("2024-12-31")!, region: nil)
        XCTAssertEqual(found.map(\.column).sorted(), ["phone", "residents"])
        XCTAssertEqual(found.map(\.severity), [.warning, .warning])
        let residents = found.first { $0.column == "residents" }!.chinese, phone = found.first { $0.column == "phone" }!.chinese
        XCTAssertTrue(residents.hasSuffix("一般不超过“床位数”（10），请核对这两格（这是提醒：数据照常导入和发布）"), residents)
        XCTAssertTrue(phone.contains("号码里有全角数字，网页上不能点击拨号"), phone)
        // A formula or HTML pasted for a name is named (published as text all the same).
        for (name, said) in [("=HYPERLINK(\"http://x.example/\",\"点我\")", "会被当作公式"), ("尧都区<script>x</script>敬老院", "像是粘贴进来的网页代码")] {
            var pasted = i
            pasted.name = name; pasted.phone = nil; pasted.residents = nil
            let named = InstitutionRules.check(pasted, asOf: ISODate("2024-12-31")!, region: nil)
            XCTAssertEqual(named.map(\.column), ["name"])
            XCTAssertTrue(named.first?.severity == .warning && named.first?.chinese.contains(said) == true, "\(named)")
        }
        // A line break in a value cannot fake a line of the report.
        let broken = Finding(.warning, "institutions", row: "X", column: "name", value: "养老院\nerror: 伪造", expected: "a name")
        XCTAssertFalse(broken.description.contains("\n") || broken.chinese.contains("\n"), broken.description)
        XCTAssertTrue(broken.description.contains("养老院⏎error: 伪造"), broken.description)
        XCTAssertEqual(InstitutionRules.check({ var n = i; n.name = "-1号楼养老院"; n.phone = nil; n.residents = nil; return n }(), asOf: ISODate("2024-12-31")!, region: nil), [],
                       "a name may start with a minus sign or a hyphen (a building number)")
    }

    func testCertifiedCaregiversCannotExceedCaregivers() {
        let i = Institution(id: Sample.fushou, name: "x", regionCode: Sample.quwo, category: "institution", ownership: "private",
                            bedsTotal: 10, bedsNursing: 2, caregivers: 3, caregiversCertified: 4, updatedOn: "2024-12-01")
        let found = InstitutionRules.check(i, asOf: ISODate("2024-12-31")!, region: nil)
        XCTAssertEqual(found.map(\.column), ["caregivers_certified"])
        XCTAssertEqual(found.first?.severity, .error)
    }

    /// A landline whose leading 0 Excel dropped is a warning; a mobile, a number with its 0 or a hyphen is not.
    func testAPhoneWithoutItsLeadingZeroIsAWarning() {
        var i = Institution(id: Sample.fushou, name: "x", regionCode: Sample.quwo, category: "institution", ownership: "private",
                            bedsTotal: 10, bedsNursing: 2, updatedOn: "2024-12-01")
        for (phone, warned) in [("3575551234", true), ("03575551234", false), ("13912345678", false), ("0357-5551234", false), ("1012345678", true), ("4008001234", false), ("5551234", false)] {
            i.phone = phone
            XCTAssertEqual(InstitutionRules.check(i, asOf: nil, region: nil).contains { $0.column == "phone" && $0.severity == .warning }, warned, phone)
        }
    }

    func testNursingBedsCannotExceedBedsAndResidentsBeyondBedsIsAWarning() {
        let i = Institution(id: Sample.fushou, name: "x", regionCode: Sample.quwo, category: "institution", ownership: "private",
                            bedsTotal: 10, bedsNursing: 12, residents: 11, updatedOn: "2024-12-01")
        let found = InstitutionRules.check(i, asOf: ISODate("2024-12-31")!, region: nil)
        XCTAssertEqual(found.map { "\($0.severity):\($0.column)" }.sorted(), ["error:beds_nursing", "warning:residents"])
    }

    func testCoordinatesOutsideChinaAndHalfACoordinate() {
        let asOf = ISODate("2024-12-31")!
        var i = Institution(id: Sample.fushou, name: "x", regionCode: Sample.quwo, category: "institution", ownership: "private",
                            latitude: 111.5, longitude: 36.1, bedsTotal: 10, updatedOn: "2024-12-01")
        i.latitude = 20; i.longitude = 60
        XCTAssertEqual(InstitutionRules.check(i, asOf: asOf, region: nil).map(\.severity), [.warning])
        i.longitude = nil
        XCTAssertEqual(InstitutionRules.check(i, asOf: asOf, region: nil).map(\.severity), [.error])
    }

    func testDatesAfterTheDataDateAreWarnings() {
        let i = Institution(id: Sample.fushou, name: "x", regionCode: Sample.quwo, category: "institution", ownership: "private",
                            openedOn: "2025-03-01", bedsTotal: 10, updatedOn: "2024-12-01")
        let found = InstitutionRules.check(i, asOf: ISODate("2024-12-31")!, region: nil)
        XCTAssertEqual(found.map { "\($0.severity):\($0.column)" }, ["warning:opened_on"])
    }

    func testRatingDatesOrderAndValidity() {
        let asOf = ISODate("2024-12-31")!
        let backwards = Rating(id: "R1", institutionID: Sample.fushou, level: 3, score: nil, ratedOn: "2023-03-01",
                               validUntil: "2022-01-01", assessor: "a", documentNo: "b", withdrawnOn: "2023-01-01")
        XCTAssertEqual(RecordRules.check(backwards, asOf: asOf, category: "institution").map(\.column).sorted(), ["valid_until", "withdrawn_on"])
        let tooLong = Rating(id: "R2", institutionID: Sample.fushou, level: 3, score: nil, ratedOn: "2023-03-01",
                             validUntil: "2027-03-01", assessor: "a", documentNo: "b", withdrawnOn: nil)
        XCTAssertEqual(RecordRules.check(tooLong, asOf: asOf, category: "community").map { "\($0.severity):\($0.column)" }.sorted(),
                       ["warning:institution_id", "warning:valid_until"])
    }

    func testCreditRecordRules() throws {
        let policy = DisclosurePolicy(asOf: ISODate("2024-12-31")!)
        let repairedBefore = CreditRecord(id: "C9", institutionID: Sample.fushou, kind: "penalty", subjectName: "x", decidedOn: "2024-06-01",
                                          documentNo: nil, authority: "a", severity: nil, repairedOn: "2024-01-01")
        XCTAssertEqual(RecordRules.check(repairedBefore, policy: policy).map { "\($0.severity):\($0.column)" }.sorted(),
                       ["error:document_no", "error:repaired_on", "warning:severity"])
        let disclosedID = CreditRecord(id: "C10", institutionID: Sample.fushou, kind: "spot_check", subjectName: "x", decidedOn: "2024-06-01",
                                       authority: "a", reason: "护理员 110101199003071234")
        XCTAssertEqual(RecordRules.check(disclosedID, policy: policy).map { "\($0.severity):\($0.column)" }, ["error:reason"])
        XCTAssertFalse(RecordRules.check(disclosedID, policy: policy)[0].description.contains("110101199003071234"))
        var old = disclosedID
        old.decidedOn = "2020-01-01"
        XCTAssertEqual(RecordRules.check(old, policy: policy).map(\.severity), [.warning], "not public any more: a warning")
        // A window longer than the national maximum (1 year ordinary, 3 serious) is flagged.
        let long = CreditRecord(id: "C11", institutionID: Sample.fushou, kind: "penalty", subjectName: "x", decidedOn: "2024-06-01",
                                documentNo: "罚1", authority: "a", severity: "ordinary", discloseUntil: "2026-05-31")
        XCTAssertEqual(RecordRules.check(long, policy: policy).map { "\($0.severity):\($0.column)" }, ["warning:disclose_until"])
        var serious = long
        serious.severity = "serious"
        XCTAssertEqual(RecordRules.check(serious, policy: policy).map(\.column), [], "2 years is within 3 for a serious one")
    }

    func testDuplicatePenaltyNumbersAndNamesAreWarnings() throws {
        let dup = replacingRow("credit_records", id: "C3", with:
            "C3,\(Sample.fushou),penalty,organisation,曲沃县福寿养老院,2024-03-01,\(Sample.disclosedPenaltyNo),曲沃县民政局,未公示收费标准,依据,警告,,ordinary,,")
        let found = try findings(["credit_records": dup])
        XCTAssertTrue(found.contains { $0.severity == .warning && $0.column == "document_no" && $0.value == Sample.disclosedPenaltyNo }, "\(found)")
    }

    func testTargetsNeedKnownCodesAndPercentagesWithinRange() {
        let unknown = Target(indicator: "beds_totl", regionCode: "141000", year: 2028, value: 1, comparator: ">=", binding: "expected", source: "s")
        XCTAssertEqual(RecordRules.check(unknown).map(\.column), ["indicator"])
        let percent = Target(indicator: "nursing_bed_share", regionCode: "141000", year: 2028, value: 650, comparator: ">=", binding: "binding", source: "s")
        XCTAssertEqual(RecordRules.check(percent).map(\.column), ["value"])
        // 0.65 where 65 was meant (Excel shows 65% for 0.65): a warning saying what to write.
        let fraction = Target(indicator: "nursing_bed_share", regionCode: "141000", year: 2028, value: 0.65, comparator: ">=", binding: "binding", source: "s")
        let found = RecordRules.check(fraction)
        XCTAssertEqual(found.map(\.severity), [.warning])
        XCTAssertTrue(found.first?.expected.contains("for 65 % write 65") == true, "\(found)")
        let whole = Target(indicator: "beds_total", regionCode: "141000", year: 2028, value: 0.5, comparator: ">=", binding: "binding", source: "s")
        XCTAssertEqual(RecordRules.check(whole), [], "only percentages")
        // A figure far below any real one is said to be too small, not too large.
        let negative = Target(indicator: "beds_total", regionCode: "141000", year: 2028, value: -1e300, comparator: ">=", binding: "binding", source: "s")
        XCTAssertEqual(RecordRules.check(negative).first?.expected, "a number of at least -100000000000 (far below any real figure: a slip?)")
        XCTAssertEqual(RecordRules.check(negative).first?.chinese.hasSuffix("数字小得不合理：是不是多输了负号或几位？"), true)
    }

    func testRegionCodesFollowTheirParent() {
        let regions = [Region(code: "140000", name: "省", level: "province", parentCode: nil),
                       Region(code: "141000", name: "市", level: "city", parentCode: "140000"),
                       Region(code: "142021", name: "县", level: "county", parentCode: "141000"),
                       Region(code: "141022", name: "县2", level: "county", parentCode: "140000")]
        let found = RegionRules.check(regions)
        XCTAssertEqual(found.map { "\($0.row):\($0.column)" }.sorted(), ["141022:code", "141022:parent_code", "142021:code"])
    }

    /// One county without the actual figure the others have makes every region fall back to
    /// another year: staff are told which county's row is missing.
    func testACountyMissingAFigureTheOthersHaveIsNamed() throws {
        XCTAssertFalse(try findings().contains { $0.table == "region_stats" }, "the fixture's figures are complete")
        let found = try findings(sql: """
            DELETE FROM region_stats WHERE region_code = '141022' AND metric = 'population';
            INSERT INTO region_stats VALUES ('141022', 2025, 'population', 310000, 'projection', 't');
            """)
        let named = found.filter { $0.table == "region_stats" && $0.row == "population, 2022" }
        XCTAssertEqual(named.map(\.severity), [.warning], "\(found)")
        XCTAssertTrue(named[0].expected.contains("missing for 1 (翼城县 141022)"), named[0].description)
        // A county with no figure at all has no value; the others still use 2022, so that is what is said.
        let none = try findings(sql: "DELETE FROM region_stats WHERE region_code = '141022' AND metric = 'population'").filter { $0.table == "region_stats" }
        XCTAssertEqual(none.map(\.row), ["population"], "\(none)")
        XCTAssertTrue(none[0].expected.contains("none for 1 (翼城县 141022), whose indicators made from population show no value"), none[0].description)
        // A later year every county has is used anyway: no warning for the earlier, incomplete one.
        let later = try findings(sql: """
            DELETE FROM region_stats WHERE region_code = '141022' AND metric = 'population';
            INSERT INTO region_stats VALUES ('141021', 2023, 'population', 221000, 'actual', 't'), ('141022', 2023, 'population', 301000, 'actual', 't');
            """)
        XCTAssertFalse(later.contains { $0.table == "region_stats" }, "\(later)")
    }

    /// A city placed under one of its own counties (or any parent not above it) is an error:
    /// the build would lose every region page above it.
    func testAParentThatIsNotAboveTheRegionIsAnError() throws {
        let found = try findings(sql: "UPDATE regions SET parent_code = '141021' WHERE code = '141000'")
        let turned = found.filter { $0.table == "regions" && $0.row == "141000" && $0.column == "parent_code" }
        XCTAssertEqual(turned.map(\.severity), [.error], "\(found)")
        XCTAssertTrue(turned[0].description.contains("a region of a higher level than this city (a province; found 曲沃县, a county)"), turned[0].description)
        let province = try findings(sql: "UPDATE regions SET parent_code = '141000' WHERE code = '140000'")
        XCTAssertTrue(province.contains { $0.row == "140000" && $0.severity == .error }, "\(province)")
    }

    /// A database without meta still gets every other check.
    func testMissingMetaIsReportedKeyByKeyAndTheOtherChecksStillRun() throws {
        let found = try findings(sql: "DELETE FROM meta; UPDATE institutions SET caregivers_certified = 99 WHERE id = '\(Sample.fushou)'")
        XCTAssertEqual(found.filter { $0.table == "meta" }.map(\.row), SiteMeta.requiredKeys)
        XCTAssertTrue(found.contains { $0.table == "institutions" && $0.column == "caregivers_certified" }, "\(found)")
    }

    func testABadMetaValueIsShown() throws {
        let found = try findings(sql: "UPDATE meta SET value = '2024-31-12' WHERE key = 'data_as_of'")
        XCTAssertEqual(found.filter { $0.table == "meta" }.map(\.description),
                       ["error: meta[data_as_of] value = 2024-31-12: expected an ISO date YYYY-MM-DD"])
    }

    func testBadDisclosureDaysInMetaIsAnError() throws {
        let found = try findings(sql: "INSERT INTO meta VALUES ('disclosure_days_serious', 'three years')")
        XCTAssertTrue(found.contains { $0.severity == .error && $0.table == "meta" && $0.row == "disclosure_days_serious" }, "\(found)")
    }
}
