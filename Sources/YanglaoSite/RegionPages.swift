import YanglaoIndicators
import YanglaoStore

/// County and city pages with their figures, indicator panel and facilities.
struct RegionPages {
    let context: SiteContext
    let layout: Layout
    let report: IndicatorReport
    /// Statistics per region code (thousands of regions in national data).
    let statsByRegion: [String: [RegionStat]]
    let bedGaps: [String: BedGap]
    /// Indicators with an entry on /indicators/ to link to.
    let shown: Set<String>

    init(context: SiteContext, layout: Layout, report: IndicatorReport, stats: [RegionStat]) {
        self.context = context; self.layout = layout; self.report = report
        statsByRegion = Dictionary(grouping: stats, by: \.regionCode)
        bedGaps = Dictionary(report.bedGaps.map { ($0.regionCode, $0) }, uniquingKeysWith: { first, _ in first })
        shown = Set(report.shownIndicators.map(\.code))
    }

    /// A figure the plan prints (`*_published` statistics), if the data have it.
    func printedFigure(_ code: String, _ metric: String) -> Double? {
        statsByRegion[code]?.first { $0.metric == metric }?.value
    }

    /// "规划附件2印刷：床位缺口 7,959 张，护理型床位缺口 6,188 张", when the data have them.
    func published(_ code: String) -> String? {
        let gap = printedFigure(code, "bed_gap_published"), nursing = printedFigure(code, "nursing_bed_gap_published")
        guard gap != nil || nursing != nil else { return nil }
        let parts = [gap.map { "床位缺口 \(Labels.int(Int($0))) 张" }, nursing.map { "护理型床位缺口 \(Labels.int(Int($0))) 张" }].compactMap { $0 }
        return "规划附件2印刷：" + parts.joined(separator: "，") + "。附件未列护理型床位缺口的算法；印刷的床位缺口与按公式计算的数可能不同，见计算方法。"
    }

    /// "2022 年；60岁及以上人口：2025 年预测数": the year of a value that is not of the data
    /// year, and the statistics it used that are not actual figures of that year (sources
    /// left to the indicator's page). Nil when there is nothing to say.
    static func basisNote(_ v: IndicatorValue, dataYear: Int) -> String? {
        guard v.value != nil else { return nil }
        let year = v.year != dataYear ? ["\(v.year) 年"] : []
        // A value of an earlier year made of that year's actual figures needs only its year.
        let used = v.statisticsNotOfTheYear.filter { !$0.hasSuffix("：\(v.year) 年实际数") }
        let parts = year + used
        return parts.isEmpty ? nil : parts.joined(separator: "；")
    }

    /// Indicators shown in a region's panel, in this order.
    static let panel = ["institutions", "beds_total", "nursing_bed_share", "beds_per_1000_elderly", "occupancy_rate",
                        "rated_share", "rated_level3plus_share", "medical_integration_share", "fire_safety_accepted_share",
                        "caregivers", "caregiver_certified_rate", "community_facilities", "township_centres",
                        "village_daycare_centres", "ageing_rate"]
    static let inPanel = Set(panel)
    /// The registry's indicators not in the panel, in its order.
    static let rest = IndicatorRegistry.all.map(\.code).filter { !inPanel.contains($0) }

    static let statLabels: [(metric: String, label: String, unit: String)] = [
        ("population", "总人口", "人"), ("population_60plus", "60岁及以上人口", "人"),
        ("urban_communities", "城市社区", "个"), ("townships", "乡镇", "个"), ("administrative_villages", "行政村", "个"),
        ("beds_institution_existing", "现有机构床位", "张"),
        ("beds_community_fullcare_existing", "现有社区全托床位", "张"),
    ]

