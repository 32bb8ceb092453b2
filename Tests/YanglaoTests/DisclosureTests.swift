import XCTest
import YanglaoIndicators
@testable import YanglaoStore
import YanglaoSite

final class DisclosurePolicyTests: XCTestCase {
    let asOf = ISODate("2024-12-31")!
    var policy: DisclosurePolicy { DisclosurePolicy(asOf: asOf) }

    func record(_ kind: String = "penalty", severity: String? = "ordinary", decidedDaysAgo days: Int,
                until: String? = nil, repaired: String? = nil) -> CreditRecord {
        CreditRecord(id: "C", institutionID: Sample.fushou, kind: kind, subjectName: "曲沃县福寿养老院",
                     decidedOn: asOf.adding(days: -days).description, authority: "民政局", severity: severity,
                     discloseUntil: until, repairedOn: repaired)
    }

    /// 12 months counted as the Civil Code counts them: decided 2023-12-31, public to 2024-12-31.
    func testOrdinaryPenaltyIsShownForTwelveMonths() {
        XCTAssertTrue(policy.isDisclosed(record(decidedDaysAgo: 0)))
        XCTAssertTrue(policy.isDisclosed(record(decidedDaysAgo: 366)), "2023-12-31 + 12 months is 2024-12-31, the last day")
        XCTAssertFalse(policy.isDisclosed(record(decidedDaysAgo: 367)))
        XCTAssertEqual(policy.lastDay(of: record(decidedDaysAgo: 366)), asOf)
    }

    func testSeriousPenaltyIsShownForThirtySixMonths() {
        XCTAssertEqual(asOf.adding(days: -1096).description, "2021-12-31")
        XCTAssertTrue(policy.isDisclosed(record(severity: "serious", decidedDaysAgo: 1096)))
        XCTAssertFalse(policy.isDisclosed(record(severity: "serious", decidedDaysAgo: 1097)))
    }

    /// The corresponding day, or the month's last day when there is none; a leap year does not shorten a window.
    func testMonthWindowsEndOnTheCorrespondingDay() {
        let twelve = DisclosureWindow.months(12)
        XCTAssertEqual(twelve.lastDay(decided: ISODate("2023-10-25")!), ISODate("2024-10-25"))
        XCTAssertEqual(twelve.lastDay(decided: ISODate("2024-02-29")!), ISODate("2025-02-28"))
        XCTAssertEqual(DisclosureWindow.months(1).lastDay(decided: ISODate("2024-01-31")!), ISODate("2024-02-29"))
        XCTAssertEqual(DisclosureWindow.days(365).lastDay(decided: ISODate("2023-10-25")!), ISODate("2024-10-23"), "days count the decision day")
        XCTAssertEqual([twelve.wordsZH, DisclosureWindow.months(18).wordsZH, DisclosureWindow.days(90).wordsZH], ["1 年", "18 个月", "90 天"])
    }

    func testSpotCheckUsesTheOrdinaryWindowAndRewardTheSeriousOne() {
        XCTAssertFalse(policy.isDisclosed(record("spot_check", severity: nil, decidedDaysAgo: 400)))
        XCTAssertTrue(policy.isDisclosed(record("reward", severity: nil, decidedDaysAgo: 400)))
    }

    func testExplicitDiscloseUntilWins() {
        // Old enough to be hidden by default, but the decision sets a later end.
        XCTAssertTrue(policy.isDisclosed(record(decidedDaysAgo: 1000, until: "2025-06-30")))
        // Recent enough to be shown by default, but the decision ended display already.
        XCTAssertFalse(policy.isDisclosed(record(severity: "serious", decidedDaysAgo: 30, until: "2024-12-30")))
        XCTAssertEqual(policy.lastDay(of: record(decidedDaysAgo: 1000, until: "2025-06-30")), ISODate("2025-06-30"))
    }

    func testRepairedRecordIsWithdrawnFromItsRepairDate() {
        XCTAssertFalse(policy.isDisclosed(record(decidedDaysAgo: 100, repaired: "2024-09-01")))
        XCTAssertFalse(policy.isDisclosed(record(decidedDaysAgo: 100, repaired: "2024-12-31")), "repaired on the reference day")
        XCTAssertTrue(policy.isDisclosed(record(decidedDaysAgo: 100, repaired: "2025-01-01")), "repair after the reference day")
    }

    func testRecordDecidedAfterTheReferenceDayIsNotShown() {
        XCTAssertFalse(policy.isDisclosed(record(decidedDaysAgo: -1)))
    }

