import Distributions
import Foundation
import Formulas
public import MixedModels
import Tabular

/// The multilevel view of units (issue 14 part 3): a random intercept per unit in a GLMM, and each unit's shrunken
/// estimate from its conditional mode (`lme4::glmer`, Laplace).
///
/// - Poisson (rates): `y ~ covariates + offset(log(denominator)) + (1 | unit)`; the unit's shrunken rate is
///   `exp(xⱼβ + bⱼ)·per`, its relative effect `exp(bⱼ)` (its rate over that of a unit like it on the covariates).
/// - Binomial (proportions): `cbind(y, n − y) ~ covariates + (1 | unit)`; shrunken proportion `logit⁻¹(xⱼβ + bⱼ)`,
///   relative effect the odds ratio `exp(bⱼ)`.
///
/// `bⱼ` is the conditional mode and `sⱼ` its conditional SD (`ranef(condVar = TRUE)`); the intervals are
/// `bⱼ ± z·sⱼ` mapped through the same functions — conditional on β and the variance, as lme4's, so they are a
/// little narrow. With one row per unit the random intercept is the unit's deviation beyond chance, and the modes
/// are pulled towards 0 the more the smaller the unit (shrinkage).
///
/// Covariates are numeric columns (a factor would need its contrasts for `xⱼβ`: refused by name).
public struct ShrunkenEstimates: Sendable {
    public enum Family: String, Sendable, CaseIterable { case poisson, binomial }

    public var family: Family
    /// Numeric covariate column names (may be empty: shrinkage towards the overall rate).
    public var covariates: [String]
    public var per: Double
    public var level: Double

    public init(family: Family = .poisson, covariates: [String] = [], per: Double = 10_000, level: Double = 95) {
        self.family = family
        self.covariates = covariates
        self.per = per
        self.level = level
    }

    /// One unit's input: its count, denominator and covariate values (in ``covariates`` order).
    public struct Unit: Sendable, Equatable {
        public var name: String
        public var observed: Int
        public var denominator: Double
        public var covariates: [Double]
        public init(name: String, observed: Int, denominator: Double, covariates: [Double] = []) {
            self.name = name
            self.observed = observed
            self.denominator = denominator
            self.covariates = covariates
        }
    }

