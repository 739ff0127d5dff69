import Foundation
import Testing
import Reporting
@testable import Survival
import Tabular

/// Issue 10's attacks on Kaplan–Meier and cumulative-incidence output, each written as the attack: try to recover
/// a withheld count from what the gate publishes, and show it cannot be done.
@Suite struct SurvivalDisclosureAttackTests {
    /// Group A: 40 people; group B: 7 people (1 event at day 10, the first, S = 6/7 there); group C: 30 people (the gate
    /// withholds C as B's complement, the smallest other group, so A stays published).
    static let data: DataFrame = {
        var time: [Double] = [], event: [Double] = [], group: [String] = []
        for i in 0..<40 { time.append(Double(i + 1) * 9); event.append(i % 2 == 0 ? 1 : 0); group.append("A") }
        for i in 0..<30 { time.append(Double(i + 1) * 7); event.append(i % 3 == 0 ? 1 : 0); group.append("C") }
        for (t, e) in [(10.0, 1.0), (20, 0), (50, 0), (60, 0), (61, 0), (65, 0), (70, 0)] {
            time.append(t); event.append(e); group.append("B")
        }
        return try! DataFrame(columns: [DataColumn(name: "t", doubles: time), DataColumn(name: "e", doubles: event),
                                        DataColumn(name: "g", strings: group)])
    }()

    static func publish(_ policy: DisclosurePolicy = .standard, times: [Double]? = nil)
        throws -> (KaplanMeierFit, SurvivalGroupCounts, PublishedRun) {
        let fit = try KaplanMeierSpec("Surv(t, e) ~ g").fit(data)
        var run = RunOutput(population: "test")
        let counts = fit.addResults(to: &run, times: times)
        run.json = { d in fit.json(d, counts: counts) }
        run.add(figure: RunOutput.Figure(name: "km") { d in
            try fit.figure(d, counts: counts, options: SurvivalFigureOptions(strataName: "g")).svg()
        })
        return (fit, counts, try DisclosureGate(policy: policy).publish(run))
    }

    /// Attack: S = 0.8571 printed for a group shown as [c] gives 6/7. B's estimates and median are withheld
    /// everywhere: text, CSV, JSON.
    @Test func smallGroupSurvivalEstimateIsWithheld() throws {
        let (_, counts, p) = try Self.publish()
        #expect(p.decisions.published(counts.n[1]).value == nil)
        let text = p.tables.map { $0.table.render(as: .text) + $0.table.render(as: .csv) }.joined()
        #expect(!text.contains("0.8571") && !text.contains("0.857"))
        #expect(!p.json.serialized().contains("0.857"))
    }

    /// Attack: the total's events minus the shown groups' events. With B withheld, A's events or the total are
    /// withheld too (secondary suppression on the relation total = A + B).
    @Test func totalMinusShownGroupsDoesNotGiveTheSmallGroup() throws {
        let (_, counts, p) = try Self.publish()
        let d = p.decisions
        for ids in [[counts.totalN] + counts.n, [counts.totalEvents] + counts.events] {
            let hidden = ids.filter { d.published($0).value == nil }
            #expect(hidden.count != 1, "a single withheld count in a total and its parts: \(hidden)")
        }
    }

    /// Attack: a figure with one vertex per event or censoring time shows every person of B, and the at-risk
    /// steps give the numbers at risk. B's curve is not drawn and its at-risk row is withheld; A's curve has a
    /// vertex only at published (coarsened) steps.
    @Test func figureHasNoPerPersonVertices() throws {
        let (fit, _, p) = try Self.publish()
        let svg = try #require(p.figures.first).svg
        #expect(svg.contains("Curves withheld") && svg.contains("g = B"))
        let published = try #require(p.decisions.stepFunctions["km-table-1"])
        let vertices = svg.components(separatedBy: "<polyline points=\"").dropFirst().map { rest in
            rest.split(separator: "\"", maxSplits: 1).first?.split(separator: " ").count ?? 0
        }
        // A step of k points draws 2k − 1 vertices (horizontal then vertical); with the origin, at most
        // 2 · (published steps + 1) per curve — far fewer than A's 40 times.
        #expect(vertices.allSatisfy { $0 <= 2 * (published.steps.count + 1) }, "\(vertices)")
        #expect(published.steps.count < fit.curves[0].time.count / 4)
    }

