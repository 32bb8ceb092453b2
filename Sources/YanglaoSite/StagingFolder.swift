import Foundation
import YanglaoOpenData
import YanglaoStore
#if canImport(Glibc)
import Glibc
#endif

/// A folder beside the output where a build writes; nothing reaches the
/// output before the build is complete.
///
/// A whole tree (the first build, or a new data date) replaces `site/` in one
/// step where the system can swap two folders (Linux `renameat2` with
/// `RENAME_EXCHANGE`), else by two renames; a build killed between those two
/// has its old site put back by the next build. An overlay (a rebuild with the same data date: only changed and
/// new files) is committed in place: a marker
/// listing the files to remove is written first, then each staged file is
/// renamed over its target (each file is replaced atomically; for that moment
/// readers may see some files new and some old) and removed files are
/// deleted. A build killed before the marker leaves the output untouched and
/// its folder is removed next time; one killed after it is finished by the
/// next build before anything else.
struct StagingFolder {
    static let commitMarker = ".yanglao-commit"
    /// Not the build's own: a site deployed by pushing `site/` as a Git checkout (GitHub or
    /// Gitee Pages, a server pulling it) keeps its repository when a whole tree replaces the site.
    static let keptEntries = [".git"]

    let path: String
    let output: String
    /// An earlier build's update in place, cut short, was finished before this build began.
    private(set) var finishedEarlierCommit = false
    /// Held while this build may write beside the output; the system releases it if the build is killed.
    private let lock: OutputLock

