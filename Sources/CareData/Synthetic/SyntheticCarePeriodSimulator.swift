import Foundation
import Sampling

/// Simulates one period of care from its entry date: the legal route (care proceedings, section 20 or remand),
/// the final order, placement moves (a Poisson process thinned by age band, times the child's instability
/// frailty), adoption, and the exit; then cuts the timeline into SSDA903 episodes joined by X1.
///
/// Episode rules (SSDA903 continuity rule 388): each change of legal status and/or placement ends the current
/// episode with REC = X1 and starts the next on the same day (RNE L, P/T, or B/U when both change); the last
/// episode ends with the exit's E-code. Changes are at least one day apart, so no episode has zero length.
struct SyntheticCarePeriodSimulator {
    let parameters: SyntheticParameters
    let child: SyntheticChild
    let birthdays: SyntheticBirthdays
    let instability: Double
    let otherAreas: [String]

    struct Result {
        var period: SyntheticPeriod
        var proceedings: [SyntheticProceedings]
        var lastLegalStatus: String
        var placements: Int
    }

    private struct Change {
        var date: Int
        var legalStatus: String?
        var place: String?
        var sameCarer = false
        var reason: String?
    }

    private struct Exit {
        var date: Int
        var code: String
    }

    func simulate(entry: Int, need: String, rng: inout Xoshiro256StarStar) throws(SamplingError) -> Result {
        let care = parameters.care
        let band = birthdays.ageBand(at: entry)
        let eighteen = birthdays.eighteen
        var legal: [(Int, String)] = []
        var proceedings: [SyntheticProceedings] = []
        var exit: Exit
        var adoptionPlacement: (Int, String)?

        let remandAllowed = entry >= birthdays.twelve
        let route = rng.uniform()
        if route < care.probabilityProceedings[band] {
            var start = entry
            let emergency = rng.uniform()
            if emergency < 0.06 {
                legal.append((entry, SyntheticCode.l1))
                start = entry + rng.uniformInteger(in: 1...3)
            } else if emergency < 0.12 {
                legal.append((entry, SyntheticCode.l2))
                start = entry + rng.uniformInteger(in: 2...8)
            }
            let application = entry - rng.uniformInteger(in: 0...5)
            exit = try proceedingsRoute(from: start, application: application, legal: &legal, proceedings: &proceedings,
                                        adoptionPlacement: &adoptionPlacement, rng: &rng)
        } else if remandAllowed && rng.uniform() < care.probabilityRemand {
            legal.append((entry, SyntheticCode.j1))
            let days = max(2, SyntheticCalendar.days(try rng.gamma(shape: 2, scale: 45.0 / 2)))
            exit = Exit(date: entry + days, code: rng.uniform() < 0.7 ? SyntheticCode.e14 : SyntheticCode.e9)
        } else {
            legal.append((entry, SyntheticCode.v2))
            let days = max(1, SyntheticCalendar.days(exp(log(care.section20MedianDays) + care.section20LogSD * (try rng.normal()))))
            if entry < birthdays.sixteen && rng.uniform() < care.probabilityConversion {
                let conversion = entry + max(7, days / 2)
                exit = try proceedingsRoute(from: conversion, application: conversion, legal: &legal,
                                            proceedings: &proceedings, adoptionPlacement: &adoptionPlacement, rng: &rng)
            } else {
                let end = entry + days
                let codes = end >= birthdays.sixteen ? SyntheticCodes.exitSection20Older : SyntheticCodes.exitSection20
                exit = Exit(date: end, code: try codes.draw(&rng))
            }
        }
        if exit.date >= eighteen {
            exit = Exit(date: eighteen, code: try SyntheticCodes.exitAt18.draw(&rng))
        }
        if exit.date <= entry { exit.date = entry + 1 }

        // Changes: legal statuses after the first, the adoption placement, and placement moves.
        var changes: [Change] = legal.dropFirst().map { Change(date: $0.0, legalStatus: $0.1) }
        if let (date, place) = adoptionPlacement { changes.append(Change(date: date, place: place, reason: SyntheticCode.carePlan)) }
        let moveEnd = adoptionPlacement?.0 ?? exit.date
        let maxRate = (care.moveRatePerYear.max() ?? 1) * instability / 365.25
        if maxRate > 0 {
            var t = Double(entry)
            while true {
                t += try rng.exponential(rate: maxRate)
                if t >= Double(moveEnd) { break }
                let day = Int(t)
                if day >= moveEnd { break }
                let accept = care.moveRatePerYear[birthdays.ageBand(at: day)] * instability / 365.25 / maxRate
                if rng.uniform() < accept {
                    changes.append(Change(date: day, place: "", sameCarer: rng.uniform() < 0.05))
                }
            }
        }
        changes.sort { $0.date < $1.date }
        // Merge same-day changes; drop changes on the entry day or at/after the exit.
        var merged: [Change] = []
        for change in changes where change.date > entry && change.date < exit.date {
            if var last = merged.last, last.date == change.date {
                if change.legalStatus != nil { last.legalStatus = change.legalStatus }
                if change.place != nil && (last.place == nil || last.place == "") {
                    last.place = change.place
                    last.sameCarer = change.sameCarer
                    last.reason = change.reason ?? last.reason
                }
                merged[merged.count - 1] = last
            } else {
                merged.append(change)
            }
        }

        // Build the episodes.
        var episodes: [SyntheticEpisode] = []
        var legalStatus = legal[0].1
        var place = try drawPlace(band: band, legalStatus: legalStatus, current: nil, rng: &rng)
        var provider = try SyntheticCodes.provider(for: place).draw(&rng)
        var placementPostcode = try postcode(for: place, rng: &rng)
        var urn = try makeURN(for: place, rng: &rng)
        var placements = 1
        episodes.append(SyntheticEpisode(start: entry, rne: SyntheticCode.rneS, legalStatus: legalStatus, need: need, place: place,
                                         provider: provider, end: nil, reasonEnded: nil, placeChangeReason: nil,
                                         homePostcode: child.homePostcode, placementPostcode: placementPostcode, urn: urn))
        for change in merged {
            var legalChanged = false
            if let status = change.legalStatus, status != legalStatus {
                legalStatus = status
                legalChanged = true
            }
            var placeChanged = false
            var sameCarer = false
            if let requested = change.place {
                placeChanged = true
                if change.sameCarer && requested.isEmpty && !place.hasPrefix("A") {
                    sameCarer = true
                    placementPostcode = try postcode(for: place, rng: &rng)
                } else {
                    place = requested.isEmpty
                        ? try drawPlace(band: birthdays.ageBand(at: change.date), legalStatus: legalStatus, current: place, rng: &rng)
                        : requested
                    provider = try SyntheticCodes.provider(for: place).draw(&rng)
                    placementPostcode = try postcode(for: place, rng: &rng)
                    urn = try makeURN(for: place, rng: &rng)
                }
                placements += 1
            } else if legalChanged && place == SyntheticCode.p1 && ![SyntheticCode.c1, SyntheticCode.c2].contains(legalStatus) {
                // Placement with parents is only recorded under a care order; move the child to foster care.
                placeChanged = true
                place = SyntheticCode.u6
                provider = try SyntheticCodes.provider(for: place).draw(&rng)
                placementPostcode = try postcode(for: place, rng: &rng)
                urn = "XXXXXXX"
                placements += 1
            }
            if !legalChanged && !placeChanged { continue }
            let rne: String
            switch (legalChanged, placeChanged) {
            case (true, true): rne = sameCarer ? SyntheticCode.rneU : SyntheticCode.rneB
            case (false, true): rne = sameCarer ? SyntheticCode.rneT : SyntheticCode.rneP
            default: rne = SyntheticCode.rneL
            }
            let last = episodes.count - 1
            episodes[last].end = change.date
            episodes[last].reasonEnded = SyntheticCode.x1
            if placeChanged {
                if let reason = change.reason {
                    episodes[last].placeChangeReason = reason
                } else {
                    episodes[last].placeChangeReason = try SyntheticCodes.placementChangeReason.draw(&rng)
                }
            }
            episodes.append(SyntheticEpisode(start: change.date, rne: rne, legalStatus: legalStatus, need: need, place: place,
                                             provider: provider, end: nil, reasonEnded: nil, placeChangeReason: nil,
                                             homePostcode: child.homePostcode, placementPostcode: placementPostcode, urn: urn))
        }
        episodes[episodes.count - 1].end = exit.date
        episodes[episodes.count - 1].reasonEnded = exit.code
        return Result(period: SyntheticPeriod(episodes: episodes), proceedings: proceedings, lastLegalStatus: legalStatus,
                      placements: placements)
    }

