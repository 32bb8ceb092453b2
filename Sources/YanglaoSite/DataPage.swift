import YanglaoOpenData

/// The catalogue of downloads, with a data dictionary generated from the
/// same field lists the files were written with.
struct DataPage {
    let context: SiteContext
    let layout: Layout

    func page(_ published: [PublishedDataset]) -> String {
        let meta = context.meta
        var body: HTML = """
            <p class="lead">本站全部数据可免费下载使用。数据截至 \(Layout.dateZH(meta.dataAsOf))，许可协议：\(meta.licence)。</p>
            <div class="note"><p><strong>用哪个文件？</strong></p>
            <p>· 用 Excel 双击打开：选“Excel 版 CSV”（带 BOM 的 UTF-8，中文不会乱码）。<br>· 用 Python、R 等程序读取：选“CSV”（UTF-8，无 BOM）或“JSON”。</p>
            <p>CSV 符合 RFC 4180：逗号分隔，首行为字段名，空值为空字段。为防止电子表格把文字当公式执行，以 = + - @ 或制表符开头的文字前加了一个英文单引号 '；数值不受影响。</p></div>
            """
        let list: [HTML] = published.map { "<li><a href=\"#\($0.dataset.name)\">\($0.dataset.titleZH)</a>（\(Labels.int($0.rows)) 行）</li>" }
        body = body + "<ul>\(list)</ul>\n"
        for p in published {
            let d = p.dataset
            let files: [HTML] = p.files.map { f in
                let label = f.name.hasSuffix("-excel.csv") ? "Excel 版 CSV" : (f.name.hasSuffix(".csv") ? "CSV" : "JSON")
                return "<li><a href=\"\(context.url("data/\(f.name)"))\">\(label)：\(f.name)</a>（\(Labels.bytes(f.bytes))）</li>"
            }
            let fieldRows: [[HTML]] = d.fields.map { f in
                ["<code>\(f.name)</code>", "\(f.kind.rawValue)", "\(f.unit ?? "—")", "\(f.descriptionZH)"]
            }
            body = body + """
                <h2 id="\(d.name)">\(d.titleZH)</h2>
                <p>\(d.descriptionZH)</p>
                <p>共 \(Labels.int(p.rows)) 行。</p>
                <ul>\(files)</ul>
                """ + Components.table(caption: "字段说明", head: ["字段", "类型", "单位", "含义"], rows: fieldRows)
            if d.name == "institutions" {
                body = body + "<p>每个机构另有单独的 JSON 文件：<code>data/institutions/&lt;统一社会信用代码&gt;.json</code>，含评级历史和公示中的信用记录，机构页面有链接。</p>\n"
            }
        }
        body = body + """
            <h2 id="cite">引用方式</h2>
            <p>\(meta.publisher)．\(meta.title)开放数据（数据截至 \(meta.dataAsOf.description)）．\(context.url("data/"))</p>
            <p>问题和更正请联系：\(meta.contact)</p>
            """
        return layout.page(title: "开放数据", path: "data/", body: body)
    }
}
