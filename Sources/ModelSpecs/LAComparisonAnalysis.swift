import Comparison
public import Reporting
public import Tabular
import Foundation

/// Comparing local authorities adjusted for deprivation in one year of the LA panel (issue 14's spec): for each
/// measure, expected counts from a Poisson GLM of the LA counts on the deprivation score with offset
/// log(population) (``DeprivationAdjustment``), the funnel of O/E ratios with negative-binomial predictive limits
/// (the LA counts vary well beyond Poisson chance), its outlier and method-sensitivity tables, the Poisson GLMM
/// shrunken rates with rank intervals and simultaneous rank sets, and the inequality summaries of the year.
///
/// The units are the LAs with every measure, the population and the score present in the year (one common set,
/// so every table describes the same LAs); the others are named in a note.
public struct LAComparison: Sendable, Equatable {
    public let period: String
    /// The year compared; nil: the latest in the data.
    public let year: Int?
    public let unit: String
    public let population: String
    public let deprivation: String
    public let measures: [RateMeasure]
    public let rankDraws: Int
    public let seed: UInt64

    public init(period: String, year: Int? = nil, unit: String, population: String, deprivation: String,
                measures: [RateMeasure], rankDraws: Int = 1000, seed: UInt64 = 20_230_101) {
        self.period = period
        self.year = year
        self.unit = unit
        self.population = population
        self.deprivation = deprivation
        self.measures = measures
        self.rankDraws = rankDraws
        self.seed = seed
    }

    /// Computes everything and adds it to `output`. Returns the year compared and the number of LAs.
    public func add(to output: inout RunOutput, frame: DataFrame, policy: DisclosurePolicy) throws -> (year: Int, units: Int) {
        let p = try frame.requireColumn(period), u = try frame.requireColumn(unit)
        let pop = try frame.requireColumn(population), dep = try frame.requireColumn(deprivation)
        let ys = try measures.map { m throws(TabularError) in try frame.requireColumn(m.numerator) }
        let years = (0..<frame.rowCount).compactMap { p.numericValue(at: $0) }.filter { $0 == $0.rounded() }.map { Int($0) }
        guard let chosen = year ?? years.max() else { throw SpecError.badData("column \(period) has no whole-number year") }
        guard years.contains(chosen) else { throw SpecError.badData("year \(chosen) is not in column \(period)") }
        var rows: [Int] = [], missing: [String] = []
        for i in 0..<frame.rowCount where p.numericValue(at: i) == Double(chosen) {
            let values = [pop.numericValue(at: i), dep.numericValue(at: i)] + ys.map { $0.numericValue(at: i) }
            if values.allSatisfy({ $0 != nil && $0!.isFinite }) { rows.append(i) } else { missing.append(u.stringValue(at: i) ?? "row \(i + 1)") }
        }
        let sub = try frame.filtering((0..<frame.rowCount).map { Set(rows).contains($0) })
        let names = rows.map { u.stringValue(at: $0) ?? "row \($0 + 1)" }
        var inequality: [InequalityResult.Labelled] = []
        var existing: [[String: CountID]] = []
        for (k, m) in measures.enumerated() {
            let counts = try rows.map { i throws(SpecError) -> Int in
                let v = ys[k].numericValue(at: i)!
                guard v >= 0, v == v.rounded() else { throw SpecError.badData("\(m.numerator), row \(i + 1): \(v) is not a count") }
                return Int(v)
            }
            let populations = rows.map { pop.numericValue(at: $0)! }
            let (_, expected) = try DeprivationAdjustment(covariates: "~ \(deprivation)").expectedCounts(sub, observed: m.numerator, denominator: population)
            let units = rows.indices.map { FunnelUnit(name: names[$0], observed: counts[$0], denominator: populations[$0], expected: expected[$0]!) }
            let funnel = try FunnelPlot(measure: .ratio, overdispersion: .negbin).fit(units)
            let sensitivity = try MethodSensitivity.compute(units, measure: .ratio, level: funnel.verdictLevel)
            let slug = m.numerator + "_"
            let (obsIDs, _) = funnel.add(to: &output, labels: .init(unit: unit, observed: m.numerator, size: "expected"),
                                         sensitivity: sensitivity, policy: policy, figureName: slug + "funnel",
                                         tablePrefix: slug, contractJSON: false,
                                         title: "\(m.label): O/E adjusted for \(deprivation), \(chosen)")
            let shrinkage = try ShrunkenEstimates(family: .poisson, covariates: [deprivation], per: m.per)
                .fit(rows.indices.map { .init(name: names[$0], observed: counts[$0], denominator: populations[$0],
                                              covariates: [dep.numericValue(at: rows[$0])!]) })
            let modes = shrinkage.units.map(\.mode), sds = shrinkage.units.map(\.conditionalSD)
            let ranks = ShrinkageResult.Ranks(
                simulated: try SimulatedRanks(draws: rankDraws, seed: seed).compute(modes: modes, sds: sds),
                simultaneous: try RankConfidenceSets(draws: rankDraws, seed: seed).compute(estimates: modes, standardErrors: sds),
                draws: rankDraws, seed: seed, coverage: 0.95)
            shrinkage.add(to: &output, unitLabel: unit, observedLabel: m.numerator, denominatorLabel: population, ranks: ranks,
                          policy: policy, figureName: slug + "caterpillar", observedIDs: obsIDs,
                          denominatorIDs: Array(repeating: nil, count: rows.count), tablePrefix: slug)
            existing.append(Dictionary(zip(names, obsIDs), uniquingKeysWith: { a, _ in a }))
            inequality.append(.init(measure: m.numerator, period: String(chosen), result: try InequalitySummary(per: m.per).fit(
                rows.indices.map { .init(name: names[$0], count: counts[$0], population: populations[$0], deprivation: dep.numericValue(at: rows[$0])!) })))
        }
        InequalityResult.add(inequality, to: &output, unitLabel: unit, policy: policy, existingCounts: existing)
        if !missing.isEmpty {
            output.notes.append(.literal("LAs left out of \(chosen) for a missing value: " + missing.joined(separator: ", ") + "."))
        }
        return (chosen, rows.count)
    }
}
