/// A dense, column-major matrix of `Double` with value semantics (copy-on-write through its array).
///
/// Column-major storage is LAPACK's layout, so factorisations take the buffer without a transpose.
/// Element (i, j) lives at `elements[i + j * rows]`. Non-owning sub-block views are vended by
/// ``withView(rows:columns:_:)`` and ``withMutableView(rows:columns:_:)``.
///
/// Shape errors in public construction are programmer errors and trap with a message, as `Array` does for
/// an out-of-range index; shape errors between operands of an operation throw
/// ``LinearAlgebraError/dimensionMismatch(_:)``.
public struct Matrix: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// The entries in column-major order (storage; `elements` is its public read-only face).
    @usableFromInline internal var storage: [Double]
    /// The entries in column-major order.
    @inlinable public var elements: [Double] { storage }

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative, got \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over `columnMajor`, whose count must be `rows * columns`.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative, got \(rows)×\(columns)")
        precondition(columnMajor.count == rows * columns,
                     "Matrix(rows: \(rows), columns: \(columns)) needs \(rows * columns) values, got \(columnMajor.count)")
        self.rows = rows
        self.columns = columns
        storage = columnMajor
    }

    /// A matrix from a list of rows, as it is written on paper: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowsOfValues: [[Double]]) {
        let r = rowsOfValues.count
        let c = rowsOfValues.first?.count ?? 0
        precondition(rowsOfValues.allSatisfy { $0.count == c }, "Matrix rows must all have the same length")
        var e = [Double](repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { e[i + j * r] = rowsOfValues[i][j] } }
        self.init(rows: r, columns: c, columnMajor: e)
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// A square matrix with `values` on its diagonal.
    public static func diagonal(_ values: some Collection<Double>) -> Matrix {
        let n = values.count
        var m = Matrix(rows: n, columns: n)
        for (i, v) in values.enumerated() { m.storage[i + i * n] = v }
        return m
    }

    /// A matrix whose columns are the given vectors (all of one length).
    public init(columns vectors: [Vector]) {
        let r = vectors.first?.count ?? 0
        precondition(vectors.allSatisfy { $0.count == r }, "Matrix(columns:) needs vectors of equal length")
        var e: [Double] = []
        e.reserveCapacity(r * vectors.count)
        for v in vectors { e.append(contentsOf: v.elements) }
        self.init(rows: r, columns: vectors.count, columnMajor: e)
    }

    @inlinable public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    public var isSquare: Bool { rows == columns }
    public var isEmpty: Bool { rows == 0 || columns == 0 }
    /// Calls `body` with the column-major storage for reading (no copy).
    @inlinable public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
        let r: Result<R, E> = storage.withUnsafeBufferPointer { b in Result { () throws(E) -> R in try body(b) } }
        return try r.get()
    }

    /// Calls `body` with the column-major storage for writing in place (copy-on-write happens first if shared).
    @inlinable public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
        let r: Result<R, E> = storage.withUnsafeMutableBufferPointer { b in Result { () throws(E) -> R in try body(&b) } }
        return try r.get()
    }

    /// True when no entry is NaN or infinite.
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// Column j as a vector (a copy).
    public func column(_ j: Int) -> Vector {
        precondition(j >= 0 && j < columns, "column index out of range")
        return Vector(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row i as a vector (a copy; strided read).
    public func row(_ i: Int) -> Vector {
        precondition(i >= 0 && i < rows, "row index out of range")
        return Vector((0..<columns).map { elements[i + $0 * rows] })
    }

    /// The main diagonal.
    public var diagonal: Vector { Vector((0..<Swift.min(rows, columns)).map { elements[$0 + $0 * rows] }) }

    /// The transpose, computed by a cache-blocked copy.
    public func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        let r = rows, c = columns, block = 32
        elements.withUnsafeBufferPointer { src in
            t.storage.withUnsafeMutableBufferPointer { dst in
                for jb in stride(from: 0, to: c, by: block) {
                    for ib in stride(from: 0, to: r, by: block) {
                        for j in jb..<Swift.min(jb + block, c) {
                            for i in ib..<Swift.min(ib + block, r) { dst[j + i * c] = src[i + j * r] }
                        }
                    }
                }
            }
        }
        return t
    }

    /// The sub-matrix of the given row and column ranges (a copy).
    public func submatrix(rows rowRange: Range<Int>, columns columnRange: Range<Int>) -> Matrix {
        precondition(rowRange.lowerBound >= 0 && rowRange.upperBound <= rows
                     && columnRange.lowerBound >= 0 && columnRange.upperBound <= columns, "submatrix out of range")
        var m = Matrix(rows: rowRange.count, columns: columnRange.count)
        for (jj, j) in columnRange.enumerated() {
            for (ii, i) in rowRange.enumerated() { m.storage[ii + jj * rowRange.count] = elements[i + j * rows] }
        }
        return m
    }

    /// The matrix with its columns reordered (or selected): column k of the result is column `order[k]`.
    public func selectingColumns(_ order: [Int]) -> Matrix {
        var e: [Double] = []
        e.reserveCapacity(rows * order.count)
        for j in order {
            precondition(j >= 0 && j < columns, "column index out of range")
            e.append(contentsOf: elements[(j * rows)..<((j + 1) * rows)])
        }
        return Matrix(rows: rows, columns: order.count, columnMajor: e)
    }

    /// Copies the lower triangle onto the upper (or the reverse), making a symmetric matrix from the triangle
    /// that LAPACK wrote.
    public mutating func symmetrize(fromLower: Bool = true) {
        precondition(isSquare, "symmetrize needs a square matrix")
        let n = rows
        for j in 0..<n {
            for i in (j + 1)..<Swift.max(j + 1, n) {
                if fromLower { storage[j + i * n] = storage[i + j * n] } else { storage[i + j * n] = storage[j + i * n] }
            }
        }
    }

    /// Whether `|aᵢⱼ − bᵢⱼ| ≤ absoluteTolerance + relativeTolerance·|bᵢⱼ|` for every entry.
    public func isApproximatelyEqual(to other: Matrix, relativeTolerance: Double = 1e-12,
                                     absoluteTolerance: Double = 0) -> Bool {
        guard rows == other.rows && columns == other.columns else { return false }
        return Vector(elements).isApproximatelyEqual(to: Vector(other.elements), relativeTolerance: relativeTolerance,
                                                     absoluteTolerance: absoluteTolerance)
    }

    /// Largest absolute entry (0 for an empty matrix); NaN if any entry is NaN.
    public var maxAbs: Double {
        var m = 0.0
        for x in elements { if x.isNaN { return .nan }; m = Swift.max(m, Swift.abs(x)) }
        return m
    }

    public var description: String {
        var lines = ["Matrix \(rows)×\(columns)"]
        for i in 0..<Swift.min(rows, 12) {
            let row = (0..<Swift.min(columns, 8)).map { "\(elements[i + $0 * rows])" }.joined(separator: "  ")
            lines.append("  " + row + (columns > 8 ? "  …" : ""))
        }
        if rows > 12 { lines.append("  …") }
        return lines.joined(separator: "\n")
    }
}
