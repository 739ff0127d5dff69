import Comparison
import Foundation
import Reporting
import Testing

/// What a funnel plot reveals goes through the gate (FunnelResult+Output.swift's rule): a small observed count is
/// withheld with the estimate and z that give it back, another unit is withheld so the total (which the target
/// reveals) cannot be differenced, and the figure plots only published points.
@Suite struct FunnelDisclosureTests {
    static let units = [
        FunnelUnit(name: "small", observed: 3, denominator: 40), FunnelUnit(name: "b", observed: 30, denominator: 300),
        FunnelUnit(name: "c", observed: 45, denominator: 400), FunnelUnit(name: "d", observed: 60, denominator: 500),
        FunnelUnit(name: "e", observed: 80, denominator: 600),
    ]

    func publish(_ od: OverdispersionMethod, policy: DisclosurePolicy = .standard) throws -> PublishedRun {
        let r = try FunnelPlot(measure: .proportion, overdispersion: od).fit(Self.units)
        let run = r.output(population: "test", labels: .init(unit: "la", observed: "cases", size: "children"),
                           sensitivity: try MethodSensitivity.compute(Self.units, measure: .proportion, level: 99.8),
                           policy: policy)
        return try DisclosureGate(policy: policy).publish(run)
    }

    func units(_ p: PublishedRun) -> [[String: Any]] {
        let o = try! JSONSerialization.jsonObject(with: Data(p.json.serialized().utf8)) as! [String: Any]
        return o["units"] as! [[String: Any]]
    }

    @Test func smallCountAndWhatRevealsItAreWithheld() throws {
        let p = try publish(.none)
        let u = units(p)
        #expect(u[0]["observed"] is NSNull && u[0]["estimate"] is NSNull && u[0]["z"] is NSNull)
        // Differencing: the target reveals the total, so one more unit's count is withheld (secondary).
        #expect(u.dropFirst().contains { $0["observed"] is NSNull })
        // Unadjusted limits reveal only the total and the denominator: published.
        let lim = (u[0]["limits"] as! [String: Any])["95"] as! [Any]
        #expect(lim[0] is NSNumber && lim[1] is NSNumber)
        #expect(u[0]["verdict"] as? String != nil)
        // The figure omits withheld points and says so.
        let svg = try #require(p.figures.first?.svg)
        #expect(svg.contains("not plotted"))
        #expect(!svg.contains(">small<") && !svg.contains(" small<"))
    }

    /// φ and τ² follow from all observed counts: with any withheld, they and every adjusted limit and z are withheld.
    @Test func adjustedLimitsAreWithheldWhenAnyCountIs() throws {
        let p = try publish(.tau2)
        let o = try JSONSerialization.jsonObject(with: Data(p.json.serialized().utf8)) as! [String: Any]
        let od = o["overdispersion"] as! [String: Any]
        #expect(od["tau2"] is NSNull && od["phi"] is NSNull)
        for u in o["units"] as! [[String: Any]] {
            #expect(((u["limits"] as! [String: Any])["95"] as! [Any]).allSatisfy { $0 is NSNull })
            #expect(u["z"] is NSNull)
        }
        // An estimate does not depend on the adjustment: a unit whose counts are shown keeps it.
        let shown = (o["units"] as! [[String: Any]]).filter { $0["observed"] is NSNumber }
        #expect(!shown.isEmpty && shown.allSatisfy { $0["estimate"] is NSNumber })
        #expect(p.figures[0].svg.contains("Control limits are not drawn"))
    }

    /// With disclosure control off everything is shown, and the JSON has DESIGN.md's funnel shape.
    @Test func contractShapeWithControlOff() throws {
        let p = try publish(.tau2, policy: .disabled)
        let o = try JSONSerialization.jsonObject(with: Data(p.json.serialized().utf8)) as! [String: Any]
        #expect(o["model"] as? String == "funnel")
        #expect(o["target"] is NSNumber)
        let od = o["overdispersion"] as! [String: Any]
        #expect(od["method"] as? String == "tau2" && od["phi"] is NSNumber && od["tau2"] is NSNumber)
        let u = o["units"] as! [[String: Any]]
        #expect(u.count == 5)
        for key in ["unit", "observed", "denominator", "expected", "estimate", "z", "limits", "verdict"] {
            #expect(u[0][key] != nil, "missing \(key)")
        }
        let limits = u[0]["limits"] as! [String: Any]
        #expect(Set(limits.keys) == ["95", "99.8"])
        #expect((u[0]["observed"] as? NSNumber)?.intValue == 3)
        #expect(p.tables.map(\.name) == ["funnel", "overdispersion", "outliers", "sensitivity"])
    }
}
