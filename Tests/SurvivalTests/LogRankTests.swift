import Foundation
import Testing
import Reporting
@testable import Survival
import TestSupport

@Suite("Log-rank and G-rho tests")
struct LogRankTests {
    /// (data, group labels per input row) of each survdiff case in Fixtures/make-km-fixtures.R.
    static func input(_ name: String) throws -> (SurvivalData, [String]) {
        switch name {
        case "lung_sex":
            let f = try KaplanMeierFixture("lung.csv")
            return (try SurvivalData(time: f.numbers("time"), event: f.numbers("status").map { $0 == 1 }), f.strings("sex"))
        case "veteran_celltype", "veteran_trt_by_celltype":
            let f = try KaplanMeierFixture("veteran.csv")
            let t = f.numbers("time"), e = f.numbers("status").map { $0 == 1 }
            if name == "veteran_celltype" { return (try SurvivalData(time: t, event: e), f.strings("celltype")) }
            return (try SurvivalData(time: t, event: e, strataLabels: f.strings("celltype")), f.strings("trt"))
        case "ovarian_rx":
            let f = try KaplanMeierFixture("ovarian.csv")
            return (try SurvivalData(time: f.numbers("futime"), event: f.numbers("fustat").map { $0 == 1 }), f.strings("rx"))
        case "synth_g", "synth_g_by_s":
            let f = try KaplanMeierFixture("synthetic.csv")
            let t = f.numbers("stop"), e = f.numbers("status").map { $0 == 1 }
            if name == "synth_g" { return (try SurvivalData(time: t, event: e), f.strings("g")) }
            return (try SurvivalData(time: t, event: e, strataLabels: f.strings("s")), f.strings("g"))
        default:
            throw SurvivalCurveError.invalidArgument(name)
        }
    }

    /// survdiff observed, expected, diag(var), chisq, df, p for rho = 0, 0.5, 1 (logrank.csv).
    /// Tolerances: O, E, V and χ² 1e-9 relative; p 1e-8 relative (p inherits χ²'s error times the log-density
    /// slope, and the χ² tail's own accuracy).
    @Test(arguments: ["lung_sex", "veteran_celltype", "veteran_trt_by_celltype", "ovarian_rx", "synth_g",
                      "synth_g_by_s"])
    func matchesSurvdiff(_ name: String) throws {
        let (data, groups) = try Self.input(name)
        let reference = try KaplanMeierFixture("logrank.csv")
        for rho in [0.0, 0.5, 1.0] {
            let result = try LogRank.test(data, groups: groups, rho: rho)
            let r = reference.filter(["case": name, "rho": rho == 0.5 ? "0.5" : String(Int(rho))])
            #expect(r.strings("group") == result.groups, "\(name) rho \(rho)")
            guard r.rows.count == result.groups.count else { continue }
            for g in 0..<result.groups.count {
                #expect(Double(result.n[g]) == r.numbers("n")[g])
                #expect(isClose(result.observed[g], r.numbers("observed")[g], relative: 1e-9), "\(name) \(rho) O")
                #expect(isClose(result.expected[g], r.numbers("expected")[g], relative: 1e-9), "\(name) \(rho) E")
                #expect(isClose(result.variance[g][g], r.numbers("variance")[g], relative: 1e-9), "\(name) \(rho) V")
            }
            #expect(isClose(result.chiSquare, r.numbers("chisq")[0], relative: 1e-9), "\(name) rho \(rho) chisq")
            #expect(Double(result.degreesOfFreedom) == r.numbers("df")[0])
            #expect(isClose(result.pValue, r.numbers("p")[0], relative: 1e-8), "\(name) rho \(rho) p")
        }
    }

    /// Two groups of two, hand-worked log-rank: A = {1 event, 3 event}, B = {2 event, 4 censored}.
    ///   t=1: n=4 (A 2, B 2), d=1 (A): E_A = 1/2,  V_AA = 1·(3/3)·(2/4)(1 − 2/4) = 1/4
    ///   t=2: n=3 (A 1, B 2), d=1 (B): E_A = 1/3,  V_AA = 1·(2/2)·(1/3)(2/3) = 2/9
    ///   t=3: n=2 (A 1, B 1), d=1 (A): E_A = 1/2,  V_AA = 1·(1/1)·(1/2)(1/2) = 1/4
    /// O_A = 2, E_A = 4/3, V = 1/4 + 2/9 + 1/4 = 13/18; χ² = (2/3)²/(13/18) = 8/13. Tolerance 1e-14 relative.
    @Test func handWorkedTwoGroups() throws {
        let data = try SurvivalData(time: [1, 3, 2, 4], event: [true, true, true, false])
        let result = try LogRank.test(data, groups: ["A", "A", "B", "B"])
        #expect(result.observed == [2, 1])
        #expect(isClose(result.expected[0], 4.0 / 3, relative: 1e-14))
        #expect(isClose(result.variance[0][0], 13.0 / 18, relative: 1e-14))
        #expect(isClose(result.chiSquare, 8.0 / 13, relative: 1e-14))
        #expect(result.degreesOfFreedom == 1)
    }

    @Test func rejectsUnsupportedInput() throws {
        let data = try SurvivalData(time: [1, 2, 3], event: [true, true, false], entry: [0, 0, 1])
        #expect(throws: SurvivalCurveError.self) { try LogRank.test(data, groups: ["a", "b", "a"]) }
        let one = try SurvivalData(time: [1, 2], event: [true, true])
        #expect(throws: SurvivalCurveError.self) { try LogRank.test(one, groups: ["a", "a"]) }
        #expect(throws: SurvivalCurveError.self) { try LogRank.test(one, groups: ["a"]) }
        #expect(throws: SurvivalCurveError.self) { try LogRank.test(one, groups: ["a", "b"], rho: -1) }
    }
}

@Suite("Log-rank reporting")
struct LogRankReportTests {
    /// The hand-worked two-group case (LogRankTests.handWorkedTwoGroups): O = (2, 1), E_A = 4/3, χ² = 8/13,
    /// published with control off (exact) and on (groups of 2: every count withheld, and χ² and p with them, since
    /// with two groups χ² gives the observed counts back).
    @Test func publishedThroughTheGate() throws {
        let data = try SurvivalData(time: [1, 3, 2, 4], event: [true, true, true, false])
        let result = try LogRank.test(data, groups: ["A", "A", "B", "B"])
        var run = RunOutput(population: "test")
        result.addResults(to: &run)
        let off = try DisclosureGate(policy: .disabled).publish(run)
        let table = off.tables[0].table
        #expect(table.rows.count == 3)
        #expect(table.rows[0][0] == .text("A") && table.rows[0][1] == .integer(2) && table.rows[0][2] == .integer(2))
        guard case .number(let chi, _) = off.tables[1].table.rows[0][1] else { Issue.record("no chi-square"); return }
        #expect(isClose(chi, 8.0 / 13, relative: 1e-14))
        let on = try DisclosureGate(policy: .standard).publish(run)
        #expect(on.tables[0].table.rows[0][1] == .suppressed(marker: "[c]"))
        #expect(on.tables[1].table.rows[0][1] == .suppressed(marker: "[c]"))
        #expect(!on.tables.map { $0.table.render(as: .csv) }.joined().contains("0.615"))
    }
}
