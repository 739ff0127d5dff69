internal import Foundation
internal import Optimization

/// Finite-difference derivatives of a smooth objective on a box with lower bounds, and the bounded minimisation
/// built on them.
///
/// Gradient: central differences (f(x+hᵢeᵢ) − f(x−hᵢeᵢ))/(2hᵢ) with hᵢ = 1e-5·max(|xᵢ|, 0.1), error O(h²) + O(ε·|f|/h);
/// where x − hᵢeᵢ would cross a lower bound, the second-order forward formula (−3f(x) + 4f(x+h) − f(x+2h))/(2h)
/// (Nocedal & Wright 2006, *Numerical Optimization*, §8.1). The step 1e-5 balances the two errors for a deviance
/// of order 10³ (ε·10³/10⁻⁵ ≈ 2e-8). Hessian: central second differences of f with steps hᵢ = 1e-4·max(|xᵢ|, 0.1)
/// (ibid., eq. 8.9), error O(h²) + O(ε·|f|/h²).
enum NumericalDerivatives {
    static func step(_ x: Double, _ scale: Double) -> Double { scale * max(abs(x), 0.1) }

    static func gradient(_ f: ([Double]) -> Double, at x: [Double], value fx: Double, lower: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        var xp = x
        for i in x.indices {
            let h = step(x[i], 1e-5)
            if x[i] - h >= lower[i] {
                xp[i] = x[i] + h; let fp = f(xp)
                xp[i] = x[i] - h; let fm = f(xp)
                g[i] = (fp - fm) / (2 * h)
            } else {
                xp[i] = x[i] + h; let f1 = f(xp)
                xp[i] = x[i] + 2 * h; let f2 = f(xp)
                g[i] = (-3 * fx + 4 * f1 - f2) / (2 * h)
            }
            xp[i] = x[i]
        }
        return g
    }

    /// The Hessian from an exact gradient by central differences, (∇f(x+hⱼeⱼ) − ∇f(x−hⱼeⱼ))/(2hⱼ) with
    /// hⱼ = 1e-5·max(|xⱼ|, 0.1), symmetrised; error O(h²) + O(ε·|∇f|/h). 2n gradient evaluations.
    static func hessian(gradient: ([Double]) -> [Double], at x: [Double]) -> [Double] {
        let n = x.count
        var h = [Double](repeating: 0, count: n * n)
        var xp = x
        for j in 0..<n {
            let s = step(x[j], 1e-5)
            xp[j] = x[j] + s; let gp = gradient(xp)
            xp[j] = x[j] - s; let gm = gradient(xp)
            xp[j] = x[j]
            for i in 0..<n { h[i + j * n] = (gp[i] - gm[i]) / (2 * s) }
        }
        for j in 0..<n { for i in 0..<j { let v = (h[i + j * n] + h[j + i * n]) / 2; h[i + j * n] = v; h[j + i * n] = v } }
        return h
    }

    /// The symmetric Hessian of f at x (all coordinates free; the caller drops bounded ones).
    static func hessian(_ f: ([Double]) -> Double, at x: [Double], value fx: Double) -> [Double] {
        let n = x.count
        var h = [Double](repeating: 0, count: n * n)
        let steps = x.map { step($0, 1e-4) }
        var xp = x
        for i in 0..<n {
            xp[i] = x[i] + steps[i]; let fp = f(xp)
            xp[i] = x[i] - steps[i]; let fm = f(xp)
            xp[i] = x[i]
            h[i + i * n] = (fp - 2 * fx + fm) / (steps[i] * steps[i])
            for j in 0..<i {
                var s = 0.0
                for (si, sj, sign) in [(1.0, 1.0, 1.0), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)] {
                    xp[i] = x[i] + si * steps[i]; xp[j] = x[j] + sj * steps[j]
                    s += sign * f(xp)
                }
                xp[i] = x[i]; xp[j] = x[j]
                let v = s / (4 * steps[i] * steps[j])
                h[i + j * n] = v; h[j + i * n] = v
            }
        }
        return h
    }

    /// Minimises f over the box x ≥ lower by L-BFGS-B (Byrd et al. 1995) with finite-difference gradients,
    /// with tight tolerances (factr = 10, i.e. a relative reduction below 2.2e-15, and at most 1000 iterations)
    /// because the deviance is cheap and the reference values are lme4's at its tightest settings.
    static func minimize(_ f: ([Double]) -> Double, from start: [Double], lower: [Double])
        -> (solution: [Double], value: Double, record: OptimizationRecord)? {
        minimize(valueAndGradient: { x in
            let v = f(x)
            guard v.isFinite else { return (v, [Double](repeating: .nan, count: x.count)) }
            return (v, gradient(f, at: x, value: v, lower: lower))
        }, from: start, lower: lower)
    }

    /// As ``minimize(_:from:lower:)`` with the gradient supplied by the caller.
    static func minimize(valueAndGradient objective: ([Double]) -> (value: Double, gradient: [Double]),
                         from start: [Double], lower: [Double], factr: Double = 10)
        -> (solution: [Double], value: Double, record: OptimizationRecord)? {
        let upper = [Double](repeating: .infinity, count: start.count)
        guard let bounds = try? BoxBounds(lower: lower, upper: upper) else { return nil }
        let lbfgsb = LBFGSB(options: .init(memory: 10, factr: factr, projectedGradientTolerance: 0, maxIterations: 1000))
        guard let r = try? lbfgsb.minimize(objective, from: start, bounds: bounds) else { return nil }
        return (r.solution, r.value, r.record)
    }
}
