import Foundation
import Testing
@testable import CareData

/// Format conformance of the standard synthetic data set against the official column names and code lists
/// (FileFormats.swift / CodeLists.swift, from the SSDA903 validator rules and the CIN census XSD) and the
/// SSDA903 continuity rule 388.
@Suite struct SyntheticFormatTests {
    private func standard() throws -> String { try SyntheticTestData.standard.get().0 }

    private static func isUKDate(_ s: String) -> Bool { SyntheticCalendar.parseUK(Substring(s)) != nil }
    private static func isISODate(_ s: String) -> Bool { SyntheticCalendar.parseISO(Substring(s)) != nil }

    /// UPN: a letter other than I, O, S then 12 digits, or UN1–UN5 in the SSDA903 header (domain-notes §2.1).
    private static func isValidUPN(_ s: String, allowUnknown: Bool) -> Bool {
        if allowUnknown && ["UN1", "UN2", "UN3", "UN4", "UN5"].contains(s) { return true }
        let chars = Array(s)
        guard chars.count == 13, let first = chars.first, first.isASCII, first.isUppercase,
              !["I", "O", "S"].contains(first) else { return false }
        return chars.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    @Test func columnNamesAreTheOfficialOnes() throws {
        let dir = try standard()
        let header = try SyntheticTestData.read(dir, SyntheticFileFormat.header)
        #expect(header.columns == ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "LA"])
        let episodes = try SyntheticTestData.read(dir, SyntheticFileFormat.episodes)
        #expect(episodes.columns == ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                                     "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN", "LA"])
        let cin = try SyntheticTestData.read(dir, SyntheticFileFormat.cinCensus(year: 2015))
        #expect(cin.columns == FileFormats.cinCensus.columnNames)
        let proceedings = try SyntheticTestData.read(dir, SyntheticFileFormat.proceedings)
        #expect(proceedings.columns == FileFormats.proceedings.columnNames)
        let las = try SyntheticTestData.read(dir, SyntheticFileFormat.localAuthorities)
        #expect(las.columns == FileFormats.localAuthorities.columnNames)
        let outcomes = try SyntheticTestData.read(dir, SyntheticFileFormat.outcomes)
        #expect(Set(FileFormats.outcomes.columnNames).isSubset(of: outcomes.columns))
        #expect(outcomes.columns == SyntheticFileFormat.outcomeColumns && Set(outcomes.columns).count == outcomes.columns.count)
    }

    @Test func ssda903CodesAndDatesAreValid() throws {
        let dir = try standard()
        let header = try SyntheticTestData.read(dir, SyntheticFileFormat.header)
        #expect(header.rows.count > 1000)
        for row in header.rows {
            #expect(Sex(rawValue: row["SEX"] ?? "") != nil)
            #expect(Self.isUKDate(row["DOB"] ?? ""))
            #expect(Ethnicity(rawValue: row["ETHNIC"] ?? "") != nil)
            #expect(Self.isValidUPN(row["UPN"] ?? "", allowUnknown: true), "UPN \(row["UPN"] ?? "")")
        }
        let episodes = try SyntheticTestData.read(dir, SyntheticFileFormat.episodes)
        var bad: [String] = []
        for row in episodes.rows {
            if ReasonNewEpisode(rawValue: row["RNE"] ?? "") == nil { bad.append("RNE \(row["RNE"] ?? "")") }
            if LegalStatus(rawValue: row["LS"] ?? "") == nil { bad.append("LS \(row["LS"] ?? "")") }
            // SSDA903 CIN (rule 145) allows N1–N8 only.
            if let need = CategoryOfNeed(rawValue: row["CIN"] ?? ""), need != .notStated, need != .notChildInNeed {} else {
                bad.append("CIN \(row["CIN"] ?? "")")
            }
            if PlacementType(rawValue: row["PLACE"] ?? "") == nil { bad.append("PLACE \(row["PLACE"] ?? "")") }
            if PlacementProvider(rawValue: row["PLACE_PROVIDER"] ?? "") == nil { bad.append("PROVIDER") }
            if !Self.isUKDate(row["DECOM"] ?? "") { bad.append("DECOM \(row["DECOM"] ?? "")") }
            let dec = row["DEC"] ?? "", rec = row["REC"] ?? ""
            if dec.isEmpty != rec.isEmpty { bad.append("DEC/REC blank mismatch") }
            if !dec.isEmpty && !Self.isUKDate(dec) { bad.append("DEC \(dec)") }
            if !rec.isEmpty && ReasonEpisodeCeased(rawValue: rec) == nil { bad.append("REC \(rec)") }
            let reason = row["REASON_PLACE_CHANGE"] ?? ""
            if !reason.isEmpty && ReasonPlaceChange(rawValue: reason) == nil { bad.append("REASON \(reason)") }
            // Placement with parents only under a care order (C1/C2), as in real returns.
            if row["PLACE"] == "P1" && !["C1", "C2"].contains(row["LS"] ?? "") { bad.append("P1 under \(row["LS"] ?? "")") }
        }
        #expect(bad.isEmpty, "first problems: \(bad.prefix(5))")
    }

    /// Rule 388 and the period structure, for every child: episodes sorted by DECOM; REC = X1 ⇔ the next
    /// episode starts on this DEC; the last episode is not X1; no episode starts before the previous one ends;
    /// RNE = S exactly on the first episode of each period; DEC after DECOM; an open episode is the child's last.
    @Test func continuityRule388HoldsForEveryChild() throws {
        let dir = try standard()
        let episodes = try SyntheticTestData.read(dir, SyntheticFileFormat.episodes)
        var byChild: [String: [[String: String]]] = [:]
        for row in episodes.rows { byChild[row["CHILD"] ?? "", default: []].append(row) }
        #expect(byChild[""] == nil)
        var violations: [String] = []
        for (child, rows) in byChild {
            let dates = rows.map { SyntheticCalendar.parseUK(Substring($0["DECOM"] ?? "")) ?? 0 }
            if dates != dates.sorted() { violations.append("\(child): not in DECOM order") }
            for (i, row) in rows.enumerated() {
                let start = dates[i]
                let end = SyntheticCalendar.parseUK(Substring(row["DEC"] ?? ""))
                let rec = row["REC"] ?? ""
                if let end, end <= start { violations.append("\(child): DEC not after DECOM") }
                let previousX1 = i > 0 && rows[i - 1]["REC"] == "X1"
                if (row["RNE"] == "S") == previousX1 { violations.append("\(child): RNE \(row["RNE"] ?? "") after X1=\(previousX1)") }
                if i + 1 < rows.count {
                    let next = dates[i + 1]
                    guard let end else { violations.append("\(child): open episode before another"); continue }
                    if rec == "X1" && next != end { violations.append("\(child): X1 but next DECOM != DEC") }
                    if next == end && rec != "X1" { violations.append("\(child): next starts on DEC but REC \(rec)") }
                    if next < end { violations.append("\(child): overlapping episodes") }
                } else if rec == "X1" {
                    violations.append("\(child): last episode X1")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.count) violations, e.g. \(violations.prefix(5))")
    }

    @Test func cinCensusCodesDatesAndYearsAreValid() throws {
        let dir = try standard()
        var bad: [String] = []
        var rows = 0
        var episodesSeen: [String: Int] = [:]
        for year in 2009...2024 {
            let cin = try SyntheticTestData.read(dir, SyntheticFileFormat.cinCensus(year: year))
            let yearStart = SyntheticCalendar.day(year - 1, 4, 1), yearEnd = SyntheticCalendar.day(year, 3, 31)
            for row in cin.rows {
                rows += 1
                if row["CensusYear"] != String(year) { bad.append("CensusYear") }
                if (row["LAchildID"] ?? "").isEmpty { bad.append("missing LAchildID") }
                if ReferralSource(rawValue: row["ReferralSource"] ?? "") == nil { bad.append("ReferralSource") }
                if CategoryOfNeed(rawValue: row["PrimaryNeedCode"] ?? "") == nil { bad.append("PrimaryNeedCode") }
                if !["true", "false"].contains(row["ReferralNFA"] ?? "") { bad.append("ReferralNFA") }
                if CINGender(rawValue: row["GenderCurrent"] ?? "") == nil { bad.append("GenderCurrent") }
                if Ethnicity(rawValue: row["Ethnicity"] ?? "") == nil { bad.append("Ethnicity") }
                if Disability(rawValue: row["Disabilities"] ?? "") == nil { bad.append("Disabilities") }
                for code in ["InitialCategoryOfAbuse", "LatestCategoryOfAbuse"] where !(row[code] ?? "").isEmpty {
                    if CategoryOfAbuse(rawValue: row[code] ?? "") == nil { bad.append(code) }
                }
                let reason = row["ReasonForClosure"] ?? ""
                if !reason.isEmpty && ReasonForClosure(rawValue: reason) == nil { bad.append("ReasonForClosure") }
                let upn = row["UPN"] ?? ""
                if !upn.isEmpty && !Self.isValidUPN(upn, allowUnknown: false) { bad.append("UPN \(upn)") }
                for column in FileFormats.cinCensus.fields where column.type == .date {
                    let value = row[column.name] ?? ""
                    if value.isEmpty { continue }
                    guard let d = SyntheticCalendar.parseISO(Substring(value)) else { bad.append("date \(column.name)"); continue }
                    // No date after the census year's end appears in that year's row.
                    if d > yearEnd && column.name != "PersonBirthDate" { bad.append("\(column.name) after census end") }
                }
                // The episode is open at some point in the census year.
                let referral = SyntheticCalendar.parseISO(Substring(row["CINreferralDate"] ?? "")) ?? .max
                if referral > yearEnd { bad.append("referral after census year") }
                if let closure = SyntheticCalendar.parseISO(Substring(row["CINclosureDate"] ?? "")), closure < yearStart {
                    bad.append("closed before census year")
                }
                if (row["CINclosureDate"] ?? "").isEmpty != reason.isEmpty { bad.append("closure date/reason mismatch") }
                episodesSeen[(row["LA"] ?? "") + (row["LAchildID"] ?? "") + (row["CINreferralDate"] ?? ""), default: 0] += 1
            }
        }
        #expect(rows > 10_000)
        #expect(bad.isEmpty, "first problems: \(bad.prefix(5))")
        // Episodes open across a 31 March are repeated in the next year's census.
        #expect(episodesSeen.values.contains { $0 >= 2 })
    }

    @Test func proceedingsAndOutcomesAreValid() throws {
        let dir = try standard()
        let proceedings = try SyntheticTestData.read(dir, SyntheticFileFormat.proceedings)
        #expect(proceedings.rows.count > 100)
        for row in proceedings.rows {
            #expect(Self.isISODate(row["APPLICATION_DATE"] ?? ""))
            let final = row["FINAL_ORDER_DATE"] ?? "", order = row["ORDER_MADE"] ?? ""
            #expect(final.isEmpty == order.isEmpty)
            if !order.isEmpty { #expect(FinalOrder(rawValue: order) != nil) }
        }
        let outcomes = try SyntheticTestData.read(dir, SyntheticFileFormat.outcomes)
        for row in outcomes.rows.prefix(20_000) {
            #expect(SyntheticFileFormat.levels.contains(row["HIGHEST_LEVEL"] ?? ""))
            #expect(["0", "1"].contains(row["ATTAINMENT"] ?? ""))
            #expect((Int(row["UNAUTHORISED_ABSENCES"] ?? "") ?? -1) >= 0)
            let convictions = row["CONVICTIONS"] ?? "", disposal = Int(row["DISPOSAL_SEVERITY"] ?? "") ?? -1
            #expect(SyntheticFileFormat.convictionValues.contains(convictions))
            #expect((convictions == "none") == (disposal == 0) && (0...3).contains(disposal))
        }
    }

    /// Every child looked after in the episodes file has a header row, and the outcome level "cla" is given only
    /// to children with episodes.
    @Test func filesAreConsistentWithEachOther() throws {
        let dir = try standard()
        let header = Set(try SyntheticTestData.read(dir, SyntheticFileFormat.header).rows.map { $0["CHILD"] ?? "" })
        let episodes = Set(try SyntheticTestData.read(dir, SyntheticFileFormat.episodes).rows.map { $0["CHILD"] ?? "" })
        #expect(header == episodes)
        let cla = try SyntheticTestData.read(dir, SyntheticFileFormat.outcomes).rows
            .filter { $0["HIGHEST_LEVEL"] == "cla" }.map { $0["CHILD"] ?? "" }
        #expect(!cla.isEmpty && cla.allSatisfy { episodes.contains($0) })
    }

    /// HIGHEST_LEVEL is derivable from the other files: for each cohort child, before the 16th birthday,
    /// cla = an SSDA903 episode starting; cpp = a CPPstartDate; cin = a referral that is not NFA, has an
    /// assessment start and is not closed RC8 (its latest census row); referral = any CIN referral; else none.
    @Test func highestLevelIsDerivableFromTheFiles() throws {
        let dir = try standard()
        var firstEpisode: [String: Int] = [:]
        for row in try SyntheticTestData.read(dir, SyntheticFileFormat.episodes).rows {
            guard let d = SyntheticCalendar.parseUK(Substring(row["DECOM"] ?? "")) else { continue }
            firstEpisode[row["CHILD"] ?? ""] = min(firstEpisode[row["CHILD"] ?? ""] ?? .max, d)
        }
        struct Referral { var date: Int; var nfa: Bool; var assessment: Int?; var cpp: Int?; var reason: String }
        var referrals: [String: [String: Referral]] = [:]  // child -> referral date string -> latest row's facts
        for year in 2009...2024 {
            for row in try SyntheticTestData.read(dir, SyntheticFileFormat.cinCensus(year: year)).rows {
                let child = row["LAchildID"] ?? "", key = row["CINreferralDate"] ?? ""
                guard let date = SyntheticCalendar.parseISO(Substring(key)) else { continue }
                var r = referrals[child]?[key] ?? Referral(date: date, nfa: row["ReferralNFA"] == "true", assessment: nil,
                                                           cpp: nil, reason: "")
                if let a = SyntheticCalendar.parseISO(Substring(row["AssessmentActualStartDate"] ?? "")) { r.assessment = a }
                if let c = SyntheticCalendar.parseISO(Substring(row["CPPstartDate"] ?? "")) { r.cpp = c }
                r.reason = row["ReasonForClosure"] ?? ""
                referrals[child, default: [:]][key] = r
            }
        }
        var mismatches = 0, checked = 0
        for row in try SyntheticTestData.read(dir, SyntheticFileFormat.outcomes).rows {
            let child = row["CHILD"] ?? ""
            guard let dob = SyntheticCalendar.parseISO(Substring(row["DOB"] ?? "")) else { mismatches += 1; continue }
            let sixteen = SyntheticCalendar.adding(years: 16, to: dob)
            var level = "none"
            if (firstEpisode[child] ?? .max) < sixteen {
                level = "cla"
            } else {
                var rank = 0
                for r in (referrals[child] ?? [:]).values where r.date < sixteen {
                    if let c = r.cpp, c < sixteen { rank = max(rank, 3) }
                    if !r.nfa, let a = r.assessment, a < sixteen, r.reason != "RC8" { rank = max(rank, 2) }
                    rank = max(rank, 1)
                }
                level = SyntheticFileFormat.levels[rank]
            }
            checked += 1
            if level != row["HIGHEST_LEVEL"] { mismatches += 1 }
        }
        #expect(checked > 10_000)
        #expect(mismatches == 0, "\(mismatches) of \(checked) levels differ from the files")
    }
}
