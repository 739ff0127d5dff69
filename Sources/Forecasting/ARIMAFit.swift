internal import Foundation
internal import Distributions

/// A fitted ARIMA model: R's coefficients, likelihood and criteria, and forecasts as forecast 8.20's
/// `forecast.Arima` gives them (the Kalman forecast from the filtered final state, R's `predict.Arima`, with
/// intervals mean ± z·se).
///
/// Two variances appear, as in R: `sigma2ML` is `stats::arima`'s maximum-likelihood innovation variance (which
/// enters the likelihood); `sigma2` is forecast's re-estimate Σe²/(n* − k + 1) over the standardised residuals
/// (n* = n − d − mD, k the estimated parameters plus σ²), which scales the prediction intervals.
public struct ARIMAFit: FittedForecastModel {
    /// Which formula of forecast's the criteria use: `Arima` (aicc = aic + 2k(n*/(n*−k−1) − 1)) or `myarima`
    /// inside auto.arima (aicc = aic + 2k(k+1)/(n*−k−1)); the same value up to rounding.
    enum Criteria: Sendable { case arima, autoArima }

    public let seriesName: String
    public let order: ARIMAOrder
    /// Seasonal period m (the series frequency; 1 for annual data).
    public let period: Int
    /// Coefficients in R's names and order: ar1…, ma1…, sar1…, sma1…, intercept | drift.
    public let coefficients: [(name: String, value: Double)]
    /// Standard errors of the estimated coefficients from the numerical Hessian (R's `sqrt(diag(var.coef))`);
    /// nil when evaluated at given coefficients or nothing was estimated. NaN where R's would be (a negative
    /// variance, which auto.arima treats as a failed fit).
    public let standardErrors: [Double]?
    public let sigma2: Double
    public let sigma2ML: Double
    public let logLikelihood: Double
    public let aic: Double
    public let aicc: Double
    public let bic: Double
    /// Standardised one-step innovations (R's `residuals(fit)`).
    public let residuals: [Double]
    /// Whether the BFGS iterations converged (R's `code == 0`).
    public let converged: Bool
    public let warnings: [String]
    let estimate: ARIMAEstimate
    let values: [Double]
    let start: Double
    let frequency: Int
    /// forecast's `constant` fit for an exactly constant series: forecasts repeat the value with zero width.
    let constantValue: Double?

    init(series: TimeSeries, values: [Double], estimate: ARIMAEstimate, period: Int, criteria: Criteria,
         warnings: [String], constantValue: Double? = nil) {
        seriesName = series.name
        self.values = values
        self.estimate = estimate
        self.period = period
        start = series.start
        frequency = series.frequency
        self.warnings = warnings
        self.constantValue = constantValue
        let l = estimate.layout
        order = ARIMAOrder(p: l.p, d: estimate.d, q: l.q, seasonalP: l.seasonalP, seasonalD: estimate.seasonalD,
                           seasonalQ: l.seasonalQ)
        var names: [String] = []
        names += (0..<l.p).map { "ar\($0 + 1)" }
        names += (0..<l.q).map { "ma\($0 + 1)" }
        names += (0..<l.seasonalP).map { "sar\($0 + 1)" }
        names += (0..<l.seasonalQ).map { "sma\($0 + 1)" }
        switch estimate.regressor {
        case .none: break
        case .intercept: names.append("intercept")
        case .drift: names.append("drift")
        }
        coefficients = Array(zip(names, estimate.coefficients)).map { (name: $0.0, value: $0.1) }
        if let cov = estimate.covariance {
            let m = estimate.mask.filter { $0 }.count
            standardErrors = (0..<m).map { cov[$0 * m + $0].squareRoot() }
        } else {
            standardErrors = nil
        }
        let npar = Double(estimate.mask.filter { $0 }.count + 1)
        let nstar = Double(values.count - estimate.d - estimate.seasonalD * period)
        sigma2ML = estimate.sigma2ML
        sigma2 = estimate.residuals.reduce(0) { $0 + ($1.isNaN ? 0 : $1 * $1) } / (nstar - npar + 1)
        logLikelihood = estimate.logLikelihood
        aic = estimate.aic
        switch criteria {
        case .arima: aicc = aic + 2 * npar * (nstar / (nstar - npar - 1) - 1)
        case .autoArima: aicc = aic + 2 * npar * (npar + 1) / (nstar - npar - 1)
        }
        bic = aic + npar * (log(nstar) - 2)
        residuals = estimate.residuals
        converged = estimate.convergence == 0
    }

