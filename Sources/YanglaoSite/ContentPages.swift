import YanglaoIndicators
import YanglaoMarkdown
import YanglaoOpenData
import YanglaoStore

/// Home, policies, free pages, the services list, indicators and the 404 page.
struct ContentPages {
    let context: SiteContext
    let layout: Layout
    let report: IndicatorReport

    /// `correction`: the correction of the release the data shown are in (its number and day),
    /// nil when they are the release's.
    /// "共 5 件", or "本地 2 件，外地参考 3 件" where other areas' texts are kept for reference
    /// (a count of five read as five local rules).
    func policyCount(_ policies: [Document]) -> String {
        let others = policies.filter { $0.otherArea != nil }.count
        return others == 0 ? "共 \(policies.count) 件" : "本地 \(policies.count - others) 件，外地参考 \(others) 件"
    }

    func home(policies: [Document], datasets: Int, correction: (number: Int, day: String?)? = nil) -> String {
        func v(_ code: String, _ region: String) -> String {
            guard let def = IndicatorRegistry.definition(code) else { return "—" }
            return Labels.value(report.value(code, region: region), def)
        }
        // What the site is, said under the form that finds a home (on a phone the form comes first).
        let lead: HTML = "<p class=\"lead\">\(context.meta.value("description") ?? "公开养老机构名录、等级评定、信用信息、基本养老服务清单和规划指标，数据可下载。")</p>\n"
        var body: HTML = ""
        // The site's own region (the sample's city), or the total over a national site's provinces.
        let scope = context.scopeCode
        // What most visitors came for, first: the care homes of their county, best rated first.
        // The directory filters with its script, so the form shows only with it (without it,
        // the county cards below lead to the same lists on the county pages).
        let counties = context.children(of: scope).filter { $0.level == "county" }
        if context.scope.single != nil, !counties.isEmpty {
            let options: [HTML] = counties.map { "<option value=\"\($0.code)\">\($0.name)</option>" }
            body = body + """
                <form class="quick-find" action="\(context.url("institutions/"))" method="get" hidden>
                <h2 id="quick-find">找养老机构</h2>
                <label for="qf-county">所在县（市、区）</label>
                <select id="qf-county" name="county"><option value="">全部县（市、区）</option>\(options)</select>
                <input type="hidden" name="category" value="institution"><input type="hidden" name="sort" value="rating">
                <button type="submit">查看养老机构 <span class="nw">（等级高的在前）</span></button>
                <div hidden><button type="button" id="qf-near" class="secondary">离我最近的养老机构</button>
                <p class="muted">您的位置只在本浏览器里用来计算距离，不会发送给本站或任何地方。</p></div>
                </form>

                """
        }
        body = body + lead
        // Data shown corrected after their release: said beside their date, with what was corrected.
        var corrected: HTML = ""
        if let c = correction {
            let day: String = c.day.flatMap { ISODate($0) }.map { Layout.dateZH($0) + "更正" } ?? "发布后有更正"
            let link = context.url("data/changes/") + "#r\(context.meta.dataAsOf)-\(c.number)"
            corrected = "（\(day)，<a href=\"\(link)\">更正了什么</a>）"
        }
        let more: HTML = scope.isEmpty ? "全部指标见<a href=\"\(context.url("indicators/"))\">规划指标</a>" : "<a href=\"\(context.url("regions/\(scope)/"))\">查看\(context.scopeName)全部指标</a>"
        body = body + "<h2>\(context.scopeName)概况</h2>\n" + Components.figures([
            ("养老机构（家）", v("institutions", scope)), ("机构床位（张）", v("beds_total", scope)),
            ("护理型床位占比", v("nursing_bed_share", scope)), ("已评级机构占比", v("rated_share", scope)),
            ("社区养老服务设施（个）", v("community_facilities", scope)), ("乡镇区域养老服务中心（个）", v("township_centres", scope)),
        ]) + "<p class=\"muted\">数据截至 \(Layout.dateZH(context.meta.dataAsOf))\(corrected)。\(more)</p>\n"
        let children = context.children(of: scope)
        if children.isEmpty {
            // A site of one region without sub-regions: nothing to choose from.
        } else if children.count <= 60 {
            let cards: [HTML] = children.map { c in
                "<li><a href=\"\(context.url("regions/\(c.code)/"))\">\(c.name)</a><br><span class=\"muted\"><span class=\"nw\">养老机构 \(v("institutions", c.code)) 家</span>，<span class=\"nw\">床位 \(v("beds_total", c.code)) 张</span></span></li>"
            }
            body = body + "<h2>按地区查找</h2>\n<ul class=\"cards regions\">\(cards)</ul>\n"
        } else {
            // Hundreds of regions: a compact list.
            let items: [HTML] = children.map { c in
                "<li><a href=\"\(context.url("regions/\(c.code)/"))\">\(c.name)</a> <span class=\"muted\">\(v("institutions", c.code)) 家</span></li>"
            }
            body = body + "<h2>按地区查找</h2>\n<p>共 \(children.count) 个地区。<a href=\"\(context.url("regions/"))\">各地情况一览</a></p>\n<ul class=\"columns\">\(items)</ul>\n"
        }
        let sections: [(String, String, String)] = [
            ("institutions/", "机构名录", "每一家养老机构和设施的床位、等级评定、信用信息"),
            ("ratings/", "等级评定", "\(context.scope.single?.level == "city" ? "各县" : "各地")养老机构等级分布，各等级机构名单"),
            ("credit/", "信用信息", "黑名单、行政处罚、抽查检查结果和守信激励"),
            ("indicators/", "规划指标", "规划目标完成了多少，\(String(context.regionsTitle.prefix(2)))对比"),
            ("services/", "基本养老服务清单", "老年人可以享受哪些基本养老服务，由哪个部门负责"),
            ("policies/", "政策文件", "养老服务规划和实施方案的要点（\(policyCount(policies))）"),
            ("data/", "开放数据", "\(datasets) 个数据集，CSV（含 Excel 版）和 JSON 格式"),
        ] + (context.pageSlugs.contains("about") ? [("about/", "关于本站", "数据来源、公示规则和等级说明")] : [])
        let cards: [HTML] = sections.map { "<li><a href=\"\(context.url($0.0))\">\($0.1)</a><br><span class=\"muted\">\($0.2)</span></li>" }
        body = body + "<h2>栏目</h2>\n<ul class=\"cards\">\(cards)</ul>\n"
        return layout.page(title: context.meta.title, path: "", body: body)
    }

