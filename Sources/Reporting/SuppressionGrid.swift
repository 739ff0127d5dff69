/// The linear structure behind a table with totals, shared by suppression and auditing.
///
/// A two-way table of `r × c` counts with row totals, column totals and grand total is held as an augmented
/// `(r+1) × (c+1)` grid: entry `(i, c)` is row total `i`, entry `(r, j)` column total `j`, entry `(r, c)` the grand
/// total. Every row and every column of the grid (the totals row and totals column included) is one *line*: its
/// entries other than the last add up to the last. A one-way table of k counts with a total is held as a
/// 1 × (k+1) grid whose only line is its row.
struct SuppressionGrid {
    /// Row-major values, `rows × columns`.
    var values: [[Int]]
    var suppressed: [[SuppressionReason?]]
    /// Whether column lines are constraints (false for a one-way table, whose only constraint is its row).
    let hasColumnLines: Bool
    var rows: Int { values.count }
    var columns: Int { values.first?.count ?? 0 }

    /// A line: its entries as (row, column); the last entry is the line's total.
    func lines() -> [[(Int, Int)]] {
        var out: [[(Int, Int)]] = []
        for i in 0..<rows { out.append((0..<columns).map { (i, $0) }) }
        if hasColumnLines { for j in 0..<columns { out.append((0..<rows).map { ($0, j) }) } }
        return out
    }

    /// Rank used to prefer complements: interior cells before totals, totals before the grand total.
    func rank(_ i: Int, _ j: Int) -> Int {
        let totalRow = hasColumnLines && i == rows - 1
        let totalColumn = j == columns - 1
        return (totalRow ? 1 : 0) + (totalColumn ? 1 : 0)
    }

    /// The preferred complement among candidate entries: the smallest count, avoiding zeros (a zero complement
    /// can pin a suppressed value through non-negativity) and totals (which users most want published), ties
    /// broken by position (row-major). Returns nil when there is no candidate.
    func bestComplement(_ candidates: [(Int, Int)]) -> (Int, Int)? {
        candidates.min { a, b in
            let ka = (values[a.0][a.1] == 0 ? 1 : 0, rank(a.0, a.1), values[a.0][a.1], a.0, a.1)
            let kb = (values[b.0][b.1] == 0 ? 1 : 0, rank(b.0, b.1), values[b.0][b.1], b.0, b.1)
            return ka < kb
        }
    }

    /// Applies secondary suppression until every suppressed entry is protected (the rule is stated on
    /// ``DisclosureControl``). Terminates: each pass suppresses one more entry.
    mutating func applySecondarySuppression() {
        let allLines = lines()
        while true {
            // 1. A line with exactly one suppressed entry: that entry equals total minus the rest (or the total is
            //    the sum of the parts). Suppress the best other entry of the line.
            if let line = allLines.first(where: { $0.filter { suppressed[$0.0][$0.1] != nil }.count == 1 }) {
                let candidates = line.filter { suppressed[$0.0][$0.1] == nil }
                guard let pick = bestComplement(candidates) else { return }
                suppressed[pick.0][pick.1] = .secondary
                continue
            }
            // 2. A suppressed entry on no cycle of the suppressed-entry graph is still fixed by the margins even
            //    though each of its lines has two suppressed entries; link the two sides of that bridge.
            guard hasColumnLines, let bridge = SuppressionGraph(self).bridges().first else { return }
            let graph = SuppressionGraph(self)
            let (sideA, sideB) = graph.sides(ofBridge: bridge)
            var candidates: [(Int, Int)] = []
            for i in 0..<rows {
                for j in 0..<columns where suppressed[i][j] == nil {
                    let rowNode = i, columnNode = rows + j
                    if (sideA.contains(rowNode) && sideB.contains(columnNode))
                        || (sideB.contains(rowNode) && sideA.contains(columnNode)) {
                        candidates.append((i, j))
                    }
                }
            }
            guard let pick = bestComplement(candidates) else { return }
            suppressed[pick.0][pick.1] = .secondary
        }
    }
}

/// The bipartite graph of suppressed entries: one node per grid row (ids `0..<rows`) and per grid column (ids
/// `rows..<rows+columns`), one edge per suppressed entry joining its row and column.
///
/// Because every line of the augmented grid sums to zero once totals are given a minus sign, the changes to the
/// suppressed entries that keep every published value and every line sum are exactly the cycle space of this
/// graph: a suppressed entry can move (ignoring non-negativity) if and only if its edge lies on a cycle, i.e. is
/// not a bridge. Bridges are found with Tarjan's (1974) low-link method in O(V + E).
struct SuppressionGraph {
    let nodeCount: Int
    let rows: Int
    /// Adjacency: (neighbour, edge id); edge ids index `edges`.
    var adjacency: [[(Int, Int)]]
    var edges: [(row: Int, column: Int)]

    init(_ grid: SuppressionGrid) {
        rows = grid.rows
        nodeCount = grid.rows + grid.columns
        adjacency = Array(repeating: [], count: nodeCount)
        edges = []
        for i in 0..<grid.rows {
            for j in 0..<grid.columns where grid.suppressed[i][j] != nil {
                let id = edges.count
                edges.append((i, j))
                adjacency[i].append((rows + j, id))
                adjacency[rows + j].append((i, id))
            }
        }
    }

    /// Suppressed entries whose edge is a bridge, in row-major order.
    func bridges() -> [(row: Int, column: Int)] {
        var discovery = Array(repeating: -1, count: nodeCount)
        var low = Array(repeating: 0, count: nodeCount)
        var isBridge = Array(repeating: false, count: edges.count)
        var time = 0
        // Iterative depth-first search: stack of (node, parent edge id, next adjacency index).
        for root in 0..<nodeCount where discovery[root] < 0 {
            var stack: [(node: Int, parentEdge: Int, next: Int)] = [(root, -1, 0)]
            discovery[root] = time; low[root] = time; time += 1
            while !stack.isEmpty {
                let top = stack.count - 1
                let (u, parentEdge, next) = stack[top]
                if next < adjacency[u].count {
                    stack[top].next += 1
                    let (v, edge) = adjacency[u][next]
                    if edge == parentEdge { continue }
                    if discovery[v] < 0 {
                        discovery[v] = time; low[v] = time; time += 1
                        stack.append((v, edge, 0))
                    } else {
                        low[u] = min(low[u], discovery[v])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.node] = min(low[parent.node], low[u])
                        if low[u] > discovery[parent.node] { isBridge[parentEdge] = true }
                    }
                }
            }
        }
        return edges.indices.filter { isBridge[$0] }.map { edges[$0] }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// The node sets on either side of a bridge once it is removed: (side of its row node, side of its column node).
    func sides(ofBridge bridge: (row: Int, column: Int)) -> (Set<Int>, Set<Int>) {
        func component(from start: Int) -> Set<Int> {
            var seen: Set<Int> = [start]
            var queue = [start]
            while let u = queue.popLast() {
                for (v, edge) in adjacency[u] {
                    let e = edges[edge]
                    if e.row == bridge.row && e.column == bridge.column { continue }
                    if seen.insert(v).inserted { queue.append(v) }
                }
            }
            return seen
        }
        return (component(from: bridge.row), component(from: rows + bridge.column))
    }
}
