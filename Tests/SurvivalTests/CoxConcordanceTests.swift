import Testing
@testable import Survival
import TestSupport

@Suite("Concordance against R")
struct CoxConcordanceTests {
    /// C within 1e-12 relative (it is a ratio of pair counts) and its standard error within 1e-7 relative.
    /// Reference: concordance(fit) in survival 3.5.3 (make-cox-fixtures.R).
    @Test(arguments: coxCases.filter { !CoxFixtures.values($0.name, "concordance").isEmpty })
    func matchesConcordance(_ c: CoxCase) throws {
        let cc = try c.fit().concordance()
        let r = CoxFixtures.values(c.name, "concordance")
        #expect(isClose(cc.concordance, r[0], relative: 1e-12), "C \(cc.concordance) vs \(r[0])")
        #expect(isClose(cc.standardError, r[1], relative: 1e-7), "se \(cc.standardError) vs \(r[1])")
    }

    /// Three deaths at t = 1, 2, 3. Scores (1, 3, 2): pairs (1,2), (1,3) discordant (the earlier death has the
    /// lower score), (2,3) concordant, so C = 1/3; Somers' d = −1/3, partner counts (c, d) = (0,2), (1,1), (1,1),
    /// influences −4/9, 2/9, 2/9, Var = (24/81)/4, SE = √6/9. Scores (2, 2, 1): (1,2) tied, (1,3), (2,3)
    /// concordant, C = (2 + ½)/3 = 5/6, influences −1/9, −1/9, 2/9, SE = √6/18. R's
    /// concordance(Surv(t, e) ~ x, reverse = TRUE) gives 0.33333333333333337, 0.27216552697590868 and
    /// 0.83333333333333326, 0.13608276348795434. Tolerance 1e-15 relative.
    @Test func handComputed() throws {
        let a = try Concordance(time: [1, 2, 3], event: [true, true, true], predictor: [1, 3, 2])
        #expect(isClose(a.concordance, 1.0 / 3, relative: 1e-15))
        #expect(isClose(a.standardError, 6.0.squareRoot() / 9, relative: 1e-15))
        #expect(a.concordant == 1 && a.discordant == 2 && a.tiedRisk == 0)
        let b = try Concordance(time: [1, 2, 3], event: [true, true, true], predictor: [2, 2, 1])
        #expect(isClose(b.concordance, 5.0 / 6, relative: 1e-15))
        #expect(isClose(b.standardError, 6.0.squareRoot() / 18, relative: 1e-15))
        #expect(throws: CoxModelError.self) { try Concordance(time: [1, 2], event: [true, true], predictor: [1]) }
        #expect(throws: CoxModelError.self) { try Concordance(time: [1, 2], event: [true, true], predictor: [1, .nan]) }
    }
}

/// The O(n log n) sweep (Fenwick trees over dense score ranks, per-row entry snapshots in arrays) against the
/// definition counted pair by pair in O(n²): every comparable pair (i dies at tᵢ; j in the same stratum, at risk
/// at tᵢ — entryⱼ < tᵢ ≤ stopⱼ — and not a death at tᵢ) weighted wᵢwⱼ, classified by the scores. Integer times
/// (so `timefix` merges nothing) with many ties, scores on a 0.1 grid (many tied scores), weights, two strata,
/// delayed entry. Tolerance 1e-12 relative (the same sums in another order).
@Suite("Concordance sweep equals the pair-by-pair definition")
struct ConcordanceBruteForceTests {
    struct Case { var time: [Double], event: [Bool], score: [Double], entry: [Double]?, weight: [Double]?, strata: [Int]? }

    static func make(seed: UInt64, n: Int, entry: Bool, weights: Bool, strata: Bool) -> Case {
        var state = seed
        func next() -> Double {   // SplitMix64, uniform in [0, 1)
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var c = Case(time: [], event: [], score: [], entry: entry ? [] : nil, weight: weights ? [] : nil,
                     strata: strata ? [] : nil)
        for _ in 0..<n {
            let t = Double(1 + Int(next() * 12))
            c.time.append(t)
            c.event.append(next() < 0.6)
            c.score.append((next() * 10).rounded() / 10)
            if entry { c.entry!.append(Double(Int(next() * t))) }   // 0 ..< t
            if weights { c.weight!.append([0.5, 1, 2][Int(next() * 3)]) }
            if strata { c.strata!.append(Int(next() * 2)) }
        }
        return c
    }

    /// (concordant, discordant, tied, standard error) counted pair by pair.
    static func bruteForce(_ c: Case) -> (Double, Double, Double, Double) {
        let n = c.time.count
        var conc = [Double](repeating: 0, count: n), disc = conc, tied = conc
        var C = 0.0, D = 0.0, T = 0.0
        let w = c.weight ?? [Double](repeating: 1, count: n)
        for i in 0..<n where c.event[i] {
            for j in 0..<n where j != i && (c.strata?[i] ?? 0) == (c.strata?[j] ?? 0) {
                let t = c.time[i]
                let atRisk = c.time[j] >= t && (c.entry?[j] ?? -.infinity) < t
                guard atRisk, !(c.event[j] && c.time[j] == t) else { continue }
                let ww = w[i] * w[j]
                if c.score[i] > c.score[j] { C += ww; conc[i] += w[j]; conc[j] += w[i] }
                else if c.score[i] < c.score[j] { D += ww; disc[i] += w[j]; disc[j] += w[i] }
                else { T += ww; tied[i] += w[j]; tied[j] += w[i] }
            }
        }
        let N = C + D + T, d = (C - D) / N
        let v = (0..<n).map { k in w[k] * ((conc[k] - disc[k]) / N - d * (conc[k] + disc[k] + tied[k]) / N) }
        return (C, D, T, (v.reduce(0) { $0 + $1 * $1 } / 4).squareRoot())
    }

    @Test(arguments: [(1, false, false, false), (2, true, false, false), (3, false, true, false), (4, false, false, true),
                      (5, true, true, true), (6, true, true, false)])
    func sweepEqualsPairs(_ a: (UInt64, Bool, Bool, Bool)) throws {
        let c = Self.make(seed: a.0, n: 150, entry: a.1, weights: a.2, strata: a.3)
        let fast = try Concordance(time: c.time, event: c.event, predictor: c.score, entry: c.entry, weights: c.weight,
                                   strata: c.strata)
        let (C, D, T, se) = Self.bruteForce(c)
        #expect(C > 0 && D > 0 && T > 0)   // the case exercises every branch
        #expect(isClose(fast.concordant, C, relative: 1e-12), "concordant \(fast.concordant) vs \(C)")
        #expect(isClose(fast.discordant, D, relative: 1e-12), "discordant \(fast.discordant) vs \(D)")
        #expect(isClose(fast.tiedRisk, T, relative: 1e-12), "tied \(fast.tiedRisk) vs \(T)")
        #expect(isClose(fast.standardError, se, relative: 1e-12), "se \(fast.standardError) vs \(se)")
    }
}
