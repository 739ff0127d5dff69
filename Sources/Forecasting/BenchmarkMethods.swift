import Distributions

/// The benchmark forecasting methods of R forecast 8.20 — `naive`, `rwf` (random walk, with or without drift),
/// `snaive` and `meanf` — with R's point forecasts and normal (or, for the mean, Student t) prediction intervals.
///
/// Every forecasting model is compared with these (Hyndman & Athanasopoulos, *Forecasting: Principles and
/// Practice*, §5.2): a model that cannot beat the naive forecast five years out is not worth its complexity. They
/// are also the fallbacks of ``AutomaticForecastSpec`` on series too short for ETS or ARIMA.
///
/// What is computed (R's `lagwalk` / `forecast.lagwalk` and `meanf`):
/// - lag walk with lag `m` (1 for naive and drift, the frequency for seasonal naive): residuals
///   `e_t = y_t − y_{t−m} − b`; the drift `b` is the mean of the lag-`m` differences with its standard error
///   `sd(diff)/√count` (R: `lm(diff ~ 1)`); `mse = Σe²/(count − [b ≠ 0])` (R divides by count when the estimated
///   drift is exactly zero, and so does this); at step `h`, with `k = ⌈h/m⌉` full periods,
///   mean `y_{n−m+((h−1) mod m)+1} + k b` and standard error `√(mse·k + (k·se(b))²)` — the second term is the
///   uncertainty of the drift estimate, which R includes;
/// - mean: `ȳ`, bounds `ȳ ± t_{n−1, 1−α/2} · s · √(1 + 1/n)` with `s` the sample standard deviation.
///
/// Differences from R: a series with a missing value is refused (`ForecastError.missingValues`) rather than
/// carried over, because a carried-over value silently changes the drift; a series too short for a residual
/// variance is refused rather than given NaN bounds.
public enum BenchmarkMethod: String, Sendable, CaseIterable {
    /// R's `naive()`: the last value.
    case naive
    /// R's `rwf(drift = TRUE)`: the last value plus the average change.
    case drift
    /// R's `snaive()`: the value one season earlier.
    case seasonalNaive = "snaive"
    /// R's `meanf()`: the mean of the history.
    case mean

    /// R forecast's method label.
    public var label: String {
        switch self {
        case .naive: return "Naive method"
        case .drift: return "Random walk with drift"
        case .seasonalNaive: return "Seasonal naive method"
        case .mean: return "Mean"
        }
    }
}

/// A benchmark method as a ``ForecastModelSpec``.
public struct BenchmarkSpec: ForecastModelSpec {
    public var method: BenchmarkMethod

    public init(_ method: BenchmarkMethod) { self.method = method }

    public var label: String { method.rawValue }

    /// The fewest observations the method needs for a variance: naive 2, drift 3 (two differences for the drift's
    /// standard error), seasonal naive one season plus one, mean 2.
    public func minimumLength(frequency: Int) -> Int {
        switch method {
        case .naive, .mean: return 2
        case .drift: return 3
        case .seasonalNaive: return max(frequency, 1) + 1
        }
    }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        let y = try series.complete()
        let needed = minimumLength(frequency: series.frequency)
        guard y.count >= needed else {
            throw .tooShort(series: series.name, count: y.count, needed: needed, model: method.label)
        }
        guard y.allSatisfy(\.isFinite) else {
            throw .inapplicableModel(series: series.name, model: method.label, reason: "the series has a non-finite value")
        }
        switch method {
        case .mean: return FittedMean(series: series, y: y)
        case .naive: return FittedLagWalk(series: series, y: y, lag: 1, drift: false, method: method.label)
        case .drift: return FittedLagWalk(series: series, y: y, lag: 1, drift: true, method: method.label)
        case .seasonalNaive:
            return FittedLagWalk(series: series, y: y, lag: max(series.frequency, 1), drift: false, method: method.label)
        }
    }
}

