import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reporting

// Expected ticks are worked by hand with Heckbert's (1990) rule as stated on ChartTicks; expected coordinates from
// the layout rules stated on Chart (margins top 20, right 20, bottom 60, left 70 without title, legend or table).
// Coordinates are written with two decimals, so they are compared exactly as strings or to 0.005 as numbers.

/// Parses SVG with XMLParser; collects elements (name and attributes) and text content.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var currentText: String?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        if name == "text" { currentText = "" }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { currentText? += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let t = currentText { texts.append(t); currentText = nil }
    }
    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }
    func all(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
}

private func parse(_ svg: String) -> SVGCollector {
    let collector = SVGCollector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    #expect(parser.parse(), "SVG must be well-formed XML: \(String(describing: parser.parserError))")
    return collector
}

@Test func heckbertTicksMatchHandWorkedValues() {
    // [0, 1]: range nice(1) = 1, step nice(1/4 = 0.25, round) = 0.2 -> 0 ... 1 by 0.2.
    let a = ChartTicks.heckbert(minimum: 0, maximum: 1)
    #expect(a.values == [0, 0.2, 0.4, 0.6, 0.8, 1] && a.step == 0.2)
    // [0, 100]: range 100, step nice(25, round) = 2 x 10 = 20.
    #expect(ChartTicks.heckbert(minimum: 0, maximum: 100).values == [0, 20, 40, 60, 80, 100])
    // [-3.7, 12.2]: range nice(15.9) = 20, step nice(5) = 5; floor(-0.74) = -1, ceil(2.44) = 3.
    #expect(ChartTicks.heckbert(minimum: -3.7, maximum: 12.2).values == [-5, 0, 5, 10, 15])
    // [0.0013, 0.0087]: range nice(0.0074) = 0.01, step nice(0.0025, round) = 0.002; 0 ... 0.01.
    #expect(ChartTicks.heckbert(minimum: 0.0013, maximum: 0.0087).values == [0, 0.002, 0.004, 0.006, 0.008, 0.01])
    // Equal limits 3, 3 widen by 10% to [2.7, 3.3]: range nice(0.6) = 1, step 0.2, ticks 2.6 ... 3.4.
    #expect(ChartTicks.heckbert(minimum: 3, maximum: 3).values == [2.6, 2.8, 3, 3.2, 3.4])
    // Fixed [0, 24]: range nice(24) = 50, step nice(12.5, round) = 10; ticks inside: 0, 10, 20.
    let f = ChartTicks.fixed(lower: 0, upper: 24)
    #expect(f.values == [0, 10, 20] && f.lower == 0 && f.upper == 24)
    // Log axes: powers of ten; 2x and 5x added when under two decades.
    #expect(ChartTicks.log10(minimum: 0.01, maximum: 100).values == [0.01, 0.1, 1, 10, 100])
    #expect(ChartTicks.log10(minimum: 2, maximum: 30).values == [1, 10, 100])
    #expect(ChartTicks.log10(minimum: 2, maximum: 8).values == [1, 2, 5, 10])
    // Bad input does not fail.
    #expect(ChartTicks.heckbert(minimum: .nan, maximum: 1).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
}

@Test func tickLabelsUseHeckbertDecimals() {
    #expect(NumberFormatting.tickLabel(0.2, step: 0.2) == "0.2")
    #expect(NumberFormatting.tickLabel(0, step: 0.2) == "0.0")
    #expect(NumberFormatting.tickLabel(-5, step: 5) == "-5")
    #expect(NumberFormatting.tickLabel(0.002, step: 0.002) == "0.002")
    #expect(NumberFormatting.svgCoordinate(12.5) == "12.5" && NumberFormatting.svgCoordinate(40) == "40")
}

