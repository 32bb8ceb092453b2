import FlyingFox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import YanglaoPreview
import YanglaoSite

/// The preview server adds its reload script to what it serves, never to the files,
/// and serves nothing outside the output folder.
final class PreviewServerTests: XCTestCase {
    /// A failed rebuild in the preview does not say "nothing was published": nothing ever is.
    func testAPreviewErrorSaysThePreviewWasNotUpdated() {
        let said = PreviewServer.previewWording("1 error(s) in the database; nothing was published (`yanglao validate` lists warnings too)")
        XCTAssertEqual(said, "1 error(s) in the database; the preview was not updated (nothing is published by a preview) (`yanglao validate` lists warnings too)")
    }

    /// A port another program holds is said at once: no build first, nothing written.
    func testAPortInUseIsSaidBeforeBuilding() async throws {
        let ws = try Workspace(self)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        XCTAssertEqual(listen(fd, 1), 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        XCTAssertFalse(PreviewServer.portIsFree(port))
        let server = PreviewServer(options: BuildOptions(database: try ws.database(), content: try ws.content(), output: ws.path("preview")), port: port) { _ in }
        do {
            try await server.run()
            XCTFail("served on a port in use")
        } catch {
            XCTAssertTrue("\(error)".hasPrefix("port \(port) is used by another program") && "\(error)".contains("Nothing was built"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ws.path("preview")))
    }

    func testReloadScriptIsAddedToServedHTMLOnly() async throws {
        let ws = try Workspace(self)
        try ws.write("<!doctype html><html><body><p>页面</p></body></html>\n", to: "site/index.html")
        let response = PreviewServer.serve("/", root: ws.path("site"))
        XCTAssertEqual(response.statusCode, .ok)
        let body = String(decoding: try await response.bodyData, as: UTF8.self)
        XCTAssertTrue(body.contains("/__yanglao/version"))
        XCTAssertFalse(try String(contentsOfFile: ws.path("site/index.html"), encoding: .utf8).contains("__yanglao"))
    }

    func testPathsOutsideTheOutputAndHiddenFilesAreNotServed() throws {
        let ws = try Workspace(self)
        try ws.write("secret", to: "secret.txt")
        try ws.write("manifest", to: "site/.yanglao-manifest")
        try ws.write("<html><body>404</body></html>", to: "site/404.html")
        XCTAssertEqual(PreviewServer.serve("/../secret.txt", root: ws.path("site")).statusCode, .notFound)
        XCTAssertEqual(PreviewServer.serve("/%2e%2e/secret.txt", root: ws.path("site")).statusCode, .notFound)
        XCTAssertEqual(PreviewServer.serve("/.yanglao-manifest", root: ws.path("site")).statusCode, .notFound)
        // A folder's address without its slash is redirected on this computer only, query kept.
        try ws.write("<html><body>x</body></html>", to: "site/search/index.html")
        let moved = PreviewServer.serve("/search", root: ws.path("site"), host: "evil.example", query: "q=%E5%85%BB")
        XCTAssertEqual(moved.statusCode, .movedPermanently)
        XCTAssertEqual(moved.headers[.location], "/search/?q=%E5%85%BB")
        XCTAssertEqual(PreviewServer.serve("/search", root: ws.path("site"), host: "127.0.0.1:8080").headers[.location],
                       "http://127.0.0.1:8080/search/")
    }

    /// Through a real HTTP server: a folder's address serves its page, and one without
    /// the trailing slash is redirected there once (not in a loop).
    func testFolderPagesAreServedOverHTTP() async throws {
        let ws = try Workspace(self)
        try ws.write("<!doctype html><html><body><p>各县情况</p></body></html>\n", to: "site/regions/index.html")
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        await PreviewServer.addRoutes(to: server, root: ws.path("site"), state: BuildState())
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { return XCTFail("no port") }
        for path in ["/regions/", "/regions"] {
            let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            let http = try XCTUnwrap(response as? HTTPURLResponse)
            XCTAssertEqual(http.statusCode, 200, path)
            XCTAssertEqual(http.url?.path(percentEncoded: false).hasSuffix("/regions/"), true, path)
            XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("各县情况"), path)
        }
        // A page elsewhere whose name was pointed at this computer (DNS rebinding) is refused.
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/regions/")!)
        request.setValue("evil.example", forHTTPHeaderField: "Host")
        let (_, refused) = try await URLSession.shared.data(for: request)
        XCTAssertEqual((refused as? HTTPURLResponse)?.statusCode, 403)
        XCTAssertTrue(PreviewServer.isLoopback("localhost:8080") && PreviewServer.isLoopback(nil) && !PreviewServer.isLoopback("127.0.0.1.evil.example"))
    }

    /// `yanglao serve --out site` over a published site stops with the reason instead of serving
    /// that site as if it were the preview; files of content/ other than Markdown are watched too.
    func testServeRefusesAPublishedSiteAndWatchesEveryContentFile() async throws {
        let ws = try Workspace(self)
        let content = try ws.content()
        _ = try Publisher.build(BuildOptions(database: try ws.database(), content: content, output: ws.path("site")))
        var options = BuildOptions(database: try ws.database(), content: content, output: ws.path("site"))
        options.scratch = true
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var all: [String] = []
            func add(_ line: String) { lock.lock(); all.append(line); lock.unlock() }
        }
        let said = Lines()
        let server = PreviewServer(options: options, port: 0) { said.add($0) }
        do {
            try await server.run()
            XCTFail("served a published site")
        } catch {
            XCTAssertTrue("\(error)".contains("holds a site that `yanglao serve` did not make"), "\(error)")
        }
        XCTAssertFalse(said.all.contains { $0.contains("serving") }, "\(said.all)")
        let before = server.signature()
        try ws.write("google-site-verification: google123.html", to: "content/static/google123.html")
        XCTAssertNotEqual(server.signature(), before, "a new file in content/static/ rebuilds the preview")
    }

    /// A failed rebuild is told to the open page (the version route carries the reason) until one succeeds.
    func testAFailedRebuildIsShownOnTheOpenPage() async throws {
        let ws = try Workspace(self)
        try ws.write("<html><body>x</body></html>", to: "site/index.html")
        let state = BuildState()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        await PreviewServer.addRoutes(to: server, root: ws.path("site"), state: state)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { return XCTFail("no port") }
        func version() async throws -> String {
            String(decoding: try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/__yanglao/version")!).0, as: UTF8.self)
        }
        var text = try await version()
        XCTAssertEqual(text, "0\n")
        await state.fail("ratings[R9]: valid_until is before rated_on")
        text = try await version()
        XCTAssertEqual(text, "0\nratings[R9]: valid_until is before rated_on")
        await state.bump()
        text = try await version()
        XCTAssertEqual(text, "1\n")
        XCTAssertTrue(PreviewServer.reloadScript.contains("textContent"), "the reason is shown as text, never as HTML")
    }
}
