import ArgumentParser
import Foundation
import Synchronization
import YanglaoIndicators
import YanglaoMarkdown
import YanglaoOpenData
import YanglaoPreview
import YanglaoSample
import YanglaoSite
import YanglaoStore
import YanglaoValidation

@main
struct Yanglao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yanglao",
        abstract: "Publishes elderly-care disclosure data as a static website with open datasets（养老服务信息公开：生成网站和开放数据）.",
        version: "0.1.0",
        subcommands: [Build.self, Validate.self, Import.self, Export.self, Delete.self, Serve.self, Init.self, Load.self, Sample.self])

    /// As ArgumentParser's own main, except that a command that is not async (all but `serve`)
    /// runs on a thread with a stack of its own size: the async entry point would run it on a
    /// concurrency pool thread, whose small stack a debug build's large frames (the importer's)
    /// have overflowed.
    static func main() async {
        // A mistyped command (yanglao imprt) is named with the one meant; the parser would only
        // call it an unexpected argument.
        let names = configuration.subcommands.map { $0._commandName }
        if CommandLine.arguments.count > 1, let typed = CommandLine.arguments.dropFirst().first, !typed.hasPrefix("-"), !names.contains(typed), typed != "help" {
            let meant = names.min { SiteMeta.editDistance(Array(typed.unicodeScalars), Array($0.unicodeScalars))
                < SiteMeta.editDistance(Array(typed.unicodeScalars), Array($1.unicodeScalars)) }
            let close = meant.map { SiteMeta.editDistance(Array(typed.unicodeScalars), Array($0.unicodeScalars)) <= 2 } ?? false
            FileHandle.standardError.write(Data(("Error: there is no command \(typed)" + (close ? "; did you mean \(meant!)?" : ".")
                + " The commands: \(names.joined(separator: ", ")) (yanglao --help says what each does)"
                + "（没有 \(typed) 这个命令" + (close ? "，是不是 \(meant!)？" : "。") + "各命令的用途见 yanglao --help）\n").utf8))
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try onLargeStack { try command.run() }
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Runs `body` on a new thread with a 64 MB stack and waits for it.
func onLargeStack(_ body: @escaping () throws -> Void) throws {
    nonisolated(unsafe) let body = body
    nonisolated(unsafe) var failure: Error?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        do { try body() } catch { failure = error }
        done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
    if let failure { throw failure }
}

/// Prints a one-line error (several lines for several problems) and exits 1.
func fail(_ error: Error) -> ExitCode {
    var stderr = FileHandle.standardError
    // Foundation's errors print as a dump of their dictionary; say only the sentence.
    // Values quoted from the data may hold escape sequences: shown as <U+001B>, never run by the terminal.
    // A problem of an imported file is also said in Chinese, line by line (StoreError.withChinese).
    let message = (error as? StoreError)?.withChinese ?? "\(error)"
    let text = ControlCharacters.visible(error is CocoaError || type(of: error) == NSError.self ? (error as NSError).localizedDescription : message)
    print(text.hasPrefix("error: ") ? text : "error: \(text)", to: &stderr)
    // The system's own words (errno's), which no message of ours says in Chinese.
    for (words, chinese) in [("Permission denied", "没有权限读写上面所说的文件或文件夹：请用有权限的账户运行，或请管理员检查它的所有者和权限"),
                             ("No space left on device", "磁盘空间不足：请清理磁盘（df -h 查看剩余空间）后重新运行"),
                             ("Read-only file system", "该位置只读，不能写入：请换一个输出位置")] where text.contains(words) {
        print("（\(chinese)）", to: &stderr)
    }
    return .failure
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from a database and Markdown content（生成网站）.")

    @Option(help: "The SQLite database to publish (opened read-only)（要发布的数据库，只读）.") var db = "content/yanglao.sqlite"
    @Option(help: "Folder with policies/ and pages/ Markdown（政策和页面文稿所在文件夹）.") var content = "content"
    @Option(help: "Output folder; replaced only when the build succeeds（输出文件夹，生成成功才替换）.") var out = "site"
    @Option(name: .customLong("base-url"), help: "Where the site is served: a path such as /yanglao/, or a full address such as https://mzj.example.gov.cn/yanglao/ (letters, digits and - _ . ~ / in the path)（网站的发布地址）.") var baseURL = "/"
    @Option(name: .customLong("as-of"), help: "Reference date YYYY-MM-DD (2024/6/30 and 2024年6月30日 are read too) on which disclosure windows and rating validity are judged (default: data_as_of)（按哪一天判断公示期和等级有效期，默认为数据截至日期）.") var asOf: String?
    @Option(help: "Threads that render pages (default: one per core). The output is the same for any number（生成网页的线程数）.")
    var jobs: Int?
    @Flag(help: "Print nothing but errors and warnings（只显示错误和提醒）.") var quiet = false
    @Flag(help: "Publish even when the database lists fewer than half the facilities of the published site（机构数不到已发布网站的一半时仍然发布）.")
    var allowRemovals = false

    // Checked while the arguments are read, so a mistake is shown with this command's usage.
    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let asOf, ISODate(written: asOf) == nil {
            throw ValidationError("--as-of \(asOf): expected a date such as 2024-06-30 (2024/6/30 and 2024年6月30日 are read too)")
        }
    }

    func run() throws {
        let date = asOf.flatMap(ISODate.init(written:))
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        // A mistyped --out would start a whole new site somewhere else while staff believe they
        // updated theirs: a missing parent folder is refused, a new folder is said after the build.
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let parent = outURL.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            var stderr = FileHandle.standardError
            print("error: --out \(out): the folder \(parent) does not exist, so nothing was built; check the path for a typo, or create \(parent) first if a new site is meant to go there（输出文件夹的上级文件夹不存在，没有生成：请检查路径是否写错；确要在那里新建网站，请先创建该文件夹）", to: &stderr)
            throw ExitCode.failure
        }
        let newFolder = !FileManager.default.fileExists(atPath: outURL.path)
        let signals = Self.stopCleanlyOnSignals()
        defer { signals.forEach { $0.cancel() } }
        do {
            let bar = ProgressBar(enabled: !quiet)
            defer { bar.finish() }
            let s = try Publisher.build(BuildOptions(database: db, content: content, output: out, baseURL: baseURL, asOf: date, jobs: jobs,
                                                     allowRemovals: allowRemovals),
                                        progress: bar.update)
            bar.finish()
            var stderr = FileHandle.standardError
            for w in s.warnings { print("warning: \(ControlCharacters.visible(w))", to: &stderr) }
            if Interruption.requested {
                print("note: the stop request came while the new site was being put in place; that was finished, so the site is whole", to: &stderr)
            }
            guard !quiet else { return }
            print("built \(out)/: \(s.pages) pages, \(s.facilities) facilities, \(s.datasets) datasets in \(String(format: "%.2f", s.seconds)) s; "
                  + "files: \(s.written) written, \(s.unchanged) unchanged, \(s.removed) removed"
                  + "（网页 \(s.pages) 个，文件改写 \(s.written) 个、未变 \(s.unchanged) 个、删除 \(s.removed) 个）")
            if newFolder, (try? DataStore(path: db).meta().isSample) == false {
                print("note: \(out) did not exist, so a new site was started there, with its first release; if you meant to update the site already published, check --out and build into that folder（输出文件夹 \(out) 原先不存在，已在那里新建网站；如要更新已发布的网站，请检查 --out 是否写错）")
            }
            if let date = s.newRelease {
                // The day it is dated with stays with it: said, so a day left in meta is seen now.
                let day = (try? DataStore(path: db).meta())?.publishedOn.map { ", dated \($0) (meta published_on; the release keeps this day)（本版发布日期记为 \($0)）" } ?? ""
                print("new release \(date)\(day): \(out)/data/releases/\(date)/ (a release never changes; a correction under the same data_as_of updates the site and data/latest/ and is archived in data/corrections/\(date)/)")
            }
            // What staff changed, as the public change list says it (facilities removed, ratings added …).
            if let changes = s.changesZH { print("changes（本次变化）: \(changes)") }
            // Built from the sample (the default --db) by someone who meant their own data: said.
            if (try? DataStore(path: db).meta().isSample) == true {
                // The default database is the sample; one given with --db is staff's own, marked sample by mistake.
                let own = URL(fileURLWithPath: db).standardizedFileURL.path != URL(fileURLWithPath: "content/yanglao.sqlite").standardizedFileURL.path
                print("note: \(db) holds sample data (meta.sample is true), and every page says so; "
                      + (own ? "if these are real data, set sample to false in meta (yanglao export --db \(db) meta 设置.xlsx, change the value of sample to false, yanglao import --db \(db) meta 设置.xlsx) and build again"
                             + "（数据库设置 sample 为 true，网站每页都标明“示例数据”；正式数据请把 sample 的设置值改为 false 后重新导入设置、重新生成）"
                           : "to publish your own data give --db PATH（这是示例数据库，网站每页都标明“示例数据”；发布本地数据请用 --db 指定数据库）"))
            }
        } catch BuildError.interrupted {
            _ = fail(BuildError.interrupted)
            throw ExitCode(130) // as a shell reports a command stopped by Ctrl-C
        } catch {
            let code = fail(error)
            // Said once for every refusal (a meta error names only itself): the live site is as it was.
            var partlyUpdated = false
            if case BuildError.unfinishedCommit = error { partlyUpdated = true }
            let said = "\(error)".lowercased().contains("nothing was published")
            if !partlyUpdated, FileManager.default.fileExists(atPath: out + "/.yanglao-manifest") {
                var stderr = FileHandle.standardError
                // Only a problem of the data is one validate lists (not a Markdown file's, not a
                // busy output folder's or another build's).
                let ofData: Bool = if let b = error as? BuildError {
                    switch b { case .invalid, .unsafeIdentifier: true; default: false }
                } else { error is StoreError }
                print((said ? "" : "nothing was published; \(out)/ is as it was" + (ofData ? " (`yanglao validate --db \(db)` lists every problem of the database)" : ""))
                      + "（本次没有发布，网站保持原样）", to: &stderr)
            }
            throw code
        }
    }

    /// Ctrl-C and SIGTERM ask the build to stop at its next file and clean up (`Interruption`);
    /// a second Ctrl-C ends it at once (the next build then cleans up).
    static func stopCleanlyOnSignals() -> [DispatchSourceSignal] {
        onStopSignals { sig in
            // A second one ends it at once (a signal raised on this worker thread would be blocked).
            if Interruption.requested { _exit(128 + sig) }
            Interruption.request()
        }
    }
}

