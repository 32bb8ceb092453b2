import Foundation
import XCTest
@testable import YanglaoStore

/// Runs the built `yanglao` executable, which SwiftPM puts next to the test bundle.
final class CLITests: XCTestCase {
    var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        fatalError("no .xctest bundle")
        #else
        return Bundle.main.bundleURL
        #endif
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    func run(_ arguments: [String], in directory: String? = nil, temporary: String? = nil) throws -> Result {
        let binary = productsDirectory.appendingPathComponent("yanglao")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("yanglao not built at \(binary.path); run `swift build --build-tests` first")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // A folder of the test's own for temporary files, so that other programs' files do not count.
        if let temporary { process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary]) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testBuildWithMissingDatabaseFailsWithOneErrorLine() throws {
        let ws = try Workspace(self)
        let out = ws.path("out")
        let r = try run(["build", "--db", "/nonexistent.sqlite", "--content", ws.path("content"), "--out", out])
        XCTAssertNotEqual(r.status, 0)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("error:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("/nonexistent.sqlite"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// A mistyped --out must not start a new site unnoticed: a missing parent folder is refused
    /// with nothing written; a new folder for real data is said after the build, once.
    func testAMistypedOutputFolderIsRefusedOrSaid() throws {
        let ws = try Workspace(self)
        let db = try ws.database("real.sqlite", ["meta": Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")])
        let missing = try run(["build", "--db", db, "--content", try ws.content(), "--out", ws.path("no/such/site")])
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.hasPrefix("error: --out \(ws.path("no/such/site")): the folder \(ws.path("no/such")) does not exist"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("no")))
        let first = try run(["build", "--db", db, "--content", try ws.content(), "--out", ws.path("site")])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("note: \(ws.path("site")) did not exist, so a new site was started there"), first.stdout)
        let again = try run(["build", "--db", db, "--content", try ws.content(), "--out", ws.path("site")])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stdout.contains("did not exist"), again.stdout)
    }

    func testAOneLetterFolderGivenForAFileIsNamedAsAFolder() throws {
        let ws = try Workspace(self)
        XCTAssertEqual(try run(["init", "--db", ws.path("x.sqlite")]).status, 0)
        try FileManager.default.createDirectory(atPath: ws.path("t"), withIntermediateDirectories: true)
        for name in ["t", "t/"] {
            let r = try run(["import", "--db", "x.sqlite", "institutions", name], in: ws.path(""))
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("this is a folder, not a CSV file"), r.stderr)
        }
        for (path, folder) in [("t", ""), ("t/", ""), ("./t", "."), ("a/b/", "a"), ("a//b", "a"), ("/x", "/"), ("/", "/")] {
            XCTAssertEqual(PathText.folder(of: path), folder, path)
        }
    }

