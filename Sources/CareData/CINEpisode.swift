/// One CIN referral episode in one census year, as read (flat CSV row or one `CINdetails` of the XML).
/// Codes are kept as written (upper-cased); typed accessors return nil for blank or unknown codes.
public struct CINEpisode: Sendable, Hashable {
    /// The file line − 2 (CSV: the 0-based data row, unless unreadable rows before it were set aside) or the
    /// 0-based CINdetails ordinal (XML).
    public var row: Int
    /// The file the record came from ("" when not read from a file); census years often come as one file each.
    public var file: String = ""
    public var la: String
    public var child: String?
    public var referralDate: DateField
    public var referralSourceCode: String?
    public var primaryNeedCodeText: String?
    /// ReferralNFA; nil when blank or not a flag.
    public var referralNFA: Bool?
    public var assessmentStartDate: DateField
    public var assessmentAuthorisationDate: DateField
    public var cinPlanStartDate: DateField
    public var cinPlanEndDate: DateField
    public var s47StartDate: DateField
    public var cppStartDate: DateField
    public var cppEndDate: DateField
    public var initialCategoryOfAbuseCode: String?
    public var latestCategoryOfAbuseCode: String?
    public var closureDate: DateField
    public var reasonForClosureCode: String?
    public var upn: String?
    public var birthDate: DateField
    public var genderCode: String?
    public var ethnicityCode: String?
    public var disabilityCodes: [String]
    /// The census year (year of the 31 March ending the census).
    public var censusYear: Int?

    public init(row: Int, la: String, child: String?, referralDate: DateField, referralSource: String? = nil,
                primaryNeed: String? = nil, referralNFA: Bool? = nil,
                assessmentStartDate: DateField = .missing, assessmentAuthorisationDate: DateField = .missing,
                cinPlanStartDate: DateField = .missing, cinPlanEndDate: DateField = .missing,
                s47StartDate: DateField = .missing, cppStartDate: DateField = .missing, cppEndDate: DateField = .missing,
                initialCategoryOfAbuse: String? = nil, latestCategoryOfAbuse: String? = nil,
                closureDate: DateField = .missing, reasonForClosure: String? = nil, upn: String? = nil,
                birthDate: DateField = .missing, gender: String? = nil, ethnicity: String? = nil,
                disabilities: [String] = [], censusYear: Int?) {
        self.row = row
        self.la = la
        self.child = child
        self.referralDate = referralDate
        self.referralSourceCode = referralSource
        self.primaryNeedCodeText = primaryNeed
        self.referralNFA = referralNFA
        self.assessmentStartDate = assessmentStartDate
        self.assessmentAuthorisationDate = assessmentAuthorisationDate
        self.cinPlanStartDate = cinPlanStartDate
        self.cinPlanEndDate = cinPlanEndDate
        self.s47StartDate = s47StartDate
        self.cppStartDate = cppStartDate
        self.cppEndDate = cppEndDate
        self.initialCategoryOfAbuseCode = initialCategoryOfAbuse
        self.latestCategoryOfAbuseCode = latestCategoryOfAbuse
        self.closureDate = closureDate
        self.reasonForClosureCode = reasonForClosure
        self.upn = upn
        self.birthDate = birthDate
        self.genderCode = gender
        self.ethnicityCode = ethnicity
        self.disabilityCodes = disabilities
        self.censusYear = censusYear
    }

    public var referralSource: ReferralSource? { referralSourceCode.flatMap(ReferralSource.parse) }
    public var primaryNeed: CategoryOfNeed? { primaryNeedCodeText.flatMap(CategoryOfNeed.parse) }
    public var reasonForClosure: ReasonForClosure? { reasonForClosureCode.flatMap(ReasonForClosure.parse) }
    public var initialCategoryOfAbuse: CategoryOfAbuse? { initialCategoryOfAbuseCode.flatMap(CategoryOfAbuse.parse) }
    public var latestCategoryOfAbuse: CategoryOfAbuse? { latestCategoryOfAbuseCode.flatMap(CategoryOfAbuse.parse) }
    public var gender: CINGender? { genderCode.flatMap(CINGender.parse) }
    public var ethnicity: Ethnicity? { ethnicityCode.flatMap(Ethnicity.parse) }

    public var key: ChildKey { ChildKey(la: la, child: child ?? "") }

    /// Whether the child was assessed as in need in this episode: the referral was not NFA and the episode was
    /// not closed after assessment with no further action or a referral to early help (RC8, RC9); or a CIN plan,
    /// section 47 enquiry or child protection plan is recorded. (Project definition of "child in need" for the
    /// intervention level; seed 004 uses "in need at 31 March", which misses episodes opened and closed within
    /// one year.)
    public var isChildInNeed: Bool {
        if cinPlanStartDate.date != nil || s47StartDate.date != nil || cppStartDate.date != nil { return true }
        if referralNFA == true { return false }
        if let r = reasonForClosure, r == .closedAfterAssessmentNFA || r == .closedAfterAssessmentEarlyHelp { return false }
        return true
    }
}
