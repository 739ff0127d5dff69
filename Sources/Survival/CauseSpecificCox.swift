public import Tabular
internal import Formulas

/// Cause-specific Cox models for competing risks: one Cox model per cause k, fitted to the hazard of cause k
/// with events of every other cause treated as censored at their time (Prentice, Kalbfleisch, Peterson,
/// Flournoy, Farewell & Breslow 1978, "The analysis of failure times in the presence of competing risks",
/// Biometrics 34:541; Putter, Fiocco & Geskus 2007, Stat Med 26:2389, §3). In R:
/// `coxph(Surv(time, status == k) ~ ...)` for each k.
///
/// The specification is a ``CoxSpec`` whose response is `Surv(time, status)` or `Surv(start, stop, status)`
/// with a multi-valued `status` column: `censoring` names the value meaning censored (default "0"); every other
/// value is a cause. Numeric values are named by their shortest decimal form ("1", "2", "2.5"), text and factor
/// values by their text. Rows with a missing status are dropped (as `na.omit`), the same rows for every cause.
///
/// A cause-specific hazard ratio describes the rate of that cause among those still event-free; it does not
/// by itself say how the cumulative incidence of the cause changes (that also depends on the other causes'
/// hazards; see ``AalenJohansen`` for the incidence).
///
/// Complexity: K Cox fits for K causes (each O(n·p²) per Newton iteration), plus O(n) to recode the status.
public struct CauseSpecificCox: Sendable {
    /// The Cox model: formula, ties and options, as for a single fit.
    public var model: CoxSpec
    /// The status value meaning censored. Default "0" (status 0 = censored, 1…K = causes).
    public var censoring: String
    /// The causes to fit, in order; `nil` for every non-censoring value present (numbers in ascending order,
    /// factor levels in level order, other text in R's `factor()` order).
    public var causes: [String]?

    public init(model: CoxSpec, censoring: String = "0", causes: [String]? = nil) {
        self.model = model
        self.censoring = censoring
        self.causes = causes
    }

    /// Parses `formula` (R syntax), e.g. `"Surv(time, status) ~ age + sex"`.
    public init(_ formula: String, ties: CoxTies = .efron, options: CoxSpec.Options = CoxSpec.Options(),
                censoring: String = "0", causes: [String]? = nil) throws(CoxModelError) {
        self.init(model: try CoxSpec(formula, ties: ties, options: options), censoring: censoring, causes: causes)
    }

    /// Fits one Cox model per cause.
    /// - Throws: ``CoxModelError/notSurvivalResponse`` without a `Surv()` response,
    ///   ``CoxModelError/invalidStatus(_:)`` for an unknown status column, a requested cause that is not
    ///   present or equals the censoring value, or a status with no causes at all; and whatever the single
    ///   fits throw.
    public func fit(_ data: DataFrame) throws(CoxModelError) -> CauseSpecificCoxFit {
        let statusName: String
        switch model.formula.response {
        case let .survival(_, e)?: statusName = e
        case let .countingProcess(_, _, e)?: statusName = e
        default: throw .notSurvivalResponse
        }
        guard let column = data.column(named: statusName) else {
            throw .invalidStatus("no status column \(statusName) in the data")
        }
        let labels = (0..<data.rowCount).map { Self.label(column, at: $0) }
        let present = Self.causeOrder(column, labels: labels, censoring: censoring)
        let chosen = causes ?? present
        guard !chosen.isEmpty else {
            throw .invalidStatus("status column \(statusName) has no value other than the censoring value \(censoring)")
        }
        for c in chosen {
            if c == censoring { throw .invalidStatus("cause \(c) is the censoring value") }
            guard present.contains(c) else {
                throw .invalidStatus("cause \(c) does not occur in \(statusName) (values: \(present.joined(separator: ", ")))")
            }
        }
        var fits: [CoxFit] = []
        for c in chosen {
            var frame = data
            let indicator: [Double?] = labels.map { $0.map { $0 == c ? 1 : 0 } }
            do {
                try frame.setColumn(DataColumn(name: statusName, doubles: indicator))
            } catch {
                throw .invalidStatus("\(error)")
            }
            fits.append(try model.fit(frame))
        }
        return CauseSpecificCoxFit(status: statusName, censoring: censoring, causes: chosen, fits: fits)
    }

    /// The status of row `i` as a label: numbers in their shortest form ("1", not "1.0"), text as is.
    static func label(_ column: DataColumn, at i: Int) -> String? {
        if column.isNumeric {
            guard let v = column.numericValue(at: i) else { return nil }
            if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
            return "\(v)"
        }
        return column.stringValue(at: i)
    }

    /// The causes present, in R's order: numbers ascending; factor levels in level order; text as `factor()`.
    static func causeOrder(_ column: DataColumn, labels: [String?], censoring: String) -> [String] {
        let present = Set(labels.compactMap { $0 }).subtracting([censoring])
        if column.isNumeric {
            return present.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        }
        if case let .categorical(_, levels, _) = column.values {
            return levels.filter { present.contains($0) }
        }
        return SurvivalData.factorCodes(Array(present)).levels
    }
}

extension CoxSpec {
    /// Cause-specific Cox models of this specification (see ``CauseSpecificCox``): one fit per cause of the
    /// multi-valued status in the `Surv()` response, other causes censored.
    public func causeSpecific(data: DataFrame, censoring: String = "0",
                              causes: [String]? = nil) throws(CoxModelError) -> CauseSpecificCoxFit {
        try CauseSpecificCox(model: self, censoring: censoring, causes: causes).fit(data)
    }
}

/// The fits of ``CauseSpecificCox``: one ``CoxFit`` per cause, in the order of ``causes``.
public struct CauseSpecificCoxFit: Sendable {
    /// The status column.
    public let status: String
    /// The status value meaning censored.
    public let censoring: String
    /// The causes fitted, in order.
    public let causes: [String]
    /// `fits[j]` is the model for `causes[j]`.
    public let fits: [CoxFit]

    /// The fit for `cause`, `nil` if it was not fitted.
    public subscript(cause: String) -> CoxFit? {
        causes.firstIndex(of: cause).map { fits[$0] }
    }

    /// The fits keyed by cause.
    public var byCause: [String: CoxFit] {
        Dictionary(zip(causes, fits), uniquingKeysWith: { a, _ in a })
    }
}
