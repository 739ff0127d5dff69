extension RandomNumberGenerator {
    /// One draw from the categorical distribution P(i) = wᵢ/Σw on 0..<k, by sequential inversion: u·Σw with u
    /// from ``uniform()``, then the first index whose cumulative weight exceeds it (if rounding leaves none,
    /// the last index with positive weight). Zero-weight categories are never returned. O(k) per draw and no
    /// set-up, so best for a single draw; use ``AliasTable`` for repeated draws from the same weights.
    /// - Throws: ``SamplingError/invalidProbabilities(reason:)`` if the vector is empty, a weight is negative,
    ///   NaN or infinite, or the total is zero or overflows.
    public mutating func categorical(probabilities weights: [Double]) throws(SamplingError) -> Int {
        let total = try CategoryWeights.validatedTotal(weights)
        let target = uniform() * total
        var cumulative = 0.0
        var lastPositive = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            lastPositive = index
            if target < cumulative { return index }
        }
        return lastPositive
    }
}
