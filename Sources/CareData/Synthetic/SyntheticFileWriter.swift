import Foundation
import Reporting
import Sampling

/// Formats the simulated world as the synthetic files, applies the requested quality problems from the
/// injection sub-stream (the seeded generator after one `longJump()`), and writes everything.
struct SyntheticFileWriter {
    let generator: SyntheticGenerator
    let world: SyntheticWorld
    let directory: String
    var injection: Xoshiro256StarStar
    /// (eligible, injected) counts per problem kind.
    var injected: [String: [Int]] = ["missing_child_id": [0, 0], "overlapping_episode": [0, 0], "missing_closure_date": [0, 0]]

    init(generator: SyntheticGenerator, world: SyntheticWorld, directory: String) {
        self.generator = generator
        self.world = world
        self.directory = directory
        var stream = Xoshiro256StarStar(seed: generator.seed)
        stream.longJump()
        injection = stream
    }

    private mutating func inject(_ kind: String, rate: Double) -> Bool {
        injected[kind, default: [0, 0]][0] += 1
        guard rate > 0 else { return false }
        let hit = injection.uniform() < rate
        if hit { injected[kind, default: [0, 0]][1] += 1 }
        return hit
    }

    mutating func writeAll() throws(SyntheticError) -> SyntheticSummary {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: error.localizedDescription)
        }
        var files: [SyntheticSummary.File] = []
        let isoDate = SyntheticCalendar.isoString
        let problems = generator.qualityProblems
        let las = world.localAuthorities

        // SSDA903 header and episodes.
        var header = SyntheticCSV.line(SyntheticFileFormat.headerColumns)
        var episodes = SyntheticCSV.line(SyntheticFileFormat.episodeColumns)
        var headerRows = 0, episodeRows = 0
        for child in world.children where !child.periods.isEmpty {
            header += SyntheticCSV.line(Self.headerFields(child, la: las[child.laIndex].code))
            headerRows += 1
            for period in child.periods {
                for (i, e) in period.episodes.enumerated() {
                    var end = e.end
                    if e.reasonEnded == SyntheticCode.x1 && i + 1 < period.episodes.count,
                       inject("overlapping_episode", rate: problems.overlappingEpisodeRate), let d = end {
                        end = d + injection.uniformInteger(in: 1...30)
                    }
                    let id = inject("missing_child_id", rate: problems.missingChildIDRate) ? "" : child.id
                    episodes += SyntheticCSV.line(Self.episodeFields(e, id: id, end: end, la: las[child.laIndex].code))
                    episodeRows += 1
                }
            }
        }
        try write(header, to: SyntheticFileFormat.header)
        files.append(.init(name: SyntheticFileFormat.header, rows: headerRows))
        try write(episodes, to: SyntheticFileFormat.episodes)
        files.append(.init(name: SyntheticFileFormat.episodes, rows: episodeRows))

        // Which closed referral episodes lose their closure date (decided once per episode).
        var missingClosure: [[Bool]] = []
        for child in world.children {
            missingClosure.append(child.referrals.map { r in
                r.closure != nil ? inject("missing_closure_date", rate: problems.missingClosureDateRate) : false
            })
        }

        // CIN census, one file per census year.
        let firstCensus = max(generator.firstYear, SyntheticFileFormat.firstCINCensusYear)
        for year in firstCensus...max(firstCensus, generator.lastYear) where year <= generator.lastYear {
            let yearStart = SyntheticCalendar.day(year - 1, 4, 1)
            let yearEnd = SyntheticCalendar.day(year, 3, 31)
            var text = SyntheticCSV.line(SyntheticFileFormat.cinColumns)
            var rows = 0
            for (c, child) in world.children.enumerated() {
                let la = las[child.laIndex].code
                for (k, r) in child.referrals.enumerated() {
                    guard r.date <= yearEnd, (r.closure ?? Int.max) >= yearStart else { continue }
                    let id = inject("missing_child_id", rate: problems.missingChildIDRate) ? "" : child.id
                    text += SyntheticCSV.line(Self.cinFields(child, referral: r, year: year, la: la, id: id,
                                                             closureMissing: missingClosure[c][k]))
                    rows += 1
                }
            }
            let name = SyntheticFileFormat.cinCensus(year: year)
            try write(text, to: name)
            files.append(.init(name: name, rows: rows))
        }

        // Care proceedings.
        var proceedings = SyntheticCSV.line(SyntheticFileFormat.proceedingsColumns)
        var proceedingsRows = 0
        for child in world.children {
            for p in child.proceedings {
                proceedings += SyntheticCSV.line(Self.proceedingsFields(child, p, la: las[child.laIndex].code))
                proceedingsRows += 1
            }
        }
        try write(proceedings, to: SyntheticFileFormat.proceedings)
        files.append(.init(name: SyntheticFileFormat.proceedings, rows: proceedingsRows))

        // Local authorities.
        var laText = SyntheticCSV.line(SyntheticFileFormat.localAuthorityColumns)
        for (i, la) in las.enumerated() {
            laText += SyntheticCSV.line([la.code, la.name, String(world.populationAtEnd[i]),
                                         NumberFormatting.roundTrip(la.idaci) ?? "", NumberFormatting.roundTrip(la.imd) ?? ""])
        }
        try write(laText, to: SyntheticFileFormat.localAuthorities)
        files.append(.init(name: SyntheticFileFormat.localAuthorities, rows: las.count))

        // Outcomes.
        var outcomes = SyntheticCSV.line(SyntheticFileFormat.outcomeColumns)
        var cohort = 0
        for child in world.children {
            guard let o = child.outcome else { continue }
            outcomes += SyntheticCSV.line([
                child.id, las[child.laIndex].code, String(child.sex), isoDate(child.dob), child.ethnicity, String(o.sen),
                NumberFormatting.roundTrip(child.idaci) ?? "", SyntheticFileFormat.levels[o.level], String(o.attainment),
                String(o.absences), SyntheticFileFormat.convictionValues[o.convictions], String(o.disposal),
            ])
            cohort += 1
        }
        try write(outcomes, to: SyntheticFileFormat.outcomes)
        files.append(.init(name: SyntheticFileFormat.outcomes, rows: cohort))

        try write(truth(files: files).serialized() + "\n", to: SyntheticFileFormat.truth)
        files.append(.init(name: SyntheticFileFormat.truth, rows: 1))

        return SyntheticSummary(
            directory: directory, seed: generator.seed, files: files, children: generator.children,
            childrenReferred: world.children.filter { !$0.referrals.isEmpty }.count,
            childrenLookedAfter: world.children.filter { !$0.periods.isEmpty }.count,
            outcomeCohort: cohort, injected: injected)
    }

    /// The SSDA903 header row of a child looked after (UPN UN3 when first looked after before 5).
    static func headerFields(_ child: SyntheticChild, la: String) -> [String] {
        let firstEntry = child.periods[0].start
        let upn = firstEntry < SyntheticCalendar.adding(years: 5, to: child.dob) ? SyntheticCode.un3 : child.upn
        return [child.id, String(child.sex), SyntheticCalendar.ukString(child.dob), child.ethnicity, upn,
                child.sex == 2 ? "0" : "", "", la]
    }

    /// One SSDA903 episode row; `id` and `end` as written (the writer may blank the one and move the other).
    static func episodeFields(_ e: SyntheticEpisode, id: String, end: Int?, la: String) -> [String] {
        let ukDate = SyntheticCalendar.ukString
        return [id, ukDate(e.start), e.rne, e.legalStatus, e.need, e.place, e.provider, end.map(ukDate) ?? "",
                e.reasonEnded ?? "", e.placeChangeReason ?? "", e.homePostcode, e.placementPostcode, e.urn, la]
    }

    /// One CIN census row of referral episode `r` in census `year`: dates after the census year's end are blank.
    static func cinFields(_ child: SyntheticChild, referral r: SyntheticReferral, year: Int, la: String, id: String,
                          closureMissing: Bool) -> [String] {
        let isoDate = SyntheticCalendar.isoString
        let yearEnd = SyntheticCalendar.day(year, 3, 31)
        func d(_ x: Int?) -> String { x.flatMap { $0 <= yearEnd ? isoDate($0) : nil } ?? "" }
        let closed = r.closure.map { $0 <= yearEnd } ?? false
        let closure = closed && !closureMissing ? d(r.closure) : ""
        let age5 = SyntheticCalendar.adding(years: 5, to: child.dob)
        let cppShown = (r.cppStart ?? Int.max) <= yearEnd
        return [
            la, id, isoDate(r.date), r.source, r.need, r.nfa ? "true" : "false",
            d(r.assessmentStart), d(r.assessmentAuthorised), d(r.cinPlanStart),
            (r.cinPlanStart ?? Int.max) <= yearEnd ? d(r.cinPlanEnd) : "", d(r.s47Start), d(r.initialConference),
            d(r.cppStart), cppShown ? d(r.cppEnd) : "", cppShown ? (r.abuseInitial ?? "") : "",
            cppShown ? (r.abuseLatest ?? "") : "", closure, closed ? (r.closureReason ?? "") : "",
            r.date >= age5 ? child.upn : "", isoDate(child.dob), String(child.sex), child.ethnicity,
            child.disability, String(year),
        ]
    }

    /// One care-proceedings row.
    static func proceedingsFields(_ child: SyntheticChild, _ p: SyntheticProceedings, la: String) -> [String] {
        [child.id, la, SyntheticCalendar.isoString(p.application), p.finalOrder.map(SyntheticCalendar.isoString) ?? "",
         p.orderMade ?? ""]
    }

    private func truth(files: [SyntheticSummary.File]) -> JSONValue {
        let g = generator
        let problems = g.qualityProblems
        func counts(_ kind: String) -> JSONValue {
            let v = injected[kind] ?? [0, 0]
            return .object([("eligible", .number(Double(v[0]))), ("injected", .number(Double(v[1])))])
        }
        return .object([
            ("generator", .string("CareStat SyntheticGenerator")),
            ("format_version", .number(Double(SyntheticFileFormat.version))),
            ("seed", .string(String(g.seed))),
            ("children", .number(Double(g.children))),
            ("local_authorities", .number(Double(g.localAuthorities))),
            ("first_year", .number(Double(g.firstYear))),
            ("last_year", .number(Double(g.lastYear))),
            ("window_start", .string(SyntheticCalendar.isoString(world.windowStart))),
            ("data_end", .string(SyntheticCalendar.isoString(world.dataEnd))),
            ("random_streams", .string("Xoshiro256** seeded by SplitMix64(seed): as seeded -> LA random effects (per LA "
                + "in file order: contact, attainment, absence, conviction); after i+1 jump() -> child i (children in "
                + "LA order); after one longJump() -> problem injection")),
            ("files", .array(files.map { .object([("name", .string($0.name)), ("rows", .number(Double($0.rows)))]) })),
            ("parameters", g.parameters.json),
            ("la_random_effects", .array(world.localAuthorities.map { la in
                .object([("la", .string(la.code)), ("contact", .number(la.contactEffect)),
                         ("attainment", .number(la.attainmentEffect)), ("absence", .number(la.absenceEffect)),
                         ("conviction", .number(la.convictionEffect))])
            })),
            ("quality_problems", .object([
                ("missing_child_id_rate", .number(problems.missingChildIDRate)),
                ("overlapping_episode_rate", .number(problems.overlappingEpisodeRate)),
                ("missing_closure_date_rate", .number(problems.missingClosureDateRate)),
                ("missing_child_id", counts("missing_child_id")),
                ("overlapping_episode", counts("overlapping_episode")),
                ("missing_closure_date", counts("missing_closure_date")),
            ])),
        ])
    }

    private func write(_ text: String, to name: String) throws(SyntheticError) {
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
