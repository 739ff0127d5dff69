import Foundation
import Testing
@testable import Sampling

/// The statistical checks used above can fail: with the same seeds and sample sizes they reject slightly
/// wrong models (so a passing test is evidence, not a tautology). Each case must be rejected for every
/// seed 1...5.
@Test(arguments: testSeeds)
func checksRejectWrongModels(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    // Binomial(1000, 0.4) draws tested against p = 0.41 (mean shifted by 0.65 sd).
    let binomial = try (0..<drawsPerSeed).map { _ in try g.binomial(trials: 1000, probability: 0.4) }
    #expect(!chiSquare(binomial, lower: 250, upper: 560) { binomialPMF($0, n: 1000, p: 0.41) }.passes)
    // Normal(0, 1) draws tested against N(0.1, 1) by KS.
    let normal = try (0..<drawsPerSeed).map { _ in try g.normal() }
    #expect(kolmogorovSmirnov(normal) { 0.5 * erfc(-($0 - 0.1) / 2.0.squareRoot()) } > Fixtures.ksCritical(n: drawsPerSeed))
    // Modulo-biased integers (x mod 3·2⁶², first third twice as likely) fail the thirds chi-square.
    let bound: UInt64 = 3 << 62
    let biased = (0..<drawsPerSeed).map { _ in Int((g.next() % bound) >> 62) }
    #expect(!chiSquare(biased, lower: 0, upper: 2) { _ in 1.0 / 3 }.passes)
    // Gamma(0.01) draws fail the moment check against shape 0.02.
    let tiny = try (0..<drawsPerSeed).map { _ in try g.gamma(shape: 0.01) }
    #expect(!momentsAgree(tiny, mean: 0.02, variance: 0.02, excessKurtosis: 300))
}
