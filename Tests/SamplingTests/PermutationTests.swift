import Foundation
import Testing
@testable import Sampling

/// A shuffle is a permutation (same multiset) and moves things; shuffling 3 items gives each of the 6 orders
/// equally often: chi-square over the 6 orders (df 5, α = 0.001, n = 10000 per seed).
@Test(arguments: testSeeds)
func shuffleIsAUniformPermutation(seed: UInt64) {
    var g = Xoshiro256StarStar(seed: seed)
    var items = Array(0..<1000)
    g.shuffle(&items)
    #expect(items.sorted() == Array(0..<1000))
    #expect(items != Array(0..<1000))

    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
    let draws = (0..<drawsPerSeed).map { _ in orders.firstIndex(of: g.shuffled([0, 1, 2])) ?? -1 }
    let test = chiSquare(draws, lower: 0, upper: 5) { _ in 1.0 / 6 }
    #expect(test.degreesOfFreedom == 5)
    #expect(test.passes, "chi2 = \(test.statistic), critical \(test.critical)")

    var empty = [Int]()
    g.shuffle(&empty)
    #expect(empty.isEmpty)
    var one = ["a"]
    g.shuffle(&one)
    #expect(one == ["a"])
    // Works on any random-access mutable collection, e.g. an array slice.
    var slice = Array(0..<10)[2..<8]
    g.shuffle(&slice)
    #expect(slice.sorted() == Array(2..<8))
}

/// Sampling without replacement: no repeats, values in range; all 12 ordered pairs from 4 items equally
/// likely (chi-square, df 11, α = 0.001, n = 10000 per seed); k = n is a permutation; a huge population
/// (10⁹) is handled in O(k).
@Test(arguments: testSeeds)
func samplingWithoutReplacementHasNoRepeats(seed: UInt64) throws {
    var g = Xoshiro256StarStar(seed: seed)
    let sample = try g.sampleIndices(count: 500, from: 1000)
    #expect(Set(sample).count == 500)
    #expect(sample.allSatisfy { (0..<1000).contains($0) })
    #expect(try g.sampleIndices(count: 50, from: 50).sorted() == Array(0..<50))
    #expect(try g.sampleIndices(count: 0, from: 0).isEmpty)
    let sparse = try g.sampleIndices(count: 1000, from: 1_000_000_000)
    #expect(Set(sparse).count == 1000)
    #expect(sparse.allSatisfy { (0..<1_000_000_000).contains($0) })

    let pairs = try (0..<drawsPerSeed).map { _ -> Int in
        let pair = try g.sampleIndices(count: 2, from: 4)
        return pair[0] * 4 + pair[1]
    }
    #expect(pairs.allSatisfy { $0 / 4 != $0 % 4 })
    // Cells i*4+j with i ≠ j have probability 1/12; the diagonal cells have probability 0.
    let test = chiSquare(pairs, lower: 0, upper: 15) { $0 / 4 == $0 % 4 ? 0 : 1.0 / 12 }
    #expect(test.passes, "chi2 = \(test.statistic), critical \(test.critical)")

    let letters = try g.sample(["a", "b", "c", "d", "e"], count: 3)
    #expect(Set(letters).count == 3)
    #expect(Set(letters).isSubset(of: ["a", "b", "c", "d", "e"]))
}
