import YanglaoStore

/// The frame around every page: head, header with navigation, the sample-data
/// notice, footer. One stylesheet, no script, no request to another host.
struct Layout {
    let context: SiteContext
    /// The frame cut at the slots that differ from page to page (`slotNames`), one per
    /// navigation state (the nav item of that index is current; the last: none is):
    /// every page was rebuilding the same head, header and footer.
    private let frames: [[String]?]

    init(context: SiteContext) {
        self.context = context
        frames = (0...Layout.nav.count).map { current in
            let marker = Layout.slotMarker
            let parts = Layout.render(context: context, current: current, fullTitle: marker, description: marker, head: HTML(trusted: marker),
                                      dataURL: marker, crumbs: HTML(trusted: marker), title: marker, body: HTML(trusted: marker))
                .components(separatedBy: marker)
            // Site settings holding the marker (they never should) fall back to rendering each page whole.
            return parts.count == Layout.slotCount + 1 ? parts : nil
        }
    }

    private static let slotMarker = "\u{0}\u{1}slot\u{1}\u{0}"
    private static let slotCount = 7

    static let nav: [(path: String, label: String)] = [
        ("institutions/", "机构名录"), ("ratings/", "等级评定"), ("credit/", "信用信息"), ("regions/", "各县情况"),
        ("indicators/", "规划指标"), ("services/", "服务清单"), ("policies/", "政策文件"), ("data/", "开放数据"),
    ]

    /// A complete HTML document. `path` is the page's path under the site root
    /// (for the current-page mark and the canonical link).
    func page(title: String, path: String, description: String? = nil, breadcrumbs: [(String, String)] = [],
              body: HTML, head: HTML = .empty) -> String {
        let meta = context.meta
        let fullTitle = path.isEmpty ? meta.title : "\(title) - \(meta.title)"
        let current = Layout.nav.firstIndex { $0.path == path || (!$0.path.isEmpty && path.hasPrefix($0.path)) } ?? Layout.nav.count
        let crumbs = self.crumbs(breadcrumbs)
        let description = description ?? meta.value("description") ?? meta.title
        // One address per page for search engines, when the site knows its own.
        let head: HTML = context.hasPublicAddress && path != "404/" ? "<link rel=\"canonical\" href=\"\(context.absoluteURL(path))\">\n\(head)" : head
        guard let frame = frames[current] else {
            return Layout.render(context: context, current: current, fullTitle: fullTitle, description: description, head: head,
                                 dataURL: context.absoluteURL(path), crumbs: crumbs, title: title, body: body)
        }
        // The slots in the order of `render`'s parameters, escaped as its interpolation would.
        let slots = [HTML.escape(fullTitle), HTML.escape(description), head.raw, HTML.escape(context.absoluteURL(path)),
                     crumbs.raw, HTML.escape(title), body.raw]
        var out = ""
        out.reserveCapacity(frame.reduce(0) { $0 + $1.utf8.count } + slots.reduce(0) { $0 + $1.utf8.count })
        for (n, slot) in slots.enumerated() { out += frame[n]; out += slot }
        out += frame[Layout.slotCount]
        return out
    }

    /// The breadcrumb trail: home, then (name, path) pairs, the last (path "") the current page.
    func crumbs(_ breadcrumbs: [(String, String)]) -> HTML {
        breadcrumbs.isEmpty ? .empty : """
            <nav class="crumbs" aria-label="当前位置"><ol><li><a href="\(context.url(""))">首页</a></li>\(breadcrumbs.map { crumb -> HTML in
                crumb.1.isEmpty ? "<li aria-current=\"page\">\(crumb.0)</li>" : "<li><a href=\"\(context.url(crumb.1))\">\(crumb.0)</a></li>"
            })</ol></nav>
            """
    }

