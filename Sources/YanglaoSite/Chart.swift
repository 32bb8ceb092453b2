import YanglaoIndicators
import YanglaoStore

/// Charts drawn at build time: HTML bars and small inline SVG progress bars.
/// Each has a text description for screen readers; pages show the same
/// numbers in a table.
enum Chart {
    /// Horizontal bars, one per item, with an optional target line: HTML sized
    /// in CSS (names and values stay at the page's text size on a phone, where a
    /// scaled SVG shrank them to 7 px). Three columns: name, bar, value.
    /// `targetOf` names whose target the line is (the whole area's, drawn across its counties'
    /// bars: a county without a target of its own must not read as missing one).
    /// `of`: a percentage's numerator and denominator; where the denominator is small (a county
    /// with three care homes reads 66.67% for two), the bar says "2/3" beside its value.
    static func bars(title: String, items: [(label: String, value: Double?, of: (Double, Double)?)], target: Double?, targetOf: String = "",
                     def: IndicatorDefinition, id: String) -> HTML {
        let maxValue = max(items.compactMap(\.value).max() ?? 0, target ?? 0, def.isPercent ? 100 : 0, 1e-9)
        let line: HTML = target.map { t in
            "<span class=\"hb-g\" style=\"left:\(fmt(min(100, t / maxValue * 100)))%\"></span>"
        } ?? .empty
        let rows: [HTML] = items.map { item in
            let bar: HTML = item.value.map { v in
                "<span class=\"hb-b\" style=\"width:\(fmt(max(0, min(100, v / maxValue * 100))))%\"></span>"
            } ?? .empty
            let few: HTML = item.of.flatMap { n, d in
                def.isPercent && item.value != nil && d > 0 && d <= smallDenominator ? " <span class=\"muted\">\(fmt(n))/\(fmt(d))</span>" : nil
            } ?? .empty
            let value: HTML = item.value.map { "\(Labels.value($0, def))\(few)" } ?? "<span class=\"muted\">暂无数据</span>"
            return "<div class=\"hb-r\"><span class=\"hb-l\">\(item.label)</span><span class=\"hb-t\">\(bar)\(line)</span><span class=\"hb-v\">\(value)</span></div>"
        }
        let desc = items.map { "\($0.label) \(Labels.value($0.value, def))" }.joined(separator: "，")
            + (target.map { "；\(targetOf)目标 \(Labels.value($0, def))" } ?? "")
        let key: HTML = (target.map { "；红色竖线为\(targetOf)目标 \(Labels.value($0, def))" } ?? .empty)
            + (def.isPercent && items.contains { $0.value != nil && ($0.of.map { $0.1 > 0 && $0.1 <= smallDenominator } ?? false) }
                ? "；数值旁的“2/3”是分子/分母：基数很小的比例，一家之差就变化很大" : .empty)
        return """
            <figure class="chart" id="\(id)"><div class="hbars" role="img" aria-label="\(title)：\(desc)">\(rows)</div>
            <figcaption>\(title)\(key)（数值见下表）</figcaption></figure>

            """
    }

    /// A small progress bar: current value against one target (the one the list names next), with
    /// a visible key saying which (the bar alone reads as progress towards the last target).
    static func progress(value: Double?, target: Target?, def: IndicatorDefinition) -> HTML {
        guard let value, let target, target.comparator != "<=" else { return .empty }
        let scale = max(value, target.value, def.isPercent ? 100 : 0, 1e-9)
        let w = 160.0
        let fill = value / scale * w
        let tx = target.value / scale * w
        let label = "当前 \(Labels.value(value, def))，\(Labels.targetYear(target))目标 \(Labels.value(target.value, def))"
        return """
            <svg class="spark" viewBox="0 0 164 18" width="164" height="18" role="img" aria-label="\(label)" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="4" width="\(fmt(w))" height="10" class="sb"/><rect x="0" y="4" width="\(fmt(fill))" height="10" class="sf"/><line x1="\(fmt(tx))" y1="0" x2="\(fmt(tx))" y2="18" class="st"/></svg><span class="spark-key" aria-hidden="true">竖线：\(Labels.targetYear(target))目标</span>
            """
    }

    /// Coordinates with one decimal, so output is stable and small.
    static func fmt(_ x: Double) -> String { JSONNumber.format(x) }

    /// A percentage of at most this many (care homes, facilities) shows its count beside its bar.
    static let smallDenominator = 10.0
}

enum JSONNumber {
    static func format(_ x: Double) -> String {
        let r = Rounding.round(x, decimals: 1)
        return r == r.rounded() ? String(Int(r)) : Rounding.format(r, decimals: 1)
    }
}
