import Foundation

/// What `yanglao delete` did (or, in a dry run, would do).
public struct DeleteReport: Sendable {
    public let table: String
    public let deleted: Int
    /// Rows of other tables removed with them (`--with-dependents`), by table.
    public let dependents: [(table: String, count: Int)]
    public let dryRun: Bool
    /// The rows deleted, by key with their names where the table has them (staff check names).
    public var rows: [String] = []

    public var summary: String {
        "\(deleted) row(s) of \(table)" + (dependents.isEmpty ? "" : " and " + dependents.map { "\($0.count) of \($0.table)" }.joined(separator: ", "))
            + (rows.isEmpty ? "" : ": " + rows.map(PersonalNumbers.shown).joined(separator: "; "))
    }
}

/// `yanglao delete`: removes rows by primary key, in one transaction, so staff need not
/// replace a whole table (or open the database with another tool) to drop a mistaken row.
/// Rows of other tables that refer to a deleted row stop the deletion, unless they are
/// deleted with it (one level: the tables deleted from here have no dependents of their
/// own besides those; regions are not deleted row by row, nor the required settings of meta).
public enum RowDeleter {
    public enum Problem: Error, CustomStringConvertible {
        case compositeKey(table: String, columns: [String])
        case notDeletable(table: String)
        /// `named`: a key that is a row's name instead, with that row's key (staff type names).
        case noSuchRows(table: String, column: String, keys: [String], named: [(name: String, key: String)] = [])
        /// Every table with rows left pointing at the deleted ones: how many, and the first keys.
        case referenced(table: String, children: [(child: String, count: Int, keys: [String])])

        public var description: String {
            switch self {
            case .compositeKey(let table, let columns):
                "table \(table) is keyed by several columns (\(columns.joined(separator: ", "))); change it with `yanglao import --replace` instead"
            case .notDeletable(let table):
                table == "meta"
                    ? "the required settings of meta (\(SiteMeta.requiredKeys.joined(separator: ", "))) are not deleted; change their value with `yanglao import … meta FILE`"
                    : "rows of \(table) are not deleted one by one (other tables depend on them); change the table with `yanglao import --replace`"
            case .noSuchRows(let table, let column, let keys, let named):
                "table \(table) has no row with \(column) \(keys.map(PersonalNumbers.shown).joined(separator: ", "))"
                    + named.map { "; \($0.name) is the name of \($0.key): give that code" }.joined()
                    + "; nothing was deleted（表里没有这个编号的记录，没有删除任何内容；请核对编号，机构请用统一社会信用代码）"
            case .referenced(let table, let children):
                // For a facility, what to do instead comes first: most deletions asked for are closures.
                (table == "institutions" ? "A facility that closed or stopped keeps its page, and its records stay public for their disclosure period: "
                    + "set its status to closed (已关闭) or suspended (暂停运营) with `yanglao import` instead of deleting it; delete only a row entered by mistake. " : "")
                    + children.map { "\($0.count) row(s) of \($0.child) (\($0.keys.joined(separator: "; "))\($0.count > $0.keys.count ? "; …" : ""))" }
                    .joined(separator: ", ")
                    + " refer to the rows of \(table) to delete; delete those first, or pass --with-dependents to delete them too. Nothing was deleted"
                    + "\n（" + (table == "institutions" ? "机构关闭或停业请把状态改为“已关闭”或“暂停运营”，不要删除；只有录入错误的机构才删除。" : "")
                    + children.map { "\(Schema.tableTitles[$0.child] ?? $0.child)中有 \($0.count) 行" }.joined(separator: "、")
                    + "引用了要删除的行：请先删除那些行，或加 --with-dependents 一并删除。本次没有删除任何数据。）"
            }
        }
    }

    /// The keys as stored: trimmed, full-width ASCII as ASCII; a registration code in capitals
    /// (GB 32100-2015: typed in lower case it is the same code); a meta key as meant.
    /// `table`: the table's name in the schema.
    public static func normalisedKeys(table: String, _ keys: [String]) -> [String] {
        var wanted = keys.map { RowChecker.halfWidth($0.trimmingCharacters(in: .whitespaces)) }
        if table == "meta" { wanted = wanted.map { SiteMeta.meantKey($0) ?? $0 } }
        if table == "institutions" { wanted = wanted.map { $0.uppercased() } }
        return wanted
    }

    public static func run(database: String, table: String, keys: [String], withDependents: Bool = false,
                           dryRun: Bool = false) throws -> DeleteReport {
        do {
            return try perform(database: database, table: table, keys: keys, withDependents: withDependents, dryRun: dryRun)
        } catch where Database.busy(error) {
            throw StoreError.cannotOpen(path: database, reason: Database.lockedAdvice)
        }
    }

