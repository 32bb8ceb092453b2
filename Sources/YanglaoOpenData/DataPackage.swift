import YanglaoStore

/// Machine-readable descriptions of the published datasets: a Frictionless
/// Data Package (`datapackage.json`) and a DCAT catalogue in JSON-LD.
public enum DataPackage {
    /// Leads the catalogue's description while `meta.sample` is true: a downloaded file
    /// travels without the pages' notice.
    public static let sampleNote = "示例数据：机构、评级、信用记录及由它们计算的指标数值是虚构的演示数据，不是真实的信息公开；地区统计、规划目标和注明出处的公布数摘自公开文件。"
    /// The Frictionless descriptor. Resource paths are relative to the folder
    /// the descriptor sits in; each points at the plain UTF-8 CSV.
    public static func descriptor(_ published: [PublishedDataset], meta: SiteMeta, homepage: String) -> JSONValue {
        let resources: [JSONValue] = published.compactMap { p in
            guard let csv = p.files.first(where: { $0.format == .csv }) else { return nil }
            var schema: [(String, JSONValue)] = [
                ("fields", .array(p.dataset.fields.map(field))),
                ("missingValues", .array([.string("")])),
            ]
            if !p.dataset.primaryKey.isEmpty { schema.append(("primaryKey", .array(p.dataset.primaryKey.map { .string($0) }))) }
            // Keys that point at resources not in this package are left out, or validation would fail.
            let keys = p.dataset.foreignKeys.filter { fk in published.contains { $0.dataset.name == fk.dataset } }
            if !keys.isEmpty {
                schema.append(("foreignKeys", .array(keys.map { fk in
                    .object([("fields", .array(fk.fields.map { .string($0) })),
                             ("reference", .object([("resource", .string(fk.dataset == p.dataset.name ? "" : fk.dataset)),
                                                    ("fields", .array(fk.referenceFields.map { .string($0) }))]))])
                })))
            }
            return .object([
                ("name", .string(p.dataset.name)),
                ("path", .string(csv.name)),
                ("title", .string(p.dataset.titleZH)),
                ("description", .string(p.dataset.descriptionZH)),
                ("profile", .string("tabular-data-resource")),
                ("format", .string("csv")),
                ("mediatype", .string("text/csv")),
                ("encoding", .string("utf-8")),
                ("bytes", .int(csv.bytes)),
                ("hash", .string("sha256:\(csv.sha256)")),
                ("dialect", .object([("delimiter", .string(",")), ("lineTerminator", .string("\r\n")),
                                     ("quoteChar", .string("\"")), ("doubleQuote", .bool(true)), ("header", .bool(true))])),
                ("schema", .object(schema)),
            ])
        }
        return .object([
            ("profile", .string("tabular-data-package")),
            ("name", .string("yanglao-\(meta.dataAsOf)")),
            ("title", .string(meta.title)),
            ("description", .string((meta.isSample ? Self.sampleNote : "") + (meta.value("description") ?? meta.title))),
            ("homepage", .string(homepage)),
            ("version", .string(meta.dataAsOf.description)),
            ("created", .string("\(meta.dataAsOf)T00:00:00Z")),
            ("licenses", .array([.object([("name", .string(licenceID(meta.licence))), ("title", .string(meta.licence))]
                + (licenceURL(meta.licence).map { [("path", JSONValue.string($0))] } ?? []))])),
            ("contributors", .array([.object([("title", .string(meta.publisher)), ("role", .string("publisher"))])])),
            ("resources", .array(resources)),
        ])
    }

