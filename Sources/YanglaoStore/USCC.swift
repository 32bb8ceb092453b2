/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters,
/// the last a check character over the first 17.
public enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Value of each ASCII byte in the alphabet, -1 outside it.
    static let values: [Int] = (0..<128).map { b in alphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(b)))) ?? -1 }

    /// The check character for the first 17 characters, or nil if one is outside the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        var text = first17
        return text.withUTF8 { bytes in
            guard bytes.count == 17 else { return nil }
            var sum = 0
            for (b, w) in zip(bytes, weights) {
                guard b < 128, values[Int(b)] >= 0 else { return nil }
                sum += values[Int(b)] * w
            }
            return alphabet[(31 - sum % 31) % 31]
        }
    }

    /// Why `code` is not a valid USCC, or nil when it is.
    public static func problem(_ code: String) -> String? {
        // The common case, 18 ASCII characters, without building characters.
        if code.utf8.count == 18, code.utf8.allSatisfy({ $0 < 128 }),
           let expected = checkCharacter(for: String(code.utf8.prefix(17))!),
           expected.asciiValue == code.utf8.last { return nil }
        let chars = Array(code)
        guard chars.count == 18 else { return "18 characters (found \(chars.count))" }
        // Letters typed in lower case: the code itself, written with capitals.
        if code != code.uppercased(), problem(code.uppercased()) == nil {
            return "its letters as capitals (\(code.uppercased())): a unified social credit code has no lower-case letters"
        }
        // Typed into a General cell, Excel kept 15 digits of the number and wrote 0 for the rest.
        if code.hasSuffix("000"), code.allSatisfy({ $0.isASCII && $0.isNumber }),
           let expected = checkCharacter(for: String(chars[0..<17])), chars[17] != expected {
            return "check character \(expected) (GB 32100-2015), found \(chars[17]): the code ends in 000, as when Excel keeps only 15 digits of a number typed into a General cell; format the column as 文本 (Text) and type the whole code from the business licence"
        }
        guard let expected = checkCharacter(for: String(chars[0..<17])) else {
            return "only digits and capital letters other than I, O, Z, S, V"
        }
        // Said as a typo somewhere: changing the last character to fit would hide it.
        return chars[17] == expected ? nil : "check character \(expected) (GB 32100-2015), found \(chars[17]): one of the 18 characters is mistyped; compare the whole code with the business licence"
    }
}
