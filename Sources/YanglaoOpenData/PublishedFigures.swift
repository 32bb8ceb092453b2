import Foundation
import YanglaoIndicators

/// The indicator values the site published in its earlier releases, read back to judge
/// targets whose year has ended (`IndicatorEngine.compute`'s `earlier`).
public enum PublishedFigures {
    /// For each year before `year` that has a release, the latest such release's own figures
    /// of that year (`indicators.json`, rows whose `year` is the release's), for the indicators
    /// in `wanted` (`code|region|year` keys; other rows are not parsed). `releases`: the folder
    /// holding `data/releases/<date>/`.
    public static func read(releases folder: String, before year: Int, wanted: Set<String>) -> [String: IndicatorValue] {
        guard !wanted.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        // The latest release of each earlier year (yyyy-mm-dd names sort by date).
        var latest: [Int: String] = [:]
        for name in names where name.count == 10 && name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
            guard let y = Int(name.prefix(4)) else { continue }
            if y >= year || name <= (latest[y] ?? "") { continue }
            latest[y] = name
        }
        let codes = Set(wanted.map { String($0.prefix { $0 != "|" }) })
        var out: [String: IndicatorValue] = [:]
        for (y, date) in latest {
            let path = folder + "/" + date + "/indicators.json"
            try? RowFile.forEachRow(path) { _, line in
                // `{"indicator":"code",…`: rows of indicators with no wanted target are skipped unparsed.
                let prefix = Array(#"{"indicator":""#.utf8)
                guard line.starts(with: prefix) else { return }
                let rest = line[prefix.count...]
                guard let end = rest.firstIndex(of: 0x22), codes.contains(String(decoding: rest[..<end], as: UTF8.self)) else { return }
                let row = RowFile.row(line)
                guard let code = row["indicator"]?.text, let region = row["region_code"]?.text, row["year"]?.text == String(y),
                      case .some(let v) = Double(row["value"]?.text ?? ""), wanted.contains(IndicatorEngine.key(code, region, y)),
                      out[IndicatorEngine.key(code, region, y)] == nil else { return }
                let qualifier = row["value_qualifier"]?.text ?? ""
                out[IndicatorEngine.key(code, region, y)] = IndicatorValue(
                    code: code, regionCode: region, year: y, numerator: Double(row["numerator"]?.text ?? ""),
                    denominator: Double(row["denominator"]?.text ?? ""), value: v, source: "本站 \(date) 版数据",
                    qualifier: qualifier.isEmpty ? nil : qualifier)
            }
        }
        return out
    }
}
