import YanglaoIndicators
import YanglaoStore

/// Disclosed credit records gathered for `/credit/` and the feed, newest
/// first. Long lists are capped; the full set is in the dataset.
struct CreditDigest {
    static let listLimit = 200
    private(set) var blacklist: [CreditRecord] = []
    private(set) var punishments: [CreditRecord] = []
    private(set) var penalties: [CreditRecord] = []
    private(set) var spotChecks: [CreditRecord] = []
    private(set) var rewards: [CreditRecord] = []
    private(set) var totals: [String: Int] = [:]
    /// Of the spot checks, those that found problems (a pass is a spot check too).
    private(set) var spotCheckProblems = 0

    /// Records must arrive newest first and already be disclosed.
    mutating func add(_ r: CreditRecord) {
        totals[r.kind, default: 0] += 1
        // A pass and a finding are both spot checks; the page counts the findings apart.
        if r.kind == "spot_check", SpotCheck.foundProblems(r) { spotCheckProblems += 1 }
        switch r.kind {
        case "blacklist": blacklist.append(r)
        case "punishment": punishments.append(r)
        case "penalty": if penalties.count < Self.listLimit { penalties.append(r) }
        case "spot_check": if spotChecks.count < Self.listLimit { spotChecks.append(r) }
        case "reward": if rewards.count < Self.listLimit { rewards.append(r) }
        default: break
        }
    }
}

/// `/credit/`: blacklist, penalties, spot checks and rewards now on public display.
struct CreditPage {
    /// Said after "公示期届满或已信用修复的记录不再公示" when the data go out after their date.
    static func withheldBeforePublication(_ policy: DisclosurePolicy) -> HTML {
        policy.publishedOn > policy.asOf ? "（\(Layout.dateZH(policy.publishedOn))发布前届满或修复的也已撤下）" : .empty
    }

    let context: SiteContext
    let layout: Layout
    let policy: DisclosurePolicy

