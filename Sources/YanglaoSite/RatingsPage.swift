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
            <p class="lead">养老机构等级评定依据国家标准 GB/T 37276-2018《养老机构等级划分与评定》，从一级（最低）到五级（最高），评定结果有效期一般为 3 年，到期需重新评定。“未评级”表示没有有效的评定结果，不代表等级低。本页的统计和名单不含已关闭的机构。</p>
            """
        body = body + Components.figures([
            ("养老机构（家）", Labels.int(active.count)), ("截至\(Layout.dateZH(context.meta.dataAsOf))持有有效等级（家）", Labels.int(rated.count)),
            ("三级及以上（家）", Labels.int(rated.filter { level($0)! >= 3 }.count)),
            ("未评级或已失效（家）", Labels.int(active.count - rated.count)),
        ])
        let levels = [5, 4, 3, 2, 1]
        let lapsed = active.filter {
            switch $0.rating { case .expired, .withdrawn: true; default: false }
        }
        // A long page (a national one lists hundreds per level): straight to a level's list.
        // With each list's count: a link to an empty list is a wasted tap.
        let jumps: [HTML] = levels.map { l in "<a href=\"#level-\(l)\">\(RatingState.levelName(l))名单（\(rated.filter { level($0) == l }.count)）</a>" }
            + (lapsed.isEmpty ? [] : ["<a href=\"#lapsed\">已过有效期或撤销</a>"])
        body = body + "<nav class=\"jump\" aria-label=\"各等级名单\"><p>查看名单：\(jumps.joined(" "))</p></nav>\n"
        // The total and the unrated (most care homes) first, then the levels from 一级, where most
        // rated homes are: on a phone these stay in view and the rarer high levels scroll.
        let columns = levels.reversed()
        func row(_ label: HTML, _ group: [InstitutionSummary]) -> [HTML] {
            [label, "\(group.count)", "\(group.filter { level($0) == nil }.count)"] + columns.map { l in "\(group.filter { level($0) == l }.count)" }
        }
        let head: [HTML] = ["地区", "<span class=\"nw\">合计</span>", "<span class=\"nw\">未评级</span><span class=\"nw\">或失效</span>"]
            + columns.map { "<span class=\"nw\">\(RatingState.levelName($0))</span>" }
        // One row per child of the site's region (the sample's counties; a national
        // site's provinces), each counting every facility below it, then the total.
        let scope = context.scopeCode
        let children = context.children(of: scope)
        var rowOf: [String: Int] = [:]
        for (n, child) in children.enumerated() { for code in context.descendants(of: child.code) { rowOf[code] = n } }
        var groups = [[InstitutionSummary]](repeating: [], count: children.count)
        for s in active { if let n = rowOf[s.regionCode] { groups[n].append(s) } }
        var countyRows: [[HTML]] = zip(children, groups).map { child, group in
            row("<a href=\"\(context.url("regions/\(child.code)/"))\">\(child.name)</a>", group)
        }
        let everything = context.descendants(of: scope)
        countyRows.append(row("<strong>\(context.scopeName)合计</strong>", active.filter { everything.contains($0.regionCode) }))
        let word = SiteContext.levelName(children.first?.level ?? "county")
        body = body + "<h2 id=\"by-county\">各\(word)等级分布</h2>\n"
            + Components.table(caption: "养老机构按当前等级分布（家），含未评级或等级已失效的机构", head: head, rows: countyRows, numeric: Set(1...7), compact: true)
        let ownershipRows: [[HTML]] = ["public", "public_private", "private"].compactMap { o in
            let group = active.filter { $0.ownership == o }
            return group.isEmpty ? nil : row("\(Labels.ownership(o))", group)
        }
        body = body + "<h2 id=\"by-ownership\">按机构性质</h2>\n"
            + Components.table(label: "按机构性质的等级分布", head: ["性质"] + Array(head.dropFirst()), rows: ownershipRows, numeric: Set(1...7), compact: true)
        for l in levels {
            let holders = rated.filter { level($0) == l }
            body = body + "<h2 id=\"level-\(l)\">\(RatingState.levelName(l)) <span aria-hidden=\"true\">\(Components.stars(l))</span>（\(holders.count) 家）</h2>\n"
            if holders.isEmpty { body = body + "<p>目前没有\(RatingState.levelName(l))养老机构。</p>\n"; continue }
            // A national site has thousands per level: the page lists the first ones, the data has all.
            if holders.count > Self.listLimit {
                body = body + "<p>以下列出前 \(Self.listLimit) 家（按地区代码排列）；全部 \(Labels.int(holders.count)) 家见下方评定结果下载，或在<a href=\"\(context.url("institutions/"))\">机构名录</a>中按等级筛选。</p>\n"
            }
            body = body + Components.table(label: "\(RatingState.levelName(l))养老机构", head: ["机构", "地区", "性质", "评定日期", "有效期至"], rows: holders.prefix(Self.listLimit).map(listRow),
                                           nowrap: [1, 2, 3, 4], stack: true)
        }
        if !lapsed.isEmpty {
            body = body + "<h2 id=\"lapsed\">等级已过有效期或已撤销（\(lapsed.count) 家）</h2>\n"
                + (lapsed.count > Self.listLimit ? "<p>以下列出前 \(Self.listLimit) 家（按地区代码排列）；全部见评定结果下载。</p>\n" : HTML.empty)
                + Components.table(label: "等级已过有效期或已撤销的机构", head: ["机构", "地区", "状态"], rows: lapsed.prefix(Self.listLimit).map { s in
                    [link(s), "\(context.placeName(s.regionCode))", "\(s.rating.label)"]
                }, nowrap: [1, 2], stack: true)
        }
        body = body + "<p>下载全部评定结果及历史：<a href=\"\(context.url("data/ratings.csv"))\">CSV</a>　<a href=\"\(context.url("data/ratings-excel.csv"))\">Excel 版 CSV</a>　<a href=\"\(context.url("data/ratings.json"))\">JSON</a></p>\n"
        return layout.page(title: "等级评定", path: "ratings/", body: body)
    }

    /// Longest list of one level on the page.
    static let listLimit = 200

    func link(_ s: InstitutionSummary) -> HTML {
        (InstitutionPages.path(s.id).map { "<a href=\"\(context.url($0))\">\(s.name)</a>" } ?? "\(s.name)") + Components.warnings(s.warnings)
    }

    func listRow(_ s: InstitutionSummary) -> [HTML] {
        guard case .current(let r) = s.rating else { return [link(s), "", "", "", ""] }
        return [link(s), "\(context.placeName(s.regionCode))", "\(Labels.ownership(s.ownership))",
                "\(Layout.dateZH(r.ratedOn))", Layout.endDate(r.validUntil, past: "过有效期")]
    }
}
