public import Reporting

extension LATrendsResult {
    /// One table per measure (periods as rows), then the deprivation gradients.
    public func tables(for analysis: LATrends) -> [Table] {
        var out: [Table] = []
        for m in analysis.measures {
            guard let rows = figures[m.label] else { continue }
            let per = NumberFormatting.human(m.per, significantDigits: 6)
            var t = Table(
                title: "\(m.label): \(m.numerator) per \(per) \(m.denominator), by \(analysis.period)",
                columns: [Column(analysis.period, key: "period"), Column("units reporting", key: "units_reporting"),
                          Column("units missing", key: "units_missing"), Column("total", key: "total"),
                          Column("pooled rate", key: "pooled_rate"), Column("median unit rate", key: "median_unit_rate"),
                          Column("lowest", key: "lowest_unit_rate"), Column("highest", key: "highest_unit_rate")])
            for r in rows {
                t.append([.integer(r.period), .integer(r.unitsReporting), .integer(r.unitsMissing),
                          .number(r.totalNumerator, significantDigits: 12), .number(r.pooledRate, significantDigits: 4),
                          .number(r.medianUnitRate, significantDigits: 4), .number(r.minimumUnitRate, significantDigits: 4),
                          .number(r.maximumUnitRate, significantDigits: 4)])
            }
            t.footnotes.append("Pooled rate = Σ \(m.numerator) / Σ \(m.denominator) × \(per) over the units reporting both; unit rates are per unit (\(analysis.unit)). Units missing either value are counted, not imputed.")
            out.append(t)
        }
        if !gradients.isEmpty, let dep = analysis.deprivation {
            var t = Table(title: "Rank correlation of unit rates with \(dep)",
                          columns: [Column("measure", alignment: .left), Column(analysis.period, key: "period"),
                                    Column("units"), Column("Spearman rho", key: "spearman_rho")])
            for g in gradients { t.append([.text(g.measure), .integer(g.period), .integer(g.units), .number(g.rho, significantDigits: 3)]) }
            out.append(t)
        }
        return out
    }

    /// CareStat's value for a published quantity, if the analysis computed it.
    public func value(of quantity: PublishedFigure.Quantity) -> Double? {
        func row(_ measure: String, _ period: Int) -> PeriodRateFigures? { figures[measure]?.first { $0.period == period } }
        switch quantity {
        case let .total(measure, period): return row(measure, period)?.totalNumerator
        case let .unitsReporting(measure, period): return row(measure, period).map { Double($0.unitsReporting) }
        case let .minimumRate(measure, period): return row(measure, period)?.minimumUnitRate
        case let .maximumRate(measure, period): return row(measure, period)?.maximumUnitRate
        case .rankCorrelationWithDeprivation(let measure): return gradients.first { $0.measure == measure }?.rho
        }
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
        case .rankCorrelationWithDeprivation(let m): return "\(m): Spearman rho with deprivation"
        }
    }
}

/// The published-versus-reproduced table: each published figure beside CareStat's value rounded to the
/// publication's precision, and whether they agree at that precision.
public func publishedComparison(_ published: [PublishedFigure], value: (PublishedFigure.Quantity) -> Double?) -> Table {
    var t = Table(title: "Published figures and CareStat's reproduction",
                  columns: [Column("quantity", alignment: .left), Column("published"), Column("CareStat", key: "carestat"),
                            Column("agrees at published precision", key: "agrees", alignment: .left),
                            Column("source", alignment: .left)])
    for f in published {
        let mine = value(f.quantity)
        let scale = pow10(f.decimals)
        let agrees = mine.map { ($0 * scale).rounded() == (f.value * scale).rounded() }
        t.append([.text(f.quantity.label), .number(f.value, significantDigits: 12),
                  mine.map { .number(($0 * scale).rounded() / scale, significantDigits: 12) } ?? .missing,
                  .text(agrees.map { $0 ? "yes" : "no" } ?? "not computed"), .text(f.source)])
    }
    return t
}

private func pow10(_ k: Int) -> Double {
    var x = 1.0
    for _ in 0..<max(0, k) { x *= 10 }
    return x
}
