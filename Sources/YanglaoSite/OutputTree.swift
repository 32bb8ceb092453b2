import Foundation
import Crypto
import YanglaoOpenData

/// Every file of a build goes through here, so a rebuild can leave unchanged
/// files untouched: a file whose bytes equal the previous build's is
/// hard-linked from the previous output instead of written, keeping its inode
/// and modification time, so rsync and CDNs upload only what changed.
///
/// `.yanglao-manifest` in the output lists every file with its SHA-256; it is
/// how the next build knows what the previous one wrote.
final class OutputTree {
    static let manifestName = ".yanglao-manifest"

    let root: String
    let previous: String
    private let oldManifest: [String: String]
    private var manifest: [String: String] = [:]
    private(set) var written = 0
    private(set) var unchanged = 0

    init(root: String, previous: String) {
        self.root = root
        self.previous = previous
        var old: [String: String] = [:]
        if let text = try? String(contentsOfFile: previous + "/" + Self.manifestName, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                if parts.count == 2 { old[String(parts[1])] = String(parts[0]) }
            }
        }
        oldManifest = old
    }

    /// Writes `text` at `relative` (creating folders), or links the previous file when identical.
    func write(_ relative: String, _ text: String) throws {
        let full = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let bytes = Array(text.utf8)
        let sha = Self.sha256(bytes)
        manifest[relative] = sha
        if oldManifest[relative] == sha, link(relative) { unchanged += 1; return }
        let file = try OutputFile(path: full)
        try file.write(bytes: bytes)
        try file.close()
        written += 1
    }

    /// Takes over a file already written at `relative` with checksum `sha`:
    /// when the previous build had the same bytes, its file replaces the new one.
    func adopt(_ relative: String, sha: String) throws {
        manifest[relative] = sha
        if oldManifest[relative] == sha {
            try FileManager.default.removeItem(atPath: root + "/" + relative)
            if link(relative) { unchanged += 1; return }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: root + "/" + relative])
        }
        written += 1
    }

    static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    private func link(_ relative: String) -> Bool {
        (try? FileManager.default.linkItem(atPath: previous + "/" + relative, toPath: root + "/" + relative)) != nil
    }

    /// Writes the manifest; returns how many files of the previous build are gone.
    func finish() throws -> Int {
        let lines = manifest.keys.sorted().map { "\(manifest[$0]!)  \($0)\n" }.joined()
        let f = try OutputFile(path: root + "/" + Self.manifestName)
        try f.write(lines)
        try f.close()
        return oldManifest.keys.filter { manifest[$0] == nil }.count
    }
}
