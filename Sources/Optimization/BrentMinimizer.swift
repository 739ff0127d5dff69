/// One-dimensional minimisation on a closed interval by Brent's method: golden-section search combined with
/// successive parabolic interpolation (Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 5,
/// procedure `localmin`). This is the algorithm behind R's `optimize()`/`optimise()`.
///
/// The method needs no derivatives and finds a local minimum of a function on `[lower, upper]`; for a unimodal
/// function it is the global minimum on the interval. The minimum is located to within
/// `3·√ε·|x| + tolerance/3` (Brent's `tol1`, with ε the double-precision machine epsilon), exactly as in R.
///
/// Non-finite values: NaN and +∞ are replaced by the largest finite double (so the point is never accepted as the
/// best), as R's `optimize` does, and a note is added to the record. A value of −∞ stops the search at that point
/// with reason ``ConvergenceReason/nonFiniteObjective``, since no finite minimum can be reported.
///
/// Complexity: O(log((upper − lower)/tolerance)) evaluations in the golden-section worst case; superlinear near a
/// smooth minimum.
public struct BrentMinimizer: Sendable {
    /// Options for ``BrentMinimizer``.
    public struct Options: Sendable, Equatable {
        /// Absolute interval tolerance. Default `ε^(1/4)` ≈ 1.22e-4, R's `optimize(tol = .Machine$double.eps^0.25)`,
        /// chosen so that results agree with R out of the box; pass a smaller value (down to about 1e-12 relative
        /// to |x|) for more accuracy.
        public var tolerance: Double
        /// Safety cap on iterations. Brent's method always terminates for `tolerance > 0`; R has no cap. The default
        /// 1000 is far above the ~100 iterations golden section needs to shrink any double interval to 1e-12.
        public var maxIterations: Int

        /// Creates options; the defaults match R's `optimize`.
        public init(tolerance: Double = 0x1p-13, maxIterations: Int = 1000) {
            self.tolerance = tolerance
            self.maxIterations = maxIterations
        }
    }

    /// The options used by ``minimize(_:lower:upper:)``.
    public var options: Options

    /// Creates a minimiser with the given options.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Minimises `objective` over `[lower, upper]`.
    ///
    /// - Throws: ``OptimizationError/invalidInterval(lower:upper:)`` unless `lower < upper` and both are finite;
    ///   ``OptimizationError/invalidOption(name:value:)`` for a tolerance that is not finite and positive or a
    ///   non-positive iteration cap.
    public func minimize(
        _ objective: (Double) -> Double, lower: Double, upper: Double
    ) throws(OptimizationError) -> ScalarMinimizationResult {
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw .invalidInterval(lower: lower, upper: upper)
        }
        guard options.tolerance.isFinite, options.tolerance > 0 else {
            throw .invalidOption(name: "tolerance", value: options.tolerance)
        }
        guard options.maxIterations > 0 else {
            throw .invalidOption(name: "maxIterations", value: Double(options.maxIterations))
        }
        var evaluations = 0
        var replacedNonFinite = false
        var hitNegativeInfinity = false
        func f(_ x: Double) -> Double {
            evaluations += 1
            let value = objective(x)
            if value.isFinite { return value }
            if value == -.infinity { hitNegativeInfinity = true; return -.infinity }
            replacedNonFinite = true
            return .greatestFiniteMagnitude
        }

        let golden = (3 - 5.0.squareRoot()) / 2
        let sqrtEps = Double.ulpOfOne.squareRoot()
        let tol3 = options.tolerance / 3
        var a = lower, b = upper
        var x = a + golden * (b - a)
        var w = x, v = x
        var d = 0.0, e = 0.0
        var fx = f(x)
        var fw = fx, fv = fx
        var trace = [fx]
        var iterations = 0
        var reason = ConvergenceReason.maxIterations

        if hitNegativeInfinity {
            reason = .nonFiniteObjective
        } else {
            while true {
                let mid = (a + b) / 2
                let tol1 = sqrtEps * abs(x) + tol3
                let tol2 = 2 * tol1
                if abs(x - mid) <= tol2 - (b - a) / 2 {
                    reason = .intervalTolerance
                    break
                }
                if iterations >= options.maxIterations { break }
                iterations += 1

                var p = 0.0, q = 0.0, r = 0.0
                if abs(e) > tol1 {
                    // Parabola through (v, fv), (w, fw), (x, fx).
                    r = (x - w) * (fx - fv)
                    q = (x - v) * (fx - fw)
                    p = (x - v) * q - (x - w) * r
                    q = 2 * (q - r)
                    if q > 0 { p = -p } else { q = -q }
                    r = e
                    e = d
                }
                if abs(p) >= abs(q * r / 2) || p <= q * (a - x) || p >= q * (b - x) {
                    // Golden-section step into the larger part.
                    e = x < mid ? b - x : a - x
                    d = golden * e
                } else {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = x < mid ? tol1 : -tol1 }
                }
                let u = abs(d) >= tol1 ? x + d : (d > 0 ? x + tol1 : x - tol1)
                let fu = f(u)
                if hitNegativeInfinity {
                    x = u; fx = fu
                    trace.append(fx)
                    reason = .nonFiniteObjective
                    break
                }
                if fu <= fx {
                    if u < x { b = x } else { a = x }
                    v = w; fv = fw
                    w = x; fw = fx
                    x = u; fx = fu
                } else {
                    if u < x { a = u } else { b = u }
                    if fu <= fw || w == x {
                        v = w; fv = fw
                        w = u; fw = fu
                    } else if fu <= fv || v == x || v == w {
                        v = u; fv = fu
                    }
                }
                trace.append(fx)
            }
        }
        var notes: [String] = []
        if replacedNonFinite {
            notes.append("NaN or +Inf objective values were replaced by the largest finite double (as R's optimize)")
        }
        if hitNegativeInfinity { notes.append("objective was -Inf at \(x)") }
        let record = OptimizationRecord(
            iterations: iterations, functionEvaluations: evaluations, objectiveTrace: trace,
            reason: reason, notes: notes)
        return ScalarMinimizationResult(minimum: x, value: fx == .greatestFiniteMagnitude ? objective(x) : fx,
                                        record: record)
    }
}
