@testable import Comparison
import Foundation
import Tabular
import Testing
import TestSupport

/// LA random intercepts on the real panel (2022) against Fixtures/make_shrinkage_fixtures.R (lme4::glmer, Laplace):
/// conditional modes, conditional SDs, fixed effects and the random-intercept SD at the mixed-model tolerance used
/// across Tests/MixedModelsTests (1e-4 relative or absolute).
@Suite struct ShrinkageReferenceTests {
    nonisolated(unsafe) static let ref: [String: Any] = {
        let url = FunnelReference.directory.appendingPathComponent("shrinkage_reference.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    static func units(observed: String) throws -> [ShrunkenEstimates.Unit] {
        let d = try InequalityReferenceTests.panel()
        let code = try #require(d.column(named: "new_la_code")), t = try #require(d.column(named: "time_period"))
        let cla = try #require(d.column(named: "at31_cla")), cpp = try #require(d.column(named: "at31_cpp"))
        let pop = try #require(d.column(named: "population_0_16")), idaci = try #require(d.column(named: "imd19_idaci"))
        let y = observed == "at31_cla" ? cla : cpp
        return (0..<d.rowCount).compactMap { i in
            guard t.numericValue(at: i) == 2022, cla.numericValue(at: i) != nil, cpp.numericValue(at: i) != nil,
                  let c = y.numericValue(at: i), let p = pop.numericValue(at: i), let x = idaci.numericValue(at: i),
                  let name = code.stringValue(at: i) else { return nil }
            return .init(name: name, observed: Int(c), denominator: p.rounded(), covariates: [x])
        }
    }

    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-4 * max(1, abs(b)) }

    func check(_ family: ShrunkenEstimates.Family, observed: String) throws {
        let units = try Self.units(observed: observed)
        #expect(units.count == (Self.ref["n"] as! NSNumber).intValue)
        let r = try ShrunkenEstimates(family: family, covariates: ["imd19_idaci"]).fit(units)
        let f = Self.ref[family.rawValue] as! [String: Any]
        let fixef = (f["fixef"] as! [NSNumber]).map(\.doubleValue)
        for (a, b) in zip(r.fixedEffects.map(\.estimate), fixef) { #expect(near(a, b), "fixef \(a) vs \(b)") }
        #expect(near(r.randomInterceptSD, f.double("sd")))
        let las = f["la"] as! [String], modes = (f["mode"] as! [NSNumber]).map(\.doubleValue)
        let sds = (f["condsd"] as! [NSNumber]).map(\.doubleValue)
        var byName: [String: ShrunkenUnit] = [:]
        for u in r.units { byName[u.unit] = u }
        for (k, la) in las.enumerated() {
            let u = try #require(byName[la])
            #expect(near(u.mode, modes[k]) && near(u.conditionalSD, sds[k]), "\(family) \(la): \(u.mode) \(u.conditionalSD) vs \(modes[k]) \(sds[k])")
        }
    }

    @Test func poissonModesMatchGlmer() throws { try check(.poisson, observed: "at31_cla") }
    @Test func binomialModesMatchGlmer() throws { try check(.binomial, observed: "at31_cpp") }

    /// Shrinkage: a unit's shrunken rate lies between its own rate and the rate its covariates predict.
    @Test func shrunkenRatesLieBetweenRawAndPredicted() throws {
        let r = try ShrunkenEstimates(family: .poisson, covariates: ["imd19_idaci"]).fit(try Self.units(observed: "at31_cla"))
        for u in r.units {
            let predicted = u.shrunken / u.relative
            #expect(min(u.raw, predicted) - 1e-9 <= u.shrunken && u.shrunken <= max(u.raw, predicted) + 1e-9, "\(u.unit)")
        }
    }
}
