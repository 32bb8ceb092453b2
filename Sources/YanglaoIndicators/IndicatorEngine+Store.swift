import YanglaoStore

extension IndicatorEngine {
    /// Computes the report straight from a database: the rating state of each
    /// institution as of `asOf`, facts per region, then every indicator.
    /// (The publisher gathers the same facts in its own single pass.)
    public static func compute(store: DataStore, asOf: ISODate) throws -> IndicatorReport {
        var histories: [String: [Rating]] = [:]
        try store.forEachRating { histories[$0.institutionID, default: []].append($0) }
        var facts: [String: RegionFacts] = [:]
        try store.forEachInstitution { i in
            facts[i.regionCode, default: RegionFacts()].add(i, rating: RatingState(history: histories[i.id] ?? [], asOf: asOf))
        }
        return compute(regions: try store.regions(), stats: try store.regionStats(), facts: facts,
                       targets: try store.targets(), observations: try store.observations(), asOf: asOf)
    }
}
