public import Reporting

/// An analysis kept as a value: where its data come from, what is computed, and the published figures it should
/// reproduce. Specs are written in Swift in `models/` (the ModelCatalog target), checked at compile time, listed
/// by `carestat models` and run by `carestat run NAME`.
///
/// A spec is plain data (Sendable, no closures), so a catalogue can be listed, compared and printed without
/// running anything; ``SpecRunner`` turns it into tables.
public struct ModelSpec: Sendable {
    /// The name `carestat run` takes: lower-case words joined by hyphens.
    public let name: String
    public let title: String
    /// One paragraph: the question, the data, the method.
    public let summary: String
    public let data: DataSource
    public let analysis: Analysis
    /// Figures from publications that the run prints beside its own, with their sources.
    public let published: [PublishedFigure]

    public init(_ name: String, title: String, summary: String, data: DataSource, analysis: Analysis,
                published: [PublishedFigure] = []) {
        self.name = name
        self.title = title
        self.summary = summary
        self.data = data
        self.analysis = analysis
        self.published = published
    }
}

/// Where a spec's data come from. `carestat run NAME --data DIR` points every source at a folder.
public enum DataSource: Sendable, Equatable {
    /// The real local-authority panel of official statistics, England 2010–2022 (`merged_data.csv`: 151
    /// upper-tier LAs × 13 years; DfE/ONS/MHCLG under the Open Government Licence; see shared/data/la-panel).
    case laPanel
    /// A CSV file, named relative to the data folder.
    case csvFile(String)
    /// Children's social care records in CareStat's file layout, as `carestat synth` writes them
    /// (``CareRecordFiles``): SSDA903 episodes and header, CIN census files, the LA table and an outcomes
    /// cohort. Without `--data`, the embedded synthetic set (the generator's defaults and seed).
    case careRecords

    /// The file name the source reads inside its data folder (for care records, the SSDA903 episodes file that
    /// marks the folder).
    public var fileName: String {
        switch self {
        case .laPanel: return "merged_data.csv"
        case .csvFile(let name): return name
        case .careRecords: return CareRecordFiles.episodesFile
        }
    }
}

/// What a spec computes. Each case carries a typed description of one analysis; the estimator modules add
/// theirs (Cox, GLM, mixed models, sequences, forecasts, funnel plots) as they arrive.
public enum Analysis: Sendable {
    /// Counts and rates by period across local authorities (see ``LATrends``).
    case laTrends(LATrends)
    /// Time to an event in a derived care dataset: a Cox model, Kaplan–Meier curves by a group, cumulative
    /// incidence at horizons, and the figure (see ``SurvivalAnalysis``).
    case survival(SurvivalAnalysis)
    /// Outcomes by the highest level of social care intervention: mixed and ordinal models, with predicted
    /// outcomes by level (see ``InterventionOutcomes``).
    case interventionOutcomes(InterventionOutcomes)
    /// Estimates from published studies on derived care datasets: survival at a time, proportions, ratios of
    /// sums (see ``StudyEstimates``).
    case estimates(StudyEstimates)
    /// Forecasts of LA counts with reconciliation and backtests (see ``DemandForecast``).
    case demandForecast(DemandForecast)
    /// A typology of care histories by sequence analysis (see ``CarePathwaysAnalysis``).
    case carePathways(CarePathwaysAnalysis)
    /// Local authorities compared in one year, adjusted for deprivation: funnels, outliers, method sensitivity,
    /// shrunken ranks and inequality (see ``LAComparison``).
    case laComparison(LAComparison)
}

/// A rate: Σ numerator / Σ denominator × `per`, e.g. children looked after per 10,000 children.
public struct RateMeasure: Sendable, Equatable {
    public let label: String
    public let numerator: String
    public let denominator: String
    public let per: Double

    public init(_ label: String, numerator: String, denominator: String, per: Double = 10_000) {
        self.label = label
        self.numerator = numerator
        self.denominator = denominator
        self.per = per
    }
}

/// Counts and rates per period across units (local authorities): for each period and measure, the number of
/// units reporting both numerator and denominator, the totals, the pooled rate Σnum/Σden, and the distribution
/// of unit rates (median, minimum, maximum); then, for one period, Spearman's rank correlation of each unit
/// rate with a deprivation score. Units missing the numerator, denominator or score are left out of that
/// figure and counted, never imputed.
public struct LATrends: Sendable, Equatable {
    public let period: String
    public let unit: String
    public let measures: [RateMeasure]
    /// Deprivation score column for the rank correlation (e.g. IDACI 2019 average score).
    public let deprivation: String?
    /// The period in which rate–deprivation correlations are computed (e.g. the latest year).
    public let correlationPeriod: Int?

