internal import LinearAlgebra

/// The Cox kernel's input: covariates centred in model-row order, the shared sorted ``SurvivalData``, and the
/// death-time groups the kernel sums over.
///
/// - `x` is n×p **row-major** in model-row ("frame") order (row i at `x[i*p ..< (i+1)*p]`, one cache line for
///   p = 8), centred by the case-weighted column means `means` (this leaves the partial likelihood unchanged and
///   keeps exp(η) in range, as `coxfit6` does); `offset`, `weight` and `event` are in the same order.
/// - `data` is the same rows sorted by ``SurvivalData`` (stratum, time ascending, events first at ties);
///   `data.row[i]` is the frame row of sorted position i.
/// - Groups: the distinct death times of each stratum, ascending, stratum by stratum (`groupBounds`). A frame
///   row is at risk at group g exactly when `startGroup < g ≤ stopGroup` (same stratum), where `stopGroup` is
///   the last group with time ≤ stop and `startGroup` the last with time ≤ start (−1: none), which encodes
///   R's (start, stop] risk sets; right-censored rows have no `startGroup`.
///
/// Preconditions (established by ``SurvivalData`` and the driver): stop > start, times finite, weights finite
/// and ≥ 0, offsets finite. Building it costs O(n·p) plus O(n log G) for start groups; it holds O(n·p) doubles.
struct CoxKernelInput: Sendable {
    let data: SurvivalData
    let n: Int
    let p: Int
    let x: [Double]
    let means: [Double]
    let offset: [Double]
    let weight: [Double]
    let event: [Bool]
    /// Whether an offset / case weights were given (the kernel skips reading the constant arrays otherwise).
    let hasOffset: Bool
    let hasWeights: Bool
    let groupTime: [Double]
    let groupBounds: [Int]
    let groupDeaths: [Int]
    let groupDeathWeight: [Double]
    let stopGroup: [Int]
    let startGroup: [Int]?
    /// Σ over deaths of wᵢ·xcᵢ (constant part of the score).
    let deathWX: [Double]

    /// `columns`: the p design columns in frame order (centred and transposed into `x`).
    init(data: SurvivalData, columns: [[Double]], offset: [Double]?, weight: [Double]?, event: [Bool], start: [Double]?) {
        let n = data.count, p = columns.count
        self.data = data
        self.n = n
        self.p = p
        let w = weight ?? [Double](repeating: 1, count: n)
        self.weight = w
        self.offset = offset ?? [Double](repeating: 0, count: n)
        self.event = event
        hasOffset = offset != nil
        hasWeights = weight != nil
        let totalWeight = w.reduce(0, +)
        var mu = [Double](repeating: 0, count: p)
        var dwx = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var s = 0.0
            columns[j].withUnsafeBufferPointer { c in
                if weight == nil { for i in 0..<n { s += c[i] } } else { for i in 0..<n { s += w[i] * c[i] } }
            }
            mu[j] = totalWeight > 0 ? s / totalWeight : 0
        }
        // Centre and transpose in row blocks (the block's rows stay in cache while each column is written).
        // Every element is written below, so the buffer is not zero-filled first (saves a pass over n·p).
        let xt = [Double](unsafeUninitializedCapacity: n * p) { out, initialised in
            let block = 2048
            var lo = 0
            while lo < n {
                let hi = min(lo + block, n)
                for j in 0..<p {
                    let m = mu[j]
                    columns[j].withUnsafeBufferPointer { c in
                        for i in lo..<hi { out[i * p + j] = c[i] - m }
                    }
                }
                lo = hi
            }
            for i in 0..<n where event[i] {
                for j in 0..<p { dwx[j] += w[i] * out[i * p + j] }
            }
            initialised = n * p
        }
        x = xt
        means = mu
        deathWX = dwx
        // Death-time groups from the sorted order.
        var gTime: [Double] = [], gBounds: [Int] = [], gDeaths: [Int] = [], gWeight: [Double] = []
        var stopG = [Int](repeating: -1, count: n)
        let strataCount = data.stratumStart.count - 1
        let times = data.time, events = data.event, rowOf = data.row
        times.withUnsafeBufferPointer { times in
        events.withUnsafeBufferPointer { events in
        rowOf.withUnsafeBufferPointer { rowOf in
        w.withUnsafeBufferPointer { w in
        stopG.withUnsafeMutableBufferPointer { stopG in
            for s in 0..<strataCount {
                gBounds.append(gTime.count)
                var i = data.stratumStart[s]
                let hi = data.stratumStart[s + 1]
                var last = -1
                while i < hi {
                    let t = times[i]
                    var j = i
                    var deaths = 0
                    var dw = 0.0
                    while j < hi, times[j] == t {
                        if events[j] { deaths += 1; dw += w[rowOf[j]] }
                        j += 1
                    }
                    if deaths > 0 {
                        last = gTime.count
                        gTime.append(t); gDeaths.append(deaths); gWeight.append(dw)
                    }
                    for k in i..<j { stopG[rowOf[k]] = last }
                    i = j
                }
            }
        }}}}}
        gBounds.append(gTime.count)
        groupTime = gTime; groupBounds = gBounds; groupDeaths = gDeaths; groupDeathWeight = gWeight
        stopGroup = stopG
        if start != nil, let entry = data.entry {
            var startG = [Int](repeating: -1, count: n)
            let strat = data.stratum
            for pos in 0..<n {
                let row = rowOf[pos]
                let s = strat[pos]
                var l = gBounds[s], h = gBounds[s + 1]
                let t = entry[pos]
                while l < h { let m = (l + h) / 2; if gTime[m] <= t { l = m + 1 } else { h = m } }
                startG[row] = l > gBounds[s] ? l - 1 : -1
            }
            startGroup = startG
        } else {
            startGroup = nil
        }
    }

    /// Model-row indices in sorted order (``SurvivalData/row``).
    var rowIndex: [Int] { data.row }
    var strataCount: Int { data.stratumStart.count - 1 }
}
