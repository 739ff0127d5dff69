/// Groups of sequences represented by aggregates rather than individuals, for index plots that are safe to release.
public struct SmoothedGroup: Sendable, Equatable {
    /// The position-wise modal state of the group (ties to the lowest code), up to the last position at which at
    /// least half the group is observed.
    public let states: [Int]
    /// The rows (first-appearance order) of the members.
    public let members: [Int]
}

extension SequenceDescriptives {
    /// A sorted index plot's groups (TraMineR `seqIplot(sortv = "from.start")` smoothed as in `seqrfplot`): the
    /// sequences sorted by their states from the start (lexicographically; ties by row), cut into consecutive groups
    /// of `size` (the last group takes the remainder, so every group has at least `size` members unless there are
    /// fewer sequences), each drawn as its position-wise modal state. No individual sequence is drawn as such: a modal state
    /// at a position is the most common state among the members observed there and is drawn only where at least half
    /// the group is observed, so it summarises a group of at least `size` people (a modal sequence may still coincide with
    /// a member's own sequence: the group, not the sequence, is what reaches the threshold).
    public static func smoothedGroups(_ data: StateSequences, size: Int) -> [SmoothedGroup] {
        precondition(size >= 1)
        let order = data.states.indices.sorted { a, b in
            let x = data.states[a], y = data.states[b]
            if x.lexicographicallyPrecedes(y) { return true }
            if y.lexicographicallyPrecedes(x) { return false }
            return a < b
        }
        var groups: [[Int]] = []
        var k = 0
        while k < order.count {
            let end = order.count - k < 2 * size ? order.count : k + size
            groups.append(Array(order[k..<end])); k = end
        }
        let a = data.alphabet.count
        return groups.map { members in
            var modal: [Int] = []
            for t in 0..<data.maxLength {
                var c = [Int](repeating: 0, count: a)
                var observed = 0
                for m in members where t < data.states[m].count && data.states[m][t] != StateSequences.missing {
                    c[data.states[m][t]] += 1; observed += 1
                }
                guard 2 * observed >= members.count, observed > 0 else { break }
                modal.append(c.indices.max { (c[$0], -$0) < (c[$1], -$1) }!)
            }
            return SmoothedGroup(states: modal, members: members)
        }
    }
}

extension SequenceFigures {
    /// Representative sequences, one row each: cluster medoids (`seqrplot`) or smoothed groups of a sorted index
    /// plot. Row thickness is proportional to the published count when `proportional`, else equal. The caller
    /// passes only rows whose count is published.
    public static func representatives(_ rows: [PublishedSequence], palette: StatePalette, length: Int, unit: String,
                                       proportional: Bool, title: String) -> String {
        let plotW = 560.0, plotH = max(120.0, min(400.0, 24.0 * Double(rows.count))), left = 170.0, top = 30.0
        var svg = FigureSVG(width: left + plotW + 220, height: top + plotH + 40)
        svg.text(title, 10, 18, size: 13)
        let scale = plotW / Double(max(length, 1))
        let sum = rows.reduce(0) { $0 + $1.count }
        var y = top
        for r in rows {
            let h = proportional ? plotH * Double(r.count) / Double(max(sum, 1)) : plotH / Double(max(rows.count, 1))
            svg.runs(r.states, palette: palette, x: left, y: y + (proportional ? 0 : 2), scale: scale, h: proportional ? h : h - 4)
            if !proportional || h >= 8 { svg.text("\(r.label) (n = \(r.count))", left - 6, y + h / 2 + 4, size: 9, anchor: "end") }
            y += h
        }
        if rows.isEmpty { svg.text("No group is large enough to be shown.", left, top + 20) }
        svg.rect(left, top, plotW, plotH, fill: "none", stroke: "#000000")
        svg.text("\(unit)s →", left, top + plotH + 14, size: 9)
        svg.legend(palette, x: left + plotW + 20, y: top + 10, withheld: false)
        return svg.document(title: title)
    }
}
