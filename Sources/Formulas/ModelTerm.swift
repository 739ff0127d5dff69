/// One fixed-effect term after expansion: a set of variables (one for a main effect, more for an interaction).
public struct ModelTerm: Sendable, Hashable, CustomStringConvertible {
    /// The variables in the formula's variable order (order of first appearance), which is also the order in
    /// which they vary in the term's columns (the first fastest, as in R).
    public let variables: [Variable]

    /// R's term label, e.g. `age`, `sex:age`, `poly(x, 2)`.
    public var label: String { variables.map(\.label).joined(separator: ":") }
    public var description: String { label }
}
