internal import Foundation

/// Rendering of ``FitSummary`` values through the gate's decisions: the only way a fitted model reaches the user.
extension CountDecisions {
    /// Whether the model output is withheld for too few residual degrees of freedom (fewer than the policy's
    /// threshold, as ACRO's `safe_dof_threshold`), or its n is withheld.
    public func withholdsModel(_ s: FitSummary) -> Bool {
        guard policy.isEnabled else { return false }
        if let df = s.residualDF, df < policy.threshold { return true }
        return published(s.n).isSuppressed
    }

    /// Whether a coefficient row is withheld: the whole model is, or the count of the row's factor level is
    /// withheld. (A rounded level count does not withhold the row: an estimate does not give back an exact count
    /// that rounding hides, except in degenerate designs that the residual-df rule already covers.)
    func withholds(_ row: CoefficientRow, of s: FitSummary) -> Bool {
        guard policy.isEnabled else { return false }
        if withholdsModel(s) { return true }
        if let c = row.levelCount, published(c).isSuppressed { return true }
        if row.cellCounts.contains(where: { published($0).isSuppressed }) { return true }
        return false
    }

    /// Whether the p-values and intervals are withheld because they give the residual degrees of freedom, and so
    /// n, back: a t reference distribution (its quantile and tail depend on n − p) with n not shown exactly.
    func withholdsDFDependentColumns(_ s: FitSummary) -> Bool {
        guard policy.isEnabled, case .t = s.coefficients.distribution else { return false }
        return !isExact(s.n)
    }

    /// A fit statistic as published: withheld unless every count it reveals is shown exactly.
    func cell(_ stat: FitStatistic) -> Cell {
        resolve(.revealing(stat.cell, reveals: stat.reveals))
    }

    func json(_ stat: FitStatistic) -> JSONValue {
        if policy.isEnabled, !stat.reveals.allSatisfy(isExact) { return .null }
        return stat.json
    }

    /// The summary as tables: the coefficient table (estimate, SE, statistic, p, CI; the exponentiated scale where
    /// natural) with counts, statistics, convergence, diagnostics and notes under it, then the model's sections.
    public func tables(_ s: FitSummary) -> [Table] {
        let c = s.coefficients
        let level = c.levelLabel
        var columns = (c.groupColumn.map { [$0] } ?? []) + [
                       Column("term", alignment: .left), Column("estimate"), Column("std. error", key: "std_error"),
                       Column(c.distribution.statisticName, key: "statistic"), Column("p", key: "p_value"),
                       Column("\(level)% CI low", key: "conf_low"), Column("\(level)% CI high", key: "conf_high")]
        if let e = c.exponentiatedName {
            columns += [Column(e, key: "exp_estimate"), Column("\(e) \(level)% CI low", key: "exp_conf_low"),
                        Column("\(e) \(level)% CI high", key: "exp_conf_high")]
        }
        var t = Table(title: s.title, columns: columns)
        let marker = Cell.suppressed(marker: policy.marker)
        for r in c.rows {
            let label: [Cell] = (c.groupColumn == nil ? [] : [.text(r.group ?? "")]) + [.text(r.term)]
            if r.isAliased {
                t.append(label + [.text("aliased (NA)")])
                continue
            }
            if withholds(r, of: s) {
                t.append(label + Array(repeating: marker, count: columns.count - label.count))
                continue
            }
            let dfHidden = withholdsDFDependentColumns(s)
            func df(_ cell: Cell) -> Cell { dfHidden ? marker : cell }
            var row: [Cell] = label + [.number(r.estimate), .number(r.standardError),
                               .number(r.statistic, significantDigits: 3), df(.pValue(r.pValue)), df(.number(r.confLow)),
                               df(.number(r.confHigh))]
            if c.exponentiatedName != nil {
                row += [.number(exp(r.estimate)), df(.number(exp(r.confLow))), df(.number(exp(r.confHigh)))]
            }
            t.append(row)
        }
        var notes: [String] = []
        var counts = "n = " + text(s.n)
        if let e = s.events { counts += ", events = " + text(e) }
        notes.append(counts)
        let stats = s.statistics.map { "\($0.label) " + cell($0).humanText }
        if !stats.isEmpty { notes.append(stats.joined(separator: "; ")) }
        notes.append(s.convergence.sentence)
        notes += s.notes
        notes += s.diagnostics.map { "warning: " + $0.text(self) }
        if withholdsModel(s) {
            notes.append("Estimates withheld: the model's n is withheld or its residual degrees of freedom are below "
                         + "\(policy.threshold) (minimum for release).")
        } else if withholdsDFDependentColumns(s) {
            notes.append("p-values and t intervals withheld: they depend on the residual degrees of freedom, which "
                         + "give back n (not shown exactly).")
        }
        if !withholdsModel(s), c.rows.contains(where: { withholds($0, of: s) }) {
            notes.append("Estimates of factor levels with a withheld count are withheld (they would reveal it).")
        }
        if policy.isEnabled, s.statistics.contains(where: { !$0.reveals.allSatisfy(isExact) }) {
            notes.append("Statistics from which a withheld or rounded count could be derived are withheld ("
                         + policy.marker + ").")
        }
        notes.append("Counts of people: " + policy.footnote(secondaryApplies: s.events != nil))
        t.footnotes = notes
        return [t] + s.sections.map { section(named: $0, of: s) }
    }

