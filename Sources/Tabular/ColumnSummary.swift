/// A value and how many times it occurs, for ``ColumnSummary/topValues``.
public struct ValueCount: Sendable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// What `carestat describe` reports for one column: its type and missing count, and
/// - for numeric columns (double, integer, boolean as 0/1) and dates (as days since 1970-01-01): the minimum,
///   maximum and mean of the non-missing values (NaN values of a double column are counted in `nanCount`
///   and left out of min/max/mean, like R's `na.rm = TRUE`);
/// - for string, categorical and boolean columns: the number of distinct non-missing values and the `k` most
///   frequent (ties in byte-wise order of the value). For categorical columns every level is counted, including
///   levels that do not occur.
///
/// The mean is computed in two passes as R's `mean.default` does (src/main/summary.c, `real_mean`): the
/// plain mean s = Σx/n, then the correction s + Σ(x − s)/n, which removes most of the rounding error of the
/// first sum. Complexity O(n) plus O(d log d) for d distinct values.
public struct ColumnSummary: Sendable, Equatable {
    public var name: String
    public var kind: ColumnKind
    /// Rows, missing or not.
    public var count: Int
    public var missingCount: Int
    /// NaN entries of a double column (present but not a number).
    public var nanCount: Int
    public var minimum: Double?
    public var maximum: Double?
    public var mean: Double?
    /// `minimum`/`maximum` as calendar dates, for date columns.
    public var minimumDate: CivilDate?
    public var maximumDate: CivilDate?
    /// Distinct non-missing values (text, categorical, boolean columns).
    public var distinctCount: Int?
    /// The most frequent values, most frequent first (text, categorical, boolean columns).
    public var topValues: [ValueCount]

    /// Summarises `column`, listing at most `top` values (default 10, what fits on a terminal line per column).
    public init(_ column: DataColumn, top: Int = 10) {
        name = column.name
        kind = column.kind
        count = column.count
        missingCount = column.missingCount
        nanCount = 0
        topValues = []
        let k = max(0, top)
        switch column.values {
        case .double(let v):
            var xs: [Double] = []
            xs.reserveCapacity(v.count)
            for i in v.indices where column.validity.isValid(i) {
                if v[i].isNaN { nanCount += 1 } else { xs.append(v[i]) }
            }
            setMoments(xs)
        case .integer(let v):
            setMoments(v.indices.filter { column.validity.isValid($0) }.map { Double(v[$0]) })
        case .date(let v):
            setMoments(v.indices.filter { column.validity.isValid($0) }.map { Double(v[$0]) })
            if let lo = minimum, let hi = maximum {
                minimumDate = CivilDate(daysSinceEpoch: Int(lo))
                maximumDate = CivilDate(daysSinceEpoch: Int(hi))
            }
        case .boolean(let v):
            let xs = v.indices.filter { column.validity.isValid($0) }.map { v[$0] ? 1.0 : 0.0 }
            setMoments(xs)
            let trues = xs.reduce(0, +)
            var counts: [ValueCount] = []
            if trues > 0 { counts.append(ValueCount(value: "TRUE", count: Int(trues))) }
            if Int(trues) < xs.count { counts.append(ValueCount(value: "FALSE", count: xs.count - Int(trues))) }
            setCounts(counts, top: k)
        case .string(let v):
            setCounts(Self.tally(v, validity: column.validity, cache: column.textCodeCache), top: k)
        case let .categorical(codes, levels, _):
            var tally = [Int](repeating: 0, count: levels.count)
            for i in codes.indices where column.validity.isValid(i) {
                let c = Int(codes[i])
                if c >= 0, c < levels.count { tally[c] += 1 }
            }
            setCounts(levels.indices.map { ValueCount(value: levels[$0], count: tally[$0]) }, top: k)
            distinctCount = tally.filter { $0 > 0 }.count
        }
    }

    /// The distinct non-missing values of a text column with their counts, in order of first appearance, as
    /// a `[String: Int]` tally gives them (Swift's String equality: canonically equivalent spellings are one
    /// value, the first spelling seen names it).
    ///
    /// Hot loop: one pass of ``TextCodes`` (byte interning) over the valid rows, then a count per code; the
    /// `[String: Int]` tally it replaced was most of `carestat describe` on a file of postcodes and codes.
    /// With the reader's codes (`cache`, see ``TextCodeCache``) no String is hashed; the tally is the same.
    static func tally(_ v: [String], validity: ValidityMask, cache: TextCodeCache? = nil) -> [ValueCount] {
        let rows = v.indices.lazy.filter { validity.isValid($0) }
        let (codes, values) = if let cache, cache.codes.count == v.count { cache.encode(rows: rows) }
            else { TextCodes.encode(v, rows: rows) }
        var counts = [Int](repeating: 0, count: values.count)
        for c in codes { counts[Int(c)] += 1 }
        return values.indices.map { ValueCount(value: values[$0], count: counts[$0]) }
    }

    private mutating func setMoments(_ xs: [Double]) {
        guard !xs.isEmpty else { return }
        var lo = xs[0], hi = xs[0], sum = 0.0
        for x in xs {
            lo = Swift.min(lo, x)
            hi = Swift.max(hi, x)
            sum += x
        }
        let n = Double(xs.count)
        var m = sum / n
        if m.isFinite {
            var t = 0.0
            for x in xs { t += x - m }
            m += t / n
        }
        minimum = lo
        maximum = hi
        mean = m
    }

    private mutating func setCounts(_ counts: [ValueCount], top: Int) {
        distinctCount = counts.filter { $0.count > 0 }.count
        func before(_ a: ValueCount, _ b: ValueCount) -> Bool {
            a.count != b.count ? a.count > b.count : a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
        }
        guard top < counts.count else {
            topValues = counts.sorted(by: before)
            return
        }
        // The k most frequent of d values without sorting all d (a column of postcodes has ~10⁵): one pass that
        // keeps the best k in order, O(d) comparisons with the k-th plus O(k) per value that enters. `before` is a
        // strict total order on distinct values, so the result is the prefix of the full sort.
        var best: [ValueCount] = []
        best.reserveCapacity(top + 1)
        for vc in counts {
            if best.count == top, let last = best.last, !before(vc, last) { continue }
            var i = best.count
            while i > 0, before(vc, best[i - 1]) { i -= 1 }
            best.insert(vc, at: i)
            if best.count > top { best.removeLast() }
        }
        topValues = best
    }
}

extension DataFrame {
    /// One ``ColumnSummary`` per column, in column order (the library side of `carestat describe`).
    public func describe(top: Int = 10) -> [ColumnSummary] {
        columns.map { ColumnSummary($0, top: top) }
    }
}
