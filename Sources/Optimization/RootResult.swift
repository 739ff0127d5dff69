/// The outcome of a one-dimensional root search (``BrentRootFinder``), mirroring R's `uniroot()` value.
public struct RootResult: Sendable, Equatable {
    /// The root found (R's `uniroot()$root`).
    public var root: Double
    /// The function value at ``root`` (R's `f.root`).
    public var value: Double
    /// Half-width bound on the error of ``root`` when the search stopped (R's `estim.prec`); 0 for an exact root,
    /// NaN if the search did not run.
    public var estimatedPrecision: Double
    /// Counts, trace of |f| at the best point per iteration, and stopping reason.
    public var record: OptimizationRecord

    /// Whether the root was bracketed to the requested tolerance (or found exactly).
    public var converged: Bool { record.converged }

    /// Creates a result; normally only ``BrentRootFinder`` calls this.
    public init(root: Double, value: Double, estimatedPrecision: Double, record: OptimizationRecord) {
        self.root = root
        self.value = value
        self.estimatedPrecision = estimatedPrecision
        self.record = record
    }
}
