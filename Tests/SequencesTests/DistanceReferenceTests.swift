import Foundation
import Testing
@testable import Sequences

/// Distances on the first 100 `mvad` sequences against sequenzo 0.1.42 (TraMineR's semantics), full 100 × 100
/// matrices from Fixtures/make_mvad_fixtures.py. Tolerance: 1e-9 absolute per entry (distances are up to ~300;
/// the only differences are the order of floating-point additions).
@Suite struct DistanceReferenceTests {
    static let cases: [(String, DistanceMethod)] = [
        ("om_const2_indel1", .optimalMatching(substitution: .constant(2), indel: .value(1))),
        ("om_const2_indel1.5", .optimalMatching(substitution: .constant(2), indel: .value(1.5))),
        ("om_trate_indelauto", .optimalMatching(substitution: .transitionRates, indel: .auto)),
        ("om_trate_indel1", .optimalMatching(substitution: .transitionRates, indel: .value(1))),
        ("ham", .hamming(substitution: .constant(1))),
        ("dhd", .dynamicHamming),
        ("lcs", .longestCommonSubsequence),
    ]

    @Test(arguments: 0..<7)
    func matchesSequenzo(_ c: Int) throws {
        let (name, method) = Self.cases[c]
        let data = try MVADFixture.sequences()
        #expect(data.count == 100 && data.maxLength == 72)
        let reference = try MVADFixture.matrix(name)
        let d = try SequenceDistances.compute(data, method: method).matrix
        #expect(d.uniqueCount == 96)   // sequenzo: "Identified 96 unique sequences"
        var worst = 0.0
        for i in 0..<100 { for j in 0..<100 { worst = max(worst, abs(d[i, j] - reference[i][j])) } }
        #expect(worst < 1e-9, "\(name): max |Swift − sequenzo| = \(worst)")
    }

    /// TraMineR's indel = "auto" is half the largest substitution cost (sequenzo: 0.99948665297741 on these data).
    @Test func autoIndelIsHalfTheLargestCost() throws {
        let data = try MVADFixture.sequences()
        let r = try SequenceDistances.compute(data, method: .optimalMatching(substitution: .transitionRates, indel: .auto)).resolved
        #expect(abs((r.indel ?? 0) - 0.9994866529774127) < 1e-12)
    }
}
