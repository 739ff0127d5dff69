/// How the limits allow for overdispersion (variation between units beyond chance).
public enum OverdispersionMethod: String, Sendable, CaseIterable {
    /// No adjustment: the limits reflect chance variation only.
    case none
    /// Multiplicative (Spiegelhalter 2005 §3.3): the standard error on the transformed scale times `√φ`. Applied
    /// only when `φ > 1` (an estimate below 1 means no evidence of overdispersion; limits are not narrowed).
    case phi
    /// Additive random effects (DerSimonian–Laird): `√(s² + τ²)` on the transformed scale (FunnelPlotR's default
    /// adjustment). `τ² = 0` gives the unadjusted limits.
    case tau2
    /// Proportions: predictive limits from a beta-binomial around the target whose intra-unit correlation ρ is the ML
    /// estimate (``PredictiveDispersion``); exact method (Spiegelhalter's interpolation) on the predictive counts.
    case betabinomial
    /// Rates and ratios: predictive limits from a negative binomial with mean `E` and the ML size `k`
    /// (`MASS::theta.ml`); exact method on the predictive counts.
    case negbin

    /// True for the predictive-distribution adjustments (beta-binomial, negative binomial).
    public var isPredictive: Bool { self == .betabinomial || self == .negbin }
}

/// The overdispersion estimates of a set of units (FunnelPlotR `R/od_adjustment.R`; Spiegelhalter 2005 §3.3).
///
/// The unadjusted z-scores `zᵢ = (Yᵢ − target)/sᵢ` on the transformed scale are Winsorised: values below the
/// `trim` quantile are set to it, values above the `1 − trim` quantile likewise (quantiles as R's default type 7,
/// as FunnelPlotR's `quantile()` call); 10% each tail by default, as the CQC and FunnelPlotR, so that the outliers
/// the plot is meant to find do not inflate the limits that judge them. Then
/// - `φ = (1/I)·Σ zᵢ²` over the Winsorised z-scores (all `I` units);
/// - `τ² = max(0, (I·φ − (I − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ))`, `wᵢ = 1/sᵢ²` (DerSimonian–Laird).
public struct OverdispersionEstimate: Sendable, Equatable {
    public var phi: Double
    public var tau2: Double
    /// The fraction Winsorised in each tail.
    public var trim: Double
    /// The Winsorising bounds on the z scale.
    public var zBounds: (low: Double, high: Double)

    public static func == (a: Self, b: Self) -> Bool {
        a.phi == b.phi && a.tau2 == b.tau2 && a.trim == b.trim && a.zBounds == b.zBounds
    }

    /// Estimates φ and τ² from unadjusted z-scores and standard errors on the transformed scale.
    /// - Throws: ``FunnelError/tooFewUnitsForOverdispersion(_:)`` below 3 units; ``FunnelError/invalidTrim(_:)``.
    public static func estimate(z: [Double], standardErrors s: [Double], trim: Double) throws(FunnelError) -> Self {
        guard trim >= 0, trim < 0.5 else { throw .invalidTrim(trim) }
        guard z.count >= 3 else { throw .tooFewUnitsForOverdispersion(z.count) }
        let lo = quantileType7(z, trim), hi = quantileType7(z, 1 - trim)
        let zw = z.map { min(max($0, lo), hi) }
        let i = Double(z.count)
        let phi = zw.reduce(0) { $0 + $1 * $1 } / i
        let w = s.map { 1 / ($0 * $0) }
        let sw = w.reduce(0, +), sw2 = w.reduce(0) { $0 + $1 * $1 }
        let tau2 = max(0, (i * phi - (i - 1)) / (sw - sw2 / sw))
        return OverdispersionEstimate(phi: phi, tau2: tau2, trim: trim, zBounds: (lo, hi))
    }

    /// R's `quantile(x, p, type = 7)`: linear interpolation between order statistics at `1 + (n − 1)p`.
    static func quantileType7(_ x: [Double], _ p: Double) -> Double {
        let s = x.sorted()
        let h = Double(s.count - 1) * p
        let j = Int(h.rounded(.down))
        let g = h - Double(j)
        if j + 1 >= s.count { return s[s.count - 1] }
        return s[j] + g * (s[j + 1] - s[j])
    }
}
