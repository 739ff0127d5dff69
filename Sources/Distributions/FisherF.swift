import Foundation

/// Fisher's F distribution with m (numerator) and n (denominator) degrees of freedom, both finite and > 0.
///
/// - cdf: R's `pf`: with X ~ F(m, n), P(X ≤ x) = I_{mx/(n+mx)}(m/2, n/2), evaluated as the complementary
///   I_{n/(n+mx)}(n/2, m/2) when mx > n so that the beta argument stays away from 1 (Didonato & Morris 1992).
/// - density: R's `df`: f(x) = c · b(k; N, p) with p = mx/(n+mx), q = n/(n+mx) and Loader's (2000) saddle-point
///   binomial term b (`SaddlePointBinomial`), k = (m−2)/2, N = (m+n−2)/2, c = m q/2 for m ≥ 2, and
///   k = m/2, N = (m+n)/2, c = m² q/(2 p (m+n)) for m < 2.
/// - quantiles: `QuantileSearch` on the log of the smaller tail in ln x, started from the power-law tail
///   approximations P ≈ (mx/n)^(m/2)/((m/2) B) near 0 and Q ≈ (n/(mx))^(n/2)/((n/2) B) for large x, or 1.
/// - infinite degrees of freedom (R's limits): n = ∞ gives χ²_m/m = Gamma(m/2, rate m/2); m = ∞ gives n/χ²_n,
///   the reciprocal of Gamma(n/2, rate n/2); both infinite is a point mass at 1.
public struct FisherF: ContinuousDistribution {
    public let numeratorDF: Double
    public let denominatorDF: Double

    /// Throws unless both degrees of freedom are > 0 (+∞ allowed, NaN not).
    public init(numeratorDF: Double, denominatorDF: Double) throws {
        guard numeratorDF > 0 else {
            throw DistributionError.invalidParameter(name: "numeratorDF", value: numeratorDF, requirement: "> 0")
        }
        guard denominatorDF > 0 else {
            throw DistributionError.invalidParameter(name: "denominatorDF", value: denominatorDF, requirement: "> 0")
        }
        self.numeratorDF = numeratorDF
        self.denominatorDF = denominatorDF
    }

    /// The gamma law of χ²_m/m (n = ∞) or of χ²_n/n (m = ∞, of which X is the reciprocal); nil when both are finite.
    private var limit: (gamma: GammaDistribution, reciprocal: Bool)? {
        if denominatorDF == .infinity && numeratorDF.isFinite {
            return (try? GammaDistribution(shape: numeratorDF / 2, rate: numeratorDF / 2)).map { ($0, false) }
        }
        if numeratorDF == .infinity && denominatorDF.isFinite {
            return (try? GammaDistribution(shape: denominatorDF / 2, rate: denominatorDF / 2)).map { ($0, true) }
        }
        return nil
    }

    private var bothInfinite: Bool { numeratorDF == .infinity && denominatorDF == .infinity }

    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    /// n/(n − 2) for n > 2 (1 for n = ∞), +∞ otherwise.
    public var mean: Double {
        if denominatorDF == .infinity { return 1 }
        return denominatorDF > 2 ? denominatorDF / (denominatorDF - 2) : .infinity
    }
    /// 2n²(m + n − 2)/(m (n − 2)² (n − 4)) for n > 4 (its limits 2/m for n = ∞ and 2n²/((n−2)²(n−4)) for
    /// m = ∞), +∞ for 2 < n ≤ 4, NaN for n ≤ 2.
    public var variance: Double {
        let m = numeratorDF, n = denominatorDF
        if n == .infinity { return m == .infinity ? 0 : 2 / m }
        if m == .infinity && n > 4 { return 2 * n * n / ((n - 2) * (n - 2) * (n - 4)) }
        if n > 4 { return 2 * n * n * (m + n - 2) / (m * (n - 2) * (n - 2) * (n - 4)) }
        return n > 2 ? .infinity : .nan
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if bothInfinite { return x == 1 ? .infinity : -.infinity }
        if let (g, reciprocal) = limit {
            if !reciprocal { return g.logDensity(x) }
            if x <= 0 || x == .infinity { return -.infinity }
            return g.logDensity(1 / x) - 2 * log(x)
        }
        let m = numeratorDF, n = denominatorDF
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 { return m > 2 ? -.infinity : (m == 2 ? 0 : .infinity) }
        let f = 1 / (n + x * m)
        let q = n * f
        let p = x * m * f
        if m >= 2 {
            return log(m * q / 2) + SaddlePointBinomial.logDensity((m - 2) / 2, (m + n - 2) / 2, p, q)
        }
        return log(m * m * q / (2 * p * (m + n))) + SaddlePointBinomial.logDensity(m / 2, (m + n) / 2, p, q)
    }

