import XCTest
@testable import YanglaoOpenData
@testable import YanglaoSite
import YanglaoStore

/// The catalogue warns where a national dataset outgrows an Excel worksheet.
final class DataPageTests: XCTestCase {
    func testADatasetLongerThanAnExcelSheetSaysSo() throws {
        let meta = try SiteMeta(entries: [
            ("title", "站名"), ("publisher", "发布单位"), ("licence", "CC BY 4.0"), ("contact", "联系"),
            ("data_as_of", "2024-12-31"), ("sample", "false"),
        ])
        let context = SiteContext(meta: meta, baseURL: "/", regions: [])
        let page = DataPage(context: context, layout: Layout(context: context))
        func dataset(rows: Int) -> PublishedDataset {
            PublishedDataset(dataset: Datasets.creditRecords, rows: rows, files: [], examples: [])
        }
        XCTAssertTrue(page.datasetPage(dataset(rows: 1_048_576), releases: []).contains("超过 Excel 一个工作表的上限"))
        XCTAssertFalse(page.datasetPage(dataset(rows: 1_048_575), releases: []).contains("超过 Excel"), "a full sheet still opens whole")
        XCTAssertEqual(DataPage.excelWarnings([dataset(rows: 2_000_000), dataset(rows: 10)]).count, 1)
    }

    /// Links in the DCAT catalogue are resources ({"@id": …}), and a known licence is named by its address.
    func testTheCatalogueLinksAreResourcesAndTheLicenceIsItsAddress() throws {
        let meta = try SiteMeta(entries: [
            ("title", "站名"), ("publisher", "发布单位"), ("licence", "CC BY 4.0（署名 4.0 国际）"), ("contact", "联系"),
            ("data_as_of", "2024-12-31"), ("sample", "false"),
        ])
        let file = PublishedFile(name: "regions.csv", format: .csv, bytes: 10, sha256: String(repeating: "0", count: 64))
        let p = PublishedDataset(dataset: Datasets.regions, rows: 1, files: [file], examples: [])
        let dcat = DataPackage.dcat([p], meta: meta, url: { "https://example.org/data/" + $0 }).compact
        XCTAssertTrue(dcat.contains(#""dcat:downloadURL":{"@id":"https://example.org/data/regions.csv"}"#), dcat)
        XCTAssertTrue(dcat.contains(#""dct:license":{"@id":"https://creativecommons.org/licenses/by/4.0/"}"#), dcat)
        // Each release is a version of the datasets frozen in it; credit records are not frozen.
        let credit = PublishedDataset(dataset: Datasets.creditRecords, rows: 1, files: [], examples: [])
        let versioned = DataPackage.dcat([p, credit], meta: meta, url: { "https://example.org/data/" + $0 },
                                         releases: ["2024-06-30", "2024-12-31"], unversioned: ["credit-records"]).compact
        XCTAssertTrue(versioned.contains(#""dcat:hasVersion":[{"@id":"https://example.org/data/releases/2024-06-30/","dcat:version":"2024-06-30"},{"@id":"https://example.org/data/releases/2024-12-31/","dcat:version":"2024-12-31"}]"#), versioned)
        XCTAssertEqual(versioned.components(separatedBy: "dcat:hasVersion").count, 2, "only the regions dataset has versions")
        let schemaOrg = DataPackage.schemaOrg(p, meta: meta, pageURL: "https://example.org/data/regions/", url: { $0 }).compact
        XCTAssertTrue(schemaOrg.contains(#""license":"https://creativecommons.org/licenses/by/4.0/""#), schemaOrg)
        XCTAssertFalse(schemaOrg.contains("sha256"), "not a schema.org property")
    }
}
