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
/// (at most 4 passes of 16 bits, passes with a constant digit skipped) and a counting sort by stratum, so O(n)
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

    /// Sorted positions of stratum `s`. Precondition: `0 <= s < strata.count`.
    public func rows(ofStratum s: Int) -> Range<Int> { stratumStart[s]..<stratumStart[s + 1] }

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
    /// - Throws: `SurvivalDataError` for mismatched lengths, infinite times, entry >= exit, bad weights or codes.
    public init(
        time: [Double], event: [Bool], entry: [Double]? = nil, weight: [Double]? = nil,
        stratum: [Int]? = nil, strata: [String] = []
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

        // Validate and collect kept rows.
        var kept: [Int] = []
        kept.reserveCapacity(n)
        for i in 0..<n {
            let t = time[i]
            if t.isNaN { continue }
            if let entry, entry[i].isNaN { continue }
            if let weight, weight[i].isNaN { continue }
            guard t.isFinite else { throw .nonFiniteTime(row: i) }
            if let entry {
                guard entry[i] > -Double.infinity else { throw .nonFiniteTime(row: i) }
                guard entry[i] < t else { throw .entryNotBeforeExit(row: i) }
            }
            if let weight, !(weight[i] >= 0 && weight[i].isFinite) { throw .invalidWeight(row: i) }
            if let stratum, !(0..<labels.count).contains(stratum[i]) { throw .stratumOutOfRange(row: i) }
            kept.append(i)
        }
        let m = kept.count
        let k = labels.count

        // Order: (stratum, time, event first, row). LSD: start from rows with events first (stable), radix on
        // time, then counting sort on stratum.
        var order: [Int]
        if m < 256 {
            order = kept
            order.sort { a, b in
                let sa = stratum?[a] ?? 0, sb = stratum?[b] ?? 0
                if sa != sb { return sa < sb }
                if time[a] != time[b] { return time[a] < time[b] }
                if event[a] != event[b] { return event[a] }
                return a < b
            }
        } else {
            var initial = [Int]()
            initial.reserveCapacity(m)
            for i in kept where event[i] { initial.append(i) }
            for i in kept where !event[i] { initial.append(i) }
            order = SurvivalData.radixOrder(initial) { time[$0] }
            if let stratum, k > 1 { order = SurvivalData.countingOrder(order, buckets: k) { stratum[$0] } }
        }

        self.row = order
        self.time = order.map { time[$0] }
        self.event = order.map { event[$0] }
        self.entry = entry.map { e in order.map { e[$0] } }
        self.weight = weight.map { w in order.map { w[$0] } }
        let codes = stratum.map { s in order.map { s[$0] } } ?? [Int](repeating: 0, count: m)
        self.stratum = codes
        self.strata = labels
        var starts = [Int](repeating: 0, count: k + 1)
        for c in codes { starts[c + 1] += 1 }
        for s in 0..<k { starts[s + 1] += starts[s] }
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
                eo = SurvivalData.radixOrder(positions) { sortedEntry[$0] }
                if k > 1 { eo = SurvivalData.countingOrder(eo, buckets: k) { codes[$0] } }
            }
            self.entryOrder = eo
        } else {
            self.entryOrder = nil
        }
    }

    /// Convenience: strata given as one label per row. Codes follow R's `factor()` level order: numeric
    /// order when every label parses as a number, otherwise byte-wise lexicographic order (R uses the locale's
    /// collation; the two agree for ASCII labels in the C locale).
    public init(
        time: [Double], event: [Bool], entry: [Double]? = nil, weight: [Double]? = nil, strataLabels: [String]
    ) throws(SurvivalDataError) {
        let (codes, levels) = SurvivalData.factorCodes(strataLabels)
        try self.init(time: time, event: event, entry: entry, weight: weight, stratum: codes, strata: levels)
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

    /// Order-preserving map of a finite Double onto UInt64 (IEEE 754 total order with -0 folded onto +0).
    @inline(__always) static func orderKey(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Stable LSD radix sort of `items` by the order key of `value(item)`: 16-bit digits, constant digits skipped.
    static func radixOrder(_ items: [Int], value: (Int) -> Double) -> [Int] {
        let m = items.count
        var keys = items.map { orderKey(value($0)) }
        var idx = items
        var keys2 = [UInt64](repeating: 0, count: m)
        var idx2 = [Int](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: 4 * 65536)
        for key in keys {
            counts[Int(key & 0xFFFF)] += 1
            counts[65536 + Int((key >> 16) & 0xFFFF)] += 1
            counts[131072 + Int((key >> 32) & 0xFFFF)] += 1
            counts[196608 + Int(key >> 48)] += 1
        }
        for pass in 0..<4 {
            let base = pass * 65536
            let shift = UInt64(16 * pass)
            if m == 0 || counts[base + Int((keys[0] >> shift) & 0xFFFF)] == m { continue }
            var sum = 0
            for d in 0..<65536 {
                let c = counts[base + d]
                counts[base + d] = sum
                sum += c
            }
            keys.withUnsafeBufferPointer { kp in
                idx.withUnsafeBufferPointer { ip in
                    keys2.withUnsafeMutableBufferPointer { k2 in
                        idx2.withUnsafeMutableBufferPointer { i2 in
                            counts.withUnsafeMutableBufferPointer { cp in
                                for j in 0..<m {
                                    let key = kp[j]
                                    let d = base + Int((key >> shift) & 0xFFFF)
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
        return idx
    }

    /// Stable counting sort of `items` by `bucket(item)` in `0..<buckets`.
    static func countingOrder(_ items: [Int], buckets: Int, bucket: (Int) -> Int) -> [Int] {
        var starts = [Int](repeating: 0, count: buckets + 1)
        for i in items { starts[bucket(i) + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var out = [Int](repeating: 0, count: items.count)
        for i in items {
            let b = bucket(i)
            out[starts[b]] = i
            starts[b] += 1
        }
        return out
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
}
