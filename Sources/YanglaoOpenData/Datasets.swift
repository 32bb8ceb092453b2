import YanglaoIndicators
import YanglaoStore

/// The published datasets and how each record becomes a row. The data page's
/// dictionary is generated from these field lists.
public enum Datasets {
    public static let regions = Dataset(name: "regions", titleZH: "行政区划", descriptionZH: "发布范围内的行政区划（省、市、县（市、区），含上级地区），每行一个地区，列出 GB/T 2260 六位代码、名称、级别和上级地区代码，供其他数据表按代码关联。", fields: [
        DatasetField("code", .string, title: "行政区划代码", "行政区划代码（GB/T 2260，6位）", required: true),
        DatasetField("name", .string, title: "地区名称", "名称", required: true),
        DatasetField("level", .string, title: "层级", "层级：province 省、city 市、county 县（市、区）", required: true, allowed: ["province", "city", "county"], labels: ["省", "市", "县（市、区）"]),
        DatasetField("parent_code", .string, title: "上级行政区划代码", "上级行政区划代码；省级为空"),
    ], primaryKey: ["code"], foreignKeys: [ForeignKey(["parent_code"], references: "regions", ["code"])])

    public static let regionStats = Dataset(name: "region-stats", titleZH: "地区统计数据", descriptionZH: "人口、60岁及以上老年人口、城市社区、乡镇、行政村和现有床位等地区统计数据，长表格式，每行一个地区、年份和统计项，注明实际数或预测数及出处文件。市（省）的行和它下辖县的行并列：市的数是文件公布的市级合计，不要把市和县的行加在一起。", fields: [
        DatasetField("region_code", .string, title: "行政区划代码", "行政区划代码", required: true),
        DatasetField("region_name", .string, title: "地区名称", "地区名称", required: true),
        DatasetField("year", .integer, title: "年份", "年份", required: true),
        DatasetField("metric", .string, title: "统计项", "统计项代码。指标计算使用：population 总人口（人）、population_60plus 60岁及以上人口（人）、urban_communities 城市社区数（个）、townships 乡镇（街道）数（个）、administrative_villages 行政村数（个）；床位缺口测算使用：beds_institution_existing 现有机构床位（张，规划报送的数，不是机构名录之和，可能与指标数据的 beds_total 不一致）、beds_community_fullcare_existing 现有社区全托床位（张）；bed_gap_published、nursing_bed_gap_published 规划文件印刷的床位缺口、护理型床位缺口（张）。以 _reported 结尾的是文件公布的计数（个、张、人；fire_safety_accepted_reported 为通过消防验收的机构数），只供与本站按名录计算的数核对，不参与计算", required: true),
        DatasetField("metric_name", .string, title: "统计项名称", "统计项名称；本站不认识的统计项为空"),
        DatasetField("value", .number, title: "数值", "数值（单位见 unit；人口为人，不是万人），保留 4 位小数", required: true, minimum: 0),
        DatasetField("unit", .string, title: "单位", "单位；本站不认识的统计项为空"),
        DatasetField("kind", .string, title: "数据类型", "actual 实际数（文件公布的统计数）、estimate 推算数（文件没有直接公布、按文件推算的数，source 写明推算方法）、projection 预测数", required: true, allowed: ["actual", "estimate", "projection"], labels: ["实际数", "推算数", "预测数"]),
        DatasetField("source", .string, title: "出处", "出处（文件文号及位置）", required: true),
    ], primaryKey: ["region_code", "year", "metric", "kind"],
       foreignKeys: [ForeignKey(["region_code"], references: "regions", ["code"])])

    public static let observations = Dataset(name: "observations", titleZH: "报送数值和基数", descriptionZH: "有关部门报送或规划文件公布的指标数值，每行注明年份和出处。无法由机构记录计算的指标（报送数据指标）的数值取自这里；规划指标页上的基数和进度推算也来自这里；本站能由机构记录计算的指标，这里的公布数只在指标页“文件公布的数值”中列出供核对，不替代计算值（两者口径可能不同）。", fields: [
        DatasetField("indicator", .string, title: "指标代码", "指标代码（指标定义数据集的 code；其 basis 为 computed 的指标，本站的数值由机构记录计算、见指标数据集，这里的数值只供核对）", required: true),
        DatasetField("indicator_name", .string, title: "指标名称", "指标名称", required: true),
        DatasetField("region_code", .string, title: "行政区划代码", "行政区划代码", required: true),
        DatasetField("region_name", .string, title: "地区名称", "地区名称", required: true),
        DatasetField("year", .integer, title: "年份", "数值所属年份", required: true),
        DatasetField("value", .number, title: "数值", "数值（单位见 unit；百分比为 0–100），保留 4 位小数", required: true),
        DatasetField("unit", .string, title: "单位", "单位；% 表示百分数（0–100）", required: true),
        DatasetField("source", .string, title: "出处", "出处（文件文号及位置，或报送单位）", required: true),
        DatasetField("qualifier", .string, title: "数值限定", "数值是一个界限而不是数值本身时注明：at_least 以上（不低于，如“40%以上”）、more_than 超过（如“超过180万人次”）、at_most 以下（不高于）、less_than 不足；数值本身为空。引用时请带上限定词",
                     allowed: ["at_least", "more_than", "at_most", "less_than"], labels: ["以上", "超过", "以下", "不足"]),
    ], primaryKey: ["indicator", "region_code", "year"],
       foreignKeys: [ForeignKey(["region_code"], references: "regions", ["code"]),
                     ForeignKey(["indicator"], references: "indicator-definitions", ["code"])])

