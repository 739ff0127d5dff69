internal import Foundation
internal import Formulas
internal import LinearAlgebra

/// Fitting a linear mixed model by minimising the profiled deviance (``ProfiledDeviance``) over θ, as
/// `lme4::lmer`: θ starts at lme4's start (T = I), diagonal entries of T are bounded below by 0, and the
/// minimiser is L-BFGS-B with finite-difference gradients (lme4 uses BOBYQA; both find the same optimum, to the
/// optimisers' tolerances). β̂ and σ̂² = r²/n (ML) or r²/(n−p) (REML) then follow in closed form, and
/// Var(β̂) = σ̂²(R_XᵀR_X)⁻¹ (lme4's `vcov`).
enum LinearMixedModel {
    static func fit(_ spec: MixedModelSpec, data d: MixedModelData) throws(MixedModelError) -> MixedModelFit {
        guard d.n > d.p else { throw .notEstimable("\(d.n) observations for \(d.p) fixed effects") }
        let pd = ProfiledDeviance(data: d, reml: spec.reml)
        let nt = pd.thetaCount
        let diag = pd.diagonalIndices
        var lower = [Double](repeating: -.infinity, count: nt)
        var start = [Double](repeating: 0, count: nt)
        for i in diag { lower[i] = 0; start[i] = 1 }
        guard pd.solve(start, keepBlocks: false) != nil else {
            throw .notEstimable("the fixed-effect design is rank deficient (XᵀX is singular)")
        }
        let f: ([Double]) -> Double = { pd.deviance($0) }
        guard let opt = NumericalDerivatives.minimize(f, from: start, lower: lower),
              let sol = pd.solve(opt.solution, keepBlocks: true) else {
            throw .numericalFailure("the profiled deviance could not be minimised")
        }
        let theta = opt.solution
        let t = pd.relativeFactor(theta)
        let q = d.q, p = d.p
        let sigma2 = sol.pwrss / Double(spec.reml ? d.n - p : d.n)
        var vcov = SmallDense.inverseFromCholesky(sol.rxLower, p)
        for i in vcov.indices { vcov[i] *= sigma2 }
        let coefficients = WaldInference.effects(names: d.columnNames, estimates: sol.beta, covariance: vcov)

        // Σ_b = σ²·T·Tᵀ
        var cov = [Double](repeating: 0, count: q * q)
        for i in 0..<q { for j in 0..<q {
            var s = 0.0
            for k in 0..<q { s += t[i + k * q] * t[j + k * q] }
            cov[i + j * q] = sigma2 * s
        } }
        // lme4 profiles the ML deviance also for a REML fit (its profile.merMod), so the intervals are the same
        // for both; for a REML fit the ML optimum is found first.
        let ci: [ProfileIntervals.Interval]
        if spec.reml {
            let ml = ProfiledDeviance(data: d, reml: false)
            if let o = NumericalDerivatives.minimize({ ml.deviance($0) }, from: theta, lower: lower),
               let s = ml.solve(o.solution, keepBlocks: false) {
                ci = ProfileIntervals.compute(ml, theta: o.solution, sigma: (s.pwrss / Double(d.n)).squareRoot())
            } else {
                ci = [ProfileIntervals.Interval](repeating: .init(low: .nan, high: .nan), count: nt + 1)
            }
        } else {
            ci = ProfileIntervals.compute(pd, theta: theta, sigma: sigma2.squareRoot())
        }
        var components: [VarianceComponent] = []
        for i in 0..<q {
            components.append(VarianceComponent(group: d.groupName, term: d.randomColumnNames[i], variance: cov[i + i * q],
                                                standardDeviation: cov[i + i * q].squareRoot(),
                                                confLow: ci[i].low, confHigh: ci[i].high))
        }
        components.append(VarianceComponent(group: "Residual", term: "", variance: sigma2, standardDeviation: sigma2.squareRoot(),
                                            confLow: ci[ci.count - 1].low, confHigh: ci[ci.count - 1].high))
        var correlations: [RandomEffectCorrelation] = []
        var c = q
        for j in 0..<q { for i in (j + 1)..<max(j + 1, q) {
            let denom = (cov[i + i * q] * cov[j + j * q]).squareRoot()
            correlations.append(RandomEffectCorrelation(group: d.groupName, term1: d.randomColumnNames[j],
                                                        term2: d.randomColumnNames[i],
                                                        correlation: denom > 0 ? cov[i + j * q] / denom : .nan,
                                                        confLow: ci[c].low, confHigh: ci[c].high))
            c += 1
        } }

        // Conditional modes b_j = T·u_j; conditional variance σ²·T·(L_jL_jᵀ)⁻¹·Tᵀ.
        var modes: [ConditionalMode] = []
        for j in 0..<d.groupCount {
            let u = sol.u[j]
            for k in 0..<q {
                var b = 0.0
                for l in 0..<q { b += t[k + l * q] * u[l] }
                var row = (0..<q).map { t[k + $0 * q] }
                SmallDense.solveLower(sol.lBlocks[j], q, &row, columns: 1)
                let v = sigma2 * row.reduce(0) { $0 + $1 * $1 }
                modes.append(ConditionalMode(level: d.groupLevels[j], term: d.randomColumnNames[k], mode: b,
                                             conditionalSD: v.squareRoot()))
            }
        }
        let icc: Double? = q == 1 && d.randomColumnNames.first == "(Intercept)" ? cov[0] / (cov[0] + sigma2) : nil

        let names = thetaNames(d)
        let check = ConvergenceCheck(objective: f, at: theta, value: opt.value, lower: lower, varianceIndices: diag,
                                     record: opt.record, parameterNames: names)
        let k = p + nt + 1
        let criterion = sol.deviance
        return MixedModelFit(
            spec: spec, method: spec.reml ? "REML" : "ML", n: d.n, groupName: d.groupName, groupCount: d.groupCount,
            logLikelihood: -criterion / 2, lme4AGQLogLikelihood: nil, criterion: criterion,
            aic: criterion + 2 * Double(k), bic: criterion + log(Double(d.n)) * Double(k), parameterCount: k,
            coefficients: coefficients, fixedEffectCovariance: Matrix(rows: p, columns: p, columnMajor: vcov),
            varianceComponents: components, varianceIntervalMethod: "profile", correlations: correlations,
            residualStandardDeviation: sigma2.squareRoot(), intraclassCorrelation: icc, theta: theta,
            conditionalModes: modes, converged: check.optimiserAccepted && check.gradientOK && check.hessianOK,
            iterations: opt.record.iterations, functionEvaluations: opt.record.functionEvaluations,
            warnings: check.warnings, isSingular: check.singular)
    }

    /// Names of θ's entries for messages: `la (Intercept)` for a diagonal entry, `la (Intercept):x` below it.
    static func thetaNames(_ d: MixedModelData) -> [String] {
        var out: [String] = []
        for j in 0..<d.q { for i in j..<d.q {
            out.append(i == j ? "\(d.groupName) \(d.randomColumnNames[i])"
                              : "\(d.groupName) \(d.randomColumnNames[j]):\(d.randomColumnNames[i])")
        } }
        return out
    }
}
