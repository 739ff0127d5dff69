import Foundation
import Testing
import Reporting
import Tabular
@testable import CareData

// Issue 11 point 3: derivations that one bad record cannot bend. Each test is a small hand-worked file with one
// bad record, written as the attack: before the fix each gave the wrong answer stated in its comment.

/// Writes `files` (name → lines) into a fresh directory and returns its path.
private func directory(_ files: [String: [String]]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caredata-robust-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, lines) in files {
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    return dir
}

private let cinHeader = "LA,LAchildID,CINreferralDate,ReferralSource,PrimaryNeedCode,ReferralNFA,CINclosureDate,ReasonForClosure,CPPstartDate,CPPendDate,CensusYear"

private func rules(_ v: Validation) -> Set<String> {
    Set(v.issues.map { "\($0.source) \($0.row + 2) \($0.rule.rawValue)" })
}

/// Children A and D of ``CareHistories`` with E (open, the latest DECOM 01/01/2018) and Z, whose DEC is typed as
/// 01/01/2030. No YEAR column, so the data's end is inferred from DECOM: 31/03/2018. Before the fix the censor
/// date was 31 March of the collection year of the latest DECOM *or DEC*, 31/03/2030, so A's second exit and D's
/// exit were followed for twelve more years (4,806 and 4,686 days instead of 423 and 303, measured with the binary of main) and Z became an exit.
private let futureDEC = [
    "CHILD,DECOM,RNE,LS,PLACE,DEC,REC,LA",
    "A,01/04/2015,S,V2,U6,01/09/2015,E4A,201",
    "A,01/03/2016,S,C2,U4,01/02/2017,E13,201",
    "D,01/05/2017,S,V2,U6,01/06/2017,E8,202",
    "E,01/01/2018,S,V2,U6,,,202",
    "Z,01/05/2016,S,V2,U6,01/01/2030,E4A,202",
]

@Test func aFutureDECIsAFailureAndDoesNotMoveTheCensorDate() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame(futureDEC))
    #expect(PeriodsOfCare.defaultCensorDate(episodes) == TestData.date(2018, 3, 31))
    let v = Validation.ssda903(episodes: episodes)
    #expect(rules(v) == ["episodes 6 after-data-end"])
    let end = try #require(v.dataEnd)
    #expect(end.date == TestData.date(2018, 3, 31) && end.basis == .latestStart(TestData.date(2018, 1, 1)))
    #expect(end.description.contains("inferred"))
    let t = try ReturnToCare.table(periods: PeriodsOfCare.build(v.episodes), children: [], censorDate: end.date)
    // A1 returns after 182 days; A2 01/02/2017 → 31/03/2018 = 423 days; D 01/06/2017 → 31/03/2018 = 303 days
    // (hand-worked in PeriodsAndReturnTests).
    #expect(try t.texts("child") == ["A", "A", "D"])
    #expect(try t.texts("days") == ["182", "423", "303"])
}

