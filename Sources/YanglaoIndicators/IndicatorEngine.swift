import YanglaoStore

/// One indicator in one region for the reference year. `value` is nil for "no data".
public struct IndicatorValue: Sendable, Equatable {
    public let code: String
    public let regionCode: String
    public let year: Int
    public let numerator: Double?
    public let denominator: Double?
    public let value: Double?
    /// For reported values: where the figure comes from.
    public let source: String?
}

/// Whether a target is reached by the current value.
public enum TargetStatus: String, Sendable {
    /// The current value satisfies the target.
    case met
    /// Not reached yet; the target year is still ahead.
    case pending
    /// Not reached and the data date is at or past the end of the target year.
    case missed
    /// No current value to compare.
    case noData = "no_data"

    public var labelZH: String {
        switch self {
        case .met: "已达到"
        case .pending: "尚未达到"
        case .missed: "未达到（已过目标年）"
        case .noData: "暂无数据"
        }
    }
}

/// A target with the current value it is judged against.
public struct TargetEvaluation: Sendable {
    public let target: Target
    public let current: IndicatorValue?
    public let status: TargetStatus
    /// How far the current value is from the target in the target's direction
    /// (positive: still to go; zero or negative: reached), in the indicator's unit.
    public let gap: Double?
    /// The reported value the straight line to the target starts from, if any.
    public let baseline: Observation?
    /// Where the straight line from the baseline to the target stands in the data year.
    public let expectedNow: Double?
    /// Whether the current value is on or ahead of that line; nil when there
    /// is no line (no baseline, target year reached, met, or no data).
    public let onTrack: Bool?

    init(target: Target, current: IndicatorValue?, status: TargetStatus, gap: Double?,
         baseline: Observation? = nil, expectedNow: Double? = nil, onTrack: Bool? = nil) {
        self.target = target; self.current = current; self.status = status; self.gap = gap
        self.baseline = baseline; self.expectedNow = expectedNow; self.onTrack = onTrack
    }
}

/// The plan's own bed-gap method (Linfen plan, annex 2): projected 2025 60+
/// population × 2%, rounded, minus institution and community full-care beds.
/// A negative gap is a surplus.
public struct BedGap: Sendable, Equatable {
    public let regionCode: String
    public let elderly2025: Double
    public let needed: Int
    public let institutionBeds: Int
    public let communityBeds: Int
    public var gap: Int { needed - institutionBeds - communityBeds }

    public init(regionCode: String, elderly2025: Double, needed: Int, institutionBeds: Int, communityBeds: Int) {
        self.regionCode = regionCode; self.elderly2025 = elderly2025; self.needed = needed
        self.institutionBeds = institutionBeds; self.communityBeds = communityBeds
    }
}

/// Everything the indicator engine computed for one build.
public struct IndicatorReport: Sendable {
    public let year: Int
    /// Ordered by registry order, then region code.
    public let values: [IndicatorValue]
    public private(set) var evaluations: [TargetEvaluation] = []
    public private(set) var bedGaps: [BedGap] = []
    /// Totals over the roots of a site with several (region code ""); not in `values` or the datasets.
    public let totals: [IndicatorValue]
    /// Position in `values` (or past its end, in `totals`) by indicator, then region:
    /// two hashes of short strings and no allocation per lookup (pages make millions).
    private let index: [String: [String: Int]]
    /// Positions in `evaluations` per region code: national data has thousands of regions.
    private var evaluationsByRegion: [String: [Int]] = [:]

    init(year: Int, values: [IndicatorValue], totals: [IndicatorValue] = []) {
        self.year = year; self.values = values; self.totals = totals
        var index: [String: [String: Int]] = [:]
        for (i, v) in values.enumerated() { index[v.code, default: [:]][v.regionCode] = i }
        for (i, v) in totals.enumerated() { index[v.code, default: [:]][""] = values.count + i }
        self.index = index
    }

    /// Adds the target evaluations and bed gaps, which need the values first.
    mutating func attach(evaluations: [TargetEvaluation], bedGaps: [BedGap]) {
        self.evaluations = evaluations
        self.bedGaps = bedGaps
        var byRegion: [String: [Int]] = [:]
        for (i, e) in evaluations.enumerated() { byRegion[e.target.regionCode, default: []].append(i) }
        evaluationsByRegion = byRegion
    }

