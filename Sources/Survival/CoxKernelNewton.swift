internal import Foundation

/// Newton–Raphson on the Cox partial likelihood, step for step as survival's `coxfit6`/`agfit4`.
///
/// Why not ``Optimization/NewtonRaphson``: `coxph` (a) factors the information with `cholesky2`, which sets
/// aliased columns aside (their step is 0 and they are reported as NA) instead of regularising the Hessian;
/// (b) halves by moving the trial point to the midpoint with the last accepted point, and judges convergence
/// only after an un-halved step, by |1 − ℓ_old/ℓ_new| ≤ eps; (c) returns the last trial point and the
/// information *at* it. Matching those rules makes the iterates, the iteration count and the final digits
/// agree with R, which a generic minimiser with different safeguards would not.
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

    func run(initial: [Double]) -> Result {
        let p = kernel.input.p
        var beta = initial
        var workspace = CoxKernel.Workspace(kernel.input)
        let first = kernel.evaluate(beta, workspace: &workspace)
        let chol0 = CoxKernelCholesky(first.information, p: p, tolerance: cholTolerance)
        let step0 = chol0.solve(first.score)
        var score = 0.0
        for j in 0..<p { score += first.score[j] * step0[j] }
        var best = first.loglik
        var current = first
        var newBeta = (0..<p).map { beta[$0] + step0[$0] }
        var converged = false
        var iterations = 0
        var halving = false
        if maxIterations == 0 || p == 0 {
            let chol = chol0
            return Result(beta: beta, loglikInitial: first.loglik, loglik: first.loglik, scoreTest: score,
                          iterations: 0, converged: p == 0, variance: chol.inverse(), information: first.information,
                          score: first.score, singular: chol.singular, scoreInitial: first.score,
                          varianceInitial: chol0.inverse())
        }
        var trial = first
        for iter in 1...maxIterations {
            iterations = iter
            trial = kernel.evaluate(newBeta, workspace: &workspace)
            let finite = trial.loglik.isFinite && trial.score.allSatisfy(\.isFinite)
            if finite, !halving, abs(1 - best / trial.loglik) <= eps {
                converged = true
                break
            }
            if iter == maxIterations { break }
            if !finite || trial.loglik < best {
                halving = true
                for j in 0..<p { newBeta[j] = (newBeta[j] + beta[j]) / 2 }
            } else {
                halving = false
                best = trial.loglik
                current = trial
                let chol = CoxKernelCholesky(trial.information, p: p, tolerance: cholTolerance)
                let step = chol.solve(trial.score)
                beta = newBeta
                for j in 0..<p { newBeta[j] = beta[j] + step[j] }
            }
        }
        // coxfit6 returns the last trial point; if it is unusable (not finite), fall back to the last accepted.
        var final = trial
        var finalBeta = newBeta
        if !(trial.loglik.isFinite && trial.score.allSatisfy(\.isFinite)) {
            final = current
            finalBeta = beta
        }
        let chol = CoxKernelCholesky(final.information, p: p, tolerance: cholTolerance)
        return Result(beta: finalBeta, loglikInitial: first.loglik, loglik: final.loglik, scoreTest: score,
                      iterations: iterations, converged: converged, variance: chol.inverse(),
                      information: final.information, score: final.score, singular: chol.singular,
                      scoreInitial: first.score, varianceInitial: chol0.inverse())
    }
}
