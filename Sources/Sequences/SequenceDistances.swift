import Foundation

/// Pairwise distances between n sequences, stored once per pair of *unique* sequences.
///
/// Care histories repeat (many children share a pathway), so the engine computes the condensed upper triangle
/// among the u ≤ n distinct sequences only — u(u−1)/2 programmes instead of n(n−1)/2 — and every (i, j) lookup maps
/// through `uniqueIndex`. Memory is 8·u(u−1)/2 bytes plus n ints.
public struct DistanceMatrix: Sendable {
    /// The number of sequences (rows of the full matrix).
    public let count: Int
    /// The unique sequence that row i is a copy of.
    public let uniqueIndex: [Int]
    /// The number of unique sequences.
    public let uniqueCount: Int
    /// Condensed upper triangle among unique sequences, row-major: (p, q), p < q.
    public let condensed: [Double]

    public init(uniqueIndex: [Int], uniqueCount: Int, condensed: [Double]) {
        precondition(condensed.count == uniqueCount * (uniqueCount - 1) / 2)
        self.count = uniqueIndex.count
        self.uniqueIndex = uniqueIndex
        self.uniqueCount = uniqueCount
        self.condensed = condensed
    }

    /// Distance between unique sequences p and q.
    @inline(__always) public func unique(_ p: Int, _ q: Int) -> Double {
        if p == q { return 0 }
        let (a, b) = p < q ? (p, q) : (q, p)
        return condensed[a * (2 * uniqueCount - a - 1) / 2 + (b - a - 1)]
    }

    /// Distance between sequences i and j (rows of the input).
    @inline(__always) public subscript(i: Int, j: Int) -> Double { unique(uniqueIndex[i], uniqueIndex[j]) }

    /// The full n × n matrix, row-major.
    public func full() -> [Double] {
        var out = [Double](repeating: 0, count: count * count)
        for i in 0..<count { for j in 0..<count { out[i * count + j] = self[i, j] } }
        return out
    }
}

/// Computes distances between state sequences (TraMineR's `seqdist`) on unique sequences.
public enum SequenceDistances {
    /// The resolved costs a method used (for the record: TRATE costs and `indel = auto` depend on the data).
    public struct Resolved: Sendable {
        public var substitution: SubstitutionCosts?
        public var indel: Double?
        /// The normalisation applied (`auto` resolved to the method's choice).
        public var normalisation: DistanceNormalisation = .none
    }

    /// `threads`: workers (default: the active cores); each distance is computed by one worker alone, so the
    /// numbers do not depend on the thread count.
    /// `kernel`: ``DistanceKernel/automatic`` uses the bit-parallel LCS kernel where it is exact (LCS, and OM whose
    /// every substitution costs ≥ 2 × indel) and the banded programme otherwise; ``DistanceKernel/dynamicProgramme``
    /// the plain programme always (the reference both are checked against).
    public static func compute(_ data: StateSequences, method: DistanceMethod, normalisation: DistanceNormalisation = .none,
                               kernel: DistanceKernel = .automatic, threads: Int? = nil) throws(SequenceError)
        -> (matrix: DistanceMatrix, resolved: Resolved)
    {
        let engine = try DistanceEngine(data, method: method, normalisation: normalisation, kernel: kernel)
        return (engine.condensed(threads: threads), engine.resolved)
    }
}

/// Distances prepared for computing: the unique sequences, the resolved costs and the pair function. Computes the
/// condensed matrix among unique sequences (``condensed(threads:)``) or, when that would not fit in memory, whole
/// rows a block at a time (``rows(_:threads:)``) for streaming to disk.
public struct DistanceEngine: Sendable {
    /// The unique sequence that each input row is a copy of (first-appearance order).
    public let uniqueIndex: [Int]
    public let uniqueCount: Int
    public let resolved: SequenceDistances.Resolved
    let pair: @Sendable (Int, Int, PairWorkspace) -> Double
    /// Whole rows by the multi-pair LCS kernel where it applies (nil: pair by pair); equal to `pair` value by value.
    let rowKernel: RowKernel?
    let maxLength: Int
    let states: Int

