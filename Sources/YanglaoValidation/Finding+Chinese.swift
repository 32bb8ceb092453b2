import YanglaoStore

/// A finding said again in Chinese, for the clerk who keeps the spreadsheet: which table,
/// which facility or row, which column as the Chinese spreadsheet heads it, and what to do.
/// The English line above it stays the reference (it carries every detail and is what
/// the documentation quotes); where a rule has no Chinese sentence here, the Chinese line
/// still names the cell and points to it.
extension Finding {
    public var chinese: String {
        let table = Schema.tableTitles[self.table].map { "“\($0)”表" } ?? "“\(self.table)”表"
        // A finding about a whole table (an empty one) names no row or cell: its rule says it all.
        if self.row == "(none)", let rule = Self.chineseRule(expected, table: self.table) { return rule }
        // A facility by its name (its code beside); a rating or record by its key and its facility.
        let row = self.table == "institutions" ? facility.map { "“\($0)”（\(self.row)）" } ?? self.row
            : facility.map { "编号 \(self.row)（\($0)）" } ?? "编号 \(self.row) 的记录"
        let cell = "\(table)\(row)的“\(Self.chineseColumn(self.table, column))”"
        let one = ChangeText.oneLine(value)
        let shown = value.isEmpty ? "为空" : "为“\(one.count > 40 ? one.prefix(40) + "…" : one)”"
        return cell + shown + "：" + (Self.chineseRule(expected, table: self.table) ?? "不符合要求（原因见英文说明）")
    }

    static func chineseColumn(_ table: String, _ column: String) -> String {
        Schema.chineseName(table: table, column: column) ?? column
    }

    /// What the rule asks, in Chinese, for the expectations of `Validator` and the schema's rules.
    static func chineseRule(_ expected: String, table: String) -> String? {
        func other(_ name: String) -> String { chineseColumn(table, name) }
        if let m = expected.firstMatch(of: #/^at most ([a-z_]+) \((.*?)\)/#) {
            return "不能超过“\(other(String(m.1)))”（\(m.2)），请核对这两格"
        }
        if let m = expected.firstMatch(of: #/^usually at most ([a-z_]+) \((.*?)\)/#) {
            return "一般不超过“\(other(String(m.1)))”（\(m.2)），请核对这两格（这是提醒：数据照常导入和发布）"
        }
        if let m = expected.firstMatch(of: #/^a date not before ([a-z_]+) \((.*?)\)/#) {
            return "不能早于“\(other(String(m.1)))”（\(m.2)），日期先后颠倒了，请核对这两格"
        }
        if let m = expected.firstMatch(of: #/^a value found in table `([a-z_]+)`/#) {
            let parent = Schema.tableTitles[String(m.1)] ?? String(m.1)
            return "在“\(parent)”表中找不到，请核对是否输错（Excel 是否把代码变成了数字）；如代码无误，请在“\(parent)”表中补充这一项并导入"
        }
        if let m = expected.firstMatch(of: #/^a date not after (?:the reference date \(--as-of |data_as_of \()([0-9-]+)\)/#) {
            if expected.contains("does not show this") {
                return "晚于数据截止日期（\(m.1)），网站暂不显示这条记录。如属新一期数据，请先在“站点设置”表（meta.csv）中把 data_as_of 改为新的截止日期"
            }
            return "晚于数据截止日期（\(m.1)）。如属新一期数据，请在“站点设置”表（meta.csv）中把 data_as_of 改为新的截止日期；否则请改正这个日期"
        }
        if let m = expected.firstMatch(of: #/^a position near the other facilities of region ([0-9]+): this one is ([0-9]+) km from the middle of them \((.*?)\), half of them are within ([0-9]+) km/#) {
            return "离本县（市、区，\(m.1)）其他机构太远：距它们的中间位置（\(m.3)）\(m.2) 公里，而一半机构在 \(m.4) 公里以内。机构页会把这个位置链接到地图，家属会照着去找：请核对纬度、经度（按 GPS 的 WGS 84 坐标填写，不要用高德、百度地图里取的坐标）和所在地区代码"
        }
        if expected.hasPrefix("a name not already used in the same region") {
            return "同一县（市、区）已有同名机构（\(Self.also(expected, institution: true))），请核对是否重复录入"
        }
        if expected.hasPrefix("one rating of a facility per day") {
            return "同一机构同一天有两条评定（\(Self.also(expected))），多半是重复录入，请删除多余的一条（命令：yanglao delete ratings 编号 --db 数据库文件）"
        }
        if expected.hasPrefix("a decision number not used by another penalty") {
            return "与另一条行政处罚的决定书文号相同（\(Self.also(expected))），请核对文号"
        }
        if expected.hasPrefix("a number not used by another item") {
            return "与同一清单的另一项序号相同（\(Self.also(expected))）"
        }
        if expected.hasPrefix("no ") && expected.contains("in text that is published") {
            return "公示的信用记录里不能有身份证号或手机号，请删除这个号码"
        }
        if let m = expected.firstMatch(of: #/^at most ([0-9]+) year\(s\) after decided_on/#) {
            return "按信用修复有关规定，最长公示期为 \(m.1) 年，公示截止日期不应晚于决定日期后 \(m.1) 年，请核对"
        }
        if expected.hasPrefix("no ") && expected.contains("in a facility's name or address") {
            return "机构名称、曾用名和地址里不能有身份证号或手机号：联系电话请填在“电话”一列"
        }
        if expected.hasPrefix("earlier names of the facility (曾用名), not its name now") {
            return "曾用名不应是机构现在的名称，请从“曾用名”一列删去"
        }
        if let m = expected.firstMatch(of: #/^earlier names of this facility, not the name another facility has now \((.*?)\)/#) {
            return "曾用名是另一家机构（\(m.1)）现在的名称：是否两家的名称对调后又改回了？请导出机构名录，改正“曾用名”一列后重新导入"
        }
        if let m = expected.firstMatch(of: #/^a percentage between 0 and 100, written without % \((.*?) means .*?; for ([0-9]+) % write/#) {
            return "应为 0 到 100 之间的百分数，不带 %：\(m.1) 表示 \(m.1)%，若是 \(m.2)% 请写 \(m.2)"
        }
        if let m = expected.firstMatch(of: #/^the key written `([a-z_]+)`/#) {
            return "设置项名称应为 \(m.1)（现在的写法网站不读取：键名用英文，拼写要一字不差）"
        }
        // Before the region-code rule below, which "a county-level region (found a city)" would also meet.
        if let fixed = Self.fixedRules.first(where: { expected.hasPrefix($0.prefix) }) { return fixed.chinese }
        if expected.hasPrefix("a code starting with") || expected.hasPrefix("the code of the") || expected.contains("(found a ") {
            return "行政区划代码与上级地区不一致（GB/T 2260），请核对代码和上级代码"
        }
        if let general = StoreError.chineseExpectation(expected) { return "应为" + general }
        return nil
    }

