import Testing
import Regression

/// Robust covariances against the sandwich package (vcovHC HC0/HC1, vcovCL type HC1) and nested-model tests
/// against anova(); references from Fixtures/make-fixtures.R. Tolerance 1e-7 relative on standard errors and
/// statistics, 1e-6 on p-values (which inherit the statistic's error times the density/tail ratio).
struct InferenceTests {
    static func fit(_ data: String, _ formula: String, _ family: GLMFamily, weights: String? = nil) throws -> GLMFit {
        try GeneralizedLinearModel(formula, family: family, weights: weights).fit(try Fixtures.data(data))
    }

    static func se(_ fit: GLMFit, _ type: GLMCovariance) throws -> [Double] {
        try fit.coefficientTable(type).filter { !$0.isAliased }.map(\.standardError)
    }

    @Test(arguments: [
        ("esoph-logit", "esoph", "cbind(ncases, ncontrols) ~ agegp + tobgp + alcgp + cluster(agegp)", GLMFamily.binomial(), true),
        ("warpbreaks-poisson", "warpbreaks", "breaks ~ wool + tension + cluster(tension)", .poisson(), true),
        ("warpbreaks-gaussian-weights", "warpbreaks", "breaks ~ wool * tension", .gaussian(), false),
        ("warpbreaks-gamma-log", "warpbreaks", "breaks ~ wool + tension", .gamma(link: .log), false),
        ("quine-nb", "quine", "Days ~ Eth + Sex + Age + Lrn", .negativeBinomial(), false),
        ("insurance-offset", "insurance", "Claims ~ District + Group + Age + offset(log(Holders)) + cluster(District)", .poisson(), true),
        ("mtcars-logit", "mtcars", "vs ~ wt + hp + cluster(cyl)", .binomial(), true),
    ])
    func robustStandardErrorsMatchSandwich(name: String, data: String, formula: String, family: GLMFamily, clustered: Bool) throws {
        let ref = try Fixtures.reference(name)
        let f = try Self.fit(data, formula, family, weights: name == "warpbreaks-gaussian-weights" ? "wt" : nil)
        #expect(maxRelativeError(try Self.se(f, .hc0), ref.values("hc0")) < 1e-7, "HC0")
        #expect(maxRelativeError(try Self.se(f, .hc1), ref.values("hc1")) < 1e-7, "HC1")
        if clustered {
            #expect(maxRelativeError(try Self.se(f, .cluster), ref.values("cl")) < 1e-7, "vcovCL")
        }
    }

    @Test func clusterWithoutClusterTermThrows() throws {
        let f = try Self.fit("mtcars", "vs ~ wt + hp", .binomial())
        #expect(throws: GLMError.self) { try f.covariance(.cluster) }
        #expect(throws: GLMError.self) { try f.covariance(.clusterCodes([1, 2])) }
    }

    @Test func likelihoodRatioChiSquaredMatchesAnova() throws {
        let ref = try Fixtures.reference("esoph-lrt")
        let m1 = try Self.fit("esoph", "cbind(ncases, ncontrols) ~ agegp", .binomial())
        let m2 = try Self.fit("esoph", "cbind(ncases, ncontrols) ~ agegp + alcgp", .binomial())
        let c = try ModelComparison.compare(m1, m2)
        #expect(c.test == .chiSquared)
        #expect(relativeError(c.deviance, ref.value("lrt", "deviance")) < 1e-9)
        #expect(Double(c.df) == ref.value("lrt", "df"))
        #expect(relativeError(c.pValue, ref.value("lrt", "p")) < 1e-6)
    }

    @Test func fTestForGammaMatchesAnova() throws {
        let ref = try Fixtures.reference("warpbreaks-gamma-ftest")
        let m1 = try Self.fit("warpbreaks", "breaks ~ wool", .gamma(link: .log))
        let m2 = try Self.fit("warpbreaks", "breaks ~ wool + tension", .gamma(link: .log))
        let c = try ModelComparison.compare(m1, m2)
        #expect(c.test == .f)
        #expect(relativeError(c.deviance, ref.value("lrt", "deviance")) < 1e-9)
        #expect(relativeError(c.statistic, ref.value("lrt", "F")) < 1e-7)
        #expect(relativeError(c.pValue, ref.value("lrt", "p")) < 1e-6)
    }

    @Test func negativeBinomialLikelihoodRatioMatchesAnovaNegbin() throws {
        let ref = try Fixtures.reference("quine-nb-lrt")
        let m1 = try Self.fit("quine", "Days ~ Eth + Sex", .negativeBinomial())
        let m2 = try Self.fit("quine", "Days ~ Eth + Sex + Age + Lrn", .negativeBinomial())
        let c = try ModelComparison.compare(m1, m2)
        #expect(relativeError(c.statistic, ref.value("lrt", "statistic")) < 1e-7)
        #expect(relativeError(c.statistic, ref.value("lrt", "anova_statistic")) < 1e-7)
        #expect(Double(c.df) == ref.value("lrt", "df"))
        #expect(relativeError(c.pValue, ref.value("lrt", "p")) < 1e-6)
    }

    @Test func comparisonRefusesNonNestedOrder() throws {
        let m1 = try Self.fit("esoph", "cbind(ncases, ncontrols) ~ agegp", .binomial())
        let m2 = try Self.fit("esoph", "cbind(ncases, ncontrols) ~ agegp + alcgp", .binomial())
        #expect(throws: GLMError.self) { try ModelComparison.compare(m2, m1) }
    }
}
