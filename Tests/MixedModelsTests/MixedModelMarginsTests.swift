import Foundation
import Testing
import Tabular
import Formulas
import MixedModels

/// Average predictions at random effects zero and their pairwise contrasts, against the same quantities computed in
/// R from glmmTMB's fit of cbpp (Fixtures/make-margins-fixtures.R → margins-reference.csv). Our fit agrees with
/// glmmTMB's to about 1e-6 in the coefficients, so estimates are checked to 1e-5 absolute and standard errors to
/// 1e-4 relative.
@Suite struct MixedModelMarginsTests {
    private func cbpp() throws -> DataFrame {
        var d = try Fixtures.data("cbpp.csv")
        let period = try #require(d.column(named: "period"))
        try d.setColumn(DataColumn(name: "period", strings: (0..<d.rowCount).map { period.stringValue(at: $0) }))
        return d
    }

    private func reference() throws -> [String: (Double, Double)] {
        let r = try CSVReader.read(path: Fixtures.directory.appendingPathComponent("margins-reference.csv").path).frame
        var out: [String: (Double, Double)] = [:]
        for i in 0..<r.rowCount {
            let label = r.column(named: "label")?.stringValue(at: i) ?? ""
            out[label] = (r.column(named: "estimate")?.numericValue(at: i) ?? .nan,
                          r.column(named: "std_error")?.numericValue(at: i) ?? .nan)
        }
        return out
    }

    @Test func averagePredictionsAndContrastsMatchR() throws {
        let data = try cbpp()
        let fit = try MixedModelSpec(formula: try Formula(parsing: "cbind(incidence, failures) ~ period + (1 | herd)"),
                                     family: .binomial).fit(data)
        let ref = try reference()
        let predictions = try fit.averagePredictions(overLevelsOf: "period", data: data)
        let contrasts = try fit.pairwiseContrasts(of: "period", data: data)
        #expect(predictions.map(\.label) == ["period=1", "period=2", "period=3", "period=4"])
        #expect(contrasts.count == 6)
        for m in predictions + contrasts {
            let r = try #require(ref[m.label], "\(m.label) missing from the reference")
            #expect(abs(m.estimate - r.0) <= 1e-5, "\(m.label): \(m.estimate) vs \(r.0)")
            #expect(abs(m.standardError - r.1) <= 1e-4 * r.1, "\(m.label) SE: \(m.standardError) vs \(r.1)")
            #expect(abs(m.confidenceHigh - m.confidenceLow - 2 * 1.959963984540054 * m.standardError) <= 1e-12)
        }
    }

    @Test func marginsOverANumericColumnAreRefused() throws {
        let data = try Fixtures.data("cbpp.csv")
        let fit = try MixedModelSpec(formula: try Formula(parsing: "cbind(incidence, failures) ~ period + (1 | herd)"),
                                     family: .binomial).fit(data)
        #expect(throws: MixedModelError.self) { try fit.averagePredictions(overLevelsOf: "period", data: data) }
        #expect(throws: MixedModelError.self) { try fit.averagePredictions(overLevelsOf: "no_such_column", data: data) }
    }
}
