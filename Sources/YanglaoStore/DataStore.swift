import Foundation

/// Read-only access to a yanglao database, with the schema checked on open.
///
/// Lists that grow with the number of facilities (institutions, ratings,
/// credit records) are streamed through a callback; the small tables are
/// returned as arrays. Every query whose order reaches the output has an `ORDER BY`,
/// so output is stable (the counting pass reads in storage order: it only sums).
public final class DataStore {
    let db: Database
    private var ratingsByInstitution: Statement?
    private var creditByInstitution: Statement?
    private var nameByID: Statement?
    /// Whether `institutions` has `former_names` (schema version 6 on).
    let hasFormerNames: Bool

    /// Opens `path` read-only; fails with one clear error if the file is
    /// missing, not a database, of another schema version or lacks a table.
    public init(path: String) throws {
        db = try Database.openForReading(path)
        let present = Set(try db.tableNames())
        for table in Schema.tables where !present.contains(table) {
            throw StoreError.missingTable(path: path, table: table)
        }
        try db.refuseLooseTables()
        hasFormerNames = try db.columns(of: "institutions").contains { $0.name == "former_names" }
    }

    public var path: String { db.path }

    /// Rows whose foreign key points at nothing: table, rowid, the column and its value
    /// (what a message must name), and the referenced table.
    public func foreignKeyViolations() throws -> [(table: String, rowid: Int, column: String, value: String, parent: String)] {
        let s = try db.prepare("PRAGMA foreign_key_check")
        var out: [(String, Int, String, String, String)] = []
        var keysOf: [String: [Int: (column: String, parent: String)]] = [:]
        while try s.step() {
            let table = s.string(0), rowid = s.int(1), parent = s.string(2)
            guard Schema.tables.contains(table) else { continue }
            let keys = try keysOf[table] ?? db.foreignKeys(of: table)
            keysOf[table] = keys
            let column = keys[s.int(3)]?.column ?? "(foreign key)"
            var value = ""
            if keys[s.int(3)] != nil {
                let cell = try db.prepare("SELECT \(column) FROM \(table) WHERE rowid = ?")
                try cell.bind([.int(Int64(rowid))])
                if try cell.step() { value = cell.string(0) }
            }
            out.append((table, rowid, column, value, parent))
        }
        return out
    }

    /// Cells that break a column rule of the schema (`ColumnRule.byTable`: allowed codes,
    /// ranges, nursing beds at most beds, code lengths, 0/1). SQLite holds them as CHECK
    /// constraints, but a database made by another tool, or written with
    /// `PRAGMA ignore_check_constraints`, may hold rows that break them, and a build would
    /// publish “open” as a facility's status. SQLite finds the rows (one scan of each table,
    /// in C); only those come to Swift to be described. Each with the facility the row is about.
    public func ruleViolations() throws -> [(table: String, row: String, facilityID: String?, column: String, value: String, expected: String)] {
        var found: [(table: String, row: String, facilityID: String?, column: String, value: String, expected: String)] = []
        for table in Schema.tables {
            guard let rules = ColumnRule.byTable[table] else { continue }
            let present = Set(try db.columns(of: table).map(\.name))
            let ruled = rules.keys.filter(present.contains).sorted()
            guard !ruled.isEmpty else { continue }
            var read = ruled
            for case .atMost(let other) in ruled.compactMap({ rules[$0] }) where present.contains(other) && !read.contains(other) { read.append(other) }
            let facilityColumn = table == "institutions" ? "id" : present.contains("institution_id") ? "institution_id" : nil
            if let facilityColumn, !read.contains(facilityColumn) { read.append(facilityColumn) }
            let breaks = ruled.map { rules[$0]!.violatedSQL(column: $0) }.joined(separator: " OR ")
            let s = try db.prepare("SELECT rowid, \(read.joined(separator: ", ")) FROM \(table) WHERE \(breaks) ORDER BY rowid")
            while try s.step() {
                var values: [String: SQLValue] = [:]
                for (n, column) in read.enumerated() { values[column] = s.value(Int32(n + 1)) }
                let row = try db.key(table: table, rowid: s.int(0))
                let facility: String? = facilityColumn.flatMap { if case .text(let id)? = values[$0] { id } else { nil } }
                for column in ruled {
                    let value = values[column] ?? .null
                    let rule = rules[column]!
                    // A table made without STRICT keeps text in a number column, which no comparison describes.
                    if rule.isNumeric, case .text = value {
                        found.append((table, row, facility, column, value.shown, "a number"))
                        continue
                    }
                    guard let (_, expected) = rule.problem(value, row: { values[$0] }, words: CodeWords.shown["\(table).\(column)"]) else { continue }
                    found.append((table, row, facility, column, value.shown, expected))
                }
            }
        }
        return found
    }