    /// Care proceedings from `start` (legal status C1 until the final order), then the order's consequences.
    private func proceedingsRoute(from start: Int, application: Int, legal: inout [(Int, String)],
                                  proceedings: inout [SyntheticProceedings], adoptionPlacement: inout (Int, String)?,
                                  rng: inout Xoshiro256StarStar) throws(SamplingError) -> Exit {
        let care = parameters.care
        legal.append((start, SyntheticCode.c1))
        let final = start + max(30, SyntheticCalendar.days(try rng.gamma(shape: 4, scale: care.proceedingsMeanDays / 4)))
        let under5 = final < birthdays.five
        let outcome = try rng.categorical(probabilities: under5 ? care.orderOutcomeUnder5 : care.orderOutcome5Plus)
        proceedings.append(SyntheticProceedings(application: application, finalOrder: final,
                                                orderMade: SyntheticCodes.orderMade[outcome]))
        switch outcome {
        case 0:  // placement order: placed for adoption, then adopted
            legal.append((final, SyntheticCode.e1))
            let placed = final + max(14, SyntheticCalendar.days(
                try rng.gamma(shape: 2, scale: care.placementForAdoptionMeanDays / 2)))
            adoptionPlacement = (placed, rng.uniform() < 0.3 ? SyntheticCode.a5 : SyntheticCode.a6)
            let adopted = placed + max(70, SyntheticCalendar.days(
                try rng.gamma(shape: 3, scale: care.adoptionOrderMeanDays / 3)))
            return Exit(date: adopted, code: rng.uniform() < 0.75 ? SyntheticCode.e12 : SyntheticCode.e11)
        case 1:  // full care order; some children under 5 are then adopted with parental consent (A3/A4, E11)
            legal.append((final, SyntheticCode.c2))
            if under5 && rng.uniform() < care.probabilityConsentAdoptionUnder5 {
                let placed = final + max(14, SyntheticCalendar.days(
                    try rng.gamma(shape: 2, scale: care.placementForAdoptionMeanDays / 2)))
                adoptionPlacement = (placed, rng.uniform() < 0.3 ? SyntheticCode.a3 : SyntheticCode.a4)
                let adopted = placed + max(70, SyntheticCalendar.days(
                    try rng.gamma(shape: 3, scale: care.adoptionOrderMeanDays / 3)))
                return Exit(date: adopted, code: SyntheticCode.e11)
            }
            let years = try rng.exponential(rate: care.careOrderExitRatePerYear)
            let end = final + max(1, SyntheticCalendar.days(years * 365.25))
            return Exit(date: end, code: try SyntheticCodes.exitCareOrder.draw(&rng))
        case 2:
            return Exit(date: final, code: try SyntheticCodes.sgoExit.draw(&rng))
        case 3:
            return Exit(date: final, code: SyntheticCode.e41)
        default:
            return Exit(date: final, code: SyntheticCode.e4a)
        }
    }

