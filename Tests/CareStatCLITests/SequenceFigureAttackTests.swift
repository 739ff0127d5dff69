import Foundation
import Reporting
import Sequences
import Testing
import ModelSpecs

/// Attacks on the figures of `carestat sequences plot` (issue 12 point 5): for each figure, two data sets that
/// differ only in what disclosure control withholds (a small count, or the content of a rare sequence) must give
/// byte-identical SVGs and identical published tables under the default policy (threshold 10) — so nothing withheld
/// can be recovered from the figure or the table beside it, by reading or by differencing. Each test also checks
/// that the two data sets do differ when disclosure control is off (the attack would succeed without the gate).
@Suite struct SequenceFigureAttackTests {
    static let alphabet = try! Alphabet(["x", "y", "z"])
    static let palette = StatePalette.defaultPalette(for: alphabet)

    static func sequences(_ rows: [[Int]]) throws -> StateSequences {
        try StateSequences(alphabet: alphabet, ids: rows.indices.map { "p\($0)" }, states: rows)
    }

    static func repeated(_ s: [Int], _ n: Int) -> [[Int]] { Array(repeating: s, count: n) }

    /// The figure and the tables (CSV) as published.
    static func published(_ build: (inout RunOutput) throws -> Void, policy: DisclosurePolicy = DisclosurePolicy()) throws
        -> (svg: String, tables: String) {
        var run = RunOutput(population: "test")
        try build(&run)
        let p = try DisclosureGate(policy: policy).publish(run)
        return (p.figures[0].svg, p.tables.map { $0.table.render(as: .csv) }.joined(separator: "\n"))
    }

    static func expectSafe(_ a: (inout RunOutput) throws -> Void, _ b: (inout RunOutput) throws -> Void) throws {
        let pa = try published(a), pb = try published(b)
        #expect(pa.svg == pb.svg, "the SVG reveals what the gate withholds")
        #expect(pa.tables == pb.tables, "the table reveals what the gate withholds")
        let ua = try published(a, policy: .disabled), ub = try published(b, policy: .disabled)
        #expect(ua.svg != ub.svg, "the two data sets should differ without disclosure control")
    }

    /// At position 0: 20 x, 5 y, 5 z against 20 x, 4 y, 6 z; the y and z shares are withheld, the grey rest is the same.
    @Test func stateDistributionHidesSmallShares() throws {
        let a = try Self.sequences(Self.repeated([0, 0], 20) + Self.repeated([1, 0], 5) + Self.repeated([2, 0], 5))
        let b = try Self.sequences(Self.repeated([0, 0], 20) + Self.repeated([1, 0], 4) + Self.repeated([2, 0], 6))
        try Self.expectSafe({ SequenceFigureRuns.stateDistribution(a, palette: Self.palette, unit: "month", groups: nil, into: &$0) },
                            { SequenceFigureRuns.stateDistribution(b, palette: Self.palette, unit: "month", groups: nil, into: &$0) })
    }

    /// Per-cluster panels: a cluster of 4 (and the cluster that would reveal it) is withheld whatever its states.
    @Test func stateDistributionPerClusterHidesSmallClusters() throws {
        let rows = Self.repeated([0, 0], 20) + Self.repeated([1, 1], 15)
        let a = try Self.sequences(rows + Self.repeated([2, 2], 4)), b = try Self.sequences(rows + Self.repeated([2, 1], 4))
        let groups = (labels: ["Cluster 1", "Cluster 2", "Cluster 3"], of: [Int](repeating: 0, count: 20) + [Int](repeating: 1, count: 15) + [2, 2, 2, 2])
        try Self.expectSafe({ SequenceFigureRuns.stateDistribution(a, palette: Self.palette, unit: "month", groups: groups, into: &$0) },
                            { SequenceFigureRuns.stateDistribution(b, palette: Self.palette, unit: "month", groups: groups, into: &$0) })
    }

    /// A sequence held by 3 people is neither drawn nor named, whatever it is.
    @Test func frequencyPlotHidesRareSequences() throws {
        let common = Self.repeated([0, 0, 0], 12) + Self.repeated([2, 2, 2], 15)
        let a = try Self.sequences(common + Self.repeated([1, 2, 1], 3)), b = try Self.sequences(common + Self.repeated([2, 1, 1], 3))
        try Self.expectSafe({ SequenceFigureRuns.frequency(a, palette: Self.palette, unit: "month", top: 10, into: &$0) },
                            { SequenceFigureRuns.frequency(b, palette: Self.palette, unit: "month", top: 10, into: &$0) })
        let p = try Self.published { SequenceFigureRuns.frequency(a, palette: Self.palette, unit: "month", top: 10, into: &$0) }
        #expect(!p.tables.contains("y (1)"))
    }

