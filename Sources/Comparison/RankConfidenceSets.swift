import Foundation
import Sampling

/// Simultaneous confidence sets for ranks (Mogstad, Romano, Shaikh & Wilhelm 2023, "Inference for ranks with
/// applications to mobility across neighbourhoods and academic achievement across countries", *Review of Economic
/// Studies* 91(1):476–518, §3: the projection confidence set built from simultaneous confidence intervals for all
/// pairwise differences; the R package `csranks`).
///
/// Rank 1 is the largest value. With estimates `θ̂ⱼ`, independent, with standard errors `sⱼ` (so
/// `θ̂ − θ ≈ N(0, diag(s²))`) and `s_jk = √(sⱼ² + s_k²)`:
/// 1. Start with every ordered pair `(j, k)`, `j ≠ k`, unrejected.
/// 2. **Max-statistic (parametric bootstrap) step**: draw `Z⁽ᵇ⁾ ~ N(0, diag(s²))`, `b = 1…B`; `ĉ` is the
///    `coverage`-quantile (R's type 7) of `max over unrejected (j, k) of (Zⱼ − Z_k)/s_jk`. Pair `(j, k)` is rejected —
///    `θⱼ > θ_k` is established — when the lower bound `θ̂ⱼ − θ̂_k − s_jk·ĉ > 0`.
/// 3. **Stepdown** (the paper's Algorithm 3.1, `csranks(stepdown = TRUE)`, the default): repeat step 2 over the
///    pairs not yet rejected until no new pair is rejected. `stepdown = false` stops after the first pass (the
///    single-step set, wider).
/// 4. The rank set of `j` is `[1 + #{k : θ_k > θⱼ established}, p − #{k : θⱼ > θ_k established}]`.
///
/// The sets cover all true ranks at once with probability ≥ `coverage` asymptotically (Theorem 3.1); the max over
/// ordered pairs equals the max of `|Zⱼ − Z_k|/s_jk` over unordered ones, the paper's two-sided statistic.
///
/// Cost O(B·p²) per pass: the number of units is limited to ``maximumUnits``.
public struct RankConfidenceSets: Sendable {
    public var coverage: Double
    public var draws: Int
    public var stepdown: Bool
    public var seed: UInt64

    /// p² pairs × draws: 1,000 units and 1,000 draws is 10⁹ operations a pass; beyond that the sets are refused.
    public static let maximumUnits = 1_000

    public init(coverage: Double = 0.95, draws: Int = 1_000, stepdown: Bool = true, seed: UInt64 = 20_230_101) {
        self.coverage = coverage
        self.draws = draws
        self.stepdown = stepdown
        self.seed = seed
    }

    /// The sets, in input order: `(lower, upper)` ranks, 1 = largest.
    /// - Throws: ``RankError`` for fewer than 2 units, more than ``maximumUnits``, a non-finite estimate, a
    ///   non-positive standard error, a coverage outside (0, 1) or fewer than 100 draws.
    public func compute(estimates x: [Double], standardErrors s: [Double]) throws(RankError) -> [(lower: Int, upper: Int)] {
        let p = x.count
        guard p >= 2, s.count == p else { throw .tooFewUnits(p) }
        guard p <= Self.maximumUnits else { throw .tooManyUnits(p, Self.maximumUnits) }
        guard coverage > 0, coverage < 1 else { throw .invalidCoverage(coverage) }
        guard draws >= 100 else { throw .tooFewDraws(draws) }
        for j in 0..<p where !x[j].isFinite || !(s[j] > 0 && s[j].isFinite) { throw .badEstimate(index: j, estimate: x[j], se: s[j]) }
        var sd = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for k in 0..<p where j != k { sd[j * p + k] = (s[j] * s[j] + s[k] * s[k]).squareRoot() } }
        var rejected = [Bool](repeating: false, count: p * p)
        var rng = Xoshiro256StarStar(seed: seed)
        // The same draws serve every pass (as csranks with a seed): Z[b][j].
        var z = [Double](repeating: 0, count: draws * p)
        for b in 0..<draws { for j in 0..<p { z[b * p + j] = s[j] * (try! rng.normal()) } }
        while true {
            var maxima = [Double](repeating: -.infinity, count: draws)
            for b in 0..<draws {
                var m = -Double.infinity
                let row = b * p
                for j in 0..<p {
                    let zj = z[row + j]
                    for k in 0..<p where k != j && !rejected[j * p + k] {
                        let t = (zj - z[row + k]) / sd[j * p + k]
                        if t > m { m = t }
                    }
                }
                maxima[b] = m
            }
            if maxima.allSatisfy({ $0 == -.infinity }) { break }
            let c = OverdispersionEstimate.quantileType7(maxima, coverage)
            var newly = 0
            for j in 0..<p {
                for k in 0..<p where k != j && !rejected[j * p + k] {
                    if x[j] - x[k] - sd[j * p + k] * c > 0 { rejected[j * p + k] = true; newly += 1 }
                }
            }
            if !stepdown || newly == 0 { break }
        }
        return (0..<p).map { j in
            var above = 0, below = 0
            for k in 0..<p where k != j {
                if rejected[k * p + j] { above += 1 }
                if rejected[j * p + k] { below += 1 }
            }
            return (1 + above, p - below)
        }
    }
}

