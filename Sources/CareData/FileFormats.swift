// The files CareData reads (and the synthetic generator writes): official column names where an official
// specification exists (SSDA903: csc-validator-be-903 `config.py`; CIN census: the CIN XSD element names), and
// documented project conventions where none does (SOSCARE, proceedings, LA table, outcomes).

/// How a field is written in a file.
public enum FieldType: Sendable, Hashable {
    /// Free text or an identifier.
    case text
    /// A whole number.
    case integer
    /// A decimal number.
    case number
    /// A date in the file's ``DateStyle``.
    case date
    /// true/false, also 1/0 (the CIN XSD allows both for ReferralNFA).
    case flag
    /// A code from the named code list in CodeLists.swift (e.g. "ReasonEpisodeCeased").
    case code(String)
    /// Several codes from the named list separated by `;` (CIN `Disabilities`).
    case codes(String)
}

/// How dates are written.
public enum DateStyle: String, Sendable, Hashable {
    /// `dd/mm/yyyy` (SSDA903; rule 141 rejects two-digit years).
    case dayMonthYear = "dd/mm/yyyy"
    /// `yyyy-mm-dd` (CIN census `xs:date`, and every project file).
    case iso = "yyyy-mm-dd"
}

/// One column of a file format.
public struct FieldSpec: Sendable, Hashable {
    public let name: String
    public let type: FieldType
    /// Whether a file without this column is rejected (optional columns are read when present).
    public let isRequired: Bool
    public let label: String

    public init(_ name: String, _ type: FieldType, required: Bool, label: String) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.label = label
    }
}

/// A file layout: columns in their usual order, the date style and the record key.
public struct FileFormat: Sendable, Hashable {
    public let name: String
    public let fields: [FieldSpec]
    public let dateStyle: DateStyle
    /// Columns that identify one record (after duplicates across returns are resolved).
    public let key: [String]

    public var columnNames: [String] { fields.map(\.name) }
    public var requiredColumns: [String] { fields.filter(\.isRequired).map(\.name) }
    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// A column enum of one file format.
public protocol FileColumn: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    var type: FieldType { get }
    var isRequired: Bool { get }
    var label: String { get }
}

extension FileColumn {
    public var name: String { rawValue }
    public var spec: FieldSpec { FieldSpec(rawValue, type, required: isRequired, label: label) }
    static func format(_ name: String, dateStyle: DateStyle, key: [Self]) -> FileFormat {
        FileFormat(name: name, fields: allCases.map(\.spec), dateStyle: dateStyle, key: key.map(\.rawValue))
    }
}

// MARK: - SSDA903

/// SSDA903 Header table (one row per child). `LA` is a project extension for files that hold several LAs.
public enum SSDA903HeaderColumn: String, FileColumn {
    case child = "CHILD"
    case sex = "SEX"
    case dob = "DOB"
    case ethnic = "ETHNIC"
    case upn = "UPN"
    case mother = "MOTHER"
    case motherChildDOB = "MC_DOB"
    case la = "LA"

    public var type: FieldType {
        switch self {
        case .child, .upn, .la: .text
        case .sex: .code("Sex")
        case .dob, .motherChildDOB: .date
        case .ethnic: .code("Ethnicity")
        case .mother: .integer
        }
    }
    public var isRequired: Bool { self == .child || self == .sex || self == .dob }
    public var label: String {
        switch self {
        case .child: "Child identifier (LA-assigned)"
        case .sex: "Sex (1 male, 2 female)"
        case .dob: "Date of birth"
        case .ethnic: "Ethnic origin code"
        case .upn: "Unique pupil number (or UN1–UN5)"
        case .mother: "Child is a mother (1 yes, 0 no)"
        case .motherChildDOB: "Date of birth of the mother's child"
        case .la: "Local authority code (project extension)"
        }
    }
}

