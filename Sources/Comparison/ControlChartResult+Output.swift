public import Reporting
import Foundation

/// One unit's series for the control-chart outputs: the counts and denominators it was computed from, when the
/// values are rates or proportions of counts of people (nil for a measured value given as it is).
public struct ControlChartSeries: Sendable {
    public var unit: String
    public var chart: ControlChartResult
    public var counts: [Int]?
    public var denominators: [Double]?
    /// The unit's funnel verdict in the latest period (for the agreement view), if computed.
    public var funnelVerdict: FunnelVerdict?
    public init(unit: String, chart: ControlChartResult, counts: [Int]?, denominators: [Double]?, funnelVerdict: FunnelVerdict? = nil) {
        self.unit = unit
        self.chart = chart
        self.counts = counts
        self.denominators = denominators
        self.funnelVerdict = funnelVerdict
    }

    /// Where the funnel and the trend agree: the latest funnel verdict is high (low) and the chart's latest point
    /// carries a special-cause signal in the same direction. Nil without a funnel verdict.
    public var agreement: FunnelVerdict? {
        guard let v = funnelVerdict, v != .within, let s = chart.latestSignal else { return nil }
        return (v == .high && s == .high) || (v == .low && s == .low) ? v : nil
    }
}

extension ControlChartSeries {
    /// Tables `control_chart` (every point with its centre, limits and signals) and `agreement` (units flagged where
    /// the funnel and the trend agree), and an SVG of the chart of `figureUnit` (default: the first flagged unit, else
    /// the first unit).
    ///
    /// Disclosure: a point's count and denominator are counts of people; its value (a rate) reveals them; the
    /// centre and limits of a p or u chart reveal the phase's total count (related to the points' counts) and the
    /// point's denominator; the XmR centre and limits, and a c chart's, are functions of every value in the phase:
    /// they reveal the first withheld count of the run, decided once with the policy. Signals and verdicts are
    /// published (positions, not values).
    public static func output(_ series: [ControlChartSeries], population: String, unitLabel: String, periodLabel: String,
                              policy: DisclosurePolicy, figureUnit: String? = nil) -> RunOutput {
        var run = RunOutput(population: population)
        var countIDs: [[CountID]] = [], denIDs: [[CountID]] = [], phaseTotals: [[Int: CountID]] = []
        for s in series {
            var c: [CountID] = [], d: [CountID] = []
            var totals: [Int: CountID] = [:]
            if let counts = s.counts {
                c = zip(s.chart.points, counts).map { run.ledger.count($1, role: .events, label: "\(s.unit) \($0.label)") }
                for phase in Set(s.chart.points.map(\.phase)) {
                    let idx = s.chart.points.indices.filter { s.chart.points[$0].phase == phase }
                    let t = run.ledger.count(idx.reduce(0) { $0 + counts[$1] }, role: .events, label: "\(s.unit) phase \(phase + 1) total")
                    run.ledger.relate(total: t, parts: idx.map { c[$0] })
                    totals[phase] = t
                }
                if let dens = s.denominators, dens.allSatisfy({ $0 == $0.rounded() && $0 < 1e15 }) {
                    d = zip(s.chart.points, dens).map { run.ledger.count(Int($1), role: .rowsUsed, label: "\(s.unit) \($0.label) denominator") }
                }
            }
            countIDs.append(c); denIDs.append(d); phaseTotals.append(totals)
        }
        let pre = DisclosureGate(policy: policy).decide(run.ledger)
        let withheld: [CountID] = countIDs.joined().first(where: { !pre.isExact($0) }).map { [$0] } ?? []
        func num(_ x: Double) -> Cell { x.isFinite ? .number(x, significantDigits: 5) : .missing }
        func cell(_ x: Double, _ r: [CountID]) -> ResultCell { r.isEmpty ? .plain(num(x)) : .revealing(num(x), reveals: r) }

        var table = ResultTable(name: "control_chart", title: "Control charts by \(unitLabel)",
                                columns: [Column(unitLabel, key: "unit", alignment: .left), Column(periodLabel, key: "period", alignment: .left),
                                          Column("count", key: "count"), Column("denominator", key: "denominator"),
                                          Column("value", key: "value"), Column("centre", key: "centre"),
                                          Column("lower", key: "lower"), Column("upper", key: "upper"),
                                          Column("signals", key: "signals", alignment: .left)])
        var figureCells: [String: [(String, ResultCell, ResultCell, ResultCell, ResultCell)]] = [:]
        for (k, s) in series.enumerated() {
            let byCount = s.chart.kind == .p || s.chart.kind == .u
            for (i, p) in s.chart.points.enumerated() {
                let own: [CountID] = countIDs[k].isEmpty ? [] : [countIDs[k][i]] + (denIDs[k].isEmpty ? [] : [denIDs[k][i]])
                let limitsReveal: [CountID] = countIDs[k].isEmpty ? []
                    : (byCount ? [phaseTotals[k][p.phase]!] + (denIDs[k].isEmpty ? [] : [denIDs[k][i]]) : [phaseTotals[k][p.phase]!] + withheld)
                let v = cell(p.value, own), c = cell(p.centre, limitsReveal)
                let lo = cell(p.lower, limitsReveal), hi = cell(p.upper, limitsReveal)
                let signals = p.signals.map { "\($0.rule.rawValue) (\($0.direction.rawValue))" }.joined(separator: "; ")
                table.append([.plain(.text(s.unit)), .plain(.text(p.label)),
                              countIDs[k].isEmpty ? .plain(.missing) : .count(countIDs[k][i]),
                              denIDs[k].isEmpty ? .plain(s.denominators.map { num($0[i]) } ?? .missing) : .count(denIDs[k][i]),
                              v, c, lo, hi, .plain(.text(signals))])
                figureCells[s.unit, default: []].append((p.label, v, c, lo, hi))
            }
        }
        let rules = series.first?.chart.rules ?? ControlChartRules()
        table.footnotes = [
            "NHS Making Data Count rules: a point beyond a limit; a shift of \(rules.runLength) or more points on one side of the centre; a trend of \(rules.trendLength) or more points each rising or each falling; two of three points beyond 2σ on one side.",
            "Limits: " + (series.first.map { kindNote($0.chart.kind) } ?? "") + (series.contains { Set($0.chart.points.map(\.phase)).count > 1 } ? " Rebased where requested." : " No rebasing."),
        ]
        run.add(table)

        if series.contains(where: { $0.funnelVerdict != nil }) {
            var agree = ResultTable(name: "agreement", title: "Units flagged where the funnel and the trend agree",
                                    columns: [Column(unitLabel, key: "unit", alignment: .left), Column("funnel (latest)", key: "funnel", alignment: .left),
                                              Column("trend signal (latest point)", key: "trend", alignment: .left),
                                              Column("flag", key: "flag", alignment: .left)])
            for s in series {
                agree.append([.plain(.text(s.unit)), .plain(.text(s.funnelVerdict?.rawValue ?? "")),
                              .plain(.text(s.chart.latestSignal?.rawValue ?? "none")), .plain(.text(s.agreement?.rawValue ?? ""))])
            }
            agree.footnotes = ["A unit is flagged only where its latest funnel verdict is high (low) and its control chart's latest point shows special-cause variation in the same direction."]
            run.add(agree)
        }

        let chosen = figureUnit ?? series.first(where: { $0.agreement != nil })?.unit ?? series.first?.unit
        if let unit = chosen, let cells = figureCells[unit] {
            run.add(figure: RunOutput.Figure(name: "control_chart") { d in
                var x: [Double] = [], y: [Double] = [], c: [Double] = [], lo: [Double] = [], hi: [Double] = []
                var omitted = false
                for (k, p) in cells.enumerated() {
                    guard let yv = d.resolve(p.1).numericValue, let cv = d.resolve(p.2).numericValue,
                          let l = d.resolve(p.3).numericValue, let h = d.resolve(p.4).numericValue else { omitted = true; continue }
                    x.append(Double(k + 1)); y.append(yv); c.append(cv); lo.append(l); hi.append(h)
                }
                var chart = Chart(title: "Control chart: \(unit)", xAxis: ChartAxis("\(periodLabel) (1 = \(cells.first?.0 ?? ""))"), yAxis: ChartAxis("value"),
                                  layers: [ChartLayer(.line(x: x, y: c), label: "centre", color: "#555555"),
                                           ChartLayer(.line(x: x, y: lo), label: "limits", color: ChartPalette.color(1), dash: [6, 4]),
                                           ChartLayer(.line(x: x, y: hi), color: ChartPalette.color(1), dash: [6, 4]),
                                           ChartLayer(.line(x: x, y: y), label: unit, color: ChartPalette.color(0)),
                                           ChartLayer(.points(x: x, y: y), color: ChartPalette.color(0))])
                chart.footnotes = omitted ? ["Points whose values would reveal a withheld count are not plotted."] : []
                return chart.svg()
            })
        }
        return run
    }

    static func kindNote(_ k: ControlChart.Kind) -> String {
        switch k {
        case .xmr: "XmR, centre ± 2.66 × mean moving range."
        case .p: "P chart, p̄ ± 3√(p̄(1 − p̄)/n)."
        case .c: "C chart, c̄ ± 3√c̄."
        case .u: "U chart, ū ± 3√(ū/n)."
        }
    }
}
