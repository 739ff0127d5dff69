import Testing
import Tabular
import LinearAlgebra
import Formulas

/// Model frames on small hand-made data; every expected value is worked out by hand in the comments.
struct ModelFrameTests {
    func frame(_ formula: String, _ columns: [DataColumn], weights: String? = nil) throws -> ModelFrame {
        try ModelFrame(formula: Formula(parsing: formula), data: DataFrame(columns: columns), weights: weights)
    }

    let y = DataColumn(name: "y", doubles: [1, 2, 3, 4, 5, 6])
    let sex = DataColumn(name: "sex", strings: ["F", "M", "M", "F", "M", "F"])

    @Test func referenceLevelIsFirstSortedLevelByDefault() throws {
        // Text levels sort byte-wise: "F" < "M", so F is the reference and the column is the M indicator.
        let d = try frame("y ~ sex", [y, sex]).designMatrix()
        #expect(d.columnNames == ["(Intercept)", "sex=M"])
        #expect(d.matrix.column(1).elements == [0, 1, 1, 0, 1, 0])
    }

    @Test func referenceLevelSetInTheFormula() throws {
        for text in ["y ~ C(sex, base = \"M\")", "y ~ relevel(sex, ref = \"M\")"] {
            let d = try frame(text, [y, sex]).designMatrix()
            #expect(d.columnNames == ["(Intercept)", "sex=F"])
            #expect(d.matrix.column(1).elements == [1, 0, 0, 1, 0, 1])
        }
        let typed = try ModelFrame(formula: Formula(response: .column("y"), terms: [.factor("sex", reference: "M")]),
                                   data: DataFrame(columns: [y, sex])).designMatrix()
        #expect(typed.columnNames == ["(Intercept)", "sex=F"])
    }

    @Test func declaredLevelOrderBeatsSortOrder() throws {
        // Byte-wise order would be CIN < none < referral; the declared order none < referral < CIN wins.
        let level = DataColumn(name: "level", categories: ["none", "CIN", "referral", "none", "CIN", "referral"],
                               levels: ["none", "referral", "CIN"], ordered: true)
        let d = try frame("y ~ level", [y, level]).designMatrix()
        #expect(d.columnNames == ["(Intercept)", "level=referral", "level=CIN"])
        #expect(d.matrix.column(2).elements == [0, 1, 0, 0, 1, 0])
        // Byte-wise: uppercase before lowercase ("B" < "a" < "b").
        let s = DataColumn(name: "s", strings: ["b", "a", "B", "b", "a", "B"])
        #expect(try frame("y ~ s", [y, s]).designMatrix().columnNames == ["(Intercept)", "s=a", "s=b"])
    }

