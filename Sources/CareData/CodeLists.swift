// Code lists of the SSDA903 children-looked-after return and the CIN census (England).
//
// Valid sets follow the DfE validation rules as implemented in data-to-insight/csc-validator-be-903
// (rules 103, 143, 144, 145, 146, 149) and the CIN census XSD (liia-tools `cin-2022.xsd`); labels follow the
// DfE guidance wording as collected in data-to-insight/patch `903_drilldown.py` and the CIN census guide
// (see shared/reference/domain-notes.md §2.1–2.2). Every list is an enum whose raw value is the official code.
import Foundation

/// A closed list of official codes with a human-readable label.
public protocol CodeList: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The official wording (abridged where the guidance is long).
    var label: String { get }
}

extension CodeList {
    /// The code for `text` after trimming spaces and upper-casing (the validators upper-case before checking,
    /// so `"e4a"` is read as `E4A`); nil for an empty or unknown code.
    public static func parse(_ text: String) -> Self? {
        let t = text.trimmedBlanks.asciiUppercased
        return t.isEmpty ? nil : Self(rawValue: t)
    }

    /// The official code.
    public var code: String { rawValue }
}

// MARK: - SSDA903

/// RNE, reason for new episode (SSDA903 rule 143).
public enum ReasonNewEpisode: String, CodeList {
    case started = "S"
    case legalStatusChange = "L"
    case placementAndCarerChange = "P"
    case placementChangeSameCarer = "T"
    case legalStatusPlacementAndCarerChange = "B"
    case legalStatusAndPlacementChangeSameCarer = "U"

    public var label: String {
        switch self {
        case .started: "Started to be looked after"
        case .legalStatusChange: "Change of legal status only"
        case .placementAndCarerChange: "Change of placement and carer(s) only"
        case .placementChangeSameCarer: "Change of placement but with the same carer(s)"
        case .legalStatusPlacementAndCarerChange: "Change of legal status and placement and carer(s) at the same time"
        case .legalStatusAndPlacementChangeSameCarer: "Change of legal status and change of placement but with the same carer(s)"
        }
    }

    /// Whether the new episode is a change of placement (P, T, B, U): the episodes counted as placement moves.
    public var isPlacementChange: Bool { self != .started && self != .legalStatusChange }
}

/// LS, legal status (SSDA903 rule 144).
public enum LegalStatus: String, CodeList {
    case interimCareOrder = "C1"
    case fullCareOrder = "C2"
    case freeingOrder = "D1"
    case placementOrder = "E1"
    case section20Single = "V2"
    case shortBreaksEpisodes = "V3"
    case shortBreaksAgreement = "V4"
    case policeProtection = "L1"
    case emergencyProtectionOrder = "L2"
    case childAssessmentOrder = "L3"
    case remanded = "J1"
    case paceAccommodation = "J2"
    case youthRehabilitationOrder = "J3"

    public var label: String {
        switch self {
        case .interimCareOrder: "Interim care order"
        case .fullCareOrder: "Full care order"
        case .freeingOrder: "Freeing order granted"
        case .placementOrder: "Placement order granted"
        case .section20Single: "Single period of accommodation under section 20 (Children Act 1989)"
        case .shortBreaksEpisodes: "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded"
        case .shortBreaksAgreement: "Accommodated under an agreed series of short-term breaks, when agreements are recorded"
        case .policeProtection: "Under police protection and in local authority accommodation"
        case .emergencyProtectionOrder: "Under an emergency protection order"
        case .childAssessmentOrder: "Under a child assessment order and in local authority accommodation"
        case .remanded: "Remanded to local authority accommodation or to youth detention accommodation"
        case .paceAccommodation: "Detained in local authority accommodation under PACE"
        case .youthRehabilitationOrder: "Sentenced to a youth rehabilitation order with residence or intensive fostering requirement"
        }
    }

