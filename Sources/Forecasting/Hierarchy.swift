/// A hierarchy of series for reconciliation: bottom units (LAs) each with a parent (a region), parents with their
/// own parents, up to one top (England). Built from `unit,parent` pairs (`--hierarchy FILE`).
///
/// Nodes are ordered top first, then by level, each level in first-seen order; ``bottom`` lists the leaves in the
/// order of the pairs. ``summing`` is the summing matrix S (nodes × leaves): `S[i][j] = 1` when leaf `j` lies
/// under (or is) node `i`.
public struct Hierarchy: Sendable, Equatable {
    public let nodes: [String]
    public let bottom: [String]
    public let parent: [String: String]
    public let summing: [[Double]]
    public var top: String { nodes[0] }

    /// Builds the hierarchy; throws on a cycle, on more than one top, or on a unit with two parents.
    public init(pairs: [(unit: String, parent: String)]) throws(ForecastError) {
        var parent: [String: String] = [:]
        var order: [String] = []
        for (u, p) in pairs {
            guard u != p else { throw .invalidOption("hierarchy: \(u) is its own parent") }
            if let q = parent[u], q != p { throw .invalidOption("hierarchy: \(u) has two parents, \(q) and \(p)") }
            parent[u] = p
            for x in [u, p] where !order.contains(x) { order.append(x) }
        }
        let children = Set(parent.values)
        let tops = order.filter { parent[$0] == nil }
        guard tops.count == 1 else {
            throw .invalidOption("hierarchy: needs exactly one top (a parent with no parent of its own), found \(tops.count): \(tops.prefix(5).joined(separator: ", "))")
        }
        var depth: [String: Int] = [:]
        for x in order {
            var d = 0, y = x
            while let p = parent[y] {
                d += 1
                y = p
                guard d <= order.count else { throw .invalidOption("hierarchy: cycle through \(x)") }
            }
            depth[x] = d
        }
        let leaves = order.filter { !children.contains($0) }
        let sorted = order.enumerated().sorted { (depth[$0.element]!, $0.offset) < (depth[$1.element]!, $1.offset) }.map(\.element)
        self.nodes = sorted
        self.bottom = leaves
        self.parent = parent
        var s: [[Double]] = []
        for node in sorted {
            s.append(leaves.map { leaf in
                var y: String? = leaf
                while let z = y { if z == node { return 1 }; y = parent[z] }
                return 0
            })
        }
        self.summing = s
    }

    /// Sums bottom-level values up the hierarchy (S·b).
    public func aggregate(_ bottomValues: [Double]) -> [Double] {
        summing.map { row in zip(row, bottomValues).reduce(0) { $0 + $1.0 * $1.1 } }
    }
}
