import Foundation
public import Reporting
public import Sequences
import CareData

/// A typology of care histories (McGrath-Lone et al.; seed 003 §4, domain notes §3.3): monthly care states from
/// birth to 18 of the children ever in care, optimal-matching distances, Ward's hierarchical clustering cut at k and
/// PAM (k-medoids) at k, the clusters' sizes and medoids (as state runs, never ids), figures, and the published
/// group shares beside the clusters' shares.
///
/// Ward then PAM (as McGrath-Lone et al.): Ward's tree (ward.D2) is cut at k, each Ward cluster's medoid (its member
/// with the least total distance to the others) starts PAM's swap phase, and PAM's partition is the typology reported;
/// Ward's cluster sizes and both objectives (Σ distance to the medoid) are shown so the two can be compared (PAM's is
/// never larger, since its swaps only lower the objective from Ward's medoids).
public struct CarePathwaysAnalysis: Sendable {
    public var fromAge: Int
    public var toAge: Int
    public var distance: DistanceMethod
    public var clusters: Int
    /// Ages (whole years) of the pathway flow's stages.
    public var flowAges: [Int]

    public init(fromAge: Int = 0, toAge: Int = 18,
                distance: DistanceMethod = .optimalMatching(substitution: .transitionRates, indel: .auto),
                clusters: Int = 6, flowAges: [Int] = [1, 5, 10, 17]) {
        self.fromAge = fromAge; self.toAge = toAge; self.distance = distance; self.clusters = clusters; self.flowAges = flowAges
    }

    /// What the analysis computed.
    public struct Result: Sendable {
        public let histories: CareHistories
        public let indel: Double?
        /// PAM clusters renumbered by size (1 = largest; ties by medoid row), their medoid rows and sizes.
        public let assignment: [Int]
        public let medoids: [Int]
        public let sizes: [Int]
        public let objective: Double
        public let wardSizes: [Int]
        public let wardObjective: Double
    }

    public func compute(on files: CareRecordFiles) throws -> Result {
        let h = try CareHistories.derive(files.inputs, fromAge: fromAge, toAge: toAge, step: .month, everInCare: true)
        do {
            let (d, resolved) = try SequenceDistances.compute(h.sequences, method: distance)
            let ward = try KMedoids.medoids(d, assignment: try WardTree.fit(d).cut(clusters))
            let pam = try KMedoids.fit(d, k: clusters, initial: ward.medoids)
            // Renumber PAM's clusters by size, largest first.
            let k = pam.medoids.count
            let size = (1...k).map { c in pam.assignment.filter { $0 == c }.count }
            let order = (0..<k).sorted { (size[$0], -pam.medoids[$0]) > (size[$1], -pam.medoids[$1]) }
            var newLabel = [Int](repeating: 0, count: k)
            for (rank, old) in order.enumerated() { newLabel[old] = rank + 1 }
            let wardSizes = (1...ward.medoids.count).map { c in ward.assignment.filter { $0 == c }.count }.sorted(by: >)
            return Result(histories: h, indel: resolved.indel, assignment: pam.assignment.map { newLabel[$0 - 1] },
                          medoids: order.map { pam.medoids[$0] }, sizes: order.map { size[$0] }, objective: pam.objective,
                          wardSizes: wardSizes, wardObjective: ward.objective)
        } catch { throw SpecError.badData("care-pathways: \(error)") }
    }

    /// Count identifiers the published comparison refers to.
    public struct Counts: Sendable {
        public let total: CountID
        public let sizes: [CountID]
    }

