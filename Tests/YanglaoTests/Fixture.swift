import Foundation
import XCTest
@testable import YanglaoSite
import YanglaoStore

/// A small, readable sample: one city (临汾市) with two counties, four
/// facilities, two ratings, four credit records, two services, two targets,
/// one policy and one page. Written as CSV and Markdown text into a fresh
/// temporary folder, then loaded with `DatabaseLoader`.
enum Sample {
    static let city = "141000"
    static let quwo = "141021"     // 曲沃县
    static let yicheng = "141022"  // 翼城县

    static let fushou = "52141021MA0K00001W"     // 曲沃县福寿养老院, rated (current)
    static let scriptHome = "12141021MA0K000024" // name is an HTML injection attempt
    static let kangle = "52141022MA0K00003H"     // 翼城县康乐养老中心, rated (expired)
    static let chengdong = "52141022MA0K00004L"  // community facility
    static let institutionIDs = [fushou, scriptHome, kangle, chengdong]

    static let scriptName = #"<script>alert("x")</script>养老院"#

    static let disclosedPenaltyNo = "曲民罚〔2024〕12号"
    static let expiredPenaltyNo = "曲民罚〔2022〕999号"
    static let repairedPenaltyNo = "曲民罚〔2024〕777号"
    static let personPenaltyNo = "翼民罚〔2024〕5号"
    static let personName = "王小明"
    static let maskedPersonName = "王*明"

    static let policySlug = "quwo-plan-2024"

    /// One CSV text per table, keyed by table name.
    static let tables: [String: String] = [
        "meta": """
            key,value
            contact,测试联系人 0357-0000000
            data_as_of,2024-12-31
            licence,CC BY 4.0
            publisher,测试发布单位
            sample,true
            title,测试养老服务信息公开

            """,
        "regions": """
            code,name,level,parent_code
            140000,山西省,province,
            141000,临汾市,city,140000
            141021,曲沃县,county,141000
            141022,翼城县,county,141000

            """,
        "region_stats": """
            region_code,year,metric,value,kind,source
            141021,2022,population,220000,actual,测试统计
            141021,2025,population_60plus,47700,projection,测试规划附件2
            141021,2022,urban_communities,10,actual,测试统计
            141021,2023,beds_institution_existing,471,actual,测试规划附件2
            141021,2023,beds_community_fullcare_existing,120,actual,测试规划附件2
            141022,2022,population,300000,actual,测试统计
            141022,2025,population_60plus,60000,projection,测试规划附件2
            141022,2022,urban_communities,12,actual,测试统计
            141022,2023,beds_institution_existing,900,actual,测试规划附件2
            141022,2023,beds_community_fullcare_existing,400,actual,测试规划附件2

            """,
        "institutions": """
            id,name,region_code,category,ownership,address,phone,latitude,longitude,opened_on,status,beds_total,beds_nursing,residents,caregivers,caregivers_certified,social_workers,medical_integration,fire_safety_accepted,updated_on
            52141021MA0K00001W,曲沃县福寿养老院,141021,institution,private,曲沃县乐昌镇1号,0357-1111111,35.64,111.47,2015-05-01,operating,100,60,80,10,6,1,contracted,1,2024-12-01
            12141021MA0K000024,"<script>alert(""x"")</script>养老院",141021,institution,public,曲沃县史村镇,,,,2010-01-01,operating,50,10,30,5,2,0,none,0,2024-11-01
            52141022MA0K00003H,翼城县康乐养老中心,141022,institution,private,翼城县唐兴镇,0357-2222222,35.73,111.71,2018-09-09,operating,120,90,100,12,8,1,in_house,1,2024-10-01
            52141022MA0K00004L,翼城县城东社区日间照料中心,141022,community,public,翼城县城东社区,,,,2020-03-03,operating,10,0,,,,,none,0,2024-10-01

            """,
        "ratings": """
            id,institution_id,level,score,rated_on,valid_until,assessor,document_no,withdrawn_on
            R1,52141021MA0K00001W,3,82.5,2023-03-01,2026-02-28,测试等级评定委员会,测民发〔2023〕3号,
            R2,52141022MA0K00003H,2,70,2020-01-10,2023-01-09,测试等级评定委员会,测民发〔2020〕1号,

            """,
        "credit_records": """
            id,institution_id,kind,subject_type,subject_name,decided_on,document_no,authority,reason,basis,result,fine_yuan,severity,disclose_until,repaired_on
            C1,52141021MA0K00001W,penalty,organisation,曲沃县福寿养老院,2024-06-10,曲民罚〔2024〕12号,曲沃县民政局,未按规定开展能力评估,《养老机构管理办法》第四十六条,罚款,2000,ordinary,,
            C2,52141022MA0K00003H,penalty,organisation,翼城县康乐养老中心,2022-01-05,曲民罚〔2022〕999号,翼城县民政局,消防器材失效,《消防法》第六十条,警告,,ordinary,,
            C3,52141021MA0K00001W,penalty,organisation,曲沃县福寿养老院,2024-03-01,曲民罚〔2024〕777号,曲沃县民政局,未公示收费标准,《养老机构管理办法》第四十六条,警告,,ordinary,,2024-09-01
            C4,52141022MA0K00003H,penalty,person,王小明,2024-08-01,翼民罚〔2024〕5号,翼城县民政局,无证从事护理工作,《养老机构管理办法》第四十六条,警告,,ordinary,,

            """,
        "services": """
            id,seq,target_group,name,content,type,department,local_addition,region_code
            S1,1,特困老年人,特困人员供养,为特困老年人提供基本生活条件,material,市民政局,0,141000
            S2,2,80周岁及以上老年人,高龄津贴,按月发放高龄津贴,material,市民政局,1,141000

            """,
        "targets": """
            indicator,region_code,year,value,comparator,binding,source
            nursing_bed_share,141000,2025,55,>=,binding,测试规划 表一
            beds_total,141021,2028,300,>=,expected,测试规划 附件1

            """,
    ]

