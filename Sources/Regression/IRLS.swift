internal import Foundation
internal import Dispatch
import LinearAlgebra

/// The outcome of one IRLS fit (internal; ``GLMFit`` is the public face).
struct IRLSResult: Sendable {
    /// One per design column; nil for an aliased column (R's NA).
    var coefficients: [Double?]
    var eta: [Double]
    var mu: [Double]
    var deviance: Double
    var iterations: Int
    var converged: Bool
    var boundary: Bool
    var rank: Int
    /// Original indices of the estimable columns, ascending (R's pivot order for dqrdc2 keeps them in order).
    var estimable: [Int]
    /// (XₑᵀWXₑ)⁻¹ with the working weights of the final iteration, rows/columns in ``estimable`` order
    /// (R: `chol2inv(qr.R(fit$qr))`).
    var unscaledCovariance: Matrix
    /// R's `fit$weights`: w² = prior·(dμ/dη)²/V(μ) from the start of the final iteration; 0 where not used.
    var workingWeights: [Double]
    /// R's working residuals (y − μ)/(dμ/dη) at the final η.
    var workingResiduals: [Double]
    var warnings: [String]
    /// Iterations solved by the cross-product path (0 with `.qr`).
    var crossProductIterations: Int
}

/// Iteratively reweighted least squares, as R's `glm.fit` (R Core Team, src/library/stats/R/glm.R;
/// McCullagh & Nelder 1989, §2.5): from μ₀ (the family's `mustart`) or a given η₀, repeat
/// z = η − offset + (y − μ)/μ′(η), w = √(prior·μ′(η)²/V(μ)), β = argmin ‖w(z − Xβ)‖, until
/// |dev − dev_old|/(|dev| + 0.1) < ε. A non-finite deviance or an invalid η/μ halves the step towards the
/// previous coefficients (at most `maxIterations` times). Aliased columns (R's pivoting rule on √W·X with
/// tolerance min(1e-7, ε/1000)) get coefficient 0 while iterating and nil in the result.
///
/// Complexity per iteration: 2np² flops (QR) or np² (cross-product path), plus O(n) link evaluations. The hot
/// loops, each one pass over the rows: the working response (``WorkingResponse``), the cross-product
/// (``CrossProductStep``, one read of X), η = Xβ + offset with μ (``LinearPredictor``, one read of X) and the
/// deviance; from ``CrossProductStep/parallelRows`` rows each runs in two row halves on two threads
/// (``RowHalves``), combined in row order, so a fit never depends on thread timing. At n = 10⁶, p = 19 these are
/// about a fifth of `carestat glm`'s CPU (perf, 2026-12-07); X is read twice per iteration.
enum IRLS {
    struct Problem {
        var x: Matrix
        var y: [Double]
        var priorWeights: [Double]
        /// The offset on the linear predictor; empty when there is none (an n-vector of zeros fewer during the
        /// fit: at n = 10⁶ that is 8 MB of `carestat glm`'s peak).
        var offset: [Double]
        var link: LinkFunction
        var family: VarianceFamily
        var control: GLMControl
    }

