import Foundation

/// The error values a spreadsheet writes into a cell whose formula failed (`#N/A` from a
/// VLOOKUP that found nothing). Saved as CSV they are plain text, and a facility would be
/// published under the name "#N/A": such a cell is refused wherever data come in.
public enum SpreadsheetErrors {
    /// Excel's and WPS's error values, upper case.
    static let values: Set<String> = ["#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!",
                                      "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA",
                                      "#N/A!", "#NA"]

    /// Whether `text` is one of them (ignoring case and surrounding spaces).
    public static func isError(_ text: String) -> Bool {
        guard text.utf8.first == UInt8(ascii: "#") || text.first?.isWhitespace == true else { return false }
        return values.contains(text.trimmingCharacters(in: .whitespaces).uppercased())
    }

    /// The same on a cell's UTF-8 bytes: almost every cell is passed over on its first byte.
    public static func isError(inUTF8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 3, b.count <= 16, b.first == UInt8(ascii: "#") else { return false }
        return values.contains(String(decoding: b, as: UTF8.self).uppercased())
    }

    public static func expectation(_ value: String) -> String {
        "a value, not the spreadsheet error \(value) (the formula in this cell failed, e.g. a VLOOKUP that found nothing; correct the formula or type the value, then save the file again)"
    }
}
