import Foundation
import Testing
@testable import Distributions
import TestSupport

@Suite struct FisherFTests {
    /// pf, df (and logs) against R for degrees of freedom 0.5 … 1e6 and x at both-tail quantiles down to 1e-300.
    /// Tolerances: 1e-13 relative where the probability is ≥ 1e-10, 1e-10 below; logs and density by
    /// `logProbabilityError` at 1e-13 (1e-10 in the far tails).
    @Test func matchesR() throws {
        let t = try FixtureTable("f-cdf.csv")
        var body = WorstError(), tail = WorstError(), logs = WorstError(), logTail = WorstError(), dens = WorstError()
        for r in t.rows {
            let d = try FisherF(numeratorDF: t.value(r, "df1"), denominatorDF: t.value(r, "df2"))
            let x = t.value(r, "x"), p = t.value(r, "p"), q = t.value(r, "q")
            let here = "x=\(x) m=\(d.numeratorDF) n=\(d.denominatorDF)"
            if p >= 1e-10 { body.record(d.cdf(x), p, "P " + here) } else { tail.record(d.cdf(x), p, "P " + here) }
            if q >= 1e-10 { body.record(d.upperTail(x), q, "Q " + here) } else { tail.record(d.upperTail(x), q, "Q " + here) }
            dens.recordLogDensity(d.logDensity(x), t.value(r, "logd"), "logd " + here)
            let expectedLogP = p >= 1e-305 && p <= 0.5 ? log(p) : (q >= 1e-305 && q < 0.5 ? log1p(-q) : t.value(r, "logp"))
            let expectedLogQ = q >= 1e-305 && q <= 0.5 ? log(q) : (p >= 1e-305 && p < 0.5 ? log1p(-p) : t.value(r, "logq"))
            // Where R's tail underflows (< 1e-305) its log.p value can be badly off (pf(0.001, 1e6, 30, log.p =
            // TRUE) is −14650.35; mpmath gives −14670.3837447622), so those rows are checked against mpmath in
            // `deepLogTailsMatchMpmath` instead.
            if min(p, q) < 1e-305 { continue }
            if min(p, q) >= 1e-10 {
                logs.recordLog(d.logCDF(x), expectedLogP, "logP " + here)
                logs.recordLog(d.logUpperTail(x), expectedLogQ, "logQ " + here)
            } else {
                logTail.recordLog(d.logCDF(x), expectedLogP, "logP " + here)
                logTail.recordLog(d.logUpperTail(x), expectedLogQ, "logQ " + here)
            }
        }
        testReport("pf body \(body.value) @ \(body.location)\npf tail \(tail.value) @ \(tail.location)\npf logs \(logs.value) @ \(logs.location)\npf log tails \(logTail.value) @ \(logTail.location)\ndf \(dens.value) @ \(dens.location)")
        #expect(body.value <= 1e-13, "\(body.location)")
        #expect(tail.value <= 1e-10, "\(tail.location)")
        #expect(logs.value <= 1e-13, "\(logs.location)")
        #expect(logTail.value <= 1e-10, "\(logTail.location)")
        #expect(dens.value <= 1e-13, "\(dens.location)")
    }

    /// ln P and ln Q below 1e-305 against mpmath (Fixtures/f-logtail.csv from make-beta-logtail-fixtures.py).
    /// Tolerance 1e-10 in `logProbabilityError`.
    @Test func deepLogTailsMatchMpmath() throws {
        let t = try FixtureTable("f-logtail.csv")
        var worst = WorstError()
        for r in t.rows {
            let d = try FisherF(numeratorDF: t.value(r, "df1"), denominatorDF: t.value(r, "df2"))
            let x = t.value(r, "x")
            let upper = t.value(r, "upper") == 1
            worst.recordLog(upper ? d.logUpperTail(x) : d.logCDF(x), t.value(r, "logtail"),
                            "x=\(x) m=\(d.numeratorDF) n=\(d.denominatorDF) upper=\(upper)")
        }
        testReport("pf deep log tails \(worst.value) @ \(worst.location) (n=\(worst.count))")
        #expect(worst.count > 50)
        #expect(worst.value <= 1e-10, "\(worst.location)")
    }

    /// qf against R via `QuantileComparison` (x relative error 1e-13 body / 1e-10 tail, scaled by the condition κ).
    @Test func quantileMatchesR() throws {
        let t = try FixtureTable("f-quantile.csv")
        var cmp = QuantileComparison()
        for r in t.rows {
            let d = try FisherF(numeratorDF: t.value(r, "df1"), denominatorDF: t.value(r, "df2"))
            let p = t.value(r, "p")
            let lower = t.value(r, "lower") == 1
            let got = lower ? d.quantile(p) : d.upperQuantile(p)
            let tail: (Double) -> Double = { lower ? d.cdf($0) : d.upperTail($0) }
            cmp.check(got: got, expected: t.value(r, "x"), target: p, rRoundTrip: t.value(r, "pback"),
                      ourRoundTrip: tail(got), gridResolution: grid(got, tail, p),
                      condition: quantileCondition(got, tail: p, density: d.density(got)),
                      "p=\(p) lower=\(lower) m=\(d.numeratorDF) n=\(d.denominatorDF)")
        }
        testReport("qf body \(cmp.body.value) @ \(cmp.body.location)\nqf tail \(cmp.tail.value) @ \(cmp.tail.location)\nqf R-inaccurate rows \(cmp.replacedByRoundTrip)")
        #expect(cmp.body.value <= 1e-13, "\(cmp.body.location)")
        #expect(cmp.tail.value <= 1e-10, "\(cmp.tail.location)")
        #expect(cmp.roundTripFailures.isEmpty, "\(cmp.roundTripFailures.prefix(5))")
    }

