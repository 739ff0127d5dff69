import Foundation
import Testing
@testable import Sequences

/// Ward (ward.D2) on the `mvad` fixture against scipy 1.16.3's `linkage(method = "ward")` (= R's hclust ward.D2)
/// on sequenzo's distance matrices (Fixtures/make_mvad_fixtures.py → ward.json): all 99 merge heights to 1e-9
/// relative, and the cluster sizes at k = 4 and 6 identical (sizes, not labels: tied heights may merge in another
/// order).
@Suite struct WardReferenceTests {
    struct Entry: Decodable { let heights: [Double]; let sizes_k4: [Int]; let sizes_k6: [Int] }

    @Test(arguments: ["om_const2_indel1", "om_trate_indelauto"])
    func heightsAndSizesMatchScipy(_ name: String) throws {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: MVADFixture.directory.appendingPathComponent("ward.json"))) as? [String: Any]
        let entry = try JSONDecoder().decode(Entry.self, from: JSONSerialization.data(withJSONObject: try #require(all?[name])))
        let method: DistanceMethod = name == "om_const2_indel1"
            ? .optimalMatching(substitution: .constant(2), indel: .value(1))
            : .optimalMatching(substitution: .transitionRates, indel: .auto)
        let d = try SequenceDistances.compute(try MVADFixture.sequences(), method: method).matrix
        let tree = WardTree.fit(d)
        #expect(tree.merges.count == 99)
        var worst = 0.0
        for (h, r) in zip(tree.merges.map(\.height), entry.heights) { worst = max(worst, abs(h - r) / max(1, r)) }
        #expect(worst < 1e-9)
        for (k, sizes) in [(4, entry.sizes_k4), (6, entry.sizes_k6)] {
            let labels = try tree.cut(k)
            let counts = (1...k).map { c in labels.filter { $0 == c }.count }.sorted(by: >)
            #expect(counts == sizes)
        }
        #expect(tree.merges.last?.size == 100)
    }

    /// Hand example: points 0, 1, 2, 10, 11 on a line. ward.D2 heights: {0,1} and {10,11} at 1; then {0,1}+{2}:
    /// √(2·(2² + 1²) − 1)/3)·… computed from the Lance–Williams update: d²(2, {0,1}) = (2·4 + 2·1 − 1)/3 = 3, height √3.
    @Test func handExample() throws {
        let x: [Double] = [0, 1, 2, 10, 11]
        var condensed: [Double] = []
        for i in 0..<5 { for j in (i + 1)..<5 { condensed.append(abs(x[i] - x[j])) } }
        let tree = WardTree.fit(DistanceMatrix(uniqueIndex: Array(0..<5), uniqueCount: 5, condensed: condensed))
        #expect(tree.merges.map(\.size) == [2, 2, 3, 5])
        #expect(abs(tree.merges[0].height - 1) < 1e-12 && abs(tree.merges[1].height - 1) < 1e-12)
        #expect(abs(tree.merges[2].height - 3.0.squareRoot()) < 1e-12)
        #expect(try tree.cut(2) == [1, 1, 1, 2, 2])
        // Medoids of the cut: {0, 1, 2} → x = 1 (total 2); {10, 11} tie (1 each) → the lower row; objective 1 + 1 + 1.
        let m = try KMedoids.medoids(DistanceMatrix(uniqueIndex: Array(0..<5), uniqueCount: 5, condensed: condensed), assignment: try tree.cut(2))
        #expect(m.medoids == [1, 3])
        #expect(abs(m.objective - 3) < 1e-12)
        // ward.D (R's older variant): the update on unsquared distances, d(2, {0,1}) = (2·2 + 2·1 − 1)/3 = 5/3.
        let d = DistanceMatrix(uniqueIndex: Array(0..<5), uniqueCount: 5, condensed: condensed)
        let old = WardTree.fit(d, variant: .wardD)
        #expect(abs(old.merges[2].height - 5.0 / 3) < 1e-12)
    }
}
