import _CLAPACK

// Conventions shared by every LAPACK/BLAS call in this module:
// - Debian's OpenBLAS is LP64: every dimension, leading dimension and workspace size is an Int32, checked
//   with `lapackInt` (which throws instead of trapping on overflow).
// - Dimensions are validated in Swift before each call: reference LAPACK's XERBLA stops the process on an
//   illegal argument, so an argument error must never reach LAPACK.
// - `info < 0` after a call is a wrapper bug, reported as `.illegalArgument`; `info > 0` has a routine-specific
//   meaning translated by the caller.
// - Character arguments are passed as string literals followed by their hidden Fortran length `1`.

@inline(__always)
func lapackInt(_ x: Int) throws(LinearAlgebraError) -> Int32 {
    guard let v = Int32(exactly: x) else { throw .tooLargeForLAPACK(x) }
    return v
}

@inline(__always)
func checkInfo(_ info: Int32, _ routine: String) throws(LinearAlgebraError) {
    if info < 0 { throw .illegalArgument(routine: routine, argument: Int(-info)) }
}

@inline(__always)
func requireFinite(_ m: Matrix, _ what: String) throws(LinearAlgebraError) {
    guard m.isFinite else { throw .nonFiniteInput(what) }
}

@inline(__always)
func requireFinite(_ v: Vector, _ what: String) throws(LinearAlgebraError) {
    guard v.isFinite else { throw .nonFiniteInput(what) }
}

@inline(__always)
func requireSquare(_ m: Matrix) throws(LinearAlgebraError) {
    guard m.rows == m.columns else { throw .notSquare(rows: m.rows, columns: m.columns) }
}

/// Size of the optimal workspace LAPACK returned in `work[0]` of a query call (`lwork = -1`).
@inline(__always)
func workspaceSize(_ query: Double) -> Int32 { Int32(Swift.max(1, query.rounded(.up))) }

/// 1-norm (maximum absolute column sum) of a general matrix; LAPACK's condition estimators take it as input.
func oneNorm(_ a: Matrix) -> Double {
    var best = 0.0
    for j in 0..<a.columns {
        var s = 0.0
        for i in 0..<a.rows { s += Swift.abs(a.storage[i + j * a.rows]) }
        best = Swift.max(best, s)
    }
    return best
}

/// 1-norm of the symmetric matrix whose lower triangle is stored in `a`.
func symmetricOneNormFromLower(_ a: Matrix) -> Double {
    let n = a.rows
    var sums = [Double](repeating: 0, count: n)
    for j in 0..<n {
        for i in j..<n {
            let v = Swift.abs(a.storage[i + j * n])
            sums[j] += v
            if i != j { sums[i] += v }
        }
    }
    return sums.max() ?? 0
}
