import YanglaoIndicators
import YanglaoStore

/// Inline SVG charts drawn at build time. Each has a title and a text
/// description for screen readers; pages show the same numbers in a table.
enum Chart {
    /// Horizontal bars, one per item, with an optional dashed target line.
    static func bars(title: String, items: [(label: String, value: Double?)], target: Double?,
                     def: IndicatorDefinition, id: String) -> HTML {
        // Room for the longest name (a province such as 新疆维吾尔自治区 is eight characters).
        let longest = items.map(\.label.count).max() ?? 0
        let rowHeight = 30.0, labelWidth = max(96.0, 8 + 15 * Double(longest)), valueWidth = 86.0, width = 640.0, top = 8.0
        let plotWidth = width - labelWidth - valueWidth
        let maxValue = max(items.compactMap(\.value).max() ?? 0, target ?? 0, def.isPercent ? 100 : 0, 1e-9)
        let height = top + Double(items.count) * rowHeight + (target == nil ? 8 : 26)
        var parts: [HTML] = []
        for (i, item) in items.enumerated() {
            let y = top + Double(i) * rowHeight
            parts.append("<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + 19))\" text-anchor=\"end\" class=\"cl\">\(item.label)</text>")
            if let v = item.value {
                let w = max(0, v / maxValue * plotWidth)
                parts.append("<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 5))\" width=\"\(fmt(w))\" height=\"20\" class=\"cb\"/>")
                parts.append("<text x=\"\(fmt(labelWidth + w + 6))\" y=\"\(fmt(y + 19))\" class=\"cv\">\(Labels.value(v, def))</text>")
            } else {
                parts.append("<text x=\"\(fmt(labelWidth + 6))\" y=\"\(fmt(y + 19))\" class=\"cn\">暂无数据</text>")
            }
        }
        if let t = target {
            let x = labelWidth + t / maxValue * plotWidth
            parts.append("<line x1=\"\(fmt(x))\" y1=\"\(fmt(top))\" x2=\"\(fmt(x))\" y2=\"\(fmt(height - 22))\" class=\"ct\"/>")
            parts.append("<text x=\"\(fmt(x))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\" class=\"ctl\">目标 \(Labels.value(t, def))</text>")
        }
        let desc = items.map { "\($0.label) \(Labels.value($0.value, def))" }.joined(separator: "，")
            + (target.map { "；目标 \(Labels.value($0, def))" } ?? "")
        return """
            <figure class="chart"><svg viewBox="0 0 \(fmt(width)) \(fmt(height))" role="img" aria-labelledby="\(id)-t \(id)-d" xmlns="http://www.w3.org/2000/svg">
            <title id="\(id)-t">\(title)</title><desc id="\(id)-d">\(desc)</desc>
            \(parts.joined())
            </svg><figcaption>\(title)（数值见下表）</figcaption></figure>

            """
    }

    /// A small progress bar: current value against one target.
    static func progress(value: Double?, target: Target?, def: IndicatorDefinition) -> HTML {
        guard let value, let target, target.comparator != "<=" else { return .empty }
        let scale = max(value, target.value, def.isPercent ? 100 : 0, 1e-9)
        let w = 160.0
        let fill = value / scale * w
        let tx = target.value / scale * w
        let label = "当前 \(Labels.value(value, def))，\(target.year) 年目标 \(Labels.value(target.value, def))"
        return """
            <svg class="spark" viewBox="0 0 164 18" width="164" height="18" role="img" aria-label="\(label)" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="4" width="\(fmt(w))" height="10" class="sb"/><rect x="0" y="4" width="\(fmt(fill))" height="10" class="sf"/><line x1="\(fmt(tx))" y1="0" x2="\(fmt(tx))" y2="18" class="st"/></svg>
            """
    }

    /// Coordinates with one decimal, so output is stable and small.
    static func fmt(_ x: Double) -> String { JSONNumber.format(x) }
}

enum JSONNumber {
    static func format(_ x: Double) -> String {
        let r = Rounding.round(x, decimals: 1)
        return r == r.rounded() ? String(Int(r)) : Rounding.format(r, decimals: 1)
    }
}