    /// Every text cell of every table that holds a character `ControlCharacters` forbids, or
    /// is a spreadsheet's error value (`SpreadsheetErrors`), whichever tool wrote it — or that
    /// `yanglao import` would refuse, so that what validates also exports and imports back: a
    /// required cell left empty, a name on two lines. Table, row key, column, the value, and
    /// what was expected instead.
    public func unpublishableText() throws -> [(table: String, row: String, column: String, value: String, expected: String)] {
        var found: [(table: String, row: String, column: String, value: String, expected: String)] = []
        for table in Schema.tables {
            let columns = try db.columns(of: table).filter { $0.type == "TEXT" }
            let text = columns.map(\.name)
            guard !text.isEmpty else { continue }
            let limits = text.map { TextLimit.maximum(table: table, column: $0) }
            let s = try db.prepare("SELECT rowid, \(text.joined(separator: ", ")) FROM \(table) ORDER BY rowid")
            while try s.step() {
                for (n, column) in text.enumerated() {
                    guard let (expected, value) = s.withUTF8(Int32(n + 1), { bytes -> (String, String)? in
                        if bytes.isEmpty, columns[n].required { return ("a value (the cell is empty)", "") }
                        if columns[n].required, VisibleText.isBlank(utf8: bytes) {
                            return (VisibleText.blankExpectation, String(decoding: bytes, as: UTF8.self))
                        }
                        if let count = TextLimit.excess(utf8: bytes, limit: limits[n]) {
                            return (TextLimit.expectation(limits[n]), TextLimit.shown(String(decoding: bytes, as: UTF8.self), count: count))
                        }
                        // A key with spaces around or inside it (`LF 01 `) is a second key beside `LF01`
                        // wherever it is typed again; import trims and refuses them, other tools may not.
                        if column == "id" || column == "code", bytes.contains(where: { $0 == 0x20 || $0 == 0x09 }) {
                            return ("a key without spaces (they make it another key than the one typed without them)", String(decoding: bytes, as: UTF8.self))
                        }
                        if column == "name" || column == "former_names", VisibleText.hasLineBreak(utf8: bytes) {
                            return ("a name on one line (it holds a line break)", String(decoding: bytes, as: UTF8.self))
                        }
                        // U+FFFD: characters lost when a file was read in the wrong encoding.
                        if let c = ControlCharacters.first(inUTF8: bytes, orReplacement: true) {
                            return (c == "\u{FFFD}" ? "text without the replacement character \u{FFFD}, which means characters were lost when a file was read in the wrong encoding (import it again with the right --encoding, or save it from Excel as “CSV UTF-8”)"
                                    : ControlCharacters.expectation(c), String(decoding: bytes, as: UTF8.self))
                        }
                        guard SpreadsheetErrors.isError(inUTF8: bytes) else { return nil }
                        let value = String(decoding: bytes, as: UTF8.self)
                        return (SpreadsheetErrors.expectation(value), value)
                    }) ?? nil else { continue }
                    found.append((table, try db.key(table: table, rowid: s.int(0)), column, value, expected))
                }
            }
        }
        return found
    }

    /// The cells of `columns` in `table` (names from the schema, never from input) whose text
    /// `matches`, with their row keys, in row order.
    public func texts(table: String, columns: [String], matching matches: (String) -> Bool) throws -> [(row: String, column: String, value: String)] {
        var found: [(row: String, column: String, value: String)] = []
        let s = try db.prepare("SELECT rowid, \(columns.joined(separator: ", ")) FROM \(table) ORDER BY rowid")
        while try s.step() {
            for (n, column) in columns.enumerated() {
                guard let value = s.optionalString(Int32(n + 1)), matches(value) else { continue }
                found.append((try db.key(table: table, rowid: s.int(0)), column, value))
            }
        }
        return found
    }

