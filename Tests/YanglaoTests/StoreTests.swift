import XCTest
@testable import YanglaoStore
import YanglaoValidation

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

    /// Chinese readers look names up by pinyin (安 an, 城 cheng, 中 zhong); code-point order
    /// (中 U+4E2D, 城 U+57CE, 安 U+5B89) reads as random. The directory, the county pages and
    /// the finder's data (whose order the finder keeps until a visitor sorts) all list so.
    func testNamesAreListedByPinyinEverywhere() throws {
        let ws = try Workspace(self)
        var rows = Sample.tables["institutions"]!
        let community = Sample.row("institutions", Sample.chengdong)
        for (n, name) in ["翼城县中心社区日间照料中心", "翼城县安乐社区日间照料中心"].enumerated() {
            let first17 = "52141022MA0K0001\(n)"
            let id = first17 + String(USCC.checkCharacter(for: first17)!)
            rows += community.replacingOccurrences(of: Sample.chengdong, with: id).replacingOccurrences(of: "翼城县城东社区日间照料中心", with: name) + "\n"
        }
        let db = try ws.database("yanglao.sqlite", ["institutions": rows])
        var names: [String] = []
        try DataStore(path: db).forEachInstitution { if $0.category == "community" { names.append($0.name) } }
        let pinyin = ["翼城县安乐社区日间照料中心", "翼城县城东社区日间照料中心", "翼城县中心社区日间照料中心"]
        XCTAssertEqual(names, pinyin)
        XCTAssertEqual(pinyin.sorted(by: ChineseOrder.shared.precedes), pinyin)
        XCTAssertNotEqual(pinyin.sorted(), pinyin, "code-point order differs, or the test proves nothing")

        let site = try ws.buildSite(db: db)
        for page in ["regions/\(Sample.yicheng)/index.html", "institutions/index.html"] {
            let html = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            let at = pinyin.compactMap { html.range(of: $0)?.lowerBound }
            XCTAssertEqual(at.count, pinyin.count, page)
            XCTAssertEqual(at, at.sorted(), page)
        }
        let finder = try String(contentsOfFile: site + "/search/f-\(Sample.yicheng).json", encoding: .utf8)
        let at = pinyin.map { finder.range(of: $0)!.lowerBound }
        XCTAssertEqual(at, at.sorted())
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

    /// A mistyped --db names the database beside it.
    func testAMistypedDatabaseNameSuggestsTheOneBesideIt() throws {
        let ws = try Workspace(self)
        let db = try ws.database("mydata.sqlite")
        let typo = db.replacingOccurrences(of: "mydata.sqlite", with: "mydata.sqllite")
        XCTAssertThrowsError(try DataStore(path: typo)) { error in
            XCTAssertEqual(error as? StoreError, .missingDatabase(path: typo, nearby: db))
            XCTAssertTrue("\(error)".contains("did you mean \(db)?"), "\(error)")
        }
        XCTAssertEqual(StoreError.nearbyDatabase(ws.path("other.sqlite")), nil, "not close enough")
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

    /// A version 2 database (before `observations.qualifier`) is read as it is and upgraded by an
    /// import; a file without the column still imports, and an update by it keeps the qualifier.
    func testAVersionTwoDatabaseGainsQualifiersAndFilesWithoutThemStillImport() throws {
        let ws = try Workspace(self)
        let path = try ws.database()
        try Database(path: path, mode: .readWriteCreate).execute("ALTER TABLE observations DROP COLUMN qualifier; PRAGMA user_version = 2")
        XCTAssertTrue(try DataStore(path: path).observations().allSatisfy { $0.qualifier == nil }, "read without the column")
        try ws.write("indicator,region_code,year,value,source,数值限定\nvisit_rate_monthly,141000,2024,40,测试,以上\n", to: "o.csv")
        _ = try TableImporter.run(database: path, table: "observations", file: ws.path("o.csv"))
        XCTAssertEqual(try Database(path: path, mode: .readOnly).userVersion, Schema.version)
        func stored() throws -> Observation? {
            try DataStore(path: path).observations().first { $0.indicator == "visit_rate_monthly" && $0.year == 2024 }
        }
        XCTAssertEqual(try stored()?.qualifier, "at_least")
        try ws.write("indicator,region_code,year,value,source\nvisit_rate_monthly,141000,2024,45,测试\n", to: "p.csv")
        _ = try TableImporter.run(database: path, table: "observations", file: ws.path("p.csv"))
        XCTAssertEqual(try stored()?.value, 45)
        XCTAssertEqual(try stored()?.qualifier, "at_least", "a file without the column leaves it as it was")
        try ws.write("indicator,region_code,year,value,source,qualifier\nvisit_rate_monthly,141000,2024,45,测试,约\n", to: "q.csv")
        XCTAssertThrowsError(try TableImporter.run(database: path, table: "observations", file: ws.path("q.csv"))) {
            XCTAssertTrue("\($0)".contains("column qualifier: 约 is not allowed"), "\($0)")
        }
    }

    /// A version 3 database (before estimates) is read as it is; an import upgrades it, keeping
    /// every row of region_stats, and then takes 推算数.
    func testAVersionThreeDatabaseTakesEstimatesAfterAnImport() throws {
        let ws = try Workspace(self)
        let path = try ws.database()
        let db = try Database(path: path, mode: .readWriteCreate)
        try Schema.rebuild(db, "region_stats", as: Schema.regionStatsDDL.replacingOccurrences(of: ", 'estimate'", with: ""))
        try db.execute("PRAGMA user_version = 3")
        let before = try DataStore(path: path).regionStats().count
        XCTAssertGreaterThan(before, 0)
        try ws.write("region_code,year,metric,value,kind,source\n141021,2023,townships,7,推算数,测试附件推算\n", to: "s.csv")
        _ = try TableImporter.run(database: path, table: "region_stats", file: ws.path("s.csv"))
        XCTAssertEqual(try Database(path: path, mode: .readOnly).userVersion, Schema.version)
        let stats = try DataStore(path: path).regionStats()
        XCTAssertEqual(stats.count, before + 1, "every earlier row is kept")
        XCTAssertEqual(stats.first { $0.metric == "townships" && $0.regionCode == "141021" && $0.year == 2023 }?.kind, "estimate")
    }

    /// A version 4 database (before `targets.year_stated`) is read with every year as the
    /// document's own; an import upgrades it and takes 否, and a file without the column keeps it.
    func testAVersionFourDatabaseTakesTargetYearsTheDocumentDoesNotGive() throws {
        let ws = try Workspace(self)
        let path = try ws.database()
        try Database(path: path, mode: .readWriteCreate).execute("ALTER TABLE targets DROP COLUMN year_stated; PRAGMA user_version = 4")
        XCTAssertTrue(try DataStore(path: path).targets().allSatisfy(\.yearStated), "read without the column")
        try ws.write("indicator,region_code,year,value,comparator,binding,source,注明年份\nbeds_total,141021,2028,300,>=,unstated,测试规划 附件1,否\n", to: "t.csv")
        _ = try TableImporter.run(database: path, table: "targets", file: ws.path("t.csv"))
        XCTAssertEqual(try Database(path: path, mode: .readOnly).userVersion, Schema.version)
        func stored() throws -> Target? { try DataStore(path: path).targets().first { $0.indicator == "beds_total" && $0.regionCode == "141021" } }
        XCTAssertEqual(try stored()?.yearStated, false)
        XCTAssertEqual(try DataStore(path: path).targets().filter(\.yearStated).count, 1, "the other target keeps its stated year")
        try ws.write("indicator,region_code,year,value,comparator,binding,source\nbeds_total,141021,2028,320,>=,unstated,测试规划 附件1\n", to: "u.csv")
        _ = try TableImporter.run(database: path, table: "targets", file: ws.path("u.csv"))
        XCTAssertEqual(try stored()?.value, 320)
        XCTAssertEqual(try stored()?.yearStated, false, "a file without the column leaves it as it was")
        try ws.write("indicator,region_code,year,value,comparator,binding,source,year_stated\nbeds_total,141021,2028,320,>=,unstated,测试规划 附件1,大概\n", to: "v.csv")
        XCTAssertThrowsError(try TableImporter.run(database: path, table: "targets", file: ws.path("v.csv"))) {
            XCTAssertTrue("\($0)".contains("column year_stated: 大概 is not valid"), "\($0)")
        }
    }

    /// A version 1 database (before `unstated`) is read as it is, and upgraded by an import.
    func testAVersionOneDatabaseIsReadAndUpgradedByAnImport() throws {
        let ws = try Workspace(self)
        let path = try ws.database()
        let db = try Database(path: path, mode: .readWriteCreate)
        try Schema.rebuild(db, "targets", as: Schema.targetsDDL.replacingOccurrences(of: ", 'unstated'", with: ""))
        try db.execute("PRAGMA user_version = 1")
        let before = try DataStore(path: path).targets().count
        XCTAssertGreaterThan(before, 0)
        try ws.write("indicator,region_code,year,value,comparator,binding,source\nbeds_total,141000,2026,99,>=,unstated,测试正文\n", to: "t.csv")
        _ = try TableImporter.run(database: path, table: "targets", file: ws.path("t.csv"))
        XCTAssertEqual(try Database(path: path, mode: .readOnly).userVersion, Schema.version)
        let targets = try DataStore(path: path).targets()
        XCTAssertEqual(targets.count, before + 1, "every earlier target is kept")
        XCTAssertEqual(targets.first { $0.year == 2026 && $0.indicator == "beds_total" }?.binding, "unstated")
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

    /// An import killed midway leaves a journal of the pages it changed: the next read puts them
    /// back (as SQLite does) instead of calling the file "not a SQLite database".
    func testAWriteCutOffMidwayIsUndoneOnTheNextRead() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let writer = try Database(path: db, mode: .readWriteCreate)
        try writer.execute("PRAGMA cache_size = 1; BEGIN IMMEDIATE; UPDATE institutions SET name = name || '（改）'; "
            + "UPDATE credit_records SET reason = printf('%.500c', 'x')")
        // The files as a killed import leaves them: changed pages in the database, the old ones in the journal.
        let copy = ws.path("killed.sqlite")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        try FileManager.default.copyItem(atPath: db + "-journal", toPath: copy + "-journal")
        try writer.execute("ROLLBACK")
        XCTAssertThrowsError(try Database(path: copy, mode: .readOnly).userVersion, "the copy needs its journal undone")
        var names: [String] = []
        try DataStore(path: copy).forEachInstitution { names.append($0.name) }
        XCTAssertFalse(names.isEmpty)
        XCTAssertFalse(names.contains { $0.hasSuffix("（改）") }, "the unfinished change is undone")
        XCTAssertEqual(try Validator.validate(DataStore(path: copy)).filter { $0.severity == .error }, [])
    }

    /// A load over a database an import left half-done replaces it cleanly: the old journal
    /// must not be applied to the new file.
    func testALoadOverADatabaseWithAKilledImportsJournalGivesASoundDatabase() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let writer = try Database(path: db, mode: .readWriteCreate)
        try writer.execute("PRAGMA cache_size = 1; BEGIN IMMEDIATE; UPDATE credit_records SET reason = printf('%.500c', 'x')")
        let target = ws.path("target.sqlite")
        try FileManager.default.copyItem(atPath: db, toPath: target)
        try FileManager.default.copyItem(atPath: db + "-journal", toPath: target + "-journal")
        try writer.execute("ROLLBACK")
        try DatabaseLoader.load(directory: try ws.writeCSV(folder: "again"), into: target)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target + "-journal"))
        XCTAssertEqual(try Validator.validate(DataStore(path: target)).filter { $0.severity == .error }, [])
        XCTAssertEqual(try DataStore(path: target).count("credit_records"), 4)
    }

    /// A load does not replace a database another program is writing (its change would be lost).
    func testALoadRefusesADatabaseAnotherProgramIsWriting() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let writer = try Database(path: db, mode: .readWriteCreate)
        try writer.execute("BEGIN EXCLUSIVE; UPDATE services SET name = name")
        XCTAssertThrowsError(try DatabaseLoader.load(directory: try ws.writeCSV(folder: "again"), into: db)) {
            XCTAssertTrue("\($0)".contains("another program is writing to it"), "\($0)")
        }
        try writer.execute("ROLLBACK")
    }

    /// Another program in the middle of writing: said so, with what to do.
    func testADatabaseAnotherProgramIsWritingIsNamedSo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let writer = try Database(path: db, mode: .readWriteCreate)
        try writer.execute("BEGIN EXCLUSIVE; UPDATE services SET name = name")
        XCTAssertThrowsError(try DataStore(path: db)) {
            XCTAssertTrue("\($0)".contains("another program is writing to it"), "\($0)")
        }
        try ws.write(Sample.tables["services"]!, to: "s.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"), dryRun: true)) {
            XCTAssertTrue("\($0)".contains("cannot open database \(db): another program is writing to it"), "\($0)")
        }
        XCTAssertThrowsError(try RowDeleter.run(database: db, table: "services", keys: ["S1"], dryRun: true)) {
            XCTAssertTrue("\($0)".contains("another program is writing to it"), "\($0)")
        }
        try writer.execute("ROLLBACK")
    }

    func testFileThatIsNotADatabaseCannotBeOpened() throws {
        let ws = try Workspace(self)
        try ws.write("key,value\n", to: "not-a-db.sqlite")
        XCTAssertThrowsError(try DataStore(path: ws.path("not-a-db.sqlite"))) { error in
            guard case StoreError.cannotOpen = error else { return XCTFail("\(error)") }
        }
    }
}

