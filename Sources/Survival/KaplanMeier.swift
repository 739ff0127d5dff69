/// Kaplan–Meier survival curves (Kaplan & Meier 1958) with Greenwood variances, pointwise confidence
/// intervals and the Nelson–Aalen cumulative hazard, one curve per stratum — R survival 3.x `survfit(Surv(...)
/// ~ strata, weights =, conf.type =)`.
///
/// Differences from R, stated: (1) R uses a robust (infinitesimal-jackknife) variance when case weights are
/// not integers; this estimator always uses Greenwood's formula with weighted counts. (2) R merges times equal
/// to within √ε by default (`timefix`); here that is ``SurvivalData``'s opt-in `timefix: true`, otherwise times
/// are compared exactly. (3) rows with entry ≥ exit are an error here (R drops them with a warning).
///
/// Complexity: O(n) after ``SurvivalData``'s sort (itself O(n) radix), O(n) memory.
public enum KaplanMeier {
    /// Fits one curve per stratum of `data`.
    /// - Parameters:
    ///   - confidenceLevel: coverage of the pointwise intervals, in (0, 1); 0.95 as R.
    ///   - confidenceType: `.log` by default, as R's `survfit` (better coverage than `.plain` in small samples;
    ///     Kalbfleisch & Prentice 2002).
    public static func fit(
        _ data: SurvivalData, confidenceLevel: Double = 0.95, confidenceType: SurvivalConfidenceType = .log
    ) throws(SurvivalCurveError) -> KaplanMeierFit {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw .invalidArgument("confidence level must be in (0, 1), got \(confidenceLevel)")
        }
        let z = SurvivalConfidenceType.zValue(level: confidenceLevel)
        var curves: [KaplanMeierCurve] = []
        curves.reserveCapacity(data.strata.count)
        for s in 0..<data.strata.count {
            let steps = KaplanMeierKernel.steps(data, stratum: s)
            curves.append(KaplanMeierCurve(
                name: data.strata[s], n: data.rows(ofStratum: s).count, steps: steps, type: confidenceType, z: z))
        }
        return KaplanMeierFit(
            curves: curves, confidenceLevel: confidenceLevel, confidenceType: confidenceType, omitted: data.omitted)
    }
}

/// The result of ``KaplanMeier/fit(_:confidenceLevel:confidenceType:)``: one curve per stratum, in stratum-code
/// order (R's factor-level order).
public struct KaplanMeierFit: Sendable, Equatable {
    public let curves: [KaplanMeierCurve]
    public let confidenceLevel: Double
    public let confidenceType: SurvivalConfidenceType
    /// Input rows dropped for missing values.
    public let omitted: Int
    /// The grouping column(s) and formula when fitted from a ``KaplanMeierSpec`` (nil otherwise).
    public internal(set) var groupName: String? = nil
    public internal(set) var formula: String? = nil
    /// Rows of the data file dropped for missing values (``KaplanMeierSpec``), in total and per column.
    public internal(set) var droppedRows: Int = 0
    public internal(set) var droppedByColumn: [(column: String, rows: Int)] = []

    public static func == (a: KaplanMeierFit, b: KaplanMeierFit) -> Bool {
        a.curves == b.curves && a.confidenceLevel == b.confidenceLevel && a.confidenceType == b.confidenceType
            && a.omitted == b.omitted && a.groupName == b.groupName && a.formula == b.formula
            && a.droppedRows == b.droppedRows
    }
}
