internal import Foundation
import Formulas

/// The response, trials, prior weights and starting means of a family, as R's `family$initialize`:
///
/// - binomial, one column: 0 ≤ y ≤ 1 required (y set to 0 where the weight is 0), trials 1,
///   μ₀ = (w·y + 0.5)/(w + 1), warning when w·y is not within 0.001 of an integer;
/// - binomial, `cbind(s, f)`: trials n = s + f, y = s/n (0 where n = 0), weights w·n, μ₀ = (n·y + 0.5)/(n + 1),
///   warning for non-integer counts; negative counts are refused;
/// - Poisson: y ≥ 0, μ₀ = y + 0.1; negative binomial: y ≥ 0, μ₀ = y + [y = 0]/6;
/// - Gaussian: μ₀ = y (y > 0 required with the log link); Gamma: y > 0, μ₀ = y.
struct FamilySetup {
    var y: [Double]
    var trials: [Double]
    var weights: [Double]
    var mustart: [Double]
    var warnings: [String]

    init(family: GLMFamily, response: ResponseValues, priorWeights: [Double]) throws(GLMError) {
        var w = priorWeights
        var warnings: [String] = []
        switch response {
        case .numeric(let values):
            var y = values
            let n = y.count
            switch family {
            case .binomial:
                for i in 0..<n where w[i] == 0 { y[i] = 0 }
                guard y.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
                    throw .invalidResponse("binomial y values must be 0 <= y <= 1 (use cbind(successes, failures) for counts)")
                }
                if (0..<n).contains(where: { let m = w[$0] * y[$0]; return Swift.abs(m - m.rounded()) > 0.001 }) {
                    warnings.append("non-integer #successes in a binomial glm")
                }
                self.mustart = (0..<n).map { (w[$0] * y[$0] + 0.5) / (w[$0] + 1) }
            case .poisson:
                guard y.allSatisfy({ $0 >= 0 }) else { throw .invalidResponse("negative values not allowed for the Poisson family") }
                self.mustart = y.map { $0 + 0.1 }
            case .negativeBinomial:
                guard y.allSatisfy({ $0 >= 0 }) else {
                    throw .invalidResponse("negative values not allowed for the negative binomial family")
                }
                self.mustart = y.map { $0 + ($0 == 0 ? 1.0 / 6 : 0) }
            case .gaussian(let link):
                if link == .log && y.contains(where: { $0 <= 0 }) {
                    throw .invalidResponse("the log link needs y > 0 for starting values (cannot find valid starting values)")
                }
                self.mustart = y
            case .gamma:
                guard y.allSatisfy({ $0 > 0 }) else { throw .invalidResponse("non-positive values not allowed for the Gamma family") }
                self.mustart = y
            }
            self.y = y
            // One trial a row. When the prior weights are all 1 (no weights given), `trials` shares their storage
            // (same values; an n-vector fewer, 8 MB at n = 10⁶).
            self.trials = w.allSatisfy({ $0 == 1 }) ? w : [Double](repeating: 1, count: n)
        case let .binomial(successes, failures):
            guard case .binomial = family else {
                throw .invalidResponse("cbind(successes, failures) is a binomial response; use family binomial")
            }
            guard successes.allSatisfy({ $0 >= 0 }) && failures.allSatisfy({ $0 >= 0 }) else {
                throw .invalidResponse("binomial counts must be non-negative")
            }
            if (successes + failures).contains(where: { Swift.abs($0 - $0.rounded()) > 0.001 }) {
                warnings.append("non-integer counts in a binomial glm")
            }
            let n = successes.indices.map { successes[$0] + failures[$0] }
            let y = successes.indices.map { n[$0] == 0 ? 0 : successes[$0] / n[$0] }
            for i in w.indices { w[i] *= n[i] }
            self.y = y
            self.trials = n
            self.mustart = y.indices.map { (n[$0] * y[$0] + 0.5) / (n[$0] + 1) }
        case .survival, .countingProcess:
            throw .invalidResponse("a Surv() response needs a survival model, not a GLM")
        }
        self.weights = w
        self.warnings = warnings
    }
}
