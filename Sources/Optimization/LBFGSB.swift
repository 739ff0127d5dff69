/// Limited-memory BFGS minimisation with box bounds, L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995, "A limited memory
/// algorithm for bound constrained optimization", *SIAM J. Sci. Comput.* 16:1190–1208), as in R's
/// `optim(method = "L-BFGS-B")`.
///
/// Each iteration (i) builds the quadratic model with the compact limited-memory matrix B (``LimitedMemoryBFGS``);
/// (ii) finds the generalized Cauchy point, the first local minimiser of the model along the projected steepest
/// descent path x(t) = P(x − t·g) (Algorithm CP, §4), which fixes the variables whose breakpoints are passed;
/// (iii) minimises the model over the remaining free variables by the direct primal method (§5.1, with the
/// Sherman–Morrison–Woodbury form of the reduced inverse) and truncates the step to the box; (iv) searches along
/// the resulting direction for a step satisfying the strong Wolfe conditions (``StrongWolfeLineSearch``,
/// c₁ = 1e-3, c₂ = 0.9, at most 20 evaluations, as the Fortran code). A correction pair is stored only if
/// sᵀy > ε·(−gᵀs) (the reference code's curvature safeguard). If the line search fails, the memory is discarded
/// and the iteration is retried from a steepest-descent model; a second failure without memory stops the run
/// with ``ConvergenceReason/lineSearchFailure``.
///
/// Stopping (R's semantics): ‖proj g‖∞ ≤ `projectedGradientTolerance` (R's `pgtol`), where the projected gradient
/// is the gradient with components that point out of the box at an active bound cut to the distance to the bound;
/// or (f_old − f)/max(|f_old|, |f|, 1) ≤ `factr`·ε (R's `factr`, ε = 2.2e-16); or `maxIterations` (R's `maxit`).
///
/// Start outside the box: the start is **projected** onto the box (as the reference implementation does) and a
/// note is recorded. Non-finite objective or gradient at the (projected) start: stop with
/// ``ConvergenceReason/nonFiniteObjective``; during line searches such points are backed out of by bisection.
///
/// Complexity: O(n·m + m³) work and O(n·m) memory per iteration, plus O(n log n) for sorting breakpoints.
public struct LBFGSB: Sendable {
    /// Options for ``LBFGSB``; defaults are R's `optim(method = "L-BFGS-B")` control defaults.
    public struct Options: Sendable, Equatable {
        /// Number of correction pairs kept, m. Default 5 (R's `lmm`).
        public var memory: Int
        /// Relative-reduction factor: stop when the relative reduction is ≤ `factr`·ε. Default 1e7 (R's `factr`,
        /// giving a tolerance of about 2.2e-9); 1e12 is "low accuracy", 10 "extremely high".
        public var factr: Double
        /// Stop when the sup-norm of the projected gradient is ≤ this. Default 0 (R's `pgtol`, which disables the
        /// test except for an exactly zero projected gradient).
        public var projectedGradientTolerance: Double
        /// Maximum number of iterations. Default 100 (R's `maxit` for the derivative-based methods).
        public var maxIterations: Int

        /// Creates options; the defaults match R's `optim`.
        public init(memory: Int = 5, factr: Double = 1e7, projectedGradientTolerance: Double = 0,
                    maxIterations: Int = 100) {
            self.memory = memory
            self.factr = factr
            self.projectedGradientTolerance = projectedGradientTolerance
            self.maxIterations = maxIterations
        }
    }

    /// The options used by ``minimize(_:from:bounds:)``.
    public var options: Options