    public static let institutions = Dataset(name: "institutions", titleZH: "养老服务机构和设施名录", descriptionZH: "养老机构、城市社区养老服务设施、乡镇区域养老服务中心和农村日间照料中心，每行一处，主键为统一社会信用代码。合计养老机构的床位、入住人数和护理员时只取 category 为 institution 且 status 不是 closed 的行（本站指标的口径）：社区、乡镇和农村设施也有床位，全部行相加会多算。", fields: [
        DatasetField("id", .string, title: "统一社会信用代码", "统一社会信用代码（18位）", required: true),
        DatasetField("name", .string, title: "机构名称", "名称", required: true),
        DatasetField("region_code", .string, title: "行政区划代码", "所在县（市、区）代码", required: true),
        DatasetField("region_name", .string, title: "地区名称", "所在县（市、区）名称", required: true),
        DatasetField("category", .string, title: "类别", "类别：institution 养老机构、community 城市社区养老服务设施、township_centre 乡镇区域养老服务中心、village_daycare 农村日间照料中心",
                     required: true, allowed: ["institution", "community", "township_centre", "village_daycare"], labels: ["养老机构", "城市社区养老服务设施", "乡镇区域养老服务中心", "农村日间照料中心"]),
        DatasetField("ownership", .string, title: "性质", "性质：public 公办、private 民办、public_private 公建民营", required: true,
                     allowed: ["public", "private", "public_private"], labels: ["公办", "民办", "公建民营"]),
        DatasetField("address", .string, title: "地址", "地址"),
        DatasetField("phone", .string, title: "电话", "机构办公电话"),
        DatasetField("latitude", .number, title: "纬度", "纬度（WGS 84），保留 6 位小数（约 0.1 米）", unit: "度"),
        DatasetField("longitude", .number, title: "经度", "经度（WGS 84），保留 6 位小数（约 0.1 米）", unit: "度"),
        DatasetField("opened_on", .date, title: "开业日期", "开业日期"),
        DatasetField("status", .string, title: "状态", "状态：operating 运营中、suspended 暂停运营（暂停接收老年人或停业整顿，仍在名录中）、closed 已关闭（已关闭的机构仍列在名录中，信用记录照常公示；从名录中删除的机构见数据版本的变更清单）", required: true,
                     allowed: ["operating", "suspended", "closed"], labels: ["运营中", "暂停运营", "已关闭"]),
        DatasetField("beds_total", .integer, title: "床位数", "床位数。本站的床位、入住率和护理员指标只计未关闭的养老机构（category 为 institution、status 不是 closed），把全部行相加会多出社区、乡镇和农村设施的床位", unit: "张", required: true, minimum: 0),
        DatasetField("beds_nursing", .integer, title: "护理型床位数", "护理型床位数（计算护理型床位占比时同样只计未关闭的养老机构）", unit: "张", required: true, minimum: 0),
        DatasetField("residents", .integer, title: "在住老年人数", "在住老年人数", unit: "人", minimum: 0),
        DatasetField("caregivers", .integer, title: "养老护理员人数", "养老护理员人数", unit: "人", minimum: 0),
        DatasetField("caregivers_certified", .integer, title: "持证养老护理员人数", "持证养老护理员人数", unit: "人", minimum: 0),
        DatasetField("social_workers", .integer, title: "社会工作者人数", "社会工作者人数", unit: "人", minimum: 0),
        DatasetField("medical_integration", .string, title: "医养结合", "医养结合：none 无、in_house 内设医疗机构、contracted 签约合作", required: true,
                     allowed: ["none", "in_house", "contracted"], labels: ["无", "内设医疗机构", "签约合作"]),
        DatasetField("fire_safety_accepted", .boolean, title: "有消防验收通过记录", "是否有通过消防验收（审验）的记录：true 有；false 暂无通过记录（未通过或未报送：不能据此认定未通过验收）", required: true),
        DatasetField("rating_level", .integer, title: "当前等级", "当前有效等级（1–5，一级最低、五级最高）；无有效等级为空", minimum: 1, maximum: 5),
        DatasetField("rating_state", .string, title: "评级状态", "评级状态：current 有效、expired 已过有效期、withdrawn 已撤销、unrated 未评级；等级评定针对养老机构，其他类别（社区、乡镇、农村设施）没有评定记录时为空；已关闭机构的评级状态照样给出（本站的等级统计不含已关闭机构，请按 status 筛选）",
                     allowed: ["current", "expired", "withdrawn", "unrated"], labels: ["有效", "已过有效期", "已撤销", "未评级"]),
        DatasetField("updated_on", .date, title: "信息更新日期", "信息更新日期", required: true),
        DatasetField("former_names", .string, title: "曾用名", "机构更名前用过的名称，最近的在前，多个之间用全角分号“；”隔开；没有更过名为空"),
    ], primaryKey: ["id"], foreignKeys: [ForeignKey(["region_code"], references: "regions", ["code"])])

