import XCTest
@testable import YanglaoOpenData
@testable import YanglaoSite
import YanglaoStore

/// The catalogue warns where a national dataset outgrows an Excel worksheet.
final class DataPageTests: XCTestCase {
    /// Pages fill a frame rendered once per navigation state: the bytes are those of rendering
    /// each page whole, whatever the text holds.
    func testTheFramedPageIsThePageRenderedWhole() throws {
        let odd = "A&B <i>\"引号\"</i> 'x'"
        let meta = try SiteMeta(entries: [
            ("title", "站名 " + odd), ("publisher", odd), ("licence", "CC BY 4.0"), ("contact", odd), ("description", odd),
            ("data_as_of", "2024-12-31"), ("sample", "true"), ("site_url", "https://example.org"),
        ])
        let context = SiteContext(meta: meta, baseURL: "/y&z/", regions: [])
        let layout = Layout(context: context)
        let sections = Layout.nav.map(\.path) + ["about/"]
        for (n, section) in sections.enumerated() {
            let path = section + "x/"
            let crumbs: [(String, String)] = [(odd, section), (odd, "")]
            let framed = layout.page(title: odd, path: path, breadcrumbs: crumbs, body: "<p>\(odd)</p>", head: "<meta name=\"x\">")
            // The site knows its address (site_url): each page names it as canonical.
            let head: HTML = "<link rel=\"canonical\" href=\"\(context.absoluteURL(path))\">\n<meta name=\"x\">"
            let whole = Layout.render(context: context, current: n, fullTitle: "\(odd) - \(meta.title)", description: odd,
                                      head: head, dataURL: context.absoluteURL(path),
                                      crumbs: layout.crumbs(crumbs), title: odd, body: "<p>\(odd)</p>")
            XCTAssertEqual(framed, whole, section)
            XCTAssertFalse(framed.contains("<i>"), "text is escaped")
        }
    }

    /// A policy's link from the root goes under the path the site lives at, however the base is given.
    func testTheBasePathIsThePathPartOfTheBaseURL() throws {
        let meta = try SiteMeta(entries: [("title", "站名"), ("publisher", "p"), ("licence", "l"), ("contact", "c"), ("data_as_of", "2024-12-31"), ("sample", "true")])
        for (base, path) in [("/", "/"), ("/yanglao", "/yanglao/"), ("https://mzj.example.gov.cn", "/"),
                             ("https://mzj.example.gov.cn/", "/"), ("https://mzj.example.gov.cn/a/b/", "/a/b/")] {
            XCTAssertEqual(SiteContext(meta: meta, baseURL: base, regions: []).basePath, path, base)
        }
    }

    /// The catalogue's page maker for a site of no regions.
    func dataPage() throws -> DataPage {
        let meta = try SiteMeta(entries: [
            ("title", "站名"), ("publisher", "发布单位"), ("licence", "CC BY 4.0"), ("contact", "联系"),
            ("data_as_of", "2024-12-31"), ("sample", "false"),
        ])
        let context = SiteContext(meta: meta, baseURL: "/", regions: [])
        return DataPage(context: context, layout: Layout(context: context))
    }

    func testADatasetLongerThanAnExcelSheetSaysSo() throws {
        let page = try dataPage()
        func dataset(rows: Int) -> PublishedDataset {
            PublishedDataset(dataset: Datasets.creditRecords, rows: rows, files: [], examples: [])
        }
        XCTAssertTrue(page.datasetPage(dataset(rows: 1_048_576), releases: []).contains("超过 Excel 一个工作表的上限"))
        XCTAssertFalse(page.datasetPage(dataset(rows: 1_048_575), releases: []).contains("超过 Excel"), "a full sheet still opens whole")
        XCTAssertEqual(DataPage.excelWarnings([dataset(rows: 2_000_000), dataset(rows: 10)]).count, 1)
    }

