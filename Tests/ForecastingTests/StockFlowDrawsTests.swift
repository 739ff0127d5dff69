import Foundation
import Sampling
import Testing
@testable import Forecasting

/// The projection's own random stream and exact draws (``StockFlowStream``, ``StockFlowAlias``) against their
/// exact pmfs, and the projection's independence of the thread count.
///
/// Chi-square: Pearson's statistic over the integers of mean ± 12 sd (draws outside counted in the end bins),
/// adjacent cells pooled until each bin expects ≥ 5 draws; 20,000 draws per seed, seeds 1...3, each must pass at
/// α = 0.001. The critical value is Wilson–Hilferty's χ²(df) quantile df·(1 − 2/(9df) + z·√(2/(9df)))³ with
/// z = 3.0902 (the normal 0.999 quantile), within 1% of the exact quantile for df ≥ 3 (scipy: df 3: 16.27 vs
/// 16.42; df 30: 59.70 vs 59.71) — a test stated at α ≈ 0.001.
@Suite struct StockFlowDrawsTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let draws = 20_000

    static func critical(df: Int) -> Double {
        let d = Double(df), z = 3.090232306167813
        let c = 1 - 2 / (9 * d) + z * (2 / (9 * d)).squareRoot()
        return d * c * c * c
    }

    /// Pearson's chi-square of integer draws against `pmf` on lower...upper (see the suite's note).
    static func chiSquare(_ xs: [Int], lower: Int, upper: Int, pmf: (Int) -> Double) -> (statistic: Double, df: Int, critical: Double) {
        let n = Double(xs.count)
        var counts = [Int: Int]()
        for x in xs { counts[min(max(x, lower), upper), default: 0] += 1 }
        var bins: [(e: Double, o: Double)] = []
        var e = 0.0, o = 0.0, total = 0.0
        for k in lower...upper {
            let p = pmf(k)
            total += p
            e += n * p
            o += Double(counts[k] ?? 0)
            if e >= 5 { bins.append((e, o)); e = 0; o = 0 }
        }
        e += n * max(0, 1 - total)
        if let last = bins.popLast() { bins.append((last.e + e, last.o + o)) } else { bins.append((e, o)) }
        let statistic = bins.reduce(0.0) { $0 + ($1.o - $1.e) * ($1.o - $1.e) / $1.e }
        return (statistic, bins.count - 1, critical(df: max(1, bins.count - 1)))
    }

    static func binomialPMF(_ k: Int, n: Int, p: Double) -> Double {
        if k < 0 || k > n { return 0 }
        let nd = Double(n), kd = Double(k)
        let logChoose: Double = lgamma(nd + 1) - lgamma(kd + 1) - lgamma(nd - kd + 1)
        let logPowers: Double = kd * log(p) + (nd - kd) * log1p(-p)
        return exp(logChoose + logPowers)
    }

    static func poissonPMF(_ k: Int, mean: Double) -> Double {
        if k < 0 { return 0 }
        let logP: Double = -mean + Double(k) * log(mean) - lgamma(Double(k) + 1)
        return exp(logP)
    }

    /// The stream continues Sampling's Xoshiro256** word for word (integers: exact equality), and hands the
    /// generator back where it stopped.
    @Test func streamContinuesTheGenerator() {
        var g = Xoshiro256StarStar(seed: 42)
        _ = g.next()
        var s = StockFlowStream(g)
        for _ in 0..<1000 { #expect(s.next() == g.next()) }
        #expect(s.generator == g)
    }

    /// Binomial(n, p) by inversion (n·p < 10: (20, 0.03), (150, 0.05), (1023, 0.0097)) and by the BTRS fallback
    /// (n·p ≥ 10: (400, 0.04); p > ½: (30, 0.6); n ≥ 1024: (5000, 0.001)) against C(n,k)pᵏ(1−p)ⁿ⁻ᵏ.
    @Test(arguments: [(20, 0.03), (150, 0.05), (1023, 0.0097), (400, 0.04), (30, 0.6), (5000, 0.001)])
    func binomialMatchesItsPMF(_ c: (Int, Double)) throws {
        let (n, p) = c
        let mean = Double(n) * p, sd = (mean * (1 - p)).squareRoot()
        for seed in Self.seeds {
            var s = StockFlowStream(Xoshiro256StarStar(seed: seed))
            let xs = try (0..<Self.draws).map { _ in try s.binomial(n, p, logQ: log1p(-p)) }
            #expect(xs.allSatisfy { $0 >= 0 && $0 <= n })
            let t = Self.chiSquare(xs, lower: max(0, Int(mean - 12 * sd)), upper: min(n, Int(mean + 12 * sd) + 12)) {
                Self.binomialPMF($0, n: n, p: p)
            }
            #expect(t.statistic <= t.critical, "Binomial(\(n), \(p)) seed \(seed): chi2 \(t.statistic) on \(t.df) df > \(t.critical)")
        }
        var s = StockFlowStream(Xoshiro256StarStar(seed: 9))
        #expect(try s.binomial(0, 0.3, logQ: log1p(-0.3)) == 0)
        #expect(try s.binomial(50, 0, logQ: 0) == 0)
    }

    /// Poisson(mean) by inversion (0.5, 6, 29.9) and by the PTRS fallback (30, 400) against e^{−λ}λᵏ/k!.
    @Test(arguments: [0.5, 6, 29.9, 30, 400])
    func poissonMatchesItsPMF(_ mean: Double) throws {
        let sd = mean.squareRoot()
        for seed in Self.seeds {
            var s = StockFlowStream(Xoshiro256StarStar(seed: seed))
            let xs = try (0..<Self.draws).map { _ in try s.poisson(mean) }
            let t = Self.chiSquare(xs, lower: max(0, Int(mean - 12 * sd)), upper: Int(mean + 12 * sd) + 12) {
                Self.poissonPMF($0, mean: mean)
            }
            #expect(t.statistic <= t.critical, "Poisson(\(mean)) seed \(seed): chi2 \(t.statistic) on \(t.df) df > \(t.critical)")
        }
    }

    /// The one-output alias draw against its weights: a 5-category law with a zero weight (never drawn) and a
    /// 288-category law (the largest entrant table: 72 months × 4 groups) with weights 1 + (i mod 7)·i/50; and an
    /// all-zero table returns 0.
    @Test func aliasDrawMatchesItsWeights() {
        let small = [0.1, 0, 3, 1.5, 0.4]
        let large = (0..<288).map { 1 + Double($0 % 7) * Double($0) / 50 }
        var tables = StockFlowAlias()
        tables.append([0, 0, 0])
        tables.append(small)
        tables.append(large)
        for seed in Self.seeds {
            var s = StockFlowStream(Xoshiro256StarStar(seed: seed))
            #expect((0..<100).allSatisfy { _ in tables.draw(0, &s) == 0 })
            for (t, w) in [(1, small), (2, large)] {
                let total = w.reduce(0, +)
                let n = t == 1 ? Self.draws : 10 * Self.draws
                let xs = (0..<n).map { _ in tables.draw(t, &s) }
                #expect(xs.allSatisfy { $0 >= 0 && $0 < w.count && w[$0] > 0 })
                let c = Self.chiSquare(xs, lower: 0, upper: w.count - 1) { w[$0] / total }
                #expect(c.statistic <= c.critical, "table \(t) seed \(seed): chi2 \(c.statistic) on \(c.df) df > \(c.critical)")
            }
        }
    }

    /// Law: the projection is the same on 1, 2, 3 and 5 threads (paths are interleaved differently across the
    /// workers; each path owns its stream), with scenarios too; integer counts compared exactly.
    @Test func projectionDoesNotDependOnTheThreadCount() throws {
        let (_, posterior) = try StockFlowTests.simulatedPosterior()
        let scenario = StockFlowScenario(name: "uasc", changes: [StockFlowChange(parsing: "uasc:+50%")!])
        for s in [StockFlowScenario.baseline, scenario] {
            let runs = try [1, 2, 3, 5].map { threads in
                try StockFlowProjection.run(posterior, scenario: s,
                                            spec: StockFlowProjectionSpec(horizonMonths: 18, paths: 37, seed: 11, threads: threads))
            }
            for r in runs.dropFirst() { #expect(r.stock == runs[0].stock) }
        }
    }
}
