import Formulas
import LinearAlgebra
import Tabular

/// The data of a categorical-outcome model (ordered or multinomial logit), prepared from a formula and a data
/// frame: response categories and codes, the design matrix with aliased columns removed, weights and the rows
/// used.
///
/// What it follows from R (`model.frame` + `model.matrix` as `MASS::polr` and `nnet::multinom` call them):
/// rows with a missing response or covariate are dropped (`na.omit`); the response's category order is the
/// factor's declared order (a categorical column), numeric order (a number column) or byte-wise order (text).
///
/// Differences, on purpose (each recorded as a warning where it happens):
/// - rows with zero weight are dropped before the design is built (they add nothing to the likelihood; R keeps
///   them in the frame, which only matters for factor levels that occur nowhere else);
/// - response categories with no (positively weighted) row are dropped, as `droplevels` would; `polr` keeps
///   them and then cannot converge, since a threshold next to an empty category goes to ±∞;
/// - aliased design columns (R's `qr(x, tol = 1e-7)` rule, ``QRPivoting/r``) are dropped, as `polr` does;
///   `multinom` does not check and returns arbitrary values for them.
///
/// Complexity O(rows × columns²) for the rank check.
struct CategoricalOutcomeData: Sendable {
    /// The response column's name.
    let responseName: String
    /// Non-empty categories, in order.
    let levels: [String]
    /// 0-based category of each used row.
    let codes: [Int]
    /// Design matrix of the used rows (column-major), with the intercept when the formula has one and without
    /// aliased columns.
    let design: Matrix
    /// Names of the design's columns.
    let columnNames: [String]
    /// For each design column, the index of its term in ``termLabels`` (−1 for the intercept).
    let columnTerms: [Int]
    /// The labels of the formula's terms.
    let termLabels: [String]
    /// Case weights of the used rows (all 1 without a weights column).
    let weights: [Double]
    /// The sum of the formula's `offset()` terms on the used rows (nil without one); only the ordered logit
    /// takes offsets (``OrderedLogitSpec/formulaTerms``).
    let offset: [Double]?
    /// Whether a weights column was given.
    let weighted: Bool
    /// 0-based data rows used.
    let rows: [Int]
    /// Notes for the result's warnings.
    let warnings: [String]
    /// The rows dropped for a missing response or covariate (nil when none was), also in ``warnings`` as its
    /// description.
    let missing: MissingRowReport?
    /// Rows dropped for a weight of exactly 0, also in ``warnings``.
    let zeroWeightRows: Int
    /// Design columns dropped as aliased.
    let aliasedColumns: [String]
    /// The cluster column (from the formula's `cluster()` term or the `cluster` argument), if any.
    let clusterColumn: String?
    /// For each used row, its cluster's code (nil without a cluster column).
    let clusterCodes: [Int]?

    var rowCount: Int { codes.count }
    var categoryCount: Int { levels.count }
    var columnCount: Int { columnNames.count }

    /// Whether the case weights are counts of people (no weights column, or whole-number weights), so that
    /// sums of weights count people.
    var weightsCountPeople: Bool { !weighted || weights.allSatisfy { $0 == $0.rounded() && $0 >= 0 && $0 < 1e15 } }

    /// The people the used rows stand for: Σ wᵢ when the weights count people, else the rows.
    var peopleCount: Int { weighted && weightsCountPeople ? Int(weights.reduce(0, +)) : rowCount }

    /// For each listed design column that is a 0/1 indicator (a factor level), the people at 1 (Σ wᵢ over those
    /// rows when the weights count people, else the rows); nil for other columns and the intercept. Its
    /// coefficient and SE reveal this count, so the disclosure gate withholds the row with it.
    func indicatorCounts(_ columns: [Int]) -> [Int?] {
        let byWeight = weighted && weightsCountPeople
        return columns.map { j -> Int? in
            guard columnNames[j] != "(Intercept)" else { return nil }
            var total = 0.0
            for i in 0..<rowCount {
                let x = design[i, j]
                if x == 1 { total += byWeight ? weights[i] : 1 } else if x != 0 { return nil }
            }
            return Int(total)
        }
    }

