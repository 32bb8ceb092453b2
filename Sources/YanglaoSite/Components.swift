import YanglaoIndicators
import YanglaoStore

/// Small pieces of markup shared by several pages.
enum Components {
    /// Rating as text and symbol, never colour alone: "三级 ★★★☆☆".
    static func rating(_ state: RatingState) -> HTML {
        switch state {
        case .current(let r):
            return "<span class=\"badge level\">\(RatingState.levelName(r.level)) <span class=\"stars\" aria-hidden=\"true\">\(stars(r.level))</span></span>"
        case .expired, .withdrawn, .unrated:
            return "<span class=\"badge unrated\">\(state.label)</span>"
        }
    }

    static func stars(_ level: Int) -> String {
        String(repeating: "★", count: max(0, min(5, level))) + String(repeating: "☆", count: max(0, 5 - level))
    }

    static func status(_ s: TargetStatus) -> HTML {
        let cls = switch s {
        case .met: "met"
        case .pending: "pending"
        case .missed: "missed"
        case .noData: "nodata"
        }
        let mark = switch s {
        case .met: "✓ "
        case .missed: "✗ "
        default: ""
        }
        return "<span class=\"badge \(cls)\">\(mark)\(s.labelZH)</span>"
    }

    /// A table in a horizontally scrolling box (phones).
    static func table(caption: String? = nil, head: [HTML], rows: [[HTML]], numeric: Set<Int> = []) -> HTML {
        let cap: HTML = caption.map { "<caption>\($0)</caption>" } ?? .empty
        let headCells: [HTML] = head.enumerated().map { i, h in numeric.contains(i) ? "<th scope=\"col\" class=\"n\">\(h)</th>" : "<th scope=\"col\">\(h)</th>" }
        let body: [HTML] = rows.map { row in
            let cells: [HTML] = row.enumerated().map { i, c in
                if i == 0 { return "<th scope=\"row\">\(c)</th>" }
                return numeric.contains(i) ? "<td class=\"n\">\(c)</td>" : "<td>\(c)</td>"
            }
            return "<tr>\(cells)</tr>\n"
        }
        // A scrolling box must be reachable by keyboard (WCAG 2.1.1), so it takes focus and a name.
        return "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(caption ?? "表格（可左右滚动）")\"><table>\(cap)<thead><tr>\(headCells)</tr></thead><tbody>\n\(body)</tbody></table></div>\n"
    }

    static func facts(_ items: [(String, HTML)]) -> HTML {
        let parts: [HTML] = items.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }
        return "<dl class=\"facts\">\(parts)</dl>\n"
    }

    static func figures(_ items: [(String, String)]) -> HTML {
        let parts: [HTML] = items.map { "<li><span class=\"num\">\($0.1)</span><span class=\"lbl\">\($0.0)</span></li>" }
        return "<ul class=\"figures\">\(parts)</ul>\n"
    }

    static func text(_ s: String?) -> HTML { s.map { "\($0)" } ?? "—" }
}
