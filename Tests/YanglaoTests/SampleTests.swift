import XCTest
import YanglaoSample
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
}
