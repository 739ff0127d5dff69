public import ArgumentParser
import CareData
import Foundation
import Tabular

/// The data a model command reads: a FILE, or — when none is given — a dataset derived from the embedded synthetic
/// data (DESIGN.md: the synthetic generator is the embedded default for every command).
public enum EmbeddedDataset: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// One row per exit from care before 18 (`carestat derive return-to-care`): km, cox.
    case returnToCare = "return-to-care"
    /// One row per child of the outcomes file with the intervention level before 16 (`derive outcome-cohort`): glm,
    /// glmm, ologit, mlogit.
    case outcomeCohort = "outcome-cohort"
    /// One row per period of care (`derive periods`).
    case periods

    var derived: DerivedDataset {
        switch self {
        case .returnToCare: .returnToCare
        case .outcomeCohort: .outcomeCohort
        case .periods: .periods
        }
    }
}

/// The FILE argument and its alternatives, shared by the survival-curve commands (km, cuminc).
public struct DataInput: ParsableArguments {
    @Argument(help: "Data file: CSV/TSV, Stata .dta, SPSS .sav or SAS .sas7bdat. Omit it to use --dataset.")
    public var file: String?

    @Option(help: "Without FILE: a dataset derived from the embedded synthetic data (\(EmbeddedDataset.allCases.map(\.rawValue).joined(separator: ", "))).")
    public var dataset: EmbeddedDataset?

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first; the output says how many.")
    public var quarantine: String?

    public init() {}

    public func validate() throws {
        if file != nil && dataset != nil { throw ValidationError("give a FILE or --dataset, not both") }
        if dataset != nil && quarantine != nil { throw ValidationError("--quarantine applies to a FILE") }
    }

    /// What was read: the frame and a sentence naming it.
    struct Loaded {
        let frame: DataFrame
        let name: String
        let summary: ReadSummary?
    }

    /// Reads FILE, or derives the dataset (`fallback` when neither is given) from the embedded synthetic data at
    /// `seed`.
    func load(fallback: EmbeddedDataset, seed: UInt64?) throws -> Loaded {
        try DataInput.load(file: file, dataset: dataset, quarantine: quarantine, fallback: fallback, seed: seed)
    }

    static func load(file: String?, dataset: EmbeddedDataset?, quarantine: String?, fallback: EmbeddedDataset,
                     seed: UInt64?) throws -> Loaded {
        if let file {
            let loaded = try DataLoading.load(file, quarantine: quarantine)
            return Loaded(frame: loaded.frame, name: URL(fileURLWithPath: file).lastPathComponent, summary: loaded.summary)
        }
        let kind = dataset ?? fallback
        let files = try EmbeddedSyntheticData.files(seed: seed)
        let inputs = CareDataInputs(ssda903Path: files.episodes, headerPath: files.header, cinPaths: [files.directory],
                                    localAuthoritiesPath: files.localAuthorities, outcomesPath: files.outcomes,
                                    proceedingsPath: files.proceedings)
        var options = DerivationOptions()
        if kind == .outcomeCohort { options.levelBeforeAge = 16 }
        do {
            let derived = try inputs.derive(kind.derived, options: options)
            guard let frame = derived.tables.first?.1 else { throw UserError("the \(kind.rawValue) derivation gave no table") }
            return Loaded(frame: try DeclaredLevelOrders.apply(to: frame).frame,
                          name: "\(kind.rawValue) derived from the embedded synthetic data (seed \(files.seed))", summary: nil)
        } catch let e as CareDataError {
            throw UserError(e.description)
        }
    }
}

/// `[FILE] FORMULA` and the data options, shared by the model commands (cox, glm, glmm, ologit, mlogit): one
/// positional argument is the formula (the data then come from --dataset, or the command's default dataset derived
/// from the embedded synthetic data); two are the file and the formula.
public struct ModelDataInput: ParsableArguments {
    @Argument(help: ArgumentHelp("[FILE] FORMULA: the data file (CSV/TSV, Stata .dta, SPSS .sav, SAS .sas7bdat) and the model formula in R syntax. Without FILE, a dataset derived from the embedded synthetic data (--dataset).", valueName: "file-and-formula"))
    var positionals: [String] = []

    @Option(help: "Without FILE: a dataset derived from the embedded synthetic data (\(EmbeddedDataset.allCases.map(\.rawValue).joined(separator: ", "))).")
    public var dataset: EmbeddedDataset?

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first; stderr says how many.")
    public var quarantine: String?

    public init() {}

    public func validate() throws {
        guard (1...2).contains(positionals.count) else {
            throw ValidationError("give the model formula, after the data file if there is one (e.g. data.csv \"y ~ x\")")
        }
        if file != nil && dataset != nil { throw ValidationError("give a FILE or --dataset, not both") }
        if file == nil && quarantine != nil { throw ValidationError("--quarantine applies to a FILE") }
    }

    /// The data file, when given.
    var file: String? { positionals.count == 2 ? positionals[0] : nil }
    /// The model formula.
    var formula: String { positionals.last ?? "" }

    func load(fallback: EmbeddedDataset, seed: UInt64?) throws -> DataInput.Loaded {
        try DataInput.load(file: file, dataset: dataset, quarantine: quarantine, fallback: fallback, seed: seed)
    }
}
