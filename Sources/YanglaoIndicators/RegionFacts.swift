import YanglaoStore

/// Counts gathered from facility records for one region; summing two facts
/// gives the facts of both, which is how a city is aggregated from its counties.
public struct RegionFacts: Sendable, Equatable {
    /// Care institutions (category `institution`) not closed.
    public var institutions = 0
    public var publicInstitutions = 0
    public var beds = 0
    public var bedsNursing = 0
    /// Residents and beds of institutions that report residents (occupancy denominator).
    public var residents = 0
    public var bedsWithResidents = 0
    public var publicResidents = 0
    public var publicBedsWithResidents = 0
    public var rated = 0
    public var ratedLevel3Plus = 0
    public var medicalIntegration = 0
    public var fireSafetyAccepted = 0
    /// Caregivers reported (a facility that reports none adds nothing), and the beds of the
    /// institutions that report them (beds per caregiver counts those only, as occupancy does).
    public var caregivers = 0
    public var bedsWithCaregivers = 0
    /// Certified caregivers reported; and the certified and all caregivers of the institutions
    /// that report both (the certified rate's numerator and denominator).
    public var caregiversCertified = 0
    public var certifiedOfBoth = 0
    public var caregiversWithCertified = 0
    public var socialWorkers = 0
    /// Community facilities (category `community`) not closed.
    public var communityFacilities = 0
    public var townshipCentres = 0
    public var villageDaycare = 0

    public init() {}

    // Sums wrap rather than trap: the build counts while validation runs beside it, and a
    // stored count far out of range (refused by validation, which stops the build) must
    // not crash the count first.

    /// Adds one facility. Closed facilities do not count; suspended ones still
    /// exist with their beds and count, as in the plans' own totals.
    public mutating func add(_ i: Institution, rating: RatingState) {
        guard i.status != "closed" else { return }
        switch i.category {
        case "community": communityFacilities &+= 1
        case "township_centre": townshipCentres &+= 1
        case "village_daycare": villageDaycare &+= 1
        default:
            institutions &+= 1
            let isPublic = i.ownership != "private"
            if isPublic { publicInstitutions &+= 1 }
            beds &+= i.bedsTotal
            bedsNursing &+= i.bedsNursing
            if let r = i.residents {
                residents &+= r; bedsWithResidents &+= i.bedsTotal
                if isPublic { publicResidents &+= r; publicBedsWithResidents &+= i.bedsTotal }
            }
            if let level = rating.currentLevel {
                rated &+= 1
                if level >= 3 { ratedLevel3Plus &+= 1 }
            }
            if i.medicalIntegration != "none" { medicalIntegration &+= 1 }
            if i.fireSafetyAccepted { fireSafetyAccepted &+= 1 }
            caregiversCertified &+= i.caregiversCertified ?? 0
            if let c = i.caregivers {
                caregivers &+= c; bedsWithCaregivers &+= i.bedsTotal
                if let certified = i.caregiversCertified { certifiedOfBoth &+= certified; caregiversWithCertified &+= c }
            }
            socialWorkers &+= i.socialWorkers ?? 0
        }
    }

    public static func + (a: RegionFacts, b: RegionFacts) -> RegionFacts {
        var s = a
        s.institutions &+= b.institutions; s.publicInstitutions &+= b.publicInstitutions
        s.beds &+= b.beds; s.bedsNursing &+= b.bedsNursing
        s.residents &+= b.residents; s.bedsWithResidents &+= b.bedsWithResidents
        s.publicResidents &+= b.publicResidents; s.publicBedsWithResidents &+= b.publicBedsWithResidents
        s.rated &+= b.rated; s.ratedLevel3Plus &+= b.ratedLevel3Plus
        s.medicalIntegration &+= b.medicalIntegration; s.fireSafetyAccepted &+= b.fireSafetyAccepted
        s.caregivers &+= b.caregivers; s.caregiversCertified &+= b.caregiversCertified
        s.bedsWithCaregivers &+= b.bedsWithCaregivers; s.caregiversWithCertified &+= b.caregiversWithCertified
        s.certifiedOfBoth &+= b.certifiedOfBoth
        s.socialWorkers &+= b.socialWorkers
        s.communityFacilities &+= b.communityFacilities; s.townshipCentres &+= b.townshipCentres
        s.villageDaycare &+= b.villageDaycare
        return s
    }
}
