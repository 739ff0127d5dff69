public import LinearAlgebra
public import Testing

// Comparisons of computed floating-point values, with stated tolerances, shared by every test target.
//
// Why a shared target: the suite must hold on any x86-64 CPU, where OpenBLAS picks different kernels (Haswell, Zen,
// SkylakeX) whose sums are grouped differently, so a computed double may differ from a hand value or from R's in
// the last bits. Every comparison of a computed double therefore states its tolerance, and this is the one place
// that defines what a tolerance means:
//
//     |actual − expected| ≤ max(relative·|expected|, absolute)
//
// `relative: t` alone is a relative error; `absolute: t` alone an absolute one; `relative: t, absolute: t` is
// "relative above 1, absolute below" (t·max(1, |expected|)), the convention of R's `all.equal`-style fixtures
// whose values run from 1e-10 to 1e4. NaN matches only NaN (R's NA), ±∞ only itself. Non-finite or negative
// tolerances are a test-writing error and compare false.

/// True when `actual` is within `max(relative·|expected|, absolute)` of `expected` (NaN matches NaN, ±∞ itself).
public func isClose(_ actual: Double, _ expected: Double, relative: Double = 0, absolute: Double = 0) -> Bool {
    guard relative >= 0, absolute >= 0, relative.isFinite, absolute.isFinite else { return false }
    if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
    if actual.isInfinite || expected.isInfinite { return actual == expected }
    return abs(actual - expected) <= max(relative * abs(expected), absolute)
}

/// An optional value (e.g. a lookup that may fail) is close only when present and close.
public func isClose(_ actual: Double?, _ expected: Double, relative: Double = 0, absolute: Double = 0) -> Bool {
    guard let actual else { return false }
    return isClose(actual, expected, relative: relative, absolute: absolute)
}

/// A value parsed from JSON (`Any?` from `JSONSerialization`): close only when it is a number and close.
public func isClose(_ actual: Any?, _ expected: Double, relative: Double = 0, absolute: Double = 0) -> Bool {
    let value: Double? = switch actual {
    case let d as Double: d
    case let i as Int: Double(i)
    default: nil
    }
    return isClose(value, expected, relative: relative, absolute: absolute)
}

/// Element-wise, with equal lengths.
public func isClose(_ actual: [Double], _ expected: [Double], relative: Double = 0, absolute: Double = 0) -> Bool {
    actual.count == expected.count
        && zip(actual, expected).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}

/// Element-wise, with equal shapes.
public func isClose(_ actual: Matrix, _ expected: Matrix, relative: Double = 0, absolute: Double = 0) -> Bool {
    actual.rows == expected.rows && actual.columns == expected.columns
        && isClose(actual.elements, expected.elements, relative: relative, absolute: absolute)
}

/// Element-wise over nested arrays (row lists), with equal shapes.
public func isClose(_ actual: [[Double]], _ expected: [[Double]], relative: Double = 0, absolute: Double = 0) -> Bool {
    actual.count == expected.count
        && zip(actual, expected).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}

/// Records an issue naming both values, their difference and the tolerance when `actual` is not close to
/// `expected`; use where the expression alone would not say which value failed (loops over fixtures).
public func expectClose(_ actual: Double, _ expected: Double, relative: Double = 0, absolute: Double = 0,
                        _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    guard !isClose(actual, expected, relative: relative, absolute: absolute) else { return }
    let difference = abs(actual - expected)
    let relativeDifference = expected == 0 ? Double.infinity : difference / abs(expected)
    let what = comment()
    Issue.record(Comment(rawValue: (what.isEmpty ? "" : what + ": ")
        + "\(actual) is not within tolerance of \(expected): |difference| \(difference) (relative "
        + "\(relativeDifference)) > max(\(relative)·|expected|, \(absolute))"), sourceLocation: sourceLocation)
}

/// Element-wise ``expectClose(_:_:relative:absolute:_:sourceLocation:)``, naming the first differing index.
public func expectClose(_ actual: [Double], _ expected: [Double], relative: Double = 0, absolute: Double = 0,
                        _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == expected.count else {
        Issue.record(Comment(rawValue: "\(comment()) length \(actual.count) differs from expected \(expected.count)"),
                     sourceLocation: sourceLocation)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated()
    where !isClose(a, e, relative: relative, absolute: absolute) {
        expectClose(a, e, relative: relative, absolute: absolute, "\(comment()) [\(i)]", sourceLocation: sourceLocation)
        return
    }
}
