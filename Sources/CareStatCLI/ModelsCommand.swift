public import ArgumentParser
import ModelCatalog
import ModelSpecs
import Reporting

/// `carestat models`: the catalogue in models/.
public struct ModelsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model specs in the catalogue (run one with 'carestat run NAME')."
    )

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        var t = Table(title: "CareStat model catalogue",
                      columns: [Column("name", alignment: .left), Column("data", alignment: .left),
                                Column("published figures", key: "published_figures"), Column("title", alignment: .left)])
        for spec in Catalog.all {
            t.append([.text(spec.name), .text(spec.data.label), .integer(spec.published.count), .text(spec.title)])
        }
        try Console.publish(countFree: [t], options: options)
    }
}

extension DataSource {
    var label: String {
        switch self {
        case .laPanel: return "LA panel (real)"
        case .csvFile(let f): return f
        case .careRecords: return "care records (synthetic default)"
        }
    }
}
