@testable import Comparison
import Foundation
import Testing

/// A whole proportion funnel (12 units, one with a zero numerator and one with a denominator of 7) against
/// Fixtures/make_funnel_fixtures.py: target, z-scores, φ and τ² (DerSimonian–Laird on 10%-Winsorised z), and every
/// unit's limits under each method and adjustment, at 1e-10 absolute.
@Suite struct FunnelPlotReferenceTests {
    nonisolated(unsafe) static let ref = FunnelReference.object("proportion_funnel")
    static let units: [FunnelUnit] = (ref["units"] as! [[String: Any]]).map {
        FunnelUnit(name: $0["unit"] as! String, observed: Int($0.double("observed")), denominator: $0.double("denominator"))
    }

    func fit(_ method: FunnelLimitMethod, _ od: OverdispersionMethod) throws -> FunnelResult {
        try FunnelPlot(measure: .proportion, method: method, overdispersion: od).fit(Self.units)
    }

    @Test func targetZAndOverdispersion() throws {
        let r = try fit(.exact, .none)
        #expect(close(r.target, Self.ref.double("target"), 1e-12))
        let z = (Self.ref["z"] as! [NSNumber]).map(\.doubleValue)
        for (u, zr) in zip(r.units, z) { #expect(close(u.z, zr, 1e-10), "z \(u.unit)") }
        #expect(close(r.overdispersion!.phi, Self.ref.double("phi"), 1e-10))
        #expect(close(r.overdispersion!.tau2, Self.ref.double("tau2"), 1e-10))
    }

    @Test(arguments: [("exact", FunnelLimitMethod.exact, OverdispersionMethod.none), ("wilson", .wilson, .none),
                      ("normal", .normal, .none), ("phi", .normal, .phi), ("tau2", .normal, .tau2)])
    func limitsPerUnit(key: String, method: FunnelLimitMethod, od: OverdispersionMethod) throws {
        let r = try fit(method, od)
        let per = Self.ref["per_unit"] as! [[String: Any]]
        for (u, e) in zip(r.units, per) {
            for l in u.limits {
                let (lo, hi) = e.sub(String(l.level)).pair(key)
                #expect(close(l.low, lo, 1e-10) && close(l.high, hi, 1e-10), "\(key) \(u.unit) \(l.level): \(l.low) \(l.high) vs \(lo) \(hi)")
            }
            if key == "tau2" { #expect(close(u.z, e.double("z_tau2"), 1e-10)) }
        }
    }

    /// DerSimonian–Laird by hand on three units with known z and s: Winsorising at the type-7 10%/90% quantiles
    /// of (−3, 0, 4) gives bounds −2.4 and 3.2; φ = (2.4² + 0 + 3.2²)/3 = 16/3; w = (4, 16, 64);
    /// τ² = (3·16/3 − 2)/(84 − (16 + 256 + 4096)/84) = 14/(84 − 52) = 0.4375.
    @Test func derSimonianLairdByHand() throws {
        let od = try OverdispersionEstimate.estimate(z: [-3, 0, 4], standardErrors: [0.5, 0.25, 0.125], trim: 0.1)
        #expect(abs(od.zBounds.low - -2.4) < 1e-12 && abs(od.zBounds.high - 3.2) < 1e-12)
        #expect(abs(od.phi - 16.0 / 3) < 1e-12)
        #expect(abs(od.tau2 - 0.4375) < 1e-12)
    }

    /// τ² is 0 when I·φ < I − 1 (no overdispersion): tau2-adjusted limits equal the unadjusted normal ones.
    @Test func noOverdispersionGivesUnadjustedLimits() throws {
        let units = [FunnelUnit(name: "a", observed: 10, denominator: 100), FunnelUnit(name: "b", observed: 20, denominator: 200),
                     FunnelUnit(name: "c", observed: 30, denominator: 300), FunnelUnit(name: "d", observed: 41, denominator: 400)]
        let a = try FunnelPlot(measure: .proportion, overdispersion: .tau2).fit(units)
        let b = try FunnelPlot(measure: .proportion, method: .normal).fit(units)
        #expect(a.overdispersion!.tau2 == 0)
        for (x, y) in zip(a.units, b.units) {
            for (l, m) in zip(x.limits, y.limits) { #expect(abs(l.low - m.low) < 1e-15 && abs(l.high - m.high) < 1e-15) }
        }
    }
}
