internal import Distributions

/// The reference distribution of a Wald statistic: standard normal (z) or Student's t with `df` degrees of freedom.
public enum ReferenceDistribution: Sendable, Equatable {
    case normal
    case t(df: Double)

    /// The statistic's column name: "z" or "t".
    public var statisticName: String {
        switch self {
        case .normal: "z"
        case .t: "t"
        }
    }

    /// Two-sided p-value of a statistic.
    public func pValue(_ statistic: Double) -> Double {
        guard !statistic.isNaN else { return .nan }
        switch self {
        case .normal: return 2 * Normal.standard.upperTail(abs(statistic))
        case .t(let df): return 2 * ((try? StudentT(degreesOfFreedom: df).upperTail(abs(statistic))) ?? .nan)
        }
    }

    /// The quantile q with P(|X| ≤ q) = level.
    public func criticalValue(level: Double) -> Double {
        let p = 0.5 + level / 2
        switch self {
        case .normal: return Normal.standard.quantile(p)
        case .t(let df): return (try? StudentT(degreesOfFreedom: df).quantile(p)) ?? .nan
        }
    }
}

/// One row of a coefficient table: a term's estimate on the linear-predictor scale with its standard error, Wald
/// statistic, p-value and confidence interval. NaN estimates are aliased terms (R's NA).
public struct CoefficientRow: Sendable, Equatable {
    public var term: String
    public var estimate: Double
    public var standardError: Double
    public var statistic: Double
    public var pValue: Double
    public var confLow: Double
    public var confHigh: Double
    /// The rows at this term's factor level, when the term is a level: its estimate and SE reveal that count, so
    /// the row is withheld when the count is.
    public var levelCount: CountID?
    /// Further counts the estimate and SE reveal: the level's rows in each outcome category (a level's odds ratio
    /// and SE give back its events and non-events); the row is withheld when any of them is.
    public var cellCounts: [CountID] = []
    /// The equation the row belongs to in a model with one set of coefficients per equation (a multinomial
    /// logit's response category versus the baseline); nil for single-equation models.
    public var group: String?

    public init(term: String, estimate: Double, standardError: Double, statistic: Double, pValue: Double,
                confLow: Double, confHigh: Double, levelCount: CountID? = nil, group: String? = nil) {
        self.term = term
        self.group = group
        self.estimate = estimate
        self.standardError = standardError
        self.statistic = statistic
        self.pValue = pValue
        self.confLow = confLow
        self.confHigh = confHigh
        self.levelCount = levelCount
    }

    /// Whether the term is aliased (not estimable: R reports NA).
    public var isAliased: Bool { estimate.isNaN }
}

/// The coefficient table every model shares (issue 10's inference vocabulary): rows, the reference distribution
/// of the statistics, the confidence level, and the name of the exponentiated scale where it is the natural one
/// ("hazard ratio", "odds ratio", "IRR").
public struct CoefficientTable: Sendable, Equatable {
    public var rows: [CoefficientRow]
    public var distribution: ReferenceDistribution
    public var confidenceLevel: Double
    /// The exponentiated estimate's name, when exp(β) is the natural scale; nil otherwise.
    public var exponentiatedName: String?
    /// The column naming each row's ``CoefficientRow/group`` (header and JSON key, e.g. "response level",
    /// `response_level`), for multi-equation models; nil otherwise.
    public var groupColumn: Column?

    public init(rows: [CoefficientRow], distribution: ReferenceDistribution, confidenceLevel: Double = 0.95,
                exponentiatedName: String? = nil, groupColumn: Column? = nil) {
        self.rows = rows
        self.groupColumn = groupColumn
        self.distribution = distribution
        self.confidenceLevel = confidenceLevel
        self.exponentiatedName = exponentiatedName
    }

    /// Wald inference from estimates and standard errors: statistic β/SE, two-sided p from `distribution`, and the
    /// interval β ± q·SE with q the `confidenceLevel` quantile. A NaN estimate (aliased) gives a row of NaN.
    public static func wald(terms: [String], estimates: [Double], standardErrors: [Double],
                            distribution: ReferenceDistribution, confidenceLevel: Double = 0.95,
                            exponentiatedName: String? = nil, levelCounts: [CountID?]? = nil,
                            groups: [String?]? = nil, groupColumn: Column? = nil) -> CoefficientTable {
        precondition(terms.count == estimates.count && estimates.count == standardErrors.count)
        let q = distribution.criticalValue(level: confidenceLevel)
        let rows = terms.indices.map { k -> CoefficientRow in
            let b = estimates[k], se = standardErrors[k]
            let z = b / se
            return CoefficientRow(term: terms[k], estimate: b, standardError: se, statistic: z,
                                  pValue: distribution.pValue(z), confLow: b - q * se, confHigh: b + q * se,
                                  levelCount: levelCounts?[k], group: groups?[k])
        }
        return CoefficientTable(rows: rows, distribution: distribution, confidenceLevel: confidenceLevel,
                                exponentiatedName: exponentiatedName, groupColumn: groupColumn)
    }

    /// The percentage label of the confidence level: "95".
    public var levelLabel: String {
        let pct = confidenceLevel * 100
        return pct == pct.rounded() ? String(Int(pct)) : String(pct)
    }
}
