import Foundation
import YanglaoOpenData
import YanglaoStore

/// Immutable releases under `data/releases/<data_as_of>/` and the moving
/// `data/latest/`. Earlier releases are carried over from the previous
/// output (hard links, so no copy cost) and never rewritten.
///
/// A correction published under a release's date (the data changed, the date did not)
/// leaves the release as it was and is archived beside it, as
/// `data/corrections/<data_as_of>/<n>/`: the files of every dataset that then differs
/// from the release, never changed either, so a corrected file cited by its address
/// can still be downloaded after the next release.
///
/// Credit records are not archived: the law limits how long each one may be
/// shown, so they are published only in their current form (`data/` and
/// `data/latest/`), never frozen into a release.
struct ReleaseArchive {
    /// The published output before this build (may not exist).
    let previousOutput: String
    /// `<staging>/data`.
    let data: String
    let date: String
    /// Files of `data/latest/` that are written (not linked) go through the tree, so they stay untouched when unchanged.
    let tree: OutputTree

    static let excludedFromReleases = ["credit-records"]

    var releasesFolder: String { data + "/releases" }
    var oldReleases: String { previousOutput + "/data/releases" }
    var correctionsFolder: String { data + "/corrections" }
    var oldCorrections: String { previousOutput + "/data/corrections" }

    /// The files of the datasets that differed from a release when the correction was archived.
    struct Correction {
        let date: String
        let number: Int
        let files: [PublishedFile]
        /// The day it was made (meta `corrected_on` when it was archived), nil when not given.
        var correctedOn: String? = nil
        var path: String { "data/corrections/\(date)/\(number)/" }
    }

