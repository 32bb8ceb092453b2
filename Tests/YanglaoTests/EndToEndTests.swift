import Foundation
import XCTest
import YanglaoSite
import YanglaoIndicators
import YanglaoOpenData
import YanglaoMarkdown
import YanglaoStore

final class PublisherTests: XCTestCase {
    /// The build counts facilities while validation runs beside it: a count far out of range
    /// (written by another tool) stops it with validation's error, not an overflow crash.
    func testACountFarOutOfRangeStopsTheBuildWithItsErrorNotACrash() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute(
            "UPDATE institutions SET beds_total = 9223372036854775807, beds_nursing = 0, residents = 9223372036854775807, caregivers = 9223372036854775807 WHERE id = '\(Sample.fushou)'")
        XCTAssertThrowsError(try ws.buildSite(db: db)) { error in
            guard case BuildError.invalid(let errors) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(errors.contains { $0.row == Sample.fushou && $0.column == "beds_total" }, "\(errors)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")))
    }

    var ws: Workspace!
    var site: String!

    override func setUpWithError() throws {
        ws = try Workspace(self)
        site = try ws.buildSite()
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: (site as NSString).appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: (site as NSString).appendingPathComponent(relative))
    }

    func htmlFiles() throws -> [String: String] {
        try snapshot(site).filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: files

    func testWritesTheExpectedFiles() {
        var expected = ["index.html", "404.html", "robots.txt", "assets/site.css",
                        "institutions/index.html", "regions/index.html", "indicators/index.html", "services/index.html",
                        "policies/index.html", "policies/\(Sample.policySlug)/index.html", "about/index.html",
                        "data/index.html"]
        expected += Sample.institutionIDs.map { "institutions/\($0)/index.html" }
        expected += Sample.institutionIDs.map { "data/institutions/\($0).json" }
        expected += [Sample.city, Sample.quwo, Sample.yicheng].map { "regions/\($0)/index.html" }
        for name in ["institutions", "ratings", "credit-records", "services", "indicators", "regions", "region-stats"] {
            expected += ["data/\(name).csv", "data/\(name)-excel.csv", "data/\(name).json"]
        }
        for file in expected { XCTAssertTrue(exists(file), "missing \(file)") }
    }

    /// A rating and a penalty dated after data_as_of (imported before the date was moved on):
    /// no file shows them, and the build itself prints why, naming the facility.
    func testRecordsAfterTheDataDateAreLeftOutAndTheBuildSaysSo() throws {
        let ratings = Sample.tables["ratings"]!.replacingOccurrences(of: "R1,52141021MA0K00001W,3,82.5,2023-03-01,2026-02-28",
                                                                     with: "R1,52141021MA0K00001W,3,82.5,2025-03-01,2028-02-28")
        let credit = Sample.tables["credit_records"]!.replacingOccurrences(of: "2024-06-10,曲民罚〔2024〕12号", with: "2025-06-10,曲民罚〔2024〕12号")
        let db = try ws.database("future.sqlite", ["ratings": ratings, "credit_records": credit])
        let summary = try Publisher.build(BuildOptions(database: db, content: try ws.content(), output: ws.path("future")))
        XCTAssertTrue(summary.warnings.contains("credit_records[C1] (曲沃县福寿养老院) decided_on = 2025-06-10: expected a date not after "
                                                + "data_as_of (2024-12-31); the site does not show this record until meta data_as_of is 2025-06-10 or later\n"
                                                + "  （“信用记录”表编号 C1（曲沃县福寿养老院）的“决定日期”为“2025-06-10”：晚于数据截止日期（2024-12-31），"
                                                + "网站暂不显示这条记录。如属新一期数据，请先在“站点设置”表（meta.csv）中把 data_as_of 改为新的截止日期）"),
                      "\(summary.warnings)")
        XCTAssertTrue(summary.warnings.contains { $0.hasPrefix("ratings[R1] (曲沃县福寿养老院) rated_on = 2025-03-01") }, "\(summary.warnings)")
        for (path, data) in try snapshot(ws.path("future")) {
            XCTAssertFalse(data.containsText("测民发〔2023〕3号"), "the future rating is in \(path)")
            XCTAssertFalse(data.containsText("曲民罚〔2024〕12号"), "the future penalty is in \(path)")
        }
    }

    /// Real data published with the sample's words left in: the build says which, and where.
    func testRealDataWithTheSamplesWordsLeftInIsWarnedAbout() throws {
        let content = try ws.content()
        try "---\ntitle: 关于本站\n---\n\n现在的数据是示例数据。\n".write(toFile: content + "/pages/about.md", atomically: true, encoding: .utf8)
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")
            .replacingOccurrences(of: "publisher,测试发布单位", with: "publisher,yanglao 示例发布单位")
        let real = try Publisher.build(BuildOptions(database: try ws.database("real.sqlite", ["meta": meta]), content: content, output: ws.path("real")))
        XCTAssertTrue(real.warnings.contains { $0.hasPrefix("meta publisher still says \"yanglao 示例发布单位\" (the sample's words) although meta sample is false: set it to your own before publishing（") },
                      "\(real.warnings)")
        XCTAssertTrue(real.warnings.contains { $0.hasPrefix(content + "/pages/about.md still speaks of 示例数据") }, "\(real.warnings)")
        // The sample itself may say so.
        let sample = try Publisher.build(BuildOptions(database: try ws.database("sample.sqlite"), content: content, output: ws.path("sample")))
        XCTAssertFalse(sample.warnings.contains { $0.contains("示例") }, "\(sample.warnings)")
    }

    func testProvinceHasNoPage() {
        XCTAssertFalse(exists("regions/140000/index.html"))
    }

    func testEveryPageIsChineseAndSaysSampleData() throws {
        let pages = try htmlFiles()
        XCTAssertGreaterThanOrEqual(pages.count, 18)
        for (path, html) in pages {
            XCTAssertTrue(html.contains(#"<html lang="zh-CN""#), path)
            XCTAssertTrue(html.contains("示例数据"), path)
        }
    }

    /// Every link to a page of the site finds it, and every #fragment an id on that page.
    func testEveryInternalLinkResolves() throws {
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="((?:/|#)[^"]*)""#)
        let idPattern = try NSRegularExpression(pattern: #" id="([^"]+)""#)
        let pages = try htmlFiles()
        var ids: [String: Set<String>] = [:]
        for (path, html) in pages {
            ids[path] = Set(idPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range(at: 1), in: html)!]) })
        }
        var checked = 0, fragments = 0
        for (path, html) in pages {
            let range = NSRange(html.startIndex..., in: html)
            for match in pattern.matches(in: html, range: range) {
                var target = String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "&amp;", with: "&")
                var fragment: String?
                if let hash = target.firstIndex(of: "#") {
                    fragment = String(target[target.index(after: hash)...])
                    target = String(target[..<hash])
                }
                // A query (the finder's filters) is read by the page's script: the page must exist.
                if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
                var page = path
                if !target.isEmpty {
                    let local = (site as NSString).appendingPathComponent(target)
                    var isDir: ObjCBool = false
                    let found = FileManager.default.fileExists(atPath: local, isDirectory: &isDir)
                    let resolves = found && (!isDir.boolValue || FileManager.default.fileExists(atPath: local + "/index.html"))
                    XCTAssertTrue(resolves, "\(path) links to \(target), which is not in the output")
                    checked += 1
                    page = String(target.dropFirst()) + (isDir.boolValue || target.hasSuffix("/") ? (target.hasSuffix("/") ? "" : "/") + "index.html" : "")
                }
                // The skip link's #main and the like: a fragment names an id of the page it opens.
                if let fragment, !fragment.isEmpty, let known = ids[page] {
                    XCTAssertTrue(known.contains(fragment.removingPercentEncoding ?? fragment), "\(path) links to \(target)#\(fragment), which has no such id")
                    fragments += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
        XCTAssertGreaterThan(fragments, 50)
    }

    /// A summary table's per-1000 figure divides by a projection: the table says so once.
    func testRegionSummaryTablesSayWhichPopulationTheyDivideBy() throws {
        for page in ["regions/index.html", "regions/141000/index.html"] {
            let html = try read(page)
            XCTAssertEqual(html.components(separatedBy: "每千名老年人床位：60岁及以上人口用 2025 年预测数。").count - 1, 1, page)
        }
    }

    /// Long-format statistics carry their names and units, so a row reads on its own.
    func testStatisticsAndReportedValuesNameTheirRegionMetricAndUnit() throws {
        let stats = try read("data/region-stats.csv").split(separator: "\r\n")
        XCTAssertEqual(stats[0], "region_code,region_name,year,metric,metric_name,value,unit,kind,source")
        XCTAssertTrue(stats.contains { $0.hasPrefix("141021,曲沃县,2025,population_60plus,60岁及以上人口,47700,人,projection,") }, "\(stats.prefix(5))")
        let reported = try read("data/observations.csv").split(separator: "\r\n")
        XCTAssertEqual(reported[0], "indicator,indicator_name,region_code,region_name,year,value,unit,source,qualifier")
    }

    func testWithoutAPublicAddressThereIsNoSitemap() throws {
        // Sitemaps take full addresses only: a site that does not know its host writes none,
        // and robots.txt names none.
        XCTAssertFalse(FileManager.default.fileExists(atPath: site + "/sitemap.xml"))
        XCTAssertFalse(try read("robots.txt").contains("Sitemap:"))
        XCTAssertFalse(try read("sitemap/index.html").contains("sitemap.xml"))
    }

    func testAFullBaseURLGivesAbsoluteSitemapAndFeedLinks() throws {
        let ws = try Workspace(self)
        try Publisher.build(BuildOptions(database: try ws.database(), content: try ws.content(), output: ws.path("site"),
                                         baseURL: "https://yanglao.example.gov.cn/linfen"))
        let robots = try String(contentsOfFile: ws.path("site/robots.txt"), encoding: .utf8)
        XCTAssertTrue(robots.contains("Sitemap: https://yanglao.example.gov.cn/linfen/sitemap.xml"), robots)
        let sitemap = try String(contentsOfFile: ws.path("site/sitemap.xml"), encoding: .utf8)
        XCTAssertTrue(sitemap.contains("<loc>https://yanglao.example.gov.cn/linfen/institutions/\(Sample.fushou)/</loc>"), sitemap)
        XCTAssertTrue(sitemap.contains("<lastmod>2024-12-31</lastmod>"))
        // Every page a search engine may index is listed: the release and latest/ pages too.
        let root = ws.path("site")
        for case let path as String in FileManager.default.enumerator(atPath: root)! where path.hasSuffix("index.html") {
            let html = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
            guard !html.contains("noindex") else { continue }
            let address = "https://yanglao.example.gov.cn/linfen/" + path.dropLast("index.html".count)
            XCTAssertTrue(sitemap.contains("<loc>\(address)</loc>"), "\(address) is not in the sitemap")
        }
        XCTAssertTrue(sitemap.contains("<loc>https://yanglao.example.gov.cn/linfen/data/releases/2024-12-31/</loc>"), sitemap)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/sitemap/index.html"), encoding: .utf8).contains("linfen/sitemap.xml"))
        let feed = try String(contentsOfFile: ws.path("site/feed.xml"), encoding: .utf8)
        XCTAssertTrue(feed.contains("href=\"https://yanglao.example.gov.cn/linfen/feed.xml\""), feed)
        // The site's own policy is news on the day it was issued.
        XCTAssertTrue(feed.contains("<title>政策文件：曲沃县养老服务规划（测试）</title>"), feed)
        XCTAssertTrue(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://yanglao.example.gov.cn/linfen/policies/\(Sample.policySlug)/\"/>"), feed)
        let home = try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains("href=\"https://yanglao.example.gov.cn/linfen/institutions/\""))
    }

    /// A policy's links from the site's root stay inside a site under a base path, and what
    /// the content folder does not publish as written is said with file and line.
    func testPolicyLinksFollowTheBasePathAndContentProblemsAreWarned() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try ws.write("---\ntitle: 通知\n---\n\n见[清单](/services/)、[目录](/yanglao/data/)和<br>[外部](//example.org/)。\n\n[关于](about.md)、[旧文](old-notice.md)\n", to: "content/policies/notice.md")
        try ws.write("x", to: "content/policies/notice2.md.txt")
        try ws.write("---\ntitle: 帮助\n---\n\n见[通知](../policies/notice.md#要点)和[关于](about.md)。\n", to: "content/pages/help.md")
        let summary = try Publisher.build(BuildOptions(database: try ws.database(), content: content, output: ws.path("site"), baseURL: "/yanglao/"))
        let page = try String(contentsOfFile: ws.path("site/policies/notice/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<a href=\"/yanglao/services/\">清单</a>"), page)
        XCTAssertTrue(page.contains("href=\"//example.org/\""), page)
        XCTAssertTrue(page.contains("<a href=\"/yanglao/data/\">目录</a>"), "a path with the base path already is kept: \(page)")
        XCTAssertTrue(summary.warnings.contains { $0.hasSuffix("policies/notice.md:5: raw HTML is not published: <br> is left out (write it in Markdown: a table as a Markdown table, a new line as an empty line between paragraphs, bold as **text**)（网页不显示 HTML 代码，这部分没有发布：请改用 Markdown 写法，表格写成 Markdown 表格，分段用空行，加粗写成 **文字**）") }, "\(summary.warnings)")
        XCTAssertTrue(summary.warnings.contains { $0.contains("notice2.md.txt: not published") && $0.contains("rename it to end in .md") }, "\(summary.warnings)")
        // Links to another file go to its page, wherever the site puts it, under the base path.
        XCTAssertTrue(page.contains("<a href=\"/yanglao/about/\">关于</a>"), page)
        XCTAssertTrue(summary.warnings.contains { $0.hasSuffix("policies/notice.md:7: the link to old-notice.md leads nowhere: no file old-notice.md is published from policies/ or pages/ (files there: about.md, help.md, notice.md, quwo-plan-2024.md)（链接的文件不存在：policies/ 和 pages/ 中都没有 old-notice.md，请检查文件名）") }, "\(summary.warnings)")
        let help = try String(contentsOfFile: ws.path("site/help/index.html"), encoding: .utf8)
        XCTAssertTrue(help.contains("<a href=\"/yanglao/policies/notice/#%E8%A6%81%E7%82%B9\">通知</a>"), help)
        XCTAssertTrue(help.contains("<a href=\"/yanglao/about/\">关于</a>"), help)
    }

    /// Two broken policy files are both named, so staff fix them in one go.
    func testEveryBrokenMarkdownFileIsNamedAtOnce() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try ws.write("---\ntitle：坏\n---\nx\n", to: "content/policies/a-bad.md")
        try ws.write("---\ntitle: 坏\nfoo: 1\n---\nx\n", to: "content/policies/b-bad.md")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database(), content: content, output: ws.path("site")))) {
            XCTAssertTrue("\($0)".contains("a-bad.md:2: `title` is followed by a full-width colon"), "\($0)")
            XCTAssertTrue("\($0)".contains("b-bad.md:3: unknown front-matter key `foo`"), "\($0)")
        }
    }

    // MARK: escaping and disclosure

    func testInstitutionNameIsEscapedInHTML() throws {
        let page = try read("institutions/\(Sample.scriptHome)/index.html")
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;养老院"), "escaped name missing")
        for (path, html) in try htmlFiles() {
            // The only script elements are ours: JSON-LD data blocks, the elder-mode line in the
            // head and the deferred site script.
            let scripts = html.components(separatedBy: "<script").count - 1
            let ours = html.components(separatedBy: "<script type=\"application/ld+json\">").count - 1
                + html.components(separatedBy: "<script>try{if(localStorage.getItem('yl-elder')").count - 1
                + html.components(separatedBy: "<script src=\"/assets/site.js\" defer>").count - 1
            XCTAssertEqual(scripts, ours, "raw markup in \(path)")
            XCTAssertFalse(html.contains("<script>alert"), "raw markup in \(path)")
        }
    }

    func testInstitutionNameIsEscapedInJSON() throws {
        let json = try read("data/institutions/\(Sample.scriptHome).json")
        XCTAssertTrue(json.contains(#""name":"\u003cscript>alert(\"x\")\u003c/script>养老院""#), json)
        for (path, data) in try snapshot(site) where path.hasSuffix(".json") || path.hasSuffix(".xml") {
            XCTAssertFalse(data.containsText("<script"), path)
        }
    }

    /// What families ask first and the data does not hold (fees, whom a home admits, free beds):
    /// the page says what to ask and whom, with the home's number or, when it has none, the hotline.
    func testInstitutionPageSaysWhatAndWhomToAskAboutFeesAndAdmission() throws {
        func box(_ id: String) throws -> String {
            let page = try read("institutions/\(id)/index.html")
            guard let start = page.range(of: "<div class=\"note ask\" role=\"note\">"),
                  let end = page.range(of: "</div>", range: start.upperBound..<page.endIndex) else { XCTFail("no ask box in \(id)"); return "" }
            return String(page[start.lowerBound..<end.upperBound])
        }
        let withPhone = try box(Sample.fushou)
        XCTAssertTrue(withPhone.contains("本站没有收录</strong>：请打电话向机构问清楚（电话：<a href=\"tel:"), withPhone)
        XCTAssertTrue(withPhone.contains("0357-1111111</a>）。可以问："), withPhone)
        XCTAssertTrue(withPhone.contains("<li>每月要交多少钱：床位费、护理费、伙食费各多少，押金多少</li>"), withPhone)
        XCTAssertTrue(withPhone.contains("<li>能不能接收失能、半失能或认知障碍（失智）的老年人"), withPhone)
        let withoutPhone = try box(Sample.scriptHome)
        XCTAssertTrue(withoutPhone.contains("机构没有公布电话，请向所在县（市、区）民政部门咨询，或拨打 <a href=\"tel:12345\">12345</a>"), withoutPhone)
    }

    func testDisclosedPenaltyIsPublished() throws {
        XCTAssertTrue(try read("institutions/\(Sample.fushou)/index.html").contains(Sample.disclosedPenaltyNo))
        XCTAssertTrue(try read("data/credit-records.csv").contains(Sample.disclosedPenaltyNo))
    }

    func testRecordsOutsideTheirWindowOrRepairedAppearNowhere() throws {
        let files = try snapshot(site)
        XCTAssertFalse(files.isEmpty)
        for (path, data) in files {
            XCTAssertFalse(data.containsText(Sample.expiredPenaltyNo), "expired record in \(path)")
            XCTAssertFalse(data.containsText(Sample.repairedPenaltyNo), "repaired record in \(path)")
        }
    }

    func testPersonsFullNameAppearsNowhereButTheMaskedNameDoes() throws {
        let files = try snapshot(site)
        for (path, data) in files {
            XCTAssertFalse(data.containsText(Sample.personName), "full name in \(path)")
        }
        XCTAssertTrue(files["institutions/\(Sample.kangle)/index.html"]?.containsText(Sample.maskedPersonName) ?? false)
        XCTAssertTrue(files["data/credit-records.csv"]?.containsText(Sample.maskedPersonName) ?? false)
        XCTAssertTrue(files["institutions/\(Sample.kangle)/index.html"]?.containsText(Sample.personPenaltyNo) ?? false)
    }

    func testCreditDatasetHoldsOnlyDisclosedRecords() throws {
        let rows = try CSVReader.parse(try read("data/credit-records.csv"), file: "credit-records.csv")
        XCTAssertEqual(rows.dropFirst().map { $0.fields[0] }.sorted(), ["C1", "C4"])
    }

    /// Ratings and credit records count by county without a join: each row names its
    /// facility's region (the facility's own JSON says it once, not per record).
    func testRatingAndCreditRowsNameTheirFacilitysRegion() throws {
        for name in ["ratings", "credit-records"] {
            let rows = try CSVReader.parse(try read("data/\(name).csv"), file: name)
            let header = rows[0].fields
            let (id, code, place) = (header.firstIndex(of: "institution_id")!, header.firstIndex(of: "region_code")!, header.firstIndex(of: "region_name")!)
            for row in rows.dropFirst() {
                let facility = row.fields[id]
                XCTAssertEqual(row.fields[code], facility == Sample.kangle ? Sample.yicheng : Sample.quwo, name)
                XCTAssertEqual(row.fields[place], facility == Sample.kangle ? "翼城县" : "曲沃县", name)
            }
        }
        let own = try read("data/institutions/\(Sample.fushou).json")
        XCTAssertEqual(own.components(separatedBy: "\"region_code\"").count - 1, 1, own)
        // Fetched on its own, away from the pages' banner, the file still says its date and that it is the sample's.
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(own.utf8)) as? [String: Any])
        XCTAssertEqual(object["data_as_of"] as? String, "2024-12-31")
        XCTAssertEqual(object["sample"] as? Bool, true)
    }

    func testExcelCSVHasABOMAndPlainCSVDoesNot() throws {
        let files = try snapshot(site)
        XCTAssertEqual(files["data/services-excel.csv"]?.prefix(3), Data([0xEF, 0xBB, 0xBF]))
        XCTAssertNotEqual(files["data/services.csv"]?.prefix(3), Data([0xEF, 0xBB, 0xBF]))
        XCTAssertTrue(try read("data/services.csv").hasPrefix("id,seq,target_group,"))
    }

    func testRegionPageShowsTheBedGap() throws {
        let page = try read("regions/\(Sample.quwo)/index.html")
        XCTAssertTrue(page.contains("缺口 363 张"), "bed gap missing")
        // Beside the bed target's 还差, the gap says how the two differ; where there is no such target it need not.
        XCTAssertTrue(page.contains("这里的缺口和上方“养老机构床位数”目标的“还差”不是一回事"), page)
        let yicheng = try read("regions/\(Sample.yicheng)/index.html")
        XCTAssertTrue(yicheng.contains("富余 100 张"))
        XCTAssertFalse(yicheng.contains("不是一回事"))
    }

    func testPolicyPageRendersMarkdown() throws {
        let page = try read("policies/\(Sample.policySlug)/index.html")
        XCTAssertTrue(page.contains("曲沃县养老服务规划（测试）"))
        XCTAssertTrue(page.contains(#"<h2 id="主要目标">"#))
        XCTAssertTrue(page.contains("<table>"))
    }

    // MARK: reproducibility and failure

    func testBuildingTwiceGivesIdenticalFiles() throws {
        let first = try snapshot(site)
        try ws.buildSite(db: ws.path("yanglao.sqlite"))
        let second = try snapshot(site)
        XCTAssertEqual(Set(first.keys), Set(second.keys))
        for (path, data) in first { XCTAssertEqual(second[path], data, "\(path) differs between builds") }
    }

    func testBuildingFromAFreshDatabaseGivesIdenticalFiles() throws {
        let other = try ws.buildSite(db: try ws.database("again.sqlite"), out: "site2")
        XCTAssertEqual(try snapshot(other), try snapshot(site))
    }

    func buildingLeftovers() throws -> [String] {
        try leftovers(beside: ws.root.path)
    }

    func testBuildStoppedByAnIDCardNumberLeavesThePublishedSiteAsItWas() throws {
        let before = try snapshot(site)
        let leaky = replacingRow("credit_records", id: "C1", with:
            "C1,52141021MA0K00001W,penalty,organisation,曲沃县福寿养老院,2024-06-10,曲民罚〔2024〕12号,曲沃县民政局,护理员110101199003071234未持证,依据,罚款,2000,ordinary,,")
        let db = try ws.database("leaky.sqlite", ["credit_records": leaky])
        XCTAssertThrowsError(try ws.buildSite(db: db)) { error in
            guard case BuildError.invalid(let findings) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(findings.map(\.column), ["reason"])
            XCTAssertEqual(findings.map(\.row), ["C1"])
            XCTAssertFalse("\(error)".contains("110101199003071234"), "the number itself must not be echoed")
        }
        XCTAssertEqual(try snapshot(site), before)
        XCTAssertEqual(try buildingLeftovers(), [])
    }

    func testIDCardNumberInARecordNoLongerDisclosedDoesNotStopTheBuild() throws {
        let old = replacingRow("credit_records", id: "C2", with:
            "C2,52141022MA0K00003H,penalty,organisation,翼城县康乐养老中心,2022-01-05,曲民罚〔2022〕999号,翼城县民政局,110101199003071234,依据,警告,,ordinary,,")
        XCTAssertNoThrow(try ws.buildSite(db: try ws.database("old.sqlite", ["credit_records": old]), out: "site-old"))
    }

    func testBuildFromAMissingDatabaseLeavesThePublishedSiteAsItWas() throws {
        let before = try snapshot(site)
        let missing = ws.path("missing.sqlite")
        XCTAssertThrowsError(try ws.buildSite(db: missing)) { error in
            XCTAssertEqual(error as? StoreError, .missingDatabase(path: missing))
        }
        XCTAssertEqual(try snapshot(site), before)
        XCTAssertEqual(try buildingLeftovers(), [])
    }

    func testUnsafeInstitutionIDStopsTheBuild() throws {
        let before = try snapshot(site)
        // `yanglao import` refuses such an id; a database edited by other tools may still hold one.
        let db = try ws.database("lower.sqlite")
        try Database(path: db, mode: .readWriteCreate).execute("""
            INSERT INTO institutions (id, name, region_code, category, ownership, status, beds_total, beds_nursing,
              medical_integration, fire_safety_accepted, updated_on)
            VALUES ('52141022ma0k000009', '小写代码养老院', '141022', 'institution', 'private', 'operating', 10, 0, 'none', 0, '2024-10-01')
            """)
        XCTAssertThrowsError(try ws.buildSite(db: db)) { error in
            // The validator rejects it as an invalid USCC before any path is built from it.
            guard case BuildError.invalid(let findings) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(findings.map(\.column), ["id"])
        }
        XCTAssertEqual(try snapshot(site), before)
        XCTAssertEqual(try buildingLeftovers(), [])
    }

    func testUnknownIndicatorInAPolicyStopsTheBuild() throws {
        let before = try snapshot(site)
        // An indicators block naming an unknown code: reported with the file and its line.
        try ws.write("---\ntitle: 指标\n---\n\n```indicators\nno_such_indicator\n```\n", to: "content/policies/live.md")
        let options = BuildOptions(database: ws.path("yanglao.sqlite"), content: ws.path("content"), output: site)
        XCTAssertThrowsError(try Publisher.build(options)) { error in
            let e = error as? DocumentError
            XCTAssertEqual(e?.file, ws.path("content/policies/live.md"))
            XCTAssertEqual(e?.line, 6)
        }
        XCTAssertEqual(try snapshot(site), before)
        XCTAssertEqual(try buildingLeftovers(), [])
        // A code one letter off is given its likely meaning; an indicator's Chinese name is read as its code.
        try ws.write("---\ntitle: 指标\n---\n\n```indicators\nnursing_beds_share\n```\n", to: "content/policies/live.md")
        XCTAssertThrowsError(try Publisher.build(options)) { XCTAssertTrue("\($0)".contains("(did you mean nursing_bed_share?)"), "\($0)") }
        let name = try XCTUnwrap(IndicatorRegistry.definition("nursing_bed_share")).nameZH
        try ws.write("---\ntitle: 指标\n---\n\n```indicators\n\(name)\n```\n", to: "content/policies/live.md")
        try Publisher.build(options)
        XCTAssertTrue(try read("policies/live/index.html").contains(name))
    }

    func testBadMarkdownStopsTheBuild() throws {
        let before = try snapshot(site)
        try ws.write("# 没有前置信息\n", to: "content/policies/broken.md")
        let options = BuildOptions(database: ws.path("yanglao.sqlite"), content: ws.path("content"), output: site)
        XCTAssertThrowsError(try Publisher.build(options)) { error in
            XCTAssertEqual((error as? DocumentError)?.line, 1)
        }
        XCTAssertEqual(try snapshot(site), before)
    }
}

extension PublisherTests {
    func testUnknownIndicatorInAPolicyBlockNamesFileAndLine() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        try ws.write("---\ntitle: 进展\n---\n\n```indicators\nbeds_total\nno_such_code\n```\n", to: "content/policies/progress.md")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))) {
            let message = "\($0)"
            XCTAssertTrue(message.contains("progress.md:7:"), message)
            XCTAssertTrue(message.contains("no_such_code"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")))
    }

    func testIndicatorsBlockRendersTheLiveValue() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        try ws.write("---\ntitle: 进展\n---\n\n```indicators\nbeds_total\n```\n", to: "content/policies/progress.md")
        try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        let html = try String(contentsOfFile: ws.path("site/policies/progress/index.html"), encoding: .utf8)
        let report = try IndicatorEngine.compute(store: DataStore(path: db), asOf: ISODate("2024-12-31")!)
        let beds = try XCTUnwrap(report.value("beds_total", region: Sample.city)?.value)
        XCTAssertTrue(html.contains("养老机构床位数"))
        XCTAssertTrue(html.contains(">\(Int(beds)) 张<"), html)
        XCTAssertFalse(html.contains("yanglao-embed"))
    }

    func testUnknownIndicatorCodeInTargetsStopsTheBuild() throws {
        let ws = try Workspace(self)
        let db = try ws.database("db.sqlite", ["targets": appendingRow("targets", "beds_totl,141000,2028,10,>=,expected,测试")])
        XCTAssertThrowsError(try ws.buildSite(db: db)) {
            XCTAssertTrue("\($0)".contains("error: targets[beds_totl, 141000, 2028] indicator = beds_totl"), "\($0)")
        }
    }
}

