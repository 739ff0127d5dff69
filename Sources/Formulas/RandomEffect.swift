/// A random-effect term `(1 | g)`, `(1 + x | g)` or `(0 + x | g)` in lme4's syntax: the grouping column and the
/// variables whose coefficients vary by group (with correlated effects, lme4's default for one bar term).
public struct RandomEffect: Sendable, Hashable, CustomStringConvertible {
    /// Whether the intercept varies by group.
    public var intercept: Bool
    /// Variables whose slopes vary by group.
    public var slopes: [Variable]
    /// The grouping column.
    public var group: String

    public init(intercept: Bool = true, slopes: [Variable] = [], group: String) {
        self.intercept = intercept
        self.slopes = slopes
        self.group = group
    }

    /// lme4 syntax, e.g. `(1 + x | la)`.
    public var description: String {
        var parts = [intercept ? "1" : "0"]
        parts += slopes.map(\.description)
        return "(" + parts.joined(separator: " + ") + " | " + FormulaSyntax.name(group) + ")"
    }
}
