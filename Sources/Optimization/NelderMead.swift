/// Derivative-free minimisation by the Nelder–Mead simplex method (Nelder & Mead 1965), in the variant of
/// Nash (1990, *Compact Numerical Methods for Computers*, 2nd ed., Algorithm 19) that R's `optim(method =
/// "Nelder-Mead")` uses, with optional dimension-dependent parameters of Gao & Han (2012, *Computational
/// Optimization and Applications* 51:259–277).
///
/// Each iteration reflects the worst vertex H through the centroid C of the others: R = C + α(C − H).
/// If R beats the best vertex, the expansion E = C + γ(R − C) is tried and the better of E and R kept. Otherwise
/// H is replaced by R if R is better than H, and a contraction K = C + β(H − C) is tried (Nash's variant always
/// tries it); if K is not better than H and R was not better than H, the simplex shrinks towards the best vertex by
/// the factor δ. The search stops when `f_high ≤ f_low + reltol·(|f_0| + reltol)` (R's test, with `f_0` the value at
/// the start), when `f_low ≤ abstol`, or when more than `maxEvaluations` function values have been used.
///
/// The initial simplex is R's: the start plus, for each coordinate, a step of `max(0.1·max|x_i|, 0.1)`.
///
/// Non-finite values: at the start the run stops with ``ConvergenceReason/nonFiniteObjective`` (R's `optim`
/// stops with an error there); afterwards NaN/±∞ values count as +∞, so such points are never accepted (R uses
/// 1e35). Zero parameters: the objective is evaluated once and the reason is ``ConvergenceReason/zeroDimensional``.
///
/// Complexity: O(n) evaluations per iteration (O(n²) for a shrink), O(n²) memory.
public struct NelderMead: Sendable {
    /// Options for ``NelderMead``. Defaults are R's `optim(method = "Nelder-Mead")` control defaults.
    public struct Options: Sendable, Equatable {
        /// Relative convergence tolerance. Default 1e-8 (R's `reltol`, `sqrt(.Machine$double.eps)`).
        public var relativeTolerance: Double
        /// Stop as soon as the best value is ≤ this. Default −∞ (R's `abstol`), i.e. off.
        public var absoluteTolerance: Double
        /// Maximum number of function evaluations. Default 500, R's `maxit` for Nelder–Mead (which in R's
        /// implementation bounds the function-evaluation count, not iterations).
        public var maxEvaluations: Int
        /// Reflection coefficient α. Default 1 (R's `alpha`).
        public var reflection: Double
        /// Contraction coefficient β. Default 0.5 (R's `beta`).
        public var contraction: Double
        /// Expansion coefficient γ. Default 2 (R's `gamma`).
        public var expansion: Double
        /// Shrink coefficient δ. Default 0.5 (R shrinks with `beta`, which is 0.5).
        public var shrink: Double
        /// When `true`, α, β, γ, δ are replaced by Gao & Han's (2012) adaptive values for n parameters:
        /// α = 1, γ = 1 + 2/n, β = 0.75 − 1/(2n), δ = 1 − 1/n, which keep the expansion and contraction from
        /// degrading in high dimensions. Default `false` (as R). For n = 2 the adaptive values are the standard ones.
        public var adaptive: Bool

        /// Creates options; the defaults match R's `optim(method = "Nelder-Mead")`.
        public init(
            relativeTolerance: Double = 1e-8, absoluteTolerance: Double = -.infinity, maxEvaluations: Int = 500,
            reflection: Double = 1, contraction: Double = 0.5, expansion: Double = 2, shrink: Double = 0.5,
            adaptive: Bool = false
        ) {
            self.relativeTolerance = relativeTolerance
            self.absoluteTolerance = absoluteTolerance
            self.maxEvaluations = maxEvaluations
            self.reflection = reflection
            self.contraction = contraction
            self.expansion = expansion
            self.shrink = shrink
            self.adaptive = adaptive
        }
    }

    /// The options used by ``minimize(_:from:)``.
    public var options: Options

