import _CSequenceKernels

/// Which code computes the bit-parallel LCS (OM with every substitution ≥ 2 × indel, and LCS): the per-pair Swift
/// kernel (``BitParallelLCSTable``), or the multi-pair kernel (``BitParallelLCSLanes``, C target _CSequenceKernels)
/// on one of its instruction-set paths. Every path gives the same integers; ``best`` is what `.automatic` uses.
public enum BitParallelPath: String, Sendable, CaseIterable {
    /// One pair at a time in Swift (trimmed, only the words of the untrimmed range).
    case pairs
    /// Eight pairs at a time, plain C compiled for the baseline instruction set: correct on any CPU.
    case portable
    /// Eight pairs at a time, compiled for AVX2 (x86-64 CPUs that have it).
    case avx2
    /// Eight pairs at a time, compiled for AVX-512F (x86-64 CPUs that have it).
    case avx512

    /// Whether this build and this CPU can run the path (asks the CPU; `pairs` and `portable` always can).
    public var isSupported: Bool {
        switch self {
        case .pairs: return true
        case .portable: return csk_path_supported(Int32(CSK_PATH_PORTABLE)) == 1
        case .avx2: return csk_path_supported(Int32(CSK_PATH_AVX2)) == 1
        case .avx512: return csk_path_supported(Int32(CSK_PATH_AVX512)) == 1
        }
    }

    /// The fastest supported path: AVX-512, else AVX2, else portable (whole OM(2, 1) command on 5,000 care
    /// histories, one thread: per-pair 7.0, portable 4.9, AVX2 2.8, AVX-512 2.6 CPU-s; Benchmarks/README.md).
    public static var best: BitParallelPath {
        [.avx512, .avx2].first(where: \.isSupported) ?? .portable
    }

    var code: Int32 {
        switch self {
        case .pairs, .portable: return Int32(CSK_PATH_PORTABLE)
        case .avx2: return Int32(CSK_PATH_AVX2)
        case .avx512: return Int32(CSK_PATH_AVX512)
        }
    }
}

/// The unique sequences of a distance run laid out for the multi-pair bit-parallel LCS kernel (lcs_lanes.c): codes
/// one byte per position, and each sequence's masks (states × ⌈length/64⌉ words, built once). `lengths(row:…)`
/// gives LCS(p, q) for a row p against many columns q, eight columns per group in vector lanes, each group trimmed
/// to the common prefix and suffix that all its pairs share (exact: see lcs_lanes.c).
///
/// Columns should come in ``columnOrder`` (lexicographic order of the sequences): neighbours are alike, so a group's
/// shared trim is close to each pair's own (on 50,000 synthetic care histories: 78% of the untrimmed word steps
/// against 72% trimming pair by pair, where groups in input order would keep 97%).
///
/// Alphabets of at most 256 states (one byte per position); the engine uses the per-pair kernel beyond.
final class BitParallelLCSLanes: @unchecked Sendable {
    static let maximumStates = 256
    let count: Int
    let states: Int
    let maxWords: Int
    let lengths: [Int]
    /// Unique sequence indices in lexicographic order of their codes (a shorter prefix first): the sequence at each
    /// rank. The C table is indexed by rank, so a walk over ranks reads its codes and masks front to back.
    let columnOrder: [Int32]
    /// The rank of each unique sequence (the inverse of ``columnOrder``).
    let rank: [Int32]
    private let codes: UnsafeMutablePointer<UInt8>
    private let start: UnsafeMutablePointer<Int64>
    private let length: UnsafeMutablePointer<Int64>
    private let masks: UnsafeMutablePointer<UInt64>
    private let maskStart: UnsafeMutablePointer<Int64>

    init(_ sequences: [[Int]], states: Int) {
        precondition(states <= BitParallelLCSLanes.maximumStates)
        count = sequences.count
        self.states = states
        lengths = sequences.map(\.count)
        maxWords = max(1, BitParallelLCS.words(lengths.max() ?? 0))
        let total = lengths.reduce(0, +)
        codes = .allocate(capacity: max(1, total))
        start = .allocate(capacity: max(1, count)); length = .allocate(capacity: max(1, count))
        maskStart = .allocate(capacity: max(1, count))
        let maskTotal = lengths.reduce(0) { $0 + states * BitParallelLCS.words($1) }
        masks = .allocate(capacity: max(1, maskTotal))
        masks.initialize(repeating: 0, count: max(1, maskTotal))
        let order = sequences.indices.sorted { sequences[$0].lexicographicallyPrecedes(sequences[$1]) }
        columnOrder = order.map { Int32($0) }
        var rank = [Int32](repeating: 0, count: count)
        for (r, q) in order.enumerated() { rank[q] = Int32(r) }
        self.rank = rank
        var at = 0, maskAt = 0
        for (r, q) in order.enumerated() {
            let s = sequences[q]
            start[r] = Int64(at); length[r] = Int64(s.count); maskStart[r] = Int64(maskAt)
            let w = BitParallelLCS.words(s.count)
            for (i, c) in s.enumerated() {
                codes[at + i] = UInt8(c)
                masks[maskAt + c * w + i / 64] |= 1 << UInt64(i % 64)
            }
            at += s.count; maskAt += states * w
        }
    }

    deinit {
        codes.deallocate(); start.deallocate(); length.deallocate(); masks.deallocate(); maskStart.deallocate()
    }

    /// 64-bit words of scratch memory one worker needs (``lengths(row:columns:count:into:scratch:path:)``).
    var scratchWords: Int { Int(csk_lcs_scratch_words(Int64(states), Int64(maxWords))) }

    /// LCS lengths of the sequence of rank `rowRank` with the sequences of ranks columns[0..<count] into out (ranks:
    /// positions in ``columnOrder``). `path` must be supported (not `.pairs`); `scratch` holds ``scratchWords``
    /// words, 64-byte aligned.
    func lengths(rowRank: Int, columnRanks columns: UnsafePointer<Int32>, count: Int, into out: UnsafeMutablePointer<Int32>,
                 scratch: UnsafeMutableRawPointer, path: BitParallelPath) {
        var table = csk_lcs_table(codes: codes, start: start, length: length, masks: masks, mask_start: maskStart,
                                  states: Int64(states))
        let status = csk_lcs_row(&table, Int64(rowRank), columns, Int64(count), out,
                                 scratch.assumingMemoryBound(to: UInt64.self), path.code)
        precondition(status == 0, "the \(path.rawValue) path of the LCS kernel is not supported on this CPU (checked when the engine was made)")
    }
}