    func index() -> String {
        // A city's or a province's site: the region with its children. A site of several
        // (a national one): the provinces only, each page then listing its cities, so the
        // index stays one table instead of one per province.
        let body: HTML
        if let root = context.scope.single {
            let children = context.children(of: root.code)
            body = "<h2>\(root.name)</h2>\n" + childTable(root, children, caption: "各\(SiteContext.levelName(children.first?.level ?? "county"))主要指标（\(IndicatorPages.period(context.meta.dataAsOf))）")
        } else {
            let roots = context.scope.roots
            body = childTable(nil, roots, caption: "各\(SiteContext.levelName(roots.first?.level ?? "province"))主要指标（\(IndicatorPages.period(context.meta.dataAsOf))）")
        }
        return layout.page(title: context.regionsTitle, path: "regions/", body: "<p class=\"lead\">点击地区名称查看该地的人口、设施、指标和机构名单。</p>\n" + body)
    }

    /// A table of `regions` (after `parent`, when given) with the figures people compare first.
    func childTable(_ parent: Region?, _ regions: [Region], caption: String) -> HTML {
        let shown = (parent.map { [$0] } ?? []) + regions
        // A column whose values divide by a projection (or are of another year) says so: under
        // the table when every row has the same basis, else beside each value.
        let columns = ["institutions", "beds_total", "nursing_bed_share", "beds_per_1000_elderly", "rated_share"]
        var notes: [String: [String: String]] = [:]
        for code in columns {
            for r in shown { notes[code, default: [:]][r.code] = report.value(code, region: r.code).flatMap { RegionPages.basisNote($0, dataYear: report.year) } }
        }
        let uniform = Set(columns.filter { code in
            let values = shown.compactMap { report.value(code, region: $0.code)?.value == nil ? nil : notes[code]?[$0.code] ?? "" }
            return !values.isEmpty && Set(values).count == 1 && !values[0].isEmpty
        })
        let rows: [[HTML]] = shown.map { r in
            func v(_ code: String) -> HTML {
                guard let def = IndicatorRegistry.definition(code) else { return "—" }
                let note: HTML = uniform.contains(code) ? .empty : notes[code]?[r.code].map { "<span class=\"muted basis\">\($0)</span>" } ?? .empty
                return "\(Labels.value(report.value(code, region: r.code), def))\(note)"
            }
            return ["<a href=\"\(context.url("regions/\(r.code)/"))\">\(r.name)</a>", v("institutions"), v("beds_total"),
                    v("nursing_bed_share"), v("beds_per_1000_elderly"), v("rated_share")]
        }
        let head: [HTML] = ["地区", "养老机构（家）", "床位（张）", "护理型床位占比", "每千名老年人床位", "已评级机构占比"]
        let footnotes: [HTML] = columns.enumerated().filter { uniform.contains($0.element) }.map { i, code in
            // "60岁及以上人口：2025 年预测数" reads "60岁及以上人口用 2025 年预测数" after the column's name.
            "\(head[i + 1])：\((notes[code]?.values.first { !$0.isEmpty } ?? "").replacingOccurrences(of: "：", with: "用 "))。"
        }
        return Components.table(caption: caption, head: head, rows: rows, numeric: [1, 2, 3, 4, 5], stack: true)
            + (footnotes.isEmpty ? .empty : "<p class=\"muted\">\(footnotes.joined(" "))</p>\n")
    }

