import Sampling

/// A code list with sampling weights (unnormalised), drawn by sequential inversion.
struct WeightedCodes: Sendable {
    let codes: [String]
    let weights: [Double]

    init<Code: CodeList>(_ pairs: [(Code, Double)]) {
        codes = pairs.map(\.0.rawValue)
        weights = pairs.map(\.1)
    }

    /// `self` with `other`'s codes appended, their weights scaled so that together they have weight `total`.
    func adding(_ other: WeightedCodes, totalWeight total: Double) -> WeightedCodes {
        let sum = other.weights.reduce(0, +)
        return WeightedCodes(codes: codes + other.codes, weights: weights + other.weights.map { $0 * total / sum })
    }

    private init(codes: [String], weights: [Double]) {
        self.codes = codes
        self.weights = weights
    }

    func draw(_ rng: inout Xoshiro256StarStar) throws(SamplingError) -> String {
        codes[try rng.categorical(probabilities: weights)]
    }
}

/// The official codes the generator writes (domain-notes §2: SSDA903 validator rules 103, 143–149; CIN census
/// XSD 2022), with the synthetic frequencies used to draw them. The frequencies are round numbers in the
/// neighbourhood of national statistics (e.g. 72 % White British, police the largest referral source); they
/// are documented here and in truth.json but are not calibration targets.
enum SyntheticCodes {
    /// ETHNIC / Ethnicity (20 codes).
    static let ethnicity = WeightedCodes([
        (Ethnicity.whiteBritish, 0.72), (Ethnicity.whiteIrish, 0.005), (Ethnicity.whiteOther, 0.05), (Ethnicity.travellerOfIrishHeritage, 0.002), (Ethnicity.gypsyRoma, 0.005), (Ethnicity.whiteAndBlackCaribbean, 0.015),
        (Ethnicity.whiteAndBlackAfrican, 0.006), (Ethnicity.whiteAndAsian, 0.01), (Ethnicity.mixedOther, 0.015), (Ethnicity.indian, 0.03), (Ethnicity.pakistani, 0.04), (Ethnicity.bangladeshi, 0.015),
        (Ethnicity.asianOther, 0.015), (Ethnicity.blackCaribbean, 0.008), (Ethnicity.blackAfrican, 0.035), (Ethnicity.blackOther, 0.007), (Ethnicity.chinese, 0.005), (Ethnicity.otherGroup, 0.015),
        (Ethnicity.refused, 0.002), (Ethnicity.notObtained, 0.003),
    ])
    /// CIN census Disabilities (one code per child).
    static let disability = WeightedCodes([
        (Disability.none, 0.90), (Disability.mobility, 0.005), (Disability.handFunction, 0.003), (Disability.personalCare, 0.005), (Disability.incontinence, 0.003), (Disability.communication, 0.02),
        (Disability.learning, 0.02), (Disability.hearing, 0.004), (Disability.vision, 0.003), (Disability.behaviour, 0.015), (Disability.consciousness, 0.005), (Disability.autism, 0.015), (Disability.ddaOther, 0.002),
    ])
    /// CIN census ReferralSource.
    static let referralSource = WeightedCodes([
        (ReferralSource.individualFamily, 0.02), (ReferralSource.individualAcquaintance, 0.03), (ReferralSource.individualSelf, 0.01), (ReferralSource.individualOther, 0.02), (ReferralSource.schools, 0.18), (ReferralSource.educationServices, 0.01), (ReferralSource.healthGP, 0.03), (ReferralSource.healthVisitor, 0.02),
        (ReferralSource.healthSchoolNurse, 0.02), (ReferralSource.healthOtherPrimary, 0.02), (ReferralSource.healthAandE, 0.04), (ReferralSource.healthOther, 0.02), (ReferralSource.housing, 0.02), (ReferralSource.laSocialCare, 0.04), (ReferralSource.laOtherInternal, 0.05), (ReferralSource.laExternal, 0.03),
        (ReferralSource.police, 0.29), (ReferralSource.otherLegalAgency, 0.02), (ReferralSource.other, 0.06), (ReferralSource.anonymous, 0.02), (ReferralSource.unknown, 0.04),
    ])
    /// CIN census PrimaryNeedCode for referrals that go on to assessment.
    static let primaryNeed = WeightedCodes([
        (CategoryOfNeed.abuseOrNeglect, 0.57), (CategoryOfNeed.disability, 0.04), (CategoryOfNeed.parentalIllnessOrDisability, 0.04), (CategoryOfNeed.familyInAcuteStress, 0.09), (CategoryOfNeed.familyDysfunction, 0.15), (CategoryOfNeed.sociallyUnacceptableBehaviour, 0.02), (CategoryOfNeed.lowIncome, 0.01), (CategoryOfNeed.absentParenting, 0.03),
        (CategoryOfNeed.notChildInNeed, 0.04), (CategoryOfNeed.notStated, 0.01),
    ])
    /// PrimaryNeedCode for NFA referrals.
    static let primaryNeedNFA = WeightedCodes([(CategoryOfNeed.notChildInNeed, 0.55), (CategoryOfNeed.notStated, 0.25), (CategoryOfNeed.abuseOrNeglect, 0.10), (CategoryOfNeed.familyInAcuteStress, 0.05), (CategoryOfNeed.familyDysfunction, 0.05)])
    /// SSDA903 CIN (category of need, N1–N8) for periods entered through section 20 at 11+.
    static let needAdolescent = WeightedCodes([
        (CategoryOfNeed.abuseOrNeglect, 0.40), (CategoryOfNeed.familyInAcuteStress, 0.15), (CategoryOfNeed.familyDysfunction, 0.20), (CategoryOfNeed.sociallyUnacceptableBehaviour, 0.10), (CategoryOfNeed.absentParenting, 0.10), (CategoryOfNeed.disability, 0.03), (CategoryOfNeed.parentalIllnessOrDisability, 0.02),
    ])
    /// SSDA903 CIN for other periods.
    static let needChild = WeightedCodes([
        (CategoryOfNeed.abuseOrNeglect, 0.70), (CategoryOfNeed.familyInAcuteStress, 0.08), (CategoryOfNeed.familyDysfunction, 0.10), (CategoryOfNeed.disability, 0.04), (CategoryOfNeed.parentalIllnessOrDisability, 0.04), (CategoryOfNeed.absentParenting, 0.04),
    ])
    /// CIN census categories of abuse.
    static let abuseCategory = WeightedCodes([(CategoryOfAbuse.neglect, 0.50), (CategoryOfAbuse.emotional, 0.38), (CategoryOfAbuse.physical, 0.07), (CategoryOfAbuse.sexual, 0.04), (CategoryOfAbuse.multiple, 0.01)])
    /// SSDA903 REASON_PLACE_CHANGE.
    static let placementChangeReason = WeightedCodes([
        (ReasonPlaceChange.carePlan, 0.25), (ReasonPlaceChange.providerClosure, 0.05), (ReasonPlaceChange.allegation, 0.03), (ReasonPlaceChange.standardsOfCare, 0.08), (ReasonPlaceChange.approvalRemoved, 0.02), (ReasonPlaceChange.carerRequestBehaviour, 0.07),
        (ReasonPlaceChange.carerRequestOther, 0.06), (ReasonPlaceChange.childRequest, 0.12), (ReasonPlaceChange.authorityRequest, 0.18), (ReasonPlaceChange.placementStatusChange, 0.06), (ReasonPlaceChange.custody, 0.01), (ReasonPlaceChange.other, 0.07),
    ])
    /// Special guardianship exits: former foster carer relative/other, other carer relative/other.
    static let sgoExit = WeightedCodes([(ReasonEpisodeCeased.sgoFormerFosterCarerRelative, 0.45), (ReasonEpisodeCeased.sgoFormerFosterCarerOther, 0.15), (ReasonEpisodeCeased.sgoOtherRelative, 0.35), (ReasonEpisodeCeased.sgoOther, 0.05)])
    /// Exits at the 18th birthday.
    static let exitAt18 = WeightedCodes([(ReasonEpisodeCeased.independentWithSupport, 0.45), (ReasonEpisodeCeased.independentWithoutSupport, 0.08), (ReasonEpisodeCeased.stayingPut, 0.30), (ReasonEpisodeCeased.otherReason, 0.17)])
    /// Exits at the end of section 20 accommodation under 16.
    static let exitSection20 = WeightedCodes([
        (ReasonEpisodeCeased.returnedHomePlanned, 0.58), (ReasonEpisodeCeased.returnedHomeUnplanned, 0.13), (ReasonEpisodeCeased.livingWithRelativesNoPR, 0.08), (ReasonEpisodeCeased.otherReason, 0.15), (ReasonEpisodeCeased.childArrangementsOrder, 0.02),
    ]).adding(sgoExit, totalWeight: 0.04)
    /// Exits at the end of section 20 accommodation at 16–17.
    static let exitSection20Older = WeightedCodes([
        (ReasonEpisodeCeased.returnedHomePlanned, 0.40), (ReasonEpisodeCeased.returnedHomeUnplanned, 0.12), (ReasonEpisodeCeased.livingWithRelativesNoPR, 0.08), (ReasonEpisodeCeased.otherReason, 0.15), (ReasonEpisodeCeased.independentWithSupport, 0.18), (ReasonEpisodeCeased.independentWithoutSupport, 0.07),
    ])
    /// Exits from a full care order before 18.
    static let exitCareOrder = WeightedCodes([
        (ReasonEpisodeCeased.returnedHomePlanned, 0.45), (ReasonEpisodeCeased.childArrangementsOrder, 0.07),
        (ReasonEpisodeCeased.otherReason, 0.13),
    ]).adding(sgoExit, totalWeight: 0.35)

