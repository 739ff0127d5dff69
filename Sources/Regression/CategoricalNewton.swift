import Foundation
import LinearAlgebra
import Optimization

/// Newton–Raphson for the (concave) log-likelihoods of the ordered and multinomial logit models: the
/// ``NewtonRaphson`` configuration stopped by the Newton decrement rather than by the observed change of the
/// objective (``NewtonRaphson/StoppingRule/newtonDecrement``), halving from the current point.
///
/// Why the decrement: a test |Δf| ≤ tol·|f| checked only after an un-halved step meets, near the optimum, a full
/// Newton step that raises f by one rounding unit; a loop that then halves never meets the test (seen on
/// `MASS::housing` with the cloglog link). The decrement uses the gradient and Hessian at the current point, which
/// are not subject to that cancellation.
///
/// Iteration: solve H·d = −g (Cholesky; if H is not positive definite, eigenvalues are replaced by
/// max(|λ|, 1e-8·max|λ|), Nocedal & Wright 2006 §3.4). The Newton decrement λ² = −gᵀd predicts the remaining
/// decrease f − f* ≈ λ²/2 (Boyd & Vandenberghe 2004, §9.5.1). If λ²/2 ≤ `relativeTolerance`·max(1, |f|) the
/// last step is taken (accepted unless it raises f by more than rounding, 1e-12·max(1, |f|)) and the run stops
/// as converged: with quadratic convergence the error after that step is of the order of the square of the
/// error before it. Otherwise the step is halved (up to 30 times) until f does not increase. Also converged:
/// max|g| ≤ `gradientTolerance`.
///
/// Complexity: per iteration one evaluation, an O(P³) factorisation, plus one evaluation per halving.
enum CategoricalNewton {
    /// The configuration of ``NewtonRaphson`` for `options`.
    static func newtonOptions(_ o: CategoricalFitOptions) -> NewtonRaphson.Options {
        NewtonRaphson.Options(maxIterations: o.maxIterations, relativeTolerance: o.relativeTolerance,
                              gradientTolerance: o.gradientTolerance, maxStepHalvings: 30,
                              regularization: .eigenvalueModification, eigenvalueFloor: 1e-8,
                              stopping: .newtonDecrement, step: .halveFromCurrent)
    }

    static func minimize(_ evaluate: ([Double]) -> NewtonRaphson.Evaluation, from start: [Double],
                         options o: CategoricalFitOptions) throws(CategoricalOutcomeError) -> OptimizationResult {
        guard o.maxIterations >= 0 else { throw .invalidOption(name: "maxIterations", value: Double(o.maxIterations)) }
        guard o.relativeTolerance >= 0 else { throw .invalidOption(name: "relativeTolerance", value: o.relativeTolerance) }
        guard o.gradientTolerance >= 0 else { throw .invalidOption(name: "gradientTolerance", value: o.gradientTolerance) }
        guard start.allSatisfy(\.isFinite) else { throw .optimizationFailed("non-finite starting values") }
        do {
            return try NewtonRaphson(options: newtonOptions(o)).run(evaluate, from: start).result
        } catch {
            throw .optimizationFailed("\(error)")
        }
    }
}
