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

// `relativeError` is shared with the gamma-side tests (Fixtures.swift).

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
/// relative error of the complementary tail). A difference within 4 ulp of the log value itself counts as 0: a
/// double near −690 cannot be closer than ~1e-13 in absolute terms.
func logProbabilityError(_ got: Double, _ expected: Double) -> Double {
    if got == expected { return 0 }
    if got.isNaN || expected.isNaN || !got.isFinite || !expected.isFinite { return .infinity }
    if abs(got - expected) <= 4 * expected.ulp { return 0 }
    return abs(got - expected) / min(1, abs(expected))
}

/// Error of a log-density: |Δ ln f|, the relative error of f itself, with the same 4-ulp floor.
func logDensityError(_ got: Double, _ expected: Double) -> Double {
    if got == expected { return 0 }
    if got.isNaN || expected.isNaN || !got.isFinite || !expected.isFinite { return .infinity }
    if abs(got - expected) <= 4 * expected.ulp { return 0 }
    return abs(got - expected)
}

extension WorstError {
    mutating func recordLogDensity(_ got: Double, _ expected: Double, _ where: @autoclosure () -> String) {
        count += 1
        let e = logDensityError(got, expected)
        if e > value { value = e; location = "\(`where`()) got \(got) expected \(expected)" }
    }

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

    /// `condition` is κ = T(x)/(|x| f(x)), the factor by which a relative error in the probability becomes a
    /// relative error in x; where κ > 1 the recorded x error is divided by κ (an ill-conditioned quantile such as
    /// the t with ν = 0.1, where κ = 1/ν = 10, cannot be determined more closely than κ times the cdf's accuracy).
    mutating func check(got: Double, expected: Double, target p: Double, rRoundTrip pBackR: Double,
                        ourRoundTrip pBackOurs: Double, gridResolution: Double, condition: Double = 1,
                        _ label: String) {
        let rErr = relativeError(pBackR, p)
        if rErr <= 1e-13 {
            let k = condition.isFinite ? max(1, condition) : 1
            let scaledGot = expected + (got - expected) / k
            if p >= 1e-10 { body.record(scaledGot, expected, label) } else { tail.record(scaledGot, expected, label) }
        } else {
            replacedByRoundTrip += 1
            let ours = relativeError(pBackOurs, p)
            // our cdf itself is good to ~1e-13 in the body and ~3e-13 in the far tails (exp of a ~690 logarithm)
            let cdfTolerance = p >= 1e-10 ? 1e-13 : 1e-12
            if ours > max(rErr, cdfTolerance) + gridResolution { roundTripFailures.append("\(label): ours \(ours) vs R \(rErr)") }
        }
    }
}

/// κ = T/(|x| f) at x: the condition number of the quantile.
func quantileCondition(_ x: Double, tail: Double, density: Double) -> Double { tail / (abs(x) * density) }

/// |T(x⁻) − T(x⁺)|/p for the doubles adjacent to x: how finely any double can resolve the target p.
func grid(_ x: Double, _ tail: (Double) -> Double, _ p: Double) -> Double {
    abs(tail(x.nextDown) - tail(x.nextUp)) / p
}

/// Whether k is R's discrete quantile by definition: the smallest k ≥ 0 with `reached(k)`.
func isSmallest(_ k: Double, _ reached: (Int) -> Bool) -> Bool {
    guard k.isFinite, k >= 0 else { return false }
    let ki = Int(k)
    return reached(ki) && (ki == 0 || !reached(ki - 1))
}

/// Compares a discrete quantile with R's. Where they differ, ours must satisfy the definition (smallest k with
/// F(k) ≥ p(1 − 8ε), or with P(X > k) < q(1 + 8ε)) under our cdf — itself checked against R to 1e-13 — and the
/// difference must be one of two understood kinds: (a) R returned the upper end n, which R 4.2's qbinom does when
/// its large-step search overshoots the support and keeps a stale cdf value (e.g. qbinom(1e-15, 1e5, 0.999) = 1e5
/// although pbinom(99811, 1e5, 0.999) = 1.47e-15 ≥ 1e-15); (b) a tie, where the tail at the boundary equals the
/// target to 1e-13 and the last bits of the cdf decide (qbinom(1e-15, 5, 0.001, lower = FALSE): P(X > 4) =
/// 0.001⁵ = 1e-15 up to rounding).
struct DiscreteQuantileComparison {
    var agreements = 0
    var explained: [String] = []
    var failures: [String] = []

    mutating func check(ours: Double, r: Double, upperEnd: Double, target p: Double,
                        tailAt: (Int) -> Double, reached: (Int) -> Bool, _ label: String) {
        if ours == r { agreements += 1; return }
        let definitional = isSmallest(ours, reached)
        let overshoot = r == upperEnd
        let boundary = Int(min(ours, r.isFinite ? r : ours))
        let tie = relativeError(tailAt(boundary), p) <= 1e-13
        if definitional && (overshoot || tie) {
            explained.append("\(label): ours \(ours), R \(r)")
        } else {
            failures.append("\(label): ours \(ours), R \(r), definitional \(definitional)")
        }
    }
}
