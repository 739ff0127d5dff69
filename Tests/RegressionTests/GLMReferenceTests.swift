import Testing
import Formulas
import Regression

/// Coefficients, standard errors and fit statistics against R's glm / MASS::glm.nb (Fixtures/make-fixtures.R).
/// Tolerances (relative): coefficients, log-likelihood, deviance, AIC, BIC 1e-9; standard errors 1e-7.
/// Every case is fitted with both solvers (R's QR at every iteration, and the cross-product/Cholesky path).
struct GLMReferenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let data: String
        let formula: String
        let family: GLMFamily
        var weights: String? = nil
        /// False where R's theta.ml stopped at its iteration limit (θ very large, the likelihood flat in θ):
        /// θ, its SE and the null deviance (which depends on θ) are then compared at 1e-5, 1e-5 and 1e-8.
        var thetaConverged = true
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "esoph-logit", data: "esoph", formula: "cbind(ncases, ncontrols) ~ agegp + tobgp + alcgp", family: .binomial()),
        Case(name: "esoph-proportion", data: "esoph", formula: "prop ~ agegp + tobgp + alcgp", family: .binomial(), weights: "total"),
        Case(name: "esoph-probit", data: "esoph", formula: "cbind(ncases, ncontrols) ~ agegp + alcgp", family: .binomial(link: .probit)),
        Case(name: "esoph-cloglog", data: "esoph", formula: "cbind(ncases, ncontrols) ~ agegp + alcgp", family: .binomial(link: .cloglog)),
        Case(name: "warpbreaks-poisson", data: "warpbreaks", formula: "breaks ~ wool + tension", family: .poisson()),
        Case(name: "warpbreaks-gaussian-weights", data: "warpbreaks", formula: "breaks ~ wool * tension", family: .gaussian(), weights: "wt"),
        Case(name: "warpbreaks-gaussian-log", data: "warpbreaks", formula: "breaks ~ wool + tension", family: .gaussian(link: .log)),
        Case(name: "warpbreaks-gamma-inverse", data: "warpbreaks", formula: "breaks ~ wool + tension", family: .gamma()),
        Case(name: "warpbreaks-gamma-log", data: "warpbreaks", formula: "breaks ~ wool + tension", family: .gamma(link: .log)),
        Case(name: "warpbreaks-gamma-identity", data: "warpbreaks", formula: "breaks ~ wool + tension", family: .gamma(link: .identity)),
        Case(name: "insectsprays-log", data: "insectsprays", formula: "count ~ spray", family: .poisson()),
        Case(name: "insectsprays-sqrt", data: "insectsprays", formula: "count ~ spray", family: .poisson(link: .sqrt)),
        Case(name: "insectsprays-identity", data: "insectsprays", formula: "count ~ spray", family: .poisson(link: .identity)),
        Case(name: "quine-nb", data: "quine", formula: "Days ~ Eth + Sex + Age + Lrn", family: .negativeBinomial()),
        Case(name: "quine-nb-fixed", data: "quine", formula: "Days ~ Eth + Sex + Age + Lrn", family: .negativeBinomial(theta: 1.5)),
        Case(name: "insurance-offset", data: "insurance", formula: "Claims ~ District + Group + Age + offset(log(Holders))", family: .poisson()),
        Case(name: "insurance-nb-offset", data: "insurance", formula: "Claims ~ District + Group + Age + offset(log(Holders))", family: .negativeBinomial(), thetaConverged: false),
        Case(name: "mtcars-logit", data: "mtcars", formula: "vs ~ wt + hp", family: .binomial()),
        Case(name: "mtcars-logit-weights", data: "mtcars", formula: "vs ~ wt + hp", family: .binomial(), weights: "w"),
        Case(name: "mtcars-logit-zero-weights", data: "mtcars", formula: "vs ~ wt + hp", family: .binomial(), weights: "w0"),
        Case(name: "mtcars-gaussian-zero-weights", data: "mtcars", formula: "mpg ~ wt + hp", family: .gaussian(), weights: "w0"),
        Case(name: "mtcars-rank-deficient", data: "mtcars", formula: "vs ~ wt + combo + hp", family: .binomial()),
        Case(name: "mtcars-rank-deficient-poisson", data: "mtcars", formula: "vs ~ wt + hp + combo", family: .poisson()),
        Case(name: "infert-margins", data: "infert", formula: "case ~ education + age + spontaneous + induced", family: .binomial()),
    ]

    static func fit(_ c: Case, solver: GLMSolver = .crossProduct) throws -> GLMFit {
        let model = try GLMSpec(c.formula, family: c.family, weights: c.weights,
                                               control: GLMControl(solver: solver))
        return try model.fit(try Fixtures.data(c.data))
    }

    @Test(arguments: cases, GLMSolver.allCases)
    func matchesR(_ c: Case, solver: GLMSolver) throws {
        let ref = try Fixtures.reference(c.name)
        let fit = try Self.fit(c, solver: solver)
        let estimates = fit.coefficients.map(\.estimate)
        let ses = fit.coefficients.map(\.standardError)
        #expect(estimates.count == ref.values("coef").count)
        #expect(maxRelativeError(estimates, ref.values("coef")) < 1e-9, "coefficients \(estimates) vs \(ref.values("coef"))")
        #expect(maxRelativeError(ses, ref.values("se")) < 1e-7, "standard errors \(ses) vs \(ref.values("se"))")
        #expect(relativeError(fit.logLikelihood, ref.stat("loglik")) < 1e-9, "loglik \(fit.logLikelihood) vs \(ref.stat("loglik"))")
        #expect(relativeError(fit.deviance, ref.stat("deviance")) < 1e-9, "deviance \(fit.deviance) vs \(ref.stat("deviance"))")
        #expect(relativeError(fit.nullDeviance, ref.stat("null_deviance")) < (c.thetaConverged ? 1e-9 : 1e-8), "null deviance \(fit.nullDeviance) vs \(ref.stat("null_deviance"))")
        #expect(relativeError(fit.aic, ref.stat("aic")) < 1e-9, "AIC \(fit.aic) vs \(ref.stat("aic"))")
        #expect(relativeError(fit.bic, ref.stat("bic")) < 1e-9, "BIC \(fit.bic) vs \(ref.stat("bic"))")
        #expect(relativeError(fit.dispersion, ref.stat("dispersion")) < 1e-7, "dispersion \(fit.dispersion) vs \(ref.stat("dispersion"))")
        #expect(Double(fit.dfResidual) == ref.stat("df_residual"))
        #expect(Double(fit.dfNull) == ref.stat("df_null"))
        #expect(Double(fit.rank) == ref.stat("rank"))
        #expect(Double(fit.iterations) == ref.stat("iterations"), "iterations \(fit.iterations) vs \(ref.stat("iterations"))")
        #expect(fit.converged)
        // The solver named is the solver used: the cross-product path solves every iteration of these
        // well-conditioned, full-rank-or-simply-aliased problems; QR none.
        #expect(fit.crossProductIterations == (solver == .qr ? 0 : fit.iterations), "cross-product iterations \(fit.crossProductIterations) of \(fit.iterations)")
        if !ref.stat("theta").isNaN {
            #expect(relativeError(fit.theta ?? .nan, ref.stat("theta")) < (c.thetaConverged ? 1e-9 : 1e-5), "theta \(String(describing: fit.theta)) vs \(ref.stat("theta"))")
            #expect(relativeError(fit.thetaStandardError ?? .nan, ref.stat("theta_se")) < (c.thetaConverged ? 1e-7 : 1e-5))
        }
    }
}