/// The same file through `derive return-to-care`: the flow accounts for every record and states the dates.
@Test func theReturnToCareFlowAccountsForEveryRecord() throws {
    let dir = try directory(["episodes.csv": futureDEC])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let d = try CareDataInputs(ssda903Path: dir + "/episodes.csv").derive(.returnToCare)
    #expect(d.flow.censorDate == TestData.date(2018, 3, 31) && d.flow.dataEnd?.date == TestData.date(2018, 3, 31))
    #expect(d.flow.sources == [DerivationFlow.SourceFlow(source: "episodes", read: 5, used: 4, superseded: 0,
                                                         excluded: [(rule: .afterDataEnd, records: 1)])])
    // Periods: A×2 and D ended with at-risk exits (E4A, E13, E8); E is in care on 31/03/2018.
    var periods = DerivationFlow.PeriodCounts()
    periods.periods = 4; periods.inCareAtCensor = 1; periods.atRiskExits = 3
    #expect(d.flow.periods == periods)
    // At-risk exits: A1 returned; A2 and D censored at the data's end (no header: no 18th birthdays).
    var returns = DerivationFlow.ReturnCounts()
    returns.atRiskExits = 3; returns.returned = 1; returns.censoredAtEnd = 2
    #expect(d.flow.returns == returns && returns.rows == d.tables[0].1.rowCount)
    #expect(d.flow.partitions.allSatisfy { $0.isBalanced })
    // A censoring date after the data's end would count unobserved time as at risk.
    #expect(throws: CareDataError.self) {
        try CareDataInputs(ssda903Path: dir + "/episodes.csv").derive(.returnToCare, options: DerivationOptions(censorDate: TestData.date(2019, 3, 31)))
    }
    // Given an end, the DEC of 2030 still fails, and the censoring date is the end given.
    let given = try CareDataInputs(ssda903Path: dir + "/episodes.csv", dataEnd: .collectionYear(2019)).derive(.returnToCare)
    #expect(given.flow.censorDate == TestData.date(2019, 3, 31) && given.flow.sources[0].excluded.map(\.rule) == [.afterDataEnd])
}

/// Stray years: one record far beyond the others is set aside; a small file's genuine later years are not.
@Test func dataEndSetsStrayYearsAside() {
    let years = Array(repeating: 2016, count: 20) + Array(repeating: 2017, count: 20) + [2030]
    #expect(DataEnd.latestSupportedYear(years)! == (2017, [2030]))
    // Adjacent strays are set aside together; 2 of 42 values (4.8%) is within the 5% share.
    #expect(DataEnd.latestSupportedYear(years + [2031])! == (2017, [2030, 2031]))
    // One child of two (50%) after a gap is data, not a stray.
    #expect(DataEnd.latestSupportedYear([1995, 2001])! == (2001, []))
    #expect(DataEnd.latestSupportedYear([]) == nil)
    let end = DataEnd.inferred(returnYears: [], startDates: (1...30).map { TestData.date(2016, 5, $0) } + [TestData.date(2030, 1, 1)])
    #expect(end?.date == TestData.date(2017, 3, 31) && end?.strayYears == [2030])
}

/// X's middle episode has an unreadable DEC (31/02/1997) and is excluded. Before the fix X's first episode, which
/// ended X1, joined the episode of 2001, making one period 1995–2003: the exit of 1997 and the return of 2001
/// disappeared. W's middle episode has no DEC; before the fix it joined the episode of 2001 (one period
/// 1999–2003). Now both children are quarantined (`incomplete-history`), Y (clean) is untouched, and building
/// periods from X's remaining episodes never bridges the gap.
@Test func anExcludedOrOpenEpisodeNeverJoinsTwoPeriods() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame([
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC,LA",
        "X,01/01/1995,S,V2,U6,01/06/1996,X1,201",   // 2
        "X,01/06/1996,P,V2,U4,31/02/1997,E4A,201",  // 3: no 31 February → excluded
        "X,01/03/2001,S,V2,U6,01/06/2003,E4A,201",  // 4
        "Y,01/01/1995,S,V2,U6,01/06/1997,E4A,201",  // 5
        "Y,01/03/2001,S,V2,U6,01/06/2003,E4A,201",  // 6
        "W,01/01/1995,S,V2,U6,01/06/1997,E4A,201",  // 7
        "W,01/01/1999,S,V2,U6,,,201",               // 8: open
        "W,01/03/2001,S,V2,U6,01/06/2003,E4A,201",  // 9
    ]))
    let v = Validation.ssda903(episodes: episodes, dataEnd: .collectionYear(2004))
    #expect(rules(v) == [
        "episodes 3 invalid-date", "episodes 2 continuity-388", "episodes 2 incomplete-history",
        "episodes 4 incomplete-history", "episodes 9 overlapping-episodes", "episodes 7 incomplete-history",
        "episodes 8 incomplete-history", "episodes 9 incomplete-history",
    ])
    let periods = PeriodsOfCare.build(v.episodes)
    #expect(periods.map(\.key.child) == ["Y", "Y"])
    let t = try ReturnToCare.table(periods: periods, children: [], censorDate: TestData.date(2004, 3, 31))
    // Y: 01/06/1997 → 01/03/2001 = 1,369 days (Python: (date(2001,3,1)-date(1997,6,1)).days).
    #expect(try t.texts("days").first == "1369" && t.texts("returned").first == "1")
    // The builder alone splits at the gap: X1 on 01/06/1996, next episode 01/03/2001 → two periods.
    let x = episodes.filter { $0.child == "X" && $0.row != 1 }
    #expect(PeriodsOfCare.build(x).map(\.start) == [TestData.date(1995, 1, 1), TestData.date(2001, 3, 1)])
    let w = episodes.filter { $0.child == "W" }
    #expect(PeriodsOfCare.build(w).count == 3)
}

