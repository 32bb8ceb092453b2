import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a buffer, so a page or a dataset costs one write
/// call per 64 KiB rather than one per row.
///
/// Plain `open`/`write`/`close`: Foundation's `createFile` writes an empty
/// temporary file and renames it, then `FileHandle` opens it again, which
/// tripled the system calls per page and made file creation the largest cost
/// of a national build (see docs/benchmarks.md).
public final class OutputFile {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    /// Hex SHA-256 of everything written; set by `close()`.
    public private(set) var sha256 = ""
    /// Bytes written so far.
    public private(set) var size = 0
    public let path: String

    /// Creates (or truncates) `path`; its folder must exist.
    public init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(path) }
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }

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
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Self.error(path)
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw Self.error(path) }
        sha256 = Self.hex(hasher.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The system's reason (disk full, permission denied, …) with the file's name.
    public static func error(_ path: String) -> Error {
        let code = errno
        return CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: path,
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
            NSLocalizedDescriptionKey: "cannot write \(path): \(String(cString: strerror(code)))",
        ])
    }

    /// Hex SHA-256 of a file on disk, read in chunks.
    public static func sha256(of path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hex(hasher.finalize())
    }

    /// Hex SHA-256 of bytes in memory.
    public static func sha256(bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// Creates `path` with `bytes`, in one write and without a checksum (the
    /// caller has one): the path of every page of a build.
    public static func create(_ path: String, bytes: [UInt8]) throws {
        try create(in: AT_FDCWD, path, bytes: bytes, shown: path)
    }

    /// `create` for `relative` inside the folder open as `folder`: the system walks only the
    /// part below it (a national build creates 800 000 files under one long path).
    /// `shown` names the file in an error.
    public static func create(in folder: Int32, _ relative: String, bytes: [UInt8], shown: @autoclosure () -> String) throws {
        let fd = openat(folder, relative, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(shown()) }
        let path = shown
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written else { let e = error(path()); _ = Glibc.close(fd); throw e }
        guard Glibc.close(fd) == 0 else { throw error(path()) }
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
