import Testing
import Foundation
import Tabular
import Regression

/// Separation is diagnosed and stated, never silent; aliased columns are reported like R's NA.
struct SeparationAndRankTests {
    static func separationData() throws -> DataFrame { try Fixtures.data("separation") }

    /// x = 1…10 and y = [x > 5]: complete separation (a hand-made example; any threshold between 5 and 6
    /// classifies every row, so the MLE of the slope is +∞).
    @Test func completeSeparationIsDiagnosed() throws {
        let fit = try GLMSpec("y ~ x", family: .binomial()).fit(try Self.separationData())
        let s = try #require(fit.separation)
        #expect(s.kind == .complete)
        #expect(s.divergingTerms.contains("x"))
        #expect(s.perfectlyPredicted == 10)
        #expect(fit.warnings.contains { $0.contains("complete separation") })
    }

    /// yq differs from y at x = 5 and 6 (one 1 below the threshold and one 0 above): overlapping, so the MLE is
    /// finite and no separation must be reported.
    @Test func overlapIsNotSeparation() throws {
        let fit = try GLMSpec("yq ~ x", family: .binomial()).fit(try Self.separationData())
        #expect(fit.separation == nil)
        #expect(fit.converged)
    }

    /// yg is 0 for every row of group a and mixed elsewhere: quasi-complete separation through the factor g
    /// (the intercept, i.e. group a, diverges to −∞ while b and c diverge to +∞ against it). R's own fit stops
    /// at iteration 18 with estimates ±20; CareStat takes the same iterations (compared with R at 1e-6 because the
    /// problem is ill-conditioned: standard errors of 5e3) and adds the diagnosis.
    @Test func quasiCompleteSeparationIsDiagnosedAndMatchesRsIterates() throws {
        let ref = try Fixtures.reference("separation-quasi-factor")
        let fit = try GLMSpec("yg ~ z + g", family: .binomial(), control: GLMControl(solver: .qr))
            .fit(try Self.separationData())
        let s = try #require(fit.separation)
        #expect(s.kind == .quasiComplete)
        #expect(Set(s.divergingTerms).isSuperset(of: ["(Intercept)", "g=b", "g=c"]))
        #expect(!s.divergingTerms.contains("z"))
        #expect(maxRelativeError(fit.coefficients.map(\.estimate), ref.values("coef")) < 1e-6)
        #expect(maxRelativeError(fit.coefficients.map(\.standardError), ref.values("se")) < 1e-5)
        #expect(Double(fit.iterations) == ref.stat("iterations"))
    }

    /// combo = 2·wt + hp/100 is a linear combination of earlier columns: R reports NA for it (the later
    /// column); CareStat marks it aliased, fits the rest as R (values in Fixtures: mtcars-rank-deficient).
    @Test func aliasedColumnIsReportedLikeRsNA() throws {
        let fit = try GLMSpec("vs ~ wt + combo + hp", family: .binomial()).fit(try Fixtures.data("mtcars"))
        #expect(fit.rank == 3)
        #expect(fit.estimates.map { $0 == nil } == [false, false, false, true])
        #expect(fit.coefficients[3].isAliased)
        #expect(fit.estimableTerms == ["(Intercept)", "wt", "combo"])
    }

    @Test func nonConvergenceIsAWarning() throws {
        let fit = try GLMSpec("vs ~ wt + hp", family: .binomial(), control: GLMControl(maxIterations: 2))
            .fit(try Fixtures.data("mtcars"))
        #expect(!fit.converged)
        #expect(fit.iterations == 2)
        #expect(fit.warnings.contains("algorithm did not converge"))
    }

    @Test func invalidResponsesThrow() throws {
        let d = try Fixtures.data("warpbreaks")
        #expect(throws: GLMError.self) { try GLMSpec("breaks ~ wool", family: .binomial()).fit(d) }
        let s = try Self.separationData()
        #expect(throws: GLMError.self) { try GLMSpec("z ~ x", family: .poisson()).fit(s) }
        #expect(throws: GLMError.self) { try GLMSpec("z ~ x", family: .gamma()).fit(s) }
        #expect(throws: GLMError.self) { try GLMSpec("nothere ~ x", family: .gaussian()).fit(s) }
        #expect(throws: GLMError.self) { try GLMSpec("cbind(y, yq) ~ x", family: .poisson()).fit(s) }
        #expect(throws: GLMError.self) { try GLMSpec("y ~ x", family: .negativeBinomial(theta: -1)).fit(s) }
        #expect(throws: GLMError.self) { try GLMSpec("y ~ x", family: .negativeBinomial(theta: .nan)).fit(s) }
    }
}

