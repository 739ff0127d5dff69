public import CareData
public import Tabular

/// Back-casting the CP model: fit on the window before an earlier origin, project, and compare with the open
/// episodes observed later in the same CIN census data (as ``StockFlowBacktest`` does for children looked after).
public enum ChildProtectionBacktest {
    /// Accuracy at one horizon over the origins that reach it.
    public struct Row: Sendable, Equatable {
        public var horizonYears: Int
        public var origins: Int
        /// Mean absolute error of the median projection of all open episodes, and the share of origins whose 80%
        /// and 95% intervals held the observed number.
        public var maeTotal: Double
        public var coverage80Total: Double
        public var coverage95Total: Double
        /// The same for the CPP state alone.
        public var maeCPP: Double
        public var coverage80CPP: Double
        public var coverage95CPP: Double
        /// The observed [total, CPP] of each origin at this horizon (what the errors are computed from).
        public var observed: [[Int]]
    }

    /// Origins `yearsBack` years before `dataEnd` (default 1...5), each with a `windowMonths` reference window,
    /// projected to every whole year up to the data end (at most `maxYears`). Origins whose window starts before
    /// `earliest` are skipped.
    public static func run(episodes: [CINEpisode], dataEnd: CivilDate, earliest: CivilDate, windowMonths: Int,
                           yearsBack: [Int] = [1, 2, 3, 4, 5], maxYears: Int = 5, paths: Int, seed: UInt64,
                           threads: Int) throws(ForecastError) -> [Row] {
        struct Outcome { var error: [Double]; var hit80: [Bool]; var hit95: [Bool]; var observed: [Int] }
        var byHorizon = [[Outcome]](repeating: [], count: maxYears)
        for k in yearsBack.sorted() {
            let origin = dataEnd.adding(months: -12 * k)
            let start = origin.adding(months: -windowMonths)
            guard start >= earliest else { continue }
            let years = min(k, maxYears)
            let o = ChildProtectionObservations.build(episodes: episodes, start: start, origin: origin)
            let projected = try ChildProtectionProjection.run(
                try ChildProtectionPosterior(o),
                spec: StockFlowProjectionSpec(horizonMonths: 12 * years, paths: paths, seed: seed, threads: threads))
            let observed = ChildProtectionObservations.stock(episodes: episodes, on: (1...years).map { origin.adding(months: 12 * $0) })
            for y in 1...years {
                var out = Outcome(error: [], hit80: [], hit95: [], observed: [observed[y - 1][0] + observed[y - 1][1], observed[y - 1][1]])
                for (series, v) in [(ChildProtectionPaths.Series.total, observed[y - 1][0] + observed[y - 1][1]), (.cpp, observed[y - 1][1])] {
                    let s = projected.summary(series, month: 12 * y)
                    let x = Double(v), i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                    out.error.append(abs(s.median - x))
                    out.hit80.append(i80.lower <= x && x <= i80.upper)
                    out.hit95.append(i95.lower <= x && x <= i95.upper)
                }
                byHorizon[y - 1].append(out)
            }
        }
        return byHorizon.enumerated().compactMap { (i, outcomes) -> Row? in
            guard !outcomes.isEmpty else { return nil }
            let n = Double(outcomes.count)
            func mean(_ f: (Outcome) -> Double) -> Double { outcomes.reduce(0) { $0 + f($1) } / n }
            return Row(horizonYears: i + 1, origins: outcomes.count,
                       maeTotal: mean { $0.error[0] }, coverage80Total: mean { $0.hit80[0] ? 1 : 0 },
                       coverage95Total: mean { $0.hit95[0] ? 1 : 0 },
                       maeCPP: mean { $0.error[1] }, coverage80CPP: mean { $0.hit80[1] ? 1 : 0 },
                       coverage95CPP: mean { $0.hit95[1] ? 1 : 0 }, observed: outcomes.map(\.observed))
        }
    }
}
