import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A heading of a rendered document, for anchors and the table of contents.
public struct Heading: Sendable, Equatable {
    public let level: Int
    public let text: String
    public let id: String
}

/// A fenced block the site fills with live content, e.g. ```` ```indicators ````.
public struct Embed: Sendable, Equatable {
    /// The fence's info string, e.g. "indicators".
    public let kind: String
    /// The block's text.
    public let body: String
    /// Line of the opening fence within the Markdown given to the renderer (1-based).
    public let line: Int
    /// Where the block stands in `html`; replace it with the rendered content.
    public let marker: String
}

/// Markdown rendered to HTML that is safe to embed as is.
public struct RenderedMarkdown: Sendable {
    public let html: String
    public let headings: [Heading]
    public let embeds: [Embed]
}

/// GitHub-flavoured Markdown → HTML through libcmark-gfm. All C contact with
/// cmark is in this file.
///
/// Raw HTML in the source is never passed through (cmark's safe default
/// replaces it with a comment; the `tagfilter` extension is attached as well),
/// and `javascript:` style links are dropped by cmark in safe mode.
public enum MarkdownRenderer {
    static let extensions = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// Renders `markdown`; never throws. Headings get stable, unique ids.
    /// Fenced blocks whose info string is in `embedKinds` are not shown as code
    /// but left as markers in `html` for the caller to fill.
    public static func render(_ markdown: String, embedKinds: Set<String> = []) -> RenderedMarkdown {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG
        guard let parser = cmark_parser_new(options) else { return RenderedMarkdown(html: "", headings: [], embeds: []) }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        guard let document = cmark_parser_finish(parser) else { return RenderedMarkdown(html: "", headings: [], embeds: []) }
        defer { cmark_node_free(document) }

        let headings = collectHeadings(document)
        let embeds = collectEmbeds(document, kinds: embedKinds)
        guard let raw = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", headings: headings, embeds: embeds.map(\.embed))
        }
        var html = addHeadingIDs(String(cString: raw), headings)
        free(raw)
        // cmark-gfm names footnote back-links in English; the pages are Chinese.
        html = html.replacingOccurrences(of: "aria-label=\"Back to content\"", with: "aria-label=\"返回正文\"")
        html = replaceCodeBlocks(html, embeds)
        html = wrapTables(html)
        return RenderedMarkdown(html: html, headings: headings, embeds: embeds.map(\.embed))
    }

    /// Each table in a box that scrolls sideways, as the site's own tables are (the page
    /// then says "左右滑动" above one wider than a phone). Raw HTML is filtered, so every
    /// `<table>` of the output is a Markdown table.
    static func wrapTables(_ html: String) -> String {
        guard html.contains("<table>") else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: "<table>"), let end = rest.range(of: "</table>", range: start.upperBound..<rest.endIndex) {
            out += rest[..<start.lowerBound]
            out += "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"表格（可左右滚动）\">"
                + stacked(String(rest[start.lowerBound..<end.upperBound])) + "</div>"
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// A table of four or more columns (a plan's targets by year, a county annex) is read on a
    /// phone as one card per row, each cell named by its column, as the site's own wide tables
    /// are (`table.stack`); sideways scrolling would leave the numbers without their labels.
    /// The table is cmark's: its cells' text is escaped, so a column name serves as an attribute.
    static func stacked(_ table: String) -> String {
        guard let headEnd = table.range(of: "</thead>") else { return table }
        let labels = table[..<headEnd.lowerBound].matches(of: #/<th(?: [^>]*)?>(.*?)</th>/#).map {
            String($0.output.1).replacing(#/<[^>]+>/#, with: "").replacingOccurrences(of: "\"", with: "&quot;")
        }
        guard labels.count >= 4 else { return table }
        let body = table[headEnd.upperBound...]
        var out = String(table[..<headEnd.upperBound]).replacingOccurrences(of: "<table>", with: "<table class=\"stack\">")
        var column = 0
        var i = body.startIndex
        while i < body.endIndex {
            if body[i...].hasPrefix("<tr>") { column = 0 }
            if body[i...].hasPrefix("<td") {
                out += "<td"
                if column < labels.count, !labels[column].isEmpty { out += " data-label=\"\(labels[column])\"" }
                column += 1
                i = body.index(i, offsetBy: 3)
                continue
            }
            out.append(body[i])
            i = body.index(after: i)
        }
        return out
    }

    /// The embeds and, for each, its place among all code blocks in document order.
    static func collectEmbeds(_ document: OpaquePointer, kinds: Set<String>) -> [(embed: Embed, block: Int)] {
        guard !kinds.isEmpty, let iter = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iter) }
        var result: [(embed: Embed, block: Int)] = []
        var blocks = 0
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter),
                  cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { continue }
            blocks += 1
            guard let info = cmark_node_get_fence_info(node) else { continue }
            let kind = String(cString: info).trimmingCharacters(in: .whitespaces)
            guard kinds.contains(kind) else { continue }
            let body = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            result.append((Embed(kind: kind, body: body, line: Int(cmark_node_get_start_line(node)),
                                 marker: "<!--yanglao-embed:\(result.count)-->"), blocks - 1))
        }
        return result
    }

    /// Swaps the embeds' whole `<pre>…</pre>` for their markers. With raw HTML filtered,
    /// every `<pre` of the output is a code block, in document order; a block's text is
    /// escaped, so `</pre>` ends it. (Matching the rendered text instead could pick a code
    /// sample that looks the same.)
    static func replaceCodeBlocks(_ html: String, _ embeds: [(embed: Embed, block: Int)]) -> String {
        guard !embeds.isEmpty else { return html }
        let markers = Dictionary(uniqueKeysWithValues: embeds.map { ($0.block, $0.embed.marker) })
        var out = ""
        var rest = Substring(html)
        var block = 0
        while let open = rest.range(of: "<pre") {
            guard let close = rest[open.upperBound...].range(of: "</pre>") else { break }
            out += rest[..<open.lowerBound]
            out += markers[block].map { Substring($0) } ?? rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
            block += 1
        }
        out += rest
        return out
    }

    /// Headings in document order with ids made from their text.
    static func collectHeadings(_ document: OpaquePointer) -> [Heading] {
        var result: [Heading] = []
        var used: Set<String> = []
        guard let iter = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iter) }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter),
                  cmark_node_get_type(node) == CMARK_NODE_HEADING else { continue }
            let text = plainText(node)
            var base = Slug.make(text)
            if base.isEmpty { base = "section" }
            // cmark names footnotes fn-… and their back-links fnref-…: a heading must not take those ids.
            if base.hasPrefix("fn-") || base.hasPrefix("fnref-") { base = "section-" + base }
            // A suffix may collide with another heading's own text ("概况 2"), so probe until free.
            var id = base
            var n = 1
            while used.contains(id) { n += 1; id = "\(base)-\(n)" }
            used.insert(id)
            result.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: id))
        }
        return result
    }

    /// The concatenated literal text under a node.
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            let type = cmark_node_get_type(c)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let lit = cmark_node_get_literal(c) {
                text += String(cString: lit)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else {
                text += plainText(c)
            }
            child = cmark_node_next(c)
        }
        return text
    }

    /// cmark renders headings as bare `<hN>`; with raw HTML filtered, every
    /// such tag in the output is a heading, in document order.
    static func addHeadingIDs(_ html: String, _ headings: [Heading]) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + headings.count * 24)
        var rest = Substring(html)
        for h in headings {
            let tag = "<h\(h.level)>"
            guard let r = rest.range(of: tag) else { break }
            out += rest[..<r.lowerBound]
            out += "<h\(h.level) id=\"\(h.id)\">"
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

/// Stable fragment ids: letters (any script) and digits kept, everything else
/// folded to single hyphens, ASCII lowercased.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar.isASCII ? Unicode.Scalar(UInt8(ascii: scalar).lowercasedASCII) : scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}

private extension UInt8 {
    init(ascii scalar: Unicode.Scalar) { self = UInt8(scalar.value) }
    var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}
