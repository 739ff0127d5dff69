import Testing
import TestSupport
import Tabular
import Reporting
@testable import ModelSpecs

/// Study estimates against R (Fixtures/make_study_estimate_fixtures.R, values in study_estimate_fixtures.txt):
/// Kaplan–Meier at a time as `summary(survfit(...), times =)` with the log interval, and Wilson intervals as
/// `prop.test(x, n, correct = FALSE)`. Tolerance 1e-12 relative (the same arithmetic; R prints 17 digits).
@Suite struct StudyEstimatesTests {
    static func frame() throws -> DataFrame {
        try DataFrame(columns: [
            DataColumn(name: "time", doubles: [2, 3, 3, 5, 8, 8, 9, 12, 15, 20, 21, 30]),
            DataColumn(name: "event", doubles: [1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0]),
            DataColumn(name: "grp", strings: ["a", "a", "b", "a", "b", "a", "b", "a", "a", "b", "a", "a"]),
        ])
    }

    @Test func kaplanMeierAtATimeMatchesRsSurvfitSummary() throws {
        let a = Estimand("a", dataset: .returnToCare, filter: [RowCondition("grp", equals: "a")],
                         measure: .survivalAt(time: "time", event: "event", days: 10, complement: false))
        let e = try StudyEstimates.estimate(a, on: Self.frame())
        #expect(isClose(e.estimate!, 50, relative: 1e-12))
        #expect(isClose(e.confLow!, 100 * 0.25004882186280469, relative: 1e-12))
        #expect(isClose(e.confHigh!, 100 * 0.9998047506785237, relative: 1e-12))
        #expect(e.rows == 8)
        #expect(e.events == 6)
        // The complement (cumulative incidence) flips the interval.
        let all = Estimand("all", dataset: .returnToCare,
                           measure: .survivalAt(time: "time", event: "event", days: 20, complement: true))
        let c = try StudyEstimates.estimate(all, on: Self.frame())
        #expect(isClose(c.estimate!, 100 * (1 - 0.40509259259259256), relative: 1e-12))
        #expect(isClose(c.confLow!, 100 * (1 - 0.89824984001132469), relative: 1e-12))
        #expect(isClose(c.confHigh!, 100 * (1 - 0.18268860317450131), relative: 1e-12))
    }

    @Test func wilsonIntervalMatchesRsPropTest() {
        let (p, lo, hi) = StudyEstimates.wilson(22, 72)
        #expect(isClose(p!, 100 * 22.0 / 72, relative: 1e-14))
        #expect(isClose(lo!, 100 * 0.21126630975195268, relative: 1e-12))
        #expect(isClose(hi!, 100 * 0.41954247959111424, relative: 1e-12))
        let (_, lo0, hi0) = StudyEstimates.wilson(0, 15)
        #expect(abs(lo0!) < 1e-12)
        #expect(isClose(hi0!, 100 * 0.20388330103584854, relative: 1e-12))
    }

    @Test func horizonBeyondFollowUpGivesNoEstimateAndSaysWhy() throws {
        let late = Estimand("late", dataset: .returnToCare, filter: [RowCondition("grp", equals: "b")],
                            measure: .survivalAt(time: "time", event: "event", days: 25, complement: false))
        let e = try StudyEstimates.estimate(late, on: Self.frame())
        #expect(e.estimate == nil)
        #expect(e.note?.contains("follow-up ends before 25 days") == true)
    }

    @Test func rowOrderDoesNotChangeAnEstimate() throws {
        let f = try Self.frame()
        let order = [11, 3, 7, 0, 9, 1, 5, 10, 2, 8, 4, 6]
        let shuffled = try DataFrame(columns: f.columns.map { try $0.taking(rows: order) })
        let m = Estimand("a", dataset: .returnToCare, filter: [RowCondition("grp", equals: "a")],
                         measure: .survivalAt(time: "time", event: "event", days: 10, complement: true))
        let x = try StudyEstimates.estimate(m, on: f), y = try StudyEstimates.estimate(m, on: shuffled)
        #expect(isClose(x.estimate!, y.estimate!, relative: 1e-14))
        #expect(isClose(x.confLow!, y.confLow!, relative: 1e-14))
    }

    /// The attack: a study estimate on few people is withheld with its counts in the estimates table, in the
    /// published comparison, and in `reproduce`'s summary (whose ledgers are appended, not re-decided).
    @Test func anEstimateOnFewPeopleIsWithheldEverywhere() throws {
        let small = Estimand("small group", dataset: .returnToCare, filter: [RowCondition("grp", equals: "b")],
                             measure: .proportion(RowCondition("event", equals: "1")))
        let big = Estimand("everyone", dataset: .returnToCare, measure: .proportion(RowCondition("event", equals: "1")))
        let estimates = [try StudyEstimates.estimate(small, on: Self.frame()), try StudyEstimates.estimate(big, on: Self.frame())]
        var output = RunOutput(population: "test")
        let counts = estimates.add(to: &output)
        output.add(publishedComparison([PublishedFigure(.estimate("small group"), 50, decimals: 0, source: "test")]) {
            estimates.reproduce($0, counts: counts)
        })
        let spec = ModelSpec("test-study", title: "t", summary: "s", data: .careRecords, analysis: .estimates(StudyEstimates([small])),
                             published: [PublishedFigure(.estimate("small group"), 50, decimals: 0, source: "test")])
        let summary = Reproduction.summary([SpecRun(spec: spec, output: output)])
        let policy = DisclosurePolicy.standard
        for run in [output, summary] {
            let published = try DisclosureGate(policy: policy).publish(run)
            let text = published.tables.map { $0.table.render(as: .text) }.joined()
            // group b has 4 rows and 1 event: neither count nor the 25% estimate nor its interval may appear.
            for line in text.split(separator: "\n") where line.contains("small group") {
                #expect(!line.contains(" 25 ") && !line.contains("25.0") && !line.contains(" 4 "), "\(line)")
                #expect(line.contains("[c]"), "\(line)")
            }
        }
    }
}
