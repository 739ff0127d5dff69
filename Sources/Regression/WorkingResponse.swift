/// The working response and weights of one IRLS iteration (R's glm.fit):
/// zᵢ = ηᵢ − offsetᵢ + (yᵢ − μᵢ)/μ′(ηᵢ) (offsetᵢ = 0 when `offset` is empty) and wᵢ = √(priorᵢ·μ′(ηᵢ)²/V(μᵢ)) for rows with prior weight > 0 and
/// μ′ ≠ 0 ("good" rows); zᵢ = wᵢ = 0 elsewhere. Stops with R's messages on NaN or zero variance or NaN μ′.
/// One pass, O(n), over raw buffers (this loop runs once per iteration over every row), in two halves on two
/// threads from ``CrossProductStep/parallelRows`` rows (``RowHalves``): each row's z and w are the serial ones.
enum WorkingResponse {
    static func compute(n: Int, link: LinkFunction, family fam: VarianceFamily, eta: [Double], mu: [Double],
                        expEta: [Double], y: [Double], priorWeights: [Double], offset: [Double], z: inout [Double], w: inout [Double],
                        anyGood: inout Bool, allGood: inout Bool, failure: inout GLMError?) {
        let cached = expEta.count == n
        // z and w are written through their addresses by the halves (``RowHalves``), each its own rows.
        let parts = z.withUnsafeMutableBufferPointer { zBuffer in
        w.withUnsafeMutableBufferPointer { wBuffer in
        let zAddress = UInt(bitPattern: zBuffer.baseAddress), wAddress = UInt(bitPattern: wBuffer.baseAddress)
        return RowHalves.map(n) { rows -> (good: Bool, all: Bool, error: GLMError?) in
            var good = false, all = true
            guard let zb = UnsafeMutablePointer<Double>(bitPattern: zAddress),
                  let wb = UnsafeMutablePointer<Double>(bitPattern: wAddress) else { return (false, rows.isEmpty, nil) }
            let hasOffset = !offset.isEmpty
            return expEta.withUnsafeBufferPointer { ee in
            eta.withUnsafeBufferPointer { e in
            mu.withUnsafeBufferPointer { m in
            y.withUnsafeBufferPointer { yb in
            priorWeights.withUnsafeBufferPointer { pw in
            offset.withUnsafeBufferPointer { off in
                for i in rows {
                    let v = fam.variance(m[i])
                    let d = link.derivative(e[i], mu: m[i], exp: cached ? ee[i] : 0)
                    let prior = pw[i]
                    if prior > 0 {
                        if v.isNaN { return (good, all, .invalidVariance("NAs in V(mu)")) }
                        if v == 0 { return (good, all, .invalidVariance("0s in V(mu)")) }
                        if d.isNaN { return (good, all, .invalidVariance("NAs in d(mu)/d(eta)")) }
                    }
                    if prior > 0 && d != 0 {
                        zb[i] = (hasOffset ? e[i] - off[i] : e[i]) + (yb[i] - m[i]) / d
                        wb[i] = (prior * d * d / v).squareRoot()
                        good = true
                    } else {
                        zb[i] = 0; wb[i] = 0; all = false
                    }
                }
                return (good, all, nil)
            }}}}}}
        }
        }}
        // The first failing row's error in row order, as the serial pass stops at it.
        failure = parts.lazy.compactMap(\.error).first
        anyGood = parts.contains(where: \.good)
        allGood = parts.allSatisfy(\.all)
    }
}
