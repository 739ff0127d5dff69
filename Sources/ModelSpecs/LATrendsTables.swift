public import Reporting

extension LATrendsResult {
    /// Adds one table per measure (periods as rows), then the common-set comparison, to a run. Totals are counts
    /// of people: each goes into the run's ledger, and a total that appears in several tables (a period's total,
    /// the common set's, the published comparison) is one count there, published once by the gate.
    /// Returns the ledger ids of the totals, keyed by quantity, for the published comparison.
    @discardableResult
    public func add(to run: inout RunOutput, analysis: LATrends) -> [PublishedFigure.Quantity: CountID] {
        var ids: [PublishedFigure.Quantity: CountID] = [:]
        func count(_ x: Double, _ label: String) -> ResultCell {
            guard x == x.rounded(), x >= 0, x < 1e15 else { return .plain(.number(x, significantDigits: 12)) }
            return .count(run.ledger.count(Int(x), role: .cell, label: label))
        }
        for m in analysis.measures {
            guard let rows = figures[m.label] else { continue }
            let per = NumberFormatting.human(m.per, significantDigits: 6)
            var t = ResultTable(
                name: "trend-\(m.label)",
                title: "\(m.label): \(m.numerator) per \(per) \(m.denominator), by \(analysis.period)",
                columns: [Column(analysis.period, key: "period"), Column("units reporting", key: "units_reporting"),
                          Column("units missing", key: "units_missing"), Column("total", key: "total"),
                          Column("pooled rate", key: "pooled_rate"), Column("median unit rate", key: "median_unit_rate"),
                          Column("lowest", key: "lowest_unit_rate"), Column("highest", key: "highest_unit_rate")])
            for r in rows {
                let total = count(r.totalNumerator, "\(m.label), total over units, \(r.period)")
                if case .count(let id) = total { ids[.total(measure: m.label, period: r.period)] = id }
                t.append([.plain(.integer(r.period)), .plain(.integer(r.unitsReporting)), .plain(.integer(r.unitsMissing)),
                          total, .plain(.number(r.pooledRate, significantDigits: 4)),
                          .plain(.number(r.medianUnitRate, significantDigits: 4)),
                          .plain(.number(r.minimumUnitRate, significantDigits: 4)),
                          .plain(.number(r.maximumUnitRate, significantDigits: 4))])
            }
            t.footnotes.append("Pooled rate = Σ \(m.numerator) / Σ \(m.denominator) × \(per) over the units reporting both; unit rates are per unit (\(analysis.unit)). Units missing either value are counted, not imputed.")
            run.add(t)
        }
        if let first = commonSet.first, let dep = analysis.deprivation {
            var t = ResultTable(
                name: "common-set",
                title: "Units reporting every measure and \(dep) in \(first.period): \(first.units) units",
                columns: [Column("measure", alignment: .left), Column("units"), Column("total"),
                          Column("pooled rate", key: "pooled_rate"), Column("lowest", key: "lowest_unit_rate"),
                          Column("highest", key: "highest_unit_rate"),
                          Column("Spearman rho with \(dep)", key: "spearman_rho")])
            for c in commonSet {
                let total = count(c.totalNumerator, "\(c.measure), total over the common set, \(c.period)")
                if case .count(let id) = total { ids[.commonSetTotal(measure: c.measure)] = id }
                t.append([.plain(.text(c.measure)), .plain(.integer(c.units)), total,
                          .plain(.number(c.pooledRate, significantDigits: 4)), .plain(.number(c.minimumUnitRate, significantDigits: 4)),
                          .plain(.number(c.maximumUnitRate, significantDigits: 4)),
                          .plain(c.rankCorrelation.map { .number($0, significantDigits: 3) } ?? .missing)])
            }
            t.footnotes.append("Spearman's rank correlation with mid-ranks for ties, as R's cor(method = \"spearman\").")
            run.add(t)
        }
        return ids
    }

    /// CareStat's value for a published quantity, if the analysis computed it (`counts`: the ledger ids of totals
    /// from ``add(to:analysis:)``).
    public func reproduce(_ quantity: PublishedFigure.Quantity, counts: [PublishedFigure.Quantity: CountID] = [:]) -> ReproducedFigure? {
        func row(_ measure: String, _ period: Int) -> PeriodRateFigures? { figures[measure]?.first { $0.period == period } }
        func common(_ measure: String) -> CommonSetFigures? { commonSet.first { $0.measure == measure } }
        let value: Double?
        switch quantity {
        case let .total(measure, period): value = row(measure, period)?.totalNumerator
        case let .unitsReporting(measure, period): value = row(measure, period).map { Double($0.unitsReporting) }
        case let .minimumRate(measure, period): value = row(measure, period)?.minimumUnitRate
        case let .maximumRate(measure, period): value = row(measure, period)?.maximumUnitRate
        case let .highestToLowestRate(measure, period):
            value = row(measure, period).flatMap { r in r.minimumPositiveUnitRate.map { r.maximumUnitRate / $0 } }
        case let .rate(measure, period): value = row(measure, period)?.pooledRate
        case .commonSetUnits: value = commonSet.first.map { Double($0.units) }
        case .commonSetTotal(let m): value = common(m)?.totalNumerator
        case .commonSetMinimumRate(let m): value = common(m)?.minimumUnitRate
        case .commonSetMaximumRate(let m): value = common(m)?.maximumUnitRate
        case .commonSetRankCorrelation(let m): value = common(m)?.rankCorrelation
        default: value = nil
        }
        return value.map { ReproducedFigure($0, count: counts[quantity]) }
    }
}

