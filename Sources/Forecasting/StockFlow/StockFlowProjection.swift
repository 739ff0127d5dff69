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
/// 3. entrants: Poisson(λ_b · π_bg) per band × group (UASC included in λ_b), each entrant given an age in years by
///    the drawn shares α_y within its band and a month of age uniformly within the year — the same law as
///    independent Poisson(λ_b · π_bg · α_y / 12) counts per age-in-months × group cell (a Poisson total split by
///    a multinomial), so the counts are exact.
/// Counts are drawn on cells (a binomial per cell; O(1) per leaver or entrant once drawn), never per child at
/// risk, so the cost grows with the flows, not the stock; ``StockFlowStepper`` states the hot loop's cost.
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
        var stream = StockFlowStream(rng)
        for m in 1...horizon {
            try stepper.project(&stock, incoming: &incoming, rng: &stream)
            record(m)
        }
        if let g = stream.generator { rng = g }
    }
}

/// One month of the stock–flow process on counts by age in months × group (see ``StockFlowProjection``), with the
/// rates' derived probabilities and draw tables computed once per path.
///
/// Two paths through a month, with the same law:
/// - a projection (``project(_:incoming:rng:)``, the hot loop) on ``StockFlowStream``, the inlined generator:
///   leavers of a cell by ``StockFlowStream/binomial(_:_:logQ:)``; each leaver's destination (the other groups or
///   "exit") by one alias draw (``StockFlowAlias``), conditional binomials above 256 leavers; entrants as
///   Poisson counts per band, each placed in an age-in-months × group cell of its band by one alias
///   draw (weights α_y/12 · π_bg), the ordinary and the UASC inflows drawn as separate Poisson counts;
/// - a recorded history (``step(_:incoming:rng:recording:)`` with a recording, the simulation study's data) also
///   draws each exit's route and UASC entrants apart, with the cumulative-share searches below.
///
/// Cost of a projection month: 864 cells visited (ageing by a shift and one binomial per non-empty cell, O(1 +
/// n·p) each), O(1) per leaver and per entrant, 10 Poisson draws: linear in the month's flows, not in the stock.
/// Measured: Benchmarks/stockflow/measure-national.sh (numbers in Benchmarks/stockflow/speed.md).
struct StockFlowStepper {
    let leave: [Double]
    let logStay: [Double]
    /// Recorded histories: conditional probabilities and cumulative shares over the groups then the exit routes
    /// ([state × (groups + routes) + destination]).
    let chain: [Double]
    let cumulative: [Double]
    /// Projections: the same over the groups then one "exit" ([state × (groups + 1) + destination]).
    let chainProjection: [Double]
    let cumulativeProjection: [Double]
    let rates: StockFlowRates
    /// Poisson mean of entrants per month by band × group, UASC apart (recording) and together.
    let ordinaryMean: [Double]
    let uascMean: [Double]
    let entryMean: [Double]
    /// Cumulative shares of the years of each band ([18]: the share of the band's entrants aged up to year y),
    /// and each band's first year.
    let yearCumulative: [Double]
    /// Projection draws: destinations by state (alias over the other groups then "exit"), entrant cells by band
    /// (alias over age in months × group within the band), each band's Poisson means of entrants per month (UASC
    /// apart: its own inflow) and the band's first stock index.
    let destinationAlias: StockFlowAlias
    let entrantAlias: StockFlowAlias
    let bandOrdinaryMean: [Double]
    let bandUASCMean: [Double]
    let bandFirstCell: [Int]
    /// 1/k for k in 0..<reciprocalCount (entry 0 unused), for the inversion loops.
    static let reciprocalCount = 1024
    static let reciprocal: [Double] = (0..<reciprocalCount).map { $0 == 0 ? 0 : 1 / Double($0) }

