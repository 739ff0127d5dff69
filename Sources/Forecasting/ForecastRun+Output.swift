import Foundation
public import Reporting

/// Publishing a forecast run through the disclosure gate.
///
/// Disclosure: the historical values are published counts of children (children looked after, on a plan) and go
/// into the run's ledger as counts, so the gate treats small ones (and aggregate series are related to the units they
/// sum, closing differencing). Forecasts are model estimates, not counts of people, so they are plain numbers —
/// except that a forecast can reveal its history exactly (the naive forecast *is* the last value; the drift is
/// (last − first)/(n − 1); the mean forecast times n is the total). Every number derived from a series (forecasts,
/// bounds, parameters, fit statistics, warnings, its backtest errors) is therefore a statistic that reveals all the
/// series' history counts: it is withheld unless every one of them is shown exactly. The pooled backtest leaves out
/// series with a count the policy suppresses (named in a footnote); pooled over ten or more series its accuracy
/// figures are plain (hundreds of errors mixed reveal no one count), over fewer they reveal the histories used.
extension ForecastRunSpec.Result {
    /// Backtest accuracy pooled over at least this many series (none with a suppressed count) is published as
    /// plain numbers; over fewer it is a statistic revealing the series' histories.
    public static let pooledSeriesWithoutReveal = 10

    /// The run's outputs. `historyAreCounts`: the values are counts of people (whole numbers); otherwise (rates)
    /// they are plain values.
    public func output(population: String, spec: ForecastRunSpec, policy: DisclosurePolicy, valueLabel: String,
                       historyAreCounts: Bool = true) -> RunOutput {
        var run = RunOutput(population: population)
        add(to: &run, spec: spec, policy: policy, valueLabel: valueLabel, historyAreCounts: historyAreCounts, setsJSON: true)
        return run
    }

