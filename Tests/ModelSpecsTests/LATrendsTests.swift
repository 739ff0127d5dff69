import Testing
import Tabular
@testable import ModelSpecs
import ModelCatalog
import Reporting

@Test func spearmanWithoutTiesIsTheTextbookFormula() {
    // ρ = 1 − 6Σd²/(n(n²−1)) with d = (1, −1, 1, −1, 0): 1 − 6·4/120 = 0.8 (by hand).
    #expect(abs(spearmanCorrelation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])! - 0.8) < 1e-15)
    #expect(spearmanCorrelation([1, 1, 1], [1, 2, 3]) == nil)        // constant variable
    #expect(spearmanCorrelation([1, 2], [1, 2]) == nil)              // too few pairs
}

@Test func spearmanWithTiesMatchesR() {
    // R 4.2: x <- c(1,2,2,3,5,5,5,8); y <- c(3,1,4,1,5,9,2,6); sprintf("%.17g", cor(x, y, method = "spearman"))
    let rho = spearmanCorrelation([1, 2, 2, 3, 5, 5, 5, 8], [3, 1, 4, 1, 5, 9, 2, 6])!
    #expect(abs(rho - 0.54955026186482081) < 1e-14)
    #expect(midRanks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
}

/// Three LAs over two years; LA "c" misses its 2021 count. Every expected figure is worked out by hand below.
private func panel() throws -> DataFrame {
    try DataFrame(columns: [
        DataColumn(name: "year", integers: [2020, 2020, 2020, 2021, 2021, 2021]),
        DataColumn(name: "la", strings: ["a", "b", "c", "a", "b", "c"]),
        DataColumn(name: "cla", integers: [10, 30, 50, 20, 30, nil]),
        DataColumn(name: "pop", doubles: [1000, 2000, 5000, 1000, 3000, 5000]),
        DataColumn(name: "idaci", doubles: [0.1, 0.3, 0.2, 0.1, 0.3, 0.2]),
    ])
}

@Test func trendsFiguresAreWorkedByHand() throws {
    let analysis = LATrends(period: "year", unit: "la", measures: [RateMeasure("CLA", numerator: "cla", denominator: "pop")],
                            deprivation: "idaci", correlationPeriod: 2020)
    let r = try analysis.compute(on: panel())
    let f = r.figures["CLA"]!
    // 2020: rates 100, 150, 100 per 10,000; pooled 90/8000·1e4 = 112.5; median 100.
    expectFigures(f[0], PeriodRateFigures(period: 2020, unitsReporting: 3, unitsMissing: 0, totalNumerator: 90,
                                          totalDenominator: 8000, pooledRate: 112.5, medianUnitRate: 100,
                                          minimumUnitRate: 100, maximumUnitRate: 150, minimumPositiveUnitRate: 100))
    // 2021: c missing; rates 200, 100; pooled 50/4000·1e4 = 125; median 150.
    expectFigures(f[1], PeriodRateFigures(period: 2021, unitsReporting: 2, unitsMissing: 1, totalNumerator: 50,
                                          totalDenominator: 4000, pooledRate: 125, medianUnitRate: 150,
                                          minimumUnitRate: 100, maximumUnitRate: 200, minimumPositiveUnitRate: 100))
    // 2020 ranks: rates (100, 150, 100) → (1.5, 3, 1.5); idaci (0.1, 0.3, 0.2) → (1, 3, 2).
    // Centred: (−0.5, 1, −0.5)·(−1, 1, 0) = 1.5; norms √1.5, √2 → ρ = 1.5/√3 = √3/2.
    #expect(r.commonSet.count == 1)
    #expect(abs(r.commonSet[0].rankCorrelation! - 3.0.squareRoot() / 2) < 1e-15)
    #expect(r.commonSet[0].units == 3 && r.commonSet[0].totalNumerator == 90)
    #expect(r.reproduce(.total(measure: "CLA", period: 2021))?.estimate == 50)
    var run = RunOutput(population: "test")
    r.add(to: &run, analysis: analysis)
    let tables = try DisclosureGate(policy: .standard).publish(run).tables
    #expect(tables.count == 2 && tables[0].table.rows.count == 2)
}

