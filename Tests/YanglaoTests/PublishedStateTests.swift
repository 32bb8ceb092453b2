import Foundation
import XCTest
import YanglaoIndicators
@testable import YanglaoSite
import YanglaoStore

/// What the site states about a facility's record, its feed and its release history, in the
/// cases where saying too much or too little misleads a family or a journalist.
final class PublishedStateTests: XCTestCase {
    func page(_ site: String, _ id: String) throws -> String {
        try String(contentsOfFile: site + "/institutions/\(id)/index.html", encoding: .utf8)
    }

    func execute(_ db: String, _ sql: String) throws {
        try Database(path: db, mode: .readWriteCreate).execute(sql)
    }

    /// "抽查未发现问题" only for a facility whose spot checks all passed: not for one never
    /// checked, nor for one whose result the site cannot read; 责令改正 is a finding.
    func testTheCleanRecordLineClaimsOnlyWhatTheSpotChecksSay() throws {
        XCTAssertEqual(SpotCheck.outcome("责令限期改正"), .finding)
        XCTAssertEqual(SpotCheck.outcome("合格（已整改）"), .passed)
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        let unchecked = try page(site, Sample.scriptHome)
        XCTAssertTrue(unchecked.contains("公示期内没有行政处罚、失信惩戒和黑名单记录（截至"), unchecked)
        XCTAssertFalse(unchecked.contains("抽查未发现问题"), "never checked is not checked and clean")
        try execute(db, """
            INSERT INTO credit_records (id, institution_id, kind, subject_type, subject_name, decided_on, authority, basis, result)
            VALUES ('S1', '\(Sample.scriptHome)', 'spot_check', 'organisation', '测试养老院', '2024-10-01', '曲沃县民政局', '双随机抽查', '合格');
            """)
        XCTAssertTrue(try page(try ws.buildSite(db: db, out: "s2"), Sample.scriptHome).contains("抽查未发现问题"))
        try execute(db, "UPDATE credit_records SET result = '已检查' WHERE id = 'S1'")
        let unclear = try page(try ws.buildSite(db: db, out: "s3"), Sample.scriptHome)
        XCTAssertFalse(unclear.contains("抽查未发现问题"))
        XCTAssertTrue(unclear.contains("抽查结果见下方"))
        try execute(db, "UPDATE credit_records SET result = '责令限期改正' WHERE id = 'S1'")
        XCTAssertTrue(try page(try ws.buildSite(db: db, out: "s4"), Sample.scriptHome).contains("公示中的信用记录："))
    }