    func page(_ region: Region, facilities: [InstitutionSummary]) -> String {
        var body: HTML = ""
        let categories = ["institution", "community", "township_centre", "village_daycare"]
        // The lists are what most visitors came for: links to them come before the statistics.
        // How many of each category are listed, with the closed ones among them (said in the jump line and the heading).
        func listed(_ cat: String) -> (n: Int, closed: Int, unit: String) { Self.listed(cat, in: facilities) }
        let jumps: [HTML] = categories.compactMap { cat in
            let c = listed(cat)
            return c.n == 0 ? nil : "<a href=\"#cat-\(cat)\">\(Labels.category(cat)) \(c.n) \(c.unit)\(c.closed > 0 ? "（含已关闭 \(c.closed) \(c.unit)）" : "")</a>"
        }
        if !jumps.isEmpty {
            body = body + "<nav class=\"jump\" aria-label=\"本地区的机构和设施名单\"><p>查看名单：\(jumps.joined(" "))</p></nav>\n"
        }
        // Said where families look first, not only by a 0 in the indicator table.
        if region.level == "county" {
            if facilities.isEmpty { body = body + "<p>该地区暂无机构和设施数据。</p>\n" }
            else if listed("institution").n == 0 { body = body + "<p>本地区的名录中没有养老机构；社区和农村的养老服务设施见下方名单。</p>\n" }
        }
        // The facilities are what most visitors came for: every list before the statistics (care
        // homes first; the long lists of centres are folded on a phone, so the figures stay near).
        for cat in categories { body = body + facilityList(cat, region: region, facilities: facilities) }
        body = body + statisticsSection(region) + indicatorSection(region) + bedGapSection(region) + countyBedGapSection(region)
        let children = context.children(of: region.code)
        if !children.isEmpty {
            // With their figures, and the way to this region's facilities in the directory's finder.
            let key = region.level == "province" ? "province" : region.level == "city" ? "city" : "county"
            body = body + "<h2>下辖\(SiteContext.levelName(children[0].level))</h2>\n"
                + "<p><a href=\"\(context.url("institutions/"))?\(key)=\(region.code)&amp;category=institution&amp;sort=rating\">查看\(region.name)的养老机构（可按等级、床位等筛选）</a></p>\n"
                + childTable(nil, children, caption: "下辖\(SiteContext.levelName(children[0].level))主要指标（\(IndicatorPages.period(context.meta.dataAsOf))）")
        }
        var crumbs: [(String, String)] = [(context.regionsTitle, "regions/")]
        for a in context.ancestors(of: region.code) { crumbs.append((a.name, "regions/\(a.code)/")) }
        crumbs.append((region.name, ""))
        return layout.page(title: region.name, path: "regions/\(region.code)/",
                           description: "\(region.name)养老服务：人口、设施、主要指标和机构名单。", breadcrumbs: crumbs, body: body)
    }

    /// How many facilities of a category a region lists, with the closed ones among them (said in
    /// the jump line and the list's heading), and the unit they are counted in.
    static func listed(_ cat: String, in facilities: [InstitutionSummary]) -> (n: Int, closed: Int, unit: String) {
        (facilities.reduce(0) { $0 + ($1.category == cat ? 1 : 0) },
         facilities.reduce(0) { $0 + ($1.category == cat && $1.status == "closed" ? 1 : 0) }, cat == "institution" ? "家" : "处")
    }

