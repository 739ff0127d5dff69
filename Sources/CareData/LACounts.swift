public import Tabular

/// The `la-counts` derived datasets: stock and flow counts per local authority.
public enum LACounts {
    /// Per LA and collection year Y (1 April Y−1 to 31 March Y), counting distinct children:
    /// - `cla_at31`: in a period of care on 31 March Y (start ≤ 31/3/Y < end, or open), excluding children whose
    ///   episode on that day is a short-break legal status V3/V4 (the DfE convention);
    /// - `cla_starts` / `cla_ends`: with a period starting / ending in the year (periods made only of V3/V4
    ///   episodes are left out; a child is counted once however many periods, as DfE counts children);
    /// - `cpp_at31`: on a child protection plan on 31 March Y (CPPstartDate ≤ 31/3/Y < CPPendDate, or no end);
    /// - `cpp_starts`: with a CPPstartDate in the year;
    /// - `cin_at31`: in an open CIN episode on 31 March Y (referral ≤ 31/3/Y < closure, or no closure).
    /// An unclosed CIN episode or plan counts at 31 March Y only if its latest census record is from year Y or
    /// later (an episode that left the census without a closure date is not counted for ever).
    /// Years run from the earliest to the latest collection year in `years`, or, when nil, those spanned by the
    /// data up to `censorDate`. Zero counts are written as 0; unknown counts are missing, never 0: the CIN
    /// columns of an LA and year outside the census years its CIN records come from (`censusYears`, default
    /// the census years of `cin`; so every CIN column when no CIN data was given, and the years before the
    /// census starts), and the SSDA903 columns of an LA with no period of care. Complexity: O((p + c) × years).
    public static func annual(periods: [PeriodOfCare], cin: [CINEpisode], censusYears: [String: Set<Int>]? = nil,
                              censorDate: CivilDate, years: ClosedRange<Int>? = nil) throws(CareDataError) -> DataFrame {
        let coverage = censusYears ?? cin.reduce(into: [String: Set<Int>]()) { c, e in
            if let y = e.censusYear { c[e.la, default: []].insert(y) }
        }
        let periodLAs = Set(periods.map(\.key.la))
        let starts = periods.map(\.start.collectionYear) + cin.compactMap { $0.referralDate.date?.collectionYear }
        guard let first = years?.lowerBound ?? starts.min() else { return try annualFrame([]) }
        let last = years?.upperBound ?? censorDate.collectionYear
        guard first <= last else { return try annualFrame([]) }
        let las = Set(periods.map(\.key.la) + cin.map(\.la)).sorted()
        var rows: [(String, Int, [Int?])] = []
        for la in las {
            let ps = periods.filter { $0.key.la == la && !$0.isShortBreaksOnly }
            let cs = cin.filter { $0.la == la && $0.child != nil }
            for y in first...last {
                let m31 = CivilDate.thirtyFirstMarch(y)
                let yearStart = CivilDate.thirtyFirstMarch(y - 1).adding(days: 1)
                func inYear(_ d: CivilDate?) -> Bool { d.map { $0 >= yearStart && $0 <= m31 } ?? false }
                let claAt31 = Set(ps.filter { p in
                    guard let e = p.episode(on: m31) else { return false }
                    return !(e.legalStatus?.isShortBreak ?? false)
                }.map(\.key))
                let claStarts = Set(ps.filter { inYear($0.start) }.map(\.key))
                let claEnds = Set(ps.filter { inYear($0.end) }.map(\.key))
                func reported(_ e: CINEpisode) -> Bool { (e.censusYear ?? Int.max) >= y }
                let cppAt31 = Set(cs.filter { e in
                    guard let s = e.cppStartDate.date, s <= m31 else { return false }
                    if let t = e.cppEndDate.date { return m31 < t }
                    return reported(e)
                }.map(\.key))
                let cppStarts = Set(cs.filter { inYear($0.cppStartDate.date) }.map(\.key))
                let cinAt31 = Set(cs.filter { e in
                    guard let s = e.referralDate.date, s <= m31 else { return false }
                    if let t = e.closureDate.date { return m31 < t }
                    return reported(e)
                }.map(\.key))
                let cla = periodLAs.contains(la), census = coverage[la]?.contains(y) ?? false
                rows.append((la, y, [cla ? claAt31.count : nil, cla ? claStarts.count : nil, cla ? claEnds.count : nil,
                                     census ? cppAt31.count : nil, census ? cppStarts.count : nil,
                                     census ? cinAt31.count : nil]))
            }
        }
        return try annualFrame(rows)
    }

