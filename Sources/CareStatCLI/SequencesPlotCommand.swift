public import ArgumentParser
import Foundation
import ModelSpecs
import Reporting
import Sequences

/// `carestat sequences plot KIND ... --plot FILE.svg`: figures of state sequences that are safe to release.
public struct SequencesPlotCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Safe sequence figures (SVG): state distribution, frequent sequences, medoids, smoothed index plot, pathway flow.",
        discussion: """
            KIND:
              distribution  state distribution by time (seqdplot); one panel per cluster with --clusters or --k
              frequency     the most frequent sequences (seqfplot), only those whose count is published
              medoids       each cluster's medoid as state runs (seqrplot), only for clusters whose size is published
              index         sorted index plot (from the start) smoothed into groups of --group-size people, each drawn
                            as its position-wise modal state: no individual sequence is drawn
              flow          pathway flow (Sankey) between the states at --at (e.g. 1y,3y,5y or positions 12,36,60)
            Every count a figure shows goes through the disclosure gate with the table printed beside it; the figure \
            is drawn from the published counts only (withheld flows are not drawn, withheld shares are grey).
            Examples:
              carestat sequences plot distribution --ever-in-care --k 6 --sub trate --plot dist.svg
              carestat sequences plot flow --ever-in-care --at 1y,5y,10y,17y --plot flow.svg
              carestat sequences plot frequency histories.csv --id child --time month --state state --plot freq.svg
            """
    )
    public enum Kind: String, ExpressibleByArgument, CaseIterable, Sendable { case distribution, frequency, medoids, index, flow }
    @Argument(help: "distribution, frequency, medoids, index or flow.") public var kind: Kind
    @OptionGroup public var input: SequenceInputOptions
    @OptionGroup public var distance: SequenceDistanceOptions
    @Option(help: "CSV id,cluster (as `sequences cluster --out` writes) giving the clusters of distribution and medoids.")
    public var clusters: String?
    @Option(help: "Clusters by PAM on the distances (distribution, medoids) when no --clusters file is given.")
    public var k: Int?
    @Option(help: "frequency: how many of the most frequent sequences to consider.") public var top: Int = 10
    @Option(help: "index: people per smoothed group (default: the disclosure threshold, at least 10).") public var groupSize: Int?
    @Option(help: "flow: the stages, e.g. 1y,3y,5y (years, for monthly or weekly sequences) or 12,36,60 (times).")
    public var at: String?
    @Option(help: "Write the figure (SVG) to this file.") public var plot: String
    @OptionGroup public var options: GlobalOptions
    public init() {}

    public func validate() throws {
        if let k, k < 1 { throw ValidationError("--k must be ≥ 1, got \(k)") }
        if let g = groupSize, g < 1 { throw ValidationError("--group-size must be ≥ 1, got \(g)") }
        if kind == .flow && at == nil { throw ValidationError("plot flow needs --at (e.g. 1y,3y,5y)") }
        if kind == .medoids && clusters == nil && k == nil { throw ValidationError("plot medoids needs --clusters FILE or --k K") }
        if clusters != nil && k != nil { throw ValidationError("give --clusters or --k, not both") }
    }

    public func run() throws {
        let loaded = try input.source.load(seed: options.seed)
        let data = loaded.data
        var run = RunOutput(population: "sequences (ids) of \(loaded.source)")
        switch kind {
        case .distribution:
            let groups = try clustering(data).map { a -> (labels: [String], of: [Int]) in
                let k = a.max() ?? 0
                return ((1...max(k, 1)).map { "Cluster \($0)" }, a.map { $0 - 1 })
            }
            SequenceFigureRuns.stateDistribution(data, palette: loaded.palette, unit: loaded.unit, groups: groups, into: &run)
        case .frequency:
            SequenceFigureRuns.frequency(data, palette: loaded.palette, unit: loaded.unit, top: top, into: &run)
        case .medoids:
            guard let assignment = try clustering(data) else { throw ValidationError("plot medoids needs --clusters FILE or --k K") }
            let engine = try distance.engine(data, file: input.file)
            let (d, resolved) = (engine.condensed(threads: nil), engine.resolved)
            let fit: KMedoidsResult
            do { fit = try KMedoids.medoids(d, assignment: assignment) } catch { throw UserError("\(input.file): \(error)") }
            let rows = fit.medoids.enumerated().map { c, m in
                (label: "Cluster \(c + 1)", states: data.states[m], size: assignment.filter { $0 == c + 1 }.count)
            }
            SequenceFigureRuns.representatives(data, palette: loaded.palette, unit: loaded.unit, rows: rows, name: "medoids",
                                               title: "Cluster medoids (\(distance.describe(resolved)) distances)",
                                               proportional: false, individual: true, into: &run)
        case .index:
            let size = groupSize ?? max(options.disclosureThreshold, 10)
            let groups = SequenceDescriptives.smoothedGroups(data, size: size)
            let rows = groups.enumerated().map { (label: "Group \($0 + 1)", states: $1.states, size: $1.members.count) }
            SequenceFigureRuns.representatives(data, palette: loaded.palette, unit: loaded.unit, rows: rows, name: "index",
                                               title: "Sorted index plot, smoothed: groups of \(size)+ sequences by modal state",
                                               proportional: true, into: &run)
        case .flow:
            let (stages, labels) = try Self.stages(at ?? "", unit: loaded.unit, origin: data.origin)
            do {
                try SequenceFigureRuns.pathwayFlow(data, palette: loaded.palette, stages: stages, labels: labels, into: &run)
            } catch { throw UserError("--at \(at ?? ""): \(error)") }
        }
        run.notes += loaded.notes.map(CountNote.literal)
        run.notes.append(.literal("Figure written to \(plot)."))
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }

    /// The cluster of each sequence (1-based), from --clusters or PAM with --k; nil when neither is given.
    func clustering(_ data: StateSequences) throws -> [Int]? {
        if let clusters {
            let text: String
            do { text = try String(contentsOfFile: clusters, encoding: .utf8) } catch {
                throw UserError("cannot read \(clusters): \(error.localizedDescription)")
            }
            var of: [String: Int] = [:]
            for (k, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                guard f.count == 2, let c = Int(f[1].trimmingCharacters(in: .whitespaces)), c >= 1 else {
                    throw UserError("\(clusters), line \(k + 1): need id,cluster (cluster a whole number ≥ 1), got '\(line)'")
                }
                of[String(f[0])] = c
            }
            return try data.ids.map { id in
                guard let c = of[id] else { throw UserError("\(clusters): no cluster for id \(id)") }
                return c
            }
        }
        guard let k else { return nil }
        let d = try distance.engine(data, file: input.file).condensed(threads: nil)
        do { return try KMedoids.fit(d, k: k, weights: input.weight != nil ? data.weights : nil).assignment } catch {
            throw UserError("\(input.file): \(error)")
        }
    }

    /// Stages from `1y,3y,5y` (years: 12 positions a year for monthly data, 52 for weekly; from the origin) or plain
    /// times (`12,36,60`), as 0-based positions and labels.
    static func stages(_ spec: String, unit: String, origin: Int) throws -> ([Int], [String]) {
        var stages: [Int] = [], labels: [String] = []
        for part in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part.hasSuffix("y"), let y = Int(part.dropLast()) {
                guard unit == "month" || unit == "week" else {
                    throw UserError("--at \(spec): years (\(part)) need monthly or weekly sequences (--ssda903 or the synthetic data); give times")
                }
                stages.append(y * (unit == "month" ? 12 : 52)); labels.append("age \(y)")
            } else if let t = Int(part) {
                stages.append(t - origin); labels.append("\(unit) \(t)")
            } else {
                throw UserError("--at \(spec): '\(part)' is neither years (3y) nor a time")
            }
        }
        return (stages, labels)
    }
}
