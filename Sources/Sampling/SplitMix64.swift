/// SplitMix64, the 64-bit generator of Steele, Lea & Flood (2014), "Fast splittable pseudorandom number
/// generators", OOPSLA '14, in the form of Vigna's public-domain reference `splitmix64.c`.
///
/// Each call adds the golden-ratio increment γ = 0x9E3779B97F4A7C15 to a 64-bit counter and returns the
/// counter passed through the variant-13 finaliser
/// `z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB; z ^ z>>31` (all arithmetic mod 2^64).
///
/// Its period is only 2^64 and it is used here mainly to expand a 64-bit seed into the 256-bit state of
/// ``Xoshiro256StarStar``, as Blackman & Vigna recommend; every seed, including 0, is valid.
/// Complexity: O(1) per output. The output stream is fully specified by the seed on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The 64-bit counter; the next output is the finaliser applied to `state &+ γ`.
    public private(set) var state: UInt64

    /// Starts the generator at `seed` (any value).
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
