import Foundation

/// Loads the CSV fixtures committed beside the tests (written by the scripts in Fixtures/).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Rows of a CSV file as dictionaries keyed by the header. Throws if the file cannot be read.
    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (k, v) in zip(header, fields) { row[k] = v }
            return row
        }
    }

    /// Parses R/Python number spellings, including Inf, -Inf and NaN.
    static func number(_ s: String?) -> Double {
        guard let s else { return .nan }
        switch s {
        case "Inf", "inf": return .infinity
        case "-Inf", "-inf": return -.infinity
        case "NaN", "nan", "NA": return .nan
        default: return Double(s) ?? .nan
        }
    }
}

/// Relative error |actual − expected| / |expected|; 0 when both are equal (including both infinite or both
/// zero), +∞ when exactly one is NaN.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if actual.isNaN && expected.isNaN { return 0 }
    if actual.isNaN || expected.isNaN || actual.isInfinite || expected.isInfinite { return .infinity }
    if expected == 0 { return abs(actual) }
    return abs(actual - expected) / abs(expected)
}
