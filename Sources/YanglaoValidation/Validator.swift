import Foundation
import YanglaoIndicators
import YanglaoStore

/// Checks a database against the data contract and the rules the site relies
/// on, and reports every problem at once. Errors stop a build; warnings are
/// shown and published anyway.
public enum Validator {
    /// A data date more than a month after today: almost surely a mistyped year. Build and
    /// validate refuse it (a release published under it would bind every later build).
    public static func isFarAhead(_ date: ISODate) -> Bool { date.isFarAhead }

    /// Runs every rule. The store was opened with its schema version and tables checked.
    /// - Parameter referenceDate: the day disclosure is judged on, when a build overrides
    ///   `data_as_of` (`--as-of`): a record public on that day is checked as public.
    public static func validate(_ store: DataStore, referenceDate: ISODate? = nil) throws -> [Finding] {
        var out: [Finding] = []
        let entries = try store.metaEntries()
        for case .badMeta(let key, let value, let expected) in SiteMeta.problems(in: entries) {
            out.append(Finding(.error, "meta", row: key, column: "value", value: value ?? "",
                               expected: expected + (value == nil ? " (the key is missing; add it to meta.csv and import it)" : "")))
        }
        // Without a data date, checks against it are left out and every record counts as disclosed.
        let asOf = entries.first { $0.key == "data_as_of" }.flatMap { ISODate($0.value) }
        // The build refuses this before anything else; validate says so too, so that a clean
        // report means the build will run. (The only rule that reads the clock.)
        if let asOf, isFarAhead(asOf) {
            out.append(Finding(.error, "meta", row: "data_as_of", column: "value", value: asOf.description,
                               expected: ISODate.farAheadExpectation))
        }
        // A correction keeps its day for good (feed, catalogue, archive): a mistyped year is stopped here.
        if let typed = entries.first(where: { $0.key == "corrected_on" }), let day = ISODate(typed.value), isFarAhead(day) {
            out.append(Finding(.error, "meta", row: "corrected_on", column: "value", value: typed.value,
                               expected: "the day of the correction: " + ISODate.farAheadExpectation))
        }
        if let typed = entries.first(where: { $0.key == "published_on" }), let day = ISODate(typed.value) {
            // A release keeps its day for good, like a correction: a mistyped year is stopped here.
            if isFarAhead(day) {
                out.append(Finding(.error, "meta", row: "published_on", column: "value", value: typed.value,
                                   expected: "the day these data are published: " + ISODate.farAheadExpectation))
            } else if let asOf, day < asOf {
                // Left from the previous release (data_as_of moved on): dates nothing, like a stale corrected_on.
                out.append(Finding(.warning, "meta", row: "published_on", column: "value", value: typed.value,
                                   expected: "a day on or after data_as_of (\(asOf)): it dates the publication of these data, so it is not used now (the release is dated with data_as_of); set it to the day you publish them, or remove it"))
            }
        }
        let meta = try? SiteMeta(entries: entries)
        if let typed = entries.first(where: { $0.key == "licence" }), !typed.value.isEmpty, Licence.id(typed.value) == nil, Licence.url(typed.value) == nil {
            out.append(Finding(.warning, "meta", row: "licence", column: "value", value: typed.value, expected: Licence.expectation))
        }
        // A day of correction left from the data of an earlier date dates nothing: said, not an error.
        if let asOf, let typed = entries.first(where: { $0.key == "corrected_on" }), let day = ISODate(typed.value), day <= asOf {
            out.append(Finding(.warning, "meta", row: "corrected_on", column: "value", value: typed.value,
                               expected: "a day after data_as_of (\(asOf)): it dates a correction of these data made later, so it is not used now; set it when you correct them, or remove it"))
        }
        for v in try store.foreignKeyViolations() {
            let row = try store.key(table: v.table, rowid: v.rowid)
            var finding = Finding(.error, v.table, row: row, column: v.column,
                                  value: v.value, expected: "a value found in table `\(v.parent)` (import that row first, or correct this one)")
            // A facility in a region that is not there is still named (staff know names, not codes).
            if v.table == "institutions" { finding.facility = try store.institutionName(row) }
            out.append(finding)
        }
        for t in try store.unpublishableText() {
            out.append(Finding(.error, t.table, row: t.row, column: t.column, value: t.value, expected: t.expected))
        }
        // Personal numbers in the published text of the other tables (facilities and disclosed
        // credit records are checked with their own rules below).
        for (table, columns) in publishedText.sorted(by: { $0.key < $1.key }) where table != "institutions" && table != "credit_records" {
            for cell in try store.texts(table: table, columns: columns.sorted(), matching: { PrivacyGuard.identifierKind(in: $0) != nil }) {
                let kind = PrivacyGuard.identifierKind(in: cell.value) ?? "a personal number"
                out.append(Finding(.error, table, row: cell.row, column: cell.column, value: cell.value,
                                   expected: "published text without \(kind) (every page or dataset shows this column); remove the number"))
            }
        }
        let regions = try store.regions()
        // An empty database would publish an empty site over the live one.
        if regions.isEmpty {
            out.append(Finding(.error, "regions", row: "(none)", column: "code", value: "",
                               expected: "at least the region the site is about (import regions.csv)"))
        }
        let regionByCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        out += RegionRules.check(regions)
        var institutionCategory: [String: String] = [:]
        // Keys as UTF-8 bytes: hashing a Chinese string normalises it first, which
        // was a quarter of validating a national database.
        var namesSeen: [TextKey: String] = [:]
        var located = PlaceRules.Located()
        // Former names, checked once every name is seen: one that another facility of the region
        // has now is most likely two names swapped by mistake and put back (the site would say
        // each was once the other).
        var formerNames: [(id: String, name: String, region: String, former: String)] = []
        try store.forEachInstitutionAsStored { i in
            for former in i.formerNames { formerNames.append((i.id, i.name, i.regionCode, former)) }
            institutionCategory[i.id] = i.category
            if let lat = i.latitude, let lon = i.longitude { located.add(i.id, region: i.regionCode, latitude: lat, longitude: lon) }
            out += InstitutionRules.check(i, asOf: asOf, region: regionByCode[i.regionCode]).map { $0.about(i.name) }
            let nameKey = TextKey(i.regionCode + "|" + i.name)
            if let other = namesSeen[nameKey] {
                out.append(Finding(.warning, "institutions", row: i.id, column: "name", value: i.name,
                                   expected: "a name not already used in the same region (also \(other))"))
            } else { namesSeen[nameKey] = i.id }
        }
        for f in formerNames {
            guard let other = namesSeen[TextKey(f.region + "|" + f.former)], other != f.id else { continue }
            out.append(Finding(.warning, "institutions", row: f.id, column: "former_names", value: f.former,
                               expected: "earlier names of this facility, not the name another facility has now (\(other)): were two names swapped and put back? Correct former_names (export the table, edit the 曾用名 column, import it)").about(f.name))
        }
        // Named once found (a few names, not every facility's kept through the pass).
        for var stray in located.strays() {
            stray.facility = try store.institutionName(stray.row)
            out.append(stray)
        }
        // Ratings and credit records name their facility too; looked up once the records are
        // checked (a findings' worth of names, not every facility's).
        var facilityOf: [Int: String] = [:]
        func noteFacility(_ found: [Finding], _ id: String) {
            for n in found.indices { facilityOf[out.count + n] = id }
            out += found
        }
        if institutionCategory.isEmpty {
            out.append(Finding(.warning, "institutions", row: "(none)", column: "id", value: "",
                               expected: "the facilities of the site's regions (the table is empty; the site would list none)"))
        }
        // Ratings and records after the day the site is built for (--as-of, else data_as_of) are left off it.
        let reference = (referenceDate ?? asOf).map { DateRules.Reference(date: $0, overridden: referenceDate != nil) }
        // Two ratings of one facility on one day: one is a copy (its key retyped, r0041 for R0041)
        // and the later row would be shown as the current level.
        var ratedOn: [TextKey: String] = [:]
        try store.forEachRating { r in
            noteFacility(RecordRules.check(r, asOf: asOf, reference: reference, category: institutionCategory[r.institutionID]), r.institutionID)
            let day = TextKey(r.institutionID + "|" + r.ratedOn)
            if let other = ratedOn[day] {
                noteFacility([Finding(.warning, "ratings", row: r.id, column: "rated_on", value: r.ratedOn,
                                      expected: "one rating of a facility per day (also \(other)): if one is a copy of the other, delete it (yanglao delete ratings ITS_ID --db DATABASE)")], r.institutionID)
            } else { ratedOn[day] = r.id }
        }
        // Bad window lengths were reported above; judge the records with the defaults then.
        let policy = meta.flatMap { try? DisclosurePolicy(meta: $0, asOf: referenceDate) }
            ?? (referenceDate ?? asOf).map { DisclosurePolicy(asOf: $0) }
        var documentNumbers: [TextKey: String] = [:]
        try store.forEachCreditRecord { c in
            noteFacility(RecordRules.check(c, policy: policy, reference: reference), c.institutionID)
            if c.kind == "penalty", let no = c.documentNo {
                if let other = documentNumbers[TextKey(no)] {
                    noteFacility([Finding(.warning, "credit_records", row: c.id, column: "document_no", value: no,
                                          expected: "a decision number not used by another penalty (also \(other))")], c.institutionID)
                } else { documentNumbers[TextKey(no)] = c.id }
            }
        }
        var nameOf: [String: String] = [:]
        for id in Set(facilityOf.values) { nameOf[id] = try store.institutionName(id) }
        for (n, id) in facilityOf { out[n].facility = nameOf[id] }
        for t in try store.targets() { out += RecordRules.check(t) }
        for o in try store.observations() { out += RecordRules.check(o) }
        var seqs: [String: String] = [:]
        for s in try store.services() {
            let key = "\(s.regionCode)|\(s.seq)"
            if let other = seqs[key] {
                out.append(Finding(.warning, "services", row: s.id, column: "seq", value: String(s.seq),
                                   expected: "a number not used by another item of the same list (also \(other))"))
            } else { seqs[key] = s.id }
        }
        let known: Set<String> = ["population", "population_60plus", "urban_communities", "townships", "administrative_villages",
                                  "beds_institution_existing", "beds_community_fullcare_existing",
                                  "bed_gap_published", "nursing_bed_gap_published"] // the last two are shown on region pages
        var unusedMetrics: Set<String> = []
        for s in try store.regionStats() where !(s.value <= RecordRules.maxFigure) {
            out.append(Finding(.error, "region_stats", row: "\(s.regionCode), \(s.year), \(s.metric), \(s.kind)", column: "value", value: "\(s.value)",
                               expected: "a number of at most \(Int(RecordRules.maxFigure)) (no region has more people, places or beds)"))
        }
        for s in try store.regionStats() where !known.contains(s.metric) && !s.metric.hasSuffix("_reported") {
            unusedMetrics.insert(s.metric)
        }
        out += try incompleteYears(store)
        out += implausiblePeople(try store.regionStats())
        for m in unusedMetrics.sorted() {
            out.append(Finding(.warning, "region_stats", row: m, column: "metric", value: m,
                               expected: "a metric the indicators use (kept and published, but not computed with)"))
        }
        // The schema's column rules, for rows that got past SQLite's CHECK constraints; a cell
        // a rule above already described is not reported twice.
        let described = Set(out.map { "\($0.table)|\($0.row)|\($0.column)" })
        var facilityNames: [String: String?] = [:]
        for v in try store.ruleViolations() where !described.contains("\(v.table)|\(v.row)|\(v.column)") {
            var finding = Finding(.error, v.table, row: v.row, column: v.column, value: v.value, expected: v.expected)
            if let id = v.facilityID {
                if facilityNames[id] == nil { facilityNames[id] = try store.institutionName(id) }
                finding.facility = facilityNames[id] ?? nil
            }
            out.append(finding)
        }
        // Errors first, then by table and row, so reports are stable.
        return out.sorted { ($0.severity, $0.table, $0.row, $0.column) < ($1.severity, $1.table, $1.row, $1.column) }
    }

