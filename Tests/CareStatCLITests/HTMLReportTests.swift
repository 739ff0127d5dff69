import Foundation
import Testing
import TestSupport

/// `carestat run NAME --report FILE.html`: one self-contained, accessible page holding the spec's published tables
/// and figures and the output-checking record (issue 15 point 3). The page must show nothing the text output
/// withholds (the attack), and load without errors in a real browser where one is installed (headless Chromium).
@Suite(.serialized) struct HTMLReportTests {
    static func report(_ spec: String, extra: [String] = []) throws -> (page: String, text: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.html").path
        let r = try CareStatBinary.run(["run", spec, "--report", path, "--plot", dir.appendingPathComponent("f.svg").path] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return (try String(contentsOfFile: path, encoding: .utf8), r.stdout)
    }

    @Test func pageIsSelfContainedAndAccessible() throws {
        let (page, _) = try Self.report("return-to-care")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<html lang=\"en-GB\">"))
        // No external resources and no scripts: nothing is fetched when the page opens.
        // (SVG's namespace name is an identifier, not a resource.)
        let stripped = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "@import", "http://", "https://"] {
            #expect(!stripped.contains(forbidden), "page contains \(forbidden)")
        }
        // url(...) only as a reference to an element of the page itself (SVG clip paths: url(#id)).
        #expect(page.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        // Real table markup with header cells, and every figure inline with a text alternative.
        #expect(page.contains("<caption>"))
        #expect(page.contains("<th scope=\"col\""))
        #expect(page.contains("<th scope=\"row\""))
        #expect(page.contains("<figure role=\"img\" aria-label=\"Figure 1"))
        #expect(page.contains("<svg"))
        // Provenance: spec, version, seed, data, and the output-checking record.
        #expect(page.contains("seed 20240331"))
        #expect(page.contains("Output-checking record"))
        #expect(page.contains("carestat run return-to-care"))
        #expect(page.contains("McGrath-Lone"))
    }

    /// The attack: every count the text output withholds is withheld on the page too. The Kaplan–Meier summary's
    /// rows are the legal-status groups; a group whose events the text shows as [c] must show [c] on the page,
    /// and the page's record lists the withheld cells.
    @Test func pageWithholdsWhatTheTextWithholds() throws {
        let (page, text) = try Self.report("return-to-care")
        let withheldInText = text.split(separator: "\n").filter { !$0.hasPrefix("Note:") }
            .map { $0.components(separatedBy: "[c]").count - 1 }.reduce(0, +)
        #expect(withheldInText > 0, "the synthetic return-to-care run has small groups; expected withheld cells")
        let withheldOnPage = page.components(separatedBy: "withheld by disclosure control\">[c]<").count - 1
        #expect(withheldOnPage == withheldInText)
        #expect(page.contains("<table id=\"sdc-cells\""))
        // With disclosure control off the page says so (it is not for release).
        let (open, _) = try Self.report("return-to-care", extra: ["--no-disclosure-control"])
        #expect(open.contains("off: this output is not for release"))
        #expect(!open.contains("[c]"))
    }

    /// Headless Chromium (Debian's `chromium`; `sudo apt-get install chromium`): the page loads with no console
    /// messages, and the rendered DOM holds the figures' SVG. Skipped where Chromium is not installed.
    @Test(.enabled(if: Chromium.path != nil)) func pageLoadsInChromium() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.html").path
        let r = try CareStatBinary.run(["run", "return-to-care", "--report", path, "--plot", dir.appendingPathComponent("f.svg").path])
        #expect(r.status == 0)
        let shot = dir.appendingPathComponent("shot.png").path
        let log = try Chromium.run(["--screenshot=\(shot)", "--window-size=1280,4000", "file://\(path)"])
        #expect(!log.contains(":CONSOLE"), "console messages: \(log.split(separator: "\n").filter { $0.contains(":CONSOLE") })")
        let size = (try FileManager.default.attributesOfItem(atPath: shot)[.size] as? NSNumber)?.intValue ?? 0
        #expect(size > 20_000, "screenshot is \(size) bytes")
        let dom = try Chromium.run(["--dump-dom", "file://\(path)"], stdoutOnly: true)
        #expect(dom.contains("<svg"))
        #expect(dom.contains("<figcaption>Figure 1"))
    }
}

/// Headless Chromium, where installed.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs Chromium headless with `arguments`; returns stderr (logging, console messages), or stdout if asked.
    static func run(_ arguments: [String], stdoutOnly: Bool = false) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                       "--user-data-dir=" + FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path] + arguments
        let dir = FileManager.default.temporaryDirectory
        let out = dir.appendingPathComponent("chromium-out-\(UUID().uuidString)")
        let err = dir.appendingPathComponent("chromium-err-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: out.path, contents: nil),
              FileManager.default.createFile(atPath: err.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return try String(contentsOf: stdoutOnly ? out : err, encoding: .utf8)
    }
}
