import Foundation
import XCTest
import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

final class RoundingTests: XCTestCase {
    func testOneEighthIsExactlyTwelvePointFivePercent() {
        XCTAssertEqual(Rounding.ratio(1, 8, scale: 100, decimals: 2), 12.5)
        XCTAssertEqual(Rounding.ratio(1, 8, scale: 100, decimals: 0), 13, "12.5 rounds away from zero")
    }

    func testTwoThirdsWithTwoDecimals() {
        XCTAssertEqual(Rounding.ratio(2, 3, scale: 100, decimals: 2), 66.67)
    }

    func testHalfRoundsAwayFromZero() {
        XCTAssertEqual(Rounding.ratio(1, 200, scale: 100, decimals: 0), 1, "0.5 → 1")
        XCTAssertEqual(Rounding.ratio(-1, 200, scale: 100, decimals: 0), -1, "-0.5 → -1")
        XCTAssertEqual(Rounding.ratio(1, 8, scale: 1, decimals: 2), 0.13, "0.125 → 0.13")
        XCTAssertEqual(Rounding.round(2.5, decimals: 0), 3)
        XCTAssertEqual(Rounding.round(-2.5, decimals: 0), -3)
    }

    func testZeroDenominatorIsNoData() {
        XCTAssertNil(Rounding.ratio(5, 0, scale: 100, decimals: 2))
        XCTAssertNil(Rounding.ratio(0, 0, scale: 100, decimals: 2))
    }

    func testPerThousandScale() {
        XCTAssertEqual(Rounding.ratio(954, 47_700, scale: 1000, decimals: 2), 20)
        XCTAssertEqual(Rounding.ratio(7, 3, scale: 1000, decimals: 2), 2333.33)
    }

    func testNonIntegerInputs() {
        XCTAssertEqual(Rounding.ratio(0.5, 4, scale: 100, decimals: 2), 12.5)
    }

    func testFormatKeepsExactlyTheDecimals() {
        XCTAssertEqual(Rounding.format(12.5, decimals: 2), "12.50")
        XCTAssertEqual(Rounding.format(3, decimals: 0), "3")
        XCTAssertEqual(Rounding.format(-0.125, decimals: 2), "-0.13")
        XCTAssertEqual(Rounding.format(-0.001, decimals: 2), "0.00")
    }
}

final class IndicatorEngineTests: XCTestCase {
    let asOf = ISODate("2024-12-31")!

    /// Regions and statistics of the sample, read back from a loaded database.
    func sampleInputs(statsCSV: String? = nil) throws -> (regions: [Region], stats: [RegionStat]) {
        let ws = try Workspace(self)
        let store = try DataStore(path: try ws.database("db.sqlite", statsCSV.map { ["region_stats": $0] } ?? [:]))
        return (try store.regions(), try store.regionStats())
    }

    func institution(_ id: String, region: String, category: String = "institution", beds: Int, nursing: Int,
                     ownership: String = "public") -> Institution {
        Institution(id: id, name: id, regionCode: region, category: category, ownership: ownership,
                    bedsTotal: beds, bedsNursing: nursing)
    }

    /// 曲沃县: 10 beds, 1 nursing (10 %); 翼城县: 90 beds, 90 nursing (100 %).
    func unevenFacts() -> [String: RegionFacts] {
        var quwo = RegionFacts(), yicheng = RegionFacts()
        quwo.add(institution("A", region: Sample.quwo, beds: 10, nursing: 1), rating: .unrated)
        yicheng.add(institution("B", region: Sample.yicheng, beds: 90, nursing: 90), rating: .unrated)
        return [Sample.quwo: quwo, Sample.yicheng: yicheng]
    }

    func compute(facts: [String: RegionFacts], targets: [Target] = [], observations: [Observation] = [],
                 statsCSV: String? = nil) throws -> IndicatorReport {
        let input = try sampleInputs(statsCSV: statsCSV)
        return IndicatorEngine.compute(regions: input.regions, stats: input.stats, facts: facts, targets: targets,
                                       observations: observations, asOf: asOf)
    }

