import Foundation

/// A funnel plot (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med 24:1185):
/// each unit's indicator against control limits around a common target that narrow as the unit's size grows.
///
/// Spec → fit → result: ``FunnelPlot`` holds the choices, ``fit(_:)`` computes the target, the overdispersion
/// estimates, each unit's z-score, limits at every requested level and verdict, and returns a ``FunnelResult``.
public struct FunnelPlot: Sendable {
    public var measure: FunnelMeasure
    /// Default: exact without an overdispersion adjustment, normal with one (the only scale the adjustments are
    /// defined on).
    public var method: FunnelLimitMethod
    public var overdispersion: OverdispersionMethod
    /// Levels in percent. Default 95 and 99.8 (Spiegelhalter's "2 and 3 standard deviations").
    public var levels: [Double]
    /// Fraction Winsorised in each tail before estimating φ and τ². Default 0.1.
    public var trim: Double

    public init(measure: FunnelMeasure, method: FunnelLimitMethod? = nil, overdispersion: OverdispersionMethod = .none,
                levels: [Double] = [95, 99.8], trim: Double = 0.1) {
        self.measure = measure
        self.method = method ?? (overdispersion == .phi || overdispersion == .tau2 ? .normal : .exact)
        self.overdispersion = overdispersion
        self.levels = levels
        self.trim = trim
    }

    /// Checks the choices and the units, then computes the funnel.
    /// - Throws: ``FunnelError`` for an empty or duplicated unit list, counts that are not whole non-negative
    ///   numbers, non-positive denominators or expected counts, an observed count above a proportion's denominator,
    ///   levels outside (0, 100), a method not defined for the measure, or an adjustment with a non-normal method.
    public func fit(_ units: [FunnelUnit]) throws(FunnelError) -> FunnelResult {
        guard !units.isEmpty else { throw .noUnits }
        for l in levels where !(l > 0 && l < 100) { throw .invalidLevel(l) }
        guard !levels.isEmpty else { throw .invalidLevel(.nan) }
        if method == .wilson, measure != .proportion { throw .methodNotDefined(method: .wilson, measure: measure.name) }
        if method == .gamma, measure == .proportion { throw .methodNotDefined(method: .gamma, measure: measure.name) }
        if overdispersion == .phi || overdispersion == .tau2, method != .normal { throw .overdispersionNeedsNormal(method: method) }
        if overdispersion.isPredictive, method != .exact { throw .predictiveNeedsExact(method: method) }
        if overdispersion == .betabinomial, measure != .proportion { throw .overdispersionNotDefined(method: overdispersion, measure: measure.name) }
        if overdispersion == .negbin, measure == .proportion { throw .overdispersionNotDefined(method: overdispersion, measure: measure.name) }
        var seen = Set<String>()
        for u in units {
            guard seen.insert(u.name).inserted else { throw .duplicateUnit(u.name) }
            guard u.observed >= 0 else { throw .notACount(unit: u.name, what: "observed", value: Double(u.observed)) }
            switch measure {
            case .proportion:
                guard let n = u.denominator, n.isFinite, n > 0 else {
                    throw .nonPositive(unit: u.name, what: "denominator", value: u.denominator ?? .nan)
                }
                guard n == n.rounded() else { throw .notACount(unit: u.name, what: "denominator", value: n) }
                guard Double(u.observed) <= n else {
                    throw .observedExceedsDenominator(unit: u.name, observed: u.observed, denominator: Int(n))
                }
            case .rate:
                guard let n = u.denominator, n.isFinite, n > 0 else {
                    throw .nonPositive(unit: u.name, what: "denominator", value: u.denominator ?? .nan)
                }
            case .ratio:
                guard let e = u.expected, e.isFinite, e > 0 else {
                    throw .nonPositive(unit: u.name, what: "expected", value: u.expected ?? .nan)
                }
            }
        }

        // Target θ0 on the natural scale, and each unit's size (n, or E) and natural-scale estimate.
        let totalObserved = Double(units.reduce(0) { $0 + $1.observed })
        let theta0: Double
        let scale: FunnelScale
        var sizes: [Double], natural: [Double]
        switch measure {
        case .proportion, .rate:
            let totalDen = units.reduce(0) { $0 + $1.denominator! }
            theta0 = totalObserved / totalDen
            guard theta0 > 0 else { throw .zeroTarget }
            if measure == .proportion {
                scale = .arcsine(target: theta0)
                sizes = units.map { $0.denominator! }
                natural = units.map { Double($0.observed) / $0.denominator! }
            } else {
                scale = .squareRoot
                sizes = units.map { theta0 * $0.denominator! }
                natural = units.map { Double($0.observed) / (theta0 * $0.denominator!) }
            }
        case .ratio:
            theta0 = 1
            scale = .squareRoot
            sizes = units.map { $0.expected! }
            natural = units.map { Double($0.observed) / $0.expected! }
        }
        // Ratio-scale values convert to the reported scale: a rate per `per` is θ0·per times the ratio.
        let toReported: Double
        if case .rate(let per) = measure { toReported = theta0 * per } else { toReported = 1 }

        let s = sizes.map(scale.standardError)
        let zRaw = zip(natural, s).map { (scale.transform($0) - scale.target) / $1 }
        let od: OverdispersionEstimate? = try (units.count >= 3
            ? OverdispersionEstimate.estimate(z: zRaw, standardErrors: s, trim: trim) : nil)
        if overdispersion != .none, od == nil { throw .tooFewUnitsForOverdispersion(units.count) }
        let predictive: PredictiveDispersion?
        switch overdispersion {
        case .betabinomial:
            predictive = try PredictiveDispersion.betaBinomial(y: units.map(\.observed), n: sizes.map { Int($0) }, target: theta0)
        case .negbin:
            predictive = try PredictiveDispersion.negativeBinomial(y: units.map(\.observed), mu: sizes)
        default: predictive = nil
        }

        // On the reported scale: θ0 (proportions), θ0·per (rates), 1 (ratios).
        let reportedTarget: Double
        if case .rate(let per) = measure { reportedTarget = theta0 * per } else { reportedTarget = theta0 }
        let widest = levels.max()!
        var results: [FunnelUnitResult] = []
        for (k, u) in units.enumerated() {
            let sdk = adjustedSD(s[k], od, size: sizes[k], predictive: predictive)
            let z = (scale.transform(natural[k]) - scale.target) / sdk
            var limits: [FunnelLimits] = []
            for level in levels {
                let (lo, hi) = limitPair(level: level, size: sizes[k], sd: sdk, scale: scale, theta0: theta0, predictive: predictive)
                limits.append(FunnelLimits(level: level, low: lo * toReported, high: hi * toReported))
            }
            let estimate = natural[k] * toReported
            let w = limits.first(where: { $0.level == widest })!
            let verdict: FunnelVerdict = estimate < w.low ? .low : (estimate > w.high ? .high : .within)
            let expected: Double? = measure == .ratio ? u.expected : theta0 * u.denominator!
            results.append(FunnelUnitResult(unit: u.name, observed: u.observed, denominator: u.denominator,
                                            expected: expected, estimate: estimate, z: z, limits: limits,
                                            verdict: verdict))
        }
        return FunnelResult(spec: self, measure: measure, method: method, overdispersionMethod: overdispersion,
                            overdispersion: od, predictive: predictive, target: reportedTarget, theta0: theta0, levels: levels,
                            verdictLevel: widest, units: results)
    }