    public func density(_ x: Double) -> Double { exp(logDensity(x)) }
    public func cdf(_ x: Double) -> Double { probability(x, lowerTail: true, log: false) }
    public func upperTail(_ x: Double) -> Double { probability(x, lowerTail: false, log: false) }
    public func logCDF(_ x: Double) -> Double { probability(x, lowerTail: true, log: true) }
    public func logUpperTail(_ x: Double) -> Double { probability(x, lowerTail: false, log: true) }

    private func probability(_ x: Double, lowerTail: Bool, log logScale: Bool) -> Double {
        if x.isNaN { return .nan }
        if bothInfinite {
            let v: Double = (x >= 1) == lowerTail ? 1 : 0
            return logScale ? Foundation.log(v) : v
        }
        if let (g, reciprocal) = limit {
            // m = ∞: P(X ≤ x) = P(G ≥ 1/x).
            let lower = reciprocal ? !lowerTail : lowerTail
            let at = reciprocal ? 1 / x : x
            if logScale { return lower ? g.logCDF(at) : g.logUpperTail(at) }
            return lower ? g.cdf(at) : g.upperTail(at)
        }
        let m = numeratorDF, n = denominatorDF
        if x <= 0 || x == .infinity {
            let lowerIsOne = x > 0
            let v: Double = lowerIsOne == lowerTail ? 1 : 0
            return logScale ? Foundation.log(v) : v
        }
        if m * x > n {
            // R's argument n/(n + m x), unless m x overflows: then the equal (n/m)/(n/m + x).
            let y = (m * x).isFinite ? n / (n + m * x) : (n / m) / (n / m + x)
            return IncompleteBeta.pbeta(y, n / 2, m / 2, lowerTail: !lowerTail, log: logScale)
        }
        return IncompleteBeta.pbeta(m * x / (n + m * x), m / 2, n / 2, lowerTail: lowerTail, log: logScale)
    }

    public func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        if bothInfinite { return 1 }
        if let (g, reciprocal) = limit { return reciprocal ? 1 / g.upperQuantile(p) : g.quantile(p) }
        return p <= 0.5 ? solve(target: p, lowerTail: true) : solve(target: 0.5 - p + 0.5, lowerTail: false)
    }

    public func upperQuantile(_ q: Double) -> Double {
        if q.isNaN || q < 0 || q > 1 { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        if bothInfinite { return 1 }
        if let (g, reciprocal) = limit { return reciprocal ? 1 / g.quantile(q) : g.upperQuantile(q) }
        return q <= 0.5 ? solve(target: q, lowerTail: false) : solve(target: 0.5 - q + 0.5, lowerTail: true)
    }

    private func solve(target: Double, lowerTail: Bool) -> Double {
        let m = numeratorDF, n = denominatorDF
        let logTarget = log(target)
        let lb = SpecialFunctions.logBeta(m / 2, n / 2)
        let logTail: (Double) -> Double = lowerTail ? { logCDF($0) } : { logUpperTail($0) }
        // Quantiles beyond the doubles: +∞ (upper tail) or 0 (lower tail), as R.
        if !lowerTail && logTail(.greatestFiniteMagnitude) > logTarget { return .infinity }
        if lowerTail && logTail(.leastNonzeroMagnitude) > logTarget { return 0 }
        var candidates = [1.0]
        let xLow = (n / m) * exp((logTarget + log(m / 2) + lb) / (m / 2))
        let xHigh = (n / m) * exp(-(logTarget + log(n / 2) + lb) / (n / 2))
        for c in [xLow, xHigh] where c > 0 && c.isFinite { candidates.append(c) }
        let start = candidates.min { abs(logTail($0) - logTarget) < abs(logTail($1) - logTarget) } ?? 1
        return QuantileSearch.solve(target: target, lowerTail: lowerTail, start: start,
                                    tail: lowerTail ? { cdf($0) } : { upperTail($0) }, logTail: logTail,
                                    logDensity: { logDensity($0) })
    }
}