    func target(_ indicator: String, _ region: String, year: Int, _ comparator: String, _ value: Double) -> Target {
        Target(indicator: indicator, regionCode: region, year: year, value: value, comparator: comparator,
               binding: "binding", source: "测试")
    }

    func testCountyShareIsItsOwnRatio() throws {
        let report = try compute(facts: unevenFacts())
        XCTAssertEqual(report.value("nursing_bed_share", region: Sample.quwo)?.value, 10)
        XCTAssertEqual(report.value("nursing_bed_share", region: Sample.yicheng)?.value, 100)
    }

    func testCityShareSumsNumeratorsAndDenominators() throws {
        let city = try compute(facts: unevenFacts()).value("nursing_bed_share", region: Sample.city)
        XCTAssertEqual(city?.numerator, 91)
        XCTAssertEqual(city?.denominator, 100)
        // 91 ÷ 100, not the average of 10 % and 100 % (55 %).
        XCTAssertEqual(city?.value, 91)
    }

    func testCityCountsAddUpTheCounties() throws {
        var facts = unevenFacts()
        facts[Sample.yicheng]!.add(institution("C", region: Sample.yicheng, category: "community", beds: 5, nursing: 0),
                                   rating: .unrated)
        let report = try compute(facts: facts)
        XCTAssertEqual(report.value("institutions", region: Sample.city)?.value, 2)
        XCTAssertEqual(report.value("beds_total", region: Sample.city)?.value, 100)
        XCTAssertEqual(report.value("community_facilities", region: Sample.city)?.value, 1)
    }

    /// A home that reports no caregivers is not counted as one without any: its beds leave
    /// beds per caregiver, as a home without residents leaves occupancy; the certified rate
    /// counts homes that report both figures.
    func testUnreportedStaffFiguresAreLeftOutNotCountedAsNone() throws {
        var quwo = RegionFacts()
        var reporting = institution("A", region: Sample.quwo, beds: 70, nursing: 10)
        reporting.caregivers = 10; reporting.caregiversCertified = 7
        var silent = institution("B", region: Sample.quwo, beds: 30, nursing: 10)
        silent.caregiversCertified = 3 // certified given, caregivers not
        var partial = institution("C", region: Sample.quwo, beds: 20, nursing: 0)
        partial.caregivers = 4 // caregivers given, certified not
        for i in [reporting, silent, partial] { quwo.add(i, rating: .unrated) }
        let report = try compute(facts: [Sample.quwo: quwo])
        let perCaregiver = report.value("beds_per_caregiver", region: Sample.quwo)
        XCTAssertEqual([perCaregiver?.numerator, perCaregiver?.denominator], [90, 14], "B's 30 beds are not beds without caregivers")
        let certified = report.value("caregiver_certified_rate", region: Sample.quwo)
        XCTAssertEqual([certified?.numerator, certified?.denominator], [7, 10], "only A reports both")
        XCTAssertEqual(report.value("caregivers", region: Sample.quwo)?.value, 14)
    }

    func testProvinceIsNotPublished() throws {
        XCTAssertNil(try compute(facts: unevenFacts()).value("institutions", region: "140000"))
    }

    func testClosedFacilitiesDoNotCount() {
        var facts = RegionFacts()
        var closed = institution("X", region: Sample.quwo, beds: 50, nursing: 10)
        closed.status = "closed"
        facts.add(closed, rating: .unrated)
        XCTAssertEqual(facts, RegionFacts())
    }

