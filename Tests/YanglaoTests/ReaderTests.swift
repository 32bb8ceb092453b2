import Foundation
import XCTest
@testable import YanglaoIndicators
@testable import YanglaoStore
@testable import YanglaoSite

/// What citizens read and tap: warnings wherever an institution is listed,
/// text sizes, phone links, wording, printing and the pages without script.
final class ReaderTests: XCTestCase {
    static let blacklist = "C5,52141022MA0K00003H,blacklist,organisation,翼城县康乐养老中心,2024-09-01,翼民发〔2024〕9号,临汾市民政局,严重侵害老年人合法权益,《养老服务市场失信联合惩戒对象名单管理办法（试行）》,列入黑名单,,serious,,"
    static let suspended = "52141022MA0K00004L,翼城县城东社区日间照料中心,141022,community,public,翼城县城东社区,,,,2020-03-03,suspended,10,0,,,,,none,0,2024-10-01"

    /// The sample with 康乐 on the blacklist and the 城东 facility suspended.
    func warnedSite() throws -> String {
        let ws = try Workspace(self)
        let db = try ws.database("warned.sqlite", [
            "credit_records": appendingRow("credit_records", Self.blacklist),
            "institutions": replacingRow("institutions", id: Sample.chengdong, with: Self.suspended),
        ])
        return try ws.buildSite(db: db)
    }

    func read(_ site: String, _ relative: String) throws -> String {
        try String(contentsOfFile: site + "/" + relative, encoding: .utf8)
    }

    func json(_ site: String, _ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/" + relative)))
    }

    /// The line of `html` that links to `id`'s page.
    func row(_ html: String, _ id: String) throws -> String {
        try XCTUnwrap(html.split(separator: "\n").first { $0.contains("institutions/\(id)/\"") }.map(String.init), "no row for \(id)")
    }

    // MARK: warnings

    /// A closed care home: last on its county's list, which says it counts one closed; left
    /// out of the ratings page's counts (which says so); its map point says it is closed.
    func testAClosedCareHomeIsCountedAsSuchEverywhereItAppears() throws {
        let ws = try Workspace(self)
        let closed = Sample.row("institutions", Sample.fushou).replacingOccurrences(of: ",operating,", with: ",closed,")
        let db = try ws.database("closed.sqlite", ["institutions": replacingRow("institutions", id: Sample.fushou, with: closed)])
        let site = try ws.buildSite(db: db)
        let county = try read(site, "regions/\(Sample.quwo)/index.html")
        XCTAssertTrue(county.contains("养老机构（2，含已关闭 1 家）"), county)
        let order = [Sample.scriptHome, Sample.fushou].map { county.range(of: "institutions/\($0)/")?.lowerBound }
        XCTAssertTrue(order[0]! < order[1]!, "the closed one (rated 三级) comes after the unrated open one")
        let ratings = try read(site, "ratings/index.html")
        XCTAssertTrue(ratings.contains("本页的统计和名单不含已关闭的机构"))
        XCTAssertFalse(ratings.contains("institutions/\(Sample.fushou)/"), "not listed under its level")
        let geo = try XCTUnwrap(json(site, "data/institutions.geojson") as? [String: Any])
        let features = try XCTUnwrap(geo["features"] as? [[String: Any]])
        // Opened in a map tool, away from the pages, the file still says its date and that it is the sample's.
        XCTAssertEqual(geo["sample"] as? Bool, true)
        XCTAssertEqual(geo["data_as_of"] as? String, "2024-12-31")
        let status = Dictionary(uniqueKeysWithValues: features.map {
            (($0["properties"] as? [String: Any])?["url"] as? String ?? "", ($0["properties"] as? [String: Any])?["status"] as? String)
        })
        XCTAssertEqual(status["/institutions/\(Sample.fushou)/"], "closed")
        // The directory's level filter no longer finds it by its level.
        let rows = try XCTUnwrap(try json(site, "search/f-\(Sample.quwo).json") as? [[Any]])
        XCTAssertEqual(rows.first { $0[0] as? String == Sample.fushou }?[7] as? Int, 0)
        XCTAssertTrue(county.contains("养老机构 2 家（含已关闭 1 家）"), "the jump line counts it too")
        XCTAssertEqual(status["/institutions/\(Sample.kangle)/"], "operating")
        // An empty level says why: 康乐's rating expired.
        let kangle = features.first { ($0["properties"] as? [String: Any])?["url"] as? String == "/institutions/\(Sample.kangle)/" }
        let properties = try XCTUnwrap(kangle?["properties"] as? [String: Any])
        XCTAssertEqual(properties["rating_state"] as? String, "expired")
        XCTAssertTrue(properties["rating_level"] is NSNull)
        // Map tools join on properties: the facility's code is one, and the dataset page lists them all.
        XCTAssertEqual(properties["id"] as? String, Sample.kangle)
        let page = try read(site, "data/institutions/index.html")
        for key in properties.keys { XCTAssertTrue(page.contains("<code>\(key)</code>"), key) }
    }

    func testBlacklistAndSuspensionAreShownInTheDirectoryAndOnRegionPages() throws {
        let site = try warnedSite()
        for page in ["institutions/index.html", "regions/\(Sample.yicheng)/index.html"] {
            let html = try read(site, page)
            XCTAssertTrue(try row(html, Sample.kangle).contains("已列入黑名单"), page)
            XCTAssertTrue(try row(html, Sample.chengdong).contains("暂停运营"), page)
        }
        // A penalty being disclosed is a badge too, wherever the facility is listed.
        XCTAssertTrue(try row(try read(site, "institutions/index.html"), Sample.fushou).contains("行政处罚 1 条"))
        // The facility page says it at the top and counts the kinds; a clean record is said in words.
        let fushou = try read(site, "institutions/\(Sample.fushou)/index.html")
        XCTAssertTrue(fushou.contains("<p class=\"credit-flags\">公示中的信用记录："), fushou)
        XCTAssertTrue(fushou.contains("公示期内：行政处罚 1 条，失信惩戒 0 条，未列入黑名单"), fushou)
        let pages = try FileManager.default.contentsOfDirectory(atPath: site + "/institutions").filter { $0.count == 18 }
        let clean = try pages.map { try read(site, "institutions/\($0)/index.html") }.first { $0.contains("没有处于公示期内的信用记录") }
        XCTAssertTrue(try XCTUnwrap(clean).contains("无行政处罚、无失信惩戒，未列入黑名单"))
        // …and at the top, where the penalties of another home would be.
        XCTAssertTrue(try XCTUnwrap(clean).contains("<p class=\"credit-flags\">公示期内没有行政处罚、失信惩戒和黑名单记录"))
        XCTAssertFalse(fushou.contains("公示期内没有行政处罚"))
    }