    func testPledgeIsAlwaysShown() {
        XCTAssertTrue(policy.isDisclosed(record("pledge", severity: nil, decidedDaysAgo: 5000)))
        XCTAssertNil(policy.lastDay(of: record("pledge", severity: nil, decidedDaysAgo: 5000)))
    }

    /// A blacklist entry ends like a serious record unless `disclose_until` keeps it longer.
    func testBlacklistEntryEndsAfterTheSeriousWindow() {
        XCTAssertTrue(policy.isDisclosed(record("blacklist", severity: "serious", decidedDaysAgo: 1000)))
        XCTAssertFalse(policy.isDisclosed(record("blacklist", severity: "serious", decidedDaysAgo: 1200)))
    }

    func testWindowsComeFromMeta() throws {
        let meta = try SiteMeta(entries: [
            ("title", "t"), ("publisher", "p"), ("licence", "l"), ("contact", "c"), ("data_as_of", "2024-12-31"),
            ("sample", "true"), ("disclosure_days_ordinary", "30"),
        ])
        let p = try DisclosurePolicy(meta: meta)
        XCTAssertEqual(p.ordinary, .days(30))
        XCTAssertEqual(p.serious, .months(36))
        XCTAssertFalse(p.isDisclosed(record(decidedDaysAgo: 30)))
        XCTAssertEqual(try DisclosurePolicy(meta: meta, asOf: ISODate("2024-01-01")).asOf, ISODate("2024-01-01"))
    }

    /// Data as of 31 December published in June: a record whose window ends, or that is repaired,
    /// in between is not published (it would be shown after its disclosure period); one decided
    /// after the data date is not in these data at all.
    func testARecordEndedBeforeThePublicationDayIsWithheld() throws {
        let meta = try SiteMeta(entries: [
            ("title", "t"), ("publisher", "p"), ("licence", "l"), ("contact", "c"), ("data_as_of", "2024-12-31"),
            ("sample", "true"), ("published_on", "2025-03-01"),
        ])
        let p = try DisclosurePolicy(meta: meta)
        XCTAssertEqual(p.publishedOn, ISODate("2025-03-01"))
        XCTAssertTrue(policy.isDisclosed(record(decidedDaysAgo: 320)), "inside its window on the data date")
        XCTAssertFalse(p.isDisclosed(record(decidedDaysAgo: 320)), "decided 2024-02-15, its 12 months end 2025-02-15, before publication")
        XCTAssertTrue(p.isDisclosed(record(decidedDaysAgo: 200)), "its 12 months end 2025-06-14, after publication")
        XCTAssertFalse(p.isDisclosed(record(decidedDaysAgo: 10, repaired: "2025-01-15")), "repaired before publication")
        XCTAssertTrue(p.isDisclosed(record(decidedDaysAgo: 10, repaired: "2025-04-01")))
        XCTAssertFalse(p.isDisclosed(record(decidedDaysAgo: -10)), "decided after the data date")
        // A correction publishes the files again on its own day.
        let corrected = try DisclosurePolicy(meta: try SiteMeta(entries: [
            ("title", "t"), ("publisher", "p"), ("licence", "l"), ("contact", "c"), ("data_as_of", "2024-12-31"),
            ("sample", "true"), ("published_on", "2025-01-10"), ("corrected_on", "2025-03-01"),
        ]))
        XCTAssertEqual(corrected.publishedOn, ISODate("2025-03-01"))
        XCTAssertFalse(corrected.isDisclosed(record(decidedDaysAgo: 320)))
        // A build judged on another day (--as-of) withholds by that day, whatever published_on says.
        let judged = try DisclosurePolicy(meta: meta, asOf: ISODate("2024-12-31"))
        XCTAssertTrue(judged.isDisclosed(record(decidedDaysAgo: 320)))
    }

    func testAWindowInMonthsAndInDaysAtOnceIsRejected() throws {
        let entries: [(key: String, value: String)] = [
            ("title", "t"), ("publisher", "p"), ("licence", "l"), ("contact", "c"), ("data_as_of", "2024-12-31"),
            ("sample", "true"), ("disclosure_months_serious", "24"), ("disclosure_days_serious", "730"),
        ]
        XCTAssertThrowsError(try DisclosurePolicy(meta: try SiteMeta(entries: entries)))
        XCTAssertEqual(SiteMeta.problems(in: entries).map(\.description).count, 1)
        let months = try DisclosurePolicy(meta: try SiteMeta(entries: Array(entries.dropLast())))
        XCTAssertEqual(months.serious, .months(24))
    }

