import YanglaoIndicators
import YanglaoMarkdown
import YanglaoStore

/// `/indicators/`, one page per indicator, the methodology page, and the
/// live tables that policy Markdown embeds with ```` ```indicators ````.
struct IndicatorPages {
    let context: SiteContext
    let layout: Layout
    let report: IndicatorReport
    /// Indicators with a value or a target somewhere: they get a page.
    let published: [IndicatorDefinition]

    init(context: SiteContext, layout: Layout, report: IndicatorReport) {
        self.context = context; self.layout = layout; self.report = report
        published = report.shownIndicators
    }

    static func path(_ code: String) -> String { "indicators/\(code)/" }

    /// Rows of an indicator's comparison: the site's region and its children,
    /// or the total and the roots of a national site.
    var comparison: (scope: String, children: [Region], word: String) {
        let children = context.children(of: context.scopeCode)
        return (context.scopeCode, children, SiteContext.levelName(children.first?.level ?? "county"))
    }

    func regionLink(_ code: String) -> HTML {
        code.isEmpty ? "\(context.everywhere)" : "<a href=\"\(context.url("regions/\(code)/"))\">\(context.regionName(code))</a>"
    }

    func evaluations(_ code: String, _ region: String) -> [TargetEvaluation] {
        report.evaluations(code, region: region)
    }

    func targetLine(_ e: TargetEvaluation, _ def: IndicatorDefinition, withSource: Bool, compact: Bool = false) -> HTML {
        IndicatorPages.targetLine(e, def, year: report.year, withSource: withSource, compact: compact)
    }

    /// "2024 年" for data of a whole year, "截至 2025年3月31日" for a part of one (a March
    /// snapshot is not the year's figure).
    static func period(_ asOf: ISODate) -> String {
        asOf.month == 12 && asOf.day == 31 ? "\(asOf.year) 年" : "截至 \(Layout.dateZH(asOf))"
    }

    /// "还差 14.39 个百分点" for percentages, "还差 879 张" for counts.
    static func gapText(_ gap: Double, _ def: IndicatorDefinition) -> String {
        // A reported figure's gap keeps the figure's own precision (53% → 60%: 7, not 7.00).
        let points = Labels.number(gap, decimals: def.decimals)
        return def.isPercent ? "还差 \(def.isReported ? Labels.trimmed(points) : points) 个百分点"
            : "还差 \(Labels.value(gap, def, asPublished: def.isReported)) \(def.unit)"
    }

    /// "2028 年 ≥ 65%（约束性） 尚未达到 还差 …", with the on-track note and optionally the source.
    /// `compact` (table cells): the gap without the straight-line reasoning, which the page gives above.
    static func targetLine(_ e: TargetEvaluation, _ def: IndicatorDefinition, year: Int, withSource: Bool, compact: Bool = false) -> HTML {
        var track: HTML = .empty
        if let gap = e.gap, gap > 0, e.status == .pending || e.status == .missed {
            var text = gapText(gap, def)
            if !compact, let on = e.onTrack, let expected = e.expectedNow, let b = e.baseline {
                // The baseline is a document's figure: as it was published ("23.8%", not "23.80%").
                text += "；按 \(b.year) 年基数 \(Labels.value(b.value, def, asPublished: true)) 直线推算，到数据日期应达 \(Labels.value(expected, def))，"
                // Typed as HTML: a String here would be escaped and show its tags.
                let verdict: HTML = on ? "进度达标" : "<strong>进度落后</strong>"
                track = " <span class=\"muted\">\(text)\(verdict)</span>"
            } else {
                track = " <span class=\"muted\">\(text)</span>"
            }
        }
        // Met before the target year: the level is reached now; the plan's year is still to come.
        let early = e.isMetEarly(dataYear: year)
        if early {
            track = track + " <span class=\"muted\">（\(year) 年已达到目标水平，目标年未到）</span>"
        }
        // Which figure decided the status, when it is not the data year's.
        if e.status == .noData, let bound = e.current, bound.qualifier != nil {
            // A reported bound (超过180万) that lies on both sides of the target.
            track = track + " <span class=\"muted\">（公布的数值“\(Labels.value(bound, def))”只是\(bound.qualifier == "at_least" || bound.qualifier == "more_than" ? "下限" : "上限")，不能据此判断）</span>"
        } else if let judged = e.current, judged.year != year {
            // The site's own figure of that year from an earlier release says which release.
            let release = judged.source.flatMap { $0.hasPrefix("本站 ") ? "，" + $0 : nil } ?? ""
            track = track + " <span class=\"muted\">（按 \(judged.year) 年数值 \(Labels.value(judged, def))\(release)判断）</span>"
        } else if e.status == .noData, let latest = e.latest, let value = latest.value {
            track = track + " <span class=\"muted\">（最新数值为 \(latest.year) 年的 \(Labels.value(value, def))，不能据此判断）</span>"
        }
        // A deadline the publisher chose is not the document's: said where it decides a 未达到.
        if e.status == .missed && !e.target.yearStated {
            track = track + " <span class=\"muted\">（文件没有写目标年份，按规划期末判断）</span>"
        }
        let source: HTML = withSource ? "<br><span class=\"muted\">出处：\(e.target.source)</span>" : .empty
        // "文件未注明属性" is said where the target's source is (the indicator's own list), not
        // in every table row and region card, where it only repeats what the plan left out.
        let attribute: HTML = e.target.binding == "unstated" && !withSource ? .empty : "（\(Labels.binding(e.target.binding))）"
        return "\(Labels.targetYear(e.target)) \(Labels.comparator(e.target.comparator)) \(Labels.value(e.target.value, def, asPublished: true))\(attribute) \(Components.status(e.status, early: early))\(track)\(source)"
    }

