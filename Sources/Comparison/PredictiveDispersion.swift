import Distributions
import Foundation
import Optimization

/// The between-unit dispersion of a beta-binomial (proportions) or negative-binomial (rates, ratios) model of the
/// units' counts around the funnel's target, estimated by maximum likelihood with the mean held at the target
/// (issue 14: "beta-binomial and negative-binomial predictive limits").
///
/// - Beta-binomial: `yᵢ ~ BetaBinomial(nᵢ, a = θ0·M, b = (1 − θ0)·M)`, mean `nᵢθ0`, variance
///   `nᵢθ0(1 − θ0)(1 + (nᵢ − 1)ρ)` with intra-unit correlation `ρ = 1/(1 + M)` (Williams 1975; Kupper & Haseman 1978;
///   the parametrisation of VGAM's `betabinomial`). The precision `M` is the ML estimate given θ0 = Σy/Σn:
///   the root of the score `Σᵢ [θ0(ψ(yᵢ + θ0M) − ψ(θ0M)) + (1 − θ0)(ψ(nᵢ − yᵢ + (1 − θ0)M) − ψ((1 − θ0)M))
///   − (ψ(nᵢ + M) − ψ(M))]`.
/// - Negative binomial: `yᵢ ~ NB(mean μᵢ = Eᵢ, size k)`, variance `μᵢ + μᵢ²/k`; `k` is the ML estimate given the
///   means, exactly what `MASS::theta.ml(y, mu)` computes (Venables & Ripley 2002, §7.4): the root of
///   `Σᵢ [ψ(yᵢ + k) − ψ(k) − log1p(μᵢ/k) + (μᵢ − yᵢ)/(k + μᵢ)]`.
///
/// Why ML with the mean fixed at the target: the funnel's limits are predictive intervals for a unit "in control"
/// at the target, so only the dispersion is free; ML (rather than moments) is the estimator `MASS::theta.ml`
/// uses, so it can be checked against R and scipy.
///
/// When the likelihood is largest at no overdispersion (`M → ∞`, `k → ∞`: the counts vary no more than binomial
/// or Poisson chance) the estimate is stated as ``isBoundary`` and the limits are the exact binomial/Poisson ones.
public struct PredictiveDispersion: Sendable, Equatable {
    public enum Model: String, Sendable {
        case betaBinomial = "beta-binomial"
        case negativeBinomial = "negative binomial"
    }

    public var model: Model
    /// Beta-binomial precision `M = a + b`, or negative-binomial size `k`; `.infinity` at the boundary.
    public var parameter: Double
    /// True when the ML estimate is at no overdispersion (the limits are then binomial or Poisson).
    public var isBoundary: Bool
    /// The maximised log-likelihood (up to the constant `Σ log C(nᵢ, yᵢ)` or `−Σ log yᵢ!`).
    public var logLikelihood: Double

    /// The intra-unit correlation ρ = 1/(1 + M) (beta-binomial; 0 at the boundary).
    public var rho: Double { isBoundary ? 0 : 1 / (1 + parameter) }

    /// Precision above which the counts are taken to vary as binomial or Poisson chance (log scale bound of the search).
    static let logUpper = 20.0, logLower = -12.0

    /// Variance inflation over binomial/Poisson of a unit of size `n` (denominator) or mean `mu`.
    public func inflation(size: Double) -> Double {
        if isBoundary { return 1 }
        switch model {
        case .betaBinomial: return 1 + (size - 1) / (1 + parameter)
        case .negativeBinomial: return 1 + size / parameter
        }
    }

    /// ML of the beta-binomial precision given the target θ0, for counts `y` out of `n`.
    /// - Throws: ``FunnelError/tooFewUnitsForOverdispersion(_:)`` below 3 units; ``FunnelError/dispersionNotEstimable(_:)``
    ///   when the likelihood has no interior maximum towards infinite overdispersion.
    public static func betaBinomial(y: [Int], n: [Int], target t: Double) throws(FunnelError) -> PredictiveDispersion {
        guard y.count >= 3 else { throw .tooFewUnitsForOverdispersion(y.count) }
        func loglik(_ m: Double) -> Double {
            let a = t * m, b = (1 - t) * m
            let lb = SpecialFunctions.logBeta(a, b)
            var s = 0.0
            for i in y.indices { s += SpecialFunctions.logBeta(Double(y[i]) + a, Double(n[i] - y[i]) + b) - lb }
            return s
        }
        func score(_ m: Double) -> Double {
            let a = t * m, b = (1 - t) * m
            var s = 0.0
            for i in y.indices {
                s += t * digammaStep(a, y[i]) + (1 - t) * digammaStep(b, n[i] - y[i]) - digammaStep(m, n[i])
            }
            return s
        }
        // Binomial log-likelihood (the limit M → ∞), same constant dropped.
        var binomial = 0.0
        for i in y.indices {
            binomial += (y[i] > 0 ? Double(y[i]) * log(t) : 0) + (n[i] > y[i] ? Double(n[i] - y[i]) * log1p(-t) : 0)
        }
        return try solve(.betaBinomial, loglik: loglik, score: score, boundary: binomial)
    }

