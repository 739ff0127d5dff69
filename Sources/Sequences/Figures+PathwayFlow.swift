/// The flows of people between states at chosen positions (ages or dates): a Sankey diagram's counts.
public struct PathwayFlow: Sendable {
    /// The chosen positions (0-based), increasing.
    public let stages: [Int]
    /// Rows (first-appearance order) observed in a state at every stage: the people the diagram counts.
    public let rows: [Int]
    /// `flows[k][i][j]`: people in state i at stage k and j at stage k + 1.
    public let flows: [[[Int]]]
    /// `nodes[k][i]`: people in state i at stage k.
    public let nodes: [[Int]]
}

extension SequenceDescriptives {
    /// The flows between the states at `stages` among the sequences observed (not void, not missing) at all of them.
    /// - Throws: fewer than two stages, stages not increasing, or a stage beyond the longest sequence.
    public static func pathwayFlow(_ data: StateSequences, stages: [Int]) throws(SequenceError) -> PathwayFlow {
        guard stages.count >= 2 else { throw .shapeMismatch("a pathway flow needs at least two stages") }
        for (a, b) in zip(stages, stages.dropFirst()) where a >= b { throw .shapeMismatch("stages must increase: \(a), \(b)") }
        guard let first = stages.first, first >= 0, let last = stages.last, last < data.maxLength else {
            throw .shapeMismatch("stages must lie within positions 0..<\(data.maxLength)")
        }
        let a = data.alphabet.count
        let rows = data.states.indices.filter { r in
            stages.allSatisfy { $0 < data.states[r].count && data.states[r][$0] != StateSequences.missing }
        }
        var nodes = [[Int]](repeating: [Int](repeating: 0, count: a), count: stages.count)
        var flows = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: a), count: a), count: stages.count - 1)
        for r in rows {
            let s = stages.map { data.states[r][$0] }
            for k in s.indices { nodes[k][s[k]] += 1 }
            for k in 0..<(s.count - 1) { flows[k][s[k]][s[k + 1]] += 1 }
        }
        return PathwayFlow(stages: stages, rows: rows, flows: flows, nodes: nodes)
    }
}

extension SequenceFigures {
    /// A Sankey diagram of published flows: one column of state nodes per stage, node height proportional to its
    /// published count (a withheld node gets a small fixed grey box marked as withheld), bands of published flows
    /// between them (withheld flows are not drawn).
    public static func pathwayFlow(stageLabels: [String], nodes: [[Int?]], flows: [[[Int?]]], palette: StatePalette,
                                   title: String) -> String {
        let plotW = 620.0, plotH = 360.0, left = 40.0, top = 40.0, nodeW = 14.0, gap = 8.0, withheldH = 6.0
        var svg = FigureSVG(width: left + plotW + 240, height: top + plotH + 50)
        svg.text(title, 10, 18, size: 13)
        let K = nodes.count
        let maxTotal = nodes.map { $0.reduce(0) { $0 + ($1 ?? 0) } }.max() ?? 1
        let states = nodes.first?.count ?? 0
        let gaps = gap * Double(max(states - 1, 0)) + withheldH * Double(states)
        let unit = max(plotH - gaps, 10) / Double(max(maxTotal, 1))
        // Node boxes: y and height per stage and state.
        var box = [[(y: Double, h: Double)]](repeating: [], count: K)
        var anyWithheld = false
        for k in 0..<K {
            var y = top
            let x = left + (K > 1 ? Double(k) * (plotW - nodeW) / Double(K - 1) : 0)
            svg.text(stageLabels[k], x + nodeW / 2, top - 8, size: 10, anchor: "middle")
            for s in 0..<states {
                let h: Double
                if let c = nodes[k][s] {
                    h = Double(c) * unit
                    if c > 0 {
                        svg.rect(x, y, nodeW, h, fill: palette.colours[s])
                        if h >= 9 { svg.text("\(c)", x + nodeW + 2, y + min(h / 2 + 3, h), size: 8) }
                    }
                } else {
                    h = withheldH; anyWithheld = true
                    svg.rect(x, y, nodeW, h, fill: withheldColour, stroke: "#999999")
                }
                box[k].append((y, h))
                y += h + (h > 0 ? gap : 0)
            }
        }
        for k in 0..<max(K - 1, 0) {
            let x0 = left + Double(k) * (plotW - nodeW) / Double(K - 1) + nodeW
            let x1 = left + Double(k + 1) * (plotW - nodeW) / Double(K - 1)
            var outY = box[k].map(\.y), inY = box[k + 1].map(\.y)
            for i in 0..<states {
                for j in 0..<states {
                    guard let c = flows[k][i][j] else { anyWithheld = true; continue }
                    guard c > 0 else { continue }
                    let w = Double(c) * unit
                    let a0 = outY[i], b0 = inY[j], xm = (x0 + x1) / 2
                    let d = "M\(FigureSVG.n(x0)),\(FigureSVG.n(a0)) C\(FigureSVG.n(xm)),\(FigureSVG.n(a0)) \(FigureSVG.n(xm)),\(FigureSVG.n(b0)) \(FigureSVG.n(x1)),\(FigureSVG.n(b0)) "
                        + "L\(FigureSVG.n(x1)),\(FigureSVG.n(b0 + w)) C\(FigureSVG.n(xm)),\(FigureSVG.n(b0 + w)) \(FigureSVG.n(xm)),\(FigureSVG.n(a0 + w)) \(FigureSVG.n(x0)),\(FigureSVG.n(a0 + w)) Z"
                    svg.path(d, fill: palette.colours[i], opacity: 0.45)
                    outY[i] += w; inY[j] += w
                }
            }
        }
        svg.legend(palette, x: left + plotW + 30, y: top + 10, withheld: anyWithheld)
        return svg.document(title: title)
    }
}