    /// For each listed indicator column, the people at 1 in each response category (weighted as
    /// ``indicatorCounts(_:)``), in the order of ``levels``; nil for other columns.
    func indicatorCells(_ columns: [Int]) -> [[Int]?] {
        let byWeight = weighted && weightsCountPeople
        return columns.map { j -> [Int]? in
            guard columnNames[j] != "(Intercept)" else { return nil }
            var cells = [Double](repeating: 0, count: categoryCount)
            for i in 0..<rowCount {
                let x = design[i, j]
                if x == 1 { cells[codes[i]] += byWeight ? weights[i] : 1 } else if x != 0 { return nil }
            }
            return cells.map { Int($0) }
        }
    }

    /// Row i of the design as an array.
    func row(_ i: Int) -> [Double] { (0..<columnCount).map { design[i, $0] } }

    /// The column of the formula's `cluster()` term, if it has one.
    static func clusterTerm(of formula: Formula) -> String? {
        for case .cluster(let c) in formula.terms { return c }
        return nil
    }

    /// Prepares the data. `forceIntercept` adds an intercept to a formula without one (polr: "an intercept is
    /// needed and assumed"). `cluster` names a cluster column to add as a `cluster()` term when the formula has
    /// none, so that its missing values drop rows like any other variable's.
    init(formula: Formula, data: DataFrame, weights weightColumn: String?, forceIntercept: Bool,
         cluster: String? = nil) throws(CategoricalOutcomeError) {
        guard let response = formula.response else { throw .responseNotCategorical("the formula has no response") }
        guard case .column(let y) = response else {
            throw .responseNotCategorical("\(response) is not a single column")
        }
        guard let yColumn = data.column(named: y) else {
            throw .unknownResponse(y, suggestion: nearestName(to: y, among: data.columnNames))
        }
        var notes: [String] = []
        // Rows with a usable response and (where weighted) a weight other than exactly 0.
        var keep = [Bool](repeating: true, count: data.rowCount)
        var missingResponse = 0
        var zeroWeight = 0
        let weightValues = weightColumn.flatMap { data.column(named: $0) }
        for i in 0..<data.rowCount {
            if Self.isMissing(yColumn, i) { keep[i] = false; missingResponse += 1; continue }
            if let w = weightValues, w.numericValue(at: i) == 0 { keep[i] = false; zeroWeight += 1 }
        }
        if zeroWeight > 0 { notes.append("\(zeroWeight) row(s) with zero weight dropped") }
        zeroWeightRows = zeroWeight
        let candidateRows = keep.indices.filter { keep[$0] }
        guard !candidateRows.isEmpty else { throw .tooFewResponseLevels(column: y, levels: []) }
        let reduced: DataFrame
        do {
            reduced = try data.filtering(keep).dropping([y])
        } catch {
            throw .responseNotCategorical("the data could not be subset: \(error)")
        }
        var rhs = formula
        rhs.response = nil
        if forceIntercept && !rhs.intercept {
            rhs.intercept = true
            notes.append("an intercept is needed and assumed (the thresholds play its part), as in polr")
        }
        if let cluster, Self.clusterTerm(of: rhs) == nil { rhs.terms.append(.cluster(cluster)) }
        let frame: ModelFrame
        do { frame = try ModelFrame(formula: rhs, data: reduced, weights: weightColumn) } catch {
            throw .formula(error)
        }
        // One account of the rows dropped for missing values: the response's, then the frame's (counted on
        // the rows with a response).
        let dropped = missingResponse + frame.missing.droppedRows
        if dropped > 0 {
            let byColumn = (missingResponse > 0 ? [MissingRowReport.ColumnCount(column: y, rows: missingResponse)] : [])
                + frame.missing.byColumn
            let report = MissingRowReport(totalRows: data.rowCount, droppedRows: dropped, byColumn: byColumn)
            notes.append(report.description)
            missing = report
        } else {
            missing = nil
        }
        let used = frame.rows.map { candidateRows[$0] }

        // Response categories.
        if case let .categorical(codes, levels, _) = yColumn.values,
           let bad = used.first(where: { !(0..<Int32(levels.count)).contains(codes[$0]) }) {
            throw .responseNotCategorical("column \(y) has level code \(codes[bad]) at row \(bad + 1), outside its \(levels.count) levels")
        }
        let (allLevels, rawCodes, isText) = Self.categories(yColumn, rows: used)
        var counts = [Int](repeating: 0, count: allLevels.count)
        for c in rawCodes { counts[c] += 1 }
        let empty = allLevels.indices.filter { counts[$0] == 0 }.map { allLevels[$0] }
        if !empty.isEmpty {
            notes.append("empty response categor\(empty.count == 1 ? "y" : "ies") dropped: "
                         + empty.joined(separator: ", "))
        }
        var remap = [Int](repeating: -1, count: allLevels.count)
        var levels: [String] = []
        for k in allLevels.indices where counts[k] > 0 { remap[k] = levels.count; levels.append(allLevels[k]) }
        guard levels.count >= 2 else { throw .tooFewResponseLevels(column: y, levels: levels) }
        if isText { notes.append("response \(y) is text: its categories are taken in byte-wise order") }

        // Design, with aliased columns removed (R's qr(x, tol = 1e-7) on the unweighted design, as polr).
        let full = frame.designMatrix()
        var keepColumns = Array(0..<full.columnNames.count)
        var aliased: [String] = []
        if full.matrix.columns > 0 {
            do {
                let qr = try QR(full.matrix, pivoting: .r)
                if qr.rank < full.matrix.columns {
                    keepColumns = qr.estimableColumns.sorted()
                    aliased = qr.aliasedColumns.sorted().map { full.columnNames[$0] }
                    notes.append("design appears to be rank-deficient, so dropping some coefficients: "
                                 + aliased.joined(separator: ", "))
                }
            } catch {
                throw .optimizationFailed("the design matrix could not be factorised: \(error)")
            }
        }
        responseName = y
        self.levels = levels
        codes = rawCodes.map { remap[$0] }
        design = full.matrix.selectingColumns(keepColumns)
        columnNames = keepColumns.map { full.columnNames[$0] }
        columnTerms = keepColumns.map { full.assign[$0] - 1 }
        termLabels = full.termLabels
        self.weights = frame.weights ?? [Double](repeating: 1, count: used.count)
        offset = frame.offset
        weighted = weightColumn != nil
        rows = used
        warnings = notes
        aliasedColumns = aliased
        clusterColumn = Self.clusterTerm(of: rhs)
        clusterCodes = frame.cluster?.codes
    }

