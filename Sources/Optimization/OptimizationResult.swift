/// The outcome of a multivariate minimisation: the best point found, its objective value and the run record.
///
/// When ``OptimizationRecord/converged`` is `false` the solution is the best point found before stopping
/// (never a point with a non-finite objective if a finite one was seen).
public struct OptimizationResult: Sendable, Equatable {
    /// The minimiser found (or best point so far).
    public var solution: [Double]
    /// The objective value at ``solution``.
    public var value: Double
    /// Counts, trace and stopping reason.
    public var record: OptimizationRecord

    /// Whether the method met its convergence test.
    public var converged: Bool { record.converged }

    /// Creates a result; normally only optimisers call this.
    public init(solution: [Double], value: Double, record: OptimizationRecord) {
        self.solution = solution
        self.value = value
        self.record = record
    }
}
