import YanglaoIndicators
import YanglaoStore

/// `/ratings/`: how levels are distributed by county and ownership, and who holds each level.
struct RatingsPage {
    let context: SiteContext
    let layout: Layout

    /// `institutions`: care institutions (category `institution`) with their rating state.
    func page(_ institutions: [InstitutionSummary]) -> String {
        let active = institutions.filter { $0.status != "closed" }
        func level(_ s: InstitutionSummary) -> Int? { s.rating.currentLevel }
        let rated = active.filter { level($0) != nil }
        var body: HTML = """
            <p class="lead">养老机构等级评定依据国家标准 GB/T 37276-2018《养老机构等级划分与评定》，从一级（最低）到五级（最高），评定结果有效期一般为 3 年，到期需重新评定。“未评级”表示没有有效的评定结果，不代表等级低。</p>
            """
        body = body + Components.figures([
            ("养老机构（家）", Labels.int(active.count)), ("持有有效等级（家）", Labels.int(rated.count)),
            ("三级及以上（家）", Labels.int(rated.filter { level($0)! >= 3 }.count)),
            ("未评级或已失效（家）", Labels.int(active.count - rated.count)),
        ])
        let levels = [5, 4, 3, 2, 1]
        func row(_ label: HTML, _ group: [InstitutionSummary]) -> [HTML] {
            [label] + levels.map { l in "\(group.filter { level($0) == l }.count)" }
                + ["\(group.filter { level($0) == nil }.count)", "\(group.count)"]
        }
        let head: [HTML] = ["地区"] + levels.map { "\(RatingState.levelName($0))" } + ["未评级或已失效", "合计"]
        var countyRows: [[HTML]] = []
        for city in context.cities {
            for county in context.counties(of: city.code) {
                countyRows.append(row("<a href=\"\(context.url("regions/\(county.code)/"))\">\(county.name)</a>",
                                      active.filter { $0.regionCode == county.code }))
            }
            let inCity = Set([city.code] + context.counties(of: city.code).map(\.code))
            countyRows.append(row("<strong>\(city.name)合计</strong>", active.filter { inCity.contains($0.regionCode) }))
        }
        body = body + "<h2 id=\"by-county\">各县（市、区）等级分布</h2>\n"
            + Components.table(caption: "持有有效等级的养老机构数（家）", head: head, rows: countyRows, numeric: Set(1...7))
        let ownershipRows: [[HTML]] = ["public", "public_private", "private"].compactMap { o in
            let group = active.filter { $0.ownership == o }
            return group.isEmpty ? nil : row("\(Labels.ownership(o))", group)
        }
        body = body + "<h2 id=\"by-ownership\">按机构性质</h2>\n"
            + Components.table(head: ["性质"] + Array(head.dropFirst()), rows: ownershipRows, numeric: Set(1...7))
        for l in levels {
            let holders = rated.filter { level($0) == l }
            body = body + "<h2 id=\"level-\(l)\">\(RatingState.levelName(l)) <span aria-hidden=\"true\">\(Components.stars(l))</span>（\(holders.count) 家）</h2>\n"
            if holders.isEmpty { body = body + "<p>目前没有\(RatingState.levelName(l))养老机构。</p>\n"; continue }
            body = body + Components.table(head: ["机构", "地区", "性质", "评定日期", "有效期至"], rows: holders.map(listRow))
        }
        let lapsed = active.filter {
            switch $0.rating { case .expired, .withdrawn: true; default: false }
        }
        if !lapsed.isEmpty {
            body = body + "<h2 id=\"lapsed\">等级已过有效期或已撤销（\(lapsed.count) 家）</h2>\n"
                + Components.table(head: ["机构", "地区", "状态"], rows: lapsed.map { s in
                    [link(s), "\(context.regionName(s.regionCode))", "\(s.rating.label)"]
                })
        }
        body = body + "<p>下载全部评定结果及历史：<a href=\"\(context.url("data/ratings.csv"))\">CSV</a>　<a href=\"\(context.url("data/ratings-excel.csv"))\">Excel 版 CSV</a>　<a href=\"\(context.url("data/ratings.json"))\">JSON</a></p>\n"
        return layout.page(title: "等级评定", path: "ratings/", body: body)
    }

    func link(_ s: InstitutionSummary) -> HTML {
        InstitutionPages.path(s.id).map { "<a href=\"\(context.url($0))\">\(s.name)</a>" } ?? "\(s.name)"
    }

    func listRow(_ s: InstitutionSummary) -> [HTML] {
        guard case .current(let r) = s.rating else { return [link(s), "", "", "", ""] }
        return [link(s), "\(context.regionName(s.regionCode))", "\(Labels.ownership(s.ownership))",
                "\(Layout.dateZH(r.ratedOn))", "\(Layout.dateZH(r.validUntil))"]
    }
}
