/// Optimal matching (the programme of ``AlignmentKernel``) computed over blocks of runs instead of cells, for
/// sequences made of few long runs (care histories: a child stays in one placement for months).
///
/// Cut a (length M) into its runs (state sₖ on rows R_{k−1}+1…R_k) and b (length N) into its runs (state t_l on
/// columns C_{l−1}+1…C_l). The block (k, l) is the closed rectangle of cells [R_{k−1}, R_k] × [C_{l−1}, C_l],
/// H = R_k − R_{k−1} rows by W = C_l − C_{l−1} columns. Every edge inside it costs the same: a diagonal step
/// c = sub(sₖ, t_l), a vertical or horizontal step d = indel. A monotone path that ends inside the block last left
/// its input boundary (top row ∪ left column) at some cell and then stayed inside, so for every cell of the block
///   D(i, j) = min over input cells (i₀, j₀) ≤ (i, j) of D(i₀, j₀) + f(i − i₀, j − j₀),
///   f(Δi, Δj) = min(Δi, Δj)·c′ + |Δi − Δj|·d = α·(Δi + Δj) + β·|Δi − Δj|,   c′ = min(c, 2d), α = c′/2, β = d − α ≥ 0
/// (the cheapest uniform path: as many diagonals as possible when c < 2d, none otherwise). Only the output boundary
/// (bottom row ∪ right column) is needed by the next blocks.
///
/// Number both boundaries by the diagonal κ = (i − i₀) − (j − j₀) relative to the block's top-left corner: the input
/// boundary, walked from the bottom-left corner up to the top-left and right to the top-right, takes each κ from H
/// down to −W exactly once, and so does the output boundary walked from the bottom-left right to the bottom-right and
/// up to the top-right. Input κ₀ reaches output κ (both Δ ≥ 0) exactly when κ − H ≤ κ₀ ≤ κ + W, and then
///   D_out(κ) = α·S(κ) + min over κ₀ in [κ − H, κ + W] of V(κ₀) + β·|κ − κ₀|,   V(κ₀) = D_in(κ₀) − α·|κ₀|,
/// S(κ) = (i − i₀) + (j − j₀) of the output cell. Splitting |κ − κ₀| by sign gives two sliding-window minima
/// (κ₀ ≤ κ over a window of H + 1, κ₀ ≥ κ over a window of W + 1), each one pass with a monotone deque. The two
/// corner cells that are both input and output keep their input value.
///
/// Exactness: the same minimum over the same paths as the cell programme, so equal in exact arithmetic; in floating
/// point the sums are grouped differently (agreement to round-off, ~1e-15 relative; checked against the plain
/// programme in Tests/SequencesTests/RunKernelTests.swift, ties and zero costs included).
///
/// Cost per pair, after trimming the common prefix and suffix (as ``AlignmentKernel``): with m and n runs,
/// Σ_blocks (H + W + 1) = n·M + m·N + m·n boundary cells, each visited three times (build, forward and backward deque
/// pass), against M·N cells for the cell programme; care histories of length 216 have about five runs, so about
/// 20 times fewer cells. ``worthwhile(_:_:)`` picks it over the banded cell programme per pair by that count.
/// Workspace: one row of N + 1, one column of M + 1 and four buffers of M + N + 1 (``PairWorkspace/scratch`` and
/// ``PairWorkspace/indices``), reused.
///
/// Preconditions: codes in 0..<costs.size; `indel > 0` and finite; substitution costs finite and ≥ 0 with a zero
/// diagonal (``SubstitutionCosts``); the workspace sized for the longest sequence (``PairWorkspace``).
struct RunAlignmentKernel {
    let costs: SubstitutionCosts
    let indel: Double

    /// Boundary cells of the run programme per cell of the plain programme below which the run programme is used
    /// (measured on care histories: a boundary cell costs about four times a plain cell).
    static let cellRatio = 4

    /// Whether the run programme visits fewer than 1/``cellRatio`` as many cells as the plain programme on the
    /// trimmed pair (counting runs is O(M + N)).
    static func worthwhile(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, lo: Int, ha: Int, hb: Int) -> Bool {
        let m = runs(a, lo, ha), n = runs(b, lo, hb)
        let bigM = ha - lo, bigN = hb - lo
        return cellRatio * (n * bigM + m * bigN + m * n) < bigM * bigN
    }

