import Foundation
import Sampling
import Tabular

/// Configuration of the synthetic children's-social-care data generator, and the generator itself.
///
/// `generate(into:)` simulates `children` children living in `localAuthorities` English LAs (seeded from the
/// real LA panel: codes, names, relative sizes, IDACI and IMD scores) over the collection years
/// `firstYear`…`lastYear` (year Y runs 1 April Y−1 to 31 March Y), and writes, in the real formats:
/// - `ssda903_header.csv`, `ssda903_episodes.csv`: SSDA903 header and episodes (dd/mm/yyyy dates, official
///   columns plus the project's LA column), every period of care that overlaps the window, with episodes
///   obeying continuity rule 388;
/// - `cin_census_YYYY.csv` for each census year from 2009: the CIN census flattened (``CINCensusColumn``), one
///   row per referral episode open in that census year (yyyy-mm-dd dates), the same episode repeated across
///   years;
/// - `care_proceedings.csv`: CHILD, LA, application date, final order date, order made (yyyy-mm-dd, FinalOrder
///   codes);
/// - `local_authorities.csv`: LA code, name, synthetic child population aged 0–17 at the data end, IDACI and
///   IMD scores;
/// - `outcomes.csv`: one row per child whose 16th birthday falls in the window, with the highest level of
///   intervention seen in the files before that birthday, ethnicity (ETHNIC code), special educational needs (SEN
///   0/1) and the four outcomes;
/// - `truth.json`: the configuration, every generating parameter, the LA random effects, and the injected
///   quality problems.
///
/// Population: dates of birth are uniform from the day after the date that makes a child 18 at the window
/// start to the data end, so every child is under 18 for part of the window; children are allocated to LAs in
/// proportion to the LA's real 0–16 population (largest-remainder rounding). Child ids are the LA's three-digit
/// DfE code followed by a seven-digit number (the same id in the 903 and CIN files).
///
/// Determinism: all randomness comes from one ``Sampling/Xoshiro256StarStar`` seeded with `seed`. Sub-streams:
/// the generator as seeded draws the LA random effects; child i (0-based, in LA order) uses the seeded
/// generator advanced by (i + 1) `jump()`s (2^128 outputs apart, so children never share draws and a child's
/// history does not depend on any other child's); problem injection uses the seeded generator after one
/// `longJump()` (2^192), so injecting problems leaves the clean records unchanged. The same configuration
/// therefore writes byte-identical files on every run and machine (numbers are formatted without locale).
///
/// Complexity: O(children) time; memory holds the children with any record plus the outcome cohort.
/// Defaults: 100,000 children, all 151 LAs, collection years 1992–2024. The size makes `carestat synth` finish in
/// a few seconds in a release build while giving about 2,000 children looked after, enough for the calibration
/// figures to have standard errors of about 1–2 percentage points. The window starts in 1992 because the
/// SSDA903 one-third sample that McGrath-Lone et al. analysed starts then, and a window longer than 18 years
/// holds complete childhoods (birth to 18), which the care-history mix needs. CIN census files are written
/// from 2009 (the first census year) only.
public struct SyntheticGenerator: Sendable, Equatable {
    public var children: Int
    public var localAuthorities: Int
    public var firstYear: Int
    public var lastYear: Int
    public var seed: UInt64
    public var qualityProblems: SyntheticQualityProblems
    public var parameters: SyntheticParameters

    /// The number of LAs in the embedded panel (the maximum of `localAuthorities`).
    public static let availableLocalAuthorities = SyntheticLocalAuthorityPanel.rows.count
    /// The default seed.
    public static let defaultSeed: UInt64 = 20_240_331

    public init(children: Int = 100_000, localAuthorities: Int = SyntheticGenerator.availableLocalAuthorities,
                firstYear: Int = 1992, lastYear: Int = 2024, seed: UInt64 = SyntheticGenerator.defaultSeed,
                qualityProblems: SyntheticQualityProblems = .none, parameters: SyntheticParameters = .standard) {
        self.children = children
        self.localAuthorities = localAuthorities
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.seed = seed
        self.qualityProblems = qualityProblems
        self.parameters = parameters
    }

    /// First day of the window: 1 April of `firstYear` − 1.
    var windowStart: Int { SyntheticCalendar.day(firstYear - 1, 4, 1) }
    /// Last day of the window: 31 March of `lastYear`.
    var dataEnd: Int { SyntheticCalendar.day(lastYear, 3, 31) }

