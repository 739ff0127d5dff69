import Foundation
import Testing
@testable import Survival
import TestSupport

@Suite("Competing risks (Aalen–Johansen)")
struct CompetingRisksTests {
    static let causeNames = ["returned", "adopted", "age18"]

    static func fit(_ name: String) throws -> CompetingRisksFit {
        let f = try KaplanMeierFixture(name == "cr_tiny" ? "competing_tiny.csv" : "competing.csv")
        let cause = f.numbers("cause").map { Int($0) }
        let entry = name.hasPrefix("cr_entry") ? f.numbers("start") : nil
        let weight = name.hasSuffix("weights") ? f.numbers("w") : nil
        let strata = (name == "cr_strata" || name == "cr_entry_weights") ? f.strings("la") : f.rows.map { _ in "" }
        let data = try SurvivalData(time: f.numbers("time"), event: cause.map { $0 != 0 }, entry: entry,
                                    weight: weight, strataLabels: strata)
        return try AalenJohansen.fit(data, cause: cause, causeNames: causeNames)
    }

    /// survfit(Surv(time, factor(cause)) ~ ..., weights, id = row) on synthetic leaving-care data (ties,
    /// strata, integer weights, delayed entry) and a tiny set where S reaches 0: pstate, std.err (infinitesimal
    /// jackknife), log CIs, n.risk, n.event, n.censor. Reference: Fixtures/make-cr-fixtures.R → cr_survfit.csv.
    /// Tolerance 1e-10 relative for probabilities and CIs; 1e-9 relative for standard errors (sums of squares
    /// of influences that partly cancel; observed agreement is better).
    @Test(arguments: ["cr_plain", "cr_strata", "cr_weights", "cr_entry", "cr_entry_weights", "cr_tiny"])
    func matchesSurvfit(_ name: String) throws {
        let fit = try Self.fit(name)
        let reference = try KaplanMeierFixture("cr_survfit.csv")
        for curve in fit.curves {
            let r0 = reference.filter(["case": name, "strata": curve.name, "state": "(s0)"])
            #expect(r0.rows.count == curve.time.count, "\(name) \(curve.name)")
            guard r0.rows.count == curve.time.count else { continue }
            func check(_ ours: [Double], _ theirs: [Double], _ what: String, _ tol: Double) {
                for i in 0..<ours.count where !isClose(ours[i], theirs[i], relative: tol) {
                    Issue.record("\(name) [\(curve.name)] \(what)[\(i)] t=\(curve.time[i]): \(ours[i]) vs R \(theirs[i])")
                }
            }
            check(curve.time, r0.numbers("time"), "time", 0)
            check(curve.nRisk, r0.numbers("n_risk"), "n_risk", 1e-12)
            check(curve.nCensor, r0.numbers("n_censor"), "n_censor", 1e-12)
            check(curve.eventFree, r0.numbers("pstate"), "S", 1e-10)
            check(curve.eventFreeStandardError, r0.numbers("std_err"), "SE(S)", 1e-9)
            for (k, cause) in Self.causeNames.enumerated() {
                let r = reference.filter(["case": name, "strata": curve.name, "state": cause])
                check(curve.nEvent[k], r.numbers("n_event"), "\(cause) n_event", 1e-12)
                check(curve.incidence[k], r.numbers("pstate"), "\(cause) F", 1e-10)
                check(curve.standardError[k], r.numbers("std_err"), "\(cause) SE", 1e-9)
                check(curve.lower[k], r.numbers("lower"), "\(cause) lower", 1e-9)
                check(curve.upper[k], r.numbers("upper"), "\(cause) upper", 1e-9)
            }
        }
    }

    /// The point estimates equal cmprsk::cuminc's (cr_cuminc.csv, at each event time of each cause).
    /// Tolerance 1e-10 relative.
    @Test func estimatesMatchCuminc() throws {
        let fit = try Self.fit("cr_plain")
        let reference = try KaplanMeierFixture("cr_cuminc.csv")
        let curve = fit.curves[0]
        for k in 0..<3 {
            let r = reference.filter(["cause": String(k + 1)])
            #expect(r.rows.count > 0)
            for (t, est) in zip(r.numbers("time"), r.numbers("est")) {
                let i = try #require(curve.time.firstIndex(of: t))
                #expect(isClose(curve.incidence[k][i], est, relative: 1e-10), "cause \(k + 1) t=\(t)")
            }
        }
    }

