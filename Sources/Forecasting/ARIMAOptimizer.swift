internal import Foundation

/// The optimiser R's `arima` calls: `optim(method = "BFGS")` with its defaults (maxit 100, reltol √ε, abstol −∞),
/// finite-difference gradients with step `ndeps` = 10⁻³ on the `parscale`-scaled parameters, and `optimhess` for the
/// Hessian. Reimplemented step for step (Nash 1990, *Compact Numerical Methods*, Algorithm 21, as R's `vmmin`), so a
/// fit here follows R's path and stops where R stops; the ARIMA tests then hold the likelihood to R's.
///
/// Objective failures are errors (R's `optim` stops with "non-finite finite-difference value" or "initial value in
/// 'vmmin' is not finite"), which `arima` turns into a failed fit.
struct ARIMAOptimizer {
    enum Failure: Error { case nonFiniteInitialValue, nonFiniteGradient, nonFiniteParameter }

    struct Result {
        var par: [Double]
        var value: Double
        /// 0 converged, 1 iteration limit reached (R's `convergence` code).
        var convergence: Int
    }

    let parscale: [Double]
    var maxit = 100
    var reltol = 1.490116119384765625e-8
    var ndeps = 1e-3

    /// Scaled-parameter objective: evaluates `f` at `p * parscale`, reusing `buffer`.
    private func value(_ f: (borrowing [Double]) -> Double, _ p: [Double], _ buffer: inout [Double]) throws(Failure) -> Double {
        for i in p.indices {
            guard p[i].isFinite else { throw .nonFiniteParameter }
            buffer[i] = p[i] * parscale[i]
        }
        return f(buffer)
    }

    private func gradient(_ f: (borrowing [Double]) -> Double, _ p: [Double], _ g: inout [Double],
                          _ buffer: inout [Double]) throws(Failure) {
        for i in p.indices { buffer[i] = p[i] * parscale[i] }
        for i in p.indices {
            buffer[i] = (p[i] + ndeps) * parscale[i]
            let v1 = f(buffer)
            buffer[i] = (p[i] - ndeps) * parscale[i]
            let v2 = f(buffer)
            g[i] = (v1 - v2) / (2 * ndeps)
            guard g[i].isFinite else { throw .nonFiniteGradient }
            buffer[i] = p[i] * parscale[i]
        }
    }

    /// R's `optim(par, fn, method = "BFGS")`: `start` and the result are on the original (unscaled) parameters.
    func minimize(start: [Double], _ f: (borrowing [Double]) -> Double) throws(Failure) -> Result {
        let n = start.count
        var buffer = [Double](repeating: 0, count: n)
        var b = (0..<n).map { start[$0] / parscale[$0] }
        func unscaled(_ b: [Double]) -> [Double] { (0..<n).map { b[$0] * parscale[$0] } }
        if maxit <= 0 {
            let fmin = try value(f, b, &buffer)
            return Result(par: unscaled(b), value: fmin, convergence: 0)
        }
        let stepredn = 0.2, acctol = 0.0001, reltest = 10.0
        var g = [Double](repeating: 0, count: n)
        var t = g, X = g, c = g
        var B = [Double](repeating: 0, count: n * n)  // lower triangle, row-major B[i*n+j], j <= i
        var f0 = try value(f, b, &buffer)
        guard f0.isFinite else { throw .nonFiniteInitialValue }
        var fmin = f0
        var gradcount = 1
        try gradient(f, b, &g, &buffer)
        var iter = 1
        var ilast = gradcount
        var count = 0
        repeat {
            if ilast == gradcount {
                for i in 0..<n {
                    for j in 0..<i { B[i * n + j] = 0 }
                    B[i * n + i] = 1
                }
            }
            for i in 0..<n { X[i] = b[i]; c[i] = g[i] }
            var gradproj = 0.0
            for i in 0..<n {
                var s = 0.0
                for j in 0...i { s -= B[i * n + j] * g[j] }
                if i + 1 < n { for j in (i + 1)..<n { s -= B[j * n + i] * g[j] } }
                t[i] = s
                gradproj += s * g[i]
            }
            if gradproj < 0 {
                var steplength = 1.0
                var accpoint = false
                repeat {
                    count = 0
                    for i in 0..<n {
                        b[i] = X[i] + steplength * t[i]
                        if reltest + X[i] == reltest + b[i] { count += 1 }
                    }
                    if count < n {
                        f0 = try value(f, b, &buffer)
                        accpoint = f0.isFinite && f0 <= fmin + gradproj * steplength * acctol
                        if !accpoint { steplength *= stepredn }
                    }
                } while !(count == n || accpoint)
                let enough = f0 > -Double.infinity && abs(f0 - fmin) > reltol * (abs(fmin) + reltol)
                if !enough {
                    count = n
                    fmin = f0
                }
                if count < n {
                    fmin = f0
                    try gradient(f, b, &g, &buffer)
                    gradcount += 1
                    iter += 1
                    var d1 = 0.0
                    for i in 0..<n {
                        t[i] = steplength * t[i]
                        c[i] = g[i] - c[i]
                        d1 += t[i] * c[i]
                    }
                    if d1 > 0 {
                        var d2 = 0.0
                        for i in 0..<n {
                            var s = 0.0
                            for j in 0...i { s += B[i * n + j] * c[j] }
                            if i + 1 < n { for j in (i + 1)..<n { s += B[j * n + i] * c[j] } }
                            X[i] = s
                            d2 += s * c[i]
                        }
                        d2 = 1 + d2 / d1
                        for i in 0..<n {
                            for j in 0...i { B[i * n + j] += (d2 * t[i] * t[j] - X[i] * t[j] - t[i] * X[j]) / d1 }
                        }
                    } else {
                        ilast = gradcount
                    }
                } else {
                    if ilast < gradcount {
                        count = 0
                        ilast = gradcount
                    }
                }
            } else {
                count = 0
                if ilast == gradcount { count = n } else { ilast = gradcount }
            }
            if iter >= maxit { break }
            if gradcount - ilast > 2 * n { ilast = gradcount }
        } while count != n || ilast != gradcount
        return Result(par: unscaled(b), value: fmin, convergence: iter < maxit ? 0 : 1)
    }

    /// R's `optimhess` at `par` (unscaled): central differences of the finite-difference gradient, symmetrised;
    /// row-major n × n on the original parameter scale.
    func hessian(at par: [Double], _ f: (borrowing [Double]) -> Double) throws(Failure) -> [Double] {
        let n = par.count
        var buffer = [Double](repeating: 0, count: n)
        var dpar = (0..<n).map { par[$0] / parscale[$0] }
        var df1 = [Double](repeating: 0, count: n)
        var df2 = df1
        var h = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            let eps = ndeps / parscale[i]
            dpar[i] += eps
            try gradient(f, dpar, &df1, &buffer)
            dpar[i] -= 2 * eps
            try gradient(f, dpar, &df2, &buffer)
            for j in 0..<n { h[i * n + j] = (df1[j] - df2[j]) / (2 * eps * parscale[i] * parscale[j]) }
            dpar[i] += eps
        }
        for i in 0..<n {
            for j in 0..<i {
                let tmp = 0.5 * (h[i * n + j] + h[j * n + i])
                h[i * n + j] = tmp
                h[j * n + i] = tmp
            }
        }
        return h
    }
}
