import YanglaoOpenData
import YanglaoStore

/// The directory finder's data: one file per region, `search/f-<code>.json`
/// (an array of facility rows), and `search/f-index.json` with the regions,
/// how many facilities each file holds and where they are on average.
///
/// The browser loads only the files of the region the user picked (or the
/// nearest ones for "near me"), so a national directory never sends one
/// file of every facility to a phone.
final class FinderData {
    private let tree: OutputTree
    private var code: String?
    private var rows: [String] = []
    private var latitude = 0.0, longitude = 0.0, located = 0
    private var files: [JSONValue] = []
    private var seen: Set<String> = []
    private(set) var total = 0

    init(tree: OutputTree) { self.tree = tree }

    /// Adds one facility; facilities arrive grouped by region (the directory order).
    /// A row is [id, name, region, category, ownership, beds, nursing beds, valid level
    /// (0 for none), medical integration 0/1, latitude, longitude, rating label as the
    /// pages show it ("已撤销（原三级）"; empty for facilities that are not rated),
    /// warnings as the pages show them (`Labels.warnings`, usually []), fire-safety
    /// acceptance on record 0/1].
    func add(_ i: Institution, level: Int, rating: String, warnings: [String]) throws {
        if i.regionCode != code {
            try flush()
            precondition(seen.insert(i.regionCode).inserted, "facilities must arrive grouped by region")
            code = i.regionCode
        }
        rows.append(JSONValue.array([
            .string(i.id), .string(i.name), .string(i.regionCode), .string(i.category), .string(i.ownership),
            .int(i.bedsTotal), .int(i.bedsNursing), .int(level), .int(i.medicalIntegration == "none" ? 0 : 1),
            i.latitude.map { .number($0, decimals: 5) } ?? .null, i.longitude.map { .number($0, decimals: 5) } ?? .null,
            .string(rating), .array(warnings.map { .string($0) }), .int(i.fireSafetyAccepted ? 1 : 0),
        ]).compact)
        if let lat = i.latitude, let lon = i.longitude { latitude += lat; longitude += lon; located += 1 }
        total += 1
    }

    private func flush() throws {
        guard let code, !rows.isEmpty, let safe = SafePath.region(code) else { return }
        try tree.write("search/f-\(safe).json", "[\n" + rows.joined(separator: ",\n") + "\n]\n")
        files.append(.array([
            .string(safe), .int(rows.count),
            located > 0 ? .number(latitude / Double(located), decimals: 4) : .null,
            located > 0 ? .number(longitude / Double(located), decimals: 4) : .null,
        ]))
        rows.removeAll(keepingCapacity: true)
        latitude = 0; longitude = 0; located = 0
    }

    /// Writes the last region's file and the index: regions as [code, name, level, parent],
    /// files as [region code, facilities, mean latitude, mean longitude].
    func finish(regions: [Region]) throws {
        try flush()
        code = nil
        try tree.write("search/f-index.json", JSONValue.object([
            ("total", .int(total)),
            ("regions", .array(regions.map { .array([.string($0.code), .string($0.name), .string($0.level), $0.parentCode.map { .string($0) } ?? .null]) })),
            ("files", .array(files)),
        ]).compact + "\n")
    }
}
