public import Reporting

/// What ``SyntheticGenerator/generate(into:)`` wrote: each file with its number of data rows, and headline
/// counts of the simulated population.
public struct SyntheticSummary: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public let name: String
        public let rows: Int
    }

    public var directory: String
    public var seed: UInt64
    public var files: [File]
    /// Children simulated, children with any CIN referral episode written, children with any period of care
    /// written, children in the outcome cohort.
    public var children: Int
    public var childrenReferred: Int
    public var childrenLookedAfter: Int
    public var outcomeCohort: Int
    /// Injected problems, by kind, as (eligible units, injected).
    public var injected: [String: [Int]]

    /// The summary as a table (file, rows), the seed and counts in the footnotes.
    public var table: Table {
        var t = Table(title: "Synthetic data written to \(directory)",
                      columns: [Column("file", alignment: .left), Column("rows")])
        for f in files { t.append([.text(f.name), .integer(f.rows)]) }
        t.footnotes = [
            "seed \(seed); \(children) children simulated, \(childrenReferred) with a CIN referral episode, "
                + "\(childrenLookedAfter) looked after, \(outcomeCohort) in the outcome cohort",
        ]
        for key in injected.keys.sorted() {
            if let v = injected[key], v.count == 2, v[1] > 0 {
                t.footnotes.append("injected \(key): \(v[1]) of \(v[0])")
            }
        }
        return t
    }
}
