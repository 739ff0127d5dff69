public import Reporting

/// Publishing of a ``LogRankResult`` through the disclosure gate, as R's `print(survdiff)`: a table of groups with
/// N, observed, expected, (O − E)²/E and (O − E)²/V, then χ², df and p. Group sizes and observed events are counts
/// of people in the run's ledger, related to their totals (the Total row), so a withheld group cannot be recovered
/// by differencing. (O − E)²/E and (O − E)²/V give the group's observed events back from its expected count, and χ²
/// and p give the observed counts back with two groups, so they are statistics that reveal them: withheld unless
/// every count they reveal is shown exactly. The expected counts are sums over risk sets and reveal no group's
/// count on their own. Weighted (non-integer) counts are shown as values that reveal the group's size.
extension LogRankResult {
    private var testName: String {
        rho == 0 ? "log-rank" : (rho == 1 ? "Peto–Peto (G-rho, rho = 1)" : "G-rho (rho = \(rho))")
    }

    /// Adds the test's table to a run and returns the ledger identifiers of the groups' sizes and observed events.
    @discardableResult
    public func addResults(to run: inout RunOutput, name: String = "log-rank") -> (n: [CountID], observed: [CountID]) {
        var t = ResultTable(
            name: name, title: "Comparison of survival curves: \(testName) test",
            columns: [Column("Group", key: "name", alignment: .left), Column("N", key: "n"),
                      Column("Observed", key: "observed"), Column("Expected", key: "expected"),
                      Column("(O-E)^2/E", key: "o_minus_e_sq_over_e"), Column("(O-E)^2/V", key: "o_minus_e_sq_over_v")])
        var ns: [CountID] = [], os: [CountID] = []
        var weighted = false
        for g in groups.indices {
            ns.append(run.ledger.count(n[g], role: .rowsUsed, label: "\(name): n in \(groups[g])"))
            let o = observed[g]
            if o == o.rounded(), o >= 0, o < 1e15 {
                os.append(run.ledger.count(Int(o), role: .events, label: "\(name): events in \(groups[g])"))
            } else {
                weighted = true
            }
        }
        let totalN = run.ledger.count(n.reduce(0, +), role: .rowsUsed, label: "\(name): n")
        run.ledger.relate(total: totalN, parts: ns)
        var totalEvents: CountID?
        if !weighted {
            let e = run.ledger.count(os.reduce(0) { $0 + run.ledger.value($1) }, role: .events, label: "\(name): events")
            run.ledger.relate(total: e, parts: os)
            totalEvents = e
        }
        for g in groups.indices {
            let d = observed[g] - expected[g]
            let reveals = weighted ? [ns[g]] : [ns[g], os[g]]
            t.append([.plain(.text(groups[g])), .count(ns[g]),
                      weighted ? .revealing(.number(observed[g]), reveals: reveals) : .count(os[g]),
                      .plain(.number(expected[g])),
                      .revealing(.number(d * d / expected[g]), reveals: reveals),
                      .revealing(.number(d * d / variance[g][g]), reveals: reveals)])
        }
        t.append([.plain(.text("Total")), .count(totalN), totalEvents.map { .count($0) } ?? .plain(.missing)])
        let all = ns + os
        var stats = ResultTable(name: "\(name)-test", title: "\(testName) test",
                                columns: [Column("statistic", alignment: .left), Column("value")])
        stats.append(["chi-square", .revealing(.number(chiSquare), reveals: all)])
        stats.append(["df", .plain(.integer(degreesOfFreedom))])
        stats.append(["p", .revealing(.pValue(pValue), reveals: all)])
        if strata.count > 1 { stats.footnotes.append("Stratified by \(strata.count) strata.") }
        run.add(t)
        run.add(stats)
        return (ns, os)
    }
}
