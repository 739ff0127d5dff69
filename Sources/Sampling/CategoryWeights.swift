/// Validation shared by the categorical samplers.
enum CategoryWeights {
    /// Checks that `weights` is a usable unnormalised probability vector and returns its total.
    /// Requirements: non-empty; every weight finite and ≥ 0; total finite and > 0.
    static func validatedTotal(_ weights: [Double]) throws(SamplingError) -> Double {
        guard !weights.isEmpty else {
            throw SamplingError.invalidProbabilities(reason: "no categories (empty weight vector)")
        }
        var total = 0.0
        for (index, weight) in weights.enumerated() {
            guard weight.isFinite && weight >= 0 else {
                throw SamplingError.invalidProbabilities(
                    reason: "weight at index \(index) is \(weight); weights must be finite and ≥ 0")
            }
            total += weight
        }
        guard total.isFinite && total > 0 else {
            throw SamplingError.invalidProbabilities(
                reason: "weights sum to \(total); the total must be finite and > 0")
        }
        return total
    }
}
