import Foundation

/// The variance-stabilising scale on which z-scores, overdispersion and the normal-approximation limits are
/// computed (Spiegelhalter 2005 §3; FunnelPlotR `R/transformations.R`).
///
/// - Proportions: `Y = asin(√(y/n))`, target `asin(√θ0)`, `s = 1/(2√n)`; back-transform `sin²(v)` with `v`
///   clamped to `[0, π/2]` (so a limit beyond the range becomes 0 or 1 instead of folding back).
/// - Ratios (and rates, as ratios against `E = θ0·n`): `Y = √(O/E)`, target 1, `s = 1/(2√E)` (FunnelPlotR's
///   "CQC" scale); back-transform `max(v, 0)²`.
enum FunnelScale {
    case arcsine(target: Double)
    case squareRoot

    /// The target on the transformed scale.
    var target: Double {
        switch self {
        case .arcsine(let t): asin(t.squareRoot())
        case .squareRoot: 1
        }
    }

    /// The transformed value of an estimate on the natural scale (proportion, or ratio O/E).
    func transform(_ x: Double) -> Double {
        switch self {
        case .arcsine: asin(min(max(x, 0), 1).squareRoot())
        case .squareRoot: max(x, 0).squareRoot()
        }
    }

    /// The standard error on the transformed scale of a unit with denominator `n` (proportion) or expected `E`.
    func standardError(_ size: Double) -> Double { 1 / (2 * size.squareRoot()) }

    /// Back to the natural scale (proportion, or ratio).
    func inverse(_ v: Double) -> Double {
        switch self {
        case .arcsine:
            let c = min(max(v, 0), Double.pi / 2)
            return sin(c) * sin(c)
        case .squareRoot:
            let c = max(v, 0)
            return c * c
        }
    }
}
