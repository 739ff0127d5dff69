public import LinearAlgebra

/// The fixed-effect design matrix of a model frame, as R's `model.matrix` builds it.
public struct DesignMatrix: Sendable, Equatable {
    /// Rows × columns, column-major.
    public let matrix: Matrix
    /// `(Intercept)`, numeric columns by name (`age`, `log(x)`, `poly(x, 2)1`, `ns(x, df = 3)2`), factor levels as
    /// `f=level`, interaction columns joined by `:` (`sex=F:age`) — DESIGN.md's contract.
    public let columnNames: [String]
    /// R's `assign`: for each column, 0 for the intercept, else the 1-based index of its term in ``termLabels``.
    public let assign: [Int]
    /// The terms' labels in order (`age`, `sex`, `sex:age`).
    public let termLabels: [String]
}

extension ModelFrame {
    /// The design matrix with treatment contrasts (reference = the factor's first level unless the formula sets
    /// another).
    ///
    /// Which factors are coded by contrasts and which by all their indicators follows R (Chambers & Hastie 1992,
    /// *Statistical Models in S*, p. 38; R's `TermCode` in `model.c`): in a term T, a factor f gets contrasts when
    /// T without f is empty or is contained in an earlier term, else one indicator per level — so `y ~ a:b` with
    /// no main effects gets indicators for `a`. Without an intercept the first factor of the first term with a
    /// factor gets indicators. Columns of an interaction vary the first variable fastest, as R's do.
    ///
    /// Complexity O(rows × columns).
    public func designMatrix() -> DesignMatrix {
        let n = rowCount
        var columns: [[Double]] = []
        var names: [String] = []
        var assign: [Int] = []
        let hasIntercept = formula.intercept
        if hasIntercept {
            columns.append([Double](repeating: 1, count: n)); names.append("(Intercept)"); assign.append(0)
        }
        // Coding: true = all indicators.
        var indicators: [[Bool]] = terms.enumerated().map { j, term in
            term.variables.map { v in
                guard case .factor = encodings[v] else { return false }
                let rest = term.variables.filter { $0 != v }
                if rest.isEmpty { return false }
                return !terms[0..<j].contains { t in rest.allSatisfy(t.variables.contains) }
            }
        }
        if !hasIntercept {
            outer: for (j, term) in terms.enumerated() {
                for (k, v) in term.variables.enumerated() {
                    if case .factor = encodings[v] { indicators[j][k] = true; break outer }
                }
            }
        }
        for (j, term) in terms.enumerated() {
            // A term's columns are the products of its variables' columns, the first variable varying fastest
            // (R's order). The first variable's columns are taken as they are (no multiplication by ones).
            var cols: [[Double]]? = nil
            var colNames = [""]
            for (k, v) in term.variables.enumerated() {
                guard let e = encodings[v] else { continue }
                let (vc, vn) = DesignColumns.columns(of: e, dummies: indicators[j][k])
                guard let previous = cols else { cols = vc; colNames = vn; continue }
                var next: [[Double]] = []
                var nextNames: [String] = []
                next.reserveCapacity(vc.count * previous.count)
                for (c, cn) in zip(vc, vn) {
                    for (p, pn) in zip(previous, colNames) {
                        next.append([Double](unsafeUninitializedCapacity: n) { out, count in
                            for i in 0..<n { out[i] = p[i] * c[i] }
                            count = n
                        })
                        nextNames.append(pn + ":" + cn)
                    }
                }
                cols = next
                colNames = nextNames
            }
            let termColumns = cols ?? [[Double](repeating: 1, count: n)]
            columns += termColumns
            names += colNames
            assign += [Int](repeating: j + 1, count: termColumns.count)
        }
        // One allocation for the matrix, each column copied once into place.
        let p = columns.count
        let storage = [Double](unsafeUninitializedCapacity: n * p) { out, count in
            for (k, column) in columns.enumerated() {
                column.withUnsafeBufferPointer { src in
                    guard let base = src.baseAddress, n > 0 else { return }
                    (out.baseAddress! + k * n).update(from: base, count: n)
                }
            }
            count = n * p
        }
        return DesignMatrix(matrix: Matrix(rows: n, columns: p, columnMajor: storage),
                            columnNames: names, assign: assign, termLabels: terms.map(\.label))
    }
}

/// The columns one encoded variable contributes.
enum DesignColumns {
    /// Numeric columns as they are; a factor's treatment contrasts (indicators of every level but the reference)
    /// or, with `dummies`, indicators of all levels, named `column=level`.
    static func columns(of e: VariableEncoding, dummies: Bool) -> ([[Double]], [String]) {
        switch e {
        case let .numeric(columns, names): return (columns, names)
        case let .factor(column, levels, codes, reference):
            let chosen = levels.indices.filter { dummies || $0 != reference }
            return (chosen.map { k in codes.map { $0 == k ? 1.0 : 0.0 } }, chosen.map { "\(column)=\(levels[$0])" })
        }
    }
}

extension DesignMatrix {
    /// For each column that is a 0/1 indicator (a factor level, an interaction of levels, a binary covariate):
    /// the number of rows where it is 1; nil for other columns and for the intercept. A coefficient on such a
    /// column is estimated from those rows against the others, so its estimate and standard error reveal both
    /// counts; the disclosure gate withholds it when either is withheld. O(n·p).
    public func indicatorOnes() -> [Int?] {
        let n = matrix.rows
        return columnNames.indices.map { j -> Int? in
            guard columnNames[j] != "(Intercept)" else { return nil }
            var ones = 0
            for i in 0..<n {
                let x = matrix[i, j]
                if x == 1 { ones += 1 } else if x != 0 { return nil }
            }
            return ones
        }
    }
}
