public import Reporting

/// Survival and incidence figures drawn from a run's published results only (issue 10): the curves of the
/// groups' *published* step functions (``CountDecisions/stepFunctions``: coarsened under disclosure control, so no
/// vertex per person), no curve for a group whose counts or estimates are withheld (the legend and a footnote say
/// so), and the numbers at risk under the plot taken from the published steps' at-risk counts — counts of the run's
/// ledger, related to each other and to the group's n, so differences between ticks reveal nothing the gate
/// withheld.
enum PublishedSurvivalFigure {
    /// The chart. `stepNames[s]` is group s's step function in `d`; `labels[s]` its legend label.
    /// With `complement`, 1 − estimate is drawn (cumulative incidence from a survival curve).
    static func chart(_ d: CountDecisions, stepNames: [String], labels: [String], options o: SurvivalFigureOptions,
                      yLabel: String, complement: Bool, origin: Double = 1, confidenceLevel: Double,
                      confidenceType: SurvivalConfidenceType?, horizon: Double? = nil) throws(SurvivalCurveError) -> Chart {
        try SurvivalFigure.validate(o)
        let scale = o.timeScale
        // With a horizon (data units), steps after it are left out: the curve up to it is unchanged.
        let published = stepNames.map { name in
            d.stepFunctions[name].map { f in
                var f = f
                if let horizon { f.steps = f.steps.filter { $0.time <= horizon } }
                return f
            }
        }
        let (xAxis, ticks) = SurvivalFigure.timeAxis(
            spanning: published.map { $0?.steps.map(\.time) ?? [] }, options: o)
        let stratified = stepNames.count > 1
        var layers: [ChartLayer] = [], bands: [ChartLayer] = []
        var withheld: [String] = []
        func value(_ c: ResultCell) -> Double? {
            if case .number(let x, _) = d.resolve(c) { return x }
            return nil
        }
        for (s, f) in published.enumerated() {
            guard let f else { continue }
            let shown = f.steps.filter { value($0.estimate) != nil }
            guard !shown.isEmpty, !f.isWithheld(d) else { withheld.append(labels[s]); continue }
            let color = ChartPalette.color(s)
            var x = [0.0], y = [origin], lo = [origin], hi = [origin]
            for st in shown {
                x.append(st.time / scale)
                y.append(value(st.estimate)!)
                lo.append(value(st.confLow) ?? .nan)
                hi.append(value(st.confHigh) ?? .nan)
            }
            if complement {
                y = y.map { 1 - $0 }
                (lo, hi) = (hi.map { 1 - $0 }, lo.map { 1 - $0 })
            }
            if o.showsConfidenceBands {
                bands.append(ChartLayer(.band(x: x, lower: lo, upper: hi, stepped: true), color: color))
            }
            layers.append(ChartLayer(.step(x: x, y: y), label: stratified ? labels[s] : nil, color: color))
        }
        var footnotes: [String] = []
        if o.showsConfidenceBands, let confidenceType {
            footnotes.append(SurvivalFigure.bandFootnote(level: confidenceLevel, type: confidenceType))
        }
        if let first = published.compactMap({ $0 }).first { footnotes.append(first.ruleFootnote) }
        if !withheld.isEmpty {
            footnotes.append("Curves withheld (counts below the threshold): " + withheld.joined(separator: ", ") + ".")
        }
        var table: ChartTable?
        if o.showsAtRiskTable {
            let times = o.atRiskTimes ?? ticks
            let rows = published.enumerated().map { s, f in
                ChartTableRow(label: stratified ? labels[s] : "All", cells: times.map { t in
                    guard let f else { return .missing }
                    if f.isWithheld(d) { return .suppressed(marker: d.policy.marker) }
                    // People at risk at the start of the published step containing t (0 after the last step).
                    guard let st = f.steps.first(where: { $0.time >= t * scale }) else { return .integer(0) }
                    return d.cell(st.atRisk)
                }, color: ChartPalette.color(s))
            }
            table = ChartTable(title: "Number at risk", x: times, rows: rows, clearsRowLabels: true)
            footnotes.append("Numbers at risk: people at risk at the start of the published step containing each "
                             + "time. " + d.policy.footnote(secondaryApplies: true))
        }
        return Chart(title: o.title, xAxis: xAxis, yAxis: ChartAxis(yLabel, limits: 0...o.probabilityLimit, tickCount: 6),
                     panels: [ChartPanel(layers: bands + layers)], table: table, width: o.width, height: o.height,
                     showsLegend: stratified, footnotes: footnotes)
    }
}

extension KaplanMeierFit {
    /// The Kaplan–Meier figure of a run, drawn from its published results (``PublishedSurvivalFigure``): call
    /// inside a ``RunOutput/Figure`` closure with the counts ``addResults(to:name:title:times:)`` returned.
    /// `horizon` (in data units) leaves out the steps after it.
    public func figure(_ d: CountDecisions, counts: SurvivalGroupCounts, options: SurvivalFigureOptions,
                       cumulativeIncidence: Bool = false, horizon: Double? = nil) throws(SurvivalCurveError) -> Chart {
        let labels = curves.map { SurvivalFigure.stratumLabel($0.name, options: options) }
        return try PublishedSurvivalFigure.chart(
            d, stepNames: counts.stepNames, labels: labels, options: options,
            yLabel: options.probabilityLabel ?? (cumulativeIncidence ? "Cumulative incidence" : "Survival probability"),
            complement: cumulativeIncidence, confidenceLevel: confidenceLevel, confidenceType: confidenceType,
            horizon: horizon)
    }
}
