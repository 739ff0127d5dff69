public import Tabular
internal import Foundation
internal import LinearAlgebra

/// A formula matched to a data frame: the expanded terms, the rows used (rows with a missing value in any used
/// column dropped, and reported), and every variable encoded on those rows, ready for ``designMatrix()``.
///
/// What it follows from R (`model.frame` + `terms`):
/// - terms are expanded (`a*b`, `.`, `^`), de-duplicated, removals applied in order, then sorted by the number
///   of variables (stable), as `terms.formula(keep.order = FALSE)`;
/// - `.` is every column not in the response — nor the weights column, where R would include it;
/// - rows are dropped as `na.omit` does, over the response, all term variables, offset, strata, cluster,
///   random-effect and weights columns; unused factor levels are then dropped (R's `lm` does the same);
/// - `poly()` and `ns()` are computed on the rows used (R computes them before dropping rows with missing
///   values in *other* columns; on complete data the two agree).
///
/// Differences, on purpose: all factors, ordered ones included, get treatment contrasts (DESIGN.md), and
/// boolean columns enter as 0/1 numbers (R makes a `xTRUE` dummy with the same values).
public struct ModelFrame: Sendable {
    public let formula: Formula
    /// Fixed-effect terms in design order.
    public let terms: [ModelTerm]
    /// 0-based indices of the data rows used.
    public let rows: [Int]
    public let missing: MissingRowReport
    /// The response on the used rows (nil for a one-sided formula).
    public let response: ResponseValues?
    /// The sum of the offset terms on the used rows (nil without an offset).
    public let offset: [Double]?
    /// Case weights (nil unless a weights column was given).
    public let weights: [Double]?
    /// All `strata()` columns combined (nil without strata).
    public let strata: Grouping?
    /// The `cluster()` column (nil without one).
    public let cluster: Grouping?
    public let randomEffects: [RandomEffectDesign]

    let variableOrder: [Variable]
    let encodings: [Variable: VariableEncoding]

    /// Number of rows used.
    public var rowCount: Int { rows.count }

    /// The most levels a text column of numbers may have to be made a factor without `factor()`.
    static let numbersAsFactorMaximumLevels = 20

    /// Refuses to make a factor, unasked, of a text column that holds numbers: at least 90% of its values in
    /// the rows used are numbers (Tabular's ``MostlyNumeric``) and it has more than
    /// ``numbersAsFactorMaximumLevels`` distinct values. Such a column is almost always a numeric column with a
    /// few bad cells (`n/a`, `-`, `12a`), and fitting it as a factor of hundreds of levels is a silent wrong
    /// answer. Up to 20 levels are accepted, as numeric codes of a category (deciles, bands, 1/2 codes);
    /// `factor(x)` in the formula asks for the factor explicitly. Declared categorical columns are never refused.
    /// Returns the column's text codes on `rows` (nil for a column that is not text), which ``FactorLevels``
    /// then reuses instead of a second byte-hashing pass.
    @discardableResult
    static func refuseNumbersAsFactor(_ col: DataColumn, rows: [Int]) throws(FormulaError) -> (codes: [Int32], values: [String])? {
        // One byte-hashing pass (Tabular's textCodes), then the number test once per distinct value: the
        // same counts as testing and hashing every row's String.
        guard let (codes, values) = col.textCodes(rows: rows) else { return nil }
        var counts = [Int](repeating: 0, count: values.count)
        for c in codes { counts[Int(c)] += 1 }
        var numbers = 0, example: String?
        for (k, v) in values.enumerated() {   // first appearance order: the first non-number is the first row's
            if MostlyNumeric.isNumber(v) { numbers += counts[k] } else if example == nil { example = v }
        }
        let distinct = values
        guard distinct.count > numbersAsFactorMaximumLevels,
              Double(numbers) >= MostlyNumeric.minimumShare * Double(rows.count) else { return (codes, values) }
        throw .invalidArgument(
            "column \(col.name) is text, but \(numbers) of its \(rows.count) values in the rows used are numbers"
            + (example.map { " (\"\($0)\" is not)" } ?? "")
            + "; as a factor it would have \(distinct.count) levels. If it is numeric, correct the values that are not"
            + " numbers; to use it as a factor, write factor(\(col.name))")
    }

