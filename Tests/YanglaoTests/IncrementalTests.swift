import Foundation
import XCTest
import YanglaoSite
import YanglaoStore

/// Rebuilds touch only what changed; a killed build leaves the published site intact.
final class IncrementalTests: XCTestCase {
    func inode(_ path: String) throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    func testRebuildOfTheSameInputWritesNothingAndKeepsEveryFile() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        let first = try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        let page = ws.path("site/institutions/\(Sample.fushou)/index.html")
        let before = try inode(page)
        let second = try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        XCTAssertEqual(second.written, 0)
        XCTAssertEqual(second.unchanged, first.written)
        XCTAssertEqual(second.removed, 0)
        XCTAssertEqual(try inode(page), before, "an unchanged page must be the same file, timestamps included")
    }

    func testASmallChangeRewritesOnlyTheFilesItAffects() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let first = try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        let untouched = ws.path("site/institutions/\(Sample.kangle)/index.html")
        let before = try inode(untouched)
        let renamed = replacingRow("services", id: "S2", with: "S2,2,80周岁及以上老年人,高龄补贴,按月发放高龄补贴,material,市民政局,1,141000")
        let second = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": renamed]), content: content,
                                                      output: ws.path("site")))
        XCTAssertGreaterThan(second.written, 0)
        XCTAssertLessThan(second.written, first.written / 4, "a services change must not rewrite the site")
        XCTAssertEqual(try inode(untouched), before)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/services/index.html"), encoding: .utf8).contains("高龄补贴"))
    }

    func testARemovedInstitutionLosesItsPageAndJSON() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        let without = Sample.tables["institutions"]!.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(Sample.chengdong + ",") }.joined(separator: "\n")
        let second = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": without]),
                                                      content: content, output: ws.path("site")))
        XCTAssertGreaterThanOrEqual(second.removed, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site/institutions/\(Sample.chengdong)")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site/data/institutions/\(Sample.chengdong).json")))
    }

    /// Kills the real binary in the middle of a build of the sample city.
    func testAKilledBuildLeavesThePublishedSiteIntactAndIsCleanedUpNextTime() throws {
        let binary = Bundle.main.bundleURL.appendingPathComponent("yanglao").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("yanglao not built at \(binary)") }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ws = try Workspace(self)
        let db = ws.path("sample.sqlite")
        try DatabaseLoader.load(directory: repo.appendingPathComponent("content/data").path, into: db)
        let content = repo.appendingPathComponent("content").path
        let out = ws.path("site")
        try Publisher.build(BuildOptions(database: db, content: content, output: out))
        let published = try snapshot(out)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["build", "--db", db, "--content", content, "--out", out, "--quiet"]
        try process.run()
        // Wait until the staging folder holds some pages, then kill without warning.
        let deadline = Date().addingTimeInterval(30)
        var staged: String?
        while Date() < deadline, process.isRunning {
            staged = try FileManager.default.contentsOfDirectory(atPath: ws.root.path).first { $0.hasPrefix(".site.building-") }
            if let staged, FileManager.default.fileExists(atPath: ws.root.path + "/" + staged + "/institutions") { break }
            usleep(500)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertNotNil(staged, "the build finished before it could be killed")
        XCTAssertEqual(try snapshot(out), published, "the published site changed")

        let next = try Publisher.build(BuildOptions(database: db, content: content, output: out))
        XCTAssertEqual(next.written, 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ws.root.path).filter { $0.hasPrefix(".site.") }
        XCTAssertEqual(leftovers, [])
    }
}
