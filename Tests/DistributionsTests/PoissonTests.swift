import Foundation
import Testing
@testable import Distributions

/// Poisson distribution against R 4.2.2 (`dpois`, `ppois`, `qpois`; Fixtures/make-gamma-fixtures.R →
/// poisson.csv, poisson-quantile.csv) and hand-computable values.
@Suite struct PoissonTests {
    /// Body (smaller tail ≥ 1e-15): 1e-13; far tail: 1e-10 — the acceptance criterion.
    static let bodyTolerance = 1e-13
    static let tailTolerance = 1e-10

    @Test func againstR() throws {
        let rows = try Fixtures.rows("poisson.csv")
        #expect(rows.count > 200)
        var report = ErrorReport()
        for row in rows {
            let l = Fixtures.number(row["lambda"])
            let k = Int(Fixtures.number(row["k"]))
            let d = try Poisson(mean: l)
            let ctx = "Pois(\(l)) k=\(k)"
            let p = Fixtures.number(row["cdf"]), q = Fixtures.number(row["upperTail"])
            let r = region(min(p, q))
            let tol = r == "body" ? Self.bodyTolerance : Self.tailTolerance
            let pr = Fixtures.number(row["probability"])
            let pTol = region(pr) == "body" ? Self.bodyTolerance : Self.tailTolerance
            if pr >= 2.3e-308 || pr == 0 {
                report.check("probability \(region(pr))", d.probability(k), pr, tolerance: pTol, ctx)
            }
            report.check("logProbability \(region(pr))", d.logProbability(k), Fixtures.number(row["logProbability"]),
                         tolerance: pTol, ctx)
            if p >= 2.3e-308 || p == 0 { report.check("cdf \(r)", d.cdf(k), p, tolerance: tol, ctx) }
            if q >= 2.3e-308 || q == 0 { report.check("upperTail \(r)", d.upperTail(k), q, tolerance: tol, ctx) }
            report.check("logCDF \(r)", d.logCDF(k), Fixtures.number(row["logCDF"]), tolerance: tol, ctx)
            report.check("logUpperTail \(r)", d.logUpperTail(k), Fixtures.number(row["logUpperTail"]),
                         tolerance: tol, ctx)
        }
        report.finish("poisson vs R")
    }

    /// Quantiles are integers: they must equal R's exactly, including p equal to a CDF value (R's fuzz).
    @Test func quantilesAgainstR() throws {
        let rows = try Fixtures.rows("poisson-quantile.csv")
        for row in rows {
            let l = Fixtures.number(row["lambda"]), p = Fixtures.number(row["p"])
            let d = try Poisson(mean: l)
            #expect(d.quantile(p) == Fixtures.number(row["quantile"]), "Pois(\(l)) p=\(p)")
            #expect(d.upperQuantile(p) == Fixtures.number(row["upperQuantile"]), "Pois(\(l)) q=\(p)")
        }
    }

    @Test func handComputable() throws {
        let d = try Poisson(mean: 2)
        // P(X = 3) = 2³e⁻²/3! = (4/3)e⁻²; P(X ≤ 1) = 3e⁻²; P(X > 1) = 1 − 3e⁻².
        #expect(relativeError(d.probability(3), 4.0 / 3 * exp(-2.0)) <= 1e-15)
        #expect(relativeError(d.cdf(1), 3 * exp(-2.0)) <= 1e-15)
        #expect(relativeError(d.upperTail(1), 1 - 3 * exp(-2.0)) <= 1e-15)
        #expect(d.probability(-1) == 0 && d.cdf(-1) == 0 && d.upperTail(-1) == 1)
        #expect(d.mean == 2 && d.variance == 2)
        // P(X = 0) = e^{−λ} even far beyond underflow on the log scale.
        let big = try Poisson(mean: 1e6)
        #expect(big.logProbability(0) == -1e6)
        #expect(relativeError(big.logCDF(0), -1e6) <= 1e-15)
    }

    @Test func edgeCases() throws {
        let zero = try Poisson(mean: 0)
        #expect(zero.probability(0) == 1 && zero.probability(1) == 0 && zero.cdf(0) == 1 && zero.upperTail(0) == 0)
        #expect(zero.quantile(0.5) == 0 && zero.upperQuantile(0.5) == 0 && zero.logUpperTail(3) == -.infinity)
        let d = try Poisson(mean: 3.5)
        #expect(d.quantile(0) == 0 && d.quantile(1) == .infinity)
        #expect(d.upperQuantile(1) == 0 && d.upperQuantile(0) == .infinity)
        #expect(d.quantile(.nan).isNaN && d.quantile(-0.1).isNaN && d.upperQuantile(1.5).isNaN)
        #expect(throws: DistributionError.self) { try Poisson(mean: -1) }
        #expect(throws: DistributionError.self) { try Poisson(mean: .infinity) }
        #expect(throws: DistributionError.self) { try Poisson(mean: .nan) }
    }
}