    /// Adds the tables and figures; returns the identifiers of the total and the cluster sizes.
    public func add(_ r: Result, to output: inout RunOutput) throws -> Counts {
        let data = r.histories.sequences
        let palette = StatePalette.defaultPalette(for: data.alphabet)
        let total = output.ledger.count(data.count, role: .rowsUsed, label: "children ever in care")
        let sizes = r.sizes.enumerated().map { output.ledger.count($1, role: .cell, label: "cluster \($0 + 1)") }
        output.ledger.relate(total: total, parts: sizes)
        let inCare = Set(data.alphabet.labels.indices.filter { CareHistories.inCareStates.contains(data.alphabet.labels[$0]) })
        var t = ResultTable(name: "care-pathway-clusters",
                            title: "Care pathway clusters: PAM (k = \(clusters)) on \(distanceLabel(r.indel)) distances",
                            columns: [Column("Cluster", key: "cluster"), Column("Children", key: "n"), Column("Share %", key: "percent"),
                                      Column("Mean months in care", key: "months_in_care"),
                                      Column("Mean age at first entry (years)", key: "age_first_entry"),
                                      Column("Medoid (state runs, months)", key: "medoid", alignment: .left)])
        for c in 0..<r.sizes.count {
            let members = r.assignment.indices.filter { r.assignment[$0] == c + 1 }
            let months = members.map { i in Double(data.states[i].filter { inCare.contains($0) }.count) }
            let firsts = members.compactMap { i in data.states[i].firstIndex { inCare.contains($0) }.map { Double($0) / 12 } }
            func mean(_ x: [Double]) -> Cell { x.isEmpty ? .missing : .number(x.reduce(0, +) / Double(x.count), significantDigits: 3) }
            let medoid = data.states[r.medoids[c]]
            let sharing = output.ledger.count(data.states.reduce(0) { $0 + ($1 == medoid ? 1 : 0) }, role: .cell,
                                              label: "cluster \(c + 1): children with exactly the medoid's history")
            t.append([.plain(.integer(c + 1)), .count(sizes[c]),
                      .revealing(.number(100 * Double(r.sizes[c]) / Double(data.count), significantDigits: 3), reveals: [sizes[c], total]),
                      .revealing(mean(months), reveals: [sizes[c]]), .revealing(mean(firsts), reveals: [sizes[c]]),
                      .revealing(.text(SequenceDescriptives.describeRuns(medoid, alphabet: data.alphabet)),
                                 reveals: [sizes[c], sharing])])
        }
        t.append([.plain(.text("Total")), .count(total)])
        t.footnotes = [
            "Clusters numbered by size. A medoid is the member with the least total distance to the others, described by its "
                + "state runs (never its id). It is one child's history, so it is shown only when at least the disclosure threshold "
                + "of children have exactly that history (and the cluster's size is published).",
            "Objective (Σ distance to the medoid): PAM \(String(format: "%.10g", r.objective)), Ward (ward.D2, cut at \(clusters)) "
                + "\(String(format: "%.10g", r.wardObjective)). PAM starts from Ward's medoids.",
        ]
        output.add(t)
        let wardIDs = r.wardSizes.enumerated().map { output.ledger.count($1, role: .cell, label: "Ward cluster \($0 + 1)") }
        let wardTotal = output.ledger.count(data.count, role: .rowsUsed, label: "children ever in care (Ward)")
        output.ledger.relate(total: wardTotal, parts: wardIDs)
        output.ledger.relate(total: total, parts: [wardTotal])
        var w = ResultTable(name: "ward-clusters", title: "Ward (ward.D2) clusters cut at \(clusters), by size",
                            columns: [Column("Cluster", key: "cluster"), Column("Children", key: "n")])
        for (i, id) in wardIDs.enumerated() { w.append([.plain(.integer(i + 1)), .count(id)]) }
        output.add(w)

        let groups = (labels: (1...r.sizes.count).map { "Cluster \($0)" }, of: r.assignment.map { $0 - 1 })
        let panelSizes = SequenceFigureRuns.stateDistribution(data, palette: palette, unit: "month", groups: groups, into: &output)
        let medoidSizes = SequenceFigureRuns.representatives(data, palette: palette, unit: "month",
                                           rows: r.medoids.enumerated().map { (label: "Cluster \($0 + 1)", states: data.states[$1], size: r.sizes[$0]) },
                                           name: "medoids", title: "Cluster medoids", proportional: false, individual: true,
                                           into: &output)
        // The figures' tables show the same cluster sizes under their own identifiers: tie them to the clusters table,
        // so that every table of the run withholds the same sizes.
        for c in sizes.indices {
            output.ledger.relate(total: sizes[c], parts: [panelSizes[c]])
            output.ledger.relate(total: sizes[c], parts: [medoidSizes[c]])
        }
        let stages = flowAges.map { 12 * ($0 - fromAge) }.filter { $0 >= 0 && $0 < data.maxLength }
        if stages.count >= 2 {
            do {
                try SequenceFigureRuns.pathwayFlow(data, palette: palette, stages: stages,
                                                   labels: stages.map { "age \($0 / 12 + fromAge)" }, into: &output)
            } catch { throw SpecError.badData("care-pathways flow: \(error)") }
        }
        return Counts(total: total, sizes: sizes)
    }

    func distanceLabel(_ indel: Double?) -> String {
        switch distance {
        case let .optimalMatching(sub, _):
            let s: String
            switch sub { case .transitionRates: s = "TRATE"; case .constant(let c): s = "constant \(c)"; case .matrix: s = "user" }
            return "OM (\(s) substitution costs, indel \(indel.map { String(format: "%.6g", $0) } ?? "auto"))"
        default: return distance.name
        }
    }
}

extension CarePathwaysAnalysis.Result {
    /// CareStat's value for a published figure: a cluster's share of the children (percent), the clusters matched to
    /// the published groups by rank of size (the published groups are named by content; the synthetic data's clusters
    /// are not labelled, so the comparison is of the size distribution).
    public func reproduce(_ q: PublishedFigure.Quantity, counts: CarePathwaysAnalysis.Counts) -> ReproducedFigure? {
        guard case let .clusterShare(rank, _) = q, rank >= 1, rank <= sizes.count else { return nil }
        let n = histories.sequences.count
        return ReproducedFigure(100 * Double(sizes[rank - 1]) / Double(n),
                                reveals: [counts.sizes[rank - 1], counts.total])
    }
}
