import Foundation
import Testing
@testable import Distributions
import TestSupport

@Suite struct BetaDistributionTests {
    /// Density against R's dbeta(log = TRUE) on the beta-cdf.csv grid, as |Δ ln f| (`logDensityError`, the relative
    /// error of the density). Tolerance 1e-13 where the density is ≥ 1e-10; 1e-12 below, because R's own dbeta is off
    /// there by up to 2.3e-13 (x = 0.33756897016231624, a = b = 1000: mpmath −107.843840055589487, R
    /// −107.84384005558972, ours −107.84384005558951).
    @Test func logDensityMatchesR() throws {
        let t = try FixtureTable("beta-cdf.csv")
        var body = WorstError(), tail = WorstError()
        for r in t.rows {
            let d = try BetaDistribution(alpha: t.value(r, "a"), beta: t.value(r, "b"))
            let x = t.value(r, "x"), logd = t.value(r, "logd")
            let here = "x=\(x) a=\(d.alpha) b=\(d.beta)"
            if logd >= log(1e-10) { body.recordLogDensity(d.logDensity(x), logd, here) } else { tail.recordLogDensity(d.logDensity(x), logd, here) }
        }
        testReport("dbeta body \(body.value) @ \(body.location)\ndbeta tail \(tail.value) @ \(tail.location)")
        #expect(body.value <= 1e-13, "\(body.location)")
        #expect(tail.value <= 1e-12, "\(tail.location)")
    }

    /// Quantiles against R's qbeta (rows where qbeta warned are not in the fixture), via `QuantileComparison`.
    /// Relative error in x: 1e-13 when the target probability ≥ 1e-10, 1e-10 below.
    @Test func quantileMatchesR() throws {
        let t = try FixtureTable("beta-quantile.csv")
        var cmp = QuantileComparison()
        for r in t.rows {
            let d = try BetaDistribution(alpha: t.value(r, "a"), beta: t.value(r, "b"))
            let p = t.value(r, "p")
            let lower = t.value(r, "lower") == 1
            let got = lower ? d.quantile(p) : d.upperQuantile(p)
            let back = lower ? d.cdf(got) : d.upperTail(got)
            cmp.check(got: got, expected: t.value(r, "x"), target: p, rRoundTrip: t.value(r, "pback"),
                      ourRoundTrip: back, gridResolution: grid(got, lower ? d.cdf : d.upperTail, p),
                      condition: quantileCondition(got, tail: p, density: d.density(got)), "p=\(p) lower=\(lower) a=\(d.alpha) b=\(d.beta)")
        }
        testReport("qbeta body \(cmp.body.value) @ \(cmp.body.location)\nqbeta tail \(cmp.tail.value) @ \(cmp.tail.location)\nqbeta R-inaccurate rows \(cmp.replacedByRoundTrip)")
        #expect(cmp.body.value <= 1e-13, "\(cmp.body.location)")
        #expect(cmp.tail.value <= 1e-10, "\(cmp.tail.location)")
        #expect(cmp.roundTripFailures.isEmpty, "\(cmp.roundTripFailures.prefix(5))")
    }

