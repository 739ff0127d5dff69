public import Tabular
import Formulas
import LinearAlgebra
import Distributions

/// Post-estimation on the response scale by counterfactual averaging (the "average predictions / average
/// marginal effects" of Stata's `margins` and R's `marginaleffects::avg_predictions`/`avg_comparisons`):
/// set chosen covariates to the same value in every row used by the fit, predict μᵢ = g⁻¹(xᵢᵀβ + offsetᵢ),
/// and average over the rows (unweighted). The standard error is the delta method: with
/// ∇ = (1/n) Σ g⁻¹′(ηᵢ)·xᵢ over the estimable columns, Var = ∇ᵀ V ∇ for the chosen coefficient covariance V;
/// for a difference of two averages the gradients are subtracted. Intervals are normal (Wald) on the response
/// scale. Complexity O(n·p) per profile, plus building the counterfactual design (the rows are stacked under the
/// observed ones so that factor levels and their coding are those of the fit).
///
/// Models with `poly()` or `ns()` terms are refused: their bases depend on the data they are computed on.
extension GLMFit {
    /// The average predicted response (a probability for binomial models) with the covariates in `profile` set
    /// to the given values in every row and the others at their observed values.
    public func averagePrediction(at profile: [String: ProfileValue], data: DataFrame,
                                  covariance type: GLMCovariance = .model) throws(GLMError) -> MarginalEstimate {
        let v = try covariance(type)
        let (p, g) = try counterfactual(profile, data: data)
        let label = profile.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return try estimate(label: label, p, g, v)
    }

    /// Average predictions with `factor` set to each of its levels in turn.
    public func averagePredictions(overLevelsOf factor: String, data: DataFrame,
                                   covariance type: GLMCovariance = .model) throws(GLMError) -> [MarginalEstimate] {
        let v = try covariance(type)
        return try levels(of: factor, data: data).map { (l: String) throws(GLMError) -> MarginalEstimate in
            let (p, g) = try counterfactual([factor: .level(l)], data: data)
            return try estimate(label: "\(factor)=\(l)", p, g, v)
        }
    }

    /// Average marginal effects of a factor: for each level other than the reference (the factor's first level
    /// in the fit), the difference of its average prediction from the reference level's.
    public func averageMarginalEffects(of factor: String, data: DataFrame,
                                       covariance type: GLMCovariance = .model) throws(GLMError) -> [MarginalEstimate] {
        let all = try contrastsByLevel(factor, data: data, type: type)
        guard let reference = all.first else { return [] }
        return try all.dropFirst().map { (l: (String, Double, [Double])) throws(GLMError) -> MarginalEstimate in
            try estimate(label: "\(factor)=\(l.0) − \(factor)=\(reference.0)", l.1 - reference.1,
                         zip(l.2, reference.2).map { $0 - $1 }, try covariance(type))
        }
    }

    /// All pairwise differences of average predictions between the factor's levels (later level minus earlier).
    public func pairwiseContrasts(of factor: String, data: DataFrame,
                                  covariance type: GLMCovariance = .model) throws(GLMError) -> [MarginalEstimate] {
        let all = try contrastsByLevel(factor, data: data, type: type)
        let v = try covariance(type)
        var out: [MarginalEstimate] = []
        for i in all.indices {
            for j in all.indices where j > i {
                out.append(try estimate(label: "\(factor)=\(all[j].0) − \(factor)=\(all[i].0)", all[j].1 - all[i].1,
                                        zip(all[j].2, all[i].2).map { $0 - $1 }, v))
            }
        }
        return out
    }

    // MARK: - Internals

    private func contrastsByLevel(_ factor: String, data: DataFrame,
                                  type: GLMCovariance) throws(GLMError) -> [(String, Double, [Double])] {
        try levels(of: factor, data: data).map { (l: String) throws(GLMError) -> (String, Double, [Double]) in
            let (p, g) = try counterfactual([factor: .level(l)], data: data)
            return (l, p, g)
        }
    }

