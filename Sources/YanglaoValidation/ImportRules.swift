import YanglaoIndicators
import YanglaoStore

extension Validator {
    /// Rules of `yanglao validate` that `yanglao import` applies cell by cell, so a file
    /// that the build would refuse never gets in and the report names its line:
    /// indicator codes of targets and observations, counts and fines no row has, and
    /// personal identifiers in the published text of credit records and facilities.
    public static let importRules: ExtraCellRule = { table, column, text in
        if table == "targets" || table == "observations", column == "indicator", IndicatorRegistry.definition(text) == nil {
            let hint = closestIndicator(to: text).map { " (did you mean \($0)?)" } ?? ""
            return ("is not an indicator code", "an indicator code listed in docs/schema.md\(hint)", nil)
        }
        // Numbers no single row has (the limits `validate` applies), given here as digits.
        if let limit = plausibleMaximum[table]?[column], let n = Double(text), n.magnitude > limit {
            return ("is more than \(Int(limit))", column == "fine_yuan"
                        ? "a fine of at most \(Int(limit)) yuan (a phone or ID-card number in the wrong column, or a typing slip?)"
                        : table == "institutions"
                        ? "a count of at most \(Int(limit)) (no facility has more; a phone or ID-card number in the wrong column?)"
                        : "a figure of at most \(Int(limit)) (no region has more people, places or beds; a typing slip?)",
                    PersonalNumbers.shown(text))
        }
        if table == "institutions", column == "phone", PrivacyGuard.identifierKind(in: text) == PrivacyGuard.idCard {
            return ("contains what looks like \(PrivacyGuard.idCard)", "the facility's own phone number", maskedExcerpt(text))
        }
        if publishedText[table]?.contains(column) == true, let kind = PrivacyGuard.identifierKind(in: text) {
            // The message shows where the number is, not the number.
            return ("contains what looks like \(kind)", "published text without personal identifiers; remove the number and import again",
                    maskedExcerpt(text))
        }
        return nil
    }

    /// The text around its first long number, its middle digits masked (see `PersonalNumbers`).
    static func maskedExcerpt(_ text: String) -> String { PersonalNumbers.maskedExcerpt(text) }

    /// The largest count or amount a row may hold (`InstitutionRules`, `RecordRules`).
    static let plausibleMaximum: [String: [String: Double]] = [
        "institutions": ["beds_total": Double(InstitutionRules.maxBeds), "beds_nursing": Double(InstitutionRules.maxBeds),
                         "residents": Double(InstitutionRules.maxBeds), "caregivers": Double(InstitutionRules.maxStaff),
                         "caregivers_certified": Double(InstitutionRules.maxStaff), "social_workers": Double(InstitutionRules.maxStaff)],
        "credit_records": ["fine_yuan": RecordRules.maxFine],
        "region_stats": ["value": RecordRules.maxFigure], "targets": ["value": RecordRules.maxFigure],
        "observations": ["value": RecordRules.maxFigure],
    ]

    /// The published text `PrivacyGuard` checks for personal numbers: every text column the site
    /// or its datasets show, but codes, dates and words from fixed lists, and a facility's own
    /// office phone (any number the facility chose to publish). Credit records are checked only
    /// while disclosed (by the validator; the importer checks every row it takes).
    static let publishedText: [String: Set<String>] = [
        // Keys too: a record's id is in its dataset row, the feed and the services page.
        "credit_records": ["id", "subject_name", "document_no", "authority", "reason", "basis", "result"],
        "institutions": ["name", "address"],
        "meta": ["value"],
        "regions": ["name"],
        "region_stats": ["metric", "source"],
        "ratings": ["id", "assessor", "document_no"],
        "services": ["id", "target_group", "name", "content", "department"],
        "targets": ["source"],
        "observations": ["source"],
    ]

    /// The registered code nearest to a mistyped one (at most a third of it changed), if any.
    static func closestIndicator(to text: String) -> String? { IndicatorRegistry.nearest(to: text) }
}
