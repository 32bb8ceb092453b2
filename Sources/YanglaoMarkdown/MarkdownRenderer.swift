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

/// Something in the source that does not come out as its author meant (raw HTML left out,
/// `**` shown as is, a link to a heading the page lacks): said with its line, not refused.
public struct MarkdownNote: Sendable, Equatable {
    /// Line within the Markdown given to the renderer (1-based).
    public let line: Int
    public let message: String
}

/// Markdown rendered to HTML that is safe to embed as is.
public struct RenderedMarkdown: Sendable {
    public let html: String
    public let headings: [Heading]
    public let embeds: [Embed]
    public var notes: [MarkdownNote] = []
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
    /// `documentLinks`: the site path (from the root, `/policies/x/`) of each document by file
    /// name without `.md` (and by `policies/x`, `pages/x` where both folders have an x.md), for links written to another file (`x.md`, `../pages/x.md`); a file
    /// not in it is said in a note. Without it such a link goes to the sibling page `../x/`.
    public static func render(_ markdown: String, embedKinds: Set<String> = [], documentLinks: [String: String]? = nil) -> RenderedMarkdown {
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

        demoteHeadings(document)
        let headings = collectHeadings(document)
        let notes = reviewInlines(document, headings: headings, documentLinks: documentLinks, source: markdown)
        joinChineseLines(document) // after the review, which counts line breaks
        let embeds = collectEmbeds(document, kinds: embedKinds)
        guard let raw = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", headings: headings, embeds: embeds.map(\.embed), notes: notes)
        }
        var html = addHeadingIDs(String(cString: raw), headings)
        free(raw)
        // cmark-gfm names footnote back-links in English; the pages are Chinese.
        html = html.replacingOccurrences(of: "aria-label=\"Back to content\"", with: "aria-label=\"返回正文\"")
        html = replaceCodeBlocks(html, embeds)
        // A code block wider than a phone scrolls sideways: a keyboard reaches it to scroll it
        // (every `<pre` is a code block, as above).
        html = html.replacingOccurrences(of: "<pre", with: "<pre tabindex=\"0\"")
        html = wrapTables(html)
        return RenderedMarkdown(html: html, headings: headings, embeds: embeds.map(\.embed), notes: notes)
    }

    /// The page's title is its only `<h1>`: a document whose sections are `# 一、…` has every
    /// heading one level down (an `<h1>` per section would break the outline screen readers follow).
    static func demoteHeadings(_ document: OpaquePointer) {
        guard let iter = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iter) }
        var headings: [OpaquePointer] = []
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter), cmark_node_get_type(node) == CMARK_NODE_HEADING { headings.append(node) }
        }
        guard headings.contains(where: { cmark_node_get_heading_level($0) == 1 }) else { return }
        for h in headings { cmark_node_set_heading_level(h, min(6, cmark_node_get_heading_level(h) + 1)) }
    }

    /// Chinese is written without spaces: a line break inside a paragraph between two
    /// Chinese characters (text pasted from a PDF, lines wrapped by an editor) is dropped
    /// instead of shown as a space, as a reader of the printed document sees it.
    static func joinChineseLines(_ document: OpaquePointer) {
        guard let iter = cmark_iter_new(document) else { return }
        var breaks: [OpaquePointer] = []
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter), cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK,
                  let before = cmark_node_previous(node), let after = cmark_node_next(node),
                  let last = edgeScalar(before, last: true), let first = edgeScalar(after, last: false),
                  isChinese(last), isChinese(first) else { continue }
            breaks.append(node)
        }
        cmark_iter_free(iter)
        for node in breaks { cmark_node_unlink(node); cmark_node_free(node) }
    }

    /// The first or last character of a text node, or of the text inside an inline (emphasis, a link).
    static func edgeScalar(_ node: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
            guard let literal = cmark_node_get_literal(node) else { return nil }
            let scalars = String(cString: literal).unicodeScalars
            return last ? scalars.last : scalars.first
        }
        guard let child = last ? cmark_node_last_child(node) : cmark_node_first_child(node) else { return nil }
        return edgeScalar(child, last: last)
    }

    /// Han characters and CJK punctuation (including full-width forms).
    static func isChinese(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF01...0xFF60, 0x20000...0x3134F: true
        default: false
        }
    }

    /// What a reader would not see as written: raw HTML (left out), `**` or `~~` shown as they
    /// are (CommonMark does not open bold or strikethrough before punctuation such as 《 or “
    /// that follows a character: `执行**《办法》**规定`), and links to an anchor this page lacks
    /// (an anchor written as GitHub or Typora make it, 四保障措施 for 四、保障措施, is pointed
    /// at the heading's own id instead).
    static func reviewInlines(_ document: OpaquePointer, headings: [Heading], documentLinks: [String: String]? = nil, source: String = "") -> [MarkdownNote] {
        guard let iter = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iter) }
        var notes: [MarkdownNote] = []
        let ids = Set(headings.map(\.id))
        var githubIDs: [String: String] = [:]
        for h in headings where githubIDs[githubSlug(h.text)] == nil { githubIDs[githubSlug(h.text)] = h.id }
        let inlines: Set<UInt32> = [CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE,
                                    CMARK_NODE_CUSTOM_INLINE, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE,
                                    CMARK_NODE_FOOTNOTE_REFERENCE].map(\.rawValue).reduce(into: []) { $0.insert($1) }
        // The line of an inline is its block's first line and the line breaks before it in the
        // block: at least, since a line break inside raw HTML or a code span is not a node. The
        // note's own text is looked for from there to the block's last line.
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 1
        var blockEnd = 1
        func located(_ snippet: String) -> Int {
            // A block of one line (or the last line of one): nowhere else to look.
            guard !snippet.isEmpty, line < blockEnd else { return line }
            for n in line...blockEnd where n <= sourceLines.count && sourceLines[n - 1].contains(snippet) { return n }
            return line
        }
        // A file of thousands of broken links gets the first ones said and the rest counted:
        // a message per link would bury the others, and finding each one's line costs time.
        var unsaid = 0
        // Changed once the walk is over (the iterator must not see the tree change).
        var foreignImages: [OpaquePointer] = [], unsafeLinks: [OpaquePointer] = []
        // Editors are Chinese staff: each note says it in Chinese too, after the English.
        func note(_ snippet: String, _ message: String, _ chinese: String) {
            guard notes.count < Self.noteLimit else { unsaid += 1; return }
            notes.append(MarkdownNote(line: located(snippet), message: message + "（\(chinese)）"))
        }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if !inlines.contains(type.rawValue) {
                let start = Int(cmark_node_get_start_line(node))
                if start > 0 { line = start; blockEnd = max(start, Int(cmark_node_get_end_line(node))) }
            }
            switch type {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                line += 1
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let text = cmark_node_get_literal(node).map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                // Comments are notes to the editor; a closing tag was reported with its opening one.
                guard !text.hasPrefix("<!--"), !text.hasPrefix("</") else { continue }
                let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
                note(String(text.prefix { $0 != "\n" }), "raw HTML is not published: \(shown) is left out" + (type == CMARK_NODE_HTML_BLOCK ? " with the text inside it" : "")
                    + " (write it in Markdown: a table as a Markdown table, a new line as an empty line between paragraphs, bold as **text**)",
                    "网页不显示 HTML 代码，这部分没有发布：请改用 Markdown 写法，表格写成 Markdown 表格，分段用空行，加粗写成 **文字**")
            case CMARK_NODE_TEXT:
                let text = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                for (mark, what) in [("**", "bold"), ("~~", "strikethrough")] {
                    // `2**3`, `a~~b`: a formula or a code, not marks meant as bold.
                    guard let r = text.range(of: mark), !(text[..<r.lowerBound].last.map(isASCIIAlphanumeric) ?? false
                                                          && text[r.upperBound...].first.map(isASCIIAlphanumeric) ?? false) else { continue }
                    note(mark + text[r.upperBound...].prefix(4), "\(mark) is shown as it is, not as \(what): Markdown does not start or end \(what) at punctuation such as 《》“”（） "
                        + "next to other characters; put the punctuation outside the marks (《\(mark)养老机构管理办法\(mark)》) or a space before them",
                        "\(mark) 紧挨着《》“”（）等标点时不起作用，会原样显示：请把标点放在标记外面，如 《\(mark)养老机构管理办法\(mark)》，或在标记前加空格")
                }
            case CMARK_NODE_IMAGE:
                // A picture from another website would send every reader's address there (the
                // site loads nothing from elsewhere): shown as a link to it instead.
                guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), Self.isElsewhere(url) else { continue }
                foreignImages.append(node)
                note("](" + url, "the picture \(url) is on another website and is shown as a link to it (the site loads nothing from elsewhere): put the file in static/ of the content folder and link it as /文件名",
                     "图片在其他网站上，本站不从其他网站加载内容，所以只显示为链接：请把图片文件放进内容文件夹的 static/，用 /文件名 引用")
            case CMARK_NODE_LINK:
                guard let url = cmark_node_get_url(node).map({ String(cString: $0) }) else { continue }
                // cmark's safe mode empties such an address (a link to the page itself): the text
                // is shown without a link, and the editor is told why.
                if Self.isUnsafe(url) {
                    unsafeLinks.append(node)
                    note("](", "the link to \(url.prefix(30))\(url.count > 30 ? "…" : "") is not published, its text is shown without it: an address starting with javascript:, vbscript:, file: or data: could run code or open files on the reader's device; link to a web address (https://…) or a file in static/",
                     "这个链接没有发布，只显示文字：以 javascript:、vbscript:、file: 或 data: 开头的地址可能在读者设备上运行代码或打开文件；请链接到网址（https://…）或 static/ 中的文件")
                    continue
                }
                // Another document by its file name, as editors link them (`x.md`, `./x.md`,
                // `../pages/x.md`): its page, wherever the site puts it.
                // (The cheap test first: the pattern is compiled where it is used.)
                if url.contains(".md"), let m = url.wholeMatch(of: #/(?:\.\.?/)*((?:policies|pages)/)?([a-z0-9-]+)\.md(#.*)?/#) {
                    let fragment = m.3.map(String.init) ?? ""
                    guard let links = documentLinks else {
                        cmark_node_set_url(node, "../\(m.2)/" + fragment)
                        continue
                    }
                    // `pages/x.md` where a policy is x.md too: the page.
                    if let path = m.1.flatMap({ links[String($0) + String(m.2)] }) ?? links[String(m.2)] {
                        cmark_node_set_url(node, path + fragment)
                    } else {
                        let known = links.keys.filter { !$0.contains("/") }.sorted().prefix(4).map { $0 + ".md" }.joined(separator: ", ")
                        note("](" + url, "the link to \(url) leads nowhere: no file \(m.2).md is published from policies/ or pages/"
                            + (known.isEmpty ? "" : " (files there: \(known)\(links.count > 12 ? ", …" : ""))"),
                            "链接的文件不存在：policies/ 和 pages/ 中都没有 \(m.2).md，请检查文件名")
                    }
                    continue
                }
                guard url.hasPrefix("#"), url.count > 1 else { continue }
                let fragment = String(url.dropFirst()).removingPercentEncoding ?? String(url.dropFirst())
                // Footnotes' own anchors are cmark's; #main is the page's text (the skip link's target).
                if ids.contains(fragment) || fragment.hasPrefix("fn-") || fragment.hasPrefix("fnref-") || fragment == "main" { continue }
                if let id = githubIDs[githubSlug(fragment)] ?? githubIDs[fragment] {
                    cmark_node_set_url(node, "#" + id)
                } else {
                    note("](" + url, "the link to #\(fragment) leads nowhere: no heading of this page has that anchor (the headings' anchors are \(headings.prefix(4).map { "#" + $0.id }.joined(separator: ", "))\(headings.count > 4 ? ", …" : ""))",
                         "页内链接 #\(fragment) 找不到对应的标题，请检查写法")
                }
            default: break
            }
        }
        for image in foreignImages { linkInstead(of: image) }
        for link in unsafeLinks {
            while let child = cmark_node_first_child(link) { cmark_node_insert_before(link, child) }
            cmark_node_unlink(link); cmark_node_free(link)
        }
        // One line with two unmatched pairs is said once.
        var seen: Set<String> = []
        let said = notes.filter { seen.insert("\($0.line) \($0.message)").inserted }
        return said + (unsaid > 0 ? [MarkdownNote(line: notes.last?.line ?? 1, message: "and \(unsaid) more of these notes after this line; fix the ones above and build again to see the rest（此后还有 \(unsaid) 条同类提示：改好上面的，再生成一次就能看到）")] : [])
    }

    /// An address cmark's safe mode drops (its `_scan_dangerous_url`): javascript:, vbscript:,
    /// file:, and data: but for a png, gif, jpeg or webp picture. cmark has decoded the
    /// address's entities (`&#106;avascript:`) before this sees it.
    static func isUnsafe(_ url: String) -> Bool {
        let lower = url.drop { $0 == " " || $0 == "\t" }.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        return lower.hasPrefix("data:") && !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
    }

    /// An address on another host (`https://…`, `//host/…`, any scheme but `data:`); a path of
    /// this site is not.
    static func isElsewhere(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("//") { return true }
        guard let colon = lower.firstIndex(of: ":") else { return false }
        let scheme = lower[..<colon]
        return !scheme.isEmpty && !scheme.contains("/") && scheme != "data"
    }

    /// Puts a link to the image's address, its text the image's description, where the image was.
    static func linkInstead(of image: OpaquePointer) {
        guard let link = cmark_node_new(CMARK_NODE_LINK) else { return }
        cmark_node_set_url(link, cmark_node_get_url(image))
        var described = false
        while let child = cmark_node_first_child(image) {
            cmark_node_append_child(link, child)
            described = true
        }
        if let text = cmark_node_new(CMARK_NODE_TEXT) {
            cmark_node_set_literal(text, described ? "（外部图片）" : "外部图片")
            cmark_node_append_child(link, text)
        }
        cmark_node_insert_before(image, link)
        cmark_node_unlink(image)
        cmark_node_free(image)
    }

    /// Notes said per document before the rest are only counted.
    public static let noteLimit = 50

    static func isASCIIAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// A heading's anchor as GitHub and Typora make it: lower case, punctuation dropped,
    /// spaces as hyphens (四、保障措施 → 四保障措施).
    static func githubSlug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_" { out.unicodeScalars.append(scalar) }
            else if scalar == " " { out += "-" }
        }
        return out
    }

    /// Each table in a box that scrolls sideways, as the site's own tables are (the page
    /// then says "左右滚动" above one wider than a phone). Raw HTML is filtered, so every
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
        // A card is headed by what its row is about, shown first and unlabelled: the column of the
        // indicator, item or county when there is one, else in a table numbered in its first
        // column (序号 1, 2, …) the second.
        let names = labels.map { $0.trimmingCharacters(in: .whitespaces) }
        let about = ["指标", "指标名称", "服务项目", "项目", "县（市、区）", "地区", "名称", "要求"]
        let numbered = ["序号", "编号", "序", "No.", "No"].contains(names[0])
        let titleColumn = names.firstIndex { about.contains($0) } ?? (numbered ? 1 : -1)
        var column = 0
        var i = body.startIndex
        while i < body.endIndex {
            if body[i...].hasPrefix("<tr>") { column = 0 }
            if body[i...].hasPrefix("<td") {
                out += "<td"
                if column == titleColumn { out += " class=\"card-title\"" }
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
