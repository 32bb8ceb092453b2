import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// The few fields listings need, kept per region for county pages.
struct InstitutionSummary {
    let id: String
    let name: String
    let regionCode: String
    let category: String
    let ownership: String
    let status: String
    let beds: Int
    /// Shown in county lists, the number as a tap-to-call link: families ring before they visit.
    let address: String?
    let phone: String?
    let rating: RatingState
    /// `Labels.warnings`: blacklist, sanctions, penalties, suspended or closed; usually empty.
    let warnings: [String]
    /// Cannot be chosen now (`Labels.unavailable`): listed after the others.
    let unavailable: Bool
}

/// Institution pages and the paginated directory.
struct InstitutionPages {
    let context: SiteContext
    let layout: Layout
    let policy: DisclosurePolicy

    static func path(_ id: String) -> String? { SafePath.institution(id).map { "institutions/\($0)/" } }

    /// The address of a facility removed from the directory in release `date`: links and
    /// citations to it still lead somewhere, which says so (and is kept out of search engines).
    /// `correction`: removed by a correction published under `date` (its release still lists it).
    /// Where a removed facility was last listed: a release, or a correction of one.
    enum Listing {
        case release(String)
        case correction(String, Int)

        var path: String {
            switch self {
            case .release(let date): "data/releases/\(date)/"
            case .correction(let date, let number): "data/corrections/\(date)/\(number)/"
            }
        }
        var label: String {
            switch self {
            case .release(let date): "\(date) 版开放数据"
            case .correction(let date, let number): "\(date) 版的更正 \(number)"
            }
        }
    }

    func removedPage(id: String, name: String, date: String, lastListed: Listing?, correction: Bool = false) -> String {
        let before: HTML = lastListed.map {
            "移出前的数据见<a href=\"\(context.url($0.path))\">\($0.label)</a>（名录、等级评定等文件）。"
        } ?? .empty
        let what: HTML = correction
            ? "\(name)（统一社会信用代码 \(id)）在 \(date) 版数据发布后，经更正从名录中删除（登记有误或不应列入本名录）。"
            : "\(name)（统一社会信用代码 \(id)）已于 \(date) 版数据中移出名录：机构关闭、注销或不再列入本名录。"
        return layout.page(title: "\(name)（已移出名录）", path: "institutions/\(id)/",
                           breadcrumbs: [("机构名录", "institutions/"), (name, "")], body: """
            <p class="lead">\(what)本页不再更新。</p>
            <p>\(before)<a href="\(context.url("institutions/"))">查看当前机构名录</a></p>
            """, head: "<meta name=\"robots\" content=\"noindex\">")
    }

    /// The names it had before, under the title: someone who searched the old name sees at once
    /// that this is the same home.
    func formerNames(_ i: Institution) -> HTML {
        i.formerNames.isEmpty ? .empty : "<p class=\"former\">曾用名：\(i.formerNames.joined(separator: "、"))</p>\n"
    }

