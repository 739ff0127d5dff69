import Testing
import Tabular
@testable import CareData

private let cinHeader = "LA,LAchildID,CINreferralDate,ReferralSource,PrimaryNeedCode,ReferralNFA,CINclosureDate,ReasonForClosure,CPPstartDate,CPPendDate,CensusYear"

@Test func interventionLevelIsTheHighestLevel() throws {
    let cin = try CINCensusReader.episodes(from: TestData.frame([cinHeader,
        "201,A,2015-03-01,1A,N1,true,2015-03-02,RC8,,,2015",   // referral only, but A is looked after (903)
        "201,P,2016-05-01,1A,N1,false,2016-05-20,RC8,,,2017",  // closed after assessment, NFA → referral only
        "201,Q,2016-05-01,1A,N1,false,2016-09-01,RC7,,,2017",  // assessed in need → cin
        "201,R,2016-01-15,1A,N1,false,2016-12-01,RC7,2016-02-01,2016-10-01,2017", // plan → cpp
        "201,S,2016-01-15,1A,N1,true,2016-01-16,RC8,,,2017",   // S: referral only ...
        "201,S,2016-06-15,1A,N1,false,,,2016-07-01,,2017",     // ... then a plan → cpp
    ]))
    let population = [("201", "A"), ("201", "P"), ("201", "Q"), ("201", "R"), ("201", "S"), ("201", "Z"), ("202", "D")]
        .map { ChildKey(la: $0.0, child: $0.1) }
    let t = try InterventionLevel.table(cin: cin, episodes: try CareHistories.episodes(), population: population)
    // Z has no record → no contact; D is in the SSDA903 extract of LA 202 → looked after.
    #expect(try t.texts("level") == ["looked_after", "referral_only", "cin", "cpp", "cpp", "no_contact", "looked_after"])
    #expect(try t.texts("in_cin") == ["TRUE", "TRUE", "TRUE", "TRUE", "TRUE", "FALSE", "FALSE"])
    if case let .categorical(_, levels, ordered) = try t.requireColumn("level").values {
        #expect(levels == ["no_contact", "referral_only", "cin", "cpp", "looked_after"] && ordered)
    } else { Issue.record("level is not categorical") }
}

@Test func reReferralSharesWorkedByHand() throws {
    let cin = try CINCensusReader.episodes(from: TestData.frame([cinHeader,
        "201,X,2015-05-01,1A,N1,false,2015-06-01,RC7,,,2016",
        "201,X,2016-04-15,1A,N1,false,2016-06-01,RC7,,,2017",
        "201,Y,2016-06-01,1A,N1,false,2016-07-01,RC7,,,2017",
        "201,X,2018-03-01,1A,N1,false,,,,,2018",
    ]))
    let t = try ReReferrals.table(cin)
    // 2016 (year of 2015-05-01): 1 referral, first for X.
    // 2017: X 2016-04-15 (previous 2015-05-01 ≥ 2015-04-15, within 12 and 36 months), Y first → 1 of 2 = 50 %.
    // 2018: X 2018-03-01, previous 2016-04-15 < 2017-03-01 (not within 12) but ≥ 2015-03-01 (within 36).
    #expect(try t.texts("year") == ["2016", "2017", "2018"])
    #expect(try t.texts("referrals") == ["1", "2", "1"])
    #expect(try t.texts("rereferrals_12m") == ["0", "1", "0"])
    #expect(try t.texts("rereferrals_36m") == ["0", "1", "1"])
    #expect(try t.texts("pct_12m") == ["0.0", "50.0", "0.0"])
    #expect(try t.texts("pct_36m") == ["0.0", "50.0", "100.0"])
    // Earliest referral 2015-05-01: only 2018 (year from 2017-04-01) has 12 months of history (from 2016-04-01).
    #expect(try t.texts("full_lookback_12m") == ["FALSE", "FALSE", "TRUE"])
    #expect(try t.texts("full_lookback_36m") == ["FALSE", "FALSE", "FALSE"])
}

