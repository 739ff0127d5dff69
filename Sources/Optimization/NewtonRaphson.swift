public import LinearAlgebra

/// Newton–Raphson minimisation with step-halving and Hessian regularisation: the fitting loop of R's `coxph`
/// (survival's `coxfit6`/`agfit4`, Therneau & Grambsch 2000, §3) and of `glm.fit`'s step-halving, for a smooth
/// objective whose value, gradient and Hessian are computed together.
///
/// Iteration: solve H·d = −g by Cholesky; try x + d; if the objective is not finite or larger than f(x), halve the
/// step (x + d/2, x + d/4, …) up to `maxStepHalvings` times (stop with ``ConvergenceReason/stepHalvingFailure``
/// if none decreases it). If H is not positive definite it is regularised and the event recorded in
/// ``OptimizationRecord/hessianRegularizations`` and ``OptimizationRecord/notes``:
/// - ``Regularization/eigenvalueModification`` (default): H = VΛVᵀ is replaced by V·diag(max(|λᵢ|, δ·max|λ|))·Vᵀ
///   with δ = `eigenvalueFloor` (Nocedal & Wright 2006, §3.4; the absolute-value flip of Greenstadt 1967), which
///   keeps the Newton step's scale along well-determined directions and reverses ascent directions;
/// - ``Regularization/levenbergRidge``: H + τI with τ = 1e-3·max(|diag H|, 1), multiplied by 10 until the
///   Cholesky factorisation succeeds (Levenberg 1944, Marquardt 1963).
///
/// Convergence (checked after each full, un-halved step, as `coxph`): |f_new − f_old| ≤ `relativeTolerance`·|f_new|,
/// i.e. |1 − f_old/f_new| ≤ eps as in `coxph` (exact equality also counts, covering f = 0); or ‖g‖∞ ≤
/// `gradientTolerance` (checked at every point, including the start).
///
/// Complexity: one evaluation plus an O(n³) factorisation per iteration (O(n³) eigen-decomposition when
/// regularising), plus one evaluation per halving.
public struct NewtonRaphson: Sendable {
    /// The objective's value, gradient and Hessian at one point.
    public struct Evaluation: Sendable, Equatable {
        /// f(x).
        public var value: Double
        /// ∇f(x), length n.
        public var gradient: [Double]
        /// ∇²f(x), n×n symmetric (only the lower triangle is read).
        public var hessian: Matrix

        /// Creates an evaluation.
        public init(value: Double, gradient: [Double], hessian: Matrix) {
            self.value = value
            self.gradient = gradient
            self.hessian = hessian
        }
    }

    /// How a Hessian that is not positive definite is modified.
    public enum Regularization: Sendable, Equatable {
        /// Replace eigenvalues by max(|λ|, δ·max|λ|).
        case eigenvalueModification
        /// Add τI, increasing τ tenfold until positive definite.
        case levenbergRidge
    }

    /// Options for ``NewtonRaphson``.
    public struct Options: Sendable, Equatable {
        /// Maximum number of Newton iterations. Default 20, as `coxph.control(iter.max = 20)`.
        public var maxIterations: Int
        /// Relative-change tolerance. Default 1e-9, as `coxph.control(eps = 1e-9)`.
        public var relativeTolerance: Double
        /// Sup-norm gradient tolerance. Default 0 (off except for an exactly zero gradient), since `coxph` uses
        /// only the relative-change test; set e.g. 1e-8 for problems whose optimum value is near 0.
        public var gradientTolerance: Double
        /// Maximum halvings per iteration. Default 30: the step then shrinks to 2⁻³⁰ ≈ 1e-9 of the Newton step
        /// before giving up, a bound in the spirit of `glm.fit`, whose inner halving loop is capped by `maxit`
        /// (25); `coxph` halves without a separate cap.
        public var maxStepHalvings: Int
        /// Treatment of a non-positive-definite Hessian. Default eigenvalue modification.
        public var regularization: Regularization
        /// δ in the eigenvalue floor δ·max|λ|. Default 1e-8 (≈ √ε), which bounds the condition number of the
        /// modified Hessian by 1e8 so that the step stays numerically meaningful.
        public var eigenvalueFloor: Double