    /// Creates a minimiser with the given options.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Minimises `objective` starting from `start`.
    ///
    /// - Throws: ``OptimizationError/nonFiniteStart(index:)`` for a NaN/infinite start coordinate;
    ///   ``OptimizationError/invalidOption(name:value:)`` for invalid coefficients (α ≤ 0, β or δ outside (0, 1),
    ///   γ ≤ 1), a negative or NaN tolerance, or fewer than one allowed evaluation.
    public func minimize(
        _ objective: ([Double]) -> Double, from start: [Double]
    ) throws(OptimizationError) -> OptimizationResult {
        try validate()
        for (i, x) in start.enumerated() where !x.isFinite { throw .nonFiniteStart(index: i) }
        let n = start.count
        var alpha = options.reflection, beta = options.contraction
        var gamma = options.expansion, delta = options.shrink
        if options.adaptive && n > 0 {
            let dn = Double(n)
            alpha = 1
            gamma = 1 + 2 / dn
            beta = 0.75 - 1 / (2 * dn)
            delta = max(1 - 1 / dn, 0.5)  // n = 1 would give 0; fall back to the standard 0.5
        }

        var evaluations = 0
        var sawNonFinite = false
        func f(_ x: [Double]) -> Double {
            evaluations += 1
            let value = objective(x)
            if value.isFinite { return value }
            sawNonFinite = true
            return .infinity
        }

        let f0Raw = objective(start)
        evaluations = 1
        guard f0Raw.isFinite else {
            return OptimizationResult(solution: start, value: f0Raw, record: OptimizationRecord(
                functionEvaluations: 1, objectiveTrace: [f0Raw], reason: .nonFiniteObjective,
                notes: ["objective not finite at the start"]))
        }
        if n == 0 {
            return OptimizationResult(solution: start, value: f0Raw, record: OptimizationRecord(
                functionEvaluations: 1, objectiveTrace: [f0Raw], reason: .zeroDimensional))
        }
        let convergenceTolerance = options.relativeTolerance * (abs(f0Raw) + options.relativeTolerance)

        // Initial simplex (R's nmmin): vertex 0 is the start; vertex j+1 moves coordinate j by `size`,
        // multiplying the step by 10 until it actually changes the coordinate.
        var size = 0.0
        for x in start { size = max(size, 0.1 * abs(x)) }
        if size == 0 { size = 0.1 }
        var vertices = [start]
        var values = [f0Raw]
        var simplexSize = 0.0
        for j in 0..<n {
            var vertex = start
            var trial = size
            while vertex[j] == start[j] {
                vertex[j] = start[j] + trial
                trial *= 10
            }
            simplexSize += trial
            vertices.append(vertex)
        }
        for j in 1...n { values.append(f(vertices[j])) }
        var oldSize = simplexSize

        var iterations = 0
        var trace = [f0Raw]
        var reason = ConvergenceReason.maxEvaluations
        var low = 0
        while true {
            // Locate best (low) and worst (high) vertices; ties keep the earlier best, as R.
            var lowValue = values[low]
            var high = low, highValue = lowValue
            for j in 0...n where j != low {
                if values[j] < lowValue { low = j; lowValue = values[j] }
                if values[j] > highValue { high = j; highValue = values[j] }
            }
            if highValue <= lowValue + convergenceTolerance { reason = .simplexSize; break }
            if lowValue <= options.absoluteTolerance { reason = .relativeReduction; break }
            if evaluations > options.maxEvaluations { reason = .maxEvaluations; break }
            iterations += 1

            // Centroid of all vertices but the worst, summed in R's order (−x_H + Σ_j x_j) so that runs
            // reproduce R's arithmetic.
            var centroid = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var sum = -vertices[high][i]
                for j in 0...n { sum += vertices[j][i] }
                centroid[i] = sum / Double(n)
            }

            var reflected = [Double](repeating: 0, count: n)
            for i in 0..<n { reflected[i] = (1 + alpha) * centroid[i] - alpha * vertices[high][i] }
            let reflectedValue = f(reflected)
            if reflectedValue < lowValue {
                var expanded = [Double](repeating: 0, count: n)
                for i in 0..<n { expanded[i] = gamma * reflected[i] + (1 - gamma) * centroid[i] }
                let expandedValue = f(expanded)
                if expandedValue < reflectedValue {
                    vertices[high] = expanded; values[high] = expandedValue
                } else {
                    vertices[high] = reflected; values[high] = reflectedValue
                }
            } else {
                if reflectedValue < highValue {
                    vertices[high] = reflected; values[high] = reflectedValue
                }
                var contracted = [Double](repeating: 0, count: n)
                for i in 0..<n { contracted[i] = beta * vertices[high][i] + (1 - beta) * centroid[i] }
                let contractedValue = f(contracted)
                if contractedValue < values[high] {
                    vertices[high] = contracted; values[high] = contractedValue
                } else if reflectedValue >= highValue {
                    // Shrink towards the best vertex.
                    var newSize = 0.0
                    for j in 0...n where j != low {
                        for i in 0..<n {
                            vertices[j][i] = delta * (vertices[j][i] - vertices[low][i]) + vertices[low][i]
                            newSize += abs(vertices[j][i] - vertices[low][i])
                        }
                    }
                    if newSize < oldSize {
                        oldSize = newSize
                    } else {
                        trace.append(values[low])
                        reason = .degenerateSimplex
                        break
                    }
                    for j in 0...n where j != low { values[j] = f(vertices[j]) }
                }
            }
            trace.append(values.min() ?? lowValue)
        }
        var best = 0
        for j in 1...n where values[j] < values[best] { best = j }
        var notes: [String] = []
        if sawNonFinite { notes.append("non-finite objective values were treated as +Inf (points rejected)") }
        if options.adaptive { notes.append("adaptive Gao–Han coefficients used") }
        return OptimizationResult(solution: vertices[best], value: values[best], record: OptimizationRecord(
            iterations: iterations, functionEvaluations: evaluations, objectiveTrace: trace, reason: reason,
            notes: notes))
    }

    private func validate() throws(OptimizationError) {
        let o = options
        guard o.reflection.isFinite, o.reflection > 0 else { throw .invalidOption(name: "reflection", value: o.reflection) }
        guard o.contraction > 0, o.contraction < 1 else { throw .invalidOption(name: "contraction", value: o.contraction) }
        guard o.expansion.isFinite, o.expansion > 1 else { throw .invalidOption(name: "expansion", value: o.expansion) }
        guard o.shrink > 0, o.shrink < 1 else { throw .invalidOption(name: "shrink", value: o.shrink) }
        guard o.relativeTolerance >= 0 else { throw .invalidOption(name: "relativeTolerance", value: o.relativeTolerance) }
        guard !o.absoluteTolerance.isNaN else { throw .invalidOption(name: "absoluteTolerance", value: o.absoluteTolerance) }
        guard o.maxEvaluations >= 1 else { throw .invalidOption(name: "maxEvaluations", value: Double(o.maxEvaluations)) }
    }
}
