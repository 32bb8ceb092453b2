/// The data contract: the SQLite schema every yanglao database follows.
///
/// `docs/schema.md` documents every table and column; keep the two in step and
/// bump `Schema.version` whenever a table or column changes meaning.
public enum Schema {
    /// A column holding codes (ids, region and credit codes): read and written as text, never
    /// as numbers, which would lose leading zeros or turn 18 digits into 1.2E+17.
    public static func isCodeColumn(_ name: String) -> Bool {
        name == "id" || name == "code" || name.hasSuffix("_code") || name.hasSuffix("_id")
    }

    /// Stored in `PRAGMA user_version`; a build refuses any other value.
    /// Version 2: `targets.binding` may be `unstated` (the document gives no attribute).
    /// Version 3: `observations.qualifier` says a figure is a bound (40%以上, 超过180万).
    /// Version 4: `region_stats.kind` may be `estimate` (推算数: worked out from a document that
    /// does not publish the figure itself).
    /// Version 5: `targets.year_stated` says whether the document gives the target's year (0: it
    /// does not, and the year is the plan period's last one, chosen by the publisher).
    /// Version 6: `institutions.former_names` keeps a renamed facility's earlier names (曾用名),
    /// so that people who know the old name still find it.
    public static let version = 6
    /// What the current version added, for the note an upgrade prints.
    public static let versionNote = "institutions.former_names, 曾用名"

    /// Versions a build can read: a version 1 database is a version 2 one that never
    /// says `unstated`, a version 2 one a version 3 one without qualifiers, a version 3
    /// one a version 4 one without estimates, a version 4 one a version 5 one whose target
    /// years are all the documents' own, and a version 5 one a version 6 one without former names. A write (`yanglao import`) upgrades it first (`upgrade`).
    public static let readable = 1...version

    /// Columns a file may leave out (added by a later version: files made before still import);
    /// a row added without one has it empty, a row updated keeps its value.
    public static let optionalColumns: [String: Set<String>] = ["observations": ["qualifier"], "targets": ["year_stated"],
                                                                "institutions": ["former_names"]]

    /// Columns an empty cell of an import file leaves as stored: a file exported before a rename
    /// (its 曾用名 empty) must not erase the former name that rename recorded. A cell holding only
    /// `；` clears them (`formerNames` reads it as none).
    public static let keptWhenEmpty: [String: Set<String>] = ["institutions": ["former_names"]]
    /// What spreadsheets put in a cell with nothing to say (无, 暂无, -, /): read as empty in
    /// `former_names`, never published as a name.
    public static let noFormerNames: Set<String> = ["无", "暂无", "没有", "无曾用名", "空", "-", "—", "－", "/", "／", "--", "N/A", "n/a"]

    /// `institutions.former_names`: earlier names, the latest first, parted by `formerNameSeparator`.
    static let formerNamesColumn = "former_names TEXT CHECK (former_names <> '')"
    /// Parts the names of `institutions.former_names` (a full-width semicolon; an ASCII one is read too).
    public static let formerNameSeparator = "；"
    /// The names a `former_names` cell holds, in its order, each trimmed, empty ones left out.
    public static func formerNames(_ cell: String?) -> [String] {
        guard let cell else { return [] }
        return cell.split(whereSeparator: { $0 == "；" || $0 == ";" })
            .map { part in
            String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }.filter { !$0.isEmpty }
    }

    /// What `observations.qualifier` may say: the figure is a lower or an upper bound.
    public static let qualifiers = ["at_least", "more_than", "at_most", "less_than"]
    static let qualifierColumn = "qualifier TEXT CHECK (qualifier IN ('at_least', 'more_than', 'at_most', 'less_than'))"
    /// 1 when the document gives the target's year; 0 when it gives none and the year is the
    /// last of the plan's period (规划期末), as the publisher read it. Pages and data say which.
    static let yearStatedColumn = "year_stated INTEGER NOT NULL DEFAULT 1 CHECK (year_stated IN (0, 1))"