        /// Creates options; defaults follow survival's `coxph.control`.
        public init(maxIterations: Int = 20, relativeTolerance: Double = 1e-9, gradientTolerance: Double = 0,
                    maxStepHalvings: Int = 30, regularization: Regularization = .eigenvalueModification,
                    eigenvalueFloor: Double = 1e-8) {
            self.maxIterations = maxIterations
            self.relativeTolerance = relativeTolerance
            self.gradientTolerance = gradientTolerance
            self.maxStepHalvings = maxStepHalvings
            self.regularization = regularization
            self.eigenvalueFloor = eigenvalueFloor
        }
    }

    /// The options used by ``minimize(_:from:)``.
    public var options: Options

    /// Creates a minimiser with the given options.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Minimises the objective described by `evaluate`, starting at `start`.
    ///
    /// - Throws: ``OptimizationError/nonFiniteStart(index:)`` for a NaN/infinite start coordinate;
    ///   ``OptimizationError/dimensionMismatch(expected:actual:)`` if a returned gradient or Hessian does not have
    ///   n (n×n) entries; ``OptimizationError/invalidOption(name:value:)`` for negative tolerances or counts.
    public func minimize(
        _ evaluate: ([Double]) -> Evaluation, from start: [Double]
    ) throws(OptimizationError) -> OptimizationResult {
        let o = options
        guard o.maxIterations >= 0 else { throw .invalidOption(name: "maxIterations", value: Double(o.maxIterations)) }
        guard o.relativeTolerance >= 0 else { throw .invalidOption(name: "relativeTolerance", value: o.relativeTolerance) }
        guard o.gradientTolerance >= 0 else { throw .invalidOption(name: "gradientTolerance", value: o.gradientTolerance) }
        guard o.maxStepHalvings >= 0 else {
            throw .invalidOption(name: "maxStepHalvings", value: Double(o.maxStepHalvings))
        }
        guard o.eigenvalueFloor > 0, o.eigenvalueFloor < 1 else {
            throw .invalidOption(name: "eigenvalueFloor", value: o.eigenvalueFloor)
        }
        for (i, v) in start.enumerated() where !v.isFinite { throw .nonFiniteStart(index: i) }
        let n = start.count
        var evaluations = 0
        func eval(_ x: [Double]) throws(OptimizationError) -> Evaluation {
            evaluations += 1
            let e = evaluate(x)
            guard e.gradient.count == n else { throw .dimensionMismatch(expected: n, actual: e.gradient.count) }
            guard e.hessian.rows == n, e.hessian.columns == n else {
                throw .dimensionMismatch(expected: n * n, actual: e.hessian.rows * e.hessian.columns)
            }
            return e
        }
        func usable(_ e: Evaluation) -> Bool {
            e.value.isFinite && e.gradient.allSatisfy(\.isFinite)
        }
        var x = start
        var current = try eval(x)
        var trace = [current.value]
        var notes: [String] = []
        var regularizations = 0
        var halvings = 0
        var iterations = 0
        func finish(_ reason: ConvergenceReason) -> OptimizationResult {
            let gNorm = current.gradient.reduce(0) { max($0, abs($1)) }
            return OptimizationResult(solution: x, value: current.value, record: OptimizationRecord(
                iterations: iterations, functionEvaluations: evaluations, gradientEvaluations: evaluations,
                objectiveTrace: trace, finalGradientNorm: gNorm, reason: reason,
                hessianRegularizations: regularizations, stepHalvings: halvings, notes: notes))
        }
        guard usable(current) else {
            notes.append("objective or gradient not finite at the start")
            return finish(.nonFiniteObjective)
        }
        if n == 0 { return finish(.zeroDimensional) }
        while true {
            if current.gradient.allSatisfy({ abs($0) <= o.gradientTolerance }) { return finish(.gradientTolerance) }
            if iterations >= o.maxIterations { return finish(.maxIterations) }
            guard let (direction, regularised) = newtonDirection(current, iteration: iterations + 1, notes: &notes)
            else {
                notes.append("Hessian could not be factorised or regularised at iteration \(iterations + 1)")
                return finish(.hessianFailure)
            }
            if regularised { regularizations += 1 }
            var step = 1.0
            var accepted: ([Double], Evaluation)?
            var halvedThisIteration = 0
            for h in 0...o.maxStepHalvings {
                if h > 0 { step /= 2; halvedThisIteration += 1 }
                var trial = x
                for i in 0..<n { trial[i] += step * direction[i] }
                let e = try eval(trial)
                if usable(e) && e.value <= current.value {
                    accepted = (trial, e)
                    break
                }
            }
            halvings += halvedThisIteration
            guard let (newX, newEval) = accepted else {
                notes.append("no decrease after \(o.maxStepHalvings) step halvings at iteration \(iterations + 1)")
                return finish(.stepHalvingFailure)
            }
            iterations += 1
            let oldValue = current.value
            x = newX
            current = newEval
            trace.append(current.value)
            if halvedThisIteration > 0 {
                notes.append("step halved \(halvedThisIteration) time(s) at iteration \(iterations)")
                continue
            }
            if oldValue == current.value || abs(current.value - oldValue) <= o.relativeTolerance * abs(current.value) {
                return finish(.relativeReduction)
            }
        }
    }

