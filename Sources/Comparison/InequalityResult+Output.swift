public import Reporting
import Foundation

extension InequalityResult {
    /// One computed summary with its label (a year, a measure).
    public struct Labelled: Sendable {
        public var measure: String
        public var period: String
        public var result: InequalityResult
        public init(measure: String, period: String, result: InequalityResult) {
            self.measure = measure
            self.period = period
            self.result = result
        }
    }

    /// Tables `inequality` (one row per measure and period: most/least deprived ratio, top/bottom decile ratio,
    /// highest/lowest ratio, RII and SII with intervals) and `deciles` (decile rates of each measure and period),
    /// and an SVG of the RII over the periods.
    ///
    /// Disclosure: every unit's count is a count of people (never shown); each decile's total is related to its
    /// units' counts and revealed by the decile rate; the extreme ratio reveals the two units' counts; the
    /// highest/lowest ratio the counts of the units it compares; RII, SII and their intervals reveal the total and
    /// the decile totals (see ``add(_:to:unitLabel:policy:existingCounts:)`` for runs that show the unit counts).
    public static func output(_ items: [Labelled], population: String, unitLabel: String, policy: DisclosurePolicy) -> RunOutput {
        var run = RunOutput(population: population)
        add(items, to: &run, unitLabel: unitLabel, policy: policy)
        return run
    }

