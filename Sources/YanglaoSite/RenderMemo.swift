import Crypto
import Foundation
import YanglaoOpenData
import YanglaoStore
#if canImport(Glibc)
import Glibc
#endif

/// What each facility's page and JSON were last made from, so that a rebuild renders only
/// the facilities whose rows changed: at 400 000 facilities rendering and hashing every page
/// to find the few that differ took 15–20 of a correction's 65–80 seconds.
///
/// A facility's inputs are its row, its rating rows and the rows of its disclosed credit
/// records as stored (`Statement.appendRow`, every column, so a column added later is covered
/// without anyone remembering it; a withheld record changes nothing the site shows, so it
/// changes no digest either), behind a digest of everything else its page depends on (`global`): the
/// `meta` and `regions` tables, the base URL, the content pages linked from every page, the
/// reference day, and this program's file (another build of yanglao may render differently).
///
/// Kept beside the output (`.site.yanglao-inputs`, readable by its owner only), never in it: its
/// digests cover columns the site masks (a person's full name), so they are keyed with the
/// global digest, which the file names only by a digest of it; and it names this machine's
/// program file, while the published tree stays the same bytes wherever it is built. It holds for the
/// output it was written with only: it records that output's manifest (which every build
/// replaces, as a new file), so a site restored from a backup or built by another command is
/// rendered in full. It is removed before a build commits and written again after, so a build
/// killed in between leaves none rather than one that describes another site.
final class RenderMemo: @unchecked Sendable {
    static let version = "yanglao-inputs 1"

    /// Where the memo of `output` lives (`output` as `StagingFolder` resolved it).
    static func path(output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).yanglao-inputs"
    }

    let path: String
    private let output: String
    private let global: Sum
    /// The previous build's digests by facility id; empty when they cannot be trusted.
    private var previous: [ByteKey: Sum]
    /// This build's "<id> <digest>" lines, in the order the facilities are built, written as
    /// they come (a national memo is 34 MB) into a file beside the output's working folder;
    /// `save` ends it with the line naming what it holds for, and puts it in place.
    private let file: OutputFile
    private var line: [UInt8] = []
    private var failed = false

    /// `use`: whether the previous memo may be used at all (a rebuild in place; a whole new
    /// tree renders every page anyway). `temporary`: where this build's memo is written.
    init(output: String, use: Bool, global: Sum, temporary: String) throws {
        self.output = output
        self.global = global
        path = Self.path(output: output)
        file = try OutputFile(path: temporary)
        // Readable by its owner only: it digests columns the site masks.
        chmod(temporary, 0o600)
        var old: [ByteKey: Sum] = [:]
        if use, let data = FileManager.default.contents(atPath: path) {
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                // The last line names the program, data and output the memo holds for.
                var end = bytes.count
                if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
                var last = end
                while last > 0, bytes[last - 1] != 0x0A { last -= 1 }
                let trailer = String(decoding: UnsafeBufferPointer(rebasing: bytes[last..<end]), as: UTF8.self)
                guard trailer == Self.trailer(global: global, manifest: Self.identity(output)) else { return }
                var start = 0
                while start < last {
                    var stop = start
                    while stop < last, bytes[stop] != 0x0A { stop += 1 }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                    if line.count > 65, line[line.count - 65] == 0x20,
                       let sum = Sum(hex: UnsafeBufferPointer(rebasing: line[(line.count - 64)...])) {
                        old[ByteKey(UnsafeBufferPointer(rebasing: line[..<(line.count - 65)]))] = sum
                    }
                    start = stop + 1
                }
            }
        }
        previous = old
    }

    /// The digest of one facility's inputs (`rows`: its rows as `Statement.appendRow` gives them).
    func digest(_ rows: [UInt8]) -> Sum {
        var h = SHA256()
        global.withBytes { h.update(bufferPointer: $0) }
        rows.withUnsafeBytes { h.update(bufferPointer: $0) }
        return Sum(h.finalize())
    }

    /// Whether facility `id` was last built from exactly the inputs with `digest`.
    func unchanged(_ id: String, _ digest: Sum) -> Bool {
        guard !previous.isEmpty else { return false }
        var id = id
        return id.withUTF8 { previous[ByteKey($0)] } == digest
    }

    /// Once every facility is built: the previous digests (40 MB for a national site) are
    /// not needed for the rest of the build, whose peak memory comes later.
    func doneLooking() { previous = [:] }

    /// Notes what facility `id` is now built from; called in the order facilities are built.
    /// A memo that cannot be written is given up (`save` then writes none), not the build.
    func note(_ id: String, _ digest: Sum) {
        guard !failed else { return }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: id.utf8)
        line.append(0x20)
        digest.appendHex(to: &line)
        line.append(0x0A)
        do { try file.write(bytes: line) } catch { failed = true }
    }

    /// A count between the sections of a facility's rows, so that no two sets of rows give the same bytes.
    static func appendCount(_ n: Int, to bytes: inout [UInt8]) {
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: n >> (8 * k))) }
    }

    /// Before the output changes: the old memo would describe a site that no longer is.
    func forget() throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw OutputFile.error(path) }
    }

    /// After the output changed: this build's memo, for the next. A memo not written costs
    /// the next build its speed, never its correctness, so a failure here is not an error.
    func save() {
        do {
            guard !failed, let manifest = Self.identity(output) else { return discard() }
            try file.write(Self.trailer(global: global, manifest: manifest) + "\n")
            try file.close()
            if rename(file.path, path) != 0 { discard() }
        } catch { discard() }
    }

    /// A build that publishes nothing leaves no memo of its own.
    func discard() { unlink(file.path) }

    /// Names the global digest by a digest of it: the file does not give what the facilities' digests are keyed with.
    private static func trailer(global: Sum, manifest: String?) -> String {
        var hex: [UInt8] = []
        global.withBytes { Sum(SHA256.hash(data: $0)) }.appendHex(to: &hex)
        return "\(version) \(String(decoding: hex, as: UTF8.self)) \(manifest ?? "none")"
    }

    /// The output's manifest as a file (device, inode, size, modification time): a new one with every build.
    private static func identity(_ output: String) -> String? {
        var st = stat()
        guard stat(output + "/" + OutputTree.manifestName, &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    /// This program's file as the system knows it: a rebuilt or upgraded yanglao is another file.
    static let programIdentity: String = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return "unknown:\(ProcessInfo.processInfo.processIdentifier)" }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    /// The digest of what every facility page depends on besides the facility's own rows.
    static func global(meta: [(key: String, value: String)], regions: [Region], baseURL: String, pageSlugs: [String], glossary: String?, asOf: String) -> Sum {
        var bytes: [UInt8] = []
        func add(_ text: String) {
            let utf8 = Array(text.utf8)
            for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: utf8.count >> (8 * k))) }
            bytes += utf8
        }
        add(version); add(programIdentity); add(baseURL); add(asOf)
        add("meta \(meta.count)")
        for e in meta { add(e.key); add(e.value) }
        add("regions \(regions.count)")
        for r in regions { add(r.code); add(r.name); add(r.level); add(r.parentCode ?? "\u{0}") }
        add("pages \(pageSlugs.count)")
        for s in pageSlugs.sorted() { add(s) }
        add("glossary"); add(glossary ?? "\u{0}")
        return Sum(SHA256.hash(data: bytes))
    }
}
