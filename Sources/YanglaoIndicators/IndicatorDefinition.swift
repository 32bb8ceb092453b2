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
    /// What the direction means for a reader where it is not theirs (occupancy: better used beds,
    /// fewer free ones for a family looking for a place); shown on the indicator's page only.
    public var directionNoteZH: String? = nil

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

/// One region statistic as used: its value, year, kind (`region_stats.kind`) and source.
struct StatFigure: Sendable {
    var value: Double
    var year: Int
    var kind: StatKind
    var source: String
    /// Not an actual count of its year (a projection or an estimate).
    var projected: Bool { kind != .actual }
}

/// `region_stats.kind`. A sum of figures is of the least certain kind among them.
public enum StatKind: String, Sendable, Comparable {
    case actual, estimate, projection

    /// An unknown word (refused by the importer and the validator) counts as a projection.
    init(_ word: String) { self = StatKind(rawValue: word) ?? .projection }

    public var label: String {
        switch self {
        case .actual: "实际数"
        case .estimate: "推算数"
        case .projection: "预测数"
        }
    }

    private var rank: Int { self == .actual ? 0 : self == .estimate ? 1 : 2 }
    public static func < (a: StatKind, b: StatKind) -> Bool { a.rank < b.rank }
}

/// Records the metrics an indicator's formula reads.
final class StatProbe: @unchecked Sendable {
    var used: Set<String> = []
}