    func testMissingDenominatorIsNoData() throws {
        // 翼城县 has no 60+ population: its rate and the city's (which needs every county) have no data.
        let stats = """
            region_code,year,metric,value,kind,source
            141021,2025,population_60plus,47700,projection,测试

            """
        let report = try compute(facts: unevenFacts(), statsCSV: stats)
        XCTAssertEqual(report.value("beds_per_1000_elderly", region: Sample.quwo)?.value, 0.21)
        let yicheng = report.value("beds_per_1000_elderly", region: Sample.yicheng)
        XCTAssertNil(yicheng?.denominator)
        XCTAssertNil(yicheng?.value)
        XCTAssertNil(report.value("beds_per_1000_elderly", region: Sample.city)?.value)
    }

    func testZeroDenominatorIsNoData() throws {
        let report = try compute(facts: [Sample.quwo: unevenFacts()[Sample.quwo]!])
        let yicheng = report.value("nursing_bed_share", region: Sample.yicheng)
        XCTAssertEqual(yicheng?.denominator, 0)
        XCTAssertNil(yicheng?.value)
    }

    /// The ageing rate is made of statistics only: both must be actual figures of one year.
    func testARateOfStatisticsNeverDividesAProjectionByAnotherYearsPopulation() throws {
        let stats = """
            region_code,year,metric,value,kind,source
            141021,2022,population,220000,actual,测试统计
            141021,2025,population_60plus,47700,projection,测试规划附件2
            141022,2021,population,290000,actual,测试统计
            141022,2021,population_60plus,58000,actual,测试统计
            141022,2023,population,300000,actual,测试统计
            """
        let report = try compute(facts: unevenFacts(), statsCSV: stats)
        XCTAssertNil(report.value("ageing_rate", region: Sample.quwo)?.value, "a 2025 projection over 2022 population is no rate")
        let yicheng = try XCTUnwrap(report.value("ageing_rate", region: Sample.yicheng))
        XCTAssertEqual(yicheng.value, 20, "58 000 ÷ 290 000, both of 2021 (not 2023's population)")
        XCTAssertEqual(yicheng.year, 2021)
        // A rate of records over a statistic uses the nearest figure, and says so.
        let beds = try XCTUnwrap(report.value("beds_per_1000_elderly", region: Sample.quwo))
        XCTAssertEqual(beds.denominator, 47700)
        XCTAssertEqual(beds.source, "60岁及以上人口：2025 年预测数（测试规划附件2）")
        XCTAssertEqual(report.value("beds_per_1000_elderly", region: Sample.yicheng)?.source, "60岁及以上人口：2021 年实际数（测试统计）")
    }

    /// A figure worked out from a document (推算数) is named as one, not as an actual count
    /// or a projection; a city with its own actual figure uses that.
    func testEstimatesAreNamedAsEstimates() throws {
        let stats = """
            region_code,year,metric,value,kind,source
            141000,2024,urban_communities,30,actual,测试公报
            141021,2024,urban_communities,10,estimate,测试推算
            141022,2024,urban_communities,20,estimate,测试推算
            141022,2024,urban_communities,25,projection,测试预测
            """
        let report = try compute(facts: unevenFacts(), statsCSV: stats)
        let quwo = try XCTUnwrap(report.value("community_facility_coverage", region: Sample.quwo))
        XCTAssertEqual(quwo.denominator, 10)
        XCTAssertEqual(quwo.statisticsKind, .estimate)
        XCTAssertEqual(quwo.source, "城市社区数：2024 年推算数（测试推算）")
        let city = try XCTUnwrap(report.value("community_facility_coverage", region: Sample.city))
        XCTAssertEqual(city.denominator, 30)
        XCTAssertEqual(city.statisticsKind, .actual)
        XCTAssertEqual(report.value("community_facility_coverage", region: Sample.yicheng)?.denominator, 20, "an estimate wins over a projection of its year")
        XCTAssertEqual(Datasets.rows(quwo, regionName: "曲沃县", evaluations: [], dataAsOf: "2024-12-31").first?[12], .text("estimate"))
    }

