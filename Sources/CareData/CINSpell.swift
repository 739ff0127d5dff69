public import Tabular

/// What the state derivations (``CareSequences``) need of a cleaned CIN episode, in 64 bytes: the child, the
/// dates that open and close the episode and its child protection plan, the child's date of birth as the record
/// gives it, the census year and whether the child was assessed as in need (``CINEpisode/isChildInNeed``).
///
/// A national CIN census holds about ten million cleaned episodes; a full ``CINEpisode`` is about 600 bytes with
/// its codes, so the `sequences` derivation keeps this form instead (``CleanedCINRecords/spells``).
public struct CINSpell: Sendable, Hashable {
    /// Day numbers (``CivilDate/daysSinceEpoch``) with ``none`` for a missing date.
    public static let none = Int32.min

    public var key: ChildKey
    public var referral: Int32
    public var closure: Int32
    public var cppStart: Int32
    public var cppEnd: Int32
    /// PersonBirthDate of this record.
    public var birth: Int32
    /// CensusYear; ``none`` when missing.
    public var censusYear: Int32
    /// ``CINEpisode/isChildInNeed``.
    public var isChildInNeed: Bool

    init(key: ChildKey, referral: Int32, closure: Int32, cppStart: Int32, cppEnd: Int32, birth: Int32, censusYear: Int32,
         isChildInNeed: Bool) {
        self.key = key
        self.referral = referral
        self.closure = closure
        self.cppStart = cppStart
        self.cppEnd = cppEnd
        self.birth = birth
        self.censusYear = censusYear
        self.isChildInNeed = isChildInNeed
    }

    public init(_ e: CINEpisode) {
        func day(_ f: DateField) -> Int32 { f.date.map { Int32($0.daysSinceEpoch) } ?? Self.none }
        key = e.key
        referral = day(e.referralDate)
        closure = day(e.closureDate)
        cppStart = day(e.cppStartDate)
        cppEnd = day(e.cppEndDate)
        birth = day(e.birthDate)
        censusYear = e.censusYear.map { Int32($0) } ?? Self.none
        isChildInNeed = e.isChildInNeed
    }

    /// Whether the child was on a child protection plan on day `d` (plan started on or before it, not ended by it).
    @inline(__always) func onPlan(_ d: Int32) -> Bool {
        cppStart != Self.none && cppStart <= d && (cppEnd == Self.none || d < cppEnd)
    }

    /// Whether the episode, assessed as in need, was open on day `d` (referred on or before it, not closed by it).
    @inline(__always) func inNeed(_ d: Int32) -> Bool {
        isChildInNeed && referral != Self.none && referral <= d && (closure == Self.none || d < closure)
    }

    /// The record's date of birth, if valid.
    public var birthDate: CivilDate? { birth == Self.none ? nil : CivilDate(daysSinceEpoch: Int(birth)) }
}

/// Which cleaned CIN records a validation keeps for the caller.
public enum CleanedCINRecords: Sendable, Hashable {
    /// None (`carestat validate`, which reports and quarantines): ``Validation/cinEpisodes`` stays empty.
    case none
    /// The full records (``Validation/cinEpisodes``), for the derivations that read their codes.
    case episodes
    /// Only ``CINSpell``s (``Validation/cinSpells``), for the state derivations at national scale. The copies
    /// superseded by a later census year are then counted (``Validation/unlistedSuperseded``) rather than listed
    /// one issue each, since nothing quarantines them: five million issues with their record text would take
    /// gigabytes.
    case spells
}