    /// Counts of people that cannot be right, which every per-1000 figure and the bed gap divide
    /// by: more people aged 60+ than people (an error), fewer than 100 people in a region, or a
    /// figure five times or more off the median of the region's other years (warnings): mostly figures typed in 万人.
    static func implausiblePeople(_ stats: [RegionStat]) -> [Finding] {
        let people = ["population", "population_60plus"]
        var out: [Finding] = []
        func figureText(_ v: Double) -> String { v == v.rounded() && v.magnitude < 1e15 ? String(Int64(v)) : String(v) }
        func row(_ s: RegionStat) -> String { "\(s.regionCode), \(s.year), \(s.metric), \(s.kind)" }
        let byRegion = Dictionary(grouping: stats.filter { people.contains($0.metric) && $0.value.isFinite }, by: \.regionCode)
        for code in byRegion.keys.sorted() {
            let rows = byRegion[code]!
            for old in rows where old.metric == "population_60plus" {
                // The population of the same year, of the same kind where there is one.
                let sameYear = rows.filter { $0.metric == "population" && $0.year == old.year }
                guard let all = sameYear.first(where: { $0.kind == old.kind }) ?? sameYear.first, old.value > all.value else { continue }
                out.append(Finding(.error, "region_stats", row: row(old), column: "value", value: figureText(old.value),
                                   expected: "at most the population of the same region and year (\(figureText(all.value))): check both figures' units (人, not 万人) and rows"))
            }
            for metric in people {
                let figures = rows.filter { $0.metric == metric }.sorted { ($0.year, $0.kind) < ($1.year, $1.kind) }
                // No region's people grow or shrink fivefold between the years a plan quotes: a
                // figure that far from the median of the region's figures (from the other one,
                // when there are two: either may be wrong) is another unit or a slip of a digit.
                let values = figures.map(\.value).sorted()
                let middle = values.isEmpty ? 0 : values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
                for f in figures {
                    let others = figures.filter { $0 != f }
                    let median = figures.count == 2 ? others[0].value : middle
                    if f.value < 100 {
                        out.append(Finding(.warning, "region_stats", row: row(f), column: "value", value: figureText(f.value),
                                           expected: "a number of people (人): fewer than 100 in a region is most likely a figure in 万人 (47 700 people written 4.77)"))
                    } else if figures.count >= 2, median >= 100, f.value * 5 <= median || f.value >= median * 5 {
                        out.append(Finding(.warning, "region_stats", row: row(f), column: "value", value: figureText(f.value),
                                           expected: "a figure near the region's other years (\(others.map { "\($0.year): \(figureText($0.value))" }.joined(separator: ", "))); five times or more off them is most likely another unit or a digit too many or too few"))
                    }
                }
            }
        }
        return out
    }

