internal import Foundation

/// The baseline cumulative hazard of a Cox fit and predicted survival for covariate profiles, as survival's
/// `survfit(fit, newdata)` / `basehaz(fit, centered = FALSE)` with the default `ctype` matching the ties
/// (Efron → the Efron hazard estimate, Breslow → Breslow's) and `stype = 2`, S = exp(−Λ).
///
/// Within a stratum, at each death time t with d deaths of total weight W the increment at x = 0 is
/// ΔΛ₀(t) = Σ_{k<d} (W/d)/(D − (k/d)·D₂) (Efron) or W/D (Breslow), with D, D₂ the exp(xβ + offset)-weighted
/// sums over the risk set and the deaths (Therneau & Grambsch 2000, §10.2). For a profile z (design columns)
/// and offset o, Λ(t | z) = exp(zβ + o)·Λ₀(t) and S(t | z) = exp(−Λ(t | z)).
///
/// Complexity: O(n·p) to build (one kernel sweep), O(log T) per time looked up.
public struct BaselineHazard: Sendable {
    /// One stratum's step function.
    public struct Curve: Sendable, Equatable {
        /// Stratum label ("" without strata).
        public let stratum: String
        /// Distinct death times, ascending.
        public let time: [Double]
        /// Λ₀ at those times (x = 0, offset 0).
        public let cumulativeHazard: [Double]

        /// Λ₀(t): the last value at a time ≤ t (0 before the first death).
        public func cumulativeHazard(at t: Double) -> Double {
            var l = 0, h = time.count
            while l < h { let m = (l + h) / 2; if time[m] <= t { l = m + 1 } else { h = m } }
            return l == 0 ? 0 : cumulativeHazard[l - 1]
        }
    }

    public let curves: [Curve]

    init(fit: CoxFit) {
        let kernel = fit.state.kernel
        let input = kernel.input
        let eta = kernel.linearPredictors(fit.state.beta)
        let et = CoxKernelEventTimes(kernel: kernel, eta: eta)
        // x was centred: exp(xβ) = exp((x − means)β)·exp(means·β), so Λ₀ = (centred increments)·exp(−means·β).
        var shift = 0.0
        for j in 0..<input.p { shift += input.means[j] * fit.state.beta[j] }
        let scale = exp(-shift)
        let labels = input.data.strata
        var out: [Curve] = []
        for s in 0..<(et.strataBounds.count - 1) {
            let lo = et.strataBounds[s], hi = et.strataBounds[s + 1]
            var times: [Double] = [], cum: [Double] = []
            var total = 0.0
            for k in stride(from: hi - 1, through: lo, by: -1) {   // records are descending in time
                total += et.hazard[k] * scale
                times.append(et.time[k]); cum.append(total)
            }
            out.append(Curve(stratum: s < labels.count ? labels[s] : "", time: times, cumulativeHazard: cum))
        }
        curves = out
    }
}

/// Predicted cumulative hazard and survival of one covariate profile at given times.
public struct CoxSurvivalPrediction: Sendable, Equatable {
    public let time: [Double]
    public let cumulativeHazard: [Double]
    /// exp(−Λ).
    public let survival: [Double]
    /// 1 − S: the risk of the event by each time.
    public var risk: [Double] { survival.map { 1 - $0 } }
}

extension CoxFit {
    /// The baseline cumulative hazard per stratum (``BaselineHazard``).
    public func baselineHazard() -> BaselineHazard { BaselineHazard(fit: self) }

    /// Predicted Λ and S = exp(−Λ) at `times` for a profile giving a value for every design column by name
    /// (``terms``, e.g. `["age": 60, "sex": 1]`; factor columns as `"celltype=large": 1`), in `stratum`
    /// (a label of ``strata``; required for stratified fits), with an optional offset — as
    /// `summary(survfit(fit, newdata), times)`.
    ///
    /// - Throws: ``CoxModelError/invalidPrediction(_:)`` for a missing or unknown column, a non-finite value or
    ///   an unknown/missing stratum.
    public func predictSurvival(profile: [String: Double], at times: [Double], stratum: String? = nil,
                                offset: Double = 0) throws(CoxModelError) -> CoxSurvivalPrediction {
        for key in profile.keys where !terms.contains(key) {
            throw .invalidPrediction("\(key) is not a model column; columns are \(terms.joined(separator: ", "))")
        }
        var lp = offset
        for (j, name) in terms.enumerated() where !aliased[j] {
            guard let v = profile[name] else { throw .invalidPrediction("the profile has no value for \(name)") }
            guard v.isFinite else { throw .invalidPrediction("the profile's \(name) is not finite") }
            lp += v * coefficients[j]
        }
        let base = baselineHazard()
        let curve: BaselineHazard.Curve
        if strata.isEmpty {
            guard let c = base.curves.first else { throw .invalidPrediction("no baseline hazard") }
            curve = c
        } else {
            guard let s = stratum, let c = base.curves.first(where: { $0.stratum == s }) else {
                throw .invalidPrediction("a stratified fit needs one of the strata \(strata.joined(separator: "; "))")
            }
            curve = c
        }
        let cum = times.map { curve.cumulativeHazard(at: $0) * exp(lp) }
        return CoxSurvivalPrediction(time: times, cumulativeHazard: cum, survival: cum.map { exp(-$0) })
    }
}
