import Foundation
import Tabular
public import Reporting

/// Calibration figures measured on the files written by ``SyntheticGenerator`` (simple direct computations, no
/// models), each beside the published figure it is meant to reproduce (domain-notes §3):
///
/// 1. Re-entry within 5 years of an at-risk exit: periods of care (runs of episodes joined by X1) that end before
///    the 18th birthday with an at-risk code (E4A, E4B, E13, E41, E45–E48, E5, E6, E17, E8, E14) between the
///    window start and five years before the data end; the share followed by a new period starting within five
///    years (calendar years) of the exit. Target 35.3 % (McGrath-Lone et al. 2017, 2008 exits, N = 4,076).
/// 2. Re-referral within 12 months: CIN referral episodes (distinct LA + LAchildID + CINreferralDate) with a
///    referral date at least a year after the window start; the share with a previous referral of the same
///    child in the 365 days before (the DfE definition). Target 23.3 %, the share of referrals that were
///    re-referrals in the real LA panel, all LAs 2011–2022 (DfE CIN census figures).
/// 3. Spearman correlation across LAs of the CLA rate (children with an open episode on 31 March, averaged
///    over the collection years, per 10,000 CHILD_POPULATION) with IDACI: target the real panel's 0.67 (2022).
/// 4. Care-history mix among children looked after whose 18th birthday is on or before the data end, by rules
///    that approximate McGrath-Lone's sequence-analysis groups: adolescent entry (first entry aged 11+);
///    long-term (5+ years in care in total) stable (at most 3 placements and one period) or complex/unstable
///    (otherwise); early permanence (first entry under 1 and the last exit by adoption, SGO or child
///    arrangements order); shorter-term care (the rest). Targets 17.6 / 4.0 / 13.1 / 6.9 / 58.4 %
///    (ijpds.org/article/view/469), which come from full childhoods, whereas the files are left-truncated at the
///    window start, so only rough agreement is expected.
///
/// Complexity: linear in the size of the files.
public struct SyntheticCalibration: Sendable, Equatable {
    /// A measured proportion: `count` of `total`.
    public struct Proportion: Sendable, Equatable {
        public let count: Int
        public let total: Int
        public var value: Double { total > 0 ? Double(count) / Double(total) : .nan }
        /// Binomial standard error √(p(1 − p)/n) (NaN when empty).
        public var standardError: Double { total > 0 ? (value * (1 - value) / Double(total)).squareRoot() : .nan }
    }

    public var reentryWithin5Years: Proportion
    public var rereferralWithin12Months: Proportion
    public var laSpearmanCLARateIDACI: Double
    public var localAuthorities: Int
    /// Care-history groups in the order of ``careHistoryGroups``.
    public var careHistoryMix: [Proportion]

    public static let careHistoryGroups = ["adolescent entry", "long-term stable", "long-term complex/unstable",
                                           "early permanence", "shorter-term"]
    /// Published targets (fractions) in the order of the rows of ``table``.
    public static let targetReentry = 0.353
    public static let targetRereferral = 0.233
    public static let targetCareHistoryMix = [0.176, 0.040, 0.131, 0.069, 0.584]

