import Testing
@testable import CareData

/// Sizes of the valid sets as stated in domain-notes §2.1 (validator rules 103, 143, 144, 146, 149).
@Test func codeListSizesMatchTheValidatorRules() {
    #expect(ReasonNewEpisode.allCases.count == 6)   // rule 143: S L P T B U
    #expect(LegalStatus.allCases.count == 13)       // rule 144
    #expect(PlacementType.allCases.count == 28)     // rule 146, 2024/25 set incl. K3
    #expect(ReasonEpisodeCeased.allCases.count == 22) // rule 149
    #expect(Ethnicity.allCases.count == 20)         // rule 103
    #expect(PlacementProvider.allCases.count == 6)  // PR0–PR5
    #expect(ReasonPlaceChange.allCases.count == 12) // liia-tools 2024 schema
    #expect(CategoryOfNeed.allCases.filter(\.isValidInSSDA903).count == 8) // rule 145: N1–N8
}

/// Domain-notes §2.1: X1 is the only continuing code; at-risk exits are E4A/E4B/E13/E41/E45–E48/E5/E6/E17/E8/E14.
@Test func periodEndingAndAtRiskExitCodes() {
    #expect(ReasonEpisodeCeased.allCases.filter { !$0.endsPeriod } == [.continuing])
    let atRisk = Set(ReasonEpisodeCeased.allCases.filter(\.isAtRiskExit).map(\.code))
    #expect(atRisk == ["E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5", "E6", "E17", "E8", "E14"])
}

@Test func parsingTrimsAndUpperCases() {
    #expect(ReasonEpisodeCeased.parse(" e4a ") == .returnedHomePlanned)
    #expect(PlacementType.parse("k3") == .supportedAccommodation) // the rule-146 lower-case "k3" bug is not repeated
    #expect(PlacementType.parse("") == nil)
    #expect(PlacementType.parse("Q9") == nil)
    #expect(ReferralSource.parse("10") == .unknown)
}

@Test func fileFormatsUseOfficialNames() {
    #expect(FileFormats.ssda903Episodes.columnNames.prefix(13) == ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
        "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"])
    #expect(FileFormats.ssda903Header.columnNames.prefix(7) == ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])
    #expect(FileFormats.cinCensus.key == ["LA", "LAchildID", "CINreferralDate"])
}