    /// What "规划期末（2028 年）" means, in the same words wherever it is explained.
    static let inferredYearNote = "目标年份写作“规划期末（××年）”的，是文件没有写年份（多为附表只列目标数），本站按规划期的最后一年判断是否达到。"

    // MARK: index

    func index() -> String {
        guard !context.publishedRegions.isEmpty else { return layout.page(title: "规划指标", path: "indicators/", body: "<p>没有地区数据。</p>") }
        let scope = context.scopeCode
        let missed = report.evaluations.filter { $0.status == .missed && $0.target.binding == "binding" && $0.target.regionCode == scope }
        let each = "各" + String(comparison.word.prefix(1))
        let total: HTML = scope.isEmpty ? "（由各\(comparison.word)分子、分母加总）" : .empty
        // Said once where the words first appear, not beside each such year.
        let inferredYears: HTML = report.evaluations.contains { !$0.target.yearStated } ? "\(IndicatorPages.inferredYearNote)" : .empty
        var body: HTML = """
            <p class="lead">\(context.scopeName)\(total)养老服务规划指标的当前值和目标完成情况（数据截至 \(Layout.dateZH(context.meta.dataAsOf))）。点击指标名称查看定义、计算过程和\(each)数值。计算口径见<a href="\(context.url("indicators/methodology/"))">计算方法</a>。</p>
            <p class="muted">“约束性”目标是规划要求必须完成的，“预期性”目标是努力达到的方向；目标后面没有写属性的，是规划文件没有说明属于哪一种（各指标页写作“文件未注明属性”）。\(inferredYears)</p>
            """
        if !missed.isEmpty {
            let items: [HTML] = missed.compactMap { e in
                IndicatorRegistry.definition(e.target.indicator).map { def in
                    "<li><a href=\"\(context.url(IndicatorPages.path(def.code)))\">\(def.nameZH)</a>：\(Labels.targetYear(e.target))目标 \(Labels.value(e.target.value, def))，\(e.current.map { "\($0.year) 年" } ?? "当前") \(Labels.value(e.current?.value, def))</li>"
                }
            }
            body = body + "<div class=\"alert\" role=\"alert\"><strong>\(missed.count) 项约束性目标已到期仍未达到：</strong><ul>\(items)</ul></div>\n"
        }
        let computed = published.filter { if case .computed = $0.basis { true } else { false } }
        let observed = published.filter { if case .observed = $0.basis { true } else { false } }
        body = body + "<h2>由机构和地区数据计算的指标</h2>\n" + list(computed, region: scope)
        body = body + "<h2>报送数据指标</h2>\n<p class=\"muted\">这些指标无法由机构记录计算，取自有关部门报送或文件公布的数值，并注明出处。</p>\n" + list(observed, region: scope)
        body = body + "<p>全部指标、各县数值和目标（长表）：<a href=\"\(context.url("data/indicators.csv"))\">CSV</a>　<a href=\"\(context.url("data/indicators-excel.csv"))\">Excel 版 CSV</a>　<a href=\"\(context.url("data/indicators.json"))\">JSON</a></p>\n"
        return layout.page(title: "规划指标", path: "indicators/", body: body)
    }

