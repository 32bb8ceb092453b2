import Foundation
import YanglaoStore

/// `yanglao sample`: a deterministic synthetic database of any size, shaped
/// like a national one — 31 provinces, about 340 cities, about 3 000 counties,
/// facilities of every category with beds, staff, ratings (most unrated) and
/// two to three credit records each — for benchmarks and load tests. Every
/// name is invented; `meta.sample` is true.
public enum SyntheticNation {
    /// The 31 provincial-level divisions (GB/T 2260 first two digits) and how many cities each gets.
    static let provinces: [(code: String, name: String, cities: Int)] = [
        ("11", "北京市", 1), ("12", "天津市", 1), ("13", "河北省", 11), ("14", "山西省", 11), ("15", "内蒙古自治区", 12),
        ("21", "辽宁省", 14), ("22", "吉林省", 9), ("23", "黑龙江省", 13), ("31", "上海市", 1), ("32", "江苏省", 13),
        ("33", "浙江省", 11), ("34", "安徽省", 16), ("35", "福建省", 9), ("36", "江西省", 11), ("37", "山东省", 16),
        ("41", "河南省", 18), ("42", "湖北省", 17), ("43", "湖南省", 14), ("44", "广东省", 21), ("45", "广西壮族自治区", 14),
        ("46", "海南省", 4), ("50", "重庆市", 1), ("51", "四川省", 21), ("52", "贵州省", 9), ("53", "云南省", 16),
        ("54", "西藏自治区", 7), ("61", "陕西省", 10), ("62", "甘肃省", 14), ("63", "青海省", 8), ("64", "宁夏回族自治区", 5),
        ("65", "新疆维吾尔自治区", 14),
    ]
    static let syllables = Array("安宁康平和泰丰华兴隆昌盛永清河山阳东西南北中新云海林青松桃李梅兰竹溪江湖泉石金玉福寿乐明光德仁义")
    static let careWords = ["颐养院", "养老院", "敬老院", "老年公寓", "康养中心", "护理院", "养老服务中心"]