    /// A rating score to two decimals (the datasets' rounding), trailing zeros left off.
    static func score(_ v: Double) -> String {
        var s = Rounding.format(v, decimals: 2)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    func page(_ i: Institution, rating: RatingState, history: [Rating], credit: [CreditRecord]) -> String {
        let region = context.regionName(i.regionCode)
        let occupancy: String = {
            guard let r = i.residents else { return "未报送" }
            // A closed home takes no one: a rate (0.00%) would read as an empty home open to all.
            if i.status == "closed" { return "\(Labels.int(r)) 人（已关闭）" }
            guard let rate = Rounding.ratio(Double(r), Double(i.bedsTotal), scale: 100, decimals: 2) else { return "\(Labels.int(r)) 人" }
            // More residents than beds is a figure to check, not a fact to show plainly (the validator warns staff too).
            return "\(Labels.int(r)) 人（入住率 \(Rounding.format(rate, decimals: 2))%）" + (r > i.bedsTotal ? "；在住人数多于床位数，数字待核实" : "")
        }()
        let caregivers: String = {
            guard let c = i.caregivers else { return "未报送" }
            return "\(Labels.int(c)) 人" + (i.caregiversCertified.map { "，其中持证 \(Labels.int($0)) 人" } ?? "")
        }()
        // What a family looks for first (the rating, whether it takes people, where and whom to
        // call) before the kind and place, which the line under the title already says.
        // Ratings under GB/T 37276 apply to care institutions only.
        let rated = i.category == "institution"
        // A closed home holds no level anyone can choose it by: its last one is said as past, as the finder says it.
        let closedLevel: HTML? = Labels.closedLevel(rating, status: i.status).map { "\($0)" }
        var facts: [(String, HTML)] = rated ? [("等级评定", closedLevel ?? Components.rating(rating, dated: true))] : []
        facts += [
            ("运营状态", "\(Labels.status(i.status))"),
            ("地址", ((i.address ?? "").isEmpty ? "未公布" : Components.text(i.address)) + mapLink(i)),
            // No number published: say where a family can still ask (the government hotline is everywhere).
            ("电话", (i.phone ?? "").isEmpty ? "未公布；可拨打 <a href=\"tel:12345\">12345</a> 政务服务便民热线询问"
                : Components.phone(i.phone)),
            ("所在地区", "<a href=\"\(context.url("regions/\(i.regionCode)/"))\">\(region)</a>"),
            ("类别", "\(Labels.category(i.category))"),
            ("性质", "\(Labels.ownership(i.ownership))"),
            ("开业日期", "\(Layout.dateZH(i.openedOn))"),
        ]
        // A day centre without beds: "无", not "0 张" twice.
        facts += i.bedsTotal == 0 && !rated ? [("床位数", "无")] : [
            ("床位数", "\(Labels.int(i.bedsTotal)) 张"),
            ("护理型床位", "\(Labels.int(i.bedsNursing)) 张"),
        ]
        facts += [
            ("入住老年人", "\(occupancy)"),
            ("养老护理员", "\(caregivers)"),
        ]
        if let s = i.socialWorkers { facts.append(("社会工作者", "\(Labels.int(s)) 人")) }
        facts += [
            ("医养结合", "\(Labels.medical(i.medicalIntegration))"),
            ("消防验收（审验）", i.fireSafetyAccepted ? "已通过" : "暂无通过记录（未通过或未报送）"),
            ("统一社会信用代码", "\(i.id)"),
            ("信息更新日期", "\(Layout.dateZH(i.updatedOn))"),
        ]
        // Care homes are compared (rating, nursing beds, occupancy): the directory offers only them too.
        let compare: HTML = rated ? "　<button type=\"button\" data-compare=\"\(i.id)\" aria-pressed=\"false\" hidden>加入对比</button>" : .empty
        // The number to ring at the top, one tap on a phone: in elder mode the facts start a screen below.
        let call: HTML = i.status != "closed" && !(i.phone ?? "").isEmpty ? "<p class=\"call\">电话：\(Components.phone(i.phone))</p>" : .empty
        let body: HTML = """
            <p class="lead"><span class="nw">\(Labels.category(i.category))</span> <span class="nw">· \(region)</span> <span class="nw">· \(Labels.ownership(i.ownership))</span>\(compare)</p>
            \(formerNames(i))\(call)
            \(Labels.categoryNote(i.category).map { (note: String) -> HTML in "<p>\(note)</p>" } ?? .empty)
            \(statusAlert(i, credit: credit))
            <h2 id="info">基本信息</h2>
            \(Components.facts(facts))
            \(glossaryLink)
            \(askBox(i))
            \(rated ? "<h2 id=\"rating\">等级评定</h2>\n" + ratingSection(rating, history: history, closed: i.status == "closed") : HTML.empty)
            <h2 id="credit">信用信息</h2>
            \(creditSection(credit))
            <details class="tech downloads" id="data"><summary>数据下载（供研究和转载使用）</summary>
            <p>本机构的全部公开信息（JSON 格式）：<a href="\(context.url("data/institutions/\(i.id).json"))">\(i.id).json</a>。全部机构见<a href="\(context.url("data/"))">开放数据</a>（引用时请用<a href="\(context.url("data/institutions/"))#cite">机构名录的版本地址</a>：本文件是当前数据，随每次更新改变）。</p>
            </details>
            """
        return layout.page(title: i.name, path: "institutions/\(i.id)/",
                           description: "\(i.name)：\(Labels.category(i.category))，\(region)，等级评定和信用信息。",
                           breadcrumbs: [("机构名录", "institutions/"), (region, "regions/\(i.regionCode)/"), (i.name, "")],
                           body: body)
    }

    /// The words of the facts (公建民营, 护理型床位, 医养结合) explained in plain Chinese, where the site has them.
    var glossaryLink: HTML {
        guard let path = context.glossaryPath else { return .empty }
        return "<p class=\"no-print\">看不懂“公建民营”“护理型床位”“医养结合”这些词？请看<a href=\"\(context.url(path))\">常见词语解释</a>。</p>"
    }

    /// What families ask first and the data does not hold (fees, whom a home admits, free beds):
    /// said as the questions to ask and whom to ask them, in a box, not a grey line under the facts.
    /// A closed facility takes no one, so there is nothing to ask it.
    func askBox(_ i: Institution) -> HTML {
        guard i.status != "closed" else { return .empty }
        let whom: HTML = (i.phone ?? "").isEmpty
            ? "机构没有公布电话，请向所在县（市、区）民政部门咨询，或拨打 <a href=\"tel:12345\">12345</a> 政务服务便民热线"
            : "请打电话向机构问清楚（电话：\(Components.phone(i.phone))）"
        // A day centre has no beds to wait for: its questions are about the day.
        return """
            <div class="note ask" role="note"><p><strong>收费标准、收住哪些老年人和有没有空位，本站没有收录</strong>：\(whom)。可以问：</p>
            \(i.bedsTotal > 0 ? Self.bedQuestions : Self.dayQuestions)</div>
            """
    }

    /// The questions of `askBox`, made once (they are the same on every page).
    static let bedQuestions = questionList(["每月要交多少钱：床位费、护理费、伙食费各多少，押金多少",
                                            "能不能接收失能、半失能或认知障碍（失智）的老年人，护理怎么分级收费",
                                            "现在有没有空床位，没有的话要等多久", "能不能先去实地看一看"])
    static let dayQuestions = questionList(["开放时间，提供哪些服务（助餐、日间照料、上门服务等）", "各项服务怎么收费，有没有补贴", "能不能接送老人"])
    static func questionList(_ questions: [String]) -> HTML { "<ul>" + questions.map { q -> HTML in "<li>\(q)</li>" }.joined() + "</ul>" }

    func statusAlert(_ i: Institution, credit: [CreditRecord]) -> HTML {
        var parts: [HTML] = []
        if let listing = credit.first(where: { $0.kind == "blacklist" }) {
            // Dated like the record below: read after its end, the script says it is past (Layout.endDate).
            let until: HTML = policy.lastDay(of: listing).map { "，公示截止 " + Layout.endDate($0.description, past: Layout.pastDisclosure) } ?? .empty
            parts.append("<div class=\"alert\" role=\"alert\"><strong>已列入失信联合惩戒对象名单（黑名单）</strong>\(until)。详见下方信用信息。</div>")
        }
        // Penalties and sanctions are what families check first: named at the top, not only far below.
        let sanctions = Labels.sanctions(credit)
        if !sanctions.isEmpty {
            parts.append("<p class=\"credit-flags\">公示中的信用记录：\(Components.warnings(sanctions))　<a href=\"#credit\">查看详情</a></p>")
        } else if !credit.contains(where: { $0.kind == "blacklist" }) {
            // A clean record said at the top too: families should not scroll to learn there is nothing.
            // "抽查未发现问题" only when there were spot checks and every result reads as a pass.
            let checks = credit.filter { $0.kind == "spot_check" }
            let passed = !checks.isEmpty && checks.allSatisfy { SpotCheck.outcome($0.result) == .passed }
            let spot = passed ? "，抽查未发现问题" : ""
            let more = checks.isEmpty || passed ? "" : "抽查结果见下方。"
            parts.append("<p class=\"credit-flags\">公示期内没有行政处罚、失信惩戒和黑名单记录\(spot)（截至 \(Layout.dateZH(policy.asOf))）。\(more)<a href=\"#credit\">信用信息</a></p>")
        }
        if i.status != "operating" {
            // Not a home one can choose now: said as a warning, with a symbol, not as a neutral note.
            // Dated: "now" would be the reader's day, and the status is the data's (of their date, also under --as-of).
            parts.append("<div class=\"alert\" role=\"note\"><strong>⚠ 截至 \(Layout.dateZH(context.meta.dataAsOf))，该机构\(Labels.status(i.status))</strong>\(i.status == "closed" ? "，不再接收老年人" : "，暂不接收新入住的老年人")。</div>")
        }
        return parts.joined()
    }

    /// How to get there, for a facility one can still go to whose coordinates are published.
    func mapLink(_ i: Institution) -> HTML {
        guard context.meta.linksMaps, i.status != "closed", let lat = i.latitude, let lon = i.longitude else { return .empty }
        // Not on paper, where a link is only words.
        return "<span class=\"no-print\"><br>" + Components.mapLink(name: i.name, latitude: lat, longitude: lon) + "</span>"
    }

    func ratingSection(_ state: RatingState, history: [Rating], closed: Bool = false) -> HTML {
        let summary: HTML = switch state {
        case .current(let r) where closed:
            "<p>该机构已关闭。关闭前的等级为\(RatingState.levelName(r.level))，评定日期 \(Layout.dateZH(r.ratedOn))，有效期至 \(Layout.dateZH(r.validUntil))。</p>"
        case .current(let r):
            "<p>截至 \(Layout.dateZH(policy.asOf)) 的有效等级：\(Components.rating(state))，评定日期 \(Layout.dateZH(r.ratedOn))，有效期至 \(Layout.endDate(r.validUntil, past: "过有效期"))。等级从一级到五级，<strong>五级最高</strong>。</p>"
        case .expired(let r):
            "<p>最近一次评定为\(RatingState.levelName(r.level))，已于 \(Layout.dateZH(r.validUntil)) 过有效期，目前<strong>没有有效等级</strong>。</p>"
        case .withdrawn(let r):
            "<p>\(RatingState.levelName(r.level))评定结果已于 \(Layout.dateZH(r.withdrawnOn)) <strong>撤销</strong>，目前没有有效等级。</p>"
        case .unrated:
            "<p>该机构<strong>尚未参加等级评定</strong>。未评级不代表等级低，只表示没有评定结果。</p>"
        }
        guard !history.isEmpty else { return summary }
        let rows: [[HTML]] = history.reversed().map { r in
            let decision = state.decisionState(r, in: history, asOf: policy.asOf), st = Labels.decisionState(decision)
            // The current one's end is marked once the reader's today is past it (the others say their state).
            // The stars repeat the level for the eye: hidden from screen readers (read as "black star, white star …").
            return ["\(Layout.dateZH(r.ratedOn))", "\(RatingState.levelName(r.level)) <span aria-hidden=\"true\">\(Components.stars(r.level))</span>",
                    // As the datasets give it (two decimals), without trailing zeros: 86.25, 86.2, 90.
                    "\(r.score.map { Self.score($0) + " 分" } ?? "—")",
                    decision == "current" ? Layout.endDate(r.validUntil, past: "过有效期") : "\(Layout.dateZH(r.validUntil))",
                    // "有效" as of the data's date: read years later, beside an end date already past, a bare 有效 contradicts it.
                    decision == "current" ? "\(st)（截至 \(Layout.dateZH(policy.asOf))）" : "\(st)", "\(r.assessor)", "\(r.documentNo)"]
        }
        return summary + Components.table(caption: "评定历史（最新在前）",
                                          head: ["评定日期", "等级", "得分", "有效期至", "状态", "评定机构", "文号"], rows: rows, numeric: [2],
                                          nowrap: [0, 1, 3, 4, 6], text: [5], stack: true)
    }

    /// `credit` holds only records the disclosure policy let through, newest first.
    func creditSection(_ credit: [CreditRecord]) -> HTML {
        guard !credit.isEmpty else {
            return "<p class=\"credit-summary\"><strong>截至 \(Layout.dateZH(policy.asOf))，该机构没有处于公示期内的信用记录：无行政处罚、无失信惩戒，未列入黑名单。</strong></p>"
        }
        let items: [HTML] = credit.map { c in
            var facts: [(String, HTML)] = [("类别", "\(Labels.creditKind(c.kind))"), ("决定日期", "\(Layout.dateZH(c.decidedOn))")]
            if c.subjectType != "organisation" { facts.append(("当事人", "\(DisclosurePolicy.publicName(of: c))（自然人）")) }
            if let d = c.documentNo { facts.append(("文号", "\(d)")) }
            facts.append(("作出决定的机关", "\(c.authority)"))
            // The same words as /credit/: 违法行为 and 处罚结果 for a penalty, 措施 for a measure.
            if let r = c.reason { facts.append((c.kind == "spot_check" ? "发现的问题" : c.kind == "penalty" ? "违法行为" : "事由", "\(r)")) }
            if let b = c.basis { facts.append(("依据", "\(b)")) }
            if let r = c.result {
                let shown: HTML = SpotCheck.foundProblems(c) ? "<strong>\(r)</strong>" : "\(r)"
                facts.append((c.kind == "spot_check" ? "检查结果" : c.kind == "penalty" ? "处罚结果" : ["punishment", "reward"].contains(c.kind) ? "措施" : "结果", shown))
            }
            if let f = c.fineYuan { facts.append(("罚款（元）", "\(Labels.number(f, decimals: f == f.rounded() ? 0 : 2))")) }
            if let s = c.severity { facts.append(("情节", "\(CodeWords.label("credit_records.severity", s))")) }
            facts.append(("公示截止", policy.lastDay(of: c).map { Layout.endDate($0.description, past: Layout.pastDisclosure) } ?? "长期公示"))
            return "<div class=\"credit-entry\"><h3>\(Labels.creditKind(c.kind))　\(Layout.dateZH(c.decidedOn))</h3>\n\(Components.facts(facts))</div>\n"
        }
        return "\(creditSummary(credit))<p class=\"muted\">以下为截至 \(Layout.dateZH(policy.asOf)) 处于公示期内的记录，最新在前；公示期届满或已信用修复的记录不再公示\(CreditPage.withheldBeforePublication(policy))，不再公示只说明公示期满，不说明问题是否已经整改，想了解请向所在县（市、区）民政部门或拨打 <a href=\"tel:12345\">12345</a> 询问。</p>\n\(items)"
    }

    /// One plain sentence with the counts, so a clean record is said, not left to be inferred.
    func creditSummary(_ credit: [CreditRecord]) -> HTML {
        func n(_ kind: String) -> Int { credit.count { $0.kind == kind } }
        let checks = n("spot_check"), failed = credit.count(where: SpotCheck.foundProblems)
        return "<p class=\"credit-summary\"><strong>公示期内：行政处罚 \(n("penalty")) 条，失信惩戒 \(n("punishment")) 条，\(n("blacklist") > 0 ? "已列入黑名单" : "未列入黑名单")；抽查检查 \(checks) 次\(failed > 0 ? "（其中发现问题 \(failed) 次）" : "")，守信激励 \(n("reward")) 条，信用承诺 \(n("pledge")) 条。</strong></p>\n"
    }

    // MARK: directory

    static let pageSize = 60

    static func directoryPath(_ n: Int) -> String { n == 1 ? "institutions/" : "institutions/page/\(n)/" }

    /// Links to every county when there are few; otherwise one link to the region index.
    var countyLinks: HTML {
        let counties = context.publishedRegions.filter { $0.level == "county" }
        guard counties.count <= 60 else { return "<p><a href=\"\(context.url("regions/"))\">按地区查看（\(counties.count) 个县、市、区）</a></p>" }
        return "<p class=\"links\">按地区查看：\(counties.map { r -> HTML in "<a href=\"\(context.url("regions/\(r.code)/"))\">\(r.name)</a>" }.joined("　"))</p>"
    }

    func directoryPage(_ rows: [InstitutionSummary], number: Int, of total: Int, totalRows: Int) -> String {
        var sections: [HTML] = []
        var current: String?
        var buffer: [[HTML]] = []
        func flush() {
            guard let code = current, !buffer.isEmpty else { return }
            sections.append("<h2><a href=\"\(context.url("regions/\(code)/"))\">\(context.placeName(code))</a></h2>\n")
            sections.append(Components.table(label: "\(context.placeName(code))的机构和设施", head: ["名称", "类别 · 性质", "床位", "等级评定"], rows: buffer, numeric: [2], nowrap: [3], stack: true))
            buffer = []
        }
        for r in rows {
            if r.regionCode != current { flush(); current = r.regionCode }
            // Care homes can be put side by side from the list too (the script shows the button).
            let pick: HTML = r.category == "institution" ? Components.pickButton(id: r.id, name: r.name) : .empty
            let link: HTML = (InstitutionPages.path(r.id).map { "<a href=\"\(context.url($0))\">\(r.name)</a>" } ?? "\(r.name)")
                + Components.warnings(r.warnings) + pick
            buffer.append([link, "\(Labels.category(r.category)) · \(Labels.ownership(r.ownership))", "\(Labels.beds(r.beds))",
                           r.category == "institution" ? Components.rating(r.rating, status: r.status, dated: true) : "不参加评定"])
        }
        flush()
        let intro: HTML = """
            <p class="lead static-directory">共 \(Labels.int(totalRows)) 处养老服务机构和设施，按县（市、区）排列，每县先列养老机构，再列社区、乡镇和农村设施。第 \(number) / \(total) 页。</p>
            \(countyLinks)
            """ + (number == 1 ? "<p class=\"static-directory\">找养老院：<a href=\"\(context.url("ratings/"))\">按等级查看养老机构</a>（等级评定页按等级列出各县的养老机构）</p>\n" : HTML.empty)
        let finder = number == 1 ? FindPages(context: context, layout: layout).finder() : HTML.empty
        return layout.page(title: number == 1 ? "机构名录" : "机构名录（第 \(number) 页）", path: InstitutionPages.directoryPath(number),
                           breadcrumbs: number == 1 ? [] : [("机构名录", "institutions/"), ("第 \(number) 页", "")],
                           body: intro + finder + "<div class=\"static-directory\">\n" + sections.joined() + pager(number, total) + "</div>\n")
    }

    func pager(_ n: Int, _ total: Int) -> HTML {
        guard total > 1 else { return .empty }
        var items: [HTML] = []
        if n > 1 { items.append("<li><a href=\"\(context.url(InstitutionPages.directoryPath(n - 1)))\" rel=\"prev\">上一页</a></li>") }
        // First, last and a window around the current page: a national directory has thousands of pages.
        let shown = Set([1, total] + Array(max(1, n - 3)...min(total, n + 3)))
        var previous = 0
        for p in shown.sorted() {
            if p > previous + 1 { items.append("<li><span class=\"gap\" aria-hidden=\"true\">…</span></li>") }
            items.append(p == n ? "<li><span aria-current=\"page\">\(p)</span></li>"
                                : "<li><a href=\"\(context.url(InstitutionPages.directoryPath(p)))\">\(p)</a></li>")
            previous = p
        }
        if n < total { items.append("<li><a href=\"\(context.url(InstitutionPages.directoryPath(n + 1)))\" rel=\"next\">下一页</a></li>") }
        return "<nav aria-label=\"分页\"><ul class=\"pager\">\(items)</ul></nav>\n"
    }

    static let ratingFields = Datasets.embeddedFields(Datasets.ratings)
    static let creditFields = Datasets.embeddedFields(Datasets.creditRecords)

    /// The per-institution JSON document, as bytes (one per facility of a national build). It ends
    /// with the data's date and whether they are the sample's invented records (`sample`): a file
    /// fetched on its own, away from the pages' banner, still says both.
    func json(_ i: Institution, regionName: String, rating: RatingState, history: [Rating], credit: [CreditRecord]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        func object(_ fields: [DatasetField], _ cells: [Cell], open: Bool = true, close: Bool = true) {
            if open { out.append(0x7B) }
            for (n, (field, cell)) in zip(fields, cells).enumerated() {
                if n > 0 { out.append(0x2C) }
                JSONFormat.appendString(field.name, to: &out)
                out.append(0x3A)
                JSONFormat.appendValue(cell, to: &out)
            }
            if close { out.append(0x7D) }
        }
        func list(_ key: String, _ count: Int, _ item: (Int) -> Void) {
            out.append(0x2C)
            JSONFormat.appendString(key, to: &out)
            out.append(contentsOf: [0x3A, 0x5B])
            for n in 0..<count { if n > 0 { out.append(0x2C) }; item(n) }
            out.append(0x5D)
        }
        object(Datasets.institutions.fields, Datasets.row(i, regionName: regionName, rating: rating), close: false)
        list("ratings", history.count) { n in
            object(Self.ratingFields, Datasets.row(history[n], institutionName: i.name, region: nil, state: rating.decisionState(history[n], in: history, asOf: policy.asOf)))
        }
        list("credit_records", credit.count) { n in
            object(Self.creditFields, Datasets.row(credit[n], institutionName: i.name, region: nil, policy: policy))
        }
        for (key, value) in [("data_as_of", Cell.text(context.meta.dataAsOf.description)), ("sample", .bool(context.meta.isSample))] {
            out.append(0x2C)
            JSONFormat.appendString(key, to: &out)
            out.append(0x3A)
            JSONFormat.appendValue(value, to: &out)
        }
        out.append(contentsOf: [0x7D, 0x0A])
        return out
    }
}
