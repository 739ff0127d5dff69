public import Reporting

extension FitSummary {
    /// The count of people at a factor level that the coefficient `term` (`level=CPP`) reveals, if the term is
    /// a level's indicator with a registered count.
    public func levelCount(ofTerm term: String) -> CountID? {
        coefficients.rows.first { $0.term == term }?.levelCount
    }

    /// Every count the coefficient `term` reveals: its level's rows and its rows by outcome category.
    public func revealedCounts(ofTerm term: String) -> [CountID] {
        guard let r = coefficients.rows.first(where: { $0.term == term }) else { return [] }
        return (r.levelCount.map { [$0] } ?? []) + r.cellCounts
    }

    /// Adds marginal estimates (average predictions, marginal effects, contrasts) as a section named `name`.
    ///
    /// Each row names one or two factor levels (`f=B`, `f=B − f=A`); its estimate is a smooth function of those
    /// levels' coefficients, so it reveals what they reveal: a row is withheld with a level whose count is
    /// withheld, like the level's own coefficient.
    public mutating func appendMargins(_ rows: [MarginalEstimate], name: String, title: String,
                                       notes: [String] = []) {
        var t = ResultTable(name: name, title: title,
                            columns: [Column("contrast", alignment: .left), Column("estimate"),
                                      Column("std. error", key: "std_error"), Column("z", key: "statistic"),
                                      Column("p", key: "p_value"), Column("95% CI low", key: "conf_low"),
                                      Column("95% CI high", key: "conf_high")])
        for r in rows {
            let reveals = r.label.components(separatedBy: " − ").flatMap(revealedCounts(ofTerm:))
            func cell(_ c: Cell) -> ResultCell { reveals.isEmpty ? .plain(c) : .revealing(c, reveals: reveals) }
            t.append([.plain(.text(r.label)), cell(.number(r.estimate)), cell(.number(r.standardError)),
                      cell(.number(r.statistic, significantDigits: 3)), cell(.pValue(r.pValue)),
                      cell(.number(r.confidenceLow)), cell(.number(r.confidenceHigh))])
        }
        t.footnotes = notes + ["Response scale; averaged over the rows of the fit with the covariate set as shown; "
                               + "delta-method standard errors; 95% Wald (normal) intervals."]
        sections.append(t)
    }
}
