import Foundation
public import Tabular

/// The input files of a validation or derivation, read and validated together. This is what the `carestat
/// validate` and `carestat derive` commands call, so that they stay thin.
public struct CareDataInputs: Sendable {
    /// SSDA903 episodes file (CSV).
    public var ssda903Path: String?
    /// SSDA903 header file; when nil, the file named like the episodes file with "episodes" → "header" is used
    /// if it exists.
    public var headerPath: String?
    /// CIN census files (e.g. one per census year) or directories of them: `.xml` is read as the XML message,
    /// anything else as the flat CSV; a directory contributes its `.csv` and `.xml` files in name order.
    public var cinPaths: [String]
    /// Directory of SOSCARE module files.
    public var soscareDirectory: String?
    public var localAuthoritiesPath: String?
    public var outcomesPath: String?
    public var proceedingsPath: String?
    /// The data's end when the user gives it (`--end-date`, `--collection-year`); nil: inferred per source
    /// (``DataEnd``) and stated.
    public var dataEnd: DataEnd?
    /// Set rows of the CSV files that cannot be read (wrong number of fields, unterminated quote, invalid
    /// UTF-8) aside as `malformed-row` issues, which go to the quarantine file, instead of stopping
    /// (`carestat validate --quarantine`). Off: the first such row is an error naming file and line.
    public var keepMalformedRows: Bool

    public init(ssda903Path: String? = nil, headerPath: String? = nil, cinPaths: [String] = [],
                soscareDirectory: String? = nil, localAuthoritiesPath: String? = nil, outcomesPath: String? = nil,
                proceedingsPath: String? = nil, dataEnd: DataEnd? = nil, keepMalformedRows: Bool = false) {
        self.ssda903Path = ssda903Path
        self.headerPath = headerPath
        self.cinPaths = cinPaths
        self.soscareDirectory = soscareDirectory
        self.localAuthoritiesPath = localAuthoritiesPath
        self.outcomesPath = outcomesPath
        self.proceedingsPath = proceedingsPath
        self.dataEnd = dataEnd
        self.keepMalformedRows = keepMalformedRows
    }

    /// The header file actually used (explicit, or beside the episodes file when it exists).
    public var resolvedHeaderPath: String? {
        if let headerPath { return headerPath }
        guard let p = ssda903Path, let beside = SSDA903Reader.headerPath(besideEpisodes: p),
              FileManager.default.fileExists(atPath: beside) else { return nil }
        return beside
    }

    /// Files of `paths`, with each directory replaced by its `.csv` and `.xml` files in name order.
    /// Whether the first line of a CSV file names the CIN census key columns.
    static func isCINCensusCSV(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        let firstLine = String(decoding: head.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        return firstLine.contains("LAchildID") && firstLine.contains("CINreferralDate")
    }

    static func expand(_ paths: [String]) throws(CareDataError) -> [String] {
        var out: [String] = []
        for p in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) else {
                throw .unreadableFile(path: p, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else { out.append(p); continue }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: p) } catch {
                throw .unreadableFile(path: p, reason: error.localizedDescription)
            }
            // A directory may hold other returns beside the census files (the synthetic set does): take the XML
            // files and the CSV files whose header names the CIN census key columns.
            let files = names.sorted().filter { name in
                let lower = name.lowercased()
                if lower.hasSuffix(".xml") { return true }
                guard lower.hasSuffix(".csv") else { return false }
                return isCINCensusCSV((p as NSString).appendingPathComponent(name))
            }
            if files.isEmpty {
                throw .unreadableFile(path: p, reason: "no CIN census file in the directory (XML, or CSV with LAchildID and CINreferralDate columns)")
            }
            out += files.map { (p as NSString).appendingPathComponent($0) }
        }
        return out
    }

    /// Reads and validates every given source; the result merges the SSDA903, CIN and SOSCARE validations
    /// (issues and counts concatenated; cleaned records of each source; each source's data end).
    ///
    /// The CIN census is read one file at a time (``CINValidator``): a file's rows are checked and reduced to
    /// what the cross-file rules need before the next file is read, so memory follows the largest file, not the
    /// census. `cinRecords` says which cleaned CIN records are kept: the full episodes (the default, for the
    /// derivations), ``CINSpell``s only (the state derivations at national scale), or none (`carestat validate`,
    /// which reports and quarantines). `progress` is told each file as it starts ("SSDA903 episodes: reading
    /// episodes.csv", "CIN census file 3 of 15: cin_census_2012.csv").
    public func validate(cinRecords: CleanedCINRecords = .episodes, progress: ((String) -> Void)? = nil)
        throws(CareDataError) -> Validation {
        var result = Validation()
        if let p = ssda903Path {
            progress?("SSDA903 episodes: reading \((p as NSString).lastPathComponent)")
            let (episodes, bad) = try SSDA903Reader.readEpisodes(path: p, keepingMalformedRows: keepMalformedRows)
            progress?("SSDA903 episodes: \(episodes.count) read; checking")
            let header = try resolvedHeaderPath.map { (h: String) throws(CareDataError) in
                try SSDA903Reader.readChildren(path: h, keepingMalformedRows: keepMalformedRows)
            }
            let v = Validation.ssda903(episodes: episodes, children: header?.records, dataEnd: dataEnd)
            result.issues += v.issues
            result.recordCounts.merge(v.recordCounts, uniquingKeysWith: +)
            result.add(malformed: bad, source: "episodes", file: "")
            if let header { result.add(malformed: header.malformed, source: "header", file: "") }
            result.episodes = v.episodes
            result.children = v.children
            result.dataEnd = v.dataEnd
        }
        if !cinPaths.isEmpty {
            let v = try validateCIN(keeping: cinRecords, progress: progress)
            result.issues += v.validation.issues
            result.recordCounts.merge(v.validation.recordCounts, uniquingKeysWith: +)
            for (p, rows) in v.malformed { result.add(malformed: rows, source: "cin", file: p) }
            result.cinEpisodes = v.validation.cinEpisodes
            result.cinSpells = v.validation.cinSpells
            result.unlistedSuperseded.merge(v.validation.unlistedSuperseded, uniquingKeysWith: +)
            result.cinDataEnd = v.validation.cinDataEnd
            result.cinCensusYears = v.validation.cinCensusYears
        }
        if let d = soscareDirectory {
            let v = Validation.soscare(try SOSCAREReader.read(directory: d))
            result.issues += v.issues
            result.recordCounts.merge(v.recordCounts, uniquingKeysWith: +)
            result.soscare = v.soscare
        }
        return result
    }
}

