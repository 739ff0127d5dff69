public import ArgumentParser
import Foundation
import ModelCatalog
import ModelSpecs
import Reporting
import Tabular

/// `carestat reproduce [NAME]`: published estimates beside CareStat's.
public struct ReproduceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce published estimates: each study's published figures beside CareStat's, with intervals.",
        discussion: """
            A study is a spec in the catalogue with published figures (see 'carestat models'). With NAME, runs that \
            study and prints its published-versus-estimated table first, then its other tables. Without NAME, runs \
            every study and prints one summary table: the published figure, CareStat's estimate and 95% interval, \
            the difference, whether the published figure lies inside the interval, and the source. --data DIR \
            points the care-records studies at a real extract in CareStat's file layout (the LA-panel studies find \
            the panel as 'carestat run' does); without it they run on the embedded synthetic data.
            """
    )

    @Argument(help: "A study's name (omit to run them all).") public var name: String?
    @Option(help: "Folder with the studies' care records (CareStat's file layout).") public var data: String?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let studies = Reproduction.studies(in: Catalog.all)
        if let name {
            guard let spec = studies.first(where: { $0.name == name }) else {
                if Catalog.spec(named: name) != nil { throw UserError("spec \(name) has no published figures to reproduce") }
                throw SpecError.unknownSpec(name, suggestion: nearestName(to: name, among: studies.map(\.name)))
            }
            let run = try SpecData.run(spec, data: spec.data == .careRecords ? data : nil, options: options)
            try Console.publish(Reproduction.study(run.run), options: options, figurePath: { _ in nil })
            return
        }
        var runs: [SpecRun] = []
        var failures: [(String, String)] = []
        for spec in studies {
            do { runs.append(try SpecData.run(spec, data: spec.data == .careRecords ? data : nil, options: options).run) }
            catch { failures.append((spec.name, "\(error)")) }
        }
        try Console.publish(Reproduction.summary(runs, failures: failures), options: options)
    }
}
