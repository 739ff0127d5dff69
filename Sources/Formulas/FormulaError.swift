/// Errors from matching a formula to data (building a ``ModelFrame``).
public enum FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula names a column the data does not have; `suggestion` is the nearest existing name, if any
    /// (Tabular's `nearestName`).
    case unknownColumn(String, suggestion: String?)
    /// A column used where numbers are needed (`usage` says where) is text or categorical.
    case notNumeric(column: String, usage: String)
    /// `log()` of a value ≤ 0 (`row` is the 1-based row of the data).
    case nonPositiveLogArgument(column: String, row: Int, value: Double)
    /// A reference level that the factor does not have (among the rows used).
    case unknownLevel(column: String, level: String, suggestion: String?)
    /// A factor with fewer than two levels among the rows used has no contrasts.
    case tooFewLevels(column: String, levels: [String])
    /// R's rule for `poly()`: the degree must be less than the number of distinct values.
    case polynomialDegreeTooHigh(column: String, degree: Int, distinctValues: Int)
    /// `ns()` cannot place its knots (too few distinct values).
    case splineDegenerate(column: String, reason: String)
    /// A survival event indicator other than 0/1 (or false/true); `row` is 1-based.
    case invalidEvent(column: String, row: Int, value: Double)
    /// A weight that is negative or not finite; `row` is 1-based.
    case invalidWeight(column: String, row: Int, value: Double)
    /// Every row has a missing value in some used column.
    case noCompleteRows(report: MissingRowReport)
    /// A formula item of a kind the model does not fit (``FormulaTermRule``): `term` as written, the model's
    /// name and what to use instead.
    case unsupportedTerm(term: String, kind: FormulaTermKind, model: String, advice: String)
    /// A grouping with fewer groups than its use needs among the rows used: a random effect's grouping factor
    /// needs 2 levels (lme4: "grouping factors must have > 1 sampled level"), a `cluster()` column 2 clusters
    /// (a sandwich over one cluster is degenerate). `term` is as written; `purpose` says what needs the groups
    /// and how many, as a clause ("cluster-robust standard errors need at least 2 clusters").
    case tooFewGroups(term: String, levels: [String], needed: Int, purpose: String)
    /// Any other impossible request, described.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .unknownColumn(c, s): return "no column named \(c)" + (s.map { "; did you mean \($0)?" } ?? "")
        case let .notNumeric(c, u): return "column \(c) is not numeric, but \(u) needs numbers"
        case let .nonPositiveLogArgument(c, r, v): return "log(\(c)) needs positive values, but row \(r) has \(v)"
        case let .unknownLevel(c, l, s):
            return "\(c) has no level \"\(l)\"" + (s.map { "; did you mean \"\($0)\"?" } ?? "")
        case let .tooFewLevels(c, l):
            return "factor \(c) has \(l.count) level\(l.count == 1 ? "" : "s") in the rows used (\(l.joined(separator: ", "))); contrasts need at least 2"
        case let .polynomialDegreeTooHigh(c, d, n):
            return "poly(\(c), \(d)): the degree must be less than the number of distinct values (\(n))"
        case let .splineDegenerate(c, r): return "ns(\(c)): \(r)"
        case let .invalidEvent(c, r, v): return "event indicator \(c) must be 0/1 (1 = event), 1/2 (2 = event, as R's Surv) or TRUE/FALSE, but row \(r) has \(v)"
        case let .invalidWeight(c, r, v): return "weights \(c) must be finite and non-negative, but row \(r) has \(v)"
        case let .noCompleteRows(rep): return "no rows left: \(rep)"
        case let .unsupportedTerm(t, _, m, a): return "\(m) does not fit \(t): \(a)"
        case let .tooFewGroups(t, l, _, p):
            return "\(t) has \(l.count) level\(l.count == 1 ? "" : "s") in the rows used"
                + (l.isEmpty ? "" : " (\(l.prefix(5).joined(separator: ", ")))") + "; " + p
        case let .invalidArgument(m): return m
        }
    }
}
