import Foundation
import YanglaoOpenData
import YanglaoStore

/// The catalogue files, the release archive and the change list, written
/// after every dataset is in `<staging>/data`.
struct OpenDataStep {
    let context: SiteContext
    let tree: OutputTree
    let previousOutput: String
    /// The database built from, for messages that say how to change it.
    var database = "DATABASE"
    /// The day disclosure and rating states were judged on, when `--as-of` moved it off the
    /// data date: a release holds its data as of its date, so this build archives none.
    var judgedOn: String? = nil
    /// A preview (`yanglao serve`): a correction not yet dated is shown there, not refused; the
    /// build that publishes it still asks for its day.
    var scratch = false
    /// The documents the data come from, named in every data package this build writes.
    var sources: [DataPackage.Source] = []
    var staging: String { tree.root }

    struct Result {
        var warnings: [String] = []
        /// Every release in the output, newest first, with its change list.
        var releases: [(date: String, json: [String: Any])] = []
        /// The day each release was published (meta `published_on` when it was archived), by
        /// date; a release archived without one is missing (its data date stands in).
        var releaseDays: [String: String] = [:]
        var datapackageSHA = ""
        /// The date of the release this build added, nil when it was there already.
        var newRelease: String?
        /// What this build's new release or new correction changed, in a sentence (its changes.json).
        var changesZH: String?
        /// Datasets corrected since the release of this data date was frozen (their rows differ
        /// from the release's on the release's own fields).
        var corrected: Set<String> = []
        /// Datasets whose data are as released but some file of which is now written
        /// differently (a newer yanglao's Excel or GeoJSON file): not a correction.
        var reformatted: Set<String> = []
        /// The files that differ (`institutions.geojson`), of those datasets.
        var differing: Set<String> = []
        /// The archived correction holding the current files of the corrected datasets.
        var correction: ReleaseArchive.Correction?
        /// Every correction in the output, by date and number.
        var corrections: [ReleaseArchive.Correction] = []
        /// Their change lists (`changes.json`), by the correction's path.
        var correctionChanges: [String: [String: Any]] = [:]
    }

