public import ArgumentParser
import Foundation
import Reporting
import Sequences
import Tabular

/// `carestat sequences distances|cluster FILE --id COL --time COL --state COL ...`: state-sequence analysis
/// (TraMineR's `seqdist`, WeightedCluster's `wcKMedoids`) of long data, one row per (id, time).
public struct SequencesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sequences",
        abstract: "State sequences: distances (OM, Hamming, DHD, LCS), clustering, descriptives and safe figures.",
        subcommands: [SequencesDistancesCommand.self, SequencesClusterCommand.self, SequencesDescribeCommand.self,
                      SequencesPlotCommand.self]
    )
    public init() {}
}

/// The input and distance options shared by `sequences distances` and `sequences cluster`: where the sequences come
/// from (``SequenceSourceOptions``) and the distance.
public struct SequenceInputOptions: ParsableArguments {
    public enum Method: String, ExpressibleByArgument, CaseIterable, Sendable { case om, ham, dhd, lcs }

    @OptionGroup public var source: SequenceSourceOptions
    @Option(help: "Distance: om (optimal matching), ham (Hamming), dhd (dynamic Hamming), lcs.")
    public var method: Method = .om
    @Option(help: "Substitution costs for om and ham: constant:C or trate (default constant:2 for om, constant:1 for ham).")
    public var sub: String?
    @Option(help: "Indel cost for om: a number or auto (half the largest substitution cost, TraMineR's default).")
    public var indel: String = "auto"

    public init() {}

    var file: String { source.name }
    var weight: String? { source.weight }

    func distanceMethod() throws -> DistanceMethod {
        func substitution(default d: Double) throws -> SubstitutionChoice {
            guard let s = sub else { return .constant(d) }
            if s == "trate" { return .transitionRates }
            if s.hasPrefix("constant:"), let c = Double(s.dropFirst("constant:".count)), c.isFinite, c > 0 { return .constant(c) }
            throw UserError("--sub must be constant:C (C > 0) or trate, got \(s)")
        }
        switch method {
        case .om:
            let i: IndelChoice
            if indel == "auto" { i = .auto } else if let v = Double(indel), v.isFinite, v > 0 { i = .value(v) } else {
                throw UserError("--indel must be a number > 0 or auto, got \(indel)")
            }
            return .optimalMatching(substitution: try substitution(default: 2), indel: i)
        case .ham:
            if indel != "auto" { throw UserError("--indel applies to --method om only") }
            return .hamming(substitution: try substitution(default: 1))
        case .dhd, .lcs:
            if sub != nil || indel != "auto" { throw UserError("--sub and --indel apply to --method om and ham only") }
            return method == .dhd ? .dynamicHamming : .longestCommonSubsequence
        }
    }

    /// Reads the sequences (long, wide, SSDA903 or the synthetic default).
    func load(seed: UInt64? = nil) throws -> StateSequences { try source.load(seed: seed).data }

    func distances(_ data: StateSequences) throws -> (DistanceMatrix, SequenceDistances.Resolved) {
        do { return try SequenceDistances.compute(data, method: try distanceMethod()) } catch let e as SequenceError {
            throw UserError("\(file): \(e)")
        }
    }

    /// One line describing the distance, with the costs the data resolved (TRATE, indel auto).
    func describe(_ resolved: SequenceDistances.Resolved) -> String {
        var s = "\(method.rawValue.uppercased())"
        if method == .om || method == .ham { s += ", substitution \(sub ?? (method == .om ? "constant:2" : "constant:1"))" }
        if let i = resolved.indel { s += ", indel \(indel == "auto" ? "auto = " : "")\(String(format: "%.10g", i))" }
        if method == .dhd { s += ", time-varying TRATE costs (cval 4)" }
        return s
    }
}

