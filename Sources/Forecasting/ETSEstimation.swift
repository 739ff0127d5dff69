import Foundation

/// Estimation of one ETS model by maximum likelihood, as R forecast's `etsmodel`: the smoothing parameters and the
/// free initial states are all searched, minimising R's `lik` (−2 × its log-likelihood) subject to R's parameter
/// checks (a point outside them scores +∞).
///
/// The search: first R's own search — Nelder–Mead as R's `nmmin` (``ETSNelderMead``) from R's starting values
/// with R's settings (reltol √ε, at most 2000 evaluations) — then, with ``ETSSearch/thorough`` (the default), up
/// to 6 restarts of Nelder–Mead from the best point so far in a rescaled space (smoothing parameters step 0.05,
/// states by the scale of the data, the simplex cycling through sizes 1, 0.1, 1, 0.01, 1, 0.1 of that; reltol
/// 1e-8, at most 400 evaluations each) until two restarts in a row improve lik by less than 1e-6. A restart only
/// ever keeps a better point, so the log-likelihood reached is at least what R's search reaches from the same
/// start; R's search often stops early, and a higher likelihood is better, not a difference to be explained.
enum ETSEstimation {

    /// Everything the search and the final evaluation need for one model on one series.
    struct Problem {
        let y: [Double]
        let model: ETSModel
        let period: Int
        let bounds: ETSBounds
        let limits: ETSParameterBounds
        let search: ETSSearch
        let recursion: ETSRecursion
        /// Number of smoothing parameters (α, β, γ, φ that the model has).
        let smoothingCount: Int
        /// Free states: all but the last seasonal one.
        let freeStateCount: Int
        /// The period the recursion uses (1 for non-seasonal models).
        var effectivePeriod: Int { recursion.period }

        init(y: [Double], model: ETSModel, period: Int, bounds: ETSBounds, limits: ETSParameterBounds,
             search: ETSSearch = .thorough) {
            self.search = search
            self.y = y
            self.model = model
            self.period = period
            self.bounds = bounds
            self.limits = limits
            recursion = ETSRecursion(model: model, period: period)
            smoothingCount = 1 + (recursion.hasSlope ? 1 : 0) + (recursion.seasonal ? 1 : 0)
                + (recursion.damped ? 1 : 0)
            freeStateCount = recursion.stateCount - (recursion.seasonal ? 1 : 0)
        }

        func decodeParameters(_ x: UnsafeBufferPointer<Double>) -> ETSParameters {
            var k = 0
            var p = ETSParameters(alpha: x[k]); k += 1
            if recursion.hasSlope { p.beta = x[k]; k += 1 }
            if recursion.seasonal { p.gamma = x[k]; k += 1 }
            if recursion.damped { p.phi = x[k]; k += 1 }
            return p
        }

        /// Fills `state` (length stateCount) from the free states in `x` after the smoothing parameters; returns
        /// false when a multiplicative season is negative (R scores that +∞).
        func decodeStates(_ x: UnsafeBufferPointer<Double>, into state: UnsafeMutableBufferPointer<Double>) -> Bool {
            let k0 = smoothingCount, free = freeStateCount
            for i in 0..<free { state[i] = x[k0 + i] }
            guard recursion.seasonal else { return true }
            let m = effectivePeriod
            let sStart = recursion.hasSlope ? 2 : 1
            var sum = 0.0
            for i in sStart..<free { sum += state[i] }
            state[free] = (recursion.additiveSeason ? 0 : Double(m)) - sum
            if !recursion.additiveSeason {
                for i in sStart...free where state[i] < 0 { return false }
            }
            return true
        }
    }

