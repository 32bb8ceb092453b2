/// Paths as text. Foundation's `NSString.deletingLastPathComponent` crashes on Linux for a
/// one-character name (`yanglao import … t` with a folder `t`), so the folder of a path is
/// taken here, with the same answers otherwise ("a/b" → "a", "/x" → "/", "x" → "").
public enum PathText {
    public static func folder(of path: String) -> String {
        var bytes = Array(path.utf8)
        while bytes.count > 1, bytes.last == 0x2F { bytes.removeLast() }
        guard let slash = bytes.lastIndex(of: 0x2F) else { return "" }
        var end = slash
        while end > 0, bytes[end - 1] == 0x2F { end -= 1 }
        return end == 0 ? "/" : String(decoding: bytes[..<end], as: UTF8.self)
    }
}