    /// The indicators with a value, then those without one folded under a summary (a phone
    /// would otherwise scroll past pages of 暂无数据 first); their anchors still lead to them.
    func list(_ defs: [IndicatorDefinition], region: String) -> HTML {
        let hasValue = Set(defs.filter { report.value($0.code, region: region)?.value != nil }.map(\.code))
        let (known, none) = (defs.filter { hasValue.contains($0.code) }, defs.filter { !hasValue.contains($0.code) })
        // A binding target without data stays in sight: what the plan requires and nobody reports.
        let binding = Set(report.evaluations.filter { $0.target.regionCode == region && $0.target.binding == "binding" }.map(\.target.indicator))
        let (required, unknown) = (none.filter { binding.contains($0.code) }, none.filter { !binding.contains($0.code) })
        return items(known, region: region)
            + (required.isEmpty ? .empty : "<h3>有约束性目标、暂无数据的指标（\(required.count) 项）</h3>\n" + items(required, region: region, level: 4))
            + (unknown.isEmpty ? .empty : "<details><summary>另有 \(unknown.count) 项指标暂无数据（展开查看名称和目标）</summary>\n" + items(unknown, region: region) + "</details>\n")
    }

    /// `level`: the items' heading level (4 under a group's own h3).
    func items(_ defs: [IndicatorDefinition], region: String, level: Int = 3) -> HTML {
        let items: [HTML] = defs.map { def in
            let v = report.value(def.code, region: region)
            let evals = evaluations(def.code, region)
            let nextTarget = evals.first { $0.status == .pending } ?? evals.last
            let targets: [HTML] = evals.map { "<li>\(targetLine($0, def, withSource: false))</li>" }
            // A value of another year, or one dividing by a projection, says so here too.
            // A bound (不低于 40%) draws no bar: it is not how far the value has come.
            let basis: HTML = v.flatMap { RegionPages.basisNote($0, dataYear: report.year) }.map { "<span class=\"muted basis\">\($0)</span>" } ?? .empty
            return """
                <li id="\(def.code)"><h\(level)><a href="\(context.url(IndicatorPages.path(def.code)))">\(def.nameZH)</a></h\(level)>
                <span class="ind-value">\(Labels.value(v, def))</span>\(def.isPercent || v?.value == nil ? "" : " \(def.unit)") \(Chart.progress(value: v?.qualifier == nil ? v?.value : nil, target: nextTarget?.target, def: def))\(basis)
                \(targets.isEmpty ? HTML.empty : "<ul class=\"targets\">\(targets)</ul>")</li>

                """
        }
        return "<ul class=\"ind-list\">\(items)</ul>\n"
    }

    // MARK: one indicator

