/// The licence of `meta.licence`, as machines read it: the Data Package's `licenses` wants an
/// SPDX id as `name` or the licence's address as `path`, DCAT a link.
public enum Licence {
    /// The licences recognised by name: SPDX id and web address (a longer name before one it contains).
    static let known: [(words: [String], id: String, url: String)] = [
        (["CC BY-SA 4.0", "CC-BY-SA-4.0"], "CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        (["CC BY 4.0", "CC-BY-4.0"], "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        (["CC BY 3.0", "CC-BY-3.0"], "CC-BY-3.0", "https://creativecommons.org/licenses/by/3.0/"),
        (["CC0"], "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        (["ODbL"], "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
        (["ODC-By", "ODC-BY"], "ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/"),
        (["PDDL"], "PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
    ]

    private static func recognised(_ text: String) -> (words: [String], id: String, url: String)? {
        known.first { l in l.words.contains { text.contains($0) } }
    }

    /// The SPDX id of a recognised licence; nil for any other (its text is not an id).
    public static func id(_ text: String) -> String? { recognised(text)?.id }

    /// The licence's web address: a recognised licence's, or one written in the text.
    public static func url(_ text: String) -> String? {
        if let known = recognised(text) { return known.url }
        // A host, then only the characters an address may hold (RFC 3986, brackets aside so that
        // “（https://…）” ends where the text's bracket does): the catalogues pass it on to harvesters.
        guard let m = text.firstMatch(of: #/https?://[A-Za-z0-9][A-Za-z0-9.\-]*(?::[0-9]+)?(?:[\/?#][A-Za-z0-9\-._~:\/?#\[\]@!$&*+,;=%]*)?/#) else { return nil }
        return String(m.0)
    }

    /// What `meta.licence` should say when machines cannot tell the licence from it.
    public static let expectation = "a licence machines can tell: one of CC BY 4.0, CC BY-SA 4.0, CC BY 3.0, CC0, ODbL, ODC-By, PDDL, "
        + "or the licence's web address in the text (such as 本市开放数据许可协议 https://data.example.gov.cn/licence); "
        + "otherwise datapackage.json and the catalogue can give only the words"
}
