import Foundation
import Sampling

/// What a stock–flow projection runs: horizon, number of Monte Carlo paths, seed and threads.
public struct StockFlowProjectionSpec: Sendable, Equatable {
    /// Months projected beyond the origin.
    public var horizonMonths: Int
    /// Monte Carlo paths. 10,000 (the default) puts the Monte Carlo error of a 95% bound at about ±0.5% of the
    /// spread of the paths.
    public var paths: Int
    public var seed: UInt64
    /// Worker threads (≥ 1). The result does not depend on it: each path has its own random stream.
    public var threads: Int
    /// Whether each path draws its rates from the posterior (parameter uncertainty carried forward, the default) or
    /// runs on the posterior means (process noise only — the narrow intervals of one-step binomial models).
    public var parameterUncertainty: Bool

    public init(horizonMonths: Int, paths: Int = 10_000, seed: UInt64, threads: Int = 1, parameterUncertainty: Bool = true) {
        self.horizonMonths = horizonMonths
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.parameterUncertainty = parameterUncertainty
    }
}

/// Projects the stock of children looked after by Monte Carlo.
///
/// Each path draws one set of rates from the posterior (``StockFlowPosterior/draw(using:)``), applies the
/// scenario, and steps month by month from the origin's stock (counts by age in completed months × group):
/// 1. ageing: every child is a month older; those reaching 216 months (18) leave care;
/// 2. moves and exits: in each cell of n children with total hazard H (moves to the other groups plus exits by
///    route), Binomial(n, 1 − e^{−H}) leave, split among the destinations by conditional binomials in proportion
///    to their hazards (a multinomial draw) — competing risks within the month, at most one change per child;
/// 3. entrants: Poisson(λ_b · π_bg · α_y / 12) in each age-in-months × group cell (UASC included in λ_b; α_y the
///    drawn share of age y within its band; months of age uniform within the year) — the band's Poisson process
///    thinned, so the counts are exact.
/// Counts are drawn on cells, never per child, so the cost does not grow with the number of children.
/// Each path owns a random stream (the seed's generator advanced by `path` jumps of 2^128), so the result is the
/// same for any thread count.
public enum StockFlowProjection {
    /// Runs `spec.paths` paths under `scenario`. `progress` is called with the number of paths done (from worker
    /// threads, at most every 64 paths per thread).
    public static func run(_ posterior: StockFlowPosterior, scenario: StockFlowScenario = .baseline,
                           spec: StockFlowProjectionSpec,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(ForecastError) -> StockFlowPaths {
        guard spec.horizonMonths >= 1 else { throw .invalidOption("the horizon must be at least one month") }
        guard spec.paths >= 1 else { throw .invalidOption("--paths must be at least 1") }
        guard spec.threads >= 1 else { throw .invalidOption("threads must be at least 1") }
        let H = spec.horizonMonths, G = StockFlowStates.groups
        let stride = (H + 1) * G
        let box = PathBuffer(count: spec.paths * stride)
        let streams = Xoshiro256StarStar(seed: spec.seed).independentStreams(count: spec.paths)
        let mean = posterior.meanRates
        let threads = min(spec.threads, spec.paths)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var done = 0
            for p in Swift.stride(from: worker, to: spec.paths, by: threads) {
                var rng = streams[p]
                do {
                    let rates = spec.parameterUncertainty ? try posterior.draw(using: &rng) : mean
                    try simulate(start: posterior.stock, rates: scenario.apply(to: rates), horizon: H, rng: &rng,
                                 into: box.pointer + p * stride)
                } catch { box.fail(error) }
                done += 1
                if done % 64 == 0, let progress { progress(box.advance(64)) }
            }
            if done % 64 != 0, let progress { progress(box.advance(done % 64)) }
        }
        if let e = box.error { throw .invalidOption("the projection failed: \(e)") }
        return StockFlowPaths(horizonMonths: H, paths: spec.paths, stock: box.values())
    }

    /// One path: writes the stock by group at months 0...horizon to `out` ((horizon + 1) × groups values).
    static func simulate(start: [Int], rates: StockFlowRates, horizon: Int, rng: inout Xoshiro256StarStar,
                         into out: UnsafeMutablePointer<Int32>) throws(SamplingError) {
        let G = StockFlowStates.groups, A = StockFlowStates.ageMonths
        let stepper = StockFlowStepper(rates: rates)
        var stock = start
        var incoming = [Int](repeating: 0, count: A * G)
        func record(_ m: Int) {
            for g in 0..<G {
                var n = 0
                for a in 0..<A { n += stock[a * G + g] }
                out[m * G + g] = Int32(clamping: n)
            }
        }
        record(0)
        var none: StockFlowObservations? = nil
        for m in 1...horizon {
            try stepper.step(&stock, incoming: &incoming, rng: &rng, recording: &none)
            record(m)
        }
    }
}