    static let policy = """
        ---
        title: 曲沃县养老服务规划（测试）
        document_number: 曲政发〔2024〕1号
        issuer: 曲沃县人民政府
        issued_on: 2024-05-29
        status: 现行有效
        summary: 测试用的政策摘要。
        tags: [规划, 曲沃]
        ---

        ## 主要目标

        到2025年护理型床位占比不低于55%，详见[机构名录](/institutions/)。

        | 指标 | 目标 |
        |---|---|
        | 护理型床位占比 | 55% |

        """

    static let aboutPage = """
        ---
        title: 关于本站
        summary: 测试站点说明。
        ---

        ## 本站是做什么的

        公开养老机构名录。

        """
}

/// A temporary workspace for one test, removed when the test ends.
final class Workspace {
    let root: URL

    /// Makes `table` of the database again without STRICT, as another tool might, then runs `then`.
    func loosen(_ table: String, in db: String, then sql: String = "") throws {
        try Database(path: db, mode: .readWriteCreate).execute("""
            PRAGMA foreign_keys = OFF;
            CREATE TABLE loose AS SELECT * FROM \(table); DROP TABLE \(table); ALTER TABLE loose RENAME TO \(table);
            \(sql)
            """)
    }

    init(_ test: XCTestCase) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("yanglao-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.path
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Writes `tables` (with `changes` applied: nil removes a file) as `<folder>/<table>.csv`.
    @discardableResult
    func writeCSV(folder: String = "csv", _ changes: [String: String?] = [:]) throws -> String {
        var tables = Sample.tables
        for (table, text) in changes { tables[table] = text }
        let dir = path(folder)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (table, text) in tables {
            try write(text, to: "\(folder)/\(table).csv")
        }
        return dir
    }

    /// Loads the sample (with `changes`) into `<name>` and returns its path.
    func database(_ name: String = "yanglao.sqlite", _ changes: [String: String?] = [:]) throws -> String {
        let csv = try writeCSV(folder: "csv-\(UUID().uuidString)", changes)
        let db = path(name)
        try DatabaseLoader.load(directory: csv, into: db)
        return db
    }

    /// The Markdown content folder: one policy, one page.
    func content() throws -> String {
        try write(Sample.policy, to: "content/policies/\(Sample.policySlug).md")
        try write(Sample.aboutPage, to: "content/pages/about.md")
        return path("content")
    }

    func write(_ text: String, to relative: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    /// Builds the sample site into `<out>` and returns the output path.
    @discardableResult
    func buildSite(db: String? = nil, out: String = "site") throws -> String {
        let options = BuildOptions(database: try db ?? database(), content: try content(), output: path(out))
        try Publisher.build(options)
        return path(out)
    }
}

/// The releases a site's `data/releases` folder holds (its folders by data date, oldest first; not its page).
func releaseFolders(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "index.html" }.sorted()
}

/// Every regular file under `dir`, keyed by path relative to `dir`.
func snapshot(_ dir: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: dir) else { return files }
    while let relative = walker.nextObject() as? String {
        var isDir: ObjCBool = false
        let full = (dir as NSString).appendingPathComponent(relative)
        if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
            files[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
        }
    }
    return files
}

extension Sample {
    /// The header line of the sample `table`.
    static func header(_ table: String) -> String { String(tables[table]!.split(separator: "\n")[0]) }
    /// The line of the sample `table` whose first field is `id`.
    static func row(_ table: String, _ id: String) -> String {
        String(tables[table]!.split(separator: "\n").first { $0.hasPrefix(id + ",") }!)
    }
}

extension Sample {
    /// The services table with 高龄津贴 renamed 高龄补贴: the correction the release tests make.
    static let renamedServices = replacingRow("services", id: "S2", with: "S2,2,80周岁及以上老年人,高龄补贴,按月发放高龄补贴,material,市民政局,1,141000")
}

/// The numbers of the corrections archived in `folder` (`data/corrections/<date>`), sorted.
func correctionNumbers(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

/// What builds of `folder/site` left beside it: their working folders and lock (the memo of
/// what each facility page was made from, `RenderMemo`, is kept there on purpose).
func leftovers(beside folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.hasPrefix(".site.") && $0 != (RenderMemo.path(output: folder + "/site") as NSString).lastPathComponent }
}

/// Replaces the line of `table` whose first field is `id`.
func replacingRow(_ table: String, id: String, with row: String) -> String {
    let lines = Sample.tables[table]!.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.map { $0.hasPrefix(id + ",") ? row : String($0) }.joined(separator: "\n")
}

/// Appends one CSV line to the sample `table`.
func appendingRow(_ table: String, _ row: String) -> String {
    Sample.tables[table]! + row + "\n"
}

extension Data {
    func containsText(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
