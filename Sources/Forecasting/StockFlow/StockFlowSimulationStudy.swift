public import Sampling

/// A history simulated from a known stock–flow process: the reference window's statistics (ending at the origin,
/// with the origin's stock) and the true stock by group at each month after it.
public struct StockFlowHistory: Sendable {
    public var observations: StockFlowObservations
    /// [month − 1][group] for months 1...horizon after the origin.
    public var future: [[Int]]
}

/// The simulation study of the stock–flow model's intervals: simulate histories from known rates (the same monthly
/// process the projection runs), fit the reference window, project, and count how often the 80% and 95% intervals
/// hold the true stock at each projection year.
public enum StockFlowSimulationStudy {
    /// Rates of a small authority: about 3 entrants a month, a stock of about 120 — small, so that process noise
    /// and parameter uncertainty both matter. Monthly hazards: exits 0.6%–4% by band, moves 0.2%–1.5%.
    public static var knownRates: StockFlowRates {
        let S = StockFlowStates.self
        var r = StockFlowRates()
        r.entries = [0.55, 0.6, 0.5, 0.8, 0.45]
        r.uascEntries = [0, 0, 0, 0.05, 0.15]
        let exitByBand = [0.04, 0.03, 0.015, 0.012, 0.02]
        let routeShares = [[0.3, 0.45, 0.2, 0.05], [0.4, 0.3, 0.25, 0.05], [0.55, 0.05, 0.3, 0.1], [0.7, 0.0, 0.15, 0.15],
                           [0.6, 0.0, 0.05, 0.35]]
        let groupExit = [1.0, 0.6, 0.8, 1.8]
        let moveFrom: [[Double]] = [[0, 0.003, 0.002, 0.004], [0.012, 0, 0.006, 0.002], [0.004, 0.005, 0, 0.002],
                                    [0.015, 0.004, 0.002, 0]]
        for b in 0..<S.bands {
            for g in 0..<S.groups {
                let s = S.index(band: b, group: g)
                for to in 0..<S.groups { r.moves[s * S.groups + to] = moveFrom[g][to] * (b >= 3 ? 1.5 : 1) }
                for k in 0..<S.routes { r.exits[s * S.routes + k] = exitByBand[b] * groupExit[g] * routeShares[b][k] }
            }
        }
        let mix: [[Double]] = [[0.8, 0.0, 0.0, 0.2], [0.85, 0.02, 0.0, 0.13], [0.8, 0.08, 0.0, 0.12],
                               [0.6, 0.25, 0.05, 0.1], [0.35, 0.2, 0.4, 0.05]]
        for b in 0..<S.bands { for g in 0..<S.groups { r.entryPlacement[S.index(band: b, group: g)] = mix[b][g] } }
        return r
    }

    /// Simulates `burnIn` months from an empty stock (to reach a realistic stock), then a `window`-month reference
    /// window (recorded), then `horizon` months of the true future.
    public static func history(rates: StockFlowRates, burnIn: Int, window: Int, horizon: Int,
                               rng: inout Xoshiro256StarStar) throws(SamplingError) -> StockFlowHistory {
        let S = StockFlowStates.self
        let stepper = StockFlowStepper(rates: rates)
        var stock = [Int](repeating: 0, count: S.ageMonths * S.groups)
        var incoming = stock
        var none: StockFlowObservations? = nil
        for _ in 0..<burnIn { try stepper.step(&stock, incoming: &incoming, rng: &rng, recording: &none) }
        var recording: StockFlowObservations? = StockFlowObservations(months: Double(window))
        for _ in 0..<window { try stepper.step(&stock, incoming: &incoming, rng: &rng, recording: &recording) }
        var o = recording!
        o.stock = stock
        var future: [[Int]] = []
        for _ in 0..<horizon {
            try stepper.step(&stock, incoming: &incoming, rng: &rng, recording: &none)
            var g = [Int](repeating: 0, count: S.groups)
            for (i, n) in stock.enumerated() { g[i % S.groups] += n }
            future.append(g)
        }
        return StockFlowHistory(observations: o, future: future)
    }

