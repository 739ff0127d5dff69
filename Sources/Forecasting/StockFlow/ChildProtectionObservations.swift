public import CareData
public import Tabular

/// The two child-protection states of the CP stock–flow model: an open CIN referral episode not on a child
/// protection plan (`cin`: under assessment, on a CIN plan, or looked after with the episode open — DfE counts all
/// of these as children in need), and on a child protection plan (`cpp`).
public enum ChildProtectionState: Int, CaseIterable, Sendable, Hashable {
    case cin = 0, cpp

    public var name: String { self == .cin ? "CIN" : "CPP" }
    public var key: String { self == .cin ? "cin" : "cpp" }
}

/// The state space of the CP model: DfE age band × ``ChildProtectionState``, with age in completed months
/// (0..<216) inside the projection; the bands are the LAC model's (``StockFlowStates``).
public enum ChildProtectionStates {
    public static let bands = StockFlowStates.bands
    public static let states = ChildProtectionState.allCases.count
    public static let count = bands * states
    public static let ageMonths = StockFlowStates.ageMonths

    @inlinable public static func index(band: Int, state: Int) -> Int { band * states + state }
}

/// The sufficient statistics of the CP stock–flow model over a reference window [start, origin), from CIN census
/// referral episodes (``CINEpisode``, as resolved by ``CINValidation``):
/// - an episode is the unit: it opens at its referral date (an *entrant*, by age band at referral) in state CIN,
///   steps up to CPP at its CPP start date, steps down to CIN at its CPP end date when the episode stays open, and
///   exits at its closure date (from the state it is in; a CPP ending on the closure date is an exit from CPP);
/// - referrals with no further action (ReferralNFA true) are not episodes of need and are left out, counted;
/// - time after the 18th birthday is not at risk; a closure on or after it is ageing out, not an exit;
/// - an episode without a closure date is open (censored at the origin); a CPP start before the referral is
///   taken as the referral date, a CPP end after the closure as the closure;
/// - episodes without a date of birth or a referral date are left out and counted; so are episodes whose closure
///   precedes their referral (counted as inconsistent).
/// A referral before birth (an unborn child) is at age 0 until birth. One child with two overlapping open
/// episodes counts twice (CINValidation reports such overlaps).
public struct ChildProtectionObservations: Sendable, Equatable {
    /// Window length in months (days / (365.2425/12)).
    public var months: Double
    /// Episode-months at risk by state (band × state).
    public var exposure: [Double]
    /// Distinct children with time at risk in each state.
    public var children: [Int]
    /// Step-ups (CIN → CPP) and step-downs (CPP → CIN) by band at the event.
    public var stepUps: [Int]
    public var stepDowns: [Int]
    /// Exits (closures before 18) by band × state.
    public var exits: [Int]
    /// New episodes by band at referral, and by age in completed years at referral (0..<18).
    public var entrants: [Int]
    public var entryAges: [Int]
    /// Open episodes on the origin date by age in completed months × state: [ageMonth × states + state].
    public var stock: [Int]
    /// Episodes left out: no date of birth or referral date; closure before referral; NFA referrals.
    public var episodesWithoutDates: Int
    public var inconsistentEpisodes: Int
    public var nfaReferrals: Int

    public init(months: Double) {
        let S = ChildProtectionStates.self
        self.months = months
        exposure = Array(repeating: 0, count: S.count)
        children = Array(repeating: 0, count: S.count)
        stepUps = Array(repeating: 0, count: S.bands)
        stepDowns = Array(repeating: 0, count: S.bands)
        exits = Array(repeating: 0, count: S.count)
        entrants = Array(repeating: 0, count: S.bands)
        entryAges = Array(repeating: 0, count: 18)
        stock = Array(repeating: 0, count: S.ageMonths * S.states)
        episodesWithoutDates = 0
        inconsistentEpisodes = 0
        nfaReferrals = 0
    }

    /// The stock on the origin date by state.
    public var stockByState: [Int] {
        var s = [0, 0]
        for (i, n) in stock.enumerated() { s[i % 2] += n }
        return s
    }

    /// An episode's dates, checked: referral, CPP [start, end) clipped to the episode, closure (nil: open), DOB.
    struct Spell {
        var key: ChildKey
        var dob: CivilDate
        var start: CivilDate
        var cpp: (start: CivilDate, end: CivilDate?)?
        var closure: CivilDate?

        /// The state on `d` (nil: not open, or 18 or over).
        func state(on d: CivilDate) -> ChildProtectionState? {
            guard start <= d, closure.map({ d < $0 }) ?? true, d < dob.adding(months: 216) else { return nil }
            if let c = cpp, c.start <= d, c.end.map({ d < $0 }) ?? true { return .cpp }
            return .cin
        }
    }

