/// SVG 1.1 rendering of ``Chart`` values.
extension Chart {
    /// Width in px of one character of 12 px text, for layout estimates (0.6 em, typical of Helvetica/Arial).
    static let characterWidth = 7.2

    /// The figure as a standalone SVG 1.1 document (UTF-8, with an XML declaration). See ``Chart`` for the
    /// layout. All text is escaped; each panel's data are clipped to its plot area. O(total data points).
    public func svg() -> String {
        let layout = ChartLayout(self)
        let height = layout.height
        var doc = SVGDocument()
        let n = SVGDocument.number
        doc.element("rect", [("x", "0"), ("y", "0"), ("width", n(width)), ("height", n(height)), ("fill", "#FFFFFF")])
        if !title.isEmpty {
            doc.text(title, [("x", n(width / 2)), ("y", "30"), ("text-anchor", "middle"), ("font-size", "16"),
                             ("font-weight", "bold")])
        }
        for (k, panel) in panels.enumerated() {
            drawPanel(panel, index: k, layout: layout, into: &doc)
        }
        drawAxisLabels(layout: layout, into: &doc)
        if showsLegend { drawLegend(layout: layout, into: &doc) }
        if let table { drawTable(table, layout: layout, into: &doc) }
        drawFootnotes(layout: layout, into: &doc)

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\""
        out += " viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        out += "<title>\(SVGDocument.escape(title.isEmpty ? "Chart" : title))</title>\n"
        out += doc.body
        out += "</svg>\n"
        return out
    }

    private func drawPanel(_ panel: ChartPanel, index k: Int, layout: ChartLayout, into doc: inout SVGDocument) {
        let n = SVGDocument.number
        let rect = layout.plotRect(k)
        let x = layout.x, y = layout.y
        // Grid lines and axes.
        doc.open("g", [("class", "axes")])
        for t in y.ticks.values {
            guard let f = y.fraction(t) else { continue }
            let py = rect.maxY - f * rect.height
            doc.element("line", [("x1", n(rect.minX)), ("y1", n(py)), ("x2", n(rect.maxX)), ("y2", n(py)),
                                 ("stroke", "#DDDDDD"), ("stroke-width", "0.75")])
            doc.element("line", [("x1", n(rect.minX - 5)), ("y1", n(py)), ("x2", n(rect.minX)), ("y2", n(py)),
                                 ("stroke", "#000000"), ("stroke-width", "1.5")])
            doc.text(y.label(t), [("x", n(rect.minX - 8)), ("y", n(py + 4)), ("text-anchor", "end"), ("font-size", "12")])
        }
        for t in x.ticks.values {
            guard let f = x.fraction(t) else { continue }
            let px = rect.minX + f * rect.width
            doc.element("line", [("x1", n(px)), ("y1", n(rect.maxY)), ("x2", n(px)), ("y2", n(rect.maxY + 5)),
                                 ("stroke", "#000000"), ("stroke-width", "1.5")])
            doc.text(x.label(t), [("x", n(px)), ("y", n(rect.maxY + 20)), ("text-anchor", "middle"), ("font-size", "12")])
        }
        doc.element("line", [("x1", n(rect.minX)), ("y1", n(rect.maxY)), ("x2", n(rect.maxX)), ("y2", n(rect.maxY)),
                             ("stroke", "#000000"), ("stroke-width", "1.5")])
        doc.element("line", [("x1", n(rect.minX)), ("y1", n(rect.minY)), ("x2", n(rect.minX)), ("y2", n(rect.maxY)),
                             ("stroke", "#000000"), ("stroke-width", "1.5")])
        if !panel.title.isEmpty {
            doc.text(panel.title, [("x", n(rect.minX)), ("y", n(rect.minY - 8)), ("font-size", "13"), ("font-weight", "bold")])
        }
        doc.close("g")

        // Data, clipped to the plot area widened by 5 px so that markers and error-bar caps at the limits show whole.
        let clip = "panel-clip-\(k + 1)"
        doc.open("clipPath", [("id", clip)])
        doc.element("rect", [("x", n(rect.minX - 5)), ("y", n(rect.minY - 5)), ("width", n(rect.width + 10)),
                             ("height", n(rect.height + 10))])
        doc.close("clipPath")
        doc.open("g", [("class", "data"), ("clip-path", "url(#\(clip))")])
        for layer in panel.layers { drawLayer(layer, rect: rect, layout: layout, into: &doc) }
        doc.close("g")
    }

