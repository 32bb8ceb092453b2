import Foundation
import YanglaoOpenData

/// The static search index, searched in the browser by `assets/site.js`.
///
/// Chinese has no spaces, so text is cut into character bigrams (and single
/// characters, for one-character queries); Latin letters and digits form
/// whole words. The same tokeniser runs in the browser. Postings are split
/// into shards by a hash of the token, long posting lists into blocks and
/// documents into chunks, so a query downloads only the few files it needs,
/// however large the site (see `write(to:)`).
final class SearchIndex {
    struct Document {
        let title: String
        let url: String
        let kind: String
        let detail: String
        /// A warning shown with the result ("已列入黑名单"), usually empty.
        let warning: String
    }

    /// Documents per chunk file: results fetch one chunk per shown document at most.
    static let chunkSize = 50
    private let tree: OutputTree
    /// Documents of the chunk being filled; full chunks are written at once.
    private var documents: [Document] = []
    private var documentCount = 0
    /// Postings of CJK tokens by `Token` code (integers hash far faster than
    /// strings; a national index adds millions), and of Latin/digit words.
    private var postings: [UInt64: [UInt32]] = [:]
    private var wordPostings: [String: [UInt32]] = [:]

    init(tree: OutputTree) { self.tree = tree }

    /// What a document is, for ranking: places (a county's page) first, then facilities (what
    /// most visitors look for), then policies, indicators and the rest.
    enum Group { case place, other, facility }
    /// Documents are added places first and facilities last: the ids where the groups change.
    private var placesEnd: Int?
    private var facilitiesFrom: Int?

    /// Adds a document; `title` tokens rank above `body` tokens. Documents must come by
    /// `group`: places, other, facilities.
    func add(title: String, body: String, url: String, kind: String, detail: String, warning: String = "", group: Group = .other) throws {
        if group != .place, placesEnd == nil { placesEnd = documentCount }
        if group == .facility, facilitiesFrom == nil { facilitiesFrom = documentCount }
        precondition(group != .place || placesEnd == nil, "places come first")
        precondition(group == .facility || facilitiesFrom == nil, "facilities come last")
        let id = UInt32(documentCount)
        documentCount += 1
        documents.append(Document(title: title, url: url, kind: kind, detail: detail, warning: warning))
        let (titleCodes, titleWords) = Self.tokenCodes(title)
        let (bodyCodes, bodyWords) = Self.tokenCodes(group == .facility ? body : Self.withSynonyms(body))
        let codes = Set(titleCodes), words = Set(titleWords)
        for code in codes { postings[code, default: []].append(id * 2 + 1) }
        for word in words { wordPostings[word, default: []].append(id * 2 + 1) }
        for code in Set(bodyCodes).subtracting(codes) { postings[code, default: []].append(id * 2) }
        for word in Set(bodyWords).subtracting(words) { wordPostings[word, default: []].append(id * 2) }
        if documents.count == Self.chunkSize { try writeChunk() }
    }

    /// Words people search by that the documents say otherwise: a family types "失能" for what
    /// a services list calls "生活不能自理". Added to a body that has one and not the other.
    static let synonyms: [(said: String, searched: String)] = [("不能自理", "失能"), ("失能", "不能自理")]

    static func withSynonyms(_ body: String) -> String {
        var out = body
        for (said, searched) in synonyms where body.contains(said) && !body.contains(searched) { out += " " + searched }
        return out
    }

    private func writeChunk() throws {
        // [title, url, kind, detail] and, only when there is one, the warning.
        let rows: [JSONValue] = documents.map { d in
            .array([.string(d.title), .string(d.url), .string(d.kind), .string(d.detail)] + (d.warning.isEmpty ? [] : [.string(d.warning)]))
        }
        try tree.write("search/d-\((documentCount - 1) / Self.chunkSize).json", JSONValue.array(rows).compact + "\n")
        documents.removeAll(keepingCapacity: true)
    }

