/// Nelder–Mead as R's C routine `nmmin` (R's `src/appl/optim.c`, the minimiser R forecast's `etsNelderMead`
/// calls), on a preallocated simplex with an objective that reads an unsafe buffer, so that an ETS fit allocates
/// nothing per evaluation.
///
/// Why not ``Optimization/NelderMead``: it implements the same method (Nash's variant as in R), but its
/// `([Double]) -> Double` objective and per-step arrays cost about a microsecond per evaluation, more than the
/// ETS recursion itself; automatic ETS on 150 short series runs about a million evaluations. This type keeps the
/// iteration of `nmmin` step for step — initial simplex (one step of 0.1·max|x_i|, or 0.1), reflection α = 1,
/// contraction β = 0.5, expansion γ = 2, shrink by β, non-finite values replaced by 1e35, stop when
/// f_high ≤ f_low + reltol·(|f_0| + reltol) or after `maxEvaluations` evaluations — so that with R's settings it
/// follows R's search.
struct ETSNelderMead {
    var relativeTolerance: Double
    var maxEvaluations: Int

    struct Result {
        var value: Double
        var evaluations: Int
        /// True when the tolerance test stopped the search (not the evaluation limit or a failed shrink).
        var converged: Bool
    }

    /// Minimises `objective` from `x` (length n), leaving the best point in `x`. `work` must hold at least
    /// (n + 1)(n + 2) + n doubles.
    func minimize(_ x: UnsafeMutableBufferPointer<Double>, work: UnsafeMutableBufferPointer<Double>,
                  _ objective: (UnsafeBufferPointer<Double>) -> Double) -> Result {
        let n = x.count
        let big = 1.0e35
        let alpha = 1.0, beta = 0.5, gamma = 2.0
        guard n > 0 else {
            return Result(value: objective(UnsafeBufferPointer(x)), evaluations: 1, converged: true)
        }
        let n1 = n + 1, cols = n + 2
        // P[i][j] at work[i * cols + j]: rows 0..<n coordinates, row n function values; column n + 1 the centroid.
        let bvec = UnsafeMutableBufferPointer(rebasing: work[((n + 1) * cols)..<((n + 1) * cols + n)])
        @inline(__always) func P(_ i: Int, _ j: Int) -> Double { work[i * cols + j] }
        @inline(__always) func setP(_ i: Int, _ j: Int, _ v: Double) { work[i * cols + j] = v }
        @inline(__always) func eval() -> Double {
            let f = objective(UnsafeBufferPointer(bvec))
            return f.isFinite ? f : big
        }
        for i in 0..<n { bvec[i] = x[i] }
        var f = objective(UnsafeBufferPointer(bvec))
        guard f.isFinite else { return Result(value: f, evaluations: 1, converged: false) }
        var funcount = 1
        let convtol = relativeTolerance * (abs(f) + relativeTolerance)
        setP(n1 - 1, 0, f)
        for i in 0..<n { setP(i, 0, bvec[i]) }
        var L = 1
        var size = 0.0
        var step = 0.0
        for i in 0..<n where 0.1 * abs(bvec[i]) > step { step = 0.1 * abs(bvec[i]) }
        if step == 0 { step = 0.1 }
        for j in 2...n1 {
            for i in 0..<n { setP(i, j - 1, bvec[i]) }
            var trystep = step
            while P(j - 2, j - 1) == bvec[j - 2] {
                setP(j - 2, j - 1, bvec[j - 2] + trystep)
                trystep *= 10
            }
            size += trystep
        }
        var oldsize = size
        var calcvert = true
        var converged = false
        repeat {
            if calcvert {
                for j in 0..<n1 where j + 1 != L {
                    for i in 0..<n { bvec[i] = P(i, j) }
                    f = eval()
                    funcount += 1
                    setP(n1 - 1, j, f)
                }
                calcvert = false
            }
            var VL = P(n1 - 1, L - 1), VH = VL, H = L
            for j in 1...n1 where j != L {
                let fj = P(n1 - 1, j - 1)
                if fj < VL { L = j; VL = fj }
                if fj > VH { H = j; VH = fj }
            }
            if VH <= VL + convtol { converged = true; break }
            for i in 0..<n {
                var temp = -P(i, H - 1)
                for j in 0..<n1 { temp += P(i, j) }
                setP(i, cols - 1, temp / Double(n))
            }
            for i in 0..<n { bvec[i] = (1 + alpha) * P(i, cols - 1) - alpha * P(i, H - 1) }
            f = eval()
            funcount += 1
            let VR = f
            if VR < VL {
                setP(n1 - 1, cols - 1, f)
                for i in 0..<n {
                    let e = gamma * bvec[i] + (1 - gamma) * P(i, cols - 1)
                    setP(i, cols - 1, bvec[i])
                    bvec[i] = e
                }
                f = eval()
                funcount += 1
                if f < VR {
                    for i in 0..<n { setP(i, H - 1, bvec[i]) }
                    setP(n1 - 1, H - 1, f)
                } else {
                    for i in 0..<n { setP(i, H - 1, P(i, cols - 1)) }
                    setP(n1 - 1, H - 1, VR)
                }
            } else {
                if VR < VH {
                    for i in 0..<n { setP(i, H - 1, bvec[i]) }
                    setP(n1 - 1, H - 1, VR)
                }
                for i in 0..<n { bvec[i] = (1 - beta) * P(i, H - 1) + beta * P(i, cols - 1) }
                f = eval()
                funcount += 1
                if f < P(n1 - 1, H - 1) {
                    for i in 0..<n { setP(i, H - 1, bvec[i]) }
                    setP(n1 - 1, H - 1, f)
                } else if VR >= VH {
                    calcvert = true
                    size = 0
                    for j in 0..<n1 where j + 1 != L {
                        for i in 0..<n {
                            setP(i, j, beta * (P(i, j) - P(i, L - 1)) + P(i, L - 1))
                            size += abs(P(i, j) - P(i, L - 1))
                        }
                    }
                    if size < oldsize { oldsize = size } else { break }
                }
            }
        } while funcount <= maxEvaluations
        for i in 0..<n { x[i] = P(i, L - 1) }
        return Result(value: P(n1 - 1, L - 1), evaluations: funcount, converged: converged)
    }
}