extension CareDataInputs {
    /// The CIN census files validated file by file, with the rows set aside as malformed per file. A second
    /// pass is made only when the first one's assumptions fail (``CINValidator``).
    func validateCIN(keeping: CleanedCINRecords, progress: ((String) -> Void)?)
        throws(CareDataError) -> (validation: Validation, malformed: [(String, [QuarantinedRow])]) {
        let files = try CareDataInputs.expand(cinPaths)
        func pass(_ end: DataEnd?, _ hasLA: Bool?, _ label: String)
            throws(CareDataError) -> (CINValidator.Outcome, [(String, [QuarantinedRow])]) {
            var validator = CINValidator(dataEnd: end, hasLA: hasLA, keeping: keeping)
            var bad: [(String, [QuarantinedRow])] = []
            // The next file is read on a second thread while this one is checked (two files in memory at most).
            let keep = keepMalformedRows
            let prefetch = CINFilePrefetch(files: files) { (p: String) throws(CareDataError) in
                if p.lowercased().hasSuffix(".xml") { return (try CINXMLReader.read(path: p), nil) }
                let r = try CINCensusReader.read(path: p, keepingMalformedRows: keep)
                return (r.records, r.malformed)
            }
            for (i, p) in files.enumerated() {
                progress?("CIN census file \(i + 1) of \(files.count)\(label): \((p as NSString).lastPathComponent)")
                let (records, malformed) = try prefetch.take(i)
                validator.add(records)
                if let malformed { bad.append((p, malformed)) }
            }
            return (validator.finish(), bad)
        }
        var (outcome, bad) = try pass(dataEnd, nil, "")
        if case .rerun(let facts) = outcome {
            (outcome, bad) = try pass(facts.dataEnd, facts.hasLA, " (second pass: the data's end is now known)")
        }
        guard case .done(let v) = outcome else {
            throw .invalidArgument("internal error: the CIN census validation did not settle after two passes")
        }
        return (v, bad)
    }
}

/// Reads files in order, one ahead of the caller on a background thread: ``take(_:)`` waits for file `i` and
/// starts reading file `i + 1`, so reading overlaps the caller's work and at most two files are held.
final class CINFilePrefetch: @unchecked Sendable {
    typealias Read = (records: [CINEpisode], malformed: [QuarantinedRow]?)
    private let files: [String]
    private let read: @Sendable (String) throws(CareDataError) -> Read
    private let queue = DispatchQueue(label: "carestat.cin-prefetch")
    private var results: [Int: Result<Read, CareDataError>] = [:]
    private var started = Set<Int>()
    private let lock = NSCondition()

