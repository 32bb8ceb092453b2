import YanglaoStore

/// Which region statistics (population, townships, …) an indicator divides by or counts,
/// for every published region: its own rows, else its children's sum; one year per metric
/// across regions, so that counties compare with each other and with their city. Each
/// answer is worked out once per region and metric (every indicator reads them, and a
/// city's are its counties' sums).
final class StatisticsResolver {
    let year: Int
    private let children: [String: [Region]]
    private let statsByRegion: [String: [RegionStat]]
    private var availableCache: [String: [Int: StatFigure]] = [:]
    private var commonYear: [String: Int] = [:]
    private var figureCache: [String: StatFigure?] = [:]
    private var actualCache: [String: [Int: [String: StatFigure]]] = [:]

    init(stats: [RegionStat], children: [String: [Region]], published: [Region], year: Int) {
        self.year = year
        self.children = children
        statsByRegion = Dictionary(grouping: stats, by: \.regionCode)
        // Among the years every region with the metric has, the latest with actual figures
        // everywhere not after the data year, or else the nearest (the earlier on a tie): a
        // city on a 2022 census figure beside counties on 2025 projections would look 10 %
        // better than its counties.
        for m in IndicatorEngine.statisticMetrics {
            let sets = published.map { available($0.code, m) }.filter { !$0.isEmpty }
            guard let first = sets.first else { continue }
            let common = first.keys.filter { y in sets.allSatisfy { $0[y] != nil } }
            if let y = common.filter({ y in y <= year && sets.allSatisfy { !$0[y]!.projected } }).max() {
                commonYear[m] = y
            } else if let y = common.min(by: { (abs($0 - year), $0) < (abs($1 - year), $1) }) {
                commonYear[m] = y
            }
        }
    }

    /// A region's own rows of `metric`.
    func rows(_ code: String, _ metric: String) -> [RegionStat] { statsByRegion[code]?.filter { $0.metric == metric } ?? [] }

    /// The figures a region has for a metric, by year: its own rows (an actual figure wins
    /// over a projection of the same year) and, for other years, its children's sum when
    /// every child has a figure of that year.
    func available(_ code: String, _ metric: String) -> [Int: StatFigure] {
        if let known = availableCache[code + "|" + metric] { return known }
        var out: [Int: StatFigure] = [:]
        for r in statsByRegion[code] ?? [] where r.metric == metric {
            // An actual figure wins over an estimate, an estimate over a projection (as `pick` does).
            if let have = out[r.year], have.kind <= StatKind(r.kind) { continue }
            out[r.year] = StatFigure(value: r.value, year: r.year, kind: StatKind(r.kind), source: r.source)
        }
        if let kids = children[code], !kids.isEmpty {
            let parts = kids.map { available($0.code, metric) }
            for (y, first) in parts[0] where out[y] == nil && parts.allSatisfy({ $0[y] != nil }) {
                var sum = StatFigure(value: 0, year: y, kind: .actual, source: IndicatorEngine.summedSource(first.source))
                for p in parts { sum.value += p[y]!.value; sum.kind = max(sum.kind, p[y]!.kind) }
                out[y] = sum
            }
        }
        availableCache[code + "|" + metric] = out
        return out
    }

    /// The figure of `metric` a region's indicators use: of the metric's common year, or, for
    /// metrics without one, the region's own nearest figure or its children's sum.
    func figure(_ code: String, _ metric: String) -> StatFigure? {
        if let known = figureCache[code + "|" + metric] { return known }
        // Every region with figures for the metric has the common year (it is chosen among
        // the years they all have); a region without any has no value.
        if let y = commonYear[metric] {
            let f = available(code, metric)[y]
            figureCache[code + "|" + metric] = .some(f)
            return f
        }
        // Regions with no year in common: each its own nearest figure, named in the notes.
        let value: StatFigure?
        if let own = IndicatorEngine.pick(rows(code, metric), year: year) {
            value = StatFigure(value: own.value, year: own.year, kind: StatKind(own.kind), source: own.source)
        } else if let kids = children[code], !kids.isEmpty {
            var sum: StatFigure? = StatFigure(value: 0, year: year, kind: .actual, source: "下级地区合计")
            for k in kids {
                guard let v = figure(k.code, metric) else { sum = nil; break }
                sum!.value += v.value; sum!.kind = max(sum!.kind, v.kind)
                if v.year != year { sum!.year = v.year; sum!.source = IndicatorEngine.summedSource(v.source) }
            }
            value = sum
        } else { value = nil }
        figureCache[code + "|" + metric] = .some(value)
        return value
    }

