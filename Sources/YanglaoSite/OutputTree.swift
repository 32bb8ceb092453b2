import Crypto
import Foundation
import YanglaoOpenData
#if canImport(Glibc)
import Glibc
#endif

/// Every file of a build goes through here, so a rebuild can leave unchanged
/// files untouched, keeping their inode and modification time, so rsync and
/// CDNs upload only what changed. Two ways:
///
/// - a whole tree (the first build or a new data date; `overlay` false): a file whose bytes
///   equal the previous build's is hard-linked from the previous output, and
///   the finished tree replaces the output;
/// - an overlay (a rebuild with the same data date): the staging folder receives only the files that
///   changed or are new, which are then renamed into the output in place
///   (`StagingFolder.commit`), so a small change costs a few files instead of
///   linking and later removing every file of a national site.
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
    /// Only changed and new files are staged (see above).
    let overlay: Bool
    /// Files of the previous build that this one does not write; set by `finish()`.
    private(set) var removedPaths: [String] = []
    /// The previous build's sums by path key (see `ByteKey`): 50 bytes a file
    /// instead of a string per path, so a national rebuild stays under 1 GiB.
    private let oldManifest: [ByteKey: Sum]
    private let lock = NSLock()
    private var manifest = ManifestEntries()
    /// Folders known to exist (relative); saves a system call per file.
    private var folders: Set<String> = [""]
    private var writtenCount = 0
    private var unchangedCount = 0
    var written: Int { lock.withLock { writtenCount } }
    var unchanged: Int { lock.withLock { unchangedCount } }

    /// `root` open as a folder: files and folders are made relative to it.
    private let rootFolder: Int32

    init(root: String, previous: String, overlay: Bool = false) {
        self.root = root
        // Made by the staging folder before; if it cannot be opened, every write reports the path.
        rootFolder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        self.previous = previous
        self.overlay = overlay
        var old: [ByteKey: Sum] = [:]
        Self.forEachManifestLine(previous) { sum, path in
            if let sum = Sum(hex: sum) { old[ByteKey(path)] = sum }
        }
        oldManifest = old
    }

    deinit { if rootFolder >= 0 { Glibc.close(rootFolder) } }

    /// Writes `text` at `relative` (creating folders), or links the previous file when identical.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        try Interruption.check()
        let sha = Sum(SHA256.hash(data: bytes))
        let old = record(relative, sha)
        if old == sha {
            if overlay {
                // Unchanged and still there (someone may have deleted it by hand): nothing to stage.
                if access(previous + "/" + relative, F_OK) == 0 { lock.withLock { unchangedCount += 1 }; return }
            } else {
                try makeFolder(parent(of: relative))
                if link(relative) { lock.withLock { unchangedCount += 1 }; return }
            }
        }
        try makeFolder(parent(of: relative))
        try OutputFile.create(in: rootFolder, relative, bytes: bytes, shown: self.root + "/" + relative)
        lock.withLock { writtenCount += 1 }
    }

    /// Keeps the previous build's files at `paths` as they are, without their bytes (a rebuild in
    /// place whose inputs for them did not change, `RenderMemo`): true when every one is in the
    /// previous manifest and still there, and then they count as unchanged; else nothing is noted
    /// and the caller writes them.
    func keep(_ paths: [String]) -> Bool {
        guard overlay else { return false }
        var sums: [Sum] = []
        for relative in paths {
            var path = relative
            guard let sum = path.withUTF8({ oldManifest[ByteKey($0)] }), access(previous + "/" + relative, F_OK) == 0 else { return false }
            sums.append(sum)
        }
        for (relative, sum) in zip(paths, sums) { _ = record(relative, sum) }
        lock.withLock { unchangedCount += paths.count }
        return true
    }

    /// Takes over a file already written at `relative` with checksum `sha`:
    /// when the previous build had the same bytes, its file replaces the new one.
    func adopt(_ relative: String, sha hex: String) throws {
        guard let sha = Sum(hex: hex) else { preconditionFailure("not a SHA-256: \(hex)") }
        let old = record(relative, sha)
        if old == sha, overlay, access(previous + "/" + relative, F_OK) == 0 {
            try FileManager.default.removeItem(atPath: root + "/" + relative)
            lock.withLock { unchangedCount += 1 }
            return
        }
        // The previous file, when it is still there (someone may have deleted it by hand: the
        // new one then stays), replaces the new one: same bytes, and its inode and dates kept.
        if old == sha, !overlay, access(previous + "/" + relative, F_OK) == 0 {
            let kept = root + "/" + relative + ".yl-new"
            try FileManager.default.moveItem(atPath: root + "/" + relative, toPath: kept)
            if link(relative) {
                try FileManager.default.removeItem(atPath: kept)
                lock.withLock { unchangedCount += 1 }
                return
            }
            try FileManager.default.moveItem(atPath: kept, toPath: root + "/" + relative)
        }
        lock.withLock { writtenCount += 1 }
    }

    /// Notes a file placed by a hard link to another one of this build (`data/latest/`):
    /// it is in the manifest like any file, so it is counted, and removed when no longer published.
    func noteLinked(_ relative: String, sha hex: String) {
        guard let sha = Sum(hex: hex) else { preconditionFailure("not a SHA-256: \(hex)") }
        let old = record(relative, sha)
        lock.withLock { if old == sha { unchangedCount += 1 } else { writtenCount += 1 } }
    }

    /// Notes `relative` with its sum in the new manifest; returns the previous build's sum.
    private func record(_ relative: String, _ sha: Sum) -> Sum? {
        var path = relative
        return path.withUTF8 { bytes in
            let key = ByteKey(bytes)
            return lock.withLock {
                manifest.append(bytes, sha)
                return oldManifest[key]
            }
        }
    }

    /// Calls `body` with the sum (64 hex digits) and path of each line
    /// "<sum>  <path>" of the manifest in `folder`, read as bytes in place.
    static func forEachManifestLine(_ folder: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName) else { return }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                if end - start > 66, bytes[start + 64] == 0x20, bytes[start + 65] == 0x20 {
                    body(UnsafeBufferPointer(rebasing: bytes[start..<start + 64]), UnsafeBufferPointer(rebasing: bytes[start + 66..<end]))
                }
                start = end + 1
            }
        }
    }

    /// Where the current version of `relative` is: staged when it was written
    /// by this build, else (an overlay's unchanged file) in the previous output.
    func source(_ relative: String) -> String {
        let staged = root + "/" + relative
        return !overlay || access(staged, F_OK) == 0 ? staged : previous + "/" + relative
    }

    static func sha256(_ text: String) -> String { OutputFile.sha256(bytes: Array(text.utf8)) }

    private func parent(of relative: String) -> Substring {
        guard let slash = relative.lastIndex(of: "/") else { return "" }
        return relative[..<slash]
    }

    /// Creates `relative` and its missing parents, once per folder per build.
    private func makeFolder(_ relative: Substring) throws {
        if lock.withLock({ folders.contains(String(relative)) }) { return }
        if mkdirat(rootFolder, String(relative), 0o755) != 0 {
            switch errno {
            case EEXIST: break
            case ENOENT:
                try makeFolder(parent(of: String(relative)))
                if mkdirat(rootFolder, String(relative), 0o755) != 0, errno != EEXIST { throw folderError(relative) }
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

    /// Files of the previous output that no build wrote (not in its manifest), such as a
    /// search engine's verification page or a PDF put there by hand; relative paths,
    /// sorted. A whole tree replaces the output, so `carry` brings them along rather than
    /// lose them. Empty for an overlay (it touches only the build's own files) and when
    /// the previous output has no manifest (nothing then says which files are whose).
    /// Reads only the previous output: it may run while the build writes.
    func foreignFiles() -> [String] {
        guard !overlay, !oldManifest.isEmpty else { return [] }
        var found: [String] = []
        func walk(_ relative: String) {
            guard let dir = opendir(relative.isEmpty ? previous : previous + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = TreeRemover.entryName(entry)
                if name == "." || name == ".." || Self.litter.contains(name) { continue }
                if relative.isEmpty, name == Self.manifestName || StagingFolder.keptEntries.contains(name) { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                // The entry's type as the folder gives it (no system call per file), asked for only where it does not.
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var st = stat()
                    guard lstat(previous + "/" + path, &st) == 0 else { continue }
                    isFolder = st.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder {
                    // Releases and corrections are outside the manifest and carried by `ReleaseArchive` itself.
                    if path != "data/releases", path != "data/corrections" { walk(path) }
                } else {
                    var p = path
                    if p.withUTF8({ oldManifest[ByteKey($0)] }) == nil { found.append(path) }
                }
            }
        }
        walk("")
        return found.sorted()
    }

    /// Hard-links `paths` (from `foreignFiles`) from the previous output into the new
    /// tree, outside the manifest (they stay foreign), except where this build wrote a
    /// file of its own; returns those carried.
    func carry(_ paths: [String]) throws -> [String] {
        var carried: [String] = []
        for path in paths {
            var st = stat()
            if lstat(root + "/" + path, &st) == 0 { continue }
            try makeFolder(parent(of: path))
            if !link(path) { try FileManager.default.copyItem(atPath: previous + "/" + path, toPath: root + "/" + path) }
            carried.append(path)
        }
        return carried
    }

    /// What a desktop leaves in folders (not worth carrying or warning about).
    static let litter: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini"]

    /// Writes the manifest, sorted by path; returns how many files of the previous build are gone.
    func finish() throws -> Int {
        let f = try OutputFile(path: root + "/" + Self.manifestName)
        var line: [UInt8] = []
        var current: Set<ByteKey> = []
        current.reserveCapacity(manifest.count)
        try manifest.forEachSorted { path, sum in
            line.removeAll(keepingCapacity: true)
            sum.appendHex(to: &line)
            line.append(0x20); line.append(0x20)
            line.append(contentsOf: path)
            line.append(0x0A)
            try f.write(bytes: line)
            current.insert(ByteKey(path))
        }
        try f.close()
        // The paths of removed files, from the previous manifest's text (it holds only keys in memory).
        removedPaths = []
        Self.forEachManifestLine(previous) { _, path in
            if !current.contains(ByteKey(path)) { removedPaths.append(String(decoding: path, as: UTF8.self)) }
        }
        return removedPaths.count
    }
}

/// The files of a build in the order written: paths in one byte array, so
/// 800 000 of them cost their bytes and not a string each.
struct ManifestEntries {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var sums: [Sum] = []
    var count: Int { sums.count }

    mutating func append(_ path: UnsafeBufferPointer<UInt8>, _ sum: Sum) {
        bytes.append(contentsOf: path)
        ends.append(bytes.count)
        sums.append(sum)
    }

    /// Calls `body` for each path in byte order; a path written twice counts once, with its last sum.
    func forEachSorted(_ body: (UnsafeBufferPointer<UInt8>, Sum) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            func path(_ n: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: all[(n == 0 ? 0 : ends[n - 1])..<ends[n]])
            }
            func less(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
                let common = min(a.count, b.count)
                let c = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return c != 0 ? c < 0 : a.count < b.count
            }
            // Stable by position, so the last of equal paths is found last.
            let order = (0..<count).sorted { x, y in
                let a = path(x), b = path(y)
                return less(a, b) || (!less(b, a) && x < y)
            }
            for (k, n) in order.enumerated() {
                if k + 1 < order.count, !less(path(n), path(order[k + 1])) { continue }
                try body(path(n), sums[n])
            }
        }
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

    init?(hex: String) {
        var text = hex
        guard let sum = text.withUTF8({ Sum(hex: $0) }) else { return nil }
        self = sum
    }

    init?(hex u: UnsafeBufferPointer<UInt8>) {
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

    func appendHex(to out: inout [UInt8]) {
        for w in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 60, through: 0, by: -4) {
                let v = UInt8((w >> UInt64(shift)) & 15)
                out.append(v < 10 ? 0x30 + v : 0x57 + v)
            }
        }
    }

    /// The 32 bytes, in order.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var big = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return try withUnsafeBytes(of: &big) { try body($0) }
    }

    static func == (a: Sum, b: Sum) -> Bool { a.words == b.words }
    func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }
}