    /// One category's list of the region's facilities, with its heading (a county without one says so).
    func facilityList(_ cat: String, region: Region, facilities: [InstitutionSummary]) -> HTML {
        func listed(_ cat: String) -> (n: Int, closed: Int, unit: String) { Self.listed(cat, in: facilities) }
        var list = facilities.filter { $0.category == cat }
        // A county without a kind of facility says so (a missing section reads as a page cut short).
        guard !list.isEmpty else {
            return region.level == "county" && !facilities.isEmpty
                ? "<h2 id=\"cat-\(cat)\">\(Labels.category(cat))（0）</h2>\n<p>本站名录中\(region.name)暂无\(Labels.category(cat))。</p>\n" : .empty
        }
        // Care homes: the best rated first, as families look for them; then, as the
        // directory sorts by rating, the larger first; then by name.
        // One that cannot be chosen now (closed, suspended, blacklisted) comes last, whatever its rating;
        // in the other lists too (kept otherwise in directory order).
        func out(_ s: InstitutionSummary) -> Bool { s.unavailable }
        if cat == "institution" {
            list.sort { a, b in
                let (p, q) = (out(a), out(b))
                if p != q { return q }
                let (x, y) = (a.rating.currentLevel ?? 0, b.rating.currentLevel ?? 0)
                return x != y ? x > y : a.beds != b.beds ? a.beds > b.beds : ChineseOrder.shared.precedes(a.name, b.name)
            }
        } else {
            list = list.filter { !out($0) } + list.filter(out)
        }
        // A list of facilities without beds (most village day-care centres) leaves the
        // column out, and lists without phone numbers stay one line a row on a phone:
        // a county's 200 centres as cards saying "床位 0" were most of a very long page.
        // A list with numbers is cards there, as the care homes' (four columns do not fit).
        let beds = cat == "institution" || list.contains { $0.beds > 0 }
        // The number to ring, one tap on a phone, where any facility of the list has one
        // (village day-care centres usually have none: no column of dashes).
        let phones = list.contains { !($0.phone ?? "").isEmpty }
        // Where to find it, beside the number, in the lists read as cards on a phone (a name
        // such as 嘉禾托养中心 does not say in which town it is).
        let addresses = (cat == "institution" || phones) && list.contains { !($0.address ?? "").isEmpty }
        let notPublished: HTML = "<span class=\"none\">未公布</span>"
        // The list's columns, each with its heading, its cell and how it is set.
        struct Column {
            let head: HTML
            let cell: (InstitutionSummary) -> HTML
            var numeric = false, nowrap = false, text = false
        }
        var columns = [
            // Care homes can be put side by side from here too, as from the directory.
            Column(head: "名称", cell: { f in
                (InstitutionPages.path(f.id).map { "<a href=\"\(context.url($0))\">\(f.name)</a>" } ?? "\(f.name)")
                    + Components.warnings(f.warnings) + (cat == "institution" ? Components.pickButton(id: f.id, name: f.name) : .empty)
            }),
            Column(head: "性质", cell: { "\(Labels.ownership($0.ownership))" }, nowrap: true),
        ]
        if beds { columns.append(Column(head: "床位", cell: { "\(Labels.beds($0.beds))" }, numeric: true)) }
        if cat == "institution" { columns.append(Column(head: "等级评定", cell: { Components.rating($0.rating, status: $0.status, dated: true) }, nowrap: true)) }
        if addresses { columns.append(Column(head: "地址", cell: { f in f.address.flatMap { $0.isEmpty ? nil : "\($0)" } ?? notPublished }, text: true)) }
        if phones { columns.append(Column(head: "电话", cell: { f in (f.phone ?? "").isEmpty ? notPublished : Components.phone(f.phone) }, nowrap: true)) }
        let rows: [[HTML]] = list.map { f in columns.map { $0.cell(f) } }
        // On a one-city site the finder takes the county straight from the address.
        let finder: HTML = cat == "institution" && region.level == "county" && context.scope.single != nil
            ? "<p>按等级从高到低排列。<a href=\"\(context.url("institutions/"))?county=\(region.code)&amp;category=institution&amp;sort=rating\">在机构名录中按等级、床位、医养结合等条件筛选</a></p>\n"
            : .empty
        // Counts elsewhere (indicators, the ratings page) leave closed ones out: the heading says how many it lists.
        let c = listed(cat)
        func indices(_ set: (Column) -> Bool) -> Set<Int> { Set(columns.indices.filter { set(columns[$0]) }) }
        let table = Components.table(label: Labels.category(cat), head: columns.map(\.head), rows: rows, numeric: indices(\.numeric),
                                     nowrap: indices(\.nowrap), text: indices(\.text), stack: cat == "institution" || phones)
        // A long list of centres (a county's 200 village day-care centres) is folded on a
        // phone-long page: its heading and count stay, the names open with one tap.
        let folded: HTML = cat != "institution" && rows.count > 20
            ? "<details class=\"list\"><summary>展开全部 \(rows.count) \(c.unit)名单</summary>\n" + table + "</details>\n" : table
        return "<h2 id=\"cat-\(cat)\">\(Labels.category(cat))（\(c.n)\(c.closed > 0 ? "，含已关闭 \(c.closed) \(c.unit)" : "")）</h2>\n" + finder + folded
    }

