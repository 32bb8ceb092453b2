import YanglaoStore

/// One public indicator: what it means, how it is computed, how it is rounded.
public struct IndicatorDefinition: Sendable {
    public enum Basis: Sendable {
        /// numerator ÷ denominator × scale from records and region statistics;
        /// a count has no denominator.
        case computed(@Sendable (RegionFacts, RegionStatistics) -> (numerator: Double?, denominator: Double?))
        /// Reported in `observations` with a source.
        case observed
    }

    /// Which way is better. `neutral` describes a situation (the share of older people
    /// in the population) rather than a service, so it is neither good nor bad.
    public enum Direction: String, Sendable {
        case higher, lower, neutral
    }

    public let code: String
    public let nameZH: String
    public let nameEN: String
    /// Unit as shown, e.g. "%", "张", "张/千名老年人".
    public let unit: String
    public let definitionZH: String
    public let numeratorZH: String
    public let denominatorZH: String?
    /// 100 for percentages, 1000 for "per 1000", 1 for counts.
    public let scale: Int
    public let decimals: Int
    public let direction: Direction
    public let basis: Basis

    /// True for figures reported by a department or printed in a plan (`observations`).
    public var isReported: Bool { if case .observed = basis { true } else { false } }

    /// True for values in percent (stored and targeted as 0–100).
    public var isPercent: Bool { unit == "%" }
}

/// Region statistics by metric for the indicators' reference year.
public struct RegionStatistics: Sendable {
    var values: [String: Double]
    /// Where each figure comes from, when known (see `StatFigure`).
    var figures: [String: StatFigure] = [:]
    /// Set only while the engine finds out which metrics an indicator reads.
    var probe: StatProbe?

    public init(_ values: [String: Double]) { self.values = values }
    init(_ figures: [String: StatFigure]) {
        self.values = figures.mapValues(\.value); self.figures = figures
    }

    public subscript(metric: String) -> Double? {
        probe?.used.insert(metric)
        return values[metric]
    }
}

/// One region statistic as used: its value, year, whether it is a projection, and its source.
struct StatFigure: Sendable {
    var value: Double
    var year: Int
    var projected: Bool
    var source: String
}

/// Records the metrics an indicator's formula reads.
final class StatProbe: @unchecked Sendable {
    var used: Set<String> = []
}
