import XCTest
import YanglaoMarkdown

final class MarkdownRendererTests: XCTestCase {
    func html(_ markdown: String) -> String { MarkdownRenderer.render(markdown).html }

    func testGFMTableRendersAsTable() {
        let out = html("""
            | 指标 | 目标 |
            |---|---|
            | 床位 | 300 |
            """)
        XCTAssertTrue(out.contains("<table>"), out)
        XCTAssertTrue(out.contains("<th>指标</th>"), out)
        XCTAssertTrue(out.contains("<td>300</td>"), out)
        // In the box that scrolls sideways on a phone, like the site's own tables.
        XCTAssertTrue(out.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"表格（可左右滚动）\"><table>"), out)
        XCTAssertTrue(out.contains("</table></div>"), out)
    }

    /// A wide table (four columns or more) is one card per row on a phone: every cell carries its
    /// column's name, escaped; a narrow one stays a table. Two tables on a page are both done.
    func testWideTablesAreCardsOnPhonesWithEachCellNamed() {
        let out = html("""
            | 序号 | 指标 | 2025 | 属性 "a" |
            |---|---|--:|---|
            | 1 | 床位 | **300** | 约束性 |
            | 2 | 护理型床位占比 | ≥65 | |

            | 指标 | 目标 |
            |---|---|
            | 床位 | 300 |

            | A | B | C | D |
            |---|---|---|---|
            | a | <b>x</b> | c | d |
            """)
        XCTAssertEqual(out.components(separatedBy: "<table class=\"stack\">").count - 1, 2, out)
        // A numbered table's card is headed by its second column (what the row is about).
        XCTAssertTrue(out.contains("<td class=\"card-title\" data-label=\"指标\">床位</td>"), out)
        XCTAssertFalse(out.contains("<td class=\"card-title\" data-label=\"B\">"), "an unnumbered table has no card title: \(out)")
        XCTAssertTrue(out.contains("<td align=\"right\" data-label=\"2025\"><strong>300</strong></td>") || out.contains("<td data-label=\"2025\" align=\"right\">"), out)
        XCTAssertTrue(out.contains("data-label=\"属性 &quot;a&quot;\""), out)
        XCTAssertTrue(out.contains("<td data-label=\"序号\">2</td>"), "the column count starts again on each row: \(out)")
        XCTAssertTrue(out.contains("<td>300</td>"), "the narrow table is left as it is: \(out)")
        XCTAssertTrue(out.contains("<td data-label=\"B\"><!-- raw HTML omitted -->x<!-- raw HTML omitted --></td>"), "raw HTML stays out: \(out)")
    }

    func testStrikethrough() {
        XCTAssertTrue(html("~~作废~~").contains("<del>作废</del>"))
    }

    func testBareURLBecomesLink() {
        XCTAssertTrue(html("见 https://example.gov.cn/plan 。").contains(#"<a href="https://example.gov.cn/plan">"#))
    }

    func testTaskListRendersCheckboxes() {
        let out = html("- [x] 已完成\n- [ ] 未完成\n")
        XCTAssertTrue(out.contains(#"type="checkbox""#), out)
        XCTAssertTrue(out.contains("checked"), out)
        XCTAssertFalse(out.contains("[x]"), out)
    }

    func testFootnoteRendersReferenceAndNote() {
        let out = html("规划目标[^1]。\n\n[^1]: 临政发〔2024〕6号。\n")
        XCTAssertTrue(out.contains(##"<sup class="footnote-ref"><a href="#fn-1""##), out)
        XCTAssertTrue(out.contains(#"<section class="footnotes""#), out)
        XCTAssertTrue(out.contains("临政发〔2024〕6号"), out)
        XCTAssertFalse(out.contains("[^1]"), out)
    }

    func testScriptTagIsNotPassedThrough() {
        let out = html("前文\n\n<script>alert(1)</script>\n\n后文")
        XCTAssertFalse(out.contains("<script"), out)
        XCTAssertTrue(out.contains("后文"), out)
    }

    func testInlineImageWithEventHandlerIsNotPassedThrough() {
        let out = html("图片 <img src=x onerror=alert(1)> 在此")
        XCTAssertFalse(out.contains("<img"), out)
        XCTAssertFalse(out.contains("onerror"), out)
    }

    /// An address that could run code is dropped with its link (not left as a link to the page
    /// itself), and the editor is told on which line.
    func testJavascriptLinkHasNoJavascriptHref() {
        let r = MarkdownRenderer.render("第一段\n\n见[点击](javascript:alert(1))、[这里](&#106;avascript:x)、[图](data:text/html,x)和[正常](https://example.gov.cn/)")
        XCTAssertFalse(r.html.lowercased().contains("javascript:") || r.html.contains("data:"), r.html)
        XCTAssertTrue(r.html.contains("见点击、这里、图和<a href=\"https://example.gov.cn/\">正常</a>"), r.html)
        XCTAssertFalse(r.html.contains("href=\"\""), r.html)
        XCTAssertEqual(r.notes.map(\.line), [3, 3, 3], "\(r.notes)")
        XCTAssertTrue(r.notes[0].message.hasPrefix("the link to javascript:alert(1) is not published"), r.notes[0].message)
    }

    /// A code block scrolls sideways on a phone: it is a Tab stop, so a keyboard can scroll it.
    func testACodeBlockCanBeReachedByKeyboard() {
        let out = html("```\nimport pandas as pd\n```\n\n    indented code\n")
        XCTAssertEqual(out.components(separatedBy: "<pre tabindex=\"0\"").count - 1, 2, out)
        XCTAssertFalse(out.contains("<pre>"), out)
    }

    func testHeadingGetsIDFromItsText() {
        let r = MarkdownRenderer.render("## Main Goals\n")
        XCTAssertEqual(r.headings.map(\.level), [2])
        XCTAssertEqual(r.headings.map(\.text), ["Main Goals"])
        XCTAssertEqual(r.headings.map(\.id), ["main-goals"])
        XCTAssertTrue(r.html.contains(#"<h2 id="main-goals">Main Goals</h2>"#), r.html)
    }

    func testChineseHeadingKeepsChineseCharactersInID() {
        let r = MarkdownRenderer.render("## 主要目标\n")
        XCTAssertEqual(r.headings.first?.id, "主要目标")
        XCTAssertTrue(r.html.contains(#"<h2 id="主要目标">"#), r.html)
    }

    func testIdenticalHeadingsGetDistinctIDs() {
        let r = MarkdownRenderer.render("## 概况\n\n文字\n\n## 概况\n")
        XCTAssertEqual(r.headings.map(\.id), ["概况", "概况-2"])
        XCTAssertTrue(r.html.contains(#"<h2 id="概况">"#), r.html)
        XCTAssertTrue(r.html.contains(#"<h2 id="概况-2">"#), r.html)
    }

    func testHeadingIDsAreStableAcrossRenders() {
        let text = "# 一\n\n## Two words\n\n### 三 3\n"
        XCTAssertEqual(MarkdownRenderer.render(text).html, MarkdownRenderer.render(text).html)
        XCTAssertEqual(MarkdownRenderer.render(text).headings.map(\.id), ["一", "two-words", "三-3"])
    }
}

final class DocumentTests: XCTestCase {
    let good = """
        ---
        title: 临汾市养老服务五年规划
        document_number: 临政发〔2024〕6号
        issuer: 临汾市人民政府
        issued_on: 2024-05-29
        status: 现行有效
        summary: 五年规划摘要。
        tags: [规划, 临汾]
        ---

        ## 文件概况

        正文。
        """

    /// The problems staff meet first in a new Markdown file are said in Chinese too, with what to write.
    func testAFilesFirstProblemsAreSaidInChinese() {
        XCTAssertTrue(error(good, file: "content/policies/关于 通知(1).md")?.message.contains("只能用小写英文字母、数字和连字符，如 care-subsidy-2024.md") == true)
        XCTAssertTrue(error("# 标题\n\n正文")?.message.contains("第一行写 ---，接着写 title: 标题") == true)
        XCTAssertTrue(error("---\nissuer: 市民政局\n---\n\n正文")?.message.contains("缺少标题：请在开头的文件信息中写一行 title: 文件标题") == true)
    }

    func error(_ text: String, file: String = "content/policies/plan.md") -> DocumentError? {
        do {
            _ = try Document(text: text, file: file)
            return nil
        } catch let e as DocumentError {
            return e
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    func testFrontMatterFieldsAreParsed() throws {
        let d = try Document(text: good, file: "content/policies/linfen-plan.md")
        XCTAssertEqual(d.slug, "linfen-plan")
        XCTAssertEqual(d.title, "临汾市养老服务五年规划")
        XCTAssertEqual(d.documentNumber, "临政发〔2024〕6号")
        XCTAssertEqual(d.issuer, "临汾市人民政府")
        XCTAssertEqual(d.issuedOn, "2024-05-29")
        XCTAssertEqual(d.status, "现行有效")
        XCTAssertEqual(d.summary, "五年规划摘要。")
        XCTAssertEqual(d.tags, ["规划", "临汾"])
        XCTAssertEqual(d.body.headings.map(\.text), ["文件概况"])
        XCTAssertTrue(d.body.html.contains("<p>正文。</p>"))
    }

    func testOptionalFieldsMayBeAbsent() throws {
        let d = try Document(text: "---\ntitle: 关于本站\n---\n正文\n", file: "about.md")
        XCTAssertEqual(d.title, "关于本站")
        XCTAssertNil(d.issuedOn)
        XCTAssertNil(d.documentNumber)
        XCTAssertEqual(d.tags, [])
    }

    func testMissingFrontMatterIsAnErrorOnLine1() {
        let e = error("# 标题\n\n正文\n")
        XCTAssertEqual(e?.file, "content/policies/plan.md")
        XCTAssertEqual(e?.line, 1)
    }

    func testInvalidYAMLReportsTheFileLine() {
        // Line 5 of the file is not valid YAML (a second colon in a plain value).
        let e = error("---\ntitle: 规划\nissuer: 市政府\nstatus: 现行有效\nsummary: 目标: 床位\n---\n正文\n")
        XCTAssertEqual(e?.file, "content/policies/plan.md")
        XCTAssertEqual(e?.line, 5)
        XCTAssertTrue(e?.message.contains("YAML") ?? false, e?.message ?? "")
    }

    func testIssuedOnIsReadAsStaffWriteDatesElsewhere() throws {
        for written in ["2024年5月29日", "2024/5/29", "2024.05.29"] {
            let d = try Document(text: "---\ntitle: 规划\nissued_on: \(written)\n---\n正文\n", file: "plan.md")
            XCTAssertEqual(d.issuedOn, "2024-05-29", written)
        }
    }

    func testBadIssuedOnNamesFileAndLine() {
        let e = error("---\ntitle: 规划\nissuer: 市政府\nissued_on: 2024年2月30日\n---\n")
        XCTAssertEqual(e?.file, "content/policies/plan.md")
        XCTAssertEqual(e?.line, 4)
        XCTAssertTrue(e?.message.contains("issued_on") ?? false)
        XCTAssertTrue(e?.description.hasPrefix("content/policies/plan.md:4:") ?? false, e?.description ?? "")
    }

    func testUnknownKeyIsRejectedWithItsLine() {
        let e = error("---\ntitle: 规划\nauthor: 张三\n---\n")
        XCTAssertEqual(e?.line, 3)
        XCTAssertTrue(e?.message.contains("author") ?? false, e?.message ?? "")
    }

    func testMissingTitleIsRejected() {
        let e = error("---\nissuer: 市政府\n---\n")
        XCTAssertTrue(e?.message.contains("title") ?? false, e?.message ?? "")
    }

    func testUnsafeFileNameIsRejected() {
        for name in ["content/policies/Plan.md", "content/policies/规划.md", "content/policies/a b.md", "content/policies/x_y.md"] {
            let e = error(good, file: name)
            XCTAssertEqual(e?.file, name)
            XCTAssertEqual(e?.line, 1, name)
        }
    }

    func testRawHTMLInBodyIsNotPublished() throws {
        let d = try Document(text: "---\ntitle: 测试\n---\n<script>alert(1)</script>\n", file: "t.md")
        XCTAssertFalse(d.body.html.contains("<script"))
    }
}

extension DocumentTests {
    func testCRLFLineEndingsAreAccepted() throws {
        let d = try Document(text: "---\r\ntitle: 规划\r\nissued_on: 2024-05-29\r\n---\r\n正文\r\n", file: "plan.md")
        XCTAssertEqual(d.title, "规划")
        XCTAssertEqual(d.issuedOn, "2024-05-29")
    }

    func testIssuedOnMustBeARealDate() {
        XCTAssertThrowsError(try Document(text: "---\ntitle: 规划\nissued_on: 2024-13-45\n---\n", file: "plan.md")) {
            XCTAssertEqual(($0 as? DocumentError)?.line, 3)
        }
    }

    func testIndicatorsBlockBecomesAMarkerWithItsFileLine() throws {
        let d = try Document(text: "---\ntitle: 规划\n---\n\n正文\n\n```indicators\nbeds_total\n```\n", file: "plan.md",
                             embedKinds: ["indicators"])
        let embed = try XCTUnwrap(d.body.embeds.first)
        XCTAssertEqual(embed.body, "beds_total\n")
        XCTAssertEqual(d.fileLine(of: embed), 7)
        XCTAssertTrue(d.body.html.contains(embed.marker))
        XCTAssertFalse(d.body.html.contains("<pre"))
    }
}

extension MarkdownRendererTests {
    func testHeadingIDsAreUniqueEvenWhenATitleLooksLikeASuffix() {
        let ids = MarkdownRenderer.render("## 概况 2\n\n## 概况\n\n## 概况\n").headings.map(\.id)
        XCTAssertEqual(Set(ids).count, 3, "\(ids)")
    }
}

/// What Chinese policy texts need from Markdown, and what their authors are told.
extension MarkdownRendererTests {
    func testALineBreakBetweenChineseCharactersIsNotAShownSpace() {
        let out = html("健全\n基本养老服务体系。\nEnglish\nwords，中文\n结尾")
        XCTAssertTrue(out.contains("健全基本养老服务体系。"), out)
        XCTAssertTrue(out.contains("English\nwords"), "Latin words keep their space: \(out)")
        XCTAssertTrue(out.contains("中文结尾"), out)
    }

    func testBoldThatMarkdownCannotOpenAtPunctuationIsNamedWithItsLine() {
        let r = MarkdownRenderer.render("第一段。\n\n执行**《办法》**规定。\n\n《**办法**》可以。\n")
        XCTAssertEqual(r.notes.map(\.line), [3], "\(r.notes)")
        XCTAssertTrue(r.notes[0].message.contains("put the punctuation outside the marks"), r.notes[0].message)
        XCTAssertTrue(r.html.contains("《<strong>办法</strong>》"), r.html)
    }

    func testNotesAfterRawHTMLOrCodeOverSeveralLinesKeepTheirLine() {
        let r = MarkdownRenderer.render("第一段<span\nclass=\"x\">文字</span>和`代码\n续行`。\n执行**《办法》**规定，[见](#无此节)。\n\n结果为2**3，见[第一段](#main)。\n")
        XCTAssertEqual(r.notes.map(\.line), [1, 4, 4], "\(r.notes)")
        XCTAssertTrue(r.notes[1].message.hasPrefix("** is shown as it is"), r.notes[1].message)
        XCTAssertTrue(r.notes[2].message.contains("#无此节 leads nowhere"), r.notes[2].message)
    }

    /// Thousands of broken links: the first are said, the rest counted (and the time stays linear).
    func testManyNotesAreCutToTheFirstFew() {
        let r = MarkdownRenderer.render((0..<3000).map { "[x](#nope\($0))" }.joined(separator: " "))
        XCTAssertEqual(r.notes.count, MarkdownRenderer.noteLimit + 1)
        XCTAssertTrue(r.notes.last!.message.hasPrefix("and 2950 more of these notes"), r.notes.last!.message)
    }

    /// A picture from another website is not loaded (readers' addresses would go there): a link to it instead.
    func testAPictureFromAnotherWebsiteBecomesALink() {
        let r = MarkdownRenderer.render("见图：![养老院外景](https://tracker.example.net/p.gif)和![](//cdn.example.net/a.png)\n\n![本站](/logo.png)\n")
        XCTAssertFalse(r.html.contains("<img src=\"https://tracker") || r.html.contains("<img src=\"//cdn"), r.html)
        XCTAssertTrue(r.html.contains("<a href=\"https://tracker.example.net/p.gif\">养老院外景（外部图片）</a>"), r.html)
        XCTAssertTrue(r.html.contains("<a href=\"//cdn.example.net/a.png\">外部图片</a>"), r.html)
        XCTAssertTrue(r.html.contains("<img src=\"/logo.png\" alt=\"本站\""), r.html)
        XCTAssertEqual(r.notes.map(\.line), [1, 1])
        XCTAssertTrue(r.notes[0].message.contains("is on another website"), r.notes[0].message)
    }

    func testRawHTMLIsNamedButCommentsAreNot() {
        let r = MarkdownRenderer.render("<!-- 编辑备注 -->\n\n张科长。<br>联系人\n\n<div>警示</div>\n")
        XCTAssertEqual(r.notes.map(\.line), [3, 5], "\(r.notes)")
        XCTAssertTrue(r.notes[1].message.contains("with the text inside it"), r.notes[1].message)
        XCTAssertFalse(r.html.contains("<br>") || r.html.contains("<div>"), r.html)
    }

    func testAnchorsAsGitHubWritesThemFindTheHeadingAndMissingOnesAreNamed() {
        let r = MarkdownRenderer.render("见[保障](#四保障措施)、[无](#五不存在)、[注释][^1]。\n\n## 四、保障措施\n\n[^1]: 注。\n")
        XCTAssertTrue(r.html.contains("href=\"#\(r.headings[0].id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)\"") || r.html.contains("href=\"#%E5%9B%9B-"), r.html)
        XCTAssertEqual(r.notes.count, 1, "\(r.notes)")
        XCTAssertTrue(r.notes[0].message.contains("#五不存在 leads nowhere"), r.notes[0].message)
    }

    func testALinkToAnotherMarkdownFileLeadsToItsPage() {
        XCTAssertTrue(html("[规划](linfen-plan.md#目标)").contains("href=\"../linfen-plan/#%E7%9B%AE%E6%A0%87\""), html("[规划](linfen-plan.md#目标)"))
    }

    func testSectionsWrittenAsLevelOneHeadingsMoveDownALevel() {
        let r = MarkdownRenderer.render("# 一、总体要求\n\n## （一）目标\n")
        XCTAssertEqual(r.headings.map(\.level), [2, 3])
        XCTAssertFalse(r.html.contains("<h1"), r.html)
    }

    func testAFullWidthColonInFrontMatterIsNamed() {
        XCTAssertThrowsError(try Document(text: "---\ntitle：关于养老的通知\n---\n正文\n", file: "p.md")) {
            XCTAssertEqual(($0 as? DocumentError)?.line, 2)
            XCTAssertTrue("\($0)".contains("full-width colon"), "\($0)")
        }
        XCTAssertThrowsError(try Document(text: "---\ntitle: 通知\nstatus:\u{3000}现行有效\n---\n正文\n", file: "p.md")) {
            XCTAssertEqual(($0 as? DocumentError)?.line, 3)
        }
        XCTAssertEqual(try Document(text: "---\ntitle: 通知：附件\ntags: [消防，安全、培训]\n---\n正文\n", file: "p.md").tags, ["消防", "安全", "培训"])
        XCTAssertEqual(try Document(text: "---\ntitle: 通知\nsummary: \"时间:\u{3000}2020年\"\n---\n正文\n", file: "p.md").summary, "时间:\u{3000}2020年",
                       "a full-width space inside a quoted value is the value's own")
    }
}