    /// /credit/: a blacklist listing says when its disclosure ends, as the 失信惩戒 decided with it does,
    /// so a reader years later is told it is past; and a record gone from view is not said to be put right.
    func testTheBlacklistSaysWhenItsDisclosureEnds() throws {
        let site = try warnedSite()
        let credit = try read(site, "credit/index.html")
        let start = try XCTUnwrap(credit.range(of: "<h2 id=\"blacklist\">"))
        let end = try XCTUnwrap(credit.range(of: "<h2 id=\"penalties\">"))
        let section = String(credit[start.upperBound..<end.lowerBound])
        XCTAssertTrue(section.contains(">公示截止</th>"), section)
        XCTAssertTrue(section.contains("data-past=\"\(Layout.pastDisclosure)\""), section)
        XCTAssertTrue(section.contains("翼民发〔2024〕9号"), section)
        XCTAssertTrue(credit.contains("记录不再公示只说明公示期满，不说明问题是否已经整改"), credit)
        let kangle = try read(site, "institutions/\(Sample.kangle)/index.html")
        XCTAssertTrue(kangle.contains("不再公示只说明公示期满，不说明问题是否已经整改"), kangle)
        // The warning at the top of its page is dated the same way.
        let alert = try XCTUnwrap(kangle.range(of: "<div class=\"alert\" role=\"alert\"><strong>已列入失信联合惩戒对象名单（黑名单）</strong>，公示截止 <time datetime=\""), kangle)
        XCTAssertTrue(kangle[alert.upperBound...].hasPrefix("2027-"), kangle)
    }

