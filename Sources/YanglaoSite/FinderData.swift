import Foundation
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
    /// The positions of the current region's facilities, for its reach.
    private var positions: [(latitude: Double, longitude: Double)] = []
    /// Per region with facilities: how many, their mean position (of those with one) as the
    /// index gives it, and the reach: every located facility lies within that many km of it.
    private var files: [String: (facilities: Int, centre: (latitude: Double, longitude: Double)?, reach: Int)] = [:]
    private var seen: Set<String> = []
    private(set) var total = 0

    init(tree: OutputTree) { self.tree = tree }

    /// Adds one facility; facilities arrive grouped by region (the directory order).
    /// A row is [id, name, region, category, ownership, beds, nursing beds, valid level
    /// (0 for none), medical integration 0/1, latitude, longitude, rating label as the
    /// pages show it ("已撤销（原三级）"; empty for facilities that are not rated),
    /// warnings as the pages show them (`Labels.warnings`, usually []), fire-safety
    /// acceptance on record 0/1, phone ("" when none; every kind of facility's: a list showing
    /// care homes' numbers and a dash for a community centre's read as if it had none), the
    /// last day of the valid level ("" when none: the list says when the reader's today is past
    /// it, as the facility's page does)].
    func add(_ i: Institution, level: Int, rating: String, validUntil: String = "", warnings: [String]) throws {
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
            .string(i.phone ?? ""), .string(validUntil),
        ]).compact)
        if let lat = i.latitude, let lon = i.longitude { latitude += lat; longitude += lon; located += 1; positions.append((lat, lon)) }
        total += 1
    }

    private func flush() throws {
        guard let code, !rows.isEmpty, let safe = SafePath.region(code) else { return }
        try tree.write("search/f-\(safe).json", "[\n" + rows.joined(separator: ",\n") + "\n]\n")
        // The centre as the index writes it (two decimals), so the reach holds from that point.
        let centre = located > 0 ? (Self.rounded(latitude / Double(located)), Self.rounded(longitude / Double(located))) : nil
        let reach = centre.map { c in positions.map { Self.km(c.0, c.1, $0.latitude, $0.longitude) }.max() ?? 0 } ?? 0
        // Whole km, rounded up (and one more for the browser's own rounding).
        files[safe] = (rows.count, centre, Int(reach.rounded(.up)) + 1)
        rows.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        latitude = 0; longitude = 0; located = 0
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Great-circle distance in km (the browser's `km`).
    static func km(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
        let r = Double.pi / 180, x = sin((c - a) * r / 2), y = sin((d - b) * r / 2)
        return 12742 * asin(min(1, (x * x + cos(a * r) * cos(c * r) * y * y).squareRoot()))
    }

    /// Writes the last region's file and the index: the regions as a tree, each
    /// [code, name, level, facilities (0 for none, then no file), mean latitude, mean longitude
    /// (null when none has a position)], then the regions inside it (0 for none) and, for a
    /// region whose facilities have positions, the reach in km; a region without a reach has the
    /// seventh item only when regions lie inside it. "Near me" loads the regions whose
    /// facilities may be nearest: a region's nearest facility is at least its centre's distance
    /// less its reach away. Nested, a region
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
            let children = inside[r.code].map { JSONValue.array($0.map(node)) }
            // The reach after the regions inside (0 for none), where a script cached from before
            // it (assets/site.js keeps its name) still finds them.
            if let reach = file?.centre == nil ? nil : file?.reach {
                item += [children ?? .int(0), .int(reach)]
            } else if let children {
                item.append(children)
            }
            return .array(item)
        }
        try tree.write("search/f-index.json", JSONValue.object([
            ("total", .int(total)),
            ("regions", .array((inside[""] ?? []).map(node))),
        ]).compact + "\n")
    }
}
