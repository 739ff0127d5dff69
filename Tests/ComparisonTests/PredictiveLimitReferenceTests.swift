@testable import Comparison
import Foundation
import Testing

/// Beta-binomial and negative-binomial predictive limits against Fixtures/make_predictive_fixtures.py (mpmath at 50
/// digits for the limits given the dispersion: 1e-10, absolute for proportions and ratios in [0, ~25]; scipy's
/// brentq on the score for the ML dispersion: 1e-6 relative — the negative-binomial size is also MASS::theta.ml's,
/// 105.531656998998).
@Suite struct PredictiveLimitReferenceTests {
    nonisolated(unsafe) static let root: [String: Any] = {
        let url = FunnelReference.directory.appendingPathComponent("predictive_reference.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    @Test func betaBinomialLimitsGivenTheDispersion() {
        for r in Self.root["betabinomial_limits"] as! [[String: Any]] {
            let n = Int(r.double("n")), t = r.double("target"), m = r.double("precision"), level = r.double("level")
            let a = 1 - level / 100
            let q = FunnelLimitFormulas.betaBinomial(n: n, target: t, precision: m, ps: [a / 2, 1 - a / 2])
            let (lo, hi) = r.pair("limits")
            #expect(close(q[0], lo, 1e-10) && close(q[1], hi, 1e-10), "n=\(n) t=\(t) M=\(m) \(level): \(q) vs \((lo, hi))")
        }
    }

    @Test func negativeBinomialLimitsGivenTheDispersion() {
        for r in Self.root["negbin_limits"] as! [[String: Any]] {
            let e = r.double("expected"), k = r.double("size"), level = r.double("level")
            let a = 1 - level / 100
            let q = FunnelLimitFormulas.negativeBinomial(expected: e, size: k, ps: [a / 2, 1 - a / 2])
            let (lo, hi) = r.pair("limits")
            #expect(close(q[0], lo, 1e-10) && close(q[1], hi, 1e-10), "E=\(e) k=\(k) \(level): \(q) vs \((lo, hi))")
        }
    }

    @Test func betaBinomialFunnelMatchesScipyML() throws {
        let r = Self.root["betabinomial_ml"] as! [String: Any]
        let y = (r["observed"] as! [NSNumber]).map(\.intValue), n = (r["denominator"] as! [NSNumber]).map(\.doubleValue)
        let units = y.indices.map { FunnelUnit(name: "u\($0)", observed: y[$0], denominator: n[$0]) }
        let result = try FunnelPlot(measure: .proportion, overdispersion: .betabinomial).fit(units)
        let d = try #require(result.predictive)
        #expect(!d.isBoundary)
        #expect(abs(d.parameter / r.double("precision") - 1) < 1e-6, "M \(d.parameter) vs \(r.double("precision"))")
        let limits = r["limits"] as! [[[NSNumber]]]
        for (i, u) in result.units.enumerated() {
            for (j, l) in u.limits.enumerated() {
                // Limits at the estimated dispersion: the dispersion agrees to ~1e-9, the limits move by less.
                #expect(close(l.low, limits[i][j][0].doubleValue, 1e-7) && close(l.high, limits[i][j][1].doubleValue, 1e-7),
                        "unit \(i) level \(l.level)")
            }
        }
    }

    @Test func negativeBinomialRateFunnelMatchesThetaML() throws {
        let r = Self.root["negbin_ml"] as! [String: Any]
        let y = (r["observed"] as! [NSNumber]).map(\.intValue), pop = (r["denominator"] as! [NSNumber]).map(\.doubleValue)
        let units = y.indices.map { FunnelUnit(name: "u\($0)", observed: y[$0], denominator: pop[$0]) }
        let result = try FunnelPlot(measure: .rate(per: 10_000), overdispersion: .negbin).fit(units)
        let d = try #require(result.predictive)
        #expect(abs(d.parameter / r.double("size") - 1) < 1e-6, "k \(d.parameter) vs \(r.double("size"))")
        let toRate = r.double("target") * 10_000
        let limits = r["limits"] as! [[[NSNumber]]]
        for (i, u) in result.units.enumerated() {
            for (j, l) in u.limits.enumerated() {
                #expect(close(l.low / toRate, limits[i][j][0].doubleValue, 1e-7)
                        && close(l.high / toRate, limits[i][j][1].doubleValue, 1e-7), "unit \(i) level \(l.level)")
            }
            // A zero numerator is not flagged low when the predictive chance of a zero exceeds the tail.
            if y[i] == 0 { #expect(u.verdict == .within) }
        }
    }

    /// Counts that vary no more than chance: the ML is at the boundary, stated, and the limits are the exact ones.
    @Test func noOverdispersionIsTheBoundaryAndGivesExactLimits() throws {
        let units = (0..<12).map { FunnelUnit(name: "u\($0)", observed: 10 + ($0 % 3) - 1, denominator: 100) }
        let bb = try FunnelPlot(measure: .proportion, overdispersion: .betabinomial).fit(units)
        let exact = try FunnelPlot(measure: .proportion).fit(units)
        #expect(bb.predictive?.isBoundary == true)
        for (a, b) in zip(bb.units, exact.units) {
            #expect(abs(a.limits[0].low - b.limits[0].low) < 1e-12 && abs(a.limits[1].high - b.limits[1].high) < 1e-12)
        }
        let ratios = (0..<12).map { FunnelUnit(name: "u\($0)", observed: 10 + ($0 % 3) - 1, expected: 10) }
        let nb = try FunnelPlot(measure: .ratio, overdispersion: .negbin).fit(ratios)
        let poisson = try FunnelPlot(measure: .ratio).fit(ratios)
        #expect(nb.predictive?.isBoundary == true)
        for (a, b) in zip(nb.units, poisson.units) { #expect(abs(a.limits[1].high - b.limits[1].high) < 1e-12) }
    }

    @Test func predictiveModelsAreRefusedWhereUndefined() {
        let units = [FunnelUnit(name: "a", observed: 1, denominator: 10), FunnelUnit(name: "b", observed: 2, denominator: 10),
                     FunnelUnit(name: "c", observed: 3, denominator: 10)]
        #expect(throws: FunnelError.overdispersionNotDefined(method: .negbin, measure: "proportion")) {
            try FunnelPlot(measure: .proportion, overdispersion: .negbin).fit(units)
        }
        #expect(throws: FunnelError.predictiveNeedsExact(method: .normal)) {
            try FunnelPlot(measure: .proportion, method: .normal, overdispersion: .betabinomial).fit(units)
        }
    }
}