/// Twelve DECOMs written month first: ten fail as dd/mm/yyyy; the two that parse (03/05, 04/07) would be 3 May
/// and 4 July instead of 5 March and 7 April. Before the fix the ten became invalid-date issues and the two
/// were kept, wrong.
@Test func monthFirstDatesStopTheRead() throws {
    let dates = ["03/25/2016", "03/05/2016", "04/13/2016", "04/07/2016", "05/14/2016", "05/20/2016", "06/15/2016",
                 "07/19/2016", "08/21/2016", "09/28/2016", "10/30/2016", "11/17/2016"]
    let lines = ["CHILD,DECOM,RNE,LS,PLACE,DEC,REC"] + dates.enumerated().map { "C\($0.offset),\($0.element),S,V2,U6,," }
    do {
        _ = try SSDA903Reader.episodes(from: TestData.frame(lines), source: "episodes.csv")
        Issue.record("month-first dates were read")
    } catch let e as CareDataError {
        guard case .unreadableColumn(let source, let column, let reason) = e else { Issue.record("\(e)"); return }
        #expect(source == "episodes.csv" && column == "DECOM")
        #expect(reason.hasPrefix("10 of 12 dates are not dd/mm/yyyy (e.g. line 2: \"03/25/2016\"); 10 of them read as mm/dd/yyyy"))
    }
    // One bad date among twelve is a validation issue, not a stop.
    var ok = lines
    ok[1] = "C0,31/02/2016,S,V2,U6,,"
    for i in 2..<ok.count { ok[i] = "C\(i),0\(i % 9 + 1)/05/2016,S,V2,U6,," }
    #expect(try SSDA903Reader.episodes(from: TestData.frame(ok)).count == 12)
}

/// LA counts: with no CIN data every CIN column is missing (it was 0); with census years 2017–2018 only, the
/// CIN columns of 2016 are missing, and so are those of an LA with no CIN records.
@Test func laCountsWithoutCINAreMissingNotZero() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    let none = try LACounts.annual(periods: periods, cin: [], censorDate: CareHistories.censor, years: 2016...2017)
    for c in ["cpp_at31", "cpp_starts", "cin_at31"] { #expect(try none.texts(c) == [nil, nil, nil, nil], "\(c)") }
    #expect(try none.texts("cla_at31") == ["3", "0", "0", "0"])
    let cin = try CINCensusReader.episodes(from: TestData.frame([cinHeader,
        "201,U,2017-01-10,1A,N1,false,,,2017-02-01,,2018",
    ]))
    let t = try LACounts.annual(periods: periods, cin: cin, censusYears: ["201": [2017, 2018]],
                                censorDate: CareHistories.censor, years: 2016...2018)
    #expect(try t.texts("la") == ["201", "201", "201", "202", "202", "202"])
    #expect(try t.texts("cpp_at31") == [nil, "1", "1", nil, nil, nil])
    #expect(try t.texts("cin_at31") == [nil, "1", "1", nil, nil, nil])
}

