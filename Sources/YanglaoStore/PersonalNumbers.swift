/// Text shaped like a mainland ID-card number or a personal mobile number: what the
/// privacy rules keep off the public site, and what no message may echo in full
/// (a message is pasted into e-mails and tickets).
public enum PersonalNumbers {
    /// "an ID-card number", "a mobile number" or nil.
    ///
    /// Numbers are read the way a browser shows them: full-width and other Unicode digits count
    /// as digits, invisible characters between them are not there, a run of spaces or line
    /// breaks is one space, and a number may be split into groups by spaces (thin ones too),
    /// hyphens, dashes, dots, middle dots and bullets, slashes, brackets, underscores, tildes,
    /// colons, asterisks, plus and number signs, or commas and 、 (before groups of four or more digits), up to three in a row (`139-1234-5678`, `139,1234,5678`,
    /// `139 - 1234 - 5678`, `(139)1234-5678`, `139·1234·5678`, `142601 19800101 1234`,
    /// an X — or the Roman numeral Ⅹ — after a space) or carry a `+86`/`0086` prefix. Chinese
    /// numerals written digit by digit (一三九一二三四五六七八) are digits too. The 15-digit ID-card number
    /// of before 1999 counts too. Every run of whole groups is judged, so a longer number
    /// (a document or account number) does not match, and a date written just
    /// before a phone number does not hide it.
    /// `kind(in:)`'s answer in Chinese, for staff messages.
    public static func chineseKind(_ kind: String) -> String { kind.contains("ID-card") ? "身份证号" : "手机号" }

    public static func kind(in text: String) -> String? {
        // Most text holds fewer than 11 digits: nothing to look at more closely.
        guard mayHoldElevenDigits(text) else { return nil }
        var digitCount = 0
        for c in text.unicodeScalars where digit(c) != nil { digitCount += 1 }
        guard digitCount >= 11 else { return nil }
        // An ID-card number is said whenever there is one, even after a mobile number (a phone
        // cell may publish a mobile, never an ID-card number written after it).
        // The groups of a mobile number found are its own: a number after it is read on its own
        // (a landline after a mobile is no ID-card number made of the two).
        var mobile: String?
        for groups in numberGroups(in: text) {
            var free = groups.startIndex
            for start in groups.indices where start >= free {
                var digits: [UInt8] = []
                for (i, g) in groups[start...].enumerated() {
                    // After a comma only a group of four or more digits goes on a number (139,1234,5678):
                    // three are a thousands group (13,512,345,678 元), fewer a list (每月1，3，5，7日).
                    if i > 0, g.afterComma, g.digits.count < 4 { break }
                    digits += g.digits
                    if digits.count > 18 { break }
                    if let kind = kind(of: digits, xSuffix: g.xSuffix) {
                        if kind == idCard { return kind }
                        mobile = mobile ?? kind
                        free = start + i + 1
                        break
                    }
                    if g.xSuffix { break }
                }
            }
        }
        return mobile
    }

    public static let idCard = "an ID-card number"

