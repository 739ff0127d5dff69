import Foundation
import CareData
public import MixedModels
public import Regression
public import Reporting
public import Tabular

/// Outcomes by the highest level of children's social care intervention (seed 004, the MoJ–DfE linked-data
/// study): the cohort of an outcomes file with its intervention level before an age (``OutcomeCohort``), and
/// models of its outcomes adjusted for child characteristics and deprivation, with predicted outcomes by level.
public struct InterventionOutcomes: Sendable {
    /// Records count towards the level only before this birthday (16: before GCSEs and most convictions
    /// recorded by the study; nil counts every record).
    public let levelBeforeAge: Int?
    /// The factor whose levels the predictions are made over (the cohort's `level`).
    public let levelColumn: String
    public let models: [OutcomeModel]

    public init(levelBeforeAge: Int?, levelColumn: String = "level", models: [OutcomeModel]) {
        self.levelBeforeAge = levelBeforeAge
        self.levelColumn = levelColumn
        self.models = models
    }
}

/// One model of an outcomes analysis.
public enum OutcomeModel: Sendable {
    /// A (generalised) linear mixed model, e.g. a random intercept by LA; with `predictions`, the average
    /// predicted outcome by intervention level at random effects zero and all pairwise contrasts.
    case mixed(title: String, MixedModelSpec, predictions: Bool)
    /// A proportional-odds model of an ordered outcome.
    case ordinal(title: String, OrderedLogitSpec)

    public var title: String {
        switch self {
        case .mixed(let t, _, _), .ordinal(let t, _): t
        }
    }
}

/// The fit of one ``OutcomeModel``.
public enum OutcomeFit: Sendable {
    case mixed(MixedModelFit, predictions: [MarginalEstimate], contrasts: [MarginalEstimate])
    case ordinal(OrderedLogitFit)
}

/// What ``InterventionOutcomes`` computes: the cohort, the fits, the children by level, and each fit's summary
/// (with predictions and contrasts as sections), published by ``add(to:)`` through the run's disclosure gate.
public struct InterventionOutcomesResult: Sendable {
    public let cohort: DataFrame
    public let fits: [OutcomeFit]
    /// The intervention levels in order, with the children at each (counts of people, published by the gate).
    public let levelCounts: [(level: String, children: Int)]
    /// Each fit's summary, in the order of ``fits``.
    public let summaries: [FitSummary]
    /// The level table's title and footnote.
    let levelTitle: String
    let levelNote: String

    /// Adds the outputs to a run: the children by intervention level (listed levels, parts of the cohort total)
    /// and every fit. Each fit's rows used plus its rows dropped are related to the cohort total, so no count
    /// can be recovered by differencing the level table and the models. Returns the cohort total's identifier.
    @discardableResult
    public func add(to run: inout RunOutput) -> InterventionOutcomesCounts {
        let total = run.ledger.count(cohort.rowCount, role: .rowsUsed, label: "children in the outcomes cohort")
        var rows = levelCounts
        let unrecorded = cohort.rowCount - rows.reduce(0) { $0 + $1.children }
        if unrecorded > 0 { rows.append(("not recorded", unrecorded)) }
        let parts = rows.map { run.ledger.count($0.children, role: .levelRows, label: "children at level \($0.level)",
                                                 listed: true) }
        run.ledger.relate(total: total, parts: parts)
        var t = ResultTable(name: "children-by-level", title: levelTitle,
                            columns: [Column("Level", key: "level", alignment: .left), Column("Children", key: "children")])
        for (k, l) in rows.enumerated() { t.append([.plain(.text(l.level)), .count(parts[k])]) }
        t.append([.plain(.text("Total")), .count(total)])
        t.footnotes = [levelNote]
        run.add(t)
        var added: [FitSummary] = []
        for summary in summaries {
            let added1 = run.add(summary)
            added.append(added1)
            let added = added1
            // n + dropped = the cohort's rows (each model is fitted on the cohort).
            for case .rowsDropped(let note) in added.diagnostics {
                guard let dropped = note.counts.first,
                      run.ledger.entries[dropped.index].role == .rowsDropped,
                      run.ledger.value(added.n) + run.ledger.value(dropped) == cohort.rowCount else { continue }
                run.ledger.relate(total: total, parts: [added.n, dropped])
                break
            }
            if !summary.diagnostics.contains(where: { if case .rowsDropped = $0 { true } else { false } }),
               run.ledger.value(added.n) == cohort.rowCount {
                run.ledger.relate(total: total, parts: [added.n])
            }
        }
        return InterventionOutcomesCounts(total: total, summaries: added,
                                          levels: Dictionary(zip(rows.map(\.level), parts), uniquingKeysWith: { a, _ in a }))
    }
}

extension InterventionOutcomes {
    /// Builds the cohort from `files` (``CareDataInputs/outcomeCohort(levelBeforeAge:)``) and fits every model.
    public func compute(on files: CareRecordFiles) throws -> InterventionOutcomesResult {
        let cohort = try files.inputs.outcomeCohort(levelBeforeAge: levelBeforeAge).table
        return try compute(on: cohort)
    }

