public import Regression
public import Tabular
internal import Distributions
internal import Foundation
internal import Formulas
internal import LinearAlgebra

/// Post-estimation for mixed models on the response scale, at random effects zero (a child in a typical local
/// authority; `marginaleffects::avg_predictions(fit, re.form = NA)` in R, Stata's `margins, predict(mu fixedonly)`):
/// set chosen covariates to the same value in every row used by the fit, predict μᵢ = g⁻¹(xᵢᵀβ + offsetᵢ) with
/// g the family's canonical link, and average over the rows. Standard errors by the delta method,
/// Var = ∇ᵀ V ∇ with ∇ = (1/n) Σ g⁻¹′(ηᵢ) xᵢ and V the fixed-effect covariance of the fit; for a difference of
/// two averages the gradients are subtracted. Intervals are normal (Wald) on the response scale.
///
/// These are conditional on u = 0, not averaged over the random-effect distribution: for a logit model the
/// population-averaged probability is closer to ½ than this one by an amount that grows with the LA variance
/// (small for SDs near 0.25). Complexity O(n·p) per level, plus building the counterfactual design.
extension MixedModelFit {
    /// Average predictions with `factor` set to each of its levels in turn (reference level first).
    public func averagePredictions(overLevelsOf factor: String, data: DataFrame) throws(MixedModelError) -> [MarginalEstimate] {
        try levelMargins(of: factor, data: data).predictions
    }

    /// All pairwise differences of average predictions between the factor's levels (later level minus earlier).
    public func pairwiseContrasts(of factor: String, data: DataFrame) throws(MixedModelError) -> [MarginalEstimate] {
        try levelMargins(of: factor, data: data).contrasts
    }

    /// Both of the above from one pass over the levels (each level's counterfactual design is built once).
    public func levelMargins(of factor: String, data: DataFrame)
        throws(MixedModelError) -> (predictions: [MarginalEstimate], contrasts: [MarginalEstimate]) {
        let rows = try byLevel(factor, data: data)
        let predictions = rows.map { (l, p, g) in MarginalEstimate(label: "\(factor)=\(l)", estimate: p, gradient: g,
                                                                  covariance: fixedEffectCovariance) }
        var contrasts: [MarginalEstimate] = []
        for a in 0..<rows.count {
            for b in (a + 1)..<rows.count {
                contrasts.append(MarginalEstimate(label: "\(factor)=\(rows[b].0) − \(factor)=\(rows[a].0)",
                                                  estimate: rows[b].1 - rows[a].1,
                                                  gradient: zip(rows[b].2, rows[a].2).map { $0 - $1 },
                                                  covariance: fixedEffectCovariance))
            }
        }
        return (predictions, contrasts)
    }

    // MARK: - Internals

    private func byLevel(_ factor: String, data: DataFrame) throws(MixedModelError) -> [(String, Double, [Double])] {
        guard let column = data.column(named: factor) else {
            throw .invalidArgument("\(factor) is not a column of the data")
        }
        let observed = try ModelFrameRows(spec: spec, data: data)
        // Levels as the fit coded them: a categorical column's declared levels present in the rows used, else
        // the byte-sorted distinct values, the order the design gives its columns.
        var present = Set<String>()
        for i in observed.rows { if let v = column.stringValue(at: i) { present.insert(v) } }
        let levels: [String]
        if case let .categorical(_, declared, _) = column.values { levels = declared.filter { present.contains($0) } }
        else { levels = present.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
        guard levels.count >= 2 else { throw .invalidArgument("\(factor) has fewer than two levels in the rows used") }
        return try levels.map { (l: String) throws(MixedModelError) -> (String, Double, [Double]) in
            let (p, g) = try counterfactual(factor, level: l, rows: observed.rows, data: data)
            return (l, p, g)
        }
    }

    /// Mean of g⁻¹(η) over the rows used with `factor` set to `level`, and its gradient in β.
    private func counterfactual(_ factor: String, level: String, rows: [Int],
                                data: DataFrame) throws(MixedModelError) -> (Double, [Double]) {
        let n = rows.count
        let stacked: DataFrame
        do {
            var d = try data.takingRows(rows + rows)
            guard let col = d.column(named: factor) else { throw MixedModelError.invalidArgument("no column \(factor)") }
            let values = (0..<(2 * n)).map { $0 < n ? col.stringValue(at: $0) : level }
            if case let .categorical(_, levels, ordered) = col.values {
                try d.setColumn(DataColumn(name: factor, categories: values, levels: levels, ordered: ordered))
            } else if col.isNumeric {
                throw MixedModelError.invalidArgument("\(factor) is numeric; margins by level need a factor")
            } else {
                try d.setColumn(DataColumn(name: factor, strings: values))
            }
            stacked = d
        } catch let e as MixedModelError {
            throw e
        } catch {
            throw .invalidArgument("cannot build the counterfactual data: \(error)")
        }
        let frame: ModelFrame
        do { frame = try ModelFrame(formula: spec.formula, data: stacked) } catch { throw .formula(error) }
        let design = frame.designMatrix()
        let names = coefficients.map(\.term)
        guard design.columnNames == names, frame.rowCount == 2 * n else {
            throw .invalidArgument("setting \(factor) to \(level) changes the model's design (a level not in the fit?)")
        }
        let x = design.matrix
        let beta = coefficients.map(\.estimate)
        var mean = 0.0
        var grad = [Double](repeating: 0, count: beta.count)
        for i in n..<(2 * n) {
            var eta = frame.offset?[i] ?? 0
            for j in beta.indices { eta += x[i, j] * beta[j] }
            let (mu, dmu) = spec.family.inverseLink(eta)
            mean += mu
            for j in beta.indices { grad[j] += dmu * x[i, j] }
        }
        let nd = Double(n)
        return (mean / nd, grad.map { $0 / nd })
    }
}

/// The rows of `data` a fit of `spec` uses (complete cases of the model's columns), in data order.
private struct ModelFrameRows {
    let rows: [Int]

    init(spec: MixedModelSpec, data: DataFrame) throws(MixedModelError) {
        do { rows = try ModelFrame(formula: spec.formula, data: data).rows } catch { throw .formula(error) }
    }
}

extension MixedModelFamily {
    /// g⁻¹(η) and its derivative for the family's canonical link (logit, log, identity).
    func inverseLink(_ eta: Double) -> (Double, Double) {
        switch self {
        case .gaussian: return (eta, 1)
        case .poisson: let m = exp(eta); return (m, m)
        case .binomial:
            let p = eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
            return (p, p * (1 - p))
        }
    }
}
