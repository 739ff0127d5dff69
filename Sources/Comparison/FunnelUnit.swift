/// One unit (a local authority, a school) of a funnel plot: its observed count and either its denominator
/// (proportions and rates) or its expected count (indirectly standardised ratios).
public struct FunnelUnit: Sendable, Equatable {
    public var name: String
    public var observed: Int
    /// The denominator: children (proportions, a whole number) or a population or person-time (rates).
    public var denominator: Double?
    /// The expected count under the standard (ratios).
    public var expected: Double?

    public init(name: String, observed: Int, denominator: Double? = nil, expected: Double? = nil) {
        self.name = name
        self.observed = observed
        self.denominator = denominator
        self.expected = expected
    }
}

/// Where a unit falls against the widest control limits requested.
public enum FunnelVerdict: String, Sendable, CaseIterable {
    case low, within, high
}

/// Control limits at one level, on the measure's scale (proportion, rate per `per`, or ratio).
public struct FunnelLimits: Sendable, Equatable {
    /// The level in percent (95, 99.8).
    public var level: Double
    public var low: Double
    public var high: Double

    /// The level as the key of the JSON contract: "95", "99.8".
    public var key: String { FunnelLimits.key(level) }

    static func key(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }
}
