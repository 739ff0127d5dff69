import Distributions
import Foundation
import Regression
import Tabular

/// Inequality of unit rates by deprivation (issue 14 part 5): the rate ratio between the most and the least deprived
/// unit, rates by decile of deprivation and their top/bottom ratio, and the slope and relative indices of inequality.
///
/// - Units are ordered by deprivation ascending (least deprived first; ties keep input order for the deciles and
///   share their group's mid-point for the ridit).
/// - **Ridit** (population-weighted cumulative rank): `(P_before + P_group/2)/P_total`, the mid-point of the unit's
///   (or tie group's) share of the population along the deprivation order.
/// - **RII and SII** from the log-linear model `count ~ ridit + offset(log(population))`, Poisson (`glm`) or negative
///   binomial (`MASS::glm.nb`, the default: LA counts vary far beyond Poisson chance, so Poisson intervals are too
///   narrow): `RII = exp(β)`, the ratio of the fitted rate at the most deprived extreme (ridit 1) to the least (0),
///   Wald interval `exp(β ± z·se)`; `SII = per·(exp(α + β) − exp(α))`, the fitted absolute gap per `per`, with a
///   delta-method Wald interval from the coefficients' covariance (θ held at its estimate for the negative binomial,
///   as `vcov(glm.nb)`).
/// - **Deciles**: equal-count deciles of units (decile `⌊10(r − 1)/n⌋ + 1` for the unit at position r), each decile's
///   rate `Σcount/Σpopulation·per`.
public struct InequalitySummary: Sendable {
    public enum Family: String, Sendable, CaseIterable { case poisson, negbin }

    public var family: Family
    /// Rates are reported per this many (default 10,000 children).
    public var per: Double
    /// Interval level in percent (default 95).
    public var level: Double

    public init(family: Family = .negbin, per: Double = 10_000, level: Double = 95) {
        self.family = family
        self.per = per
        self.level = level
    }

    public struct Unit: Sendable, Equatable {
        public var name: String
        public var count: Int
        public var population: Double
        public var deprivation: Double
        public init(name: String, count: Int, population: Double, deprivation: Double) {
            self.name = name
            self.count = count
            self.population = population
            self.deprivation = deprivation
        }
    }

