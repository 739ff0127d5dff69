import CareData
import Foundation
import Sampling
import Tabular
import Testing
@testable import Forecasting

/// The child-protection stock–flow model: the month's transition probabilities against closed forms, the
/// observations of hand-built episodes, recovery of known rates from the continuous-time simulator, recovery of
/// the synthetic generator's CPP parameters, projections and scenarios.
struct ChildProtectionTests {
    // MARK: transition probabilities

    /// exp(A) and ∫₀¹ exp(At) dt of a 2 × 2 generator against the closed forms exp(A) = Σ e^{λᵢ} Pᵢ (spectral
    /// projectors of the distinct real eigenvalues) and A⁻¹(exp(A) − I). Tolerance 1e-12 absolute (Simpson's
    /// error is about ‖A‖⁴/64⁴/180, below 1e-12 for these rates).
    @Test func transitionMatchesClosedForms() {
        let u = 0.05, d = 0.1, x0 = 0.15, x1 = 0.01
        let A = [-(u + x0), u, d, -(d + x1)]
        let (P, M) = ChildProtectionStepper.transition(A)
        let tr = A[0] + A[3], det = A[0] * A[3] - A[1] * A[2]
        let disc = (tr * tr / 4 - det).squareRoot()
        let l1 = tr / 2 + disc, l2 = tr / 2 - disc
        // Projector onto λ₁: (A − λ₂I)/(λ₁ − λ₂).
        let P1 = [(A[0] - l2) / (l1 - l2), A[1] / (l1 - l2), A[2] / (l1 - l2), (A[3] - l2) / (l1 - l2)]
        let P2 = [1 - P1[0], -P1[1], -P1[2], 1 - P1[3]]
        let expected = (0..<4).map { exp(l1) * P1[$0] + exp(l2) * P2[$0] }
        for i in 0..<4 { #expect(abs(P[i] - expected[i]) < 1e-12, "exp(A)[\(i)]") }
        let integral = (0..<4).map { (exp(l1) - 1) / l1 * P1[$0] + (exp(l2) - 1) / l2 * P2[$0] }
        for i in 0..<4 { #expect(abs(M[i] - integral[i]) < 1e-12, "integral[\(i)]") }
    }

    // MARK: observations

    static func episode(_ child: String, dob: String, referral: String, cppStart: String? = nil, cppEnd: String? = nil,
                        closure: String? = nil, nfa: Bool = false) -> CINEpisode {
        func date(_ s: String?) -> DateField { s.map { DateField.parse($0) } ?? .missing }
        return CINEpisode(row: 0, la: "E1", child: child, referralDate: date(referral), referralNFA: nfa,
                          cppStartDate: date(cppStart), cppEndDate: date(cppEnd), closureDate: date(closure),
                          birthDate: date(dob), censusYear: 2020)
    }

    /// Hand-counted: window 2019-01-01 to 2020-01-01 (365 days = 365/30.436875 months).
    /// A: aged 3 (band 1-4), referral 2019-02-01, CPP 2019-03-01 to 2019-06-01, closed 2019-08-01: an entrant, one
    ///    step-up, one step-down, one exit from CIN; CIN 28 + 61 days, CPP 92 days.
    /// B: aged 7 (5-9), referral 2018-06-01, open, no plan: CIN 365 days in the window, in the stock at the origin
    ///    (age 7y 7m → 91 months).
    /// C: aged 12 (10-15), referral 2019-10-01, CPP from 2019-10-15 to the closure 2019-11-15: entrant, step-up,
    ///    exit from CPP (the plan ran to the closure); CIN 14 days, CPP 31 days.
    /// D: an NFA referral: left out, counted. E: no date of birth: left out, counted.
    /// F: turns 18 on 2019-05-01 while open: CIN to the birthday only (120 days, band 16-17), no exit.
    @Test func observationsOfHandBuiltEpisodes() {
        let eps = [
            Self.episode("A", dob: "2015-07-01", referral: "2019-02-01", cppStart: "2019-03-01", cppEnd: "2019-06-01", closure: "2019-08-01"),
            Self.episode("B", dob: "2012-05-15", referral: "2018-06-01"),
            Self.episode("C", dob: "2007-01-01", referral: "2019-10-01", cppStart: "2019-10-15", cppEnd: "2019-11-15", closure: "2019-11-15"),
            Self.episode("D", dob: "2010-01-01", referral: "2019-03-01", closure: "2019-03-02", nfa: true),
            CINEpisode(row: 0, la: "E1", child: "E", referralDate: DateField.parse("2019-03-01"), censusYear: 2020),
            Self.episode("F", dob: "2001-05-01", referral: "2018-01-01", closure: "2019-09-01"),
        ]
        let o = ChildProtectionObservations.build(episodes: eps, start: CivilDate(year: 2019, month: 1, day: 1)!,
                                                  origin: CivilDate(year: 2020, month: 1, day: 1)!)
        let m = 30.436875
        let S = ChildProtectionStates.self
        #expect(abs(o.months - 365 / m) < 1e-12)
        #expect(o.nfaReferrals == 1 && o.episodesWithoutDates == 1)
        #expect(o.entrants == [0, 1, 0, 1, 0])
        #expect(o.stepUps == [0, 1, 0, 1, 0])
        #expect(o.stepDowns == [0, 1, 0, 0, 0])
        #expect(o.exits[S.index(band: 1, state: 0)] == 1 && o.exits[S.index(band: 3, state: 1)] == 1)
        #expect(o.exits.reduce(0, +) == 2)
        #expect(abs(o.exposure[S.index(band: 1, state: 0)] - 89 / m) < 1e-12)
        #expect(abs(o.exposure[S.index(band: 1, state: 1)] - 92 / m) < 1e-12)
        #expect(abs(o.exposure[S.index(band: 2, state: 0)] - 365 / m) < 1e-12)
        #expect(abs(o.exposure[S.index(band: 3, state: 0)] - 14 / m) < 1e-12)
        #expect(abs(o.exposure[S.index(band: 3, state: 1)] - 31 / m) < 1e-12)
        #expect(abs(o.exposure[S.index(band: 4, state: 0)] - 120 / m) < 1e-12)
        #expect(o.stockByState == [1, 0])
        #expect(o.stock[91 * 2] == 1)
        let later = ChildProtectionObservations.stock(episodes: eps, on: [CivilDate(year: 2019, month: 4, day: 1)!])
        #expect(later == [[2, 1]]) // A on a plan; B and F open without one
    }

    // MARK: recovery

    /// A 20-year window simulated from ``ChildProtectionSimulationStudy/knownRates`` in continuous time: every
    /// posterior mean within 4 posterior SDs of the truth (SD = √shape / rate; the chance that one of the 25 rates
    /// falls outside by chance is below 0.2%), and the entrant rates likewise.
    @Test func recoversKnownRates() throws {
        let truth = ChildProtectionSimulationStudy.knownRates
        let h = try ChildProtectionSimulationStudy.history(rates: truth, burnIn: 60, window: 240, horizon: 1, seed: 11)
        let p = try ChildProtectionPosterior(h.observations)
        let mean = p.meanRates
        func check(_ est: Double, _ shape: Double, _ rate: Double, _ true_: Double, _ what: String) {
            let sd = shape.squareRoot() / rate
            #expect(abs(est - true_) < 4 * sd, "\(what): \(est) vs \(true_) (sd \(sd))")
        }
        for b in 0..<5 {
            check(mean.stepUp[b], p.upShape[b], p.upRate[b], truth.stepUp[b], "step-up \(b)")
            check(mean.stepDown[b], p.downShape[b], p.downRate[b], truth.stepDown[b], "step-down \(b)")
            check(mean.entries[b], p.entryShape[b], p.entryRate[b], truth.entries[b], "entries \(b)")
            for s in 0..<2 {
                let i = 2 * b + s
                check(mean.exits[i], p.exitShape[i], p.exitRate[i], truth.exits[i], "exit \(b),\(s)")
            }
        }
    }

    /// The projection from a simulated origin reproduces the process's own mean: from the stationary stock, the
    /// mean of 2,000 paths on the true rates (no parameter uncertainty) stays within 4 Monte Carlo SEs of the mean
    /// of 200 independent continuous-time futures — the monthly algorithm against the exact simulator.
    @Test func projectionMatchesContinuousTimeSimulator() throws {
        let truth = ChildProtectionSimulationStudy.knownRates
        var futures: [[Int]] = []
        var rng = Xoshiro256StarStar(seed: 5)
        let first = try ChildProtectionSimulationStudy.history(rates: truth, burnIn: 120, window: 12, horizon: 24, rng: &rng)
        futures.append(first.future[23])
        for _ in 1..<200 {
            futures.append(try ChildProtectionSimulationStudy.history(rates: truth, burnIn: 120, window: 12, horizon: 24, rng: &rng).future[23])
        }
        var posterior = try ChildProtectionPosterior(first.observations)
        // Replace the fitted rates by the truth: a projection on the known process.
        posterior.upShape = truth.stepUp.map { $0 * 1e9 }; posterior.upRate = Array(repeating: 1e9, count: 5)
        posterior.downShape = truth.stepDown.map { $0 * 1e9 }; posterior.downRate = Array(repeating: 1e9, count: 5)
        posterior.exitShape = truth.exits.map { $0 * 1e9 }; posterior.exitRate = Array(repeating: 1e9, count: 10)
        posterior.entryShape = truth.entries.map { $0 * 1e9 }; posterior.entryRate = Array(repeating: 1e9, count: 5)
        posterior.entryAgeAlpha = truth.entryAge.map { $0 * 1e9 }
        let paths = try ChildProtectionProjection.run(posterior, spec: StockFlowProjectionSpec(horizonMonths: 24, paths: 2000, seed: 9, threads: 2,
                                                                                                 parameterUncertainty: false))
        for (state, series) in [(0, ChildProtectionPaths.Series.cin), (1, .cpp)] {
            let sim = futures.map { Double($0[state]) }
            let simMean = sim.reduce(0, +) / 200
            let simSD = (sim.reduce(0) { $0 + ($1 - simMean) * ($1 - simMean) } / 199).squareRoot()
            let proj = paths.values(series, month: 24)
            let projMean = proj.reduce(0, +) / 2000
            let se = (simSD * simSD / 200 + simSD * simSD / 2000).squareRoot()
            #expect(abs(projMean - simMean) < 4 * se, "\(series): projection \(projMean) vs simulator \(simMean) (se \(se))")
        }
    }

    /// Recovery of the synthetic generator's CPP process (``SyntheticParameters/Contact``) from the CIN census files
    /// it writes, with care entries from a plan switched off (probabilityCareFromCPP = 0) so that every plan runs
    /// its drawn length: max(30, Gamma(3, cppMeanDays/3)) days, mean 300.0 days (E[(30 − G)⁺] < 0.05 days), and
    /// steps down to a CIN plan — so the model's step-down hazard is 30.436875/300 = 0.1015 a month (events over
    /// time at risk in a window estimate 1 / mean duration for any duration law in a steady state) and its CPP
    /// closure hazard is 0. New episodes (NFA referrals excluded) step up with probability (1 − probabilityNotInNeed)
    /// × probabilityCPP[band]. Tolerances: step-down within 8% (about 3 SEs of the rate: some 2,000 plan-ends a
    /// window, plus the steady-state approximation of a generator whose population ages); step-ups per new episode
    /// within 25% relative or 0.01 absolute per band (a few hundred step-ups per band). Measured (seed 21, 60,000
    /// children, window 2019-03-31 to 2024-03-31): step-down 0.1005 vs 0.1015 (893 plan ends, none closed on a plan);
    /// step-ups per new episode 0.127, 0.094, 0.085, 0.062, 0.035 vs 0.128, 0.096, 0.077, 0.058, 0.032.
    @Test func recoversGeneratorCPPParameters() throws {
        var parameters = SyntheticParameters.standard
        parameters.contact.probabilityCareFromCPP = [0, 0, 0, 0, 0]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-cp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SyntheticGenerator(children: 60_000, localAuthorities: 4, firstYear: 2010, lastYear: 2024, seed: 21,
                                   parameters: parameters).generate(into: dir)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("cin_census") }.map { dir + "/" + $0 }
        let v = try CareDataInputs(cinPaths: files).validate()
        let end = try #require(v.cinDataEnd?.date)
        let o = ChildProtectionObservations.build(episodes: v.cinEpisodes, start: end.adding(months: -60), origin: end)
        let S = ChildProtectionStates.self
        let downEvents = o.stepDowns.reduce(0, +)
        let cppExposure = (0..<S.bands).reduce(0.0) { $0 + o.exposure[S.index(band: $1, state: 1)] }
        let stepDown = Double(downEvents) / cppExposure
        let c = parameters.contact
        let truth = StockFlowObservations.daysPerMonth / c.cppMeanDays
        #expect(abs(stepDown / truth - 1) < 0.08, "step-down \(stepDown) vs \(truth) (\(downEvents) events)")
        let cppExits = (0..<S.bands).reduce(0) { $0 + o.exits[S.index(band: $1, state: 1)] }
        #expect(Double(cppExits) < 0.02 * Double(downEvents), "CPP closures \(cppExits)")
        for b in 0..<S.bands where o.entrants[b] > 0 {
            let perEntrant = Double(o.stepUps[b]) / Double(o.entrants[b])
            let expected = (1 - c.probabilityNotInNeed) * c.probabilityCPP[b]
            #expect(abs(perEntrant - expected) < max(0.25 * expected, 0.01), "band \(b): \(perEntrant) vs \(expected)")
        }
    }

    // MARK: projections and scenarios

    /// Same seed, same paths on one or three threads; a step-up scenario raises the CPP median and lowers nothing
    /// it should not (common random numbers); intervals never go below zero; parsing of scenarios.
    @Test func projectionIsDeterministicAndScenariosMoveTheRightWay() throws {
        let h = try ChildProtectionSimulationStudy.history(rates: ChildProtectionSimulationStudy.knownRates, burnIn: 60,
                                                           window: 36, horizon: 1, seed: 3)
        let p = try ChildProtectionPosterior(h.observations)
        let one = try ChildProtectionProjection.run(p, spec: StockFlowProjectionSpec(horizonMonths: 24, paths: 300, seed: 4, threads: 1))
        let three = try ChildProtectionProjection.run(p, spec: StockFlowProjectionSpec(horizonMonths: 24, paths: 300, seed: 4, threads: 3))
        #expect(one == three)
        let up = try ChildProtectionProjection.run(p, scenario: ChildProtectionScenario(name: "s", changes: [.stepUp(0.5)]),
                                                   spec: StockFlowProjectionSpec(horizonMonths: 24, paths: 300, seed: 4, threads: 2))
        #expect(up.summary(.cpp, month: 24).median > one.summary(.cpp, month: 24).median)
        #expect(one.summary(.cpp, month: 24).interval(0.95)!.lower >= 0)
        #expect(ChildProtectionChange(parsing: "stepup:+20%") == .stepUp(0.2))
        #expect(ChildProtectionChange(parsing: "entry:-10%") == .entries(-0.1))
        #expect(ChildProtectionChange(parsing: "stepup:twenty") == nil)
        #expect(ChildProtectionChange(parsing: "exit:-100%") == nil)
        #expect(ChildProtectionChange(parsing: "mix:a>b:10%") == nil)
    }

    /// A small simulation study (40 replications × 200 paths) runs and its coverage is in a loose band; the
    /// committed study (Benchmarks/stockflow/cp-coverage.md) is the real check.
    @Test func simulationStudyRuns() throws {
        let rows = try ChildProtectionSimulationStudy.run(replications: 40, paths: 200, years: 2, seed: 8, threads: 2)
        #expect(rows.count == 2)
        for r in rows {
            #expect(r.coverage95[0] >= 0.8, "year \(r.year): \(r.coverage95)")
            #expect(r.coverage80[0] >= 0.55)
        }
    }
}