/// SSDA903 Episodes table (one row per episode). `LA` and `YEAR` (collection year, the year of the 31 March
/// that ends the return) are project extensions used when several LAs' or years' returns are concatenated.
public enum SSDA903EpisodeColumn: String, FileColumn {
    case child = "CHILD"
    case decom = "DECOM"
    case rne = "RNE"
    case ls = "LS"
    case cin = "CIN"
    case place = "PLACE"
    case placeProvider = "PLACE_PROVIDER"
    case dec = "DEC"
    case rec = "REC"
    case reasonPlaceChange = "REASON_PLACE_CHANGE"
    case homePostcode = "HOME_POST"
    case placementPostcode = "PL_POST"
    case urn = "URN"
    case la = "LA"
    case year = "YEAR"

    public var type: FieldType {
        switch self {
        case .child, .homePostcode, .placementPostcode, .urn, .la: .text
        case .decom, .dec: .date
        case .rne: .code("ReasonNewEpisode")
        case .ls: .code("LegalStatus")
        case .cin: .code("CategoryOfNeed")
        case .place: .code("PlacementType")
        case .placeProvider: .code("PlacementProvider")
        case .rec: .code("ReasonEpisodeCeased")
        case .reasonPlaceChange: .code("ReasonPlaceChange")
        case .year: .integer
        }
    }
    public var isRequired: Bool {
        switch self {
        case .child, .decom, .rne, .ls, .place, .dec, .rec: true
        default: false
        }
    }
    public var label: String {
        switch self {
        case .child: "Child identifier (LA-assigned)"
        case .decom: "Date episode commenced"
        case .rne: "Reason for new episode"
        case .ls: "Legal status"
        case .cin: "Category of need"
        case .place: "Placement type"
        case .placeProvider: "Placement provider"
        case .dec: "Date episode ceased (blank: open at 31 March)"
        case .rec: "Reason episode ceased (blank: open at 31 March)"
        case .reasonPlaceChange: "Reason for placement change"
        case .homePostcode: "Home postcode (partial)"
        case .placementPostcode: "Placement postcode (partial)"
        case .urn: "Ofsted unique reference number of the placement"
        case .la: "Local authority code (project extension)"
        case .year: "Collection year: the year of the 31 March ending the return (project extension)"
        }
    }
}

// MARK: - CIN census

/// The CIN census flattened to CSV: one row per referral episode per census year, with the child's identifiers
/// and characteristics repeated and the latest child protection plan of the episode. Names are the XSD element
/// names; `LA` and `CensusYear` (the year of the 31 March ending the census) identify the return.
/// Episode key: LA + LAchildID + CINreferralDate (DESIGN.md / seed 002).
public enum CINCensusColumn: String, FileColumn {
    case la = "LA"
    case laChildID = "LAchildID"
    case cinReferralDate = "CINreferralDate"
    case referralSource = "ReferralSource"
    case primaryNeedCode = "PrimaryNeedCode"
    case referralNFA = "ReferralNFA"
    case assessmentStartDate = "AssessmentActualStartDate"
    case assessmentAuthorisationDate = "AssessmentAuthorisationDate"
    case cinPlanStartDate = "CINPlanStartDate"
    case cinPlanEndDate = "CINPlanEndDate"
    case s47StartDate = "S47ActualStartDate"
    case dateOfInitialCPC = "DateOfInitialCPC"
    case cppStartDate = "CPPstartDate"
    case cppEndDate = "CPPendDate"
    case initialCategoryOfAbuse = "InitialCategoryOfAbuse"
    case latestCategoryOfAbuse = "LatestCategoryOfAbuse"
    case cinClosureDate = "CINclosureDate"
    case reasonForClosure = "ReasonForClosure"
    case upn = "UPN"
    case personBirthDate = "PersonBirthDate"
    case genderCurrent = "GenderCurrent"
    case ethnicity = "Ethnicity"
    case disabilities = "Disabilities"
    case censusYear = "CensusYear"

