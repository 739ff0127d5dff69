public import Tabular
internal import Formulas
internal import LinearAlgebra
internal import Foundation

extension CoxSpec {
    /// Fits the model to `data`: the driver. It matches the formula (dropping rows with missing values, as
    /// `na.omit`), checks times, builds the design (intercept removed), centres covariates by their
    /// case-weighted means, sorts rows by stratum and descending stop time (radix sort), runs the
    /// ``CoxKernelNewton`` loop from β = 0 and assembles tests, variances and warnings as `coxph` does.
    ///
    /// - Throws: ``CoxModelError`` for formula/data problems (a random-effect term among them: ``formulaTerms``;
    ///   a `cluster()` term with `robust: false`), a non-survival response, non-finite times or
    ///   (start, stop] rows with stop ≤ start, and out-of-range options.
    /// Complexity: O(n·p) to prepare, O(n) to sort, O(n·p²) per Newton iteration, O(n·p²) for a robust variance.
    public func fit(_ data: DataFrame) throws(CoxModelError) -> CoxFit {
        let o = options
        guard o.maxIterations >= 0 else { throw .invalidOption(name: "maxIterations", value: Double(o.maxIterations)) }
        guard o.tolerance > 0, o.tolerance.isFinite else { throw .invalidOption(name: "tolerance", value: o.tolerance) }
        guard o.choleskyTolerance > 0, o.choleskyTolerance < 1 else {
            throw .invalidOption(name: "choleskyTolerance", value: o.choleskyTolerance)
        }
        guard o.confidenceLevel > 0, o.confidenceLevel < 1 else {
            throw .invalidOption(name: "confidenceLevel", value: o.confidenceLevel)
        }
        do { try formula.requireTerms(Self.formulaTerms) } catch { throw .formula(error.description) }
        if o.robust == false, let c = formula.terms.first(where: { $0.kind == .cluster }) {
            throw .formula("the formula has \(c), which asks for robust standard errors, but the robust option is "
                           + "false; drop one of the two")
        }
        let prepared = try CoxModelData.prepare(formula: formula, data: data, weights: o.weights)
        let n = prepared.n, p = prepared.p
        let names = prepared.names
        let time = prepared.time, startTimes = prepared.start, event = prepared.event
        func dataRow(_ i: Int) -> Int { (prepared.rows?[i] ?? i) + 1 }
        for i in 0..<n {
            guard time[i].isFinite else { throw .invalidTime(row: dataRow(i), reason: "time is not finite") }
            if let s = startTimes {
                guard s[i].isFinite else { throw .invalidTime(row: dataRow(i), reason: "start time is not finite") }
                guard time[i] > s[i] else { throw .invalidTime(row: dataRow(i), reason: "stop time must be > start time") }
            }
        }
        if let offset = prepared.offset {
            for (i, v) in offset.enumerated() where !v.isFinite {
                throw .invalidTime(row: dataRow(i), reason: "offset is not finite")
            }
        }
        let weight = prepared.weights ?? [Double](repeating: 1, count: n)
        let survivalData: SurvivalData
        do {
            survivalData = try SurvivalData(time: time, event: event, entry: startTimes, weight: prepared.weights,
                                            stratum: prepared.strata?.codes, strata: prepared.strata?.levels ?? [],
                                            timefix: o.timefix)
        } catch {
            throw .invalidTime(row: 0, reason: "\(error)")
        }
        guard survivalData.count == n else { throw .invalidTime(row: 0, reason: "missing time, entry or weight") }
        let input = CoxKernelInput(data: survivalData, columns: prepared.columns, offset: prepared.offset,
                                   weight: prepared.weights, event: event, start: startTimes)
        let means = input.means
        let kernel = CoxKernel(input: input, efron: ties == .efron)
        let newton = CoxKernelNewton(kernel: kernel, maxIterations: o.maxIterations, eps: o.tolerance,
                                     cholTolerance: o.choleskyTolerance)
        let r: CoxKernelNewton.Result
        do {
            r = try newton.run(initial: [Double](repeating: 0, count: p))
        } catch {
            throw .linearAlgebra(error)
        }

        // Warnings, as coxph.fit.
        var warnings: [CoxModelWarning] = []
        if prepared.droppedRows > 0 { warnings.append(.rowsDropped(count: prepared.droppedRows)) }
        let events = event.lazy.filter { $0 }.count
        if events == 0 { warnings.append(.noEvents) }
        if let st = prepared.strata {
            var has = [Bool](repeating: false, count: st.levels.count)
            for i in 0..<n where event[i] { has[st.codes[i]] = true }
            let empty = st.levels.indices.filter { !has[$0] }.map { st.levels[$0] }
            if !empty.isEmpty, events > 0 { warnings.append(.strataWithoutEvents(strata: empty)) }
        }
        if !r.converged, o.maxIterations > 0, p > 0, events > 0 { warnings.append(.notConverged(iterations: r.iterations)) }
        let aliasedNames = (0..<p).filter { r.singular[$0] }.map { names[$0] }
        if !aliasedNames.isEmpty, events > 0 { warnings.append(.aliased(terms: aliasedNames)) }
        if o.maxIterations > 1, p > 0 {
            // coxph.fit: infs = |U·I⁻¹| at the end. Converged: flag columns with infs > eps and
            // > toler.inf·|β|. Not converged: flag only when some η > 500 or infs is not finite.
            let infs = (0..<p).map { j in
                abs((0..<p).reduce(0.0) { $0 + r.score[$1] * r.variance[$1 * p + j] })
            }
            var infinite: [String] = []
            if r.converged {
                for j in 0..<p where !r.singular[j] {
                    if !infs[j].isFinite || (infs[j] > o.tolerance && infs[j] > o.infiniteTolerance * abs(r.beta[j])) {
                        infinite.append(names[j])
                    }
                }
            } else {
                let maxEta = kernel.linearPredictors(r.beta).max() ?? 0
                if maxEta > 500 || infs.contains(where: { !$0.isFinite }) {
                    infinite = (0..<p).filter { !r.singular[$0] }.map { names[$0] }
                }
            }
            if !infinite.isEmpty { warnings.append(.infiniteCoefficients(terms: infinite)) }
        }

        // Variances.
        let beta = (0..<p).map { r.singular[$0] ? 0 : r.beta[$0] }
        func matrix(_ v: [Double]) -> Matrix {
            var out = Matrix(rows: p, columns: p)
            for i in 0..<p { for j in 0..<p { out[i, j] = (r.singular[i] || r.singular[j]) ? .nan : v[i * p + j] } }
            return out
        }
        let naive = matrix(r.variance)
        let nonIntegerWeights = prepared.weights?.contains { $0 != $0.rounded(.down) } ?? false
        let robust = o.robust ?? (prepared.cluster != nil || nonIntegerWeights)
        let clusterCodes: [Int]? = robust ? (prepared.cluster.map { $0.codes } ?? Array(0..<n)) : nil
        var robustVariance: [Double]? = nil
        var robustScore: CoxModelTest? = nil
        if let cl = clusterCodes, p > 0 {
            let nCluster = (cl.max() ?? -1) + 1
            func collapsedScores(_ eta: [Double]) -> [Double] {
                let times = CoxKernelEventTimes(kernel: kernel, eta: eta)
                let res = CoxResiduals(kernel: kernel, eta: eta, times: times)
                var s = [Double](repeating: 0, count: nCluster * p)
                for i in 0..<n {
                    for j in 0..<p { s[cl[i] * p + j] += weight[i] * res.score[i * p + j] }
                }
                return s
            }
            let s = collapsedScores(kernel.linearPredictors(beta))
            // D = S·V (dfbeta by cluster); robust variance DᵀD.
            var d = [Double](repeating: 0, count: nCluster * p)
            for c in 0..<nCluster {
                for j in 0..<p {
                    var v = 0.0
                    for k in 0..<p { v += s[c * p + k] * r.variance[k * p + j] }
                    d[c * p + j] = v
                }
            }
            var rv = [Double](repeating: 0, count: p * p)
            for c in 0..<nCluster {
                for j in 0..<p { for k in 0..<p { rv[j * p + k] += d[c * p + j] * d[c * p + k] } }
            }
            robustVariance = rv
            // Robust score test at β = 0 (coxph's rscore; R sets the linear predictor to 0 there, offset
            // included, and so do we).
            let s0 = collapsedScores([Double](repeating: 0, count: n))
            var u = [Double](repeating: 0, count: p), b = [Double](repeating: 0, count: p * p)
            for c in 0..<nCluster {
                for j in 0..<p {
                    u[j] += s0[c * p + j]
                    for k in 0..<p { b[j * p + k] += s0[c * p + j] * s0[c * p + k] }
                }
            }
            let chol = SetAsideCholesky(rowMajor: b, p: p, tolerance: o.choleskyTolerance)
            let z = chol.solve(u)
            robustScore = CoxModelTest(statistic: zip(u, z).reduce(0) { $0 + $1.0 * $1.1 }, degreesOfFreedom: chol.rank)
        }
        let inference = robustVariance ?? r.variance
        // Wald test: βᵀV⁻¹β on the estimable block (coxph.wtest).
        let rank = r.singular.lazy.filter { !$0 }.count
        var wald = Double.nan
        if rank > 0 {
            let idx = (0..<p).filter { !r.singular[$0] }
            var sub = [Double](repeating: 0, count: rank * rank)
            for (a, i) in idx.enumerated() { for (bb, j) in idx.enumerated() { sub[a * rank + bb] = inference[i * p + j] } }
            let chol = SetAsideCholesky(rowMajor: sub, p: rank, tolerance: o.choleskyTolerance)
            let bsub = idx.map { beta[$0] }
            wald = zip(bsub, chol.solve(bsub)).reduce(0) { $0 + $1.0 * $1.1 }
        } else {
            wald = 0
        }
        let coefs = (0..<p).map { r.singular[$0] ? Double.nan : r.beta[$0] }
        var fit = CoxFit(
            formula: formula.description, ties: ties, terms: names, termLabels: prepared.termLabels,
            termIndex: prepared.termIndex, coefficients: coefs,
            aliased: r.singular, variance: matrix(inference), naiveVariance: naive, isRobust: robustVariance != nil,
            n: n, events: events, loglikInitial: r.loglikInitial, loglik: r.loglik, iterations: r.iterations,
            converged: r.converged, warnings: warnings,
            likelihoodRatioTest: CoxModelTest(statistic: 2 * (r.loglik - r.loglikInitial), degreesOfFreedom: rank),
            waldTest: CoxModelTest(statistic: wald, degreesOfFreedom: rank),
            scoreTest: CoxModelTest(statistic: r.scoreTest, degreesOfFreedom: rank),
            robustScoreTest: robustScore, confidenceLevel: o.confidenceLevel, means: means,
            strata: prepared.strata?.levels ?? [],
            state: CoxFitState(kernel: kernel, beta: beta, cluster: clusterCodes))
        fit.indicatorOnes = prepared.columns.map { column -> Int? in
            var ones = 0
            for x in column { if x == 1 { ones += 1 } else if x != 0 { return nil } }
            return ones
        }
        fit.indicatorEvents = zip(prepared.columns, fit.indicatorOnes).map { column, ones -> Int? in
            guard ones != nil else { return nil }
            var d = 0
            for (i, x) in column.enumerated() where x == 1 && event[i] { d += 1 }
            return d
        }
        return fit
    }
}