    /// The broad group used as a model covariate ("s20 vs order").
    public var group: LegalStatusGroup {
        switch self {
        case .section20Single, .shortBreaksEpisodes, .shortBreaksAgreement: .section20
        case .interimCareOrder, .fullCareOrder, .freeingOrder, .placementOrder: .careOrPlacementOrder
        case .policeProtection, .emergencyProtectionOrder, .childAssessmentOrder: .emergency
        case .remanded, .paceAccommodation, .youthRehabilitationOrder: .youthJustice
        }
    }

    /// V3/V4: DfE national counts exclude children looked after only under a series of short breaks.
    public var isShortBreak: Bool { self == .shortBreaksEpisodes || self == .shortBreaksAgreement }
}

/// Broad legal-status groups (the "s20 vs order" covariate of return-to-care models).
public enum LegalStatusGroup: String, CodeList {
    case section20 = "S20"
    case careOrPlacementOrder = "ORDER"
    case emergency = "EMERGENCY"
    case youthJustice = "YOUTH_JUSTICE"

    public var label: String {
        switch self {
        case .section20: "Accommodated under section 20 (V2, V3, V4)"
        case .careOrPlacementOrder: "Care, freeing or placement order (C1, C2, D1, E1)"
        case .emergency: "Police protection, EPO or CAO (L1, L2, L3)"
        case .youthJustice: "Youth justice legal status (J1, J2, J3)"
        }
    }
}

/// Category of need: SSDA903 `CIN` (rule 145, N1–N8) and CIN census `PrimaryNeedCode` (N0–N9).
public enum CategoryOfNeed: String, CodeList {
    case notStated = "N0"
    case abuseOrNeglect = "N1"
    case disability = "N2"
    case parentalIllnessOrDisability = "N3"
    case familyInAcuteStress = "N4"
    case familyDysfunction = "N5"
    case sociallyUnacceptableBehaviour = "N6"
    case lowIncome = "N7"
    case absentParenting = "N8"
    case notChildInNeed = "N9"

    public var label: String {
        switch self {
        case .notStated: "Not stated"
        case .abuseOrNeglect: "Abuse or neglect"
        case .disability: "Child's disability or illness"
        case .parentalIllnessOrDisability: "Parental illness or disability"
        case .familyInAcuteStress: "Family in acute stress"
        case .familyDysfunction: "Family dysfunction"
        case .sociallyUnacceptableBehaviour: "Socially unacceptable behaviour"
        case .lowIncome: "Low income"
        case .absentParenting: "Absent parenting"
        case .notChildInNeed: "Cases other than children in need"
        }
    }

    /// Whether the code is valid in the SSDA903 `CIN` column (N1–N8 only).
    public var isValidInSSDA903: Bool { self != .notStated && self != .notChildInNeed }
}

/// PLACE, placement type (SSDA903 rule 146; the 2024/25 set of 28 codes, including K3).
public enum PlacementType: String, CodeList {
    case adoptionConsentCurrentCarer = "A3"
    case adoptionConsentOtherCarer = "A4"
    case adoptionOrderCurrentCarer = "A5"
    case adoptionOrderOtherCarer = "A6"
    case semiIndependent = "H5"
    case secureChildrensHome = "K1"
    case childrensHome = "K2"
    case supportedAccommodation = "K3"
    case withParents = "P1"
    case independentLiving = "P2"
    case residentialEmployment = "P3"
    case residentialCareHome = "R1"
    case nhsOrHealthTrust = "R2"
    case familyCentreOrMotherAndBaby = "R3"
    case youngOffenderInstitution = "R5"
    case residentialSchool = "S1"
    case temporaryAny = "T0"
    case temporaryHospital = "T1"
    case temporaryHoliday = "T2"
    case temporaryCarerHoliday = "T3"
    case temporarySevenDaysOrLess = "T4"
    case fosterRelativeLongTerm = "U1"
    case fosterRelativeFFA = "U2"
    case fosterRelativeOther = "U3"
    case fosterOtherLongTerm = "U4"
    case fosterOtherFFA = "U5"
    case fosterOtherOther = "U6"
    case other = "Z1"

