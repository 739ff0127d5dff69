/// What a funnel plot compares (Spiegelhalter 2005, §2): the indicator each unit's observed count is turned into.
public enum FunnelMeasure: Sendable, Equatable {
    /// A proportion `y/n` (binomial: `y ≤ n`, whole numbers); target θ0 = Σy/Σn.
    case proportion
    /// A rate `y/n × per` (Poisson: n a population or person-time, need not be whole); target θ0 = Σy/Σn. The
    /// limits are those of an indirectly standardised ratio with expected count `E = θ0·n`, scaled by `θ0·per`.
    case rate(per: Double)
    /// An indirectly standardised ratio `O/E` against user-supplied expected counts; target 1.
    case ratio

    /// Name used in outputs.
    public var name: String {
        switch self {
        case .proportion: "proportion"
        case .rate: "rate"
        case .ratio: "ratio"
        }
    }
}

/// How the control limits are computed.
public enum FunnelLimitMethod: String, Sendable, CaseIterable {
    /// Exact limits with the interpolation of Spiegelhalter (2005), appendix A.1: the `p`-quantile `r` of the
    /// count (binomial `Bin(n, θ0)` for proportions; Poisson with mean `E` for rates and ratios), interpolated as
    /// `(r − α)/n` (or `/E`) with `α = (F(r) − p)/(F(r) − F(r − 1))`. A zero numerator is never outside these
    /// limits unless the chance of a zero is below the tail probability.
    case exact
    /// Rates and ratios only: FunnelPlotR's "exact Poisson" limits, `qchisq(p, 2E)/(2E)` (lower) and
    /// `qchisq(p, 2(E + 1))/(2E)` (upper), i.e. the exact confidence interval of a Poisson mean with the expected
    /// count in place of the observed one. Its lower limit is positive for every `E`, so it flags every zero
    /// numerator as low (FunnelPlotR issue #17); kept for comparison with that tool.
    case gamma
    /// Proportions only: the Wilson score interval around the target at each denominator (PHE Fingertips).
    case wilson
    /// Normal approximation on the variance-stabilising scale FunnelPlotR uses: arcsine-square-root for proportions
    /// (`sin²(asin√θ0 ± z·s)`, `s = 1/(2√n)`), square root for ratios and rates (FunnelPlotR's "CQC" scale,
    /// `(1 ± z·s)²`, `s = 1/(2√E)`), chosen over the log ("SHMI") scale because it is defined for zero numerators.
    /// The only method on which overdispersion adjustments are defined.
    case normal
}