    /// Counties and their city divide by figures of one year, so they compare: a city's 2022
    /// census count is not set beside its counties' 2025 projections.
    func testRatesOfRecordsOverStatisticsUseOneYearEverywhere() throws {
        let stats = """
            region_code,year,metric,value,kind,source
            141000,2022,population_60plus,80000,actual,测试普查
            141021,2025,population_60plus,40000,projection,测试规划附件2
            141021,2028,population_60plus,45000,projection,测试规划附件2
            141022,2025,population_60plus,60000,projection,测试规划附件2
            141022,2028,population_60plus,70000,projection,测试规划附件2
            """
        let report = try compute(facts: unevenFacts(), statsCSV: stats)
        let city = try XCTUnwrap(report.value("beds_per_1000_elderly", region: Sample.city))
        XCTAssertEqual(city.denominator, 100_000, "the counties' 2025 projections added up, not the 2022 census figure")
        XCTAssertEqual(city.source, "60岁及以上人口：2025 年预测数（下级地区合计（测试规划附件2））")
        XCTAssertEqual(report.value("beds_per_1000_elderly", region: Sample.quwo)?.denominator, 40000)
        // With actual figures of a year everyone has (not after the data year), those win.
        let withActual = try compute(facts: unevenFacts(), statsCSV: stats + "\n" + """
            141000,2024,population_60plus,99000,actual,测试统计
            141021,2024,population_60plus,39000,actual,测试统计
            141022,2024,population_60plus,59000,actual,测试统计

            """)
        XCTAssertEqual(withActual.value("beds_per_1000_elderly", region: Sample.city)?.denominator, 99000)
        XCTAssertNil(withActual.value("beds_per_1000_elderly", region: Sample.city)?.source, "an actual figure of the data year needs no note")
        XCTAssertEqual(withActual.value("beds_per_1000_elderly", region: Sample.yicheng)?.denominator, 59000)
    }

    /// A city without figures of its own adds up its counties' figures of a year they all have.
    func testARateOfStatisticsAddsUpTheCountiesOfOneYear() throws {
        let stats = """
            region_code,year,metric,value,kind,source
            141021,2021,population,200000,actual,测试统计
            141021,2021,population_60plus,40000,actual,测试统计
            141021,2022,population,210000,actual,测试统计
            141021,2022,population_60plus,42000,actual,测试统计
            141022,2021,population,300000,actual,测试统计
            141022,2021,population_60plus,60000,actual,测试统计
            """
        let city = try XCTUnwrap(try compute(facts: unevenFacts(), statsCSV: stats).value("ageing_rate", region: Sample.city))
        XCTAssertEqual(city.year, 2021, "the latest year both counties have")
        XCTAssertEqual(city.numerator, 100_000)
        XCTAssertEqual(city.denominator, 500_000)
        XCTAssertEqual(city.value, 20)
    }

    func testTargetReachedIsMet() throws {
        let e = try compute(facts: unevenFacts(), targets: [target("nursing_bed_share", Sample.city, year: 2025, ">=", 55)]).evaluations
        XCTAssertEqual(e.map(\.status), [.met])
        XCTAssertEqual(e.first?.gap, -36)
    }

    func testTargetNotReachedBeforeItsYearIsPending() throws {
        let e = try compute(facts: unevenFacts(), targets: [target("nursing_bed_share", Sample.city, year: 2025, ">=", 95)]).evaluations
        XCTAssertEqual(e.map(\.status), [.pending])
        XCTAssertEqual(e.first?.gap, 4)
    }

    func testTargetNotReachedInItsYearIsMissed() throws {
        let e = try compute(facts: unevenFacts(), targets: [target("nursing_bed_share", Sample.city, year: 2024, ">=", 95)]).evaluations
        XCTAssertEqual(e.map(\.status), [.missed], "the data reach 31 December of the target year")
    }

