public import ModelSpecs

/// CareStat's model catalogue: every spec, listed explicitly (no reflection, no registration side effects), in
/// the order `carestat models` prints them. Add a spec by writing it in its own file as a static property of
/// `Catalog` and appending it here.
public enum Catalog {
    public static let all: [ModelSpec] = [
        laPanelTrends,
        returnToCare,
        attainmentByIntervention,
        offendingByIntervention,
        returnToCareTrend,
        massonLeavingCare,
        harwinReturnToCourt,
        reReferrals,
        childhoodPrevalence,
        demandForecast,
        carePathways,
        laComparison,
    ]

    /// The spec with this name, if any.
    public static func spec(named name: String) -> ModelSpec? { all.first { $0.name == name } }
}