    public var type: FieldType {
        switch self {
        case .la, .laChildID, .upn: .text
        case .cinReferralDate, .assessmentStartDate, .assessmentAuthorisationDate, .cinPlanStartDate, .cinPlanEndDate,
             .s47StartDate, .dateOfInitialCPC, .cppStartDate, .cppEndDate, .cinClosureDate, .personBirthDate: .date
        case .referralSource: .code("ReferralSource")
        case .primaryNeedCode: .code("CategoryOfNeed")
        case .referralNFA: .flag
        case .initialCategoryOfAbuse, .latestCategoryOfAbuse: .code("CategoryOfAbuse")
        case .reasonForClosure: .code("ReasonForClosure")
        case .genderCurrent: .code("CINGender")
        case .ethnicity: .code("Ethnicity")
        case .disabilities: .codes("Disability")
        case .censusYear: .integer
        }
    }
    public var isRequired: Bool {
        switch self {
        case .la, .laChildID, .cinReferralDate, .censusYear: true
        default: false
        }
    }
    public var label: String {
        switch self {
        case .la: "Local authority code"
        case .laChildID: "Child identifier (LA-assigned)"
        case .cinReferralDate: "Referral date (starts the CIN episode)"
        case .referralSource: "Source of referral"
        case .primaryNeedCode: "Primary need (N0–N9)"
        case .referralNFA: "Referral led to no further action"
        case .assessmentStartDate: "Assessment actual start date"
        case .assessmentAuthorisationDate: "Assessment authorisation (completion) date"
        case .cinPlanStartDate: "CIN plan start date"
        case .cinPlanEndDate: "CIN plan end date"
        case .s47StartDate: "Section 47 enquiry start date"
        case .dateOfInitialCPC: "Date of initial child protection conference"
        case .cppStartDate: "Child protection plan start date"
        case .cppEndDate: "Child protection plan end date"
        case .initialCategoryOfAbuse: "Initial category of abuse"
        case .latestCategoryOfAbuse: "Latest category of abuse"
        case .cinClosureDate: "CIN episode closure date"
        case .reasonForClosure: "Reason for closure"
        case .upn: "Unique pupil number"
        case .personBirthDate: "Date of birth"
        case .genderCurrent: "Gender (0, 1, 2, 9)"
        case .ethnicity: "Ethnicity code"
        case .disabilities: "Disability codes separated by ';'"
        case .censusYear: "Census year: the year of the 31 March ending the census"
        }
    }
}

/// The element names of the CIN census XML (CIN XSD 2022) that the XML reader maps onto ``CINCensusColumn``.
public enum CINXMLElement: String, Sendable, CaseIterable {
    case message = "Message"
    case header = "Header"
    case laCode = "LEA"
    case referenceDate = "ReferenceDate"
    case child = "Child"
    case childIdentifiers = "ChildIdentifiers"
    case childCharacteristics = "ChildCharacteristics"
    case cinDetails = "CINdetails"
    case assessments = "Assessments"
    case cinPlanDates = "CINPlanDates"
    case section47 = "Section47"
    case childProtectionPlans = "ChildProtectionPlans"
    case disability = "Disability"
}

// MARK: - SOSCARE (Northern Ireland)

/// SOSCARE modules ("Data Explained: SOSCARE", McKenna et al. 2024). There is no public field specification;
/// the reader takes one CSV per module named `<rawValue>.csv` in a directory, with the columns of
/// ``SOSCAREColumn`` listed in ``columns``.
public enum SOSCAREModule: String, Sendable, CaseIterable, Hashable {
    case referrals
    case childrenInNeed = "children_in_need"
    case childProtectionInvestigations = "cp_investigations"
    case childProtectionRegistrations = "cp_registrations"
    case childrenInCare = "children_in_care"
    case client

    public var label: String {
        switch self {
        case .referrals: "Referrals"
        case .childrenInNeed: "Children in Need"
        case .childProtectionInvestigations: "Child Protection Investigations"
        case .childProtectionRegistrations: "Child Protection Registrations"
        case .childrenInCare: "Children in Care (looked after)"
        case .client: "Client (demographics)"
        }
    }

