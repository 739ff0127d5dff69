internal import Tabular
internal import Formulas

/// The driver's view of the data, in model-frame row order: the design (intercept removed, not centred), the
/// survival response, weights, offset, strata and clusters — from R-style formula handling (``ModelFrame``,
/// ``DesignMatrix``: factors, interactions, transforms, missing rows dropped), or, when the formula only names
/// plain numeric columns with no missing values and no strata/cluster/offset/weights, read straight from the
/// data frame's columns (the same numbers without the intermediate copies; chosen because building a model
/// frame and design matrix costs more than the whole Cox fit at n = 10⁶).
struct CoxModelData: Sendable {
    var names: [String]
    var termLabels: [String]
    var termIndex: [Int]
    /// The p design columns (n each); on the direct path these share storage with the data frame.
    var columns: [[Double]]
    var time: [Double]
    var start: [Double]?
    var event: [Bool]
    var weights: [Double]?
    var offset: [Double]?
    var strata: Grouping?
    var cluster: Grouping?
    var droppedRows: Int
    /// 0-based data-frame row of each model row.
    var rows: [Int]?

    var n: Int { time.count }
    var p: Int { names.count }

    static func prepare(formula: Formula, data: DataFrame, weights: String?) throws(CoxModelError) -> CoxModelData {
        if let fast = direct(formula: formula, data: data, weights: weights) { return fast }
        let frame: ModelFrame
        do { frame = try ModelFrame(formula: formula, data: data, weights: weights) } catch {
            throw .formula(error.description)
        }
        let time: [Double], start: [Double]?, event: [Bool]
        switch frame.response {
        case let .survival(t, e)?: time = t; start = nil; event = e
        case let .countingProcess(s, t, e)?: time = t; start = s; event = e
        default: throw .notSurvivalResponse
        }
        let design = frame.designMatrix()
        let keep = design.assign.indices.filter { design.assign[$0] != 0 }
        let n = frame.rowCount
        let el = design.matrix.elements
        let columns = keep.map { col in Array(el[(col * n)..<((col + 1) * n)]) }
        return CoxModelData(
            names: keep.map { design.columnNames[$0] }, termLabels: design.termLabels,
            termIndex: keep.map { design.assign[$0] - 1 },
            columns: columns, time: time, start: start, event: event,
            weights: frame.weights, offset: frame.offset, strata: frame.strata, cluster: frame.cluster,
            droppedRows: frame.missing.droppedRows, rows: frame.rows)
    }

    /// The direct path: `Surv(time, event) ~ a + b + …` or `Surv(start, stop, event) ~ …` where every name is a
    /// complete double column and the event column holds only 0/1; nil otherwise (the general path then
    /// handles, or reports, everything else).
    private static func direct(formula: Formula, data: DataFrame, weights: String?) -> CoxModelData? {
        guard weights == nil, formula.intercept else { return nil }
        var names: [String] = []
        for t in formula.terms {
            guard case .term(.column(let c)) = t else { return nil }
            if !names.contains(c) { names.append(c) }
        }
        func column(_ c: String) -> [Double]? {
            guard let col = data.column(named: c), case .double(let v) = col.values,
                  col.validity.missingCount == 0, !v.contains(where: \.isNaN) else { return nil }
            return v
        }
        let time: [Double], start: [Double]?, eventColumn: [Double]
        switch formula.response {
        case let .survival(t, e)?:
            guard let tv = column(t), let ev = column(e) else { return nil }
            time = tv; start = nil; eventColumn = ev
        case let .countingProcess(s, t, e)?:
            guard let sv = column(s), let tv = column(t), let ev = column(e) else { return nil }
            time = tv; start = sv; eventColumn = ev
        default: return nil
        }
        guard !time.isEmpty, eventColumn.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        var columns: [[Double]] = []
        for c in names {
            guard let v = column(c) else { return nil }
            columns.append(v)
        }
        return CoxModelData(
            names: names, termLabels: names, termIndex: Array(names.indices), columns: columns, time: time, start: start,
            event: eventColumn.map { $0 == 1 }, weights: nil, offset: nil, strata: nil, cluster: nil,
            droppedRows: 0, rows: nil)
    }
}
