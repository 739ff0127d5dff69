/// A grouping of the rows of a model frame: strata, clusters or the groups of a random effect.
public struct Grouping: Sendable, Equatable {
    /// What defines the groups, e.g. `strata(la)`, `cluster(id)` or `la`.
    public let name: String
    /// Group labels; a single stratum column gives `la=E1` (survival's naming), several give `a=x, b=y`.
    public let levels: [String]
    /// For each row of the frame, the 0-based index into ``levels``.
    public let codes: [Int]

    public init(name: String, levels: [String], codes: [Int]) {
        self.name = name
        self.levels = levels
        self.codes = codes
    }
}
