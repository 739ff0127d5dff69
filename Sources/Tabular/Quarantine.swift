#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A row the reader could not read: where it is, why, and its bytes exactly as they are in the input.
public struct QuarantinedRow: Sendable, Equatable {
    /// Physical line (1-based) where the problem is.
    public var line: Int
    /// The error message without the `file:line: ` prefix.
    public var reason: String
    /// The row's bytes without its line ending (a row with quoted newlines spans several lines).
    public var raw: [UInt8]

    public init(line: Int, reason: String, raw: [UInt8]) {
        self.line = line
        self.reason = reason
        self.raw = raw
    }
}

/// Writes quarantined rows as CSV with header `line,reason,raw` (fields quoted as RFC 4180 requires, so the
/// quarantine file is itself readable by ``CSVReader``; `raw` is byte-for-byte the input row).
enum QuarantineWriter {
    static func bytes(_ rows: [QuarantinedRow]) -> [UInt8] {
        var out = Array("line,reason,raw\n".utf8)
        for r in rows {
            out += Array(String(r.line).utf8)
            out.append(UInt8(ascii: ","))
            CSVWriter.appendField(Array(r.reason.utf8), to: &out, delimiter: UInt8(ascii: ","), forceQuote: false)
            out.append(UInt8(ascii: ","))
            CSVWriter.appendField(r.raw, to: &out, delimiter: UInt8(ascii: ","), forceQuote: true)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Creates or truncates `path` and writes the rows; throws `.cannotWriteQuarantine`.
    static func write(_ rows: [QuarantinedRow], to path: String, inputName: String) throws(CSVError) {
        try writeFile(bytes(rows), to: path) { reason in CSVError(.cannotWriteQuarantine(reason: reason), file: inputName) }
    }
}

/// Writes `bytes` to `path` (created with mode 0644, or truncated); the error maker turns a system reason
/// into the caller's error.
func writeFile<E: Error>(_ bytes: [UInt8], to path: String, error: (String) -> E) throws(E) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw error(String(cString: strerror(errno))) }
    defer { close(fd) }
    let failure = writeAll(fd, bytes)
    if let failure { throw error(failure) }
}
