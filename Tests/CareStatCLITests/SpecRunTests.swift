import Foundation
import Testing
import TestSupport
import CareData
import ModelCatalog
import ModelSpecs

/// `carestat run` on the specs that use care records, on the embedded synthetic default (generated once into a
/// private cache for this suite): the tables, their JSON shape, the figure files, and agreement with the library
/// run of the same spec on the same files.
@Suite(.serialized) struct SpecRunTests {
    static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-spec-cache-\(UUID().uuidString)").path

    private func run(_ arguments: [String], in directory: String? = nil) throws -> CareStatRun {
        try CareStatBinary.run(arguments, environment: ["CARESTAT_CACHE": Self.cache])
    }

    private func tables(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["tables"] as? [[String: Any]] ?? []
    }

    @Test func modelsListsTheCareRecordSpecs() throws {
        let r = try run(["models"])
        #expect(r.status == 0)
        for name in ["return-to-care", "attainment-by-intervention", "offending-by-intervention"] {
            #expect(r.stdout.contains(name), "\(name) missing from\n\(r.stdout)")
        }
    }

    @Test func returnToCareRunsOnTheSyntheticDefault() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-rtc-\(UUID().uuidString)").path
        let r = try run(["run", "return-to-care", "--format", "json", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        // The Cox model, the Kaplan–Meier summary, per legal status its survival table and incidence at the
        // horizons, and the published figure (McGrath-Lone et al.'s 35.3% at five years) beside CareStat's estimate.
        #expect(t.count == 9)
        let comparison = t.last?["rows"] as? [[String: Any]] ?? []
        // Foundation's JSON parser on Linux can be 1–2 ulp off: the published 35.3 within 1e-15 relative.
        #expect(comparison.count == 1 && isClose(comparison.first?["published"], 35.3, relative: 1e-15))
        let estimate = try #require(comparison.first?["carestat"] as? Double)
        let low = try #require(comparison.first?["conf_low"] as? Double), high = try #require(comparison.first?["conf_high"] as? Double)
        #expect(low < estimate && estimate < high && estimate > 0 && estimate < 100)
        #expect(t.first?["model"] as? String == "coxph")
        let rows = t.first?["coefficients"] as? [[String: Any]] ?? []
        let s20 = rows.first { $0["term"] as? String == "legal_status=s20" }
        // The same spec run by the library on the same cached files gives the same coefficient (printed in the
        // shortest round-trip form; Foundation's JSON parser on Linux can be 1–2 ulp off, hence 1e-15 relative).
        let files = try SyntheticDataCache(cacheDirectory: Self.cache).files()
        guard case .survival(let analysis) = Catalog.returnToCare.analysis else { Issue.record("not a survival spec"); return }
        let library = try analysis.compute(on: CareRecordFiles(directory: files.directory))
        let k = try #require(library.cox.terms.firstIndex(of: "legal_status=s20"))
        let printed = try #require(s20?["estimate"] as? Double)
        #expect(abs(printed - library.cox.coefficients[k]) <= 1e-15 * abs(library.cox.coefficients[k]))
        // Cumulative incidence at 1 and 5 years for s20 (the largest group).
        let s20Incidence = t.first { $0["name"] as? String == "km-at-2" }?["rows"] as? [[String: Any]] ?? []
        #expect(s20Incidence.count == 2 && s20Incidence.first?["incidence"] is Double, "\(s20Incidence)")
        let figure = out + "/return-to-care-cumulative-incidence.svg"
        let svg = try String(contentsOfFile: figure, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("Number at risk"))
    }

    /// Issue 10's attack on this run: "youth_justice 23 exits, [c] returned, 5.26% at 1 year" gave 1/19 away, and
    /// the Cox model's events minus the shown groups' events gave the withheld group's. Now the withheld group's
    /// estimates are withheld, and the model's events, the total and the shown groups never leave a single
    /// withheld count to difference out.
    @Test func returnToCareWithholdsEverythingThatRevealsASmallGroup() throws {
        let r = try run(["run", "return-to-care", "--format", "json", "--plot", FileManager.default.temporaryDirectory
            .appendingPathComponent("rtc-\(UUID().uuidString).svg").path])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        let cox = try #require(t.first)
        let summary = try #require(t.first { $0["name"] as? String == "km-summary" }?["rows"] as? [[String: Any]])
        let yj = try #require(summary.first { $0["name"] as? String == "youth_justice" })
        #expect(yj["events"] is NSNull)
        for key in ["median", "median_conf_low", "median_conf_high"] { #expect(yj[key] is NSNull || yj[key] == nil) }
        let yjAt = t.first { $0["name"] as? String == "km-at-3" }?["rows"] as? [[String: Any]] ?? []
        #expect(yjAt.allSatisfy { row in row.values.allSatisfy { $0 is NSNull } }, "\(yjAt)")
        // Differencing: model events − shown groups' events, and the total − shown groups, must each leave at
        // least two withheld groups (or the total itself withheld).
        let groupEvents = summary.filter { $0["name"] as? String != "Total" }.map { $0["events"] as? Int }
        let withheld = groupEvents.filter { $0 == nil }.count
        let total = summary.first { $0["name"] as? String == "Total" }?["events"] as? Int
        #expect(withheld != 1 || (total == nil && cox["events"] as? Int == nil), "\(summary)")
    }

    @Test func plotOptionNamesTheFigureFile() throws {
        let plot = FileManager.default.temporaryDirectory.appendingPathComponent("rtc-\(UUID().uuidString).svg").path
        let r = try run(["run", "return-to-care", "--plot", plot])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: plot))
        #expect(r.stdout.contains("written to \(plot)."))
    }

    @Test func attainmentRunsOnTheSyntheticDefault() throws {
        let r = try run(["run", "attainment-by-intervention", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        // The children by level (a table of counts), then the GLMM's fit object with its sections.
        #expect((t.first?["title"] as? String)?.hasPrefix("Children in the outcomes cohort by highest level of intervention before age 16") == true)
        let levels = (t.first?["rows"] as? [[String: Any]] ?? []).compactMap { $0["level"] as? String }
        #expect(Array(levels.prefix(5)) == ["no_contact", "referral_only", "cin", "cpp", "looked_after"] && levels.last == "Total")
        let fit = try #require(t.first { $0["model"] as? String == "glmm" })
        let predictions = fit["predictions"] as? [[String: Any]] ?? []
        let labels = predictions.compactMap { $0["contrast"] as? String }
        #expect(labels == ["level=no_contact", "level=referral_only", "level=cin", "level=cpp", "level=looked_after"])
        #expect(predictions.allSatisfy { $0["estimate"] is Double })
        #expect((fit["contrasts"] as? [[String: Any]])?.count == 10)
        #expect((fit["random_effects"] as? [[String: Any]])?.isEmpty == false)
        // The text output names the sections.
        let text = try run(["run", "attainment-by-intervention"]).stdout
        #expect(text.contains("predicted probability by intervention level"))
        #expect(text.contains("differences in predicted probability between levels"))
        #expect(text.contains("Random effects"))
    }

    @Test func careRecordSpecsSayWhichFolderIsMissingData() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let r = try run(["run", "return-to-care", "--data", empty])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ssda903_episodes.csv") && r.stderr.contains(empty), "\(r.stderr)")
    }
}
