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

    /// The indicators a site shows (a page and an entry on the list each): those with a figure
    /// or a target in some region, in registry order. Others are only named where they lack data.
    public var shownIndicators: [IndicatorDefinition] {
        let withValue = Set(values.filter { $0.value != nil }.map(\.code))
        let withTarget = Set(evaluations.map(\.target.indicator))
        return IndicatorRegistry.all.filter { withValue.contains($0.code) || withTarget.contains($0.code) }
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
        ones.villageDaycare = 1; ones.bedsWithCaregivers = 1; ones.caregiversWithCertified = 1; ones.certifiedOfBoth = 1
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
        let totals = summedFacts(facts, children: children, of: published + scope.roots)
        let resolver = StatisticsResolver(stats: stats, children: children, published: published, year: year)
        let statistics = Dictionary(uniqueKeysWithValues: published.map { ($0.code, resolver.statistics($0.code)) })

        var report = IndicatorReport(
            year: year,
            values: regionValues(published, totals: totals, statistics: statistics, observations: observations, resolver: resolver),
            totals: scope.roots.count > 1 ? siteTotals(scope.roots, totals: totals, statistics: statistics, resolver: resolver) : [])
        let evaluations = evaluate(targets, report: report, observations: observations, asOf: asOf, earlier: earlier)
        let gaps = bedGaps(published, resolver: resolver)
        var reported: [String: [Observation]] = [:]
        for o in observations {
            guard let def = IndicatorRegistry.definition(o.indicator), case .computed = def.basis else { continue }
            reported[o.indicator, default: []].append(o)
        }
        for k in reported.keys { reported[k]!.sort { ($0.regionCode, $0.year) < ($1.regionCode, $1.year) } }
        report.attach(evaluations: evaluations, bedGaps: gaps, reported: reported)
        return report
    }

    /// Each region's facility counts with its descendants': a city's are its counties' sums.
    static func summedFacts(_ facts: [String: RegionFacts], children: [String: [Region]], of regions: [Region]) -> [String: RegionFacts] {
        var totals: [String: RegionFacts] = [:]
        func total(_ code: String) -> RegionFacts {
            if let known = totals[code] { return known }
            let sum = (children[code] ?? []).reduce(facts[code] ?? RegionFacts()) { $0 + total($1.code) }
            totals[code] = sum
            return sum
        }
        for r in regions { _ = total(r.code) }
        return totals
    }

    /// The metrics each computed indicator reads, and whether it reads only statistics (no records).
    static let reads: [String: (metrics: [String], statisticsOnly: Bool)] = {
        var reads: [String: (metrics: [String], statisticsOnly: Bool)] = [:]
        for def in IndicatorRegistry.all {
            guard let inputs = inputs(of: def) else { continue }
            reads[def.code] = (inputs.statistics, !inputs.records)
        }
        return reads
    }()

    /// Every registered indicator in every published region, in registry then region order.
    static func regionValues(_ published: [Region], totals: [String: RegionFacts], statistics: [String: RegionStatistics],
                             observations: [Observation], resolver: StatisticsResolver) -> [IndicatorValue] {
        let year = resolver.year
        var observedByRegion: [String: [String: [Observation]]] = [:]
        for o in observations { observedByRegion[o.indicator, default: [:]][o.regionCode, default: []].append(o) }
        var values: [IndicatorValue] = []
        values.reserveCapacity(IndicatorRegistry.all.count * published.count)
        for def in IndicatorRegistry.all {
            for region in published {
                switch def.basis {
                case .computed(let f):
                    let used = reads[def.code]!
                    if used.statisticsOnly {
                        // Numerator and denominator must be figures of one actual year (never a projection
                        // divided by another year's population); the value is of that year.
                        let figures = resolver.sameYear(region.code, used.metrics)
                        let (num, den) = figures.map { f(RegionFacts(), RegionStatistics($0)) } ?? (nil, nil)
                        let y = figures?.values.first?.year ?? year
                        values.append(IndicatorValue(code: def.code, regionCode: region.code, year: y, numerator: num, denominator: den,
                                                     value: value(num, den, def), source: figures.flatMap(resolver.note),
                                                     statisticsNotOfTheYear: figures.map(resolver.notOfTheYear) ?? [],
                                                     statisticsYear: figures.flatMap { Self.year(of: $0) },
                                                     statisticsKind: figures.flatMap { Self.kind(of: $0) }))
                        continue
                    }
                    let regionStatistics = statistics[region.code]!
                    let (num, den) = f(totals[region.code]!, regionStatistics)
                    let figures = regionStatistics.figures.filter { used.metrics.contains($0.key) }
                    values.append(IndicatorValue(code: def.code, regionCode: region.code, year: year,
                                                 numerator: num, denominator: den, value: value(num, den, def), source: resolver.note(figures),
                                                 statisticsNotOfTheYear: resolver.notOfTheYear(figures),
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
        return values
    }

    /// A site with several roots (a national one) also gets the total over its roots, under
    /// region code "": numerators and denominators summed.
    static func siteTotals(_ roots: [Region], totals: [String: RegionFacts], statistics: [String: RegionStatistics],
                           resolver: StatisticsResolver) -> [IndicatorValue] {
        let year = resolver.year
        let all = roots.reduce(RegionFacts()) { $0 + totals[$1.code]! }
        var sums: [String: Double] = [:]
        for m in statisticMetrics {
            var sum: Double? = 0
            for r in roots { guard let v = statistics[r.code]?[m] else { sum = nil; break }; sum! += v }
            if let sum { sums[m] = sum }
        }
        var out: [IndicatorValue] = []
        for def in IndicatorRegistry.all {
            guard case .computed(let f) = def.basis else { continue }
            let used = reads[def.code]!
            if used.statisticsOnly {
                // As for one region: one actual year that every root has.
                let figures = StatisticsResolver.summed(roots.map { resolver.actualYears($0.code, used.metrics) }).max { $0.key < $1.key }
                let (num, den) = figures.map { f(RegionFacts(), RegionStatistics($0.value)) } ?? (nil, nil)
                out.append(IndicatorValue(code: def.code, regionCode: "", year: figures?.key ?? year, numerator: num,
                                          denominator: den, value: value(num, den, def), source: nil))
                continue
            }
            let (num, den) = f(all, RegionStatistics(sums))
            out.append(IndicatorValue(code: def.code, regionCode: "", year: year, numerator: num, denominator: den,
                                      value: value(num, den, def), source: nil))
        }
        return out
    }

    /// Each target judged on its region's value, or on the figure of the target year once that
    /// year has ended (reported, or published by an earlier release).
    static func evaluate(_ targets: [Target], report: IndicatorReport, observations: [Observation], asOf: ISODate,
                         earlier: [String: IndicatorValue]) -> [TargetEvaluation] {
        let year = asOf.year
        let observedBy = Dictionary(grouping: observations, by: { $0.indicator + "|" + $0.regionCode })
        return targets.map { t in
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
    }

    /// The plan's annex-2 method per region: 2 % of the projected 2025 population aged 60+
    /// minus existing institution and community full-care beds.
    static func bedGaps(_ published: [Region], resolver: StatisticsResolver) -> [BedGap] {
        var gaps: [BedGap] = []
        for region in published {
            guard let elderly = resolver.rows(region.code, "population_60plus").first(where: { $0.year == 2025 })?.value,
                  let inst = resolver.figure(region.code, "beds_institution_existing")?.value,
                  let comm = resolver.figure(region.code, "beds_community_fullcare_existing")?.value,
                  // Figures beyond any region's (refused by the validator, which runs beside this) give no gap.
                  [elderly, inst, comm].allSatisfy({ $0.magnitude < 1e15 }) else { continue }
            let needed = Int(Rounding.round(elderly * 0.02, decimals: 0))
            gaps.append(BedGap(regionCode: region.code, elderly2025: elderly, needed: needed,
                               institutionBeds: Int(inst), communityBeds: Int(comm)))
        }
        return gaps
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
