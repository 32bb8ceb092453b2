import FlyingFox
import FlyingSocks
import Foundation
import YanglaoSite

/// `yanglao serve`: serves the output folder on 127.0.0.1, rebuilds when the
/// database or the content folder changes, and reloads open pages.
///
/// The reload script is added to HTML responses here, at serve time only, so
/// the published files never contain it.
public final class PreviewServer: Sendable {
    let options: BuildOptions
    let port: UInt16
    let log: @Sendable (String) -> Void
    private let state = BuildState()

    public init(options: BuildOptions, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.port = port
        self.log = log
    }

    /// Builds once, then serves and watches until cancelled.
    public func run() async throws {
        // A port another program holds is said before the build, not after minutes of it.
        guard Self.portIsFree(port) else { throw PreviewError.portInUse(port, built: false) }
        // Pointed at a published site: said, and nothing is served (serving it would look like a preview).
        if let refused = rebuild(), case BuildError.previewIntoSite = refused { throw refused }
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        await Self.addRoutes(to: server, root: options.output, state: state)
        let port = port, output = options.output, log = log
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                group.addTask {
                    // Announced once the port is ours: a port taken by another program must not
                    // send the user to that program's page.
                    try await server.waitUntilListening(timeout: 30)
                    log("serving \(output)/ at http://127.0.0.1:\(port)/ — edits to the database or content/ rebuild and reload; Ctrl-C stops（预览：在浏览器打开上面的地址；改了数据库或 content/ 会自动重新生成并刷新；按 Ctrl-C 停止）")
                    try await self.watch()
                }
                try await group.next()
                group.cancelAll()
            }
        } catch SocketError.failed(let type, let code, _) where type == "Bind" && code == EADDRINUSE {
            throw PreviewError.portInUse(port, built: true)
        }
    }

    /// Whether 127.0.0.1:`port` can be bound now (the server binds it again, with SO_REUSEADDR as here).
    static func portIsFree(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0 || errno != EADDRINUSE
    }

    public enum PreviewError: Error, CustomStringConvertible {
        case portInUse(UInt16, built: Bool)
        public var description: String {
            switch self {
            case .portInUse(let port, let built): "port \(port) is used by another program; choose another with --port (for example --port \(port == 8081 ? 8082 : 8081))."
                + (built ? " The preview was built but not served" : " Nothing was built")
                + "（端口 \(port) 已被其他程序占用：请用 --port 换一个端口）"
            }
        }
    }

    /// The build-version route the reload script polls, and the output folder.
    static func addRoutes(to server: HTTPServer, root output: String, state: BuildState) async {
        await server.appendRoute("GET /__yanglao/version") { request in
            guard isLoopback(request.headers[.host]) else { return foreignHost() }
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/plain", .init("Cache-Control"): "no-store"]),
                         body: Data((String(await state.version) + "\n" + (await state.error ?? "")).utf8))
        }
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        // The raw request target: `request.path` drops a trailing slash, which a folder's address needs.
        await server.appendRoute("GET *") { request in
            guard isLoopback(request.headers[.host]) else { return foreignHost() }
            return Self.serve(request.target.path(), root: root, host: request.headers[.host], query: request.target.query())
        }
    }

    /// Whether a request's Host names this computer. A web page elsewhere whose name was made to
    /// point at 127.0.0.1 (DNS rebinding) sends its own name: it is refused, so it cannot read
    /// the preview of unpublished data. No header (an HTTP/1.0 client) is this computer's own.
    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return true }
        return ["127.0.0.1", "localhost", "[::1]"].contains { host == $0 || host.hasPrefix($0 + ":") }
    }

    static func foreignHost() -> HTTPResponse {
        HTTPResponse(statusCode: .forbidden, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]),
                     body: Data("The preview answers only to 127.0.0.1 and localhost.\n".utf8))
    }

    /// The error of a failed build (already logged and shown on open pages), nil after a good one.
    @discardableResult
    func rebuild() -> Error? {
        do {
            let s = try Publisher.build(options)
            log("built: \(s.pages) pages; \(s.written) written, \(s.unchanged) unchanged, \(s.removed) removed")
            Task { await state.bump() }
            return nil
        } catch {
            if case BuildError.previewIntoSite = error { return error }
            let text = Self.previewWording("\(error)")
            let served = FileManager.default.fileExists(atPath: options.output + "/index.html")
            log((text.hasPrefix("error: ") ? text : "error: " + text)
                + (served ? "\n(the previous build is still served)" : "\n(nothing to preview yet: the page at the address shows this message and reloads once a build succeeds)"))
            // Open pages show it too: staff editing data watch the browser, not the terminal.
            Task { await state.fail(text) }
            return error
        }
    }

    /// A build's error as the preview tells it: nothing is published by a preview, so "nothing
    /// was published" (which would alarm staff trying out a change) says that the preview was not updated.
    static func previewWording(_ text: String) -> String {
        text.replacingOccurrences(of: "nothing was published", with: "the preview was not updated (nothing is published by a preview)")
    }

    /// Polls modification times once a second: cheap, and works on every file system.
    func watch() async throws {
        var last = signature()
        while !Task.isCancelled {
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let now = signature()
            if now != last { last = now; rebuild() }
        }
    }

    func signature() -> [String] {
        var parts: [String] = []
        let fm = FileManager.default
        func stamp(_ path: String) -> String? {
            guard let a = try? fm.attributesOfItem(atPath: path) else { return nil }
            return "\(path)|\((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)|\(a[.size] ?? 0)"
        }
        if let s = stamp(options.database) { parts.append(s) }
        if let walker = fm.enumerator(atPath: options.content) {
            while let rel = walker.nextObject() as? String {
                // Every file the build may read (Markdown, static/ files), not editors' hidden or backup files.
                let file = (rel as NSString).lastPathComponent
                if !file.hasPrefix("."), !file.hasSuffix("~"), let s = stamp(options.content + "/" + rel) { parts.append(s) }
            }
        }
        return parts.sorted()
    }

    /// Polls the build version ("3\n" or "3\n<why the last rebuild failed>"): reloads on a new
    /// build, and shows a failed rebuild's message over the page (as text, never as HTML).
    static let reloadScript = """
        <script>(function(){var v=null,box=null;setInterval(function(){fetch('/__yanglao/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){var i=t.indexOf('\\n'),n=i<0?t:t.slice(0,i),e=i<0?'':t.slice(i+1);if(v===null){v=n}else if(n!==v){location.reload();return}if(e&&!box){box=document.createElement('div');box.setAttribute('role','alert');box.style.cssText='position:fixed;left:0;right:0;top:0;z-index:99;background:#8a1c1c;color:#fff;padding:12px 16px;font:16px/1.5 sans-serif;white-space:pre-wrap;max-height:50vh;overflow:auto';document.body.appendChild(box)}if(box){box.hidden=!e;box.textContent=e?(document.body.hasAttribute('data-no-build')?'预览还没有生成成功：数据或文件有错误，下面是原因；改正后会自动生成并刷新。':'预览没有更新：数据或文件有错误，下面是原因；改正后会自动重新生成（现在显示的是上一次成功生成的版本）。')+'\\n\\n'+e:''}}).catch(function(){})},1000)})();</script>
        """

    /// Maps a URL path into `root`; nothing outside it is ever served.
    /// `host`: the request's Host header, for an absolute redirect (some clients mishandle
    /// relative ones); only a loopback host is used. `query` is kept across the redirect.
    static func serve(_ path: String, root: String, host: String? = nil, query: String = "") -> HTTPResponse {
        let decoded = path.removingPercentEncoding ?? path
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return notFound(root) }
        var file = ([root] + parts).joined(separator: "/")
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue {
            guard decoded.hasSuffix("/") else {
                let loopback = host.flatMap { isLoopback($0) ? $0 : nil }
                let location = (loopback.map { "http://" + $0 } ?? "") + path + "/" + (query.isEmpty ? "" : "?" + query)
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: location]), body: Data())
            }
            file += "/index.html"
        }
        guard file.hasPrefix(root + "/"), let data = FileManager.default.contents(atPath: file) else { return notFound(root) }
        return response(data, file: file, status: .ok)
    }

    static func notFound(_ root: String) -> HTTPResponse {
        // Before the first successful build there is no 404 page: say so, on a page that shows
        // the build's error and reloads when a build succeeds.
        let page = FileManager.default.contents(atPath: root + "/404.html") ?? Data("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>预览</title></head>
            <body data-no-build><p>预览还没有生成成功。出错原因会显示在页面上方；改正后页面会自动刷新。</p></body></html>
            """.utf8)
        return response(page, file: "404.html", status: .notFound)
    }

    static func response(_ data: Data, file: String, status: HTTPStatusCode) -> HTTPResponse {
        let ext = (file as NSString).pathExtension.lowercased()
        let type = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "json": "application/json",
                    "jsonld": "application/ld+json", "geojson": "application/geo+json", "csv": "text/csv; charset=utf-8",
                    "xml": "application/xml", "txt": "text/plain; charset=utf-8", "svg": "image/svg+xml",
                    "js": "text/javascript"][ext] ?? "application/octet-stream"
        var body = data
        if ext == "html", var text = String(data: data, encoding: .utf8), let r = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: reloadScript, at: r.lowerBound)
            body = Data(text.utf8)
        }
        return HTTPResponse(statusCode: status, headers: HTTPHeaders([.contentType: type, .init("Cache-Control"): "no-store"]), body: body)
    }
}

/// The number of successful builds, which open pages poll.
actor BuildState {
    private(set) var version = 0
    /// Why the last rebuild failed, until one succeeds.
    private(set) var error: String?
    func bump() { version += 1; error = nil }
    func fail(_ message: String) { error = message }
}
