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

/// Computes distances between state sequences (TraMineR's `seqdist`, no normalisation) on unique sequences.
public enum SequenceDistances {
    /// The resolved costs a method used (for the record: TRATE costs and `indel = auto` depend on the data).
    public struct Resolved: Sendable {
        public var substitution: SubstitutionCosts?
        public var indel: Double?
    }

    /// `threads`: workers (default: the active cores); each distance is computed by one worker alone, so the
    /// numbers do not depend on the thread count.
    /// `kernel`: ``DistanceKernel/automatic`` uses the bit-parallel LCS kernel where it is exact (LCS, and OM whose
    /// every substitution costs ≥ 2 × indel), the dynamic programme otherwise.
    public static func compute(_ data: StateSequences, method: DistanceMethod, kernel: DistanceKernel = .automatic,
                               threads: Int? = nil) throws(SequenceError)
        -> (matrix: DistanceMatrix, resolved: Resolved)
    {
        try requireNoMissing(data)
        // Unique sequences, in first-appearance order.
        var index: [[Int]: Int] = [:]
        var uniques: [[Int]] = []
        var map: [Int] = []
        map.reserveCapacity(data.count)
        for s in data.states {
            if let u = index[s] { map.append(u) } else { index[s] = uniques.count; map.append(uniques.count); uniques.append(s) }
        }
        let a = data.alphabet.count
        let pair: @Sendable (Int, Int, PairWorkspace) -> Double
        var resolved = Resolved()
        let flat = uniques
        switch method {
        case .optimalMatching(let choice, let indelChoice):
            let sub = try resolve(choice, data)
            let indel: Double
            switch indelChoice {
            case .auto: indel = sub.maximum / 2
            case .value(let v): indel = v
            }
            guard indel.isFinite, indel > 0 else { throw .badCost("indel cost must be > 0, got \(indel)") }
            resolved = Resolved(substitution: sub, indel: indel)
            var cheapest = Double.infinity
            for i in 0..<a { for j in 0..<a where i != j { cheapest = min(cheapest, sub[i, j]) } }
            if kernel == .automatic && cheapest >= 2 * indel {
                pair = lcsPair(flat, states: a, scale: indel)
            } else {
                let dp = AlignmentKernel(costs: sub, indel: indel)
                pair = { p, q, row in
                    flat[p].withUnsafeBufferPointer { x in flat[q].withUnsafeBufferPointer { y in dp.distance(x, y, row: row.row) } }
                }
            }
        case .longestCommonSubsequence:
            if kernel == .automatic {
                pair = lcsPair(flat, states: a, scale: 1)
            } else {
                let dp = AlignmentKernel(costs: try .constant(2, states: a), indel: 1)
                pair = { p, q, row in
                    flat[p].withUnsafeBufferPointer { x in flat[q].withUnsafeBufferPointer { y in dp.distance(x, y, row: row.row) } }
                }
            }
        case .hamming(let choice):
            guard Set(data.lengths).count == 1 else { throw .unequalLengths(method: "HAM") }
            let sub = try choice == .constant(1) ? .constant(1, states: a) : resolve(choice, data)
            resolved = Resolved(substitution: sub, indel: nil)
            pair = { p, q, _ in
                var s = 0.0
                for t in flat[p].indices { s += sub[flat[p][t], flat[q][t]] }
                return s
            }
        case .dynamicHamming:
            let tv = try TimeVaryingCosts.dynamicHamming(data)
            pair = { p, q, _ in
                var s = 0.0
                for t in flat[p].indices { s += tv.values[t][flat[p][t] * tv.size + flat[q][t]] }
                return s
            }
        }
        let u = uniques.count
        let maxLen = data.maxLength
        let total = u * (u - 1) / 2
        var condensed = [Double](repeating: 0, count: total)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, u))
        condensed.withUnsafeMutableBufferPointer { out in
            let base = SendablePointer(out.baseAddress)
            // Rows are dealt round-robin so each worker gets long and short rows alike.
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                // Workspace: a row of the programme (maxLen + 1 doubles) and the bit vector of the LCS kernel.
                let row = PairWorkspace(row: .allocate(capacity: maxLen + 1),
                                        bits: .allocate(capacity: BitParallelLCS.words(maxLen)))
                defer { row.row.deallocate(); row.bits.deallocate() }
                var p = w
                while p < u - 1 {
                    let start = p * (2 * u - p - 1) / 2
                    for q in (p + 1)..<u { base.pointer?[start + q - p - 1] = pair(p, q, row) }
                    p += workers
                }
            }
        }
        return (DistanceMatrix(uniqueIndex: map, uniqueCount: u, condensed: condensed), resolved)
    }

    /// scale·(|a| + |b| − 2·LCS(a, b)) by the bit-parallel kernel; the masks of every unique sequence built once.
    static func lcsPair(_ flat: [[Int]], states: Int, scale: Double) -> @Sendable (Int, Int, PairWorkspace) -> Double {
        let lcs = BitParallelLCS(states: states)
        let masks = flat.map { lcs.masks($0) }
        return { p, q, row in
            let v = row.bits
            let l = masks[p].withUnsafeBufferPointer { m in
                flat[q].withUnsafeBufferPointer { b in lcs.length(masksOfA: m, lengthOfA: flat[p].count, b, v: v) }
            }
            return scale * Double(flat[p].count + flat[q].count - 2 * l)
        }
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
}

/// Which pairwise kernel computes OM and LCS.
public enum DistanceKernel: Sendable, Equatable {
    /// The bit-parallel LCS kernel where it is exact, the dynamic programme otherwise.
    case automatic
    /// Always the general dynamic programme (for checking the bit-parallel kernel).
    case dynamicProgramme
}

/// Workers write disjoint ranges of one buffer.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>?
    init(_ p: UnsafeMutablePointer<Double>?) { pointer = p }
}
