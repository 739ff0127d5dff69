public import CareData
public import Tabular

/// The sufficient statistics of the stock–flow model over a reference window [start, origin): time at risk
/// (child-months) and events by state (DfE age band × ``StockFlowPlacement``), entrants by age band (unaccompanied
/// asylum-seeking children apart), and the stock on the origin date by age in completed months and group.
///
/// Built from periods of care (``PeriodsOfCare/build(_:)``) and dates of birth, or directly (simulation studies).
/// Time after the 18th birthday is not at risk and an exit on or after it is ageing out, not an exit.
///
/// UASC (``StockFlowUASCSource``): with the SSDA903 UASC table, a period is a UASC entry when its child is listed
/// and had not ceased to be UASC (DUC) by the period's start. Without it, a period is counted as a UASC entry
/// when its first episode is section 20 (LS V2) with category of need N8 (absent parenting) at age 10 or over —
/// the codes unaccompanied children almost always carry: a proxy. The output states which was used.
public struct StockFlowObservations: Sendable, Equatable {
    /// How the UASC entrants were identified.
    public var uascSource: StockFlowUASCSource.Kind = .proxy
    /// Length of the window in months (days / (365.25/12)).
    public var months: Double
    /// Child-months at risk by state (band × group).
    public var exposure: [Double]
    /// Distinct children with time at risk in each state.
    public var children: [Int]
    /// Placement moves from a state to a group: [state × groups + to] (the diagonal is always 0).
    public var moves: [Int]
    /// Exits before 18 by state and route: [state × routes + route].
    public var exits: [Int]
    /// Entrants (start of a period of care before 18) by age band at entry, UASC excluded.
    public var entrants: [Int]
    /// UASC entrants by age band (see the type's note on the proxy).
    public var uascEntrants: [Int]
    /// Entrants (all) by band × first placement group.
    public var entryPlacements: [Int]
    /// Entrants (all) by age in completed years at entry, 0..<18.
    public var entryAges: [Int]
    /// Children in care on the origin date by age in completed months × group: [ageMonth × groups + group].
    public var stock: [Int]
    /// Children left out for want of a date of birth.
    public var childrenWithoutBirthDate: Int

    public init(months: Double) {
        let s = StockFlowStates.self
        self.months = months
        exposure = Array(repeating: 0, count: s.count)
        children = Array(repeating: 0, count: s.count)
        moves = Array(repeating: 0, count: s.count * s.groups)
        exits = Array(repeating: 0, count: s.count * s.routes)
        entrants = Array(repeating: 0, count: s.bands)
        uascEntrants = Array(repeating: 0, count: s.bands)
        entryPlacements = Array(repeating: 0, count: s.count)
        entryAges = Array(repeating: 0, count: 18)
        stock = Array(repeating: 0, count: s.ageMonths * s.groups)
        childrenWithoutBirthDate = 0
    }

    /// The stock on the origin date by group.
    public var stockByGroup: [Int] {
        var g = [Int](repeating: 0, count: StockFlowStates.groups)
        for (i, n) in stock.enumerated() { g[i % StockFlowStates.groups] += n }
        return g
    }

    /// Days per month used for exposure: the mean Gregorian month.
    public static let daysPerMonth = 365.2425 / 12

    /// Whether a period is counted as an unaccompanied asylum-seeking child's (the proxy in the type's note).
    public static func isUASC(_ period: PeriodOfCare, ageAtEntry: Int) -> Bool {
        guard let first = period.episodes.first else { return false }
        return first.legalStatus == .section20Single && first.categoryOfNeed == .absentParenting && ageAtEntry >= 10
    }

