import Foundation
import Reporting

/// Fan charts: per series, the history (published counts only), the forecast mean and the 80%/95% (or the requested)
/// bands, drawn as small multiples for several series. Drawn inside the disclosure gate's figure closure: a
/// withheld history point is left out, and a series whose forecasts are withheld shows no forecast. Accessibility:
/// the SVG has a title and a description, and the same numbers are in the text output's tables.
enum FanChart {
    /// `only`: draw just these series (e.g. the aggregates of a hierarchy), in the result's order; nil for all.
    static func svg(result: ForecastRunSpec.Result, ids: [String: [CountID]], levels: [Double], valueLabel: String,
                    only: Set<String>? = nil, decisions d: CountDecisions) -> String {
        var panels: [ChartPanel] = []
        for s in result.series where only?.contains(s.name) ?? true {
            var layers: [ChartLayer] = []
            let list = ids[s.name] ?? []
            let withheld = d.isWithheld(.revealing(.number(0), reveals: list))
            var hx: [Double] = [], hy: [Double] = []
            var k = 0
            for (t, v) in s.values.enumerated() {
                guard let v else { hx.append(s.time(at: t)); hy.append(.nan); continue }
                if list.isEmpty { hx.append(s.time(at: t)); hy.append(v); continue }
                let id = list[k]; k += 1
                hx.append(s.time(at: t))
                hy.append(d.published(id).value.map(Double.init) ?? .nan)
            }
            if let f = result.forecasts[s.name], !withheld {
                for (j, l) in levels.sorted(by: >).enumerated() {
                    guard let iv = f.interval(at: l) else { continue }
                    layers.append(ChartLayer(.band(x: f.times, lower: iv.lower, upper: iv.upper, stepped: false),
                                             label: "\(fmt(l))% interval", color: j == 0 ? "#c6dbef" : "#6baed6"))
                }
                layers.append(ChartLayer(.line(x: [hx.last ?? f.times[0]] + f.times, y: [hy.last ?? f.mean[0]] + f.mean),
                                         label: "forecast", color: ChartPalette.color(1), dash: [4, 3]))
            }
            layers.append(ChartLayer(.line(x: hx, y: hy), label: "history", color: ChartPalette.color(0)))
            panels.append(ChartPanel(title: s.name + (withheld ? " (forecast withheld)" : ""), layers: layers))
        }
        let columns = max(1, Int(Double(panels.count).squareRoot().rounded(.up)))
        let rows = (panels.count + columns - 1) / columns
        let chart = Chart(title: "Forecasts of \(valueLabel)", xAxis: ChartAxis("year"), yAxis: ChartAxis(valueLabel),
                          panels: panels, columns: columns, width: max(720, Double(columns) * 260),
                          height: max(480, Double(rows) * 220), showsLegend: true,
                          footnotes: ["Shaded: prediction intervals; dashed: forecast mean. Withheld counts are not drawn."])
        let desc = "Fan chart of \(panels.count) series of \(valueLabel): history, forecast mean and "
            + levels.map { "\(fmt($0))%" }.joined(separator: " and ") + " prediction intervals. The data are in the text output's tables."
        return chart.svg().replacingOccurrences(of: "</title>\n", with: "</title>\n<desc>\(escapeXML(desc))</desc>\n",
                                                options: [], range: nil)
    }
}

/// XML text escaping for the description.
private func escapeXML(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}
