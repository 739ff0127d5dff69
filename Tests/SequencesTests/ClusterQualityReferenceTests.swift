import Foundation
import Testing
@testable import Sequences

/// Quality of the PAM partitions of the `mvad` fixture against WeightedCluster's indicators as sequenzo 0.1.42's
/// compute_partition_quality computes them (Fixtures/make_mvad_fixtures.py → quality.json; the partition is each
/// row's nearest medoid, ties to the lowest medoid row). Tolerance 1e-9 absolute.
@Suite struct ClusterQualityReferenceTests {
    struct Q: Decodable { let ASW: Double; let ASWw: Double; let PBC: Double; let HC: Double }

    @Test(arguments: [(4, false), (6, false), (4, true), (6, true)])
    func matchesWeightedCluster(_ k: Int, _ weighted: Bool) throws {
        let all = try JSONDecoder().decode([String: Q].self, from: Data(contentsOf: MVADFixture.directory.appendingPathComponent("quality.json")))
        let q = try #require(all["k\(k)_\(weighted ? "weighted" : "unweighted")"])
        let data = try MVADFixture.sequences(weighted: weighted)
        let d = try SequenceDistances.compute(data, method: .optimalMatching(substitution: .constant(2), indel: .value(1))).matrix
        let w = weighted ? data.weights : nil
        let fit = try KMedoids.fit(d, k: k, weights: w)
        let asw = try #require(ClusterQuality.averageSilhouetteWidth(d, assignment: fit.assignment, weights: w))
        let pbc = try #require(ClusterQuality.pointBiserialCorrelation(d, assignment: fit.assignment, weights: w))
        let hc = try #require(ClusterQuality.hubertC(d, assignment: fit.assignment, weights: w))
        #expect(abs(asw - q.ASW) < 1e-9, "ASW \(asw) vs \(q.ASW) (ASWw \(q.ASWw))")
        #expect(abs(pbc - q.PBC) < 1e-9, "PBC \(pbc) vs \(q.PBC)")
        #expect(abs(hc - q.HC) < 1e-9, "HC \(hc) vs \(q.HC)")
    }
}