    init(rates: StockFlowRates) {
        let S = StockFlowStates.self
        let G = S.groups, R = S.routes, D = G + R, P = G + 1
        self.rates = rates
        var leave = [Double](repeating: 0, count: S.count)
        var chain = [Double](repeating: 0, count: S.count * D)
        var cumulative = [Double](repeating: 1, count: S.count * D)
        var chainP = [Double](repeating: 0, count: S.count * P)
        var cumulativeP = [Double](repeating: 1, count: S.count * P)
        for s in 0..<S.count {
            var h = [Double](repeating: 0, count: D)
            for to in 0..<G where to != s % G { h[to] = max(0, rates.moves[s * G + to]) }
            for r in 0..<R { h[G + r] = max(0, rates.exits[s * R + r]) }
            let total = h.reduce(0, +)
            leave[s] = total > 0 ? -expm1(-total) : 0
            func fill(_ hazards: [Double], _ c: inout [Double], _ cum: inout [Double]) {
                let n = hazards.count
                var remaining = total, running = 0.0
                for d in 0..<n {
                    c[s * n + d] = remaining > 0 ? min(1, max(0, hazards[d] / remaining)) : 0
                    remaining -= hazards[d]
                    running += hazards[d]
                    cum[s * n + d] = total > 0 ? running / total : 1
                }
                cum[s * n + n - 1] = 1
            }
            fill(h, &chain, &cumulative)
            fill(Array(h[0..<G]) + [h[G...].reduce(0, +)], &chainP, &cumulativeP)
        }
        self.leave = leave
        logStay = leave.map { log1p(-$0) }
        self.chain = chain
        self.cumulative = cumulative
        chainProjection = chainP
        cumulativeProjection = cumulativeP
        var ordinary = [Double](repeating: 0, count: S.count), uasc = ordinary
        for b in 0..<S.bands {
            for g in 0..<G {
                let share = max(0, rates.entryPlacement[S.index(band: b, group: g)])
                ordinary[S.index(band: b, group: g)] = max(0, rates.entries[b]) * share
                uasc[S.index(band: b, group: g)] = max(0, rates.uascEntries[b]) * share
            }
        }
        ordinaryMean = ordinary
        uascMean = uasc
        let entryMean = zip(ordinary, uasc).map { $0 + $1 }
        self.entryMean = entryMean
        var years = [Double](repeating: 1, count: 18)
        for b in 0..<S.bands {
            let range = S.bandYears[b]
            let total = range.reduce(0.0) { $0 + max(0, rates.entryAge[$1]) }
            var running = 0.0
            for y in range {
                running += total > 0 ? max(0, rates.entryAge[y]) / total : 1 / Double(range.count)
                years[y] = running
            }
            years[range.upperBound - 1] = 1
        }
        yearCumulative = years
        // Projection tables: each state's destinations (the other groups, then "exit") and each band's entrant
        // cells (age in months × group within the band, weight α_y/12 · π_bg).
        var destinations = StockFlowAlias()
        for s in 0..<S.count {
            var h = [Double](repeating: 0, count: P)
            for to in 0..<G where to != s % G { h[to] = max(0, rates.moves[s * G + to]) }
            for r in 0..<R { h[G] += max(0, rates.exits[s * R + r]) }
            destinations.append(h)
        }
        destinationAlias = destinations
        var entrants = StockFlowAlias()
        var bandOrdinary = [Double](repeating: 0, count: S.bands), bandUASC = bandOrdinary
        var firstCell = [Int](repeating: 0, count: S.bands)
        for b in 0..<S.bands {
            let range = S.bandYears[b]
            firstCell[b] = 12 * range.lowerBound * G
            var weights: [Double] = []
            weights.reserveCapacity(12 * range.count * G)
            let yearTotal = range.reduce(0.0) { $0 + max(0, rates.entryAge[$1]) }
            for y in range {
                let yearShare = yearTotal > 0 ? max(0, rates.entryAge[y]) / yearTotal : 1 / Double(range.count)
                for _ in 0..<12 {
                    for g in 0..<G { weights.append(yearShare / 12 * entryMean[S.index(band: b, group: g)]) }
                }
            }
            bandOrdinary[b] = (0..<G).reduce(0.0) { $0 + ordinary[S.index(band: b, group: $1)] }
            bandUASC[b] = (0..<G).reduce(0.0) { $0 + uasc[S.index(band: b, group: $1)] }
            entrants.append(weights)
        }
        entrantAlias = entrants
        bandOrdinaryMean = bandOrdinary
        bandUASCMean = bandUASC
        bandFirstCell = firstCell
    }