    /// The whole page; `current`: index of the nav item marked as the current section (`nav.count`: none).
    static func render(context: SiteContext, current: Int, fullTitle: String, description: String, head: HTML,
                               dataURL: String, crumbs: HTML, title: String, body: HTML) -> String {
        let meta = context.meta
        let navItems: [HTML] = Layout.nav.enumerated().map { n, item in
            let item = item.path == "regions/" ? (path: item.path, label: context.regionsTitle) : item
            return n == current
                ? "<li><a href=\"\(context.url(item.path))\" aria-current=\"page\">\(item.label)</a></li>"
                : "<li><a href=\"\(context.url(item.path))\">\(item.label)</a></li>"
        }
        let notice: HTML = meta.isSample ? """
            <div class="sample-notice" role="note"><strong>示例数据</strong>：机构、评级、信用信息及由此算出的指标是虚构的；地区统计、规划目标和注明出处的数字摘自公开文件。</div>
            """ : .empty
        // The header's order in the page is its order on screen, so Tab moves the way the eye
        // does: on a phone brand and 菜单 on the first line, 长辈模式 and search on the second;
        // on a desktop (no menu button) brand and 长辈模式, then search and the menu itself.
        let html: HTML = """
            <!doctype html>
            <html lang="zh-CN" data-base="\(context.baseURL)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(fullTitle)</title>
            <meta name="description" content="\(description)">
            <script>\(HTML(trusted: Script.head))</script>
            <link rel="icon" href="\(HTML(trusted: Layout.icon))">
            <link rel="stylesheet" href="\(context.url("assets/site.css"))">
            <script src="\(context.url("assets/site.js"))" defer></script>
            <link rel="alternate" type="application/atom+xml" title="评级、信用信息和数据更新" href="\(context.url("feed.xml"))">
            \(head)
            </head>
            <body>
            <a class="skip" href="#main">跳到正文</a>
            <header class="site-header">
            <div class="wrap">
            <a class="brand" href="\(context.url(""))">\(meta.title)</a>
            <button type="button" id="menu-toggle" class="menu-toggle" aria-expanded="false" aria-controls="site-nav" hidden>菜单</button>
            <button type="button" id="elder-toggle" class="elder-toggle" aria-pressed="false" aria-label="长辈模式" hidden>长辈模式</button>
            <form class="site-search" role="search" aria-label="全站搜索" action="\(context.url("search/"))">
            <label for="site-q" class="vh">搜索机构、政策和服务</label>
            <input id="site-q" name="q" type="search" placeholder="机构、政策">
            <button type="submit">搜索</button>
            </form>
            <nav id="site-nav" aria-label="主导航"><ul>\(navItems)</ul></nav>
            </div>
            </header>
            \(notice)
            <main id="main" class="wrap" tabindex="-1" data-url="\(dataURL)" data-asof="\(Layout.dateZH(meta.dataAsOf))" data-publisher="\(meta.publisher)">
            \(crumbs)
            <h1>\(title)</h1>
            \(body)
            </main>
            <footer class="site-footer">
            <div class="wrap">
            <p>发布单位：\(meta.publisher)　数据截至：<time datetime="\(meta.dataAsOf.description)">\(Layout.dateZH(meta.dataAsOf))</time></p>
            <p>许可协议：\(meta.licence)　联系方式：\(meta.contact)</p>
            <p class="footer-links">\(context.pageSlugs.contains("about") ? HTML("<a href=\"\(context.url("about/"))\">关于本站</a>　") : HTML.empty)<a href="\(context.url("data/"))">下载数据</a>　<a href="\(context.url("feed.xml"))">订阅更新</a>　<a href="\(context.url("sitemap/"))">网站地图</a></p>
            </div>
            </footer>
            <div id="compare-bar" class="compare-bar" role="region" aria-label="机构对比" hidden></div>
            <p id="compare-live" class="vh" role="status"></p>
            </body>
            </html>

            """
        return html.raw
    }

    /// The tab icon, inline so browsers stop asking for /favicon.ico: a blue
    /// rounded square (no request, to this host or any other).
    static let icon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230b4a8b'/%3E%3C/svg%3E"

    /// 2024年12月31日
    static func dateZH(_ d: ISODate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }
    static func dateZH(_ s: String?) -> String {
        guard let s else { return "—" }
        return ISODate(s).map(dateZH) ?? s
    }

    /// A record's window ended by the reader's today: still listed (the site is as of its data
    /// date), and the note says what happens next so "公示中" above it does not mislead.
    static let pastDisclosure = "过公示期，数据更新后将不再公示"

    /// A day something ends (a rating's validity, a record's disclosure), which the script marks
    /// when the reader's today is past it: the page judges on the data's date, the reader lives later.
    /// `past`: what has then happened ("过有效期").
    static func endDate(_ s: String?, past: String) -> HTML {
        guard let s, let d = ISODate(s) else { return "\(dateZH(s))" }
        return "<time datetime=\"\(d.description)\" data-past=\"\(past)\">\(dateZH(d))</time>"
    }
}
