import YanglaoStore

/// One indicator in one region for the reference year. `value` is nil for "no data".
public struct IndicatorValue: Sendable, Equatable {
    public let code: String
    public let regionCode: String
    public let year: Int
    public let numerator: Double?
    public let denominator: Double?
    public let value: Double?
    /// For reported values: where the figure comes from. For computed values: which
    /// statistics are not actual figures of the data year (a projection, an earlier year), or nil.
    public let source: String?
    /// For computed values, those statistics without their sources, one each:
    /// "60岁及以上人口：2025 年预测数" (short enough for a table cell).
    public var statisticsNotOfTheYear: [String] = []
    /// For a reported figure that is a bound (`observations.qualifier`): `at_least`, `more_than`,
    /// `at_most` or `less_than`; nil for the value itself.
    public var qualifier: String? = nil
    /// For computed values that divide by or count region statistics (population, townships):
    /// the year of those figures, and whether any of them is a projection. Nil otherwise.
    public var statisticsYear: Int? = nil
    public var statisticsKind: StatKind? = nil

    /// True when the figure is a lower bound (40%以上, 超过180万).
    var isLowerBound: Bool { qualifier == "at_least" || qualifier == "more_than" }
    var isUpperBound: Bool { qualifier == "at_most" || qualifier == "less_than" }
}

extension IndicatorValue {
    /// A figure read back from a published file (in an extension: the memberwise init stays).
    public init(code: String, regionCode: String, year: Int, numerator: Double?, denominator: Double?, value: Double?,
                source: String?, qualifier: String?) {
        self.code = code; self.regionCode = regionCode; self.year = year; self.numerator = numerator
        self.denominator = denominator; self.value = value; self.source = source; self.qualifier = qualifier
    }
}

