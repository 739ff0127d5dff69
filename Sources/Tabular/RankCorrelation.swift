/// Spearman's rank correlation ρ: Pearson's correlation of the mid-ranks (ties get the average of the ranks
/// they span, as R's `cor(x, y, method = "spearman")`). Pairs with a non-finite member are left out by the caller.
/// Returns nil for fewer than 3 pairs or a constant variable. O(n log n).
public func spearmanCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 3 else { return nil }
    let rx = midRanks(x), ry = midRanks(y)
    return pearsonCorrelation(rx, ry)
}

/// Pearson's product-moment correlation, two-pass (means first) for accuracy. nil for a constant variable.
public func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, !x.isEmpty else { return nil }
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
        let dx = x[i] - mx, dy = y[i] - my
        sxy += dx * dy; sxx += dx * dx; syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
}

/// Ranks 1…n with ties given the mean of the ranks they occupy.
public func midRanks(_ v: [Double]) -> [Double] {
    let order = v.indices.sorted { v[$0] < v[$1] }
    var ranks = [Double](repeating: 0, count: v.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
        let mid = Double(i + j) / 2 + 1
        for k in i...j { ranks[order[k]] = mid }
        i = j + 1
    }
    return ranks
}
