import Foundation
import YanglaoIndicators
import YanglaoStore

/// An Atom 1.0 feed (`/feed.xml`) of new ratings and credit disclosures, data releases and
/// corrections, and the site's own policies by the day issued, newest first.
struct Feed {
    struct Entry {
        let id: String
        let date: String
        let title: String
        let path: String
        let summary: String
    }

    static let limit = 50

    let context: SiteContext
    /// Turns a site path into the URL written in the feed.
    let absolute: (String) -> String

    /// Keeps the newest `limit` entries by date, then id, so the order never depends on input order.
    static func newest(_ entries: [Entry]) -> [Entry] {
        Array(entries.sorted { ($0.date, $0.id) > ($1.date, $1.id) }.prefix(limit))
    }

    /// A record's own key inside an entry's id: Atom wants an id that is an IRI, and a key typed
    /// with a space, a line break or a bracket would not be one (or not the same after an XML
    /// parser reads it). Letters, digits and - . _ ~ stay as they are, so ids like C00001 never change.
    static func urnPart(_ key: String) -> String {
        key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? key
    }

    /// A rating's entry; a rating withdrawn by the reference day says so, and its withdrawal
    /// is news of its own (dated that day), so the feed never shows a withdrawn level as valid.
    static func entries(_ r: Rating, name: String, cityCode: String, asOf: ISODate) -> [Entry] {
        let level = RatingState.levelName(r.level)
        let withdrawn = r.withdrawnOn.flatMap { text in ISODate(text).flatMap { $0 <= asOf ? $0.description : nil } }
        var out = [Entry(id: "urn:yanglao:\(cityCode):rating:\(urnPart(r.id))", date: r.ratedOn,
                         title: "等级评定：\(name) 评为\(level)",
                         path: "institutions/\(r.institutionID)/#rating",
                         summary: "\(r.assessor)评定，有效期至 \(r.validUntil)，文号 \(r.documentNo)。" + (withdrawn.map { "已于 \($0) 撤销。" } ?? ""))]
        if let withdrawn {
            out.append(Entry(id: "urn:yanglao:\(cityCode):rating:\(urnPart(r.id)):withdrawn", date: withdrawn,
                             title: "等级撤销：\(name) 的\(level)评定已撤销", path: "institutions/\(r.institutionID)/#rating",
                             summary: "\(r.ratedOn) 评定的\(level)（文号 \(r.documentNo)）于 \(withdrawn) 撤销，不再有效。"))
        }
        return out
    }

    /// Only for disclosed records.
    static func entry(_ c: CreditRecord, name: String, cityCode: String, policy: DisclosurePolicy) -> Entry {
        var summary = [c.documentNo, c.reason, c.result].compactMap { $0 }.joined(separator: "；")
        if c.subjectType != "organisation" { summary = "当事人：\(DisclosurePolicy.publicName(of: c))。" + summary }
        return Entry(id: "urn:yanglao:\(cityCode):credit:\(urnPart(c.id))", date: c.decidedOn,
                     title: "\(Labels.creditKind(c.kind))：\(name)", path: "institutions/\(c.institutionID)/#credit",
                     summary: summary + "（\(c.authority)）")
    }

    func xml(_ entries: [Entry]) -> String {
        let meta = context.meta
        func esc(_ s: String) -> String { HTML.xmlEscape(s) }
        // The feed is as new as its newest entry (a correction is dated after the data date),
        // so that readers comparing dates do not skip it. ISO dates order as text.
        let updated = entries.map(\.date).filter { $0.count == 10 }.max().map { max($0, meta.dataAsOf.description) } ?? meta.dataAsOf.description
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
            <title>\(esc(meta.title))：评级、信用信息、政策和数据更新</title>
            <subtitle>新的等级评定结果和信用信息公示</subtitle>
            <link rel="self" type="application/atom+xml" href="\(esc(absolute("feed.xml")))"/>
            <link rel="alternate" type="text/html" href="\(esc(absolute("")))"/>
            <id>urn:yanglao:\(esc(context.feedScope)):feed</id>
            <updated>\(esc(updated))T00:00:00+08:00</updated>
            <author><name>\(esc(meta.publisher))</name></author>

            """
        for e in entries {
            out += """
                <entry>
                <title>\(esc(e.title))</title>
                <link rel="alternate" type="text/html" href="\(esc(absolute(e.path)))"/>
                <id>\(esc(e.id))</id>
                <updated>\(esc(e.date))T00:00:00+08:00</updated>
                <summary>\(esc(e.summary))</summary>
                </entry>

                """
        }
        return out + "</feed>\n"
    }
}