/// Whether a target is reached by the current value.
public enum TargetStatus: String, Sendable {
    /// The current value satisfies the target.
    case met
    /// Not reached yet; the target year is still ahead.
    case pending
    /// Not reached and the data date is at or past the end of the target year.
    case missed
    /// No figure of a year that can decide the target.
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
    /// The figure the target is judged on (see `IndicatorEngine.evaluate`); nil for "no data".
    public let current: IndicatorValue?
    /// The latest figure, which may be of another year than `current` (or of a year that
    /// cannot decide the target: then the status is "no data").
    public let latest: IndicatorValue?
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
         baseline: Observation? = nil, expectedNow: Double? = nil, onTrack: Bool? = nil, latest: IndicatorValue? = nil) {
        self.target = target; self.current = current; self.status = status; self.gap = gap
        self.baseline = baseline; self.expectedNow = expectedNow; self.onTrack = onTrack; self.latest = latest
    }

    /// Met by the figure of a data year before the target year: the level is reached, the
    /// target's year still to come (the datasets' `met_early`, the pages' "已提前达到").
    public func isMetEarly(dataYear: Int) -> Bool { status == .met && dataYear < target.year }
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
    /// Figures published or reported for indicators the site computes, by indicator code
    /// (not used in the computation; shown beside it so a reader can compare).
    public private(set) var reported: [String: [Observation]] = [:]
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
    mutating func attach(evaluations: [TargetEvaluation], bedGaps: [BedGap], reported: [String: [Observation]]) {
        self.evaluations = evaluations
        self.bedGaps = bedGaps
        self.reported = reported
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
    /// The year of the region statistics a value used (the latest, should they differ); nil when it used none.
    static func year(of figures: [String: StatFigure]) -> Int? { figures.values.map(\.year).max() }
    /// The least certain kind among the statistics a value used; nil when it used none.
    static func kind(of figures: [String: StatFigure]) -> StatKind? { figures.values.map(\.kind).max() }

    /// "下级地区合计（source）" once, however many levels were added up.
    static func summedSource(_ source: String) -> String {
        source.hasPrefix("下级地区合计") ? source : "下级地区合计（\(source)）"
    }

    /// Names of the region statistics formulas read, for notes on the figures used.
    public static let metricNames = ["population": "总人口", "population_60plus": "60岁及以上人口", "urban_communities": "城市社区数",
                              "townships": "乡镇（街道）数", "administrative_villages": "行政村数"]

    /// - Parameters:
    ///   - facts: facility counts per region code, as collected from the records
    ///     (a region's own facilities only; the engine adds descendants).
    ///   - asOf: the data's reference date; its year is the indicators' year.
    /// The region statistics formulas may read (`region_stats.metric`).
    public static let statisticMetrics = ["population", "population_60plus", "urban_communities", "townships", "administrative_villages"]

    /// The region statistics a computed indicator reads (by metric name), whether it reads
    /// facility records at all, and whether rating results change it; nil for an observed one.
    /// Found by running the formula on probes, so it cannot drift from the formula.
    public static func inputs(of def: IndicatorDefinition) -> (statistics: [String], records: Bool, ratings: Bool)? {
        guard case .computed(let f) = def.basis else { return nil }
        let all = Dictionary(uniqueKeysWithValues: statisticMetrics.map { ($0, 1.0) })
        // Run on empty facts and on facts where every count is 1, so a statistic read only
        // when there are facilities is still seen.
        var ones = RegionFacts()
        ones.institutions = 1; ones.publicInstitutions = 1; ones.beds = 1; ones.bedsNursing = 1; ones.residents = 1
        ones.bedsWithResidents = 1; ones.publicResidents = 1; ones.publicBedsWithResidents = 1; ones.rated = 1
        ones.ratedLevel3Plus = 1; ones.medicalIntegration = 1; ones.fireSafetyAccepted = 1; ones.caregivers = 1
        ones.caregiversCertified = 1; ones.socialWorkers = 1; ones.communityFacilities = 1; ones.townshipCentres = 1
        ones.villageDaycare = 1
        var used: Set<String> = []
        for facts in [RegionFacts(), ones] {
            var probe = RegionStatistics(all)
            probe.probe = StatProbe()
            _ = f(facts, probe)
            used.formUnion(probe.probe!.used)
        }
        let read = statisticMetrics.filter { used.contains($0) }
        // A formula that gives nothing without statistics is made of statistics only (the ageing rate).
        let without = f(RegionFacts(), RegionStatistics([String: Double]()))
        var unrated = RegionFacts()
        unrated.institutions = 2
        var rated = unrated
        rated.rated = 1; rated.ratedLevel3Plus = 1
        let a = f(unrated, RegionStatistics(all)), b = f(rated, RegionStatistics(all))
        return (read, !(without.numerator == nil && without.denominator == nil), a.numerator != b.numerator || a.denominator != b.denominator)
    }

    /// `earlier`: the figures the site itself published for earlier years (its archived
    /// releases, by `IndicatorEngine.key`), which judge a target whose year has ended when no
    /// figure of that year was reported: a target missed stays missed in later releases.
    public static func compute(regions: [Region], stats: [RegionStat], facts: [String: RegionFacts],
                               targets: [Target], observations: [Observation], asOf: ISODate,
                               earlier: [String: IndicatorValue] = [:]) -> IndicatorReport {
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
        let metrics = Self.statisticMetrics
        /// The figures a region has for a metric, by year: its own rows (an actual figure wins
        /// over a projection of the same year) and, for other years, its children's sum when
        /// every child has a figure of that year.
        var availableCache: [String: [Int: StatFigure]] = [:]
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
                    var sum = StatFigure(value: 0, year: y, kind: .actual, source: Self.summedSource(first.source))
                    for p in parts { sum.value += p[y]!.value; sum.kind = max(sum.kind, p[y]!.kind) }
                    out[y] = sum
                }
            }
            availableCache[code + "|" + metric] = out
            return out
        }
        // One year per metric for every region, so that counties compare with each other and
        // with their city (a city on a 2022 census figure beside counties on 2025 projections
        // would look 10 % better than its counties): among the years every region with the
        // metric has, the latest with actual figures everywhere not after the data year, or
        // else the nearest (the earlier on a tie).
        var commonYear: [String: Int] = [:]
        for m in metrics {
            let sets = published.map { available($0.code, m) }.filter { !$0.isEmpty }
            guard let first = sets.first else { continue }
            let common = first.keys.filter { y in sets.allSatisfy { $0[y] != nil } }
            if let y = common.filter({ y in y <= year && sets.allSatisfy { !$0[y]!.projected } }).max() {
                commonYear[m] = y
            } else if let y = common.min(by: { (abs($0 - year), $0) < (abs($1 - year), $1) }) {
                commonYear[m] = y
            }
        }
        var statCache: [String: StatFigure?] = [:]
        func figure(_ code: String, _ metric: String) -> StatFigure? {
            if let known = statCache[code + "|" + metric] { return known }
            // Every region with figures for the metric has the common year (it is chosen among
            // the years they all have); a region without any has no value.
            if let y = commonYear[metric] {
                let f = available(code, metric)[y]
                statCache[code + "|" + metric] = .some(f)
                return f
            }
            // Regions with no year in common: each its own nearest figure, named in the notes.
            let value: StatFigure?
            if let own = pick(statsByRegion[code]?.filter({ $0.metric == metric }) ?? [], year: year) {
                value = StatFigure(value: own.value, year: own.year, kind: StatKind(own.kind), source: own.source)
            } else if let kids = children[code], !kids.isEmpty {
                var sum: StatFigure? = StatFigure(value: 0, year: year, kind: .actual, source: "下级地区合计")
                for k in kids {
                    guard let v = figure(k.code, metric) else { sum = nil; break }
                    sum!.value += v.value; sum!.kind = max(sum!.kind, v.kind)
                    if v.year != year { sum!.year = v.year; sum!.source = Self.summedSource(v.source) }
                }
                value = sum
            } else { value = nil }
            statCache[code + "|" + metric] = .some(value)
            return value
        }
        func stat(_ code: String, _ metric: String) -> Double? { figure(code, metric)?.value }
        let observedBy = Dictionary(grouping: observations, by: { $0.indicator + "|" + $0.regionCode })
        var statistics: [String: RegionStatistics] = [:]
        for region in published {
            statistics[region.code] = RegionStatistics(Dictionary(uniqueKeysWithValues: metrics.compactMap { m in figure(region.code, m).map { (m, $0) } }))
        }
        var reads: [String: (metrics: [String], statisticsOnly: Bool)] = [:]
        for def in IndicatorRegistry.all {
            guard let inputs = Self.inputs(of: def) else { continue }
            reads[def.code] = (inputs.statistics, !inputs.records)
        }
        /// The years (not after the data year) with actual figures for all `needed` metrics of a
        /// region: its own rows, or else the sums of its children for the years every child has.
        var actualCache: [String: [Int: [String: StatFigure]]] = [:]
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
                out = summed(kids.map { actualYears($0.code, needed) })
            }
            actualCache[key] = out
            return out
        }
        /// Sums figures over regions for the years all of them have.
        func summed(_ parts: [[Int: [String: StatFigure]]]) -> [Int: [String: StatFigure]] {
            guard let first = parts.first else { return [:] }
            var out: [Int: [String: StatFigure]] = [:]
            for y in first.keys where parts.allSatisfy({ $0[y] != nil }) {
                var sum: [String: StatFigure] = [:]
                for part in parts {
                    for (m, f) in part[y]! {
                        sum[m, default: StatFigure(value: 0, year: y, kind: .actual, source: Self.summedSource(f.source))].value += f.value
                    }
                }
                out[y] = sum
            }
            return out
        }
        /// Figures of one actual year for all `needed` metrics: the latest such year.
        func sameYear(_ code: String, _ needed: [String]) -> [String: StatFigure]? {
            actualYears(code, needed).max { $0.key < $1.key }?.value
        }
        /// Says which statistics are not actual figures of the data year, e.g. "60岁及以上人口：2025 年预测数（…）".
        func odd(_ used: [String: StatFigure]) -> [(key: String, value: StatFigure)] {
            used.filter { $0.value.projected || $0.value.year != year }.sorted { $0.key < $1.key }
        }
        func short(_ f: (key: String, value: StatFigure)) -> String {
            "\(metricNames[f.key] ?? f.key)：\(f.value.year) 年\(f.value.kind.label)"
        }
        func note(_ used: [String: StatFigure]) -> String? {
            let odd = odd(used)
            return odd.isEmpty ? nil : odd.map { "\(short($0))（\($0.value.source)）" }.joined(separator: "；")
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
                    let used = reads[def.code]!
                    if used.statisticsOnly {
                        // Numerator and denominator must be figures of one actual year (never a projection
                        // divided by another year's population); the value is of that year.
                        let figures = sameYear(region.code, used.metrics)
                        let (num, den) = figures.map { f(RegionFacts(), RegionStatistics($0)) } ?? (nil, nil)
                        let y = figures?.values.first?.year ?? year
                        values.append(IndicatorValue(code: def.code, regionCode: region.code, year: y, numerator: num, denominator: den,
                                                     value: value(num, den, def), source: figures.flatMap { note($0) },
                                                     statisticsNotOfTheYear: figures.map { odd($0).map(short) } ?? [],
                                                     statisticsYear: figures.flatMap { Self.year(of: $0) },
                                                     statisticsKind: figures.flatMap { Self.kind(of: $0) }))
                        continue
                    }
                    let (num, den) = f(regionFacts[k], regionStatistics[k])
                    let figures = regionStatistics[k].figures.filter { used.metrics.contains($0.key) }
                    values.append(IndicatorValue(code: def.code, regionCode: region.code, year: year,
                                                 numerator: num, denominator: den, value: value(num, den, def), source: note(figures),
                                                 statisticsNotOfTheYear: odd(figures).map(short),
                                                 statisticsYear: Self.year(of: figures), statisticsKind: Self.kind(of: figures)))
                case .observed:
                    let latest = (observedByRegion[def.code]?[region.code] ?? [])
                        .filter { $0.year <= year }.max { $0.year < $1.year }
                    values.append(IndicatorValue(code: def.code, regionCode: region.code, year: latest?.year ?? year,
                                                 numerator: nil, denominator: nil,
                                                 value: latest.map { Rounding.round($0.value, decimals: def.decimals) },
                                                 source: latest?.source, qualifier: latest?.qualifier))
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
                let used = reads[def.code]!
                if used.statisticsOnly {
                    // As for one region: one actual year that every root has.
                    let figures = summed(scope.roots.map { actualYears($0.code, used.metrics) }).max { $0.key < $1.key }
                    let (num, den) = figures.map { f(RegionFacts(), RegionStatistics($0.value)) } ?? (nil, nil)
                    siteTotals.append(IndicatorValue(code: def.code, regionCode: "", year: figures?.key ?? year, numerator: num,
                                                     denominator: den, value: value(num, den, def), source: nil))
                    continue
                }
                let (num, den) = f(all, RegionStatistics(sums))
                siteTotals.append(IndicatorValue(code: def.code, regionCode: "", year: year, numerator: num, denominator: den,
                                             value: value(num, den, def), source: nil))
            }
        }
        var report = IndicatorReport(year: year, values: values, totals: siteTotals)
        let evaluations = targets.map { t in
            let reported = observedBy[t.indicator + "|" + t.regionCode] ?? []
            // The baseline is the latest reported figure before the data year.
            let baseline = reported.filter { $0.year < year }.max { $0.year < $1.year }
            // A target whose year ended before the data year is judged on that year's figure.
            let ofTargetYear = reported.first { $0.year == t.year }.map { o in
                IndicatorValue(code: t.indicator, regionCode: t.regionCode, year: o.year, numerator: nil, denominator: nil,
                               value: Rounding.round(o.value, decimals: IndicatorRegistry.definition(t.indicator)?.decimals ?? 2),
                               source: o.source, qualifier: o.qualifier)
            } ?? (t.year < year ? earlier[IndicatorEngine.key(t.indicator, t.regionCode, t.year)] : nil)
            return evaluate(t, current: report.value(t.indicator, region: t.regionCode), asOf: asOf, baseline: baseline,
                            ofTargetYear: ofTargetYear)
        }

        var gaps: [BedGap] = []
        for region in published {
            guard let elderly = statsByRegion[region.code]?.first(where: { $0.metric == "population_60plus" && $0.year == 2025 })?.value,
                  let inst = stat(region.code, "beds_institution_existing"),
                  let comm = stat(region.code, "beds_community_fullcare_existing"),
                  // Figures beyond any region's (refused by the validator, which runs beside this) give no gap.
                  [elderly, inst, comm].allSatisfy({ $0.magnitude < 1e15 }) else { continue }
            let needed = Int(Rounding.round(elderly * 0.02, decimals: 0))
            gaps.append(BedGap(regionCode: region.code, elderly2025: elderly, needed: needed,
                               institutionBeds: Int(inst), communityBeds: Int(comm)))
        }
        var reported: [String: [Observation]] = [:]
        for o in observations {
            guard let def = IndicatorRegistry.definition(o.indicator), case .computed = def.basis else { continue }
            reported[o.indicator, default: []].append(o)
        }
        for k in reported.keys { reported[k]!.sort { ($0.regionCode, $0.year) < ($1.regionCode, $1.year) } }
        report.attach(evaluations: evaluations, bedGaps: gaps, reported: reported)
        return report
    }

    /// The key of `compute`'s `earlier` figures.
    public static func key(_ code: String, _ region: String, _ year: Int) -> String { "\(code)|\(region)|\(year)" }

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

    /// Judges a target on the figure of the right year:
    /// - a target year that ended before the data year: the figure of that year
    ///   (`ofTargetYear`, or the current value if it is of that year), never later data,
    ///   so a release does not turn a missed target into a met one;
    /// - otherwise the current value, if it is of the data year: an older reported
    ///   figure cannot show that a target of the data year or later is met.
    /// Without such a figure the status is "no data". A target not reached counts as
    /// missed once the data reach the last day of its year.
    public static func evaluate(_ t: Target, current: IndicatorValue?, asOf: ISODate, baseline: Observation? = nil,
                                ofTargetYear: IndicatorValue? = nil) -> TargetEvaluation {
        let judged: IndicatorValue?
        if t.year < asOf.year {
            judged = current?.year == t.year ? current : ofTargetYear
        } else {
            judged = current?.year == asOf.year ? current : nil
        }
        guard let v = judged?.value else {
            return TargetEvaluation(target: t, current: judged, status: .noData, gap: nil, latest: current)
        }
        let gap: Double
        var met: Bool
        switch t.comparator {
        case "<=": gap = v - t.value; met = v <= t.value
        case "=": gap = abs(v - t.value); met = v == t.value
        default: gap = t.value - v; met = v >= t.value
        }
        // A bound (40%以上, 超过180万) decides a target only when every value it allows meets it,
        // or none does: 40%以上 meets "at least 40%"; against "at least 100%" it decides nothing.
        if let q = judged?.qualifier {
            let lower = q == "at_least" || q == "more_than", strict = q == "more_than" || q == "less_than"
            let target = t.value
            // Beyond the target on the bound's open side: at_least 30 is above 20, more_than 20 is too.
            let above = v > target || (strict && lower && v >= target)
            let below = v < target || (strict && !lower && v <= target)
            let all: Bool, none: Bool
            switch t.comparator {
            case "<=": all = !lower && v <= target; none = lower && above
            case "=": all = false; none = lower ? above : below
            default: all = lower && v >= target; none = !lower && below
            }
            guard all || none else {
                return TargetEvaluation(target: t, current: judged, status: .noData, gap: nil, latest: current)
            }
            met = all
        }
        let yearEnded = asOf.year > t.year || (asOf.year == t.year && asOf.month == 12 && asOf.day == 31)
        let status: TargetStatus = met ? .met : (yearEnded ? .missed : .pending)
        let decimals = IndicatorRegistry.definition(t.indicator)?.decimals ?? 2
        // Straight line from the baseline (end of its year) to the target (end of the target year).
        var expected: Double?
        var onTrack: Bool?
        // A bound proves no distance to the target nor a pace (超过 180万 may be on the line or not).
        let bounded = judged?.qualifier != nil
        // By the day: a March snapshot is a quarter of the year's way, not the whole of it.
        if status == .pending, !bounded, let b = baseline, b.year < t.year, b.year < asOf.year, t.comparator != "=",
           let start = ISODate(String(format: "%04d-12-31", b.year)), let end = ISODate(String(format: "%04d-12-31", t.year)) {
            let e = b.value + (t.value - b.value) * Double(asOf.dayNumber - start.dayNumber) / Double(end.dayNumber - start.dayNumber)
            expected = Rounding.round(e, decimals: decimals)
            onTrack = t.comparator == "<=" ? v <= expected! : v >= expected!
        }
        return TargetEvaluation(target: t, current: judged, status: status, gap: bounded ? nil : Rounding.round(gap, decimals: decimals),
                                baseline: expected == nil ? nil : baseline, expectedNow: expected, onTrack: onTrack, latest: current)
    }
}
