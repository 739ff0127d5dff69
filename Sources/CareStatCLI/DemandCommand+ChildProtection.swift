import CareData
import Forecasting
import Foundation
import Reporting
import Tabular

/// `carestat demand --cin FILE [FILE...]`: the child-protection part of the demand model (``ChildProtectionProjection``
/// on CIN census referral episodes), alone or beside the looked-after model when `--ssda903` is also given.
extension DemandCommand {
    /// Reads and validates the CIN census files, fits the CP model over the window before the origin (`--origin`,
    /// default the CIN data end), projects the baseline and `--cp-scenario`s, and back-casts with `--backtest`.
    func childProtection(seed: UInt64, threads: Int, horizonMonths: Int, windowMonths: Int) throws -> (result: ChildProtectionDemandResult, failed: Int, superseded: Int) {
        var scenarios: [ChildProtectionScenario] = []
        for text in cpScenario {
            guard let change = ChildProtectionChange(parsing: text) else {
                throw UserError("--cp-scenario \(text): use entry:+10%, stepup:+20%, stepdown:-10% or exit:-5%")
            }
            scenarios.append(ChildProtectionScenario(name: text, changes: [change]))
        }
        let validation: Validation
        do { validation = try CareDataInputs(cinPaths: cin).validate() } catch { throw UserError(error.description) }
        let episodes = validation.cinEpisodes
        guard let dataEnd = validation.cinDataEnd?.date, !episodes.isEmpty else {
            throw UserError("\(cin.joined(separator: ", ")): no CIN referral episodes to model")
        }
        let originDate = try origin.map(Self.parseDate) ?? dataEnd
        guard originDate <= dataEnd else {
            throw UserError("--origin \(originDate.isoString) is after the CIN data end \(dataEnd.isoString)")
        }
        let start = originDate.adding(months: -windowMonths)
        guard let earliest = episodes.compactMap({ $0.referralDate.date }).min(), earliest <= start else {
            throw UserError("the reference window (\(start.isoString) to \(originDate.isoString)) starts before the CIN data do; shorten --window or move --origin")
        }
        let observations = ChildProtectionObservations.build(episodes: episodes, start: start, origin: originDate)
        let spec = StockFlowProjectionSpec(horizonMonths: horizonMonths, paths: paths, seed: seed, threads: threads,
                                           parameterUncertainty: !noParameterUncertainty)
        do {
            let posterior = try ChildProtectionPosterior(observations)
            let baseline = try ChildProtectionProjection.run(posterior, spec: spec)
            let projected = try scenarios.map { (scenario: $0, paths: try ChildProtectionProjection.run(posterior, scenario: $0, spec: spec)) }
            var rows: [ChildProtectionBacktest.Row]?
            if backtest {
                rows = try ChildProtectionBacktest.run(episodes: episodes, dataEnd: dataEnd, earliest: earliest, windowMonths: windowMonths,
                                                       paths: min(paths, 2000), seed: seed, threads: threads)
                if rows?.isEmpty ?? true { throw UserError("--backtest: the CIN data do not cover a window before any origin 1-5 years before the data end") }
            }
            let dates = (0...windowMonths).map { originDate.adding(months: $0 - windowMonths) }
            let history = Array(zip(dates, ChildProtectionObservations.stock(episodes: episodes, on: dates))).map { ($0.0, $0.1) }
            let result = ChildProtectionDemandResult(
                origin: originDate, windowStart: start, observations: observations, posterior: posterior, spec: spec,
                baseline: baseline, scenarios: projected, history: history, backtest: rows,
                population: "CIN referral episodes in \(cin.joined(separator: ", "))")
            return (result, validation.failedExcludedRecordCount, validation.supersededRecordCount)
        } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
    }

    /// The CP tables added to `run`, with the counts of CIN records validation left out (failed, and superseded copies).
    func addChildProtection(to run: inout RunOutput, seed: UInt64, threads: Int, horizonMonths: Int, windowMonths: Int) throws {
        let (result, failed, superseded) = try childProtection(seed: seed, threads: threads, horizonMonths: horizonMonths, windowMonths: windowMonths)
        result.add(to: &run)
        if failed > 0 {
            let id = run.ledger.count(failed, role: .records, label: "CIN records excluded by validation")
            run.notes.append(CountNote("{} CIN census records failed validation and were left out (carestat validate lists them).", [id]))
        }
        if superseded > 0 {
            // Expected: an episode open across census years is returned in each; the latest copy is used.
            let id = run.ledger.count(superseded, role: .records, label: "CIN records superseded by a later census year")
            run.notes.append(CountNote("{} copies of episodes repeated in a later census year were superseded by the latest copy.", [id]))
        }
    }

    /// The CP simulation study (``ChildProtectionSimulationStudy``) as a count-free table.
    func childProtectionCoverageStudy(_ replications: Int, seed: UInt64, threads: Int) throws {
        guard replications >= 1 else { throw UserError("--cp-coverage-study must be at least 1") }
        let rows: [ChildProtectionSimulationStudy.Row]
        do { rows = try ChildProtectionSimulationStudy.run(replications: replications, paths: paths, seed: seed, threads: threads) } catch {
            throw UserError("\(error)")
        }
        var t = Table(title: "Child-protection stock-flow simulation study: interval coverage of the true open episodes (\(replications) replications, \(paths) paths, seed \(seed))",
                      columns: [Column("Year"), Column("80% total"), Column("95% total"), Column("80% CIN"), Column("95% CIN"),
                                Column("80% CPP"), Column("95% CPP"), Column("95% total, no parameter uncertainty"),
                                Column("Mean z (total)"), Column("SD z (total)")])
        for r in rows {
            func n(_ x: Double) -> Cell { .number(x, significantDigits: 3) }
            t.rows.append([.integer(r.year), n(r.coverage80[0]), n(r.coverage95[0]), n(r.coverage80[1]), n(r.coverage95[1]),
                           n(r.coverage80[2]), n(r.coverage95[2]), n(r.coverage95WithoutParameterUncertainty), n(r.meanZ), n(r.sdZ)])
        }
        try Console.publish(countFree: [t], options: options)
    }
}
