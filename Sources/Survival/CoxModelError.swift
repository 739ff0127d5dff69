public import LinearAlgebra

/// Why a Cox model could not be fitted.
public enum CoxModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The formula could not be parsed or matched to the data (the Formulas module's message).
    case formula(String)
    /// The left-hand side is not `Surv(time, event)` or `Surv(start, stop, event)`.
    case notSurvivalResponse
    /// A time is not finite, or a (start, stop] row has stop ≤ start (1-based data row).
    case invalidTime(row: Int, reason: String)
    /// An option is out of range.
    case invalidOption(name: String, value: Double)
    /// A covariate profile or new-data request does not match the model.
    case invalidPrediction(String)
    /// A competing-risks status column or requested cause cannot be used (``CauseSpecificCox``).
    case invalidStatus(String)
    /// A linear-algebra routine failed inside the fit (a BLAS/LAPACK error: a bug or a problem too large for the
    /// library), passed on rather than leaving the fit's information incomplete.
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case .formula(let m): return m
        case .notSurvivalResponse:
            return "a Cox model needs a survival response: Surv(time, event) or Surv(start, stop, event)"
        case let .invalidTime(r, why): return "row \(r): \(why)"
        case let .invalidOption(n, v): return "option \(n) = \(v) is out of range"
        case .invalidPrediction(let m): return m
        case .invalidStatus(let m): return m
        case .linearAlgebra(let e): return "linear algebra failed while fitting the Cox model: \(e)"
        }
    }
}
