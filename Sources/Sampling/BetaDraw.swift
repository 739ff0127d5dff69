import Foundation

extension RandomNumberGenerator {
    /// A Beta(a, b) deviate (density x^{a−1}(1−x)^{b−1}/B(a, b) on (0, 1)) as X/(X + Y) with independent
    /// X ~ Gamma(a, 1), Y ~ Gamma(b, 1) (e.g. Devroye 1986, "Non-Uniform Random Variate Generation", §IX.4),
    /// the gammas by Marsaglia & Tsang (2000). Evaluated as 1/(1 + exp(log Y − log X)) from log-gammas so that
    /// tiny shapes (where X and Y both underflow) still give the right answer; for shapes so small that both
    /// log-gammas are −∞ (below about 1e-290) the draw falls back to its limit law, 1 with probability
    /// a/(a + b) and 0 otherwise. Cost O(1) expected.
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` unless a and b are finite and > 0.
    public mutating func beta(_ a: Double, _ b: Double) throws(SamplingError) -> Double {
        guard a.isFinite && a > 0 else {
            throw SamplingError.invalidParameter(name: "a", value: a, requirement: "finite and > 0")
        }
        guard b.isFinite && b > 0 else {
            throw SamplingError.invalidParameter(name: "b", value: b, requirement: "finite and > 0")
        }
        if a >= 1 && b >= 1 {
            let x = marsagliaTsangGamma(shape: a)
            let y = marsagliaTsangGamma(shape: b)
            return x / (x + y)
        }
        let logX = logStandardGamma(shape: a)
        let logY = logStandardGamma(shape: b)
        if logX == -.infinity && logY == -.infinity {
            return uniform() < a / (a + b) ? 1 : 0
        }
        return 1 / (1 + exp(logY - logX))
    }
}
