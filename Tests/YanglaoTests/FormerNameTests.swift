import XCTest
@testable import YanglaoStore
@testable import YanglaoSite
import YanglaoValidation

/// A renamed facility keeps its earlier names (曾用名): staff rename it by an import, the site
/// shows and finds it by the old name, and the datasets carry them.
final class FormerNameTests: XCTestCase {
    /// The institutions file with the row of `id` renamed to `name`.
    func renamed(_ id: String, to name: String, in table: String = Sample.tables["institutions"]!) -> String {
        table.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix(id + ",") else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = name
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
    }

    /// The addresses of the documents the published index gives for `token` (a short posting list, inline).
    func urls(matching token: String, in site: String) throws -> [String] {
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/meta.json"))) as! [String: Int]
        let shard = Int(SearchIndex.hash(token) % UInt32(meta["shards"]!))
        let postings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/p-\(shard).json"))) as! [String: Any]
        var value = 0
        let docs = try XCTUnwrap(postings[token] as? [Int]).map { value += $0; return value >> 1 }
        let chunk = meta["chunk"]!
        return try docs.map { doc in
            let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/d-\(doc / chunk).json"))) as! [[String]]
            return rows[doc % chunk][1]
        }
    }

    func formerNames(_ db: String, _ id: String) throws -> [String] {
        var found: [String] = []
        try DataStore(path: db).forEachInstitutionAsStored { if $0.id == id { found = $0.formerNames } }
        return found
    }

