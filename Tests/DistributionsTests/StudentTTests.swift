import Foundation
import Testing
@testable import Distributions
import TestSupport

@Suite struct StudentTTests {
    /// pt, dt (and logs) against R for ν from 0.1 to 1e10 and x up to 1e100. Tolerances: 1e-13 relative where
    /// the probability is ≥ 1e-10, 1e-10 in the far tails; density 1e-13 (`logProbabilityError`).
    @Test func matchesR() throws {
        let t = try FixtureTable("t-cdf.csv")
        var body = WorstError(), tail = WorstError(), logs = WorstError(), dens = WorstError()
        for r in t.rows {
            let d = try StudentT(degreesOfFreedom: t.value(r, "df"))
            let x = t.value(r, "x"), p = t.value(r, "p"), q = t.value(r, "q")
            let here = "x=\(x) df=\(d.degreesOfFreedom)"
            if p >= 1e-10 { body.record(d.cdf(x), p, "P " + here) } else { tail.record(d.cdf(x), p, "P " + here) }
            if q >= 1e-10 { body.record(d.upperTail(x), q, "Q " + here) } else { tail.record(d.upperTail(x), q, "Q " + here) }
            // As for the incomplete beta: the log of a representable small tail is checked against log(R's tail).
            let expectedLogP = p >= 1e-305 && p <= 0.5 ? log(p) : (q >= 1e-305 && q < 0.5 ? log1p(-q) : t.value(r, "logp"))
            let expectedLogQ = q >= 1e-305 && q <= 0.5 ? log(q) : (p >= 1e-305 && p < 0.5 ? log1p(-p) : t.value(r, "logq"))
            logs.recordLog(d.logCDF(x), expectedLogP, "logP " + here)
            logs.recordLog(d.logUpperTail(x), expectedLogQ, "logQ " + here)
            dens.recordLogDensity(d.logDensity(x), t.value(r, "logd"), "logd " + here)
            dens.record(d.density(x), t.value(r, "d"), "d " + here)
        }
        testReport("pt body \(body.value) @ \(body.location)\npt tail \(tail.value) @ \(tail.location)\npt logs \(logs.value) @ \(logs.location)\ndt \(dens.value) @ \(dens.location)")
        #expect(body.value <= 1e-13, "\(body.location)")
        #expect(tail.value <= 1e-10, "\(tail.location)")
        #expect(logs.value <= 1e-10, "\(logs.location)")
        #expect(dens.value <= 1e-13, "\(dens.location)")
    }

    /// ln P(T > x) below 1e-305 (ν = 0.1 … 1e6, x up to 1e300) against mpmath (Fixtures/t-logtail.csv).
    /// Tolerance 1e-10 in `logProbabilityError`.
    @Test func deepLogTailsMatchMpmath() throws {
        let t = try FixtureTable("t-logtail.csv")
        var worst = WorstError()
        for r in t.rows {
            let d = try StudentT(degreesOfFreedom: t.value(r, "df"))
            let x = t.value(r, "x")
            worst.recordLog(d.logUpperTail(x), t.value(r, "logupper"), "x=\(x) df=\(d.degreesOfFreedom)")
            worst.recordLog(d.logCDF(-x), t.value(r, "logupper"), "-x=\(-x) df=\(d.degreesOfFreedom)")
        }
        testReport("pt deep log tails \(worst.value) @ \(worst.location) (n=\(worst.count))")
        #expect(worst.count >= 20)
        #expect(worst.value <= 1e-10, "\(worst.location)")
    }

