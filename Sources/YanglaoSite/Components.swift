import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// Small pieces of markup shared by several pages.
enum Components {
    /// Rating as text and symbol, never colour alone: "三级 ★★★☆☆".
    /// `dated`: where no end date is shown beside it (lists, the facility's facts), the level carries
    /// its end as a hidden `<time>`, so that the script says under it when the reader's today is past
    /// it, as the finder and the facility page's dates do (a list read years later must not show a
    /// lapsed level as plain 二级 where another page says it has ended).
    /// `status`: a closed home's level is said as past (已关闭（原三级）), as its own page says it.
    static func rating(_ state: RatingState, status: String? = nil, dated: Bool = false) -> HTML {
        if let status, let closed = Labels.closedLevel(state, status: status) { return "<span class=\"badge unrated\">\(closed)</span>" }
        switch state {
        case .current(let r):
            let end: HTML = dated ? ISODate(r.validUntil).map { "<time class=\"lapse\" datetime=\"\($0.description)\" data-past=\"过有效期\" hidden></time>" } ?? .empty : .empty
            // 一级 reads as "first class" to many: the stars show the scale, and screen readers say it.
            return "<span class=\"badge level\">\(RatingState.levelName(r.level))<span class=\"vh\">（共五级，五级最高）</span> <span class=\"stars\" aria-hidden=\"true\">\(stars(r.level))</span></span>\(end)"
        case .expired, .withdrawn, .unrated:
            return "<span class=\"badge unrated\">\(state.label)</span>"
        }
    }

    static func stars(_ level: Int) -> String {
        String(repeating: "★", count: max(0, min(5, level))) + String(repeating: "☆", count: max(0, 5 - level))
    }

    /// `early`: met before the target year, said in the badge as the datasets' met_early says it
    /// (a screenshot of a plain "已达到" reads as a target done).
    static func status(_ s: TargetStatus, early: Bool = false) -> HTML {
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
        return "<span class=\"badge \(cls)\">\(mark)\(early && s == .met ? "已提前达到" : s.labelZH)</span>"
    }