    /// Whether the text has at least 11 characters that may be digits, read from its UTF-8
    /// bytes without decoding: ASCII digits, and every multi-byte character in a block `digit`
    /// looks in (an upper bound: `kind(in:)` then counts exactly). Chinese characters, Chinese
    /// punctuation and quotation marks pass at once; this runs on every published text.
    static func mayHoldElevenDigits(_ text: String) -> Bool {
        func count<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8, C.Index == Int {
            var n = 0, i = bytes.startIndex
            let end = bytes.endIndex
            while i < end {
                let b = bytes[i]
                switch b {
                case 0x30...0x39, 0xC2, 0xD9...0xDF, 0xE0, 0xE1, 0xF0...0xF4: n += 1
                // U+2070–U+24FF (super- and subscripts, enclosed digits) and U+2776–U+2793 (dingbats);
                // not U+2000–U+206F, the dashes and quotation marks of Chinese text.
                case 0xE2 where i + 1 < end && (0x81...0x93 ~= bytes[i + 1] || 0x9D...0x9E ~= bytes[i + 1]): n += 1
                // Full-width digits U+FF10–U+FF19 (EF BC 90–99), not the full-width punctuation beside them.
                case 0xEF where i + 2 < end && bytes[i + 1] == 0xBC && 0x90...0x99 ~= bytes[i + 2]: n += 1
                // ○ (U+25CB, E2 97 8B), a zero in Chinese-numeral dates and numbers.
                case 0xE2 where i + 2 < end && bytes[i + 1] == 0x97 && bytes[i + 2] == 0x8B: n += 1
                // Chinese numerals (一三九…, 〇, 零, 幺, 壹贰叁…): decoded, the rest of the Chinese text passes.
                case 0xE3...0xE9 where i + 2 < end:
                    let scalar = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    if chineseDigit(scalar) != nil { n += 1 }
                    i += 2
                default: break
                }
                if n >= 11 { return true }
                i += 1
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable { count($0) } ?? count(Array(text.utf8))
    }

    private static func kind(of digits: [UInt8], xSuffix: Bool) -> String? {
        // 18 characters with a birth date YYYYMMDD in the 7th–14th: a unified social credit code
        // made of digits only (121410020000000082) is not one.
        // 18 digits followed by an X or × are still 18 digits a reader takes for one ("…1238×2份").
        if digits.count == 18 || digits.count == 17 && xSuffix, birthDate(digits[6..<14]) { return idCard }
        if digits.count == 15 && !xSuffix && oldIDCard(digits) { return idCard }
        // An X after other numbers (an extension, "13912345678x") does not make them safe.
        var d = digits[...]
        if d.count == 15, d.starts(with: [0, 0, 8, 6]) { d = d.dropFirst(4) }
        if d.count == 13, d.starts(with: [8, 6]) { d = d.dropFirst(2) }
        if d.count == 11, d[d.startIndex] == 1, d[d.startIndex + 1] >= 3 { return "a mobile number" }
        return nil
    }

    /// YYYYMMDD of a year 1900–2099.
    private static func birthDate(_ d: ArraySlice<UInt8>) -> Bool {
        let v = d.map(Int.init)
        let year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], month = v[4] * 10 + v[5], day = v[6] * 10 + v[7]
        return (1900...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// The 15-digit ID-card number issued before 1999 (still on old records): a region
    /// code (its province 11–82), then the birth date as YYMMDD. The date keeps most
    /// other 15-digit numbers (old business registration numbers, accounts) out.
    private static func oldIDCard(_ d: [UInt8]) -> Bool {
        let province = Int(d[0]) * 10 + Int(d[1]), month = Int(d[8]) * 10 + Int(d[9]), day = Int(d[10]) * 10 + Int(d[11])
        return (11...82).contains(province) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// A group of digits; `xSuffix` when an X (the ID-card check character) follows it,
    /// `afterComma` when a comma is among the separators before it.
    private struct Group { var digits: [UInt8]; var xSuffix: Bool; var afterComma = false }

    /// Separator characters allowed between two groups of one number (" - " is three).
    static let maxGap = 3

    /// The ID-card check character as people type it (the Roman numeral Ⅹ, the multiplication
    /// sign × and the Greek χ are slips of input methods).
    private static let checkX: Set<Unicode.Scalar> = ["X", "x", "Ｘ", "ｘ", "\u{2169}", "\u{2179}", "\u{00D7}", "\u{03C7}", "\u{03A7}"]

    /// Sequences of digit groups joined by at most `maxGap` separator characters.
    private static func numberGroups(in text: String) -> [[Group]] {
        var sequences: [[Group]] = []
        var current: [Group] = []
        var digits: [UInt8] = []
        var gap = 0, commaInGap = false
        func endGroup(x: Bool) {
            if !digits.isEmpty { current.append(Group(digits: digits, xSuffix: x, afterComma: commaInGap)); digits = [] }
        }
        func endSequence() {
            endGroup(x: false)
            if !current.isEmpty { sequences.append(current); current = [] }
            gap = 0
        }
        var lastWasSpace = false
        // A Chinese numeral is a digit only among Chinese numerals: one alone beside other digits is a
        // dash or a word ("2024.1.1一2024.12.31", "13912345678一天"), and a change of script parts groups.
        let scalars = Array(text.unicodeScalars)
        func isChinese(_ c: Unicode.Scalar) -> Bool { chineseDigit(c.value) != nil }
        var groupChinese = false
        for (k, c) in scalars.enumerated() {
            if isChinese(c) {
                let before = k > 0 && !isChinese(scalars[k - 1]) && digit(scalars[k - 1]) != nil
                let after = k + 1 < scalars.count && !isChinese(scalars[k + 1]) && digit(scalars[k + 1]) != nil
                let prevC = k > 0 && isChinese(scalars[k - 1]), nextC = k + 1 < scalars.count && isChinese(scalars[k + 1])
                if (before || after) && !prevC && !nextC { endSequence(); lastWasSpace = false; continue }
            }
            if digit(c) != nil, !digits.isEmpty, isChinese(c) != groupChinese { endGroup(x: false) }
            if digit(c) != nil { groupChinese = isChinese(c) }
            // Invisible characters between digits hide nothing from a reader: not there for the check.
            if ignorable(c) { continue }
            // A run of spaces or line breaks shows as one space in a browser: one separator.
            let space = isSpace(c)
            defer { lastWasSpace = space }
            if space, lastWasSpace { continue }
            if let d = digit(c) {
                if digits.isEmpty, gap > maxGap { endSequence() }
                if digits.isEmpty, gap == 0 { commaInGap = false }
                digits.append(d); gap = 0
            } else if checkX.contains(c), !digits.isEmpty {
                endGroup(x: true); endSequence()
            } else if checkX.contains(c), !current.isEmpty, gap <= maxGap {
                // "…1123 X": the check character after a space still ends the number.
                current[current.count - 1].xSuffix = true; endSequence()
            } else if separators.contains(c) || space, !current.isEmpty || !digits.isEmpty {
                endGroup(x: false)
                if gap == 0 { commaInGap = false }
                if commas.contains(c) { commaInGap = true }
                gap += 1
                if gap > maxGap { endSequence() }
            } else {
                endSequence()
            }
        }
        endSequence()
        return sequences
    }

    private static let separators: Set<Unicode.Scalar> = [
        " ", "-", ".", "/", "\t", "\u{00A0}", "\u{3000}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{FF0D}",
        // Thin and narrow spaces, brackets, middle dots and the full-width full stop: "(139)1234-5678", "139·1234·5678".
        "\u{2009}", "\u{202F}", "\u{2007}", "\u{200A}", "(", ")", "\u{FF08}", "\u{FF09}", "\u{00B7}", "\u{30FB}", "\u{FF0E}",
        // Underscores, tildes, colons and asterisks ("139_1234_5678", "139:1234:5678").
        "_", "~", "\u{FF5E}", ":", "\u{FF1A}", "*", "\u{FF0A}",
        // Commas ("139,1234,5678") and the enumeration comma 、; a group of fewer than four digits
        // after one never joins a number (see `kind(in:)`).
        ",", "\u{FF0C}", "\u{3001}",
        // Other slashes, dashes, bullets and brackets a reader still sees a number through
        // ("139／1234／5678", "139−1234−5678", "139【1234】5678"). Not bars: they part a Markdown table's cells.
        "\u{FF0F}", "\u{2212}", "\u{2015}", "\u{FE63}", "\u{FE58}", "\u{2043}", "\u{2022}", "\u{2027}", "\u{2219}", "\u{FF3F}", "\u{301C}",
        "[", "]", "\u{FF3B}", "\u{FF3D}", "\u{3010}", "\u{3011}", "\u{3014}", "\u{3015}",
        "\\", "\u{FF3C}", "+", "\u{FF0B}", "#", "\u{FF03}",
    ]
    private static let commas: Set<Unicode.Scalar> = [",", "\u{FF0C}", "\u{3001}"]

    /// Default-ignorable characters (zero-width ones, variation selectors, soft hyphens):
    /// a browser draws nothing for them. Quick for the common text (ASCII and CJK).
    private static func ignorable(_ c: Unicode.Scalar) -> Bool {
        // Unicode's default-ignorable code points, listed: a property lookup per character of
        // every published text would cost a national build seconds.
        switch c.value {
        // Also combining marks (a keycap 1️⃣, an underline or accent on a digit): the digit still shows.
        case 0x0300...0x036F, 0x20D0...0x20FF: true
        case 0x00AD, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200F, 0x202A...0x202E,
             0x2060...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0...0xFFF8, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A,
             0xE0000...0xE0FFF: true
        default: false
        }
    }

    /// Whitespace as a browser collapses it (listed, for the same reason).
    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// A digit as a reader sees one: ASCII, full-width, and any other decimal digit a browser
    /// shows (mathematical bold 𝟏, Arabic-Indic ١) or digit sign (circled ①, superscript ¹).
    static func digit(_ c: Unicode.Scalar) -> UInt8? {
        switch c.value {
        case 0x30...0x39: return UInt8(c.value - 0x30)
        case 0xFF10...0xFF19: return UInt8(c.value - 0xFF10) // full-width
        case 0x25CB, 0x3007...0x96F6: return chineseDigit(c.value)
        // Only the blocks that hold other digits are looked up (superscripts; the scripts of
        // U+0660–U+1DFF; super- and subscripts; circled and other enclosed digits; dingbats;
        // the planes beyond the first, with the mathematical digits): Chinese text and its punctuation pass at once.
        case 0xB2, 0xB3, 0xB9, 0x660...0x1DFF, 0x2070...0x2089, 0x2460...0x24FF, 0x2776...0x2793, 0x10000...:
            break
        default: return nil
        }
        guard let type = c.properties.numericType, type == .decimal || type == .digit,
              let v = c.properties.numericValue, v >= 0, v <= 9, v == v.rounded(.towardZero) else { return nil }
        return UInt8(v)
    }

    /// A Chinese numeral written digit by digit, as a number is read out or typed to pass a
    /// filter ("一三九一二三四五六七八", "幺三九…", "壹叁玖…"): the reader still has the number.
    /// Not 十, 百 or 万: a number written with them is an amount, not a string of digits.
    static func chineseDigit(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x3007, 0x25CB, 0x96F6: 0 // 〇 ○ 零
        case 0x4E00, 0x5E7A, 0x58F9: 1 // 一 幺 壹
        case 0x4E8C, 0x8D30, 0x8CB3: 2 // 二 贰 貳
        case 0x4E09, 0x53C1, 0x53C3: 3 // 三 叁 參
        case 0x56DB, 0x8086: 4 // 四 肆
        case 0x4E94, 0x4F0D: 5 // 五 伍
        case 0x516D, 0x9646, 0x9678: 6 // 六 陆 陸
        case 0x4E03, 0x67D2: 7 // 七 柒
        case 0x516B, 0x634C: 8 // 八 捌
        case 0x4E5D, 0x7396: 9 // 九 玖
        default: nil
        }
    }

    /// The text around its first long number, with the number's middle digits masked:
    /// "…家属反映（联系人电话 139****5678）".
    public static func maskedExcerpt(_ text: String) -> String {
        // ASCII and full-width digits only (Character.isNumber is true for 一, 二 … too).
        // The separators the detection reads between groups (a full-width space, a dash …).
        func isSeparator(_ c: Character) -> Bool { c.unicodeScalars.count == 1 && separators.contains(c.unicodeScalars.first!) }
        func isDigit(_ c: Character) -> Bool {
            guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return false }
            return (0x30...0x39).contains(v) || (0xFF10...0xFF19).contains(v)
        }
        let chars = Array(text)
        var out = chars
        var i = 0, first: Int?
        while i < chars.count {
            guard isDigit(chars[i]) else { i += 1; continue }
            // A number as people write it: digits, with spaces, hyphens, dots or slashes between groups.
            // Up to `maxGap` separators in a row, as the detection reads them ("139 - 1234 - 5678").
            var j = i, digits: [Int] = []
            func separatorRun(_ at: Int) -> Bool {
                var k = at
                while k < chars.count, k - at < maxGap, isSeparator(chars[k]) { k += 1 }
                return k > at && k < chars.count && isDigit(chars[k])
            }
            while j < chars.count, isDigit(chars[j]) || (isSeparator(chars[j]) && separatorRun(j)) {
                if isDigit(chars[j]) { digits.append(j) }
                j += 1
            }
            if digits.count >= 7 {
                for d in digits.dropFirst(3).dropLast(4) { out[d] = "*" }
                first = first ?? i
            }
            i = j
        }
        guard let at = first else {
            // Nothing long enough to mask: never print what the detection calls a personal number.
            if kind(in: text) != nil { return "(hidden)" }
            return text.count > 40 ? String(chars.prefix(40)) + "…" : text
        }
        let start = max(0, at - 15), end = min(chars.count, at + 25)
        let excerpt = (start > 0 ? "…" : "") + String(out[start..<end]) + (end < chars.count ? "…" : "")
        // Whatever way of writing a number the masking missed, the excerpt never shows one.
        return kind(in: excerpt) == nil ? excerpt : "(hidden)"
    }

    /// `text` for a message: as it is, or (when it holds a personal number) the
    /// excerpt around the number with its middle digits masked.
    public static func shown(_ text: String) -> String {
        kind(in: text) == nil ? text : maskedExcerpt(text)
    }
}
