import Foundation
import XCTest
@testable import YanglaoSite
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

    /// Files of the published site deleted by hand (all but the manifest): the next build
    /// writes them again rather than fail on the missing ones it meant to keep.
    func testFilesDeletedFromThePublishedSiteAreWrittenAgain() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        let whole = try snapshot(ws.path("site"))
        for name in try FileManager.default.contentsOfDirectory(atPath: ws.path("site")) where name != OutputTree.manifestName {
            try FileManager.default.removeItem(atPath: ws.path("site/" + name))
        }
        try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        XCTAssertEqual(try snapshot(ws.path("site")), whole)
    }

    func testASmallChangeRewritesOnlyTheFilesItAffects() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let first = try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        let untouched = ws.path("site/institutions/\(Sample.kangle)/index.html")
        let before = try inode(untouched)
        let renamed = Sample.renamedServices
        let second = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": renamed]), content: content,
                                                      output: ws.path("site")))
        XCTAssertGreaterThan(second.written, 0)
        XCTAssertLessThan(second.written, first.written / 4, "a services change must not rewrite the site")
        XCTAssertEqual(try inode(untouched), before)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/services/index.html"), encoding: .utf8).contains("高龄补贴"))
        // The same files as a build from nothing, apart from the release of this data date, which a
        // rebuild keeps as first published (with a warning), the correction archived beside it,
        // and the catalogue pages saying the services were corrected after it, the catalogue
        // giving the release's files their sizes and SHA-256 as frozen (and the manifest listing those),
        // the data package's version naming the correction, the home page saying the data were corrected,
        // and the credit records' citation, undated after a correction without its day (current data are dated by their latest change).
        let rebuilt = try snapshot(ws.path("site")), scratch = try snapshot(fresh(ws, db: ws.path("b.sqlite"), content: content))
        XCTAssertEqual(Set(rebuilt.keys).subtracting(scratch.keys).sorted(),
                       ["SHA256SUMS", "changes.json", "datapackage.json", "index.html", "services-excel.csv", "services.csv", "services.json"].map { "data/corrections/2024-12-31/1/" + $0 })
        XCTAssertEqual(Set(scratch.keys).subtracting(rebuilt.keys), [])
        let differing = rebuilt.keys.filter { scratch[$0] != nil && rebuilt[$0] != scratch[$0] }.sorted()
        XCTAssertEqual(differing.filter { !$0.hasPrefix("data/releases/") },
                       [".yanglao-manifest", "data/catalog.jsonld", "data/changes/index.html", "data/credit-records/index.html", "data/datapackage.json", "data/index.html",
                        "data/latest/SHA256SUMS", "data/latest/datapackage.json", "data/services/index.html", "feed.xml", "index.html"],
                       "a rebuild in place gives the files of a fresh build")
        XCTAssertTrue(String(decoding: rebuilt["data/services/index.html"]!, as: UTF8.self).contains("发布后有更正"))
        // The changelog and the feed say a correction was published after the release.
        XCTAssertTrue(String(decoding: rebuilt["data/changes/index.html"]!, as: UTF8.self).contains("<strong>发布后有更正：</strong>基本养老服务清单"))
        XCTAssertTrue(String(decoding: rebuilt["feed.xml"]!, as: UTF8.self).contains("数据更正：2024-12-31 版更正 1"))
    }

    /// Putting a rebuild's files in place fails partway (here a file the system will not let
    /// anyone replace): the error says the site is partly updated, not that it is as it was,
    /// and the next build finishes the update, giving the site an uninterrupted rebuild gives.
    func testACommitThatFailsPartwayIsReportedAndFinishedByTheNextBuild() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let a = try ws.database("a.sqlite"), b = try ws.database("b.sqlite", ["services": Sample.renamedServices])
        try Publisher.build(BuildOptions(database: a, content: content, output: ws.path("site")))
        let locked = ws.path("site/services/index.html")
        func chattr(_ flag: String) -> Bool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            p.arguments = [flag, locked]
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return false }
            p.waitUntilExit()
            return p.terminationStatus == 0
        }
        guard chattr("+i") else { throw XCTSkip("this file system or container cannot make a file immutable (chattr +i)") }
        defer { _ = chattr("-i") }
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: b, content: content, output: ws.path("site")))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("only partly updated"), text)
            XCTAssertTrue(text.contains("services/index.html"), "names the file that could not be replaced: \(text)")
            XCTAssertFalse(text.contains("as it was"), text)
        }
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/data/services.csv"), encoding: .utf8).contains("高龄补贴"),
                      "files before the failure are in place")
        XCTAssertFalse(try String(contentsOfFile: locked, encoding: .utf8).contains("高龄补贴"))
        XCTAssertTrue(chattr("-i"))
        let finished = try Publisher.build(BuildOptions(database: b, content: content, output: ws.path("site")))
        XCTAssertTrue(finished.warnings.contains { $0.contains("left unfinished") && $0.contains("was finished first") }, "\(finished.warnings)")
        try Publisher.build(BuildOptions(database: a, content: content, output: ws.path("straight")))
        try Publisher.build(BuildOptions(database: b, content: content, output: ws.path("straight")))
        XCTAssertEqual(try snapshot(ws.path("site")), try snapshot(ws.path("straight")))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ws.root.path).filter { $0.contains(".building-") }, [],
                       "the finished commit leaves no folder behind")
    }

    /// A build from nothing of `db`, to compare a rebuild with.
    func fresh(_ ws: Workspace, db: String, content: String) throws -> String {
        try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("fresh")))
        return ws.path("fresh")
    }

    /// A rebuild changes files in place: the output folder stays the same folder.
    func testARebuildKeepsTheOutputFolder() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        let folder = try inode(ws.path("site"))
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site"), baseURL: "/x/"))
        XCTAssertEqual(try inode(ws.path("site")), folder)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8).contains("href=\"/x/assets/site.css\""))
        XCTAssertEqual(try leftovers(beside: ws.root.path), [])
        // A correction (the data package then versioned 2024-12-31-1) is a rebuild of the same date too.
        let renamed = Sample.renamedServices
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["services": renamed]), content: content, output: ws.path("site")))
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite"), content: content, output: ws.path("site"), baseURL: "/y/"))
        XCTAssertEqual(try inode(ws.path("site")), folder)
        // New data date: every page changes, and the whole site is replaced at once.
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["meta": meta]), content: content, output: ws.path("site")))
        XCTAssertNotEqual(try inode(ws.path("site")), folder)
        XCTAssertEqual(try releaseFolders(ws.path("site/data/releases")), ["2024-12-31", "2025-06-30"])
        XCTAssertEqual(try leftovers(beside: ws.root.path), [])
    }

    /// A commit cut short (its marker written) is finished by the next build;
    /// a staging folder without the marker is thrown away.
    func testACommitCutShortIsFinishedNextTime() throws {
        let ws = try Workspace(self)
        try ws.write("old", to: "site/index.html")
        try ws.write("old", to: "site/gone/page.html")
        try ws.write("kept", to: "site/kept.html")
        try ws.write("outside", to: "outside.txt")
        try ws.write("new", to: ".site.building-1/index.html")
        try ws.write("gone/page.html\n../outside.txt\n", to: ".site.building-1/" + StagingFolder.commitMarker)
        try ws.write("half", to: ".site.building-2/kept.html")
        let staging = try StagingFolder(output: ws.path("site"))
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8), "new")
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/kept.html"), encoding: .utf8), "kept", "an unfinished build changes nothing")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site/gone")), "removed files and their emptied folder are gone")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("outside.txt")), "nothing outside the output is touched")
        XCTAssertEqual(try leftovers(beside: ws.root.path).filter { $0 != ".site.lock" },
                       [(staging.path as NSString).lastPathComponent])
        staging.discard()
    }

    /// Killed between moving the old site aside and the new one in (where folders cannot be
    /// swapped in one step): the next build puts the old site back before anything else.
    func testASwapCutShortPutsTheOldSiteBack() throws {
        let ws = try Workspace(self)
        try ws.write("published", to: ".site.old-41/index.html")
        try ws.write("release", to: ".site.old-41/data/releases/2024-12-31/SHA256SUMS")
        try ws.write("half", to: ".site.building-41/index.html")
        let staging = try StagingFolder(output: ws.path("site"))
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8), "published")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/data/releases/2024-12-31/SHA256SUMS")))
        XCTAssertEqual(try leftovers(beside: ws.root.path).filter { $0 != ".site.lock" },
                       [(staging.path as NSString).lastPathComponent])
        staging.discard()
    }

    func testTheWholeSiteIsSwappedInOneStep() throws {
        let ws = try Workspace(self)
        try ws.write("old", to: "site/index.html")
        let staging = try StagingFolder(output: ws.path("site"))
        try ws.write("new", to: (staging.path as NSString).lastPathComponent + "/index.html")
        try staging.publish()
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8), "new")
        XCTAssertEqual(try leftovers(beside: ws.root.path).filter { $0 != ".site.lock" }, [])
    }

    func testASecondBuildIntoTheSameOutputIsRefusedWhileTheFirstRuns() throws {
        let ws = try Workspace(self)
        do {
            let other = try OutputLock(path: ws.path(".site.lock"), output: ws.path("site"))
            XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database(), content: try ws.content(),
                                                                   output: ws.path("site")))) { error in
                XCTAssertTrue("\(error)".contains("another yanglao build"), "\(error)")
            }
            XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path(".site.lock")), "a refused build leaves the holder's lock alone")
            XCTAssertThrowsError(try OutputLock(path: ws.path(".site.lock"), output: ws.path("site")), "still held")
            withExtendedLifetime(other) {}
        }
        XCTAssertNoThrow(try Publisher.build(BuildOptions(database: try ws.database(), content: try ws.content(), output: ws.path("site"))))
    }

    func testAnEarlierDataDateThanAPublishedReleaseIsRefused() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        let latest = try String(contentsOfFile: ws.path("site/data/latest/SHA256SUMS"), encoding: .utf8)
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2024-06-30")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": meta]), content: content,
                                                               output: ws.path("site")))) { error in
            XCTAssertTrue("\(error)".contains("2024-06-30 is earlier than the newest release 2024-12-31"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/data/latest/SHA256SUMS"), encoding: .utf8), latest)
        XCTAssertEqual(try releaseFolders(ws.path("site/data/releases")), ["2024-12-31"])
    }

    /// A file put into the published site by hand (a verification page, a policy's PDF) is
    /// not lost when a new data date replaces the whole tree, and the build says where it belongs.
    func testFilesPutIntoTheSiteByHandSurviveANewRelease() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        try ws.write("google-site-verification: google1234.html", to: "site/google1234.html")
        try ws.write("%PDF", to: "site/policies/pdf/original.pdf")
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        let s = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": meta]), content: content, output: ws.path("site")))
        XCTAssertEqual(s.newRelease, "2025-06-30")
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/google1234.html"), encoding: .utf8), "google-site-verification: google1234.html")
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/policies/pdf/original.pdf"), encoding: .utf8), "%PDF")
        let warning = try XCTUnwrap(s.warnings.first { $0.contains("not written by yanglao") }, "\(s.warnings)")
        XCTAssertTrue(warning.contains("/site/google1234.html, ") && warning.contains("/site/policies/pdf/original.pdf: "), warning)
        XCTAssertTrue(warning.contains("(\(content)/static/google1234.html is published as google1234.html)"), warning)
        XCTAssertTrue(warning.contains("such as \(content)/static/files/original.pdf, published as files/original.pdf"), warning)
        XCTAssertFalse(try String(contentsOfFile: ws.path("site/" + OutputTree.manifestName), encoding: .utf8).contains("google1234"),
                       "still not the build's own file")
    }

    /// `yanglao serve`: a data date tried in the preview and taken back leaves no trace there.
    func testAPreviewGoingBackFromATrialDateDropsTheTrialRelease() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        var options = BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("preview"))
        options.scratch = true
        try Publisher.build(options)
        options.database = try ws.database("trial.sqlite", ["meta": Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-03-31")])
        try Publisher.build(options)
        XCTAssertEqual(try releaseFolders(ws.path("preview/data/releases")), ["2024-12-31", "2025-03-31"])
        options.database = ws.path("a.sqlite")
        try Publisher.build(options)
        XCTAssertEqual(try releaseFolders(ws.path("preview/data/releases")), ["2024-12-31"])
        XCTAssertEqual(ReleaseArchive.publishedDate(in: ws.path("preview")), "2024-12-31")
    }

    /// Builds the sample as real data (meta.sample false) into `site/`; returns the files.
    func publishRealData(_ ws: Workspace, content: String) throws -> [String: Data] {
        let real = Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")
        try Publisher.build(BuildOptions(database: try ws.database("real.sqlite", ["meta": real]), content: content, output: ws.path("site")))
        return try snapshot(ws.path("site"))
    }

    /// `yanglao serve --out site` (a published site, the sample database by default): the
    /// preview's scratch rules never reach a folder the preview did not make.
    func testThePreviewNeverBuildsIntoAPublishedSite() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let before = try publishRealData(ws, content: content)
        var options = BuildOptions(database: try ws.database("sample.sqlite"), content: content, output: ws.path("site"))
        options.scratch = true
        XCTAssertThrowsError(try Publisher.build(options)) { error in
            XCTAssertTrue("\(error)".contains("holds a site that `yanglao serve` did not make"), "\(error)")
        }
        XCTAssertEqual(try snapshot(ws.path("site")), before)
        // Its own folder is marked, and rebuilt as often as the data change.
        options.output = ws.path("preview")
        try Publisher.build(options)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("preview/.yanglao-preview")))
        XCTAssertNoThrow(try Publisher.build(options))
    }

    /// `make site` (the sample database) run again over a site published from real data.
    func testTheSampleIsNotBuiltOverASitePublishedFromRealData() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let before = try publishRealData(ws, content: content)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database("sample.sqlite"), content: content, output: ws.path("site")))) { error in
            XCTAssertTrue("\(error)".contains("sample.sqlite is the sample database") && "\(error)".contains("--db"), "\(error)")
        }
        XCTAssertEqual(try snapshot(ws.path("site")), before)
    }

    /// `site -> /var/www/site`: the site is published where the link points, and the link stays.
    func testAnOutputThatIsALinkIsPublishedWhereItPoints() throws {
        let ws = try Workspace(self)
        try FileManager.default.createDirectory(atPath: ws.path("www/site"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ws.path("site"), withDestinationPath: ws.path("www/site"))
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: try ws.content(), output: ws.path("site")))
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": meta]), content: try ws.content(),
                                         output: ws.path("site")))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: ws.path("site")), ws.path("www/site"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("www/site/index.html")))
        XCTAssertEqual(try releaseFolders(ws.path("www/site/data/releases")),
                       ["2024-12-31", "2025-06-30"])
    }

    func testAMistypedContentFolderPublishesNothing() throws {
        let ws = try Workspace(self)
        try Publisher.build(BuildOptions(database: try ws.database(), content: try ws.content(), output: ws.path("site")))
        let before = try String(contentsOfFile: ws.path("site/policies/index.html"), encoding: .utf8)
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: try ws.database(), content: ws.path("conten"),
                                                               output: ws.path("site")))) { error in
            XCTAssertTrue("\(error)".contains("content folder"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: ws.path("site/policies/index.html"), encoding: .utf8), before)
    }

    /// Credit records are archived in no release or correction: a penalty changed under the
    /// same data date goes live, and staff are told so, with what changed.
    func testAChangedPenaltyUnderTheSameDataDateIsSaidToStaff() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let db = try ws.database("a.sqlite")
        try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE credit_records SET result = '罚款', fine_yuan = 5000 WHERE id = 'C1'")
        let second = try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        XCTAssertTrue(second.warnings.contains { $0.hasPrefix("the disclosed credit records differ from those the site showed before under data_as_of 2024-12-31: 0 added, 0 taken off, 1 changed.") },
                      "\(second.warnings)")
        let again = try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        XCTAssertFalse(again.warnings.contains { $0.contains("disclosed credit records differ") }, "said once: \(again.warnings)")
        // Said too when the same build archives a correction (whose change list counts no changed record).
        try Database(path: db, mode: .readWriteCreate).execute("""
            UPDATE credit_records SET reason = '未按规定开展老年人能力评估' WHERE id = 'C1';
            UPDATE institutions SET beds_total = beds_total + 1 WHERE id = '\(Sample.fushou)';
            """)
        let corrected = try Publisher.build(BuildOptions(database: db, content: content, output: ws.path("site")))
        XCTAssertTrue(corrected.warnings.contains { $0.contains("0 added, 0 taken off, 1 changed") }, "\(corrected.warnings)")
    }

    /// A facility removed by a correction, listed again by a later release's correction and
    /// removed again: its page tells the latest removal, with the correction that listed it last.
    func testTheLatestRemovalOfAFacilityIsTheOneItsPageTells() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let out = ws.path("site")
        let without = Sample.tables["institutions"]!.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(Sample.chengdong + ",") }.joined(separator: "\n")
        let later = Sample.tables["meta"]!.replacingOccurrences(of: "data_as_of,2024-12-31", with: "data_as_of,2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": without]), content: content, output: out))
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["institutions": without, "meta": later]), content: content, output: out))
        try Publisher.build(BuildOptions(database: try ws.database("d.sqlite", ["meta": later]), content: content, output: out))
        try Publisher.build(BuildOptions(database: try ws.database("e.sqlite", ["institutions": without, "meta": later]), content: content, output: out))
        let json = try String(contentsOfFile: out + "/data/institutions/\(Sample.chengdong).json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"removed_by_correction_of_release\":\"2025-06-30\""), json)
        XCTAssertTrue(json.contains("data/corrections/2025-06-30/1/"), json)
    }

    func testARemovedInstitutionLosesItsPageAndJSON() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: ws.path("site")))
        let without = Sample.tables["institutions"]!.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(Sample.chengdong + ",") }.joined(separator: "\n")
        let second = try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": without]),
                                                      content: content, output: ws.path("site")))
        XCTAssertGreaterThan(second.written, 0)
        // Its page and JSON lose its data; as the release of this date still lists it (a
        // correction leaves the release as it was), the address says it was removed.
        let page = try String(contentsOfFile: ws.path("site/institutions/\(Sample.chengdong)/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("在 2024-12-31 版数据发布后，经更正从名录中删除"), page)
        XCTAssertTrue(page.contains("href=\"/data/releases/2024-12-31/\""), page)
        XCTAssertTrue(page.contains("noindex"))
        let json = try String(contentsOfFile: ws.path("site/data/institutions/\(Sample.chengdong).json"), encoding: .utf8)
        XCTAssertTrue(json.contains("\"removed_by_correction_of_release\":\"2024-12-31\""), json)
        XCTAssertFalse(json.contains("beds_total"), json)
        // The next release lists it as removed (compared with the release as archived), but
        // what happened to it stays the correction: it was never a facility that closed.
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "data_as_of,2024-12-31", with: "data_as_of,2025-06-30")
        try Publisher.build(BuildOptions(database: try ws.database("c.sqlite", ["institutions": without, "meta": meta]),
                                         content: content, output: ws.path("site")))
        let later = try String(contentsOfFile: ws.path("site/institutions/\(Sample.chengdong)/index.html"), encoding: .utf8)
        XCTAssertTrue(later.contains("在 2024-12-31 版数据发布后，经更正从名录中删除"), later)
        XCTAssertFalse(later.contains("已于 2025-06-30 版数据中移出名录"), later)
        let laterJSON = try String(contentsOfFile: ws.path("site/data/institutions/\(Sample.chengdong).json"), encoding: .utf8)
        XCTAssertTrue(laterJSON.contains("\"removed_by_correction_of_release\":\"2024-12-31\""), laterJSON)
        XCTAssertTrue(laterJSON.contains("data/releases/2024-12-31/"), laterJSON)
    }

    /// The sample city published, then the real binary rebuilding it with another base URL
    /// (every page changes, so the rebuild stages all of them), sent `signal` once the
    /// staging folder holds pages. Returns what was published before, the process (ended) and
    /// its standard error, and whether it was caught midway.
    func rebuildStopped(by signal: Int32) throws -> (ws: Workspace, db: String, content: String, out: String, published: [String: Data],
                                                    process: Process, stderr: String, staged: Bool) {
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
        process.arguments = ["build", "--db", db, "--content", content, "--out", out, "--quiet", "--base-url", "/elsewhere/"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var staged = false
        while Date() < deadline, process.isRunning, !staged {
            // The working folder (beside it, the memo being written: `RenderMemo`) has begun to fill.
            staged = try FileManager.default.contentsOfDirectory(atPath: ws.root.path).contains {
                $0.hasPrefix(".site.building-") && FileManager.default.fileExists(atPath: ws.root.path + "/" + $0 + "/institutions")
            }
            if !staged { usleep(500) }
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (ws, db, content, out, published, process, stderr, staged)
    }

    /// Ctrl-C in the middle of a build: it stops, removes its unfinished folder and its lock
    /// at once (not only at the next build), and leaves the published site as it was.
    func testCtrlCStopsABuildAndRemovesWhatItStarted() throws {
        let r = try rebuildStopped(by: SIGINT)
        XCTAssertTrue(r.staged, "the build finished before it could be interrupted")
        XCTAssertEqual(r.process.terminationStatus, 130)
        XCTAssertTrue(r.stderr.contains("interrupted"), r.stderr)
        XCTAssertEqual(try leftovers(beside: r.ws.root.path), [],
                       "no staging folder and no lock left behind")
        XCTAssertEqual(try snapshot(r.out), r.published, "the published site is as it was")
    }

    /// Kills the real binary in the middle of a build of the sample city: the site is intact,
    /// and the next build cleans up what was left.
    func testAKilledBuildLeavesThePublishedSiteIntactAndIsCleanedUpNextTime() throws {
        let r = try rebuildStopped(by: SIGKILL)
        XCTAssertTrue(r.staged, "the build finished before it could be killed")
        XCTAssertEqual(try snapshot(r.out), r.published, "the published site changed")
        let next = try Publisher.build(BuildOptions(database: r.db, content: r.content, output: r.out))
        XCTAssertEqual(next.written, 0)
        let leftovers = try leftovers(beside: r.ws.root.path)
        XCTAssertEqual(leftovers, [])
    }
}

/// A rebuild renders only the facilities whose rows changed, and gives the same files as a build from nothing.
final class RenderMemoTests: XCTestCase {
    /// The facility pages and JSON of the site in `folder`.
    func facilityFiles(_ folder: String) throws -> [String: Data] {
        try snapshot(folder).filter { $0.key.hasPrefix("institutions/") && $0.key != "institutions/index.html" || $0.key.hasPrefix("data/institutions/") && $0.key.hasSuffix(".json") }
    }

    func testARebuildRendersOnlyTheFacilitiesWhoseRowsChanged() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let site = ws.path("site")
        var step = 0
        /// Rebuilds the site from the sample with `changes`; checks its facility files against a
        /// build from nothing and returns how many facilities were kept unrendered.
        func rebuild(_ changes: [String: String?]) throws -> Int {
            step += 1
            let db = try ws.database("step\(step).sqlite", changes)
            let summary = try Publisher.build(BuildOptions(database: db, content: content, output: site))
            let fresh = ws.path("fresh\(step)")
            try Publisher.build(BuildOptions(database: db, content: content, output: fresh))
            XCTAssertEqual(try facilityFiles(site), try facilityFiles(fresh), "step \(step): the same facility files as a build from nothing")
            XCTAssertEqual(try snapshot(site)[".yanglao-manifest"].map { _ in true }, true)
            return summary.facilitiesKept
        }
        XCTAssertEqual(try rebuild([:]), 0, "nothing to keep in a first build")
        XCTAssertEqual(try rebuild([:]), 4, "nothing changed")
        // A facility's own row, its rating, its credit records: that facility alone is rendered.
        let beds = replacingRow("institutions", id: Sample.fushou, with: Sample.row("institutions", Sample.fushou).replacingOccurrences(of: ",operating,100,60,", with: ",operating,110,60,"))
        XCTAssertEqual(try rebuild(["institutions": beds]), 3)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/institutions/\(Sample.fushou)/index.html"), encoding: .utf8).contains("110 张"))
        let withdrawn = replacingRow("ratings", id: "R1", with: "R1,\(Sample.fushou),3,82.5,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,2024-11-30")
        XCTAssertEqual(try rebuild(["institutions": beds, "ratings": withdrawn]), 3)
        let penalty = appendingRow("credit_records", "C9,\(Sample.chengdong),penalty,organisation,翼城县城东社区日间照料中心,2024-11-01,翼民罚〔2024〕9号,翼城县民政局,未按规定备案,《养老机构管理办法》第四十六条,警告,,ordinary,,")
        XCTAssertEqual(try rebuild(["institutions": beds, "ratings": withdrawn, "credit_records": penalty]), 3)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/institutions/\(Sample.chengdong)/index.html"), encoding: .utf8).contains("翼民罚〔2024〕9号"))
        // A record out of its disclosure window changes nothing shown: every facility is kept.
        let withheld = penalty + "C10,\(Sample.chengdong),penalty,organisation,翼城县城东社区日间照料中心,2020-01-01,翼民罚〔2020〕1号,翼城县民政局,未按规定备案,《养老机构管理办法》第四十六条,警告,,ordinary,,\n"
        XCTAssertEqual(try rebuild(["institutions": beds, "ratings": withdrawn, "credit_records": withheld]), 4)
        // What every page shows (a region's name, the site's title): every facility is rendered.
        let regions = replacingRow("regions", id: Sample.yicheng, with: "\(Sample.yicheng),翼城县（测试）,county,141000")
        let all: [String: String?] = ["institutions": beds, "ratings": withdrawn, "credit_records": penalty]
        XCTAssertEqual(try rebuild(all.merging(["regions": regions]) { $1 }), 0)
        XCTAssertEqual(try rebuild(all.merging(["regions": regions]) { $1 }), 4)
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "title,测试养老服务信息公开", with: "title,测试养老服务信息公开（新）")
        XCTAssertEqual(try rebuild(all.merging(["regions": regions, "meta": meta]) { $1 }), 0)
    }

    /// What every facility page shows besides its own rows (the address the site lives at, the
    /// pages its footer links, the day it is judged on) renders every facility again; a page
    /// deleted from the site by hand is written again.
    func testWhatEveryPageSharesRendersEveryFacility() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let db = try ws.database()
        let site = ws.path("site")
        var step = 0
        func build(_ options: BuildOptions) throws -> Int {
            step += 1
            let summary = try Publisher.build(options)
            var fresh = options
            fresh.output = ws.path("fresh\(step)")
            try Publisher.build(fresh)
            XCTAssertEqual(try facilityFiles(site), try facilityFiles(fresh.output), "step \(step)")
            return summary.facilitiesKept
        }
        XCTAssertEqual(try build(BuildOptions(database: db, content: content, output: site)), 0)
        XCTAssertEqual(try build(BuildOptions(database: db, content: content, output: site, baseURL: "/yanglao/")), 0)
        XCTAssertEqual(try build(BuildOptions(database: db, content: content, output: site, baseURL: "/yanglao/")), 4)
        try ws.write("---\ntitle: 联系我们\n---\n\n电话 0357-0000000。\n", to: "content/pages/contact.md")
        XCTAssertEqual(try build(BuildOptions(database: db, content: content, output: site, baseURL: "/yanglao/")), 0)
        XCTAssertEqual(try build(BuildOptions(database: db, content: content, output: site, baseURL: "/yanglao/", asOf: ISODate("2025-01-20"))), 0)
        try FileManager.default.removeItem(atPath: ws.path("site/institutions/\(Sample.kangle)/index.html"))
        XCTAssertEqual(try build(BuildOptions(database: db, content: content, output: site, baseURL: "/yanglao/", asOf: ISODate("2025-01-20"))), 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/institutions/\(Sample.kangle)/index.html")))
    }

    /// The memo holds for the output it was written with: a site put back from a copy (another
    /// manifest file) is rendered in full, as is one whose memo is gone.
    func testASiteRestoredFromACopyIsRenderedInFull() throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        let site = ws.path("site")
        let a = try ws.database("a.sqlite")
        try Publisher.build(BuildOptions(database: a, content: content, output: site))
        let copy = ws.path("copy")
        try FileManager.default.copyItem(atPath: site, toPath: copy)
        // Built from other data: the memo now describes those.
        let beds = replacingRow("institutions", id: Sample.fushou, with: Sample.row("institutions", Sample.fushou).replacingOccurrences(of: ",operating,100,60,", with: ",operating,110,60,"))
        XCTAssertEqual(try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["institutions": beds]), content: content, output: site)).facilitiesKept, 3)
        // The old site is put back (its pages say 100 beds) and rebuilt from the changed data: its pages must follow the data.
        try FileManager.default.removeItem(atPath: site)
        try FileManager.default.moveItem(atPath: copy, toPath: site)
        let again = try Publisher.build(BuildOptions(database: ws.path("b.sqlite"), content: content, output: site))
        XCTAssertEqual(again.facilitiesKept, 0)
        XCTAssertTrue(try String(contentsOfFile: ws.path("site/institutions/\(Sample.fushou)/index.html"), encoding: .utf8).contains("110 张"))
        // No memo: every facility rendered, none lost.
        try FileManager.default.removeItem(atPath: RenderMemo.path(output: site))
        let third = try Publisher.build(BuildOptions(database: ws.path("b.sqlite"), content: content, output: site))
        XCTAssertEqual(third.facilitiesKept, 0)
        XCTAssertEqual(third.written, 0)
    }
}
