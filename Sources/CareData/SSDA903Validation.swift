import Tabular

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
    /// Checks, per episode: CHILD present; LA present when other records name theirs (`missing-la`: a blank LA
    /// would make the episode a separate child); DECOM present and a date; DEC a date when given; no date before
    /// 1900 (`impossible-date`); no date after the data's end or after 31 March of the episode's own YEAR, and no
    /// YEAR after the data's end (`after-data-end`); DEC not before DECOM; RNE, LS, PLACE present; every code in
    /// its list (CIN N1–N8); DEC and REC both given or both blank. Episodes repeated in several years' returns
    /// (same LA, CHILD, DECOM, different YEAR) are resolved to the record of the latest return, which holds the
    /// final DEC and REC; the earlier copies are reported as `repeated-across-returns` (expected, not a
    /// failure). Two rows with the same key in one return are `duplicate-record` (the last row is kept). Then,
    /// over each child's remaining episodes in DECOM order: an episode starting before the previous one ended
    /// (or while it is open) is `overlapping-episodes`; rule 388 (csc-validator-be-903 `rule_388.py`): REC X1
    /// must be followed by an episode starting on DEC, an episode starting on the previous DEC requires the
    /// previous REC to be X1, and the last episode with a DEC must not end X1. With a header: DOB after DECOM,
    /// children with no header row (a child whose header row failed is not reported again), and header rows
    /// (CHILD, LA, DOB present, readable and not after the data's end, SEX, ETHNIC codes; repeated rows across
    /// years agreeing on DOB and SEX are merged, conflicting ones are `duplicate-record`).
    ///
    /// Last, `incomplete-history`: a child whose history has a hole keeps none of its episodes, because
    /// joining what is left would bridge two periods of care (one period 1995–2003 instead of two with a return
    /// between) or cut one short. A hole is an episode of the child excluded for its dates
    /// (``ValidationRule/breaksHistory``) unless its copy from another return remains, an X1 episode whose next
    /// episode starts after its DEC, or an episode with no DEC that another episode follows.
    ///
    /// `dataEnd` defaults to ``DataEnd/inferred(returnYears:startDates:)`` over YEAR and DECOM, and is kept in
    /// the result (``Validation/dataEnd``). Complexity: O(n log n) for n episodes.
    public static func ssda903(episodes: [SSDA903Episode], children: [SSDA903Child]? = nil,
                               dataEnd given: DataEnd? = nil) -> Validation {
        var issues: [ValidationIssue] = []
        var counts: [RecordCountKey: Int] = [:]
        let dataEnd = given ?? DataEnd.inferred(
            returnYears: episodes.compactMap(\.year),
            startDates: episodes.compactMap { $0.decom.date }.filter { $0 >= earliestPlausibleDate })
        let hasLA = episodes.contains { !$0.la.isEmpty }
        func issue(_ e: SSDA903Episode, _ rule: ValidationRule, _ field: String, _ detail: String) {
            issues.append(ValidationIssue(source: "episodes", row: e.row, la: e.la, child: e.child ?? "", rule: rule,
                                          field: field, detail: detail, record: e.recordText))
        }
        var excluded = Set<Int>()
        // The first rule that excluded each episode's row, for `incomplete-history`.
        var excludedBy: [Int: ValidationRule] = [:]
        for e in episodes {
            counts[RecordCountKey(source: "episodes", la: e.la), default: 0] += 1
            var bad = false
            func fail(_ rule: ValidationRule, _ field: String, _ detail: String) {
                issue(e, rule, field, detail)
                if rule.excludesRecord {
                    bad = true
                    if excludedBy[e.row] == nil { excludedBy[e.row] = rule }
                }
            }
            if e.child == nil { fail(.missingID, "CHILD", "CHILD blank") }
            if hasLA && e.la.isEmpty { fail(.missingLA, "LA", "LA blank while other records name their LA") }
            let ownEnd = e.year.map(CivilDate.thirtyFirstMarch)
            let limit: CivilDate? = switch (dataEnd?.date, ownEnd) {
            case let (a?, b?): min(a, b)
            case let (a, b): a ?? b
            }
            if let y = e.year, let end = dataEnd, y > end.collectionYear {
                fail(.afterDataEnd, "YEAR", "YEAR \(y) after the data's end \(end.date.isoString)")
            }
            for (name, f) in [("DECOM", e.decom), ("DEC", e.dec)] {
                switch f {
                case .missing: if name == "DECOM" { fail(.missingDate, name, "DECOM blank") }
                case .invalid(let t): fail(.invalidDate, name, "\(name) = \(t)")
                case .valid(let d):
                    if d < earliestPlausibleDate { fail(.impossibleDate, name, "\(name) = \(d.isoString)") }
                    else if let limit, d > limit {
                        // Past its own return's 31 March, which comes before the data's end.
                        let own = ownEnd.map { own in dataEnd.map { own < $0.date } ?? true } ?? false
                        fail(.afterDataEnd, name, own
                             ? "\(name) \(d.isoString) after the end of its return (YEAR \(e.year ?? 0), \(limit.isoString))"
                             : "\(name) \(d.isoString) after the data's end \(limit.isoString)")
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
        // Keyed without building a string per episode, and holding indices, not copies, until a key repeats.
        struct StartKey: Hashable { let la: String, child: String, day: Int }
        var firstWithKey: [StartKey: Int] = [:]
        var repeats: [Int: [Int]] = [:]
        firstWithKey.reserveCapacity(episodes.count)
        for (i, e) in episodes.enumerated() where !excluded.contains(e.row) {
            let k = StartKey(la: e.la, child: e.child ?? "", day: e.decom.date?.daysSinceEpoch ?? 0)
            if let first = firstWithKey[k] { repeats[first, default: [first]].append(i) } else { firstWithKey[k] = i }
        }
        for first in repeats.keys.sorted() {
            let group = repeats[first]!.map { episodes[$0] }
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
        // Every child with a header row, whether or not the row passed (so that a failed row is not reported
        // again as a missing header on each of the child's episodes).
        var headerRows = Set<ChildKey>()
        if let children {
            let headerHasLA = children.contains { !$0.la.isEmpty }
            var chosen: [ChildKey: SSDA903Child] = [:]
            var order: [ChildKey] = []
            for c in children {
                counts[RecordCountKey(source: "header", la: c.la), default: 0] += 1
                func hIssue(_ rule: ValidationRule, _ field: String, _ detail: String, excluded: Bool? = nil) {
                    issues.append(ValidationIssue(source: "header", row: c.row, la: c.la, child: c.child ?? "", rule: rule,
                                                  field: field, detail: detail, excluded: excluded, record: c.recordText))
                }
                var bad = false
                if let id = c.child { headerRows.insert(ChildKey(la: c.la, child: id)) }
                if c.child == nil { hIssue(.missingID, "CHILD", "CHILD blank"); bad = true }
                if headerHasLA && c.la.isEmpty { hIssue(.missingLA, "LA", "LA blank while other rows name their LA"); bad = true }
                switch c.dob {
                case .missing: hIssue(.missingDate, "DOB", "DOB blank"); bad = true
                case .invalid(let t): hIssue(.invalidDate, "DOB", "DOB = \(t)"); bad = true
                case .valid(let d):
                    if d < earliestPlausibleDate { hIssue(.impossibleDate, "DOB", "DOB = \(d.isoString)"); bad = true }
                    else if let end = dataEnd, d > end.date {
                        hIssue(.afterDataEnd, "DOB", "DOB \(d.isoString) after the data's end \(end.date.isoString)"); bad = true
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
            if !headerHasLA { headerRows = Set(headerRows.map { ChildKey(la: "", child: $0.child) }) }
        }
        let header = HeaderIndex(cleanChildren)
        let headerHasLA = children?.contains { !$0.la.isEmpty } ?? false

        // Per-child checks on the remaining episodes.
        var remaining = episodes.filter { !excluded.contains($0.row) }
        if children != nil {
            for e in remaining {
                guard let dob = header.child(e.key)?.dob.date else {
                    let seen = headerRows.contains(headerHasLA ? e.key : ChildKey(la: "", child: e.key.child))
                    if !seen { issue(e, .missingHeader, "CHILD", "CHILD \(e.child ?? "") not in the header") }
                    continue
                }
                if let start = e.decom.date, dob > start {
                    issue(e, .birthAfterStart, "DECOM", "DOB \(dob.isoString) after DECOM \(start.isoString)")
                    excluded.insert(e.row)
                    if excludedBy[e.row] == nil { excludedBy[e.row] = .birthAfterStart }
                }
            }
            remaining.removeAll { excluded.contains($0.row) }
        }
        // Children whose history has a hole: why (the first hole found), for `incomplete-history`. An excluded
        // copy of an episode whose copy from another return remains (same LA, CHILD, DECOM) leaves no hole.
        var holes: [ChildKey: String] = [:]
        // Built only when some episode was excluded for its dates (clean data pay nothing).
        let remainingStarts = excludedBy.values.contains { $0.breaksHistory }
            ? Set(remaining.compactMap { e in e.decom.date.map { "\(e.la)\u{1}\(e.child ?? "")\u{1}\($0.daysSinceEpoch)" } })
            : []
        for e in episodes where e.child != nil {
            guard let rule = excludedBy[e.row], rule.breaksHistory, holes[e.key] == nil else { continue }
            if let d = e.decom.date, remainingStarts.contains("\(e.la)\u{1}\(e.child ?? "")\u{1}\(d.daysSinceEpoch)") { continue }
            holes[e.key] = "the child's episode on line \(e.row + 2) was excluded (\(rule.rawValue))"
        }
        let grouped = groupedByChild(remaining)
        for (key, list) in grouped {
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
                        if holes[key] == nil {
                            holes[key] = "the episode on line \(e.row + 2) has no DEC but the episode on line \(next.row + 2) follows it"
                        }
                    }
                }
                guard let end = e.dec.date else { continue }
                if e.reasonCeased == .continuing {
                    if let next {
                        if next.decom.date != end {
                            issue(e, .continuityBreak, "REC",
                                  "REC X1 but the next episode starts \(next.decom.date?.isoString ?? "?"), not on DEC \(end.isoString)")
                            if let ns = next.decom.date, ns > end, holes[key] == nil {
                                holes[key] = "the episode on line \(e.row + 2) ends X1 on \(end.isoString) but the next starts \(ns.isoString)"
                            }
                        }
                    } else {
                        issue(e, .continuityBreak, "REC", "last episode ends with REC X1")
                    }
                } else if let next, next.decom.date == end, e.recCode != nil {
                    issue(e, .continuityBreak, "REC", "next episode starts on DEC \(end.isoString) but REC is \(e.recCode ?? "")")
                }
            }
        }
        if !holes.isEmpty {
            for (key, list) in grouped {
                guard let why = holes[key] else { continue }
                for e in list {
                    issue(e, .incompleteHistory, "", "periods not built: \(why)")
                    excluded.insert(e.row)
                }
            }
            remaining.removeAll { excluded.contains($0.row) }
        }
        return Validation(issues: issues, recordCounts: counts, episodes: remaining, children: cleanChildren,
                          dataEnd: dataEnd)
    }
}

/// Episodes grouped by child (LA + CHILD), each group sorted by DECOM then row; groups in key order.
/// Hot at national scale (2 million episodes, 400,000 children, called by validation and by the periods): one
/// hash per episode to number its child, then a counting sort of episode indices by child, so that no episode
/// is copied until its group is built and no per-child array grows by appending.
func groupedByChild(_ episodes: [SSDA903Episode]) -> [(ChildKey, [SSDA903Episode])] {
    var number: [ChildKey: Int] = [:]
    number.reserveCapacity(episodes.count / 2)
    var keys: [ChildKey] = []
    var childOf = [Int](repeating: 0, count: episodes.count)
    for (i, e) in episodes.enumerated() {
        let k = e.key
        if let c = number[k] { childOf[i] = c } else {
            childOf[i] = keys.count
            number[k] = keys.count
            keys.append(k)
        }
    }
    var start = [Int](repeating: 0, count: keys.count + 1)
    for c in childOf { start[c + 1] += 1 }
    for c in keys.indices { start[c + 1] += start[c] }
    var next = start
    var order = [Int](repeating: 0, count: episodes.count)
    for (i, c) in childOf.enumerated() {
        order[next[c]] = i
        next[c] += 1
    }
    func day(_ e: SSDA903Episode) -> Int { e.decom.date?.daysSinceEpoch ?? Int.min }
    return keys.indices.sorted { keys[$0] < keys[$1] }.map { c in
        let list = order[start[c]..<start[c + 1]].map { episodes[$0] }
        return (keys[c], list.count < 2 ? list : list.sorted { (day($0), $0.row) < (day($1), $1.row) })
    }
}