    /// Fits every model on an already built cohort.
    public func compute(on cohort: DataFrame) throws -> InterventionOutcomesResult {
        var fits: [OutcomeFit] = []
        var summaries: [FitSummary] = []
        for model in models {
            switch model {
            case let .mixed(title, spec, predictions):
                let fit = try spec.fit(cohort)
                var summary = fit.summary()
                var p: [MarginalEstimate] = [], c: [MarginalEstimate] = []
                if predictions {
                    (p, c) = try fit.levelMargins(of: levelColumn, data: cohort)
                    let scale = spec.family == .binomial ? "probability" : "mean"
                    summary.appendMargins(p, name: "predictions", title: "\(title): predicted \(scale) by intervention level",
                                          notes: ["At random effects zero (an LA of average effect): each child's covariates "
                                                  + "as observed, the level set in turn; averaged over the children used by the fit."])
                    summary.appendMargins(c, name: "contrasts",
                                          title: "\(title): differences in predicted \(scale) between levels",
                                          notes: ["Later level minus earlier, at random effects zero."])
                }
                summary.title = "\(title): \(summary.title)"
                summaries.append(summary)
                fits.append(.mixed(fit, predictions: p, contrasts: c))
            case let .ordinal(title, spec):
                let fit = try spec.fit(cohort)
                var summary = try fit.summary()
                summary.title = "\(title): \(summary.title)"
                if spec.variance == .model {
                    summary.notes.append("Standard errors assume independent children: LA clustering is not allowed for "
                                         + "(give the spec a cluster variance).")
                }
                summaries.append(summary)
                fits.append(.ordinal(fit))
            }
        }
        let (levels, counts) = try levelCounts(cohort)
        return InterventionOutcomesResult(
            cohort: cohort, fits: fits, levelCounts: Array(zip(levels, counts)).map { ($0, $1) }, summaries: summaries,
            levelTitle: "Children in the outcomes cohort by highest level of intervention"
                + (levelBeforeAge.map { " before age \($0)" } ?? ""),
            levelNote: "Level: the highest of no contact < referral only < child in need < child protection plan < looked after, "
                + "from the CIN census and SSDA903 records" + (levelBeforeAge.map { " before each child's \($0)th birthday" } ?? "")
                + ".")
    }

    /// The levels in their declared order (then any others, sorted) with the children at each.
    func levelCounts(_ cohort: DataFrame) throws -> ([String], [Int]) {
        guard let column = cohort.column(named: levelColumn) else {
            throw SpecError.invalidSpec("the cohort has no column \(levelColumn)")
        }
        var order: [String] = []
        if case let .categorical(_, levels, _) = column.values { order = levels }
        var counts: [String: Int] = [:]
        for i in 0..<cohort.rowCount { if let v = column.stringValue(at: i) { counts[v, default: 0] += 1 } }
        for k in counts.keys.sorted() where !order.contains(k) { order.append(k) }
        return (order, order.map { counts[$0] ?? 0 })
    }
}

/// What ``InterventionOutcomesResult/add(to:)`` registered in a run: the cohort total, each fit's summary (its
/// identifiers in the run's ledger) and the children at each level, for the published comparison.
public struct InterventionOutcomesCounts: Sendable {
    public let total: CountID
    public let summaries: [FitSummary]
    public let levels: [String: CountID]
}

extension InterventionOutcomesResult {
    /// CareStat's estimate of a published quantity of an outcome model (the model is found by its title):
    /// - `.oddsRatio(outcome:term:)`: exp(β) of the term with its Wald interval (a GLMM's fixed effect or an
    ///   ordinal model's coefficient, as odds ratios); it reveals the model's n and the term's level counts;
    /// - `.predictedProbability(outcome:level:)`: the mixed model's average prediction at the level, in percent,
    ///   with its delta-method interval; it reveals the model's n and the children at that level.
    public func reproduce(_ quantity: PublishedFigure.Quantity, analysis: InterventionOutcomes,
                          counts: InterventionOutcomesCounts) -> ReproducedFigure? {
        func model(_ outcome: String) -> Int? {
            analysis.models.firstIndex { $0.title.lowercased() == outcome.lowercased() }
        }
        switch quantity {
        case let .oddsRatio(outcome, term):
            guard let k = model(outcome), k < counts.summaries.count,
                  let row = counts.summaries[k].coefficients.rows.first(where: { $0.term == term }), !row.isAliased
            else { return nil }
            let reveals = [counts.summaries[k].n] + (row.levelCount.map { [$0] } ?? []) + row.cellCounts
            return ReproducedFigure(Foundation.exp(row.estimate), confLow: Foundation.exp(row.confLow),
                                    confHigh: Foundation.exp(row.confHigh), reveals: reveals)
        case let .predictedProbability(outcome, level):
            guard let k = model(outcome), k < fits.count, case .mixed(_, let predictions, _) = fits[k],
                  let p = predictions.first(where: { $0.label == level || $0.label.hasSuffix("=" + level) })
            else { return nil }
            let reveals = [counts.summaries[k].n] + (counts.levels[level].map { [$0] } ?? [])
            return ReproducedFigure(100 * p.estimate, confLow: 100 * p.confidenceLow, confHigh: 100 * p.confidenceHigh,
                                    reveals: reveals)
        default:
            return nil
        }
    }
}
