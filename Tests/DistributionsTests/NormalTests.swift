import Foundation
import Testing
@testable import Distributions
import TestSupport

/// Normal distribution against R 4.2.2 (`dnorm`, `pnorm`, `qnorm`; Fixtures/make-gamma-fixtures.R →
/// normal.csv, normal-quantile.csv) and hand-computable values.
@Suite struct NormalTests {
    /// Body (probability or density ≥ 1e-15): 1e-13; tail: 1e-10 (the acceptance criterion).
    static let bodyTolerance = 1e-13
    static let tailTolerance = 1e-10

    @Test func densityAndTailsAgainstR() throws {
        let rows = try Fixtures.rows("normal.csv")
        #expect(rows.count > 100)
        var report = ErrorReport()
        for row in rows {
            let m = Fixtures.number(row["mean"]), s = Fixtures.number(row["sd"]), x = Fixtures.number(row["x"])
            let n = try Normal(mean: m, sd: s)
            let ctx = "N(\(m), \(s)) x=\(x)"
            let p = Fixtures.number(row["cdf"]), q = Fixtures.number(row["upperTail"])
            let r = region(min(p, q))
            let tol = r == "body" ? Self.bodyTolerance : Self.tailTolerance
            let d = Fixtures.number(row["density"])
            let dTol = region(d) == "body" ? Self.bodyTolerance : Self.tailTolerance
            // R flushes results below DBL_MIN (2.2e-308) to 0; compare those only on the log scale.
            if d >= 2.3e-308 || d == 0 && n.density(x) < 2.3e-308 {
                report.check("density \(region(d))", d == 0 ? 0 : n.density(x), d, tolerance: dTol, ctx)
            }
            report.check("logDensity \(region(d))", n.logDensity(x), Fixtures.number(row["logDensity"]),
                         tolerance: dTol, ctx)
            if p >= 2.3e-308 { report.check("cdf \(r)", n.cdf(x), p, tolerance: tol, ctx) }
            if q >= 2.3e-308 { report.check("upperTail \(r)", n.upperTail(x), q, tolerance: tol, ctx) }
            report.check("logCDF \(r)", n.logCDF(x), Fixtures.number(row["logCDF"]), tolerance: tol, ctx)
            report.check("logUpperTail \(r)", n.logUpperTail(x), Fixtures.number(row["logUpperTail"]),
                         tolerance: tol, ctx)
        }
        report.finish("normal vs R")
    }

    /// Quantiles: 1e-13 relative everywhere down to p = 1e-300 (R's qnorm is AS 241 there too); p = 4.9e-324
    /// (the smallest subnormal) also 1e-13.
    @Test func quantilesAgainstR() throws {
        let rows = try Fixtures.rows("normal-quantile.csv")
        var report = ErrorReport()
        for row in rows {
            let m = Fixtures.number(row["mean"]), s = Fixtures.number(row["sd"]), p = Fixtures.number(row["p"])
            let n = try Normal(mean: m, sd: s)
            let ctx = "N(\(m), \(s)) p=\(p)"
            report.check("quantile", n.quantile(p), Fixtures.number(row["quantile"]), tolerance: 1e-13, ctx)
            report.check("upperQuantile", n.upperQuantile(p), Fixtures.number(row["upperQuantile"]),
                         tolerance: 1e-13, ctx)
        }
        report.finish("normal quantiles vs R")
    }

    /// Far beyond R 4.2.2's accurate range (log p < −745): the quantile must reproduce log p through the
    /// accurate log CDF. Round trip tolerance 1e-14 relative on log p (log Φ is accurate to a few ulps there).
    @Test func logQuantileRoundTrip() {
        let n = Normal.standard
        // For log p near 0 the round trip is ill-conditioned (relative error of log p ≈ z²·that of z), so
        // those are checked as the exact mirror of upper quantiles of 1 − p instead.
        #expect(n.quantile(logP: -1e-300) == n.upperQuantile(1e-300))
        #expect(n.quantile(logP: -1e-10) == n.upperQuantile(-expm1(-1e-10)))
        for lp in [-0.5, -10.0, -700.0, -745.0, -800.0, -1e4, -1e6, -1e10] {
            let z = n.quantile(logP: lp)
            #expect(relativeError(n.logCDF(z), lp) <= 1e-14, "log p \(lp): z \(z), logCDF \(n.logCDF(z))")
            let zu = n.upperQuantile(logQ: lp)
            #expect(relativeError(n.logUpperTail(zu), lp) <= 1e-14, "log q \(lp): z \(zu)")
            #expect(zu == -z)
        }
    }

    @Test func handComputable() throws {
        let n = Normal.standard
        #expect(isClose(n.cdf(0), 0.5, relative: 1e-16))
        #expect(isClose(n.upperTail(0), 0.5, relative: 1e-16))
        #expect(n.quantile(0.5) == 0)
        // φ(0) = 1/√(2π).
        #expect(abs(n.density(0) - 1 / (2 * Double.pi).squareRoot()) <= 1e-16)
        // Φ(x) = erfc(−x/√2)/2; x = −√2 gives erfc(1)/2 with erfc(1) from the mpmath fixture check.
        #expect(relativeError(n.cdf(-2.0.squareRoot()), SpecialFunctions.erfc(1) / 2) <= 1e-15)
        // Mean/variance and the affine map.
        let g = try Normal(mean: 3, sd: 2)
        #expect(g.mean == 3 && g.variance == 4)
        #expect(g.quantile(0.5) == 3)
        #expect(relativeError(g.cdf(5), n.cdf(1)) <= 1e-16)
        // Symmetry.
        #expect(isClose(n.cdf(-1.3), n.upperTail(1.3), relative: 1e-16))
    }

    @Test func edgeCases() {
        let n = Normal.standard
        #expect(n.cdf(.nan).isNaN && n.density(.nan).isNaN && n.quantile(.nan).isNaN)
        #expect(n.cdf(.infinity) == 1 && n.cdf(-.infinity) == 0)
        #expect(n.logCDF(-.infinity) == -.infinity && n.logUpperTail(-.infinity) == 0)
        #expect(n.density(.infinity) == 0 && n.logDensity(-.infinity) == -.infinity)
        #expect(n.quantile(0) == -.infinity && n.quantile(1) == .infinity)
        #expect(n.upperQuantile(0) == .infinity && n.upperQuantile(1) == -.infinity)
        #expect(n.quantile(-0.1).isNaN && n.quantile(1.1).isNaN)
        #expect(throws: DistributionError.self) { try Normal(mean: 0, sd: 0) }
        #expect(throws: DistributionError.self) { try Normal(mean: .nan, sd: 1) }
        #expect(throws: DistributionError.self) { try Normal(mean: 0, sd: .infinity) }
        // log upper tail at 40 (stated in the protocol documentation): about −804.6.
        #expect(abs(n.logUpperTail(40) + 804.6084420137538) < 1e-9)
    }
}
