import Foundation
import Testing
@testable import Sampling

/// KS against the U(0,1) CDF F(x) = x, α = 0.001 (critical value from scipy.stats.kstwo, n = 10000).
@Test(arguments: testSeeds)
func uniformIsUniform(seed: UInt64) {
    var g = Xoshiro256StarStar(seed: seed)
    let closed = (0..<drawsPerSeed).map { _ in g.uniform() }
    let open = (0..<drawsPerSeed).map { _ in g.uniformOpen() }
    let critical = Fixtures.ksCritical(n: drawsPerSeed)
    #expect(kolmogorovSmirnov(closed) { $0 } <= critical)
    #expect(kolmogorovSmirnov(open) { $0 } <= critical)
    #expect(closed.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(open.allSatisfy { $0 > 0 && $0 < 1 })
}

/// uniform(in: −3..<5): KS against F(x) = (x + 3)/8, α = 0.001; all draws in [−3, 5).
@Test(arguments: testSeeds)
func uniformInRangeIsUniform(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let draws = try (0..<drawsPerSeed).map { _ in try g.uniform(in: -3.0..<5.0) }
    #expect(draws.allSatisfy { $0 >= -3 && $0 < 5 })
    #expect(kolmogorovSmirnov(draws) { ($0 + 3) / 8 } <= Fixtures.ksCritical(n: drawsPerSeed))
    // A width that overflows (b − a = ∞) still gives finite draws inside the range.
    let wide = try (0..<100).map { _ in try g.uniform(in: -Double.greatestFiniteMagnitude..<Double.greatestFiniteMagnitude) }
    #expect(wide.allSatisfy { $0.isFinite })
}

/// Bounded integers over a non-power-of-two range: chi-square over the 6 values of 0..<6 (df 5) and over
/// the three thirds of 0..<3·2⁶² (df 2), α = 0.001 each. The second range is where naive `x % bound` is
/// grossly biased (the first third would get probability ½).
@Test(arguments: testSeeds)
func boundedIntegersAreUnbiased(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let small = try (0..<drawsPerSeed).map { _ in Int(try g.uniformInteger(below: 6)) }
    let smallTest = chiSquare(small, lower: 0, upper: 5) { _ in 1.0 / 6 }
    #expect(smallTest.degreesOfFreedom == 5)
    #expect(smallTest.passes, "chi2 = \(smallTest.statistic), critical \(smallTest.critical)")

    let bound: UInt64 = 3 << 62
    let thirds = try (0..<drawsPerSeed).map { _ in Int(try g.uniformInteger(below: bound) >> 62) }
    let thirdsTest = chiSquare(thirds, lower: 0, upper: 2) { _ in 1.0 / 3 }
    #expect(thirdsTest.degreesOfFreedom == 2)
    #expect(thirdsTest.passes, "chi2 = \(thirdsTest.statistic), critical \(thirdsTest.critical)")

    // Integer ranges: 11 values of −5...5 (df 10); half-open −5..<6 is the same set.
    let closed = (0..<drawsPerSeed).map { _ in g.uniformInteger(in: -5...5) }
    let closedTest = chiSquare(closed, lower: -5, upper: 5) { _ in 1.0 / 11 }
    #expect(closed.allSatisfy { (-5...5).contains($0) })
    #expect(closedTest.passes, "chi2 = \(closedTest.statistic), critical \(closedTest.critical)")
    let halfOpen = try (0..<1000).map { _ in try g.uniformInteger(in: -5..<6) }
    #expect(halfOpen.allSatisfy { (-5...5).contains($0) })
}

@Test func integerRangeEdgeCases() throws {
    var g = Xoshiro256StarStar(seed: 3)
    #expect(g.uniformInteger(in: 7...7) == 7)
    #expect(try g.uniformInteger(below: 1) == 0)
    // The full Int range takes one raw output, reinterpreted.
    var h = g
    let raw = h.next()
    #expect(g.uniformInteger(in: Int.min...Int.max) == Int(truncatingIfNeeded: raw))
    // Ranges touching the extremes stay inside.
    let top = (0..<200).map { _ in g.uniformInteger(in: (Int.max - 2)...Int.max) }
    #expect(top.allSatisfy { $0 >= Int.max - 2 })
    #expect(Set(top).count == 3)
}

/// Bernoulli(0.3): chi-square over {false, true} (df 1), α = 0.001; p = 0 and 1 are deterministic.
@Test(arguments: testSeeds)
func bernoulliFrequencies(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let draws = try (0..<drawsPerSeed).map { _ in try g.bernoulli(probability: 0.3) ? 1 : 0 }
    let test = chiSquare(draws, lower: 0, upper: 1) { $0 == 1 ? 0.3 : 0.7 }
    #expect(test.passes, "chi2 = \(test.statistic), critical \(test.critical)")
    #expect(try (0..<100).allSatisfy { _ in try !g.bernoulli(probability: 0) })
    #expect(try (0..<100).allSatisfy { _ in try g.bernoulli(probability: 1) })
}
