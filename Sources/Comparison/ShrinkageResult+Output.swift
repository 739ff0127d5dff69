public import Reporting
import Foundation

/// How the multilevel view's outputs go through the disclosure gate.
///
/// - Each unit's observed count is a count of people (`.count`), and so is its denominator when every denominator
///   is a whole number (children); the totals are related to them so no unit is recovered by differencing.
/// - The unit's own rate reveals its count and denominator.
/// - The conditional mode, its SD, the shrunken estimate, its interval and the relative effect depend on the unit's
///   own count and, through β and the variance, on every other count: each reveals the unit's count and denominator
///   and — decided once with the run's policy, as for the funnel's overdispersion — the first withheld count of the
///   run, if any (so with any count withheld, every shrunken value is withheld with it).
/// - Ranks (simulated intervals and simultaneous sets) are positions in an order, not values: published, as the
///   funnel's verdicts are.
extension ShrinkageResult {
    /// Rank summaries to show beside the estimates (either may be nil).
    public struct Ranks: Sendable {
        public var simulated: [(median: Double, low: Double, high: Double)]?
        public var simultaneous: [(lower: Int, upper: Int)]?
        public var draws: Int
        public var seed: UInt64
        public var coverage: Double
        public init(simulated: [(median: Double, low: Double, high: Double)]?, simultaneous: [(lower: Int, upper: Int)]?,
                    draws: Int, seed: UInt64, coverage: Double) {
            self.simulated = simulated
            self.simultaneous = simultaneous
            self.draws = draws
            self.seed = seed
            self.coverage = coverage
        }
    }

    /// The shrinkage table (JSON key `shrinkage`), the model summary table, and the caterpillar plot named
    /// `figureName`, in a run of their own.
    public func output(population: String, unitLabel: String, observedLabel: String, denominatorLabel: String,
                       ranks: Ranks?, policy: DisclosurePolicy, figureName: String = "caterpillar") -> RunOutput {
        var run = RunOutput(population: population)
        add(to: &run, unitLabel: unitLabel, observedLabel: observedLabel, denominatorLabel: denominatorLabel,
            ranks: ranks, policy: policy, figureName: figureName)
        return run
    }

