/// A sequence the caller may show (its published count is at or above the threshold) with that count.
public struct PublishedSequence: Sendable {
    public var label: String
    public var states: [Int]
    public var count: Int
    public init(label: String, states: [Int], count: Int) { self.label = label; self.states = states; self.count = count }
}

extension SequenceFigures {
    /// The sequence frequency plot (TraMineR `seqfplot`): the most frequent sequences whose counts are published,
    /// each a band of coloured state runs whose thickness is its share of the published total. Sequences with a
    /// withheld count are not passed here and leave no trace.
    public static func frequency(_ rows: [PublishedSequence], total: Int?, palette: StatePalette, length: Int, unit: String,
                                 title: String) -> String {
        let plotW = 560.0, plotH = 300.0, left = 150.0, top = 30.0
        var svg = FigureSVG(width: left + plotW + 220, height: top + plotH + 40)
        svg.text(title, 10, 18, size: 13)
        let scale = plotW / Double(max(length, 1))
        var y = top
        if let total, total > 0 {
            let shownTotal = rows.reduce(0) { $0 + $1.count }
            let unitH = plotH / Double(max(shownTotal, 1))
            for r in rows {
                let h = unitH * Double(r.count)
                svg.runs(r.states, palette: palette, x: left, y: y, scale: scale, h: h)
                svg.text("\(r.label): \(r.count) (\(percent(r.count, total)))", left - 6, y + h / 2 + 4, size: 9, anchor: "end")
                y += h
            }
            if rows.isEmpty { svg.text("No sequence is shared by enough people to be shown.", left, top + 20) }
        } else {
            svg.text("The total is withheld.", left, top + 20)
        }
        svg.rect(left, top, plotW, plotH, fill: "none", stroke: "#000000")
        svg.text("\(unit)s →", left, top + plotH + 14, size: 9)
        svg.legend(palette, x: left + plotW + 20, y: top + 10, withheld: false)
        return svg.document(title: title)
    }

    static func percent(_ c: Int, _ n: Int) -> String {
        let p = 100 * Double(c) / Double(n)
        return FigureSVG.n((p * 10).rounded() / 10) + "%"
    }
}
