/// A problem with a Cox fit that does not stop it; stored in ``CoxFit/warnings`` (the library never prints).
public enum CoxModelWarning: Sendable, Equatable, CustomStringConvertible {
    /// Newton–Raphson used all its iterations without meeting the convergence test.
    case notConverged(iterations: Int)
    /// Monotone likelihood: the log-likelihood converged while these coefficients kept growing, so their
    /// estimates (and standard errors) are meaningless; the true maximum is at ±∞. Detected as R does:
    /// |(I⁻¹U)ⱼ| > eps and > √eps·|βⱼ| at the end (`coxph.fit`'s "Loglik converged before variable …").
    case infiniteCoefficients(terms: [String])
    /// Collinear design columns: not estimable, reported as NA (missing) like R.
    case aliased(terms: [String])
    /// Strata with no events contribute nothing to the partial likelihood.
    case strataWithoutEvents(strata: [String])
    /// No events at all: every coefficient is unidentified.
    case noEvents
    /// Rows dropped for missing values in the model's columns.
    case rowsDropped(count: Int)

    public var description: String {
        switch self {
        case .notConverged(let k): return "ran out of iterations (\(k)) and did not converge"
        case .infiniteCoefficients(let t):
            return "log-likelihood converged before \(t.joined(separator: ", ")); coefficient may be infinite (monotone likelihood)"
        case .aliased(let t): return "collinear terms not estimable (NA): \(t.joined(separator: ", "))"
        case .strataWithoutEvents(let s): return "strata with no events: \(s.joined(separator: ", "))"
        case .noEvents: return "no events: the coefficients are not identified"
        case .rowsDropped(let k): return k == 1 ? "1 row dropped for missing values" : "\(k) rows dropped for missing values"
        }
    }
}
