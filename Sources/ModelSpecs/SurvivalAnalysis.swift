import CareData
public import Reporting
import Foundation
public import Survival
public import Tabular

/// A time-to-event analysis of a derived care dataset, as return-to-care studies report it (McGrath-Lone et al.
/// 2017): a Cox model (hazard ratios with CIs), Kaplan–Meier curves by a grouping column, the cumulative incidence
/// 1 − S(t) at chosen horizons per group, and a figure of the cumulative-incidence curves with an at-risk table —
/// every count and estimate published through the run's disclosure gate (``addResults(_:to:)``).
///
/// The dataset's time column is in days (as CareData derives it); horizons and the figure are in years of
/// 365.25 days. The model is a typed ``CoxSpec`` whose formula names the dataset's columns.
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
    public let model: CoxSpec
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

    public init(dataset: Dataset, model: CoxSpec, curvesBy: String, curvesLabel: String,
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

/// What ``SurvivalAnalysis`` computes: the data and the fits. ``SurvivalAnalysis/addResults(_:to:)`` presents
/// them through the disclosure gate.
public struct SurvivalAnalysisResult: Sendable {
    public let data: DataFrame
    public let cox: CoxFit
    public let curves: KaplanMeierFit
}

extension SurvivalAnalysis {
    /// Derives the dataset from `files` and fits the model and the curves.
    public func compute(on files: CareRecordFiles) throws -> SurvivalAnalysisResult {
        let data: DataFrame
        switch dataset {
        case .returnToCare:
            data = try files.inputs.derive(.returnToCare).tables[0].1
        }
        return try compute(on: data)
    }

    /// Fits on an already derived dataset: the Cox model, and the Kaplan–Meier curves of
    /// `Surv(time, event) ~ curvesBy` (rows with time, event and group present; ``KaplanMeierSpec``).
    public func compute(on data: DataFrame) throws -> SurvivalAnalysisResult {
        let cox = try model.fit(data)
        let (time, event) = try responseColumns()
        let curves = try KaplanMeierSpec("Surv(\(time), \(event)) ~ \(curvesBy)").fit(data)
        return SurvivalAnalysisResult(data: data, cox: cox, curves: curves)
    }

    /// Adds the analysis to a run: the Cox model's summary, the Kaplan–Meier summary by group with the groups'
    /// survival tables and the cumulative incidence 1 − S(t) at the horizons, and the figure — all published
    /// through the gate. The Cox model's n and events are related to the groups' totals (through the rows one
    /// uses and the other does not, registered as counts of their own), so no group's withheld count can be
    /// recovered as the model's total minus the shown groups.
    @discardableResult
    public func addResults(_ result: SurvivalAnalysisResult, to run: inout RunOutput) -> SurvivalAnalysisCounts {
        var cox = result.cox.summary(title: "Hazard ratios of \(event) (Cox model): \(model.formula)")
        cox.notes.append("n: exits used by the model; events: exits after which the child \(event)")
        let fit = run.add(cox)
        let horizons = horizonsYears.map { $0 * SurvivalAnalysis.daysPerYear }
        let counts = result.curves.addResults(
            to: &run, name: "km",
            title: "Exits and \(event), by \(curvesLabel.lowercased()) (Kaplan–Meier)", times: horizons,
            timesAsIncidence: true,
            timesTitle: "Cumulative proportion who \(event) at \(horizonsYears.map(Self.yearsLabel).joined(separator: ", ")) "
                + "(Kaplan–Meier, 1 − S(t); times in days)")
        Self.relate(fit.n, counts.totalN, role: .rowsUsed, label: "exits", in: &run.ledger)
        if let events = fit.events {
            Self.relate(events, counts.totalEvents, role: .events, label: "\(event)", in: &run.ledger)
        }
        let curves = result.curves
        let options = SurvivalFigureOptions(
            title: "Cumulative proportion who \(event), by \(curvesLabel.lowercased())", timeLabel: "Years since exit",
            probabilityLabel: "Cumulative proportion who \(event)", timeScale: SurvivalAnalysis.daysPerYear)
        let horizon = figureHorizonYears.map { $0 * SurvivalAnalysis.daysPerYear }
        run.add(figure: RunOutput.Figure(name: "cumulative-incidence") { d in
            try curves.figure(d, counts: counts, options: options, cumulativeIncidence: true, horizon: horizon).svg()
        })
        return SurvivalAnalysisCounts(cox: fit, curves: counts)
    }

    /// Relates two counts of the same kind from two outputs: the larger is the smaller plus the rows in one but
    /// not the other (a count of its own, withheld when small, which protects both).
    static func relate(_ a: CountID, _ b: CountID, role: CountRole, label: String, in ledger: inout CountLedger) {
        let (big, small) = ledger.value(a) >= ledger.value(b) ? (a, b) : (b, a)
        let gap = ledger.count(ledger.value(big) - ledger.value(small), role: role,
                               label: "\(label) counted by one output of the run but not the other")
        ledger.relate(total: big, parts: [small, gap])
    }

    /// The time and event columns of the model's `Surv(time, event)` response.
    func responseColumns() throws -> (String, String) {
        guard case let .survival(time, event)? = model.formula.response else {
            throw SpecError.invalidSpec("a survival analysis needs a Surv(time, event) response")
        }
        return (time, event)
    }

    static func yearsLabel(_ h: Double) -> String {
        let whole = h.rounded() == h ? String(Int(h)) : String(h)
        return whole + (h == 1 ? " year" : " years")
    }
}

/// What ``SurvivalAnalysis/addResults(_:to:)`` registered in a run: the Cox summary (its identifiers in the run's
/// ledger) and the Kaplan–Meier groups' counts, for the published comparison.
public struct SurvivalAnalysisCounts: Sendable {
    public let cox: FitSummary
    public let curves: SurvivalGroupCounts
}

extension SurvivalAnalysisResult {
    /// CareStat's estimate of a published survival quantity:
    /// - `.hazardRatio(term:)`: exp(β) of the Cox model's term with its Wald interval; it reveals the model's n and
    ///   the term's level counts;
    /// - `.cumulativeIncidence(group:years:)`: 100 × (1 − S(t)) at t = years × 365.25 days from the Kaplan–Meier
    ///   curve of the group (nil: all exits, one curve over every group) with its pointwise interval; it reveals
    ///   the group's n and events.
    /// Other quantities are not estimated by a survival analysis (nil).
    public func reproduce(_ quantity: PublishedFigure.Quantity, analysis: SurvivalAnalysis,
                          counts: SurvivalAnalysisCounts) -> ReproducedFigure? {
        switch quantity {
        case .hazardRatio(let term):
            guard let row = counts.cox.coefficients.rows.first(where: { $0.term == term }), !row.isAliased else { return nil }
            let reveals = [counts.cox.n] + (row.levelCount.map { [$0] } ?? []) + row.cellCounts
            return ReproducedFigure(Foundation.exp(row.estimate), confLow: Foundation.exp(row.confLow),
                                    confHigh: Foundation.exp(row.confHigh), reveals: reveals)
        case let .cumulativeIncidence(group, years):
            let t = years * SurvivalAnalysis.daysPerYear
            let curve: KaplanMeierCurve
            let reveals: [CountID]
            if let group {
                guard let i = curves.curves.firstIndex(where: { $0.name == group }) else { return nil }
                curve = curves.curves[i]
                reveals = [counts.curves.n[i], counts.curves.events[i]]
            } else {
                guard let (time, event) = try? analysis.responseColumns(),
                      let all = try? KaplanMeierSpec("Surv(\(time), \(event)) ~ 1", confidenceType: curves.confidenceType,
                                                     confidenceLevel: curves.confidenceLevel).fit(data),
                      let only = all.curves.first else { return nil }
                curve = only
                reveals = [counts.curves.totalN, counts.curves.totalEvents]
            }
            guard let p = curve.summary(at: [t]).first, p.time == t || curve.time.last.map({ $0 >= t }) == true else { return nil }
            return ReproducedFigure(100 * (1 - p.survival), confLow: 100 * (1 - p.upper), confHigh: 100 * (1 - p.lower),
                                    reveals: reveals)
        default:
            return nil
        }
    }
}
