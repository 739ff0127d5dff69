internal import Distributions
internal import Foundation

/// Pointwise confidence-interval transformation for a survival probability, as R survival's `conf.type`.
///
/// With p = S(t), s = SE(log S(t)) (Greenwood) and z = Φ⁻¹(1 − (1 − level)/2), following R's
/// `survfit_confint` (survival 3.x; Kalbfleisch & Prentice 2002, §1.4; Klein & Moeschberger 2003, eq. 4.3.1):
/// - `plain`:  p ∓ z·s·p, clipped to [0, 1];
/// - `log`:    exp(log p ∓ z·s), upper clipped at 1; NaN when p = 0 (R's default, hence ours);
/// - `logLog`: exp(−exp(log(−log p) ∓ z·s/log p)); NaN when p is 0 or 1.
/// Missing limits (R's NA) are NaN.
public enum SurvivalConfidenceType: String, Sendable, CaseIterable {
    case plain
    case log
    case logLog = "log-log"

    /// The (lower, upper) limits for survival `p` with standard error `seLog` of log p and normal quantile `z`.
    /// O(1).
    public func interval(survival p: Double, seLog s: Double, z: Double) -> (lower: Double, upper: Double) {
        switch self {
        case .plain:
            let h = s * p * z
            let lo = p - h, hi = p + h
            return (lo.isNaN ? .nan : Swift.max(lo, 0), hi.isNaN ? .nan : Swift.min(hi, 1))
        case .log:
            guard p != 0, !p.isNaN else { return (.nan, .nan) }
            let lp = Foundation.log(p)
            let hi = Foundation.exp(lp + z * s)
            return (Foundation.exp(lp - z * s), hi.isNaN ? .nan : Swift.min(hi, 1))
        case .logLog:
            guard p != 0, p != 1, !p.isNaN else { return (.nan, .nan) }
            let lp = Foundation.log(p)
            let h = z * s / lp
            let c = Foundation.log(-lp)
            return (Foundation.exp(-Foundation.exp(c - h)), Foundation.exp(-Foundation.exp(c + h)))
        }
    }

    /// z = Φ⁻¹(1 − (1 − level)/2) for a two-sided interval of coverage `level` in (0, 1).
    public static func zValue(level: Double) -> Double {
        Normal.standard.quantile(1 - (1 - level) / 2)
    }
}
