import Foundation
import YanglaoIndicators
import YanglaoMarkdown
import YanglaoOpenData
import YanglaoStore
import YanglaoValidation

/// What to build from where.
public struct BuildOptions: Sendable {
    public var database: String
    public var content: String
    public var output: String
    public var baseURL: String
    /// Overrides `data_as_of` as the reference date of disclosure rules.
    public var asOf: ISODate?
    /// Threads rendering pages; the output is byte-identical for any number.
    public var jobs: Int
    /// Publish even when the database lists fewer than half the facilities of the published site.
    public var allowRemovals: Bool
    /// The output is a scratch preview (`yanglao serve`): a data date earlier than a release
    /// there (a trial date tried before) drops that release instead of stopping the build.
    public var scratch: Bool = false

    public init(database: String, content: String, output: String, baseURL: String = "/", asOf: ISODate? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, allowRemovals: Bool = false) {
        self.database = database; self.content = content; self.output = output; self.baseURL = baseURL; self.asOf = asOf
        self.jobs = max(1, jobs); self.allowRemovals = allowRemovals
    }
}

/// What a build produced.
public struct BuildSummary: Sendable {
    public let pages: Int
    public let datasets: Int
    public let facilities: Int
    public let seconds: Double
    /// Files written anew, files kept from the previous build (same bytes), files of the previous build now gone.
    public let written: Int
    public let unchanged: Int
    public let removed: Int
    /// Things the user should know that did not stop the build.
    public let warnings: [String]
    /// The data date of the release this build added (it never changes from now on), nil if none.
    public var newRelease: String? = nil
    /// What the new release or correction this build archived changed, in Chinese (from its changes.json).
    public var changesZH: String? = nil
    /// Facilities whose rows had not changed since their page and JSON were written: kept without rendering.
    public var facilitiesKept = 0
}

/// Errors a build reports to the user (store and document errors pass through as they are).
public enum BuildError: Error, CustomStringConvertible {
    /// The database broke rules (see `Validator`); nothing was written.
    case invalid([Finding])
    case unsafeIdentifier(table: String, id: String, expected: String)
    case reservedPageName(file: String)
    case outputBusy(output: String)
    case missingContent(folder: String)
    case dataDateGoesBack(dataAsOf: String, newest: String, output: String, database: String)
    /// The sample database (meta.sample true) built over a site published from real data:
    /// almost always a forgotten --db (`make site` after publishing real data into site/).
    case sampleOverRealSite(database: String, output: String)
    /// Real data that differ from the release of their data date (a correction) with no meta
    /// corrected_on: the correction would be archived, for good, without its day.
    case undatedCorrection(dataAsOf: String, files: [String], database: String)
    /// Meta corrected_on is the day of a correction of an earlier release: left over, not this correction's day.
    case staleCorrectionDay(day: String, release: String, number: Int, dataAsOf: String, database: String)
    /// meta corrected_on earlier than the day of the release's last correction: a new correction
    /// would be archived for good under a day before the one it follows (a day typed from an example).
    case correctionDayGoesBack(day: String, previous: String, number: Int, dataAsOf: String, database: String)
    /// `data_as_of` far ahead of the clock: a typo that would publish a release every later build must follow.
    case dataDateInTheFuture(dataAsOf: String, today: String)
    /// `--as-of` before `data_as_of`: records the data have since repaired or ended would be published again.
    case asOfBeforeDataDate(asOf: String, dataAsOf: String)
    /// The output holds something that is not a site built here: replacing it would delete it.
    case outputNotASite(output: String, isFile: Bool)
    /// The database or the content folder is inside the output, which a build replaces.
    case inputInsideOutput(input: String, output: String)
    /// A file of the content folder's `static/` that cannot be published as it is.
    case badStaticFile(file: String, reason: String)
    /// The database lists far fewer facilities than the published site: probably the wrong database.
    case mostFacilitiesGone(published: Int, now: Int, output: String)
    /// A base URL that is neither a path nor an http(s) address: every link and script would follow it.
    case badBaseURL(String)
    /// `yanglao serve` pointed at a folder it did not make (a published site): its scratch
    /// rules (trial releases dropped) must never touch that.
    case previewIntoSite(output: String)
    /// Ctrl-C or SIGTERM before the new site was committed.
    case interrupted
    /// Putting a rebuild's files in place failed after it began: the site is partly updated,
    /// and the next build finishes the update before anything else.
    case unfinishedCommit(output: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let findings):
            findings.map { "\($0.description)\n  （\($0.chinese)）" }.joined(separator: "\n")
                + "\n\(findings.count) error(s) in the database; nothing was published (`yanglao validate --db` with this database lists warnings too)"
        case .unsafeIdentifier(let table, let id, let expected): "table `\(table)`, row \(id): column `id` must be \(expected)"
        case .reservedPageName(let file): "\(file):1: this file name is used by a built-in section of the site; rename the file"
        case .outputBusy(let output):
            "another yanglao build (or `yanglao serve`) is writing \(output) now; wait for it to finish, or build into another folder with --out"
                + "（另一次生成或预览正在写这个文件夹，请等它结束后再生成；本次没有改动网站）"
        case .dataDateGoesBack(let date, let newest, let output, let database):
            "table `meta` of \(database), key `data_as_of`: \(date) is earlier than the newest release \(newest) already published in \(output)/data/releases; expected \(newest) or later (releases are never changed, and data/latest/ must not go back). Nothing was published. First check that \(database) is the database you meant (--db). If it is, and release \(newest) was published by mistake (a mistyped data_as_of), delete the folder \(output)/data/releases/\(newest) and build again; to publish older data beside this site, build into a new folder with --out"
                + "（数据截至日期 \(date) 早于网站已发布的最新版本 \(newest)：已发布的版本不能倒退，本次没有发布。请先确认 --db 指定的是不是要发布的数据库；如果 \(newest) 版是把日期填错后误发布的，删去 \(output)/data/releases/\(newest) 文件夹后重新生成）"
        case .undatedCorrection(let date, let files, let database):
            "these data differ from release \(date), published under the same data date (\(files.joined(separator: ", "))): publishing them is a correction, "
                + "which the site archives for good and dates in its feed and catalogue. Nothing was published. If they correct the release, set meta corrected_on "
                + "(更正日期) to today's date — `yanglao import --db \(database) meta FILE` with the row corrected_on — and build again; if they are new data, "
                + "set meta data_as_of to the day they were taken (a new release)"
                + "\n（这些数据与 \(date) 版不同，发布就是对该版的更正，会永久存档。确是更正的：新建 meta.csv，写两行 key,value 和 corrected_on,\(ISODate.today)（今天的日期），"
                + "用 yanglao import --db \(database) meta meta.csv 导入后重新生成；是新一期数据的：把 data_as_of 改为数据的截止日期。）"
        case .correctionDayGoesBack(let day, let previous, let number, let dataAsOf, let database):
            "table `meta` of \(database), key `corrected_on`: \(day) is before \(previous), the day of correction \(number) of release \(dataAsOf). "
                + "A correction is archived for good with its day, and this one comes after correction \(number): nothing was published. "
                + "Set corrected_on to the day of this correction (today: \(ISODate.today)) with `yanglao import --db \(database) meta FILE`, and build again"
                + "\n（更正日期 \(day) 早于上一次更正（第 \(number) 次，\(previous)）的日期。更正会连同日期永久存档：请把 corrected_on 改为这次更正的日期（今天是 \(ISODate.today)）后重新生成。）"
        case .staleCorrectionDay(let day, let release, let number, let dataAsOf, let database):
            "table `meta` of \(database), key `corrected_on`: \(day) is the day of correction \(number) of release \(release), an earlier release; "
                + "these data differ from release \(dataAsOf), and a correction of it is made later than that. Nothing was published. "
                + "If they correct release \(dataAsOf), set corrected_on to today's date (`yanglao import --db \(database) meta FILE` with the row corrected_on) and build again; "
                + "if they are new data, set data_as_of to the day they were taken and remove corrected_on (`yanglao delete --db \(database) meta corrected_on`)"
        case .sampleOverRealSite(let database, let output):
            "\(database) is the sample database (meta sample is true), but \(output) holds a site published from real data; building would replace it with invented facilities. Nothing was published. Give your own database with --db, or build the sample into another folder with --out"
        case .asOfBeforeDataDate(let asOf, let dataAsOf):
            "--as-of \(asOf) is before the data's date (meta data_as_of \(dataAsOf)): records repaired or ended by then would be published again. "
                + "--as-of judges the data on a later day (to let records whose window has ended leave the site); give a date on or after \(dataAsOf). Nothing was published"
        case .dataDateInTheFuture(let date, let today):
            "table `meta`, key `data_as_of`: \(date) is more than a month after today (\(today)); expected the date the data were taken (a mistyped year?). A release is published under this date and never changes, so nothing was published"
        case .outputNotASite(let output, let isFile):
            isFile ? "\(output) is a file, not a folder; choose a new or empty folder for the site with --out. Nothing was changed"
                : "\(output) is not empty and is not a site built by yanglao (it has no \(OutputTree.manifestName)); a build replaces the whole output folder, so it would delete what is there. Choose a new or empty folder with --out (files to publish beside the site, such as a verification page, go in the content folder's static/). Nothing was changed"
                    + "（--out 指定的文件夹里已有别的文件，不是 yanglao 生成的网站；生成网站会替换整个文件夹，所以没有生成：请换一个新的或空的文件夹。要和网站一起发布的文件放到 content/static/ 里）"
        case .inputInsideOutput(let input, let output):
            "\(input) is inside the output folder \(output), which every build replaces; keep the database and the content folder outside it. Nothing was changed"
        case .badStaticFile(let file, let reason): "\(file): \(reason); nothing was published（网站未更新）"
        case .mostFacilitiesGone(let published, let now, let output):
            "the database lists \(now) facilities, but the site published in \(output) lists \(published): this build would remove the pages of \(published - now). Check that this is the right database; if the removals are intended (the site now covers a smaller area, say), build again with --allow-removals. Nothing was published"
        case .badBaseURL(let value):
            "--base-url \(value): expected a path such as /yanglao/ or a full address such as https://mzj.example.gov.cn/yanglao/ (letters, digits and - _ . ~ / only); every link, stylesheet and script of the site starts with it. Nothing was published"
        case .previewIntoSite(let output):
            "\(output) holds a site that `yanglao serve` did not make; the preview builds into a scratch folder of its own, where it drops trial releases, so it never writes into a published site. Choose another folder with --out (the default is preview/); if this folder is an old preview, delete it once. Nothing was changed"
        case .interrupted:
            "interrupted: the build stopped, its unfinished files were removed and the published site is as it was"
        case .unfinishedCommit(let output, let reason):
            "\(reason): the site in \(output) was being updated in place and is only partly updated (some files new, some not yet). Correct the cause, then run the same build again: it finishes this update before anything else"
        case .missingContent(let folder):
            "content folder \(folder) does not exist (expected the folder holding policies/ and pages/; check --content); nothing was published"
                + "（找不到文稿文件夹 \(folder)，请在项目文件夹中运行，或用 --content 指定；网站没有改动）"
        }
    }
}

