import Foundation
import YanglaoOpenData

/// Writes pages into the staging folder and lists them in the sitemap, which is written
/// only when the site's public address is known: sitemaps take absolute URLs only.
final class PageWriter {
    let root: String
    let tree: OutputTree
    private(set) var pages = 0
    private var sitemap: OutputFile?
    private var sitemapFiles: [String] = []
    private var sitemapSums: [String] = []
    private var sitemapURLs = 0
    private let context: SiteContext
    /// The sitemap protocol allows 50 000 URLs per file; beyond that, files plus an index.
    static let urlsPerSitemap = 50_000

    init(tree: OutputTree, context: SiteContext) throws {
        self.tree = tree
        self.root = tree.root
        self.context = context
        if context.hasPublicAddress {
            sitemap = try Self.openSitemap(root + "/sitemap-1.xml")
            sitemapFiles = ["sitemap-1.xml"]
        }
    }

    static func openSitemap(_ path: String) throws -> OutputFile {
        let f = try OutputFile(path: path)
        try f.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        return f
    }

    func closeSitemap() throws {
        guard let sitemap else { return }
        try sitemap.write("</urlset>\n")
        try sitemap.close()
        sitemapSums.append(sitemap.sha256)
    }

    /// Writes `html` as `<path>index.html`; `path` is "" or ends with "/".
    func page(_ path: String, _ html: String) throws {
        try tree.write(path + "index.html", html)
        try listed(path)
    }

    /// Counts and lists in the sitemap a page written straight to the tree (by a rendering thread).
    /// `lastmod`: the day the page last changed, when not the data date (an archived release's).
    func listed(_ path: String, lastmod: String? = nil) throws {
        pages += 1
        guard sitemap != nil else { return }
        if sitemapURLs == Self.urlsPerSitemap {
            try closeSitemap()
            sitemapFiles.append("sitemap-\(sitemapFiles.count + 1).xml")
            sitemap = try Self.openSitemap(root + "/" + sitemapFiles.last!)
            sitemapURLs = 0
        }
        sitemapURLs += 1
        try sitemap?.write("<url><loc>\(HTML.escape(absoluteURL(path)))</loc><lastmod>\(lastmod ?? context.meta.dataAsOf.description)</lastmod></url>\n")
    }

    /// Writes a file that is not a page (no sitemap entry).
    func file(_ path: String, _ text: String) throws {
        try tree.write(path, text)
    }

    func finish() throws {
        guard sitemap != nil else { return }
        try closeSitemap()
        // One file is renamed to sitemap.xml; several get a sitemap index under that name.
        if sitemapFiles.count == 1 {
            try FileManager.default.moveItem(atPath: root + "/sitemap-1.xml", toPath: root + "/sitemap.xml")
            try tree.adopt("sitemap.xml", sha: sitemapSums[0])
        } else {
            for (name, sha) in zip(sitemapFiles, sitemapSums) { try tree.adopt(name, sha: sha) }
            let entries = sitemapFiles.map { "<sitemap><loc>\(HTML.escape(absoluteURL($0)))</loc><lastmod>\(context.meta.dataAsOf)</lastmod></sitemap>\n" }
            try tree.write("sitemap.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                           + entries.joined() + "</sitemapindex>\n")
        }
    }

    /// Sitemaps need absolute URLs (`SiteContext.absoluteURL`).
    func absoluteURL(_ path: String) -> String { context.absoluteURL(path) }
}
