/// A reusable sampler for a categorical distribution on 0..<k, by Walker's alias method in Vose's numerically
/// stable construction (A. J. Walker 1977, "An efficient method for generating discrete random variables with
/// general distributions", ACM TOMS 3(3); M. D. Vose 1991, "A linear algorithm for generating random numbers
/// with a given distribution", IEEE TSE 17(9)).
///
/// Construction O(k): each weight is scaled to wᵢ·k/Σw; "small" (< 1) columns are topped up from "large" ones,
/// recording the donor as the alias. A draw is O(1): pick a column i uniformly (Lemire's unbiased integer),
/// then return i with probability `threshold[i]`, else `alias[i]` — two generator outputs per draw.
/// Prefer it to ``RandomNumberGenerator/categorical(probabilities:)`` when drawing more than a few times from
/// the same weights.
public struct AliasTable: Sendable, Equatable {
    /// Probability of keeping column i (in [0, 1]).
    public let thresholds: [Double]
    /// The category returned when column i is not kept.
    public let aliases: [Int]
    /// The normalised probabilities the table samples from (wᵢ/Σw).
    public let probabilities: [Double]

    /// Builds the table from non-negative weights (normalised by their sum, which need not be 1).
    /// - Throws: ``SamplingError/invalidProbabilities(reason:)`` if the vector is empty, a weight is negative,
    ///   NaN or infinite, or the total is zero or overflows.
    public init(probabilities weights: [Double]) throws(SamplingError) {
        let total = try CategoryWeights.validatedTotal(weights)
        let k = weights.count
        let normalised = weights.map { $0 / total }
        var scaled = normalised.map { $0 * Double(k) }
        var thresholds = [Double](repeating: 1, count: k)
        var aliases = Array(0..<k)
        var small = [Int]()
        var large = [Int]()
        for i in 0..<k {
            if scaled[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let lessIndex = small.popLast() {
            guard let moreIndex = large.popLast() else {
                // Only rounding leaves a "small" column without a donor; its true scaled weight is 1.
                thresholds[lessIndex] = 1
                continue
            }
            thresholds[lessIndex] = scaled[lessIndex]
            aliases[lessIndex] = moreIndex
            scaled[moreIndex] = (scaled[moreIndex] + scaled[lessIndex]) - 1
            if scaled[moreIndex] < 1 { small.append(moreIndex) } else { large.append(moreIndex) }
        }
        // Columns left in `large` keep threshold 1 (their scaled weight is 1 up to rounding).
        self.thresholds = thresholds
        self.aliases = aliases
        self.probabilities = normalised
    }

    /// Number of categories k.
    public var count: Int { thresholds.count }

    /// One draw in 0..<k. Consumes two 64-bit outputs (occasionally more in Lemire's rejection step).
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let column = Int(generator.boundedUInt64(UInt64(thresholds.count)))
        return generator.uniform() < thresholds[column] ? column : aliases[column]
    }
}