/// Builds the whole site: reads the database once, streams pages and
/// datasets into a staging folder beside the output, and swaps it in only
/// when everything is written. A failed build leaves the old site untouched.
public enum Publisher {
    /// The site's summary pages as search documents: title, the words they are looked for by, address, detail.
    static let summaryPages: [(String, String, String, String)] = [
        ("等级评定（一级至五级）", "养老机构等级评定 一级 二级 三级 四级 五级 星级 评级 等级 GB/T 37276 已过有效期 已撤销 未评级 各县等级分布",
         "ratings/", "各等级的养老机构名单和各县分布"),
        ("信用信息（黑名单、行政处罚、抽查结果）", "信用信息公示 黑名单 失信惩戒 行政处罚 处罚 罚款 抽查 抽查检查 守信激励 信用承诺",
         "credit/", "黑名单、行政处罚、抽查结果和守信激励"),
        ("机构名录", "养老机构 养老院 敬老院 社区养老服务站 日间照料中心 名录 目录 全部机构 筛选 排序 附近 电话 地址 联系方式",
         "institutions/", "按地区、类别、性质、等级筛选全部机构"),
        ("开放数据", "开放数据 下载 数据下载 数据集 CSV Excel JSON GeoJSON 数据字典 引用",
         "data/", "全部数据集的下载、数据字典和历次版本"),
        ("机构对比", "对比 比较 并排", "compare/", "并排比较最多 3 家机构"),
        // "怎么申请" found nothing: the list says what each service is and which department leads it.
        ("基本养老服务清单", "基本养老服务 清单 补贴 津贴 待遇 优待 福利 怎么申请 如何申请 申请 办理 享受 条件",
         "services/", "老年人可以享受的基本养老服务、服务对象和牵头部门"),
    ]