    public init(period: String, unit: String, measures: [RateMeasure], deprivation: String? = nil,
                correlationPeriod: Int? = nil) {
        self.period = period
        self.unit = unit
        self.measures = measures
        self.deprivation = deprivation
        self.correlationPeriod = correlationPeriod
    }
}

/// A figure from a publication, to be printed beside CareStat's value for the same quantity (DESIGN.md's sixth use:
/// reproduce published estimates). The quantity is typed by analysis kind, so "McGrath-Lone et al. 2017: 35.3% of
/// exits re-entered care within five years" is data (`.cumulativeIncidence(group: nil, years: 5)`, 35.3, percent),
/// and `carestat run` prints it beside CareStat's estimate with its interval.
public struct PublishedFigure: Sendable, Equatable {
    /// The quantity, in terms the analysis computes.
    public enum Quantity: Sendable, Hashable {
        // LA trends (``LATrends``):
        /// Σ numerator of a measure (by label) in a period, over every unit reporting it (a count of people).
        case total(measure: String, period: Int)
        /// Units reporting a measure in a period.
        case unitsReporting(measure: String, period: Int)
        /// Smallest or largest unit rate of a measure in a period, over every unit reporting it.
        case minimumRate(measure: String, period: Int)
        case maximumRate(measure: String, period: Int)
        /// The highest unit rate over the lowest rate above zero, in a period (seed 001's "8:1" between LAs).
        case highestToLowestRate(measure: String, period: Int)
        /// The same figures over the common set (units reporting every measure and the deprivation score in the
        /// comparison period), where cross-measure comparisons are made.
        case commonSetUnits
        case commonSetTotal(measure: String)
        case commonSetMinimumRate(measure: String)
        case commonSetMaximumRate(measure: String)
        /// Spearman's ρ between a measure's unit rates and the deprivation score, over the common set.
        case commonSetRankCorrelation(measure: String)
        /// The pooled rate of a measure in a period (Σ numerator / Σ denominator × per).
        case rate(measure: String, period: Int)

        // Survival (``SurvivalAnalysis``):
        /// A Cox model's hazard ratio for a term (`legal_status=s20`).
        case hazardRatio(term: String)
        /// Cumulative incidence 1 − S(t), in percent, at `years` after the origin, for a group of the analysis's
        /// grouping column (nil: everyone).
        case cumulativeIncidence(group: String?, years: Double)

        // Regression (``InterventionOutcomes``):
        /// The odds ratio of a term in the logistic model of an outcome (the model's title, e.g. "Attainment").
        case oddsRatio(outcome: String, term: String)
        /// A model's predicted probability, in percent, of an outcome at a level of the intervention factor.
        case predictedProbability(outcome: String, level: String)

        /// A count of people the analysis reports, by its ledger label (e.g. "exits used by the model").
        case count(String)

        // Study estimates (``StudyEstimates``):
        /// A study estimate, in percent, by its label.
        case estimate(String)
        // Sequence typologies (``CarePathwaysAnalysis``):
        /// The share (percent) of the `rank`-th largest group of a typology; `group` is the publication's name for it.
        case clusterShare(rank: Int, group: String)
    }

    public let quantity: Quantity
    public let value: Double
    /// Decimal places the publication reports (the comparison rounds CareStat's value the same way); negative
    /// for figures rounded to tens (−1), hundreds (−2), as DfE rounds national counts to the nearest 10.
    public let decimals: Int
    public let source: String

    public init(_ quantity: Quantity, _ value: Double, decimals: Int, source: String) {
        self.quantity = quantity
        self.value = value
        self.decimals = decimals
        self.source = source
    }
}

/// CareStat's estimate of a published quantity: the value, its confidence interval where the analysis has one, and,
/// when the quantity is a count of people, the count in the run's ledger (so the comparison publishes it through
/// the gate like any other count).
public struct ReproducedFigure: Sendable, Equatable {
    public var estimate: Double
    public var confLow: Double?
    public var confHigh: Double?
    public var count: CountID?
    /// Counts of people the estimate reveals (a group's n and events behind its cumulative incidence; a level's
    /// rows behind its hazard ratio): the comparison withholds the estimate unless they are all shown exactly.
    public var reveals: [CountID]

    public init(_ estimate: Double, confLow: Double? = nil, confHigh: Double? = nil, count: CountID? = nil,
                reveals: [CountID] = []) {
        self.estimate = estimate
        self.confLow = confLow
        self.confHigh = confHigh
        self.count = count
        self.reveals = reveals
    }
}