    /// The usable episodes and the counts of those left out (without dates, inconsistent, NFA).
    static func spells(_ episodes: [CINEpisode]) -> (spells: [Spell], noDates: Int, inconsistent: Int, nfa: Int) {
        var out: [Spell] = []
        var noDates = 0, inconsistent = 0, nfa = 0
        out.reserveCapacity(episodes.count)
        for e in episodes {
            if e.referralNFA == true { nfa += 1; continue }
            guard let start = e.referralDate.date, let dob = e.birthDate.date else { noDates += 1; continue }
            let closure = e.closureDate.date
            if let c = closure, c < start { inconsistent += 1; continue }
            var cpp: (start: CivilDate, end: CivilDate?)?
            if let cs = e.cppStartDate.date {
                let s = max(cs, start)
                var end = e.cppEndDate.date
                if let c = closure { end = min(end ?? c, c) }
                if closure.map({ s < $0 }) ?? true, end.map({ s < $0 }) ?? true { cpp = (s, end) }
            }
            out.append(Spell(key: e.key, dob: dob, start: start, cpp: cpp, closure: closure))
        }
        return (out, noDates, inconsistent, nfa)
    }

    /// The statistics of `episodes` over [start, origin). Complexity O(episodes).
    public static func build(episodes: [CINEpisode], start: CivilDate, origin: CivilDate) -> ChildProtectionObservations {
        let S = ChildProtectionStates.self
        var o = ChildProtectionObservations(months: Double(start.days(to: origin)) / StockFlowObservations.daysPerMonth)
        let (spells, noDates, inconsistent, nfa) = spells(episodes)
        o.episodesWithoutDates = noDates
        o.inconsistentEpisodes = inconsistent
        o.nfaReferrals = nfa
        var childStates: [ChildKey: UInt16] = [:]
        for p in spells {
            let eighteen = p.dob.adding(months: 216)
            let end = p.closure ?? origin
            guard p.start <= origin, end >= start, p.start < eighteen else { continue }
            // Segments [from, to) with their state.
            var segments: [(from: CivilDate, to: CivilDate, state: ChildProtectionState)] = []
            if let c = p.cpp {
                let cppEnd = c.end ?? end
                segments = [(p.start, c.start, .cin), (c.start, cppEnd, .cpp), (cppEnd, end, .cin)]
            } else {
                segments = [(p.start, end, .cin)]
            }
            var mask: UInt16 = 0
            for seg in segments {
                let a = max(seg.from, start), b = min(min(seg.to, origin), eighteen)
                var cursor = a
                while cursor < b {
                    // Age by ``StockFlowObservations/ageInMonths(dob:on:)``, the rule of `adding(months:)`, so the
                    // next band birthday is always after the cursor (a 29 February birthday included).
                    let band = Self.band(dob: p.dob, on: cursor)
                    var stop = min(b, p.dob.adding(months: 12 * StockFlowStates.bandYears[band].upperBound))
                    if stop <= cursor { stop = b }
                    let s = S.index(band: band, state: seg.state.rawValue)
                    o.exposure[s] += Double(cursor.days(to: stop)) / StockFlowObservations.daysPerMonth
                    mask |= 1 << UInt16(s)
                    cursor = stop
                }
            }
            if mask != 0 { childStates[p.key, default: 0] |= mask }
            func inWindow(_ d: CivilDate) -> Bool { d >= start && d < origin && d < eighteen }
            func band(_ d: CivilDate) -> Int { Self.band(dob: p.dob, on: d) }
            if let c = p.cpp {
                if inWindow(c.start) { o.stepUps[band(c.start)] += 1 }
                if let ce = c.end, inWindow(ce), p.closure.map({ ce < $0 }) ?? true { o.stepDowns[band(ce)] += 1 }
            }
            if let c = p.closure, inWindow(c) {
                // The state just before the closure: CPP when the plan ran to the closure.
                let state: ChildProtectionState = p.cpp.map { $0.end.map { $0 >= c } ?? true } == true ? .cpp : .cin
                o.exits[S.index(band: band(c), state: state.rawValue)] += 1
            }
            if inWindow(p.start) {
                let age = max(0, StockFlowObservations.ageInMonths(dob: p.dob, on: p.start) / 12)
                if age >= 0 && age < 18 {
                    o.entrants[StockFlowStates.band(ageYears: age)] += 1
                    o.entryAges[age] += 1
                }
            }
            if let state = p.state(on: origin) {
                // An unborn child's episode (referral before birth) counts at age 0.
                let m = max(0, StockFlowObservations.ageInMonths(dob: p.dob, on: origin))
                if m < S.ageMonths { o.stock[m * S.states + state.rawValue] += 1 }
            }
        }
        for mask in childStates.values {
            for s in 0..<S.count where mask & (1 << UInt16(s)) != 0 { o.children[s] += 1 }
        }
        return o
    }

    /// The DfE band on `date` (age in completed months / 12; before birth — an unborn child's referral — band 0).
    static func band(dob: CivilDate, on date: CivilDate) -> Int {
        StockFlowStates.band(ageYears: max(0, StockFlowObservations.ageInMonths(dob: dob, on: date) / 12))
    }

    /// Open episodes on each date by state ([date][state]), before the 18th birthday: the observed stock the
    /// projections are compared with. O(episodes × dates).
    public static func stock(episodes: [CINEpisode], on dates: [CivilDate]) -> [[Int]] {
        var counts = [[Int]](repeating: [0, 0], count: dates.count)
        for p in spells(episodes).spells {
            for (j, d) in dates.enumerated() {
                if let s = p.state(on: d) { counts[j][s.rawValue] += 1 }
            }
        }
        return counts
    }
}