/// Runs `handler` (off the signal context, on a worker thread) for Ctrl-C, SIGTERM and a closed
/// terminal (SIGHUP) instead of letting them end the process; keep the sources while it matters.
func onStopSignals(_ handler: @escaping @Sendable (Int32) -> Void) -> [DispatchSourceSignal] {
    [SIGINT, SIGTERM, SIGHUP].map { sig in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler { handler(sig) }
        source.resume()
        return source
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an empty database with the current schema（新建空数据库）.")
    @Option(help: "Path of the new database（新数据库的路径）.") var db: String

    func run() throws {
        do {
            try DatabaseLoader.initialize(path: db)
            // Tables in Schema.tables order: each after the tables its rows refer to.
            print("""
                created \(db) (schema version \(Schema.version)), empty. Import one CSV file per table, in this order:
                  yanglao import --db \(db) meta meta.csv
                  then \(Schema.tables.dropFirst().joined(separator: ", ")) (yanglao import --db \(db) TABLE FILE)
                Columns of every table: docs/schema.md
                """)
        } catch { throw fail(error) }
    }
}

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a new database from a folder of CSV files (or .xlsx workbooks), one per table（从一个文件夹的表格建数据库）.",
        discussion: "Files are named by table (institutions.csv) or its Chinese title (机构名录.csv); headers name the table's columns, in English or the Chinese names of docs/schema.md. Every problem is reported at once; on any error the existing database is left as it was. An existing database with rows in a table the folder has no file for is not replaced (it would lose them) unless --allow-removals is given, and neither is a database of real data (meta sample false) replaced by a folder of sample data: to change some tables, use `yanglao import`.\n\n按表名（institutions.csv 或 机构名录.csv）把文件夹里的表格全部载入一个数据库；列名可用英文或中文。所有问题一次列出；有任何错误，原有数据库保持不变。会清空已有数据的表，或用示例数据覆盖正式数据的，不执行（除非加 --allow-removals）；只改几张表请用 yanglao import。")
    @Option(help: "Database to create or replace（要新建或替换的数据库）.") var db: String
    @Argument(help: "Folder with meta.csv, regions.csv, institutions.csv, …（各表格所在文件夹）") var folder: String
    @Flag(help: "Replace an existing database even though the folder has no file for some of its tables (they are emptied), or with sample data over real data（允许覆盖：清空文件夹中没有的表，或用示例数据覆盖正式数据）.")
    var allowRemovals = false

    func run() throws {
        do {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
                throw ValidationError(isFolder.boolValue || !FileManager.default.fileExists(atPath: folder)
                    ? "\(folder): no such folder (check the name; it holds one CSV file per table: meta.csv, regions.csv, …)（找不到这个文件夹）"
                    : "\(folder): this is a file, not a folder; to load one table's file use `yanglao import --db \(db) TABLE \(folder)`（这是文件，不是文件夹）")
            }
            let counts = try DatabaseLoader.load(directory: folder, into: db, extra: Validator.importRules, allowEmptying: allowRemovals)
            print("loaded \(db): " + counts.map { "\($0.table) \($0.rows)" }.joined(separator: ", "))
        } catch { throw fail(error) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a database against every rule the site relies on（检查数据库）.",
        discussion: "Lists every error and warning with table, row, column, value and what was expected. Exit code 1 when there are errors.\n\n列出数据库中的全部错误和提醒：哪张表、哪一行、哪一列、填了什么、应该怎样填（每条下面有中文说明）。有错误时网站不会生成，请先改正；提醒不影响发布。")

    enum Format: String, ExpressibleByArgument { case text, json }

    // Required: checking the sample database by default would report a clean bill for data never looked at.
    @Option(help: "The SQLite database to check (opened read-only; required, e.g. --db mydata.sqlite)（要检查的数据库）.") var db: String
    @Option(help: "text (one line per finding) or json（text 每处问题一行，json 供程序读取）.") var format: Format = .text

    func run() throws {
        let findings: [Finding]
        do { findings = try Validator.validate(DataStore(path: db)) } catch {
            // A machine reading --format json gets a document even when the database cannot be read.
            if format == .json { print("{\"database\":\(jsonString(db)),\"error\":\(jsonString("\(error)"))}") }
            throw fail(error)
        }
        let errors = findings.filter { $0.severity == .error }.count
        switch format {
        case .text:
            for f in findings {
                print(ControlCharacters.visible(f.description))
                print("  （\(ControlCharacters.visible(f.chinese))）")
            }
            print("\(db): \(errors) error(s), \(findings.count - errors) warning(s)（错误 \(errors) 处，提醒 \(findings.count - errors) 处）")
        case .json:
            let items = findings.map { f in "{" + f.jsonFields.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "}" }
            print("{\"database\":\(jsonString(db)),\"errors\":\(errors),\"warnings\":\(findings.count - errors),\"findings\":[" + items.joined(separator: ",") + "]}")
        }
        if errors > 0 { throw ExitCode.failure }
    }
}