    /// Adds the run's tables and figure to `run` (a spec's run with several measures): table and figure names are
    /// prefixed with `prefix`; `setsJSON` sets the run's JSON to the `forecast` contract.
    public func add(to run: inout RunOutput, spec: ForecastRunSpec, policy: DisclosurePolicy, valueLabel: String,
                    historyAreCounts: Bool = true, prefix: String = "", setsJSON: Bool) {
        var ids: [String: [CountID]] = [:]
        var historyTable = ResultTable(name: prefix + "history", title: "History (\(valueLabel))",
                                       columns: [Column("series", alignment: .left), Column("time"), Column("value")])
        var idAt: [String: [Int: CountID]] = [:]
        for s in series {
            var list: [CountID] = []
            for (t, v) in s.values.enumerated() {
                guard let v else {
                    historyTable.append([.plain(.text(s.name)), .plain(.number(s.time(at: t), significantDigits: 6)), .plain(.missing)])
                    continue
                }
                if historyAreCounts {
                    let id = run.ledger.count(Int(v.rounded()), role: .cell, label: "\(s.name) at \(s.time(at: t))")
                    list.append(id)
                    idAt[s.name, default: [:]][t] = id
                    historyTable.append([.plain(.text(s.name)), .plain(.number(s.time(at: t), significantDigits: 6)), .count(id)])
                } else {
                    historyTable.append([.plain(.text(s.name)), .plain(.number(s.time(at: t), significantDigits: 6)),
                                         .plain(.number(v, significantDigits: 8))])
                }
            }
            ids[s.name] = list
        }
        // Aggregates are sums of their leaves: relate them so a withheld leaf is not total minus the others.
        for (node, leaves) in aggregates.sorted(by: { $0.key < $1.key }) {
            guard let times = idAt[node] else { continue }
            for (t, total) in times.sorted(by: { $0.key < $1.key }) {
                let parts = leaves.compactMap { idAt[$0]?[t] }
                if parts.count == leaves.count { run.ledger.relate(total: total, parts: parts) }
            }
        }
        func rev(_ name: String, _ x: Double?) -> ResultCell {
            guard let x else { return .plain(.missing) }
            return .revealing(.number(x, significantDigits: 6), reveals: ids[name] ?? [])
        }
        let levels = spec.levels
        var columns = [Column("series", alignment: .left), Column("method", alignment: .left), Column("time"), Column("mean")]
        for l in levels { columns += [Column("lower \(fmt(l))%"), Column("upper \(fmt(l))%")] }
        if !reconciled.isEmpty { columns.append(Column("reconciled")) }
        var table = ResultTable(name: prefix + "forecasts", title: "Forecasts of \(valueLabel), \(spec.horizon) steps ahead", columns: columns)
        var models = ResultTable(name: prefix + "models", title: "Models (\(valueLabel))", columns: [
            Column("series", alignment: .left), Column("method", alignment: .left), Column("AICc"), Column("notes", alignment: .left)])
        for s in series {
            let name = s.name
            let all = ids[name] ?? []
            if let f = forecasts[name] {
                for k in 0..<f.horizon {
                    var row: [ResultCell] = [.plain(.text(name)), .revealing(.text(f.method), reveals: all),
                                             .plain(.number(f.times[k], significantDigits: 6)), rev(name, f.mean[k])]
                    for l in levels {
                        let iv = f.interval(at: l)
                        row += [rev(name, iv?.lower[k]), rev(name, iv?.upper[k])]
                    }
                    if !reconciled.isEmpty { row.append(rev(name, reconciled[name]?[k])) }
                    table.append(row)
                }
                models.append([.plain(.text(name)), .revealing(.text(f.method), reveals: all), rev(name, f.aicc),
                               .revealing(.text(f.warnings.joined(separator: "; ")), reveals: all)])
            } else {
                models.append([.plain(.text(name)), .plain(.text("none")), .plain(.missing),
                               .revealing(.text(failures[name] ?? ""), reveals: all)])
            }
        }
        if let r = spec.reconciliation {
            table.footnotes.append("Reconciled: \(r.method.rawValue)" + (r.fixedTop ? ", top level fixed" : "")
                                   + (shrinkage.map { ", shrinkage λ = \(fmt($0))" } ?? "")
                                   + "; intervals are the base models' (not reconciled); negative reconciled forecasts set to zero, then summed bottom-up.")
        }
        table.footnotes.append("Forecasts are model estimates. A series' forecasts are withheld when any of its historical counts is.")
        run.add(table)
        run.add(models)
        run.add(historyTable)

        // Backtest accuracy, pooled over series with no suppressed count.
        var backtestAccuracy: [(label: String, acc: [BacktestAccuracy], failures: Int)] = []
        var usedIDs: [CountID] = []
        if !backtests.isEmpty {
            let excluded = Set(series.filter { s in
                historyAreCounts && s.values.contains { v in v.map { policy.isEnabled && policy.isPrimarySuppressed(Int($0.rounded())) } ?? false }
            }.map(\.name))
            let used = series.filter { !excluded.contains($0.name) && aggregates[$0.name] == nil }
            // Pooled over many series an accuracy figure reveals no one count (ten or more: plain); over few (a
            // single series' MAE at one origin is |y − ŷ|) it reveals their histories.
            usedIDs = used.count >= Self.pooledSeriesWithoutReveal ? [] : used.flatMap { ids[$0.name] ?? [] }
            var bt = ResultTable(name: prefix + "backtest", title: "Rolling-origin backtest of \(valueLabel) (training from \(spec.backtest?.minimumTraining ?? 0) points)",
                                 columns: [Column("method", alignment: .left), Column("horizon"), Column("forecasts"), Column("MAE"),
                                           Column("MASE"), Column("RMSSE")]
                                    + levels.flatMap { [Column("coverage \(fmt($0))%"), Column("Winkler \(fmt($0))%")] })
            for b in backtests {
                let acc = ForecastBacktest.accuracy(b.records.filter { !excluded.contains($0.series) }, levels: levels)
                backtestAccuracy.append((b.label, acc, b.failures.count))
                for a in acc {
                    var row: [ResultCell] = [.plain(.text(b.label)), .plain(.integer(a.horizon)), .plain(.integer(a.count)),
                                             .revealing(.number(a.mae, significantDigits: 5), reveals: usedIDs),
                                             .revealing(.number(a.mase, significantDigits: 5), reveals: usedIDs),
                                             .revealing(.number(a.rmsse, significantDigits: 5), reveals: usedIDs)]
                    for j in levels.indices {
                        row += [.revealing(.number(a.coverage[j], significantDigits: 4), reveals: usedIDs),
                                .revealing(.number(a.winkler[j], significantDigits: 5), reveals: usedIDs)]
                    }
                    bt.append(row)
                }
                if !b.failures.isEmpty { bt.footnotes.append("\(b.label): \(b.failures.count) forecasts (series or origins) could not be made; first reason: \(b.failures[0].reason).") }
            }
            if !excluded.isEmpty {
                bt.footnotes.append("Left out of the backtest (a count withheld under disclosure control): "
                                    + excluded.sorted().joined(separator: ", ") + ".")
            }
            bt.footnotes.append("MASE and RMSSE are scaled by the training window's in-sample naive errors; coverage is the percent of outcomes inside the interval.")
            run.add(bt)
        }

        let snapshot = self
        let idsSnapshot = ids
        let usedSnapshot = usedIDs
        let accSnapshot = backtestAccuracy
        if setsJSON { run.json = { d in
            func withheld(_ name: String) -> Bool { d.isWithheld(.revealing(.number(0), reveals: idsSnapshot[name] ?? [])) }
            func num(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
            var items: [JSONValue] = []
            for s in snapshot.series {
                let name = s.name
                guard let f = snapshot.forecasts[name] else {
                    items.append(.object([("name", .string(name)), ("method", .null), ("aicc", .null), ("loglik", .null),
                                          ("parameters", .object([])),
                                          ("warnings", .array([.string(withheld(name) ? "not forecast" : (snapshot.failures[name] ?? ""))])),
                                          ("forecasts", .array([]))]))
                    continue
                }
                if withheld(name) {
                    items.append(.object([("name", .string(name)), ("method", .null), ("aicc", .null), ("loglik", .null),
                                          ("parameters", .object([])),
                                          ("warnings", .array([.string("withheld: a historical count of this series is withheld under disclosure control")])),
                                          ("forecasts", .null)]))
                    continue
                }
                let rows: [JSONValue] = (0..<f.horizon).map { k in
                    var o: [(String, JSONValue)] = [("time", .number(f.times[k])), ("mean", .number(f.mean[k]))]
                    for l in levels {
                        let iv = f.interval(at: l)
                        o += [("lower_\(fmt(l))", num(iv?.lower[k])), ("upper_\(fmt(l))", num(iv?.upper[k]))]
                    }
                    if let r = snapshot.reconciled[name] { o.append(("reconciled", .number(r[k]))) }
                    return .object(o)
                }
                items.append(.object([("name", .string(name)), ("method", .string(f.method)), ("aicc", num(f.aicc)),
                                      ("loglik", num(f.logLikelihood)),
                                      ("parameters", .object(f.parameters.map { ($0.name, .number($0.value)) })),
                                      ("warnings", .array(f.warnings.map { .string($0) })), ("forecasts", .array(rows))]))
            }
            var out: [(String, JSONValue)] = [("model", .string("forecast")), ("horizon", .number(Double(spec.horizon))),
                                              ("level", .array(levels.map { .number($0) })),
                                              ("specification", .string(spec.spec.label)), ("series", .array(items))]
            if let r = spec.reconciliation {
                out.append(("reconciliation", .object([("method", .string(r.method.rawValue)), ("fixed_top", .bool(r.fixedTop)),
                                                       ("shrinkage", num(snapshot.shrinkage)),
                                                       ("warnings", .array(snapshot.reconciliationWarnings.map { .string($0) }))])))
            }
            if !accSnapshot.isEmpty {
                let shown = !d.isWithheld(.revealing(.number(0), reveals: usedSnapshot))
                out.append(("backtest", .array(accSnapshot.map { b in
                    .object([("method", .string(b.label)), ("failed_origins", .number(Double(b.failures))),
                             ("horizons", shown ? .array(b.acc.map { a in
                                var o: [(String, JSONValue)] = [("horizon", .number(Double(a.horizon))), ("forecasts", .number(Double(a.count))),
                                                                ("mae", num(a.mae)), ("mase", num(a.mase)), ("rmsse", num(a.rmsse))]
                                for (j, l) in levels.enumerated() {
                                    o += [("coverage_\(fmt(l))", num(a.coverage[j])), ("winkler_\(fmt(l))", num(a.winkler[j]))]
                                }
                                return .object(o)
                             }) : .null)])
                })))
            }
            return .object(out)
        } }
        run.add(figure: RunOutput.Figure(name: prefix + "forecast") { d in
            FanChart.svg(result: snapshot, ids: idsSnapshot, levels: levels, valueLabel: valueLabel, decisions: d)
        })
        // The hierarchy's aggregates (regions, England) on their own, legible beside the many-LA small multiples.
        if !aggregates.isEmpty {
            let aggregateNames = Set(aggregates.keys)
            run.add(figure: RunOutput.Figure(name: prefix + "aggregates-forecast") { d in
                FanChart.svg(result: snapshot, ids: idsSnapshot, levels: levels, valueLabel: valueLabel + " (aggregates)",
                             only: aggregateNames, decisions: d)
            })
        }
    }
}

/// A level or number without a trailing ".0" (80, 95, 99.5).
func fmt(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
