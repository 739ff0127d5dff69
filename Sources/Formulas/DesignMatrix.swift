public import LinearAlgebra
internal import Dispatch

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
        // The columns are planned first (each a product of sources: a numeric column or one factor level's
        // indicator), then written once into the single n × p buffer: no per-column arrays (a factor's
        // indicators are never materialised outside the matrix), so the peak is the frame plus the matrix.
        var plan: [[DesignColumns.Source]] = []
        var names: [String] = []
        var assign: [Int] = []
        let hasIntercept = formula.intercept
        if hasIntercept {
            plan.append([]); names.append("(Intercept)"); assign.append(0)
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
            var cols: [[DesignColumns.Source]]? = nil
            var colNames = [""]
            for (k, v) in term.variables.enumerated() {
                guard let e = encodings[v] else { continue }
                let (vc, vn) = DesignColumns.sources(of: e, dummies: indicators[j][k])
                guard let previous = cols else { cols = vc.map { [$0] }; colNames = vn; continue }
                var next: [[DesignColumns.Source]] = []
                var nextNames: [String] = []
                next.reserveCapacity(vc.count * previous.count)
                for (c, cn) in zip(vc, vn) {
                    for (p, pn) in zip(previous, colNames) {
                        next.append(p + [c])
                        nextNames.append(pn + ":" + cn)
                    }
                }
                cols = next
                colNames = nextNames
            }
            let termColumns = cols ?? [[]]
            plan += termColumns
            names += colNames
            assign += [Int](repeating: j + 1, count: termColumns.count)
        }
        // One allocation for the matrix, each column written once into place (products multiplied in place).
        // Large matrices are written by two threads, each a contiguous half of the columns (the pages are first
        // touched there too); every column's values are the same whichever thread writes it.
        let p = plan.count
        let storage = [Double](unsafeUninitializedCapacity: n * p) { out, count in
            guard let base = out.baseAddress, n > 0 else { count = 0; return }
            let address = UInt(bitPattern: base)
            let plan = plan
            let parts = n * p >= DesignColumns.parallelEntries && p >= 2 ? 2 : 1
            let write: @Sendable (Int) -> Void = { part in
                let start = UnsafeMutablePointer<Double>(bitPattern: address)!
                for k in (plan.count * part / parts)..<(plan.count * (part + 1) / parts) {
                    DesignColumns.write(plan[k], into: UnsafeMutableBufferPointer(start: start + k * n, count: n))
                }
            }
            if parts == 1 { write(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: write) }
            count = n * p
        }
        return DesignMatrix(matrix: Matrix(rows: n, columns: p, columnMajor: storage),
                            columnNames: names, assign: assign, termLabels: terms.map(\.label))
    }
}

/// The columns one encoded variable contributes.
enum DesignColumns {
    /// Entries (rows × columns) from which the matrix is written by two threads: 2²⁰, about 8 MB.
    static let parallelEntries = 1 << 20

    /// One factor of a design column: a numeric column, or the 0/1 indicator of one factor level.
    enum Source: Sendable {
        case numeric([Double])
        case indicator(codes: [Int32], level: Int32)
    }

    /// Numeric columns as they are; a factor's treatment contrasts (indicators of every level but the reference)
    /// or, with `dummies`, indicators of all levels, named `column=level`.
    static func sources(of e: VariableEncoding, dummies: Bool) -> ([Source], [String]) {
        switch e {
        case let .numeric(columns, names): return (columns.map(Source.numeric), names)
        case let .factor(column, levels, codes, reference):
            let chosen = levels.indices.filter { dummies || $0 != reference }
            return (chosen.map { .indicator(codes: codes, level: Int32($0)) }, chosen.map { "\(column)=\(levels[$0])" })
        }
    }

    /// The columns themselves (for the random-effect designs, whose matrices are small in columns).
    static func columns(of e: VariableEncoding, dummies: Bool) -> ([[Double]], [String]) {
        let (sources, names) = Self.sources(of: e, dummies: dummies)
        return (sources.map { s in
            let n: Int
            switch s { case .numeric(let c): n = c.count; case .indicator(let codes, _): n = codes.count }
            return [Double](unsafeUninitializedCapacity: n) { out, count in write([s], into: out); count = n }
        }, names)
    }

    /// Writes the product of `sources` (1 when empty: the intercept) into `out`, one pass per source.
    static func write(_ sources: [Source], into out: UnsafeMutableBufferPointer<Double>) {
        let n = out.count
        guard let first = sources.first else {
            out.initialize(repeating: 1)
            return
        }
        switch first {
        case .numeric(let c):
            c.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                out.baseAddress!.initialize(from: s, count: n)
            }
        case let .indicator(codes, level):
            codes.withUnsafeBufferPointer { cb in
                for i in 0..<n { (out.baseAddress! + i).initialize(to: cb[i] == level ? 1 : 0) }
            }
        }
        for source in sources.dropFirst() {
            switch source {
            case .numeric(let c):
                c.withUnsafeBufferPointer { cb in for i in 0..<n { out[i] *= cb[i] } }
            case let .indicator(codes, level):
                codes.withUnsafeBufferPointer { cb in for i in 0..<n where cb[i] != level { out[i] = 0 } }
            }
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
        return matrix.withUnsafeBufferPointer { xb in
            columnNames.indices.map { j -> Int? in
                guard columnNames[j] != "(Intercept)", let base = xb.baseAddress else { return nil }
                let column = UnsafeBufferPointer(start: base + j * n, count: n)   // column-major
                var ones = 0
                for x in column {
                    if x == 1 { ones += 1 } else if x != 0 { return nil }
                }
                return ones
            }
        }
    }
}
