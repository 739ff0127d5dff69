import Foundation
import Testing
import Tabular
@testable import CareData

/// A two-child CIN census message written by hand after the CIN XSD (domain-notes §2.2).
private let cinXML = """
<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2017</Year><ReferenceDate>2017-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>201</LEA></Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers><LAchildID>A1</LAchildID><UPN>A123456789012</UPN><PersonBirthDate>2010-02-03</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>MOB</Disability><Disability>HEAR</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2016-05-01</CINreferralDate><ReferralSource>2A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2017-01-10</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>false</ReferralNFA>
        <Assessments><AssessmentActualStartDate>2016-05-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2016-05-20</AssessmentAuthorisationDate></Assessments>
        <Assessments><AssessmentActualStartDate>2016-09-01</AssessmentActualStartDate></Assessments>
        <ChildProtectionPlans><CPPstartDate>2016-06-01</CPPstartDate><CPPendDate>2016-08-01</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse></ChildProtectionPlans>
        <ChildProtectionPlans><CPPstartDate>2016-10-01</CPPstartDate><InitialCategoryOfAbuse>EMO</InitialCategoryOfAbuse><LatestCategoryOfAbuse>PHY</LatestCategoryOfAbuse></ChildProtectionPlans>
      </CINdetails>
      <CINdetails>
        <CINreferralDate>2017-02-01</CINreferralDate><ReferralSource>6</ReferralSource><PrimaryNeedCode>N4</PrimaryNeedCode><ReferralNFA>1</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>B2</LAchildID><GenderCurrent>2</GenderCurrent></ChildIdentifiers>
      <CINdetails><CINreferralDate>2017-03-01</CINreferralDate><ReferralNFA>0</ReferralNFA></CINdetails>
    </Child>
  </Children>
</Message>
"""

@Test func cinXMLIsReadIntoFlatRecords() throws {
    let e = try CINXMLReader.episodes(xml: cinXML)
    #expect(e.count == 3)
    #expect(e.map(\.child) == ["A1", "A1", "B2"])
    #expect(e.allSatisfy { $0.la == "201" && $0.censusYear == 2017 })
    // First episode: first assessment kept; the plan with the latest start (2016-10-01, EMO/PHY, open) kept.
    #expect(e[0].assessmentStartDate.date == TestData.date(2016, 5, 2))
    #expect(e[0].cppStartDate.date == TestData.date(2016, 10, 1) && e[0].cppEndDate == .missing)
    #expect(e[0].latestCategoryOfAbuse == .physical && e[0].referralSource == .schools)
    #expect(e[0].disabilityCodes == ["MOB", "HEAR"] && e[0].birthDate.date == TestData.date(2010, 2, 3))
    #expect(e[1].referralNFA == true && e[1].primaryNeed == .familyInAcuteStress && e[1].disabilityCodes == ["MOB", "HEAR"])
    #expect(e[2].referralNFA == false && e[2].gender == .female && e[2].disabilityCodes == [])
    #expect(throws: CareDataError.self) { try CINXMLReader.episodes(xml: "<Message><Child></Message>") }
    #expect(throws: CareDataError.self) { try CINXMLReader.episodes(xml: "<Other/>") }
}

@Test func soscareModulesLinkThroughMissingHCN() throws {
    let cin = try SOSCAREReader.records(from: TestData.frame([
        "HCN,SOSCARE_ID,TRUST,SEQ,REFERRAL_DATE,ASSESSMENT_DATE,OUTCOME,CLOSURE_DATE",
        "H1,S1,BHSCT,1,2010-01-05,2010-01-20,CIN,2010-06-01",
        ",S1,BHSCT,2,2011-02-01,,CIN,2011-01-01",      // HCN missing; closed before referral
        ",S9,WHSCT,1,2012-03-01,,CIN,",                // no HCN anywhere for S9
    ]), module: .childrenInNeed)
    let lac = try SOSCAREReader.records(from: TestData.frame([
        "HCN,SOSCARE_ID,TRUST,SEQ,EPISODE_START,REASON_IN_CARE,LEGAL_STATUS,PLACEMENT_TYPE,DISCHARGE_DATE,DISCHARGE_REASON,PLACEMENT_MOVES",
        ",S1,BHSCT,1,2012-05-01,Abuse,Care order,Foster,,,0",
    ]), module: .childrenInCare)
    let data = SOSCAREData(records: cin + lac)
    // S1 in BHSCT carries H1 on its first CIN row, so all three S1 rows link to person H:H1; S9 stays on its id.
    #expect(data.records.map(\.personID) == ["H:H1", "H:H1", "S:WHSCT:S9", "H:H1"])
    #expect(data.personCount(in: .childrenInNeed) == 2 && data.personCount(in: .childrenInCare) == 1)
    let v = Validation.soscare(data)
    let found = Set(v.issues.map { "\($0.source) \($0.row + 2) \($0.rule.rawValue)" })
    #expect(found == ["children_in_need 3 missing-link-id", "children_in_need 3 inverted-dates",
                      "children_in_need 4 missing-link-id", "children_in_care 2 missing-link-id"])
    #expect(v.soscare?.records.count == 3)
}

@Test func csvFilesAndHeaderPathRoundTrip() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caredata-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let episodes = dir.appendingPathComponent("la201_episodes.csv").path
    // BOM, CRLF and a quoted field with a comma.
    try ("\u{FEFF}CHILD,DECOM,RNE,LS,PLACE,DEC,REC,HOME_POST\r\n"
         + "A,01/04/2015,S,V2,U6,01/06/2015,E4A,\"AB1, 2\"\r\n").write(toFile: episodes, atomically: true, encoding: .utf8)
    let e = try SSDA903Reader.readEpisodes(path: episodes)
    #expect(e.count == 1 && e[0].recCode == "E4A" && e[0].dec.date == TestData.date(2015, 6, 1))
    #expect(SSDA903Reader.headerPath(besideEpisodes: episodes) == dir.appendingPathComponent("la201_header.csv").path)
    #expect(SSDA903Reader.headerPath(besideEpisodes: "/x/903.csv") == nil)
    let out = dir.appendingPathComponent("out.csv").path
    let frame = try makeFrame([DataColumn(name: "a", strings: ["x,y", nil]), DataColumn(name: "b", doubles: [2, 0.5])])
    try writeCSV(frame, to: out)
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "a,b\n\"x,y\",2\n,0.5\n")
    #expect(throws: CareDataError.self) { try SSDA903Reader.readEpisodes(path: dir.appendingPathComponent("none.csv").path) }
    #expect(throws: CareDataError.self) { try CSVText.parse("a,b\n\"x,1\n", source: "t") }
}
