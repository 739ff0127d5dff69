import Tabular

/// The CIN census validation of ``Validation/cin(_:dataEnd:)``, fed one file (census year) at a time so that a
/// national census (15 files, 15 million rows) is never held in memory at once.
///
/// Each file's records get their per-record checks when the file is added; what the cross-file rules need of a
/// record that passed (its child, census year, referral, closure and CPP dates, the codes its quarantine text
/// quotes, file and line) is kept in a 56-byte ``Kept`` value, and the full records are kept only when the caller
/// needs the cleaned episodes (`keeping`, the derivations: full records, or ``CINSpell``s for the state
/// derivations). Every record is counted when added, and every
/// record that does not pass ends up in an issue, as in the all-at-once path.
///
/// The per-record checks depend on two facts about all the files: the data's end (when not given) and whether any
/// record names its LA. When they are not known in advance, the validator assumes that every record's census
/// year is within the data (so its dates are checked against 31 March of that year) and that some record names
/// its LA, and checks the assumptions in ``finish()``: when one fails (a record without a census year, a census
/// year after the inferred end, or no LA anywhere), ``finish()`` returns the facts for a second pass over the
/// files with them given. Census files named by year that agree with their records, as returns are, need one pass.
struct CINValidator {
    /// The data's end: given by the user or by a first pass; nil while it is inferred as the files come.
    let dataEnd: DataEnd?
    /// Whether some record names its LA; nil while assumed (true) and checked at the end.
    let hasLA: Bool?
    /// Which cleaned records to keep (``Validation/cinEpisodes``, ``Validation/cinSpells``, or none).
    let keeping: CleanedCINRecords

    private(set) var issues: [ValidationIssue] = []
    private var counts: [Validation.RecordCountKey: Int] = [:]
    private var coverage: [String: Set<Int>] = [:]
    // Facts for the data's end and the assumptions.
    private var returnYearCounts: [Int: Int] = [:]
    private var startYearCounts: [Int: Int] = [:]
    private var latestStartByYear: [Int: CivilDate] = [:]
    private var sawMissingYear = false
    private var sawLA = false
    private var sawBlankLA = false
    /// After-data-end issues found against 31 March of a census year before the end was known: their detail
    /// says "its census year", which becomes "the data" when that 31 March is the end (as the one-pass check says).
    private var provisionalLate: [(issue: Int, upper: CivilDate)] = []

    // Interned values of the kept records.
    private var files: [String] = []
    private var childKeys: [ChildKey] = []
    private var childIndex: [ChildKey: Int32] = [:]
    private var codes: [String] = []
    private var codeIndex: [String: Int32] = [:]
    private var kept: [Kept] = []
    private var records: [CINEpisode] = []
    /// The birth date and in-need flag of each kept record (``CleanedCINRecords/spells``), beside ``kept``.
    private var spellFacts: [(birth: Int32, inNeed: Bool)] = []

    /// What the cross-file rules need of a record that passed the per-record checks. Dates are day numbers
    /// (``none`` for missing), codes index the interned texts (-1 for blank).
    struct Kept {
        static let none = Int32.min
        var child: Int32
        var file: Int32
        var row: Int32
        var censusYear: Int32
        var referral: Int32
        var closure: Int32
        var cppStart: Int32
        var cppEnd: Int32
        var referralSource: Int32
        var primaryNeed: Int32
        var reasonForClosure: Int32
        var nfa: Int8
    }

    init(dataEnd: DataEnd?, hasLA: Bool?, keeping: CleanedCINRecords) {
        self.dataEnd = dataEnd
        self.hasLA = hasLA
        self.keeping = keeping
    }

    /// Checks the records of one file (all with the same ``CINEpisode/file``; XML or CSV) and keeps what the
    /// cross-file rules need. Complexity: O(records).
    mutating func add(_ episodes: [CINEpisode]) {
        guard let file = episodes.first?.file else { return }
        let fileYear = addFacts(episodes)
        let fileID = Int32(files.count)
        files.append(file)
        for original in episodes { check(original, fileYear: fileYear, fileID: fileID) }
    }

