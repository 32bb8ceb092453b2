import XCTest
import YanglaoSample
import YanglaoSite
import YanglaoStore
import YanglaoValidation

/// `yanglao sample`: synthetic national databases for benchmarks.
final class SyntheticNationTests: XCTestCase {
    func testASmallNationIsValidDeterministicAndShapedLikeTheRealOne() throws {
        let ws = try Workspace(self)
        try SyntheticNation.generate(institutions: 2000, seed: 7, into: ws.path("a.sqlite"))
        try SyntheticNation.generate(institutions: 2000, seed: 7, into: ws.path("b.sqlite"))
        let a = try DataStore(path: ws.path("a.sqlite")), b = try DataStore(path: ws.path("b.sqlite"))
        XCTAssertEqual(try Validator.validate(a).filter { $0.severity == .error }, [])
        var first: [Institution] = [], second: [Institution] = []
        try a.forEachInstitution { first.append($0) }
        try b.forEachInstitution { second.append($0) }
        XCTAssertEqual(first, second, "the same seed must give the same data")
        let regions = try a.regions()
        XCTAssertEqual(regions.filter { $0.level == "province" }.count, 31)
        XCTAssertEqual(regions.filter { $0.level == "city" }.count, 342)
        XCTAssertGreaterThan(regions.filter { $0.level == "county" }.count, 2500)
        XCTAssertEqual(try a.count("institutions"), 2000)
        let credit = try a.count("credit_records")
        XCTAssertTrue((4000...6000).contains(credit), "about 2–3 credit records per facility, found \(credit)")
        XCTAssertThrowsError(try SyntheticNation.generate(institutions: 10, into: ws.path("a.sqlite")), "never overwrites")
    }

    /// Pages are rendered on several threads, in batches; the files must not depend on how many.
    func testTheSiteIsTheSameWhateverTheNumberOfThreads() throws {
        let ws = try Workspace(self)
        // More facilities than one batch, so batches and their order matter.
        try SyntheticNation.generate(institutions: 600, seed: 3, into: ws.path("n.sqlite"))
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: ws.path("n.sqlite"), content: content, output: ws.path("one"), jobs: 1))
        try Publisher.build(BuildOptions(database: ws.path("n.sqlite"), content: content, output: ws.path("three"), jobs: 3))
        let one = try snapshot(ws.path("one")), three = try snapshot(ws.path("three"))
        XCTAssertGreaterThan(one.keys.filter { $0.hasPrefix("institutions/") }.count, 600)
        XCTAssertEqual(Set(one.keys), Set(three.keys))
        for (path, data) in one where three[path] != data { XCTFail("\(path) differs between 1 and 3 threads") }
    }

    /// A national site's headline figures are the country's (its provinces
    /// summed), not its first city's; provinces get pages; lists stay short.
    func testANationalSiteIsAboutTheWholeCountry() throws {
        let ws = try Workspace(self)
        try SyntheticNation.generate(institutions: 600, seed: 5, into: ws.path("n.sqlite"))
        try Publisher.build(BuildOptions(database: ws.path("n.sqlite"), content: try ws.content(), output: ws.path("site")))
        let store = try DataStore(path: ws.path("n.sqlite"))
        var active = 0, beds = 0, nursing = 0
        try store.forEachInstitution { i in
            guard i.category == "institution", i.status != "closed" else { return }
            active += 1; beds += i.bedsTotal; nursing += i.bedsNursing
        }
        func page(_ path: String) throws -> String { try String(contentsOfFile: ws.path("site/" + path), encoding: .utf8) }
        func grouped(_ n: Int) -> String {
            var digits = String(n), out = ""
            while digits.count > 3 { out = "," + digits.suffix(3) + out; digits.removeLast(3) }
            return digits + out
        }

        let provinces = try store.regions().filter { $0.level == "province" }
        XCTAssertEqual(provinces.count, 31)
        let home = try page("index.html")
        XCTAssertTrue(home.contains("<h2>全国概况</h2>"), "the home page leads with the whole country")
        XCTAssertTrue(home.contains(">各省情况</a></li>"), "the regions section is named after what it lists")
        for p in provinces {
            XCTAssertTrue(home.contains("regions/\(p.code)/\">\(p.name)</a>"), "home links \(p.name)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/regions/\(p.code)/index.html")), "\(p.name) has a page")
        }
        let indicators = try page("indicators/index.html")
        XCTAssertTrue(indicators.contains("<p class=\"lead\">全国（由各省（区、市）分子、分母加总）"), "headline is the total")
        let share = try page("indicators/nursing_bed_share/index.html")
        XCTAssertTrue(share.contains("全国当前值：<strong>"), "per-indicator headline is the total")
        XCTAssertTrue(share.contains("（\(grouped(nursing)) ÷ \(grouped(beds)) × 100）"), "the total sums every institution's beds")
        XCTAssertTrue(share.contains("<h2>各省（区、市）对比</h2>"))
        let ratings = try page("ratings/index.html")
        XCTAssertTrue(ratings.contains("各省（区、市）等级分布"))
        XCTAssertTrue(ratings.range(of: "<strong>全国合计</strong></th><td[^>]*>\(active)</td>", options: .regularExpression) != nil,
                      "the ratings total counts every active institution (\(active))")
        // A county's breadcrumbs run through its province and city.
        let county = try store.regions().first { $0.level == "county" }!
        let city = try store.regions().first { $0.code == county.parentCode }!
        let crumbs = try page("regions/\(county.code)/index.html")
        XCTAssertTrue(crumbs.contains("regions/\(city.parentCode!)/\">") && crumbs.contains("regions/\(city.code)/\">"), "breadcrumbs name province and city")
        // The regions index is one table of provinces; a province lists its cities with their
        // figures and leads to its facilities in the finder.
        let index = try page("regions/index.html")
        XCTAssertEqual(index.components(separatedBy: "<table").count - 1, 1)
        XCTAssertFalse(index.contains("regions/\(city.code)/\""), "cities are on their province's page")
        let province = try page("regions/\(city.parentCode!)/index.html")
        XCTAssertTrue(province.contains("institutions/?province=\(city.parentCode!)&amp;category=institution&amp;sort=rating"), "the way to its facilities")
        XCTAssertTrue(province.contains("<a href=\"/regions/\(city.code)/\">\(city.name)</a></th><td class=\"n\" data-label=\"养老机构（家）\">"), "its cities with figures")
        // Names repeat across a country: a facility's county is shown with its city.
        let rated = try page("ratings/index.html")
        XCTAssertTrue(rated.contains(">\(city.name)\(county.name)<") || !rated.contains(">\(county.name)<"), "county named with its city")
        XCTAssertEqual(Set(try store.regions().map(\.name)).count, try store.regions().count, "the synthetic nation names each region once")
    }
}
