import YanglaoStore

/// Every indicator the site publishes, in display order. Pages, datasets and
/// Markdown embeds all read definitions from here.
public enum IndicatorRegistry {
    public static func definition(_ code: String) -> IndicatorDefinition? { byCode[code] }

    /// The registered code a mistyped one (at most a third of it changed) or a Chinese name
    /// (护理型床位占比) was meant to be, if any: for messages.
    public static func nearest(to text: String) -> String? {
        if let named = all.first(where: { $0.nameZH == text }) { return named.code }
        let typed = Array(text.lowercased().unicodeScalars)
        var best: (code: String, distance: Int)?
        for def in all {
            let d = SiteMeta.editDistance(typed, Array(def.code.unicodeScalars))
            if d <= max(2, typed.count / 3), d < (best?.distance ?? .max) { best = (def.code, d) }
        }
        return best?.code
    }

    private static let byCode: [String: IndicatorDefinition] =
        Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static func pct(_ code: String, _ zh: String, _ en: String, _ def: String, _ num: String, _ den: String,
                            direction: IndicatorDefinition.Direction = .higher, directionNote: String? = nil,
                            _ f: @escaping @Sendable (RegionFacts, RegionStatistics) -> (Double?, Double?)) -> IndicatorDefinition {
        IndicatorDefinition(code: code, nameZH: zh, nameEN: en, unit: "%", definitionZH: def, numeratorZH: num,
                            denominatorZH: den, scale: 100, decimals: 2, direction: direction,
                            basis: .computed { f($0, $1) }, directionNoteZH: directionNote)
    }

    /// Occupancy is "better" for the planner; a family looking for a bed reads it the other way.
    private static let occupancyNote = "就床位利用而言；对找床位的家庭，入住率越高，空床越少"

    private static func count(_ code: String, _ zh: String, _ en: String, _ unit: String, _ def: String,
                              _ f: @escaping @Sendable (RegionFacts) -> Int) -> IndicatorDefinition {
        IndicatorDefinition(code: code, nameZH: zh, nameEN: en, unit: unit, definitionZH: def, numeratorZH: def,
                            denominatorZH: nil, scale: 1, decimals: 0, direction: .higher,
                            basis: .computed { facts, _ in (Double(f(facts)), nil) })
    }

    private static func observed(_ code: String, _ zh: String, _ en: String, _ unit: String, _ def: String) -> IndicatorDefinition {
        IndicatorDefinition(code: code, nameZH: zh, nameEN: en, unit: unit, definitionZH: def, numeratorZH: def,
                            denominatorZH: nil, scale: 1, decimals: unit == "%" ? 2 : 0, direction: .higher,
                            basis: .observed)
    }

    private static func d(_ n: Int) -> Double { Double(n) }