    /// The statistics of `periods` over [start, origin). `birthDates` gives each child's DOB; periods of
    /// children without one are left out and counted. `uasc` says how UASC entrants are identified (default: the
    /// proxy). Complexity: O(episodes + periods).
    public static func build(periods: [PeriodOfCare], birthDates: [ChildKey: CivilDate], start: CivilDate,
                             origin: CivilDate, uasc: StockFlowUASCSource = .proxy) -> StockFlowObservations {
        let S = StockFlowStates.self
        var o = StockFlowObservations(months: Double(start.days(to: origin)) / daysPerMonth)
        o.uascSource = uasc.kind
        var missing = Set<ChildKey>()
        var childStates: [ChildKey: UInt32] = [:]
        for p in periods {
            guard let dob = birthDates[p.key] else { missing.insert(p.key); continue }
            let eighteen = dob.adding(months: 216)
            let periodEnd = p.end ?? origin
            guard p.start <= origin, periodEnd >= start, p.start < eighteen else { continue }
            let groups = p.episodes.map { StockFlowPlacement($0.placement) }
            // Episode segments [from, to) with their group.
            var mask: UInt32 = 0
            for (i, e) in p.episodes.enumerated() {
                let from = max(e.decom.date ?? p.start, p.start)
                let to = i + 1 < p.episodes.count ? (p.episodes[i + 1].decom.date ?? periodEnd) : periodEnd
                let a = max(from, start), b = min(min(to, origin), eighteen)
                if a < b {
                    // Split at band birthdays. The age is in completed months by the rule of
                    // `CivilDate.adding(months:)`, the rule the next birthday is computed by: with `age(on:)` a child
                    // born on 29 February is still the younger age on the 28 February `adding` gives as the
                    // birthday, so the segment never advanced (an endless loop at national scale).
                    var cursor = a
                    while cursor < b {
                        let band = S.band(ageYears: max(0, ageYears(dob: dob, on: cursor)))
                        let nextBirthday = dob.adding(months: 12 * S.bandYears[band].upperBound)
                        let stop = min(b, max(nextBirthday, cursor.adding(days: 1)))
                        let state = S.index(band: band, group: groups[i].rawValue)
                        o.exposure[state] += Double(cursor.days(to: stop)) / daysPerMonth
                        mask |= 1 << UInt32(state)
                        cursor = stop
                    }
                }
                // A move at `to` into the next episode's group.
                if i + 1 < p.episodes.count, groups[i + 1] != groups[i], to >= start, to < origin, to < eighteen {
                    let state = S.index(band: S.band(ageYears: ageYears(dob: dob, on: to)), group: groups[i].rawValue)
                    o.moves[state * S.groups + groups[i + 1].rawValue] += 1
                }
            }
            if mask != 0 { childStates[p.key, default: 0] |= mask }
            if let end = p.end, end >= start, end < origin, end < eighteen, let last = groups.last {
                let state = S.index(band: S.band(ageYears: ageYears(dob: dob, on: end)), group: last.rawValue)
                o.exits[state * S.routes + CareExitRoute(p.endReason).rawValue] += 1
            }
            if p.start >= start, p.start < origin, let firstGroup = groups.first {
                let age = ageYears(dob: dob, on: p.start)
                if age >= 0 && age < 18 {
                    let band = S.band(ageYears: age)
                    if uasc.isUASC(p, ageAtEntry: age) { o.uascEntrants[band] += 1 } else { o.entrants[band] += 1 }
                    o.entryPlacements[S.index(band: band, group: firstGroup.rawValue)] += 1
                    o.entryAges[age] += 1
                }
            }
            if p.start <= origin, p.end.map({ origin < $0 }) ?? true, origin < eighteen,
               let e = p.episode(on: origin) {
                let months = ageInMonths(dob: dob, on: origin)
                if months >= 0 && months < S.ageMonths {
                    o.stock[months * S.groups + StockFlowPlacement(e.placement).rawValue] += 1
                }
            }
        }
        for mask in childStates.values {
            for s in 0..<S.count where mask & (1 << UInt32(s)) != 0 { o.children[s] += 1 }
        }
        o.childrenWithoutBirthDate = missing.count
        return o
    }

    /// Age in completed years on `date` by the rule of ``ageInMonths(dob:on:)`` (−1 before birth). Every age of
    /// the window statistics uses it, so that the band of a day agrees with the birthdays `adding(months:)` gives
    /// (a child born on 29 February turns one on 28 February in a common year).
    public static func ageYears(dob: CivilDate, on date: CivilDate) -> Int {
        let m = ageInMonths(dob: dob, on: date)
        return m < 0 ? -1 : m / 12
    }

