internal import LinearAlgebra
/// R's natural cubic spline basis `splines::ns(x, df = df)` (intercept = FALSE), reproduced step by step:
///
/// 1. boundary knots at min and max of x; df − 1 interior knots at the quantiles k/df, k = 1…df−1, of x
///    (R's `quantile` type 7, Hyndman & Fan 1996: `index = 1 + (n−1)p`, linear interpolation between order
///    statistics);
/// 2. the cubic B-spline basis on the knots (boundary knots repeated four times), evaluated by de Boor's
///    recurrence (de Boor 1978, *A Practical Guide to Splines*, BSPLVB) as R's `splineDesign` does, with x equal
///    to the right boundary taken in the last interval;
/// 3. drop the first basis function (no intercept), and project out the two directions whose second derivative
///    is non-zero at the boundary knots: with `C` the 2 × m matrix of second derivatives at the boundaries and
///    `Cᵀ = QR` (LINPACK Householder QR, ``LinearAlgebra/LinpackQR``), the basis is the rows of `B Q` without their first two
///    entries — exactly R's `t(qr.qty(qr(t(const)), t(basis)))[, -(1:2)]`, so the columns equal R's.
///
/// Preconditions: df ≥ 1; x has at least two distinct values and the knots are distinct from the boundaries
/// (else ``FormulaError/splineDegenerate(column:reason:)``). Complexity O(n·df).
enum NaturalSpline {
    static func basis(_ x: [Double], df: Int, column: String) throws(FormulaError) -> [[Double]] {
        guard df >= 1, df <= x.count else {
            throw .invalidArgument("ns(\(column), df = \(df)): df must be between 1 and the number of rows (\(x.count))")
        }
        let sorted = x.sorted()
        guard let lo = sorted.first, let hi = sorted.last, lo < hi else {
            throw .splineDegenerate(column: column, reason: "it needs at least two distinct values")
        }
        let nInterior = df - 1
        let step = 1.0 / Double(nInterior + 1)     // R: seq.int(0, 1, length.out = nInterior + 2)
        let interior = (1..<(nInterior + 1)).map { quantile7(sorted, Double($0) * step) }
        let knots = [lo, lo, lo, lo] + interior + [hi, hi, hi, hi]
        let nCoef = knots.count - 4
        // Second derivatives of the basis functions at the two boundaries, first function dropped.
        var constT = [Double](repeating: 0, count: (nCoef - 1) * 2)   // (nCoef-1) × 2, column-major
        for (b, xb) in [lo, hi].enumerated() {
            let (offset, values) = BSpline.derivatives(knots: knots, x: xb, order: 4, derivative: 2)
            for (k, v) in values.enumerated() where offset + k >= 1 { constT[(offset + k - 1) + b * (nCoef - 1)] = v }
        }
        guard constT.allSatisfy(\.isFinite) else {
            throw .splineDegenerate(column: column, reason: "its quantile knots coincide with a boundary (too many tied values)")
        }
        let qr = QR.linpack(rows: nCoef - 1, columns: 2, columnMajor: constT)
        var out = [[Double]](repeating: [Double](repeating: 0, count: x.count), count: df)
        for (i, xi) in x.enumerated() {
            let (offset, values) = BSpline.values(knots: knots, x: xi, order: 4)
            var row = [Double](repeating: 0, count: nCoef - 1)
            for (k, v) in values.enumerated() where offset + k >= 1 { row[offset + k - 1] = v }
            let projected = qr.applyQᵀ(row)
            for j in 0..<df { out[j][i] = projected[j + 2] }
        }
        guard out.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .splineDegenerate(column: column, reason: "the basis is not finite (tied knots)")
        }
        return out
    }

    /// R's `quantile(x, p, type = 7)` of sorted data: `(1−h)·x[lo] + h·x[hi]` with `index = 1 + (n−1)p`.
    static func quantile7(_ sorted: [Double], _ p: Double) -> Double {
        let index = 1 + Double(sorted.count - 1) * p
        let lo = Int(index.rounded(.down)), hi = Int(index.rounded(.up))
        let q = sorted[lo - 1]
        guard index > Double(lo), sorted[hi - 1] != q else { return q }
        let h = index - Double(lo)
        return (1 - h) * q + h * sorted[hi - 1]
    }
}

/// B-spline evaluation as R's `splines` C code does it (de Boor 1978, BSPLVB for values; the derivative by
/// differencing the coefficients, de Boor's BVALUE).
enum BSpline {
    /// The knot index ("cursor") of the first knot greater than x; at the right boundary, the last legitimate
    /// interval (R's `set_cursor`). Returns (cursor, boundary flag).
    private static func cursor(_ knots: [Double], _ x: Double, order: Int) -> (Int, Bool) {
        var curs = -1
        for (i, k) in knots.enumerated() {
            if k >= x { curs = i }
            if k > x { break }
        }
        let lastLegit = knots.count - order
        if curs > lastLegit, x == knots[lastLegit] { return (lastLegit, true) }
        return (curs, false)
    }

    /// The `order` non-zero B-spline values at x and the index of the first of them.
    static func values(knots: [Double], x: Double, order: Int) -> (offset: Int, values: [Double]) {
        let (curs, _) = cursor(knots, x, order: order)
        guard curs >= order, curs <= knots.count - order else {
            return (max(0, curs - order), [Double](repeating: .nan, count: order))
        }
        var rdel = [Double](repeating: 0, count: order), ldel = rdel
        for i in 0..<(order - 1) { rdel[i] = knots[curs + i] - x; ldel[i] = x - knots[curs - (i + 1)] }
        var b = [Double](repeating: 0, count: order)
        b[0] = 1
        for j in 1..<order {
            var saved = 0.0
            for r in 0..<j {
                let den = rdel[r] + ldel[j - 1 - r]
                if den != 0 {
                    let term = b[r] / den
                    b[r] = saved + rdel[r] * term
                    saved = ldel[j - 1 - r] * term
                } else {
                    if r != 0 || rdel[r] != 0 { b[r] = saved }
                    saved = 0
                }
            }
            b[j] = saved
        }
        return (curs - order, b)
    }

    /// The `derivative`-th derivatives at x of the `order` B-splines that are non-zero there, and the index of the
    /// first (R's `evaluate` with unit coefficient vectors).
    static func derivatives(knots: [Double], x: Double, order: Int, derivative: Int) -> (offset: Int, values: [Double]) {
        let (curs, boundary) = cursor(knots, x, order: order)
        guard curs >= order, curs <= knots.count - order else {
            return (max(0, curs - order), [Double](repeating: .nan, count: order))
        }
        var out = [Double](repeating: 0, count: order)
        for unit in 0..<order {
            if boundary && derivative == order - 1 { out[unit] = 0; continue }
            var a = [Double](repeating: 0, count: order)
            a[unit] = 1
            var outer = order - 1
            for _ in 0..<derivative {
                for k in 0..<outer {
                    let lpt = curs - outer + k
                    a[k] = Double(outer) * (a[k + 1] - a[k]) / (knots[lpt + outer] - knots[lpt])
                }
                outer -= 1
            }
            var rdel = [Double](repeating: 0, count: order), ldel = rdel
            for i in 0..<outer { rdel[i] = knots[curs + i] - x; ldel[i] = x - knots[curs - (i + 1)] }
            while outer > 0 {
                outer -= 1
                for p in 0...outer {
                    let l = ldel[outer - p], r = rdel[p]
                    a[p] = (a[p + 1] * l + a[p] * r) / (r + l)
                }
            }
            out[unit] = a[0]
        }
        return (curs - order, out)
    }
}
