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
}

/// Spearman's ρ of unit rates with deprivation in the correlation period, and the number of units in it.
public struct DeprivationGradient: Sendable, Equatable {
    public let measure: String
    public let period: Int
    public let rho: Double
    public let units: Int
}

/// The computed figures of an ``LATrends`` analysis.
public struct LATrendsResult: Sendable, Equatable {
    public let figures: [String: [PeriodRateFigures]]
    public let gradients: [DeprivationGradient]
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

        var figures: [String: [PeriodRateFigures]] = [:]
        var gradients: [DeprivationGradient] = []
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
                    minimumUnitRate: rates.first ?? .nan, maximumUnitRate: rates.last ?? .nan))
            }
            figures[m.label] = perPeriod
            if let dep = deprivationColumn, let cp = correlationPeriod {
                var xs: [Double] = [], ys: [Double] = []
                for i in 0..<frame.rowCount where periods[i] == cp {
                    guard let a = num.numericValue(at: i), let b = den.numericValue(at: i), b > 0,
                          let d = dep.numericValue(at: i) else { continue }
                    xs.append(a / b * m.per); ys.append(d)
                }
                if let rho = spearmanCorrelation(xs, ys) {
                    gradients.append(DeprivationGradient(measure: m.label, period: cp, rho: rho, units: xs.count))
                }
            }
        }
        return LATrendsResult(figures: figures, gradients: gradients)
    }
}

/// Errors from running a spec.
public enum SpecError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSpec(String, suggestion: String?)
    case dataNotFound(String)
    case badData(String)

    public var description: String {
        switch self {
        case let .unknownSpec(name, s): return "no model spec named \(name)" + (s.map { "; did you mean \($0)?" } ?? "") + " (run 'carestat models' for the list)"
        case .dataNotFound(let what): return what
        case .badData(let what): return what
        }
    }
}
