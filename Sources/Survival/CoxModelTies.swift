/// How a Cox model treats tied event times.
///
/// `.efron` is the default, as in R's `coxph`: Efron's (1977) approximation is much closer to the exact
/// partial likelihood than Breslow's (1974) when ties are common, at the same O(n·p²) cost.
public enum CoxTies: String, Sendable, Hashable, CaseIterable {
    /// Efron (1977): tied deaths leave the risk set progressively (shares k/d, k = 0..d−1).
    case efron
    /// Breslow (1974): every tied death faces the full risk set.
    case breslow
}