    public var label: String {
        switch self {
        case .adoptionConsentCurrentCarer: "Placed for adoption with parental/guardian consent with current foster carer(s)"
        case .adoptionConsentOtherCarer: "Placed for adoption with parental/guardian consent not with current foster carer(s)"
        case .adoptionOrderCurrentCarer: "Placed for adoption with placement order with current foster carer(s)"
        case .adoptionOrderOtherCarer: "Placed for adoption with placement order not with current foster carer(s)"
        case .semiIndependent: "Semi-independent living accommodation not subject to children's homes regulations"
        case .secureChildrensHome: "Secure children's home"
        case .childrensHome: "Children's home subject to children's homes regulations"
        case .supportedAccommodation: "Supported accommodation registered with Ofsted"
        case .withParents: "Placed with own parent(s) or other person(s) with parental responsibility"
        case .independentLiving: "Independent living, e.g. flat, lodgings, bedsit, B&B or with friends"
        case .residentialEmployment: "Residential employment"
        case .residentialCareHome: "Residential care home"
        case .nhsOrHealthTrust: "NHS/health trust or other establishment providing medical or nursing care"
        case .familyCentreOrMotherAndBaby: "Family centre or mother and baby unit"
        case .youngOffenderInstitution: "Young offender institution or prison"
        case .residentialSchool: "Residential school, except where dual-registered as a school and children's home"
        case .temporaryAny: "All types of temporary move"
        case .temporaryHospital: "Temporary periods in hospital"
        case .temporaryHoliday: "Temporary absences of the child on holiday"
        case .temporaryCarerHoliday: "Temporary accommodation whilst normal foster carer(s) is/are on holiday"
        case .temporarySevenDaysOrLess: "Temporary accommodation of seven days or less, not covered by T1 to T3"
        case .fosterRelativeLongTerm: "Foster placement with relative(s) or friend(s) – long-term fostering"
        case .fosterRelativeFFA: "Foster placement with relative(s) or friend(s) who is/are also approved adopter(s) – FfA/concurrent"
        case .fosterRelativeOther: "Foster placement with relative(s) or friend(s) – not long-term or FfA/concurrent"
        case .fosterOtherLongTerm: "Foster placement with other foster carer(s) – long-term fostering"
        case .fosterOtherFFA: "Foster placement with other foster carer(s) who is/are also approved adopter(s) – FfA/concurrent"
        case .fosterOtherOther: "Foster placement with other foster carer(s) – not long-term or FfA/concurrent"
        case .other: "Other placements"
        }
    }

    /// The broad placement group used by the derived datasets (sequences, la-counts, covariates).
    public var group: PlacementGroup {
        switch self {
        case .fosterRelativeLongTerm, .fosterRelativeFFA, .fosterRelativeOther,
             .fosterOtherLongTerm, .fosterOtherFFA, .fosterOtherOther: .foster
        case .secureChildrensHome, .childrensHome, .residentialCareHome, .residentialSchool,
             .nhsOrHealthTrust, .familyCentreOrMotherAndBaby, .youngOffenderInstitution: .residential
        case .adoptionConsentCurrentCarer, .adoptionConsentOtherCarer,
             .adoptionOrderCurrentCarer, .adoptionOrderOtherCarer: .placedForAdoption
        case .withParents: .withParents
        case .semiIndependent, .supportedAccommodation, .independentLiving, .residentialEmployment: .independentLiving
        case .temporaryAny, .temporaryHospital, .temporaryHoliday, .temporaryCarerHoliday,
             .temporarySevenDaysOrLess, .other: .other
        }
    }
}

