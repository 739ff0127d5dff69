import Foundation
import Testing
import Formulas
import Regression
import Tabular

/// `offset()` in an ordered logit enters the linear predictor as in `MASS::polr`: logit P(Y ≤ k) = ζₖ − xᵀβ − o.
/// Reference: Fixtures/make-ordinal-offset.R (R 4.2.2, MASS 7.3-58.2; 400 simulated rows). Before, the offset
/// was parsed and dropped, and the fit was polr's `y ~ x + grp` (the "nooffset" values: x 0.4255 against 0.4424).
///
/// Tolerances (relative): estimates and log-likelihood 1e-6 (polr stops its BFGS at reltol 1e-15 on the
/// log-likelihood, which leaves the estimates about 1e-7 from the maximum); standard errors 1e-5 (polr's Hessian is
/// optimHess's finite differences of the analytic gradient; CareStat's is analytic).
struct OrderedLogitOffsetTests {
    static func data() throws -> DataFrame {
        let (header, rows) = CategoricalFixtures.csv("ordinal-offset.csv")
        let columns = header.enumerated().map { j, name in
            name == "grp" ? DataColumn(name: name, categories: rows.map { $0[j] }, levels: ["a", "b", "c"])
                : DataColumn(name: name, doubles: rows.map { Double($0[j]) })
        }
        return try DataFrame(columns: columns)
    }

    /// model → quantity → name → value.
    static func reference(_ model: String, _ quantity: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for r in CategoricalFixtures.csv("ordinal-offset-reference.csv").rows where r[0] == model && r[1] == quantity {
            out[r[2]] = Double(r[3])
        }
        return out
    }

    static func rel(_ a: Double, _ b: Double?) -> Double { abs(a - (b ?? .nan)) / abs(b ?? .nan) }
    /// CareStat's `grp=b` is R's `grpb`.
    static func rName(_ term: String) -> String { term.replacingOccurrences(of: "=", with: "") }

    @Test(arguments: [("offset", "y ~ x + grp + offset(log(exposure))"), ("nooffset", "y ~ x + grp")])
    func matchesPolr(model: String, formula: String) throws {
        let fit = try OrderedLogitSpec(formula: Formula(parsing: formula)).fit(try Self.data())
        #expect(fit.converged)
        let coef = Self.reference(model, "coef"), coefSE = Self.reference(model, "coef_se")
        #expect(fit.coefficients.count == coef.count)
        for c in fit.coefficients {
            #expect(Self.rel(c.estimate, coef[Self.rName(c.term)]) < 1e-6, "\(model) \(c.term) \(c.estimate)")
            #expect(Self.rel(c.standardError, coefSE[Self.rName(c.term)]) < 1e-5, "\(model) SE \(c.term)")
        }
        let zeta = Self.reference(model, "zeta"), zetaSE = Self.reference(model, "zeta_se")
        #expect(fit.thresholds.count == zeta.count)
        for t in fit.thresholds {
            #expect(Self.rel(t.estimate, zeta[t.term]) < 1e-6, "\(model) \(t.term)")
            #expect(Self.rel(t.standardError, zetaSE[t.term]) < 1e-5, "\(model) SE \(t.term)")
        }
        #expect(Self.rel(fit.logLikelihood, Self.reference(model, "loglik")[""]) < 1e-6)
    }

    /// An offset of the form c·x is the model with x's coefficient shifted by c: β̂ₓ(offset) = β̂ₓ(free) − c,
    /// thresholds and the other coefficients unchanged (exactly, up to the optimiser's tolerance; 1e-7 absolute).
    @Test func offsetOfACovariateShiftsItsCoefficient() throws {
        var d = try Self.data()
        let x = try #require(d.column(named: "x"))
        try d.setColumn(DataColumn(name: "x2", doubles: (0..<d.rowCount).map { x.numericValue(at: $0).map { 2 * $0 } }))
        let free = try OrderedLogitSpec(formula: Formula(parsing: "y ~ x + grp")).fit(d)
        let shifted = try OrderedLogitSpec(formula: Formula(parsing: "y ~ x + grp + offset(x2)")).fit(d)
        #expect(abs(shifted.coefficients[0].estimate - (free.coefficients[0].estimate - 2)) < 1e-7)
        for (a, b) in zip(shifted.thresholds, free.thresholds) { #expect(abs(a.estimate - b.estimate) < 1e-7) }
        for (a, b) in zip(shifted.coefficients.dropFirst(), free.coefficients.dropFirst()) {
            #expect(abs(a.estimate - b.estimate) < 1e-7)
        }
    }
}