    /// The region's own figures (population, communities, townships, the plan's bed counts), each with its year and source.
    func statisticsSection(_ region: Region) -> HTML {
        let statRows: [(String, HTML)] = RegionPages.statLabels.compactMap { s in
            let rows = (statsByRegion[region.code] ?? []).filter { $0.metric == s.metric }
            guard let latest = IndicatorEngine.pick(rows, year: report.year) else { return nil }
            // Figures the plan reported are not the directory's own counts: the label and source say so.
            let planned = s.metric.hasSuffix("_existing")
            let suffix = latest.kind == "projection" ? "（\(latest.year)年预测）" : latest.kind == "estimate" ? "（\(latest.year)年，推算）"
                : planned ? "（规划报送，\(latest.year)年）" : "（\(latest.year)年）"
            // Every figure says where it comes from (a census figure as much as a projection).
            // The source on a line of its own: it holds brackets of its own (〔2024〕, 附件1（…）).
            let figure = Labels.int(Int(latest.value)) + " " + s.unit
            return (s.label + suffix, latest.source.isEmpty ? "\(figure)" : "\(figure)<br><span class=\"muted\">来源：\(latest.source)</span>")
    }
    let plannedBeds = statRows.contains { $0.0.hasPrefix("现有机构床位") }
        var body: HTML = ""
    if !statRows.isEmpty {
        body = body + "<h2>基本情况</h2>\n" + Components.facts(statRows)
    }
    if plannedBeds {
        body = body + "<p class=\"muted\">“现有机构床位”和“现有社区全托床位”是规划文件报送的数字（年份见括号，出处见数字后）；下方“养老机构床位数”由本站机构名录中各养老机构的床位相加，截至 \(Layout.dateZH(context.meta.dataAsOf))。两者来源和统计时点不同，数字可能不一致；下载数据中前者是“养老床位缺口”数据集的“现有机构床位”，后者是“规划指标及目标完成情况”数据集中“养老机构床位数”（beds_total）一行的数值。</p>\n"
    }
        return body
    }

