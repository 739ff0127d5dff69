public import Reporting
public import Tabular

/// Everything a CP stock–flow run computed (``ChildProtectionProjection`` on CIN census episodes), ready to be
/// published. ``add(to:)`` puts its tables and fan chart into a ``RunOutput`` (alone, or beside the LAC model's):
/// counts of episodes (stock, entrants, events, children at risk) are ledger entries decided by the disclosure
/// gate; rates and time at risk reveal the counts they are computed from; the backtest's errors reveal the observed
/// stocks they are computed from; projections are model estimates.
public struct ChildProtectionDemandResult: Sendable {
    public var origin: CivilDate
    public var windowStart: CivilDate
    public var observations: ChildProtectionObservations
    public var posterior: ChildProtectionPosterior
    public var spec: StockFlowProjectionSpec
    public var baseline: ChildProtectionPaths
    public var scenarios: [(scenario: ChildProtectionScenario, paths: ChildProtectionPaths)]
    /// Observed open episodes by state at month ends of the window (ascending, ending at the origin).
    public var history: [(date: CivilDate, counts: [Int])]
    public var backtest: [ChildProtectionBacktest.Row]?
    public var population: String

    public init(origin: CivilDate, windowStart: CivilDate, observations: ChildProtectionObservations,
                posterior: ChildProtectionPosterior, spec: StockFlowProjectionSpec, baseline: ChildProtectionPaths,
                scenarios: [(scenario: ChildProtectionScenario, paths: ChildProtectionPaths)] = [],
                history: [(date: CivilDate, counts: [Int])], backtest: [ChildProtectionBacktest.Row]? = nil,
                population: String) {
        self.origin = origin
        self.windowStart = windowStart
        self.observations = observations
        self.posterior = posterior
        self.spec = spec
        self.baseline = baseline
        self.scenarios = scenarios
        self.history = history
        self.backtest = backtest
        self.population = population
    }

    /// Every 12th month, and the last.
    public var reportMonths: [Int] {
        let H = baseline.horizonMonths
        var m = Array(Swift.stride(from: 12, through: H, by: 12))
        if m.last != H { m.append(H) }
        return m
    }

    static func n(_ x: Double, _ digits: Int = 4) -> ResultCell { .plain(.number(x, significantDigits: digits)) }

    /// A run holding only this result.
    public func output() -> RunOutput {
        var run = RunOutput(population: population)
        add(to: &run)
        return run
    }