    /// A release with later data must not turn a missed target into a met one.
    func testATargetOfAnEarlierYearIsJudgedOnThatYearsFigure() throws {
        let city2023 = Observation(indicator: "nursing_bed_share", regionCode: Sample.city, year: 2023, value: 30, source: "2023 年统计")
        let targets = [target("nursing_bed_share", Sample.city, year: 2023, ">=", 50),
                       target("nursing_bed_share", Sample.quwo, year: 2023, ">=", 5)]
        let e = try compute(facts: unevenFacts(), targets: targets, observations: [city2023]).evaluations
        // The 2024 value (91 %) would meet the city's 2023 target; the 2023 figure (30 %) did not.
        XCTAssertEqual(e.map(\.status), [.missed, .noData])
        XCTAssertEqual(e.first?.current?.year, 2023)
        XCTAssertEqual(e.first?.current?.value, 30)
        XCTAssertEqual(e.last?.latest?.year, 2024, "the later figure stays visible, but does not decide")
    }

    /// The straight line from a baseline to a target is read at the data date, by the day:
    /// a March figure is compared with a quarter of the year's way, not with the year's end.
    func testTheStraightLineIsReadAtTheDataDate() throws {
        let t = target("nursing_bed_share", Sample.city, year: 2025, ">=", 40)
        let b = Observation(indicator: "nursing_bed_share", regionCode: Sample.city, year: 2023, value: 20, source: "基数")
        func line(_ date: String, _ value: Double) -> (Double?, Bool?) {
            let v = IndicatorValue(code: "nursing_bed_share", regionCode: Sample.city, year: Int(date.prefix(4))!, numerator: nil,
                                   denominator: nil, value: value, source: nil, qualifier: nil)
            let e = IndicatorEngine.evaluate(t, current: v, asOf: ISODate(date)!, baseline: b)
            return (e.expectedNow, e.onTrack)
        }
        XCTAssertEqual(line("2024-12-31", 29).0, 30.01, "about halfway (366 of 731 days)")
        XCTAssertEqual(line("2024-12-31", 29).1, false)
        // 2025-03-31 is 456 of 731 days on: 20 + 20 × 456/731 = 32.48 (not 40, the year's end).
        XCTAssertEqual(line("2025-03-31", 31).0, 32.48)
        XCTAssertEqual(line("2025-03-31", 33).1, true)
    }

    /// A reported figure older than the data year cannot show that a later target is met.
    func testAnOlderReportedFigureDoesNotMeetALaterTarget() throws {
        let visits = Observation(indicator: "visit_rate_monthly", regionCode: Sample.city, year: 2023, value: 100, source: "报送")
        let e = try compute(facts: [:], targets: [target("visit_rate_monthly", Sample.city, year: 2028, ">=", 100)],
                            observations: [visits]).evaluations
        XCTAssertEqual(e.map(\.status), [.noData])
        XCTAssertEqual(e.first?.latest?.year, 2023)
        XCTAssertEqual(e.first?.latest?.value, 100)
    }