    public static let all: [IndicatorDefinition] = [
        count("institutions", "养老机构数", "Care institutions", "家", "现有（未关闭，含暂停运营）养老机构数量（不含社区、乡镇和农村设施）") { $0.institutions },
        count("beds_total", "养老机构床位数", "Institution beds", "张", "现有（未关闭，含暂停运营）养老机构的床位总数") { $0.beds },
        pct("nursing_bed_share", "护理型床位占比", "Nursing-bed share", "护理型床位数占养老机构床位总数的比例",
            "护理型床位数", "养老机构床位总数") { f, _ in (d(f.bedsNursing), d(f.beds)) },
        IndicatorDefinition(code: "beds_per_1000_elderly", nameZH: "每千名老年人养老机构床位数",
                            nameEN: "Institution beds per 1000 elderly", unit: "张/千名老年人",
                            definitionZH: "养老机构床位数除以60岁及以上人口（千人）。60岁及以上人口用各地区共有的同一年份的数，可能是规划的预测数（所用年份和口径在数值旁注明）", numeratorZH: "养老机构床位总数",
                            denominatorZH: "60岁及以上人口", scale: 1000, decimals: 2, direction: .higher,
                            basis: .computed { f, s in (d(f.beds), s["population_60plus"]) }),
        pct("occupancy_rate", "养老机构入住率", "Occupancy rate", "入住老年人数占床位数的比例（仅计报送入住人数的机构；暂停运营的机构照计，其床位空着也算在分母里）",
            "入住人数", "报送入住人数机构的床位数", directionNote: occupancyNote) { f, _ in (d(f.residents), d(f.bedsWithResidents)) },
        pct("occupancy_rate_public", "公办养老机构入住率", "Occupancy rate, public institutions",
            "公办（含公建民营）养老机构入住人数占其床位数的比例", "公办机构入住人数", "公办机构床位数", directionNote: occupancyNote) { f, _ in
            (d(f.publicResidents), d(f.publicBedsWithResidents)) },
        pct("rated_share", "已评级机构占比", "Share of institutions rated",
            "持有有效等级评定结果的养老机构占机构总数的比例", "有效评级的机构数", "养老机构数") { f, _ in (d(f.rated), d(f.institutions)) },
        pct("rated_level3plus_share", "三级及以上机构占比", "Share rated level 3 or higher",
            "有效评定等级为三级及以上的养老机构占机构总数的比例", "三级及以上机构数", "养老机构数") { f, _ in
            (d(f.ratedLevel3Plus), d(f.institutions)) },
        pct("medical_integration_share", "医养结合机构占比", "Medical–care integration share",
            "内设医疗机构或与医疗机构签约合作的养老机构占比", "医养结合机构数", "养老机构数") { f, _ in
            (d(f.medicalIntegration), d(f.institutions)) },
        pct("fire_safety_accepted_share", "有消防验收通过记录的机构占比", "Share with a fire-safety acceptance on record",
            "有通过消防验收或备案审验记录的养老机构占比；没有记录的机构可能未通过，也可能未报送，不能都算作未通过",
            "有通过记录的机构数", "养老机构数") { f, _ in
            (d(f.fireSafetyAccepted), d(f.institutions)) },
        IndicatorDefinition(code: "beds_per_caregiver", nameZH: "每名养老护理员对应床位数", nameEN: "Beds per caregiver",
                            unit: "张/人", definitionZH: "养老机构床位数除以养老护理员人数（仅计报送护理员人数的机构：未报送的机构床位不计入，不会把它们算成没有护理员）；规划按护理员与老人 1:4 测算（1 万张床位至少需要 2500 名护理员），附件1按 1:7 测算",
                            numeratorZH: "报送护理员人数机构的床位数", denominatorZH: "养老护理员数", scale: 1, decimals: 1,
                            direction: .lower, basis: .computed { f, _ in (d(f.bedsWithCaregivers), d(f.caregivers)) }),
        count("caregivers", "养老护理员数", "Caregivers", "人", "养老机构在岗养老护理员人数（报送数之和；未报送的机构不计入，总数可能偏低）") { $0.caregivers },
        pct("caregiver_certified_rate", "护理员持证率", "Certified-caregiver rate", "持证养老护理员占护理员总数的比例（仅计同时报送护理员人数和持证人数的机构）",
            "持证护理员数", "报送持证人数机构的护理员数") { f, _ in (d(f.certifiedOfBoth), d(f.caregiversWithCertified)) },
        IndicatorDefinition(code: "certified_caregivers_per_10k_elderly", nameZH: "每万名老年人持证养老护理员数",
                            nameEN: "Certified caregivers per 10 000 elderly", unit: "人/万名老年人",
                            definitionZH: "名录中养老机构的持证养老护理员人数除以60岁及以上人口（万人）。规划目标所说的持证养老护理员还包括社区和居家服务的护理员，名录只记养老机构的护理员，故数值低于规划口径；未报送持证人数的机构不计入，也使数值偏低。60岁及以上人口用各地区共有的同一年份的数，可能是规划的预测数（所用年份和口径在数值旁注明）", numeratorZH: "养老机构持证护理员数",
                            denominatorZH: "60岁及以上人口", scale: 10000, decimals: 2, direction: .higher,
                            basis: .computed { f, s in (d(f.caregiversCertified), s["population_60plus"]) }),
        IndicatorDefinition(code: "social_workers_per_1000_elderly", nameZH: "每千名老年人社会工作者数",
                            nameEN: "Social workers per 1000 elderly", unit: "人/千名老年人",
                            definitionZH: "养老机构社会工作者人数除以60岁及以上人口（千人）。规划目标指全部持证社会工作者；名录只记养老机构的社会工作者、不区分是否持证，不含社区、街道和社会组织的社会工作者：前者使数值偏高，后者使数值偏低，故与规划口径不完全可比；未报送社会工作者人数的机构不计入。60岁及以上人口用各地区共有的同一年份的数，可能是规划的预测数（所用年份和口径在数值旁注明）", numeratorZH: "养老机构社会工作者数",
                            denominatorZH: "60岁及以上人口", scale: 1000, decimals: 2, direction: .higher,
                            basis: .computed { f, s in (d(f.socialWorkers), s["population_60plus"]) }),
        count("community_facilities", "社区养老服务设施数", "Community care facilities", "个",
              "现有（未关闭）城市社区养老服务设施数量") { $0.communityFacilities },
        pct("community_facility_coverage", "社区养老服务设施覆盖率", "Community-facility coverage",
            "社区养老服务设施数除以城市社区数。城市社区数为推算数的地区（数值旁注明“推算”，如按规划“每个社区一处”的目标推算），数值是完成覆盖目标的进度，不是实际覆盖率；城市社区数为文件公布的实数的，是实际覆盖率", "社区养老服务设施数", "城市社区数") { f, s in
            (d(f.communityFacilities), s["urban_communities"]) },
        count("township_centres", "乡镇区域养老服务中心数", "Township care centres", "个",
              "现有（未关闭）乡镇（街道）区域养老服务中心数量") { $0.townshipCentres },
        pct("township_centre_coverage", "乡镇区域养老服务中心覆盖率", "Township-centre coverage",
            "乡镇区域养老服务中心数除以乡镇数。乡镇数为推算数的地区（数值旁注明“推算”，如按规划“每个乡镇一处”的目标推算），数值是完成覆盖目标的进度，不是实际覆盖率；乡镇数为文件公布的实数的，是实际覆盖率", "乡镇区域养老服务中心数", "乡镇数") { f, s in
            (d(f.townshipCentres), s["townships"]) },
        pct("village_daycare_coverage", "农村日间照料中心覆盖率", "Village day-care coverage",
            "农村老年人日间照料中心数除以行政村数", "日间照料中心数", "行政村数") { f, s in
            (d(f.villageDaycare), s["administrative_villages"]) },
        pct("ageing_rate", "人口老龄化率", "Ageing rate", "60岁及以上人口占总人口的比例", "60岁及以上人口", "总人口",
            direction: .neutral) { _, s in (s["population_60plus"], s["population"]) },
        observed("homes_adapted", "家庭适老化改造户数", "Homes adapted for older people", "户", "完成家庭适老化改造的户数（报送数据）"),
        observed("special_needs_homes_adapted", "特殊困难老年人家庭适老化改造户数", "Homes of older people in special difficulty adapted",
                 "户", "完成适老化改造的特殊困难老年人家庭户数（报送数据）"),
        observed("people_trained", "养老从业人员培训人数", "People trained", "人", "累计培训的养老服务从业人员（报送数据）"),
        observed("pension_insurance_coverage", "基本养老保险参保率", "Pension-insurance coverage", "%", "基本养老保险参保率（报送数据）"),
        observed("destitute_disabled_concentrated_care_rate", "特困失能人员集中供养率",
                 "Concentrated-care rate of destitute disabled persons", "%", "生活不能自理特困人员集中供养率（报送数据）"),
        observed("visit_rate_monthly", "特殊困难老年人月探访率", "Monthly visit rate", "%", "特殊困难老年人月探访率（报送数据）"),
        observed("health_management_rate", "老年人健康管理率", "Health-management rate", "%", "65岁及以上老年人健康管理率（报送数据）"),
        observed("meal_aid_coverage", "老年助餐服务覆盖率", "Meal-aid coverage", "%", "老年助餐服务覆盖率（报送数据）"),
        observed("purchased_home_care_80plus_coverage", "80周岁及以上老年人享受政府购买服务比例", "People aged 80+ receiving government-purchased home care",
                 "%", "80周岁及以上老年人中享受政府购买居家养老服务的比例（报送数据）"),
        observed("capability_assessment_coverage", "65周岁以上老年人能力评估覆盖率", "Capability-assessment coverage", "%", "65周岁以上老年人能力评估覆盖率（报送数据）"),
        observed("age_friendly_communities", "老年友好型社区数", "Age-friendly communities", "个", "城乡老年友好社区创建个数（报送数据）"),
        observed("caregiver_pre_job_training_rate", "养老护理员岗前培训率", "Caregiver pre-job training rate", "%", "养老护理员岗前培训率（报送数据）"),
        observed("intermediate_caregiver_certified_share", "中级护理员持证比例", "Share of intermediate-level certified caregivers", "%", "取得中级及以上证书的护理员比例（报送数据）"),
        count("village_daycare_centres", "农村老年人日间照料中心数", "Village day-care centres", "个",
              "现有（未关闭）农村老年人日间照料中心数量") { $0.villageDaycare },
        observed("community_home_care_coverage", "社区居家养老服务覆盖率", "Community home-care coverage", "%", "社区居家养老服务覆盖的城市社区比例（报送数据）"),
        observed("village_station_coverage", "村（社区）养老服务站点覆盖率", "Village service-point coverage", "%", "设有养老服务站点的村（社区）比例（报送数据）"),
        observed("medical_insurance_coverage", "基本医疗保险参保率", "Medical-insurance coverage", "%", "基本医疗保险参保率（报送数据）"),
        observed("new_residential_facility_compliance", "新建城区和新建居住区配套建设养老服务设施达标率", "New-residential facility compliance", "%", "新建城区和新建居住区配套建设养老服务设施达标率（报送数据）"),
        observed("care_guidance_centres", "养老服务发展指导中心数", "Care guidance centres", "个", "养老服务发展指导中心数量（报送数据）"),
        observed("poor_disabled_assessment_rate", "困难家庭失能老年人评估率", "Assessment rate of disabled elderly in poor families", "%", "困难家庭失能老年人能力评估率（报送数据）"),
        observed("caregiver_training_bases", "养老护理员培训基地数", "Caregiver training bases", "个", "养老护理员培训基地数量（报送数据）"),
        observed("caregivers_all_settings", "养老护理人员总数", "Caregivers in all settings", "人", "机构、社区和家庭养老护理人员总数（报送数据）"),
        observed("welfare_lottery_eldercare_share", "福彩公益金用于养老服务比例", "Welfare-lottery funds for elderly care", "%", "福利彩票公益金用于养老服务的比例（报送数据）"),
        observed("township_health_alliance_coverage", "康养联合体乡镇（街道）覆盖率", "Township health-alliance coverage", "%", "建立康养联合体的乡镇（街道）比例（报送数据）"),
        observed("senior_caregiver_share", "高级及以上护理员比例", "Share of senior-level caregivers", "%", "取得高级及以上证书的护理员比例（报送数据）"),
        observed("caregiver_first_aid_certified_share", "持证护理员中持救护员证比例", "First-aid certified caregivers", "%", "持证护理员中同时持有救护员证的比例（报送数据）"),
        observed("meal_aid_person_times", "年助餐服务人次", "Meal-aid person-times per year", "人次", "全年老年助餐服务人次（报送数据）"),
        observed("service_safety_standard_compliance", "服务安全基本规范达标率", "Service-safety standard compliance", "%", "养老机构达到《养老机构服务安全基本规范》的比例（报送数据）"),
        observed("medical_care_model_institutions", "打造的医养结合服务机构数", "Medical–care integration model institutions", "家",
                 "按规划打造的医养结合服务机构数量（报送数据）"),
        observed("manager_training_coverage", "养老机构院长和管理人员培训覆盖率", "Training coverage of care-home heads and managers", "%",
                 "接受培训的养老机构院长和管理人员比例（报送数据）"),
        observed("smart_care_coverage", "智慧养老服务城乡覆盖率", "Smart elderly-care service coverage", "%",
                 "智慧养老服务覆盖的城乡比例（报送数据）"),
        observed("national_talent_brands", "全国性养老人才品牌数", "National elderly-care talent brands", "个",
                 "建成的全国性养老人才品牌数量（报送数据）"),
        observed("willing_destitute_concentrated_care_rate", "有意愿特困老年人集中供养率", "Concentrated-care rate of destitute elderly who ask for it", "%",
                 "有集中供养意愿的特困老年人中实现集中供养的比例（报送数据）"),
    ]
}