@Test func laCountsWorkedByHand() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    let cin = try CINCensusReader.episodes(from: TestData.frame([cinHeader,
        "201,R,2016-01-15,1A,N1,false,2016-12-01,RC7,2016-02-01,2016-10-01,2017",
        "201,T,2016-03-01,1A,N1,false,,,,,2016",            // left the census unclosed after 2016
        "201,U,2017-01-10,1A,N1,false,,,2017-02-01,,2018",
    ]))
    let t = try LACounts.annual(periods: periods, cin: cin, censorDate: CareHistories.censor, years: 2016...2018)
    #expect(try t.texts("la") == ["201", "201", "201", "202", "202", "202"])
    // LA 201, 2016: in care 31/03/2016 A (from 01/03/2016), B, C → 3; starts A (twice), B, C → 3 children;
    //   ends A (01/09/2015) → 1. 2017: A ended 01/02/2017, B 01/07/2016, C 01/12/2016 → 0 in care, 3 ends.
    // LA 202, 2018: E open from 01/01/2018 → 1 in care; starts D, E → 2; ends D (01/06/2017) → 1.
    #expect(try t.texts("cla_at31") == ["3", "0", "0", "0", "0", "1"])
    #expect(try t.texts("cla_starts") == ["3", "0", "0", "0", "0", "2"])
    #expect(try t.texts("cla_ends") == ["1", "3", "0", "0", "0", "1"])
    // CPP: R on 31/03/2016 (plan 01/02–01/10/2016); U from 01/02/2017, no end, still reported in 2018.
    // LA 202 has no CIN records: its CIN counts are unknown (missing), not 0.
    #expect(try t.texts("cpp_at31") == ["1", "1", "1", nil, nil, nil])
    #expect(try t.texts("cpp_starts") == ["1", "1", "0", nil, nil, nil])
    // CIN at 31 March: 2016 R and T; 2017 U only (T last reported in 2016); 2018 U.
    #expect(try t.texts("cin_at31") == ["2", "1", "1", nil, nil, nil])

    let m = try LACounts.monthly(periods: periods, children: try CareHistories.children(), censorDate: CareHistories.censor)
    let dates = try m.texts("date")
    // 30/06/2016: A (U4 foster, aged 11), B (U6 foster, 18 on 01/06/2016 → 16+), C (A5, aged 6) in LA 201.
    let june = dates.indices.filter { dates[$0] == "2016-06-30" }
    #expect(try june.map { try m.texts("age_band")[$0] } == ["5-9", "10-15", "16+"])
    #expect(try june.map { try m.texts("placement")[$0] } == ["adoption", "foster", "foster"])
    // 31/01/2018: only E (LA 202, born 01/01/2012 → aged 6, U6 foster).
    let jan = dates.indices.filter { dates[$0] == "2018-01-31" }
    let la = try m.texts("la"), band = try m.texts("age_band"), place = try m.texts("placement")
    let janRows: [String] = jan.map { i in [la[i], band[i], place[i]].map { $0 ?? "" }.joined(separator: " ") }
    #expect(janRows == ["202 5-9 foster"])
    // The last month is March 2018 (its last day is the censor date).
    #expect(dates.last == "2018-03-31")
}

@Test func sequencesWorkedByHand() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    let cin = try CINCensusReader.episodes(from: TestData.frame([cinHeader,
        "201,A,2015-10-15,1A,N1,false,2016-01-20,RC7,,,2016"]))
    let children = try CareHistories.children()
    let byDate = try CareSequences.long(periods: periods, cin: cin, children: children,
        window: .dates(from: TestData.date(2015, 8, 1), to: TestData.date(2016, 4, 1)), censorDate: CareHistories.censor)
    let a = (0..<byDate.rowCount).filter { (try? byDate.texts("child")[$0]) == "A" }
    // 1 Aug 2015: episode 2 of period 1 (K2) → residential; 1 Sep: period ended (E4A) that day → left care;
    // 1 Nov–1 Jan: CIN episode 15/10/2015–20/01/2016 → cin; 1 Feb: left care; 1 Mar, 1 Apr: period 2, U4 → foster.
    #expect(try a.map { try byDate.texts("state")[$0] } == ["residential", "left_care", "left_care", "cin", "cin", "cin",
                                                           "left_care", "foster", "foster"])
    let byAge = try CareSequences.long(periods: periods, cin: cin, children: children,
        window: .ages(fromMonths: 82, toMonths: 84), censorDate: CareHistories.censor)
    func states(_ id: String) throws -> [String?] {
        let c = try byAge.texts("child"), s = try byAge.texts("state")
        return c.indices.filter { c[$0] == id }.map { s[$0] }
    }
    // C, born 01/01/2010: 01/11/2016 placed for adoption (A5) → other placement; 01/12/2016 adopted (E11).
    #expect(try states("C") == ["other_placement", "adopted_sgo"])
    // D has no header row and no CIN birth date → no age sequence.
    #expect(try states("D") == [])
    let e = try CareSequences.long(periods: periods, cin: cin, children: children,
        window: .ages(fromMonths: 70, toMonths: 73), censorDate: CareHistories.censor)
    let ec = try e.texts("child"), es = try e.texts("state")
    // E, born 01/01/2012: months 70–72 are 01/11/2017, 01/12/2017 (home), 01/01/2018 (entered care, U6).
    #expect(ec.indices.filter { ec[$0] == "E" }.map { es[$0] } == ["home", "home", "foster"])
    let wide = try CareSequences.wide(periods: periods, cin: cin, children: children,
        window: .ages(fromMonths: 82, toMonths: 84), censorDate: CareHistories.censor)
    #expect(wide.columnNames == ["la", "child", "m0", "m1"])
    #expect(throws: CareDataError.self) {
        try CareSequences.long(periods: periods, cin: cin, children: children, window: .ages(fromMonths: 5, toMonths: 5),
                               censorDate: CareHistories.censor)
    }
}

