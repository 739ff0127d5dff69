import Foundation

/// Student's t distribution with ν degrees of freedom (ν > 0 real, e.g. 0.1 or 1e10).
///
/// - density: R's `dt` saddle-point form (Loader 2000): with t = −D(ν/2, (ν+1)/2) + δ((ν+1)/2) − δ(ν/2) and
///   u = ν ln(1 + x²/ν)/2 (or −D(ν/2, (ν+x²)/2) + x²/2 for small x²/ν), f(x) = e^(t−u) / √(2π (1 + x²/ν)),
///   so it stays accurate as ν → ∞ and for |x| up to 1e300.
/// - cdf: R's `pt`: P(T > |x|) = I_{ν/(ν+x²)}(ν/2, ½)/2 (or via the complementary beta when ν < x²), and for
///   1 + x²/ν > 1e100 the tail asymptote exp(−(ν/2) ln(x²/ν) − ln B(ν/2, ½) − ln(ν/2))/2.
/// - quantiles: by symmetry from the upper tail q ≤ ½, solved by `QuantileSearch` from the better of the
///   power-law tail start x ≈ (ν^(ν/2−1)/(q B(ν/2,½)))^(1/ν) and the Cornish–Fisher start z + (z³ + z)/(4ν);
///   ν = 1 (Cauchy) starts from the exact 1/tan(πq).
///
/// ν = +∞ is the standard normal (as R's `pt`/`dt`/`qt` with `df = Inf`), delegated to `Normal.standard`.
public struct StudentT: ContinuousDistribution {
    public let degreesOfFreedom: Double

    /// Throws unless ν > 0 (ν = +∞ allowed; NaN is not).
    public init(degreesOfFreedom: Double) throws {
        guard degreesOfFreedom > 0 else {
            throw DistributionError.invalidParameter(name: "degreesOfFreedom", value: degreesOfFreedom,
                                                     requirement: "> 0")
        }
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var isNormal: Bool { degreesOfFreedom == .infinity }

    public var support: (lower: Double, upper: Double) { (-.infinity, .infinity) }
    /// 0 for ν > 1, NaN (undefined) otherwise.
    public var mean: Double { degreesOfFreedom > 1 ? 0 : .nan }
    /// ν/(ν − 2) for ν > 2 (1 for ν = ∞), +∞ for 1 < ν ≤ 2, NaN for ν ≤ 1.
    public var variance: Double {
        let n = degreesOfFreedom
        if isNormal { return 1 }
        if n > 2 { return n / (n - 2) }
        return n > 1 ? .infinity : .nan
    }

    public func logDensity(_ x: Double) -> Double {
        if isNormal { return Normal.standard.logDensity(x) }
        if x.isNaN { return .nan }
        if !x.isFinite { return -.infinity }
        let n = degreesOfFreedom
        let t = -SpecialFunctions.bd0(n / 2, (n + 1) / 2) + SpecialFunctions.stirlingError((n + 1) / 2)
            - SpecialFunctions.stirlingError(n / 2)
        let x2n = x * x / n
        let lx2n: Double, u: Double
        if x2n > 1 / 2.220446049250313e-16 {
            lx2n = log(abs(x)) - log(n) / 2
            u = n * lx2n
        } else if x2n > 0.2 {
            lx2n = log(1 + x2n) / 2
            u = n * lx2n
        } else {
            lx2n = log1p(x2n) / 2
            u = -SpecialFunctions.bd0(n / 2, (n + x * x) / 2) + x * x / 2
        }
        return t - u - (SpecialFunctions.logSqrt2Pi + lx2n)
    }

    public func density(_ x: Double) -> Double { exp(logDensity(x)) }
    public func cdf(_ x: Double) -> Double { probability(x, lowerTail: true, log: false) }
    public func upperTail(_ x: Double) -> Double { probability(x, lowerTail: false, log: false) }
    public func logCDF(_ x: Double) -> Double { probability(x, lowerTail: true, log: true) }
    public func logUpperTail(_ x: Double) -> Double { probability(x, lowerTail: false, log: true) }

    /// R's `pt`.
    private func probability(_ x: Double, lowerTail: Bool, log logScale: Bool) -> Double {
        if x.isNaN { return .nan }
        if isNormal { return StandardNormal.cdf(x, upper: !lowerTail, log: logScale) }
        let n = degreesOfFreedom
        if !x.isFinite {
            let lowerIsZero = x < 0
            let v: Double = lowerIsZero == lowerTail ? 0 : 1
            return logScale ? Foundation.log(v) : v
        }
        let nx = 1 + (x / n) * x
        // val = 2 P(T > |x|) (log scale if asked)
        var val: Double
        if nx > 1e100 {
            let lval = -0.5 * n * (2 * Foundation.log(abs(x)) - Foundation.log(n))
                - SpecialFunctions.logBeta(0.5 * n, 0.5) - Foundation.log(0.5 * n)
            val = logScale ? lval : exp(lval)
        } else {
            val = n > x * x
                ? IncompleteBeta.pbeta(x * x / (n + x * x), 0.5, n / 2, lowerTail: false, log: logScale)
                : IncompleteBeta.pbeta(1 / nx, n / 2, 0.5, lowerTail: true, log: logScale)
        }
        var lower = lowerTail
        if x <= 0 { lower.toggle() }
        if logScale {
            return lower ? log1p(-0.5 * exp(val)) : val - 0.6931471805599453
        }
        val /= 2
        return lower ? 0.5 - val + 0.5 : val
    }

    public func quantile(_ p: Double) -> Double {
        if isNormal { return Normal.standard.quantile(p) }
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        return p < 0.5 ? -positiveQuantile(upperTail: p) : positiveQuantile(upperTail: 0.5 - p + 0.5)
    }

    public func upperQuantile(_ q: Double) -> Double {
        if isNormal { return Normal.standard.upperQuantile(q) }
        if q.isNaN || q < 0 || q > 1 { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        if q == 0.5 { return 0 }
        return q < 0.5 ? positiveQuantile(upperTail: q) : -positiveQuantile(upperTail: 0.5 - q + 0.5)
    }

    /// x > 0 with P(T > x) = q, 0 < q < ½.
    private func positiveQuantile(upperTail q: Double) -> Double {
        let n = degreesOfFreedom
        let logTarget = log(q)
        let tail: (Double) -> Double = { logUpperTail($0) }
        // Beyond the doubles (ν = 0.01, q = 1e-20: x ~ 1e2000): +∞, as R.
        if tail(.greatestFiniteMagnitude) > logTarget { return .infinity }
        var candidates: [Double] = []
        if n == 1 { candidates.append(1 / tan(Double.pi * q)) }
        let powerLaw = exp(((n / 2 - 1) * log(n) - SpecialFunctions.logBeta(n / 2, 0.5) - logTarget) / n)
        if powerLaw.isFinite && powerLaw > 0 { candidates.append(powerLaw) }
        let z = StandardNormal.quantile(q, upper: true, log: false)
        let cf = z + (z * z * z + z) / (4 * n)
        if cf > 0 && cf.isFinite { candidates.append(cf) }
        if candidates.isEmpty { candidates.append(1) }
        let start = candidates.min { abs(tail($0) - logTarget) < abs(tail($1) - logTarget) } ?? 1
        return QuantileSearch.solve(target: q, lowerTail: false, start: start,
                                    tail: { upperTail($0) }, logTail: tail, logDensity: { logDensity($0) })
    }
}
