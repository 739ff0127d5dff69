import CareData
public import Reporting
public import Survival
public import Tabular

/// A time-to-event analysis of a derived care dataset, as return-to-care studies report it (McGrath-Lone et al.
/// 2017): a Cox model (hazard ratios with CIs, n and events under disclosure control), Kaplan–Meier curves by a
/// grouping column, the cumulative incidence 1 − S(t) at chosen horizons per group, and a figure of the
/// cumulative-incidence curves with an at-risk table.
///
/// The dataset's time column is in days (as CareData derives it); horizons and the figure are in years of
/// 365.25 days. The model is a typed ``CoxModel`` whose formula names the dataset's columns.
public struct SurvivalAnalysis: Sendable {
    /// The derived dataset analysed.
    public enum Dataset: Sendable, Equatable {
        /// CareData's `return-to-care` derivation (``ReturnToCare``): one row per at-risk exit, `days` to the
        /// next period of care or censoring, `returned` 0/1.
        case returnToCare

        /// The derivation's name, as `carestat derive` takes it.
        public var name: String {
            switch self {
            case .returnToCare: DerivedDataset.returnToCare.rawValue
            }
        }
    }

    public let dataset: Dataset
    public let model: CoxModel
    /// The column whose values define the Kaplan–Meier curves (e.g. legal status at exit).
    public let curvesBy: String
    /// How the grouping column is named in tables and the figure.
    public let curvesLabel: String
    /// Horizons in years at which the cumulative incidence is reported (e.g. 1 and 5).
    public let horizonsYears: [Double]
    /// The event in words (e.g. "returned to care"), for titles.
    public let event: String
    /// The figure's time axis ends here (years); nil shows all follow-up. The curves up to it are the full
    /// Kaplan–Meier estimates: follow-up is cut at the horizon (censoring there), which leaves S(t) for t ≤ horizon
    /// unchanged, so the long, thinly populated tail does not stretch the axis.
    public let figureHorizonYears: Double?

    public init(dataset: Dataset, model: CoxModel, curvesBy: String, curvesLabel: String,
                horizonsYears: [Double], event: String, figureHorizonYears: Double? = nil) {
        self.dataset = dataset
        self.model = model
        self.curvesBy = curvesBy
        self.curvesLabel = curvesLabel
        self.horizonsYears = horizonsYears
        self.event = event
        self.figureHorizonYears = figureHorizonYears
    }

    /// Days per year of the time axis.
    public static let daysPerYear = 365.25
}

/// What ``SurvivalAnalysis`` computes: the fits, and the tables and figure that present them.
public struct SurvivalAnalysisResult: Sendable {
    public let data: DataFrame
    public let cox: CoxFit
    public let curves: KaplanMeierFit
    public let tables: [Table]
    public let figures: [SpecFigure]
}

extension SurvivalAnalysis {
    /// Derives the dataset from `files`, fits the model and the curves, and renders tables and the figure;
    /// counts of people follow `policy`.
    public func compute(on files: CareRecordFiles, policy: DisclosurePolicy) throws -> SurvivalAnalysisResult {
        let data: DataFrame
        switch dataset {
        case .returnToCare:
            data = try files.inputs.derive(.returnToCare).tables[0].1
        }
        return try compute(on: data, policy: policy)
    }

    /// Fits and renders on an already derived dataset.
    public func compute(on data: DataFrame, policy: DisclosurePolicy) throws -> SurvivalAnalysisResult {
        let cox = try model.fit(data: data)
        let (timeColumn, eventColumn) = try responseColumns()
        let curves = try kaplanMeier(data, time: timeColumn, event: eventColumn)
        var tables: [Table] = [try hazardRatioTable(cox, policy: policy)]
        tables.append(try incidenceTable(curves, policy: policy))
        let drawn = try figureHorizonYears.map { h in
            try kaplanMeier(data, time: timeColumn, event: eventColumn, cutAt: h * SurvivalAnalysis.daysPerYear)
        } ?? curves
        let figure = try drawn.figure(SurvivalFigureOptions(
            title: "Cumulative proportion who \(event), by \(curvesLabel.lowercased())", timeLabel: "Years since exit",
            probabilityLabel: "Cumulative proportion who \(event)", timeScale: SurvivalAnalysis.daysPerYear,
            disclosure: policy), cumulativeIncidence: true)
        return SurvivalAnalysisResult(data: data, cox: cox, curves: curves, tables: tables,
                                      figures: [SpecFigure(name: "cumulative-incidence", chart: figure)])
    }

    /// The time and event columns of the model's `Surv(time, event)` response.
    func responseColumns() throws -> (String, String) {
        guard case let .survival(time, event)? = model.formula.response else {
            throw SpecError.invalidSpec("a survival analysis needs a Surv(time, event) response")
        }
        return (time, event)
    }

