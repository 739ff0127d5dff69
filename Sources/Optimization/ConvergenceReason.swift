/// Why an optimiser, root finder or line search stopped.
///
/// Every optimiser in this module returns one of these in its ``OptimizationRecord``. The cases that count as
/// success are listed in ``isConvergence``; all others mean the returned point is only the best found so far.
public enum ConvergenceReason: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The (projected) gradient norm fell to or below the gradient tolerance (R's `pgtol` for L-BFGS-B).
    case gradientTolerance
    /// The relative reduction of the objective between iterations fell below the tolerance
    /// (R's `factr · ε` for L-BFGS-B, `|1 − f_new/f_old| < eps` as in survival's `coxph`).
    case relativeReduction
    /// The step (or the change of the parameter vector) became negligible.
    case stepTolerance
    /// The simplex function values became indistinguishable (Nelder–Mead, R's `reltol` test).
    case simplexSize
    /// The bracketing interval shrank below the requested tolerance (Brent minimisation and root finding).
    case intervalTolerance
    /// An exact root (f = 0) or an exact stationary point was found.
    case exactSolution
    /// The problem has no free parameters: the start is the solution.
    case zeroDimensional
    /// The iteration limit was reached before any convergence test was met.
    case maxIterations
    /// The function-evaluation limit was reached before any convergence test was met.
    case maxEvaluations
    /// The line search could not find an acceptable step even after the quasi-Newton memory was reset.
    case lineSearchFailure
    /// Step-halving could not produce a decrease of the objective within the allowed number of halvings.
    case stepHalvingFailure
    /// The objective (or its gradient) was not finite where a finite value was needed (for example at the start).
    case nonFiniteObjective
    /// The Hessian could not be made positive definite (regularisation failed, e.g. it contained NaN).
    case hessianFailure
    /// A Nelder–Mead shrink failed to reduce the simplex size (R's `optim` `convergence = 10`, degenerate simplex).
    case degenerateSimplex
    /// The function values at the two ends of the interval do not have opposite signs (root finding only).
    case noSignChange

    /// Whether this reason means the method converged (the result satisfies the method's convergence test).
    public var isConvergence: Bool {
        switch self {
        case .gradientTolerance, .relativeReduction, .stepTolerance, .simplexSize, .intervalTolerance,
             .exactSolution, .zeroDimensional:
            return true
        case .maxIterations, .maxEvaluations, .lineSearchFailure, .stepHalvingFailure, .nonFiniteObjective,
             .hessianFailure, .degenerateSimplex, .noSignChange:
            return false
        }
    }
}
