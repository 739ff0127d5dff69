import Foundation
public import Sampling

/// A history simulated from a known CP process in continuous time: the reference window's statistics (with the
/// origin's stock) and the true open episodes by state at each month end after the origin.
public struct ChildProtectionHistory: Sendable {
    public var observations: ChildProtectionObservations
    /// [month − 1][state] for months 1...horizon after the origin.
    public var future: [[Int]]
}

/// The simulation study of the CP model: simulate histories episode by episode in continuous time from known rates
/// (exact exponential waiting times, bands changing at the exact birthday, arrivals uniform within each month —
/// not the projection's monthly cell algorithm, so the study also checks that discretisation), fit the window,
/// project, and count how often the 80% and 95% intervals hold the true stock at each projection year.
public enum ChildProtectionSimulationStudy {
    /// Rates of a small authority: about 44 new episodes a month, some 330 open episodes of which about 50 on a
    /// plan. Monthly hazards: CIN closure 0.10–0.16, step-up 0.02–0.05, step-down 0.08–0.12, CPP closure 0.01.
    public static var knownRates: ChildProtectionRates {
        var r = ChildProtectionRates()
        r.entries = [6, 10, 10, 14, 4]
        r.stepUp = [0.05, 0.035, 0.03, 0.025, 0.02]
        r.stepDown = [0.08, 0.09, 0.1, 0.11, 0.12]
        r.exits = [0.1, 0.01, 0.12, 0.01, 0.13, 0.01, 0.14, 0.01, 0.16, 0.02]
        return r
    }

    /// Simulates `burnIn` months from no open episodes, a `window`-month recorded reference window, then
    /// `horizon` months of the true future (see the type's note).
    public static func history(rates r: ChildProtectionRates, burnIn: Int, window: Int, horizon: Int,
                               rng: inout Xoshiro256StarStar) throws(SamplingError) -> ChildProtectionHistory {
        let S = ChildProtectionStates.self
        // Simulated to half a month past the last month end, so that the last month end lies inside the segments.
        let w0 = Double(burnIn), origin = burnIn + window, w1 = Double(origin), end = Double(origin + horizon) + 0.5
        var o = ChildProtectionObservations(months: Double(window))
        var future = [[Int]](repeating: [0, 0], count: horizon)
        var cumulative = [Double](repeating: 1, count: 18)
        for b in 0..<S.bands {
            let range = StockFlowStates.bandYears[b]
            let t = range.reduce(0.0) { $0 + r.entryAge[$1] }
            var c = 0.0
            for y in range { c += r.entryAge[y] / t; cumulative[y] = c }
            cumulative[range.upperBound - 1] = 1
        }
        for m in 0..<(origin + horizon) {
            for b in 0..<S.bands {
                let n = try rng.poisson(mean: r.entries[b])
                for _ in 0..<n {
                    var t = Double(m) + rng.uniform()
                    let u = rng.uniform()
                    var y = StockFlowStates.bandYears[b].lowerBound
                    while y < StockFlowStates.bandYears[b].upperBound - 1 && u >= cumulative[y] { y += 1 }
                    var age = 12 * Double(y) + 12 * rng.uniform()
                    if t >= w0 && t < w1 { o.entrants[b] += 1; o.entryAges[y] += 1 }
                    var state = 0
                    while t < end {
                        let band = StockFlowStates.band(ageYears: Int(age / 12))
                        let boundary = 12 * Double(StockFlowStates.bandYears[band].upperBound)
                        let x = r.exits[S.index(band: band, state: state)]
                        let move = state == 0 ? r.stepUp[band] : r.stepDown[band]
                        let h = x + move
                        let wait = h > 0 ? try rng.exponential(rate: h) : .infinity
                        let tEvent = t + wait, tBoundary = t + (boundary - age)
                        let next = min(tEvent, tBoundary, end)
                        // The segment [t, next): exposure in the window, stock at month ends.
                        let a = max(t, w0), z = min(next, w1)
                        if a < z { o.exposure[S.index(band: band, state: state)] += z - a }
                        var me = t.rounded(.up)
                        while me < next {
                            let k = Int(me)
                            if k == origin {
                                let am = Int((age + me - t).rounded(.down))
                                if am < S.ageMonths { o.stock[am * 2 + state] += 1 }
                            } else if k > origin && k <= origin + horizon {
                                future[k - origin - 1][state] += 1
                            }
                            me += 1
                        }
                        if next >= end { break }
                        if tBoundary <= tEvent {
                            // A band birthday (or the 18th: ageing out).
                            age = boundary
                            t = tBoundary
                            if Int(boundary) >= S.ageMonths { break }
                            continue
                        }
                        age += tEvent - t
                        t = tEvent
                        let inWindow = t >= w0 && t < w1
                        if rng.uniform() * h < x {
                            if inWindow { o.exits[S.index(band: band, state: state)] += 1 }
                            break
                        }
                        if inWindow {
                            if state == 0 { o.stepUps[band] += 1 } else { o.stepDowns[band] += 1 }
                        }
                        state = 1 - state
                    }
                }
            }
        }
        return ChildProtectionHistory(observations: o, future: future)
    }

