public import ModelSpecs

extension Catalog {
    /// Children looked after and on child protection plans across English local authorities, 2010–2022, from the
    /// real LA panel, with the rate–deprivation gradient in 2022.
    public static let laPanelTrends = ModelSpec(
        "la-panel-trends",
        title: "Children looked after and on child protection plans by year, English LAs 2010–2022",
        summary: """
            Counts at 31 March summed over upper-tier local authorities, pooled rates per 10,000 children aged \
            0–16, the spread of LA rates, and Spearman's rank correlation of 2022 LA rates with the IDACI 2019 \
            average score. Data: DfE children looked after and CIN census returns, ONS mid-year populations, \
            MHCLG Indices of Deprivation 2019, as tidied by the Child Welfare Inequalities Project.
            """,
        data: .laPanel,
        analysis: .laTrends(LATrends(
            period: "time_period",
            unit: "new_la_code",
            measures: [
                RateMeasure("Looked after at 31 March", numerator: "at31_cla", denominator: "population_0_16"),
                RateMeasure("On a CP plan at 31 March", numerator: "at31_cpp", denominator: "population_0_16"),
            ],
            deprivation: "imd19_idaci",
            correlationPeriod: 2022
        )),
        published: [
            PublishedFigure(.total(measure: "Looked after at 31 March", period: 2022), 82_170, decimals: -1,
                            source: "DfE, Children looked after in England including adoptions, 2022: 82,170 at 31 March (national figure, rounded to the nearest 10)"),
            PublishedFigure(.commonSetUnits, 148, decimals: 0,
                            source: "domain-notes §3.6: 148 LAs with CLA, CPP and IDACI all present in 2022"),
            PublishedFigure(.commonSetTotal(measure: "Looked after at 31 March"), 81_752, decimals: 0,
                            source: "domain-notes §3.6: sum of at31_cla 2022 = 81,752 (LAs missing from that set)"),
            PublishedFigure(.commonSetMinimumRate(measure: "Looked after at 31 March"), 27.7, decimals: 1,
                            source: "domain-notes §3.6: CLA rate range 27.7–234.1 per 10,000 (0–16 denominator), 2022"),
            PublishedFigure(.commonSetMaximumRate(measure: "Looked after at 31 March"), 234.1, decimals: 1,
                            source: "domain-notes §3.6: CLA rate range 27.7–234.1 per 10,000 (0–16 denominator), 2022"),
            PublishedFigure(.commonSetRankCorrelation(measure: "Looked after at 31 March"), 0.70, decimals: 2,
                            source: "domain-notes §3.6: Spearman ρ(CLA rate, IDACI) = 0.70, 2022"),
            PublishedFigure(.commonSetRankCorrelation(measure: "On a CP plan at 31 March"), 0.48, decimals: 2,
                            source: "domain-notes §3.6: Spearman ρ(CPP rate, IDACI) = 0.48, 2022"),
            // Seed 001 quotes Bywaters et al. (2015): the ratio of rates between the highest and lowest LA was 8:1
            // for looked-after children and 13:1 for child protection plans. The year is not given there; at 31
            // March 2012 the panel gives 8.3 and 13.3 (highest over lowest non-zero rate), and no other year gives
            // both, so 2012 is taken as the year compared (to be checked against Bywaters 2015).
            PublishedFigure(.highestToLowestRate(measure: "Looked after at 31 March", period: 2012), 8, decimals: 0,
                            source: "Overview of administrative data on children's social care in England (2019), quoting Bywaters P et al. (2015) 'Child welfare inequalities: new evidence, further questions', Child & Family Social Work 21(3): 369–380: the ratio between the highest and lowest LA rate of looked-after children was 8:1"),
            PublishedFigure(.highestToLowestRate(measure: "On a CP plan at 31 March", period: 2012), 13, decimals: 0,
                            source: "Ibid.: 13:1 for child protection plans"),
        ]
    )
}
