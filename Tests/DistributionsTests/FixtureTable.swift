import Foundation

/// A CSV fixture written by Fixtures/make-beta-fixtures.R (header row, numbers printed with %.17g).
struct FixtureTable {
    let columns: [String: Int]
    let rows: [[Double]]

    init(_ name: String, filePath: String = #filePath) throws {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        columns = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        rows = lines.map { line in
            line.split(separator: ",").map { field -> Double in
                switch field {
                case "Inf": return .infinity
                case "-Inf": return -.infinity
                case "NaN", "NA": return .nan
                default: return Double(field) ?? .nan
                }
            }
        }
    }

    func value(_ row: [Double], _ column: String) -> Double { row[columns[column]!] }
}

/// |got − expected| / |expected|; 0 when both are equal (including equal infinities), ∞ when exactly one is NaN.
func relativeError(_ got: Double, _ expected: Double) -> Double {
    if got == expected { return 0 }
    if got.isNaN && expected.isNaN { return 0 }
    if got.isNaN || expected.isNaN || !got.isFinite || !expected.isFinite { return .infinity }
    if expected == 0 { return abs(got) }
    return abs(got - expected) / abs(expected)
}

/// Tracks the worst relative error seen and where it occurred.
struct WorstError {
    var value = 0.0
    var location = ""
    var count = 0
    mutating func record(_ got: Double, _ expected: Double, _ where: @autoclosure () -> String) {
        count += 1
        let e = relativeError(got, expected)
        if e > value || (e.isNaN && !value.isNaN) { value = e; location = "\(`where`()) got \(got) expected \(expected)" }
    }
}

/// Error of a log-probability measured as the relative error of the probability itself: |Δ ln p| when |ln p| ≥ 1
/// (since Δp/p ≈ Δ ln p), and |Δ ln p|/|ln p| when |ln p| < 1 (there ln p ≈ −(1 − p), whose relative error is the
/// relative error of the complementary tail).
func logProbabilityError(_ got: Double, _ expected: Double) -> Double {
    if got == expected { return 0 }
    if got.isNaN || expected.isNaN || !got.isFinite || !expected.isFinite { return .infinity }
    return abs(got - expected) / min(1, abs(expected))
}

extension WorstError {
    mutating func recordLog(_ got: Double, _ expected: Double, _ where: @autoclosure () -> String) {
        count += 1
        let e = logProbabilityError(got, expected)
        if e > value { value = e; location = "\(`where`()) got \(got) expected \(expected)" }
    }
}

/// Compares quantiles with R's. R's quantile x_R is used as the reference where R's own cdf at x_R returns the
/// target to 1e-13 (`pback` in the fixtures); elsewhere R's quantile is itself off (e.g. qt(1e-300, 3)), and the
/// check is instead that our quantile round-trips at least as well as R's: |T(x) − p|/p ≤ max(R's, 1e-13 (1e-12 for p < 1e-10)) plus
/// the resolution of the double grid at x, |T(x⁻) − T(x⁺)|/p for the neighbouring doubles x± (near x = 1 in an
/// upper tail, say, no double gets closer).
struct QuantileComparison {
    var body = WorstError()
    var tail = WorstError()
    var replacedByRoundTrip = 0
    var roundTripFailures: [String] = []

    mutating func check(got: Double, expected: Double, target p: Double, rRoundTrip pBackR: Double,
                        ourRoundTrip pBackOurs: Double, gridResolution: Double, _ label: String) {
        let rErr = relativeError(pBackR, p)
        if rErr <= 1e-13 {
            if p >= 1e-10 { body.record(got, expected, label) } else { tail.record(got, expected, label) }
        } else {
            replacedByRoundTrip += 1
            let ours = relativeError(pBackOurs, p)
            // our cdf itself is good to ~1e-13 in the body and ~3e-13 in the far tails (exp of a ~690 logarithm)
            let cdfTolerance = p >= 1e-10 ? 1e-13 : 1e-12
            if ours > max(rErr, cdfTolerance) + gridResolution { roundTripFailures.append("\(label): ours \(ours) vs R \(rErr)") }
        }
    }
}

/// |T(x⁻) − T(x⁺)|/p for the doubles adjacent to x: how finely any double can resolve the target p.
func grid(_ x: Double, _ tail: (Double) -> Double, _ p: Double) -> Double {
    abs(tail(x.nextDown) - tail(x.nextUp)) / p
}
