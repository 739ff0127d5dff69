import Foundation
import Testing
@testable import Distributions

/// I_x(a, b) against R's pbeta (TOMS 708) over shapes 1e-3 … 1e5 and x at both-tail quantiles down to 1e-300.
@Suite struct IncompleteBetaTests {
    @Test func matchesRPbetaOverWideGrid() throws {
        let t = try FixtureTable("beta-cdf.csv")
        var body = WorstError(), tail = WorstError(), logs = WorstError(), logTail = WorstError()
        for r in t.rows {
            let x = t.value(r, "x"), a = t.value(r, "a"), b = t.value(r, "b")
            let p = t.value(r, "p"), q = t.value(r, "q")
            let gp = SpecialFunctions.regularizedBeta(x, a, b)
            let gq = SpecialFunctions.regularizedBetaComplement(x, a, b)
            let here = "x=\(x) a=\(a) b=\(b)"
            if p >= 1e-10 { body.record(gp, p, "P " + here) } else { tail.record(gp, p, "P " + here) }
            if q >= 1e-10 { body.record(gq, q, "Q " + here) } else { tail.record(gq, q, "Q " + here) }
            // ln P inherits the relative accuracy of P when P is small and of Q = 1 − P when P ≈ 1
            // (ln P ≈ −Q), so it is judged by the tail tolerance when either is below 1e-10. Where R's small
            // tail is a normal double its log is taken from the non-log value (log, or log1p(−·) for the other
            // side): R's own log.p = TRUE result can be off by 2e-10 there (x = 0.00697868552123726, a = 2.5,
            // b = 1e5: mpmath gives Q = 1.00000000000418e-300, R's log.p values correspond to errors of 2e-10).
            let inTail = min(p, q) < 1e-10
            let gl = SpecialFunctions.logRegularizedBeta(x, a, b)
            let gu = SpecialFunctions.logRegularizedBetaComplement(x, a, b)
            let expectedLogP = p >= 1e-305 && p <= 0.5 ? log(p) : (q >= 1e-305 && q < 0.5 ? log1p(-q) : t.value(r, "logp"))
            let expectedLogQ = q >= 1e-305 && q <= 0.5 ? log(q) : (p >= 1e-305 && p < 0.5 ? log1p(-p) : t.value(r, "logq"))
            if inTail {
                logTail.recordLog(gl, expectedLogP, "logP " + here)
                logTail.recordLog(gu, expectedLogQ, "logQ " + here)
            } else {
                logs.recordLog(gl, expectedLogP, "logP " + here)
                logs.recordLog(gu, expectedLogQ, "logQ " + here)
            }
        }
        testReport("beta body \(body.value) @ \(body.location)\nbeta tail \(tail.value) @ \(tail.location)\nbeta logs \(logs.value) @ \(logs.location)\nbeta log tails \(logTail.value) @ \(logTail.location)")
        #expect(body.value <= 1e-13, "\(body.location)")
        #expect(tail.value <= 1e-10, "\(tail.location)")
        #expect(logs.value <= 1e-13, "\(logs.location)")
        #expect(logTail.value <= 1e-10, "\(logTail.location)")
    }

    /// ln I_x and ln(1 − I_x) below 1e-305 (down to e^−18000) against mpmath (Fixtures/make-beta-logtail-fixtures.py,
    /// 40-digit continued fraction). Tolerance 1e-10 in `logProbabilityError` (absolute error of the log, i.e. the
    /// relative error of the probability).
    @Test func deepLogTailsMatchMpmath() throws {
        let t = try FixtureTable("beta-logtail.csv")
        var worst = WorstError()
        for r in t.rows {
            let x = t.value(r, "x"), a = t.value(r, "a"), b = t.value(r, "b")
            let upper = t.value(r, "upper") == 1
            let got = upper ? SpecialFunctions.logRegularizedBetaComplement(x, a, b) : SpecialFunctions.logRegularizedBeta(x, a, b)
            worst.recordLog(got, t.value(r, "logtail"), "x=\(x) a=\(a) b=\(b) upper=\(upper)")
        }
        testReport("beta deep log tails \(worst.value) @ \(worst.location) (n=\(worst.count))")
        #expect(worst.count > 200)
        #expect(worst.value <= 1e-10, "\(worst.location)")
    }

    @Test func logBetaMatchesR() throws {
        let t = try FixtureTable("lbeta.csv")
        var worst = WorstError()
        for r in t.rows {
            let a = t.value(r, "a"), b = t.value(r, "b")
            worst.record(SpecialFunctions.logBeta(a, b), t.value(r, "lbeta"), "a=\(a) b=\(b)")
        }
        testReport("lbeta \(worst.value) @ \(worst.location)")
        #expect(worst.value <= 1e-13, "\(worst.location)")
    }
}