    /// The standard deviation on the transformed scale that the limits and z-scores use: `s`, `√φ·s` (φ > 1),
    /// or `√(s² + τ²)`; for the predictive models `s·√(variance inflation)` (beta-binomial `1 + (n − 1)ρ`, negative
    /// binomial `1 + E/k`, the delta method on the transformed scale), which gives the reported z-scores.
    func adjustedSD(_ si: Double, _ od: OverdispersionEstimate?, size: Double = 0,
                    predictive: PredictiveDispersion? = nil) -> Double {
        switch overdispersion {
        case .none: return si
        case .betabinomial, .negbin: return si * (predictive?.inflation(size: size) ?? 1).squareRoot()
        case .phi: return od!.phi > 1 ? od!.phi.squareRoot() * si : si
        case .tau2: return (si * si + od!.tau2).squareRoot()
        }
    }

    /// The limits at one level for a unit of size `size` (n, or E) on the natural scale (proportion or ratio).
    func limitPair(level: Double, size: Double, sd: Double, scale: FunnelScale,
                   theta0: Double, predictive: PredictiveDispersion? = nil) -> (Double, Double) {
        let alpha = 1 - level / 100
        let zp = FunnelLimitFormulas.zMultiplier(levelPercent: level)
        if let d = predictive, !d.isBoundary, method == .exact {
            let q: [Double] = measure == .proportion
                ? FunnelLimitFormulas.betaBinomial(n: Int(size), target: theta0, precision: d.parameter, ps: [alpha / 2, 1 - alpha / 2])
                : FunnelLimitFormulas.negativeBinomial(expected: size, size: d.parameter, ps: [alpha / 2, 1 - alpha / 2])
            return (q[0], q[1])
        }
        switch (method, measure) {
        case (.exact, .proportion):
            let n = Int(size)
            return (FunnelLimitFormulas.exactBinomial(n: n, target: theta0, p: alpha / 2),
                    FunnelLimitFormulas.exactBinomial(n: n, target: theta0, p: 1 - alpha / 2))
        case (.exact, _):
            return (FunnelLimitFormulas.exactPoisson(expected: size, p: alpha / 2),
                    FunnelLimitFormulas.exactPoisson(expected: size, p: 1 - alpha / 2))
        case (.gamma, _):
            return (FunnelLimitFormulas.exactPoissonRatio(expected: size, p: alpha / 2, upper: false),
                    FunnelLimitFormulas.exactPoissonRatio(expected: size, p: 1 - alpha / 2, upper: true))
        case (.wilson, _):
            let w = FunnelLimitFormulas.wilson(n: size, target: theta0, z: zp)
            return (w.low, w.high)
        case (.normal, _):
            return (scale.inverse(scale.target - zp * sd), scale.inverse(scale.target + zp * sd))
        }
    }
}