    func run(_ published: [PublishedDataset]) throws -> Result {
        let meta = context.meta
        let data = staging + "/data"
        let date = meta.dataAsOf.description
        var result = Result()
        let archive = ReleaseArchive(previousOutput: previousOutput, data: data, date: date, tree: tree)
        try archive.carryOver()
        let earlier = archive.previousReleaseDates().filter { $0 < date }
        // Each release with the datasets it holds (from its SHA256SUMS; this one: what it will hold).
        let archived = published.filter { !ReleaseArchive.excludedFromReleases.contains($0.dataset.name) }
        // A release's day is in its own frozen data package: a published_on set later dates no earlier release.
        func day(_ d: String) -> String? { ReleaseArchive.packageDay(tree.source("data/releases/\(d)"), date: d) }
        let frozen = earlier.map { d in (d, archive.datasetNames(inRelease: d), archive.files(inRelease: d), day(d)) }
            // This date's release as archived when it exists (a correction leaves it as it was).
            + (FileManager.default.fileExists(atPath: tree.source("data/releases/\(date)"))
                ? [(date, archive.datasetNames(inRelease: date), archive.files(inRelease: date), day(date))]
                : judgedOn != nil ? [] : [(date, Set(archived.map(\.dataset.name)), archived.flatMap(\.files), meta.publishedOn?.description)])
        // Without a day of publication (meta published_on), the data date stands in everywhere
        // (data package, catalogue, citations, feed), as the README says.
        for r in frozen { result.releaseDays[r.0] = r.3 ?? r.0 }
        let releasePackage = DataPackage.descriptor(archived, meta: meta,
                                                    homepage: context.hasPublicAddress ? context.absoluteURL("data/releases/\(date)/") : nil,
                                                    sources: sources)
        let differing: [String]
        if let judgedOn {
            differing = []
            result.warnings.append("built with --as-of \(judgedOn): the pages and the files in data/ judge disclosure windows and rating states on that day; the release archive (data/releases/, data/corrections/) holds data as of data_as_of (\(date)) and is left as it is. Build without --as-of to publish a release")
        } else {
            if !FileManager.default.fileExists(atPath: tree.source("data/releases/\(date)")) {
                result.newRelease = date
                // A day of publication left from the last release (still after this data date) dates this one for good.
                if let given = meta.publishedOn?.description, let previous = earlier.last, let previousDay = day(previous), given <= previousDay {
                    result.warnings.append("meta published_on (\(given)) is not after the day release \(previous) was published (\(previousDay)): probably left from that release, and release \(date) is now archived with it; set published_on to the day each new release is published, before the build that publishes it"
                        + "（发布日期 \(given) 不晚于上一版 \(previous) 的发布日期 \(previousDay)，多半是上次留下的；本版已按它存档。今后每期发布前请先把 published_on 改成当天）")
                }
                // Left from a correction of the previous release: a later correction of this one needs its own day.
                if !earlier.isEmpty, let left = meta.correctedOn {
                    result.warnings.append("meta corrected_on (\(left)) is not used: this build publishes the new release \(date), which is not a correction. Remove it now (`yanglao delete --db \(database) meta corrected_on`), so that a later correction of this release gets its own day")
                }
            }
            differing = try archive.publish(files: archived.flatMap(\.files), datapackage: releasePackage,
                                            changes: {
                                                let changes = try changeSet(date: date, previousRelease: earlier.last, archive: archive, published: published)
                                                result.changesZH = ([changes.summaryZH] + changes.changedLinesZH()).joined(separator: "\n  ")
                                                return changes
                                            },
                                            index: { DataPage(context: context, layout: Layout(context: context)).releasePage(date: date, files: $0) })
        }
        if !differing.isEmpty {
            // A dataset the release does not hold (added by a newer yanglao) is new, not corrected.
            let frozenNames = archive.datasetNames(inRelease: date)
            let names = archived.map(\.dataset.name).filter(frozenNames.contains)
            result.differing = Set(differing.filter { f in names.contains { ReleaseArchive.isFile(f, of: $0) } })
            // Data differ where the rows of the JSON do (compared on the release's own fields: a
            // newer yanglao may add a column it works out); otherwise only how a file is written.
            result.corrected = try ReleaseArchive.datasets(of: differing.filter { f in names.contains { f == $0 + ".csv" || f == $0 + ".json" } }, among: names)
                .filter { name in
                    // Written from yanglao's own definitions, not the database: a newer yanglao's
                    // wording is how the file is written, never a correction of the data.
                    guard name != Datasets.indicatorDefinitions.name else { return false }
                    let frozen = tree.source("data/releases/\(date)/\(name).json")
                    return try !FileManager.default.fileExists(atPath: frozen) || !ChangeSet.sameData(old: frozen, new: tree.source("data/\(name).json"), ignoring: Datasets.derivedFields[name] ?? [])
                }
            result.reformatted = ReleaseArchive.datasets(of: differing, among: names).subtracting(result.corrected)
            if !result.corrected.isEmpty {
                // Every file of a corrected dataset, so that the correction holds it whole.
                let datasets = archived.filter { result.corrected.contains($0.dataset.name) }
                // Dated by meta corrected_on when staff gave it (the site reads no clock).
                var day = meta.correctedOn?.description
                let before = archive.corrections().filter { $0.date == date }
                // A day already used by a correction of an earlier release is left over in meta: this
                // release came after that correction, so its own corrections come later still.
                // (A rebuild of a correction already archived under that day is not a new one.)
                if let given = day, !before.contains(where: { $0.correctedOn == given }), let stale = archive.corrections().filter({ $0.date < date && ($0.correctedOn ?? "") >= given })
                    .max(by: { ($0.correctedOn ?? "", $0.date, $0.number) < ($1.correctedOn ?? "", $1.date, $1.number) }) {
                    guard meta.isSample || scratch else {
                        throw BuildError.staleCorrectionDay(day: given, release: stale.date, number: stale.number, dataAsOf: date, database: database)
                    }
                    day = nil
                }
                let corrected = differing.filter { f in result.corrected.contains { ReleaseArchive.isFile(f, of: $0) } }
                // Real data are corrected with their day; the sample may stay undated (a warning says so).
                // And follow the last one: a day before it (typed from an example) would be archived for good.
                let refuse: ((String?) -> Error?)? = meta.isSample || scratch ? nil : { day in
                    guard let day else { return BuildError.undatedCorrection(dataAsOf: date, files: corrected, database: self.database) }
                    if let last = before.last, let previous = before.compactMap(\.correctedOn).last, day < previous {
                        return BuildError.correctionDayGoesBack(day: day, previous: previous, number: last.number, dataAsOf: date, database: self.database)
                    }
                    return nil
                }
                let correction = try archive.archiveCorrection(datasets.flatMap(\.files), correctedOn: day, refuseNew: refuse, changes: { number, heldBefore, comparedWith in
                    let changes = try correctionChanges(date: date, number: number, correctedOn: day, compared: result.corrected.union(heldBefore), comparedWith: comparedWith)
                    result.changesZH = ([changes.summaryZH] + changes.changedLinesZH()).joined(separator: "\n  ")
                    return changes
                }, page: { number, files, changes in
                    DataPage(context: context, layout: Layout(context: context)).correctionPage(date: date, number: number, files: files,
                                                                                              correctedOn: day, changes: changes)
                }, datapackage: { number in
                    let folder = "data/corrections/\(date)/\(number)/"
                    return DataPackage.descriptor(datasets, meta: meta, homepage: context.hasPublicAddress ? context.absoluteURL(folder) : nil,
                                                  // Undated: the data date (which dates nothing), never the release's day of publication.
                                                  version: "\(date)-\(number)", created: day ?? meta.dataAsOf.description, sources: sources).pretty
                })
                result.correction = correction
                // Said once, by the build that archives the correction (later builds show the same state).
                if correction.number > (before.last?.number ?? 0) {
                    result.warnings.append(ReleaseArchive.correctionWarning(date: date, differing: corrected, archived: correction.path))
                    if day == nil, scratch {
                        // The preview's own archive: the build that publishes it asks for the day.
                        result.warnings.append("preview: these data correct release \(date); the build that publishes them needs meta corrected_on (更正日期), the day of the correction"
                            + "（预览：这些数据是对 \(date) 版的更正；正式生成前请在设置中填写 corrected_on 更正日期）")
                    } else if day == nil {
                        result.warnings.append("correction \(correction.number) of release \(date) is archived without its day: set meta corrected_on (更正日期) to the day of a correction before the build that publishes it, so that the feed and the catalogue date it (this one stays undated: an archived correction never changes)"
                            + "（这次更正没有注明日期，今后也无法补上：下次更正前请先在设置中填写 corrected_on 更正日期）")
                    } else if let last = before.compactMap(\.correctedOn).last, day! < last {
                        result.warnings.append("meta corrected_on (\(day!)) is before the day of correction \(before.last!.number) (\(last)): correction \(correction.number) is dated \(day!) as given; set corrected_on to the day of each new correction")
                    } else if let previous = before.last(where: { $0.correctedOn == day }) {
                        // Two corrections on one day happen; a day left over from the last one is more likely.
                        result.warnings.append("correction \(correction.number) of release \(date) is dated \(day!), the day of correction \(previous.number) too: if it was made on another day, the day was left over in meta corrected_on (更正日期); set it to the day of each new correction before the build that publishes it"
                            + "（这次更正与上一次更正 \(previous.number) 注明的是同一天 \(day!)：如果不是同一天做的，是设置里留下了上次的更正日期；已存档的更正不能再改日期，今后每次更正前请先把 corrected_on 改成当天）")
                    }
                }
            }
            if !result.reformatted.isEmpty {
                let files = differing.filter { f in result.reformatted.contains { ReleaseArchive.isFile(f, of: $0) } }
                result.warnings.append("release \(date) keeps \(files.joined(separator: ", ")) as first published; they are now written differently, with the same data (a newer yanglao, a new site_url or --base-url in the addresses they hold, or meta sample changed, which the catalogue and GeoJSON say; data/latest/ has the new form; the release and its citations stay valid)"
                    + "（\(date) 版本的这些文件保持首次发布时的样子；数据没变，写法变了（新版 yanglao、网址或 meta 的 sample 改了）：data/latest/ 是新的写法，已发布版本和对它的引用仍然有效）")
            }
        }
        // Credit records are in no release or correction (a record is public only inside its
        // window): changed under the same data date, they go live with no archive and at most a
        // count in a correction's change list. Staff are told what the public will now see.
        // (Not after an --as-of build, whose records were judged on another day.)
        let previousPackage = (try? String(contentsOfFile: previousOutput + "/data/datapackage.json", encoding: .utf8)) ?? ""
        // The file unchanged (the previous latest/'s SHA256SUMS says so) is not read at all: a
        // national file holds a million records, and most rebuilds change none.
        let creditSum = published.flatMap(\.files).first { $0.name == "credit-records.json" }.map { "\($0.sha256)  credit-records.json" }
        let unchanged = creditSum.map { sum in
            ((try? String(contentsOfFile: previousOutput + "/data/latest/SHA256SUMS", encoding: .utf8)) ?? "").split(separator: "\n").contains { $0 == sum }
        } ?? false
        if judgedOn == nil, result.newRelease == nil, !unchanged, !previousPackage.contains("-as-of-") {
            let (added, removed, changed) = try ChangeSet.rowDifferences(old: previousOutput + "/data/credit-records.json",
                                                                        new: tree.source("data/credit-records.json"))
            if added + removed + changed > 0 {
                result.warnings.append("the disclosed credit records differ from those the site showed before under data_as_of \(date): \(added) added, \(removed) taken off, \(changed) changed. "
                    + "Credit records are kept in no release or correction: only the site and data/latest/ show them (a correction's change list counts records added and taken off, never changed ones)"
                    + "（本期数据日期下公示的信用记录有变化：新增 \(added) 条、撤下 \(removed) 条、修改 \(changed) 条。信用记录不进入历史版本和更正存档，只体现在网站和 data/latest/ 上；更正的变化记录只计新增和撤下的条数，不记修改）")
            }
        }
        // Written once the correction is known: its version says which state the files are.
        // A build judged on another day says so in its version: its files are not the release's.
        // Dated as the release of this date was (a published_on set or changed later dates nothing already frozen).
        let package = DataPackage.descriptor(published, meta: meta, homepage: context.hasPublicAddress ? context.absoluteURL("data/") : nil,
                                             version: judgedOn.map { "\(date)-as-of-\($0)" } ?? result.correction.map { "\($0.date)-\($0.number)" },
                                             created: result.releaseDays[date] ?? date, sources: sources)
        let packageText = package.pretty
        try tree.write("data/datapackage.json", packageText)
        result.datapackageSHA = OutputTree.sha256(packageText)
        result.corrections = archive.corrections()
        result.correctionChanges = archive.correctionChangeLists()
        try tree.write("data/catalog.jsonld", DataPackage.dcat(published, meta: meta, url: { context.absoluteURL("data/" + $0) },
                                                              releases: frozen.map { ($0.0, $0.1, $0.2, result.releaseDays[$0.0]) }, corrections: result.corrections.map { ($0.date, $0.number, $0.files, $0.correctedOn) },
                                                              region: context.scope.single.map { ($0.code, $0.name) }).pretty)
        try archive.writeLatest(files: published.flatMap(\.files), datapackage: ("datapackage.json", result.datapackageSHA))
        result.releases = archive.changeLists()
        // The two folders a reader may open by their address get a page (no server lists folders).
        let pages = DataPage(context: context, layout: Layout(context: context))
        try tree.write("data/latest/index.html", pages.latestPage(files: published.flatMap(\.files)))
        if !result.releases.isEmpty { try tree.write("data/releases/index.html", pages.releasesPage(result.releases.map(\.date))) }
        return result
    }