    /// Fits the GLMM.
    /// - Throws: ``ShrinkageError`` for fewer than 3 units, duplicate names, a bad count or denominator, a
    ///   covariate count mismatch, or the mixed model's own errors; a fit that did not converge is an error.
    public func fit(_ units: [Unit]) throws(ShrinkageError) -> ShrinkageResult {
        guard units.count >= 3 else { throw .tooFewUnits(units.count) }
        var seen = Set<String>()
        for u in units {
            guard seen.insert(u.name).inserted else { throw .duplicateUnit(u.name) }
            guard u.observed >= 0 else { throw .badValue(unit: u.name, what: "observed", value: Double(u.observed)) }
            guard u.denominator.isFinite, u.denominator > 0 else { throw .badValue(unit: u.name, what: "denominator", value: u.denominator) }
            if family == .binomial, Double(u.observed) > u.denominator || u.denominator != u.denominator.rounded() {
                throw .badValue(unit: u.name, what: "denominator (whole, at least the observed count)", value: u.denominator)
            }
            guard u.covariates.count == covariates.count else { throw .badValue(unit: u.name, what: "covariate count", value: Double(u.covariates.count)) }
            for x in u.covariates where !x.isFinite { throw .badValue(unit: u.name, what: "covariate", value: x) }
        }
        let safe = covariates.enumerated().map { "x\($0.offset)" }
        var columns = [DataColumn(name: "unit", strings: units.map(\.name)),
                       DataColumn(name: "y", doubles: units.map { Double($0.observed) }),
                       DataColumn(name: "n", doubles: units.map(\.denominator)),
                       DataColumn(name: "fail", doubles: units.map { $0.denominator - Double($0.observed) })]
        for (k, name) in safe.enumerated() { columns.append(DataColumn(name: name, doubles: units.map { $0.covariates[k] })) }
        let rhs = (safe.isEmpty ? ["1"] : safe).joined(separator: " + ")
        let formulaText = family == .poisson ? "y ~ \(rhs) + offset(log(n)) + (1 | unit)" : "cbind(y, fail) ~ \(rhs) + (1 | unit)"
        let fit: MixedModelFit
        do {
            let frame = try DataFrame(columns: columns)
            fit = try MixedModelSpec(formula: try Formula(parsing: formulaText), family: family == .poisson ? .poisson : .binomial).fit(frame)
        } catch { throw .model("\(error)") }
        guard fit.converged else { throw .model("the mixed model did not converge (\(fit.warnings.joined(separator: "; ")))") }
        let beta = fit.coefficients.map(\.estimate)
        var modeOf: [String: ConditionalMode] = [:]
        for m in fit.conditionalModes { modeOf[m.level] = m }
        let z = Normal.standard.quantile(1 - (1 - level / 100) / 2)
        let inverse: (Double) -> Double = family == .poisson ? { exp($0) * self.per } : { 1 / (1 + exp(-$0)) }
        var results: [ShrunkenUnit] = []
        for u in units {
            guard let m = modeOf[u.name] else { throw .model("no conditional mode for unit \(u.name)") }
            var eta = beta[0]
            for k in covariates.indices { eta += beta[k + 1] * u.covariates[k] }
            let raw = family == .poisson ? Double(u.observed) / u.denominator * per : Double(u.observed) / u.denominator
            results.append(ShrunkenUnit(
                unit: u.name, observed: u.observed, denominator: u.denominator, raw: raw, mode: m.mode,
                conditionalSD: m.conditionalSD, shrunken: inverse(eta + m.mode),
                interval: (inverse(eta + m.mode - z * m.conditionalSD), inverse(eta + m.mode + z * m.conditionalSD)),
                relative: exp(m.mode), relativeInterval: (exp(m.mode - z * m.conditionalSD), exp(m.mode + z * m.conditionalSD))))
        }
        let sd = fit.varianceComponents.first.map { $0.standardDeviation } ?? .nan
        return ShrinkageResult(spec: self, units: results, fixedEffects: fit.coefficients, randomInterceptSD: sd,
                               isSingular: fit.isSingular, fit: fit)
    }
}

/// One unit's shrunken estimate.
public struct ShrunkenUnit: Sendable {
    public var unit: String
    public var observed: Int
    public var denominator: Double
    /// The unit's own (unshrunken) rate per `per`, or proportion.
    public var raw: Double
    /// Conditional mode of the random intercept and its conditional SD.
    public var mode: Double
    public var conditionalSD: Double
    /// The shrunken rate per `per` (Poisson) or proportion (binomial), with its interval.
    public var shrunken: Double
    public var interval: (low: Double, high: Double)
    /// exp(mode): rate ratio (Poisson) or odds ratio (binomial) against a unit like it on the covariates.
    public var relative: Double
    public var relativeInterval: (low: Double, high: Double)
}

public struct ShrinkageResult: Sendable {
    public var spec: ShrunkenEstimates
    public var units: [ShrunkenUnit]
    public var fixedEffects: [FixedEffect]
    public var randomInterceptSD: Double
    public var isSingular: Bool
    public var fit: MixedModelFit
}

public enum ShrinkageError: Error, Equatable, CustomStringConvertible {
    case tooFewUnits(Int)
    case duplicateUnit(String)
    case badValue(unit: String, what: String, value: Double)
    case model(String)

    public var description: String {
        switch self {
        case .tooFewUnits(let n): return "shrinkage needs at least 3 units, got \(n)"
        case .duplicateUnit(let u): return "unit \"\(u)\" appears more than once; the multilevel view needs one row per unit"
        case .badValue(let u, let w, let v): return "unit \"\(u)\": \(w) \(v) is not valid"
        case .model(let s): return "the mixed model failed: \(s)"
        }
    }
}