    /// Quantiles for extreme shapes (1e-3 … 1e5, where R's qbeta itself warns) must round-trip through our cdf:
    /// |T(x) − p|/p ≤ 1e-12 plus the resolution of the double grid at x; a result of exactly 0 (or 1) is accepted
    /// only when the true quantile lies below the smallest positive double (or above the largest double < 1).
    @Test func extremeShapeQuantilesRoundTrip() throws {
        let shapes = [1e-3, 0.1, 1, 30, 1e5]
        var failures: [String] = []
        for a in shapes {
            for b in shapes {
                let d = try BetaDistribution(alpha: a, beta: b)
                for p in [1e-300, 1e-100, 1e-10, 0.01, 0.3, 0.5] {
                    for lower in [true, false] {
                        let x = lower ? d.quantile(p) : d.upperQuantile(p)
                        let tail: (Double) -> Double = { lower ? d.cdf($0) : d.upperTail($0) }
                        let ok: Bool
                        if x == 0 {
                            ok = lower ? d.cdf(Double.leastNonzeroMagnitude) >= p * (1 - 1e-12) : d.upperTail(0) <= p
                        } else if x == 1 {
                            ok = lower ? d.cdf((1.0).nextDown) < p * (1 + 1e-12) : d.upperTail((1.0).nextDown) > p * (1 - 1e-12)
                        } else if x > 0 && x < 1 {
                            ok = relativeError(tail(x), p) <= 1e-12 + grid(x, tail, p)
                        } else {
                            ok = false
                        }
                        if !ok { failures.append("a=\(a) b=\(b) p=\(p) lower=\(lower): x=\(x) T(x)=\(tail(x))") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(5))")
    }

    /// Hand-computable: I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, symmetry I_x(a,b) = 1 − I_{1−x}(b,a),
    /// and the Beta(2, 3) density 12 x (1 − x)². Tolerances as stated per line.
    @Test func closedForms() throws {
        for x in [1e-300, 1e-10, 0.1, 0.25, 0.5, 0.9] {
            #expect(relativeError(SpecialFunctions.regularizedBeta(x, 1, 1), x) <= 1e-15)
            #expect(relativeError(SpecialFunctions.regularizedBeta(x, 3.5, 1), pow(x, 3.5)) <= 1e-14)
            #expect(relativeError(SpecialFunctions.regularizedBetaComplement(x, 1, 2.5), pow(1 - x, 2.5)) <= 1e-14)
            // ln f ≈ −690 at x = 1e-300, and exp of it carries ~690 ε: tolerance 2e-13.
            let d = try BetaDistribution(alpha: 2, beta: 3)
            #expect(relativeError(d.density(x), 12 * x * (1 - x) * (1 - x)) <= 2e-13)
        }
        for x in [0.125, 0.25, 0.5, 0.75] { // 1 − x exact
            #expect(relativeError(SpecialFunctions.regularizedBeta(x, 2.5, 7), SpecialFunctions.regularizedBetaComplement(1 - x, 7, 2.5)) <= 1e-14)
        }
        let d = try BetaDistribution(alpha: 2, beta: 3)
        #expect(relativeError(d.mean, 0.4) <= 1e-16)
        #expect(relativeError(d.variance, 6.0 / (25 * 6)) <= 1e-15)
        // Quantile of Beta(1, 1) is the identity; of Beta(a, 1) is p^(1/a).
        let u = try BetaDistribution(alpha: 1, beta: 1)
        let pw = try BetaDistribution(alpha: 4, beta: 1)
        for p in [1e-200, 1e-8, 0.3, 0.5, 0.77] {
            #expect(relativeError(u.quantile(p), p) <= 1e-14)
            #expect(relativeError(pw.quantile(p), pow(p, 0.25)) <= 1e-14)
        }
    }

    /// Edge cases (R conventions): outside support, boundaries, NaN, p ∈ {0, 1}, invalid parameters.
    @Test func edgeCases() throws {
        let d = try BetaDistribution(alpha: 0.5, beta: 2)
        #expect(d.cdf(-1) == 0 && d.cdf(0) == 0 && d.cdf(1) == 1 && d.cdf(2) == 1)
        #expect(d.upperTail(-1) == 1 && d.upperTail(1) == 0)
        #expect(d.logCDF(0) == -.infinity && d.logUpperTail(1) == -.infinity)
        #expect(d.density(0) == .infinity && d.density(1) == 0 && d.density(1.5) == 0)
        #expect(d.cdf(.nan).isNaN && d.density(.nan).isNaN && d.quantile(.nan).isNaN)
        #expect(d.quantile(0) == 0 && d.quantile(1) == 1 && d.upperQuantile(0) == 1 && d.upperQuantile(1) == 0)
        #expect(d.quantile(-0.1).isNaN && d.quantile(1.1).isNaN)
        #expect(try BetaDistribution(alpha: 1, beta: 1).density(0) == 1)
        #expect(throws: DistributionError.self) { try BetaDistribution(alpha: 0, beta: 1) }
        #expect(throws: DistributionError.self) { try BetaDistribution(alpha: 1, beta: .nan) }
        #expect(throws: DistributionError.self) { try BetaDistribution(alpha: .infinity, beta: 1) }
        // R: pbeta(0.3, 0, 2) = 1 (point mass at 0); pbeta(0.3, 2, 0) = 0.
        #expect(SpecialFunctions.regularizedBeta(0.3, 0, 2) == 1)
        #expect(SpecialFunctions.regularizedBeta(0.3, 2, 0) == 0)
        #expect(SpecialFunctions.regularizedBeta(0.3, .infinity, 2) == 0)
        #expect(SpecialFunctions.regularizedBeta(0.3, 2, .infinity) == 1)
        #expect(SpecialFunctions.regularizedBeta(0.3, .infinity, .infinity) == 0)
        #expect(SpecialFunctions.regularizedBeta(0.6, .infinity, .infinity) == 1)
        #expect(isClose(SpecialFunctions.regularizedBeta(0.6, 0, 0), 0.5, relative: 1e-15))
        #expect(SpecialFunctions.regularizedBeta(0.3, -1, 2).isNaN)
    }
}
