public import Tabular

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
    /// Per record: LAchildID present; CINreferralDate present and a date; every date readable and not before
    /// 1900 or after 31 March of the record's census year (or `referenceDate`); CINclosureDate not before
    /// CINreferralDate, CPPendDate not before CPPstartDate, CINPlanEndDate not before CINPlanStartDate; codes in
    /// their lists; ReferralNFA given. Unreadable or impossible referral, closure and CPP dates exclude the record;
    /// unreadable or impossible other dates (assessment, plan, s47, birth) are blanked and reported.
    /// The same episode (LA + LAchildID + CINreferralDate) in several census years is resolved to the most recent
    /// census year's record (`repeated-across-returns` for the others); twice in one census year is
    /// `duplicate-record` (last row kept). After resolution: a ReasonForClosure without CINclosureDate, or an
    /// episode whose latest record is from a census year before the LA's latest and that has no closure date
    /// (it left the census unclosed), is `missing-closure-date`; an episode referred before the child's previous
    /// episode closed (or while it is unclosed) is `overlapping-episodes` (seed 002 reports 8.6 %).
    /// Complexity: O(n log n).
    public static func cin(_ episodes: [CINEpisode], referenceDate: CivilDate? = nil) -> Validation {
        var issues: [ValidationIssue] = []
        var counts: [RecordCountKey: Int] = [:]
        var cleaned: [CINEpisode] = []
        for var e in episodes {
            counts[RecordCountKey(source: "cin", la: e.la), default: 0] += 1
            var bad = false
            let record = e.recordText
            func fail(_ rule: ValidationRule, _ field: String, _ detail: String, excluded: Bool? = nil) {
                let ex = excluded ?? rule.excludesRecord
                issues.append(ValidationIssue(source: "cin", row: e.row, la: e.la, child: e.child ?? "", rule: rule,
                                              field: field, detail: detail, excluded: ex, record: record))
                if ex { bad = true }
            }
            if e.child == nil { fail(.missingID, "LAchildID", "LAchildID blank") }
            if e.referralDate == .missing { fail(.missingDate, "CINreferralDate", "CINreferralDate blank") }
            let upper = referenceDate ?? e.censusYear.map(CivilDate.thirtyFirstMarch)
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
                    if d < earliestPlausibleDate || late {
                        fail(.impossibleDate, name, "\(name) = \(d.isoString)", excluded: excludes)
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
            if !bad { cleaned.append(e) }
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
                  let keep = group.max(by: { ($0.censusYear ?? Int.min, $0.row) < ($1.censusYear ?? Int.min, $1.row) })
            else { continue }
            for e in group where e.row != keep.row {
                let rule: ValidationRule = (e.censusYear != keep.censusYear) ? .repeatedAcrossReturns : .duplicateRecord
                issues.append(ValidationIssue(source: "cin", row: e.row, la: e.la, child: e.child ?? "", rule: rule,
                    detail: rule == .repeatedAcrossReturns
                        ? "superseded by census year \(keep.censusYear.map(String.init) ?? "?") (line \(keep.row + 2))"
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
                issues.append(ValidationIssue(source: "cin", row: e.row, la: e.la, child: e.child ?? "",
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
                        issues.append(ValidationIssue(source: "cin", row: e.row, la: e.la, child: e.child ?? "",
                            rule: .overlappingEpisodes, field: "CINreferralDate",
                            detail: "referred \(start.isoString), before the previous episode closed \(end.isoString)",
                            record: e.recordText))
                    }
                } else {
                    issues.append(ValidationIssue(source: "cin", row: e.row, la: e.la, child: e.child ?? "",
                        rule: .overlappingEpisodes, field: "CINreferralDate",
                        detail: "previous episode (referred \(prev.referralDate.date?.isoString ?? "")) has no closure date",
                        record: e.recordText))
                }
            }
        }
        return Validation(issues: issues, recordCounts: counts, cinEpisodes: resolved)
    }
}
