import Foundation
import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// The catalogue of downloads (`/data/`), one page per dataset with its
/// dictionary and examples, and the changelog of releases. Dictionaries are
/// generated from the same field lists the files were written with.
struct DataPage {
    /// The row filter that reproduces the site's figures, where the file holds more than they
    /// count (a journalist summing every row gets another number than the page): run after the
    /// snippet, into a new name, so `df` stays the whole file.
    static let readingHints: [String: String] = [
        Datasets.institutions.name: "# 页面上的床位、评级等指标只计未关闭的养老机构：\nhomes = df[(df.category == \"institution\") & (df.status != \"closed\")]",
        Datasets.ratings.name: "# 历次评定各一行；当前有效的等级（/ratings/ 再除去已关闭的机构）：\ncurrent = df[df.state == \"current\"]",
        Datasets.indicators.name: "# 每个目标年份一行，当前值因此重复；每个指标、每个地区只取一行：\ncurrent = df.drop_duplicates([\"indicator\", \"region_code\"])",
    ]

    let context: SiteContext
    let layout: Layout
    /// The day disclosure windows and rating states were judged on when a build's `--as-of`
    /// moved it off the data date: the files in data/ then differ from the release of that date.
    var judgedOn: ISODate? = nil
    /// The day the release of the data date was published (meta `published_on` when it was
    /// archived; the data date when it was archived without one, as everywhere it is dated).
    var releaseDay: String? = nil

    /// Said on the catalogue and each dataset page of such a build.
    /// `releases`: the dates of the archived releases (this date's may not be archived yet).
    func judgedNote(releases: [String]) -> HTML {
        guard let judgedOn else { return .empty }
        let date = context.meta.dataAsOf.description
        let release: HTML = releases.contains(date) ? "与 <a href=\"\(context.url("data/releases/\(date)/"))\">\(date) 版</a>中按数据日期判断的文件可能不同"
            : "与按数据日期判断的结果可能不同（\(date) 版尚未发布：不加 --as-of 生成时发布）"
        return "<div class=\"alert\" role=\"note\"><strong>这里的文件按 \(Layout.dateZH(judgedOn)) 判断信用信息的公示期和等级的有效期</strong>（数据日期仍为 \(Layout.dateZH(context.meta.dataAsOf))），\(release)（如等级已过有效期、处罚已过公示期）。引用这里的文件时请注明判断日期和文件的 SHA-256。</div>\n"
    }