    ///
    /// `mustart` and `etastart` are consumed: the caller's array is released as soon as η is set from it (an
    /// n-vector fewer during the fit), and a passed η is updated in place rather than copied.
    static func fit(_ p: Problem, mustart: consuming [Double]? = nil,
                    etastart: consuming [Double]? = nil) throws(GLMError) -> IRLSResult {
        let n = p.x.rows, ncol = p.x.columns
        let link = p.link, fam = p.family, wts = p.priorWeights, y = p.y
        var eta: [Double]
        if let e = etastart.take() { eta = e } else if let m = mustart.take() { eta = m.map(link.link) } else {
            throw .noValidStartingValues
        }
        // exp(η) is kept for the logit link, whose μ and dμ/dη both use it (see LinkFunction.derivative(_:mu:exp:)).
        let cachesExp = link == .logit
        var expEta = [Double](repeating: 0, count: cachesExp ? n : 0)
        var mu = [Double](repeating: 0, count: n)
        func means(_ eta: [Double], _ mu: inout [Double], _ expEta: inout [Double]) {
            if cachesExp {
                for i in 0..<n {
                    let e = Foundation.exp(eta[i])
                    expEta[i] = e
                    mu[i] = link.inverse(eta[i], exp: e)
                }
            } else {
                for i in 0..<n { mu[i] = link.inverse(eta[i]) }
            }
        }
        func valid(_ eta: [Double], _ mu: [Double]) -> Bool {
            (!link.restrictsEta || eta.allSatisfy(link.isValid)) && mu.allSatisfy(fam.isValid)
        }
        means(eta, &mu, &expEta)
        guard valid(eta, mu) else { throw .noValidStartingValues }
        /// Σ dᵢ(yᵢ, μᵢ), in two halves on two threads at large n (``RowHalves``), added in row order.
        func deviance(_ mu: [Double]) -> Double {
            RowHalves.map(n) { rows in
                mu.withUnsafeBufferPointer { m in
                    y.withUnsafeBufferPointer { yb in
                        wts.withUnsafeBufferPointer { pw in
                            var s = 0.0
                            for i in rows { s += fam.deviance(yb[i], m[i], pw[i]) }
                            return s
                        }
                    }
                }
            }.reduce(0, +)
        }
        var devold = deviance(mu)
        var dev = devold
        var coefold: [Double]? = nil
        var start = [Double](repeating: 0, count: ncol)
        var boundary = false, converged = false
        var warnings: [String] = []
        var rank = 0
        var estimable: [Int] = []
        var cov = Matrix(rows: 0, columns: 0)
        var w = [Double](repeating: 0, count: n)          // √ working weights, 0 where not good
        var useQR = p.control.solver == .qr
        var crossIterations = 0
        var iterations = 0
        let tolerance = Swift.min(1e-7, p.control.epsilon / 1000)

        /// η ← X·β + offset in place (dgemv on the offset), μ ← g⁻¹(η) (and the cached exp(η)): ``LinearPredictor``.
        func update(_ beta: [Double], _ eta: inout [Double], _ mu: inout [Double]) throws(GLMError) {
            try LinearPredictor.update(x: p.x, beta: beta, offset: p.offset, link: link, cachesExp: cachesExp,
                                       eta: &eta, mu: &mu, expEta: &expEta)
        }
        var z = [Double](repeating: 0, count: n)

        for iter in 1...Swift.max(1, p.control.maxIterations) {
            iterations = iter
            var anyGood = false, allGood = true
            var failure: GLMError? = nil
            WorkingResponse.compute(n: n, link: link, family: fam, eta: eta, mu: mu, expEta: expEta, y: y, priorWeights: wts,
                                    offset: p.offset, z: &z, w: &w, anyGood: &anyGood, allGood: &allGood,
                                    failure: &failure)
            if let failure { throw failure }
            if !anyGood {
                converged = false
                warnings.append("no observations informative at iteration \(iter)")
                break
            }
            var solved: [Double?]? = nil
            var screened: CrossProductStep.Solution? = nil
            if !useQR && iter == 1 {
                // Rank screen (see GLMControl.crossProduct): all columns kept by R's rule when every pivot ratio
                // of the unit-diagonal cross-product is ≥ 1e-5; otherwise R's rule on the blocked QR factor.
                let all = Array(0..<ncol)
                if let s = try CrossProductStep.solve(x: p.x, columns: all, w: w, z: z),
                   s.minimumPivotRatio >= CrossProductStep.fullRankPivotRatio {
                    rank = ncol
                    estimable = all
                    screened = s
                } else {
                    let check = try BlockedRankCheck.estimable(x: p.x, w: w, tolerance: tolerance)
                    rank = check.rank
                    estimable = check.columns
                }
            }
            if !useQR {
                let step: CrossProductStep.Solution?
                if let screened { step = screened } else {
                    step = try CrossProductStep.solve(x: p.x, columns: estimable, w: w, z: z)
                }
                if let s = step {
                    var full = [Double?](repeating: nil, count: ncol)
                    for (k, j) in estimable.enumerated() { full[j] = s.beta[k] }
                    solved = full
                    cov = s.inverse
                    crossIterations += 1
                } else {
                    useQR = true
                }
            }
            if solved == nil {
                let step = try QRStep.solve(x: p.x, w: w, z: z, allRowsGood: allGood, tolerance: tolerance)
                guard step.rank <= step.observations else {
                    throw .rankExceedsObservations(rank: step.rank, observations: step.observations)
                }
                solved = step.coefficients
                rank = step.rank
                estimable = step.estimable
                cov = step.unscaledCovariance
            }
            let coefs = solved ?? []
            if coefs.contains(where: { $0.map { !$0.isFinite } ?? false }) {
                converged = false
                warnings.append("non-finite coefficients at iteration \(iter)")
                break
            }
            for j in 0..<ncol { start[j] = coefs[j] ?? 0 }
            try update(start, &eta, &mu)
            dev = deviance(mu)
            boundary = false
            if !dev.isFinite {
                guard let old = coefold else { throw .noValidCoefficients }
                if !warnings.contains("step size truncated due to divergence") {
                    warnings.append("step size truncated due to divergence")
                }
                var ii = 1
                while !dev.isFinite {
                    if ii > p.control.maxIterations { throw .cannotCorrectStepSize }
                    ii += 1
                    for j in 0..<ncol { start[j] = (start[j] + old[j]) / 2 }
                    try update(start, &eta, &mu)
                    dev = deviance(mu)
                }
                boundary = true
            }
            if !valid(eta, mu) {
                guard let old = coefold else { throw .noValidCoefficients }
                if !warnings.contains("step size truncated: out of bounds") {
                    warnings.append("step size truncated: out of bounds")
                }
                var ii = 1
                while !valid(eta, mu) {
                    if ii > p.control.maxIterations { throw .cannotCorrectStepSize }
                    ii += 1
                    for j in 0..<ncol { start[j] = (start[j] + old[j]) / 2 }
                    try update(start, &eta, &mu)
                }
                boundary = true
                dev = deviance(mu)
            }
            if Swift.abs(dev - devold) / (Swift.abs(dev) + 0.1) < p.control.epsilon {
                converged = true
                break
            }
            devold = dev
            coefold = start
        }
        if !converged { warnings.append("algorithm did not converge") }
        if boundary { warnings.append("algorithm stopped at boundary value") }
        let eps = 10 * Double.ulpOfOne
        if case .binomial = fam, mu.contains(where: { $0 > 1 - eps || $0 < eps }) {
            warnings.append("fitted probabilities numerically 0 or 1 occurred")
        }
        if case .poisson = fam, mu.contains(where: { $0 < eps }) {
            warnings.append("fitted rates numerically 0 occurred")
        }
        var coefficients = [Double?](repeating: nil, count: ncol)
        for j in estimable { coefficients[j] = start[j] }
        // The working residuals overwrite z and the working weights w² overwrite w (neither is used again), so
        // the end of the fit allocates no n-vectors: it is where the peak memory of `carestat glm` was.
        for i in 0..<n { z[i] = (y[i] - mu[i]) / link.derivative(eta[i], mu: mu[i], exp: cachesExp ? expEta[i] : 0) }
        for i in 0..<n { w[i] *= w[i] }
        return IRLSResult(coefficients: coefficients, eta: eta, mu: mu, deviance: dev, iterations: iterations,
                          converged: converged, boundary: boundary, rank: rank, estimable: estimable,
                          unscaledCovariance: cov, workingWeights: w, workingResiduals: z,
                          warnings: warnings, crossProductIterations: crossIterations)
    }
}

