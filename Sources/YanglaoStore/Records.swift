/// Plain values read from the database. Field names follow `docs/schema.md`;
/// enumerations keep the stored code and the pages translate it.

/// A GB/T 2260 administrative region.
public struct Region: Sendable, Equatable {
    public var code: String
    public var name: String
    /// `province`, `city` or `county`.
    public var level: String
    public var parentCode: String?

    public init(code: String, name: String, level: String, parentCode: String?) {
        self.code = code; self.name = name; self.level = level; self.parentCode = parentCode
    }
}

/// One statistic of a region for a year (population, communities, …).
public struct RegionStat: Sendable, Equatable {
    public var regionCode: String
    public var year: Int
    public var metric: String
    public var value: Double
    /// `actual` or `projection`.
    public var kind: String
    public var source: String
}

/// A care institution or community facility, keyed by its USCC.
public struct Institution: Sendable, Equatable {
    public var id: String
    public var name: String
    public var regionCode: String
    /// `institution`, `community`, `township_centre` or `village_daycare`.
    public var category: String
    /// `public`, `private` or `public_private`.
    public var ownership: String
    public var address: String?
    public var phone: String?
    public var latitude: Double?
    public var longitude: Double?
    public var openedOn: String?
    /// `operating`, `suspended` or `closed`.
    public var status: String
    public var bedsTotal: Int
    public var bedsNursing: Int
    public var residents: Int?
    public var caregivers: Int?
    public var caregiversCertified: Int?
    public var socialWorkers: Int?
    /// `none`, `in_house` or `contracted`.
    public var medicalIntegration: String
    public var fireSafetyAccepted: Bool
    public var updatedOn: String
    /// Earlier names (曾用名), the latest first.
    public var formerNames: [String]

    public init(id: String, name: String, regionCode: String, category: String, ownership: String,
                address: String? = nil, phone: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
                openedOn: String? = nil, status: String = "operating", bedsTotal: Int = 0, bedsNursing: Int = 0,
                residents: Int? = nil, caregivers: Int? = nil, caregiversCertified: Int? = nil,
                socialWorkers: Int? = nil, medicalIntegration: String = "none", fireSafetyAccepted: Bool = false,
                updatedOn: String = "", formerNames: [String] = []) {
        self.id = id; self.name = name; self.regionCode = regionCode; self.category = category
        self.ownership = ownership; self.address = address; self.phone = phone; self.latitude = latitude
        self.longitude = longitude; self.openedOn = openedOn; self.status = status; self.bedsTotal = bedsTotal
        self.bedsNursing = bedsNursing; self.residents = residents; self.caregivers = caregivers
        self.caregiversCertified = caregiversCertified; self.socialWorkers = socialWorkers
        self.medicalIntegration = medicalIntegration; self.fireSafetyAccepted = fireSafetyAccepted
        self.updatedOn = updatedOn; self.formerNames = formerNames
    }
}

/// One rating decision under GB/T 37276-2018.
public struct Rating: Sendable, Equatable {
    public var id: String
    public var institutionID: String
    /// 1 (一级, lowest) … 5 (五级, highest).
    public var level: Int
    public var score: Double?
    public var ratedOn: String
    public var validUntil: String
    public var assessor: String
    public var documentNo: String
    public var withdrawnOn: String?

    public init(id: String, institutionID: String, level: Int, score: Double?, ratedOn: String,
                validUntil: String, assessor: String, documentNo: String, withdrawnOn: String?) {
        self.id = id; self.institutionID = institutionID; self.level = level; self.score = score
        self.ratedOn = ratedOn; self.validUntil = validUntil; self.assessor = assessor
        self.documentNo = documentNo; self.withdrawnOn = withdrawnOn
    }
}

/// One credit record (信用记录): pledge, penalty, spot check, reward, punishment or blacklist entry.
public struct CreditRecord: Sendable, Equatable {
    public var id: String
    public var institutionID: String
    /// `pledge`, `penalty`, `spot_check`, `reward`, `punishment` or `blacklist`.
    public var kind: String
    /// `organisation` or `person`.
    public var subjectType: String
    public var subjectName: String
    public var decidedOn: String
    public var documentNo: String?
    public var authority: String
    public var reason: String?
    public var basis: String?
    public var result: String?
    public var fineYuan: Double?
    /// `ordinary` or `serious`, for penalties, punishments and blacklist entries.
    public var severity: String?
    public var discloseUntil: String?
    public var repairedOn: String?

    public init(id: String, institutionID: String, kind: String, subjectType: String = "organisation",
                subjectName: String, decidedOn: String, documentNo: String? = nil, authority: String,
                reason: String? = nil, basis: String? = nil, result: String? = nil, fineYuan: Double? = nil,
                severity: String? = nil, discloseUntil: String? = nil, repairedOn: String? = nil) {
        self.id = id; self.institutionID = institutionID; self.kind = kind; self.subjectType = subjectType
        self.subjectName = subjectName; self.decidedOn = decidedOn; self.documentNo = documentNo
        self.authority = authority; self.reason = reason; self.basis = basis; self.result = result
        self.fineYuan = fineYuan; self.severity = severity; self.discloseUntil = discloseUntil
        self.repairedOn = repairedOn
    }
}

/// One item of a basic-services list (基本养老服务清单).
public struct Service: Sendable, Equatable {
    public var id: String
    public var seq: Int
    public var targetGroup: String
    public var name: String
    public var content: String
    /// `material`, `care`, `caregiving` or `medical`.
    public var type: String
    public var department: String
    public var localAddition: Bool
    public var regionCode: String
}

/// A plan target for an indicator in a region and year.
public struct Target: Sendable, Equatable {
    public var indicator: String
    public var regionCode: String
    public var year: Int
    /// Percent indicators are stored as 0–100.
    public var value: Double
    /// `>=`, `<=` or `=`.
    public var comparator: String
    /// `binding` (约束性) or `expected` (预期性).
    public var binding: String
    public var source: String
    /// False when the document gives no year and `year` is the plan period's last (规划期末).
    public var yearStated: Bool

    public init(indicator: String, regionCode: String, year: Int, value: Double,
                comparator: String, binding: String, source: String, yearStated: Bool = true) {
        self.indicator = indicator; self.regionCode = regionCode; self.year = year; self.value = value
        self.comparator = comparator; self.binding = binding; self.source = source; self.yearStated = yearStated
    }
}

/// A value reported directly for an indicator no facility record can give.
public struct Observation: Sendable, Equatable {
    public var indicator: String
    public var regionCode: String
    public var year: Int
    public var value: Double
    public var source: String
    /// The figure is a bound, not the value itself: `at_least` (40%以上), `more_than` (超过180万),
    /// `at_most`, `less_than`; nil for the value itself.
    public var qualifier: String?

    public init(indicator: String, regionCode: String, year: Int, value: Double, source: String, qualifier: String? = nil) {
        self.indicator = indicator; self.regionCode = regionCode; self.year = year; self.value = value; self.source = source
        self.qualifier = qualifier
    }
}
