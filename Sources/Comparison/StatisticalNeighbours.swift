import Foundation

/// Statistical neighbours (issue 14 part 3): for each unit, the `k` units nearest to it by standardised Euclidean
/// distance on chosen published inputs (the approach of the DfE/CIPFA children's services statistical neighbours,
/// with equal weights: each input standardised to mean 0 and sample SD 1 across the units, then
/// `dⱼₖ = √Σᵢ (zⱼᵢ − zₖᵢ)²`). The distances are reported with the names, so a reader can see how near the
/// "nearest" are; ties in distance are broken by input order.
public struct StatisticalNeighbours: Sendable {
    public var count: Int

    public init(count: Int = 10) { self.count = count }

    /// - Parameters:
    ///   - names: one per unit.
    ///   - inputs: `inputs[i][j]` is input `i` of unit `j`; `inputNames` name them (for errors).
    /// - Throws: ``NeighbourError`` for too few units, a duplicate name, a non-finite input, or an input with no
    ///   variation (its standardisation would divide by 0).
    public func compute(names: [String], inputNames: [String], inputs: [[Double]]) throws(NeighbourError) -> [NeighbourList] {
        let n = names.count
        guard count >= 1, n > count else { throw .tooFewUnits(units: n, neighbours: count) }
        guard !inputs.isEmpty, inputNames.count == inputs.count else { throw .noInputs }
        var seen = Set<String>()
        for u in names where !seen.insert(u).inserted { throw .duplicateUnit(u) }
        var z: [[Double]] = []
        for (i, column) in inputs.enumerated() {
            guard column.count == n else { throw .noInputs }
            for (j, x) in column.enumerated() where !x.isFinite { throw .notFinite(unit: names[j], input: inputNames[i], value: x) }
            let mean = column.reduce(0, +) / Double(n)
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
            guard sd > 0 else { throw .constantInput(inputNames[i]) }
            z.append(column.map { ($0 - mean) / sd })
        }
        return (0..<n).map { j in
            var d: [(Int, Double)] = []
            for k in 0..<n where k != j {
                var s = 0.0
                for col in z { let t = col[j] - col[k]; s += t * t }
                d.append((k, s.squareRoot()))
            }
            d.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            return NeighbourList(unit: names[j], neighbours: d.prefix(count).map { (names[$0.0], $0.1) })
        }
    }
}

public struct NeighbourList: Sendable {
    public var unit: String
    public var neighbours: [(unit: String, distance: Double)]
}

public enum NeighbourError: Error, Equatable, CustomStringConvertible {
    case tooFewUnits(units: Int, neighbours: Int)
    case noInputs
    case duplicateUnit(String)
    case notFinite(unit: String, input: String, value: Double)
    case constantInput(String)

    public var description: String {
        switch self {
        case .tooFewUnits(let u, let k): return "\(k) neighbours need more than \(k) units (and at least 1), got \(u)"
        case .noInputs: return "give at least one input column (--on), with a value for every unit"
        case .duplicateUnit(let u): return "unit \"\(u)\" appears more than once"
        case .notFinite(let u, let i, let v): return "unit \"\(u)\": input \(i) is \(v), not a finite number"
        case .constantInput(let i): return "input \(i) has the same value for every unit: it cannot be standardised"
        }
    }
}