    /// Whether forecast's auto.arima would accept this fit: all AR and MA roots at least 1.01 in
    /// modulus (on the expanded polynomials, coefficients below 1e-8 trimmed at the end), and no NaN standard error.
    var passesAutoARIMAChecks: Bool {
        guard passesRootChecks else { return false }
        if let se = standardErrors, se.contains(where: { $0.isNaN }) { return false }
        return true
    }

    /// The root part of `passesAutoARIMAChecks`.
    var passesRootChecks: Bool {
        var minRoot = 2.0
        if order.p + order.seasonalP > 0 {
            minRoot = min(minRoot, ARIMAPolynomialRoots.minimumRootModulus(estimate.phi, sign: -1))
        }
        if order.q + order.seasonalQ > 0 {
            minRoot = min(minRoot, ARIMAPolynomialRoots.minimumRootModulus(estimate.theta, sign: 1))
        }
        return minRoot >= 1 + 0.01
    }

    /// R forecast's `arima.string`: "ARIMA(1,1,0) with drift", "ARIMA(0,1,1)(0,1,1)[12]", "ARIMA(1,0,0) with
    /// non-zero mean", "ARIMA(0,0,0) with zero mean".
    public var method: String {
        var s = "ARIMA(\(order.p),\(order.d),\(order.q))"
        if period > 1 && order.isSeasonal {
            s += "(\(order.seasonalP),\(order.seasonalD),\(order.seasonalQ))[\(period)]"
        }
        switch estimate.regressor {
        case .drift: s += " with drift"
        case .intercept: s += " with non-zero mean"
        case .none: if order.d == 0 && order.seasonalD == 0 { s += " with zero mean" }
        }
        return s
    }

    /// R's `fitted.Arima`: the series minus the residuals.
    public var fitted: [Double?] {
        zip(values, residuals).map { $0.0 - $0.1 }
    }

    /// Point forecasts and their standard errors for steps 1…horizon (R's `predict.Arima`).
    public func predict(horizon: Int) -> (mean: [Double], standardError: [Double]) {
        if let constantValue {
            return ([Double](repeating: constantValue, count: horizon), [Double](repeating: 0, count: horizon))
        }
        let e = estimate
        let kalman = ARIMAKalman(p: e.phi.count, q: e.theta.count, delta: e.delta)
        kalman.phi = e.phi
        kalman.theta = e.theta
        kalman.a = e.finalState
        kalman.P = e.finalCovariance
        let (means, variances) = kalman.forecast(horizon: horizon)
        let n = values.count
        let beta = e.regressor == .none ? 0 : e.coefficients[e.layout.armaCount]
        let mean = (0..<horizon).map { means[$0] + e.regressor.value(at: n + $0) * beta }
        let se = variances.map { ($0 * sigma2).squareRoot() }
        return (mean, se)
    }

    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        let (mean, se) = predict(horizon: horizon)
        let intervals = levels.sorted().map { level -> PredictionInterval in
            let z = Normal.standard.quantile(0.5 * (1 + level / 100))
            return PredictionInterval(level: level, lower: zip(mean, se).map { $0 - z * $1 },
                                      upper: zip(mean, se).map { $0 + z * $1 })
        }
        let times = (0..<horizon).map { start + Double(values.count + $0) / Double(frequency) }
        return Forecast(series: seriesName, method: method, times: times, mean: mean, intervals: intervals,
                        logLikelihood: constantValue == nil ? logLikelihood : nil,
                        aic: constantValue == nil ? aic : nil, aicc: constantValue == nil ? aicc : nil,
                        bic: constantValue == nil ? bic : nil, parameters: coefficients,
                        warnings: warnings + (converged ? [] : ["the likelihood optimiser stopped at its iteration limit (R's convergence code 1); the estimates may not be at the maximum"]))
    }
}