/// A fitted lag walk (R's `lagwalk` object): naive, drift or seasonal naive.
public struct FittedLagWalk: FittedForecastModel {
    public let method: String
    public let fitted: [Double?]
    public let series: TimeSeries
    public let lag: Int
    /// The drift (0 without drift) and its standard error.
    public let drift: Double
    public let driftSE: Double
    /// The one-step residual mean square, R's `mse` in `forecast.lagwalk`.
    public let mse: Double
    /// The last `lag` observations.
    let future: [Double]

    init(series: TimeSeries, y: [Double], lag: Int, drift includeDrift: Bool, method: String) {
        self.method = method
        self.series = series
        self.lag = lag
        let diffs = (lag..<y.count).map { y[$0] - y[$0 - lag] }
        var b = 0.0, bse = 0.0
        if includeDrift {
            b = diffs.reduce(0, +) / Double(diffs.count)
            let ss = diffs.reduce(0) { $0 + ($1 - b) * ($1 - b) }
            bse = (ss / Double(diffs.count - 1)).squareRoot() / Double(diffs.count).squareRoot()
        }
        drift = b
        driftSE = bse
        let ss = diffs.reduce(0) { $0 + ($1 - b) * ($1 - b) }
        // R: sum(res^2) / (count - (drift != 0)).
        mse = ss / Double(diffs.count - (b != 0 ? 1 : 0))
        fitted = (0..<y.count).map { $0 < lag ? nil : y[$0 - lag] + b }
        future = Array(y.suffix(lag))
    }

    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        let n = series.count
        var mean: [Double] = [], se: [Double] = []
        for h in 1...max(horizon, 1) where h <= horizon {
            let k = Double((h - 1) / lag + 1)
            mean.append(future[(h - 1) % lag] + k * drift)
            se.append((mse * k + (k * driftSE) * (k * driftSE)).squareRoot())
        }
        let intervals = levels.map { level in
            let z = Normal.standard.quantile(0.5 + level / 200)
            return PredictionInterval(level: level, lower: zip(mean, se).map { $0 - z * $1 },
                                      upper: zip(mean, se).map { $0 + z * $1 })
        }
        var parameters: [(name: String, value: Double)] = []
        if drift != 0 || method == BenchmarkMethod.drift.label {
            parameters = [("drift", drift), ("drift_se", driftSE)]
        }
        parameters.append(("sigma2", mse))
        return Forecast(series: series.name, method: method, times: (0..<horizon).map { series.time(at: n + $0) },
                        mean: mean, intervals: intervals, parameters: parameters)
    }
}

/// A fitted mean (R's `meanf`).
public struct FittedMean: FittedForecastModel {
    public let method = BenchmarkMethod.mean.label
    public let fitted: [Double?]
    public let series: TimeSeries
    public let mean: Double
    /// Sample standard deviation (divisor n − 1).
    public let sd: Double
    public let count: Int

    init(series: TimeSeries, y: [Double]) {
        self.series = series
        count = y.count
        mean = y.reduce(0, +) / Double(y.count)
        let m = mean
        sd = (y.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(y.count - 1)).squareRoot()
        fitted = y.map { _ in m }
    }

    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        let n = Double(count)
        let intervals = levels.map { level -> PredictionInterval in
            // count >= 2 is guaranteed by the spec, so the t distribution has df >= 1.
            let t = (try? StudentT(degreesOfFreedom: n - 1))?.quantile(0.5 + level / 200) ?? .infinity
            let w = t * sd * (1 + 1 / n).squareRoot()
            return PredictionInterval(level: level, lower: Array(repeating: mean - w, count: horizon),
                                      upper: Array(repeating: mean + w, count: horizon))
        }
        return Forecast(series: series.name, method: method,
                        times: (0..<horizon).map { series.time(at: count + $0) },
                        mean: Array(repeating: mean, count: horizon), intervals: intervals,
                        parameters: [("mu", mean), ("sd", sd)])
    }
}
