import Foundation
import Sampling

/// Projects the stock of open CIN episodes (CIN and CPP states) by Monte Carlo, month by month.
///
/// Each path draws one set of rates from the posterior (``ChildProtectionPosterior/draw(using:)``), applies the
/// scenario, and steps from the origin's stock (counts by age in completed months × state):
/// 1. ageing: every episode is a month older; those reaching 216 months (18) leave;
/// 2. transitions within the month in continuous time: in band b the two transient states have generator
///    A = [[−(u+x₀), u], [d, −(d+x₁)]] (u step-up, d step-down, x exit hazards), so a child in state s at the
///    month start is in CIN, CPP or gone at its end with probabilities row s of exp(A) and 1 − its sum. Several
///    changes in one month (a step-up then a closure) are therefore allowed, unlike a one-change-per-month step.
///    Cells are drawn as multinomials: Binomial(n, 1 − P_ss) leave the state, Binomial(those, P_so / (1 − P_ss))
///    of them are in the other state;
/// 3. entrants: new episodes arrive in CIN as a Poisson process with rate λ_b over the month; one arriving at a
///    uniform time is in state s at the month end with probability row CIN of ∫₀¹ exp(A t) dt, so by Poisson
///    thinning Poisson(λ_b · that) enter each state — the month's short episodes (assessments that close within
///    weeks) are not counted as present at its end, which keeps the projected stock at λ × mean duration
///    (Little's law) rather than half a month's entrants above it. Each entrant gets an age in years by the band's
///    drawn shares and a month of age uniformly within the year.
/// exp(A) and the integral are computed per path and band: exp(A/64) by its Taylor series to 24 terms (‖A/64‖ is
/// far below 1, so the truncation error is below 1e-30), its powers, and Simpson's rule on the 64 sub-intervals
/// (error of order ‖A‖⁴/64⁴ ≈ 1e-10 for monthly hazards below 1).
/// Each path owns a random stream (the seed's generator advanced by `path` jumps), so the result is the same for
/// any thread count.
public enum ChildProtectionProjection {
    public static func run(_ posterior: ChildProtectionPosterior, scenario: ChildProtectionScenario = .baseline,
                           spec: StockFlowProjectionSpec) throws(ForecastError) -> ChildProtectionPaths {
        guard spec.horizonMonths >= 1 else { throw .invalidOption("the horizon must be at least one month") }
        guard spec.paths >= 1 else { throw .invalidOption("--paths must be at least 1") }
        guard spec.threads >= 1 else { throw .invalidOption("threads must be at least 1") }
        let H = spec.horizonMonths, stride = (H + 1) * 2
        let box = ChildProtectionPathBuffer(count: spec.paths * stride)
        let streams = Xoshiro256StarStar(seed: spec.seed).independentStreams(count: spec.paths)
        let mean = posterior.meanRates
        let threads = min(spec.threads, spec.paths)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            for p in Swift.stride(from: worker, to: spec.paths, by: threads) {
                var rng = streams[p]
                do {
                    let rates = spec.parameterUncertainty ? try posterior.draw(using: &rng) : mean
                    let stepper = ChildProtectionStepper(rates: scenario.apply(to: rates))
                    var stock = posterior.stock
                    var incoming = [Int](repeating: 0, count: stock.count)
                    let out = box.pointer + p * stride
                    func record(_ m: Int) {
                        var c = 0, k = 0
                        for a in 0..<ChildProtectionStates.ageMonths { c += stock[2 * a]; k += stock[2 * a + 1] }
                        out[2 * m] = Int32(clamping: c)
                        out[2 * m + 1] = Int32(clamping: k)
                    }
                    record(0)
                    for m in 1...H {
                        try stepper.step(&stock, incoming: &incoming, rng: &rng)
                        record(m)
                    }
                } catch { box.fail(error) }
            }
        }
        if let e = box.error { throw .invalidOption("the projection failed: \(e)") }
        return ChildProtectionPaths(horizonMonths: H, paths: spec.paths, stock: box.values())
    }
}

/// One month of the CP process on counts by age in months × state (see ``ChildProtectionProjection``).
struct ChildProtectionStepper {
    /// [band × 2 + s]: probability of leaving state s in the month (to the other state or closed), its log
    /// complement, and the conditional probability that a leaver is in the other state at the month end.
    let leave: [Double]
    let logStay: [Double]
    let toOther: [Double]
    /// [band × 2 + s]: Poisson mean of the month's entrants present in state s at its end.
    let entrantMean: [Double]
    /// Cumulative shares of the years within each band.
    let yearCumulative: [Double]

