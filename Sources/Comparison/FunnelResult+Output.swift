public import Reporting
import Foundation

/// How a funnel plot's outputs go through the disclosure gate (DESIGN.md "Output conventions"; issue 10).
///
/// What a point on a funnel plot reveals, and the rule applied:
/// - Each unit's **observed count** is a count of people (`.count`). So is its **denominator** when it is a count
///   of children — always for proportions; for rates when every denominator is a whole number (a fractional
///   population estimate is not a count of people and is shown as it is). Expected counts of ratios are model
///   quantities, not counts.
/// - The **estimate** (y/n, rate, O/E) and the **z-score** give the observed count back once the denominator (or
///   expected count) is known: they reveal the unit's observed count and its denominator, and are withheld with
///   them. A plotted point is its (denominator, estimate) pair, so the figure draws only the units whose estimate
///   is published.
/// - The **target** θ0 = Σy/Σn reveals the total observed count, which is related to the units' counts (total =
///   Σ parts), so a withheld unit cannot be recovered as the total minus the shown ones. Unadjusted **limits**
///   depend on the unit's size and the target only: they reveal the total (and the unit's denominator).
/// - **φ, τ²**, and every limit and z-score adjusted by them, are functions of all units' observed counts (with
///   the total shown and two counts withheld, φ gives the second equation that solves for both): they are
///   withheld if any observed count is.
/// - The **verdict** (low/within/high) is published for every unit: it places the count in a band of values, not
///   at a value. (A reviewer may wish to revisit this for units whose whole "within" band lies under the threshold.)
extension FunnelResult {
    /// The column labels of the data, for the tables.
    public struct Labels: Sendable {
        public var unit: String, observed: String, size: String
        public init(unit: String, observed: String, size: String) {
            self.unit = unit
            self.observed = observed
            self.size = size
        }
    }

    /// The run's outputs: the funnel table (JSON: DESIGN.md's `funnel` contract), the outliers, the
    /// overdispersion estimates and the method-sensitivity table, and the SVG figure named `figureName`.
    public func output(population: String, labels: Labels, sensitivity: MethodSensitivity?, policy: DisclosurePolicy,
                       figureName: String = "funnel", maxLabels: Int = 15) -> RunOutput {
        outputWithCounts(population: population, labels: labels, sensitivity: sensitivity, policy: policy,
                         figureName: figureName, maxLabels: maxLabels).run
    }

    /// As ``output(population:labels:sensitivity:policy:figureName:maxLabels:)``, with the ids of the units'
    /// observed counts and (where they are counts) denominators in the run's ledger, so that further outputs of the
    /// same units (shrinkage) refer to the same counts.
    public func outputWithCounts(population: String, labels: Labels, sensitivity: MethodSensitivity?, policy: DisclosurePolicy,
                                 figureName: String = "funnel", maxLabels: Int = 15) -> (run: RunOutput, observed: [CountID], denominators: [CountID?]) {
        var run = RunOutput(population: population)
        let (o, d) = add(to: &run, labels: labels, sensitivity: sensitivity, policy: policy, figureName: figureName, maxLabels: maxLabels)
        return (run, o, d)
    }

