import Foundation
import XCTest
import YanglaoIndicators
import YanglaoSite
import YanglaoStore

/// The engine reproduces figures the Linfen documents publish, from their inputs.
final class PublishedFiguresTests: XCTestCase {
    func testCoverageAndAgeingRatesOfThePlan() {
        XCTAssertEqual(Rounding.ratio(61, 253, scale: 100, decimals: 2), 24.11)      // community facilities ÷ urban communities
        XCTAssertEqual(Rounding.ratio(55, 137, scale: 100, decimals: 2), 40.15)      // township centres ÷ townships
        XCTAssertEqual(Rounding.ratio(831, 2071, scale: 100, decimals: 2), 40.13)    // day-care centres ÷ villages
        XCTAssertEqual(Rounding.ratio(798_100, 3_906_600, scale: 100, decimals: 2), 20.43) // 79.81万 ÷ 390.66万
    }

    /// Annex 2 of 临政发〔2024〕6号: gap = round(60+ in 2025 × 2%) − (institution beds + community full-care beds).
    func testAnnex2BedGapsFromTheAnnexInputs() {
        // county, 60+ in 2025 (万人), institution beds, community full-care beds, gap as printed
        let annex: [(String, Double, Int, Int, Int)] = [
            ("尧都区", 21.22, 1924, 341, 1978), ("曲沃县", 4.77, 471, 120, 363), ("翼城县", 5.83, 557, 184, 425),
            ("襄汾县", 9.48, 1093, 113, 690), ("洪洞县", 14.11, 1254, 30, 1537), ("古县", 1.77, 172, 50, 131),
            ("安泽县", 1.67, 260, 20, 53), ("浮山县", 2.14, 100, 31, 297), ("吉县", 1.93, 130, 20, 236),
            ("乡宁县", 4.55, 402, 71, 437), ("大宁县", 1.15, 207, 80, 57), ("隰县", 2.00, 80, 15, 304),
            ("永和县", 1.07, 140, 10, 64), ("蒲县", 2.12, 369, 6, 48), ("汾西县", 2.21, 360, 70, 12),
            ("侯马市", 5.80, 712, 48, 399), ("霍州市", 6.09, 1135, 40, 42),
        ]
        var differences: [String: Int] = [:]
        for (name, elderly, institution, community, printed) in annex {
            let needed = Int(Rounding.round(elderly * 10_000 * 0.02, decimals: 0))
            let gap = BedGap(regionCode: name, elderly2025: elderly * 10_000, needed: needed,
                             institutionBeds: institution, communityBeds: community).gap
            if gap != printed { differences[name] = gap }
        }
        // The worked example of the plan text holds exactly.
        XCTAssertNil(differences["曲沃县"])
        // The printed table differs from its own formula here. Eight counties print one bed
        // less than the formula gives from the printed inputs: the annex appears to have used
        // unrounded 60+ figures (尧都区 printed 21.22万 → 4244 needed → 1979, printed 1978,
        // which matches e.g. 21.216万 → 4243).
        // 大宁县 prints 57 where the formula gives −57: a surplus printed without its sign.
        XCTAssertEqual(differences["大宁县"], -57)
        for (name, gap) in differences where name != "大宁县" {
            let printed = annex.first { $0.0 == name }!.4
            XCTAssertEqual(abs(gap - printed), 1, "\(name): formula \(gap), printed \(printed)")
        }
    }