    /// A reported bound (40%以上, 超过180万) decides a target only when every value it allows
    /// falls on one side of it; otherwise the status is "no data", never a guess.
    func testAReportedBoundDecidesATargetOnlyWhenItCan() throws {
        func status(_ qualifier: String, _ value: Double, _ comparator: String, _ goal: Double) throws -> TargetStatus? {
            let o = Observation(indicator: "visit_rate_monthly", regionCode: Sample.city, year: 2024, value: value, source: "报送", qualifier: qualifier)
            return try compute(facts: [:], targets: [target("visit_rate_monthly", Sample.city, year: 2025, comparator, goal)],
                               observations: [o]).evaluations.first?.status
        }
        XCTAssertEqual(try status("at_least", 40, ">=", 40), .met, "40%以上 meets at least 40%")
        XCTAssertEqual(try status("more_than", 40, ">=", 40), .met)
        XCTAssertEqual(try status("at_least", 40, ">=", 100), .noData, "40%以上 may or may not reach 100%")
        XCTAssertEqual(try status("at_most", 30, ">=", 40), .pending, "at most 30% is below 40% for sure")
        XCTAssertEqual(try status("at_most", 50, ">=", 40), .noData)
        XCTAssertEqual(try status("less_than", 40, ">=", 40), .pending, "less than 40% misses at least 40%")
        XCTAssertEqual(try status("at_most", 20, "<=", 20), .met)
        XCTAssertEqual(try status("at_least", 30, "<=", 20), .pending, "30%以上 exceeds at most 20% for sure")
        XCTAssertEqual(try status("at_least", 20, "<=", 20), .noData, "20%以上 may be exactly 20%")
        XCTAssertEqual(try status("more_than", 20, "<=", 20), .pending)
        XCTAssertEqual(try status("at_least", 40, "=", 40), .noData)
        // The value keeps its bound for the pages and the datasets.
        let o = Observation(indicator: "visit_rate_monthly", regionCode: Sample.city, year: 2024, value: 40, source: "报送", qualifier: "at_least")
        let report = try compute(facts: [:], targets: [], observations: [o])
        XCTAssertEqual(report.value("visit_rate_monthly", region: Sample.city)?.qualifier, "at_least")
    }

    func testUpperBoundTarget() throws {
        let targets = [target("nursing_bed_share", Sample.quwo, year: 2024, "<=", 20),
                       target("nursing_bed_share", Sample.yicheng, year: 2024, "<=", 20)]
        let e = try compute(facts: unevenFacts(), targets: targets).evaluations
        XCTAssertEqual(e.map(\.status), [.met, .missed])
    }

    func testTargetWithoutValueHasNoData() throws {
        let e = try compute(facts: [:], targets: [target("nursing_bed_share", Sample.city, year: 2025, ">=", 55)]).evaluations
        XCTAssertEqual(e.map(\.status), [.noData])
        XCTAssertNil(e.first?.gap)
    }

    func testBedGapFollowsThePlansExample() throws {
        // 曲沃县: 47 700 × 2% = 954 needed, minus 471 institution and 120 community beds = 363.
        let gap = try compute(facts: [:]).bedGaps.first { $0.regionCode == Sample.quwo }
        XCTAssertEqual(gap?.needed, 954)
        XCTAssertEqual(gap?.institutionBeds, 471)
        XCTAssertEqual(gap?.communityBeds, 120)
        XCTAssertEqual(gap?.gap, 363)
    }

    func testNegativeBedGapIsASurplus() throws {
        // 翼城县: 60 000 × 2% = 1 200 needed, 900 + 400 existing.
        let gap = try compute(facts: [:]).bedGaps.first { $0.regionCode == Sample.yicheng }
        XCTAssertEqual(gap?.gap, -100)
    }

    func testNoBedGapWithoutA2025Projection() throws {
        XCTAssertNil(try compute(facts: [:]).bedGaps.first { $0.regionCode == Sample.city })
    }

    /// The data contract lists every indicator a targets or observations row may name.
    func testTheSchemaDocumentListsEveryIndicator() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: repo.appendingPathComponent("docs/schema.md"), encoding: .utf8)
        for def in IndicatorRegistry.all {
            XCTAssertTrue(doc.contains("| `\(def.code)` | \(def.nameZH) |"), "docs/schema.md lacks \(def.code) \(def.nameZH)")
        }
    }
}

final class RatingStateTests: XCTestCase {
    let asOf = ISODate("2024-12-31")!

    func rating(_ id: String, level: Int, on: String, until: String, withdrawn: String? = nil) -> Rating {
        Rating(id: id, institutionID: Sample.fushou, level: level, score: nil, ratedOn: on, validUntil: until,
               assessor: "委员会", documentNo: "文号", withdrawnOn: withdrawn)
    }