/// A blank LA among records that name theirs. Before the fix the episode became child ("", A): a phantom period
/// whose exit was a separate return-to-care row, while A's own exit of 01/09/2015 lost its return. The header row
/// of B with a blank LA lent its DOB (2016) to child B of LA 202 by CHILD alone, a false `dob-after-decom` that
/// excluded B's episode of 2010.
@Test func aBlankLAIsFlaggedAndMakesNoPhantomPeriod() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame([
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC,LA",
        "A,01/04/2015,S,V2,U6,01/09/2015,E4A,201",
        "A,01/03/2016,S,C2,U4,01/02/2017,E13,",
        "B,01/05/2010,S,V2,U6,01/06/2010,E4A,202",
        "E,01/01/2018,S,V2,U6,,,202",
    ]))
    let children = try SSDA903Reader.children(from: TestData.frame([
        "CHILD,SEX,DOB,ETHNIC,LA", "A,1,01/01/2005,WBRI,201", "B,2,01/01/2016,WBRI,", "E,2,01/01/2012,MWBC,202",
    ]))
    let v = Validation.ssda903(episodes: episodes, children: children)
    #expect(rules(v) == ["episodes 3 missing-la", "header 3 missing-la", "episodes 4 missing-header"])
    let periods = PeriodsOfCare.build(v.episodes)
    #expect(periods.map { "\($0.key.la) \($0.key.child)" } == ["201 A", "202 B", "202 E"])
}

/// A date of birth after the data's end (31/03/2018, from the latest DECOM). Before the fix, with no YEAR column,
/// it was not checked: every one of A's episodes failed `dob-after-decom` and A vanished from the data.
@Test func aFutureDateOfBirthIsFlaggedOnTheHeaderOnly() throws {
    let children = try SSDA903Reader.children(from: TestData.frame([
        "CHILD,SEX,DOB,ETHNIC,LA", "A,1,01/01/2030,WBRI,201", "E,2,01/01/2012,MWBC,202",
    ]))
    let episodes = try CareHistories.episodes().filter { ["A", "E"].contains($0.child) }
    let v = Validation.ssda903(episodes: episodes, children: children)
    #expect(rules(v) == ["header 2 after-data-end"])
    #expect(v.episodes.count == 5 && v.children.map(\.child) == ["E"])
}

/// Census files of 2016 and 2017; in the 2017 file B's record says CensusYear 2030. Before the fix 2030 became
/// the LA's latest census year, so A and C (open in the 2017 census) were flagged `missing-closure-date` as if
/// they had left the census, and the data's end was 2030.
@Test func aCensusYearThatDoesNotMatchItsFileIsFlaggedAndCorrected() throws {
    let h = "LA,LAchildID,CINreferralDate,ReferralNFA,CINclosureDate,ReasonForClosure,CensusYear"
    let dir = try directory([
        "cin_census_2016.csv": [h, "201,A,2015-06-01,false,,,2016", "201,B,2015-09-01,false,,,2016"],
        "cin_census_2017.csv": [h, "201,A,2015-06-01,false,,,2017", "201,B,2015-09-01,false,2016-05-01,RC7,2030",
                                "201,C,2016-06-01,false,,,2017"],
    ])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let v = try CareDataInputs(cinPaths: [dir]).validate()
    let found = Set(v.issues.map { "\($0.file.split(separator: "/").last ?? "") \($0.row + 2) \($0.rule.rawValue)" })
    #expect(found == ["cin_census_2017.csv 3 year-mismatch", "cin_census_2016.csv 2 repeated-across-returns",
                      "cin_census_2016.csv 3 repeated-across-returns"])
    #expect(v.cinDataEnd?.date == TestData.date(2017, 3, 31))
    #expect(v.cinEpisodes.first { $0.child == "B" }?.censusYear == 2017)
    #expect(v.cinCensusYears == ["201": [2016, 2017]])
    #expect(Validation.yearInFileName("/x/cin_census_2017.csv") == 2017 && Validation.yearInFileName("cin_2016_2017.csv") == nil)
}