    /// A table in a horizontally scrolling box (phones). Columns in `nowrap`
    /// (dates, states, document numbers) never break inside; columns in `text`
    /// (reasons, measures) keep a readable width and make the box scroll instead
    /// of shrinking to two characters a line. The script shows a "左右滚动" hint
    /// above a box whose table is wider than the screen.
    ///
    /// `stack`: lists read row by row (facilities, credit records) become one card per row
    /// on a phone, each cell under its column's name, so the column that decides a
    /// choice (rating, penalty) is never off the right edge of the screen; the script does
    /// the same where such a table is wider than the page (elder mode on a desktop).
    /// `caption` is shown; `label` names a table that sits under a heading saying the same
    /// (hidden caption and the scroll box's name), so screen readers tell the tables apart.
    /// `foot`: rows of totals, in `<tfoot>` (read as totals by screen readers, set apart in bold).
    static func table(caption: String? = nil, label: String? = nil, head: [HTML], rows: [[HTML]], foot: [[HTML]] = [], numeric: Set<Int> = [],
                      nowrap: Set<Int> = [], text: Set<Int> = [], wide: Set<Int> = [], stack: Bool = false,
                      compact: Bool = false) -> HTML {
        func cls(_ i: Int) -> String {
            let names = (numeric.contains(i) ? ["n"] : []) + (nowrap.contains(i) ? ["nw"] : []) + (text.contains(i) ? ["w"] : [])
                + (wide.contains(i) ? ["ww"] : [])
            return names.isEmpty ? "" : " class=\"\(names.joined(separator: " "))\""
        }
        let cap: HTML = caption.map { "<caption>\($0)</caption>" } ?? label.map { "<caption class=\"vh\">\($0)</caption>" } ?? .empty
        let headCells: [HTML] = head.enumerated().map { i, h in "<th scope=\"col\"\(HTML(trusted: cls(i)))>\(h)</th>" }
        // Column names as plain text for the cards' labels (the names are the page's own words).
        let labels: [String] = stack ? head.map { h in
            var text = "", inTag = false
            for c in h.raw { if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c == "\"" ? "'" : c) } }
            return text
        } : []
        // Each column's opening tag, built once (a national directory has millions of cells).
        let width = max(head.count, rows.map(\.count).max() ?? 0)
        let opening: [String] = (0..<width).map { i in
            if i == 0 { return "<th scope=\"row\"\(cls(i))>" }
            return "<td\(cls(i))" + (stack && i < labels.count ? " data-label=\"\(labels[i])\"" : "") + ">"
        }
        func rowsHTML(_ rows: [[HTML]]) -> [HTML] { rows.map { row in
            var out = "<tr>"
            for (i, c) in row.enumerated() {
                out += opening[i]
                out += c.raw
                out += i == 0 ? "</th>" : "</td>"
            }
            out += "</tr>\n"
            return HTML(trusted: out)
        } }
        let body = rowsHTML(rows)
        let footer: HTML = foot.isEmpty ? .empty : "<tfoot>\n\(rowsHTML(foot))</tfoot>"
        // `compact`: a grid of small counts, narrowed on phones so that it fits without scrolling.
        let tableClass: HTML = stack ? " class=\"stack\"" : compact ? " class=\"counts\"" : .empty
        // A scrolling box must be reachable by keyboard (WCAG 2.1.1), so it takes focus and a name.
        return "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(caption ?? label ?? "表格（可左右滚动）")\"><table\(tableClass)>\(cap)<thead><tr>\(headCells)</tr></thead><tbody>\n\(body)</tbody>\(footer)</table></div>\n"
    }

    /// Warnings a reader must see wherever the institution is listed, as text
    /// (never colour alone): "已列入黑名单", "暂停运营", "已关闭".
    /// A spot check's finding (抽查发现问题, a result such as 基本合格) is set in amber, a
    /// sanction, penalty or closure in red: both say in words what they are and carry ⚠.
    static func warnings(_ items: [String], caution: Bool = false) -> HTML {
        let parts: [HTML] = items.map { w in
            let cls = caution || w.hasPrefix("抽查") ? "caution" : "flag"
            return "<strong class=\"badge \(cls)\"><span aria-hidden=\"true\">⚠ </span>\(w)</strong>"
        }
        return parts.isEmpty ? .empty : " " + parts.joined(" ")
    }

    static func facts(_ items: [(String, HTML)]) -> HTML {
        // One string grown in place (a facility page has twenty of these pairs).
        var raw = "<dl class=\"facts\">"
        raw.reserveCapacity(32 + items.reduce(0) { $0 + $1.0.utf8.count + $1.1.raw.utf8.count + 20 })
        for (label, value) in items {
            raw += "<dt>"; raw += HTML.escape(label); raw += "</dt><dd>"; raw += value.raw; raw += "</dd>"
        }
        raw += "</dl>\n"
        return HTML(trusted: raw)
    }

    static func figures(_ items: [(String, String)]) -> HTML {
        figures(items.map { ($0.0, $0.1, nil) })
    }

    /// Figures that lead to the section listing them (`href` "#blacklist").
    static func figures(_ items: [(String, String, String?)]) -> HTML {
        let parts: [HTML] = items.map { label, value, href in
            let inner: HTML = "<span class=\"num\">\(value)</span><span class=\"lbl\">\(label)</span>"
            return href.map { "<li><a href=\"\($0)\">\(inner)</a></li>" } ?? "<li>\(inner)</li>"
        }
        return "<ul class=\"figures\">\(parts)</ul>\n"
    }

    static func text(_ s: String?) -> HTML { s.map { "\($0)" } ?? "—" }

    /// A facility's location on 高德地图 (its URI API: a marker, routes from there, and on a phone the
    /// app if installed). The coordinates are WGS 84 as published, so `coordinate=wgs84` (its default,
    /// GCJ-02, would put the pin hundreds of metres off); the name is percent-encoded, then escaped.
    static func mapLink(name: String, latitude: Double, longitude: Double) -> HTML {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF")
        let encoded = name.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : "%\(hex[Int($0 >> 4)])\(hex[Int($0 & 15)])" }.joined()
        let url = "https://uri.amap.com/marker?position=\(JSONFormat.number(longitude, decimals: 6)),\(JSONFormat.number(latitude, decimals: 6))&name=\(encoded)&src=yanglao&coordinate=wgs84&callnative=1"
        return "<a href=\"\(url)\" rel=\"noopener external\">在高德地图上看位置和路线</a>"
    }

    /// A care home's "加入对比" button in a list (hidden until the script shows it: without
    /// the script there is no comparison).
    static func pickButton(id: String, name: String) -> HTML {
        "<button type=\"button\" class=\"pick\" data-compare=\"\(id)\" data-name=\"\(name)\" aria-pressed=\"false\" hidden>加入对比</button>"
    }

    /// A phone number as a `tel:` link (one tap on a phone); several numbers
    /// ("0357-1234567、13800000000") each get their own link.
    static func phone(_ s: String?) -> HTML {
        guard let s, !s.isEmpty else { return "—" }
        // Runs of digits, "+", "-", brackets and inner spaces are numbers; the rest is text.
        // Read as UTF-8 bytes (every byte that matters is ASCII): this runs once per facility.
        func numeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x28 || b == 0x29 || b == 0x20 }
        let bytes = Array(s.utf8)
        var html: [HTML] = []
        var start = 0
        while start < bytes.count {
            let isNumber = numeric(bytes[start])
            var end = start
            while end < bytes.count, numeric(bytes[end]) == isNumber { end += 1 }
            let run = bytes[start..<end]
            start = end
            let digits = run.filter { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B }
            guard isNumber, digits.count >= 5 else { html.append("\(String(decoding: run, as: UTF8.self))"); continue }
            let trimmed = run.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed()
            let before: HTML = run.first == 0x20 ? " " : .empty, after: HTML = run.last == 0x20 ? " " : .empty
            html.append("\(before)<a href=\"tel:\(String(decoding: digits, as: UTF8.self))\" class=\"nw\">\(String(decoding: Array(trimmed), as: UTF8.self))</a>\(after)")
        }
        return html.joined()
    }
}