    /// Reads the files in `directory` and computes the figures.
    /// - Throws: ``SyntheticError/readFailed(path:reason:)`` if a file is missing or malformed.
    public static func measure(directory: String) throws(SyntheticError) -> SyntheticCalibration {
        let truth = try readText(directory, SyntheticFileFormat.truth)
        guard let windowStart = jsonDate(truth, key: "window_start"), let dataEnd = jsonDate(truth, key: "data_end") else {
            throw .readFailed(path: SyntheticFileFormat.truth, reason: "window_start/data_end not found")
        }
        let firstYear = SyntheticCalendar.yearOf(windowStart) + 1
        let lastYear = SyntheticCalendar.yearOf(dataEnd)

        // Header: date of birth by child.
        let header = try table(directory, SyntheticFileFormat.header)
        var dob: [String: Int] = [:]
        let hChild = try header.column("CHILD"), hDOB = try header.column("DOB")
        for row in header.rows {
            if let d = SyntheticCalendar.parseUK(Substring(row[hDOB])) { dob[row[hChild]] = d }
        }

        // Episodes, grouped into periods per child.
        let episodes = try table(directory, SyntheticFileFormat.episodes)
        let eChild = try episodes.column("CHILD"), eStart = try episodes.column("DECOM"), eEnd = try episodes.column("DEC")
        let eRec = try episodes.column("REC"), eRNE = try episodes.column("RNE"), eLA = try episodes.column("LA")
        struct Period { var start: Int; var end: Int?; var exit: String; var placements: Int }
        var periodsByChild: [String: [Period]] = [:]
        var openEpisodes: [(la: String, start: Int, end: Int?)] = []
        var previousREC: [String: String] = [:]
        for row in episodes.rows where !row[eChild].isEmpty {
            let child = row[eChild]
            guard let start = SyntheticCalendar.parseUK(Substring(row[eStart])) else { continue }
            let end = SyntheticCalendar.parseUK(Substring(row[eEnd]))
            openEpisodes.append((row[eLA], start, end))
            let isPlacement = ["S", "P", "B", "T", "U"].contains(row[eRNE])
            if previousREC[child] == SyntheticCode.x1, var periods = periodsByChild[child], !periods.isEmpty {
                periods[periods.count - 1].end = end
                periods[periods.count - 1].exit = row[eRec]
                if isPlacement { periods[periods.count - 1].placements += 1 }
                periodsByChild[child] = periods
            } else {
                periodsByChild[child, default: []].append(Period(start: start, end: end, exit: row[eRec], placements: 1))
            }
            previousREC[child] = row[eRec]
        }

        // 1. Re-entry within 5 years.
        let atRisk = Set(SyntheticCodes.atRiskExits)
        let lastExit = SyntheticCalendar.adding(years: -5, to: dataEnd)
        var reentered = 0, exits = 0
        for (child, periods) in periodsByChild {
            guard let birth = dob[child] else { continue }
            let eighteen = SyntheticCalendar.adding(years: 18, to: birth)
            for (i, p) in periods.enumerated() {
                guard let end = p.end, atRisk.contains(p.exit), end >= windowStart, end <= lastExit, end < eighteen else { continue }
                exits += 1
                if i + 1 < periods.count && periods[i + 1].start <= SyntheticCalendar.adding(years: 5, to: end) { reentered += 1 }
            }
        }

        // 2. Re-referrals within 12 months.
        var referralDates: [String: Set<Int>] = [:]
        let cinFirstYear = max(firstYear, SyntheticFileFormat.firstCINCensusYear)
        for year in cinFirstYear...max(cinFirstYear, lastYear) where year <= lastYear {
            let name = SyntheticFileFormat.cinCensus(year: year)
            let cin = try table(directory, name)
            let cLA = try cin.column("LA"), cChild = try cin.column("LAchildID"), cDate = try cin.column("CINreferralDate")
            for row in cin.rows where !row[cChild].isEmpty {
                if let d = SyntheticCalendar.parseISO(Substring(row[cDate])) {
                    referralDates[row[cLA] + "|" + row[cChild], default: []].insert(d)
                }
            }
        }
        var rereferred = 0, referrals = 0
        let firstCounted = SyntheticCalendar.day(cinFirstYear - 1, 4, 1) + 365
        for (_, set) in referralDates {
            let dates = set.sorted()
            for (i, d) in dates.enumerated() where d >= firstCounted && d <= dataEnd {
                referrals += 1
                if i > 0 && d - dates[i - 1] <= 365 { rereferred += 1 }
            }
        }

        // 3. LA CLA rate vs IDACI.
        let laTable = try table(directory, SyntheticFileFormat.localAuthorities)
        let lCode = try laTable.column("LA"), lPop = try laTable.column("CHILD_POPULATION"), lIDACI = try laTable.column("IDACI")
        var index: [String: Int] = [:]
        var population: [Double] = [], idaci: [Double] = []
        for row in laTable.rows {
            index[row[lCode]] = population.count
            population.append(Double(row[lPop]) ?? .nan)
            idaci.append(Double(row[lIDACI]) ?? .nan)
        }
        var looked = [Double](repeating: 0, count: population.count)
        let censusDays = (firstYear...max(firstYear, lastYear)).map { SyntheticCalendar.day($0, 3, 31) }
        for e in openEpisodes {
            guard let k = index[e.la] else { continue }
            for d in censusDays where e.start <= d && (e.end.map { $0 > d } ?? true) { looked[k] += 1 }
        }
        var rates: [Double] = [], scores: [Double] = []
        for k in population.indices where population[k] > 0 && idaci[k].isFinite {
            rates.append(looked[k] / Double(censusDays.count) / population[k] * 10_000)
            scores.append(idaci[k])
        }
        let rho = spearman(rates, scores)

        // 4. Care-history mix.
        var groups = [Int](repeating: 0, count: careHistoryGroups.count)
        var histories = 0
        let permanence = SyntheticCodes.permanenceOrderExits.union([SyntheticCode.e11,
                                                                    SyntheticCode.e12])
        for (child, periods) in periodsByChild {
            guard let birth = dob[child], let first = periods.first else { continue }
            let eighteen = SyntheticCalendar.adding(years: 18, to: birth)
            guard birth >= windowStart && eighteen <= dataEnd else { continue }
            histories += 1
            let total = periods.reduce(0) { $0 + (($1.end ?? dataEnd) - $1.start) }
            let placements = periods.reduce(0) { $0 + $1.placements }
            let group: Int
            if first.start >= SyntheticCalendar.adding(years: 11, to: birth) {
                group = 0
            } else if total >= 5 * 365 {
                group = placements <= 3 && periods.count == 1 ? 1 : 2
            } else if first.start < SyntheticCalendar.adding(years: 1, to: birth), let last = periods.last,
                      permanence.contains(last.exit) {
                group = 3
            } else {
                group = 4
            }
            groups[group] += 1
        }
        return SyntheticCalibration(
            reentryWithin5Years: Proportion(count: reentered, total: exits),
            rereferralWithin12Months: Proportion(count: rereferred, total: referrals),
            laSpearmanCLARateIDACI: rho, localAuthorities: rates.count,
            careHistoryMix: groups.map { Proportion(count: $0, total: histories) })
    }

