import Foundation

extension RandomNumberGenerator {
    /// An exponential deviate with the given rate (mean 1/rate) by inversion: −log(u)/rate with u from
    /// ``uniformOpen()`` ∈ (0, 1), so the result is finite and positive; the largest possible value is
    /// 53·log 2/rate ≈ 36.7/rate (tail probability 1.1e-16). One output per draw. Complexity O(1).
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` unless rate is finite and > 0.
    public mutating func exponential(rate: Double = 1) throws(SamplingError) -> Double {
        guard rate.isFinite && rate > 0 else {
            throw SamplingError.invalidParameter(name: "rate", value: rate, requirement: "finite and > 0")
        }
        return -log(uniformOpen()) / rate
    }
}