    /// `progress` is called with a phase name, items done and items in total.
    @discardableResult
    public static func build(_ options: BuildOptions,
                             progress: ((_ phase: String, _ done: Int, _ total: Int) -> Void)? = nil) throws -> BuildSummary {
        let start = DispatchTime.now()
        guard let baseURL = Self.normalizedBaseURL(options.baseURL) else { throw BuildError.badBaseURL(options.baseURL) }
        let store = try DataStore(path: options.database)
        var trace = PhaseTrace()
        // Every rule is checked (on its own connection, beside the first pass)
        // before anything is written: a database with errors publishes nothing.
        let database = options.database
        let referenceDate = options.asOf
        let validation = Background { try Validator.validate(DataStore(path: database), referenceDate: referenceDate) }
        defer { _ = try? validation.wait() }
        let meta = try store.meta()
        try Self.checkAllowed(options, meta: meta)
        let policy = try DisclosurePolicy(meta: meta, asOf: options.asOf)
        let regions = try store.regions()
        let stats = try store.regionStats()
        let documents = try loadDocuments(options.content)
        let context = SiteContext(meta: meta, baseURL: baseURL, regions: regions,
                                  pageSlugs: Set(documents.pages.map(\.slug)), glossaryPath: Self.glossaryPath(in: documents.pages))
        let regionCodes = Set(regions.map(\.code))
        for d in documents.policies + documents.pages { try IndicatorPages.validate(d, regions: regionCodes) }
        // Checked before any page is rendered; copied at the end.
        let staticFiles = try Self.staticFiles(options.content, slugs: documents.policies.map(\.slug) + documents.pages.map(\.slug),
                                                 database: options.database)

        let first = try FirstPass(store: store, asOf: policy.asOf)
        let (histories, ratingRows, facts, names, regionOf) = (first.histories, first.ratingRows, first.facts, first.names, first.regionOf)
        let facilityCount = first.facilityCount
        // Ratings for the feed (the feed sorts its entries). Credit records for the credit page
        // and the feed are gathered by the datasets lane, in its one pass over them.
        let cityCode = context.feedScope
        var feedEntries: [Feed.Entry] = []
        for (id, history) in histories {
            for r in history {
                feedEntries += Feed.entries(r, name: names[id] ?? id, cityCode: cityCode, asOf: policy.asOf)
            }
        }

        trace.mark("pass 1: ratings, facts per region")

        try Self.checkOutput(options)
        let staging = try StagingFolder(output: options.output)
        var datasets: Background<(files: [PublishedDataset], digest: CreditDigest, feed: [Feed.Entry])>?
        var indicatorData: Background<PublishedDataset>?
        var foreign: Background<[String]>?
        var memo: RenderMemo?
        let stop = StopFlag()
        do {
            // A correction (same data date as the published site) stages only what changes and
            // commits it in place; a first build or a new data date, where every page changes,
            // stages a whole tree and replaces the output at once.
            let overlay = ReleaseArchive.publishedDate(in: staging.output) == meta.dataAsOf.description
                && FileManager.default.fileExists(atPath: staging.output + "/" + OutputTree.manifestName)
            let tree = OutputTree(root: staging.path, previous: staging.output, overlay: overlay)
            memo = try RenderMemo(output: staging.output, use: overlay,
                                  global: RenderMemo.global(meta: try store.metaEntries(), regions: regions, baseURL: baseURL,
                                                            pageSlugs: documents.pages.map(\.slug), glossary: context.glossaryPath,
                                                            asOf: policy.asOf.description),
                                  temporary: staging.path + ".inputs")
            let memo = memo!
            let layout = Layout(context: context)
            try FileManager.default.createDirectory(atPath: staging.path + "/data/institutions", withIntermediateDirectories: true)
            // Files someone put into the published site by hand: looked for while the build runs.
            foreign = Background { tree.foreignFiles() }

            // Ratings and credit datasets are written on another thread (with its own
            // connection), starting while validation still runs and the indicators are
            // computed: nothing in the staging folder is published unless validation passes.
            let dataFolder = staging.path + "/data"
            // A record's facility's region, for counting records by county without a join. (A record
            // of no facility gets empty cells: this lane runs before validation refuses the build.)
            let region = { (id: String) -> (code: String, name: String)? in
                regionOf[id].map { ($0, context.regionName($0)) } ?? ("", "")
            }
            datasets = Background {
                let own = try DataStore(path: database)
                let ratings = try DatasetWriter(dataset: Datasets.ratings, directory: dataFolder)
                for id in histories.keys.sorted() {
                    let history = histories[id]!
                    let state = RatingState(history: history, asOf: policy.asOf)
                    for r in history {
                        try ratings.append(Datasets.row(r, institutionName: names[id] ?? "", region: region(id), state: state.decisionState(r, in: history, asOf: policy.asOf)))
                    }
                }
                // Disclosed records: the dataset, and the credit page's lists and the feed's newest
                // entries (they arrive newest first). The validator, judging disclosure on this
                // build's reference day, stops any with personal identifiers before anything is published.
                let credit = try DatasetWriter(dataset: Datasets.creditRecords, directory: dataFolder)
                var digest = CreditDigest()
                var feed: [Feed.Entry] = []
                try own.forEachCreditRecord { stored in
                    // A build that failed validation stops this early.
                    if credit.rows % 4096 == 0 { try stop.check() }
                    guard policy.isDisclosed(stored) else { return }
                    let c = DisclosurePolicy.publicRecord(stored)
                    let name = names[c.institutionID]
                    try credit.append(Datasets.row(c, institutionName: name ?? "", region: region(c.institutionID), policy: policy))
                    digest.add(c)
                    // Records of the boundary day all come along: the feed then keeps the newest by date and id.
                    if c.kind != "pledge", feed.count < Feed.limit || c.decidedOn == feed.last?.date {
                        feed.append(Feed.entry(c, name: name ?? c.institutionID, cityCode: cityCode, policy: policy))
                    }
                }
                try stop.check()
                return ([try ratings.finish(), try credit.finish()], digest, feed)
            }

            let targets = try store.targets()
            let observations = try store.observations()
            // A target whose year has ended is judged on the figure the site published for that
            // year (its latest release of the year) when none was reported.
            let ended = Set(targets.filter { $0.year < meta.dataAsOf.year }.map { IndicatorEngine.key($0.indicator, $0.regionCode, $0.year) })
            let earlier = PublishedFigures.read(releases: options.output + "/data/releases", before: meta.dataAsOf.year, wanted: ended)
            let report = IndicatorEngine.compute(regions: regions, stats: stats, facts: facts, targets: targets,
                                                 observations: observations, asOf: meta.dataAsOf, earlier: earlier)
            let indicatorPages = IndicatorPages(context: context, layout: layout, report: report)
            let indicatorCodes = indicatorPages.published
            indicatorData = Background { try writeIndicatorData(report, indicatorCodes, context: context, tree: tree) }
            trace.mark("indicators")

            let findings = try validation.wait()
            let errors = findings.filter { $0.severity == .error }
            guard errors.isEmpty else { throw BuildError.invalid(errors) }
            if let id = first.unsafeID {
                throw BuildError.unsafeIdentifier(table: "institutions", id: id, expected: "an 18-character USCC of digits and capital letters")
            }
            // After the validator's findings, which say more: a test or half-filled database
            // must not empty the live site by mistake.
            if !options.allowRemovals, let published = Self.publishedFacilityCount(options.output), published >= 20, facilityCount * 2 < published {
                throw BuildError.mostFacilitiesGone(published: published, now: facilityCount, output: options.output)
            }
            trace.mark("validated")

            let writer = try PageWriter(tree: tree, context: context)
            try writer.file("assets/site.css", Stylesheet.css + Stylesheet.charts)
            try writer.file("assets/site.js", Script.shipped)
            let search = SearchIndex(tree: tree)
            let finder = FinderData(tree: tree)

            let serviceList = try store.services()
            try Self.addSearchDocuments(to: search, context: context, documents: documents, services: serviceList)
            // Pass 2: institution pages, their JSON and the directory, one at a time.
            let pages = InstitutionPages(context: context, layout: layout, policy: policy)
            let institutionsData = try DatasetWriter(dataset: Datasets.institutions, directory: staging.path + "/data")
            let geo = try GeoJSONWriter(path: staging.path + "/data/institutions.geojson", name: "institutions.geojson",
                                        dataAsOf: meta.dataAsOf.description, sample: meta.isSample)
            var directoryBuffer: [InstitutionSummary] = []
            let directoryPages = max(1, (facilityCount + InstitutionPages.pageSize - 1) / InstitutionPages.pageSize)
            var directoryNumber = 0
            func flushDirectory() throws {
                directoryNumber += 1
                try writer.page(InstitutionPages.directoryPath(directoryNumber),
                                pages.directoryPage(directoryBuffer, number: directoryNumber, of: directoryPages, totalRows: facilityCount))
                directoryBuffer.removeAll(keepingCapacity: true)
            }
            // Region pages are written as each region's facilities end (they arrive
            // grouped by region), so no list of every facility is held in memory.
            let regionPages = RegionPages(context: context, layout: layout, report: report, stats: stats)
            let regionList = context.publishedRegions
            for r in regionList where SafePath.region(r.code) == nil {
                throw BuildError.unsafeIdentifier(table: "regions", id: r.code, expected: "a six-digit GB/T 2260 code")
            }
            let publishedCodes = Set(regionList.map(\.code))
            var regionDone: Set<String> = []
            var regionCode = "", regionFacilities: [InstitutionSummary] = []
            var careInstitutions: [InstitutionSummary] = []
            func finishRegion() throws {
                guard publishedCodes.contains(regionCode), let r = context.region(regionCode) else { return }
                try tree.write("regions/\(r.code)/index.html", regionPages.page(r, facilities: regionFacilities))
                regionDone.insert(r.code)
            }
            // A region's facilities go into the search index care homes first, those that can be
            // chosen now before the suspended, closed or blacklisted, the better rated first: a
            // query matching more of them than a phone fetches at once ("尧都区养老院" in a county
            // of 200 facilities) gets those first (ties in directory order; the county page
            // breaks them by beds).
            var searchRegion = ""
            var regionSearch: [(rank: [Int], title: String, body: String, url: String, kind: String, detail: String, warning: String)] = []
            func flushSearch() throws {
                for d in regionSearch.sorted(by: { $0.rank.lexicographicallyPrecedes($1.rank) }) {
                    try search.add(title: d.title, body: d.body, url: d.url, kind: d.kind, detail: d.detail, warning: d.warning, group: .facility)
                }
                regionSearch.removeAll(keepingCapacity: true)
            }
            var done = 0
            // Pages are rendered and written on every core, a batch at a time;
            // everything written in order (datasets, search, directory, sitemap)
            // is done by one task per batch, so the output never depends on timing.
            var batch: [PageInput] = []
            // The map's properties: these columns of institutions.csv, coded as there (the key too:
            // map tools join on properties and drop a feature's id; rating_state says what an empty level means).
            let mapColumns = ["id", "name", "region_code", "region_name", "category", "ownership", "status", "beds_total", "rating_level", "rating_state"]
                .map { name in Datasets.institutions.fields.firstIndex { $0.name == name }! }
            // A facility whose rows are as when its files were last written keeps them unrendered.
            // Each task fills its own slot; the memo is noted in order after the batch.
            var slots = [(digest: Sum?, kept: Bool)](repeating: (nil, false), count: Parallel.batchSize)
            var reused = 0
            func flushBatch() throws {
                try slots.withUnsafeMutableBufferPointer { slots in
                    try Parallel.run(tasks: batch.count + 1, jobs: options.jobs) { n in
                        guard n > 0 else { return try ordered() }
                        let p = batch[n - 1]
                        let digest = memo.digest(p.rows)
                        let files = ["institutions/\(p.i.id)/index.html", "data/institutions/\(p.i.id).json"]
                        let kept = memo.unchanged(p.i.id, digest) && tree.keep(files)
                        slots[n - 1] = (digest, kept)
                        if kept { return }
                        try tree.write(files[0], pages.page(p.i, rating: p.state, history: p.history, credit: p.credit))
                        try tree.write(files[1], bytes:
                                       pages.json(p.i, regionName: p.regionName, rating: p.state, history: p.history, credit: p.credit))
                    }
                }
                for (k, p) in batch.enumerated() {
                    memo.note(p.i.id, slots[k].digest!)
                    if slots[k].kept { reused += 1 }
                }
            }
            func ordered() throws {
                for p in batch {
                    let i = p.i, state = p.state, regionName = p.regionName
                    try writer.listed("institutions/\(i.id)/")
                    let cells = Datasets.row(i, regionName: regionName, rating: state)
                    try institutionsData.append(cells)
                    let warnings = Labels.warnings(status: i.status, credit: p.credit)
                    let place = context.placeName(i.regionCode)
                    if i.regionCode != searchRegion { try flushSearch(); searchRegion = i.regionCode }
                    // A closed home's level no longer counts (the ratings page leaves it out too).
                    let level = i.status == "closed" ? 0 : state.currentLevel ?? 0
                    // One that cannot be chosen now after the others, as the script ranks them.
                    let unavailable = Labels.unavailable(status: i.status, credit: p.credit)
                    regionSearch.append((rank: [i.category == "institution" ? 0 : 1, unavailable ? 1 : 0, -level, regionSearch.count],
                                         // Found by a former name too, the result saying it (曾用名), so a family who knows the old name finds the home.
                                         title: i.name, body: (i.formerNames + [i.address ?? "", place, Labels.category(i.category), Labels.ownership(i.ownership)]
                                                               + Self.searchTerms(i, state: state, credit: p.credit)).joined(separator: " "),
                                         url: "institutions/\(i.id)/", kind: Labels.category(i.category),
                                         // A valid level with its end, so a reader on a later day sees whether it still holds.
                                         detail: "\(place) · \(Labels.ownership(i.ownership)) · \(i.category == "institution" ? Self.searchRating(state, status: i.status) : i.bedsTotal == 0 ? "无床位" : "床位 \(Labels.int(i.bedsTotal)) 张")"
                                            + (i.formerNames.isEmpty ? "" : " · 曾用名 " + i.formerNames.joined(separator: "、")),
                                         warning: warnings.joined(separator: "、")))
                    // A closed home is no longer found by its level (the ratings page leaves it out too).
                    // Its label says so too, so that a closed home under "未评级或已失效" does not read 五级.
                    let closedLevel = Labels.closedLevel(state, status: i.status)
                    var validUntil = ""
                    if i.status != "closed", case .current(let r) = state { validUntil = r.validUntil }
                    try finder.add(i, level: level,
                                   rating: i.category == "institution" ? closedLevel ?? state.label : "",
                                   validUntil: validUntil, warnings: warnings)
                    if let lat = i.latitude, let lon = i.longitude {
                        try geo.append(id: i.id, longitude: lon, latitude: lat, properties: mapColumns.map { (Datasets.institutions.fields[$0].name, cells[$0]) }
                            // Absolute where the address is known: a map tool reads the file away from the site.
                            + [("url", .text(context.absoluteURL("institutions/\(i.id)/")))])
                    }
                    let summary = InstitutionSummary(id: i.id, name: i.name, regionCode: i.regionCode, category: i.category,
                                                     ownership: i.ownership, status: i.status, beds: i.bedsTotal, address: i.address, phone: i.phone, rating: state,
                                                     warnings: warnings, unavailable: unavailable)
                    directoryBuffer.append(summary)
                    if i.regionCode != regionCode {
                        try finishRegion()
                        regionCode = i.regionCode
                        regionFacilities.removeAll(keepingCapacity: true)
                    }
                    regionFacilities.append(summary)
                    if i.category == "institution", publishedCodes.contains(i.regionCode) { careInstitutions.append(summary) }
                    if directoryBuffer.count == InstitutionPages.pageSize { try flushDirectory() }
                    done += 1
                    if done % 500 == 0 { progress?("pages", done, facilityCount) }
                }
            }
            // The next batch is read from SQLite (on this connection, by one
            // thread) while the current one is rendered.
            let batches = Handoff<[PageInput]>(capacity: 2)
            let reader = Background { () throws -> Void in
                defer { batches.close() }
                var next: [PageInput] = []
                next.reserveCapacity(Parallel.batchSize)
                struct Stop: Error {}
                do {
                    try store.forEachInstitution { i, row in
                        let history = histories[i.id] ?? []
                        // The facility's row, its ratings' rows and how many, its disclosed records' rows and how
                        // many (only the records the page shows: a withheld record's change changes nothing).
                        var rows: [UInt8]? = row
                        rows! += ratingRows[i.id] ?? []
                        RenderMemo.appendCount(history.count, to: &rows!)
                        var disclosed: [CreditRecord] = []
                        _ = try store.creditRecords(of: i.id, rows: &rows, rowIf: { c in
                            guard policy.isDisclosed(c) else { return false }
                            disclosed.append(c)
                            return true
                        })
                        let credit = disclosed.map(DisclosurePolicy.publicRecord)
                        RenderMemo.appendCount(credit.count, to: &rows!)
                        next.append(PageInput(i: i, history: history, state: RatingState(history: history, asOf: policy.asOf),
                                              credit: credit, regionName: context.regionName(i.regionCode), rows: rows!))
                        if next.count == Parallel.batchSize {
                            guard batches.put(next) else { throw Stop() }
                            next.removeAll(keepingCapacity: true)
                        }
                    }
                } catch is Stop { return }
                if !next.isEmpty { _ = batches.put(next) }
            }
            do {
                while let b = batches.take() { batch = b; try flushBatch() }
            } catch {
                batches.cancel()
                _ = try? reader.wait()
                throw error
            }
            try reader.wait()
            try finishRegion()
            try flushSearch()
            regionFacilities = []
            memo.doneLooking()
            trace.mark("pass 2: facility pages (\(reused) kept unrendered), directory, region pages")
            if !directoryBuffer.isEmpty || directoryNumber == 0 { try flushDirectory() }
            var institutionsFiles = try institutionsData.finish()
            institutionsFiles.files.append(try geo.finish())
            progress?("pages", facilityCount, facilityCount)
            var published = [institutionsFiles]

            let fromLane = try datasets!.wait()
            published += fromLane.files
            let digest = fromLane.digest
            feedEntries += fromLane.feed
            published.append(try write(Datasets.services, serviceList.map(Datasets.row), to: staging.path))

            // Regions without facilities, on every core.
            try writer.page("regions/", regionPages.index())
            let emptyRegions = regionList.filter { !regionDone.contains($0.code) }
            try Parallel.run(tasks: emptyRegions.count, jobs: options.jobs) { n in
                try tree.write("regions/\(emptyRegions[n].code)/index.html", regionPages.page(emptyRegions[n], facilities: []))
            }
            for r in regionList { try writer.listed("regions/\(r.code)/") }
            published.append(try indicatorData!.wait())
            // Every indicator the site knows, so each code of the indicators dataset has its row.
            published.append(try write(Datasets.indicatorDefinitions, IndicatorRegistry.all.map(Datasets.row), to: staging.path))
            // The bed gaps the region pages show, with the figures the plan printed beside them
            // (looked up as the region pages look them up).
            published.append(try write(Datasets.bedGaps, report.bedGaps.sorted { $0.regionCode < $1.regionCode }.map { g in
                Datasets.row(g, regionName: context.regionName(g.regionCode),
                             printed: regionPages.printedFigure(g.regionCode, "bed_gap_published"),
                             nursingPrinted: regionPages.printedFigure(g.regionCode, "nursing_bed_gap_published"))
            }, to: staging.path))
            published.append(try write(Datasets.regions, regions.map(Datasets.row), to: staging.path))
            published.append(try write(Datasets.regionStats, stats.map { Datasets.row($0, regionName: context.regionName($0.regionCode)) },
                                       to: staging.path))
            let reported = observations.sorted { ($0.indicator, $0.regionCode, $0.year) < ($1.indicator, $1.regionCode, $1.year) }
            published.append(try write(Datasets.observations, reported.map { Datasets.row($0, regionName: context.regionName($0.regionCode)) },
                                       to: staging.path))

            let content = ContentPages(context: context, layout: layout, report: report)
            try writer.page("policies/", content.policyIndex(documents.policies))
            for d in documents.policies {
                try writer.page("policies/\(d.slug)/", content.document(d, html: try indicatorPages.fill(d), path: "policies/\(d.slug)/",
                                                                        crumbs: [("政策文件", "policies/")]))
            }
            for d in documents.pages {
                try writer.page("\(d.slug)/", content.document(d, html: try indicatorPages.fill(d), path: "\(d.slug)/", crumbs: []))
            }
            // The site's own policy text that carries the list (tagged or titled so), cited on the page.
            let servicesSource = documents.policies.first { $0.otherArea == nil && ($0.tags.contains("基本养老服务清单") || $0.title.contains("基本养老服务清单")) }
            try writer.page("services/", content.services(serviceList, source: servicesSource))
            trace.mark("waiting for datasets; services, region index, empty regions")
            // The search index is written while the summary pages are rendered.
            try Parallel.run(tasks: 2, jobs: options.jobs) { n in
                guard n == 1 else { return try search.finish() }
                try finder.finish(regions: context.regions)
                let find = FindPages(context: context, layout: layout)
                try writer.page("search/", find.search())
                try writer.page("compare/", find.compare())
                try writer.page("sitemap/", find.siteMap(pages: documents.pages.map { ($0.slug, $0.title) }.sorted { ($0.slug == "about" ? 0 : 1, $0.slug) < ($1.slug == "about" ? 0 : 1, $1.slug) }))
                try writer.page("indicators/", indicatorPages.index())
                try writer.page("indicators/methodology/", indicatorPages.methodology())
                for def in indicatorPages.published {
                    try writer.page(IndicatorPages.path(def.code), indicatorPages.page(def))
                }
                try writer.page("ratings/", RatingsPage(context: context, layout: layout).page(careInstitutions))
                try writer.page("credit/", CreditPage(context: context, layout: layout, policy: policy).page(digest, names: names))
            }
            for p in published { for f in p.files { try tree.adopt("data/" + f.name, sha: f.sha256) } }
            trace.mark("search index, finder data, summary pages")
            // Catalogue, release archive and change list; then the pages that show them.
            // An --as-of build judges on another day than the data date: its files are not the release's.
            let judgedOn: ISODate? = policy.asOf == meta.dataAsOf ? nil : policy.asOf
            // The site's own policy texts are where the plan targets, region figures and services list
            // come from: the data packages name them (a reference document of another area is not a source).
            let sources = documents.policies.filter { $0.otherArea == nil }.map { d in
                DataPackage.Source(title: d.title + (d.documentNumber.map { "（\($0)）" } ?? ""),
                                   path: context.hasPublicAddress ? context.absoluteURL("policies/\(d.slug)/") : nil)
            }
            let openData = try OpenDataStep(context: context, tree: tree, previousOutput: staging.output, database: options.database,
                                            judgedOn: judgedOn?.description, scratch: options.scratch, sources: sources).run(published)
            // The pages the open-data step wrote (latest/, releases, corrections) are citable addresses: in the sitemap too.
            // An archived one never changes: dated by the day it was published or corrected.
            try writer.listed("data/latest/")
            let archived = [("data/releases/", nil)] + openData.releases.map { ("data/releases/\($0.date)/", openData.releaseDays[$0.date] ?? $0.date) }
                + openData.corrections.map { ($0.path, $0.correctedOn ?? $0.date) }
            for (page, day) in archived where FileManager.default.fileExists(atPath: tree.source(page + "index.html")) {
                try writer.listed(page, lastmod: day)
            }
            let dataPage = DataPage(context: context, layout: layout, judgedOn: judgedOn, releaseDay: openData.releaseDays[meta.dataAsOf.description])
            try writer.page("data/", dataPage.index(published, releases: openData.releases, corrected: openData.corrected,
                                                    corrections: openData.corrections) { date in
                FileManager.default.fileExists(atPath: tree.source("data/releases/\(date)/index.html"))
            })
            for p in published {
                try writer.page("data/\(p.dataset.name)/", dataPage.datasetPage(p, releases: openData.releases.map(\.date),
                                                                             corrected: p.files.map(\.name).filter(openData.differing.contains),
                                                                             dataCorrected: openData.corrected.contains(p.dataset.name),
                                                                             correction: openData.correction, corrections: openData.corrections))
            }
            // The home page says when the data shown were corrected after their release (known only now).
            try writer.page("", content.home(policies: documents.policies, datasets: published.count,
                                             correction: openData.correction.map { ($0.number, $0.correctedOn) }))
            let correctedTitles = published.filter { openData.corrected.contains($0.dataset.name) }.map(\.dataset.titleZH)
            try writer.page("data/changes/", dataPage.changes(openData.releases, corrected: correctedTitles, corrections: openData.corrections,
                                                                     correctionChanges: openData.correctionChanges))
            try Self.writeRemovedFacilityPages(openData, present: names, context: context, layout: layout, policy: policy, tree: tree, writer: writer)
            feedEntries += Self.newsEntries(openData, published: published, policies: documents.policies, cityCode: cityCode, dataPage: dataPage)
            try writer.file("feed.xml", Feed(context: context, absolute: writer.absoluteURL).xml(Feed.newest(feedEntries)))
            try writer.file("404.html", content.notFound())
            // Files the site must carry as they are (a search engine's verification page, a logo).
            for file in staticFiles {
                guard let data = FileManager.default.contents(atPath: file.source) else {
                    throw BuildError.badStaticFile(file: file.source, reason: "cannot be read")
                }
                try tree.write(file.path, bytes: [UInt8](data))
            }
            if options.scratch {
                try tree.write(Self.previewMarkName, "made by yanglao serve: a preview, not for publishing; it may drop trial releases\n")
            }
            // robots.txt may only name the sitemap by absolute URL.
            try writer.file("robots.txt", "User-agent: *\nAllow: /\n" + (context.hasPublicAddress ? "Sitemap: \(writer.absoluteURL("sitemap.xml"))\n" : ""))
            trace.mark("open data catalogue and release")
            try writer.finish()
            let removed = try tree.finish()
            let carried = try tree.carry(foreign!.wait())
            trace.mark("sitemap and manifest")
            try Interruption.check()
            if tree.overlay { try staging.checkWritable(removed: tree.removedPaths) }
            try memo.forget()
            if tree.overlay { try staging.commit(removed: tree.removedPaths) } else { try staging.publish(jobs: options.jobs) }
            memo.save()
            trace.mark("published")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return BuildSummary(pages: writer.pages, datasets: published.count, facilities: facilityCount, seconds: seconds,
                                written: tree.written, unchanged: tree.unchanged, removed: removed,
                                warnings: (staging.finishedEarlierCommit ? ["the update an earlier build left unfinished (some files new, some old) was finished first; this build then compared with it"] : [])
                                    + Self.sampleWordsWarnings(context.meta, documents: documents.policies + documents.pages)
                                    + Self.contentWarnings(options.content, documents: documents)
                                    + openData.warnings + DataPage.excelWarnings(published) + Self.addressWarnings(context)
                                    + Self.foreignFileWarnings(carried, output: options.output, content: options.content)
                                    + Self.dataWarnings(findings, database: options.database),
                                newRelease: openData.newRelease, changesZH: openData.changesZH, facilitiesKept: reused)
        } catch {
            stop.set()
            _ = try? datasets?.wait()
            _ = try? indicatorData?.wait()
            _ = try? foreign?.wait()
            memo?.discard()
            // A commit cut short keeps its folder: the next build finishes it from there.
            if case BuildError.unfinishedCommit = error {} else { staging.discard() }
            throw error
        }
    }

