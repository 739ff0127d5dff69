/// The Cox kernel's input: the shared sorted ``SurvivalData`` plus the covariates in its order, centred.
///
/// Layout (arrays indexed by *sorted position* 0..<n): ``SurvivalData``'s order — by stratum, then time
/// ascending; the kernel sweeps each stratum block from its end (latest time first), as survival's
/// `coxfit6`/`agfit4` do, and for counting-process data walks `startOrder` (positions by start ascending) from
/// its end to remove rows once t ≤ start. `x` is row-major n×p (row i at `x[i*p ..< (i+1)*p]`), centred by the
/// case-weighted column means `means`, which leaves the partial likelihood unchanged and keeps exp(η) in range.
///
/// Preconditions (established by ``SurvivalData`` and the driver): stop > start, times finite, weights finite
/// and ≥ 0, offsets finite. It holds O(n·p) doubles.
struct CoxKernelInput: Sendable {
    let data: SurvivalData
    let p: Int
    let x: [Double]
    let means: [Double]
    let offset: [Double]
    /// Case weights in sorted order (all 1 when unweighted), materialised for the inner loops.
    let weight: [Double]

    init(data: SurvivalData, p: Int, x: [Double], means: [Double], offset: [Double]) {
        self.data = data
        self.p = p
        self.x = x
        self.means = means
        self.offset = offset
        self.weight = data.weight ?? [Double](repeating: 1, count: data.count)
    }

    var n: Int { data.count }
    var event: [Bool] { data.event }
    var stop: [Double] { data.time }
    var start: [Double]? { data.entry }
    var startOrder: [Int]? { data.entryOrder }
    var strataBounds: [Int] { data.stratumStart }
    var rowIndex: [Int] { data.row }
    var stratum: [Int] { data.stratum }
    var strataCount: Int { data.stratumStart.count - 1 }
}
