/// One unit's place on a funnel plot.
public struct FunnelUnitResult: Sendable, Equatable {
    public var unit: String
    public var observed: Int
    public var denominator: Double?
    /// The expected count: given (ratios) or `θ0·n` (proportions and rates).
    public var expected: Double?
    /// The indicator on the reported scale: proportion, rate per `per`, or O/E.
    public var estimate: Double
    /// The z-score on the transformed scale, with the overdispersion adjustment applied.
    public var z: Double
    /// Limits at each requested level, in the order requested.
    public var limits: [FunnelLimits]
    /// Against the widest requested level.
    public var verdict: FunnelVerdict
}

/// A computed funnel plot.
public struct FunnelResult: Sendable {
    /// The choices the funnel was computed with.
    public var spec: FunnelPlot
    public var measure: FunnelMeasure
    public var method: FunnelLimitMethod
    public var overdispersionMethod: OverdispersionMethod
    /// φ and τ² (computed whenever there are at least 3 units, whether or not applied).
    public var overdispersion: OverdispersionEstimate?
    /// The beta-binomial or negative-binomial dispersion (``OverdispersionMethod/betabinomial``, ``OverdispersionMethod/negbin``).
    public var predictive: PredictiveDispersion?
    /// The target on the reported scale (θ0, θ0·per, or 1).
    public var target: Double
    /// The target on the natural scale (Σy/Σn, or 1 for ratios).
    public var theta0: Double
    public var levels: [Double]
    /// The level the verdicts are taken against (the widest requested).
    public var verdictLevel: Double
    public var units: [FunnelUnitResult]
}

extension FunnelResult {
    /// The control limits at any unit size (a denominator, or an expected count for ratios) and level, on the
    /// reported scale: the funnel's curves. For exact binomial limits the size is rounded to a whole number.
    public func limits(atSize size: Double, level: Double) -> FunnelLimits {
        let scale: FunnelScale = measure == .proportion ? .arcsine(target: theta0) : .squareRoot
        let natural: Double, toReported: Double
        switch measure {
        case .proportion: natural = max(1, size.rounded()); toReported = 1
        case .rate(let per): natural = theta0 * size; toReported = theta0 * per
        case .ratio: natural = size; toReported = 1
        }
        let sd = spec.adjustedSD(scale.standardError(natural), overdispersion, size: natural, predictive: predictive)
        let (lo, hi) = spec.limitPair(level: level, size: natural, sd: sd, scale: scale, theta0: theta0, predictive: predictive)
        return FunnelLimits(level: level, low: lo * toReported, high: hi * toReported)
    }
}