    /// Brings an older database to `version` inside the caller's transaction.
    /// Returns the version it had.
    @discardableResult
    public static func upgrade(_ db: Database) throws -> Int {
        let found = try db.userVersion
        if found == 1 { try rebuild(db, "targets", as: targetsDDL) }
        if found == 1 || found == 2, try !db.columns(of: "observations").contains(where: { $0.name == "qualifier" }) {
            // A new column with its CHECK: added in place, empty in every row.
            try db.execute("ALTER TABLE observations ADD COLUMN \(qualifierColumn)")
        }
        if (1...3).contains(found) {
            try rebuild(db, "region_stats", as: regionStatsDDL) // the wider CHECK of kind
        }
        if (1...4).contains(found), try !db.columns(of: "targets").contains(where: { $0.name == "year_stated" }) {
            // Every year stored so far was taken as the document's own, as it is shown.
            try db.execute("ALTER TABLE targets ADD COLUMN \(yearStatedColumn)")
        }
        if (1...5).contains(found), try !db.columns(of: "institutions").contains(where: { $0.name == "former_names" }) {
            try db.execute("ALTER TABLE institutions ADD COLUMN \(formerNamesColumn)")
        }
        if (1...5).contains(found) { try db.execute("PRAGMA user_version = \(version)") }
        return found
    }

    /// SQLite cannot change a CHECK in place: `table` is made again by `ddl` (its current
    /// declaration), with its rows, under its own name.
    /// Columns added since the old declaration keep their defaults.
    static func rebuild(_ db: Database, _ table: String, as ddl: String) throws {
        try db.execute(ddl.replacingOccurrences(of: "CREATE TABLE \(table) (", with: "CREATE TABLE \(table)_new ("))
        let columns = try db.columns(of: table).map(\.name).joined(separator: ", ")
        try db.execute("INSERT INTO \(table)_new (\(columns)) SELECT \(columns) FROM \(table); DROP TABLE \(table); ALTER TABLE \(table)_new RENAME TO \(table)")
    }

    /// A yes/no column (stored 0 or 1; `yanglao import` also reads 是/否, true/false, yes/no).
    public static func isBooleanColumn(table: String, column: String) -> Bool {
        ColumnRule.byTable[table]?[column] == .boolean
    }

    /// Columns the site's published datasets add to a table, worked out from other tables
    /// (a facility's region name and current rating). `yanglao import` skips them, so a file
    /// downloaded from the site's data catalogue, corrected and imported loses nothing.
    /// A test keeps this list equal to the datasets' extra columns.
    public static let publishedOnlyColumns: [String: [String]] = [
        "institutions": ["region_name", "rating_level", "rating_state"],
        "ratings": ["institution_name", "region_code", "region_name", "state"],
        "region_stats": ["region_name", "metric_name", "unit"],
        "observations": ["indicator_name", "region_name", "unit"],
    ]

    /// Chinese column names a header row may use instead of the English ones (a county's
    /// spreadsheet says 机构名称, not name), per table: the first of each column is the one
    /// messages suggest. Only names that cannot mean another column or another unit: a fine
    /// in 万元 is not 罚款金额（元）. docs/schema.md lists them; a test keeps the two equal.
    /// The unit of a counted column, as a spreadsheet may add it to the Chinese header (床位数（张）).
    public static let units: [String: String] = [
        "institutions.beds_total": "张", "institutions.beds_nursing": "张", "institutions.residents": "人",
        "institutions.caregivers": "人", "institutions.caregivers_certified": "人", "institutions.social_workers": "人",
        "ratings.score": "分", "credit_records.fine_yuan": "元",
    ]

    /// A column's Chinese name as exported spreadsheets head it (床位数 for beds_total), if it has one.
    public static func chineseName(table: String, column: String) -> String? {
        chineseHeaders[table]?.first { $0.key == column }?.value.first
    }

