import Foundation

extension RandomNumberGenerator {
    /// A Binomial(n, p) count: the number of successes in `trials` independent Bernoulli(p) trials. Exact
    /// (no normal approximation) for every n and p.
    ///
    /// Algorithm: with p' = min(p, 1 − p) (and the count reflected to n − X when p > ½):
    /// - n·p' < 10: sequential inversion (Kachitvichyanukul & Schmeiser 1988, algorithm BINV): one uniform u,
    ///   walk k = 0, 1, … subtracting f(k) with f(0) = (1 − p')ⁿ and f(k) = f(k−1)·((n+1)s/k − s), s = p'/(1−p');
    ///   should rounding exhaust the walk (u left over after k = n), the draw is repeated. Expected O(1 + np').
    /// - n·p' ≥ 10: BTRS, the transformed rejection with squeeze of W. Hörmann (1993), "The generation of
    ///   binomial random variates", J. Statist. Comput. Simul. 46, 101–110: constants
    ///   b = 1.15 + 2.53√(np'q'), a = −0.0873 + 0.0248b + 0.01p', c = np' + ½, α = (2.83 + 5.1/b)√(np'q'),
    ///   v_r = 0.92 − 4.2/b; k = ⌊(2a/u_s + b)u + c⌋ is accepted in the box (u_s ≥ 0.07, v ≤ v_r) or when
    ///   log(v·α/(a/u_s² + b)) ≤ log f(k) − log f(m), m = ⌊(n+1)p'⌋, with log f from ``LogFactorial``.
    ///   Expected O(1) (acceptance ≥ 0.8 asymptotically).
    /// Edge cases: n = 0 or p = 0 → 0, p = 1 → n, without consuming randomness.
    /// - Throws: ``SamplingError/invalidParameter(name:value:requirement:)`` if trials is outside 0...2⁵² (the
    ///   algorithm counts in Double, exact only up to 2⁵³) or p is outside [0, 1] (including NaN).
    public mutating func binomial(trials: Int, probability p: Double) throws(SamplingError) -> Int {
        guard trials >= 0 && trials <= 1 << 52 else {
            throw SamplingError.invalidParameter(name: "trials", value: Double(trials), requirement: "in 0...2^52")
        }
        guard p >= 0 && p <= 1 else {
            throw SamplingError.invalidParameter(name: "probability", value: p, requirement: "in [0, 1]")
        }
        if trials == 0 || p == 0 { return 0 }
        if p == 1 { return trials }
        let reflected = p > 0.5
        let q = reflected ? 1 - p : p
        let n = Double(trials)
        let count = n * q < 10 ? binomialInversion(n: n, p: q) : binomialBTRS(n: n, p: q)
        return reflected ? trials - count : count
    }

    private mutating func binomialInversion(n: Double, p: Double) -> Int {
        let s = p / (1 - p)
        let a = (n + 1) * s
        let start = exp(n * log1p(-p))
        while true {
            var u = uniform()
            var f = start
            var k = 0.0
            while true {
                if u < f { return Int(k) }
                u -= f
                k += 1
                if k > n { break }
                f *= a / k - s
            }
        }
    }

    private mutating func binomialBTRS(n: Double, p: Double) -> Int {
        let q = 1 - p
        let spq = (n * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = n * p + 0.5
        let alpha = (2.83 + 5.1 / b) * spq
        let vr = 0.92 - 4.2 / b
        let m = ((n + 1) * p).rounded(.down)
        let logOdds = log(p / q)
        let logFMode = -LogFactorial.of(m) - LogFactorial.of(n - m) + m * logOdds
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > n { continue }
            if us >= 0.07 && v <= vr { return Int(k) }
            let logV = log(v * alpha / (a / (us * us) + b))
            let logFK = -LogFactorial.of(k) - LogFactorial.of(n - k) + k * logOdds
            if logV <= logFK - logFMode { return Int(k) }
        }
    }
}
