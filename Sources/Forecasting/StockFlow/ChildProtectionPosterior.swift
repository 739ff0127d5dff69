public import Sampling

/// One set of the CP model's monthly rates: what a projection path runs on.
public struct ChildProtectionRates: Sendable, Equatable {
    /// Step-up (CIN → CPP) and step-down (CPP → CIN) hazards per month by band.
    public var stepUp = [Double](repeating: 0, count: ChildProtectionStates.bands)
    public var stepDown = [Double](repeating: 0, count: ChildProtectionStates.bands)
    /// Exit (closure) hazards per month by band × state.
    public var exits = [Double](repeating: 0, count: ChildProtectionStates.count)
    /// New episodes per month by band.
    public var entries = [Double](repeating: 0, count: ChildProtectionStates.bands)
    /// Age-in-years shares within each band (18 values; each band's sum to 1).
    public var entryAge: [Double] = (0..<18).map { 1 / Double(StockFlowStates.bandYears[StockFlowStates.band(ageYears: $0)].count) }

    public init() {}
}

/// The posterior of the CP model's rates given a window's ``ChildProtectionObservations``, by the LAC model's
/// approach (``StockFlowPosterior``, whose reasons apply unchanged):
/// - each hazard (step-up, step-down, exit from CIN, exit from CPP, per band) is a constant monthly rate with
///   d events in E episode-months: posterior Gamma(α₀ + d, α₀ / h̄ + E) with α₀ = ½ event at the pooled rate h̄
///   of that transition over all bands (``StockFlowPosterior/pooledRate(events:exposure:fallbackExposure:)``);
/// - entrants by band: Poisson with monthly rate λ, posterior Gamma(n, months) under p(λ) ∝ 1/λ (posterior mean
///   the observed rate; a band with none in the window has none projected);
/// - age in years at referral within a band: Dirichlet(½ + counts).
public struct ChildProtectionPosterior: Sendable, Equatable {
    public var upShape: [Double], upRate: [Double]
    public var downShape: [Double], downRate: [Double]
    public var exitShape: [Double], exitRate: [Double]
    public var entryShape: [Double], entryRate: [Double]
    public var entryAgeAlpha: [Double]
    /// The stock on the origin date (age in months × state).
    public var stock: [Int]

    public init(_ o: ChildProtectionObservations) throws(ForecastError) {
        let S = ChildProtectionStates.self
        guard o.months > 0 else { throw ForecastError.invalidOption("the reference window is empty") }
        let a0 = StockFlowPosterior.priorEvents
        let total = o.exposure.reduce(0, +)
        func exposure(_ state: ChildProtectionState, _ b: Int) -> Double { o.exposure[S.index(band: b, state: state.rawValue)] }
        func posterior(events: [Int], state: ChildProtectionState) -> ([Double], [Double]) {
            let e = (0..<S.bands).reduce(0.0) { $0 + exposure(state, $1) }
            let pooled = StockFlowPosterior.pooledRate(events: events.reduce(0, +), exposure: e, fallbackExposure: total)
            return ((0..<S.bands).map { a0 + Double(events[$0]) }, (0..<S.bands).map { a0 / pooled + exposure(state, $0) })
        }
        (upShape, upRate) = posterior(events: o.stepUps, state: .cin)
        (downShape, downRate) = posterior(events: o.stepDowns, state: .cpp)
        let (cinShape, cinRate) = posterior(events: (0..<S.bands).map { o.exits[S.index(band: $0, state: 0)] }, state: .cin)
        let (cppShape, cppRate) = posterior(events: (0..<S.bands).map { o.exits[S.index(band: $0, state: 1)] }, state: .cpp)
        var shapes = [Double](repeating: 0, count: S.count), rates = shapes
        for b in 0..<S.bands {
            shapes[S.index(band: b, state: 0)] = cinShape[b]
            shapes[S.index(band: b, state: 1)] = cppShape[b]
            rates[S.index(band: b, state: 0)] = cinRate[b]
            rates[S.index(band: b, state: 1)] = cppRate[b]
        }
        exitShape = shapes
        exitRate = rates
        entryShape = o.entrants.map { Double($0) }
        entryRate = Array(repeating: o.months, count: S.bands)
        entryAgeAlpha = o.entryAges.map { 0.5 + Double($0) }
        stock = o.stock
    }

    /// The posterior means as one set of rates.
    public var meanRates: ChildProtectionRates {
        var r = ChildProtectionRates()
        r.stepUp = zip(upShape, upRate).map { $0 / $1 }
        r.stepDown = zip(downShape, downRate).map { $0 / $1 }
        r.exits = zip(exitShape, exitRate).map { $0 / $1 }
        r.entries = zip(entryShape, entryRate).map { $0 / $1 }
        for b in 0..<ChildProtectionStates.bands {
            let years = StockFlowStates.bandYears[b]
            let t = years.reduce(0.0) { $0 + entryAgeAlpha[$1] }
            for a in years { r.entryAge[a] = entryAgeAlpha[a] / t }
        }
        return r
    }

    /// One draw of every rate from the posterior.
    public func draw<G: RandomNumberGenerator>(using rng: inout G) throws(SamplingError) -> ChildProtectionRates {
        var r = ChildProtectionRates()
        for b in 0..<ChildProtectionStates.bands {
            r.stepUp[b] = try rng.gamma(shape: upShape[b], scale: 1 / upRate[b])
            r.stepDown[b] = try rng.gamma(shape: downShape[b], scale: 1 / downRate[b])
            r.entries[b] = entryShape[b] > 0 ? try rng.gamma(shape: entryShape[b], scale: 1 / entryRate[b]) : 0
            let years = StockFlowStates.bandYears[b]
            var t = 0.0
            for a in years {
                r.entryAge[a] = try rng.gamma(shape: entryAgeAlpha[a], scale: 1)
                t += r.entryAge[a]
            }
            for a in years { r.entryAge[a] /= t }
        }
        for i in 0..<ChildProtectionStates.count { r.exits[i] = try rng.gamma(shape: exitShape[i], scale: 1 / exitRate[i]) }
        return r
    }
}