    func page(_ def: IndicatorDefinition) -> String {
        let (scope, counties, word) = comparison
        let v = report.value(def.code, region: scope)
        // What a reader needs on top; codes, English names, rounding rules and
        // table names go to a technical section below the data.
        var facts: [(String, HTML)] = [
            ("定义", "\(def.definitionZH)"),
            ("单位", "\(def.unit)"), ("方向", "\(Labels.direction(def.direction))\(def.directionNoteZH.map { "（\($0)）" } ?? "")"),
        ]
        var technical: [(String, HTML)] = [
            ("代码", "<code>\(def.code)</code>"), ("英文名称", "<span lang=\"en\">\(def.nameEN)</span>"),
            ("舍入", def.isReported ? "报送数值按原文的写法显示（最多 \(def.decimals) 位小数）" : "保留 \(def.decimals) 位小数，四舍五入（0.5 远离零）"),
        ]
        switch def.basis {
        case .computed:
            if let den = def.denominatorZH {
                facts.append(("公式", "\(def.numeratorZH) ÷ \(den)\(def.scale > 1 ? " × \(Labels.int(def.scale))" : "")"))
            } else {
                facts.append(("公式", "\(def.numeratorZH)（计数）"))
            }
            // What this formula reads, found by running it (so the page cannot list a table it does not use).
            let inputs = IndicatorEngine.inputs(of: def)!
            let sources = (inputs.records ? ["本站机构名录"] : []) + (inputs.ratings ? ["等级评定"] : [])
                + (inputs.statistics.isEmpty ? [] : ["地区统计（" + inputs.statistics.map { IndicatorEngine.metricNames[$0] ?? $0 }.joined(separator: "、") + "）"])
            facts.append(("数据来源", "\(sources.joined(separator: "、"))"))
            // The published datasets the formula reads (their names, not the database's tables).
            let datasets = (inputs.records ? ["institutions"] : []) + (inputs.ratings ? ["ratings"] : []) + (inputs.statistics.isEmpty ? [] : ["region-stats"])
            technical.append(("数据集", datasets.map { "<a href=\"\(context.url("data/\($0)/"))\"><code>\($0)</code></a>" }.joined("、")))
        case .observed:
            facts.append(("数据来源", "报送数据，逐条注明出处"))
            technical.append(("数据集", "<a href=\"\(context.url("data/observations/"))\"><code>observations</code></a>"))
        }
        var body: HTML = "<p class=\"lead\">\(context.scopeName)当前值：<strong>\(Labels.value(v, def))</strong>\(def.isPercent || v?.value == nil ? "" : " \(def.unit)")\(calculation(v, def))\(v.map { $0.year != report.year && $0.value != nil ? "（\($0.year) 年数值）" : "" } ?? "")。</p>\n"
        body = body + Components.facts(facts)
        let evals = evaluations(def.code, scope)
        if !evals.isEmpty {
            let items: [HTML] = evals.map { "<li>\(targetLine($0, def, withSource: true))</li>" }
            body = body + "<h2>规划目标（\(context.scopeName)）</h2>\n<ul class=\"targets\">\(items)</ul>\n"
        }
        let regions = [scope] + counties.map(\.code)
        let chartTarget = evals.first { $0.status == .pending }?.target
        if counties.contains(where: { report.value(def.code, region: $0.code)?.value != nil }) {
            body = body + "<h2>各\(word)对比</h2>\n" + Chart.bars(
                title: "\(def.nameZH)（\(def.unit)）：各\(word)\(IndicatorPages.period(context.meta.dataAsOf))",
                items: counties.map { c in
                    let v = report.value(def.code, region: c.code)
                    return (c.name, v?.value, v.flatMap { v in v.numerator.flatMap { n in v.denominator.map { (n, $0) } } })
                },
                target: def.isPercent ? chartTarget?.value : nil,
                targetOf: chartTarget.map { "\(context.scopeName) \($0.year) 年" } ?? "", def: def, id: "chart-\(def.code)")
        }
        // A ratio shows its numerator and denominator; a count is its own value, and a reported
        // figure has neither: no columns of dashes.
        let fraction = def.denominatorZH != nil && regions.contains { report.value(def.code, region: $0).map { $0.numerator != nil || $0.denominator != nil } ?? false }
        let anything = regions.contains { report.value(def.code, region: $0)?.value != nil || !evaluations(def.code, $0).isEmpty }
        let rows: [[HTML]] = regions.map { r in
            let rv = report.value(def.code, region: r)
            let e: [HTML] = evaluations(def.code, r).map { "<div>\(targetLine($0, def, withSource: false, compact: true))</div>" }
            let target: HTML = e.isEmpty ? "<span class=\"none\">—</span>" : e.joined()
            guard fraction else { return [regionLink(r), "\(Labels.value(rv, def))", target] }
            // A denominator that is no actual count says so beside it (a county's "coverage" of
            // communities estimated from its own plan target is progress on that target).
            let kind: HTML = switch rv?.denominator == nil ? nil : rv?.statisticsKind {
            case .estimate: "<span class=\"muted\">（推算）</span>"
            case .projection: "<span class=\"muted\">（\(rv?.statisticsYear.map { "\($0)年" } ?? "")预测）</span>"
            default: .empty
            }
            return [regionLink(r), "\(Labels.value(rv, def))",
                    "\(rv?.numerator.map { Labels.number($0, decimals: 0) } ?? "—")",
                    "\(rv?.denominator.map { Labels.number($0, decimals: 0) } ?? "—")\(kind)", target]
        }
        if !anything {
            body = body + "<p>\(context.scopeName)和各\(word)暂无这项指标的数据，也没有规划目标。</p>\n"
        } else if fraction {
            body = body + Components.table(caption: "\(def.nameZH)：数值、分子、分母和目标", head: ["地区", "当前值", "\(def.numeratorZH)（分子）", "\(def.denominatorZH ?? "")（分母）", "目标及完成情况"],
                                           rows: rows, numeric: [1, 2, 3], wide: [4], stack: true)
        } else {
            body = body + Components.table(caption: "\(def.nameZH)：各\(word)数值和目标", head: ["地区", "当前值", "目标及完成情况"],
                                           rows: rows, numeric: [1], wide: [2], stack: true)
        }
        // "规划期末（2028 年）" in the table (most county targets come from undated annex tables): said once under it.
        if regions.contains(where: { r in evaluations(def.code, r).contains { !$0.target.yearStated } }) {
            body = body + "<p class=\"muted\">\(IndicatorPages.inferredYearNote)</p>\n"
        }
        // Reported values name their source; computed ones say which statistics are not actual
        // figures of the data year. Regions with the same note share one line.
        var notes: [(text: String, regions: [String])] = []
        for r in regions {
            guard let rv = report.value(def.code, region: r), let source = rv.source else { continue }
            let text: String = if case .observed = def.basis { "\(rv.year) 年，\(source)" } else { rv.year == report.year ? source : "\(rv.year) 年数值；\(source)" }
            if let i = notes.firstIndex(where: { $0.text == text }) { notes[i].regions.append(context.regionName(r)) }
            else { notes.append((text, [context.regionName(r)])) }
        }
        if !notes.isEmpty {
            let title: HTML = if case .observed = def.basis { "数值出处" } else { "计算所用统计数" }
            let items: [HTML] = notes.map { "<li>\($0.regions.joined(separator: "、"))：\($0.text)</li>" }
            body = body + "<h2>\(title)</h2>\n<ul>\(items)</ul>\n"
        }
        // Figures the plan or a department published for this computed indicator, beside the site's.
        let published = (report.reported[def.code] ?? []).filter { regions.contains($0.regionCode) }
        if !published.isEmpty {
            let items: [HTML] = published.map { o in
                // With its bound (文件写“40%以上”), never as if it were the value.
                let shown = Labels.value(Rounding.round(o.value, decimals: def.decimals), qualifier: o.qualifier, def, asPublished: true)
                let ours = report.value(def.code, region: o.regionCode)
                let theirs = Rounding.round(o.value, decimals: def.decimals)
                // Said when the two disagree: a different value, or one outside the published bound.
                let disagree: (Double) -> Bool = { v in
                    switch o.qualifier {
                    case "at_least": v < theirs
                    case "more_than": v <= theirs
                    case "at_most": v > theirs
                    case "less_than": v >= theirs
                    default: v != theirs
                    }
                }
                let compare: String = if let ours, let value = ours.value, ours.year == o.year, disagree(value) {
                    "；本站按机构名录计算为 \(Labels.value(value, def))"
                } else { "" }
                return "<li>\(context.regionName(o.regionCode)) \(o.year) 年：\(shown)\(def.isPercent ? "" : " \(def.unit)")（\(o.source)）\(compare)</li>"
            }
            // Said as it is computed: from the facility records, or (the ageing rate) from region statistics alone.
            let fromRecords = IndicatorEngine.inputs(of: def)?.records ?? true
            let basis = fromRecords ? "本站的当前值由机构名录逐条计算，统计时点和范围可能与公布数不同" : "本站的当前值由地区统计数计算（见上方计算所用统计数），年份和口径可能与公布数不同"
            body = body + "<h2>文件公布的数值</h2>\n<p class=\"muted\">规划文件或有关部门公布的同一指标数值，列出供核对。\(basis)；公布数与同一文件中的其他数字（例如床位数和护理型床位数之比）也可能对不上。两者都列出，不作取舍。</p>\n<ul>\(items)</ul>\n"
        }
        body = body + "<details class=\"tech\"><summary>技术说明（代码、英文名称、舍入规则、数据表）</summary>\n" + Components.facts(technical) + "</details>\n"
        body = body + "<h2>下载</h2>\n<p>本指标：<a href=\"\(context.url("data/indicators/\(def.code).csv"))\">CSV</a>　<a href=\"\(context.url("data/indicators/\(def.code)-excel.csv"))\">Excel 版 CSV</a>　<a href=\"\(context.url("data/indicators/\(def.code).json"))\">JSON</a>；全部指标：<a href=\"\(context.url("data/indicators.csv"))\">indicators.csv</a></p>\n<p class=\"muted\">本指标的文件是当前数据，随每次更新改变；引用时请用<a href=\"\(context.url("data/indicators/"))#cite\">指标数据集的版本地址</a>（同样的行，按 indicator 列筛选 <code>\(def.code)</code>）。</p>\n"
        return layout.page(title: def.nameZH, path: IndicatorPages.path(def.code), description: def.definitionZH,
                           breadcrumbs: [("规划指标", "indicators/"), (def.nameZH, "")], body: body)
    }

