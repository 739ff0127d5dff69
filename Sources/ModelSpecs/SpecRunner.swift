public import Reporting
import Tabular
import Foundation

/// The outcome of running a spec: its outputs before disclosure control (tables and fits on one ledger, then the
/// published-figure comparison; its figures; a note naming the data), published by ``DisclosureGate``.
public struct SpecRun: Sendable {
    public let spec: ModelSpec
    public let output: RunOutput
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
        var output = RunOutput(population: "")
        var comparison: ResultTable? = nil
        switch spec.analysis {
        case .laTrends(let analysis):
            let read = try CSVReader.read(path: path, options: CSVReadOptions(nonFiniteNumbers: .read))   // see LATrendsAnalysis
            let result = try analysis.compute(on: read.frame)
            let counts = result.add(to: &output, analysis: analysis)
            comparison = spec.published.isEmpty ? nil : publishedComparison(spec.published) { result.reproduce($0, counts: counts) }
            output.population = "Data \(path) (\(read.summary.rowsRead) rows: local authorities × years)."
            output.notes.append(.literal("Data \(path) (\(read.summary.rowsRead) rows: local authorities × years)."))
        case .survival(let analysis):
            let files = CareRecordFiles(directory: dataDirectory, note: dataNote)
            let result = try analysis.compute(on: files)
            let counts = analysis.addResults(result, to: &output)
            comparison = spec.published.isEmpty ? nil
                : publishedComparison(spec.published) { result.reproduce($0, analysis: analysis, counts: counts) }
            let rows = output.ledger.count(result.data.rowCount, role: .rowsUsed, label: "rows of the derived \(analysis.dataset.name) data")
            output.population = files.note + " Derived \(analysis.dataset.name) data."
            output.notes.append(.literal(files.note))
            output.notes.append(CountNote("Derived \(analysis.dataset.name) rows: {}.", [rows]))
        case .interventionOutcomes(let analysis):
            let files = CareRecordFiles(directory: dataDirectory, note: dataNote)
            let result = try analysis.compute(on: files)
            let counts = result.add(to: &output)
            let rows = counts.total
            comparison = spec.published.isEmpty ? nil
                : publishedComparison(spec.published) { result.reproduce($0, analysis: analysis, counts: counts) }
            output.population = files.note + " Outcomes cohort."
            output.notes.append(.literal(files.note))
            output.notes.append(CountNote("Outcomes cohort rows: {}.", [rows]))
        case .estimates(let analysis):
            let files = CareRecordFiles(directory: dataDirectory, note: dataNote)
            let estimates = try analysis.compute(on: files)
            let counts = estimates.add(to: &output)
            comparison = spec.published.isEmpty ? nil
                : publishedComparison(spec.published) { estimates.reproduce($0, counts: counts) }
            output.population = files.note + " Derived datasets: "
                + Set(analysis.estimands.map(\.dataset.rawValue)).sorted().joined(separator: ", ") + "."
            output.notes.append(.literal(files.note))
        case .demandForecast(let analysis):
            let read = try CSVReader.read(path: path, options: CSVReadOptions(nonFiniteNumbers: .read))
            try analysis.add(read.frame, to: &output, policy: policy)
            try analysis.lookedAfter?.add(to: &output, panel: read.frame, period: analysis.period)
            try analysis.childProtection?.add(to: &output)
            output.population = "Data \(path) (\(read.summary.rowsRead) rows: local authorities × years)."
            output.notes.append(.literal("Data \(path) (\(read.summary.rowsRead) rows: local authorities × years)."))
        case .carePathways(let analysis):
            let files = CareRecordFiles(directory: dataDirectory, note: dataNote)
            let result = try analysis.compute(on: files)
            let counts = try analysis.add(result, to: &output)
            comparison = spec.published.isEmpty ? nil
                : publishedComparison(spec.published) { result.reproduce($0, counts: counts) }
            output.population = files.note + " Children ever in care, care histories from birth."
            output.notes.append(.literal(files.note))
            output.notes.append(.literal("Care histories: monthly states from age \(analysis.fromAge) to before \(analysis.toAge), "
                + "children in care at some month; censored at \(result.histories.censorDate?.isoString ?? "the data's end"), "
                + "so children younger than \(analysis.toAge) then have shorter sequences (OM compares unequal lengths)."))
        case .laComparison(let analysis):
            let read = try CSVReader.read(path: path, options: CSVReadOptions(nonFiniteNumbers: .read))
            let (year, units) = try analysis.add(to: &output, frame: read.frame, policy: policy)
            output.population = "Data \(path), \(analysis.period) = \(year): \(units) local authorities with every measure, the population and \(analysis.deprivation) present."
            output.notes.append(.literal("Data \(path) (\(read.summary.rowsRead) rows: local authorities × years); compared: \(analysis.period) = \(year)."))
        }
        if let comparison { output.add(comparison) }
        output.notes.insert(.literal("Spec \(spec.name)."), at: 0)
        return SpecRun(spec: spec, output: output)
    }
}
