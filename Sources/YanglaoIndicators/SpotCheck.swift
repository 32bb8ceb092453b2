import Foundation
import YanglaoStore

/// What a spot check's stated result (`credit_records.result`, free text) says: a pass, a
/// finding (a problem was found), or neither recognisably. The site flags a finding wherever
/// the facility is listed, as it does a penalty, so a pass must never read as one: results
/// that are neither are shown as written, without a flag, and `validate` warns about them.
public enum SpotCheck {
    public enum Outcome: Sendable { case passed, finding, unclear }

    /// Words of a pass; also with a note in brackets after them (合格（已整改）).
    public static let passWords = ["合格", "检查合格", "经检查合格", "符合要求", "符合规定", "通过", "未发现问题", "无问题", "未发现违规"]
    private static let passBytes = passWords.map { Array($0.utf8) }
    /// Words of a finding (checked after the pass words, so 未发现问题 stays a pass).
    public static let findingWords = ["不合格", "基本合格", "整改", "改正", "责令", "问题", "违规", "违法", "不符合", "未通过", "警告", "隐患"]

    public static func outcome(_ result: String?) -> Outcome {
        // Most results are a pass word as typed ("合格"): compared as bytes, before the
        // trimming and searching below (a national build reads a million records twice).
        if let result, passBytes.contains(where: { $0.elementsEqual(result.utf8) }) { return .passed }
        guard var r = result?.trimmingCharacters(in: .whitespacesAndNewlines), !r.isEmpty else { return .unclear }
        while let last = r.last, "。.；;，,！!".contains(last) { r.removeLast() }
        if passWords.contains(r) || passWords.contains(where: { r.hasPrefix($0 + "（") || r.hasPrefix($0 + "(") }) { return .passed }
        return findingWords.contains(where: r.contains) ? .finding : .unclear
    }

    /// A spot check whose result says a problem was found.
    public static func foundProblems(_ c: CreditRecord) -> Bool { c.kind == "spot_check" && outcome(c.result) == .finding }
}
