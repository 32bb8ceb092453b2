import YanglaoOpenData
import YanglaoStore

/// The directory finder's data: one file per region, `search/f-<code>.json`
/// (an array of facility rows), and `search/f-index.json` with the regions (a tree),
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
    /// Per region with facilities: how many, and their mean position (of those with one).
    private var files: [String: (facilities: Int, centre: (latitude: Double, longitude: Double)?)] = [:]
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
        files[safe] = (rows.count, located > 0 ? (latitude / Double(located), longitude / Double(located)) : nil)
        rows.removeAll(keepingCapacity: true)
        latitude = 0; longitude = 0; located = 0
    }

    /// Writes the last region's file and the index: the regions as a tree, each
    /// [code, name, level, facilities (0 for none, then no file), mean latitude, mean longitude]
    /// and, for a region with regions inside it, a seventh item listing them. Nested, a region
    /// needs no parent code and the index is about half as long as a flat list
    /// (145 KB instead of 208 KB for 3 100 regions): a phone loads it before anything else.
    /// Centres to two decimals (about 1 km): enough to find the nearest counties.
    func finish(regions: [Region]) throws {
        try flush()
        code = nil
        let known = Set(regions.map(\.code))
        var inside: [String: [Region]] = [:]
        for r in regions { inside[r.parentCode.flatMap { known.contains($0) ? $0 : nil } ?? "", default: []].append(r) }
        func node(_ r: Region) -> JSONValue {
            let file = files[r.code]
            var item: [JSONValue] = [
                .string(r.code), .string(r.name), .string(r.level), .int(file?.facilities ?? 0),
                file?.centre.map { .number($0.latitude, decimals: 2) } ?? .null,
                file?.centre.map { .number($0.longitude, decimals: 2) } ?? .null,
            ]
            if let children = inside[r.code] { item.append(.array(children.map(node))) }
            return .array(item)
        }
        try tree.write("search/f-index.json", JSONValue.object([
            ("total", .int(total)),
            ("regions", .array((inside[""] ?? []).map(node))),
        ]).compact + "\n")
    }
}