final class VisibleTextTests: XCTestCase {
    func testLineBreaksOfEveryKindAndTextThatShowsNothing() {
        for text in ["a\nb", "a\rb", "敬老院\u{2028}二院", "敬老院\u{2029}", "a\u{85}b"] {
            XCTAssertTrue(VisibleText.hasLineBreak(utf8: text.utf8), text.debugDescription)
        }
        for text in ["尧都区福寿养老院", "a\u{2027}b", "价格\u{A0}85元"] {
            XCTAssertFalse(VisibleText.hasLineBreak(utf8: text.utf8), text.debugDescription)
        }
        for text in [" ", "\u{3000}\u{A0}", "\u{2800}", "\u{FE0F}\u{301}", "\u{E0041}\u{E0042}", "\u{200B}"] {
            XCTAssertTrue(VisibleText.isBlank(text), text.debugDescription)
        }
        for text in ["福", "a", " 1 ", "\u{301}a", "①"] {
            XCTAssertFalse(VisibleText.isBlank(text), text.debugDescription)
        }
    }
}

/// A table another tool made again without STRICT stores 40.5 beds as they are: refused on open.
final class LooseTableTests: XCTestCase {
    func testATableMadeAgainWithoutStrictIsRefusedWithWhatToDo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.loosen("institutions", in: db, then: "UPDATE institutions SET beds_total = 40.5 WHERE id = '\(Sample.fushou)';")
        XCTAssertThrowsError(try DataStore(path: db)) { error in
            XCTAssertTrue("\(error)".contains("table institutions is not declared STRICT"), "\(error)")
            XCTAssertTrue("\(error)".contains("yanglao export --all FOLDER --db"), "\(error)")
            XCTAssertNotNil((error as? StoreError)?.chinese, "\(error)")
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
        } catch StoreError.several(let list, _) {
            return list
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    /// The README's sample folder loaded over a database of real data would leave none of it:
    /// refused, the database untouched, unless --allow-removals says so.
    func testLoadNeverReplacesRealDataWithTheSample() throws {
        let ws = try Workspace(self)
        let real = Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,false")
        let db = try ws.database("real.sqlite", ["meta": real])
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let sampleFolder = try ws.writeCSV(folder: "sample-csv")
        XCTAssertThrowsError(try DatabaseLoader.load(directory: sampleFolder, into: db)) { error in
            XCTAssertTrue("\(error)".contains("holds real data (meta sample is false, data_as_of 2024-12-31), but \(sampleFolder) holds sample data"), "\(error)")
            XCTAssertNotNil((error as? StoreError)?.chinese)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        // Real data over real data (a new month's folder) is the load's job.
        try DatabaseLoader.load(directory: try ws.writeCSV(folder: "real-csv", ["meta": real]), into: db)
        try DatabaseLoader.load(directory: sampleFolder, into: db, allowEmptying: true)
        XCTAssertTrue(try DataStore(path: db).meta().isSample)
    }

    /// A facility's row refused for its own problem: the rows of later files that refer to it
    /// say to correct that row, not to add it again (a clerk would add a duplicate).
    func testReferencesToARefusedRowPointAtIt() throws {
        let ws = try Workspace(self)
        let institutions = Sample.tables["institutions"]!.replacingOccurrences(of: "曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,operating,100,", with: "曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,operating,一百,")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["institutions": institutions]), into: ws.path("db.sqlite")) }
        XCTAssertTrue(found.contains { "\($0)".contains("institutions.csv:2, column beds_total") }, "\(found)")
        let reference = try XCTUnwrap(found.first { "\($0)".contains("ratings.csv") }, "\(found)")
        XCTAssertTrue("\(reference)".contains("\(Sample.fushou) is not in institutions; its row in institutions.csv (line 2) was refused"), "\(reference)")
        XCTAssertTrue(reference.chinese?.contains("不要再补一行") == true, "\(reference)")
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
        XCTAssertEqual(found.first?.description, "institutions.csv:5, column beds_total: 十 is not valid; expected an integer")
    }

    func testImpossibleDateIsRejected() throws {
        let ws = try Workspace(self)
        let bad = replacingRow("ratings", id: "R1", with: "R1,52141021MA0K00001W,3,82.5,2023-02-30,2026-02-28,委员会,文号,")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["ratings": bad]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found, [.invalidCell(file: "ratings.csv", line: 2, column: "rated_on", value: "2023-02-30", expected: "a day that exists (the month has fewer days, or the month is above 12)")])
    }

    func testHeaderMismatchIsReported() throws {
        let ws = try Workspace(self)
        let found = problems {
            try DatabaseLoader.load(directory: try ws.writeCSV(["regions": "code,name,level\n141000,临汾市,city\n"]), into: ws.path("db.sqlite"))
        }
        XCTAssertEqual(found.first, .badHeader(file: "regions.csv", expected: ["code", "name", "level", "parent_code"],
                                               found: ["code", "name", "level"], table: "regions"))
        XCTAssertTrue(found.first?.description.contains("missing parent_code (上级行政区划代码)") ?? false, "\(found)")
    }

    func testCheckViolationNamesLineColumnValueAndWhatWasExpected() throws {
        let ws = try Workspace(self)
        // 护理型床位 (beds_nursing 20) cannot exceed beds_total (10).
        let bad = replacingRow("institutions", id: Sample.chengdong, with:
            "52141022MA0K00004L,翼城县城东社区日间照料中心,141022,community,public,,,,,,operating,10,20,,,,,none,0,2024-10-01")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["institutions": bad]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found.map(\.description),
                       ["institutions.csv:5, column beds_nursing: 20 is more than beds_total (10); expected 0 … beds_total"])
    }

    func testUnknownForeignKeyNamesLineColumnAndValue() throws {
        let ws = try Workspace(self)
        let bad = appendingRow("ratings", "R9,52141099MA0K0000ZZ,3,,2023-01-01,2026-01-01,委员会,文号,")
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["ratings": bad]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found.map(\.description),
                       ["ratings.csv:4, column institution_id: 52141099MA0K0000ZZ is not in institutions; check the value (a mistyped code?); if it is right, add that row to institutions.csv in the folder"])
    }

    /// `load` reads a folder: a missing parent file is named as a file to add, not a table to import.
    func testLoadingAFolderWithoutAParentFileSaysToAddIt() throws {
        let ws = try Workspace(self)
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["regions": nil]), into: ws.path("db.sqlite")) }
        let said = found.map(\.description).filter { $0.contains("regions") }
        XCTAssertFalse(said.isEmpty, "\(found)")
        for message in said {
            XCTAssertTrue(message.contains("the folder has no regions.csv or it has no rows: add it"), message)
            XCTAssertFalse(message.contains("import"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("db.sqlite")))
    }

    /// Foreign keys are checked after the whole file, so a county may come before its city.
    func testRegionsMayComeInAnyOrder() throws {
        let ws = try Workspace(self)
        let lines = Sample.tables["regions"]!.split(separator: "\n").map(String.init)
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let counts = try DatabaseLoader.load(directory: try ws.writeCSV(["regions": reversed]), into: ws.path("db.sqlite"))
        XCTAssertEqual(counts.first { $0.table == "regions" }?.rows, 4)
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let ws = try Workspace(self)
        let badRegions = appendingRow("regions", "14102,短代码,county,141000")
        let badServices = appendingRow("services", "S3,三,对象,名称,内容,material,部门,2,141000")
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
        XCTAssertEqual(found.map(\.description),
                       ["meta.csv:3, column value: 2024-02-30 is not valid; expected an ISO date YYYY-MM-DD (key data_as_of)"])
    }

    /// Every date of meta is read as staff type dates (2024/1/5, 2024年1月5日) and stored as ISO.
    func testMetaDatesTypedTheExcelWayAreStoredAsISODates() throws {
        let ws = try Workspace(self)
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "data_as_of,2024-12-31", with: "data_as_of,2024/12/31")
            + "published_on,2025年1月5日\ncorrected_on,2025-1-20\n"
        try DatabaseLoader.load(directory: try ws.writeCSV(["meta": meta]), into: ws.path("db.sqlite"))
        let stored = try DataStore(path: ws.path("db.sqlite")).meta()
        XCTAssertEqual(["data_as_of", "published_on", "corrected_on"].map { stored.value($0) }, ["2024-12-31", "2025-01-05", "2025-01-20"])
    }

    func testMissingMetaKeysAreReportedTogether() throws {
        let ws = try Workspace(self)
        let found = problems { try DatabaseLoader.load(directory: try ws.writeCSV(["meta": "key,value\ntitle,站名\n"]), into: ws.path("db.sqlite")) }
        XCTAssertEqual(found, ["contact", "data_as_of", "licence", "publisher", "sample"].map {
            .badMeta(key: $0, value: nil, expected: $0 == "data_as_of" ? "an ISO date YYYY-MM-DD" : $0 == "sample" ? "true or false (是 or 否)" : "a non-empty value")
        })
        XCTAssertEqual(found.first?.description, "table meta, key contact: missing; expected a non-empty value")
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
        // Every missing key at once, not only the first.
        XCTAssertThrowsError(try store.meta()) { error in
            guard case StoreError.several(let list, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(list.count, SiteMeta.requiredKeys.count, "\(list)")
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
    /// A data date of a mistyped year (0001) would be archived as a release for good: refused.
    func testADataDateBeforeAnyDataIsRefusedAndSaidInChinese() throws {
        let expected = try XCTUnwrap(SiteMeta.expectation(key: "data_as_of", value: "0001-01-01"))
        XCTAssertTrue(expected.hasPrefix("a date between 2000-01-01 and today"), expected)
        XCTAssertNil(SiteMeta.expectation(key: "data_as_of", value: "2000-01-01"))
        let error = StoreError.badMeta(key: "data_as_of", value: "0001-01-01", expected: expected)
        XCTAssertEqual(error.chinese, "站点设置（meta）的 data_as_of 为“0001-01-01”：应为合理年份的日期（年份是否输错？）。改正 meta.csv 后用 yanglao import meta 导入")
        XCTAssertEqual(StoreError.badMeta(key: "title", value: "", expected: "a non-empty value").chinese,
                       "站点设置（meta）的 title 为空：应为不能为空的内容。改正 meta.csv 后用 yanglao import meta 导入")
        // The database's own problems are said in Chinese too.
        XCTAssertEqual(StoreError.cannotOpen(path: "x", reason: "it is a folder; expected a SQLite database file").chinese,
                       "这是一个文件夹，不是数据库文件：--db 后面请写数据库文件，如 content/yanglao.sqlite")
        XCTAssertTrue(StoreError.wrongSchemaVersion(path: "x", found: 9, expected: Schema.version).withChinese.contains("（数据库的结构版本是 9"))
        XCTAssertTrue(StoreError.wrongSchemaVersion(path: "x", found: 9, expected: 5).description.hasSuffix("(and 1 to 4, which `yanglao import` upgrades)"))
    }

    let required: [(key: String, value: String)] = [
        ("title", "站名"), ("publisher", "发布单位"), ("licence", "CC BY 4.0"), ("contact", "联系"),
        ("data_as_of", "2024-12-31"), ("sample", "false"),
    ]

    func testMetaRequiresEveryKey() {
        for key in SiteMeta.requiredKeys {
            XCTAssertThrowsError(try SiteMeta(entries: required.filter { $0.key != key }), key) { error in
                XCTAssertEqual(error as? StoreError, .badMeta(key: key, value: nil, expected: SiteMeta.expectation(key: key, value: "") ?? "a non-empty value"))
            }
        }
    }

    func testMetaRejectsABadDateAndSampleFlag() {
        var entries = required
        entries[4].value = "2024-02-30"
        XCTAssertThrowsError(try SiteMeta(entries: entries)) {
            XCTAssertEqual("\($0)", "table meta, key data_as_of: 2024-02-30 is not valid; expected an ISO date YYYY-MM-DD")
        }
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

    /// A key written another way (case, spelling, its Chinese name) would be stored and never
    /// read: the new data date would silently not apply. A key of one's own is kept.
    func testAMisspeltMetaKeyIsRefusedWithTheKeyMeant() throws {
        XCTAssertEqual(SiteMeta.meantKey("Data_As_Of"), "data_as_of")
        XCTAssertEqual(SiteMeta.meantKey("数据截至日期"), "data_as_of")
        XCTAssertEqual(SiteMeta.meantKey("license"), "licence")
        XCTAssertEqual(SiteMeta.meantKey("site url"), "site_url")
        XCTAssertNil(SiteMeta.meantKey("data_as_of"))
        XCTAssertNil(SiteMeta.meantKey("budget_note"))
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("key,value\nData_As_Of,2025-06-30\nbudget_note,内部备注\n", to: "meta.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "meta", file: ws.path("meta.csv"))) {
            XCTAssertTrue("\($0)".contains("meta.csv:2, column key: Data_As_Of is not a key the site reads; expected `data_as_of`"), "\($0)")
            XCTAssertFalse("\($0)".contains("budget_note"), "\($0)")
        }
        XCTAssertEqual(SiteMeta.problems(in: [("Data_As_Of", "2025-06-30")]).count, SiteMeta.requiredKeys.count + 1)
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
    func header(_ table: String) -> String { Sample.header(table) }
    func row(_ table: String, _ id: String) -> String { Sample.row(table, id) }

    /// A county's spreadsheet with Chinese column names (机构名称, 床位数…) imports as the
    /// English header would, with full-width or half-width brackets and in any order.
    func testChineseColumnNamesImportLikeTheEnglishOnes() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let english = header("services").split(separator: ",").map(String.init)
        let chinese = english.map { column in Schema.chineseHeaders["services"]!.first { $0.key == column }!.value[0] }
        let renamed = row("services", "S2").replacingOccurrences(of: "高龄津贴", with: "高龄补贴")
        try ws.write(chinese.joined(separator: ",") + "\n" + renamed + "\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        XCTAssertEqual([report.inserted, report.updated], [0, 1])
        XCTAssertEqual(try DataStore(path: db).services().map(\.name), ["特困人员供养", "高龄补贴"])
        // Credit records: the fine's unit in half-width brackets; a fine in 万元 is not taken for yuan.
        let credit = header("credit_records").replacingOccurrences(of: "fine_yuan", with: "罚款金额(元)")
            .replacingOccurrences(of: "decided_on", with: "处罚决定日期")
        try ws.write(credit + "\n" + row("credit_records", "C1") + "\n", to: "c.csv")
        XCTAssertNoThrow(try TableImporter.run(database: db, table: "credit_records", file: ws.path("c.csv")))
        let wan = try importError("credit_records", header("credit_records").replacingOccurrences(of: "fine_yuan", with: "罚款金额（万元）")
                                  + "\n" + row("credit_records", "C1") + "\n")
        XCTAssertTrue(wan.contains("missing fine_yuan (罚款金额（元）)"), wan)
        XCTAssertTrue(wan.contains("not columns of this table: 罚款金额（万元）"), wan)
        // A county's ratings list names each home beside its code: that column is skipped.
        let ratings = header("ratings").replacingOccurrences(of: "institution_id,", with: "统一社会信用代码,机构名称,")
        try ws.write(ratings + "\n" + row("ratings", "R1").replacingOccurrences(of: "R1,\(Sample.fushou),", with: "R1,\(Sample.fushou),曲沃县福寿养老院,") + "\n", to: "r.csv")
        let named = try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv"))
        XCTAssertEqual(named.ignoredColumns, ["机构名称"])
        XCTAssertEqual(named.unchanged, 1)
    }

    /// A county's monthly file: --region keeps the import to that county. A facility the county
    /// left out is removed by --replace (other counties' rows stay), the kept count is the
    /// county's own, and a row of another county is refused with its line.
    func testACountysFileReplacesOnlyThatCountysRows() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.kangle) + "\n", to: "yicheng.csv")
        let dry = try TableImporter.run(database: db, table: "institutions", file: ws.path("yicheng.csv"), region: Sample.yicheng)
        XCTAssertEqual(dry.notInFile, 1, "only 翼城县's other facility, not the other county's")
        let report = try TableImporter.run(database: db, table: "institutions", file: ws.path("yicheng.csv"), replace: true, region: Sample.yicheng)
        XCTAssertEqual(report.deleted, 1)
        XCTAssertEqual(report.removedKeys, ["\(Sample.chengdong) 翼城县城东社区日间照料中心"])
        var ids: Set<String> = []
        try DataStore(path: db).forEachInstitution { ids.insert($0.id) }
        XCTAssertEqual(ids, [Sample.fushou, Sample.scriptHome, Sample.kangle])
        // The other county's row in this county's file: refused, nothing written.
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.kangle) + "\n" + row("institutions", Sample.fushou) + "\n", to: "mixed.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("mixed.csv"), region: Sample.yicheng)) {
            XCTAssertTrue("\($0)".contains("1 row(s) (lines 3) are not in region \(Sample.yicheng) or a region under it (--region); their region_code: \(Sample.quwo)"), "\($0)")
        }
        // A rating numbered like another county's: it would overwrite that one, so it is refused.
        let rows = Sample.tables["ratings"]!.split(separator: "\n").map(String.init)
        let borrowed = rows.first { $0.hasPrefix("R1,") }!.replacingOccurrences(of: Sample.fushou, with: Sample.kangle)
        try ws.write(rows[0] + "\n" + borrowed + "\n", to: "r.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv"), region: Sample.yicheng)) {
            XCTAssertTrue("\($0)".contains("1 row(s) (lines 2) are not in region \(Sample.yicheng) or a region under it (--region), or have the key of another region's row"), "\($0)")
        }
        XCTAssertEqual(try DataStore(path: db).ratings(of: Sample.fushou).map(\.id), ["R1"], "曲沃's rating stays")
        // The city's code takes in its counties; a code that is no region, or a table not kept per region, is refused.
        XCTAssertNoThrow(try TableImporter.run(database: db, table: "institutions", file: ws.path("mixed.csv"), region: Sample.city))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("mixed.csv"), region: "141099")) {
            XCTAssertTrue("\($0)".contains("--region 141099 is not a code of table regions"), "\($0)")
        }
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "regions", file: ws.path("mixed.csv"), region: Sample.city)) {
            XCTAssertTrue("\($0)".contains("--region applies to the tables kept per region"), "\($0)")
        }
        // A county's file cut short to its header: refused, in the region's words.
        try ws.write(header("institutions") + "\n", to: "empty.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("empty.csv"), replace: true, region: Sample.yicheng)) {
            XCTAssertTrue("\($0)".contains("--replace would remove 1 of the 1 rows of institutions in region \(Sample.yicheng) ("), "\($0)")
            XCTAssertTrue("\($0)".contains("the region would have none"), "\($0)")
        }
    }

    /// A county's name typed where its code belongs: the message gives the code.
    func testARegionNameInACodeColumnIsAnsweredWithTheCode() throws {
        let byName = row("institutions", Sample.fushou).replacingOccurrences(of: ",141021,", with: ",曲沃县,")
        let one = try importError("institutions", header("institutions") + "\n" + byName + "\n")
        XCTAssertTrue(one.contains("x.csv:2, column region_code: 曲沃县 is not valid; expected a region code, not a name (曲沃县 is 141021)"), one)
        let others = [Sample.scriptHome].map { row("institutions", $0).replacingOccurrences(of: ",141021,", with: ",曲沃县,") }
        let many = try importError("institutions", header("institutions") + "\n" + ([byName] + others).joined(separator: "\n") + "\n")
        XCTAssertTrue(many.contains("x.csv: 2 rows (lines 2–3), column region_code"), many)
        XCTAssertTrue(many.contains("column region_code: 曲沃县 is a region's name; expected its code 141021"), many)
    }

    /// A number with a thousands comma and no quotes splits its row: the message says so.
    func testAnUnquotedThousandsCommaIsNamed() throws {
        let split = row("institutions", Sample.fushou).replacingOccurrences(of: ",operating,100,", with: ",operating,1,100,")
        let message = try importError("institutions", header("institutions") + "\n" + split + "\n")
        XCTAssertTrue(message.contains("x.csv:2: malformed CSV: 21 fields, expected 20 (1,100 may be one number split at its thousands comma"), message)
    }

    /// A title row above the column names (as county spreadsheets have) is said to be one;
    /// a file separated by tabs is said to be that, not a title.
    func testATitleAboveTheColumnNamesIsNamedAsSuch() throws {
        let tabs = try importError("services", header("services").replacingOccurrences(of: ",", with: "\t") + "\nS3,3,全体,讲座,内容,care,卫健委,0,141000\n")
        XCTAssertTrue(tabs.contains("separated by tabs"), tabs)
        let fields = header("institutions").split(separator: ",").count
        let message = try importError("institutions", "尧都区养老机构名录（2024年5月）" + String(repeating: ",", count: fields - 1) + "\n"
                                      + header("institutions") + "\n" + row("institutions", Sample.fushou) + "\n")
        XCTAssertTrue(message.contains("x.csv:1: malformed CSV: the column names are on line 2; the line above (“尧都区养老机构名录（2024年5月）”) is a title or a form heading: delete the rows above the column names"), message)
    }

    func testUpsertUpdatesByPrimaryKeyAndInserts() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let renamed = row("services", "S2").replacingOccurrences(of: "高龄津贴", with: "高龄补贴")
        try ws.write(header("services") + "\n" + renamed + "\nS3,3,全体老年人,健康讲座,每季度一次,care,市卫健委,0,141000\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [1, 1, 0])
        XCTAssertEqual(try DataStore(path: db).services().map(\.name), ["特困人员供养", "高龄补贴", "健康讲座"])
        // The same file again (as after an export and re-import): nothing changes, and the report says so.
        let again = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2])
        XCTAssertEqual(again.summary, "0 inserted, 0 updated, 2 unchanged")
    }

    func testAFailingRowLeavesTheDatabaseUnchangedAndNamesLineAndColumn() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try ws.write(header("services") + "\nS3,3,全体老年人,健康讲座,内容,care,市卫健委,0,141000\nS4,four,全体老年人,x,y,care,z,0,141000\n", to: "s.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))) {
            XCTAssertTrue("\($0)".contains("s.csv:3, column seq: four is not valid; expected an integer"), "\($0)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    func testReplaceThatWouldOrphanRatingsIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("institutions") + "\n" + row("institutions", Sample.scriptHome) + "\n", to: "i.csv")
        // Three of four rows gone: refused unless meant.
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"), replace: true)) {
            XCTAssertTrue("\($0)".contains("i.csv: --replace would remove 3 of the 4 rows of institutions (\(Sample.fushou) 曲沃县福寿养老院; "), "\($0)")
            XCTAssertTrue("\($0)".contains("import again with --allow-removals"), "\($0)")
            // Its one row is of one county: perhaps that county's own file.
            XCTAssertTrue("\($0)".contains("Every row of the file is in region 141021: if it is that county's own file, import it with --region 141021"), "\($0)")
        }
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"), replace: true, allowRemovals: true)) {
            XCTAssertTrue("\($0)".contains("i.csv: 2 row(s) of ratings (R1; R2) refer to institutions rows that are not in this file "
                                          + "(\(Sample.fushou); \(Sample.kangle))"), "\($0)")
        }
        XCTAssertEqual(try DataStore(path: db).count("institutions"), 4)
    }

    /// Excel's plain "CSV" (GBK) saves a character it cannot hold as "?": refused, not stored.
    func testAQuestionMarkExcelPutForALostCharacterIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let text = header("services") + "\r\nS3,3,全体老年人,?祥讲座,每季度一次,care,市卫健委,0,141000\r\nS4,4,全体老年人,讲座,王?芳主讲,care,市卫健委,0,141000\r\n"
        try XCTUnwrap(TextEncoding.iconv(Data(text.utf8), from: "UTF-8", to: "GB18030")).write(to: URL(fileURLWithPath: ws.path("gbk.csv")))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("gbk.csv"))) {
            // Every such cell, so that one corrected file does it.
            XCTAssertTrue("\($0)".contains("line 2, column name: “?祥讲座”; line 3, column content: “王?芳主讲”"), "\($0)")
            XCTAssertTrue("\($0)".contains("was saved as “?” and is lost"), "\($0)")
        }
        // A UTF-8 file forced to GB18030 would be mojibake: refused, saying so.
        try ws.write(text, to: "utf8.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("utf8.csv"), encoding: .gb18030)) {
            XCTAssertTrue("\($0)".contains("the file is UTF-8"), "\($0)")
        }
    }

    /// A file load would not read is named, not passed over (its table would stay empty).
    func testAMisnamedFileInTheLoadFolderIsNamed() throws {
        let ws = try Workspace(self)
        let csv = try ws.writeCSV()
        try FileManager.default.moveItem(atPath: csv + "/ratings.csv", toPath: csv + "/ratings.csv.csv")
        try FileManager.default.moveItem(atPath: csv + "/targets.csv", toPath: csv + "/Targets.CSV")
        XCTAssertThrowsError(try DatabaseLoader.load(directory: csv, into: ws.path("x.sqlite"))) {
            XCTAssertTrue("\($0)".contains("ratings.csv.csv: not the file of a table"), "\($0)")
            XCTAssertTrue("\($0)".contains("institutions (机构名录)"), "the titles read too are named: \($0)")
            XCTAssertTrue(($0 as? StoreError)?.withChinese.contains("这个文件不是任何一张表的文件") == true, "\($0)")
            XCTAssertFalse("\($0)".contains("Targets.CSV"), "\($0)")
        }
        // Over a database that has ratings, the misnamed file is what is said, not that ratings would be emptied.
        XCTAssertThrowsError(try DatabaseLoader.load(directory: csv, into: try ws.database())) {
            XCTAssertTrue("\($0)".contains("ratings.csv.csv: not the file of a table"), "\($0)")
            XCTAssertFalse("\($0)".contains("--allow-removals"), "\($0)")
        }
        try FileManager.default.moveItem(atPath: csv + "/ratings.csv.csv", toPath: csv + "/ratings.csv")
        let counts = try DatabaseLoader.load(directory: csv, into: ws.path("x.sqlite"))
        XCTAssertEqual(counts.first { $0.table == "targets" }?.rows, 2, "Targets.CSV is the targets file")
    }

    /// A load killed midway leaves its temporary database (unmasked records in it): the next load removes it.
    func testALeftoverOfAKilledLoadIsRemovedByTheNextLoad() throws {
        let ws = try Workspace(self)
        let csv = try ws.writeCSV()
        try ws.write("half a database", to: ".live.sqlite.tmp-999999")
        try DatabaseLoader.load(directory: csv, into: ws.path("live.sqlite"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path(".live.sqlite.tmp-999999")))
    }

    /// The report shows what an update changed in stored rows, before and after, by key.
    func testTheReportShowsEachChangedCell() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let renamed = row("services", "S2").replacingOccurrences(of: "高龄津贴", with: "高龄补贴")
        try ws.write(header("services") + "\n" + row("services", "S1") + "\n" + renamed + "\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"), dryRun: true)
        XCTAssertEqual(report.changedRows.map(\.key), ["S2"])
        XCTAssertEqual(report.changedRows.first?.fields.map { "\($0.column): \($0.from) → \($0.to)" },
                       ["name: 高龄津贴 → 高龄补贴", "content: 按月发放高龄津贴 → 按月发放高龄补贴"])
        XCTAssertEqual(report.changedColumns.map(\.column), ["name", "content"])
        XCTAssertEqual(report.changedRows.first?.line, 3)
        // Shown as written: words for codes, 是/否, text that looks like a number kept as it is,
        // a long value cut where it changed, one line.
        let long = String(repeating: "长", count: 60)
        let edited = row("services", "S1").replacingOccurrences(of: ",material,", with: ",care,")
            .replacingOccurrences(of: ",0,141000", with: ",1,141000")
            .replacingOccurrences(of: "为特困老年人提供基本生活条件", with: "\"\(long)甲\n2023.10\"")
        try ws.write(header("services") + "\n" + edited + "\n", to: "s2.csv")
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE services SET content = '\(long)乙' || char(10) || '2023.10' WHERE id = 'S1'")
        let words = try TableImporter.run(database: db, table: "services", file: ws.path("s2.csv"), dryRun: true)
        XCTAssertEqual(words.changedRows.first?.fields.map { "\($0.column): \($0.from) → \($0.to)" },
                       ["content: …长长长长长长长长长长乙⏎2023.10 → …长长长长长长长长长长甲⏎2023.10", "type: 物质帮助 → 关爱服务", "local_addition: 否 → 是"])
        XCTAssertEqual(try DataStore(path: db).services().map(\.name), ["特困人员供养", "高龄津贴"], "a dry run changes nothing")
    }

    /// A row left out of the file is kept by an update, and the report counts it.
    func testRowsNotInTheFileAreCountedAsKept() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("services") + "\n" + row("services", "S1") + "\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        XCTAssertEqual(report.notInFile, 1)
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"), replace: true).notInFile, 0)
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
            XCTAssertTrue("\($0)".contains("b.csv:1: the header row does not match the table: missing target_group (服务对象), content (服务内容), type (服务类型), department (牵头部门), local_addition (本地新增项目), region_code (清单适用地区). Expected exactly"), "\($0)")
        }
    }
}

