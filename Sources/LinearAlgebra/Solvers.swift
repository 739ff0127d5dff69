/// Which norm a condition number is measured in.
public enum MatrixNorm: Sendable {
    /// Maximum absolute column sum; the condition number is LAPACK's estimate (dgecon), O(n²) after LU.
    case one
    /// Spectral norm; the condition number σ₁/σₙ is exact, from the SVD (O(n³)).
    case two
}

/// Solves A·x = b for square A by LU with partial pivoting, refusing (as R's `solve`) a system whose estimated
/// reciprocal condition number is below machine epsilon, because its answer would be noise.
public func solve(_ a: Matrix, _ b: Vector) throws(LinearAlgebraError) -> Vector {
    let lu = try wellConditionedLU(a)
    return try lu.solve(b)
}

/// Solves A·X = B for square A (several right-hand sides); see ``solve(_:_:)-(Matrix,Vector)``.
public func solve(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
    let lu = try wellConditionedLU(a)
    return try lu.solve(b)
}

/// A⁻¹ for square A by LU, with the same refusal of computationally singular matrices as `solve`.
public func inverse(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
    try wellConditionedLU(a).inverse()
}

/// log|det A| and sign(det A) for square A via LU (R's `determinant(A, logarithm = TRUE)`); a singular matrix
/// gives (−∞, 0) rather than an error, because its determinant is well defined.
public func logDeterminant(_ a: Matrix) throws(LinearAlgebraError) -> (logAbsoluteValue: Double, sign: Double) {
    try LU(a).logDeterminant
}

/// The condition number κ(A) = ‖A‖·‖A⁻¹‖ in the chosen norm (∞ for a singular matrix). The 1-norm value is
/// LAPACK's estimate, usually within a factor of 3 of the truth; the 2-norm value is exact.
public func conditionNumber(_ a: Matrix, norm: MatrixNorm = .two) throws(LinearAlgebraError) -> Double {
    switch norm {
    case .one:
        let lu = try LU(a)
        return lu.reciprocalConditionNumber == 0 ? .infinity : 1 / lu.reciprocalConditionNumber
    case .two:
        return try SVD(a).conditionNumber
    }
}

private func wellConditionedLU(_ a: Matrix) throws(LinearAlgebraError) -> LU {
    let lu = try LU(a)
    if let k = lu.singularPivot { throw .singular(pivot: k) }
    if lu.dimension > 0 && lu.reciprocalConditionNumber < Double.ulpOfOne {
        throw .computationallySingular(reciprocalCondition: lu.reciprocalConditionNumber)
    }
    return lu
}