    static func perform(database: String, table: String, keys: [String], withDependents: Bool, dryRun: Bool) throws -> DeleteReport {
        // A table may be named by its title (机构名录).
        guard let table = Schema.table(named: table) else { throw StoreError.unknownTable(table) }
        let db = try Database.openForChanging(database)
        // Regions hold up the whole database: they are changed with `import --replace`. Of meta,
        // only optional settings go one by one (a corrected_on left from the last correction).
        let wanted = normalisedKeys(table: table, keys)
        guard table != "regions", table != "meta" || !wanted.contains(where: SiteMeta.requiredKeys.contains) else {
            throw Problem.notDeletable(table: table)
        }
        let keyColumns = try db.primaryKey(of: table)
        guard keyColumns.count == 1, let column = keyColumns.first else { throw Problem.compositeKey(table: table, columns: keyColumns) }
        func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        /// Deletes the rows of `table` whose `column` is one of the keys; returns how many went.
        func delete(from table: String, where column: String) throws -> Int {
            var n = 0
            for key in wanted {
                let delete = try db.prepare("DELETE FROM \(quoted(table)) WHERE \(quoted(column)) = ?")
                try delete.bind([.text(key)])
                _ = try delete.step()
                n += try db.changes()
            }
            return n
        }
        try db.execute("BEGIN IMMEDIATE")
        do {
            try Schema.upgrade(db)
            try db.execute("PRAGMA defer_foreign_keys = ON")
            var missing: [String] = []
            for key in wanted {
                let exists = try db.prepare("SELECT 1 FROM \(quoted(table)) WHERE \(quoted(column)) = ?")
                try exists.bind([.text(key)])
                if try !exists.step() { missing.append(key) }
            }
            let hasName = try db.columns(of: table).contains { $0.name == "name" }
            guard missing.isEmpty else {
                // A name typed where the code belongs: its code is said.
                var named: [(String, String)] = []
                if hasName {
                    let byName = try db.prepare("SELECT \(quoted(column)) FROM \(quoted(table)) WHERE name = ? ORDER BY 1")
                    // As typed: a name keeps its full-width brackets (临汾市社会福利院（老年公寓）).
                    let typed = keys.map { $0.trimmingCharacters(in: .whitespaces) }
                    for key in missing {
                        let asTyped = wanted.firstIndex(of: key).map { typed[$0] } ?? key
                        try byName.bind([.text(asTyped)])
                        while try byName.step() { named.append((asTyped, byName.string(0))) }
                    }
                }
                throw Problem.noSuchRows(table: table, column: column, keys: missing, named: named)
            }
            // What is deleted, as staff know it: the key and the name.
            var shown: [String] = wanted
            if hasName {
                let nameOf = try db.prepare("SELECT name FROM \(quoted(table)) WHERE \(quoted(column)) = ?")
                shown = try wanted.map { key in
                    try nameOf.bind([.text(key)])
                    return try nameOf.step() ? key + " " + nameOf.string(0) : key
                }
                nameOf.reset()
            }
            // Tables whose rows point at this one, with the column that does.
            var children: [(table: String, column: String)] = []
            for child in Schema.tables where child != table {
                for fk in try db.foreignKeys(of: child).values.sorted(by: { $0.column < $1.column }) where fk.parent == table {
                    children.append((child, fk.column))
                }
            }
            var removedChildren: [(table: String, count: Int)] = []
            if withDependents {
                for (child, fkColumn) in children {
                    let n = try delete(from: child, where: fkColumn)
                    if n > 0 { removedChildren.append((child, n)) }
                }
            }
            let deleted = try delete(from: table, where: column)
            // Only the tables that point at this one: problems elsewhere are not this deletion's.
            var dangling: [String: [Int]] = [:]
            for child in Set(children.map(\.table)).sorted() {
                let check = try db.prepare("SELECT rowid FROM pragma_foreign_key_check(?) WHERE parent = ?")
                try check.bind([.text(child), .text(table)])
                while try check.step() { dangling[child, default: []].append(check.int(0)) }
            }
            if !dangling.isEmpty {
                throw Problem.referenced(table: table, children: try dangling.keys.sorted().map { child in
                    let rowids = dangling[child]!
                    return (child, rowids.count, try rowids.prefix(5).map { try db.key(table: child, rowid: $0) })
                })
            }
            try db.execute(dryRun ? "ROLLBACK" : "COMMIT")
            var report = DeleteReport(table: table, deleted: deleted, dependents: removedChildren, dryRun: dryRun)
            report.rows = shown
            return report
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }
}
