/// The working response and weights of one IRLS iteration (R's glm.fit):
/// zᵢ = ηᵢ − offsetᵢ + (yᵢ − μᵢ)/μ′(ηᵢ) and wᵢ = √(priorᵢ·μ′(ηᵢ)²/V(μᵢ)) for rows with prior weight > 0 and
/// μ′ ≠ 0 ("good" rows); zᵢ = wᵢ = 0 elsewhere. Stops with R's messages on NaN or zero variance or NaN μ′.
/// One pass, O(n), over raw buffers (this loop runs once per iteration over every row).
enum WorkingResponse {
    static func compute(n: Int, link: LinkFunction, family fam: VarianceFamily, eta: [Double], mu: [Double],
                        expEta: [Double], y: [Double], priorWeights: [Double], offset: [Double], z: inout [Double], w: inout [Double],
                        anyGood: inout Bool, allGood: inout Bool, failure: inout GLMError?) {
        var good = false, all = true
        var error: GLMError? = nil
        let cached = expEta.count == n
        expEta.withUnsafeBufferPointer { ee in
        eta.withUnsafeBufferPointer { e in
        mu.withUnsafeBufferPointer { m in
        y.withUnsafeBufferPointer { yb in
        priorWeights.withUnsafeBufferPointer { pw in
        offset.withUnsafeBufferPointer { off in
        z.withUnsafeMutableBufferPointer { zb in
        w.withUnsafeMutableBufferPointer { wb in
            for i in 0..<n {
                let v = fam.variance(m[i])
                let d = link.derivative(e[i], mu: m[i], exp: cached ? ee[i] : 0)
                let prior = pw[i]
                if prior > 0 {
                    if v.isNaN { error = .invalidVariance("NAs in V(mu)"); return }
                    if v == 0 { error = .invalidVariance("0s in V(mu)"); return }
                    if d.isNaN { error = .invalidVariance("NAs in d(mu)/d(eta)"); return }
                }
                if prior > 0 && d != 0 {
                    zb[i] = e[i] - off[i] + (yb[i] - m[i]) / d
                    wb[i] = (prior * d * d / v).squareRoot()
                    good = true
                } else {
                    zb[i] = 0; wb[i] = 0; all = false
                }
            }
        }}}}}}}}
        anyGood = good
        allGood = all
        failure = error
    }
}