    /// The factor's levels as the fit coded them: the reference first, then those of its design columns.
    private func levels(of factor: String, data: DataFrame) throws(GLMError) -> [String] {
        let prefix = factor + "="
        var found: [String] = []
        for name in terms {
            for part in name.split(separator: ":") where part.hasPrefix(prefix) {
                let l = String(part.dropFirst(prefix.count))
                if !found.contains(l) { found.append(l) }
            }
        }
        guard !found.isEmpty else { throw .invalidArgument("\(factor) is not a factor of the model") }
        // The reference level is the one level of the rows used that has no design column.
        guard let col = data.column(named: factor) else { return found }
        var seen = Set<String>()
        var reference: String? = nil
        for i in rows {
            guard let v = col.stringValue(at: i), seen.insert(v).inserted else { continue }
            if !found.contains(v) { reference = v; break }
        }
        return reference.map { [$0] + found } ?? found
    }

    private func estimate(label: String, _ p: Double, _ g: [Double], _ v: Matrix) throws(GLMError) -> MarginalEstimate {
        guard v.rows == g.count, v.columns == g.count else {
            throw .invalidArgument("covariance is \(v.rows)×\(v.columns) for \(g.count) gradient entries")
        }
        return MarginalEstimate(label: label, estimate: p, gradient: g, covariance: v)
    }

    /// Mean of g⁻¹(η) and its gradient over the estimable columns, with `profile` applied to every row used.
    private func counterfactual(_ profile: [String: ProfileValue], data: DataFrame) throws(GLMError) -> (Double, [Double]) {
        for item in model.formula.terms {
            let vars: [Variable]
            switch item {
            case .term(let v): vars = [v]
            case .interaction(let vs), .crossed(let vs): vars = vs
            default: vars = []
            }
            for v in vars {
                switch v {
                case .polynomial, .naturalSpline:
                    throw .invalidArgument("predictions at covariate profiles are not available for models with poly() or ns() terms")
                default: break
                }
            }
        }
        let n = rows.count
        guard data.rowCount > (rows.last ?? -1) else { throw .invalidArgument("data has fewer rows than the fit used") }
        let stacked: DataFrame
        do {
            var d = try data.takingRows(rows + rows)
            for (name, value) in profile {
                guard let col = d.column(named: name) else {
                    throw GLMError.formula(.unknownColumn(name, suggestion: nearestName(to: name, among: d.columnNames)))
                }
                try d.setColumn(try Self.replacingSecondHalf(col, n: n, with: value))
            }
            stacked = d
        } catch let e as GLMError {
            throw e
        } catch {
            throw .invalidArgument("cannot build the counterfactual data: \(error)")
        }
        let frame: ModelFrame
        do { frame = try ModelFrame(formula: model.formula, data: stacked, weights: model.weights) } catch { throw .formula(error) }
        let design = frame.designMatrix()
        guard design.columnNames == terms, frame.rowCount == 2 * n else {
            throw .invalidArgument("the profile changes the model's design (unknown level or a column used in the response?)")
        }
        let link = family.link
        var beta = [Double](repeating: 0, count: terms.count)
        for (j, b) in estimates.enumerated() { beta[j] = b ?? 0 }
        let x = design.matrix
        let offset = frame.offset
        var mean = 0.0
        var grad = [Double](repeating: 0, count: estimableColumns.count)
        for i in n..<(2 * n) {
            var eta = offset?[i] ?? 0
            for j in beta.indices where beta[j] != 0 { eta += x[i, j] * beta[j] }
            mean += link.inverse(eta)
            let d = link.derivative(eta)
            for (k, j) in estimableColumns.enumerated() { grad[k] += d * x[i, j] }
        }
        let nd = Double(n)
        return (mean / nd, grad.map { $0 / nd })
    }

    private static func replacingSecondHalf(_ col: DataColumn, n: Int, with value: ProfileValue) throws(GLMError) -> DataColumn {
        switch value {
        case .number(let x):
            guard col.isNumeric else { throw .invalidArgument("\(col.name) is a factor; give a level, not a number") }
            return DataColumn(name: col.name, doubles: (0..<(2 * n)).map { $0 < n ? col.numericValue(at: $0) : x })
        case .level(let l):
            if case let .categorical(_, levels, ordered) = col.values {
                guard levels.contains(l) else { throw .invalidArgument("\(col.name) has no level \(l)") }
                return DataColumn(name: col.name, categories: (0..<(2 * n)).map { $0 < n ? col.stringValue(at: $0) : l },
                                  levels: levels, ordered: ordered)
            }
            guard !col.isNumeric else { throw .invalidArgument("\(col.name) is numeric; give a number, not a level") }
            return DataColumn(name: col.name, strings: (0..<(2 * n)).map { $0 < n ? col.stringValue(at: $0) : l })
        }
    }
}
