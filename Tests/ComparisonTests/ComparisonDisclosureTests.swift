@testable import Comparison
import Foundation
import Reporting
import Testing

/// Attack tests for the new outputs (issue 10's gate): can a withheld count be recovered from a value that reveals
/// it, by differencing a total, from a figure, or from the JSON? Each output is published with the standard policy
/// and one unit with a small count.
@Suite struct ComparisonDisclosureTests {
    func tables(_ p: PublishedRun) -> [String: [[String: Any]]] {
        let o = try! JSONSerialization.jsonObject(with: Data(p.json.serialized().utf8)) as! [String: Any]
        var out: [String: [[String: Any]]] = [:]
        let list = (o["tables"] as? [[String: Any]]) ?? [o]
        for t in list { out[t["name"] as! String] = t["rows"] as? [[String: Any]] }
        return out
    }

    static let shrinkUnits: [ShrunkenEstimates.Unit] = [
        .init(name: "small", observed: 3, denominator: 2000, covariates: [0.1]),
        .init(name: "b", observed: 40, denominator: 9000, covariates: [0.2]), .init(name: "c", observed: 75, denominator: 12000, covariates: [0.3]),
        .init(name: "d", observed: 52, denominator: 15000, covariates: [0.15]), .init(name: "e", observed: 140, denominator: 20000, covariates: [0.35]),
        .init(name: "f", observed: 90, denominator: 10000, covariates: [0.25]), .init(name: "g", observed: 30, denominator: 11000, covariates: [0.05]),
    ]

    /// The small unit's count, its raw rate and every model-based value (β and the variance depend on it) are
    /// withheld; another unit's count is withheld too, so the total cannot be differenced; the caterpillar plot
    /// draws nothing that is withheld.
    @Test func shrinkageWithholdsTheSmallCountAndWhatRevealsIt() throws {
        let r = try ShrunkenEstimates(covariates: ["x"]).fit(Self.shrinkUnits)
        let ranks = ShrinkageResult.Ranks(simulated: try SimulatedRanks().compute(modes: r.units.map(\.mode), sds: r.units.map(\.conditionalSD)),
                                          simultaneous: nil, draws: 1000, seed: 1, coverage: 0.95)
        let run = r.output(population: "t", unitLabel: "la", observedLabel: "cla", denominatorLabel: "children", ranks: ranks, policy: .standard)
        let p = try DisclosureGate(policy: .standard).publish(run)
        let rows = try #require(tables(p)["shrinkage"])
        #expect(rows[0]["observed"] is NSNull && rows[0]["raw"] is NSNull && rows[0]["shrunken"] is NSNull)
        #expect(rows.dropFirst().contains { $0["observed"] is NSNull }, "a second count is withheld against differencing")
        for row in rows { #expect(row["shrunken"] is NSNull && row["mode"] is NSNull && row["low"] is NSNull) }
        #expect(rows.allSatisfy { $0["rank_median"] is NSNumber }, "ranks are positions, published")
        let model = try #require(tables(p)["shrinkage_model"])
        #expect(model.allSatisfy { $0["value"] is NSNull })
        let svg = try #require(p.figures.first?.svg)
        #expect(svg.contains("not plotted") && !svg.contains(">small<"))
        // Control off: everything shown.
        let open = try DisclosureGate(policy: .disabled).publish(r.output(population: "t", unitLabel: "la", observedLabel: "cla",
                                                                          denominatorLabel: "children", ranks: nil, policy: .disabled))
        #expect(tables(open)["shrinkage"]!.allSatisfy { $0["shrunken"] is NSNumber })
    }

    /// A count input (whole numbers) with a small value: the distances, which follow from it through the
    /// standardisation, are withheld; a non-count input gives published distances.
    @Test func neighbourDistancesOnCountsAreGated() throws {
        let names = ["a", "b", "c", "d"]
        let lists = try StatisticalNeighbours(count: 2).compute(names: names, inputNames: ["cla"], inputs: [[2, 50, 80, 120]])
        let p = try DisclosureGate(policy: .standard).publish(
            NeighbourList.output(lists, population: "t", unitLabel: "la", inputs: ["cla"], countInputs: [[2, 50, 80, 120]], policy: .standard))
        #expect(try #require(tables(p)["neighbours"]).allSatisfy { $0["distance"] is NSNull })
        let q = try DisclosureGate(policy: .standard).publish(
            NeighbourList.output(lists, population: "t", unitLabel: "la", inputs: ["idaci"], countInputs: [nil], policy: .standard))
        #expect(try #require(tables(q)["neighbours"]).allSatisfy { $0["distance"] is NSNumber })
    }

    /// A control-chart point with a small count: its count and rate are withheld, and so are the limits (they
    /// reveal the phase total, related to the counts), so the small count cannot be differenced; the chart omits it.
    @Test func controlChartPointsAreGated() throws {
        let counts = [30, 2, 28, 35, 31]
        let dens: [Double] = [10000, 10000, 10000, 10000, 10000]
        let chart = try ControlChart(kind: .u, per: 10_000).fit(labels: ["1", "2", "3", "4", "5"], values: counts.map(Double.init), denominators: dens)
        let run = ControlChartSeries.output([ControlChartSeries(unit: "la", chart: chart, counts: counts, denominators: dens, funnelVerdict: .high)],
                                            population: "t", unitLabel: "la", periodLabel: "year", policy: .standard)
        let p = try DisclosureGate(policy: .standard).publish(run)
        let rows = try #require(tables(p)["control_chart"])
        #expect(rows[1]["count"] is NSNull && rows[1]["value"] is NSNull)
        #expect(rows.dropFirst(2).contains { $0["count"] is NSNull } || rows.allSatisfy { $0["centre"] is NSNull },
                "the total and the shown counts do not give the small one")
        #expect(p.figures[0].svg.contains("not plotted"))
    }