    func testNoHistoryIsUnratedNotALowLevel() {
        let state = RatingState(history: [], asOf: asOf)
        XCTAssertEqual(state, .unrated)
        XCTAssertNil(state.currentLevel)
        XCTAssertEqual(state.label, "未评级")
    }

    func testLatestValidRatingIsCurrent() {
        let old = rating("R1", level: 2, on: "2020-01-01", until: "2022-12-31")
        let new = rating("R2", level: 4, on: "2023-01-01", until: "2025-12-31")
        let state = RatingState(history: [new, old], asOf: asOf)
        XCTAssertEqual(state.currentLevel, 4)
        XCTAssertEqual(state.label, "四级")
    }

    func testRatingPastItsValidityIsExpired() {
        let state = RatingState(history: [rating("R1", level: 3, on: "2020-01-01", until: "2024-12-30")], asOf: asOf)
        XCTAssertEqual(state, .expired(rating("R1", level: 3, on: "2020-01-01", until: "2024-12-30")))
        XCTAssertNil(state.currentLevel)
    }

    func testRatingValidUntilTheReferenceDayIsCurrent() {
        XCTAssertEqual(RatingState(history: [rating("R1", level: 3, on: "2021-12-31", until: "2024-12-31")], asOf: asOf).currentLevel, 3)
    }

    func testWithdrawnRatingHasNoLevel() {
        let state = RatingState(history: [rating("R1", level: 5, on: "2023-01-01", until: "2026-01-01", withdrawn: "2024-06-01")], asOf: asOf)
        XCTAssertEqual(state.label, "已撤销（原五级）")
        XCTAssertNil(state.currentLevel)
    }

    func testRatingAfterTheReferenceDayIsIgnored() {
        let future = rating("R2", level: 5, on: "2025-03-01", until: "2028-03-01")
        XCTAssertEqual(RatingState(history: [future], asOf: asOf), .unrated)
    }
}

extension RatingStateTests {
    func testEachDecisionOfAHistoryGetsItsOwnState() {
        let asOf = ISODate("2024-12-31")!
        let old = Rating(id: "R1", institutionID: "X", level: 2, score: nil, ratedOn: "2021-03-01", validUntil: "2024-02-28",
                         assessor: "a", documentNo: "b", withdrawnOn: nil)
        let new = Rating(id: "R2", institutionID: "X", level: 3, score: nil, ratedOn: "2024-03-01", validUntil: "2027-02-28",
                         assessor: "a", documentNo: "c", withdrawnOn: nil)
        let replaced = Rating(id: "R0", institutionID: "X", level: 1, score: nil, ratedOn: "2022-01-01", validUntil: "2025-12-31",
                              assessor: "a", documentNo: "d", withdrawnOn: nil)
        // Replaced (by R1, 2021-03-01) while still valid: superseded, though its end has passed too.
        let early = Rating(id: "R9", institutionID: "X", level: 1, score: nil, ratedOn: "2019-01-01", validUntil: "2021-06-30",
                           assessor: "a", documentNo: "e", withdrawnOn: nil)
        let history = [old, new, replaced, early]
        let state = RatingState(history: history, asOf: asOf)
        XCTAssertEqual(history.map { state.decisionState($0, in: history, asOf: asOf) }, ["superseded", "current", "superseded", "superseded"],
                       "R1 was replaced by R0 (2022) before its end (2024-02-28)")
        var pulled = new
        pulled.withdrawnOn = "2024-10-01"
        XCTAssertEqual(RatingState(history: [pulled], asOf: asOf).decisionState(pulled, in: [pulled], asOf: asOf), "withdrawn")
        // The latest one run out is expired, whatever came before it.
        let lapsed = RatingState(history: [old, early], asOf: asOf)
        XCTAssertEqual([old, early].map { lapsed.decisionState($0, in: [old, early], asOf: asOf) }, ["expired", "superseded"])
    }
}
