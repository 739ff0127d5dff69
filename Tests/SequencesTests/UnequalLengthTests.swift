import Foundation
import Testing
@testable import Sequences

/// Unequal lengths (TraMineR's void: a sequence simply ends) against an independent plain Python programme,
/// Fixtures/make_unequal_fixtures.py (30 sequences, lengths 10–40): OM(sub 2, indel 1.5) by the general kernel
/// (sub 2 < 2 × indel 1.5, so the general programme runs) and LCS by the bit-parallel kernel. Tolerance 1e-9.
@Suite struct UnequalLengthTests {
    @Test(arguments: [("om_const2_indel1.5", DistanceMethod.optimalMatching(substitution: .constant(2), indel: .value(1.5))),
                      ("lcs", DistanceMethod.longestCommonSubsequence)])
    func matchesPlainProgramme(_ name: String, _ method: DistanceMethod) throws {
        var ids: [String] = [], times: [Int] = [], states: [String] = []
        for line in try MVADFixture.lines("unequal_long.csv").dropFirst() {
            let f = line.split(separator: ",")
            ids.append(String(f[0])); times.append(Int(f[1])!); states.append(String(f[2]))
        }
        let data = try StateSequences.fromLong(ids: ids, times: times, states: states)
        #expect(data.count == 30 && Set(data.lengths).count > 1)
        let reference = try MVADFixture.matrix("unequal_\(name)")
        let d = try SequenceDistances.compute(data, method: method).matrix
        var worst = 0.0
        for i in 0..<30 { for j in 0..<30 { worst = max(worst, abs(d[i, j] - reference[i][j])) } }
        #expect(worst < 1e-9)
    }
}