    /// Adds the CP tables (names `cp-…`) and the `cp-fan` figure to `run`.
    public func add(to run: inout RunOutput) {
        let S = ChildProtectionStates.self
        let o = observations
        let bands = StockFlowStates.bandLabels

        // The stock at the origin (also the history's last row: the same ledger entries, never a second copy).
        let stockIDs = ChildProtectionState.allCases.map {
            run.ledger.count(o.stockByState[$0.rawValue], role: .cell, label: "open CIN episodes on \(origin.isoString), \($0.name)")
        }
        let stockTotal = run.ledger.count(o.stockByState.reduce(0, +), role: .cell, label: "open CIN episodes on \(origin.isoString)")
        run.ledger.relate(total: stockTotal, parts: stockIDs)
        let entrantIDs = (0..<S.bands).map { run.ledger.count(o.entrants[$0], role: .cell, label: "new CIN episodes aged \(bands[$0])") }
        let entrantTotal = run.ledger.count(o.entrants.reduce(0, +), role: .cell, label: "new CIN episodes")
        run.ledger.relate(total: entrantTotal, parts: entrantIDs)
        let nfa = run.ledger.count(o.nfaReferrals, role: .rowsDropped, label: "NFA referrals")
        let noDates = run.ledger.count(o.episodesWithoutDates, role: .rowsDropped, label: "episodes without a referral date or date of birth")
        let inconsistent = run.ledger.count(o.inconsistentEpisodes, role: .rowsDropped, label: "episodes closed before their referral")

        var inputs = ResultTable(name: "cp-inputs", title: "Child protection stock–flow model: data",
                                 columns: [Column("Item", key: "item", alignment: .left), Column("Value", key: "value")])
        inputs.append(["Projection origin", .plain(.text(origin.isoString))])
        inputs.append(["Reference window", .plain(.text("\(windowStart.isoString) to \(origin.isoString)"))])
        inputs.append(["Monte Carlo paths", .plain(.integer(spec.paths))])
        inputs.append(["Seed", .plain(.text(String(spec.seed)))])
        inputs.append(["Open at origin: CIN (no CP plan)", .count(stockIDs[0])])
        inputs.append(["Open at origin: CP plan", .count(stockIDs[1])])
        inputs.append(["Open at origin: total", .count(stockTotal)])
        inputs.append(["New episodes in window", .count(entrantTotal)])
        inputs.footnotes = [
            "Unit: a CIN referral episode (CIN census), open from its referral date to its closure, under 18. CIN: open without a child protection plan (assessment, CIN plan, or looked after); CPP: on a child protection plan.",
            "Referrals with no further action are not episodes of need and are left out.",
        ]
        inputs.countNotes = [CountNote("{} NFA referrals, {} episodes without a referral date or date of birth and {} episodes closed before their referral were left out.",
                                       [nfa, noDates, inconsistent])]
        run.add(inputs)

        var rates = ResultTable(name: "cp-rates", title: "Monthly rates by state (posterior means, reference window)",
                                columns: [Column("Age band", key: "age_band", alignment: .left), Column("State", key: "state", alignment: .left),
                                          Column("Children", key: "children"), Column("Episode-months", key: "episode_months"),
                                          Column("Step rate", key: "step_rate"), Column("Exit rate", key: "exit_rate")])
        let mean = posterior.meanRates
        for b in 0..<S.bands {
            for state in ChildProtectionState.allCases {
                let s = S.index(band: b, state: state.rawValue)
                let children = run.ledger.count(o.children[s], role: .rowsUsed, label: "children with an open episode aged \(bands[b]), \(state.name)")
                let steps = state == .cin ? o.stepUps[b] : o.stepDowns[b]
                let stepID = run.ledger.count(steps, role: .events, label: (state == .cin ? "step-ups" : "step-downs") + " aged \(bands[b])")
                let exitID = run.ledger.count(o.exits[s], role: .events, label: "closures aged \(bands[b]), \(state.name)")
                rates.append([.plain(.text(bands[b])), .plain(.text(state.name)), .count(children),
                              .revealing(.number(o.exposure[s], significantDigits: 5), reveals: [children]),
                              .revealing(.number(state == .cin ? mean.stepUp[b] : mean.stepDown[b], significantDigits: 3), reveals: [children, stepID]),
                              .revealing(.number(mean.exits[s], significantDigits: 3), reveals: [children, exitID])])
            }
        }
        rates.footnotes = [
            "Step rate: CIN → CPP (step-up) from CIN, CPP → CIN (step-down) from CPP; exit: closure. Events per episode-month at risk: posterior means of Gamma(0.5 + events, 0.5/pooled rate + episode-months).",
            "Constant hazards within a band and state (a Markov model): the stationary stock is right whatever the true duration distribution (flows balance), the speed of approach to it is an approximation.",
        ]
        run.add(rates)

        var entry = ResultTable(name: "cp-entrants", title: "New CIN episodes per month by age band (posterior means)",
                                columns: [Column("Age band", key: "age_band", alignment: .left), Column("New episodes", key: "entrants"),
                                          Column("Per month", key: "per_month")])
        for b in 0..<S.bands {
            entry.append([.plain(.text(bands[b])), .count(entrantIDs[b]),
                          .revealing(.number(mean.entries[b], significantDigits: 4), reveals: [entrantIDs[b]])])
        }
        entry.footnotes = ["A Poisson process per band with posterior Gamma(new episodes, months in window): the posterior mean is the observed rate."]
        run.add(entry)

        var historyTable = ResultTable(name: "cp-history", title: "Open CIN episodes at month ends of the window",
                                       columns: [Column("Date", key: "date", alignment: .left), Column("Total", key: "total"),
                                                 Column("CIN (no CP plan)", key: "cin"), Column("CP plan", key: "cpp")])
        var historyIDs: [(date: CivilDate, ids: [CountID])] = []
        for (date, counts) in history {
            let ids: [CountID]
            if date == origin && counts == o.stockByState {
                ids = [stockTotal] + stockIDs
            } else {
                let parts = ChildProtectionState.allCases.map {
                    run.ledger.count(counts[$0.rawValue], role: .cell, label: "open CIN episodes on \(date.isoString), \($0.name)")
                }
                let total = run.ledger.count(counts.reduce(0, +), role: .cell, label: "open CIN episodes on \(date.isoString)")
                run.ledger.relate(total: total, parts: parts)
                ids = [total] + parts
            }
            historyIDs.append((date, ids))
            historyTable.append([.plain(.text(date.isoString))] + ids.map { .count($0) })
        }
        run.add(historyTable)

        var projection = ResultTable(name: "cp-projection", title: "Projected open CIN episodes (model estimates)",
                                     columns: [Column("Month", key: "month"), Column("Date", key: "date", alignment: .left), Column("Series", key: "series", alignment: .left),
                                               Column("Median", key: "median"), Column("Mean", key: "mean"), Column("80% low", key: "lower_80"), Column("80% high", key: "upper_80"),
                                               Column("95% low", key: "lower_95"), Column("95% high", key: "upper_95")])
        for m in reportMonths {
            for series in ChildProtectionPaths.Series.allCases {
                let s = baseline.summary(series, month: m)
                let i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                projection.append([.plain(.integer(m)), .plain(.text(origin.adding(months: m).isoString)), .plain(.text(series.key)),
                                   Self.n(s.median, 6), Self.n(s.mean, 6), Self.n(i80.lower, 6), Self.n(i80.upper, 6),
                                   Self.n(i95.lower, 6), Self.n(i95.upper, 6)])
            }
        }
        projection.footnotes = [
            "Series: cin_total (all open episodes: children in need), cin (no CP plan), cpp (on a plan). Monte Carlo over \(spec.paths) paths (seed \(spec.seed)); each path draws the rates from their posterior"
                + (spec.parameterUncertainty ? "" : " (here: posterior means only)") + "; intervals are central quantiles of the paths.",
        ]
        run.add(projection)

        if !scenarios.isEmpty {
            var table = ResultTable(name: "cp-scenarios", title: "Scenarios: projected open CIN episodes (model estimates)",
                                    columns: [Column("Scenario", key: "scenario", alignment: .left), Column("Month", key: "month"), Column("Series", key: "series", alignment: .left),
                                              Column("Median", key: "median"), Column("vs baseline", key: "vs_baseline"),
                                              Column("80% low", key: "lower_80"), Column("80% high", key: "upper_80"),
                                              Column("95% low", key: "lower_95"), Column("95% high", key: "upper_95")])
            for (scenario, paths) in [(ChildProtectionScenario.baseline, baseline)] + scenarios {
                for m in reportMonths {
                    for series in [ChildProtectionPaths.Series.total, .cpp] {
                        let s = paths.summary(series, month: m), b = baseline.summary(series, month: m)
                        let i80 = s.interval(0.8)!, i95 = s.interval(0.95)!
                        table.append([.plain(.text(scenario.name)), .plain(.integer(m)), .plain(.text(series.key)), Self.n(s.median, 6),
                                      Self.n(s.median - b.median, 4), Self.n(i80.lower, 6), Self.n(i80.upper, 6),
                                      Self.n(i95.lower, 6), Self.n(i95.upper, 6)])
                    }
                }
            }
            table.footnotes = ["Every scenario runs on the baseline's random streams (common random numbers)."]
                + scenarios.map { "\($0.scenario.name): " + $0.scenario.changes.map(\.label).joined(separator: ", ") }
            run.add(table)
        }

        if let rows = backtest {
            var table = ResultTable(name: "cp-backtest", title: "CP backtest: projections from earlier origins against the observed open episodes",
                                    columns: [Column("Horizon (years)", key: "horizon_years"), Column("Origins", key: "origins"),
                                              Column("MAE total", key: "mae_total"), Column("80% coverage total", key: "coverage_80_total"),
                                              Column("95% coverage total", key: "coverage_95_total"), Column("MAE CPP", key: "mae_cpp"),
                                              Column("80% coverage CPP", key: "coverage_80_cpp"), Column("95% coverage CPP", key: "coverage_95_cpp")])
            for r in rows {
                // The observed stocks each error is computed from: an MAE over one origin is |median − observed|.
                let observedIDs = r.observed.flatMap { pair in
                    [run.ledger.count(pair[0], role: .cell, label: "open episodes observed \(r.horizonYears) years after a backtest origin"),
                     run.ledger.count(pair[1], role: .cell, label: "CPP observed \(r.horizonYears) years after a backtest origin")]
                }
                table.append([.plain(.integer(r.horizonYears)), .plain(.integer(r.origins)),
                              .revealing(.number(r.maeTotal, significantDigits: 4), reveals: observedIDs),
                              Self.n(r.coverage80Total, 3), Self.n(r.coverage95Total, 3),
                              .revealing(.number(r.maeCPP, significantDigits: 4), reveals: observedIDs),
                              Self.n(r.coverage80CPP, 3), Self.n(r.coverage95CPP, 3)])
            }
            table.footnotes = ["Origins 1-5 years before the data end whose window the data cover; each horizon uses the origins it reaches. MAE of the median projection; an MAE is withheld when an observed stock it is computed from is."]
            run.add(table)
        }

        let summaries = ChildProtectionPaths.Series.allCases.map { series in (0...baseline.horizonMonths).map { baseline.summary(series, month: $0) } }
        let originYear = StockFlowDemandResult.decimalYear(origin)
        let hist = historyIDs
        let H = baseline.horizonMonths
        run.add(figure: RunOutput.Figure(name: "cp-fan") { d in
            var panels: [ChartPanel] = []
            for series in ChildProtectionPaths.Series.allCases {
                let x = (0...H).map { originYear + Double($0) / 12 }
                let s = summaries[series.rawValue]
                var layers = [
                    ChartLayer(.band(x: x, lower: s.map { $0.interval(0.95)!.lower }, upper: s.map { $0.interval(0.95)!.upper }, stepped: false),
                               label: "95%", color: ChartPalette.skyBlue),
                    ChartLayer(.band(x: x, lower: s.map { $0.interval(0.8)!.lower }, upper: s.map { $0.interval(0.8)!.upper }, stepped: false),
                               label: "80%", color: ChartPalette.skyBlue),
                    ChartLayer(.line(x: x, y: s.map(\.median)), label: "median", color: ChartPalette.color(0)),
                ]
                var hx: [Double] = [], hy: [Double] = []
                for h in hist {
                    guard let v = d.published(h.ids[series.rawValue]).value else { continue }
                    hx.append(StockFlowDemandResult.decimalYear(h.date))
                    hy.append(Double(v))
                }
                if !hx.isEmpty { layers.insert(ChartLayer(.line(x: hx, y: hy), label: "observed", color: ChartPalette.black), at: 0) }
                panels.append(ChartPanel(title: series.name, layers: layers))
            }
            return Chart(title: "Open CIN episodes: observed and projected (80%, 95% intervals)", xAxis: ChartAxis("Year"),
                         yAxis: ChartAxis("Episodes"), panels: panels, columns: 3, width: 960, height: 360,
                         footnotes: ["Observed counts as published under disclosure control; projections are model estimates."]).svg()
        })
    }
}