    /// The indicators use one year of a statistic for every region, so that regions compare
    /// (see `IndicatorEngine`): an actual figure most counties have but a few lack makes every
    /// region fall back to another year, often a projection. Staff who forgot one county's row
    /// learn it here instead of finding projections on every page.
    static func incompleteYears(_ store: DataStore) throws -> [Finding] {
        let regions = try store.regions()
        let asOfYear = (try? store.meta())?.dataAsOf.year ?? Int.max
        let parents = Set(regions.compactMap(\.parentCode))
        let leaves = regions.filter { !parents.contains($0.code) }
        guard leaves.count >= 2 else { return [] }
        let leafCodes = Set(leaves.map(\.code))
        // metric -> year -> counties with an actual figure of that year; metric -> counties with
        // any figure (the engine leaves a county with none out of the choice of year: it has no value).
        var have: [String: [Int: Set<String>]] = [:]
        var reporting: [String: Set<String>] = [:]
        for s in try store.regionStats() where leafCodes.contains(s.regionCode) && IndicatorEngine.statisticMetrics.contains(s.metric) {
            reporting[s.metric, default: []].insert(s.regionCode)
            if s.kind == "actual" && s.year <= asOfYear { have[s.metric, default: [:]][s.year, default: []].insert(s.regionCode) }
        }
        var out: [Finding] = []
        // A county without any figure of a statistic most counties have has no value for the
        // indicators made from it (and is left out of their totals' comparison).
        for metric in reporting.keys.sorted() {
            let none = leaves.filter { !reporting[metric]!.contains($0.code) }.sorted { $0.code < $1.code }
            guard !none.isEmpty, (leaves.count - none.count) * 2 >= leaves.count else { continue }
            let named = none.prefix(5).map { "\($0.name) \($0.code)" }.joined(separator: "、") + (none.count > 5 ? " …" : "")
            out.append(Finding(.warning, "region_stats", row: metric, column: "region_code", value: "\(leaves.count - none.count) of \(leaves.count) regions",
                               expected: "a figure for every county-level region: none for \(none.count) (\(named)), whose indicators made from \(metric) show no value; add their rows"))
        }
        for metric in have.keys.sorted() {
            let counties = leaves.filter { reporting[metric]!.contains($0.code) }
            // The latest year that at least half the counties have but not all.
            guard let (year, codes) = have[metric]!.filter({ $0.value.count * 2 >= counties.count && $0.value.count < counties.count })
                .max(by: { $0.key < $1.key }) else { continue }
            // A later year every county has is used anyway: nothing is lost.
            if have[metric]!.contains(where: { $0.key > year && $0.value.count == counties.count }) { continue }
            let missing = counties.filter { !codes.contains($0.code) }.sorted { $0.code < $1.code }
            let named = missing.prefix(5).map { "\($0.name) \($0.code)" }.joined(separator: "、") + (missing.count > 5 ? " …" : "")
            out.append(Finding(.warning, "region_stats", row: "\(metric), \(year)", column: "value", value: "\(codes.count) of \(counties.count) regions",
                               expected: "an actual \(year) figure for every county-level region: missing for \(missing.count) (\(named)), so no region's indicators use \(year) for \(metric): they fall back to another year, a projection or no value; add the missing rows"))
        }
        return out
    }
}

