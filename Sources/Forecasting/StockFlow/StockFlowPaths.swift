/// The Monte Carlo paths of a stock–flow projection: the stock by placement group at months 0...horizon of every
/// path, and the summaries drawn from them (quantile intervals, spend).
public struct StockFlowPaths: Sendable, Equatable {
    public let horizonMonths: Int
    public let paths: Int
    /// [(path × (horizon + 1) + month) × groups + group].
    public let stock: [Int32]

    /// A series of the projection: one placement group or the total.
    public enum Series: Sendable, Hashable {
        case total
        case group(StockFlowPlacement)

        public var name: String {
            switch self {
            case .total: "total"
            case .group(let g): g.name
            }
        }

        /// Total, then the groups in order.
        public static let all: [Series] = [.total] + StockFlowPlacement.allCases.map { .group($0) }
    }

    /// The series' value at `month` on every path.
    public func values(_ series: Series, month: Int) -> [Double] {
        let G = StockFlowStates.groups, stride = (horizonMonths + 1) * G
        return (0..<paths).map { p in
            let base = p * stride + month * G
            switch series {
            case .total: return Double((0..<G).reduce(0) { $0 + Int(stock[base + $1]) })
            case .group(let g): return Double(stock[base + g.rawValue])
            }
        }
    }

    /// The mean and the central intervals at `levels` (e.g. 0.8, 0.95) of a series at `month`.
    public func summary(_ series: Series, month: Int, levels: [Double] = [0.8, 0.95]) -> StockFlowInterval {
        summarise(values(series, month: month), levels: levels)
    }

    /// Projected spend on each projection year (months 12(y−1)+1 ... 12y, each month's end-of-month stock standing
    /// for the month), per path: Σ stock × weekly cost × 365.2425/7/12 weeks. Years are whole: a horizon that is
    /// not a whole number of years leaves the last part out.
    public func annualSpend(weeklyCosts: [Double]) -> [[Double]] {
        let G = StockFlowStates.groups, stride = (horizonMonths + 1) * G
        let weeksPerMonth = 365.2425 / 7 / 12
        let years = horizonMonths / 12
        return (0..<years).map { y in
            (0..<paths).map { p in
                var total = 0.0
                for m in (12 * y + 1)...(12 * y + 12) {
                    for g in 0..<G { total += Double(stock[p * stride + m * G + g]) * weeklyCosts[g] }
                }
                return total * weeksPerMonth
            }
        }
    }
}

/// A projected value's mean, median and central intervals.
public struct StockFlowInterval: Sendable, Equatable {
    public var mean: Double
    public var median: Double
    /// (level, lower, upper) for each level asked for.
    public var intervals: [(level: Double, lower: Double, upper: Double)]

    public static func == (a: StockFlowInterval, b: StockFlowInterval) -> Bool {
        a.mean == b.mean && a.median == b.median && a.intervals.count == b.intervals.count
            && zip(a.intervals, b.intervals).allSatisfy { $0.level == $1.level && $0.lower == $1.lower && $0.upper == $1.upper }
    }

    /// The interval at `level` (nil when not computed).
    public func interval(_ level: Double) -> (lower: Double, upper: Double)? {
        intervals.first { abs($0.level - level) < 1e-12 }.map { ($0.lower, $0.upper) }
    }
}

/// Mean, median and central quantile intervals of Monte Carlo values (quantiles as R's type 7).
public func summarise(_ xs: [Double], levels: [Double]) -> StockFlowInterval {
    let v = xs.sorted()
    func q(_ p: Double) -> Double {
        guard !v.isEmpty else { return .nan }
        let h = Double(v.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, v.count - 1)
        return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
    }
    let mean = v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
    return StockFlowInterval(mean: mean, median: q(0.5),
                             intervals: levels.map { ($0, q((1 - $0) / 2), q(1 - (1 - $0) / 2)) })
}
