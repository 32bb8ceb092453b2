import XCTest
import YanglaoIndicators
import YanglaoStore

/// Which regions a site publishes follows from the region table alone.
final class RegionScopeTests: XCTestCase {
    func region(_ code: String, _ level: String, _ parent: String?) -> Region {
        Region(code: code, name: "R" + code, level: level, parentCode: parent)
    }

    func testAProvinceAboveOneCityOnlyServesAsItsParent() {
        let scope = RegionScope(regions: [region("140000", "province", nil), region("141000", "city", "140000"),
                                          region("141021", "county", "141000"), region("141022", "county", "141000")])
        XCTAssertEqual(scope.single?.code, "141000")
        XCTAssertEqual(scope.published.map(\.code), ["141000", "141021", "141022"])
        XCTAssertEqual(scope.children(of: "").map(\.code), ["141000"])
        XCTAssertEqual(scope.children(of: "141000").map(\.code), ["141021", "141022"])
    }

    func testSeveralProvincesAreAllRoots() {
        let scope = RegionScope(regions: [region("110000", "province", nil), region("110100", "city", "110000"),
                                          region("120000", "province", nil), region("120100", "city", "120000"),
                                          region("120101", "county", "120100")])
        XCTAssertNil(scope.single, "no one region is the whole site")
        XCTAssertEqual(scope.roots.map(\.code), ["110000", "120000"])
        XCTAssertEqual(scope.published.count, 5)
    }

    func testAParentMissingFromTheTableMakesARoot() {
        // A city database whose province row was left out: the city is the root.
        let scope = RegionScope(regions: [region("141000", "city", "140000"), region("141021", "county", "141000")])
        XCTAssertEqual(scope.single?.code, "141000")
        // A city with one county is still the city's site.
        let one = RegionScope(regions: [region("141000", "city", nil), region("141021", "county", "141000")])
        XCTAssertEqual(one.single?.code, "141000")
        XCTAssertEqual(RegionScope(regions: []).published.count, 0)
    }
}