enum RegionRules {
    static func check(_ regions: [Region]) -> [Finding] {
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        var out: [Finding] = []
        for r in regions {
            guard let parentCode = r.parentCode, let parent = byCode[parentCode] else {
                if r.level != "province" {
                    out.append(Finding(.warning, "regions", row: r.code, column: "parent_code", value: r.parentCode ?? "",
                                       expected: "the code of the \(r.level == "county" ? "city" : "province") this region belongs to"))
                }
                continue
            }
            let expectedParent = r.level == "county" ? "city" : r.level == "city" ? "province" : ""
            // A parent of the same or a lower level (a city under one of its own counties) turns
            // the tree around: every page above it would lose its regions. Ranks rising along
            // parents also rule out a loop.
            let rank = ["county": 1, "city": 2, "province": 3]
            if rank[parent.level, default: 0] <= rank[r.level, default: 0] {
                out.append(Finding(.error, "regions", row: r.code, column: "parent_code", value: parentCode,
                                   expected: r.level == "province" ? "no parent (a province is the top level; leave parent_code empty)"
                                       : "a region of a higher level than this \(r.level) (a \(expectedParent); found \(parent.name), a \(parent.level))"))
                continue
            }
            if parent.level != expectedParent {
                out.append(Finding(.warning, "regions", row: r.code, column: "parent_code", value: parentCode,
                                   expected: "a \(expectedParent) (found a \(parent.level))"))
            }
            // GB/T 2260: a county shares its city's first four digits, a city its province's first two
            // (county-level cities under a province directly, such as 济源, are rare exceptions: a warning).
            let prefix = r.level == "county" ? 4 : 2
            if r.code.prefix(prefix) != parentCode.prefix(prefix) {
                out.append(Finding(.warning, "regions", row: r.code, column: "code", value: r.code,
                                   expected: "a code starting with \(parentCode.prefix(prefix)) like its parent \(parentCode) (GB/T 2260)"))
            }
        }
        return out
    }
}

