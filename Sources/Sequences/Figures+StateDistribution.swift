/// One panel of a state distribution plot (TraMineR `seqdplot`): the published counts of people in each state at
/// each position and the published number observed there (nil = withheld).
public struct PublishedStateDistribution: Sendable {
    public var title: String
    /// `counts[t][s]`.
    public var counts: [[Int?]]
    public var observed: [Int?]
    public init(title: String, counts: [[Int?]], observed: [Int?]) {
        self.title = title; self.counts = counts; self.observed = observed
    }
}

extension SequenceFigures {
    /// Stacked bars of the state shares at each position, one panel per group (e.g. per cluster). A bar's shown
    /// segments are published count / published number observed; the rest of the bar (the withheld counts
    /// together, which the published numbers already imply) is grey; a position whose number observed is
    /// withheld is left blank.
    public static func stateDistribution(_ panels: [PublishedStateDistribution], palette: StatePalette, origin: Int,
                                         unit: String, title: String) -> String {
        let plotW = 560.0, plotH = 160.0, left = 50.0, top = 30.0, gap = 40.0
        let height = top + Double(panels.count) * (plotH + gap) + 10
        var svg = FigureSVG(width: left + plotW + 220, height: max(height, 40 + 14 * Double(palette.labels.count + 2)))
        svg.text(title, left, 18, size: 13)
        var anyWithheld = false
        for (k, panel) in panels.enumerated() {
            let y0 = top + Double(k) * (plotH + gap) + 14
            svg.text(panel.title, left, y0 - 4, size: 11)
            let T = panel.counts.count
            let bw = plotW / Double(max(T, 1))
            for t in 0..<T {
                guard let total = panel.observed[t], total > 0 else { if panel.observed[t] == nil { anyWithheld = true }; continue }
                var y = y0
                var shown = 0
                for (s, c) in panel.counts[t].enumerated() {
                    guard let c, c > 0 else { if panel.counts[t][s] == nil { anyWithheld = true }; continue }
                    let h = plotH * Double(c) / Double(total)
                    svg.rect(left + Double(t) * bw, y, bw, h, fill: palette.colours[s])
                    y += h; shown += c
                }
                if shown < total { svg.rect(left + Double(t) * bw, y, bw, plotH * Double(total - shown) / Double(total), fill: withheldColour) }
            }
            svg.rect(left, y0, plotW, plotH, fill: "none", stroke: "#000000")
            svg.text("0%", left - 4, y0 + plotH, size: 9, anchor: "end")
            svg.text("100%", left - 4, y0 + 8, size: 9, anchor: "end")
            svg.text("\(unit) \(origin)", left, y0 + plotH + 12, size: 9)
            svg.text("\(unit) \(origin + max(T - 1, 0))", left + plotW, y0 + plotH + 12, size: 9, anchor: "end")
        }
        svg.legend(palette, x: left + plotW + 20, y: top + 20, withheld: anyWithheld)
        return svg.document(title: title)
    }
}
