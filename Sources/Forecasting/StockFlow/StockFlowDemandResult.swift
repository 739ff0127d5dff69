public import Reporting
public import Tabular

/// Everything a `carestat demand` run computed, ready to be published: the window's statistics and posterior, the
/// baseline and scenario projections, the observed history, costs and backtest. ``output()`` turns it into a
/// ``RunOutput`` whose counts of people (the stock, entrants, children in each state) are ledger entries, so the
/// disclosure gate decides them; rates and time at risk reveal the counts they are computed from; projections and
/// spend are model estimates.
public struct StockFlowDemandResult: Sendable {
    public var origin: CivilDate
    public var windowStart: CivilDate
    public var observations: StockFlowObservations
    public var posterior: StockFlowPosterior
    public var spec: StockFlowProjectionSpec
    public var baseline: StockFlowPaths
    public var scenarios: [(scenario: StockFlowScenario, paths: StockFlowPaths)]
    /// Observed stock by group at month ends of the window (dates ascending, ending at the origin).
    public var history: [(date: CivilDate, counts: [Int])]
    /// Weekly unit costs by group (nil: no spend).
    public var weeklyCosts: [Double]?
    public var backtest: [StockFlowBacktest.Row]?
    /// Where the data came from, for the output's population line.
    public var population: String
    /// With the UASC table: children it lists who have no period of care in the episodes (shown through the gate).
    public var uascTableUnmatched: Int?

    public init(origin: CivilDate, windowStart: CivilDate, observations: StockFlowObservations, posterior: StockFlowPosterior,
                spec: StockFlowProjectionSpec, baseline: StockFlowPaths,
                scenarios: [(scenario: StockFlowScenario, paths: StockFlowPaths)] = [],
                history: [(date: CivilDate, counts: [Int])], weeklyCosts: [Double]? = nil,
                backtest: [StockFlowBacktest.Row]? = nil, population: String) {
        self.origin = origin
        self.windowStart = windowStart
        self.observations = observations
        self.posterior = posterior
        self.spec = spec
        self.baseline = baseline
        self.scenarios = scenarios
        self.history = history
        self.weeklyCosts = weeklyCosts
        self.backtest = backtest
        self.population = population
    }

    /// The months at which the projection is reported: every 12th month, and the last.
    public var reportMonths: [Int] {
        let H = baseline.horizonMonths
        var m = Array(Swift.stride(from: 12, through: H, by: 12))
        if m.last != H { m.append(H) }
        return m
    }

    static func n(_ x: Double, _ digits: Int = 4) -> ResultCell { .plain(.number(x, significantDigits: digits)) }

    /// The run's outputs.
    public func output() -> RunOutput {
        var run = RunOutput(population: population)
        add(to: &run)
        return run
    }

