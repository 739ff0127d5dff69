internal import Foundation

/// The orders of a seasonal ARIMA(p,d,q)(P,D,Q)[m] model; the period m is the series' frequency.
public struct ARIMAOrder: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var p: Int
    public var d: Int
    public var q: Int
    public var seasonalP: Int
    public var seasonalD: Int
    public var seasonalQ: Int

    public init(p: Int, d: Int, q: Int, seasonalP: Int = 0, seasonalD: Int = 0, seasonalQ: Int = 0) {
        self.p = p
        self.d = d
        self.q = q
        self.seasonalP = seasonalP
        self.seasonalD = seasonalD
        self.seasonalQ = seasonalQ
    }

    public var isSeasonal: Bool { seasonalP + seasonalD + seasonalQ > 0 }

    public var description: String {
        "(\(p),\(d),\(q))" + (isSeasonal ? "(\(seasonalP),\(seasonalD),\(seasonalQ))" : "")
    }
}

/// A fixed-order ARIMA model as R forecast 8.20's `Arima(y, order, seasonal, include.mean, include.drift)` fits it:
/// `stats::arima` with method "CSS-ML" (conditional sum of squares for starting values, then the exact Gaussian
/// likelihood by the Kalman filter, AR parts optimised through the PACF transform), the mean as an intercept
/// regressor when there is no differencing, and drift as the regressor 1, 2, …, n when there is one.
///
/// As in R: seasonal orders are ignored on a series with frequency 1; drift is dropped (with a warning in the
/// forecast) when there are two or more differences; `includeMean` applies only when d + D = 0. Drift together with a
/// mean and no differencing (R rotates the two regressors by an SVD) is not supported and is an error.
public struct ARIMASpec: ForecastModelSpec, Equatable {
    public var order: ARIMAOrder
    public var includeDrift: Bool
    public var includeMean: Bool

    public init(order: ARIMAOrder, includeDrift: Bool = false, includeMean: Bool = true) {
        self.order = order
        self.includeDrift = includeDrift
        self.includeMean = includeMean
    }

    public init(p: Int, d: Int, q: Int, includeDrift: Bool = false, includeMean: Bool = true) {
        self.init(order: ARIMAOrder(p: p, d: d, q: q), includeDrift: includeDrift, includeMean: includeMean)
    }

    /// Parses the command line's `--order p,d,q` (optionally `p,d,q,P,D,Q` for a seasonal model): non-negative
    /// integers separated by commas, anything else an `invalidOption` naming the text.
    public init(orderText: String, includeDrift: Bool = false, includeMean: Bool = true) throws(ForecastError) {
        let parts = orderText.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3 || parts.count == 6, parts.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw .invalidOption("--order \"\(orderText)\": expected p,d,q (or p,d,q,P,D,Q) as non-negative integers")
        }
        let v = parts.map { $0! }
        let order = v.count == 3 ? ARIMAOrder(p: v[0], d: v[1], q: v[2])
            : ARIMAOrder(p: v[0], d: v[1], q: v[2], seasonalP: v[3], seasonalD: v[4], seasonalQ: v[5])
        self.init(order: order, includeDrift: includeDrift, includeMean: includeMean)
    }

    public var label: String {
        "arima \(order.p),\(order.d),\(order.q)" + (order.isSeasonal ? " \(order.seasonalP),\(order.seasonalD),\(order.seasonalQ)" : "")
            + (includeDrift ? " drift" : "")
    }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        try fitARIMA(series)
    }

    /// The resolved model for a series: effective orders (seasonal dropped on annual data), period, regressor, and
    /// any warning R would give.
    struct Resolved {
        var order: ARIMAOrder
        var period: Int
        var regressor: ARIMARegressor
        var warnings: [String]
    }

    func resolve(_ series: TimeSeries, count n: Int) throws(ForecastError) -> Resolved {
        let o = order
        guard [o.p, o.d, o.q, o.seasonalP, o.seasonalD, o.seasonalQ].allSatisfy({ $0 >= 0 }) else {
            throw .invalidOption("ARIMA orders must be non-negative, got \(o)")
        }
        var effective = o
        var period = 1
        if series.frequency <= 1 {
            effective.seasonalP = 0
            effective.seasonalD = 0
            effective.seasonalQ = 0
        } else {
            period = series.frequency
        }
        let needed = effective.d + effective.seasonalD * period + 1
        guard n >= needed else {
            throw .tooShort(series: series.name, count: n, needed: needed, model: "ARIMA\(effective)")
        }
        var warnings: [String] = []
        var drift = includeDrift
        let nd = effective.d + effective.seasonalD
        if nd > 1 && drift {
            warnings.append("No drift term fitted as the order of difference is 2 or more.")
            drift = false
        }
        let regressor: ARIMARegressor
        if drift {
            if nd == 0 && includeMean {
                throw .invalidOption("ARIMA with drift and a mean but no differencing is not supported; use d = 1 or drop the mean")
            }
            regressor = .drift
        } else if includeMean && nd == 0 {
            regressor = .intercept
        } else {
            regressor = .none
        }
        return Resolved(order: effective, period: period, regressor: regressor, warnings: warnings)
    }

    func estimator(_ x: [Double], _ r: Resolved) -> ARIMAEstimator {
        ARIMAEstimator(x: x, p: r.order.p, d: r.order.d, q: r.order.q, seasonalP: r.order.seasonalP,
                       seasonalD: r.order.seasonalD, seasonalQ: r.order.seasonalQ, period: r.period,
                       regressor: r.regressor)
    }

    /// Fits the model by R's CSS-ML procedure. Throws `missingValues` for gaps, `tooShort` when the series has no
    /// more observations than differences, `inapplicableModel` where R's `arima` stops with an error (naming R's
    /// reason, e.g. a non-stationary AR part from CSS).
    public func fitARIMA(_ series: TimeSeries) throws(ForecastError) -> ARIMAFit {
        let x = try series.complete()
        let r = try resolve(series, count: x.count)
        let estimate: ARIMAEstimate
        do {
            estimate = try estimator(x, r).fit()
        } catch {
            throw .inapplicableModel(series: series.name, model: "ARIMA\(r.order)", reason: error.reason)
        }
        return ARIMAFit(series: series, values: x, estimate: estimate, period: r.period,
                        criteria: .arima, warnings: r.warnings)
    }

    /// The model evaluated at given coefficients, in R's order and naming (ar1…, ma1…, sar1…, sma1…, then
    /// intercept or drift): log-likelihood, information criteria, residuals and forecasts exactly as R gives them for
    /// those values, with no optimisation. Lets tests put R's estimates in and compare everything downstream.
    public func evaluate(_ series: TimeSeries, coefficients: [Double]) throws(ForecastError) -> ARIMAFit {
        let x = try series.complete()
        let r = try resolve(series, count: x.count)
        let e = estimator(x, r)
        guard coefficients.count == e.layout.count else {
            throw .invalidOption("ARIMA\(r.order) needs \(e.layout.count) coefficients, got \(coefficients.count)")
        }
        return ARIMAFit(series: series, values: x, estimate: e.evaluate(coefficients: coefficients), period: r.period,
                        criteria: .arima, warnings: r.warnings)
    }
}
