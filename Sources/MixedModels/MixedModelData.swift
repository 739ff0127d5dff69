internal import Foundation
internal import Formulas
internal import LinearAlgebra
internal import Distributions

/// A model frame reduced to what the mixed-model fits need: the fixed-effect design X (n×p, column-major), the
/// random-effect columns Z (n×q) and their grouping, the response and the offset, with the rows of each group
/// listed so that the per-group blocks can be formed in one pass.
///
/// Several random-effect terms are accepted only if they share one grouping factor, e.g. the uncorrelated
/// `(1 | g) + (0 + x | g)`: their columns are concatenated and ``termColumns`` records each term's columns, so
/// that the covariance is block diagonal (no correlation across terms, as lme4).
struct MixedModelData: Sendable {
    let n: Int
    let p: Int
    let q: Int
    let x: [Double]
    let columnNames: [String]
    /// For each column of X, the rows where it is 1 when it is a 0/1 indicator (a factor level); nil otherwise.
    let indicatorRows: [Int?]
    /// For a binomial model with one trial per row, each indicator column's rows with the event and without it
    /// (a level's odds ratio and SE give them back); nil otherwise.
    let indicatorOutcomes: [[Int]?]
    let z: [Double]
    let randomColumnNames: [String]
    /// The columns of Z of each random-effect term (one range for a single term).
    let termColumns: [Range<Int>]
    let groupName: String
    let groupLevels: [String]
    /// rowsOfGroup[j]: the row indices of group j, ascending.
    let rowsOfGroup: [[Int]]
    /// Gaussian and Poisson: the response; binomial: the successes.
    let y: [Double]
    /// Binomial: the number of trials per row (successes + failures); otherwise 1.
    let trials: [Double]
    let offset: [Double]

    var groupCount: Int { groupLevels.count }

    init(frame: ModelFrame, family: MixedModelFamily) throws(MixedModelError) {
        guard let re = frame.randomEffects.first,
              frame.randomEffects.allSatisfy({ $0.grouping.name == re.grouping.name && $0.grouping.codes == re.grouping.codes }) else {
            throw .needsOneRandomEffectTerm(found: frame.randomEffects.count)
        }
        let design = frame.designMatrix()
        n = frame.rowCount
        p = design.matrix.columns
        q = frame.randomEffects.reduce(0) { $0 + $1.matrix.columns }
        x = design.matrix.elements
        columnNames = design.columnNames
        indicatorRows = design.indicatorOnes()
        z = frame.randomEffects.flatMap(\.matrix.elements)
        let reNames = frame.randomEffects.flatMap(\.columnNames)
        randomColumnNames = reNames
        var ranges: [Range<Int>] = []
        for t in frame.randomEffects { let s = ranges.last?.upperBound ?? 0; ranges.append(s..<(s + t.matrix.columns)) }
        termColumns = ranges
        if let dup = reNames.enumerated().first(where: { reNames[..<$0.offset].contains($0.element) }) {
            throw .notEstimable("the random-effect column \(dup.element) appears in two terms for \(re.grouping.name)")
        }
        groupName = re.grouping.name
        groupLevels = re.grouping.levels
        var rows = [[Int]](repeating: [], count: re.grouping.levels.count)
        for (i, g) in re.grouping.codes.enumerated() { rows[g].append(i) }
        rowsOfGroup = rows
        offset = frame.offset ?? [Double](repeating: 0, count: n)
        guard q >= 1 else { throw .notEstimable("the random-effect term has no columns") }
        switch (family, frame.response) {
        case (.gaussian, .numeric(let v)?):
            y = v; trials = [Double](repeating: 1, count: n)
        case (.poisson, .numeric(let v)?):
            if let i = v.firstIndex(where: { !($0 >= 0 && $0 == $0.rounded() && $0.isFinite) }) {
                throw .invalidResponse("Poisson counts must be non-negative whole numbers; row \(frame.rows[i] + 1) has \(v[i])")
            }
            y = v; trials = [Double](repeating: 1, count: n)
        case (.binomial, .numeric(let v)?):
            if let i = v.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw .invalidResponse("a binomial response must be 0/1 or cbind(successes, failures); row \(frame.rows[i] + 1) has \(v[i])")
            }
            y = v; trials = [Double](repeating: 1, count: n)
        case (.binomial, .binomial(let s, let f)?):
            for i in 0..<s.count where !(s[i] >= 0 && f[i] >= 0 && s[i] == s[i].rounded() && f[i] == f[i].rounded()
                                          && s[i].isFinite && f[i].isFinite) {
                throw .invalidResponse("binomial counts must be non-negative whole numbers; row \(frame.rows[i] + 1) has \(s[i]) and \(f[i])")
            }
            y = s; trials = zip(s, f).map { $0 + $1 }
        case (_, nil):
            throw .invalidResponse("the formula has no response")
        default:
            throw .invalidResponse("the \(family.rawValue) family needs a numeric response" + (family == .binomial ? " or cbind(successes, failures)" : ""))
        }
        indicatorOutcomes = Self.indicatorOutcomes(family: family, x: x, n: n, columns: indicatorRows, y: y, trials: trials)
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw .invalidResponse("row \(frame.rows[i] + 1) has a non-finite response")
        }
        if let i = x.firstIndex(where: { !$0.isFinite }) ?? z.firstIndex(where: { !$0.isFinite }) {
            throw .notEstimable("the design has a non-finite value (entry \(i))")
        }
    }

    private static func indicatorOutcomes(family: MixedModelFamily, x: [Double], n: Int, columns: [Int?], y: [Double],
                                          trials: [Double]) -> [[Int]?] {
        guard family == .binomial, trials.allSatisfy({ $0 == 1 }) else { return columns.map { _ in nil } }
        return columns.enumerated().map { j, ones -> [Int]? in
            guard let ones else { return nil }
            var events = 0
            for i in 0..<n where x[i + j * n] == 1 && y[i] == 1 { events += 1 }
            return [events, ones - events]
        }
    }
}