    /// Adds the tables and figures to `run` (its ledger holds the counts, so that a spec's other parts and this one
    /// are gated together).
    public func add(to run: inout RunOutput) {
        let S = StockFlowStates.self
        let o = observations

        // Inputs: the stock at the origin by group and the entrants, related so that no small part follows from its
        // total.
        let stockIDs = StockFlowPlacement.allCases.map {
            run.ledger.count(o.stockByGroup[$0.rawValue], role: .cell, label: "in care on \(origin.isoString), \($0.name)")
        }
        let stockTotal = run.ledger.count(o.stockByGroup.reduce(0, +), role: .cell, label: "in care on \(origin.isoString)")
        run.ledger.relate(total: stockTotal, parts: stockIDs)
        let entrantIDs = (0..<S.bands).map {
            run.ledger.count(o.entrants[$0], role: .cell, label: "entrants aged \(S.bandLabels[$0]), UASC excluded")
        }
        let uascIDs = (0..<S.bands).map {
            run.ledger.count(o.uascEntrants[$0], role: .cell, label: "UASC entrants aged \(S.bandLabels[$0])")
        }
        let entrantTotal = run.ledger.count(o.entrants.reduce(0, +), role: .cell, label: "entrants, UASC excluded")
        let uascTotal = run.ledger.count(o.uascEntrants.reduce(0, +), role: .cell, label: "UASC entrants")
        run.ledger.relate(total: entrantTotal, parts: entrantIDs)
        run.ledger.relate(total: uascTotal, parts: uascIDs)
        let noDOB = run.ledger.count(o.childrenWithoutBirthDate, role: .rowsDropped, label: "children without a date of birth")
        var inputs = ResultTable(name: "demand-inputs", title: "Stock–flow demand model: data",
                                 columns: [Column("Item", key: "item", alignment: .left), Column("Value", key: "value")])
        inputs.append(["Projection origin", .plain(.text(origin.isoString))])
        inputs.append(["Reference window", .plain(.text("\(windowStart.isoString) to \(origin.isoString)"))])
        inputs.append(["Monte Carlo paths", .plain(.integer(spec.paths))])
        inputs.append(["Seed", .plain(.text(String(spec.seed)))])
        for g in StockFlowPlacement.allCases { inputs.append([.plain(.text("In care at origin: \(g.name)")), .count(stockIDs[g.rawValue])]) }
        inputs.append(["In care at origin: total", .count(stockTotal)])
        inputs.append(["Entrants in window (UASC excluded)", .count(entrantTotal)])
        inputs.append(["UASC entrants in window", .count(uascTotal)])
        let fromTable = o.uascSource == .table
        inputs.append(["UASC source", .plain(.text(fromTable ? "SSDA903 UASC table" : "proxy (V2 with N8, age 10+)"))])
        inputs.footnotes = [
            "Children under 18 in care; placement groups: foster U1-U6; residential K1, K2, R1, R2, R3, R5, S1; supported H5, K3, P2, P3; other A3-A6, P1, T0-T4, Z1 and blank.",
            fromTable
                ? "UASC: from the SSDA903 UASC table; a period is a UASC entry when its child is listed and had not ceased to be UASC (DUC) by the period's start. UASC entrants are projected as their own Poisson inflow (scenario uasc:+x%)."
                : "UASC: no UASC table given (--uasc); a period is counted as a UASC entry when its first episode is section 20 (V2) with category of need N8 at age 10 or over (a proxy). UASC entrants are projected as their own Poisson inflow (scenario uasc:+x%).",
        ]
        inputs.countNotes = [CountNote("{} children without a date of birth were left out.", [noDOB])]
        if let unmatched = uascTableUnmatched {
            let id = run.ledger.count(unmatched, role: .cell, label: "children in the UASC table without a period of care")
            inputs.countNotes.append(CountNote("{} children listed in the UASC table have no period of care in the episodes.", [id]))
        }
        run.add(inputs)

        // Rates by state: each reveals the counts it is computed from.
        var rates = ResultTable(name: "demand-rates", title: "Monthly rates by state (posterior means, reference window)",
                                columns: [Column("Age band", key: "age_band", alignment: .left), Column("Placement", key: "placement", alignment: .left),
                                          Column("Children", key: "children"), Column("Child-months", key: "child_months"), Column("Move rate", key: "move_rate"),
                                          Column("Exit rate", key: "exit_rate"), Column("Exit: home", key: "exit_home"), Column("Exit: adoption", key: "exit_adoption"),
                                          Column("Exit: SGO/CAO", key: "exit_sgo_cao"), Column("Exit: other", key: "exit_other")])
        let moveMeans = posterior.meanMoveRates, exitMeans = posterior.meanExitRates
        for b in 0..<S.bands {
            for g in StockFlowPlacement.allCases {
                let s = S.index(band: b, group: g.rawValue)
                let children = run.ledger.count(o.children[s], role: .rowsUsed, label: "children in care aged \(S.bandLabels[b]), \(g.name)")
                let movesOut = (0..<S.groups).reduce(0) { $0 + o.moves[s * S.groups + $1] }
                let exitsOut = (0..<S.routes).reduce(0) { $0 + o.exits[s * S.routes + $1] }
                let moveID = run.ledger.count(movesOut, role: .events, label: "moves from \(S.bandLabels[b]), \(g.name)")
                let exitID = run.ledger.count(exitsOut, role: .events, label: "exits from \(S.bandLabels[b]), \(g.name)")
                let routeIDs = CareExitRoute.allCases.map {
                    run.ledger.count(o.exits[s * S.routes + $0.rawValue], role: .events, label: "exits \($0.name) from \(S.bandLabels[b]), \(g.name)")
                }
                run.ledger.relate(total: exitID, parts: routeIDs)
                let moveRate = (0..<S.groups).reduce(0.0) { $0 + ($1 == g.rawValue ? 0 : moveMeans[s * S.groups + $1]) }
                let exitRate = (0..<S.routes).reduce(0.0) { $0 + exitMeans[s * S.routes + $1] }
                var row: [ResultCell] = [.plain(.text(S.bandLabels[b])), .plain(.text(g.name)), .count(children),
                                         .revealing(.number(o.exposure[s], significantDigits: 5), reveals: [children]),
                                         .revealing(.number(moveRate, significantDigits: 3), reveals: [children, moveID]),
                                         .revealing(.number(exitRate, significantDigits: 3), reveals: [children, exitID])]
                for r in CareExitRoute.allCases {
                    row.append(.revealing(.number(exitMeans[s * S.routes + r.rawValue], significantDigits: 3),
                                          reveals: [children, routeIDs[r.rawValue]]))
                }
                rates.append(row)
            }
        }
        rates.footnotes = ["Rates are events per child-month at risk: posterior means of Gamma(0.5 + events, 0.5/pooled rate + child-months). A rate or time at risk is withheld when the counts it is computed from are."]
        run.add(rates)

        var entry = ResultTable(name: "demand-entrants", title: "Entrants per month by age band (posterior means)",
                                columns: [Column("Age band", key: "age_band", alignment: .left), Column("Entrants", key: "entrants"), Column("Per month", key: "per_month"),
                                          Column("UASC entrants", key: "uasc_entrants"), Column("UASC per month", key: "uasc_per_month")])
        let entryMeans = posterior.meanEntryRates, uascMeans = posterior.meanUASCRates
        for b in 0..<S.bands {
            entry.append([.plain(.text(S.bandLabels[b])), .count(entrantIDs[b]),
                          .revealing(.number(entryMeans[b], significantDigits: 4), reveals: [entrantIDs[b]]),
                          .count(uascIDs[b]), .revealing(.number(uascMeans[b], significantDigits: 4), reveals: [uascIDs[b]])])
        }
        entry.footnotes = ["Entrants: a Poisson process per band with posterior Gamma(entrants, months in window) (prior proportional to 1/rate): the posterior mean is the observed rate; a band with no entrants in the window has none projected."]
        run.add(entry)

        // History: observed stock at month ends (counts), for the fan chart.
        var historyTable = ResultTable(name: "demand-history", title: "Children in care at month ends of the window",
                                       columns: [Column("Date", key: "date", alignment: .left), Column("Total", key: "total")] + StockFlowPlacement.allCases.map { Column($0.name) })
        var historyIDs: [(date: CivilDate, total: CountID, groups: [CountID])] = []
        for (date, counts) in history {
            let parts = StockFlowPlacement.allCases.map {
                run.ledger.count(counts[$0.rawValue], role: .cell, label: "in care on \(date.isoString), \($0.name)")
            }
            let total = run.ledger.count(counts.reduce(0, +), role: .cell, label: "in care on \(date.isoString)")
            run.ledger.relate(total: total, parts: parts)
            historyIDs.append((date, total, parts))
            historyTable.append([.plain(.text(date.isoString)), .count(total)] + parts.map { .count($0) })
        }
        run.add(historyTable)

        // Projection.
        var projection = ResultTable(name: "demand-projection", title: "Projected children in care (model estimates)",
                                     columns: [Column("Month", key: "month"), Column("Date", key: "date", alignment: .left), Column("Series", key: "series", alignment: .left),
                                               Column("Median", key: "median"), Column("Mean", key: "mean"), Column("80% low", key: "lower_80"), Column("80% high", key: "upper_80"),
                                               Column("95% low", key: "lower_95"), Column("95% high", key: "upper_95")])
        for m in reportMonths {
            for series in StockFlowPaths.Series.all {
                let s = baseline.summary(series, month: m)
                let i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                projection.append([.plain(.integer(m)), .plain(.text(origin.adding(months: m).isoString)), .plain(.text(series.name)),
                                   Self.n(s.median, 6), Self.n(s.mean, 6), Self.n(i80.lower, 6), Self.n(i80.upper, 6),
                                   Self.n(i95.lower, 6), Self.n(i95.upper, 6)])
            }
        }
        projection.footnotes = [
            "Monte Carlo over \(spec.paths) paths (seed \(spec.seed)); each path draws the rates from their posterior"
                + (spec.parameterUncertainty ? "" : " (here: posterior means only)") + ", so intervals carry parameter uncertainty as well as chance.",
            "Intervals are central quantiles of the paths; children leave care at 18.",
        ]
        if weeklyCosts == nil {
            // No unit costs are published with the project's data (../shared holds none), so none are assumed.
            projection.footnotes.append("No costs given: projected spend needs --costs FILE (weekly unit cost per placement group); CareStat assumes none.")
        }
        run.add(projection)

        if let costs = weeklyCosts {
            var spend = ResultTable(name: "demand-spend", title: "Projected placement spend per projection year (model estimates)",
                                    columns: [Column("Year", key: "year"), Column("Median", key: "median"), Column("Mean", key: "mean"), Column("80% low", key: "lower_80"), Column("80% high", key: "upper_80"),
                                              Column("95% low", key: "lower_95"), Column("95% high", key: "upper_95")])
            for (y, values) in baseline.annualSpend(weeklyCosts: costs).enumerated() {
                let s = summarise(values, levels: [0.8, 0.95])
                let i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                spend.append([.plain(.integer(y + 1)), Self.n(s.median, 6), Self.n(s.mean, 6), Self.n(i80.lower, 6),
                              Self.n(i80.upper, 6), Self.n(i95.lower, 6), Self.n(i95.upper, 6)])
            }
            spend.footnotes = ["Weekly unit costs: " + StockFlowPlacement.allCases.map { "\($0.name) \(costs[$0.rawValue])" }.joined(separator: ", ")
                               + "; spend = end-of-month stock × weekly cost × 365.2425/7/12 weeks, summed over the year's months."]
            run.add(spend)
        }

        if !scenarios.isEmpty {
            var table = ResultTable(name: "demand-scenarios", title: "Scenarios: projected children in care, total (model estimates)",
                                    columns: [Column("Scenario", key: "scenario", alignment: .left), Column("Month", key: "month"), Column("Median", key: "median"),
                                              Column("vs baseline", key: "vs_baseline"), Column("80% low", key: "lower_80"), Column("80% high", key: "upper_80"),
                                              Column("95% low", key: "lower_95"), Column("95% high", key: "upper_95")]
                                        + (weeklyCosts != nil ? [Column("Spend median (year)", key: "spend_median")] : []))
            let all = [(StockFlowScenario.baseline, baseline)] + scenarios
            for (scenario, paths) in all {
                let spend = weeklyCosts.map { paths.annualSpend(weeklyCosts: $0) }
                for m in reportMonths {
                    let s = paths.summary(.total, month: m)
                    let b = baseline.summary(.total, month: m)
                    let i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                    var row: [ResultCell] = [.plain(.text(scenario.name)), .plain(.integer(m)), Self.n(s.median, 6),
                                             Self.n(s.median - b.median, 4), Self.n(i80.lower, 6), Self.n(i80.upper, 6),
                                             Self.n(i95.lower, 6), Self.n(i95.upper, 6)]
                    if let spend {
                        row.append(m % 12 == 0 && m / 12 <= spend.count
                                   ? Self.n(summarise(spend[m / 12 - 1], levels: []).median, 6) : .plain(.missing))
                    }
                    table.append(row)
                }
            }
            table.footnotes = ["Every scenario runs on the same random streams as the baseline (common random numbers), so differences are not Monte Carlo noise."]
                + scenarios.map { "\($0.scenario.name): " + $0.scenario.changes.map(\.label).joined(separator: ", ") }
            run.add(table)
        }

        if let rows = backtest {
            var table = ResultTable(name: "demand-backtest", title: "Backtest: projections from earlier origins against the observed stock",
                                    columns: [Column("Horizon (years)", key: "horizon_years"), Column("Origins", key: "origins"), Column("MAE total", key: "mae_total"),
                                              Column("80% coverage total", key: "coverage_80_total"), Column("95% coverage total", key: "coverage_95_total"),
                                              Column("MAE per group", key: "mae_groups"), Column("80% coverage groups", key: "coverage_80_groups"), Column("95% coverage groups", key: "coverage_95_groups")])
            for r in rows {
                table.append([.plain(.integer(r.horizonYears)), .plain(.integer(r.origins)), Self.n(r.maeTotal),
                              Self.n(r.coverage80Total, 3), Self.n(r.coverage95Total, 3), Self.n(r.maeGroups),
                              Self.n(r.coverage80Groups, 3), Self.n(r.coverage95Groups, 3)])
            }
            table.footnotes = ["Origins 2, 3, 4 and 5 years before the data end (those whose window the data cover); each horizon uses the origins it reaches. MAE of the median projection."]
            run.add(table)
        }

        // Figures, drawn from the published counts only.
        let summaries = StockFlowPaths.Series.all.map { series in (0...baseline.horizonMonths).map { baseline.summary(series, month: $0) } }
        let originYear = Self.decimalYear(origin)
        let hist = historyIDs
        run.add(figure: RunOutput.Figure(name: "fan") { d in
            var panels: [ChartPanel] = []
            for (k, series) in StockFlowPaths.Series.all.enumerated() {
                let x = (0...baseline.horizonMonths).map { originYear + Double($0) / 12 }
                let s = summaries[k]
                var layers = [
                    ChartLayer(.band(x: x, lower: s.map { $0.interval(0.95)!.lower }, upper: s.map { $0.interval(0.95)!.upper }, stepped: false),
                               label: "95%", color: ChartPalette.skyBlue),
                    ChartLayer(.band(x: x, lower: s.map { $0.interval(0.8)!.lower }, upper: s.map { $0.interval(0.8)!.upper }, stepped: false),
                               label: "80%", color: ChartPalette.skyBlue),
                    ChartLayer(.line(x: x, y: s.map(\.median)), label: "median", color: ChartPalette.color(0)),
                ]
                var hx: [Double] = [], hy: [Double] = []
                for h in hist {
                    let id: CountID
                    switch series {
                    case .total: id = h.total
                    case .group(let g): id = h.groups[g.rawValue]
                    }
                    guard let v = d.published(id).value else { continue }
                    hx.append(Self.decimalYear(h.date))
                    hy.append(Double(v))
                }
                if !hx.isEmpty { layers.insert(ChartLayer(.line(x: hx, y: hy), label: "observed", color: ChartPalette.black), at: 0) }
                panels.append(ChartPanel(title: series.name, layers: layers))
            }
            return Chart(title: "Children in care: observed and projected (80%, 95% intervals)", xAxis: ChartAxis("Year"),
                         yAxis: ChartAxis("Children"), panels: panels, columns: 3, width: 960, height: 640,
                         footnotes: ["Observed counts as published under disclosure control; projections are model estimates."]).svg()
        })
        if !scenarios.isEmpty {
            let all = [(StockFlowScenario.baseline, baseline)] + scenarios
            let lines = all.map { pair in (name: pair.0.name, median: (0...baseline.horizonMonths).map { m in pair.1.summary(.total, month: m).median }) }
            let band = summaries[0]
            run.add(figure: RunOutput.Figure(name: "scenarios") { _ in
                let x = (0...baseline.horizonMonths).map { originYear + Double($0) / 12 }
                var layers = [ChartLayer(.band(x: x, lower: band.map { $0.interval(0.8)!.lower }, upper: band.map { $0.interval(0.8)!.upper },
                                               stepped: false), label: "baseline 80%", color: ChartPalette.color(0))]
                for (i, l) in lines.enumerated() {
                    layers.append(ChartLayer(.line(x: x, y: l.median), label: l.name, color: ChartPalette.color(i)))
                }
                return Chart(title: "Scenarios: projected children in care (medians)", xAxis: ChartAxis("Year"),
                             yAxis: ChartAxis("Children"), layers: layers).svg()
            })
        }
    }

    static func decimalYear(_ d: CivilDate) -> Double {
        Double(d.year) + Double(d.month - 1) / 12 + Double(d.day - 1) / 365.25
    }
}