    /// The text of rendered HTML (cmark's output: well-formed tags, the basic entities),
    /// for indexing; words of adjacent blocks are kept apart by a space.
    static func plainText(_ html: String) -> String {
        var out = "", inTag = false
        out.reserveCapacity(html.utf8.count)
        for c in html {
            if c == "<" { inTag = true; out.append(" ") } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Lowercased, NFKC-normalised tokens: CJK unigrams and bigrams, Latin/digit words.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachToken(text, cjk: { out.append(Token.text($0)) }, word: { out.append($0) })
        return out
    }

    /// The same tokens, CJK ones as `Token` codes and words as strings.
    static func tokenCodes(_ text: String) -> (codes: [UInt64], words: [String]) {
        var codes: [UInt64] = [], words: [String] = []
        forEachToken(text, cjk: { codes.append($0) }, word: { words.append($0) })
        return (codes, words)
    }

    /// A CJK unigram or bigram as one integer: the scalar values, and bit 42 for a pair.
    enum Token {
        static func unigram(_ a: UInt32) -> UInt64 { UInt64(a) }
        static func bigram(_ a: UInt32, _ b: UInt32) -> UInt64 { 1 << 42 | UInt64(a) << 21 | UInt64(b) }
        static func text(_ code: UInt64) -> String {
            var s = String.UnicodeScalarView()
            if code & (1 << 42) != 0 { s.append(Unicode.Scalar(UInt32(code >> 21 & 0x1F_FFFF))!) }
            s.append(Unicode.Scalar(UInt32(code & 0x1F_FFFF))!)
            return String(s)
        }
    }

    private static func forEachToken(_ text: String, cjk emit: (UInt64) -> Void, word emitWord: (String) -> Void) {
        var run: [UInt32] = []
        var word = String.UnicodeScalarView()
        func flushRun() {
            for (i, c) in run.enumerated() {
                emit(Token.unigram(c))
                if i + 1 < run.count { emit(Token.bigram(c, run[i + 1])) }
            }
            run.removeAll(keepingCapacity: true)
        }
        func flushWord() { if !word.isEmpty { emitWord(String(word)); word = String.UnicodeScalarView() } }
        for scalar in normalized(text).unicodeScalars {
            let v = scalar.value
            if (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                flushWord()
                run.append(v)
            } else if (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) {
                // A word ends a CJK run but keeps its own letters.
                if !run.isEmpty { flushRun() }
                word.append(scalar)
            } else {
                flushRun(); flushWord()
            }
        }
        flushRun(); flushWord()
    }

    /// NFKC and lowercase. Text of ASCII, common CJK ideographs and the usual
    /// Chinese punctuation is already normal (NFKC leaves those ideographs
    /// alone, and the punctuation stays punctuation), so it skips Foundation.
    static func normalized(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { s in
            let v = s.value
            return v < 0x80 || (0x4E00...0x9FFF).contains(v) || (0x3001...0x3011).contains(v)
                || v == 0x00B7 || v == 0x2014 || v == 0x2018 || v == 0x2019 || v == 0x201C || v == 0x201D
        }
        return plain ? text.lowercased() : text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// FNV-1a over UTF-16 code units, as the browser computes it with charCodeAt.
    static func hash(_ token: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for unit in token.utf16 { h ^= UInt32(unit); h = h &* 16_777_619 }
        return h
    }

    /// Posting lists longer than this go to block files instead of the shard.
    static let inlineLimit = 256
    /// Postings per block file (about 10 KB of JSON).
    static let blockSize = 2048
    /// The largest shard file allowed, in bytes: a query of six tokens then
    /// fetches well under 200 KB of postings even on a national site.
    static let shardBudget = 12_000

    /// Writes `search/meta.json`, shards `search/p-<n>.json` (token → postings),
    /// blocks `search/b-<n>.json` of long posting lists, and document chunks
    /// `search/d-<n>.json`.
    ///
    /// A posting is `document × 2 + 1` for a title token, `document × 2` for a
    /// body token; lists are delta-encoded. A short list is inline in its shard;
    /// a long one is `{"n": count, "b": [[block, first posting], …]}`, so the
    /// browser fetches only the blocks around the documents it already has.
    func finish() throws {
        var blockNumber = 0, blockBytes = 0
        var all: [(token: String, list: [UInt32])] = postings.map { (Token.text($0.key), $0.value) }
        all += wordPostings.map { ($0.key, $0.value) }
        postings = [:]; wordPostings = [:]
        all.sort { $0.token < $1.token }
        // Each token's entry, `"token":postings`, encoded straight into one buffer (a national
        // index has millions: a JSON value and a string each made the allocator the bottleneck).
        var text: [UInt8] = []
        var entries: [(hash: UInt32, start: Int, end: Int)] = []
        entries.reserveCapacity(all.count)
        var block: [UInt8] = []
        for (token, list) in all {
            let start = text.count
            JSONFormat.appendString(token, to: &text)
            text.append(0x3A) // :
            if list.count <= Self.inlineLimit {
                Self.appendDeltas(list[...], to: &text)
            } else {
                text.append(contentsOf: #"{"n":"#.utf8)
                JSONFormat.appendDigits(list.count, to: &text)
                text.append(contentsOf: #","b":["#.utf8)
                for from in stride(from: 0, to: list.count, by: Self.blockSize) {
                    let slice = list[from..<min(from + Self.blockSize, list.count)]
                    block.removeAll(keepingCapacity: true)
                    Self.appendDeltas(slice, to: &block)
                    block.append(0x0A)
                    try tree.write("search/b-\(blockNumber).json", bytes: block)
                    blockBytes += block.count
                    if from > 0 { text.append(0x2C) }
                    text.append(0x5B)
                    JSONFormat.appendDigits(blockNumber, to: &text)
                    text.append(0x2C)
                    JSONFormat.appendDigits(Int(slice.first!), to: &text)
                    text.append(0x5D)
                    blockNumber += 1
                }
                text.append(contentsOf: "]}".utf8)
            }
            entries.append((Self.hash(token), start, text.count))
        }
        all = []
        // As many shards as it takes to keep the largest under the budget. A token whose
        // entry alone is over it (a 10 000-letter "word" in an address) is not counted:
        // no number of shards makes it fit, and more would only multiply files.
        var shards = 1
        // Twice as many shards as tokens is plenty for any spread; two huge entries that keep
        // landing together would otherwise double the count up to the cap.
        while shards < 1 << 16, shards < 2 * entries.count {
            var sizes = [Int](repeating: 0, count: shards)
            for e in entries where e.end - e.start < Self.shardBudget {
                sizes[Int(e.hash % UInt32(shards))] += e.end - e.start + 1
            }
            if sizes.max()! <= Self.shardBudget { break }
            shards *= 2
        }
        var byShard: [[Int]] = Array(repeating: [], count: shards)
        for (n, e) in entries.enumerated() { byShard[Int(e.hash % UInt32(shards))].append(n) }
        var shard: [UInt8] = []
        for (i, items) in byShard.enumerated() {
            shard.removeAll(keepingCapacity: true)
            shard.append(0x7B) // {
            for (k, n) in items.enumerated() {
                if k > 0 { shard.append(0x2C) }
                shard.append(contentsOf: text[entries[n].start..<entries[n].end])
            }
            shard.append(contentsOf: "}\n".utf8)
            try tree.write("search/p-\(i).json", bytes: shard)
        }
        if !documents.isEmpty || documentCount == 0 { try writeChunk() }
        try tree.write("search/meta.json", JSONValue.object([
            ("shards", .int(shards)), ("chunk", .int(Self.chunkSize)), ("documents", .int(documentCount)),
            ("places", .int(placesEnd ?? documentCount)), ("facilities", .int(facilitiesFrom ?? documentCount)),
            // All blocks together: a city's fit in one query's budget, so its searches read every block they need.
            ("blocks", .int(blockBytes)),
        ]).compact + "\n")
    }

    /// Postings as a JSON array of differences (`[5,2,9]` for 5, 7, 16): they ascend.
    private static func appendDeltas(_ list: ArraySlice<UInt32>, to out: inout [UInt8]) {
        out.append(0x5B)
        var last = 0
        for (k, v) in list.enumerated() {
            if k > 0 { out.append(0x2C) }
            JSONFormat.appendDigits(Int(v) - last, to: &out)
            last = Int(v)
        }
        out.append(0x5D)
    }
}