    /// The day a release or correction folder says it was published or made: its data package's
    /// `created`, when that is later than the data date (one archived without `published_on` or
    /// `corrected_on` says the data date: nil then, and a release is dated by its data date
    /// where it is shown — `OpenDataStep.Result.releaseDays` — a correction not at all).
    static func packageDay(_ folder: String, date: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder + "/datapackage.json"),
              let package = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let created = (package["created"] as? String)?.prefix(10), isDate(String(created)), String(created) > date else { return nil }
        return String(created)
    }

    /// The data date of the current files of a published output (its
    /// `data/datapackage.json` version, `<date>` or `<date>-<n>` under correction n), or nil
    /// when there are none.
    static func publishedDate(in output: String) -> String? {
        guard let data = FileManager.default.contents(atPath: output + "/data/datapackage.json"),
              let package = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = package["version"] as? String else { return nil }
        let date = String(version.prefix(10))
        return isDate(date) ? date : nil
    }

    /// Dates of the releases the previous output holds, oldest first.
    func previousReleaseDates() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: oldReleases)) ?? [])
            .filter { Self.isDate($0) }.sorted()
    }

    static func isDate(_ s: String) -> Bool { ISODate(s) != nil }

    /// The datasets a release holds: the `<name>.csv` files its SHA256SUMS lists.
    func datasetNames(inRelease date: String) -> Set<String> {
        Set(files(inRelease: date).compactMap { f in f.format == .csv ? String(f.name.dropLast(4)) : nil })
    }

    /// The dataset files a release holds, as its SHA256SUMS lists them, with their sizes.
    func files(inRelease date: String) -> [PublishedFile] { files(listedIn: tree.source("data/releases/\(date)")) }

    /// The dataset files a folder's SHA256SUMS lists, with their sizes.
    func files(listedIn folder: String) -> [PublishedFile] {
        guard let sums = try? String(contentsOfFile: folder + "/SHA256SUMS", encoding: .utf8) else { return [] }
        return sums.split(separator: "\n").compactMap { line -> PublishedFile? in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, !parts[1].contains("/") else { return nil }
            let name = String(parts[1])
            let format: PublishedFile.Format
            if name.hasSuffix("-excel.csv") { format = .excelCSV } else if name.hasSuffix(".csv") { format = .csv }
            else if name.hasSuffix(".geojson") { format = .geojson }
            else if name.hasSuffix(".json"), !["datapackage.json", "changes.json"].contains(name) { format = .json }
            else { return nil }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0
            return PublishedFile(name: name, format: format, bytes: bytes, sha256: String(parts[0]))
        }
    }

    /// Hard-links every earlier release into the staging folder (a whole tree;
    /// an overlay leaves them where they are). A later one exists only in a preview that
    /// went back from a trial date (a build refuses that otherwise): it is left behind.
    func carryOver() throws {
        guard !tree.overlay else { return }
        for d in previousReleaseDates() where d <= date {
            try linkTree(from: oldReleases + "/" + d, to: releasesFolder + "/" + d)
        }
        for d in Self.dates(in: oldCorrections) where d <= date {
            try linkTree(from: oldCorrections + "/" + d, to: correctionsFolder + "/" + d)
        }
    }

    static func dates(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { isDate($0) }.sorted()
    }

    /// Every correction of the new output (carried over, left in place by an overlay, or
    /// archived by this build), by date and number.
    func corrections() -> [Correction] {
        var dates = Set(Self.dates(in: correctionsFolder))
        if tree.overlay { dates.formUnion(Self.dates(in: oldCorrections)) }
        return dates.sorted().flatMap { d -> [Correction] in
            var names = Set((try? FileManager.default.contentsOfDirectory(atPath: correctionsFolder + "/" + d)) ?? [])
            if tree.overlay { names.formUnion((try? FileManager.default.contentsOfDirectory(atPath: oldCorrections + "/" + d)) ?? []) }
            return names.compactMap { n in Int(n).flatMap { $0 > 0 && String($0) == n ? $0 : nil } }.sorted().map { n in
                let folder = tree.source("data/corrections/\(d)/\(n)")
                return Correction(date: d, number: n, files: files(listedIn: folder), correctedOn: Self.packageDay(folder, date: d))
            }
        }
    }

    /// Archives `files` (every file of the datasets that differ from this date's release)
    /// as the release's next correction, unless its newest correction holds each of them
    /// with the same bytes already: a rebuild, or one of its datasets taken back to the
    /// release (that one is then cited from the release again, the rest from it). Returns
    /// the correction that holds them.
    /// `datapackage` describes the correction numbered n (its Table Schemas, version `<date>-<n>`).
    /// `refuseNew`: asked before a new correction is archived, with its day: the error it gives
    /// refuses it (real data: no day, or a day before the last correction's; see `BuildError`)
    /// rather than archiving it for good so.
    /// `changes` lists what the new correction numbered n changed, given the datasets the
    /// previous correction of the release held (one of them no longer corrected went back to the
    /// release's data: a change too) and for each dataset the file it is compared with (`data/…`:
    /// the previous correction's when it holds the dataset, else the release's).
    func archiveCorrection(_ files: [PublishedFile], correctedOn: String?, refuseNew: ((String?) -> Error?)? = nil,
                           changes: (Int, _ heldBefore: Set<String>, _ comparedWith: (String) -> String) throws -> ChangeSet,
                           page: (Int, [PublishedFile], _ changes: [String: Any]) -> String, datapackage: (Int) -> String) throws -> Correction {
        let earlier = corrections().filter { $0.date == date }
        if let last = earlier.last {
            let held = Dictionary(last.files.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a })
            if files.allSatisfy({ held[$0.name] == $0.sha256 }) { return last }
            // The same data written another way (a newer yanglao's format: a Chinese header, a
            // column it works out) is no new correction: each dataset's rows are compared on the
            // correction's own fields, as a release's are.
            let folder = tree.source(last.path)
            let datasets = Set(files.filter { $0.format == .json }.map { String($0.name.dropLast(5)) })
            if files.allSatisfy({ f in held[f.name] != nil }),
               try datasets.allSatisfy({ name in
                   try ChangeSet.sameData(old: folder + name + ".json", new: tree.source("data/" + name + ".json"), ignoring: Datasets.derivedFields[name] ?? [])
               }) {
                return last
            }
        }
        if let refuseNew, let error = refuseNew(correctedOn) { throw error }
        let number = (earlier.last?.number ?? 0) + 1
        let target = correctionsFolder + "/\(date)/\(number)"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for f in files { try link(tree.source("data/" + f.name), target + "/" + f.name) }
        let package = try OutputFile.write(datapackage(number), to: target + "/datapackage.json").sha256
        // Published just before this one: the previous correction's file where it holds the
        // dataset (each correction holds every dataset corrected then), else the release's.
        let previous = earlier.last
        let before = Set((previous?.files ?? []).filter { $0.format == .json }.map { String($0.name.dropLast(5)) })
        let list = try changes(number, before) { name in
            (before.contains(name) ? previous!.path : "data/releases/\(date)/") + name + ".json"
        }.json.pretty
        let listSHA = try OutputFile.write(list, to: target + "/changes.json").sha256
        try OutputFile.write(Self.sumsFile(files.map { ($0.name, $0.sha256) } + [("changes.json", listSHA), ("datapackage.json", package)]),
                             to: target + "/SHA256SUMS")
        let parsed = (try? JSONSerialization.jsonObject(with: Data(list.utf8))) as? [String: Any] ?? [:]
        try OutputFile.write(page(number, files, parsed), to: target + "/index.html")
        return Correction(date: date, number: number, files: files, correctedOn: correctedOn)
    }

    /// Writes `releases/<date>/` from `files` (names under `data/`) unless it exists.
    /// Returns the names of current files that differ from an existing release's (a
    /// correction published under the release's date), empty when none do.
    /// `changes` is computed only when a new release is written (it reads whole datasets).
    /// `index` renders the release's own page (its address is the one people cite).
    func publish(files: [PublishedFile], datapackage: JSONValue, changes: () throws -> ChangeSet,
                 index: ([PublishedFile]) -> String) throws -> [String] {
        let archived = files.filter { f in !Self.excludedFromReleases.contains { f.name.hasPrefix($0) } }
        let target = releasesFolder + "/" + date
        let published = tree.source("data/releases/\(date)")
        if FileManager.default.fileExists(atPath: published) {
            let existing = (try? String(contentsOfFile: published + "/SHA256SUMS", encoding: .utf8)) ?? ""
            return archived.filter { !existing.contains("\($0.sha256)  \($0.name)\n") }.map(\.name)
        }
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        var sums: [(String, String)] = archived.map { ($0.name, $0.sha256) }
        for f in archived { try link(tree.source("data/" + f.name), target + "/" + f.name) }
        sums.append(("datapackage.json", try OutputFile.write(datapackage.pretty, to: target + "/datapackage.json").sha256))
        sums.append(("changes.json", try OutputFile.write(try changes().json.pretty, to: target + "/changes.json").sha256))
        try OutputFile.write(Self.sumsFile(sums), to: target + "/SHA256SUMS")
        try OutputFile.write(index(archived), to: target + "/index.html")
        return []
    }

    /// What a build says when the current files differ from the release of their date.
    static func correctionWarning(date: String, differing: [String], archived: String) -> String {
        "更正：\(date) 版保持原样，网页和 data/latest/ 已是更正后的数据 — release \(date) keeps the files first published under this data date (\(differing.joined(separator: ", ")) differ now): releases never change. For a correction that is expected: the pages and data/latest/ show the corrected data, each corrected dataset's page says it was corrected after the release, and the corrected files are kept in \(archived) for citing. If these are new data rather than a correction, set meta data_as_of to their date so that they get a release of their own."
    }

    /// The datasets some of whose files are among `files` (names such as `ratings-excel.csv`).
    static func datasets(of files: [String], among names: [String]) -> Set<String> {
        Set(names.filter { name in files.contains { isFile($0, of: name) } })
    }

    /// Whether `file` (`ratings-excel.csv`) is one of the files of dataset `name`.
    static func isFile(_ file: String, of name: String) -> Bool { file.hasPrefix(name + ".") || file.hasPrefix(name + "-excel.") }

    /// `data/latest/`: every current file, credit records included, with SHA256SUMS.
    func writeLatest(files: [PublishedFile], datapackage: (name: String, sha256: String)) throws {
        let latest = data + "/latest"
        try FileManager.default.createDirectory(atPath: latest, withIntermediateDirectories: true)
        for (name, sha) in files.map({ ($0.name, $0.sha256) }) + [datapackage] {
            tree.noteLinked("data/latest/" + name, sha: sha)
            // An overlay's unchanged file is already in the output's latest/ (it mirrors data/).
            let source = tree.source("data/" + name)
            if tree.overlay, source != data + "/" + name, FileManager.default.fileExists(atPath: tree.previous + "/data/latest/" + name) { continue }
            try link(source, latest + "/" + name)
        }
        try tree.write("data/latest/SHA256SUMS", Self.sumsFile(files.map { ($0.name, $0.sha256) } + [datapackage]))
    }

    /// `sha256sum -c` format, sorted by file name.
    static func sumsFile(_ entries: [(String, String)]) -> String {
        entries.sorted { $0.0 < $1.0 }.map { "\($0.1)  \($0.0)\n" }.joined()
    }

    /// The change list of each correction that has one (archived by a yanglao that wrote it), by its path.
    func correctionChangeLists() -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for c in corrections() {
            guard let data = FileManager.default.contents(atPath: tree.source(c.path + "changes.json")),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            out[c.path] = json
        }
        return out
    }

    /// The change lists of every release of the new output, newest first.
    func changeLists() -> [(date: String, json: [String: Any])] {
        var dates = Set(((try? FileManager.default.contentsOfDirectory(atPath: releasesFolder)) ?? []).filter { Self.isDate($0) })
        if tree.overlay { dates.formUnion(previousReleaseDates()) }
        return dates.sorted(by: >).compactMap { d in
            guard let data = FileManager.default.contents(atPath: tree.source("data/releases/\(d)/changes.json")),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return (d, json)
        }
    }

    func link(_ from: String, _ to: String) throws {
        do { try FileManager.default.linkItem(atPath: from, toPath: to) } catch {
            try FileManager.default.copyItem(atPath: from, toPath: to) // another file system: copy
        }
    }

    func linkTree(from: String, to: String) throws {
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: from).sorted() {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: from + "/" + name, isDirectory: &isDir)
            if isDir.boolValue { try linkTree(from: from + "/" + name, to: to + "/" + name) }
            else { try link(from + "/" + name, to + "/" + name) }
        }
    }
}