    public func value(_ code: String, region: String) -> IndicatorValue? {
        index[code]?[region].map { $0 < values.count ? values[$0] : totals[$0 - values.count] }
    }

    /// Target evaluations for one region, in `evaluations` order.
    public func evaluations(region: String) -> [TargetEvaluation] {
        (evaluationsByRegion[region] ?? []).map { evaluations[$0] }
    }

    /// Target evaluations of one indicator in one region, in `evaluations` order.
    public func evaluations(_ code: String, region: String) -> [TargetEvaluation] {
        evaluations(region: region).filter { $0.target.indicator == code }
    }
}

/// Computes every registered indicator for the city and each county.
public enum IndicatorEngine {
    /// - Parameters:
    ///   - facts: facility counts per region code, as collected from the records
    ///     (a region's own facilities only; the engine adds descendants).
    ///   - asOf: the data's reference date; its year is the indicators' year.
    public static func compute(regions: [Region], stats: [RegionStat], facts: [String: RegionFacts],
                               targets: [Target], observations: [Observation], asOf: ISODate) -> IndicatorReport {
        let year = asOf.year
        let children = Dictionary(grouping: regions.filter { $0.parentCode != nil }, by: { $0.parentCode! })
        let scope = RegionScope(regions: regions)
        let published = scope.published

        // Totals and statistics are computed once per region (a region's are
        // used by every indicator, and a city's sum its counties').
        var totals: [String: RegionFacts] = [:]
        func totalFacts(_ code: String) -> RegionFacts {
            if let known = totals[code] { return known }
            let total = (children[code] ?? []).reduce(facts[code] ?? RegionFacts()) { $0 + totalFacts($1.code) }
            totals[code] = total
            return total
        }
        let statsByRegion = Dictionary(grouping: stats, by: \.regionCode)
        var statCache: [String: Double?] = [:]
        func stat(_ code: String, _ metric: String) -> Double? {
            if let known = statCache[code + "|" + metric] { return known }
            let value: Double?
            if let own = pick(statsByRegion[code]?.filter({ $0.metric == metric }) ?? [], year: year) {
                value = own.value
            } else if let kids = children[code], !kids.isEmpty {
                var sum: Double? = 0
                for k in kids { guard let v = stat(k.code, metric) else { sum = nil; break }; sum! += v }
                value = sum
            } else { value = nil }
            statCache[code + "|" + metric] = .some(value)
            return value
        }
        let metrics = ["population", "population_60plus", "urban_communities", "townships", "administrative_villages"]
        let observedBy = Dictionary(grouping: observations, by: { $0.indicator + "|" + $0.regionCode })
        var statistics: [String: RegionStatistics] = [:]
        for region in published {
            statistics[region.code] = RegionStatistics(Dictionary(uniqueKeysWithValues: metrics.compactMap { m in stat(region.code, m).map { (m, $0) } }))
        }

        let regionFacts = published.map { totalFacts($0.code) }
        let regionStatistics = published.map { statistics[$0.code]! }
        var observedByRegion: [String: [String: [Observation]]] = [:]
        for o in observations { observedByRegion[o.indicator, default: [:]][o.regionCode, default: []].append(o) }
        var values: [IndicatorValue] = []
        values.reserveCapacity(IndicatorRegistry.all.count * published.count)
        for def in IndicatorRegistry.all {
            for (k, region) in published.enumerated() {
                switch def.basis {
                case .computed(let f):
                    let (num, den) = f(regionFacts[k], regionStatistics[k])
                    values.append(IndicatorValue(code: def.code, regionCode: region.code, year: year,
                                                 numerator: num, denominator: den, value: value(num, den, def), source: nil))
                case .observed:
                    let latest = (observedByRegion[def.code]?[region.code] ?? [])
                        .filter { $0.year <= year }.max { $0.year < $1.year }
                    values.append(IndicatorValue(code: def.code, regionCode: region.code, year: latest?.year ?? year,
                                                 numerator: nil, denominator: nil,
                                                 value: latest.map { Rounding.round($0.value, decimals: def.decimals) },
                                                 source: latest?.source))
                }
            }
        }
        // A site with several roots (a national one) also gets the total over
        // its roots, under region code "": numerators and denominators summed.
        var siteTotals: [IndicatorValue] = []
        if scope.roots.count > 1 {
            let all = scope.roots.reduce(RegionFacts()) { $0 + totalFacts($1.code) }
            var sums: [String: Double] = [:]
            for m in metrics {
                var sum: Double? = 0
                for r in scope.roots { guard let v = statistics[r.code]?[m] else { sum = nil; break }; sum! += v }
                if let sum { sums[m] = sum }
            }
            for def in IndicatorRegistry.all {
                guard case .computed(let f) = def.basis else { continue }
                let (num, den) = f(all, RegionStatistics(sums))
                siteTotals.append(IndicatorValue(code: def.code, regionCode: "", year: year, numerator: num, denominator: den,
                                             value: value(num, den, def), source: nil))
            }
        }
        var report = IndicatorReport(year: year, values: values, totals: siteTotals)
        let evaluations = targets.map { t in
            // The baseline is the latest reported figure before the data year.
            let baseline = (observedBy[t.indicator + "|" + t.regionCode] ?? []).filter { $0.year < year }.max { $0.year < $1.year }
            return evaluate(t, current: report.value(t.indicator, region: t.regionCode), asOf: asOf, baseline: baseline)
        }

        var gaps: [BedGap] = []
        for region in published {
            guard let elderly = statsByRegion[region.code]?.first(where: { $0.metric == "population_60plus" && $0.year == 2025 })?.value,
                  let inst = stat(region.code, "beds_institution_existing"),
                  let comm = stat(region.code, "beds_community_fullcare_existing") else { continue }
            let needed = Int(Rounding.round(elderly * 0.02, decimals: 0))
            gaps.append(BedGap(regionCode: region.code, elderly2025: elderly, needed: needed,
                               institutionBeds: Int(inst), communityBeds: Int(comm)))
        }
        report.attach(evaluations: evaluations, bedGaps: gaps)
        return report
    }