    /// `hasPage`: whether a release has its own page (releases published by older versions have none).
    /// `corrections`: every correction archived after a release, listed under it.
    func index(_ published: [PublishedDataset], releases: [(date: String, json: [String: Any])], corrected: Set<String> = [],
               corrections: [ReleaseArchive.Correction] = [], hasPage: (String) -> Bool = { _ in true }) -> String {
        let meta = context.meta
        var body: HTML = """
            <p class="lead">本站全部数据可免费下载、使用和转载，请注明出处。数据截至 \(Layout.dateZH(meta.dataAsOf))；许可协议：\(meta.licence)；联系：\(meta.contact)。</p>
            <div class="note which-file"><h2 id="which-file">用哪个文件？</h2><ul>
            <li>用 Excel 或 WPS 表格双击打开：选“Excel 版 CSV”（带 BOM 的 UTF-8，中文不会乱码）。</li>
            <li>用 LibreOffice：选“CSV”，导入时字符集选 UTF-8、代码类的列设为“文本”（LibreOffice 不认 Excel 版中代码写成的 ="…"，会原样显示）。</li>
            <li>用 Python、R、数据库读取：选“CSV”（UTF-8，无 BOM）或“JSON”；代码类字段（统一社会信用代码、行政区划代码）请按文字读取，如 pandas 的 <code>dtype=str</code>。</li>
            <li>地图软件：选机构名录的“GeoJSON”（只含有经纬度的机构）。</li>
            <li>空值的写法和 Excel 版对公式、代码的处理，见下文的<a href="#formats">文件格式</a>。</li></ul>
            </div>
            """
        body = body + judgedNote(releases: releases.map(\.date))
        let rows: [[HTML]] = published.map { p in
            // Each link names its dataset for screen readers listing links out of context ("CSV" eight times tells nothing).
            // With its size: on a phone a national JSON file is tens of megabytes.
            let links: [HTML] = p.files.map { f in
                "<span class=\"nw\"><a href=\"\(context.url("data/\(f.name)"))\"><span class=\"vh\">\(p.dataset.titleZH) </span>\(f.format.labelZH)</a> <span class=\"muted\">\(Labels.bytes(f.bytes))</span></span>"
            }
            return ["<a href=\"\(context.url("data/\(p.dataset.name)/"))\">\(p.dataset.titleZH)</a>", "\(Labels.int(p.rows))",
                    links.joined("　")]
        }
        // As cards on a phone: four downloads with their sizes do not fit beside the title.
        body = body + "<h2>数据集</h2>\n" + Components.table(label: "数据集", head: ["数据集", "行数", "下载"], rows: rows, numeric: [1], stack: true)
        body = body + """
            <h2 id="formats">文件格式</h2>
            <p>CSV 符合 RFC 4180：逗号分隔，首行为字段名，空字段表示空值（null），内容与 JSON 完全相同。Excel 版另作四处处理：首行列名写成中文（如 beds_total 写作“床位数”，对照见各数据集字段说明的“Excel 版列名”）；代码类取值写成中文（如 public_private 写作“公建民营”，true/false 写作“是/否”，对照见各数据集的字段说明）；以 = + - @（含全角 ＝ ＋ － ＠，前面有空格的也算）、制表符或回车开头的<strong>文字</strong>前加一个英文单引号 '，防止被当作公式执行；会被表格软件当成数字、日期或逻辑值的<strong>文字</strong>（数字之间只有 . , - / : % ( ) + 这些符号，或数字中间夹一个字母 E，如统一社会信用代码、行政区划代码、电话号码、1-2；“3月5日”“2023年10月”这样的中文日期；TRUE、FALSE；以 + 或 - 开头、中间夹空格的号码，如 +86 357 1234567）写成 ="…" 的形式，Excel 打开后仍是原来的文字，不会丢掉开头的 0、变成科学计数法或日期。数值不受影响。</p>
            <p>每个机构另有单独的 JSON 文件：<code>data/institutions/&lt;统一社会信用代码&gt;.json</code>（机构页面有链接）；每个指标另有单独的文件：<code>data/indicators/&lt;指标代码&gt;.csv</code>。</p>
            <h2 id="machine-readable">机器可读的目录</h2>
            <ul>
            <li><a href="\(context.url("data/datapackage.json"))">datapackage.json</a>：<span lang="en">Frictionless Data Package</span>，含每个表的字段类型、约束、主键和外键。</li>
            <li><a href="\(context.url("data/catalog.jsonld"))">catalog.jsonld</a>：DCAT 数据目录（JSON-LD），含文件大小和 SHA-256 校验值。</li>
            </ul>
            <h2 id="releases">历史版本</h2>
            <p>每次数据日期更新都会生成一个不再改变的版本 <code>data/releases/&lt;数据日期&gt;/</code>，含当时的全部数据文件和 <code>SHA256SUMS</code> 校验文件，引用时请使用版本地址。版本发布后、数据日期不变而数据有更正时，版本保持原样，更正后的数据集另存为 <code>data/corrections/&lt;数据日期&gt;/&lt;序号&gt;/</code>，同样不再改变。<a href="\(context.url("data/latest/"))"><code>data/latest/</code></a> 始终是最新数据，地址不变。信用信息有法定公示期，只在最新数据中提供，不进入历史版本。</p>
            """
        let releaseItems: [HTML] = releases.map { r in
            "<li><a href=\"\(context.url("data/releases/\(r.date)/\(hasPage(r.date) ? "" : "SHA256SUMS")"))\">\(r.date)</a>：\(summary(r.json))\(correctionLinks(corrections, date: r.date))</li>"
        }
        body = body + "<ul>\(releaseItems)</ul>\n<p><a href=\"\(context.url("data/changes/"))\">查看各版本的详细变化</a>　<a href=\"\(context.url("data/latest/SHA256SUMS"))\">最新版本校验文件</a></p>\n"
        body = body + """
            <h2 id="cite">引用方式</h2>
            <p>\(meta.publisher)．\(meta.title)开放数据（\(meta.dataAsOf.description) 版）[DS/OL]．\(Self.dated(releaseDay))\(Self.citedOn)．\(Self.citedAddress(context, "data/releases/\(meta.dataAsOf.description)/"))</p>
            \(Self.citationNote)
            """
        let correctedTitles = published.filter { corrected.contains($0.dataset.name) }.map { p -> HTML in
            "<a href=\"\(context.url("data/\(p.dataset.name)/"))\">\(p.dataset.titleZH)</a>"
        }
        if !correctedTitles.isEmpty {
            body = body + "<p class=\"note\">\(correctedTitles.joined("、"))在 \(meta.dataAsOf.description) 版发布后有更正：当前文件是更正后的数据，与该版中的文件不同，引用方式见各数据集页面。</p>\n"
        }
        // Corrections taken back: the datasets of the date's last correction that are as released again.
        if let last = corrections.last(where: { $0.date == meta.dataAsOf.description }) {
            let back = published.filter { p in !corrected.contains(p.dataset.name) && last.files.contains { $0.name == p.dataset.name + ".csv" } }
            if !back.isEmpty {
                let titles: [HTML] = back.map { "<a href=\"\(context.url("data/\($0.dataset.name)/"))\">\($0.dataset.titleZH)</a>" }
                body = body + "<p class=\"note\">\(titles.joined("、"))曾在 \(meta.dataAsOf.description) 版更正 \(last.number) 中更正，现已恢复为该版的数据。</p>\n"
            }
        }
        return layout.page(title: "开放数据", path: "data/", body: body)
    }

