import Testing
@testable import Distributions

@Test func distributionErrorDescribesTheProblem() {
    let e = DistributionError.invalidParameter(name: "sd", value: -1, requirement: "> 0")
    #expect(e.description == "invalid parameter sd = -1.0: must be > 0")
}
