/// The Cox kernel's input: survival data sorted for one backward sweep over time, covariates centred.
///
/// Layout (all arrays indexed by *sorted position* 0..<n unless said otherwise):
/// - rows are grouped by stratum (`strataBounds[s] ..< strataBounds[s + 1]`), and within a stratum sorted by
///   stop time **descending**, so a forward pass meets the latest times first (the order of survival's
///   `coxfit6`/`agfit4`, which walk sorted data from the end);
/// - `x` is row-major n×p (row i at `x[i*p ..< (i+1)*p]`), centred by the case-weighted column means (`means`),
///   which leaves the partial likelihood unchanged and keeps exp(η) in range;
/// - `start` is nil for right-censored data; for counting-process (start, stop] data, `startOrder` lists the
///   sorted positions of each stratum by start time descending (same stratum blocks), the order in which rows
///   leave the risk set during the backward sweep;
/// - `rowIndex[i]` is the model-frame row of sorted position i.
///
/// Preconditions (established by ``CoxDataPreparation``): every stop > start, times finite, weights finite and
/// ≥ 0, offsets finite. Building it is O(n log n) (radix sort on the time keys); it holds O(n·p) doubles.
struct CoxKernelInput: Sendable {
    let n: Int
    let p: Int
    let x: [Double]
    let means: [Double]
    let offset: [Double]
    let weight: [Double]
    let event: [Bool]
    let stop: [Double]
    let start: [Double]?
    let startOrder: [Int]?
    let strataBounds: [Int]
    let rowIndex: [Int]
    /// Stratum of each sorted position.
    let stratum: [Int]

    var strataCount: Int { strataBounds.count - 1 }
}
