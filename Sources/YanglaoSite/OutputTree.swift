import Crypto
import Foundation
import YanglaoOpenData
#if canImport(Glibc)
import Glibc
#endif

/// Every file of a build goes through here, so a rebuild can leave unchanged
/// files untouched: a file whose bytes equal the previous build's is
/// hard-linked from the previous output instead of written, keeping its inode
/// and modification time, so rsync and CDNs upload only what changed.
///
/// `.yanglao-manifest` in the output lists every file with its SHA-256; it is
/// how the next build knows what the previous one wrote.
///
/// Safe to call from several threads: pages are rendered and written on all
/// cores. What a file contains never depends on the order of the calls, and
/// the manifest is written sorted.
final class OutputTree: @unchecked Sendable {
    static let manifestName = ".yanglao-manifest"

    let root: String
    let previous: String
    private let oldManifest: [String: Sum]
    private let lock = NSLock()
    private var manifest: [String: Sum] = [:]
    /// Folders known to exist (relative); saves a system call per file.
    private var folders: Set<String> = [""]
    private var writtenCount = 0
    private var unchangedCount = 0
    var written: Int { lock.withLock { writtenCount } }
    var unchanged: Int { lock.withLock { unchangedCount } }

    init(root: String, previous: String) {
        self.root = root
        self.previous = previous
        var old: [String: Sum] = [:]
        if let text = try? String(contentsOfFile: previous + "/" + Self.manifestName, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                if parts.count == 2, let sum = Sum(hex: parts[0]) { old[String(parts[1])] = sum }
            }
        }
        oldManifest = old
    }

    /// Writes `text` at `relative` (creating folders), or links the previous file when identical.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        try makeFolder(parent(of: relative))
        let sha = Sum(SHA256.hash(data: bytes))
        let old = lock.withLock { () -> Sum? in
            manifest[relative] = sha
            return oldManifest[relative]
        }
        if old == sha, link(relative) { lock.withLock { unchangedCount += 1 }; return }
        let file = try OutputFile(path: root + "/" + relative)
        try file.write(bytes: bytes)
        try file.close()
        lock.withLock { writtenCount += 1 }
    }

    /// Takes over a file already written at `relative` with checksum `sha`:
    /// when the previous build had the same bytes, its file replaces the new one.
    func adopt(_ relative: String, sha hex: String) throws {
        guard let sha = Sum(hex: hex[...]) else { preconditionFailure("not a SHA-256: \(hex)") }
        let old = lock.withLock { () -> Sum? in
            manifest[relative] = sha
            return oldManifest[relative]
        }
        if old == sha {
            try FileManager.default.removeItem(atPath: root + "/" + relative)
            if link(relative) { lock.withLock { unchangedCount += 1 }; return }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: root + "/" + relative])
        }
        lock.withLock { writtenCount += 1 }
    }

    static func sha256(_ text: String) -> String { OutputFile.sha256(bytes: Array(text.utf8)) }

    private func parent(of relative: String) -> Substring {
        guard let slash = relative.lastIndex(of: "/") else { return "" }
        return relative[..<slash]
    }

    /// Creates `relative` and its missing parents, once per folder per build.
    private func makeFolder(_ relative: Substring) throws {
        if lock.withLock({ folders.contains(String(relative)) }) { return }
        if mkdir(root + "/" + relative, 0o755) != 0 {
            switch errno {
            case EEXIST: break
            case ENOENT:
                try makeFolder(parent(of: String(relative)))
                if mkdir(root + "/" + relative, 0o755) != 0, errno != EEXIST { throw folderError(relative) }
            default: throw folderError(relative)
            }
        }
        _ = lock.withLock { folders.insert(String(relative)) }
    }

    private func folderError(_ relative: Substring) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: root + "/" + relative,
                                                 NSLocalizedDescriptionKey: "cannot create folder \(root)/\(relative): \(String(cString: strerror(errno)))"])
    }

    private func link(_ relative: String) -> Bool {
        Glibc.link(previous + "/" + relative, root + "/" + relative) == 0
    }

    /// Writes the manifest; returns how many files of the previous build are gone.
    func finish() throws -> Int {
        let lines = manifest.keys.sorted().map { "\(manifest[$0]!.hex)  \($0)\n" }.joined()
        let f = try OutputFile(path: root + "/" + Self.manifestName)
        try f.write(lines)
        try f.close()
        return oldManifest.keys.filter { manifest[$0] == nil }.count
    }
}

/// A SHA-256 held as four words instead of a 64-character string: a national
/// build keeps one per file (800 000 of them) for the manifest.
struct Sum: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    init(_ digest: SHA256.Digest) {
        var w: [UInt64] = [0, 0, 0, 0]
        for (k, byte) in digest.enumerated() { w[k / 8] = w[k / 8] << 8 | UInt64(byte) }
        words = (w[0], w[1], w[2], w[3])
    }

    init?(hex: Substring) {
        let u = Array(hex.utf8)
        guard u.count == 64 else { return nil }
        var w: [UInt64] = [0, 0, 0, 0]
        for (k, c) in u.enumerated() {
            let v: UInt64
            switch c {
            case 48...57: v = UInt64(c - 48)
            case 97...102: v = UInt64(c - 87)
            default: return nil
            }
            w[k / 16] = w[k / 16] << 4 | v
        }
        words = (w[0], w[1], w[2], w[3])
    }

    var hex: String {
        [words.0, words.1, words.2, words.3].map { w in
            let s = String(w, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }

    static func == (a: Sum, b: Sum) -> Bool { a.words == b.words }
    func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }
}
