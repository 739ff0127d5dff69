import Testing
@testable import Survival

/// SurvivalData, the shared sorted input: its order is checked against a plain comparison sort (the
/// specification: stratum, time, events first, input row) on data large enough for the radix path.
@Suite("SurvivalData")
struct KaplanMeierSurvivalDataTests {
    /// Deterministic pseudo-random data: SplitMix64 uniforms.
    static func uniforms(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / 9_007_199_254_740_992
        }
    }

    @Test(arguments: [50, 5000])
    func orderMatchesComparisonSort(_ n: Int) throws {
        let u = Self.uniforms(4 * n, seed: 42)
        // Times with heavy ties, negative values, −0.0 and +0.0, a few NaN (dropped).
        var time = (0..<n).map { (u[$0] * 40).rounded(.down) - 5 }
        time[0] = -0.0
        time[1] = 0.0
        time[2] = .nan
        time[n - 1] = 1e300
        let event = (0..<n).map { u[n + $0] < 0.6 }
        let stratum = (0..<n).map { Int(u[2 * n + $0] * 3) }
        var entry = (0..<n).map { time[$0] - 1 - (u[3 * n + $0] * 4).rounded(.down) }
        entry[n - 1] = 0
        let data = try SurvivalData(time: time, event: event, entry: entry, stratum: stratum, strata: ["x", "y", "z"])
        let expected = (0..<n).filter { !time[$0].isNaN }.sorted { a, b in
            if stratum[a] != stratum[b] { return stratum[a] < stratum[b] }
            if time[a] != time[b] { return time[a] < time[b] }
            if event[a] != event[b] { return event[a] }
            return a < b
        }
        #expect(data.row == expected)
        #expect(data.omitted == 1)
        #expect(data.time == expected.map { time[$0] + 0.0 })
        #expect(data.event == expected.map { event[$0] })
        #expect(data.stratum == expected.map { stratum[$0] })
        let counts = (0..<3).map { s in expected.filter { stratum[$0] == s }.count }
        #expect(data.stratumStart == [0, counts[0], counts[0] + counts[1], counts[0] + counts[1] + counts[2]])
        // entryOrder: positions by (stratum, entry), stable.
        let sortedEntry = try #require(data.entry)
        let eo = try #require(data.entryOrder)
        let expectedEO = (0..<data.count).sorted { a, b in
            if data.stratum[a] != data.stratum[b] { return data.stratum[a] < data.stratum[b] }
            if sortedEntry[a] != sortedEntry[b] { return sortedEntry[a] < sortedEntry[b] }
            return a < b
        }
        #expect(eo == expectedEO)
    }

    @Test func rejectsBadInput() {
        #expect(throws: SurvivalDataError.lengthMismatch("event has 1 rows, time has 2")) {
            try SurvivalData(time: [1, 2], event: [true])
        }
        #expect(throws: SurvivalDataError.nonFiniteTime(row: 1)) {
            try SurvivalData(time: [1, .infinity], event: [true, true])
        }
        #expect(throws: SurvivalDataError.entryNotBeforeExit(row: 0)) {
            try SurvivalData(time: [1, 2], event: [true, true], entry: [1, 0])
        }
        #expect(throws: SurvivalDataError.invalidWeight(row: 1)) {
            try SurvivalData(time: [1, 2], event: [true, true], weight: [1, -1])
        }
        #expect(throws: SurvivalDataError.stratumOutOfRange(row: 0)) {
            try SurvivalData(time: [1, 2], event: [true, true], stratum: [2, 0], strata: ["a", "b"])
        }
    }

    /// R factor() level order: numeric when all labels are numbers, else lexicographic.
    @Test func factorLevels() {
        #expect(SurvivalData.factorCodes(["10", "9", "2", "10"]).levels == ["2", "9", "10"])
        #expect(SurvivalData.factorCodes(["b", "a", "B"]).levels == ["B", "a", "b"])
        #expect(SurvivalData.factorCodes(["b", "a", "b"]).codes == [1, 0, 1])
    }
}

