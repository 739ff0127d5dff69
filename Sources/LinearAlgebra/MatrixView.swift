/// A non-owning, read-only view of a rectangular block of column-major storage: `rows × columns` entries,
/// consecutive columns `leadingDimension` apart (LAPACK's `lda`).
///
/// A view is only valid inside the closure that vends it (``Matrix/withView(rows:columns:_:)``); it neither
/// retains nor copies the matrix, which is what lets BLAS work on a block of a larger matrix in place.
public struct MatrixView {
    public let base: UnsafePointer<Double>
    public let rows: Int
    public let columns: Int
    public let leadingDimension: Int

    @inlinable public subscript(row: Int, column: Int) -> Double {
        precondition(row >= 0 && row < rows && column >= 0 && column < columns, "MatrixView index out of range")
        return base[row + column * leadingDimension]
    }

    /// A copy of the viewed block as an owning matrix.
    public func copy() -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for j in 0..<columns { for i in 0..<rows { m.storage[i + j * rows] = base[i + j * leadingDimension] } }
        return m
    }
}

/// A non-owning, mutable view of a rectangular block of column-major storage. Valid only inside the closure
/// that vends it (``Matrix/withMutableView(rows:columns:_:)``).
public struct MutableMatrixView {
    public let base: UnsafeMutablePointer<Double>
    public let rows: Int
    public let columns: Int
    public let leadingDimension: Int

    @inlinable public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "MatrixView index out of range")
            return base[row + column * leadingDimension]
        }
        nonmutating set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "MatrixView index out of range")
            base[row + column * leadingDimension] = newValue
        }
    }

    /// The same block, read-only.
    public var readOnly: MatrixView {
        MatrixView(base: UnsafePointer(base), rows: rows, columns: columns, leadingDimension: leadingDimension)
    }
}

extension Matrix {
    /// Calls `body` with a read-only view of the block `rows × columns` (the whole matrix by default).
    public func withView<R, E: Error>(rows rowRange: Range<Int>? = nil, columns columnRange: Range<Int>? = nil,
                                      _ body: (MatrixView) throws(E) -> R) throws(E) -> R {
        let rr = rowRange ?? 0..<rows, cr = columnRange ?? 0..<columns
        precondition(rr.lowerBound >= 0 && rr.upperBound <= rows && cr.lowerBound >= 0 && cr.upperBound <= columns,
                     "view out of range")
        let ld = Swift.max(1, rows)
        let result: Result<R, E> = storage.withUnsafeBufferPointer { buffer in
            // An empty array may have no storage; give BLAS a valid dummy pointer for zero-sized blocks.
            guard let start = buffer.baseAddress else {
                var dummy = 0.0
                return withUnsafePointer(to: &dummy) { p in
                    Result { () throws(E) -> R in try body(MatrixView(base: p, rows: rr.count, columns: cr.count, leadingDimension: ld)) }
                }
            }
            let view = MatrixView(base: start + rr.lowerBound + cr.lowerBound * rows, rows: rr.count,
                                  columns: cr.count, leadingDimension: ld)
            return Result { () throws(E) -> R in try body(view) }
        }
        return try result.get()
    }

    /// Calls `body` with a mutable view of the block `rows × columns` (the whole matrix by default).
    public mutating func withMutableView<R, E: Error>(rows rowRange: Range<Int>? = nil,
                                                      columns columnRange: Range<Int>? = nil,
                                                      _ body: (MutableMatrixView) throws(E) -> R) throws(E) -> R {
        let rr = rowRange ?? 0..<rows, cr = columnRange ?? 0..<columns
        precondition(rr.lowerBound >= 0 && rr.upperBound <= rows && cr.lowerBound >= 0 && cr.upperBound <= columns,
                     "view out of range")
        let ld = Swift.max(1, rows), r = rows
        let result: Result<R, E> = storage.withUnsafeMutableBufferPointer { buffer in
            guard let start = buffer.baseAddress else {
                var dummy = 0.0
                return withUnsafeMutablePointer(to: &dummy) { p in
                    Result { () throws(E) -> R in try body(MutableMatrixView(base: p, rows: rr.count, columns: cr.count, leadingDimension: ld)) }
                }
            }
            let view = MutableMatrixView(base: start + rr.lowerBound + cr.lowerBound * r, rows: rr.count,
                                         columns: cr.count, leadingDimension: ld)
            return Result { () throws(E) -> R in try body(view) }
        }
        return try result.get()
    }
}
