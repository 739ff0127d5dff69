import Foundation

/// Empirical prediction intervals (Williams & Goodman 1971; Hyndman & Athanasopoulos, FPP3 §5.5 "prediction
/// intervals from bootstrapped/empirical errors"): a model's intervals are widened, horizon by horizon, so that
/// they are no narrower than the quantiles of the errors the same specification made on the series' own history.
///
/// Why: model-based intervals of ETS and ARIMA assume the model is true and its parameters known; on short annual
/// LA series they are much too narrow five years out (R's `ets` and `auto.arima` cover far below nominal at h = 5 on
/// the LA panel; see Benchmarks/peers/r/forecast_coverage.R). The errors the method actually made measure the
/// uncertainty that includes model choice and parameter error.
///
/// What is computed, at fit time and from the training series only:
/// 1. a rolling-origin backtest of the base specification on the series (``ForecastBacktest``, training windows of
///    `minimumTraining` observations and more, horizons 1…`horizon`);
/// 2. the errors on the log scale, `r = log(1 + y) − log(1 + ŷ)` (counts: relative errors, defined at zero),
///    standardised by `√h` (the growth of a random walk's error) and pooled over horizons, because a short annual
///    series has too few errors at any one horizon for a quantile;
/// 3. for a forecast at step `h` with point forecast `m` and level `L`, the bounds
///    `exp(log(1 + m) + √h · q_{(1−L/100)/2}) − 1` and `exp(log(1 + m) + √h · q_{(1+L/100)/2}) − 1`, with `q` R's
///    type-7 sample quantiles of the pooled standardised errors; the published bounds are the wider of these and
///    the model's own (so calibration only ever widens), and never below zero.
/// With fewer than `minimumErrors` pooled errors the model's intervals are kept and a warning says so.
public struct EmpiricallyCalibratedSpec: ForecastModelSpec {
    public var base: any ForecastModelSpec
    /// Training windows of the internal backtest start at this length (3: the fewest a drift needs).
    public var minimumTraining: Int
    public var horizon: Int
    public var minimumErrors: Int

    public init(_ base: any ForecastModelSpec, minimumTraining: Int = 3, horizon: Int = 5, minimumErrors: Int = 5) {
        self.base = base
        self.minimumTraining = minimumTraining
        self.horizon = horizon
        self.minimumErrors = minimumErrors
    }

    public var label: String { "\(base.label), calibrated" }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        let fitted = try base.fit(series)
        let options = BacktestOptions(minimumTraining: minimumTraining, horizon: horizon, levels: [])
        let records = ForecastBacktest.run(base, on: series, options: options).records
        let errors = records.compactMap { r -> Double? in
            guard r.actual > -1, r.mean > -1 else { return nil }
            let e = (Foundation.log1p(r.actual) - Foundation.log1p(r.mean)) / Double(r.horizon).squareRoot()
            return e.isFinite ? e : nil
        }.sorted()
        return FittedCalibrated(inner: fitted, errors: errors, minimumErrors: minimumErrors)
    }
}

/// R's type-7 quantile of sorted values.
func type7Quantile(_ sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

/// A fitted model whose intervals are widened to the empirical error quantiles.
public struct FittedCalibrated: FittedForecastModel {
    public let inner: any FittedForecastModel
    /// Pooled standardised log errors, sorted.
    public let errors: [Double]
    public let minimumErrors: Int

    public var method: String { inner.method }
    public var fitted: [Double?] { inner.fitted }

    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        var f = inner.forecast(horizon: horizon, levels: levels)
        guard errors.count >= minimumErrors else {
            f.warnings.append("intervals not calibrated: the history gave too few rolling-origin errors; model intervals shown")
            f.intervals = f.intervals.map {
                PredictionInterval(level: $0.level, lower: $0.lower.map { max(0, $0) }, upper: $0.upper)
            }
            return f
        }
        f.intervals = f.intervals.map { iv in
            let qLo = type7Quantile(errors, (1 - iv.level / 100) / 2)
            let qHi = type7Quantile(errors, (1 + iv.level / 100) / 2)
            var lower = iv.lower, upper = iv.upper
            for k in 0..<horizon {
                let centre = Foundation.log1p(max(f.mean[k], 0)), s = Double(k + 1).squareRoot()
                lower[k] = max(0, min(lower[k], Foundation.expm1(centre + s * qLo)))
                upper[k] = max(upper[k], Foundation.expm1(centre + s * qHi))
            }
            return PredictionInterval(level: iv.level, lower: lower, upper: upper)
        }
        f.warnings.append("intervals calibrated to the series' own rolling-origin errors (empirical prediction intervals)")
        return f
    }
}