    public static let chineseHeaders: [String: KeyValuePairs<String, [String]>] = [
        "meta": ["key": ["设置项"], "value": ["设置值"]],
        "regions": ["code": ["行政区划代码", "区划代码"], "name": ["地区名称", "名称"], "level": ["层级"], "parent_code": ["上级行政区划代码"]],
        "region_stats": ["region_code": ["行政区划代码"], "year": ["年份"], "metric": ["统计项"], "value": ["数值"], "kind": ["数据类型"],
                         "source": ["出处", "来源"]],
        "institutions": [
            "id": ["统一社会信用代码", "机构统一社会信用代码"], "name": ["机构名称", "名称"], "region_code": ["行政区划代码", "所在地区代码"],
            "category": ["类别", "机构类别"], "ownership": ["性质", "机构性质"], "address": ["地址", "机构地址"],
            "phone": ["电话", "联系电话", "办公电话", "机构办公电话"], "latitude": ["纬度"], "longitude": ["经度"], "opened_on": ["开业日期"],
            "status": ["状态", "运营状态"], "beds_total": ["床位数", "总床位数", "床位总数"], "beds_nursing": ["护理型床位数", "护理型床位"],
            "residents": ["在住老年人数", "入住老年人数"], "caregivers": ["养老护理员人数", "护理员人数"],
            "caregivers_certified": ["持证养老护理员人数", "持证护理员人数"], "social_workers": ["社会工作者人数", "社工人数"],
            "medical_integration": ["医养结合"], "fire_safety_accepted": ["有消防验收通过记录", "是否通过消防验收", "消防验收"], "updated_on": ["信息更新日期", "更新日期"],
            "former_names": ["曾用名"],
        ],
        "ratings": [
            "id": ["评定记录编号", "编号"], "institution_id": ["机构统一社会信用代码", "统一社会信用代码"], "level": ["等级", "评定等级"],
            "score": ["评定得分", "得分"], "rated_on": ["评定日期"], "valid_until": ["有效期至"], "assessor": ["评定机构"],
            "document_no": ["公布文号", "文号"], "withdrawn_on": ["撤销日期"],
        ],
        "credit_records": [
            "id": ["记录编号", "编号"], "institution_id": ["机构统一社会信用代码", "统一社会信用代码"], "kind": ["信用信息类别", "类别"],
            "subject_type": ["行政相对人类别"], "subject_name": ["行政相对人名称"], "decided_on": ["决定日期", "处罚决定日期"],
            "document_no": ["决定书文号", "行政处罚决定书文号", "文号"], "authority": ["决定机关", "处罚机关", "作出决定的机关"],
            "reason": ["事由", "违法事实"], "basis": ["依据", "处罚依据"], "result": ["处理结果", "处罚内容", "检查结论"],
            "fine_yuan": ["罚款金额（元）"], "severity": ["情节"], "disclose_until": ["公示截止日期", "公示截止期"],
            "repaired_on": ["信用修复日期"],
        ],
        "services": [
            "id": ["项目编号"], "seq": ["序号"], "target_group": ["服务对象"], "name": ["服务项目"], "content": ["服务内容"],
            "type": ["服务类型", "类型"], "department": ["牵头部门", "责任部门"], "local_addition": ["本地新增项目"],
            "region_code": ["清单适用地区", "行政区划代码"],
        ],
        "targets": ["indicator": ["指标代码"], "region_code": ["行政区划代码"], "year": ["目标年份"], "value": ["目标值"],
                    "comparator": ["比较方式"], "binding": ["指标属性"], "source": ["出处"], "year_stated": ["文件注明目标年份", "注明年份"]],
        "observations": ["indicator": ["指标代码"], "region_code": ["行政区划代码"], "year": ["年份"], "value": ["数值"], "source": ["出处"],
                         "qualifier": ["数值限定", "限定"]],
    ]