    public static let ratings = Dataset(name: "ratings", titleZH: "养老机构等级评定结果", descriptionZH: "养老机构按 GB/T 37276-2018《养老机构等级划分与评定》评定的等级结果及历史，每行一次评定，含评定日期、有效期、评定机构和文号，也列出已过有效期和已撤销的结果。", fields: [
        DatasetField("id", .string, title: "评定记录编号", "评定记录编号", required: true),
        DatasetField("institution_id", .string, title: "机构统一社会信用代码", "机构统一社会信用代码", required: true),
        DatasetField("institution_name", .string, title: "机构名称", "机构名称", required: true),
        DatasetField("region_code", .string, title: "行政区划代码", "机构所在地区（县、市、区）的行政区划代码，便于按地区统计", required: true),
        DatasetField("region_name", .string, title: "地区名称", "机构所在地区名称", required: true),
        DatasetField("level", .integer, title: "等级", "等级（1–5，一级最低、五级最高）", required: true, minimum: 1, maximum: 5),
        DatasetField("score", .number, title: "评定得分", "评定得分，保留 2 位小数", unit: "分"),
        DatasetField("rated_on", .date, title: "评定日期", "评定日期", required: true),
        DatasetField("valid_until", .date, title: "有效期至", "有效期至", required: true),
        DatasetField("assessor", .string, title: "评定机构", "评定机构", required: true),
        DatasetField("document_no", .string, title: "公布文号", "公布文号", required: true),
        DatasetField("withdrawn_on", .date, title: "撤销日期", "撤销日期；未撤销为空"),
        DatasetField("state", .string, title: "评定状态", "截至数据日期的状态：current 有效、expired 已过有效期（到期时还没有新的评定，或是机构最近一次评定已到期）、withdrawn 已撤销、superseded 已被新评定取代（有效期内就有了新的评定）。一家机构有几行评定记录，按机构统计（如目前评级已过期的机构有几家）请用机构名录 institutions 的 rating_state",
                     required: true, allowed: ["current", "expired", "withdrawn", "superseded"], labels: ["有效", "已过有效期", "已撤销", "已被新评定取代"]),
    ], primaryKey: ["id"], foreignKeys: [ForeignKey(["institution_id"], references: "institutions", ["id"]),
                                         ForeignKey(["region_code"], references: "regions", ["code"])])

    public static let creditRecords = Dataset(name: "credit-records", titleZH: "养老服务信用信息", descriptionZH: "处于公示期内的信用承诺、行政处罚、抽查检查结果、守信激励、失信惩戒和黑名单；公示期外及已信用修复的记录不公开。自然人姓名已脱敏。本文件只列当前公示的记录，不是执法次数的统计；记录公示期满即从本文件撤下，转载和再利用时请以最新文件为准。许可协议允许再利用本文件；按信用信息公示的规定，公示期满或已信用修复的记录停止公示，请不要继续公开已撤下的记录（这是公示规定的要求，不是许可协议附加的条件）。", fields: [
        DatasetField("id", .string, title: "记录编号", "记录编号", required: true),
        DatasetField("institution_id", .string, title: "机构统一社会信用代码", "机构统一社会信用代码", required: true),
        DatasetField("institution_name", .string, title: "机构名称", "机构名称", required: true),
        DatasetField("region_code", .string, title: "行政区划代码", "机构所在地区（县、市、区）的行政区划代码，便于按地区统计", required: true),
        DatasetField("region_name", .string, title: "地区名称", "机构所在地区名称", required: true),
        DatasetField("kind", .string, title: "信用信息类别", "类别：pledge 信用承诺、penalty 行政处罚、spot_check 抽查检查、reward 守信激励、punishment 失信惩戒、blacklist 黑名单",
                     required: true, allowed: ["pledge", "penalty", "spot_check", "reward", "punishment", "blacklist"], labels: ["信用承诺", "行政处罚", "抽查检查", "守信激励", "失信惩戒", "黑名单"]),
        DatasetField("subject_type", .string, title: "行政相对人类别", "行政相对人类别：organisation 法人和其他组织、person 自然人", required: true,
                     allowed: ["organisation", "person"], labels: ["法人和其他组织", "自然人"]),
        DatasetField("subject_name", .string, title: "行政相对人名称", "行政相对人名称（自然人已脱敏）", required: true),
        DatasetField("decided_on", .date, title: "决定日期", "决定日期", required: true),
        DatasetField("document_no", .string, title: "决定书文号", "决定书文号"),
        DatasetField("authority", .string, title: "决定机关", "作出决定的机关", required: true),
        DatasetField("reason", .string, title: "事由", "违法行为类型或事由"),
        DatasetField("basis", .string, title: "依据", "依据"),
        DatasetField("result", .string, title: "处理结果", "处理结果或检查结论"),
        DatasetField("fine_yuan", .number, title: "罚款金额（元）", "罚款金额，保留 2 位小数（到分）", unit: "元", minimum: 0),
        DatasetField("severity", .string, title: "情节", "情节：ordinary 一般、serious 严重", allowed: ["ordinary", "serious"], labels: ["一般", "严重"]),
        DatasetField("disclose_until", .date, title: "公示截止日期", "公示截止日期（当日仍公示）。记录注明截止日期的按所注；未注明的自决定日期推算：抽查检查结果、一般行政处罚和一般失信惩戒 12 个月，严重行政处罚、严重失信惩戒、黑名单和守信激励 36 个月（默认期限，发布单位可在 meta 的 disclosure_months_ordinary、disclosure_months_serious 中另定，“信用信息”页注明所用期限）；信用承诺长期公示，为空"),
    ], primaryKey: ["id"], foreignKeys: [ForeignKey(["institution_id"], references: "institutions", ["id"]),
                                         ForeignKey(["region_code"], references: "regions", ["code"])])