    /// Fits the model, or returns `nil` where R gives up on it (k ≥ n − 1: more parameters than the data bear,
    /// R's `aic = Inf`, or starting values that are not finite).
    ///
    /// `continuing`: a fit of the same model by R's search; its point replaces R's search (which would retrace the
    /// same path) and only the restarts run.
    static func fit(_ problem: Problem, seriesName: String, start: Double, frequency: Int,
                    continuing previous: ETSFit? = nil) -> ETSFit? {
        let y = problem.y
        let n = y.count
        let m = problem.effectivePeriod
        let startParameters = ETSStartingValues.initialParameters(model: problem.model, period: m,
                                                                  bounds: problem.bounds, limits: problem.limits)
        let startStates = ETSStartingValues.initialStates(y: y, model: problem.model, period: m)
        var x0 = [startParameters.alpha]
        if let b = startParameters.beta { x0.append(b) }
        if let g = startParameters.gamma { x0.append(g) }
        if let p = startParameters.phi { x0.append(p) }
        x0 += startStates
        if x0.count >= n - 1 { return nil }
        guard x0.allSatisfy(\.isFinite) else { return nil }

        let recursion = problem.recursion
        let dimension = x0.count
        // One allocation for the whole fit: states, seasonal ring, simplex, point buffers.
        let workCount = (dimension + 1) * (dimension + 2) + dimension
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: recursion.stateCount + max(m, 1)
                                                                 + workCount + 4 * dimension)
        defer { buffer.deallocate() }
        var offset = 0
        func take(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
            defer { offset += k }
            return UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + k)])
        }
        let state = take(recursion.stateCount), ring = take(max(m, 1)), work = take(workCount)
        let best = take(dimension), centre = take(dimension), z = take(dimension), point = take(dimension)

        func objective(_ xp: UnsafeBufferPointer<Double>) -> Double {
            let p = problem.decodeParameters(xp)
            guard ETSAdmissibility.check(alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi,
                                         bounds: problem.bounds, limits: problem.limits, period: m) else {
                return .infinity
            }
            guard problem.decodeStates(xp, into: state) else { return .infinity }
            let lik = y.withUnsafeBufferPointer { yp in
                recursion.run(y: yp, initial: UnsafeBufferPointer(state), parameters: p, ring: ring)
            }
            if lik.isNaN { return .infinity }
            return lik < -1e10 ? -1e10 : lik
        }
        for i in 0..<dimension { best[i] = x0[i] }
        guard objective(UnsafeBufferPointer(best)).isFinite else { return nil }

        var warnings: [String] = []
        // R's search: nmmin from R's start, reltol = sqrt(.Machine$double.eps), maxit = 2000.
        let first: ETSNelderMead.Result
        if let previous {
            let point = freeVector(of: previous)
            guard point.count == dimension else { return nil }
            for i in 0..<dimension { best[i] = point[i] }
            let stoppedEarly = previous.warnings.contains { $0.hasPrefix("the optimiser stopped") }
            first = ETSNelderMead.Result(value: objective(UnsafeBufferPointer(best)), evaluations: 0,
                                         converged: !stoppedEarly)
        } else {
            first = ETSNelderMead(relativeTolerance: Double.ulpOfOne.squareRoot(), maxEvaluations: 2000)
                .minimize(best, work: work, objective)
        }
        var bestValue = first.value
        guard bestValue.isFinite else { return nil }

        // Restarts in a rescaled space: x = centre + scale ⊙ z, from z = 0 (a first simplex of 0.1·scale).
        let scale = rescaling(problem: problem)
        let restart = ETSNelderMead(relativeTolerance: 1e-8, maxEvaluations: 400)
        // Simplex sizes cycle large, small, large, smaller: a large simplex leaves a flat region, a small one
        // follows a ridge or a constraint boundary where a large one stalls.
        let sizes: [Double]
        switch problem.search {
        case .r: sizes = []
        case .thorough: sizes = [1, 0.1, 1, 0.01, 1, 0.1]
        }
        var quiet = 0
        for size in sizes {
            for i in 0..<dimension { centre[i] = best[i]; z[i] = 0 }
            let run = restart.minimize(z, work: work) { zp in
                for i in 0..<dimension { point[i] = centre[i] + size * scale[i] * zp[i] }
                return objective(UnsafeBufferPointer(point))
            }
            let improvement = bestValue - run.value
            if run.value < bestValue {
                for i in 0..<dimension { best[i] = centre[i] + size * scale[i] * z[i] }
                bestValue = objective(UnsafeBufferPointer(best))
            }
            // Stop after two restarts in a row that improve lik by less than 1e-6.
            if improvement > 1e-6 { quiet = 0 } else { quiet += 1 }
            if quiet >= 2 { break }
        }
        if !first.converged && bestValue >= first.value - 1e-9 {
            warnings.append("the optimiser stopped at its evaluation limit; the estimates may not be the maximum")
        }
        let bestPoint = Array(best)
        let parameters = bestPoint.withUnsafeBufferPointer { problem.decodeParameters($0) }
        var initial = [Double](repeating: 0, count: recursion.stateCount)
        _ = bestPoint.withUnsafeBufferPointer { xp in
            initial.withUnsafeMutableBufferPointer { problem.decodeStates(xp, into: $0) }
        }
        return evaluate(y: y, model: problem.model, period: m, parameters: parameters, initialStates: initial,
                        seriesName: seriesName, start: start, frequency: frequency, warnings: warnings)
    }

    /// The searched vector of a fit: α, β, γ, φ (those present), then the free initial states.
    static func freeVector(of fit: ETSFit) -> [Double] {
        var x = [fit.parameters.alpha]
        if let b = fit.parameters.beta { x.append(b) }
        if let g = fit.parameters.gamma { x.append(g) }
        if let p = fit.parameters.phi { x.append(p) }
        let free = fit.initialStates.count - (fit.model.season == .none ? 0 : 1)
        return x + fit.initialStates.prefix(free)
    }

    /// Step scales for the restarts: 0.5 for smoothing parameters (a first step of 0.05), the data's mean absolute
    /// deviation for the level and additive seasons, that over n for the slope, 1 for multiplicative seasons.
    static func rescaling(problem: Problem) -> [Double] {
        let y = problem.y
        let mean = y.reduce(0, +) / Double(y.count)
        var spread = y.reduce(0) { $0 + abs($1 - mean) } / Double(y.count)
        if !(spread > 0) { spread = max(abs(mean), 1) * 0.01 }
        var scale = [Double](repeating: 0.5, count: problem.smoothingCount)
        scale.append(spread)
        if problem.model.trend.hasSlope { scale.append(spread / Double(max(y.count, 1))) }
        let seasonScale = problem.model.season == .multiplicative ? 1.0 : spread
        while scale.count < problem.smoothingCount + problem.freeStateCount { scale.append(seasonScale) }
        return scale
    }

    /// Runs the model at given smoothing parameters and full initial states (R's `pegelsresid.C` followed by the
    /// bookkeeping of `etsmodel` and `ets`), giving the fit R would report for them.
    static func evaluate(y: [Double], model: ETSModel, period m: Int, parameters: ETSParameters,
                         initialStates: [Double], seriesName: String, start: Double, frequency: Int,
                         warnings: [String]) -> ETSFit {
        let n = y.count
        let recursion = ETSRecursion(model: model, period: m)
        let p = recursion.stateCount
        var residuals = [Double](repeating: 0, count: n)
        var flatStates = [Double](repeating: 0, count: (n + 1) * p)
        var ring = [Double](repeating: 0, count: max(m, 1))
        let lik = y.withUnsafeBufferPointer { yp in
            initialStates.withUnsafeBufferPointer { ip in
                ring.withUnsafeMutableBufferPointer { rp in
                    residuals.withUnsafeMutableBufferPointer { ep in
                        flatStates.withUnsafeMutableBufferPointer { sp in
                            recursion.run(y: yp, initial: ip, parameters: parameters, ring: rp, residuals: ep,
                                          states: sp)
                        }
                    }
                }
            }
        }
        let smoothing = 1 + (model.trend.hasSlope ? 1 : 0)
            + (model.season != .none ? 1 : 0) + (model.trend == .damped ? 1 : 0)
        let freeStates = p - (model.season == .none ? 0 : 1)
        let withoutSigma = smoothing + freeStates
        let k = withoutSigma + 1
        let nd = Double(n), kd = Double(k)
        let aic = lik + 2 * kd
        let bic = lik + log(nd) * kd
        let aicc = aic + 2 * kd * (kd + 1) / (nd - kd - 1)
        let sigma2 = residuals.reduce(0) { $0 + $1 * $1 } / Double(n - withoutSigma)
        let fitted = (0..<n).map { model.error == .additive ? y[$0] - residuals[$0] : y[$0] / (1 + residuals[$0]) }
        let states = (0...n).map { Array(flatStates[($0 * p)..<(($0 + 1) * p)]) }
        return ETSFit(seriesName: seriesName, start: start, frequency: frequency, y: y, model: model,
                      parameters: parameters, initialStates: initialStates, states: states,
                      logLikelihood: -0.5 * lik, aic: aic, aicc: aicc, bic: bic, sigma2: sigma2,
                      residuals: residuals, fittedValues: fitted, parameterCount: k, warnings: warnings)
    }
}