/// Ranks by simulation from the conditional distribution of the unit effects (seeded): draw each effect from
/// `N(modeⱼ, condSDⱼ²)` independently, rank every draw (1 = largest), and report each unit's median rank and the
/// central `level` interval of its ranks (R's type-7 quantiles). These are marginal intervals for each unit's rank
/// under the fitted model (the "rank intervals by simulation" of Goldstein & Spiegelhalter 1996); unlike
/// ``RankConfidenceSets`` they do not cover all ranks at once.
public struct SimulatedRanks: Sendable {
    public var draws: Int
    public var level: Double
    public var seed: UInt64

    public init(draws: Int = 1_000, level: Double = 95, seed: UInt64 = 20_230_101) {
        self.draws = draws
        self.level = level
        self.seed = seed
    }

    public func compute(modes: [Double], sds: [Double]) throws(RankError) -> [(median: Double, low: Double, high: Double)] {
        let p = modes.count
        guard p >= 2, sds.count == p else { throw .tooFewUnits(p) }
        guard draws >= 100 else { throw .tooFewDraws(draws) }
        guard level > 0, level < 100 else { throw .invalidCoverage(level / 100) }
        for j in 0..<p where !modes[j].isFinite || !(sds[j] >= 0 && sds[j].isFinite) { throw .badEstimate(index: j, estimate: modes[j], se: sds[j]) }
        var rng = Xoshiro256StarStar(seed: seed)
        var ranks = [[Double]](repeating: [], count: p)
        for j in 0..<p { ranks[j].reserveCapacity(draws) }
        var v = [Double](repeating: 0, count: p)
        var order = Array(0..<p)
        for _ in 0..<draws {
            for j in 0..<p { v[j] = modes[j] + sds[j] * (try! rng.normal()) }
            order.sort { v[$0] > v[$1] }
            for (r, j) in order.enumerated() { ranks[j].append(Double(r + 1)) }
        }
        let a = (1 - level / 100) / 2
        return ranks.map { r in
            (OverdispersionEstimate.quantileType7(r, 0.5), OverdispersionEstimate.quantileType7(r, a),
             OverdispersionEstimate.quantileType7(r, 1 - a))
        }
    }
}

public enum RankError: Error, Equatable, CustomStringConvertible {
    case tooFewUnits(Int)
    case tooManyUnits(Int, Int)
    case invalidCoverage(Double)
    case tooFewDraws(Int)
    case badEstimate(index: Int, estimate: Double, se: Double)

    public var description: String {
        switch self {
        case .tooFewUnits(let n): return "ranks need at least 2 units, got \(n)"
        case .tooManyUnits(let n, let m): return "simultaneous rank confidence sets compare every pair of units (O(p²) per draw); \(n) units exceed the limit of \(m)"
        case .invalidCoverage(let c): return "coverage must be strictly between 0 and 1, got \(c)"
        case .tooFewDraws(let d): return "at least 100 draws are needed, got \(d)"
        case .badEstimate(let i, let e, let s): return "unit \(i + 1): estimate \(e) with standard error \(s) (estimates finite, standard errors positive)"
        }
    }
}
