import Foundation
import Testing
@testable import Sampling

struct BinomialCase: CustomStringConvertible, Sendable {
    var trials: Int
    var p: Double
    var description: String { "Binomial(\(trials), \(p))" }
}

/// Cases covering both algorithms and the reflection p > ½: inversion (n·min(p,1−p) < 10): (20, 0.3),
/// (15, 0.7), (10⁹, 3·10⁻⁹); BTRS: (1000, 0.4), (100, 0.9) (n(1−p) = 10, the switch point), (10⁶, 0.5).
let binomialCases: [BinomialCase] = [
    .init(trials: 20, p: 0.3), .init(trials: 15, p: 0.7), .init(trials: 1_000_000_000, p: 3e-9),
    .init(trials: 1000, p: 0.4), .init(trials: 100, p: 0.9), .init(trials: 1_000_000, p: 0.5),
]

/// Chi-square goodness of fit (α = 0.001, seeds 1...5, 10000 draws each) against the pmf
/// C(n, k)pᵏ(1 − p)ⁿ⁻ᵏ (computed with lgamma in the test) on mean ± 12 sd, bins pooled to expect ≥ 5;
/// plus moments (mean np, variance np(1−p), excess kurtosis (1 − 6p(1−p))/(np(1−p)); 5 standard errors).
@Test(arguments: binomialCases)
func binomialMatchesItsPMF(_ c: BinomialCase) throws {
    let mean = Double(c.trials) * c.p
    let variance = mean * (1 - c.p)
    let sd = variance.squareRoot()
    let lower = max(0, Int((mean - 12 * sd).rounded(.down)))
    let upper = min(c.trials, Int((mean + 12 * sd).rounded(.up)) + 12)
    for seed in testSeeds {
        var g = Xoshiro256StarStar(seed: seed)
        let draws = try (0..<drawsPerSeed).map { _ in try g.binomial(trials: c.trials, probability: c.p) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 <= c.trials })
        let test = chiSquare(draws, lower: lower, upper: upper) { binomialPMF($0, n: c.trials, p: c.p) }
        #expect(test.passes, "\(c) seed \(seed): chi2 = \(test.statistic) on \(test.degreesOfFreedom) df, critical \(test.critical)")
        let kurtosis = (1 - 6 * c.p * (1 - c.p)) / variance
        #expect(momentsAgree(draws.map(Double.init), mean: mean, variance: variance, excessKurtosis: kurtosis),
                "\(c) seed \(seed)")
    }
}

/// Degenerate binomials are exact and consume no randomness: n = 0 → 0, p = 0 → 0, p = 1 → n.
@Test func binomialEdgeParameters() throws {
    var g = Xoshiro256StarStar(seed: 11)
    let before = g
    #expect(try g.binomial(trials: 0, probability: 0.4) == 0)
    #expect(try g.binomial(trials: 0, probability: 1) == 0)
    #expect(try g.binomial(trials: 50, probability: 0) == 0)
    #expect(try g.binomial(trials: 50, probability: 1) == 50)
    #expect(try g.binomial(trials: 1 << 52, probability: 1) == 1 << 52)
    #expect(g == before)
    // Largest allowed n with a non-degenerate p stays in range.
    let big = try g.binomial(trials: 1 << 52, probability: 0.5)
    #expect(big >= 0 && big <= 1 << 52)
}

/// λ values covering inversion (0.001, 3, 9.99) and PTRS (10 — the switch point —, 50, 10⁶).
let poissonMeans: [Double] = [0.001, 3, 9.99, 10, 50, 1_000_000]

/// Chi-square goodness of fit (α = 0.001, seeds 1...5, 10000 draws each) against e^{−λ}λᵏ/k! (lgamma in the
/// test) on λ ± 12√λ (+12), bins pooled to expect ≥ 5; moments: mean λ, variance λ, excess kurtosis 1/λ.
@Test(arguments: poissonMeans)
func poissonMatchesItsPMF(lambda: Double) throws {
    let sd = lambda.squareRoot()
    let lower = max(0, Int((lambda - 12 * sd).rounded(.down)))
    let upper = Int((lambda + 12 * sd).rounded(.up)) + 12
    for seed in testSeeds {
        var g = Xoshiro256StarStar(seed: seed)
        let draws = try (0..<drawsPerSeed).map { _ in try g.poisson(mean: lambda) }
        #expect(draws.allSatisfy { $0 >= 0 })
        let test = chiSquare(draws, lower: lower, upper: upper) { poissonPMF($0, lambda: lambda) }
        #expect(test.passes, "λ = \(lambda) seed \(seed): chi2 = \(test.statistic) on \(test.degreesOfFreedom) df, critical \(test.critical)")
        #expect(momentsAgree(draws.map(Double.init), mean: lambda, variance: lambda, excessKurtosis: 1 / lambda),
                "λ = \(lambda) seed \(seed)")
    }
}

/// λ = 0 gives 0 without consuming randomness; the largest allowed λ = 2⁵² gives a count within 12 sd.
@Test func poissonEdgeParameters() throws {
    var g = Xoshiro256StarStar(seed: 12)
    let before = g
    #expect(try g.poisson(mean: 0) == 0)
    #expect(g == before)
    let huge = 0x1p52
    let x = Double(try g.poisson(mean: huge))
    #expect(abs(x - huge) <= 12 * huge.squareRoot())
}