enum InstitutionRules {
    /// Beds (or residents) no single facility has: the largest in China have a few thousand.
    static let maxBeds = 20_000
    /// Staff no single facility has.
    static let maxStaff = 10_000

    static func check(_ i: Institution, asOf: ISODate?, region: Region?) -> [Finding] {
        var out: [Finding] = []
        func add(_ s: Finding.Severity, _ column: String, _ value: String, _ expected: String) {
            out.append(Finding(s, "institutions", row: i.id, column: column, value: value, expected: expected))
        }
        if let p = USCC.problem(i.id) { add(.error, "id", i.id, "a unified social credit code with \(p)") }
        for f in PrivacyGuard.check(i) {
            add(.error, f.column, f.excerpt, "no \(f.kind.replacingOccurrences(of: "an ", with: "").replacingOccurrences(of: "a ", with: "")) in a facility's name or address (also its former names; only the phone column is published as a contact)")
        }
        let former = i.formerNames.joined(separator: Schema.formerNameSeparator)
        for (column, value) in [("name", i.name), ("former_names", former), ("address", i.address ?? "")] where value.unicodeScalars.contains("\u{FFFD}") {
            add(.error, column, value, "text without the replacement character \u{FFFD}, which means the file was read in the wrong encoding (import it again with the right --encoding, or save it from Excel as “CSV UTF-8”)")
        }
        // A name is published as typed (escaped on pages, guarded in the Excel download); one that
        // reads as a formula or as HTML is more likely pasted by mistake than the facility's name.
        if let first = i.name.unicodeScalars.first, "=+@".unicodeScalars.contains(first) {
            add(.warning, "name", i.name, "a facility's name as people know it: one starting with \(first) is what a spreadsheet reads as a formula; was a formula pasted instead of the name?")
        } else if i.name.contains("<") || i.name.contains(">") {
            add(.warning, "name", i.name, "a facility's name without < or >: they look like HTML code pasted into the cell (pages show them as text, never as code)")
        }
        // A former name the same as the name now: a cell filled in by mistake (the page would say it was renamed).
        if i.formerNames.contains(i.name) {
            add(.warning, "former_names", former, "earlier names of the facility (曾用名), not its name now (\(i.name)): leave it out of former_names")
        }
        if let region, region.level != "county" { add(.warning, "region_code", i.regionCode, "a county-level region (found a \(region.level))") }
        // Counts no facility reaches: a phone or ID-card number pasted into a number column,
        // or digits typed twice. Published, they would swamp every total of the site.
        for (column, value, limit) in [("beds_total", i.bedsTotal, InstitutionRules.maxBeds), ("beds_nursing", i.bedsNursing, InstitutionRules.maxBeds),
                                       ("residents", i.residents ?? 0, InstitutionRules.maxBeds), ("caregivers", i.caregivers ?? 0, InstitutionRules.maxStaff),
                                       ("caregivers_certified", i.caregiversCertified ?? 0, InstitutionRules.maxStaff),
                                       ("social_workers", i.socialWorkers ?? 0, InstitutionRules.maxStaff)] where value > limit {
            add(.error, column, "\(value)", "a count of at most \(limit) (no facility has more; a phone or ID-card number in the wrong column?)")
        }
        // Excel drops the leading 0 of a number typed into a cell not set to Text: 0357-5551234
        // typed as 03575551234 is kept as 3575551234, a number no one can call.
        if let phone = i.phone, phone.count >= 9, phone.count <= 11, phone.allSatisfy({ $0.isASCII && $0.isNumber }),
           !phone.hasPrefix("0"), !(phone.count == 11 && phone.hasPrefix("1")),
           !(phone.count == 10 && (phone.hasPrefix("400") || phone.hasPrefix("800"))) { // 400/800 service numbers
            add(.warning, "phone", phone, "a phone number with its area code starting with 0 (0\(phone)?) or an 11-digit mobile; Excel drops the leading 0 of a number in a cell not set to Text: set the column to Text and type it again")
        }
        // Written by another tool than import: full-width digits are no number a phone can dial.
        if let phone = i.phone, phone.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) }) {
            add(.warning, "phone", phone, "digits typed half-width (0357-5551234): the page links only such digits for one tap; import stores them so")
        }
        if i.bedsNursing > i.bedsTotal { add(.error, "beds_nursing", "\(i.bedsNursing)", "at most beds_total (\(i.bedsTotal))") }
        if let r = i.residents, r > i.bedsTotal, i.bedsTotal > 0 { add(.warning, "residents", "\(r)", "usually at most beds_total (\(i.bedsTotal)): more residents than beds, is one of the two cells wrong?") }
        if let c = i.caregiversCertified, c > (i.caregivers ?? 0) {
            add(.error, "caregivers_certified", "\(c)", "at most caregivers (\(i.caregivers.map(String.init) ?? "empty"))")
        }
        if i.category == "institution", i.bedsTotal == 0, i.status != "closed" {
            add(.warning, "beds_total", "0", "beds for a care institution in operation")
        }
        if i.status == "closed", let r = i.residents, r > 0 { add(.warning, "residents", "\(r)", "no residents in a closed facility") }
        switch (i.latitude, i.longitude) {
        case (nil, nil): break
        case (let lat?, let lon?):
            if !(3.8...53.6).contains(lat) || !(73.5...135.1).contains(lon) {
                add(.warning, "latitude", "\(lat), \(lon)", "a position in China (WGS 84 latitude 3.8–53.6, longitude 73.5–135.1); are latitude and longitude swapped?")
            }
        default: add(.error, "latitude", "\(i.latitude.map { "\($0)" } ?? ""), \(i.longitude.map { "\($0)" } ?? "")", "both latitude and longitude, or neither")
        }
        // Shown as given: the clerk hears whether to act (newer data want a new data date).
        let note = "the page shows it as it is; if the table holds data newer than data_as_of, set meta data_as_of to the day they were taken, otherwise correct this date"
        out += DateRules.date(i.openedOn, "institutions", i.id, "opened_on", notAfter: asOf.map { .init(date: $0, overridden: false) }, note: note)
        out += DateRules.date(i.updatedOn, "institutions", i.id, "updated_on", notAfter: asOf.map { .init(date: $0, overridden: false) }, note: note)
        return out
    }
}

