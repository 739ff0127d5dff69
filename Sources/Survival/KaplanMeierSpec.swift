public import Tabular
internal import Foundation
internal import Formulas

/// A Kaplan–Meier specification on an R-style formula: `Surv(time, event) ~ group` (one curve per level, or per
/// combination of several grouping columns), `Surv(time, event) ~ 1` (one curve), or `Surv(entry, exit, event)`
/// for delayed entry — fitted by ``fit(_:)`` into a ``KaplanMeierFit`` (R's `survfit` with `timefix = TRUE`).
///
/// Event coding (0/1 with 1 the event, 1/2 with 2 the event, or TRUE/FALSE), missing rows (dropped and reported)
/// and the grouping all go through Formulas' ``ModelFrame``, as for ``CoxSpec``: one home for each rule.
public struct KaplanMeierSpec: Sendable {
    /// The formula as given.
    public let formula: String
    /// The grouping columns (empty for `~ 1`).
    public let groups: [String]
    public var confidenceType: SurvivalConfidenceType
    /// Coverage of the pointwise intervals, in (0, 1); 0.95 as R.
    public var confidenceLevel: Double
    let parsed: Formula

    /// Parses `formula`; its right-hand side must be `1` or plain column names.
    public init(_ formula: String, confidenceType: SurvivalConfidenceType = .log,
                confidenceLevel: Double = 0.95) throws(SurvivalCurveError) {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw .invalidArgument("confidence level must be in (0, 1), got \(confidenceLevel)")
        }
        let f: Formula
        do { f = try Formula(parsing: formula) } catch { throw .invalidArgument("formula: \(error.description)") }
        switch f.response {
        case .survival?, .countingProcess?: break
        default: throw .invalidArgument("formula: the response must be Surv(time, event) or Surv(entry, exit, event)")
        }
        var groups: [String] = []
        for t in f.terms {
            guard case .term(.column(let c)) = t else {
                throw .invalidArgument("formula: a Kaplan–Meier formula takes grouping columns only (`~ group` or `~ 1`), got \(formula)")
            }
            if !groups.contains(c) { groups.append(c) }
        }
        guard let tilde = formula.firstIndex(of: "~") else { throw .invalidArgument("formula: no ~ in \(formula)") }
        let lhs = formula[..<tilde].trimmingCharacters(in: .whitespaces)
        let rhs = groups.isEmpty ? "1" : groups.map { "strata(\($0))" }.joined(separator: " + ")
        do { parsed = try Formula(parsing: "\(lhs) ~ \(rhs)") } catch {
            throw .invalidArgument("formula: \(error.description)")
        }
        self.formula = formula
        self.groups = groups
        self.confidenceType = confidenceType
        self.confidenceLevel = confidenceLevel
    }

    /// Fits one curve per group on the rows with no missing value in the formula's columns.
    public func fit(_ data: DataFrame) throws(SurvivalCurveError) -> KaplanMeierFit {
        let frame: ModelFrame
        do { frame = try ModelFrame(formula: parsed, data: data) } catch { throw .invalidArgument(error.description) }
        let time: [Double], entry: [Double]?, event: [Bool]
        switch frame.response {
        case let .survival(t, e)?: time = t; entry = nil; event = e
        case let .countingProcess(s, t, e)?: time = t; entry = s; event = e
        default: throw .invalidArgument("formula: the response must be Surv()")
        }
        let survival: SurvivalData
        do {
            survival = try SurvivalData(time: time, event: event, entry: entry, stratum: frame.strata?.codes,
                                        strata: labels(frame.strata?.levels ?? []), timefix: true)
        } catch {
            throw .invalidArgument(Self.describe(error, rows: frame.rows))
        }
        var fit = try KaplanMeier.fit(survival, confidenceLevel: confidenceLevel, confidenceType: confidenceType)
        fit.groupName = groups.isEmpty ? nil : groups.joined(separator: ", ")
        fit.formula = formula
        fit.droppedRows = frame.missing.droppedRows
        fit.droppedByColumn = frame.missing.byColumn.map { ($0.column, $0.rows) }
        return fit
    }

    /// Group labels: the level itself for one grouping column ("A", not strata()'s "grp=A").
    func labels(_ levels: [String]) -> [String] {
        guard groups.count == 1 else { return levels }
        let prefix = groups[0] + "="
        return levels.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
    }

    /// A data error naming the data-file row (1-based, after the header).
    static func describe(_ e: SurvivalDataError, rows: [Int]) -> String {
        func row(_ i: Int) -> String { "row \((rows.indices.contains(i) ? rows[i] : i) + 1)" }
        switch e {
        case .lengthMismatch(let m): return m
        case .nonFiniteTime(let i): return "\(row(i)): a time is infinite"
        case .entryNotBeforeExit(let i): return "\(row(i)): the entry time must be below the exit time"
        case .invalidWeight(let i): return "\(row(i)): invalid weight"
        case .stratumOutOfRange(let i): return "\(row(i)): invalid group"
        case .intervalCollapsed(let i): return "\(row(i)): entry equals exit up to rounding"
        }
    }
}