    /// Attack: `--at` at every event time would print one row per person. A row is published only once the
    /// accumulation rule holds since the previous published row.
    @Test func atEveryEventTimeDoesNotGivePerPersonRows() throws {
        let fit = try KaplanMeierSpec("Surv(t, e) ~ g").fit(Self.data)
        let (_, counts, p) = try Self.publish(times: fit.curves[0].time)
        let atName = try #require(counts.atTimesNames?[0])
        let at = try #require(p.decisions.stepFunctions[atName])
        let d = p.decisions
        #expect(at.steps.count <= 4)
        for s in at.steps {
            // The rule holds on the exact counts; a count may in addition be withheld as a complement.
            let e = d.ledger.value(s.events), c = d.ledger.value(s.censored)
            #expect(e + c >= 10 && (e == 0 || e >= 10) && (c == 0 || c >= 10))
            for id in [s.events, s.censored] { if let v = d.published(id).value { #expect(v == d.ledger.value(id)) } }
        }
    }

    /// Every count of the JSON is a published value (or null), and the numbers of the at-risk table of the figure
    /// are published counts of the ledger.
    @Test func jsonShowsOnlyPublishedCounts() throws {
        let (_, counts, p) = try Self.publish()
        guard case .object(let fields) = p.json, case .array(let strata)? = fields.first(where: { $0.0 == "strata" })?.1,
              case .object(let b) = strata[1] else { Issue.record("no strata"); return }
        #expect(b.first { $0.0 == "n" }?.1 == .null && b.first { $0.0 == "events" }?.1 == .null)
        #expect(p.decisions.published(counts.n[0]).value == 40)
    }

    /// Cumulative incidence of a small group: n = 7, one event of cause 1 — its incidence 1/7 is withheld.
    @Test func cumulativeIncidenceOfASmallGroupIsWithheld() throws {
        var frame = Self.data
        // A and C: causes 0, 1, 2 in turn; B (rows 70…76): one event of cause 1 (row 70, B's first time).
        let status: [Double?] = (0..<77).map { (i: Int) -> Double? in i < 70 ? Double(i % 3) : (i == 70 ? 1.0 : 0.0) }
        try frame.setColumn(DataColumn(name: "e", doubles: status))
        let fit = try CumulativeIncidenceSpec("Surv(t, e) ~ g").fit(frame)
        var run = RunOutput(population: "test")
        let counts = fit.addResults(to: &run)
        run.json = { d in fit.json(d, counts: counts) }
        let p = try DisclosureGate(policy: .standard).publish(run)
        #expect(p.decisions.published(counts.n[1]).value == nil)
        let out = p.json.serialized() + p.tables.map { $0.table.render(as: .csv) }.joined()
        #expect(!out.contains("0.1428") && !out.contains("0.142857"))
        let hidden = ([counts.totalEvents[0]] + counts.events.map { $0[0] }).filter { p.decisions.published($0).value == nil }
        #expect(hidden.count != 1)
    }

    /// Control off: the full table as R's survfit (every time, exact counts), said to be not for release.
    @Test func controlOffIsTheExactCurve() throws {
        let (fit, _, p) = try Self.publish(.disabled)
        let a = try #require(p.decisions.stepFunctions["km-table-1"])
        #expect(a.steps.count == fit.curves[0].time.count)
        for (s, i) in zip(a.steps, fit.curves[0].time.indices) {
            #expect(s.time == fit.curves[0].time[i])
            if case .revealing(.number(let x, _), _) = s.estimate { #expect(abs(x - fit.curves[0].survival[i]) <= 1e-15) }
        }
        #expect(p.tables[0].table.footnotes.contains { $0.contains("not for release") })
    }
}
