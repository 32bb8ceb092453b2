import Foundation
import XCTest
import YanglaoMarkdown
import YanglaoSite
import YanglaoStore
import YanglaoValidation

/// Text that looks harmless in a spreadsheet but breaks what is built from it: invisible
/// control characters, addresses that would redirect the site, Markdown that imitates
/// what the renderer fills in.
final class UntrustedTextTests: XCTestCase {
    func header(_ table: String) -> String { Sample.header(table) }

    /// A credit record's reason as pasted from Word (a soft line break is U+000B).
    func creditRow(reason: String) -> String {
        var fields = Sample.tables["credit_records"]!.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[header("credit_records").split(separator: ",").firstIndex(of: "reason")!] = reason
        return fields.joined(separator: ",")
    }

    func testControlCharactersAreRefusedAtImportAndNamed() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for (text, named) in [("未按规定建立档案\u{0B}（整改中）", "U+000B (a vertical tab"), ("未按规定\u{00}建立档案", "U+0000 (a NUL"),
                              ("敬老院\u{202E}", "U+202E (a bidirectional control"), ("\u{1B}[2J清屏", "U+001B (an escape"),
                              ("尧都区\u{200B}安营镇", "U+200B (a zero-width character"), ("敬老院\u{FEFF}", "U+FEFF (a zero-width character")] {
            try ws.write(header("credit_records") + "\n" + creditRow(reason: text) + "\n", to: "c.csv")
            XCTAssertThrowsError(try TableImporter.run(database: db, table: "credit_records", file: ws.path("c.csv"))) { error in
                XCTAssertTrue("\(error)".contains("c.csv:2, column reason:") && "\(error)".contains(named), "\(error)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "nothing was written")
        // Tabs and line breaks inside a long text are ordinary.
        try ws.write(header("credit_records") + "\n" + creditRow(reason: "\"第一条\t说明\n第二条\"") + "\n", to: "ok.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "credit_records", file: ws.path("ok.csv")).updated, 1)
    }

    func testControlCharactersWrittenByAnotherToolStopTheBuild() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let raw = try Database(path: db, mode: .readWriteCreate)
        let id = String(Sample.tables["credit_records"]!.split(separator: "\n")[1].split(separator: ",")[0])
        // An embedded NUL, which a C string would silently cut at, and a vertical tab.
        try raw.execute("UPDATE credit_records SET reason = '前半' || char(0) || '后半' WHERE id = '\(id)'")
        try raw.execute("UPDATE institutions SET address = '曲沃县' || char(11) || '乐昌镇' WHERE id = '\(Sample.fushou)'")
        let findings = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertTrue(findings.contains { $0.table == "credit_records" && $0.row == id && $0.column == "reason" && $0.expected.contains("U+0000") }, "\(findings)")
        XCTAssertTrue(findings.contains { $0.table == "institutions" && $0.row == Sample.fushou && $0.column == "address" && $0.expected.contains("U+000B") }, "\(findings)")
        XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: ws.content(), output: ws.path("site"))))
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")))
    }

    /// A VLOOKUP that found nothing leaves "#N/A" in the cell: never a facility's name.
    func testSpreadsheetErrorValuesAreRefusedAtImportAndByValidate() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for value in ["#N/A", "#VALUE!", "#ref!", "#DIV/0!"] {
            try ws.write(header("credit_records") + "\n" + creditRow(reason: value) + "\n", to: "c.csv")
            XCTAssertThrowsError(try TableImporter.run(database: db, table: "credit_records", file: ws.path("c.csv"))) { error in
                XCTAssertTrue("\(error)".contains("c.csv:2, column reason:") && "\(error)".contains("not the spreadsheet error \(value)"), "\(error)")
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "nothing was written")
        // Text that merely starts with # is text.
        try ws.write(header("credit_records") + "\n" + creditRow(reason: "#3 楼消防通道堵塞") + "\n", to: "ok.csv")
        XCTAssertEqual(try TableImporter.run(database: db, table: "credit_records", file: ws.path("ok.csv")).updated, 1)
        // Written by another tool: validate names it, and the build refuses.
        try Database(path: db, mode: .readWriteCreate).execute("UPDATE institutions SET name = '#N/A' WHERE id = '\(Sample.fushou)'")
        let findings = try Validator.validate(DataStore(path: db)).filter { $0.severity == .error }
        XCTAssertTrue(findings.contains { $0.table == "institutions" && $0.row == Sample.fushou && $0.column == "name" && $0.expected.contains("VLOOKUP") }, "\(findings)")
    }

    func testTheByteScannerFindsExactlyTheForbiddenCharacters() {
        var mismatches: [UInt32] = []
        // Every scalar up to U+3000 and from U+FE00 to U+10000 (where the forbidden ones and
        // their UTF-8 neighbours are), and a spread of the rest.
        let values = Array(UInt32(0)...0x3000) + Array(UInt32(0xFE00)...0x10000) + Array(stride(from: UInt32(0x3001), to: 0x10FFFF, by: 97))
        for v in values {
            guard let c = Unicode.Scalar(v) else { continue }
            // Alone, and between text on both sides (the scanner looks ahead of lead bytes).
            for text in [String(c), "尧都" + String(c) + "x"] where (ControlCharacters.first(in: text) == c) != ControlCharacters.isForbidden(c) {
                mismatches.append(v)
            }
        }
        XCTAssertEqual(mismatches, [])
    }

    func testMessagesShowControlCharactersInsteadOfSendingThemToTheTerminal() {
        XCTAssertEqual(ControlCharacters.visible("2024\u{1B}[2J-01\u{07}"), "2024<U+001B>[2J-01<U+0007>")
        XCTAssertEqual(ControlCharacters.visible("第一行\n第二行\t完"), "第一行\n第二行\t完")
        XCTAssertEqual(ControlCharacters.visible("名称\u{202E}"), "名称<U+202E>")
        XCTAssertNil(ControlCharacters.first(in: "“引号”——全角，１２３\u{2028}"))
        XCTAssertEqual(ControlCharacters.first(in: "a\u{85}b"), "\u{85}")
        XCTAssertEqual(ControlCharacters.first(in: "x\u{FFFF}"), "\u{FFFF}")
        XCTAssertEqual(ControlCharacters.first(in: "\u{2066}x"), "\u{2066}")
        for zeroWidth in ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"] {
            XCTAssertEqual(ControlCharacters.first(in: "养老\(zeroWidth)院").map { String($0) }, zeroWidth)
            XCTAssertEqual(ControlCharacters.visible("养老\(zeroWidth)院"), "养老<\(ControlCharacters.describe(zeroWidth.unicodeScalars.first!).prefix(6))>院")
        }
        XCTAssertNil(ControlCharacters.first(in: "\u{2010}\u{2026}\u{200A}\u{2070}\u{00AC}\u{00AE}"), "neighbours of the refused characters are text")
    }

    func testMetaValuesAreReadAsExcelWritesThemAndTheSiteAddressIsAHostOnly() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        try ws.write("key,value\ndata_as_of,2025/6/30\nsample,FALSE\n", to: "m.csv")
        _ = try TableImporter.run(database: db, table: "meta", file: ws.path("m.csv"))
        let meta = try DataStore(path: db).metaEntries()
        XCTAssertEqual(meta.first { $0.key == "data_as_of" }?.value, "2025-06-30")
        XCTAssertEqual(meta.first { $0.key == "sample" }?.value, "false")
        try ws.write("key,value\nsample,是\n", to: "s.csv")
        _ = try TableImporter.run(database: db, table: "meta", file: ws.path("s.csv"))
        XCTAssertEqual(try DataStore(path: db).metaEntries().first { $0.key == "sample" }?.value, "true")
        for bad in ["https://example.gov.cn/yanglao/", "javascript:alert(1)//", "\"https://x.gov.cn\nDisallow: /\"", "example.gov.cn"] {
            try ws.write("key,value\nsite_url,\(bad)\n", to: "u.csv")
            XCTAssertThrowsError(try TableImporter.run(database: db, table: "meta", file: ws.path("u.csv")), bad) { error in
                XCTAssertTrue("\(error)".contains("host only"), "\(error)")
            }
        }
        for good in ["https://mzj.example.gov.cn", "http://10.1.2.3:8080/", "HTTPS://MZJ.Example.GOV.CN", "http://[::1]:8080", "https://xn--fiqs8s.xn--fiqs8s"] {
            XCTAssertTrue(SiteMeta.isHostAddress(good), good)
        }
        for bad in ["https://mzj.example.gov.cn:99999", "https://政府.中国", "ftp://example.gov.cn", "https://-x.gov.cn"] {
            XCTAssertFalse(SiteMeta.isHostAddress(bad), bad)
        }
        // Stored with scheme and host in lower case, so every address built from it is one.
        try ws.write("key,value\nsite_url,HTTPS://MZJ.Example.GOV.CN\n", to: "up.csv")
        _ = try TableImporter.run(database: db, table: "meta", file: ws.path("up.csv"))
        XCTAssertEqual(try DataStore(path: db).metaEntries().first { $0.key == "site_url" }?.value, "https://mzj.example.gov.cn")
    }

    func testABaseURLThatIsNotAPathOrAnAddressIsRefused() throws {
        let ws = try Workspace(self)
        let db = try ws.database()
        for bad in ["javascript:alert(1)//", "//evil.example/", "/a b/", "/\"x/", "https://x.gov.cn\"/", "/../", "/a/./b/", "https://x.gov.cn:70000/"] {
            XCTAssertThrowsError(try Publisher.build(BuildOptions(database: db, content: ws.content(), output: ws.path("site"), baseURL: bad)), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("--base-url \(bad): expected a path"), "\(error)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("site")))
        let site = try XCTUnwrap(try Publisher.build(BuildOptions(database: db, content: ws.content(), output: ws.path("site"),
                                                                  baseURL: "HTTPS://MZJ.example.gov.cn/yang-lao/")))
        XCTAssertGreaterThan(site.pages, 0)
        let home = try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains(#"<link rel="canonical" href="https://mzj.example.gov.cn/yang-lao/">"#), "scheme and host lowercased")
    }

    func testOneHugeWordDoesNotMultiplyTheSearchIndex() throws {
        let ws = try Workspace(self)
        // As long as a cell may be (a paragraph column's limit, `TextLimit.paragraph`).
        let word = "按月" + String(repeating: "a", count: TextLimit.paragraph - 2)
        let db = try ws.database("big.sqlite", ["services": replacingRow("services", id: "S2", with: "S2,2,80周岁及以上老年人,高龄补助,\(word),material,市民政局,1,141000")])
        let site = try ws.buildSite(db: db)
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/meta.json"))) as! [String: Int]
        XCTAssertLessThanOrEqual(meta["shards"]!, 4, "the word's shard holds it alone, however large")
    }

    func testAnEmbedIsFilledWhereItStandsNotWhereACodeSampleLooksLikeIt() {
        let markdown = """
            # 示例

            ```indicators note
            0
            ```

            脚注[^a]。

            [^a]: 注释

                ```
                1
                ```

            ## 实时指标

            ```indicators
            beds_total
            ```
            """
        let r = MarkdownRenderer.render(markdown, embedKinds: ["indicators"])
        XCTAssertEqual(r.embeds.map(\.body), ["beds_total\n"])
        let marker = r.embeds[0].marker
        let sample = r.html.range(of: "<code>0\n</code>")
        let filled = r.html.range(of: marker)
        XCTAssertNotNil(sample, "the code sample stays as it is: \(r.html)")
        XCTAssertNotNil(filled)
        XCTAssertLessThan(r.html.range(of: "实时指标")!.lowerBound, filled!.lowerBound, "the marker stands under its own heading")
    }

    func testHeadingsNeverTakeTheFootnotesIDs() {
        let r = MarkdownRenderer.render("## fn-note\n\n正文[^note]。\n\n## fnref-note\n\n[^note]: 注释\n")
        let ids = r.html.matches(of: #/id="([^"]+)"/#).map { String($0.1) }
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique: \(ids)")
        XCTAssertTrue(ids.contains("fn-note"))
    }
}