    /// ``history(rates:burnIn:window:horizon:rng:)`` from a seed.
    public static func history(rates: StockFlowRates, burnIn: Int, window: Int, horizon: Int,
                               seed: UInt64) throws(SamplingError) -> StockFlowHistory {
        var rng = Xoshiro256StarStar(seed: seed)
        return try history(rates: rates, burnIn: burnIn, window: window, horizon: horizon, rng: &rng)
    }

    /// Coverage of the total stock's intervals at each projection year.
    public struct Row: Sendable, Equatable {
        public var year: Int
        public var replications: Int
        public var coverage80: Double
        public var coverage95: Double
        /// The same for the placement groups pooled (each replication contributes one hit or miss per group).
        public var groupCoverage80: Double
        public var groupCoverage95: Double
        /// Coverage of the 95% interval without parameter uncertainty (posterior means only), for contrast.
        public var coverage95WithoutParameterUncertainty: Double
        /// Mean and standard deviation over replications of the total's standardised error (truth − mean of the
        /// paths) / SD of the paths: about 0 and 1 when the projection is unbiased and as wide as it should be.
        public var meanZ: Double
        public var sdZ: Double
    }

    /// Runs the study: `replications` histories (36-month window after a 240-month burn-in), each projected
    /// `years` years with `paths` paths, with and without parameter uncertainty. Deterministic for a seed.
    public static func run(replications: Int, paths: Int, years: Int = 5, seed: UInt64, threads: Int = 1,
                           rates: StockFlowRates = knownRates) throws(ForecastError) -> [Row] {
        var rng = Xoshiro256StarStar(seed: seed)
        var hits80 = [Int](repeating: 0, count: years), hits95 = hits80, g80 = hits80, g95 = hits80, plain95 = hits80
        var z = [[Double]](repeating: [], count: years)
        for rep in 0..<replications {
            let h: StockFlowHistory
            do { h = try history(rates: rates, burnIn: 240, window: 36, horizon: 12 * years, rng: &rng) } catch {
                throw .invalidOption("simulation failed: \(error)")
            }
            let posterior = try StockFlowPosterior(h.observations)
            var spec = StockFlowProjectionSpec(horizonMonths: 12 * years, paths: paths, seed: seed &+ UInt64(rep), threads: threads)
            let full = try StockFlowProjection.run(posterior, spec: spec)
            spec.parameterUncertainty = false
            let plain = try StockFlowProjection.run(posterior, spec: spec)
            for y in 1...years {
                let truth = h.future[12 * y - 1]
                let total = Double(truth.reduce(0, +))
                let s = full.summary(.total, month: 12 * y)
                let v = full.values(.total, month: 12 * y)
                let sd = (v.reduce(0) { $0 + ($1 - s.mean) * ($1 - s.mean) } / Double(max(v.count - 1, 1))).squareRoot()
                if sd > 0 { z[y - 1].append((total - s.mean) / sd) }
                if let i = s.interval(0.8), i.lower <= total, total <= i.upper { hits80[y - 1] += 1 }
                if let i = s.interval(0.95), i.lower <= total, total <= i.upper { hits95[y - 1] += 1 }
                if let i = plain.summary(.total, month: 12 * y).interval(0.95), i.lower <= total, total <= i.upper { plain95[y - 1] += 1 }
                for g in StockFlowPlacement.allCases {
                    let v = Double(truth[g.rawValue])
                    let gs = full.summary(.group(g), month: 12 * y)
                    if let i = gs.interval(0.8), i.lower <= v, v <= i.upper { g80[y - 1] += 1 }
                    if let i = gs.interval(0.95), i.lower <= v, v <= i.upper { g95[y - 1] += 1 }
                }
            }
        }
        let n = Double(replications), ng = n * Double(StockFlowStates.groups)
        return (1...years).map { y in
            Row(year: y, replications: replications, coverage80: Double(hits80[y - 1]) / n, coverage95: Double(hits95[y - 1]) / n,
                groupCoverage80: Double(g80[y - 1]) / ng, groupCoverage95: Double(g95[y - 1]) / ng,
                coverage95WithoutParameterUncertainty: Double(plain95[y - 1]) / n,
                meanZ: z[y - 1].reduce(0, +) / Double(max(z[y - 1].count, 1)),
                sdZ: { zs in
                    let m = zs.reduce(0, +) / Double(max(zs.count, 1))
                    return (zs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(zs.count - 1, 1))).squareRoot()
                }(z[y - 1]))
        }
    }
}
