public import ArgumentParser
import Foundation
import Sequences

/// How `sequences distances` writes its matrix.
public struct MatrixOutputOptions: ParsableArguments {
    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case csv, npy, condensed }

    @Option(help: "Matrix file format: csv (n × n, ids as header row and first column), npy (NumPy .npy, n × n float64), condensed (NumPy .npy of the upper triangle, n(n−1)/2 values, row by row as scipy's squareform). npy and condensed write the ids to OUT.ids.csv.")
    public var matrixFormat: Format = .csv
    @Flag(help: "Write npy/condensed values as float32 (half the size; about 7 significant digits).")
    public var float32 = false

    public init() {}

    public func validate() throws {
        if float32 && matrixFormat == .csv { throw ValidationError("--float32 applies to --matrix-format npy and condensed") }
    }
}

/// The memory the distance matrix may take: `--max-memory` (e.g. 8G, 500M, or bytes), by default half of the
/// memory the system reports available (MemAvailable), so that a matrix that would not fit is streamed instead.
func distanceMemoryBudget(_ option: String?) throws -> Double {
    if let s = option {
        let units: [Character: Double] = ["K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776]
        var text = s.uppercased()
        if text.hasSuffix("B") { text.removeLast() }
        var scale = 1.0
        if let last = text.last, let u = units[last] { scale = u; text.removeLast() }
        guard let v = Double(text), v.isFinite, v > 0 else { throw UserError("--max-memory must be a size such as 8G or 500M, got \(s)") }
        return v * scale
    }
    if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
       let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
       let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
        return kb * 1024 / 2
    }
    return Double(ProcessInfo.processInfo.physicalMemory) / 2
}

func gigabytes(_ bytes: Double) -> String { bytes < 1e9 ? String(format: "%.1f MB", bytes / 1e6) : String(format: "%.1f GB", bytes / 1e9) }

/// Writes the n × n (or condensed) matrix of an engine's distances, expanded from unique sequences to rows, one row
/// at a time so the file is never held in memory. When the condensed matrix among unique sequences fits the memory
/// budget it is computed once and read; otherwise rows are computed a block at a time (each distance about twice,
/// as d(p, q) and d(q, p) fall in different rows) and streamed. Refuses, suggesting CLARA, when the file would not
/// fit on the disk or one block of rows would not fit in memory.
enum DistanceMatrixWriter {
    struct Written { let streamed: Bool; let bytes: Double; let idsFile: String? }

