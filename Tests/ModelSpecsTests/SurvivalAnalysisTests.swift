import Foundation
import Testing
import Formulas
@testable import ModelSpecs
import Reporting
import Survival
import Tabular

/// The survival analysis of a spec on a small hand-worked dataset: cumulative incidence 1 − S(t) at the
/// horizons, counts through the run's disclosure gate, and the Cox fit passed through unchanged.
@Suite struct SurvivalAnalysisTests {
    // order: 100 (return), 300 (censored), 500 (return), 2000 (censored) → S = 3/4 after day 100 and
    // 3/4 · 1/2 = 3/8 after day 500 (2 at risk), so 25% by 1 year and 62.5% by 5 years.
    // s20: 50, 60 (returns), 70 (censored) → S = 1/3 after day 60, and no follow-up after day 70: both horizons
    // lie beyond it, so no row is reported (R's summary.survfit omits such times unless extend = TRUE).
    static let data: DataFrame = try! DataFrame(columns: [
        DataColumn(name: "days", doubles: [100, 300, 500, 2000, 50, 60, 70]),
        DataColumn(name: "returned", doubles: [1, 0, 1, 0, 1, 1, 0]),
        DataColumn(name: "legal_status", strings: ["order", "order", "order", "order", "s20", "s20", "s20"]),
    ])

    static let analysis = SurvivalAnalysis(
        dataset: .returnToCare,
        model: CoxSpec(formula: Formula(response: .survival(time: "days", event: "returned"),
                                         terms: [.term(.column("legal_status"))])),
        curvesBy: "legal_status", curvesLabel: "Legal status", horizonsYears: [1, 5], event: "returned to care",
        figureHorizonYears: 1)

    static func published(_ policy: DisclosurePolicy) throws -> PublishedRun {
        let result = try analysis.compute(on: data)
        var run = RunOutput(population: "test")
        analysis.addResults(result, to: &run)
        return try DisclosureGate(policy: policy).publish(run)
    }

    static func rows(_ t: Table) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(t.render(as: .json).utf8)) as? [String: Any]
        return object?["rows"] as? [[String: Any]] ?? []
    }

    @Test func incidenceAtHorizonsIsOneMinusKaplanMeier() throws {
        let run = try Self.published(.disabled)
        let at = try #require(run.tables.first { $0.name == "km-at-1" }).table
        let rows = try Self.rows(at)
        #expect(rows.count == 2)
        func value(_ r: Int, _ k: String) -> Double { rows[r][k] as? Double ?? .nan }
        #expect(abs(value(0, "incidence") - 0.25) <= 1e-12)
        #expect(abs(value(1, "incidence") - 0.625) <= 1e-12)
        // The band is the KM interval turned over: low = 1 − upper, high = 1 − lower.
        let curves = try Self.analysis.compute(on: Self.data).curves
        let point = curves.curves[0].summary(at: [365.25])[0]
        #expect(abs(value(0, "conf_low") - (1 - point.upper)) <= 1e-12)
        #expect(abs(value(0, "conf_high") - (1 - point.lower)) <= 1e-12)
        // s20's follow-up ends before both horizons: no rows.
        #expect(try Self.rows(try #require(run.tables.first { $0.name == "km-at-2" }).table).isEmpty)
        // Group counts: order 4 exits, 2 returned; all 7 and 4.
        let summary = try Self.rows(try #require(run.tables.first { $0.name == "km-summary" }).table)
        #expect(summary[0]["n"] as? Int == 4 && summary[0]["events"] as? Int == 2)
        #expect(summary[2]["n"] as? Int == 7 && summary[2]["events"] as? Int == 4)
    }

    /// The attack of issue 10 on a spec run: the Cox model's n and events minus the shown groups give a withheld
    /// group's count. Every count here is below 10, so nothing — neither a group's count nor the model's — is shown.
    @Test func noCountOrEstimateOfASmallGroupIsPublished() throws {
        let run = try Self.published(.standard)
        let cox = try #require(run.decisions.ledger.entries.first { $0.label == "rows used by the Cox model" })
        #expect(cox.value == 7)
        let text = run.tables.map { $0.table.render(as: .text) }.joined(separator: "\n")
        for (name, t) in run.tables where name.hasPrefix("km-") {
            for row in t.rows {
                for cell in row.dropFirst() {
                    if case .integer = cell { Issue.record("count shown in \(name): \(row)") }
                    if case .number(let x, _) = cell, t.columns.count > 6 { Issue.record("estimate \(x) shown in \(name)") }
                }
            }
        }
        #expect(!text.contains("0.25") && !text.contains("0.625") && !text.contains("0.75"), "\(text)")
        guard case .object(let json) = run.json, case .array(let tables)? = json.first(where: { $0.0 == "tables" })?.1 else {
            Issue.record("no tables in the JSON"); return
        }
        #expect(!tables.isEmpty)
    }

    @Test func coxFitIsTheModelsOwn() throws {
        let result = try Self.analysis.compute(on: Self.data)
        let direct = try Self.analysis.model.fit(Self.data)
        #expect(result.cox.coefficients == direct.coefficients)
        let run = try Self.published(.disabled)
        #expect(run.figures.count == 1)
        // The figure names the event in words (not the event column).
        #expect(run.figures[0].svg.contains("Cumulative proportion who returned to care, by legal status"))
    }

    /// A figure horizon leaves out the steps after it; the curve up to it is the full estimate: order's step at
    /// day 100 (S = 3/4) is drawn, its step at day 500 (S = 3/8) is not when the horizon is 400 days.
    @Test func figureHorizonEndsTheCurveWithoutChangingIt() throws {
        let result = try Self.analysis.compute(on: Self.data)
        var run = RunOutput(population: "test")
        let counts = result.curves.addResults(to: &run)
        let p = try DisclosureGate(policy: .disabled).publish(run)
        func steps(_ horizon: Double?) throws -> (x: [Double], y: [Double]) {
            let chart = try result.curves.figure(p.decisions, counts: counts, options: SurvivalFigureOptions(), horizon: horizon)
            for layer in chart.panels[0].layers { if case .step(let x, let y) = layer.mark { return (x, y) } }
            return ([], [])
        }
        let full = try steps(nil), cut = try steps(400)
        #expect(full.x == [0, 100, 300, 500, 2000] && cut.x == [0, 100, 300])
        #expect(zip(cut.y, full.y).allSatisfy { abs($0 - $1) <= 1e-15 })
        #expect(abs(cut.y[1] - 0.75) <= 1e-15)
    }
}
