public import Reporting
import Tabular
import Foundation

/// The outcome of running a spec: its tables (results, then the published-figure comparison), its figures, and
/// where its data came from.
public struct SpecRun: Sendable {
    public let spec: ModelSpec
    /// A sentence naming the data (file or folder) and how many rows were read, for the first table's footnote.
    public let dataNote: String
    public let tables: [Table]
    public let figures: [SpecFigure]
}

/// Runs model specs: finds and reads their data, computes their analysis, and sets published figures beside
/// CareStat's. Library code: returns values, never prints.
public enum SpecRunner {
    /// Runs `spec` with its data read from `dataDirectory`; counts of people in its tables follow `policy`.
    /// `dataNote` describes the folder (e.g. the embedded synthetic set and its seed) in the run's footnote.
    public static func run(_ spec: ModelSpec, dataDirectory: String, policy: DisclosurePolicy = .standard,
                           dataNote: String? = nil) throws -> SpecRun {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(spec.data.fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SpecError.dataNotFound("spec \(spec.name) needs \(spec.data.fileName), not found in \(dataDirectory) (give the folder with --data DIR)")
        }
        var tables: [Table]
        var figures: [SpecFigure] = []
        var note: String
        var comparison: Table? = nil
        switch spec.analysis {
        case .laTrends(let analysis):
            let read = try CSVReader.read(path: path, options: CSVReadOptions(nonFiniteNumbers: .read))   // see LATrendsAnalysis
            let result = try analysis.compute(on: read.frame)
            tables = result.tables(for: analysis, policy: policy)
            comparison = spec.published.isEmpty ? nil : publishedComparison(spec.published, value: result.value(of:))
            note = "Data \(path) (\(read.summary.rowsRead) rows)."
        case .survival(let analysis):
            let files = CareRecordFiles(directory: dataDirectory, note: dataNote)
            let result = try analysis.compute(on: files, policy: policy)
            tables = result.tables
            figures = result.figures
            let rows = try ProtectedModelCounts(n: result.data.rowCount, policy: policy)
            note = files.note + " Derived \(analysis.dataset.name) rows: \(rows.text(rows.n)) (\(rows.footnote))"
        case .interventionOutcomes(let analysis):
            let files = CareRecordFiles(directory: dataDirectory, note: dataNote)
            let result = try analysis.compute(on: files, policy: policy)
            tables = result.tables
            let rows = try ProtectedModelCounts(n: result.cohort.rowCount, policy: policy)
            note = files.note + " Outcomes cohort rows: \(rows.text(rows.n)) (\(rows.footnote))"
        }
        if let comparison { tables.append(comparison) }
        return SpecRun(spec: spec, dataNote: note, tables: tables, figures: figures)
    }
}
