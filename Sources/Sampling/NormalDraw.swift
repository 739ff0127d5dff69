extension RandomNumberGenerator {
    /// A standard normal deviate by inversion: one 64-bit output x supplies a sign (its top bit) and
    /// p = (x mod 2⁶³ + ½)·2⁻⁶⁴ ∈ (0, ½]; the deviate is ±Φ⁻¹(p) with Φ⁻¹ from Wichura's AS 241 (see
    /// ``NormalQuantile``). Inversion keeps no state between calls (unlike the polar method's spare deviate)
    /// and uses exactly one output per draw, so streams are easy to reason about; the 63-bit p reaches
    /// |z| ≈ 9.1 (tail probability 2⁻⁶⁵ ≈ 3e-20), and the sign bit makes the draw exactly symmetric.
    /// Complexity O(1): one log and one sqrt outside the central 85 %.
    mutating func standardNormal() -> Double {
        let word: UInt64 = next()
        let magnitudeBits = word & 0x7FFF_FFFF_FFFF_FFFF
        let p = (Double(magnitudeBits) + 0.5) * 0x1p-64
        let z = NormalQuantile.lowerHalf(p)
        return word >> 63 == 1 ? z : -z
    }

    /// A normal deviate with the given mean and standard deviation: `mean + sd·Z` with Z from inversion of
    /// Wichura's AS 241 quantile (see ``standardNormal()``). `sd = 0` returns `mean` (as R's `rnorm`).
    /// Consumes exactly one 64-bit output.
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` if `mean` is not finite or `sd`
    ///   is negative, NaN or infinite.
    public mutating func normal(mean: Double = 0, sd: Double = 1) throws(SamplingError) -> Double {
        guard mean.isFinite else {
            throw SamplingError.invalidParameter(name: "mean", value: mean, requirement: "finite")
        }
        guard sd.isFinite && sd >= 0 else {
            throw SamplingError.invalidParameter(name: "sd", value: sd, requirement: "finite and ≥ 0")
        }
        return mean + sd * standardNormal()
    }
}
