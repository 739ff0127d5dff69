import Foundation
import Testing
@testable import Survival
import TestSupport

@Suite("Kaplan–Meier")
struct KaplanMeierTests {
    /// Five subjects worked by hand: (1, event), (2, censored), (3, event), (4, event), (4, censored).
    ///   t=1: n=5 d=1 → S = 4/5,           Greenwood Σ d/(n(n−d)) = 1/20,       H = 1/5,        Var H = 1/25
    ///   t=2: n=4 c=1 → unchanged
    ///   t=3: n=3 d=1 → S = 4/5·2/3 = 8/15, Σ = 1/20 + 1/6 = 13/60,             H = 1/5 + 1/3,  Var H = 1/25 + 1/9
    ///   t=4: n=2 d=1 c=1 → S = 4/15,       Σ = 13/60 + 1/2 = 43/60,            H = 1/5+1/3+1/2
    /// Tolerance 1e-14 relative (a few roundings of exact fractions).
    @Test func handWorkedFiveSubjects() throws {
        let data = try SurvivalData(time: [3, 1, 4, 2, 4], event: [true, true, true, false, false])
        let fit = try KaplanMeier.fit(data)
        let c = fit.curves[0]
        #expect(c.time == [1, 2, 3, 4])
        #expect(c.nRisk == [5, 4, 3, 2])
        #expect(c.nEvent == [1, 0, 1, 1])
        #expect(c.nCensor == [0, 1, 0, 1])
        let s: [Double] = [4.0 / 5, 4.0 / 5, 8.0 / 15, 4.0 / 15]
        let gw: [Double] = [1.0 / 20, 1.0 / 20, 13.0 / 60, 43.0 / 60]
        let h: [Double] = [0.2, 0.2, 0.2 + 1.0 / 3, 0.2 + 1.0 / 3 + 0.5]
        let vh: [Double] = [1.0 / 25, 1.0 / 25, 1.0 / 25 + 1.0 / 9, 1.0 / 25 + 1.0 / 9 + 1.0 / 4]
        for i in 0..<4 {
            #expect(isClose(c.survival[i], s[i], relative: 1e-14))
            #expect(isClose(c.standardErrorLog[i], gw[i].squareRoot(), relative: 1e-14))
            #expect(isClose(c.standardError[i], s[i] * gw[i].squareRoot(), relative: 1e-14))
            #expect(isClose(c.cumulativeHazard[i], h[i], relative: 1e-14))
            #expect(isClose(c.cumulativeHazardStandardError[i], vh[i].squareRoot(), relative: 1e-14))
            #expect(isClose(c.cumulativeIncidence[i], 1 - s[i], relative: 1e-14))
        }
        // Log interval at t = 1: exp(log 0.8 ± z √(1/20)), z = 1.959963984540054 (qnorm(0.975)).
        let z = 1.959963984540054
        #expect(isClose(c.lower[0], exp(log(0.8) - z * (0.05).squareRoot()), relative: 1e-14))
        #expect(isClose(c.upper[0], 1, relative: 0))  // exp(log 0.8 + 0.438) > 1, clipped
        // Median: S first ≤ 0.5 at t = 4. 20% quantile: 1 − S = 0.2 exactly on [1, 3) → midpoint 2.
        #expect(c.median.estimate == 4 && c.quantile(0.5).estimate == 4)
        #expect(c.quantile(0.2).estimate == 2)
        // Survival at chosen times: t = 2.5 reads S(2) = 0.8, at risk at the next time (3): 3, and
        // events/censorings in (previous requested time, t]: (−∞, 2.5] has 1 event, 1 censoring.
        let at = c.summary(at: [2.5, 4])
        #expect(at.count == 2)
        #expect(isClose(at[0].survival, 0.8, relative: 1e-15) && at[0].nRisk == 3 && at[0].nEvent == 1 && at[0].nCensor == 1)
        #expect(isClose(at[1].survival, 4.0 / 15, relative: 1e-15) && at[1].nRisk == 2 && at[1].nEvent == 2 && at[1].nCensor == 1)
    }

    /// Every row of survfit's object (time, n.risk, n.event, n.censor, surv, std.err, cumhaz, std.chaz, lower,
    /// upper) for R's lung, veteran, ovarian, a tied/weighted/(start, stop] synthetic set and flat-stretch
    /// curves, three CI types. Reference: Fixtures/make-km-fixtures.R → km_curves.csv. Tolerance 1e-10 relative.
    @Test(arguments: KaplanMeierCases.all)
    func curvesMatchR(_ name: String) throws {
        let data = try KaplanMeierCases.data(name)
        let reference = try KaplanMeierFixture("km_curves.csv")
        for type in KaplanMeierCases.confidenceTypes {
            let fit = try KaplanMeier.fit(data, confidenceType: type)
            for curve in fit.curves {
                let r = reference.filter(["case": name, "conftype": type.rawValue, "strata": curve.name])
                #expect(r.rows.count == curve.time.count, "\(name) \(type) \(curve.name)")
                guard r.rows.count == curve.time.count else { continue }
                let columns: [(String, [Double])] = [
                    ("time", curve.time), ("n_risk", curve.nRisk), ("n_event", curve.nEvent),
                    ("n_censor", curve.nCensor), ("surv", curve.survival), ("std_err", curve.standardErrorLog),
                    ("cumhaz", curve.cumulativeHazard), ("std_chaz", curve.cumulativeHazardStandardError),
                    ("lower", curve.lower), ("upper", curve.upper),
                ]
                for (col, ours) in columns {
                    let theirs = r.numbers(col)
                    for i in 0..<ours.count where !isClose(ours[i], theirs[i], relative: 1e-10) {
                        Issue.record("\(name) \(type) [\(curve.name)] \(col)[\(i)]: \(ours[i]) vs R \(theirs[i])")
                    }
                }
            }
        }
    }

