/// What happened during one optimisation run: counts, the objective trace and the reason for stopping.
///
/// Fields that do not apply to a method are zero or `nil` (for example `gradientEvaluations` for Nelder–Mead,
/// or `finalGradientNorm` for derivative-free methods).
public struct OptimizationRecord: Sendable, Equatable {
    /// Number of completed iterations (accepted steps for gradient methods, simplex moves for Nelder–Mead,
    /// interval updates for Brent's methods).
    public var iterations: Int
    /// Number of objective evaluations, including those made inside line searches and step-halving.
    public var functionEvaluations: Int
    /// Number of gradient evaluations (0 for derivative-free methods). For methods that evaluate value and
    /// gradient together this equals `functionEvaluations`.
    public var gradientEvaluations: Int
    /// Objective value at the start (element 0) and after each completed iteration.
    public var objectiveTrace: [Double]
    /// Norm of the final gradient: the sup-norm of the projected gradient for L-BFGS-B (as R's `pgtol` test),
    /// the sup-norm of the gradient for Newton–Raphson, `nil` where no gradient is used.
    public var finalGradientNorm: Double?
    /// Why the method stopped.
    public var reason: ConvergenceReason
    /// Number of iterations at which the Hessian was not positive definite and had to be regularised
    /// (Newton–Raphson only).
    public var hessianRegularizations: Int
    /// Total number of step halvings (Newton–Raphson) or of quasi-Newton memory resets after a failed line
    /// search (L-BFGS-B).
    public var stepHalvings: Int
    /// Human-readable notes on events that changed the course of the run, e.g. "start projected onto bounds",
    /// "Hessian regularised at iteration 3 (ridge 1e-3)". Library code never prints; callers may display these.
    public var notes: [String]

    /// Whether ``reason`` is a convergence reason (see ``ConvergenceReason/isConvergence``).
    public var converged: Bool { reason.isConvergence }

    /// Creates a record; normally only optimisers call this.
    public init(
        iterations: Int = 0, functionEvaluations: Int = 0, gradientEvaluations: Int = 0,
        objectiveTrace: [Double] = [], finalGradientNorm: Double? = nil, reason: ConvergenceReason,
        hessianRegularizations: Int = 0, stepHalvings: Int = 0, notes: [String] = []
    ) {
        self.iterations = iterations
        self.functionEvaluations = functionEvaluations
        self.gradientEvaluations = gradientEvaluations
        self.objectiveTrace = objectiveTrace
        self.finalGradientNorm = finalGradientNorm
        self.reason = reason
        self.hessianRegularizations = hessianRegularizations
        self.stepHalvings = stepHalvings
        self.notes = notes
    }
}
