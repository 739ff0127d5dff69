public import Tabular
internal import Foundation
internal import Formulas

/// A competing-risks specification: `Surv(time, status) ~ group` (or `~ 1`, or `Surv(entry, exit, status)`)
/// where `status` holds the censoring value and one value per cause — fitted by ``fit(_:)`` into a
/// ``CompetingRisksFit`` (Aalen–Johansen cumulative incidence of each cause, R's multi-state `survfit`).
///
/// The status column is read as labels (numbers in their shortest form, as ``CauseSpecificCox``); missing rows
/// (in any column of the formula) and the grouping go through Formulas' ``ModelFrame``, with the status replaced
/// by its event indicator (status ≠ censoring value) — the same homes as Kaplan–Meier and Cox.
public struct CumulativeIncidenceSpec: Sendable {
    public let formula: String
    public let groups: [String]
    /// The status value meaning censored.
    public var censored: String
    public var confidenceType: SurvivalConfidenceType
    public var confidenceLevel: Double
    public var variance: CompetingRisksVariance
    let km: KaplanMeierSpec

    public init(_ formula: String, censored: String = "0", confidenceType: SurvivalConfidenceType = .log,
                confidenceLevel: Double = 0.95,
                variance: CompetingRisksVariance = .infinitesimalJackknife) throws(SurvivalCurveError) {
        km = try KaplanMeierSpec(formula, confidenceType: confidenceType, confidenceLevel: confidenceLevel)
        self.formula = formula
        self.groups = km.groups
        self.censored = censored
        self.confidenceType = confidenceType
        self.confidenceLevel = confidenceLevel
        self.variance = variance
    }

    /// Fits the cumulative incidence of every cause present, per group.
    public func fit(_ data: DataFrame) throws(SurvivalCurveError) -> CompetingRisksFit {
        let statusName: String
        switch km.parsed.response {
        case let .survival(_, e)?: statusName = e
        case let .countingProcess(_, _, e)?: statusName = e
        default: throw .invalidArgument("formula: the response must be Surv()")
        }
        let column: DataColumn
        do { column = try data.requireColumn(statusName) } catch {
            throw .invalidArgument("status: \(error.description)")
        }
        let labels = (0..<data.rowCount).map { CauseSpecificCox.label(column, at: $0) }
        let causes = CauseSpecificCox.causeOrder(column, labels: labels, censoring: censored)
        guard !causes.isEmpty else {
            throw .invalidArgument("status column \(statusName) has no events: every value is the censoring value \(censored)")
        }
        if causes.count > 20 {
            throw .invalidArgument("status column \(statusName) has \(causes.count) distinct causes; is it the right column (and the censoring value \(censored))?")
        }
        var indicated = data
        do {
            try indicated.setColumn(DataColumn(name: statusName, doubles: labels.map { $0.map { $0 == censored ? 0 : 1 } }))
        } catch { throw .invalidArgument("\(error)") }
        let frame: ModelFrame
        do { frame = try ModelFrame(formula: km.parsed, data: indicated) } catch { throw .invalidArgument(error.description) }
        let time: [Double], entry: [Double]?
        switch frame.response {
        case let .survival(t, _)?: time = t; entry = nil
        case let .countingProcess(s, t, _)?: time = t; entry = s
        default: throw .invalidArgument("formula: the response must be Surv()")
        }
        let status = frame.rows.map { labels[$0] ?? censored }
        let strata = frame.strata.map { g in g.codes.map { km.labels(g.levels)[$0] } }
        var fit: CompetingRisksFit
        do {
            fit = try AalenJohansen.fit(time: time, status: status, censored: censored, causes: causes, entry: entry,
                                        strataLabels: strata, confidenceLevel: confidenceLevel,
                                        confidenceType: confidenceType, variance: variance)
        } catch let e as SurvivalDataError {
            throw .invalidArgument(KaplanMeierSpec.describe(e, rows: frame.rows))
        } catch let e as SurvivalCurveError {
            throw e
        } catch {
            throw .invalidArgument("\(error)")
        }
        fit.groupName = groups.isEmpty ? nil : groups.joined(separator: ", ")
        fit.formula = formula
        fit.droppedRows = frame.missing.droppedRows
        fit.droppedColumns = frame.missing.byColumn.map(\.column)
        fit.droppedColumnRows = frame.missing.byColumn.map(\.rows)
        return fit
    }
}
