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
        // Published through the gate with disclosure control off (the exact table, as R's survfit).
        func published(times: [Double]? = nil) throws -> String {
            var run = RunOutput(population: "test")
            let counts = fit.addResults(to: &run, times: times)
            run.json = { d in fit.json(d, counts: counts) }
            return try DisclosureGate(policy: .disabled).publish(run).json.serialized()
        }
        let text = try published()
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
        let atText = try published(times: [2.5])
        let at = try #require(try JSONSerialization.jsonObject(with: Data(atText.utf8)) as? [String: Any])
        let atRows = try #require((at["strata"] as? [[String: Any]])?.first?["at_times"] as? [[String: Any]])
        #expect(atRows.count == 1 && isClose(atRows[0]["survival"], 0.8, relative: 1e-15), "\(atText)")
    }

    @Test func lifeTableRows() throws {
        let data = try SurvivalData(time: [3, 1, 4, 2, 4], event: [true, true, true, false, false],
                                    strataLabels: ["a", "a", "b", "b", "b"])
        let fit = try KaplanMeier.fit(data)
        #expect(fit.curves.count == 2 && fit.curves[0].n == 2)
        // Stratum a = {1 event, 3 event}: S = 1/2 at t = 1 exactly, then 0 at 3: median = midpoint 2 (R's rule).
        #expect(isClose(fit.curves[0].median.estimate, 2, absolute: 1e-15))
        let life = fit.lifeTableRows(stratum: 1)
        #expect(life.count == 2)        // times 2 and 4 in stratum b
        #expect(life[1].nRisk == 2 && life[1].nEvent == 1 && life[1].nCensor == 1)
    }
}
