import Foundation
import Sampling

/// Simulates one child's contact with children's social care from birth to 18 (or the data end).
///
/// Referrals arrive as a Poisson process with piecewise-constant rate by age band,
/// r(age) = r₀ · m_band · exp(β·idaci_z + u_LA) · G, with G ~ Gamma(shape, 1/shape) the child's frailty (mean 1)
/// (``SyntheticParameters/Contact``). Each referral is closed with no further action, assessed and closed, or
/// leads to a CIN plan or a section 47 enquiry and child protection plan; from a CPP or CIN plan a child who has
/// never been looked after may enter care (probabilities by age band). After a closure the next referral comes
/// with probability `probabilityRereferral` after an exponential wait (mean `rereferralMeanDays`), otherwise
/// from the baseline process.
///
/// Care: the first entry comes only from the referral process; every later entry is a return to care drawn from
/// the Weibull proportional-hazards model of ``SyntheticParameters/ReturnToCare`` after an at-risk exit before
/// 18, so that the hazard ratios in truth.json are exactly the generating ones. Each (re-)entry is tied to a CIN
/// referral episode that stays open while the child is looked after and closes after the exit (RC1 adoption,
/// RC4 SGO, RC3 child arrangements order, RC7 otherwise).
struct SyntheticChildSimulator {
    let parameters: SyntheticParameters
    let dataEnd: Int
    let otherAreas: [String]

    func simulate(child: inout SyntheticChild, contactEffect: Double, rng: inout Xoshiro256StarStar) throws(SamplingError) {
        let birthdays = SyntheticBirthdays(dob: child.dob)
        let frailty = try drawFrailty(rng: &rng)
        let instability = try drawInstability(rng: &rng)
        let multiplier = referralMultiplier(idaci: child.idaci, frailty: frailty, contactEffect: contactEffect)
        let first = try baselineReferral(after: child.dob, birthdays: birthdays, multiplier: multiplier, rng: &rng)
        try simulate(child: &child, multiplier: multiplier, instability: instability, firstReferral: first, rng: &rng)
    }

    /// The child's referral-rate frailty G ~ Gamma(shape, 1/shape) (mean 1).
    func drawFrailty(rng: inout Xoshiro256StarStar) throws(SamplingError) -> Double {
        try rng.gamma(shape: parameters.contact.frailtyShape, scale: 1 / parameters.contact.frailtyShape)
    }

    /// The child's placement-instability frailty (gamma, mean 1).
    func drawInstability(rng: inout Xoshiro256StarStar) throws(SamplingError) -> Double {
        try rng.gamma(shape: parameters.care.instabilityShape, scale: 1 / parameters.care.instabilityShape)
    }

    /// G · exp(β·idaci_z + u_LA): the child's multiplier of the baseline referral rate.
    func referralMultiplier(idaci: Double, frailty: Double, contactEffect: Double) -> Double {
        let idaciZ = (idaci - parameters.idaciCentre) / parameters.idaciScale
        return frailty * exp(parameters.contact.idaciLogRateRatio * idaciZ + contactEffect)
    }

    /// The last day on which a referral can arrive, plus one: the 18th birthday or the day after the data end.
    func horizon(_ birthdays: SyntheticBirthdays) -> Int { min(birthdays.eighteen, dataEnd + 1) }

