/// Rolling-origin evaluation ("time-series cross-validation", Hyndman & Athanasopoulos, FPP3 §5.10): the model is
/// fitted to the first `k` observations for every `k` from `minimumTraining` to `n − 1` and forecasts steps
/// `1…min(horizon, n − k)`, each compared with what happened.
public struct BacktestOptions: Sendable, Equatable {
    /// The shortest training window. 6 by default: the LA panel has 13 annual points, so origins 2015…2021 give
    /// three origins at horizon 5 per series while every training window still has six points.
    public var minimumTraining: Int
    public var horizon: Int
    /// Interval levels in percent.
    public var levels: [Double]

    public init(minimumTraining: Int = 6, horizon: Int = 5, levels: [Double] = [80, 95]) {
        self.minimumTraining = minimumTraining
        self.horizon = horizon
        self.levels = levels
    }
}

/// One forecast compared with its outcome.
public struct BacktestRecord: Sendable, Equatable {
    public var series: String
    /// Number of training observations (the forecast origin is observation `trainingLength − 1`).
    public var trainingLength: Int
    public var horizon: Int
    public var actual: Double
    public var mean: Double
    /// Bounds by level, in the order of ``BacktestOptions/levels``.
    public var lower: [Double]
    public var upper: [Double]
    /// In-sample MAE of the naive forecast (seasonal naive where the frequency is above 1) on the training
    /// window: the MASE scale.
    public var scale: Double
    /// In-sample mean squared naive (or seasonal naive) error: the RMSSE scale.
    public var squaredScale: Double
}

/// A forecast that could not be made at an origin (the fit threw), stated, not skipped silently.
public struct BacktestFailure: Sendable, Equatable {
    public var series: String
    public var trainingLength: Int
    public var reason: String
}

/// Accuracy at one horizon over every origin (and series) of a backtest.
///
/// - MAE: mean |y − ŷ|.
/// - MASE (Hyndman & Koehler 2006): mean of |y − ŷ| / scale, the scale being the training window's in-sample
///   naive (seasonal naive where frequency > 1) MAE.
/// - RMSSE (M5 competition): √ mean of (y − ŷ)² / squaredScale, pooled over origins and series.
///   Records with a zero scale (a constant training window) have no scaled error: they are left out of MASE and
///   RMSSE and counted in `zeroScale`.
/// - Coverage: percent of outcomes inside the interval, bounds included.
/// - Winkler score (Winkler 1972) at level 100(1 − α): `(u − l) + (2/α)(l − y)` below, `+ (2/α)(y − u)` above.
public struct BacktestAccuracy: Sendable, Equatable {
    public var horizon: Int
    public var count: Int
    public var zeroScale: Int
    public var mae: Double
    public var mase: Double
    public var rmsse: Double
    public var levels: [Double]
    /// Percent, by level.
    public var coverage: [Double]
    public var winkler: [Double]
}

/// Rolling-origin backtests of any ``ForecastModelSpec``.
public enum ForecastBacktest {
    /// The MASE and RMSSE scales of a training window: in-sample (seasonal) naive MAE and MSE.
    public static func scales(_ y: ArraySlice<Double>, frequency: Int) -> (mae: Double, mse: Double) {
        let m = frequency > 1 ? frequency : 1
        let a = Array(y)
        guard a.count > m else { return (.nan, .nan) }
        var sa = 0.0, ss = 0.0
        for t in m..<a.count {
            let d = a[t] - a[t - m]
            sa += abs(d)
            ss += d * d
        }
        let c = Double(a.count - m)
        return (sa / c, ss / c)
    }

    /// Runs the rolling-origin backtest of `spec` on one series. Series with a missing value give one failure.
    public static func run(_ spec: any ForecastModelSpec, on series: TimeSeries,
                           options: BacktestOptions = BacktestOptions()) -> (records: [BacktestRecord], failures: [BacktestFailure]) {
        let y: [Double]
        do { y = try series.complete() } catch {
            return ([], [BacktestFailure(series: series.name, trainingLength: series.count, reason: "\(error)")])
        }
        var records: [BacktestRecord] = [], failures: [BacktestFailure] = []
        guard options.minimumTraining < y.count else { return ([], []) }
        for k in options.minimumTraining..<y.count {
            let h = min(options.horizon, y.count - k)
            let training = TimeSeries(name: series.name, values: Array(y[0..<k]), start: series.start,
                                      frequency: series.frequency)
            let f: Forecast
            do { f = try spec.fit(training).forecast(horizon: h, levels: options.levels) } catch {
                failures.append(BacktestFailure(series: series.name, trainingLength: k, reason: "\(error)"))
                continue
            }
            let (scale, squared) = scales(y[0..<k], frequency: series.frequency)
            for step in 1...h {
                let intervals = options.levels.map { f.interval(at: $0) }
                records.append(BacktestRecord(
                    series: series.name, trainingLength: k, horizon: step, actual: y[k + step - 1], mean: f.mean[step - 1],
                    lower: intervals.map { $0?.lower[step - 1] ?? .nan }, upper: intervals.map { $0?.upper[step - 1] ?? .nan },
                    scale: scale, squaredScale: squared))
            }
        }
        return (records, failures)
    }

    /// Runs the backtest on every series.
    public static func run(_ spec: any ForecastModelSpec, on series: [TimeSeries],
                           options: BacktestOptions = BacktestOptions()) -> (records: [BacktestRecord], failures: [BacktestFailure]) {
        var r: [BacktestRecord] = [], f: [BacktestFailure] = []
        for s in series {
            let out = run(spec, on: s, options: options)
            r += out.records
            f += out.failures
        }
        return (r, f)
    }

    /// Accuracy by horizon (1…the largest horizon in the records).
    public static func accuracy(_ records: [BacktestRecord], levels: [Double]) -> [BacktestAccuracy] {
        let maxH = records.map(\.horizon).max() ?? 0
        guard maxH >= 1 else { return [] }
        return (1...maxH).map { h in
            let rs = records.filter { $0.horizon == h }
            let n = Double(rs.count)
            let scaled = rs.filter { $0.scale > 0 && $0.squaredScale > 0 && $0.scale.isFinite }
            let mae = rs.reduce(0) { $0 + abs($1.actual - $1.mean) } / n
            let mase = scaled.reduce(0) { $0 + abs($1.actual - $1.mean) / $1.scale } / Double(scaled.count)
            let rmsse = (scaled.reduce(0) { $0 + ($1.actual - $1.mean) * ($1.actual - $1.mean) / $1.squaredScale }
                         / Double(scaled.count)).squareRoot()
            var coverage: [Double] = [], winkler: [Double] = []
            for (j, level) in levels.enumerated() {
                let alpha = 1 - level / 100
                var inside = 0.0, score = 0.0
                for r in rs {
                    let l = r.lower[j], u = r.upper[j], y = r.actual
                    if y >= l && y <= u { inside += 1 }
                    score += (u - l) + (y < l ? 2 / alpha * (l - y) : 0) + (y > u ? 2 / alpha * (y - u) : 0)
                }
                coverage.append(100 * inside / n)
                winkler.append(score / n)
            }
            return BacktestAccuracy(horizon: h, count: rs.count, zeroScale: rs.count - scaled.count, mae: mae, mase: mase,
                                    rmsse: rmsse, levels: levels, coverage: coverage, winkler: winkler)
        }
    }
}
