import Foundation

/// The problems staff meet most when importing a spreadsheet, said again in Chinese. The
/// English line stays above each one: it names the stored column, carries every detail, and
/// is what the documentation and support quote; the Chinese line says what to correct, in
/// the words of the file (its line, its column heading), for a clerk who reads Chinese.
extension StoreError {
    /// One sentence in Chinese, or nil for a problem without one (the English says it).
    public var chinese: String? {
        switch self {
        case .invalidCell(_, let line, let column, let value, let expected, let problem):
            let place = "第 \(line) 行“\(Self.chineseColumn(column))”"
            if value.isEmpty { return place + "不能为空" + (Self.chineseExpectation(expected).map { "，应填\($0)" } ?? "") }
            let shown = "“" + Self.cut(PersonalNumbers.shown(value)) + "”"
            // Another column's value ("is more than beds_total (80)"), not a fixed limit ("is more than 20000").
            if let other = problem.firstMatch(of: #/^is more than ([a-z_]+) \(/#) {
                return place + "的\(shown)大于“\(Self.otherColumn(String(other.1), beside: column))”，不能超过它，请核对这两格"
            }
            if let other = problem.firstMatch(of: #/^is before ([a-z_]+)\b/#) {
                return place + "的\(shown)早于“\(Self.otherColumn(String(other.1), beside: column))”，日期先后颠倒了，请核对这两格"
            }
            if problem.hasPrefix("is too long") {
                return place + "太长" + (Self.chineseExpectation(expected).map { "，应\($0)" } ?? "")
            }
            return place + "的\(shown)不符合要求" + (Self.chineseExpectation(expected).map { "，应填\($0)" } ?? "（原因见上方英文提示）")
        case .missingParent(_, let line, let column, let value, let parent, let from):
            return "第 \(line) 行“\(Self.chineseColumn(column))”的“\(Self.cut(PersonalNumbers.shown(value)))”在\(Self.chineseTable(parent))中找不到：" + Self.chineseRemedy(from, parent)
        case .missingParentRows(_, let lines, let column, let value, let parent, let from):
            return "第 \(Self.lineList(lines)) 行“\(Self.chineseColumn(column))”的“\(Self.cut(PersonalNumbers.shown(value)))”在\(Self.chineseTable(parent))中找不到：" + Self.chineseRemedy(from, parent)
        case .duplicateKey(_, let line, _, let firstLine):
            return "第 \(line) 行与第 \(firstLine) 行的编号（机构为统一社会信用代码）重复：如是重复粘贴，请删去一行；否则请改正编号"
        case .badHeader(_, let expected, let found, let table, _):
            func name(_ column: String) -> String { table.flatMap { Schema.chineseName(table: $0, column: column) } ?? column }
            let names = found.map { RowChecker.columnName($0, table: table) }
            let missing = expected.filter { !names.contains($0) }.map(name)
            let extra = zip(found, names).filter { !expected.contains($0.1) }.map { $0.0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("缺少列：" + missing.joined(separator: "、")) }
            if !extra.isEmpty { parts.append("多出的列：" + extra.map { Self.cut($0) }.joined(separator: "、") + "（本表没有这些列：请删除，或改为本表的列名）") }
            if let other = Self.otherTable(found: found, table: table) {
                return "这像是\(Self.chineseTable(other))的文件（表头是那张表的列）：导入时表名请写 \(other)，或换成\(Self.chineseTable(table!))的文件"
            }
            return "第 1 行（表头）与本表的列不一致" + (parts.isEmpty ? "" : "。" + parts.joined(separator: "；")) + "。各列的名称见 docs/schema.md"
        case .malformedCSV(_, let line, let reason) where line > 0:
            // Said for the reasons that are about the CSV itself; the others (a title row, a total
            // below the table) are explained by the English line, with what to delete.
            if let cell = reason.firstMatch(of: #/^cell ([A-Z]+[0-9]+), right of the table/#) {
                return "第 \(line) 行在表格最后一列的右边还有内容（\(cell.1) 格）：删去它，或在表头给这一列起名"
            }
            // Before the quotes: a count's advice ("put the cell in double quotes") names them too.
            if let counts = reason.firstMatch(of: #/^([0-9]+) fields, expected ([0-9]+)/#) {
                return "第 \(line) 行有 \(counts.1) 格，表头有 \(counts.2) 列，格数不一致"
                    + (Int(counts.1)! > Int(counts.2)! ? "（多半是某格里的逗号没有加引号，如 1,200）" : "（文件没有保存完整，或这一行被别的程序改过）")
            }
            if reason.contains("quote") {
                return "第 \(line) 行的格式有误（单元格里的英文双引号不成对）：在 Excel 中打开、改正后另存为“CSV UTF-8”"
            }
            if reason.contains("is a title or a form heading") || reason.contains("a title rather than the column names") {
                return "列名上面有标题行：删去列名上面的行，让列名（表头）成为第 1 行，保存后重新导入"
            }
            if reason.contains("is a note or a total below the table") {
                return "第 \(line) 行是表格下面的备注或合计，不是数据：删去表格下面的这些行（合计由网站自己计算）"
            }
            return "第 \(line) 行格式不对，无法按表格读取（原因见上方英文提示）"
        case .malformedCSV(_, _, let reason):
            // Problems of the whole file (line 0).
            let said: [(String, String)] = [
                ("are merged (Excel keeps the value", "表格里有合并的单元格（合并后只有第一格有值，其余各行读出来是空的）：选中它们，开始 → 合并后居中 → 取消单元格合并，在每一格填上值，保存后重新导入"),
                ("this is a folder", "这是一个文件夹，不是表格文件：请写出文件名，如 机构.csv"),
                ("no such file", "找不到这个文件：请核对文件名和所在的文件夹"),
                ("the file is empty (0 bytes)", "文件是空的（0 字节）：请从 Excel 重新保存"),
                ("sheets with data", "工作簿里有几张工作表有数据：用 --sheet 指明导入哪一张，或把要导入的那张改名为表名（如“机构名录”）"),
                ("a formula whose result was never saved", "有公式的结果没有保存（文件不是 Excel 保存的）：用 Excel 或 WPS 打开并保存后再导入"),
                ("neither UTF-8 nor GB18030", "文件的编码无法识别：在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入"),
                ("the Chinese text is garbled", "文件里的中文已是乱码（UTF-8 文件被当作 GBK 打开后又保存过）：请用原始文件，或按上面所说的方法打开后另存为“CSV UTF-8”"),
                ("is not a code of table regions", "--region 后面应是 6 位行政区划代码（如 141002）"),
                ("are not in region", "有的行不属于 --region 指定的地区：是另一个县的文件，或代码输错了"),
                ("Excel 97–2003 workbook", "这是 Excel 97–2003 工作簿（.xls），不能读取：在 Excel 中另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8（逗号分隔）”后再导入"),
                ("this is a web page (HTML)", "这是网页（HTML）或 XML 文件，只是文件名像表格（有些系统导出的 .xls 就是这样）：用 Excel 或 WPS 打开后另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8（逗号分隔）”，再导入"),
                ("protected with a password", "工作簿设了密码：在 Excel 中取消密码后另存为 .xlsx 或“CSV UTF-8”，再导入"),
                ("this is UTF-16 text", "这是 Excel 的“Unicode 文本”（UTF-16），不是 CSV 文件：在 Excel 中另存为“CSV UTF-8（逗号分隔）”，再导入那个文件"),
                ("was saved as “?” and is lost", "Excel 的普通“CSV（逗号分隔）”存不下个别字（如生僻字），保存时把它们变成了“?”，这些字已经丢失：在 Excel 中另存为“CSV UTF-8（逗号分隔）”，再导入那个文件（本来要写问号的，请写全角“？”）"),
                ("not the file of a table", "这个文件不是任何一张表的文件（或同一张表有了第二个文件）：文件名应为表名，如 institutions.csv 或 机构名录.xlsx；其他文件请移出这个文件夹"),
            ]
            return said.first { reason.contains($0.0) }.map { $0.1 + ($0.1.hasSuffix("？") ? "" : "。") + "数据库没有改动" }
        case .tooManyRemovals(_, let table, let removing, let total, _, _, let oneRegion):
            return "加 --replace 会删去\(Self.chineseTable(table)) \(total) 行中文件里没有的 \(removing) 行，所以没有导入。"
                + (oneRegion.map { "文件的行都属于 \($0)：如是这个县自己的表，加 --region \($0)（只替换这个县的行）；否则请" } ?? "请")
                + "核对文件是否是完整的整张表（是否只复制了一部分，或选错了表）；确实要删去这些行的，加 --allow-removals 重新导入"
        case .loadWouldReplaceRealData(let database, let folder, _):
            return "\(database) 存的是正式数据，而文件夹 \(folder) 是示例数据：照此执行会用示例数据覆盖正式数据，已停止，数据库没有改动。请换成存放本地表格的文件夹，或用 yanglao import 逐表导入"
        case .unknownTable(let table):
            return "没有名为“\(table)”的表" + (Self.tableMeant(table).map { "，是不是\(Schema.tableTitles[$0] ?? $0)（\($0)）？" } ?? "。")
                + "表名可写英文或中文：" + Schema.tables.map { "\(Schema.tableTitles[$0] ?? $0)（\($0)）" }.joined(separator: "、")
        case .orphanedRows(_, let table, let parent, let count, let keys, let missing):
            return "\(Self.chineseTable(table))还有 \(count) 行（\(keys.prefix(3).joined(separator: "；"))）指向文件里没有的\(Self.chineseTable(parent))行"
                + (missing.isEmpty ? "" : "（\(missing.prefix(3).map(PersonalNumbers.shown).joined(separator: "、"))）")
                + "，所以没有导入：请把这些行留在文件里" + (parent == "institutions" ? "（不再运营的机构不要删除，把状态改为已关闭）" : "")
                + "；确要删除的，先删去指向它们的\(Self.chineseTable(table))行"
        case .badMeta(let key, let value, let expected):
            let what = value == nil ? "缺少这一项" : value!.isEmpty ? "为空" : "为“\(Self.cut(value!))”"
            return "站点设置（meta）的 \(key) \(what)：" + (Self.chineseExpectation(expected).map { "应为" + $0 } ?? "不符合要求（原因见上方英文提示）")
                + "。改正 meta.csv 后用 yanglao import meta 导入"
        case .cannotOpen(_, let reason):
            let said: [(String, String)] = [
                ("it is a folder", "这是一个文件夹，不是数据库文件：--db 后面请写数据库文件，如 content/yanglao.sqlite"),
                ("the file cannot be read", "没有权限读取这个文件：请检查文件的权限，或用有权限的账户运行"),
                ("the file is empty (0 bytes)", "数据库文件是空的（0 字节）：删去它，再用 yanglao init 新建"),
                ("not a SQLite database", "这不是数据库文件：--db 后面写数据库（yanglao init 新建的），要导入的表格文件写在最后"),
                ("there is no room for the copy", "临时文件夹空间不足，无法先在副本上检查导入：请清理磁盘，或设置 TMPDIR 指向有空间的文件夹；数据库没有改动"),
                ("file already exists", "文件已经存在：请换一个新文件名（以免覆盖已有的数据库）"),
                ("does not exist; create it first", "文件夹不存在：请先创建，或换一个已有的文件夹"),
                ("is not declared STRICT", "数据库中有表被其他工具改建过，不再检查数据类型（床位数可能存了小数、经纬度存了文字）：请用 yanglao export --all 把各表导出到一个文件夹，再用 yanglao load 把它们载入新数据库（载入时逐项检查）"),
                ("another program is writing to it", "数据库正被其他程序使用（如 DB Browser 里有未写入的修改）：等它完成或关闭它，再重新运行"),
            ]
            return said.first { reason.contains($0.0) }?.1
        case .wrongSchemaVersion(_, let found, let expected):
            return "数据库的结构版本是 \(found)，本程序读取版本 \(expected)：" + (found > expected ? "这个数据库由更新版本的 yanglao 建立，请升级 yanglao" : "请用 yanglao import 导入一次表格（会自动升级），或用 yanglao init 新建数据库后重新导入")
        case .missingTable(_, let table):
            return "数据库里没有“\(Schema.tableTitles[table] ?? table)”（\(table)）表：它不是用 yanglao init 建立的。请用 yanglao init 新建数据库，再导入各表"
        case .sql(let message) where message.contains("foreign key mismatch"):
            return "数据库的表结构被改过（外键对不上）：请用 yanglao init 新建数据库，再用 yanglao export 导出的表格导入"
        case .rejectedRow(_, let line, _, _):
            return "第 \(line) 行未能导入（原因见上方英文提示）"
        case .facilityTakenOver(_, let line, let c):
            return "第 \(line) 行把代码 \(c.id)（“\(c.oldName)”，\(c.oldRegion)）改成了“\(c.newName)”、\(c.newRegion)，照此导入那家机构的页面、评级和信用记录都会归到“\(c.newName)”名下，所以没有导入："
                + "新机构请用它自己的统一社会信用代码；确实是这家机构改名并迁到别的地区的，加 --allow-renames 重新导入"
        case .manyRenamed(_, let renamed, let total, _):
            return "导入会改掉文件中 \(total) 家机构里 \(renamed) 家的名称，所以没有导入：多半是在 Excel 里只对名称一列排序、名称和其他列错开了，或粘贴时错了行。"
                + "请对照网站上的名称核对文件；确实都改了名的，加 --allow-renames 重新导入"
        case .namesShuffled(_, let lines, let names, let from):
            return "导入会把一家机构的名称改成另一家机构原来的名称（\(lines.indices.map { "第 \(lines[$0]) 行改成了第 \(from[$0]) 行原来的名称“\(names[$0])”" }.joined(separator: "；"))），所以没有导入：多半是两行名称对调了，或粘贴时错了行。"
                + "请对照网站上的名称核对文件；确实是互换了名称的，加 --allow-renames 重新导入"
        case .keyReused(_, let line, let r):
            return "第 \(line) 行的编号 \(r.key) 已是“\(r.facility)”的一条记录的编号，照此导入会把那条记录换成这一行、从那家机构撤下：新记录请用没有用过的编号"
                + (r.next.map { "（如 \($0)）" } ?? "") + "；如是那条记录登记错了机构，先用 yanglao delete 删去它，再导入"
        default:
            return nil
        }
    }

