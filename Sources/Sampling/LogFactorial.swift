import Foundation

/// log k! for integer-valued k ≥ 0, used by the rejection tests of the binomial and Poisson samplers.
///
/// k < 20: log of k! accumulated in Double (exact products up to 18!, one rounding after); k ≥ 20: Stirling's
/// series for log Γ(n), n = k + 1:
/// (n − ½)log n − n + ½log 2π + 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷), truncation error
/// < 1/(1188 n⁹) < 2e-15 (Abramowitz & Stegun 6.1.41). Implemented here rather than taken from the
/// platform's `lgamma` so the samplers depend only on `log`.
enum LogFactorial {
    private static let small: [Double] = {
        var table = [Double]()
        var factorial = 1.0
        for k in 0..<20 {
            if k > 0 { factorial *= Double(k) }
            table.append(log(factorial))
        }
        return table
    }()

    private static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    static func of(_ k: Double) -> Double {
        if k < 20 { return small[Int(k)] }
        let n = k + 1
        let inverse = 1 / n
        let inverse2 = inverse * inverse
        let series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 / 1680)))
        return (n - 0.5) * log(n) - n + halfLogTwoPi + series
    }
}