    /// Checks every configuration value.
    /// - Throws: ``SyntheticError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws(SyntheticError) {
        guard children >= 1 && children <= 10_000_000 else {
            throw .invalidConfiguration("children = \(children) must be in 1...10000000")
        }
        guard localAuthorities >= 1 && localAuthorities <= Self.availableLocalAuthorities else {
            throw .invalidConfiguration("localAuthorities = \(localAuthorities) must be in 1...\(Self.availableLocalAuthorities)")
        }
        guard firstYear >= 1950 && lastYear <= 2200 && firstYear <= lastYear else {
            throw .invalidConfiguration("years \(firstYear)-\(lastYear): need 1950 <= first <= last <= 2200")
        }
        try qualityProblems.validate()
        try parameters.validate()
    }

    /// Simulates and writes every file into `directory` (created if needed; existing files of the same names
    /// are replaced). Returns what was written.
    /// - Throws: ``SyntheticError`` for a bad configuration or a file that cannot be written.
    public func generate(into directory: String) throws(SyntheticError) -> SyntheticSummary {
        try validate()
        let world: SyntheticWorld
        do {
            world = try simulate()
        } catch {
            throw .invalidConfiguration("a random draw failed: \(error.description)")
        }
        var writer = SyntheticFileWriter(generator: self, world: world, directory: directory)
        return try writer.writeAll()
    }

    /// The simulated world: LAs with their effects and the children with anything to write.
    func simulate() throws(SamplingError) -> SyntheticWorld {
        let master = Xoshiro256StarStar(seed: seed)
        var las = try Self.localAuthorities(count: localAuthorities, seed: seed, parameters: parameters)
        // Largest-remainder allocation of children to LAs by population.
        let total = las.reduce(0) { $0 + $1.population0to16 }
        var counts = las.map { Int((Double(children) * $0.population0to16 / total).rounded(.down)) }
        let remainders = las.indices.map { i in (i, Double(children) * las[i].population0to16 / total - Double(counts[i])) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var shortfall = children - counts.reduce(0, +)
        var r = 0
        while shortfall > 0 && !remainders.isEmpty {
            counts[remainders[r % remainders.count].0] += 1
            shortfall -= 1
            r += 1
        }
        var first = 0
        for i in las.indices {
            las[i].firstChild = first
            las[i].childCount = counts[i]
            first += counts[i]
        }

        let windowStart = self.windowStart
        let dataEnd = self.dataEnd
        let dobFirst = SyntheticCalendar.adding(years: -18, to: windowStart) + 1
        let cinStart = SyntheticCalendar.day(max(firstYear, SyntheticFileFormat.firstCINCensusYear) - 1, 4, 1)
        let simulator = SyntheticChildSimulator(parameters: parameters, dataEnd: dataEnd,
                                                otherAreas: las.map(\.postcodeArea))
        let outcomeModel = SyntheticOutcomeModel(parameters: parameters)
        var childStream = master
        var kept: [SyntheticChild] = []
        var populationAtEnd = [Int](repeating: 0, count: las.count)
        let upnLetters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
        for (laIndex, la) in las.enumerated() {
            for sequence in 0..<la.childCount {
                childStream.jump()
                var rng = childStream
                let dob = rng.uniformInteger(in: dobFirst...dataEnd)
                let sex = rng.uniform() < parameters.probabilityMale ? 1 : 2
                let ethnicity = try SyntheticCodes.ethnicity.draw(&rng)
                let disability = try SyntheticCodes.disability.draw(&rng)
                let kappa = parameters.childIdaciConcentration
                let m = min(max(la.idaci, 0.01), 0.99)
                let idaci = (try rng.beta(kappa * m, kappa * (1 - m)) * 1000).rounded() / 1000
                var upn = String(upnLetters[rng.uniformInteger(in: 0...(upnLetters.count - 1))])
                for _ in 0..<12 { upn += String(rng.uniformInteger(in: 0...9)) }
                let home = la.postcodeArea + String(rng.uniformInteger(in: 1...25))
                let id = la.oldCode + Self.sevenDigits(sequence + 1)
                var child = SyntheticChild(id: id, laIndex: laIndex, sex: sex, dob: dob, ethnicity: ethnicity,
                                           disability: disability, idaci: idaci, upn: upn, homePostcode: home)
                try simulator.simulate(child: &child, contactEffect: la.contactEffect, rng: &rng)
                child = Self.writtenView(of: child, windowStart: windowStart, cinStart: cinStart, dataEnd: dataEnd)
                let birthdays = SyntheticBirthdays(dob: dob)
                if birthdays.eighteen > dataEnd { populationAtEnd[laIndex] += 1 }
                if birthdays.sixteen >= windowStart && birthdays.sixteen <= dataEnd {
                    let level = Self.highestLevel(of: child, before: birthdays.sixteen)
                    child.outcome = try outcomeModel.draw(level: level, idaci: idaci, male: sex == 1, la: la, rng: &rng)
                }
                if child.outcome != nil || !child.referrals.isEmpty || !child.periods.isEmpty {
                    kept.append(child)
                }
            }
        }
        return SyntheticWorld(localAuthorities: las, children: kept, populationAtEnd: populationAtEnd,
                              windowStart: windowStart, dataEnd: dataEnd)
    }

    /// `count` LAs spread evenly over the panel, each with its random effects drawn, in file order, from the
    /// generator seeded with `seed` (contact, attainment, absence, conviction per LA), and its postcode area.
    static func localAuthorities(count: Int, seed: UInt64,
                                 parameters: SyntheticParameters) throws(SamplingError) -> [SyntheticLocalAuthority] {
        var laStream = Xoshiro256StarStar(seed: seed)
        let panel = SyntheticLocalAuthorityPanel.rows
        let selected = (0..<count).map { j in (j * panel.count) / count }
        let areas = SyntheticLocalAuthority.postcodeAreas(count: selected.count)
        var las: [SyntheticLocalAuthority] = []
        for (position, index) in selected.enumerated() {
            var la = SyntheticLocalAuthority(row: panel[index])
            la.contactEffect = try laStream.normal(mean: 0, sd: parameters.contact.laLogRateSD)
            la.attainmentEffect = try laStream.normal(mean: 0, sd: parameters.outcomes.attainmentLASD)
            la.absenceEffect = try laStream.normal(mean: 0, sd: parameters.outcomes.absenceLASD)
            la.convictionEffect = try laStream.normal(mean: 0, sd: parameters.outcomes.convictionLASD)
            la.postcodeArea = position < areas.count ? areas[position] : "ZZ"
            las.append(la)
        }
        return las
    }

    static func sevenDigits(_ x: Int) -> String {
        let s = String(x)
        return String(repeating: "0", count: max(0, 7 - s.count)) + s
    }

    /// What the files show of a child: periods and proceedings overlapping [windowStart, dataEnd], referral
    /// episodes overlapping the CIN census years [cinStart, dataEnd], with every date after the data end removed
    /// (episodes, plans and referrals still open at the data end).
    static func writtenView(of child: SyntheticChild, windowStart: Int, cinStart: Int, dataEnd: Int) -> SyntheticChild {
        var view = child
        func cut(_ d: Int?) -> Int? { d.flatMap { $0 <= dataEnd ? $0 : nil } }
        view.referrals = child.referrals.compactMap { r in
            guard r.date <= dataEnd, (r.closure ?? Int.max) >= cinStart else { return nil }
            var c = r
            if cut(r.closure) == nil { c.closure = nil; c.closureReason = nil }
            c.assessmentStart = cut(r.assessmentStart)
            c.assessmentAuthorised = c.assessmentStart == nil ? nil : cut(r.assessmentAuthorised)
            c.cinPlanStart = cut(r.cinPlanStart)
            c.cinPlanEnd = c.cinPlanStart == nil ? nil : cut(r.cinPlanEnd)
            c.s47Start = cut(r.s47Start)
            c.initialConference = cut(r.initialConference)
            c.cppStart = cut(r.cppStart)
            if c.cppStart == nil { c.abuseInitial = nil; c.abuseLatest = nil }
            c.cppEnd = c.cppStart == nil ? nil : cut(r.cppEnd)
            return c
        }
        view.periods = child.periods.compactMap { p in
            guard p.start <= dataEnd, (p.end ?? Int.max) >= windowStart else { return nil }
            var episodes = p.episodes.filter { $0.start <= dataEnd }
            if let last = episodes.last, (last.end ?? Int.max) > dataEnd {
                episodes[episodes.count - 1].end = nil
                episodes[episodes.count - 1].reasonEnded = nil
                episodes[episodes.count - 1].placeChangeReason = nil
            }
            return SyntheticPeriod(episodes: episodes)
        }
        view.proceedings = child.proceedings.compactMap { p in
            guard p.application <= dataEnd, (p.finalOrder ?? Int.max) >= windowStart else { return nil }
            var c = p
            if cut(p.finalOrder) == nil { c.finalOrder = nil; c.orderMade = nil }
            return c
        }
        return view
    }

    /// Highest level of intervention in the written records before `limit`: 4 looked after (a period starting
    /// before it), 3 CPP (a CPP start), 2 child in need (an assessed referral not closed RC8), 1 referral, 0 none.
    static func highestLevel(of child: SyntheticChild, before limit: Int) -> Int {
        if child.periods.contains(where: { $0.start < limit }) { return 4 }
        var level = 0
        for r in child.referrals where r.date < limit {
            if let start = r.cppStart, start < limit { return 3 }
            if r.isChildInNeed, let a = r.assessmentStart, a < limit { level = max(level, 2) } else { level = max(level, 1) }
        }
        return level
    }
}

/// The simulated world handed to the writer.
struct SyntheticWorld: Sendable {
    var localAuthorities: [SyntheticLocalAuthority]
    var children: [SyntheticChild]
    /// Children aged under 18 at the data end, per LA.
    var populationAtEnd: [Int]
    var windowStart: Int
    var dataEnd: Int
}