    /// The message with a Chinese line under every problem that has one, for the command line.
    public var withChinese: String {
        switch self {
        case .several(let problems, let notShown):
            return Self.listing(problems, notShown: notShown, chinese: true)
        default:
            return description + (chinese.map { "\n（\($0)）" } ?? "")
        }
    }

    /// The problems of one file, one a line, then those left out and the total; `chinese`: each
    /// with its Chinese line and the summary with what to do (the command line's form).
    static func listing(_ problems: [StoreError], notShown: Int, chinese: Bool) -> String {
        let n = problems.count + notShown
        return problems.map { p in p.description + (chinese ? p.chinese.map { "\n  （\($0)）" } ?? "" : "") }.joined(separator: "\n")
            + (notShown > 0 ? "\n… and \(notShown) more problem(s) not shown" + (chinese ? "（另有 \(notShown) 处未列出）" : "") : "")
            + "\n\(n) problem(s); nothing was written（共 \(n) 处问题，数据库没有改动"
            + (chinese ? "。请按每处的说明改正表格（第几行即 Excel 左侧的行号），保存后重新导入" : "") + "）"
    }

    /// A column as the file heads it: 床位数 of "床位数 (beds_total)" (a Chinese header), else the
    /// stored name, which is then the file's own heading, with its Chinese name beside it where
    /// the tables agree on one (“beds_total（床位数）”).
    static func chineseColumn(_ column: String) -> String {
        if let open = column.range(of: " ("), column[..<open.lowerBound].unicodeScalars.contains(where: { $0.value > 0x7F }) {
            return String(column[..<open.lowerBound])
        }
        let names = Set(Schema.chineseHeaders.values.compactMap { headers in headers.first { $0.key == column }?.value.first })
        return names.count == 1 ? "\(column)（\(names.first!)）" : column
    }