/// `carestat sequences distances FILE ... --out FILE`: the full n × n distance matrix as CSV.
public struct SequencesDistancesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "distances",
        abstract: "Pairwise distances between state sequences, written as an n × n CSV matrix.",
        discussion: """
            Example:
              carestat sequences distances histories.csv --id child --time month --state state \\
                --method om --sub trate --indel auto --out dist.csv
            The matrix has the ids as header row and first column, in first-appearance order; it is per-person \
            data for analysis and goes only to --out. Distances are computed between unique sequences and \
            expanded; they match TraMineR's seqdist (no normalisation). Sequences may differ in length (not for \
            ham and dhd); missing states before a sequence's end are refused.
            """
    )
    @OptionGroup public var input: SequenceInputOptions
    @Option(help: "Write the n × n matrix (CSV) to this file.") public var out: String
    @OptionGroup public var options: GlobalOptions
    public init() {}

    public func run() throws {
        let data = try input.load(seed: options.seed)
        let (d, resolved) = try input.distances(data)
        var text = "id," + data.ids.map(csvField).joined(separator: ",") + "\n"
        text.reserveCapacity(data.count * data.count * 8)
        for i in 0..<data.count {
            text += csvField(data.ids[i])
            for j in 0..<data.count { text += "," + String(d[i, j]) }
            text += "\n"
        }
        try Console.write(text, to: out)
        var run = RunOutput(population: "sequences (ids) in \(file)")
        let n = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        let u = run.ledger.count(d.uniqueCount, role: .cell, label: "distinct sequences")
        var t = ResultTable(name: "sequence_distances", title: "Sequence distances: \(URL(fileURLWithPath: file).lastPathComponent)",
                            columns: [Column("Distance", key: "distance", alignment: .left), Column("Sequences", key: "n"),
                                      Column("Distinct", key: "distinct"), Column("Written to", key: "file", alignment: .left)])
        t.append([.plain(.text(input.describe(resolved))), .count(n), .count(u), .plain(.text(out))])
        t.footnotes = ["The matrix is per-person data: keep it inside the secure environment."]
        run.add(t)
        try Console.publish(run, options: options)
    }
    var file: String { input.file }
}

