/// Why a random draw could not be made. Every public draw validates its parameters and throws this error
/// instead of crashing or silently returning NaN.
public enum SamplingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A scalar parameter is outside its domain (NaN, infinite, negative standard deviation, probability
    /// outside [0, 1], ...). `requirement` states the domain in words, e.g. "finite and ≥ 0".
    case invalidParameter(name: String, value: Double, requirement: String)
    /// A vector of category weights cannot be normalised: `reason` says why (empty, a negative, NaN or
    /// infinite weight at some index, or a total that is zero or not finite).
    case invalidProbabilities(reason: String)
    /// More items were requested without replacement than the population holds, or a negative count.
    case invalidSampleSize(requested: Int, populationSize: Int)
    /// An all-zero xoshiro256** state, from which the generator would output zeros forever.
    case invalidState

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid parameter \(name) = \(value): must be \(requirement)"
        case let .invalidProbabilities(reason):
            return "invalid probabilities: \(reason)"
        case let .invalidSampleSize(requested, populationSize):
            return "cannot draw \(requested) items without replacement from a population of \(populationSize)"
                + " (need 0 ≤ count ≤ population size)"
        case .invalidState:
            return "invalid generator state: the four xoshiro256** state words must not all be zero"
        }
    }
}