    /// Hand-worked: times 1 (cause 1), 2 (cause 2), 3 (censored), 4 (cause 1); no ties.
    ///   t=1: n=4, S 1 → 3/4, F1 = 1·1/4 = 1/4
    ///   t=2: n=3, S → 3/4·2/3 = 1/2, F2 = 3/4·1/3 = 1/4
    ///   t=4: n=1, S → 0, F1 = 1/4 + 1/2·1/1 = 3/4
    /// F1 + F2 + S = 1 at every time. Tolerance 1e-15 relative.
    @Test func handWorked() throws {
        let fit = try AalenJohansen.fit(time: [4, 1, 3, 2], status: ["a", "a", "c", "b"], censored: "c")
        #expect(fit.causeNames == ["a", "b"])
        let c = fit.curves[0]
        #expect(c.time == [1, 2, 3, 4])
        #expect(isClose(c.incidence[0], [0.25, 0.25, 0.25, 0.75], absolute: 1e-15))
        #expect(isClose(c.incidence[1], [0, 0.25, 0.25, 0.25], absolute: 1e-15))
        #expect(isClose(c.eventFree, [0.75, 0.5, 0.5, 0], absolute: 1e-15))
        for i in 0..<4 { #expect(isClose(c.incidence[0][i] + c.incidence[1][i] + c.eventFree[i], 1, relative: 1e-15)) }
    }

    @Test func rejectsInconsistentCodes() throws {
        let data = try SurvivalData(time: [1, 2], event: [true, false])
        #expect(throws: SurvivalCurveError.self) { try AalenJohansen.fit(data, cause: [0, 0], causeNames: ["x"]) }
        #expect(throws: SurvivalCurveError.self) { try AalenJohansen.fit(data, cause: [2, 0], causeNames: ["x"]) }
        #expect(throws: SurvivalCurveError.self) { try AalenJohansen.fit(data, cause: [1], causeNames: ["x"]) }
    }
}

@Suite("Competing risks: Gray's variance")
struct CompetingRisksGrayTests {
    /// cmprsk::cuminc variances at each event time of each cause (cr_cuminc.csv), unweighted right-censored
    /// data with heavy ties. Tolerance 1e-10 relative.
    @Test func matchesCuminc() throws {
        let f = try KaplanMeierFixture("competing.csv")
        let cause = f.numbers("cause").map { Int($0) }
        let data = try SurvivalData(time: f.numbers("time"), event: cause.map { $0 != 0 })
        let fit = try AalenJohansen.fit(data, cause: cause, causeNames: CompetingRisksTests.causeNames, variance: .gray)
        let curve = fit.curves[0]
        let reference = try KaplanMeierFixture("cr_cuminc.csv")
        for k in 0..<3 {
            let r = reference.filter(["cause": String(k + 1)])
            for (t, v) in zip(r.numbers("time"), r.numbers("var")) {
                let i = try #require(curve.time.firstIndex(of: t))
                #expect(isClose(curve.standardError[k][i] * curve.standardError[k][i], v, relative: 1e-10),
                        "cause \(k + 1) t=\(t)")
            }
        }
    }

    @Test func rejectsWeightsAndEntry() throws {
        let data = try SurvivalData(time: [1, 2], event: [true, false], weight: [1, 2])
        #expect(throws: SurvivalCurveError.self) {
            try AalenJohansen.fit(data, cause: [1, 0], causeNames: ["x"], variance: .gray)
        }
    }
}

@Suite("Competing risks reporting")
struct CompetingRisksReportTests {
    /// Hand-worked case of CompetingRisksTests.handWorked read at t = 1.5 and 4: at 1.5, F_a = 1/4 with one
    /// event of a so far and 3 at risk at the next time (2); at 4, F_a = 3/4 (one more a event, at 4) and
    /// F_b = 1/4 (its event at 2); 1 at risk at 4.
    @Test func rowsAtTimes() throws {
        let fit = try AalenJohansen.fit(time: [4, 1, 3, 2], status: ["a", "a", "c", "b"], censored: "c")
        let rows = fit.rows(stratum: 0, times: [4, 1.5, 10])
        #expect(rows.count == 4)   // 10 is after the last time: dropped
        #expect(rows[0].time == 1.5 && rows[0].cause == "a" && rows[0].incidence == 0.25 && rows[0].nEvent == 1
                && rows[0].nRisk == 3)
        #expect(rows[1].cause == "b" && rows[1].incidence == 0 && rows[1].nEvent == 0)
        #expect(rows[2].time == 4 && isClose(rows[2].incidence, 0.75, absolute: 1e-15) && rows[2].nEvent == 1 && rows[2].nRisk == 1)
        #expect(isClose(rows[3].incidence, 0.25, absolute: 1e-15) && rows[3].nEvent == 1)
        #expect(fit.rows(stratum: 0).count == 8)
        #expect(fit.causeNames == ["a", "b"])
    }
}
