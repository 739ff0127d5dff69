/// One variable of a model term: a data column, possibly transformed or forced to be a factor.
///
/// A string literal is a plain column (`"age"` is `.column("age")`), so terms read as in R. How a plain column
/// enters the design is decided by its type: numeric, integer, boolean (0/1) and date (days) columns are numbers;
/// string and categorical columns are factors with treatment contrasts whose reference is the first level
/// (declared order for a categorical column, else byte-wise sort order — DESIGN.md's contract).
public enum Variable: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The column as its type says (number or factor).
    case column(String)
    /// The column as a factor, optionally with another reference level (R: `C(f, base = "M")`, `relevel(f, ref = "M")`).
    case factor(String, reference: String? = nil)
    /// The natural logarithm of a numeric column; a non-positive value is an error, not `-inf`/NaN.
    case log(String)
    /// R's orthogonal polynomials `poly(x, degree)` (degree ≥ 1).
    case polynomial(String, degree: Int)
    /// R's natural cubic spline basis `splines::ns(x, df = df)` (df ≥ 1), interior knots at quantiles of x.
    case naturalSpline(String, df: Int)

    public init(stringLiteral value: String) { self = .column(value) }

    /// The data column the variable reads.
    public var columnName: String {
        switch self {
        case .column(let c), .factor(let c, _), .log(let c), .polynomial(let c, _), .naturalSpline(let c, _): c
        }
    }

    /// The variable in R's formula syntax (parsable by ``Formula/init(parsing:)``).
    public var description: String {
        let c = FormulaSyntax.name(columnName)
        switch self {
        case .column: return c
        case .factor(_, nil): return "factor(\(c))"
        case .factor(_, let r?): return "C(\(c), base = \(FormulaSyntax.quoted(r)))"
        case .log: return "log(\(c))"
        case .polynomial(_, let d): return "poly(\(c), \(d))"
        case .naturalSpline(_, let df): return "ns(\(c), df = \(df))"
        }
    }

    /// The name that design-matrix column names start with: the column name for a factor (then `=level` follows)
    /// and for a plain number, else the R call (`log(x)`, `poly(x, 2)` then the basis index, `ns(x, df = 3)` then
    /// the basis index), as R names them.
    public var label: String {
        switch self {
        case .column(let c), .factor(let c, _): c
        case .log(let c): "log(\(c))"
        case let .polynomial(c, d): "poly(\(c), \(d))"
        case let .naturalSpline(c, df): "ns(\(c), df = \(df))"
        }
    }
}

/// Helpers for writing names and strings in R's formula syntax.
enum FormulaSyntax {
    /// A syntactic R name as is, anything else in backticks.
    static func name(_ s: String) -> String {
        isSyntactic(s) ? s : "`" + s.replacingBackticks() + "`"
    }

    static func isSyntactic(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s != "." else { return false }
        guard first.properties.isAlphabetic || first == "." else { return false }
        if first == ".", let second = s.unicodeScalars.dropFirst().first, ("0"..."9").contains(second) { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}

extension String {
    fileprivate func replacingBackticks() -> String {
        var out = ""
        for ch in self { if ch == "`" { out.append("\\") }; out.append(ch) }
        return out
    }
}