    /// A ratio, or a count where the indicator has no denominator; nil for "no data".
    static func value(_ num: Double?, _ den: Double?, _ def: IndicatorDefinition) -> Double? {
        if let num, let den { return Rounding.ratio(num, den, scale: def.scale, decimals: def.decimals) }
        if let num, def.denominatorZH == nil { return Rounding.round(num, decimals: def.decimals) }
        return nil
    }

    /// Picks the figure for `year` among a metric's rows: the latest actual
    /// figure not after `year`, else the figure nearest in time (earlier wins a tie).
    public static func pick(_ rows: [RegionStat], year: Int) -> RegionStat? {
        if let actual = rows.filter({ $0.kind == "actual" && $0.year <= year }).max(by: { $0.year < $1.year }) {
            return actual
        }
        return rows.min { (abs($0.year - year), $0.year) < (abs($1.year - year), $1.year) }
    }

    /// A target not reached counts as missed once the data reach the last day of its year.
    public static func evaluate(_ t: Target, current: IndicatorValue?, asOf: ISODate, baseline: Observation? = nil) -> TargetEvaluation {
        guard let v = current?.value else {
            return TargetEvaluation(target: t, current: current, status: .noData, gap: nil)
        }
        let gap: Double
        let met: Bool
        switch t.comparator {
        case "<=": gap = v - t.value; met = v <= t.value
        case "=": gap = abs(v - t.value); met = v == t.value
        default: gap = t.value - v; met = v >= t.value
        }
        let yearEnded = asOf.year > t.year || (asOf.year == t.year && asOf.month == 12 && asOf.day == 31)
        let status: TargetStatus = met ? .met : (yearEnded ? .missed : .pending)
        let decimals = IndicatorRegistry.definition(t.indicator)?.decimals ?? 2
        // Straight line from the baseline (end of its year) to the target (end of the target year).
        var expected: Double?
        var onTrack: Bool?
        if status == .pending, let b = baseline, b.year < t.year, b.year < asOf.year, t.comparator != "=" {
            let e = b.value + (t.value - b.value) * Double(asOf.year - b.year) / Double(t.year - b.year)
            expected = Rounding.round(e, decimals: decimals)
            onTrack = t.comparator == "<=" ? v <= expected! : v >= expected!
        }
        return TargetEvaluation(target: t, current: current, status: status, gap: Rounding.round(gap, decimals: decimals),
                                baseline: expected == nil ? nil : baseline, expectedNow: expected, onTrack: onTrack)
    }
}
