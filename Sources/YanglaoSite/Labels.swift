import Foundation
import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// Chinese labels for stored codes (the words are kept in `CodeWords`, which import reads
/// back), and number formatting for pages.
enum Labels {
    /// `CodeWords.shown` of each labelled column, looked up once (labels are asked for on every page).
    private static let words = (
        category: CodeWords.shown["institutions.category"]!,
        ownership: CodeWords.shown["institutions.ownership"]!,
        status: CodeWords.shown["institutions.status"]!,
        medical: CodeWords.shown["institutions.medical_integration"]!,
        creditKind: CodeWords.shown["credit_records.kind"]!,
        serviceType: CodeWords.shown["services.type"]!,
        binding: CodeWords.shown["targets.binding"]!,
        comparator: CodeWords.shown["targets.comparator"]!
    )

    static func category(_ c: String) -> String { words.category[c] ?? c }

    static func ownership(_ o: String) -> String { words.ownership[o] ?? o }

    /// What a facility of this kind offers, in a sentence for families (care homes need none).
    static func categoryNote(_ c: String) -> String? {
        switch c {
        case "community": return "城市社区养老服务设施：在社区为周边老年人提供日间照料、助餐、文体活动等服务，有的也提供短期托养。具体服务和收费请向设施询问。"
        case "township_centre": return "乡镇（街道）区域养老服务中心：为本乡镇（街道）的老年人提供集中供养、日间照料、助餐等服务，并带动周边村、社区的养老服务站点。具体服务请向设施询问。"
        case "village_daycare": return "农村老年人日间照料中心：在村里为老年人提供日间照料（白天休息、用餐、文体活动等），有的也提供全托。具体服务请向设施或村委会询问。"
        default: return nil
        }
    }

    static func status(_ s: String) -> String { words.status[s] ?? s }

    /// The warning of a blacklisted facility (the finder script compares with it too).
    static let blacklisted = "已列入黑名单"

    /// The badges of a facility in every listing, search result and the finder: the
    /// blacklist, sanctions and penalties being disclosed (`credit`: the disclosed records),
    /// and a suspended or closed facility.
    /// A facility that cannot be chosen now: suspended, closed or blacklisted. Lists, search
    /// results and the finder put these after the others, whatever their rating.
    static func unavailable(status: String, credit: [CreditRecord]) -> Bool {
        status != "operating" || credit.contains { $0.kind == "blacklist" }
    }

    static func warnings(status: String, credit: [CreditRecord]) -> [String] {
        (credit.contains { $0.kind == "blacklist" } ? [blacklisted] : []) + sanctions(credit)
            + (status == "suspended" || status == "closed" ? [Labels.status(status)] : [])
    }

    /// "失信惩戒 1 条", "行政处罚 2 条", "抽查发现问题 1 次": the sanctions, penalties and
    /// spot checks that found problems among `credit`.
    static func sanctions(_ credit: [CreditRecord]) -> [String] {
        let kinds: [String] = ["punishment", "penalty"].compactMap { kind in
            let n = credit.count { $0.kind == kind }
            return n > 0 ? "\(creditKind(kind)) \(n) 条" : nil
        }
        let failed = credit.count(where: SpotCheck.foundProblems)
        return kinds + (failed > 0 ? ["抽查发现问题 \(failed) 次"] : [])
    }


    static func medical(_ m: String) -> String { words.medical[m] ?? m }

    static func creditKind(_ k: String) -> String { words.creditKind[k] ?? k }

    /// A closed home's level, said as past (已关闭（原三级）): no one can choose it by that level.
    /// Nil for a home that is not closed or held no valid level.
    static func closedLevel(_ state: RatingState, status: String) -> String? {
        status == "closed" ? state.currentLevel.map { "已关闭（原\(RatingState.levelName($0))）" } : nil
    }

    static func decisionState(_ s: String) -> String {
        switch s {
        case "withdrawn": "已撤销"
        case "current": "有效"
        case "expired": "已过有效期"
        default: "已被新评定取代"
        }
    }

    static func serviceType(_ t: String) -> String { words.serviceType[t] ?? t }

    static func binding(_ b: String) -> String { words.binding[b] ?? b }

    static func comparator(_ c: String) -> String { words.comparator[c] ?? c }

    /// A target's year as the document has it: "2028 年", or, when the document gives none and
    /// the year is the plan period's last, "规划期末（2028 年）" (a date the publisher chose).
    static func targetYear(_ t: Target) -> String { t.yearStated ? "\(t.year) 年" : "规划期末（\(t.year) 年）" }

    /// The words of the indicator-definitions dataset's `direction`, so page and data agree.
    private static let directionWords = Datasets.indicatorDefinitions.fields.first { $0.name == "direction" }!.labelOf!

    static func direction(_ d: IndicatorDefinition.Direction) -> String { directionWords[d.rawValue] ?? d.rawValue }

    /// Integer with thousands separators: 9,121.
    /// A bed count in a list: "无" for none, as the facility's page and the script's lists say it.
    static func beds(_ n: Int) -> String { n == 0 ? "无" : int(n) }

    static func int(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// An indicator's value as the pages show it, with the bound a reported figure is
    /// ("不低于 40%", "超过 1,800,000"): never a bound shown as if it were the value.
    static func value(_ v: IndicatorValue?, _ def: IndicatorDefinition) -> String {
        guard let number = v?.value else { return "暂无数据" }
        return value(number, qualifier: v?.qualifier, def)
    }

    /// A figure with the words of its bound (`observations.qualifier`), if it is one.
    /// `asPublished` (by default for reported indicators): as the document wrote it (see below).
    static func value(_ number: Double, qualifier: String?, _ def: IndicatorDefinition, asPublished: Bool? = nil) -> String {
        (qualifier.flatMap { qualifierWords[$0] }.map { $0 + " " } ?? "") + value(number, def, asPublished: asPublished ?? def.isReported)
    }

    static let qualifierWords = ["at_least": "不低于", "more_than": "超过", "at_most": "不高于", "less_than": "不足"]

    /// A value in its unit: "25.61%", "9,121 张". `asPublished`: a figure taken from a document
    /// or a report (a target, a reported coverage) keeps the precision it was given with —
    /// "53%", not "53.00%", which would claim two decimals the source never had.
    static func value(_ v: Double?, _ def: IndicatorDefinition, asPublished: Bool = false) -> String {
        guard let v else { return "暂无数据" }
        let shown = number(v, decimals: def.decimals)
        return (asPublished ? trimmed(shown) : shown) + (def.isPercent ? "%" : "")
    }

    /// "53.00" → "53", "85.50" → "85.5": the zeros that rounding added.
    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    static func number(_ v: Double, decimals: Int) -> String {
        if decimals == 0 {
            let r = Rounding.round(v, decimals: 0)
            // A wrong number too large for an integer (validation stops the build): no crash first.
            return abs(r) < 9e18 ? int(Int(r)) : Rounding.format(r, decimals: 0)
        }
        let s = Rounding.format(v, decimals: decimals)
        let parts = s.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]) ?? 0
        let sign = s.hasPrefix("-") && whole == 0 ? "-" : ""
        return sign + int(whole) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Decimal units (1 KB = 1000 bytes), as file managers and download pages show them.
    static func bytes(_ n: Int) -> String {
        // A no-break space: the unit never goes to a line of its own in a narrow column.
        if n < 1000 { return "\(n)\u{00A0}B" }
        if n < 1_000_000 { return Rounding.format(Double(n) / 1000, decimals: 1) + "\u{00A0}KB" }
        return Rounding.format(Double(n) / 1_000_000, decimals: 1) + "\u{00A0}MB"
    }
}
