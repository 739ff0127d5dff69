public import Reporting

extension LATrendsResult {
    /// One table per measure (periods as rows), then the common-set comparison. Totals are counts of people, so
    /// they go through `policy` (primary suppression below the threshold and optional rounding; these tables
    /// publish no margins from which a suppressed total could be recovered, so no secondary suppression is needed).
    public func tables(for analysis: LATrends, policy: DisclosurePolicy = .standard) -> [Table] {
        func count(_ x: Double) -> Cell {
            guard x == x.rounded(), abs(x) < 1e15 else { return .number(x, significantDigits: 12) }
            let n = Int(x)
            return policy.isPrimarySuppressed(n) ? .suppressed(marker: policy.marker) : .integer(policy.published(n))
        }
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
                          count(r.totalNumerator), .number(r.pooledRate, significantDigits: 4),
                          .number(r.medianUnitRate, significantDigits: 4), .number(r.minimumUnitRate, significantDigits: 4),
                          .number(r.maximumUnitRate, significantDigits: 4)])
            }
            t.footnotes.append(policy.footnote(secondaryApplies: false))
            t.footnotes.append("Pooled rate = Σ \(m.numerator) / Σ \(m.denominator) × \(per) over the units reporting both; unit rates are per unit (\(analysis.unit)). Units missing either value are counted, not imputed.")
            out.append(t)
        }
        if let first = commonSet.first, let dep = analysis.deprivation {
            var t = Table(title: "Units reporting every measure and \(dep) in \(first.period): \(first.units) units",
                          columns: [Column("measure", alignment: .left), Column("units"), Column("total"),
                                    Column("pooled rate", key: "pooled_rate"), Column("lowest", key: "lowest_unit_rate"),
                                    Column("highest", key: "highest_unit_rate"),
                                    Column("Spearman rho with \(dep)", key: "spearman_rho")])
            for c in commonSet {
                t.append([.text(c.measure), .integer(c.units), count(c.totalNumerator),
                          .number(c.pooledRate, significantDigits: 4), .number(c.minimumUnitRate, significantDigits: 4),
                          .number(c.maximumUnitRate, significantDigits: 4),
                          c.rankCorrelation.map { .number($0, significantDigits: 3) } ?? .missing])
            }
            t.footnotes.append(policy.footnote(secondaryApplies: false))
            t.footnotes.append("Spearman's rank correlation with mid-ranks for ties, as R's cor(method = \"spearman\").")
            out.append(t)
        }
        return out
    }

    /// CareStat's value for a published quantity, if the analysis computed it.
    public func value(of quantity: PublishedFigure.Quantity) -> Double? {
        func row(_ measure: String, _ period: Int) -> PeriodRateFigures? { figures[measure]?.first { $0.period == period } }
        func common(_ measure: String) -> CommonSetFigures? { commonSet.first { $0.measure == measure } }
        switch quantity {
        case let .total(measure, period): return row(measure, period)?.totalNumerator
        case let .unitsReporting(measure, period): return row(measure, period).map { Double($0.unitsReporting) }
        case let .minimumRate(measure, period): return row(measure, period)?.minimumUnitRate
        case let .maximumRate(measure, period): return row(measure, period)?.maximumUnitRate
        case .commonSetUnits: return commonSet.first.map { Double($0.units) }
        case .commonSetTotal(let m): return common(m)?.totalNumerator
        case .commonSetMinimumRate(let m): return common(m)?.minimumUnitRate
        case .commonSetMaximumRate(let m): return common(m)?.maximumUnitRate
        case .commonSetRankCorrelation(let m): return common(m)?.rankCorrelation
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
        case .commonSetUnits: return "Units reporting every measure and the deprivation score"
        case .commonSetTotal(let m): return "\(m): total over those units"
        case .commonSetMinimumRate(let m): return "\(m): lowest rate over those units"
        case .commonSetMaximumRate(let m): return "\(m): highest rate over those units"
        case .commonSetRankCorrelation(let m): return "\(m): Spearman rho with deprivation"
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

/// 10^k for a small integer k (negative for rounding to tens, hundreds, ...).
private func pow10(_ k: Int) -> Double {
    var x = 1.0
    for _ in 0..<abs(k) { x *= 10 }
    return k >= 0 ? x : 1 / x
}
