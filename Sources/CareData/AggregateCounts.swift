/// Which columns of a derived dataset are counts of people, for the datasets that are aggregate tables (a
/// dataset of one row per child is microdata for analysis inside the research environment, not an output for
/// release; an aggregate table of counts is an output and goes through disclosure control when written).
public struct AggregateCountColumns: Sendable, Equatable {
    /// A percentage column and the two counts it is computed from (100 × numerator / denominator): it reveals both.
    public struct Percentage: Sendable, Equatable {
        public let column: String
        public let numerator: String
        public let denominator: String
    }

    /// Columns whose cells are counts of children.
    public let counts: [String]
    public let percentages: [Percentage]

    /// The count columns of a table a derivation writes (`table` is "" for the main table, or the suffix of a
    /// companion table such as "monthly"), or nil when the table is not an aggregate of counts.
    public static func of(_ dataset: DerivedDataset, table: String) -> AggregateCountColumns? {
        switch (dataset, table) {
        case (.laCounts, ""):
            return AggregateCountColumns(counts: ["cla_at31", "cla_starts", "cla_ends", "cpp_at31", "cpp_starts", "cin_at31"],
                                         percentages: [])
        case (.laCounts, "monthly"):
            return AggregateCountColumns(counts: ["n"], percentages: [])
        case (.reReferrals, ""):
            return AggregateCountColumns(
                counts: ["referrals", "rereferrals_12m", "rereferrals_36m"],
                percentages: [Percentage(column: "pct_12m", numerator: "rereferrals_12m", denominator: "referrals"),
                              Percentage(column: "pct_36m", numerator: "rereferrals_36m", denominator: "referrals")])
        default:
            return nil
        }
    }
}