@Test func simplePlotHasKnownElementsAndCoordinates() {
    // 400 x 300, no title/legend/table: plot area x in [70, 380], y in [20, 240]; data in [0, 1] give axes [0, 1].
    let chart = Chart(layers: [
        ChartLayer(.line(x: [0, 1], y: [0, 1])),
        ChartLayer(.points(x: [0.5], y: [0.25])),
        ChartLayer(.step(x: [0, 0.5, 1], y: [1, 0.5, 0.5])),
    ], width: 400, height: 300)
    let svg = chart.svg()
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""))
    let c = parse(svg)
    #expect(c.count("svg") == 1)
    let polylines = c.all("polyline").map { $0["points"] ?? "" }
    // Line: (0,0) -> (70, 240), (1,1) -> (380, 20).
    // Step: (0,1) (0.5,1) (0.5,0.5) (1,0.5) (1,0.5) -> y of 0.5 is 240 - 110 = 130, x of 0.5 is 70 + 155 = 225.
    #expect(polylines == ["70,240 380,20", "70,20 225,20 225,130 380,130 380,130"])
    // Point (0.5, 0.25): x 225, y 240 - 0.25 * 220 = 185.
    #expect(c.all("circle").map { [$0["cx"], $0["cy"]] } == [["225", "185"]])
    // Six ticks per axis (0, 0.2, ..., 1): 6 x labels + 6 y labels; lines: 6 grid + 6 y tick marks + 6 x tick
    // marks + 2 axes.
    #expect(c.texts.count == 12)
    #expect(c.count("line") == 20)
    #expect(c.texts.prefix(6) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(c.count("clipPath") == 1)
}

@Test func textIsEscaped() {
    let chart = Chart(title: "a<b & c>d", xAxis: ChartAxis("x \"quoted\" 'single'"),
                      layers: [ChartLayer(.line(x: [0, 1], y: [0, 1]), label: "Group <1> & <2>"),
                               ChartLayer(.text(x: 0.5, y: 0.5, text: "p < 0.05 & n > 10", anchor: .middle))])
    let svg = chart.svg()
    #expect(svg.contains("a&lt;b &amp; c&gt;d"))
    #expect(!svg.contains("a<b"))
    let c = parse(svg)
    #expect(c.texts.contains("a<b & c>d"))
    #expect(c.texts.contains("Group <1> & <2>"))
    #expect(c.texts.contains("p < 0.05 & n > 10"))
    #expect(c.texts.contains("x \"quoted\" 'single'"))
}

@Test func legendTakesRightMarginAndBreaksAtMissingValues() {
    // Legend label "Group A" (7 characters): right margin 20 + 40 + 7.2 * 7 = 110.4, so the plot ends at
    // 400 - 110.4 = 289.6. The NaN splits the line into two polylines.
    let chart = Chart(layers: [ChartLayer(.line(x: [0, 0.25, 0.5, 0.75, 1], y: [0, 0.5, .nan, 0.5, 1]), label: "Group A")],
                      width: 400, height: 300)
    let c = parse(chart.svg())
    let polylines = c.all("polyline").map { $0["points"] ?? "" }
    // x of 0.25 = 70 + 0.25 * 219.6 = 124.9; of 0.75 = 234.7; y of 0.5 = 130.
    #expect(polylines == ["70,240 124.9,130", "234.7,130 289.6,20"])
    #expect(c.texts.contains("Group A"))
}

@Test func logAxisPlacesDecadesEvenly() {
    // x data 1..100 on a log axis: ticks 1, 10, 100; 10 is half way: 70 + 155 = 225.
    let chart = Chart(xAxis: ChartAxis(scale: .log10), layers: [ChartLayer(.points(x: [1, 10, 100, -1], y: [0, 0.5, 1, 1]))],
                      width: 400, height: 300)
    let c = parse(chart.svg())
    #expect(c.all("circle").map { $0["cx"] } == ["70", "225", "380"])   // -1 cannot be placed on a log axis
    #expect(c.texts.prefix(6) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(Array(c.texts.suffix(3)) == ["1", "10", "100"])
}

@Test func smallMultiplesShareScales() {
    // Two panels side by side, 500 x 300: panel width (500 - 70 - 20 - 60) / 2 = 175; panel 2 starts at
    // 70 + 175 + 60 = 305; clip rectangles are the panels widened by 5 px. Shared y axis from both panels' data
    // [0, 10]: ticks 0, 2, ..., 10 in each panel, and the point (1, 1) of panel 1 sits at y 240 - 22 = 218.
    let chart = Chart(panels: [ChartPanel(title: "A", layers: [ChartLayer(.points(x: [0, 1], y: [0, 1]))]),
                               ChartPanel(title: "B", layers: [ChartLayer(.points(x: [0, 1], y: [0, 10]))])],
                      columns: 2, width: 500, height: 300)
    let c = parse(chart.svg())
    // With panel titles, 22 px are reserved above each panel: plot area y in [42, 240].
    let clips = c.all("rect").filter { $0["fill"] == nil }
    #expect(clips.map { [$0["x"], $0["y"], $0["width"], $0["height"]] } == [["65", "37", "185", "208"], ["300", "37", "185", "208"]])
    #expect(c.texts.filter { $0 == "10" }.count == 2)
    // y of 1 on [0, 10] over [42, 240]: 240 - 0.1 * 198 = 220.2.
    #expect(c.all("circle").map { $0["cy"] } == ["240", "220.2", "240", "42"])
    #expect(c.texts.contains("A") && c.texts.contains("B"))
}