    func testStaffMistakesGetMessagesThatSayWhatToDo() throws {
        let ws = try Workspace(self)
        // A machine reading --format json gets JSON even when the database is missing.
        let v = try run(["validate", "--db", ws.path("missing.sqlite"), "--format", "json"])
        XCTAssertNotEqual(v.status, 0)
        let doc = try JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as? [String: Any]
        XCTAssertTrue((doc?["error"] as? String)?.contains("missing.sqlite") == true, v.stdout)
        // A database in a folder that does not exist: the folder is named, not a temporary file.
        let i = try run(["init", "--db", ws.path("nodir/x.sqlite")])
        XCTAssertNotEqual(i.status, 0)
        XCTAssertTrue(i.stderr.contains("the folder \(ws.path("nodir")) does not exist"), i.stderr)
        XCTAssertFalse(i.stderr.contains(".tmp-"), i.stderr)
        // --as-of reads dates as the importer does, and a bad one shows the build's usage.
        let b = try run(["build", "--as-of", "2024/6/31", "--out", ws.path("o")])
        XCTAssertNotEqual(b.status, 0)
        XCTAssertTrue(b.stderr.contains("--as-of 2024/6/31: expected a date"), b.stderr)
        XCTAssertTrue(b.stderr.contains("yanglao build"), b.stderr)
        // An import that goes in but leaves what validate warns about says so at once.
        let db = try ws.database()
        let cols = Sample.header("institutions").split(separator: ",").map(String.init)
        var fields = Sample.row("institutions", Sample.fushou).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[cols.firstIndex(of: "opened_on")!] = "2099-01-01"
        try ws.write(Sample.header("institutions") + "\n" + fields.joined(separator: ",") + "\n", to: "i.csv")
        let r = try run(["import", "--db", db, "institutions", ws.path("i.csv")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("yanglao validate now finds 0 error(s) and "), r.stdout)
        XCTAssertTrue(r.stdout.contains("opened_on = 2099-01-01"), r.stdout)
        // An old export: its update day goes back, and the import says the file may be stale.
        let stale = Sample.row("institutions", Sample.kangle).replacingOccurrences(of: ",2024-10-01", with: ",2024-01-01").replacingOccurrences(of: ",120,90,", with: ",100,90,")
        try ws.write(Sample.header("institutions") + "\n" + stale + "\n", to: "old.csv")
        let old = try run(["import", "--db", db, "institutions", ws.path("old.csv"), "--dry-run"])
        XCTAssertTrue(old.stdout.contains("warning: 1 row(s) would go back to an earlier 信息更新日期 (updated_on) than the database had (line 2, \(Sample.kangle): 2024-10-01 → 2024-01-01)"), old.stdout)
        // The fixture is marked sample data: its pages will say so.
        XCTAssertTrue(r.stdout.contains("is marked as sample data (meta sample is true)"), r.stdout)
        XCTAssertFalse(r.stdout.contains("rebuilds"), "only make's own database is rebuilt: " + r.stdout)
        let again = try run(["import", "--db", db, "institutions", ws.path("i.csv")])
        XCTAssertFalse(again.stdout.contains("sample data"), "nothing changed: " + again.stdout)
        // make's own sample database: a change made in it is lost when make rebuilds it.
        try FileManager.default.createDirectory(atPath: ws.path("content"), withIntermediateDirectories: true)
        let makes = ws.path("content/yanglao.sqlite")
        try FileManager.default.copyItem(atPath: try ws.database("m.sqlite"), toPath: makes)
        let inMakes = try run(["import", "--db", makes, "institutions", ws.path("i.csv")])
        XCTAssertTrue(inMakes.stdout.contains("holds the sample data (meta sample is true)"), inMakes.stdout)
    }

    /// Rows that go in cell by cell but break a rule across columns (more certified caregivers
    /// than caregivers) would stop the next build: the import is refused whole and says why.
    func testAnImportThatWouldGiveTheBuildErrorsIsRefusedAndChangesNothing() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let temporary = ws.path("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let cols = Sample.header("institutions").split(separator: ",").map(String.init)
        var fields = Sample.row("institutions", Sample.fushou).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[cols.firstIndex(of: "caregivers")!] = "2"
        fields[cols.firstIndex(of: "caregivers_certified")!] = "9"
        try ws.write(Sample.header("institutions") + "\n" + fields.joined(separator: ",") + "\n", to: "i.csv")
        for dryRun in [false, true] {
            let r = try run(["import", "--db", db, "institutions", ws.path("i.csv")] + (dryRun ? ["--dry-run"] : []), temporary: temporary)
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stdout.contains("would import \(ws.path("i.csv")) (utf-8) into institutions: 0 inserted, 1 updated"), r.stdout)
            XCTAssertTrue(r.stderr.contains("the database would then have 1 error(s) that the build refuses to publish"), r.stderr)
            XCTAssertTrue(r.stderr.contains("  i.csv:2: error: institutions[\(Sample.fushou)] (曲沃县福寿养老院) caregivers_certified = 9: expected at most caregivers (2)"), r.stderr)
            XCTAssertEqual(r.stderr.contains("nothing was changed in \(db)"), !dryRun, r.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "nothing was written")
        // An error the database had already does not block an import that does not add one.
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET caregivers = 2, caregivers_certified = 9 WHERE id = '\(Sample.fushou)'")
        try ws.write(Sample.tables["services"]!, to: "s.csv")
        let other = try run(["import", "--db", db, "services", ws.path("s.csv")], temporary: temporary)
        XCTAssertEqual(other.status, 0, other.stderr)
        // Nor does a change that leaves that error with other values in its words ("at most caregivers (3)").
        fields[cols.firstIndex(of: "caregivers")!] = "3"
        try ws.write(Sample.header("institutions") + "\n" + fields.joined(separator: ",") + "\n", to: "j.csv")
        let same = try run(["import", "--db", db, "institutions", ws.path("j.csv")], temporary: temporary)
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertTrue(same.stdout.contains("yanglao validate now finds 1 error(s)"), same.stdout)
        // The copy the import checked is gone.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [])
    }

    func testVersionIsPrinted() throws {
        let r = try run(["--version"])
        XCTAssertEqual(r.status, 0)
        XCTAssertNotNil(r.stdout.range(of: #"^\d+\.\d+\.\d+\s*$"#, options: .regularExpression), r.stdout)
    }

    func testInitCreatesADatabase() throws {
        let ws = try Workspace(self)
        let db = ws.path("new.sqlite")
        let r = try run(["init", "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: db))
        XCTAssertTrue(r.stdout.contains(db))
    }

    func testInitSaysInWhichOrderToImportTheTables() throws {
        let ws = try Workspace(self)
        let db = ws.path("new.sqlite")
        let r = try run(["init", "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("yanglao import --db \(db) meta meta.csv\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("then regions, region_stats, institutions, ratings, credit_records, services, targets, observations"),
                      r.stdout)
        XCTAssertFalse(r.stdout.contains("yanglao load"), r.stdout)
    }

    func testImportWithReplaceSaysRowsRemovedAndInserted() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(Sample.tables["services"]!, to: "s.csv")
        let r = try run(["import", "--db", db, "--replace", "services", ws.path("s.csv")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "imported \(ws.path("s.csv")) (utf-8) into services, replaced the table: 0 inserted, 0 updated, 2 unchanged, 0 removed（新增 0 行，修改 0 行，未变 2 行，删除 0 行）\n")
    }

    /// A mistyped command is named with the one meant.
    func testAMistypedCommandSuggestsTheOneMeant() throws {
        let r = try run(["imprt", "--db", "x.sqlite"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("there is no command imprt; did you mean import?"), r.stderr)
        XCTAssertTrue(r.stderr.contains("是不是 import？"), r.stderr)
        XCTAssertEqual(try run(["help", "import"]).status, 0, "help is the parser's own command")
    }

    /// A file given without its table is said as that, not as a missing file.
    func testAFileGivenWithoutItsTableIsSaidAsThat() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(Sample.tables["services"]!, to: "s.csv")
        let r = try run(["import", "--db", db, ws.path("s.csv")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(ws.path("s.csv")) is the file: name the table before it"), r.stderr)
        XCTAssertTrue(r.stderr.contains("请在文件名前写上要导入的表名"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Missing expected argument"), r.stderr)
    }

    /// The site's own download imports back; the columns the site works out are skipped, and
    /// the clerk who edited one (当前等级) is told where such a change goes instead.
    func testImportingTheSitesDownloadSaysWhereEditsToWorkedOutColumnsGo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.buildSite(db: db)
        let r = try run(["import", "--db", db, "institutions", ws.path("site/data/institutions-excel.csv")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("skipped the column(s) 地区名称, 当前等级, 评级状态: the site works them out from other tables, so a change made in them is not imported; "
                                        + "a rating is changed in table ratings"), r.stdout)
        XCTAssertTrue(r.stdout.contains("在这些列里的修改不会导入；等级请在“等级评定”表中导入新的评定"), r.stdout)
    }

    /// A table another tool made again without STRICT: validate refuses the database, so import
    /// does too, with validate's words, and the database is left as it was.
    func testImportIntoATableMadeAgainWithoutStrictIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.loosen("services", in: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try ws.write(Sample.tables["services"]!, to: "s.csv")
        let r = try run(["import", "--db", db, "services", ws.path("s.csv")])
        XCTAssertNotEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stderr.contains("table services is not declared STRICT"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    /// A county's file with --region: the facility it left out is removed, named, and the others stay.
    func testImportOfACountysFileWithRegion() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(Sample.header("institutions") + "\n" + Sample.row("institutions", Sample.kangle) + "\n", to: "翼城.csv")
        let r = try run(["import", "--db", db, "--replace", "--region", Sample.yicheng, "institutions", ws.path("翼城.csv")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("1 removed"), r.stdout)
        XCTAssertTrue(r.stdout.contains("removed (not in the file): \(Sample.chengdong) 翼城县城东社区日间照料中心"), r.stdout)
    }

    func testExportThenImportIsTheRoundTripStaffMake() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let e = try run(["export", "--db", db, "credit_records", ws.path("信用.csv")])
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertEqual(e.stdout, "exported credit_records: 4 rows to \(ws.path("信用.csv"))\n"
            + "note: credit_records holds every record as stored, with people's names unmasked: for staff only, never publish this file\n")
        // The export names each record's facility beside its code; import skips that column and says so.
        let exported = try String(contentsOfFile: ws.path("信用.csv"), encoding: .utf8)
        XCTAssertTrue(exported.contains("机构统一社会信用代码,机构名称,"), exported)
        XCTAssertTrue(exported.contains(",翼城县康乐养老中心,"), exported)
        let i = try run(["import", "--db", db, "credit_records", ws.path("信用.csv")])
        XCTAssertTrue(i.stdout.hasPrefix("imported \(ws.path("信用.csv")) (utf-8) into credit_records: 0 inserted, 0 updated, 4 unchanged（新增 0 行，修改 0 行，未变 4 行）\n"
                                         + "skipped the column(s) 机构名称: "), i.stdout + i.stderr)
        let again = try run(["export", "--db", db, "credit_records", ws.path("信用.csv")])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already exists; nothing was written"), again.stderr)
        XCTAssertTrue(again.stderr.contains("文件已存在"), again.stderr)
        for (args, said) in [(["export", "--db", db, "institutions"], "give a table and a file"),
                             (["export", "--db", db, "--all", "a", "b"], "with --all, give one folder")] {
            let r = try run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(said), r.stderr)
        }
    }

    /// A build refused over a published site says the site is as it was, whatever the reason.
    func testARefusedBuildSaysThePublishedSiteIsAsItWas() throws {
        let ws = try Workspace(self)
        let out = ws.path("site")
        let content = try ws.content()
        XCTAssertEqual(try run(["build", "--db", try ws.database(), "--content", content, "--out", out, "--quiet"]).status, 0)
        let before = try snapshot(out)
        let certified = Sample.row("institutions", Sample.fushou).replacingOccurrences(of: ",80,10,6,", with: ",80,5,6,")
        let bad = try ws.database("bad.sqlite", ["institutions": replacingRow("institutions", id: Sample.fushou, with: certified)])
        let r = try run(["build", "--db", bad, "--content", content, "--out", out, "--quiet"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("at most caregivers"), r.stderr)
        XCTAssertTrue(r.stderr.contains("nothing was published"), r.stderr)
        XCTAssertEqual(try snapshot(out), before)
    }

    func testImportIntoAnUnknownTableListsTheTables() throws {
        let ws = try Workspace(self)
        let r = try run(["import", "--db", try ws.database(), "foo", ws.path("x.csv")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("error: unknown table foo; the tables: meta (站点设置), regions (行政区划),"), r.stderr)
    }

    func testCommandsThatChangeADatabaseMustBeToldWhichOne() throws {
        for args in [["import", "services", "x.csv"], ["delete", "services", "S1"], ["validate"]] {
            let r = try run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("Missing expected argument '--db <db>'"), r.stderr)
        }
    }

    /// A clerk reads Chinese: each problem of a refused file is said again in Chinese, with the
    /// file's own column headings and what to type instead.
    func testMistakesOfAWholeFileOrOfAKeyAreSaidInChineseToo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let header = "统一社会信用代码,机构名称,行政区划代码,类别,性质,地址,电话,纬度,经度,开业日期,状态,床位数,护理型床位数,在住老年人数,养老护理员人数,持证养老护理员人数,社会工作者人数,医养结合,有消防验收通过记录,信息更新日期"
        let row = ",曲沃县福寿养老院,141021,养老机构,民办,曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,运营中,50,30,40,10,6,1,签约,是,2024-12-01"
        func chinese(_ table: String, _ text: String, _ extra: [String] = []) throws -> String {
            try ws.write(text, to: "t.csv")
            let r = try run(["import", "--db", db] + extra + [table, ws.path("t.csv")])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertFalse(r.stderr.contains("原因见上方英文提示"), r.stderr)
            return r.stderr
        }
        // A header and no rows: the wrong file or sheet, said beside "0 inserted".
        try ws.write(header + "\n", to: "t.csv")
        let empty = try run(["import", "--db", db, "institutions", ws.path("t.csv")])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("no rows of data") && empty.stdout.contains("文件只有表头，没有数据行"), empty.stdout)
        // The check character, and letters in lower case: the advice the English gives, not a generic one.
        XCTAssertTrue(try chinese("institutions", header + "\n52141021MA0K000010" + row + "\n").contains("最后一位校验码应为 W，这里是 0"))
        XCTAssertTrue(try chinese("institutions", header + "\n52141021ma0k00001w" + row + "\n").contains("大写字母的统一社会信用代码：52141021MA0K00001W"))
        // An unquoted thousands comma: the count of cells, not unpaired quotes.
        XCTAssertTrue(try chinese("institutions", header + "\n52141021MA0K00001W" + row.replacingOccurrences(of: ",50,", with: ",1,050,") + "\n")
            .contains("多半是某格里的逗号没有加引号"))
        // Notes below the table, a spreadsheet error, a misspelled setting.
        let below = try chinese("institutions", header + "\n52141021MA0K00001W" + row + "\n合计,,,,,,,,,,,50\n")
        XCTAssertTrue(below.contains("是表格下面的备注或合计"), below)
        XCTAssertTrue(try chinese("institutions", header + "\n52141021MA0K00001W" + row.replacingOccurrences(of: ",50,", with: ",#N/A,") + "\n")
            .contains("不是 Excel 的错误值"))
        XCTAssertTrue(try chinese("meta", "序号,key,value\n1,data_as_off,2024-06-30\n").contains("设置项名称 data_as_of"))
        // Another table's file: named as such.
        let ratings = try chinese("institutions", Sample.header("ratings") + "\n")
        XCTAssertTrue(ratings.contains("this looks like the file of table ratings, not institutions") && ratings.contains("这像是“等级评定”表的文件"), ratings)
        // A folder that is not there, for load.
        let load = try run(["load", "--db", ws.path("new.sqlite"), ws.path("no-such-folder")])
        XCTAssertEqual(load.status, 1)
        XCTAssertTrue(load.stderr.contains("no-such-folder: no such folder"), load.stderr)
    }

    func testARefusedImportSaysEachProblemInChinese() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("""
            统一社会信用代码,机构名称,行政区划代码,类别,性质,地址,电话,纬度,经度,开业日期,状态,床位数,护理型床位数,在住老年人数,养老护理员人数,持证养老护理员人数,社会工作者人数,医养结合,有消防验收通过记录,信息更新日期
            52141021MA0K00001W,曲沃县福寿养老院,141021,养老机构,民营,曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,注销,50张,60,80,10,6,1,签约,是,2024-12-01
            52141022MA0K00003H,翼城县康乐养老中心,141099,养老机构,民办,翼城县唐兴镇,,35.73,111.71,2018-09-09,停用,120,90,100,12,8,1,内设,是,2024年13月1日

            """, to: "机构.csv")
        let r = try run(["import", "--db", db, "institutions", ws.path("机构.csv")])
        XCTAssertNotEqual(r.status, 0)
        for line in ["  （第 2 行“床位数”的“50张”不符合要求，应填整数（只填数字，如 50，不写单位））",
                     "  （第 3 行“状态”的“停用”不符合要求，应填以下之一：运营中、暂停运营、已关闭）",
                     "  （第 3 行“信息更新日期”的“2024年13月1日”不符合要求，应填实际存在的日期（这个月没有这一天，或月份大于 12））"] {
            XCTAssertTrue(r.stderr.contains(line + "\n"), line + "\n\n" + r.stderr)
        }
        // 民营 and 注销 are read (as 民办 and 已关闭): not among the problems.
        XCTAssertFalse(r.stderr.contains("民营") || r.stderr.contains("注销"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("problem(s); nothing was written（共 3 处问题，数据库没有改动。请按每处的说明改正表格（第几行即 Excel 左侧的行号），保存后重新导入）\n"), r.stderr)
        // Cells corrected, the code of a region that is not there is said (after the cells, as it is checked then).
        let fixed = try String(contentsOfFile: ws.path("机构.csv"), encoding: .utf8)
            .replacingOccurrences(of: ",50张,", with: ",100,").replacingOccurrences(of: ",停用,", with: ",运营中,").replacingOccurrences(of: "2024年13月1日", with: "2024-11-01")
        try ws.write(fixed, to: "机构.csv")
        let again = try run(["import", "--db", db, "institutions", ws.path("机构.csv")])
        XCTAssertTrue(again.stderr.contains("\n  （第 3 行“行政区划代码”的“141099”在“行政区划”表中找不到：请核对是否输错（Excel 是否把代码变成了数字）；确实无误的，先导入“行政区划”表）"), again.stderr)
    }

    /// A penalty inside its disclosure period leaves the site only when staff say so: deleting a
    /// closed home with its records is the mistake this stops.
    func testDeletingARecordStillDisclosedNeedsToBeMeant() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for args in [["credit_records", "C1"], ["institutions", "52141021MA0K00001W", "--with-dependents"], ["credit_records", "C1", "--dry-run"]] {
            let r = try run(["delete", "--db", db] + args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("C1 行政处罚 2024-06-10，公示至 2025-06-10：曲沃县福寿养老院"), r.stderr)
            XCTAssertTrue(r.stderr.contains("set its status to closed (已关闭)") && r.stderr.contains("本次没有删除任何数据"), r.stderr)
            XCTAssertFalse(r.stderr.contains("C3"), "repaired: no longer public")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        // Settings that cannot be read cannot tell which are public: refused too, until meant.
        let badMeta = try ws.database("bad-meta.sqlite")
        // Written past the importer, which refuses it (as another tool could).
        try Database(path: badMeta, mode: .readWriteCreate).execute("INSERT INTO meta (key, value) VALUES ('disclosure_months_ordinary', '0')")
        let unreadable = try run(["delete", "--db", badMeta, "credit_records", "C2"])
        XCTAssertNotEqual(unreadable.status, 0, unreadable.stdout)
        XCTAssertTrue(unreadable.stderr.contains("cannot be read") && unreadable.stderr.contains("无法判断"), unreadable.stderr)
        // Out of its window (C2), or meant: deleted.
        XCTAssertEqual(try run(["delete", "--db", db, "credit_records", "C2"]).status, 0)
        let meant = try run(["delete", "--db", db, "credit_records", "C1", "--withdraw-disclosed"])
        XCTAssertEqual(meant.status, 0, meant.stderr)
        XCTAssertTrue(meant.stdout.contains("deleted 1 row(s) of credit_records"), meant.stdout)
    }

    func testValidateAnEmptyDatabaseListsEveryMissingMetaKey() throws {
        let ws = try Workspace(self)
        let db = ws.path("new.sqlite")
        XCTAssertEqual(try run(["init", "--db", db]).status, 0)
        let r = try run(["validate", "--db", db])
        XCTAssertEqual(r.status, 1)
        let missing = r.stdout.split(separator: "\n").filter { $0.contains("the key is missing") }
        XCTAssertEqual(missing.count, 6, r.stdout)
        XCTAssertEqual(missing.first, "error: meta[contact] value = (empty): expected a non-empty value (the key is missing; add it to meta.csv and import it)")
        // An empty table is said as that, in Chinese too, not as a row named "(none)".
        XCTAssertTrue(r.stdout.contains("  （“行政区划”表是空的，请先导入 regions.csv）\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("(none) 的记录"), r.stdout)
    }

    /// Staff whose spreadsheets have Chinese headers are told which columns the report names.
    func testValidateNamesTheColumnsItReportsInChinese() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute(
            "PRAGMA ignore_check_constraints = 1; UPDATE institutions SET beds_nursing = beds_total + 5 WHERE id = '\(Sample.fushou)'")
        let r = try run(["validate", "--db", db])
        XCTAssertEqual(r.status, 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // Each finding said again in Chinese on the line below, in the spreadsheet's words.
        let below = lines.firstIndex { $0.hasPrefix("error: institutions[\(Sample.fushou)]") }.map { lines[$0 + 1] }
        XCTAssertEqual(below, "  （“机构名录”表“曲沃县福寿养老院”（\(Sample.fushou)）的“护理型床位数”为“105”：不能超过“床位数”（100），请核对这两格）", r.stdout)
        // The warning: the fixture's facility named with a script tag (Sample.scriptName).
        XCTAssertTrue(lines.last?.hasSuffix("1 error(s), 1 warning(s)（错误 1 处，提醒 1 处）") == true, r.stdout)
    }

    func testInitRefusesAnExistingFile() throws {
        let ws = try Workspace(self)
        try ws.write("keep", to: "existing.sqlite")
        let r = try run(["init", "--db", ws.path("existing.sqlite")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("error:"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: ws.path("existing.sqlite"), encoding: .utf8), "keep")
    }

    func testLoadThenBuildPublishesTheSite() throws {
        let ws = try Workspace(self)
        let csv = try ws.writeCSV()
        let db = ws.path("db.sqlite")
        let load = try run(["load", "--db", db, csv])
        XCTAssertEqual(load.status, 0, load.stderr)
        let build = try run(["build", "--db", db, "--content", try ws.content(), "--out", ws.path("site")])
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.path("site/institutions/\(Sample.fushou)/index.html")))
        // Sample data (meta.sample) is said after the summary: whoever meant their own sees it.
        XCTAssertTrue(build.stdout.contains("holds sample data (meta.sample is true)"), build.stdout)
    }

    /// A folder without some tables' files does not empty them in a database that has rows
    /// there (staff meaning to update three tables); --allow-removals does. Files may be named
    /// by the tables' Chinese titles.
    func testLoadDoesNotEmptyTablesTheFolderLacks() throws {
        let ws = try Workspace(self)
        let db = try ws.database("db.sqlite")
        let partial = try ws.writeCSV(folder: "partial", ["ratings": nil, "credit_records": nil])
        let refused = try run(["load", "--db", db, partial])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("has rows in ratings ("), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("credit_records ("), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Nothing was changed"), refused.stderr)
        XCTAssertGreaterThan(try DataStore(path: db).count("ratings"), 0)
        let allowed = try run(["load", "--db", db, "--allow-removals", partial])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertEqual(try DataStore(path: db).count("ratings"), 0)
        // 机构名录.csv is the institutions file.
        let titled = try ws.writeCSV(folder: "titled")
        try FileManager.default.moveItem(atPath: titled + "/institutions.csv", toPath: titled + "/机构名录.csv")
        let named = try run(["load", "--db", ws.path("new.sqlite"), titled])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(try DataStore(path: ws.path("new.sqlite")).count("institutions"), try DataStore(path: try ws.database("again.sqlite")).count("institutions"))
    }

    func testLoadReportsProblemsWithFileAndLine() throws {
        let ws = try Workspace(self)
        let csv = try ws.writeCSV(["regions": appendingRow("regions", "999,坏代码,county,141000")])
        let r = try run(["load", "--db", ws.path("db.sqlite"), csv])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("error:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("regions.csv:6, column code: 999 has 3 characters; expected 6 digits"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("db.sqlite")))
    }

    func testLoadChecksCellsAsImportDoes() throws {
        // A folder restored from `export --all` gets the same cell rules as one table imported:
        // a mobile number in published text and a mistyped indicator code are refused.
        let ws = try Workspace(self)
        let penalty = Sample.tables["credit_records"]!.split(separator: "\n")[1]
        var fields = penalty.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[Sample.header("credit_records").split(separator: ",").firstIndex(of: "reason")!] = "联系人电话13912345678"
        let csv = try ws.writeCSV(["credit_records": Sample.header("credit_records") + "\n" + fields.joined(separator: ",") + "\n"])
        let r = try run(["load", "--db", ws.path("db.sqlite"), csv])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("credit_records.csv:2, column reason"), r.stderr)
        XCTAssertTrue(r.stderr.contains("looks like a mobile number"), r.stderr)
        XCTAssertFalse(r.stderr.contains("13912345678"), "the message does not repeat the number")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("db.sqlite")))
    }

    func testBadAsOfDateIsRejected() throws {
        let ws = try Workspace(self)
        let r = try run(["build", "--db", try ws.database(), "--content", try ws.content(), "--out", ws.path("site"),
                         "--as-of", "2024-02-30"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")))
    }
}
