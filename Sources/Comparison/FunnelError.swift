/// Why a funnel plot cannot be computed. Each case names the offending unit and value.
public enum FunnelError: Error, Equatable, CustomStringConvertible {
    case noUnits
    case duplicateUnit(String)
    case notACount(unit: String, what: String, value: Double)
    case nonPositive(unit: String, what: String, value: Double)
    case observedExceedsDenominator(unit: String, observed: Int, denominator: Int)
    case invalidLevel(Double)
    case methodNotDefined(method: FunnelLimitMethod, measure: String)
    case overdispersionNeedsNormal(method: FunnelLimitMethod)
    case invalidTrim(Double)
    case tooFewUnitsForOverdispersion(Int)
    case zeroTarget
    case dispersionNotEstimable(String)
    case overdispersionNotDefined(method: OverdispersionMethod, measure: String)
    case predictiveNeedsExact(method: FunnelLimitMethod)

    public var description: String {
        switch self {
        case .noUnits: return "no units to compare"
        case .duplicateUnit(let u): return "unit \"\(u)\" appears more than once; a funnel plot needs one row per unit"
        case .notACount(let u, let w, let v): return "unit \"\(u)\": \(w) must be a whole non-negative number, got \(v)"
        case .nonPositive(let u, let w, let v): return "unit \"\(u)\": \(w) must be positive and finite, got \(v)"
        case .observedExceedsDenominator(let u, let o, let n):
            return "unit \"\(u)\": observed \(o) exceeds the denominator \(n) of a proportion"
        case .invalidLevel(let l): return "limit level \(l) must be a percentage strictly between 0 and 100"
        case .methodNotDefined(let m, let measure): return "the \(m.rawValue) method is not defined for a \(measure)"
        case .overdispersionNeedsNormal(let m):
            return "overdispersion-adjusted limits are computed on the normal (transformed) scale; --method \(m.rawValue) cannot be combined with them (use --method normal)"
        case .invalidTrim(let t): return "the Winsorisation fraction must be in [0, 0.5), got \(t)"
        case .tooFewUnitsForOverdispersion(let n): return "overdispersion needs at least 3 units, got \(n)"
        case .dispersionNotEstimable(let m):
            return "the \(m) dispersion has no maximum-likelihood estimate: the likelihood keeps increasing towards unbounded overdispersion (counts at 0 or at the denominator only?)"
        case .overdispersionNotDefined(let m, let measure):
            return "--overdispersion \(m.rawValue) is not defined for a \(measure) (betabinomial: proportions; negbin: rates and ratios)"
        case .predictiveNeedsExact(let m):
            return "beta-binomial and negative-binomial limits are quantiles of the predictive counts; --method \(m.rawValue) cannot be combined with them (use --method exact)"
        case .zeroTarget: return "the target (Σ observed / Σ denominator) is 0: every unit has a zero numerator, so there is nothing to compare"
        }
    }
}
