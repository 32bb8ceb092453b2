/// Streams the rows of one dataset into its three files at once:
/// `<name>.csv` (UTF-8), `<name>-excel.csv` (UTF-8 with BOM, for double-click
/// in Excel) and `<name>.json` (an array of objects).
public final class DatasetWriter {
    public let dataset: Dataset
    private let csv: OutputFile
    private let excel: OutputFile
    private let json: OutputFile
    public private(set) var rows = 0
    /// `"name":` of every field, escaped once.
    private let keys: [[UInt8]]
    /// For the Excel file: each coded field's words (`公办` for `public`), nil for other fields.
    private let labels: [[String: String]?]
    /// For the Excel file: yes/no fields, written 是/否.
    private let booleans: [Bool]

    public init(dataset: Dataset, directory: String) throws {
        self.dataset = dataset
        csv = try OutputFile(path: "\(directory)/\(dataset.name).csv")
        excel = try OutputFile(path: "\(directory)/\(dataset.name)-excel.csv")
        json = try OutputFile(path: "\(directory)/\(dataset.name).json")
        try csv.write(CSVFormat.record(dataset.fields.map { CSVFormat.quote($0.name) }))
        try excel.write(bytes: [0xEF, 0xBB, 0xBF])
        // A person in Excel reads 床位数, not beds_total (the data dictionary pairs the two).
        try excel.write(CSVFormat.record(dataset.fields.map { CSVFormat.quote($0.title) }))
        try json.write("[")
        labels = dataset.fields.map(\.labelOf)
        booleans = dataset.fields.map { $0.kind == .boolean }
        keys = dataset.fields.map { f in
            var k: [UInt8] = []
            JSONFormat.appendString(f.name, to: &k)
            return k + [0x3A]
        }
    }

    /// One row as CSV and JSON bytes, encoded once; a row that goes into
    /// several datasets with the same fields (an indicator's subset) is not encoded twice.
    public struct EncodedRow {
        let cells: [Cell]
        let csv: [UInt8]
        /// The same bytes as `csv` unless a text cell needs the Excel rules (see `CSVFormat`)
        /// or a code or yes/no value is written as its word.
        let excel: [UInt8]
        let json: [UInt8]
    }

    /// Encodes `cells` (in `dataset.fields` order) for `append(encoded:)`.
    public func encode(_ cells: [Cell]) -> EncodedRow {
        precondition(cells.count == dataset.fields.count, "row of \(dataset.name) has \(cells.count) cells")
        var csv: [UInt8] = [], json: [UInt8] = [0x7B]
        csv.reserveCapacity(128); json.reserveCapacity(256)
        // The Excel bytes start as a copy only at the first cell that differs (most rows share them).
        var excel: [UInt8]?
        for (n, cell) in cells.enumerated() {
            if n > 0 { csv.append(0x2C); json.append(0x2C); excel?.append(0x2C) }
            let start = csv.count
            CSVFormat.appendField(cell, to: &csv)
            // A person in Excel reads 公建民营 and 是, not public_private and true.
            var word: Cell?
            if case .text(let code) = cell, let w = labels[n]?[code] { word = .text(w) }
            if case .bool(let b) = cell, booleans[n] { word = .text(b ? "是" : "否") }
            if word != nil || CSVFormat.excelDiffers(cell) {
                if excel == nil { excel = Array(csv[..<start]) }
                CSVFormat.appendField(word ?? cell, excel: true, to: &excel!)
            } else {
                excel?.append(contentsOf: csv[start...])
            }
            json.append(contentsOf: keys[n])
            JSONFormat.appendValue(cell, to: &json)
        }
        csv.append(contentsOf: [0x0D, 0x0A])
        excel?.append(contentsOf: [0x0D, 0x0A])
        json.append(0x7D)
        return EncodedRow(cells: cells, csv: csv, excel: excel ?? csv, json: json)
    }

    /// Appends one row; `cells` follow `dataset.fields`.
    public func append(_ cells: [Cell]) throws { try append(encoded: encode(cells)) }

    public func append(encoded row: EncodedRow) throws {
        try csv.write(bytes: row.csv)
        try excel.write(bytes: row.excel)
        try json.write(bytes: rows == 0 ? [0x0A] : [0x2C, 0x0A])
        try json.write(bytes: row.json)
        if rows < 3 { examples.append(row.cells) }
        rows += 1
    }

    /// Closes the files and returns what was written.
    public func finish() throws -> PublishedDataset {
        try json.write(rows == 0 ? "]\n" : "\n]\n")
        try csv.close(); try excel.close(); try json.close()
        return PublishedDataset(dataset: dataset, rows: rows, files: [
            PublishedFile(name: dataset.name + ".csv", format: .csv, bytes: csv.size, sha256: csv.sha256),
            PublishedFile(name: dataset.name + "-excel.csv", format: .excelCSV, bytes: excel.size, sha256: excel.sha256),
            PublishedFile(name: dataset.name + ".json", format: .json, bytes: json.size, sha256: json.sha256),
        ], examples: examples)
    }

    /// The first rows, for the catalogue's examples.
    private var examples: [[Cell]] = []
}

/// One file of a dataset as written.
public struct PublishedFile: Sendable {
    public enum Format: String, Sendable {
        case csv, excelCSV = "excel-csv", json, geojson

        public var mediaType: String {
            switch self {
            case .csv, .excelCSV: "text/csv"
            case .json: "application/json"
            case .geojson: "application/geo+json"
            }
        }

        /// The EU file-type vocabulary's name of the format (DCAT-AP's `dct:format`).
        public var fileType: String {
            switch self {
            case .csv, .excelCSV: "CSV"
            case .json: "JSON"
            case .geojson: "GEOJSON"
            }
        }

        public var labelZH: String {
            switch self {
            case .csv: "CSV"
            case .excelCSV: "Excel 版 CSV"
            case .json: "JSON"
            case .geojson: "GeoJSON"
            }
        }
    }

    public let name: String
    public let format: Format
    public let bytes: Int
    public let sha256: String

    public init(name: String, format: Format, bytes: Int, sha256: String) {
        self.name = name; self.format = format; self.bytes = bytes; self.sha256 = sha256
    }
}

/// A dataset as written: rows, files with sizes and checksums, and example rows for the catalogue.
public struct PublishedDataset: Sendable {
    public let dataset: Dataset
    public let rows: Int
    public var files: [PublishedFile]
    public let examples: [[Cell]]
}
