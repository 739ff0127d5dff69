import Foundation
import Testing
@testable import Distributions
import TestSupport

@Suite struct BinomialTests {
    /// dbinom/pbinom (and logs) against R for n = 1 … 1e5 and p = 1e-10 … 0.999. Tolerances: 1e-13 relative where
    /// the value is ≥ 1e-10, 1e-10 below; log values by `logProbabilityError` (same split).
    @Test func matchesR() throws {
        let t = try FixtureTable("binom.csv")
        var body = WorstError(), tail = WorstError(), logBody = WorstError(), logTail = WorstError()
        for r in t.rows {
            let d = try Binomial(trials: Int(t.value(r, "n")), probability: t.value(r, "prob"))
            let k = Int(t.value(r, "k"))
            let p = t.value(r, "p"), q = t.value(r, "q"), logd = t.value(r, "logd")
            let here = "k=\(k) n=\(d.trials) p=\(d.probability)"
            if p >= 1e-10 { body.record(d.cdf(k), p, "P " + here) } else { tail.record(d.cdf(k), p, "P " + here) }
            if q >= 1e-10 { body.record(d.upperTail(k), q, "Q " + here) } else { tail.record(d.upperTail(k), q, "Q " + here) }
            if logd >= log(1e-10) { logBody.recordLogDensity(d.logProbability(k), logd, "logd " + here) }
            else { logTail.recordLogDensity(d.logProbability(k), logd, "logd " + here) }
            let expectedLogP = p >= 1e-305 && p <= 0.5 ? log(p) : (q >= 1e-305 && q < 0.5 ? log1p(-q) : t.value(r, "logp"))
            let expectedLogQ = q >= 1e-305 && q <= 0.5 ? log(q) : (p >= 1e-305 && p < 0.5 ? log1p(-p) : t.value(r, "logq"))
            if min(p, q) >= 1e-10 {
                logBody.recordLog(d.logCDF(k), expectedLogP, "logP " + here)
                logBody.recordLog(d.logUpperTail(k), expectedLogQ, "logQ " + here)
            } else {
                logTail.recordLog(d.logCDF(k), expectedLogP, "logP " + here)
                logTail.recordLog(d.logUpperTail(k), expectedLogQ, "logQ " + here)
            }
        }
        testReport("pbinom body \(body.value) @ \(body.location)\npbinom tail \(tail.value) @ \(tail.location)\nbinom logs \(logBody.value) @ \(logBody.location)\nbinom log tails \(logTail.value) @ \(logTail.location)")
        #expect(body.value <= 1e-13, "\(body.location)")
        #expect(tail.value <= 1e-10, "\(tail.location)")
        #expect(logBody.value <= 1e-13, "\(logBody.location)")
        #expect(logTail.value <= 1e-10, "\(logTail.location)")
    }

    /// qbinom (both tails) against R, including p ∈ {0, 1e-300, 1}; see `DiscreteQuantileComparison` for the
    /// only accepted differences (R's overshoot to n, and exact ties).
    @Test func quantileMatchesR() throws {
        let t = try FixtureTable("binom-quantile.csv")
        var cmp = DiscreteQuantileComparison()
        for r in t.rows {
            let d = try Binomial(trials: Int(t.value(r, "n")), probability: t.value(r, "prob"))
            let p = t.value(r, "p")
            let here = "p=\(p) n=\(d.trials) prob=\(d.probability)"
            let lowTarget = p * (1 - 8 * 2.220446049250313e-16)
            let upTarget = 1 - p > 32 * 2.220446049250313e-16 ? p * (1 + 8 * 2.220446049250313e-16) : p
            cmp.check(ours: d.quantile(p), r: t.value(r, "k"), upperEnd: Double(d.trials), target: p,
                      tailAt: { d.cdf($0) }, reached: { d.cdf($0) >= lowTarget }, "lower " + here)
            cmp.check(ours: d.upperQuantile(p), r: t.value(r, "kupper"), upperEnd: Double(d.trials), target: p,
                      tailAt: { d.upperTail($0) }, reached: { d.upperTail($0) < upTarget }, "upper " + here)
        }
        testReport("qbinom: \(cmp.agreements) equal to R; explained differences \(cmp.explained)")
        #expect(cmp.failures.isEmpty, "\(cmp.failures.prefix(6))")
        #expect(cmp.explained.count <= 6)
    }

    /// Hand-computable: probabilities sum to 1 (to 1e-14); n = 3, p = ½ gives 1/8, 3/8, 3/8, 1/8 (exact to 1e-15);
    /// cdf is the running sum of the pmf (1e-14); mean np and variance np(1 − p).
    @Test func sumsAndSmallCases() throws {
        let d = try Binomial(trials: 40, probability: 0.3)
        let pmf = (0...40).map { d.probability($0) }
        #expect(abs(pmf.reduce(0, +) - 1) <= 1e-14)
        var running = 0.0
        for k in 0...40 {
            running += pmf[k]
            #expect(abs(d.cdf(k) - running) <= 1e-14)
            #expect(abs(d.upperTail(k) - (1 - running)) <= 1e-14)
        }
        let h = try Binomial(trials: 3, probability: 0.5)
        for (k, v) in [(0, 0.125), (1, 0.375), (2, 0.375), (3, 0.125)] {
            #expect(relativeError(h.probability(k), v) <= 1e-15)
        }
        #expect(isClose(d.mean, 12, relative: 1e-15) && isClose(d.variance, 8.4, absolute: 1e-14))
    }

    /// Probability 0 or 1 gives point masses; k outside 0…n; invalid parameters throw.
    @Test func edgeCases() throws {
        let zero = try Binomial(trials: 10, probability: 0)
        let one = try Binomial(trials: 10, probability: 1)
        #expect(zero.probability(0) == 1 && zero.probability(1) == 0 && zero.cdf(0) == 1 && zero.upperTail(0) == 0)
        #expect(one.probability(10) == 1 && one.probability(9) == 0 && one.cdf(9) == 0 && one.cdf(10) == 1)
        #expect(zero.quantile(0.5) == 0 && one.quantile(0.5) == 10)
        let d = try Binomial(trials: 5, probability: 0.4)
        #expect(d.probability(-1) == 0 && d.probability(6) == 0 && d.cdf(-1) == 0 && d.cdf(5) == 1 && d.upperTail(5) == 0)
        #expect(d.logCDF(-1) == -.infinity && d.logUpperTail(7) == -.infinity)
        #expect(d.quantile(.nan).isNaN && d.quantile(-0.5).isNaN && d.quantile(0) == 0 && d.quantile(1) == 5)
        #expect(try Binomial(trials: 0, probability: 0.3).probability(0) == 1)
        #expect(throws: DistributionError.self) { try Binomial(trials: -1, probability: 0.5) }
        #expect(throws: DistributionError.self) { try Binomial(trials: 3, probability: 1.5) }
        #expect(throws: DistributionError.self) { try Binomial(trials: 3, probability: .nan) }
    }
}