/// What `yanglao import` says about a file that is wrong, and what it forgives.
extension TableImporterTests {
    /// The import's error message, or a failure when it succeeds.
    func importError(_ table: String, _ text: String, file: String = "x.csv", replace: Bool = false) throws -> String {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try ws.write(text, to: file)
        do {
            _ = try TableImporter.run(database: db, table: table, file: ws.path(file), replace: replace)
            XCTFail("import should have failed")
            return ""
        } catch {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "a failed import changes nothing")
            return "\(error)"
        }
    }

    func testAKeyRepeatedInTheFileNamesBothLines() throws {
        let s3 = "S3,3,全体老年人,健康讲座,内容,care,市卫健委,0,141000"
        let message = try importError("services", header("services") + "\n\(s3)\nS4,4,a,b,c,care,d,0,141000\n\(s3)\n")
        XCTAssertEqual(message, "x.csv:4: id S3: the same key as line 2\n1 problem(s); nothing was written（共 1 处问题，数据库没有改动）")
    }

    func testARepeatedCompositeKeyNamesEveryKeyColumn() throws {
        let row = "beds_total,141021,2028,300,>=,expected,测试"
        let message = try importError("targets", header("targets") + "\n\(row)\n\(row)\n")
        XCTAssertTrue(message.hasPrefix("x.csv:3: indicator beds_total, region_code 141021, year 2028: the same key as line 2"), message)
    }

    func testBlankRowsSavedByExcelAreSkipped() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("services") + "\n,,,,,,,,\nS3,3,全体老年人,健康讲座,内容,care,市卫健委,0,141000\n , ,\t,,,,,,\u{3000}\n,,,,,,,,\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        XCTAssertEqual([report.inserted, report.updated], [1, 0])
    }

    func testSpacesAroundCellsAreRemoved() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        // A trailing space Excel keeps, a full-width space (U+3000), a no-break space (U+00A0), a tab.
        try ws.write(header("services") + "\nS3 ,\" 3\",全体老年人\u{3000},\u{00A0}健康讲座,内容,care\t,市卫健委, 0 ,141000 \n", to: "s.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv")).inserted, 1)
        let s3 = try XCTUnwrap(try DataStore(path: db).services().first { $0.id == "S3" })
        XCTAssertEqual([s3.targetGroup, s3.name, s3.type, s3.regionCode], ["全体老年人", "健康讲座", "care", "141000"])
        XCTAssertEqual(s3.seq, 3)
    }

    func testCheckRulesAreReportedWithValueAndWhatWasExpected() throws {
        let bad = row("institutions", Sample.fushou)
            .replacingOccurrences(of: "52141021MA0K00001W", with: "52141021MA0K0001")
            .replacingOccurrences(of: ",operating,100,60,", with: ",open,80,120,")
            .replacingOccurrences(of: ",contracted,1,", with: ",contracted,2,")
        let message = try importError("institutions", header("institutions") + "\n" + bad + "\n", file: "institutions.csv")
        XCTAssertEqual(message, """
            institutions.csv:2, column id: 52141021MA0K0001 has 16 characters; expected 18 characters (统一社会信用代码)
            institutions.csv:2, column status: open is not allowed; expected one of operating (运营中), suspended (暂停运营), closed (已关闭)
            institutions.csv:2, column beds_nursing: 120 is more than beds_total (80); expected 0 … beds_total
            institutions.csv:2, column fire_safety_accepted: 2 is not valid; expected 0 or 1 (是/否, true/false and yes/no are read as 1/0)
            4 problem(s); nothing was written（共 4 处问题，数据库没有改动）
            """)
    }

    func testRequiredCellsAndRangesSayWhatWasExpected() throws {
        let message = try importError("ratings", header("ratings") + "\nR3,\(Sample.fushou),7,-1,2024-01-01,2026-12-31, ,文号,\n")
        XCTAssertEqual(message, """
            x.csv:2, column level: 7 is out of range; expected 1 … 5
            x.csv:2, column score: -1 is less than 0; expected 0 or more
            x.csv:2, column assessor: empty; expected a value (this column may not be empty)
            3 problem(s); nothing was written（共 3 处问题，数据库没有改动）
            """)
    }

    func testYesAndNoInWordsAreReadAsOneAndZero() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("services") + "\nS3,3,a,b,c,care,d,是,141000\nS4,4,a,b,c,care,d,FALSE,141000\nS5,5,a,b,c,care,d,yes,141000\n", to: "s.csv")
        _ = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))
        let added = try DataStore(path: db).services().filter { ["S3", "S4", "S5"].contains($0.id) }
        XCTAssertEqual(added.map(\.localAddition), [true, false, true])
    }

    func testAMissingParentIsNamedByLineColumnAndValue() throws {
        let elsewhere = row("institutions", Sample.chengdong).replacingOccurrences(of: ",141022,", with: ",141099,")
        let message = try importError("institutions", header("institutions") + "\n" + row("institutions", Sample.fushou) + "\n" + elsewhere + "\n",
                                      file: "fk.csv")
        XCTAssertEqual(message, "fk.csv:3, column region_code: 141099 is not in regions; check the value (a mistyped code?); if it is right, import regions first\n1 problem(s); nothing was written（共 1 处问题，数据库没有改动）")
    }

    /// Many rows missing the same parent (institutions imported before regions) are one
    /// problem with their lines; problems are listed in the file's order.
    func testTheSameMissingParentOnManyLinesIsSaidOnce() throws {
        let services = (3...8).map { "S\($0),\($0),a,b,c,care,d,0,\($0 == 5 ? "139999" : "141099")" }
            + ["S9,九,a,b,c,care,d,0,141099"]
        let message = try importError("services", header("services") + "\n" + services.joined(separator: "\n") + "\n", file: "s.csv")
        XCTAssertEqual(message, """
            s.csv: 5 rows (lines 2–3, 5–7), column region_code: 141099 is not in regions; check the value (a mistyped code?); if it is right, import regions first
            s.csv:4, column region_code: 139999 is not in regions; check the value (a mistyped code?); if it is right, import regions first
            s.csv:8, column seq: 九 is not valid; expected an integer
            3 problem(s); nothing was written（共 3 处问题，数据库没有改动）
            """)
    }

    func testProblemsPastTwoHundredAreCountedNotListed() throws {
        let rows = (1...250).map { "S\($0 + 10),第\($0),a,b,c,care,d,0,141000" }
        let message = try importError("services", header("services") + "\n" + rows.joined(separator: "\n") + "\n")
        let lines = message.split(separator: "\n")
        XCTAssertEqual(lines.count, 202)
        XCTAssertEqual(lines.suffix(2), ["… and 50 more problem(s) not shown", "250 problem(s); nothing was written（共 250 处问题，数据库没有改动）"])
        // A missing region on line 2, found after every cell was read, is still listed first.
        let first = "S1000,1000,a,b,c,care,d,0,149999"
        let withMissing = try importError("services", header("services") + "\n" + ([first] + rows).joined(separator: "\n") + "\n")
        XCTAssertTrue(withMissing.hasPrefix("x.csv:2, column region_code: 149999 is not in regions"), String(withMissing.prefix(200)))
    }

    func testUnknownTableListsTheTablesOneCanImport() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "foo", file: ws.path("x.csv"))) {
            XCTAssertEqual("\($0)", "unknown table foo; the tables: meta (站点设置), regions (行政区划), region_stats (地区统计), institutions (机构名录), "
                                    + "ratings (等级评定), credit_records (信用记录), services (基本养老服务清单), targets (规划目标), observations (报送和公布的指标数)")
        }
    }

    /// A region `--replace` removes that other regions still name as parent: said in words.
    func testReplacingRegionsWithoutAParentNamesTheRowsLeft() throws {
        let ws = try Workspace(self)
        let lines = Sample.tables["regions"]!.split(separator: "\n").map(String.init)
        let withoutProvince = lines.filter { !$0.hasPrefix("140000,") }
        XCTAssertLessThan(withoutProvince.count, lines.count)
        let message = try importError("regions", withoutProvince.joined(separator: "\n") + "\n", file: "r.csv", replace: true)
        XCTAssertTrue(message.contains("row(s) of regions (141000) refer to regions rows that are not in this file (140000)"), message)
        // Into an empty table: one sentence giving the order.
        let fresh = ws.path("fresh.sqlite")
        try DatabaseLoader.initialize(path: fresh)
        try ws.write(Sample.tables["institutions"]!, to: "i.csv")
        XCTAssertThrowsError(try TableImporter.run(database: fresh, table: "institutions", file: ws.path("i.csv"))) {
            XCTAssertTrue("\($0)".hasPrefix("i.csv: table regions is empty, and this file's rows refer to it: import regions first (the order is meta, regions,"), "\($0)")
            XCTAssertTrue("\($0)".hasSuffix("1 problem(s); nothing was written（共 1 处问题，数据库没有改动）"), "\($0)")
        }
    }

    /// A stray byte in an otherwise UTF-8 file: the message says on which line.
    func testAByteThatIsNotUTF8IsPlacedByLine() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        var bytes = Array((header("services") + "\nS3,3,全体老年人,讲座,每季度一次,care,市卫健委,0,141000\n").utf8)
        bytes.append(contentsOf: Array("S4,4,a,b,c,care,d,0,141000\nS5,5,a,".utf8) + [0xFF, 0xFE, 0x80] + Array(",c,care,d,0,141000\n".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: ws.path("s.csv")))
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"))) {
            XCTAssertTrue("\($0)".contains("line 4 holds a byte, 0xFF, that is not UTF-8"), "\($0)")
        }
        XCTAssertNil(DatabaseLoader.firstNonUTF8(Data("第一行\n第二行".utf8)))
    }

    /// A file that is not there, or empty, is named as such (not "cannot read").
    func testAMissingOrEmptyFileSaysSo() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("服务清单.csv"))) {
            XCTAssertTrue("\($0)".contains("服务清单.csv: no such file in \(ws.root.path)"), "\($0)")
        }
        try ws.write("", to: "empty.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("empty.csv"))) {
            XCTAssertTrue("\($0)".contains("empty.csv: the file is empty (0 bytes)"), "\($0)")
        }
    }

    func testReplaceSaysRowsRemovedAndRowsInserted() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(header("services") + "\n" + row("services", "S1") + "\n", to: "s.csv")
        let report = try TableImporter.run(database: db, table: "services", file: ws.path("s.csv"), replace: true)
        XCTAssertEqual(report.summary, "replaced the table: 0 inserted, 0 updated, 1 unchanged, 1 removed")
        XCTAssertEqual(report.removedKeys, ["S2 高龄津贴"])
        // A replace shows each changed cell as an update does.
        try ws.write(header("services") + "\n" + row("services", "S1").replacingOccurrences(of: "市民政局", with: "市卫健委") + "\n", to: "t.csv")
        let changed = try TableImporter.run(database: db, table: "services", file: ws.path("t.csv"), replace: true)
        XCTAssertEqual(changed.summary, "replaced the table: 0 inserted, 1 updated, 0 unchanged, 0 removed")
        XCTAssertEqual(changed.changedRows.first?.fields.map { "\($0.column) \($0.from) → \($0.to)" }, ["department 市民政局 → 市卫健委"])
        // A file with the header only would empty the table: refused, even for a small one.
        try ws.write(header("services") + "\n", to: "h.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("h.csv"), replace: true)) {
            XCTAssertTrue("\($0)".contains("--replace would remove 1 of the 1 rows of services (S1 特困人员供养), because the file does not hold them: the table would be empty"), "\($0)")
        }
        XCTAssertEqual(try DataStore(path: db).count("services"), 1)
        XCTAssertEqual(try TableImporter.run(database: db, table: "services", file: ws.path("h.csv"), replace: true, allowRemovals: true).deleted, 1)
        // More than half: two of three rows.
        try ws.write(header("services") + "\nS1,1,a,b,c,care,d,0,141000\nS2,2,a,b,c,care,d,0,141000\nS3,3,a,b,c,care,d,0,141000\n", to: "three.csv")
        _ = try TableImporter.run(database: db, table: "services", file: ws.path("three.csv"), replace: true)
        try ws.write(header("services") + "\nS1,1,a,b,c,care,d,0,141000\n", to: "one.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "services", file: ws.path("one.csv"), replace: true)) {
            XCTAssertTrue("\($0)".contains("--replace would remove 2 of the 3 rows of services"), "\($0)")
        }
    }

    /// A workbook is read as one whatever its name (WorkbookTests reads real ones); a file that
    /// only begins like one is refused with what to do.
    func testAnExcelWorkbookIsRecognisedByNameOrBytes() throws {
        let zip = "PK\u{03}\u{04}\u{14}\u{00}"
        for file in ["机构.xlsx", "renamed.csv"] {
            let message = try importError("institutions", zip, file: file)
            XCTAssertTrue(message.hasPrefix("\(file): the workbook cannot be opened as an .xlsx file (is it an older .xls, or damaged?); in Excel choose 另存为"), message)
        }
    }

    func testABadMetaValueIsNamedWithItsLine() throws {
        let meta = Sample.tables["meta"]!.replacingOccurrences(of: "sample,true", with: "sample,maybe")
        XCTAssertEqual(try importError("meta", meta, file: "meta.csv"),
                       "meta.csv:6, column value: maybe is not valid; expected true or false (是 or 否) (key sample)\n1 problem(s); nothing was written（共 1 处问题，数据库没有改动）")
    }
}