    public init(_ data: StateSequences, method: DistanceMethod, normalisation: DistanceNormalisation = .none,
                kernel: DistanceKernel = .automatic) throws(SequenceError) {
        try requireNoMissing(data)
        var index: [[Int]: Int] = [:]
        var uniques: [[Int]] = []
        var map: [Int] = []
        map.reserveCapacity(data.count)
        for s in data.states {
            if let u = index[s] { map.append(u) } else { index[s] = uniques.count; map.append(uniques.count); uniques.append(s) }
        }
        let a = data.alphabet.count
        let norm = normalisation.resolved(for: method)
        let raw: @Sendable (Int, Int, PairWorkspace) -> Double
        // Normalisation terms: a length per unique sequence and D_max per pair (see DistanceNormalisation).
        var ell: [Double] = uniques.map { Double($0.count) }
        var maxDistance: @Sendable (Int, Int) -> Double = { _, _ in 0 }
        var resolved = SequenceDistances.Resolved()
        let flat = uniques
        let lengths = uniques.map(\.count)
        // The bit-parallel kernel (exact LCS scaled by `scale`): the per-pair closure, plus the multi-pair lanes for
        // whole rows unless the path is `.pairs` (automatic: the best path the CPU runs; pairs for > 256 states).
        var lanes: (kernel: BitParallelLCSLanes, path: BitParallelPath, scale: Double)? = nil
        func bitParallel(scale: Double) throws(SequenceError) -> @Sendable (Int, Int, PairWorkspace) -> Double {
            var path = BitParallelPath.pairs
            if case .bitParallel(let forced) = kernel {
                guard forced.isSupported else { throw .badCost("the \(forced.rawValue) path of the bit-parallel kernel is not supported on this CPU") }
                guard forced == .pairs || a <= BitParallelLCSLanes.maximumStates else {
                    throw .badCost("the \(forced.rawValue) path of the bit-parallel kernel takes at most \(BitParallelLCSLanes.maximumStates) states, the alphabet has \(a)")
                }
                path = forced
            } else if a <= BitParallelLCSLanes.maximumStates {
                path = .best
            }
            if path != .pairs { lanes = (BitParallelLCSLanes(flat, states: a), path, scale) }
            return SequenceDistances.lcsPair(flat, states: a, scale: scale)
        }
        switch method {
        case .optimalMatching(let choice, let indelChoice):
            let sub = try SequenceDistances.resolve(choice, data)
            let indel = try SequenceDistances.indel(indelChoice, sub)
            resolved = .init(substitution: sub, indel: indel)
            var cheapest = Double.infinity
            for i in 0..<a { for j in 0..<a where i != j { cheapest = min(cheapest, sub[i, j]) } }
            if case .bitParallel = kernel, !(cheapest >= 2 * indel) {
                throw .badCost("the bit-parallel kernel is exact only when every substitution costs at least 2 × indel (cheapest \(cheapest), indel \(indel))")
            }
            if kernel.isBitParallel && cheapest >= 2 * indel {
                raw = try bitParallel(scale: indel)
            } else {
                raw = SequenceDistances.programmePair(flat, AlignmentKernel(costs: sub, indel: indel), kernel: kernel)
            }
            ell = lengths.map { Double($0) * indel }
            let maxSub = min(sub.maximum, 2 * indel)
            maxDistance = { p, q in Double(abs(lengths[p] - lengths[q])) * indel + maxSub * Double(min(lengths[p], lengths[q])) }
        case .optimalMatchingOfSpells(let choice, let indelChoice, let expcost, let tpow):
            guard expcost.isFinite, expcost >= 0 else { throw .badCost("expcost must be a finite number ≥ 0, got \(expcost)") }
            guard tpow.isFinite else { throw .badCost("tpow must be a finite number, got \(tpow)") }
            let sub = try SequenceDistances.resolve(choice, data)
            let indel = try SequenceDistances.indel(indelChoice, sub)
            resolved = .init(substitution: sub, indel: indel)
            let k = SpellAlignmentKernel(costs: sub, indel: indel)
            let spells = flat.map { k.spells($0, expcost: expcost, tpow: tpow) }
            raw = { p, q, w in k.distance(spells[p], spells[q], row: w.row) }
            ell = spells.map(\.totalIndel)
            let counts = spells.map(\.states.count)
            let maxSub = min(sub.maximum, 2 * indel)
            maxDistance = { p, q in Double(abs(counts[p] - counts[q])) * indel + maxSub * Double(max(counts[p], counts[q])) }
        case .longestCommonSubsequence:
            if kernel.isBitParallel {
                raw = try bitParallel(scale: 1)
            } else {
                raw = SequenceDistances.programmePair(flat, AlignmentKernel(costs: try .constant(2, states: a), indel: 1), kernel: kernel)
            }
            maxDistance = { p, q in Double(lengths[p] + lengths[q]) }
        case .hamming(let choice):
            guard Set(data.lengths).count == 1 else { throw .unequalLengths(method: "HAM") }
            let sub = try choice == .constant(1) ? .constant(1, states: a) : SequenceDistances.resolve(choice, data)
            resolved = .init(substitution: sub, indel: nil)
            raw = { p, q, _ in
                var s = 0.0
                for t in flat[p].indices { s += sub[flat[p][t], flat[q][t]] }
                return s
            }
            let most = sub.maximum * Double(data.maxLength)
            ell = ell.map { _ in most }
            maxDistance = { _, _ in most }
        case .dynamicHamming:
            let tv = try TimeVaryingCosts.dynamicHamming(data)
            raw = { p, q, _ in
                var s = 0.0
                for t in flat[p].indices { s += tv.values[t][flat[p][t] * tv.size + flat[q][t]] }
                return s
            }
            let most = tv.values.reduce(0.0) { $0 + ($1.max() ?? 0) }
            ell = ell.map { _ in most }
            maxDistance = { _, _ in most }
        }
        resolved.normalisation = norm
        if norm == .none {
            pair = raw
        } else {
            let l = ell, dmax = maxDistance
            pair = { p, q, w in norm.apply(raw(p, q, w), maxDistance: dmax(p, q), l[p], l[q]) }
        }
        if let (k, path, scale) = lanes {
            // The same arithmetic as `pair` on (min, max): scale·(|x| + |y| − 2·LCS), then the normalisation.
            let l = ell, dmax = maxDistance
            rowKernel = RowKernel(lanes: k, path: path) { p, q, lcs in
                let (x, y) = p < q ? (p, q) : (q, p)
                let r = scale * Double(lengths[x] + lengths[y] - 2 * lcs)
                return norm == .none ? r : norm.apply(r, maxDistance: dmax(x, y), l[x], l[y])
            }
        } else {
            rowKernel = nil
        }
        uniqueIndex = map
        uniqueCount = uniques.count
        self.resolved = resolved
        maxLength = data.maxLength
        states = a
    }

