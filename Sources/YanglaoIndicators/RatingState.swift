import YanglaoStore

/// What the public should read about an institution's rating on a date.
public enum RatingState: Sendable, Equatable {
    /// A valid rating: level 1–5.
    case current(Rating)
    /// The latest rating has passed its valid-until date.
    case expired(Rating)
    /// The latest rating was withdrawn.
    case withdrawn(Rating)
    /// Never rated: not the same as a low level.
    case unrated

    /// Decides from a full history (any order) as of `date`; ratings dated after it are ignored.
    public init(history: [Rating], asOf date: ISODate) {
        let known = history.filter { ISODate($0.ratedOn).map { $0 <= date } ?? false }
        guard let latest = known.max(by: { ($0.ratedOn, $0.id) < ($1.ratedOn, $1.id) }) else {
            self = .unrated
            return
        }
        if let w = latest.withdrawnOn.flatMap({ ISODate($0) }), w <= date { self = .withdrawn(latest) }
        else if let until = ISODate(latest.validUntil), until < date { self = .expired(latest) }
        else { self = .current(latest) }
    }

    /// The valid level, or nil when there is none.
    public var currentLevel: Int? {
        if case .current(let r) = self { return r.level }
        return nil
    }

    /// The state of one decision of `history`, whose overall state is `self`: `withdrawn`,
    /// `current`, `expired` (it ran out before any later rating) or `superseded` (a later
    /// rating replaced it while it was still valid: a 2021 level replaced in May 2023 did not
    /// "expire" in September 2023, and counting it as expired miscounts the lapsed homes).
    public func decisionState(_ r: Rating, in history: [Rating], asOf date: ISODate) -> String {
        if let w = r.withdrawnOn.flatMap({ ISODate($0) }), w <= date { return "withdrawn" }
        if case .current(let c) = self, c.id == r.id { return "current" }
        let until = ISODate(r.validUntil)
        let replacedWhileValid = history.contains { later in
            guard later.id != r.id, (later.ratedOn, later.id) > (r.ratedOn, r.id),
                  let on = ISODate(later.ratedOn), on <= date else { return false }
            return until.map { on <= $0 } ?? true
        }
        if replacedWhileValid { return "superseded" }
        if let until, until < date { return "expired" }
        return "superseded"
    }

    /// Chinese numeral for a level: 一级 … 五级.
    public static func levelName(_ level: Int) -> String {
        let names = ["一级", "二级", "三级", "四级", "五级"]
        return (1...5).contains(level) ? names[level - 1] : "\(level)级"
    }

    /// Plain label including the state, e.g. "三级", "已过有效期（原二级）", "未评级". A rating no
    /// longer valid leads with that, so a quick reader does not take the level for a current one.
    public var label: String {
        switch self {
        case .current(let r): Self.levelName(r.level)
        case .expired(let r): "已过有效期（原\(Self.levelName(r.level))）"
        case .withdrawn(let r): "已撤销（原\(Self.levelName(r.level))）"
        case .unrated: "未评级"
        }
    }
}