    /// One month of a projection (no recording), on the inlined stream: ageing by a shift; per non-empty cell a
    /// binomial count of leavers, each sent to a destination by one alias draw (conditional binomials for more
    /// than 256 leavers); entrants as Poisson counts per band (ordinary and UASC apart), each placed in an age-in-months × group cell of
    /// the band by one alias draw — a Poisson total split by a multinomial, the same law as independent Poisson
    /// counts per cell. Cost: 864 cells + O(1) per leaver and per entrant + 10 Poisson draws.
    func project(_ stock: inout [Int], incoming: inout [Int], rng: inout StockFlowStream) throws(SamplingError) {
        let S = StockFlowStates.self
        let G = S.groups, A = S.ageMonths, P = G + 1
        let bandOf = S.bandOfAgeMonth
        try stock.withUnsafeMutableBufferPointer { (stock) throws(SamplingError) in
            try incoming.withUnsafeMutableBufferPointer { (incoming) throws(SamplingError) in
                // 1. Ageing (those reaching 216 months leave).
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
                        var k = try rng.binomial(n, leave[s], logQ: logStay[s])
                        if k == 0 { continue }
                        stock[cell] = n - k
                        if k <= 256 {
                            for _ in 0..<k {
                                let d = destinationAlias.draw(s, &rng)
                                if d < G { incoming[a * G + d] += 1 }
                            }
                            continue
                        }
                        for d in 0..<G {
                            let x = try rng.binomial(trials: k, probability: chainProjection[s * P + d])
                            incoming[a * G + d] += x
                            k -= x
                            if k == 0 { break }
                        }
                    }
                }
                for i in 0..<(A * G) where incoming[i] != 0 {
                    stock[i] += incoming[i]
                    incoming[i] = 0
                }
                // 3. Entrants: the ordinary and the UASC inflows, each Poisson by band (the two share the band's
                //    age and placement mix).
                for b in 0..<S.bands {
                    let n = try rng.poisson(bandOrdinaryMean[b]) + rng.poisson(bandUASCMean[b])
                    let first = bandFirstCell[b]
                    for _ in 0..<n { stock[first + entrantAlias.draw(b, &rng)] += 1 }
                }
            }
        }
    }

    @inline(__always) static func uniform(_ rng: inout Xoshiro256StarStar) -> Double {
        Double(rng.next() >> 11) * 0x1p-53
    }

    /// Binomial(n, p) with log(1 − p) given: inversion when n·p < 10 and p ≤ ½, else Sampling's exact BTRS.
    @inline(__always) static func binomial(_ n: Int, _ p: Double, logQ: Double,
                                           _ rng: inout Xoshiro256StarStar) throws(SamplingError) -> Int {
        if n == 0 || p <= 0 { return 0 }
        guard p <= 0.5, Double(n) * p < 10, n < reciprocalCount else { return try rng.binomial(trials: n, probability: p) }
        let ratio = p / (1 - p), np1 = Double(n + 1)
        let f0 = exp(Double(n) * logQ)
        return reciprocal.withUnsafeBufferPointer { inv in
            while true {
                var u = uniform(&rng), f = f0, k = 0
                while u > f {
                    u -= f
                    k += 1
                    if k > n { break }
                    f *= (np1 * inv[k] - 1) * ratio
                }
                if k <= n { return k }
            }
        }
    }

    /// Poisson(mean) by inversion below 30, else Sampling's exact draw.
    @inline(__always) static func poisson(_ mean: Double, _ rng: inout Xoshiro256StarStar) throws(SamplingError) -> Int {
        if mean <= 0 { return 0 }
        guard mean < 30 else { return try rng.poisson(mean: mean) }
        let p0 = exp(-mean)
        return reciprocal.withUnsafeBufferPointer { inv in
            while true {
                var u = uniform(&rng), f = p0, k = 0
                while u > f {
                    u -= f
                    k += 1
                    if k >= 1000 { break }
                    f *= mean * inv[k]
                }
                if k < 1000 { return k }
            }
        }
    }

    /// The age in completed months of an entrant to `band`: a year by the band's year shares, a month uniformly.
    @inline(__always) func entrantAge(band: Int, _ rng: inout Xoshiro256StarStar) -> Int {
        let range = StockFlowStates.bandYears[band]
        let u = Self.uniform(&rng)
        var y = range.lowerBound
        while y < range.upperBound - 1 && u >= yearCumulative[y] { y += 1 }
        return 12 * y + Int(Self.uniform(&rng) * 12)
    }

    /// Ageing, then moves and exits, then entrants. With `recording` non-nil, adds the month's events and time at
    /// risk (a leaver counts half a month, a stayer a whole month, an entrant none: entrants face no hazard in
    /// the month they enter) to it, so that events / exposure estimates the monthly hazard.
    func step(_ stock: inout [Int], incoming: inout [Int], rng: inout Xoshiro256StarStar,
              recording: inout StockFlowObservations?) throws(SamplingError) {
        if recording == nil {
            var stream = StockFlowStream(rng)
            try project(&stock, incoming: &incoming, rng: &stream)
            if let g = stream.generator { rng = g }
            return
        }
        let S = StockFlowStates.self
        let G = S.groups, R = S.routes, A = S.ageMonths
        let bandOf = S.bandOfAgeMonth
        let records = recording != nil
        let D = records ? G + R : G + 1
        let chain = records ? self.chain : chainProjection
        let cumulative = records ? self.cumulative : cumulativeProjection
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
                if k <= 48 {
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
        // 3. Entrants: Poisson per band × group, each given an age in months (UASC apart when recording).
        for b in 0..<S.bands {
            for g in 0..<G {
                let s = S.index(band: b, group: g)
                if records {
                    let ordinary = try Self.poisson(ordinaryMean[s], &rng)
                    let uasc = try Self.poisson(uascMean[s], &rng)
                    let n = ordinary + uasc
                    recording!.entrants[b] += ordinary
                    recording!.uascEntrants[b] += uasc
                    recording!.entryPlacements[s] += n
                    for _ in 0..<n {
                        let age = entrantAge(band: b, &rng)
                        recording!.entryAges[age / 12] += 1
                        stock[age * G + g] += 1
                    }
                } else {
                    let n = try Self.poisson(entryMean[s], &rng)
                    for _ in 0..<n { stock[entrantAge(band: b, &rng) * G + g] += 1 }
                }
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