    init(output: String) throws {
        // An output that is a symbolic link (site -> /var/www/site) is published where it points:
        // the link stays, and nothing follows it into a folder being removed.
        let url = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
        self.output = url.path
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // Before cleaning up: another build's working folder must not be taken for a leftover.
        lock = try OutputLock(path: parent + "/.\(name).lock", output: url.path)
        // Finish a commit that was cut short; remove what a killed or failed earlier build left behind.
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).sorted()
        where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-") {
            let folder = parent + "/" + entry
            // Killed between moving the old site aside and the new one in: the old site goes back.
            if entry.hasPrefix(".\(name).old-"), !FileManager.default.fileExists(atPath: self.output),
               rename(folder, self.output) == 0 { continue }
            // Killed after the swap, before the repository moved over: it moves now.
            Self.keep(from: folder, into: self.output)
            if FileManager.default.fileExists(atPath: folder + "/" + Self.commitMarker) {
                // If even that fails, forget the manifest: this build then writes a whole
                // new tree and replaces the output, instead of every build stopping here.
                do { try Self.finishCommit(folder, into: self.output); finishedEarlierCommit = true } catch { unlink(self.output + "/" + OutputTree.manifestName) }
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
        path = parent + "/.\(name).building-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `jobs`: threads removing the replaced site.
    func publish(jobs: Int = 1) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDir) {
            if Self.exchange(path, output) {
                // The staging path now holds the old site.
                Self.keep(from: path, into: output)
                TreeRemover.remove(path, jobs: jobs)
                return
            }
            let old = PathText.folder(of: output) + "/.\((output as NSString).lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)"
            try fm.moveItem(atPath: output, toPath: old)
            do { try fm.moveItem(atPath: path, toPath: output) } catch {
                try? fm.moveItem(atPath: old, toPath: output)
                throw error
            }
            Self.keep(from: old, into: output)
            TreeRemover.remove(old, jobs: jobs)
        } else {
            try fm.moveItem(atPath: path, toPath: output)
        }
    }

    /// Moves the entries that are not the build's own (`keptEntries`) from a replaced site
    /// into the new one, unless the new one has them already.
    static func keep(from replaced: String, into output: String) {
        for name in keptEntries {
            var st = stat()
            if lstat(replaced + "/" + name, &st) == 0, lstat(output + "/" + name, &st) != 0 {
                _ = rename(replaced + "/" + name, output + "/" + name)
            }
        }
    }

    /// Swaps two paths in one step (Linux 3.15+, glibc 2.28+); false where the system cannot.
    /// Looked up at run time: Swift's Glibc module does not declare `renameat2`.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = renameAt2 else { return false }
        let renameExchange: UInt32 = 1 << 1
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    private nonisolated(unsafe) static let renameAt2 = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")

    func discard() { try? FileManager.default.removeItem(atPath: path) }

    /// Installs an overlay: `removed` are output paths the new build no longer has.
    /// Before an overlay's commit (and before anything beside the output changes): a folder the
    /// build may not write in (a site owned by another account) refuses the build with the site
    /// as it was, instead of leaving it half updated.
    func checkWritable(removed: [String]) throws {
        if let folder = Self.unwritableFolder(path, into: output, removed: removed) {
            errno = EACCES
            throw OutputFile.error(folder)
        }
    }

    func commit(removed: [String]) throws {
        // The marker makes the commit final: from here on a killed build is finished, not undone.
        let marker = path + "/" + Self.commitMarker
        try OutputFile.write(removed.map { $0 + "\n" }.joined(), to: marker)
        do { try Self.finishCommit(path, into: output) } catch {
            throw BuildError.unfinishedCommit(output: output, reason: (error as NSError).localizedDescription)
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The first output folder a staged file would be renamed into, or a removed file deleted
    /// from, that this process may not write in (for a folder still to be made: the nearest
    /// one that exists); nil when all may be written. Only the staged folders are walked: an
    /// update in place stages the changed files only.
    static func unwritableFolder(_ folder: String, into output: String, removed: [String]) -> String? {
        func nearestExisting(_ path: String) -> String {
            var p = path
            while access(p, F_OK) != 0, p.count > output.count { p = PathText.folder(of: p) }
            return p
        }
        var pending = [""]
        while let relative = pending.popLast() {
            let target = nearestExisting(relative.isEmpty ? output : output + "/" + relative)
            if access(target, W_OK) != 0 { return target }
            let from = relative.isEmpty ? folder : folder + "/" + relative
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: from)) ?? []).sorted() {
                var st = stat()
                if lstat(from + "/" + name, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { pending.append(relative.isEmpty ? name : relative + "/" + name) }
            }
        }
        for relative in removed where SafePath.relative(relative) {
            let parent = nearestExisting(output + "/" + PathText.folder(of: relative))
            if access(parent, W_OK) != 0 { return parent }
        }
        return nil
    }

    /// Renames every staged file over its target (the manifest last), then
    /// deletes the removed files listed in the marker, then the marker.
    static func finishCommit(_ folder: String, into output: String) throws {
        let marker = folder + "/" + commitMarker
        let removed = ((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        func install(_ relative: String) throws {
            let from = folder + "/" + relative, to = output + "/" + relative
            var st = stat()
            guard lstat(from, &st) == 0 else { return }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                // A file where the new build has a folder gives way too.
                var target = stat()
                if !relative.isEmpty, lstat(to, &target) == 0, (target.st_mode & S_IFMT) != S_IFDIR { unlink(to) }
                for name in try FileManager.default.contentsOfDirectory(atPath: from).sorted()
                where !(relative.isEmpty && (name == commitMarker || name == OutputTree.manifestName)) {
                    try install(relative.isEmpty ? name : relative + "/" + name)
                }
                return
            }
            try FileManager.default.createDirectory(atPath: PathText.folder(of: to), withIntermediateDirectories: true)
            // A folder where the new build has a file (a changed layout) gives way.
            var target = stat()
            if lstat(to, &target) == 0, (target.st_mode & S_IFMT) == S_IFDIR { TreeRemover.remove(to, jobs: 1) }
            guard rename(from, to) == 0 else { throw OutputFile.error(to) }
        }
        try install("")
        for relative in removed where SafePath.relative(relative) {
            // What cannot be removed (someone made it a folder) stays; the manifest no longer lists it.
            unlink(output + "/" + relative)
            // A deleted facility's folder goes with its page.
            var parent = PathText.folder(of: relative)
            while !parent.isEmpty, rmdir(output + "/" + parent) == 0 { parent = PathText.folder(of: parent) }
        }
        try install(OutputTree.manifestName)
        unlink(marker)
    }
}

/// `rm -rf` on every core: a national site has 800 000 files, and removing the
/// replaced tree one by one took seven seconds of a rebuild.
enum TreeRemover {
    static func remove(_ path: String, jobs: Int) {
        // A symbolic link is removed itself, never the folder it points to.
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK { unlink(path); return }
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

    /// The name of a `readdir` entry, read in place up to its end: the system gives each entry
    /// only the bytes its name needs, so copying the whole 256-byte `d_name` field can read
    /// past the end of the last entry (and crash where that is the end of mapped memory).
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
    }

    private static func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
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

/// An exclusive `flock` on a file beside the output: two builds (or a build and
/// `yanglao serve`) writing the same output would remove each other's work.
final class OutputLock {
    private let fd: Int32
    private let path: String

    /// The object exists only once the lock is held: a refused build must not
    /// remove the file another build holds (its `deinit` would).
    init(path: String, output: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFile.error(path) }
        // The holder removes the file when done, so the lock must still be on the file the path names.
        var held = stat(), named = stat()
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, fstat(fd, &held) == 0, stat(path, &named) == 0,
              held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
            close(fd)
            throw BuildError.outputBusy(output: output)
        }
        self.fd = fd
        self.path = path
    }

    deinit {
        unlink(path) // nothing is left beside the output
        close(fd)
    }
}
