public import Formulas

/// Errors from fitting an ordered or multinomial logit model (``OrderedLogitSpec``, ``MultinomialLogitSpec``).
///
/// Named for the categorical-outcome models so as not to collide with the GLM errors of the same module.
public enum CategoricalOutcomeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula has no left-hand side, or one that is not a single column (`cbind`, `Surv`).
    case responseNotCategorical(String)
    /// The response column does not exist; `suggestion` is the nearest existing name.
    case unknownResponse(String, suggestion: String?)
    /// After dropping missing values and empty categories, fewer than two response categories remain.
    case tooFewResponseLevels(column: String, levels: [String])
    /// Matching the formula to the data failed.
    case formula(FormulaError)
    /// A covariate profile names a design column that the model does not have.
    case unknownProfileTerm(String, suggestion: String?)
    /// An option is out of range (`name`, value).
    case invalidOption(name: String, value: Double)
    /// The optimiser could not be run (e.g. a non-finite start); the message says why.
    case optimizationFailed(String)
    /// The requested coefficient covariance cannot be computed or conflicts with the formula's `cluster()`
    /// term (see ``CategoricalVariance``); the message says why.
    case invalidVariance(String)

    public var description: String {
        switch self {
        case .responseNotCategorical(let why): return "the response must be one categorical column: \(why)"
        case let .unknownResponse(c, s):
            return "unknown response column \(c)" + (s.map { " (did you mean \($0)?)" } ?? "")
        case let .tooFewResponseLevels(c, levels):
            return "response \(c) has \(levels.count) non-empty categor\(levels.count == 1 ? "y" : "ies")"
                + (levels.isEmpty ? "" : " (\(levels.joined(separator: ", ")))") + "; at least 2 are needed"
        case .formula(let e): return e.description
        case let .unknownProfileTerm(t, s):
            return "the model has no term \(t)" + (s.map { " (did you mean \($0)?)" } ?? "")
        case let .invalidOption(name, value): return "invalid option \(name) = \(value)"
        case .optimizationFailed(let why): return "the fit could not be run: \(why)"
        case .invalidVariance(let why): return "variance: \(why)"
        }
    }
}
