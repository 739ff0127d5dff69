internal import Foundation
import Distributions

/// The variance function, unit deviance, validity of μ, starting values and AIC of a family, written as R's
/// family objects (`binomial()`, `poisson()`, `gaussian()`, `Gamma()`, `MASS::negative.binomial(θ)`) so that
/// every quantity agrees with R's to rounding.
enum VarianceFamily: Sendable, Hashable {
    case binomial, poisson, gaussian, gamma
    case negativeBinomial(theta: Double)

    /// V(μ): μ(1 − μ), μ, 1, μ², μ + μ²/θ.
    func variance(_ mu: Double) -> Double {
        switch self {
        case .binomial: mu * (1 - mu)
        case .poisson: mu
        case .gaussian: 1
        case .gamma: mu * mu
        case .negativeBinomial(let theta): mu + mu * mu / theta
        }
    }

    /// R's `validmu`.
    func isValid(_ mu: Double) -> Bool {
        switch self {
        case .binomial: mu.isFinite && mu > 0 && mu < 1
        case .poisson, .gamma: mu.isFinite && mu > 0
        case .gaussian: true
        case .negativeBinomial: mu > 0
        }
    }

    /// The weighted unit deviance d(y, μ)·w (R's `dev.resids`):
    /// binomial 2w[y log(y/μ) + (1−y) log((1−y)/(1−μ))] (0 log 0 = 0); Poisson 2w[y log(y/μ) − (y − μ)]
    /// (2wμ at y = 0); Gaussian w(y − μ)²; Gamma −2w[log(y/μ) − (y − μ)/μ]; NB2
    /// 2w[y log(max(1, y)/μ) − (y + θ) log((y + θ)/(μ + θ))].
    func deviance(_ y: Double, _ mu: Double, _ w: Double) -> Double {
        switch self {
        case .binomial:
            func ylogy(_ a: Double, _ b: Double) -> Double { a != 0 ? a * Foundation.log(a / b) : 0 }
            return 2 * w * (ylogy(y, mu) + ylogy(1 - y, 1 - mu))
        case .poisson:
            return y > 0 ? 2 * w * (y * Foundation.log(y / mu) - (y - mu)) : 2 * mu * w
        case .gaussian:
            return w * (y - mu) * (y - mu)
        case .gamma:
            return -2 * w * (Foundation.log(y == 0 ? 1 : y / mu) - (y - mu) / mu)
        case .negativeBinomial(let th):
            return 2 * w * (y * Foundation.log(Swift.max(1, y) / mu) - (y + th) * Foundation.log((y + th) / (mu + th)))
        }
    }

    /// R's `family$aic(y, n, mu, wt, dev)` (−2 log-likelihood, plus 2 for the dispersion of Gaussian and Gamma).
    /// `trials` is R's `n` (binomial trials per row; 1 otherwise).
    func aic(y: [Double], trials: [Double], mu: [Double], weights wt: [Double], deviance dev: Double) -> Double {
        switch self {
        case .gaussian:
            let nobs = Double(y.count)
            var slw = 0.0
            for w in wt { slw += Foundation.log(w) }
            return nobs * (Foundation.log(dev / nobs * 2 * Double.pi) + 1) + 2 - slw
        case .binomial:
            // One log per row: in two row halves on two threads at large n (RowHalves), added in row order.
            let m = trials.contains { $0 > 1 } ? trials : wt
            return -2 * RowHalves.map(y.count) { rows in
                var s = 0.0
                for i in rows where m[i] > 0 {
                    let size = m[i].rounded(.toNearestOrEven), k = (m[i] * y[i]).rounded(.toNearestOrEven)
                    let lp: Double
                    if size == 1 && (k == 0 || k == 1) && mu[i] > 0 && mu[i] < 1 {
                        // One trial: dbinom is μ or 1 − μ (R's dbinom_raw agrees to rounding: it reaches log(1 − μ)
                        // or log μ through bd0, whose value here is the same to about 1e-16 absolute).
                        lp = k == 1 ? Foundation.log(mu[i]) : Foundation.log(1 - mu[i])
                    } else if let b = try? Binomial(trials: Int(size), probability: mu[i]) {
                        lp = b.logProbability(Int(k))
                    } else {
                        lp = .nan
                    }
                    s += wt[i] / m[i] * lp
                }
                return s
            }.reduce(0, +)
        case .poisson:
            return -2 * RowHalves.map(y.count) { rows in
                var s = 0.0
                for i in rows {
                    let lp: Double
                    if y[i] != y[i].rounded() || y[i] < 0 {
                        lp = -.infinity
                    } else if let p = try? Poisson(mean: mu[i]) {
                        lp = p.logProbability(Int(y[i]))
                    } else {
                        lp = .nan
                    }
                    s += lp * wt[i]
                }
                return s
            }.reduce(0, +)
        case .gamma:
            var n = 0.0
            for w in wt { n += w }
            let disp = dev / n
            var s = 0.0
            for i in y.indices {
                let lp = (try? GammaDistribution(shape: 1 / disp, scale: mu[i] * disp))?.logDensity(y[i]) ?? .nan
                s += lp * wt[i]
            }
            return -2 * s + 2
        case .negativeBinomial(let th):
            return -2 * NegativeBinomialLikelihood.logLikelihood(theta: th, mu: mu, y: y, weights: wt)
        }
    }
}

/// The NB2 log-likelihood as `MASS::glm.nb`'s internal `loglik`:
/// Σ wᵢ[lnΓ(θ + yᵢ) − lnΓ(θ) − lnΓ(yᵢ + 1) + θ log θ + yᵢ log(μᵢ + [yᵢ = 0]) − (θ + yᵢ) log(θ + μᵢ)].
enum NegativeBinomialLikelihood {
    static func logLikelihood(theta th: Double, mu: [Double], y: [Double], weights w: [Double]) -> Double {
        var s = 0.0
        let lgt = SpecialFunctions.logGamma(th), tlt = th * Foundation.log(th)
        for i in y.indices {
            let yi = y[i]
            s += w[i] * (SpecialFunctions.logGamma(th + yi) - lgt - SpecialFunctions.logGamma(yi + 1) + tlt
                         + yi * Foundation.log(mu[i] + (yi == 0 ? 1 : 0)) - (th + yi) * Foundation.log(th + mu[i]))
        }
        return s
    }
}