    /// The medoid of a cluster of 4 is not drawn or described (nor is the cluster whose size would reveal it).
    @Test func medoidPlotHidesSmallClusters() throws {
        let data = try Self.sequences(Self.repeated([0, 0], 39))
        func rows(_ small: [Int]) -> [(label: String, states: [Int], size: Int)] {
            [("Cluster 1", [0, 0], 20), ("Cluster 2", [1, 1], 15), ("Cluster 3", small, 4)]
        }
        try Self.expectSafe({ SequenceFigureRuns.representatives(data, palette: Self.palette, unit: "month", rows: rows([2, 2]),
                                                                 name: "medoids", title: "m", proportional: false, into: &$0) },
                            { SequenceFigureRuns.representatives(data, palette: Self.palette, unit: "month", rows: rows([2, 1]),
                                                                 name: "medoids", title: "m", proportional: false, into: &$0) })
    }

    /// One person's unusual sequence does not show in the smoothed index plot: groups of 10 drawn by modal state.
    @Test func smoothedIndexPlotHidesIndividuals() throws {
        let a = try Self.sequences(Self.repeated([0, 0, 0], 20))
        let b = try Self.sequences(Self.repeated([0, 0, 0], 19) + [[0, 1, 2]])
        func build(_ d: StateSequences) -> (inout RunOutput) throws -> Void {
            { run in
                let rows = SequenceDescriptives.smoothedGroups(d, size: 10).enumerated().map {
                    (label: "Group \($0 + 1)", states: $1.states, size: $1.members.count)
                }
                SequenceFigureRuns.representatives(d, palette: Self.palette, unit: "month", rows: rows, name: "index", title: "i",
                                                   proportional: true, into: &run)
            }
        }
        let pa = try Self.published(build(a)), pb = try Self.published(build(b))
        #expect(pa.svg == pb.svg && pa.tables == pb.tables)
    }

    /// Flows x→y and y→x of 4 against 3 (x→x and y→y 20 against 21): the margins (24, 24, 48) are the same and
    /// shown; every flow is withheld (the small ones, and the large ones that would reveal them), in the figure too.
    @Test func pathwayFlowHidesSmallFlowsAndProtectsTotals() throws {
        func data(_ big: Int, _ small: Int) throws -> StateSequences {
            try Self.sequences(Self.repeated([0, 0], big) + Self.repeated([0, 1], small) + Self.repeated([1, 0], small)
                               + Self.repeated([1, 1], big))
        }
        let a = try data(20, 4), b = try data(21, 3)
        try Self.expectSafe({ try SequenceFigureRuns.pathwayFlow(a, palette: Self.palette, stages: [0, 1], labels: ["a", "b"], into: &$0) },
                            { try SequenceFigureRuns.pathwayFlow(b, palette: Self.palette, stages: [0, 1], labels: ["a", "b"], into: &$0) })
        let p = try Self.published { try SequenceFigureRuns.pathwayFlow(a, palette: Self.palette, stages: [0, 1], labels: ["a", "b"], into: &$0) }
        #expect(p.tables.contains("24") && !p.tables.contains(",20\n") && !p.tables.contains(",4\n"))
    }

    /// Three stages: a node of the middle stage is the column total of the first grid and the row total of the
    /// second; whatever either grid withholds, the other must withhold too, or the two tables of one diagram could be
    /// played against each other. Checked on 300 seeded random data sets with small flows.
    @Test func pathwayFlowTiesStagesTogether() throws {
        var state: UInt64 = 20_261_207
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var secondaryNodes = 0
        for _ in 0..<300 {
            var rows: [[Int]] = []
            for _ in 0..<(20 + next(60)) {
                let a = next(3), b = next(4) == 0 ? next(3) : a, c = next(5) == 0 ? next(3) : b
                rows.append([a, b, c])
            }
            var run = RunOutput(population: "t")
            try SequenceFigureRuns.pathwayFlow(try Self.sequences(rows), palette: Self.palette, stages: [0, 1, 2],
                                               labels: ["a", "b", "c"], into: &run)
            let decisions = DisclosureGate(policy: DisclosurePolicy()).decide(run.ledger)
            let g = run.ledger.grids
            for j in 0..<3 {
                let first = decisions.published(g[0].columnTotals[j]), second = decisions.published(g[1].rowTotals[j])
                #expect(first.isSuppressed == second.isSuppressed)
                if first == .suppressed(.secondary) || second == .suppressed(.secondary) { secondaryNodes += 1 }
            }
        }
        #expect(secondaryNodes > 0)   // the data sets exercise secondary suppression of nodes
    }
}