@Test func trendsRefuseUnknownColumnsWithASuggestion() throws {
    let analysis = LATrends(period: "yeer", unit: "la", measures: [])
    #expect(throws: TabularError.unknownColumn("yeer", suggestion: "year")) { try analysis.compute(on: panel()) }
}

@Test func catalogueNamesAreUniqueAndWellFormed() {
    let names = Catalog.all.map(\.name)
    #expect(Set(names).count == names.count)
    for n in names { #expect(n.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(n)") }
    #expect(Catalog.spec(named: "la-panel-trends") != nil)
}

@Test func publishedComparisonRoundsToThePublishedPrecision() {
    let figures = [PublishedFigure(.commonSetRankCorrelation(measure: "m"), 0.70, decimals: 2, source: "s"),
                   PublishedFigure(.commonSetRankCorrelation(measure: "m"), 0.71, decimals: 2, source: "s"),
                   PublishedFigure(.total(measure: "m", period: 2022), 82_170, decimals: -1, source: "s")]
    let t = publishedComparison(figures) { q in ReproducedFigure(q == .total(measure: "m", period: 2022) ? 82_167 : 0.7012) }
    // Columns: quantity, published, CareStat, CI low, CI high, difference, inside CI, agrees, source.
    #expect(t.rows[0][7] == .revealing(.text("yes"), reveals: []) && t.rows[1][7] == .revealing(.text("no"), reveals: []))
    #expect(t.rows[0][2] == .revealing(.number(0.70, significantDigits: 12), reveals: []))
    #expect(t.rows[2][7] == .revealing(.text("yes"), reveals: []))          // 82,167 rounds to 82,170
}

@Test func countsInTrendTablesFollowTheDisclosurePolicy() throws {
    let analysis = LATrends(period: "year", unit: "la", measures: [RateMeasure("CLA", numerator: "cla", denominator: "pop")])
    let r = try analysis.compute(on: panel())
    // Totals 90 and 50: rounded to base 20 → 100 and 60 (halves away from zero); a threshold of 60 withholds 50.
    func tables(_ policy: DisclosurePolicy) throws -> [Table] {
        var run = RunOutput(population: "test")
        r.add(to: &run, analysis: analysis)
        return try DisclosureGate(policy: policy).publish(run).tables.map(\.table)
    }
    let rounded = try tables(DisclosurePolicy(threshold: 10, roundingBase: 20))
    #expect(rounded[0].rows[0][3] == .integer(100) && rounded[0].rows[1][3] == .integer(60))
    let strict = try tables(DisclosurePolicy(threshold: 60))
    #expect(strict[0].rows[1][3] == .suppressed(marker: "[c]") && strict[0].rows[0][3] == .integer(90))
    #expect(strict[0].footnotes.contains { $0.hasPrefix("Counts below 60 suppressed") })
}

/// Worked-by-hand figures: the counts exactly, every rate to 1e-12 relative (the hand values are exact decimals; the
/// computed ones go through a division and a ×10,000).
private func expectFigures(_ got: PeriodRateFigures, _ want: PeriodRateFigures,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.period == want.period && got.unitsReporting == want.unitsReporting && got.unitsMissing == want.unitsMissing,
            sourceLocation: sourceLocation)
    func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }
    let pairs: [(String, Double?, Double?)] = [
        ("totalNumerator", got.totalNumerator, want.totalNumerator), ("totalDenominator", got.totalDenominator, want.totalDenominator),
        ("pooledRate", got.pooledRate, want.pooledRate), ("medianUnitRate", got.medianUnitRate, want.medianUnitRate),
        ("minimumUnitRate", got.minimumUnitRate, want.minimumUnitRate), ("maximumUnitRate", got.maximumUnitRate, want.maximumUnitRate),
        ("minimumPositiveUnitRate", got.minimumPositiveUnitRate, want.minimumPositiveUnitRate),
    ]
    for (name, a, b) in pairs {
        #expect(close(a, b), "\(name): \(String(describing: a)) vs \(String(describing: b))", sourceLocation: sourceLocation)
    }
}
