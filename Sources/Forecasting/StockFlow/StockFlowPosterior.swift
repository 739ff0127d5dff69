public import Sampling

/// The posterior of the stock–flow model's rates given a window's ``StockFlowObservations``.
///
/// Each hazard (a placement move from a state to another group, an exit by route from a state) is a constant
/// monthly rate h with d events in E child-months, so the likelihood is Poisson(d | hE) and the conjugate
/// posterior is Gamma(α₀ + d, β₀ + E). The prior Gamma(α₀ = ½, β₀ = ½ / h̄) is worth half an event at the pooled
/// rate h̄ of that move or route over all states (total events / total exposure): weak enough that a state with
/// data is driven by its data, proper so that a state with no time at risk still has a rate (near the pooled one,
/// with wide uncertainty). Entrants by band are a Poisson process with monthly rate λ, posterior Gamma(n, months)
/// under the scale-invariant prior p(λ) ∝ 1/λ, UASC entrants likewise apart: its posterior mean is n / months,
/// the observed rate, so the projection adds no entrants the window did not see. Jeffreys' prior (∝ λ^{−½}, the
/// earlier choice) gives Gamma(½ + n, months), half a phantom entrant per band and per UASC band — five over a
/// window, +4–5% of a small authority's inflow — and the simulation study measured it as half of the projection's
/// upward bias (Benchmarks/stockflow/coverage.md). A band with no entrants in the window (n = 0) has rate 0: none
/// are projected, as none were seen. Entrants' first placement group within a band and age in years within a
/// band are Dirichlet(½ + counts).
public struct StockFlowPosterior: Sendable, Equatable {
    /// Gamma shapes and rates of the move hazards, [state × groups + to] (diagonal unused).
    public var moveShape: [Double], moveRate: [Double]
    /// Gamma shapes and rates of the exit hazards, [state × routes + route].
    public var exitShape: [Double], exitRate: [Double]
    /// Gamma shapes and rates of the monthly entrant rates by band (UASC excluded), and of UASC entrants. A shape of
    /// 0 (no entrants in the window) is the point mass at rate 0.
    public var entryShape: [Double], entryRate: [Double]
    public var uascShape: [Double], uascRate: [Double]
    /// Dirichlet parameters of the first placement group by band ([band × groups + group]) and of the age in years
    /// at entry (18 values; normalised within each band when drawn).
    public var entryPlacementAlpha: [Double]
    public var entryAgeAlpha: [Double]
    /// The stock on the origin date (age in months × group), the projection's start.
    public var stock: [Int]

    /// Weight of the prior in events (α₀).
    public static let priorEvents = 0.5

    /// The posterior given the observations. A window of zero length is refused.
    public init(_ o: StockFlowObservations) throws(ForecastError) {
        let S = StockFlowStates.self
        guard o.months > 0 else { throw ForecastError.invalidOption("the reference window is empty") }
        let a0 = Self.priorEvents
        let totalExposure = o.exposure.reduce(0, +)
        moveShape = Array(repeating: a0, count: S.count * S.groups)
        moveRate = Array(repeating: 1, count: S.count * S.groups)
        exitShape = Array(repeating: a0, count: S.count * S.routes)
        exitRate = Array(repeating: 1, count: S.count * S.routes)
        for g in 0..<S.groups {
            for to in 0..<S.groups where to != g {
                let d = (0..<S.bands).reduce(0) { $0 + o.moves[S.index(band: $1, group: g) * S.groups + to] }
                let e = (0..<S.bands).reduce(0.0) { $0 + o.exposure[S.index(band: $1, group: g)] }
                let pooled = Self.pooledRate(events: d, exposure: e, fallbackExposure: totalExposure)
                for b in 0..<S.bands {
                    let s = S.index(band: b, group: g), i = s * S.groups + to
                    moveShape[i] = a0 + Double(o.moves[i])
                    moveRate[i] = a0 / pooled + o.exposure[s]
                }
            }
        }
        for r in 0..<S.routes {
            let d = (0..<S.count).reduce(0) { $0 + o.exits[$1 * S.routes + r] }
            let pooled = Self.pooledRate(events: d, exposure: totalExposure, fallbackExposure: totalExposure)
            for s in 0..<S.count {
                let i = s * S.routes + r
                exitShape[i] = a0 + Double(o.exits[i])
                exitRate[i] = a0 / pooled + o.exposure[s]
            }
        }
        entryShape = o.entrants.map { Double($0) }
        entryRate = Array(repeating: o.months, count: S.bands)
        uascShape = o.uascEntrants.map { Double($0) }
        uascRate = Array(repeating: o.months, count: S.bands)
        entryPlacementAlpha = o.entryPlacements.map { 0.5 + Double($0) }
        entryAgeAlpha = o.entryAges.map { 0.5 + Double($0) }
        stock = o.stock
    }

