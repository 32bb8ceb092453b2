import Foundation

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

    func publish() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDir) {
            let old = (output as NSString).deletingLastPathComponent + "/.\((output as NSString).lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)"
            try fm.moveItem(atPath: output, toPath: old)
            do { try fm.moveItem(atPath: path, toPath: output) } catch {
                try? fm.moveItem(atPath: old, toPath: output)
                throw error
            }
            try? fm.removeItem(atPath: old)
        } else {
            try fm.moveItem(atPath: path, toPath: output)
        }
    }

    func discard() { try? FileManager.default.removeItem(atPath: path) }
}