    /// The child's history from a first baseline referral already drawn (nil: none before 18), with the frailty
    /// already folded into `multiplier`. Split from ``simulate(child:contactEffect:rng:)`` so that the national
    /// mode can draw the first referral before the rest of the child (most children have none).
    func simulate(child: inout SyntheticChild, multiplier: Double, instability: Double, firstReferral: Int?,
                  rng: inout Xoshiro256StarStar) throws(SamplingError) {
        let contact = parameters.contact
        let birthdays = SyntheticBirthdays(dob: child.dob)
        let horizon = horizon(birthdays)
        let periodSimulator = SyntheticCarePeriodSimulator(parameters: parameters, child: child, birthdays: birthdays,
                                                           instability: instability, otherAreas: otherAreas)
        var everLookedAfter = false
        var next = firstReferral
        while let date = next, date < horizon {
            let band = birthdays.ageBand(at: date)
            var referral = SyntheticReferral(date: date, source: try SyntheticCodes.referralSource.draw(&rng), need: "",
                                             nfa: false)
            var careEntry: Int?
            if rng.uniform() < contact.probabilityNFA {
                referral.nfa = true
                referral.need = try SyntheticCodes.primaryNeedNFA.draw(&rng)
                referral.closure = date + rng.uniformInteger(in: 0...3)
                referral.closureReason = SyntheticCode.rc8
            } else {
                referral.need = try SyntheticCodes.primaryNeed.draw(&rng)
                let start = date + rng.uniformInteger(in: 0...7)
                let authorised = start + max(1, SyntheticCalendar.days(try rng.gamma(shape: 3, scale: 28.0 / 3)))
                referral.assessmentStart = start
                referral.assessmentAuthorised = authorised
                if rng.uniform() < contact.probabilityNotInNeed {
                    referral.closure = authorised
                    referral.closureReason = SyntheticCode.rc8
                } else if rng.uniform() < contact.probabilityCPP[band] {
                    referral.need = SyntheticCode.n1
                    let s47 = date + rng.uniformInteger(in: 0...10)
                    let conference = s47 + rng.uniformInteger(in: 10...20)
                    referral.s47Start = s47
                    referral.initialConference = conference
                    referral.cppStart = conference
                    let category = try SyntheticCodes.abuseCategory.draw(&rng)
                    referral.abuseInitial = category
                    referral.abuseLatest = rng.uniform() < 0.1 ? try SyntheticCodes.abuseCategory.draw(&rng) : category
                    let planEnd = conference + max(30, SyntheticCalendar.days(try rng.gamma(shape: 3, scale: contact.cppMeanDays / 3)))
                    if !everLookedAfter && rng.uniform() < contact.probabilityCareFromCPP[birthdays.ageBand(at: conference)] {
                        let entry = conference + 1 + SyntheticCalendar.days(try rng.exponential(rate: 1.0 / 90))
                        if entry < planEnd {
                            careEntry = entry
                            referral.cppEnd = entry
                        }
                    }
                    if careEntry == nil {
                        referral.cppEnd = planEnd
                        referral.cinPlanStart = planEnd
                        let stepDown = planEnd + max(30, SyntheticCalendar.days(try rng.gamma(shape: 2, scale: 60)))
                        referral.cinPlanEnd = stepDown
                        referral.closure = stepDown
                        referral.closureReason = SyntheticCode.rc7
                    }
                } else {
                    referral.cinPlanStart = authorised
                    let planEnd = authorised + max(14, SyntheticCalendar.days(try rng.gamma(shape: 2, scale: contact.cinPlanMeanDays / 2)))
                    if !everLookedAfter && rng.uniform() < contact.probabilityCareFromCIN[birthdays.ageBand(at: authorised)] {
                        let entry = authorised + 1 + SyntheticCalendar.days(try rng.exponential(rate: 1.0 / 60))
                        if entry < planEnd {
                            careEntry = entry
                            referral.cinPlanEnd = entry
                        }
                    }
                    if careEntry == nil {
                        referral.cinPlanEnd = planEnd
                        referral.closure = planEnd
                        referral.closureReason = SyntheticCode.rc7
                    }
                }
            }
            var lastClosure: Int
            if let entry = careEntry, entry < birthdays.eighteen {
                everLookedAfter = true
                child.referrals.append(referral)
                lastClosure = try careChain(child: &child, firstEntry: entry, birthdays: birthdays,
                                            periodSimulator: periodSimulator, rng: &rng)
            } else {
                clamp(&referral, to: birthdays.eighteen)
                child.referrals.append(referral)
                lastClosure = referral.closure ?? birthdays.eighteen
            }
            if lastClosure >= horizon { break }
            if rng.uniform() < contact.probabilityRereferral {
                next = lastClosure + 1 + SyntheticCalendar.days(try rng.exponential(rate: 1 / contact.rereferralMeanDays))
            } else {
                next = try baselineReferral(after: lastClosure, birthdays: birthdays, multiplier: multiplier, rng: &rng)
            }
        }
    }