/// Broad placement groups (a project convention: foster U1–U6; residential K1, K2, R1, R2, R3, R5, S1;
/// placed for adoption A3–A6; with parents P1; independent/semi-independent H5, K3, P2, P3; other T0–T4, Z1).
/// Raw values are the lower-case names used in derived datasets.
public enum PlacementGroup: String, CaseIterable, Sendable, Hashable {
    case foster
    case residential
    case placedForAdoption = "adoption"
    case withParents = "parents"
    case independentLiving = "independent"
    case other

    public var label: String {
        switch self {
        case .foster: "Foster placement (U1–U6)"
        case .residential: "Residential (K1, K2, R1, R2, R3, R5, S1)"
        case .placedForAdoption: "Placed for adoption (A3–A6)"
        case .withParents: "Placed with parents (P1)"
        case .independentLiving: "Independent or semi-independent living (H5, K3, P2, P3)"
        case .other: "Temporary or other (T0–T4, Z1)"
        }
    }
}

/// PLACE_PROVIDER, placement provider.
public enum PlacementProvider: String, CodeList {
    case parents = "PR0"
    case ownLA = "PR1"
    case otherLA = "PR2"
    case otherPublic = "PR3"
    case privateProvider = "PR4"
    case voluntary = "PR5"

    public var label: String {
        switch self {
        case .parents: "Parent(s) or other person(s) with parental responsibility"
        case .ownLA: "Own provision (by the local authority)"
        case .otherLA: "Other local authority provision"
        case .otherPublic: "Other public sector provision (e.g. by a PCT)"
        case .privateProvider: "Private provision"
        case .voluntary: "Voluntary/third sector provision"
        }
    }
}

/// REC, reason episode ceased (SSDA903 rule 149; 22 codes).
public enum ReasonEpisodeCeased: String, CodeList {
    case continuing = "X1"
    case adoptedUnopposed = "E11"
    case adoptedConsentDispensed = "E12"
    case died = "E2"
    case takenOverByAnotherLA = "E3"
    case returnedHomePlanned = "E4A"
    case returnedHomeUnplanned = "E4B"
    case livingWithRelativesNoPR = "E13"
    case childArrangementsOrder = "E41"
    case sgoFormerFosterCarerRelative = "E45"
    case sgoFormerFosterCarerOther = "E46"
    case sgoOtherRelative = "E47"
    case sgoOther = "E48"
    case independentWithSupport = "E5"
    case independentWithoutSupport = "E6"
    case adultSocialCare = "E7"
    case otherReason = "E8"
    case custody = "E9"
    case remandEnded = "E14"
    case ageAssessedAdult = "E15"
    case movedAbroad = "E16"
    case stayingPut = "E17"

    public var label: String {
        switch self {
        case .continuing: "Episode ceases, and new episode begins on same day, for any reason"
        case .adoptedUnopposed: "Adopted – application for an adoption order unopposed"
        case .adoptedConsentDispensed: "Adopted – consent dispensed with by the court"
        case .died: "Died"
        case .takenOverByAnotherLA: "Care taken over by another local authority in the UK"
        case .returnedHomePlanned: "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process"
        case .returnedHomeUnplanned: "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which was not part of the current care planning process"
        case .livingWithRelativesNoPR: "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility"
        case .childArrangementsOrder: "Residence order or child arrangements order granted"
        case .sgoFormerFosterCarerRelative: "Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)"
        case .sgoFormerFosterCarerOther: "Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)"
        case .sgoOtherRelative: "Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)"
        case .sgoOther: "Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)"
        case .independentWithSupport: "Moved into independent living arrangement and no longer looked after: supportive accommodation providing formalised advice/support"
        case .independentWithoutSupport: "Moved into independent living arrangement and no longer looked after: accommodation without formalised advice/support"
        case .adultSocialCare: "Transferred to residential care funded by adult social care services"
        case .otherReason: "Period of being looked after ceased for any other reason"
        case .custody: "Sentenced to custody"
        case .remandEnded: "Accommodation on remand ended"
        case .ageAssessedAdult: "Age assessment determined child is aged 18 or over"
        case .movedAbroad: "Child moved abroad"
        case .stayingPut: "Aged 18 (or over) and remained with current carers (staying put)"
        }
    }

