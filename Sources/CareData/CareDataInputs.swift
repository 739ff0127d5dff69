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

    public init(ssda903Path: String? = nil, headerPath: String? = nil, cinPaths: [String] = [],
                soscareDirectory: String? = nil, localAuthoritiesPath: String? = nil, outcomesPath: String? = nil,
                proceedingsPath: String? = nil) {
        self.ssda903Path = ssda903Path
        self.headerPath = headerPath
        self.cinPaths = cinPaths
        self.soscareDirectory = soscareDirectory
        self.localAuthoritiesPath = localAuthoritiesPath
        self.outcomesPath = outcomesPath
        self.proceedingsPath = proceedingsPath
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
    /// (issues and counts concatenated; cleaned records of each source).
    public func validate() throws(CareDataError) -> Validation {
        var result = Validation()
        if let p = ssda903Path {
            let episodes = try SSDA903Reader.readEpisodes(path: p)
            let children = try resolvedHeaderPath.map { (h: String) throws(CareDataError) in try SSDA903Reader.readChildren(path: h) }
            let v = Validation.ssda903(episodes: episodes, children: children)
            result.issues += v.issues
            result.recordCounts.merge(v.recordCounts, uniquingKeysWith: +)
            result.episodes = v.episodes
            result.children = v.children
        }
        if !cinPaths.isEmpty {
            var episodes: [CINEpisode] = []
            for p in try CareDataInputs.expand(cinPaths) {
                episodes += p.lowercased().hasSuffix(".xml") ? try CINXMLReader.read(path: p) : try CINCensusReader.read(path: p)
            }
            let v = Validation.cin(episodes)
            result.issues += v.issues
            result.recordCounts.merge(v.recordCounts, uniquingKeysWith: +)
            result.cinEpisodes = v.cinEpisodes
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
    /// The analysis file of an outcomes study (``OutcomeCohort``): intervention level joined to the outcomes
    /// file and the LA table.
    case outcomeCohort = "outcome-cohort"

    /// Whether the dataset needs SSDA903 episodes (re-referrals needs only the CIN census; intervention-level
    /// and outcome-cohort can use either).
    public var needsSSDA903: Bool { self != .reReferrals && self != .interventionLevel && self != .outcomeCohort }
    public var needsOutcomes: Bool { self == .outcomeCohort }
    public var needsCIN: Bool { self == .reReferrals }
    public var needsProceedings: Bool { self == .proceedings }
}

/// Options of a derivation.
public struct DerivationOptions: Sendable {
    /// End of observation; default ``PeriodsOfCare/defaultCensorDate(_:)`` (or the latest CIN date).
    public var censorDate: CivilDate?
    /// Window of `sequences` (default ages 0 to 18 years).
    public var window: SequenceWindow
    /// Wide `sequences` (one column per month) instead of long.
    public var wide: Bool
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

extension CareDataInputs {
    /// Reads, validates and derives `kind`. Returns the named tables (the main one under "", `la-counts` also
    /// "monthly") and the validation whose cleaned records were used.
    public func derive(_ kind: DerivedDataset, options: DerivationOptions = DerivationOptions())
        throws(CareDataError) -> (tables: [(String, DataFrame)], validation: Validation) {
        if kind.needsSSDA903 && ssda903Path == nil { throw .invalidArgument("\(kind.rawValue) needs an SSDA903 episodes file") }
        if kind.needsCIN && cinPaths.isEmpty { throw .invalidArgument("\(kind.rawValue) needs a CIN census file") }
        if kind.needsProceedings && proceedingsPath == nil { throw .invalidArgument("\(kind.rawValue) needs a proceedings file") }
        if kind.needsOutcomes && outcomesPath == nil { throw .invalidArgument("\(kind.rawValue) needs an outcomes file") }
        if (kind == .interventionLevel || kind == .outcomeCohort) && ssda903Path == nil && cinPaths.isEmpty {
            throw .invalidArgument("\(kind.rawValue) needs an SSDA903 or a CIN census file")
        }
        let v = try validate()
        let periods = PeriodsOfCare.build(v.episodes)
        let cinDates = v.cinEpisodes.flatMap { [$0.referralDate.date, $0.closureDate.date] }.compactMap { $0 }
        guard let censor = options.censorDate ?? PeriodsOfCare.defaultCensorDate(v.episodes)
            ?? v.cinEpisodes.compactMap(\.censusYear).max().map(CivilDate.thirtyFirstMarch) ?? cinDates.max() else {
            throw .invalidArgument("no usable records: every record failed validation")
        }
        switch kind {
        case .periods:
            return ([("", try PeriodsOfCare.table(periods, censorDate: censor))], v)
        case .returnToCare:
            let las = try localAuthoritiesPath.map { (p: String) throws(CareDataError) in try LocalAuthorityReader.read(path: p) } ?? []
            return ([("", try ReturnToCare.table(periods: periods, children: v.children, localAuthorities: las,
                                                 censorDate: censor))], v)
        case .interventionLevel:
            let outcomes = try outcomesPath.map { (p: String) throws(CareDataError) in (p, try CSVText.read(path: p)) }
            return ([("", try levelTable(v, outcomes: outcomes, options: options))], v)
        case .outcomeCohort:
            guard let outcomesPath else { throw .invalidArgument("outcome-cohort needs an outcomes file") }
            let outcomes = (outcomesPath, try CSVText.read(path: outcomesPath))
            let levels = try levelTable(v, outcomes: outcomes, options: options)
            let las = try localAuthoritiesPath.map { (p: String) throws(CareDataError) in try LocalAuthorityReader.read(path: p) } ?? []
            return ([("", try OutcomeCohort.table(outcomes: outcomes.1, levels: levels, localAuthorities: las,
                                                  source: outcomesPath))], v)
        case .sequences:
            let long = try CareSequences.long(periods: periods, cin: v.cinEpisodes, children: v.children,
                                              window: options.window, censorDate: censor)
            return ([("", options.wide ? try CareSequences.wide(long) : long)], v)
        case .laCounts:
            return ([("", try LACounts.annual(periods: periods, cin: v.cinEpisodes, censorDate: censor)),
                     ("monthly", try LACounts.monthly(periods: periods, children: v.children, censorDate: censor))], v)
        case .reReferrals:
            return ([("", try ReReferrals.table(v.cinEpisodes))], v)
        case .leavingCare:
            let proceedings = try proceedingsPath.map { (p: String) throws(CareDataError) in try CareProceedingsData.read(path: p) } ?? []
            return ([("", try CareProceedingsData.leavingCareCurve(periods: periods, proceedings: proceedings,
                                                                   censorDate: censor))], v)
        case .proceedings:
            let proceedings = try proceedingsPath.map { (p: String) throws(CareDataError) in try CareProceedingsData.read(path: p) } ?? []
            return ([("", try CareProceedingsData.journeys(periods: periods, proceedings: proceedings, censorDate: censor))], v)
        }
    }
}

extension CareDataInputs {
    /// The outcomes-study analysis file (``OutcomeCohort``, the `outcome-cohort` derivation): the
    /// `intervention-level` derivation for the children of the outcomes file, counting records before
    /// `levelBeforeAge` (nil: every record), joined to the outcomes and the LA table. Needs `outcomesPath`; the LA
    /// table is optional (la_deprivation is missing without it).
    public func outcomeCohort(levelBeforeAge: Int?) throws(CareDataError) -> (table: DataFrame, validation: Validation) {
        let (tables, validation) = try derive(.outcomeCohort, options: DerivationOptions(levelBeforeAge: levelBeforeAge))
        return (tables[0].1, validation)
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
