import Foundation
import Testing
@testable import Sampling

/// Weights with a zero category and a total of 7 (not 1): P = (1, 2, 0, 3.5, 0.5)/7.
private let weights: [Double] = [1, 2, 0, 3.5, 0.5]

/// Alias table and one-shot inversion: chi-square over the 5 categories (α = 0.001, n = 10000 per seed,
/// the zero category pooled with its neighbour by the ≥ 5 expected rule), and category 2 never drawn.
@Test(arguments: testSeeds)
func categoricalFrequencies(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let table = try AliasTable(probabilities: weights)
    let aliasDraws = (0..<drawsPerSeed).map { _ in table.sample(using: &g) }
    let oneShotDraws = try (0..<drawsPerSeed).map { _ in try g.categorical(probabilities: weights) }
    for draws in [aliasDraws, oneShotDraws] {
        #expect(!draws.contains(2))
        #expect(draws.allSatisfy { (0..<5).contains($0) })
        let test = chiSquare(draws, lower: 0, upper: 4) { weights[$0] / 7 }
        #expect(test.degreesOfFreedom == 3)
        #expect(test.passes, "chi2 = \(test.statistic), critical \(test.critical)")
    }
}

/// The alias table reproduces the normalised probabilities exactly in the sense of Vose's construction:
/// P(i) = (thresholdᵢ + Σ_{j: alias j = i, j ≠ i} (1 − threshold_j)) / k equals wᵢ/Σw to 1e-15.
@Test func aliasTableEncodesTheProbabilities() throws {
    let skewed: [Double] = [1e-9, 5, 0, 0.25, 3, 1e3, 7, 0.125]
    let table = try AliasTable(probabilities: skewed)
    let total = skewed.reduce(0, +)
    let k = Double(skewed.count)
    #expect(table.count == skewed.count)
    for i in skewed.indices {
        var mass = table.thresholds[i]
        for j in skewed.indices where j != i && table.aliases[j] == i {
            mass += 1 - table.thresholds[j]
        }
        #expect(abs(mass / k - skewed[i] / total) <= 1e-15, "category \(i)")
        #expect(abs(table.probabilities[i] - skewed[i] / total) <= 1e-16)
    }
    // A single category always returns 0.
    var g = Xoshiro256StarStar(seed: 1)
    let single = try AliasTable(probabilities: [2.5])
    #expect((0..<100).allSatisfy { _ in single.sample(using: &g) == 0 })
    #expect(try g.categorical(probabilities: [0, 0, 4]) == 2)
}