    /// The Chinese names the published Excel files give `publishedOnlyColumns` (their header row
    /// is in Chinese): read as those columns, so skipped the same way. A test keeps them equal
    /// to the datasets' titles.
    public static let publishedOnlyChinese: [String: [String: String]] = [
        "institutions": ["region_name": "地区名称", "rating_level": "当前等级", "rating_state": "评级状态"],
        "ratings": ["institution_name": "机构名称", "region_code": "行政区划代码", "region_name": "地区名称", "state": "评定状态"],
        "region_stats": ["region_name": "地区名称", "metric_name": "统计项名称", "unit": "单位"],
        "observations": ["indicator_name": "指标名称", "region_name": "地区名称", "unit": "单位"],
    ]

    /// Chinese names of columns a spreadsheet of the table may carry that the site works out
    /// itself, skipped like `publishedOnlyColumns` (a county's list of credit records names each
    /// home beside its code: the name comes from `institutions`).
    /// A 序号 column (a spreadsheet's row numbers) is skipped in every table but `services`, whose
    /// 序号 is the list's own numbering (`seq`).
    public static let chineseSkipped: [String: [String]] = [
        "credit_records": ["机构名称", "序号"], "regions": ["序号"], "region_stats": ["序号"], "institutions": ["序号"],
        "ratings": ["序号"], "targets": ["序号"], "observations": ["序号"], "meta": ["序号"],
    ]

    /// Each table's name as staff call it (the staff guide's words); a command also takes it
    /// in place of the table's name (`yanglao import 机构名录 机构.csv`).
    public static let tableTitles: [String: String] = [
        "meta": "站点设置", "regions": "行政区划", "region_stats": "地区统计", "institutions": "机构名录", "ratings": "等级评定",
        "credit_records": "信用记录", "services": "基本养老服务清单", "targets": "规划目标", "observations": "报送和公布的指标数",
    ]

    /// The table `name` means: a table's name, or its Chinese title; nil for neither.
    public static func table(named name: String) -> String? {
        let typed = name.trimmingCharacters(in: .whitespaces)
        if tables.contains(typed) { return typed }
        return tableTitles.first { $0.value == typed }?.key
    }

    /// Tables in load order (parents before children, so foreign keys hold).
    public static let tables = [
        "meta", "regions", "region_stats", "institutions", "ratings",
        "credit_records", "services", "targets", "observations",
    ]