    private func drawLayer(_ layer: ChartLayer, rect: ChartRect, layout: ChartLayout, into doc: inout SVGDocument) {
        let n = SVGDocument.number
        func point(_ vx: Double, _ vy: Double) -> (Double, Double)? {
            guard let fx = layout.x.fraction(vx), let fy = layout.y.fraction(vy) else { return nil }
            return (rect.minX + fx * rect.width, rect.maxY - fy * rect.height)
        }
        func pointsAttribute(_ pts: [(Double, Double)]) -> String {
            pts.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        }
        var stroke: [(String, String)] = [("fill", "none"), ("stroke", layer.color), ("stroke-width", n(layer.strokeWidth)),
                                          ("stroke-linejoin", "round")]
        if !layer.dash.isEmpty { stroke.append(("stroke-dasharray", layer.dash.map(n).joined(separator: ","))) }
        /// Splits a sequence at points that cannot be placed.
        func pieces(_ xs: [Double], _ ys: [Double]) -> [[(Double, Double, Double, Double)]] {
            var out: [[(Double, Double, Double, Double)]] = [], current: [(Double, Double, Double, Double)] = []
            for (vx, vy) in zip(xs, ys) {
                if let p = point(vx, vy) { current.append((p.0, p.1, vx, vy)) } else if !current.isEmpty { out.append(current); current = [] }
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        switch layer.mark {
        case let .line(xs, ys):
            for piece in pieces(xs, ys) where piece.count >= 2 {
                doc.element("polyline", [("points", pointsAttribute(piece.map { ($0.0, $0.1) }))] + stroke)
            }
        case let .step(xs, ys):
            for piece in pieces(xs, ys) {
                var pts: [(Double, Double)] = []
                for (i, p) in piece.enumerated() {
                    if i > 0 { pts.append((p.0, pts[pts.count - 1].1)) }
                    pts.append((p.0, p.1))
                }
                if pts.count >= 2 { doc.element("polyline", [("points", pointsAttribute(pts))] + stroke) }
            }
        case let .points(xs, ys):
            for (vx, vy) in zip(xs, ys) {
                guard let p = point(vx, vy) else { continue }
                doc.element("circle", [("cx", n(p.0)), ("cy", n(p.1)), ("r", "3.5"), ("fill", layer.color)])
            }
        case let .errorBars(xs, lows, highs):
            for ((vx, lo), hi) in zip(zip(xs, lows), highs) {
                guard let a = point(vx, lo), let b = point(vx, hi) else { continue }
                let d = "M\(n(a.0)) \(n(a.1))V\(n(b.1))M\(n(a.0 - 4)) \(n(a.1))H\(n(a.0 + 4))M\(n(b.0 - 4)) \(n(b.1))H\(n(b.0 + 4))"
                doc.element("path", [("d", d)] + stroke)
            }
        case let .band(xs, lows, highs, stepped):
            let count = min(xs.count, lows.count, highs.count)
            var run: [(Double, Double, Double)] = []   // x, lower y, upper y in px
            func flush() {
                defer { run = [] }
                guard run.count >= 2 || (stepped && run.count >= 1) else { return }
                var upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
                for (i, r) in run.enumerated() {
                    if stepped && i > 0 { upper.append((r.0, upper[upper.count - 1].1)); lower.append((r.0, lower[lower.count - 1].1)) }
                    upper.append((r.0, r.2)); lower.append((r.0, r.1))
                }
                doc.element("polygon", [("points", pointsAttribute(upper + lower.reversed())), ("fill", layer.color),
                                        ("fill-opacity", "0.2"), ("stroke", "none")])
            }
            for i in 0..<count {
                if let a = point(xs[i], lows[i]), let b = point(xs[i], highs[i]) { run.append((a.0, a.1, b.1)) } else { flush() }
            }
            flush()
        case let .text(vx, vy, text, anchor):
            guard let p = point(vx, vy) else { return }
            doc.text(text, [("x", n(p.0)), ("y", n(p.1)), ("text-anchor", anchor.rawValue), ("font-size", "12"),
                            ("fill", layer.color)])
        case let .horizontalRule(vy):
            guard let fy = layout.y.fraction(vy) else { return }
            let py = rect.maxY - fy * rect.height
            doc.element("line", [("x1", n(rect.minX)), ("y1", n(py)), ("x2", n(rect.maxX)), ("y2", n(py)),
                                 ("stroke", layer.color), ("stroke-width", n(layer.strokeWidth)),
                                 ("stroke-dasharray", layer.dash.isEmpty ? "6,4" : layer.dash.map(n).joined(separator: ","))])
        }
    }

    private func drawAxisLabels(layout: ChartLayout, into doc: inout SVGDocument) {
        let n = SVGDocument.number
        let grid = layout.gridRect
        if !xAxis.label.isEmpty {
            doc.text(xAxis.label, [("x", n(grid.midX)), ("y", n(grid.maxY + 44)), ("text-anchor", "middle"), ("font-size", "14")])
        }
        if !yAxis.label.isEmpty {
            // Rotated, centred on the plot grid, wrapped so that no line is longer than the grid is tall (a long
            // label would otherwise run off the top and over the number-at-risk table); at most two lines, the
            // second 16 px to the right, clear of the tick labels (leftMargin ≥ 70).
            let cy = grid.midY
            let perLine = max(8, Int(grid.height / ChartLayout.axisLabelCharacterWidth))
            var lines = Chart.wrap(yAxis.label, limit: perLine)
            if lines.count > 2 { lines = [lines[0], lines[1...].joined(separator: " ")] }
            for (i, line) in lines.enumerated() {
                let x = 18 + 16 * Double(i) - (lines.count > 1 ? 4 : 0)
                doc.text(line, [("x", n(x)), ("y", n(cy)), ("text-anchor", "middle"), ("font-size", "14"),
                                ("transform", "rotate(-90 \(n(x)) \(n(cy)))")])
            }
        }
    }

    private func drawLegend(layout: ChartLayout, into doc: inout SVGDocument) {
        let entries = layout.legendEntries
        guard !entries.isEmpty else { return }
        let n = SVGDocument.number
        let x0 = width - layout.rightMargin + 20
        doc.open("g", [("class", "legend")])
        for (i, layer) in entries.enumerated() {
            let cy = layout.top + 10 + 20 * Double(i)
            switch layer.mark {
            case .band:
                doc.element("rect", [("x", n(x0)), ("y", n(cy - 6)), ("width", "24"), ("height", "12"), ("fill", layer.color),
                                     ("fill-opacity", "0.2")])
            case .points:
                doc.element("circle", [("cx", n(x0 + 12)), ("cy", n(cy)), ("r", "3.5"), ("fill", layer.color)])
            default:
                var attrs = [("x1", n(x0)), ("y1", n(cy)), ("x2", n(x0 + 24)), ("y2", n(cy)), ("stroke", layer.color),
                             ("stroke-width", n(layer.strokeWidth))]
                if !layer.dash.isEmpty { attrs.append(("stroke-dasharray", layer.dash.map(n).joined(separator: ","))) }
                doc.element("line", attrs)
            }
            doc.text(layer.label ?? "", [("x", n(x0 + 32)), ("y", n(cy + 4)), ("font-size", "12")])
        }
        doc.close("g")
    }

    private func drawFootnotes(layout: ChartLayout, into doc: inout SVGDocument) {
        guard !layout.footnoteLines.isEmpty else { return }
        let n = SVGDocument.number
        let first = layout.height - 8 - 16 * Double(layout.footnoteLines.count - 1) - 4
        doc.open("g", [("class", "footnotes")])
        for (i, line) in layout.footnoteLines.enumerated() {
            doc.text(line, [("x", "10"), ("y", n(first + 16 * Double(i))), ("font-size", "12"), ("fill", "#444444")])
        }
        doc.close("g")
    }

    /// `text` split at spaces into lines of at most `limit` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private func drawTable(_ table: ChartTable, layout: ChartLayout, into doc: inout SVGDocument) {
        let n = SVGDocument.number
        // Aligned with the x scale of the bottom-left panel.
        let rect = layout.plotRect((layout.gridRows - 1) * layout.gridColumns)
        let top = layout.gridRect.maxY + 60
        doc.open("g", [("class", "table")])
        doc.text(table.title, [("x", "10"), ("y", n(top + 12)), ("font-size", "12"), ("font-weight", "bold")])
        for (i, row) in table.rows.enumerated() {
            let baseline = top + 12 + 18 * Double(i + 1)
            doc.text(row.label, [("x", "10"), ("y", n(baseline)), ("font-size", "12"), ("fill", row.color)])
            for (vx, cell) in zip(table.x, row.cells) {
                guard let f = layout.x.fraction(vx), f >= -1e-9, f <= 1 + 1e-9 else { continue }
                doc.text(cell.humanText, [("x", n(rect.minX + f * rect.width)), ("y", n(baseline)),
                                          ("text-anchor", "middle"), ("font-size", "12")])
            }
        }
        doc.close("g")
    }
}

/// A rectangle in px.
struct ChartRect {
    var minX: Double, minY: Double, width: Double, height: Double
    var maxX: Double { minX + width }
    var maxY: Double { minY + height }
    var midX: Double { minX + width / 2 }
    var midY: Double { minY + height / 2 }
}

/// Margins, panel grid and shared scales of a chart (see ``Chart`` for the rules).
struct ChartLayout {
    let x: ChartScale
    let y: ChartScale
    let top: Double, leftMargin: Double, rightMargin: Double, bottomMargin: Double
    let gridColumns: Int, gridRows: Int
    let panelWidth: Double, panelHeight: Double, titleBand: Double
    let legendEntries: [ChartLayer]
    /// The footnotes wrapped to the figure width (12 px text, 10 px side margins).
    let footnoteLines: [String]
    /// The figure's height: the chart's, or more when the number-at-risk table and footnotes would leave each panel
    /// shorter than ``minimumPanelHeight`` (the figure grows downwards instead of squashing the plot).
    let height: Double
    static let gap = 60.0
    /// The least height of a panel's plot area, in px.
    static let minimumPanelHeight = 180.0
    /// Width in px of one character of the 14 px axis labels (0.6 em).
    static let axisLabelCharacterWidth = 8.4

