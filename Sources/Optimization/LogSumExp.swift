import Foundation

/// log Σ exp(tᵢ) computed stably as m + log Σ exp(tᵢ − m), m = max tᵢ (the standard log-sum-exp shift).
///
/// Returns −∞ for an empty input or when every term is −∞, +∞ if any term is +∞, NaN if any term is NaN.
/// Complexity O(n).
public func logSumExp(_ terms: [Double]) -> Double {
    var m = -Double.infinity
    for t in terms {
        if t.isNaN { return .nan }
        m = max(m, t)
    }
    if m == -.infinity || m == .infinity { return m }
    var sum = 0.0
    for t in terms { sum += exp(t - m) }
    return m + log(sum)
}
