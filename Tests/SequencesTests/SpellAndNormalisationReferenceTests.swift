import Foundation
import Testing
@testable import Sequences

/// OMspell, TraMineR's normalisations and a user substitution matrix on the `mvad` fixture (first 100 sequences)
/// against sequenzo 0.1.42's get_distance_matrix (Fixtures/make_engine_fixtures.py → dist_engine_*.csv). Tolerance
/// 1e-9 absolute (distances up to ~300, normalised ones ≤ 1; only the order of floating-point additions differs).
@Suite struct SpellAndNormalisationReferenceTests {
    static func user() throws -> SubstitutionCosts {
        let text = try String(contentsOf: MVADFixture.directory.appendingPathComponent("sub_user.csv"), encoding: .utf8)
        return try SubstitutionCosts.fromCSV(text, alphabet: try MVADFixture.sequences().alphabet, source: "sub_user.csv")
    }

    static func cases() throws -> [(String, DistanceMethod, DistanceNormalisation)] {
        let om15 = DistanceMethod.optimalMatching(substitution: .constant(2), indel: .value(1.5))
        return [
            ("omspell_const2_indel1", .optimalMatchingOfSpells(substitution: .constant(2), indel: .value(1), expcost: 0.5, tpow: 1), .none),
            ("omspell_trate_auto_exp1_tpow0.5", .optimalMatchingOfSpells(substitution: .transitionRates, indel: .auto, expcost: 1, tpow: 0.5), .none),
            ("omspell_const2_indel1_yujianbo", .optimalMatchingOfSpells(substitution: .constant(2), indel: .value(1), expcost: 0.5, tpow: 1), .auto),
            ("om_const2_indel1.5_maxlength", om15, .maxLength),
            ("om_const2_indel1.5_gmean", om15, .gmean),
            ("om_const2_indel1.5_maxdist", om15, .maxDist),
            ("om_const2_indel1.5_YujianBo", om15, .yujianBo),
            ("om_trate_auto_maxlength", .optimalMatching(substitution: .transitionRates, indel: .auto), .auto),
            ("lcs_gmean", .longestCommonSubsequence, .auto),
            ("ham_maxlength", .hamming(substitution: .constant(1)), .auto),
            ("om_user_indelauto", .optimalMatching(substitution: .matrix(try user()), indel: .auto), .none),
        ]
    }

    @Test(arguments: 0..<11)
    func matchesSequenzo(_ c: Int) throws {
        let (name, method, norm) = try Self.cases()[c]
        let data = try MVADFixture.sequences()
        let reference = try MVADFixture.lines("dist_engine_\(name).csv").map { $0.split(separator: ",").map { Double($0)! } }
        for kernel in [DistanceKernel.automatic, .dynamicProgramme] {
            let d = try SequenceDistances.compute(data, method: method, normalisation: norm, kernel: kernel).matrix
            var worst = 0.0
            for i in 0..<100 { for j in 0..<100 { worst = max(worst, abs(d[i, j] - reference[i][j])) } }
            #expect(worst < 1e-9, "\(name) (\(kernel)): max |Swift − sequenzo| = \(worst)")
        }
    }

    /// OMspell by hand: a = AAAB (spells A×3, B×1), b = AB (A×1, B×1), expcost 0.5, indel 1, sub 2: substituting
    /// A×3 for A×1 costs 0.5·|3 − 1| = 1 and B for B 0, so OMspell = 1 (OM would be 2 indels = 2).
    @Test func handExample() throws {
        let data = try StateSequences(alphabet: Alphabet(["A", "B"]), ids: ["a", "b"], states: [[0, 0, 0, 1], [0, 1]])
        let d = try SequenceDistances.compute(data, method: .optimalMatchingOfSpells(substitution: .constant(2), indel: .value(1), expcost: 0.5, tpow: 1)).matrix
        #expect(abs(d[0, 1] - 1) < 1e-12)
        // YujianBo: ℓa = (1 + 0.5·2) + 1 = 3, ℓb = 2: 2·1/(1 + 3 + 2) = 1/3.
        let n = try SequenceDistances.compute(data, method: .optimalMatchingOfSpells(substitution: .constant(2), indel: .value(1), expcost: 0.5, tpow: 1), normalisation: .auto).matrix
        #expect(abs(n[0, 1] - 1.0 / 3) < 1e-12)
        #expect(throws: SequenceError.self) {
            try SequenceDistances.compute(data, method: .optimalMatchingOfSpells(substitution: .constant(2), indel: .value(1), expcost: -1, tpow: 1))
        }
    }
}

/// The user substitution matrix file: every malformed matrix is refused with a message naming the file, the line
/// and the value (attacks), and the order of rows and columns in the file does not matter.
@Suite struct SubstitutionCostsFileTests {
    static let alphabet = try! Alphabet(["a", "b", "c"])

    func message(_ text: String) -> String? {
        do { _ = try SubstitutionCosts.fromCSV(text, alphabet: Self.alphabet, source: "sub.csv"); return nil } catch { return error.description }
    }

    @Test func readsByLabelInAnyOrder() throws {
        let m = try SubstitutionCosts.fromCSV(",c,a,b\nb,1,2,0\na,3,0,2\nc,0,3,1\n", alphabet: Self.alphabet, source: "sub.csv")
        #expect(m.values == [0, 2, 3, 2, 0, 1, 3, 1, 0])
    }

    @Test func refusesBadMatrices() {
        let asym = message(",a,b,c\na,0,2,3\nb,2.5,0,1\nc,3,1,0\n")
        #expect(asym?.contains("not symmetric") == true && asym?.contains("sub.csv") == true && asym?.contains("2.5") == true)
        let diag = message(",a,b,c\na,0,2,3\nb,2,1,1\nc,3,1,0\n")
        #expect(diag?.contains("line 3") == true && diag?.contains("itself") == true)
        let negative = message(",a,b,c\na,0,-2,3\nb,-2,0,1\nc,3,1,0\n")
        #expect(negative?.contains("line 2, column 3") == true && negative?.contains("'-2'") == true)
        let text = message(",a,b,c\na,0,x,3\nb,2,0,1\nc,3,1,0\n")
        #expect(text?.contains("'x'") == true)
        let missing = message(",a,b\na,0,2\nb,2,0\n")
        #expect(missing?.contains("'c'") == true)
        let ragged = message(",a,b,c\na,0,2\nb,2,0,1\nc,3,1,0\n")
        #expect(ragged?.contains("line 2") == true)
        #expect(message("") != nil)
    }
}
