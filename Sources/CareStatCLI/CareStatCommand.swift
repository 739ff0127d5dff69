public import ArgumentParser

/// The `carestat` root command. Subcommands print tables; see DESIGN.md's command-line contract.
public struct CareStatCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "carestat",
        abstract: "Statistical modelling and forecasting for children's social care data.",
        discussion: """
            Every command prints a table (text by default; --format markdown|csv|json). Counts of people go \
            through statistical disclosure control unless --no-disclosure-control is given. Exit status: 0 on \
            success, 1 on a user error (bad input or option), 2 on an internal error.
            """,
        version: CareStatCommand.version,
        // In the order of DESIGN.md's command-line contract; one per line.
        subcommands: [
            DescribeCommand.self,
            SynthCommand.self,
            ValidateCommand.self,
            DeriveCommand.self,
            KMCommand.self,
            CoxCommand.self,
            CumulativeIncidenceCommand.self,
            GLMCommand.self,
            OrderedLogitCommand.self,
            MultinomialLogitCommand.self,
            GLMMCommand.self,
            FunnelCommand.self,
            ForecastCommand.self,
            CompareCommand.self,
            DemandCommand.self,
            SequencesCommand.self,
            ModelsCommand.self,
            RunCommand.self,
            ReproduceCommand.self,
            NotebookCommand.self,
            DistributionCommand.self,
            InfoCommand.self,
        ]
    )

    public init() {}
}
