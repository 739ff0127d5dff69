import Foundation
import Testing
import Reporting
@testable import Survival

/// The survival figures are built from fits that the other suites test against R (KaplanMeierTests,
/// CompetingRisksTests), so the references here are those fits themselves: curve points, bands and numbers
/// at risk must equal the fit's values exactly (tolerance 0, NaN matching NaN), except where the figure divides
/// by the time scale (then the same division is the reference).
@Suite("Survival figures")
struct SurvivalFigureTests {
    static func lungBySex() throws -> KaplanMeierFit {
        try KaplanMeier.fit(try KaplanMeierCases.data("lung_sex"))
    }

    static func competing(strata: Bool) throws -> CompetingRisksFit {
        let f = try KaplanMeierFixture("competing.csv")
        let cause = f.numbers("cause").map { Int($0) }
        let data = try SurvivalData(time: f.numbers("time"), event: cause.map { $0 != 0 },
                                    strataLabels: strata ? f.strings("la") : f.rows.map { _ in "" })
        return try AalenJohansen.fit(data, cause: cause, causeNames: CompetingRisksTests.causeNames)
    }

    /// Exact equality with NaN matching NaN.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    static func steps(_ chart: Chart) -> [(label: String?, x: [Double], y: [Double], dash: [Double])] {
        chart.panels.flatMap(\.layers).compactMap { layer in
            if case let .step(x, y) = layer.mark { return (layer.label, x, y, layer.dash) }
            return nil
        }
    }

    static func bands(_ chart: Chart) -> [(x: [Double], lower: [Double], upper: [Double])] {
        chart.panels.flatMap(\.layers).compactMap { layer in
            if case let .band(x, lo, hi, true) = layer.mark { return (x, lo, hi) }
            return nil
        }
    }

    /// Curves are (0, 1) followed by (time, S) of each stratum; bands (0, 1, 1) followed by the fit's limits.
    @Test func kaplanMeierCurvesAndBandsAreTheFit() throws {
        let fit = try Self.lungBySex()
        let chart = try fit.figure()
        let steps = Self.steps(chart), bands = Self.bands(chart)
        #expect(steps.count == 2 && bands.count == 2)
        for (s, curve) in fit.curves.enumerated() where s < steps.count && s < bands.count {
            #expect(curve.time[0] > 0)
            #expect(steps[s].label == curve.name)
            #expect(steps[s].x == [0] + curve.time)
            #expect(steps[s].y == [1] + curve.survival)
            #expect(bands[s].x == [0] + curve.time)
            #expect(Self.same(bands[s].lower, [1] + curve.lower))
            #expect(Self.same(bands[s].upper, [1] + curve.upper))
        }
        #expect(chart.yAxis.limits == 0...1)
        #expect(chart.yAxis.label == "Survival probability")
    }

    /// cumulativeIncidence: the curve is 1 − S (KaplanMeierCurve.cumulativeIncidence) and the band 1 − upper …
    /// 1 − lower.
    @Test func kaplanMeierCumulativeIncidenceFlipsCurveAndBand() throws {
        let fit = try Self.lungBySex()
        let chart = try fit.figure(cumulativeIncidence: true)
        let steps = Self.steps(chart), bands = Self.bands(chart)
        for (s, curve) in fit.curves.enumerated() where s < steps.count && s < bands.count {
            #expect(steps[s].y == [0] + curve.cumulativeIncidence)
            #expect(Self.same(bands[s].lower, [0] + curve.upper.map { 1 - $0 }))
            #expect(Self.same(bands[s].upper, [0] + curve.lower.map { 1 - $0 }))
        }
        #expect(chart.yAxis.label == "Cumulative incidence")
    }

    /// The library's exact figure: numbers at risk at the x-axis ticks equal the fit's n.risk there
    /// (KaplanMeierCurve.summary(at:), tested against R's summary(fit, times)), 0 after the last time, exact,
    /// and the footnote says the figure is not for release.
    @Test func kaplanMeierAtRiskTableIsTheFit() throws {
        let fit = try Self.lungBySex()
        let open = try fit.figure(SurvivalFigureOptions())
        let table = try #require(open.table)
        // The table's columns are the ticks the renderer draws for the axis.
        let limits = try #require(open.xAxis.limits)
        #expect(table.x == ChartTicks.fixed(lower: limits.lowerBound, upper: limits.upperBound,
                                            count: open.xAxis.tickCount).values)
        #expect(table.x.count >= 5)
        #expect(try #require(table.x.last) >= fit.curves.map { $0.time.last ?? 0 }.max() ?? 0)
        for (s, curve) in fit.curves.enumerated() {
            let last = curve.time.last ?? 0
            let reference = table.x.map { t in t <= last ? curve.summary(at: [t])[0].nRisk : 0 }
            #expect(table.rows[s].label == curve.name)
            #expect(table.rows[s].cells == reference.map { Cell.integer(Int($0)) })
        }
        #expect(open.footnotes.contains { $0.contains("not for release") })
    }

    /// The published figure (drawn from a run's decisions): with control off it is the exact figure's curves and
    /// numbers at risk (every curve time a step, R's n.risk rule at the ticks); under the standard policy every
    /// number at risk is a count the gate decided (a published step's at-risk count), and with rounding it is
    /// rounded; there are fewer vertices than curve times.
    @Test func publishedFigureAtRiskCountsAreTheGatesDecisions() throws {
        let fit = try Self.lungBySex()
        var run = RunOutput(population: "lung")
        let counts = fit.addResults(to: &run)
        let open = try DisclosureGate(policy: .disabled).publish(run)
        let exact = try fit.figure(SurvivalFigureOptions())
        let drawnOpen = try fit.figure(open.decisions, counts: counts, options: SurvivalFigureOptions())
        #expect(drawnOpen.table?.rows.map(\.cells) == exact.table?.rows.map(\.cells))
        for (a, b) in zip(Self.steps(drawnOpen), Self.steps(exact)) { #expect(a.x == b.x && Self.same(a.y, b.y)) }
        for policy in [DisclosurePolicy.standard, DisclosurePolicy(roundingBase: 5)] {
            let p = try DisclosureGate(policy: policy).publish(run)
            let chart = try fit.figure(p.decisions, counts: counts, options: SurvivalFigureOptions(strataName: "sex"))
            let table = try #require(chart.table)
            for (s, name) in counts.stepNames.enumerated() {
                let f = try #require(p.decisions.stepFunctions[name])
                for (j, t) in table.x.enumerated() {
                    let expected: Cell = f.steps.first { $0.time >= t }.map { p.decisions.cell($0.atRisk) } ?? .integer(0)
                    #expect(table.rows[s].cells[j] == expected, "stratum \(s) t = \(t)")
                }
                #expect(f.steps.count < fit.curves[s].time.count / 4)
            }
        }
    }

    /// Caller-given at-risk times are used as given.
    @Test func atRiskCallerTimes() throws {
        let fit = try Self.lungBySex()
        let times: [Double] = [0, 100, 365, 730]
        let chart = try fit.figure(SurvivalFigureOptions(atRiskTimes: times))
        let table = try #require(chart.table)
        #expect(table.x == times)
        for (s, curve) in fit.curves.enumerated() {
            #expect(table.rows[s].cells == curve.summary(at: times).map { Cell.integer(Int($0.nRisk)) })
        }
    }

    /// Time scale: x = time / 365.25 and the at-risk counts are read at tick × 365.25 days.
    @Test func timeScaleDividesTimesAndReadsAtRiskInOriginalUnits() throws {
        let fit = try Self.lungBySex()
        let chart = try fit.figure(SurvivalFigureOptions(timeLabel: "Years", timeScale: 365.25))
        #expect(chart.xAxis.label == "Years")
        let steps = Self.steps(chart)
        let table = try #require(chart.table)
        for (s, curve) in fit.curves.enumerated() where s < steps.count {
            #expect(steps[s].x == [0] + curve.time.map { $0 / 365.25 })
            let last = curve.time.last ?? 0
            let reference = table.x.map { t in t * 365.25 <= last ? curve.summary(at: [t * 365.25])[0].nRisk : 0 }
            #expect(table.rows[s].cells == reference.map { Cell.integer(Int($0)) })
        }
        #expect(table.x.contains(1) && table.x.contains(2))
    }

    @Test func invalidOptionsThrow() throws {
        let fit = try Self.lungBySex()
        #expect(throws: SurvivalCurveError.self) { try fit.figure(SurvivalFigureOptions(timeScale: 0)) }
        #expect(throws: SurvivalCurveError.self) { try fit.figure(SurvivalFigureOptions(timeScale: .nan)) }
        #expect(throws: SurvivalCurveError.self) { try fit.figure(SurvivalFigureOptions(atRiskTimes: [.infinity])) }
        #expect(throws: SurvivalCurveError.self) { try fit.figure(SurvivalFigureOptions(probabilityLimit: 0)) }
    }

    /// One curve per cause: (0, 0) then (time, F_k); bands the fit's limits (from its variance); at-risk
    /// numbers the fit's n.risk by CompetingRisksFit.rows(stratum:times:) (tested against R).
    @Test func cumulativeIncidenceCurvesBandsAndAtRisk() throws {
        let fit = try Self.competing(strata: false)
        let chart = try fit.figure(SurvivalFigureOptions())
        let steps = Self.steps(chart), bands = Self.bands(chart)
        let curve = fit.curves[0]
        #expect(steps.count == 3 && bands.count == 3)
        #expect(curve.time[0] > 0)
        for k in 0..<min(3, steps.count, bands.count) {
            #expect(steps[k].label == fit.causeNames[k])
            #expect(steps[k].x == [0] + curve.time)
            #expect(steps[k].y == [0] + curve.incidence[k])
            #expect(Self.same(bands[k].lower, [0] + curve.lower[k]))
            #expect(Self.same(bands[k].upper, [0] + curve.upper[k]))
        }
        let table = try #require(chart.table)
        let last = curve.time.last ?? 0
        let reference = table.x.map { t in t <= last ? fit.rows(stratum: 0, times: [t])[0].nRisk : 0 }
        #expect(table.rows.count == 1 && table.rows[0].label == "All")
        #expect(table.rows[0].cells == reference.map { Cell.integer(Int($0)) })
    }

    /// With strata: one curve per (stratum, cause) in one panel, the stratum told by the dash pattern; one
    /// at-risk row per stratum, exact.
    @Test func stratifiedCumulativeIncidence() throws {
        let fit = try Self.competing(strata: true)
        #expect(fit.curves.count == 2)
        let chart = try fit.figure()
        let steps = Self.steps(chart)
        #expect(steps.count == 2 * 3)
        for (s, curve) in fit.curves.enumerated() {
            for k in 0..<3 where 3 * s + k < steps.count {
                let step = steps[3 * s + k]
                #expect(step.label == "\(fit.causeNames[k]): \(curve.name)")
                #expect(step.y == [0] + curve.incidence[k])
                #expect(step.dash == (s == 0 ? [] : [7, 4]))
            }
            let table = try #require(chart.table)
            let last = curve.time.last ?? 0
            for (j, t) in table.x.enumerated() {
                let n = Int(t <= last ? fit.rows(stratum: s, times: [t])[0].nRisk : 0)
                #expect(table.rows[s].cells[j] == .integer(n))
            }
        }
    }

    /// The SVG has the curves (polylines), bands (polygons), the at-risk table with its title, the legend and
    /// the footnotes; it is written to the temporary directory so it can be
    /// looked at.
    @Test func svgContainsTheFigure() throws {
        let km = try Self.lungBySex().figure(SurvivalFigureOptions(timeLabel: "Days since diagnosis", strataName: "sex"))
        #expect(Self.steps(km).map(\.label) == ["sex = 1", "sex = 2"])
        #expect(km.table?.rows.map(\.label) == ["sex = 1", "sex = 2"])
        let svg = km.svg()
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 >= 2)
        #expect(svg.components(separatedBy: "<polygon").count - 1 >= 2)
        #expect(svg.contains("<g class=\"table\">") && svg.contains(">Number at risk<"))
        #expect(svg.contains("<g class=\"legend\">"))
        #expect(svg.contains("<g class=\"footnotes\">") && svg.contains("not for release"))
        #expect(svg.contains(">Days since diagnosis<") && svg.contains(">Survival probability<"))
        let ci = try Self.competing(strata: true).figure(SurvivalFigureOptions(timeLabel: "Days in care"))
        let svg2 = ci.svg()
        #expect(svg2.contains("stroke-dasharray=\"7,4\""))
        #expect(svg2.contains(">returned: north<"))
        let dir = FileManager.default.temporaryDirectory
        try svg.write(to: dir.appendingPathComponent("carestat-km-figure.svg"), atomically: true, encoding: .utf8)
        try svg2.write(to: dir.appendingPathComponent("carestat-cuminc-figure.svg"), atomically: true, encoding: .utf8)
    }
}
