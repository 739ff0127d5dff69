@testable import Comparison
import Foundation
import Testing

/// Control limits at single sizes against Fixtures/make_funnel_fixtures.py (scipy 1.16.3) at 1e-10 (absolute for
/// proportions and ratios, which lie in [0, ~25]).
@Suite struct FunnelLimitReferenceTests {
    @Test func proportionLimitsMatchTheIndependentImplementation() {
        for r in FunnelReference.rows("proportion_limits") {
            let n = Int(r.double("n")), t = r.double("target"), level = r.double("level")
            let a = 1 - level / 100
            let z = FunnelLimitFormulas.zMultiplier(levelPercent: level)
            let (el, eh) = r.pair("exact")
            #expect(close(FunnelLimitFormulas.exactBinomial(n: n, target: t, p: a / 2), el, 1e-10), "exact low n=\(n) t=\(t) \(level)")
            #expect(close(FunnelLimitFormulas.exactBinomial(n: n, target: t, p: 1 - a / 2), eh, 1e-10), "exact high n=\(n) t=\(t) \(level)")
            let w = FunnelLimitFormulas.wilson(n: Double(n), target: t, z: z)
            let (wl, wh) = r.pair("wilson")
            #expect(close(w.low, wl, 1e-10) && close(w.high, wh, 1e-10), "wilson n=\(n) t=\(t) \(level)")
            let scale = FunnelScale.arcsine(target: t)
            let s = scale.standardError(Double(n))
            let (nl, nh) = r.pair("normal")
            #expect(close(scale.inverse(scale.target - z * s), nl, 1e-10), "normal low n=\(n) t=\(t) \(level)")
            #expect(close(scale.inverse(scale.target + z * s), nh, 1e-10), "normal high n=\(n) t=\(t) \(level)")
        }
    }

    @Test func ratioLimitsMatchTheIndependentImplementation() {
        for r in FunnelReference.rows("ratio_limits") {
            let e = r.double("expected"), level = r.double("level")
            let a = 1 - level / 100
            let z = FunnelLimitFormulas.zMultiplier(levelPercent: level)
            let (el, eh) = r.pair("exact")
            #expect(close(FunnelLimitFormulas.exactPoisson(expected: e, p: a / 2), el, 1e-10), "exact E=\(e) \(level)")
            #expect(close(FunnelLimitFormulas.exactPoisson(expected: e, p: 1 - a / 2), eh, 1e-10), "exact E=\(e) \(level)")
            let (gl, gh) = r.pair("gamma")
            #expect(close(FunnelLimitFormulas.exactPoissonRatio(expected: e, p: a / 2, upper: false), gl, 1e-10), "gamma E=\(e) \(level)")
            #expect(close(FunnelLimitFormulas.exactPoissonRatio(expected: e, p: 1 - a / 2, upper: true), gh, 1e-10), "gamma E=\(e) \(level)")
            let s = FunnelScale.squareRoot.standardError(e)
            let (nl, nh) = r.pair("normal")
            #expect(close(FunnelScale.squareRoot.inverse(1 - z * s), nl, 1e-10) && close(FunnelScale.squareRoot.inverse(1 + z * s), nh, 1e-10))
        }
    }

    /// The z multipliers FunnelPlotR quotes (R `qnorm(0.975)`, `qnorm(0.999)`), to the digits quoted.
    @Test func levelMultipliers() {
        #expect(abs(FunnelLimitFormulas.zMultiplier(levelPercent: 95) - 1.959964) < 1e-6)
        #expect(abs(FunnelLimitFormulas.zMultiplier(levelPercent: 99.8) - 3.090232) < 1e-6)
    }
}
