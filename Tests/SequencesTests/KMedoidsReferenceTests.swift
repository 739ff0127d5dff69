import Testing
@testable import Sequences

/// PAM on the `mvad` fixture against sequenzo 0.1.42's KMedoids (WeightedCluster's PAMonce, BUILD start) on the
/// OM(sub 2, indel 1) matrix, unweighted and with mvad's weights (Fixtures/make_mvad_fixtures.py → pam.json).
/// Medoids identical; objective to 1e-9 relative.
@Suite struct KMedoidsReferenceTests {
    @Test(arguments: [(4, false), (6, false), (4, true), (6, true)])
    func medoidsAndObjectiveMatchSequenzo(_ k: Int, _ weighted: Bool) throws {
        let data = try MVADFixture.sequences(weighted: weighted)
        let reference = try #require(try MVADFixture.pam()["k\(k)_\(weighted ? "weighted" : "unweighted")"])
        let d = try SequenceDistances.compute(data, method: .optimalMatching(substitution: .constant(2), indel: .value(1))).matrix
        let fit = try KMedoids.fit(d, k: k, weights: weighted ? data.weights : nil)
        #expect(fit.medoids.map { $0 + 1 } == reference.medoids)
        #expect(abs(fit.objective - reference.objective) < 1e-9 * reference.objective)
    }

    /// Hand example: two tight groups on a line {0, 1, 2} and {10, 11}. BUILD: first x = 2 (total distance 20), then
    /// x = 10 and x = 11 both gain 16: the tie goes to the last row (x = 11); SWAP 2 → 1 lowers the objective 4 → 3;
    /// 11 → 10 would not lower it, so medoids are rows 1 and 4, objective 3. Silhouettes by hand below.
    @Test func twoGroupsOnALine() throws {
        let x: [Double] = [0, 1, 2, 10, 11]
        var condensed: [Double] = []
        for i in 0..<5 { for j in (i + 1)..<5 { condensed.append(abs(x[i] - x[j])) } }
        let d = DistanceMatrix(uniqueIndex: Array(0..<5), uniqueCount: 5, condensed: condensed)
        let fit = try KMedoids.fit(d, k: 2)
        #expect(fit.medoids == [1, 4])
        #expect(fit.swaps == 1)
        #expect(fit.assignment == [1, 1, 1, 2, 2])
        #expect(abs(fit.objective - 3) < 1e-12)
        // s: point 0: a = 1.5, b = 10.5 → 0.857142…; 1: a = 1, b = 9.5 → 0.894736…; 2: a = 1.5, b = 8.5 → 0.823529…;
        // 3: a = 1, b = 9 → 0.888888…; 4: a = 1, b = 10 → 0.9.
        let expected = (9.0 / 10.5 + 8.5 / 9.5 + 7.0 / 8.5 + 8.0 / 9.0 + 0.9) / 5
        let asw = try #require(ClusterQuality.averageSilhouetteWidth(d, assignment: fit.assignment))
        #expect(abs(asw - expected) < 1e-12)
        #expect(throws: SequenceError.badClusterCount(k: 6, n: 5)) { try KMedoids.fit(d, k: 6) }
    }
}
