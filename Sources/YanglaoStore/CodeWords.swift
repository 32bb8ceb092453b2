/// The Chinese words for the codes of coded columns, kept once: the site shows them, and
/// `yanglao import` reads them (and a few common variants) back as the codes, so staff can
/// keep their spreadsheets in the words they see. Keyed by "table.column".
public enum CodeWords {
    /// Code → the word the site shows (and `yanglao export` writes).
    public static let shown: [String: [String: String]] = [
        "institutions.category": ["institution": "养老机构", "community": "城市社区养老服务设施",
                                  "township_centre": "乡镇区域养老服务中心", "village_daycare": "农村日间照料中心"],
        "institutions.ownership": ["public": "公办", "private": "民办", "public_private": "公建民营"],
        "institutions.status": ["operating": "运营中", "suspended": "暂停运营", "closed": "已关闭"],
        "institutions.medical_integration": ["in_house": "内设医疗机构", "contracted": "与医疗机构签约合作", "none": "无"],
        "credit_records.kind": ["pledge": "信用承诺", "penalty": "行政处罚", "spot_check": "抽查检查", "reward": "守信激励",
                                "punishment": "失信惩戒", "blacklist": "黑名单"],
        "credit_records.severity": ["ordinary": "一般", "serious": "严重"],
        "services.type": ["material": "物质帮助", "care": "关爱服务", "caregiving": "照护服务", "medical": "医疗服务"],
        "targets.binding": ["binding": "约束性", "expected": "预期性", "unstated": "文件未注明属性"],
        "targets.comparator": [">=": "≥", "<=": "≤", "=": "="],
        // Not shown on pages, but written by `yanglao export` so every coded column is in words.
        "credit_records.subject_type": ["organisation": "法人和其他组织", "person": "自然人"],
        "regions.level": ["province": "省级", "city": "市级", "county": "县级"],
        "region_stats.kind": ["actual": "实际数", "estimate": "推算数", "projection": "预测数"],
        "observations.qualifier": ["at_least": "以上", "more_than": "超过", "at_most": "以下", "less_than": "不足"],
    ]

    /// Other words read as a code (the same word can mean different codes in different columns).
    static let variants: [String: [String: String]] = [
        "regions.level": ["省": "province", "省级": "province", "市": "city", "地级市": "city", "市级": "city",
                          "县": "county", "区": "county", "县级": "county", "县（市、区）": "county"],
        "region_stats.kind": ["实际数": "actual", "实际": "actual", "统计数": "actual", "推算数": "estimate", "推算": "estimate", "估算数": "estimate", "估算": "estimate", "预测数": "projection", "预测": "projection"],
        // A bare 日间照料中心 is not read: towns have them in communities, villages their own.
        "institutions.category": ["社区养老服务设施": "community", "社区日间照料中心": "community", "城市社区日间照料中心": "community",
                                  "农村区域养老服务中心": "township_centre", "农村老年人日间照料中心": "village_daycare"],
        "institutions.status": ["正常运营": "operating", "正常": "operating", "暂停": "suspended", "停业": "suspended",
                                "停业整顿": "suspended", "关闭": "closed", "注销": "closed", "已注销": "closed"],
        "institutions.ownership": ["民营": "private", "公办民营": "public_private"],
        "institutions.medical_integration": ["否": "none", "内设": "in_house", "签约合作": "contracted", "签约": "contracted"],
        "credit_records.kind": ["抽查": "spot_check"],
        "credit_records.subject_type": ["单位": "organisation", "机构": "organisation", "法人": "organisation", "法人和其他组织": "organisation",
                                        "自然人": "person", "个人": "person"],
        "targets.binding": ["未注明": "unstated", "未注明属性": "unstated"],
        "observations.qualifier": ["不低于": "at_least", "不少于": "at_least", "至少": "at_least", "多于": "more_than", "高于": "more_than",
                                   "不高于": "at_most", "不超过": "at_most", "至多": "at_most", "低于": "less_than", "少于": "less_than"],
        "targets.comparator": ["＝": "=", "不低于": ">=", "不高于": "<=", "等于": "="],
        // The level as the rating certificate writes it (GB/T 37276-2018: 一级 … 五级).
        "ratings.level": ["一级": "1", "二级": "2", "三级": "3", "四级": "4", "五级": "5",
                          "1级": "1", "2级": "2", "3级": "3", "4级": "4", "5级": "5"],
    ]

    /// Word → code: the shown words and the variants.
    public static let read: [String: [String: String]] = {
        var out = variants
        for (column, labels) in shown {
            for (code, word) in labels where word != code { out[column, default: [:]][word] = code }
        }
        return out
    }()

    /// The word the site shows for `code` of `column`, or the code itself.
    public static func label(_ column: String, _ code: String) -> String { shown[column]?[code] ?? code }
}