    /// Bytes of the condensed matrix among unique sequences (what ``condensed(threads:)`` holds in memory).
    public var condensedBytes: Double { 8 * Double(uniqueCount) * Double(max(uniqueCount - 1, 0)) / 2 }

    func withWorkspace<R>(_ body: (PairWorkspace) -> R) -> R {
        let words = BitParallelLCS.words(maxLength)
        let w = PairWorkspace(row: .allocate(capacity: maxLength + 1), bits: .allocate(capacity: words),
                              masks: .allocate(capacity: max(1, states * words)),
                              scratch: .allocate(capacity: 7 * maxLength + 4), indices: .allocate(capacity: 3 * maxLength + 1))
        defer { w.row.deallocate(); w.bits.deallocate(); w.masks.deallocate(); w.scratch.deallocate(); w.indices.deallocate() }
        return body(w)
    }

    /// The condensed upper triangle among unique sequences.
    public func condensed(threads: Int? = nil) -> DistanceMatrix {
        let u = uniqueCount
        let total = u * (u - 1) / 2
        var condensed = [Double](repeating: 0, count: total)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, u))
        condensed.withUnsafeMutableBufferPointer { out in
            let base = SendablePointer(out.baseAddress)
            // Rows are dealt round-robin so each worker gets long and short rows alike.
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                if let kernel = rowKernel {
                    withRowWorkspace(kernel) { work in
                        var p = w
                        while p < u - 1 {
                            let start = p * (2 * u - p - 1) / 2
                            row(kernel, p, work, wanted: { $0 > p }) { q, d in base.pointer?[start + q - p - 1] = d }
                            p += workers
                        }
                    }
                    return
                }
                withWorkspace { work in
                    var p = w
                    while p < u - 1 {
                        let start = p * (2 * u - p - 1) / 2
                        for q in (p + 1)..<u { base.pointer?[start + q - p - 1] = pair(p, q, work) }
                        p += workers
                    }
                }
            }
        }
        return DistanceMatrix(uniqueIndex: uniqueIndex, uniqueCount: u, condensed: condensed)
    }

    /// The distance matrix among the given input rows (ascending or not; duplicates of one sequence share a unique
    /// entry), computed on demand — CLARA's sample matrix.
    public func matrix(amongRows rowsWanted: [Int], threads: Int? = nil) -> DistanceMatrix {
        var local: [Int: Int] = [:]
        var uniques: [Int] = []
        var map: [Int] = []
        for r in rowsWanted {
            let u = uniqueIndex[r]
            if let l = local[u] { map.append(l) } else { local[u] = uniques.count; map.append(uniques.count); uniques.append(u) }
        }
        let s = uniques.count
        let chosen = uniques
        var condensed = [Double](repeating: 0, count: s * (s - 1) / 2)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, s))
        condensed.withUnsafeMutableBufferPointer { out in
            let base = SendablePointer(out.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                withWorkspace { work in
                    var a = w
                    while a < s - 1 {
                        let start = a * (2 * s - a - 1) / 2
                        for b in (a + 1)..<s {
                            let (p, q) = chosen[a] < chosen[b] ? (chosen[a], chosen[b]) : (chosen[b], chosen[a])
                            base.pointer?[start + b - a - 1] = pair(p, q, work)
                        }
                        a += workers
                    }
                }
            }
        }
        return DistanceMatrix(uniqueIndex: map, uniqueCount: s, condensed: condensed)
    }

    /// Whole rows among unique sequences: for each p in `uniques`, the u distances d(p, q), q = 0..<u (computed as
    /// pair(min, max), so equal to the condensed matrix's entries). Workers split the rows.
    public func rows(_ uniques: [Int], threads: Int? = nil) -> [[Double]] {
        let u = uniqueCount
        var out = [[Double]](repeating: [], count: uniques.count)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, uniques.count))
        out.withUnsafeMutableBufferPointer { buffer in
            let base = SendableRows(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                if let kernel = rowKernel {
                    withRowWorkspace(kernel) { work in
                        var r = w
                        while r < uniques.count {
                            let p = uniques[r]
                            var values = [Double](repeating: 0, count: u)
                            row(kernel, p, work, wanted: { _ in true }) { q, d in values[q] = d }
                            base.pointer?[r] = values
                            r += workers
                        }
                    }
                    return
                }
                withWorkspace { work in
                    var r = w
                    while r < uniques.count {
                        let p = uniques[r]
                        var row = [Double](repeating: 0, count: u)
                        for q in 0..<u where q != p { row[q] = p < q ? pair(p, q, work) : pair(q, p, work) }
                        base.pointer?[r] = row
                        r += workers
                    }
                }
            }
        }
        return out
    }
}

