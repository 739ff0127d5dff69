import Foundation

/// Optimal matching of spells (TraMineR's `seqdist(method = "OMspell")`, Studer & Ritschard 2016; sequenzo 0.1.42's
/// OMspellDistance the same): a sequence is read as its spells (state sₖ held for dₖ positions, TraMineR's
/// `seqdss`/`seqdur`), each duration raised to `tpow`, and spells are aligned by the programme of
/// ``AlignmentKernel`` with these costs (λ = `expcost`, δₖ = dₖ^tpow):
///   delete or insert spell k:           indel + λ·(δₖ − 1)
///   substitute spells of the same state: λ·|δᵢ − δⱼ|
///   substitute different states:        sub(sᵢ, sⱼ) + λ·(δᵢ + δⱼ − 2)
/// so a spell of one position costs what OM charges and each further unit of duration costs λ to create or remove.
/// No prefix/suffix trimming: equal leading spells may differ in duration. Cost per pair: O(mₛ·nₛ) over spell
/// counts, one row of workspace.
struct SpellAlignmentKernel {
    /// A sequence as spells: states and (duration^tpow − 1)·expcost, plus the cost of deleting each spell.
    struct Spells: Sendable {
        let states: [Int]
        let durationCost: [Double]
        let indelCost: [Double]
        /// The cost of deleting every spell (TraMineR's normalisation length ℓ).
        let totalIndel: Double
    }

    let costs: SubstitutionCosts
    let indel: Double

    func spells(_ s: [Int], expcost: Double, tpow: Double) -> Spells {
        var states: [Int] = [], durations: [Int] = []
        for c in s {
            if let last = states.last, last == c { durations[durations.count - 1] += 1 } else { states.append(c); durations.append(1) }
        }
        let dc = durations.map { expcost * (tpow == 1 ? Double($0) - 1 : pow(Double($0), tpow) - 1) }
        let ic = dc.map { indel + $0 }
        return Spells(states: states, durationCost: dc, indelCost: ic, totalIndel: ic.reduce(0, +))
    }

    func distance(_ a: Spells, _ b: Spells, row: UnsafeMutablePointer<Double>) -> Double {
        let m = a.states.count, n = b.states.count
        let size = costs.size
        return costs.values.withUnsafeBufferPointer { sub -> Double in
            row[0] = 0
            for j in 0..<n { row[j + 1] = row[j] + b.indelCost[j] }
            for i in 0..<m {
                let si = a.states[i], ci = a.durationCost[i], del = a.indelCost[i]
                var diag = row[0]
                row[0] += del
                var left = row[0]
                for j in 0..<n {
                    let up = row[j + 1]
                    let sj = b.states[j]
                    var best = up + del
                    let ins = left + b.indelCost[j]
                    if ins < best { best = ins }
                    let s = si == sj ? diag + abs(ci - b.durationCost[j]) : diag + sub[si * size + sj] + ci + b.durationCost[j]
                    if s < best { best = s }
                    row[j + 1] = best
                    diag = up
                    left = best
                }
            }
            return row[n]
        }
    }
}