/// JSON string literal (the CLI's only JSON output besides the site's).
func jsonString(_ s: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
}

extension TextEncoding: ExpressibleByArgument {
    /// The names staff know too: GBK, GB2312 and 936 are read as GB18030 (which holds them), utf8 as utf-8.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "gbk", "gb2312", "cp936", "936", "gb18030": self = .gb18030
        case "utf8", "utf-8": self = .utf8
        case "auto": self = .auto
        default: return nil
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load one CSV file or Excel .xlsx workbook into one table of an existing database（导入一张表格）.",
        discussion: """
            An .xlsx workbook is read as Excel would save its sheet as CSV (dates as 2024-01-05): the sheet named --sheet, else the \
            one named as the table (institutions or 机构名录), else the only sheet with data in it. \
            The header row must name every column of the table (any order; English or the Chinese names of docs/schema.md). Rows are \
            inserted, or updated when their primary key exists; --replace also removes the rows the file does not hold \
            (it refuses to empty the table or remove more than half of it without --allow-removals). \
            An institutions row that renames a facility and moves it to another region (a new facility typed with a code \
            already in use), or a file renaming more than half of its facilities (a name column sorted alone), is refused \
            without --allow-renames. \
            Blank rows are skipped and spaces around cells removed. Everything happens in one transaction: \
            if any row fails, nothing changes and the problems are listed (the first 200, then a count). The \
            rows go first into a copy of the database: if `yanglao validate` would then find an error it did not \
            find before (a rule across columns or tables), the import is refused and nothing changes. Import \
            parent tables first: meta, \(Schema.tables.dropFirst().joined(separator: ", ")). Excel's \
            "CSV" on Chinese Windows is GB18030; it is detected automatically.

            把一张 CSV 或 Excel（.xlsx）表格导入数据库中的一张表：已有编号的行被修改，新编号的行被新增，文件里没有的行保持不变\
            （加 --replace 则删去）。列名可用英文或中文，顺序不限。全部行一起导入：有一处问题就一行也不导入，并逐条说明第几行、哪一列、\
            应该怎样改。导入前先在副本上检查，会让网站无法生成的改动不会写入。加 --dry-run 只检查、不修改。
            """)

    @Option(help: "The database to change (required: the sample database is rebuilt by make and would lose the change)（要修改的数据库，必填）.") var db: String
    @Flag(help: "Make the table exactly the file: update rows by primary key, then remove the rows the file does not hold（整表替换：文件中没有的行将被删除）.") var replace = false
    @Flag(name: .customLong("allow-removals"), help: "Let --replace empty the table or remove more than half of its rows（允许整表替换删除一半以上的行）.") var allowRemovals = false
    @Flag(name: .customLong("allow-renames"), help: "Let institutions rows rename a facility and move it to another region, or rename more than half of the facilities in the file（允许机构改名并迁到别的地区，或一次改掉一半以上机构的名称）.") var allowRenames = false
    @Flag(name: .customLong("dry-run"), help: "Check everything and report, but change nothing（只检查、报告，不作任何修改）.") var dryRun = false
    @Option(help: "auto (UTF-8, else GB18030), utf-8 or gb18030 (gbk and gb2312 are read as gb18030)（文件编码，一般不用填）.") var encoding: TextEncoding = .auto
    @Option(help: ArgumentHelp("A county's file: its rows must be in this region (a code such as 141002, or a city's code for its counties); --replace then removes only this region's rows, and the report counts only them（县里报送的文件：只能含本地区的行）.",
                               valueName: "code")) var region: String?
    @Argument(help: "Table name, e.g. institutions, or its Chinese title, e.g. 机构名录（表名，英文或中文均可）.") var table: String
    @Option(help: ArgumentHelp("The sheet of an .xlsx workbook to read (by the name on its tab)（读取工作簿中的哪个工作表）.", valueName: "name")) var sheet: String?
    // Optional to the parser, so that a file given without its table is said as that (the
    // parser would report a missing <file> while the file was the one thing given).
    @Argument(help: ArgumentHelp("CSV file or .xlsx workbook（CSV 文件或 Excel .xlsx 工作簿）.", valueName: "file")) var given: String?
    var file: String { given ?? "" }

    func validate() throws {
        guard given == nil else { return }
        let looksLikeFile = FileManager.default.fileExists(atPath: table) || ["csv", "xlsx", "xls", "txt"].contains((table as NSString).pathExtension.lowercased())
        throw ValidationError(looksLikeFile
            ? "\(table) is the file: name the table before it, `yanglao import --db \(db) TABLE \(table)`; the tables: \(Schema.tables.joined(separator: ", "))"
                + "（\(table) 是文件：请在文件名前写上要导入的表名，如 yanglao import --db \(db) institutions \(table)）"
            : "missing the file to import into \(table): `yanglao import --db \(db) \(table) FILE`（缺少要导入的文件）")
    }

    func run() throws {
        // Every import goes first into a copy: it is refused when it would give the database
        // errors the build refuses (rules across rows and tables that a cell-by-cell import
        // cannot judge, such as certified caregivers above caregivers), and a dry run can say
        // what validate would find. The copy is then removed.
        Self.removeStaleCopies()
        let scratch = Self.copyPrefix + "\(ProcessInfo.processInfo.processIdentifier).sqlite"
        // The copy goes with the command, however it ends: normally, on an error, or on Ctrl-C.
        let signals = Self.removeOnSignals(scratch)
        defer {
            signals.forEach { $0.cancel() }
            Self.remove(scratch)
        }
        do {
            // Import fills a database made by `yanglao init`; without one it stops here with how to make it.
            try StoreError.checkDatabaseFile(db)
            var target = db
            do {
                do { try Database.copy(db, to: scratch) } catch {
                    Self.remove(scratch)
                    // The clerk would look at the database's disk, not at the temporary folder.
                    guard "\(error)".contains("disk is full") || "\(error)".contains("disk I/O") else { throw error }
                    let size = ((try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0) / 1_048_576 + 1
                    throw StoreError.cannotOpen(path: db, reason: "there is no room for the copy the import is checked on in "
                        + "\(PathText.folder(of: scratch)) (about \(size) MB needed); free some space there, or set TMPDIR "
                        + "to a folder with room (TMPDIR=/home/me/tmp yanglao import …). Nothing was changed")
                }
                target = scratch
            }
            var r = try TableImporter.run(database: target, table: table, file: file, replace: replace, dryRun: false, encoding: encoding,
                                          sheet: sheet, extra: Validator.importRules, allowRemovals: allowRemovals, allowRenames: allowRenames,
                                          region: region)
            // Every finding of the database as the import leaves it (said below), and the errors
            // among them it did not have before (which refuse the import).
            let (findingsAfter, added) = try Self.validate(before: db, after: target)
            // The same rows into the database itself (the copy showed they go in whole). From here
            // on Ctrl-C waits for it, so the database is never left half-written.
            if !dryRun, added.isEmpty {
                Self.writing.store(true, ordering: .sequentiallyConsistent)
                r = try TableImporter.run(database: db, table: table, file: file, replace: replace, dryRun: false, encoding: encoding,
                                          sheet: sheet, extra: Validator.importRules, allowRemovals: allowRemovals, allowRenames: allowRenames,
                                          region: region)
                target = db
            }
            r.dryRun = dryRun || !added.isEmpty
            let verb = r.dryRun ? "would import" : "imported"
            print("\(verb) \(file) (\(r.sheet.map { "xlsx, sheet “\($0)”" } ?? r.encoding.rawValue)) into \(r.table)\(r.replaced ? ", " : ": ")\(r.summary)"
                  + (dryRun ? " — dry run, nothing changed" : r.dryRun ? " — refused, nothing changed" : "")
                  + "（\(r.summaryZH)" + (dryRun ? "；只是试导入，数据库没有改动）" : r.dryRun ? "；被拒绝，数据库没有改动）" : "）"))
            // What changed in stored rows, so an unintended edit is seen now, not on the site.
            // Columns named as the exported spreadsheet heads them (床位数 (beds_total)).
            func heading(_ column: String) -> String { Schema.chineseName(table: r.table, column: column).map { "\($0) (\(column))" } ?? column }
            func changes(_ fields: [(column: String, from: String, to: String)]) -> String {
                fields.map { "\(heading($0.column)) \(ControlCharacters.visible($0.from)) → \(ControlCharacters.visible($0.to))" }.joined(separator: "; ")
            }
            for row in r.changedRows.prefix(10) {
                print("  line \(row.line), \(ControlCharacters.visible(row.key)): " + changes(row.fields))
            }
            if r.updated > 10 || r.changedRows.count > 10 {
                print("  … \(r.updated) rows changed in all; by column: " + r.changedColumns.map { "\(heading($0.column)) \($0.rows)" }.joined(separator: ", "))
                // An edit made by few rows is the one most likely made by mistake: each is shown.
                let shown = Set(r.changedRows.prefix(10).map(\.line))
                for row in r.rareChanges where !shown.contains(row.line) {
                    print("  also line \(row.line), \(ControlCharacters.visible(row.key)): " + changes(row.fields))
                }
            }
            if !r.insertedRows.isEmpty {
                print("  new: " + r.insertedRows.map { "line \($0.line), \(ControlCharacters.visible(PersonalNumbers.shown($0.key)))" }.joined(separator: "; ")
                      + (r.inserted > r.insertedRows.count ? "; … \(r.inserted) in all" : ""))
            }
            for twin in r.renamedKeys {
                print("  warning: line \(twin.line): \(twin.new) is a new facility, and \(twin.name) is also kept under \(twin.old) (not in this file). "
                      + "If the code was corrected, the old row is still there, and its ratings and credit records still name \(twin.old): "
                      + "first change institution_id (机构统一社会信用代码) to \(twin.new) in those rows (export ratings and credit_records, correct, import), "
                      + "then remove the old row with `yanglao delete --db \(db) institutions \(twin.old)` (without --with-dependents, it refuses while any still refer to it)")
            }
            if r.deleted > 0 {
                print("  removed (not in the file): " + r.removedKeys.map { ControlCharacters.visible(PersonalNumbers.shown($0)) }.joined(separator: "; ")
                      + (r.deleted > r.removedKeys.count ? "; … \(r.deleted) in all" : ""))
            }
            // An old export imported again takes rows back to what they were: their update day goes back.
            let back = r.updateDayGoesBack
            if back.count > 0 {
                print("warning: \(back.count) row(s) \(r.dryRun ? "would go" : "went") back to an earlier 信息更新日期 (updated_on) than the database had ("
                      + back.first.map { "line \($0.line), \($0.key): \($0.from) → \($0.to)" }.joined(separator: "; ")
                      + (back.count > back.first.count ? "; …" : "") + "): is this file an old export? Its other values would undo changes made since; export the table again and make the change there"
                      + "（有 \(back.count) 行“信息更新日期”比数据库中的早：这个文件可能是以前导出的旧文件，导入会把之后的修改改回去；请重新导出最新的表格再修改）")
            }
            // The sample database is rebuilt by make from content/data whenever those files change
            // (a git pull): a change made in it is lost then, and pages say 示例数据 meanwhile.
            if !r.dryRun, r.table != "meta", r.inserted + r.updated + r.deleted > 0, (try? DataStore(path: db).meta().isSample) == true {
                // Only make's own database (content/yanglao.sqlite) is rebuilt; a copy is only marked sample.
                if URL(fileURLWithPath: db).standardizedFileURL.path.hasSuffix("/content/yanglao.sqlite") {
                    print("warning: \(db) holds the sample data (meta sample is true): every page built from it says 示例数据, and `make` rebuilds its sample database "
                          + "from content/data whenever those files change (this change would then be lost). Keep your data in a database of its own (yanglao export --all FOLDER, then yanglao load --db mydata.sqlite FOLDER, and set sample to false)"
                          + "（这是示例数据库，make 会按 content/data 重建它，本次修改届时会丢失；请把本地数据放在自己的数据库中）")
                } else {
                    print("note: \(db) is marked as sample data (meta sample is true): every page built from it says 示例数据. When it holds your real data, set sample to false in table meta"
                          + "（这个数据库标为示例数据，网站每页都会注明“示例数据”；存放的是正式数据时，请在“站点设置”表中把 sample 改为 false）")
                }
            }
            // An older database brought to this version: an older yanglao can no longer read it.
            if let from = r.upgradedFrom {
                print("note: \(db) \(r.dryRun ? "would be" : "was") upgraded from schema version \(from) to \(Schema.version) (\(Schema.versionNote)); an older yanglao cannot read it any more"
                      + "（数据库\(r.dryRun ? "将" : "已")从结构版本 \(from) 升级到 \(Schema.version)，旧版 yanglao 不能再读取；请在所有用到它的电脑上更新 yanglao）")
            }
            // A header and no rows: nothing changes, but the wrong file or sheet is the likely cause.
            if r.inserted + r.updated + r.unchanged == 0, !r.replaced, r.notInFile > 0 {
                print("warning: the file has the column names but no rows of data: nothing was imported (the wrong file, or the wrong sheet?)"
                      + "（文件只有表头，没有数据行，什么也没有导入：是不是选错了文件或工作表？）")
            }
            if r.notInFile > 0 {
                print("\(r.notInFile) row(s) of \(r.table)\(region.map { " in region \($0)" } ?? "") are not in this file and \(r.dryRun ? "would be" : "were") kept as they are "
                      + "(\(r.keptKeys.map { ControlCharacters.visible(PersonalNumbers.shown($0)) }.joined(separator: "; "))\(r.notInFile > r.keptKeys.count ? "; …" : "")). A row deleted in the spreadsheet is "
                      + "not deleted from the database: "
                      + (r.table == "regions" ? "make the table exactly the file with --replace (rows of regions are not deleted one by one)"
                         : r.table == "meta" ? "remove a setting that is not required (such as corrected_on) with `yanglao delete --db \(db) meta KEY`, or make the table exactly the file with --replace"
                         : "remove one with `yanglao delete`, or make \(region == nil ? "the table" : "the region's rows") exactly the file with --replace")
                      + (region == nil && r.table != "meta" && r.table != "regions" ? "; a county's own file: add --region CODE" : "") + "."
                      + "（文件里没有的 \(r.notInFile) 行保持原样，没有删除；要删除某一行，用 yanglao delete。）")
            }
            let worked = r.ignoredColumns.filter { $0 != "序号" }
            if !worked.isEmpty { print(Self.skippedColumnsNote(worked, table: r.table)) }
            if r.ignoredColumns.contains("序号") { print("skipped the column 序号: a spreadsheet's row numbers") }
            if !added.isEmpty {
                // Each error of a row from the file with its line, so the clerk finds it in Excel.
                let keys = Set(added.filter { $0.table == r.table }.map(\.row))
                let rowids = (try? Database(path: target, mode: .readOnly).rowids(table: r.table, keys: keys)) ?? [:]
                let lines = rowids.compactMapValues { r.lineOfRow[$0] }
                throw ImportRefused(file: file, table: r.table, database: db, findings: added, dryRun: dryRun, lines: lines)
            }
            Self.reportFindings(findingsAfter, table: r.table, db: target, dryRun: dryRun)
            // The dry run read a copy: the import itself must also be able to write the database now.
            if dryRun, let db = try? Database(path: db, mode: .readWriteCreate), !db.writeLockIsFree() {
                print("note: the import itself could not run now: \(Database.lockedAdvice)")
            }
        } catch { throw fail(error) }
    }

    /// What `yanglao validate` finds in the database at `path` (nothing when it cannot be read).
    static func findings(_ path: String) -> Result<[Finding], Error> { Result { try Validator.validate(DataStore(path: path)) } }

    /// The findings of `after`, and its errors that `before` does not have. The same rule on the
    /// same cell is the same error even when the values it quotes changed ("at most caregivers (5)"
    /// and "(6)"): the rule is told by its words, digits left out. The two databases are validated
    /// at once, one on each core (each was a third of importing 20 000 rows).
    /// A database that cannot be validated (a table another tool made again) refuses the
    /// import with validate's own error: no findings is not the same as no errors.
    static func validate(before: String, after: String) throws -> (after: [Finding], added: [Finding]) {
        // Two properties, each written by one thread (two slots of one array would be one value written by both).
        final class Results: @unchecked Sendable { var before: Result<[Finding], Error> = .success([]), after: Result<[Finding], Error> = .success([]) }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            if n == 0 { results.before = findings(before) } else { results.after = findings(after) }
        }
        let (beforeFound, afterFound) = (try results.before.get(), try results.after.get())
        func identity(_ f: Finding) -> String {
            "\(f.table)\u{1F}\(f.row)\u{1F}\(f.column)\u{1F}" + String(f.expected.unicodeScalars.filter { !("0"..."9").contains($0) })
        }
        let known = Set(beforeFound.filter { $0.severity == .error }.map(identity))
        return (afterFound, afterFound.filter { $0.severity == .error && !known.contains(identity($0)) })
    }

    /// The columns of a downloaded dataset that import skips, and where a change made in them
    /// goes instead: an edited 当前等级 is not imported, and the clerk must not think it was.
    static func skippedColumnsNote(_ columns: [String], table: String) -> String {
        let chinese = Schema.publishedOnlyChinese[table] ?? [:]
        func canonical(_ name: String) -> String {
            chinese.first { $0.value == name }?.key ?? (name == "机构名称" ? "institution_name" : name)
        }
        let kinds = Set(columns.map(canonical))
        var english: [String] = [], zh: [String] = []
        if table == "ratings", kinds.contains("state") {
            english.append("a rating's state follows its valid_until and withdrawn_on")
            zh.append("评定状态由“有效期至”和“撤销日期”决定")
        } else if !kinds.isDisjoint(with: ["rating_level", "rating_state"]) {
            english.append("a rating is changed in table ratings (import the new rating, or its withdrawn_on)")
            zh.append("等级请在“等级评定”表中导入新的评定（或填写撤销日期）")
        }
        if kinds.contains("region_name") || (table == "ratings" && kinds.contains("region_code")) {
            english.append(table == "institutions" ? "a facility moves by its region_code" : "a facility moves by its region_code in table institutions")
            zh.append(table == "institutions" ? "所属地区请改“行政区划代码”" : "所属地区请在“机构名录”表中改“行政区划代码”")
        }
        if kinds.contains("institution_name") {
            english.append("a facility's name is changed in table institutions")
            zh.append("机构名称请在“机构名录”表中改")
        }
        if !kinds.isDisjoint(with: ["metric_name", "indicator_name", "unit"]) {
            english.append("names and units follow the code in the row")
            zh.append("名称和单位随本行的代码而定")
        }
        let named = columns.map { "“\($0)”" }.joined()
        return "skipped the column(s) \(columns.joined(separator: ", ")): the site works them out from other tables, so a change made in them is not imported"
            + (english.isEmpty ? "" : "; " + english.joined(separator: "; "))
            + "（跳过了\(named)列：这些列由网站根据其他表算出，在这些列里的修改不会导入" + (zh.isEmpty ? "" : "；" + zh.joined(separator: "；")) + "）"
    }

    /// Where the copies an import checks are made; the process id ends the name.
    static let copyPrefix = FileManager.default.temporaryDirectory.appendingPathComponent("yanglao-import-").path

    static func remove(_ copy: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
    }

    /// Copies left by an import that was killed (its process is gone).
    static func removeStaleCopies() {
        let folder = PathText.folder(of: copyPrefix), name = (copyPrefix as NSString).lastPathComponent
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasPrefix(name) {
            guard let pid = Int32(file.dropFirst(name.count).prefix { $0.isNumber }), pid > 0,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + file)
        }
    }

    /// Set once the checked rows go into the database itself.
    static let writing = Atomic<Bool>(false)

    /// Ctrl-C, SIGTERM or a closed terminal (SIGHUP) during an import. While the rows are
    /// checked on the copy, nothing has changed: the copy is removed and the command ends at
    /// once (status 130). Once they are being written into the database, it finishes first,
    /// so the database is never left half-written, and says so.
    static func removeOnSignals(_ copy: String) -> [DispatchSourceSignal] {
        onStopSignals { _ in
            var stderr = FileHandle.standardError
            if writing.load(ordering: .sequentiallyConsistent) {
                print("yanglao: the checked rows are being written into the database; finishing first, so that it is not left half-written（正在写入已检查的数据，写完再停）", to: &stderr)
                return
            }
            remove(copy)
            print("interrupted: nothing was imported; the database is as it was（已中断，没有导入，数据库保持原样）", to: &stderr)
            _exit(130)
        }
    }

    /// An import that would leave errors the build refuses.
    struct ImportRefused: Error, CustomStringConvertible {
        let file: String, table: String, database: String
        let findings: [Finding]
        let dryRun: Bool
        /// The file's line of a row, by key (rows the file wrote).
        var lines: [String: Int] = [:]

        var description: String {
            let name = (file as NSString).lastPathComponent
            // In the file's order, each with its line where the row came from the file.
            let ordered = findings.enumerated().sorted { a, b in
                let (x, y) = (a.element.table == table ? lines[a.element.row] : nil, b.element.table == table ? lines[b.element.row] : nil)
                return (x ?? Int.max, a.offset) < (y ?? Int.max, b.offset)
            }.map(\.element)
            let shown = ordered.prefix(20).map { f in
                "  " + ((f.table == table ? lines[f.row] : nil).map { "\(name):\($0): " } ?? "") + f.description + "\n    （\(f.chinese)）"
            }.joined(separator: "\n")
            let more = findings.count > 20 ? "\n  … and \(findings.count - 20) more" : ""
            return "\(dryRun ? "importing" : "did not import") \(file) into \(table): the database would then have \(findings.count) error(s) "
                + "that the build refuses to publish\(dryRun ? "" : "; nothing was changed in \(database)"). Correct these rows in the file "
                + "(or the rows of other tables they name) and import again:\n\(shown)\(more)"
        }
    }

    /// What `yanglao validate` now says about the imported table (rules across rows and
    /// tables, and warnings, that a cell-by-cell import cannot judge), so staff hear of a
    /// problem now rather than when the build refuses.
    static func reportFindings(_ all: [Finding], table: String, db: String, dryRun: Bool = false) {
        let findings = all.filter { $0.table == table }.sorted { $0.severity < $1.severity }
        guard !findings.isEmpty else { return }
        let errors = findings.filter { $0.severity == .error }.count
        print("yanglao validate \(dryRun ? "would then find" : "now finds") \(errors) error(s) and \(findings.count - errors) warning(s) in \(table)"
              + (errors > 0 ? " (the build refuses to publish until the errors are corrected)" : "") + ":")
        for f in findings.prefix(20) { print("  \(f)\n    （\(f.chinese)）") }
        if findings.count > 20 { print("  … and \(findings.count - 20) more" + (dryRun ? "" : ": yanglao validate --db \(db)")) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a table as an .xlsx workbook or CSV (or every table as CSV) to correct in Excel and import back（导出表格，在 Excel 中修改后再导入）.",
        discussion: """
            `yanglao export --db my.sqlite institutions 机构.xlsx` writes every row of one table as an Excel \
            workbook (机构.csv: as CSV); `yanglao import --db my.sqlite institutions 机构.xlsx` reads the corrected file back (rows \
            left as they were are reported unchanged). With --all, ARGUMENTS is a folder and every table is \
            written as <table>.csv, the layout `yanglao load` reads: a text copy of the whole database. \
            The file is for Excel (UTF-8 with a byte-order mark, the Chinese words the site shows for coded \
            columns, 是/否, codes kept as text); --plain writes the values exactly as stored. Unlike the \
            published datasets, an export holds every credit record and unmasked names: it is for staff only.

            把一张表导出为 Excel 工作簿（.xlsx）或 CSV，在 Excel 中修改后用 yanglao import 导回；没改的行导入时显示为“未变”。\
            导出的文件含全部信用记录和未打码的姓名，只供工作人员使用，不能公开。
            """)

    @Option(help: "The database to read (opened read-only)（要读取的数据库，只读）.") var db: String
    @Flag(help: "Write every table into the folder given as the only argument（把所有表导出到一个文件夹）.") var all = false
    @Flag(help: "Stored values (codes, 1/0), UTF-8 without a byte-order mark, no spreadsheet rules（导出原始值，供程序使用）.") var plain = false
    @Flag(help: "Replace files that already exist（覆盖已有文件）.") var force = false
    @Argument(help: "TABLE FILE (e.g. institutions 机构.xlsx or 机构.csv), or with --all one FOLDER（表名和文件名）.") var arguments: [String] = []

    func validate() throws {
        if all, arguments.count != 1 { throw ValidationError("with --all, give one folder: yanglao export --db DATABASE --all FOLDER") }
        if !all, arguments.count != 2 { throw ValidationError("give a table and a file: yanglao export --db DATABASE institutions 机构.csv (or --all FOLDER)") }
    }

    func run() throws {
        do {
            let written = all ? try TableExporter.exportAll(database: db, folder: arguments[0], plain: plain, overwrite: force)
                : [try TableExporter.export(database: db, table: arguments[0], to: arguments[1], plain: plain, overwrite: force)]
            for e in written {
                print("exported \(e.table): \(e.rows) rows to \(e.path)")
                if !e.tooLong.isEmpty {
                    print("note: \(e.path) has cells longer than Excel keeps (32 767 characters: \(e.tooLong.joined(separator: ", "))); saved from Excel they would be cut. Correct those rows with another tool, or leave them out of the file")
                }
                // Excel shows 1 048 576 rows, header included, and saves only those.
                if e.rows >= 1_048_576 {
                    print("note: \(e.path) has more rows than Excel opens (1 048 575 after the header); saved from Excel it would lose the rest. Import it without opening it in Excel, or correct it with a tool that reads it whole")
                }
            }
            if written.contains(where: { $0.table == "credit_records" && $0.rows > 0 }) {
                print("note: credit_records holds every record as stored, with people's names unmasked: for staff only, never publish this file")
            }
        } catch { throw fail(error) }
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete rows of one table by their key (id or code)（按编号删除误录的行）.",
        discussion: """
            For a row entered by mistake: `yanglao delete institutions 52141021MA0K00001W --db my.sqlite`. \
            Rows of other tables that refer to a deleted row (an institution's ratings and credit records) \
            stop the deletion unless --with-dependents deletes them too. One transaction: every row goes or \
            none does. A facility that closed is not deleted: set its status to closed, so its page says so.

            删除误录的行。引用这些行的其他表的行（机构的评级和信用记录）会阻止删除，除非加 --with-dependents 一并删除。\
            已关闭的机构不要删除：把它的状态改为“已关闭”，网站会如实显示。
            """)

    @Option(help: "The database to change (required: the sample database is rebuilt by make and would lose the change)（要修改的数据库，必填）.") var db: String
    @Flag(name: .customLong("with-dependents"), help: "Also delete the rows of other tables that refer to these rows（连同引用这些行的其他表的行一起删除）.")
    var withDependents = false
    @Flag(name: .customLong("withdraw-disclosed"), help: "Also delete credit records still inside their disclosure period (they leave the site at the next build)（连同仍在公示期内的信用记录一起删除）.")
    var withdrawDisclosed = false
    @Flag(name: .customLong("dry-run"), help: "Check everything and report, but change nothing（只检查、报告，不作任何修改）.") var dryRun = false
    @Argument(help: "Table name, e.g. institutions, or its Chinese title, e.g. 机构名录（表名，英文或中文均可）.") var table: String
    @Argument(help: "Keys of the rows to delete（要删除的行的编号）.") var keys: [String]

    func run() throws {
        guard !keys.isEmpty else { throw ValidationError("name at least one key") }
        do {
            if !withdrawDisclosed { try refuseWithdrawingDisclosures() }
            let r = try RowDeleter.run(database: db, table: table, keys: keys, withDependents: withDependents, dryRun: dryRun)
            print("\(r.dryRun ? "would delete" : "deleted") \(r.summary)" + (r.dryRun ? " — dry run, nothing changed" : "")
                  + "（\(r.dryRun ? "试运行，未删除；将删除" : "已删除")“\(Schema.tableTitles[r.table] ?? r.table)”表 \(r.deleted) 行"
                  + (r.dependents.isEmpty ? "" : "，连同" + r.dependents.map { "“\(Schema.tableTitles[$0.table] ?? $0.table)”表 \($0.count) 行" }.joined(separator: "、")) + "）")
        } catch { throw fail(error) }
    }
}