    /// Notes what the data's end and the LA assumption need of one file's records, without checking them;
    /// returns the file's census year (where its name and most of its records agree on one).
    @discardableResult
    mutating func addFacts(_ episodes: [CINEpisode]) -> Int? {
        guard let file = episodes.first?.file else { return nil }
        var years: [Int: Int] = [:]
        for e in episodes { if let y = e.censusYear { years[y, default: 0] += 1 } }
        var fileYear: Int?
        if let y = Validation.yearInFileName(file), let n = years[y], 2 * n > years.values.reduce(0, +) { fileYear = y }
        for e in episodes {
            let y = (fileYear != nil && e.censusYear != nil) ? fileYear : e.censusYear
            if let y { returnYearCounts[y, default: 0] += 1 } else { sawMissingYear = true }
            if let d = e.referralDate.date, d >= earliestPlausibleDate {
                startYearCounts[d.collectionYear, default: 0] += 1
                latestStartByYear[d.collectionYear] = max(latestStartByYear[d.collectionYear] ?? d, d)
            }
            if e.la.isEmpty { sawBlankLA = true } else { sawLA = true }
        }
        return fileYear
    }

    /// The data's end inferred from the records added so far (``DataEnd/inferred(returnYears:startDates:)``).
    var inferredEnd: DataEnd? {
        DataEnd.inferred(returnYearCounts: returnYearCounts, startYearCounts: startYearCounts,
                         latestStartByYear: latestStartByYear)
    }

