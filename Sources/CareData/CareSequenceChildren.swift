public import Tabular

/// The children of the `sequences` derivation with their records grouped, in key order, ready to give each
/// child's states position by position — the kernel behind ``CareSequences/long(periods:cin:children:window:censorDate:step:scheme:)``,
/// ``CareSequences/wide(periods:cin:children:window:censorDate:step:scheme:)`` and the streamed file
/// (``CareSequenceCSV``), so that all three give the same states.
///
/// Children are those with periods of care or CIN episodes (a CIN record without a child ID belongs to none),
/// sorted by (LA, child). A child's date of birth is the SSDA903 header's, else PersonBirthDate of the child's
/// CIN record of the latest census year (the first such record on ties). A child's observed positions are one
/// contiguous range of the window: the positions whose date is on or after the birth and on or before the
/// censoring date (an age window starts at or after birth, so only its end is cut; a date window is cut at both
/// ends). With an age window a child without a date of birth has no positions.
///
/// Preparation is O(R + C log C) for R records and C children (grouping by a hash of the key, one sort of
/// the keys); a child's states cost O(positions × records of the child). Periods, episodes and spells are held
/// as day numbers so the per-position work compares integers; memory is about 100 bytes per child plus the
/// inputs. Immutable after initialisation, so threads may read different children at once.
public struct CareSequenceChildren: Sendable {
    public let window: SequenceWindow
    public let step: SequenceStep
    public let scheme: SequenceStateScheme
    public let censorDate: CivilDate
    /// The children, sorted.
    public let keys: [ChildKey]
    /// The state names; a state code indexes this (``CareState`` order for ``SequenceStateScheme/careStates``).
    public let stateNames: [String]

    private let censor: Int32
    private let dob: [Int32]
    private let periodOffsets: [Int32], periodOf: [Int32]
    private let spellOffsets: [Int32], spellOf: [Int32]
    private let spells: [CINSpell]
    // Periods as day numbers (end: Int32.max while open), their episodes' start days and state codes.
    private let pStart: [Int32], pEnd: [Int32], pLeftCode: [UInt16], pFirstEpisode: [Int32], pEpisodeCount: [Int32]
    private let epStart: [Int32], epCode: [UInt16]
    /// The dates of a date window (day numbers), shared by every child.
    private let windowDays: [Int32]
    private let outOfCareCode: UInt16

    private static let none = CINSpell.none

