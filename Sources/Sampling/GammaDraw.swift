import Foundation

extension RandomNumberGenerator {
    /// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3), 363–372,
    /// for shape a ≥ 1: with d = a − ⅓ and c = 1/√(9d), draw Z normal and U uniform, set v = (1 + cZ)³, and
    /// accept d·v when v > 0 and U < 1 − 0.0331 Z⁴ (squeeze) or log U < Z²/2 + d(1 − v + log v).
    /// Acceptance probability ≥ 0.95 for all a ≥ 1. Returns a Gamma(a, 1) deviate.
    mutating func marsagliaTsangGamma(shape a: Double) -> Double {
        let d = a - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            let z = standardNormal()
            let t = 1.0 + c * z
            if t <= 0 { continue }
            let v = t * t * t
            let u = uniformOpen()
            let z2 = z * z
            if u < 1.0 - 0.0331 * z2 * z2 { return d * v }
            if log(u) < 0.5 * z2 + d * (1.0 - v + log(v)) { return d * v }
        }
    }

    /// log G for G ~ Gamma(a, 1), any a > 0. For a < 1 uses Marsaglia & Tsang's boost
    /// G = G_{a+1}·U^{1/a} evaluated as log G_{a+1} + (log U)/a, so tiny shapes (e.g. 0.01, where G is often
    /// below 1e-300) keep their full information instead of underflowing.
    mutating func logStandardGamma(shape a: Double) -> Double {
        if a >= 1 { return log(marsagliaTsangGamma(shape: a)) }
        let boosted = marsagliaTsangGamma(shape: a + 1)
        return log(boosted) + log(uniformOpen()) / a
    }

    /// A gamma deviate with density x^{shape−1} e^{−x/scale} / (Γ(shape) scale^{shape}) (mean shape·scale).
    ///
    /// Algorithm: Marsaglia & Tsang (2000) for shape ≥ 1 (normals by inversion, see ``normal(mean:sd:)``);
    /// for shape < 1 their boost Gamma(shape) = Gamma(shape + 1)·U^{1/shape}, computed in logs. For very small
    /// shapes the result can underflow to 0 (e.g. shape 0.01 gives values below 1e-308 with probability
    /// ≈ 0.08); ``beta(_:_:)`` works in logs and is not affected. Expected cost O(1) for every shape.
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` unless shape and scale are finite
    ///   and > 0.
    public mutating func gamma(shape: Double, scale: Double = 1) throws(SamplingError) -> Double {
        guard shape.isFinite && shape > 0 else {
            throw SamplingError.invalidParameter(name: "shape", value: shape, requirement: "finite and > 0")
        }
        guard scale.isFinite && scale > 0 else {
            throw SamplingError.invalidParameter(name: "scale", value: scale, requirement: "finite and > 0")
        }
        if shape >= 1 { return marsagliaTsangGamma(shape: shape) * scale }
        return exp(logStandardGamma(shape: shape)) * scale
    }
}