extension Delete {
    struct DeletionRefused: Error, CustomStringConvertible { let description: String }

    /// A credit record inside its disclosure period is public: deleting it (or the facility with
    /// its records) takes a penalty off the site, which should be a decision, not a side effect.
    /// A closed facility keeps its records public; a record entered by mistake goes with
    /// --withdraw-disclosed. (Unknown keys and other refusals are left to the deletion itself.)
    func refuseWithdrawingDisclosures() throws {
        let target = Schema.table(named: table)
        guard target == "credit_records" || (target == "institutions" && withDependents),
              FileManager.default.fileExists(atPath: db) else { return }
        let store = try DataStore(path: db)
        let wanted = RowDeleter.normalisedKeys(table: target!, keys)
        let records = target == "credit_records"
            ? try wanted.compactMap { try store.creditRecord(id: $0) }
            : try wanted.flatMap { try store.creditRecords(of: $0) }
        guard !records.isEmpty else { return }
        // Without readable settings no one can tell which are public: not a reason to let them go unasked.
        guard let meta = try? store.meta(), let policy = try? DisclosurePolicy(meta: meta) else {
            throw DeletionRefused(description: "table meta of \(db) cannot be read (`yanglao validate --db \(db)` says why), so whether the \(records.count) credit record(s) "
                + "to delete are still disclosed cannot be told. Correct meta first, or, if the records were entered by mistake, delete again with --withdraw-disclosed. Nothing was deleted."
                + "\n（站点设置表 meta 有误，无法判断要删除的信用记录是否仍在公示期内：请先改正 meta；确属录入错误的，加上 --withdraw-disclosed 再删除。本次没有删除任何数据。）")
        }
        let disclosed = records.filter(policy.isDisclosed)
        guard !disclosed.isEmpty else { return }
        func line(_ c: CreditRecord) -> String {
            let until = policy.lastDay(of: c).map { "，公示至 \($0)" } ?? ""
            return "  \(c.id) \(CodeWords.label("credit_records.kind", c.kind)) \(c.decidedOn)\(until)：\(PersonalNumbers.shown(c.subjectName))"
        }
        let listed = disclosed.prefix(10).map(line).joined(separator: "\n") + (disclosed.count > 10 ? "\n  …" : "")
        let english = "\(disclosed.count) credit record(s) to delete are still disclosed on the site (inside their disclosure period as of \(policy.asOf)):\n"
            + listed + "\nA facility that closed keeps its records public: set its status to closed (已关闭) with `yanglao import` instead of deleting it. "
            + "If the records were entered by mistake, delete again with --withdraw-disclosed. Nothing was deleted."
        let chinese = "（要删除的信用记录中有 \(disclosed.count) 条仍在公示期内，删除后将从网站撤下。机构关闭请把状态改为“已关闭”，不要删除；"
            + "确属录入错误的，加上 --withdraw-disclosed 再删除。本次没有删除任何数据。）"
        throw DeletionRefused(description: english + "\n" + chinese)
    }
}