    /// ``history(rates:burnIn:window:horizon:rng:)`` from a seed.
    public static func history(rates: ChildProtectionRates, burnIn: Int, window: Int, horizon: Int,
                               seed: UInt64) throws(SamplingError) -> ChildProtectionHistory {
        var rng = Xoshiro256StarStar(seed: seed)
        return try history(rates: rates, burnIn: burnIn, window: window, horizon: horizon, rng: &rng)
    }

    /// Coverage of the intervals at each projection year.
    public struct Row: Sendable, Equatable {
        public var year: Int
        public var replications: Int
        /// Coverage of the total (all open episodes), CIN (no plan) and CPP intervals.
        public var coverage80: [Double]
        public var coverage95: [Double]
        /// Coverage of the total's 95% interval without parameter uncertainty (posterior means only).
        public var coverage95WithoutParameterUncertainty: Double
        /// Mean and SD over replications of the total's (truth − mean of paths) / SD of paths.
        public var meanZ: Double
        public var sdZ: Double
    }

    /// Runs the study: `replications` histories (36-month window after a 60-month burn-in), each projected
    /// `years` years with `paths` paths, with and without parameter uncertainty. Deterministic for a seed.
    public static func run(replications: Int, paths: Int, years: Int = 5, seed: UInt64, threads: Int = 1,
                           rates: ChildProtectionRates = knownRates) throws(ForecastError) -> [Row] {
        var rng = Xoshiro256StarStar(seed: seed)
        let series = ChildProtectionPaths.Series.allCases
        var hits80 = [[Int]](repeating: [0, 0, 0], count: years), hits95 = hits80
        var plain95 = [Int](repeating: 0, count: years)
        var z = [[Double]](repeating: [], count: years)
        for rep in 0..<replications {
            let h: ChildProtectionHistory
            do { h = try history(rates: rates, burnIn: 60, window: 36, horizon: 12 * years, rng: &rng) } catch {
                throw .invalidOption("simulation failed: \(error)")
            }
            let posterior = try ChildProtectionPosterior(h.observations)
            var spec = StockFlowProjectionSpec(horizonMonths: 12 * years, paths: paths, seed: seed &+ UInt64(rep), threads: threads)
            let full = try ChildProtectionProjection.run(posterior, spec: spec)
            spec.parameterUncertainty = false
            let plain = try ChildProtectionProjection.run(posterior, spec: spec)
            for y in 1...years {
                let truth = h.future[12 * y - 1]
                let values = [Double(truth[0] + truth[1]), Double(truth[0]), Double(truth[1])]
                for s in series {
                    let v = values[s.rawValue]
                    let sm = full.summary(s, month: 12 * y)
                    if let i = sm.interval(0.8), i.lower <= v, v <= i.upper { hits80[y - 1][s.rawValue] += 1 }
                    if let i = sm.interval(0.95), i.lower <= v, v <= i.upper { hits95[y - 1][s.rawValue] += 1 }
                    if s == .total {
                        let xs = full.values(.total, month: 12 * y)
                        let sd = (xs.reduce(0) { $0 + ($1 - sm.mean) * ($1 - sm.mean) } / Double(max(xs.count - 1, 1))).squareRoot()
                        if sd > 0 { z[y - 1].append((v - sm.mean) / sd) }
                        if let i = plain.summary(.total, month: 12 * y).interval(0.95), i.lower <= v, v <= i.upper { plain95[y - 1] += 1 }
                    }
                }
            }
        }
        let n = Double(replications)
        return (1...years).map { y in
            let zs = z[y - 1], m = zs.reduce(0, +) / Double(max(zs.count, 1))
            return Row(year: y, replications: replications, coverage80: hits80[y - 1].map { Double($0) / n },
                       coverage95: hits95[y - 1].map { Double($0) / n },
                       coverage95WithoutParameterUncertainty: Double(plain95[y - 1]) / n, meanZ: m,
                       sdZ: (zs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(zs.count - 1, 1))).squareRoot())
        }
    }
}
