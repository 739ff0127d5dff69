/// One item on the right-hand side of a ``Formula``.
///
/// The cases take typed values (``Variable``, ``OffsetExpression``, ``RandomEffect``, column names), so an
/// offset of a factor, a stratum of a spline or a random slope without a grouping column cannot be written.
/// The static functions give R-like spellings: `.term("age")`, `.factor("sex", reference: "M")`,
/// `.interaction("a", "b")`, `.crossed("a", "b")`, `.log("x")`, `.polynomial("x", degree: 2)`,
/// `.naturalSpline("x", df: 3)`, `.randomIntercept("la")`, `.randomSlope("x", by: "la")`.
public enum FormulaTerm: Sendable, Hashable, CustomStringConvertible {
    /// A main effect, R's `x`.
    case term(Variable)
    /// The interaction of two or more variables only, R's `a:b`.
    case interaction(of: [Variable])
    /// All main effects and interactions of the variables, R's `a*b` (= `a + b + a:b`).
    case crossed(of: [Variable])
    /// R's `.`: every column of the data that is not in the response (nor the weights column).
    case allOtherColumns
    /// Removes a term written earlier (or brought in by `.`), R's `- x` or `- a:b`.
    case removal(of: [Variable])
    /// A known term of the linear predictor with coefficient 1, R's `offset(log(t))`.
    case offset(OffsetExpression)
    /// Stratification column for a Cox model, `strata(s)`; several strata terms combine into one stratum id.
    case strata(String)
    /// Cluster column for robust (sandwich) standard errors, `cluster(id)`.
    case cluster(String)
    /// A random-effect term, `(1 | g)` or `(1 + x | g)`.
    case random(RandomEffect)

    public static func factor(_ column: String, reference: String? = nil) -> FormulaTerm {
        .term(.factor(column, reference: reference))
    }
    public static func log(_ column: String) -> FormulaTerm { .term(.log(column)) }
    public static func polynomial(_ column: String, degree: Int) -> FormulaTerm { .term(.polynomial(column, degree: degree)) }
    public static func naturalSpline(_ column: String, df: Int) -> FormulaTerm { .term(.naturalSpline(column, df: df)) }
    public static func interaction(_ first: Variable, _ second: Variable, _ more: Variable...) -> FormulaTerm {
        .interaction(of: [first, second] + more)
    }
    public static func crossed(_ first: Variable, _ second: Variable, _ more: Variable...) -> FormulaTerm {
        .crossed(of: [first, second] + more)
    }
    public static func remove(_ first: Variable, _ more: Variable...) -> FormulaTerm { .removal(of: [first] + more) }
    /// `(1 | group)`.
    public static func randomIntercept(_ group: String) -> FormulaTerm { .random(RandomEffect(group: group)) }
    /// `(1 + x | group)`, or `(0 + x | group)` when `intercept` is false.
    public static func randomSlope(_ variable: Variable, by group: String, intercept: Bool = true) -> FormulaTerm {
        .random(RandomEffect(intercept: intercept, slopes: [variable], group: group))
    }

    /// R syntax of the item (a removal is written without its minus sign; ``Formula`` adds it).
    public var description: String {
        switch self {
        case .term(let v): v.description
        case .interaction(let vs), .removal(let vs): vs.map(\.description).joined(separator: ":")
        case .crossed(let vs): vs.map(\.description).joined(separator: "*")
        case .allOtherColumns: "."
        case .offset(let o): "offset(\(o))"
        case .strata(let s): "strata(\(FormulaSyntax.name(s)))"
        case .cluster(let c): "cluster(\(FormulaSyntax.name(c)))"
        case .random(let r): r.description
        }
    }
}