    /// Hand-computable: F(2, 2) has cdf x/(1 + x) and density 1/(1 + x)²; F(1, n) at x equals the two-sided t
    /// probability P(|T_n| ≤ √x) = 1 − 2 P(T_n > √x). Tolerances 1e-14 (closed forms) and 1e-13 (t identity).
    @Test func closedForms() throws {
        let f22 = try FisherF(numeratorDF: 2, denominatorDF: 2)
        for x in [1e-8, 0.3, 1, 4, 250] {
            #expect(relativeError(f22.cdf(x), x / (1 + x)) <= 1e-14)
            #expect(relativeError(f22.upperTail(x), 1 / (1 + x)) <= 1e-14)
            #expect(relativeError(f22.density(x), 1 / ((1 + x) * (1 + x))) <= 1e-14)
        }
        let f1 = try FisherF(numeratorDF: 1, denominatorDF: 7)
        let t7 = try StudentT(degreesOfFreedom: 7)
        for x in [0.01, 1, 9, 400] {
            #expect(relativeError(f1.upperTail(x), 2 * t7.upperTail(x.squareRoot())) <= 1e-13)
        }
        let f36 = try FisherF(numeratorDF: 3, denominatorDF: 6)
        #expect(f22.mean == .infinity && isClose(f36.mean, 1.5, relative: 1e-15))
    }

    /// Quantiles for degrees of freedom 0.05 … 1e7 round-trip through our cdf to 1e-12 (plus the double grid
    /// at x), or are ∞/0 exactly when the true quantile lies beyond the doubles.
    @Test func quantilesRoundTrip() throws {
        var failures: [String] = []
        for m in [0.05, 1, 4, 1e7] {
            for n in [0.05, 1, 4, 1e7] {
                let d = try FisherF(numeratorDF: m, denominatorDF: n)
                for p in [1e-300, 1e-50, 1e-5, 0.2, 0.5] {
                    for lower in [true, false] {
                        let x = lower ? d.quantile(p) : d.upperQuantile(p)
                        let tail: (Double) -> Double = { lower ? d.cdf($0) : d.upperTail($0) }
                        let ok: Bool
                        if x == .infinity { ok = !lower && d.upperTail(.greatestFiniteMagnitude) > p }
                        else if x == 0 { ok = lower && d.cdf(.leastNonzeroMagnitude) > p }
                        else { ok = x > 0 && relativeError(tail(x), p) <= 1e-12 + grid(x, tail, p) }
                        if !ok { failures.append("m=\(m) n=\(n) p=\(p) lower=\(lower): x=\(x) T=\(tail(x))") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(5))")
    }

    /// One infinite degree of freedom against R (pf/df/qf with Inf, R's chi-squared limits). Tolerance 1e-13
    /// relative (log density: 1e-13 absolute).
    @Test func infiniteDegreesOfFreedomMatchR() throws {
        let t = try FixtureTable("f-infinite.csv")
        var worst = WorstError()
        for r in t.rows {
            let d = try FisherF(numeratorDF: t.value(r, "df1"), denominatorDF: t.value(r, "df2"))
            let x = t.value(r, "x"), pq = t.value(r, "pq")
            let here = "x=\(x) m=\(d.numeratorDF) n=\(d.denominatorDF)"
            worst.record(d.cdf(x), t.value(r, "p"), "P " + here)
            worst.record(d.upperTail(x), t.value(r, "q"), "Q " + here)
            worst.recordLogDensity(d.logDensity(x), t.value(r, "logd"), "logd " + here)
            worst.record(d.quantile(pq), t.value(r, "qlow"), "quantile " + here)
            worst.record(d.upperQuantile(pq), t.value(r, "qup"), "upperQuantile " + here)
        }
        testReport("F infinite df \(worst.value) @ \(worst.location)")
        #expect(worst.value <= 1e-13, "\(worst.location)")
    }

    @Test func edgeCases() throws {
        let d = try FisherF(numeratorDF: 1, denominatorDF: 5)
        #expect(d.cdf(0) == 0 && d.cdf(-1) == 0 && d.cdf(.infinity) == 1 && d.upperTail(0) == 1)
        #expect(d.density(0) == .infinity && d.density(-1) == 0)
        let f25 = try FisherF(numeratorDF: 2, denominatorDF: 5)
        let f35 = try FisherF(numeratorDF: 3, denominatorDF: 5)
        #expect(f25.density(0) == 1 && f35.density(0) == 0)
        #expect(d.cdf(.nan).isNaN && d.quantile(.nan).isNaN && d.quantile(1.5).isNaN)
        #expect(d.quantile(0) == 0 && d.quantile(1) == .infinity && d.upperQuantile(0) == .infinity)
        #expect(throws: DistributionError.self) { try FisherF(numeratorDF: -1, denominatorDF: 5) }
        #expect(throws: DistributionError.self) { try FisherF(numeratorDF: 1, denominatorDF: .nan) }
        let both = try FisherF(numeratorDF: .infinity, denominatorDF: .infinity)
        #expect(both.cdf(0.999) == 0 && both.cdf(1) == 1 && both.quantile(0.3) == 1)
    }
}