    /// The columns of the module file (the first four are common to every module).
    public var columns: [SOSCAREColumn] {
        let common: [SOSCAREColumn] = [.hcn, .soscareID, .trust, .sequence]
        switch self {
        case .referrals: return common + [.referralDate, .referralReason, .assessmentDate, .outcome, .closureDate]
        case .childrenInNeed: return common + [.referralDate, .assessmentDate, .outcome, .closureDate]
        case .childProtectionInvestigations: return common + [.referralDate, .abuseType, .outcome, .outcomeDate]
        case .childProtectionRegistrations: return common + [.registrationDate, .abuseType, .deregistrationDate, .deregistrationReason]
        case .childrenInCare: return common + [.episodeStartDate, .reasonInCare, .legalStatus, .placementType,
                                               .dischargeDate, .dischargeReason, .placementMoves]
        case .client: return common + [.birthYear, .birthMonth, .gender, .ethnicity]
        }
    }

    public var format: FileFormat {
        FileFormat(name: "SOSCARE \(label)", fields: columns.map(\.spec), dateStyle: .iso,
                   key: [SOSCAREColumn.soscareID.rawValue, SOSCAREColumn.sequence.rawValue])
    }
}

/// SOSCARE column names (project convention). `HCN` is the double-encrypted, recoded Health and Care Number
/// that links modules; it is often missing. `SOSCARE_ID` is the module-system identifier, which links within a
/// Trust and changes at adoption.
public enum SOSCAREColumn: String, FileColumn {
    case hcn = "HCN"
    case soscareID = "SOSCARE_ID"
    case trust = "TRUST"
    case sequence = "SEQ"
    case referralDate = "REFERRAL_DATE"
    case referralReason = "REFERRAL_REASON"
    case assessmentDate = "ASSESSMENT_DATE"
    case outcome = "OUTCOME"
    case outcomeDate = "OUTCOME_DATE"
    case closureDate = "CLOSURE_DATE"
    case abuseType = "ABUSE_TYPE"
    case registrationDate = "REGISTRATION_DATE"
    case deregistrationDate = "DEREGISTRATION_DATE"
    case deregistrationReason = "DEREGISTRATION_REASON"
    case episodeStartDate = "EPISODE_START"
    case reasonInCare = "REASON_IN_CARE"
    case legalStatus = "LEGAL_STATUS"
    case placementType = "PLACEMENT_TYPE"
    case dischargeDate = "DISCHARGE_DATE"
    case dischargeReason = "DISCHARGE_REASON"
    case placementMoves = "PLACEMENT_MOVES"
    case birthYear = "BIRTH_YEAR"
    case birthMonth = "BIRTH_MONTH"
    case gender = "GENDER"
    case ethnicity = "ETHNICITY"

    public var type: FieldType {
        switch self {
        case .sequence, .placementMoves, .birthYear, .birthMonth: .integer
        case .referralDate, .assessmentDate, .outcomeDate, .closureDate, .registrationDate, .deregistrationDate,
             .episodeStartDate, .dischargeDate: .date
        default: .text
        }
    }
    public var isRequired: Bool { self == .soscareID || self == .trust }
    public var label: String {
        switch self {
        case .hcn: "Anonymised Health and Care Number (often missing)"
        case .soscareID: "SOSCARE identifier"
        case .trust: "Health and Social Care Trust"
        case .sequence: "Sequence number of the episode"
        case .referralDate: "Date of referral"
        case .referralReason: "Reason for referral"
        case .assessmentDate: "Date of initial assessment"
        case .outcome: "Outcome"
        case .outcomeDate: "Date of outcome"
        case .closureDate: "Date case closed"
        case .abuseType: "Primary (alleged) abuse type"
        case .registrationDate: "Date of child protection registration"
        case .deregistrationDate: "Date removed from the child protection register"
        case .deregistrationReason: "Reason removed from the register"
        case .episodeStartDate: "Episode start date"
        case .reasonInCare: "Reason in care"
        case .legalStatus: "Legal status"
        case .placementType: "Placement type"
        case .dischargeDate: "Date of discharge from care"
        case .dischargeReason: "Reason for discharge"
        case .placementMoves: "Number of placement moves"
        case .birthYear: "Birth year"
        case .birthMonth: "Birth month"
        case .gender: "Gender"
        case .ethnicity: "Ethnicity"
        }
    }
}

// MARK: - Project files

