import Sampling

/// A code list with sampling weights (unnormalised), drawn by sequential inversion.
struct WeightedCodes: Sendable {
    let codes: [String]
    let weights: [Double]

    init<Code: CodeList>(_ type: Code.Type, _ pairs: [(Code, Double)]) {
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
    static let ethnicity = WeightedCodes(Ethnicity.self, [
        (.whiteBritish, 0.72), (.whiteIrish, 0.005), (.whiteOther, 0.05), (.travellerOfIrishHeritage, 0.002),
        (.gypsyRoma, 0.005), (.whiteAndBlackCaribbean, 0.015), (.whiteAndBlackAfrican, 0.006), (.whiteAndAsian, 0.01),
        (.mixedOther, 0.015), (.indian, 0.03), (.pakistani, 0.04), (.bangladeshi, 0.015), (.asianOther, 0.015),
        (.blackCaribbean, 0.008), (.blackAfrican, 0.035), (.blackOther, 0.007), (.chinese, 0.005),
        (.otherGroup, 0.015), (.refused, 0.002), (.notObtained, 0.003),
    ])
    /// CIN census Disabilities (one code per child).
    static let disability = WeightedCodes(Disability.self, [
        (.none, 0.90), (.mobility, 0.005), (.handFunction, 0.003), (.personalCare, 0.005), (.incontinence, 0.003),
        (.communication, 0.02), (.learning, 0.02), (.hearing, 0.004), (.vision, 0.003), (.behaviour, 0.015),
        (.consciousness, 0.005), (.autism, 0.015), (.ddaOther, 0.002),
    ])
    /// CIN census ReferralSource.
    static let referralSource = WeightedCodes(ReferralSource.self, [
        (.individualFamily, 0.02), (.individualAcquaintance, 0.03), (.individualSelf, 0.01), (.individualOther, 0.02),
        (.schools, 0.18), (.educationServices, 0.01), (.healthGP, 0.03), (.healthVisitor, 0.02),
        (.healthSchoolNurse, 0.02), (.healthOtherPrimary, 0.02), (.healthAandE, 0.04), (.healthOther, 0.02),
        (.housing, 0.02), (.laSocialCare, 0.04), (.laOtherInternal, 0.05), (.laExternal, 0.03), (.police, 0.29),
        (.otherLegalAgency, 0.02), (.other, 0.06), (.anonymous, 0.02), (.unknown, 0.04),
    ])
    /// CIN census PrimaryNeedCode for referrals that go on to assessment.
    static let primaryNeed = WeightedCodes(CategoryOfNeed.self, [
        (.abuseOrNeglect, 0.57), (.disability, 0.04), (.parentalIllnessOrDisability, 0.04),
        (.familyInAcuteStress, 0.09), (.familyDysfunction, 0.15), (.sociallyUnacceptableBehaviour, 0.02),
        (.lowIncome, 0.01), (.absentParenting, 0.03), (.notChildInNeed, 0.04), (.notStated, 0.01),
    ])
    /// PrimaryNeedCode for NFA referrals.
    static let primaryNeedNFA = WeightedCodes(CategoryOfNeed.self, [
        (.notChildInNeed, 0.55), (.notStated, 0.25), (.abuseOrNeglect, 0.10), (.familyInAcuteStress, 0.05),
        (.familyDysfunction, 0.05),
    ])
    /// SSDA903 CIN (category of need, N1–N8) for periods entered through section 20 at 11+.
    static let needAdolescent = WeightedCodes(CategoryOfNeed.self, [
        (.abuseOrNeglect, 0.40), (.familyInAcuteStress, 0.15), (.familyDysfunction, 0.20),
        (.sociallyUnacceptableBehaviour, 0.10), (.absentParenting, 0.10), (.disability, 0.03),
        (.parentalIllnessOrDisability, 0.02),
    ])
    /// SSDA903 CIN for other periods.
    static let needChild = WeightedCodes(CategoryOfNeed.self, [
        (.abuseOrNeglect, 0.70), (.familyInAcuteStress, 0.08), (.familyDysfunction, 0.10), (.disability, 0.04),
        (.parentalIllnessOrDisability, 0.04), (.absentParenting, 0.04),
    ])
    /// CIN census categories of abuse.
    static let abuseCategory = WeightedCodes(CategoryOfAbuse.self, [
        (.neglect, 0.50), (.emotional, 0.38), (.physical, 0.07), (.sexual, 0.04), (.multiple, 0.01),
    ])
    /// SSDA903 REASON_PLACE_CHANGE.
    static let placementChangeReason = WeightedCodes(ReasonPlaceChange.self, [
        (.carePlan, 0.25), (.providerClosure, 0.05), (.allegation, 0.03), (.standardsOfCare, 0.08),
        (.approvalRemoved, 0.02), (.carerRequestBehaviour, 0.07), (.carerRequestOther, 0.06), (.childRequest, 0.12),
        (.authorityRequest, 0.18), (.placementStatusChange, 0.06), (.custody, 0.01), (.other, 0.07),
    ])
    /// Special guardianship exits: former foster carer relative/other, other carer relative/other.
    static let sgoExit = WeightedCodes(ReasonEpisodeCeased.self, [
        (.sgoFormerFosterCarerRelative, 0.45), (.sgoFormerFosterCarerOther, 0.15), (.sgoOtherRelative, 0.35),
        (.sgoOther, 0.05),
    ])
    /// Exits at the 18th birthday.
    static let exitAt18 = WeightedCodes(ReasonEpisodeCeased.self, [
        (.independentWithSupport, 0.45), (.independentWithoutSupport, 0.08), (.stayingPut, 0.30),
        (.otherReason, 0.17),
    ])
    /// Exits at the end of section 20 accommodation under 16.
    static let exitSection20 = WeightedCodes(ReasonEpisodeCeased.self, [
        (.returnedHomePlanned, 0.58), (.returnedHomeUnplanned, 0.13), (.livingWithRelativesNoPR, 0.08),
        (.otherReason, 0.15), (.childArrangementsOrder, 0.02),
    ]).adding(sgoExit, totalWeight: 0.04)
    /// Exits at the end of section 20 accommodation at 16–17.
    static let exitSection20Older = WeightedCodes(ReasonEpisodeCeased.self, [
        (.returnedHomePlanned, 0.40), (.returnedHomeUnplanned, 0.12), (.livingWithRelativesNoPR, 0.08),
        (.otherReason, 0.15), (.independentWithSupport, 0.18), (.independentWithoutSupport, 0.07),
    ])
    /// Exits from a full care order before 18.
    static let exitCareOrder = WeightedCodes(ReasonEpisodeCeased.self, [
        (.returnedHomePlanned, 0.45), (.childArrangementsOrder, 0.07), (.otherReason, 0.13),
    ]).adding(sgoExit, totalWeight: 0.35)

    /// Placements by age band for foster/residential episodes (U1–U6 foster, K1/K2 homes, H5 semi-independent,
    /// P1 with parents, P2 independent living, R1 residential care home).
    static let placementsByAgeBand: [WeightedCodes] = [
        WeightedCodes(PlacementType.self, [
            (.fosterRelativeLongTerm, 0.03), (.fosterRelativeFFA, 0.02), (.fosterRelativeOther, 0.15),
            (.fosterOtherLongTerm, 0.08), (.fosterOtherFFA, 0.05), (.fosterOtherOther, 0.62), (.withParents, 0.05),
        ]),
        WeightedCodes(PlacementType.self, [
            (.fosterRelativeLongTerm, 0.05), (.fosterRelativeOther, 0.16), (.fosterOtherLongTerm, 0.14),
            (.fosterOtherOther, 0.59), (.childrensHome, 0.01), (.withParents, 0.05),
        ]),
        WeightedCodes(PlacementType.self, [
            (.fosterRelativeLongTerm, 0.06), (.fosterRelativeOther, 0.13), (.fosterOtherLongTerm, 0.18),
            (.fosterOtherOther, 0.53), (.childrensHome, 0.06), (.withParents, 0.04),
        ]),
        WeightedCodes(PlacementType.self, [
            (.fosterRelativeLongTerm, 0.03), (.fosterRelativeOther, 0.09), (.fosterOtherLongTerm, 0.14),
            (.fosterOtherOther, 0.45), (.childrensHome, 0.24), (.secureChildrensHome, 0.01),
            (.residentialCareHome, 0.01), (.withParents, 0.03),
        ]),
        WeightedCodes(PlacementType.self, [
            (.fosterRelativeOther, 0.07), (.fosterOtherLongTerm, 0.08), (.fosterOtherOther, 0.30),
            (.childrensHome, 0.17), (.semiIndependent, 0.35), (.independentLiving, 0.03),
        ]),
    ]
    /// Placement providers by placement code (PR0 parents, PR1 own LA, PR2 other LA, PR4 private, PR5 voluntary).
    static func provider(for place: String) -> WeightedCodes {
        switch place {
        case "P1": return WeightedCodes(PlacementProvider.self, [(.parents, 1)])
        case "U1", "U2", "U3", "P2": return WeightedCodes(PlacementProvider.self, [(.ownLA, 0.95), (.otherLA, 0.05)])
        case "U4", "U5", "U6": return WeightedCodes(PlacementProvider.self, [
            (.ownLA, 0.55), (.privateProvider, 0.40), (.voluntary, 0.05),
        ])
        case "K2", "R1", "H5": return WeightedCodes(PlacementProvider.self, [
            (.privateProvider, 0.75), (.ownLA, 0.20), (.voluntary, 0.05),
        ])
        case "K1": return WeightedCodes(PlacementProvider.self, [(.ownLA, 0.5), (.otherLA, 0.5)])
        default: return WeightedCodes(PlacementProvider.self, [(.ownLA, 0.7), (.voluntary, 0.3)])
        }
    }
    /// Placements with an Ofsted unique reference number (others are written "XXXXXXX", the 903 convention).
    static let placesWithURN: Set<String> = Set(
        [PlacementType.secureChildrensHome, .childrensHome, .residentialCareHome].map(\.rawValue))

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
