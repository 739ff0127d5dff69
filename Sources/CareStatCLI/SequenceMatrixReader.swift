import Foundation
import Sequences

/// Reads a distance matrix written by `carestat sequences distances --matrix-format npy|condensed` (NumPy .npy,
/// float64 or float32, little-endian, C order: n × n or the condensed n(n−1)/2 upper triangle in scipy's order) and
/// its ids (FILE.ids.csv: a header `id`, then one id a line), for `sequences cluster --distances`.
///
/// Checked, so a wrong file is an error and never a silent wrong answer: the header's dtype and shape; the data
/// length; the ids' count equals n; every distance finite and ≥ 0; an n × n matrix symmetric (to 1e-9 of its
/// largest entry) with a zero diagonal. Each row is its own unique sequence (no copies are merged: the writer has
/// already expanded them).
enum DistanceMatrixReader {
    static func read(_ path: String) throws -> (matrix: DistanceMatrix, ids: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw UserError("cannot read \(path)") }
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw UserError("\(path): not a NumPy .npy file (write it with carestat sequences distances --matrix-format npy or condensed)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        if major == 1 { headerLength = Int(bytes[8]) | Int(bytes[9]) << 8; headerStart = 10 } else {
            guard bytes.count >= 12 else { throw UserError("\(path): truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24; headerStart = 12
        }
        guard data.count >= headerStart + headerLength,
              let header = String(data: data.subdata(in: headerStart..<(headerStart + headerLength)), encoding: .ascii) else {
            throw UserError("\(path): truncated .npy header")
        }
        let width: Int
        if header.contains("'<f8'") { width = 8 } else if header.contains("'<f4'") { width = 4 } else {
            throw UserError("\(path): the .npy dtype must be little-endian float64 or float32 ('<f8' or '<f4'); header: \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard header.contains("'fortran_order': False") else { throw UserError("\(path): Fortran-order .npy files are not read; write it in C order") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw UserError("\(path): no shape in the .npy header")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let shape = Optional(dims.compactMap { Int($0) }), shape.count == dims.count, shape.count == 1 || shape.count == 2 else {
            throw UserError("\(path): the matrix must be n × n or condensed (one dimension), got shape (\(dims.joined(separator: ", ")))")
        }
        let values = shape.reduce(1, *)
        let start = headerStart + headerLength
        guard data.count - start == values * width else {
            throw UserError("\(path): the header promises \(values) values of \(width) bytes but the file holds \(data.count - start) bytes of data")
        }
        let n: Int
        if shape.count == 2 {
            guard shape[0] == shape[1] else { throw UserError("\(path): the matrix is \(shape[0]) × \(shape[1]), not square") }
            n = shape[0]
        } else {
            // n(n−1)/2 = m.
            let m = shape[0]
            let guess = Int((1 + (1 + 8 * Double(m)).squareRoot()) / 2)
            guard let found = [guess - 1, guess, guess + 1].first(where: { $0 >= 1 && $0 * ($0 - 1) / 2 == m }) else {
                throw UserError("\(path): \(m) values is not n(n−1)/2 for any n (a condensed matrix)")
            }
            n = found
        }
        guard n >= 1 else { throw UserError("\(path): an empty matrix") }
        let ids = try readIDs(path + ".ids.csv", n: n)
        var condensed = [Double](repeating: 0, count: n * (n - 1) / 2)
        try data.withUnsafeBytes { raw in
            func value(_ t: Int) -> Double {
                width == 8 ? Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * t, as: UInt64.self)))
                           : Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * t, as: UInt32.self))))
            }
            func bad(_ i: Int, _ j: Int, _ x: Double, _ why: String) -> UserError {
                UserError("\(path): distance (\(i + 1), \(j + 1)) between \(ids[i]) and \(ids[j]) is \(x): \(why)")
            }
            if shape.count == 1 {
                var t = 0
                for i in 0..<n { for j in (i + 1)..<n {
                    let x = value(t)
                    guard x.isFinite, x >= 0 else { throw bad(i, j, x, "distances must be finite and ≥ 0") }
                    condensed[t] = x; t += 1
                } }
            } else {
                var largest = 0.0
                for t in 0..<(n * n) { let x = value(t); if x.isFinite { largest = max(largest, abs(x)) } }
                let tolerance = 1e-9 * max(largest, 1)
                var t = 0
                for i in 0..<n {
                    let diagonal = value(i * n + i)
                    guard diagonal == 0 else { throw bad(i, i, diagonal, "the diagonal must be 0") }
                    for j in (i + 1)..<n {
                        let x = value(i * n + j), y = value(j * n + i)
                        guard x.isFinite, x >= 0 else { throw bad(i, j, x, "distances must be finite and ≥ 0") }
                        guard abs(x - y) <= tolerance else { throw bad(i, j, x, "the matrix is not symmetric (\(y) at (\(j + 1), \(i + 1)))") }
                        condensed[t] = x; t += 1
                    }
                }
            }
        }
        return (DistanceMatrix(uniqueIndex: Array(0..<n), uniqueCount: n, condensed: condensed), ids)
    }

    /// The ids file: a header `id`, then n ids (CSV, quoted when they hold commas or quotes).
    static func readIDs(_ path: String, n: Int) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UserError("cannot read \(path), the ids of the matrix's rows (written beside the matrix by carestat sequences distances)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        guard lines.first == "id" else { throw UserError("\(path), line 1: the header must be 'id', got '\(lines.first ?? "")'") }
        let ids = lines.dropFirst().map { line -> String in
            line.hasPrefix("\"") && line.hasSuffix("\"") && line.count >= 2
                ? String(line.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : line
        }
        guard ids.count == n else { throw UserError("\(path): \(ids.count) ids for a \(n)-row matrix") }
        return ids
    }
}
