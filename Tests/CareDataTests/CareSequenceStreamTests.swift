import Foundation
import Tabular
import Testing
@testable import CareData

/// The `sequences` derivation's kernel (``CareSequenceChildren``), its streamed file (``CareSequenceCSV``) and the
/// lean CIN validation it reads (``CleanedCINRecords/spells``). References: the direct definition of a child's
/// state (written out below exactly as the derivation documents it, record by record and date by date, as the
/// derivation itself was written before the kernel), ``CSVWriter`` on the in-memory tables, and the validation
/// that keeps full records. Everything is compared exactly: states, dates and bytes are discrete.
@Suite struct CareSequenceStreamTests {
    /// A new empty directory for the test's files.
    private static func directory(_ name: String) throws -> String {
        let dir = SyntheticTestData.freshDirectory(name)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The standard synthetic set's records, validated with full CIN records.
    private static func inputs() throws -> (dir: String, validation: Validation, periods: [PeriodOfCare]) {
        let dir = try SyntheticTestData.standard.get().0
        let v = try CareDataInputs(ssda903Path: dir + "/ssda903_episodes.csv", cinPaths: [dir]).validate()
        return (dir, v, PeriodsOfCare.build(v.episodes))
    }

    /// The direct definition: the state on `date` by priority, scanning the child's records.
    private static func referenceState(on date: CivilDate, periods: [PeriodOfCare], cin: [CINEpisode],
                                       scheme: SequenceStateScheme) -> String {
        for p in periods {
            if let e = p.episode(on: date) {
                if scheme == .placementByLegalStatus {
                    return "\(e.placement?.group.rawValue ?? "unknown")_\(e.legalStatus?.group.rawValue.lowercased() ?? "unknown")"
                }
                switch e.placement?.group {
                case .foster: return "foster"
                case .residential: return "residential"
                default: return "other_placement"
                }
            }
        }
        if scheme == .placementByLegalStatus { return SequenceStateScheme.notInCare }
        if cin.contains(where: { e in
            guard let s = e.cppStartDate.date, s <= date else { return false }
            return e.cppEndDate.date.map { date < $0 } ?? true
        }) { return "cpp" }
        if cin.contains(where: { e in
            guard e.isChildInNeed, let s = e.referralDate.date, s <= date else { return false }
            return e.closureDate.date.map { date < $0 } ?? true
        }) { return "cin" }
        if let last = periods.filter({ ($0.end.map { $0 <= date }) ?? false }).max(by: { $0.start < $1.start }) {
            let r = last.endReason
            return (r?.isAdoption ?? false) || (r?.isSGOOrCAO ?? false) ? "adopted_sgo" : "left_care"
        }
        return "home"
    }

    /// The direct definition of the long table's rows: "la|child|position|date|state", children in key order.
    private static func referenceRows(periods: [PeriodOfCare], cin: [CINEpisode], children: [SSDA903Child],
                                      window: SequenceWindow, censor: CivilDate, step: SequenceStep,
                                      scheme: SequenceStateScheme) -> [String] {
        var dobByKey: [ChildKey: CivilDate] = [:]
        for c in children { if let id = c.child, let d = c.dob.date { dobByKey[ChildKey(la: c.la, child: id)] = d } }
        var pByChild: [ChildKey: [PeriodOfCare]] = [:]
        for p in periods { pByChild[p.key, default: []].append(p) }
        var cByChild: [ChildKey: [CINEpisode]] = [:]
        for e in cin where e.child != nil { cByChild[e.key, default: []].append(e) }
        var rows: [String] = []
        for k in Set(pByChild.keys).union(cByChild.keys).sorted() {
            let ps = pByChild[k] ?? [], cs = cByChild[k] ?? []
            let dob = dobByKey[k] ?? cs.max(by: { ($0.censusYear ?? 0) < ($1.censusYear ?? 0) })?.birthDate.date
            var dates: [(Int, CivilDate)] = []
            switch window {
            case let .ages(a, b) where step == .week:
                guard let dob else { continue }
                let start = dob.adding(months: a), end = dob.adding(months: b)
                var d = start, i = 0
                while d < end { dates.append((i, d)); i += 1; d = start.adding(days: 7 * i) }
            case let .ages(a, b):
                guard let dob else { continue }
                dates = (a..<b).map { ($0 - a, dob.adding(months: $0)) }
            case let .dates(a, b) where step == .week:
                var d = a, i = 0
                while d <= b { dates.append((i, d)); i += 1; d = a.adding(days: 7 * i) }
            case let .dates(a, b):
                var d = CivilDate(year: a.year, month: a.month, day: 1) ?? a
                var i = 0
                while d <= b { dates.append((i, d)); i += 1; d = d.adding(months: 1) }
            }
            for (i, d) in dates where d <= censor && (dob.map { d >= $0 } ?? true) {
                rows.append("\(k.la)|\(k.child)|\(i)|\(d.isoString)|\(referenceState(on: d, periods: ps, cin: cs, scheme: scheme))")
            }
        }
        return rows
    }

    private static let windows: [(SequenceWindow, SequenceStep, SequenceStateScheme)] = [
        (.ages(fromMonths: 0, toMonths: 216), .month, .careStates),
        (.ages(fromMonths: 30, toMonths: 90), .week, .careStates),
        (.dates(from: CivilDate(year: 2015, month: 3, day: 15)!, to: CivilDate(year: 2019, month: 2, day: 1)!), .month, .careStates),
        (.dates(from: CivilDate(year: 2016, month: 1, day: 31)!, to: CivilDate(year: 2017, month: 6, day: 30)!), .week, .careStates),
        (.ages(fromMonths: 0, toMonths: 216), .month, .placementByLegalStatus),
    ]

    @Test func kernelGivesTheDirectDefinitionsStates() throws {
        let (_, v, periods) = try Self.inputs()
        let censor = try #require(v.dataEnd?.date)
        for (window, step, scheme) in Self.windows {
            let c = try CareSequenceChildren(periods: periods, spells: v.cinEpisodes.map(CINSpell.init), children: v.children,
                                             window: window, censorDate: censor, step: step, scheme: scheme)
            let t = try CareSequences.long(c)
            let la = try t.texts("la"), child = try t.texts("child"), pos = try t.texts(step.columnName)
            let date = try t.texts("date"), state = try t.texts("state")
            let got = (0..<t.rowCount).map { i in [la[i], child[i], pos[i], date[i], state[i]].map { $0 ?? "" }.joined(separator: "|") }
            let want = Self.referenceRows(periods: periods, cin: v.cinEpisodes, children: v.children, window: window,
                                          censor: censor, step: step, scheme: scheme)
            #expect(got.count == want.count, "\(window) \(step) \(scheme)")
            #expect(got == want, "\(window) \(step) \(scheme): first difference at \(got.indices.first { $0 < want.count && got[$0] != want[$0] } ?? -1)")
            #expect(got.count > 1_000)
        }
    }

    @Test func streamedFileIsTheTablesCSVOnAnyThreadCount() throws {
        let (_, v, periods) = try Self.inputs()
        let censor = try #require(v.dataEnd?.date)
        let dir = try Self.directory("sequence-stream")
        for (window, step, scheme) in Self.windows {
            let c = try CareSequenceChildren(periods: periods, spells: v.cinEpisodes.map(CINSpell.init), children: v.children,
                                             window: window, censorDate: censor, step: step, scheme: scheme)
            for wide in [false, true] {
                let table = wide ? try CareSequences.wide(c) : try CareSequences.long(c)
                let want = CSVWriter.bytes(table)
                for threads in [1, 3] {
                    let path = dir + "/s-\(wide)-\(threads).csv"
                    let rows = try CareSequenceCSV.write(c, wide: wide, to: path, threads: threads)
                    #expect(rows == table.rowCount)
                    let got = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                    #expect(got == want, "\(window) \(step) \(scheme) wide \(wide) threads \(threads)")
                    #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
                }
            }
        }
    }

    @Test func wideColumnsAreThePositionsSomeChildIsObservedAt() throws {
        let (_, v, periods) = try Self.inputs()
        let censor = try #require(v.dataEnd?.date)
        // A date window running past the data's end: its later months are observed by nobody and have no column.
        let window = SequenceWindow.dates(from: CivilDate(year: 2018, month: 1, day: 1)!, to: censor.adding(months: 14))
        let c = try CareSequenceChildren(periods: periods, spells: v.cinEpisodes.map(CINSpell.init), children: v.children,
                                         window: window, censorDate: censor)
        let long = try CareSequences.long(c), wide = try CareSequences.wide(c)
        let months = Set(try long.texts("month").compactMap { $0 })
        #expect(wide.columnNames.dropFirst(2).map { String($0.dropFirst()) }.sorted() == months.sorted())
        #expect(wide.columnNames.count - 2 < 14 + 12 * (censor.year - 2018) + censor.month)
        // Every child with a row in the long table has one row in the wide table, in the same (la, child) order.
        let ids = zip(try long.texts("la"), try long.texts("child")).map { "\($0 ?? "")|\($1 ?? "")" }
        var seen = Set<String>(), order: [String] = []
        for id in ids where seen.insert(id).inserted { order.append(id) }
        #expect(zip(try wide.texts("la"), try wide.texts("child")).map { "\($0 ?? "")|\($1 ?? "")" } == order)
    }

    @Test func spellValidationKeepsTheSameEpisodesAndCounts() throws {
        let dir = try SyntheticTestData.standard.get().0
        let inputs = CareDataInputs(ssda903Path: dir + "/ssda903_episodes.csv", cinPaths: [dir])
        let full = try inputs.validate(cinRecords: .episodes), lean = try inputs.validate(cinRecords: .spells)
        #expect(lean.cinEpisodes.isEmpty)
        #expect(lean.cinSpells == full.cinEpisodes.map(CINSpell.init))
        let superseded = full.issues.filter { $0.source == "cin" && $0.rule == .repeatedAcrossReturns }.count
        #expect(superseded > 1_000)
        #expect(lean.unlistedSuperseded == ["cin": superseded])
        #expect(lean.issues.count == full.issues.count - superseded)
        #expect(lean.supersededRecordCount == full.supersededRecordCount)
        #expect(DerivationFlow.sources(of: lean) == DerivationFlow.sources(of: full))
        #expect(lean.recordCounts == full.recordCounts)
    }

    @Test func streamedDerivationEqualsTheInMemoryOne() throws {
        let dir = try SyntheticTestData.standard.get().0
        let inputs = CareDataInputs(ssda903Path: dir + "/ssda903_episodes.csv", cinPaths: [dir])
        let out = try Self.directory("sequence-derive") + "/seq.csv"
        var options = DerivationOptions(window: .ages(fromMonths: 0, toMonths: 216), wide: true)
        options.step = .month
        var messages: [String] = []
        let streamed = try inputs.writeSequences(options: options, to: out, threads: 2) { messages.append($0) }
        let memory = try inputs.derive(.sequences, options: options)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: out))) == CSVWriter.bytes(memory.tables[0].1))
        #expect(streamed.rows == memory.tables[0].1.rowCount)
        #expect(streamed.flow.partitions == memory.flow.partitions)
        #expect(messages.last?.hasPrefix("sequences: ") == true)
    }

    @Test func aFailedWriteLeavesNoFileUnderTheName() throws {
        let (_, v, periods) = try Self.inputs()
        let c = try CareSequenceChildren(periods: periods, spells: [], children: v.children,
                                         window: .ages(fromMonths: 0, toMonths: 12), censorDate: try #require(v.dataEnd?.date))
        let dir = try Self.directory("sequence-stream-fail")
        #expect(throws: CareDataError.self) { try CareSequenceCSV.write(c, wide: true, to: dir + "/no/such/dir/s.csv") }
        // A file abandoned before it is finished is removed, and never appears under the asked name.
        let path = dir + "/abandoned.csv"
        do {
            let f = try StreamedFile(path: path)
            try f.write(Array("la,child\n".utf8))
            #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }
}
