import XCTest
import YanglaoStore

final class DataStoreTests: XCTestCase {
    func testReadsMetaFromTheLoadedSample() throws {
        let ws = try Workspace(self)
        let meta = try DataStore(path: try ws.database()).meta()
        XCTAssertEqual(meta.title, "测试养老服务信息公开")
        XCTAssertEqual(meta.publisher, "测试发布单位")
        XCTAssertEqual(meta.dataAsOf, ISODate("2024-12-31"))
        XCTAssertTrue(meta.isSample)
    }

    func testReadsRegionsInCodeOrder() throws {
        let ws = try Workspace(self)
        let regions = try DataStore(path: try ws.database()).regions()
        XCTAssertEqual(regions.map(\.code), ["140000", "141000", "141021", "141022"])
        XCTAssertEqual(regions[2], Region(code: "141021", name: "曲沃县", level: "county", parentCode: "141000"))
        XCTAssertNil(regions[0].parentCode)
    }

    func testStreamsInstitutionsInDirectoryOrder() throws {
        let ws = try Workspace(self)
        var seen: [Institution] = []
        try DataStore(path: try ws.database()).forEachInstitution { seen.append($0) }
        // Region first; within a region institutions before community facilities, then by name.
        XCTAssertEqual(seen.map(\.id), [Sample.scriptHome, Sample.fushou, Sample.kangle, Sample.chengdong])
        XCTAssertEqual(seen[1].name, "曲沃县福寿养老院")
        XCTAssertEqual(seen[1].bedsTotal, 100)
        XCTAssertEqual(seen[1].latitude, 35.64)
        XCTAssertTrue(seen[1].fireSafetyAccepted)
        XCTAssertEqual(seen[0].name, Sample.scriptName)
        XCTAssertNil(seen[3].residents)
    }

    func testCreditRecordsOfOneInstitutionAreNewestFirst() throws {
        let ws = try Workspace(self)
        let records = try DataStore(path: try ws.database()).creditRecords(of: Sample.fushou)
        XCTAssertEqual(records.map(\.id), ["C1", "C3"])
        XCTAssertEqual(records[1].repairedOn, "2024-09-01")
        XCTAssertEqual(records[0].fineYuan, 2000)
    }

    func testCountsRows() throws {
        let ws = try Workspace(self)
        let store = try DataStore(path: try ws.database())
        XCTAssertEqual(try store.count("institutions"), 4)
        XCTAssertEqual(try store.count("credit_records"), 4)
        XCTAssertEqual(try store.count("observations"), 0)
    }

    func testMissingFileIsMissingDatabase() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString).sqlite").path
        XCTAssertThrowsError(try DataStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .missingDatabase(path: path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "opening must not create the file")
    }

    func testOtherSchemaVersionIsRefused() throws {
        let ws = try Workspace(self)
        let path = ws.path("old.sqlite")
        try DatabaseLoader.initialize(path: path)
        try Database(path: path, mode: .readWriteCreate).execute("PRAGMA user_version = 7")
        XCTAssertThrowsError(try DataStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .wrongSchemaVersion(path: path, found: 7, expected: Schema.version))
        }
    }

    func testMissingTableIsNamed() throws {
        let ws = try Workspace(self)
        let path = ws.path("partial.sqlite")
        try DatabaseLoader.initialize(path: path)
        try Database(path: path, mode: .readWriteCreate).execute("DROP TABLE observations")
        XCTAssertThrowsError(try DataStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .missingTable(path: path, table: "observations"))
        }
    }

    func testFileThatIsNotADatabaseCannotBeOpened() throws {
        let ws = try Workspace(self)
        try ws.write("key,value\n", to: "not-a-db.sqlite")
        XCTAssertThrowsError(try DataStore(path: ws.path("not-a-db.sqlite"))) { error in
            guard case StoreError.cannotOpen = error else { return XCTFail("\(error)") }
        }
    }
}

