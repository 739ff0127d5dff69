import Foundation
import Testing
@testable import Sampling

/// Invalid parameters throw the typed error (never crash, never return NaN).
@Test func invalidParametersThrowTypedErrors() throws {
    var g = Xoshiro256StarStar(seed: 1)
    let nan = Double.nan
    let inf = Double.infinity

    #expect(throws: SamplingError.invalidParameter(name: "sd", value: -1, requirement: "finite and ≥ 0")) {
        try g.normal(mean: 0, sd: -1)
    }
    for bad in [(0.0, nan), (0.0, inf), (nan, 1.0), (inf, 1.0)] {
        #expect(throws: SamplingError.self) { try g.normal(mean: bad.0, sd: bad.1) }
    }
    for rate in [0, -2, nan, inf] {
        #expect(throws: SamplingError.self) { try g.exponential(rate: rate) }
    }
    for (shape, scale) in [(0.0, 1.0), (-1.0, 1.0), (nan, 1.0), (inf, 1.0), (1.0, 0.0), (1.0, nan), (1.0, inf)] {
        #expect(throws: SamplingError.self) { try g.gamma(shape: shape, scale: scale) }
    }
    for (a, b) in [(0.0, 1.0), (1.0, -1.0), (nan, 1.0), (1.0, inf)] {
        #expect(throws: SamplingError.self) { try g.beta(a, b) }
    }
    #expect(throws: SamplingError.invalidParameter(name: "probability", value: 1.5, requirement: "in [0, 1]")) {
        try g.binomial(trials: 10, probability: 1.5)
    }
    for p in [-0.1, nan] {
        #expect(throws: SamplingError.self) { try g.binomial(trials: 10, probability: p) }
        #expect(throws: SamplingError.self) { try g.bernoulli(probability: p) }
    }
    #expect(throws: SamplingError.self) { try g.binomial(trials: -1, probability: 0.5) }
    #expect(throws: SamplingError.self) { try g.binomial(trials: Int.max, probability: 0.5) }
    for lambda in [-1, nan, inf, 1e300] {
        #expect(throws: SamplingError.self) { try g.poisson(mean: lambda) }
    }
    #expect(throws: SamplingError.self) { try g.uniform(in: 1.0..<1.0) }
    #expect(throws: SamplingError.self) { try g.uniform(in: -inf..<0) }
    #expect(throws: SamplingError.self) { try g.uniformInteger(below: 0) }
    #expect(throws: SamplingError.self) { try g.uniformInteger(in: 3..<3) }

    for bad: [Double] in [[], [1, -1], [0, 0], [1, nan], [1, inf], [1e308, 1e308]] {
        #expect(throws: SamplingError.self) { try g.categorical(probabilities: bad) }
        #expect(throws: SamplingError.self) { try AliasTable(probabilities: bad) }
    }
    #expect(throws: SamplingError.invalidSampleSize(requested: 5, populationSize: 3)) {
        try g.sampleIndices(count: 5, from: 3)
    }
    #expect(throws: SamplingError.self) { try g.sampleIndices(count: -1, from: 3) }
    #expect(throws: SamplingError.self) { try g.sample([1, 2], count: 3) }
}

/// The messages name the parameter, its value and the requirement.
@Test func errorMessagesAreClear() {
    #expect(SamplingError.invalidParameter(name: "sd", value: -1, requirement: "finite and ≥ 0").description
        == "invalid parameter sd = -1.0: must be finite and ≥ 0")
    #expect(SamplingError.invalidProbabilities(reason: "weights sum to 0.0").description
        == "invalid probabilities: weights sum to 0.0")
    #expect(SamplingError.invalidSampleSize(requested: 5, populationSize: 3).description
        == "cannot draw 5 items without replacement from a population of 3 (need 0 ≤ count ≤ population size)")
    #expect(SamplingError.invalidState.description.contains("must not all be zero"))
}

/// The weight validation names the offending index.
@Test func probabilityErrorsNameTheProblem() {
    var g = Xoshiro256StarStar(seed: 1)
    do {
        _ = try g.categorical(probabilities: [0.5, -0.25])
        Issue.record("expected an error")
    } catch {
        #expect(error == .invalidProbabilities(reason: "weight at index 1 is -0.25; weights must be finite and ≥ 0"))
    }
}
