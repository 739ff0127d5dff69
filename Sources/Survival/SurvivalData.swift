/// Right-censored (optionally left-truncated, weighted, stratified) survival data, validated and sorted once
/// for the estimation kernels (Kaplan–Meier, Nelson–Aalen, log-rank, Aalen–Johansen, Cox).
///
/// Each row is one interval of observation `(entry, time]` ending in an event (`event == true`) or a censoring.
/// Without entry times every row is at risk from the start (R's `Surv(time, status)`); with them the row is at
/// risk only for `entry < t <= time` (R's counting-process `Surv(start, stop, status)`, delayed entry).
///
/// Sort order of the stored arrays (the kernels' precondition): by stratum code ascending, then `time`
/// ascending, then events before censorings at tied times, then original row ascending (so the order is
/// fully deterministic). `stratumStart[s]..<stratumStart[s + 1]` is stratum `s`'s contiguous block.
/// `entryOrder` (when there are entry times) lists sorted positions ordered by (stratum, entry ascending), so
/// a kernel can sweep entries and exits together in one merge.
///
/// Missing values: rows with a NaN time, entry or weight are dropped (as R's default `na.omit`) and counted in
/// `omitted`; `row` maps every stored position back to its input row.
///
/// Complexity: O(n) validation plus a stable LSD radix sort of the 64-bit order-preserving image of the times
/// (at most 6 passes of 11 bits, passes with a constant digit skipped) and a counting sort by stratum, so O(n)
/// time and memory after the O(n) key transform; for n < 256 a comparison sort, O(n log n), is used instead.
/// Radix sorting was chosen because the sort dominates Kaplan–Meier at n = 10^6.
public struct SurvivalData: Sendable, Equatable {
    /// Exit (event or censoring) times, sorted as described above.
    public let time: [Double]
    /// `true` for an event at `time`, `false` for a censoring.
    public let event: [Bool]
    /// Entry (start) times, `entry[i] < time[i]`; `nil` when every row is at risk from the origin.
    public let entry: [Double]?
    /// Non-negative case weights; `nil` means every row has weight 1.
    public let weight: [Double]?
    /// Stratum code (0..<strata.count) of each sorted row; non-decreasing.
    public let stratum: [Int]
    /// Stratum labels, indexed by code. A single stratum with an empty label when the data are unstratified.
    public let strata: [String]
    /// Block boundaries: rows of stratum `s` are `stratumStart[s]..<stratumStart[s + 1]`; count `strata.count + 1`.
    public let stratumStart: [Int]
    /// Input row index of each sorted position.
    public let row: [Int]
    /// Sorted positions ordered by (stratum, entry ascending); `nil` when `entry` is `nil`.
    public let entryOrder: [Int]?
    /// Number of input rows dropped for a missing (NaN) time, entry or weight.
    public let omitted: Int

    /// Number of stored rows.
    public var count: Int { time.count }

    /// Sorted positions of stratum `s` (empty for a code outside `0..<strata.count`).
    public func rows(ofStratum s: Int) -> Range<Int> {
        guard s >= 0 && s < strata.count else { return 0..<0 }
        return stratumStart[s]..<stratumStart[s + 1]
    }

    /// Weight of sorted row `i` (1 when unweighted).
    @inline(__always) public func weight(at i: Int) -> Double { weight?[i] ?? 1 }

