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
        abstract: "State sequences: distances (OM, OMspell, Hamming, DHD, LCS), clustering, descriptives and safe figures.",
        subcommands: [SequencesDistancesCommand.self, SequencesClusterCommand.self, SequencesDescribeCommand.self,
                      SequencesPlotCommand.self]
    )
    public init() {}
}

/// The input options shared by `sequences distances` and `sequences cluster`: where the sequences come from
/// (``SequenceSourceOptions``: long, wide, SSDA903 or the synthetic default). The distance options are
/// ``SequenceDistanceOptions``.
public struct SequenceInputOptions: ParsableArguments {
    @OptionGroup public var source: SequenceSourceOptions

    public init() {}

    var file: String { source.name }
    var weight: String? { source.weight }

    /// Reads the sequences (long, wide, SSDA903 or the synthetic default).
    func load(seed: UInt64? = nil) throws -> StateSequences { try source.load(seed: seed).data }
}

/// `carestat sequences distances FILE ... --out FILE`: the full n × n distance matrix (CSV, .npy or condensed).
public struct SequencesDistancesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "distances",
        abstract: "Pairwise distances between state sequences, written as an n × n matrix (CSV, NumPy .npy or condensed).",
        discussion: """
            Example:
              carestat sequences distances histories.csv --id child --time month --state state \\
                --method om --sub trate --indel auto --out dist.csv
            The matrix has the ids as header row and first column, in first-appearance order (npy and condensed: \
            the ids in OUT.ids.csv); it is per-person data for analysis and goes only to --out. Distances are \
            computed between unique sequences and expanded; they match TraMineR's seqdist. Sequences may differ in \
            length (not for ham and dhd); missing states before a sequence's end are refused. When the matrix among \
            distinct sequences would exceed --max-memory, rows are computed a block at a time and streamed to the file.
            """
    )
    @OptionGroup public var input: SequenceInputOptions
    @OptionGroup public var distance: SequenceDistanceOptions
    @OptionGroup public var matrix: MatrixOutputOptions
    @OptionGroup public var memory: SequenceMemoryOptions
    @Option(help: "Write the matrix to this file.") public var out: String
    @OptionGroup public var options: GlobalOptions
    public init() {}

    public func run() throws {
        let data = try input.load(seed: options.seed)
        let engine = try distance.engine(data, file: file)
        let written = try DistanceMatrixWriter.write(engine, ids: data.ids, to: out, options: matrix, budget: try memory.budget(), threads: memory.threads)
        var run = RunOutput(population: "sequences (ids) in \(file)")
        let n = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        let u = run.ledger.count(engine.uniqueCount, role: .cell, label: "distinct sequences")
        var t = ResultTable(name: "sequence_distances", title: "Sequence distances: \(URL(fileURLWithPath: file).lastPathComponent)",
                            columns: [Column("Distance", key: "distance", alignment: .left), Column("Sequences", key: "n"),
                                      Column("Distinct", key: "distinct"), Column("Written to", key: "file", alignment: .left)])
        t.append([.plain(.text(distance.describe(engine.resolved))), .count(n), .count(u), .plain(.text(out))])
        t.footnotes = ["The matrix is per-person data: keep it inside the secure environment."]
        if matrix.matrixFormat != .csv {
            t.footnotes.append("\(matrix.matrixFormat == .npy ? "NumPy .npy, n × n" : "NumPy .npy, the condensed upper triangle (scipy squareform order)"), "
                               + "\(matrix.float32 ? "float32" : "float64"); ids in \(written.idsFile ?? "").")
        }
        if written.streamed {
            t.footnotes.append("The matrix among distinct sequences (\(gigabytes(engine.condensedBytes))) exceeds the memory budget: rows were computed in blocks and streamed to the file.")
        }
        run.add(t)
        try Console.publish(run, options: options)
    }
    var file: String { input.file }
}