enum DateRules {
    /// A real ISO date, warning when after the data date.
    /// The day the data are judged on: meta data_as_of, or a build's --as-of.
    struct Reference {
        let date: ISODate
        let overridden: Bool
        var name: String { overridden ? "the reference date (--as-of)" : "meta data_as_of" }
    }

    /// `unseen` names what the site leaves out while the date is after the reference day
    /// ("record"): staff who imported it before changing data_as_of hear that it is not shown.
    /// `note`: what a date after the reference day means otherwise (said after it).
    static func date(_ text: String?, _ table: String, _ row: String, _ column: String, notAfter reference: Reference? = nil,
                     unseen: String? = nil, note: String? = nil) -> [Finding] {
        guard let text else { return [] }
        guard let d = ISODate(text) else { return [Finding(.error, table, row: row, column: column, value: text, expected: "a date YYYY-MM-DD")] }
        if let reference, d > reference.date {
            let consequence = unseen.map { "; the site does not show this \($0) until \(reference.name) is \(d) or later" } ?? note.map { "; \($0)" } ?? ""
            let named = reference.overridden ? "the reference date (--as-of \(reference.date))" : "data_as_of (\(reference.date))"
            return [Finding(.warning, table, row: row, column: column, value: text, expected: "a date not after \(named)" + consequence)]
        }
        return []
    }

    /// `later` must not be before `earlier` (both valid dates).
    static func order(_ earlier: String?, _ later: String?, _ table: String, _ row: String, _ earlierName: String, _ laterName: String) -> [Finding] {
        guard let a = earlier.flatMap({ ISODate($0) }), let b = later.flatMap({ ISODate($0) }), b < a else { return [] }
        return [Finding(.error, table, row: row, column: laterName, value: later!, expected: "a date not before \(earlierName) (\(earlier!))")]
    }
}

enum RecordRules {
    /// A fine no decision reaches (yuan).
    static let maxFine = 100_000_000.0
    /// A region statistic, target or reported figure no region reaches (persons, beds, 人次).
    static let maxFigure = 100_000_000_000.0

    /// `reference`: the day the site is built for; a rating after it is not shown.
    static func check(_ r: Rating, asOf: ISODate?, reference: DateRules.Reference? = nil, category: String?) -> [Finding] {
        var out = DateRules.date(r.ratedOn, "ratings", r.id, "rated_on", notAfter: reference ?? asOf.map { .init(date: $0, overridden: false) }, unseen: "rating")
            + DateRules.date(r.validUntil, "ratings", r.id, "valid_until")
            + DateRules.date(r.withdrawnOn, "ratings", r.id, "withdrawn_on")
            + DateRules.order(r.ratedOn, r.validUntil, "ratings", r.id, "rated_on", "valid_until")
            + DateRules.order(r.ratedOn, r.withdrawnOn, "ratings", r.id, "rated_on", "withdrawn_on")
        if !(1...5).contains(r.level) {
            out.append(Finding(.error, "ratings", row: r.id, column: "level", value: "\(r.level)", expected: "1 (一级) to 5 (五级)"))
        }
        if let category, category != "institution" {
            out.append(Finding(.warning, "ratings", row: r.id, column: "institution_id", value: r.institutionID,
                               expected: "a care institution (GB/T 37276 rates institutions; this is a \(category))"))
        }
        if let a = ISODate(r.ratedOn), let b = ISODate(r.validUntil), b > a.adding(years: 3) {
            out.append(Finding(.warning, "ratings", row: r.id, column: "valid_until", value: r.validUntil,
                               expected: "at most 3 years after rated_on (a rating is reassessed every 3 years)"))
        }
        return out
    }