    /// Solves H·d = −g, regularising H when its Cholesky factorisation fails. Returns nil if H holds NaN/∞ or no
    /// regularisation works.
    private func newtonDirection(_ e: Evaluation, iteration: Int, notes: inout [String]) -> ([Double], Bool)? {
        let n = e.gradient.count
        let minusG = Vector(e.gradient.map { -$0 })
        guard e.hessian.isFinite else { return nil }
        if let chol = try? Cholesky(e.hessian), let d = try? chol.solve(minusG), d.elements.allSatisfy(\.isFinite) {
            return (d.elements, false)
        }
        switch options.regularization {
        case .eigenvalueModification:
            guard let eig = try? SymmetricEigen(e.hessian) else { return nil }
            let largest = eig.values.elements.reduce(0) { max($0, abs($1)) }
            let floor = options.eigenvalueFloor * (largest > 0 ? largest : 1)
            var d = [Double](repeating: 0, count: n)
            for k in 0..<n {
                let lambda = max(abs(eig.values[k]), floor)
                var projection = 0.0
                for i in 0..<n { projection += eig.vectors[i, k] * minusG[i] }
                for i in 0..<n { d[i] += eig.vectors[i, k] * projection / lambda }
            }
            let smallest = eig.values.elements.first ?? 0
            notes.append("Hessian not positive definite at iteration \(iteration) (smallest eigenvalue "
                         + "\(smallest)); eigenvalues replaced by max(|λ|, \(floor))")
            return d.allSatisfy(\.isFinite) ? (d, true) : nil
        case .levenbergRidge:
            var maxDiagonal = 0.0
            for i in 0..<n { maxDiagonal = max(maxDiagonal, abs(e.hessian[i, i])) }
            var tau = 1e-3 * max(maxDiagonal, 1)
            for _ in 0..<40 {
                var h = e.hessian
                for i in 0..<n { h[i, i] += tau }
                if let chol = try? Cholesky(h), let d = try? chol.solve(minusG), d.elements.allSatisfy(\.isFinite) {
                    notes.append("Hessian not positive definite at iteration \(iteration); ridge \(tau) added")
                    return (d.elements, true)
                }
                tau *= 10
            }
            return nil
        }
    }
}
