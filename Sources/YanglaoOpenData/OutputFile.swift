import Crypto
import Foundation

/// A file written through a buffer, so a page or a dataset costs one write
/// call per 64 KiB rather than one per row.
public final class OutputFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    /// Hex SHA-256 of everything written; set by `close()`.
    public private(set) var sha256 = ""
    /// Bytes written so far.
    public private(set) var size = 0
    public let path: String

    /// Creates (or truncates) `path`; its folder must exist.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        size += text.utf8.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        size += bytes.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        try handle.close()
        sha256 = hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Hex SHA-256 of a file on disk, read in chunks.
    public static func sha256(of path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// Writes a whole file at once; returns its size and SHA-256.
    @discardableResult
    public static func write(_ text: String, to path: String) throws -> (bytes: Int, sha256: String) {
        let f = try OutputFile(path: path)
        try f.write(text)
        try f.close()
        return (f.size, f.sha256)
    }
}
