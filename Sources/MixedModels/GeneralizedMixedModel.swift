internal import Foundation
internal import LinearAlgebra
internal import Formulas
internal import Regression

/// Fitting a binomial or Poisson GLMM with one scalar random effect per group by maximising the Laplace or
/// AGHQ marginal log-likelihood (``GroupedGLMMObjective``) jointly over (β, θ), θ ≥ 0.
///
/// This is the optimum of glmer's second stage (lme4 optimises (θ, β) jointly with the conditional modes
/// re-found by PIRLS at each point) and of glmmTMB (joint optimisation with an inner Newton solve for the modes).
/// Start: β from the GLM without random effects (IRLS, McCullagh & Nelder 1989 §2.5), θ = 1 (lme4's start).
/// Optimiser: L-BFGS-B with finite-difference gradients (``NumericalDerivatives``).
/// Standard errors: the inverse of the finite-difference Hessian of −log L over (β, θ) at the optimum (over β
/// alone if θ is on the boundary), as glmmTMB's `sdreport` and lme4's `vcov(use.hessian = TRUE)`.
enum GeneralizedMixedModel {
    static func fit(_ spec: MixedModelSpec, data d: MixedModelData) throws(MixedModelError) -> MixedModelFit {
        guard d.q == 1 else { return try VectorGeneralizedMixedModel.fit(spec, data: d) }
        guard d.n > d.p else { throw .notEstimable("\(d.n) observations for \(d.p) fixed effects") }
        let obj = try GroupedGLMMObjective(data: d, family: spec.family, nAGQ: spec.nAGQ)
        let p = d.p, np = p + 1
        let beta0 = try glmStart(d, family: spec.family)
        var modes = [Double](repeating: 0, count: d.groupCount)
        var curv = [Double](repeating: 1, count: d.groupCount)
        let f: ([Double]) -> Double = { par in obj.negativeLogLikelihood(par, modes: &modes, curvatures: &curv) }
        let start = beta0 + [1.0]
        guard f(start).isFinite else { throw .numericalFailure("the likelihood is not finite at the start") }
        var lower = [Double](repeating: -.infinity, count: np)
        lower[p] = 0
        // Laplace: exact gradient (``GroupedGLMMObjective/laplaceValueAndGradient(_:modes:)``) and the Hessian
        // from its differences; AGHQ: finite differences of the objective.
        let laplace = spec.nAGQ == 1
        let fg: ([Double]) -> (value: Double, gradient: [Double]) = { par in obj.laplaceValueAndGradient(par, modes: &modes) }
        let optimum = laplace ? NumericalDerivatives.minimize(valueAndGradient: fg, from: start, lower: lower)
                              : NumericalDerivatives.minimize(f, from: start, lower: lower)
        guard let opt = optimum else {
            throw .numericalFailure("the marginal likelihood could not be maximised")
        }
        let par = opt.solution
        let value = f(par)            // also leaves the modes and curvatures at the optimum
        let theta = par[p]
        let finalModes = modes, finalCurv = curv

        let names = d.columnNames + ["\(d.groupName) \(d.randomColumnNames[0])"]
        let gradient: [Double], hFull: [Double]
        if laplace {
            gradient = fg(par).gradient
            hFull = NumericalDerivatives.hessian(gradient: { fg($0).gradient }, at: par)
        } else {
            gradient = NumericalDerivatives.gradient(f, at: par, value: value, lower: lower)
            hFull = NumericalDerivatives.hessian(f, at: par, value: value)
        }
        let check = ConvergenceCheck(gradient: gradient, hessian: hFull, at: par, lower: lower, varianceIndices: [p],
                                     record: opt.record, parameterNames: names)
        // Covariance of β̂ from the Hessian.
        let free = check.singular ? Array(0..<p) : Array(0..<np)
        let m = free.count
        var h = [Double](repeating: 0, count: m * m)
        for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { h[a + b * m] = hFull[i + j * np] } }
        var warnings = check.warnings
        var vcov = [Double](repeating: .nan, count: p * p)
        var sdLow = Double.nan, sdHigh = Double.nan
        if let hinv = SmallDense.inverseSPD(h, m) {
            for a in 0..<p { for b in 0..<p { vcov[a + b * p] = hinv[a + b * m] } }
            if m == np && hinv[p + p * m] > 0 && theta > 0 {
                // Wald on the log scale: SE(log θ) = SE(θ)/θ (delta method), as glmmTMB's confint for an SD.
                let seLog = hinv[p + p * m].squareRoot() / theta
                let z = WaldInference.z975
                sdLow = theta * exp(-z * seLog); sdHigh = theta * exp(z * seLog)
            }
        } else if check.hessianOK {
            warnings.append("the Hessian of the log-likelihood is not positive definite, so standard errors are not available; try rescaling covariates or simplifying the model.")
        }
        let coefficients = WaldInference.effects(names: d.columnNames, estimates: Array(par[0..<p]), covariance: vcov)
        let components = [VarianceComponent(group: d.groupName, term: d.randomColumnNames[0], variance: theta * theta,
                                            standardDeviation: theta, confLow: sdLow, confHigh: sdHigh)]
        var modesOut: [ConditionalMode] = []
        for j in 0..<d.groupCount {
            modesOut.append(ConditionalMode(level: d.groupLevels[j], term: d.randomColumnNames[0],
                                            mode: theta * finalModes[j], conditionalSD: theta / finalCurv[j].squareRoot()))
        }
        let icc: Double? = spec.family == .binomial && d.randomColumnNames[0] == "(Intercept)"
            ? theta * theta / (theta * theta + Double.pi * Double.pi / 3) : nil
        let loglik = -value
        let k = np
        let criterion = 2 * value
        return MixedModelFit(
            spec: spec, method: spec.nAGQ == 1 ? "Laplace" : "AGHQ(\(spec.nAGQ))", n: d.n, groupName: d.groupName,
            groupCount: d.groupCount, logLikelihood: loglik,
            lme4AGQLogLikelihood: spec.nAGQ > 1 ? loglik - obj.saturated : nil, criterion: criterion,
            aic: criterion + 2 * Double(k), bic: criterion + log(Double(d.n)) * Double(k), parameterCount: k,
            coefficients: coefficients, fixedEffectCovariance: Matrix(rows: p, columns: p, columnMajor: vcov),
            varianceComponents: components, varianceIntervalMethod: "Wald on the log-SD scale", correlations: [], residualStandardDeviation: nil,
            intraclassCorrelation: icc, theta: [theta], conditionalModes: modesOut,
            converged: check.optimiserAccepted && check.gradientOK && check.hessianOK,
            iterations: opt.record.iterations, functionEvaluations: opt.record.functionEvaluations,
            warnings: warnings, isSingular: check.singular)
    }

    /// β of the GLM without random effects (canonical link), by Regression's IRLS (``GLMDesignFit``, R's
    /// `glm.fit`, as lme4's `glmer` starts). It is a start only: the joint optimisation refines β, so IRLS's own
    /// non-convergence is not an error here.
    ///
    /// - Throws: ``MixedModelError/notEstimable(_:)`` if the fixed-effect design is rank deficient or IRLS stops
    ///   (R's glm.fit errors); ``MixedModelError/numericalFailure(_:)`` for a linear-algebra failure.
    static func glmStart(_ d: MixedModelData, family: MixedModelFamily) throws(MixedModelError) -> [Double] {
        let n = d.n, p = d.p
        let x = Matrix(rows: n, columns: p, columnMajor: Array(d.x[0..<(n * p)]))
        let response: ResponseValues
        let glmFamily: GLMFamily
        switch family {
        case .binomial:
            response = .binomial(successes: d.y, failures: (0..<n).map { d.trials[$0] - d.y[$0] })
            glmFamily = .binomial(link: .logit)
        case .poisson:
            response = .numeric(d.y)
            glmFamily = .poisson(link: .log)
        case .gaussian:
            response = .numeric(d.y)
            glmFamily = .gaussian(link: .identity)
        }
        let fit: GLMDesignFit.Result
        do {
            fit = try GLMDesignFit.fit(x: x, response: response, family: glmFamily, offset: d.offset)
        } catch .linearAlgebra(let error) {
            throw .numericalFailure("the GLM start (IRLS without random effects): \(error)")
        } catch {
            throw .notEstimable("the GLM without random effects, the start, cannot be fitted: \(error)")
        }
        let beta = fit.coefficients.compactMap { $0 }
        guard beta.count == p, beta.allSatisfy(\.isFinite) else {
            throw .notEstimable("the fixed-effect design is rank deficient")
        }
        return beta
    }
}