    /// A model-specific section as published: like any result table, and with every number withheld when the
    /// model's estimates are (thresholds, variance components and margins are model output too).
    func section(named t: ResultTable, of s: FitSummary) -> Table {
        var out = table(t)
        if withholdsModel(s) {
            out.rows = out.rows.map { $0.map(withheldNumber) }
            out.footnotes.append("Withheld with the model's estimates (\(policy.marker)).")
        }
        return out
    }

    private func withheldNumber(_ c: Cell) -> Cell {
        switch c {
        case .number, .pValue, .integer: return .suppressed(marker: policy.marker)
        default: return c
        }
    }

    /// The JSON contract of DESIGN.md: `model`, `formula`, `n`, `events` (where it applies), `loglik`, `aic`,
    /// `converged`, `iterations`, `warnings`, `coefficients` ({term, estimate, std_error, statistic, p_value,
    /// conf_low, conf_high}), then the other statistics by key, the sections by name, the model-specific keys and
    /// `disclosure_control`. Withheld values are null.
    public func json(_ s: FitSummary) -> JSONValue {
        var fields: [(String, JSONValue)] = [("model", .string(s.model))]
        fields.append(("formula", s.formula.map { .string($0) } ?? .null))
        fields.append(("n", json(s.n)))
        if let e = s.events { fields.append(("events", json(e))) }
        let byKey = Dictionary(s.statistics.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        fields.append(("loglik", byKey["loglik"].map(json) ?? .null))
        fields.append(("aic", byKey["aic"].map(json) ?? .null))
        fields.append(("converged", .bool(s.convergence.converged)))
        fields.append(("iterations", .number(Double(s.convergence.iterations))))
        fields.append(("warnings", .array(s.diagnostics.map { .string($0.text(self)) })))
        fields.append(("coefficients", .array(s.coefficients.rows.map { r in
            let hide = withholds(r, of: s)
            let dfHidden = withholdsDFDependentColumns(s)
            func v(_ x: Double) -> JSONValue { hide || x.isNaN ? .null : .number(x) }
            func w(_ x: Double) -> JSONValue { dfHidden ? .null : v(x) }
            var fields: [(String, JSONValue)] = [
                ("term", .string(r.term)), ("estimate", v(r.estimate)), ("std_error", v(r.standardError)),
                ("statistic", v(r.statistic)), ("p_value", w(r.pValue)), ("conf_low", w(r.confLow)),
                ("conf_high", w(r.confHigh))]
            if let g = s.coefficients.groupColumn { fields.append((g.key, r.group.map { .string($0) } ?? .null)) }
            return .object(fields)
        })))
        for stat in s.statistics where stat.key != "loglik" && stat.key != "aic" {
            fields.append((stat.key, json(stat)))
        }
        for section in s.sections {
            fields.append((section.name, withholdsModel(s) ? json(section, withholdingNumbers: true) : json(section)))
        }
        fields += s.extraJSON
        fields.append(("disclosure_control", .string(policy.footnote(secondaryApplies: s.events != nil))))
        return .object(fields)
    }

    /// A result table as a JSON array of row objects keyed by the columns' keys; withheld cells are null.
    public func json(_ t: ResultTable) -> JSONValue { json(t, withholdingNumbers: false) }

    func json(_ t: ResultTable, withholdingNumbers: Bool) -> JSONValue {
        .array(t.rows.map { row in
            .object(zip(t.columns, row).map { column, cell in
                let c = resolve(cell)
                return (column.key, withholdingNumbers ? withheldNumber(c).jsonValue : c.jsonValue)
            })
        })
    }
}

extension Cell {
    /// The cell as a JSON value (numbers at full precision; missing and withheld as null).
    public var jsonValue: JSONValue {
        switch self {
        case .text(let s): return .string(s)
        case .integer(let i): return .number(Double(i))
        case .number(let x, _), .pValue(let x): return .number(x)
        case .missing, .suppressed: return .null
        }
    }
}