    /// The facility's region in a rating or credit row: in the datasets (so records count by
    /// county without a join), not in a facility's own JSON (which says it once).
    public static let facilityRegionColumns: Set<String> = ["region_code", "region_name"]

    public static let services = Dataset(name: "services", titleZH: "基本养老服务清单", descriptionZH: "基本养老服务清单：老年人可以享受的基本养老服务，每行一项，列出服务对象、服务项目、服务内容、服务类型和牵头落实部门，并注明本地新增的项目。", fields: [
        DatasetField("id", .string, title: "项目编号", "项目编号", required: true),
        DatasetField("seq", .integer, title: "序号", "序号", required: true),
        DatasetField("target_group", .string, title: "服务对象", "服务对象", required: true),
        DatasetField("name", .string, title: "服务项目", "服务项目", required: true),
        DatasetField("content", .string, title: "服务内容", "服务内容（概述）", required: true),
        DatasetField("type", .string, title: "服务类型", "类型：material 物质帮助、care 关爱服务、caregiving 照护服务、medical 医疗服务", required: true,
                     allowed: ["material", "care", "caregiving", "medical"], labels: ["物质帮助", "关爱服务", "照护服务", "医疗服务"]),
        DatasetField("department", .string, title: "牵头部门", "牵头部门", required: true),
        DatasetField("local_addition", .boolean, title: "本地新增项目", "是否为本地新增项目", required: true),
        DatasetField("region_code", .string, title: "清单适用地区", "清单适用地区代码", required: true),
    ], primaryKey: ["id"], foreignKeys: [ForeignKey(["region_code"], references: "regions", ["code"])])

