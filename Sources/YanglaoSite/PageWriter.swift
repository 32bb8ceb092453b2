import Foundation
import YanglaoOpenData

/// Writes pages into the staging folder and remembers their URLs for the sitemap.
final class PageWriter {
    let root: String
    let tree: OutputTree
    private(set) var pages = 0
    private let sitemap: OutputFile
    private let context: SiteContext

    init(tree: OutputTree, context: SiteContext) throws {
        self.tree = tree
        self.root = tree.root
        self.context = context
        sitemap = try OutputFile(path: root + "/sitemap.xml")
        try sitemap.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
    }

    /// Writes `html` as `<path>index.html`; `path` is "" or ends with "/".
    func page(_ path: String, _ html: String) throws {
        try tree.write(path + "index.html", html)
        pages += 1
        try sitemap.write("<url><loc>\(HTML.escape(absoluteURL(path)))</loc><lastmod>\(context.meta.dataAsOf)</lastmod></url>\n")
    }

    /// Writes a file that is not a page (no sitemap entry).
    func file(_ path: String, _ text: String) throws {
        try tree.write(path, text)
    }

    func finish() throws {
        try sitemap.write("</urlset>\n")
        try sitemap.close()
        try tree.adopt("sitemap.xml", sha: sitemap.sha256)
    }

    /// Sitemaps need absolute URLs: the base URL if it has a host, else `meta.site_url`.
    func absoluteURL(_ path: String) -> String {
        if context.baseURL.hasPrefix("http") { return context.url(path) }
        if var host = context.meta.value("site_url") {
            while host.hasSuffix("/") { host.removeLast() }
            return host + context.url(path)
        }
        return context.url(path)
    }
}
