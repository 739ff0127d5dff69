public import LinearAlgebra

/// Newton–Raphson minimisation of a smooth objective whose value, gradient and Hessian are computed together,
/// with a configurable stopping rule and step rule, so that the fitting loops of R's `coxph` (survival's
/// `coxfit6`/`agfit4`, Therneau & Grambsch 2000, §3) and of the categorical models are configurations of one
/// loop (``Survival`` and ``Regression`` configure it; they keep R's iterates to the last digit).
///
/// Iteration: solve H·d = −g (by Cholesky, or by the caller's `direction`, e.g. coxph's `cholesky2` that sets
/// aliased columns aside); try x + d; if the trial is not finite or raises f, halve (``StepRule``) up to
/// `maxStepHalvings` times (then stop with ``ConvergenceReason/stepHalvingFailure``). If H is not positive
/// definite (default direction only) it is regularised and the event recorded in
/// ``OptimizationRecord/hessianRegularizations`` and ``OptimizationRecord/notes``:
/// - ``Regularization/eigenvalueModification`` (default): H = VΛVᵀ is replaced by V·diag(max(|λᵢ|, δ·max|λ|))·Vᵀ
///   with δ = `eigenvalueFloor` (Nocedal & Wright 2006, §3.4; the absolute-value flip of Greenstadt 1967), which
///   keeps the Newton step's scale along well-determined directions and reverses ascent directions;
/// - ``Regularization/levenbergRidge``: H + τI with τ = 1e-3·max(|diag H|, 1), multiplied by 10 until the
///   Cholesky factorisation succeeds (Levenberg 1944, Marquardt 1963).
///
/// Stopping (``StoppingRule``): coxph's relative change after a full step, or the Newton decrement; in both, a
/// trial that raises f by rounding only is *not* halved. Near the optimum a full Newton step can raise f by one
/// rounding unit; a loop that halves whenever f rises then halves forever and never meets a test checked only
/// after a full step (seen on `MASS::housing` with the cloglog link). Also converged: ‖g‖∞ ≤
/// `gradientTolerance`, checked at every accepted point including the start, when that option is set.
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

    /// When the run stops as converged.
    public enum StoppingRule: Sendable, Equatable {
        /// coxph's rule (`coxfit6`): after a full (un-halved) step, converged when |1 − f_old/f_new| ≤
        /// `relativeTolerance`, computed as coxph computes it (f = 0 at the optimum is left to the gradient test,
        /// as 0/0 is not ≤ anything). The test is applied to the trial point
        /// *before* it is compared with f_old, so a full step that raises f by no more than the tolerance ends the
        /// run (at the trial point, as coxph returns it) instead of being halved: this is what stops the
        /// halve-forever at the optimum. Default.
        case relativeChangeAfterFullStep
        /// The Newton decrement λ² = −gᵀd predicts the remaining decrease f − f* ≈ λ²/2 (Boyd & Vandenberghe
        /// 2004, §9.5.1). When λ²/2 ≤ `relativeTolerance`·max(1, |f|) (and H needed no regularisation) the last
        /// step is taken — accepted unless it raises f by more than rounding, 1e-12·max(1, |f|) — and the run stops
        /// as converged: with quadratic convergence the error after that step is of the order of the square of
        /// the error before it. The test uses g and H at the current point, which are not subject to the
        /// cancellation in f_new − f_old.
        case newtonDecrement
    }

    /// How a trial point that raises f (or is not finite) is replaced.
    public enum StepRule: Sendable, Equatable {
        /// x + d/2, x + d/4, … from the current point (`glm.fit`'s halving); an iteration is one accepted step.
        /// Default.
        case halveFromCurrent
        /// coxph's rule: the trial moves to the midpoint of itself and the last accepted point, (trial + x)/2,
        /// and every evaluation after the start counts as one iteration (so `maxIterations` bounds halvings too,
        /// as `iter.max` does in coxph); a run that stops at `maxIterations` ends at the last trial point
        /// evaluated when it is finite — coxph returns that point, accepted or not — else at the last accepted.
        case halveTowardLastAccepted
    }

    /// Options for ``NewtonRaphson``.
    public struct Options: Sendable, Equatable {
        /// Maximum number of Newton iterations. Default 20, as `coxph.control(iter.max = 20)`.
        public var maxIterations: Int
        /// Relative-change (or Newton-decrement) tolerance. Default 1e-9, as `coxph.control(eps = 1e-9)`.
        public var relativeTolerance: Double
        /// Sup-norm gradient tolerance, or nil for none. Default 0 (off except for an exactly zero gradient),
        /// since `coxph` uses only the relative-change test; set e.g. 1e-8 for problems whose optimum value is
        /// near 0. The Cox configuration sets nil: coxph takes a (zero) step even from a zero score.
        public var gradientTolerance: Double?
        /// Maximum halvings per iteration. Default 30: the step then shrinks to 2⁻³⁰ ≈ 1e-9 of the Newton step
        /// before giving up, a bound in the spirit of `glm.fit`, whose inner halving loop is capped by `maxit`
        /// (25); `coxph` halves without a separate cap (bounded by its iterations).
        public var maxStepHalvings: Int
        /// Treatment of a non-positive-definite Hessian. Default eigenvalue modification.
        public var regularization: Regularization
        /// δ in the eigenvalue floor δ·max|λ|. Default 1e-8 (≈ √ε), which bounds the condition number of the
        /// modified Hessian by 1e8 so that the step stays numerically meaningful.
        public var eigenvalueFloor: Double
        /// When the run is converged. Default ``StoppingRule/relativeChangeAfterFullStep`` (coxph).
        public var stopping: StoppingRule
        /// How a failed trial is halved. Default ``StepRule/halveFromCurrent``.
        public var step: StepRule

        /// Creates options; defaults follow survival's `coxph.control`.
        public init(maxIterations: Int = 20, relativeTolerance: Double = 1e-9, gradientTolerance: Double? = 0,
                    maxStepHalvings: Int = 30, regularization: Regularization = .eigenvalueModification,
                    eigenvalueFloor: Double = 1e-8, stopping: StoppingRule = .relativeChangeAfterFullStep,
                    step: StepRule = .halveFromCurrent) {
            self.maxIterations = maxIterations
            self.relativeTolerance = relativeTolerance
            self.gradientTolerance = gradientTolerance
            self.maxStepHalvings = maxStepHalvings
            self.regularization = regularization
            self.eigenvalueFloor = eigenvalueFloor
            self.stopping = stopping
            self.step = step
        }
    }

    /// A run with its first and last evaluations (the result's point and value are the last one's).
    public struct Run: Sendable {
        /// Solution, value and record.
        public var result: OptimizationResult
        /// The evaluation at the start.
        public var initial: Evaluation
        /// The evaluation at ``OptimizationResult/solution``.
        public var final: Evaluation
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
        do {
            return try run(evaluate, from: start).result
        } catch .optimization(let e) {
            throw e
        } catch {
            fatalError("unreachable: the objective does not throw")
        }
    }

    /// An error of a run: invalid input to the minimiser, or an error thrown by the objective or direction
    /// (a linear-algebra failure in the caller's kernels), passed on unchanged.
    public enum RunError: Error, Sendable, Equatable {
        case optimization(OptimizationError)
        case linearAlgebra(LinearAlgebraError)
    }

    /// Minimises `evaluate` from `start`, with an optional caller-supplied Newton direction: `direction(e)` returns
    /// d solving H·d = −g at `e` (nil when it cannot). Without it, d comes from a Cholesky factorisation of H,
    /// regularised per ``Options/regularization`` when H is not positive definite.
    ///
    /// - Throws: ``RunError/optimization(_:)`` as ``minimize(_:from:)``; ``RunError/linearAlgebra(_:)`` when the
    ///   objective or the direction throws, or a factorisation fails other than by not being positive definite.
    public func run(
        _ evaluate: ([Double]) throws(LinearAlgebraError) -> Evaluation, from start: [Double],
        direction customDirection: ((Evaluation) throws(LinearAlgebraError) -> [Double]?)? = nil
    ) throws(RunError) -> Run {
        let o = options
        guard o.maxIterations >= 0 else {
            throw .optimization(.invalidOption(name: "maxIterations", value: Double(o.maxIterations)))
        }
        guard o.relativeTolerance >= 0 else {
            throw .optimization(.invalidOption(name: "relativeTolerance", value: o.relativeTolerance))
        }
        if let g = o.gradientTolerance, !(g >= 0) {
            throw .optimization(.invalidOption(name: "gradientTolerance", value: g))
        }
        guard o.maxStepHalvings >= 0 else {
            throw .optimization(.invalidOption(name: "maxStepHalvings", value: Double(o.maxStepHalvings)))
        }
        guard o.eigenvalueFloor > 0, o.eigenvalueFloor < 1 else {
            throw .optimization(.invalidOption(name: "eigenvalueFloor", value: o.eigenvalueFloor))
        }
        for (i, v) in start.enumerated() where !v.isFinite { throw .optimization(.nonFiniteStart(index: i)) }
        let n = start.count
        var evaluations = 0
        func eval(_ x: [Double]) throws(RunError) -> Evaluation {
            evaluations += 1
            let e: Evaluation
            do { e = try evaluate(x) } catch { throw .linearAlgebra(error) }
            guard e.gradient.count == n else {
                throw .optimization(.dimensionMismatch(expected: n, actual: e.gradient.count))
            }
            guard e.hessian.rows == n, e.hessian.columns == n else {
                throw .optimization(.dimensionMismatch(expected: n * n, actual: e.hessian.rows * e.hessian.columns))
            }
            return e
        }
        func usable(_ e: Evaluation) -> Bool {
            e.value.isFinite && e.gradient.allSatisfy(\.isFinite)
        }
        let coxSteps = o.step == .halveTowardLastAccepted
        var x = start
        var current = try eval(x)
        let initial = current
        var trace = [current.value]
        var notes: [String] = []
        var regularizations = 0
        var halvings = 0
        var iterations = 0
        /// The last trial evaluated (coxph ends there when out of iterations).
        var lastTrial: ([Double], Evaluation)?
        func finish(_ reason: ConvergenceReason, at point: ([Double], Evaluation)? = nil) -> Run {
            let (fx, fe) = point ?? (x, current)
            let gNorm = fe.gradient.reduce(0) { max($0, abs($1)) }
            let result = OptimizationResult(solution: fx, value: fe.value, record: OptimizationRecord(
                iterations: iterations, functionEvaluations: evaluations, gradientEvaluations: evaluations,
                objectiveTrace: trace, finalGradientNorm: gNorm, reason: reason,
                hessianRegularizations: regularizations, stepHalvings: halvings, notes: notes))
            return Run(result: result, initial: initial, final: fe)
        }
        guard usable(current) else {
            notes.append("objective or gradient not finite at the start")
            return finish(.nonFiniteObjective)
        }
        if n == 0 { return finish(.zeroDimensional) }
        while true {
            if let gTol = o.gradientTolerance, current.gradient.allSatisfy({ abs($0) <= gTol }) {
                return finish(.gradientTolerance)
            }
            if iterations >= o.maxIterations { return finish(.maxIterations) }
            let found: ([Double], Bool)?
            if let customDirection {
                do { found = try customDirection(current).map { ($0, false) } } catch { throw .linearAlgebra(error) }
            } else {
                found = try newtonDirection(current, iteration: iterations + 1, notes: &notes)
            }
            guard let (direction, regularised) = found, direction.count == n, direction.allSatisfy(\.isFinite) else {
                notes.append("Hessian could not be factorised or regularised at iteration \(iterations + 1)")
                return finish(.hessianFailure)
            }
            if regularised { regularizations += 1 }
            // Newton decrement rule: is this the last step?
            var lastStep = false
            let scale = max(1, abs(current.value))
            if o.stopping == .newtonDecrement, !regularised {
                var decrement = 0.0
                for i in 0..<n { decrement -= current.gradient[i] * direction[i] }
                lastStep = decrement / 2 <= o.relativeTolerance * scale
            }
            var step = 1.0
            var trial = x
            for i in 0..<n { trial[i] += direction[i] }
            var halvedThisIteration = 0
            var accepted = false
            while true {
                if coxSteps {
                    if iterations >= o.maxIterations {
                        halvings += halvedThisIteration
                        if let last = lastTrial, usable(last.1) { return finish(.maxIterations, at: last) }
                        return finish(.maxIterations)
                    }
                    iterations += 1
                }
                let e = try eval(trial)
                lastTrial = (trial, e)
                let ok = usable(e)
                if o.stopping == .relativeChangeAfterFullStep, ok, halvedThisIteration == 0,
                   abs(1 - current.value / e.value) <= o.relativeTolerance {
                    if !coxSteps { iterations += 1 }
                    x = trial
                    current = e
                    trace.append(e.value)
                    halvings += halvedThisIteration
                    return finish(.relativeReduction)
                }
                let slack = lastStep ? 1e-12 * scale : 0
                if ok && e.value <= current.value + slack {
                    x = trial
                    current = e
                    accepted = true
                    break
                }
                if lastStep || halvedThisIteration >= o.maxStepHalvings { break }
                halvedThisIteration += 1
                switch o.step {
                case .halveFromCurrent:
                    step /= 2
                    trial = x
                    for i in 0..<n { trial[i] += step * direction[i] }
                case .halveTowardLastAccepted:
                    for i in 0..<n { trial[i] = (trial[i] + x[i]) / 2 }
                }
            }
            halvings += halvedThisIteration
            if accepted {
                if !coxSteps { iterations += 1 }
                trace.append(current.value)
            }
            if lastStep {
                return finish(.relativeReduction)
            }
            guard accepted else {
                notes.append("no decrease after \(o.maxStepHalvings) step halvings at iteration \(iterations + 1)")
                return finish(.stepHalvingFailure)
            }
            if halvedThisIteration > 0 {
                notes.append("step halved \(halvedThisIteration) time(s) at iteration \(iterations)")
            }
        }
    }

    /// Solves H·d = −g, regularising H when its Cholesky factorisation fails because H is not positive definite.
    /// Returns nil if H holds NaN/∞ or no regularisation works; other linear-algebra failures are thrown.
    private func newtonDirection(_ e: Evaluation, iteration: Int,
                                 notes: inout [String]) throws(RunError) -> ([Double], Bool)? {
        let n = e.gradient.count
        let minusG = Vector(e.gradient.map { -$0 })
        guard e.hessian.isFinite else { return nil }
        if let d = try Self.choleskySolve(e.hessian, minusG) { return (d, false) }
        switch options.regularization {
        case .eigenvalueModification:
            let eig: SymmetricEigen
            do { eig = try SymmetricEigen(e.hessian) } catch { throw .linearAlgebra(error) }
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
                if let d = try Self.choleskySolve(h, minusG) {
                    notes.append("Hessian not positive definite at iteration \(iteration); ridge \(tau) added")
                    return (d, true)
                }
                tau *= 10
            }
            return nil
        }
    }

    /// H⁻¹·b by Cholesky; nil when H is not positive definite or the solution is not finite. Any other
    /// linear-algebra failure (a shape error, LAPACK rejecting an argument) is a bug and is thrown, not swallowed.
    static func choleskySolve(_ h: Matrix, _ b: Vector) throws(RunError) -> [Double]? {
        do {
            let d = try Cholesky(h).solve(b)
            return d.elements.allSatisfy(\.isFinite) ? d.elements : nil
        } catch .notPositiveDefinite {
            return nil
        } catch {
            throw .linearAlgebra(error)
        }
    }
}
