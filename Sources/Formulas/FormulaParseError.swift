/// A syntax error in a formula: what was expected and the 1-based column (character position) where.
public struct FormulaParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based character position in the formula text.
    public let column: Int
    /// What was expected or found, e.g. "expected a term after '+'".
    public let message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// E.g. "expected a term after '+' at column 7".
    public var description: String { "\(message) at column \(column)" }
}
