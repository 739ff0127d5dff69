public import ArgumentParser
import Foundation
import LinearAlgebra
import Reporting

/// `carestat info`: the software environment, for a methods section or a bug report.
public struct InfoCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print CareStat's version and the BLAS/LAPACK it runs on."
    )

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let env = ProcessInfo.processInfo.environment
        let table = Table(
            title: "CareStat environment",
            columns: [Column("component", alignment: .left), Column("value", alignment: .left)],
            rows: [
                ["CareStat", .text(CareStatCommand.version + " (" + build + " build)")],
                ["BLAS library", .text(BLASConfiguration.configuration.trimmingCharacters(in: .whitespaces))],
                ["BLAS kernels", .text(BLASConfiguration.coreName)],
                ["BLAS threads", .integer(BLASConfiguration.threads)],
                ["OPENBLAS_NUM_THREADS", .text(env["OPENBLAS_NUM_THREADS"] ?? "(unset)")],
                ["LAPACK version", .text(BLASConfiguration.lapackVersion)],
            ]
        )
        try Console.publish(countFree: [table], options: options)
    }
}
