import Foundation
import Sampling
public import Reporting

/// The national-scale mode of the synthetic generator: a synthetic England (all 151 LAs at their real
/// relative sizes) written in the same file formats as ``SyntheticGenerator`` and from the same generating
/// model (``SyntheticParameters``, ``SyntheticChildSimulator``), but without holding or formatting the children
/// who never reach children's services.
///
/// Population: LA j has round(`populationScale` × P_j / 17 × B) children, with P_j the LA's real population
/// aged 0–16 (so P_j/17 is one birth cohort) and B the length in years of the birth-date range (dates of birth
/// uniform from the day after the date that makes a child 18 at the window start to the data end, as in
/// ``SyntheticGenerator``). `populationScale` 1 is the real size of England's child population.
///
/// What is saved: a child is drawn lazily. Date of birth, neighbourhood IDACI and referral frailty come first,
/// then the first referral of the baseline process; the ~85 % of children with no referral before 18 (or the
/// data end) stop there, costing a few draws and no allocation. Only the children with a referral get their
/// identifiers, care history and rows. The distribution of every written record is the one of the standard
/// mode (the draws are the same, taken in another order), so the parameters in truth.json still hold.
///
/// Not written: outcomes.csv. Its cohort is every child whose 16th birthday falls in the window (millions at
/// this scale, most with no contact); the outcome recovery tests use the standard mode. No quality problems are
/// injected (the national run measures the pipeline on clean files).
///
/// Determinism and threads: child k of LA j draws from its own ``Sampling/Xoshiro256StarStar`` seeded by
/// SplitMix64(seed ⊕ (j·2³² + k)) (a stream per child, not jumps: 2·10⁷ jumps would cost more than the
/// simulation); the LA random effects are those of ``SyntheticGenerator`` with the same seed and all LAs. LAs are
/// simulated in parallel, `threads` at a time, and written in LA order, so the files are byte-identical for
/// every thread count (default 1; the CLI passes the processor count). Memory holds the rows of at most 4 × `threads` LAs at once (streaming writes).
///
/// Complexity: O(population) draws plus O(records) for the children in contact.
/// Default scale: ``defaultPopulationScale``.
public struct SyntheticNationalGenerator: Sendable, Equatable {
    public var populationScale: Double
    public var firstYear: Int
    public var lastYear: Int
    public var seed: UInt64
    public var threads: Int
    public var parameters: SyntheticParameters

    /// The default population scale: 1, England's real child population (the sum of the panel's 0–16
    /// populations, about 11.5 million, extended to 0–17). With the standard parameters this gives the national
    /// totals that ``SyntheticNationalTotals`` reports (see `carestat synth --national`).
    public static let defaultPopulationScale = 1.0

    public init(populationScale: Double = SyntheticNationalGenerator.defaultPopulationScale, firstYear: Int = 2010,
                lastYear: Int = 2024, seed: UInt64 = SyntheticGenerator.defaultSeed,
                threads: Int = 1,
                parameters: SyntheticParameters = .national) {
        self.populationScale = populationScale
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.seed = seed
        self.threads = threads
        self.parameters = parameters
    }

    var windowStart: Int { SyntheticCalendar.day(firstYear - 1, 4, 1) }
    var dataEnd: Int { SyntheticCalendar.day(lastYear, 3, 31) }

