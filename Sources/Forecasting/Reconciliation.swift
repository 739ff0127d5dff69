import Foundation

/// Forecast reconciliation methods (Hyndman et al. 2011; Wickramasuriya, Athanasopoulos & Hyndman 2019): all are
/// `ỹ = S G ŷ` with `G = (S′W⁻¹S)⁻¹S′W⁻¹` for a weight matrix W, except bottom-up, where `G` picks the leaves.
public enum ReconciliationMethod: String, Sendable, CaseIterable {
    /// `ỹ = S ŷ_bottom`.
    case bottomUp = "bottomup"
    /// W = I.
    case ols
    /// W = diag(S·1): each node weighted by the number of leaves under it (structural scaling, Athanasopoulos et
    /// al. 2017); needs no residuals.
    case wlsStructural = "wls"
    /// W = Schäfer–Strimmer shrinkage of the in-sample one-step residual covariance towards its diagonal (MinT-shrink,
    /// Wickramasuriya et al. 2019, computed as R hts's `shrink.estim`).
    case mintShrink = "mint"
}

/// The result of a reconciliation: one forecast per node per step, and what was done to get it.
public struct Reconciled: Sendable {
    /// `values[node][step]`, nodes in ``Hierarchy/nodes`` order.
    public var values: [[Double]]
    /// The shrinkage intensity λ of MinT-shrink (nil for other methods).
    public var shrinkage: Double?
    public var warnings: [String]
}

/// Reconciles base forecasts over a hierarchy.
///
/// Non-negativity (`nonNegative`, the default for counts): after reconciliation, negative bottom-level forecasts are
/// set to zero and the hierarchy is re-aggregated bottom-up — one pass, so it always terminates; with a fixed top the
/// remaining positive bottom forecasts are then scaled proportionally to the fixed total (equal shares when all are
/// zero). A node with zero residual variance (an all-zero series) gets a variance floor of 1e-8 times the mean
/// positive variance so W stays invertible, and a W that still is not positive definite is stated and replaced by
/// its diagonal.
///
/// `fixedTop`: the top-level forecast is kept as given (e.g. a national forecast) by equality-constrained GLS:
/// `b = b̃ + P1 (top − 1′b̃)/(1′P1)` with `P = (S′W⁻¹S)⁻¹` (for bottom-up, W = I on the leaves).
public enum ForecastReconciliation {
    public static func reconcile(_ base: [[Double]], hierarchy: Hierarchy, method: ReconciliationMethod,
                                 residuals: [[Double]]? = nil, fixedTop: Bool = false,
                                 nonNegative: Bool = true) throws(ForecastError) -> Reconciled {
        let m = hierarchy.nodes.count, nb = hierarchy.bottom.count
        guard base.count == m else { throw .invalidOption("reconciliation: \(base.count) base forecasts for \(m) nodes") }
        let h = base.first?.count ?? 0
        let S = hierarchy.summing
        var warnings: [String] = []
        var shrinkage: Double?
        // Weights: the diagonal of W, or a full W for MinT.
        var W: [[Double]]
        switch method {
        case .bottomUp:
            W = []
        case .ols:
            W = identity(m)
        case .wlsStructural:
            W = identity(m)
            for i in 0..<m { W[i][i] = S[i].reduce(0, +) }
        case .mintShrink:
            guard let residuals, residuals.count == m, let n = residuals.first?.count, n >= 2 else {
                throw .invalidOption("reconciliation: MinT-shrink needs in-sample one-step residuals of every node (two or more)")
            }
            let (cov, lambda) = shrinkCovariance(residuals)
            W = cov
            shrinkage = lambda
        }
        let bottomIndex = hierarchy.bottom.map { hierarchy.nodes.firstIndex(of: $0)! }
        var bottom = [[Double]](repeating: [Double](repeating: 0, count: h), count: nb)
        var P: [[Double]] = identity(nb)
        if method == .bottomUp {
            for (j, i) in bottomIndex.enumerated() { bottom[j] = base[i] }
        } else {
            // Variance floor for zero-variance nodes.
            let positive = (0..<m).map { W[$0][$0] }.filter { $0 > 0 }
            let floor = 1e-8 * (positive.isEmpty ? 1 : positive.reduce(0, +) / Double(positive.count))
            for i in 0..<m where !(W[i][i] > 0) { W[i][i] = floor }
            var Winv: [[Double]]
            if let inv = inverseSPD(W) { Winv = inv } else {
                warnings.append("reconciliation weight matrix is not positive definite; its diagonal is used (WLS)")
                Winv = identity(m)
                for i in 0..<m { Winv[i][i] = 1 / W[i][i] }
            }
            // A = S′W⁻¹ (nb × m); M = A S (nb × nb); P = M⁻¹.
            var A = [[Double]](repeating: [Double](repeating: 0, count: m), count: nb)
            for j in 0..<nb { for k in 0..<m where S[k][j] != 0 { for i in 0..<m { A[j][i] += S[k][j] * Winv[k][i] } } }
            var M = [[Double]](repeating: [Double](repeating: 0, count: nb), count: nb)
            for j in 0..<nb { for l in 0..<nb { var s = 0.0; for i in 0..<m { s += A[j][i] * S[i][l] }; M[j][l] = s } }
            guard let Minv = inverseSPD(M) else {
                throw .invalidOption("reconciliation: S′W⁻¹S is singular (the hierarchy has a leaf with no path to the top)")
            }
            P = Minv
            for t in 0..<h {
                let a = (0..<nb).map { j in (0..<m).reduce(0) { $0 + A[j][$1] * base[$1][t] } }
                for j in 0..<nb { bottom[j][t] = (0..<nb).reduce(0) { $0 + P[j][$1] * a[$1] } }
            }
        }
        let topIndex = 0
        if fixedTop {
            let p1 = (0..<nb).map { j in P[j].reduce(0, +) }
            let oneP1 = p1.reduce(0, +)
            for t in 0..<h {
                let gap = base[topIndex][t] - (0..<nb).reduce(0) { $0 + bottom[$1][t] }
                for j in 0..<nb { bottom[j][t] += p1[j] * gap / oneP1 }
            }
        }
        if nonNegative {
            for t in 0..<h {
                var anyNegative = false
                for j in 0..<nb where bottom[j][t] < 0 { bottom[j][t] = 0; anyNegative = true }
                if anyNegative, fixedTop {
                    let total = max(base[topIndex][t], 0)
                    let sum = (0..<nb).reduce(0) { $0 + bottom[$1][t] }
                    for j in 0..<nb { bottom[j][t] = sum > 0 ? bottom[j][t] * total / sum : total / Double(nb) }
                }
                if anyNegative { warnings.append("step \(t + 1): negative reconciled bottom-level forecasts set to zero, then aggregated bottom-up") }
            }
        }
        var values = [[Double]](repeating: [Double](repeating: 0, count: h), count: m)
        for t in 0..<h {
            let agg = hierarchy.aggregate((0..<nb).map { bottom[$0][t] })
            for i in 0..<m { values[i][t] = agg[i] }
        }
        return Reconciled(values: values, shrinkage: shrinkage, warnings: warnings)
    }