    /// Matches `formula` to `data`. `weights` names a column of case weights (finite, ≥ 0).
    /// Throws ``FormulaError`` for unknown columns (with the nearest name), wrong column types, `log` of values
    /// ≤ 0, unknown reference levels, one-level factors, impossible `poly`/`ns` requests, bad event codes or
    /// weights, a `cluster()` column or random-effect grouping factor with one level in the rows used
    /// (``FormulaError/tooFewGroups(term:levels:needed:purpose:)``), and when no complete row is left. It
    /// accepts every kind of item; which kinds a model fits is the model's rule (``FormulaTermRule``).
    /// Complexity O(rows × used columns) plus the bases.
    public init(formula: Formula, data: DataFrame, weights: String? = nil) throws(FormulaError) {
        self.formula = formula
        let responseColumns = formula.response?.columnNames ?? []

        // 1. Expand the right-hand side.
        var expanded = TermAlgebra.TermList()
        var order: [Variable] = []
        func note(_ vs: [Variable]) { for v in vs where !order.contains(v) { order.append(v) } }
        var offsets: [OffsetExpression] = []
        var strataColumns: [String] = []
        var clusterColumn: String?
        var randoms: [RandomEffect] = []
        for item in formula.terms {
            switch item {
            case .term(let v):
                note([v]); expanded.append([v])
            case .interaction(let vs):
                let d = Self.distinct(vs)
                guard !d.isEmpty else { continue }
                note(d); expanded.append(d)
            case .crossed(let vs):
                let d = Self.distinct(vs)
                guard d.count <= TermAlgebra.maximumCrossed else {
                    throw .invalidArgument("crossing \(d.count) variables gives \((1 << min(d.count, 62)) - 1) terms; at most \(TermAlgebra.maximumCrossed) variables can be crossed")
                }
                note(d); TermAlgebra.crossedTerms(d).forEach { expanded.append($0) }
            case .allOtherColumns:
                let vs = data.columnNames.filter { !responseColumns.contains($0) && $0 != weights }.map { Variable.column($0) }
                note(vs); vs.forEach { expanded.append([$0]) }
            case .removal(let vs):
                expanded = TermAlgebra.TermList(TermAlgebra.removing([Self.distinct(vs)], from: expanded.terms))
            case .offset(let o): offsets.append(o)
            case .strata(let s): if !strataColumns.contains(s) { strataColumns.append(s) }
            case .cluster(let c):
                if let old = clusterColumn, old != c {
                    throw .invalidArgument("two cluster() columns (\(old), \(c)); a model takes one")
                }
                clusterColumn = c
            case .random(let r): randoms.append(r)
            }
        }
        let sortedTerms = expanded.terms.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }
            .map { term in order.filter { term.element.contains($0) } }
        terms = sortedTerms.map { ModelTerm(variables: $0) }
        variableOrder = order

        // 2. The used columns, each checked.
        var used: [String] = []
        func use(_ c: String) { if !used.contains(c) { used.append(c) } }
        responseColumns.forEach(use)
        for v in order where sortedTerms.contains(where: { $0.contains(v) }) { use(v.columnName) }
        offsets.forEach { use($0.columnName) }
        strataColumns.forEach(use)
        clusterColumn.map(use)
        for r in randoms { use(r.group); r.slopes.forEach { use($0.columnName) } }
        weights.map(use)
        var columns: [String: DataColumn] = [:]
        for c in used {
            guard let col = data.column(named: c) else {
                throw .unknownColumn(c, suggestion: nearestName(to: c, among: data.columnNames))
            }
            if case let .categorical(codes, levels, _) = col.values,
               let bad = codes.indices.first(where: { col.validity.isValid($0) && !(0..<Int32(levels.count)).contains(codes[$0]) }) {
                throw .invalidArgument("column \(c) has level code \(codes[bad]) at row \(bad + 1), outside its \(levels.count) levels")
            }
            columns[c] = col
        }

        // 3. Drop rows with a missing value in any used column.
        var keep = [Bool](repeating: true, count: data.rowCount)
        var counts: [MissingRowReport.ColumnCount] = []
        for c in used {
            guard let col = columns[c] else { continue }
            let n = Self.markMissing(col, &keep)
            if n > 0 { counts.append(.init(column: c, rows: n)) }
        }
        rows = counts.isEmpty ? Array(0..<data.rowCount) : keep.indices.filter { keep[$0] }
        missing = MissingRowReport(totalRows: data.rowCount, droppedRows: data.rowCount - rows.count, byColumn: counts)
        guard !rows.isEmpty else { throw .noCompleteRows(report: missing) }
        let rows = rows

