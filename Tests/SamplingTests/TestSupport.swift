import Foundation
import Testing

/// Shared fixtures and statistical checks for the Sampling tests.
///
/// Seeds: every distributional test runs the first seeds 1...5 (`testSeeds`) — the first five, not a chosen
/// subset — and every seed must pass at the stated level (α = 0.001 per check for chi-square and
/// Kolmogorov–Smirnov, 5 standard errors for moments).
let testSeeds: [UInt64] = Array(1...5)

/// Draws per seed in the distributional tests (the KS critical value below is for this n).
let drawsPerSeed = 10_000

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func lines(_ name: String) -> [[String]] {
        let url = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    /// kind,parameter,value rows of reference_values.csv (scipy/mpmath, see make-fixtures.py).
    static let referenceValues: [String: [(parameter: String, value: Double)]] = {
        var table = [String: [(parameter: String, value: Double)]]()
        for row in lines("reference_values.csv") where row.count == 3 {
            table[row[0], default: []].append((row[1], Double(row[2]) ?? .nan))
        }
        return table
    }()

    /// scipy.stats.chi2.isf(0.001, df).
    static func chiSquareCritical(df: Int) -> Double {
        referenceValues["chisq_0.999"]?.first { $0.parameter == String(df) }?.value ?? .nan
    }

    /// scipy.stats.kstwo.isf(0.001, n): exact upper 0.1 % point of the KS statistic D_n.
    static func ksCritical(n: Int) -> Double {
        referenceValues["ks_0.999"]?.first { $0.parameter == String(n) }?.value ?? .nan
    }
}

/// One-sample Kolmogorov–Smirnov statistic D_n = sup |F_n(x) − F(x)| for a continuous CDF F.
func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = sample.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
    }
    return d
}

struct ChiSquareResult {
    var statistic: Double
    var degreesOfFreedom: Int
    var critical: Double
    var passes: Bool { statistic <= critical }
}

/// Pearson's chi-square goodness-of-fit test of integer draws against a pmf on lower...upper.
///
/// Cells are the integers in lower...upper (chosen by the caller to hold all but a negligible mass); adjacent
/// cells are pooled from the left until each pooled bin expects ≥ 5 draws (so at most n/5 = 2000 bins for
/// n = 10000; the last short bin joins its left neighbour); draws below `lower` count in the first bin and
/// above `upper` in the last. The probability outside lower...upper is added to the last bin. df = bins − 1; critical value at α = 0.001 from scipy.
func chiSquare(_ draws: [Int], lower: Int, upper: Int, pmf: (Int) -> Double) -> ChiSquareResult {
    let n = Double(draws.count)
    var counts = [Int: Int]()
    for x in draws { counts[min(max(x, lower), upper), default: 0] += 1 }
    var bins: [(expected: Double, observed: Double)] = []
    var expected = 0.0
    var observed = 0.0
    var totalProbability = 0.0
    for k in lower...upper {
        let p = pmf(k)
        totalProbability += p
        expected += n * p
        observed += Double(counts[k] ?? 0)
        if expected >= 5 {
            bins.append((expected, observed))
            expected = 0
            observed = 0
        }
    }
    expected += n * max(0, 1 - totalProbability)
    if let last = bins.popLast() {
        bins.append((last.expected + expected, last.observed + observed))
    } else {
        bins.append((expected, observed))
    }
    let statistic = bins.reduce(0.0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
    let df = bins.count - 1
    return ChiSquareResult(statistic: statistic, degreesOfFreedom: df,
                           critical: df >= 1 ? Fixtures.chiSquareCritical(df: df) : .nan)
}

/// Checks the sample mean and variance against the true mean μ, variance σ² and excess kurtosis κ:
/// |x̄ − μ| ≤ z·σ/√n and |s² − σ²| ≤ z·σ²·√((κ + 2)/n) (the large-sample standard error of s²,
/// since Var(s²) ≈ (μ₄ − σ⁴)/n = σ⁴(κ + 2)/n).
func momentsAgree(_ sample: [Double], mean mu: Double, variance sigma2: Double, excessKurtosis kappa: Double,
                  z: Double = 5) -> Bool {
    let n = Double(sample.count)
    let mean = sample.reduce(0, +) / n
    let variance = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    let meanOK = abs(mean - mu) <= z * (sigma2 / n).squareRoot()
    let varianceOK = abs(variance - sigma2) <= z * sigma2 * ((kappa + 2) / n).squareRoot()
    return meanOK && varianceOK
}

/// C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ, evaluated as exp(log C(n, k) + k log p + (n − k) log1p(−p)) with the C library's
/// lgamma (independent of the sampler's own log-factorial).
func binomialPMF(_ k: Int, n: Int, p: Double) -> Double {
    if k < 0 || k > n { return 0 }
    let nd = Double(n)
    let kd = Double(k)
    let logChoose: Double = lgamma(nd + 1) - lgamma(kd + 1) - lgamma(nd - kd + 1)
    let logPowers: Double = kd * log(p) + (nd - kd) * log1p(-p)
    return exp(logChoose + logPowers)
}

/// e^{−λ} λᵏ / k!, evaluated as exp(−λ + k log λ − lgamma(k + 1)).
func poissonPMF(_ k: Int, lambda: Double) -> Double {
    if k < 0 { return 0 }
    let kd = Double(k)
    return exp(-lambda + kd * log(lambda) - lgamma(kd + 1))
}
