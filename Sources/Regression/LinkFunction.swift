internal import Foundation
import Distributions

/// A GLM link g: μ ↦ η with its inverse and dη-derivative, written as R's `make.link` (and the C code behind
/// `binomial()`'s logit) so that the IRLS iterates agree with R's to rounding:
///
/// - logit: g⁻¹(η) = e^η/(1 + e^η) with e^η replaced by ε (η < −30) or 1/ε (η > 30); dμ/dη = e^η/(1 + e^η)²,
///   or ε outside (−30, 30) (R's `logit_linkinv`, `logit_mu_eta`);
/// - probit: η clamped to ±Φ⁻¹(1 − ε)… as R: ±(−qnorm(ε)); dμ/dη = max(φ(η), ε);
/// - cloglog: μ = 1 − exp(−e^η) clamped to [ε, 1 − ε]; dμ/dη = max(e^η·exp(−e^η), ε) with η capped at 700;
/// - log: μ = max(e^η, ε), dμ/dη = max(e^η, ε); identity; sqrt: μ = η² (η > 0 required);
///   inverse: μ = 1/η (η ≠ 0 required).
/// ε is the machine epsilon 2⁻⁵², as in R.
enum LinkFunction: Sendable, Hashable {
    case logit, probit, cloglog, log, identity, sqrt, inverse

    private static let eps = Double.ulpOfOne
    private static let probitThreshold = -Normal.standard.quantile(Double.ulpOfOne)

    var name: String {
        switch self {
        case .logit: "logit"
        case .probit: "probit"
        case .cloglog: "cloglog"
        case .log: "log"
        case .identity: "identity"
        case .sqrt: "sqrt"
        case .inverse: "inverse"
        }
    }

    /// η = g(μ).
    func link(_ mu: Double) -> Double {
        switch self {
        case .logit: return Foundation.log(mu / (1 - mu))
        case .probit: return Normal.standard.quantile(mu)
        case .cloglog: return Foundation.log(-Foundation.log(1 - mu))
        case .log: return Foundation.log(mu)
        case .identity: return mu
        case .sqrt: return mu.squareRoot()
        case .inverse: return 1 / mu
        }
    }

    /// μ = g⁻¹(η).
    func inverse(_ eta: Double) -> Double {
        switch self {
        case .logit:
            let t = eta < -30 ? Self.eps : (eta > 30 ? 1 / Self.eps : Foundation.exp(eta))
            return t / (1 + t)
        case .probit:
            let e = Swift.min(Swift.max(eta, -Self.probitThreshold), Self.probitThreshold)
            return Normal.standard.cdf(e)
        case .cloglog:
            return Swift.max(Swift.min(-Foundation.expm1(-Foundation.exp(eta)), 1 - Self.eps), Self.eps)
        case .log: return Swift.max(Foundation.exp(eta), Self.eps)
        case .identity: return eta
        case .sqrt: return eta * eta
        case .inverse: return 1 / eta
        }
    }

    /// dμ/dη at η.
    func derivative(_ eta: Double) -> Double {
        switch self {
        case .logit:
            if eta > 30 || eta < -30 { return Self.eps }
            let e = Foundation.exp(eta), o = 1 + e
            return e / (o * o)
        case .probit: return Swift.max(Normal.standard.density(eta), Self.eps)
        case .cloglog:
            let e = Swift.min(eta, 700)
            return Swift.max(Foundation.exp(e) * Foundation.exp(-Foundation.exp(e)), Self.eps)
        case .log: return Swift.max(Foundation.exp(eta), Self.eps)
        case .identity: return 1
        case .sqrt: return 2 * eta
        case .inverse: return -1 / (eta * eta)
        }
    }

    /// μ = g⁻¹(η) given e = exp(η) already computed (logit only uses it; the value is the same as ``inverse(_:)``).
    func inverse(_ eta: Double, exp e: Double) -> Double {
        guard self == .logit else { return inverse(eta) }
        let t = eta < -30 ? Self.eps : (eta > 30 ? 1 / Self.eps : e)
        return t / (1 + t)
    }

    /// dμ/dη given μ = g⁻¹(η) and e = exp(η) from the same evaluation, bitwise equal to ``derivative(_:)``:
    /// for log, R's dμ/dη and μ are both max(e^η, ε); for logit, e/(1 + e)² reuses e. Saves one exp per row.
    func derivative(_ eta: Double, mu: Double, exp e: Double) -> Double {
        switch self {
        case .log: return mu
        case .logit:
            if eta > 30 || eta < -30 { return Self.eps }
            let o = 1 + e
            return e / (o * o)
        default: return derivative(eta)
        }
    }

    /// Whether some η are invalid (sqrt, inverse); for the other links every η is valid and the check is skipped.
    var restrictsEta: Bool { self == .sqrt || self == .inverse }

    /// R's `valideta`: finite and positive for sqrt, finite and non-zero for inverse, anything otherwise.
    func isValid(_ eta: Double) -> Bool {
        switch self {
        case .sqrt: return eta.isFinite && eta > 0
        case .inverse: return eta.isFinite && eta != 0
        default: return true
        }
    }
}