    /// Adds the outputs to `run`. When the units' counts are already in the run's ledger (a funnel of the same
    /// units), pass their ids (`observedIDs`, and `denominatorIDs` where the denominators are counts) so that each
    /// count is decided once; otherwise they are added, with their totals related.
    public func add(to run: inout RunOutput, unitLabel: String, observedLabel: String, denominatorLabel: String,
                    ranks: Ranks?, policy: DisclosurePolicy, figureName: String = "caterpillar",
                    observedIDs: [CountID]? = nil, denominatorIDs: [CountID?]? = nil, tablePrefix: String = "") {
        let obs: [CountID]
        var den = [CountID?](repeating: nil, count: units.count)
        if let given = observedIDs {
            obs = given
            den = denominatorIDs ?? den
        } else {
            obs = units.map { run.ledger.count($0.observed, role: .events, label: "\($0.unit): \(observedLabel)") }
            let total = run.ledger.count(units.reduce(0) { $0 + $1.observed }, role: .events, label: "all units: \(observedLabel)")
            run.ledger.relate(total: total, parts: obs)
            if units.allSatisfy({ $0.denominator == $0.denominator.rounded() && $0.denominator < 1e15 }) {
                let ids = units.map { run.ledger.count(Int($0.denominator), role: .rowsUsed, label: "\($0.unit): \(denominatorLabel)") }
                let t = run.ledger.count(units.reduce(0) { $0 + Int($1.denominator) }, role: .rowsUsed, label: "all units: \(denominatorLabel)")
                run.ledger.relate(total: t, parts: ids)
                den = ids
            }
        }
        let pre = DisclosureGate(policy: policy).decide(run.ledger)
        let anyWithheld: [CountID] = obs.first(where: { !pre.isExact($0) }).map { [$0] } ?? []
        func num(_ x: Double, _ digits: Int = 5) -> Cell { x.isFinite ? .number(x, significantDigits: digits) : .missing }
        let own = units.indices.map { [obs[$0]] + (den[$0].map { [$0] } ?? []) }
        let model = units.indices.map { own[$0] + anyWithheld }
        let poisson = spec.family == .poisson
        let scaleName = poisson ? "rate per \(Int(spec.per))" : "proportion"
        let lv = spec.level == spec.level.rounded() ? String(Int(spec.level)) : String(spec.level)

        var columns = [Column(unitLabel, key: "unit", alignment: .left), Column(observedLabel, key: "observed"),
                       Column(denominatorLabel, key: "denominator"), Column("raw \(scaleName)", key: "raw"),
                       Column("shrunken", key: "shrunken"), Column("\(lv)% low", key: "low"), Column("\(lv)% high", key: "high"),
                       Column(poisson ? "rate ratio" : "odds ratio", key: "relative"), Column("mode", key: "mode"),
                       Column("cond. SD", key: "conditional_sd")]
        if ranks?.simulated != nil {
            columns += [Column("rank (median)", key: "rank_median"), Column("rank low", key: "rank_low"), Column("rank high", key: "rank_high")]
        }
        if ranks?.simultaneous != nil {
            columns += [Column("rank set low", key: "rank_set_low"), Column("rank set high", key: "rank_set_high")]
        }
        var table = ResultTable(name: tablePrefix + "shrinkage", title: "Shrunken estimates\(tablePrefix.isEmpty ? "" : " of \(observedLabel)") by \(unitLabel) (GLMM conditional modes)", columns: columns)
        var shrunkenCells: [ResultCell] = [], lowCells: [ResultCell] = [], highCells: [ResultCell] = []
        for (i, u) in units.enumerated() {
            let sc: ResultCell = .revealing(num(u.shrunken), reveals: model[i])
            let lc: ResultCell = .revealing(num(u.interval.low), reveals: model[i])
            let hc: ResultCell = .revealing(num(u.interval.high), reveals: model[i])
            shrunkenCells.append(sc); lowCells.append(lc); highCells.append(hc)
            var row: [ResultCell] = [.plain(.text(u.unit)), .count(obs[i]),
                                     den[i].map { .count($0) } ?? .plain(num(u.denominator, 7)),
                                     .revealing(num(u.raw), reveals: own[i]), sc, lc, hc,
                                     .revealing(num(u.relative, 4), reveals: model[i]),
                                     .revealing(num(u.mode, 4), reveals: model[i]),
                                     .revealing(num(u.conditionalSD, 4), reveals: model[i])]
            if let s = ranks?.simulated {
                row += [.plain(num(s[i].median, 4)), .plain(num(s[i].low, 4)), .plain(num(s[i].high, 4))]
            }
            if let s = ranks?.simultaneous { row += [.plain(.integer(s[i].lower)), .plain(.integer(s[i].upper))] }
            table.append(row)
        }
        table.footnotes = [
            poisson ? "Poisson GLMM: observed ~ covariates + offset(log(denominator)) + (1 | unit), Laplace (lme4::glmer)."
                    : "Binomial GLMM: cbind(observed, denominator − observed) ~ covariates + (1 | unit), Laplace (lme4::glmer).",
            "Shrunken = g⁻¹(xβ + b) with b the conditional mode; intervals b ± z·(conditional SD), conditional on β and the variance (lme4's condVar).",
            (poisson ? "Rate ratio" : "Odds ratio") + " = exp(b): the unit against one like it on the covariates.",
        ]
        if let r = ranks {
            if r.simulated != nil {
                table.footnotes.append("Rank 1 = highest effect b. Rank intervals: \(r.draws) draws of every b from N(mode, cond. SD²), seed \(r.seed); central \(lv)% of each unit's ranks (marginal).")
            }
            if r.simultaneous != nil {
                table.footnotes.append("Rank sets: simultaneous \(Int((r.coverage * 100).rounded()))% confidence sets for all ranks at once (Mogstad, Romano, Shaikh & Wilhelm 2023, stepdown, parametric bootstrap with \(r.draws) draws, seed \(r.seed)), from the modes and conditional SDs.")
            }
        }
        if isSingular { table.footnotes.append("The fit is singular: the between-unit SD is estimated at 0, so every unit is shrunk to the model's prediction.") }
        run.add(table)

        var summary = ResultTable(name: tablePrefix + "shrinkage_model", title: "Multilevel model\(tablePrefix.isEmpty ? "" : " of \(observedLabel)")",
                                  columns: [Column("quantity", key: "quantity", alignment: .left), Column("value", key: "value")])
        let all: [CountID] = obs + anyWithheld
        for f in fixedEffects { summary.append([.plain(.text("β \(f.term)")), .revealing(num(f.estimate), reveals: all)]) }
        summary.append([.plain("between-unit SD"), .revealing(num(randomInterceptSD), reveals: all)])
        run.add(summary)

        let snapshot = units
        let cells = (shrunken: shrunkenCells, low: lowCells, high: highCells)
        let title = "Shrunken \(scaleName) by \(unitLabel)"
        run.add(figure: RunOutput.Figure(name: figureName) { d in
            var pts: [(y: Double, lo: Double, hi: Double, name: String)] = []
            var omitted = false
            for i in snapshot.indices {
                guard let y = d.resolve(cells.shrunken[i]).numericValue, let lo = d.resolve(cells.low[i]).numericValue,
                      let hi = d.resolve(cells.high[i]).numericValue else { omitted = true; continue }
                pts.append((y, lo, hi, snapshot[i].unit))
            }
            pts.sort { $0.y < $1.y }
            let x = pts.indices.map { Double($0 + 1) }
            var layers = [ChartLayer(.errorBars(x: x, lower: pts.map(\.lo), upper: pts.map(\.hi)), label: "\(lv)% interval", color: ChartPalette.color(1)),
                          ChartLayer(.points(x: x, y: pts.map(\.y)), label: "shrunken estimate", color: ChartPalette.color(0))]
            if pts.count <= 40 {
                for (k, p) in pts.enumerated() { layers.append(ChartLayer(.text(x: x[k], y: p.hi, text: p.name, anchor: .start), color: "#222222")) }
            }
            var chart = Chart(title: title, xAxis: ChartAxis("units ordered by shrunken estimate"), yAxis: ChartAxis(scaleName), layers: layers)
            chart.footnotes = ["Caterpillar plot: each unit's shrunken estimate with its interval, in order."]
                + (omitted ? ["Units whose values would reveal a withheld count are not plotted."] : [])
            return chart.svg()
        })
    }
}
