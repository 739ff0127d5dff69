public import CareData
public import Tabular

/// What the looked-after stock–flow model reads from validated SSDA903 data: each child's date of birth (from the
/// header), the periods of care (short-breaks-only periods left out: they are not care in the model's sense) and the
/// earliest episode start (a reference window must not begin before it). Shared by `carestat demand` and the
/// `demand-forecast` spec, so both prepare the data the same way. Complexity: O(episodes log episodes) for the periods.
public struct StockFlowInputs: Sendable {
    public let birthDates: [ChildKey: CivilDate]
    public let periods: [PeriodOfCare]
    public let earliestEpisodeStart: CivilDate?

    public init(_ validation: Validation) {
        var birthDates: [ChildKey: CivilDate] = [:]
        for c in validation.children { if let d = c.dob.date, let id = c.child { birthDates[ChildKey(la: c.la, child: id)] = d } }
        self.birthDates = birthDates
        periods = PeriodsOfCare.build(validation.episodes).filter { !$0.isShortBreaksOnly }
        earliestEpisodeStart = validation.episodes.compactMap { $0.decom.date }.min()
    }
}
