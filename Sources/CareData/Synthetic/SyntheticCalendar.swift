import Tabular

/// Date arithmetic and formatting on days since 1970-01-01 (via ``Tabular/CivilDate``).
enum SyntheticCalendar {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
        (CivilDate(year: year, month: month, day: day) ?? CivilDate(daysSinceEpoch: 0)).daysSinceEpoch
    }

    /// The date `years` calendar years after `date` (29 February maps to 28 February in common years).
    static func adding(years: Int, to date: Int) -> Int {
        let d = CivilDate(daysSinceEpoch: date)
        let day = min(d.day, CivilDate.daysInMonth(year: d.year + years, month: d.month))
        return (CivilDate(year: d.year + years, month: d.month, day: day) ?? d).daysSinceEpoch
    }

    /// `dd/mm/yyyy` (SSDA903).
    static func ukString(_ date: Int) -> String {
        let d = CivilDate(daysSinceEpoch: date)
        return pad(d.day) + "/" + pad(d.month) + "/" + String(d.year)
    }

    /// `yyyy-mm-dd` (CIN census, xs:date).
    static func isoString(_ date: Int) -> String { CivilDate(daysSinceEpoch: date).isoString }

    /// Parses `dd/mm/yyyy`; nil for anything else.
    static func parseUK(_ text: Substring) -> Int? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return date.daysSinceEpoch
    }

    /// Parses `yyyy-mm-dd`; nil for anything else.
    static func parseISO(_ text: Substring) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return date.daysSinceEpoch
    }

    private static func pad(_ x: Int) -> String { x < 10 ? "0" + String(x) : String(x) }
}

extension SyntheticCalendar {
    static func yearOf(_ date: Int) -> Int { CivilDate(daysSinceEpoch: date).year }
}

extension SyntheticCalendar {
    /// A duration in days rounded to the nearest day and capped at 100,000 days (274 years), so that extreme
    /// user-supplied durations (or an infinite draw) cannot overflow `Int`; every simulated childhood is shorter.
    static func days(_ x: Double) -> Int {
        guard x.isFinite else { return x > 0 ? 100_000 : 0 }
        return Int(min(max(x, 0), 100_000).rounded())
    }
}
