import Foundation
import Testing
@testable import Sampling

/// Wichura's AS 241 transcription against 40-digit mpmath quantiles (make-fixtures.py) at 22 probabilities
/// from 2⁻⁶⁵ (the smallest p the sampler uses) to ½, across all three branches. Tolerance: relative
/// error ≤ 1e-15 (AS 241 claims about 1e-16), absolute 1e-17 at p = ½ where Φ⁻¹ = 0.
@Test func normalQuantileMatchesHighPrecisionReference() {
    let rows = Fixtures.referenceValues["normal_quantile"] ?? []
    #expect(rows.count == 22)
    var worst = 0.0
    for row in rows {
        guard let p = Double(row.parameter) else { continue }
        let z = NormalQuantile.lowerHalf(p)
        if row.value == 0 {
            #expect(abs(z) <= 1e-17)
        } else {
            let relative = abs(z - row.value) / abs(row.value)
            worst = max(worst, relative)
            #expect(relative <= 1e-15, "p = \(p): \(z) vs \(row.value)")
        }
    }
    #expect(worst <= 1e-15)
}

/// Φ(x) = ½ erfc(−x/√2).
private func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

/// N(3, 2²): KS against Φ((x − 3)/2) (α = 0.001, n = 10000) and moments (mean 3, variance 4, excess
/// kurtosis 0; 5 standard errors).
@Test(arguments: testSeeds)
func normalMatchesItsDistribution(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let draws = try (0..<drawsPerSeed).map { _ in try g.normal(mean: 3, sd: 2) }
    let d = kolmogorovSmirnov(draws) { normalCDF(($0 - 3) / 2) }
    #expect(d <= Fixtures.ksCritical(n: drawsPerSeed), "D = \(d)")
    #expect(momentsAgree(draws, mean: 3, variance: 4, excessKurtosis: 0))
    // sd = 0 is allowed and returns the mean exactly.
    #expect(try g.normal(mean: -1.5, sd: 0) == -1.5)
}

/// Exp(rate 2.5): KS against 1 − e^{−2.5x} and moments (mean 0.4, variance 0.16, excess kurtosis 6).
@Test(arguments: testSeeds)
func exponentialMatchesItsDistribution(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let draws = try (0..<drawsPerSeed).map { _ in try g.exponential(rate: 2.5) }
    #expect(draws.allSatisfy { $0 > 0 && $0.isFinite })
    let d = kolmogorovSmirnov(draws) { -expm1(-2.5 * $0) }
    #expect(d <= Fixtures.ksCritical(n: drawsPerSeed), "D = \(d)")
    #expect(momentsAgree(draws, mean: 0.4, variance: 0.16, excessKurtosis: 6))
}

/// Regularised lower incomplete gamma P(a, x) by its power series (Abramowitz & Stegun 6.5.29):
/// P(a, x) = xᵃe⁻ˣ/Γ(a + 1) · Σₙ xⁿ/((a + 1)(a + 2)…(a + n)); used for x ≤ 60, where it converges
/// in a few hundred terms.
private func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
    if x <= 0 { return 0 }
    var term = 1.0
    var sum = 1.0
    var n = 1.0
    while n < 2000 {
        term *= x / (a + n)
        sum += term
        if term < sum * 1e-17 { break }
        n += 1
    }
    return exp(a * log(x) - x - lgamma(a + 1)) * sum
}

/// Gamma(k, θ) with integer k: F(x) = 1 − e^{−x/θ} Σ_{j<k} (x/θ)ʲ/j! (the Erlang CDF).
private func erlangCDF(_ x: Double, shape k: Int, scale theta: Double) -> Double {
    let y = x / theta
    var term = 1.0
    var sum = 1.0
    if k > 1 {
        for j in 1..<k {
            term *= y / Double(j)
            sum += term
        }
    }
    return 1 - exp(-y) * sum
}

/// Gamma draws, α = 0.001 KS per case (n = 10000) plus moments (mean kθ, variance kθ², excess kurtosis 6/k;
/// 5 standard errors):
/// shape 3 scale 2 (Erlang CDF), shape 1 (exponential CDF; boundary of Marsaglia–Tsang), shape 0.5
/// (F = erf(√(x/θ))), shape 0.01 (tiny: series CDF above; 0 draws are underflow, F(0) = 0).
@Test(arguments: testSeeds)
func gammaMatchesItsDistribution(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let critical = Fixtures.ksCritical(n: drawsPerSeed)

    let erlang = try (0..<drawsPerSeed).map { _ in try g.gamma(shape: 3, scale: 2) }
    let dErlang = kolmogorovSmirnov(erlang) { erlangCDF($0, shape: 3, scale: 2) }
    #expect(dErlang <= critical, "shape 3: D = \(dErlang)")
    #expect(momentsAgree(erlang, mean: 6, variance: 12, excessKurtosis: 2))

    let one = try (0..<drawsPerSeed).map { _ in try g.gamma(shape: 1, scale: 0.5) }
    let dOne = kolmogorovSmirnov(one) { -expm1(-$0 / 0.5) }
    #expect(dOne <= critical, "shape 1: D = \(dOne)")

    let half = try (0..<drawsPerSeed).map { _ in try g.gamma(shape: 0.5, scale: 3) }
    let dHalf = kolmogorovSmirnov(half) { erf(($0 / 3).squareRoot()) }
    #expect(dHalf <= critical, "shape 0.5: D = \(dHalf)")
    #expect(momentsAgree(half, mean: 1.5, variance: 4.5, excessKurtosis: 12))

    let tiny = try (0..<drawsPerSeed).map { _ in try g.gamma(shape: 0.01) }
    #expect(tiny.allSatisfy { $0 >= 0 && $0.isFinite })
    let dTiny = kolmogorovSmirnov(tiny) { regularizedLowerGamma(0.01, $0) }
    #expect(dTiny <= critical, "shape 0.01: D = \(dTiny)")
    #expect(momentsAgree(tiny, mean: 0.01, variance: 0.01, excessKurtosis: 600))
}