    /// Every code except X1 ends the period of care (rule 388: X1 is the only continuing-care code).
    public var endsPeriod: Bool { self != .continuing }

    /// Whether a child leaving care this way is at risk of returning to care. Following McGrath-Lone et al.
    /// (2017), exits by adoption (E11, E12), death (E2), transfer to another LA (E3) and custody (E9) are excluded,
    /// and so, by the same logic, are E7 (adult services), E15 (assessed as adult) and E16 (moved abroad).
    /// X1 is not an exit. (Exits at age 18 or over are excluded separately, by age.)
    public var isAtRiskExit: Bool {
        switch self {
        case .continuing, .adoptedUnopposed, .adoptedConsentDispensed, .died, .takenOverByAnotherLA, .custody,
             .adultSocialCare, .ageAssessedAdult, .movedAbroad: false
        default: true
        }
    }

    /// Adoption (E11, E12).
    public var isAdoption: Bool { self == .adoptedUnopposed || self == .adoptedConsentDispensed }

    /// Special guardianship or child arrangements order (E41, E45–E48): permanence outside care.
    public var isSGOOrCAO: Bool {
        [.childArrangementsOrder, .sgoFormerFosterCarerRelative, .sgoFormerFosterCarerOther, .sgoOtherRelative, .sgoOther]
            .contains(self)
    }

    /// Returned home or to live with family (E4A, E4B, E13).
    public var isReturnHome: Bool {
        self == .returnedHomePlanned || self == .returnedHomeUnplanned || self == .livingWithRelativesNoPR
    }
}

/// REASON_PLACE_CHANGE (liia-tools SSDA903 2024 schema).
public enum ReasonPlaceChange: String, CodeList {
    case carePlan = "CARPL"
    case providerClosure = "CLOSE"
    case allegation = "ALLEG"
    case standardsOfCare = "STAND"
    case approvalRemoved = "APPRR"
    case carerRequestBehaviour = "CREQB"
    case carerRequestOther = "CREQO"
    case childRequest = "CHILD"
    case authorityRequest = "LAREQ"
    case placementStatusChange = "PLACE"
    case custody = "CUSTOD"
    case other = "OTHER"

    public var label: String {
        switch self {
        case .carePlan: "Change to/implementation of care plan"
        case .providerClosure: "Resignation/closure of provision"
        case .allegation: "Allegation (s47)"
        case .standardsOfCare: "Standards of care concern"
        case .approvalRemoved: "Approval removed"
        case .carerRequestBehaviour: "Carer(s) requests placement end due to child's behaviour"
        case .carerRequestOther: "Carer(s) requests placement end other than due to child's behaviour"
        case .childRequest: "Child requests placement end"
        case .authorityRequest: "Responsible/area authority requests placement end"
        case .placementStatusChange: "Change in the status of placement only"
        case .custody: "Child moved into custody"
        case .other: "Other"
        }
    }
}

/// ETHNIC (SSDA903 rule 103; 20 codes; the same codes are used by the CIN census `Ethnicity`).
public enum Ethnicity: String, CodeList {
    case whiteBritish = "WBRI"
    case whiteIrish = "WIRI"
    case whiteOther = "WOTH"
    case travellerOfIrishHeritage = "WIRT"
    case gypsyRoma = "WROM"
    case whiteAndBlackCaribbean = "MWBC"
    case whiteAndBlackAfrican = "MWBA"
    case whiteAndAsian = "MWAS"
    case mixedOther = "MOTH"
    case indian = "AIND"
    case pakistani = "APKN"
    case bangladeshi = "ABAN"
    case asianOther = "AOTH"
    case blackCaribbean = "BCRB"
    case blackAfrican = "BAFR"
    case blackOther = "BOTH"
    case chinese = "CHNE"
    case otherGroup = "OOTH"
    case refused = "REFU"
    case notObtained = "NOBT"

