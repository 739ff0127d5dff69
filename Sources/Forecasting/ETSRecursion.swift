import Foundation

/// The ETS state recursion over a series: one pass that computes the one-step errors and R's likelihood criterion.
///
/// This is the algorithm of R forecast's C routine `etscalc` (Hyndman et al. 2008, ch. 2 and 5), re-expressed:
/// for t = 1…n the one-step forecast is μ_t = (ℓ + φb) ⊕ s_{t−m} (⊕ is + or × by the season type), the error is
/// e_t = y_t − μ_t (additive) or (y_t − μ_t)/μ_t (multiplicative), and the states are updated with
/// q = ℓ + φb, p = y − s_{t−m} or y / s_{t−m}, ℓ' = q + α(p − q), b' = φb + (β/α)(ℓ' − ℓ − φb),
/// s' = s_{t−m} + γ(y − q − s_{t−m}) or s_{t−m} + γ(y/q − s_{t−m}). R's guards are kept: a seasonal divisor or level
/// below 1e-10 in absolute value is replaced by a quotient of 1e10.
///
/// The criterion returned is R's `lik`: n·log(Σe²) for additive errors, plus 2·Σ log|μ_t| for multiplicative
/// errors; R's reported log-likelihood is −lik/2 (the Gaussian log-likelihood with σ² profiled out, constants
/// dropped). Seasonal states live in a ring buffer, so an evaluation allocates nothing.
struct ETSRecursion {
    let model: ETSModel
    /// Seasonal period used by the recursion (1 for non-seasonal models, as R sets it).
    let period: Int
    /// The components as plain flags (switches here, so the loop compares no enums).
    let hasSlope: Bool
    let damped: Bool
    let seasonal: Bool
    let additiveSeason: Bool
    let multiplicativeError: Bool
    /// Number of states: ℓ, b (trend models), s₁…s_m (seasonal models), in R's order.
    let stateCount: Int

    init(model: ETSModel, period: Int) {
        self.model = model
        switch model.trend {
        case .none: hasSlope = false; damped = false
        case .additive: hasSlope = true; damped = false
        case .damped: hasSlope = true; damped = true
        }
        switch model.season {
        case .none: seasonal = false; additiveSeason = false
        case .additive: seasonal = true; additiveSeason = true
        case .multiplicative: seasonal = true; additiveSeason = false
        }
        switch model.error {
        case .additive: multiplicativeError = false
        case .multiplicative: multiplicativeError = true
        }
        self.period = seasonal ? period : 1
        stateCount = 1 + (hasSlope ? 1 : 0) + (seasonal ? self.period : 0)
    }

    /// Runs the recursion.
    ///
    /// - Parameters:
    ///   - initial: the full initial state vector in R's order (ℓ₀, b₀, s₀ … s_{−m+1}); for seasonal models the
    ///     last entry is the season used by the first observation.
    ///   - ring: scratch of at least `period` elements.
    ///   - residuals: if given, receives the n errors e_t.
    ///   - states: if given, receives the (n + 1) × stateCount states row by row (R's `states` matrix).
    /// - Returns: R's `lik` (NaN when a forecast or error is not a number).
    func run(y: UnsafeBufferPointer<Double>, initial: UnsafeBufferPointer<Double>, parameters: ETSParameters,
             ring: UnsafeMutableBufferPointer<Double>, residuals: UnsafeMutableBufferPointer<Double>? = nil,
             states: UnsafeMutableBufferPointer<Double>? = nil) -> Double {
        let tol = 1e-10, huge = 1e10
        let n = y.count, m = period
        let hasSlope = self.hasSlope, seasonal = self.seasonal, additiveSeason = self.additiveSeason
        let alpha = parameters.alpha
        let beta = hasSlope ? (parameters.beta ?? 0) : 0
        let gamma = seasonal ? (parameters.gamma ?? 0) : 0
        let phi = damped ? (parameters.phi ?? 1) : 1
        let multiplicativeError = self.multiplicativeError
        let p = stateCount
        let sOffset = hasSlope ? 2 : 1

        var l = initial[0]
        var b = hasSlope ? initial[1] : 0
        // Ring: logical season j (0 = most recent, m − 1 = oldest) sits at ring[(head + j) % m].
        var head = 0
        if seasonal { for j in 0..<m { ring[j] = initial[sOffset + j] } }
        if let states { for k in 0..<p { states[k] = initial[k] } }

        // Σ log|μ_t| is kept as log of a running product renormalised by its binary exponent: one log per series,
        // not per step (it agrees with the sum of logs to rounding).
        var sumSq = 0.0, product = 1.0, productExponent = 0
        for t in 0..<n {
            let yt = y[t]
            let oldl = l, oldb = b
            let oldest = seasonal ? ring[(head + m - 1) % m] : 0
            // One-step forecast.
            let phib = hasSlope ? phi * oldb : 0
            let q = oldl + phib
            var f = q
            if seasonal { if additiveSeason { f += oldest } else { f *= oldest } }
            let e = multiplicativeError ? (yt - f) / f : yt - f
            residuals?[t] = e
            // Level.
            let pAdj: Double
            if !seasonal { pAdj = yt } else if additiveSeason { pAdj = yt - oldest } else {
                pAdj = abs(oldest) < tol ? huge : yt / oldest
            }
            l = q + alpha * (pAdj - q)
            // Slope.
            if hasSlope { b = phib + (beta / alpha) * ((l - oldl) - phib) }
            // Season: the new season replaces the oldest, which becomes the most recent.
            if seasonal {
                let tt: Double
                if additiveSeason { tt = yt - q } else { tt = abs(q) < tol ? huge : yt / q }
                head = (head + m - 1) % m
                ring[head] = oldest + gamma * (tt - oldest)
            }
            if let states {
                let row = (t + 1) * p
                states[row] = l
                if hasSlope { states[row + 1] = b }
                if seasonal { for j in 0..<m { states[row + sOffset + j] = ring[(head + j) % m] } }
            }
            sumSq += e * e
            if multiplicativeError {
                product *= abs(f)
                if product.isFinite && product != 0 {
                    productExponent += Int(product.exponent)
                    product = product.significand
                }
            }
        }
        var lik = Double(n) * log(sumSq)
        if multiplicativeError { lik += 2 * (log(product) + Double(productExponent) * M_LN2) }
        return lik
    }

    /// Point forecasts for steps 1…h from a state (R's C routine `etsforecast`): (ℓ + φ_h b) ⊕ s, with
    /// φ_h = φ + φ² + … + φ^h.
    func pointForecasts(from state: [Double], parameters: ETSParameters, horizon: Int) -> [Double] {
        let hasSlope = model.trend.hasSlope
        let phi = model.trend == .damped ? (parameters.phi ?? 1) : 1
        let m = period
        let sOffset = hasSlope ? 2 : 1
        let l = state[0], b = hasSlope ? state[1] : 0
        var out = [Double](repeating: 0, count: horizon)
        var phistar = phi
        for i in 0..<horizon {
            var f = hasSlope ? l + phistar * b : l
            var j = m - 1 - i
            while j < 0 { j += m }
            switch model.season {
            case .none: break
            case .additive: f += state[sOffset + j]
            case .multiplicative: f *= state[sOffset + j]
            }
            out[i] = f
            if i < horizon - 1 {
                phistar += abs(phi - 1) < 1e-10 ? 1 : pow(phi, Double(i + 1))
            }
        }
        return out
    }
}
