/// Bytes as two independent 64-bit hashes (FNV-1a and a multiply-rotate hash): 128 bits,
/// so two different paths of one site, or rows of one release, never share a key in
/// practice. Keys instead of strings keep a national build's 800 000 paths and 1 M row
/// ids small in memory.
public struct ByteKey: Hashable, Sendable {
    let a: UInt64
    let b: UInt64

    public init(_ bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x9E3779B97F4A7C15
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = ((b &+ UInt64(byte)) &* 0xff51afd7ed558ccd)
            b ^= b >> 29
        }
        self.a = a; self.b = b ^ UInt64(bytes.count)
    }

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.init(UnsafeRawBufferPointer(bytes)) }
}
