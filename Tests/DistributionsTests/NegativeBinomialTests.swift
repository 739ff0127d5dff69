import Foundation
import Testing
@testable import Distributions

@Suite struct NegativeBinomialTests {
    /// dnbinom/pnbinom against R in both parametrisations (size 1e-3 … 1e6, μ 1e-3 … 1e4). Tolerances: 1e-13
    /// relative where the value is ≥ 1e-10, 1e-10 below; log values by `logProbabilityError`.
    @Test func matchesR() throws {
        let t = try FixtureTable("nbinom.csv")
        var body = WorstError(), tail = WorstError(), logBody = WorstError(), logTail = WorstError()
        for r in t.rows {
            let size = t.value(r, "size"), mu = t.value(r, "mu")
            let byMean = try NegativeBinomial(size: size, mean: mu)
            let byProb = try NegativeBinomial(size: size, probability: t.value(r, "prob"))
            let k = Int(t.value(r, "k"))
            let here = "k=\(k) size=\(size) mu=\(mu)"
            for (d, sfx) in [(byMean, "_mu"), (byProb, "")] {
                let p = t.value(r, "p" + sfx), q = t.value(r, "q" + sfx), logd = t.value(r, "logd" + sfx)
                if p >= 1e-10 { body.record(d.cdf(k), p, "P\(sfx) " + here) } else { tail.record(d.cdf(k), p, "P\(sfx) " + here) }
                if q >= 1e-10 { body.record(d.upperTail(k), q, "Q\(sfx) " + here) } else { tail.record(d.upperTail(k), q, "Q\(sfx) " + here) }
                if logd >= log(1e-10) { logBody.recordLogDensity(d.logProbability(k), logd, "logd\(sfx) " + here) }
                else { logTail.recordLogDensity(d.logProbability(k), logd, "logd\(sfx) " + here) }
            }
            let p = t.value(r, "p_mu"), q = t.value(r, "q_mu")
            let expectedLogP = p >= 1e-305 && p <= 0.5 ? log(p) : (q >= 1e-305 && q < 0.5 ? log1p(-q) : t.value(r, "logp_mu"))
            let expectedLogQ = q >= 1e-305 && q <= 0.5 ? log(q) : (p >= 1e-305 && p < 0.5 ? log1p(-p) : t.value(r, "logq_mu"))
            // R's log.p value where its tail underflows can be far off (pnbinom(1e6, 10, mu = 1e4, lower = FALSE,
            // log = TRUE) = −920.17; mpmath −950.1332724754115): those are checked in deepLogTailsMatchMpmath.
            if min(p, q) < 1e-305 { continue }
            if min(p, q) >= 1e-10 {
                logBody.recordLog(byMean.logCDF(k), expectedLogP, "logP " + here)
                logBody.recordLog(byMean.logUpperTail(k), expectedLogQ, "logQ " + here)
            } else {
                logTail.recordLog(byMean.logCDF(k), expectedLogP, "logP " + here)
                logTail.recordLog(byMean.logUpperTail(k), expectedLogQ, "logQ " + here)
            }
        }
        testReport("pnbinom body \(body.value) @ \(body.location)\npnbinom tail \(tail.value) @ \(tail.location)\nnbinom logs \(logBody.value) @ \(logBody.location)\nnbinom log tails \(logTail.value) @ \(logTail.location)")
        #expect(body.value <= 1e-13, "\(body.location)")
        #expect(tail.value <= 1e-10, "\(tail.location)")
        #expect(logBody.value <= 1e-13, "\(logBody.location)")
        #expect(logTail.value <= 1e-10, "\(logTail.location)")
    }

    /// ln P(X > k) below 1e-305 against mpmath (Fixtures/nbinom-logtail.csv). Tolerance 1e-10 in
    /// `logProbabilityError`.
    @Test func deepLogTailsMatchMpmath() throws {
        let t = try FixtureTable("nbinom-logtail.csv")
        var worst = WorstError()
        for r in t.rows {
            let d = try NegativeBinomial(size: t.value(r, "size"), mean: t.value(r, "mu"))
            let k = Int(t.value(r, "k"))
            worst.recordLog(d.logUpperTail(k), t.value(r, "logupper"), "k=\(k) size=\(d.size) mu=\(d.mean)")
        }
        testReport("nbinom deep log tails \(worst.value) @ \(worst.location) (n=\(worst.count))")
        #expect(worst.count >= 20)
        #expect(worst.value <= 1e-10, "\(worst.location)")
    }

