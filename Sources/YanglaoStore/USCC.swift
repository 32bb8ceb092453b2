/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters,
/// the last a check character over the first 17.
public enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character for the first 17 characters, or nil if one is outside the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (c, w) in zip(chars, weights) {
            guard let value = alphabet.firstIndex(of: c) else { return nil }
            sum += value * w
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Why `code` is not a valid USCC, or nil when it is.
    public static func problem(_ code: String) -> String? {
        let chars = Array(code)
        guard chars.count == 18 else { return "18 characters (found \(chars.count))" }
        guard let expected = checkCharacter(for: String(chars[0..<17])) else {
            return "only digits and capital letters other than I, O, Z, S, V"
        }
        return chars[17] == expected ? nil : "check character \(expected) (GB 32100-2015), found \(chars[17])"
    }
}