    public static let indicators = Dataset(name: "indicators", titleZH: "规划指标及目标完成情况", descriptionZH: "各地区各项指标的当前值、分子分母及规划目标，长表格式；一个指标有多个目标时每个目标一行，数值在这些行中重复，汇总或求和时每个指标和地区只取一行。每行由 indicator、region_code 和 target_year 确定（没有目标的行 target_year 为空，这样的行每个指标和地区至多一行）。某地区某指标既无数值、分子、分母，也无目标时（如无人报送的报送数据指标），不列这一行。", fields: [
        DatasetField("indicator", .string, title: "指标代码", "指标代码", required: true),
        DatasetField("indicator_name", .string, title: "指标名称", "指标名称", required: true),
        DatasetField("region_code", .string, title: "行政区划代码", "行政区划代码", required: true),
        DatasetField("region_name", .string, title: "地区名称", "地区名称", required: true),
        DatasetField("year", .integer, title: "年份", "数值所属年份", required: true),
        DatasetField("value", .number, title: "数值", "数值（当前值；报送指标和完全由统计数算出的指标如 ageing_rate，为 year 所列年份的数值）；有分母的 = 分子 ÷ 分母 × 倍数（% 为 100，每千名老年人为 1000，每万名老年人为 10000），按指标的小数位（% 为 2 位，各指标见网站“计算方法”页）四舍五入，恰好一半时远离零；无数据为空，有分子而没有分母的（如规划文件没有公布各县的行政村数，县的农村日间照料中心覆盖率）也为空，分子照列。value_qualifier 不为空的行，数值是一个界限（如 40 以上），不是确切数值，求和、排序前请先看这一列"),
        DatasetField("unit", .string, title: "单位", "单位；% 表示百分数（0–100）"),
        DatasetField("numerator", .number, title: "分子", "分子；由机构记录计数的，市（省、全部地区）的分子等于下级地区分子之和"),
        DatasetField("denominator", .number, title: "分母", "分母；由机构记录计数的同样是下级之和。人口、社区数等地区统计作分母时，各地区取同一年份的数（各地区都有实际数的最近年份，否则离数据年份最近的年份，可能是预测数），上级地区有自己公布的该年份的数就用它（如规划文件公布的全市合计数），可能与下级之和略有出入，没有时用下级之和；所用年份和出处见 value_source。所以上级地区另有其他年份的实际数时也不用。这类指标请勿用下级地区的行加总来核对上级的数值"),
        DatasetField("value_source", .string, title: "数值来源", "数值来源：本站由机构记录和地区统计计算的，为“本站计算”，用到非当年实际统计数时写作“本站计算；”加所用统计数的年份、类型（预测数、推算数）及出处（筛选时请用“以本站计算开头”）；报送指标为报送或文件公布数值的出处；无数值时为空"),
        DatasetField("value_qualifier", .string, title: "数值限定", "报送或公布的数值是一个界限而不是数值本身时注明：at_least 以上（不低于）、more_than 超过、at_most 以下（不高于）、less_than 不足（见“报送数值和基数”数据集 observations 的 qualifier）；这时 status 只在界限足以判断时为 met、pending 或 missed，否则为 no_data",
                     allowed: ["at_least", "more_than", "at_most", "less_than"], labels: ["以上", "超过", "以下", "不足"]),
        DatasetField("statistics_year", .integer, title: "统计数年份", "数值用到的地区统计数（人口、乡镇数、行政村数等，多作分母）的年份；可能不是 year（如各地区都有的最近实际数是上一年），也可能是预测年份；不用地区统计的指标和无数值时为空", minimum: 1900),
        DatasetField("statistics_kind", .string, title: "统计数类型", "所用地区统计数的类型（用到几种时取最不确定的一种）：actual 实际数、estimate 推算数（文件没有直接公布、由本站按文件推算的数，如由各县覆盖目标推算的社区数）、projection 预测数（如用 2025 年 60 岁及以上人口预测数作分母）；筛选这一列即可找出不是用实际数算出的数值；不用地区统计的指标和无数值时为空",
                     allowed: ["actual", "estimate", "projection"], labels: ["实际数", "推算数", "预测数"]),
        DatasetField("target", .number, title: "目标值", "目标值，保留 4 位小数"),
        DatasetField("target_year", .integer, title: "目标年份", "目标年份；文件没有写年份的目标（target_year_stated 为 false）是规划期（实施期）的最后一年"),
        DatasetField("target_year_stated", .boolean, title: "文件注明目标年份", "目标年份是否为文件所写：true 文件写明了年份；false 文件没有写年份（多为附表只列各县目标数而不写年份，也有正文只说“基本实现”“全覆盖”的），target_year 是本站按规划期（实施期）末年份确定的，网站写作“规划期末（2028 年）”；据此判断的 missed 是按规划期末判断的，不是文件所定期限；没有目标的行为空"),
        DatasetField("comparator", .string, title: "比较方式", "目标比较方式：at_least 不低于、at_most 不高于、exactly 等于", allowed: ["at_least", "at_most", "exactly"], labels: ["不低于", "不高于", "等于"]),
        DatasetField("binding", .string, title: "目标属性", "目标属性：binding 约束性、expected 预期性、unstated 文件未注明属性", allowed: ["binding", "expected", "unstated"], labels: ["约束性", "预期性", "文件未注明属性"]),
        DatasetField("status", .string, title: "目标状态", "目标状态：met 已达到（目标年当年或数据年份已到目标年的数值达到目标）、met_early 已提前达到（目标年未到）——数据年份 year 的数值已达到 target_year 的目标，届时的数值还要再判断，不等于“已完成目标”（met 和 met_early 合计才是数值已达到目标水平的全部）、pending 尚未达到、missed 未达到（已过目标年）、no_data 暂无数据（没有可判断的数据）。目标年早于数据年份的，按目标年当年的数值判断（报送的该年数值，没有时用本站该年最后一个数据版本公布的数值；不用以后的数据）；其他目标按数据年份的数值判断，更早年份的报送数值不作判断依据",
                     allowed: ["met", "met_early", "pending", "missed", "no_data"], labels: [TargetStatus.met.labelZH, "已提前达到（目标年未到）", TargetStatus.pending.labelZH, TargetStatus.missed.labelZH, TargetStatus.noData.labelZH]),
        DatasetField("source", .string, title: "目标出处", "目标出处（文件及条款）；没有目标的行为空"),
        // A file of a release read beside another's: year alone would give two rows of one key.
        DatasetField("data_as_of", .date, title: "数据日期", "数值所依据数据的截止日期（本文件所属版本的数据日期）：year 为当年时，数值是截至这一天的情况，不一定是全年数；把几个版本的文件合在一起时，用它区分同一年的不同数值（同一数据日期的版本和它发布后的更正，这一列相同，请按文件的地址区分：data/releases/ 下是版本，data/corrections/ 下是更正）", required: true),
    ], foreignKeys: [ForeignKey(["region_code"], references: "regions", ["code"]),
                     ForeignKey(["indicator"], references: "indicator-definitions", ["code"])])

