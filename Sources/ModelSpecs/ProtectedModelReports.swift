public import Reporting
public import Survival

/// The Cox reports with their counts of people published under a policy, for `carestat cox` and the survival
/// spec until they publish through ``DisclosureGate`` (issue 10; the other models already do). Estimates are
/// never touched.
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
}