    /// What correction `number` of release `date` changed in the `compared` datasets (those it
    /// corrects, and those the previous correction held, which may have gone back to the
    /// release's data), each compared with the file `comparedWith` names (the state last
    /// published under the date).
    func correctionChanges(date: String, number: Int, correctedOn: String?, compared: Set<String>,
                           comparedWith: (String) -> String) throws -> ChangeSet {
        // Any other dataset is as published before (both sides absent compare as nothing).
        let absent = staging + "/.absent"
        func pair(_ name: String) -> (old: String, new: String) {
            compared.contains(name) ? (tree.source(comparedWith(name)), tree.source("data/\(name).json")) : (absent, absent)
        }
        // Credit records are never archived: counted against what the site showed last, so that a
        // record withdrawn with its facility (delete --withdraw-disclosed) is in the correction's list.
        let shownCredit = previousOutput + "/data/\(Datasets.creditRecords.name).json"
        let credit = FileManager.default.fileExists(atPath: shownCredit) ? (shownCredit, tree.source("data/\(Datasets.creditRecords.name).json")) : (absent, absent)
        var changes = try ChangeSet.compare(release: date, previousRelease: nil, institutions: pair(Datasets.institutions.name),
                                            ratings: (absent, absent), credit: credit)
        changes.creditCounted = credit.0 != absent
        changes.datasets = try DatasetChange.correctionRules.compactMap { rule in
            let (old, new) = pair(rule.file)
            return try DatasetChange.compare(rule, old: old, new: new)
        }.filter { !$0.isEmpty }
        let listed = Set([Datasets.institutions.name] + DatasetChange.correctionRules.map(\.file)).intersection(compared)
        changes.correction = (number, correctedOn, listed.sorted().map { ($0, comparedWith($0)) })
        return changes
    }