extension PublisherTests {
    /// The credit page's total is the number of records the dataset discloses, and its spot-check
    /// figure says how many found problems.
    func testTheCreditPageCountsWhatTheDatasetHolds() throws {
        let rows = try CSVReader.parse(try read("data/credit-records.csv"), file: "credit-records.csv").count - 1
        let page = try read("credit/index.html")
        XCTAssertTrue(page.contains("全部公示中的信用记录（共 \(rows) 条）"), "\(rows)")
        XCTAssertTrue(page.contains("抽查检查（其中发现问题 "), "")
    }

    /// A county's share of a handful of homes shows its count beside its bar (2 of 3 is 66.67%).
    func testASmallCountysShareShowsItsCountInTheChart() throws {
        let page = try read("indicators/rated_share/index.html")
        let start = try XCTUnwrap(page.range(of: "id=\"chart-rated_share\""))
        let chart = page[start.lowerBound...]
        let figure = String(chart[..<(try XCTUnwrap(chart.range(of: "</figure>")).lowerBound)])
        XCTAssertNotNil(figure.range(of: #"% <span class="muted">[0-9]+/[0-9]+</span>"#, options: .regularExpression), figure)
        XCTAssertTrue(figure.contains("是分子/分母"), "the caption says what the numbers are")
    }

    /// A region's indicator table holds what has a figure or a target; the rest are named once below it.
    func testARegionNamesIndicatorsWithoutDataOnceInsteadOfRowsOfDashes() throws {
        let page = try read("regions/\(Sample.quwo)/index.html")
        // The folded list of those without data and without a target here.
        let line = page.range(of: "项指标暂无数据、也没有本地区的规划目标</summary>").map { String(page[$0.upperBound...].prefix(20_000)) }
            .flatMap { text in text.range(of: "</details>").map { String(text[..<$0.lowerBound]) } } ?? ""
        let names = line.components(separatedBy: "<li>").dropFirst().map { $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).trimmingCharacters(in: .whitespacesAndNewlines) }
        XCTAssertTrue(page.contains("养老机构床位数</a></th>"), "a figure keeps its row")
        XCTAssertTrue(page.contains("项指标没有本地区的规划目标（展开查看数值）"), "figures without a target here are folded, not left out")
        let shown = Set(try read("indicators/index.html").components(separatedBy: "<li id=\"").dropFirst().map { $0.prefix { $0 != "\"" } })
        // Every indicator the site shows (/indicators/ has an entry for it) is on the page once:
        // in the table, folded below it, or in that line, linked; the others are nowhere.
        for def in IndicatorRegistry.all {
            let rows = page.components(separatedBy: ">\(def.nameZH)</a></th>").count - 1
                + page.components(separatedBy: ">\(def.nameZH)</a>：").count - 1
            XCTAssertEqual(rows + (names.contains(def.nameZH) ? 1 : 0), shown.contains(Substring(def.code)) ? 1 : 0, def.code)
            if names.contains(def.nameZH) { XCTAssertTrue(line.contains("#\(def.code)\""), def.code) }
        }
    }

    /// A rating's state in the history says of which day it holds: read years later beside an
    /// end date the reader's today has passed, a bare 有效 would contradict it.
    func testARatingInForceSaysOfWhichDay() throws {
        let rated = try read("institutions/\(Sample.fushou)/index.html")
        XCTAssertTrue(rated.contains("<p class=\"call\">电话：<a href=\"tel:"), "the number to ring is at the top")
        XCTAssertTrue(rated.contains(">有效（截至 "), "the current rating's state is dated")
        XCTAssertFalse(try read("institutions/\(Sample.kangle)/index.html").contains("有效（截至 "), "an expired one is not in force")
        // Where a level is listed without its end date, the end rides along for the script to mark once passed.
        let end = #"<time class="lapse" datetime="2026-02-28" data-past="过有效期" hidden></time>"#
        for page in ["regions/\(Sample.quwo)/index.html", "institutions/\(Sample.fushou)/index.html", "institutions/index.html"] {
            XCTAssertTrue(try read(page).contains(end), page)
        }
    }

    /// Every city value in indicators.csv is the value its indicator page shows.
    func testIndicatorsCSVAgreesWithTheIndicatorPages() throws {
        let rows = try CSVReader.parse(try read("data/indicators.csv"), file: "indicators.csv")
        let header = try XCTUnwrap(rows.first?.fields)
        func col(_ name: String) throws -> Int { try XCTUnwrap(header.firstIndex(of: name)) }
        let (code, region, value) = (try col("indicator"), try col("region_code"), try col("value"))
        var compared = 0
        for row in rows.dropFirst() where row.fields[region] == Sample.city && !row.fields[value].isEmpty {
            let def = try XCTUnwrap(IndicatorRegistry.definition(row.fields[code]))
            let shown = Rounding.format(try XCTUnwrap(Double(row.fields[value])), decimals: def.decimals)
            let page = try read("indicators/\(def.code)/index.html")
            XCTAssertTrue(page.contains("<strong>\(shown)") || page.contains("<strong>\(Int(Double(shown)!))"),
                          "\(def.code): CSV value \(shown) not on its page")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 5)
        // No row says nothing: a region without value, numerator, denominator or target has none.
        let (num, den, target) = (try col("numerator"), try col("denominator"), try col("target"))
        let empty = rows.dropFirst().filter { r in [value, num, den, target].allSatisfy { r.fields[$0].isEmpty } }
        XCTAssertEqual(empty.count, 0, "\(empty.prefix(3).map(\.fields))")
        // A target met before its year says so in the cell: a spreadsheet shows no bare 已达到 beside a target not yet due.
        let (status, year, targetYear) = (try col("status"), try col("year"), try col("target_year"))
        var early = 0
        for r in rows.dropFirst() where r.fields[status].hasPrefix("met") {
            let before = Int(r.fields[year])! < Int(r.fields[targetYear])!
            XCTAssertEqual(r.fields[status], before ? "met_early" : "met", "\(r.fields)")
            if before { early += 1 }
        }
        XCTAssertGreaterThan(early, 0, "the fixture has a target met before its year, or this proves nothing")
        let excel = try read("data/indicators-excel.csv")
        XCTAssertTrue(excel.contains(",已提前达到（目标年未到）,"))
        // The pages' badge says it too: a screenshot of a plain "✓ 已达到" reads as a target done.
        let cityEarly = rows.dropFirst().first { $0.fields[status] == "met_early" && $0.fields[region] == Sample.city }
        let earlyCode = try XCTUnwrap(cityEarly?.fields[code], "the fixture's city has a target met early")
        for page in ["indicators/\(earlyCode)/index.html", "indicators/index.html"] {
            XCTAssertTrue(try read(page).contains("<span class=\"badge met\">✓ 已提前达到</span>"), page)
        }
    }
}

/// Releases: immutable folders per data date, and what changed between them.
final class ReleaseTests: XCTestCase {
    func testTwoDataDatesGiveTwoReleasesAndAChangeList() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        // With its public address, so the sitemap (full addresses only) is written.
        let address = "https://yanglao.example.gov.cn/"
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out, baseURL: address))
        let first = try snapshot(out + "/data/releases/2024-12-31")
        // The first release lists nothing and says why, with what it holds.
        let initial = try JSONSerialization.jsonObject(with: first["changes.json"]!) as! [String: Any]
        XCTAssertEqual(initial["first_release"] as? Bool, true)
        let held = initial["first_release_contents"] as! [String: Any]
        XCTAssertEqual(held["institutions"] as? Int, Sample.tables["institutions"]!.split(separator: "\n").count - 1)

        // Half a year later: one facility gone, one new, one with more beds.
        // Published three weeks after its data date (meta published_on).
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30") + "published_on,2025-07-20\n"
        let institutions = Sample.tables["institutions"]!
        let changedBeds = institutions.split(separator: "\n").first { $0.hasPrefix(Sample.fushou + ",") }!
        var fields = changedBeds.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let bedsIndex = 11 // beds_total
        let before = fields[bedsIndex]
        fields[bedsIndex] = String(Int(before)! + 10)
        var edited = replacingRow("institutions", id: Sample.fushou, with: fields.joined(separator: ","))
        edited = edited.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(Sample.chengdong + ",") }.joined(separator: "\n")
        let newID = "52141022MA0K000094"
        edited += "\(newID),翼城县新开养老院,141022,institution,private,,,,,2025-03-01,operating,30,10,,,,,none,0,2025-06-01\n"
        // A binding target quietly lowered and a service renamed are changes too.
        let targets = Sample.tables["targets"]!.replacingOccurrences(of: "nursing_bed_share,141000,2025,55,", with: "nursing_bed_share,141000,2025,50,")
        let db = try ws.database("b.sqlite", ["meta": meta, "institutions": edited, "targets": targets, "services": Sample.renamedServices,
                                              "ratings": Sample.tables["ratings"]!, "credit_records": Sample.tables["credit_records"]!])
        try Publisher.build(BuildOptions(database: db, content: content, output: out, baseURL: address))

        let releases = try releaseFolders(out + "/data/releases")
        XCTAssertEqual(releases, ["2024-12-31", "2025-06-30"])
        // The new release is dated with its day of publication; the earlier one keeps the day it was archived with.
        func created(_ release: String) throws -> String? {
            let package = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/releases/\(release)/datapackage.json"))) as! [String: Any]
            return package["created"] as? String
        }
        XCTAssertEqual(try created("2025-06-30"), "2025-07-20T00:00:00+08:00")
        XCTAssertEqual(try created("2024-12-31"), "2024-12-31T00:00:00+08:00")
        // The package names the documents its plan targets and figures come from, with their pages' addresses.
        for file in ["/data/releases/2025-06-30/datapackage.json", "/data/datapackage.json"] {
            let package = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + file))) as! [String: Any]
            let sources = try XCTUnwrap(package["sources"] as? [[String: String]], file)
            let plan = try XCTUnwrap(sources.first { $0["title"] == "曲沃县养老服务规划（测试）（曲政发〔2024〕1号）" }, "\(sources)")
            XCTAssertTrue(plan["path"]?.hasPrefix(address + "policies/") ?? false, "\(plan)")
        }
        let feed = try String(contentsOfFile: out + "/feed.xml", encoding: .utf8)
        XCTAssertTrue(feed.contains("<title>数据更新：2025-06-30 版</title>"), feed)
        let entry = try XCTUnwrap(feed.components(separatedBy: "<entry>").first { $0.contains("数据更新：2025-06-30 版") })
        XCTAssertTrue(entry.contains("<updated>2025-07-20T00:00:00+08:00</updated>"), entry)
        let catalogue = try String(contentsOfFile: out + "/data/index.html", encoding: .utf8)
        XCTAssertTrue(catalogue.contains("（2025-06-30 版）[DS/OL]．(2025-07-20)[<span class=\"cite-date\">引用日期</span>]"), "\(catalogue.count)")
        XCTAssertEqual(try snapshot(out + "/data/releases/2024-12-31"), first, "an earlier release changed")
        let changes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/releases/2025-06-30/changes.json"))) as! [String: Any]
        XCTAssertEqual(changes["previous_release"] as? String, "2024-12-31")
        XCTAssertEqual(changes["first_release"] as? Bool, false)
        XCTAssertNil(changes["first_release_contents"])
        let inst = changes["institutions"] as! [String: Any]
        XCTAssertEqual((inst["added"] as! [[String: Any]]).map { $0["id"] as! String }, [newID])
        XCTAssertEqual((inst["removed"] as! [[String: Any]]).map { $0["id"] as! String }, [Sample.chengdong])
        // Its address still answers, saying it was removed, and search engines are told to drop it.
        let gone = try String(contentsOfFile: out + "/institutions/\(Sample.chengdong)/index.html", encoding: .utf8)
        XCTAssertTrue(gone.contains("已于 2025-06-30 版数据中移出名录"), gone)
        XCTAssertTrue(gone.contains("noindex"))
        XCTAssertFalse(try String(contentsOfFile: out + "/sitemap.xml", encoding: .utf8).contains(Sample.chengdong))
        let goneJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/institutions/\(Sample.chengdong).json"))) as? [String: Any]
        XCTAssertEqual(goneJSON?["removed_in_release"] as? String, "2025-06-30")
        XCTAssertEqual(goneJSON?["previous_release_url"] as? String, "\(address)data/releases/2024-12-31/")
        let changed = inst["changed"] as! [[String: Any]]
        XCTAssertEqual(changed.map { $0["id"] as! String }, [Sample.fushou])
        let beds = (changed[0]["fields"] as! [[String: Any]]).first { $0["field"] as? String == "beds_total" }
        XCTAssertEqual((beds?["from"] as? NSNumber)?.intValue, Int(before), "numbers stay numbers in changes.json")
        XCTAssertEqual((beds?["to"] as? NSNumber)?.intValue, Int(before)! + 10)
        let datasets = changes["datasets"] as! [String: Any]
        XCTAssertEqual(Set(datasets.keys), ["targets", "services"], "\(datasets)")
        let target = ((datasets["targets"] as! [String: Any])["changed"] as! [[String: Any]])
        XCTAssertEqual(target.count, 1)
        // Keys typed as in the dataset (a year is a number), so the list joins indicators.json.
        let key = target[0]["key"] as? [String: Any]
        XCTAssertEqual(key?.compactMapValues { $0 as? String }, ["indicator": "nursing_bed_share", "region_code": "141000", "source": "测试规划 表一"])
        XCTAssertEqual((key?["target_year"] as? NSNumber)?.intValue, 2025, "\(String(describing: key))")
        XCTAssertNil(key?["target_year"] as? String)
        let lowered = (target[0]["fields"] as! [[String: Any]])[0]
        XCTAssertEqual(lowered["field"] as? String, "target")
        XCTAssertEqual((lowered["from"] as? NSNumber)?.intValue, 55)
        XCTAssertEqual((lowered["to"] as? NSNumber)?.intValue, 50)
        XCTAssertTrue((changes["summary_zh"] as! String).contains("；规划目标：变更 1 项；基本养老服务清单：变更 1 项。"), changes["summary_zh"] as! String)
        let changesPage = try String(contentsOfFile: out + "/data/changes/index.html", encoding: .utf8)
        XCTAssertTrue(changesPage.contains("<h3>规划目标的变化（1）</h3>"), "\(changesPage.count)")
        XCTAssertTrue(changesPage.contains("<li>变更：临汾市 护理型床位占比 2025 年目标：目标值：55 → 50</li>"), "\(changesPage.count)")
        XCTAssertTrue(changesPage.contains("服务项目：高龄津贴 → 高龄补贴"), "\(changesPage.count)")
        // A release never changes, so it names no credit record (each may be shown only inside its window).
        let credit = changes["credit_records"] as! [String: Any]
        XCTAssertEqual(Set(credit.keys), ["new_count", "withdrawn_count", "disclosed_count"])
        // The address people cite is a page: the release's files with sizes and SHA-256.
        let releasePage = try String(contentsOfFile: out + "/data/releases/2025-06-30/index.html", encoding: .utf8)
        XCTAssertTrue(releasePage.contains("<a href=\"institutions.csv\">institutions.csv</a>"))
        XCTAssertFalse(releasePage.contains("credit-records"), "credit records are not frozen into a release")
        // Every file of the release verifies against its SHA256SUMS.
        let sums = try String(contentsOfFile: out + "/data/releases/2025-06-30/SHA256SUMS", encoding: .utf8)
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            let name = parts[1].trimmingCharacters(in: .whitespaces)
            XCTAssertEqual(try OutputFile.sha256(of: out + "/data/releases/2025-06-30/" + name), String(parts[0]), name)
        }
        // The catalogue gives each release file's size and SHA-256 too, as its SHA256SUMS does.
        var described: [String: (size: String?, sha: String?)] = [:]
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let download = (object["dcat:downloadURL"] as? [String: Any])?["@id"] as? String {
                    described[download] = ((object["dcat:byteSize"] as? [String: Any])?["@value"] as? String,
                                           ((object["spdx:checksum"] as? [String: Any])?["spdx:checksumValue"] as? [String: Any])?["@value"] as? String)
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] { array.forEach(walk) }
        }
        walk(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/catalog.jsonld"))))
        for date in releases {
            for line in try String(contentsOfFile: out + "/data/releases/\(date)/SHA256SUMS", encoding: .utf8).split(separator: "\n") {
                let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                guard parts[1].hasPrefix("institutions.") else { continue }
                let size = try FileManager.default.attributesOfItem(atPath: out + "/data/releases/\(date)/\(parts[1])")[.size] as! Int
                let entry = described["\(address)data/releases/\(date)/\(parts[1])"]
                XCTAssertEqual(entry?.size, String(size), "\(date) \(parts[1])")
                XCTAssertEqual(entry?.sha, parts[0], "\(date) \(parts[1])")
            }
        }
        // Credit records are never frozen into a release.
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data/releases/2025-06-30/credit-records.csv"))
        XCTAssertTrue(try String(contentsOfFile: out + "/data/changes/index.html", encoding: .utf8).contains("翼城县新开养老院"))
        XCTAssertTrue(try String(contentsOfFile: out + "/feed.xml", encoding: .utf8).contains("数据更新：2025-06-30 版"))
    }

    func testRebuildingTheSameDateKeepsTheReleaseAndWarnsWhenDataDiffer() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        let first = try snapshot(out + "/data/releases/2024-12-31")
        let same = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite"), content: content, output: out))
        // Only the fixture's facility named with a script tag (Sample.scriptName) is warned of.
        XCTAssertEqual(same.warnings.filter { !$0.contains("a facility's name without < or >") }, [])
        let fewer = replacingRow("services", id: "S2", with: "")
        let changed = try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["services": fewer]),
                                                       content: content, output: out))
        let releaseWarnings = changed.warnings.filter { $0.hasPrefix("更正：2024-12-31 版保持原样") && $0.contains(" — release 2024-12-31 keeps") }
        XCTAssertEqual(releaseWarnings.count, 1)
        XCTAssertTrue(releaseWarnings[0].contains("services.csv"), "\(changed.warnings)")
        XCTAssertEqual(try snapshot(out + "/data/releases/2024-12-31"), first)
        // Said once: a rebuild of the same corrected data archives nothing and repeats nothing.
        let again = try Publisher.build(BuildOptions(database: try ws.database("c2.sqlite", ["services": fewer]), content: content, output: out))
        XCTAssertFalse(again.warnings.contains { $0.hasPrefix("更正：") }, "\(again.warnings)")
        XCTAssertEqual(again.written, 0)
        // A journalist sees which datasets were corrected after the release, and cites them as they are now.
        let services = try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8)
        XCTAssertTrue(services.contains("<strong>本数据集在 2024-12-31 版发布后有更正：<code>services.csv</code>、<code>services-excel.csv</code>、<code>services.json</code>。</strong>"), services)
        XCTAssertTrue(services.contains("（2024-12-31 版更正 1）[DS/OL]．[<span class=\"cite-date\">引用日期</span>]．<span class=\"cite-url\">/data/corrections/2024-12-31/1/services.csv</span></p>"), services)
        let regions = try String(contentsOfFile: out + "/data/regions/index.html", encoding: .utf8)
        XCTAssertFalse(regions.contains("发布后有更正"))
        XCTAssertTrue(regions.contains("（2024-12-31 版）[DS/OL]．(2024-12-31)[<span class=\"cite-date\">引用日期</span>]．<span class=\"cite-url\">/data/releases/2024-12-31/regions.csv</span>"), regions)
        let index = try String(contentsOfFile: out + "/data/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("services/\">基本养老服务清单</a>在 2024-12-31 版发布后有更正"), index)
    }

    /// The sample built once into `site` (its release 2024-12-31 archived): the database, content and output paths.
    func firstRelease(_ ws: Workspace) throws -> (db: String, content: String, out: String) {
        let (db, content, out) = (try ws.database("a.sqlite"), try ws.content(), ws.path("site"))
        try Publisher.build(BuildOptions(database: db, content: content, output: out))
        return (db, content, out)
    }

    /// Writes `text` as `name` of the release folder and its line of SHA256SUMS: the release as
    /// an older version of yanglao wrote it.
    func rewrite(release: String, _ name: String, _ text: String) throws {
        try text.write(toFile: release + "/" + name, atomically: true, encoding: .utf8)
        let sums = try String(contentsOfFile: release + "/SHA256SUMS", encoding: .utf8).split(separator: "\n").map { line -> String in
            line.hasSuffix("  " + name) ? OutputFile.sha256(bytes: Array(text.utf8)) + "  " + name : String(line)
        }
        try (sums.joined(separator: "\n") + "\n").write(toFile: release + "/SHA256SUMS", atomically: true, encoding: .utf8)
    }

    /// A newer yanglao naming an indicator in other words (its registry's name, in every row of
    /// the indicators dataset) leaves the data the same: no correction, the release stays as it was.
    func testAnIndicatorRenamedByANewerYanglaoIsNoCorrection() throws {
        let (db, content, out) = try firstRelease(Workspace(self))
        let release = out + "/data/releases/2024-12-31"
        // The release as an older version wrote it: the indicator under its older, shorter name.
        let old = try String(contentsOfFile: release + "/indicators.json", encoding: .utf8)
            .replacingOccurrences(of: "\"indicator_name\":\"护理型床位占比\"", with: "\"indicator_name\":\"护理型床位比例\"")
        XCTAssertTrue(old.contains("\"护理型床位比例\""), String(old.prefix(400)))
        try rewrite(release: release, "indicators.json", old)
        let summary = try Publisher.build(BuildOptions(database: db, content: content, output: out))
        XCTAssertTrue(summary.warnings.contains { $0.contains("indicators.json as first published; they are now written differently") }, "\(summary.warnings)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data/corrections"))
    }

    /// A newer yanglao writing a file differently (the Excel file's words) with the same data is
    /// not a correction: nothing is archived, the release stays the one to cite, and no feed
    /// entry says data were corrected.
    func testANewWayOfWritingAFileIsNotACorrection() throws {
        let (db, content, out) = try firstRelease(Workspace(self))
        // The release as an older version wrote it: another Excel file, same data.
        let release = out + "/data/releases/2024-12-31"
        let old = Data("\u{FEFF}id,seq\r\nS1,1\r\n".utf8)
        try old.write(to: URL(fileURLWithPath: release + "/services-excel.csv"))
        // And its region statistics without the region_name column a newer version added.
        let stats = try String(contentsOfFile: release + "/region-stats.json", encoding: .utf8)
            .replacingOccurrences(of: #","region_name":"[^"]*""#, with: "", options: .regularExpression)
        try stats.write(toFile: release + "/region-stats.json", atomically: true, encoding: .utf8)
        let sums = try String(contentsOfFile: release + "/SHA256SUMS", encoding: .utf8).split(separator: "\n").map { line -> String in
            line.hasSuffix("  services-excel.csv") ? OutputFile.sha256(bytes: [UInt8](old)) + "  services-excel.csv"
                : line.hasSuffix("  region-stats.json") ? OutputFile.sha256(bytes: Array(stats.utf8)) + "  region-stats.json" : String(line)
        }
        try (sums.joined(separator: "\n") + "\n").write(toFile: release + "/SHA256SUMS", atomically: true, encoding: .utf8)
        let summary = try Publisher.build(BuildOptions(database: db, content: content, output: out))
        XCTAssertTrue(summary.warnings.contains { $0.contains("keeps services-excel.csv, region-stats.json as first published; they are now written differently") }, "\(summary.warnings)")
        XCTAssertFalse(summary.warnings.contains { $0.contains("corrections") }, "\(summary.warnings)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data/corrections"))
        let page = try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<code>services-excel.csv</code>的写法在"), page)
        XCTAssertFalse(page.contains("发布后有更正"), page)
        XCTAssertTrue(page.contains("（2024-12-31 版）[DS/OL]．(2024-12-31)[<span class=\"cite-date\">引用日期</span>]．<span class=\"cite-url\">/data/releases/2024-12-31/services.csv</span>"), "the release is still cited (dated by its data date when published_on is not set)")
        XCTAssertFalse(try String(contentsOfFile: out + "/feed.xml", encoding: .utf8).contains("数据更正"))
    }

    /// A release frozen by a version that judged the same rows otherwise (met for met_early,
    /// expired for superseded) is rebuilt without a correction, real data included: those fields
    /// are yanglao's own judgement, not data staff typed.
    func testANewerJudgementOfTheSameRowsIsNotACorrection() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        let db = try ws.database("a.sqlite", ["meta": Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")])
        try Publisher.build(BuildOptions(database: db, content: content, output: out))
        let release = out + "/data/releases/2024-12-31"
        let indicators = try String(contentsOfFile: release + "/indicators.json", encoding: .utf8)
        XCTAssertTrue(indicators.contains(#""status":"met_early""#), "the fixture has a target met early, or this proves nothing")
        let older = indicators.replacingOccurrences(of: #""status":"met_early""#, with: #""status":"met""#)
        try rewrite(release: release, "indicators.json", older)
        // Real data without corrected_on: a correction would be refused; this is none.
        let summary = try Publisher.build(BuildOptions(database: db, content: content, output: out))
        XCTAssertTrue(summary.warnings.contains { $0.contains("keeps indicators.json as first published; they are now written differently") }, "\(summary.warnings)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data/corrections"))
    }

    /// A correction is dated by meta corrected_on (the site reads no clock): its page, data
    /// package, feed entry, catalogue version and the listings say the day; without it the
    /// build says the correction stays undated.
    func testACorrectionIsDatedByCorrectedOn() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        let renamed = Sample.renamedServices
        let meta = Sample.tables["meta"]! + "corrected_on,2025年1月15日\n"
        let dated = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": renamed, "meta": meta]), content: content, output: out))
        XCTAssertFalse(dated.warnings.contains { $0.contains("without its day") }, "\(dated.warnings)")
        let folder = out + "/data/corrections/2024-12-31/1/"
        XCTAssertTrue(try String(contentsOfFile: folder + "index.html", encoding: .utf8).contains("第 1 次更正（更正日期 2025-01-15）"))
        let package = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "datapackage.json"))) as? [String: Any])
        XCTAssertEqual(package["created"] as? String, "2025-01-15T00:00:00+08:00")
        let feed = try String(contentsOfFile: out + "/feed.xml", encoding: .utf8)
        XCTAssertTrue(feed.contains("<title>数据更正：2024-12-31 版更正 1（2025-01-15）</title>"), feed)
        XCTAssertTrue(feed.contains("<updated>2025-01-15T00:00:00+08:00</updated>"), feed)
        XCTAssertTrue(try String(contentsOfFile: out + "/data/index.html", encoding: .utf8).contains("更正 1</a>（2025-01-15）"))
        XCTAssertTrue(try String(contentsOfFile: out + "/data/catalog.jsonld", encoding: .utf8).contains("2025-01-15"))
        // A second correction without the key: archived, undated, and said so.
        let again = replacingRow("services", id: "S2", with: "S2,2,80周岁及以上老年人,高龄补助,按月发放高龄补助,material,市民政局,1,141000")
        let undated = try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["services": again]), content: content, output: out))
        XCTAssertTrue(undated.warnings.contains { $0.hasPrefix("correction 2 of release 2024-12-31 is archived without its day") }, "\(undated.warnings)")
        XCTAssertFalse(try String(contentsOfFile: out + "/data/corrections/2024-12-31/2/index.html", encoding: .utf8).contains("更正日期"))
    }

    /// A correction says what it changed: a facility's beds field by field, a rating's level as
    /// a change of that rating (not a new one), on its page, in its changes.json and in the changelog.
    func testACorrectionListsWhatItChanged() throws {
        let (ws, content, out) = try publishedSampleSite()
        XCTAssertTrue(try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains("数据截至 2024年12月31日。"), "a release as published: no note")
        let beds = replacingRow("institutions", id: "52141021MA0K00001W",
                                with: "52141021MA0K00001W,曲沃县福寿养老院,141021,institution,private,曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,operating,110,60,80,10,6,1,contracted,1,2024-12-01")
        let level = replacingRow("ratings", id: "R1", with: "R1,52141021MA0K00001W,4,82.5,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,")
        let meta = Sample.tables["meta"]! + "corrected_on,2025-01-15\n"
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": beds, "ratings": level, "meta": meta]), content: content, output: out))
        let folder = out + "/data/corrections/2024-12-31/1/"
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "changes.json"))) as? [String: Any])
        XCTAssertEqual(list["corrected_on"] as? String, "2025-01-15")
        let changed = try XCTUnwrap((list["institutions"] as? [String: Any])?["changed"] as? [[String: Any]])
        XCTAssertEqual(changed.map { $0["id"] as? String }, ["52141021MA0K00001W"])
        let fields = (changed[0]["fields"] as? [[String: Any]] ?? []).map { "\($0["field"]!) \($0["from"]!)→\($0["to"]!)" }
        XCTAssertTrue(fields.contains("beds_total 100→110"), "\(fields)")
        XCTAssertTrue(fields.contains("rating_level 3→4"), "\(fields)")
        let ratings = try XCTUnwrap((list["datasets"] as? [String: Any])?["ratings"] as? [String: Any])
        XCTAssertEqual(ratings["added_count"] as? Int, 0, "a corrected level is no new rating")
        XCTAssertEqual(((ratings["changed"] as? [[String: Any]])?.first?["key"] as? [String: String])?["id"], "R1")
        let sums = try String(contentsOfFile: folder + "SHA256SUMS", encoding: .utf8)
        XCTAssertTrue(sums.contains("  changes.json\n"), sums)
        for page in [folder + "index.html", out + "/data/changes/index.html"] {
            let html = try String(contentsOfFile: page, encoding: .utf8)
            XCTAssertTrue(html.contains("曲沃县福寿养老院</a>：床位数：100 → 110"), page)
            XCTAssertTrue(html.contains("变更：曲沃县福寿养老院 2023-03-01 评定：等级：三级 → 四级"), page)
        }
        XCTAssertTrue(try String(contentsOfFile: out + "/feed.xml", encoding: .utf8).contains("更正内容——机构：信息变更 1 处"))
        // The home page says the figures shown were corrected, and where to read what.
        let home = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(home.contains("数据截至 2024年12月31日（2025年1月15日更正，<a href=\"/data/changes/#r2024-12-31-1\">更正了什么</a>）。"), home)
        XCTAssertTrue(try String(contentsOfFile: out + "/data/changes/index.html", encoding: .utf8).contains("id=\"r2024-12-31-1\""))
        // A rating corrected alone changes its facility's level: a correction, not the date moving on.
        let level5 = replacingRow("ratings", id: "R1", with: "R1,52141021MA0K00001W,5,82.5,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,")
        let day2 = Sample.tables["meta"]! + "corrected_on,2025-01-16\n"
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["institutions": beds, "ratings": level5, "meta": day2]), content: content, output: out))
        let second = try String(contentsOfFile: out + "/data/corrections/2024-12-31/2/index.html", encoding: .utf8)
        XCTAssertTrue(second.contains("信息变更的机构（1）") && second.contains("曲沃县福寿养老院</a>：当前等级：四级 → 五级"), second)
        XCTAssertFalse(second.contains("等级状态变化的机构"), second)
        XCTAssertEqual((list["credit_records"] as? [String: Any])?["withdrawn_count"] as? Int, 0)
        // A disclosed record withdrawn in the same correction (delete --withdraw-disclosed) is counted
        // against what the site showed (records are never archived), in the list and its summary.
        let beds120 = beds.replacingOccurrences(of: ",operating,110,", with: ",operating,120,")
        let withoutC1 = Sample.tables["credit_records"]!.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("C1,") }.joined(separator: "\n")
        let third = try Publisher.build(BuildOptions(database: try ws.database("d.sqlite", ["institutions": beds120, "ratings": level5, "credit_records": withoutC1,
                                                                                             "meta": Sample.tables["meta"]! + "corrected_on,2025-01-17\n"]), content: content, output: out))
        XCTAssertTrue(third.changesZH?.contains("信用记录：不再公示 1 条") == true, "\(String(describing: third.changesZH))")
        let list3 = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/corrections/2024-12-31/3/changes.json"))) as? [String: Any])
        XCTAssertEqual((list3["credit_records"] as? [String: Any])?["withdrawn_count"] as? Int, 1)
    }

    /// A correction that takes one dataset back to the release and corrects another lists both:
    /// each compared with what was published just before it (the previous correction's file,
    /// else the release's).
    func testACorrectionComparesWithWhatWasPublishedJustBeforeIt() throws {
        let (ws, content, out) = try publishedSampleSite()
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": Sample.renamedServices]), content: content, output: out))
        let level = replacingRow("ratings", id: "R1", with: "R1,52141021MA0K00001W,4,82.5,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,")
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["ratings": level]), content: content, output: out))
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/corrections/2024-12-31/2/changes.json"))) as? [String: Any])
        let compared = try XCTUnwrap(list["compared_with"] as? [String: String])
        XCTAssertEqual(compared["services"], "data/corrections/2024-12-31/1/services.json", "\(compared)")
        XCTAssertEqual(compared["ratings"], "data/releases/2024-12-31/ratings.json", "\(compared)")
        let datasets = try XCTUnwrap(list["datasets"] as? [String: Any])
        let services = try XCTUnwrap(datasets["services"] as? [String: Any], "the services taken back to the release are a change too")
        let fields = ((services["changed"] as? [[String: Any]])?.first?["fields"] as? [[String: Any]]) ?? []
        XCTAssertTrue(fields.contains { $0["field"] as? String == "name" && $0["from"] as? String == "高龄补贴" && $0["to"] as? String == "高龄津贴" }, "\(fields)")
        XCTAssertEqual(((datasets["ratings"] as? [String: Any])?["changed_count"] as? Int), 1)
    }

    /// The sample published (database a.sqlite) into `site/`.
    func publishedSampleSite() throws -> (ws: Workspace, content: String, out: String) {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        return (ws, content, out)
    }

    /// The sample published as real data (meta sample false, database a.sqlite) into `site/`.
    func publishedRealSite() throws -> (ws: Workspace, content: String, out: String, meta: String) {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        let real = Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite", ["meta": real]), content: content, output: out))
        return (ws, content, out, real)
    }

    /// Real data corrected without meta corrected_on are refused before anything is archived
    /// (an archived correction never changes, so it would stay undated for good).
    func testACorrectionOfRealDataWithoutItsDayIsRefused() throws {
        let (ws, content, out, real) = try publishedRealSite()
        let before = try snapshot(out)
        let corrected = try ws.database("b.sqlite", ["meta": real, "services": Sample.renamedServices])
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: corrected, content: content, output: out))) {
            XCTAssertTrue("\($0)".contains("these data differ from release 2024-12-31, published under the same data date (services.csv"), "\($0)")
            XCTAssertTrue("\($0)".contains("set meta corrected_on (更正日期) to today's date"), "\($0)")
        }
        XCTAssertEqual(try snapshot(out), before, "nothing published, nothing archived")
        let dated = try ws.database("c.sqlite", ["meta": real + "corrected_on,2025-01-15\n", "services": Sample.renamedServices])
        try Publisher.build(BuildOptions(database: dated, content: content, output: out))
        XCTAssertEqual(correctionNumbers(out + "/data/corrections/2024-12-31"), ["1"])
        // A second correction dated before the first (a day typed from an example) is refused too.
        let second = Sample.renamedServices + "S3,3,失能老年人,护理补贴,按月发放护理补贴,care,市民政局,1,141000\n"
        let afterFirst = try snapshot(out)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database("d.sqlite", ["meta": real + "corrected_on,2025-01-10\n", "services": second]),
                                                              content: content, output: out))) {
            XCTAssertTrue("\($0)".contains("key `corrected_on`: 2025-01-10 is before 2025-01-15, the day of correction 1 of release 2024-12-31"), "\($0)")
            XCTAssertTrue("\($0)".contains("（更正日期 2025-01-10 早于上一次更正（第 1 次，2025-01-15）的日期。"), "\($0)")
        }
        XCTAssertEqual(try snapshot(out), afterFirst, "nothing published, nothing archived")
        let built = try Publisher.build(BuildOptions(database: try ws.database("e.sqlite", ["meta": real + "corrected_on,2025-01-20\n", "services": second]),
                                                     content: content, output: out))
        XCTAssertEqual(correctionNumbers(out + "/data/corrections/2024-12-31"), ["1", "2"])
        // What it changed is said to staff as the change list says it.
        XCTAssertTrue(built.changesZH?.hasPrefix("更正内容——") == true, "\(String(describing: built.changesZH))")
    }

    /// A release whose facilities were listed in another order (by code point, before names were
    /// sorted by pinyin) holds the same data: rebuilding it is no correction, and real data are
    /// not refused as an undated one. A row that did change still is one.
    func testTheSameRowsInAnotherOrderAreNoCorrection() throws {
        let (ws, content, out, real) = try publishedRealSite()
        let release = out + "/data/releases/2024-12-31/institutions.json"
        let lines = try String(contentsOfFile: release, encoding: .utf8).split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.hasPrefix("{") }.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
        XCTAssertGreaterThan(rows.count, 2)
        try FileManager.default.removeItem(atPath: release) // a new file: the release's may be a link to the current one
        try ("[\n" + rows.reversed().joined(separator: ",\n") + "\n]\n").write(toFile: release, atomically: true, encoding: .utf8)
        // Its checksum as the release lists it, as an older yanglao would have written both.
        let sha = Process(), pipe = Pipe()
        sha.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sha.arguments = [release]
        sha.standardOutput = pipe
        try sha.run(); sha.waitUntilExit()
        let sum = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        let sumsPath = out + "/data/releases/2024-12-31/SHA256SUMS"
        let sums = try String(contentsOfFile: sumsPath, encoding: .utf8).split(separator: "\n").map { $0.hasSuffix("  institutions.json") ? "\(sum)  institutions.json" : String($0) }
        try FileManager.default.removeItem(atPath: sumsPath)
        try (sums.joined(separator: "\n") + "\n").write(toFile: sumsPath, atomically: true, encoding: .utf8)
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": real]), content: content, output: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data/corrections"), "no correction archived")
        let beds = replacingRow("institutions", id: Sample.kangle, with: Sample.row("institutions", Sample.kangle).replacingOccurrences(of: ",120,90,", with: ",121,90,"))
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["meta": real, "institutions": beds]), content: content, output: out))) {
            XCTAssertTrue("\($0)".contains("these data differ from release 2024-12-31"), "\($0)")
        }
    }

    /// The preview shows a correction before its day is set (staff look first, then date it);
    /// the build that publishes it still refuses it undated.
    func testThePreviewShowsACorrectionNotYetDated() throws {
        let (ws, content, _, real) = try publishedRealSite()
        var preview = BuildOptions(database: try ws.database("p.sqlite", ["meta": real]), content: content, output: ws.path("preview"))
        preview.scratch = true
        try Publisher.build(preview)
        preview.database = try ws.database("q.sqlite", ["meta": real, "services": Sample.renamedServices])
        let shown = try Publisher.build(preview)
        XCTAssertTrue(shown.changesZH?.hasPrefix("更正内容——") == true, "\(String(describing: shown.changesZH))")
        XCTAssertTrue(shown.warnings.contains { $0.hasPrefix("preview: these data correct release 2024-12-31; the build that publishes them needs meta corrected_on") }, "\(shown.warnings)")
        XCTAssertFalse(shown.warnings.contains { $0.contains("is archived without its day") }, "\(shown.warnings)")
        XCTAssertTrue(try String(contentsOfFile: ws.path("preview/services/index.html"), encoding: .utf8).contains("高龄补贴"))
    }

    /// A corrected_on left in meta from a correction of the previous release is not this
    /// release's correction day: the new release warns to remove it, and a correction that
    /// would be dated by it is refused (it would stay misdated for good).
    func testACorrectionDayLeftFromAnEarlierReleaseIsRefused() throws {
        let (ws, content, out, real) = try publishedRealSite()
        let leftOver = "corrected_on,2025-07-10\n" // a correction made after the next data date
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": real + leftOver, "services": Sample.renamedServices]),
                                         content: content, output: out))
        let later = real.replacingOccurrences(of: "data_as_of,2024-12-31", with: "data_as_of,2025-06-30")
        let release = try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["meta": later + leftOver, "services": Sample.renamedServices]),
                                                       content: content, output: out))
        XCTAssertEqual(release.newRelease, "2025-06-30")
        XCTAssertTrue(release.warnings.contains { $0.contains("meta corrected_on (2025-07-10) is not used") }, "\(release.warnings)")
        let before = try snapshot(out)
        let changed = replacingRow("services", id: "S2", with: "S2,2,80周岁及以上老年人,高龄津贴,按月发放高龄津贴,material,市民政局,1,141000")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database("d.sqlite", ["meta": later + leftOver, "services": changed]),
                                                              content: content, output: out))) {
            XCTAssertTrue("\($0)".contains("2025-07-10 is the day of correction 1 of release 2024-12-31, an earlier release"), "\($0)")
        }
        XCTAssertEqual(try snapshot(out), before, "nothing published, nothing archived")
        try Publisher.build(BuildOptions(database: try ws.database("e.sqlite", ["meta": later + "corrected_on,2025-08-01\n", "services": changed]),
                                         content: content, output: out))
        XCTAssertEqual(correctionNumbers(out + "/data/corrections/2025-06-30"), ["1"])
    }

    /// A correction made by an earlier yanglao, whose files a newer one writes differently (the
    /// Excel file's Chinese header): the same data, so no new correction, and no refusal.
    func testACorrectionWrittenDifferentlyNowIsNotArchivedAgain() throws {
        let (ws, content, out, real) = try publishedRealSite()
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": real + "corrected_on,2025-01-15\n", "services": Sample.renamedServices]),
                                         content: content, output: out))
        // Correction 1 as the earlier yanglao wrote it: its Excel file with the English header.
        let folder = out + "/data/corrections/2024-12-31/1/"
        let excel = try String(contentsOfFile: folder + "services-excel.csv", encoding: .utf8)
        let english = "\u{FEFF}" + Datasets.services.fields.map(\.name).joined(separator: ",") + "\r\n"
            + excel.split(separator: "\r\n", maxSplits: 1, omittingEmptySubsequences: false)[1]
        try english.write(toFile: folder + "services-excel.csv", atomically: true, encoding: .utf8)
        let sum = OutputFile.sha256(bytes: Array(english.utf8))
        let sums = try String(contentsOfFile: folder + "SHA256SUMS", encoding: .utf8).split(separator: "\n").map { line in
            line.hasSuffix("  services-excel.csv") ? "\(sum)  services-excel.csv" : String(line)
        }.joined(separator: "\n") + "\n"
        try sums.write(toFile: folder + "SHA256SUMS", atomically: true, encoding: .utf8)
        // Rebuilt without corrected_on: not refused, nothing archived again.
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["meta": real, "services": Sample.renamedServices]),
                                         content: content, output: out))
        XCTAssertEqual(correctionNumbers(out + "/data/corrections/2024-12-31"), ["1"])
    }

    /// A dataset the release does not hold (as when a newer yanglao publishes one more) corrects
    /// no published data: a rebuild of real data is neither refused nor archived as a correction.
    func testADatasetTheReleaseLacksDoesNotStopARebuildOfRealData() throws {
        let (ws, content, out, _) = try publishedRealSite()
        let db = ws.path("a.sqlite")
        // The release as an older yanglao would have written it: without observations.
        let release = out + "/data/releases/2024-12-31/"
        for f in ["observations.csv", "observations-excel.csv", "observations.json"] { try FileManager.default.removeItem(atPath: release + f) }
        let sums = try String(contentsOfFile: release + "SHA256SUMS", encoding: .utf8)
        try sums.split(separator: "\n").filter { !$0.contains("observations") }.map { $0 + "\n" }.joined()
            .write(toFile: release + "SHA256SUMS", atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try Publisher.build(BuildOptions(database: db, content: content, output: out)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data/corrections/2024-12-31"), "new, not corrected")
    }

    /// Two datasets corrected, then one taken back to the release: the newest correction
    /// still holds the other one's bytes, so nothing new is archived (a copy of it would
    /// read as one more correction of data that did not change).
    func testTakingBackOneOfTwoCorrectedDatasetsArchivesNoNewCorrection() throws {
        let (ws, content, out) = try publishedSampleSite()
        let corrections = out + "/data/corrections/2024-12-31"
        func numbers() -> [String] { correctionNumbers(corrections) }
        let services = Sample.renamedServices
        let stats = Sample.tables["region_stats"]!.replacingOccurrences(of: "141021,2022,population,220000,", with: "141021,2022,population,221000,")
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": services, "region_stats": stats]), content: content, output: out))
        XCTAssertEqual(numbers(), ["1"])
        let held = try String(contentsOfFile: corrections + "/1/SHA256SUMS", encoding: .utf8)
        XCTAssertTrue(held.contains("  services.csv") && held.contains("  region-stats.csv"), held)
        let summary = try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["region_stats": stats]), content: content, output: out))
        XCTAssertEqual(numbers(), ["1"], "\(summary.warnings)")
        let page = try String(contentsOfFile: out + "/data/region-stats/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("（2024-12-31 版更正 1）[DS/OL]．[<span class=\"cite-date\">引用日期</span>]．<span class=\"cite-url\">/data/corrections/2024-12-31/1/region-stats.csv</span>"), page)
        XCTAssertFalse(try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8).contains("版更正 1）[DS/OL]"))
    }

    /// A corrected file that a journalist cites keeps its address: every correction is
    /// archived under the release's date, once, and outlives the next release.
    func testCorrectionsAreArchivedOnceAndOutliveTheNextRelease() throws {
        let (ws, content, out) = try publishedSampleSite()
        let corrections = out + "/data/corrections/2024-12-31"
        func numbers() -> [String] { correctionNumbers(corrections) }
        XCTAssertEqual(numbers(), [], "no correction before anything changed")
        let renamed = Sample.renamedServices
        let first = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": renamed]), content: content, output: out))
        XCTAssertTrue(first.warnings.contains { $0.contains("data/corrections/2024-12-31/1/") }, "\(first.warnings)")
        XCTAssertEqual(numbers(), ["1"])
        // The correction holds the corrected dataset whole, as published now, and checks with sha256sum.
        let one = try snapshot(corrections + "/1")
        XCTAssertEqual(Set(one.keys), ["SHA256SUMS", "changes.json", "datapackage.json", "index.html", "services.csv", "services-excel.csv", "services.json"])
        // What it changed, row by row, against the release (its page shows the same list).
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: one["changes.json"]!) as? [String: Any])
        XCTAssertEqual(list["correction"] as? Int, 1)
        XCTAssertEqual(list["compared_with"] as? [String: String], ["services": "data/releases/2024-12-31/services.json"])
        // Credit records are never archived: only counted, against what the site showed (none changed here).
        XCTAssertEqual(list["credit_records"] as? [String: Int], ["new_count": 0, "withdrawn_count": 0])
        let services = try XCTUnwrap((list["datasets"] as? [String: Any])?["services"] as? [String: Any])
        XCTAssertEqual(services["changed_count"] as? Int, 1)
        XCTAssertTrue(String(decoding: one["index.html"]!, as: UTF8.self).contains("更正内容——基本养老服务清单：变更 1 项"))
        // Its own data package (the corrected datasets' schemas), versioned as the catalogue versions it; the current one says the same.
        let package = try XCTUnwrap(JSONSerialization.jsonObject(with: one["datapackage.json"]!) as? [String: Any])
        XCTAssertEqual(package["version"] as? String, "2024-12-31-1")
        XCTAssertEqual((package["resources"] as? [[String: Any]])?.map { $0["path"] as? String }, ["services.csv"])
        let current = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/datapackage.json"))) as? [String: Any])
        XCTAssertEqual(current["version"] as? String, "2024-12-31-1")
        XCTAssertEqual(one["services.csv"], FileManager.default.contents(atPath: out + "/data/services.csv"))
        XCTAssertTrue(one["services.csv"]!.containsText("高龄补贴"))
        for line in String(decoding: one["SHA256SUMS"]!, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(OutputFile.sha256(bytes: [UInt8](one[String(parts[1])]!)), String(parts[0]), String(parts[1]))
        }
        // The same data again: no new correction; a further change: a second one, the first untouched.
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite"), content: content, output: out))
        XCTAssertEqual(numbers(), ["1"])
        let again = replacingRow("services", id: "S2", with: "S2,2,80周岁及以上老年人,高龄补助,按月发放高龄补助,material,市民政局,1,141000")
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["services": again]), content: content, output: out))
        XCTAssertEqual(numbers(), ["1", "2"])
        XCTAssertEqual(try snapshot(corrections + "/1"), one, "a correction never changes")
        // The second is compared with the first, and the changelog lists both under their release.
        let second = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: corrections + "/2/changes.json"))) as? [String: Any])
        XCTAssertEqual(second["compared_with"] as? [String: String], ["services": "data/corrections/2024-12-31/1/services.json"])
        let changelog = try String(contentsOfFile: out + "/data/changes/index.html", encoding: .utf8)
        XCTAssertTrue(changelog.contains("2024-12-31 版更正 1</h3>") && changelog.contains("2024-12-31 版更正 2</h3>"), changelog)
        let page = try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("（2024-12-31 版更正 2）[DS/OL]．[<span class=\"cite-date\">引用日期</span>]．<span class=\"cite-url\">/data/corrections/2024-12-31/2/services.csv</span>"), page)
        XCTAssertTrue(try String(contentsOfFile: out + "/feed.xml", encoding: .utf8).contains("数据更正：2024-12-31 版更正 2"))
        // Taken back to the release's data: no new correction, and the pages say correction 2 was withdrawn.
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        XCTAssertEqual(numbers(), ["1", "2"])
        let back = try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8)
        XCTAssertTrue(back.contains("本数据集曾在 <a href=\"/data/corrections/2024-12-31/2/\">2024-12-31 版更正 2</a> 中更正，现已恢复为"), back)
        XCTAssertTrue(try String(contentsOfFile: out + "/data/index.html", encoding: .utf8).contains("曾在 2024-12-31 版更正 2 中更正，现已恢复为该版的数据"))
        // The next release: the corrections stay, listed under their release, and the change list
        // (against the release as first published) includes what they corrected.
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("d.sqlite", ["meta": meta, "services": again]), content: content, output: out))
        XCTAssertEqual(numbers(), ["1", "2"])
        XCTAssertEqual(try snapshot(corrections + "/1"), one)
        XCTAssertFalse(try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8).contains("发布后有更正"))
        for page in ["data/index.html", "data/changes/index.html"] {
            let text = try String(contentsOfFile: out + "/" + page, encoding: .utf8)
            XCTAssertTrue(text.contains("发布后的更正：<a href=\"/data/corrections/2024-12-31/1/\">更正 1</a>、<a href=\"/data/corrections/2024-12-31/2/\">更正 2</a>"), page)
        }
        XCTAssertTrue(try String(contentsOfFile: out + "/data/services/index.html", encoding: .utf8)
            .contains("<a href=\"/data/corrections/2024-12-31/2/services.csv\">2024-12-31 更正 2</a>"))
        let correctionPage = try String(contentsOfFile: corrections + "/2/index.html", encoding: .utf8)
        for file in ["services.csv", "services-excel.csv", "services.json", "SHA256SUMS"] {
            XCTAssertTrue(correctionPage.contains("href=\"\(file)\""), file)
        }
        XCTAssertTrue(correctionPage.contains("href=\"/data/releases/2024-12-31/\""), "the page names the release it corrects")
        // The DCAT catalogue lists each correction as a version of the dataset, with its files' checksums.
        let catalog = try String(contentsOfFile: out + "/data/catalog.jsonld", encoding: .utf8)
        XCTAssertTrue(catalog.contains("\"dcat:version\": \"2024-12-31-2\""), catalog)
        let sha = String(decoding: try snapshot(corrections + "/2")["SHA256SUMS"]!, as: UTF8.self)
            .split(separator: "\n").first { $0.hasSuffix("  services.csv") }!.prefix(64)
        XCTAssertTrue(catalog.contains(String(sha)))
    }
}
