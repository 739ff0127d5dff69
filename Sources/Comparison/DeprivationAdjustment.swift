public import Regression
public import Tabular
import Foundation

/// Expected counts for indirect standardisation from a regression model of the units' own counts (issue 14 part
/// 2): `observed ~ covariates + offset(log(denominator))`, Poisson (R's `glm(family = poisson)`) or negative
/// binomial (`MASS::glm.nb`), log link. Each unit's expected count is its fitted value — the count the model
/// predicts for a unit of its size and deprivation — so `O/E` compares it with units like it, and the funnel of
/// ratios against these expected counts (target 1) is the deprivation-adjusted comparison.
///
/// With the canonical log link and an intercept the Poisson fit reproduces the total (ΣE = ΣO), so the adjusted
/// ratios are centred on 1 as indirect standardisation requires.
public struct DeprivationAdjustment: Sendable {
    public enum Family: String, Sendable, CaseIterable {
        case poisson, negbin
    }

    /// The right-hand side of the model, R syntax, with or without a leading `~` ("~ imd19_idaci").
    public var covariates: String
    public var family: Family

    public init(covariates: String, family: Family = .poisson) {
        self.covariates = covariates
        self.family = family
    }

    /// The model formula for the given columns.
    public func formula(observed: String, denominator: String) -> String {
        var rhs = covariates.trimmingCharacters(in: .whitespaces)
        if rhs.hasPrefix("~") { rhs = String(rhs.dropFirst()).trimmingCharacters(in: .whitespaces) }
        return "\(observed) ~ \(rhs) + offset(log(\(denominator)))"
    }

    /// Fits the model and returns the fit and the expected count of every data row (nil where the model dropped
    /// the row for a missing value).
    /// - Throws: ``GLMError`` (non-convergence, a bad formula, ...), as the GLM reports it.
    public func expectedCounts(_ data: DataFrame, observed: String,
                               denominator: String) throws -> (fit: GLMFit, expected: [Double?]) {
        let glmFamily: GLMFamily = family == .poisson ? .poisson(link: .log) : .negativeBinomial(link: .log, theta: nil)
        let fit = try GLMSpec(formula(observed: observed, denominator: denominator), family: glmFamily).fit(data)
        var expected = [Double?](repeating: nil, count: data.rowCount)
        for (k, row) in fit.rows.enumerated() { expected[row] = fit.fittedValues[k] }
        return (fit, expected)
    }
}
