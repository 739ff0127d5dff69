public import LinearAlgebra

/// The data of one random-effect term: its groups and the columns whose coefficients vary by group (lme4's Zᵢ
/// before it is spread over the groups).
public struct RandomEffectDesign: Sendable, Equatable {
    public let effect: RandomEffect
    /// The groups (levels of the grouping column among the used rows).
    public let grouping: Grouping
    /// Rows × columns: `(Intercept)` if the intercept varies, then the slope variables' columns.
    public let matrix: Matrix
    public let columnNames: [String]
}
