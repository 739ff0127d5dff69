/// Forecasts for a panel of series with one specification: every series forecast (or its failure stated), an
/// optional rolling-origin backtest beside the naive and drift benchmarks, and optional reconciliation over a
/// hierarchy. What `carestat forecast` and the `demand-forecast` spec compute; the command line only reads data
/// and prints.
public struct ForecastRunSpec: Sendable {
    public var spec: any ForecastModelSpec
    public var horizon: Int
    public var levels: [Double]
    /// Backtest options, nil for none.
    public var backtest: BacktestOptions?
    /// Reconciliation over a hierarchy whose leaves are (some of) the series; nil for none.
    public var reconciliation: (hierarchy: Hierarchy, method: ReconciliationMethod, fixedTop: Bool)?

    public init(spec: any ForecastModelSpec, horizon: Int = 5, levels: [Double] = [80, 95], backtest: BacktestOptions? = nil,
                reconciliation: (hierarchy: Hierarchy, method: ReconciliationMethod, fixedTop: Bool)? = nil) {
        self.spec = spec
        self.horizon = horizon
        self.levels = levels
        self.backtest = backtest
        self.reconciliation = reconciliation
    }

    /// The backtest of one specification over every series.
    public struct BacktestSummary: Sendable {
        public var label: String
        public var records: [BacktestRecord]
        public var failures: [BacktestFailure]
    }

    public struct Result: Sendable {
        /// The input series, in input order, then any aggregate series a hierarchy added (summed from the leaves).
        public var series: [TimeSeries]
        /// For each aggregate series, the leaves it sums.
        public var aggregates: [String: [String]]
        /// One forecast per series that could be forecast.
        public var forecasts: [String: Forecast]
        /// Series that could not be forecast, with the reason.
        public var failures: [String: String]
        /// The spec's backtest first, then naive's and drift's.
        public var backtests: [BacktestSummary]
        /// Reconciled point forecasts by series name (steps 1…h), with the method's warnings.
        public var reconciled: [String: [Double]]
        public var reconciliationWarnings: [String]
        public var shrinkage: Double?
    }

    /// Runs the forecasts.
    public func run(_ input: [TimeSeries]) throws(ForecastError) -> Result {
        guard horizon >= 1 else { throw .invalidOption("--horizon must be at least 1") }
        for l in levels where !(l > 0 && l < 100) { throw .invalidOption("--level \(l): levels are percentages between 0 and 100") }
        var series = input
        var aggregates: [String: [String]] = [:]
        if let (h, _, _) = reconciliation {
            let byName = Dictionary(input.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for leaf in h.bottom where byName[leaf] == nil {
                throw .invalidOption("hierarchy: unit \(leaf) has no series in the data")
            }
            let leaves = h.bottom.compactMap { byName[$0] }
            let first = leaves[0]
            guard leaves.allSatisfy({ $0.start == first.start && $0.count == first.count && $0.frequency == first.frequency }) else {
                throw .invalidOption("hierarchy: the units' series must cover the same times to be summed")
            }
            for (i, node) in h.nodes.enumerated() where !h.bottom.contains(node) {
                if byName[node] != nil { throw .invalidOption("hierarchy: \(node) is an aggregate but also a series in the data") }
                let under = zip(h.bottom, h.summing[i]).filter { $0.1 == 1 }.map(\.0)
                let values: [Double?] = (0..<first.count).map { t in
                    var s = 0.0
                    for u in under { guard let v = byName[u]!.values[t] else { return nil }; s += v }
                    return s
                }
                aggregates[node] = under
                series.append(TimeSeries(name: node, values: values, start: first.start, frequency: first.frequency))
            }
        }
        var forecasts: [String: Forecast] = [:], failures: [String: String] = [:]
        var fittedModels: [String: any FittedForecastModel] = [:]
        for s in series {
            do {
                let m = try spec.fit(s)
                fittedModels[s.name] = m
                var f = m.forecast(horizon: horizon, levels: levels)
                f.series = s.name
                forecasts[s.name] = f
            } catch {
                failures[s.name] = "\(error)"
            }
        }
        var backtests: [BacktestSummary] = []
        if let options = backtest {
            var o = options
            o.levels = levels
            for (label, sp) in [(spec.label, spec), ("naive", BenchmarkSpec(.naive) as any ForecastModelSpec),
                                ("drift", BenchmarkSpec(.drift))] {
                let (r, f) = ForecastBacktest.run(sp, on: input, options: o)
                backtests.append(BacktestSummary(label: label, records: r, failures: f))
            }
        }
        var reconciled: [String: [Double]] = [:], rw: [String] = [], shrinkage: Double?
        if let (h, method, fixedTop) = reconciliation {
            let missing = h.nodes.filter { forecasts[$0] == nil }
            guard missing.isEmpty else {
                throw .invalidOption("reconciliation needs a forecast of every node; none for \(missing.prefix(5).joined(separator: ", "))"
                                     + (failures[missing[0]].map { " (\($0))" } ?? ""))
            }
            let base = h.nodes.map { forecasts[$0]!.mean }
            var residuals: [[Double]]?
            if method == .mintShrink {
                // In-sample one-step residuals y − fitted over the times every node has a fitted value.
                let ys = h.nodes.map { n in series.first { $0.name == n }!.values }
                let fits = h.nodes.map { fittedModels[$0]!.fitted }
                let times = (0..<ys[0].count).filter { t in
                    (0..<h.nodes.count).allSatisfy { ys[$0][t] != nil && t < fits[$0].count && fits[$0][t] != nil }
                }
                residuals = (0..<h.nodes.count).map { i in times.map { ys[i][$0]! - fits[i][$0]! } }
            }
            let r = try ForecastReconciliation.reconcile(base, hierarchy: h, method: method, residuals: residuals, fixedTop: fixedTop)
            for (i, n) in h.nodes.enumerated() { reconciled[n] = r.values[i] }
            rw = r.warnings
            shrinkage = r.shrinkage
        }
        return Result(series: series, aggregates: aggregates, forecasts: forecasts, failures: failures, backtests: backtests,
                      reconciled: reconciled, reconciliationWarnings: rw, shrinkage: shrinkage)
    }
}
