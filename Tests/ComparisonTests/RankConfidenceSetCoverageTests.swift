@testable import Comparison
import Sampling
import Testing

/// Simultaneous rank confidence sets (Mogstad, Romano, Shaikh & Wilhelm 2023) cover all true ranks at once with
/// probability ≥ the nominal 95%: checked by simulation with known true values (seeded, so the test is
/// deterministic). 200 replications of 12 units: the Monte Carlo SE of a 95% coverage is 1.5 points, and the slack
/// allowed is 5 points (coverage ≥ 0.90). The sets are conservative by construction (the projection method), so the
/// observed coverage is typically near 1.
@Suite struct RankConfidenceSetCoverageTests {
    @Test func simultaneousCoverageOfKnownRanks() throws {
        let theta: [Double] = [0, 0.1, 0.25, 0.5, 0.6, 1.0, 1.1, 1.5, 2.0, 2.05, 3.0, 3.5]
        let se: [Double] = [0.2, 0.3, 0.25, 0.2, 0.4, 0.3, 0.2, 0.25, 0.3, 0.2, 0.5, 0.3]
        // True ranks, 1 = largest.
        let order = theta.indices.sorted { theta[$0] > theta[$1] }
        var trueRank = [Int](repeating: 0, count: theta.count)
        for (r, j) in order.enumerated() { trueRank[j] = r + 1 }
        var rng = Xoshiro256StarStar(seed: 7)
        var covered = 0
        let replications = 200
        for rep in 0..<replications {
            let x = theta.indices.map { theta[$0] + se[$0] * (try! rng.normal()) }
            let sets = try RankConfidenceSets(draws: 400, seed: UInt64(1000 + rep)).compute(estimates: x, standardErrors: se)
            if sets.indices.allSatisfy({ sets[$0].lower <= trueRank[$0] && trueRank[$0] <= sets[$0].upper }) { covered += 1 }
        }
        let coverage = Double(covered) / Double(replications)
        #expect(coverage >= 0.90, "simultaneous coverage \(coverage)")
    }

    /// Well-separated estimates are ranked exactly; identical ones get the whole range of their tie.
    @Test func separatedAndTiedUnits() throws {
        let sets = try RankConfidenceSets().compute(estimates: [10, 0, 5], standardErrors: [0.1, 0.1, 0.1])
        #expect(sets.map(\.lower) == [1, 3, 2] && sets.map(\.upper) == [1, 3, 2])
        let tied = try RankConfidenceSets().compute(estimates: [1, 1, 1], standardErrors: [0.5, 0.5, 0.5])
        #expect(tied.allSatisfy { $0.lower == 1 && $0.upper == 3 })
    }

    /// The stepdown can only narrow the single-step sets.
    @Test func stepdownIsNoWiderThanSingleStep() throws {
        let x: [Double] = [0, 0.4, 0.8, 1.2, 1.6, 2.0, 2.4]
        let s = [Double](repeating: 0.2, count: x.count)
        let step = try RankConfidenceSets(stepdown: true).compute(estimates: x, standardErrors: s)
        let single = try RankConfidenceSets(stepdown: false).compute(estimates: x, standardErrors: s)
        for (a, b) in zip(step, single) { #expect(a.lower >= b.lower && a.upper <= b.upper) }
    }

    @Test func simulatedRankIntervalsAreSeeded() throws {
        let a = try SimulatedRanks(seed: 3).compute(modes: [0, 1, 2], sds: [0.01, 0.01, 0.01])
        #expect(a.map(\.median) == [3, 2, 1])
        let b = try SimulatedRanks(seed: 3).compute(modes: [0, 0.1, 2], sds: [1, 1, 0.01])
        let c = try SimulatedRanks(seed: 3).compute(modes: [0, 0.1, 2], sds: [1, 1, 0.01])
        #expect(b.map(\.low) == c.map(\.low) && b.map(\.high) == c.map(\.high))
        #expect(b[0].low == 2 && b[0].high == 3)
    }

    @Test func tooManyUnitsIsRefused() {
        let n = RankConfidenceSets.maximumUnits + 1
        #expect(throws: RankError.tooManyUnits(n, RankConfidenceSets.maximumUnits)) {
            try RankConfidenceSets().compute(estimates: (0..<n).map(Double.init), standardErrors: Array(repeating: 1, count: n))
        }
    }
}