    /// qnbinom(p, size, mu = μ) (both tails) against R; see `DiscreteQuantileComparison` for the only accepted
    /// differences.
    @Test func quantileMatchesR() throws {
        let t = try FixtureTable("nbinom-quantile.csv")
        var cmp = DiscreteQuantileComparison()
        for r in t.rows {
            let d = try NegativeBinomial(size: t.value(r, "size"), mean: t.value(r, "mu"))
            let p = t.value(r, "p")
            let here = "p=\(p) size=\(d.size) mu=\(d.mean)"
            let lowTarget = p * (1 - 8 * 2.220446049250313e-16)
            let upTarget = 1 - p > 32 * 2.220446049250313e-16 ? p * (1 + 8 * 2.220446049250313e-16) : p
            cmp.check(ours: d.quantile(p), r: t.value(r, "k"), upperEnd: .infinity, target: p,
                      tailAt: { d.cdf($0) }, reached: { d.cdf($0) >= lowTarget }, "lower " + here)
            cmp.check(ours: d.upperQuantile(p), r: t.value(r, "kupper"), upperEnd: .infinity, target: p,
                      tailAt: { d.upperTail($0) }, reached: { d.upperTail($0) < upTarget }, "upper " + here)
        }
        testReport("qnbinom: \(cmp.agreements) equal to R; explained differences \(cmp.explained)")
        #expect(cmp.failures.isEmpty, "\(cmp.failures.prefix(6))")
        #expect(cmp.explained.count <= 6)
    }

    /// Hand-computable: size 1 is geometric, P(X = k) = p(1 − p)^k, P(X > k) = (1 − p)^(k+1) (1e-14); the pmf sums
    /// to 1 (1e-13 over 0…2000 for μ = 20, size 2.5); mean r(1 − p)/p and variance μ + μ²/r.
    @Test func geometricAndSums() throws {
        let g = try NegativeBinomial(size: 1, probability: 0.2)
        for k in [0, 1, 5, 40] {
            #expect(relativeError(g.probability(k), 0.2 * pow(0.8, Double(k))) <= 1e-14)
            #expect(relativeError(g.upperTail(k), pow(0.8, Double(k + 1))) <= 1e-14)
        }
        let d = try NegativeBinomial(size: 2.5, mean: 20)
        #expect(abs((0...2000).map { d.probability($0) }.reduce(0, +) - 1) <= 1e-13)
        #expect(relativeError(d.variance, 20 + 400 / 2.5) <= 1e-15)
        #expect(relativeError(g.mean, 4) <= 1e-15)
    }

    @Test func edgeCases() throws {
        let point = try NegativeBinomial(size: 3, mean: 0)
        #expect(point.probability(0) == 1 && point.probability(2) == 0 && point.cdf(0) == 1 && point.quantile(0.9) == 0)
        let p1 = try NegativeBinomial(size: 3, probability: 1)
        #expect(p1.probability(0) == 1 && p1.upperTail(0) == 0)
        let d = try NegativeBinomial(size: 0.5, mean: 3)
        #expect(d.probability(-1) == 0 && d.cdf(-1) == 0 && d.upperTail(-1) == 1)
        #expect(d.quantile(1) == .infinity && d.quantile(0) == 0 && d.upperQuantile(0) == .infinity && d.quantile(.nan).isNaN)
        #expect(throws: DistributionError.self) { try NegativeBinomial(size: 0, mean: 1) }
        #expect(throws: DistributionError.self) { try NegativeBinomial(size: 1, probability: 0) }
        #expect(throws: DistributionError.self) { try NegativeBinomial(size: 1, mean: -1) }
    }
}
