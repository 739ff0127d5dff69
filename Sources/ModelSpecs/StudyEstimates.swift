public import CareData
public import Reporting
import Foundation
import Survival
import Tabular

/// A condition on one column of a derived dataset: the row's value (as the derivation writes it) is one of
/// `values`, or, for numbers, lies in `range`.
public struct RowCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Test: Sendable, Equatable {
        case oneOf([String])
        case between(Double, Double)
    }
    public let column: String
    public let test: Test

    public init(_ column: String, oneOf values: [String]) { self.column = column; self.test = .oneOf(values) }
    public init(_ column: String, equals value: String) { self.init(column, oneOf: [value]) }
    public init(_ column: String, between low: Double, and high: Double) { self.column = column; self.test = .between(low, high) }

    public var description: String {
        switch test {
        case .oneOf(let v): return v.count == 1 ? "\(column) = \(v[0])" : "\(column) in {\(v.joined(separator: ", "))}"
        case let .between(a, b): return "\(a) ≤ \(column) ≤ \(b)"
        }
    }

    /// Whether row `i` satisfies the condition; nil when the value is missing.
    func holds(in column: DataColumn, row i: Int) -> Bool? {
        switch test {
        case .oneOf(let values):
            guard let s = column.stringValue(at: i) else { return nil }
            if values.contains(s) { return true }
            if let x = column.numericValue(at: i) { return values.contains { Double($0) == x } }
            return false
        case let .between(a, b):
            guard let x = column.numericValue(at: i) else { return nil }
            return a <= x && x <= b
        }
    }
}

/// One estimate a study reports, computed on a derived care dataset (CareData's derivations, as `carestat derive`
/// builds them) restricted to the rows that meet `filter`.
public struct Estimand: Sendable {
    public enum Measure: Sendable {
        /// The Kaplan–Meier estimate at `days` of `Surv(time, event)` (R's `summary(survfit(...), times =)`, log
        /// confidence interval), in percent: S(t) ("still in care"), or 1 − S(t) when `complement` ("returned").
        case survivalAt(time: String, event: String, days: Double, complement: Bool)
        /// The percentage of rows meeting `condition`, with the Wilson score 95% interval.
        case proportion(RowCondition)
        /// Σ numerator ÷ Σ denominator over the rows, in percent, with the Wilson score 95% interval treating the
        /// denominator's units as independent (an approximation for repeated referrals of one child, stated).
        case ratioOfSums(numerator: String, denominator: String)
    }

    /// The estimate's name; a published figure refers to it by `.estimate(label)`.
    public let label: String
    public let dataset: DerivedDataset
    public let options: DerivationOptions
    public let filter: [RowCondition]
    public let measure: Measure

    public init(_ label: String, dataset: DerivedDataset, options: DerivationOptions = DerivationOptions(),
                filter: [RowCondition] = [], measure: Measure) {
        self.label = label
        self.dataset = dataset
        self.options = options
        self.filter = filter
        self.measure = measure
    }
}

/// Estimates from published studies, each on a derived dataset: the "reproduce" analyses (Masson's leaving-care
/// curves, Harwin's returns to court, re-referral rates, childhood prevalence of contact with children's social
/// care). Each estimate's rows and events are counts of people in the run's ledger, and the estimate reveals them.
public struct StudyEstimates: Sendable {
    public let estimands: [Estimand]
    public init(_ estimands: [Estimand]) { self.estimands = estimands }
}

/// A computed estimate: percent, Wilson or Kaplan–Meier interval, and the counts behind it.
public struct StudyEstimate: Sendable {
    public let estimand: Estimand
    public let estimate: Double?
    public let confLow: Double?
    public let confHigh: Double?
    /// Rows used (after the filter, with the measure's columns present).
    public let rows: Int
    /// Events (survival), rows meeting the condition (proportion), or the numerator's sum.
    public let events: Int
    /// Rows of the dataset left out because a filter or measure column was missing.
    public let missing: Int
    /// Why no estimate was computed (follow-up shorter than the horizon, no rows).
    public let note: String?
}

extension StudyEstimates {
    /// Derives each dataset once (per derivation options) and computes every estimate.
    public func compute(on files: CareRecordFiles) throws -> [StudyEstimate] {
        var cache: [String: DataFrame] = [:]
        var out: [StudyEstimate] = []
        for e in estimands {
            // One derivation per dataset and set of options (all of them: censor date, window, level age, ...).
            let key = "\(e.dataset.rawValue)|\(String(describing: e.options))"
            let frame: DataFrame
            if let f = cache[key] { frame = f } else {
                frame = try files.inputs.derive(e.dataset, options: e.options).tables[0].1
                cache[key] = frame
            }
            out.append(try Self.estimate(e, on: frame))
        }
        return out
    }