    /// A withdrawal is news of its own in the feed, and the rating's entry says it; a withdrawal
    /// dated after the reference day is not part of these data (no page, dataset or feed shows it).
    func testAWithdrawnRatingIsAnnouncedAndALaterWithdrawalIsNotShown() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try execute(db, "UPDATE ratings SET withdrawn_on = '2024-06-01' WHERE id = 'R1'")
        let feed = try String(contentsOfFile: try ws.buildSite(db: db) + "/feed.xml", encoding: .utf8)
        XCTAssertTrue(feed.contains("rating:R1:withdrawn"), feed)
        XCTAssertTrue(feed.contains("<updated>2024-06-01"), feed)
        XCTAssertTrue(feed.contains("已于 2024-06-01 撤销。"), feed)
        try execute(db, "UPDATE ratings SET withdrawn_on = '2025-03-01' WHERE id = 'R1'")
        let later = try ws.buildSite(db: db, out: "later")
        for file in ["feed.xml", "data/ratings.csv", "data/ratings.json", "data/institutions/\(Sample.fushou).json", "institutions/\(Sample.fushou)/index.html"] {
            XCTAssertFalse(try String(contentsOfFile: later + "/" + file, encoding: .utf8).contains("2025-03-01"), file)
        }
        XCTAssertTrue(try page(later, Sample.fushou).contains("三级"))
    }

    /// The feed's newest entries by date, then id, also when many records share the boundary day.
    func testTheFeedKeepsTheNewestOfABoundaryDay() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let rows = (1...55).map { n in
            "('P\(String(format: "%02d", n))', '\(Sample.fushou)', 'penalty', 'organisation', '曲沃县福寿养老院', '2024-12-01', '曲民罚〔2024〕\(100 + n)号', '曲沃县民政局', '测试', '测试', '警告', 'ordinary')"
        }
        try execute(db, "INSERT INTO credit_records (id, institution_id, kind, subject_type, subject_name, decided_on, document_no, authority, reason, basis, result, severity) VALUES "
                    + rows.joined(separator: ", "))
        let feed = try String(contentsOfFile: try ws.buildSite(db: db) + "/feed.xml", encoding: .utf8)
        // Those the feed holds are the newest: P55 down to some Pn, none left out in between.
        let held = (1...55).filter { feed.contains(":credit:P\(String(format: "%02d", $0))<") }
        XCTAssertGreaterThan(held.count, 40)
        XCTAssertEqual(held, Array((56 - held.count)...55))
    }

    /// A record key typed with a space or a bracket still gives the feed entry an id that is an
    /// IRI (percent-encoded); a plain key stays as it is.
    func testAFeedEntrysIdIsAnIRIWhateverTheRecordsKey() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try execute(db, "INSERT INTO credit_records (id, institution_id, kind, subject_type, subject_name, decided_on, document_no, authority, reason, basis, result, severity) VALUES "
                    + "('C9<x>', '\(Sample.fushou)', 'penalty', 'organisation', '曲沃县福寿养老院', '2024-12-20', '曲民罚〔2024〕999号', '曲沃县民政局', '测试', '测试', '警告', 'ordinary')")
        let feed = try String(contentsOfFile: try ws.buildSite(db: db) + "/feed.xml", encoding: .utf8)
        XCTAssertTrue(feed.contains(":credit:C9%3Cx%3E</id>"), feed)
        XCTAssertEqual(Feed.urnPart("C00001"), "C00001")
        XCTAssertEqual(Feed.urnPart("C 9"), "C%209", "a key with a space (refused by validate) still makes an IRI")
    }

    /// A county with facilities but no care home says so near the top of its page.
    func testACountyWithoutCareHomesSaysSo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try execute(db, """
            DELETE FROM credit_records WHERE institution_id = '\(Sample.kangle)';
            DELETE FROM ratings WHERE institution_id = '\(Sample.kangle)';
            DELETE FROM institutions WHERE id = '\(Sample.kangle)';
            """)
        let site = try ws.buildSite(db: db)
        let yicheng = try String(contentsOfFile: site + "/regions/\(Sample.yicheng)/index.html", encoding: .utf8)
        let said = try XCTUnwrap(yicheng.range(of: "本地区的名录中没有养老机构"))
        XCTAssertLessThan(said.lowerBound, try XCTUnwrap(yicheng.range(of: "<h2 id=\"indicators\">")).lowerBound, "before the statistics")
        XCTAssertFalse(try String(contentsOfFile: site + "/regions/\(Sample.quwo)/index.html", encoding: .utf8).contains("没有养老机构"))
    }

    /// A closed home is listed by the finder as closed, not by its former level.
    func testAClosedHomeIsNotLabelledWithItsLevelInTheFinder() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try execute(db, "UPDATE institutions SET status = 'closed' WHERE id = '\(Sample.fushou)'")
        let site = try ws.buildSite(db: db)
        let files = try FileManager.default.contentsOfDirectory(atPath: site + "/search").filter { $0.hasPrefix("f-") }
        let finder = try files.map { try String(contentsOfFile: site + "/search/" + $0, encoding: .utf8) }.joined()
        XCTAssertTrue(finder.contains("已关闭（原三级）"), finder)
        // Its own page says the same: no 当前等级 for a home one cannot choose.
        let page = try String(contentsOfFile: site + "/institutions/\(Sample.fushou)/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("已关闭（原三级）"), page)
        XCTAssertTrue(page.contains("<p>该机构已关闭。关闭前的等级为三级"), page)
        XCTAssertFalse(page.contains("当前等级"), page)
        XCTAssertTrue(page.contains("人（已关闭）"), "no occupancy rate for a home that takes no one: \(page)")
        // …and so do the lists of its county and of the directory.
        for list in ["regions/\(Sample.quwo)/index.html", "institutions/index.html"] {
            let html = try String(contentsOfFile: site + "/" + list, encoding: .utf8)
            let row = try XCTUnwrap(html.components(separatedBy: "<tr").first { $0.contains(Sample.fushou) }, list)
            XCTAssertTrue(row.contains("已关闭（原三级）"), "\(list): \(row)")
            XCTAssertFalse(row.contains("★"), "\(list): \(row)")
        }
    }

    /// A target missed at the end of its year stays missed in the next release: it is judged
    /// on the figure the site published for that year, not left without data.
    func testAMissedTargetStaysMissedInTheNextRelease() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try execute(db, "UPDATE meta SET value = '2025-12-31' WHERE key = 'data_as_of'; UPDATE targets SET value = 65 WHERE indicator = 'nursing_bed_share'")
        let first = try ws.buildSite(db: db)
        func line(_ site: String) throws -> String {
            let page = try String(contentsOfFile: site + "/indicators/nursing_bed_share/index.html", encoding: .utf8)
            return try XCTUnwrap(page.range(of: "2025 年 ≥ 65%（约束性）.{0,300}", options: .regularExpression).map { String(page[$0]) })
        }
        let before = try line(first)
        XCTAssertTrue(before.contains("未达到"), before)
        try execute(db, "UPDATE meta SET value = '2026-06-30' WHERE key = 'data_as_of'")
        let after = try line(try ws.buildSite(db: db))
        let next = ws.path("site")
        XCTAssertTrue(after.contains("未达到（已过目标年）"), after)
        XCTAssertTrue(after.contains("本站 2025-12-31 版数据判断"), after)
        let csv = try String(contentsOfFile: next + "/data/indicators.csv", encoding: .utf8)
        XCTAssertTrue(csv.contains("nursing_bed_share,护理型床位占比,141000,临汾市,2026,59.26,%,160,270,本站计算,,,,65,2025,true,at_least,binding,missed,测试规划 表一,2026-06-30"), csv)
    }

    /// A build judged on another day than the data date (`--as-of`) archives no release: a
    /// release holds its data as of its date.
    func testAnAsOfBuildArchivesNoRelease() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let summary = try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("site"), asOf: ISODate("2025-01-20")))
        XCTAssertNil(summary.newRelease)
        XCTAssertTrue(summary.warnings.contains { $0.contains("--as-of 2025-01-20") }, "\(summary.warnings)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site/data/releases/2024-12-31")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/data/latest/ratings.csv")))
        // Its files say on which day they were judged, are cited as they are, and their package says so.
        let page = try String(contentsOfFile: ws.path("site/data/ratings/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("这里的文件按 2025年1月20日 判断信用信息的公示期和等级的有效期"), page)
        XCTAssertTrue(page.contains("（数据截至 2024-12-31，按 2025-01-20 判断）[DS/OL]．[<span class=\"cite-date\">引用日期</span>]．<span class=\"cite-url\">/data/ratings.csv</span>（SHA-256："), page)
        XCTAssertFalse(page.contains("href=\"/data/releases/2024-12-31/\""), "no link to a release not archived")
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/data/datapackage.json"), encoding: .utf8).contains("\"version\": \"2024-12-31-as-of-2025-01-20\""))
        let released = try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("site")))
        XCTAssertEqual(released.newRelease, "2024-12-31")
        // The first release counts what it discloses; the next, after an --as-of build, counts
        // against what the site showed, not every record as new.
        func credit(_ date: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: ws.path("site/data/releases/\(date)/changes.json")))
            return try XCTUnwrap((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["credit_records"] as? [String: Any])
        }
        XCTAssertEqual(try credit("2024-12-31")["disclosed_count"] as? Int, 2)
        try execute(db, "UPDATE meta SET value = '2025-03-31' WHERE key = 'data_as_of'")
        try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("site"), asOf: ISODate("2025-04-10")))
        try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("site")))
        let next = try credit("2025-03-31")
        XCTAssertEqual(next["new_count"] as? Int, 0, "\(next)")
    }

    /// A release published under a mistyped later date and deleted as the README says: the
    /// release of the right date counts credit records against what the site showed, not
    /// every record as new.
    func testAReleaseAfterADeletedMistypedOneCountsCreditChangesAgainstWhatWasShown() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.buildSite(db: db)
        try execute(db, "UPDATE meta SET value = '2025-03-31' WHERE key = 'data_as_of'")
        try ws.buildSite(db: db)
        try FileManager.default.removeItem(atPath: ws.path("site/data/releases/2025-03-31"))
        try execute(db, "UPDATE meta SET value = '2025-02-28' WHERE key = 'data_as_of'")
        try ws.buildSite(db: db)
        let data = try Data(contentsOf: URL(fileURLWithPath: ws.path("site/data/releases/2025-02-28/changes.json")))
        let credit = try XCTUnwrap((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["credit_records"] as? [String: Any])
        XCTAssertEqual(credit["new_count"] as? Int, 0, "\(credit)")
        XCTAssertEqual(credit["disclosed_count"] as? Int, 2, "\(credit)")
    }

    /// A facility added by a correction and gone by the next release keeps its address, which
    /// says where its data are (the correction), though no release ever listed it.
    func testAFacilityAddedByACorrectionAndGoneByTheNextReleaseKeepsItsPage() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.buildSite(db: db)
        let first17 = "52141021MA0K00099"
        let full = first17 + String(USCC.checkCharacter(for: first17)!)
        try execute(db, """
            INSERT INTO institutions (id, name, region_code, category, ownership, status, beds_total, beds_nursing, medical_integration, fire_safety_accepted, updated_on)
            VALUES ('\(full)', '曲沃县更正新增养老院', '141021', 'institution', 'private', 'operating', 20, 5, 'none', 0, '2024-12-01');
            INSERT INTO meta (key, value) VALUES ('corrected_on', '2025-01-05');
            """)
        try ws.buildSite(db: db)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/data/corrections/2024-12-31/1/institutions.json")))
        try execute(db, """
            DELETE FROM institutions WHERE id = '\(full)';
            DELETE FROM meta WHERE key = 'corrected_on';
            UPDATE meta SET value = '2025-03-31' WHERE key = 'data_as_of';
            """)
        let site = try ws.buildSite(db: db)
        let removed = try page(site, String(full))
        XCTAssertTrue(removed.contains("已于 2025-03-31 版数据中移出名录"), removed)
        XCTAssertTrue(removed.contains("data/corrections/2024-12-31/1/"), removed)
        let json = try String(contentsOfFile: site + "/data/institutions/\(full).json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"last_listed_in_url\""), json)
    }
}

/// Figures that cannot both be right are shown as figures to check.
final class DoubtfulFigureTests: XCTestCase {
    func testMoreResidentsThanBedsIsShownAsAFigureToCheck() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET residents = beds_total + 6 WHERE id = '\(Sample.fushou)'")
        let site = try ws.buildSite(db: db)
        let page = try String(contentsOfFile: site + "/institutions/\(Sample.fushou)/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("%）；在住人数多于床位数，数字待核实"), page)
        XCTAssertFalse(try String(contentsOfFile: site + "/institutions/\(Sample.scriptHome)/index.html", encoding: .utf8).contains("待核实"))
    }
}