    /// Without a policy (no usable data date) every record is judged as disclosed.
    static func check(_ c: CreditRecord, policy: DisclosurePolicy?, reference: DateRules.Reference? = nil) -> [Finding] {
        var out = DateRules.date(c.decidedOn, "credit_records", c.id, "decided_on",
                                 notAfter: reference ?? policy.map { .init(date: $0.asOf, overridden: false) }, unseen: "record")
            + DateRules.date(c.discloseUntil, "credit_records", c.id, "disclose_until")
            + DateRules.date(c.repairedOn, "credit_records", c.id, "repaired_on")
            + DateRules.order(c.decidedOn, c.repairedOn, "credit_records", c.id, "decided_on", "repaired_on")
            + DateRules.order(c.decidedOn, c.discloseUntil, "credit_records", c.id, "decided_on", "disclose_until")
        func add(_ s: Finding.Severity, _ column: String, _ value: String, _ expected: String) {
            out.append(Finding(s, "credit_records", row: c.id, column: column, value: value, expected: expected))
        }
        if DisclosurePolicy.severityKinds.contains(c.kind) {
            if c.kind == "penalty", (c.documentNo ?? "").isEmpty { add(.error, "document_no", "", "the decision number (行政处罚决定书文号) of a penalty") }
            if c.severity == nil {
                add(.warning, "severity", "", c.kind == "blacklist" ? "serious (a blacklist entry is disclosed for the serious window whatever this says)"
                    : "ordinary or serious (it sets the disclosure window; ordinary is assumed)")
            }
        } else if c.severity != nil {
            add(.warning, "severity", c.severity!, "empty: severity applies to penalties, punishments and blacklist entries")
        }
        if c.fineYuan != nil, c.kind != "penalty" { add(.warning, "fine_yuan", "\(c.fineYuan!)", "a fine only on a penalty") }
        // A result the site cannot read as a pass or a finding is shown without a flag either way.
        if c.kind == "spot_check", let r = c.result, SpotCheck.outcome(r) == .unclear {
            add(.warning, "result", r, "a spot-check result that says it passed (合格, 符合要求 …) or what was found (不合格, 基本合格, 责令整改 …); "
                + "as it is, the site shows it as written and does not flag the facility")
        }
        if let fine = c.fineYuan, fine > RecordRules.maxFine {
            add(.error, "fine_yuan", String(format: "%.0f", fine), "a fine of at most 100,000,000 yuan (a phone or ID-card number in the wrong column, or a typing slip?)")
        }
        // The national repair rules (国家发展改革委令2023年第58号) publish a penalty for at most
        // 1 year (ordinary) or 3 years (serious): a longer disclose_until is probably a typing slip.
        if DisclosurePolicy.severityKinds.contains(c.kind), let until = c.discloseUntil.flatMap({ ISODate($0) }),
           let decided = ISODate(c.decidedOn) {
            let years = DisclosurePolicy.isSerious(c) ? 3 : 1
            if until > decided.adding(years: years) {
                add(.warning, "disclose_until", c.discloseUntil!,
                    "at most \(years) year(s) after decided_on for a\(years == 3 ? " serious" : "n ordinary") \(c.kind) (national credit-repair rules); check the date")
            }
        }
        // A record's key is published (its address, the feed's entry id): never a person's name.
        // Only a person's (most records are an organisation's: their name is not looked at).
        if c.subjectType == "person" {
            let personal = DisclosurePolicy.personalName(c.subjectName)
            // However the number parts the name (C-阿依古丽·买买提-01, 李-四-05).
            if personal.count >= 2, DisclosurePolicy.withoutSeparators(DisclosurePolicy.compactName(c.id)).contains(personal) {
                add(.error, "id", DisclosurePolicy.masking(Array(personal), in: PersonalNumbers.shown(c.id), with: DisclosurePolicy.maskPersonName(personal)),
                    "a record number without the person's name (the number is published: in the credit dataset and the feed)")
            }
            if !(2...4).contains(personal.count) {
                add(.warning, "subject_name", DisclosurePolicy.publicName(of: c), "a person's name of 2 to 4 characters (a role may follow in brackets; it is shown masked)")
            } else if DisclosurePolicy.hasOtherBracket(c.subjectName) {
                add(.warning, "subject_name", DisclosurePolicy.publicName(of: c),
                    "a person's name, and in brackets after it only a role such as 法定代表人 or 负责人 (other words there, a former name or a relative's, are masked with the name)")
            }
        }
        // Personal identifiers: an error when the record is public now, a warning otherwise
        // (it will stop the build on the day the record becomes public).
        let disclosed = policy?.isDisclosed(c) ?? true
        for f in PrivacyGuard.check(c) {
            add(disclosed ? .error : .warning, f.column, f.excerpt,
                "no \(f.kind.replacingOccurrences(of: "an ", with: "").replacingOccurrences(of: "a ", with: "")) in text that is published")
        }
        return out
    }