    /// Placements by age band for foster/residential episodes (U1–U6 foster, K1/K2 homes, H5 semi-independent,
    /// P1 with parents, P2 independent living, R1 residential care home).
    static let placementsByAgeBand: [WeightedCodes] = [
        WeightedCodes([(PlacementType.fosterRelativeLongTerm, 0.03), (PlacementType.fosterRelativeFFA, 0.02), (PlacementType.fosterRelativeOther, 0.15), (PlacementType.fosterOtherLongTerm, 0.08), (PlacementType.fosterOtherFFA, 0.05), (PlacementType.fosterOtherOther, 0.62), (PlacementType.withParents, 0.05)]),
        WeightedCodes([(PlacementType.fosterRelativeLongTerm, 0.05), (PlacementType.fosterRelativeOther, 0.16), (PlacementType.fosterOtherLongTerm, 0.14), (PlacementType.fosterOtherOther, 0.59), (PlacementType.childrensHome, 0.01), (PlacementType.withParents, 0.05)]),
        WeightedCodes([(PlacementType.fosterRelativeLongTerm, 0.06), (PlacementType.fosterRelativeOther, 0.13), (PlacementType.fosterOtherLongTerm, 0.18), (PlacementType.fosterOtherOther, 0.53), (PlacementType.childrensHome, 0.06), (PlacementType.withParents, 0.04)]),
        WeightedCodes([(PlacementType.fosterRelativeLongTerm, 0.03), (PlacementType.fosterRelativeOther, 0.09), (PlacementType.fosterOtherLongTerm, 0.14), (PlacementType.fosterOtherOther, 0.45), (PlacementType.childrensHome, 0.24), (PlacementType.secureChildrensHome, 0.01), (PlacementType.residentialCareHome, 0.01),
                       (PlacementType.withParents, 0.03)]),
        WeightedCodes([(PlacementType.fosterRelativeOther, 0.07), (PlacementType.fosterOtherLongTerm, 0.08), (PlacementType.fosterOtherOther, 0.30), (PlacementType.childrensHome, 0.17), (PlacementType.semiIndependent, 0.35), (PlacementType.independentLiving, 0.03)]),
    ]
    /// Placement providers by placement code (PR0 parents, PR1 own LA, PR2 other LA, PR4 private, PR5 voluntary).
    static func provider(for place: String) -> WeightedCodes {
        switch place {
        case "P1": return WeightedCodes([(PlacementProvider.parents, 1)])
        case "U1", "U2", "U3", "P2": return WeightedCodes([(PlacementProvider.ownLA, 0.95), (PlacementProvider.otherLA, 0.05)])
        case "U4", "U5", "U6": return WeightedCodes([(PlacementProvider.ownLA, 0.55), (PlacementProvider.privateProvider, 0.40), (PlacementProvider.voluntary, 0.05)])
        case "K2", "R1", "H5": return WeightedCodes([(PlacementProvider.privateProvider, 0.75), (PlacementProvider.ownLA, 0.20), (PlacementProvider.voluntary, 0.05)])
        case "K1": return WeightedCodes([(PlacementProvider.ownLA, 0.5), (PlacementProvider.otherLA, 0.5)])
        default: return WeightedCodes([(PlacementProvider.ownLA, 0.7), (PlacementProvider.voluntary, 0.3)])
        }
    }
    /// Placements with an Ofsted unique reference number (others are written "XXXXXXX", the 903 convention).
    static let placesWithURN: Set<String> = Set([PlacementType.secureChildrensHome, .childrensHome, .residentialCareHome].map(\.rawValue))

