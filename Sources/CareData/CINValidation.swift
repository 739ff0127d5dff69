import Tabular

extension CINEpisode {
    var recordText: String {
        func d(_ f: DateField) -> String {
            switch f { case .missing: ""; case .valid(let x): x.isoString; case .invalid(let t): t }
        }
        return "LA=\(la); LAchildID=\(child ?? ""); CINreferralDate=\(d(referralDate)); "
            + "ReferralSource=\(referralSourceCode ?? ""); PrimaryNeedCode=\(primaryNeedCodeText ?? ""); "
            + "ReferralNFA=\(referralNFA.map { $0 ? "true" : "false" } ?? ""); "
            + "CPPstartDate=\(d(cppStartDate)); CPPendDate=\(d(cppEndDate)); CINclosureDate=\(d(closureDate)); "
            + "ReasonForClosure=\(reasonForClosureCode ?? ""); CensusYear=\(censusYear.map(String.init) ?? "")"
    }
}

extension Validation {
    /// Validates CIN census episodes and builds the cleaned episodes.
    ///
    /// Census years first. A file whose name holds one year (`cin_census_2017.csv`) that most of its records
    /// carry as CensusYear is that year's return: its records with another CensusYear are `year-mismatch`, and
    /// the file's year is used for them (else one record of 2030 would end the data in 2030 and flag every
    /// open episode of its LA as having left the census). The data's end is `dataEnd`, or else inferred from
    /// the census years (``DataEnd/inferred(returnYears:startDates:)``, which sets stray years aside); a
    /// CensusYear after it is `after-data-end` and excludes the record.
    ///
    /// Per record: LAchildID present; LA present when other records name theirs (`missing-la`);
    /// CINreferralDate present and a date; every date readable, not before 1900 (`impossible-date`) and not
    /// after 31 March of the record's census year or the data's end (`after-data-end`); CINclosureDate not
    /// before CINreferralDate, CPPendDate not before CPPstartDate, CINPlanEndDate not before CINPlanStartDate;
    /// codes in their lists; ReferralNFA given. Unreadable or out-of-range referral, closure and CPP dates
    /// exclude the record; unreadable or out-of-range other dates (assessment, plan, s47, birth) are blanked
    /// and reported. The same episode (LA + LAchildID + CINreferralDate) in several census years is resolved to
    /// the most recent census year's record (`repeated-across-returns`, the expected shape of the census, for
    /// the others); twice in one census year is `duplicate-record` (last row kept). After resolution: a
    /// ReasonForClosure without CINclosureDate, or an episode whose latest record is from a census year before
    /// the LA's latest and that has no closure date (it left the census unclosed), is `missing-closure-date`;
    /// an episode referred before the child's previous episode closed (or while it is unclosed) is
    /// `overlapping-episodes` (seed 002 reports 8.6 %).
    /// Complexity: O(n log n).
    public static func cin(_ input: [CINEpisode], dataEnd given: DataEnd? = nil) -> Validation {
        var issues: [ValidationIssue] = []
        var counts: [RecordCountKey: Int] = [:]
        var cleaned: [CINEpisode] = []
        let episodes = input
        // Each file's census year, where its name and most of its records agree on one.
        var fileYear: [String: Int] = [:]
        var yearsByFile: [String: [Int: Int]] = [:]
        for e in episodes { if let y = e.censusYear { yearsByFile[e.file, default: [:]][y, default: 0] += 1 } }
        for (file, years) in yearsByFile {
            guard let y = Validation.yearInFileName(file), let n = years[y],
                  2 * n > years.values.reduce(0, +) else { continue }
            fileYear[file] = y
        }
        var mismatched = Set<Int>()
        for i in episodes.indices {
            guard let y = fileYear[episodes[i].file], let own = episodes[i].censusYear, own != y else { continue }
            mismatched.insert(i)
        }
        let dataEnd = given ?? DataEnd.inferred(
            returnYears: episodes.indices.compactMap { mismatched.contains($0) ? fileYear[episodes[$0].file] : episodes[$0].censusYear },
            startDates: episodes.compactMap { $0.referralDate.date }.filter { $0 >= earliestPlausibleDate })
        let hasLA = episodes.contains { !$0.la.isEmpty }
        var coverage: [String: Set<Int>] = [:]
        for index in episodes.indices {
            var e = episodes[index]
            counts[RecordCountKey(source: "cin", la: e.la), default: 0] += 1
            var bad = false
            let record = e.recordText
            func fail(_ rule: ValidationRule, _ field: String, _ detail: String, excluded: Bool? = nil) {
                let ex = excluded ?? rule.excludesRecord
                issues.append(ValidationIssue(source: "cin", file: e.file, row: e.row, la: e.la, child: e.child ?? "", rule: rule,
                                              field: field, detail: detail, excluded: ex, record: record))
                if ex { bad = true }
            }
            if e.child == nil { fail(.missingID, "LAchildID", "LAchildID blank") }
            if hasLA && e.la.isEmpty { fail(.missingLA, "LA", "LA blank while other records name their LA") }
            if mismatched.contains(index), let y = fileYear[e.file] {
                fail(.yearMismatch, "CensusYear", "CensusYear \(e.censusYear ?? 0) in the census \(y) file; \(y) used")
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
            let keyDates: Set<String> = ["CINreferralDate", "CINclosureDate", "CPPstartDate", "CPPendDate"]
            let dateFields: [(String, WritableKeyPath<CINEpisode, DateField>)] = [
                ("CINreferralDate", \.referralDate), ("CINclosureDate", \.closureDate), ("CPPstartDate", \.cppStartDate),
                ("CPPendDate", \.cppEndDate), ("AssessmentActualStartDate", \.assessmentStartDate),
                ("AssessmentAuthorisationDate", \.assessmentAuthorisationDate), ("CINPlanStartDate", \.cinPlanStartDate),
                ("CINPlanEndDate", \.cinPlanEndDate), ("S47ActualStartDate", \.s47StartDate), ("PersonBirthDate", \.birthDate),
            ]
            for (name, path) in dateFields {
                let excludes = keyDates.contains(name)
                switch e[keyPath: path] {
                case .missing: break
                case .invalid(let t):
                    fail(.invalidDate, name, "\(name) = \(t)", excluded: excludes)
                    if !excludes { e[keyPath: path] = .missing }
                case .valid(let d):
                    // A birth date after the census is an expected birth of an unborn child, not impossible.
                    let late = name != "PersonBirthDate" && (upper.map { d > $0 } ?? false)
                    if d < earliestPlausibleDate {
                        fail(.impossibleDate, name, "\(name) = \(d.isoString)", excluded: excludes)
                        if !excludes { e[keyPath: path] = .missing }
                    } else if late, let upper {
                        fail(.afterDataEnd, name, "\(name) \(d.isoString) after \(upper.isoString), the end of "
                             + (upper == dataEnd?.date ? "the data" : "its census year"), excluded: excludes)
                        if !excludes { e[keyPath: path] = .missing }
                    }
                }
            }
            for (a, b, sa, sb, excludes) in [
                (e.referralDate, e.closureDate, "CINreferralDate", "CINclosureDate", true),
                (e.cppStartDate, e.cppEndDate, "CPPstartDate", "CPPendDate", true),
                (e.cinPlanStartDate, e.cinPlanEndDate, "CINPlanStartDate", "CINPlanEndDate", false),
            ] {
                if let s = a.date, let t = b.date, t < s {
                    fail(.invertedDates, sb, "\(sb) \(t.isoString) before \(sa) \(s.isoString)", excluded: excludes)
                }
            }
            let codes: [(String, String?, Bool)] = [
                ("ReferralSource", e.referralSourceCode, e.referralSource != nil),
                ("PrimaryNeedCode", e.primaryNeedCodeText, e.primaryNeed != nil),
                ("ReasonForClosure", e.reasonForClosureCode, e.reasonForClosure != nil),
                ("InitialCategoryOfAbuse", e.initialCategoryOfAbuseCode, e.initialCategoryOfAbuse != nil),
                ("LatestCategoryOfAbuse", e.latestCategoryOfAbuseCode, e.latestCategoryOfAbuse != nil),
                ("GenderCurrent", e.genderCode, e.gender != nil),
                ("Ethnicity", e.ethnicityCode, e.ethnicity != nil),
            ]
            for (name, text, valid) in codes { if let t = text, !valid { fail(.invalidCode, name, "\(name) = \(t)") } }
            for d in e.disabilityCodes where Disability.parse(d) == nil { fail(.invalidCode, "Disabilities", "Disabilities = \(d)") }
            if e.referralNFA == nil { fail(.missingCode, "ReferralNFA", "ReferralNFA blank or not true/false/1/0") }
            if e.reasonForClosureCode != nil && e.closureDate == .missing {
                fail(.missingClosureDate, "CINclosureDate", "ReasonForClosure \(e.reasonForClosureCode ?? "") without CINclosureDate")
            }
            if !bad {
                cleaned.append(e)
                if let y = e.censusYear { coverage[e.la, default: []].insert(y) }
            }
        }

        // Same episode across census years → most recent record.
        var groups: [String: [CINEpisode]] = [:]
        var order: [String] = []
        for e in cleaned {
            let k = "\(e.la)\u{1}\(e.child ?? "")\u{1}\(e.referralDate.date?.daysSinceEpoch ?? 0)"
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(e)
        }
        var resolved: [CINEpisode] = []
        for k in order {
            guard let group = groups[k],
                  let keep = group.max(by: { ($0.censusYear ?? Int.min, $0.file, $0.row) < ($1.censusYear ?? Int.min, $1.file, $1.row) })
            else { continue }
            for e in group where (e.file, e.row) != (keep.file, keep.row) {
                let rule: ValidationRule = (e.censusYear != keep.censusYear) ? .repeatedAcrossReturns : .duplicateRecord
                issues.append(ValidationIssue(source: "cin", file: e.file, row: e.row, la: e.la, child: e.child ?? "", rule: rule,
                    detail: rule == .repeatedAcrossReturns
                        ? "superseded by census year \(keep.censusYear.map(String.init) ?? "?") (\(keep.file.isEmpty ? "" : keep.file + ", ")line \(keep.row + 2))"
                        : "same LA, LAchildID, CINreferralDate as line \(keep.row + 2)",
                    record: e.recordText))
            }
            resolved.append(keep)
        }

        // Episodes that left the census unclosed.
        var latestYear: [String: Int] = [:]
        for e in resolved { if let y = e.censusYear { latestYear[e.la] = max(latestYear[e.la] ?? y, y) } }
        for e in resolved where e.closureDate == .missing && e.reasonForClosureCode == nil {
            if let y = e.censusYear, let last = latestYear[e.la], y < last {
                issues.append(ValidationIssue(source: "cin", file: e.file, row: e.row, la: e.la, child: e.child ?? "",
                    rule: .missingClosureDate, field: "CINclosureDate",
                    detail: "last reported in census year \(y), absent from \(last), no CINclosureDate", record: e.recordText))
            }
        }

        // Overlapping episodes per child.
        var byChild: [ChildKey: [CINEpisode]] = [:]
        for e in resolved { byChild[e.key, default: []].append(e) }
        for (_, list) in byChild.sorted(by: { $0.key < $1.key }) {
            let s = list.sorted { ($0.referralDate.date?.daysSinceEpoch ?? 0, $0.row) < ($1.referralDate.date?.daysSinceEpoch ?? 0, $1.row) }
            for i in s.indices.dropFirst() {
                let prev = s[i - 1], e = s[i]
                guard let start = e.referralDate.date else { continue }
                if let end = prev.closureDate.date {
                    if start < end {
                        issues.append(ValidationIssue(source: "cin", file: e.file, row: e.row, la: e.la, child: e.child ?? "",
                            rule: .overlappingEpisodes, field: "CINreferralDate",
                            detail: "referred \(start.isoString), before the previous episode closed \(end.isoString)",
                            record: e.recordText))
                    }
                } else {
                    issues.append(ValidationIssue(source: "cin", file: e.file, row: e.row, la: e.la, child: e.child ?? "",
                        rule: .overlappingEpisodes, field: "CINreferralDate",
                        detail: "previous episode (referred \(prev.referralDate.date?.isoString ?? "")) has no closure date",
                        record: e.recordText))
                }
            }
        }
        return Validation(issues: issues, recordCounts: counts, cinEpisodes: resolved, cinDataEnd: dataEnd,
                          cinCensusYears: coverage)
    }

    /// The year in a file's name when the name (without directories) holds exactly one run of four digits
    /// from 1990 to 2099 (`cin_census_2017.csv` → 2017; `cin_2016_2017.csv` → nil).
    static func yearInFileName(_ path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var runs: [Int] = [], value = 0, width = 0
        for c in name.utf8 + [0] {
            if c >= 0x30 && c <= 0x39 { value = value * 10 + Int(c - 0x30); width += 1; continue }
            if width == 4 && (1990...2099).contains(value) { runs.append(value) }
            value = 0; width = 0
        }
        return runs.count == 1 ? runs[0] : nil
    }
}
