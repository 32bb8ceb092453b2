import YanglaoStore

/// Machine-readable descriptions of the published datasets: a Frictionless
/// Data Package (`datapackage.json`) and a DCAT catalogue in JSON-LD.
public enum DataPackage {
    /// Leads the catalogue's description while `meta.sample` is true: a downloaded file
    /// travels without the pages' notice.
    public static let sampleNote = "示例数据：机构、评级、信用记录及由它们计算的指标数值是虚构的演示数据，不是真实的信息公开；地区统计、规划目标和注明出处的公布数摘自公开文件。"
    /// The Frictionless descriptor. Resource paths are relative to the folder
    /// the descriptor sits in; each points at the plain UTF-8 CSV.
    /// `homepage`: the full address of the catalogue page, nil when the site's host is unknown
    /// (a path alone means nothing once the file is downloaded).
    /// `version`: the data date, or `<date>-<n>` when correction n of that date's release is
    /// the current state (the catalogue's `dcat:version` of that correction).
    /// `created`: the day a correction was made, when known (else the data date).
    /// `sources`: the documents the data were taken from (the site's own policy texts: plan
    /// targets, region figures and the services list are transcribed from them), each with
    /// the full address of its page when the site's host is known.
    public static func descriptor(_ published: [PublishedDataset], meta: SiteMeta, homepage: String?, version: String? = nil,
                                  created: String? = nil, sources: [Source] = []) -> JSONValue {
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
        ] + (homepage.map { [("homepage", JSONValue.string($0))] } ?? []) + [
            ("version", .string(version ?? meta.dataAsOf.description)),
            // The start of the data date in China Standard Time (midnight UTC would be 08:00 there).
            ("created", .string("\(created ?? meta.releaseDay.description)T00:00:00+08:00")),
            ("licenses", .array([licence(meta.licence)])),
            ("contributors", .array([.object([("title", .string(meta.publisher)), ("role", .string("publisher"))])])),
        ] + (sources.isEmpty ? [] : [("sources", JSONValue.array(sources.map { s in
            .object([("title", .string(s.title))] + (s.path.map { [("path", JSONValue.string($0))] } ?? []))
        }))]) + [
            ("resources", .array(resources)),
        ])
    }

    /// A document the data come from (Frictionless `sources`).
    public struct Source: Sendable {
        public let title: String
        public let path: String?
        public init(title: String, path: String?) { self.title = title; self.path = path }
    }

    static func field(_ f: DatasetField) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(f.name)),
            // The Excel-oriented file's header (Table Schema's human-readable title).
            ("title", .string(f.title)),
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
        // What each code means (Table Schema v2 `categories`), the words of the Excel-oriented file.
        if let allowed = f.allowed, let labels = f.labels {
            pairs.append(("categories", .array(zip(allowed, labels).map { .object([("value", .string($0)), ("label", .string($1))]) })))
        }
        if let minimum = f.minimum { constraints.append(("minimum", .int(minimum))) }
        if let maximum = f.maximum { constraints.append(("maximum", .int(maximum))) }
        if !constraints.isEmpty { pairs.append(("constraints", .object(constraints))) }
        return .object(pairs)
    }

    /// The Data Package's licence: `name` only for an SPDX id (the spec's rule), `path` when
    /// the address is known, and the text as `title`. (`yanglao validate` warns of a licence
    /// with neither, which machines cannot read.)
    static func licence(_ text: String) -> JSONValue {
        .object((Licence.id(text).map { [("name", JSONValue.string($0))] } ?? []) + [("title", .string(text))]
            + (Licence.url(text).map { [("path", JSONValue.string($0))] } ?? []))
    }

    /// A link in JSON-LD: `{"@id": …}`, so an RDF reader sees a resource, not text.
    static func link(_ url: String) -> JSONValue { .object([("@id", .string(url))]) }
    static func text(_ s: String) -> JSONValue { .object([("@value", .string(s)), ("@language", .string("zh-CN"))]) }
    static func typed(_ s: String, _ type: String) -> JSONValue { .object([("@value", .string(s)), ("@type", .string(type))]) }

    /// A distribution as DCAT-AP wants it: access and download address, IANA media type
    /// and EU file type as links, size and SHA-256 (a release's from its SHA256SUMS and
    /// its files, the same whether this build or an earlier one wrote it). Each carries the
    /// licence too: DCAT-AP reads a distribution's licence from the distribution itself.
    static func distribution(_ f: PublishedFile, download: String, access: String, title: String, licence: JSONValue) -> JSONValue {
        .object([
            ("@type", .string("dcat:Distribution")),
            ("dct:title", text(title)),
            ("dct:license", licence),
            ("dcat:accessURL", link(access)),
            ("dcat:downloadURL", link(download)),
            ("dcat:mediaType", link("http://www.iana.org/assignments/media-types/" + f.format.mediaType)),
            ("dct:format", link("http://publications.europa.eu/resource/authority/file-type/" + f.format.fileType)),
        ] + [
            ("dcat:byteSize", typed(String(f.bytes), "xsd:nonNegativeInteger")),
            ("spdx:checksum", .object([
                ("@type", .string("spdx:Checksum")),
                ("spdx:algorithm", link("spdx:checksumAlgorithm_sha256")),
                ("spdx:checksumValue", typed(f.sha256, "xsd:hexBinary")),
            ])),
        ])
    }

    /// A DCAT catalogue (JSON-LD, following DCAT-AP) listing every dataset and its
    /// distributions with size and SHA-256. `url` turns a path under `data/` into a link.
    /// `releases`: the releases in the output, oldest first, with the datasets frozen in
    /// each (at `releases/<date>/`): each is a version of its dataset, with its own files.
    /// `region`: the area the data cover (GB/T 2260 code and name), nil for several.
    public static func dcat(_ published: [PublishedDataset], meta: SiteMeta, url: (String) -> String,
                            releases: [(date: String, datasets: Set<String>, files: [PublishedFile], issued: String?)] = [],
                            corrections: [(date: String, number: Int, files: [PublishedFile], issued: String?)] = [],
                            region: (code: String, name: String)? = nil) -> JSONValue {
        let publisher: JSONValue = .object([("@type", .string("foaf:Agent")), ("foaf:name", .string(meta.publisher))])
        // The last day the data changed, as archived: the latest dated correction of this data date,
        // else the day its release was published (or the data date).
        let dataDate = meta.dataAsOf.description
        let lastChange = ([releases.first { $0.date == dataDate }?.issued ?? dataDate]
                          + corrections.filter { $0.date == dataDate }.compactMap(\.issued)).max()!
        let licence = Licence.url(meta.licence).map(link) ?? .string(meta.licence)
        let chinese = link("http://publications.europa.eu/resource/authority/language/ZHO")
        // The data describe the area up to the data date (the start differs from record to record).
        let temporal: JSONValue = .object([("@type", .string("dct:PeriodOfTime")), ("dcat:endDate", typed(meta.dataAsOf.description, "xsd:date"))])
        let spatial: [(String, JSONValue)] = region.map { r in
            [("dct:spatial", .object([("@type", .string("dct:Location")), ("skos:prefLabel", text(r.name)),
                                      ("dct:identifier", .string("GB/T 2260 " + r.code))]))]
        } ?? []
        // Every frozen version: each release, and each correction archived after one (by date, then number).
        let frozen: [(date: String, version: String, label: String, folder: String, datasets: Set<String>, files: [PublishedFile], issued: String?)] =
            releases.map { ($0.date, $0.date, "\($0.date) 版", "releases/\($0.date)/", $0.datasets, $0.files, $0.issued) }
            + corrections.map { c in
                (c.date, "\(c.date)-\(c.number)", "\(c.date) 版更正 \(c.number)", "corrections/\(c.date)/\(c.number)/",
                 Set(c.files.filter { $0.format == .csv }.map { String($0.name.dropLast(4)) }), c.files, c.issued)
            }
        let datasets: [JSONValue] = published.map { p in
            let name = p.dataset.name
            // Correction 10 after correction 9 (by length, then text: "…-10" is longer than "…-9").
            let held = frozen.filter { $0.datasets.contains(name) }.sorted { ($0.date, $0.version.count, $0.version) < ($1.date, $1.version.count, $1.version) }
            let versions: [(String, JSONValue)] = held.isEmpty ? [] : [
                ("dcat:hasVersion", .array(held.map { r in
                    let page = url(r.folder)
                    return .object([
                        ("@id", .string(page + "#" + name)), ("@type", .string("dcat:Dataset")),
                        ("dct:title", text("\(p.dataset.titleZH)（\(r.label)）")),
                        ("dct:description", text(r.version == r.date
                            ? "\(p.dataset.titleZH)截至 \(r.date) 的数据版本，发布后永久保存、不再改动。"
                            : "\(p.dataset.titleZH)截至 \(r.date) 的数据在该版发布后的更正，永久保存、不再改动。")),
                        ("dcat:version", .string(r.version)), ("dcat:landingPage", link(page)),
                    ] + (r.issued.map { [("dct:issued", typed($0, "xsd:date"))] } ?? []) + [
                        // By name: a release's files are read from its SHA256SUMS once it exists.
                        ("dcat:distribution", .array(r.files.filter { $0.name.hasPrefix(name + ".") || $0.name.hasPrefix(name + "-excel.") }
                            .sorted { $0.name < $1.name }.map { f in
                            distribution(f, download: url(r.folder + f.name), access: page, title: f.format.labelZH,
                                         licence: licence)
                        })),
                    ])
                })),
            ]
            return .object([
                ("@type", .string("dcat:Dataset")),
                ("@id", .string(url("\(name)/") + "#dataset")),
                ("dct:identifier", .string(name)),
                ("dct:title", text(p.dataset.titleZH)),
                ("dct:description", text(p.dataset.descriptionZH)),
                ("dct:publisher", publisher),
                ("dct:language", chinese),
                ("dcat:keyword", .array(["养老服务", "信息公开", p.dataset.titleZH].map(text))),
                ("dcat:theme", link("http://publications.europa.eu/resource/authority/data-theme/SOCI")),
                ("dct:temporal", temporal),
            ] + spatial + (held.first.map { [("dct:issued", typed($0.issued ?? $0.date, "xsd:date"))] } ?? []) + [
                ("dct:modified", typed(lastChange, "xsd:date")),
                ("dct:license", licence),
                ("dcat:contactPoint", .object([("@type", .string("vcard:Organization")), ("vcard:fn", .string(meta.contact))])),
                ("dcat:landingPage", link(url("\(name)/"))),
                ("dcat:distribution", .array(p.files.map { f in
                    distribution(f, download: url(f.name), access: url("\(name)/"), title: f.format.labelZH, licence: licence)
                })),
            ] + versions)
        }
        return .object([
            ("@context", .object([
                ("dcat", .string("http://www.w3.org/ns/dcat#")), ("dct", .string("http://purl.org/dc/terms/")),
                ("foaf", .string("http://xmlns.com/foaf/0.1/")), ("vcard", .string("http://www.w3.org/2006/vcard/ns#")),
                ("spdx", .string("http://spdx.org/rdf/terms#")), ("xsd", .string("http://www.w3.org/2001/XMLSchema#")),
                ("skos", .string("http://www.w3.org/2004/02/skos/core#")),
            ])),
            ("@type", .string("dcat:Catalog")),
            ("@id", .string(url(""))),
            ("dct:title", text(meta.title)),
            ("dct:description", text((meta.isSample ? Self.sampleNote : "") + (meta.value("description") ?? meta.title))),
            ("dct:publisher", publisher),
            ("dct:language", chinese),
            ("dct:license", licence),
        ] + (url("").hasPrefix("http") ? [("foaf:homepage", link(url("")))] : []) + [   // a path alone is no address
            ("dct:modified", typed(lastChange, "xsd:date")),
            ("dcat:dataset", .array(datasets)),
        ])
    }

    /// schema.org `Dataset` markup for one dataset page.
    /// `region`: the name of the area the data cover, nil for several.
    /// `version`: as in `descriptor`, for this dataset (a corrected one is its correction's version).
    public static func schemaOrg(_ p: PublishedDataset, meta: SiteMeta, pageURL: String, url: (String) -> String,
                                 region: String? = nil, version: String? = nil) -> JSONValue {
        .object([
            ("@context", .string("https://schema.org")),
            ("@type", .string("Dataset")),
            ("name", .string(p.dataset.titleZH)),
            ("description", .string((meta.isSample ? Self.sampleNote : "") + p.dataset.descriptionZH)),
            ("url", .string(pageURL)),
            ("identifier", .string(p.dataset.name)),
            ("inLanguage", .string("zh-CN")),
            ("version", .string(version ?? meta.dataAsOf.description)),
            ("keywords", .array(["养老服务", "信息公开", p.dataset.titleZH].map { .string($0) })),
            // The data describe the state on the data date.
            ("temporalCoverage", .string(meta.dataAsOf.description)),
        ] + (region.map { [("spatialCoverage", .object([("@type", .string("Place")), ("name", .string($0))]))] } ?? []) + [
            ("dateModified", .string(meta.dataAsOf.description)),
            ("license", .string(Licence.url(meta.licence) ?? meta.licence)),
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