    /// `corrected`: the files differ from the release of their data date (a correction
    /// published after the release was frozen); the page says so and cites the files as they are now.
    /// `correction`: the archived correction holding the current files, when `corrected` is not
    /// empty; `corrections`: every archived correction (those holding this dataset are listed).
    /// `dataCorrected`: the data differ from the release (else `corrected` files differ only in form).
    func datasetPage(_ p: PublishedDataset, releases: [String], corrected: [String] = [], dataCorrected: Bool = false,
                     correction: ReleaseArchive.Correction? = nil, corrections: [ReleaseArchive.Correction] = []) -> String {
        let d = p.dataset
        let meta = context.meta
        let fileRows = Self.fileRows(p.files, titled: false) { context.url("data/\($0.name)") }
        let fieldRows: [[HTML]] = d.fields.map { f in
            ["<code>\(f.name)</code><br>\(f.title)", "\(f.kind.rawValue)", "\(f.unit ?? "—")", f.required ? "否" : "是",
             "\(f.descriptionZH)\(f.allowed.map { "（取值：\($0.joined(separator: "、"))）" } ?? "")"]
        }
        let exampleRows: [[HTML]] = p.examples.map { cells in cells.map { "\(CSVFormat.field($0))" } }
        // id "dataset": the catalogue's identifier of the dataset (catalog.jsonld, …/<name>/#dataset) points here.
        var body: HTML = """
            <p class="lead" id="dataset">\(d.descriptionZH)</p>
            \(Components.facts([
                ("行数", "\(Labels.int(p.rows))"), ("数据日期", "\(Layout.dateZH(meta.dataAsOf))"), ("许可协议", "\(meta.licence)"),
                ("发布单位", "\(meta.publisher)"), ("联系方式", "\(meta.contact)"),
                ("主键", d.primaryKey.isEmpty ? "—" : "\(d.primaryKey.joined(separator: ", "))"),
            ] + (judgedOn.map { [("判断日期", "\(Layout.dateZH($0))（公示期和等级有效期）")] } ?? [])))
            \(judgedNote(releases: releases))
            <h2 id="files">下载</h2>
            """
        body = body + Self.fileTable(label: "下载文件", fileRows)
        let date = meta.dataAsOf.description
        // A correction taken back (the data are the release's again): said, as people may have cited it.
        if !dataCorrected, let last = corrections.last(where: { $0.date == date }), last.files.contains(where: { $0.name == d.name + ".csv" }) {
            body = body + "<p class=\"note\">本数据集曾在 <a href=\"\(context.url(last.path))\">\(date) 版更正 \(last.number)</a> 中更正，现已恢复为 <a href=\"\(context.url("data/releases/\(date)/"))\">\(date) 版</a>的数据；更正 \(last.number) 的文件保留原样，供核对已有的引用。</p>\n"
        }
        if !corrected.isEmpty, !dataCorrected {
            let files: [HTML] = corrected.map { "<code>\($0)</code>" }
            body = body + "<p class=\"note\">\(files.joined("、"))的写法在 <a href=\"\(context.url("data/releases/\(date)/"))\">\(date) 版</a>发布后有更新（如格式调整，或增加了由其他数据算出的列；版本中原有各列的数据没有变化）：这里是新的写法，版本中保留原来的文件，引用版本仍然有效。</p>\n"
        }
        if dataCorrected {
            // Named file by file: a new format of one file (a field added to the GeoJSON) is not a correction of the others.
            let files: [HTML] = corrected.map { "<code>\($0)</code>" }
            body = body + "<div class=\"alert\" role=\"note\"><strong>本数据集在 \(date) 版发布后有更正：\(files.joined("、"))。</strong>上面这些文件与 <a href=\"\(context.url("data/releases/\(date)/"))\">\(date) 版</a>中的不同（版本发布后不再改动，保留首次发布的数据）；其余文件与该版相同。"
                + (correction.map { "更正后的本数据集另存于 <a href=\"\(context.url($0.path))\">\(date) 版更正 \($0.number)</a>，地址不变，引用时请用该地址。" } ?? "")
                + "</div>\n"
        }
        if p.rows > DataPage.excelRowLimit {
            // A national dataset can outgrow a worksheet; Excel then drops rows without saying so clearly.
            body = body + "<div class=\"alert\" role=\"note\"><strong>本数据集有 \(Labels.int(p.rows)) 行，超过 Excel 一个工作表的上限（1,048,576 行，含标题行）。</strong>用 Excel 打开时只能看到前 \(Labels.int(DataPage.excelRowLimit)) 行，其余会被截去。请用 Python、R 或数据库读取 CSV 或 JSON 文件。</div>\n"
        }
        if d.name == Datasets.indicators.name {
            // The formulas behind the numbers (numerator, denominator, scope, rounding) are on the site's own page.
            body = body + "<p>每个指标的定义、分子和分母（计入哪些机构、用哪一年的人口）、倍数和小数位，见<a href=\"\(context.url("indicators/methodology/"))\">指标计算方法</a>；各指标页列出各地区的计算过程；同样的定义也是一个数据集：<a href=\"\(context.url("data/indicator-definitions/"))\">指标定义和计算方法</a>（indicator 列对应其 code 列）。</p>\n"
        }
        body = body + "<h2 id=\"dictionary\">字段说明</h2>\n" + Components.table(label: "字段说明", head: ["字段<br><span class=\"muted\">Excel 版列名</span>", "类型", "单位", "可为空", "含义"], rows: fieldRows,
                                                                                 text: [4], stack: true)
        // Codes read as numbers lose leading zeros and break joins: say how to read this file.
        let codes = d.fields.filter { $0.kind == .string && Schema.isCodeColumn($0.name) }.map(\.name)
        if !codes.isEmpty {
            // Whole numbers that may be empty stay whole (Int64) rather than turn into 2.0.
            let counts = d.fields.filter { $0.kind == .integer && !$0.required }.map(\.name)
            // Dates as dates (pandas leaves ISO dates as text unless asked; readr reads them itself).
            let dates = d.fields.filter { $0.kind == .date }.map { "\"\($0.name)\"" }
            // Yes/no fields that may be empty stay true/false/<NA> ("boolean") rather than objects.
            let flags = d.fields.filter { $0.kind == .boolean && !$0.required }.map(\.name)
            let dtypes = "dtype={" + (codes.map { "\"\($0)\": str" } + counts.map { "\"\($0)\": \"Int64\"" }
                                        + flags.map { "\"\($0)\": \"boolean\"" }).joined(separator: ", ") + "}"
            let parseDates: String = dates.isEmpty ? "" : ",\n                 parse_dates=[" + dates.joined(separator: ", ") + "]"
            let hint: String = Self.readingHints[d.name].map { "\n" + $0 } ?? ""
            let pandas = "import pandas as pd\ndf = pd.read_csv(\"\(d.name).csv\", \(dtypes)" + parseDates + ")" + hint
            let r = "df <- readr::read_csv(\"\(d.name).csv\", col_types = readr::cols(" + codes.map { "\($0) = \"c\"" }.joined(separator: ", ") + "))"
            // pandas reads the JSON's code strings as numbers too unless told.
            // read_json's convert_dates is deprecated in pandas 3: the dates converted after reading, in every version.
            let columns = "df[[" + dates.joined(separator: ", ") + "]]"
            let convertDates: String = dates.isEmpty ? "" : "\n\(columns) = \(columns).apply(pd.to_datetime)"
            let json = "df = pd.read_json(\"\(d.name).json\", \(dtypes))" + convertDates
            body = body + "<p>读取时请把代码类字段（\(codes.joined(separator: "、"))）按文字读取，否则开头的 0 会丢失、与其他数据集连接时类型不一致；空单元格即无数据（null）：</p>\n<pre tabindex=\"0\"><code>\(pandas)\n\n# JSON 版同样要指明\n\(json)\n\n# R\n\(r)</code></pre>\n"
        }
        if let geo = p.files.first(where: { $0.format == .geojson }) {
            // A map file has fewer fields than the table: say which, and which it lacks.
            body = body + "<h2 id=\"geojson\">GeoJSON 文件</h2>\n<p><code>\(geo.name)</code>：有经纬度的机构和设施各一个点（WGS 84，坐标经度在前，保留 6 位小数），可直接拖入地图软件。每个点的属性（properties）："
                + "<code>id</code>、<code>name</code>、<code>region_code</code>、<code>region_name</code>、<code>category</code>、<code>ownership</code>、<code>status</code>、<code>beds_total</code>、<code>rating_level</code>、<code>rating_state</code>，含义同上表；"
                + "<code>url</code> 为本站该机构页的地址。护理床位、地址、电话等其他字段请按 <code>id</code> 与 CSV 文件连接。没有经纬度的机构不在此文件中。</p>\n"
        }
        if !exampleRows.isEmpty {
            body = body + "<h2 id=\"examples\">示例行</h2>\n<p class=\"muted\">前 \(exampleRows.count) 行，与 CSV 文件中的写法相同。</p>\n"
                // Names and addresses get room; codes, phones and dates stay on one line (the table scrolls sideways).
                + Components.table(label: "示例行", head: d.fields.map { "<code>\($0.name)</code>" }, rows: exampleRows,
                                   nowrap: Set(d.fields.indices.filter { d.fields[$0].kind != .string || ["id", "phone"].contains(d.fields[$0].name) || d.fields[$0].name.hasSuffix("_code") || d.fields[$0].name.hasSuffix("_on") }),
                                   text: Set(d.fields.indices.filter { Self.longTextFields.contains(d.fields[$0].name) }))
        }
        let archived = !ReleaseArchive.excludedFromReleases.contains(d.name)
        // A release is cited by its address; what is not in one (credit records, whose disclosure
        // windows close) or was corrected after it, by the current file and its data date.
        let csvCorrected = dataCorrected
        let csv = p.files.first { $0.name == d.name + ".csv" }
        let citation: (label: String, path: String, sha: String?, day: String?)
        if let judgedOn {
            citation = ("数据截至 \(date)，按 \(judgedOn) 判断", "data/\(d.name).csv", csv?.sha256, nil)
        } else if !archived {
            // Current data are dated by their latest correction's day; an undated correction leaves them undated.
            citation = ("数据截至 \(date)", "data/\(d.name).csv", csv?.sha256, meta.correctedOn?.description ?? (correction == nil ? releaseDay : nil))
        } else if csvCorrected, let correction {
            citation = ("\(date) 版更正 \(correction.number)", correction.path + d.name + ".csv", nil, correction.correctedOn)
        } else if csvCorrected {
            citation = ("\(date) 版，更正后", "data/\(d.name).csv", csv?.sha256, nil)
        } else {
            citation = ("\(date) 版", "data/releases/\(date)/\(d.name).csv", nil, releaseDay)
        }
        body = body + "<h2 id=\"cite\">引用</h2>\n<p>\(meta.publisher)．\(d.titleZH)（\(citation.label)）[DS/OL]．\(Self.dated(citation.day))\(Self.citedOn)．\(Self.citedAddress(context, citation.path))"
            + (citation.sha.map { "（SHA-256：<code class=\"hash\">\($0)</code>）" } ?? "") + "</p>\n"
            + Self.citationNote + "\n"
        if archived, !releases.isEmpty {
            // Oldest first, each release followed by its corrections that hold this dataset.
            let links: [HTML] = releases.sorted().flatMap { r -> [HTML] in
                ["<a href=\"\(context.url("data/releases/\(r)/\(d.name).csv"))\">\(r)</a>"]
                    + corrections.filter { $0.date == r && $0.files.contains { $0.name == d.name + ".csv" } }.map { c in
                        "<a href=\"\(context.url(c.path + d.name + ".csv"))\">\(r) 更正 \(c.number)</a>"
                    }
            }
            body = body + "<p>历史版本：\(links.joined("　"))</p>\n"
        } else if !archived {
            body = body + "<p class=\"muted\">信用信息只提供当前处于公示期内的记录，不保留历史版本。</p>\n"
        }
        // Absolute where the site's address is known: search engines and catalogues read these out of context.
        let pageURL = context.absoluteURL("data/\(d.name)/")
        let jsonLD = DataPackage.schemaOrg(p, meta: meta, pageURL: pageURL, url: { context.absoluteURL("data/" + $0) },
                                           region: context.scope.single?.name,
                                           version: dataCorrected ? correction.map { "\($0.date)-\($0.number)" } : nil).compact
        // "（数据集）": the services list is also a page of its own under the same name.
        return layout.page(title: d.titleZH + "（数据集）", path: "data/\(d.name)/", description: d.descriptionZH,
                           breadcrumbs: [("开放数据", "data/"), (d.titleZH, "")], body: body,
                           head: "<script type=\"application/ld+json\">\(HTML(trusted: jsonLD))</script>")
    }