    /// Checks every configuration value.
    /// - Throws: ``SyntheticError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws(SyntheticError) {
        guard populationScale.isFinite && populationScale > 0 && populationScale <= 4 else {
            throw .invalidConfiguration("population scale = \(populationScale) must be in (0, 4]")
        }
        guard firstYear >= 1950 && lastYear <= 2200 && firstYear <= lastYear else {
            throw .invalidConfiguration("years \(firstYear)-\(lastYear): need 1950 <= first <= last <= 2200")
        }
        guard threads >= 1 && threads <= 256 else {
            throw .invalidConfiguration("threads = \(threads) must be in 1...256")
        }
        try parameters.validate()
    }

    /// The number of children simulated in each LA (file order).
    func childCounts(_ las: [SyntheticLocalAuthority]) -> [Int] {
        let dobFirst = SyntheticCalendar.adding(years: -18, to: windowStart) + 1
        let cohorts = Double(dataEnd - dobFirst + 1) / 365.25
        return las.map { Int((populationScale * $0.population0to16 / 17 * cohorts).rounded()) }
    }

    /// Simulates and writes the files into `directory` (created if needed; files of the same names replaced).
    /// `progress(done, total)` is called after each batch of LAs, from the calling thread.
    /// - Throws: ``SyntheticError`` for a bad configuration or a file that cannot be written.
    public func generate(into directory: String,
                         progress: ((Int, Int) -> Void)? = nil) throws(SyntheticError) -> SyntheticNationalSummary {
        try validate()
        let las: [SyntheticLocalAuthority]
        do {
            las = try SyntheticGenerator.localAuthorities(count: SyntheticGenerator.availableLocalAuthorities, seed: seed,
                                                          parameters: parameters)
        } catch {
            throw .invalidConfiguration("a random draw failed: \(error.description)")
        }
        let counts = childCounts(las)
        let firstCensus = max(firstYear, SyntheticFileFormat.firstCINCensusYear)
        let censusYears = firstCensus <= lastYear ? Array(firstCensus...lastYear) : []
        var sink = try SyntheticNationalSink(directory: directory, censusYears: censusYears)
        var totals = SyntheticNationalTotals(years: Array(firstYear...lastYear))
        var populationAtEnd = [Int](repeating: 0, count: las.count)
        var childrenReferred = 0, childrenLookedAfter = 0
        let batch = 4 * threads
        var start = 0
        while start < las.count {
            let range = start..<min(start + batch, las.count)
            let results = SyntheticNationalSlots(count: range.count)
            let workers = min(threads, range.count)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = range.lowerBound + w
                while i < range.upperBound {
                    results.set(i - range.lowerBound, Result { () throws(SamplingError) -> SyntheticNationalLA in
                        try simulate(la: las[i], index: i, children: counts[i], allLAs: las, censusYears: censusYears)
                    })
                    i += workers
                }
            }
            for k in 0..<range.count {
                let output: SyntheticNationalLA
                switch results.get(k) {
                case .success(let o): output = o
                case .failure(let error): throw .invalidConfiguration("a random draw failed: \(error.description)")
                case nil: throw .invalidConfiguration("internal: LA \(range.lowerBound + k) was not simulated")
                }
                try sink.append(output)
                totals.add(output.totals)
                populationAtEnd[range.lowerBound + k] = output.populationAtEnd
                childrenReferred += output.childrenReferred
                childrenLookedAfter += output.childrenLookedAfter
            }
            start = range.upperBound
            progress?(start, las.count)
        }
        var files = try sink.close()

        var laText = SyntheticCSV.line(SyntheticFileFormat.localAuthorityColumns)
        for (i, la) in las.enumerated() {
            laText += SyntheticCSV.line([la.code, la.name, String(populationAtEnd[i]),
                                         NumberFormatting.roundTrip(la.idaci) ?? "", NumberFormatting.roundTrip(la.imd) ?? ""])
        }
        try SyntheticNationalSink.write(laText, to: SyntheticFileFormat.localAuthorities, in: directory)
        files.append(.init(name: SyntheticFileFormat.localAuthorities, rows: las.count))
        let population = counts.reduce(0, +)
        try SyntheticNationalSink.write(truth(las: las, files: files, population: population, totals: totals).serialized() + "\n",
                                        to: SyntheticFileFormat.truth, in: directory)
        files.append(.init(name: SyntheticFileFormat.truth, rows: 1))
        let summary = SyntheticSummary(directory: directory, seed: seed, files: files, children: population,
                                       childrenReferred: childrenReferred, childrenLookedAfter: childrenLookedAfter,
                                       outcomeCohort: 0, injected: [:])
        return SyntheticNationalSummary(summary: summary, totals: totals)
    }

    /// One LA: every child drawn lazily, the written rows of those in contact, and the LA's totals.
    func simulate(la: SyntheticLocalAuthority, index: Int, children: Int, allLAs: [SyntheticLocalAuthority],
                  censusYears: [Int]) throws(SamplingError) -> SyntheticNationalLA {
        let windowStart = self.windowStart
        let dataEnd = self.dataEnd
        let dobFirst = SyntheticCalendar.adding(years: -18, to: windowStart) + 1
        let cinStart = SyntheticCalendar.day(max(firstYear, SyntheticFileFormat.firstCINCensusYear) - 1, 4, 1)
        let simulator = SyntheticChildSimulator(parameters: parameters, dataEnd: dataEnd,
                                                otherAreas: allLAs.map(\.postcodeArea))
        let upnLetters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
        let kappa = parameters.childIdaciConcentration
        let m = min(max(la.idaci, 0.01), 0.99)
        let censusBounds = censusYears.map { (SyntheticCalendar.day($0 - 1, 4, 1), SyntheticCalendar.day($0, 3, 31)) }
        var out = SyntheticNationalLA(censusYears: censusYears.count, years: lastYear - firstYear + 1)
        for sequence in 0..<children {
            var rng = Xoshiro256StarStar(seed: Self.childSeed(seed, la: index, child: sequence))
            let dob = rng.uniformInteger(in: dobFirst...dataEnd)
            let idaci = (try rng.beta(kappa * m, kappa * (1 - m)) * 1000).rounded() / 1000
            let frailty = try simulator.drawFrailty(rng: &rng)
            let multiplier = simulator.referralMultiplier(idaci: idaci, frailty: frailty, contactEffect: la.contactEffect)
            let birthdays = SyntheticBirthdays(dob: dob)
            if birthdays.eighteen > dataEnd { out.populationAtEnd += 1 }
            let first = try simulator.baselineReferral(after: dob, birthdays: birthdays, multiplier: multiplier, rng: &rng)
            guard let firstReferral = first, firstReferral < simulator.horizon(birthdays) else { continue }
            // In contact: the rest of the child, as the standard mode draws it.
            let sex = rng.uniform() < parameters.probabilityMale ? 1 : 2
            let ethnicity = try SyntheticCodes.ethnicity.draw(&rng)
            let disability = try SyntheticCodes.disability.draw(&rng)
            var upn = String(upnLetters[rng.uniformInteger(in: 0...(upnLetters.count - 1))])
            for _ in 0..<12 { upn += String(rng.uniformInteger(in: 0...9)) }
            let home = la.postcodeArea + String(rng.uniformInteger(in: 1...25))
            let instability = try simulator.drawInstability(rng: &rng)
            var child = SyntheticChild(id: la.oldCode + SyntheticGenerator.sevenDigits(sequence + 1), laIndex: index,
                                       sex: sex, dob: dob, ethnicity: ethnicity, disability: disability, idaci: idaci,
                                       upn: upn, homePostcode: home)
            try simulator.simulate(child: &child, multiplier: multiplier, instability: instability,
                                   firstReferral: firstReferral, rng: &rng)
            child = SyntheticGenerator.writtenView(of: child, windowStart: windowStart, cinStart: cinStart, dataEnd: dataEnd)
            out.add(child, la: la.code, censusYears: censusYears, censusBounds: censusBounds, firstYear: firstYear)
        }
        return out
    }

    /// The seed of child `child` of LA `la` (panel order): SplitMix64 of seed ⊕ (la·2³² + child), a bijection of
    /// (la, child) for a given seed.
    static func childSeed(_ seed: UInt64, la: Int, child: Int) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(la) << 32 | UInt64(child)))
        return mixer.next()
    }

    private func truth(las: [SyntheticLocalAuthority], files: [SyntheticSummary.File], population: Int,
                       totals: SyntheticNationalTotals) -> JSONValue {
        .object([
            ("generator", .string("CareStat SyntheticNationalGenerator")),
            ("format_version", .number(Double(SyntheticFileFormat.version))),
            ("mode", .string("national: children drawn lazily, only those with a referral before 18 simulated further; "
                + "no outcomes.csv; no quality problems")),
            ("seed", .string(String(seed))),
            ("population_scale", .number(populationScale)),
            ("children", .number(Double(population))),
            ("local_authorities", .number(Double(las.count))),
            ("first_year", .number(Double(firstYear))),
            ("last_year", .number(Double(lastYear))),
            ("window_start", .string(SyntheticCalendar.isoString(windowStart))),
            ("data_end", .string(SyntheticCalendar.isoString(dataEnd))),
            ("random_streams", .string("LA random effects: Xoshiro256** seeded by SplitMix64(seed), per LA in file order "
                + "(contact, attainment, absence, conviction); child k of LA j: Xoshiro256** seeded by the first "
                + "output of SplitMix64(seed xor (j * 2^32 + k))")),
            ("files", .array(files.map { .object([("name", .string($0.name)), ("rows", .number(Double($0.rows)))]) })),
            ("totals", totals.json),
            ("parameters", parameters.json),
            ("la_random_effects", .array(las.map { la in
                .object([("la", .string(la.code)), ("contact", .number(la.contactEffect)),
                         ("attainment", .number(la.attainmentEffect)), ("absence", .number(la.absenceEffect)),
                         ("conviction", .number(la.convictionEffect))])
            })),
        ])
    }
}

