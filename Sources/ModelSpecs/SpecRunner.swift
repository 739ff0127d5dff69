public import Reporting
public import Tabular
import Foundation

/// The outcome of running a spec: its tables (results, then the published-figure comparison) and where its
/// data came from.
public struct SpecRun: Sendable {
    public let spec: ModelSpec
    public let dataFile: String
    public let readSummary: ReadSummary
    public let tables: [Table]
}

/// Runs model specs: finds and reads their data, computes their analysis, and sets published figures beside
/// CareStat's. Library code: returns values, never prints.
public enum SpecRunner {
    /// Runs `spec` with its data read from `dataDirectory`; counts of people in its tables follow `policy`.
    public static func run(_ spec: ModelSpec, dataDirectory: String, policy: DisclosurePolicy = .standard) throws -> SpecRun {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(spec.data.fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SpecError.dataNotFound("spec \(spec.name) needs \(spec.data.fileName), not found in \(dataDirectory) (give the folder with --data DIR)")
        }
        let read = try CSVReader.read(path: path)
        var tables: [Table]
        let comparison: Table?
        switch spec.analysis {
        case .laTrends(let analysis):
            let result = try analysis.compute(on: read.frame)
            tables = result.tables(for: analysis, policy: policy)
            comparison = spec.published.isEmpty ? nil : publishedComparison(spec.published, value: result.value(of:))
        }
        if let comparison { tables.append(comparison) }
        return SpecRun(spec: spec, dataFile: path, readSummary: read.summary, tables: tables)
    }
}