/// `carestat sequences cluster FILE ... --k 6`: PAM (k-medoids) on the distances.
public struct SequencesClusterCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster state sequences by PAM (k-medoids, BUILD then swap) on their distances.",
        discussion: """
            With --clustering ward, each cluster's medoid is its member with the least total distance to the \
            others, and the objective is the same sum as PAM's (distance of each sequence to its cluster's medoid).
            Example:
              carestat sequences cluster histories.csv --id child --time month --state state --sub trate --k 6 \\
                --out clusters.csv --format json
            Cluster sizes are counts of people and go through disclosure control (related to the total, so a \
            withheld size cannot be recovered by subtraction). The per-id assignment and the medoid ids identify \
            records: they are written to --out (CSV id,cluster) and shown in the output only with \
            --no-disclosure-control. Matches WeightedCluster's wcKMedoids (PAMonce, BUILD start); ties go to the \
            lowest row in first-appearance order.
            """
    )
    @OptionGroup public var input: SequenceInputOptions
    public enum Clustering: String, ExpressibleByArgument, CaseIterable, Sendable { case pam, ward }
    @Option(help: "Number of clusters.") public var k: Int
    @Option(help: "pam (k-medoids, BUILD then swap) or ward (hclust ward.D2, tree cut at k; unweighted).")
    public var clustering: Clustering = .pam
    @Option(help: "Write the assignment (CSV: id,cluster) to this file.") public var out: String?
    @OptionGroup public var options: GlobalOptions
    public init() {}

    public func validate() throws { guard k >= 1 else { throw ValidationError("--k must be ≥ 1, got \(k)") } }

    public func run() throws {
        let data = try input.load(seed: options.seed)
        let (d, resolved) = try input.distances(data)
        let weighted = input.weight != nil
        let fit: KMedoidsResult
        do {
            switch clustering {
            case .pam: fit = try KMedoids.fit(d, k: k, weights: weighted ? data.weights : nil)
            case .ward:
                if weighted { throw UserError("--clustering ward does not take --weight (weighted Ward is not implemented); use pam") }
                fit = try KMedoids.medoids(d, assignment: try WardTree.fit(d).cut(k))
            }
        } catch let e as SequenceError { throw UserError("\(input.file): \(e)") }
        let qw = weighted ? data.weights : nil
        let asw = ClusterQuality.averageSilhouetteWidth(d, assignment: fit.assignment, weights: qw)
        let pbc = ClusterQuality.pointBiserialCorrelation(d, assignment: fit.assignment, weights: qw)
        let hc = ClusterQuality.hubertC(d, assignment: fit.assignment, weights: qw)
        if let out {
            var text = "id,cluster\n"
            for (i, c) in zip(data.ids, fit.assignment) { text += "\(csvField(i)),\(c)\n" }
            try Console.write(text, to: out)
        }
        let showIDs = options.noDisclosureControl
        var run = RunOutput(population: "sequences (ids) in \(input.file)")
        let total = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        var sizes: [CountID] = []
        for c in 1...fit.medoids.count {
            sizes.append(run.ledger.count(fit.assignment.filter { $0 == c }.count, role: .cell, label: "cluster \(c)"))
        }
        run.ledger.relate(total: total, parts: sizes)
        var t = ResultTable(name: "clusters", title: "\(clustering == .pam ? "PAM" : "Ward (ward.D2)") clusters (k = \(k)) of \(input.describe(resolved)) distances",
                            columns: [Column("Cluster", key: "cluster"), Column("Size", key: "size"),
                                      Column("Medoid id", key: "medoid", alignment: .left)])
        for c in 0..<fit.medoids.count {
            t.append([.plain(.integer(c + 1)), .count(sizes[c]), .plain(showIDs ? .text(data.ids[fit.medoids[c]]) : .missing)])
        }
        t.append([.plain(.text("Total")), .count(total), .plain(.missing)])
        t.footnotes = ["Objective (Σ weight × distance to the medoid): \(String(format: "%.10g", fit.objective)); "
                       + "quality (WeightedCluster): ASW \(asw.map { String(format: "%.4f", $0) } ?? "n/a"), "
                       + "PBC \(pbc.map { String(format: "%.4f", $0) } ?? "n/a"), HC \(hc.map { String(format: "%.4f", $0) } ?? "n/a")."]
        if !showIDs { t.footnotes.append("Medoid ids and the assignment identify records: shown only with --no-disclosure-control" + (out != nil ? "; the assignment is in \(out ?? "")." : ".")) }
        run.add(t)
        let ids = data.ids, medoids = fit.medoids, assignment = fit.assignment, objective = fit.objective
        let methodName = input.method.rawValue
        let kk = k
        let clusteringName = clustering.rawValue
        let sizeIDs = sizes
        run.json = { decisions in
            var clusters: [JSONValue] = []
            for c in 0..<medoids.count {
                clusters.append(.object([("cluster", .number(Double(c + 1))), ("size", decisions.json(sizeIDs[c])),
                                         ("medoid", showIDs ? .string(ids[medoids[c]]) : .null)]))
            }
            var fields: [(String, JSONValue)] = [
                ("model", .string("sequences-cluster")), ("method", .string(methodName)), ("clustering", .string(clusteringName)),
                ("k", .number(Double(kk))), ("objective", .number(objective)),
                ("quality", .object([("asw", asw.map { .number($0) } ?? .null), ("pbc", pbc.map { .number($0) } ?? .null),
                                     ("hc", hc.map { .number($0) } ?? .null)])),
                ("n", decisions.json(total)), ("clusters", .array(clusters)),
            ]
            if showIDs {
                fields.append(("assignment", .array(zip(ids, assignment).map {
                    .object([("id", .string($0.0)), ("cluster", .number(Double($0.1)))]) })))
            }
            return .object(fields)
        }
        try Console.publish(run, options: options)
    }
}

private func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
