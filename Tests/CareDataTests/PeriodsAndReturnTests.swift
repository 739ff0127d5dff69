import Testing
import Tabular
@testable import CareData

/// Shared hand-made extract: children A–E, no YEAR column; censoring at 31/03/2018.
enum CareHistories {
    static func episodes() throws -> [SSDA903Episode] {
        try SSDA903Reader.episodes(from: TestData.frame([
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA",
            "A,01/04/2015,S,V2,N1,U6,PR1,01/06/2015,X1,,,,,201",
            "A,01/06/2015,P,V2,N1,K2,PR4,01/09/2015,E4A,CARPL,,,,201",
            "A,01/03/2016,S,C1,N1,U4,PR1,15/05/2016,X1,,,,,201",
            "A,15/05/2016,L,C2,N1,U4,PR1,01/02/2017,E13,,,,,201",
            "B,01/01/2016,S,V2,N4,U6,PR1,01/07/2016,E4B,,,,,201",
            "C,01/01/2016,S,C2,N1,A5,PR1,01/12/2016,E11,,,,,201",
            "D,01/05/2017,S,V2,N1,U6,PR1,01/06/2017,E8,,,,,202",
            "E,01/01/2018,S,V2,N1,U6,PR1,,,,,,,202",
        ]))
    }

    static func children() throws -> [SSDA903Child] {
        try SSDA903Reader.children(from: TestData.frame([
            "CHILD,SEX,DOB,ETHNIC,LA",
            "A,1,01/01/2005,WBRI,201", "B,2,01/06/1998,BAFR,201", "C,1,01/01/2010,WBRI,201", "E,2,01/01/2012,MWBC,202",
        ]))
    }

    static let censor = TestData.date(2018, 3, 31)
}

@Test func periodsJoinX1AndSameDayEpisodes() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    // A: two periods (E4A on 01/09/2015 then a new S on 01/03/2016); B, C, D, E one each → 6.
    #expect(periods.count == 6)
    let a = periods.filter { $0.key.child == "A" }
    #expect(a.count == 2)
    // Period 1: 01/04/2015–01/09/2015 = 30+31+30+31+31 = 153 days; one move (RNE P); LS V2→V2; U6→K2.
    #expect(a[0].start == TestData.date(2015, 4, 1) && a[0].end == TestData.date(2015, 9, 1))
    #expect(a[0].daysInCare(censorDate: CareHistories.censor) == 153)
    #expect(a[0].placementMoves == 1 && a[0].placementAtEntry == "U6" && a[0].placementAtExit == "K2")
    // Period 2: X1 on 15/05/2016 joins the L episode; RNE L is not a move; LS C1 → C2; ends E13.
    #expect(a[1].episodes.count == 2 && a[1].placementMoves == 0)
    #expect(a[1].legalStatusAtEntry == "C1" && a[1].legalStatusAtExit == "C2" && a[1].endReasonCode == "E13")
    // E is open: 01/01/2018 → 31/03/2018 = 31+28+30 = 89 days.
    let table = try PeriodsOfCare.table(periods, censorDate: CareHistories.censor)
    let e = try #require(try table.texts("child").firstIndex(of: "E"))
    #expect(try table.texts("days_in_care")[e] == "89")
    #expect(try table.texts("open")[e] == "TRUE")
    #expect(table.columnNames.prefix(4) == ["la", "child", "period", "start"])
}