    init(files: [String], read: @escaping @Sendable (String) throws(CareDataError) -> Read) {
        self.files = files
        self.read = read
        start(0)
    }

    private func start(_ i: Int) {
        guard i < files.count, !started.contains(i) else { return }
        started.insert(i)
        let path = files[i]
        queue.async { [self] in
            let r = Result { () throws(CareDataError) -> Read in try read(path) }
            lock.lock()
            results[i] = r
            lock.broadcast()
            lock.unlock()
        }
    }

    /// File `i`'s records (waiting for its read), after starting the read of file `i + 1`.
    func take(_ i: Int) throws(CareDataError) -> Read {
        lock.lock()
        start(i)
        start(i + 1)
        while results[i] == nil { lock.wait() }
        let r = results.removeValue(forKey: i)
        lock.unlock()
        switch r {
        case .success(let read)?: return read
        case .failure(let error)?: throw error
        case nil: throw .invalidArgument("internal error: CIN census file \(i + 1) was not read")
        }
    }
}

extension Validation {
    /// Records rows that could not be read as `malformed-row` issues (excluded; LA unknown), counted as read.
    mutating func add(malformed rows: [QuarantinedRow], source: String, file: String) {
        guard !rows.isEmpty else { return }
        recordCounts[RecordCountKey(source: source, la: ""), default: 0] += rows.count
        for r in rows {
            issues.append(ValidationIssue(source: source, file: file, row: r.line - 2, la: "", child: "", rule: .malformedRow,
                                          detail: r.reason, record: String(decoding: r.raw, as: UTF8.self)))
        }
    }
}

/// The derived datasets of `carestat derive`.
public enum DerivedDataset: String, CaseIterable, Sendable {
    case periods
    case returnToCare = "return-to-care"
    case interventionLevel = "intervention-level"
    case sequences
    case laCounts = "la-counts"
    case reReferrals = "re-referrals"
    case leavingCare = "leaving-care"
    case proceedings
    case courtReturns = "court-returns"
    /// The analysis file of an outcomes study (``OutcomeCohort``): intervention level joined to the outcomes
    /// file and the LA table.
    case outcomeCohort = "outcome-cohort"

    /// Whether the dataset needs SSDA903 episodes (re-referrals needs only the CIN census; intervention-level
    /// and outcome-cohort can use either).
    public var needsSSDA903: Bool { self != .reReferrals && self != .interventionLevel && self != .outcomeCohort }
    /// Whether the derivation reads the CIN census when given (the others never read it, so its records are
    /// neither validated nor reported for them).
    public var usesCIN: Bool { [.interventionLevel, .outcomeCohort, .sequences, .laCounts, .reReferrals].contains(self) }
    /// Whether the derivation reads SSDA903 files when given.
    public var usesSSDA903: Bool { self != .reReferrals }
    /// Whether the derivation builds periods of care.
    public var buildsPeriods: Bool { usesSSDA903 && self != .interventionLevel && self != .outcomeCohort }
    public var needsOutcomes: Bool { self == .outcomeCohort }
    public var needsCIN: Bool { self == .reReferrals }
    public var needsProceedings: Bool { self == .proceedings || self == .courtReturns }
}

/// Options of a derivation.
public struct DerivationOptions: Sendable {
    /// End of follow-up; default the data's end (``DataEnd``: given, else inferred and stated). It may not be
    /// after the data's end, where nothing is observed.
    public var censorDate: CivilDate?
    /// Window of `sequences` (default ages 0 to 18 years).
    public var window: SequenceWindow
    /// Wide `sequences` (one column per month) instead of long.
    public var wide: Bool
    /// The time step of `sequences` (default monthly).
    public var step: SequenceStep = .month
    /// The states of `sequences` (default ``SequenceStateScheme/careStates``).
    public var states: SequenceStateScheme = .careStates
    /// `intervention-level` counts only what happened before this birthday (e.g. 16, before GCSEs), from the
    /// outcomes file's DOB; nil counts every record.
    public var levelBeforeAge: Int?

    public init(censorDate: CivilDate? = nil, window: SequenceWindow = .ages(fromMonths: 0, toMonths: 216), wide: Bool = false,
                levelBeforeAge: Int? = nil) {
        self.censorDate = censorDate
        self.window = window
        self.wide = wide
        self.levelBeforeAge = levelBeforeAge
    }
}

