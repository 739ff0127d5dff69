import Testing
import Foundation

// End-to-end: the built binary, its streams and its exit status (DESIGN.md: 0 ok, 1 user error with one clear
// message on stderr, 2 internal error; never a crash or a signal).

@Suite struct ExitStatusTests {
    @Test func helpAndVersionSucceedOnStdout() throws {
        let help = try CareStatBinary.run(["--help"])
        #expect(help.status == 0 && help.exitedNormally)
        #expect(help.stdout.contains("USAGE: carestat") && help.stdout.contains("info"))
        #expect(help.stderr.isEmpty)
        let version = try CareStatBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func infoPrintsATableInEveryFormat() throws {
        let text = try CareStatBinary.run(["info"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("CareStat environment\n"))
        #expect(text.stdout.contains("LAPACK version"))
        let json = try CareStatBinary.run(["info", "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["rows"] as? [Any])?.count == 6)
        let csv = try CareStatBinary.run(["info", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("component,value\n"))
        let md = try CareStatBinary.run(["info", "--format", "markdown"])
        #expect(md.stdout.contains("| component | value |"))
    }

    @Test(arguments: [
        ["info", "--bogus"],                        // unknown option
        ["no-such-command"],                        // unknown subcommand
        ["info", "--format", "xml"],                // bad option value
        ["info", "--disclosure-threshold", "0"],    // fails validation
        ["info", "--seed", "-3"],                   // seed must be a non-negative integer
    ])
    func userErrorsExitOneWithOneLineOnStderr(arguments: [String]) throws {
        let r = try CareStatBinary.run(arguments)
        #expect(r.status == 1 && r.exitedNormally, "\(arguments): status \(r.status)")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line on stderr, got: \(r.stderr)")
        #expect(r.stderr.hasPrefix("carestat: error: "))
    }
}