    /// Validates and sorts.
    ///
    /// - Parameters:
    ///   - time: exit times (NaN rows are dropped; ±infinity is an error).
    ///   - event: event indicator per row.
    ///   - entry: optional entry times; each must be strictly below its exit time (R's `Surv` turns such rows
    ///     into NA with a warning; here they are an error so that bad data are never silently lost).
    ///   - weight: optional case weights, finite and >= 0.
    ///   - stratum: optional stratum codes in `0..<strata.count`; `nil` means one stratum.
    ///   - strata: labels of the stratum codes; ignored (one unnamed stratum) when `stratum` is `nil`.
    ///   - timefix: merge times that differ only by rounding, as R's `aeqSurv` (`timefix = TRUE`, R's default
    ///     in `survfit`, `survdiff` and `coxph`): over the sorted distinct exit and entry times y, a gap
    ///     Δy ≤ √ε or Δy/mean|y| ≤ √ε (ε = 2⁻⁵²) joins two times, and every time is replaced by the smallest
    ///     of its group. Off by default here because it only matters for times computed in floating point and
    ///     costs an extra O(n) radix pass; turn it on for exact parity with R on such data.
    /// - Throws: `SurvivalDataError` for mismatched lengths, infinite times, entry >= exit, bad weights or codes,
    ///   or (with `timefix`) an interval that the merging collapses to length 0 (R's "aeqSurv exception").
    public init(
        time: [Double], event: [Bool], entry: [Double]? = nil, weight: [Double]? = nil,
        stratum: [Int]? = nil, strata: [String] = [], timefix: Bool = false
    ) throws(SurvivalDataError) {
        let n = time.count
        guard event.count == n else { throw .lengthMismatch("event has \(event.count) rows, time has \(n)") }
        if let entry, entry.count != n { throw .lengthMismatch("entry has \(entry.count) rows, time has \(n)") }
        if let weight, weight.count != n { throw .lengthMismatch("weight has \(weight.count) rows, time has \(n)") }
        if let stratum, stratum.count != n {
            throw .lengthMismatch("stratum has \(stratum.count) rows, time has \(n)")
        }
        let labels = stratum == nil ? [""] : strata
        if stratum != nil && labels.isEmpty && n > 0 { throw .stratumOutOfRange(row: 0) }

        // Validate; `kept` is materialised only when some row is dropped.
        var kept: [Int]? = nil
        try time.withUnsafeBufferPointer { (t) throws(SurvivalDataError) in
            for i in 0..<n {
                let ti = t[i]
                var drop = ti.isNaN
                if let entry, entry[i].isNaN { drop = true }
                if let weight, weight[i].isNaN { drop = true }
                if drop {
                    if kept == nil { kept = Array(0..<i) }
                    continue
                }
                guard ti.isFinite else { throw .nonFiniteTime(row: i) }
                if let entry {
                    guard entry[i] > -Double.infinity else { throw .nonFiniteTime(row: i) }
                    guard entry[i] < ti else { throw .entryNotBeforeExit(row: i) }
                }
                if let weight, !(weight[i] >= 0 && weight[i].isFinite) { throw .invalidWeight(row: i) }
                if let stratum, !(0..<labels.count).contains(stratum[i]) { throw .stratumOutOfRange(row: i) }
                kept?.append(i)
            }
        }
        let m = kept?.count ?? n
        let k = labels.count
        var time = time
        var entry = entry
        // R's aeqSurv. Unstratified right-censored data: sort first and merge only if the sorted times show a
        // near tie (the common case costs one pass); otherwise merge over all exit and entry times up front.
        let fixAfterSort = timefix && m > 1 && entry == nil && k == 1
        if timefix && m > 1 && !fixAfterSort {
            try SurvivalData.mergeNearTies(time: &time, entry: &entry, rows: kept ?? Array(0..<n))
        }
        var (order, sortedTime) = SurvivalData.sortRows(time: time, event: event, kept: kept, stratum: stratum, strata: k)
        if fixAfterSort && SurvivalData.hasNearTies(sorted: sortedTime) {
            try SurvivalData.mergeNearTies(time: &time, entry: &entry, rows: kept ?? Array(0..<n))
            (order, sortedTime) = SurvivalData.sortRows(time: time, event: event, kept: kept, stratum: stratum, strata: k)
        }

        self.row = order
        self.time = sortedTime
        self.event = SurvivalData.gather(event, order)
        self.entry = entry.map { SurvivalData.gather($0, order) }
        self.weight = weight.map { SurvivalData.gather($0, order) }
        let codes = stratum.map { SurvivalData.gather($0, order) } ?? [Int](repeating: 0, count: m)
        self.stratum = codes
        self.strata = labels
        var starts = [Int](repeating: 0, count: k + 1)
        if stratum == nil {
            starts[k] = m
        } else {
            for c in codes { starts[c + 1] += 1 }
            for s in 0..<k { starts[s + 1] += starts[s] }
        }
        self.stratumStart = starts
        self.omitted = n - m
        if let sortedEntry = self.entry {
            let positions = Array(0..<m)
            var eo: [Int]
            if m < 256 {
                eo = positions.sorted { a, b in
                    codes[a] != codes[b] ? codes[a] < codes[b]
                        : (sortedEntry[a] != sortedEntry[b] ? sortedEntry[a] < sortedEntry[b] : a < b)
                }
            } else {
                eo = SurvivalData.radixSort(positions, keyOf: { SurvivalData.orderKey(sortedEntry[$0]) },
                                            buckets: k, bucketOf: k > 1 ? { codes[$0] } : nil).order
            }
            self.entryOrder = eo
        } else {
            self.entryOrder = nil
        }
    }