/// The Swift statement of the schema's rules follows the DDL.
final class SchemaRulesTests: XCTestCase {
    /// Each column line of each CREATE TABLE, by table and column.
    var columnLines: [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        var table = ""
        for line in Schema.ddl.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("CREATE TABLE ") { table = String(line.split(separator: " ")[2]) }
            else if let name = line.split(separator: " ").first, line.contains(" TEXT") || line.contains(" INTEGER") || line.contains(" REAL") {
                out[table, default: [:]][String(name)] = line
            }
        }
        return out
    }

    /// Each Chinese column name names a column of its table, no name means two columns of
    /// one table, and docs/schema.md lists exactly these names.
    func testChineseColumnNamesNameColumnsAndAreDocumented() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: repo.appendingPathComponent("docs/schema.md"), encoding: .utf8)
        let columns = columnLines
        for (table, names) in Schema.chineseHeaders {
            var seen: Set<String> = []
            for (column, words) in names {
                XCTAssertNotNil(columns[table]?[column], "\(table).\(column)")
                for w in words { XCTAssertTrue(seen.insert(w).inserted, "\(table): \(w) twice") }
            }
            let line = "| `\(table)` | " + names.map { "`\($0.key)`: " + $0.value.joined(separator: "、") }.joined(separator: "; ") + " |"
            XCTAssertTrue(doc.contains(line), "docs/schema.md lacks: \(line)")
        }
        // The published Excel files' names for the columns they add: one for each such column, documented.
        XCTAssertEqual(Set(Schema.publishedOnlyChinese.keys), Set(Schema.publishedOnlyColumns.keys))
        for (table, extra) in Schema.publishedOnlyColumns {
            let names = Schema.publishedOnlyChinese[table] ?? [:]
            XCTAssertEqual(Set(names.keys), Set(extra), table)
            let line = "`\(table)`: " + extra.map { "`\($0)` \(names[$0] ?? "?")" }.joined(separator: ", ")
            XCTAssertTrue(doc.contains(line), "docs/schema.md lacks: \(line)")
        }
    }

    func testEveryChineseWordNamesACodeOfItsColumn() {
        for (key, words) in CodeWords.read {
            let parts = key.split(separator: ".").map(String.init)
            if case .range(let low, let high)? = ColumnRule.byTable[parts[0]]?[parts[1]] {
                // A number column read from words (the rating's 一级 … 五级): each word is a number in range.
                for (word, code) in words { XCTAssertTrue(Double(code).map { $0 >= low && $0 <= (high ?? .infinity) } == true, "\(key): \(word) → \(code)") }
                continue
            }
            guard case .oneOf(let codes)? = ColumnRule.byTable[parts[0]]?[parts[1]] else { XCTFail("\(key) has no list of codes"); continue }
            for (word, code) in words { XCTAssertTrue(codes.contains(code), "\(key): \(word) → \(code)") }
        }
    }

    func testEveryCheckOfTheSchemaIsStatedInSwift() {
        for (table, columns) in columnLines {
            for (column, line) in columns where line.contains("CHECK") {
                // `name <> ''`: an empty (trimmed) cell is NULL, which NOT NULL refuses.
                if line.contains("<> ''") { continue }
                XCTAssertNotNil(ColumnRule.byTable[table]?[column], "\(table).\(column): \(line)")
            }
        }
        for (table, rules) in ColumnRule.byTable {
            for (column, rule) in rules {
                let line = columnLines[table]?[column] ?? ""
                XCTAssertTrue(line.contains("CHECK"), "\(table).\(column) has a rule but no CHECK")
                if case .oneOf(let codes) = rule {
                    XCTAssertEqual(line.components(separatedBy: "'").count / 2, codes.count, line)
                    for code in codes { XCTAssertTrue(line.contains("'\(code)'"), "\(code) not in \(line)") }
                }
                if case .range(let min, let max) = rule {
                    XCTAssertTrue(line.contains(min.plain) && (max.map { line.contains($0.plain) } ?? true), line)
                }
            }
        }
    }

    /// Schema.tables is the import order `yanglao init` prints: every table after the tables it refers to.
    func testTablesAreListedAfterTheTablesTheyReferTo() throws {
        for (table, columns) in columnLines {
            for line in columns.values {
                guard let range = line.range(of: "REFERENCES ") else { continue }
                let parent = String(line[range.upperBound...].prefix { $0 != "(" })
                XCTAssertLessThanOrEqual(Schema.tables.firstIndex(of: parent)!, Schema.tables.firstIndex(of: table)!, "\(table) → \(parent)")
            }
        }
    }
}