    /// "（9,121 ÷ 880,000 × 1,000；60岁及以上人口：2025 年预测数）": the division, and the
    /// statistics in it that are not actual figures of the value's year, said where the
    /// number is read (not only in the notes at the end of the page).
    func calculation(_ v: IndicatorValue?, _ def: IndicatorDefinition) -> String {
        guard let v, let n = v.numerator, let d = v.denominator, v.value != nil else { return "" }
        let basis = v.statisticsNotOfTheYear.filter { !$0.hasSuffix("：\(v.year) 年实际数") }
        return "（\(Labels.number(n, decimals: 0)) ÷ \(Labels.number(d, decimals: 0))\(def.scale > 1 ? " × \(Labels.int(def.scale))" : "")"
            + basis.map { "；" + $0 }.joined() + "）"
    }

    // MARK: methodology

    func methodology() -> String {
        // The worked example and the printed-figure remarks are about the Linfen plan's own
        // annex: shown only on the Linfen site, not on another city's or a national one.
        let linfenNote: HTML = context.scopeCode == "141000"
            ? "<p>例：曲沃县 47,700 × 2% = 954，954 − (471 + 120) = 363。本站按公式从附件的输入数据计算；附件印刷的缺口有 8 个县比公式少 1 张（附件可能使用了未四舍五入的人口数），大宁县印为 57 而公式得 −57（富余）。附件“合计”行印为 7,959 张，既不等于合计行数字按公式计算的 6,985 张（88 万 × 2% − 9,366 − 1,249），也不等于各县印刷缺口之和 7,073 张；本站显示按公式计算的数，并在地区页同时列出附件印刷的床位缺口和护理型床位缺口（合计 6,188 张）。</p>"
            : .empty
        var body: HTML = """
            <p class="lead">本页说明站内每个指标数值是怎样算出来的。所有页面和数据文件中的指标数值来自同一次计算。各指标的定义、分子、分母、倍数和小数位也可下载：<a href="\(context.url("data/indicator-definitions/"))">指标定义和计算方法数据集</a>。</p>
            <h2 id="rounding">舍入规则</h2>
            <p>百分比保留两位小数，其他指标按各自说明保留小数；一律四舍五入，恰好一半时远离零进位（如 12.345% 记为 12.35%）。整数分子分母的比例按精确分数舍入，不受浮点误差影响。报送或文件公布的数值和规划目标按原文的写法显示（如 53%、≥ 60%），不补零，因为原文没有那么多位小数；差距同样按原文的位数显示。</p>
            <h2 id="aggregation">汇总规则</h2>
            <p>比例 = 分子 ÷ 分母 × 倍数。市（以及省、全部地区）的数值由下级地区的分子、分母分别加总后再相除，<strong>不对各县百分比求平均</strong>。由机构名录计数的分子、分母总是加总；人口、社区数等地区统计，上级地区有自己公布的数时用它（可能与各县合计略有出入，如文件公布的全市 60 岁及以上人口与各县之和），没有时才用各县合计，见下文“人口等统计数据的年份”。分母缺失或为零时显示“暂无数据”，数据文件中为空值。</p>
            <h2 id="scope">统计范围</h2>
            <p>机构类指标统计未关闭（运营或暂停运营）的养老机构，不含城市社区养老服务设施、乡镇区域养老服务中心和农村日间照料中心，这些设施另行计数。暂停运营的机构照常计入床位、入住和人员数。入住率只计报送了入住人数的机构；同样，每名护理员对应床位数只计报送了护理员人数的机构，护理员持证率只计同时报送护理员人数和持证人数的机构（未报送不等于没有）。“公办”包括公建民营。护理员、持证护理员和社会工作者只计养老机构的人员，人数合计只含报送的数。“医养结合”指内设医疗机构或与医疗机构签约合作。“有效等级”指评定日期不晚于数据日期、未过有效期且未撤销的最近一次评定。</p>
            <h2 id="statistics">人口等统计数据的年份</h2>
            <p>指标年份为数据日期所在年份（\(report.year) 年）。人口、社区数等地区统计，同一项在所有地区取同一年份，使各县数值可以相互比较，也能与市级数值比较：在各地区都有数的年份中，取不晚于指标年份、各地都是实际数的最近年份；没有这样的年份时，取离指标年份最近的年份（可能是预测数，距离相同取较早者）。年份不是指标年份或用了预测数的，在指标页“计算所用统计数”中注明。各地区没有共同年份时，才各用自己最接近的数，同样注明。市级有自己的统计数时用它，没有时由各县加总。完全由统计数算出的指标（如人口老龄化率）的分子、分母必须是同一年的实际数，数值标明该年份；没有同一年的实际数时为“暂无数据”，不会用预测数除以另一年的人口。</p>
            <h2 id="targets">目标完成情况</h2>
            <p>目标按对应年份的数值判断：目标年早于数据年份的，只用目标年当年的数值：报送的该年数值，没有时用本站该年最后一个数据版本公布的数值（页面注明是哪个版本；都没有则为“暂无数据”），以后的数据不会把当年未完成的目标改判为已达到；其他目标用数据年份的数值，更早年份的报送数不作判断依据（页面注明最新数值的年份）。数值满足目标（不低于、不高于或等于目标值）为“已达到”；未满足且数据日期已到目标年末为“未达到（已过目标年）”，约束性目标未达到时醒目标出；目标年未到为“尚未达到”。有更早年份报送数的，按从该基数（当年年末）到目标（目标年年末）的直线，按天推算到数据日期应达到的数值，判断进度是否达标（基数是报送或文件公布的数，当前值是本站计算的数，两者口径可能略有不同）。</p>
            <h2 id="bed-gap">床位缺口测算</h2>
            <p>采用《临汾市养老服务五年规划》附件2的方法：床位需求 = 2025 年 60 岁及以上人口预测数 × 2%（四舍五入到整数）；缺口 = 需求 − 现有机构床位 − 社区全托床位。缺口为负数表示床位富余。各地区的输入数据、需求、缺口和附件印刷的缺口见数据集<a href="\(context.url("data/bed-gaps/"))">养老床位缺口</a>。</p>
            \(linfenNote)
            <h2 id="list">全部指标</h2>
            """
        let rows: [[HTML]] = IndicatorRegistry.all.map { def in
            let formula: String = switch def.basis {
            case .computed: def.denominatorZH.map { "\(def.numeratorZH) ÷ \($0)\(def.scale > 1 ? " × \(Labels.int(def.scale))" : "")" } ?? "\(def.numeratorZH)（计数）"
            case .observed: "报送数据"
            }
            let name: HTML = published.contains { $0.code == def.code }
                ? "<a href=\"\(context.url(IndicatorPages.path(def.code)))\">\(def.nameZH)</a>" : "\(def.nameZH)"
            return [name, "<code>\(def.code)</code>", "\(formula)", "\(def.unit)", "\(def.decimals)"]
        }
        body = body + Components.table(label: "全部指标的计算方法", head: ["指标", "代码", "计算方法", "单位", "小数位"], rows: rows, numeric: [4], stack: true)
        return layout.page(title: "指标计算方法", path: "indicators/methodology/",
                           breadcrumbs: [("规划指标", "indicators/"), ("计算方法", "")], body: body)
    }

