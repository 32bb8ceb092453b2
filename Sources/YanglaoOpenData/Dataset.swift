/// A value in a dataset row.
public enum Cell: Sendable, Equatable {
    case null
    case text(String)
    case int(Int)
    /// A number written with at most `decimals` decimals.
    case number(Double, decimals: Int)
    case bool(Bool)
    /// An ISO `YYYY-MM-DD` date.
    case date(String)

    public static func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .null }
    public static func int(_ n: Int?) -> Cell { n.map { .int($0) } ?? .null }
    public static func date(_ s: String?) -> Cell { s.map { .date($0) } ?? .null }
}

/// A field of a dataset: the data dictionary is generated from these, so it
/// always matches the files.
public struct DatasetField: Sendable {
    public enum Kind: String, Sendable { case string, integer, number, boolean, date }
    public let name: String
    public let kind: Kind
    /// The column's name in Chinese, short (床位数): the Excel-oriented file's header row, for
    /// people who open it in a spreadsheet; where the field is a column of a database table it
    /// is the first Chinese name `yanglao import` reads for it (a test keeps them equal), so a
    /// downloaded Excel file can be corrected and imported.
    public let title: String
    public let descriptionZH: String
    public let unit: String?
    /// Never null.
    public let required: Bool
    /// The only values allowed, for coded fields.
    public let allowed: [String]?
    /// The word for each allowed value, in the same order, as the description gives it: the
    /// Excel-oriented file writes these instead of the codes, and the Table Schema lists them.
    public let labels: [String]?
    /// Smallest and largest allowed value, for numeric fields.
    public let minimum: Int?
    public let maximum: Int?

    public init(_ name: String, _ kind: Kind, title: String, _ descriptionZH: String, unit: String? = nil, required: Bool = false,
                allowed: [String]? = nil, labels: [String]? = nil, minimum: Int? = nil, maximum: Int? = nil) {
        precondition(labels == nil || labels?.count == allowed?.count, "\(name): one label per allowed value")
        self.name = name; self.kind = kind; self.title = title; self.descriptionZH = descriptionZH; self.unit = unit
        self.required = required; self.allowed = allowed; self.labels = labels; self.minimum = minimum; self.maximum = maximum
    }

    /// A value as people read it in a change list (the Excel file's word for a code, 是/否 for
    /// true/false, （空） for nothing); `text` as the datasets' CSV writes the value.
    public static func word(_ text: String, _ field: DatasetField?) -> String {
        if text.isEmpty { return "（空）" }
        if let label = field?.labelOf?[text] { return label }
        if field?.kind == .boolean { return text == "true" ? "是" : text == "false" ? "否" : text }
        // A rating level (1–5) as the pages say it: 三级, not 3.
        if field?.name == "rating_level" || field?.name == "level", let n = Int(text), (1...5).contains(n) {
            return ["一级", "二级", "三级", "四级", "五级"][n - 1]
        }
        return text
    }

    /// Value → word, for the Excel-oriented file (nil for a field without labels).
    public var labelOf: [String: String]? {
        guard let allowed, let labels else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(allowed, labels))
    }
}

/// A reference from fields of one dataset to the key of another.
public struct ForeignKey: Sendable {
    public let fields: [String]
    public let dataset: String
    public let referenceFields: [String]

    public init(_ fields: [String], references dataset: String, _ referenceFields: [String]) {
        self.fields = fields; self.dataset = dataset; self.referenceFields = referenceFields
    }
}

/// A published table: `data/<name>.csv`, `data/<name>.json`, `data/<name>-excel.csv`.
public struct Dataset: Sendable {
    public let name: String
    public let titleZH: String
    public let descriptionZH: String
    public let fields: [DatasetField]
    public let primaryKey: [String]
    public let foreignKeys: [ForeignKey]

    public init(name: String, titleZH: String, descriptionZH: String, fields: [DatasetField],
                primaryKey: [String] = [], foreignKeys: [ForeignKey] = []) {
        self.name = name; self.titleZH = titleZH; self.descriptionZH = descriptionZH; self.fields = fields
        self.primaryKey = primaryKey; self.foreignKeys = foreignKeys
    }
}
