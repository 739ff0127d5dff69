/// Random draws for any generator.
///
/// Design: every draw is an extension method on `RandomNumberGenerator` rather than a method of a wrapper
/// `RandomSource` type. Reasons: (1) the draws work with any generator — ``Xoshiro256StarStar`` for
/// reproducible work, `SystemRandomNumberGenerator` for unpredictable seeds — without a wrapper or type
/// erasure; (2) the caller owns the only state (the generator value), so copying a generator snapshots the
/// whole stream, and the `Sendable` value can be handed to another task; (3) no hidden cache is needed because
/// every algorithm here keeps no state between calls (normals by inversion, not the polar method with its
/// spare deviate).
///
/// Reproducibility: the draws consume only `next() -> UInt64` (the protocol requirement, fully determined by
/// the generator) and never Swift's `random(in:using:)`/`next(upperBound:)`, whose algorithms the standard
/// library does not specify. With ``Xoshiro256StarStar`` the uniform, bounded-integer, Bernoulli, categorical,
/// alias-table, shuffle and without-replacement draws use only IEEE-754 arithmetic and are bit-identical on
/// every platform. The normal, exponential, gamma, beta, binomial and Poisson draws also call `log`/`exp`
/// (and the correctly rounded `sqrt`); glibc's and Apple's `log`/`exp` are accurate to < 1 ulp, so results
/// agree to the last bit or within an ulp, and an accept/reject decision can differ only in an event of
/// probability of order 1e-16 per draw.
extension RandomNumberGenerator {
    /// A uniform draw from [0, 1): the top 53 bits of one 64-bit output times 2⁻⁵³, so every multiple of 2⁻⁵³
    /// in [0, 1) has probability 2⁻⁵³ (Vigna's recommended conversion, https://prng.di.unimi.it/).
    /// Consumes one output. Complexity O(1).
    public mutating func uniform() -> Double {
        let word: UInt64 = next()
        return Double(word >> 11) * 0x1p-53
    }

    /// A uniform draw from the open interval (0, 1): `(⌊x / 2¹²⌋ + ½)·2⁻⁵²` for one 64-bit output x, i.e. the
    /// midpoints of the 2⁵² equal cells of [0, 1). Never 0 or 1 (smallest value 2⁻⁵³, largest 1 − 2⁻⁵³), so
    /// `log(u)` and `log(1 − u)` are always finite. Consumes one output. Complexity O(1).
    public mutating func uniformOpen() -> Double {
        let word: UInt64 = next()
        return (Double(word >> 12) + 0.5) * 0x1p-52
    }

    /// A uniform draw from `range` = [a, b): `a + (b − a)·u` with u from ``uniform()`` (computed as
    /// `a(1 − u) + b·u` when b − a overflows); the rare result rounded up to b is redrawn so b is never returned.
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` if a bound is not finite or the
    ///   range is empty.
    public mutating func uniform(in range: Range<Double>) throws(SamplingError) -> Double {
        let lower = range.lowerBound
        let upper = range.upperBound
        guard lower.isFinite else {
            throw SamplingError.invalidParameter(name: "lowerBound", value: lower, requirement: "finite")
        }
        guard upper.isFinite else {
            throw SamplingError.invalidParameter(name: "upperBound", value: upper, requirement: "finite")
        }
        guard lower < upper else {
            throw SamplingError.invalidParameter(name: "upperBound", value: upper, requirement: "> lowerBound")
        }
        let width = upper - lower
        while true {
            let u = uniform()
            let x = width.isFinite ? lower + width * u : lower * (1 - u) + upper * u
            if x < upper { return x }
        }
    }

    /// An unbiased uniform integer in 0..<`bound` (bound > 0) by Lemire's nearly-divisionless method
    /// (D. Lemire 2019, "Fast random integer generation in an interval", ACM TOMACS 29(1), article 3): the
    /// high word of x·bound (128-bit product) is accepted unless the low word falls among the 2⁶⁴ mod bound
    /// rejected values. Expected outputs consumed < 2 (1/(1 − (2⁶⁴ mod bound)/2⁶⁴)); a division only on a
    /// possible reject.
    @inline(__always)
    mutating func boundedUInt64(_ bound: UInt64) -> UInt64 {
        var word: UInt64 = next()
        var product = bound.multipliedFullWidth(by: word)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                word = next()
                product = bound.multipliedFullWidth(by: word)
            }
        }
        return product.high
    }

    /// An unbiased uniform integer in 0..<`bound` (Lemire 2019 nearly-divisionless; see ``boundedUInt64``).
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` if `bound` is 0.
    public mutating func uniformInteger(below bound: UInt64) throws(SamplingError) -> UInt64 {
        guard bound > 0 else {
            throw SamplingError.invalidParameter(name: "bound", value: 0, requirement: "> 0")
        }
        return boundedUInt64(bound)
    }

    /// An unbiased uniform integer in the closed range (any range, including `Int.min...Int.max`, which takes
    /// one raw output). Lemire 2019 on the span `upper − lower + 1`. Complexity O(1) expected.
    public mutating func uniformInteger(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 {
            let word: UInt64 = next()
            return Int(truncatingIfNeeded: word)
        }
        return range.lowerBound &+ Int(truncatingIfNeeded: boundedUInt64(span))
    }

    /// An unbiased uniform integer in the half-open range (Lemire 2019).
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` if the range is empty.
    public mutating func uniformInteger(in range: Range<Int>) throws(SamplingError) -> Int {
        guard !range.isEmpty else {
            throw SamplingError.invalidParameter(
                name: "upperBound", value: Double(range.upperBound), requirement: "> lowerBound (non-empty range)")
        }
        return uniformInteger(in: range.lowerBound...(range.upperBound - 1))
    }

    /// A Bernoulli(p) draw: `uniform() < p` (exactly p when p is a multiple of 2⁻⁵³; p = 0 never, p = 1 always).
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` unless 0 ≤ p ≤ 1.
    public mutating func bernoulli(probability p: Double) throws(SamplingError) -> Bool {
        guard p >= 0 && p <= 1 else {
            throw SamplingError.invalidParameter(name: "probability", value: p, requirement: "in [0, 1]")
        }
        return uniform() < p
    }
}
