/// A quantile of a survival-time distribution read off a step curve, with confidence limits
/// (NaN where R reports NA: the curve, or the confidence curve, never reaches the probability).
public struct SurvivalQuantile: Sendable, Equatable {
    /// Probability p: the quantile is the time by which a fraction p has had the event.
    public let probability: Double
    public let estimate: Double
    /// From the lower confidence curve of S (the earlier time).
    public let lower: Double
    /// From the upper confidence curve of S (the later time).
    public let upper: Double

    /// R survival's `findq` on the points (0, 0), (time_i, 1 − curve_i): duplicates of 1 − curve dropped
    /// (first kept), NaN points dropped; with k_i = 1 − curve_i, the answer is the midpoint of the first time
    /// with k ≥ p − tol and the first with k ≥ p + tol; p = 0 gives 0; when p is within tol of the final
    /// value of k the second time is the last time of the curve. NaN if max k < p. O(m).
    static func find(time: [Double], curve: [Double], p: Double, tolerance tol: Double) -> Double {
        // Points (x, y) = (0, 0), (time_i, 1 - curve_i); R's duplicated() keeps the first of equal y (NA once).
        var monotone = true
        var previous = 0.0
        for c in curve where !c.isNaN {
            let y = 1 - c
            if y < previous { monotone = false; break }
            previous = y
        }
        var xs: [Double] = [0]
        var ys: [Double] = [0]
        var seen: Set<Double> = monotone ? [] : [0]
        var lastKept = 0.0
        var seenNaN = false
        var maxY = 0.0
        for i in 0..<time.count {
            let y = 1 - curve[i]
            if y.isNaN {
                if !seenNaN { seenNaN = true; xs.append(time[i]); ys.append(.nan) }
                continue
            }
            maxY = Swift.max(maxY, y)
            if monotone {
                if y == lastKept { continue }
                lastKept = y
            } else if !seen.insert(y).inserted {
                continue
            }
            xs.append(time[i]); ys.append(y)
        }
        if maxY < p { return .nan }
        if p == 0 { return xs[0] }
        let xmax = time.last ?? 0
        // approx(y ± tol, index, p, "constant", f = 1): the point with the smallest knot y ± tol >= p, NA when
        // p lies outside the knots' range (the smallest knot is y = 0 at the origin).
        func pick(shift: Double) -> Int? {
            guard p >= shift else { return nil }
            var best: Int?
            for i in 0..<ys.count where !ys[i].isNaN && ys[i] + shift >= p {
                if let b = best { if ys[i] < ys[b] { best = i } } else { best = i }
            }
            return best
        }
        let i1 = pick(shift: tol)
        let i2 = pick(shift: -tol)
        var q = Double.nan
        if let i1, let i2 { q = (xs[i1] + xs[i2]) / 2 }
        if let lastY = ys.last, !lastY.isNaN, abs(p - lastY) < tol {
            q = i1.map { (xs[$0] + xmax) / 2 } ?? .nan
        }
        return q
    }

    /// R survival's `survmean` median rule (see ``KaplanMeierCurve/median``). O(m).
    static func printedMedian(time: [Double], curve: [Double]) -> Double {
        let tol = Double.ulpOfOne.squareRoot()
        guard let first = curve.indices.first(where: { !curve[$0].isNaN && curve[$0] < 0.5 + tol }) else {
            return .nan
        }
        let y1 = curve[first]
        if abs(y1 - 0.5) < tol,
           let next = curve.indices[(first + 1)...].first(where: { !curve[$0].isNaN && curve[$0] < y1 }) {
            return (time[first] + time[next]) / 2
        }
        return time[first]
    }
}