    private func drawPlace(band: Int, legalStatus: String, current: String?,
                           rng: inout Xoshiro256StarStar) throws(SamplingError) -> String {
        let codes = SyntheticCodes.placementsByAgeBand[band]
        let parentsAllowed = legalStatus == SyntheticCode.c1 || legalStatus == SyntheticCode.c2
        for _ in 0..<8 {
            let place = try codes.draw(&rng)
            if place == SyntheticCode.p1 && !parentsAllowed { continue }
            if place == current && place != SyntheticCode.u6 { continue }
            return place
        }
        return SyntheticCode.u6
    }

    private func postcode(for place: String, rng: inout Xoshiro256StarStar) throws(SamplingError) -> String {
        if place == SyntheticCode.p1 { return child.homePostcode }
        if rng.uniform() < 0.75 || otherAreas.isEmpty {
            return String(child.homePostcode.prefix(2)) + String(rng.uniformInteger(in: 1...25))
        }
        let area = otherAreas[rng.uniformInteger(in: 0...(otherAreas.count - 1))]
        return area + String(rng.uniformInteger(in: 1...25))
    }

    private func makeURN(for place: String, rng: inout Xoshiro256StarStar) throws(SamplingError) -> String {
        guard SyntheticCodes.placesWithURN.contains(place) else { return "XXXXXXX" }
        return "SC" + String(rng.uniformInteger(in: 100_000...999_999))
    }
}

/// A child's birthdays that the simulation uses, as days since 1970-01-01.
struct SyntheticBirthdays: Sendable {
    let dob: Int
    let one: Int
    let five: Int
    let eleven: Int
    let twelve: Int
    let sixteen: Int
    let eighteen: Int

    init(dob: Int) {
        self.dob = dob
        one = SyntheticCalendar.adding(years: 1, to: dob)
        five = SyntheticCalendar.adding(years: 5, to: dob)
        eleven = SyntheticCalendar.adding(years: 11, to: dob)
        twelve = SyntheticCalendar.adding(years: 12, to: dob)
        sixteen = SyntheticCalendar.adding(years: 16, to: dob)
        eighteen = SyntheticCalendar.adding(years: 18, to: dob)
    }

    /// Age band at `date`: 0 under 1, 1 aged 1–4, 2 aged 5–10, 3 aged 11–15, 4 aged 16–17 (and older).
    func ageBand(at date: Int) -> Int {
        if date < one { return 0 }
        if date < five { return 1 }
        if date < eleven { return 2 }
        if date < sixteen { return 3 }
        return 4
    }

    /// Start of age band `band` (band 5 = the 18th birthday).
    func bandStart(_ band: Int) -> Int {
        switch band {
        case 0: return dob
        case 1: return one
        case 2: return five
        case 3: return eleven
        case 4: return sixteen
        default: return eighteen
        }
    }
}