    /// The primary key text of a row by rowid, for messages.
    public func key(table: String, rowid: Int) throws -> String { try db.key(table: table, rowid: rowid) }

    public func meta() throws -> SiteMeta { try SiteMeta(entries: metaEntries()) }

    /// The rows of `meta` as stored, for checks that report every bad key.
    public func metaEntries() throws -> [(key: String, value: String)] {
        let s = try db.prepare("SELECT key, value FROM meta ORDER BY key")
        var entries: [(key: String, value: String)] = []
        while try s.step() { entries.append((s.string(0), s.string(1))) }
        return entries
    }

    public func regions() throws -> [Region] {
        let s = try db.prepare("SELECT code, name, level, parent_code FROM regions ORDER BY code")
        var out: [Region] = []
        while try s.step() {
            out.append(Region(code: s.string(0), name: s.string(1), level: s.string(2), parentCode: s.optionalString(3)))
        }
        return out
    }

    public func regionStats() throws -> [RegionStat] {
        let s = try db.prepare("""
            SELECT region_code, year, metric, value, kind, source FROM region_stats
            ORDER BY region_code, metric, year, kind
            """)
        var out: [RegionStat] = []
        while try s.step() {
            out.append(RegionStat(regionCode: s.string(0), year: s.int(1), metric: s.string(2),
                                  value: s.double(3), kind: s.string(4), source: s.string(5)))
        }
        return out
    }

    /// Region, then care institutions before community, township and village facilities, then
    /// name by pinyin (`ChineseOrder`).
    static let directoryOrder = """
        region_code, CASE category WHEN 'institution' THEN 0 WHEN 'community' THEN 1
        WHEN 'township_centre' THEN 2 ELSE 3 END, name COLLATE \(ChineseOrder.sqlName), id
        """

    /// The columns `institution(_:)` decodes, in its positions. A database of schema version 5
    /// or before (read, never upgraded, by a build) has no former names: NULL stands in.
    var institutionColumns: String {
        """
        id, name, region_code, category, ownership, address, phone, latitude, longitude, opened_on, status,
        beds_total, beds_nursing, residents, caregivers, caregivers_certified, social_workers,
        medical_integration, fire_safety_accepted, updated_on, \(hasFormerNames ? "former_names" : "NULL")
        """
    }

    /// Every facility with only what counting needs: address, phone, position and dates are
    /// left empty, and the rows come in storage order (no sort). A national build's first
    /// pass reads 400 000 rows this way, the pages' pass reads them whole.
    public func forEachInstitutionToCount(_ body: (Institution) throws -> Void) throws {
        let s = try db.prepare("SELECT \(Self.countedColumns) FROM institutions")
        while try s.step() { try body(Self.institution(s)) }
    }

    /// `institutionColumns` with the text counting never reads as NULL (same positions).
    static let countedColumns = """
        id, name, region_code, category, ownership, NULL, NULL, NULL, NULL, NULL, status,
        beds_total, beds_nursing, residents, caregivers, caregivers_certified, social_workers,
        medical_integration, fire_safety_accepted, '', NULL
        """

    /// Streams institutions in directory order (region, category, name, id),
    /// the order of the directory; `body` sees one at a time.
    public func forEachInstitution(_ body: (Institution) throws -> Void) throws {
        let s = try db.prepare(institutionsInOrder)
        while try s.step() { try body(Self.institution(s)) }
    }

    var institutionsInOrder: String { "SELECT \(institutionColumns) FROM institutions ORDER BY \(Self.directoryOrder)" }

    /// Every facility in the order stored (by rowid): for checks, which need no order and
    /// should not pay for sorting 400 000 names by pinyin.
    public func forEachInstitutionAsStored(_ body: (Institution) throws -> Void) throws {
        let s = try db.prepare("SELECT \(institutionColumns) FROM institutions ORDER BY rowid")
        while try s.step() { try body(Self.institution(s)) }
    }