    /// The first (re-)entry and every return to care, each with its referral episode (the last referral in
    /// `child.referrals` for the first entry). Returns the closure date of the last referral.
    private func careChain(child: inout SyntheticChild, firstEntry: Int, birthdays: SyntheticBirthdays,
                           periodSimulator: SyntheticCarePeriodSimulator, rng: inout Xoshiro256StarStar) throws(SamplingError) -> Int {
        let model = parameters.returnToCare
        var entry = firstEntry
        while true {
            let referralIndex = child.referrals.count - 1
            let band = birthdays.ageBand(at: entry)
            let needCodes = band >= 3 ? SyntheticCodes.needAdolescent : SyntheticCodes.needChild
            let referralNeed = child.referrals[referralIndex].need
            let need = [SyntheticCode.n0, SyntheticCode.n9].contains(referralNeed) ? try needCodes.draw(&rng) : referralNeed
            let result = try periodSimulator.simulate(entry: entry, need: need, rng: &rng)
            child.periods.append(result.period)
            child.proceedings.append(contentsOf: result.proceedings)
            let exit = result.period.end ?? birthdays.eighteen
            let code = result.period.exitCode ?? SyntheticCode.e8
            var closure = exit + rng.uniformInteger(in: 0...30)
            // Return to care?
            var reentry: Int?
            if exit < birthdays.eighteen && SyntheticCodes.atRiskExits.contains(code) {
                let exitBand = birthdays.ageBand(at: exit)
                var lp = 0.0
                switch exitBand {
                case 2: lp += model.logHRAge5to10
                case 3: lp += model.logHRAge11to15
                case 4: lp += model.logHRAge16to17
                default: break
                }
                if result.lastLegalStatus == SyntheticCode.v2 { lp += model.logHRSection20 }
                if SyntheticCodes.permanenceOrderExits.contains(code) {
                    lp += model.logHRPermanenceOrder
                } else if !SyntheticCodes.homeExits.contains(code) {
                    lp += model.logHROtherExit
                }
                if result.placements >= 3 { lp += model.logHRUnstable }
                let e = try rng.exponential()
                let years = model.weibullScaleYears * pow(e / exp(lp), 1 / model.weibullShape)
                if years < 19 {
                    let date = exit + max(1, SyntheticCalendar.days(years * 365.25))
                    if date < birthdays.eighteen && date <= dataEnd { reentry = date }
                }
            }
            if let date = reentry {
                closure = min(closure, date - 8)
                closure = max(closure, exit)
            }
            let reason: String
            switch code {
            case SyntheticCode.e11, SyntheticCode.e12: reason = SyntheticCode.rc1
            case SyntheticCode.e45, SyntheticCode.e46, SyntheticCode.e47, SyntheticCode.e48: reason = SyntheticCode.rc4
            case SyntheticCode.e41: reason = SyntheticCode.rc3
            default: reason = SyntheticCode.rc7
            }
            child.referrals[referralIndex].closure = min(closure, birthdays.eighteen)
            child.referrals[referralIndex].closureReason = reason
            clamp(&child.referrals[referralIndex], to: birthdays.eighteen)
            guard let date = reentry else { return child.referrals[referralIndex].closure ?? birthdays.eighteen }
            // The referral that precedes the return to care.
            let previousClosure = child.referrals[referralIndex].closure ?? exit
            let referralDate = max(previousClosure + 1, date - rng.uniformInteger(in: 0...7))
            entry = max(date, referralDate)
            let assessment = referralDate
            let authorised = assessment + max(1, SyntheticCalendar.days(try rng.gamma(shape: 3, scale: 28.0 / 3)))
            let reentryNeeds = birthdays.ageBand(at: entry) >= 3 ? SyntheticCodes.needAdolescent : SyntheticCodes.needChild
            let needCode = try reentryNeeds.draw(&rng)
            child.referrals.append(SyntheticReferral(date: referralDate, source: try SyntheticCodes.referralSource.draw(&rng),
                                                     need: needCode, nfa: false, assessmentStart: assessment,
                                                     assessmentAuthorised: authorised))
            if entry >= birthdays.eighteen { return birthdays.eighteen }
        }
    }

    /// Ends everything at the 18th birthday: dates after it are pulled back to it and an open episode is closed
    /// there (RC7).
    private func clamp(_ referral: inout SyntheticReferral, to eighteen: Int) {
        func cut(_ date: Int?) -> Int? { date.map { min($0, eighteen) } }
        if (referral.closure ?? Int.max) > eighteen {
            referral.closure = eighteen
            referral.closureReason = SyntheticCode.rc7
        }
        referral.assessmentStart = cut(referral.assessmentStart)
        referral.assessmentAuthorised = cut(referral.assessmentAuthorised)
        referral.cinPlanStart = cut(referral.cinPlanStart)
        referral.cinPlanEnd = cut(referral.cinPlanEnd)
        referral.s47Start = cut(referral.s47Start)
        referral.initialConference = cut(referral.initialConference)
        referral.cppStart = cut(referral.cppStart)
        referral.cppEnd = cut(referral.cppEnd)
    }

    /// The next referral date after `start` from the baseline process: inversion of the piecewise-constant
    /// cumulative hazard (one exponential draw); nil if none before the 18th birthday.
    func baselineReferral(after start: Int, birthdays: SyntheticBirthdays, multiplier: Double,
                                  rng: inout Xoshiro256StarStar) throws(SamplingError) -> Int? {
        var remaining = try rng.exponential()
        var t = Double(start)
        var band = birthdays.ageBand(at: start)
        let contact = parameters.contact
        while band < 5 {
            let bandEnd = Double(birthdays.bandStart(band + 1))
            let rate = contact.referralRatePerYear * contact.ageBandMultipliers[band] * multiplier / 365.25
            if bandEnd > t {
                let mass = rate * (bandEnd - t)
                if remaining < mass { return Int(t + remaining / rate) + 1 }
                remaining -= mass
                t = bandEnd
            }
            band += 1
        }
        return nil
    }
}
