/// A what-if change to the stock–flow model's rates, applied to every posterior draw of a projection.
public enum StockFlowChange: Sendable, Equatable {
    /// Entrants (UASC included) × (1 + x).
    case entries(Double)
    /// UASC entrants only × (1 + x).
    case uascEntries(Double)
    /// Every exit hazard (all routes, all states) × (1 + x). Ageing out at 18 is unchanged.
    case exits(Double)
    /// A share of the children who would enter or move into `from` go to `to` instead (placement mix shift),
    /// e.g. residential → foster 10%.
    case placementShift(from: StockFlowPlacement, to: StockFlowPlacement, share: Double)
    /// A cap on the expected time in care: each state's total exit hazard is raised, where below, to 1 / cap
    /// (months), the routes keeping their shares (a state without exits gets the increase as `other`). The model
    /// does not track each child's time in care, so this caps the mean remaining duration, not every child's.
    case durationCap(months: Double)

    /// The change applied to one set of rates.
    public func apply(to r: inout StockFlowRates) {
        let S = StockFlowStates.self
        switch self {
        case .entries(let x):
            r.entries = r.entries.map { $0 * (1 + x) }
            r.uascEntries = r.uascEntries.map { $0 * (1 + x) }
        case .uascEntries(let x):
            r.uascEntries = r.uascEntries.map { $0 * (1 + x) }
        case .exits(let x):
            r.exits = r.exits.map { $0 * (1 + x) }
        case let .placementShift(from, to, share):
            guard from != to else { return }
            for b in 0..<S.bands {
                let f = S.index(band: b, group: from.rawValue), t = S.index(band: b, group: to.rawValue)
                let moved = r.entryPlacement[f] * share
                r.entryPlacement[f] -= moved
                r.entryPlacement[t] += moved
                for g in 0..<S.groups {
                    let s = S.index(band: b, group: g)
                    let into = r.moves[s * S.groups + from.rawValue] * share
                    guard g != from.rawValue else { continue }
                    r.moves[s * S.groups + from.rawValue] -= into
                    if g != to.rawValue { r.moves[s * S.groups + to.rawValue] += into }
                }
            }
        case .durationCap(let months):
            let floor = 1 / months
            for s in 0..<S.count {
                let total = (0..<S.routes).reduce(0.0) { $0 + r.exits[s * S.routes + $1] }
                guard total < floor else { continue }
                if total > 0 {
                    for k in 0..<S.routes { r.exits[s * S.routes + k] *= floor / total }
                } else {
                    r.exits[s * S.routes + CareExitRoute.other.rawValue] = floor
                }
            }
        }
    }

    /// A short label, e.g. "entries +10%".
    public var label: String {
        func pct(_ x: Double) -> String {
            let v = x * 100
            let s = v == v.rounded() ? String(Int(v)) : String(v)
            return (x >= 0 ? "+" : "") + s + "%"
        }
        switch self {
        case .entries(let x): return "entries \(pct(x))"
        case .uascEntries(let x): return "UASC entries \(pct(x))"
        case .exits(let x): return "exits \(pct(x))"
        case let .placementShift(from, to, share): return "\(from.name)→\(to.name) \(pct(share).dropFirst())"
        case .durationCap(let m): return "duration cap \(m == m.rounded() ? String(Int(m)) : String(m)) months"
        }
    }

    /// Parses the command-line form: `entry:+10%`, `uasc:+20%`, `exit:-5%`, `mix:residential>foster:10%`,
    /// `cap:24m` or `cap:2y`. Nil for anything else.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func percent(_ s: String) -> Double? {
            guard s.hasSuffix("%"), let v = Double(s.dropLast()), v.isFinite else { return nil }
            return v / 100
        }
        switch (parts.first, parts.count) {
        case ("entry"?, 2), ("entries"?, 2):
            guard let x = percent(parts[1]), x > -1 else { return nil }
            self = .entries(x)
        case ("uasc"?, 2):
            guard let x = percent(parts[1]), x > -1 else { return nil }
            self = .uascEntries(x)
        case ("exit"?, 2), ("exits"?, 2):
            guard let x = percent(parts[1]), x > -1 else { return nil }
            self = .exits(x)
        case ("mix"?, 3):
            let groups = parts[1].split(separator: ">").map(String.init)
            guard groups.count == 2, let f = StockFlowPlacement(name: groups[0]), let t = StockFlowPlacement(name: groups[1]),
                  f != t, let x = percent(parts[2]), x >= 0, x <= 1 else { return nil }
            self = .placementShift(from: f, to: t, share: x)
        case ("cap"?, 2):
            let s = parts[1]
            guard let unit = s.last, let v = Double(s.dropLast()), v.isFinite, v > 0 else { return nil }
            switch unit {
            case "m": self = .durationCap(months: v)
            case "y": self = .durationCap(months: v * 12)
            default: return nil
            }
        default: return nil
        }
    }
}

/// A named set of changes; the baseline has none.
public struct StockFlowScenario: Sendable, Equatable {
    public var name: String
    public var changes: [StockFlowChange]

    public init(name: String, changes: [StockFlowChange]) {
        self.name = name
        self.changes = changes
    }

    public static let baseline = StockFlowScenario(name: "baseline", changes: [])

    /// The rates with every change applied in order.
    public func apply(to rates: StockFlowRates) -> StockFlowRates {
        var r = rates
        for c in changes { c.apply(to: &r) }
        return r
    }
}