    /// Events / exposure, or — with no events — half an event over the exposure (over `fallbackExposure`, or one
    /// month, when there is none), so the prior rate is positive and finite.
    static func pooledRate(events: Int, exposure: Double, fallbackExposure: Double) -> Double {
        let e = exposure > 0 ? exposure : max(fallbackExposure, 1)
        return max(Double(events), 0.5) / e
    }

    /// Posterior means of the monthly rates (for tables and recovery checks).
    public var meanMoveRates: [Double] { zip(moveShape, moveRate).map { $0 / $1 } }
    public var meanExitRates: [Double] { zip(exitShape, exitRate).map { $0 / $1 } }
    public var meanEntryRates: [Double] { zip(entryShape, entryRate).map { $0 / $1 } }
    public var meanUASCRates: [Double] { zip(uascShape, uascRate).map { $0 / $1 } }

    /// One draw of every rate from the posterior.
    public func draw<G: RandomNumberGenerator>(using rng: inout G) throws(SamplingError) -> StockFlowRates {
        let S = StockFlowStates.self
        var r = StockFlowRates()
        for i in 0..<(S.count * S.groups) where i % S.groups != (i / S.groups) % S.groups {
            r.moves[i] = try rng.gamma(shape: moveShape[i], scale: 1 / moveRate[i])
        }
        for i in 0..<(S.count * S.routes) { r.exits[i] = try rng.gamma(shape: exitShape[i], scale: 1 / exitRate[i]) }
        for b in 0..<S.bands {
            r.entries[b] = entryShape[b] > 0 ? try rng.gamma(shape: entryShape[b], scale: 1 / entryRate[b]) : 0
            r.uascEntries[b] = uascShape[b] > 0 ? try rng.gamma(shape: uascShape[b], scale: 1 / uascRate[b]) : 0
            var total = 0.0
            for g in 0..<S.groups {
                let x = try rng.gamma(shape: entryPlacementAlpha[S.index(band: b, group: g)], scale: 1)
                r.entryPlacement[S.index(band: b, group: g)] = x
                total += x
            }
            for g in 0..<S.groups { r.entryPlacement[S.index(band: b, group: g)] /= total }
            var ageTotal = 0.0
            for a in S.bandYears[b] {
                r.entryAge[a] = try rng.gamma(shape: entryAgeAlpha[a], scale: 1)
                ageTotal += r.entryAge[a]
            }
            for a in S.bandYears[b] { r.entryAge[a] /= ageTotal }
        }
        return r
    }

    /// The posterior means as one set of rates (a projection without parameter uncertainty).
    public var meanRates: StockFlowRates {
        let S = StockFlowStates.self
        var r = StockFlowRates()
        for i in 0..<(S.count * S.groups) where i % S.groups != (i / S.groups) % S.groups { r.moves[i] = moveShape[i] / moveRate[i] }
        r.exits = meanExitRates
        r.entries = meanEntryRates
        r.uascEntries = meanUASCRates
        for b in 0..<S.bands {
            let t = (0..<S.groups).reduce(0.0) { $0 + entryPlacementAlpha[S.index(band: b, group: $1)] }
            for g in 0..<S.groups { r.entryPlacement[S.index(band: b, group: g)] = entryPlacementAlpha[S.index(band: b, group: g)] / t }
            let at = S.bandYears[b].reduce(0.0) { $0 + entryAgeAlpha[$1] }
            for a in S.bandYears[b] { r.entryAge[a] = entryAgeAlpha[a] / at }
        }
        return r
    }
}

/// One set of the stock–flow model's monthly rates: what a projection path runs on.
public struct StockFlowRates: Sendable, Equatable {
    /// Move hazards per month, [state × groups + to] (diagonal 0).
    public var moves = [Double](repeating: 0, count: StockFlowStates.count * StockFlowStates.groups)
    /// Exit hazards per month, [state × routes + route].
    public var exits = [Double](repeating: 0, count: StockFlowStates.count * StockFlowStates.routes)
    /// Entrants per month by band (UASC apart).
    public var entries = [Double](repeating: 0, count: StockFlowStates.bands)
    public var uascEntries = [Double](repeating: 0, count: StockFlowStates.bands)
    /// First placement group shares by band ([band × groups + group], summing to 1 within a band).
    public var entryPlacement = [Double](repeating: 0.25, count: StockFlowStates.count)
    /// Age-in-years shares within each band (18 values; each band's sum to 1).
    public var entryAge: [Double] = (0..<18).map { 1 / Double(StockFlowStates.bandYears[StockFlowStates.band(ageYears: $0)].count) }

    public init() {}
}