/// Near-collinear columns exercise the cross-product solver's rank screen: near1 = wt + 1e-6·pattern is kept by
/// R's rule (its part orthogonal to wt is ~1e-7 of its norm, above the 1e-11 tolerance but below the 1e-5
/// screen, so the blocked QR check decides), near2 = hp + 1e-12·pattern is aliased. The coefficients of wt and
/// near1 are ill-determined (SE ~ 9e5, condition number ~1e12) and are not compared; the deviance and
/// log-likelihood depend only on the column space and are compared at 1e-9, the rank and NA pattern exactly.
struct NearCollinearTests {
    @Test(arguments: GLMSolver.allCases)
    func rankDecisionMatchesR(solver: GLMSolver) throws {
        let ref = try Fixtures.reference("mtcars-near-collinear")
        let fit = try GLMSpec("vs ~ wt + near1 + hp + near2", family: .binomial(),
                                             control: GLMControl(solver: solver)).fit(try Fixtures.data("mtcars"))
        #expect(Double(fit.rank) == ref.stat("rank"))
        #expect(fit.estimates.map { $0 == nil } == ref.values("coef").map(\.isNaN))
        #expect(relativeError(fit.deviance, ref.stat("deviance")) < 1e-9)
        #expect(relativeError(fit.logLikelihood, ref.stat("loglik")) < 1e-9)
        #expect(relativeError(fit.coefficients[3].estimate, ref.values("coef")[3]) < 1e-6)   // hp, well determined
    }
}

/// R's step halving and its fatal stops (Fixtures: halving-gamma-identity; the "no valid coefficients" stop is
/// asserted by the R script with stopifnot).
struct StepHalvingTests {
    @Test(arguments: GLMSolver.allCases)
    func divergenceIsHalvedAndReportedAsR(solver: GLMSolver) throws {
        let ref = try Fixtures.reference("halving-gamma-identity")
        let fit = try GLMSpec("y ~ x", family: .gamma(link: .identity), control: GLMControl(solver: solver))
            .fit(try Fixtures.data("halving"))
        #expect(fit.warnings.contains("step size truncated due to divergence"))
        #expect(fit.warnings.contains("algorithm did not converge"))
        #expect(!fit.converged)
        #expect(Double(fit.iterations) == ref.stat("iterations"))
        // 25 non-converging iterations with halvings: the iterates are compared at 1e-6 (rounding differences
        // between LAPACK/BLAS and R's LINPACK can grow over the oscillation), the deviance likewise.
        #expect(maxRelativeError(fit.estimates.map { $0 ?? .nan }, ref.values("coef")) < 1e-6)
        #expect(relativeError(fit.deviance, ref.stat("deviance")) < 1e-6)
    }

    @Test func invalidFirstStepThrowsLikeR() throws {
        #expect(throws: GLMError.noValidCoefficients) {
            try GLMSpec("ybad ~ x", family: .poisson(link: .identity)).fit(try Fixtures.data("halving"))
        }
    }
}

/// Degenerate designs, with hand-calculated references: mtcars has 14 cars with vs = 1 of 32.
struct DegenerateDesignTests {
    /// Intercept only: the MLE is logit(14/32) = log(14/18). IRLS stops once the deviance changes by less than
    /// 1e-8 relative, when the iterate is still ~1e-8 from the MLE (as R's is), so the tolerance is 1e-7; the
    /// deviance, flat at the optimum, equals the null deviance to 1e-12.
    @Test(arguments: GLMSolver.allCases)
    func interceptOnly(solver: GLMSolver) throws {
        let fit = try GLMSpec("vs ~ 1", family: .binomial(), control: GLMControl(solver: solver))
            .fit(try Fixtures.data("mtcars"))
        #expect(fit.terms == ["(Intercept)"])
        #expect(relativeError(fit.coefficients[0].estimate, Foundation.log(14.0 / 18.0)) < 1e-7)
        #expect(relativeError(fit.deviance, fit.nullDeviance) < 1e-12)
        #expect(fit.dfResidual == 31)
    }

    /// No columns at all (`vs ~ 0`): η = 0, μ = 1/2 for every car, deviance 2·32·log 2, rank 0.
    @Test func emptyModel() throws {
        let fit = try GLMSpec("vs ~ 0", family: .binomial()).fit(try Fixtures.data("mtcars"))
        #expect(fit.terms.isEmpty)
        #expect(fit.rank == 0)
        #expect(relativeError(fit.deviance, 64 * Foundation.log(2.0)) < 1e-14)
        #expect(try fit.summary().coefficients.rows.isEmpty)
    }
}