    /// Exits after which a child is at risk of returning to care (domain-notes §2.1, following McGrath-Lone's
    /// exclusions of death, transfer, adoption and custody).
    static let atRiskExits: [String] = [
        ReasonEpisodeCeased.returnedHomePlanned, .returnedHomeUnplanned, .livingWithRelativesNoPR, .childArrangementsOrder,
        .sgoFormerFosterCarerRelative, .sgoFormerFosterCarerOther, .sgoOtherRelative, .sgoOther, .independentWithSupport,
        .independentWithoutSupport, .stayingPut, .otherReason, .remandEnded,
    ].map(\.rawValue)
    static let homeExits: Set<String> = Set([ReasonEpisodeCeased.returnedHomePlanned, .returnedHomeUnplanned,
                                             .livingWithRelativesNoPR].map(\.rawValue))
    static let permanenceOrderExits: Set<String> = Set([
        ReasonEpisodeCeased.childArrangementsOrder, .sgoFormerFosterCarerRelative, .sgoFormerFosterCarerOther,
        .sgoOtherRelative, .sgoOther,
    ].map(\.rawValue))

    /// Final-order codes written to the care-proceedings file, in `orderOutcome*` order.
    static let orderMade = [FinalOrder.placementOrder, .careOrder, .specialGuardianshipOrder, .childArrangementsOrder,
                            .supervisionOrder].map(\.rawValue)
}
