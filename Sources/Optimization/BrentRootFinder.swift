/// Root finding on a bracketing interval by Brent's method, combining bisection, the secant rule and inverse
/// quadratic interpolation (Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 4, procedure
/// `zero`; the "zeroin" algorithm used by R's `uniroot()`).
///
/// Requires `f(lower)` and `f(upper)` of opposite sign (or one of them zero). The root is bracketed at every step,
/// so the method always converges; it stops when the bracket half-width is below `2·ε·|b| + tolerance/2` (Brent's
/// `tol_act`, with ε the machine epsilon), as in R.
///
/// Non-finite values: +∞/−∞ are replaced by ±(largest finite double), which keeps their sign information, as R's
/// `uniroot` does. A NaN value stops the search with ``ConvergenceReason/nonFiniteObjective`` and the best
/// bracketed point so far.
///
/// Complexity: at most about log2((upper − lower)/tolerance)² evaluations in the worst case (Brent's bound);
/// superlinear convergence for smooth functions.
public struct BrentRootFinder: Sendable {
    /// Options for ``BrentRootFinder``.
    public struct Options: Sendable, Equatable {
        /// Absolute tolerance on the root. Default `ε^(1/4)` ≈ 1.22e-4, as R's `uniroot(tol = .Machine$double.eps^0.25)`,
        /// so results agree with R out of the box; pass a smaller value for more accuracy.
        public var tolerance: Double
        /// Maximum number of iterations. Default 1000, as R's `uniroot(maxiter = 1000)`.
        public var maxIterations: Int

        /// Creates options; the defaults match R's `uniroot`.
        public init(tolerance: Double = 0x1p-13, maxIterations: Int = 1000) {
            self.tolerance = tolerance
            self.maxIterations = maxIterations
        }
    }

    /// The options used by ``findRoot(_:lower:upper:)``.
    public var options: Options

    /// Creates a root finder with the given options.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Finds a root of `function` in `[lower, upper]`.
    ///
    /// If `f(lower)` and `f(upper)` have the same (non-zero) sign the result has reason
    /// ``ConvergenceReason/noSignChange`` (R's `uniroot` stops with an error in that case), root NaN and
    /// `converged == false`.
    ///
    /// - Throws: ``OptimizationError/invalidInterval(lower:upper:)`` unless `lower < upper` and both are finite;
    ///   ``OptimizationError/invalidOption(name:value:)`` for a negative or non-finite tolerance or a negative
    ///   iteration cap.
    public func findRoot(
        _ function: (Double) -> Double, lower: Double, upper: Double
    ) throws(OptimizationError) -> RootResult {
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw .invalidInterval(lower: lower, upper: upper)
        }
        guard options.tolerance.isFinite, options.tolerance >= 0 else {
            throw .invalidOption(name: "tolerance", value: options.tolerance)
        }
        guard options.maxIterations >= 0 else {
            throw .invalidOption(name: "maxIterations", value: Double(options.maxIterations))
        }
        var evaluations = 0
        var replacedInfinite = false
        func f(_ x: Double) -> Double {
            evaluations += 1
            let value = function(x)
            if value == .infinity { replacedInfinite = true; return .greatestFiniteMagnitude }
            if value == -.infinity { replacedInfinite = true; return -.greatestFiniteMagnitude }
            return value
        }
        func finish(_ root: Double, _ value: Double, _ precision: Double, _ iterations: Int,
                    _ trace: [Double], _ reason: ConvergenceReason) -> RootResult {
            var notes: [String] = []
            if replacedInfinite {
                notes.append("infinite function values were replaced by ±(largest finite double) (as R's uniroot)")
            }
            let record = OptimizationRecord(
                iterations: iterations, functionEvaluations: evaluations, objectiveTrace: trace,
                reason: reason, notes: notes)
            return RootResult(root: root, value: value, estimatedPrecision: precision, record: record)
        }

        var a = lower, b = upper
        var fa = f(a), fb = f(b)
        if fa.isNaN || fb.isNaN {
            return finish(.nan, .nan, .nan, 0, [], .nonFiniteObjective)
        }
        if fa == 0 { return finish(a, fa, 0, 0, [0], .exactSolution) }
        if fb == 0 { return finish(b, fb, 0, 0, [0], .exactSolution) }
        if (fa > 0) == (fb > 0) {
            return finish(.nan, .nan, .nan, 0, [], .noSignChange)
        }
        var c = a, fc = fa
        var trace = [min(abs(fa), abs(fb))]
        var iterations = 0
        let eps = Double.ulpOfOne
        while true {
            let previousStep = b - a
            if abs(fc) < abs(fb) {
                // Keep b as the best approximation, c on the other side of the root.
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tolAct = 2 * eps * abs(b) + options.tolerance / 2
            var newStep = (c - b) / 2
            if abs(newStep) <= tolAct || fb == 0 {
                return finish(b, fb, abs(c - b), iterations, trace, fb == 0 ? .exactSolution : .intervalTolerance)
            }
            if iterations >= options.maxIterations {
                return finish(b, fb, abs(c - b), iterations, trace, .maxIterations)
            }
            iterations += 1
            if abs(previousStep) >= tolAct && abs(fa) > abs(fb) {
                // Interpolation: secant if only two distinct points, inverse quadratic otherwise.
                var p: Double, q: Double
                let cb = c - b
                if a == c {
                    let t1 = fb / fa
                    p = cb * t1
                    q = 1 - t1
                } else {
                    let qa = fa / fc, t1 = fb / fc, t2 = fb / fa
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1))
                    q = (qa - 1) * (t1 - 1) * (t2 - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if p < 0.75 * cb * q - abs(tolAct * q) / 2 && p < abs(previousStep * q / 2) {
                    newStep = p / q
                }
            }
            if abs(newStep) < tolAct { newStep = newStep > 0 ? tolAct : -tolAct }
            a = b; fa = fb
            b += newStep
            fb = f(b)
            if fb.isNaN {
                let best = abs(fa) <= abs(fc) ? (a, fa) : (c, fc)
                trace.append(abs(best.1))
                return finish(best.0, best.1, abs(c - a), iterations, trace, .nonFiniteObjective)
            }
            if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
                c = a; fc = fa
            }
            trace.append(min(abs(fb), abs(fc)))
        }
    }
}
