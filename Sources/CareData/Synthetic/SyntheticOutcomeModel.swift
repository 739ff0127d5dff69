import Foundation
import Sampling

/// Draws a cohort child's outcomes from the models of ``SyntheticParameters/Outcomes``:
/// - SEN ~ Bernoulli(logistic(α_sen + γ_level + γ_male·male)), drawn first: it enters every outcome below;
/// - attainment ~ Bernoulli(logistic(α + β_level + β_idaci·z + β_male·male + β_sen·sen + u_LA));
/// - unauthorised absences ~ NB2(μ, θ) drawn as Poisson(Gamma(θ, μ/θ)), log μ = α + β_level + … + u_LA;
/// - convictions: Y = #{k : η + L > c_k} for L standard logistic, i.e. P(Y ≥ k) = logistic(η − c_k)
///   (cumulative logit, McCullagh 1980);
/// - disposal severity among the convicted: 1 + #{s : η_s + L′ > c_s}; 0 without a conviction.
/// Level index 0 = none, 1 = referral, 2 = CIN, 3 = CPP, 4 = CLA.
struct SyntheticOutcomeModel {
    let parameters: SyntheticParameters

    func draw(level: Int, idaci: Double, male: Bool, la: SyntheticLocalAuthority,
              rng: inout Xoshiro256StarStar) throws(SamplingError) -> SyntheticOutcome {
        let o = parameters.outcomes
        let z = (idaci - parameters.idaciCentre) / parameters.idaciScale
        let m = male ? 1.0 : 0.0
        func levelEffect(_ effects: [Double]) -> Double { level == 0 ? 0 : effects[level - 1] }

        let senLP = o.senIntercept + levelEffect(o.senLevel) + o.senMale * m
        let sen = rng.uniform() < 1 / (1 + exp(-senLP)) ? 1.0 : 0.0

        let attainmentLP = o.attainmentIntercept + levelEffect(o.attainmentLevel) + o.attainmentIdaci * z
            + o.attainmentMale * m + o.attainmentSEN * sen + la.attainmentEffect
        let attainment = rng.uniform() < 1 / (1 + exp(-attainmentLP)) ? 1 : 0

        let mean = exp(o.absenceIntercept + levelEffect(o.absenceLevel) + o.absenceIdaci * z + o.absenceMale * m
                       + o.absenceSEN * sen + la.absenceEffect)
        let lambda = try rng.gamma(shape: o.absenceSize, scale: mean / o.absenceSize)
        let absences = try rng.poisson(mean: min(lambda, 1e9))

        let eta = levelEffect(o.convictionLevel) + o.convictionIdaci * z + o.convictionMale * m + o.convictionSEN * sen
            + la.convictionEffect
        let latent = eta + logisticDeviate(&rng)
        let convictions = (latent > o.convictionCutpoints[0] ? 1 : 0) + (latent > o.convictionCutpoints[1] ? 1 : 0)
        var disposal = 0
        if convictions > 0 {
            let etaS = levelEffect(o.disposalLevel) + o.disposalIdaci * z + o.disposalMale * m + o.disposalSEN * sen
            let latentS = etaS + logisticDeviate(&rng)
            disposal = 1 + (latentS > o.disposalCutpoints[0] ? 1 : 0) + (latentS > o.disposalCutpoints[1] ? 1 : 0)
        }
        return SyntheticOutcome(level: level, sen: Int(sen), attainment: attainment, absences: absences, convictions: convictions,
                                disposal: disposal)
    }

    /// A standard logistic deviate by inversion, log(u/(1 − u)) with u in (0, 1).
    private func logisticDeviate(_ rng: inout Xoshiro256StarStar) -> Double {
        let u = rng.uniformOpen()
        return log(u / (1 - u))
    }
}