    /// Whether entry i of a column is missing (NaN counts, as `is.na`).
    private static func isMissing(_ c: DataColumn, _ i: Int) -> Bool {
        if c.isMissing(i) { return true }
        if case .double(let v) = c.values { return v[i].isNaN }
        return false
    }

    /// All categories of the response (declared, numeric or byte-wise order) and each used row's index among
    /// them; `isText` for a text column.
    private static func categories(_ c: DataColumn, rows: [Int]) -> ([String], [Int], Bool) {
        switch c.values {
        case let .categorical(codes, levels, _):
            return (levels, rows.map { Int(codes[$0]) }, false)
        case .string(let v):
            let levels = Array(Set(rows.map { v[$0] })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            return (levels, rows.map { index[v[$0]] ?? 0 }, true)
        case .boolean(let v):
            return (["FALSE", "TRUE"], rows.map { v[$0] ? 1 : 0 }, false)
        case .double, .integer, .date:
            let values = rows.map { c.numericValue(at: $0) ?? 0 }
            let distinct = Array(Set(values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            let labels: [String]
            if case .date = c.values {
                labels = distinct.map { CivilDate(daysSinceEpoch: Int($0)).isoString }
            } else {
                labels = distinct.map { x in
                    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
                }
            }
            return (labels, values.map { index[$0] ?? 0 }, false)
        }
    }
}
