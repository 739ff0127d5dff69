public import Formulas
public import LinearAlgebra

/// Why a generalised linear model could not be fitted. Each case is one of R's `glm.fit` stops (same
/// wording where R has one), a data problem found before fitting, or a lower-level error passed on.
public enum GLMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula could not be matched to the data.
    case formula(FormulaError)
    /// The response does not suit the family (e.g. negative counts for Poisson, y outside [0, 1] for binomial).
    case invalidResponse(String)
    /// A request that cannot be met (e.g. a `Surv()` response, a cluster column missing, no observations).
    case invalidArgument(String)
    /// R: "cannot find valid starting values: please specify some".
    case noValidStartingValues
    /// R: "no valid set of coefficients has been found: please supply starting values".
    case noValidCoefficients
    /// R: "inner loop 1; cannot correct step size" (or loop 2, for out-of-bounds μ/η).
    case cannotCorrectStepSize
    /// R: "NAs in V(mu)", "0s in V(mu)", "NAs in d(mu)/d(eta)".
    case invalidVariance(String)
    /// More estimable coefficients than informative observations.
    case rankExceedsObservations(rank: Int, observations: Int)
    /// A linear-algebra failure (non-finite numbers reaching a factorisation, a singular matrix).
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case .formula(let e): return e.description
        case .invalidResponse(let m): return "invalid response: \(m)"
        case .invalidArgument(let m): return m
        case .noValidStartingValues: return "cannot find valid starting values"
        case .noValidCoefficients: return "no valid set of coefficients has been found (the deviance is not finite)"
        case .cannotCorrectStepSize: return "cannot correct step size (step halving did not reach a valid fit)"
        case .invalidVariance(let m): return m
        case let .rankExceedsObservations(r, n): return "X matrix has rank \(r), but only \(n) observations"
        case .linearAlgebra(let e): return e.description
        }
    }
}
