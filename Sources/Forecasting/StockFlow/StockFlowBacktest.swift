public import CareData
public import Tabular

/// Back-casting the stock–flow model: fit on the window before an earlier origin, project, and compare with the
/// stock observed later in the same data.
public enum StockFlowBacktest {
    /// Accuracy at one horizon over the origins that reach it.
    public struct Row: Sendable, Equatable {
        public var horizonYears: Int
        /// Origins whose horizon falls within the data.
        public var origins: Int
        /// Mean absolute error of the median projection of the total stock, and the share of origins whose 80% and
        /// 95% intervals held the observed total.
        public var maeTotal: Double
        public var coverage80Total: Double
        public var coverage95Total: Double
        /// The same pooled over the four placement groups.
        public var maeGroups: Double
        public var coverage80Groups: Double
        public var coverage95Groups: Double
    }

    /// Origins `yearsBack` years before `dataEnd` (default 2, 3, 4, 5), each with a reference window of
    /// `windowMonths` before it, projected to every whole year up to the data end (at most `maxYears`).
    /// Origins whose window starts before `earliest` (the first date the data cover) are skipped.
    public static func run(periods: [PeriodOfCare], birthDates: [ChildKey: CivilDate], dataEnd: CivilDate,
                           earliest: CivilDate, windowMonths: Int, yearsBack: [Int] = [2, 3, 4, 5], maxYears: Int = 5,
                           paths: Int, seed: UInt64, threads: Int) throws(ForecastError) -> [Row] {
        struct Outcome { var errorTotal: Double; var hit80: Bool; var hit95: Bool; var errorGroups: [Double]; var g80: Int; var g95: Int }
        var byHorizon = [[Outcome]](repeating: [], count: maxYears)
        for k in yearsBack.sorted() {
            let origin = dataEnd.adding(months: -12 * k)
            let start = origin.adding(months: -windowMonths)
            guard start >= earliest else { continue }
            let years = min(k, maxYears)
            let o = StockFlowObservations.build(periods: periods, birthDates: birthDates, start: start, origin: origin)
            let posterior = try StockFlowPosterior(o)
            let projected = try StockFlowProjection.run(
                posterior, spec: StockFlowProjectionSpec(horizonMonths: 12 * years, paths: paths, seed: seed, threads: threads))
            let dates = (1...years).map { origin.adding(months: 12 * $0) }
            let observed = StockFlowObservations.stock(periods: periods, birthDates: birthDates, on: dates)
            for y in 1...years {
                let truth = observed[y - 1]
                let total = Double(truth.reduce(0, +))
                let s = projected.summary(.total, month: 12 * y)
                let i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                var out = Outcome(errorTotal: abs(s.median - total), hit80: i80.lower <= total && total <= i80.upper,
                                  hit95: i95.lower <= total && total <= i95.upper, errorGroups: [], g80: 0, g95: 0)
                for g in StockFlowPlacement.allCases {
                    let v = Double(truth[g.rawValue])
                    let gs = projected.summary(.group(g), month: 12 * y)
                    out.errorGroups.append(abs(gs.median - v))
                    if let i = gs.interval(0.8), i.lower <= v, v <= i.upper { out.g80 += 1 }
                    if let i = gs.interval(0.95), i.lower <= v, v <= i.upper { out.g95 += 1 }
                }
                byHorizon[y - 1].append(out)
            }
        }
        return byHorizon.enumerated().compactMap { (i, outcomes) -> Row? in
            guard !outcomes.isEmpty else { return nil }
            let n = Double(outcomes.count), ng = n * Double(StockFlowStates.groups)
            return Row(horizonYears: i + 1, origins: outcomes.count,
                       maeTotal: outcomes.reduce(0) { $0 + $1.errorTotal } / n,
                       coverage80Total: Double(outcomes.filter(\.hit80).count) / n,
                       coverage95Total: Double(outcomes.filter(\.hit95).count) / n,
                       maeGroups: outcomes.reduce(0) { $0 + $1.errorGroups.reduce(0, +) } / ng,
                       coverage80Groups: Double(outcomes.reduce(0) { $0 + $1.g80 }) / ng,
                       coverage95Groups: Double(outcomes.reduce(0) { $0 + $1.g95 }) / ng)
        }
    }
}
