import Foundation
import Testing
@testable import ModelSpecs
import Reporting
import Sequences

/// The care-pathways spec's outputs on a hand-made partition (115 histories in six clusters of 40, 30, 20, 12, 8 and 5):
/// every table that shows the cluster sizes withholds the same ones (the figures' tables are tied to the clusters
/// table), and the published comparison's shares are the clusters' shares by rank of size.
@Suite struct CarePathwaysTests {
    static let sizes = [40, 30, 20, 12, 8, 5]

    static func result() throws -> CarePathwaysAnalysis.Result {
        let alphabet = try Alphabet(["home", "foster", "left_care"])
        var states: [[Int]] = [], assignment: [Int] = [], medoids: [Int] = []
        for (c, n) in sizes.enumerated() {
            medoids.append(states.count)
            for i in 0..<n { states.append([0, 1, c % 3, (c + i) % 3] + Array(repeating: 2, count: c)); assignment.append(c + 1) }
        }
        let data = try StateSequences(alphabet: alphabet, ids: states.indices.map { "la:\($0)" }, states: states)
        return CarePathwaysAnalysis.Result(histories: CareHistories(sequences: data, censorDate: nil), indel: 1,
                                           assignment: assignment, medoids: medoids, sizes: sizes, objective: 1,
                                           wardSizes: sizes, wardObjective: 1)
    }

    static func column(_ t: Table, _ key: String) throws -> [Any] {
        let object = try JSONSerialization.jsonObject(with: Data(t.render(as: .json).utf8)) as? [String: Any]
        return (object?["rows"] as? [[String: Any]] ?? []).prefix(6).map { $0[key] ?? NSNull() }
    }

    @Test func everyTableWithholdsTheSameClusterSizes() throws {
        let analysis = CarePathwaysAnalysis(flowAges: [])
        var run = RunOutput(population: "test")
        let counts = try analysis.add(try Self.result(), to: &run)
        let published = try DisclosureGate(policy: DisclosurePolicy()).publish(run)
        func sizes(_ name: String) throws -> [Int?] {
            try Self.column(try #require(published.tables.first { $0.name == name }).table, "n").map { $0 as? Int }
        }
        let clusters = try sizes("care-pathway-clusters")
        #expect(clusters[0] == 40 && clusters[5] == nil && clusters[4] == nil)   // 8 and 5 withheld
        #expect(try sizes("distribution-plot") == clusters)
        #expect(try sizes("medoids-plot") == clusters)
        // Share of the largest cluster, by rank of size.
        let r = try Self.result().reproduce(.clusterShare(rank: 1, group: "x"), counts: counts)
        #expect(abs((r?.estimate ?? 0) - 100 * 40.0 / 115.0) < 1e-12)
        #expect(try Self.result().reproduce(.clusterShare(rank: 7, group: "x"), counts: counts) == nil)
    }
}
