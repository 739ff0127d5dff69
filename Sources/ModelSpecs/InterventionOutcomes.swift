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
    case ordinal(OrderedLogitResult)
}

/// What ``InterventionOutcomes`` computes.
public struct InterventionOutcomesResult: Sendable {
    public let cohort: DataFrame
    public let fits: [OutcomeFit]
    public let tables: [Table]
}

extension InterventionOutcomes {
    /// Builds the cohort from `files` (``CareDataInputs/outcomeCohort(levelBeforeAge:)``) and fits every model.
    public func compute(on files: CareRecordFiles, policy: DisclosurePolicy) throws -> InterventionOutcomesResult {
        let cohort = try files.inputs.outcomeCohort(levelBeforeAge: levelBeforeAge).table
        return try compute(on: cohort, policy: policy)
    }

    /// Fits every model on an already built cohort.
    public func compute(on cohort: DataFrame, policy: DisclosurePolicy) throws -> InterventionOutcomesResult {
        var fits: [OutcomeFit] = []
        var tables: [Table] = [try levelTable(cohort, policy: policy)]
        for model in models {
            switch model {
            case let .mixed(title, spec, predictions):
                let fit = try spec.fit(cohort)
                var coefficients = try ProtectedModelCounts(n: fit.n, policy: policy)
                    .protect(mixedModelTable: fit.coefficientTable(), fit: fit)
                coefficients.title = "\(title): \(coefficients.title)"
                tables += [coefficients, fit.randomEffectsTable()]
                var p: [MarginalEstimate] = [], c: [MarginalEstimate] = []
                if predictions {
                    (p, c) = try fit.levelMargins(of: levelColumn, data: cohort)
                    let scale = spec.family == .binomial ? "probability" : "mean"
                    var t = GLMFit.marginsTable(p, title: "\(title): predicted \(scale) by intervention level")
                    t.footnotes.insert("At random effects zero (an LA of average effect): each child's covariates as observed, "
                                       + "the level set in turn; averaged over the children used by the fit.", at: 0)
                    var ct = GLMFit.marginsTable(c, title: "\(title): differences in predicted \(scale) between levels")
                    ct.footnotes.insert("Later level minus earlier, at random effects zero.", at: 0)
                    tables += [t, ct]
                }
                fits.append(.mixed(fit, predictions: p, contrasts: c))
            case let .ordinal(title, spec):
                let fit = try spec.fit(cohort)
                let counts = try ProtectedModelCounts.categorical(n: fit.observationCount, totalWeight: fit.totalWeight,
                                                                  weighted: spec.weights != nil, policy: policy)
                var ts = ProtectedModelCounts.protect(categoricalTables: fit.tables(), counts, missing: fit.missing,
                                                      zeroWeightRows: fit.zeroWeightRows)
                if !ts.isEmpty {
                    ts[0].title = "\(title): \(ts[0].title)"
                    if spec.variance == .model {
                        ts[0].footnotes.append("Standard errors assume independent children: LA clustering is not allowed for (give the spec a cluster variance).")
                    }
                }
                tables += ts
                fits.append(.ordinal(fit))
            }
        }
        return InterventionOutcomesResult(cohort: cohort, fits: fits, tables: tables)
    }

    /// Children by intervention level (protected counts), the first table of the run.
    func levelTable(_ cohort: DataFrame, policy: DisclosurePolicy) throws -> Table {
        guard let column = cohort.column(named: levelColumn) else {
            throw SpecError.invalidSpec("the cohort has no column \(levelColumn)")
        }
        var order: [String] = []
        if case let .categorical(_, levels, _) = column.values { order = levels }
        var counts: [String: Int] = [:]
        for i in 0..<cohort.rowCount { if let v = column.stringValue(at: i) { counts[v, default: 0] += 1 } }
        for k in counts.keys.sorted() where !order.contains(k) { order.append(k) }
        let protected = try DisclosureControl.protect(counts: order.map { counts[$0] ?? 0 }, labels: order, policy: policy)
        var t = protected.table(title: "Children in the outcomes cohort by highest level of intervention"
                                + (levelBeforeAge.map { " before age \($0)" } ?? ""),
                                categoryHeader: "Level", countHeader: "Children")
        t.footnotes.append("Level: the highest of no contact < referral only < child in need < child protection plan < looked after, "
                           + "from the CIN census and SSDA903 records" + (levelBeforeAge.map { " before each child's \($0)th birthday" } ?? "") + ".")
        return t
    }
}