@Test func returnToCareRowsWorkedByHand() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    let las = [LocalAuthority(code: "201", idaci: 0.25, imd: 30), LocalAuthority(code: "202", idaci: 0.1, imd: 12)]
    let t = try ReturnToCare.table(periods: periods, children: try CareHistories.children(), localAuthorities: las,
                                   censorDate: CareHistories.censor)
    // At-risk exits: A period 1 (E4A), A period 2 (E13), D (E8, DOB unknown). Excluded: B left at 18
    // (born 01/06/1998, exit 01/07/2016), C adopted (E11), E still in care.
    #expect(t.rowCount == 3)
    func col(_ n: String) throws -> [String?] { try t.texts(n) }
    #expect(try col("child") == ["A", "A", "D"])
    // A1: 01/09/2015 → return 01/03/2016 = 30+31+30+31+31+29 (leap February) = 182 days.
    // A2: 01/02/2017 → censor 31/03/2018 = 28 + 365 + 30 = 423 days, not returned.
    // D: 01/06/2017 → 31/03/2018 = 30+31+31+30+31+30+31+31+28 + 30 = 303 days, not returned.
    #expect(try col("days") == ["182", "423", "303"])
    #expect(try col("returned") == ["1", "0", "0"])
    // A born 01/01/2005: aged 10 at 01/09/2015, 12 at 01/02/2017; D has no header row.
    #expect(try col("age_at_exit") == ["10", "12", nil])
    #expect(try col("age_band") == ["10-15", "10-15", nil])
    #expect(try col("age_group") == ["5-10", "11-15", nil]) // 10 → 5-10, 12 → 11-15
    #expect(try col("legal_status") == ["s20", "order", "s20"])      // V2, C2, V2
    #expect(try col("placement") == ["residential", "foster", "foster"]) // K2, U4, U6
    #expect(try col("placement_moves") == ["1", "0", "0"])
    #expect(try col("time_in_care") == ["153", "337", "31"])          // 01/03/2016→01/02/2017 = 337; May 2017 = 31
    // Collection years: Sep 2015 → 2016, Feb 2017 → 2017, Jun 2017 → 2018.
    #expect(try col("exit_year") == ["2016", "2017", "2018"])
    #expect(try col("sex") == ["male", "male", nil])
    #expect(try col("ethnicity") == ["White", "White", nil])
    #expect(try col("la_idaci") == ["0.25", "0.25", "0.1"])
    // E4A → home, E13 → home, E8 → other; 1 move → 2 placements; 153, 337 and 31 days in care.
    #expect(try col("exit_route") == ["home", "home", "other"])
    #expect(try col("placements") == ["2", "1", "1"])
    #expect(try col("care_duration") == ["<6m", "6-12m", "<6m"])
    if case .categorical(_, let levels, _) = try t.requireColumn("exit_route").values {
        #expect(levels == ["home", "permanence_order", "other"])
    } else { Issue.record("exit_route is not categorical") }
}

@Test func shortBreaksAreNeitherExitsNorReturns() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame([
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC",
        "F,01/01/2016,S,V3,U6,05/01/2016,E8",   // short break only: not an at-risk exit
        "G,01/01/2016,S,V2,U6,01/03/2016,E4A",  // exit at risk
        "G,01/04/2016,S,V3,U6,03/04/2016,E8",   // respite: not the return
        "G,01/06/2016,S,V2,U6,01/07/2016,E4B",  // the return: 01/03 → 01/06/2016 = 31+30+31 = 92 days
    ]))
    let t = try ReturnToCare.table(periods: PeriodsOfCare.build(episodes), children: [],
                                   censorDate: TestData.date(2016, 12, 31))
    // Rows: G's exit of 01/03/2016 (returned after 92 days) and of 01/07/2016 (censored 31/12/2016:
    // 31+31+30+31+30 to 01/12, +30 to 31/12 = 183 days).
    #expect(try t.texts("child") == ["G", "G"])
    #expect(try t.texts("days") == ["92", "183"])
    #expect(try t.texts("returned") == ["1", "0"])
}

/// Follow-up after an exit ends at the 18th birthday when that comes before the censor date (hand-worked):
/// F, born 10/10/1999, leaves care home at 17 on 01/11/2016 and is 18 on 10/10/2017 → censored after
/// 30 (Nov) + 31 + 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 (Sep) + 9 = 343 days. G, born 01/06/2000, leaves at
/// 16 on 01/07/2016 and comes back on 01/02/2018, after the 18th birthday would allow only if 18 came later: G is
/// 18 on 01/06/2018, so the return on 01/02/2018 counts (580 days). H, born 01/01/2000, leaves on 01/07/2016 and
/// re-enters on 02/01/2018, after turning 18 on 01/01/2018: censored at the birthday (549 days), not a return.
@Test func returnToCareFollowUpEndsAtEighteen() throws {
    let episodes = try SSDA903Reader.episodes(from: TestData.frame([
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA",
        "F,01/01/2016,S,V2,N1,U6,PR1,01/11/2016,E4A,,,,,201",
        "G,01/01/2016,S,V2,N1,U6,PR1,01/07/2016,E4A,,,,,201",
        "G,01/02/2018,S,V2,N1,U6,PR1,,,,,,,201",
        "H,01/01/2016,S,V2,N1,U6,PR1,01/07/2016,E4A,,,,,201",
        "H,02/01/2018,S,V2,N1,U6,PR1,,,,,,,201",
    ]))
    let children = try SSDA903Reader.children(from: TestData.frame([
        "CHILD,SEX,DOB,ETHNIC,LA", "F,1,10/10/1999,WBRI,201", "G,2,01/06/2000,WBRI,201", "H,2,01/01/2000,WBRI,201",
    ]))
    let t = try ReturnToCare.table(periods: PeriodsOfCare.build(episodes), children: children, censorDate: CareHistories.censor)
    #expect(try t.texts("child") == ["F", "G", "H"])
    #expect(try t.texts("days") == ["343", "580", "549"])
    #expect(try t.texts("returned") == ["0", "1", "0"])
}
