public import ModelSpecs

extension Catalog {
    /// Local authorities compared adjusted for deprivation (issue 14): children looked after and on child protection
    /// plans at 31 March, latest year of the real LA panel.
    public static let laComparison = ModelSpec(
        "la-comparison",
        title: "Comparing English local authorities adjusted for deprivation: looked after and child protection, latest year",
        summary: """
            Children looked after (at31_cla) and on child protection plans (at31_cpp) at 31 March by upper-tier LA, \
            in the latest year of the real LA panel (2022), per 10,000 children aged 0–16. Expected counts from a \
            Poisson GLM on the IDACI 2019 score with offset log(population); funnel plots of O/E with \
            negative-binomial predictive limits (ML size), outlier and method-sensitivity tables; Poisson GLMM \
            shrunken rates with rank intervals and simultaneous rank confidence sets (Mogstad et al. 2023); the \
            most/least deprived, decile, RII and SII inequality summaries. Data: DfE, ONS, MHCLG via the Child \
            Welfare Inequalities Project.
            """,
        data: .laPanel,
        analysis: .laComparison(LAComparison(
            period: "time_period", year: nil, unit: "la_name", population: "population_0_16", deprivation: "imd19_idaci",
            measures: [
                RateMeasure("Looked after at 31 March", numerator: "at31_cla", denominator: "population_0_16"),
                RateMeasure("On a CP plan at 31 March", numerator: "at31_cpp", denominator: "population_0_16"),
            ]))
    )
}
