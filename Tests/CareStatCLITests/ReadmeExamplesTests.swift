import Testing
import Foundation

// Every command of the README's "Using it" block runs as written (issue 11): the block is read from README.md,
// `$C` is the built binary, and each command (continuation lines joined) runs with bash in a scratch folder that has
// the shared LA panel beside it as ../shared, in order, so later lines read what earlier ones wrote. Each must exit
// 0. The synthetic set is written with --children 20000 so that the debug build takes seconds, not minutes.

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The commands of the first ```sh block after "## Using it", with `\` continuations joined.
private func readmeCommands() throws -> [String] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    guard let section = text.range(of: "## Using it"),
          let start = text.range(of: "```sh\n", range: section.upperBound..<text.endIndex),
          let end = text.range(of: "```", range: start.upperBound..<text.endIndex) else { return [] }
    var commands: [String] = []
    var current = ""
    for line in text[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
        let l = String(line)
        if current.isEmpty && !l.hasPrefix("$C ") { continue }
        if l.hasSuffix("\\") { current += String(l.dropLast()) + " "; continue }
        commands.append(current + l)
        current = ""
    }
    return commands
}

@Suite struct ReadmeExamplesTests {
    @Test func everyReadmeCommandRunsAsWritten() throws {
        let commands = try readmeCommands()
        #expect(commands.count >= 20, "README block not found or too short: \(commands.count) commands")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-readme-\(UUID().uuidString)")
        let work = scratch.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let shared = try #require(repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared").path as String?)
        #expect(FileManager.default.fileExists(atPath: shared + "/data/la-panel/merged_data.csv"), "shared/ beside the repository")
        try FileManager.default.createSymbolicLink(atPath: scratch.appendingPathComponent("shared").path, withDestinationPath: shared)
        for command in commands {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "C=\"$CARESTAT\"; " + command]
            var env = ProcessInfo.processInfo.environment
            env["CARESTAT"] = CareStatBinary.url.path
            env["OPENBLAS_NUM_THREADS"] = "1"
            p.environment = env
            p.currentDirectoryURL = work
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            try p.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "README command failed: \(command)\n\(stderr)")
        }
    }
}
