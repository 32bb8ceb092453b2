import Foundation
import XCTest
import YanglaoOpenData
import YanglaoStore
import YanglaoValidation
import ZIPFoundation

/// `yanglao export`, and the round trip staff make with it: export, correct in Excel, import.
final class TableExporterTests: XCTestCase {
    func stored(_ id: String, in db: String) throws -> Institution? {
        var found: Institution?
        try DataStore(path: db).forEachInstitution { if $0.id == id { found = $0 } }
        return found
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Every table exported and imported back as it is: every row unchanged.
    /// An export holds what the site withholds: never written into a published site, which
    /// a build would keep and a deploy would upload.
    func testAnExportIntoThePublishedSiteIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        XCTAssertThrowsError(try TableExporter.exportAll(database: db, folder: site + "/backup")) {
            XCTAssertTrue("\($0)".contains("is inside the published site"), "\($0)")
        }
        XCTAssertThrowsError(try TableExporter.export(database: db, table: "credit_records", to: site + "/data/credit.csv"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site + "/backup"))
        XCTAssertNoThrow(try TableExporter.export(database: db, table: "credit_records", to: ws.path("credit.csv")))
    }

    func testEveryTableImportsBackUnchanged() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        for plain in [false, true] {
            for table in Schema.tables {
                let file = ws.path("\(table)-\(plain).csv")
                let exported = try TableExporter.export(database: db, table: table, to: file, plain: plain)
                let report = try TableImporter.run(database: db, table: table, file: file)
                XCTAssertEqual([report.inserted, report.updated], [0, 0], "\(table), plain \(plain)")
                XCTAssertEqual(report.unchanged, exported.rows, "\(table), plain \(plain)")
                XCTAssertEqual(exported.rows, try DataStore(path: db).count(table), table)
            }
        }
    }

    /// A folder of every table is what `yanglao load` reads: the new database holds the same rows.
    func testAFolderOfEveryTableLoadsIntoTheSameDatabase() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let written = try TableExporter.exportAll(database: db, folder: ws.path("copy"))
        XCTAssertEqual(written.map(\.table), Schema.tables)
        try DatabaseLoader.load(directory: ws.path("copy"), into: ws.path("copy.sqlite"))
        _ = try TableExporter.exportAll(database: db, folder: ws.path("a"), plain: true)
        _ = try TableExporter.exportAll(database: ws.path("copy.sqlite"), folder: ws.path("b"), plain: true)
        for table in Schema.tables {
            XCTAssertEqual(try text(ws.path("a/\(table).csv")), try text(ws.path("b/\(table).csv")), table)
        }
        // The stored form, exactly (codes, 1/0, no byte-order mark): the fixture's own rows.
        XCTAssertTrue(try text(ws.path("a/institutions.csv")).hasPrefix("id,name,region_code,category"))
        XCTAssertTrue(try text(ws.path("a/institutions.csv")).contains(
            "52141021MA0K00001W,曲沃县福寿养老院,141021,institution,private,曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,operating,100,60,80,10,6,1,contracted,1,2024-12-01,\r\n"))
    }

    /// The Excel file: a byte-order mark, the words the site shows, 是/否, codes made of digits kept
    /// as text, and text that a spreadsheet would run as a formula behind an apostrophe — all of
    /// which import reads back as stored, whether the file went through a spreadsheet or not.
    func testTheExcelFileReadsBackAsStored() throws {
        let ws = try Workspace(self)
        var institutions = Sample.tables["institutions"]!
        institutions = institutions.replacingOccurrences(of: "曲沃县乐昌镇1号", with: "=SUM(A1:A2)")
            .replacingOccurrences(of: "0357-1111111", with: "03571111111")
        let db = try ws.database("db.sqlite", ["institutions": institutions])
        // Text that starts with an apostrophe of its own (a file reads such a cell as a guard).
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET address = '''+86 写法' WHERE id = '\(Sample.kangle)'")
        let file = ws.path("机构.csv")
        try TableExporter.export(database: db, table: "institutions", to: file)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let csv = try text(file)
        // The header in Chinese, the names import reads.
        XCTAssertEqual(csv.split(separator: "\r\n").first.map { String($0.drop { $0 == "\u{FEFF}" }) },
                       "统一社会信用代码,机构名称,行政区划代码,类别,性质,地址,电话,纬度,经度,开业日期,状态,床位数,护理型床位数,在住老年人数,"
                       + "养老护理员人数,持证养老护理员人数,社会工作者人数,医养结合,有消防验收通过记录,信息更新日期,曾用名")
        XCTAssertTrue(csv.contains(#"52141021MA0K00001W,曲沃县福寿养老院,"=""141021""",养老机构,民办,'=SUM(A1:A2),"=""03571111111""",35.64,111.47,"=""2015-05-01""",运营中,100,60,80,10,6,1,与医疗机构签约合作,是,"=""2024-12-01""","#), csv)
        let report = try TableImporter.run(database: db, table: "institutions", file: file)
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 0, 4])
        // As a spreadsheet saves it again: the formula ="…" became its text, the apostrophe stayed.
        let saved = csv.replacingOccurrences(of: "\"=\"\"141021\"\"\"", with: "141021")
            .replacingOccurrences(of: "\"=\"\"03571111111\"\"\"", with: "03571111111")
        try ws.write(saved, to: "saved.csv")
        let again = try TableImporter.run(database: db, table: "institutions", file: ws.path("saved.csv"))
        XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, 4])
        let stored = try stored(Sample.fushou, in: db)
        XCTAssertEqual(stored?.address, "=SUM(A1:A2)")
        XCTAssertEqual(try self.stored(Sample.kangle, in: db)?.address, "'+86 写法", "text with an apostrophe of its own comes back as it was")
        XCTAssertEqual(stored?.phone, "03571111111")
    }

    /// A corrected cell is the one row the import changes.
    /// Code and phone columns are formatted as text, cells and whole columns: a code typed into a
    /// new row in Excel stays a code instead of becoming 1.21E+17.
    func testCodeAndPhoneColumnsOfAWorkbookAreText() throws {
        let ws = try Workspace(self)
        let path = ws.path("机构.xlsx")
        try TableExporter.export(database: try ws.database(), table: "institutions", to: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        func part(_ name: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try XCTUnwrap(archive[name])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        XCTAssertTrue(try part("xl/styles.xml").contains("<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"))
        let sheet = try part("xl/worksheets/sheet1.xml")
        // id (A), region_code (C) and phone (G) are text; name (B) and beds_total (L) are not.
        for column in [1, 3, 7] { XCTAssertTrue(sheet.contains("<col min=\"\(column)\" max=\"\(column)\" width="), sheet) }
        XCTAssertTrue(sheet.range(of: #"<col min="1" max="1" width="[0-9]+" style="2""#, options: .regularExpression) != nil, sheet)
        XCTAssertTrue(sheet.range(of: #"<col min="7" max="7" width="[0-9]+" style="2""#, options: .regularExpression) != nil, sheet)
        XCTAssertTrue(sheet.range(of: #"<col min="2" max="2" width="[0-9]+" customWidth"#, options: .regularExpression) != nil, sheet)
        XCTAssertTrue(sheet.contains("<c r=\"A2\" s=\"2\" t=\"inlineStr\">"), sheet)
        XCTAssertTrue(sheet.contains("<c r=\"B2\" t=\"inlineStr\">"), sheet)
    }

    func testACorrectionInTheExportIsTheOneRowUpdated() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let file = ws.path("i.csv")
        try TableExporter.export(database: db, table: "institutions", to: file)
        let csv = try text(file).replacingOccurrences(of: "运营中,100,60,", with: "运营中,110,60,")
        try ws.write(csv, to: "i.csv")
        let report = try TableImporter.run(database: db, table: "institutions", file: file)
        XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 1, 3])
        XCTAssertEqual(try stored(Sample.fushou, in: db)?.bedsTotal, 110)
    }

    /// An existing file may hold a corrected spreadsheet: it is replaced only when asked.
    func testAnExistingFileIsNotReplacedUnlessAsked() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("my corrections", to: "out/services.csv")
        XCTAssertThrowsError(try TableExporter.exportAll(database: db, folder: ws.path("out"))) {
            XCTAssertTrue("\($0)".contains("services.csv already exists; nothing was written"), "\($0)")
        }
        XCTAssertEqual(try text(ws.path("out/services.csv")), "my corrections")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("out/meta.csv")))
        _ = try TableExporter.exportAll(database: db, folder: ws.path("out"), overwrite: true)
        XCTAssertTrue(try text(ws.path("out/services.csv")).contains("特困人员供养"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ws.path("out")).filter { $0.hasPrefix(".") }, [],
                       "no temporary file left")
    }

    /// A name of a workbook kind export does not write (.xls) is refused; a missing folder is named as such.
    func testAWorkbookNameOrAMissingFolderIsRefusedPlainly() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        XCTAssertThrowsError(try TableExporter.export(database: db, table: "services", to: ws.path("s.xls"))) {
            XCTAssertTrue("\($0)".contains("export writes a CSV file or an .xlsx workbook; name it .xlsx or .csv"), "\($0)")
        }
        XCTAssertThrowsError(try TableExporter.export(database: db, table: "services", to: db, overwrite: true)) {
            XCTAssertTrue("\($0)".contains("is a SQLite database; nothing was written"), "\($0)")
        }
        XCTAssertNoThrow(try DataStore(path: db))
        XCTAssertThrowsError(try TableExporter.export(database: db, table: "services", to: ws.path("nodir/s.csv"))) {
            XCTAssertEqual("\($0)", "cannot write \(ws.path("nodir/s.csv")): No such file or directory (the folder does not exist)")
        }
    }

    /// Unlike the published datasets, an export holds what the site withholds (staff need it).
    func testAnExportHoldsEveryCreditRecordUnmasked() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try TableExporter.export(database: db, table: "credit_records", to: ws.path("c.csv"))
        let csv = try text(ws.path("c.csv"))
        for kept in [Sample.personName, Sample.expiredPenaltyNo, Sample.repairedPenaltyNo, "2024-09-01"] {
            XCTAssertTrue(csv.contains(kept), kept)
        }
    }
}

/// Counts and fines no row has are refused at import, as the build would refuse them.
final class PlausibleNumbersAtImportTests: XCTestCase {
    func testAPhoneNumberInABedCountIsRefusedBeforeAnythingIsWritten() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let row = Sample.row("institutions", Sample.fushou).replacingOccurrences(of: ",operating,100,60,", with: ",operating,13912345678,60,")
        try ws.write(Sample.header("institutions") + "\n" + row + "\n", to: "i.csv")
        for dryRun in [true, false] {
            XCTAssertThrowsError(try TableImporter.run(database: db, table: "institutions", file: ws.path("i.csv"), dryRun: dryRun,
                                                       extra: Validator.importRules)) {
                XCTAssertTrue("\($0)".contains("i.csv:2, column beds_total: 139****5678 is more than 20000; expected a count of at most 20000"), "\($0)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }
}

/// The files of the site's data catalogue, downloaded, corrected and imported.
final class PublishedFileImportTests: XCTestCase {
    func testPublishedInstitutionsAndRatingsImportUnchanged() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        for (table, dataset, rows) in [("institutions", "institutions", 4), ("ratings", "ratings", 2)] {
            for file in ["\(dataset).csv", "\(dataset)-excel.csv"] {
                let report = try TableImporter.run(database: db, table: table, file: "\(site)/data/\(file)")
                XCTAssertEqual([report.inserted, report.updated, report.unchanged], [0, 0, rows], file)
                // Named as the file names them.
                let extra = Schema.publishedOnlyColumns[table] ?? []
                XCTAssertEqual(report.ignoredColumns, file.contains("-excel") ? extra.map { Schema.publishedOnlyChinese[table]?[$0] ?? $0 } : extra, file)
            }
        }
        for (table, dataset) in [("regions", "regions"), ("region_stats", "region-stats"), ("services", "services"), ("observations", "observations")] {
            let report = try TableImporter.run(database: db, table: table, file: "\(site)/data/\(dataset)-excel.csv")
            XCTAssertEqual([report.inserted, report.updated], [0, 0], dataset)
            XCTAssertEqual(report.ignoredColumns, (Schema.publishedOnlyColumns[table] ?? []).map { Schema.publishedOnlyChinese[table]?[$0] ?? $0 }, dataset)
        }
    }

    /// The published credit file leaves records out and masks names: importing it is refused.
    func testThePublishedCreditFileIsRefusedWithTheReason() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for file in ["credit-records.csv", "credit-records-excel.csv"] {
            XCTAssertThrowsError(try TableImporter.run(database: db, table: "credit_records", file: "\(site)/data/\(file)")) {
                XCTAssertTrue("\($0)".contains("this is the credit-records file published on the site"), "\(file): \($0)")
                XCTAssertTrue("\($0)".contains("yanglao export --db DATABASE credit_records FILE"), "\(file): \($0)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
    }

    /// Only the published extra columns are skipped: another unknown column is still an error,
    /// so a misspelt column never loses its values silently.
    func testAnUnknownColumnIsStillRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write(Sample.header("ratings") + ",state,note\n" + Sample.row("ratings", "R1") + ",current,x\n", to: "r.csv")
        XCTAssertThrowsError(try TableImporter.run(database: db, table: "ratings", file: ws.path("r.csv"))) {
            XCTAssertTrue("\($0)".contains("not columns of this table: note"), "\($0)")
        }
    }

    /// The Excel file's header is the fields' Chinese titles, and import reads each title as its
    /// field: a table's column by the first of its Chinese names, an extra column by the name
    /// import skips.
    func testTheExcelHeaderIsInChineseAndImportReadsIt() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        for d in Datasets.all {
            let excel = try Data(contentsOf: URL(fileURLWithPath: "\(site)/data/\(d.name)-excel.csv")).dropFirst(3)
            let header = String(decoding: excel, as: UTF8.self).split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
            XCTAssertEqual(header, d.fields.map(\.title).joined(separator: ","), d.name)
            XCTAssertEqual(Set(d.fields.map(\.title)).count, d.fields.count, "\(d.name): two columns under one name")
        }
        for (table, dataset) in [("institutions", Datasets.institutions), ("ratings", Datasets.ratings), ("regions", Datasets.regions),
                                 ("region_stats", Datasets.regionStats), ("services", Datasets.services), ("observations", Datasets.observations),
                                 ("credit_records", Datasets.creditRecords)] {
            for f in dataset.fields {
                if let names = Schema.chineseHeaders[table]?.first(where: { $0.key == f.name })?.value {
                    XCTAssertEqual(f.title, names.first, "\(dataset.name).\(f.name)")
                } else if table != "credit_records" {
                    XCTAssertEqual(Schema.publishedOnlyChinese[table]?[f.name], f.title, "\(dataset.name).\(f.name)")
                }
            }
        }
    }

    /// The list of columns import skips is the published datasets' extra columns, no more.
    func testSkippedColumnsAreExactlyThePublishedExtras() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let site = try ws.buildSite(db: db)
        let database = try Database(path: db, mode: .readOnly)
        for (table, dataset) in [("institutions", "institutions"), ("ratings", "ratings"), ("regions", "regions"),
                                 ("region_stats", "region-stats"), ("services", "services"), ("observations", "observations")] {
            let header = try String(contentsOfFile: "\(site)/data/\(dataset).csv", encoding: .utf8)
                .split(separator: "\r\n", maxSplits: 1).first.map { $0.split(separator: ",").map(String.init) } ?? []
            let columns = try database.columns(of: table).map(\.name)
            XCTAssertEqual(header.filter { !columns.contains($0) }, Schema.publishedOnlyColumns[table] ?? [], dataset)
            XCTAssertEqual(columns.filter { !header.contains($0) }, [], dataset)
        }
    }
}