        func numeric(_ c: String, _ usage: String) throws(FormulaError) -> [Double] {
            guard let col = columns[c] else { throw .unknownColumn(c, suggestion: nil) }
            guard col.isNumeric else { throw .notNumeric(column: c, usage: usage) }
            // Typed fast paths: the payload is bound once, not per row (rows here are complete cases).
            switch col.values {
            case .double(let v):
                let x = rows.count == v.count ? v : rows.map { v[$0] }
                // Inf and NaN never reach a fit silently (the CSV reader refuses them by default; other sources).
                if let k = x.firstIndex(where: { !$0.isFinite }) {
                    throw .invalidArgument("column \(c) has the non-finite value \(x[k]) at row \(rows[k] + 1); models need finite values")
                }
                return x
            case .integer(let v):
                return rows.map { Double(v[$0]) }
            default:
                return rows.map { col.numericValue(at: $0) ?? .nan }
            }
        }
        func logOf(_ c: String) throws(FormulaError) -> [Double] {
            let x = try numeric(c, "log()")
            for (i, v) in x.enumerated() where !(v > 0) {
                throw .nonPositiveLogArgument(column: c, row: rows[i] + 1, value: v)
            }
            return x.map { Foundation.log($0) }
        }
        func factor(_ c: String, reference: String?,
                    textCodes: (codes: [Int32], values: [String])? = nil) throws(FormulaError) -> VariableEncoding {
            guard let col = columns[c] else { throw .unknownColumn(c, suggestion: nil) }
            let (levels, codes) = FactorLevels.of(col, rows: rows, textCodes: textCodes)
            guard levels.count >= 2 else { throw .tooFewLevels(column: c, levels: levels) }
            var ref = 0
            if let r = reference {
                guard let k = levels.firstIndex(of: r) else {
                    throw .unknownLevel(column: c, level: r, suggestion: nearestName(to: r, among: levels))
                }
                ref = k
            }
            return .factor(column: c, levels: levels, codes: codes, reference: ref)
        }
        func encode(_ v: Variable) throws(FormulaError) -> VariableEncoding {
            switch v {
            case .column(let c):
                guard let col = columns[c] else { throw .unknownColumn(c, suggestion: nil) }
                if col.isNumeric { return .numeric(columns: [try numeric(c, "a numeric term")], names: [c]) }
                let textCodes = try Self.refuseNumbersAsFactor(col, rows: rows)
                return try factor(c, reference: nil, textCodes: textCodes)
            case let .factor(c, r): return try factor(c, reference: r)
            case .log: return .numeric(columns: [try logOf(v.columnName)], names: [v.label])
            case let .polynomial(c, d):
                let b = try OrthogonalPolynomial.basis(try numeric(c, "poly()"), degree: d, column: c)
                return .numeric(columns: b, names: Self.basisNames(v.label, b.count))
            case let .naturalSpline(c, df):
                let b = try NaturalSpline.basis(try numeric(c, "ns()"), df: df, column: c)
                return .numeric(columns: b, names: Self.basisNames(v.label, b.count))
            }
        }

        // 4. Encode the variables.
        var enc: [Variable: VariableEncoding] = [:]
        for v in order where sortedTerms.contains(where: { $0.contains(v) }) { enc[v] = try encode(v) }
        for r in randoms { for v in r.slopes where enc[v] == nil { enc[v] = try encode(v) } }
        encodings = enc