    /// The per-record checks of ``Validation/cin(_:dataEnd:)``. Hot loop (once per census row): no array is
    /// built per record, and the record's quarantine text is made only when it fails a check.
    private mutating func check(_ original: CINEpisode, fileYear: Int?, fileID: Int32) {
        var e = original
        counts[Validation.RecordCountKey(source: "cin", la: e.la), default: 0] += 1
        var bad = false
        var record: String?
        func fail(_ rule: ValidationRule, _ field: String, _ detail: String, excluded: Bool? = nil) {
            let ex = excluded ?? rule.excludesRecord
            if record == nil { record = original.recordText }
            issues.append(ValidationIssue(source: "cin", file: original.file, row: original.row, la: original.la,
                                          child: original.child ?? "", rule: rule, field: field, detail: detail,
                                          excluded: ex, record: record ?? ""))
            if ex { bad = true }
        }
        if e.child == nil { fail(.missingID, "LAchildID", "LAchildID blank") }
        if (hasLA ?? true) && e.la.isEmpty { fail(.missingLA, "LA", "LA blank while other records name their LA") }
        if let y = fileYear, let own = e.censusYear, own != y {
            fail(.yearMismatch, "CensusYear", "CensusYear \(own) in the census \(y) file; \(y) used")
            e.censusYear = y
        }
        if let y = e.censusYear, let end = dataEnd, y > end.collectionYear {
            fail(.afterDataEnd, "CensusYear", "CensusYear \(y) after the data's end \(end.date.isoString)")
        }
        if e.referralDate == .missing { fail(.missingDate, "CINreferralDate", "CINreferralDate blank") }
        let upper: CivilDate? = switch (dataEnd?.date, e.censusYear.map(CivilDate.thirtyFirstMarch)) {
        case let (a?, b?): min(a, b)
        case let (a, b): a ?? b
        }
        // Each date field in turn (inout, not through key paths: this runs for every census row).
        func checkDate(_ field: inout DateField, _ name: String, excludes: Bool) {
            switch field {
            case .missing: break
            case .invalid(let t):
                fail(.invalidDate, name, "\(name) = \(t)", excluded: excludes)
                if !excludes { field = .missing }
            case .valid(let d):
                // A birth date after the census is an expected birth of an unborn child, not impossible.
                let isLate = name != "PersonBirthDate" && (upper.map { d > $0 } ?? false)
                if d < earliestPlausibleDate {
                    fail(.impossibleDate, name, "\(name) = \(d.isoString)", excluded: excludes)
                    if !excludes { field = .missing }
                } else if isLate, let upper {
                    if dataEnd == nil { provisionalLate.append((issues.count, upper)) }
                    fail(.afterDataEnd, name, "\(name) \(d.isoString) after \(upper.isoString), the end of "
                         + (upper == dataEnd?.date ? "the data" : "its census year"), excluded: excludes)
                    if !excludes { field = .missing }
                }
            }
        }
        // The date fields in the order they are checked; a bad referral, closure or CPP date excludes the record,
        // a bad other date is blanked and reported.
        checkDate(&e.referralDate, "CINreferralDate", excludes: true)
        checkDate(&e.closureDate, "CINclosureDate", excludes: true)
        checkDate(&e.cppStartDate, "CPPstartDate", excludes: true)
        checkDate(&e.cppEndDate, "CPPendDate", excludes: true)
        checkDate(&e.assessmentStartDate, "AssessmentActualStartDate", excludes: false)
        checkDate(&e.assessmentAuthorisationDate, "AssessmentAuthorisationDate", excludes: false)
        checkDate(&e.cinPlanStartDate, "CINPlanStartDate", excludes: false)
        checkDate(&e.cinPlanEndDate, "CINPlanEndDate", excludes: false)
        checkDate(&e.s47StartDate, "S47ActualStartDate", excludes: false)
        checkDate(&e.birthDate, "PersonBirthDate", excludes: false)
        if let s = e.referralDate.date, let t = e.closureDate.date, t < s {
            fail(.invertedDates, "CINclosureDate", "CINclosureDate \(t.isoString) before CINreferralDate \(s.isoString)", excluded: true)
        }
        if let s = e.cppStartDate.date, let t = e.cppEndDate.date, t < s {
            fail(.invertedDates, "CPPendDate", "CPPendDate \(t.isoString) before CPPstartDate \(s.isoString)", excluded: true)
        }
        if let s = e.cinPlanStartDate.date, let t = e.cinPlanEndDate.date, t < s {
            fail(.invertedDates, "CINPlanEndDate", "CINPlanEndDate \(t.isoString) before CINPlanStartDate \(s.isoString)", excluded: false)
        }
        if let t = e.referralSourceCode, e.referralSource == nil { fail(.invalidCode, "ReferralSource", "ReferralSource = \(t)") }
        if let t = e.primaryNeedCodeText, e.primaryNeed == nil { fail(.invalidCode, "PrimaryNeedCode", "PrimaryNeedCode = \(t)") }
        if let t = e.reasonForClosureCode, e.reasonForClosure == nil { fail(.invalidCode, "ReasonForClosure", "ReasonForClosure = \(t)") }
        if let t = e.initialCategoryOfAbuseCode, e.initialCategoryOfAbuse == nil {
            fail(.invalidCode, "InitialCategoryOfAbuse", "InitialCategoryOfAbuse = \(t)")
        }
        if let t = e.latestCategoryOfAbuseCode, e.latestCategoryOfAbuse == nil {
            fail(.invalidCode, "LatestCategoryOfAbuse", "LatestCategoryOfAbuse = \(t)")
        }
        if let t = e.genderCode, e.gender == nil { fail(.invalidCode, "GenderCurrent", "GenderCurrent = \(t)") }
        if let t = e.ethnicityCode, e.ethnicity == nil { fail(.invalidCode, "Ethnicity", "Ethnicity = \(t)") }
        for d in e.disabilityCodes where Disability.parse(d) == nil { fail(.invalidCode, "Disabilities", "Disabilities = \(d)") }
        if e.referralNFA == nil { fail(.missingCode, "ReferralNFA", "ReferralNFA blank or not true/false/1/0") }
        if e.reasonForClosureCode != nil && e.closureDate == .missing {
            fail(.missingClosureDate, "CINclosureDate", "ReasonForClosure \(e.reasonForClosureCode ?? "") without CINclosureDate")
        }
        guard !bad else { return }
        if let y = e.censusYear { coverage[e.la, default: []].insert(y) }
        let key = e.key
        let child: Int32
        if let id = childIndex[key] { child = id } else {
            child = Int32(childKeys.count)
            childKeys.append(key)
            childIndex[key] = child
        }
        func day(_ f: DateField) -> Int32 { f.date.map { Int32($0.daysSinceEpoch) } ?? Kept.none }
        kept.append(Kept(child: child, file: fileID, row: Int32(truncatingIfNeeded: e.row),
                         censusYear: e.censusYear.map { Int32($0) } ?? Kept.none, referral: day(e.referralDate),
                         closure: day(e.closureDate), cppStart: day(e.cppStartDate), cppEnd: day(e.cppEndDate),
                         referralSource: intern(e.referralSourceCode), primaryNeed: intern(e.primaryNeedCodeText),
                         reasonForClosure: intern(e.reasonForClosureCode),
                         nfa: e.referralNFA.map { $0 ? 1 : 0 } ?? -1))
        switch keeping {
        case .none: break
        case .episodes: records.append(e)
        case .spells: spellFacts.append((birth: day(e.birthDate), inNeed: e.isChildInNeed))
        }
    }

