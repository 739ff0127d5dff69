import Foundation
import Testing
import Reporting
import Survival
import Tabular

/// CareStat's survival-table coarsening against ACRO's (the research-output checker on PyPI, `acro` 0.4,
/// `surv_func(..., output="table")` with `suppress=True`, `survival_safe_threshold` 10). Fixture:
/// Fixtures/acro/make-acro-survival.py wrote survival.csv (60 times) and acro-survival.csv (ACRO's table with the
/// rows it publishes marked). Exact comparison of counts and times (no floating-point tolerance is involved).
@Suite struct ACROSurvivalRuleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("acro")

    static func csv(_ name: String) throws -> [[String: Double]] {
        let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",").map { Double($0) ?? .nan }))
        }
    }

    @Test func everyRowACROWithholdsCareStatWithholdsToo() throws {
        let data = try Self.csv("survival.csv")
        let acro = try Self.csv("acro-survival.csv")
        let frame = try DataFrame(columns: [DataColumn(name: "time", doubles: data.map { $0["time"] }),
                                            DataColumn(name: "event", doubles: data.map { $0["event"] })])
        let fit = try KaplanMeierSpec("Surv(time, event) ~ 1").fit(frame)
        var run = RunOutput(population: "ACRO fixture")
        let counts = fit.addResults(to: &run)
        let p = try DisclosureGate(policy: .standard).publish(run)
        let d = p.decisions
        let steps = try #require(d.stepFunctions[counts.stepNames[0]]).steps
        #expect(acro.contains { $0["published"] == 0 }, "the fixture has rows ACRO withholds")

        // 1. A row ACRO withholds (fewer than 10 left since its last published row) hides the number at risk and
        //    the deaths at its time t. CareStat publishes a number at risk only at the start of a step (the first
        //    curve time after the previous published step) and deaths only summed over a whole step, so neither
        //    may be a step starting at t, nor a step made of t alone. (CareStat may end a step at t: S(t) after
        //    at least 10 have left since CareStat's previous step is what ACRO's rule allows, anchored at
        //    CareStat's own published steps.)
        let times = fit.curves[0].time
        var starts: [Double] = []
        var previous = -Double.infinity
        for s in steps {
            let first = try #require(times.first { $0 > previous })
            starts.append(first)
            #expect(!(first == s.time && acro.contains { $0["time"] == s.time && $0["published"] == 0 }),
                    "a step of a single withheld time \(s.time)")
            previous = s.time
        }
        for row in acro where row["published"] == 0 {
            let t = try #require(row["time"])
            #expect(!starts.contains(t), "CareStat publishes the number at risk at t = \(t), which ACRO withholds")
        }
        // 2. Every CareStat step has at least 10 people leaving since the previous one (ACRO's rule), so CareStat's
        //    published times are times ACRO's rule would also allow.
        for s in steps {
            let e = try #require(d.published(s.events).value), c = try #require(d.published(s.censored).value)
            #expect(e + c >= 10)
            // 3. Where CareStat withholds more: ACRO always publishes its first row (here 1 death at t = 5 with 60
            //    at risk) and a published row's deaths even when below 10; CareStat publishes a step's events and
            //    censorings only as 0 or at least 10, because S at that step together with the numbers at risk
            //    would reveal them.
            #expect(e == 0 || e >= 10)
            #expect(c == 0 || c >= 10)
        }
        let first = try #require(acro.first)
        #expect(first["published"] == 1 && first["n_event"] == 1)
        #expect(!steps.contains { $0.time == first["time"] && first["time"] == starts.first })
    }
}