/// `carestat sequences cluster FILE ... --k 6`: PAM, FasterPAM, CLARA or hierarchical clustering on the distances.
public struct SequencesClusterCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster state sequences: PAM, FasterPAM, CLARA (k-medoids) or Ward/average/complete linkage cut at k.",
        discussion: """
            --k 6 gives one typology; --k 2..10 a table of quality (ASW, PBC, HC, WeightedCluster's) for each k. \
            With ward, average or complete the tree is cut at k and each cluster's medoid is its member with the least \
            total distance to the others; the objective is the same sum as PAM's (distance of each sequence to its \
            cluster's medoid). clara never forms the n × n matrix: it runs PAM on --clara-samples random samples of \
            --clara-sample-size sequences (seeded by --seed, default 1) and keeps the medoids with the least objective \
            over ALL sequences (quality indicators need the full matrix and are not computed).
            Example:
              carestat sequences cluster histories.csv --id child --time month --state state --sub trate --k 6 \\
                --out clusters.csv --format json
            Cluster sizes are counts of people and go through disclosure control (related to the total, so a \
            withheld size cannot be recovered by subtraction). The per-id assignment and the medoid ids identify \
            records: they are written to --out (CSV id,cluster) and shown in the output only with \
            --no-disclosure-control; a medoid's sequence is shown only when at least the disclosure threshold of \
            people have exactly that sequence. PAM matches WeightedCluster's wcKMedoids (PAMonce, BUILD start); ties \
            go to the lowest row in first-appearance order (BUILD: the last, as sequenzo).
            """
    )
    @OptionGroup public var input: SequenceInputOptions
    @OptionGroup public var distance: SequenceDistanceOptions
    @OptionGroup public var memory: SequenceMemoryOptions
    public enum Clustering: String, ExpressibleByArgument, CaseIterable, Sendable { case pam, fasterpam, clara, ward, average, complete }
    public enum Start: String, ExpressibleByArgument, CaseIterable, Sendable { case build, ward }
    @Option(help: "Number of clusters, or a range such as 2..10 (a quality table per k).") public var k: String
    @Option(help: "pam (BUILD then swap), fasterpam (eager swap), clara (PAM on samples; for 100,000+ sequences), ward (hclust ward.D2), average or complete linkage.")
    public var clustering: Clustering = .pam
    @Option(help: "Start of pam and fasterpam: build (deterministic BUILD) or ward (the medoids of Ward's clusters).")
    public var start: Start = .build
    @Option(help: "clara: number of samples (default 100, as WeightedCluster's seqclararange).") public var claraSamples: Int = 100
    @Option(help: "clara: sequences per sample (default 40 + 2k, as cluster::clara).") public var claraSampleSize: Int?
    @Option(help: "Write the assignment (CSV: id then one cluster column per k) to this file.") public var out: String?
    @Option(help: "Cluster the matrix written by `sequences distances --matrix-format npy|condensed` (.npy, ids from FILE.ids.csv) instead of computing distances; no sequence FILE then (medoid sequences are not shown). Not with clara.")
    public var distances: String?
    @Flag(help: "Compute WeightedCluster's quality indicators (ASW, PBC, HC) for a single k (a range of k always computes them). HC sorts the n(n+1)/2 matrix entries once (O(n² log n), 16 bytes each), shared by every k.")
    public var quality = false
    @OptionGroup public var options: GlobalOptions
    public init() {}

    var ks: [Int] {
        if let r = k.range(of: "..") {
            guard let a = Int(k[..<r.lowerBound]), let b = Int(k[r.upperBound...]), a <= b else { return [] }
            return Array(a...b)
        }
        return Int(k).map { [$0] } ?? []
    }

    public func validate() throws {
        guard let first = ks.first, first >= 1 else { throw ValidationError("--k must be a whole number ≥ 1 or a range such as 2..10, got \(k)") }
        guard claraSamples >= 1 else { throw ValidationError("--clara-samples must be ≥ 1, got \(claraSamples)") }
        if let s = claraSampleSize, s < (ks.last ?? 1) { throw ValidationError("--clara-sample-size must be at least k, got \(s)") }
        if distances != nil {
            if input.source.file != nil || input.source.ssda903 != nil { throw ValidationError("give a sequence FILE (or --ssda903) or --distances, not both") }
            if clustering == .clara { throw ValidationError("--clustering clara computes distances from the sequences; it does not take --distances") }
        }
    }

    public func run() throws {
        let fromFile = try distances.map { try DistanceMatrixReader.read($0) }
        let data: StateSequences? = fromFile == nil ? try input.load(seed: options.seed) : nil
        let engine = try data.map { try distance.engine($0, file: input.file) }
        let ids = fromFile?.ids ?? data?.ids ?? []
        let weighted = input.weight != nil
        let w = weighted ? data?.weights : nil
        let inputName = distances.map { URL(fileURLWithPath: $0).lastPathComponent } ?? input.file
        let hierarchical: WardTree.Variant? = [.ward: .wardD2, .average: .average, .complete: .complete][clustering]
        if hierarchical != nil && weighted {
            throw UserError("--clustering \(clustering.rawValue) does not take --weight (weighted hierarchical clustering is not implemented); use pam, fasterpam or clara")
        }
        guard let maxK = ks.last, maxK <= ids.count else { throw UserError("--k \(k): there are \(ids.count) sequences") }
        let budget = try memory.budget()
        if let engine, clustering != .clara && engine.condensedBytes > budget {
            throw UserError("the distance matrix among \(engine.uniqueCount) distinct sequences needs \(gigabytes(engine.condensedBytes)), over the memory budget (\(gigabytes(budget)); --max-memory): use --clustering clara, which never forms it")
        }
        let seed = options.seed ?? 1
        // Quality: on request for one k, always for a range; Hubert's C shares one sort of the entries across k.
        let wantQuality = quality || ks.count > 1
        // From a file the clustering runs on the square matrix read in place; the condensed form only for quality.
        let square = fromFile?.matrix
        let d = square.map { wantQuality ? $0.condensed() : nil } ?? (clustering == .clara ? nil : engine!.condensed(threads: memory.threads))
        let hasMatrix = square != nil || d != nil
        let sortedEntries = wantQuality ? d.map { ClusterQuality.SortedEntries($0, weights: w) } : nil
        let tree = hierarchical.map { v in square.map { WardTree.fit($0, variant: v) } ?? WardTree.fit(d!, variant: v) }
        func medoids(_ assignment: [Int]) throws(SequenceError) -> KMedoidsResult {
            if let square { return try KMedoids.medoids(square, assignment: assignment) }
            return try KMedoids.medoids(d!, assignment: assignment)
        }
        var fits: [(k: Int, fit: KMedoidsResult, asw: Double?, pbc: Double?, hc: Double?)] = []
        do {
            for kk in ks {
                let fit: KMedoidsResult
                switch clustering {
                case .clara:
                    fit = try CLARA.fit(engine!, k: kk, weights: w, samples: claraSamples, sampleSize: claraSampleSize, seed: seed, threads: memory.threads).fit
                case .ward, .average, .complete:
                    fit = try medoids(try tree!.cut(kk))
                case .pam, .fasterpam:
                    var initial: [Int]? = nil
                    if start == .ward {
                        if weighted { throw UserError("--start ward does not take --weight (Ward is unweighted here); use --start build") }
                        initial = try medoids(try (square.map { WardTree.fit($0) } ?? WardTree.fit(d!)).cut(kk)).medoids
                    }
                    if let square {
                        fit = clustering == .pam ? try KMedoids.fit(square, k: kk, weights: w, initial: initial)
                                                 : try FasterPAM.fit(square, k: kk, weights: w, initial: initial)
                    } else {
                        fit = clustering == .pam ? try KMedoids.fit(d!, k: kk, weights: w, initial: initial)
                                                 : try FasterPAM.fit(d!, k: kk, weights: w, initial: initial)
                    }
                }
                let q = wantQuality ? d.map { m in (ClusterQuality.averageSilhouetteWidth(m, assignment: fit.assignment, weights: w),
                                      ClusterQuality.pointBiserialCorrelation(m, assignment: fit.assignment, weights: w),
                                      ClusterQuality.hubertC(m, assignment: fit.assignment, weights: w, sorted: sortedEntries)) } : nil
                fits.append((kk, fit, q?.0 ?? nil, q?.1 ?? nil, q?.2 ?? nil))
            }
        } catch let e as SequenceError { throw UserError("\(inputName): \(e)") }
        if let out {
            var text = "id," + ks.map { ks.count == 1 ? "cluster" : "cluster_k\($0)" }.joined(separator: ",") + "\n"
            for (i, id) in ids.enumerated() { text += csvField(id) + "," + fits.map { String($0.fit.assignment[i]) }.joined(separator: ",") + "\n" }
            try Console.write(text, to: out)
        }
        let showIDs = options.noDisclosureControl
        let methodLabel: String = ["pam": "PAM", "fasterpam": "FasterPAM", "clara": "CLARA", "ward": "Ward (ward.D2)",
                                   "average": "Average linkage", "complete": "Complete linkage"][clustering.rawValue]!
        func f(_ x: Double?) -> ResultCell { .plain(x.map { .number($0, significantDigits: 4) } ?? .missing) }
        var run = RunOutput(population: "sequences (ids) in \(inputName)")
        let total = run.ledger.count(ids.count, role: .rowsUsed, label: "sequences")
        let describe = engine.map { distance.describe($0.resolved) } ?? "\(inputName)'s"
        var seedNote: [String] = []
        if clustering == .clara {
            seedNote = ["CLARA: \(claraSamples) samples of \(claraSampleSize.map(String.init) ?? "40 + 2k") sequences, seed \(seed); the objective is over all \(ids.count) sequences. Quality indicators need the full matrix: not computed."]
        }
        if ks.count > 1 {
            var t = ResultTable(name: "cluster_quality", title: "\(methodLabel) clusters of \(describe) distances: quality by k",
                                columns: [Column("k", key: "k"), Column("Objective", key: "objective"), Column("ASW", key: "asw"),
                                          Column("PBC", key: "pbc"), Column("HC", key: "hc")])
            for r in fits { t.append([.plain(.integer(r.k)), .plain(.number(r.fit.objective, significantDigits: 10)), f(r.asw), f(r.pbc), f(r.hc)]) }
            t.footnotes = ["Objective: Σ weight × distance to the cluster medoid. WeightedCluster's quality indicators: ASW and PBC higher is better, HC lower is better."] + seedNote
            t.append([.plain(.text("n")), .count(total), .plain(.missing), .plain(.missing), .plain(.missing)])
            run.add(t)
            let rows = fits.map { r in (r.k, r.fit.objective, r.asw, r.pbc, r.hc) }
            let name = clustering.rawValue, methodName = fromFile == nil ? distance.method.rawValue : "file"
            run.json = { decisions in
                .object([("model", .string("sequences-cluster")), ("method", .string(methodName)), ("clustering", .string(name)),
                         ("n", decisions.json(total)),
                         ("quality_by_k", .array(rows.map { r in .object([("k", .number(Double(r.0))), ("objective", .number(r.1)),
                                                                          ("asw", r.2.map { .number($0) } ?? .null), ("pbc", r.3.map { .number($0) } ?? .null),
                                                                          ("hc", r.4.map { .number($0) } ?? .null)]) }))])
            }
            try Console.publish(run, options: options)
            return
        }
        let (kk, fit, asw, pbc, hc) = fits[0]
        var sizes: [CountID] = []
        for c in 1...fit.medoids.count {
            sizes.append(run.ledger.count(fit.assignment.filter { $0 == c }.count, role: .cell, label: "cluster \(c)"))
        }
        run.ledger.relate(total: total, parts: sizes)
        // A medoid's sequence is shown when at least the disclosure threshold of people share it exactly.
        var copies: [Int: Int] = [:]
        for u in engine?.uniqueIndex ?? [] { copies[u, default: 0] += 1 }
        let medoidSequences: [String?] = fit.medoids.map { m in
            guard let engine, let data else { return nil }   // --distances: no sequences
            let shared = copies[engine.uniqueIndex[m]] ?? 0
            return showIDs || shared >= options.disclosureThreshold ? spellText(data.states[m], data.alphabet) : nil
        }
        var t = ResultTable(name: "clusters", title: "\(methodLabel) clusters (k = \(kk)) of \(describe) distances",
                            columns: [Column("Cluster", key: "cluster"), Column("Size", key: "size"),
                                      Column("Medoid id", key: "medoid", alignment: .left),
                                      Column("Medoid sequence", key: "medoid_sequence", alignment: .left)])
        for c in 0..<fit.medoids.count {
            t.append([.plain(.integer(c + 1)), .count(sizes[c]), .plain(showIDs ? .text(ids[fit.medoids[c]]) : .missing),
                      .plain(medoidSequences[c].map { .text($0) } ?? .missing)])
        }
        t.append([.plain(.text("Total")), .count(total), .plain(.missing), .plain(.missing)])
        t.footnotes = ["Objective (Σ weight × distance to the medoid): \(String(format: "%.10g", fit.objective))"
                       + (!hasMatrix ? "." : "; ") + (!hasMatrix ? "" : !wantQuality ? "quality indicators (ASW, PBC, HC) not computed: add --quality." :
                       "quality (WeightedCluster): ASW \(asw.map { String(format: "%.4f", $0) } ?? "n/a"), "
                       + "PBC \(pbc.map { String(format: "%.4f", $0) } ?? "n/a"), HC \(hc.map { String(format: "%.4f", $0) } ?? "n/a").")] + seedNote
        if !showIDs {
            t.footnotes.append("Medoid ids and the assignment identify records: shown only with --no-disclosure-control" + (out != nil ? "; the assignment is in \(out ?? "")." : "."))
            t.footnotes.append("A medoid sequence (state×months, spells) is shown only when at least \(options.disclosureThreshold) people have exactly that sequence.")
        }
        run.add(t)
        let medoids = fit.medoids, assignment = fit.assignment, objective = fit.objective
        let methodName = fromFile == nil ? distance.method.rawValue : "file"
        let clusteringName = clustering.rawValue
        let sizeIDs = sizes
        run.json = { decisions in
            var clusters: [JSONValue] = []
            for c in 0..<medoids.count {
                clusters.append(.object([("cluster", .number(Double(c + 1))), ("size", decisions.json(sizeIDs[c])),
                                         ("medoid", showIDs ? .string(ids[medoids[c]]) : .null),
                                         ("medoid_sequence", medoidSequences[c].map { .string($0) } ?? .null)]))
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

/// A sequence as its spells, "state×length" joined by " / " (e.g. "home×24 / care×12").
private func spellText(_ s: [Int], _ alphabet: Alphabet) -> String {
    var parts: [String] = []
    var i = 0
    while i < s.count {
        var j = i
        while j < s.count && s[j] == s[i] { j += 1 }
        parts.append("\(s[i] == StateSequences.missing ? "*" : alphabet.labels[s[i]])×\(j - i)")
        i = j
    }
    return parts.joined(separator: " / ")
}

private func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
