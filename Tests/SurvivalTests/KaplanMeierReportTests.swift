import Foundation
import Reporting
import Testing
@testable import Survival
import TestSupport

@Suite("Kaplan–Meier reporting")
struct KaplanMeierReportTests {
    /// JSON shape of the brief and the hand-worked five-subject values (see KaplanMeierTests): S(3) = 8/15,
    /// std_error = S·√(13/60) (SE of S, not of log S), median 4; tolerance 1e-14 relative.
    @Test func jsonShapeAndValues() throws {
        let data = try SurvivalData(time: [3, 1, 4, 2, 4], event: [true, true, true, false, false])
        let fit = try KaplanMeier.fit(data)
        let text = fit.json().serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let strata = try #require(object["strata"] as? [[String: Any]])
        #expect(strata.count == 1)
        #expect(Set(strata[0].keys).isSuperset(of: ["name", "n", "events", "median", "table"]))
        #expect(strata[0]["n"] as? Double == 5)
        #expect(strata[0]["events"] as? Double == 3)
        #expect(strata[0]["median"] as? Double == 4)
        let rows = try #require(strata[0]["table"] as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(Set(rows[2].keys) == ["time", "n_risk", "n_event", "n_censor", "survival", "std_error", "conf_low",
                                      "conf_high"])
        let s = 8.0 / 15
        #expect(isClose(try #require(rows[2]["survival"] as? Double), s, relative: 1e-14))
        #expect(isClose(try #require(rows[2]["std_error"] as? Double), s * (13.0 / 60).squareRoot(), relative: 1e-14))
        #expect(rows[2]["n_risk"] as? Double == 3)
        // Requested times: one row per time, as summary(fit, times =).
        let atRows = try #require(((try JSONSerialization.jsonObject(with: Data(fit.json(times: [2.5]).serialized().utf8))
            as? [String: Any])?["strata"] as? [[String: Any]])?[0]["table"] as? [[String: Any]])
        #expect(atRows.count == 1 && atRows[0]["survival"] as? Double == 0.8)
    }

    @Test func tables() throws {
        let data = try SurvivalData(time: [3, 1, 4, 2, 4], event: [true, true, true, false, false],
                                    strataLabels: ["a", "a", "b", "b", "b"])
        let fit = try KaplanMeier.fit(data)
        let summary = fit.summaryTable
        #expect(summary.rows.count == 2)
        #expect(summary.rows[0][0] == .text("a") && summary.rows[0][1] == .integer(2))
        // Stratum a = {1 event, 3 event}: S = 1/2 at t = 1 exactly, then 0 at 3: median = midpoint 2 (R's rule).
        #expect(summary.rows[0][3] == .number(2))
        let life = fit.lifeTable(stratum: 1)
        #expect(life.rows.count == 2)        // times 2 and 4 in stratum b
        #expect(life.rows[1][1] == .integer(2) && life.rows[1][2] == .integer(1) && life.rows[1][3] == .integer(1))
        #expect(!life.render(as: .text).isEmpty)
    }
}