/// National totals counted on the written records, by collection year (1 April to 31 March): referrals (CIN
/// referral episodes with a referral date in the year), children looked after during the year (a period of care
/// overlapping it), children looked after at 31 March (a period started on or before 31 March and not ended
/// on or before it), and all SSDA903 episode rows written.
public struct SyntheticNationalTotals: Sendable, Equatable {
    public let years: [Int]
    public var referrals: [Int]
    public var lookedAfterDuringYear: [Int]
    public var lookedAfterAt31March: [Int]
    public var episodes = 0

    init(years: [Int]) {
        self.years = years
        referrals = [Int](repeating: 0, count: years.count)
        lookedAfterDuringYear = referrals
        lookedAfterAt31March = referrals
    }

    mutating func add(_ other: SyntheticNationalTotals) {
        for i in years.indices {
            referrals[i] += other.referrals[i]
            lookedAfterDuringYear[i] += other.lookedAfterDuringYear[i]
            lookedAfterAt31March[i] += other.lookedAfterAt31March[i]
        }
        episodes += other.episodes
    }

    var json: JSONValue {
        .object([
            ("years", .array(years.map { .number(Double($0)) })),
            ("referrals", .array(referrals.map { .number(Double($0)) })),
            ("looked_after_during_year", .array(lookedAfterDuringYear.map { .number(Double($0)) })),
            ("looked_after_at_31_march", .array(lookedAfterAt31March.map { .number(Double($0)) })),
            ("episodes", .number(Double(episodes))),
        ])
    }
}