/// Runs a linear-algebra closure, translating its error.
func wrap<T>(_ body: () throws(LinearAlgebraError) -> T) throws(GLMError) -> T {
    do { return try body() } catch { throw .linearAlgebra(error) }
}

/// The IRLS update of the linear predictor and the means, η ← offset + X·β, μ ← g⁻¹(η) (with exp(η) kept for the
/// logit link), one pass over X (dgemv) and one over the n-vectors. From ``CrossProductStep/parallelRows`` rows
/// it runs on two threads, each over a contiguous half of the rows (its own block of X, η, μ): every entry is
/// the serial one to rounding (a row's dot product with β may be summed in another order at a block edge of
/// dgemv's kernel), and fixed whatever the thread timing. Cost n·p flops plus n link evaluations.
enum LinearPredictor {
    static func update(x: Matrix, beta: [Double], offset: [Double], link: LinkFunction, cachesExp: Bool,
                       eta: inout [Double], mu: inout [Double], expEta: inout [Double]) throws(GLMError) {
        let n = x.rows
        let parts = n >= CrossProductStep.parallelRows ? 2 : 1
        let failures = ThreadSlots<LinearAlgebraError?>(repeating: nil, count: parts)
        eta.withUnsafeMutableBufferPointer { eb in
            mu.withUnsafeMutableBufferPointer { mb in
                expEta.withUnsafeMutableBufferPointer { xb in
                    let e = UInt(bitPattern: eb.baseAddress), m = UInt(bitPattern: mb.baseAddress)
                    let xe = UInt(bitPattern: xb.baseAddress)
                    let run: @Sendable (Int) -> Void = { k in
                        let rows = (n * k / parts)..<(n * (k + 1) / parts)
                        guard !rows.isEmpty, let etaBase = UnsafeMutablePointer<Double>(bitPattern: e),
                              let muBase = UnsafeMutablePointer<Double>(bitPattern: m) else { return }
                        let etaPart = UnsafeMutableBufferPointer(start: etaBase + rows.lowerBound, count: rows.count)
                        if offset.isEmpty {
                            for i in rows { etaBase[i] = 0 }
                        } else {
                            for i in rows { etaBase[i] = offset[i] }
                        }
                        let done: Result<Void, LinearAlgebraError> = x.withView(rows: rows) { xv in
                            beta.withUnsafeBufferPointer { bb in
                                Result { () throws(LinearAlgebraError) in try BLAS.gemv(xv, bb, beta: 1, into: etaPart) }
                            }
                        }
                        if case .failure(let error) = done {
                            failures[k] = error
                            return
                        }
                        if cachesExp, let expBase = UnsafeMutablePointer<Double>(bitPattern: xe) {
                            for i in rows {
                                let v = Foundation.exp(etaBase[i])
                                expBase[i] = v
                                muBase[i] = link.inverse(etaBase[i], exp: v)
                            }
                        } else {
                            for i in rows { muBase[i] = link.inverse(etaBase[i]) }
                        }
                    }
                    if parts == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: run) }
                }
            }
        }
        if let error = failures.all.compactMap({ $0 }).first { throw .linearAlgebra(error) }
    }
}
