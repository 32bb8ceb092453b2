import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder beside the output that becomes the output only when complete.
///
/// `site/` is replaced by two renames, so readers see the old site or the new
/// one, never a mixture; leftovers of a killed build are removed next time.
struct StagingFolder {
    let path: String
    let output: String

    init(output: String) throws {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        self.output = url.path
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // Remove what a killed or failed earlier build left behind.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-") {
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
        path = parent + "/.\(name).building-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `jobs`: threads removing the replaced site.
    func publish(jobs: Int = 1) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDir) {
            let old = (output as NSString).deletingLastPathComponent + "/.\((output as NSString).lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)"
            try fm.moveItem(atPath: output, toPath: old)
            do { try fm.moveItem(atPath: path, toPath: output) } catch {
                try? fm.moveItem(atPath: old, toPath: output)
                throw error
            }
            TreeRemover.remove(old, jobs: jobs)
        } else {
            try fm.moveItem(atPath: path, toPath: output)
        }
    }

    func discard() { try? FileManager.default.removeItem(atPath: path) }
}

/// `rm -rf` on every core: a national site has 800 000 files, and removing the
/// replaced tree one by one took seven seconds of a rebuild.
enum TreeRemover {
    static func remove(_ path: String, jobs: Int) {
        // The folders one and two levels down share the work (institutions/ alone has 400 000).
        var work: [String] = []
        for first in entries(path) {
            let p = path + "/" + first
            if isFolder(p) {
                let inner = entries(p)
                work += inner.map { p + "/" + $0 }
            } else { work.append(p) }
        }
        try? Parallel.run(tasks: (work.count + 255) / 256, jobs: jobs) { n in
            for p in work[(n * 256)..<min(work.count, n * 256 + 256)] { removeAll(p) }
        }
        removeAll(path)
    }

    private static func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func isFolder(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Removes a file, or a folder with everything in it; what cannot be removed stays.
    private static func removeAll(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        for name in entries(path) { removeAll(path + "/" + name) }
        rmdir(path)
    }
}
