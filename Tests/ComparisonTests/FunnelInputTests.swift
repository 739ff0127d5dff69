import Comparison
import Testing

/// Bad input and choices are errors naming the unit and value; zero numerators and tiny denominators work.
@Suite struct FunnelInputTests {
    @Test func zeroNumeratorsAndTinyDenominators() throws {
        let units = [FunnelUnit(name: "tiny", observed: 0, denominator: 1), FunnelUnit(name: "zero", observed: 0, denominator: 50),
                     FunnelUnit(name: "big", observed: 40, denominator: 400), FunnelUnit(name: "mid", observed: 9, denominator: 100)]
        for m in FunnelLimitMethod.allCases where m != .gamma {
            let r = try FunnelPlot(measure: .proportion, method: m).fit(units)
            for u in r.units {
                #expect(u.z.isFinite && u.estimate.isFinite)
                for l in u.limits { #expect(l.low >= 0 && l.low <= l.high && l.high <= 1, "\(m) \(u.unit)") }
            }
        }
        let r = try FunnelPlot(measure: .rate(per: 1000), overdispersion: .tau2).fit(units)
        #expect(r.units.allSatisfy { $0.z.isFinite && $0.limits.allSatisfy { $0.low >= 0 } })
    }

    @Test func refusals() {
        let ok = [FunnelUnit(name: "a", observed: 1, denominator: 10), FunnelUnit(name: "b", observed: 2, denominator: 10)]
        #expect(throws: FunnelError.duplicateUnit("a")) { try FunnelPlot(measure: .proportion).fit(ok + [ok[0]]) }
        #expect(throws: FunnelError.observedExceedsDenominator(unit: "c", observed: 11, denominator: 10)) {
            try FunnelPlot(measure: .proportion).fit(ok + [FunnelUnit(name: "c", observed: 11, denominator: 10)])
        }
        #expect(throws: FunnelError.notACount(unit: "c", what: "denominator", value: 10.5)) {
            try FunnelPlot(measure: .proportion).fit(ok + [FunnelUnit(name: "c", observed: 1, denominator: 10.5)])
        }
        #expect(throws: FunnelError.nonPositive(unit: "c", what: "denominator", value: 0)) {
            try FunnelPlot(measure: .rate(per: 1)).fit(ok + [FunnelUnit(name: "c", observed: 0, denominator: 0)])
        }
        #expect(throws: FunnelError.methodNotDefined(method: .wilson, measure: "ratio")) {
            try FunnelPlot(measure: .ratio, method: .wilson).fit([FunnelUnit(name: "a", observed: 1, expected: 2)])
        }
        #expect(throws: FunnelError.overdispersionNeedsNormal(method: .exact)) {
            try FunnelPlot(measure: .proportion, method: .exact, overdispersion: .phi).fit(ok)
        }
        #expect(throws: FunnelError.tooFewUnitsForOverdispersion(2)) {
            try FunnelPlot(measure: .proportion, overdispersion: .phi).fit(ok)
        }
        #expect(throws: FunnelError.invalidLevel(100)) { try FunnelPlot(measure: .proportion, levels: [95, 100]).fit(ok) }
        #expect(throws: FunnelError.zeroTarget) {
            try FunnelPlot(measure: .proportion).fit([FunnelUnit(name: "a", observed: 0, denominator: 10)])
        }
        #expect(throws: FunnelError.noUnits) { try FunnelPlot(measure: .proportion).fit([]) }
    }

    /// Any level works, and the verdict is taken against the widest.
    @Test func anyLevelAndVerdictAgainstTheWidest() throws {
        let units = [FunnelUnit(name: "a", observed: 30, denominator: 100), FunnelUnit(name: "b", observed: 100, denominator: 1000),
                     FunnelUnit(name: "c", observed: 110, denominator: 1000)]
        let r = try FunnelPlot(measure: .proportion, levels: [80, 99.99]).fit(units)
        #expect(r.verdictLevel == 99.99)
        #expect(r.units[0].limits.map(\.key) == ["80", "99.99"])
        #expect(r.units[0].verdict == .high)
        #expect(r.units[1].verdict == .within)
    }

    /// The sensitivity table lists exactly the units whose verdicts differ across methods.
    @Test func sensitivityListsChangingUnits() throws {
        let units = (0..<20).map { i in FunnelUnit(name: "u\(i)", observed: 10 + (i * 7) % 23, denominator: Double(100 + 10 * i)) }
        let s = try MethodSensitivity.compute(units, measure: .proportion, level: 95)
        #expect(s.methods == ["exact", "wilson", "normal", "normal+phi", "normal+tau2", "betabinomial"])
        for r in s.verdicts {
            #expect(s.changing.contains { $0.unit == r.unit } == (Set(r.verdicts).count > 1))
        }
        let exact = try FunnelPlot(measure: .proportion, levels: [95]).fit(units)
        #expect(s.verdicts.map { $0.verdicts[0] } == exact.units.map(\.verdict))
    }
}

/// FunnelPlotR's χ² ("gamma") Poisson limits flag every zero numerator as low (their lower limit is positive for
/// every E: FunnelPlotR issue #17); Spiegelhalter's interpolated exact limits do not when a zero is likely. With
/// E = 2.5, P(O = 0) = e^−2.5 ≈ 0.082 > 0.001: not evidence of a low rate at 99.8%.
@Test func zeroNumeratorUnderExactAndGammaPoissonLimits() throws {
    let units = [FunnelUnit(name: "zero", observed: 0, expected: 2.5), FunnelUnit(name: "b", observed: 30, expected: 28),
                 FunnelUnit(name: "c", observed: 50, expected: 55)]
    let exact = try FunnelPlot(measure: .ratio, method: .exact).fit(units)
    let gamma = try FunnelPlot(measure: .ratio, method: .gamma).fit(units)
    #expect(exact.units[0].verdict == .within)
    #expect(gamma.units[0].verdict == .low)
    #expect(throws: FunnelError.methodNotDefined(method: .gamma, measure: "proportion")) {
        try FunnelPlot(measure: .proportion, method: .gamma).fit([FunnelUnit(name: "a", observed: 1, denominator: 2)])
    }
}

/// The reported target is on the measure's scale: θ0 = Σy/Σn for proportions, θ0·per for rates, 1 for ratios
/// (found by the end-to-end test: the rate's target was once θ0²·per).
@Test func targetOnTheReportedScale() throws {
    let units = [FunnelUnit(name: "a", observed: 10, denominator: 1000), FunnelUnit(name: "b", observed: 30, denominator: 1000)]
    #expect(abs(try FunnelPlot(measure: .proportion).fit(units).target - 0.02) < 1e-15)
    #expect(abs(try FunnelPlot(measure: .rate(per: 10000)).fit(units).target - 200) < 1e-12)
    let ratios = [FunnelUnit(name: "a", observed: 10, expected: 12), FunnelUnit(name: "b", observed: 30, expected: 25)]
    #expect(try FunnelPlot(measure: .ratio).fit(ratios).target == 1)
}
