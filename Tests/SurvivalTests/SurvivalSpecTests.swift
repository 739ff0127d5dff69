import Foundation
import Testing
import Reporting
@testable import Survival
import Tabular

/// The formula specs (KaplanMeierSpec, CumulativeIncidenceSpec) give the same numbers as the estimators on
/// SurvivalData (each tested against R), and CoxFit.summary() carries the fit's numbers and its counts. Estimates
/// are compared exactly (`==` on the same computation from the same sorted data) — the specs only route columns.
@Suite struct SurvivalSpecTests {
    static let lung: DataFrame = {
        let f = try! KaplanMeierFixture("lung.csv")
        return try! DataFrame(columns: [
            DataColumn(name: "time", doubles: f.strings("time").map { Double($0) }),
            DataColumn(name: "status", doubles: f.strings("status").map { Double($0) }),
            DataColumn(name: "sex", strings: f.strings("sex")),
        ])
    }()

    /// lung's status is 0/1 here (1 = death): the spec's curves equal KaplanMeier.fit on the same data, and hence
    /// R's survfit (KaplanMeierTests).
    @Test func kaplanMeierSpecEqualsTheEstimator() throws {
        let spec = try KaplanMeierSpec("Surv(time, status) ~ sex").fit(Self.lung)
        let f = try KaplanMeierFixture("lung.csv")
        let data = try SurvivalData(time: f.strings("time").map { Double($0) ?? .nan },
                                    event: f.strings("status").map { $0 == "1" }, strataLabels: f.strings("sex"),
                                    timefix: true)
        let direct = try KaplanMeier.fit(data)
        #expect(spec.curves == direct.curves, "the spec's curves differ from the estimator's")
        #expect(spec.groupName == "sex" && spec.curves.map(\.name) == ["1", "2"])
        let one = try KaplanMeierSpec("Surv(time, status) ~ 1").fit(Self.lung)
        #expect(one.curves.count == 1 && one.curves[0].n == 228)
    }

    /// Missing rows go through ModelFrame: dropped, counted in total and per column, and in the run's note.
    @Test func missingRowsAreDroppedAndReported() throws {
        let frame = try DataFrame(columns: [
            DataColumn(name: "t", doubles: [1, 2, nil, 4, 5, 6]),
            DataColumn(name: "e", doubles: [1, 0, 1, nil, 1, 0]),
        ])
        let fit = try KaplanMeierSpec("Surv(t, e) ~ 1").fit(frame)
        #expect(fit.curves[0].n == 4 && fit.droppedRows == 2)
        var run = RunOutput(population: "t")
        fit.addResults(to: &run)
        let p = try DisclosureGate(policy: .disabled).publish(run)
        #expect(p.tables[0].table.footnotes.contains { $0.hasPrefix("2 rows dropped for missing values") })
    }

    /// Bad formulas and data are errors that say what is wrong.
    @Test func badInputIsAnError() throws {
        #expect(throws: SurvivalCurveError.self) { try KaplanMeierSpec("time ~ sex") }
        #expect(throws: SurvivalCurveError.self) { try KaplanMeierSpec("Surv(time, status) ~ log(sex)") }
        #expect(throws: SurvivalCurveError.self) { try KaplanMeierSpec("Surv(time, status) ~ nosuch").fit(Self.lung) }
        #expect(throws: SurvivalCurveError.self) { try KaplanMeierSpec("Surv(t, e) ~ 1", confidenceLevel: 1.5) }
    }

    /// CoxFit.summary(): the fit's own coefficients (log-hazard scale), hazard ratios as the exponentiated
    /// scale, n = events + censored, a level's rows as the count its estimate reveals, the three tests with df.
    @Test func coxSummaryCarriesTheFit() throws {
        let fit = try CoxSpec("Surv(time, status) ~ sex").fit(Self.lung)
        let s = fit.summary()
        #expect(s.model == "coxph" && s.coefficients.exponentiatedName == "hazard ratio")
        #expect(s.coefficients.rows.map(\.estimate) == fit.coefficients)
        let events = try #require(s.events)
        #expect(s.ledger.value(s.n) == 228 && s.ledger.value(events) == 165)
        let level = try #require(s.coefficients.rows[0].levelCount)
        #expect(s.ledger.value(level) == 90)   // sex = 2: 90 rows (fewer than sex = 1's 138)
        #expect(s.ledger.relations.contains { $0.total == s.n && $0.parts.count == 2 })
        for key in ["likelihood_ratio_df", "wald_df", "score_df"] {
            guard case .integer(let df)? = s.statistic(key)?.value else { Issue.record("\(key)"); continue }
            #expect(df == 1)
        }
        let lr = try #require(s.statistic("likelihood_ratio_statistic"))
        #expect(lr.value == .number(fit.likelihoodRatioTest.statistic))
    }
}