    func page(_ digest: CreditDigest, names: [String: String]) -> String {
        func link(_ r: CreditRecord) -> HTML {
            let name = names[r.institutionID] ?? r.institutionID
            return InstitutionPages.path(r.institutionID).map { "<a href=\"\(context.url($0))\">\(name)</a>" } ?? "\(name)"
        }
        func subject(_ r: CreditRecord) -> HTML {
            r.subjectType != "organisation" ? "<br><span class=\"muted\">当事人：\(DisclosurePolicy.publicName(of: r))</span>" : .empty
        }
        func until(_ r: CreditRecord) -> HTML { policy.lastDay(of: r).map { Layout.endDate($0.description, past: Layout.pastDisclosure) } ?? "长期" }
        func capped(_ kind: String, _ shown: Int) -> HTML {
            let total = digest.totals[kind] ?? 0
            return total > shown ? "<p class=\"muted\">共 \(Labels.int(total)) 条，此处列出最新 \(Labels.int(shown)) 条；每家机构的全部记录见其页面，全部记录见数据下载。</p>\n" : .empty
        }
        var body: HTML = """
            <p>想了解某一家机构：请在<a href="\(context.url("institutions/"))">机构名录</a>或搜索中打开它的页面，看“信用信息”一节。</p>
            <p class="lead">截至 \(Layout.dateZH(policy.asOf)) 正在公示的养老服务信用信息。每条记录只公示一段时间，所以下面的条数是现在公示的记录数，不是历年的处罚次数。<strong>记录不再公示只说明公示期满，不说明问题是否已经整改</strong>：想了解一家机构过去的处罚和整改情况，请问所在县（市、区）民政部门，或拨打 <a href="tel:12345">12345</a> 政务服务便民热线。</p>
            <details><summary>各类记录公示多久</summary>
            <p>行政处罚和失信惩戒：一般情节公示 \(policy.ordinary.wordsZH)，严重情节公示 \(policy.serious.wordsZH)；抽查检查结果公示 \(policy.ordinary.wordsZH)；守信激励和黑名单公示 \(policy.serious.wordsZH)；信用承诺长期公示。记录另定了公示截止日期的，按截止日期。公示期届满或已完成信用修复的记录不再公示\(CreditPage.withheldBeforePublication(policy))。自然人的姓名已作脱敏处理（如 王*明）。</p>
            </details>
            """
        // Punishments have a section only when there are any.
        body = body + Components.figures([
            ("黑名单", "\(Labels.int(digest.totals["blacklist"] ?? 0))", "#blacklist"),
            ("失信惩戒", "\(Labels.int(digest.totals["punishment"] ?? 0))", digest.punishments.isEmpty ? nil : "#punishments"),
            ("行政处罚", "\(Labels.int(digest.totals["penalty"] ?? 0))", "#penalties"),
            ("抽查检查（其中发现问题 \(Labels.int(digest.spotCheckProblems))）", "\(Labels.int(digest.totals["spot_check"] ?? 0))", "#spot-checks"),
            ("守信激励", "\(Labels.int(digest.totals["reward"] ?? 0))", "#rewards"), ("信用承诺", "\(Labels.int(digest.totals["pledge"] ?? 0))", "#pledges"),
        ])
        body = body + "<h2 id=\"blacklist\">黑名单（失信联合惩戒对象名单）</h2>\n"
        body = body + (digest.blacklist.isEmpty ? "<p>目前没有列入黑名单的机构。</p>\n" :
            // 公示截止 as for the 失信惩戒 often decided with it: a listing past its end must say so too.
            Components.table(label: "黑名单", head: ["机构", "列入日期", "事由", "作出决定的机关", "文号", "公示截止"], rows: digest.blacklist.map { r in
                [link(r) + subject(r), "\(Layout.dateZH(r.decidedOn))", "\(r.reason ?? "—")", "\(r.authority)", "\(r.documentNo ?? "—")", until(r)]
            }, nowrap: [1, 4, 5], text: [2, 3], stack: true))
        if !digest.punishments.isEmpty {
            body = body + "<h2 id=\"punishments\">失信惩戒</h2>\n"
                + Components.table(label: "失信惩戒", head: ["机构", "决定日期", "事由", "措施", "公示截止"], rows: digest.punishments.map { r in
                    [link(r) + subject(r), "\(Layout.dateZH(r.decidedOn))", "\(r.reason ?? "—")", "\(r.result ?? "—")", until(r)]
                }, nowrap: [1, 4], text: [2, 3], stack: true)
        }
        body = body + "<h2 id=\"penalties\">行政处罚</h2>\n"
        body = body + (digest.penalties.isEmpty ? "<p>目前没有处于公示期内的行政处罚。</p>\n" :
            Components.table(label: "行政处罚", head: ["机构", "决定日期", "文号", "违法行为", "处罚结果", "罚款（元）", "公示截止"], rows: digest.penalties.map { r in
                [link(r) + subject(r), "\(Layout.dateZH(r.decidedOn))", "\(r.documentNo ?? "—")", "\(r.reason ?? "—")",
                 "\(r.result ?? "—")", "\(r.fineYuan.map { Labels.number($0, decimals: 0) } ?? "—")", until(r)]
            }, numeric: [5], nowrap: [1, 2, 6], text: [3, 4], stack: true) + capped("penalty", digest.penalties.count))
        body = body + "<h2 id=\"spot-checks\">抽查检查结果（双随机、一公开）</h2>\n"
        body = body + (digest.spotChecks.isEmpty ? "<p>目前没有处于公示期内的抽查检查结果。</p>\n" :
            Components.table(label: "抽查检查结果", head: ["机构", "检查日期", "检查机关", "结果", "问题"], rows: digest.spotChecks.map { r in
                [link(r) + subject(r), "\(Layout.dateZH(r.decidedOn))", "\(r.authority)",
                 SpotCheck.foundProblems(r) ? Components.warnings([r.result ?? ""], caution: true) : "\(r.result ?? "—")", "\(r.reason ?? "—")"]
            }, nowrap: [1], text: [2, 4], stack: true) + capped("spot_check", digest.spotChecks.count))
        body = body + "<h2 id=\"rewards\">守信激励</h2>\n"
        body = body + (digest.rewards.isEmpty ? "<p>目前没有处于公示期内的守信激励记录。</p>\n" :
            Components.table(label: "守信激励", head: ["机构", "决定日期", "事由", "措施", "作出决定的机关"], rows: digest.rewards.map { r in
                // A person's award is not the home's: whose it is, as for penalties.
                [link(r) + subject(r), "\(Layout.dateZH(r.decidedOn))", "\(r.reason ?? "—")", "\(r.result ?? "—")", "\(r.authority)"]
            }, nowrap: [1], text: [2, 3], stack: true) + capped("reward", digest.rewards.count))
        // Pledges are on every institution's page and in the data, not listed here one by one.
        let pledges = digest.totals["pledge"] ?? 0
        body = body + "<h2 id=\"pledges\">信用承诺</h2>\n" + (pledges == 0 ? "<p>目前没有公示中的信用承诺。</p>\n" :
            "<p>\(Labels.int(pledges)) 条机构信用承诺处于公示中。承诺是机构对守法诚信经营的书面保证，不是奖惩；每家机构的承诺见其页面的“信用信息”，全部承诺在下面的数据下载中（类别为“信用承诺”的记录）。</p>\n")
        body = body + "<p>全部公示中的信用记录（共 \(Labels.int(digest.totals.values.reduce(0, +))) 条）：<a href=\"\(context.url("data/credit-records.csv"))\">CSV</a>　<a href=\"\(context.url("data/credit-records-excel.csv"))\">Excel 版 CSV</a>　<a href=\"\(context.url("data/credit-records.json"))\">JSON</a>　新记录的订阅源（供新闻阅读器使用）：<a href=\"\(context.url("feed.xml"))\">Atom</a></p>\n"
        return layout.page(title: "信用信息", path: "credit/", body: body)
    }
}
