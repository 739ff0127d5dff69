public import Reporting

extension CompetingRisksFit {
    /// The cumulative incidence figure of an Aalen–Johansen fit: one step curve F_k(t) per cause, in the cause's
    /// colour, with its pointwise confidence band shaded in the same colour, and a number-at-risk table under the
    /// plot (the usual competing-risks display; Putter, Fiocco & Geskus 2007, "Tutorial in biostatistics:
    /// competing risks and multi-state models", Stat Med 26:2389).
    ///
    /// - With strata, all curves share one panel: colour tells causes apart and the line pattern (solid,
    ///   dashed, dotted, dash-dot) tells strata apart, legend entries "cause: stratum"; one panel keeps the
    ///   at-risk table aligned with every curve.
    /// - Curves: `(time[i] / timeScale, incidence[k][i])`, preceded by the origin (0, 0) when the first time is
    ///   after 0. Bands: the fit's limits ``CompetingRisksCurve/lower`` … ``CompetingRisksCurve/upper`` (from its
    ///   variance: infinitesimal jackknife or Gray), broken where a limit is NaN (e.g. log limits while F = 0).
    /// - At-risk table: per stratum, the number event-free and under observation at the tick times (or
    ///   ``SurvivalFigureOptions/atRiskTimes``), by R's `summary(fit, times, extend = TRUE)$n.risk` rule,
    ///   exact, as in ``KaplanMeierFit/figure(_:cumulativeIncidence:)`` (the library's exact figure: not for release;
    ///   commands publish ``figure(_:counts:options:)``, drawn from the disclosure gate's decisions).
    ///
    /// - Throws: ``SurvivalCurveError/invalidArgument(_:)`` for invalid options.
    /// Complexity: O(K × total curve length + strata × at-risk times × log m).
    public func figure(_ options: SurvivalFigureOptions = SurvivalFigureOptions()) throws(SurvivalCurveError) -> Chart {
        try SurvivalFigure.validate(options)
        let scale = options.timeScale
        let (xAxis, ticks) = SurvivalFigure.timeAxis(spanning: curves.map(\.time), options: options)
        let stratified = curves.count > 1

        var layers: [ChartLayer] = []
        var bands: [ChartLayer] = []
        for (s, curve) in curves.enumerated() where !curve.time.isEmpty {
            let origin = curve.time[0] > 0
            let x = (origin ? [0] : []) + curve.time.map { $0 / scale }
            for k in causeNames.indices where k < curve.incidence.count {
                let color = ChartPalette.color(k + 1)   // black is left for the at-risk table and axes
                let prefix: [Double] = origin ? [0] : []
                if options.showsConfidenceBands {
                    bands.append(ChartLayer(
                        .band(x: x, lower: prefix + curve.lower[k], upper: prefix + curve.upper[k], stepped: true),
                        color: color))
                }
                layers.append(ChartLayer(
                    .step(x: x, y: prefix + curve.incidence[k]),
                    label: stratified ? "\(causeNames[k]): \(SurvivalFigure.stratumLabel(curve.name, options: options))" : causeNames[k], color: color,
                    dash: SurvivalFigure.dash(s)))
            }
        }

        var table: ChartTable?
        var footnotes: [String] = []
        if options.showsConfidenceBands {
            footnotes.append(SurvivalFigure.bandFootnote(level: confidenceLevel, type: confidenceType))
        }
        if options.showsAtRiskTable {
            let times = options.atRiskTimes ?? ticks
            let rows = curves.map { curve in
                ChartTableRow(
                    label: stratified ? SurvivalFigure.stratumLabel(curve.name, options: options) : "All",
                    cells: times.map {
                        SurvivalFigure.exactCell(SurvivalFigure.atRisk(time: curve.time, nRisk: curve.nRisk, at: $0 * scale))
                    },
                    color: ChartPalette.black)
            }
            table = ChartTable(title: "Number at risk (event-free)", x: times, rows: rows, clearsRowLabels: true)
            footnotes.append(SurvivalFigure.exactAtRiskFootnote)
        }
        return Chart(title: options.title, xAxis: xAxis,
                     yAxis: ChartAxis(options.probabilityLabel ?? "Cumulative incidence",
                                      limits: 0...options.probabilityLimit, tickCount: 6),
                     panels: [ChartPanel(layers: bands + layers)], table: table, width: options.width,
                     height: options.height, showsLegend: true, footnotes: footnotes)
    }
}
