import Distributions
import Foundation

/// The link of a cumulative-link (ordinal regression) model: the distribution F in P(Y ≤ k | x) = F(θₖ − xᵀβ).
///
/// Names as `ordinal::clm(link = )`; `MASS::polr` calls them `method = "logistic"`, `"probit"`, `"cloglog"`.
public enum OrderedLogitLink: String, Sendable, Hashable, CaseIterable, Codable {
    /// F(z) = 1/(1 + e^(−z)), the proportional-odds model (McCullagh 1980).
    case logit
    /// F = Φ, the standard normal distribution (ordered probit).
    case probit
    /// F(z) = 1 − exp(−eᶻ), the complementary log-log link (grouped proportional hazards; McCullagh 1980, §3).
    case cloglog

    /// F(z), P(latent ≤ z).
    func cdf(_ z: Double) -> Double {
        switch self {
        case .logit: return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
        case .probit: return Normal.standard.cdf(z)
        case .cloglog: return -expm1(-exp(z))
        }
    }

    /// 1 − F(z), computed without cancellation.
    func upperTail(_ z: Double) -> Double {
        switch self {
        case .logit: return z <= 0 ? 1 / (1 + exp(z)) : exp(-z) / (1 + exp(-z))
        case .probit: return Normal.standard.upperTail(z)
        case .cloglog: return exp(-exp(z))
        }
    }

    /// The density f(z) = F′(z) and its derivative f′(z): logit f = F(1 − F), f′ = f(1 − 2F); probit f = φ,
    /// f′ = −zφ; cloglog f = exp(z − eᶻ), f′ = f(1 − eᶻ). Both are 0 at ±∞.
    func densityAndSlope(_ z: Double) -> (density: Double, slope: Double) {
        guard z.isFinite else { return (0, 0) }
        switch self {
        case .logit:
            let f = cdf(z) * upperTail(z)
            return (f, f * (upperTail(z) - cdf(z)))
        case .probit:
            let f = Normal.standard.density(z)
            return (f, -z * f)
        case .cloglog:
            let ez = exp(z)
            let f = exp(z - ez)
            return f == 0 ? (0, 0) : (f, f * (1 - ez))
        }
    }

    /// F(b) − F(a) for a < b (a = −∞ or b = +∞ allowed), from whichever tail keeps the difference accurate.
    func probability(lower a: Double, upper b: Double) -> Double {
        if a == -.infinity { return cdf(b) }
        if b == .infinity { return upperTail(a) }
        return a > 0 ? upperTail(a) - upperTail(b) : cdf(b) - cdf(a)
    }
}