/// What ``SyntheticNationalGenerator/generate(into:progress:)`` wrote, and the national totals by year.
public struct SyntheticNationalSummary: Sendable, Equatable {
    public var summary: SyntheticSummary
    public var totals: SyntheticNationalTotals

    /// Totals by collection year (synthetic children: no real person behind the counts).
    public var totalsTable: Table {
        var t = Table(title: "National totals by collection year (synthetic)",
                      columns: [Column("year", alignment: .left), Column("referrals"), Column("looked after during year"),
                                Column("looked after at 31 March")])
        for (i, y) in totals.years.enumerated() {
            t.append([.text(String(y)), .integer(totals.referrals[i]), .integer(totals.lookedAfterDuringYear[i]),
                      .integer(totals.lookedAfterAt31March[i])])
        }
        t.footnotes = ["\(totals.episodes) SSDA903 episodes written over the window"]
        return t
    }
}

/// One LA's rows (in the file formats) and counts.
struct SyntheticNationalLA: Sendable {
    var header = ""
    var episodes = ""
    var proceedings = ""
    var cin: [String]
    var headerRows = 0, episodeRows = 0, proceedingsRows = 0
    var cinRows: [Int]
    var populationAtEnd = 0
    var childrenReferred = 0
    var childrenLookedAfter = 0
    var totals: SyntheticNationalTotals

    init(censusYears: Int, years: Int) {
        cin = [String](repeating: "", count: censusYears)
        cinRows = [Int](repeating: 0, count: censusYears)
        totals = SyntheticNationalTotals(years: Array(0..<years))
    }

    /// Formats a child's written records (as ``SyntheticFileWriter`` does, without injected problems) and counts
    /// them.
    mutating func add(_ child: SyntheticChild, la: String, censusYears: [Int], censusBounds: [(Int, Int)], firstYear: Int) {
        if !child.referrals.isEmpty { childrenReferred += 1 }
        if !child.periods.isEmpty {
            childrenLookedAfter += 1
            header += SyntheticCSV.line(SyntheticFileWriter.headerFields(child, la: la))
            headerRows += 1
            for period in child.periods {
                for e in period.episodes {
                    episodes += SyntheticCSV.line(SyntheticFileWriter.episodeFields(e, id: child.id, end: e.end, la: la))
                    episodeRows += 1
                }
            }
        }
        for p in child.proceedings {
            proceedings += SyntheticCSV.line(SyntheticFileWriter.proceedingsFields(child, p, la: la))
            proceedingsRows += 1
        }
        for (c, year) in censusYears.enumerated() {
            let (yearStart, yearEnd) = censusBounds[c]
            for r in child.referrals where r.date <= yearEnd && (r.closure ?? Int.max) >= yearStart {
                cin[c] += SyntheticCSV.line(SyntheticFileWriter.cinFields(child, referral: r, year: year, la: la,
                                                                          id: child.id, closureMissing: false))
                cinRows[c] += 1
            }
        }
        totals.episodes += child.periods.reduce(0) { $0 + $1.episodes.count }
        for i in totals.years.indices {
            let yearStart = SyntheticCalendar.day(firstYear + i - 1, 4, 1)
            let yearEnd = SyntheticCalendar.day(firstYear + i, 3, 31)
            totals.referrals[i] += child.referrals.reduce(0) { $0 + ($1.date >= yearStart && $1.date <= yearEnd ? 1 : 0) }
            if child.periods.contains(where: { $0.start <= yearEnd && ($0.end ?? Int.max) >= yearStart }) {
                totals.lookedAfterDuringYear[i] += 1
            }
            if child.periods.contains(where: { $0.start <= yearEnd && ($0.end ?? Int.max) > yearEnd }) {
                totals.lookedAfterAt31March[i] += 1
            }
        }
    }
}

