import LinearAlgebra

/// The sandwich covariance c · B (Σ_g u_g u_gᵀ) B of the ordered and multinomial logit models (see
/// ``CategoricalVariance`` for the definitions and the source of the factor c).
///
/// Computed as: the per-row scores are summed within clusters into a G × P matrix U (each row its own
/// "cluster" for HC0), the meat is UᵀU (dsyrk), and the result B·M·B (two dgemm), symmetrised.
/// Complexity O(n·P + G·P² + P³).
enum CategoricalSandwich {
    /// The result and the number of clusters used (nil for HC0).
    struct Outcome {
        let covariance: Matrix
        let clusterCount: Int?
    }

    /// - Parameters:
    ///   - bread: B, the inverse observed information (P × P); a non-finite B gives an all-NaN result.
    ///   - scores: row-major n × P per-row scores sᵢ.
    ///   - groups: one cluster code per row (any integers), or nil for HC0 (factor 1).
    /// - Throws: ``CategoricalOutcomeError/invalidVariance(_:)`` with fewer than 2 clusters, where G/(G − 1) is
    ///   undefined.
    static func covariance(bread: Matrix, scores: [Double], parameters p: Int, groups: [Int]?)
        throws(CategoricalOutcomeError) -> Outcome {
        let n = p == 0 ? 0 : scores.count / p
        var index: [Int: Int] = [:]
        if let groups {
            for c in groups where index[c] == nil { index[c] = index.count }
            guard index.count >= 2 else {
                throw .invalidVariance("cluster-robust variance needs at least 2 clusters; the rows used fall in "
                                       + "\(index.count)")
            }
        }
        let g = groups == nil ? n : index.count
        let nan = Matrix(rows: p, columns: p, repeating: .nan)
        guard bread.isFinite else { return Outcome(covariance: nan, clusterCount: groups == nil ? nil : g) }
        var sums = [Double](repeating: 0, count: g * p)  // column-major G × P
        for i in 0..<n {
            let row = groups.map { index[$0[i]] ?? 0 } ?? i
            for j in 0..<p { sums[row + j * g] += scores[i * p + j] }
        }
        let factor = groups == nil ? 1 : Double(g) / Double(g - 1)
        let u = Matrix(rows: g, columns: p, columnMajor: sums)
        var v: Matrix
        do {
            v = try Matrix.product(try Matrix.product(bread, try u.crossProduct()), bread, alpha: factor)
        } catch where error.isNumericalCondition {
            return Outcome(covariance: nan, clusterCount: groups == nil ? nil : g)
        } catch {
            throw .optimizationFailed("the sandwich covariance could not be computed: \(error)")
        }
        v.symmetrize(fromLower: true)
        return Outcome(covariance: v, clusterCount: groups == nil ? nil : g)
    }

    /// The covariance a fit reports: the variance in use (the spec's, with `.model` turned into `.cluster(col)`
    /// by a `cluster(col)` term of the formula), and the matrix it names — `bread` itself for `.model`, else the
    /// sandwich of `scores()` (computed only then). Shared by the ordered and the multinomial logit.
    static func chosen(spec variance: CategoricalVariance, data: CategoricalOutcomeData, bread: Matrix,
                       parameters p: Int, scores: () -> [Double])
        throws(CategoricalOutcomeError) -> (variance: CategoricalVariance, covariance: Matrix, clusterCount: Int?) {
        let used: CategoricalVariance = data.clusterColumn.map { .cluster($0) } ?? (variance == .robust ? .robust : .model)
        guard used != .model else { return (used, bread, nil) }
        let sandwich = try covariance(bread: bread, scores: scores(), parameters: p, groups: data.clusterCodes)
        return (used, sandwich.covariance, sandwich.clusterCount)
    }
}