    func testAnImportThatRenamesAFacilityKeepsTheOldNameAndTheSiteFindsItByIt() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(renamed(Sample.kangle, to: "翼城县康乐颐养中心"), to: "a.csv")
        let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("a.csv"))
        XCTAssertEqual(report.updated, 1)
        XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐养老中心"])
        // Renamed again: the latest former name first.
        try ws.write(renamed(Sample.kangle, to: "翼城县康乐护理院"), to: "b.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("b.csv"))
        XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐颐养中心", "翼城县康乐养老中心"])
        // Back to its latest former name: a rename undone (that name leaves the list, the one left is not recorded).
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("a.csv"))
        XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐养老中心"])
        // A file that gives the former names itself is taken as it is.
        let header = Sample.header("institutions") + ",former_names"
        let rows = renamed(Sample.kangle, to: "翼城县康乐之家").split(separator: "\n").dropFirst().map { line in
            line.hasPrefix(Sample.kangle + ",") ? line + ",翼城县康乐敬老院" : line + ","
        } as [String]
        try ws.write(([header] + rows).joined(separator: "\n") + "\n", to: "c.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("c.csv"))
        XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐敬老院"])
        XCTAssertEqual(try formerNames(db, Sample.fushou), [], "a facility not renamed has none")

        let site = try ws.buildSite(db: db)
        let page = try String(contentsOfFile: site + "/institutions/\(Sample.kangle)/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<p class=\"former\">曾用名：翼城县康乐敬老院</p>"), page)
        // Search: the old name is indexed (its two-character tokens) and the result says why it matched.
        let chunks = try FileManager.default.contentsOfDirectory(atPath: site + "/search").filter { $0.hasPrefix("d-") }
        let documents = try chunks.map { try String(contentsOfFile: site + "/search/" + $0, encoding: .utf8) }.joined()
        XCTAssertTrue(documents.contains("曾用名 翼城县康乐敬老院"), documents)
        XCTAssertEqual(try urls(matching: "敬老", in: site).filter { $0.hasPrefix("institutions/5") }, ["institutions/\(Sample.kangle)/"])
        // The datasets carry them as the last column (scripts reading by position keep working).
        let csv = try String(contentsOfFile: site + "/data/institutions.csv", encoding: .utf8)
        let header0 = try XCTUnwrap(csv.split(separator: "\r\n").first)
        XCTAssertTrue(header0.hasSuffix(",updated_on,former_names"), String(header0))
        XCTAssertTrue(csv.contains(",翼城县康乐敬老院\r\n"), csv)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/data/institutions/\(Sample.kangle).json"))) as? [String: Any]
        XCTAssertEqual(json?["former_names"] as? String, "翼城县康乐敬老院", "\(String(describing: json))")
    }

    /// What is no rename is not recorded: a rename undone, two names swapped and put back, a
    /// name typed again with another space; and the list keeps to the column's length.
    func testMistakesPutRightLeaveNoFormerNames() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        // Renamed by mistake, then back: nothing recorded.
        try ws.write(renamed(Sample.kangle, to: "翼城县康乐颐养中心"), to: "a.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("a.csv"))
        try ws.write(Sample.tables["institutions"]!, to: "b.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("b.csv"))
        XCTAssertEqual(try formerNames(db, Sample.kangle), [])
        // Two names swapped (a column sorted alone) and put back: neither says it was the other.
        let swapped = renamed(Sample.chengdong, to: "曲沃县福寿养老院", in: renamed(Sample.fushou, to: "翼城县城东社区日间照料中心"))
        try ws.write(swapped, to: "c.csv")
        // Refused as it is (names moving between facilities), taken with --allow-renames.
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("c.csv"))) { error in
            XCTAssertTrue("\(error)".contains("line 2 takes “翼城县城东社区日间照料中心”, the name of line 5 until now"), "\(error)")
            var chinese = (error as? StoreError)?.chinese
            if case .several(let problems, _)? = error as? StoreError { chinese = problems.first?.chinese }
            XCTAssertTrue(chinese?.contains("两行名称对调") ?? false, "\(String(describing: chinese))")
        }
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("c.csv"), allowRenames: true)
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("b.csv"), allowRenames: true)
        XCTAssertEqual(try formerNames(db, Sample.fushou), [])
        XCTAssertEqual(try formerNames(db, Sample.chengdong), [])
        // A space more is the same name: recorded as none, and not counted as renames (every name retyped).
        var spaced = Sample.tables["institutions"]!
        for id in [Sample.fushou, Sample.kangle, Sample.chengdong] {
            let name = Sample.row("institutions", id).split(separator: ",")[1]
            spaced = renamed(id, to: String(name.prefix(3)) + " " + String(name.dropFirst(3)), in: spaced)
        }
        try ws.write(spaced, to: "d.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("d.csv"))
        XCTAssertEqual(try formerNames(db, Sample.kangle), [])
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("b.csv"))
        // Many renames: the oldest names leave the list, which keeps to the column's length.
        var table = Sample.tables["institutions"]!
        for n in 0..<30 {
            table = renamed(Sample.kangle, to: "翼城县康乐第\(n)号养老服务中心（连锁品牌）", in: table)
            try ws.write(table, to: "e.csv")
            _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("e.csv"))
        }
        let names = try formerNames(db, Sample.kangle)
        XCTAssertEqual(names.first, "翼城县康乐第28号养老服务中心（连锁品牌）")
        XCTAssertLessThanOrEqual(names.joined(separator: "；").unicodeScalars.count, TextLimit.maximum(table: "institutions", column: "former_names"))
        // A rating written under a former name still names its facility.
        let ratings = Sample.header("ratings") + "\nR9," + Sample.kangle + ",3,80,2024-06-01,2027-05-31,测试等级评定委员会,测民发〔2024〕9号,\n"
        try ws.write(ratings.replacingOccurrences(of: "id,institution_id,", with: "id,institution_id,机构名称,")
            .replacingOccurrences(of: "R9,\(Sample.kangle),", with: "R9,\(Sample.kangle),翼城县康乐第27号养老服务中心（连锁品牌）,"), to: "r.csv")
        XCTAssertNoThrow(try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv")))
    }

    /// A file exported before a rename (its 曾用名 empty), imported again, keeps the former name
    /// that rename recorded; 无 or - say nothing; a lone ； clears them.
    func testAnEmptyCellKeepsTheFormerNamesAndOnlyASemicolonClearsThem() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(renamed(Sample.kangle, to: "翼城县康乐颐养中心"), to: "a.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("a.csv"))
        let again = try TableImporter.run(database: db, table: "institutions", file: ws.path("a.csv"))
        XCTAssertEqual(again.updated, 0)
        XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐养老中心"])
        func withFormer(_ cell: String) -> String {
            let lines = renamed(Sample.kangle, to: "翼城县康乐颐养中心").split(separator: "\n")
            return ([lines[0] + ",former_names"] + lines.dropFirst().map { $0.hasPrefix(Sample.kangle + ",") ? $0 + "," + cell : $0 + "," })
                .joined(separator: "\n") + "\n"
        }
        for placeholder in ["无", "-", "／", "暂无"] {
            try ws.write(withFormer(placeholder), to: "b.csv")
            let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("b.csv"))
            XCTAssertEqual(report.updated, 0, placeholder)
            XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐养老中心"], placeholder)
        }
        try ws.write(withFormer("；"), to: "c.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("c.csv"))
        XCTAssertEqual(try formerNames(db, Sample.kangle), [])
        let site = try ws.buildSite(db: db)
        XCTAssertFalse(try String(contentsOfFile: site + "/institutions/\(Sample.kangle)/index.html", encoding: .utf8).contains("曾用名"))
    }

    /// A former name that another facility of the region has now is said by validate.
    func testAFormerNameThatIsAnotherFacilitysNameIsWarnedOf() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET former_names = '曲沃县福寿养老院' WHERE id = '\(Sample.scriptHome)'")
        let findings = try Validator.validate(DataStore(path: db))
        XCTAssertTrue(findings.contains { $0.severity == .warning && $0.column == "former_names" && $0.row == Sample.scriptHome }, "\(findings)")
    }

    /// A version 5 database (before `former_names`) is read without them; an import upgrades it.
    func testAVersionFiveDatabaseIsReadAndUpgradedByAnImport() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute("ALTER TABLE institutions DROP COLUMN former_names; PRAGMA user_version = 5")
        XCTAssertEqual(try formerNames(db, Sample.kangle), [])
        XCTAssertNoThrow(try ws.buildSite(db: db))
        try ws.write(renamed(Sample.kangle, to: "翼城县康乐颐养中心"), to: "a.csv")
        _ = try TableImporter.run(database: db, table: "institutions", file: ws.path("a.csv"))
        XCTAssertEqual(try Database(path: db, mode: .readOnly).userVersion, Schema.version)
        XCTAssertEqual(try formerNames(db, Sample.kangle), ["翼城县康乐养老中心"])
    }

    /// A former name is published text: the privacy check reads it, and one equal to the name now is a slip.
    func testFormerNamesAreCheckedLikeTheName() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try Database(path: db, mode: .readWriteCreate).execute(
            "UPDATE institutions SET former_names = '翼城县康乐养老中心；联系13912345678' WHERE id = '\(Sample.kangle)'")
        let findings = try Validator.validate(DataStore(path: db))
        XCTAssertTrue(findings.contains { $0.severity == .error && $0.column == "former_names" && $0.table == "institutions" }, "\(findings)")
        XCTAssertTrue(findings.contains { $0.severity == .warning && $0.column == "former_names" }, "\(findings)")
        XCTAssertFalse(findings.map(\.description).joined().contains("12345678"), "messages never show the number")
    }

    /// Between two releases, a rating rewritten or deleted is in the change list, not only a new one.
    func testARatingRewrittenOrDeletedBetweenReleasesIsAChange() throws {
        let ws = try Workspace(self)
        let out = ws.path("site")
        let content = try ws.content()
        try Publisher.build(BuildOptions(database: try ws.database("a.sqlite"), content: content, output: out))
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2025-06-30")
        // R1's score rewritten; R2 (翼城县康乐养老中心's expired rating) deleted.
        let ratings = Sample.tables["ratings"]!.replacingOccurrences(of: "R1,52141021MA0K00001W,3,82.5,", with: "R1,52141021MA0K00001W,3,86.25,")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("R2,") }.joined(separator: "\n")
        try Publisher.build(BuildOptions(database: try ws.database("b.sqlite", ["meta": meta, "ratings": ratings]), content: content, output: out))
        let changes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/releases/2025-06-30/changes.json"))) as! [String: Any]
        let rated = try XCTUnwrap((changes["datasets"] as? [String: Any])?["ratings"] as? [String: Any], "\(changes)")
        XCTAssertEqual((rated["removed"] as? [[String: Any]])?.compactMap { ($0["key"] as? [String: Any])?["id"] as? String }, ["R2"])
        let changed = try XCTUnwrap(rated["changed"] as? [[String: Any]])
        XCTAssertEqual(changed.compactMap { ($0["key"] as? [String: Any])?["id"] as? String }, ["R1"])
        XCTAssertEqual((changed[0]["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }, ["score"])
        XCTAssertNil(rated["added"], "new ratings are listed under ratings.new")
        XCTAssertNil(rated["added_count"])
        XCTAssertTrue((changes["summary_zh"] as! String).contains("等级评定结果：删除 1 项，变更 1 项"), changes["summary_zh"] as! String)
        // The page shows the score as the datasets give it.
        let page = try String(contentsOfFile: out + "/institutions/\(Sample.fushou)/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("86.25 分"), page)
    }
}