/// One month of the stock–flow process on counts by age in months × group (see ``StockFlowProjection``), with the
/// rates' derived probabilities computed once.
///
/// The draws are exact and specialised to the counts this model meets (cells of tens to hundreds of children,
/// monthly probabilities of a few per cent): a binomial with n·p < 10 by sequential inversion (Kachitvichyanukul
/// & Schmeiser's BINV, with log(1 − p) precomputed), otherwise Sampling's BTRS; the leavers of a cell are sent
/// to their destinations one by one (a categorical draw on the cumulative hazard shares — the multinomial) when
/// there are at most 16, else by conditional binomials; entrants are Poisson per age-in-months × group cell
/// (thinning of each band's Poisson process: exact), by inversion when the mean is below 30.
struct StockFlowStepper {
    let leave: [Double]
    let logStay: [Double]
    let chain: [Double]
    let cumulative: [Double]
    let rates: StockFlowRates
    /// Poisson mean of entrants per month in each age-in-months × group cell, UASC apart (recording) and together.
    let entryMean: [Double]
    let ordinaryMean: [Double]
    let uascMean: [Double]
    /// exp(−mean) of each cell's entrant count (the Poisson inversion's first probability).
    let entryP0: [Double]
    let ordinaryP0: [Double]
    let uascP0: [Double]

    init(rates: StockFlowRates) {
        let S = StockFlowStates.self
        let G = S.groups, R = S.routes, D = G + R, A = S.ageMonths
        self.rates = rates
        var leave = [Double](repeating: 0, count: S.count)
        var chain = [Double](repeating: 0, count: S.count * D)
        var cumulative = [Double](repeating: 1, count: S.count * D)
        for s in 0..<S.count {
            var h = [Double](repeating: 0, count: D)
            for to in 0..<G where to != s % G { h[to] = max(0, rates.moves[s * G + to]) }
            for r in 0..<R { h[G + r] = max(0, rates.exits[s * R + r]) }
            let total = h.reduce(0, +)
            leave[s] = total > 0 ? -expm1(-total) : 0
            var remaining = total, running = 0.0
            for d in 0..<D {
                chain[s * D + d] = remaining > 0 ? min(1, max(0, h[d] / remaining)) : 0
                remaining -= h[d]
                running += h[d]
                cumulative[s * D + d] = total > 0 ? running / total : 1
            }
            cumulative[s * D + D - 1] = 1
        }
        self.leave = leave
        logStay = leave.map { log1p(-$0) }
        self.chain = chain
        self.cumulative = cumulative
        var ordinary = [Double](repeating: 0, count: A * G), uasc = ordinary
        for a in 0..<A {
            let year = a / 12, b = S.band(ageYears: year)
            var yearShare = rates.entryAge[year]
            let bandTotal = S.bandYears[b].reduce(0.0) { $0 + rates.entryAge[$1] }
            yearShare = bandTotal > 0 ? yearShare / bandTotal : 1 / Double(S.bandYears[b].count)
            for g in 0..<G {
                let share = rates.entryPlacement[S.index(band: b, group: g)] * yearShare / 12
                ordinary[a * G + g] = max(0, rates.entries[b] * share)
                uasc[a * G + g] = max(0, rates.uascEntries[b] * share)
            }
        }
        ordinaryMean = ordinary
        uascMean = uasc
        entryMean = zip(ordinary, uasc).map { $0 + $1 }
        entryP0 = entryMean.map { exp(-$0) }
        ordinaryP0 = ordinary.map { exp(-$0) }
        uascP0 = uasc.map { exp(-$0) }
    }

    @inline(__always) static func uniform(_ rng: inout Xoshiro256StarStar) -> Double {
        Double(rng.next() >> 11) * 0x1p-53
    }

    /// Binomial(n, p) with log(1 − p) given: inversion when n·p < 10 and p ≤ ½, else Sampling's exact BTRS.
    @inline(__always) static func binomial(_ n: Int, _ p: Double, logQ: Double,
                                           _ rng: inout Xoshiro256StarStar) throws(SamplingError) -> Int {
        if n == 0 || p <= 0 { return 0 }
        guard p <= 0.5, Double(n) * p < 10 else { return try rng.binomial(trials: n, probability: p) }
        let ratio = p / (1 - p), np1 = Double(n + 1)
        let f0 = exp(Double(n) * logQ)
        while true {
            var u = uniform(&rng), f = f0, k = 0
            while u > f {
                u -= f
                k += 1
                if k > n { break }
                f *= np1 * ratio / Double(k) - ratio
            }
            if k <= n { return k }
        }
    }

