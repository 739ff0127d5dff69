public import LinearAlgebra

/// Which covariance matrix of the coefficients to use for standard errors, tests and intervals.
///
/// With X the estimable design columns, W the final working weights, rᵢ the working residuals and
/// B = (XᵀWX)⁻¹, the score contribution of row i is ψᵢ = xᵢ·wᵢ·rᵢ (the dispersion cancels, as in the
/// `sandwich` package's `bread.glm`/`estfun.glm`):
/// - `model`: φ·B (R's `vcov(glm)`);
/// - `hc0`: B·(Σψᵢψᵢᵀ)·B (`sandwich::vcovHC(type = "HC0")`);
/// - `hc1`: n/(n − k) times HC0, n the rows, k the estimated coefficients (`vcovHC(type = "HC1")`);
/// - `cluster`: G/(G − 1)·B·(Σ_g u_g u_gᵀ)·B with u_g = Σ_{i∈g} ψᵢ over the G clusters of the formula's
///   `cluster()` term — `sandwich::vcovCL(fit, cluster = ~g)` with its defaults for glm objects (type "HC0",
///   cadjust = TRUE; "HC1" is its default only for `lm`), and Stata's `vce(cluster)` for maximum-likelihood
///   models; the same rule as the ordinal and multinomial models (``CategoricalVariance``);
/// - `clusterCodes`: the same with an explicit cluster code for each row of the fit.
/// θ of a glm.nb fit is treated as known, as `sandwich` does.
public enum GLMCovariance: Sendable, Hashable {
    case model, hc0, hc1, cluster
    case clusterCodes([Int])

    /// A short label for tables ("model-based", "HC0", "HC1", "cluster-robust").
    public var label: String {
        switch self {
        case .model: "model-based"
        case .hc0: "robust HC0"
        case .hc1: "robust HC1"
        case .cluster, .clusterCodes: "cluster-robust (vcovCL: G/(G-1) sandwich)"
        }
    }
}

extension GLMFit {
    /// The covariance used when `type` is asked for, given the formula: a `cluster(g)` term means
    /// cluster-robust standard errors by g, so `.model` becomes `.cluster` (as `cluster()` does for Cox and the
    /// categorical models); `.hc0`/`.hc1` with a `cluster()` term contradict it, and `.cluster` without one has
    /// nothing to cluster by — both are errors rather than a silent choice. `.clusterCodes` is taken as given.
    ///
    /// - Throws: ``GLMError/invalidArgument(_:)`` for the two contradictions.
    public func resolvedCovariance(_ type: GLMCovariance) throws(GLMError) -> GLMCovariance {
        switch (type, cluster) {
        case (.model, _?), (.cluster, _?): return .cluster
        case let (.hc0, g?), let (.hc1, g?):
            throw .invalidArgument("the formula has \(g.name), which asks for cluster-robust standard errors, but "
                                   + "\(type.label) (rows treated as independent) was asked for; drop one of the two")
        case (.cluster, nil):
            throw .invalidArgument("cluster-robust standard errors need a cluster(column) term in the formula, "
                                   + "e.g. y ~ x + cluster(la)")
        default: return type
        }
    }

    /// The fit with ``coefficients`` from the covariance its formula asks for (cluster-robust with a
    /// `cluster()` term).
    func withFormulaCovariance() throws(GLMError) -> GLMFit {
        guard cluster != nil else { return self }
        var fit = self
        fit.coefficients = try coefficientTable(.cluster)
        return fit
    }

    /// The covariance of the estimated coefficients (rows/columns in ``estimableColumns`` order), of the kind
    /// ``resolvedCovariance(_:)`` gives for `type`.
    /// Throws ``GLMError/invalidArgument(_:)`` for a covariance that contradicts the formula's `cluster()` term
    /// (or `.cluster` without one), codes of the wrong length, or fewer than two clusters. Complexity O(n·k²).
    public func covariance(_ type: GLMCovariance = .model) throws(GLMError) -> Matrix {
        let k = estimableColumns.count
        let bread = unscaledCovariance
        let type = try resolvedCovariance(type)
        switch type {
        case .model:
            var v = bread
            v.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] *= dispersion } }
            return v
        case .hc0, .hc1:
            let meat = try meat(groups: nil)
            var v = try sandwich(bread, meat)
            if type == .hc1 {
                let n = Double(observations)
                let f = n / (n - Double(k))
                v.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] *= f } }
            }
            return v
        case .cluster, .clusterCodes:
            let codes: [Int]
            if case .clusterCodes(let c) = type {
                codes = c
            } else {
                guard let g = cluster else {
                    throw .invalidArgument("cluster-robust variance needs a cluster() term in the formula")
                }
                codes = g.codes
            }
            guard codes.count == observations else {
                throw .invalidArgument("cluster codes have \(codes.count) entries for \(observations) rows")
            }
            let groups = Set(codes).count
            guard groups >= 2 else { throw .invalidArgument("cluster-robust variance needs at least 2 clusters") }
            let meat = try meat(groups: codes)
            var v = try sandwich(bread, meat)
            let g = Double(groups)
            let f = g / (g - 1)
            v.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] *= f } }
            return v
        }
    }

    /// The coefficient table with standard errors from the chosen covariance (``resolvedCovariance(_:)``).
    public func coefficientTable(_ type: GLMCovariance = .model) throws(GLMError) -> [GLMCoefficient] {
        let type = try resolvedCovariance(type)
        if type == .model { return coefficients }
        return GLMFit.table(terms: terms, estimates: estimates, estimable: estimableColumns,
                            covariance: try covariance(type), scale: 1, family: family, dfResidual: dfResidual)
    }

    /// Σ_g u_g u_gᵀ (or Σᵢ ψᵢψᵢᵀ without groups), ψᵢ = xᵢ wᵢ rᵢ.
    private func meat(groups: [Int]?) throws(GLMError) -> Matrix {
        let n = observations, k = estimableColumns.count
        let x = design.matrix
        if let groups {
            var index = [Int: Int]()
            for c in groups where index[c] == nil { index[c] = index.count }
            var sums = Matrix(rows: index.count, columns: k)
            for (kk, j) in estimableColumns.enumerated() {
                for i in 0..<n {
                    let psi = x[i, j] * workingWeights[i] * workingResiduals[i]
                    sums[index[groups[i]] ?? 0, kk] += psi
                }
            }
            return try wrap { () throws(LinearAlgebraError) in try sums.crossProduct() }
        }
        var scores = Matrix(rows: n, columns: k)
        for (kk, j) in estimableColumns.enumerated() {
            for i in 0..<n { scores[i, kk] = x[i, j] * workingWeights[i] * workingResiduals[i] }
        }
        return try wrap { () throws(LinearAlgebraError) in try scores.crossProduct() }
    }

    private func sandwich(_ b: Matrix, _ m: Matrix) throws(GLMError) -> Matrix {
        try wrap { () throws(LinearAlgebraError) in
            try Matrix.product(try Matrix.product(b, m), b)
        }
    }
}
