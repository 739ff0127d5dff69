import Foundation
import LinearAlgebra
import Optimization

/// Newton–Raphson for the (concave) log-likelihoods of the ordered and multinomial logit models, stopped by the
/// Newton decrement rather than by the observed change of the objective.
///
/// Why not ``NewtonRaphson`` as it stands: its test |Δf| ≤ tol·|f| is checked only after an un-halved step, and
/// near the optimum a full Newton step can raise f by one rounding unit, so the run halves forever and never
/// meets the test (seen on `MASS::housing` with the cloglog link). Here the test uses the gradient and Hessian
/// at the current point, which are not subject to that cancellation.
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
    static func minimize(_ evaluate: ([Double]) -> NewtonRaphson.Evaluation, from start: [Double],
                         options o: CategoricalFitOptions) throws(CategoricalOutcomeError) -> OptimizationResult {
        guard o.maxIterations >= 0 else { throw .invalidOption(name: "maxIterations", value: Double(o.maxIterations)) }
        guard o.relativeTolerance >= 0 else { throw .invalidOption(name: "relativeTolerance", value: o.relativeTolerance) }
        guard o.gradientTolerance >= 0 else { throw .invalidOption(name: "gradientTolerance", value: o.gradientTolerance) }
        guard start.allSatisfy(\.isFinite) else { throw .optimizationFailed("non-finite starting values") }
        let n = start.count
        var x = start
        var current = evaluate(x)
        var evaluations = 1
        var trace = [current.value]
        var notes: [String] = []
        var iterations = 0
        var halvings = 0
        var regularizations = 0
        func finish(_ reason: ConvergenceReason) -> OptimizationResult {
            let gNorm = current.gradient.reduce(0) { max($0, abs($1)) }
            return OptimizationResult(solution: x, value: current.value, record: OptimizationRecord(
                iterations: iterations, functionEvaluations: evaluations, gradientEvaluations: evaluations,
                objectiveTrace: trace, finalGradientNorm: gNorm, reason: reason,
                hessianRegularizations: regularizations, stepHalvings: halvings, notes: notes))
        }
        guard current.value.isFinite, current.gradient.allSatisfy(\.isFinite) else {
            notes.append("log-likelihood or gradient not finite at the starting values")
            return finish(.nonFiniteObjective)
        }
        if n == 0 { return finish(.zeroDimensional) }
        while true {
            if current.gradient.allSatisfy({ abs($0) <= o.gradientTolerance }) { return finish(.gradientTolerance) }
            if iterations >= o.maxIterations { return finish(.maxIterations) }
            guard let (d, regularised) = direction(current, n: n) else {
                notes.append("Hessian could not be factorised at iteration \(iterations + 1)")
                return finish(.hessianFailure)
            }
            if regularised {
                regularizations += 1
                notes.append("Hessian not positive definite at iteration \(iterations + 1); eigenvalues modified")
            }
            var decrement = 0.0
            for i in 0..<n { decrement -= current.gradient[i] * d[i] }
            let scale = max(1, abs(current.value))
            let last = !regularised && decrement / 2 <= o.relativeTolerance * scale
            var step = 1.0
            var accepted = false
            for h in 0...30 {
                if h > 0 { step /= 2; halvings += 1 }
                var trial = x
                for i in 0..<n { trial[i] += step * d[i] }
                let e = evaluate(trial)
                evaluations += 1
                let slack = last ? 1e-12 * scale : 0
                if e.value.isFinite, e.gradient.allSatisfy(\.isFinite), e.value <= current.value + slack {
                    x = trial
                    current = e
                    accepted = true
                    break
                }
                if last { break }
            }
            if accepted { iterations += 1; trace.append(current.value) }
            if last { return finish(.relativeReduction) }
            if !accepted {
                notes.append("no decrease after 30 step halvings at iteration \(iterations + 1)")
                return finish(.stepHalvingFailure)
            }
            if step < 1 { notes.append("step halved at iteration \(iterations)") }
        }
    }

    /// The Newton direction, regularising H when it is not positive definite; nil if H holds NaN/∞.
    private static func direction(_ e: NewtonRaphson.Evaluation, n: Int) -> ([Double], Bool)? {
        guard e.hessian.isFinite else { return nil }
        let minusG = Vector(e.gradient.map { -$0 })
        if let chol = try? Cholesky(e.hessian), let d = try? chol.solve(minusG), d.elements.allSatisfy(\.isFinite) {
            return (d.elements, false)
        }
        guard let eig = try? SymmetricEigen(e.hessian) else { return nil }
        let largest = eig.values.elements.reduce(0) { max($0, abs($1)) }
        let floor = 1e-8 * (largest > 0 ? largest : 1)
        var d = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let lambda = max(abs(eig.values[k]), floor)
            var projection = 0.0
            for i in 0..<n { projection += eig.vectors[i, k] * minusG[i] }
            for i in 0..<n { d[i] += eig.vectors[i, k] * projection / lambda }
        }
        return d.allSatisfy(\.isFinite) ? (d, true) : nil
    }
}