    public var label: String {
        switch self {
        case .whiteBritish: "White British"
        case .whiteIrish: "White Irish"
        case .whiteOther: "Any other White background"
        case .travellerOfIrishHeritage: "Traveller of Irish heritage"
        case .gypsyRoma: "Gypsy/Roma"
        case .whiteAndBlackCaribbean: "White and Black Caribbean"
        case .whiteAndBlackAfrican: "White and Black African"
        case .whiteAndAsian: "White and Asian"
        case .mixedOther: "Any other mixed background"
        case .indian: "Indian"
        case .pakistani: "Pakistani"
        case .bangladeshi: "Bangladeshi"
        case .asianOther: "Any other Asian background"
        case .blackCaribbean: "Black Caribbean"
        case .blackAfrican: "Black African"
        case .blackOther: "Any other Black background"
        case .chinese: "Chinese"
        case .otherGroup: "Any other ethnic group"
        case .refused: "Refused"
        case .notObtained: "Information not yet obtained"
        }
    }

    /// The major ethnic group (White, Mixed, Asian, Black, Other; Refused and not obtained are "Unknown";
    /// Chinese is under "Other" as in DfE tables).
    public var majorGroup: String {
        switch self {
        case .refused, .notObtained: "Unknown"
        case .chinese, .otherGroup: "Other"
        default:
            switch rawValue.first {
            case "W": "White"
            case "M": "Mixed"
            case "A": "Asian"
            default: "Black"
            }
        }
    }
}

/// SEX in the SSDA903 header (1 male, 2 female).
public enum Sex: String, CodeList {
    case male = "1"
    case female = "2"

    public var label: String { self == .male ? "Male" : "Female" }
}

// MARK: - CIN census

/// GenderCurrent in the CIN census (0 not recorded/unborn, 1 male, 2 female, 9 indeterminate).
public enum CINGender: String, CodeList {
    case notKnown = "0"
    case male = "1"
    case female = "2"
    case indeterminate = "9"

    public var label: String {
        switch self {
        case .notKnown: "Not known (not recorded, or unborn)"
        case .male: "Male"
        case .female: "Female"
        case .indeterminate: "Not specified (indeterminate)"
        }
    }
}

/// ReferralSource (CIN census).
public enum ReferralSource: String, CodeList {
    case individualFamily = "1A"
    case individualAcquaintance = "1B"
    case individualSelf = "1C"
    case individualOther = "1D"
    case schools = "2A"
    case educationServices = "2B"
    case healthGP = "3A"
    case healthVisitor = "3B"
    case healthSchoolNurse = "3C"
    case healthOtherPrimary = "3D"
    case healthAandE = "3E"
    case healthOther = "3F"
    case housing = "4"
    case laSocialCare = "5A"
    case laOtherInternal = "5B"
    case laExternal = "5C"
    case police = "6"
    case otherLegalAgency = "7"
    case other = "8"
    case anonymous = "9"
    case unknown = "10"

    public var label: String {
        switch self {
        case .individualFamily: "Individual – family member/relative/carer"
        case .individualAcquaintance: "Individual – acquaintance (including neighbours and child minders)"
        case .individualSelf: "Individual – self"
        case .individualOther: "Individual – other"
        case .schools: "Schools"
        case .educationServices: "Education services"
        case .healthGP: "Health services – GP"
        case .healthVisitor: "Health services – health visitor"
        case .healthSchoolNurse: "Health services – school nurse"
        case .healthOtherPrimary: "Health services – other primary health services"
        case .healthAandE: "Health services – A&E (emergency department)"
        case .healthOther: "Health services – other"
        case .housing: "Housing"
        case .laSocialCare: "LA services – social care (e.g. adult social care)"
        case .laOtherInternal: "LA services – other internal department"
        case .laExternal: "LA services – external (e.g. another LA's adult social care)"
        case .police: "Police"
        case .otherLegalAgency: "Other legal agency"
        case .other: "Other"
        case .anonymous: "Anonymous"
        case .unknown: "Unknown"
        }
    }
}

