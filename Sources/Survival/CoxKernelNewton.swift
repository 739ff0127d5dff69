internal import Foundation
internal import LinearAlgebra
internal import Optimization

/// Newton–Raphson on the Cox partial likelihood, step for step as survival's `coxfit6`/`agfit4`: a
/// configuration of ``Optimization/NewtonRaphson`` on f(β) = −ℓ(β) (negation is exact, so every comparison
/// and every iterate is coxph's).
///
/// coxph's rules, and the options that give them: (a) the information is factored with `cholesky2`
/// (``LinearAlgebra/SetAsideCholesky``), which sets aliased columns aside (their step is 0 and they are reported
/// as NA) instead of regularising the Hessian — the `direction` passed to the run; (b) a trial that lowers ℓ (or
/// is not finite) is halved by moving it to the midpoint with the last accepted point, each evaluation counting
/// as an iteration (``NewtonRaphson/StepRule/halveTowardLastAccepted``); convergence is judged only after an
/// un-halved step, by |1 − ℓ_old/ℓ_new| ≤ eps, before the trial is compared with ℓ_old
/// (``NewtonRaphson/StoppingRule/relativeChangeAfterFullStep``); there is no gradient test (coxph takes a zero
/// step from a zero score and converges on the next evaluation); (c) the run returns the last trial point and
/// the information *at* it. Matching those rules makes the iterates, the iteration count and the final digits
/// agree with R.
///
/// Iteration: ℓ₀, U₀, I₀ at β₀; the score test is U₀ᵀI₀⁻U₀; β₁ = β₀ + I₀⁻U₀. At each iteration evaluate the
/// trial point; converged if |1 − ℓ_best/ℓ_new| ≤ eps after an un-halved step; if ℓ_new < ℓ_best (or is not
/// finite) halve toward the last accepted point, else accept and take the next Newton step.
/// Complexity: one kernel evaluation (O(n·p²)) plus O(p³) per iteration.
struct CoxKernelNewton: Sendable {
    let kernel: CoxKernel
    let maxIterations: Int
    let eps: Double
    let cholTolerance: Double

    struct Result: Sendable {
        var beta: [Double]
        var loglikInitial: Double
        var loglik: Double
        var scoreTest: Double
        var iterations: Int
        var converged: Bool
        /// Generalised inverse of the information at `beta` (p×p row-major).
        var variance: [Double]
        var information: [Double]
        var score: [Double]
        var singular: [Bool]
        var scoreInitial: [Double]
        var varianceInitial: [Double]
    }

    /// The configuration of ``NewtonRaphson`` that is coxph's loop.
    var options: NewtonRaphson.Options {
        NewtonRaphson.Options(maxIterations: maxIterations, relativeTolerance: eps, gradientTolerance: nil,
                              maxStepHalvings: maxIterations, stopping: .relativeChangeAfterFullStep,
                              step: .halveTowardLastAccepted)
    }

    /// - Throws: a ``LinearAlgebraError`` from the kernel's BLAS call (never swallowed).
    func run(initial: [Double]) throws(LinearAlgebraError) -> Result {
        let p = kernel.input.p
        var workspace = CoxKernel.Workspace(kernel.input)
        func evaluate(_ beta: [Double]) throws(LinearAlgebraError) -> NewtonRaphson.Evaluation {
            let e = try kernel.evaluate(beta, workspace: &workspace)
            // The information is symmetric, so its row-major elements are its column-major ones.
            return NewtonRaphson.Evaluation(value: -e.loglik, gradient: e.score.map { -$0 },
                                            hessian: Matrix(rows: p, columns: p, columnMajor: e.information))
        }
        func factor(_ e: NewtonRaphson.Evaluation) -> SetAsideCholesky {
            SetAsideCholesky(rowMajor: e.hessian.elements, p: p, tolerance: cholTolerance)
        }
        func result(_ initialEval: NewtonRaphson.Evaluation, _ final: NewtonRaphson.Evaluation, beta: [Double],
                    iterations: Int, converged: Bool) -> Result {
            let chol0 = factor(initialEval)
            let score0 = initialEval.gradient.map { -$0 }
            let step0 = chol0.solve(score0)
            var scoreTest = 0.0
            for j in 0..<p { scoreTest += score0[j] * step0[j] }
            let chol = factor(final)
            return Result(beta: beta, loglikInitial: -initialEval.value, loglik: -final.value, scoreTest: scoreTest,
                          iterations: iterations, converged: converged, variance: chol.inverse(),
                          information: final.hessian.elements, score: final.gradient.map { -$0 },
                          singular: chol.singular, scoreInitial: score0, varianceInitial: chol0.inverse())
        }
        if maxIterations == 0 || p == 0 {
            let first = try evaluate(initial)
            return result(first, first, beta: initial, iterations: 0, converged: p == 0)
        }
        let run: NewtonRaphson.Run
        do {
            // d = I⁻¹U: the gradient of −ℓ is −U, so −g is U exactly.
            run = try NewtonRaphson(options: options).run(evaluate, from: initial) { e in
                factor(e).solve(e.gradient.map { -$0 })
            }
        } catch {
            switch error {
            case .linearAlgebra(let e): throw e
            case .optimization(let e): preconditionFailure("the Cox configuration of NewtonRaphson is valid: \(e)")
            }
        }
        return result(run.initial, run.final, beta: run.result.solution, iterations: run.result.record.iterations,
                      converged: run.result.record.reason == .relativeReduction)
    }
}