/// A derived dataset with what it was built from: the named tables (the main one under "", `la-counts` also
/// "monthly"), the validation whose cleaned records were used, and the flow of records into the tables.
public struct Derivation: Sendable {
    public var tables: [(String, DataFrame)]
    public var validation: Validation
    public var flow: DerivationFlow
}

extension CareDataInputs {
    /// Reads, validates and derives `kind`, reading only the sources the derivation uses (``DerivedDataset/usesCIN``,
    /// ``DerivedDataset/usesSSDA903``). The censoring date is `options.censorDate`, else the data's end of the
    /// SSDA903 files (or of the CIN census for a CIN-only derivation); one record's date never moves it.
    /// `progress` is told each input file as it is read and each stage after.
    public func derive(_ kind: DerivedDataset, options: DerivationOptions = DerivationOptions(),
                       progress: ((String) -> Void)? = nil) throws(CareDataError) -> Derivation {
        var (v, periods, censor, flow) = try prepare(kind, options: options, progress: progress)
        progress?("deriving \(kind.rawValue)")
        func done(_ tables: [(String, DataFrame)]) -> Derivation { Derivation(tables: tables, validation: v, flow: flow) }
        switch kind {
        case .periods:
            return done([("", try PeriodsOfCare.table(periods, censorDate: censor))])
        case .returnToCare:
            let las = try localAuthoritiesPath.map { (p: String) throws(CareDataError) in try LocalAuthorityReader.read(path: p) } ?? []
            let (table, counts) = try ReturnToCare.derive(periods: periods, children: v.children, localAuthorities: las,
                                                          censorDate: censor)
            flow.returns = counts
            return done([("", table)])
        case .interventionLevel:
            let outcomes = try outcomesPath.map { (p: String) throws(CareDataError) in (p, try CSVText.read(path: p)) }
            return done([("", try levelTable(v, outcomes: outcomes, options: options))])
        case .outcomeCohort:
            guard let outcomesPath else { throw .invalidArgument("outcome-cohort needs an outcomes file") }
            let outcomes = (outcomesPath, try CSVText.read(path: outcomesPath))
            let levels = try levelTable(v, outcomes: outcomes, options: options)
            let las = try localAuthoritiesPath.map { (p: String) throws(CareDataError) in try LocalAuthorityReader.read(path: p) } ?? []
            return done([("", try OutcomeCohort.table(outcomes: outcomes.1, levels: levels, localAuthorities: las,
                                                      source: outcomesPath))])
        case .sequences:
            let c = try CareSequenceChildren(periods: periods, spells: v.cinSpells, children: v.children,
                                             window: options.window, censorDate: censor, step: options.step,
                                             scheme: options.states)
            return done([("", options.wide ? try CareSequences.wide(c) : try CareSequences.long(c))])
        case .laCounts:
            return done([("", try LACounts.annual(periods: periods, cin: v.cinEpisodes, censusYears: v.cinCensusYears,
                                                  censorDate: censor)),
                         ("monthly", try LACounts.monthly(periods: periods, children: v.children, censorDate: censor))])
        case .reReferrals:
            return done([("", try ReReferrals.table(v.cinEpisodes))])
        case .leavingCare:
            let proceedings = try proceedingsPath.map { (p: String) throws(CareDataError) in try CareProceedingsData.read(path: p) } ?? []
            return done([("", try CareProceedingsData.leavingCareCurve(periods: periods, proceedings: proceedings,
                                                                       censorDate: censor))])
        case .proceedings:
            let proceedings = try proceedingsPath.map { (p: String) throws(CareDataError) in try CareProceedingsData.read(path: p) } ?? []
            return done([("", try CareProceedingsData.journeys(periods: periods, proceedings: proceedings, censorDate: censor))])
        case .courtReturns:
            let proceedings = try proceedingsPath.map { (p: String) throws(CareDataError) in try CareProceedingsData.read(path: p) } ?? []
            return done([("", try CareProceedingsData.returnsToCourt(proceedings: proceedings, censorDate: censor))])
        }
    }

