import Comparison
import Foundation
import Regression
import Tabular
import Testing
import TestSupport

/// Expected counts from the adjusting model against R (Fixtures/make_adjusted_fixtures.R: glm and MASS::glm.nb of
/// at31_cla ~ imd19_idaci + offset(log(population_0_16)) on the 151 LAs of the real panel in 2022). Tolerances
/// (relative): Poisson coefficients 1e-9 and expected counts 1e-8 (the GLM reference tolerance); negative binomial
/// expected counts 1e-5 (θ's tolerance in GLMReferenceTests).
@Suite
struct DeprivationAdjustmentTests {
    nonisolated(unsafe) static let ref: [String: Any] = {
        let url = FunnelReference.directory.appendingPathComponent("adjusted_reference.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    static func data() throws -> DataFrame {
        // The panel holds an Inf in a column not used here (gspend_saf_percpp, line 640): read non-finite values.
        var options = CSVReadOptions()
        options.nonFiniteNumbers = .read
        let path = try #require(sharedLAPanelPath(), "shared/data/la-panel/merged_data.csv not found beside the repository")
        let all = try CSVReader.read(path: path, options: options).frame
        let year = try #require(all.column(named: "time_period"))
        return try all.filtering((0..<all.rowCount).map { year.numericValue(at: $0) == 2022 })
    }

    func check(_ family: DeprivationAdjustment.Family, _ key: String, tol: Double) throws {
        let d = try Self.data()
        let (fit, expected) = try DeprivationAdjustment(covariates: "~ imd19_idaci", family: family)
            .expectedCounts(d, observed: "at31_cla", denominator: "population_0_16")
        let r = Self.ref[key] as! [String: Any]
        let names = try #require(d.column(named: "la_name"))
        for u in r["units"] as! [[String: Any]] {
            let i = try #require((0..<d.rowCount).first { names.stringValue(at: $0) == u["unit"] as? String })
            let e = try #require(expected[i])
            #expect(close(e, u.double("expected"), tol * u.double("expected")), "\(key) \(u["unit"]!) \(e)")
        }
        let coef = (r["coefficients"] as! [NSNumber]).map(\.doubleValue)
        for (a, b) in zip(fit.estimates.map { $0 ?? .nan }, coef) { #expect(abs(a - b) <= max(tol, 1e-9) * abs(b)) }
    }

    @Test func poissonMatchesRGlm() throws {
        try check(.poisson, "poisson", tol: 1e-8)
        // Indirect standardisation reproduces the total: ΣE = ΣO with a log link and an intercept.
        let d = try Self.data()
        let (_, e) = try DeprivationAdjustment(covariates: "imd19_idaci").expectedCounts(d, observed: "at31_cla", denominator: "population_0_16")
        let sumE = e.compactMap { $0 }.reduce(0, +)
        #expect(abs(sumE - (Self.ref["poisson"] as! [String: Any]).double("sum_expected")) < 1e-6)
    }

    @Test func negativeBinomialMatchesMASSGlmNb() throws {
        try check(.negbin, "negbin", tol: 1e-5)
    }
}
