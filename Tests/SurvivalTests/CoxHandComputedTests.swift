import Testing
import Foundation
import Tabular
@testable import Survival
import TestSupport

/// Cases small enough to work by hand.
@Suite("Cox model: hand-computed cases")
struct CoxHandComputedTests {
    static func frame(time: [Double], status: [Double], x: [Double]) throws -> DataFrame {
        try DataFrame(columns: [DataColumn(name: "time", doubles: time), DataColumn(name: "status", doubles: status),
                                DataColumn(name: "x", doubles: x)])
    }

    /// Two subjects, x = 0 and x = 1, both dying at t = 1 (a tie).
    /// Efron: the second death faces half of the risk set, so
    ///   ℓ(β) = β − log(1 + e^β) − log((1 + e^β)/2) = log 2 + β − 2·log(1 + e^β),
    ///   U(β) = 1 − 2e^β/(1 + e^β) = 0 at β = 0 — the maximiser; ℓ(0) = −log 2;
    ///   I(0) = 2·e^0/(1 + e^0)² = 1/2, SE = √2.
    /// Breslow: ℓ(β) = β − 2·log(1 + e^β), same maximiser and information, ℓ(0) = −2·log 2.
    /// Newton starts at the maximiser (U = 0), so the first trial point is β = 0 again and the fit converges
    /// in 1 iteration. Tolerances 1e-15 absolute / relative (a handful of roundings).
    @Test func tiedPair() throws {
        let data = try Self.frame(time: [1, 1], status: [1, 1], x: [0, 1])
        let efron = try CoxSpec("Surv(time, status) ~ x").fit(data)
        // β = 0 + I⁻¹·U with U = 0 computed as a difference of equal sums: 0 up to a rounding of the sums (the
        // information's dsyrk may group them differently on another CPU), so 1e-15 absolute.
        #expect(isClose(efron.coefficients, [0], absolute: 1e-15))
        #expect(abs(efron.loglik - (-log(2.0))) <= 1e-15)
        #expect(abs(efron.standardErrors[0] - 2.0.squareRoot()) <= 1e-15)
        #expect(efron.iterations == 1 && efron.converged)
        #expect(isClose(efron.scoreTest.statistic, 0, absolute: 1e-15))
        let breslow = try CoxSpec("Surv(time, status) ~ x", ties: .breslow).fit(data)
        #expect(abs(breslow.loglik - (-2 * log(2.0))) <= 1e-15)
        #expect(abs(breslow.standardErrors[0] - 2.0.squareRoot()) <= 1e-15)
    }

    /// Two subjects, x = 0 dying at t = 1 and x = 1 dying at t = 2: ℓ(β) = −log(1 + e^β) (the second death is
    /// alone in its risk set and contributes β − β = 0). ℓ(0) = −log 2, U(0) = −1/2, I(0) = 1/4, so the score
    /// test is U²/I = 1 and the first Newton step goes to β₁ = −2, with ℓ(−2) = −log(1 + e^−2). The supremum
    /// is at β = −∞ (monotone likelihood): a full fit converges in ℓ (→ 0) while β keeps growing, and must be
    /// flagged. Tolerances 4e-15 relative (the kernel centres x at 0.5, so a few roundings enter).
    /// The full fit is compared with R: coxph() on these two rows also runs out of iterations, at
    /// β = −21.202894770746781, ℓ = −6.1901306283854968e-10 (R, sprintf %.17g), because |1 − ℓ_old/ℓ_new| → 1 − e^{−Δβ} never reaches 1e-9
    /// as ℓ → 0; R then warns only "Ran out of iterations" (its infinite check needs η > 500 when not converged).
    @Test func monotonePair() throws {
        let data = try Self.frame(time: [1, 2], status: [1, 1], x: [0, 1])
        let one = try CoxSpec("Surv(time, status) ~ x", options: .init(maxIterations: 1)).fit(data)
        // One Newton step from 0: β = U/I = (−1/2)/(1/4) = −2 by hand, reached through exp, log and sums. On an
        // AMD EPYC it comes out as −2.0000000000000004 (one ulp) under every OPENBLAS_CORETYPE tried (unset, i.e.
        // Cooperlake there, Haswell, Zen, SkylakeX), where the original machine gave −2 exactly: 4.5e-16 relative
        // (two ulps).
        #expect(isClose(one.coefficients, [-2], relative: 4.5e-16))
        #expect(abs(one.loglikInitial - (-log(2.0))) <= 1e-15)
        #expect(abs(one.loglik - (-log(1 + exp(-2.0)))) <= 4e-15 * log(1 + exp(-2.0)))
        #expect(abs(one.scoreTest.statistic - 1) <= 1e-15)
        #expect(one.warnings.contains(.notConverged(iterations: 1)))
        let full = try CoxSpec("Surv(time, status) ~ x").fit(data)
        #expect(!full.converged && full.iterations == 20)
        // 1e-8 relative: after 20 steps of a diverging fit the information (≈ e^β ≈ 6e-10) is a difference of
        // O(1) terms, so its rounding — grouped differently here than in R's coxfit6 — moves each step by
        // ~1e-16/6e-10 relative; the converged fits of CoxReferenceTests agree to 1e-9.
        #expect(isClose(full.coefficients[0], -21.202894770746781, relative: 1e-8))
        // ℓ ≈ −6e-10 is the difference of terms of size ≈ 10.6 (η and log D), so it is compared absolutely.
        #expect(abs(full.loglik - (-6.1901306283854968e-10)) <= 1e-14)
        #expect(full.warnings == [.notConverged(iterations: 20)])
    }
}
