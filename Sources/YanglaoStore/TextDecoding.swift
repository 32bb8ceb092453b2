import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of a text file into a String. Excel on Chinese Windows
/// saves CSV as GB18030 (often called ANSI or GBK), not UTF-8; decoding it as
/// UTF-8 would store mojibake, so `auto` detects it.
public enum TextEncoding: String, Sendable, CaseIterable {
    case auto, utf8 = "utf-8", gb18030

    /// Decodes `data`; nil when the bytes are not valid in the encoding.
    /// `auto`: UTF-8 (with or without BOM) when valid, else GB18030.
    public func decode(_ data: Data) -> (text: String, used: TextEncoding)? {
        switch self {
        case .utf8:
            return String(data: data, encoding: .utf8).map { (Self.dropBOM($0), .utf8) }
        case .gb18030:
            return Self.iconv(data, from: "GB18030", to: "UTF-8").flatMap { String(data: $0, encoding: .utf8) }.map { ($0, .gb18030) }
        case .auto:
            guard let utf8 = TextEncoding.utf8.decode(data) else { return TextEncoding.gb18030.decode(data) }
            // About 900 GBK characters (平, 遥, 尧, 学 …) are two bytes that are also valid UTF-8
            // (ƽң for 平遥): a GB18030 file holding only those reads as UTF-8 without error. Text
            // whose every non-ASCII character is such a two-byte letter, drawn from several
            // scripts at once (no word is Latin and Cyrillic; Greek, Russian or Uyghur text keeps
            // to one), and which reads as Chinese in GB18030, is GB18030.
            if Self.twoByteScripts(utf8.text) >= 2, let gb = TextEncoding.gb18030.decode(data),
               gb.text.unicodeScalars.allSatisfy({ $0.isASCII || Self.isChinese($0) }) {
                return gb
            }
            return utf8
        }
    }

    /// How many scripts the non-ASCII characters come from when all are two-byte UTF-8
    /// (U+0080–U+07FF: what GBK Chinese becomes read as UTF-8); 0 when any is not.
    static func twoByteScripts(_ text: String) -> Int {
        // Latin (with its extensions), IPA and combining marks, Greek, Cyrillic, Armenian, Hebrew, Arabic, the rest.
        let starts: [UInt32] = [0x80, 0x250, 0x370, 0x400, 0x530, 0x590, 0x600, 0x700]
        var seen = Set<Int>()
        for s in text.unicodeScalars where !s.isASCII {
            guard s.value <= 0x7FF else { return 0 }
            seen.insert(starts.lastIndex { $0 <= s.value }!)
        }
        return seen.count
    }

    /// Chinese characters and the full-width punctuation written with them.
    static func isChinese(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3000...0x303F).contains(s.value) || (0xFF00...0xFFEF).contains(s.value)
    }

    /// UTF-8 text that was once opened as GBK and saved again (Excel on Chinese Windows
    /// opening an export without a BOM) reads as valid but wrong Chinese: 尧都区 became 灏ч兘鍖.
    /// Such a cell's GB18030 bytes are the original UTF-8, except where a byte pair had no
    /// GBK character: Excel then wrote "?" or dropped it, and those places no longer decode.
    /// A cell is counted as misread when its GB18030 bytes, read as UTF-8, give at least two
    /// Chinese characters and at most half as many undecodable places. Real Chinese text
    /// almost never does (none of the 3 500 sample cells; over 80 % of the same cells once
    /// garbled do), so when most cells with Chinese text turn back this way, the file is
    /// misread, whichever encoding it was saved in.
    /// Returns a cell as found and as it was meant (lost characters as "…"), or nil.
    /// The first 200 such cells decide (a misread file is misread throughout).
    public static func misreadUTF8(_ cells: some Sequence<String>) -> (found: String, meant: String)? {
        var candidates = 0, restored = 0
        var example: (String, String)?
        for cell in cells where cell.unicodeScalars.lazy.filter({ !$0.isASCII }).count >= 4 {
            if candidates == 200 { break }
            candidates += 1
            guard let bytes = iconv(Data(cell.utf8), from: "UTF-8", to: "GB18030") else { continue }
            let meant = String(decoding: bytes, as: UTF8.self)
            var chinese = 0, lost = 0
            for s in meant.unicodeScalars {
                if (0x4E00...0x9FFF).contains(s.value) { chinese += 1 } else if s == "\u{FFFD}" { lost += 1 }
            }
            guard meant != cell, chinese >= 2, chinese >= 2 * lost else { continue }
            restored += 1
            if example == nil { example = (cell, meant.replacingOccurrences(of: "\u{FFFD}", with: "…")) }
        }
        return candidates > 0 && restored * 2 > candidates ? example : nil
    }

    /// One cell garbled in an otherwise good file (a row pasted from a misread export):
    /// its GB18030 bytes are valid UTF-8 holding at least three Chinese characters and
    /// nothing lost. Stricter than the file-wide test above, as it refuses a single cell.
    /// Returns the text as it was meant, or nil.
    public static func misreadCell(_ cell: String) -> String? {
        guard cell.unicodeScalars.lazy.filter({ !$0.isASCII }).count >= 4,
              let bytes = iconv(Data(cell.utf8), from: "UTF-8", to: "GB18030"),
              let meant = String(data: bytes, encoding: .utf8), meant != cell else { return nil }
        let chinese = meant.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
        return chinese >= 3 ? meant : nil
    }

    static func dropBOM(_ s: String) -> String { s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s }

    /// Converts with the C library's iconv; nil on any invalid or incomplete sequence.
    public static func iconv(_ data: Data, from: String, to: String) -> Data? {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in
            for (i, b) in raw.enumerated() { input[i] = CChar(bitPattern: b) }
        }
        var output = [CChar](repeating: 0, count: data.count * 4 + 16)
        let outputCount = output.count
        return input.withUnsafeMutableBufferPointer { inBuf -> Data? in
            output.withUnsafeMutableBufferPointer { outBuf -> Data? in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var inLeft = inBuf.count
                var outLeft = outputCount
                guard Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return Data(bytes: outBuf.baseAddress!, count: outputCount - outLeft)
            }
        }
    }
}