    /// Inequality: the unit counts are never shown; a decile whose total is small is withheld with its rate, the
    /// top/bottom decile ratio and the most/least deprived ratio that reveal it too, and the RII/SII (functions of
    /// every count) are withheld with it.
    @Test func inequalityDecilesAndIndicesAreGated() throws {
        var units = (0..<20).map { InequalitySummary.Unit(name: "u\($0)", count: 50 + 7 * $0, population: 10_000, deprivation: Double($0)) }
        units[0].count = 1
        units[1].count = 1   // decile 1 total = 2
        let r = try InequalitySummary(family: .poisson).fit(units)
        let p = try DisclosureGate(policy: .standard).publish(
            InequalityResult.output([.init(measure: "cla", period: "2022", result: r)], population: "t", unitLabel: "la", policy: .standard))
        let t = try #require(tables(p)["inequality"]).first!
        #expect(t["decile_ratio"] is NSNull && t["extreme_ratio"] is NSNull && t["rii"] is NSNull && t["sii"] is NSNull)
        let d = try #require(tables(p)["deciles"]).first!
        #expect(d["d1"] is NSNull)
    }

    /// The ML beta-binomial precision (like φ) is a function of every observed count: with one withheld it is
    /// withheld, and so are the predictive limits and z-scores that depend on it.
    @Test func predictiveDispersionIsWithheldWithAnyCount() throws {
        let units = [FunnelUnit(name: "small", observed: 3, denominator: 40), FunnelUnit(name: "b", observed: 30, denominator: 300),
                     FunnelUnit(name: "c", observed: 65, denominator: 400), FunnelUnit(name: "d", observed: 40, denominator: 500),
                     FunnelUnit(name: "e", observed: 120, denominator: 600)]
        let r = try FunnelPlot(measure: .proportion, overdispersion: .betabinomial).fit(units)
        #expect(r.predictive?.isBoundary == false)
        let p = try DisclosureGate(policy: .standard).publish(
            r.output(population: "t", labels: .init(unit: "la", observed: "cases", size: "children"), sensitivity: nil, policy: .standard))
        let o = try JSONSerialization.jsonObject(with: Data(p.json.serialized().utf8)) as! [String: Any]
        let od = o["overdispersion"] as! [String: Any]
        #expect(od["precision"] is NSNull)
        for u in o["units"] as! [[String: Any]] {
            #expect(((u["limits"] as! [String: Any])["95"] as! [Any]).allSatisfy { $0 is NSNull } && u["z"] is NSNull)
        }
        let open = try DisclosureGate(policy: .disabled).publish(
            r.output(population: "t", labels: .init(unit: "la", observed: "cases", size: "children"), sensitivity: nil, policy: .disabled))
        let oo = try JSONSerialization.jsonObject(with: Data(open.json.serialized().utf8)) as! [String: Any]
        #expect(((oo["overdispersion"] as! [String: Any])["precision"] as? NSNumber)?.doubleValue == r.predictive?.parameter)
    }
}