@Test func leavingCareCurveInputWithProceedings() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    let proceedings = try CareProceedingsData.proceedings(from: TestData.frame([
        "CHILD,LA,APPLICATION_DATE,FINAL_ORDER_DATE,ORDER_MADE",
        "A,201,2016-02-15,2016-08-01,CO",  // overlaps A's second period (01/03/2016–01/02/2017), not the first
        "B,201,2017-01-01,2017-06-01,SO",  // after B left care (01/07/2016)
        "E,202,2017-12-01,,",              // open proceedings; E in care from 01/01/2018
    ]))
    let t = try CareProceedingsData.leavingCareCurve(periods: periods, proceedings: proceedings,
                                                     censorDate: CareHistories.censor)
    #expect(try t.texts("child") == ["A", "A", "B", "C", "D", "E"])
    // Days: A1 153, A2 337, B 01/01–01/07/2016 = 182, C 01/01–01/12/2016 = 335, D 31, E open to 31/03/2018 = 89.
    #expect(try t.texts("days") == ["153", "337", "182", "335", "31", "89"])
    #expect(try t.texts("left") == ["1", "1", "1", "1", "1", "0"])
    #expect(try t.texts("proceedings") == ["0", "1", "0", "0", "0", "1"])
    #expect(try t.texts("order") == [nil, "CO", nil, nil, nil, nil])
}

@Test func proceedingsJourneysWorkedByHand() throws {
    let periods = PeriodsOfCare.build(try CareHistories.episodes())
    let proceedings = try CareProceedingsData.proceedings(from: TestData.frame([
        "CHILD,LA,APPLICATION_DATE,FINAL_ORDER_DATE,ORDER_MADE",
        "A,201,2016-02-15,2016-08-01,CO",
        "B,201,2017-01-01,2017-06-01,SO",
        "E,202,2017-12-01,,",
    ]))
    let t = try CareProceedingsData.journeys(periods: periods, proceedings: proceedings, censorDate: CareHistories.censor)
    #expect(try t.texts("child") == ["A", "B", "E"])
    // A: not in care on 15/02/2016 (period 1 ended 01/09/2015, period 2 starts 01/03/2016); on 01/08/2016 the
    // episode from 15/05/2016 is C2 → order. B and E not in care at application; E's proceedings are open.
    #expect(try t.texts("status_at_application") == ["not_looked_after", "not_looked_after", "not_looked_after"])
    #expect(try t.texts("status_at_final_order") == ["order", "not_looked_after", nil])
    // Days: A 15/02–01/08/2016 = 15 (leap February) + 31+30+31+30+31 = 168, of which in care from 01/03: 153.
    // B 01/01–01/06/2017 = 151, none in care. E 01/12/2017–31/03/2018 = 31+31+28+30 = 120, in care from
    // 01/01/2018: 89.
    #expect(try t.texts("days_in_proceedings") == ["168", "151", "120"])
    #expect(try t.texts("days_looked_after") == ["153", "0", "89"])
    #expect(try t.texts("looked_after_before") == ["TRUE", "TRUE", "FALSE"])
}

/// Intervention before a per-child date (hand-worked): only what started strictly before the date counts.
@Test func interventionLevelBeforeADate() throws {
    let cin = try CINCensusReader.episodes(from: TestData.frame([cinHeader,
        "201,P,2016-05-01,1A,N1,false,2016-09-01,RC7,,,2017",             // P: referred 1 May 2016, assessed in need
        "201,R,2016-01-15,1A,N1,false,2016-12-01,RC7,2016-02-01,2016-10-01,2017", // R: plan from 1 Feb 2016
        "201,T,2016-06-01,1A,N1,false,2016-09-01,RC7,,,2017",             // T: referred after its cutoff
    ]))
    let keys = ["P", "R", "T", "U"].map { ChildKey(la: "201", child: $0) }
    func date(_ s: String) -> CivilDate { DateField.parse(s).date! }
    // P's cutoff falls after the referral but there is no assessment date in this flat file, so it stays a
    // referral; R's cutoff falls between its referral and its plan; T's falls before its referral; U has none.
    let cutoff = [keys[0]: date("2016-06-01"), keys[1]: date("2016-01-20"), keys[2]: date("2016-05-31")]
    let t = try InterventionLevel.table(cin: cin, episodes: [], population: keys, before: cutoff)
    #expect(try t.texts("level") == ["referral_only", "referral_only", "no_contact", "no_contact"])
    // With later cutoffs R reaches its plan; without cutoffs every record counts.
    let later = [keys[0]: date("2017-01-01"), keys[1]: date("2016-02-02"), keys[2]: date("2017-01-01")]
    #expect(try InterventionLevel.table(cin: cin, episodes: [], population: keys, before: later).texts("level")
            == ["referral_only", "cpp", "referral_only", "no_contact"])
    #expect(try InterventionLevel.table(cin: cin, episodes: [], population: keys).texts("level")
            == ["cin", "cpp", "cin", "no_contact"])
}