    func policyIndex(_ docs: [Document]) -> String {
        func items(_ list: [Document]) -> HTML {
            let parts: [HTML] = list.map { d in
                // A number says what it is (临政发〔2024〕3号); 未注明 alone would not.
                let number = d.documentNumber.map { $0.hasSuffix("号") ? $0 : "文号：" + $0 }
                let meta = [d.otherArea.map { "参考文件（\($0)）" }, number, d.issuer, d.issuedOn.map { Layout.dateZH($0) }, d.status]
                    .compactMap { $0 }.joined(separator: "　")
                return "<li><a href=\"\(context.url("policies/\(d.slug)/"))\">\(d.title)</a><br><span class=\"muted\">\(meta)</span>\(d.summary.map { s -> HTML in "<br>\(s)" } ?? .empty)</li>"
            }
            return "<ul class=\"cards\">\(parts)</ul>\n"
        }
        let own = docs.filter { $0.otherArea == nil }, others = docs.filter { $0.otherArea != nil }
        var body: HTML = "<p class=\"lead\">养老服务规划和实施方案的要点摘编。摘编为本站整理，以正式文件为准。</p>\n"
        if others.isEmpty { body = body + items(own) } else {
            if !own.isEmpty { body = body + "<h2>\(context.scopeName)的文件</h2>\n" + items(own) }
            body = body + "<h2>其他地区的参考文件</h2>\n<p class=\"muted\">供对照的外地文件，其中的政策和标准不适用于\(context.scopeName)。</p>\n" + items(others)
        }
        return layout.page(title: "政策文件", path: "policies/", body: body)
    }

