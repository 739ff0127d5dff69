/// Known data-quality problems the generator can inject, each at a stated rate, so that validation and
/// cleaning code can be tested against problems whose number and location are known (truth.json lists them).
///
/// The rates are probabilities per eligible unit (each Bernoulli, drawn from the generator's injection
/// sub-stream, so injecting problems never changes the clean records themselves):
/// - `missingChildIDRate`: per CIN census row, LAchildID is blanked; per SSDA903 episode row, CHILD is blanked.
/// - `overlappingEpisodeRate`: per SSDA903 episode that ends with REC = X1, its DEC is moved 1–30 days later,
///   so that it overlaps the next episode (breaking continuity rule 388).
/// - `missingClosureDateRate`: per closed CIN referral episode, CINclosureDate is blanked in the row of the
///   census year in which the episode closed (ReasonForClosure kept), as in the 18.5 % of closed episodes
///   without a closure date reported for the real census (seed 002).
///
/// Defaults are all zero (clean data): the generator is the ground truth for recovery tests, which should not
/// be confounded by injected errors unless a test asks for them.
public struct SyntheticQualityProblems: Sendable, Equatable {
    public var missingChildIDRate: Double
    public var overlappingEpisodeRate: Double
    public var missingClosureDateRate: Double

    public init(missingChildIDRate: Double = 0, overlappingEpisodeRate: Double = 0, missingClosureDateRate: Double = 0) {
        self.missingChildIDRate = missingChildIDRate
        self.overlappingEpisodeRate = overlappingEpisodeRate
        self.missingClosureDateRate = missingClosureDateRate
    }

    /// No injected problems.
    public static let none = SyntheticQualityProblems()

    /// True when every rate is zero.
    public var isClean: Bool { missingChildIDRate == 0 && overlappingEpisodeRate == 0 && missingClosureDateRate == 0 }

    func validate() throws(SyntheticError) {
        for (name, rate) in [("missingChildIDRate", missingChildIDRate), ("overlappingEpisodeRate", overlappingEpisodeRate),
                             ("missingClosureDateRate", missingClosureDateRate)] {
            guard rate >= 0 && rate <= 1 else {
                throw .invalidConfiguration("\(name) = \(rate) must be in [0, 1]")
            }
        }
    }
}
