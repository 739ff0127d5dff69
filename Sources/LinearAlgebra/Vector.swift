/// A dense vector of `Double`, a thin value wrapper over `[Double]` (copy-on-write through the array).
///
/// It is a `RandomAccessCollection` and `MutableCollection`, so the standard algorithms apply; `elements`
/// gives the underlying array without copying.
public struct Vector: Sendable, Equatable, Hashable, RandomAccessCollection, MutableCollection,
    ExpressibleByArrayLiteral, CustomStringConvertible
{
    public var elements: [Double]

    public init(_ elements: [Double]) { self.elements = elements }
    public init<S: Sequence>(_ values: S) where S.Element == Double { elements = Array(values) }
    public init(count: Int, repeating value: Double = 0) {
        elements = [Double](repeating: value, count: Swift.max(0, count))
    }
    public init(arrayLiteral values: Double...) { elements = values }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }
    public subscript(i: Int) -> Double {
        get { elements[i] }
        set { elements[i] = newValue }
    }

    /// True when every element is finite (no NaN, no ±∞).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// Euclidean norm, computed with scaling so that it neither overflows nor underflows (as BLAS dnrm2).
    public var norm: Double {
        var scale = 0.0, ssq = 1.0
        for x in elements where x != 0 {
            let a = Swift.abs(x)
            if scale < a { ssq = 1 + ssq * (scale / a) * (scale / a); scale = a } else { ssq += (a / scale) * (a / scale) }
        }
        return scale * ssq.squareRoot()
    }

    /// Inner product Σ xᵢyᵢ; the vectors must have equal length.
    public func dot(_ other: Vector) throws(LinearAlgebraError) -> Double {
        guard count == other.count else {
            throw .dimensionMismatch("dot product of lengths \(count) and \(other.count)")
        }
        var s = 0.0
        for i in 0..<count { s += elements[i] * other.elements[i] }
        return s
    }

    /// Largest |xᵢ − yᵢ| ≤ absoluteTolerance + relativeTolerance·|yᵢ| for every i.
    public func isApproximatelyEqual(to other: Vector, relativeTolerance: Double = 1e-12,
                                     absoluteTolerance: Double = 0) -> Bool {
        guard count == other.count else { return false }
        for i in 0..<count {
            let a = elements[i], b = other.elements[i]
            if a == b { continue }
            if !(Swift.abs(a - b) <= absoluteTolerance + relativeTolerance * Swift.abs(b)) { return false }
        }
        return true
    }

    public var description: String { "Vector(\(elements))" }
}