    /// Poisson(mean) by inversion below 30 (p0 = exp(−mean) given), else Sampling's exact draw.
    @inline(__always) static func poisson(_ mean: Double, p0: Double, _ rng: inout Xoshiro256StarStar) throws(SamplingError) -> Int {
        if mean <= 0 { return 0 }
        guard mean < 30 else { return try rng.poisson(mean: mean) }
        while true {
            var u = uniform(&rng), f = p0, k = 0
            while u > f {
                u -= f
                k += 1
                f *= mean / Double(k)
                if k > 1000 { break }
            }
            if k <= 1000 { return k }
        }
    }

    /// Ageing, then moves and exits, then entrants. With `recording` non-nil, adds the month's events and time at
    /// risk (a leaver counts half a month, a stayer a whole month, an entrant none: entrants face no hazard in
    /// the month they enter) to it, so that events / exposure estimates the monthly hazard.
    func step(_ stock: inout [Int], incoming: inout [Int], rng: inout Xoshiro256StarStar,
              recording: inout StockFlowObservations?) throws(SamplingError) {
        let S = StockFlowStates.self
        let G = S.groups, R = S.routes, D = G + R, A = S.ageMonths
        let bandOf = S.bandOfAgeMonth
        let records = recording != nil
        // 1. Ageing.
        for i in Swift.stride(from: A * G - 1, through: G, by: -1) { stock[i] = stock[i - G] }
        for g in 0..<G { stock[g] = 0 }
        // 2. Moves and exits.
        for a in 0..<A {
            let band = bandOf[a]
            for g in 0..<G {
                let cell = a * G + g
                let n = stock[cell]
                if n == 0 { continue }
                let s = band * G + g
                var k = try Self.binomial(n, leave[s], logQ: logStay[s], &rng)
                if records { recording!.exposure[s] += Double(n) - Double(k) / 2 }
                if k == 0 { continue }
                stock[cell] = n - k
                if k <= 16 {
                    for _ in 0..<k {
                        let u = Self.uniform(&rng)
                        var d = 0
                        while d < D - 1 && u >= cumulative[s * D + d] { d += 1 }
                        if d < G { incoming[a * G + d] += 1 }
                        if records {
                            if d < G { recording!.moves[s * G + d] += 1 } else { recording!.exits[s * R + d - G] += 1 }
                        }
                    }
                    continue
                }
                for d in 0..<D {
                    let x = d == D - 1 ? k : try rng.binomial(trials: k, probability: chain[s * D + d])
                    if x > 0 {
                        if d < G { incoming[a * G + d] += x }
                        if records {
                            if d < G { recording!.moves[s * G + d] += x } else { recording!.exits[s * R + d - G] += x }
                        }
                    }
                    k -= x
                    if k == 0 { break }
                }
            }
        }
        for i in 0..<(A * G) where incoming[i] != 0 {
            stock[i] += incoming[i]
            incoming[i] = 0
        }
        // 3. Entrants: Poisson per age-in-months × group cell (UASC apart when recording).
        if records {
            for i in 0..<(A * G) {
                let ordinary = try Self.poisson(ordinaryMean[i], p0: ordinaryP0[i], &rng)
                let uasc = try Self.poisson(uascMean[i], p0: uascP0[i], &rng)
                let n = ordinary + uasc
                if n == 0 { continue }
                let a = i / G, g = i % G, b = bandOf[a]
                recording!.entrants[b] += ordinary
                recording!.uascEntrants[b] += uasc
                recording!.entryPlacements[S.index(band: b, group: g)] += n
                recording!.entryAges[a / 12] += n
                stock[i] += n
            }
        } else {
            for i in 0..<(A * G) {
                let n = try Self.poisson(entryMean[i], p0: entryP0[i], &rng)
                if n != 0 { stock[i] += n }
            }
        }
    }
}

/// The buffer the worker threads write their paths into (disjoint ranges), with the progress count and the first
/// error.
private final class PathBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int32>
    let count: Int
    private let lock = NSLock()
    private var completed = 0
    private(set) var error: (any Error)?

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
    }

    deinit { pointer.deallocate() }

    func advance(_ n: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        completed += n
        return completed
    }

    func fail(_ e: any Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }

    func values() -> [Int32] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