    /// Adds the funnel's tables and figure to an existing run (a spec with several funnels): table names are
    /// prefixed with `tablePrefix`; the JSON contract is set only when `contractJSON` is true. Returns the ids of
    /// the units' observed counts and denominators.
    @discardableResult
    public func add(to run: inout RunOutput, labels: Labels, sensitivity: MethodSensitivity?, policy: DisclosurePolicy,
                    figureName: String = "funnel", maxLabels: Int = 15, tablePrefix: String = "",
                    contractJSON: Bool = true, title: String? = nil) -> (observed: [CountID], denominators: [CountID?]) {
        let denominatorIsCount: Bool = switch measure {
        case .proportion: true
        case .rate: units.allSatisfy { ($0.denominator ?? 0) == ($0.denominator ?? 0).rounded() }
        case .ratio: false
        }
        let obs = units.map { run.ledger.count($0.observed, role: .events, label: "\($0.unit): \(labels.observed)") }
        let totalObs = run.ledger.count(units.reduce(0) { $0 + $1.observed }, role: .events,
                                        label: "all units: \(labels.observed)")
        run.ledger.relate(total: totalObs, parts: obs)
        var den: [CountID?] = Array(repeating: nil, count: units.count)
        if denominatorIsCount {
            let ids = units.map { run.ledger.count(Int($0.denominator!), role: .rowsUsed, label: "\($0.unit): \(labels.size)") }
            let total = run.ledger.count(ids.reduce(0) { $0 + run.ledger.value($1) }, role: .rowsUsed,
                                         label: "all units: \(labels.size)")
            run.ledger.relate(total: total, parts: ids)
            den = ids
        }
        let targetReveals: [CountID] = measure == .ratio ? [] : [totalObs]
        // φ and τ² are functions of every observed count, and so is every adjusted limit and z-score (each gives
        // τ² back). Listing all n counts in each of the ~5n adjusted cells would cost O(n²) (10,000 units: 10⁸
        // identifiers), so the run's counts are decided once here with the same policy the gate applies: if any
        // observed count is withheld, the adjusted cells reveal that count (and are withheld with it). Nothing else
        // in a run relates to these counts, so the gate's final decisions on them are the same; φ and τ² themselves
        // list every count.
        var odReveals: [CountID] = []
        if overdispersionMethod != .none {
            let pre = DisclosureGate(policy: policy).decide(run.ledger)
            if let w = obs.first(where: { !pre.isExact($0) }) { odReveals = [w] }
        }
        let denIDs = den

        // Cells, computed once so the JSON and figure closures capture values only.
        func num(_ x: Double) -> Cell { x.isFinite ? .number(x, significantDigits: 5) : .missing }
        let unitReveals = units.indices.map { i in [obs[i]] + (denIDs[i].map { [$0] } ?? []) }
        let estimateCells: [ResultCell] = units.indices.map { .revealing(num(units[$0].estimate), reveals: unitReveals[$0]) }
        let zCells: [ResultCell] = units.indices.map {
            .revealing(.number(units[$0].z, significantDigits: 4), reveals: unitReveals[$0] + odReveals)
        }
        let limitReveals = units.indices.map { i in targetReveals + (denIDs[i].map { [$0] } ?? []) + odReveals }
        let limitCells: [[(low: ResultCell, high: ResultCell)]] = units.indices.map { i in
            units[i].limits.map { (.revealing(num($0.low), reveals: limitReveals[i]), .revealing(num($0.high), reveals: limitReveals[i])) }
        }
        let sizeCells: [ResultCell] = units.indices.map { i in
            if let d = denIDs[i] { return .count(d) }
            return .plain(num(measure == .ratio ? units[i].expected! : units[i].denominator!))
        }
        // θ0·n reveals the total observed (and n).
        let expectedCells: [ResultCell] = units.indices.map { i in
            measure == .ratio ? sizeCells[i]
                : .revealing(num(units[i].expected ?? .nan), reveals: targetReveals + (denIDs[i].map { [$0] } ?? []))
        }
        let targetCell: ResultCell = .revealing(num(target), reveals: targetReveals)
        let od = overdispersion
        let phiCell: ResultCell = od.map { .revealing(.number($0.phi, significantDigits: 5), reveals: obs) } ?? .plain(.missing)
        let tau2Cell: ResultCell = od.map { .revealing(.number($0.tau2, significantDigits: 5), reveals: obs) } ?? .plain(.missing)
        // The ML dispersion is a function of every observed count, as φ.
        let dispersionCell: ResultCell = predictive.map {
            $0.isBoundary ? .plain(.text("none (ML at the boundary)")) : .revealing(.number($0.parameter, significantDigits: 6), reveals: obs)
        } ?? .plain(.missing)

        // The funnel table.
        var columns = [Column(labels.unit, key: "unit", alignment: .left), Column(labels.observed, key: "observed"),
                       Column(labels.size, key: measure == .ratio ? "expected" : "denominator"),
                       Column(estimateName, key: "estimate"), Column("z", key: "z")]
        for l in levels {
            columns.append(Column("\(FunnelLimits.key(l))% low", key: "low_\(FunnelLimits.key(l))"))
            columns.append(Column("\(FunnelLimits.key(l))% high", key: "high_\(FunnelLimits.key(l))"))
        }
        columns.append(Column("verdict", key: "verdict", alignment: .left))
        // Several funnels in one run (a spec) name their measure in the titles.
        let of = tablePrefix.isEmpty ? "" : " of \(labels.observed)"
        var table = ResultTable(name: tablePrefix + "funnel", title: "Funnel plot: \(estimateName)\(of) by \(labels.unit)", columns: columns)
        for i in units.indices {
            var row: [ResultCell] = [.plain(.text(units[i].unit)), .count(obs[i]), sizeCells[i], estimateCells[i], zCells[i]]
            for l in limitCells[i] { row += [l.low, l.high] }
            row.append(.plain(.text(units[i].verdict.rawValue)))
            table.append(row)
        }
        table.footnotes = methodNotes
        run.add(table)

        // Summary: target and overdispersion.
        var summary = ResultTable(name: tablePrefix + "overdispersion", title: "Target and overdispersion\(of)",
                                  columns: [Column("quantity", key: "quantity", alignment: .left), Column("value", key: "value")])
        summary.append([.plain("target"), targetCell])
        summary.append([.plain("phi"), phiCell])
        summary.append([.plain("tau2"), tau2Cell])
        if let p = predictive {
            summary.append([.plain(p.model == .betaBinomial ? "beta-binomial precision M (ML)" : "negative-binomial size k (ML)"), dispersionCell])
        }
        summary.append([.plain("adjustment applied"), .plain(.text(overdispersionMethod.rawValue))])
        summary.footnotes = ["φ and τ² are estimated from z-scores Winsorised at the \(Int((spec.trim * 100).rounded()))th and \(Int(((1 - spec.trim) * 100).rounded()))th percentiles (DerSimonian–Laird for τ²)."]
        run.add(summary)

        // Outliers.
        var outliers = ResultTable(name: tablePrefix + "outliers", title: "Units outside the \(FunnelLimits.key(verdictLevel))% limits\(of)",
                                   columns: [Column(labels.unit, key: "unit", alignment: .left), Column(estimateName, key: "estimate"),
                                             Column("z", key: "z"), Column("verdict", key: "verdict", alignment: .left)])
        for i in units.indices where units[i].verdict != .within {
            outliers.append([.plain(.text(units[i].unit)), estimateCells[i], zCells[i], .plain(.text(units[i].verdict.rawValue))])
        }
        if outliers.rows.isEmpty { outliers.footnotes.append("No unit lies outside the limits.") }
        run.add(outliers)

        // Method sensitivity.
        if let s = sensitivity {
            var t = ResultTable(name: tablePrefix + "sensitivity", title: "Units whose verdict changes with the method\(of) (\(FunnelLimits.key(verdictLevel))% limits)",
                                columns: [Column(labels.unit, key: "unit", alignment: .left)]
                                    + s.methods.map { Column($0, key: $0, alignment: .left) })
            for r in s.changing { t.append([.plain(.text(r.unit))] + r.verdicts.map { .plain(.text($0.rawValue)) }) }
            t.footnotes.append(s.changing.isEmpty ? "Every unit has the same verdict under every method."
                               : "Units not listed have the same verdict under every method.")
            run.add(t)
        }

        // The JSON contract.
        let snapshot = self
        if contractJSON { run.json = { d in
            var unitObjects: [JSONValue] = []
            for (i, u) in snapshot.units.enumerated() {
                let limits: [(String, JSONValue)] = zip(u.limits, limitCells[i]).map { l, c in
                    (l.key, .array([d.resolve(c.low).jsonValue, d.resolve(c.high).jsonValue]))
                }
                let denominatorJSON: JSONValue = snapshot.measure == .ratio ? .null : d.resolve(sizeCells[i]).jsonValue
                unitObjects.append(.object([
                    ("unit", .string(u.unit)), ("observed", d.json(obs[i])), ("denominator", denominatorJSON),
                    ("expected", d.resolve(expectedCells[i]).jsonValue), ("estimate", d.resolve(estimateCells[i]).jsonValue),
                    ("z", d.resolve(zCells[i]).jsonValue), ("limits", .object(limits)),
                    ("verdict", .string(u.verdict.rawValue)),
                ]))
            }
            var fields: [(String, JSONValue)] = [
                ("model", .string("funnel")), ("measure", .string(snapshot.measure.name)),
                ("method", .string(snapshot.method.rawValue)), ("target", d.resolve(targetCell).jsonValue),
            ]
            if case .rate(let per) = snapshot.measure { fields.append(("per", .number(per))) }
            fields.append(("overdispersion", .object([
                ("method", .string(snapshot.overdispersionMethod.rawValue)), ("phi", d.resolve(phiCell).jsonValue),
                ("tau2", d.resolve(tau2Cell).jsonValue), ("trim", .number(snapshot.spec.trim)),
            ] + (snapshot.predictive.map { p in
                [(p.model == .betaBinomial ? "precision" : "size", d.resolve(dispersionCell).jsonValue),
                 ("dispersion_estimator", .string("maximum likelihood with the mean at the target")),
                 ("boundary", .bool(p.isBoundary))]
            } ?? []))))
            fields.append(("verdict_level", .string(FunnelLimits.key(snapshot.verdictLevel))))
            fields.append(("units", .array(unitObjects)))
            if let s = sensitivity {
                fields.append(("sensitivity", .object([
                    ("methods", .array(s.methods.map { .string($0) })),
                    ("changing", .array(s.changing.map { r in
                        .object([("unit", .string(r.unit)),
                                 ("verdicts", .array(r.verdicts.map { .string($0.rawValue) }))])
                    })),
                ])))
            }
            fields.append(("disclosure_control", .string(d.policy.footnote(secondaryApplies: true))))
            return .object(fields)
        } }

        // The figure: drawn from published values only.
        let points = units.indices.map { i in
            (x: sizeCells[i], y: estimateCells[i], limit: limitCells[i][0].low, label: units[i].unit, verdict: units[i].verdict,
             absZ: abs(units[i].z))
        }
        let xLabel = labels.size
        let chartTitle = title ?? "Funnel plot: \(estimateName)"
        let yLabel = estimateName
        run.add(figure: RunOutput.Figure(name: figureName) { d in
            var xs: [Double] = [], ys: [Double] = []
            var outside: [(x: Double, y: Double, label: String, absZ: Double)] = []
            var omitted = false
            for p in points {
                guard let x = d.resolve(p.x).numericValue, let y = d.resolve(p.y).numericValue else {
                    omitted = true
                    continue
                }
                xs.append(x); ys.append(y)
                if p.verdict != .within { outside.append((x, y, p.label, p.absZ)) }
            }
            // Label the outliers, at most `maxLabels` of them (those furthest out), so the labels stay legible.
            let shown = outside.sorted { $0.absZ > $1.absZ }.prefix(maxLabels)
            let labelled = shown.map { ChartLayer(.text(x: $0.x, y: $0.y, text: " " + $0.label, anchor: .start), color: "#222222") }
            var layers: [ChartLayer] = []
            var notes: [String] = []
            let curvesPublishable = points.allSatisfy { !d.isWithheld($0.limit) }
            let sizes = points.compactMap { d.resolve($0.x).numericValue }.filter { $0 > 0 }
            if curvesPublishable, let lo = sizes.min(), let hi = sizes.max() {
                let grid = (0...200).map { k in exp(log(lo * 0.8) + (log(hi * 1.1) - log(lo * 0.8)) * Double(k) / 200) }
                for (k, level) in snapshot.levels.sorted().enumerated() {
                    let lims = grid.map { snapshot.limits(atSize: $0, level: level) }
                    let colour = ChartPalette.color(k + 1)
                    layers.append(ChartLayer(.line(x: grid, y: lims.map(\.low)), label: "\(FunnelLimits.key(level))% limits",
                                             color: colour, dash: k == 0 ? [6, 4] : []))
                    layers.append(ChartLayer(.line(x: grid, y: lims.map(\.high)), color: colour, dash: k == 0 ? [6, 4] : []))
                }
            } else if !curvesPublishable {
                notes.append("Control limits are not drawn: they would reveal a withheld count.")
            }
            if let t = d.resolve(targetCell).numericValue { layers.append(ChartLayer(.horizontalRule(y: t), label: "target", color: "#555555")) }
            layers.append(ChartLayer(.points(x: xs, y: ys), label: "units", color: ChartPalette.color(0)))
            layers += labelled
            if omitted { notes.append("Units whose values would reveal a withheld count are not plotted.") }
            notes.append(outside.count > shown.count
                ? "Labelled: the \(shown.count) units furthest outside the \(FunnelLimits.key(snapshot.verdictLevel))% limits (of \(outside.count) outside; all are listed in the outliers table)."
                : "Labelled: units outside the \(FunnelLimits.key(snapshot.verdictLevel))% limits.")
            var chart = Chart(title: chartTitle, xAxis: ChartAxis(xLabel, scale: .log10),
                              yAxis: ChartAxis(yLabel), layers: layers)
            chart.footnotes = notes
            return chart.svg()
        })
        return (obs, den)
    }