    /// Also with the row as stored (`Statement.appendRow`, read before anything converts a
    /// column), for telling whether it changed.
    public func forEachInstitution(_ body: (Institution, [UInt8]) throws -> Void) throws {
        try forEachRow(institutionsInOrder, Self.institution, body)
    }

    /// Each row of `sql` read as stored (`Statement.appendRow`) before `decode` converts any column.
    private func forEachRow<T>(_ sql: String, _ decode: (Statement) -> T, _ body: (T, [UInt8]) throws -> Void) throws {
        let s = try db.prepare(sql)
        var row: [UInt8] = []
        while try s.step() {
            row.removeAll(keepingCapacity: true)
            s.appendRow(to: &row)
            try body(decode(s), row)
        }
    }

    /// Number of rows in a schema table (the name must be one of `Schema.tables`).
    public func count(_ table: String) throws -> Int {
        precondition(Schema.tables.contains(table), "unknown table \(table)")
        let s = try db.prepare("SELECT count(*) FROM \(table)")
        return try s.step() ? s.int(0) : 0
    }

    static func institution(_ s: Statement) -> Institution {
        Institution(id: s.string(0), name: s.string(1), regionCode: s.string(2), category: s.string(3),
                    ownership: s.string(4), address: s.optionalString(5), phone: s.optionalString(6),
                    latitude: s.optionalDouble(7), longitude: s.optionalDouble(8), openedOn: s.optionalString(9),
                    status: s.string(10), bedsTotal: s.int(11), bedsNursing: s.int(12), residents: s.optionalInt(13),
                    caregivers: s.optionalInt(14), caregiversCertified: s.optionalInt(15),
                    socialWorkers: s.optionalInt(16), medicalIntegration: s.string(17),
                    fireSafetyAccepted: s.int(18) == 1, updatedOn: s.string(19),
                    formerNames: s.isNull(20) ? [] : Schema.formerNames(s.string(20)))
    }

    static let ratingColumns = "id, institution_id, level, score, rated_on, valid_until, assessor, document_no, withdrawn_on"

    static func rating(_ s: Statement) -> Rating {
        Rating(id: s.string(0), institutionID: s.string(1), level: s.int(2), score: s.optionalDouble(3),
               ratedOn: s.string(4), validUntil: s.string(5), assessor: s.string(6), documentNo: s.string(7),
               withdrawnOn: s.optionalString(8))
    }

    /// Every rating, ordered by institution then date.
    public func forEachRating(_ body: (Rating) throws -> Void) throws {
        let s = try db.prepare(Self.ratingsInOrder)
        while try s.step() { try body(Self.rating(s)) }
    }

    static let ratingsInOrder = "SELECT \(ratingColumns) FROM ratings ORDER BY institution_id, rated_on, id"

    /// Also with the row as stored (`Statement.appendRow`, read before anything converts a column).
    public func forEachRating(_ body: (Rating, [UInt8]) throws -> Void) throws {
        try forEachRow(Self.ratingsInOrder, Self.rating, body)
    }

    /// The rating history of one institution, oldest first.
    public func ratings(of institutionID: String) throws -> [Rating] {
        if ratingsByInstitution == nil {
            ratingsByInstitution = try db.prepare(
                "SELECT \(Self.ratingColumns) FROM ratings WHERE institution_id = ? ORDER BY rated_on, id")
        }
        let s = ratingsByInstitution!
        try s.bind([.text(institutionID)])
        var out: [Rating] = []
        while try s.step() { out.append(Self.rating(s)) }
        return out
    }

    static let creditColumns = """
        id, institution_id, kind, subject_type, subject_name, decided_on, document_no, authority, reason,
        basis, result, fine_yuan, severity, disclose_until, repaired_on
        """

    static func credit(_ s: Statement) -> CreditRecord {
        CreditRecord(id: s.string(0), institutionID: s.string(1), kind: s.string(2), subjectType: s.string(3),
                     subjectName: s.string(4), decidedOn: s.string(5), documentNo: s.optionalString(6),
                     authority: s.string(7), reason: s.optionalString(8), basis: s.optionalString(9),
                     result: s.optionalString(10), fineYuan: s.optionalDouble(11), severity: s.optionalString(12),
                     discloseUntil: s.optionalString(13), repairedOn: s.optionalString(14))
    }