    /// Facilities no longer listed keep their address, saying so (not in the sitemap): those removed
    /// in a release, by a correction of this data date, or listed only by a correction of an earlier one.
    /// `present`: the facilities listed now, by key.
    static func writeRemovedFacilityPages(_ openData: OpenDataStep.Result, present names: [String: String], context: SiteContext, layout: Layout,
                                          policy: DisclosurePolicy, tree: OutputTree, writer: PageWriter) throws {
        var removedIn: [String: (name: String, date: String, before: String?)] = [:]
        for r in openData.releases.reversed() { // oldest first: the latest removal wins
            let removed = (r.json["institutions"] as? [String: Any])?["removed"] as? [[String: Any]] ?? []
            for item in removed { if let id = item["id"] as? String { removedIn[id] = (item["name"] as? String ?? id, r.date, r.json["previous_release"] as? String) } }
        }
        let institutionPages = InstitutionPages(context: context, layout: layout, policy: policy)
        // A facility a correction removed is still in the release of this date, which links to
        // its page: the address says what happened rather than nothing. (It may have left an
        // earlier release too and come back: this removal is the one to tell.)
        let date = context.meta.dataAsOf.description
        // Listed by the release of this date or by one of its corrections (a facility added
        // by one correction and removed by the next has an address people may have cited).
        let listings: [InstitutionPages.Listing] = [.release(date)]
            + openData.corrections.filter { c in c.date == date && c.files.contains { $0.name == "institutions.json" } }.map { c in .correction(c.date, c.number) }
        // Each with the release or correction that listed it last, where its data are, and the
        // date of the release whose correction removed it.
        var removedByCorrection: [(id: String, name: String, date: String, lastListed: InstitutionPages.Listing)] = []
        // The facilities of a listing that are not on the site now (read once per listing).
        var gone: [String: [(id: String, name: String)]] = [:]
        func absent(_ listing: InstitutionPages.Listing) throws -> [(id: String, name: String)] {
            if let known = gone[listing.path] { return known }
            let rows = try ChangeSet.rows(notIn: Set(names.keys), jsonFile: tree.source(listing.path + "institutions.json"))
            gone[listing.path] = rows
            return rows
        }
        var goneIDs: [String: Set<String>] = [:]
        func lists(_ listing: InstitutionPages.Listing, _ id: String) throws -> Bool {
            if goneIDs[listing.path] == nil { goneIDs[listing.path] = Set(try absent(listing).map(\.id)) }
            return goneIDs[listing.path]!.contains(id)
        }
        if openData.corrected.contains("institutions") || listings.count > 1 {
            var last: [String: (name: String, listing: InstitutionPages.Listing)] = [:]
            for listing in listings {
                for r in try absent(listing) { last[r.id] = (r.name, listing) }
            }
            removedByCorrection = last.map { ($0.key, $0.value.name, date, $0.value.listing) }.sorted { $0.id < $1.id }
        }
        // A correction of an earlier release removed it when that release's last correction no
        // longer lists it: the next release's change list (compared with the release as
        // archived) names it again, but the correction is what happened to it.
        // (One removed by a correction of this date's release says that, the latest event.)
        let ofThisDate = Set(removedByCorrection.map(\.id))
        for (id, r) in removedIn.sorted(by: { $0.key < $1.key }) where names[id] == nil && !ofThisDate.contains(id) {
            guard let before = r.before else { continue }
            let corrections = openData.corrections.filter { c in c.date == before && c.files.contains { $0.name == "institutions.json" } }
                .sorted { $0.number < $1.number }
            guard !corrections.isEmpty else { continue }
            let earlier: [InstitutionPages.Listing] = [.release(before)] + corrections.map { .correction($0.date, $0.number) }
            let listedBy = try earlier.filter { try lists($0, id) }
            guard let lastListed = listedBy.last, lastListed.path != earlier.last!.path else { continue }
            removedByCorrection.append((id, r.name, before, lastListed))
        }
        let correctionIDs = Set(removedByCorrection.map(\.id))
        // A facility added by a correction of an earlier release and gone by a later release
        // is in no release's list: its last listing is that correction, and it left in the
        // first release after it.
        var listedByCorrectionOnly: [String: (name: String, date: String, lastListed: InstitutionPages.Listing)] = [:]
        let releaseDates = openData.releases.map(\.date).sorted()
        for c in openData.corrections.sorted(by: { ($0.date, $0.number) < ($1.date, $1.number) })
        where c.date < date && c.files.contains(where: { $0.name == "institutions.json" }) {
            for r in try ChangeSet.rows(notIn: Set(names.keys), jsonFile: tree.source(c.path + "institutions.json"))
            where removedIn[r.id] == nil && !correctionIDs.contains(r.id) {
                listedByCorrectionOnly[r.id] = (r.name, releaseDates.first { $0 > c.date } ?? date, .correction(c.date, c.number))
            }
        }
        var removedPages: [String: (name: String, date: String, lastListed: InstitutionPages.Listing?)] =
            removedIn.mapValues { ($0.name, $0.date, $0.before.map(InstitutionPages.Listing.release)) }
        for (id, r) in listedByCorrectionOnly { removedPages[id] = (r.name, r.date, r.lastListed) }
        for (id, r) in removedPages.sorted(by: { $0.key < $1.key }) where names[id] == nil && !correctionIDs.contains(id) {
            guard let path = InstitutionPages.path(id) else { continue }
            try writer.file(path + "index.html", institutionPages.removedPage(id: id, name: r.name, date: r.date, lastListed: r.lastListed))
            // Its JSON address answers too, saying the same (the data it had are where it was last listed).
            let release: String? = if case .release(let d)? = r.lastListed { d } else { nil }
            try tree.write("data/institutions/\(id).json", JSONValue.object([
                ("id", .string(id)), ("name", .string(r.name)), ("removed_in_release", .string(r.date)),
                ("previous_release", release.map(JSONValue.string) ?? .null),
                ("previous_release_url", release.map { .string(context.absoluteURL("data/releases/\($0)/")) } ?? .null),
                ("last_listed_in_url", r.lastListed.map { .string(context.absoluteURL($0.path)) } ?? .null),
            ]).compact)
        }
        for r in removedByCorrection.sorted(by: { $0.id < $1.id }) {
            guard let path = InstitutionPages.path(r.id) else { continue }
            try writer.file(path + "index.html", institutionPages.removedPage(id: r.id, name: r.name, date: r.date, lastListed: r.lastListed,
                                                                               correction: true))
            try tree.write("data/institutions/\(r.id).json", JSONValue.object([
                ("id", .string(r.id)), ("name", .string(r.name)), ("removed_by_correction_of_release", .string(r.date)),
                ("previous_release", .string(r.date)),
                ("previous_release_url", .string(context.absoluteURL("data/releases/\(r.date)/"))),
                ("last_listed_in_url", .string(context.absoluteURL(r.lastListed.path))),
            ]).compact)
        }
    }