    /// Another column a rule compares with (beds_total), headed as the file heads its columns:
    /// in Chinese when `column` is (a Chinese header), where the tables agree on the name.
    static func otherColumn(_ name: String, beside column: String) -> String {
        guard chineseColumn(column) != column else { return name }
        let names = Set(Schema.chineseHeaders.values.compactMap { headers in headers.first { $0.key == name }?.value.first })
        return names.count == 1 ? names.first! : name
    }

    /// What to do about a reference to a row that is not there, by where that row comes from.
    static func chineseRemedy(_ from: ParentRows, _ parent: String) -> String {
        switch from {
        case .sameFile: "请在本文件中补上它所指的那一行"
        case .imported: "请核对是否输错（Excel 是否把代码变成了数字）；确实无误的，先导入\(chineseTable(parent))"
        case .folderFile: "请核对是否输错；确实无误的，在文件夹的 \(parent).csv 中补上那一行"
        case .refused(let row): "它在 \(row.file) 第 \(row.line) 行，那一行因自身的问题没能载入（见该行的提示）：改正那一行后重新载入即可，不要再补一行"
        }
    }

    static func chineseTable(_ table: String) -> String {
        Schema.tableTitles[table].map { "“\($0)”表" } ?? "“\(table)”表"
    }

    /// What the English `expected` asks for, in Chinese, for the expectations met most; nil otherwise.
    public static func chineseExpectation(_ expected: String) -> String? {
        // The words a coded column reads, as listed in brackets: "operating (运营中), closed (已关闭)".
        func words(_ text: String) -> [String] {
            text.matches(of: #/\(([^()]*\p{Han}[^()]*)\)/#).map { String($0.1) }
        }
        if let m = expected.firstMatch(of: #/^a whole number of at most 18 digits \(this one has ([0-9]+)/#) {
            return "不超过 18 位的整数（这一格有 \(m.1) 位：是不是把电话、身份证号或文号填进了这一列？）"
        }
        if expected.hasPrefix("a non-empty value") { return "不能为空的内容" }
        if expected.hasPrefix("true or false (是 or 否)") { return "true 或 false（填“是”或“否”也可以）" }
        if let m = expected.firstMatch(of: #/^an indicator code listed in docs\/schema.md(?: \(did you mean ([a-z_0-9]+)\?\))?/#) {
            return "docs/schema.md 所列的英文指标代码，不是指标名称" + (m.1.map { "（是不是 \($0)？）" } ?? "")
        }
        if expected.hasPrefix("an ISO date YYYY-MM-DD") { return "日期，如 2024-06-30（年-月-日）" }
        if expected.hasPrefix("an integer or one of ") {
            let listed = expected.dropFirst("an integer or one of ".count).split(separator: ", ").map(String.init)
            return "整数或以下之一：" + listed.joined(separator: "、")
        }
        // A count, an amount or a fine far past any real one ("a count of at most 20000 (…)").
        if let most = expected.firstMatch(of: #/^a (?:count|number|fine) of at most ([0-9.]+)/#) {
            return "不超过 \(most.1) 的数：这个数大得不合理，是不是把电话、身份证号或文号填进了这一列，或多输了几位？"
        }
        if expected.hasPrefix("an integer") { return "整数" + unitAdvice(expected) }
        if expected.hasPrefix("a number") { return "数字" + unitAdvice(expected) }
        if expected.hasPrefix("one of ") {
            let listed = words(expected)
            return listed.isEmpty ? "以下之一：" + expected.dropFirst("one of ".count) : "以下之一：" + listed.joined(separator: "、")
        }
        if let range = expected.wholeMatch(of: #/(-?[0-9.]+) … (-?[0-9.]+)/#) { return "\(range.1) 到 \(range.2) 之间的数" }
        if let least = expected.wholeMatch(of: #/(-?[0-9.]+) or more/#) { return "不小于 \(least.1) 的数" }
        if expected.hasPrefix("0 or 1 (是/否") { return "“是”或“否”" }
        if expected.hasPrefix("a date without the weekday") { return "不带星期的日期，如 2024/1/5（在 Excel 中把该列设为“短日期”）" }
        if expected.contains("Excel shows ######## when the column is too narrow") { return "日期（######## 是 Excel 列宽不够时显示的符号，保存时存成了它：在 Excel 中把这一列拉宽，再保存）" }
        if expected.hasPrefix("a date in Arabic digits") { return "用阿拉伯数字写的日期，如 2024-03-05 或 2024年3月5日" }
        if expected.hasPrefix("a day that exists") { return "实际存在的日期（这个月没有这一天，或月份大于 12）" }
        if expected.hasPrefix("a date between") { return "合理年份的日期（年份是否输错？）" }
        if let day = expected.firstMatch(of: #/([0-9]+) looks like Excel's day number for ([0-9-]+)/#) {
            return "日期（\(day.1) 是 Excel 把日期 \(day.2) 显示成了数字：把该列设为日期格式）"
        }
        if expected.hasPrefix("a date") { return "日期，如 2024-06-30（2024/6/30、2024年6月30日 也可以；在 Excel 中把该列设为不带时间的日期）" }
        if expected.hasPrefix("a unified social credit code") {
            // The same advice as the English detail (USCC.problem), not a generic one.
            if let upper = expected.firstMatch(of: #/its letters as capitals \(([0-9A-Z]+)\)/#) {
                return "大写字母的统一社会信用代码：\(upper.1)（代码里没有小写字母）"
            }
            if let length = expected.firstMatch(of: #/18 characters \(found ([0-9]+)\)/#) {
                return "18 位的统一社会信用代码（这一格有 \(length.1) 位：请对照营业执照或登记证书核对）"
            }
            if expected.contains("ends in 000") {
                return "完整的 18 位统一社会信用代码（末尾是 000：Excel 把它当数字只保留了 15 位。把该列设为“文本”，再照营业执照重新输入）"
            }
            if let check = expected.firstMatch(of: #/check character ([0-9A-Z]) \(GB 32100-2015\), found (.)/#) {
                return "正确的统一社会信用代码（按前 17 位算，最后一位校验码应为 \(check.1)，这里是 \(check.2)：18 位中有一位输错了，请对照营业执照或登记证书核对全部代码）"
            }
            if expected.contains("only digits and capital letters") {
                return "只含数字和大写字母的统一社会信用代码（不用 I、O、Z、S、V）"
            }
            return "正确的 18 位统一社会信用代码（请对照营业执照或登记证书核对）"
        }
        if let limit = expected.firstMatch(of: #/^at most ([0-9]+) characters/#) {
            return "不超过 \(limit.1) 个字（这么长的单元格通常是英文引号不成对，把后面的内容读进了一格）"
        }
        if expected.hasPrefix("the text as typed") { return "原样的文字（Excel 把它显示成了科学计数法，后几位已经丢失：把该列设为“文本”后重新输入）" }
        if expected.hasPrefix("text without the replacement character") {
            return "正确编码的文字（文件的编码读错了：在 Excel 中另存为“CSV UTF-8”，或导入时加 --encoding gb18030）"
        }
        if expected.hasPrefix("readable text") { return "正常的文字（这一格是乱码：文件曾用错误的编码打开又保存过，请重新输入）" }
        if expected.hasPrefix("a key without spaces") { return "不含空格的编号（带空格的编号和不带空格的是两个不同的编号）" }
        if expected.hasPrefix("a value a reader can see") { return "看得见的内容（这一格只有空格或看不见的字符，网页上会是一片空白）" }
        if expected.hasPrefix("a name on one line") { return "一行内的名称（单元格里有换行：在 Excel 中是 Alt+回车 加进去的）" }
        if expected.hasPrefix("a region code, not a name") { return "6 位行政区划代码，不是地区名称" }
        if let code = expected.firstMatch(of: #/^([0-9]+) (digits|characters) \((\p{Han}+)\); format the column as 文本/#) {
            return "\(code.1) 位的\(code.3)（Excel 把它变成了科学计数法的数字，后几位已经丢失：把该列设为“文本”后照原件重新输入）"
        }
        if let key = expected.firstMatch(of: #/^`([a-z_]+)` \(the value would be stored under a key the site never reads\)/#) {
            return "网站读取的设置项名称 \(key.1)（键名用英文，拼写要一字不差；各设置项见 docs/schema.md）"
        }
        if expected.hasPrefix("a value, not the spreadsheet error") {
            return "数值或文字，不是 Excel 的错误值（这一格的公式出错了，例如 VLOOKUP 没有找到：改正公式或直接填值，保存后重新导入）"
        }
        if expected.hasPrefix("text without invisible control characters") {
            return "不含看不见的控制字符的文字（多半是从 Word 或网页粘贴来的：重新输入这一格，或把那个字符换成空格）"
        }
        if let stored = expected.firstMatch(of: #/^the key exactly as stored \((.*?)\) to change that row/#) {
            return "与已有编号完全相同的 \(stored.1)（只差大小写会被当作另一行，重复新增），或一个真正不同的新编号"
        }
        if expected.hasPrefix("published text without personal identifiers") {
            return "不含手机号、身份证号的文字（这一列会在网站上公开）：删去号码后重新导入"
        }
        if expected.hasPrefix("the date the data were taken") { return "数据的截止日期（比今天晚一个多月：年份是否输错？）" }
        if expected.hasPrefix("a position in China") {
            return "中国境内的位置（纬度 3.8–53.6，经度 73.5–135.1）：纬度和经度是否填反了？"
        }
        return nil
    }

    /// The advice of `RowChecker.unitHint` in Chinese.
    private static func unitAdvice(_ expected: String) -> String {
        if expected.contains("is this the right column") { return "（这一列填数量或金额，不是电话、身份证号或文号：是不是填错了列？）" }
        if expected.contains("not a percentage") { return "（填床位数、人数等数量，不是百分比）" }
        if expected.contains("without %") { return "（不带 %：95% 写作 95）" }
        if expected.contains("万 or 亿") { return "（写出全部数字：5万 写作 50000）" }
        if expected.contains("scientific format") { return "（Excel 显示成了科学计数法：把该列设为“数值”、0 位小数）" }
        if let digits = expected.firstMatch(of: #/without a unit: ([-0-9.,]+), not/#) { return "（只填数字，如 \(digits.1)，不写单位）" }
        if expected.contains("without a unit") { return "（只填数字，不写单位）" }
        if expected.contains("without decimals") { return "（不带小数）" }
        if let m = expected.firstMatch(of: #/in decimal degrees without N, E or ° \((-?[0-9.]+), not/#) { return "（用十进制度数，不写 N、E 或 °：填 \(m.1)；南纬、西经为负数）" }
        return "（只填数字）"
    }
}