    /// Writes a new database at `path` (replacing nothing: the path must not exist).
    /// Returns the number of rows per table.
    @discardableResult
    public static func generate(institutions total: Int, seed: UInt64 = 1, into path: String) throws -> [(String, Int)] {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "file already exists; choose a new path")
        }
        var rng = SplitMix64(seed: seed)
        try DatabaseLoader.initialize(path: path)
        let db = try Database(path: path, mode: .readWriteCreate)
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN")
        var counts: [String: Int] = [:]
        func insert(_ table: String, _ columns: Int) throws -> Statement {
            try db.prepare("INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: columns).joined(separator: ",")))")
        }
        let meta = try insert("meta", 2)
        for (k, v) in [("title", "全国养老服务信息公开（合成数据）"), ("publisher", "yanglao 基准测试"), ("licence", "CC BY 4.0"),
                       ("contact", "示例联系方式"), ("data_as_of", "2024-12-31"), ("sample", "true"),
                       ("description", "用于性能测试的合成全国数据，所有名称均为虚构。")] {
            try meta.bind([.text(k), .text(v)]); try meta.step()
        }
        // Regions: provinces → cities → about 3 000 counties in all.
        let region = try insert("regions", 4)
        let stat = try insert("region_stats", 6)
        var counties: [(code: String, name: String, centre: (latitude: Double, longitude: Double))] = []
        let totalCities = provinces.map(\.cities).reduce(0, +)
        // Each city and county name once in the country: with names drawn freely, one in five
        // repeated (six of one name, two in one city), which no real country has and which made
        // the pages and the finder ambiguous.
        var used: Set<String> = []
        func unique(_ suffix: String) -> String {
            while true {
                let n = name(&rng, 2) + suffix
                if used.insert(n).inserted { return n }
            }
        }
        for p in provinces {
            try region.bind([.text(p.code + "0000"), .text(p.name), .text("province"), .null]); try region.step()
            for c in 1...p.cities {
                let cityCode = p.code + String(format: "%02d", c) + "00"
                let cityName = unique("市")
                try region.bind([.text(cityCode), .text(cityName), .text("city"), .text(p.code + "0000")]); try region.step()
                // About 3 000 counties spread over ~340 cities.
                let n = max(1, 3000 / totalCities + Int(rng.next() % 5) - 2)
                for k in 1...n {
                    let code = p.code + String(format: "%02d", c) + String(format: "%02d", k)
                    let cname = unique(k <= 2 ? "区" : "县")
                    try region.bind([.text(code), .text(cname), .text("county"), .text(cityCode)]); try region.step()
                    counties.append((code, cname, Self.centre(county: code)))
                    let population = 200_000 + Int(rng.next() % 1_000_000)
                    // The 2023 count is derived, not drawn, so the rest of the random sequence stays as it was.
                    for (metric, value, year, kind) in [("population", population, 2023, "actual"),
                                                        ("population_60plus", population * 19 / 100, 2023, "actual"),
                                                        ("population_60plus", population / 5 + Int(rng.next() % 20_000), 2025, "projection"),
                                                        ("urban_communities", 10 + Int(rng.next() % 60), 2023, "actual"),
                                                        ("townships", 8 + Int(rng.next() % 15), 2023, "actual"),
                                                        ("administrative_villages", 80 + Int(rng.next() % 300), 2023, "actual")] {
                        try stat.bind([.text(code), .int(Int64(year)), .text(metric), .real(Double(value)), .text(kind), .text("合成数据")])
                        try stat.step()
                    }
                }
            }
        }
        counts["regions"] = 31 + totalCities + counties.count
        counts["region_stats"] = counties.count * 6

        // Facilities: 10% care institutions, the rest community, township and village facilities.
        let inst = try insert("institutions", 21)
        let rating = try insert("ratings", 9)
        let credit = try insert("credit_records", 15)
        var ratingCount = 0, creditCount = 0
        let orgChars = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        for i in 0..<total {
            let county = counties[i % counties.count]
            let roll = rng.next() % 100
            let category = roll < 10 ? "institution" : roll < 40 ? "community" : roll < 60 ? "township_centre" : "village_daycare"
            let ownership = category == "institution" ? (rng.next() % 10 < 3 ? "public" : "private") : "public"
            var org = ""
            var x = UInt64(i) &* 2_654_435_761 &+ seed
            for _ in 0..<9 { org.append(orgChars[Int(x % 31)]); x /= 31 }
            let first17 = (ownership == "private" ? "52" : "12") + county.code + org
            let id = first17 + String(USCC.checkCharacter(for: first17)!)
            let beds = category == "institution" ? 20 + Int(rng.next() % 300) : category == "village_daycare" ? 0 : Int(rng.next() % 40)
            let nursing = beds == 0 ? 0 : Int(rng.next() % UInt64(beds + 1)) / 2
            let residents = beds == 0 ? nil : Int(rng.next() % UInt64(beds + 1))
            let caregivers = category == "institution" ? 1 + beds / 7 : nil
            let facilityName = county.name + name(&rng, 2) + (category == "institution" ? careWords[Int(rng.next() % UInt64(careWords.count))]
                : category == "community" ? "社区养老服务站" : category == "township_centre" ? "区域养老服务中心" : "村日间照料中心") + "\(i)"
            try inst.bind([
                .text(id), .text(facilityName), .text(county.code), .text(category), .text(ownership),
                .text(county.name + name(&rng, 2) + "路\(1 + rng.next() % 300)号"), .text("0\(100 + rng.next() % 900)-\(1_000_000 + rng.next() % 8_000_000)"),
                // Within about 35 km of the county's centre, as a county's homes are (the same draws as before).
                .real(county.centre.latitude + Double(Int(rng.next() % 2000) - 1000) / 3000),
                .real(county.centre.longitude + Double(Int(rng.next() % 2000) - 1000) / 3000),
                .text("20\(10 + rng.next() % 14)-0\(1 + rng.next() % 9)-1\(rng.next() % 9)"), .text(rng.next() % 100 < 2 ? "suspended" : "operating"),
                .int(Int64(beds)), .int(Int64(nursing)), residents.map { .int(Int64($0)) } ?? .null,
                caregivers.map { .int(Int64($0)) } ?? .null, caregivers.map { .int(Int64($0 * 7 / 10)) } ?? .null,
                category == "institution" ? .int(Int64(rng.next() % 3)) : .null,
                .text(["none", "in_house", "contracted"][Int(rng.next() % 3)]), .int(rng.next() % 10 < 8 ? 1 : 0), .text("2024-12-01"),
                // One care home in fifty was renamed (chosen by number, not drawn: the other draws stay as they were).
                category == "institution" && i % 50 == 7 ? .text(county.name + "第\(i)敬老院") : .null,
            ])
            try inst.step()
            if category == "institution", rng.next() % 100 < 15 {
                let level = 1 + Int(rng.next() % 100 < 60 ? 0 : rng.next() % 5)
                let year = 2020 + Int(rng.next() % 5)
                ratingCount += 1
                try rating.bind([.text("R\(ratingCount)"), .text(id), .int(Int64(level)), .real(60 + Double(level) * 7),
                                 .text("\(year)-06-15"), .text("\(year + 3)-06-14"), .text("省养老机构等级评定委员会"),
                                 .text("民发〔\(year)〕\(1 + rng.next() % 90)号"), .null])
                try rating.step()
            }
            // Two to three credit records each: a pledge, spot checks, now and then a penalty.
            let records = 2 + Int(rng.next() % 2)
            for r in 0..<records {
                creditCount += 1
                let kind = r == 0 ? "pledge" : rng.next() % 100 < 12 ? "penalty" : "spot_check"
                let year = 2020 + Int(rng.next() % 5)
                let date = "\(year)-\(String(format: "%02d", 1 + rng.next() % 12))-\(String(format: "%02d", 1 + rng.next() % 28))"
                try credit.bind([
                    .text("C\(creditCount)"), .text(id), .text(kind), .text("organisation"), .text(facilityName), .text(date),
                    kind == "penalty" ? .text("民罚决字〔\(year)〕\(creditCount)号") : .null, .text(county.name + "民政局"),
                    // A passed spot check found no problem (reason); what was checked is its basis.
                    kind == "penalty" ? .text("未按规定配备护理人员") : .null,
                    kind == "penalty" ? .text("《养老机构管理办法》") : kind == "spot_check" ? .text("养老机构“双随机、一公开”监督检查") : .null,
                    .text(kind == "pledge" ? "已作出信用承诺" : kind == "penalty" ? "警告" : "合格"),
                    kind == "penalty" && rng.next() % 2 == 0 ? .real(Double(1000 * (1 + rng.next() % 20))) : .null,
                    kind == "penalty" ? .text("ordinary") : .null, .null, .null,
                ])
                try credit.step()
            }
        }
        counts["institutions"] = total
        counts["ratings"] = ratingCount
        counts["credit_records"] = creditCount
        // Plan targets for every province, and a short national services list.
        let target = try insert("targets", 8)
        for p in provinces {
            for (indicator, year, value, binding) in [("nursing_bed_share", 2025, 55.0, "binding"), ("nursing_bed_share", 2028, 65.0, "binding"),
                                                      ("community_facility_coverage", 2028, 100.0, "expected"), ("rated_level3plus_share", 2028, 30.0, "expected")] {
                try target.bind([.text(indicator), .text(p.code + "0000"), .int(Int64(year)), .real(value), .text(">="), .text(binding), .text("合成数据"), .int(1)])
                try target.step()
            }
        }
        counts["targets"] = provinces.count * 4
        let service = try insert("services", 9)
        for (n, item) in [("高龄津贴", "material"), ("探访关爱", "care"), ("居家照护", "caregiving"), ("健康管理", "medical")].enumerated() {
            try service.bind([.text("N-\(n + 1)"), .int(Int64(n + 1)), .text("全体老年人"), .text(item.0), .text("合成数据的服务项目说明"),
                              .text(item.1), .text("民政部门"), .int(0), .text("110000")])
            try service.step()
        }
        counts["services"] = 4
        try db.execute("COMMIT")
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Where a county lies: its province's area (from the province code), its city within
    /// about 2° of that, the county within about 0.6° of its city. Worked out from the codes,
    /// not drawn, so the random sequence (and every other value) stays as it was.
    static func centre(county code: String) -> (latitude: Double, longitude: Double) {
        func spread(_ key: String, _ range: Double) -> (Double, Double) {
            var h = SplitMix64(seed: UInt64(key)! &* 0x9E37_79B9)
            return ((Double(h.next() % 10_000) / 10_000 - 0.5) * range, (Double(h.next() % 10_000) / 10_000 - 0.5) * range)
        }
        let province = spread(String(code.prefix(2)), 1), city = spread(String(code.prefix(4)), 4), county = spread(code, 1.2)
        // Provinces over 22°–44° N, 98°–124° E.
        return (33 + province.0 * 22 + city.0 + county.0, 111 + province.1 * 26 + city.1 + county.1)
    }

    static func name(_ rng: inout SplitMix64, _ length: Int) -> String {
        String((0..<length).map { _ in syllables[Int(rng.next() % UInt64(syllables.count))] })
    }
}

/// A small, fast, seedable generator (SplitMix64), so a seed always gives the same database.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