/// Result slots filled by the worker threads (each index by one worker only) and read after they finish.
final class SyntheticNationalSlots: @unchecked Sendable {
    private var slots: [Result<SyntheticNationalLA, SamplingError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<SyntheticNationalLA, SamplingError>) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> Result<SyntheticNationalLA, SamplingError>? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}

/// The streamed output files: header lines first, then each LA's rows appended in LA order.
struct SyntheticNationalSink {
    let directory: String
    let censusYears: [Int]
    private var handles: [String: FileHandle] = [:]
    private var rows: [String: Int] = [:]

    init(directory: String, censusYears: [Int]) throws(SyntheticError) {
        self.directory = directory
        self.censusYears = censusYears
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: error.localizedDescription)
        }
        // A stale outcomes.csv from a standard run would not belong to this data set.
        let outcomes = (directory as NSString).appendingPathComponent(SyntheticFileFormat.outcomes)
        if FileManager.default.fileExists(atPath: outcomes) {
            do { try FileManager.default.removeItem(atPath: outcomes) } catch {
                throw .writeFailed(path: outcomes, reason: error.localizedDescription)
            }
        }
        try open(SyntheticFileFormat.header, SyntheticFileFormat.headerColumns)
        try open(SyntheticFileFormat.episodes, SyntheticFileFormat.episodeColumns)
        for year in censusYears { try open(SyntheticFileFormat.cinCensus(year: year), SyntheticFileFormat.cinColumns) }
        try open(SyntheticFileFormat.proceedings, SyntheticFileFormat.proceedingsColumns)
    }

    private var names: [String] {
        [SyntheticFileFormat.header, SyntheticFileFormat.episodes]
            + censusYears.map { SyntheticFileFormat.cinCensus(year: $0) } + [SyntheticFileFormat.proceedings]
    }

    private mutating func open(_ name: String, _ columns: [String]) throws(SyntheticError) {
        try Self.write(SyntheticCSV.line(columns), to: name, in: directory)
        let path = (directory as NSString).appendingPathComponent(name)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .writeFailed(path: path, reason: "cannot open for writing")
        }
        do { _ = try handle.seekToEnd() } catch { throw .writeFailed(path: path, reason: error.localizedDescription) }
        handles[name] = handle
        rows[name] = 0
    }

    private mutating func append(_ text: String, rows count: Int, to name: String) throws(SyntheticError) {
        rows[name, default: 0] += count
        guard !text.isEmpty, let handle = handles[name] else { return }
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .writeFailed(path: (directory as NSString).appendingPathComponent(name), reason: error.localizedDescription)
        }
    }

    mutating func append(_ la: SyntheticNationalLA) throws(SyntheticError) {
        try append(la.header, rows: la.headerRows, to: SyntheticFileFormat.header)
        try append(la.episodes, rows: la.episodeRows, to: SyntheticFileFormat.episodes)
        for (c, year) in censusYears.enumerated() {
            try append(la.cin[c], rows: la.cinRows[c], to: SyntheticFileFormat.cinCensus(year: year))
        }
        try append(la.proceedings, rows: la.proceedingsRows, to: SyntheticFileFormat.proceedings)
    }

    /// Closes every file; returns them with their row counts, in the order of the standard mode.
    mutating func close() throws(SyntheticError) -> [SyntheticSummary.File] {
        for name in names {
            do { try handles[name]?.close() } catch {
                throw .writeFailed(path: (directory as NSString).appendingPathComponent(name), reason: error.localizedDescription)
            }
        }
        handles = [:]
        return names.map { SyntheticSummary.File(name: $0, rows: rows[$0] ?? 0) }
    }

    static func write(_ text: String, to name: String, in directory: String) throws(SyntheticError) {
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
