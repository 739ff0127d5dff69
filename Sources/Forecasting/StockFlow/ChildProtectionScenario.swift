/// A what-if change to the CP model's rates, applied to every posterior draw of a projection.
public enum ChildProtectionChange: Sendable, Equatable {
    /// New CIN episodes × (1 + x).
    case entries(Double)
    /// Step-up hazard (CIN → CPP) × (1 + x).
    case stepUp(Double)
    /// Step-down hazard (CPP → CIN) × (1 + x).
    case stepDown(Double)
    /// Closure hazards of both states × (1 + x).
    case exits(Double)

    public func apply(to r: inout ChildProtectionRates) {
        switch self {
        case .entries(let x): r.entries = r.entries.map { $0 * (1 + x) }
        case .stepUp(let x): r.stepUp = r.stepUp.map { $0 * (1 + x) }
        case .stepDown(let x): r.stepDown = r.stepDown.map { $0 * (1 + x) }
        case .exits(let x): r.exits = r.exits.map { $0 * (1 + x) }
        }
    }

    public var label: String {
        func pct(_ x: Double) -> String {
            let v = x * 100
            return (x >= 0 ? "+" : "") + (v == v.rounded() ? String(Int(v)) : String(v)) + "%"
        }
        switch self {
        case .entries(let x): return "CIN entries \(pct(x))"
        case .stepUp(let x): return "step-up rate \(pct(x))"
        case .stepDown(let x): return "step-down rate \(pct(x))"
        case .exits(let x): return "CIN closures \(pct(x))"
        }
    }

    /// Parses `entry:+10%`, `stepup:+20%`, `stepdown:-10%` or `exit:-5%` (a factor above −100%). Nil otherwise.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[1].hasSuffix("%"), let v = Double(parts[1].dropLast()), v.isFinite, v > -100 else { return nil }
        let x = v / 100
        switch parts[0] {
        case "entry", "entries": self = .entries(x)
        case "stepup", "step-up": self = .stepUp(x)
        case "stepdown", "step-down": self = .stepDown(x)
        case "exit", "exits": self = .exits(x)
        default: return nil
        }
    }
}

/// A named set of CP changes; the baseline has none.
public struct ChildProtectionScenario: Sendable, Equatable {
    public var name: String
    public var changes: [ChildProtectionChange]

    public init(name: String, changes: [ChildProtectionChange]) {
        self.name = name
        self.changes = changes
    }

    public static let baseline = ChildProtectionScenario(name: "baseline", changes: [])

    public func apply(to rates: ChildProtectionRates) -> ChildProtectionRates {
        var r = rates
        for c in changes { c.apply(to: &r) }
        return r
    }
}