    /// qt against R via `QuantileComparison`: relative error in x ≤ 1e-13 for p ≥ 1e-10, ≤ 1e-10 below. At p = ½
    /// the exact answer is 0 (R returns ~5e-16 for ν = 0.1), so x is compared with an absolute floor of 1e-15.
    @Test func quantileMatchesR() throws {
        let t = try FixtureTable("t-quantile.csv")
        var cmp = QuantileComparison()
        for r in t.rows {
            let d = try StudentT(degreesOfFreedom: t.value(r, "df"))
            let p = t.value(r, "p"), x = t.value(r, "x")
            let got = d.quantile(p)
            if p == 0.5 { #expect(abs(got - x) <= 1e-15); continue }
            cmp.check(got: got, expected: x, target: p, rRoundTrip: t.value(r, "pback"), ourRoundTrip: d.cdf(got), gridResolution: grid(got, d.cdf, p),
                      condition: quantileCondition(got, tail: p, density: d.density(got)),
                      "p=\(p) df=\(d.degreesOfFreedom)")
            // symmetry: upperQuantile(p) = −quantile(p)
            #expect(d.upperQuantile(p) == -got)
        }
        testReport("qt body \(cmp.body.value) @ \(cmp.body.location)\nqt tail \(cmp.tail.value) @ \(cmp.tail.location)\nqt R-inaccurate rows \(cmp.replacedByRoundTrip)")
        #expect(cmp.body.value <= 1e-13, "\(cmp.body.location)")
        #expect(cmp.tail.value <= 1e-10, "\(cmp.tail.location)")
        #expect(cmp.roundTripFailures.isEmpty, "\(cmp.roundTripFailures.prefix(5))")
    }

    /// Quantiles for ν from 0.01 to 1e12 round-trip through our cdf to 1e-12 (plus the double grid at x) for
    /// p from 1e-300 to 0.5.
    @Test func quantilesRoundTrip() throws {
        var failures: [String] = []
        for n in [0.01, 0.1, 0.7, 1, 2, 5, 1e3, 1e8, 1e12] {
            let d = try StudentT(degreesOfFreedom: n)
            for p in [1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.49] {
                let x = d.quantile(p)
                if !(x.isFinite && relativeError(d.cdf(x), p) <= 1e-12 + grid(x, d.cdf, p)) {
                    // the true quantile may exceed the largest double (ν = 0.01, p = 1e-100: |x| ~ 1e10000)
                    if !(x == -.infinity && d.cdf(-Double.greatestFiniteMagnitude) > p) {
                        failures.append("df=\(n) p=\(p): x=\(x) F(x)=\(d.cdf(x))")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(5))")
    }

    /// ν = 1 is the Cauchy: F(x) = ½ + atan(x)/π, f(x) = 1/(π(1 + x²)), Q(p) = tan(π(p − ½)).
    /// ν = 2: F(x) = ½ + x/(2√(2 + x²)), f(x) = (2 + x²)^(−3/2). Tolerance 1e-14 relative.
    @Test func closedForms() throws {
        let c = try StudentT(degreesOfFreedom: 1)
        let t2 = try StudentT(degreesOfFreedom: 2)
        for x in [-30.0, -2, -0.5, 0, 0.3, 1, 7, 1e5] {
            #expect(relativeError(c.cdf(x), 0.5 + atan(x) / Double.pi) <= 1e-14)
            #expect(relativeError(c.density(x), 1 / (Double.pi * (1 + x * x))) <= 1e-14)
            // F₂(x) = ½ + x/(2√(2+x²)), written for x < 0 as 1/(√(2+x²)(√(2+x²) + |x|)) to avoid cancellation.
            let r = (2 + x * x).squareRoot()
            let f2 = x < 0 ? 1 / (r * (r - x)) : 0.5 + x / (2 * r)
            #expect(relativeError(t2.cdf(x), f2) <= 1e-14)
            #expect(relativeError(t2.density(x), pow(2 + x * x, -1.5)) <= 1e-14)
        }
        // Upper tail of the Cauchy for large x: atan(1/x)/π. R's asymptotic branch exponentiates a logarithm
        // of size 460, which costs ~460 ε: tolerance 1e-13.
        #expect(relativeError(c.upperTail(1e200), atan(1e-200) / Double.pi) <= 1e-13)
        for p in [0.01, 0.2, 0.4, 0.75, 0.99] {
            #expect(relativeError(c.quantile(p), tan(Double.pi * (p - 0.5))) <= 1e-13)
        }
        #expect(c.mean.isNaN && c.variance.isNaN && t2.variance == .infinity)
        #expect(isClose(try StudentT(degreesOfFreedom: 5).variance, 5.0 / 3, relative: 1e-15))
    }

    /// As ν → ∞ the t tends to the normal: at ν = 1e10, F(1.96) agrees with Φ(1.96) = erfc(−1.96/√2)/2 to 1e-9.
    @Test func largeDegreesOfFreedomApproachNormal() throws {
        let d = try StudentT(degreesOfFreedom: 1e10)
        let phi = erfc(-1.96 / 2.0.squareRoot()) / 2
        #expect(abs(d.cdf(1.96) - phi) <= 1e-9)
        #expect(abs(d.density(0) - 1 / (2 * Double.pi).squareRoot()) <= 1e-10)
    }

    /// ν = ∞ is the standard normal (R: pt(x, Inf) = pnorm(x)); compared with `Normal.standard` exactly.
    @Test func infiniteDegreesOfFreedomIsNormal() throws {
        let d = try StudentT(degreesOfFreedom: .infinity)
        let n = Normal.standard
        for x in [-40.0, -1.5, 0, 0.7, 9] {
            #expect(d.cdf(x) == n.cdf(x) && d.upperTail(x) == n.upperTail(x) && d.logDensity(x) == n.logDensity(x))
            #expect(d.logCDF(x) == n.logCDF(x) && d.logUpperTail(x) == n.logUpperTail(x))
        }
        #expect(isClose(d.quantile(0.975), n.quantile(0.975), relative: 1e-15)
                && isClose(d.upperQuantile(1e-300), n.upperQuantile(1e-300), relative: 1e-15))
        #expect(d.variance == 1 && d.mean == 0)
    }

    @Test func edgeCases() throws {
        let d = try StudentT(degreesOfFreedom: 3)
        #expect(d.cdf(.infinity) == 1 && d.cdf(-.infinity) == 0 && d.upperTail(.infinity) == 0)
        #expect(d.logCDF(-.infinity) == -.infinity && d.density(.infinity) == 0)
        #expect(d.cdf(.nan).isNaN && d.logDensity(.nan).isNaN)
        #expect(d.quantile(0) == -.infinity && d.quantile(1) == .infinity && d.quantile(0.5) == 0)
        #expect(d.upperQuantile(0) == .infinity && d.quantile(2).isNaN)
        #expect(throws: DistributionError.self) { try StudentT(degreesOfFreedom: 0) }
        #expect(throws: DistributionError.self) { try StudentT(degreesOfFreedom: -.infinity) }
        #expect(throws: DistributionError.self) { try StudentT(degreesOfFreedom: .nan) }
    }
}
