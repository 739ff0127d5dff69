/// An equal-weight combination of fitted models (Bates & Granger 1969; Clemen 1989; the M3/M4 finding that a simple
/// average of ETS, ARIMA and a benchmark forecasts short series better than choosing one of them): the point
/// forecast and the fitted values are the means of the members'; each interval bound is the mean of the members'
/// bounds (a pragmatic choice for display; the automatic forecast replaces these with calibrated bounds on a panel).
/// It has no likelihood, so no AICc.
public struct FittedCombination: FittedForecastModel {
    public let members: [any FittedForecastModel]

    public init(_ members: [any FittedForecastModel]) {
        precondition(!members.isEmpty, "a combination needs at least one model")
        self.members = members
    }

    public var method: String { "Combination of " + members.map(\.method).joined(separator: ", ") }

    public var fitted: [Double?] {
        let all = members.map(\.fitted)
        let n = all.map(\.count).min() ?? 0
        return (0..<n).map { t in
            var s = 0.0
            for f in all { guard let v = f[t] else { return nil }; s += v }
            return s / Double(all.count)
        }
    }

    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        let fs = members.map { $0.forecast(horizon: horizon, levels: levels) }
        let k = Double(fs.count)
        let mean = (0..<horizon).map { i in fs.reduce(0) { $0 + $1.mean[i] } / k }
        var intervals: [PredictionInterval] = []
        for l in levels {
            let ivs = fs.compactMap { $0.interval(at: l) }
            guard ivs.count == fs.count else { continue }
            intervals.append(PredictionInterval(level: l,
                                                lower: (0..<horizon).map { i in ivs.reduce(0) { $0 + $1.lower[i] } / k },
                                                upper: (0..<horizon).map { i in ivs.reduce(0) { $0 + $1.upper[i] } / k }))
        }
        return Forecast(series: fs[0].series, method: method, times: fs[0].times, mean: mean, intervals: intervals,
                        warnings: fs.flatMap(\.warnings))
    }
}

/// The equal-weight combination of several specifications, each fitted to the series (all must fit).
public struct CombinationSpec: ForecastModelSpec {
    public let members: [any ForecastModelSpec]

    public init(_ members: [any ForecastModelSpec]) {
        self.members = members
    }

    public var label: String { "combination of " + members.map(\.label).joined(separator: ", ") }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        var fitted: [any FittedForecastModel] = []
        for m in members { fitted.append(try m.fit(series)) }
        return FittedCombination(fitted)
    }
}
