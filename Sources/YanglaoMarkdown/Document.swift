import Foundation
import Yams

/// A Markdown file with its YAML front matter, rendered.
public struct Document: Sendable {
    /// File name without extension; also the page's URL segment.
    public let slug: String
    public let title: String
    public let documentNumber: String?
    public let issuer: String?
    public let issuedOn: String?
    public let status: String?
    public let summary: String?
    public let tags: [String]
    /// For a document of another place kept for comparison: that place ("安徽省宿州市").
    /// Such documents are listed apart from the site's own and say they do not apply here.
    public let otherArea: String?
    public let body: RenderedMarkdown

    static let knownKeys: Set<String> = ["title", "document_number", "issuer", "issued_on", "status", "summary", "tags", "other_area"]

    /// Where this document came from, for errors about its content.
    public let file: String
    /// Line in the file where the body starts (embeds' lines are relative to it).
    public let bodyStartLine: Int

    /// Line in the file of an embed of this document.
    public func fileLine(of embed: Embed) -> Int { bodyStartLine + embed.line - 1 }

    /// What the page does not show as written (raw HTML left out, `**` shown as is, a link
    /// to a missing anchor), with file and line: warnings of the build.
    public var notes: [DocumentError] {
        body.notes.map { DocumentError(file: file, line: bodyStartLine + $0.line - 1, message: $0.message) }
    }

    /// Parses front matter and renders the body. `file` is used in errors.
    /// Fenced blocks of `embedKinds` are left as markers (see `RenderedMarkdown.embeds`);
    /// `documentLinks` as for `MarkdownRenderer.render`.
    public init(text: String, file: String, embedKinds: Set<String> = [], documentLinks: [String: String]? = nil) throws {
        self.file = file
        let name = (file as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        guard Document.isSafeSlug(stem) else {
            throw DocumentError(file: file, line: 1,
                                message: "file name must be lowercase ASCII letters, digits and hyphens (it becomes the URL), such as care-subsidy-2024.md（文件名会成为网址，只能用小写英文字母、数字和连字符，如 care-subsidy-2024.md；中文标题写在文件开头的 title 里）")
        }
        slug = stem
        // Split on scalars: in Swift "\r\n" is one Character, so splitting a String on "\n" misses CRLF files.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var scalars = String.UnicodeScalarView(line)
            if scalars.last == "\r" { scalars.removeLast() }
            return String(scalars)
        }
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw DocumentError(file: file, line: 1, message: "missing front matter: the file must start with a line `---`, the YAML fields, and a closing `---`（文件开头缺少文件信息：第一行写 ---，接着写 title: 标题 等各项，再写一行 --- 结束）")
        }
        // Chinese input methods type a full-width colon or space: YAML's own message would not say so.
        for (n, line) in lines[1..<end].enumerated() where !line.hasPrefix("#") {
            let key = line.prefix { $0 != ":" && $0 != "：" }
            if line.dropFirst(key.count).first == "：", !key.contains(" "), !key.isEmpty {
                throw DocumentError(file: file, line: n + 2, message: "`\(key)` is followed by a full-width colon `：`; write a half-width colon and a space: `\(key): …`（\(key) 后面是全角冒号“：”，请改成半角冒号加一个空格）")
            }
            // Only the space after the key's colon: a quoted value may hold one (`"时间:　2020"`).
            if line.dropFirst(key.count).hasPrefix(":\u{3000}") || line.hasPrefix("\u{3000}") {
                throw DocumentError(file: file, line: n + 2, message: "a full-width space `\u{3000}` where front matter needs a half-width space (after the colon, or to indent); retype it with the input method in half-width mode（这里应是半角空格，却是全角空格：请把输入法切换到半角后重新输入）")
            }
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        // Line numbers in errors count from the top of the file: YAML starts on line 2.
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw DocumentError.from(error, file: file, lineOffset: 1)
        }
        guard let mapping = node?.mapping else {
            throw DocumentError(file: file, line: 2, message: "front matter must be `key: value` lines（开头的文件信息每行写成“名称: 内容”，如 title: 标题）")
        }
        var fields: [String: (value: Node, line: Int)] = [:]
        for (key, value) in mapping {
            let line = (key.mark?.line ?? 1) + 1
            guard let k = key.string, Document.knownKeys.contains(k) else {
                throw DocumentError(file: file, line: line, message: "unknown front-matter key `\(key.string ?? "?")`; known keys: \(Document.knownKeys.sorted().joined(separator: ", "))（文件信息中有不认识的项目名：只能用上面列出的英文名称，请检查拼写）")
            }
            fields[k] = (value, line)
        }
        func field(_ key: String) throws -> String? {
            guard let f = fields[key] else { return nil }
            guard let s = f.value.scalar?.string else {
                throw DocumentError(file: file, line: f.line, message: "`\(key)` must be text（\(key) 应写成一段文字）")
            }
            return s.trimmingCharacters(in: .whitespaces)
        }
        guard let title = try field("title"), !title.isEmpty else {
            throw DocumentError(file: file, line: 2, message: "`title` is required（缺少标题：请在开头的文件信息中写一行 title: 文件标题）")
        }
        self.title = title
        documentNumber = try field("document_number")
        issuer = try field("issuer")
        status = try field("status")
        summary = try field("summary")
        otherArea = try field("other_area").flatMap { $0.isEmpty ? nil : $0 }
        if let date = try field("issued_on") {
            // Written as staff write dates elsewhere (2018/8/6, 2018年8月6日) too, as the importer reads them.
            guard let iso = Document.isoDate(date) else {
                throw DocumentError(file: file, line: fields["issued_on"]!.line,
                                    message: "`issued_on` must be a date such as 2018-08-06 (2018/8/6 and 2018年8月6日 are read too), found \"\(date)\"（issued_on 应是日期，如 2018-08-06）")
            }
            issuedOn = iso
        } else { issuedOn = nil }
        if let f = fields["tags"] {
            guard let seq = f.value.sequence else {
                throw DocumentError(file: file, line: f.line, message: "`tags` must be a list, e.g. [规划, 临汾]（tags 应写成方括号中的列表，如 [规划, 临汾]）")
            }
            // [消防，安全] is one YAML item: a Chinese comma or 、 separates tags too.
            tags = try seq.flatMap { item in
                guard let s = item.scalar?.string else { throw DocumentError(file: file, line: f.line, message: "each tag must be text（每个标签应是一段文字）") }
                return s.split(whereSeparator: { $0 == "，" || $0 == "、" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        } else { tags = [] }
        bodyStartLine = end + 2
        body = MarkdownRenderer.render(lines[(end + 1)...].joined(separator: "\n"), embedKinds: embedKinds, documentLinks: documentLinks)
    }

    /// Reads and parses a file.
    public init(contentsOf path: String, embedKinds: Set<String> = []) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DocumentError(file: path, line: 1, message: "cannot read the file as UTF-8 text（无法按 UTF-8 读取：请用记事本“另存为”，编码选 UTF-8）")
        }
        try self.init(text: text, file: path, embedKinds: embedKinds)
    }