    @Test func unknownReferenceLevelSuggestsNearest() throws {
        #expect(throws: FormulaError.unknownLevel(column: "sex", level: "m", suggestion: "M")) {
            try frame("y ~ C(sex, base = \"m\")", [y, sex])
        }
    }

    @Test func missingRowsAreDroppedCountedAndReported() throws {
        // Row 2: y missing; row 3: x missing (NaN); row 4: x and g missing. Column z is unused, its gap ignored.
        let cols = [
            DataColumn(name: "y", doubles: [1, nil, 3, 4, 5, 6]),
            DataColumn(name: "x", doubles: [1, 2, .nan, nil, 5, 7]),
            DataColumn(name: "g", strings: ["a", "b", "a", nil, "b", "a"]),
            DataColumn(name: "z", doubles: [nil, 1, 1, 1, 1, 1]),
        ]
        let f = try frame("y ~ x + g", cols)
        #expect(f.rows == [0, 4, 5])
        #expect(f.missing.totalRows == 6)
        #expect(f.missing.droppedRows == 3)
        #expect(f.missing.byColumn == [.init(column: "y", rows: 1), .init(column: "x", rows: 2), .init(column: "g", rows: 1)])
        #expect(f.missing.description == "dropped 3 of 6 rows with missing values (y: 1, x: 2, g: 1)")
        #expect(f.response == .numeric([1, 5, 6]))
        #expect(f.designMatrix().matrix == Matrix([[1, 1, 0], [1, 5, 1], [1, 7, 0]]))
    }

    @Test func noCompleteRowsIsAnError() throws {
        let cols = [DataColumn(name: "y", doubles: [1, nil]), DataColumn(name: "x", doubles: [nil, 2])]
        #expect(throws: FormulaError.self) { try frame("y ~ x", cols) }
    }

    @Test func unknownColumnSuggestsNearestName() throws {
        let age = DataColumn(name: "age", doubles: [1, 2, 3, 4, 5, 6])
        #expect(throws: FormulaError.unknownColumn("agee", suggestion: "age")) { try frame("y ~ agee", [y, age]) }
        #expect(throws: FormulaError.unknownColumn("weight", suggestion: nil)) { try frame("y ~ weight", [y, age]) }
        #expect(FormulaError.unknownColumn("agee", suggestion: "age").description == "no column named agee; did you mean age?")
    }

    @Test func logOfNonPositiveValueIsAnError() throws {
        let x = DataColumn(name: "x", doubles: [1, 2, 0, 4, 5, 6])
        #expect(throws: FormulaError.nonPositiveLogArgument(column: "x", row: 3, value: 0)) { try frame("y ~ log(x)", [y, x]) }
        #expect(throws: FormulaError.nonPositiveLogArgument(column: "x", row: 3, value: 0)) {
            try frame("y ~ offset(log(x))", [y, x])
        }
    }

    @Test func polyDegreeMustBeBelowDistinctValues() throws {
        let x = DataColumn(name: "x", doubles: [1, 1, 2, 2, 1, 2])
        #expect(throws: FormulaError.polynomialDegreeTooHigh(column: "x", degree: 2, distinctValues: 2)) {
            try frame("y ~ poly(x, 2)", [y, x])
        }
    }

    @Test func textColumnWhereNumbersAreNeeded() throws {
        #expect(throws: FormulaError.notNumeric(column: "sex", usage: "log()")) { try frame("y ~ log(sex)", [y, sex]) }
    }

    @Test func survivalResponseStrataClusterAndRandomEffects() throws {
        let cols = [
            DataColumn(name: "days", doubles: [5, 3, 8, 2]),
            DataColumn(name: "event", integers: [1, 0, 1, 1]),
            DataColumn(name: "x", doubles: [0.5, 1.5, 2.5, 3.5]),
            DataColumn(name: "la", strings: ["E2", "E1", "E2", "E1"]),
            DataColumn(name: "sex", strings: ["F", "F", "M", "M"]),
            DataColumn(name: "id", integers: [7, 7, 9, 8]),
        ]
        let f = try frame("Surv(days, event) ~ x + strata(la, sex) + cluster(id) + (1 + x | la)", cols)
        #expect(f.response == .survival(time: [5, 3, 8, 2], event: [true, false, true, true]))
        // Strata combine la and sex; groups sorted by (la, sex) level: E1/F, E1/M, E2/F, E2/M.
        #expect(f.strata == Grouping(name: "strata(la, sex)", levels: ["la=E1, sex=F", "la=E1, sex=M", "la=E2, sex=F", "la=E2, sex=M"],
                                     codes: [2, 0, 3, 1]))
        #expect(f.cluster == Grouping(name: "cluster(id)", levels: ["7", "8", "9"], codes: [0, 0, 2, 1]))
        #expect(f.randomEffects.count == 1)
        let re = try #require(f.randomEffects.first)
        #expect(re.columnNames == ["(Intercept)", "x"])
        #expect(re.matrix == Matrix([[1, 0.5], [1, 1.5], [1, 2.5], [1, 3.5]]))
        #expect(re.grouping == Grouping(name: "la", levels: ["E1", "E2"], codes: [1, 0, 1, 0]))
        // Specials are not fixed-effect columns.
        #expect(f.designMatrix().columnNames == ["(Intercept)", "x"])

        let counting = try frame("Surv(x, days, event) ~ 1", cols)
        #expect(counting.response == .countingProcess(start: [0.5, 1.5, 2.5, 3.5], stop: [5, 3, 8, 2], event: [true, false, true, true]))
        #expect(counting.designMatrix().columnNames == ["(Intercept)"])
    }

    /// R's Surv codes: 0/1, or 1/2 with 2 the event when the largest value is 2; anything else is an error here
    /// (R makes it NA with a warning).
    @Test func eventCodesFollowRsSurv() throws {
        func cols(_ e: [Int?]) -> [DataColumn] {
            [DataColumn(name: "t", doubles: [1, 2, 3]), DataColumn(name: "e", integers: e), DataColumn(name: "x", doubles: [1, 2, 3])]
        }
        #expect(try frame("Surv(t, e) ~ x", cols([1, 2, 2])).response == .survival(time: [1, 2, 3], event: [false, true, true]))
        #expect(try frame("Surv(t, e) ~ x", cols([0, 1, 1])).response == .survival(time: [1, 2, 3], event: [false, true, true]))
        // 0 with 2: 0 − 1 = −1 is not a code.
        #expect(throws: FormulaError.invalidEvent(column: "e", row: 1, value: 0)) { try frame("Surv(t, e) ~ x", cols([0, 2, 1])) }
        // Largest value 3: not a 1/2 coding, so 2 is the first bad code.
        #expect(throws: FormulaError.invalidEvent(column: "e", row: 2, value: 2)) { try frame("Surv(t, e) ~ x", cols([1, 2, 3])) }
        let logical = [DataColumn(name: "t", doubles: [1, 2]), DataColumn(name: "e", values: .boolean([true, false])),
                       DataColumn(name: "x", doubles: [1, 2])]
        #expect(try frame("Surv(t, e) ~ x", logical).response == .survival(time: [1, 2], event: [true, false]))
    }

    @Test func binomialResponseOffsetAndWeights() throws {
        let cols = [
            DataColumn(name: "s", integers: [1, 4, 2]),
            DataColumn(name: "f", integers: [3, 0, nil]),
            DataColumn(name: "x", doubles: [1, 2, 3]),
            DataColumn(name: "t", doubles: [1, 1, 4]),
            DataColumn(name: "w", doubles: [0.5, 2, 1]),
        ]
        let f = try frame("cbind(s, f) ~ x + offset(t) + offset(x)", cols, weights: "w")
        #expect(f.response == .binomial(successes: [1, 4], failures: [3, 0]))
        #expect(f.offset == [2, 3])    // offsets add: t + x
        #expect(f.weights == [0.5, 2])
        // `.` leaves out the response columns and the weights column.
        #expect(try frame("cbind(s, f) ~ .", cols, weights: "w").designMatrix().columnNames == ["(Intercept)", "x", "t"])
        let negative = [DataColumn(name: "y", doubles: [1, 2]), DataColumn(name: "w", doubles: [1, -1])]
        #expect(throws: FormulaError.invalidWeight(column: "w", row: 2, value: -1)) { try frame("y ~ 1", negative, weights: "w") }
    }

    @Test func interactionWithoutMainEffectsUsesIndicators() throws {
        // y ~ a:b with two-level factors: R's rule gives every a×b indicator (4 columns), a varying fastest.
        let a = DataColumn(name: "a", strings: ["p", "q", "p", "q"])
        let b = DataColumn(name: "b", strings: ["u", "u", "v", "v"])
        let yy = DataColumn(name: "y", doubles: [1, 2, 3, 4])
        let d = try frame("y ~ a:b", [yy, a, b]).designMatrix()
        #expect(d.columnNames == ["(Intercept)", "a=p:b=u", "a=q:b=u", "a=p:b=v", "a=q:b=v"])
        #expect(d.matrix == Matrix([[1, 1, 0, 0, 0], [1, 0, 1, 0, 0], [1, 0, 0, 1, 0], [1, 0, 0, 0, 1]]))
        #expect(d.assign == [0, 1, 1, 1, 1])
        #expect(d.termLabels == ["a:b"])
    }

    @Test func singleLevelFactorIsAnError() throws {
        let g = DataColumn(name: "g", strings: ["a", "a", "a", "a", "a", nil])
        #expect(throws: FormulaError.tooFewLevels(column: "g", levels: ["a"])) { try frame("y ~ g", [y, g]) }
    }
}