    /// The region's indicators with their targets; those without a figure but with a target folded,
    /// those with neither named in one line.
    func indicatorSection(_ region: Region) -> HTML {
        // The fixed panel, then every other indicator with a target for this region (a county's
        // annex targets, the city's plan table), in the registry's order.
        // Then the others (a figure but no target here), folded after them: a page that named the
        // indicators without data but left out some with a figure would seem to say it had none.
        let evaluations = report.evaluations(region: region.code)
        let targetsOf = Dictionary(grouping: evaluations, by: \.target.indicator)
        let codes = RegionPages.panel + RegionPages.rest.filter { targetsOf[$0] != nil } + RegionPages.rest.filter { targetsOf[$0] == nil }
        let indicators = context.url("indicators/")
        // An indicator with neither a figure nor a target here is named once below the table,
        // not a row of dashes (a county's table was mostly "暂无数据").
        var withoutData: [HTML] = []
        // Targets without a figure to judge them by (most reported indicators of the city) go
        // in a table of their own, folded: a phone would scroll past pages of 暂无数据 first.
        var targetsOnly: [[HTML]] = []
        // A list, not a table: thousands of region pages carry it.
        var others: [HTML] = []
        let panelRows: [[HTML]] = codes.compactMap { code in
            guard let def = IndicatorRegistry.definition(code) else { return nil }
            let v = report.value(code, region: region.code)
            let targets = targetsOf[code] ?? []
            let inPanel = RegionPages.inPanel.contains(code)
            if v?.value == nil, targets.isEmpty {
                // One without a figure or a target anywhere is not on the site at all (nor on /indicators/).
                if shown.contains(code) { withoutData.append("<a href=\"\(indicators)#\(code)\">\(def.nameZH)</a>") }
                return nil
            }
            // A value of another year, or one that divides by a projection, says so beside it.
            let basis = v.flatMap { RegionPages.basisNote($0, dataYear: report.year) }
            // The unit beside the value (a column of its own was empty for every percentage).
            let unit = def.isPercent || v?.value == nil ? "" : " " + def.unit
            let name: HTML = "<a href=\"\(indicators)#\(code)\">\(def.nameZH)</a>"
            if targets.isEmpty, !inPanel {
                others.append("<li>\(name)：\(Labels.value(v, def))\(unit)\(basis.map { "<span class=\"muted\">（\($0)）</span>" } ?? .empty)</li>")
                return nil
            }
            let value: HTML = "\(Labels.value(v, def))\(unit)\(basis.map { "<span class=\"muted basis\">\($0)</span>" } ?? .empty)"
            let targetText: [HTML] = targets.map { e in
                "<div>\(IndicatorPages.targetLine(e, def, year: report.year, withSource: false))</div>"
            }
            // No target: a dash in the table, no line at all on a phone's card.
            let row: [HTML] = [name, value, targetText.isEmpty ? "<span class=\"none\">—</span>" : targetText.joined()]
            if v?.value == nil, !inPanel { targetsOnly.append(row); return nil }
            return row
        }
        // "规划期末（2028 年）" explained where it appears: the document gave no year.
        let inferred: HTML = evaluations.contains { !$0.target.yearStated } ? "，写作“规划期末”的，文件没有写年份，本站按规划期最后一年判断" : .empty
        return "<h2 id=\"indicators\">主要指标</h2>\n<p class=\"muted\">由本站机构名录记录计算，截至 \(Layout.dateZH(context.meta.dataAsOf))；目标来自规划文件\(inferred)。计算方法见<a href=\"\(indicators)\">规划指标</a>。</p>\n"
            + (panelRows.isEmpty ? .empty : Components.table(label: "主要指标", head: ["指标", "当前值", "规划目标及完成情况"], rows: panelRows, numeric: [1], wide: [2], stack: true))
            + (targetsOnly.isEmpty ? .empty : "<details><summary>另有 \(targetsOnly.count) 项指标有规划目标、暂无数据（展开查看目标）</summary>\n"
                + Components.table(label: "有规划目标、暂无数据的指标", head: ["指标", "当前值", "规划目标及完成情况"], rows: targetsOnly, numeric: [1], wide: [2], stack: true)
                + "</details>\n")
            + (others.isEmpty ? .empty : "<details><summary>另有 \(others.count) 项指标没有本地区的规划目标（展开查看数值）</summary>\n<ul>\(others.joined())</ul>\n</details>\n")
            // A list folded like the two above (some thirty names run into a paragraph read as a wall of links).
            + (withoutData.isEmpty ? .empty : "<details><summary>另有 \(withoutData.count) 项指标暂无数据、也没有本地区的规划目标</summary>\n<ul class=\"columns\">\(withoutData.map { (l: HTML) -> HTML in "<li>\(l)</li>" })</ul>\n</details>\n")
    }

    /// The plan's bed gap for the region (annex 2's method), with the printed figures folded for those who check.
    func bedGapSection(_ region: Region) -> HTML {
        var body: HTML = ""
        if let gap = bedGaps[region.code] {
            let gapText = gap.gap >= 0 ? "缺口 \(Labels.int(gap.gap)) 张" : "富余 \(Labels.int(-gap.gap)) 张"
            // Two bed shortfalls on one page (the target's 还差 above, this gap) read as a contradiction unless told apart.
            let apart: HTML = report.evaluations(region: region.code).contains { $0.target.indicator == "beds_total" }
                ? "<p class=\"muted\">这里的缺口和上方“养老机构床位数”目标的“还差”不是一回事：缺口是 2025 年需要的床位减去规划报送的现有床位（含社区全托床位）；“还差”是规划目标减去本站机构名录中养老机构的床位。</p>\n" : .empty
            body = body + """
                <h2 id="bed-gap">养老床位缺口（规划测算方法）</h2>
                <p>按《临汾市养老服务五年规划》附件2的方法：2025 年 60 岁及以上人口预测 \(Labels.int(Int(gap.elderly2025))) 人 × 2% = 需要 \(Labels.int(gap.needed)) 张；规划报送的现有机构床位 \(Labels.int(gap.institutionBeds)) 张、社区全托床位 \(Labels.int(gap.communityBeds)) 张；<strong>\(gapText)</strong>。</p>
                """ + apart
            // What the plan printed, and the download: for those who check figures, folded away
            // from families reading the page.
            body = body + "<details class=\"tech\"><summary>核对：规划附件印刷的数字、数据下载</summary>\n"
                + (published(region.code).map { "<p class=\"muted\">\($0)</p>\n" } ?? "")
                + "<p class=\"muted\">各地区的床位缺口可下载：<a href=\"\(context.url("data/bed-gaps/"))\">养老床位缺口数据集</a>。</p>\n</details>\n"
    }
        return body
    }

    /// A city's table of its counties' bed gaps, with their sum and the plan's printed figures.
    func countyBedGapSection(_ region: Region) -> HTML {
        var body: HTML = ""
        let children = context.children(of: region.code)
        let countyGaps = children.compactMap { c in bedGaps[c.code].map { (c, $0) } }
        if region.level == "city", !countyGaps.isEmpty {
            let rows: [[HTML]] = countyGaps.map { c, g in
                ["<a href=\"\(context.url("regions/\(c.code)/"))\">\(c.name)</a>", "\(Labels.int(Int(g.elderly2025)))", "\(Labels.int(g.needed))",
                 "\(Labels.int(g.institutionBeds))", "\(Labels.int(g.communityBeds))",
                 g.gap >= 0 ? "\(Labels.int(g.gap))" : "富余 \(Labels.int(-g.gap))",
                 "\(printedFigure(c.code, "bed_gap_published").map { Labels.int(Int($0)) } ?? "—")",
                 "\(printedFigure(c.code, "nursing_bed_gap_published").map { Labels.int(Int($0)) } ?? "—")"]
            }
            // The counties' sum, so a reader need not add 17 rows; it differs from the city's own
            // figure above (the plan's rounded city population; surpluses offset gaps), said so.
            func sum(_ f: (BedGap) -> Int) -> Int { countyGaps.reduce(0) { $0 + f($1.1) } }
            func printedSum(_ metric: String) -> String {
                let printed = countyGaps.map { printedFigure($0.0.code, metric) }
                return printed.contains(nil) ? "—" : Labels.int(Int(printed.reduce(0.0) { $0 + $1! }))
            }
            let net = sum(\.gap)
            let total: [HTML] = ["各县合计", "\(Labels.int(sum { Int($0.elderly2025) }))", "\(Labels.int(sum(\.needed)))",
                                 "\(Labels.int(sum(\.institutionBeds)))", "\(Labels.int(sum(\.communityBeds)))",
                                 net >= 0 ? "\(Labels.int(net))" : "富余 \(Labels.int(-net))",
                                 "\(printedSum("bed_gap_published"))", "\(printedSum("nursing_bed_gap_published"))"]
            let own: HTML = bedGaps[region.code].map { g in
                "合计行把各县的数相加，富余的县抵减其他县的缺口；上文\(region.name)的缺口（\(g.gap >= 0 ? "\(Labels.int(g.gap)) 张" : "富余 \(Labels.int(-g.gap)) 张")）按全市自己的数计算，\(Int(g.elderly2025) == sum { Int($0.elderly2025) } ? "" : "全市 60 岁及以上人口预测用文件公布的 \(Labels.int(Int(g.elderly2025))) 人（各县之和为 \(Labels.int(sum { Int($0.elderly2025) })) 人），")所以两者可能不同。"
            } ?? .empty
            body = body + "<h2 id=\"county-bed-gaps\">各县床位缺口（规划测算方法）</h2>\n<p class=\"muted\">需求 = 2025 年 60 岁及以上人口预测 × 2%（四舍五入）；缺口 = 需求 − 现有机构床位 − 社区全托床位；负数为富余。由规划附件2的输入数据按公式计算，个别县与附件印刷数相差 1 张或符号不同，见<a href=\"\(context.url("indicators/methodology/"))#bed-gap\">计算方法</a>。\(own)</p>\n"
                + Components.table(label: "各县床位缺口", head: ["地区", "2025年60岁以上人口预测", "床位需求", "机构床位（规划报送）", "社区全托床位（规划报送）", "缺口",
                                          "附件印刷缺口", "附件护理型床位缺口"],
                                   rows: rows, foot: [total], numeric: [1, 2, 3, 4, 5, 6, 7], stack: true)
    }
        return body
    }
}
