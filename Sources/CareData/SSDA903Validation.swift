public import Tabular

extension SSDA903Episode {
    /// The record as `NAME=value` pairs (for the quarantine file).
    var recordText: String {
        func d(_ f: DateField) -> String {
            switch f { case .missing: ""; case .valid(let x): x.isoString; case .invalid(let t): t }
        }
        return "LA=\(la); CHILD=\(child ?? ""); DECOM=\(d(decom)); RNE=\(rneCode ?? ""); LS=\(lsCode ?? ""); "
            + "CIN=\(cinCode ?? ""); PLACE=\(placeCode ?? ""); PLACE_PROVIDER=\(placeProviderCode ?? ""); "
            + "DEC=\(d(dec)); REC=\(recCode ?? ""); REASON_PLACE_CHANGE=\(reasonPlaceChangeCode ?? ""); "
            + "YEAR=\(year.map(String.init) ?? "")"
    }
}

extension SSDA903Child {
    var recordText: String {
        let d: String = switch dob { case .missing: ""; case .valid(let x): x.isoString; case .invalid(let t): t }
        return "LA=\(la); CHILD=\(child ?? ""); SEX=\(sexCode ?? ""); DOB=\(d); ETHNIC=\(ethnicCode ?? "")"
    }
}

/// The earliest date accepted in any file (earlier dates are "impossible").
let earliestPlausibleDate = CivilDate(daysSinceEpoch: -25_567) // 1900-01-01

