import Foundation
import Testing

// End-to-end (issue 11, point 2): a bad cell in a numeric column stops a model command with the file, line,
// column and value (exit 1); with --quarantine the row is set aside, counted on stderr, and the model fits.
// Files without rows and formats that are not read say so.

@Suite struct BadCellCommandTests {
    /// 30 rows of y (0/1, not separable) and x; x on line 9 (row 8) is "n/a".
    static func badFile(in dir: URL) throws -> String {
        var records = [["y", "x"]]
        for i in 1...30 { records.append(["\(i * 7 % 5 < 2 ? 1 : 0)", i == 8 ? "n/a" : "\(i)"]) }
        let url = dir.appendingPathComponent("bad.csv")
        try ModelCommandFixtures.write(records, to: url)
        return url.path
    }

    @Test func badCellStopsTheModelWithFileLineColumnAndValue() throws {
        let dir = try ModelCommandFixtures.temporaryDirectory()
        let bad = try Self.badFile(in: dir)
        let r = try CareStatBinary.run(["glm", bad, "y ~ x", "--family", "binomial"])
        #expect(r.status == 1 && r.exitedNormally)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "carestat: error: \(bad):9: column x (2): \"n/a\" is not a number, but 29 of the column's 30 "
            + "non-missing values are (1 cell is not; a missing value is written as blank, NA, . or NULL)\n")
    }

    @Test func quarantineSetsTheRowAsideCountsItAndFits() throws {
        let dir = try ModelCommandFixtures.temporaryDirectory()
        let bad = try Self.badFile(in: dir)
        let q = dir.appendingPathComponent("q.csv").path
        let r = try CareStatBinary.run(["glm", bad, "y ~ x", "--family", "binomial", "--quarantine", q, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "carestat: \(bad): 1 row quarantined to \(q) (29 read)\n")
        let fit = try ModelCommandFixtures.object(r.stdout)
        let terms = ModelCommandFixtures.objects(fit, "coefficients").compactMap { $0["term"] as? String }
        #expect(terms == ["(Intercept)", "x"])   // x is a number, not a 29-level factor
        let quarantined = try String(contentsOfFile: q, encoding: .utf8)
        #expect(quarantined == "line,reason,raw\n9,\"column x (2): \"\"n/a\"\" is not a number, but 29 of the column's "
            + "30 non-missing values are (1 cell is not; a missing value is written as blank, NA, . or NULL)\",\"1,n/a\"\n")
    }

    @Test func headerOnlyFileHasNoDataRows() throws {
        let dir = try ModelCommandFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("header.csv").path
        try "y,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(["glm", path, "y ~ x", "--family", "binomial"])
        #expect(r.status == 1 && r.exitedNormally)
        #expect(r.stderr == "carestat: error: \(path): no data rows\n")
        // describe shows the columns and says there are no rows.
        let d = try CareStatBinary.run(["describe", path])
        #expect(d.status == 0)
        #expect(d.stdout.contains("header.csv: 2 columns") && d.stdout.contains("Note: 0 rows"))
        #expect(d.stdout.contains("no data rows"))
    }

    @Test func unsupportedFormatsNameTheSupportedOnes() throws {
        let dir = try ModelCommandFixtures.temporaryDirectory()
        let xpt = dir.appendingPathComponent("data.xpt").path
        try "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!".write(toFile: xpt, atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(["describe", xpt])
        #expect(r.status == 1 && r.exitedNormally)
        #expect(r.stderr == "carestat: error: \(xpt): SAS transport (.xpt) files are not supported; export the data as "
            + "CSV or .sas7bdat. Supported: CSV (.csv, .tsv, .txt, .tab, or no extension), Stata .dta, SPSS .sav/.zsav, SAS .sas7bdat\n")
        let xlsx = dir.appendingPathComponent("data.xlsx").path
        try "PK".write(toFile: xlsx, atomically: true, encoding: .utf8)
        let x = try CareStatBinary.run(["glm", xlsx, "y ~ x", "--family", "binomial"])
        #expect(x.status == 1)
        #expect(x.stderr.hasPrefix("carestat: error: \(xlsx): unsupported file type .xlsx. Supported: CSV"))
    }

    @Test func nonFiniteValuesStopAModelAndDescribeShowsThem() throws {
        let dir = try ModelCommandFixtures.temporaryDirectory()
        var records = [["y", "x"]]
        for i in 1...20 { records.append(["\(i % 3)", i == 5 ? "Inf" : "\(i).5"]) }
        let url = dir.appendingPathComponent("inf.csv")
        try ModelCommandFixtures.write(records, to: url)
        let r = try CareStatBinary.run(["glm", url.path, "y ~ x", "--family", "gaussian"])
        #expect(r.status == 1)
        #expect(r.stderr == "carestat: error: \(url.path):6: column x (2): \"Inf\" is not a finite number; models need finite values\n")
        let d = try CareStatBinary.run(["describe", url.path])
        #expect(d.status == 0)
        // The column is named; how many of its values are non-finite is a count of records, not printed.
        #expect(d.stdout.contains("Non-finite values (Inf, NaN) in: x; model commands refuse them, naming line and column."))
    }
}
