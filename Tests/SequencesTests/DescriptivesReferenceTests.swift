import Foundation
import Testing
@testable import Sequences

/// Descriptives of the first 100 `mvad` sequences against sequenzo 0.1.42 (TraMineR's seqstatd, seqtrate, seqmeant,
/// seqdss, seqdur, seqient, seqST, seqici), unweighted and weighted by mvad's survey weight, from
/// Fixtures/make_descriptive_fixtures.py (descriptives.json). Tolerance 1e-9 absolute (shares, rates and
/// normalised indicators lie in [0, 1]; mean times and turbulence are below 100; the differences are only the
/// order of floating-point additions). Normalised turbulence is compared with TraMineR's formula computed exactly
/// by the script, because sequenzo caps the number of distinct subsequences at 1e15.
@Suite struct DescriptivesReferenceTests {
    struct Reference: Decodable {
        let states: [String]
        let statd_freq_u: [[Double]], statd_freq_w: [[Double]]
        let statd_valid_u: [Double], statd_valid_w: [Double]
        let statd_entropy_u: [Double], statd_entropy_w: [Double]
        let trate_u: [[Double]], trate_w: [[Double]]
        let meant_u: [Double], meant_w: [Double]
        let dss: [[Int]], dur: [[Int]]
        let ient: [Double], ici: [Double], turbulence: [Double], turbulence_exact: [Double], turbulence_norm: [Double]
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self,
                                 from: Data(contentsOf: MVADFixture.directory.appendingPathComponent("descriptives.json")))
    }

    static func worst(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test(arguments: [false, true])
    func stateDistributionMatchesSeqstatd(_ weighted: Bool) throws {
        let ref = try Self.reference()
        let data = try MVADFixture.sequences(weighted: weighted)
        #expect(data.alphabet.labels == ref.states)
        let d = SequenceDescriptives.stateDistribution(data)
        let freq = weighted ? ref.statd_freq_w : ref.statd_freq_u
        #expect(Self.worst(d.shares.flatMap { $0 }, freq.flatMap { $0 }) < 1e-9)
        #expect(Self.worst(d.validWeight, weighted ? ref.statd_valid_w : ref.statd_valid_u) < 1e-9)
        #expect(Self.worst(d.entropy.map { $0 ?? .nan }, weighted ? ref.statd_entropy_w : ref.statd_entropy_u) < 1e-9)
        #expect(d.counts.allSatisfy { $0.reduce(0, +) == 100 })
    }

    @Test(arguments: [false, true])
    func transitionRatesMatchSeqtrate(_ weighted: Bool) throws {
        let ref = try Self.reference()
        let r = SequenceDescriptives.transitionRates(try MVADFixture.sequences(weighted: weighted))
        #expect(Self.worst(r.rates.flatMap { $0 }, (weighted ? ref.trate_w : ref.trate_u).flatMap { $0 }) < 1e-9)
        #expect(r.counts.flatMap { $0 }.reduce(0, +) == 100 * 71)
    }

    @Test(arguments: [false, true])
    func meanTimeMatchesSeqmeant(_ weighted: Bool) throws {
        let ref = try Self.reference()
        let m = SequenceDescriptives.meanTime(try MVADFixture.sequences(weighted: weighted))
        #expect(Self.worst(m.meanTime, weighted ? ref.meant_w : ref.meant_u) < 1e-9)
    }

    @Test func indicatorsMatchSeqientSeqSTSeqici() throws {
        let ref = try Self.reference()
        let x = SequenceDescriptives.indicators(try MVADFixture.sequences())
        #expect(Self.worst(x.entropy, ref.ient) < 1e-9)
        #expect(Self.worst(x.complexity, ref.ici) < 1e-9)
        #expect(Self.worst(x.turbulence, ref.turbulence) < 1e-9)
        #expect(Self.worst(x.turbulence, ref.turbulence_exact) < 1e-9)
        #expect(Self.worst(x.normalisedTurbulence, ref.turbulence_norm) < 1e-9)
    }

    /// Spells equal sequenzo's seqdss and seqdur exactly (integers).
    @Test func spellsMatchSeqdssAndSeqdur() throws {
        let ref = try Self.reference()
        let data = try MVADFixture.sequences()
        for (i, s) in data.states.enumerated() {
            let spells = SequenceDescriptives.spells(s)
            #expect(spells.map(\.state) == ref.dss[i] && spells.map(\.duration) == ref.dur[i], "sequence \(i + 1)")
        }
    }

    /// Hand-computed: A A B A has spells A2 B1 A1; distinct subsequences of A B A are {∅, A, B, AB, BA, AA, ABA} = 7;
    /// durations 2, 1, 1: mean 4/3, s² = 2/9, s²max = 2 × (1/3)² = 2/9, so T = log2 7.
    @Test func turbulenceByHand() throws {
        let s = try StateSequences(alphabet: Alphabet(["A", "B"]), ids: ["x"], states: [[0, 0, 1, 0]])
        let x = SequenceDescriptives.indicators(s)
        #expect(abs(x.turbulence[0] - log2(7)) < 1e-12)
        // Entropy: 3/4 A, 1/4 B over log 2; complexity √(2/3 × entropy).
        let h = -(0.75 * log(0.75) + 0.25 * log(0.25)) / log(2)
        #expect(abs(x.entropy[0] - h) < 1e-12)
        #expect(abs(x.complexity[0] - (2.0 / 3.0 * h).squareRoot()) < 1e-12)
    }

    /// Missing positions are removed (with.missing = FALSE); void positions of shorter sequences are not observed.
    @Test func missingAndUnequalLengths() throws {
        let m = StateSequences.missing
        let s = try StateSequences(alphabet: Alphabet(["A", "B"]), ids: ["x", "y"], states: [[0, m, 0], [1]])
        let d = SequenceDescriptives.stateDistribution(s)
        #expect(d.counts == [[1, 1], [0, 0], [1, 0]])
        #expect(d.entropy[1] == nil)
        #expect(SequenceDescriptives.spells(s.states[0]) == [Spell(state: 0, duration: 2)])
        let r = SequenceDescriptives.transitionRates(s)
        #expect(r.counts == [[0, 0], [0, 0]])   // A→missing and missing→A are not transitions
    }

    @Test func frequenciesOrderAndCounts() throws {
        let s = try StateSequences(alphabet: Alphabet(["A", "B"]), ids: ["1", "2", "3", "4", "5"],
                                   states: [[0, 1], [1, 1], [0, 1], [1, 1], [0]])
        let f = SequenceDescriptives.frequencies(s)
        #expect(f.map(\.count) == [2, 2, 1])
        #expect(f.map(\.states) == [[0, 1], [1, 1], [0]])   // ties broken by first appearance
        let mvad = SequenceDescriptives.frequencies(try MVADFixture.sequences())
        #expect(mvad.count == 96 && mvad.reduce(0) { $0 + $1.count } == 100)
    }

    @Test func wideEqualsLong() throws {
        let w = try StateSequences.fromWide(ids: ["a", "b"], rows: [["X", "", "Y", ""], ["", "Y", "Y", "Y"]])
        #expect(w.alphabet.labels == ["X", "Y"])
        #expect(w.states[0] == [0, StateSequences.missing, 1])
        #expect(w.states[1] == [StateSequences.missing, 1, 1, 1])
        #expect(w.origin == 1)
    }
}
