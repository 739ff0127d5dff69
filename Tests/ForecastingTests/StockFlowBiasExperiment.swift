import Foundation
import Sampling
import Testing
@testable import Forecasting

/// A measurement, not a check: where the stock–flow projection's upward bias comes from. Each of `REPS` histories
/// simulated from ``StockFlowSimulationStudy/knownRates`` (seed 2024, as the study) is projected five years with
/// `PATHS` paths under each listed variant of the posterior, and the mean over histories of the total's z and of
/// (mean of the paths − truth) at years 1–5 is written to the file named by `SF_EXP_OUT` (default
/// `stockflow-bias-<SF_EXP>.txt` in the current directory). Variants: 0 the posterior as fitted; 1 the true rates (no parameter uncertainty);
/// 2 the posterior means (no parameter uncertainty); 3 entrant-rate prior removed (Gamma(n + 0.001, months));
/// 4 Dirichlet priors of entry placement and age removed; 5 hazard priors removed (Gamma(d + 0.001, E)); 6 = 3 + 4;
/// 7 = 3 + 4 + 5; 8 = 7 without parameter uncertainty; 10 hazards with one prior event per state spread over its
/// destinations at the pooled rates (Gamma(d + w, E + 1/P)); 11 the same with rate E (improper); 12 = 10 without
/// parameter uncertainty. Runs only when `SF_EXP` is set, as `REPS,PATHS,variant,variant,…`; results in
/// Benchmarks/stockflow/coverage.md.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SF_EXP"] != nil)) struct StockFlowBiasExperiment {
    static func variant(_ p0: StockFlowPosterior, _ o: StockFlowObservations, _ v: Int) -> (StockFlowPosterior, Bool) {
        var p = p0
        let S = StockFlowStates.self
        let eps = 1e-3
        switch v {
        case 1: // truth
            let t = StockFlowSimulationStudy.knownRates, K = 1e9
            p.moveShape = t.moves.map { $0 * K }; p.moveRate = p.moveRate.map { _ in K }
            p.exitShape = t.exits.map { $0 * K }; p.exitRate = p.exitRate.map { _ in K }
            p.entryShape = t.entries.map { $0 * K }; p.entryRate = p.entryRate.map { _ in K }
            p.uascShape = t.uascEntries.map { $0 * K }; p.uascRate = p.uascRate.map { _ in K }
            p.entryPlacementAlpha = t.entryPlacement.map { $0 * K }
            p.entryAgeAlpha = t.entryAge.map { $0 * K }
            return (p, false)
        case 2: // current posterior means, no uncertainty
            return (p, false)
        case 3: // entrant rate prior removed
            p.entryShape = o.entrants.map { Double($0) + eps }
            p.uascShape = o.uascEntrants.map { Double($0) + eps }
        case 4: // placement dirichlet prior removed
            p.entryPlacementAlpha = o.entryPlacements.map { Double($0) + eps }
            p.entryAgeAlpha = o.entryAges.map { Double($0) + eps }
        case 5: // hazard priors removed
            for s in 0..<S.count { for to in 0..<S.groups where to != s % S.groups {
                let i = s * S.groups + to
                p.moveShape[i] = Double(o.moves[i]) + eps; p.moveRate[i] = max(o.exposure[s], 1) } }
            for s in 0..<S.count { for r in 0..<S.routes {
                let i = s * S.routes + r
                p.exitShape[i] = Double(o.exits[i]) + eps; p.exitRate[i] = max(o.exposure[s], 1) } }
        case 6: // all of 3,4
            p = variant(variant(p0, o, 3).0, o, 4).0
        case 7: // 3,4,5
            p = variant(variant(variant(p0, o, 3).0, o, 4).0, o, 5).0
        case 8:
            return (variant(p0, o, 7).0, false)
        case 9: // entrant prior removed only in ordinary, placement prior removed
            p = variant(variant(p0, o, 3).0, o, 4).0
            return (p, false)
        case 10, 11, 12:
            // posterior already has the entrant fix; hazards: one event per state at the pooled rates
            for s in 0..<S.count {
                var pooled: [Double] = [], idx: [(Bool, Int)] = []
                for to in 0..<S.groups where to != s % S.groups { let i = s * S.groups + to; pooled.append((p0.moveShape[i] - 0.5) >= 0 ? 0.5 / (p0.moveRate[i] - o.exposure[s]) : 0); idx.append((true, i)) }
                for r in 0..<S.routes { let i = s * S.routes + r; pooled.append(0.5 / (p0.exitRate[i] - o.exposure[s])); idx.append((false, i)) }
                let P = pooled.reduce(0, +)
                for (k, (isMove, i)) in idx.enumerated() {
                    let d = isMove ? Double(o.moves[i]) : Double(o.exits[i])
                    let shape = d + pooled[k] / P
                    let rate = v == 11 && o.exposure[s] > 0 ? o.exposure[s] : o.exposure[s] + 1 / P
                    if isMove { p.moveShape[i] = shape; p.moveRate[i] = rate } else { p.exitShape[i] = shape; p.exitRate[i] = rate }
                }
            }
            return (p, v != 12)
        default: break
        }
        return (p, true)
    }

    @Test func experiment() throws {
        guard let env = ProcessInfo.processInfo.environment["SF_EXP"] else { return }
        let parts = env.split(separator: ",").map { Int($0)! }
        let reps = parts[0], paths = parts[1]
        let variants = Array(parts[2...])
        let years = 5
        var rng = Xoshiro256StarStar(seed: 2024)
        var z = [[[Double]]](repeating: [[Double]](repeating: [], count: years), count: 13)
        var bias = [[[Double]]](repeating: [[Double]](repeating: [], count: years), count: 13)
        var out = ""
        for rep in 0..<reps {
            let h = try StockFlowSimulationStudy.history(rates: StockFlowSimulationStudy.knownRates, burnIn: 240, window: 36, horizon: 12 * years, rng: &rng)
            let post0 = try StockFlowPosterior(h.observations)
            for v in variants {
                let (p, unc) = Self.variant(post0, h.observations, v)
                let spec = StockFlowProjectionSpec(horizonMonths: 12 * years, paths: paths, seed: 2024 &+ UInt64(rep), threads: 2, parameterUncertainty: unc)
                let full = try StockFlowProjection.run(p, spec: spec)
                for y in 1...years {
                    let total = Double(h.future[12 * y - 1].reduce(0, +))
                    let s = full.summary(.total, month: 12 * y)
                    let vals = full.values(.total, month: 12 * y)
                    let sd = (vals.reduce(0) { $0 + ($1 - s.mean) * ($1 - s.mean) } / Double(vals.count - 1)).squareRoot()
                    if sd > 0 { z[v][y - 1].append((total - s.mean) / sd) }
                    bias[v][y - 1].append(s.mean - total)
                }
            }
        }
        func mean(_ a: [Double]) -> Double { a.reduce(0, +) / Double(max(a.count, 1)) }
        for v in variants {
            out += "variant \(v): meanZ " + z[v].map { String(format: "%.3f", mean($0)) }.joined(separator: " ")
            out += " | mean(proj-truth) " + bias[v].map { String(format: "%.2f", mean($0)) }.joined(separator: " ") + "\n"
        }
        let path = ProcessInfo.processInfo.environment["SF_EXP_OUT"] ?? "stockflow-bias-\(env).txt"
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