    /// Groups `periods` and `spells` by child. Throws for an empty or reversed window.
    public init(periods: [PeriodOfCare], spells: [CINSpell], children: [SSDA903Child], window: SequenceWindow,
                censorDate: CivilDate, step: SequenceStep = .month, scheme: SequenceStateScheme = .careStates)
        throws(CareDataError) {
        switch window {
        case let .ages(a, b): guard a >= 0, a < b else { throw .invalidArgument("age window must satisfy 0 ≤ from < to") }
        case let .dates(a, b): guard a <= b else { throw .invalidArgument("date window must satisfy from ≤ to") }
        }
        self.window = window
        self.step = step
        self.scheme = scheme
        self.censorDate = censorDate
        censor = Int32(censorDate.daysSinceEpoch)
        self.spells = spells

        // Children: a hash from key to a provisional index, then the keys sorted.
        var index: [ChildKey: Int32] = [:]
        var found: [ChildKey] = []
        func id(_ k: ChildKey) -> Int32 {
            if let i = index[k] { return i }
            let i = Int32(found.count)
            found.append(k)
            index[k] = i
            return i
        }
        let periodChild = periods.map { id($0.key) }
        let spellChild = spells.map { $0.key.child.isEmpty ? -1 : id($0.key) }
        index = [:]
        let order = found.indices.sorted { found[$0] < found[$1] }
        var rank = [Int32](repeating: 0, count: found.count)
        for (r, i) in order.enumerated() { rank[i] = Int32(r) }
        keys = order.map { found[$0] }
        found = []

        /// Stable counting sort: record indices grouped by child rank, in input order within a child.
        func group(_ child: [Int32]) -> (offsets: [Int32], items: [Int32]) {
            var offsets = [Int32](repeating: 0, count: rank.count + 1)
            for c in child where c >= 0 { offsets[Int(rank[Int(c)]) + 1] += 1 }
            for i in 0..<rank.count { offsets[i + 1] += offsets[i] }
            var next = offsets, items = [Int32](repeating: 0, count: Int(offsets[rank.count]))
            for (r, c) in child.enumerated() where c >= 0 {
                let g = Int(rank[Int(c)])
                items[Int(next[g])] = Int32(r)
                next[g] += 1
            }
            return (offsets, items)
        }
        (periodOffsets, periodOf) = group(periodChild)
        (spellOffsets, spellOf) = group(spellChild)

        // States: the care states in their order, or placement × legal status names as met.
        var names: [String]
        var codeOf: [String: UInt16] = [:]
        switch scheme {
        case .careStates: names = CareState.allCases.map(\.rawValue)
        case .placementByLegalStatus: names = [SequenceStateScheme.notInCare]
        }
        for (i, n) in names.enumerated() { codeOf[n] = UInt16(i) }
        func code(_ name: String) -> UInt16 {
            if let c = codeOf[name] { return c }
            let c = UInt16(names.count)
            names.append(name)
            codeOf[name] = c
            return c
        }
        func care(_ s: CareState) -> UInt16 { codeOf[s.rawValue] ?? 0 }
        outOfCareCode = scheme == .careStates ? care(.home) : 0
        var ps: [Int32] = [], pe: [Int32] = [], pl: [UInt16] = [], pf: [Int32] = [], pc: [Int32] = []
        var es: [Int32] = [], ec: [UInt16] = []
        ps.reserveCapacity(periods.count)
        for p in periods {
            let start = Int32(p.start.daysSinceEpoch)
            ps.append(start)
            pe.append(p.end.map { Int32($0.daysSinceEpoch) } ?? Int32.max)
            let r = p.endReason
            pl.append(care((r?.isAdoption ?? false) || (r?.isSGOOrCAO ?? false) ? .adoptedOrSGO : .leftCare))
            pf.append(Int32(es.count))
            pc.append(Int32(p.episodes.count))
            for e in p.episodes {
                es.append(e.decom.date.map { Int32($0.daysSinceEpoch) } ?? start)
                switch scheme {
                case .careStates:
                    switch e.placement?.group {
                    case .foster: ec.append(care(.foster))
                    case .residential: ec.append(care(.residential))
                    default: ec.append(care(.otherPlacement))
                    }
                case .placementByLegalStatus:
                    let place = e.placement?.group.rawValue ?? "unknown"
                    let legal = e.legalStatus?.group.rawValue.lowercased() ?? "unknown"
                    ec.append(code("\(place)_\(legal)"))
                }
            }
        }
        (pStart, pEnd, pLeftCode, pFirstEpisode, pEpisodeCount, epStart, epCode) = (ps, pe, pl, pf, pc, es, ec)
        stateNames = names

        // Dates of birth.
        let header = HeaderIndex(children)
        var births = [Int32](repeating: Self.none, count: keys.count)
        for (i, k) in keys.enumerated() {
            if let d = header.child(k)?.dob.date { births[i] = Int32(d.daysSinceEpoch); continue }
            var best: Int32 = -1, bestYear = Int32.min
            for j in spellOffsets[i]..<spellOffsets[i + 1] {
                let s = spells[Int(spellOf[Int(j)])]
                let y = s.censusYear == Self.none ? 0 : s.censusYear
                if best < 0 || y > bestYear { best = spellOf[Int(j)]; bestYear = y }
            }
            if best >= 0 { births[i] = spells[Int(best)].birth }
        }
        dob = births

        // A date window's dates.
        var days: [Int32] = []
        switch (window, step) {
        case let (.dates(a, b), .week):
            var d = a, i = 0
            while d <= b { days.append(Int32(d.daysSinceEpoch)); i += 1; d = a.adding(days: 7 * i) }
        case let (.dates(a, b), .month):
            var d = CivilDate(year: a.year, month: a.month, day: 1) ?? a
            while d <= b { days.append(Int32(d.daysSinceEpoch)); d = d.adding(months: 1) }
        case (.ages, _): break
        }
        windowDays = days
    }

    public var count: Int { keys.count }

