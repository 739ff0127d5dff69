public import Tabular

/// The end of the period a data set covers: dates after it are validation failures (`after-data-end`), and it is
/// the default censoring date of the derivations. Either given (`--end-date`, `--collection-year`) or inferred
/// from the data, and then always stated, because an inferred end is only as good as the records it came from.
///
/// Inference (``inferred(returnYears:startDates:)``) never reads end dates (DEC, CINclosureDate): one DEC typed
/// as 2030 would otherwise lengthen the follow-up of every other record. It uses, in this order,
/// - the return years (SSDA903 `YEAR`, CIN `CensusYear`): 31 March of the latest;
/// - else the start dates (DECOM, CINreferralDate): 31 March of the collection year of the latest, because a
///   return covers its year up to 31 March whether or not anything happened in its last days;
/// in both cases after setting aside stray years (``latestSupportedYear(_:)``).
public struct DataEnd: Sendable, Hashable, CustomStringConvertible {
    /// How the end was set.
    public enum Basis: Sendable, Hashable {
        /// Given as a date (`--end-date`).
        case endDate
        /// Given as a collection year (`--collection-year`): 31 March of that year.
        case collectionYear(Int)
        /// Inferred: 31 March of the latest return year (YEAR or CensusYear) in the data.
        case returnYear(Int)
        /// Inferred: 31 March of the collection year of the latest start date (DECOM or CINreferralDate) in the
        /// data, which is given.
        case latestStart(CivilDate)
    }

    /// The last day covered.
    public var date: CivilDate
    public var basis: Basis
    /// Return years set aside as strays by the inference (nil: none, or the end was given).
    public var strayYears: [Int]

    public init(date: CivilDate, basis: Basis, strayYears: [Int] = []) {
        self.date = date
        self.basis = basis
        self.strayYears = strayYears
    }

    /// The end given as a date.
    public static func given(_ date: CivilDate) -> DataEnd { DataEnd(date: date, basis: .endDate) }

    /// The end given as a collection year: 31 March of `year`.
    public static func collectionYear(_ year: Int) -> DataEnd {
        DataEnd(date: .thirtyFirstMarch(year), basis: .collectionYear(year))
    }

    /// Whether the user gave the end (not inferred).
    public var isGiven: Bool {
        switch basis {
        case .endDate, .collectionYear: true
        case .returnYear, .latestStart: false
        }
    }

    /// The end and where it came from, e.g. "2018-03-31 (31 March of the collection year of the latest DECOM,
    /// 2018-01-01; inferred: give --end-date or --collection-year to set it)".
    public var description: String {
        let how: String = switch basis {
        case .endDate: "given by --end-date"
        case .collectionYear(let y): "31 March of collection year \(y), as given"
        case .returnYear(let y): "31 March of the latest return year in the data, \(y); inferred"
        case .latestStart(let d): "31 March of the collection year of the latest start date in the data, \(d.isoString); inferred"
        }
        var s = "\(date.isoString) (\(how)"
        if !strayYears.isEmpty {
            s += "; stray year\(strayYears.count == 1 ? "" : "s") \(strayYears.map(String.init).joined(separator: ", ")) set aside"
        }
        if !isGiven { s += "; give --end-date or --collection-year to set it" }
        return s + ")"
    }

    /// The largest share of all values that a group of trailing years may hold and still be set aside as strays.
    /// A real return has records in every year it spans, so years beyond an empty collection year that hold a
    /// sliver of the records are typing errors (2030 for 2013); 5% keeps a tiny file's genuine later years (one
    /// child of two is 50%) while setting aside one bad record among twenty or more.
    public static let strayShare = 0.05

    /// The latest year of `years` once stray trailing years are set aside, and the strays: scanning down from
    /// the latest year, the years above a gap of at least one empty year are strays when together they hold at
    /// most ``strayShare`` of the values; the lowest such gap is used. Nil for no values.
    /// Complexity: O(n + k log k) for n values in k distinct years.
    public static func latestSupportedYear(_ years: [Int]) -> (year: Int, strays: [Int])? {
        var counts: [Int: Int] = [:]
        for y in years { counts[y, default: 0] += 1 }
        return latestSupportedYear(counts: counts)
    }

    /// ``latestSupportedYear(_:)`` from the number of values in each year (a file read year by year keeps only
    /// these counts).
    public static func latestSupportedYear(counts: [Int: Int]) -> (year: Int, strays: [Int])? {
        let total = counts.values.reduce(0, +)
        let distinct = counts.keys.sorted()
        guard var top = distinct.indices.last else { return nil }
        var above = 0, cut: Int?
        for i in stride(from: distinct.count - 1, to: 0, by: -1) {
            above += counts[distinct[i]] ?? 0
            guard Double(above) <= strayShare * Double(total) else { break }
            if distinct[i] - distinct[i - 1] >= 2 { cut = i - 1 }
        }
        if let cut { top = cut }
        return (distinct[top], Array(distinct[(top + 1)...]))
    }

    /// The inferred end: from `returnYears` when any is given, else from `startDates` (see the type's
    /// documentation). Nil when there is neither.
    public static func inferred(returnYears: [Int], startDates: [CivilDate]) -> DataEnd? {
        if let (y, strays) = latestSupportedYear(returnYears) {
            return DataEnd(date: .thirtyFirstMarch(y), basis: .returnYear(y), strayYears: strays)
        }
        guard let (y, strays) = latestSupportedYear(startDates.map(\.collectionYear)) else { return nil }
        let end = CivilDate.thirtyFirstMarch(y)
        let latest = startDates.filter { $0 <= end }.max() ?? end
        return DataEnd(date: end, basis: .latestStart(latest), strayYears: strays)
    }

    /// ``inferred(returnYears:startDates:)`` from counts: the number of records per return year, the number of
    /// start dates (from 1900) per collection year and the latest start date in each collection year. Same
    /// result, without keeping one value per record.
    public static func inferred(returnYearCounts: [Int: Int], startYearCounts: [Int: Int],
                                latestStartByYear: [Int: CivilDate]) -> DataEnd? {
        if let (y, strays) = latestSupportedYear(counts: returnYearCounts) {
            return DataEnd(date: .thirtyFirstMarch(y), basis: .returnYear(y), strayYears: strays)
        }
        guard let (y, strays) = latestSupportedYear(counts: startYearCounts) else { return nil }
        let end = CivilDate.thirtyFirstMarch(y)
        let latest = latestStartByYear.filter { $0.key <= y }.values.max() ?? end
        return DataEnd(date: end, basis: .latestStart(latest), strayYears: strays)
    }

    /// The collection year holding the end.
    public var collectionYear: Int { date.collectionYear }
}