/// Large shape (1000, scale 0.001): moments only (mean 1, variance 0.001, excess kurtosis 0.006).
@Test(arguments: testSeeds)
func gammaLargeShapeMoments(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let draws = try (0..<drawsPerSeed).map { _ in try g.gamma(shape: 1000, scale: 0.001) }
    #expect(momentsAgree(draws, mean: 1, variance: 0.001, excessKurtosis: 0.006))
}

/// Beta(a, b) excess kurtosis 6[(a − b)²(a + b + 1) − ab(a + b + 2)] / [ab(a + b + 2)(a + b + 3)].
private func betaExcessKurtosis(_ a: Double, _ b: Double) -> Double {
    6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) / (a * b * (a + b + 2) * (a + b + 3))
}

private func betaMomentsAgree(_ draws: [Double], _ a: Double, _ b: Double) -> Bool {
    let mean = a / (a + b)
    let variance = a * b / ((a + b) * (a + b) * (a + b + 1))
    return momentsAgree(draws, mean: mean, variance: variance, excessKurtosis: betaExcessKurtosis(a, b))
}

/// Beta draws, KS at α = 0.001 (n = 10000) against closed-form CDFs and moments at 5 standard errors:
/// Beta(2, 5): F(x) = Σ_{j=2}^{6} C(6, j) xʲ(1 − x)^{6−j}; Beta(½, ½): F(x) = (2/π) asin √x;
/// Beta(0.2, 1): F(x) = x^0.2; Beta(1, 0.3): F(x) = 1 − (1 − x)^0.3.
@Test(arguments: testSeeds)
func betaMatchesItsDistribution(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let critical = Fixtures.ksCritical(n: drawsPerSeed)

    let b25 = try (0..<drawsPerSeed).map { _ in try g.beta(2, 5) }
    let binomial6: [Double] = [1, 6, 15, 20, 15, 6, 1]
    let d25 = kolmogorovSmirnov(b25) { x in
        (2...6).reduce(0.0) { $0 + binomial6[$1] * pow(x, Double($1)) * pow(1 - x, Double(6 - $1)) }
    }
    #expect(d25 <= critical, "Beta(2,5): D = \(d25)")
    #expect(betaMomentsAgree(b25, 2, 5))

    let arcsine = try (0..<drawsPerSeed).map { _ in try g.beta(0.5, 0.5) }
    let dArcsine = kolmogorovSmirnov(arcsine) { 2 / Double.pi * asin($0.squareRoot()) }
    #expect(dArcsine <= critical, "Beta(0.5,0.5): D = \(dArcsine)")
    #expect(betaMomentsAgree(arcsine, 0.5, 0.5))

    let power = try (0..<drawsPerSeed).map { _ in try g.beta(0.2, 1) }
    let dPower = kolmogorovSmirnov(power) { pow($0, 0.2) }
    #expect(dPower <= critical, "Beta(0.2,1): D = \(dPower)")

    let reversed = try (0..<drawsPerSeed).map { _ in try g.beta(1, 0.3) }
    let dReversed = kolmogorovSmirnov(reversed) { -expm1(0.3 * log1p(-$0)) }
    #expect(dReversed <= critical, "Beta(1,0.3): D = \(dReversed)")

    for x in b25 + arcsine + power + reversed { #expect(x >= 0 && x <= 1) }
}

/// Edge shapes, moments only (5 standard errors): Beta(0.01, 0.01) (mass piles at 0 and 1: mean ½,
/// variance 0.0001/(0.0004·1.02) ≈ 0.245) and Beta(50, 3).
@Test(arguments: testSeeds)
func betaEdgeShapeMoments(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let tiny = try (0..<drawsPerSeed).map { _ in try g.beta(0.01, 0.01) }
    #expect(tiny.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(betaMomentsAgree(tiny, 0.01, 0.01))
    let skewed = try (0..<drawsPerSeed).map { _ in try g.beta(50, 3) }
    #expect(betaMomentsAgree(skewed, 50, 3))
}
