import Foundation
import Testing
@testable import CareData

/// Shared synthetic data sets for the Synthetic*Tests files, generated once per test process.
enum SyntheticTestData {
    static func freshDirectory(_ name: String) -> String {
        let base = FileManager.default.temporaryDirectory.path
        let dir = base + "/carestat-synth-tests-\(ProcessInfo.processInfo.processIdentifier)/" + name
        try? FileManager.default.removeItem(atPath: dir)
        return dir
    }

    /// The default configuration (100,000 children, 151 LAs, 1992–2024, default seed): the data set that
    /// `carestat synth` writes by default and that the calibration bands are stated for.
    static let standard: Result<(String, SyntheticSummary), SyntheticError> = {
        let dir = freshDirectory("standard")
        return Result { () throws(SyntheticError) in (dir, try SyntheticGenerator().generate(into: dir)) }
    }()

    /// A small configuration used for determinism and injection tests.
    static func small(seed: UInt64, problems: SyntheticQualityProblems = .none) -> SyntheticGenerator {
        SyntheticGenerator(children: 4000, localAuthorities: 12, firstYear: 2004, lastYear: 2024, seed: seed,
                           qualityProblems: problems)
    }

    /// Rows of a CSV file as dictionaries keyed by column name, plus the header.
    static func read(_ directory: String, _ name: String) throws -> (columns: [String], rows: [[String: String]]) {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        var lines = SyntheticCSV.parse(text)
        let columns = lines.removeFirst()
        let rows = lines.map { fields in
            Dictionary(uniqueKeysWithValues: zip(columns, fields).map { ($0, $1) })
        }
        return (columns, rows)
    }

    /// Reference values computed by Fixtures/synthetic/make-la-panel.py from the real LA panel.
    static func reference(_ measure: String) throws -> Double {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/synthetic/real-panel-reference.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            if f.count >= 2 && f[0] == measure, let v = Double(f[1]) { return v }
        }
        throw SyntheticError.readFailed(path: url.path, reason: "no measure \(measure)")
    }
}