    /// Creates a minimiser with the given options.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Minimises a function given by a closure returning its value and gradient.
    ///
    /// - Parameters:
    ///   - objective: returns f(x) and ∇f(x) (a gradient of length `x.count`).
    ///   - start: the starting point; projected onto `bounds` if outside.
    ///   - bounds: the box; `nil` means unbounded.
    /// - Throws: ``OptimizationError/dimensionMismatch(expected:actual:)`` if bounds and start differ in length;
    ///   ``OptimizationError/nonFiniteStart(index:)`` for a NaN/infinite start coordinate;
    ///   ``OptimizationError/invalidOption(name:value:)`` for m < 1, negative/NaN tolerances or maxIterations < 0.
    public func minimize(
        _ objective: ([Double]) -> (value: Double, gradient: [Double]),
        from start: [Double], bounds: BoxBounds? = nil
    ) throws(OptimizationError) -> OptimizationResult {
        guard options.memory >= 1 else { throw .invalidOption(name: "memory", value: Double(options.memory)) }
        guard options.factr >= 0, options.factr.isFinite else {
            throw .invalidOption(name: "factr", value: options.factr)
        }
        guard options.projectedGradientTolerance >= 0 else {
            throw .invalidOption(name: "projectedGradientTolerance", value: options.projectedGradientTolerance)
        }
        guard options.maxIterations >= 0 else {
            throw .invalidOption(name: "maxIterations", value: Double(options.maxIterations))
        }
        let n = start.count
        let box = bounds ?? BoxBounds.unbounded(count: n)
        guard box.count == n else { throw .dimensionMismatch(expected: n, actual: box.count) }
        for (i, v) in start.enumerated() where !v.isFinite { throw .nonFiniteStart(index: i) }

        var notes: [String] = []
        var x = box.project(start)
        if x != start { notes.append("start was outside the bounds and has been projected onto them") }

        var evaluations = 0
        func evaluate(_ point: [Double]) -> (value: Double, gradient: [Double]) {
            evaluations += 1
            return objective(point)
        }
        var (f, g) = evaluate(x)
        if g.count != n {
            throw .dimensionMismatch(expected: n, actual: g.count)
        }
        func record(_ reason: ConvergenceReason, _ iterations: Int, _ trace: [Double], _ pg: Double?,
                    _ resets: Int) -> OptimizationRecord {
            OptimizationRecord(iterations: iterations, functionEvaluations: evaluations,
                               gradientEvaluations: evaluations, objectiveTrace: trace, finalGradientNorm: pg,
                               reason: reason, stepHalvings: resets, notes: notes)
        }
        guard f.isFinite, !g.contains(where: { !$0.isFinite }) else {
            notes.append("objective or gradient not finite at the start")
            return OptimizationResult(solution: x, value: f, record: record(.nonFiniteObjective, 0, [f], nil, 0))
        }
        var trace = [f]
        if n == 0 {
            return OptimizationResult(solution: x, value: f, record: record(.zeroDimensional, 0, trace, 0, 0))
        }
        var pgNorm = projectedGradientNorm(x, g, box)
        if pgNorm <= options.projectedGradientTolerance {
            return OptimizationResult(solution: x, value: f, record: record(.gradientTolerance, 0, trace, pgNorm, 0))
        }
        let constrained = zip(box.lower, box.upper).contains { $0.0.isFinite || $0.1.isFinite }
        let boxed = zip(box.lower, box.upper).allSatisfy { $0.0.isFinite && $0.1.isFinite }
        var memory = LimitedMemoryBFGS(capacity: options.memory)
        let lineSearch = StrongWolfeLineSearch()
        var iterations = 0
        var resets = 0
        var failedWithoutMemory = false
        var sawNonFinite = false
        let tolerance = options.factr * Double.ulpOfOne

        while true {
            if iterations >= options.maxIterations {
                return OptimizationResult(solution: x, value: f,
                                          record: record(.maxIterations, iterations, trace, pgNorm, resets))
            }
            let cauchy = generalizedCauchyPoint(x: x, g: g, box: box, memory: memory)
            guard cauchy.descent else {
                // Projected gradient is zero: x is a stationary point of the bound-constrained problem.
                return OptimizationResult(solution: x, value: f,
                                          record: record(.gradientTolerance, iterations, trace, pgNorm, resets))
            }
            let target = subspaceMinimum(x: x, g: g, box: box, memory: memory, cauchy: cauchy)
            var d = [Double](repeating: 0, count: n)
            for i in 0..<n { d[i] = target[i] - x[i] }
            let slope = dot(g, d)
            // Largest feasible step along d (the reference code's `stpmx`).
            var maxStep = 1e10
            if constrained {
                if iterations == 0 {
                    maxStep = 1
                } else {
                    for i in 0..<n {
                        if d[i] < 0, box.lower[i].isFinite {
                            let room = box.lower[i] - x[i]
                            if room >= 0 { maxStep = 0 } else if d[i] * maxStep < room { maxStep = room / d[i] }
                        } else if d[i] > 0, box.upper[i].isFinite {
                            let room = box.upper[i] - x[i]
                            if room <= 0 { maxStep = 0 } else if d[i] * maxStep > room { maxStep = room / d[i] }
                        }
                    }
                }
            }
            let norm = dot(d, d).squareRoot()
            let initialStep = (iterations == 0 && !boxed) ? min(1 / norm, maxStep) : 1
            var outcome: StrongWolfeLineSearch.Outcome?
            if slope < 0, maxStep > 0, norm > 0 {
                let o = lineSearch.search(from: x, value: f, gradient: g, direction: d, initialStep: initialStep,
                                          maxStep: maxStep, bounds: box, evaluate: evaluate)
                if o.sawNonFinite { sawNonFinite = true }
                if o.status != .failed { outcome = o }
            }
            guard let accepted = outcome else {
                if memory.count == 0 || failedWithoutMemory {
                    if sawNonFinite { notes.append("non-finite objective values met in the line search") }
                    return OptimizationResult(solution: x, value: f,
                                              record: record(.lineSearchFailure, iterations, trace, pgNorm, resets))
                }
                memory.reset()
                resets += 1
                failedWithoutMemory = true
                notes.append("line search failed at iteration \(iterations + 1); L-BFGS memory reset")
                continue
            }
            failedWithoutMemory = false
            iterations += 1
            var s = [Double](repeating: 0, count: n)
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                s[i] = accepted.x[i] - x[i]
                y[i] = accepted.gradient[i] - g[i]
            }
            let fOld = f
            let gOldDotS = dot(g, s)
            x = accepted.x; f = accepted.value; g = accepted.gradient
            trace.append(f)
            pgNorm = projectedGradientNorm(x, g, box)
            if sawNonFinite {
                notes.append("non-finite objective values met in a line search were backed out of")
                sawNonFinite = false
            }
            if pgNorm <= options.projectedGradientTolerance {
                return OptimizationResult(solution: x, value: f,
                                          record: record(.gradientTolerance, iterations, trace, pgNorm, resets))
            }
            if fOld - f <= tolerance * max(abs(fOld), abs(f), 1) {
                return OptimizationResult(solution: x, value: f,
                                          record: record(.relativeReduction, iterations, trace, pgNorm, resets))
            }
            let sy = dot(s, y)
            if sy > Double.ulpOfOne * (-gOldDotS) {
                memory.append(s: s, y: y)
            }
        }
    }

    /// Sup-norm of the projected gradient (R's `projgr`).
    func projectedGradientNorm(_ x: [Double], _ g: [Double], _ box: BoxBounds) -> Double {
        var norm = 0.0
        for i in x.indices {
            var gi = g[i]
            if gi < 0 {
                if box.upper[i].isFinite { gi = max(x[i] - box.upper[i], gi) }
            } else {
                if box.lower[i].isFinite { gi = min(x[i] - box.lower[i], gi) }
            }
            norm = max(norm, abs(gi))
        }
        return norm
    }
}
