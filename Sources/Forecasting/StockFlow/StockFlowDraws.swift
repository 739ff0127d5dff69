import Foundation
import Sampling

/// The random stream and the exact discrete draws of the stock–flow projection's hot loop.
///
/// The stream is Xoshiro256** (Blackman & Vigna 2018) with its four state words held by value, so that its step
/// inlines into the loop (Sampling's generator is called across modules, not inlined: ~7% of a projection's time
/// went to the call). It continues the path's own ``Xoshiro256StarStar`` stream word for word (the same outputs
/// in the same order), so a path's result depends only on the seed and the path's index, never on the thread
/// that runs it.
///
/// The draws are exact — their laws are the stated pmfs up to floating-point rounding of the probabilities —
/// and specialised to the counts the model meets (cells of a few to a few hundred children, monthly
/// probabilities of a few per cent, a few thousand entrants a month):
/// - ``binomial(_:_:logQ:)``: sequential inversion (Kachitvichyanukul & Schmeiser 1988, BINV) when n·p < 10 and
///   p ≤ ½, with log(1 − p) given and the division by k replaced by a table of 1/k; otherwise Sampling's BTRS
///   (Hörmann 1993), run on this stream;
/// - ``poisson(_:)``: inversion below a mean of 30, otherwise Sampling's PTRS (Hörmann 1993) on this stream;
/// - ``StockFlowAlias``: a categorical draw by Walker's alias method from ONE 64-bit output (column from the
///   integer part of u·k, keep-or-alias from its fraction), a few nanoseconds per draw.
/// `Tests/ForecastingTests/StockFlowDrawsTests.swift` checks each against its exact pmf.
struct StockFlowStream: RandomNumberGenerator {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(_ generator: Xoshiro256StarStar) {
        (s0, s1, s2, s3) = generator.state
    }

    /// The generator continuing where this stream is (nil only for the all-zero state, which a stream started
    /// from a valid generator never reaches).
    var generator: Xoshiro256StarStar? { try? Xoshiro256StarStar(state: (s0, s1, s2, s3)) }

    @inline(__always) mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform on [0, 1) with 53 random bits.
    @inline(__always) mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// 1/k for k in 0..<reciprocalCount (entry 0 unused), for the inversion loops.
    static let reciprocalCount = 1024
    static let reciprocal: [Double] = (0..<reciprocalCount).map { $0 == 0 ? 0 : 1 / Double($0) }

    /// Binomial(n, p) with `logQ` = log(1 − p): inversion when n·p < 10, p ≤ ½ and n < 1024, else BTRS.
    @inline(__always) mutating func binomial(_ n: Int, _ p: Double, logQ: Double) throws(SamplingError) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        guard p <= 0.5, Double(n) * p < 10, n < Self.reciprocalCount else { return try binomial(trials: n, probability: p) }
        let ratio = p / (1 - p), np1 = Double(n + 1)
        let f0 = exp(Double(n) * logQ)
        return Self.reciprocal.withUnsafeBufferPointer { inv in
            while true {
                var u = uniform(), f = f0, k = 0
                while u > f {
                    u -= f
                    k += 1
                    if k > n { break }
                    f *= (np1 * inv[k] - 1) * ratio
                }
                // Rounding can leave u above the summed pmf: start again (probability ~1e-15).
                if k <= n { return k }
            }
        }
    }

    /// Poisson(mean) by inversion below 30, else PTRS.
    @inline(__always) mutating func poisson(_ mean: Double) throws(SamplingError) -> Int {
        if mean <= 0 { return 0 }
        guard mean < 30 else { return try poisson(mean: mean) }
        let p0 = exp(-mean)
        return Self.reciprocal.withUnsafeBufferPointer { inv in
            while true {
                var u = uniform(), f = p0, k = 0
                while u > f {
                    u -= f
                    k += 1
                    if k >= 1000 { break }
                    f *= mean * inv[k]
                }
                if k < 1000 { return k }
            }
        }
    }
}

/// Walker alias tables for many small categorical laws in flat storage: table t occupies columns
/// offset[t] ..< offset[t] + size[t]. Built with Sampling's ``AliasTable`` (Vose's stable construction); drawn
/// from one 64-bit output: u = U·k, column ⌊u⌋, kept when the fraction u − ⌊u⌋ is below its threshold (the
/// fraction keeps 53 − log₂k random bits: ≥ 44 for the largest table here, 288 columns).
struct StockFlowAlias {
    private(set) var threshold: [Double] = []
    private(set) var alias: [Int32] = []
    private(set) var offset: [Int] = []
    private(set) var size: [Int] = []

    /// Appends a table for `weights` (non-negative; all zero gives a table that always returns 0 — thresholds 0,
    /// aliases 0 — for a law never drawn from). Returns its index.
    @discardableResult mutating func append(_ weights: [Double]) -> Int {
        offset.append(threshold.count)
        size.append(weights.count)
        if let table = try? AliasTable(probabilities: weights) {
            threshold.append(contentsOf: table.thresholds)
            alias.append(contentsOf: table.aliases.map { Int32($0) })
        } else {
            threshold.append(contentsOf: repeatElement(0, count: weights.count))
            alias.append(contentsOf: repeatElement(0, count: weights.count))
        }
        return offset.count - 1
    }

    /// One draw from table `t`, in 0 ..< size[t].
    @inline(__always) func draw(_ t: Int, _ rng: inout StockFlowStream) -> Int {
        let k = size[t]
        let u = Double(rng.next() >> 11) * 0x1p-53 * Double(k)
        let column = min(Int(u), k - 1)
        return u - Double(column) < threshold[offset[t] + column] ? column : Int(alias[offset[t] + column])
    }
}