    /// The estimate's name in tables.
    var estimateName: String {
        switch measure {
        case .proportion: "proportion"
        case .rate(let per): "rate per \(per == per.rounded() && abs(per) < 1e15 ? String(Int(per)) : String(per))"
        case .ratio: "O/E ratio"
        }
    }

    /// Count-free notes stating the method.
    var methodNotes: [String] {
        var notes: [String] = []
        let how: String = switch (method, measure) {
        case (.exact, .proportion): "exact binomial limits with Spiegelhalter's (2005) interpolation"
        case (.exact, _): "exact Poisson limits with Spiegelhalter's (2005) interpolation"
        case (.gamma, _): "FunnelPlotR's exact Poisson (χ²) limits"
        case (.wilson, _): "Wilson score limits"
        case (.normal, .proportion): "normal limits on the arcsine-square-root scale"
        case (.normal, _): "normal limits on the square-root scale"
        }
        notes.append("Limits: \(how); target \(measure == .ratio ? "1" : "Σ observed / Σ denominator").")
        switch overdispersionMethod {
        case .none: notes.append("No overdispersion adjustment.")
        case .phi: notes.append("Limits widened by √φ (multiplicative overdispersion; not applied when φ ≤ 1).")
        case .tau2: notes.append("Limits widened by the between-unit variance τ² (additive, DerSimonian–Laird).")
        case .betabinomial:
            notes.append(predictive?.isBoundary == true
                ? "Beta-binomial: the ML intra-unit correlation is 0 (no overdispersion), so the limits are the exact binomial ones."
                : "Predictive limits: beta-binomial counts around the target, intra-unit correlation ρ by maximum likelihood given the target; Spiegelhalter's interpolation; z uses the variance inflation 1 + (n − 1)ρ.")
        case .negbin:
            notes.append(predictive?.isBoundary == true
                ? "Negative binomial: the ML size is infinite (no overdispersion), so the limits are the exact Poisson ones."
                : "Predictive limits: negative-binomial counts with mean E and size k by maximum likelihood given E (MASS::theta.ml); Spiegelhalter's interpolation; z uses the variance inflation 1 + E/k.")
        }
        notes.append("Verdict against the \(FunnelLimits.key(verdictLevel))% limits; z on the transformed scale.")
        return notes
    }
}

extension Cell {
    /// The number a cell holds, nil when it is text, missing or withheld.
    var numericValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let x, _): x
        default: nil
        }
    }
}