    /// Changes since `previousRelease`: the previous output's current files are
    /// that release's state when the previous build published it.
    func changeSet(date: String, previousRelease: String?, archive: ReleaseArchive, published: [PublishedDataset]) throws -> ChangeSet {
        guard let previousRelease else {
            func count(_ name: String) -> Int { published.first { $0.dataset.name == name }?.rows ?? 0 }
            return .first(release: date, institutions: count("institutions"), ratings: count("ratings"), disclosures: count("credit-records"))
        }
        // Releases are compared as archived (a correction published under the same date after
        // the release was frozen is then a change of the new release). Credit records are not
        // archived (a record leaves the site when its window ends): they are compared with what
        // the site published last — the previous release, a correction of it, or a release of a
        // mistyped later date that staff deleted, or an --as-of build of this date.
        let frozen = archive.oldReleases + "/" + previousRelease
        let current = previousOutput + "/data"
        func before(_ name: String) -> String {
            (ReleaseArchive.excludedFromReleases.contains(name) ? current : frozen) + "/\(name).json"
        }
        // This build's files: staged, or (an overlay's unchanged ones) in the output.
        func after(_ name: String) -> String { tree.source("data/\(name).json") }
        var changes = try ChangeSet.compare(release: date, previousRelease: previousRelease,
                                            institutions: (before("institutions"), after("institutions")),
                                            ratings: (before("ratings"), after("ratings")),
                                            credit: (before("credit-records"), after("credit-records")))
        changes.datasets = try DatasetChange.releaseRules.compactMap { try DatasetChange.compare($0, old: before($0.file), new: after($0.file)) }
            .filter { !$0.isEmpty }
        return changes
    }
}
