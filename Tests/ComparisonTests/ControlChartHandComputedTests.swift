@testable import Comparison
import Testing

/// Control charts computed by hand (Montgomery, *Introduction to Statistical Quality Control*, ch. 6–7: XmR limits
/// x̄ ± 2.66·MR̄; p: p̄ ± 3√(p̄(1 − p̄)/n); c: c̄ ± 3√c̄; u: ū ± 3√(ū/n)) and the NHS "Making Data Count" rules.
/// Tolerance 1e-12 (a few operations on small numbers).
@Suite struct ControlChartHandComputedTests {
    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }
    func labels(_ n: Int) -> [String] { (0..<n).map { String(2010 + $0) } }

    @Test func xmrLimitsFromTheMeanMovingRange() throws {
        // x̄ = 33/5 = 6.6; MR = 2, 1, 2, 1 → MR̄ = 1.5; limits 6.6 ± 3.99.
        let r = try ControlChart(kind: .xmr).fit(labels: labels(5), values: [5, 7, 6, 8, 7])
        for p in r.points {
            #expect(near(p.centre, 6.6) && near(p.lower, 2.61) && near(p.upper, 10.59) && near(p.sigma, 1.5 / 1.128))
            #expect(p.signals.isEmpty)
        }
    }

    @Test func pChartLimitsVaryWithTheDenominator() throws {
        // p̄ = 60/400 = 0.15; n = 100: s = √(0.15·0.85/100) = 0.0357071; n = 200: 0.0252488.
        let r = try ControlChart(kind: .p).fit(labels: labels(3), values: [10, 20, 30], denominators: [100, 100, 200])
        let s100 = (0.15 * 0.85 / 100).squareRoot(), s200 = (0.15 * 0.85 / 200).squareRoot()
        #expect(near(r.points[0].centre, 0.15) && near(r.points[0].upper, 0.15 + 3 * s100) && near(r.points[0].lower, 0.15 - 3 * s100))
        #expect(near(r.points[2].upper, 0.15 + 3 * s200) && near(r.points[2].value, 0.15))
    }

    @Test func cChartLowerLimitClampedAtZero() throws {
        // c̄ = 5; 5 − 3√5 < 0 → 0; upper 5 + 3√5 = 11.708203932.
        let r = try ControlChart(kind: .c).fit(labels: labels(4), values: [4, 9, 2, 5])
        #expect(near(r.points[0].lower, 0) && near(r.points[0].upper, 5 + 3 * 5.0.squareRoot()))
    }

    @Test func uChartReportsRatesPer10000() throws {
        // ū = 30/30000 = 0.001 → 10 per 10,000; n = 10000: s = √(0.001/10000) = 3.16228e-4 → 3.16228 per 10,000.
        let r = try ControlChart(kind: .u, per: 10_000).fit(labels: labels(3), values: [8, 10, 12], denominators: [10_000, 10_000, 10_000])
        #expect(near(r.points[0].centre, 10) && near(r.points[0].value, 8) && near(r.points[0].upper, 10 + 3 * 0.1.squareRoot() * 10))
    }

    @Test func shiftOfSevenMarksBothRuns() throws {
        // Seven points below the centre (5) then seven above: both runs are shifts; every point is also beyond the
        // limits (MR̄ = 8/13, limits 5 ± 1.637).
        let x: [Double] = Array(repeating: 1, count: 7) + Array(repeating: 9, count: 7)
        let r = try ControlChart(kind: .xmr).fit(labels: labels(14), values: x)
        for (i, p) in r.points.enumerated() {
            #expect(p.signals.contains(.init(rule: .shift, direction: i < 7 ? .low : .high)))
            #expect(p.signals.contains(.init(rule: .beyondLimits, direction: i < 7 ? .low : .high)))
        }
        // Six on one side is not a shift at the default run length of 7, but is at a run length of 6.
        let six: [Double] = [1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9]
        #expect(try ControlChart(kind: .xmr).fit(labels: labels(12), values: six).points.allSatisfy { !$0.signals.contains { $0.rule == .shift } })
        let r6 = try ControlChart(kind: .xmr, rules: .init(runLength: 6)).fit(labels: labels(12), values: six)
        #expect(r6.points.allSatisfy { $0.signals.contains { $0.rule == .shift } })
    }

    @Test func trendOfSixRisingPoints() throws {
        // 1..6 rise five times (six points): a trend at the default length 6; the drop to 3 ends it.
        let r = try ControlChart(kind: .xmr).fit(labels: labels(7), values: [1, 2, 3, 4, 5, 6, 3])
        for i in 0..<6 { #expect(r.points[i].signals.contains(.init(rule: .trend, direction: .high))) }
        #expect(!r.points[6].signals.contains { $0.rule == .trend })
        let r7 = try ControlChart(kind: .xmr, rules: .init(trendLength: 7)).fit(labels: labels(7), values: [1, 2, 3, 4, 5, 6, 3])
        #expect(r7.points.allSatisfy { !$0.signals.contains { $0.rule == .trend } })
    }

    @Test func twoOfThreeBeyondTwoSigma() {
        // Centre 0, σ = 1, limits ±3: in the window (2.5, 0.1, 2.2) two points are beyond 2σ above.
        let pts = [0.5, 2.5, 0.1, 2.2, -1].enumerated().map {
            ControlChartPoint(label: "\($0.offset)", value: $0.element, centre: 0, lower: -3, upper: 3, sigma: 1, phase: 0)
        }
        let s = ControlChartRules().evaluate(pts)
        #expect(s[1] == [.init(rule: .twoOfThree, direction: .high)] && s[3] == [.init(rule: .twoOfThree, direction: .high)])
        #expect(s[0].isEmpty && s[2].isEmpty && s[4].isEmpty)
    }

    @Test func rebasingOnlyOnRequest() throws {
        let x: [Double] = [10, 11, 10, 11, 20, 21, 20, 21]
        let one = try ControlChart(kind: .xmr).fit(labels: labels(8), values: x)
        #expect(Set(one.points.map(\.centre)).count == 1)
        let two = try ControlChart(kind: .xmr, rebaseAt: [4]).fit(labels: labels(8), values: x)
        #expect(near(two.points[0].centre, 10.5) && near(two.points[7].centre, 20.5))
        #expect(near(two.points[0].upper, 10.5 + 2.66))  // MR̄ = 1 in each phase
        #expect(throws: ControlChartError.invalidRebase([7])) { try ControlChart(kind: .xmr, rebaseAt: [7]).fit(labels: labels(8), values: x) }
    }

    @Test func badInputIsAnError() {
        #expect(throws: ControlChartError.countExceedsDenominator(label: "2011", count: 5, denominator: 4)) {
            try ControlChart(kind: .p).fit(labels: labels(2), values: [1, 5], denominators: [4, 4])
        }
        #expect(throws: ControlChartError.tooFewPoints(1)) { try ControlChart(kind: .xmr).fit(labels: ["a"], values: [1]) }
    }
}
