/// Which covariance of the estimates an ordered or multinomial logit model reports (standard errors, z, p and
/// confidence intervals of thresholds and coefficients all use it).
///
/// With B the inverse observed information (the model-based covariance) and sᵢ the score of row i (the gradient
/// of its log-likelihood contribution wᵢ log P(Yᵢ = yᵢ) with respect to all parameters, thresholds included;
/// `sandwich::estfun`):
/// - `model`: B (`vcov(clm)`, `summary(multinom)`). The default, as before; it assumes independent rows.
/// - `robust`: the HC0 sandwich B (Σᵢ sᵢsᵢᵀ) B (Huber 1967; White 1980), `sandwich::sandwich(fit)`, with no
///   small-sample factor.
/// - `cluster(column)`: G/(G − 1) · B (Σ_g u_g u_gᵀ) B with u_g = Σ_{i∈g} sᵢ over the G clusters (distinct
///   values of `column` among the rows used) — Liang & Zeger (1986); Cameron & Miller (2015). This is
///   `sandwich::vcovCL(fit, cluster = ~column)` with its defaults for `polr`/`clm` objects: `type = NULL`
///   becomes "HC0" (vcovCL uses "HC1" only for class "lm") and `cadjust = TRUE` gives G/(G − 1); there is no
///   (n − 1)/(n − k) factor. With every row its own cluster it equals `robust` × n/(n − 1).
///
/// A `cluster(column)` term in the formula selects clustering by that column when the spec asks for `model`
/// (so a formula alone can ask for it, as for the GLM); asking for `robust`, or for clustering by another
/// column, while the formula has a `cluster()` term is an error rather than a silent choice. Rows with a
/// missing cluster value are dropped with the other incomplete rows. Frequency weights multiply each row's
/// score (as `estfun` does), so a weighted row counts as one unit of its cluster.
public enum CategoricalVariance: Sendable, Hashable {
    /// Inverse observed information.
    case model
    /// HC0 sandwich without clusters.
    case robust
    /// Cluster-robust sandwich by the named column.
    case cluster(String)

    /// "model", "robust_hc0" or "cluster" (the JSON `variance` field).
    public var kind: String {
        switch self {
        case .model: "model"
        case .robust: "robust_hc0"
        case .cluster: "cluster"
        }
    }

    /// The cluster column, if any.
    public var clusterColumn: String? {
        if case .cluster(let c) = self { return c }
        return nil
    }

    /// The variance actually used for a spec asking for `self` with `formula`'s `cluster()` term (if any).
    ///
    /// - Throws: ``CategoricalOutcomeError/invalidVariance(_:)`` when the spec and the formula disagree.
    func resolved(formulaCluster: String?) throws(CategoricalOutcomeError) -> CategoricalVariance {
        guard let term = formulaCluster else { return self }
        switch self {
        case .model: return .cluster(term)
        case .robust:
            throw .invalidVariance("the formula has cluster(\(term)) but the robust (HC0) variance without clusters "
                                   + "was asked for; drop one of the two")
        case .cluster(let c):
            guard c == term else {
                throw .invalidVariance("the formula clusters by \(term) but the variance option by \(c); a model "
                                       + "takes one cluster column")
            }
            return self
        }
    }

    /// The footnote sentence on standard errors for tables.
    func footnote(clusters: Int?) -> String {
        switch self {
        case .model: "SEs from the observed information"
        case .robust: "SEs are robust (HC0 sandwich) standard errors, rows treated as independent"
        case .cluster(let c):
            "SEs are cluster-robust standard errors (\(clusters ?? 0) clusters of \(c)): the sandwich "
                + "G/(G-1)·B(Σ u_g u_gᵀ)B of sandwich::vcovCL"
        }
    }
}