    func document(_ d: Document, html: HTML, path: String, crumbs: [(String, String)]) -> String {
        var facts: [(String, HTML)] = []
        if let area = d.otherArea { facts.append(("适用地区", "\(area)（外地参考文件，不适用于\(context.scopeName)）")) }
        if let n = d.documentNumber { facts.append(("文号", "\(n)")) }
        if let i = d.issuer { facts.append(("发文机关", "\(i)")) }
        if let o = d.issuedOn { facts.append(("发布日期", "\(Layout.dateZH(o))")) }
        if let s = d.status { facts.append(("状态", "\(s)")) }
        if !d.tags.isEmpty { facts.append(("标签", "\(d.tags.joined(separator: "、"))")) }
        let toc: HTML = {
            // The two top levels the document uses; the headings carry their own numbers (一、（一）).
            let levels = Set(d.body.headings.map(\.level)).sorted().prefix(2)
            let entries = d.body.headings.filter { levels.contains($0.level) }
            guard entries.count >= 4 else { return .empty }
            let items: [HTML] = entries.map { h in "<li\(h.level != levels.first ? HTML(trusted: " class=\"sub\"") : .empty)><a href=\"#\(h.id)\">\(h.text)</a></li>" }
            return "<nav class=\"toc\" aria-label=\"目录\"><strong>目录</strong><ul>\(items)</ul></nav>\n"
        }()
        let summary: HTML = d.summary.map { "<p class=\"lead\">\($0)</p>\n" } ?? .empty
        let body: HTML = summary + (facts.isEmpty ? .empty : Components.facts(facts)) + toc
            + "<div class=\"prose\">\n\(html)</div>\n"
        return layout.page(title: d.title, path: path, description: d.summary, breadcrumbs: crumbs + [(d.title, "")], body: body)
    }

    /// `source`: the site's own policy text the list comes from (its title, number and slug), when there is one.
    func services(_ items: [Service], source: Document? = nil) -> String {
        var body: HTML = "<p class=\"lead\">基本养老服务清单列明老年人可以享受的基本养老服务、服务对象和牵头部门。标注“本地新增”的项目是\(context.scopeName)增加的项目（清单中标 * 号的项目）。“服务对象”是清单对项目的分组，具体享受条件以“服务内容”为准（例如某一组中的项目可能只面向其中年龄更大或更困难的老年人）；申请办法请咨询牵头部门或所在乡镇（街道）、村（社区），也可拨打 <a href=\"tel:12345\">12345</a> 政务服务热线。</p>\n"
        // Where the list comes from, and where its grouping is explained (a merged cell of the original).
        if let d = source {
            body = body + "<p>出处：<a href=\"\(context.url("policies/\(d.slug)/"))\">《\(d.title)》</a>\(d.documentNumber.map { "（\($0)）" } ?? "")，清单原文和有关说明见该文件页。</p>\n"
        }
        for type in ["material", "care", "caregiving", "medical"] {
            let list = items.filter { $0.type == type }
            guard !list.isEmpty else { continue }
            let rows: [[HTML]] = list.map { s in
                // Each item can be linked to (search results point at it).
                // The list's own number said as such: grouped by type, the numbers jump (1, 2, 11, 12 …).
                ["<span id=\"\(Self.serviceAnchor(s))\">\(s.name)\(s.localAddition ? "（本地新增）" : "")</span> <span class=\"muted nw\">清单第 \(s.seq) 项</span>", "\(s.targetGroup)", "\(s.content)", "\(s.department)"]
            }
            body = body + "<h2>\(Labels.serviceType(type))（\(list.count) 项）</h2>\n"
                + Components.table(label: Labels.serviceType(type), head: ["服务项目（清单序号）", "服务对象", "服务内容", "牵头部门"], rows: rows, text: [2], stack: true)
        }
        body = body + "<p>下载：<a href=\"\(context.url("data/services.csv"))\">CSV</a>　<a href=\"\(context.url("data/services-excel.csv"))\">Excel 版 CSV</a>　<a href=\"\(context.url("data/services.json"))\">JSON</a></p>\n"
        return layout.page(title: "基本养老服务清单", path: "services/", body: body)
    }

    /// The fragment of a service item on /services/: its id when that is a plain word, else its list and number.
    static func serviceAnchor(_ s: Service) -> String {
        s.id.wholeMatch(of: #/[A-Za-z0-9_-]{1,64}/#) != nil ? "svc-" + s.id : "svc-\(s.regionCode)-\(s.seq)"
    }

    func notFound() -> String {
        layout.page(title: "页面不存在", path: "404/", body: """
            <p>您访问的页面不存在，可能已经移动或地址有误。</p>
            <p><a href="\(context.url(""))">返回首页</a>　<a href="\(context.url("institutions/"))">查看机构名录</a></p>
            """)
    }
}