/// Degenerate inputs give empty or NaN results, never a crash.
@Suite("Degenerate inputs")
struct KaplanMeierDegenerateTests {
    @Test func emptyAndOutOfRange() throws {
        let empty = try SurvivalData(time: [], event: [])
        let fit = try KaplanMeier.fit(empty)
        #expect(fit.curves.count == 1 && fit.curves[0].time.isEmpty)
        #expect(fit.curves[0].median.estimate.isNaN)
        #expect(fit.curves[0].summary(at: [1]).isEmpty)
        #expect(fit.lifeTableRows(stratum: 5).isEmpty)
        #expect(fit.lifeTableRows(stratum: -1).isEmpty)
        #expect(empty.rows(ofStratum: 3).isEmpty)
        #expect(throws: SurvivalCurveError.self) { try LogRank.test(empty, groups: []) }
        let cr = try AalenJohansen.fit(empty, cause: [], causeNames: ["x"])
        #expect(cr.curves[0].time.isEmpty && cr.rows(stratum: 0).isEmpty && cr.rows(stratum: 9).isEmpty)
        // All rows missing: every row dropped.
        let missing = try SurvivalData(time: [.nan, .nan], event: [true, false])
        #expect(missing.count == 0 && missing.omitted == 2)
        #expect(try KaplanMeier.fit(missing).curves[0].quantile(0.5).estimate.isNaN)
    }
}

/// R's aeqSurv (timefix) rules, worked by hand on the distinct values 1, 1 + 1e-10, 2, 2 + 1e-6, 100,
/// 100 + 1e-7 (mean ≈ 34.33, √ε ≈ 1.49e-8): the gap 1e-10 ≤ √ε merges; 1e-6 is above √ε and 1e-6/34.33 ≈ 2.9e-8
/// is above √ε, so 2 and 2 + 1e-6 stay apart; 1e-7/34.33 ≈ 2.9e-9 ≤ √ε merges. Groups take their smallest value.
@Suite("Timefix")
struct KaplanMeierTimefixTests {
    @Test func mergesNearTies() throws {
        let t: [Double] = [1 + 1e-10, 1, 2, 2 + 1e-6, 100 + 1e-7, 100]
        let data = try SurvivalData(time: t, event: [true, true, true, true, true, true], timefix: true)
        #expect(data.time == [1, 1, 2, 2 + 1e-6, 100, 100])
        let plain = try SurvivalData(time: t, event: [true, true, true, true, true, true])
        #expect(plain.time == t.sorted())
    }

    /// Radix path (n = 300), with and without strata: pairs (i/7, i/7 + 1e-13) merge to i/7 (gap 1e-13 ≤ √ε),
    /// and within each merged pair the event (given to the larger time) sorts first.
    @Test(arguments: [false, true])
    func mergesOnTheRadixPath(stratified: Bool) throws {
        let base = (0..<150).map { Double($0 + 1) / 7 }
        let time = base + base.map { $0 + 1e-13 }
        let event = [Bool](repeating: false, count: 150) + [Bool](repeating: true, count: 150)
        let strata = stratified ? (0..<300).map { $0 % 150 < 75 ? "a" : "b" } : [String](repeating: "", count: 300)
        let data = try SurvivalData(time: time, event: event, strataLabels: strata, timefix: true)
        #expect(data.time == (stratified ? Array(base[0..<75]) + Array(base[75...]) : base).flatMap { [$0, $0] })
        #expect(data.event == [Bool]((0..<150).flatMap { _ in [true, false] }))
    }

    @Test func collapsedIntervalIsAnError() {
        #expect(throws: SurvivalDataError.intervalCollapsed(row: 0)) {
            try SurvivalData(time: [1 + 1e-10, 2], event: [true, true], entry: [1, 0], timefix: true)
        }
    }
}
