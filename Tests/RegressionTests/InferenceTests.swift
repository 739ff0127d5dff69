import Testing
import Regression

/// Robust covariances against the sandwich package (vcovHC HC0/HC1, vcovCL type HC1) and nested-model tests
/// against anova(); references from Fixtures/make-fixtures.R. Tolerance 1e-7 relative on standard errors and
/// statistics, 1e-6 on p-values (which inherit the statistic's error times the density/tail ratio).
struct InferenceTests {
    static func fit(_ data: String, _ formula: String, _ family: GLMFamily, weights: String? = nil) throws -> GLMFit {
        try GLMSpec(formula, family: family, weights: weights).fit(try Fixtures.data(data))
    }

    static func se(_ fit: GLMFit, _ type: GLMCovariance) throws -> [Double] {
        try fit.coefficientTable(type).filter { !$0.isAliased }.map(\.standardError)
    }

    @Test(arguments: [
        ("esoph-logit", "esoph", "cbind(ncases, ncontrols) ~ agegp + tobgp + alcgp", GLMFamily.binomial(), "agegp"),
        ("warpbreaks-poisson", "warpbreaks", "breaks ~ wool + tension", .poisson(), "tension"),
        ("warpbreaks-gaussian-weights", "warpbreaks", "breaks ~ wool * tension", .gaussian(), nil),
        ("warpbreaks-gamma-log", "warpbreaks", "breaks ~ wool + tension", .gamma(link: .log), nil),
        ("quine-nb", "quine", "Days ~ Eth + Sex + Age + Lrn", .negativeBinomial(), nil),
        ("insurance-offset", "insurance", "Claims ~ District + Group + Age + offset(log(Holders))", .poisson(), "District"),
        ("mtcars-logit", "mtcars", "vs ~ wt + hp", .binomial(), "cyl"),
    ] as [(String, String, String, GLMFamily, String?)])
    func robustStandardErrorsMatchSandwich(name: String, data: String, formula: String, family: GLMFamily, cluster: String?) throws {
        let ref = try Fixtures.reference(name)
        let weights = name == "warpbreaks-gaussian-weights" ? "wt" : nil
        let f = try Self.fit(data, formula, family, weights: weights)
        #expect(maxRelativeError(try Self.se(f, .hc0), ref.values("hc0")) < 1e-7, "HC0")
        #expect(maxRelativeError(try Self.se(f, .hc1), ref.values("hc1")) < 1e-7, "HC1")
        if let cluster {
            // A cluster(g) term means cluster-robust SEs: asked for, or by default (the fit's own table).
            let clustered = try Self.fit(data, formula + " + cluster(\(cluster))", family, weights: weights)
            #expect(maxRelativeError(try Self.se(clustered, .cluster), ref.values("cl")) < 1e-7, "vcovCL")
            #expect(maxRelativeError(try Self.se(clustered, .model), ref.values("cl")) < 1e-7, "vcovCL by default")
            #expect(maxRelativeError(clustered.coefficients.filter { !$0.isAliased }.map(\.standardError),
                                     ref.values("cl")) < 1e-7, "the fit's coefficients")
            // HC0/HC1 (rows independent) contradict the cluster() term.
            #expect(throws: GLMError.self) { try clustered.coefficientTable(.hc0) }
            #expect(throws: GLMError.self) { try clustered.summary(covariance: .hc1) }
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