        // 5. Response, offset, weights, groupings.
        switch formula.response {
        case nil: response = nil
        case .column(let y)?: response = .numeric(try numeric(y, "the response"))
        case let .binomial(s, f)?:
            response = .binomial(successes: try numeric(s, "cbind()"), failures: try numeric(f, "cbind()"))
        case let .survival(t, e)?:
            response = .survival(time: try numeric(t, "Surv()"), event: try Self.events(try numeric(e, "Surv()"), e, rows))
        case let .countingProcess(a, b, e)?:
            response = .countingProcess(start: try numeric(a, "Surv()"), stop: try numeric(b, "Surv()"),
                                        event: try Self.events(try numeric(e, "Surv()"), e, rows))
        }
        if offsets.isEmpty {
            offset = nil
        } else {
            var total = [Double](repeating: 0, count: rows.count)
            for o in offsets {
                let x: [Double]
                switch o {
                case .column(let c): x = try numeric(c, "offset()")
                case .log(let c): x = try logOf(c)
                }
                for i in total.indices { total[i] += x[i] }
            }
            offset = total
        }
        if let w = weights {
            let x = try numeric(w, "weights")
            for (i, v) in x.enumerated() where !(v >= 0 && v.isFinite) {
                throw .invalidWeight(column: w, row: rows[i] + 1, value: v)
            }
            self.weights = x
        } else {
            self.weights = nil
        }
        func grouping(_ cs: [String], name: String, prefixed: Bool) -> Grouping {
            let parts = cs.compactMap { c in columns[c].map { (c, FactorLevels.of($0, rows: rows)) } }
            var keys: [[Int]: Int] = [:]
            let rowKeys = rows.indices.map { i in parts.map { Int($0.1.codes[i]) } }
            let distinctKeys = Array(Set(rowKeys)).sorted { $0.lexicographicallyPrecedes($1) }
            for (k, key) in distinctKeys.enumerated() { keys[key] = k }
            let labels = distinctKeys.map { key in
                zip(parts, key).map { p, k in prefixed ? "\(p.0)=\(p.1.levels[k])" : p.1.levels[k] }.joined(separator: ", ")
            }
            return Grouping(name: name, levels: labels, codes: rowKeys.map { keys[$0] ?? 0 })
        }
        strata = strataColumns.isEmpty ? nil
            : grouping(strataColumns, name: "strata(" + strataColumns.joined(separator: ", ") + ")", prefixed: true)
        cluster = clusterColumn.map { grouping([$0], name: "cluster(\($0))", prefixed: false) }
        if let g = cluster, g.levels.count < 2 {
            throw .tooFewGroups(term: g.name, levels: g.levels, needed: 2,
                                purpose: "cluster-robust standard errors need at least 2 clusters")
        }
        var designs: [RandomEffectDesign] = []
        for r in randoms {
            let groups = grouping([r.group], name: r.group, prefixed: false)
            guard groups.levels.count >= 2 else {
                throw .tooFewGroups(term: "grouping factor \(r.group) of \(r)", levels: groups.levels, needed: 2,
                                    purpose: "a random effect needs at least 2 levels (lme4: grouping factors must have > 1 sampled level)")
            }
            var cols: [[Double]] = []
            var names: [String] = []
            if r.intercept { cols.append([Double](repeating: 1, count: rows.count)); names.append("(Intercept)") }
            for (k, v) in r.slopes.enumerated() {
                guard let e = enc[v] else { continue }
                let (c, n) = DesignColumns.columns(of: e, dummies: !r.intercept && k == 0)
                cols += c; names += n
            }
            designs.append(RandomEffectDesign(effect: r, grouping: groups,
                                              matrix: Matrix(rows: rows.count, columns: cols.count, columnMajor: cols.flatMap { $0 }),
                                              columnNames: names))
        }
        randomEffects = designs
    }

    /// R names the columns of a matrix variable `label1`, `label2`, … but a one-column one just `label`.
    private static func basisNames(_ label: String, _ count: Int) -> [String] {
        count == 1 ? [label] : (1...count).map { label + String($0) }
    }

    private static func distinct(_ vs: [Variable]) -> [Variable] {
        var out: [Variable] = []
        for v in vs where !out.contains(v) { out.append(v) }
        return out
    }

    /// Marks rows where `c` is missing (or NaN, for a double column) as not kept; returns how many there are.
    /// Hot loop (every model reads each used column once here): a double column is scanned for NaN through its
    /// buffer, and `keep` is written only where a row is dropped.
    private static func markMissing(_ c: DataColumn, _ keep: inout [Bool]) -> Int {
        var n = 0
        let validity = c.validity
        if case .double(let v) = c.values {
            let anyMissing = validity.missingCount > 0
            v.withUnsafeBufferPointer { vb in
                for i in vb.indices where vb[i].isNaN || (anyMissing && !validity.isValid(i)) { n += 1; keep[i] = false }
            }
        } else if validity.missingCount > 0 {
            for i in 0..<validity.count where !validity.isValid(i) { n += 1; keep[i] = false }
        }
        return n
    }

    /// The event indicator of `Surv()`, coded as R's `Surv` codes it: 0/1 (1 = event), or 1/2 (2 = event) when the
    /// largest value is 2; a logical column arrives here as 0/1. Any other value is an error naming the row (R
    /// turns it into NA with a warning; a silently dropped row is worse than a clear stop).
    private static func events(_ x: [Double], _ column: String, _ rows: [Int]) throws(FormulaError) -> [Bool] {
        let shift: Double = x.max() == 2 ? 1 : 0
        var out: [Bool] = []
        out.reserveCapacity(x.count)
        for (i, raw) in x.enumerated() {
            let v = raw - shift
            guard v == 0 || v == 1 else { throw .invalidEvent(column: column, row: rows[i] + 1, value: raw) }
            out.append(v == 1)
        }
        return out
    }
}