    /// The trade's words (公建民营, 护理型床位) are linked to the about page's section explaining
    /// them, once it has one; a rebuild that only adds the section updates every facility page.
    func testFacilityAndComparePagesLinkTheAboutPagesWordsWhenItHasThem() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        XCTAssertFalse(try read(site, "institutions/\(Sample.fushou)/index.html").contains("常见词语解释"))
        try ws.write(Sample.aboutPage + "\n## 常见词语是什么意思\n\n| 词语 | 意思 |\n|---|---|\n| 医养结合 | 老人看病方便 |\n", to: "content/pages/about.md")
        try Publisher.build(BuildOptions(database: ws.path("yanglao.sqlite"), content: ws.path("content"), output: site))
        let link = "<a href=\"/about/#常见词语是什么意思\">常见词语解释</a>"
        XCTAssertTrue(try read(site, "institutions/\(Sample.fushou)/index.html").contains(link))
        XCTAssertTrue(try read(site, "compare/index.html").contains(link))
        XCTAssertTrue(try read(site, "about/index.html").contains("id=\"常见词语是什么意思\""))
    }

    /// A spot check that found a problem is flagged like a penalty; one that passed is not.
    func testASpotCheckThatFoundAProblemIsFlaggedWhereverTheFacilityIsListed() throws {
        let ws = try Workspace(self)
        let checks = appendingRow("credit_records", "C6,\(Sample.chengdong),spot_check,organisation,翼城县城东社区日间照料中心,2024-10-01,,翼城县民政局,安全出口堵塞,双随机检查,责令整改,,ordinary,,")
            + "C7,\(Sample.kangle),spot_check,organisation,翼城县康乐养老中心,2024-10-02,,翼城县民政局,,双随机检查,合格,,ordinary,,\n"
        let site = try ws.buildSite(db: try ws.database("checked.sqlite", ["credit_records": checks]))
        for page in ["institutions/index.html", "regions/\(Sample.yicheng)/index.html"] {
            let html = try read(site, page)
            XCTAssertTrue(try row(html, Sample.chengdong).contains("抽查发现问题 1 次"), page)
            XCTAssertFalse(try row(html, Sample.kangle).contains("抽查"), page)
        }
        let page = try read(site, "institutions/\(Sample.chengdong)/index.html")
        XCTAssertTrue(page.contains("抽查发现问题 1 次"), "named at the top")
        XCTAssertTrue(page.contains("抽查检查 1 次（其中发现问题 1 次）"))
        XCTAssertTrue(page.contains("<dt>发现的问题</dt><dd>安全出口堵塞</dd>"))
        XCTAssertTrue(try read(site, "credit/index.html").contains("⚠ </span>责令整改</strong>"))
    }

    /// A person's spot-check finding or award on /credit/ names the person (masked) beside the
    /// home, as a penalty does: the award is not the home's.
    func testTheCreditPageSaysWhenARecordIsAPersons() throws {
        let ws = try Workspace(self)
        let rows = appendingRow("credit_records", "C8,\(Sample.kangle),reward,person,陈晓红,2024-09-01,,翼城县民政局,年度优秀护理员,,通报表扬,,ordinary,,")
            + "C9,\(Sample.kangle),reward,organisation,翼城县康乐养老中心,2024-09-02,,翼城县民政局,示范养老机构,,通报表扬,,ordinary,,\n"
        let site = try ws.buildSite(db: try ws.database("awards.sqlite", ["credit_records": rows]))
        let credit = try read(site, "credit/index.html")
        let rewards = try XCTUnwrap(credit.range(of: "<h2 id=\"rewards\">")).upperBound
        let section = String(credit[rewards...].prefix(3000))
        XCTAssertTrue(section.contains("当事人：陈*红"), section)
        XCTAssertEqual(section.components(separatedBy: "当事人：").count, 2, "the home's own award names no person")
        XCTAssertFalse(credit.contains("陈晓红"))
    }

    /// A pass written another way is never flagged; a finding in other words is; anything else is left unflagged.
    func testSpotCheckResultsAreReadAsPassFindingOrUnclear() {
        for pass in ["合格", "检查合格", "合格。", "合格（已整改）", " 符合要求 ", "未发现问题"] { XCTAssertEqual(SpotCheck.outcome(pass), .passed, pass) }
        for finding in ["基本合格", "责令整改", "不合格", "限期整改。", "发现消防隐患"] { XCTAssertEqual(SpotCheck.outcome(finding), .finding, finding) }
        for unclear in ["见附件", "已检查", nil] { XCTAssertEqual(SpotCheck.outcome(unclear), .unclear, unclear ?? "nil") }
    }

    func testFinderRowsCarryTheRatingLabelAndTheWarnings() throws {
        let site = try warnedSite()
        let rows = try XCTUnwrap(try json(site, "search/f-\(Sample.yicheng).json") as? [[Any]])
        let kangle = try XCTUnwrap(rows.first { $0[0] as? String == Sample.kangle })
        XCTAssertEqual(kangle[11] as? String, "已过有效期（原二级）")
        XCTAssertEqual(kangle[12] as? [String], ["已列入黑名单", "行政处罚 1 条"])
        let chengdong = try XCTUnwrap(rows.first { $0[0] as? String == Sample.chengdong })
        XCTAssertEqual(chengdong[11] as? String, "")
        XCTAssertEqual(chengdong[12] as? [String], ["暂停运营"])
        // Fire-safety acceptance on record, for the directory's filter.
        XCTAssertEqual(kangle[13] as? Int, 1)
        XCTAssertEqual(chengdong[13] as? Int, 0)
        XCTAssertTrue(try read(site, "institutions/index.html").contains(#"<input type="checkbox" name="fire" value="1">"#))
        // The phone number, for the list to give it; none is "" (the list shows a dash).
        XCTAssertEqual(kangle[14] as? String, "0357-2222222")
        XCTAssertEqual(chengdong[14] as? String, "")
        XCTAssertTrue(Script.js.contains("data-label=\"电话\">' + (r[14] ? telLinks(r[14])"))
    }

    /// A community centre's number is listed as a care home's is: a dash beside care homes'
    /// numbers read as if it had none, while its page gave one.
    func testFinderRowsCarryEveryKindOfFacilitysPhone() throws {
        let ws = try Workspace(self)
        let row = Sample.row("institutions", Sample.chengdong).replacingOccurrences(of: "翼城县城东社区,,", with: "翼城县城东社区,0357-3333333,")
        let db = try ws.database("yanglao.sqlite", ["institutions": replacingRow("institutions", id: Sample.chengdong, with: row)])
        let site = try ws.buildSite(db: db)
        let rows = try XCTUnwrap(try json(site, "search/f-\(Sample.yicheng).json") as? [[Any]])
        XCTAssertEqual(rows.first { $0[0] as? String == Sample.chengdong }?[14] as? String, "0357-3333333")
    }

    /// A level valid on the data's date may have ended by the reader's today: the finder and the
    /// comparison say so, as the facility's page does (the browser's date, never the build's).
    func testFinderRowsCarryTheEndOfTheValidLevel() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        let rows = try XCTUnwrap(try json(site, "search/f-\(Sample.quwo).json") as? [[Any]])
        XCTAssertEqual(rows.first { $0[0] as? String == Sample.fushou }?[15] as? String, "2026-02-28")
        XCTAssertEqual(rows.first { $0[0] as? String == Sample.scriptHome }?[15] as? String, "", "unrated")
        // Such a level is said so and drawn without stars (lv: the level as of the reader's today); sorted by
        // the level as of the data's date (as the county pages and the filter), the still valid first within one.
        XCTAssertTrue(Script.js.contains("function lv(r) { return r[15] && r[15] < today ? 0 : r[7]; }"))
        XCTAssertTrue(Script.js.contains("stars(lv(r)) + (lv(r) < r[7] ? '<br><span class=\"muted\">按今天的日期已过有效期</span>'"))
        XCTAssertTrue(Script.js.contains("out(a) - out(b) || b[7] - a[7] || (lv(b) ? 1 : 0) - (lv(a) ? 1 : 0) || b[5] - a[5]"))
        XCTAssertTrue(Script.js.contains("current.valid_until < today ? '（按今天的日期已过有效期）'"))
        // A kind of ownership the other filters never find says which kinds they do.
        XCTAssertTrue(Script.js.contains("'其他条件不变时有：' + owned.join('、') + '；请改选性质，'"))
    }

    /// Search documents of a token's postings, as [title, url, kind, detail, warning?].
    func documents(_ site: String, token: String) throws -> [[String]] {
        let meta = try XCTUnwrap(try json(site, "search/meta.json") as? [String: Int])
        let shard = Int(SearchIndex.hash(token) % UInt32(meta["shards"]!))
        let postings = try XCTUnwrap(try json(site, "search/p-\(shard).json") as? [String: Any])
        guard let deltas = postings[token] as? [Int] else { return [] }
        var value = 0
        return try deltas.map { d in
            value += d
            let doc = value >> 1, chunk = meta["chunk"]!
            let rows = try XCTUnwrap(try json(site, "search/d-\(doc / chunk).json") as? [[String]])
            return rows[doc % chunk]
        }
    }

    /// A service found by search says what it gives (the list's content, which names the condition),
    /// not only the list's group; a long content is cut with "…".
    func testAServiceResultSaysWhatItGivesAndWho() throws {
        let ws = try Workspace(self)
        let long = String(repeating: "长", count: 70)
        let db = try ws.database("services.sqlite", ["services": Sample.tables["services"]! + "S3,3,80周岁及以上老年人,百岁补贴,\(long),material,市卫健委,1,141000\n"])
        let site = try ws.buildSite(db: db)
        let services = try documents(site, token: "津贴").filter { $0[1].hasPrefix("services/#") }
        XCTAssertEqual(services.map { $0[3] }, ["按月发放高龄津贴 · 市民政局"])
        let hundred = try documents(site, token: "百岁").filter { $0[1].hasPrefix("services/#") }
        XCTAssertEqual(hundred.map { $0[3] }, [String(repeating: "长", count: 59) + "… · 市卫健委"])
    }

    /// The services list names the site's own text it comes from (one tagged 基本养老服务清单),
    /// and not another area's; without such a text, no source line.
    func testTheServicesListCitesTheTextItComesFrom() throws {
        let ws = try Workspace(self)
        XCTAssertFalse(try String(contentsOfFile: try ws.buildSite(out: "a") + "/services/index.html", encoding: .utf8).contains("<p>出处："))
        try ws.write("---\ntitle: 外地清单\nother_area: 安徽省宿州市\ntags: [基本养老服务清单]\n---\n\n正文。\n", to: "content/policies/elsewhere.md")
        try ws.write("---\ntitle: 本市实施方案\ndocument_number: 曲政办发〔2023〕1号\ntags: [基本养老服务清单]\n---\n\n正文。\n", to: "content/policies/list.md")
        let page = try String(contentsOfFile: try ws.buildSite(out: "b") + "/services/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<p>出处：<a href=\"/policies/list/\">《本市实施方案》</a>（曲政办发〔2023〕1号），清单原文和有关说明见该文件页。</p>"), page)
    }

    /// A family types "失能" for what the services list calls "生活不能自理"; another area's
    /// document found by search says, with the result, that it does not apply here.
    func testSearchFindsWhatFamiliesSayAndWarnsOfOtherAreasDocuments() throws {
        let ws = try Workspace(self)
        let db = try ws.database("services.sqlite", ["services": Sample.tables["services"]! + "S4,4,经认定生活不能自理的老年人,护理补贴,生活不能自理的经济困难老年人每月发放护理补贴。,material,市民政局,0,141000\n"])
        try ws.write("---\ntitle: 外地护理补贴办法\nissuer: 某市民政局\nother_area: 安徽省宿州市\n---\n\n为失能老年人发放护理补贴。\n", to: "content/policies/elsewhere.md")
        let site = try ws.buildSite(db: db)
        let found = try documents(site, token: "失能")
        XCTAssertTrue(found.contains { $0[0] == "护理补贴" && $0[1].hasPrefix("services/#") }, "\(found)")
        let elsewhere = try XCTUnwrap(found.first { $0[1] == "policies/elsewhere/" })
        XCTAssertEqual(elsewhere[2], "外地参考文件")
        XCTAssertTrue(elsewhere.count == 5 && elsewhere[4].hasPrefix("安徽省宿州市的文件，不适用于"), "\(elsewhere)")
        // "怎么申请" and "电话" lead to the services list and the directory.
        XCTAssertTrue(try documents(site, token: "申请").contains { $0[1] == "services/" })
        XCTAssertTrue(try documents(site, token: "电话").contains { $0[1] == "institutions/" })
        // The word added for search is not shown: the page still says what the list says.
        let services = try String(contentsOfFile: site + "/services/index.html", encoding: .utf8)
        XCTAssertTrue(services.contains("经认定生活不能自理的老年人") && !services.contains("生活不能自理的经济困难老年人每月发放护理补贴。 失能"))
    }

    func testSearchFindsRatingLevelsAndCreditWarnings() throws {
        let site = try warnedSite()
        // 福寿 holds a valid 三级; 康乐's 二级 has expired, so "二级" does not find it.
        // (Of the facilities: the indicator 三级及以上机构占比 is found by it too.)
        XCTAssertEqual(try documents(site, token: "三级").filter { $0[1].hasPrefix("institutions/") }.map { $0[0] }, ["曲沃县福寿养老院"])
        XCTAssertTrue(try documents(site, token: "三级").contains { $0[1] == "indicators/rated_level3plus_share/" })
        XCTAssertFalse(try documents(site, token: "二级").contains { $0[1].contains(Sample.kangle) })
        let blacklisted = try documents(site, token: "名单").filter { $0[1] == "institutions/\(Sample.kangle)/" }
        XCTAssertEqual(blacklisted.count, 1)
        XCTAssertEqual(blacklisted.first?.count, 5)
        XCTAssertEqual(blacklisted.first?.last, "已列入黑名单、行政处罚 1 条")
        XCTAssertTrue(try documents(site, token: "失信").contains { $0[1] == "institutions/\(Sample.kangle)/" })
        XCTAssertTrue(try documents(site, token: "处罚").contains { $0[1] == "institutions/\(Sample.fushou)/" })
        // A document without a warning keeps the four fields.
        XCTAssertEqual(try documents(site, token: "城东").first?.count, 5, "suspended")
        XCTAssertTrue(try documents(site, token: "养老").contains { $0.count == 4 })
    }

    func testARegionValueOfAnotherYearOrDividedByAProjectionSaysSo() {
        let projected = IndicatorValue(code: "beds_per_1000_elderly", regionCode: "141000", year: 2023, numerator: 9121, denominator: 880,
                                       value: 10.36, source: "60岁及以上人口：2025 年预测数（临政发〔2024〕6号 附件2 合计）",
                                       statisticsNotOfTheYear: ["60岁及以上人口：2025 年预测数"])
        XCTAssertEqual(RegionPages.basisNote(projected, dataYear: 2023), "60岁及以上人口：2025 年预测数")
        let earlier = IndicatorValue(code: "ageing_rate", regionCode: "141000", year: 2022, numerator: 798_100, denominator: 3_906_000,
                                     value: 20.43, source: "总人口：2022 年实际数（文件（抽样调查））；60岁及以上人口：2022 年实际数（文件）",
                                     statisticsNotOfTheYear: ["总人口：2022 年实际数", "60岁及以上人口：2022 年实际数"])
        XCTAssertEqual(RegionPages.basisNote(earlier, dataYear: 2023), "2022 年")
        let plain = IndicatorValue(code: "beds_total", regionCode: "141000", year: 2023, numerator: 9121, denominator: nil, value: 9121, source: nil)
        XCTAssertNil(RegionPages.basisNote(plain, dataYear: 2023))
    }

    /// Staff copy the words the site shows into their spreadsheets: import reads each back as its code.
    func testEveryLabelTheSiteShowsIsReadBackByImport() {
        let shown: [(String, (String) -> String)] = [
            ("institutions.category", Labels.category), ("institutions.ownership", Labels.ownership),
            ("institutions.status", Labels.status), ("institutions.medical_integration", Labels.medical),
            ("credit_records.kind", Labels.creditKind), ("services.type", Labels.serviceType),
            ("targets.binding", Labels.binding), ("targets.comparator", Labels.comparator),
        ]
        for (key, label) in shown {
            let parts = key.split(separator: ".").map(String.init)
            guard case .oneOf(let codes)? = ColumnRule.byTable[parts[0]]?[parts[1]] else { XCTFail(key); continue }
            for code in codes {
                let word = label(code)
                XCTAssertEqual(CodeWords.read[key]?[word] ?? (word == code ? code : nil), code, "\(key): \(word)")
            }
        }
    }

    func testWarningWordsAreTheSameEverywhere() {
        func records(_ kinds: String...) -> [CreditRecord] {
            kinds.enumerated().map { n, kind in
                CreditRecord(id: "C\(n)", institutionID: Sample.fushou, kind: kind, subjectName: "x", decidedOn: "2024-01-01", authority: "民政局")
            }
        }
        XCTAssertEqual(Labels.warnings(status: "suspended", credit: records("blacklist", "penalty", "penalty", "pledge")),
                       ["已列入黑名单", "行政处罚 2 条", "暂停运营"])
        XCTAssertEqual(Labels.warnings(status: "operating", credit: records("pledge", "reward", "spot_check")), [])
        XCTAssertEqual(Labels.warnings(status: "operating", credit: records("punishment")), ["失信惩戒 1 条"])
        XCTAssertEqual(Labels.warnings(status: "closed", credit: []), ["已关闭"])
        let badge = Components.warnings(["已列入黑名单"]).raw
        XCTAssertTrue(badge.contains("已列入黑名单") && badge.contains("⚠"), badge)
        // The script shows the same badge and the same category name as the pages.
        XCTAssertTrue(Script.js.contains("class=\"badge ' + (/^抽查/.test(w) ? 'caution' : 'flag') + '\""))
        XCTAssertFalse(Script.js.contains("农村日照中心"))
        XCTAssertTrue(Script.js.contains("农村日间照料中心"))
    }

    func testCompareRefusesAFourthPickAndShowsStatusAndCreditRows() {
        XCTAssertFalse(Script.js.contains("picked.shift"), "a fourth pick must not silently drop the first")
        XCTAssertTrue(Script.js.contains("已选满 3 家，这一家没有加入"))
        XCTAssertTrue(FindPages.synonymsJSON.contains(#""福利院":"敬老院""#) && Script.js.contains("getAttribute('data-synonyms')")
                      && Script.js.contains("/^[0-9A-Z]{18}$/.test(code)"), "synonyms and codes in search")
        // Data long past its date says so on the pages of ratings and records (the site itself reads no clock).
        XCTAssertTrue(Script.js.contains("if (h1 && dated && months >= 6)") && Script.js.contains("页面上的等级和公示是那天的情况"))
        XCTAssertTrue(Script.js.contains("(institutions|ratings|credit|regions|compare)"))
        // Past the best 24, search says how many match and lists the rest on request (tools/check_search.py clicks it).
        XCTAssertTrue(Script.js.contains("'共 ' + found.total + ' 条，'") && Script.js.contains("id=\"search-more\">再显示 "))
        XCTAssertTrue(Script.js.contains("'运营状态'"))
        XCTAssertTrue(Script.js.contains("'公示中的处罚、惩戒和抽查问题'") && Script.js.contains("'行政处罚 '") && Script.js.contains("'抽查发现问题 '"))
        // Care homes are picked from the directory's results too, and 清空 can be undone.
        XCTAssertTrue(Script.js.contains(#"class="pick" data-compare="' + esc(r[0]) + '""#))
        XCTAssertTrue(Script.js.contains("'已清空对比 <button type=\"button\" id=\"compare-undo\">撤销</button>'"))
    }

    /// The directory finder's index: every region once, inside its parent, each with as many
    /// facilities as its own file lists and their mean position; the total is every facility.
    func testTheFinderIndexNestsEveryRegionWithItsFacilities() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        let index = try XCTUnwrap(json(site, "search/f-index.json") as? [String: Any])
        var seen: [String: String?] = [:]
        var sum = 0
        func walk(_ list: [[Any]], parent: String?) throws {
            for node in list {
                let code = try XCTUnwrap(node[0] as? String)
                XCTAssertTrue(seen.updateValue(parent, forKey: code) == .none, "\(code) twice")
                let count = try XCTUnwrap(node[3] as? Int)
                sum += count
                if count > 0 {
                    let rows = try XCTUnwrap(json(site, "search/f-\(code).json") as? [[Any]])
                    XCTAssertEqual(rows.count, count, code)
                    let latitudes = rows.compactMap { $0[9] as? Double }
                    let mean = latitudes.reduce(0, +) / Double(latitudes.count)
                    let centre = (try XCTUnwrap(node[4] as? Double), try XCTUnwrap(node[5] as? Double))
                    XCTAssertEqual(centre.0, mean, accuracy: 0.005, code)
                    // Its reach: every facility with a position lies within it of the centre, and one lies near its edge.
                    let reach = Double(try XCTUnwrap(node[7] as? Int))
                    let distances = rows.compactMap { r in (r[9] as? Double).flatMap { lat in (r[10] as? Double).map { FinderData.km(centre.0, centre.1, lat, $0) } } }
                    XCTAssertLessThanOrEqual(distances.max()!, reach, code)
                    XCTAssertGreaterThan(distances.max()!, reach - 2, code)
                } else {
                    XCTAssertFalse(FileManager.default.fileExists(atPath: site + "/search/f-\(code).json"), code)
                    XCTAssertTrue(node.count == 6 || node.count == 7 && node[6] is [Any], "a region without facilities has no reach: \(node)")
                }
                // The regions inside stay the seventh item (a script cached from before the reach finds them there).
                if node.count > 6, let inside = node[6] as? [[Any]] { try walk(inside, parent: code) }
            }
        }
        try walk(try XCTUnwrap(index["regions"] as? [[Any]]), parent: nil)
        let regions = try DataStore(path: db).regions()
        XCTAssertEqual(Set(seen.keys), Set(regions.map(\.code)))
        for r in regions where r.parentCode.map({ seen[$0] != nil }) == true {
            XCTAssertEqual(seen[r.code], r.parentCode, "\(r.code) is listed inside its parent")
        }
        var facilities = 0
        try DataStore(path: db).forEachInstitutionToCount { _ in facilities += 1 }
        XCTAssertEqual(index["total"] as? Int, facilities)
        XCTAssertEqual(sum, facilities)
    }

    // MARK: text size, layout and budgets

    /// Everything is sized from the root, and nothing people read is below 16 px
    /// (0.9 rem of 18 px); elder mode enlarges the root.
    func testFontSizesComeFromTheRootAndStayReadable() throws {
        let css = Stylesheet.css + Stylesheet.charts
        XCTAssertTrue(css.contains("html{-webkit-text-size-adjust:100%;font-size:112.5%}"))
        XCTAssertTrue(css.contains("html.elder{font-size:137.5%}"))
        XCTAssertTrue(css.contains("body{margin:0;font:1rem/1.7"))
        let pattern = try NSRegularExpression(pattern: #"font-size:([0-9.]+)(rem|px|em|pt|%)"#)
        let range = NSRange(css.startIndex..., in: css)
        var checked = 0
        for m in pattern.matches(in: css, range: range) {
            let value = Double(css[Range(m.range(at: 1), in: css)!])!
            // A rule for elder mode alone (html.elder …) is sized from its root of 22 px.
            let before = css[..<Range(m.range, in: css)!.lowerBound]
            let selector = before[(before.lastIndex(of: "}").map { before.index(after: $0) } ?? before.startIndex)...]
            let root = selector.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("html.elder") ? 22.0 : 18.0
            switch String(css[Range(m.range(at: 2), in: css)!]) {
            case "rem": XCTAssertGreaterThanOrEqual(value * root, 16, "font-size:\(value)rem")
            case "px": XCTAssertGreaterThanOrEqual(value, 16, "font-size:\(value)px")
            case "pt": XCTAssertGreaterThanOrEqual(value, 12, "print font-size:\(value)pt")
            case "%": XCTAssertGreaterThanOrEqual(value, 100, "font-size:\(value)%")
            default: XCTFail("font-size in em follows its parent: \(value)em")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10)
        // The header search shrinks instead of pushing the page sideways at 360 px.
        XCTAssertTrue(css.contains(".site-search{display:flex;gap:4px;flex:1 1 260px;min-width:0;"))
    }

    func testAssetsAndPagesStayWithinTheirBudgets() throws {
        let site = try warnedSite()
        XCTAssertLessThan(try read(site, "assets/site.css").utf8.count, 20_000)
        XCTAssertLessThan(try read(site, "assets/site.js").utf8.count + Script.head.utf8.count, 40_000)
        for id in Sample.institutionIDs {
            XCTAssertLessThan(try read(site, "institutions/\(id)/index.html").utf8.count, 30_000, id)
        }
    }

    // MARK: pages

    func testInstitutionPageHasAPhoneLinkAndPrintsItsAddressAndDate() throws {
        let site = try warnedSite()
        let html = try read(site, "institutions/\(Sample.fushou)/index.html")
        XCTAssertTrue(html.contains(#"<a href="tel:03571111111" class="nw">0357-1111111</a>"#), html)
        XCTAssertTrue(html.contains(#"data-url="/institutions/\#(Sample.fushou)/" data-asof="2024年12月31日""#))
        XCTAssertTrue(html.contains(#"<details class="tech downloads" id="data">"#), "the downloads, folded, are left out of print")
        XCTAssertTrue(html.contains(#"<div class="credit-entry">"#))
        XCTAssertTrue(html.contains(#"<link rel="icon" href="data:image/svg+xml,"#))
        let css = Stylesheet.css
        XCTAssertTrue(css.contains(#"main::after{content:"本页网址：" attr(data-url) "　数据截至：" attr(data-asof)"#))
        XCTAssertTrue(css.contains(".downloads"))
    }

    func testPhoneNumbersBecomeTelLinks() {
        XCTAssertEqual(Components.phone(nil).raw, "—")
        XCTAssertEqual(Components.phone("0357-1234567、13800000000").raw,
                       #"<a href="tel:03571234567" class="nw">0357-1234567</a>、<a href="tel:13800000000" class="nw">13800000000</a>"#)
        XCTAssertEqual(Components.phone("电话 0357 1234567 转 8").raw,
                       #"电话 <a href="tel:03571234567" class="nw">0357 1234567</a> 转 8"#)
    }

    func testFooterLinksAnHTMLSiteMapAndSitemapXMLNeedsTheHost() throws {
        let site = try warnedSite()
        let home = try read(site, "index.html")
        XCTAssertTrue(home.contains(#"<a href="/sitemap/">网站地图</a>"#))
        XCTAssertFalse(home.contains(#"href="/sitemap.xml">网站地图"#))
        // The first thing on the home page: the care homes of a county, best rated first.
        let find = try XCTUnwrap(home.range(of: #"<form class="quick-find" action="/institutions/" method="get" hidden>"#)).lowerBound
        XCTAssertLessThan(find, try XCTUnwrap(home.range(of: "概况</h2>")).lowerBound)
        XCTAssertTrue(home.contains(#"<option value="\#(Sample.quwo)">"#) && home.contains(#"name="sort" value="rating""#))
        XCTAssertTrue(Script.js.contains("$$('form.quick-find').forEach(function (f) { f.hidden = false; });"), "shown by the script that makes it work")
        // 离我最近: one tap from the home page to the directory sorted by distance (the position is asked there, in the browser).
        XCTAssertTrue(home.contains(#"<button type="button" id="qf-near" class="secondary">离我最近的养老机构</button>"#))
        XCTAssertTrue(Script.js.contains("'institutions/?category=institution&sort=distance&ask=1'") && Script.js.contains("params.get('ask') === '1'"))
        // On a phone the sections fold behind a button the script shows; without it they stay in view.
        XCTAssertTrue(home.contains(#"<button type="button" id="menu-toggle" class="menu-toggle" aria-expanded="false" aria-controls="site-nav" hidden>菜单</button>"#))
        XCTAssertTrue(home.contains(#"<nav id="site-nav" aria-label="主导航">"#))
        XCTAssertTrue(Script.js.contains("window.matchMedia('(max-width: 600px)')"))
        // The directory's filters say how many match and lead down to them.
        XCTAssertTrue(try read(site, "institutions/index.html").contains(#"<p id="finder-count" class="finder-count" hidden></p>"#))
        XCTAssertTrue(Script.js.contains("counted(rows.length);") && Script.js.contains("<a href=\"#finder-results\">查看结果</a>"))
        let map = try read(site, "sitemap/index.html")
        for path in ["/institutions/", "/ratings/", "/credit/", "/regions/", "/search/"] {
            XCTAssertTrue(map.contains("href=\"\(path)\""), path)
        }
        // sitemap.xml (full addresses only) exists when the site knows its host; this one does not.
        XCTAssertFalse(map.contains("sitemap.xml"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site + "/sitemap.xml"))
    }

    func testSearchPageWithoutScriptLinksToRegionsAndTheDirectory() throws {
        let site = try warnedSite()
        let html = try read(site, "search/index.html")
        let noscript = try XCTUnwrap(html.range(of: "<noscript>").flatMap { start in
            html.range(of: "</noscript>").map { String(html[start.lowerBound..<$0.upperBound]) }
        })
        XCTAssertTrue(noscript.contains(#"<a href="/regions/">按地区浏览</a>"#), noscript)
        XCTAssertTrue(noscript.contains(#"<a href="/institutions/">全部机构名录</a>"#), noscript)
        XCTAssertFalse(Script.js.contains("毫秒"), "the timing is kept in data-ms only")
        // The counties, for "曲沃养老院" to link to the county's care homes in the directory.
        XCTAssertTrue(html.contains(#"<div id="search-results" data-places="[[&quot;141021&quot;,&quot;曲沃县&quot;],"#), html)
        // Then the city itself, without a code: "临汾养老院" links to every care home.
        XCTAssertTrue(html.contains(#",[&quot;&quot;,&quot;临汾市&quot;]]" data-synonyms="{&quot;老人院&quot;:&quot;养老院&quot;"#), html)
    }

    func testDirectoryFinderHasAResetAndRegionLinksDoNotBreak() throws {
        let site = try warnedSite()
        let html = try read(site, "institutions/index.html")
        XCTAssertTrue(html.contains(#"<button type="reset" id="finder-reset">清除筛选</button>"#))
        XCTAssertTrue(html.contains(#"<p class="links">按地区查看："#))
        XCTAssertTrue(Stylesheet.css.contains(".links a,"))
    }

    func testRatingsCaptionCountsEveryInstitution() throws {
        let site = try warnedSite()
        let html = try read(site, "ratings/index.html")
        XCTAssertFalse(html.contains("<caption>持有有效等级的养老机构数"))
        XCTAssertTrue(html.contains("<caption>养老机构按当前等级分布（家），含未评级或等级已失效的机构</caption>"))
    }

    func testRegionPageSaysWhichBedFigureComesFromThePlan() throws {
        let site = try warnedSite()
        let html = try read(site, "regions/\(Sample.quwo)/index.html")
        XCTAssertTrue(html.contains("<dt>现有机构床位（规划报送，2023年）</dt><dd>471 张<br><span class=\"muted\">来源：测试规划附件2</span></dd>"), html)
        XCTAssertTrue(html.contains("由本站机构名录中各养老机构的床位相加"))
        // The care homes come first, best rated first, with the way to the finder.
        let homes = try XCTUnwrap(html.range(of: "<h2 id=\"cat-institution\">")).lowerBound
        XCTAssertLessThan(homes, try XCTUnwrap(html.range(of: "<h2>基本情况</h2>")).lowerBound)
        XCTAssertTrue(html.contains("institutions/?county=\(Sample.quwo)&amp;category=institution&amp;sort=rating"))
        let rated = try XCTUnwrap(html.range(of: "三级")).lowerBound
        XCTAssertLessThan(rated, try XCTUnwrap(html.range(of: "未评级", range: homes..<html.endIndex)).lowerBound)
        // A kind of facility the county has none of is said, not left out.
        XCTAssertTrue(html.contains("<p>本站名录中曲沃县暂无农村日间照料中心。</p>"), html)
    }

    /// Families ring a home before they visit: the county list gives each address and number (a
    /// tap-to-call link), says when a number is not published, and leaves the columns out of a
    /// list without any number (read one line a row on a phone).
    func testCountyListsGiveTheAddressAndTheNumberToCall() throws {
        let site = try warnedSite()
        let quwo = try read(site, "regions/\(Sample.quwo)/index.html")
        let homes = try XCTUnwrap(quwo.range(of: "<h2 id=\"cat-institution\">")).upperBound
        let table = String(quwo[homes..<(try XCTUnwrap(quwo[homes...].range(of: "</table>")).lowerBound)])
        XCTAssertTrue(table.contains(#"<th scope="col" class="nw">电话</th>"#), table)
        XCTAssertTrue(table.contains(#"<td class="nw" data-label="电话"><a href="tel:03571111111" class="nw">0357-1111111</a></td>"#), table)
        XCTAssertTrue(table.contains(#"<td class="nw" data-label="电话"><span class="none">未公布</span></td>"#), table)
        XCTAssertTrue(table.contains(#"<td class="w" data-label="地址">曲沃县乐昌镇1号</td><td class="nw" data-label="电话"><a href="tel:03571111111""#), table)
        // And a care home can be picked for comparison from here (the script shows the button).
        XCTAssertTrue(table.contains(#"<button type="button" class="pick" data-compare="\#(Sample.fushou)" data-name="曲沃县福寿养老院" aria-pressed="false" hidden>加入对比</button>"#), table)
        let yicheng = try read(site, "regions/141022/index.html")
        let community = try XCTUnwrap(yicheng.range(of: "<h2 id=\"cat-community\">")).upperBound
        let list = try XCTUnwrap(yicheng[community...].range(of: "</table>")).lowerBound
        XCTAssertFalse(yicheng[community..<list].contains("电话"), "no facility of the list has a number")
        XCTAssertFalse(yicheng[community..<list].contains("地址"), "one line a row")
    }

    /// A family finds the way to a home from its page: its published WGS 84 point opens on 高德地图
    /// (told the datum, or the pin lands hundreds of metres off), the name percent-encoded and escaped;
    /// no link without coordinates, and none where the publisher set map_link to none.
    func testAFacilityWithCoordinatesLinksToAMapWithItsPoint() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        let page = try read(site, "institutions/\(Sample.fushou)/index.html")
        XCTAssertTrue(page.contains(#"<dt>地址</dt><dd>曲沃县乐昌镇1号<span class="no-print"><br><a href="https://uri.amap.com/marker?position=111.47,35.64&amp;name=%E6%9B%B2%E6%B2%83%E5%8E%BF%E7%A6%8F%E5%AF%BF%E5%85%BB%E8%80%81%E9%99%A2&amp;src=yanglao&amp;coordinate=wgs84&amp;callnative=1" rel="noopener external">在高德地图上看位置和路线</a></span></dd>"#), page)
        XCTAssertFalse(try read(site, "institutions/\(Sample.scriptHome)/index.html").contains("uri.amap.com"), "no coordinates, no map")
        let odd = Components.mapLink(name: #"A&B "C" <d>/?#"#, latitude: 35.5, longitude: 111.25).raw
        XCTAssertTrue(odd.contains("position=111.25,35.5&amp;name=A%26B%20%22C%22%20%3Cd%3E%2F%3F%23&amp;src="), odd)
        let off = try ws.buildSite(db: try ws.database("off.sqlite", ["meta": appendingRow("meta", "map_link,none")]), out: "off")
        XCTAssertFalse(try read(off, "institutions/\(Sample.fushou)/index.html").contains("uri.amap.com"))
        XCTAssertEqual(SiteMeta.meantKey("地图链接"), "map_link")
        XCTAssertNotNil(SiteMeta.expectation(key: "map_link", value: "baidu"))
        XCTAssertNil(SiteMeta.expectation(key: "map_link", value: "none"))
    }

    /// A page says "valid" as of the data's date; a reader later than a rating's or a record's end
    /// is told it has passed (the script compares the reader's today with the marked day).
    func testEndDatesAreMarkedForTheReadersToday() throws {
        let site = try warnedSite()
        let page = try read(site, "institutions/\(Sample.fushou)/index.html")
        XCTAssertTrue(page.contains(#"有效期至 <time datetime="2026-02-28" data-past="过有效期">2026年2月28日</time>。"#), page)
        XCTAssertTrue(page.contains(#"<dd><time datetime="2025-06-10" data-past="过公示期，数据更新后将不再公示">2025年6月10日</time></dd>"#), page)
        XCTAssertTrue(try read(site, "credit/index.html").contains(#"<time datetime="2025-06-10" data-past="过公示期，数据更新后将不再公示">"#))
        XCTAssertTrue(Script.js.contains("$$('time[data-past]')"))
        // The level is said as of the data's date, and sits in the same paragraph as its end, where the
        // script greys it once the reader's today is past that end (a lapsed 四级 must not read as held).
        let summary = try XCTUnwrap(page.range(of: #"<p>截至 \d{4}年\d{1,2}月\d{1,2}日 的有效等级：<span class="badge level">[^<]*<span class="vh">"#, options: .regularExpression), page)
        let paragraph = page[summary.lowerBound..<(try XCTUnwrap(page[summary.lowerBound...].range(of: "</p>")).lowerBound)]
        XCTAssertTrue(paragraph.contains(#"<time datetime="2026-02-28" data-past="过有效期">"#), String(paragraph))
        XCTAssertTrue(Script.js.contains("t.parentNode.querySelector('.level')") && Script.js.contains("b.classList.add('gone')"))
        XCTAssertTrue((Stylesheet.css + Stylesheet.charts).contains(".badge.gone{"))
    }

    /// A policy is found by a word of its paragraphs, not only its headings; indicators are found by name.
    func testSearchFindsPolicyTextAndIndicators() throws {
        let site = try warnedSite()
        XCTAssertTrue(try documents(site, token: "详见").contains { $0[1].hasPrefix("policies/") })
        XCTAssertTrue(try documents(site, token: "护理").contains { $0[1] == "indicators/nursing_bed_share/" })
    }

    /// The bed gaps of the region pages are a dataset: the formula's inputs, need and gap
    /// (a surplus negative), the region page linking it.
    func testBedGapsAreDownloadableAsTheRegionPagesShowThem() throws {
        let site = try warnedSite()
        let csv = try read(site, "data/bed-gaps.csv")
        XCTAssertTrue(csv.hasPrefix("region_code,region_name,population_60plus_2025,beds_needed,beds_institution,beds_community_fullcare,gap,gap_printed,nursing_gap_printed\r\n"), csv)
        XCTAssertTrue(csv.contains("\r\n141021,曲沃县,47700,954,471,120,363,,\r\n"), csv)
        XCTAssertTrue(csv.contains("\r\n141022,翼城县,60000,1200,900,400,-100,,\r\n"), csv)
        let page = try read(site, "regions/141021/index.html")
        XCTAssertTrue(page.contains("缺口 363 张"), "the page shows the dataset's number")
        XCTAssertTrue(page.contains("href=\"/data/bed-gaps/\""))
    }

    /// Care homes are put side by side from the paged directory too; facilities that are not
    /// care homes are not compared (their facts differ).
    func testTheDirectoryOffersComparisonForCareHomesOnly() throws {
        let site = try warnedSite()
        let html = try read(site, "institutions/index.html")
        XCTAssertTrue(html.contains("data-compare=\"\(Sample.fushou)\" data-name=\"曲沃县福寿养老院\" aria-pressed=\"false\" hidden>加入对比</button>"), html)
        XCTAssertFalse(html.contains("data-compare=\"\(Sample.chengdong)\""))
    }

    /// A target is shown as the plan writes it (≥ 55%), a computed value with its two decimals.
    func testTargetsKeepThePrecisionOfTheirDocument() throws {
        let site = try warnedSite()
        let html = try read(site, "indicators/nursing_bed_share/index.html")
        XCTAssertTrue(html.contains("2025 年 ≥ 55%（约束性）"), html)
        XCTAssertFalse(html.contains("55.00%"))
    }

    func testIndicatorPageKeepsDeveloperFieldsBelowTheData() throws {
        let site = try warnedSite()
        let html = try read(site, "indicators/beds_per_1000_elderly/index.html")
        let details = try XCTUnwrap(html.range(of: "<details class=\"tech\">")).lowerBound
        let table = try XCTUnwrap(html.range(of: "<table class=\"stack\">")).lowerBound
        XCTAssertLessThan(table, details)
        for field in ["<dt>代码</dt>", "<dt>英文名称</dt>", "0.5 远离零", "<code>region-stats</code></a>"] {
            let at = try XCTUnwrap(html.range(of: field), field).lowerBound
            XCTAssertGreaterThan(at, details, field)
        }
        // The chart is HTML sized in CSS, not an SVG scaled down on a phone.
        XCTAssertTrue(html.contains(#"<div class="hbars" role="img""#))
        // The headline says its denominator is a projection where the number is read.
        let lead = try XCTUnwrap(html.range(of: "<p class=\"lead\">")).lowerBound
        XCTAssertLessThan(try XCTUnwrap(html.range(of: "；60岁及以上人口：2025 年预测数）")).lowerBound, details, "in the headline, not only in the notes")
        XCTAssertLessThan(lead, table)
    }
}

/// The shipped script is the source without comments and spaces that say nothing; strings
/// and regular expressions stay byte for byte.
final class ScriptMinifierTests: XCTestCase {
    func testCommentsIndentationAndSpacesBesidePunctuationGo() {
        XCTAssertEqual(ScriptMinifier.minify("  var a = 1; // one\n\n  /* two\n  lines */\n  f( a , b );\n"), "var a=1;f(a,b);\n")
        XCTAssertEqual(ScriptMinifier.minify("if (x) { return typeof x === 'y'; } else if (z) {}"), "if(x){return typeof x==='y';}else if(z){}\n")
    }

    /// Anonymous functions passed or assigned become arrow functions (6 bytes each, about 200 in
    /// the script) — except where an arrow would bind differently or the script could tell.
    func testFunctionsBecomeArrowsOnlyWhereNothingCanTellThemApart() {
        XCTAssertEqual(ScriptMinifier.minify("a.forEach(function (r) { g(function (x) { return x; }); });\nvar f = function () {}\n"),
                       "a.forEach((r)=>{g((x)=>{return x;});});var f=()=>{}\n")
        // Called or bound on the spot, compared, named or declared: left as they are.
        XCTAssertEqual(ScriptMinifier.minify("var h = function () {}.bind(o);\nif (k == function () {}) {}\nfunction named(a) {}\n"),
                       "var h=function(){}.bind(o);if(k==function(){}){}\nfunction named(a){}\n")
        XCTAssertEqual(ScriptMinifier.minify("x = y || function () {};\n"), "x=y||function(){};\n")
        XCTAssertEqual(ScriptMinifier.minify("var f = function () {}\n(g)();\n"), "var f=function(){}\n(g)();\n", "called across the line break")
        XCTAssertEqual(ScriptMinifier.minify("var f = function () {}\n.bind(o);\n"), "var f=function(){}\n.bind(o);\n", "bound across the line break")
        XCTAssertEqual(ScriptMinifier.minify("var f = function () {}\nvar g = 1;\n"), "var f=()=>{}\nvar g=1;\n", "a new statement")
        // A script that uses `this` keeps every function.
        XCTAssertEqual(ScriptMinifier.minify("a.forEach(function (r) { this.n = r; });\n"), "a.forEach(function(r){this.n=r;});\n")
    }

    /// Lines join only where no automatic semicolon can fall: after `;`, `{` and `,`.
    func testLineBreaksStayWhereAStatementMayEndWithoutASemicolon() {
        XCTAssertEqual(ScriptMinifier.minify("var f = function () {\n  return 1;\n}\nvar g = [\n  1,\n  2\n]\n"), "var f=()=>{return 1;}\nvar g=[\n1,2\n]\n")
        XCTAssertEqual(ScriptMinifier.minify("x = a\n/re/.test(s);\n"), "x=a\n/re/.test(s);\n")
        XCTAssertEqual(ScriptMinifier.minify("t = `a,\nb`;\n"), "t=`a,\nb`;\n", "a template literal keeps its line break")
    }

    func testStringsAndRegularExpressionsAreCopiedAsTheyAre() {
        XCTAssertEqual(ScriptMinifier.minify("s = ' a + b // c ' + \"d , e\";"), "s=' a + b // c '+\"d , e\";\n")
        XCTAssertEqual(ScriptMinifier.minify("t = s.replace(/ +/g, ' ');"), "t=s.replace(/ +/g,' ');\n")
        XCTAssertEqual(ScriptMinifier.minify("ok = (/^[0-9A-Z]{18}$/.test(s) && /[/ ]x/.test(t));"), "ok=(/^[0-9A-Z]{18}$/.test(s)&&/[/ ]x/.test(t));\n")
        XCTAssertEqual(ScriptMinifier.minify("q = 'it\\'s // here';"), "q='it\\'s // here';\n")
        // After a keyword a value starts: the slash opens a regular expression, copied with its spaces.
        XCTAssertEqual(ScriptMinifier.minify("function f(s) { return / x /.test(s); }"), "function f(s){return/ x /.test(s);}\n")
        XCTAssertEqual(ScriptMinifier.minify("n = total / count;"), "n=total/count;\n")
    }

    func testDivisionAndSignsThatWouldJoinStayApart() {
        XCTAssertEqual(ScriptMinifier.minify("a = b / c / (d) / 2;"), "a=b/c/(d)/2;\n")
        XCTAssertEqual(ScriptMinifier.minify("a = b - -c + +d;"), "a=b- -c+ +d;\n")
    }

    /// Only comments and spaces go: with every space taken out of both, the shipped script
    /// and its source less its comment lines and `; // …` endings are the same text, and the
    /// strings with spaces in them survive whole.
    func testShippedScriptChangesNoStatement() {
        let shipped = Script.shipped
        XCTAssertLessThan(shipped.utf8.count, Script.js.utf8.count * 3 / 4)
        for literal in ["已选满 3 家，这一家没有加入", "'行政处罚 '", "/^[0-9A-Z]{18}$/.test(code)", "'已清空对比 <button type=\"button\" id=\"compare-undo\">撤销</button>'"] {
            XCTAssertTrue(shipped.contains(literal), literal)
        }
        var code: [Substring] = [], inBlock = false
        for line in Script.js.split(separator: "\n").map({ $0.drop { $0 == " " } }) {
            if inBlock { inBlock = !line.contains("*/"); continue }
            if line.hasPrefix("/*") { inBlock = !line.contains("*/"); continue }
            if line.hasPrefix("//") { continue }
            code.append(line.range(of: "; // ").map { line[...$0.lowerBound] } ?? line)
        }
        func squeezed<S: StringProtocol>(_ s: S) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }
        // Arrows back into functions: the rest of the text is the source's.
        let unarrowed = shipped.replacing(/\(([A-Za-z_$, ]*)\)=>\{/) { "function(\($0.1)){" }
        XCTAssertGreaterThan(shipped.components(separatedBy: ")=>{").count, 150, "the script's callbacks are arrows")
        XCTAssertEqual(squeezed(code.joined(separator: "\n")), squeezed(unarrowed), "only spaces and comments removed, and callbacks made arrows")
    }
}
