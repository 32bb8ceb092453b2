import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// Chinese labels for stored codes, and number formatting for pages.
enum Labels {
    static func category(_ c: String) -> String {
        switch c {
        case "institution": "养老机构"
        case "community": "城市社区养老服务设施"
        case "township_centre": "乡镇区域养老服务中心"
        case "village_daycare": "农村日间照料中心"
        default: c
        }
    }

    static func ownership(_ o: String) -> String {
        switch o {
        case "public": "公办"
        case "private": "民办"
        case "public_private": "公建民营"
        default: o
        }
    }

    static func status(_ s: String) -> String {
        switch s {
        case "operating": "运营中"
        case "suspended": "暂停运营"
        case "closed": "已关闭"
        default: s
        }
    }

    /// What a reader must be warned of wherever a facility is listed (directory,
    /// region pages, finder, search, compare), in the same words everywhere.
    /// The badges of a facility in every listing, search result and the finder: the
    /// blacklist, sanctions and penalties being disclosed (`credit`: the disclosed records),
    /// and a suspended or closed facility.
    static func warnings(status: String, credit: [CreditRecord]) -> [String] {
        var out: [String] = []
        if credit.contains(where: { $0.kind == "blacklist" }) { out.append("已列入黑名单") }
        let punishments = credit.count { $0.kind == "punishment" }, penalties = credit.count { $0.kind == "penalty" }
        if punishments > 0 { out.append("失信惩戒 \(punishments) 条") }
        if penalties > 0 { out.append("行政处罚 \(penalties) 条") }
        if status == "suspended" || status == "closed" { out.append(Labels.status(status)) }
        return out
    }

    static func medical(_ m: String) -> String {
        switch m {
        case "in_house": "内设医疗机构"
        case "contracted": "与医疗机构签约合作"
        case "none": "无"
        default: m
        }
    }

    static func creditKind(_ k: String) -> String {
        switch k {
        case "pledge": "信用承诺"
        case "penalty": "行政处罚"
        case "spot_check": "抽查检查"
        case "reward": "守信激励"
        case "punishment": "失信惩戒"
        case "blacklist": "黑名单"
        default: k
        }
    }

    static func decisionState(_ s: String) -> String {
        switch s {
        case "withdrawn": "已撤销"
        case "current": "有效"
        case "expired": "已过有效期"
        default: "已被新评定取代"
        }
    }

    static func serviceType(_ t: String) -> String {
        switch t {
        case "material": "物质帮助"
        case "care": "关爱服务"
        case "caregiving": "照护服务"
        case "medical": "医疗服务"
        default: t
        }
    }

    static func binding(_ b: String) -> String {
        switch b {
        case "binding": "约束性"
        case "expected": "预期性"
        default: "文件未注明属性"
        }
    }

    static func comparator(_ c: String) -> String {
        switch c {
        case "<=": "≤"
        case "=": "="
        default: "≥"
        }
    }

    /// Integer with thousands separators: 9,121.
    static func int(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A value in its unit: "25.61%", "9,121 张".
    static func value(_ v: Double?, _ def: IndicatorDefinition) -> String {
        guard let v else { return "暂无数据" }
        return number(v, decimals: def.decimals) + (def.isPercent ? "%" : "")
    }

    static func number(_ v: Double, decimals: Int) -> String {
        if decimals == 0 { return int(Int(Rounding.round(v, decimals: 0))) }
        let s = Rounding.format(v, decimals: decimals)
        let parts = s.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]) ?? 0
        let sign = s.hasPrefix("-") && whole == 0 ? "-" : ""
        return sign + int(whole) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Decimal units (1 KB = 1000 bytes), as file managers and download pages show them.
    static func bytes(_ n: Int) -> String {
        if n < 1000 { return "\(n) B" }
        if n < 1_000_000 { return Rounding.format(Double(n) / 1000, decimals: 1) + " KB" }
        return Rounding.format(Double(n) / 1_000_000, decimals: 1) + " MB"
    }
}