    /// The reading snippets: dates read as dates from the JSON too (in a way every pandas version
    /// keeps), and where the file holds more rows than the site's figures count, the filter that
    /// reproduces them, into a new name so `df` stays the whole file (tools/check_data.py runs them).
    func testTheReadingSnippetsParseDatesAndSayWhichRowsTheFiguresCount() throws {
        let page = try dataPage()
        func snippet(_ d: Dataset) -> String {
            page.datasetPage(PublishedDataset(dataset: d, rows: 1, files: [], examples: []), releases: [])
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
        let ratings = snippet(Datasets.ratings)
        XCTAssertTrue(ratings.contains(#"df[["rated_on", "valid_until", "withdrawn_on"]] = df[["rated_on", "valid_until", "withdrawn_on"]].apply(pd.to_datetime)"#), ratings)
        XCTAssertFalse(ratings.contains("convert_dates"), "deprecated in pandas 3")
        XCTAssertTrue(ratings.contains(#"current = df[df.state == "current"]"#), ratings)
        XCTAssertTrue(snippet(Datasets.institutions).contains(#"homes = df[(df.category == "institution") & (df.status != "closed")]"#))
        XCTAssertTrue(snippet(Datasets.indicators).contains(#"current = df.drop_duplicates(["indicator", "region_code"])"#))
    }

    /// The Data Package's licence `name` is an SPDX id or absent (the spec's rule), never free text.
    /// data/latest/ and data/releases/ are addresses readers type: each has a page (a server
    /// without folder listings would answer 403), listing every file SHA256SUMS lists, and the releases.
    func testTheLatestAndReleasesFoldersHaveAPage() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        let latest = try String(contentsOfFile: site + "/data/latest/index.html", encoding: .utf8)
        let sums = try String(contentsOfFile: site + "/data/latest/SHA256SUMS", encoding: .utf8)
        for line in sums.split(separator: "\n") where !line.hasSuffix("datapackage.json") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            let (sha, name) = (String(parts[0]), String(parts[1]))
            XCTAssertTrue(latest.contains("<a href=\"\(name)\">\(name)</a>") && latest.contains("<code class=\"hash\">\(sha)</code>"), name)
        }
        XCTAssertTrue(latest.contains("credit-records.csv"), "credit records are in the latest data")
        XCTAssertFalse(sums.contains("index.html"), "the page is not one of the data files")
        let releases = try String(contentsOfFile: site + "/data/releases/index.html", encoding: .utf8)
        XCTAssertTrue(releases.contains("<li><a href=\"2024-12-31/\">2024-12-31 版</a></li>"), releases)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site + "/data/releases/2024-12-31/index.html"))
    }

    func testTheDataPackageNamesALicenceOnlyByItsId() throws {
        XCTAssertEqual(DataPackage.licence("CC BY 4.0（署名 4.0 国际）").compact,
                       #"{"name":"CC-BY-4.0","title":"CC BY 4.0（署名 4.0 国际）","path":"https://creativecommons.org/licenses/by/4.0/"}"#)
        XCTAssertEqual(DataPackage.licence("本市开放数据许可协议 https://data.example.gov.cn/licence").compact,
                       #"{"title":"本市开放数据许可协议 https://data.example.gov.cn/licence","path":"https://data.example.gov.cn/licence"}"#)
        XCTAssertEqual(DataPackage.licence("本市开放数据许可协议").compact, #"{"title":"本市开放数据许可协议"}"#)
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
        // Each release is a version of each dataset frozen in it, a node of its own.
        let credit = PublishedDataset(dataset: Datasets.creditRecords, rows: 1, files: [], examples: [])
        let versioned = DataPackage.dcat([p, credit], meta: meta, url: { "https://example.org/data/" + $0 },
                                         releases: [("2024-06-30", ["regions"], [file], nil), ("2024-12-31", ["regions"], [file], "2025-01-20")],
                                         region: ("141000", "临汾市")).compact
        XCTAssertTrue(versioned.contains(#""dcat:hasVersion":[{"@id":"https://example.org/data/releases/2024-06-30/#regions","@type":"dcat:Dataset","dct:title""#), versioned)
        XCTAssertTrue(versioned.contains(#""dcat:version":"2024-06-30""#), versioned)
        XCTAssertTrue(versioned.contains(#""dcat:downloadURL":{"@id":"https://example.org/data/releases/2024-12-31/regions.csv"}"#), versioned)
        // DCAT-AP: every distribution has an access address; media type and format are links; the dataset is not its page.
        XCTAssertEqual(versioned.components(separatedBy: "\"dcat:accessURL\"").count, versioned.components(separatedBy: "\"dcat:Distribution\"").count)
        // …and its own licence (catalogue, datasets and distributions each name it).
        let distributions = versioned.components(separatedBy: "\"dcat:Distribution\"").count - 1
        XCTAssertEqual(versioned.components(separatedBy: #""dct:license":{"@id":"https://creativecommons.org/licenses/by/4.0/"}"#).count - 1,
                       1 + 2 + distributions)
        XCTAssertTrue(versioned.contains(#""dcat:mediaType":{"@id":"http://www.iana.org/assignments/media-types/text/csv"}"#), versioned)
        XCTAssertTrue(versioned.contains(#""dct:format":{"@id":"http://publications.europa.eu/resource/authority/file-type/CSV"}"#), versioned)
        XCTAssertTrue(versioned.contains(#""@id":"https://example.org/data/regions/#dataset""#), versioned)
        XCTAssertTrue(versioned.contains(#""dct:issued":{"@value":"2024-06-30","@type":"xsd:date"}"#), versioned)
        // A release archived with its day of publication (meta published_on) is issued on that day, not its data date.
        XCTAssertTrue(versioned.contains(#""dcat:version":"2024-12-31","dcat:landingPage":{"@id":"https://example.org/data/releases/2024-12-31/"},"dct:issued":{"@value":"2025-01-20","@type":"xsd:date"}"#), versioned)
        XCTAssertTrue(versioned.contains(#""dct:identifier":"GB/T 2260 141000""#), versioned)
        XCTAssertEqual(versioned.components(separatedBy: "dcat:hasVersion").count, 2, "credit records are in no release")
        let schemaOrg = DataPackage.schemaOrg(p, meta: meta, pageURL: "https://example.org/data/regions/", url: { $0 }).compact
        XCTAssertTrue(schemaOrg.contains(#""license":"https://creativecommons.org/licenses/by/4.0/""#), schemaOrg)
        XCTAssertFalse(schemaOrg.contains("sha256"), "not a schema.org property")
        XCTAssertTrue(schemaOrg.contains(#""temporalCoverage":"2024-12-31""#), schemaOrg)
        XCTAssertGreaterThanOrEqual(Datasets.all.map { $0.descriptionZH.count }.min()!, 50, "Google's Dataset description minimum")
    }
}

/// The Excel-oriented files write the words the data dictionary gives for each code.
final class ExcelWordsTests: XCTestCase {
    func testEveryCodedFieldHasAWordForEachValueAndTheDictionarySaysIt() {
        for dataset in Datasets.all {
            for field in dataset.fields where field.allowed != nil {
                let labels = field.labels ?? []
                XCTAssertEqual(labels.count, field.allowed?.count, "\(dataset.name).\(field.name) has a word for each value")
                for (code, word) in zip(field.allowed ?? [], labels) {
                    XCTAssertTrue(field.descriptionZH.contains("\(code) \(word)"), "\(dataset.name).\(field.name): the dictionary says \(code) \(word)")
                }
            }
        }
    }

    func testTheExcelFileWritesWordsAndYesNoAndTheRestAsThePlainFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yl-words-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = Dataset(name: "t", titleZH: "t", descriptionZH: "t", fields: [
            DatasetField("ownership", .string, title: "性质", "性质：public 公办、public_private 公建民营", allowed: ["public", "public_private"], labels: ["公办", "公建民营"]),
            DatasetField("ok", .boolean, title: "是否", "是否"),
            DatasetField("code", .string, title: "代码", "代码"),
        ], primaryKey: [])
        let writer = try DatasetWriter(dataset: dataset, directory: dir)
        try writer.append([.text("public_private"), .bool(true), .text("0351")])
        try writer.append([.text("unknown"), .bool(false), .null])
        _ = try writer.finish()
        let plain = try String(contentsOfFile: dir + "/t.csv", encoding: .utf8)
        let excel = try Data(contentsOf: URL(fileURLWithPath: dir + "/t-excel.csv"))
        XCTAssertEqual(plain, "ownership,ok,code\r\npublic_private,true,0351\r\nunknown,false,\r\n")
        XCTAssertEqual(Array(excel.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: excel.dropFirst(3), as: UTF8.self), "性质,是否,代码\r\n公建民营,是,\"=\"\"0351\"\"\"\r\nunknown,否,\r\n",
                       "a value without a word stays as it is")
    }
}

/// A release's data compared with the current files: same data written another way is no correction.
final class SameDataTests: XCTestCase {
    func testRowsAreComparedOnTheReleasesOwnFields() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yl-same-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func file(_ name: String, _ rows: [String]) throws -> String {
            let path = dir + "/" + name
            try ("[\n" + rows.joined(separator: ",\n") + "\n]\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let old = try file("old.json", [#"{"id":"A","value":1,"note":null}"#, #"{"id":"B","value":2,"note":"x"}"#])
        let wider = try file("wider.json", [#"{"id":"A","region_name":"尧都区","value":1,"note":null}"#, #"{"id":"B","region_name":"曲沃县","value":2,"note":"x"}"#])
        XCTAssertTrue(try ChangeSet.sameData(old: old, new: wider), "a column added: same data")
        XCTAssertTrue(try ChangeSet.sameData(old: old, new: old))
        let changed = try file("changed.json", [#"{"id":"A","value":1,"note":null}"#, #"{"id":"B","value":3,"note":"x"}"#])
        XCTAssertFalse(try ChangeSet.sameData(old: old, new: changed))
        let longer = try file("longer.json", [#"{"id":"A","value":1,"note":null}"#, #"{"id":"B","value":2,"note":"x"}"#, #"{"id":"C","value":3,"note":null}"#])
        XCTAssertFalse(try ChangeSet.sameData(old: old, new: longer))
        XCTAssertFalse(try ChangeSet.sameData(old: longer, new: old))
        let emptied = try file("emptied.json", [#"{"id":"A","value":1,"note":""}"#, #"{"id":"B","value":2,"note":"x"}"#])
        XCTAssertFalse(try ChangeSet.sameData(old: old, new: emptied), "null and empty text differ")
        let dropped = try file("dropped.json", [#"{"id":"A","value":1}"#, #"{"id":"B","value":2,"note":"x"}"#])
        XCTAssertFalse(try ChangeSet.sameData(old: old, new: dropped), "a field the release had is gone")
    }
}

/// A citation names a full address: the site's own when it is known; otherwise the path,
/// marked for the script to complete with the address the reader is on.
final class CitationAddressTests: XCTestCase {
    func testCitationsHoldTheSiteAddressOrAPathTheScriptCompletes() throws {
        func context(_ entries: [(String, String)]) throws -> SiteContext {
            let meta = try SiteMeta(entries: [("title", "站名"), ("publisher", "p"), ("licence", "l"), ("contact", "c"),
                                              ("data_as_of", "2024-12-31"), ("sample", "true")] + entries)
            return SiteContext(meta: meta, baseURL: "/yanglao/", regions: [])
        }
        XCTAssertEqual(DataPage.citedAddress(try context([("site_url", "https://mzj.example.gov.cn")]), "data/x.csv").raw,
                       "https://mzj.example.gov.cn/yanglao/data/x.csv")
        XCTAssertEqual(DataPage.citedAddress(try context([]), "data/x.csv").raw, "<span class=\"cite-url\">/yanglao/data/x.csv</span>")
        XCTAssertTrue(Script.js.contains("$$('.cite-url').forEach(function (e) { e.textContent = location.origin + e.textContent; })"))
    }
}

/// A correction's change list skips rows without a target by a byte search of each line.
final class ByteSearchTests: XCTestCase {
    func testANeedleIsFoundWhereverItStandsAndOnlyThere() {
        let needle = Array("\"target\":null".utf8)
        func found(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes { DatasetChange.contains($0, needle) } }
        XCTAssertTrue(found("\"target\":null"))
        XCTAssertTrue(found("{\"a\":\"x\",\"target\":null}"))
        XCTAssertTrue(found("{\"a\":\"\\\"t\",\"target\":null"), "at the very end")
        XCTAssertFalse(found("{\"target\":5,\"note\":\"target:null\"}"))
        XCTAssertFalse(found("\"target\":nul"), "shorter than the needle")
        XCTAssertFalse(found(""))
        XCTAssertFalse(found("\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\""), "many false starts")
    }
}