    /// The positions child `i` is observed at (0-based positions of the window; empty when none).
    public func observed(_ i: Int) -> Range<Int> {
        let birth = dob[i]
        switch (window, step) {
        case let (.ages(a, b), .month):
            guard birth != Self.none else { return 0..<0 }
            let born = CivilDate(daysSinceEpoch: Int(birth))
            // The last k with born + k months ≤ censor: k0 months apart by calendar, one fewer if the day is past.
            var last = (censorDate.year - born.year) * 12 + (censorDate.month - born.month)
            if Swift.min(born.day, CivilDate.daysInMonth(year: censorDate.year, month: censorDate.month)) > censorDate.day {
                last -= 1
            }
            let end = Swift.min(b, last + 1)
            return end > a ? 0..<(end - a) : 0..<0
        case let (.ages(a, b), .week):
            guard birth != Self.none else { return 0..<0 }
            let born = CivilDate(daysSinceEpoch: Int(birth))
            let start = born.adding(months: a).daysSinceEpoch, end = born.adding(months: b).daysSinceEpoch
            let inWindow = (end - start + 6) / 7
            let toCensor = Int(censor) >= start ? (Int(censor) - start) / 7 + 1 : 0
            return 0..<Swift.max(0, Swift.min(inWindow, toCensor))
        case (.dates, _):
            let lo = birth == Self.none ? 0 : Self.firstIndex(in: windowDays) { $0 >= birth }
            let hi = Self.firstIndex(in: windowDays) { $0 > censor }
            return hi > lo ? lo..<hi : 0..<0
        }
    }

    /// The first index whose value satisfies `pred` (which holds for a suffix of the sorted `days`).
    private static func firstIndex(in days: [Int32], _ pred: (Int32) -> Bool) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pred(days[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The day number of position `p` for child `i`.
    @inline(__always) func day(_ i: Int, position p: Int, born: CivilDate?) -> Int32 {
        switch (window, step) {
        case let (.ages(a, _), .month):
            guard let born else { return 0 }
            return Int32(born.adding(months: a + p).daysSinceEpoch)
        case let (.ages(a, _), .week):
            guard let born else { return 0 }
            return Int32(born.adding(months: a).daysSinceEpoch + 7 * p)
        case (.dates, _):
            return windowDays[p]
        }
    }

    /// Child `i`'s observed positions (``observed(_:)``): their day numbers and state codes, written into `days`
    /// and `codes` (cleared first). Cost O(positions × records of the child); no allocation once the buffers
    /// have grown.
    public func states(_ i: Int, days: inout [Int32], codes: inout [UInt16]) {
        days.removeAll(keepingCapacity: true)
        codes.removeAll(keepingCapacity: true)
        let range = observed(i)
        guard !range.isEmpty else { return }
        let born: CivilDate? = dob[i] == Self.none ? nil : CivilDate(daysSinceEpoch: Int(dob[i]))
        let p0 = Int(periodOffsets[i]), p1 = Int(periodOffsets[i + 1])
        let s0 = Int(spellOffsets[i]), s1 = Int(spellOffsets[i + 1])
        for p in range {
            let d = day(i, position: p, born: born)
            days.append(d)
            codes.append(state(d, periods: p0..<p1, spells: s0..<s1))
        }
    }

    /// The state on day `d` by priority (``CareSequences``): the episode in force of a
    /// period covering `d`; on a plan; in need; after the latest-starting period that ended by `d`; else home.
    @inline(__always) private func state(_ d: Int32, periods: Range<Int>, spells s: Range<Int>) -> UInt16 {
        for j in periods {
            let p = Int(periodOf[j])
            guard pStart[p] <= d, d < pEnd[p] else { continue }
            let f = Int(pFirstEpisode[p])
            var e = f + Int(pEpisodeCount[p]) - 1
            while e >= f {
                if epStart[e] <= d { return epCode[e] }
                e -= 1
            }
        }
        guard scheme == .careStates else { return outOfCareCode }
        for j in s where spells[Int(spellOf[j])].onPlan(d) { return UInt16(CareState.childProtectionPlan.index) }
        for j in s where spells[Int(spellOf[j])].inNeed(d) { return UInt16(CareState.childInNeed.index) }
        var last = -1
        for j in periods {
            let p = Int(periodOf[j])
            guard pEnd[p] != Int32.max, pEnd[p] <= d else { continue }
            if last < 0 || pStart[last] < pStart[p] { last = p }
        }
        return last >= 0 ? pLeftCode[last] : outOfCareCode
    }

    /// The positions observed by any child (contiguous, since each child's are and they share an end or a start).
    public var positions: Range<Int> {
        var lo = Int.max, hi = Int.min
        for i in keys.indices {
            let r = observed(i)
            guard !r.isEmpty else { continue }
            lo = Swift.min(lo, r.lowerBound)
            hi = Swift.max(hi, r.upperBound)
        }
        return lo < hi ? lo..<hi : 0..<0
    }
}

extension CareState {
    /// The state's place in ``CareState/allCases`` (its code in ``CareSequenceChildren``).
    var index: Int {
        switch self {
        case .home: 0
        case .childInNeed: 1
        case .childProtectionPlan: 2
        case .foster: 3
        case .residential: 4
        case .otherPlacement: 5
        case .adoptedOrSGO: 6
        case .leftCare: 7
        }
    }
}