    /// - Throws: ``InequalityError`` for fewer than 10 units, a negative or fractional count, a non-positive
    ///   population, a non-finite deprivation score, or a model that does not fit (non-convergence is an error).
    public func fit(_ input: [Unit]) throws(InequalityError) -> InequalityResult {
        guard input.count >= 10 else { throw .tooFewUnits(input.count) }
        for u in input {
            guard u.count >= 0 else { throw .badValue(unit: u.name, what: "count", value: Double(u.count)) }
            guard u.population.isFinite, u.population > 0 else { throw .badValue(unit: u.name, what: "population", value: u.population) }
            guard u.deprivation.isFinite else { throw .badValue(unit: u.name, what: "deprivation", value: u.deprivation) }
        }
        let units = input.enumerated().sorted { ($0.element.deprivation, $0.offset) < ($1.element.deprivation, $1.offset) }.map(\.element)
        let n = units.count
        let total = units.reduce(0) { $0 + $1.population }
        var ridit = [Double](repeating: 0, count: n)
        var before = 0.0, i = 0
        while i < n {
            var j = i
            var groupPop = units[i].population
            while j + 1 < n, units[j + 1].deprivation == units[i].deprivation { j += 1; groupPop += units[j].population }
            for k in i...j { ridit[k] = (before + groupPop / 2) / total }
            before += groupPop
            i = j + 1
        }
        var decileCount = [Int](repeating: 0, count: 10), decilePop = [Double](repeating: 0, count: 10)
        var decileUnits = [Int](repeating: 0, count: 10)
        for (r, u) in units.enumerated() {
            let d = (10 * r) / n
            decileCount[d] += u.count
            decilePop[d] += u.population
            decileUnits[d] += 1
        }
        let decileRates = (0..<10).map { Double(decileCount[$0]) / decilePop[$0] * per }
        let rate = { (u: Unit) in Double(u.count) / u.population * self.per }
        let positive = units.filter { $0.count > 0 }.map(rate)

        let frame: DataFrame
        do {
            frame = try DataFrame(columns: [
                DataColumn(name: "y", doubles: units.map { Double($0.count) }),
                DataColumn(name: "ridit", doubles: ridit),
                DataColumn(name: "pop", doubles: units.map(\.population)),
            ])
        } catch { throw .model("\(error)") }
        let glmFamily: GLMFamily = family == .poisson ? .poisson(link: .log) : .negativeBinomial(link: .log, theta: nil)
        let fit: GLMFit
        do {
            fit = try GLMSpec("y ~ ridit + offset(log(pop))", family: glmFamily, control: GLMControl(epsilon: 1e-12, maxIterations: 100)).fit(frame)
        } catch { throw .model("\(error)") }
        guard fit.converged else { throw .model("the \(family.rawValue) model of the counts on the ridit did not converge") }
        let cov: (Double, Double, Double)
        do {
            let v = try fit.covariance()
            cov = (v[0, 0], v[0, 1], v[1, 1])
        } catch { throw .model("\(error)") }
        let a = fit.coefficients[0].estimate, b = fit.coefficients[1].estimate
        let se = cov.2.squareRoot()
        let z = Normal.standard.quantile(1 - (1 - level / 100) / 2)
        let sii = per * (exp(a + b) - exp(a))
        let g = (per * (exp(a + b) - exp(a)), per * exp(a + b))
        let siiSE = (g.0 * g.0 * cov.0 + 2 * g.0 * g.1 * cov.1 + g.1 * g.1 * cov.2).squareRoot()
        return InequalityResult(
            family: family, per: per, level: level, units: units, ridit: ridit,
            mostDeprived: units[n - 1].name, leastDeprived: units[0].name,
            extremeRatio: rate(units[n - 1]) / rate(units[0]),
            decileRates: decileRates, decileUnits: decileUnits, decileRatio: decileRates[9] / decileRates[0],
            slope: b, slopeSE: se, rii: exp(b), riiInterval: (exp(b - z * se), exp(b + z * se)),
            sii: sii, siiInterval: (sii - z * siiSE, sii + z * siiSE), theta: fit.theta,
            highestToLowest: positive.max().map { $0 / positive.min()! } ?? .nan)
    }
}

/// The computed summaries.
public struct InequalityResult: Sendable {
    public var family: InequalitySummary.Family
    public var per: Double
    public var level: Double
    /// Units in deprivation order (least deprived first) and their ridits.
    public var units: [InequalitySummary.Unit]
    public var ridit: [Double]
    public var mostDeprived: String
    public var leastDeprived: String
    /// Rate of the most deprived unit over that of the least deprived (∞ when the least deprived has no events).
    public var extremeRatio: Double
    public var decileRates: [Double]
    public var decileUnits: [Int]
    public var decileRatio: Double
    public var slope: Double
    public var slopeSE: Double
    public var rii: Double
    public var riiInterval: (low: Double, high: Double)
    public var sii: Double
    public var siiInterval: (low: Double, high: Double)
    /// The negative binomial's θ (nil for Poisson).
    public var theta: Double?
    /// The highest unit rate over the lowest among units with at least one event, whatever their deprivation (a
    /// unit with none has no finite ratio; NaN if no unit has an event). Seed 001's "8:1 looked after, 13:1
    /// protection plans" (Bywaters 2015) is this ratio at 31 March 2012: 8.3 (Blackpool/Richmond upon Thames) and
    /// 13.3 (Torbay/Milton Keynes) in the LA panel.
    public var highestToLowest: Double
}

public enum InequalityError: Error, Equatable, CustomStringConvertible {
    case tooFewUnits(Int)
    case badValue(unit: String, what: String, value: Double)
    case model(String)

    public var description: String {
        switch self {
        case .tooFewUnits(let n): return "inequality summaries need at least 10 units (deciles), got \(n)"
        case .badValue(let u, let w, let v): return "unit \"\(u)\": \(w) \(v) is not valid (counts ≥ 0, populations > 0, finite deprivation)"
        case .model(let s): return "the inequality model failed: \(s)"
        }
    }
}
