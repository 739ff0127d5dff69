import Foundation

/// Root finding for quantiles of continuous distributions on the log scale.
///
/// Solves log T(x) = log target for x > 0, where T is a tail probability (the lower tail F, increasing in x, or
/// the upper tail 1 − F, decreasing), by safeguarded Newton iteration in u = ln x:
/// g(u) = ln T(eᵘ) − ln target, g′(u) = ±x f(x)/T(x). Because distribution tails are close to power laws or
/// exponentials in x, g is nearly linear in u in both tails, so Newton converges in a handful of steps even for
/// targets near 1e-300; a bracket [u_lo, u_hi] on the sign of g is kept and any step that leaves it is replaced by
/// bisection (or, while a side is still unbounded, by a doubling step). Two final Newton steps in x itself on the
/// tail probability (not its log, whose rounding would limit x to ~|ln p| ε) remove the rounding of exp(u). Complexity: O(iterations) tail evaluations, typically 5–15, at most 400.
///
/// `logTail(x)` and `logDensity(x)` must be accurate on the log scale; the caller handles targets 0 and 1.
enum QuantileSearch {
    static func solve(target: Double, lowerTail: Bool, start: Double,
                      tail: (Double) -> Double, logTail: (Double) -> Double, logDensity: (Double) -> Double,
                      upperBound: Double = .infinity) -> Double {
        let logTarget = log(target)
        let sign: Double = lowerTail ? 1 : -1
        // h(u) = sign · g(u) is increasing in u.
        var lo = -Double.infinity, hi = upperBound == .infinity ? Double.infinity : log(upperBound)
        var u = start > 0 && start.isFinite ? log(start) : 0
        if u >= hi { u = hi - 1e-3 * max(1, abs(hi)) }
        var iterations = 0
        while iterations < 400 {
            iterations += 1
            let x = exp(u)
            let lt = logTail(x)
            let hv = sign * (lt - logTarget)
            if hv == 0 { break }
            if hv.isNaN { break }
            if hv < 0 { lo = u } else { hi = u }
            // Newton step in u: dh/du = x f / T.
            let slope = exp(logDensity(x) + u - lt)
            var next = u - hv / slope
            if !next.isFinite || next <= lo || next >= hi {
                if lo == -.infinity {
                    next = u - max(1, 2 * abs(u))
                } else if hi == .infinity {
                    next = u + max(1, 2 * abs(u))
                } else {
                    next = 0.5 * (lo + hi)
                }
            }
            if abs(next - u) <= 1e-15 * max(1, abs(u)) || (lo.isFinite && hi.isFinite && hi - lo <= 1e-15 * max(1, abs(u))) {
                u = next
                break
            }
            u = next
        }
        // Polish in x: Newton on T(x) − target with dT/dx = ±f (the target is ≥ 1e-305 in practice, so T is a
        // normal double; otherwise the log form is used).
        var x = exp(u)
        if !(x > 0) || !x.isFinite { return x }
        for _ in 0..<2 {
            let step: Double
            if target >= 1e-300 {
                step = -sign * (tail(x) - target) / exp(logDensity(x))
            } else {
                let lt = logTail(x)
                step = -sign * (lt - logTarget) * exp(lt - logDensity(x))
            }
            if !step.isFinite || abs(step) > 1e-6 * x || step == 0 { break }
            x += step
        }
        if x > upperBound { x = upperBound }
        return x
    }
}
