import Foundation
import Distributions

/// An ETS model fitted to one series, as R forecast's `ets` object: the model, smoothing parameters, initial and
/// final states, R's log-likelihood and information criteria, σ², residuals and fitted values.
///
/// `logLikelihood` is R's `loglik`, −lik/2 with lik = n·log(Σe²) (+ 2Σlog|μ_t| for multiplicative errors): the
/// concentrated Gaussian log-likelihood without its constant. `parameterCount` is R's count for the criteria:
/// the smoothing parameters, the free initial states (the last seasonal state is implied) and σ², so
/// AIC = −2·loglik + 2k, BIC = −2·loglik + log(n)·k, AICc = AIC + 2k(k + 1)/(n − k − 1).
/// `sigma2` is Σe²/(n − k + 1) (R divides by n minus the parameters without σ²); for multiplicative errors it is
/// the variance of the relative errors.
public struct ETSFit: FittedForecastModel {
    public let seriesName: String
    public let start: Double
    public let frequency: Int
    /// The training observations.
    public let y: [Double]
    public let model: ETSModel
    public let parameters: ETSParameters
    /// R's `initstate`: ℓ₀, b₀, s₀ … s_{−m+1} (all m seasonal states).
    public let initialStates: [Double]
    /// R's `states`: n + 1 rows (the initial state, then the state after each observation).
    public let states: [[Double]]
    public let logLikelihood: Double
    public let aic: Double
    public let aicc: Double
    public let bic: Double
    public let sigma2: Double
    /// One-step errors e_t (relative errors for multiplicative-error models), as R's `residuals(fit)`.
    public let residuals: [Double]
    /// One-step fitted values y − e (additive) or y / (1 + e) (multiplicative).
    public let fittedValues: [Double]
    /// k in the criteria (see the type's description).
    public let parameterCount: Int
    /// What the user must know about this fit (optimiser stopped at its evaluation limit, components dropped).
    public let warnings: [String]

    public var method: String { model.name }
    public var fitted: [Double?] { fittedValues.map { Optional($0) } }
    /// The seasonal period the model uses (1 for non-seasonal models).
    public var period: Int { model.season == .none ? 1 : frequency }

    /// R's `fit$par`: alpha, beta, gamma, phi, then l, b, s0 … s{m−2}.
    public var namedParameters: [(name: String, value: Double)] {
        var out: [(name: String, value: Double)] = [("alpha", parameters.alpha)]
        if let beta = parameters.beta { out.append(("beta", beta)) }
        if let gamma = parameters.gamma { out.append(("gamma", gamma)) }
        if let phi = parameters.phi { out.append(("phi", phi)) }
        out.append(("l", initialStates[0]))
        var k = 1
        if model.trend.hasSlope { out.append(("b", initialStates[1])); k = 2 }
        if model.season != .none {
            for j in 0..<(period - 1) { out.append(("s\(j)", initialStates[k + j])) }
        }
        return out
    }

    /// Point forecasts and normal prediction intervals, as R's `forecast.ets` with its analytic variances
    /// (``ETSForecastVariance``; no model offered here needs R's simulated intervals): bounds are
    /// mean ± z·√v_h with z the normal quantile for the level. For class-3 models (multiplicative error and
    /// season) the mean is R's, which includes a σ² correction.
    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        let h = max(horizon, 0)
        let times = (0..<h).map { start + Double(y.count + $0) / Double(frequency) }
        var warnings = self.warnings
        guard h > 0 else {
            return Forecast(series: seriesName, method: method, times: [], mean: [], intervals: [],
                            logLikelihood: logLikelihood, aic: aic, aicc: aicc, bic: bic,
                            parameters: namedParameters, warnings: warnings)
        }
        let last = states[states.count - 1]
        let (mean, variance) = ETSForecastVariance.meansAndVariances(
            model: model, period: period, state: last, parameters: parameters, sigma2: sigma2, horizon: h)
        if variance.contains(where: { !($0 >= 0) }) {
            warnings.append("a forecast variance is negative or not a number; those interval bounds are NaN")
        }
        let intervals = levels.sorted().map { level -> PredictionInterval in
            let z = abs(Normal.standard.quantile((100 - level) / 200))
            let margin = variance.map { $0 >= 0 ? $0.squareRoot() * z : .nan }
            return PredictionInterval(level: level, lower: zip(mean, margin).map { $0 - $1 },
                                      upper: zip(mean, margin).map { $0 + $1 })
        }
        return Forecast(series: seriesName, method: method, times: times, mean: mean, intervals: intervals,
                        logLikelihood: logLikelihood, aic: aic, aicc: aicc, bic: bic,
                        parameters: namedParameters, warnings: warnings)
    }
}