    /// The DDL, one statement per table. `STRICT` tables make SQLite reject a
    /// value of the wrong type instead of silently storing it.
    public static let ddl = """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE regions (
        code        TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),
        name        TEXT NOT NULL CHECK (name <> ''),
        level       TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
        parent_code TEXT REFERENCES regions(code)
    ) STRICT;

    \(regionStatsDDL);

    CREATE TABLE institutions (
        id                   TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 18),
        name                 TEXT NOT NULL CHECK (name <> ''),
        region_code          TEXT NOT NULL REFERENCES regions(code),
        category             TEXT NOT NULL CHECK (category IN ('institution', 'community', 'township_centre', 'village_daycare')),
        ownership            TEXT NOT NULL CHECK (ownership IN ('public', 'private', 'public_private')),
        address              TEXT,
        phone                TEXT,
        latitude             REAL CHECK (latitude BETWEEN -90 AND 90),
        longitude            REAL CHECK (longitude BETWEEN -180 AND 180),
        opened_on            TEXT,
        status               TEXT NOT NULL CHECK (status IN ('operating', 'suspended', 'closed')),
        beds_total           INTEGER NOT NULL CHECK (beds_total >= 0),
        beds_nursing         INTEGER NOT NULL CHECK (beds_nursing >= 0 AND beds_nursing <= beds_total),
        residents            INTEGER CHECK (residents >= 0),
        caregivers           INTEGER CHECK (caregivers >= 0),
        caregivers_certified INTEGER CHECK (caregivers_certified >= 0),
        social_workers       INTEGER CHECK (social_workers >= 0),
        medical_integration  TEXT NOT NULL CHECK (medical_integration IN ('none', 'in_house', 'contracted')),
        fire_safety_accepted INTEGER NOT NULL CHECK (fire_safety_accepted IN (0, 1)),
        updated_on           TEXT NOT NULL,
        \(formerNamesColumn)
    ) STRICT;

    CREATE TABLE ratings (
        id             TEXT PRIMARY KEY NOT NULL,
        institution_id TEXT NOT NULL REFERENCES institutions(id),
        level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        score          REAL CHECK (score >= 0),
        rated_on       TEXT NOT NULL,
        valid_until    TEXT NOT NULL,
        assessor       TEXT NOT NULL,
        document_no    TEXT NOT NULL,
        withdrawn_on   TEXT
    ) STRICT;

    CREATE TABLE credit_records (
        id             TEXT PRIMARY KEY NOT NULL,
        institution_id TEXT NOT NULL REFERENCES institutions(id),
        kind           TEXT NOT NULL CHECK (kind IN ('pledge', 'penalty', 'spot_check', 'reward', 'punishment', 'blacklist')),
        subject_type   TEXT NOT NULL CHECK (subject_type IN ('organisation', 'person')),
        subject_name   TEXT NOT NULL,
        decided_on     TEXT NOT NULL,
        document_no    TEXT,
        authority      TEXT NOT NULL,
        reason         TEXT,
        basis          TEXT,
        result         TEXT,
        fine_yuan      REAL CHECK (fine_yuan >= 0),
        severity       TEXT CHECK (severity IN ('ordinary', 'serious')),
        disclose_until TEXT,
        repaired_on    TEXT
    ) STRICT;

    CREATE TABLE services (
        id             TEXT PRIMARY KEY NOT NULL,
        seq            INTEGER NOT NULL,
        target_group   TEXT NOT NULL,
        name           TEXT NOT NULL,
        content        TEXT NOT NULL,
        type           TEXT NOT NULL CHECK (type IN ('material', 'care', 'caregiving', 'medical')),
        department     TEXT NOT NULL,
        local_addition INTEGER NOT NULL CHECK (local_addition IN (0, 1)),
        region_code    TEXT NOT NULL REFERENCES regions(code)
    ) STRICT;

    \(targetsDDL);

    CREATE TABLE observations (
        indicator   TEXT NOT NULL,
        region_code TEXT NOT NULL REFERENCES regions(code),
        year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
        value       REAL NOT NULL,
        source      TEXT NOT NULL,
        qualifier   TEXT CHECK (qualifier IN ('at_least', 'more_than', 'at_most', 'less_than')),
        PRIMARY KEY (indicator, region_code, year)
    ) STRICT;

    CREATE INDEX institutions_by_region ON institutions(region_code, category, name);
    CREATE INDEX ratings_by_institution ON ratings(institution_id, rated_on);
    CREATE INDEX credit_by_institution ON credit_records(institution_id, decided_on);
    """
}

extension Schema {
    /// The `region_stats` and `targets` tables on their own, for `upgrade`.
    static let regionStatsDDL = """
    CREATE TABLE region_stats (
        region_code TEXT NOT NULL REFERENCES regions(code),
        year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
        metric      TEXT NOT NULL,
        value       REAL NOT NULL CHECK (value >= 0),
        kind        TEXT NOT NULL CHECK (kind IN ('actual', 'estimate', 'projection')),
        source      TEXT NOT NULL,
        PRIMARY KEY (region_code, year, metric, kind)
    ) STRICT
    """

    static let targetsDDL = """
    CREATE TABLE targets (
        indicator   TEXT NOT NULL,
        region_code TEXT NOT NULL REFERENCES regions(code),
        year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
        value       REAL NOT NULL,
        comparator  TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '=')),
        binding     TEXT NOT NULL CHECK (binding IN ('binding', 'expected', 'unstated')),
        source      TEXT NOT NULL,
        year_stated INTEGER NOT NULL DEFAULT 1 CHECK (year_stated IN (0, 1)),
        PRIMARY KEY (indicator, region_code, year)
    ) STRICT
    """
}
