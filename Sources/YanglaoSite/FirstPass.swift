import YanglaoIndicators
import YanglaoStore

/// The build's first pass (small; no page yet): each facility's rating history as of the
/// reference day, the facts per region the indicators are computed from, and what the later
/// passes look facilities up by.
struct FirstPass {
    /// Ratings by facility. A rating decided after the reference day is not part of these data
    /// (as a credit record decided after it is not disclosed yet): no page, dataset or feed shows it.
    var histories: [String: [Rating]] = [:]
    /// The same rows as stored, for telling which facilities' pages need rendering (`RenderMemo`).
    var ratingRows: [String: [UInt8]] = [:]
    var facts: [String: RegionFacts] = [:]
    var names: [String: String] = [:]
    var regionOf: [String: String] = [:]
    var facilityCount = 0
    /// The first facility key that cannot be a path (reported after the validator's findings, which say more).
    var unsafeID: String?

    init(store: DataStore, asOf: ISODate) throws {
        try store.forEachRating { r, row in
            guard let rated = ISODate(r.ratedOn), rated <= asOf else { return }
            ratingRows[r.institutionID, default: []] += row
            // Nor is a withdrawal after that day: until then the rating stands, and no page,
            // dataset or feed shows the later date (as a credit record's later repair is not).
            var r = r
            if let text = r.withdrawnOn, let withdrawn = ISODate(text), withdrawn > asOf { r.withdrawnOn = nil }
            histories[r.institutionID, default: []].append(r)
        }
        try store.forEachInstitutionToCount { i in
            if SafePath.institution(i.id) == nil, unsafeID == nil { unsafeID = i.id }
            let state = RatingState(history: histories[i.id] ?? [], asOf: asOf)
            facts[i.regionCode, default: RegionFacts()].add(i, rating: state)
            names[i.id] = i.name
            regionOf[i.id] = i.regionCode
            facilityCount += 1
        }
    }
}