    /// The feed's news besides ratings and credit records: each release, each correction after
    /// one (dated with the day it was made, meta corrected_on, else its data date), and each policy
    /// of the site's own area on the day it was issued.
    static func newsEntries(_ openData: OpenDataStep.Result, published: [PublishedDataset], policies: [Document], cityCode: String,
                            dataPage: DataPage) -> [Feed.Entry] {
        var entries: [Feed.Entry] = []
        for r in openData.releases {
            entries.append(Feed.Entry(id: "urn:yanglao:\(cityCode):release:\(r.date)", date: openData.releaseDays[r.date] ?? r.date, title: "数据更新：\(r.date) 版",
                                      path: "data/changes/#r\(r.date)", summary: dataPage.summary(r.json)))
        }
        for c in openData.corrections {
            let titles = published.filter { p in c.files.contains { $0.name == p.dataset.name + ".csv" } }.map(\.dataset.titleZH)
            entries.append(Feed.Entry(id: "urn:yanglao:\(cityCode):correction:\(c.date):\(c.number)", date: c.correctedOn ?? c.date,
                                      title: "数据更正：\(c.date) 版更正 \(c.number)" + (c.correctedOn.map { "（\($0)）" } ?? ""), path: c.path,
                                      summary: "更正的数据：\(titles.joined(separator: "、"))。"
                                        + (openData.correctionChanges[c.path].map { dataPage.summary($0) } ?? "")
                                        + "更正后的文件另存于此，版本本身保持原样。"))
        }
        for d in policies where d.otherArea == nil {
            guard let issued = d.issuedOn else { continue }
            entries.append(Feed.Entry(id: "urn:yanglao:\(cityCode):policy:\(d.slug)", date: issued, title: "政策文件：\(d.title)",
                                      path: "policies/\(d.slug)/",
                                      summary: d.summary ?? [d.documentNumber, d.issuer].compactMap { $0 }.joined(separator: "，")))
        }
        return entries
    }

    /// The validator's warnings as the build reports them: the first ones in full (one may be
    /// a record the site does not show yet), then how many more and where to see them.
    static func dataWarnings(_ findings: [Finding], database: String, shown: Int = 10) -> [String] {
        let words = findings.prefix(shown).map { f in
            let text = f.description
            return (text.hasPrefix("warning: ") ? String(text.dropFirst("warning: ".count)) : text) + "\n  （\(f.chinese)）"
        }
        guard findings.count > shown else { return words }
        return words + ["\(findings.count - shown) more data warning(s); run `yanglao validate --db \(database)` to see them all"]
    }

