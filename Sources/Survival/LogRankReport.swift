public import Reporting

/// Reporting of a ``LogRankResult`` as R's `print(survdiff)`: a table of groups with N, observed, expected,
/// (O − E)²/E and (O − E)²/V, and the χ² statistic, degrees of freedom and p-value in a footnote; and as JSON:
///
///     {"test": "log-rank" | "G-rho", "rho", "strata": [...], "groups": [{"name", "n", "observed", "expected",
///      "o_minus_e_sq_over_e", "o_minus_e_sq_over_v"}], "chi_square", "df", "p_value"}
///
/// Group sizes are counts of people: callers showing them must apply disclosure control.
extension LogRankResult {
    private var testName: String {
        rho == 0 ? "log-rank" : (rho == 1 ? "Peto–Peto (G-rho, rho = 1)" : "G-rho (rho = \(rho))")
    }

    public var table: Table {
        var t = Table(
            title: "Comparison of survival curves: \(testName) test",
            columns: [Column("Group", key: "name", alignment: .left), Column("N", key: "n"),
                      Column("Observed", key: "observed"), Column("Expected", key: "expected"),
                      Column("(O-E)^2/E", key: "o_minus_e_sq_over_e"), Column("(O-E)^2/V", key: "o_minus_e_sq_over_v")],
            footnotes: [])
        for g in groups.indices {
            let d = observed[g] - expected[g]
            t.append([.text(groups[g]), .integer(n[g]), .number(observed[g]), .number(expected[g]),
                      .number(d * d / expected[g]), .number(d * d / variance[g][g])])
        }
        var note = "Chi-square = \(NumberFormatting.human(chiSquare, significantDigits: 4)) on \(degreesOfFreedom) "
            + "degrees of freedom, p = \(NumberFormatting.pValue(pValue))"
        if strata.count > 1 { note += "; stratified by \(strata.count) strata" }
        t.footnotes = [note + "."]
        return t
    }

    public var json: JSONValue {
        let rows: [JSONValue] = groups.indices.map { g in
            let d = observed[g] - expected[g]
            return .object([("name", .string(groups[g])), ("n", .number(Double(n[g]))), ("observed", .number(observed[g])),
                            ("expected", .number(expected[g])), ("o_minus_e_sq_over_e", .number(d * d / expected[g])),
                            ("o_minus_e_sq_over_v", .number(d * d / variance[g][g]))])
        }
        return .object([("test", .string(rho == 0 ? "log-rank" : "G-rho")), ("rho", .number(rho)),
                        ("strata", .array(strata.map { .string($0) })), ("groups", .array(rows)),
                        ("chi_square", .number(chiSquare)), ("df", .number(Double(degreesOfFreedom))),
                        ("p_value", .number(pValue))])
    }
}