    static func isSafeSlug(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }

    /// `s` as `YYYY-MM-DD` when it names a real day as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日.
    static func isoDate(_ s: String) -> String? {
        let s = s.trimmingCharacters(in: .whitespaces)
        if isISODate(s) { return s }
        guard let m = s.firstMatch(of: #/^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?$/#),
              let month = Int(m.2), let day = Int(m.3) else { return nil }
        let iso = "\(m.1)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        return isISODate(iso) ? iso : nil
    }

    /// `YYYY-MM-DD` naming a real calendar day.
    static func isISODate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45,
              b.enumerated().allSatisfy({ i, c in i == 4 || i == 7 || (48...57).contains(c) }) else { return false }
        func n(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let (y, m, d) = (n(0..<4), n(5..<7), n(8..<10))
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}

/// Problems in several Markdown files, each with file and line: all are said at once.
public struct DocumentErrors: Error, CustomStringConvertible {
    public let errors: [DocumentError]
    public init(_ errors: [DocumentError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A problem in a Markdown source, with file and line.
public struct DocumentError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }

    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    static func from(_ error: YamlError, file: String, lineOffset: Int) -> DocumentError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            DocumentError(file: file, line: mark.line + lineOffset, message: "front matter is not valid YAML: \(problem)（开头的文件信息格式有误：每行写成“名称: 内容”，冒号用半角，内容中有冒号时用英文引号括起来）")
        default:
            DocumentError(file: file, line: 1 + lineOffset, message: "front matter is not valid YAML（开头的文件信息格式有误：每行写成“名称: 内容”，冒号用半角）")
        }
    }
}