    /// Files of `content/static/` and the paths they are published at. Names a build writes
    /// itself (sections, root files) are refused, so a static file never hides a page; so are
    /// links (they could point anywhere) and names that are not plain path segments.
    static func staticFiles(_ content: String, slugs: [String], database: String? = nil) throws -> [(source: String, path: String)] {
        let root = (content as NSString).appendingPathComponent("static")
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else { return [] }
        // static/ itself a link would publish whatever folder it points to.
        if (try? fm.destinationOfSymbolicLink(atPath: root)) != nil {
            throw BuildError.badStaticFile(file: root, reason: "is a link to another folder; only a folder of plain files in the content folder is published (not links)")
        }
        // Compared without case: on a server whose file system ignores it (IIS, a Windows share)
        // Index.html or Data/ would overwrite the build's own page or a frozen release.
        let taken = Set(reserved.union(slugs).union(["index.html", "404.html", "feed.xml", "robots.txt", OutputTree.manifestName]).map { $0.lowercased() })
        var out: [(source: String, path: String)] = []
        var info = stat()
        let databaseID = database.flatMap { stat($0, &info) == 0 ? (info.st_dev, info.st_ino) : nil }
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? root : root + "/" + relative
            for name in try fm.contentsOfDirectory(atPath: folder).sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                let source = root + "/" + path
                guard SafePath.isPlainSegment(name) else {
                    throw BuildError.badStaticFile(file: source, reason: "the name must be letters, digits, '-', '_' and '.', not starting with '.' except .well-known and .nojekyll（文件名只能用英文字母、数字、-、_ 和 .，请改名）")
                }
                if relative.isEmpty, taken.contains(name.lowercased()) || name.lowercased().hasPrefix("sitemap") {
                    throw BuildError.badStaticFile(file: source, reason: "this name is written by the build itself; rename it")
                }
                let attributes = try fm.attributesOfItem(atPath: source)
                switch attributes[.type] as? FileAttributeType {
                case .typeDirectory?: try walk(path)
                case .typeRegular?:
                    try checkStatic(source, database: databaseID)
                    out.append((source, path))
                default: throw BuildError.badStaticFile(file: source, reason: "only plain files and folders are published (not links)")
                }
            }
        }
        try walk("")
        return out
    }

    /// A static file is published as it is: never a database (the one built from, linked in by
    /// a hard link, or any other), and never text with a personal number (the rule of every page).
    static func checkStatic(_ source: String, database: (dev_t, ino_t)?) throws {
        var info = stat()
        if let database, stat(source, &info) == 0, info.st_dev == database.0, info.st_ino == database.1 {
            throw BuildError.badStaticFile(file: source, reason: "is the database itself (a hard link to it): it holds every record, withheld ones and full names too; remove it")
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw BuildError.badStaticFile(file: source, reason: "cannot be read")
        }
        if data.starts(with: Array("SQLite format 3\u{0}".utf8)) {
            throw BuildError.badStaticFile(file: source, reason: "is a SQLite database: databases hold what the rules withhold and are never published; remove it")
        }
        // Text (a page, a CSV, a verification file): checked as every published text is.
        if let text = String(data: data, encoding: .utf8), let kind = PersonalNumbers.kind(in: text) {
            throw BuildError.badStaticFile(file: source, reason: "contains what looks like \(kind) (\(PersonalNumbers.maskedExcerpt(text))); remove it before publishing")
        }
        if exportedCreditRecords(source, data: data) {
            throw BuildError.badStaticFile(file: source, reason: "is a table of credit records as the database holds them (a row of its first lines names 行政相对人名称 and other columns of credit_records, as `yanglao export` writes them): "
                + "as a file it would publish every record as stored — those the disclosure rules withhold, and full names of persons — bypassing the rules the site and its data/ downloads follow; remove it"
                + "（这是从数据库导出的信用记录表，直接发布会公开不应公示的记录和未脱敏的姓名；网站的 data/ 已按规则提供下载，请删除此文件）")
        }
    }

    /// Whether a spreadsheet or CSV file is credit records as stored (a staff export put among the
    /// static files, perhaps with a title row added above): one of its first five rows names the
    /// subject's name and two more columns of `credit_records`, in English or the Chinese headers
    /// import reads. The other tables hold nothing the site withholds; other files are not read.
    static func exportedCreditRecords(_ source: String, data: Data) -> Bool {
        var rows: [[String]] = []
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // A workbook: the first rows of each sheet (a damaged one is not this check's business).
            guard let book = try? Workbook(path: source, file: source) else { return false }
            for sheet in book.sheets { rows += ((try? book.records(of: sheet)) ?? []).prefix(5).map(\.fields) }
        } else if let text = TextEncoding.auto.decode({ let head = data.prefix(64 * 1024); return head.lastIndex(of: 0x0A).map { head[..<$0] } ?? head }())?.text {
            rows = text.split(whereSeparator: \.isNewline).prefix(5).map { $0.split(whereSeparator: { $0 == "," || $0 == "\t" || $0 == ";" }).map(String.init) }
        }
        guard let columns = Schema.chineseHeaders["credit_records"] else { return false }
        return rows.contains { row in
            let cells = Set(row.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'\u{FEFF}")) }.filter { !$0.isEmpty })
            func named(_ column: String, _ chinese: [String]) -> Bool { cells.contains(column) || chinese.contains(where: cells.contains) }
            guard let subject = columns.first(where: { $0.key == "subject_name" }), named(subject.key, subject.value) else { return false }
            return columns.filter(named).count >= 3
        }
    }

    /// A path from the server root ("/", "/yanglao/") or an http(s) address with one (scheme
    /// and host lowercased), nil for anything else: "//host/" (another host), "javascript:",
    /// quotes, spaces, "." or ".." segments.
    static func normalizedBaseURL(_ value: String) -> String? {
        if value.isEmpty { return "/" }
        func isPath(_ p: Substring) -> Bool {
            p.wholeMatch(of: #/(/[A-Za-z0-9._~-]+)*/?/#) != nil && !p.split(separator: "/").contains { $0 == "." || $0 == ".." }
        }
        if value.hasPrefix("/") { return !value.hasPrefix("//") && isPath(value[...]) ? value : nil }
        // https://host then a path, the host checked as meta.site_url's is.
        guard let scheme = value.range(of: "://") else { return nil }
        let pathStart = value[scheme.upperBound...].firstIndex(of: "/") ?? value.endIndex
        let host = String(value[..<pathStart])
        guard SiteMeta.isHostAddress(host), isPath(value[pathStart...]) else { return nil }
        return host.lowercased() + value[pathStart...]
    }

    /// True when the output is a site built from real data: it has a catalogue, and its home
    /// page lacks the sample notice (which every sample page has carried since the first version).
    static func publishedFromRealData(_ output: String) -> Bool {
        guard FileManager.default.fileExists(atPath: output + "/data/datapackage.json"),
              let home = FileManager.default.contents(atPath: output + "/index.html") else { return false }
        return home.range(of: Data("class=\"sample-notice\"".utf8)) == nil
    }

    /// Marks an output as `yanglao serve`'s own scratch folder.
    static let previewMarkName = ".yanglao-preview"

    /// A folder the preview may build into: new, empty, made by the preview before, or named
    /// `preview` (serve's own default: earlier versions made it without the mark).
    static func isPreviewFolder(_ output: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: output + "/" + previewMarkName) { return true }
        if URL(fileURLWithPath: output).standardizedFileURL.lastPathComponent == "preview" { return true }
        return ((try? contentEntries(output)) ?? []).isEmpty
    }

    /// What an output folder holds that counts as content: desktop litter and a Git
    /// checkout's repository (a new Pages branch) do not.
    static func contentEntries(_ output: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output)
            .filter { !OutputTree.litter.contains($0) && !StagingFolder.keptEntries.contains($0) }
    }

    /// How many facilities the published site lists (its finder index), nil without one.
    static func publishedFacilityCount(_ output: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: output + "/search/f-index.json"),
              let index = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return index["total"] as? Int
    }

    /// A build replaces its output folder: it must be new, empty or a site built here, and must
    /// not hold the build's own database or content (`--out .` beside the database would delete it).
    static func checkOutput(_ options: BuildOptions) throws {
        let fm = FileManager.default
        func resolved(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let output = resolved(options.output)
        for input in [options.database, options.content] {
            let path = resolved(input)
            if path == output || path.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
                throw BuildError.inputInsideOutput(input: input, output: options.output)
            }
        }
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: output, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw BuildError.outputNotASite(output: options.output, isFile: true) }
        // A site is known by its manifest, or (a build cut short may have dropped the
        // manifest) by its catalogue or finder index.
        let entries = try contentEntries(output)
        let marks = [OutputTree.manifestName, "data/datapackage.json", "search/f-index.json"]
        if !entries.isEmpty, !marks.contains(where: { fm.fileExists(atPath: output + "/" + $0) }) {
            throw BuildError.outputNotASite(output: options.output, isFile: false)
        }
    }

    /// Files a build did not write were found in the output and kept: said on every new
    /// release, because only the content folder's `static/` is published by every build
    /// (a new output folder, a deployment from scratch, would lack them).
    static func foreignFileWarnings(_ carried: [String], output: String, content: String) -> [String] {
        guard !carried.isEmpty else { return [] }
        let shown = carried.prefix(5).map { "\(output)/\($0)" }.joined(separator: ", ")
        // A file inside one of the build's own sections (policies/, assets/) cannot go to the same
        // path in static/ (the build refuses that name): it needs a folder of its own.
        func inSection(_ path: String) -> Bool { path.contains("/") && reserved.contains(String(path.split(separator: "/")[0])) }
        let plain = carried.first { !inSection($0) }, sectioned = carried.first(where: inSection)
        let name = sectioned?.split(separator: "/").last.map(String.init) ?? ""
        return ["\(shown)\(carried.count > 5 ? " and \(carried.count - 5) more file(s)" : ""): not written by yanglao (put into the site by hand?); kept in the new site. "
                + "Files to publish with the site belong in \(content)/static/, which every build publishes at the same path"
                + (plain.map { " (\(content)/static/\($0) is published as \($0))" } ?? "")
                + (sectioned != nil ? "; a file inside a folder the build writes itself (policies/, assets/ …) goes in a folder of its own, such as \(content)/static/files/\(name), published as files/\(name): change the links to it" : "")]
    }

    /// Search documents besides institutions, added first: on a tie (a county name matches the
    /// county and every facility named after it) the earlier document wins, so the county page is listed.
    static func addSearchDocuments(to search: SearchIndex, context: SiteContext, documents: (policies: [Document], pages: [Document]),
                                   services serviceList: [Service]) throws {
        for r in context.publishedRegions {
            // Found by its name with its city or province too ("山东省仁平县", "济南市仁平县"), and
            // says where it is: county names repeat across a country.
            let path = context.ancestors(of: r.code).map(\.name)
            let within = path.map { $0 + r.name }.joined(separator: " ")
            try search.add(title: r.name, body: (r.level == "city" ? "市" : r.level == "province" ? "省 自治区 直辖市" : "县 区 市") + (within.isEmpty ? "" : " " + within),
                           url: "regions/\(r.code)/", kind: "地区",
                           detail: (path.isEmpty ? "" : path.joined(separator: " ") + " · ") + "人口、设施、指标和机构名单", group: .place)
        }
        // A policy is found by any words of its text ("助餐" is in a paragraph, not a heading);
        // words of its title still rank first.
        for d in documents.policies {
            try search.add(title: d.title, body: ([d.documentNumber, d.issuer, d.summary].compactMap { $0 } + d.tags + [SearchIndex.plainText(d.body.html)]).joined(separator: " "),
                       url: "policies/\(d.slug)/", kind: d.otherArea == nil ? "政策文件" : "外地参考文件", detail: [d.documentNumber, d.issuer].compactMap { $0 }.joined(separator: " · "),
                       warning: d.otherArea.map { "\($0)的文件，不适用于\(context.scopeName)" } ?? "")
        }
        for d in documents.pages {
            try search.add(title: d.title, body: (d.summary ?? "") + " " + SearchIndex.plainText(d.body.html), url: "\(d.slug)/",
                       kind: "说明", detail: d.summary ?? "")
        }
        // The summary pages, found by what people call them ("五级", "黑名单", "下载数据").
        for (title, body, url, detail) in Self.summaryPages {
            try search.add(title: title, body: body, url: url, kind: "栏目", detail: detail)
        }
        for def in IndicatorRegistry.all {
            try search.add(title: def.nameZH, body: [def.definitionZH, def.numeratorZH, def.denominatorZH ?? "", def.nameEN].joined(separator: " "),
                           url: "indicators/\(def.code)/", kind: "规划指标", detail: def.definitionZH)
        }
        for sv in serviceList {
            try search.add(title: sv.name, body: "\(sv.targetGroup) \(sv.content) \(sv.department) \(Labels.serviceType(sv.type))",
                       url: "services/#" + ContentPages.serviceAnchor(sv), kind: "基本养老服务", detail: Self.serviceDetail(sv))
        }
    }

    /// What refuses a build before anything is read further: a preview into a published site, the
    /// sample over real data, a data date earlier than a published release, --as-of before the
    /// data date, a data date far ahead of today.
    static func checkAllowed(_ options: BuildOptions, meta: SiteMeta) throws {
        if options.scratch, !Self.isPreviewFolder(options.output) { throw BuildError.previewIntoSite(output: options.output) }
        if !options.scratch, meta.isSample, Self.publishedFromRealData(options.output) {
            throw BuildError.sampleOverRealSite(database: options.database, output: options.output)
        }
        // Releases are immutable and data/latest/ moves forward only: an earlier data date
        // would make "latest" older than a published release and the change list wrong.
        let releases = ((try? FileManager.default.contentsOfDirectory(atPath: options.output + "/data/releases")) ?? [])
        if !options.scratch, let newest = releases.filter(ReleaseArchive.isDate).max(), newest > meta.dataAsOf.description {
            throw BuildError.dataDateGoesBack(dataAsOf: meta.dataAsOf.description, newest: newest, output: options.output, database: options.database)
        }
        if let asOf = options.asOf, asOf < meta.dataAsOf {
            throw BuildError.asOfBeforeDataDate(asOf: asOf.description, dataAsOf: meta.dataAsOf.description)
        }
        // The clock is read for this check only; it never changes what is written.
        if Validator.isFarAhead(meta.dataAsOf) {
            throw BuildError.dataDateInTheFuture(dataAsOf: meta.dataAsOf.description, today: ISODate.today.description)
        }
    }

    /// What the policy and page files do not publish as their author meant: each document's
    /// notes (raw HTML left out, `**` shown as is, a link to a missing anchor), files of those
    /// folders that are not published (`通知.md.txt`, `Notice.MD`, an image beside the text),
    /// and two policies under one title (two identical entries in the list).
    static func contentWarnings(_ content: String, documents: (policies: [Document], pages: [Document])) -> [String] {
        var out: [String] = []
        for folder in ["policies", "pages"] {
            let dir = (content as NSString).appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in names.sorted() where !name.hasSuffix(".md") && !name.hasPrefix(".") {
                out.append("\((dir as NSString).appendingPathComponent(name)): not published: this folder publishes files whose names end in .md (lower case), one page each; "
                           + (name.lowercased().hasSuffix(".md") || name.lowercased().contains(".md.") || name.lowercased().hasSuffix(".markdown") || name.lowercased().hasSuffix(".txt")
                              ? "rename it to end in .md（没有发布：这个文件夹只发布以 .md（小写）结尾的文件，请改名）"
                              : "files linked from a page (an image, a PDF) go in static/ of the content folder, linked as /文件名（没有发布：网页引用的图片、PDF 等请放进内容文件夹的 static/，用 /文件名 引用）"))
            }
        }
        var byTitle: [String: [Document]] = [:]
        for d in documents.policies { byTitle[d.title, default: []].append(d) }
        for (title, docs) in byTitle.sorted(by: { $0.key < $1.key }) where docs.count > 1 {
            out.append("\(docs.map(\.file).sorted().joined(separator: ", ")): \(docs.count) policies are titled \(title); the list shows them alike: give each its own title (the version or year)（\(docs.count) 个政策文件标题相同，列表里分不清：请在标题中写明版本或年份）")
        }
        out += (documents.policies + documents.pages).flatMap(\.notes).map(\.description)
        return out
    }

    /// Real data (meta `sample` false) published with the sample's words still in place: its
    /// publisher and contact, or an about page saying the data are 示例数据.
    static func sampleWordsWarnings(_ meta: SiteMeta, documents: [Document]) -> [String] {
        guard !meta.isSample else { return [] }
        let keys = ["title", "publisher", "contact", "description", "licence"].filter { meta.value($0)?.contains("示例") ?? false }
        let files = documents.filter { d in
            (try? String(contentsOfFile: d.file, encoding: .utf8))?.contains("示例数据") ?? false
        }.map(\.file).sorted()
        return keys.map { "meta \($0) still says \"\(meta.value($0)!)\" (the sample's words) although meta sample is false: set it to your own before publishing"
            + "（设置 \($0) 仍是示例的内容，发布前请改成本单位的）" }
            + files.map { "\($0) still speaks of 示例数据 (the sample's text) although meta sample is false: rewrite it for your site, or remove it（这个文稿仍是示例的内容，请改写或删去）" }
    }

    /// A site without its public address cites itself, and names its catalogue and sitemap
    /// entries, by paths alone, which mean nothing once a file is downloaded.
    /// (Not for the sample, which is looked at locally and never published.)
    static func addressWarnings(_ context: SiteContext) -> [String] {
        context.meta.isSample || context.hasPublicAddress ? [] : [
            "the site's public address is not known, so citations and the data catalogue's identifiers use paths without a host and no sitemap.xml is written (it takes full addresses); set meta `site_url` to the site's host (for example https://mzj.example.gov.cn, with --base-url /yanglao/ when the site lives under that path), or build with a full --base-url such as https://mzj.example.gov.cn/yanglao/",
        ]
    }

    /// A facility's rating in a search result: a valid level with the day it ends (二级（有效期至2026年5月21日）),
    /// a closed home's as past, any other state as its label.
    static func searchRating(_ state: RatingState, status: String) -> String {
        if let closed = Labels.closedLevel(state, status: status) { return closed }
        if case .current(let r) = state { return "\(state.label)（有效期至\(Layout.dateZH(r.validUntil))）" }
        return state.label
    }

    /// Words an institution is found by besides its name and address: its rating
    /// ("五级"; a lapsed one only as "等级已撤销" or "等级已过有效期", so "三级" finds
    /// valid ratings only), the kinds of credit record on display ("黑名单", "失信惩戒",
    /// "行政处罚") and a status other than operating.
    static func searchTerms(_ i: Institution, state: RatingState, credit: [CreditRecord]) -> [String] {
        var terms: [String] = []
        if i.category == "institution" {
            switch state {
            case .current(let r): terms.append(RatingState.levelName(r.level) + "养老机构")
            case .expired: terms.append("等级已过有效期")
            case .withdrawn: terms.append("等级已撤销")
            case .unrated: terms.append("未评级")
            }
        }
        let kinds = Set(credit.map(\.kind))
        if kinds.contains("blacklist") { terms.append("黑名单 失信联合惩戒对象名单") }
        for kind in ["punishment", "penalty"] where kinds.contains(kind) { terms.append(Labels.creditKind(kind)) }
        if i.status != "operating" { terms.append(Labels.status(i.status)) }
        return terms
    }

    /// What one institution's page and JSON are made from.
    struct PageInput {
        let i: Institution
        let history: [Rating]
        let state: RatingState
        let credit: [CreditRecord]
        let regionName: String
        /// Its rows as stored (`RenderMemo`).
        let rows: [UInt8]
    }

    /// `data/indicators.*` in long format, and one subset per published indicator in `data/indicators/`.
    static func writeIndicatorData(_ report: IndicatorReport, _ published: [IndicatorDefinition],
                                   context: SiteContext, tree: OutputTree) throws -> PublishedDataset {
        let all = try DatasetWriter(dataset: Datasets.indicators, directory: tree.root + "/data")
        try FileManager.default.createDirectory(atPath: tree.root + "/data/indicators", withIntermediateDirectories: true)
        var subsets: [String: DatasetWriter] = [:]
        for def in published {
            let subset = Dataset(name: def.code, titleZH: def.nameZH, descriptionZH: def.definitionZH, fields: Datasets.indicators.fields)
            subsets[def.code] = try DatasetWriter(dataset: subset, directory: tree.root + "/data/indicators")
        }
        for v in report.values {
            let subset = subsets[v.code]
            let evaluations = report.evaluations(v.code, region: v.regionCode)
            // A region with nothing for an indicator (no value, numerator, denominator or target: a
            // reported indicator nobody reported there) gets no row; on a national site these
            // were two thirds of the file. A computed 0 ÷ 0 keeps its row.
            if v.value == nil, v.numerator == nil, v.denominator == nil, evaluations.isEmpty { continue }
            for row in Datasets.rows(v, regionName: context.regionName(v.regionCode), evaluations: evaluations, dataAsOf: context.meta.dataAsOf.description) {
                let encoded = all.encode(row)
                try all.append(encoded: encoded)
                try subset?.append(encoded: encoded)
            }
        }
        for def in published {
            for f in try subsets[def.code]!.finish().files { try tree.adopt("data/indicators/" + f.name, sha: f.sha256) }
        }
        return try all.finish()
    }

    static func write(_ dataset: Dataset, _ rows: [[Cell]], to root: String, folder: String = "/data") throws -> PublishedDataset {
        let w = try DatasetWriter(dataset: dataset, directory: root + folder)
        for r in rows { try w.append(r) }
        return try w.finish()
    }

    /// Section names a content page may not take.
    static let reserved: Set<String> = ["institutions", "regions", "indicators", "services", "policies", "data", "assets",
                                         "ratings", "credit", "search", "compare", "sitemap", "404"]

    /// A Markdown file is published text like the database's: no invisible control or
    /// direction characters, and no personal numbers (`PersonalNumbers`), said with file and line.
    static func checkPublishable(_ text: String, file path: String) throws {
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, scalars) in lines.enumerated() {
            var line = String(String.UnicodeScalarView(scalars))
            if line.hasSuffix("\r") { line.removeLast() }
            if n == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if let c = ControlCharacters.first(in: line) {
                throw DocumentError(file: path, line: n + 1, message: "expected " + ControlCharacters.expectation(c) + "（这一行有看不见的控制字符，多半是从网页或 Word 复制来的：请重新输入这段文字）")
            }
            if let kind = PersonalNumbers.kind(in: line) {
                throw DocumentError(file: path, line: n + 1, message: "contains what looks like \(kind) (\(PersonalNumbers.maskedExcerpt(line))); remove it before publishing"
                                    + "（这一行像是有\(PersonalNumbers.chineseKind(kind))，公开前请删去；办公电话请写带区号的座机号）")
            }
        }
    }

    static func loadDocument(_ path: String, documentLinks: [String: String]? = nil) throws -> Document {
        // A link could publish any file of the computer as a policy page.
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            throw DocumentError(file: path, line: 1, message: "is a link to another file; put the file itself in the content folder（这是指向其他文件的快捷方式：请把文件本身放进内容文件夹）")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DocumentError(file: path, line: 1, message: "cannot read the file as UTF-8 text（无法按 UTF-8 读取：请用记事本“另存为”，编码选 UTF-8）")
        }
        // The file's name becomes the page's address, shown in lists, the sitemap and the feed.
        if let kind = PersonalNumbers.kind(in: (path as NSString).lastPathComponent) {
            throw DocumentError(file: path, line: 1, message: "the file's name, which becomes the page's address, holds what looks like \(kind); rename the file"
                                + "（文件名会成为网页地址，其中像是有\(PersonalNumbers.chineseKind(kind))：请给文件改名）")
        }
        let document = try Document(text: text, file: path, embedKinds: ["indicators"], documentLinks: documentLinks)
        try checkPublishable(text, file: path)
        try checkShown(document)
        return document
    }

    /// The same rules on what the page shows: a number written with character references
    /// (`&#49;&#51;&#57;…`), with Markdown marks, comments or line breaks between its digits,
    /// or in a front-matter value with YAML escapes, looks whole in a browser while no line of
    /// the file holds it.
    static func checkShown(_ d: Document) throws {
        let fields: [(String, String?)] = [("title", d.title), ("document_number", d.documentNumber), ("issuer", d.issuer),
                                           ("status", d.status), ("summary", d.summary), ("other_area", d.otherArea),
                                           // As the page lists them (139、1234、5678 reads as one number there).
                                           ("tags", d.tags.joined(separator: "、"))]
        for (key, value) in fields {
            guard let value else { continue }
            if let c = ControlCharacters.first(in: value) {
                throw DocumentError(file: d.file, line: 2, message: "`\(key)` holds \(ControlCharacters.describe(c)); retype it（\(key) 中有看不见的控制字符，请重新输入）")
            }
            if let kind = PersonalNumbers.kind(in: value) {
                throw DocumentError(file: d.file, line: 2, message: "`\(key)` shows what looks like \(kind) (\(PersonalNumbers.maskedExcerpt(value))); remove it before publishing"
                                    + "（\(key) 中像是有\(PersonalNumbers.chineseKind(kind))，公开前请删去）")
            }
        }
        let shown = shownText(d.body.html)
        if let c = ControlCharacters.first(in: shown) {
            throw DocumentError(file: d.file, line: d.bodyStartLine, message: "the text as the page shows it holds \(ControlCharacters.describe(c)), written as a character reference (such as &shy;) or a character; remove it（正文中有看不见的控制字符或写成 &shy; 之类的字符引用，请删去）")
        }
        if let kind = PersonalNumbers.kind(in: shown) {
            throw DocumentError(file: d.file, line: d.bodyStartLine, message: "the text as the page shows it contains what looks like \(kind) (\(PersonalNumbers.maskedExcerpt(shown))), "
                + "its digits written apart in the file (character references such as &#49;, Markdown marks, a comment or line breaks between them); remove it before publishing"
                + "（网页显示出来的正文中像是有\(PersonalNumbers.chineseKind(kind))，文件里数字被拆开写了，公开前请删去）")
        }
        // Links' addresses and titles and images' text are published too (a tel: link, a tooltip, alt text).
        for value in shownAttributes(d.body.html) {
            if let kind = PersonalNumbers.kind(in: value) {
                throw DocumentError(file: d.file, line: d.bodyStartLine, message: "a link or image of the page holds what looks like \(kind) "
                    + "(\(PersonalNumbers.maskedExcerpt(value))) in its address, title or text; remove it before publishing"
                    + "（页面中某个链接或图片的地址、标题或文字里像是有\(PersonalNumbers.chineseKind(kind))，公开前请删去）")
            }
        }
    }

    /// The values of the attributes a reader or a phone sees or follows (href, src, title, alt),
    /// with character references and %-escapes decoded.
    static func shownAttributes(_ html: String) -> [String] {
        html.matches(of: #/\s(?:href|src|title|alt)="([^"]*)"/#).map { m in
            let text = shownText(String(m.1))
            return text.removingPercentEncoding ?? text
        }
    }

    /// Rendered HTML as a reader sees its text: tags between cells, paragraphs or items part
    /// what they hold (a table of figures is not one long number), other tags vanish.
    static func shownText(_ html: String) -> String {
        // The mark between parts is none of the characters a number is read through.
        let parted = html.replacing(#/<\/?(?:p|td|th|tr|li|h[1-6]|br|div|table|thead|tbody|ul|ol|blockquote|pre|hr|section|caption|sup|input)\b[^>]*>/#, with: "¶")
        let text = parted.replacing(#/<[^>]*>/#, with: "")
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A service's search result line: what it gives and to whom, in the list's own words
    /// (百岁补贴 is listed under 80周岁及以上老年人; its content names the 100 years), and who provides it.
    static func serviceDetail(_ sv: Service) -> String {
        let limit = 60
        let content = sv.content.count > limit ? String(sv.content.prefix(limit - 1)) + "…" : sv.content
        return (content.isEmpty ? sv.targetGroup : content) + " · " + sv.department
    }

    /// The about page's section that explains words ("常见词语是什么意思", "名词解释", "术语说明"),
    /// found by its heading: staff who rename or drop it lose the links to it, not the build.
    static func glossaryPath(in pages: [Document]) -> String? {
        guard let about = pages.first(where: { $0.slug == "about" }) else { return nil }
        return about.body.headings.first { h in ["词语", "名词", "术语"].contains { h.text.contains($0) } }.map { "about/#\($0.id)" }
    }

    static func loadDocuments(_ content: String) throws -> (policies: [Document], pages: [Document]) {
        // A mistyped folder would otherwise publish a site without its policy pages.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content, isDirectory: &isFolder), isFolder.boolValue else {
            throw BuildError.missingContent(folder: content)
        }
        // Every file's problem is said at once (fixing one file to find the next is slow work).
        var problems: [DocumentError] = []
        func names(_ folder: String) -> [String] {
            let dir = (content as NSString).appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        }
        // A link to `other.md` goes to that file's page, a policy's under /policies/, a free page's at the root.
        var links: [String: String] = [:]
        for name in names("pages") {
            let slug = String(name.dropLast(3))
            links[slug] = "/\(slug)/"
            links["pages/" + slug] = "/\(slug)/"
        }
        for name in names("policies") {
            let slug = String(name.dropLast(3))
            links[slug] = "/policies/\(slug)/"
            links["policies/" + slug] = "/policies/\(slug)/"
        }
        func load(_ folder: String) throws -> [Document] {
            let dir = (content as NSString).appendingPathComponent(folder)
            return try names(folder).compactMap { name -> Document? in
                do { return try loadDocument((dir as NSString).appendingPathComponent(name), documentLinks: links) } catch let e as DocumentError {
                    problems.append(e)
                    return nil
                }
            }
        }
        let policies = try load("policies").sorted { ($0.issuedOn ?? "", $0.slug) > ($1.issuedOn ?? "", $1.slug) }
        let pages = try load("pages")
        if problems.count == 1 { throw problems[0] }
        if problems.count > 1 { throw DocumentErrors(problems) }
        for p in pages where reserved.contains(p.slug) {
            throw BuildError.reservedPageName(file: (content as NSString).appendingPathComponent("pages/\(p.slug).md"))
        }
        return (policies, pages)
    }
}
