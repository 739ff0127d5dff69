import Foundation
import Testing
import Formulas
@testable import ModelSpecs
import Reporting
import Survival
import Tabular
import TestSupport

/// The survival analysis of a spec on a small hand-worked dataset: cumulative incidence 1 − S(t) at the
/// horizons, protected counts, and the Cox fit passed through unchanged.
@Suite struct SurvivalAnalysisTests {
    // order: 100 (return), 300 (censored), 500 (return), 2000 (censored) → S = 3/4 after day 100 and
    // 3/4 · 1/2 = 3/8 after day 500 (2 at risk), so 25% by 1 year and 62.5% by 5 years.
    // s20: 50, 60 (returns), 70 (censored) → S = 1/3 after day 60, and no follow-up after day 70: both horizons
    // lie beyond it, so the table leaves them blank (R's summary.survfit omits such times unless extend = TRUE).
    static let data: DataFrame = try! DataFrame(columns: [
        DataColumn(name: "days", doubles: [100, 300, 500, 2000, 50, 60, 70]),
        DataColumn(name: "returned", doubles: [1, 0, 1, 0, 1, 1, 0]),
        DataColumn(name: "legal_status", strings: ["order", "order", "order", "order", "s20", "s20", "s20"]),
    ])

    static let analysis = SurvivalAnalysis(
        dataset: .returnToCare,
        model: CoxModel(formula: Formula(response: .survival(time: "days", event: "returned"),
                                         terms: [.term(.column("legal_status"))])),
        curvesBy: "legal_status", curvesLabel: "Legal status", horizonsYears: [1, 5], event: "returned to care")

    @Test func incidenceAtHorizonsIsOneMinusKaplanMeier() throws {
        let result = try Self.analysis.compute(on: Self.data, policy: .disabled)
        let t = result.tables[1]
        let json = t.render(as: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["group"] as? String } == ["order", "s20", "All"])
        func value(_ r: Int, _ k: String) -> Double { rows[r][k] as? Double ?? .nan }
        #expect(abs(value(0, "percent_1y") - 25) <= 1e-12)
        #expect(abs(value(0, "percent_5y") - 62.5) <= 1e-12)
        #expect(rows[1]["percent_1y"] is NSNull && rows[1]["percent_5y"] is NSNull, "\(rows[1])")
        #expect(rows[0]["n"] as? Int == 4 && rows[0]["events"] as? Int == 2)
        #expect(rows[2]["n"] as? Int == 7 && rows[2]["events"] as? Int == 4)
        // The band is the KM interval turned over: low = 1 − upper, high = 1 − lower.
        let point = result.curves.curves[0].summary(at: [365.25])[0]
        #expect(abs(value(0, "conf_low_1y") - 100 * (1 - point.upper)) <= 1e-12)
        #expect(abs(value(0, "conf_high_1y") - 100 * (1 - point.lower)) <= 1e-12)
    }

    @Test func countsAreProtectedByDefault() throws {
        let result = try Self.analysis.compute(on: Self.data, policy: .standard)
        let text = result.tables[1].render(as: .text)
        #expect(!text.contains(" 4 ") && text.contains("[c]"))
        // The Cox table's footnote carries the protected n and events, not the raw 7 and 4.
        #expect(result.tables[0].footnotes[0].hasPrefix("exits used = [c], returned to care = [c]"), "\(result.tables[0].footnotes)")
    }

    @Test func coxFitIsTheModelsOwn() throws {
        let result = try Self.analysis.compute(on: Self.data, policy: .standard)
        let direct = try Self.analysis.model.fit(data: Self.data)
        #expect(result.cox.coefficients == direct.coefficients)
        #expect(result.figures.count == 1)
        // The figure names the event in words (not the event column).
        #expect(result.figures[0].chart.title == "Cumulative proportion who returned to care, by legal status")
    }

    /// Cutting follow-up at the figure's horizon (censoring there) leaves the curve up to the horizon unchanged
    /// and ends it there: order's steps at days 100 and 500, cut at 400 days, keep S(100) = 3/4 and lose day 500.
    @Test func figureHorizonCutsTheCurveWithoutChangingIt() throws {
        let full = try Self.analysis.kaplanMeier(Self.data, time: "days", event: "returned")
        let cut = try Self.analysis.kaplanMeier(Self.data, time: "days", event: "returned", cutAt: 400)
        let f = full.curves[0], c = cut.curves[0]
        #expect(c.time.last ?? .nan <= 400)
        for (k, t) in c.time.enumerated() {
            let j = try #require(f.time.firstIndex(of: t) ?? (t == 400 ? f.time.lastIndex { $0 < 400 } : nil))
            #expect(c.survival[k] == f.survival[j], "S(\(t))")
        }
        #expect(isClose(c.survival.last, 0.75, relative: 1e-15))
    }
}