    /// Age in completed months on `date` (the month-day rule of ``CivilDate/adding(months:)``).
    public static func ageInMonths(dob: CivilDate, on date: CivilDate) -> Int {
        var m = (date.year - dob.year) * 12 + (date.month - dob.month)
        if dob.adding(months: m) > date { m -= 1 }
        return m
    }

    /// Children in care on each date by group ([date][group]), before their 18th birthday: the observed stock
    /// the projections are compared with. Only the dates within a period are visited (the dates are sorted
    /// first), so the cost is O(dates log dates + periods × (log dates + dates the period spans)).
    public static func stock(periods: [PeriodOfCare], birthDates: [ChildKey: CivilDate], on dates: [CivilDate]) -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: StockFlowStates.groups), count: dates.count)
        let order = dates.indices.sorted { dates[$0] < dates[$1] }
        let sorted = order.map { dates[$0] }
        for p in periods {
            if let end = p.end, let first = sorted.first, end <= first { continue }
            guard let dob = birthDates[p.key] else { continue }
            let eighteen = dob.adding(months: 216)
            // The first date on or after the period's start.
            var lo = 0, hi = sorted.count
            while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < p.start { lo = mid + 1 } else { hi = mid } }
            for j in lo..<sorted.count {
                let d = sorted[j]
                if let end = p.end, d >= end { break }
                if d >= eighteen { break }
                if let e = p.episode(on: d) { counts[order[j]][StockFlowPlacement(e.placement).rawValue] += 1 }
            }
        }
        return counts
    }
}

/// Where the stock–flow model's UASC entrants come from: the SSDA903 UASC table or the proxy
/// (``StockFlowObservations``'s note).
public enum StockFlowUASCSource: Sendable, Equatable {
    /// First episode section 20 (V2) with category of need N8 at age 10 or over.
    case proxy
    /// The UASC table: each listed child with the date they ceased to be UASC (nil: not ceased). Keys carry the
    /// LA when the table has an LA column; without one (`byChildOnly`), children are matched on CHILD alone.
    case table(ceased: [ChildKey: CivilDate?], byChildOnly: Bool)

    public enum Kind: Sendable, Equatable { case proxy, table }

    public var kind: Kind {
        switch self {
        case .proxy: .proxy
        case .table: .table
        }
    }

    /// The table's records keyed for matching (an LA column is used when any record has an LA).
    public static func table(_ records: [SSDA903UASCRecord]) -> StockFlowUASCSource {
        let byChildOnly = records.allSatisfy { $0.la.isEmpty }
        var ceased: [ChildKey: CivilDate?] = [:]
        for r in records { ceased[ChildKey(la: byChildOnly ? "" : r.la, child: r.child)] = r.ceased }
        return .table(ceased: ceased, byChildOnly: byChildOnly)
    }

    /// Whether `period` (started at `ageAtEntry`) is a UASC entry: listed in the table and not ceased to be UASC
    /// by the period's start, or — the proxy — V2 with N8 at 10 or over.
    public func isUASC(_ period: PeriodOfCare, ageAtEntry: Int) -> Bool {
        switch self {
        case .proxy:
            return StockFlowObservations.isUASC(period, ageAtEntry: ageAtEntry)
        case let .table(ceased, byChildOnly):
            let key = byChildOnly ? ChildKey(la: "", child: period.key.child) : period.key
            guard let entry = ceased[key] else { return false }
            guard let date = entry else { return true }
            return period.start < date
        }
    }

    /// Children listed in the table who have no period among `periods` (0 for the proxy).
    public func unmatched(in periods: [PeriodOfCare]) -> Int {
        guard case let .table(ceased, byChildOnly) = self else { return 0 }
        var found = Set<ChildKey>()
        for p in periods {
            let key = byChildOnly ? ChildKey(la: "", child: p.key.child) : p.key
            if ceased[key] != nil { found.insert(key) }
        }
        return ceased.count - found.count
    }
}
