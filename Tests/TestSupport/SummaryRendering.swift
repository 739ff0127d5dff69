public import Reporting

/// A fit summary rendered through the disclosure gate, as the commands render it (control off unless given).
public struct Rendered {
    public let json: JSONValue
    public let tables: [Table]
    public var fields: [(String, JSONValue)] { if case .object(let f) = json { f } else { [] } }
    public func field(_ key: String) -> JSONValue? { fields.first { $0.0 == key }?.1 }

    public init(_ summary: FitSummary, policy: DisclosurePolicy = .disabled) {
        let d = DisclosureGate(policy: policy).decide(summary.ledger)
        json = d.json(summary)
        tables = d.tables(summary)
    }
}
