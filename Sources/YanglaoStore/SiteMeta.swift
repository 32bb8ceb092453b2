/// The `meta` table: who publishes the data, under what licence, as of when.
public struct SiteMeta: Sendable, Equatable {
    public var title: String
    public var publisher: String
    public var licence: String
    public var contact: String
    /// The date the data describes (ISO `YYYY-MM-DD`); the only date that appears in output.
    public var dataAsOf: ISODate
    /// True for the synthetic sample: every page then says 示例数据.
    public var isSample: Bool
    /// Every key and value, sorted by key, for pages that list them all.
    public var entries: [(key: String, value: String)]

    public static let requiredKeys = ["contact", "data_as_of", "licence", "publisher", "sample", "title"]

    /// Optional value of any other key.
    public func value(_ key: String) -> String? { entries.first { $0.key == key }?.value }

    public init(entries: [(key: String, value: String)]) throws {
        let sorted = entries.sorted { $0.key < $1.key }
        func required(_ key: String) throws -> String {
            guard let v = sorted.first(where: { $0.key == key })?.value, !v.isEmpty else {
                throw StoreError.badMeta(key: key, expected: "a non-empty value")
            }
            return v
        }
        title = try required("title")
        publisher = try required("publisher")
        licence = try required("licence")
        contact = try required("contact")
        guard let date = ISODate(try required("data_as_of")) else {
            throw StoreError.badMeta(key: "data_as_of", expected: "an ISO date YYYY-MM-DD")
        }
        dataAsOf = date
        switch try required("sample") {
        case "true", "1": isSample = true
        case "false", "0": isSample = false
        default: throw StoreError.badMeta(key: "sample", expected: "true or false")
        }
        self.entries = sorted
    }

    public static func == (a: SiteMeta, b: SiteMeta) -> Bool {
        a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
    }
}