    /// A citation's access date (引用日期): the reader's own day, filled in by the script (the
    /// site reads no clock, so the page itself says what goes there).
    static let citedOn: HTML = "[<span class=\"cite-date\">引用日期</span>]"
    /// GB/T 7714's (发布或更新日期) before the access date, when the day is known.
    static func dated(_ day: String?) -> HTML { day.map { "(\($0))" } ?? .empty }
    /// Where a citation points: the full address, or — on a site whose public address is not
    /// set — the path, which the script completes with the address the reader is on.
    static func citedAddress(_ context: SiteContext, _ path: String) -> HTML {
        context.hasPublicAddress ? "\(context.absoluteURL(path))" : "<span class=\"cite-url\">\(context.url(path))</span>"
    }

    /// What the citation's parts mean, under each citation.
    static let citationNote: HTML = "<p class=\"muted\">按 GB/T 7714—2015 的格式：[DS/OL] 表示网上数据集，圆括号里是发布日期（已注明的），方括号里写您查阅的日期（引用日期）。</p>"

    /// `corrected`: datasets whose current files differ from the release of the data date
    /// (a correction published after it), by title; said under that release.
    /// `correctionChanges`: the change list of each correction, by its path.
    func changes(_ releases: [(date: String, json: [String: Any])], corrected: [String] = [],
                 corrections: [ReleaseArchive.Correction] = [], correctionChanges: [String: [String: Any]] = [:]) -> String {
        var body: HTML = "<p class=\"lead\">每个数据版本相对于上一版本的变化：新增、移出名录和信息变更的机构，新的等级评定，新公示和不再公示（公示期满、信用修复或记录更正）的信用记录条数，以及规划目标、基本养老服务清单、地区统计数据、报送数值和行政区划逐行的新增、删除和变更。</p>\n<details><summary>机器可读格式（changes.json）说明</summary><p>各版本的 <code>changes.json</code>：<code>institutions</code> 下的 <code>added</code>、<code>removed</code>、<code>changed</code>（每项列出 <code>field</code>、<code>from</code>、<code>to</code>），<code>ratings.new</code>，<code>credit_records</code> 的 <code>new_count</code>、<code>withdrawn_count</code> 和公示中的总数 <code>disclosed_count</code>（信用记录不存入版本，新增和不再公示的条数相对于网站上一次显示的记录计算，两个版本之间发布的更正也算在内）；首次发布时 <code>first_release</code> 为 true，各列表为空，<code>first_release_contents</code> 给出首版的条数；<code>datasets</code> 下按 <code>targets</code>、<code>services</code>、<code>region-stats</code>、<code>observations</code>、<code>regions</code>、<code>ratings</code>（删除和改动的评定记录；新的评定见 <code>ratings.new</code>）列出有变化的数据，每行的 <code>key</code> 是它的主键（规划目标为 indicator、region_code、target_year、source），<code>fields</code> 同上。版本发布后的每次更正另有自己的 <code>changes.json</code>：<code>correction</code>（第几次更正）、<code>corrected_on</code>（更正日期）、<code>compared_with</code>（每个数据集与哪个文件比较：该版本或之前的更正），更正的等级评定在 <code>datasets.ratings</code> 下逐行列出，<code>credit_records</code> 给出更正后新公示和不再公示的信用记录条数。</p></details>\n"
        for r in releases {
            body = body + "<h2 id=\"r\(r.date)\">\(r.date) 版</h2>\n<p>\(summary(r.json))　<a href=\"\(context.url("data/releases/\(r.date)/changes.json"))\">changes.json</a>\(correctionLinks(corrections, date: r.date))</p>\n"
            if r.date == context.meta.dataAsOf.description, !corrected.isEmpty {
                body = body + "<p class=\"note\"><strong>发布后有更正：</strong>\(corrected.joined(separator: "、"))。网站和<a href=\"\(context.url("data/"))\">数据下载</a>（data/latest/）已是更正后的数据；本版本的文件保持发布时的原样，下一版本的变更清单将列出这些更正（信用记录不存入版本，其变动按网站当时显示的记录计算）。</p>\n"
            }
            if r.json["previous_release"] is String { body = body + changeLists(r.json) }
            // Each correction of the release with what it changed (against the state published before it).
            for c in corrections where c.date == r.date {
                guard let json = correctionChanges[c.path] else { continue }
                body = body + "<h3 id=\"r\(r.date)-\(c.number)\">\(r.date) 版更正 \(c.number)\(c.correctedOn.map { "（\($0)）" } ?? "")</h3>\n"
                    + "<p>\(summary(json))　<a href=\"\(context.url(c.path + "changes.json"))\">changes.json</a></p>\n" + changeLists(json, level: 4)
            }
        }
        body = body + "<p>当前公示中的信用记录见<a href=\"\(context.url("credit/"))\">信用信息</a>页；版本变化只记条数，不列出具体记录（每条记录只能在公示期内公开）。</p>\n"
        return layout.page(title: "数据版本变化", path: "data/changes/", breadcrumbs: [("开放数据", "data/"), ("版本变化", "")], body: body)
    }

