import ArgumentParser
import Distributions
import LinearAlgebra
import ModelSpecs
import Reporting
import Tabular
import Foundation

/// An error the CLI reports to the user: a bad option value, an unreadable file, data that cannot be used.
/// Exit status 1.
public struct UserError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// Maps any error to the exit-status contract: 0 for `--help`/`--version`, 1 for user errors, 2 for internal ones.
enum ErrorClassification {
    case informational(String)   // help or version text, printed to stdout
    case user(String)
    case internalError(String)

    init(_ error: any Error) {
        switch error {
        case let e as UserError:
            self = .user(e.description)
        case let e as DistributionError:
            self = .user(e.description)
        case let e as SpecError:
            self = .user(e.description)
        case let e as TabularError:
            self = .user(e.description)
        case let e as DisclosureError:
            self = .user(String(describing: e))
        case let e as LinearAlgebraError:
            switch e {
            case .illegalArgument, .tooLargeForLAPACK: self = .internalError(e.description)
            default: self = .user(e.description)
            }
        case let e as CocoaError:
            self = .user(e.localizedDescription)
        default:
            let code = CareStatCommand.exitCode(for: error)
            if code == .success {
                self = .informational(CareStatCommand.fullMessage(for: error))
            } else if code == .validationFailure {
                self = .user(oneLine(CareStatCommand.message(for: error)))
            } else {
                self = .internalError(String(describing: error))
            }
        }
    }
}

/// Folds ArgumentParser's multi-line messages ("Please provide one of the following:\n  - a\n  - b") into the
/// one line the exit-status contract promises on stderr.
func oneLine(_ message: String) -> String {
    let parts = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard var out = parts.first else { return message }
    for p in parts.dropFirst() {
        if p.hasPrefix("- ") {
            out += (out.hasSuffix(":") ? " " : ", ") + p.dropFirst(2)
        } else {
            out += " " + p
        }
    }
    return out
}
