import Foundation

/// Runs the built `carestat` executable (the product SwiftPM builds beside this test bundle) and captures its
/// streams and exit status, so the end-to-end tests exercise exactly what a user runs.
struct CareStatRun {
    let status: Int32
    let stdout: String
    let stderr: String
    /// True when the process ended by exit() rather than by a signal.
    let exitedNormally: Bool
}

enum CareStatBinary {
    static let url: URL = {
        // The test bundle runs from the build products directory (.build/<triple>/debug); carestat is beside it.
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("carestat")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/carestat")
    }()

    static func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> CareStatRun {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        env.merge(extra) { _, new in new }
        p.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        // stderr is drained on another thread while stdout is read here: reading one to its end first would
        // block for ever once the child filled the other pipe's buffer (64 KiB), however long anyone waits.
        let errReader = PipeDrain(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = errReader.wait()
        p.waitUntilExit()
        return CareStatRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                           stderr: String(decoding: e, as: UTF8.self),
                           exitedNormally: p.terminationReason == .exit)
    }
}

/// Reads a pipe to its end on a background thread; ``wait()`` returns the bytes.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