    /// A change list (a release's or a correction's `changes.json`) as headed lists: facilities
    /// added, removed and changed field by field, new ratings, and row changes of the other
    /// datasets, each list cut at 200 items (the file has them all). `level`: the headings' level.
    func changeLists(_ json: [String: Any], level: Int = 3) -> HTML {
        // Field names and coded values as people read them (the Excel file's header and words).
        func describe(_ change: [String: Any], in fields: [DatasetField]) -> String {
            let name = change["field"] as? String ?? ""
            let field = fields.first { $0.name == name }
            func word(_ v: Any?) -> String { DatasetField.word(v.map { ChangeSet.display($0) } ?? "", field) }
            return "\(field?.title ?? name)：\(word(change["from"])) → \(word(change["to"]))"
        }
        // A rating lapsing or a new one taking effect changes a facility with nobody editing it: listed apart.
        let ratingFields: Set<String> = ["rating_state", "rating_level"]
        func ratingOnly(_ item: [String: Any]) -> Bool {
            let fields = (item["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            return !fields.isEmpty && Set(fields).isSubset(of: ratingFields)
        }
        func institution(_ id: String, _ name: String, linked: Bool) -> HTML {
            linked && SafePath.institution(id) != nil ? "<a href=\"\(context.url("institutions/\(id)/"))\">\(name)</a>" : "\(name)"
        }
        let h = HTML(trusted: "h\(level)")
        var body: HTML = ""
        let inst = json["institutions"] as? [String: Any] ?? [:]
        let changed = inst["changed"] as? [[String: Any]] ?? []
        // Within a correction the date stays: a facility's rating changed because its rating was corrected.
        let byDate = json["correction"] == nil
        let lists: [(key: String, label: String, list: [[String: Any]])] = [
            ("added", "新增的机构", inst["added"] as? [[String: Any]] ?? []),
            ("removed", "移出名录的机构", inst["removed"] as? [[String: Any]] ?? []),
            ("changed", "信息变更的机构", changed.filter { !byDate || !ratingOnly($0) }),
            ("changed", "等级状态变化的机构（到期、撤销、新的评定生效或评定记录改动）", byDate ? changed.filter(ratingOnly) : []),
        ]
        for (key, label, list) in lists where !list.isEmpty {
            let items: [HTML] = list.prefix(200).map { item in
                let id = item["id"] as? String ?? ""
                let fields = (item["fields"] as? [[String: Any]] ?? []).map { describe($0, in: Datasets.institutions.fields) }
                let link = institution(id, item["name"] as? String ?? id, linked: key != "removed")
                return fields.isEmpty ? "<li>\(link)</li>" : "<li>\(link)：\(fields.joined(separator: "；"))</li>"
            }
            body = body + "<\(h)>\(label)（\(list.count)）</\(h)>\n<ul>\(items)</ul>\n"
                + (list.count > items.count ? "<p class=\"muted\">只列出前 \(items.count) 项，全部见 changes.json。</p>\n" : "")
        }
        let ratings = (json["ratings"] as? [String: Any])?["new"] as? [[String: Any]] ?? []
        if !ratings.isEmpty {
            let items: [HTML] = ratings.prefix(200).map { x in
                let level = RatingState.levelName((x["level"] as? NSNumber)?.intValue ?? 0)
                return "<li>\(institution(x["institution_id"] as? String ?? "", x["institution_name"] as? String ?? "", linked: true))：\(level)（\(x["rated_on"] as? String ?? "")）</li>"
            }
            body = body + "<\(h)>新的等级评定（\(ratings.count)）</\(h)>\n<ul>\(items)</ul>\n"
        }
        // Targets, the services list, statistics, reported values and regions (and a correction's ratings), row by row.
        let datasets = json["datasets"] as? [String: Any] ?? [:]
        for rule in DatasetChange.correctionRules {
            guard let d = datasets[rule.name] as? [String: Any] else { continue }
            let fields = Datasets.all.first { $0.name == rule.file }?.fields ?? []
            let title = DatasetChange(name: rule.name).titleZH
            var items: [HTML] = []
            for (key, word) in [("changed", "变更"), ("added", "新增"), ("removed", "删除")] {
                for row in (d[key] as? [[String: Any]] ?? []).prefix(200) {
                    let changes = (row["fields"] as? [[String: Any]] ?? []).map { describe($0, in: fields) }
                    items.append("<li>\(word)：\(row["label"] as? String ?? "")\(changes.isEmpty ? "" : "：" + changes.joined(separator: "；"))</li>")
                }
            }
            let count = ["added_count", "removed_count", "changed_count"].compactMap { (d[$0] as? NSNumber)?.intValue }.reduce(0, +)
            body = body + "<\(h)>\(title)的变化（\(count)）</\(h)>\n<ul>\(items)</ul>\n"
                + (count > items.count ? "<p class=\"muted\">只列出前 \(items.count) 项，全部见 changes.json。</p>\n" : "")
        }
        return body
    }

    /// Files as table rows, by name: a link (`address`: relative to the page by default) with the
    /// dataset's title (`titled`) and the format under it, the size and the SHA-256 (the dataset,
    /// release, correction and latest-data pages list theirs so).
    static func fileRows(_ files: [PublishedFile], titled: Bool = true, address: (PublishedFile) -> String = { $0.name }) -> [[HTML]] {
        files.sorted { $0.name < $1.name }.map { f in
            let title = titled ? Self.datasetTitle(of: f.name).map { "\($0) · " } ?? "" : ""
            return ["<a href=\"\(address(f))\">\(f.name)</a><br><span class=\"muted\">\(title)\(f.format.labelZH)</span>",
                    "\(Labels.bytes(f.bytes))", "<code class=\"hash\">\(f.sha256)</code>"]
        }
    }

    /// The files' table: cards on a phone, where the SHA-256 would squeeze the names.
    static func fileTable(caption: String? = nil, label: String? = nil, _ rows: [[HTML]]) -> HTML {
        Components.table(caption: caption, label: label, head: ["文件", "大小", "SHA-256"], rows: rows, numeric: [1], stack: true)
    }

    /// Fields of free text in the datasets (names, addresses, a penalty's reason): given room in the example rows.
    static let longTextFields: Set<String> = ["name", "institution_name", "indicator_name", "metric_name", "address", "subject_name", "authority",
                                               "assessor", "reason", "basis", "result", "content", "target_group", "definition", "numerator",
                                               "denominator", "source", "value_source", "department"]

    /// The Chinese title of the dataset a file belongs to (`ratings-excel.csv`: 养老机构等级评定结果).
    static func datasetTitle(of file: String) -> String? {
        var stem = file
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        if stem.hasSuffix("-excel") { stem.removeLast("-excel".count) }
        return Datasets.all.first { $0.name == stem }?.titleZH
    }

    /// A release's own page, written once with the release and never changed: its files
    /// with sizes and SHA-256, and how to check them.
    func releasePage(date: String, files: [PublishedFile]) -> String {
        let rows = Self.fileRows(files)
        let body: HTML = """
            <p class="lead">\(context.meta.title)开放数据 \(date) 版。本版本发布后不再改变，引用时请使用本页地址。信用信息有法定公示期，不进入历史版本。</p>
            <p><a href="datapackage.json">datapackage.json</a>（数据包描述）　<a href="changes.json">changes.json</a>（相对上一版本的变化）　<a href="SHA256SUMS">SHA256SUMS</a>（在本文件夹中运行 <code>sha256sum -c SHA256SUMS</code> 校验）</p>
            """ + Self.fileTable(caption: "\(date) 版的文件", rows)
            + "<p><a href=\"\(context.url("data/"))\">返回开放数据目录</a>（最新数据）</p>\n"
        return layout.page(title: "开放数据 \(date) 版", path: "data/releases/\(date)/",
                           breadcrumbs: [("开放数据", "data/"), ("\(date) 版", "")], body: body)
    }

    /// `data/latest/`'s page: a folder a reader may type or a link may point to (a web server
    /// without directory listings answers it with 403), its files with sizes and SHA-256.
    func latestPage(files: [PublishedFile]) -> String {
        let rows = Self.fileRows(files)
        let body: HTML = """
            <p class="lead">\(context.meta.title)开放数据的最新文件，截至 \(Layout.dateZH(context.meta.dataAsOf))。本文件夹的地址不变，数据更新后文件随之更新；引用某一期数据请用<a href="\(context.url("data/#releases"))">历史版本</a>的地址。各数据集的说明和字段见<a href="\(context.url("data/"))">开放数据目录</a>。</p>
            <p><a href="datapackage.json">datapackage.json</a>（数据包描述）　<a href="SHA256SUMS">SHA256SUMS</a>（在本文件夹中运行 <code>sha256sum -c SHA256SUMS</code> 校验）</p>
            """ + Self.fileTable(caption: "最新数据的文件", rows)
        return layout.page(title: "最新数据文件", path: "data/latest/", breadcrumbs: [("开放数据", "data/"), ("最新数据文件", "")], body: body)
    }

    /// `data/releases/`'s page: every release, newest first, each linked to its own page.
    func releasesPage(_ dates: [String]) -> String {
        let items: [HTML] = dates.sorted(by: >).map { "<li><a href=\"\($0)/\">\($0) 版</a></li>" }
        let body: HTML = "<p class=\"lead\">每次数据日期更新生成的版本，发布后不再改变，引用时请使用版本地址。各版本的变化见<a href=\"\(context.url("data/changes/"))\">版本变化</a>，最新数据见<a href=\"\(context.url("data/"))\">开放数据目录</a>。</p>\n<ul>\(items)</ul>\n"
        return layout.page(title: "开放数据历史版本", path: "data/releases/", breadcrumbs: [("开放数据", "data/"), ("历史版本", "")], body: body)
    }

    /// "　发布后的更正：更正 1、更正 2。" for a release with archived corrections, else nothing
    /// (after the summary's own full stop).
    func correctionLinks(_ corrections: [ReleaseArchive.Correction], date: String) -> HTML {
        let links: [HTML] = corrections.filter { $0.date == date }.map { c in
            "<a href=\"\(context.url(c.path))\">更正 \(c.number)</a>" + (c.correctedOn.map { "（\($0)）" } ?? "")
        }
        return links.isEmpty ? "" : "　发布后的更正：" + links.joined("、") + "。"
    }

    /// A correction's own page, written once with it and never changed: which release it
    /// corrects, its files with sizes and SHA-256, and how to check them.
    /// `changes`: its change list (`changes.json`), shown under the files.
    func correctionPage(date: String, number: Int, files: [PublishedFile], correctedOn: String? = nil, changes: [String: Any] = [:]) -> String {
        let rows = Self.fileRows(files)
        let body: HTML = """
            <p class="lead">\(context.meta.title)开放数据 <a href="\(context.url("data/releases/\(date)/"))">\(date) 版</a>发布后的第 \(number) 次更正\(correctedOn.map { "（更正日期 \($0)）" } ?? "")：数据日期仍为 \(date)，下列数据集与该版中的不同，这里是更正时的全部文件。该版本本身保持原样；本页和这些文件也不再改变，引用更正后的数据时请使用本页地址。</p>
            <p>下一版本的变更清单（changes.json）相对于 \(date) 版原样计算，会包括这些更正。</p>
            """
            // What changed first (what readers come for), then the files.
            + (changes.isEmpty ? "" : "<h2>更正了什么</h2>\n<p>\(summary(changes))（相对于此前在 \(date) 这一数据日期下发布的数据：该版本，或之前的更正）</p>\n" + changeLists(changes, level: 3))
            + "<h2>文件</h2>\n<p><a href=\"datapackage.json\">datapackage.json</a>（数据包描述，版本 \(date)-\(number)）　<a href=\"changes.json\">changes.json</a>（更正了什么）　<a href=\"SHA256SUMS\">SHA256SUMS</a>（在本文件夹中运行 <code>sha256sum -c SHA256SUMS</code> 校验）</p>\n"
            + Self.fileTable(caption: "\(date) 版更正 \(number) 的文件", rows)
            + "<p><a href=\"\(context.url("data/"))\">返回开放数据目录</a>（最新数据）</p>\n"
        return layout.page(title: "开放数据 \(date) 版更正 \(number)", path: "data/corrections/\(date)/\(number)/",
                           breadcrumbs: [("开放数据", "data/"), ("\(date) 版", "data/releases/\(date)/"), ("更正 \(number)", "")], body: body)
    }

    /// Data rows one Excel worksheet can hold (1 048 576 rows, one of them the header).
    static let excelRowLimit = 1_048_575

    /// Build warnings for datasets too long for Excel.
    static func excelWarnings(_ published: [PublishedDataset]) -> [String] {
        published.filter { $0.rows > excelRowLimit }.map {
            "dataset \($0.dataset.name) has \($0.rows) rows, more than one Excel worksheet holds (\(excelRowLimit)); its page says so"
        }
    }

    /// The one-line summary written into each release's changes.json.
    func summary(_ json: [String: Any]) -> String { json["summary_zh"] as? String ?? "" }
}