    /// Every metric's figure for a region, as the formulas read them.
    func statistics(_ code: String) -> RegionStatistics {
        RegionStatistics(Dictionary(uniqueKeysWithValues: IndicatorEngine.statisticMetrics.compactMap { m in figure(code, m).map { (m, $0) } }))
    }

    /// The years (not after the data year) with actual figures for all `needed` metrics of a
    /// region: its own rows, or else the sums of its children for the years every child has.
    func actualYears(_ code: String, _ needed: [String]) -> [Int: [String: StatFigure]] {
        let key = code + "|" + needed.joined(separator: ",")
        if let known = actualCache[key] { return known }
        var out: [Int: [String: StatFigure]] = [:]
        let rows = (statsByRegion[code] ?? []).filter { $0.kind == "actual" && $0.year <= year && needed.contains($0.metric) }
        for y in Set(rows.map(\.year)) {
            let inYear = rows.filter { $0.year == y }
            guard needed.allSatisfy({ m in inYear.contains { $0.metric == m } }) else { continue }
            out[y] = Dictionary(inYear.map { ($0.metric, StatFigure(value: $0.value, year: y, kind: .actual, source: $0.source)) },
                                uniquingKeysWith: { a, _ in a })
        }
        if out.isEmpty, let kids = children[code], !kids.isEmpty {
            out = Self.summed(kids.map { actualYears($0.code, needed) })
        }
        actualCache[key] = out
        return out
    }

    /// Figures of one actual year for all `needed` metrics of a region: the latest such year.
    func sameYear(_ code: String, _ needed: [String]) -> [String: StatFigure]? {
        actualYears(code, needed).max { $0.key < $1.key }?.value
    }

    /// Sums figures over regions for the years all of them have.
    static func summed(_ parts: [[Int: [String: StatFigure]]]) -> [Int: [String: StatFigure]] {
        guard let first = parts.first else { return [:] }
        var out: [Int: [String: StatFigure]] = [:]
        for y in first.keys where parts.allSatisfy({ $0[y] != nil }) {
            var sum: [String: StatFigure] = [:]
            for part in parts {
                for (m, f) in part[y]! {
                    sum[m, default: StatFigure(value: 0, year: y, kind: .actual, source: IndicatorEngine.summedSource(f.source))].value += f.value
                }
            }
            out[y] = sum
        }
        return out
    }

    /// The statistics used that are not actual figures of the data year, e.g. "60岁及以上人口：2025 年预测数".
    func notOfTheYear(_ used: [String: StatFigure]) -> [String] { odd(used).map(short) }

    /// Those statistics with their sources, for a value's note; nil when all are of the data year.
    func note(_ used: [String: StatFigure]) -> String? {
        let odd = odd(used)
        return odd.isEmpty ? nil : odd.map { "\(short($0))（\($0.value.source)）" }.joined(separator: "；")
    }

    private func odd(_ used: [String: StatFigure]) -> [(key: String, value: StatFigure)] {
        used.filter { $0.value.projected || $0.value.year != year }.sorted { $0.key < $1.key }
    }

    private func short(_ f: (key: String, value: StatFigure)) -> String {
        "\(IndicatorEngine.metricNames[f.key] ?? f.key)：\(f.value.year) 年\(f.value.kind.label)"
    }
}
