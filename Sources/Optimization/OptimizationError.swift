/// Errors thrown for invalid input to the optimisers and quadrature rules in this module.
///
/// Numerical trouble *during* a run (non-finite values, failed line searches, iteration limits) is not an error:
/// it is reported through ``ConvergenceReason`` in the result's record.
public enum OptimizationError: Error, Sendable, Equatable {
    /// A lower bound exceeds its upper bound, or a bound is NaN.
    case invalidBounds(index: Int, lower: Double, upper: Double)
    /// A vector has the wrong length (e.g. bounds vs. start, gradient vs. parameters).
    case dimensionMismatch(expected: Int, actual: Int)
    /// An option is out of its valid range; `name` is the option's property name.
    case invalidOption(name: String, value: Double)
    /// The start point contains NaN or an infinite coordinate.
    case nonFiniteStart(index: Int)
    /// An interval `[lower, upper]` for a one-dimensional method is empty, reversed or not finite.
    case invalidInterval(lower: Double, upper: Double)
    /// The quadrature order is below 1 (or above the supported maximum).
    case invalidOrder(Int)
    /// The scale (or curvature) of an adaptive quadrature rule is not finite and positive.
    case invalidScale(Double)
}
