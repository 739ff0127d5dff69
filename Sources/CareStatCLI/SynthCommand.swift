public import ArgumentParser
import CareData
import Reporting
import Foundation

/// `carestat synth`: writes a synthetic children's-social-care data set (SSDA903, CIN census, care proceedings,
/// LA table, outcomes and truth.json) with known generating parameters, then prints what was written and the
/// calibration figures measured on the written files.
public struct SynthCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic SSDA903, CIN census, proceedings, LA and outcome files with known parameters.",
        discussion: """
            Examples:
              carestat synth --out synthetic
              carestat synth --out small --children 5000 --las 20 --years 2010-2024 --seed 7
              carestat synth --out messy --missing-id-rate 0.02 --overlap-rate 0.05 --missing-closure-rate 0.185
              carestat synth --out england --national --years 2010-2024
            The same options and seed always write byte-identical files. truth.json records every generating \
            parameter (the ground truth for recovery tests).
            """
    )

    @Option(help: "Directory to write the files into (created if needed).")
    public var out: String

    @Option(help: "Number of children simulated (default 100000).")
    public var children: Int = 100_000

    @Option(help: "Number of local authorities, 1-151 (default 151, all of England's upper-tier LAs).")
    public var las: Int = SyntheticGenerator.availableLocalAuthorities

    @Option(help: "Collection years FIRST-LAST, each ending on 31 March (default 1992-2024; 2010-2024 with --national).")
    public var years: String?

    @Flag(help: "National scale: all 151 LAs at their real child populations (about 22 million children drawn), only children with a referral simulated in full; no outcomes.csv.")
    public var national = false

    @Option(help: "--national: multiple of England's real child population (default 1).")
    public var populationScale: Double = SyntheticNationalGenerator.defaultPopulationScale

    @Option(help: "--national: worker threads (default: the processor count). The files do not depend on it.")
    public var threads: Int?

    @Flag(help: "--national: show progress on stderr (default: only when stderr is a terminal).")
    public var progress = false

    @Option(help: "Share of CIN rows and 903 episodes with the child identifier blanked (default 0).")
    public var missingIdRate: Double = 0

    @Option(help: "Share of X1-ended episodes moved to overlap the next one (default 0).")
    public var overlapRate: Double = 0

    @Option(help: "Share of closed CIN episodes without a closure date (default 0).")
    public var missingClosureRate: Double = 0

    @OptionGroup public var options: GlobalOptions

    public init() {}

    /// `FIRST-LAST` as two years.
    func parsedYears() throws -> (Int, Int) {
        let years = self.years ?? (national ? "2010-2024" : "1992-2024")
        let parts = years.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]) else {
            throw UserError("--years must look like 2008-2024, got \(years)")
        }
        return (first, last)
    }

    public func run() throws {
        let (first, last) = try parsedYears()
        if national { return try runNational(first: first, last: last) }
        let generator = SyntheticGenerator(
            children: children, localAuthorities: las, firstYear: first, lastYear: last,
            seed: options.seed ?? SyntheticGenerator.defaultSeed,
            qualityProblems: SyntheticQualityProblems(missingChildIDRate: missingIdRate, overlappingEpisodeRate: overlapRate,
                                                      missingClosureDateRate: missingClosureRate))
        let summary: SyntheticSummary
        let calibration: SyntheticCalibration
        do {
            summary = try generator.generate(into: out)
            calibration = try SyntheticCalibration.measure(directory: out)
        } catch {
            throw UserError(error.description)
        }
        // Counts of synthetic children: no real person is behind them, so they are count-free for the gate.
        try Console.publish(countFree: [summary.table, calibration.table], options: options)
    }

    /// `--national`: the national-scale mode (``SyntheticNationalGenerator``), with progress by LA on stderr.
    func runNational(first: Int, last: Int) throws {
        guard missingIdRate == 0 && overlapRate == 0 && missingClosureRate == 0 else {
            throw UserError("--national writes clean files: drop --missing-id-rate, --overlap-rate and --missing-closure-rate")
        }
        let generator = SyntheticNationalGenerator(
            populationScale: populationScale, firstYear: first, lastYear: last,
            seed: options.seed ?? SyntheticGenerator.defaultSeed,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        let report: ((Int, Int) -> Void)? = showProgress ? { done, total in
            Console.err("\rsynth: \(done)/\(total) LAs simulated and written")
        } : nil
        let result: SyntheticNationalSummary
        do {
            result = try generator.generate(into: out, progress: report)
        } catch {
            throw UserError(error.description)
        }
        if showProgress { Console.err("\n") }
        // Counts of synthetic children: no real person is behind them, so they are count-free for the gate.
        try Console.publish(countFree: [result.summary.table, result.totalsTable], options: options)
    }
}
