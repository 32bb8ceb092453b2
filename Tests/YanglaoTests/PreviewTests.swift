import Foundation
import XCTest
@testable import YanglaoPreview

/// The preview server adds its reload script to what it serves, never to the files,
/// and serves nothing outside the output folder.
final class PreviewServerTests: XCTestCase {
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
    }
}
