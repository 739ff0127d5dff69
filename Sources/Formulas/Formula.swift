/// A statistical model formula: a response, right-hand-side items and whether the model has an intercept.
///
/// Build one in Swift with typed items,
/// `Formula(response: .survival(time: "days", event: "returned"), terms: [.term("age"), .factor("sex", reference: "M"), .strata("la")])`,
/// or parse R's syntax with ``init(parsing:)``: `try Formula(parsing: "Surv(days, returned) ~ age + strata(la)")`.
/// ``description`` writes R syntax back, and parsing it gives an equal value.
public struct Formula: Sendable, Hashable, CustomStringConvertible {
    /// The left-hand side; nil for a one-sided formula (`~ x`).
    public var response: Response?
    /// Right-hand-side items in the order written.
    public var terms: [FormulaTerm]
    /// Whether the design has an intercept column (R's default; `- 1` or `+ 0` removes it).
    public var intercept: Bool

    public init(response: Response? = nil, terms: [FormulaTerm], intercept: Bool = true) {
        self.response = response
        self.terms = terms
        self.intercept = intercept
    }

    /// Parses R's formula syntax; see ``FormulaParser`` for the grammar and the supported calls.
    public init(parsing text: String) throws(FormulaParseError) {
        var parser = FormulaParser(text)
        self = try parser.parse()
    }

    /// R syntax, e.g. `y ~ age + C(sex, base = "M") + a:b - 1`.
    public var description: String {
        var rhs = ""
        for item in terms {
            if case .removal = item {
                rhs += rhs.isEmpty ? "-" + item.description : " - " + item.description
            } else {
                rhs += rhs.isEmpty ? item.description : " + " + item.description
            }
        }
        if !intercept {
            rhs += rhs.isEmpty ? "0" : " - 1"
        } else if rhs.isEmpty || rhs.hasPrefix("-") {
            rhs = rhs.isEmpty ? "1" : "1 " + rhs.replacingFirstMinus()
        }
        return (response.map { $0.description + " " } ?? "") + "~ " + rhs
    }
}

extension String {
    /// "-x + y" → "- x + y" (used after a leading "1 ").
    fileprivate func replacingFirstMinus() -> String { "- " + dropFirst() }
}
