public import Tabular

/// The figures of one measure in one period across units (see ``LATrends``).
public struct PeriodRateFigures: Sendable, Equatable {
    public let period: Int
    /// Units with numerator and denominator both present (and denominator > 0).
    public let unitsReporting: Int
    /// Units present in the period but missing the numerator or denominator.
    public let unitsMissing: Int
    public let totalNumerator: Double
    public let totalDenominator: Double
    /// Σ numerator / Σ denominator × per.
    public let pooledRate: Double
    public let medianUnitRate: Double
    public let minimumUnitRate: Double
    public let maximumUnitRate: Double
    /// The smallest unit rate above zero (nil when none is): the denominator of the highest-to-lowest ratio, as
    /// Bywaters (2015) compared LAs with children in the measure (a unit with none would make every ratio infinite).
    public var minimumPositiveUnitRate: Double? = nil
}

/// One measure's figures over the common set of units in the comparison period: the units reporting every measure
/// and the deprivation score, so that every figure of the set describes the same local authorities.
public struct CommonSetFigures: Sendable, Equatable {
    public let measure: String
    public let period: Int
    public let units: Int
    public let totalNumerator: Double
    public let pooledRate: Double
    public let minimumUnitRate: Double
    public let maximumUnitRate: Double
    /// Spearman's ρ of the unit rates with the deprivation score (nil with fewer than 3 units or no spread).
    public let rankCorrelation: Double?
}

/// The computed figures of an ``LATrends`` analysis.
public struct LATrendsResult: Sendable, Equatable {
    public let figures: [String: [PeriodRateFigures]]
    /// Empty unless the analysis names a deprivation score and a comparison period.
    public let commonSet: [CommonSetFigures]
}

extension LATrends {
    /// Computes every measure's figures per period, and the deprivation gradients. Rows whose period is missing
    /// or not a whole number are an error (a panel must say which year a row belongs to).
    public func compute(on frame: DataFrame) throws -> LATrendsResult {
        let periodColumn = try frame.requireColumn(period)
        _ = try frame.requireColumn(unit)
        var periods = [Int](repeating: 0, count: frame.rowCount)
        for i in 0..<frame.rowCount {
            guard let p = periodColumn.numericValue(at: i), p == p.rounded(), abs(p) < 1e9 else {
                throw SpecError.badData("column \(period), row \(i + 1): period \(periodColumn.stringValue(at: i) ?? "NA") is not a whole number")
            }
            periods[i] = Int(p)
        }
        let distinctPeriods = Array(Set(periods)).sorted()
        let deprivationColumn = try deprivation.map { name throws(TabularError) in try frame.requireColumn(name) }
        // The file is read with non-finite numbers kept (SpecRunner), so one Inf in a column this analysis does not
        // use stops nothing; in a column it uses, it is an error, never a value.
        for name in measures.flatMap({ [$0.numerator, $0.denominator] }) + (deprivation.map { [$0] } ?? []) {
            let column = try frame.requireColumn(name)
            for i in 0..<frame.rowCount {
                if let v = column.numericValue(at: i), !v.isFinite {
                    throw SpecError.badData("column \(name), row \(i + 1): \(v) is not a finite number")
                }
            }
        }

        var figures: [String: [PeriodRateFigures]] = [:]
        for m in measures {
            let num = try frame.requireColumn(m.numerator), den = try frame.requireColumn(m.denominator)
            var perPeriod: [PeriodRateFigures] = []
            for p in distinctPeriods {
                var rates: [Double] = [], sn = 0.0, sd = 0.0, missing = 0
                for i in 0..<frame.rowCount where periods[i] == p {
                    guard let a = num.numericValue(at: i), let b = den.numericValue(at: i), b > 0 else { missing += 1; continue }
                    sn += a; sd += b
                    rates.append(a / b * m.per)
                }
                rates.sort()
                let median = rates.isEmpty ? Double.nan
                    : (rates.count % 2 == 1 ? rates[rates.count / 2] : (rates[rates.count / 2 - 1] + rates[rates.count / 2]) / 2)
                perPeriod.append(PeriodRateFigures(
                    period: p, unitsReporting: rates.count, unitsMissing: missing, totalNumerator: sn,
                    totalDenominator: sd, pooledRate: sd > 0 ? sn / sd * m.per : .nan, medianUnitRate: median,
                    minimumUnitRate: rates.first ?? .nan, maximumUnitRate: rates.last ?? .nan,
                    minimumPositiveUnitRate: rates.first { $0 > 0 }))
            }
            figures[m.label] = perPeriod
        }
        var commonSet: [CommonSetFigures] = []
        if let dep = deprivationColumn, let cp = correlationPeriod {
            let columns = try measures.map { m throws(TabularError) in (try frame.requireColumn(m.numerator), try frame.requireColumn(m.denominator)) }
            let rows = (0..<frame.rowCount).filter { i in
                periods[i] == cp && dep.numericValue(at: i) != nil
                    && columns.allSatisfy { c in c.0.numericValue(at: i) != nil && (c.1.numericValue(at: i) ?? 0) > 0 }
            }
            for (m, c) in zip(measures, columns) {
                var rates: [Double] = [], scores: [Double] = [], sn = 0.0, sd = 0.0
                for i in rows {
                    let a = c.0.numericValue(at: i)!, b = c.1.numericValue(at: i)!
                    sn += a; sd += b
                    rates.append(a / b * m.per)
                    scores.append(dep.numericValue(at: i)!)
                }
                commonSet.append(CommonSetFigures(
                    measure: m.label, period: cp, units: rows.count, totalNumerator: sn,
                    pooledRate: sd > 0 ? sn / sd * m.per : .nan, minimumUnitRate: rates.min() ?? .nan,
                    maximumUnitRate: rates.max() ?? .nan, rankCorrelation: spearmanCorrelation(rates, scores)))
            }
        }
        return LATrendsResult(figures: figures, commonSet: commonSet)
    }
}
