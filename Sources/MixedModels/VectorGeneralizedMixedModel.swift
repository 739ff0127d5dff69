internal import Foundation
internal import LinearAlgebra

/// Fitting a binomial or Poisson GLMM with a vector random effect per group (`(1 + x | g)`: correlated random
/// intercept and slopes, one grouping factor) by maximising the Laplace log-likelihood (``VectorGLMMObjective``)
/// jointly over (β, θ), θ the lower triangle of lme4's relative covariance factor Λ (diagonal ≥ 0).
///
/// This is the optimum of glmer's second stage (nAGQ = 1: lme4 optimises (θ, β) jointly, with the conditional
/// modes re-found by PIRLS at each point) and of glmmTMB (joint optimisation with an inner Newton solve); β is
/// not profiled (lme4's nAGQ = 0 stage is skipped, because the exact joint gradient makes the joint problem
/// cheap and the two stages share the optimum).
/// - Start: β from the GLM without random effects (IRLS), Λ = I (lme4's start); if the likelihood overflows
///   there (a slope covariate on a large scale), Λ = diag(0.1/max(1, rms zₖ)).
/// - Optimiser: L-BFGS-B (Byrd et al. 1995) with the exact gradient of the Laplace log-likelihood, factr = 10,
///   then up to 3 Newton steps with the Hessian below (``polish(_:hessian:lower:par:evaluation:modes:)``).
/// - Standard errors: the inverse of the Hessian of −log L over (β, θ) (central differences of the exact
///   gradient, at the polished optimum), as glmmTMB's `sdreport`; θ entries on the boundary are held fixed.
///   The β block of the inverse is invariant to how the covariance is parametrised, so it equals glmmTMB's
///   (which uses log-SDs and a correlation scale).
/// - Variance components: Σ = ΛΛᵀ; Wald intervals for each SD on the log scale and, for a two-column term, for
///   the correlation ρ on the scale ρ/√(1 − ρ²) (glmmTMB's `confint(method = "wald")` scales), by the delta
///   method. Several terms on the grouping factor (`(1 | g) + (0 + x | g)`) give a block-diagonal Λ: no
///   correlation across terms.
/// - Conditional modes b = Λû with conditional covariance ΛC⁻¹Λᵀ (lme4's `ranef(condVar = TRUE)`).
///
/// Complexity: O(n·(p + q²(p + q))) per evaluation of the objective and gradient, n the number of distinct
/// covariate patterns (see ``VectorGLMMObjective``), times the L-BFGS-B evaluations (10–50 in the tests), plus
/// 2(p + T) gradient evaluations for each Hessian (T = entries of θ; twice if the polish moves). Measured
/// (release build, 2 shared cores): 500,000 Bernoulli rows in 150 groups, q = 2, continuous x: 3.0 s for the
/// whole `carestat glmm` run including reading the CSV (R on the same data: glmmTMB 59 s, glmer 133 s);
/// Poisson 1.6 s. (Measured before the covariate-pattern merge of ``VectorGLMMObjective`` was added, which costs
/// one hash per row for continuous covariates and removes most of the work for discrete ones.)
enum VectorGeneralizedMixedModel {
    static func fit(_ spec: MixedModelSpec, data d: MixedModelData) throws(MixedModelError) -> MixedModelFit {
        let p = d.p, q = d.q
        let obj = VectorGLMMObjective(data: d, family: spec.family)
        let nt = obj.thetaCount, np = p + nt
        guard d.n > np else { throw .notEstimable("\(d.n) observations for \(np) parameters") }
        let beta0 = try GeneralizedMixedModel.glmStart(d, family: spec.family)
        let diag = obj.diagonalIndices
        var thetaStart = [Double](repeating: 0, count: nt)
        var lower = [Double](repeating: -.infinity, count: np)
        for i in diag { thetaStart[i] = 1; lower[p + i] = 0 }
        var start = beta0 + thetaStart
        var modes = [Double](repeating: 0, count: d.groupCount * q)
        let fg: ([Double]) -> (value: Double, gradient: [Double]) = { par in
            let e = obj.evaluate(par, modes: &modes)
            return (e.value, e.gradient)
        }
        if !fg(start).value.isFinite {
            // Λ = I can overflow exp(η) when a slope covariate is large (e.g. in thousands): start instead with each
            // random effect's SD at 0.1 per unit of its column's root mean square.
            for (t, pos) in obj.thetaPositions.enumerated() where pos.row == pos.column {
                var ss = 0.0
                for i in 0..<d.n { let v = d.z[i + pos.row * d.n]; ss += v * v }
                start[p + t] = 0.1 / max(1, (ss / Double(d.n)).squareRoot())
            }
            modes = [Double](repeating: 0, count: d.groupCount * q)
            guard fg(start).value.isFinite else { throw .numericalFailure("the likelihood is not finite at the start") }
        }
        guard let opt = NumericalDerivatives.minimize(valueAndGradient: fg, from: start, lower: lower) else {
            throw .numericalFailure("the marginal likelihood could not be maximised")
        }
        var par = opt.solution
        var final = obj.evaluate(par, modes: &modes, wantConditionalCovariance: true)
        guard final.value.isFinite else { throw .numericalFailure("the likelihood is not finite at the optimum") }
        var savedModes = modes
        var hFull = NumericalDerivatives.hessian(gradient: { fg($0).gradient }, at: par)
        modes = savedModes
        if Self.polish(obj, hessian: hFull, lower: lower, par: &par, evaluation: &final, modes: &modes) {
            // The Hessian again at the polished optimum, so that the SEs too do not depend on the optimiser's path.
            savedModes = modes
            hFull = NumericalDerivatives.hessian(gradient: { fg($0).gradient }, at: par)
            modes = savedModes
        }

        let lam = obj.lambda(par[p...])
        // Σ = ΛΛᵀ
        var cov = [Double](repeating: 0, count: q * q)
        for i in 0..<q { for j in 0..<q {
            var s = 0.0
            for k in 0...min(i, j) { s += lam[i + k * q] * lam[j + k * q] }
            cov[i + j * q] = s
        } }
        let sds = (0..<q).map { cov[$0 + $0 * q].squareRoot() }
        let thetaNames = obj.thetaPositions.map { pos in
            pos.row == pos.column ? "\(d.groupName) \(d.randomColumnNames[pos.row])"
                : "\(d.groupName) \(d.randomColumnNames[pos.column]):\(d.randomColumnNames[pos.row])"
        }
        let names = d.columnNames + thetaNames
        let singularMessage = Self.singularMessage(lambda: lam, sds: sds, data: d)
        let check = ConvergenceCheck(gradient: final.gradient, hessian: hFull, at: par, lower: lower,
                                     varianceIndices: diag.map { p + $0 }, record: opt.record, parameterNames: names,
                                     singularMessage: singularMessage)

        // Covariance of the estimates from the Hessian over the free parameters.
        let free = (0..<np).filter { !(lower[$0].isFinite && par[$0] - lower[$0] < ConvergenceCheck.boundaryTolerance) }
        let m = free.count
        var h = [Double](repeating: 0, count: m * m)
        for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { h[a + b * m] = hFull[i + j * np] } }
        var warnings = check.warnings
        var vcov = [Double](repeating: .nan, count: p * p)
        var full = [Double](repeating: .nan, count: np * np)      // inverse Hessian, NaN for fixed θ entries
        if let hinv = SmallDense.inverseSPD(h, m) {
            for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { full[i + j * np] = hinv[a + b * m] } }
            for a in 0..<p { for b in 0..<p { vcov[a + b * p] = full[a + b * np] } }
        } else if check.hessianOK {
            warnings.append("the Hessian of the log-likelihood is not positive definite, so standard errors are not available; try rescaling covariates or simplifying the model.")
        }
        // Delta-method variance of g(θ) from ∂g/∂θ (only if every θ entry is free).
        let thetaFree = free.count == np
        func deltaVariance(_ grad: [Double]) -> Double {
            guard thetaFree else { return .nan }
            var s = 0.0
            for a in 0..<nt { for b in 0..<nt { s += grad[a] * grad[b] * full[(p + a) + (p + b) * np] } }
            return s
        }
        let z = WaldInference.z975
        var components: [VarianceComponent] = []
        for a in 0..<q {
            // log SD_a = ½ log Σ_aa, ∂/∂Λ_ak = Λ_ak / Σ_aa.
            let gr = obj.thetaPositions.map { $0.row == a ? lam[a + $0.column * q] / cov[a + a * q] : 0 }
            let v = sds[a] > 0 ? deltaVariance(gr) : .nan
            let se = v > 0 ? v.squareRoot() : .nan
            components.append(VarianceComponent(group: d.groupName, term: d.randomColumnNames[a], variance: cov[a + a * q],
                                                standardDeviation: sds[a], confLow: sds[a] * exp(-z * se),
                                                confHigh: sds[a] * exp(z * se)))
        }
        var correlations: [RandomEffectCorrelation] = []
        for block in d.termColumns { for j in block { for i in (j + 1)..<max(j + 1, block.upperBound) {
            let denom = sds[i] * sds[j]
            let rho = denom > 0 ? cov[i + j * q] / denom : .nan
            var low = Double.nan, high = Double.nan
            if block.count == 2 && abs(rho) < 1, let i21 = obj.thetaIndex(row: i, column: j),
               let i22 = obj.thetaIndex(row: i, column: i), lam[i + i * q] > 0 {
                // ρ = Λ₂₁/√(Λ₂₁² + Λ₂₂²), so t = ρ/√(1 − ρ²) = Λ₂₁/Λ₂₂ (glmmTMB's scale); Wald on t.
                let l21 = lam[i + j * q], l22 = lam[i + i * q]
                var gt = [Double](repeating: 0, count: nt)
                gt[i21] = 1 / l22; gt[i22] = -l21 / (l22 * l22)
                let v = deltaVariance(gt)
                if v > 0 {
                    let t = l21 / l22, se = v.squareRoot()
                    let tl = t - z * se, th = t + z * se
                    low = tl / (1 + tl * tl).squareRoot(); high = th / (1 + th * th).squareRoot()
                }
            }
            correlations.append(RandomEffectCorrelation(group: d.groupName, term1: d.randomColumnNames[j],
                                                        term2: d.randomColumnNames[i], correlation: rho,
                                                        confLow: low, confHigh: high))
        } } }
        let coefficients = WaldInference.effects(names: d.columnNames, estimates: Array(par[0..<p]), covariance: vcov)
        var modesOut: [ConditionalMode] = []
        for j in 0..<d.groupCount {
            let u = Array(final.modes[(j * q)..<(j * q + q)])
            let b = obj.lambdaTimes(lam, u)
            for k in 0..<q {
                let v = final.conditionalCovariances[j * q * q + k + k * q]
                modesOut.append(ConditionalMode(level: d.groupLevels[j], term: d.randomColumnNames[k], mode: b[k],
                                                conditionalSD: max(v, 0).squareRoot()))
            }
        }
        let value = final.value
        let criterion = 2 * value
        return MixedModelFit(
            spec: spec, method: "Laplace", n: d.n, groupName: d.groupName, groupCount: d.groupCount,
            logLikelihood: -value, lme4AGQLogLikelihood: nil, criterion: criterion,
            aic: criterion + 2 * Double(np), bic: criterion + log(Double(d.n)) * Double(np), parameterCount: np,
            coefficients: coefficients, fixedEffectCovariance: Matrix(rows: p, columns: p, columnMajor: vcov),
            varianceComponents: components,
            varianceIntervalMethod: "Wald on the log-SD scale (correlation: on the scale ρ/√(1−ρ²))",
            correlations: correlations, residualStandardDeviation: nil, intraclassCorrelation: nil,
            theta: Array(par[p...]), conditionalModes: modesOut,
            converged: check.optimiserAccepted && check.gradientOK && check.hessianOK,
            iterations: opt.record.iterations, functionEvaluations: opt.record.functionEvaluations,
            warnings: warnings, isSingular: check.singular)
    }

    /// Newton steps −H⁻¹g on the free parameters from L-BFGS-B's stopping point, with the Hessian H computed
    /// there, while they keep the bounds, do not increase −log L beyond rounding (4ε relative) and shrink the
    /// gradient; at most 3. L-BFGS-B stops where its relative reduction test (factr·ε) is met, which leaves the
    /// parameters ~1e-8 from the optimum; one Newton step brings them to the gradient's accuracy (~1e-12), so the
    /// estimates no longer depend on the optimiser's path (e.g. on the row order). Returns whether a step was
    /// taken (the caller then recomputes the Hessian for the SEs).
    @discardableResult
    static func polish(_ obj: VectorGLMMObjective, hessian hFull: [Double], lower: [Double], par: inout [Double],
                       evaluation: inout VectorGLMMObjective.Evaluation, modes: inout [Double]) -> Bool {
        let np = par.count
        let free = (0..<np).filter { !(lower[$0].isFinite && par[$0] - lower[$0] < ConvergenceCheck.boundaryTolerance) }
        let m = free.count
        guard m > 0 else { return false }
        var h = [Double](repeating: 0, count: m * m)
        for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { h[a + b * m] = hFull[i + j * np] } }
        guard SmallDense.cholesky(&h, m) else { return false }
        func norm(_ g: [Double]) -> Double { free.reduce(0.0) { max($0, abs(g[$1])) } }
        var moved = false
        for _ in 0..<3 {
            var step = free.map { -evaluation.gradient[$0] }
            SmallDense.solveLower(h, m, &step, columns: 1)
            SmallDense.solveLowerTransposed(h, m, &step, columns: 1)
            var trial = par
            for (a, i) in free.enumerated() { trial[i] += step[a] }
            guard trial.indices.allSatisfy({ trial[$0] >= lower[$0] }), trial.allSatisfy(\.isFinite) else { return moved }
            var trialModes = modes
            let e = obj.evaluate(trial, modes: &trialModes, wantConditionalCovariance: true)
            guard e.value.isFinite, e.value <= evaluation.value + 4 * Double.ulpOfOne * abs(evaluation.value),
                  norm(e.gradient) < norm(evaluation.gradient) else { return moved }
            par = trial; evaluation = e; modes = trialModes; moved = true
        }
        return moved
    }

    /// The singular-fit message in words: a zero diagonal entry Λₖₖ means the variance of effect k is zero if
    /// row k of Λ is zero, and otherwise that effect k is a linear combination of the earlier ones (for q = 2 a
    /// correlation of ±1). nil if no diagonal entry is within ``ConvergenceCheck/boundaryTolerance`` of 0.
    static func singularMessage(lambda lam: [Double], sds: [Double], data d: MixedModelData) -> String? {
        let q = d.q, tol = ConvergenceCheck.boundaryTolerance
        var parts: [String] = []
        for k in 0..<q where lam[k + k * q] < tol {
            let name = d.randomColumnNames[k]
            let block = d.termColumns.first { $0.contains(k) } ?? k..<(k + 1)
            if sds[k] < tol {
                parts.append("the variance of the random effect \(name) is estimated at zero")
            } else if block.count == 2 {
                let j = block.lowerBound
                let rho = lam[k + j * q] * lam[j + j * q] / (sds[j] * sds[k])
                parts.append("the correlation between the random effects \(d.randomColumnNames[j]) and \(name) is estimated at \(rho > 0 ? "+1" : "-1")")
            } else {
                parts.append("the random effect \(name) is perfectly correlated with the others of its term (the covariance matrix is singular)")
            }
        }
        guard !parts.isEmpty else { return nil }
        return "singular fit: " + parts.joined(separator: "; ") + " (grouping \(d.groupName)). The random-effect covariance is on the boundary of its parameter space: the model is over-parameterised for these data. Consider dropping the random slope (keeping (1 | \(d.groupName))), or check that there are enough groups and enough observations per group to estimate a random slope; rescaling or centring the slope covariate can also help."
    }
}
