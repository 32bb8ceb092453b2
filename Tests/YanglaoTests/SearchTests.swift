import Foundation
import XCTest
@testable import YanglaoSite

/// The static search index: Chinese cut into characters and pairs, Latin words whole.
final class SearchIndexTests: XCTestCase {
    func testTokensAreCharactersPairsAndWords() {
        XCTAssertEqual(SearchIndex.tokens("曲沃县"), ["曲", "曲沃", "沃", "沃县", "县"])
        XCTAssertEqual(SearchIndex.tokens("ＡＢＣ养老 0357-123"), ["abc", "养", "养老", "老", "0357", "123"])
    }

    /// Plain text skips Foundation's NFKC; the result must be what NFKC gives.
    func testTheFastNormalisationAgreesWithNFKC() {
        for text in ["临汾市尧都区福寿养老院（民办）、康乐“颐养”中心·二〇二四", "Hello World 0357", "ＡＢＣ①㍻ＦＵＬＬ", "〸〹〺", "㐀㐁 Ext-A", "\u{F900}\u{FA0E}"] {
            XCTAssertEqual(SearchIndex.normalized(text), text.precomposedStringWithCompatibilityMapping.lowercased(), text)
        }
        XCTAssertEqual(SearchIndex.tokens("康乐 ABC"), ["康", "康乐", "乐", "abc"])
    }

    func testHashMatchesTheBrowsersFNV1a() {
        // FNV-1a of UTF-16 "a" and of "养老", as the script computes them with Math.imul.
        XCTAssertEqual(SearchIndex.hash("a"), 0xE40C292C)
        XCTAssertEqual(SearchIndex.hash("养老"), 2_108_163_969)   // node: the script's hash("养老")
        XCTAssertEqual(SearchIndex.hash(""), 2_166_136_261)
    }

    /// Within a county, documents are numbered care homes first, the rated before the unrated
    /// (the browser fetches results in that order): 福寿养老院 (三级) before the unrated home of
    /// the same county, whose code sorts first.
    func testACountysRatedHomesComeFirstInTheIndex() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        var titles: [String] = []
        for n in 0... {
            let file = site + "/search/d-\(n).json"
            guard FileManager.default.fileExists(atPath: file) else { break }
            titles += (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [[Any]]).map { $0[0] as! String }
        }
        let rated = try XCTUnwrap(titles.firstIndex(of: "曲沃县福寿养老院"))
        let unrated = try XCTUnwrap(titles.firstIndex(of: Sample.scriptName))
        XCTAssertLessThan(rated, unrated, "\(titles)")
        XCTAssertLessThan(try XCTUnwrap(titles.firstIndex(of: "翼城县康乐养老中心")), try XCTUnwrap(titles.firstIndex { $0.hasPrefix("翼城县") && $0 != "翼城县康乐养老中心" && $0 != "翼城县" }))
    }

    func testThePublishedIndexFindsAnInstitutionByAFragmentOfItsName() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/meta.json"))) as! [String: Int]
        // The bytes of every block together, which tells the browser whether to read them all.
        let blockFiles = try FileManager.default.contentsOfDirectory(atPath: site + "/search").filter { $0.hasPrefix("b-") }
        XCTAssertEqual(meta["blocks"], try blockFiles.reduce(0) { $0 + (try Data(contentsOf: URL(fileURLWithPath: site + "/search/" + $1)).count) })
        let token = "福寿"
        let shard = Int(SearchIndex.hash(token) % UInt32(meta["shards"]!))
        let postings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/p-\(shard).json"))) as! [String: Any]
        let deltas = try XCTUnwrap(postings[token] as? [Int], "a short posting list is inline")
        var value = 0
        let docs = deltas.map { value += $0; return value >> 1 }
        let chunk = meta["chunk"]!
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/search/d-\(docs[0] / chunk).json"))) as! [[String]]
        let row = rows[docs[0] % chunk]
        XCTAssertEqual(row[0], "曲沃县福寿养老院")
        XCTAssertEqual(row[1], "institutions/\(Sample.fushou)/")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site + "/" + row[1] + "index.html"))
        // Its valid level with the day it ends: a reader on a later day sees whether it still holds.
        XCTAssertTrue(row[3].hasSuffix("三级（有效期至2026年2月28日）"), row[3])
        // …which the script reads from these words, and marks once the reader's today is past it.
        let said = try XCTUnwrap(row[3].firstMatch(of: /(有效期至(\d+)年(\d+)月(\d+)日)）/))
        XCTAssertEqual([String(said.2), String(said.3), String(said.4)], ["2026", "2", "28"])
        XCTAssertTrue(Script.js.contains(#"esc(r.detail.replace(/(有效期至(\d+)年(\d+)月(\d+)日)）/, pastEnd))"#))
        XCTAssertTrue(Script.js.contains("said + '，按今天的日期已过有效期）'"))
    }

    func testWithheldRecordsAreNotInTheSearchIndex() throws {
        let ws = try Workspace(self)
        let site = try ws.buildSite()
        for name in try FileManager.default.contentsOfDirectory(atPath: site + "/search") {
            let data = try Data(contentsOf: URL(fileURLWithPath: site + "/search/" + name))
            XCTAssertFalse(data.containsText(Sample.expiredPenaltyNo), name)
            XCTAssertFalse(data.containsText(Sample.personName), name)
        }
    }
}
