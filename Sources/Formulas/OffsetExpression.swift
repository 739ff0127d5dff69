/// What an `offset(...)` term adds to the linear predictor with a fixed coefficient of 1: a numeric column or its
/// logarithm (`offset(log(exposure))`, the usual Poisson-rate offset). Only these two forms exist, so an offset
/// of a factor or a spline does not compile.
public enum OffsetExpression: Sendable, Hashable, CustomStringConvertible {
    case column(String)
    case log(String)

    public var columnName: String {
        switch self { case .column(let c), .log(let c): c }
    }

    /// R syntax inside `offset(...)`.
    public var description: String {
        switch self {
        case .column(let c): FormulaSyntax.name(c)
        case .log(let c): "log(\(FormulaSyntax.name(c)))"
        }
    }
}