    @inline(__always) static func runs(_ s: UnsafeBufferPointer<Int>, _ from: Int, _ to: Int) -> Int {
        guard to > from else { return 0 }
        var r = 1
        for i in (from + 1)..<to where s[i] != s[i - 1] { r += 1 }
        return r
    }

    func distance(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, work: PairWorkspace) -> Double {
        let (lo, ha, hb) = AlignmentKernel.trim(a, b)
        let m = ha - lo, n = hb - lo
        if m == 0 { return Double(n) * indel }
        if n == 0 { return Double(m) * indel }
        return trimmed(a, b, lo: lo, ha: ha, hb: hb, work: work)
    }

    /// The distance of the trimmed pair a[lo..<ha], b[lo..<hb] (both non-empty).
    func trimmed(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, lo: Int, ha: Int, hb: Int, work: PairWorkspace) -> Double {
        let bigM = ha - lo, bigN = hb - lo
        let d = indel, size = costs.size
        let row = work.row                                  // D(R_{k−1}, 0…N), then D(R_k, 0…N)
        let column = work.scratch                           // D(R_{k−1} + y, C_{l−1}), y = 0…H
        let v = work.scratch + (bigM + 1)                   // V(κ₀) at p = κ₀ + W
        let forward = v + (bigM + bigN + 1)                 // the κ₀ ≤ κ minimum at p
        let dequeValue = forward + (bigM + bigN + 1)
        let dequeIndex = work.indices
        let runEndB = work.indices + (bigM + bigN + 1)      // C_l, l = 1…n, as offsets into the trimmed b
        var nb = 0
        var j = 1
        while j <= bigN {
            if j == bigN || b[lo + j] != b[lo + j - 1] { runEndB[nb] = j; nb += 1 }
            j += 1
        }
        for x in 0...bigN { row[x] = Double(x) * d }
        return costs.values.withUnsafeBufferPointer { sub -> Double in
            var r0 = 0                                      // R_{k−1}
            while r0 < bigM {
                let s = a[lo + r0]
                var r1 = r0 + 1
                while r1 < bigM && a[lo + r1] == s { r1 += 1 }
                let h = r1 - r0
                for y in 0...h { column[y] = Double(r0 + y) * d }
                var c0 = 0                                  // C_{l−1}
                for l in 0..<nb {
                    let c1 = runEndB[l]
                    let w = c1 - c0
                    let cost = min(sub[s * size + b[lo + c0]], 2 * d)
                    let alpha = cost / 2, beta = d - alpha
                    let last = h + w
                    let topRight = row[c1], bottomLeft = column[h]
                    // Input boundary: p = 0…W the top row from x = W down to 0, p = W…W+H the left column y = 0…H.
                    for p in 0..<w { v[p] = row[c0 + w - p] - alpha * Double(w - p) }
                    for p in w...last { v[p] = column[p - w] - alpha * Double(p - w) }
                    // Forward: min over p₀ in [p − H, p] of v[p₀] + β·(p − p₀).
                    var head = 0, tail = 0
                    for p in 0...last {
                        let value = v[p] - beta * Double(p)
                        while tail > head && dequeValue[tail - 1] >= value { tail -= 1 }
                        dequeValue[tail] = value; dequeIndex[tail] = p; tail += 1
                        if dequeIndex[head] < p - h { head += 1 }
                        forward[p] = dequeValue[head] + beta * Double(p)
                    }
                    // Backward: min over p₀ in [p, p + W] of v[p₀] + β·(p₀ − p); combine and write the output
                    // boundary: p = H…H+W the bottom row x = W…0, p = 0…H the right column y = 0…H.
                    head = 0; tail = 0
                    var p = last
                    while p >= 0 {
                        let value = v[p] + beta * Double(p)
                        while tail > head && dequeValue[tail - 1] >= value { tail -= 1 }
                        dequeValue[tail] = value; dequeIndex[tail] = p; tail += 1
                        if dequeIndex[head] > p + w { head += 1 }
                        let best = min(forward[p], dequeValue[head] - beta * Double(p))
                        if p >= h {
                            row[c0 + last - p] = best + alpha * Double(2 * h + w - p)
                        }
                        if p <= h {
                            column[p] = best + alpha * Double(p + w)
                        }
                        p -= 1
                    }
                    // Corners that are input and output keep their values.
                    row[c0] = bottomLeft
                    column[0] = topRight
                    c0 = c1
                }
                r0 = r1
            }
            return max(0, row[bigN])
        }
    }
}