    // MARK: embeds

    /// Checks the codes of every ```` ```indicators ```` block; errors name file and line.
    static func validate(_ doc: Document, regions: Set<String>) throws {
        for embed in doc.body.embeds where embed.kind == "indicators" {
            _ = try parse(embed, doc: doc, regions: regions)
        }
    }

    /// Block syntax: one indicator code per line; an optional line `region: <code>`.
    static func parse(_ embed: Embed, doc: Document, regions: Set<String>) throws -> (codes: [String], region: String?) {
        var codes: [String] = []
        var region: String?
        for (offset, raw) in embed.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let fileLine = doc.fileLine(of: embed) + 1 + offset
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("region:") {
                let code = line.dropFirst("region:".count).trimmingCharacters(in: .whitespaces)
                guard regions.contains(code) else {
                    throw DocumentError(file: doc.file, line: fileLine, message: "unknown region code `\(code)` in indicators block（指标表中的地区代码不存在，请用 regions 表中的代码）")
                }
                region = code
                continue
            }
            // An indicator by its code or by its Chinese name, as the methodology page shows both.
            let code = IndicatorRegistry.definition(line) != nil ? line : IndicatorRegistry.all.first { $0.nameZH == line }?.code
            guard let code else {
                throw DocumentError(file: doc.file, line: fileLine,
                                    message: "unknown indicator code `\(line)` in indicators block"
                                        + (IndicatorRegistry.nearest(to: line).map { " (did you mean \($0)?)" } ?? "")
                                        + "; the codes are listed on /indicators/methodology/ (one per line, as written there)"
                                        + "（指标表中有不认识的指标代码：可用的代码列在网站“计算方法”页，每行写一个）")
            }
            codes.append(code)
        }
        return (codes, region)
    }

    /// The document's HTML with each embed replaced by its live table.
    func fill(_ doc: Document) throws -> HTML {
        // A link to /policies/… written from the site's root: under the site's base path (--base-url /yanglao/).
        // A path already written with the base path is left as it is.
        let base = context.baseURL, basePath = context.basePath
        var html = base == "/" ? doc.body.html
            : doc.body.html.replacing(#/(href|src)="/(?!/)/#) { m in
                let rest = doc.body.html[m.range.upperBound...]
                return basePath != "/" && rest.hasPrefix(basePath.dropFirst()) ? "\(m.output.1)=\"/" : "\(m.output.1)=\"\(base)"
            }
        let regionCodes = Set(context.regions.map(\.code))
        for embed in doc.body.embeds {
            var table: HTML = .empty
            if embed.kind == "indicators" {
                let (codes, regionCode) = try IndicatorPages.parse(embed, doc: doc, regions: regionCodes)
                table = liveTable(codes, region: regionCode ?? context.scopeCode, document: doc.documentNumber)
            }
            if let r = html.range(of: embed.marker) { html.replaceSubrange(r, with: table.raw) }
        }
        return HTML(trusted: html)
    }

    /// `document`: the embedding plan's number; its own targets are shown (another plan's
    /// target for the same indicator would read as this plan's), or, when it sets none for
    /// an indicator, the others with their sources.
    func liveTable(_ codes: [String], region: String, document: String? = nil) -> HTML {
        let rows: [[HTML]] = codes.compactMap { code in
            guard let def = IndicatorRegistry.definition(code) else { return nil }
            let v = report.value(code, region: region)
            let all = evaluations(code, region)
            let own = document.map { number in all.filter { $0.target.source.hasPrefix(number) } } ?? all
            let e: [HTML] = (own.isEmpty ? all : own).map { "<div>\(targetLine($0, def, withSource: own.isEmpty))</div>" }
            return ["<a href=\"\(context.url(IndicatorPages.path(code)))\">\(def.nameZH)</a>",
                    "\(Labels.value(v, def))\(def.isPercent || v?.value == nil ? "" : " \(def.unit)")", e.isEmpty ? "<span class=\"none\">—</span>" : e.joined()]
        }
        return Components.table(caption: "\(context.regionName(region))指标进展（数据截至 \(Layout.dateZH(context.meta.dataAsOf))，本站自动计算）",
                                head: ["指标", "当前值", "目标及完成情况"], rows: rows, numeric: [1], wide: [2], stack: true)
    }
}