    /// Every credit record (disclosed or not: filter with `DisclosurePolicy`), newest first.
    public func forEachCreditRecord(_ body: (CreditRecord) throws -> Void) throws {
        let s = try db.prepare("SELECT \(Self.creditColumns) FROM credit_records ORDER BY decided_on DESC, id")
        while try s.step() { try body(Self.credit(s)) }
    }

    /// The name of one institution, nil when there is none with that id.
    public func institutionName(_ id: String) throws -> String? {
        if nameByID == nil { nameByID = try db.prepare("SELECT name FROM institutions WHERE id = ?") }
        let s = nameByID!
        try s.bind([.text(id)])
        return try s.step() ? s.string(0) : nil
    }

    /// The credit records of one institution, newest first.
    public func creditRecords(of institutionID: String) throws -> [CreditRecord] {
        var ignored: [UInt8]? = nil
        return try creditRecords(of: institutionID, rows: &ignored)
    }

    /// Also appends the row as stored (`Statement.appendRow`) of each record that `rowIf` keeps to `rows`, when given.
    public func creditRecords(of institutionID: String, rows: inout [UInt8]?, rowIf include: (CreditRecord) -> Bool = { _ in true }) throws -> [CreditRecord] {
        if creditByInstitution == nil {
            creditByInstitution = try db.prepare(
                "SELECT \(Self.creditColumns) FROM credit_records WHERE institution_id = ? ORDER BY decided_on DESC, id")
        }
        let s = creditByInstitution!
        try s.bind([.text(institutionID)])
        var out: [CreditRecord] = []
        var row: [UInt8] = []
        while try s.step() {
            row.removeAll(keepingCapacity: true)
            if rows != nil { s.appendRow(to: &row) }
            let record = Self.credit(s)
            out.append(record)
            if rows != nil, include(record) { rows! += row }
        }
        return out
    }

    /// One credit record by its id, nil when there is none.
    public func creditRecord(id: String) throws -> CreditRecord? {
        let s = try db.prepare("SELECT \(Self.creditColumns) FROM credit_records WHERE id = ?")
        try s.bind([.text(id)])
        return try s.step() ? Self.credit(s) : nil
    }

    public func services() throws -> [Service] {
        let s = try db.prepare("""
            SELECT id, seq, target_group, name, content, type, department, local_addition, region_code
            FROM services ORDER BY region_code, seq, id
            """)
        var out: [Service] = []
        while try s.step() {
            out.append(Service(id: s.string(0), seq: s.int(1), targetGroup: s.string(2), name: s.string(3),
                               content: s.string(4), type: s.string(5), department: s.string(6),
                               localAddition: s.int(7) == 1, regionCode: s.string(8)))
        }
        return out
    }

    public func targets() throws -> [Target] {
        // A database of schema version 4 or before (read, never upgraded, by a build) states every year.
        let stated = try db.columns(of: "targets").contains { $0.name == "year_stated" } ? "year_stated" : "1"
        let s = try db.prepare("""
            SELECT indicator, region_code, year, value, comparator, binding, source, \(stated) FROM targets
            ORDER BY indicator, region_code, year
            """)
        var out: [Target] = []
        while try s.step() {
            out.append(Target(indicator: s.string(0), regionCode: s.string(1), year: s.int(2), value: s.double(3),
                              comparator: s.string(4), binding: s.string(5), source: s.string(6), yearStated: s.int(7) != 0))
        }
        return out
    }

    public func observations() throws -> [Observation] {
        // A database of schema version 2 or 1 (read, never upgraded, by a build) has no qualifiers.
        let qualified = try db.columns(of: "observations").contains { $0.name == "qualifier" }
        let s = try db.prepare("""
            SELECT indicator, region_code, year, value, source, \(qualified ? "qualifier" : "NULL") FROM observations ORDER BY indicator, region_code, year
            """)
        var out: [Observation] = []
        while try s.step() {
            out.append(Observation(indicator: s.string(0), regionCode: s.string(1), year: s.int(2),
                                   value: s.double(3), source: s.string(4), qualifier: s.isNull(5) ? nil : s.string(5)))
        }
        return out
    }
}