    /// Schäfer–Strimmer shrinkage of the (uncentred, divisor n) residual covariance towards its diagonal, as R hts's
    /// `shrink.estim`; `residuals[node][time]`. Zero-variance nodes have zero correlations.
    public static func shrinkCovariance(_ residuals: [[Double]]) -> (covariance: [[Double]], lambda: Double) {
        let p = residuals.count, n = residuals[0].count
        let dn = Double(n)
        var cov = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<p { for j in i..<p {
            var s = 0.0
            for t in 0..<n { s += residuals[i][t] * residuals[j][t] }
            cov[i][j] = s / dn; cov[j][i] = s / dn
        } }
        let sd = (0..<p).map { cov[$0][$0].squareRoot() }
        let xs = residuals.enumerated().map { i, r in r.map { sd[i] > 0 ? $0 / sd[i] : 0 } }
        var sumV = 0.0, sumD = 0.0
        for i in 0..<p { for j in 0..<p where i != j {
            var s2 = 0.0, s1 = 0.0
            for t in 0..<n { let a = xs[i][t] * xs[j][t]; s2 += a * a; s1 += a }
            sumV += (s2 - s1 * s1 / dn) / (dn * (dn - 1))
            let r = s1 / dn
            sumD += r * r
        } }
        let lambda = sumD > 0 ? max(0, min(1, sumV / sumD)) : 1
        var out = cov
        for i in 0..<p { for j in 0..<p where i != j { out[i][j] = (1 - lambda) * cov[i][j] } }
        return (out, lambda)
    }

    static func identity(_ n: Int) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
    }

    /// Inverse of a symmetric positive definite matrix by Cholesky; nil when a pivot is not positive.
    static func inverseSPD(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var L = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var d = a[j][j]
            for k in 0..<j { d -= L[j][k] * L[j][k] }
            guard d > 0, d.isFinite else { return nil }
            L[j][j] = d.squareRoot()
            for i in (j + 1)..<max(n, j + 1) {
                var s = a[i][j]
                for k in 0..<j { s -= L[i][k] * L[j][k] }
                L[i][j] = s / L[j][j]
            }
        }
        var inv = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for c in 0..<n {
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = i == c ? 1.0 : 0
                for k in 0..<i { s -= L[i][k] * y[k] }
                y[i] = s / L[i][i]
            }
            var x = [Double](repeating: 0, count: n)
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = y[i]
                for k in (i + 1)..<max(n, i + 1) { s -= L[k][i] * x[k] }
                x[i] = s / L[i][i]
            }
            for i in 0..<n { inv[i][c] = x[i] }
        }
        return inv
    }
}