    static func field(_ f: DatasetField) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(f.name)),
            ("type", .string(f.kind.rawValue)),
            ("description", .string(f.descriptionZH + (f.unit.map { "（单位：\($0)）" } ?? ""))),
        ]
        if let unit = f.unit { pairs.append(("unit", .string(unit))) }
        if f.kind == .boolean {
            pairs.append(("trueValues", .array([.string("true")])))
            pairs.append(("falseValues", .array([.string("false")])))
        }
        var constraints: [(String, JSONValue)] = []
        if f.required { constraints.append(("required", .bool(true))) }
        if let allowed = f.allowed { constraints.append(("enum", .array(allowed.map { .string($0) }))) }
        if let minimum = f.minimum { constraints.append(("minimum", .int(minimum))) }
        if !constraints.isEmpty { pairs.append(("constraints", .object(constraints))) }
        return .object(pairs)
    }

    /// SPDX-style id for the licences we recognise; otherwise the text itself.
    static func licenceID(_ text: String) -> String {
        if text.contains("CC BY 4.0") || text.contains("CC-BY-4.0") { return "CC-BY-4.0" }
        if text.contains("CC0") { return "CC0-1.0" }
        if text.contains("ODbL") { return "ODbL-1.0" }
        return text
    }

    /// The licence's own web address, for the licences we recognise.
    static func licenceURL(_ text: String) -> String? {
        switch licenceID(text) {
        case "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"
        case "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/"
        case "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/"
        default: nil
        }
    }

    /// A link in JSON-LD: `{"@id": …}`, so an RDF reader sees a resource, not text.
    static func link(_ url: String) -> JSONValue { .object([("@id", .string(url))]) }

    /// A DCAT catalogue (JSON-LD) listing every dataset and its distributions
    /// with size and SHA-256. `url` turns a path under `data/` into a link.
    /// `releases`: the releases in the output, oldest first, with the datasets frozen in
    /// each (at `releases/<date>/`): each is a version of its dataset.
    public static func dcat(_ published: [PublishedDataset], meta: SiteMeta, url: (String) -> String,
                            releases: [(date: String, datasets: Set<String>)] = []) -> JSONValue {
        let publisher: JSONValue = .object([("@type", .string("foaf:Agent")), ("foaf:name", .string(meta.publisher))])
        let datasets: [JSONValue] = published.map { p in
            let name = p.dataset.name
            let held = releases.filter { $0.datasets.contains(name) }
            let versions: [(String, JSONValue)] = held.isEmpty ? [] : [
                ("dcat:hasVersion", .array(held.map { r in
                    .object([("@id", .string(url("releases/\(r.date)/") + "#" + name)), ("@type", .string("dcat:Dataset")),
                             ("dcat:version", .string(r.date)), ("dcat:landingPage", link(url("releases/\(r.date)/"))),
                             ("dcat:distribution", .array([.object([("@type", .string("dcat:Distribution")),
                                                                    ("dcat:downloadURL", link(url("releases/\(r.date)/\(name).csv"))),
                                                                    ("dcat:mediaType", .string("text/csv"))])]))])
                })),
            ]
            return .object([
                ("@type", .string("dcat:Dataset")),
                ("@id", .string(url("\(p.dataset.name)/"))),
                ("dct:identifier", .string(p.dataset.name)),
                ("dct:title", .object([("@value", .string(p.dataset.titleZH)), ("@language", .string("zh-CN"))])),
                ("dct:description", .object([("@value", .string(p.dataset.descriptionZH)), ("@language", .string("zh-CN"))])),
                ("dct:publisher", publisher),
                ("dct:modified", .object([("@value", .string(meta.dataAsOf.description)), ("@type", .string("xsd:date"))])),
                ("dct:license", licenceURL(meta.licence).map(link) ?? .string(meta.licence)),
                ("dcat:contactPoint", .object([("@type", .string("vcard:Organization")), ("vcard:fn", .string(meta.contact))])),
                ("dcat:landingPage", link(url("\(p.dataset.name)/"))),
                ("dcat:distribution", .array(p.files.map { f in
                    .object([
                        ("@type", .string("dcat:Distribution")),
                        ("dcat:downloadURL", link(url(f.name))),
                        ("dcat:mediaType", .string(f.format.mediaType)),
                        ("dct:format", .string(f.format.labelZH)),
                        ("dcat:byteSize", .object([("@value", .string(String(f.bytes))), ("@type", .string("xsd:nonNegativeInteger"))])),
                        ("spdx:checksum", .object([
                            ("@type", .string("spdx:Checksum")),
                            ("spdx:algorithm", .string("spdx:checksumAlgorithm_sha256")),
                            ("spdx:checksumValue", .string(f.sha256)),
                        ])),
                    ])
                })),
            ] + versions)
        }
        return .object([
            ("@context", .object([
                ("dcat", .string("http://www.w3.org/ns/dcat#")), ("dct", .string("http://purl.org/dc/terms/")),
                ("foaf", .string("http://xmlns.com/foaf/0.1/")), ("vcard", .string("http://www.w3.org/2006/vcard/ns#")),
                ("spdx", .string("http://spdx.org/rdf/terms#")), ("xsd", .string("http://www.w3.org/2001/XMLSchema#")),
            ])),
            ("@type", .string("dcat:Catalog")),
            ("@id", .string(url(""))),
            ("dct:title", .object([("@value", .string(meta.title)), ("@language", .string("zh-CN"))])),
            ("dct:description", .object([("@value", .string((meta.isSample ? Self.sampleNote : "") + (meta.value("description") ?? meta.title))),
                                        ("@language", .string("zh-CN"))])),
            ("dct:publisher", publisher),
            ("dct:modified", .object([("@value", .string(meta.dataAsOf.description)), ("@type", .string("xsd:date"))])),
            ("dcat:dataset", .array(datasets)),
        ])
    }

    /// schema.org `Dataset` markup for one dataset page.
    public static func schemaOrg(_ p: PublishedDataset, meta: SiteMeta, pageURL: String, url: (String) -> String) -> JSONValue {
        .object([
            ("@context", .string("https://schema.org")),
            ("@type", .string("Dataset")),
            ("name", .string(p.dataset.titleZH)),
            ("description", .string(p.dataset.descriptionZH)),
            ("url", .string(pageURL)),
            ("identifier", .string(p.dataset.name)),
            ("inLanguage", .string("zh-CN")),
            ("dateModified", .string(meta.dataAsOf.description)),
            ("license", .string(licenceURL(meta.licence) ?? meta.licence)),
            ("isAccessibleForFree", .bool(true)),
            ("creator", .object([("@type", .string("Organization")), ("name", .string(meta.publisher))])),
            ("variableMeasured", .array(p.dataset.fields.map { .string($0.name) })),
            ("distribution", .array(p.files.map { f in
                .object([("@type", .string("DataDownload")), ("contentUrl", .string(url(f.name))),
                         ("encodingFormat", .string(f.format.mediaType)), ("contentSize", .string("\(f.bytes) B"))])
            })),
        ])
    }
}