extension Validation {
    /// Validates SSDA903 episodes (and the header, when given) and builds the cleaned data.
    ///
    /// Checks, per episode: CHILD present; DECOM present and a date; DEC a date when given; no date before
    /// 1900 or after `referenceDate`; DEC not before DECOM; RNE, LS, PLACE present; every code in its list
    /// (CIN N1–N8); DEC and REC both given or both blank. Episodes repeated in several years' returns (same LA,
    /// CHILD, DECOM, different YEAR) are resolved to the record of the latest return, which holds the final DEC
    /// and REC; the earlier copies are reported as `repeated-across-returns`. Two rows with the same key in one
    /// return are `duplicate-record` (the last row is kept). Then, over each child's remaining episodes in DECOM
    /// order: an episode starting before the previous one ended (or while it is open) is `overlapping-episodes`;
    /// rule 388 (csc-validator-be-903 `rule_388.py`): REC X1 must be followed by an episode starting on DEC, an
    /// episode starting on the previous DEC requires the previous REC to be X1, and the last episode with a DEC
    /// must not end X1. With a header: DOB after DECOM, children with no header row, and header rows (CHILD,
    /// DOB, SEX, ETHNIC codes; repeated rows across years agreeing on DOB and SEX are merged, conflicting ones are
    /// `duplicate-record`).
    ///
    /// `referenceDate` defaults to 31 March of the largest YEAR when the file has YEAR, else no upper limit.
    /// Complexity: O(n log n) for n episodes.
    public static func ssda903(episodes: [SSDA903Episode], children: [SSDA903Child]? = nil,
                               referenceDate: CivilDate? = nil) -> Validation {
        var issues: [ValidationIssue] = []
        var counts: [RecordCountKey: Int] = [:]
        let reference = referenceDate ?? episodes.compactMap(\.year).max().map(CivilDate.thirtyFirstMarch)
        func issue(_ e: SSDA903Episode, _ rule: ValidationRule, _ field: String, _ detail: String) {
            issues.append(ValidationIssue(source: "episodes", row: e.row, la: e.la, child: e.child ?? "", rule: rule,
                                          field: field, detail: detail, record: e.recordText))
        }
        var excluded = Set<Int>()
        for e in episodes {
            counts[RecordCountKey(source: "episodes", la: e.la), default: 0] += 1
            var bad = false
            func fail(_ rule: ValidationRule, _ field: String, _ detail: String) {
                issue(e, rule, field, detail)
                if rule.excludesRecord { bad = true }
            }
            if e.child == nil { fail(.missingID, "CHILD", "CHILD blank") }
            for (name, f) in [("DECOM", e.decom), ("DEC", e.dec)] {
                switch f {
                case .missing: if name == "DECOM" { fail(.missingDate, name, "DECOM blank") }
                case .invalid(let t): fail(.invalidDate, name, "\(name) = \(t)")
                case .valid(let d):
                    if d < earliestPlausibleDate || (reference.map { d > $0 } ?? false) {
                        fail(.impossibleDate, name, "\(name) = \(d.isoString)")
                    }
                }
            }
            if let a = e.decom.date, let b = e.dec.date, b < a {
                fail(.invertedDates, "DEC", "DEC \(b.isoString) before DECOM \(a.isoString)")
            }
            let codes: [(String, String?, Bool, Bool)] = [
                ("RNE", e.rneCode, e.reasonNewEpisode != nil, true),
                ("LS", e.lsCode, e.legalStatus != nil, true),
                ("CIN", e.cinCode, e.categoryOfNeed?.isValidInSSDA903 ?? false, false),
                ("PLACE", e.placeCode, e.placement != nil, true),
                ("PLACE_PROVIDER", e.placeProviderCode, e.placementProvider != nil, false),
                ("REC", e.recCode, e.reasonCeased != nil, false),
                ("REASON_PLACE_CHANGE", e.reasonPlaceChangeCode, e.reasonPlaceChange != nil, false),
            ]
            for (name, text, valid, required) in codes {
                if let t = text { if !valid { fail(.invalidCode, name, "\(name) = \(t)") } }
                else if required { fail(.missingCode, name, "\(name) blank") }
            }
            if e.dec != .missing && e.recCode == nil { fail(.missingCode, "REC", "DEC given, REC blank") }
            if e.dec == .missing && e.recCode != nil { fail(.missingCode, "DEC", "REC given, DEC blank") }
            if bad { excluded.insert(e.row) }
        }

        // Repeated episodes across returns, and duplicates within one return.
        var byKey: [String: [SSDA903Episode]] = [:]
        for e in episodes where !excluded.contains(e.row) {
            byKey["\(e.la)\u{1}\(e.child ?? "")\u{1}\(e.decom.date?.daysSinceEpoch ?? 0)", default: []].append(e)
        }
        for (_, group) in byKey where group.count > 1 {
            // The kept record: latest YEAR, then a DEC given, then later DEC, then later row.
            guard let keep = group.max(by: { a, b in
                ((a.year ?? Int.min), a.dec.date != nil ? 1 : 0, a.dec.date?.daysSinceEpoch ?? 0, a.row)
                    < ((b.year ?? Int.min), b.dec.date != nil ? 1 : 0, b.dec.date?.daysSinceEpoch ?? 0, b.row)
            }) else { continue }
            for e in group where e.row != keep.row {
                if let y = e.year, let ky = keep.year, y != ky {
                    issue(e, .repeatedAcrossReturns, "", "superseded by the \(ky) return (line \(keep.row + 2))")
                } else {
                    issue(e, .duplicateRecord, "", "same LA, CHILD, DECOM as line \(keep.row + 2)")
                }
                excluded.insert(e.row)
            }
        }

        // Header.
        var cleanChildren: [SSDA903Child] = []
        if let children {
            var chosen: [ChildKey: SSDA903Child] = [:]
            var order: [ChildKey] = []
            for c in children {
                counts[RecordCountKey(source: "header", la: c.la), default: 0] += 1
                func hIssue(_ rule: ValidationRule, _ field: String, _ detail: String, excluded: Bool? = nil) {
                    issues.append(ValidationIssue(source: "header", row: c.row, la: c.la, child: c.child ?? "", rule: rule,
                                                  field: field, detail: detail, excluded: excluded, record: c.recordText))
                }
                var bad = false
                if c.child == nil { hIssue(.missingID, "CHILD", "CHILD blank"); bad = true }
                switch c.dob {
                case .missing: hIssue(.missingDate, "DOB", "DOB blank"); bad = true
                case .invalid(let t): hIssue(.invalidDate, "DOB", "DOB = \(t)"); bad = true
                case .valid(let d):
                    if d < earliestPlausibleDate || (reference.map { d > $0 } ?? false) {
                        hIssue(.impossibleDate, "DOB", "DOB = \(d.isoString)"); bad = true
                    }
                }
                if let s = c.sexCode, c.sex == nil { hIssue(.invalidCode, "SEX", "SEX = \(s)") }
                if c.sexCode == nil { hIssue(.missingCode, "SEX", "SEX blank") }
                if let s = c.ethnicCode, c.ethnicity == nil { hIssue(.invalidCode, "ETHNIC", "ETHNIC = \(s)") }
                if bad { continue }
                let k = ChildKey(la: c.la, child: c.child ?? "")
                if let prev = chosen[k] {
                    if prev.dob == c.dob && prev.sexCode == c.sexCode {
                        issues.append(ValidationIssue(source: "header", row: prev.row, la: prev.la, child: prev.child ?? "",
                                                      rule: .repeatedAcrossReturns, detail: "same child, DOB and SEX as line \(c.row + 2)",
                                                      record: prev.recordText))
                    } else {
                        issues.append(ValidationIssue(source: "header", row: prev.row, la: prev.la, child: prev.child ?? "",
                                                      rule: .duplicateRecord, detail: "conflicts with line \(c.row + 2), which is kept",
                                                      record: prev.recordText))
                    }
                } else {
                    order.append(k)
                }
                chosen[k] = c
            }
            cleanChildren = order.compactMap { chosen[$0] }
        }
        let header = HeaderIndex(cleanChildren)

        // Per-child checks on the remaining episodes.
        var remaining = episodes.filter { !excluded.contains($0.row) }
        if children != nil {
            for e in remaining {
                guard let dob = header.child(e.key)?.dob.date else {
                    issue(e, .missingHeader, "CHILD", "CHILD \(e.child ?? "") not in the header")
                    continue
                }
                if let start = e.decom.date, dob > start {
                    issue(e, .birthAfterStart, "DECOM", "DOB \(dob.isoString) after DECOM \(start.isoString)")
                    excluded.insert(e.row)
                }
            }
            remaining.removeAll { excluded.contains($0.row) }
        }
        for (_, list) in groupedByChild(remaining) {
            for (i, e) in list.enumerated() {
                let next = i + 1 < list.count ? list[i + 1] : nil
                if let next, let ns = next.decom.date {
                    if let end = e.dec.date {
                        if ns < end {
                            issue(next, .overlappingEpisodes, "DECOM",
                                  "DECOM \(ns.isoString) before the previous episode's DEC \(end.isoString)")
                        }
                    } else {
                        issue(next, .overlappingEpisodes, "DECOM", "previous episode (DECOM \(e.decom.date?.isoString ?? "")) has no DEC")
                    }
                }
                guard let end = e.dec.date else { continue }
                if e.reasonCeased == .continuing {
                    if let next {
                        if next.decom.date != end {
                            issue(e, .continuityBreak, "REC",
                                  "REC X1 but the next episode starts \(next.decom.date?.isoString ?? "?"), not on DEC \(end.isoString)")
                        }
                    } else {
                        issue(e, .continuityBreak, "REC", "last episode ends with REC X1")
                    }
                } else if let next, next.decom.date == end, e.recCode != nil {
                    issue(e, .continuityBreak, "REC", "next episode starts on DEC \(end.isoString) but REC is \(e.recCode ?? "")")
                }
            }
        }
        return Validation(issues: issues, recordCounts: counts, episodes: remaining, children: cleanChildren)
    }
}

/// Episodes grouped by child (LA + CHILD), each group sorted by DECOM then row; groups in key order.
func groupedByChild(_ episodes: [SSDA903Episode]) -> [(ChildKey, [SSDA903Episode])] {
    var groups: [ChildKey: [SSDA903Episode]] = [:]
    for e in episodes { groups[e.key, default: []].append(e) }
    return groups.sorted { $0.key < $1.key }.map { k, list in
        (k, list.sorted { ($0.decom.date?.daysSinceEpoch ?? Int.min, $0.row) < ($1.decom.date?.daysSinceEpoch ?? Int.min, $1.row) })
    }
}