    static func estimate(_ e: Estimand, on frame: DataFrame) throws -> StudyEstimate {
        let filterColumns = try e.filter.map { try frame.requireColumn($0.column) }
        var kept: [Int] = []
        var missing = 0
        rows: for i in 0..<(frame.columns.first?.count ?? 0) {
            for (c, column) in zip(e.filter, filterColumns) {
                guard let holds = c.holds(in: column, row: i) else { missing += 1; continue rows }
                if !holds { continue rows }
            }
            kept.append(i)
        }
        switch e.measure {
        case let .survivalAt(timeName, eventName, days, complement):
            let time = try frame.requireColumn(timeName), event = try frame.requireColumn(eventName)
            var t: [Double?] = [], d: [Double?] = []
            for i in kept {
                guard let ti = time.numericValue(at: i), let di = event.numericValue(at: i) else { missing += 1; continue }
                t.append(ti)
                d.append(di)
            }
            let events = Int(d.reduce(0) { $0 + ($1 ?? 0) })
            guard !t.isEmpty else { return StudyEstimate(estimand: e, estimate: nil, confLow: nil, confHigh: nil, rows: 0, events: 0, missing: missing, note: "no rows") }
            let data = try DataFrame(columns: [DataColumn(name: "time", doubles: t), DataColumn(name: "event", doubles: d)])
            let fit = try KaplanMeierSpec("Surv(time, event) ~ 1").fit(data)
            guard let curve = fit.curves.first, let last = curve.time.last, last >= days,
                  let p = curve.summary(at: [days]).first else {
                return StudyEstimate(estimand: e, estimate: nil, confLow: nil, confHigh: nil, rows: t.count, events: events,
                                     missing: missing, note: "follow-up ends before \(Int(days)) days")
            }
            let (s, lo, hi) = (100 * p.survival, 100 * p.lower, 100 * p.upper)
            return StudyEstimate(estimand: e, estimate: complement ? 100 - s : s, confLow: complement ? 100 - hi : lo,
                                 confHigh: complement ? 100 - lo : hi, rows: t.count, events: events, missing: missing, note: nil)
        case .proportion(let condition):
            let column = try frame.requireColumn(condition.column)
            var n = 0, k = 0
            for i in kept {
                guard let holds = condition.holds(in: column, row: i) else { missing += 1; continue }
                n += 1
                if holds { k += 1 }
            }
            let (p, lo, hi) = wilson(k, n)
            return StudyEstimate(estimand: e, estimate: p, confLow: lo, confHigh: hi, rows: n, events: k, missing: missing,
                                 note: n == 0 ? "no rows" : nil)
        case let .ratioOfSums(numeratorName, denominatorName):
            let num = try frame.requireColumn(numeratorName), den = try frame.requireColumn(denominatorName)
            var a = 0.0, b = 0.0, n = 0
            for i in kept {
                guard let x = num.numericValue(at: i), let y = den.numericValue(at: i) else { missing += 1; continue }
                a += x
                b += y
                n += 1
            }
            let (p, lo, hi) = wilson(Int(a), Int(b))
            return StudyEstimate(estimand: e, estimate: p, confLow: lo, confHigh: hi, rows: Int(b), events: Int(a), missing: missing,
                                 note: b == 0 ? "no rows" : nil)
        }
    }

    /// The proportion k/n in percent with the Wilson score 95% interval (Wilson 1927; Newcombe 1998, method 3).
    static func wilson(_ k: Int, _ n: Int) -> (Double?, Double?, Double?) {
        guard n > 0 else { return (nil, nil, nil) }
        let z = 1.959963984540054
        let nn = Double(n), p = Double(k) / nn
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (100 * p, 100 * max(0, centre - half), 100 * min(1, centre + half))
    }
}

/// The ledger identifiers of a study run's estimates, in estimand order.
public struct StudyEstimateCounts: Sendable {
    public var rows: [CountID]
    public var events: [CountID]
}

extension Array where Element == StudyEstimate {
    /// Adds the estimates table (label, data, rows, events, estimate with its interval) to the run; each estimate
    /// reveals its rows and events, so it is withheld with them.
    public func add(to output: inout RunOutput) -> StudyEstimateCounts {
        var t = ResultTable(
            name: "study-estimates", title: "Estimates",
            columns: [Column("estimate", alignment: .left), Column("data", alignment: .left), Column("rows (people)", key: "rows"),
                      Column("events / meeting the condition", key: "events"), Column("%", key: "percent"),
                      Column("95% CI low", key: "conf_low"), Column("95% CI high", key: "conf_high"),
                      Column("note", alignment: .left)])
        var counts = StudyEstimateCounts(rows: [], events: [])
        for s in self {
            let rows = output.ledger.count(s.rows, role: .rowsUsed, label: "\(s.estimand.label): rows")
            let events = output.ledger.count(s.events, role: .events, label: "\(s.estimand.label): events")
            counts.rows.append(rows)
            counts.events.append(events)
            let data = ([s.estimand.dataset.rawValue] + s.estimand.filter.map(\.description)
                + (s.estimand.options.levelBeforeAge.map { ["before age \($0)"] } ?? [])).joined(separator: "; ")
            func number(_ x: Double?) -> ResultCell { .revealing(x.map { .number($0) } ?? .missing, reveals: [rows, events]) }
            t.append([.plain(.text(s.estimand.label)), .plain(.text(data)), .count(rows), .count(events),
                      number(s.estimate), number(s.confLow), number(s.confHigh), .plain(.text(s.note ?? ""))])
        }
        let missing = self.reduce(0) { $0 + $1.missing }
        if missing > 0 {
            let id = output.ledger.count(missing, role: .rowsDropped, label: "rows with a missing filter or measure value")
            t.countNotes.append(CountNote("Rows left out because a filter or measure value was missing: {}.", [id]))
        }
        t.footnotes.append("Survival estimates: Kaplan–Meier at the stated time with a log-transformed 95% interval (R survfit's default); proportions: Wilson score 95% interval.")
        output.add(t)
        return counts
    }

    /// CareStat's value for a published `.estimate(label)`.
    public func reproduce(_ quantity: PublishedFigure.Quantity, counts: StudyEstimateCounts) -> ReproducedFigure? {
        guard case .estimate(let label) = quantity, let i = firstIndex(where: { $0.estimand.label == label }),
              let value = self[i].estimate else { return nil }
        return ReproducedFigure(value, confLow: self[i].confLow, confHigh: self[i].confHigh,
                                reveals: [counts.rows[i], counts.events[i]])
    }
}
