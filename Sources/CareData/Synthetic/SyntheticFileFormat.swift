/// File names and column lists of the synthetic data set, taken from ``FileFormats``: the SSDA903 and CIN
/// column names are the official ones (domain-notes §2.1–2.2) plus the project's LA / CensusYear extensions;
/// the proceedings, LA and outcome files follow the project conventions there.
public enum SyntheticFileFormat {
    public static let header = "ssda903_header.csv"
    public static let episodes = "ssda903_episodes.csv"
    public static let proceedings = "care_proceedings.csv"
    public static let localAuthorities = "local_authorities.csv"
    public static let outcomes = "outcomes.csv"
    public static let truth = "truth.json"

    /// The version of what the generator writes for a given configuration and seed, recorded in truth.json
    /// and in the name of cached sets (``SyntheticDataCache``). Raise it whenever the files for a seed change,
    /// so no cache serves an older set. 2: outcomes carry ETHNIC and SEN, and SEN enters the outcome models.
    public static let version = 2

    /// The first CIN census year (2008–09; the census replaced the CIN survey then). Census files are written
    /// only for years from this one.
    public static let firstCINCensusYear = 2009

    /// `cin_census_YYYY.csv`, census year YYYY = 1 April YYYY−1 to 31 March YYYY.
    public static func cinCensus(year: Int) -> String { "cin_census_\(year).csv" }

    /// SSDA903 header: the official columns plus the project's `LA` extension (``SSDA903HeaderColumn``).
    public static let headerColumns = SSDA903HeaderColumn.allCases.map(\.rawValue)
    /// SSDA903 episodes: the official columns plus `LA` (``SSDA903EpisodeColumn``; the file is longitudinal,
    /// so the per-return `YEAR` extension is not written).
    public static let episodeColumns = SSDA903EpisodeColumn.allCases.filter { $0 != .year }.map(\.rawValue)
    /// CIN census, flattened (``CINCensusColumn``, including `CensusYear`).
    public static let cinColumns = CINCensusColumn.allCases.map(\.rawValue)
    public static let proceedingsColumns = ProceedingsColumn.allCases.map(\.rawValue)
    public static let localAuthorityColumns = LocalAuthorityColumn.allCases.map(\.rawValue)
    /// Outcomes: ``OutcomesColumn`` (CHILD, LA, and DOB after SEX) with the synthetic cohort's own columns.
    public static let outcomeColumns = [OutcomesColumn.child, .la].map(\.rawValue) + [
        "SEX", OutcomesColumn.dob.rawValue, "ETHNIC", "SEN", "IDACI", "HIGHEST_LEVEL", "ATTAINMENT", "UNAUTHORISED_ABSENCES", "CONVICTIONS", "DISPOSAL_SEVERITY",
    ]
    /// HIGHEST_LEVEL values, lowest first.
    public static let levels = ["none", "referral", "cin", "cpp", "cla"]
    /// CONVICTIONS values.
    public static let convictionValues = ["none", "one", "two_plus"]
}