    private static func annualFrame(_ rows: [(String, Int, [Int?])]) throws(CareDataError) -> DataFrame {
        let names = ["cla_at31", "cla_starts", "cla_ends", "cpp_at31", "cpp_starts", "cin_at31"]
        return try makeFrame([DataColumn(name: "la", strings: rows.map(\.0)), DataColumn(name: "year", integers: rows.map(\.1))]
            + names.enumerated().map { j, n in DataColumn(name: n, integers: rows.map { $0.2[j] }) })
    }

    /// Children looked after at the end of each month (last day), per LA × age band × placement group:
    /// columns la, date, age_band (``AgeBand``, "unknown" without a date of birth), placement
    /// (``PlacementGroup`` of the episode in force), n. Months run from the month of the earliest period start to
    /// the month of `censorDate` (a month whose last day is after `censorDate` is left out); only non-zero
    /// cells are written. V3/V4 short-break episodes are not counted (DfE convention).
    /// Complexity: O(periods × months).
    public static func monthly(periods: [PeriodOfCare], children: [SSDA903Child], censorDate: CivilDate)
        throws(CareDataError) -> DataFrame {
        let header = HeaderIndex(children)
        var la: [String] = [], date: [CivilDate?] = [], band: [String] = [], place: [String] = [], n: [Int] = []
        guard let earliest = periods.map(\.start).min() else {
            return try makeFrame([DataColumn(name: "la", strings: []), CivilDate.column(named: "date", []),
                                  DataColumn(name: "age_band", strings: []), DataColumn(name: "placement", strings: []),
                                  DataColumn(name: "n", integers: [])])
        }
        // Month k (0-based) ends on the last day of the k-th month from the month of `earliest`.
        func monthEnd(_ k: Int) -> CivilDate {
            let first = (CivilDate(year: earliest.year, month: earliest.month, day: 1) ?? earliest).adding(months: k)
            return CivilDate(year: first.year, month: first.month,
                             day: CivilDate.daysInMonth(year: first.year, month: first.month)) ?? first
        }
        func monthIndex(_ d: CivilDate) -> Int { (d.year - earliest.year) * 12 + d.month - earliest.month }
        struct Cell: Hashable, Comparable {
            var month: Int, la: String, band: Int, group: String
            static func < (a: Cell, b: Cell) -> Bool { (a.month, a.la, a.band, a.group) < (b.month, b.la, b.band, b.group) }
        }
        let bands = AgeBand.allCases.map(\.rawValue) + ["unknown"]
        var counts: [Cell: Int] = [:]
        // Each period is visited only over the months it spans: O(total period-months).
        for p in periods {
            let dob = header.child(p.key)?.dob.date
            let last = min(p.end ?? censorDate, censorDate)
            var k = monthIndex(p.start)
            while true {
                let d = monthEnd(k)
                if d > censorDate || d > last { break }
                k += 1
                guard let e = p.episode(on: d), !(e.legalStatus?.isShortBreak ?? false) else { continue }
                let b = dob.flatMap { AgeBand(age: $0.age(on: d)) }.flatMap { AgeBand.allCases.firstIndex(of: $0) } ?? bands.count - 1
                counts[Cell(month: k - 1, la: p.key.la, band: b, group: e.placement?.group.rawValue ?? "unknown"), default: 0] += 1
            }
        }
        for (c, k) in counts.sorted(by: { $0.key < $1.key }) {
            la.append(c.la); date.append(monthEnd(c.month)); band.append(bands[c.band]); place.append(c.group); n.append(k)
        }
        return try makeFrame([DataColumn(name: "la", strings: la), CivilDate.column(named: "date", date),
                              DataColumn(name: "age_band", strings: band), DataColumn(name: "placement", strings: place),
                              DataColumn(name: "n", integers: n)])
    }
}