extension SequenceDistances {
    static func indel(_ choice: IndelChoice, _ sub: SubstitutionCosts) throws(SequenceError) -> Double {
        let indel: Double
        switch choice {
        case .auto: indel = sub.maximum / 2
        case .value(let v): indel = v
        }
        guard indel.isFinite, indel > 0 else { throw .badCost("indel cost must be > 0, got \(indel)") }
        return indel
    }

    /// The general programme on unique sequences p, q: plain (``DistanceKernel/dynamicProgramme``), banded, over
    /// runs, or (automatic) per pair the run programme where ``RunAlignmentKernel/worthwhile`` and banded otherwise.
    static func programmePair(_ flat: [[Int]], _ dp: AlignmentKernel, kernel: DistanceKernel) -> @Sendable (Int, Int, PairWorkspace) -> Double {
        let runs = RunAlignmentKernel(costs: dp.costs, indel: dp.indel)
        switch kernel {
        case .dynamicProgramme: break
        case .bandedProgramme:
            return { p, q, w in
                flat[p].withUnsafeBufferPointer { x in flat[q].withUnsafeBufferPointer { y in dp.bandedDistance(x, y, work: w) } }
            }
        case .bitParallel: break   // never reached: the engine refuses it where the bit-parallel kernel is not exact
        case .runProgramme:
            return { p, q, w in
                flat[p].withUnsafeBufferPointer { x in flat[q].withUnsafeBufferPointer { y in runs.distance(x, y, work: w) } }
            }
        case .automatic:
            return { p, q, w in
                flat[p].withUnsafeBufferPointer { x in
                    flat[q].withUnsafeBufferPointer { y in
                        let (lo, ha, hb) = AlignmentKernel.trim(x, y)
                        if ha > lo && hb > lo && RunAlignmentKernel.worthwhile(x, y, lo: lo, ha: ha, hb: hb) {
                            return runs.trimmed(x, y, lo: lo, ha: ha, hb: hb, work: w)
                        }
                        return dp.bandedDistance(x, y, work: w)
                    }
                }
            }
        }
        return { p, q, w in
            flat[p].withUnsafeBufferPointer { x in flat[q].withUnsafeBufferPointer { y in dp.distance(x, y, row: w.row) } }
        }
    }