    /// How each published indicator is worked out, one row each: the methodology page as data,
    /// so a value of `indicators` can be recomputed or compared without reading the site.
    public static let indicatorDefinitions = Dataset(name: "indicator-definitions", titleZH: "指标定义和计算方法", descriptionZH: "本站每个指标（含暂无数据的）的定义、分子、分母、倍数、小数位和数据来源类型，每行一个指标，与网站“指标计算方法”页相同。由本站计算的指标：数值 = 分子 ÷ 分母 × 倍数，按小数位四舍五入（恰好一半时远离零）；上级地区的分子、分母为下级之和（人口等地区统计见规划指标数据集的 value_source）。", fields: [
        DatasetField("code", .string, title: "指标代码", "指标代码（规划指标数据集的 indicator）", required: true),
        DatasetField("name", .string, title: "指标名称", "指标名称", required: true),
        DatasetField("name_en", .string, title: "英文名称", "英文名称", required: true),
        DatasetField("unit", .string, title: "单位", "单位；% 表示百分数（0–100）", required: true),
        DatasetField("definition", .string, title: "定义", "定义和口径", required: true),
        DatasetField("numerator", .string, title: "分子", "分子（计数的指标为所计的数；报送指标为报送的数值）", required: true),
        DatasetField("denominator", .string, title: "分母", "分母；计数和报送的指标为空"),
        DatasetField("multiplier", .integer, title: "倍数", "分子 ÷ 分母后乘的倍数：% 为 100，每千名老年人为 1000，每万名老年人为 10000；计数和报送的指标（没有分母，报送的 % 已是百分数）为 1", required: true, minimum: 1),
        DatasetField("decimals", .integer, title: "小数位", "数值保留的小数位数", required: true, minimum: 0),
        DatasetField("direction", .string, title: "方向", "方向：higher 越高越好、lower 越低越好、neutral 仅作参考（描述情况，无好坏之分，如人口老龄化率）", required: true,
                     allowed: ["higher", "lower", "neutral"], labels: ["越高越好", "越低越好", "仅作参考"]),
        DatasetField("basis", .string, title: "数据来源类型", "数据来源类型：computed 本站计算（按机构记录和地区统计）、reported 报送或公布（有关部门报送或规划文件公布的数值，见“报送数值和基数”数据集 observations）", required: true,
                     allowed: ["computed", "reported"], labels: ["本站计算", "报送或公布"]),
    ], primaryKey: ["code"])

    /// The plan's bed-gap method per region (annex 2 of the Linfen plan), as the region pages
    /// and the methodology page show it, so the site's own figures can be cited from data.
    public static let bedGaps = Dataset(name: "bed-gaps", titleZH: "养老床位缺口（规划测算方法）", descriptionZH: "按《临汾市养老服务五年规划》附件2的方法测算的各地区养老床位缺口：床位需求 = 2025 年 60 岁及以上人口预测 × 2%（四舍五入），缺口 = 需求 − 现有机构床位 − 社区全托床位，负数为富余。输入数据取自地区统计（region-stats）中规划报送的数，与地区页面和指标计算方法页面显示的数相同；规划附件印刷的缺口一并列出，可能与按公式计算的数不同（计算方法页说明原因；附件表头把缺口标为 2028 年，印刷数与按 2025 年人口预测算出的数相合，所以 region-stats 中这两项记在 2028 年）。上级地区（市）一行用规划文件为全市报送的人口预测和床位数（文件的合计行），不等于各县（市、区）之和：汇总时只取县级行或只取市级行，不要相加。", fields: [
        DatasetField("region_code", .string, title: "行政区划代码", "行政区划代码", required: true),
        DatasetField("region_name", .string, title: "地区名称", "地区名称", required: true),
        DatasetField("population_60plus_2025", .number, title: "2025年60岁及以上人口预测", "2025 年 60 岁及以上人口预测数（人），见 region-stats 的 population_60plus", unit: "人", required: true, minimum: 0),
        DatasetField("beds_needed", .integer, title: "床位需求", "床位需求 = 2025 年 60 岁及以上人口预测 × 2%，四舍五入（恰好一半时远离零）", unit: "张", required: true, minimum: 0),
        DatasetField("beds_institution", .integer, title: "现有机构床位", "规划报送的现有养老机构床位（region-stats 的 beds_institution_existing），即规划附件2测算缺口用的数。它不是由机构名录相加得出的：本站指标数据（indicators）的 beds_total 是机构名录（institutions）中未关闭养老机构的床位之和（截至数据日期），两者来源和统计时点不同，数字可能不一致，不要混用或相减", unit: "张", required: true, minimum: 0),
        DatasetField("beds_community_fullcare", .integer, title: "现有社区全托床位", "规划报送的现有社区全托床位（region-stats 的 beds_community_fullcare_existing）", unit: "张", required: true, minimum: 0),
        DatasetField("gap", .integer, title: "床位缺口", "床位缺口 = 床位需求 − 现有机构床位 − 现有社区全托床位；负数为富余", unit: "张", required: true),
        DatasetField("gap_printed", .integer, title: "附件印刷的床位缺口", "规划附件印刷的床位缺口（region-stats 的 bed_gap_published）；附件没有这一地区时为空", unit: "张"),
        DatasetField("nursing_gap_printed", .integer, title: "附件印刷的护理型床位缺口", "规划附件印刷的护理型床位缺口（region-stats 的 nursing_bed_gap_published；附件未列算法）；没有时为空", unit: "张"),
    ], primaryKey: ["region_code"],
       foreignKeys: [ForeignKey(["region_code"], references: "regions", ["code"])])

