public import Reporting

extension KaplanMeierFit {
    /// The Kaplan–Meier figure: per stratum, the step curve S(t) and, shaded in the same colour, its pointwise
    /// confidence band, with a number-at-risk table under the plot — the usual publication layout (e.g. Pocock,
    /// Clayton & Altman 2002, "Survival plots of time-to-event outcomes in clinical trials", Lancet 359:1686).
    ///
    /// - Curves: the points `(time[i] / timeScale, survival[i])` of each curve, preceded by R's `survfit0`
    ///   origin `(0, 1)` when the first time is after 0. With `cumulativeIncidence`, 1 − S(t) is drawn instead,
    ///   with the band 1 − upper … 1 − lower (so the band still lies around the curve).
    /// - Bands: the fit's pointwise limits (``KaplanMeierCurve/lower``, ``KaplanMeierCurve/upper``) as stepped
    ///   bands; where R's limit is NA (NaN) the band is broken.
    /// - At-risk table: for each stratum, the number at risk at the x-axis tick times (or
    ///   ``SurvivalFigureOptions/atRiskTimes``): the count at the first curve time ≥ t, 0 after the last time
    ///   (R's `summary(fit, times, extend = TRUE)$n.risk`), exact (weighted counts rounded to integers).
    ///   This is the library's exact figure, every curve time a vertex: not for release. Commands and specs
    ///   publish ``figure(_:counts:options:cumulativeIncidence:horizon:)`` instead, drawn from the disclosure
    ///   gate's decisions.
    /// - Axes: time in displayed units (Heckbert ticks from min(0, first time)), probability from 0 to
    ///   ``SurvivalFigureOptions/probabilityLimit``. A legend names the strata when there is more than one.
    ///
    /// - Throws: ``SurvivalCurveError/invalidArgument(_:)`` for invalid options (time scale ≤ 0, …).
    /// Complexity: O(total curve length + strata × at-risk times × log m).
    public func figure(_ options: SurvivalFigureOptions = SurvivalFigureOptions(),
                       cumulativeIncidence: Bool = false) throws(SurvivalCurveError) -> Chart {
        try SurvivalFigure.validate(options)
        let scale = options.timeScale
        let (xAxis, ticks) = SurvivalFigure.timeAxis(spanning: curves.map(\.time), options: options)
        let stratified = curves.count > 1

        var layers: [ChartLayer] = []
        var bands: [ChartLayer] = []
        for (s, curve) in curves.enumerated() where !curve.time.isEmpty {
            let color = ChartPalette.color(s)
            var x = curve.time.map { $0 / scale }
            var y = curve.survival
            var lower = curve.lower, upper = curve.upper
            if curve.time[0] > 0 {
                x.insert(0, at: 0)
                y.insert(1, at: 0)
                lower.insert(1, at: 0)
                upper.insert(1, at: 0)
            }
            if cumulativeIncidence {
                y = y.map { 1 - $0 }
                (lower, upper) = (upper.map { 1 - $0 }, lower.map { 1 - $0 })
            }
            if options.showsConfidenceBands {
                bands.append(ChartLayer(.band(x: x, lower: lower, upper: upper, stepped: true), color: color))
            }
            layers.append(ChartLayer(.step(x: x, y: y), label: stratified ? SurvivalFigure.stratumLabel(curve.name, options: options) : nil, color: color))
        }

        var table: ChartTable?
        var footnotes: [String] = []
        if options.showsConfidenceBands {
            footnotes.append(SurvivalFigure.bandFootnote(level: confidenceLevel, type: confidenceType))
        }
        if options.showsAtRiskTable {
            let times = options.atRiskTimes ?? ticks
            let rows = curves.enumerated().map { s, curve in
                ChartTableRow(
                    label: stratified ? SurvivalFigure.stratumLabel(curve.name, options: options) : "All",
                    cells: times.map {
                        SurvivalFigure.exactCell(SurvivalFigure.atRisk(time: curve.time, nRisk: curve.nRisk, at: $0 * scale))
                    },
                    color: ChartPalette.color(s))
            }
            table = ChartTable(title: "Number at risk", x: times, rows: rows, clearsRowLabels: true)
            footnotes.append(SurvivalFigure.exactAtRiskFootnote)
        }
        let yLabel = options.probabilityLabel ?? (cumulativeIncidence ? "Cumulative incidence" : "Survival probability")
        return Chart(title: options.title, xAxis: xAxis,
                     yAxis: ChartAxis(yLabel, limits: 0...options.probabilityLimit, tickCount: 6),
                     panels: [ChartPanel(layers: bands + layers)], table: table, width: options.width,
                     height: options.height, showsLegend: stratified, footnotes: footnotes)
    }
}