    /// scale·(|a| + |b| − 2·LCS(a, b)) by the bit-parallel kernel after trimming the common prefix and suffix (they
    /// belong to an LCS), over only the words of a's untrimmed range (``BitParallelLCSTable``).
    static func lcsPair(_ flat: [[Int]], states: Int, scale: Double) -> @Sendable (Int, Int, PairWorkspace) -> Double {
        let table = BitParallelLCSTable(flat, states: states)
        return { p, q, work in scale * Double(table.length[p] + table.length[q] - 2 * table.length(p, q, v: work.bits)) }
    }

    static func resolve(_ choice: SubstitutionChoice, _ data: StateSequences) throws(SequenceError) -> SubstitutionCosts {
        switch choice {
        case .constant(let c): return try .constant(c, states: data.alphabet.count)
        case .transitionRates: return try .transitionRates(data)
        case .matrix(let m):
            guard m.size == data.alphabet.count else {
                throw .badCost("the cost matrix has \(m.size) states, the alphabet \(data.alphabet.count)")
            }
            return m
        }
    }
}

/// One worker's scratch memory for pair kernels.
struct PairWorkspace {
    let row: UnsafeMutablePointer<Double>
    let bits: UnsafeMutablePointer<UInt64>
    /// states × words(maxLength) words for masks built per pair.
    let masks: UnsafeMutablePointer<UInt64>
    /// 7·maxLength + 4 doubles and 3·maxLength + 1 ints for ``RunAlignmentKernel``.
    let scratch: UnsafeMutablePointer<Double>
    let indices: UnsafeMutablePointer<Int>
}

/// Which pairwise kernel computes OM and LCS.
public enum DistanceKernel: Sendable, Equatable {
    /// The bit-parallel LCS kernel where it is exact, the banded dynamic programme otherwise.
    case automatic
    /// Always the plain general dynamic programme over every cell (the reference the bit-parallel and banded
    /// kernels are checked against).
    case dynamicProgramme
    /// Always the banded general programme (for checking it against the plain one where the bit-parallel kernel
    /// would otherwise be chosen).
    case bandedProgramme
    /// Always the programme over blocks of runs (``RunAlignmentKernel``), for checking it against the plain one.
    case runProgramme
    /// The bit-parallel LCS kernel on the given path (an error where it is not exact, i.e. OM with a substitution
    /// cheaper than 2 × indel, or where the CPU lacks the path); for checking every path against the others.
    case bitParallel(BitParallelPath)

    /// `.automatic` or `.bitParallel`: the kernels that use the bit-parallel LCS where it is exact.
    var isBitParallel: Bool {
        switch self {
        case .automatic, .bitParallel: return true
        default: return false
        }
    }
}

/// Workers write disjoint rows of one array.
struct SendableRows: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<[Double]>?
    init(_ p: UnsafeMutablePointer<[Double]>?) { pointer = p }
}

/// Workers write disjoint ranges of one buffer.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>?
    init(_ p: UnsafeMutablePointer<Double>?) { pointer = p }
}
