public import MixedModels
public import Reporting
public import Survival
public import Formulas

/// The model reports with their counts of people published under a policy: the rewrites of the estimator
/// libraries' tables and JSON that the commands (`carestat cox`, `glmm`, `ologit`, `mlogit`) and the specs share,
/// so a count is protected the same way wherever it is printed. Estimates are never touched.
extension ProtectedModelCounts {
    // MARK: Cox

    /// The coefficient table of a Cox fit: its first footnote gives `rowsLabel` (n) and `eventsLabel` (events),
    /// with the strata count, as published, and the fit's own "K rows dropped for missing values" warning has K
    /// published too. `self` must protect the fit's n and events (``init(n:events:policy:)``).
    public func protect(coxTable table: Table, fit: CoxFit, rowsLabel: String = "rows used",
                        eventsLabel: String = "events") throws -> Table {
        var t = table
        let summary = "\(rowsLabel) = \(text(n)), \(eventsLabel) = \(events.map(text) ?? policy.marker)"
            + (fit.strata.isEmpty ? "" : ", strata = \(fit.strata.count)")
            + " (counts of rows: " + footnote + ")"
        if t.footnotes.isEmpty { t.footnotes = [summary] } else { t.footnotes[0] = summary }
        let warning = "warning: "
        t.footnotes = try t.footnotes.map {
            $0.hasPrefix(warning) ? warning + (try protect(coxNote: String($0.dropFirst(warning.count)), fit: fit)) : $0
        }
        return t
    }

    /// The JSON of a Cox fit with n, events and the dropped-rows warning published (see ``protect(json:revealingN:)``).
    public func protect(coxJSON value: JSONValue, fit: CoxFit) throws -> JSONValue {
        guard case .object(var fields) = protect(json: value) else { return value }
        for (k, field) in fields.enumerated() where field.0 == "warnings" {
            if case .array(let items) = field.1 {
                fields[k].1 = .array(try items.map { item in
                    if case .string(let s) = item { return .string(try protect(coxNote: s, fit: fit)) }
                    return item
                })
            }
        }
        return .object(fields)
    }

    /// The fit's "K rows dropped for missing values" warning (``CoxModelWarning/rowsDropped(count:)``, matched by
    /// its description, not parsed) with K published, a count of people; any other note unchanged.
    func protect(coxNote note: String, fit: CoxFit) throws -> String {
        guard policy.isEnabled else { return note }
        for case let .rowsDropped(k) in fit.warnings where note == CoxModelWarning.rowsDropped(count: k).description {
            let shown = try ProtectedModelCounts(n: k, policy: policy)
            return "\(shown.text(shown.n)) row(s) dropped for missing values"
        }
        return note
    }

    // MARK: Mixed models

    /// The coefficient table of a mixed model with its "n = … in G groups of g" footnote published (the number
    /// of groups is not a count of people and stays) and the policy's sentence after it. `self` protects fit.n.
    public func protect(mixedModelTable table: Table, fit: MixedModelFit) -> Table {
        var t = table
        let prefix = "n = \(fit.n) in "
        if let k = t.footnotes.firstIndex(where: { $0.hasPrefix(prefix) }) {
            t.footnotes[k] = "n = \(text(n)) in " + t.footnotes[k].dropFirst(prefix.count)
            t.footnotes.insert("Counts of rows: " + footnote, at: k + 1)
        }
        return t
    }

    // MARK: Ordered and multinomial logit

    /// The counts of people of an ordered or multinomial fit: the rows used, and the sum of the case
    /// (frequency) weights, which counts people when the weights are whole numbers (unweighted it is n itself).
    /// A sum of fractional weights is not a count and stays as it is (nil).
    public static func categorical(n: Int, totalWeight: Double, weighted: Bool, policy: DisclosurePolicy)
        throws -> (rows: ProtectedModelCounts, weights: ProtectedModelCounts?) {
        let rows = try ProtectedModelCounts(n: n, policy: policy)
        guard weighted else { return (rows, rows) }
        guard totalWeight.rounded() == totalWeight, totalWeight >= 0, totalWeight < 1e15 else { return (rows, nil) }
        return (rows, try ProtectedModelCounts(n: Int(totalWeight), policy: policy))
    }

    /// The JSON of an ordered or multinomial fit with `n` and `sum_weights` (when a count) published under the
    /// policy, the counts in its warnings (rows dropped for missing values or zero weight) too, and
    /// `disclosure_control` added.
    public static func protect(categoricalJSON json: JSONValue,
                               _ counts: (rows: ProtectedModelCounts, weights: ProtectedModelCounts?),
                               missing: MissingRowReport?, zeroWeightRows: Int) -> JSONValue {
        guard case .object(var fields) = counts.rows.protect(json: json) else { return json }
        for k in fields.indices {
            switch fields[k] {
            case ("sum_weights", _): if let w = counts.weights { fields[k].1 = ProtectedModelCounts.json(w.n) }
            case ("warnings", .array(let notes)):
                fields[k].1 = .array(notes.map { note in
                    if case .string(let s) = note {
                        .string(counts.rows.protect(note: s, missing: missing, zeroWeightRows: zeroWeightRows))
                    } else { note }
                })
            default: break
            }
        }
        return .object(fields)
    }

    /// The tables of an ordered or multinomial fit with the fit summary's "n (rows used)" and (when a count)
    /// "Sum of weights" rows and the counts in its warnings (rows dropped) published under the policy, and the
    /// policy's sentence as a footnote there.
    public static func protect(categoricalTables tables: [Table],
                               _ counts: (rows: ProtectedModelCounts, weights: ProtectedModelCounts?),
                               missing: MissingRowReport?, zeroWeightRows: Int) -> [Table] {
        tables.map { table in
            guard let k = table.rows.firstIndex(where: { $0.first == .text("n (rows used)") }) else { return table }
            var t = table
            t.rows[k][1] = counts.rows.cell(counts.rows.n)
            var what = "rows used"
            if let w = counts.weights, let j = t.rows.firstIndex(where: { $0.first == .text("Sum of weights") }) {
                t.rows[j][1] = w.cell(w.n)
                what += ", sum of case weights"
            }
            let warning = "Warning: "
            t.footnotes = t.footnotes.map { note in
                note.hasPrefix(warning)
                    ? warning + counts.rows.protect(note: String(note.dropFirst(warning.count)), missing: missing,
                                                    zeroWeightRows: zeroWeightRows)
                    : note
            }
            t.footnotes.append("Counts of people (\(what)): " + counts.rows.footnote)
            return t
        }
    }
}
