import Foundation
import YanglaoOpenData

/// The static search index, searched in the browser by `assets/site.js`.
///
/// Chinese has no spaces, so text is cut into character bigrams (and single
/// characters, for one-character queries); Latin letters and digits form
/// whole words. The same tokeniser runs in the browser. Postings are split
/// into shards by a hash of the token and documents into chunks, so a query
/// downloads only the few files it needs, however large the site.
final class SearchIndex {
    struct Document {
        let title: String
        let url: String
        let kind: String
        let detail: String
    }

    static let chunkSize = 200
    private var documents: [Document] = []
    private var postings: [String: [Int]] = [:]

    /// Adds a document; `title` tokens rank above `body` tokens.
    func add(title: String, body: String, url: String, kind: String, detail: String) {
        let id = documents.count
        documents.append(Document(title: title, url: url, kind: kind, detail: detail))
        let titleTokens = Set(Self.tokens(title))
        for token in titleTokens { postings[token, default: []].append(id * 2 + 1) }
        for token in Set(Self.tokens(body)).subtracting(titleTokens) { postings[token, default: []].append(id * 2) }
    }

    /// Lowercased, NFKC-normalised tokens: CJK unigrams and bigrams, Latin/digit words.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var cjk: [Character] = []
        var word = ""
        func flush() {
            for (i, c) in cjk.enumerated() {
                out.append(String(c))
                if i + 1 < cjk.count { out.append(String(c) + String(cjk[i + 1])) }
            }
            cjk.removeAll()
            if !word.isEmpty { out.append(word); word = "" }
        }
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            let v = scalar.value
            if (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                if !word.isEmpty { out.append(word); word = "" }
                cjk.append(Character(scalar))
            } else if (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) {
                if !cjk.isEmpty { let w = word; word = ""; flush(); word = w }
                word.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// FNV-1a over UTF-16 code units, as the browser computes it with charCodeAt.
    static func hash(_ token: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for unit in token.utf16 { h ^= UInt32(unit); h = h &* 16_777_619 }
        return h
    }

    /// Writes `search/meta.json`, `search/p-<shard>.json` and `search/d-<chunk>.json`.
    func write(to tree: OutputTree) throws {
        // About 800 tokens per shard keeps each file small on a phone.
        var shards = 1
        while postings.count / shards > 800 && shards < 4096 { shards *= 2 }
        var byShard: [[String]] = Array(repeating: [], count: shards)
        for token in postings.keys.sorted() { byShard[Int(Self.hash(token) % UInt32(shards))].append(token) }
        for (i, tokens) in byShard.enumerated() {
            let pairs: [(String, JSONValue)] = tokens.map { token in
                var last = 0
                let deltas: [JSONValue] = postings[token]!.map { v in defer { last = v }; return .int(v - last) }
                return (token, .array(deltas))
            }
            try tree.write("search/p-\(i).json", JSONValue.object(pairs).compact + "\n")
        }
        let chunks = (documents.count + Self.chunkSize - 1) / Self.chunkSize
        for c in 0..<max(chunks, 1) {
            let slice = documents[min(c * Self.chunkSize, documents.count)..<min((c + 1) * Self.chunkSize, documents.count)]
            let rows: [JSONValue] = slice.map { .array([.string($0.title), .string($0.url), .string($0.kind), .string($0.detail)]) }
            try tree.write("search/d-\(c).json", JSONValue.array(rows).compact + "\n")
        }
        try tree.write("search/meta.json", JSONValue.object([
            ("shards", .int(shards)), ("chunk", .int(Self.chunkSize)), ("documents", .int(documents.count)),
        ]).compact + "\n")
    }
}
