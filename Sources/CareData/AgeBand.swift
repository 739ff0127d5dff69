/// The DfE age bands of children looked after statistics: under 1, 1–4, 5–9, 10–15, 16 and over.
public enum AgeBand: String, CaseIterable, Sendable, Hashable {
    case under1 = "0"
    case age1to4 = "1-4"
    case age5to9 = "5-9"
    case age10to15 = "10-15"
    case age16plus = "16+"

    /// The band of an age in completed years (negative ages — before birth — have no band).
    public init?(age: Int) {
        switch age {
        case ..<0: return nil
        case 0: self = .under1
        case 1...4: self = .age1to4
        case 5...9: self = .age5to9
        case 10...15: self = .age10to15
        default: self = .age16plus
        }
    }
}
