import Foundation
/// A calendar date without time or zone, as stored in the database (`YYYY-MM-DD`).
///
/// Day arithmetic uses the proleptic Gregorian day count (Howard Hinnant's
/// `days_from_civil`), so no time zone or locale can shift a date.
public struct ISODate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses exactly `YYYY-MM-DD` with a real calendar day; nil otherwise.
    public init?(_ text: String) {
        // Read in place (no array per date: a national build parses millions of them).
        guard let parsed = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Self.parse(Array(text.utf8)) else { return nil }
        (year, month, day) = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1...12).contains(m), d >= 1, d <= ISODate.daysIn(month: m, year: y) else { return nil }
        return (y, m, d)
    }

    private static func parse(_ bytes: [UInt8]) -> (Int, Int, Int)? { bytes.withUnsafeBufferPointer(parse) }

    /// Today in UTC, from the clock: for sanity checks only, never for what a build writes.
    public static var today: ISODate { ISODate(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))) }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> ISODate { ISODate(dayNumber: dayNumber + days) }

    /// A date as staff write it: 2024-06-30, 2024/6/30, 2024.6.30 or 2024年6月30日 (as the
    /// importer reads date cells).
    public init?(written text: String) {
        guard let iso = RowChecker.isoDate(RowChecker.halfWidth(text.trimmingCharacters(in: .whitespaces))) else { return nil }
        self.init(iso)
    }

    /// More than a month after today: a data date no one can have yet (a mistyped year).
    /// Import, validation and build all refuse such a `data_as_of` (the only rule reading the clock).
    /// No data of a site this tool publishes are older: the data's dates start here.
    public static let earliestData = ISODate("2000-01-01")!

    public var isFarAhead: Bool { self > ISODate.today.adding(days: 31) }

    /// What a `data_as_of` that `isFarAhead` must be instead.
    public static var farAheadExpectation: String {
        "the date the data were taken, at the latest \(ISODate.today.adding(days: 31)) (today is \(ISODate.today); a mistyped year?)"
    }

    /// The corresponding day `months` later, or the last day of that month when it has
    /// none (31 January + 1 month = 28 or 29 February), as the Civil Code counts periods.
    public func adding(months: Int) -> ISODate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return ISODate(unchecked: y, m, min(day, ISODate.daysIn(month: m, year: y)))
    }

    /// The same day `years` later (29 February becomes 28 February).
    public func adding(years: Int) -> ISODate {
        let y = year + years
        let d = min(day, ISODate.daysIn(month: month, year: y))
        return ISODate(unchecked: y, month, d)
    }

    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: ISODate, b: ISODate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    private init(unchecked y: Int, _ m: Int, _ d: Int) { year = y; month = m; day = d }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