/// Care proceedings (one row per application; seed 003 §5). Project convention.
public enum ProceedingsColumn: String, FileColumn {
    case child = "CHILD"
    case la = "LA"
    case applicationDate = "APPLICATION_DATE"
    case finalOrderDate = "FINAL_ORDER_DATE"
    case orderMade = "ORDER_MADE"

    public var type: FieldType {
        switch self {
        case .child, .la: .text
        case .applicationDate, .finalOrderDate: .date
        case .orderMade: .code("FinalOrder")
        }
    }
    public var isRequired: Bool { self == .child || self == .applicationDate }
    public var label: String {
        switch self {
        case .child: "Child identifier (as CHILD in SSDA903)"
        case .la: "Local authority code"
        case .applicationDate: "Date the care application was issued"
        case .finalOrderDate: "Date of the final order (blank: proceedings open)"
        case .orderMade: "Final order made"
        }
    }
}

/// The final order of care proceedings (project code list).
public enum FinalOrder: String, CodeList {
    case careOrder = "CO"
    case placementOrder = "PO"
    case specialGuardianshipOrder = "SGO"
    case childArrangementsOrder = "CAO"
    case supervisionOrder = "SO"
    case noOrder = "NONE"
    case withdrawn = "WD"

    public var label: String {
        switch self {
        case .careOrder: "Care order"
        case .placementOrder: "Care order with placement order"
        case .specialGuardianshipOrder: "Special guardianship order"
        case .childArrangementsOrder: "Child arrangements order"
        case .supervisionOrder: "Supervision order"
        case .noOrder: "No order"
        case .withdrawn: "Application withdrawn"
        }
    }
}

/// Local-authority table (one row per LA). Project convention; the real LA panel is read by its own names.
public enum LocalAuthorityColumn: String, FileColumn {
    case la = "LA"
    case name = "LA_NAME"
    case childPopulation = "CHILD_POPULATION"
    case idaci = "IDACI"
    case imd = "IMD"

    public var type: FieldType {
        switch self {
        case .la, .name: .text
        case .childPopulation: .integer
        case .idaci, .imd: .number
        }
    }
    public var isRequired: Bool { self == .la }
    public var label: String {
        switch self {
        case .la: "Local authority code"
        case .name: "Local authority name"
        case .childPopulation: "Population aged 0–17"
        case .idaci: "Income Deprivation Affecting Children Index (LA average score)"
        case .imd: "Index of Multiple Deprivation (LA average score)"
        }
    }
}

/// Outcomes population file (one row per child in a cohort, e.g. a linked education/offending cohort; seed 004).
/// Children in it with no CIN or SSDA903 record have intervention level "no contact". Other columns are kept.
public enum OutcomesColumn: String, FileColumn {
    case child = "CHILD"
    case la = "LA"
    /// Date of birth: needed only to count intervention before an age (``DerivationOptions/levelBeforeAge``).
    case dob = "DOB"

    public var type: FieldType { self == .dob ? .date : .text }
    public var isRequired: Bool { self != .dob }
    public var label: String {
        switch self {
        case .child: "Child identifier (as CHILD / LAchildID)"
        case .la: "Local authority code"
        case .dob: "Date of birth"
        }
    }
}

/// The file formats, by name.
public enum FileFormats {
    public static let ssda903Header = SSDA903HeaderColumn.format("SSDA903 header", dateStyle: .dayMonthYear, key: [.child])
    public static let ssda903Episodes = SSDA903EpisodeColumn.format("SSDA903 episodes", dateStyle: .dayMonthYear,
                                                                    key: [.child, .decom])
    public static let cinCensus = CINCensusColumn.format("CIN census (flat)", dateStyle: .iso,
                                                         key: [.la, .laChildID, .cinReferralDate])
    public static let proceedings = ProceedingsColumn.format("Care proceedings", dateStyle: .iso,
                                                             key: [.la, .child, .applicationDate])
    public static let localAuthorities = LocalAuthorityColumn.format("Local authorities", dateStyle: .iso, key: [.la])
    public static let outcomes = OutcomesColumn.format("Outcomes population", dateStyle: .iso, key: [.la, .child])
}
