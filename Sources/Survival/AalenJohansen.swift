/// Competing risks: Aalen–Johansen cumulative incidence by cause (Aalen & Johansen 1978), e.g. leaving care by
/// returning home, adoption or turning 18, with censoring — R survival 3.x
/// `survfit(Surv(time, factor(status)) ~ strata, weights =, id =)`, whose point estimates equal
/// `cmprsk::cuminc`'s.
///
/// The variance is by default the infinitesimal jackknife that R's multi-state `survfit` reports (each row its
/// own cluster, i.e. `id` = row; see ``AalenJohansenKernel``), or on request cmprsk's Gray variance
/// (``AalenJohansenGrayVariance``). The event-free probability's SE is always the jackknife one.
/// Intervals follow `survfit`'s multi-state rule: the chosen transformation applied to p with SE(log p) =
/// SE(p)/p (log by default, NaN where p = 0).
///
/// Differences from R: `timefix` only when ``SurvivalData`` was built with `timefix: true`; one subject per row (R's `id` with several rows per subject, i.e.
/// multi-row histories, is not supported). Complexity: O(n·K) after the sort, for n rows and K causes.
public enum AalenJohansen {
    /// Fits one set of cumulative incidence curves per stratum of `data`.
    /// - Parameters:
    ///   - cause: one code per *input* row (the caller's original order): 0 = censored, k = 1…K the cause
    ///     `causeNames[k − 1]`; must agree with `data`'s event indicator (event ⇔ code ≠ 0).
    ///   - causeNames: names of the K causes.
    /// - Throws: `SurvivalCurveError.invalidArgument` for codes out of range or disagreeing with the events.
    ///   - variance: `.infinitesimalJackknife` (default; R `survfit`, valid with weights and delayed entry) or
    ///     `.gray` (`cmprsk::cuminc`; unweighted right-censored data only).
    public static func fit(
        _ data: SurvivalData, cause: [Int], causeNames: [String], confidenceLevel: Double = 0.95,
        confidenceType: SurvivalConfidenceType = .log, variance: CompetingRisksVariance = .infinitesimalJackknife
    ) throws(SurvivalCurveError) -> CompetingRisksFit {
        if variance == .gray && (data.weight != nil || data.entry != nil) {
            throw .invalidArgument("Gray's variance needs unweighted right-censored data (as cmprsk::cuminc)")
        }
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw .invalidArgument("confidence level must be in (0, 1), got \(confidenceLevel)")
        }
        let K = causeNames.count
        guard K >= 1 else { throw .invalidArgument("at least one cause is needed") }
        guard cause.count == data.count + data.omitted, data.row.allSatisfy({ $0 < cause.count }) else {
            throw .invalidArgument("cause has \(cause.count) codes for \(data.count + data.omitted) input rows")
        }
        var sortedCause = [Int](repeating: 0, count: data.count)
        for i in 0..<data.count {
            let c = cause[data.row[i]]
            guard (0...K).contains(c) else { throw .invalidArgument("cause code \(c) is not in 0...\(K)") }
            guard (c != 0) == data.event[i] else {
                throw .invalidArgument("cause code \(c) disagrees with the event indicator of input row \(data.row[i])")
            }
            sortedCause[i] = c
        }
        let z = SurvivalConfidenceType.zValue(level: confidenceLevel)
        var curves: [CompetingRisksCurve] = []
        for s in 0..<data.strata.count {
            let o = AalenJohansenKernel.run(data, stratum: s, cause: sortedCause, causes: K)
            let v = variance == .gray
                ? AalenJohansenGrayVariance.variances(
                    atRisk: o.nRisk, events: o.nEvent, eventFree: o.eventFree, incidence: o.incidence)
                : o.variance
            let se = v.map { $0.map { $0.squareRoot() } }
            var lower = se, upper = se
            for k in 0..<K {
                for i in 0..<o.time.count {
                    let pk = o.incidence[k][i], sk = se[k][i]
                    (lower[k][i], upper[k][i]) = confidenceType.interval(
                        survival: pk, seLog: sk == 0 ? 0 : sk / pk, z: z)
                }
            }
            curves.append(CompetingRisksCurve(
                name: data.strata[s], n: data.rows(ofStratum: s).count, time: o.time, nRisk: o.nRisk,
                nCensor: o.nCensor, nEvent: o.nEvent, eventFree: o.eventFree,
                eventFreeStandardError: o.eventFreeVariance.map { $0.squareRoot() }, incidence: o.incidence,
                standardError: se, lower: lower, upper: upper))
        }
        return CompetingRisksFit(
            curves: curves, causeNames: causeNames, confidenceLevel: confidenceLevel, confidenceType: confidenceType,
            variance: variance)
    }

    /// Convenience: status labels per row, `censored` naming the censoring label. Causes are the other labels,
    /// in the order given by `causes` (default: R `factor()` order of the labels present).
    public static func fit(
        time: [Double], status: [String], censored: String, causes: [String]? = nil, entry: [Double]? = nil,
        weight: [Double]? = nil, strataLabels: [String]? = nil, confidenceLevel: Double = 0.95,
        confidenceType: SurvivalConfidenceType = .log, variance: CompetingRisksVariance = .infinitesimalJackknife
    ) throws -> CompetingRisksFit {
        let names = causes ?? SurvivalData.factorCodes(status.filter { $0 != censored }).levels
        var index: [String: Int] = [:]
        for (k, name) in names.enumerated() { index[name] = k + 1 }
        var codes = [Int](repeating: 0, count: status.count)
        for (i, label) in status.enumerated() where label != censored {
            guard let c = index[label] else { throw SurvivalCurveError.invalidArgument("unknown status \(label)") }
            codes[i] = c
        }
        let event = codes.map { $0 != 0 }
        let data: SurvivalData
        if let strataLabels {
            data = try SurvivalData(time: time, event: event, entry: entry, weight: weight, strataLabels: strataLabels)
        } else {
            data = try SurvivalData(time: time, event: event, entry: entry, weight: weight)
        }
        return try fit(data, cause: codes, causeNames: names, confidenceLevel: confidenceLevel,
                       confidenceType: confidenceType, variance: variance)
    }
}

/// The result of ``AalenJohansen``: one ``CompetingRisksCurve`` per stratum.
public struct CompetingRisksFit: Sendable, Equatable {
    public let curves: [CompetingRisksCurve]
    /// Names of causes 1…K.
    public let causeNames: [String]
    public let confidenceLevel: Double
    public let confidenceType: SurvivalConfidenceType
    /// Which variance the standard errors use.
    public let variance: CompetingRisksVariance
    /// The grouping column(s) and formula when fitted from a ``CumulativeIncidenceSpec`` (nil otherwise).
    public internal(set) var groupName: String? = nil
    public internal(set) var formula: String? = nil
    /// Rows of the data file dropped for missing values (``CumulativeIncidenceSpec``), in total and per column.
    public internal(set) var droppedRows: Int = 0
    public internal(set) var droppedColumns: [String] = []
    public internal(set) var droppedColumnRows: [Int] = []
}

/// Variance estimator for cumulative incidence.
public enum CompetingRisksVariance: String, Sendable, CaseIterable {
    /// Infinitesimal jackknife, as R survival's multi-state `survfit` (the default: handles weights and entry).
    case infinitesimalJackknife = "infinitesimal-jackknife"
    /// Gray's (Aalen-type, tie-corrected) estimator, as `cmprsk::cuminc`.
    case gray
}
