/// The official codes the simulation refers to by name, each taken from its typed code list (CodeLists.swift),
/// so a misspelt code cannot compile. Names are the codes themselves (RNE codes prefixed `rne`).
enum SyntheticCode {
    static let n1 = CategoryOfNeed.abuseOrNeglect.rawValue
    static let n9 = CategoryOfNeed.notChildInNeed.rawValue
    static let n0 = CategoryOfNeed.notStated.rawValue
    static let l2 = LegalStatus.emergencyProtectionOrder.rawValue
    static let c2 = LegalStatus.fullCareOrder.rawValue
    static let c1 = LegalStatus.interimCareOrder.rawValue
    static let e1 = LegalStatus.placementOrder.rawValue
    static let l1 = LegalStatus.policeProtection.rawValue
    static let j1 = LegalStatus.remanded.rawValue
    static let v2 = LegalStatus.section20Single.rawValue
    static let a3 = PlacementType.adoptionConsentCurrentCarer.rawValue
    static let a4 = PlacementType.adoptionConsentOtherCarer.rawValue
    static let a5 = PlacementType.adoptionOrderCurrentCarer.rawValue
    static let a6 = PlacementType.adoptionOrderOtherCarer.rawValue
    static let u6 = PlacementType.fosterOtherOther.rawValue
    static let p1 = PlacementType.withParents.rawValue
    static let e12 = ReasonEpisodeCeased.adoptedConsentDispensed.rawValue
    static let e11 = ReasonEpisodeCeased.adoptedUnopposed.rawValue
    static let e41 = ReasonEpisodeCeased.childArrangementsOrder.rawValue
    static let x1 = ReasonEpisodeCeased.continuing.rawValue
    static let e9 = ReasonEpisodeCeased.custody.rawValue
    static let e8 = ReasonEpisodeCeased.otherReason.rawValue
    static let e14 = ReasonEpisodeCeased.remandEnded.rawValue
    static let e4a = ReasonEpisodeCeased.returnedHomePlanned.rawValue
    static let e46 = ReasonEpisodeCeased.sgoFormerFosterCarerOther.rawValue
    static let e45 = ReasonEpisodeCeased.sgoFormerFosterCarerRelative.rawValue
    static let e48 = ReasonEpisodeCeased.sgoOther.rawValue
    static let e47 = ReasonEpisodeCeased.sgoOtherRelative.rawValue
    static let rc1 = ReasonForClosure.adopted.rawValue
    static let rc3 = ReasonForClosure.childArrangementsOrder.rawValue
    static let rc8 = ReasonForClosure.closedAfterAssessmentNFA.rawValue
    static let rc7 = ReasonForClosure.servicesCeased.rawValue
    static let rc4 = ReasonForClosure.specialGuardianshipOrder.rawValue
    static let rneU = ReasonNewEpisode.legalStatusAndPlacementChangeSameCarer.rawValue
    static let rneL = ReasonNewEpisode.legalStatusChange.rawValue
    static let rneB = ReasonNewEpisode.legalStatusPlacementAndCarerChange.rawValue
    static let rneP = ReasonNewEpisode.placementAndCarerChange.rawValue
    static let rneT = ReasonNewEpisode.placementChangeSameCarer.rawValue
    static let rneS = ReasonNewEpisode.started.rawValue
    static let carePlan = ReasonPlaceChange.carePlan.rawValue
    static let un3 = UPNUnknownReason.notAttending.rawValue
}
