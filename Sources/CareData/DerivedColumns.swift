/// The column names of the derived datasets, as typed constants: the derivations write them and the specs in
/// `models/` use them, so a renamed or misspelt column breaks the build instead of failing at run time.
extension ReturnToCare {
    /// Columns of the `return-to-care` dataset (one row per exit that could be followed by a return).
    public enum Column {
        public static let la = "la"
        public static let child = "child"
        /// Days from exit to the start of the next period of care, or to the censoring date.
        public static let days = "days"
        /// 1 when the child returned to care within the follow-up, else 0.
        public static let returned = "returned"
        public static let ageGroup = "age_group"
        public static let sex = "sex"
        public static let ethnicity = "ethnicity"
        /// Legal status at exit, grouped: `order`, `s20`, `youth_justice`, ... (``ReturnToCare/LegalStatusGroup``).
        public static let legalStatus = "legal_status"
        public static let placement = "placement"
        public static let placements = "placements"
        public static let careDuration = "care_duration"
        public static let exitRoute = "exit_route"
        public static let exitYear = "exit_year"
        public static let laIDACI = "la_idaci"
    }

    /// The value ``Column/legalStatus`` takes for a legal-status group (its code in lower case: "order", "s20").
    public static func level(_ group: LegalStatusGroup) -> String { group.rawValue.lowercased() }

    /// The value ``Column/placement`` takes for a placement group ("foster", "residential", ...).
    public static func level(_ group: PlacementGroup) -> String { group.rawValue }
}

extension OutcomeCohort {
    /// Columns of the `outcome-cohort` dataset (one row per child of the outcomes file).
    public enum Column {
        public static let la = "la"
        public static let child = "child"
        /// Highest level of social care intervention (none < referral < CIN < CPP < CLA), before the chosen age.
        public static let level = "level"
        public static let sex = "sex"
        public static let ethnicity = "ethnicity"
        public static let sen = "sen"
        /// The child's IDACI, centred at 0.15 and scaled by 0.10.
        public static let deprivation = "deprivation"
        /// The LA's IDACI, centred and scaled as ``deprivation``.
        public static let laDeprivation = "la_deprivation"
        public static let attainment = "attainment"
        public static let convictions = "convictions"
        public static let anyConviction = "any_conviction"
    }
}
