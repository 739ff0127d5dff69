public import ArgumentParser
import Foundation
import Sequences

/// The distance options of `sequences distances` and `sequences cluster`: TraMineR's `seqdist` method, costs and
/// normalisation. Parsing and checking only; the distances are computed by the Sequences module.
public struct SequenceDistanceOptions: ParsableArguments {
    public enum Method: String, ExpressibleByArgument, CaseIterable, Sendable { case om, omspell, ham, dhd, lcs }

    @Option(help: "Distance: om (optimal matching), omspell (OM of spells), ham (Hamming), dhd (dynamic Hamming), lcs.")
    public var method: Method = .om
    @Option(help: "Substitution costs for om, omspell and ham: constant:C, trate, or a CSV file (states as header row and first column; symmetric, zero diagonal, ≥ 0). Default constant:2 (ham: constant:1).")
    public var sub: String?
    @Option(help: "Indel cost for om and omspell: a number or auto (half the largest substitution cost, TraMineR's default).")
    public var indel: String = "auto"
    @Option(help: "Normalisation (TraMineR's): none, auto (maxlength for om/ham/dhd, gmean for lcs, YujianBo for omspell), maxlength, gmean, maxdist, YujianBo.")
    public var norm: String = "none"
    @Option(help: "omspell: cost of each unit of spell duration beyond the first (TraMineR's expcost, default 0.5).")
    public var expcost: Double = 0.5
    @Option(help: "omspell: exponent applied to spell durations (TraMineR's tpow, default 1).")
    public var tpow: Double = 1

    public init() {}

    public func validate() throws {
        if method != .omspell && (expcost != 0.5 || tpow != 1) { throw ValidationError("--expcost and --tpow apply to --method omspell only") }
        guard expcost.isFinite, expcost >= 0 else { throw ValidationError("--expcost must be a finite number ≥ 0, got \(expcost)") }
        guard tpow.isFinite else { throw ValidationError("--tpow must be a finite number, got \(tpow)") }
        guard DistanceNormalisation(rawValue: norm) != nil else {
            throw ValidationError("--norm must be one of \(DistanceNormalisation.allCases.map(\.rawValue).joined(separator: ", ")), got \(norm)")
        }
    }

    var normalisation: DistanceNormalisation { DistanceNormalisation(rawValue: norm) ?? .none }

    func distanceMethod(alphabet: Alphabet) throws -> DistanceMethod {
        func substitution(default d: Double) throws -> SubstitutionChoice {
            guard let s = sub else { return .constant(d) }
            if s == "trate" { return .transitionRates }
            if s.hasPrefix("constant:") {
                guard let c = Double(s.dropFirst("constant:".count)), c.isFinite, c > 0 else { throw UserError("--sub constant:C needs C > 0, got \(s)") }
                return .constant(c)
            }
            guard FileManager.default.fileExists(atPath: s) else {
                throw UserError("--sub must be constant:C (C > 0), trate or an existing CSV file, got \(s)")
            }
            let text: String
            do { text = try String(contentsOfFile: s, encoding: .utf8) } catch { throw UserError("cannot read \(s): \(error.localizedDescription)") }
            do { return .matrix(try SubstitutionCosts.fromCSV(text, alphabet: alphabet, source: s)) } catch { throw UserError("\(error)") }
        }
        func indelChoice() throws -> IndelChoice {
            if indel == "auto" { return .auto }
            guard let v = Double(indel), v.isFinite, v > 0 else { throw UserError("--indel must be a number > 0 or auto, got \(indel)") }
            return .value(v)
        }
        switch method {
        case .om: return .optimalMatching(substitution: try substitution(default: 2), indel: try indelChoice())
        case .omspell:
            return .optimalMatchingOfSpells(substitution: try substitution(default: 2), indel: try indelChoice(), expcost: expcost, tpow: tpow)
        case .ham:
            if indel != "auto" { throw UserError("--indel applies to --method om and omspell only") }
            return .hamming(substitution: try substitution(default: 1))
        case .dhd, .lcs:
            if sub != nil || indel != "auto" { throw UserError("--sub and --indel apply to --method om, omspell and ham only") }
            return method == .dhd ? .dynamicHamming : .longestCommonSubsequence
        }
    }

    /// The distances prepared on `data` (errors name `file`).
    func engine(_ data: StateSequences, file: String) throws -> DistanceEngine {
        let m = try distanceMethod(alphabet: data.alphabet)
        let kernel = try Self.bitParallelPathFromEnvironment().map { DistanceKernel.bitParallel($0) } ?? .automatic
        do { return try DistanceEngine(data, method: m, normalisation: normalisation, kernel: kernel) } catch { throw UserError("\(file): \(error)") }
    }

    /// An internal switch for benchmarks and checks, read once per command: CARESTAT_LCS_KERNEL=pairs|portable|avx2|
    /// avx512 forces that path of the bit-parallel LCS kernel (an error where it is not exact or the CPU lacks it);
    /// unset, the engine picks the best path the CPU runs.
    static func bitParallelPathFromEnvironment() throws -> BitParallelPath? {
        guard let text = ProcessInfo.processInfo.environment["CARESTAT_LCS_KERNEL"], !text.isEmpty else { return nil }
        guard let path = BitParallelPath(rawValue: text) else {
            throw UserError("CARESTAT_LCS_KERNEL must be one of \(BitParallelPath.allCases.map(\.rawValue).joined(separator: ", ")), got \(text)")
        }
        return path
    }

    /// One line describing the distance, with the costs the data resolved (TRATE, indel auto) and the normalisation.
    func describe(_ resolved: SequenceDistances.Resolved) -> String {
        var s = method == .omspell ? "OMspell" : method.rawValue.uppercased()
        if method == .om || method == .ham || method == .omspell {
            let subText = sub.map { $0 == "trate" || $0.hasPrefix("constant:") ? $0 : "matrix \(URL(fileURLWithPath: $0).lastPathComponent)" }
            s += ", substitution \(subText ?? (method == .ham ? "constant:1" : "constant:2"))"
        }
        if let i = resolved.indel { s += ", indel \(indel == "auto" ? "auto = " : "")\(String(format: "%.10g", i))" }
        if method == .omspell { s += ", expcost \(String(format: "%g", expcost)), tpow \(String(format: "%g", tpow))" }
        if method == .dhd { s += ", time-varying TRATE costs (cval 4)" }
        if resolved.normalisation != .none { s += ", normalised \(resolved.normalisation.rawValue)\(norm == "auto" ? " (auto)" : "")" }
        return s
    }
}

/// The memory option shared by `sequences distances` and `sequences cluster`.
public struct SequenceMemoryOptions: ParsableArguments {
    @Option(help: "Memory the distance matrix may use, e.g. 8G or 500M (default: half the available memory). distances streams rows to disk above it; cluster refuses (except --clustering clara, which never forms the matrix).")
    public var maxMemory: String?
    @Option(help: "Worker threads for the distances (default: the active cores). Results do not depend on it.")
    public var threads: Int?
    public init() {}
    public func validate() throws { if let t = threads, t < 1 { throw ValidationError("--threads must be ≥ 1, got \(t)") } }
    func budget() throws -> Double { try distanceMemoryBudget(maxMemory) }
}