/// ReasonForClosure (CIN census). RC1–RC8 are in the 2022 XSD; RC9 (referred to early help) appears in later
/// census guides and is accepted so that such files read without error.
public enum ReasonForClosure: String, CodeList {
    case adopted = "RC1"
    case died = "RC2"
    case childArrangementsOrder = "RC3"
    case specialGuardianshipOrder = "RC4"
    case transferredToAnotherLA = "RC5"
    case transferredToAdultServices = "RC6"
    case servicesCeased = "RC7"
    case closedAfterAssessmentNFA = "RC8"
    case closedAfterAssessmentEarlyHelp = "RC9"

    public var label: String {
        switch self {
        case .adopted: "Adopted"
        case .died: "Died"
        case .childArrangementsOrder: "Child arrangements order"
        case .specialGuardianshipOrder: "Special guardianship order"
        case .transferredToAnotherLA: "Transferred to services of another local authority"
        case .transferredToAdultServices: "Transferred to adult social care services"
        case .servicesCeased: "Services ceased for any other reason, including child no longer in need"
        case .closedAfterAssessmentNFA: "Case closed after assessment, no further action"
        case .closedAfterAssessmentEarlyHelp: "Case closed after assessment, referred to early help"
        }
    }
}

/// InitialCategoryOfAbuse / LatestCategoryOfAbuse (CIN census child protection plans).
public enum CategoryOfAbuse: String, CodeList {
    case neglect = "NEG"
    case physical = "PHY"
    case sexual = "SAB"
    case emotional = "EMO"
    case multiple = "MUL"

    public var label: String {
        switch self {
        case .neglect: "Neglect"
        case .physical: "Physical abuse"
        case .sexual: "Sexual abuse"
        case .emotional: "Emotional abuse"
        case .multiple: "Multiple (no longer used for new plans)"
        }
    }
}

/// Disabilities (CIN census child characteristics).
public enum Disability: String, CodeList {
    case none = "NONE"
    case mobility = "MOB"
    case handFunction = "HAND"
    case personalCare = "PC"
    case incontinence = "INC"
    case communication = "COMM"
    case learning = "LD"
    case hearing = "HEAR"
    case vision = "VIS"
    case behaviour = "BEH"
    case consciousness = "CON"
    case autism = "AUT"
    case ddaOther = "DDA"

    public var label: String {
        switch self {
        case .none: "No disability"
        case .mobility: "Mobility"
        case .handFunction: "Hand function"
        case .personalCare: "Personal care"
        case .incontinence: "Incontinence/bladder and bowel"
        case .communication: "Communication"
        case .learning: "Learning"
        case .hearing: "Hearing"
        case .vision: "Vision"
        case .behaviour: "Behaviour"
        case .consciousness: "Consciousness"
        case .autism: "Autism/Asperger syndrome"
        case .ddaOther: "Other DDA disability"
        }
    }
}

/// UPNunknown reasons (UN1–UN7) recorded in place of a unique pupil number.
public enum UPNUnknownReason: String, CodeList {
    case placedAbroad = "UN1"
    case newlyArrived = "UN2"
    case notAttending = "UN3"
    case notYetObtained = "UN4"
    case sourcesExhausted = "UN5"
    case under6 = "UN6"
    case referralNoFurtherAction = "UN7"

    public var label: String {
        switch self {
        case .placedAbroad: "Child looked after placed outside England and Wales without a UPN"
        case .newlyArrived: "Newly arrived and not yet assigned a UPN"
        case .notAttending: "Not attending an education setting"
        case .notYetObtained: "UPN not yet obtained"
        case .sourcesExhausted: "All sources exhausted in trying to obtain a UPN"
        case .under6: "Child aged under 6 and not in education"
        case .referralNoFurtherAction: "Referral with no further action"
        }
    }
}
