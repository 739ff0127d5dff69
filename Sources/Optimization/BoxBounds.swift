/// Box constraints `lower[i] ≤ x[i] ≤ upper[i]` for a bound-constrained optimiser.
///
/// An infinite bound means "no bound on that side" (R's `optim(lower = -Inf, upper = Inf)`). Equal bounds fix a
/// variable. Construction validates the bounds, so a `BoxBounds` value is always consistent.
public struct BoxBounds: Sendable, Equatable {
    /// Lower bounds (−∞ for none).
    public let lower: [Double]
    /// Upper bounds (+∞ for none).
    public let upper: [Double]

    /// The number of variables.
    public var count: Int { lower.count }

    /// Creates bounds from per-variable lower and upper limits.
    ///
    /// - Throws: ``OptimizationError/dimensionMismatch(expected:actual:)`` if the arrays differ in length;
    ///   ``OptimizationError/invalidBounds(index:lower:upper:)`` if a bound is NaN, `lower[i] > upper[i]`,
    ///   `lower[i] = +∞` or `upper[i] = −∞`.
    public init(lower: [Double], upper: [Double]) throws(OptimizationError) {
        guard lower.count == upper.count else {
            throw .dimensionMismatch(expected: lower.count, actual: upper.count)
        }
        for i in lower.indices {
            let l = lower[i], u = upper[i]
            if l.isNaN || u.isNaN || l > u || l == .infinity || u == -.infinity {
                throw .invalidBounds(index: i, lower: l, upper: u)
            }
        }
        self.lower = lower
        self.upper = upper
    }

    /// No bounds on any of `count` variables.
    public static func unbounded(count: Int) -> BoxBounds {
        BoxBounds(uncheckedLower: Array(repeating: -.infinity, count: max(count, 0)),
                  upper: Array(repeating: .infinity, count: max(count, 0)))
    }

    /// The same bounds for every one of `count` variables.
    ///
    /// - Throws: as ``init(lower:upper:)``.
    public static func uniform(count: Int, lower: Double, upper: Double) throws(OptimizationError) -> BoxBounds {
        try BoxBounds(lower: Array(repeating: lower, count: max(count, 0)),
                      upper: Array(repeating: upper, count: max(count, 0)))
    }

    private init(uncheckedLower lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// The point nearest to `x` inside the box (componentwise clamping). `x` must have ``count`` elements.
    public func project(_ x: [Double]) -> [Double] {
        var y = x
        for i in y.indices where i < lower.count {
            y[i] = min(max(y[i], lower[i]), upper[i])
        }
        return y
    }

    /// Whether `x` lies in the box.
    public func contains(_ x: [Double]) -> Bool {
        guard x.count == count else { return false }
        for i in x.indices where !(x[i] >= lower[i] && x[i] <= upper[i]) { return false }
        return true
    }
}
