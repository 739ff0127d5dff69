import Foundation
import Testing

/// Collects relative errors per (function, region) against reference values, reports the worst case of
/// each group, and checks each against its stated tolerance.
struct ErrorReport {
    struct Worst {
        var error = 0.0
        var context = ""
        var count = 0
    }
    private(set) var groups: [String: Worst] = [:]
    private(set) var failures: [String] = []

    /// Records |actual − expected|/|expected| (see `relativeError`) in group `name`, failing when it exceeds
    /// `tolerance`. With `absoluteBelow` = c, the denominator is max(|expected|, c): used for log densities,
    /// whose absolute error is the relative error of the density (relative error of a log near 0 is
    /// meaningless).
    mutating func check(
        _ name: String, _ actual: Double, _ expected: Double, tolerance: Double, _ context: String,
        absoluteBelow: Double = 0
    ) {
        var err = relativeError(actual, expected)
        if absoluteBelow > 0 && expected.isFinite && abs(expected) < absoluteBelow && actual.isFinite {
            err = abs(actual - expected) / absoluteBelow
        }
        var w = groups[name] ?? Worst()
        w.count += 1
        if err > w.error || w.context.isEmpty {
            w.error = max(err, w.error)
            if err >= w.error { w.context = context }
        }
        groups[name] = w
        if !(err <= tolerance) {
            failures.append("\(name): \(context): got \(actual), R \(expected), rel err \(err) > \(tolerance)")
        }
    }

    /// Prints the summary and records one test issue per failure (at most 40 listed).
    func finish(_ title: String) {
        testReport("== \(title): worst relative error per group")
        for (name, w) in groups.sorted(by: { $0.key < $1.key }) {
            testReport(String(format: "  %-34@ n=%4d  max %.3e  at %@", name as NSString, w.count, w.error, w.context as NSString))
        }
        for f in failures.prefix(40) { Issue.record(Comment(rawValue: f)) }
        if failures.count > 40 { Issue.record(Comment(rawValue: "… and \(failures.count - 40) more failures")) }
    }
}

/// The accuracy regions of the acceptance criterion: "body" for probabilities ≥ 1e-15 (and the log of such),
/// "tail" below. Densities are classified by their own magnitude the same way.
func region(_ probability: Double) -> String { probability >= 1e-15 ? "body" : "tail" }

/// Accuracy summaries (worst errors by region) for whoever wants them: printed only with
/// `CARESTAT_TEST_REPORT=1` in the environment, so an ordinary test run stays quiet.
func testReport(_ text: String) {
    if ProcessInfo.processInfo.environment["CARESTAT_TEST_REPORT"] == "1" { print(text) }
}
