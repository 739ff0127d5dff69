import Foundation
public import Reporting

/// The counts of people in a fitted model's output — the rows used (n) and, where a model has them, the events —
/// published under a disclosure policy (DESIGN.md, "Output conventions": counts under the threshold are withheld,
/// optionally others rounded, and the output says so). The libraries report exact counts; the commands rewrite
/// their tables and JSON through this value, so every model command and every spec applies one rule.
///
/// Rule: with events, the counts form the one-way table (events, non-events, total = n) protected by
/// ``DisclosureControl/protect(counts:labels:includeTotal:policy:)`` with secondary suppression, as the Cox
/// command has always done; without events n is a single count (primary suppression and rounding only). When n
/// is not published exactly (withheld or rounded), statistics from which n follows exactly — the BIC next to the
/// AIC, residual and null degrees of freedom — are withheld too (``showsExactN``); commands decide which of
/// their keys those are. Estimates are not counts and are left alone.
public struct ProtectedModelCounts: Sendable {
    /// The policy the counts were protected under.
    public let policy: DisclosurePolicy
    /// The rows used, as published.
    public let n: PublishedCount
    /// The events, as published (nil for models without events).
    public let events: PublishedCount?
    /// The exact n (kept to tell whether the published one differs).
    private let exactN: Int

    /// Protects the rows used, n, alone.
    /// - Throws: ``DisclosureError`` for a negative or oversized count.
    public init(n: Int, policy: DisclosurePolicy) throws {
        let table = try DisclosureControl.protect(counts: [n], labels: ["Rows used"], includeTotal: false, policy: policy)
        self.policy = policy
        self.n = table.counts[0]
        self.events = nil
        self.exactN = n
    }

    /// Protects n rows of which `events` are events: the table (events, non-events) with total n, with
    /// secondary suppression so that no count can be recovered from the others.
    /// - Throws: ``DisclosureError`` for negative or oversized counts (e.g. events > n).
    public init(n: Int, events: Int, policy: DisclosurePolicy) throws {
        let table = try DisclosureControl.protect(counts: [events, n - events], labels: ["Events", "Censored"],
                                                  policy: policy)
        self.policy = policy
        self.n = table.total ?? .suppressed(.primary)
        self.events = table.counts[0]
        self.exactN = n
    }

    /// Whether secondary suppression is part of the rule (only when events and non-events are published with
    /// their total).
    public var secondaryApplies: Bool { events != nil }

    /// The policy's sentence for footnotes, e.g. "Counts below 10 suppressed. Suppressed counts shown as [c]."
    public var footnote: String { policy.footnote(secondaryApplies: secondaryApplies) }

    /// Whether n is published exactly (neither withheld nor rounded to another value); when false, statistics
    /// that reveal n (BIC, residual degrees of freedom) must be withheld as well.
    public var showsExactN: Bool { n.value == exactN }

    /// A published count as text: the number, or the policy's marker when withheld.
    public func text(_ count: PublishedCount) -> String {
        count.value.map(String.init) ?? policy.marker
    }

    /// A published count as a table cell: an integer, or the suppression marker.
    public func cell(_ count: PublishedCount) -> Cell { count.cell(marker: policy.marker) }

    /// A published count as JSON: the number, or null when withheld.
    public static func json(_ count: PublishedCount?) -> JSONValue {
        count?.value.map { .number(Double($0)) } ?? .null
    }

    /// The model JSON object with `n` (and `events`, when this value has events) replaced by the published
    /// counts, every key of `revealingN` set to null unless n is published exactly, and `disclosure_control`
    /// (the policy's sentence) appended. A value that is not an object is returned unchanged.
    public func protect(json value: JSONValue, revealingN: Set<String> = []) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        for k in fields.indices {
            switch fields[k].0 {
            case "n": fields[k].1 = Self.json(n)
            case "events" where events != nil: fields[k].1 = Self.json(events)
            case let key where revealingN.contains(key) && !showsExactN: fields[k].1 = .null
            default: break
            }
        }
        fields.append(("disclosure_control", .string(footnote)))
        return .object(fields)
    }
}
