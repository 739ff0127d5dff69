/// Errors of the survival estimators (beyond ``SurvivalDataError`` for the data themselves).
public enum SurvivalCurveError: Error, Sendable, Equatable {
    /// An argument outside its domain (message says which).
    case invalidArgument(String)
    /// The data cannot support the requested analysis (message says why).
    case insufficientData(String)
}
