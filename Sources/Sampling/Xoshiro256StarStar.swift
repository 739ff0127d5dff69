/// xoshiro256** 1.0, the all-purpose 64-bit generator of Blackman & Vigna (2018/2021), "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47(4), with reference code at https://prng.di.unimi.it/.
///
/// State: four 64-bit words s₀…s₃ (never all zero). Output: `rotl(s₁·5, 7)·9`; the state then advances by the
/// xorshift-rotate linear map of the reference code (`t = s₁<<17; s₂^=s₀; s₃^=s₁; s₁^=s₂; s₀^=s₃; s₂^=t;
/// s₃ = rotl(s₃, 45)`). Period 2^256 − 1; passes BigCrush and PractRand.
///
/// Seeding: ``init(seed:)`` fills the state with the first four outputs of ``SplitMix64`` started at the seed,
/// the procedure the authors recommend for 64-bit seeds (SplitMix64 never yields four zero words in a row from
/// one seed, so the state is valid). The stream is therefore a pure function of the seed, identical on every
/// machine and Swift version, and equal to the authors' C code (checked against it in the tests).
///
/// Independent streams: ``jump()`` advances the state by 2^128 outputs and ``longJump()`` by 2^192, so
/// generators obtained by successive jumps from one seed produce non-overlapping subsequences.
///
/// Complexity: O(1) per output; `jump()`/`longJump()` cost 256 steps.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    /// The four state words, in the order s₀, s₁, s₂, s₃ of the reference code.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the generator from a 64-bit value through ``SplitMix64`` (Blackman & Vigna's recommendation).
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        let s0 = expander.next()
        let s1 = expander.next()
        let s2 = expander.next()
        let s3 = expander.next()
        state = (s0, s1, s2, s3)
    }

    /// Restores a generator from a full state, e.g. one saved from ``state``.
    /// - Throws: ``SamplingError/invalidState`` if all four words are zero (the one state the generator
    ///   cannot leave).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws(SamplingError) {
        if state.0 == 0 && state.1 == 0 && state.2 == 0 && state.3 == 0 {
            throw SamplingError.invalidState
        }
        self.state = state
    }

    public static func == (lhs: Xoshiro256StarStar, rhs: Xoshiro256StarStar) -> Bool {
        lhs.state == rhs.state
    }

    @inline(__always)
    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        var (s0, s1, s2, s3) = state
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        state = (s0, s1, s2, s3)
        return result
    }

    /// Advances the generator by 2^128 outputs (the authors' `jump()` polynomial), for up to 2^128
    /// non-overlapping parallel streams. Complexity: 256 steps.
    public mutating func jump() {
        applyJump([0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C])
    }

    /// Advances the generator by 2^192 outputs (the authors' `long_jump()`), to create up to 2^64 starting
    /// points, each of which can be split further with ``jump()``. Complexity: 256 steps.
    public mutating func longJump() {
        applyJump([0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635])
    }

    /// A copy of this generator advanced by 2^128 outputs; `self` is unchanged.
    public func jumped() -> Xoshiro256StarStar {
        var copy = self
        copy.jump()
        return copy
    }

    /// `count` generators with non-overlapping streams: the first is `self`, each next one is the previous
    /// one advanced by ``jump()``. Complexity: O(256·count).
    public func independentStreams(count: Int) -> [Xoshiro256StarStar] {
        guard count > 0 else { return [] }
        var streams = [self]
        streams.reserveCapacity(count)
        while streams.count < count {
            streams.append(streams[streams.count - 1].jumped())
        }
        return streams
    }

    private mutating func applyJump(_ polynomial: [UInt64]) {
        var a: UInt64 = 0
        var b: UInt64 = 0
        var c: UInt64 = 0
        var d: UInt64 = 0
        for word in polynomial {
            for bit in 0..<UInt64(64) {
                if word & (1 << bit) != 0 {
                    a ^= state.0
                    b ^= state.1
                    c ^= state.2
                    d ^= state.3
                }
                _ = next()
            }
        }
        state = (a, b, c, d)
    }
}
