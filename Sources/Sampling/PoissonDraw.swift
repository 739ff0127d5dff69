import Foundation

extension RandomNumberGenerator {
    /// A Poisson(λ) count. Exact for every λ (no normal approximation).
    ///
    /// Algorithm:
    /// - λ < 10: sequential-search inversion (Devroye 1986, "Non-Uniform Random Variate Generation", ch. X):
    ///   one uniform u, walk k = 0, 1, … accumulating
    ///   P(k) = e^{−λ}λᵏ/k! until the sum exceeds u; if rounding leaves u above the accumulated total after
    ///   200 terms (tail mass < 1e-150), the draw is repeated. Expected O(1 + λ).
    /// - λ ≥ 10: PTRS, the transformed rejection with squeeze of W. Hörmann (1993), "The transformed rejection
    ///   method for generating Poisson random variables", Insurance: Mathematics and Economics 12, 39–45:
    ///   b = 0.931 + 2.53√λ, a = −0.059 + 0.02483b, 1/α = 1.1239 + 1.1328/(b − 3.4), v_r = 0.9277 − 3.6224/(b − 2);
    ///   k = ⌊(2a/u_s + b)u + λ + 0.43⌋ accepted in the box (u_s ≥ 0.07, v ≤ v_r) or when
    ///   log(v/α) − log(a/u_s² + b) ≤ −λ + k log λ − log k! (``LogFactorial``). Expected O(1).
    /// λ = 0 → 0 without consuming randomness.
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` unless 0 ≤ λ ≤ 2⁵² (counts above
    ///   2⁵² would not be exact in the Double arithmetic of the algorithm); NaN and ∞ are rejected.
    public mutating func poisson(mean lambda: Double) throws(SamplingError) -> Int {
        guard lambda >= 0 && lambda <= 0x1p52 else {
            throw SamplingError.invalidParameter(name: "mean", value: lambda, requirement: "in [0, 2^52]")
        }
        if lambda == 0 { return 0 }
        return lambda < 10 ? poissonInversion(lambda) : poissonPTRS(lambda)
    }

    private mutating func poissonInversion(_ lambda: Double) -> Int {
        let start = exp(-lambda)
        while true {
            let u = uniform()
            var term = start
            var total = start
            var k = 0
            while u >= total && k < 200 {
                k += 1
                term *= lambda / Double(k)
                total += term
            }
            if u < total { return k }
        }
    }

    private mutating func poissonPTRS(_ lambda: Double) -> Int {
        let sqrtLambda = lambda.squareRoot()
        let logLambda = log(lambda)
        let b = 0.931 + 2.53 * sqrtLambda
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
            if lhs <= -lambda + k * logLambda - LogFactorial.of(k) { return Int(k) }
        }
    }
}