    init(_ chart: Chart) {
        var xs: [Double] = [], ys: [Double] = []
        for layer in chart.panels.flatMap(\.layers) {
            switch layer.mark {
            case let .line(a, b), let .step(a, b), let .points(a, b):
                let m = min(a.count, b.count); xs += a.prefix(m); ys += b.prefix(m)
            case let .errorBars(a, lo, hi), let .band(a, lo, hi, _):
                let m = min(a.count, lo.count, hi.count); xs += a.prefix(m); ys += lo.prefix(m); ys += hi.prefix(m)
            case let .text(a, b, _, _): xs.append(a); ys.append(b)
            case let .horizontalRule(b): ys.append(b)
            }
        }
        x = ChartScale(axis: chart.xAxis, data: xs)
        y = ChartScale(axis: chart.yAxis, data: ys)

        var seen = Set<String>(), entries: [ChartLayer] = []
        for layer in chart.panels.flatMap(\.layers) {
            if let label = layer.label, seen.insert(label).inserted { entries.append(layer) }
        }
        legendEntries = chart.showsLegend ? entries : []
        let longestLabel = legendEntries.map { ($0.label ?? "").count }.max()
        top = chart.title.isEmpty ? 20 : 50
        rightMargin = 20 + (longestLabel.map { 40 + Chart.characterWidth * Double($0) } ?? 0)
        let perLine = max(20, Int((chart.width - 20) / Chart.characterWidth))
        footnoteLines = chart.footnotes.flatMap { Chart.wrap($0, limit: perLine) }
        bottomMargin = 60 + (chart.table.map { 24 + 18 * Double($0.rows.count) } ?? 0)
            + (footnoteLines.isEmpty ? 0 : 8 + 16 * Double(footnoteLines.count))
        let longestRowLabel = chart.table?.rows.map(\.label.count).max() ?? 0
        // With `clearsRowLabels`, also room for half of a cell centred at the left end of the axis (so "sex = 1"
        // and "138" under x = 0 do not touch).
        let widestCell = chart.table.map { t in t.clearsRowLabels ? t.rows.flatMap { $0.cells.map(\.humanText.count) }.max() ?? 0 : 0 } ?? 0
        leftMargin = max(70, chart.table == nil ? 0
                                 : 22 + Chart.characterWidth * (Double(longestRowLabel) + Double(widestCell) / 2))
        let count = max(1, chart.panels.count)
        gridColumns = max(1, min(chart.columns, count))
        gridRows = (count + gridColumns - 1) / gridColumns
        titleBand = chart.panels.contains { !$0.title.isEmpty } ? 22 : 0
        let availableWidth = chart.width - leftMargin - rightMargin - ChartLayout.gap * Double(gridColumns - 1)
        let needed = top + bottomMargin + ChartLayout.gap * Double(gridRows - 1)
            + Double(gridRows) * (ChartLayout.minimumPanelHeight + titleBand)
        height = max(chart.height, needed)
        let availableHeight = height - top - bottomMargin - ChartLayout.gap * Double(gridRows - 1)
        panelWidth = max(10, availableWidth / Double(gridColumns))
        panelHeight = max(10, availableHeight / Double(gridRows) - titleBand)
    }

    /// The plot area of panel `k` (row-major in the grid).
    func plotRect(_ k: Int) -> ChartRect {
        let r = k / gridColumns, c = k % gridColumns
        return ChartRect(minX: leftMargin + Double(c) * (panelWidth + ChartLayout.gap),
                         minY: top + Double(r) * (panelHeight + titleBand + ChartLayout.gap) + titleBand,
                         width: panelWidth, height: panelHeight)
    }

    /// The rectangle spanning all plot areas.
    var gridRect: ChartRect {
        let first = plotRect(0), last = plotRect(gridRows * gridColumns - 1)
        return ChartRect(minX: first.minX, minY: first.minY - titleBand, width: last.maxX - first.minX,
                         height: last.maxY - first.minY + titleBand)
    }
}