    /// The sort of the initialiser: positions by (stratum, time, events first, row) and the sorted times.
    static func sortRows(time: [Double], event: [Bool], kept: [Int]?, stratum: [Int]?, strata k: Int)
        -> (order: [Int], sortedTime: [Double])
    {
        // Order: (stratum, time, event first, row). LSD: rows with events first (stable), radix on the time
        // keys, then a counting pass on stratum; the sorted keys give the sorted times back without a gather.
        var order: [Int]
        let sortedTime: [Double]
        let n = time.count
        let m = kept?.count ?? n
        if m < 256 {
            order = kept ?? Array(0..<n)
            order.sort { a, b in
                let sa = stratum?[a] ?? 0, sb = stratum?[b] ?? 0
                if sa != sb { return sa < sb }
                if time[a] != time[b] { return time[a] < time[b] }
                if event[a] != event[b] { return event[a] }
                return a < b
            }
            sortedTime = order.map { time[$0] }
        } else {
            // Events first (stable), branch-free: events fill from the front, censorings from `events` on.
            var initial = [Int](repeating: 0, count: m)
            event.withUnsafeBufferPointer { e in
                initial.withUnsafeMutableBufferPointer { out in
                    var events = 0
                    if let kept { for i in kept where e[i] { events += 1 } } else { for i in 0..<n where e[i] { events += 1 } }
                    var front = 0, back = events
                    func place(_ i: Int) {
                        let isEvent = e[i]
                        out[isEvent ? front : back] = i
                        front &+= isEvent ? 1 : 0
                        back &+= isEvent ? 0 : 1
                    }
                    if let kept { for i in kept { place(i) } } else { for i in 0..<n { place(i) } }
                }
            }
            let sorted = time.withUnsafeBufferPointer { t in
                SurvivalData.radixSort(initial, keyOf: { SurvivalData.orderKey(t[$0]) },
                                       buckets: k, bucketOf: stratum.map { s in { s[$0] } })
            }
            order = sorted.order
            sortedTime = sorted.keys.map(SurvivalData.value(ofKey:))
        }
        return (order, sortedTime)
    }

    /// Whether sorted times contain two distinct values that R's aeqSurv would merge (see `timefix`). O(n).
    static func hasNearTies(sorted: [Double]) -> Bool {
        guard var previous = sorted.first else { return false }
        var minGap = Double.infinity, sumAbs = abs(previous), distinct = 1.0
        for x in sorted.dropFirst() where x != previous {
            minGap = Swift.min(minGap, x - previous)
            sumAbs += abs(x)
            distinct += 1
            previous = x
        }
        let tol = Double.ulpOfOne.squareRoot()
        return minGap <= tol || minGap / (sumAbs / distinct) <= tol
    }

    /// R's `aeqSurv` on the kept `rows` (see the `timefix` parameter). O(n) (one radix sort of the values).
    static func mergeNearTies(time: inout [Double], entry: inout [Double]?, rows: [Int]) throws(SurvivalDataError) {
        let r = rows.count
        let valueCount = entry == nil ? r : 2 * r
        // Value v < r is time[rows[v]], v >= r is entry[rows[v - r]].
        let original = time, originalEntry = entry
        func value(_ v: Int) -> Double { v < r ? original[rows[v]] : (originalEntry?[rows[v - r]] ?? 0) }
        let sorted = radixSort(Array(0..<valueCount), keyOf: { orderKey(value($0)) }, buckets: 1, bucketOf: nil)
        let y = sorted.keys.map(value(ofKey:))
        var unique: [Double] = []
        unique.reserveCapacity(y.count)
        for v in y where unique.last != v { unique.append(v) }
        guard unique.count > 1 else { return }
        let tol = Double.ulpOfOne.squareRoot()
        let meanAbs = unique.reduce(0) { $0 + abs($1) } / Double(unique.count)
        // Group start (the value every member is replaced by) for each unique value.
        var replacement = unique
        var anyTied = false
        for j in 1..<unique.count {
            let dy = unique[j] - unique[j - 1]
            if dy <= tol || dy / meanAbs <= tol {
                replacement[j] = replacement[j - 1]
                anyTied = true
            }
        }
        guard anyTied else { return }
        var u = 0
        for (position, v) in sorted.order.enumerated() {
            while unique[u] != y[position] { u += 1 }
            if v < r { time[rows[v]] = replacement[u] } else { entry?[rows[v - r]] = replacement[u] }
        }
        if let entry {
            for i in rows where entry[i] >= time[i] { throw .intervalCollapsed(row: i) }
        }
    }

    /// Convenience: strata given as one label per row. Codes follow R's `factor()` level order: numeric
    /// order when every label parses as a number, otherwise byte-wise lexicographic order (R uses the locale's
    /// collation; the two agree for ASCII labels in the C locale).
    public init(
        time: [Double], event: [Bool], entry: [Double]? = nil, weight: [Double]? = nil, strataLabels: [String],
        timefix: Bool = false
    ) throws(SurvivalDataError) {
        let (codes, levels) = SurvivalData.factorCodes(strataLabels)
        try self.init(time: time, event: event, entry: entry, weight: weight, stratum: codes, strata: levels,
                      timefix: timefix)
    }