@Test func tableUnderPlotIsAlignedWithTheAxis() {
    // Row label "Kinship" (7 chars): left margin max(70, 22 + 7.2 * 7 = 72.4) = 72.4; plot width
    // 400 - 72.4 - 20 = 307.6, so x = 0.5 sits at 72.4 + 153.8 = 226.2.
    let chart = Chart(layers: [ChartLayer(.step(x: [0, 1], y: [1, 0.5]))],
                      table: ChartTable(x: [0, 0.5, 1], rows: [ChartTableRow(label: "Kinship", cells: [20, .suppressed(), 11])]),
                      width: 400, height: 300)
    let c = parse(chart.svg())
    #expect(c.texts.contains("Number at risk"))
    let texts = c.elements.filter { $0.name == "text" }.map(\.attributes)
    let pairs = zip(texts, c.texts).map { ($0.0["x"] ?? "", $0.1) }
    #expect(pairs.contains { $0 == ("226.2", "[c]") })
    #expect(pairs.contains { $0 == ("72.4", "20") } && pairs.contains { $0 == ("380", "11") })
}

@Test func paletteIsOkabeIto() {
    // Okabe & Ito (2008) hex values.
    #expect(Set(ChartPalette.series) == ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"])
    #expect(ChartPalette.color(8) == ChartPalette.color(0) && ChartPalette.color(-1) == ChartPalette.series[7])
}

@Test func longAxisLabelAndRiskTableDoNotSquashOrOverlapThePlot() {
    // The Kaplan–Meier figure of `run return-to-care` (seen in Chromium): three risk-table rows and nine footnote
    // lines left a 125 px plot under a 480 px figure, and its 42-character y label ran off the top and over the table.
    // Now the figure grows so the plot keeps ≥ 180 px, and the label wraps so that every line fits the plot's height.
    let footnotes = (0..<9).map { "Footnote \($0): a sentence long enough to take most of one line of the figure text." }
    var chart = Chart(title: "Cumulative proportion who returned to care",
                      xAxis: ChartAxis("Years since exit"), yAxis: ChartAxis("Cumulative proportion who returned to care"),
                      layers: [ChartLayer(.step(x: [0, 1, 2], y: [0, 0.3, 0.5]))],
                      table: ChartTable(x: [0, 1, 2], rows: ["order", "s20", "youth_justice"].map {
                          ChartTableRow(label: $0, cells: [100, 50, 20])
                      }), width: 720, height: 480)
    chart.footnotes = footnotes
    let c = parse(chart.svg())
    let root = c.all("svg")[0]
    let height = Double(root["height"] ?? "") ?? 0
    #expect(height > 480)
    let texts = c.elements.filter { $0.name == "text" }.map(\.attributes)
    let yLabelLines = zip(texts, c.texts).filter { ($0.0["transform"] ?? "").hasPrefix("rotate(-90") }
    #expect(yLabelLines.count == 2)
    #expect(yLabelLines.map(\.1).joined(separator: " ") == "Cumulative proportion who returned to care")
    // Every line (14 px text, 0.6 em per character) is no longer than the 180 px minimum plot height, and is centred
    // on the plot, so it stays between the title (y < 50) and the x-axis label.
    for (attributes, line) in yLabelLines {
        let cy = Double(attributes["y"] ?? "") ?? 0
        let halfLength = 8.4 * Double(line.count) / 2
        #expect(halfLength * 2 <= 180 + 1e-9)
        #expect(cy - halfLength >= 50)
        let tableTitle = zip(texts, c.texts).first { $0.1 == "Number at risk" }.flatMap { Double($0.0["y"] ?? "") } ?? 0
        #expect(cy + halfLength < tableTitle - 12)
    }
}