    static func write(_ engine: DistanceEngine, ids: [String], to path: String, options: MatrixOutputOptions,
                      budget: Double, threads: Int? = nil) throws -> Written {
        let n = ids.count
        let width: Double = options.float32 ? 4 : 8
        let values = options.matrixFormat == .condensed ? Double(n) * Double(n - 1) / 2 : Double(n) * Double(n)
        let bytes = options.matrixFormat == .csv ? values * 19 : values * width + 128
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if let free = (try? FileManager.default.attributesOfFileSystem(forPath: directory))?[.systemFreeSize] as? NSNumber,
           bytes > free.doubleValue {
            throw UserError("the \(options.matrixFormat.rawValue) matrix of \(n) sequences would take about \(gigabytes(bytes)); "
                + "\(directory) has \(gigabytes(free.doubleValue)) free. Use --matrix-format condensed --float32 (\(gigabytes(Double(n) * Double(n - 1) * 2))), "
                + "or cluster without the matrix: carestat sequences cluster ... --clustering clara")
        }
        let u = engine.uniqueCount
        let streamed = engine.condensedBytes > budget
        let blockRows = max(1, min(512, Int(budget / 2 / (8 * Double(max(u, 1))))))
        if streamed && 8 * Double(u) * Double(threads ?? ProcessInfo.processInfo.activeProcessorCount) > budget {
            throw UserError("one row of distances among \(u) distinct sequences does not fit in the memory budget (\(gigabytes(budget))): "
                + "raise --max-memory, or cluster without the matrix: carestat sequences cluster ... --clustering clara")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw UserError("cannot write \(path)")
        }
        defer { try? handle.close() }
        var idsFile: String? = nil
        switch options.matrixFormat {
        case .csv:
            handle.write(Data(("id," + ids.map(csvCell).joined(separator: ",") + "\n").utf8))
        case .npy, .condensed:
            let shape = options.matrixFormat == .npy ? "(\(n), \(n))" : "(\(n * (n - 1) / 2),)"
            handle.write(npyHeader(descr: options.float32 ? "<f4" : "<f8", shape: shape))
            idsFile = path + ".ids.csv"
            try Console.write("id\n" + ids.map { csvCell($0) + "\n" }.joined(), to: idsFile!)
        }
        let map = engine.uniqueIndex
        if streamed && options.matrixFormat == .condensed {
            // The condensed file's rows are upper-triangle rows: computed pair by pair, each distance once.
            try writeUpperRows(engine, n: n, to: handle, float32: options.float32, budget: budget, threads: threads)
            return Written(streamed: true, bytes: bytes, idsFile: idsFile)
        }
        let matrix = streamed ? nil : engine.condensed(threads: threads)
        var start = 0
        while start < n {
            let end = streamed ? min(n, start + blockRows) : n
            var block: [Int: [Double]] = [:]
            if streamed {
                let wanted = Array(Set(map[start..<end])).sorted()
                for (p, row) in zip(wanted, engine.rows(wanted, threads: threads)) { block[p] = row }
            }
            for i in start..<end {
                let p = map[i]
                let from = options.matrixFormat == .condensed ? i + 1 : 0
                var row = [Double](repeating: 0, count: n - from)
                if let matrix {
                    for j in from..<n { row[j - from] = matrix.unique(p, map[j]) }
                } else if let r = block[p] {
                    for j in from..<n { row[j - from] = r[map[j]] }
                }
                switch options.matrixFormat {
                case .csv:
                    var line = csvCell(ids[i])
                    for x in row { line += "," + String(x) }
                    handle.write(Data((line + "\n").utf8))
                case .npy, .condensed:
                    if options.float32 {
                        handle.write(row.map { Float($0) }.withUnsafeBytes { Data($0) })
                    } else {
                        handle.write(row.withUnsafeBytes { Data($0) })
                    }
                }
            }
            start = end
        }
        return Written(streamed: streamed, bytes: bytes, idsFile: idsFile)
    }

    /// Streams the condensed upper triangle of n rows: blocks of whole rows of at most a quarter of the budget or 2²⁵ values (at
    /// least one row) computed by ``DistanceEngine/upperRows(_:into:threads:)`` and appended.
    static func writeUpperRows(_ engine: DistanceEngine, n: Int, to handle: FileHandle, float32: Bool, budget: Double, threads: Int?) throws {
        let limit = max(n, min(Int(budget / 4 / 8), 1 << 25))
        var buffer = [Double](repeating: 0, count: min(limit, max(n * (n - 1) / 2, 1)))
        var start = 0
        while start < n - 1 {
            var end = start, values = 0
            while end < n - 1 && values + (n - 1 - end) <= buffer.count { values += n - 1 - end; end += 1 }
            buffer.withUnsafeMutableBufferPointer { engine.upperRows(start..<end, into: $0, threads: threads) }
            if float32 {
                handle.write(buffer.prefix(values).map { Float($0) }.withUnsafeBytes { Data($0) })
            } else {
                handle.write(buffer.withUnsafeBytes { Data(UnsafeRawBufferPointer(rebasing: $0.prefix(values * 8))) })
            }
            start = end
        }
    }

    /// NumPy format 1.0: magic, version, header length (little-endian UInt16), a dict padded with spaces and a newline
    /// so the data start at a multiple of 64 bytes. Values are little-endian (this machine's order; checked).
    static func npyHeader(descr: String, shape: String) -> Data {
        precondition(1.littleEndian == 1)
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        let total = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(dict.utf8.count)
        out.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        out.append(Data(dict.utf8))
        return out
    }

    static func csvCell(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