    /// The sample data in content/data matches the published city counts, so the
    /// sample site shows the published figures.
    func testSampleCityFiguresEqualThePublishedOnes() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yl-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sample.sqlite").path
        try DatabaseLoader.load(directory: repo.appendingPathComponent("content/data").path, into: db)
        let store = try DataStore(path: db)
        let report = try IndicatorEngine.compute(store: store, asOf: try store.meta().dataAsOf)
        func city(_ code: String) -> Double? { report.value(code, region: "141000")?.value }
        XCTAssertEqual(city("institutions"), 124)
        XCTAssertEqual(city("beds_total"), 9121)
        XCTAssertEqual(city("nursing_bed_share"), 25.61)           // 2336 ÷ 9121
        XCTAssertEqual(city("community_facility_coverage"), 24.11)
        XCTAssertEqual(city("township_centre_coverage"), 40.15)
        XCTAssertEqual(city("village_daycare_coverage"), 40.13)
        XCTAssertEqual(city("ageing_rate"), 20.43)
        XCTAssertEqual(city("fire_safety_accepted_share"), Rounding.ratio(100, 124, scale: 100, decimals: 2))
        // "37 家公办养老机构完成等级评定": every public institution holds a current rating.
        var histories: [String: [Rating]] = [:]
        try store.forEachRating { histories[$0.institutionID, default: []].append($0) }
        let asOf = try store.meta().dataAsOf
        var publicRated = 0, publicInstitutions = 0
        try store.forEachInstitution { i in
            guard i.category == "institution", i.ownership == "public" else { return }
            publicInstitutions += 1
            if RatingState(history: histories[i.id] ?? [], asOf: asOf).currentLevel != nil { publicRated += 1 }
        }
        XCTAssertEqual(publicInstitutions, 37)
        XCTAssertEqual(publicRated, 37)
        let quwo = try XCTUnwrap(report.bedGaps.first { $0.regionCode == "141021" })
        XCTAssertEqual(quwo.needed, 954)
        XCTAssertEqual(quwo.gap, 363)
    }

    /// The sample city a year on (so targets have a baseline and a straight-line path):
    /// no page shows markup of its own as text (an HTML fragment typed as a String is escaped).
    func testNoPageShowsItsOwnMarkupAsText() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ws = try Workspace(self)
        let db = ws.path("later.sqlite")
        try DatabaseLoader.load(directory: repo.appendingPathComponent("content/data").path, into: db)
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE meta SET value = '2024-06-30' WHERE key = 'data_as_of'")
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: db, content: repo.appendingPathComponent("content").path, output: out))
        let pages = try snapshot(out).filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
        XCTAssertTrue(pages.values.contains { $0.contains("进度落后") || $0.contains("进度达标") }, "the on-track note is on some page")
        for (path, html) in pages {
            for escaped in ["&lt;strong&gt;", "&lt;span", "&lt;a href", "&lt;br&gt;", "&lt;/", "&lt;p&gt;", "&lt;li&gt;"] {
                XCTAssertFalse(html.contains(escaped), "\(path) shows \(escaped) as text")
            }
        }
    }

    /// A plan's page shows its own targets (43号's 7,779 homes, not 6号's 4,600 of another
    /// indicator), and a county page lists every indicator with a target for it.
    func testAPlanPageShowsItsOwnTargetsAndACountyPageAllOfItsOwn() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ws = try Workspace(self)
        let db = ws.path("sample.sqlite")
        try DatabaseLoader.load(directory: repo.appendingPathComponent("content/data").path, into: db)
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: db, content: repo.appendingPathComponent("content").path, output: out))
        let plan = try String(contentsOfFile: out + "/policies/linfen-basic-services-2023/index.html", encoding: .utf8)
        XCTAssertTrue(plan.contains("2025 年 ≥ 7,779"), "43号's own target")
        XCTAssertFalse(plan.contains("4,600"), "not 6号's target of another indicator")
        // 福彩公益金用于养老服务比例 has targets in both plans: this page shows 43号's alone.
        let both = try DataStore(path: db).targets().filter { $0.indicator == "welfare_lottery_eldercare_share" && $0.regionCode == "141000" }
        XCTAssertEqual(Set(both.map { String($0.source.prefix(4)) }), ["临政办发", "临政发〔"], "the sample has targets of both plans")
        let row = try XCTUnwrap(plan.components(separatedBy: "<tr>").first { $0.contains("福彩公益金") })
        XCTAssertEqual(row.components(separatedBy: "<div>").count - 1, 1, "one target, 43号's: \(row)")
        XCTAssertFalse(plan.contains("临政发〔2024〕6号"), "no target of the other plan on this page")
        let county = try String(contentsOfFile: out + "/regions/141002/index.html", encoding: .utf8)
        XCTAssertTrue(county.contains("家庭适老化改造"), "the county's annex target for adapted homes")
        // Its long list of village centres is folded under its heading; its care homes are not.
        let villages = try XCTUnwrap(county.components(separatedBy: "<h2 id=\"cat-village_daycare\">").last)
        XCTAssertTrue(villages.contains("<details class=\"list\"><summary>展开全部 "), villages.prefix(300).description)
        let homes = try XCTUnwrap(county.components(separatedBy: "<h2 id=\"cat-institution\">").last?.components(separatedBy: "<h2").first)
        XCTAssertFalse(homes.contains("<details"))
        // The city's table of county bed gaps ends with their sum (879,100 people, 6,967 beds net;
        // the printed gaps add up to 7,073) and says why the city's own gap is 6,985.
        let city = try String(contentsOfFile: out + "/regions/141000/index.html", encoding: .utf8)
        let total = try XCTUnwrap(city.components(separatedBy: "<tr>").first { $0.contains("各县合计") })
        let cells = total.components(separatedBy: "<td").dropFirst().map { $0.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" } }
        XCTAssertEqual(cells, ["879,100", "17,582", "9,366", "1,249", "6,967", "7,073", "6,188"])
        XCTAssertTrue(city.contains("上文临汾市的缺口（6,985 张）按全市自己的数计算，全市 60 岁及以上人口预测用文件公布的 880,000 人（各县之和为 879,100 人）"))
        // The budgets the README quotes, on the sample city itself: every institution page
        // under 30 KB of HTML, the stylesheet under 20 KB, the script under 40 KB.
        let pages = try FileManager.default.contentsOfDirectory(atPath: out + "/institutions").filter { !$0.hasPrefix("page") && !$0.hasSuffix(".html") }
        XCTAssertGreaterThan(pages.count, 1000)
        for id in pages {
            let size = (try FileManager.default.attributesOfItem(atPath: out + "/institutions/\(id)/index.html")[.size] as? Int) ?? .max
            XCTAssertLessThan(size, 30_000, id)
        }
        for (file, budget) in [("assets/site.css", 20_000), ("assets/site.js", 40_000)] {
            XCTAssertLessThan((try FileManager.default.attributesOfItem(atPath: out + "/" + file)[.size] as? Int) ?? .max, budget, file)
        }
    }
}
