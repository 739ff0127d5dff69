/// The outcome of a one-dimensional minimisation on an interval (``BrentMinimizer``).
public struct ScalarMinimizationResult: Sendable, Equatable {
    /// The abscissa of the minimum found (R's `optimize()$minimum`).
    public var minimum: Double
    /// The function value there (R's `optimize()$objective`).
    public var value: Double
    /// Counts, trace and stopping reason.
    public var record: OptimizationRecord

    /// Whether the interval tolerance was met.
    public var converged: Bool { record.converged }

    /// Creates a result; normally only ``BrentMinimizer`` calls this.
    public init(minimum: Double, value: Double, record: OptimizationRecord) {
        self.minimum = minimum
        self.value = value
        self.record = record
    }
}
