import Foundation
import YanglaoOpenData

/// Writes pages into the staging folder and remembers their URLs for the sitemap.
final class PageWriter {
    let root: String
    private(set) var pages = 0
    private let sitemap: OutputFile
    private let context: SiteContext

    init(root: String, context: SiteContext) throws {
        self.root = root
        self.context = context
        sitemap = try OutputFile(path: root + "/sitemap.xml")
        try sitemap.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
    }

    /// Writes `html` as `<path>index.html`; `path` is "" or ends with "/".
    func page(_ path: String, _ html: String) throws {
        let dir = path.isEmpty ? root : root + "/" + path
        if !path.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try OutputFile.write(html, to: dir + "/index.html")
        pages += 1
        try sitemap.write("<url><loc>\(HTML.escape(absoluteURL(path)))</loc><lastmod>\(context.meta.dataAsOf)</lastmod></url>\n")
    }

    /// Writes a file that is not a page (no sitemap entry).
    func file(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try OutputFile.write(text, to: full)
    }

    func finish() throws {
        try sitemap.write("</urlset>\n")
        try sitemap.close()
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