    /// exp(A) and ∫₀¹ exp(At) dt of a 2 × 2 generator block (row-major), as the type's note states.
    static func transition(_ A: [Double]) -> (exp: [Double], integral: [Double]) {
        func mul(_ x: [Double], _ y: [Double]) -> [Double] {
            [x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]]
        }
        let n = 64, h = 1 / Double(n)
        let B = A.map { $0 * h }
        var term: [Double] = [1, 0, 0, 1], step: [Double] = [1, 0, 0, 1]
        for k in 1...24 {
            term = mul(term, B).map { $0 / Double(k) }
            step = zip(step, term).map { $0 + $1 }
        }
        var power: [Double] = [1, 0, 0, 1]
        var integral = [Double](repeating: 0, count: 4)
        for i in 0...n {
            let w = (i == 0 || i == n) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            for j in 0..<4 { integral[j] += w * power[j] * h / 3 }
            if i < n { power = mul(power, step) }
        }
        return (power, integral)
    }

    init(rates r: ChildProtectionRates) {
        let S = ChildProtectionStates.self
        var leave = [Double](repeating: 0, count: S.count), toOther = leave, entrant = leave
        for b in 0..<S.bands {
            let u = max(0, r.stepUp[b]), d = max(0, r.stepDown[b])
            let x0 = max(0, r.exits[S.index(band: b, state: 0)]), x1 = max(0, r.exits[S.index(band: b, state: 1)])
            let (P, M) = Self.transition([-(u + x0), u, d, -(d + x1)])
            for s in 0..<2 {
                let stay = min(1, max(0, P[3 * s])), other = min(1, max(0, P[s * 2 + (1 - s)]))
                leave[2 * b + s] = max(0, 1 - stay)
                toOther[2 * b + s] = leave[2 * b + s] > 0 ? min(1, other / leave[2 * b + s]) : 0
                entrant[2 * b + s] = max(0, r.entries[b]) * max(0, M[s])
            }
        }
        self.leave = leave
        logStay = leave.map { log1p(-min($0, 1 - 1e-16)) }
        self.toOther = toOther
        entrantMean = entrant
        var years = [Double](repeating: 1, count: 18)
        for b in 0..<S.bands {
            let range = StockFlowStates.bandYears[b]
            let total = range.reduce(0.0) { $0 + max(0, r.entryAge[$1]) }
            var running = 0.0
            for y in range {
                running += total > 0 ? max(0, r.entryAge[y]) / total : 1 / Double(range.count)
                years[y] = running
            }
            years[range.upperBound - 1] = 1
        }
        yearCumulative = years
    }

    /// The age in completed months of an entrant to `band`.
    @inline(__always) func entrantAge(band: Int, _ rng: inout Xoshiro256StarStar) -> Int {
        let range = StockFlowStates.bandYears[band]
        let u = StockFlowStepper.uniform(&rng)
        var y = range.lowerBound
        while y < range.upperBound - 1 && u >= yearCumulative[y] { y += 1 }
        return 12 * y + Int(StockFlowStepper.uniform(&rng) * 12)
    }

    /// Ageing, transitions, entrants (the type's note).
    func step(_ stock: inout [Int], incoming: inout [Int], rng: inout Xoshiro256StarStar) throws(SamplingError) {
        let A = ChildProtectionStates.ageMonths
        let bandOf = StockFlowStates.bandOfAgeMonth
        for i in Swift.stride(from: A * 2 - 1, through: 2, by: -1) { stock[i] = stock[i - 2] }
        stock[0] = 0
        stock[1] = 0
        for a in 0..<A {
            let b = bandOf[a]
            for s in 0..<2 {
                let cell = 2 * a + s, n = stock[cell]
                if n == 0 { continue }
                let k = 2 * b + s
                let leavers = try StockFlowStepper.binomial(n, leave[k], logQ: logStay[k], &rng)
                if leavers == 0 { continue }
                stock[cell] = n - leavers
                let p = toOther[k]
                let moved = p >= 1 ? leavers : try StockFlowStepper.binomial(leavers, p, logQ: log1p(-p), &rng)
                incoming[2 * a + 1 - s] += moved
            }
        }
        for i in 0..<(A * 2) where incoming[i] != 0 {
            stock[i] += incoming[i]
            incoming[i] = 0
        }
        for b in 0..<ChildProtectionStates.bands {
            for s in 0..<2 {
                let n = try StockFlowStepper.poisson(entrantMean[2 * b + s], &rng)
                for _ in 0..<n { stock[2 * entrantAge(band: b, &rng) + s] += 1 }
            }
        }
    }
}

/// The Monte Carlo paths of a CP projection: open episodes by state at months 0...horizon of every path.
public struct ChildProtectionPaths: Sendable, Equatable {
    public let horizonMonths: Int
    public let paths: Int
    /// [(path × (horizon + 1) + month) × 2 + state].
    public let stock: [Int32]

    /// A series: all open episodes (children in need, CPP included), CIN without a plan, or CPP.
    public enum Series: Int, CaseIterable, Sendable, Hashable {
        case total = 0, cin, cpp

        public var name: String {
            switch self {
            case .total: "children in need"
            case .cin: "CIN (no CP plan)"
            case .cpp: "CP plan"
            }
        }
        public var key: String { ["cin_total", "cin", "cpp"][rawValue] }
    }

    public func values(_ series: Series, month: Int) -> [Double] {
        let stride = (horizonMonths + 1) * 2
        return (0..<paths).map { p in
            let base = p * stride + month * 2
            switch series {
            case .total: return Double(Int(stock[base]) + Int(stock[base + 1]))
            case .cin: return Double(stock[base])
            case .cpp: return Double(stock[base + 1])
            }
        }
    }

    public func summary(_ series: Series, month: Int, levels: [Double] = [0.8, 0.95]) -> StockFlowInterval {
        summarise(values(series, month: month), levels: levels)
    }
}

/// The buffer the worker threads write their paths into (disjoint ranges), with the first error.
private final class ChildProtectionPathBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int32>
    let count: Int
    private let lock = NSLock()
    private(set) var error: (any Error)?

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
    }

    deinit { pointer.deallocate() }

    func fail(_ e: any Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }

    func values() -> [Int32] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