final class DatabaseLoaderTests: XCTestCase {
    /// The problems of a failed load, flattened.
    func problems(_ body: () throws -> Void) -> [StoreError] {
        do {
            try body()
            XCTFail("load should have failed")
            return []
        } catch StoreError.several(let list) {
            return list
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    func testLoadReportsRowCountsPerTable() throws {
        let ws = try Workspace(self)
        let counts = try DatabaseLoader.load(directory: try ws.writeCSV(), into: ws.path("db.sqlite"))
        let byTable = Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) })
        XCTAssertEqual(byTable["institutions"], 4)
        XCTAssertEqual(byTable["regions"], 4)
        XCTAssertEqual(byTable["meta"], 6)
    }

    func testBadIntegerCellNamesFileLineAndColumn() throws {
        let ws = try Workspace(self)
        // The community facility on line 5: no rating or credit record refers to it.
        let bad = replacingRow("institutions", id: Sample.chengdong, with:
            "52141022MA0K00004L,翼城县城东社区日间照料中心,141022,community,public,,,,,,operating,十,0,,,,,none,0,2024-10-01")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["institutions": bad]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found, [.invalidCell(file: "institutions.csv", line: 5, column: "beds_total", value: "十", expected: "an integer")])
        XCTAssertTrue(found.first?.description.hasPrefix("institutions.csv:5: column `beds_total`") ?? false)
    }

    func testImpossibleDateIsRejected() throws {
        let ws = try Workspace(self)
        let bad = replacingRow("ratings", id: "R1", with: "R1,52141021MA0K00001W,3,82.5,2023-02-30,2026-02-28,委员会,文号,")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["ratings": bad]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found, [.invalidCell(file: "ratings.csv", line: 2, column: "rated_on", value: "2023-02-30", expected: "a date YYYY-MM-DD")])
    }

    func testHeaderMismatchIsReported() throws {
        let ws = try Workspace(self)
        let found = problems {
            try DatabaseLoader.load(directory: try ws.writeCSV(["regions": "code,name,level\n141000,临汾市,city\n"]), into: ws.path("db.sqlite"))
        }
        XCTAssertEqual(found.first, .badHeader(file: "regions.csv", expected: ["code", "name", "level", "parent_code"],
                                               found: ["code", "name", "level"]))
    }

    func testCheckViolationIsARejectedRowWithItsLine() throws {
        let ws = try Workspace(self)
        // 护理型床位 (beds_nursing 20) cannot exceed beds_total (10).
        let bad = replacingRow("institutions", id: Sample.chengdong, with:
            "52141022MA0K00004L,翼城县城东社区日间照料中心,141022,community,public,,,,,,operating,10,20,,,,,none,0,2024-10-01")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["institutions": bad]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found.count, 1)
        guard case .rejectedRow(let file, let line, let reason)? = found.first else { return XCTFail("\(found)") }
        XCTAssertEqual(file, "institutions.csv")
        XCTAssertEqual(line, 5)
        XCTAssertTrue(reason.contains("CHECK"), reason)
    }

    func testUnknownForeignKeyIsARejectedRow() throws {
        let ws = try Workspace(self)
        let bad = appendingRow("ratings", "R9,99999999999999999X,3,,2023-01-01,2026-01-01,委员会,文号,")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["ratings": bad]), into: ws.path("db.sqlite")) }
        guard case .rejectedRow("ratings.csv", 4, _)? = found.first else { return XCTFail("\(found)") }
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let ws = try Workspace(self)
        let badRegions = appendingRow("regions", "14102,短代码,county,141000")
        let badServices = appendingRow("services", "S3,三,对象,名称,内容,material,部门,yes,141000")
        let found = problems {
            try DatabaseLoader.load(directory: try ws.writeCSV(["regions": badRegions, "services": badServices]), into: ws.path("db.sqlite"))
        }
        // One rejected region row, two bad cells in one service row.
        XCTAssertEqual(found.count, 3, "\(found)")
        XCTAssertEqual(Set(found.map { "\($0)".prefix(while: { $0 != ":" }) }), ["regions.csv", "services.csv"])
    }

    func testMetaFileIsRequired() throws {
        let ws = try Workspace(self)
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["meta": nil]), into: ws.path("db.sqlite")) }
        XCTAssertTrue(found.contains { "\($0)".contains("meta.csv") && "\($0)".contains("missing") }, "\(found)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("db.sqlite")))
    }

    func testMetaIsCheckedWhenLoading() throws {
        let ws = try Workspace(self)
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "data_as_of,2024-12-31", with: "data_as_of,2024-02-30")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["meta": meta]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found, [.badMeta(key: "data_as_of", expected: "an ISO date YYYY-MM-DD")])
    }

    func testFailedLoadLeavesExistingDatabaseUnchanged() throws {
        let ws = try Workspace(self)
        let db = try ws.database("db.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let bad = appendingRow("regions", "999,坏代码,county,141000")
        _ = problems { try DatabaseLoader.load(directory: try ws.writeCSV(folder: "bad", ["regions": bad]), into: db) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        XCTAssertEqual(try DataStore(path: db).count("regions"), 4)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ws.root.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    func testInitializeCreatesAnEmptyDatabaseThatOpens() throws {
        let ws = try Workspace(self)
        let path = ws.path("new.sqlite")
        try DatabaseLoader.initialize(path: path)
        let store = try DataStore(path: path)
        XCTAssertEqual(try store.count("institutions"), 0)
        XCTAssertEqual(try store.regions(), [])
        XCTAssertThrowsError(try store.meta()) { error in
            guard case StoreError.badMeta = error else { return XCTFail("\(error)") }
        }
    }

    func testInitializeRefusesAnExistingFile() throws {
        let ws = try Workspace(self)
        let db = try ws.database("db.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        XCTAssertThrowsError(try DatabaseLoader.initialize(path: db))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }
}

final class SiteMetaAndDateTests: XCTestCase {
    let required: [(key: String, value: String)] = [
        ("title", "站名"), ("publisher", "发布单位"), ("licence", "CC BY 4.0"), ("contact", "联系"),
        ("data_as_of", "2024-12-31"), ("sample", "false"),
    ]

    func testMetaRequiresEveryKey() {
        for key in SiteMeta.requiredKeys {
            XCTAssertThrowsError(try SiteMeta(entries: required.filter { $0.key != key }), key) { error in
                XCTAssertEqual(error as? StoreError, .badMeta(key: key, expected: "a non-empty value"))
            }
        }
    }

    func testMetaRejectsABadDateAndSampleFlag() {
        var entries = required
        entries[4].value = "2024-02-30"
        XCTAssertThrowsError(try SiteMeta(entries: entries)) { XCTAssertEqual(($0 as? StoreError).map { "\($0)" }?.contains("data_as_of"), true) }
        entries = required
        entries[5].value = "yes"
        XCTAssertThrowsError(try SiteMeta(entries: entries)) { XCTAssertEqual(($0 as? StoreError).map { "\($0)" }?.contains("sample"), true) }
    }

    func testMetaKeepsOtherKeys() throws {
        let meta = try SiteMeta(entries: required + [("site_url", "https://example.gov.cn")])
        XCTAssertFalse(meta.isSample)
        XCTAssertEqual(meta.value("site_url"), "https://example.gov.cn")
        XCTAssertNil(meta.value("description"))
    }

    func testISODateParsesOnlyRealDays() {
        XCTAssertNotNil(ISODate("2024-02-29"))
        XCTAssertNil(ISODate("2023-02-29"))
        XCTAssertNil(ISODate("2024-13-01"))
        XCTAssertNil(ISODate("2024-1-01"))
        XCTAssertNil(ISODate("2024/01/01"))
    }

    func testISODateArithmetic() {
        let d = ISODate("2024-12-31")!
        XCTAssertEqual(d.adding(days: 1).description, "2025-01-01")
        XCTAssertEqual(d.adding(days: -365).description, "2024-01-01")
        XCTAssertEqual(ISODate("2024-02-29")!.adding(years: 1).description, "2025-02-28")
        XCTAssertEqual(ISODate(dayNumber: 0).description, "1970-01-01")
        XCTAssertEqual(ISODate("2000-03-01")!.dayNumber - ISODate("2000-02-28")!.dayNumber, 2)
    }
}

extension DatabaseLoaderTests {
    func testSuccessfulLoadReplacesExistingDatabase() throws {
        let ws = try Workspace(self)
        let db = try ws.database("db.sqlite")
        let fewer = replacingRow("services", id: "S2", with: "")
        try DatabaseLoader.load(directory: try ws.writeCSV(folder: "fewer", ["services": fewer]), into: db)
        XCTAssertEqual(try DataStore(path: db).count("services"), 1)
    }

    func testABadMetaValueFailsTheLoadNotALaterBuild() throws {
        let ws = try Workspace(self)
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "2024-12-31", with: "2024-31-12")
        let dir = try ws.writeCSV(folder: "badmeta", ["meta": meta])
        XCTAssertThrowsError(try DatabaseLoader.load(directory: dir, into: ws.path("x.sqlite"))) {
            XCTAssertTrue("\($0)".contains("data_as_of"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("x.sqlite")))
    }
}

/// `yanglao import`: one CSV into one table, all rows or none.
final class TableImporterTests: XCTestCase {
    func header(_ table: String) -> String { String(Sample.tables[table]!.split(separator: "\n")[0]) }
    func row(_ table: String, _ id: String) -> String {
        String(Sample.tables[table]!.split(separator: "\n").first { $0.hasPrefix(id + ",") }!)
    }

    func testUpsertUpdatesByPrimaryKeyAndInserts() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let renamed = row("services", "S2").replacingOccurrences(of: "高龄津贴", with: "高龄补贴")
        try ws.write(header("services") + "\n" + renamed + "\nS3,3,全体老年人,健康讲座,每季度一次,care,市卫健委,0,141000\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        XCTAssertEqual([report.inserted, report.updated], [1, 1])
        XCTAssertEqual(try DataStore(path: db).services().map(\.name), ["特困人员供养", "高龄补贴", "健康讲座"])
    }

    func testAFailingRowLeavesTheDatabaseUnchangedAndNamesLineAndColumn() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try ws.write(header("services") + "\nS3,3,全体老年人,健康讲座,内容,care,市卫健委,0,141000\nS4,four,全体老年人,x,y,care,z,0,141000\n", to: "s.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))) {
            XCTAssertTrue("\($0)".contains("s.csv:3: column `seq`: value \"four\""), "\($0)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    func testReplaceThatWouldOrphanRatingsIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.scriptHome) + "\n", to: "i.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"), replace: true)) {
            XCTAssertTrue("\($0)".contains("row(s) of `ratings` (R1"), "\($0)")
        }
        XCTAssertEqual(try DataStore(path: db).count("institutions"), 4)
    }

    func testDryRunReportsButChangesNothing() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("services") + "\nS3,3,全体老年人,健康讲座,内容,care,市卫健委,0,141000\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"), dryRun: true)
        XCTAssertEqual(report.inserted, 1)
        XCTAssertEqual(try DataStore(path: db).count("services"), 2)
    }

    /// Excel on Chinese Windows saves "CSV" as GB18030: it is detected and stored as proper text.
    func testGB18030FileIsDetectedAndStoredWithoutMojibake() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let text = header("services") + "\r\nS3,3,全体老年人,健康讲座,每季度一次,care,市卫健委,0,141000\r\n"
        let gb = try XCTUnwrap(TextEncoding.iconv(Data(text.utf8), from: "UTF-8", to: "GB18030"))
        XCTAssertNil(String(data: gb, encoding: .utf8), "the fixture really is not UTF-8")
        try gb.write(to: URL(fileURLWithPath: ws.path("gb.csv")))
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("gb.csv"))
        XCTAssertEqual(report.encoding, .gb18030)
        XCTAssertTrue(try DataStore(path: db).services().contains { $0.name == "健康讲座" && $0.department == "市卫健委" })
    }

    func testHeaderMayListColumnsInAnyOrderButNotMissOne() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("seq,id,target_group,name,content,type,department,local_addition,region_code\n3,S3,全体,讲座,内容,care,卫健委,0,141000\n", to: "a.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("a.csv")).inserted, 1)
        try ws.write("id,seq,name\nS4,4,讲座\n", to: "b.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("b.csv"))) {
            XCTAssertTrue("\($0)".contains("header is [id,seq,name], expected exactly"), "\($0)")
        }
    }
}