/// A progress bar on a terminal; on a pipe or in CI, a plain line per quarter.
final class ProgressBar {
    let enabled: Bool
    let terminal = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    private var lastQuarter = -1
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ phase: String, _ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        if terminal {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            print("\r\(phase) [\(bar)] \(done)/\(total)", terminator: "")
            fflush(nil)
            drawn = true
        } else {
            let quarter = done * 4 / total
            if quarter > lastQuarter { lastQuarter = quarter; print("\(phase): \(done)/\(total)") }
        }
    }

    func finish() { if drawn { print("\r\u{1B}[K", terminator: ""); fflush(nil); drawn = false } }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on this computer: build, serve on 127.0.0.1, rebuild and reload on change（在本机预览网站）.")

    @Option(help: "The SQLite database to publish (opened read-only)（要发布的数据库，只读）.") var db = "content/yanglao.sqlite"
    @Option(help: "Folder with policies/ and pages/ Markdown（政策和页面文稿所在文件夹）.") var content = "content"
    // Not site/: a trial data date while previewing would otherwise add a release to what is deployed.
    @Option(help: "Output folder of the preview (kept apart from the published site/)（预览输出文件夹）.") var out = "preview"
    @Option(help: "Port on 127.0.0.1（本机端口）.") var port: UInt16 = 8080

    func run() async throws {
        // The preview is a scratch copy: trying a smaller database or an earlier data date there is fine.
        var options = BuildOptions(database: db, content: content, output: out, allowRemovals: true)
        options.scratch = true
        let server = PreviewServer(options: options, port: port) { print(ControlCharacters.visible($0)); fflush(nil) }
        do { try await server.run() } catch { throw fail(error) }
    }
}

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a synthetic national database of any size (for benchmarks; every name is invented)（生成测试用的虚构数据）.")
    @Option(help: "Number of facilities（机构数量）.") var institutions: Int
    @Option(help: "Random seed: the same seed gives the same database（随机种子：相同的种子生成相同的数据库）.") var seed: UInt64 = 1
    @Option(help: "Path of the new database（新数据库的路径）.") var db: String

    func run() throws {
        do {
            let counts = try SyntheticNation.generate(institutions: institutions, seed: seed, into: db)
            print("created \(db): " + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        } catch { throw fail(error) }
    }
}
