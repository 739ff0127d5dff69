#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written piece by piece, for outputs too large to build in memory (a national `sequences` table is
/// gigabytes). The bytes go to `path.partial` and the file takes its name only at ``finish()``, so a run that
/// fails or is stopped half-way never leaves a truncated file under the name the user asked for.
public final class StreamedFile {
    public let path: String
    private let partial: String
    private var fd: Int32

    /// Creates (or truncates) `path.partial`. Throws ``CSVError`` `.cannotWrite` with the system's reason.
    public init(path: String) throws(CSVError) {
        self.path = path
        partial = path + ".partial"
        fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CSVError(.cannotWrite(reason: String(cString: strerror(errno))), file: path) }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(partial)
        }
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(CSVError) {
        if let failure = writeAll(fd, bytes) { throw CSVError(.cannotWrite(reason: failure), file: path) }
    }

    /// Closes the file and gives it its name (replacing any file there).
    public func finish() throws(CSVError) {
        let r = close(fd)
        fd = -1
        guard r == 0 else {
            unlink(partial)
            throw CSVError(.cannotWrite(reason: String(cString: strerror(errno))), file: path)
        }
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw CSVError(.cannotWrite(reason: reason), file: path)
        }
    }
}

/// Writes all of `bytes` to `fd` (retrying after signals); the system's reason on failure.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
    var done = 0
    return bytes.withUnsafeBytes { b -> String? in
        guard let base = b.baseAddress else { return nil }
        while done < b.count {
            let r = write(fd, base + done, b.count - done)
            if r < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            done += r
        }
        return nil
    }
}