    public static func row(_ g: BedGap, regionName: String, printed: Double?, nursingPrinted: Double?) -> [Cell] {
        [.text(g.regionCode), .text(regionName), .number(g.elderly2025, decimals: 4), .int(g.needed), .int(g.institutionBeds),
         .int(g.communityBeds), .int(g.gap), printed.map { .int(Int($0.rounded())) } ?? .null, nursingPrinted.map { .int(Int($0.rounded())) } ?? .null]
    }

    /// In the order of the data page.
    public static let all = [institutions, ratings, creditRecords, services, indicators, indicatorDefinitions, bedGaps, observations, regions, regionStats]

    // MARK: rows

    /// Words rather than `>=`: a cell starting with `=` would be taken for a formula by spreadsheets.
    public static func comparatorWord(_ c: String) -> String {
        switch c {
        case "<=": "at_most"
        case "=": "exactly"
        default: "at_least"
        }
    }

    public static func row(_ r: Region) -> [Cell] { [.text(r.code), .text(r.name), .text(r.level), .text(r.parentCode)] }

    /// `regionName`: the region's name (the row's code when the region is unknown).
    public static func row(_ o: Observation, regionName: String) -> [Cell] {
        let def = IndicatorRegistry.definition(o.indicator)
        return [.text(o.indicator), .text(def?.nameZH ?? o.indicator), .text(o.regionCode), .text(regionName), .int(o.year),
                .number(o.value, decimals: 4), .text(def?.unit ?? ""), .text(o.source), .text(o.qualifier)]
    }

    public static func row(_ s: RegionStat, regionName: String) -> [Cell] {
        let known = regionMetrics[s.metric]
        return [.text(s.regionCode), .text(regionName), .int(s.year), .text(s.metric), .text(known?.name), .number(s.value, decimals: 4),
                .text(known?.unit), .text(s.kind), .text(s.source)]
    }

    /// Names and units of the region statistics the site knows: those the indicators and the
    /// bed-gap method read, and the counts the Linfen plan publishes (`*_reported`).
    public static let regionMetrics: [String: (name: String, unit: String)] = [
        "population": ("总人口", "人"), "population_60plus": ("60岁及以上人口", "人"),
        "urban_communities": ("城市社区数", "个"), "townships": ("乡镇（街道）数", "个"), "administrative_villages": ("行政村数", "个"),
        "beds_institution_existing": ("现有机构床位（规划测算）", "张"), "beds_community_fullcare_existing": ("现有社区全托床位（规划测算）", "张"),
        "bed_gap_published": ("规划印刷的床位缺口", "张"), "nursing_bed_gap_published": ("规划印刷的护理型床位缺口", "张"),
        "institutions_reported": ("文件公布的养老机构数", "家"), "institutions_public_reported": ("文件公布的公办养老机构数", "家"),
        "institutions_private_reported": ("文件公布的民办养老机构数", "家"), "institutions_rated_reported": ("文件公布的完成等级评定的机构数", "家"),
        "beds_reported": ("文件公布的养老机构床位数", "张"), "beds_nursing_reported": ("文件公布的护理型床位数", "张"),
        "community_facilities_reported": ("文件公布的社区养老服务设施数", "个"),
        "community_happiness_projects_reported": ("文件公布的社区养老幸福工程数", "个"),
        "township_centres_reported": ("文件公布的乡镇区域养老服务中心数", "个"),
        "village_daycare_reported": ("文件公布的农村日间照料中心数", "个"), "caregivers_reported": ("文件公布的养老服务人员数", "人"),
        "caregiver_training_bases_reported": ("文件公布的养老护理员培训基地数", "个"),
        "fire_safety_accepted_reported": ("文件公布的通过消防验收的机构数", "家"),
        "medical_institutions_reported": ("文件公布的医疗服务机构数", "个"),
    ]

    public static func row(_ i: Institution, regionName: String, rating: RatingState) -> [Cell] {
        // Only care institutions are rated (GB/T 37276); other facilities have no rating state.
        let state: String? = switch rating {
        case .current: "current"
        case .expired: "expired"
        case .withdrawn: "withdrawn"
        case .unrated: i.category == "institution" ? "unrated" : nil
        }
        return [.text(i.id), .text(i.name), .text(i.regionCode), .text(regionName), .text(i.category), .text(i.ownership),
                .text(i.address), .text(i.phone), i.latitude.map { .number($0, decimals: 6) } ?? .null,
                i.longitude.map { .number($0, decimals: 6) } ?? .null, .date(i.openedOn), .text(i.status),
                .int(i.bedsTotal), .int(i.bedsNursing), .int(i.residents), .int(i.caregivers),
                .int(i.caregiversCertified), .int(i.socialWorkers), .text(i.medicalIntegration),
                .bool(i.fireSafetyAccepted), .int(rating.currentLevel), .text(state), .date(i.updatedOn),
                .text(i.formerNames.isEmpty ? nil : i.formerNames.joined(separator: Schema.formerNameSeparator))]
    }

