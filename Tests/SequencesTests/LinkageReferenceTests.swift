import Foundation
import Testing
@testable import Sequences

/// Average and complete linkage on the `mvad` fixture against scipy's `linkage(method = "average" | "complete")`
/// (= R's hclust) on sequenzo's distance matrices (Fixtures/make_engine_fixtures.py → linkage.json): all 99 merge
/// heights to 1e-9 relative, and the cluster sizes at k = 4 and 6 identical (sizes, not labels: tied heights may be
/// merged in another order).
@Suite struct LinkageReferenceTests {
    struct Entry: Decodable { let heights: [Double]; let sizes_k4: [Int]; let sizes_k6: [Int] }

    @Test(arguments: ["om_const2_indel1.5", "om_trate_indelauto"], ["average", "complete"])
    func heightsAndSizesMatchScipy(_ name: String, _ linkage: String) throws {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: MVADFixture.directory.appendingPathComponent("linkage.json"))) as? [String: Any]
        let entry = try JSONDecoder().decode(Entry.self, from: JSONSerialization.data(withJSONObject: try #require(all?["\(name)_\(linkage)"])))
        let method: DistanceMethod = name == "om_const2_indel1.5"
            ? .optimalMatching(substitution: .constant(2), indel: .value(1.5))
            : .optimalMatching(substitution: .transitionRates, indel: .auto)
        let d = try SequenceDistances.compute(try MVADFixture.sequences(), method: method).matrix
        let tree = WardTree.fit(d, variant: linkage == "average" ? .average : .complete)
        #expect(tree.merges.count == 99)
        var worst = 0.0
        for (h, r) in zip(tree.merges.map(\.height), entry.heights) { worst = max(worst, abs(h - r) / max(1, r)) }
        #expect(worst < 1e-9)
        for (k, sizes) in [(4, entry.sizes_k4), (6, entry.sizes_k6)] {
            let labels = try tree.cut(k)
            #expect((1...k).map { c in labels.filter { $0 == c }.count }.sorted(by: >) == sizes)
        }
    }

    /// Hand example: points 0, 1, 2, 10, 11 on a line. Average: {0,1} and {10,11} at 1, {0,1}+{2} at (2 + 1)/2 = 1.5,
    /// the last at the mean of the 6 cross distances (10+11+9+10+8+9)/6 = 9.5. Complete: 1, 1, 2, 11.
    @Test func handExample() {
        let x: [Double] = [0, 1, 2, 10, 11]
        var condensed: [Double] = []
        for i in 0..<5 { for j in (i + 1)..<5 { condensed.append(abs(x[i] - x[j])) } }
        let d = DistanceMatrix(uniqueIndex: Array(0..<5), uniqueCount: 5, condensed: condensed)
        for (variant, heights) in [(WardTree.Variant.average, [1.0, 1, 1.5, 9.5]), (.complete, [1.0, 1, 2, 11])] {
            let h = WardTree.fit(d, variant: variant).merges.map(\.height)
            #expect(zip(h, heights).allSatisfy { abs($0 - $1) < 1e-12 }, "\(variant): \(h)")
        }
    }
}

/// FasterPAM and CLARA against PAM on the `mvad` fixture's OM(sub 2, indel 1) matrix (PAM itself matches sequenzo's
/// PAMonce: KMedoidsReferenceTests).
@Suite struct FasterPAMAndCLARATests {
    /// FasterPAM from BUILD reaches an objective no worse than PAM's (1e-9 relative), and its result is swap-stable:
    /// PAM's swap started from FasterPAM's medoids applies no swap.
    @Test(arguments: [(4, false), (6, false), (4, true), (6, true), (10, false)])
    func fasterPAMAtLeastAsGoodAsPAM(_ k: Int, _ weighted: Bool) throws {
        let data = try MVADFixture.sequences(weighted: weighted)
        let d = try SequenceDistances.compute(data, method: .optimalMatching(substitution: .constant(2), indel: .value(1))).matrix
        let w = weighted ? data.weights : nil
        let pam = try KMedoids.fit(d, k: k, weights: w)
        let fast = try FasterPAM.fit(d, k: k, weights: w)
        #expect(fast.objective <= pam.objective * (1 + 1e-9), "k \(k): FasterPAM \(fast.objective), PAM \(pam.objective)")
        let polish = try KMedoids.fit(d, k: k, weights: w, initial: fast.medoids)
        #expect(polish.swaps == 0)
        // From Ward's cluster medoids, too.
        let ward = try KMedoids.medoids(d, assignment: try WardTree.fit(d).cut(k))
        let fromWard = try FasterPAM.fit(d, k: k, weights: w, initial: ward.medoids)
        #expect(try KMedoids.fit(d, k: k, weights: w, initial: fromWard.medoids).swaps == 0)
    }

    /// With one sample of all rows CLARA is PAM (same medoids, same objective); with small samples its reported
    /// objective is the full-data objective of its medoids (recomputed here from the full matrix), the best sample's
    /// is the least of the samples', and the same seed gives the same result.
    @Test func claraSemantics() throws {
        let data = try MVADFixture.sequences(weighted: true)
        let method = DistanceMethod.optimalMatching(substitution: .constant(2), indel: .value(1))
        let engine = try DistanceEngine(data, method: method)
        let d = engine.condensed()
        let pam = try KMedoids.fit(d, k: 4, weights: data.weights)
        let all = try CLARA.fit(engine, k: 4, weights: data.weights, samples: 1, sampleSize: 100, seed: 3)
        #expect(all.fit.medoids == pam.medoids)
        #expect(abs(all.fit.objective - pam.objective) < 1e-9 * pam.objective)

        let small = try CLARA.fit(engine, k: 4, weights: data.weights, samples: 8, sampleSize: 20, seed: 42)
        var full = 0.0
        for i in 0..<100 { full += data.weights[i] * small.fit.medoids.map { d[i, $0] }.min()! }
        #expect(abs(small.fit.objective - full) < 1e-9 * full)
        #expect(abs(small.objectives.min()! - small.fit.objective) < 1e-9 * full)
        #expect(abs(small.objectives[small.bestSample - 1] - small.fit.objective) < 1e-9 * full)
        let again = try CLARA.fit(engine, k: 4, weights: data.weights, samples: 8, sampleSize: 20, seed: 42)
        #expect(again.fit.medoids == small.fit.medoids && again.fit.assignment == small.fit.assignment)
        #expect(throws: SequenceError.self) { try CLARA.fit(engine, k: 4, samples: 0) }
    }
}
