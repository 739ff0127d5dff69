/// The generalized Cauchy point and subspace minimisation steps of L-BFGS-B.
extension LBFGSB {
    /// Result of Algorithm CP: the Cauchy point, c = Wᵀ(x_cp − x), and which variables are free at x_cp.
    struct CauchyPoint {
        var point: [Double]
        var c: [Double]
        var free: [Bool]
        /// `false` if the projected steepest-descent direction is zero (stationary point).
        var descent: Bool
    }

    /// Algorithm CP of Byrd, Lu, Nocedal & Zhu (1995, §4): the first local minimiser of the quadratic model
    /// m(x) = f + gᵀ(x − x_k) + ½(x − x_k)ᵀB(x − x_k) along the piecewise-linear path P(x_k − t·g), found by
    /// examining the segments between consecutive breakpoints in order and updating f′ and f″ in O(m²) per
    /// breakpoint. Complexity O(n·m + n log n + (breakpoints passed)·m²).
    func generalizedCauchyPoint(x: [Double], g: [Double], box: BoxBounds, memory: LimitedMemoryBFGS)
        -> CauchyPoint
    {
        let n = x.count
        let theta = memory.theta
        var d = [Double](repeating: 0, count: n)
        var free = [Bool](repeating: true, count: n)
        var breakpoints: [(t: Double, index: Int)] = []
        var unboundedDirections = 0
        for i in 0..<n {
            var t = Double.infinity
            if box.lower[i] == box.upper[i] {
                t = 0
            } else if g[i] < 0, box.upper[i].isFinite {
                t = (x[i] - box.upper[i]) / g[i]
            } else if g[i] > 0, box.lower[i].isFinite {
                t = (x[i] - box.lower[i]) / g[i]
            }
            if t <= 0 {
                free[i] = false
            } else {
                d[i] = -g[i]
                if t.isFinite { breakpoints.append((t, i)) } else if d[i] != 0 { unboundedDirections += 1 }
            }
        }
        var point = x
        var p = memory.transposeTimes(d)
        var c = [Double](repeating: 0, count: memory.width)
        var fPrime = -dot(d, d)
        guard fPrime < 0 else { return CauchyPoint(point: x, c: c, free: free, descent: false) }
        var fSecond = -theta * fPrime - dot(p, memory.middleTimes(p))
        let fSecondInitial = fSecond
        if !(fSecond > 0) { fSecond = Double.ulpOfOne * max(abs(fSecondInitial), 1) }
        var dtMin = -fPrime / fSecond
        var tOld = 0.0
        breakpoints.sort { $0.t < $1.t }
        var next = 0
        while next < breakpoints.count {
            let (t, b) = breakpoints[next]
            let dt = t - tOld
            if dtMin < dt { break }
            // Pass breakpoint b: variable b reaches its bound and is fixed.
            point[b] = d[b] > 0 ? box.upper[b] : box.lower[b]
            let zb = point[b] - x[b]
            for j in c.indices { c[j] += dt * p[j] }
            let gb = g[b]
            let wb = memory.row(b)
            let mwb = memory.middleTimes(wb)
            fPrime += dt * fSecond + gb * gb + theta * gb * zb - gb * dot(mwb, c)
            fSecond -= theta * gb * gb + 2 * gb * dot(mwb, p) + gb * gb * dot(mwb, wb)
            fSecond = max(Double.ulpOfOne * fSecondInitial, fSecond)
            for j in p.indices { p[j] += gb * wb[j] }
            d[b] = 0
            free[b] = false
            tOld = t
            next += 1
            if next == breakpoints.count && unboundedDirections == 0 {
                dtMin = 0
            } else {
                dtMin = fSecond > 0 ? -fPrime / fSecond : 0
            }
        }
        dtMin = max(dtMin, 0)
        tOld += dtMin
        for i in 0..<n where free[i] && d[i] != 0 {
            point[i] = min(max(x[i] + tOld * d[i], box.lower[i]), box.upper[i])
        }
        for j in c.indices { c[j] += dtMin * p[j] }
        return CauchyPoint(point: point, c: c, free: free, descent: true)
    }

    /// Direct primal subspace minimisation (Byrd, Lu, Nocedal & Zhu 1995, §5.1): minimises the model over the
    /// variables free at the Cauchy point, holding the others at their bounds,
    ///
    ///     d_u = −(1/θ)·r − (1/θ²)·W_Z·(I − (1/θ)·M·W_ZᵀW_Z)⁻¹·M·W_Zᵀ·r,   r = Zᵀ(g + θ(x_cp − x) − W·M·c),
    ///
    /// then backtracks x_cp + α·d_u into the box (largest α ≤ 1). Returns x_cp if the reduced system is singular.
    func subspaceMinimum(x: [Double], g: [Double], box: BoxBounds, memory: LimitedMemoryBFGS,
                         cauchy: CauchyPoint) -> [Double] {
        let freeIndices = cauchy.free.indices.filter { cauchy.free[$0] }
        if freeIndices.isEmpty { return cauchy.point }
        let theta = memory.theta
        let width = memory.width
        let mc = memory.middleTimes(cauchy.c)
        var rows: [[Double]] = []
        rows.reserveCapacity(freeIndices.count)
        var r = [Double](repeating: 0, count: freeIndices.count)
        for (k, i) in freeIndices.enumerated() {
            let w = memory.row(i)
            rows.append(w)
            r[k] = g[i] + theta * (cauchy.point[i] - x[i]) - dot(w, mc)
        }
        var correction = [Double](repeating: 0, count: freeIndices.count)
        if width > 0 {
            var v = [Double](repeating: 0, count: width)
            var wtw = [[Double]](repeating: [Double](repeating: 0, count: width), count: width)
            for (k, w) in rows.enumerated() {
                for a in 0..<width {
                    v[a] += w[a] * r[k]
                    for b in 0..<width { wtw[a][b] += w[a] * w[b] }
                }
            }
            v = memory.middleTimes(v)
            var nMatrix = memory.middle.map { multiply(wtw.transposed(), $0) }  // rows of M·WᵀW
            for a in 0..<width {
                for b in 0..<width { nMatrix[a][b] = (a == b ? 1 : 0) - nMatrix[a][b] / theta }
            }
            guard let solved = solveSmallDense(nMatrix, v.map { [$0] }) else { return cauchy.point }
            let u = solved.map { $0[0] }
            for k in rows.indices { correction[k] = dot(rows[k], u) / (theta * theta) }
        }
        var du = [Double](repeating: 0, count: freeIndices.count)
        var alpha = 1.0
        for (k, i) in freeIndices.enumerated() {
            du[k] = -r[k] / theta - correction[k]
            let xi = cauchy.point[i]
            if du[k] > 0, box.upper[i].isFinite {
                alpha = min(alpha, max(0, (box.upper[i] - xi) / du[k]))
            } else if du[k] < 0, box.lower[i].isFinite {
                alpha = min(alpha, max(0, (box.lower[i] - xi) / du[k]))
            }
        }
        var result = cauchy.point
        for (k, i) in freeIndices.enumerated() {
            result[i] = min(max(cauchy.point[i] + alpha * du[k], box.lower[i]), box.upper[i])
        }
        return result
    }
}

extension Array where Element == [Double] {
    /// Transpose of a rectangular row-array matrix.
    fileprivate func transposed() -> [[Double]] {
        guard let columns = first?.count else { return [] }
        var out = [[Double]](repeating: [Double](repeating: 0, count: count), count: columns)
        for i in indices { for j in 0..<columns { out[j][i] = self[i][j] } }
        return out
    }
}