    func testNonPositiveWindowInMetaIsRejected() throws {
        let meta = try SiteMeta(entries: [
            ("title", "t"), ("publisher", "p"), ("licence", "l"), ("contact", "c"), ("data_as_of", "2024-12-31"),
            ("sample", "true"), ("disclosure_days_serious", "0"),
        ])
        XCTAssertThrowsError(try DisclosurePolicy(meta: meta))
    }

    func testPersonNamesAreMasked() {
        XCTAssertEqual(DisclosurePolicy.maskPersonName("王小明"), "王*明")
        XCTAssertEqual(DisclosurePolicy.maskPersonName("王明"), "王*")
        XCTAssertEqual(DisclosurePolicy.maskPersonName("欧阳小明"), "欧**明")
        XCTAssertEqual(DisclosurePolicy.maskPersonName(" 王小明 "), "王*明")
    }

    func testOnlyPersonsAreMaskedInPublicNames() {
        var r = record(decidedDaysAgo: 1)
        XCTAssertEqual(DisclosurePolicy.publicName(of: r), "曲沃县福寿养老院")
        r.subjectType = "person"
        r.subjectName = "王小明"
        XCTAssertEqual(DisclosurePolicy.publicName(of: r), "王*明")
    }
}

final class PrivacyGuardTests: XCTestCase {
    func testEighteenDigitIDCardNumberIsFound() {
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "当事人身份证号110101199003071234。"), "an ID-card number")
    }

    func testSeventeenDigitsAndXIsAnIDCardNumber() {
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "11010119900307123X"), "an ID-card number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "11010119900307123x"), "an ID-card number")
    }

    func testMobileNumberIsFound() {
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "联系电话13812345678"), "a mobile number")
    }

    func testNumbersWrittenTheWayPeopleWriteThemAreFound() {
        // Full-width digits, groups split by spaces or hyphens, a country prefix.
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "身份证１４２６０１１９８００１０１１２３Ｘ"), "an ID-card number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "身份证 142601 19800101 1234"), "an ID-card number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话139-1234-5678"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话 139 1234 5678。"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话+8613912345678"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话 +86 139 1234 5678"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话００８６１３９１２３４５６７８"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "１３９１２３４５６７８"), "a mobile number")
        // A date just before the number does not hide it.
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "2024-05-12 13912345678"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话13912345678x"), "a mobile number", "an extension mark does not hide it")
        // Slashes between groups, a space before the X, the 15-digit number of before 1999.
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "电话139/1234/5678"), "a mobile number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "身份证号14100219800101123 X"), "an ID-card number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "身份证号141002800101123"), "an ID-card number")
        XCTAssertNil(PrivacyGuard.identifierKind(in: "注册号141002123456789"), "15 digits without a birth date")
        XCTAssertNil(PrivacyGuard.identifierKind(in: "注册号001002800101123"), "15 digits without a province")
        // Messages never echo them whole, however the groups are joined.
        for (text, middle) in [("电话139/1234/5678", "1234"), ("电话138.1234.5678", "1234"), ("身份证号14100219800101123 X", "19800101"),
                               ("号141002\u{3000}19800101\u{3000}1234", "19800101"), ("号141002\u{00A0}19800101\u{00A0}1234", "19800101"),
                               ("电话139—1234—5678", "1234")] {
            XCTAssertFalse(PersonalNumbers.shown(text).contains(middle), PersonalNumbers.shown(text))
        }
    }

    /// Spaced hyphens, brackets, middle dots, thin spaces and the Roman numeral Ⅹ, as people
    /// and input methods write numbers, do not hide one.
    func testSpacedDashesBracketsDotsAndThinSpacesDoNotHideANumber() {
        for text in ["电话 139 - 1234 - 5678", "(139)1234-5678", "（139）1234 5678", "139·1234·5678", "139・1234・5678", "139．1234．5678",
                     "139\u{2009}1234\u{2009}5678", "139\u{202F}1234\u{202F}5678", "电话139,1234,5678", "电话 139，1234，5678"] {
            XCTAssertEqual(PrivacyGuard.identifierKind(in: text), "a mobile number", text)
            XCTAssertFalse(PersonalNumbers.shown(text).contains("1234"), PersonalNumbers.shown(text))
        }
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "142601 - 19800101 - 1234"), "an ID-card number")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "14260119800101123\u{2169}"), "an ID-card number")
        // Years and counts in brackets and lists stay text.
        XCTAssertNil(PrivacyGuard.identifierKind(in: "规划（2021—2025年）和（2024-2028年）"))
        XCTAssertNil(PrivacyGuard.identifierKind(in: "全市 (253) 个社区、(137) 个乡镇，2023 年底"))
        // Amounts with thousands commas and lists of years stay text.
        for text in ["投资 1,391,234,567 元", "13，512，345，678", "2023,2024,2025 年", "投资 13,512,345,678 元，电话 0357-1234567",
                     "每月1，3，5，7，9，11，13，15日开放", "床位 1,3,9,12,34,56,78 号"] {
            XCTAssertNil(PrivacyGuard.identifierKind(in: text), text)
        }
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "投资 1,000 元，电话 13912345678"), "a mobile number")
    }

    func testLongerNumbersAndLandlinesAreNotIdentifiers() {
        XCTAssertNil(PrivacyGuard.identifierKind(in: "文号 2024-0512-1234-5678-9"), "groups that add up to no identifier")
        XCTAssertNil(PrivacyGuard.identifierKind(in: "2024年5月12日，罚款 10 000 元"))
        XCTAssertNil(PrivacyGuard.identifierKind(in: "账号12345678901234567890"))
        XCTAssertNil(PrivacyGuard.identifierKind(in: "电话0357-1234567"))
        XCTAssertNil(PrivacyGuard.identifierKind(in: "曲民罚〔2024〕12号，罚款2000元"))
        XCTAssertNil(PrivacyGuard.identifierKind(in: "12345678901"), "11 digits not shaped like a mobile")
    }

    /// The quick look at the bytes never lets through what the exact count would look at:
    /// eleven of any character read as a digit pass it, and ordinary Chinese text does not.
    func testTheQuickByteLookMissesNoDigit() {
        var digits = 0
        for v in UInt32(0)...0x10FFFF {
            guard let c = Unicode.Scalar(v), PersonalNumbers.digit(c) != nil else { continue }
            digits += 1
            XCTAssertTrue(PersonalNumbers.mayHoldElevenDigits(String(repeating: String(c), count: 11)), "U+\(String(v, radix: 16))")
        }
        XCTAssertGreaterThan(digits, 500, "ASCII, full-width, enclosed, mathematical and other scripts' digits")
        XCTAssertTrue(PersonalNumbers.mayHoldElevenDigits("电话：1391234567８"))
        XCTAssertFalse(PersonalNumbers.mayHoldElevenDigits("“曲沃县福寿养老院”（民办）——2024年5月12日，罚款200元。"), "ten digits among Chinese punctuation")
        XCTAssertEqual(PrivacyGuard.identifierKind(in: "联系人①③⑨①②③④⑤⑥⑦⑧"), "a mobile number")
    }

    func testCheckNamesTheRecordAndColumn() {
        let r = CreditRecord(id: "C9", institutionID: Sample.fushou, kind: "penalty", subjectName: "曲沃县福寿养老院",
                             decidedOn: "2024-06-01", authority: "民政局", reason: "护理员身份证110101199003071234未登记")
        let findings = PrivacyGuard.check(r)
        XCTAssertEqual(findings.map(\.table), ["credit_records"])
        XCTAssertEqual(findings.map(\.rowID), ["C9"])
        XCTAssertEqual(findings.map(\.column), ["reason"])
        XCTAssertEqual(findings.map(\.kind), ["an ID-card number"])
    }

    func testCleanRecordHasNoFindings() {
        let r = CreditRecord(id: "C1", institutionID: Sample.fushou, kind: "penalty", subjectName: "曲沃县福寿养老院",
                             decidedOn: "2024-06-01", documentNo: "曲民罚〔2024〕12号", authority: "民政局", reason: "未开展评估")
        XCTAssertEqual(PrivacyGuard.check(r), [])
    }
}

/// `--as-of` judges the data on a later day only: an earlier one would publish again a record
/// the data have since repaired (and the ID-card number in it).
final class ReferenceDatePrivacyTests: XCTestCase {
    func testAnEarlierReferenceDayIsRefused() throws {
        let ws = try Workspace(self)
        let row = "C3,\(Sample.fushou),penalty,organisation,曲沃县福寿养老院,2024-03-01,曲民罚〔2024〕777号,曲沃县民政局,护理员身份证142601198001011234未登记,依据,警告,,ordinary,,2024-09-01"
        let db = try ws.database("id.sqlite", ["credit_records": replacingRow("credit_records", id: "C3", with: row)])
        // On the data date the record is repaired (withdrawn): the build publishes, the number nowhere.
        try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("a")))
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("b"),
                                                               asOf: ISODate("2024-06-01")))) { error in
            XCTAssertTrue("\(error)".contains("--as-of 2024-06-01 is before the data's date (meta data_as_of 2024-12-31)"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("b")), "nothing was published")
    }
}
