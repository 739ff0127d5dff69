/// A Swift type that a derived column can hold: Double, Int, Bool, String, CivilDate.
public protocol ColumnElement: Sendable {
    /// A column of these values, `nil` meaning missing.
    static func column(named name: String, _ values: [Self?]) -> DataColumn
}

extension Double: ColumnElement {
    public static func column(named name: String, _ values: [Double?]) -> DataColumn { DataColumn(name: name, doubles: values) }
}

extension Int: ColumnElement {
    public static func column(named name: String, _ values: [Int?]) -> DataColumn { DataColumn(name: name, integers: values) }
}

extension String: ColumnElement {
    public static func column(named name: String, _ values: [String?]) -> DataColumn { DataColumn(name: name, strings: values) }
}

extension Bool: ColumnElement {
    public static func column(named name: String, _ values: [Bool?]) -> DataColumn {
        DataColumn(name: name, values: .boolean(values.map { $0 ?? false }), validity: ValidityMask(values.map { $0 != nil }))
    }
}

extension CivilDate: ColumnElement {
    /// Dates beyond the storage range (±2^31 days, about ±5.8 million years) become missing rather than clamped.
    public static func column(named name: String, _ values: [CivilDate?]) -> DataColumn {
        let days = values.map { $0.flatMap { Int32(exactly: $0.daysSinceEpoch) } }
        return DataColumn(name: name, values: .date(days.map { $0 ?? 0 }), validity: ValidityMask(days.map { $0 != nil }))
    }
}

/// Element-wise arithmetic on numeric columns.
public enum ArithmeticOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// Element-wise comparison, giving a boolean column.
public enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
}

extension DataFrame {
    /// A copy with a new column (or the named column replaced, dplyr `mutate`) whose entry in each row is
    /// `transform(row)`; a `nil` result is a missing entry. The closure sees missing inputs as `nil` and decides
    /// how they propagate. Errors it throws are passed on. Complexity: O(n) closure calls.
    public func adding<T: ColumnElement>(_ name: String, _ transform: (DataFrameRow) throws(TabularError) -> T?) throws(TabularError) -> DataFrame {
        let positions = DataFrameRow.positions(of: self)
        var values: [T?] = []
        values.reserveCapacity(rowCount)
        for i in 0..<rowCount { values.append(try transform(DataFrameRow(frame: self, positions: positions, index: i))) }
        var result = self
        try result.setColumn(T.column(named: name, values))
        return result
    }

    /// A copy with `column` added, or replacing the column of the same name; the length must be `rowCount`.
    public func adding(_ column: DataColumn) throws(TabularError) -> DataFrame {
        var result = self
        try result.setColumn(column)
        return result
    }
}

extension DataColumn {
    /// The numeric view used by arithmetic: integers (and booleans as 0/1) stay integers, doubles are doubles.
    private enum Numbers {
        case ints([Int])
        case doubles([Double])
    }

    private func numbers() throws(TabularError) -> Numbers {
        switch values {
        case .double(let v): return .doubles(v)
        case .integer(let v): return .ints(v)
        case .boolean(let v): return .ints(v.map { $0 ? 1 : 0 })
        default: throw .typeMismatch(column: name, expected: "a double, integer or boolean column", actual: kind)
        }
    }

    /// `a op b` element by element (R's vectorised arithmetic on equal-length vectors).
    ///
    /// Missing propagates: the result is missing wherever either operand is (R: `NA + 1` is NA). Kinds follow R:
    /// integer (or boolean) with integer gives an integer for `+ - *`, and an overflow is missing (R: NA with a
    /// warning); `/` and anything with a double give a double with IEEE results (x/0 = ±Inf, 0/0 = NaN, both
    /// present values as in R). Dates, strings and categoricals throw a type mismatch; lengths must agree.
    /// Complexity: O(n).
    public static func arithmetic(_ op: ArithmeticOperator, _ a: DataColumn, _ b: DataColumn, name: String) throws(TabularError) -> DataColumn {
        guard a.count == b.count else { throw .lengthMismatch(column: b.name, expected: a.count, actual: b.count) }
        let x = try a.numbers(), y = try b.numbers()
        var valid = ValidityMask(count: a.count, allValid: false)
        for i in 0..<a.count where a.validity.isValid(i) && b.validity.isValid(i) { valid.set(i, valid: true) }
        if case .ints(let u) = x, case .ints(let v) = y, op != .divide {
            var out = [Int](repeating: 0, count: u.count)
            for i in u.indices where valid.isValid(i) {
                let (r, o): (Int, Bool)
                switch op {
                case .add: (r, o) = u[i].addingReportingOverflow(v[i])
                case .subtract: (r, o) = u[i].subtractingReportingOverflow(v[i])
                default: (r, o) = u[i].multipliedReportingOverflow(by: v[i])
                }
                if o { valid.set(i, valid: false) } else { out[i] = r }
            }
            return DataColumn(name: name, values: .integer(out), validity: valid)
        }
        func doubles(_ n: Numbers) -> [Double] {
            switch n {
            case .ints(let v): v.map { Double($0) }
            case .doubles(let v): v
            }
        }
        let u = doubles(x), v = doubles(y)
        var out = [Double](repeating: 0, count: u.count)
        for i in u.indices where valid.isValid(i) {
            switch op {
            case .add: out[i] = u[i] + v[i]
            case .subtract: out[i] = u[i] - v[i]
            case .multiply: out[i] = u[i] * v[i]
            case .divide: out[i] = u[i] / v[i]
            }
        }
        return DataColumn(name: name, values: .double(out), validity: valid)
    }

    /// `self op scalar` element by element, as a double column (the scalar is a double, as R's `x + 1`);
    /// missing propagates. Numeric columns only. Complexity: O(n).
    public func arithmetic(_ op: ArithmeticOperator, _ scalar: Double, name: String? = nil) throws(TabularError) -> DataColumn {
        let k = DataColumn(name: "(scalar)", values: .double([Double](repeating: scalar, count: count)))
        return try DataColumn.arithmetic(op, self, k, name: name ?? self.name)
    }

    /// `self op value` element by element as a boolean column; missing where `self` is missing (R: `NA > 1` is
    /// NA), so ``DataFrame/filtering(mask:)`` drops those rows as dplyr does. Numeric columns compare as numbers;
    /// NaN compares false except with `!=` (IEEE, as R's NaN gives NA there — one of the few places we differ:
    /// NaN is a present value here). Complexity: O(n).
    public func comparing(_ op: ComparisonOperator, _ value: Double, name: String? = nil) throws(TabularError) -> DataColumn {
        guard isNumeric else { throw .typeMismatch(column: self.name, expected: "a numeric column", actual: kind) }
        var out = [Bool](repeating: false, count: count)
        for i in 0..<count {
            guard let x = numericValue(at: i) else { continue }
            switch op {
            case .less: out[i] = x < value
            case .lessOrEqual: out[i] = x <= value
            case .greater: out[i] = x > value
            case .greaterOrEqual: out[i] = x >= value
            case .equal: out[i] = x == value
            case .notEqual: out[i] = x != value
            }
        }
        return DataColumn(name: name ?? self.name, values: .boolean(out), validity: validity)
    }
}