    /// Kaplan–Meier curves of the rows with time, event and group present, one per group value (in the column's
    /// level order); with `cut`, follow-up is censored at that time.
    func kaplanMeier(_ data: DataFrame, time: String, event: String, cutAt cut: Double = .infinity) throws -> KaplanMeierFit {
        guard let t = data.column(named: time), let e = data.column(named: event), let g = data.column(named: curvesBy) else {
            throw SpecError.invalidSpec("the dataset lacks \(time), \(event) or \(curvesBy)")
        }
        var times: [Double] = [], events: [Bool] = [], groups: [String] = []
        for i in 0..<data.rowCount {
            guard let ti = t.numericValue(at: i), let ei = e.numericValue(at: i), let gi = g.stringValue(at: i) else { continue }
            times.append(min(ti, cut)); events.append(ei == 1 && ti <= cut); groups.append(gi)
        }
        let order: [String]
        if case let .categorical(_, levels, _) = g.values { order = levels.filter(Set(groups).contains) }
        else { order = Array(Set(groups)).sorted() }
        let codes = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let data = try SurvivalData(time: times, event: events, stratum: groups.map { codes[$0] ?? 0 }, strata: order)
        return try KaplanMeier.fit(data)
    }

    /// The Cox table with n and events protected as `carestat cox` protects them (the coefficients are not counts).
    func hazardRatioTable(_ fit: CoxFit, policy: DisclosurePolicy) throws -> Table {
        let counts = try ProtectedModelCounts(n: fit.n, events: fit.events, policy: policy)
        var table = try counts.protect(coxTable: fit.table(), fit: fit, rowsLabel: "exits used", eventsLabel: event)
        table.title = "Hazard ratios of \(event) (Cox model): \(model.formula)"
        return table
    }

    /// Per group: exits and events (protected as a two-way table with totals), and the cumulative incidence
    /// 1 − S(t) with its confidence interval (1 − upper, 1 − lower) at each horizon, in percent.
    func incidenceTable(_ fit: KaplanMeierFit, policy: DisclosurePolicy) throws -> Table {
        let names = fit.curves.map(\.name)
        let counts = fit.curves.map { c in [Int(c.events.rounded()), c.n - Int(c.events.rounded())] }
        let protected = try DisclosureControl.protect(counts: counts, rowLabels: names,
                                                      columnLabels: [event, "not \(event)"], policy: policy)
        var columns = [Column(curvesLabel, key: "group", alignment: .left), Column("Exits", key: "n"),
                       Column(event.prefix(1).uppercased() + event.dropFirst(), key: "events")]
        for h in horizonsYears {
            let y = Self.yearsLabel(h)
            let k = (h.rounded() == h ? String(Int(h)) : String(h)) + "y"
            columns += [Column("\(y) %", key: "percent_\(k)"), Column("\(y) low", key: "conf_low_\(k)"),
                        Column("\(y) high", key: "conf_high_\(k)")]
        }
        var table = Table(title: "Cumulative proportion who \(event), by \(curvesLabel.lowercased()) (Kaplan–Meier, 1 − S(t))",
                          columns: columns)
        for (k, curve) in fit.curves.enumerated() {
            var row: [Cell] = [.text(curve.name), protected.rowTotals[k].cell(marker: policy.marker),
                               protected.cells[k][0].cell(marker: policy.marker)]
            let points = curve.summary(at: horizonsYears.map { $0 * SurvivalAnalysis.daysPerYear })
            for p in points {
                row += [.number(100 * (1 - p.survival), significantDigits: 3), .number(100 * (1 - p.upper), significantDigits: 3),
                        .number(100 * (1 - p.lower), significantDigits: 3)]
            }
            table.append(row)
        }
        table.append([.text("All"), protected.grandTotal.cell(marker: policy.marker),
                      protected.columnTotals[0].cell(marker: policy.marker)]
                     + [Cell](repeating: .missing, count: 3 * horizonsYears.count))
        table.footnotes = [
            "Percent with 95% pointwise confidence limits (log transformation, as R's survfit); years of 365.25 days; "
                + "blank where a group's follow-up ends before the horizon (not estimable).",
            "Counts of exits and events: " + policy.footnote(secondaryApplies: true),
        ]
        return table
    }

    static func yearsLabel(_ h: Double) -> String {
        let whole = h.rounded() == h ? String(Int(h)) : String(h)
        return whole + (h == 1 ? " year" : " years")
    }
}

/// A figure a spec run writes, with the file-name stem it is written under.
public struct SpecFigure: Sendable {
    public let name: String
    public let chart: Chart

    public init(name: String, chart: Chart) {
        self.name = name
        self.chart = chart
    }
}