    /// ML of the negative-binomial size given each unit's mean `mu` (`MASS::theta.ml(y, mu)`).
    public static func negativeBinomial(y: [Int], mu: [Double]) throws(FunnelError) -> PredictiveDispersion {
        guard y.count >= 3 else { throw .tooFewUnitsForOverdispersion(y.count) }
        func loglik(_ k: Double) -> Double {
            var s = 0.0
            for i in y.indices {
                let yi = Double(y[i])
                s += logGammaStep(k, y[i]) - k * log1p(mu[i] / k) + (y[i] > 0 ? yi * log(mu[i] / (k + mu[i])) : 0)
            }
            return s
        }
        func score(_ k: Double) -> Double {
            var s = 0.0
            for i in y.indices { s += digammaStep(k, y[i]) - log1p(mu[i] / k) + (mu[i] - Double(y[i])) / (k + mu[i]) }
            return s
        }
        var poisson = 0.0
        // Same constant as `loglik` (which keeps −log yᵢ! through `logGammaStep`).
        for i in y.indices {
            poisson += (y[i] > 0 ? Double(y[i]) * log(mu[i]) : 0) - mu[i] - SpecialFunctions.logGamma(Double(y[i]) + 1)
        }
        return try solve(.negativeBinomial, loglik: loglik, score: score, boundary: poisson)
    }

    /// Maximises on `x = log(parameter)`: Brent's minimiser locates the maximum, then Brent's root finder solves the
    /// score near it to machine precision.
    private static func solve(_ model: Model, loglik: (Double) -> Double, score: (Double) -> Double,
                              boundary: Double) throws(FunnelError) -> PredictiveDispersion {
        let minimizer = BrentMinimizer(options: .init(tolerance: 1e-10))
        guard let located = try? minimizer.minimize({ -loglik(exp($0)) }, lower: logLower, upper: logUpper) else {
            throw .dispersionNotEstimable(model.rawValue)
        }
        let x = located.minimum
        if x > logUpper - 1e-3 || -located.value <= boundary + 1e-9 {
            return PredictiveDispersion(model: model, parameter: .infinity, isBoundary: true, logLikelihood: boundary)
        }
        if x < logLower + 1e-3 { throw .dispersionNotEstimable(model.rawValue) }
        var best = exp(x)
        let lo = x - 0.05, hi = x + 0.05
        let glo = score(exp(lo)), ghi = score(exp(hi))
        if glo > 0, ghi < 0,
           let root = try? BrentRootFinder(options: .init(tolerance: 1e-14)).findRoot({ score(exp($0)) }, lower: lo, upper: hi) {
            best = exp(root.root)
        }
        return PredictiveDispersion(model: model, parameter: best, isBoundary: false, logLikelihood: loglik(best))
    }

    /// `ψ(a + m) − ψ(a)` for a whole `m ≥ 0`: the finite sum `Σ_{j<m} 1/(a + j)` for small `m` (exact, no
    /// cancellation when `a` is large), the digamma difference otherwise.
    static func digammaStep(_ a: Double, _ m: Int) -> Double {
        if m <= 0 { return 0 }
        if m <= 64 {
            var s = 0.0
            for j in 0..<m { s += 1 / (a + Double(j)) }
            return s
        }
        return SpecialFunctions.digamma(a + Double(m)) - SpecialFunctions.digamma(a)
    }

    /// `log Γ(a + m) − log Γ(a) − log m!` for a whole `m ≥ 0`.
    static func logGammaStep(_ a: Double, _ m: Int) -> Double {
        if m <= 0 { return 0 }
        if m <= 64 {
            var s = 0.0
            for j in 0..<m { s += log((a + Double(j)) / Double(j + 1)) }
            return s
        }
        let md = Double(m)
        return SpecialFunctions.logGamma(a + md) - SpecialFunctions.logGamma(a) - SpecialFunctions.logGamma(md + 1)
    }
}