    /// quantile(fit, c(.1, .25, .5, .75, .9)) with limits, R's flat-stretch rules. Reference: km_quantiles.csv.
    /// Times are data values or midpoints of two, so the tolerance is 1e-12 relative.
    @Test(arguments: KaplanMeierCases.all)
    func quantilesMatchR(_ name: String) throws {
        let data = try KaplanMeierCases.data(name)
        let reference = try KaplanMeierFixture("km_quantiles.csv")
        for type in KaplanMeierCases.confidenceTypes {
            let fit = try KaplanMeier.fit(data, confidenceType: type)
            for curve in fit.curves {
                let r = reference.filter(["case": name, "conftype": type.rawValue, "strata": curve.name])
                #expect(r.rows.count == 5)
                for (i, p) in r.numbers("p").enumerated() {
                    let q = curve.quantile(p)
                    let expected = (r.numbers("quantile")[i], r.numbers("lower")[i], r.numbers("upper")[i])
                    #expect(isClose(q.estimate, expected.0, relative: 1e-12), "\(name) \(type) \(curve.name) p=\(p)")
                    #expect(isClose(q.lower, expected.1, relative: 1e-12), "\(name) \(type) \(curve.name) p=\(p) lower")
                    #expect(isClose(q.upper, expected.2, relative: 1e-12), "\(name) \(type) \(curve.name) p=\(p) upper")
                }
            }
        }
    }

    /// summary(fit, times = c(-3, -2, -1.5, -1, 0, 1, 2, 2.5, 3, 7, 10, 15, 30, 90, 180, 365, 500, 730, 1000)).
    /// Reference: km_times.csv. Tolerance 1e-10 relative.
    @Test(arguments: KaplanMeierCases.all)
    func survivalAtTimesMatchesR(_ name: String) throws {
        let data = try KaplanMeierCases.data(name)
        let reference = try KaplanMeierFixture("km_times.csv")
        let times: [Double] = [-3, -2, -1.5, -1, 0, 1, 2, 2.5, 3, 7, 10, 15, 30, 90, 180, 365, 500, 730, 1000]
        for type in KaplanMeierCases.confidenceTypes {
            let fit = try KaplanMeier.fit(data, confidenceType: type)
            for curve in fit.curves {
                let r = reference.filter(["case": name, "conftype": type.rawValue, "strata": curve.name])
                let points = curve.summary(at: times)
                #expect(points.count == r.rows.count, "\(name) \(type) \(curve.name)")
                guard points.count == r.rows.count else { continue }
                let columns: [(String, [Double])] = [
                    ("time", points.map(\.time)), ("n_risk", points.map(\.nRisk)), ("n_event", points.map(\.nEvent)),
                    ("n_censor", points.map(\.nCensor)), ("surv", points.map(\.survival)),
                    ("std_err", points.map(\.standardError)), ("lower", points.map(\.lower)),
                    ("upper", points.map(\.upper)), ("cumhaz", points.map(\.cumulativeHazard)),
                ]
                for (col, ours) in columns {
                    let theirs = r.numbers(col)
                    for i in 0..<ours.count where !isClose(ours[i], theirs[i], relative: 1e-10) {
                        Issue.record("\(name) \(type) [\(curve.name)] at \(col)[\(i)]: \(ours[i]) vs R \(theirs[i])")
                    }
                }
            }
        }
    }

    /// Records, events, median and its limits as print(fit) / summary(fit)$table. Reference: km_medians.csv.
    @Test(arguments: KaplanMeierCases.all)
    func mediansMatchR(_ name: String) throws {
        let data = try KaplanMeierCases.data(name)
        let reference = try KaplanMeierFixture("km_medians.csv")
        for type in KaplanMeierCases.confidenceTypes {
            let fit = try KaplanMeier.fit(data, confidenceType: type)
            for curve in fit.curves {
                let r = reference.filter(["case": name, "conftype": type.rawValue, "strata": curve.name])
                #expect(r.rows.count == 1)
                guard r.rows.count == 1 else { continue }
                #expect(Double(curve.n) == r.numbers("n")[0])
                #expect(isClose(curve.events, r.numbers("events")[0], relative: 1e-12))
                #expect(isClose(curve.median.estimate, r.numbers("median")[0], relative: 1e-12))
                #expect(isClose(curve.median.lower, r.numbers("lcl")[0], relative: 1e-12))
                #expect(isClose(curve.median.upper, r.numbers("ucl")[0], relative: 1e-12))
            }
        }
    }

    @Test func rejectsBadConfidenceLevel() throws {
        let data = try SurvivalData(time: [1, 2], event: [true, false])
        #expect(throws: SurvivalCurveError.self) { try KaplanMeier.fit(data, confidenceLevel: 1) }
        #expect(throws: SurvivalCurveError.self) { try KaplanMeier.fit(data, confidenceLevel: .nan) }
    }
}
