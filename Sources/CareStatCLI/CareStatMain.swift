import ArgumentParser
import Foundation
import Reporting

/// Runs `carestat` with the given arguments and returns the exit status (0 ok, 1 user error, 2 internal error).
/// Errors are written to stderr as one line; help and version go to stdout.
public enum CareStatMain {
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try CareStatCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            switch ErrorClassification(error) {
            case .informational(let text):
                Console.out(text.hasSuffix("\n") ? text : text + "\n")
                return 0
            case .user(let message):
                Console.err("carestat: error: \(message)\n")
                return 1
            case .internalError(let message):
                Console.err("carestat: internal error: \(message) (please report this)\n")
                return 2
            }
        }
    }
}

/// Writes to the standard streams. Only the CLI module writes; the libraries return values.
enum Console {
    static func out(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
    static func err(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