extension PublishedFigure.Quantity {
    /// A short description for the comparison table.
    public var label: String {
        switch self {
        case let .total(m, p): return "\(m): total, \(p)"
        case let .unitsReporting(m, p): return "\(m): units reporting, \(p)"
        case let .minimumRate(m, p): return "\(m): lowest unit rate, \(p)"
        case let .maximumRate(m, p): return "\(m): highest unit rate, \(p)"
        case let .highestToLowestRate(m, p): return "\(m): highest over lowest (non-zero) unit rate, \(p)"
        case .commonSetUnits: return "Units reporting every measure and the deprivation score"
        case .commonSetTotal(let m): return "\(m): total over those units"
        case .commonSetMinimumRate(let m): return "\(m): lowest rate over those units"
        case .commonSetMaximumRate(let m): return "\(m): highest rate over those units"
        case .commonSetRankCorrelation(let m): return "\(m): Spearman rho with deprivation"
        case let .rate(m, p): return "\(m): pooled rate, \(p)"
        case .hazardRatio(let term): return "hazard ratio, \(term)"
        case let .cumulativeIncidence(group, years):
            return "cumulative incidence at \(NumberFormatting.human(years, significantDigits: 4)) years (%)" + (group.map { ", \($0)" } ?? "")
        case let .oddsRatio(outcome, term): return "odds ratio of \(outcome.lowercased()), \(term)"
        case let .predictedProbability(outcome, level): return "predicted probability of \(outcome) (%), \(level)"
        case .count(let label): return label
        case .estimate(let label): return label + " (%)"
        case let .clusterShare(rank, group): return "share of the \(rank == 1 ? "largest" : "no. \(rank) by size") group (%), \(group)"
        }
    }
}

/// The published-versus-reproduced table: each published figure beside CareStat's estimate (its interval where
/// the analysis has one) rounded to the publication's precision, the difference, whether the published figure lies
/// inside CareStat's interval, and whether the two agree at the published precision. A count of people is
/// CareStat's count in the run's ledger, so the gate publishes it (and the difference, which reveals it) under the
/// same rule as every other output of the run.
public func publishedComparison(_ published: [PublishedFigure],
                                reproduce: (PublishedFigure.Quantity) -> ReproducedFigure?) -> ResultTable {
    var t = ResultTable(
        name: "published-comparison", title: "Published figures and CareStat's reproduction",
        columns: [Column("quantity", alignment: .left), Column("published"), Column("CareStat", key: "carestat"),
                  Column("95% CI low", key: "conf_low"), Column("95% CI high", key: "conf_high"),
                  Column("difference"), Column("published inside CI", key: "inside_ci", alignment: .left),
                  Column("agrees at published precision", key: "agrees", alignment: .left),
                  Column("source", alignment: .left)])
    for f in published {
        let scale = pow10(f.decimals)
        func rounded(_ x: Double) -> Double { (x * scale).rounded() / scale }
        guard let mine = reproduce(f.quantity) else {
            t.append([.plain(.text(f.quantity.label)), .plain(.number(f.value, significantDigits: 12)), .plain(.missing),
                      .plain(.missing), .plain(.missing), .plain(.missing), "", "not computed", .plain(.text(f.source))])
            continue
        }
        let reveals = (mine.count.map { [$0] } ?? []) + mine.reveals
        let estimate: ResultCell = mine.count.map { ResultCell.count($0) }
            ?? .revealing(.number(rounded(mine.estimate), significantDigits: 12), reveals: reveals)
        let inside: String = {
            guard let lo = mine.confLow, let hi = mine.confHigh else { return "" }
            return lo <= f.value && f.value <= hi ? "yes" : "no"
        }()
        let agrees = (mine.estimate * scale).rounded() == (f.value * scale).rounded()
        t.append([.plain(.text(f.quantity.label)), .plain(.number(f.value, significantDigits: 12)), estimate,
                  .revealing(mine.confLow.map { .number($0) } ?? .missing, reveals: reveals),
                  .revealing(mine.confHigh.map { .number($0) } ?? .missing, reveals: reveals),
                  .revealing(.number(mine.estimate - f.value, significantDigits: 4), reveals: reveals),
                  .revealing(.text(inside), reveals: reveals), .revealing(.text(agrees ? "yes" : "no"), reveals: reveals),
                  .plain(.text(f.source))])
    }
    return t
}

/// 10^k for a small integer k (negative for rounding to tens, hundreds, ...).
private func pow10(_ k: Int) -> Double {
    var x = 1.0
    for _ in 0..<abs(k) { x *= 10 }
    return k >= 0 ? x : 1 / x
}
