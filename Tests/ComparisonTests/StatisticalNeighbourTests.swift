@testable import Comparison
import Testing

/// Standardised Euclidean distances by hand.
@Suite struct StatisticalNeighbourTests {
    /// One input 0, 1, 2, 4: mean 7/4, sample SD √(((−7/4)² + (−3/4)² + (1/4)² + (9/4)²)/3) = √(35/12); the
    /// distance between a and b is 1/√(35/12) = 0.585540.
    @Test func distancesOnOneStandardisedInput() throws {
        let r = try StatisticalNeighbours(count: 2).compute(names: ["a", "b", "c", "d"], inputNames: ["x"], inputs: [[0, 1, 2, 4]])
        let sd = (35.0 / 12).squareRoot()
        #expect(r[0].neighbours.map(\.unit) == ["b", "c"])
        #expect(abs(r[0].neighbours[0].distance - 1 / sd) < 1e-12 && abs(r[0].neighbours[1].distance - 2 / sd) < 1e-12)
        #expect(r[3].neighbours.map(\.unit) == ["c", "b"])
    }

    /// Two inputs on very different scales count equally after standardisation.
    @Test func scalesDoNotMatter() throws {
        let a = try StatisticalNeighbours(count: 1).compute(names: ["p", "q", "r"], inputNames: ["x", "y"],
                                                            inputs: [[0, 1, 3], [0, 1000, 3000]])
        let b = try StatisticalNeighbours(count: 1).compute(names: ["p", "q", "r"], inputNames: ["x", "y"],
                                                            inputs: [[0, 1, 3], [0, 1, 3]])
        for (u, v) in zip(a, b) { #expect(abs(u.neighbours[0].distance - v.neighbours[0].distance) < 1e-12) }
    }

    @Test func badInputsAreErrors() {
        #expect(throws: NeighbourError.constantInput("x")) {
            try StatisticalNeighbours(count: 1).compute(names: ["a", "b", "c"], inputNames: ["x"], inputs: [[1, 1, 1]])
        }
        #expect(throws: NeighbourError.notFinite(unit: "b", input: "x", value: .infinity)) {
            try StatisticalNeighbours(count: 1).compute(names: ["a", "b", "c"], inputNames: ["x"], inputs: [[1, .infinity, 2]])
        }
    }
}
