/// A line search that finds a step α along a descent direction d satisfying the strong Wolfe conditions
///
///     f(x + αd) ≤ f(x) + c₁·α·gᵀd,     |∇f(x + αd)ᵀd| ≤ c₂·|gᵀd|,
///
/// by bracketing followed by sectioning ("zoom") with safeguarded cubic interpolation (Nocedal & Wright 2006,
/// *Numerical Optimization*, 2nd ed., Algorithms 3.5 and 3.6; safeguards after Moré & Thuente 1994: extrapolation
/// confined to [α + 1.1Δ, α + 4Δ], interpolation kept at least 10% of the interval from its ends).
///
/// Trial points are clamped into the box (they are feasible up to rounding when `maxStep` is the largest feasible
/// step). A non-finite value or gradient at a trial point is treated as "too far": the point becomes the upper end
/// of the bracket and the interval is bisected, so a non-finite region is backed out of rather than crashed into.
///
/// If the evaluation budget runs out, the best point with sufficient decrease is returned with status
/// `.sufficientDecrease` (as L-BFGS-B accepts Moré–Thuente's warnings), or `.failed` if there is none.
struct StrongWolfeLineSearch {
    enum Status { case wolfe, sufficientDecrease, failed }

    struct Outcome {
        var step: Double
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var evaluations: Int
        var status: Status
        var sawNonFinite: Bool
    }

    private struct Point {
        var step: Double
        var value: Double
        var slope: Double
        var x: [Double]
        var gradient: [Double]
    }

    /// Sufficient-decrease constant c₁ (L-BFGS-B's `ftol` = 1e-3).
    var c1 = 1e-3
    /// Curvature constant c₂ (L-BFGS-B's `gtol` = 0.9).
    var c2 = 0.9
    /// Evaluation budget per search (L-BFGS-B allows 20).
    var maxEvaluations = 20

    func search(
        from x0: [Double], value f0: Double, gradient g0: [Double], direction d: [Double],
        initialStep: Double, maxStep: Double, bounds: BoxBounds,
        evaluate: ([Double]) -> (value: Double, gradient: [Double])
    ) -> Outcome {
        let slope0 = dot(g0, d)
        var evaluations = 0
        var sawNonFinite = false
        func phi(_ step: Double) -> Point {
            var x = x0
            for i in x.indices { x[i] += step * d[i] }
            x = bounds.project(x)
            let (f, g) = evaluate(x)
            evaluations += 1
            if !f.isFinite || g.count != x.count || g.contains(where: { !$0.isFinite }) {
                sawNonFinite = true
                return Point(step: step, value: .infinity, slope: .nan, x: x, gradient: g)
            }
            return Point(step: step, value: f, slope: dot(g, d), x: x, gradient: g)
        }
        func sufficient(_ p: Point) -> Bool { p.value <= f0 + c1 * p.step * slope0 }
        func curvature(_ p: Point) -> Bool { abs(p.slope) <= -c2 * slope0 }
        func outcome(_ p: Point, _ status: Status) -> Outcome {
            Outcome(step: p.step, x: p.x, value: p.value, gradient: p.gradient, evaluations: evaluations,
                    status: status, sawNonFinite: sawNonFinite)
        }
        let start = Point(step: 0, value: f0, slope: slope0, x: x0, gradient: g0)
        func fallback(_ lo: Point) -> Outcome {
            if lo.step > 0 && lo.value < f0 { return outcome(lo, .sufficientDecrease) }
            return outcome(start, .failed)
        }

        var previous = start
        var step = min(initialStep, maxStep)
        guard step > 0, slope0 < 0 else { return outcome(start, .failed) }
        var lo = start, hi = start
        var bracketed = false
        // Bracketing phase.
        while evaluations < maxEvaluations {
            let p = phi(step)
            if !p.value.isFinite || !sufficient(p) || (evaluations > 1 && p.value >= previous.value) {
                lo = previous; hi = p; bracketed = true
                break
            }
            if curvature(p) { return outcome(p, .wolfe) }
            if p.slope >= 0 {
                lo = p; hi = previous; bracketed = true
                break
            }
            if step >= maxStep { return outcome(p, .sufficientDecrease) }
            let delta = step - previous.step
            var next = step + 4 * delta
            if let c = cubicMinimizer(previous, p), c >= step + 1.1 * delta, c <= step + 4 * delta { next = c }
            previous = p
            step = min(next, maxStep)
        }
        guard bracketed else { return fallback(previous) }
        // Zoom phase: lo has the lowest value with sufficient decrease; the minimiser lies between lo and hi.
        while evaluations < maxEvaluations {
            let width = abs(hi.step - lo.step)
            if width <= 1e-14 * max(1, abs(lo.step)) { break }
            let lower = min(lo.step, hi.step), upper = max(lo.step, hi.step)
            var trial = (lo.step + hi.step) / 2
            if hi.value.isFinite, let c = cubicMinimizer(lo, hi),
               c >= lower + 0.1 * width, c <= upper - 0.1 * width {
                trial = c
            }
            let p = phi(trial)
            if !p.value.isFinite || !sufficient(p) || p.value >= lo.value {
                hi = p
            } else {
                if curvature(p) { return outcome(p, .wolfe) }
                if p.slope * (hi.step - lo.step) >= 0 { hi = lo }
                lo = p
            }
        }
        return fallback(lo)
    }

    /// Minimiser of the cubic interpolating values and slopes at two points (Nocedal & Wright 2006, eq. 3.59),
    /// or nil if the cubic has no interior minimum.
    private func cubicMinimizer(_ a: Point, _ b: Point) -> Double? {
        guard a.slope.isFinite, b.slope.isFinite, a.step != b.step else { return nil }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return nil }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        let denominator = b.slope - a.slope + 2 * d2
        guard denominator != 0 else { return nil }
        let c = b.step - (b.step - a.step) * (b.slope + d2 - d1) / denominator
        return c.isFinite ? c : nil
    }
}