    /// The figures as a table: measure, synthetic value, n, published target and source.
    public var table: Table {
        var t = Table(title: "Synthetic data calibration",
                      columns: [Column("measure", alignment: .left), Column("synthetic"), Column("n"), Column("target"),
                                Column("source", alignment: .left)])
        t.append(["re-entry within 5 years of an at-risk exit", .number(reentryWithin5Years.value, significantDigits: 3),
                  .integer(reentryWithin5Years.total), .number(Self.targetReentry, significantDigits: 3),
                  "McGrath-Lone et al. 2017 (2008 exits)"])
        t.append(["re-referral within 12 months", .number(rereferralWithin12Months.value, significantDigits: 3),
                  .integer(rereferralWithin12Months.total), .number(Self.targetRereferral, significantDigits: 3),
                  "real LA panel 2011-2022 (DfE CIN census)"])
        t.append(["Spearman(LA CLA rate, IDACI)", .number(laSpearmanCLARateIDACI, significantDigits: 3),
                  .integer(localAuthorities), .number(0.675, significantDigits: 3), "real LA panel, 2022"])
        for (i, name) in Self.careHistoryGroups.enumerated() {
            t.append([.text("care history: " + name), .number(careHistoryMix[i].value, significantDigits: 3),
                      .integer(careHistoryMix[i].total), .number(Self.targetCareHistoryMix[i], significantDigits: 3),
                      "McGrath-Lone et al. (sequence groups)"])
        }
        t.footnotes = ["Computed directly from the written files; see SyntheticCalibration for the definitions."]
        return t
    }

    // MARK: - Helpers

    struct CSVTable {
        let name: String
        let columns: [String]
        let rows: [[String]]
        func column(_ name: String) throws(SyntheticError) -> Int {
            guard let i = columns.firstIndex(of: name) else {
                throw .readFailed(path: self.name, reason: "no column \(name)")
            }
            return i
        }
    }

    static func readText(_ directory: String, _ name: String) throws(SyntheticError) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .readFailed(path: path, reason: "missing or not UTF-8")
        }
        return text
    }

    static func table(_ directory: String, _ name: String) throws(SyntheticError) -> CSVTable {
        var rows = SyntheticCSV.parse(try readText(directory, name))
        guard !rows.isEmpty else { throw .readFailed(path: name, reason: "empty file") }
        let columns = rows.removeFirst()
        for (i, row) in rows.enumerated() where row.count != columns.count {
            throw .readFailed(path: name, reason: "row \(i + 2) has \(row.count) fields for \(columns.count) columns")
        }
        return CSVTable(name: name, columns: columns, rows: rows)
    }

    /// The ISO date string value of `"key":"yyyy-mm-dd"` in a JSON text.
    static func jsonDate(_ json: String, key: String) -> Int? {
        guard let range = json.range(of: "\"\(key)\":\"") else { return nil }
        let rest = json[range.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return SyntheticCalendar.parseISO(rest[..<close])
    }

    /// Spearman's rank correlation (Tabular's `spearmanCorrelation`, mid-ranks for ties); NaN when undefined.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        spearmanCorrelation(x, y) ?? .nan
    }
}
