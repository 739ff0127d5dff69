/// Which units change verdict across funnel methods (issue 14: "method choice flips verdicts").
///
/// The same units are judged, at the same level, by every method defined for the measure: exact, Wilson
/// (proportions) or FunnelPlotR's gamma form (rates and ratios), and normal limits without adjustment, then normal limits with the multiplicative φ and the
/// additive τ² adjustments and the beta-binomial (proportions) or negative-binomial (rates, ratios) predictive limits
/// (when there are at least 3 units).
public struct MethodSensitivity: Sendable, Equatable {
    /// The methods compared, as labels ("exact", "wilson" or "gamma", "normal", "normal+phi", "normal+tau2").
    public var methods: [String]
    /// Per unit, in input order: its verdict under each method.
    public var verdicts: [(unit: String, verdicts: [FunnelVerdict])]

    public static func == (a: Self, b: Self) -> Bool {
        a.methods == b.methods && a.verdicts.count == b.verdicts.count
            && zip(a.verdicts, b.verdicts).allSatisfy { $0.unit == $1.unit && $0.verdicts == $1.verdicts }
    }

    /// The units whose verdict is not the same under every method.
    public var changing: [(unit: String, verdicts: [FunnelVerdict])] {
        verdicts.filter { Set($0.verdicts).count > 1 }
    }

    /// Runs every method at `level` (percent).
    public static func compute(_ units: [FunnelUnit], measure: FunnelMeasure, level: Double,
                               trim: Double = 0.1) throws(FunnelError) -> MethodSensitivity {
        var variants: [(String, FunnelLimitMethod, OverdispersionMethod)] = [("exact", .exact, .none)]
        variants.append(measure == .proportion ? ("wilson", .wilson, .none) : ("gamma", .gamma, .none))
        variants.append(("normal", .normal, .none))
        if units.count >= 3 {
            variants.append(("normal+phi", .normal, .phi))
            variants.append(("normal+tau2", .normal, .tau2))
            variants.append(measure == .proportion ? ("betabinomial", .exact, .betabinomial) : ("negbin", .exact, .negbin))
        }
        var columns: [[FunnelVerdict]] = []
        var used: [String] = []
        for (name, m, od) in variants {
            let r: FunnelResult
            do {
                r = try FunnelPlot(measure: measure, method: m, overdispersion: od, levels: [level], trim: trim).fit(units)
            } catch .dispersionNotEstimable(_) {
                continue  // stated: the method is absent from `methods`
            }
            columns.append(r.units.map(\.verdict))
            used.append(name)
        }
        let rows = units.indices.map { i in (unit: units[i].name, verdicts: columns.map { $0[i] }) }
        return MethodSensitivity(methods: used, verdicts: rows)
    }
}
