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
}