/// Columns read from plain files get the declared level order when they hold one of the domain's vocabularies,
/// and only then.
@Test func declaredLevelOrdersApplyToMatchingColumnsOnly() throws {
    let frame = try DataFrame(columns: [
        DataColumn(name: "level", strings: ["cin", "no_contact", "looked_after", nil]),
        DataColumn(name: "HIGHEST_LEVEL", strings: ["cla", "none", "referral"]  + [nil]),
        DataColumn(name: "convictions", strings: ["two_plus", "none", "one", "none"]),
        DataColumn(name: "sex", strings: ["male", "female", "male", "female"]),
        DataColumn(name: "one_value", strings: ["cin", "cin", "cin", "cin"]),
    ])
    let (out, changed) = try DeclaredLevelOrders.apply(to: frame)
    #expect(changed == ["level", "HIGHEST_LEVEL", "convictions"])
    func levels(_ name: String) -> [String]? {
        if case let .categorical(_, l, ordered)? = out.column(named: name)?.values, ordered { return l }
        return nil
    }
    #expect(levels("level") == ["no_contact", "referral_only", "cin", "cpp", "looked_after"])
    #expect(levels("HIGHEST_LEVEL") == ["none", "referral", "cin", "cpp", "cla"])
    #expect(levels("convictions") == ["none", "one", "two_plus"])
    #expect(levels("sex") == nil && levels("one_value") == nil)
    #expect(out.column(named: "level")?.stringValue(at: 2) == "looked_after" && out.column(named: "level")?.isMissing(3) == true)
}

/// The outcomes-study file, worked by hand: (IDACI − 0.15)/0.10 for the child and the LA, SEX 1 → male, ETHNIC
/// code → major group, convictions as an ordered factor with any_conviction; a bad SEN value names its line.
@Test func outcomeCohortBuildsTheAnalysisFile() throws {
    let outcomes = try TestData.frame([
        "CHILD,LA,SEX,DOB,ETHNIC,SEN,IDACI,ATTAINMENT,CONVICTIONS",
        "A,201,1,2000-01-01,WBRI,1,0.35,0,two_plus",
        "B,202,2,2000-06-01,BAFR,0,,1,none",
    ])
    let levels = try InterventionLevel.table(cin: [], episodes: [], population: [ChildKey(la: "201", child: "A"),
                                                                                ChildKey(la: "202", child: "B")])
    let las = [LocalAuthority(code: "201", idaci: 0.25)]
    let t = try OutcomeCohort.table(outcomes: outcomes, levels: levels, localAuthorities: las)
    #expect(try t.texts("sex") == ["male", "female"])
    #expect(try t.texts("ethnicity") == ["White", "Black"])
    func numbers(_ name: String) -> [Double?] { (0..<t.rowCount).map { t.column(named: name)?.numericValue(at: $0) } }
    #expect(numbers("sen") == [1, 0])
    let dep = try #require(t.column(named: "deprivation")), laDep = try #require(t.column(named: "la_deprivation"))
    #expect(abs((dep.numericValue(at: 0) ?? .nan) - 2) < 1e-12 && dep.isMissing(1))      // (0.35 − 0.15)/0.10
    #expect(abs((laDep.numericValue(at: 0) ?? .nan) - 1) < 1e-12 && laDep.isMissing(1))  // (0.25 − 0.15)/0.10; 202 unknown
    #expect(try t.texts("convictions") == ["two_plus", "none"])
    #expect(numbers("any_conviction") == [1, 0])
    #expect(numbers("attainment") == [0, 1])
    #expect(try t.texts("level") == ["no_contact", "no_contact"])

    let bad = try TestData.frame(["CHILD,LA,SEX,SEN", "A,201,1,0", "B,202,2,yes"])
    #expect(throws: CareDataError.invalidArgument("outcomes.csv: line 3: column SEN: \"yes\" is not 0 or 1")) {
        try OutcomeCohort.table(outcomes: bad, levels: levels, localAuthorities: [], source: "outcomes.csv")
    }
}