    /// Adds the tables and figure to an existing run. `existingCounts[k]` maps unit names to the ids of item `k`'s
    /// counts already in the run's ledger (the same counts shown by a funnel), so each count is decided once.
    public static func add(_ items: [Labelled], to run: inout RunOutput, unitLabel: String, policy: DisclosurePolicy,
                           existingCounts: [[String: CountID]]? = nil) {
        struct IDs { var units: [CountID]; var deciles: [CountID]; var total: CountID }
        var ids: [IDs] = []
        for it in items {
            let r = it.result
            let k = ids.count
            let u = r.units.map { unit in
                existingCounts?[k][unit.name] ?? run.ledger.count(unit.count, role: .events, label: "\(it.measure) \(it.period) \(unit.name)")
            }
            let n = r.units.count
            var deciles: [CountID] = []
            for d in 0..<10 {
                let members = (0..<n).filter { (10 * $0) / n == d }
                let t = run.ledger.count(members.reduce(0) { $0 + r.units[$1].count }, role: .events,
                                         label: "\(it.measure) \(it.period) decile \(d + 1)")
                run.ledger.relate(total: t, parts: members.map { u[$0] })
                deciles.append(t)
            }
            let all = run.ledger.count(r.units.reduce(0) { $0 + $1.count }, role: .events, label: "\(it.measure) \(it.period) all")
            run.ledger.relate(total: all, parts: deciles)
            ids.append(IDs(units: u, deciles: deciles, total: all))
        }
        let pre = DisclosureGate(policy: policy).decide(run.ledger)
        let withheld: [CountID] = ids.flatMap(\.units).first(where: { !pre.isExact($0) }).map { [$0] } ?? []
        func num(_ x: Double, _ dg: Int = 4) -> Cell { x.isFinite ? .number(x, significantDigits: dg) : .missing }
        let lv = items.first.map { $0.result.level == $0.result.level.rounded() ? String(Int($0.result.level)) : String($0.result.level) } ?? "95"

        var table = ResultTable(name: "inequality", title: "Inequality by deprivation",
                                columns: [Column("measure", key: "measure", alignment: .left), Column("period", key: "period", alignment: .left),
                                          Column("units", key: "units"),
                                          Column("most/least deprived \(unitLabel)", key: "extreme_ratio"),
                                          Column("top/bottom decile", key: "decile_ratio"),
                                          Column("highest/lowest rate", key: "highest_to_lowest"),
                                          Column("RII", key: "rii"), Column("RII \(lv)% low", key: "rii_low"), Column("RII \(lv)% high", key: "rii_high"),
                                          Column("SII", key: "sii"), Column("SII \(lv)% low", key: "sii_low"), Column("SII \(lv)% high", key: "sii_high")])
        var deciles = ResultTable(name: "deciles", title: "Rates by decile of deprivation (1 = least deprived)",
                                  columns: [Column("measure", key: "measure", alignment: .left), Column("period", key: "period", alignment: .left)]
                                      + (1...10).map { Column("D\($0)", key: "d\($0)") })
        var riiCells: [(String, String, ResultCell, ResultCell, ResultCell)] = []
        for (k, it) in items.enumerated() {
            let r = it.result
            let n = r.units.count
            // RII and SII: the fit's score equations give the total (Σy = Σμ for the Poisson) and the ridit-weighted
            // sum of the counts. Where the units' counts are shown elsewhere in the run (a funnel), those two
            // equations with the shown counts could solve for two withheld ones: the indices then reveal every count
            // (and are withheld with any). Here the unit counts are never shown, only decile totals: the indices
            // reveal the total and the decile totals, which cannot isolate a unit.
            let all = existingCounts != nil ? ids[k].units + withheld : [ids[k].total] + ids[k].deciles
            let dr = ids[k].deciles
            let rates = r.units.map { $0.count > 0 ? Double($0.count) / $0.population : .nan }
            let withEvents = rates.indices.filter { !rates[$0].isNaN }
            let hi = withEvents.max { rates[$0] < rates[$1] } ?? 0, lo = withEvents.min { rates[$0] < rates[$1] } ?? 0
            let rii: ResultCell = .revealing(num(r.rii), reveals: all)
            let riiL: ResultCell = .revealing(num(r.riiInterval.low), reveals: all)
            let riiH: ResultCell = .revealing(num(r.riiInterval.high), reveals: all)
            riiCells.append((it.measure, it.period, rii, riiL, riiH))
            table.append([.plain(.text(it.measure)), .plain(.text(it.period)), .plain(.integer(n)),
                          .revealing(num(r.extremeRatio), reveals: [ids[k].units[n - 1], ids[k].units[0]]),
                          .revealing(num(r.decileRatio), reveals: [dr[9], dr[0]]),
                          .revealing(num(r.highestToLowest), reveals: [ids[k].units[hi], ids[k].units[lo]]),
                          rii, riiL, riiH,
                          .revealing(num(r.sii), reveals: all), .revealing(num(r.siiInterval.low), reveals: all),
                          .revealing(num(r.siiInterval.high), reveals: all)])
            deciles.append([.plain(.text(it.measure)), .plain(.text(it.period))]
                           + (0..<10).map { .revealing(num(r.decileRates[$0]), reveals: [dr[$0]]) })
        }
        if let f = items.first?.result {
            table.footnotes = [
                "Rates per \(Int(f.per)). Units ordered by deprivation (least deprived first); most/least deprived = the units with the highest/lowest score; deciles are equal-count deciles of units.",
                "RII = exp(β), SII = per·(exp(α + β) − exp(α)) from \(f.family == .poisson ? "a Poisson GLM (glm)" : "a negative-binomial GLM (MASS::glm.nb)") of count ~ ridit + offset(log(population)); ridit = population-weighted cumulative rank of deprivation. Wald \(lv)% intervals (delta method for SII).",
                "Highest/lowest rate: the ratio of the highest unit rate to the lowest among units with at least one event, whatever their deprivation (seed 001's 8:1 and 13:1 are this ratio at 31 March 2012).",
            ]
        }
        run.add(table)
        run.add(deciles)
        let riiSeries = riiCells
        run.add(figure: RunOutput.Figure(name: "inequality") { d in
            var layers: [ChartLayer] = []
            for (m, measure) in Array(Set(riiSeries.map { $0.0 })).sorted().enumerated() {
                var x: [Double] = [], y: [Double] = [], lo: [Double] = [], hi: [Double] = []
                for c in riiSeries where c.0 == measure {
                    guard let p = Double(c.1), let v = d.resolve(c.2).numericValue, let l = d.resolve(c.3).numericValue,
                          let h = d.resolve(c.4).numericValue else { continue }
                    x.append(p); y.append(v); lo.append(l); hi.append(h)
                }
                layers.append(ChartLayer(.errorBars(x: x, lower: lo, upper: hi), color: ChartPalette.color(m)))
                layers.append(ChartLayer(.line(x: x, y: y), label: "RII \(measure)", color: ChartPalette.color(m)))
                layers.append(ChartLayer(.points(x: x, y: y), color: ChartPalette.color(m)))
            }
            var chart = Chart(title: "Relative index of inequality", xAxis: ChartAxis("period"), yAxis: ChartAxis("RII"), layers: layers)
            chart.footnotes = ["RII: the rate at the most deprived extreme over the rate at the least deprived, with \(lv)% intervals."]
            return chart.svg()
        })
    }
}