    /// Rules said in a fixed sentence, by the start of their English expectation (in order:
    /// a longer prefix before a shorter one it begins with).
    static let fixedRules: [(prefix: String, chinese: String)] = [
        ("at most the population of the same region and year", "60岁及以上人口不能多于同一地区同一年的总人口：请核对两个数的单位（按人填写，不是万人）和所在的行"),
        ("a number of people (人): fewer than 100", "人口按人填写：一个地区不到 100 人，多半是按万人填了（4.77 万人应填 47700）。各项“每千名老年人”指标和床位缺口都用它计算，请核对（这是提醒：数据照常导入）"),
        ("a figure near the region's other years", "与本地区其他年份的数相差五倍以上，多半是单位不同（万人与人）或多输、少输了一位，请核对（这是提醒：数据照常导入）"),
        ("a facility's name as people know it", "以 = + @ 开头的内容在电子表格里会被当作公式：是不是把公式粘贴进了名称？请改为机构的名称（网站照原样显示，提醒而已）"),
        ("a facility's name without < or >", "名称里有 < 或 >，像是粘贴进来的网页代码：请核对名称（网页只把它当文字显示，不会执行）"),
        ("digits typed half-width", "号码里有全角数字，网页上不能点击拨号：请改用半角数字（用 yanglao import 导入时会自动转换）"),
        ("a phone number with its area code", "固定电话应带区号（以 0 开头，如 0357-1234567），手机号应为 11 位；Excel 会去掉数字开头的 0，请把这一列设为“文本”后重新输入"),
        ("at most 3 years after rated_on", "等级评定结果有效期为 3 年，“有效期至”不应晚于评定日期后 3 年，请核对"),
        ("a care institution (GB/T 37276", "等级评定只针对养老机构（GB/T 37276），这条记录的机构不是养老机构，请核对统一社会信用代码"),
        ("empty: severity applies", "只有行政处罚、失信惩戒和黑名单才填“情节”，这一格应留空"),
        ("a fine only on a penalty", "只有行政处罚才有罚款金额，这一格应留空"),
        ("the decision number", "行政处罚必须填写决定书文号"),
        ("a spot-check result", "抽查结果应写明是否合格（合格、符合要求）或发现的问题（不合格、基本合格、责令整改等）"),
        ("a record number without the person's name", "记录编号会公开（信用数据和订阅源里都有），不能含当事人的姓名：请换一个编号"),
        ("a person's name of 2 to 4 characters", "行政相对人为个人的，姓名应为 2 到 4 个字，职务可写在其后的括号里（网站上隐去部分字显示）"),
        ("a person's name, and in brackets after it only a role", "姓名后的括号里只应写职务（如法定代表人、负责人）；写了曾用名、亲属姓名等其他内容的，会连同姓名一起隐去"),
        ("published text without", "公开的文字里不能有身份证号或手机号（网页和数据文件都会显示这一列），请删除这个号码"),
        ("serious (a blacklist entry", "列入黑名单的，“情节”应填“严重”（无论填写什么，均按情节严重的公示期公示）"),
        ("ordinary or serious", "应填“一般”或“严重”（情节决定公示期长短；不填按“一般”处理）"),
        ("beds for a care institution in operation", "运营中的养老机构床位数不应为 0，请核对"),
        ("no residents in a closed facility", "已关闭的机构不应有在住老年人，请核对状态或人数"),
        ("a county-level region", "所在地区应为县级行政区（县、县级市、市辖区、旗等），请填写县级行政区划代码"),
        ("an indicator code listed", "应为 docs/schema.md 列出的指标代码"),
        ("a percentage between 0 and 100, written without %", "应为 0 到 100 之间的百分数，不带 %（95% 写作 95，写 0.95 就是 0.95%）"),
        ("a percentage between 0 and 100", "应为 0 到 100 之间的百分数"),
        ("a number of at most", "数字大得不合理：是不是把电话、身份证号填进了这一列，或多输了几位？"),
        ("a number of at least -", "数字小得不合理：是不是多输了负号或几位？"),
        ("a count of at most", "数字大得不合理：是不是把电话、身份证号填进了这一列，或多输了几位？"),
        ("a fine of at most", "罚款金额大得不合理：是不是把电话、身份证号或文号填进了这一列？"),
        ("1 (一级) to 5 (五级)", "等级应为 1（一级）到 5（五级）"),
        ("a date YYYY-MM-DD", "应为日期，如 2024-06-30"),
        ("an ISO date YYYY-MM-DD", "应为日期，如 2024-06-30（年-月-日；月份不大于 12，这个月里有这一天）"),
        ("a number of months", "应为公示期的月数：1 到 1200 之间的整数"),
        ("a metric the indicators use", "指标计算用不到这项统计（会照常保存和公开）"),
        ("a figure for every county-level region", "有的县级地区缺这项统计，相关指标因此没有数值或用了别的年份，请补上这些地区的数据"),
        ("an actual ", "有的县级地区缺这项统计，相关指标因此没有数值或用了别的年份，请补上这些地区的数据"),
        ("a day after data_as_of", "更正日期（corrected_on）不晚于数据截止日期，不会生效：更正本期数据时再填写当天日期，或删除这一项"),
        ("the day of the correction", "日期比今天晚一个多月：年份是否输错？"),
        ("the day these data are published", "日期比今天晚一个多月：年份是否输错？"),
        ("a day on or after data_as_of", "发布日期（published_on）早于数据截止日期，不会生效（这一期按截止日期标注发布日期）：更新数据截止日期时请一并填写本期的发布日期，或删除这一项"),
        ("a licence machines can tell", "机器读不出是哪种许可协议：请写明 CC BY 4.0、CC0、ODbL 等通用协议之一，或在文字中附上协议全文的网址（数据包和目录才能给出协议的链接）"),
        ("the date the data were taken", "日期比今天晚一个多月：年份是否输错？"),
        ("at least the region the site is about", "“行政区划”表是空的，请先导入 regions.csv"),
        ("the facilities of the site's regions", "“机构名录”表是空的，网站上将没有任何机构"),
    ]

    /// The other row named in brackets by "(also X)": a record's key, or a facility's code.
    static func also(_ expected: String, institution: Bool = false) -> String {
        expected.firstMatch(of: #/\(also (.*?)\)/#).map { institution ? "另一家机构的统一社会信用代码为 \($0.1)" : "另一条的编号为 \($0.1)" }
            ?? (institution ? "另有一家" : "另有一条")
    }
}
