/// How many characters a text cell may hold. A name is a page title, a link and a search
/// result; a penalty's reason is a paragraph. A cell far longer than its column ever needs is
/// a mistake — most often the rest of a CSV file read into one cell after an unclosed quote,
/// or a document pasted into the wrong column — and would be published on every page that
/// shows it (and in the search index), so `yanglao import` refuses it and `yanglao validate`
/// reports it, naming the cell.
public enum TextLimit {
    /// Paragraphs: a penalty's reason, legal basis and decision, a service's content, meta values.
    public static let paragraph = 4000
    /// Names and short fields.
    public static let short = 100
    /// Any other text column.
    public static let standard = 200

    static let byColumn: [String: Int] = [
        "meta.value": paragraph,
        "credit_records.reason": paragraph, "credit_records.basis": paragraph, "credit_records.result": paragraph,
        "services.content": paragraph,
        "targets.source": 500, "observations.source": 500, "region_stats.source": 500,
        "regions.name": short, "institutions.name": short, "services.name": short,
        "institutions.phone": short, "credit_records.subject_name": short, "credit_records.authority": short,
        "credit_records.document_no": short, "ratings.assessor": short, "ratings.document_no": short,
        "services.department": short,
    ]

    /// The most characters `table`.`column` may hold.
    public static func maximum(table: String, column: String) -> Int {
        byColumn["\(table).\(column)"] ?? standard
    }

    /// How many characters (Unicode scalars) UTF-8 `bytes` hold, when more than `limit`; nil
    /// when within it. A cell of at most `limit` bytes is within it without counting.
    public static func excess(utf8 bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        guard bytes.count > limit else { return nil }
        // Every scalar has one byte that is not a continuation byte (10xxxxxx).
        let count = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return count > limit ? count : nil
    }

    /// `excess(utf8:limit:)` of a string.
    public static func excess(_ text: String, limit: Int) -> Int? {
        var text = text
        return text.withUTF8 { excess(utf8: $0, limit: limit) }
    }

    /// What was expected of a cell over `limit`.
    public static func expectation(_ limit: Int) -> String {
        "at most \(limit) characters (a cell this long is usually the rest of the file read into one cell after an unclosed quote \", or text pasted into the wrong column)"
    }

    /// The start of a long value, for a message: the whole of it would fill the screen.
    /// A personal number is masked before the cut (cut first, part of one would no longer
    /// look like a number to mask).
    public static func shown(_ value: String, count: Int) -> String {
        String(PersonalNumbers.shown(value).unicodeScalars.prefix(40)) + "…（共 \(count) 字）"
    }
}