    static func check(_ t: Target) -> [Finding] {
        indicatorRow("targets", indicator: t.indicator, region: t.regionCode, year: t.year, value: t.value)
    }

    static func check(_ o: Observation) -> [Finding] {
        indicatorRow("observations", indicator: o.indicator, region: o.regionCode, year: o.year, value: o.value)
    }

    /// A target or reported value: a known indicator code, and percentages within 0–100.
    static func indicatorRow(_ table: String, indicator: String, region: String, year: Int, value: Double) -> [Finding] {
        let key = "\(indicator), \(region), \(year)"
        guard let def = IndicatorRegistry.definition(indicator) else {
            return [Finding(.error, table, row: key, column: "indicator", value: indicator, expected: "an indicator code listed in docs/schema.md")]
        }
        // A number no indicator reaches (all of China's people are 1.4 billion): a slip that
        // would otherwise overflow the figures computed from it.
        if !(value.magnitude <= RecordRules.maxFigure) {
            return [Finding(.error, table, row: key, column: "value", value: "\(value)", expected: value < 0
                ? "a number of at least -\(Int(RecordRules.maxFigure)) (far below any real figure: a slip?)"
                : "a number of at most \(Int(RecordRules.maxFigure))")]
        }
        if def.isPercent, !(0...100).contains(value) {
            return [Finding(.error, table, row: key, column: "value", value: "\(value)", expected: "a percentage between 0 and 100")]
        }
        // 0.95 for 95 %: a fraction typed where the percentage goes (Excel shows 95% for 0.95).
        if def.isPercent, value > 0, value < 1 {
            return [Finding(.warning, table, row: key, column: "value", value: "\(value)",
                            expected: "a percentage between 0 and 100, written without % (\(value) means \(value) %; for \(Int((value * 100).rounded())) % write \(Int((value * 100).rounded())))")]
        }
        return []
    }
}

/// Text compared and hashed as its UTF-8 bytes, in one go (a `String` key
/// normalises non-ASCII text to hash it; an `[UInt8]` key hashes byte by byte).
struct TextKey: Hashable {
    let bytes: [UInt8]
    init(_ text: String) { bytes = Array(text.utf8) }
    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}

/// A facility whose point lies far from the other facilities of its region: a mistyped or
/// swapped digit, coordinates of another datum or another place, or a wrong region_code. Its
/// page links that point to a map, so a family would be sent there.
enum PlaceRules {
    /// Below this many located facilities a region has no "usual" place to compare with.
    static let minimumFacilities = 5
    /// Far means more than this many times the region's usual distance from the middle, and at
    /// least `minimumKilometres` (a county is tens of kilometres across; a wrong degree is 111).
    static let factor = 5.0, minimumKilometres = 80.0

    struct Located {
        private var byRegion: [String: [(id: String, latitude: Double, longitude: Double)]] = [:]

        mutating func add(_ id: String, region: String, latitude: Double, longitude: Double) {
            // A point outside China is reported on its own row already.
            guard (3.8...53.6).contains(latitude), (73.5...135.1).contains(longitude) else { return }
            byRegion[region, default: []].append((id, latitude, longitude))
        }

        func strays() -> [Finding] {
            var out: [Finding] = []
            for (region, points) in byRegion.sorted(by: { $0.key < $1.key }) where points.count >= PlaceRules.minimumFacilities {
                // The middle as the median of each coordinate: one stray does not move it.
                let lat = median(points.map(\.latitude)), lon = median(points.map(\.longitude))
                let distances = points.map { PlaceRules.kilometres(lat, lon, $0.latitude, $0.longitude) }
                let usual = median(distances)
                let far = max(PlaceRules.minimumKilometres, PlaceRules.factor * usual)
                for (p, d) in zip(points, distances) where d > far {
                    out.append(Finding(.warning, "institutions", row: p.id, column: "latitude", value: "\(p.latitude), \(p.longitude)",
                                    expected: "a position near the other facilities of region \(region): this one is \(Int(d.rounded())) km from the middle of them (\(PlaceRules.format(lat)), \(PlaceRules.format(lon))), half of them are within \(Int(usual.rounded(.up))) km; its page links this point to a map, so check latitude and longitude (WGS 84, as GPS gives them) and region_code"))
                }
            }
            return out
        }

        private func median(_ values: [Double]) -> Double {
            let sorted = values.sorted(), n = sorted.count
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
    }

    /// Great-circle distance (haversine, mean Earth radius).
    static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = Double.pi / 180
        let a = pow(sin((lat2 - lat1) * r / 2), 2) + cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2)
        return 2 * 6371.0 * asin(min(1, a.squareRoot()))
    }

    static func format(_ degrees: Double) -> String { String(format: "%.4f", degrees) }
}
