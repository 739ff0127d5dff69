/// Every way a linear-algebra operation can fail. LAPACK `info` codes are translated into these cases;
/// no routine in this module crashes on bad numbers or returns a NaN in place of an answer.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes do not conform, e.g. a 3×2 matrix times a 3-vector.
    case dimensionMismatch(String)
    /// The operation needs a square matrix.
    case notSquare(rows: Int, columns: Int)
    /// An input holds NaN or ±∞; LAPACK's behaviour on such input is undefined, so it is refused up front.
    case nonFiniteInput(String)
    /// Cholesky: the leading minor of this order (1-based, as LAPACK reports it) is not positive definite.
    case notPositiveDefinite(leadingMinor: Int)
    /// Pivoted Cholesky: after the rank-r factorisation the remaining Schur complement still holds an entry of
    /// this size, far above the rank tolerance, so the matrix is indefinite rather than semidefinite.
    case notPositiveSemidefinite(residual: Double)
    /// LU: U(i,i) is exactly zero (1-based pivot), so the matrix is singular.
    case singular(pivot: Int)
    /// The reciprocal condition number is below machine precision: a solve would return noise (R's
    /// "system is computationally singular").
    case computationallySingular(reciprocalCondition: Double)
    /// An iterative LAPACK routine (eigenvalues, SVD) failed to converge; `info` is LAPACK's count.
    case didNotConverge(routine: String, info: Int)
    /// A dimension exceeds LAPACK's 32-bit integer range (Debian's OpenBLAS is LP64).
    case tooLargeForLAPACK(Int)
    /// LAPACK rejected an argument. This is a bug in CareStat's wrapper, reported rather than ignored.
    case illegalArgument(routine: String, argument: Int)

    /// True for the failures that describe the numbers given — not positive definite or semidefinite, singular,
    /// computationally singular, non-finite input — which a caller may meet on valid input and handle (a fallback,
    /// a stated warning); false for the failures that are a bug or a limit (shapes, LAPACK rejecting an argument,
    /// 32-bit overflow, an iteration that did not converge), which must be passed on, never swallowed.
    public var isNumericalCondition: Bool {
        switch self {
        case .notPositiveDefinite, .notPositiveSemidefinite, .singular, .computationallySingular, .nonFiniteInput:
            true
        case .dimensionMismatch, .notSquare, .didNotConverge, .tooLargeForLAPACK, .illegalArgument:
            false
        }
    }

    public var description: String {
        switch self {
        case .dimensionMismatch(let what): return "dimension mismatch: \(what)"
        case let .notSquare(r, c): return "matrix must be square, got \(r)×\(c)"
        case .nonFiniteInput(let what): return "non-finite value (NaN or infinity) in \(what)"
        case .notPositiveDefinite(let k):
            return "matrix is not positive definite (leading minor of order \(k) is not positive)"
        case .notPositiveSemidefinite(let v):
            return "matrix is not positive semidefinite (the unfactored remainder has an entry \(v))"
        case .singular(let k): return "matrix is exactly singular (U[\(k),\(k)] = 0)"
        case .computationallySingular(let rcond):
            return "system is computationally singular: reciprocal condition number = \(rcond)"
        case let .didNotConverge(routine, info): return "\(routine) did not converge (info = \(info))"
        case .tooLargeForLAPACK(let n): return "dimension \(n) exceeds LAPACK's 32-bit integer range"
        case let .illegalArgument(routine, arg): return "\(routine): argument \(arg) had an illegal value"
        }
    }
}