    /// `state` is computed by the caller from the full history.
    /// `region`: the facility's region code and name; nil for the row inside the facility's own JSON.
    public static func row(_ r: Rating, institutionName: String, region: (code: String, name: String)?, state: String) -> [Cell] {
        [.text(r.id), .text(r.institutionID), .text(institutionName)] + regionCells(region) + [.int(r.level),
         r.score.map { .number($0, decimals: 2) } ?? .null, .date(r.ratedOn), .date(r.validUntil),
         .text(r.assessor), .text(r.documentNo), .date(r.withdrawnOn), .text(state)]
    }

    /// Only for records the disclosure policy lets through; names are masked here.
    public static func row(_ c: CreditRecord, institutionName: String, region: (code: String, name: String)?, policy: DisclosurePolicy) -> [Cell] {
        [.text(c.id), .text(c.institutionID), .text(institutionName)] + regionCells(region) + [.text(c.kind), .text(c.subjectType),
         .text(DisclosurePolicy.publicName(of: c)), .date(c.decidedOn), .text(c.documentNo), .text(c.authority),
         .text(c.reason), .text(c.basis), .text(c.result), c.fineYuan.map { .number($0, decimals: 2) } ?? .null,
         .text(c.severity), .date(policy.lastDay(of: c)?.description)]
    }

    static func regionCells(_ region: (code: String, name: String)?) -> [Cell] {
        region.map { [.text($0.code), .text($0.name)] } ?? []
    }

    /// A dataset's fields as a facility's own JSON holds them (without the facility's region).
    public static func embeddedFields(_ d: Dataset) -> [DatasetField] {
        d.fields.filter { !facilityRegionColumns.contains($0.name) }
    }

    public static func row(_ d: IndicatorDefinition) -> [Cell] {
        let computed: Bool
        if case .computed = d.basis { computed = true } else { computed = false }
        return [.text(d.code), .text(d.nameZH), .text(d.nameEN), .text(d.unit), .text(d.definitionZH), .text(d.numeratorZH),
                .text(d.denominatorZH), .int(d.scale), .int(d.decimals), .text(d.direction.rawValue),
                .text(computed ? "computed" : "reported")]
    }

    public static func row(_ s: Service) -> [Cell] {
        [.text(s.id), .int(s.seq), .text(s.targetGroup), .text(s.name), .text(s.content), .text(s.type),
         .text(s.department), .bool(s.localAddition), .text(s.regionCode)]
    }

    /// Fields yanglao works out from the others (not typed by staff): when a newer version
    /// judges the same rows differently (`met_early`, `superseded`) or names an indicator in
    /// other words (its registry's name), the data are the same, so a rebuild of a published
    /// data date is no correction of it.
    public static let derivedFields: [String: Set<String>] = ["indicators": ["status", "indicator_name"], "ratings": ["state"],
                                                              "observations": ["indicator_name"]]

    /// One row per target of the value, or one row without target.
    /// Where a value comes from: "本站计算" with the statistics that are not actual figures of
    /// the data year, or the source of a reported figure.
    static func valueSource(_ v: IndicatorValue, _ def: IndicatorDefinition) -> Cell {
        guard v.value != nil else { return .null }
        switch def.basis {
        case .computed: return .text(v.source.map { "本站计算；\($0)" } ?? "本站计算")
        case .observed: return v.source.map { .text($0) } ?? .null
        }
    }

    /// A target met by a figure of a year before the target year is `met_early`: in a spreadsheet
    /// a bare 已达到 beside a 2028 binding target reads as "done", which a 2023 figure cannot say.
    static func statusCode(_ e: TargetEvaluation, year: Int) -> String {
        e.isMetEarly(dataYear: year) ? "met_early" : e.status.rawValue
    }

    public static func rows(_ v: IndicatorValue, regionName: String, evaluations: [TargetEvaluation], dataAsOf: String) -> [[Cell]] {
        guard let def = IndicatorRegistry.definition(v.code) else { return [] }
        let base: [Cell] = [.text(v.code), .text(def.nameZH), .text(v.regionCode), .text(regionName), .int(v.year),
                            v.value.map { .number($0, decimals: def.decimals) } ?? .null, .text(def.unit),
                            v.numerator.map { .number($0, decimals: 4) } ?? .null,
                            v.denominator.map { .number($0, decimals: 4) } ?? .null,
                            valueSource(v, def), .text(v.qualifier),
                            v.value == nil ? .null : v.statisticsYear.map { .int($0) } ?? .null,
                            v.value == nil ? .null : v.statisticsKind.map { .text($0.rawValue) } ?? .null]
        if evaluations.isEmpty { return [base + [.null, .null, .null, .null, .null, .null, .null, .date(dataAsOf)]] }
        return evaluations.map { e in
            base + [.number(e.target.value, decimals: 4), .int(e.target.year), .bool(e.target.yearStated), .text(comparatorWord(e.target.comparator)),
                    .text(e.target.binding), .text(statusCode(e, year: v.year)), .text(e.target.source), .date(dataAsOf)]
        }
    }
}
