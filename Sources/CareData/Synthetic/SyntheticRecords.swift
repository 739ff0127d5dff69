/// Internal records of one simulated child. Dates are days since 1970-01-01 (``Tabular/CivilDate``).

/// One CIN referral episode (flattened: at most one assessment, CIN plan, section 47 enquiry and CPP).
struct SyntheticReferral: Sendable {
    var date: Int
    var source: String
    var need: String
    var nfa: Bool
    var assessmentStart: Int?
    var assessmentAuthorised: Int?
    var cinPlanStart: Int?
    var cinPlanEnd: Int?
    var s47Start: Int?
    var initialConference: Int?
    var cppStart: Int?
    var cppEnd: Int?
    var abuseInitial: String?
    var abuseLatest: String?
    var closure: Int?
    var closureReason: String?

    /// In need: assessed and not closed as "no further action after assessment".
    var isChildInNeed: Bool { !nfa && closureReason != SyntheticCode.rc8 && assessmentStart != nil }
}

/// One SSDA903 episode.
struct SyntheticEpisode: Sendable {
    var start: Int
    var rne: String
    var legalStatus: String
    var need: String
    var place: String
    var provider: String
    var end: Int?
    var reasonEnded: String?
    var placeChangeReason: String?
    var homePostcode: String
    var placementPostcode: String
    var urn: String
}

/// One period of care: a run of episodes joined by X1, ended by an E-code (or open at the data end).
struct SyntheticPeriod: Sendable {
    var episodes: [SyntheticEpisode]
    var start: Int { episodes.first?.start ?? 0 }
    var end: Int? { episodes.last?.end }
    var exitCode: String? { episodes.last?.reasonEnded }
}

/// One set of care proceedings.
struct SyntheticProceedings: Sendable {
    var application: Int
    var finalOrder: Int?
    var orderMade: String?
}

/// The outcome row of a cohort child.
struct SyntheticOutcome: Sendable {
    var level: Int
    var sen: Int
    var attainment: Int
    var absences: Int
    var convictions: Int
    var disposal: Int
}

/// A simulated child with everything written about them.
struct SyntheticChild: Sendable {
    var id: String
    var laIndex: Int
    var sex: Int
    var dob: Int
    var ethnicity: String
    var disability: String
    var idaci: Double
    var upn: String
    var homePostcode: String
    var referrals: [SyntheticReferral] = []
    var periods: [SyntheticPeriod] = []
    var proceedings: [SyntheticProceedings] = []
    var outcome: SyntheticOutcome?
}