    private mutating func intern(_ code: String?) -> Int32 {
        guard let code else { return -1 }
        if let i = codeIndex[code] { return i }
        let i = Int32(codes.count)
        codes.append(code)
        codeIndex[code] = i
        return i
    }

    /// What ``finish()`` gives: the validation, or a second pass to make.
    enum Outcome {
        case done(Validation)
        case rerun(Rerun)
    }

    /// The facts a second pass needs when an assumption failed (see the type's documentation).
    struct Rerun {
        var dataEnd: DataEnd?
        var hasLA: Bool
    }

    /// The validation after the last file: the cross-file rules (same episode in several census years, episodes
    /// that left the census unclosed, overlapping episodes), or the facts for a second pass when an assumption
    /// of the first failed. Complexity: O(n log n) for n records kept.
    func finish() -> Outcome {
        let end = dataEnd ?? inferredEnd
        let hasLA = self.hasLA ?? (sawLA || !sawBlankLA)
        let laAssumptionFailed = self.hasLA == nil && !sawLA && sawBlankLA
        let endAssumptionFailed = dataEnd == nil && end != nil
            && (sawMissingYear || (returnYearCounts.keys.max().map { $0 > end!.collectionYear } ?? false))
        if laAssumptionFailed || endAssumptionFailed { return .rerun(Rerun(dataEnd: end, hasLA: hasLA)) }

        var issues = self.issues
        var unlisted = 0
        if dataEnd == nil, let end {
            for (i, upper) in provisionalLate where upper == end.date {
                issues[i].detail = issues[i].detail.replacingSuffix("its census year", with: "the data")
            }
        }
        func text(_ k: Kept) -> String {
            let key = childKeys[Int(k.child)]
            func d(_ v: Int32) -> String { v == Kept.none ? "" : CivilDate(daysSinceEpoch: Int(v)).isoString }
            func c(_ v: Int32) -> String { v < 0 ? "" : codes[Int(v)] }
            return "LA=\(key.la); LAchildID=\(key.child); CINreferralDate=\(d(k.referral)); "
                + "ReferralSource=\(c(k.referralSource)); PrimaryNeedCode=\(c(k.primaryNeed)); "
                + "ReferralNFA=\(k.nfa < 0 ? "" : k.nfa == 1 ? "true" : "false"); "
                + "CPPstartDate=\(d(k.cppStart)); CPPendDate=\(d(k.cppEnd)); CINclosureDate=\(d(k.closure)); "
                + "ReasonForClosure=\(c(k.reasonForClosure)); CensusYear=\(k.censusYear == Kept.none ? "" : String(k.censusYear))"
        }
        func issue(_ k: Kept, _ rule: ValidationRule, field: String = "", _ detail: String) -> ValidationIssue {
            let key = childKeys[Int(k.child)]
            return ValidationIssue(source: "cin", file: files[Int(k.file)], row: Int(k.row), la: key.la, child: key.child,
                                   rule: rule, field: field, detail: detail, record: text(k))
        }

        // Same episode across census years → most recent record. Groups (child and referral date) in the order
        // of their first record; within a group, records in the order added.
        let byKey = kept.indices.sorted { a, b in
            let x = kept[a], y = kept[b]
            return (x.child, x.referral, a) < (y.child, y.referral, b)
        }
        var groups: [Range<Int>] = []
        var start = 0
        for i in (byKey.isEmpty ? [] : Array(1...byKey.count)) where i == byKey.count
            || (kept[byKey[i]].child, kept[byKey[i]].referral) != (kept[byKey[start]].child, kept[byKey[start]].referral) {
            if i > start { groups.append(start..<i) }
            start = i
        }
        groups.sort { byKey[$0.lowerBound] < byKey[$1.lowerBound] }
        func year(_ k: Kept) -> Int { k.censusYear == Kept.none ? Int.min : Int(k.censusYear) }
        var resolved: [Int] = []
        resolved.reserveCapacity(groups.count)
        for g in groups {
            let members = byKey[g]
            var keep = members[members.startIndex]
            for m in members.dropFirst() {
                let a = kept[keep], b = kept[m]
                if (year(a), files[Int(a.file)], a.row) < (year(b), files[Int(b.file)], b.row) { keep = m }
            }
            let k = kept[keep]
            for m in members where m != keep {
                let e = kept[m]
                if e.file == k.file && e.row == k.row { continue }
                let across = e.censusYear != k.censusYear
                if across && keeping == .spells { unlisted += 1; continue }
                let keepFile = files[Int(k.file)]
                issues.append(issue(e, across ? .repeatedAcrossReturns : .duplicateRecord, across
                    ? "superseded by census year \(k.censusYear == Kept.none ? "?" : String(k.censusYear)) (\(keepFile.isEmpty ? "" : keepFile + ", ")line \(Int(k.row) + 2))"
                    : "same LA, LAchildID, CINreferralDate as line \(Int(k.row) + 2)"))
            }
            resolved.append(keep)
        }

        // Episodes that left the census unclosed.
        var latestYear: [String: Int32] = [:]
        for i in resolved where kept[i].censusYear != Kept.none {
            let la = childKeys[Int(kept[i].child)].la
            latestYear[la] = max(latestYear[la] ?? kept[i].censusYear, kept[i].censusYear)
        }
        for i in resolved where kept[i].closure == Kept.none && kept[i].reasonForClosure < 0 {
            let e = kept[i]
            if e.censusYear != Kept.none, let last = latestYear[childKeys[Int(e.child)].la], e.censusYear < last {
                issues.append(issue(e, .missingClosureDate, field: "CINclosureDate",
                                    "last reported in census year \(e.censusYear), absent from \(last), no CINclosureDate"))
            }
        }

        // Overlapping episodes per child, children in key order.
        let byChild = resolved.sorted { a, b in
            let x = kept[a], y = kept[b]
            return (x.child, x.referral, x.row) < (y.child, y.referral, y.row)
        }
        var overlaps: [Int32: [ValidationIssue]] = [:]
        for j in byChild.indices.dropFirst() {
            let prev = kept[byChild[j - 1]], e = kept[byChild[j]]
            guard prev.child == e.child else { continue }
            let start = CivilDate(daysSinceEpoch: Int(e.referral))
            if prev.closure != Kept.none {
                if e.referral < prev.closure {
                    overlaps[e.child, default: []].append(issue(e, .overlappingEpisodes, field: "CINreferralDate",
                        "referred \(start.isoString), before the previous episode closed \(CivilDate(daysSinceEpoch: Int(prev.closure)).isoString)"))
                }
            } else {
                overlaps[e.child, default: []].append(issue(e, .overlappingEpisodes, field: "CINreferralDate",
                    "previous episode (referred \(CivilDate(daysSinceEpoch: Int(prev.referral)).isoString)) has no closure date"))
            }
        }
        for c in overlaps.keys.sorted(by: { childKeys[Int($0)] < childKeys[Int($1)] }) { issues += overlaps[c] ?? [] }

        var v = Validation(issues: issues, recordCounts: counts,
                           cinEpisodes: keeping == .episodes ? resolved.map { records[$0] } : [],
                           cinDataEnd: end, cinCensusYears: coverage)
        if keeping == .spells {
            v.cinSpells = resolved.map { i in
                let k = kept[i], f = spellFacts[i]
                return CINSpell(key: childKeys[Int(k.child)], referral: k.referral, closure: k.closure, cppStart: k.cppStart,
                                cppEnd: k.cppEnd, birth: f.birth, censusYear: k.censusYear, isChildInNeed: f.inNeed)
            }
            if unlisted > 0 { v.unlistedSuperseded["cin"] = unlisted }
        }
        return .done(v)
    }
}

extension String {
    /// The text with `suffix` replaced by `replacement` (unchanged when it does not end so).
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