    /// Codes and levels of a label vector in R `factor()` order (see the convenience initialiser).
    public static func factorCodes(_ labels: [String]) -> (codes: [Int], levels: [String]) {
        let unique = Array(Set(labels))
        let numbers = unique.map { Double($0) ?? .nan }
        let levels: [String]
        if numbers.allSatisfy({ $0.isFinite }) {
            levels = zip(unique, numbers).sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
        } else {
            levels = unique.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        var index: [String: Int] = [:]
        for (i, l) in levels.enumerated() { index[l] = i }
        return (labels.map { index[$0] ?? 0 }, levels)
    }

    /// `values[order[i]]` for each i, without bounds checks on the hot path (`order` holds valid indices).
    static func gather<T>(_ values: [T], _ order: [Int]) -> [T] {
        values.withUnsafeBufferPointer { v in
            [T](unsafeUninitializedCapacity: order.count) { out, count in
                guard let base = out.baseAddress else { count = 0; return }
                order.withUnsafeBufferPointer { o in
                    for i in 0..<o.count { (base + i).initialize(to: v[o[i]]) }
                }
                count = order.count
            }
        }
    }

    /// Order-preserving map of a finite Double onto UInt64 (IEEE 754 total order with -0 folded onto +0).
    @inline(__always) static func orderKey(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Inverse of ``orderKey(_:)``.
    @inline(__always) static func value(ofKey key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Stable LSD radix sort of `items` by `keyOf(item)` (six passes of 11-bit digits, passes whose digit is the
    /// same for every item skipped), then, when `bucketOf` is given, a stable counting pass on it (0..<buckets),
    /// which becomes the most significant key. Returns the permuted items and their keys. O(n) time and memory.
    static func radixSort(
        _ items: [Int], keyOf: (Int) -> UInt64, buckets: Int, bucketOf: ((Int) -> Int)?
    ) -> (order: [Int], keys: [UInt64]) {
        let m = items.count
        let bits = 11, radix = 1 << 11, passes = 6
        var keys = [UInt64](repeating: 0, count: m)
        var idx = items
        var keys2 = [UInt64](repeating: 0, count: m)
        var idx2 = [Int](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: passes * radix)
        keys.withUnsafeMutableBufferPointer { kp in
            counts.withUnsafeMutableBufferPointer { cp in
                for j in 0..<m {
                    let key = keyOf(items[j])
                    kp[j] = key
                    for pass in 0..<passes {
                        cp[pass * radix + Int((key >> UInt64(bits * pass)) & UInt64(radix - 1))] += 1
                    }
                }
            }
        }
        for pass in 0..<passes {
            let base = pass * radix
            let shift = UInt64(bits * pass)
            if m == 0 || counts[base + Int((keys[0] >> shift) & UInt64(radix - 1))] == m { continue }
            keys.withUnsafeBufferPointer { kp in
                idx.withUnsafeBufferPointer { ip in
                    keys2.withUnsafeMutableBufferPointer { k2 in
                        idx2.withUnsafeMutableBufferPointer { i2 in
                            counts.withUnsafeMutableBufferPointer { cp in
                                var sum = 0
                                for d in base..<(base + radix) {
                                    let c = cp[d]
                                    cp[d] = sum
                                    sum += c
                                }
                                for j in 0..<m {
                                    let key = kp[j]
                                    let d = base + Int((key >> shift) & UInt64(radix - 1))
                                    let at = cp[d]
                                    cp[d] = at + 1
                                    k2[at] = key
                                    i2[at] = ip[j]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keys2)
            swap(&idx, &idx2)
        }
        if let bucketOf, buckets > 1 {
            var starts = [Int](repeating: 0, count: buckets + 1)
            for i in idx { starts[bucketOf(i) + 1] += 1 }
            for b in 0..<buckets { starts[b + 1] += starts[b] }
            for j in 0..<m {
                let b = bucketOf(idx[j])
                keys2[starts[b]] = keys[j]
                idx2[starts[b]] = idx[j]
                starts[b] += 1
            }
            swap(&keys, &keys2)
            swap(&idx, &idx2)
        }
        return (idx, keys)
    }
}

/// Invalid survival data (input row indices are 0-based positions in the caller's arrays).
public enum SurvivalDataError: Error, Sendable, Equatable {
    /// Input arrays of different lengths.
    case lengthMismatch(String)
    /// A time or entry time is infinite.
    case nonFiniteTime(row: Int)
    /// An entry time is not strictly below its exit time.
    case entryNotBeforeExit(row: Int)
    /// A weight is negative or infinite.
    case invalidWeight(row: Int)
    /// A stratum code is outside `0..<strata.count`.
    case stratumOutOfRange(row: Int)
    /// With `timefix`, merging near-equal times made an entry time equal its exit time.
    case intervalCollapsed(row: Int)
}