/// A short row (line 3) and a row with invalid UTF-8 (line 5). Before the fix either stopped validation with an
/// error; with `keepMalformedRows` (validate --quarantine) they become `malformed-row` issues, and the rows after
/// them keep their file line numbers (line 6's bad PLACE is reported on line 6).
@Test func malformedRowsAreQuarantinedAndValidationGoesOn() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caredata-malformed-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var bytes = Array("CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/04/2015,S,V2,U6,01/09/2015,E4A\nB,01/05/2015,S,V2\n".utf8)
    bytes += Array("C,01/06/2015,S,V2,U6,01/07/2015,E4A\nD,01/07/2015,S,V2,".utf8) + [0xFF, 0xFE]
    bytes += Array(",,\nE,01/08/2015,S,V2,Q9,,\n".utf8)
    let path = dir + "/episodes.csv"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(throws: CareDataError.self) { try CareDataInputs(ssda903Path: path).validate() }
    let v = try CareDataInputs(ssda903Path: path, keepMalformedRows: true).validate()
    #expect(rules(v) == ["episodes 3 malformed-row", "episodes 5 malformed-row", "episodes 6 invalid-code"])
    #expect(v.episodes.map(\.child) == ["A", "C", "E"])
    let q = try v.quarantine()
    #expect(try q.texts("line") == ["3", "5", "6"] && q.texts("rule") == ["malformed-row", "malformed-row", "invalid-code"])
    let flow = DerivationFlow.sources(of: v)
    #expect(flow == [DerivationFlow.SourceFlow(source: "episodes", read: 5, used: 3, superseded: 0,
                                               excluded: [(rule: .malformedRow, records: 2)])])
}

/// Expected de-duplication is not a failure: the summary has no row for it and says so in a footnote.
@Test func repeatedCopiesAreDeduplicationNotFailures() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame([
        TestData.episodeHeader,
        TestData.ep("A", "01/04/2015", "S", "V2", "U6", year: 2016),
        TestData.ep("A", "01/04/2015", "S", "V2", "U6", "01/09/2016", "E4A", year: 2017),
        TestData.ep("B", "01/04/2015", "S", "V2", "Q9", "01/09/2016", "E4A", year: 2017),
    ]))
    let v = Validation.ssda903(episodes: episodes)
    #expect(rules(v) == ["episodes 2 repeated-across-returns", "episodes 4 invalid-code"])
    #expect(v.failedRecordCount == 1 && v.supersededRecordCount == 1)
    var run = RunOutput(population: "test")
    let s = v.summary(ledger: &run.ledger)
    #expect(s.rows.map { $0[1] } == [.plain(.text("invalid-code")), .plain(.text("any rule"))])
    #expect(s.rows[0][6] == .plain(.text("line 4: PLACE = Q9")))
    run.add(s)
    let published = try DisclosureGate(policy: .disabled).publish(run).tables[0].table
    #expect(published.footnotes.contains { $0.hasPrefix("De-duplication (expected, not a failure): 1 earlier copies") })
}

/// An excluded copy whose copy from another return remains leaves no hole: A's 2016 copy has an unreadable DEC,
/// the 2017 copy of the same episode (same LA, CHILD, DECOM) is complete, so A keeps its one period.
@Test func anExcludedCopyWithASurvivingCopyIsNoHole() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame([
        TestData.episodeHeader,
        TestData.ep("A", "01/04/2015", "S", "V2", "U6", "31/02/2016", "X1", year: 2016),  // line 2
        TestData.ep("A", "01/04/2015", "S", "V2", "U6", "01/03/2016", "X1", year: 2017),  // line 3
        TestData.ep("A", "01/03/2016", "P", "V2", "U4", "01/09/2016", "E4A", year: 2017), // line 4
    ]))
    let v = Validation.ssda903(episodes: episodes)
    #expect(rules(v) == ["episodes 2 invalid-date"])
    let periods = PeriodsOfCare.build(v.episodes)
    #expect(periods.count == 1 && periods.first?.end == TestData.date(2016, 9, 1))
}
