/// Streams the rows of one dataset into its three files at once:
/// `<name>.csv` (UTF-8), `<name>-excel.csv` (UTF-8 with BOM, for double-click
/// in Excel) and `<name>.json` (an array of objects).
public final class DatasetWriter {
    public let dataset: Dataset
    private let csv: OutputFile
    private let excel: OutputFile
    private let json: OutputFile
    public private(set) var rows = 0

    public init(dataset: Dataset, directory: String) throws {
        self.dataset = dataset
        csv = try OutputFile(path: "\(directory)/\(dataset.name).csv")
        excel = try OutputFile(path: "\(directory)/\(dataset.name)-excel.csv")
        json = try OutputFile(path: "\(directory)/\(dataset.name).json")
        let header = CSVFormat.record(dataset.fields.map { CSVFormat.quote($0.name) })
        try csv.write(header)
        try excel.write(bytes: [0xEF, 0xBB, 0xBF])
        try excel.write(header)
        try json.write("[")
    }

    /// Appends one row; `cells` follow `dataset.fields`.
    public func append(_ cells: [Cell]) throws {
        precondition(cells.count == dataset.fields.count, "row of \(dataset.name) has \(cells.count) cells")
        let line = CSVFormat.record(cells.map(CSVFormat.field))
        try csv.write(line)
        try excel.write(line)
        try json.write((rows == 0 ? "\n" : ",\n") + JSONFormat.object(zip(dataset.fields, cells).map { ($0.name, $1) }))
        rows += 1
    }

    /// Closes the files and returns what was written.
    public func finish() throws -> PublishedDataset {
        try json.write(rows == 0 ? "]\n" : "\n]\n")
        try csv.close(); try excel.close(); try json.close()
        return PublishedDataset(dataset: dataset, rows: rows,
                                files: [(dataset.name + ".csv", csv.size), (dataset.name + "-excel.csv", excel.size),
                                        (dataset.name + ".json", json.size)])
    }
}

/// A dataset as written: row count and file sizes for the catalogue page.
public struct PublishedDataset: Sendable {
    public let dataset: Dataset
    public let rows: Int
    public let files: [(name: String, bytes: Int)]
}