    /// The common start of every derivation: the inputs checked, read and validated (only the sources `kind`
    /// uses; CIN in ``CINSpell`` form for `sequences`), periods of care built, the censoring date settled and
    /// the flow of records begun.
    private func prepare(_ kind: DerivedDataset, options: DerivationOptions, progress: ((String) -> Void)?)
        throws(CareDataError) -> (Validation, [PeriodOfCare], CivilDate, DerivationFlow) {
        if kind.needsSSDA903 && ssda903Path == nil { throw .invalidArgument("\(kind.rawValue) needs an SSDA903 episodes file") }
        if kind.needsCIN && cinPaths.isEmpty { throw .invalidArgument("\(kind.rawValue) needs a CIN census file") }
        if kind.needsProceedings && proceedingsPath == nil { throw .invalidArgument("\(kind.rawValue) needs a proceedings file") }
        if kind.needsOutcomes && outcomesPath == nil { throw .invalidArgument("\(kind.rawValue) needs an outcomes file") }
        if (kind == .interventionLevel || kind == .outcomeCohort) && ssda903Path == nil && cinPaths.isEmpty {
            throw .invalidArgument("\(kind.rawValue) needs an SSDA903 or a CIN census file")
        }
        var read = self
        if !kind.usesCIN { read.cinPaths = [] }
        if !kind.usesSSDA903 { read.ssda903Path = nil; read.headerPath = nil }
        let v = try read.validate(cinRecords: kind == .sequences ? .spells : .episodes, progress: progress)
        let periods = PeriodsOfCare.build(v.episodes)
        if read.ssda903Path != nil { progress?("periods of care: \(periods.count) built from \(v.episodes.count) episodes") }
        let end = read.ssda903Path != nil ? v.dataEnd : v.cinDataEnd
        guard let end else { throw .invalidArgument("no usable records: every record failed validation") }
        if let c = options.censorDate, c > end.date {
            throw .invalidArgument("the censoring date \(c.isoString) is after the data's end \(end.date.isoString), "
                + "where nothing is observed; give an earlier date, or --end-date if the data run later")
        }
        let censor = options.censorDate ?? end.date
        let flow = DerivationFlow(sources: DerivationFlow.sources(of: v),
                                  periods: kind.buildsPeriods ? DerivationFlow.PeriodCounts(periods, censorDate: censor) : nil,
                                  dataEnd: end, censorDate: censor)
        return (v, periods, censor, flow)
    }

    /// The `sequences` derivation streamed to the CSV file `path` (``CareSequenceCSV``: long, or wide with
    /// `options.wide`), for inputs whose table would not fit in memory; the same rows as ``derive(_:options:)``.
    /// `threads` format blocks of children at once; `progress` is told each CIN file as it is read and the
    /// children written about every million. Returns the data rows written, the validation and the flow.
    public func writeSequences(options: DerivationOptions, to path: String, threads: Int = 1,
                               progress: ((String) -> Void)? = nil)
        throws(CareDataError) -> (rows: Int, validation: Validation, flow: DerivationFlow) {
        let (v, periods, censor, flow) = try prepare(.sequences, options: options, progress: progress)
        let c = try CareSequenceChildren(periods: periods, spells: v.cinSpells, children: v.children,
                                         window: options.window, censorDate: censor, step: options.step,
                                         scheme: options.states)
        let rows = try CareSequenceCSV.write(c, wide: options.wide, to: path, threads: threads) { done, total in
            progress?("sequences: \(done) of \(total) children written")
        }
        return (rows, v, flow)
    }
}

extension CareDataInputs {
    /// The outcomes-study analysis file (``OutcomeCohort``, the `outcome-cohort` derivation): the
    /// `intervention-level` derivation for the children of the outcomes file, counting records before
    /// `levelBeforeAge` (nil: every record), joined to the outcomes and the LA table. Needs `outcomesPath`; the LA
    /// table is optional (la_deprivation is missing without it).
    public func outcomeCohort(levelBeforeAge: Int?) throws(CareDataError) -> (table: DataFrame, validation: Validation) {
        let d = try derive(.outcomeCohort, options: DerivationOptions(levelBeforeAge: levelBeforeAge))
        return (d.tables[0].1, d.validation)
    }

    /// The intervention-level table for the outcomes population (or every child found), with the cutoffs of
    /// `options.levelBeforeAge`.
    private func levelTable(_ v: Validation, outcomes: (String, DataFrame)?,
                            options: DerivationOptions) throws(CareDataError) -> DataFrame {
        let population = try outcomes.map { (o: (String, DataFrame)) throws(CareDataError) in
            try OutcomesReader.population(from: o.1, source: o.0)
        }
        var cutoff: [ChildKey: CivilDate]?
        if let age = options.levelBeforeAge {
            guard let outcomes else {
                throw .invalidArgument("a level before age \(age) needs the outcomes file (with DOB) for the children's birthdays")
            }
            cutoff = try OutcomesReader.birthdays(at: age, from: outcomes.1, source: outcomes.0)
        }
        return try InterventionLevel.table(cin: v.cinEpisodes, episodes: v.episodes, population: population, before: cutoff)
    }
}
