import Foundation
import Sequences

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a distance matrix written by `carestat sequences distances --matrix-format npy|condensed` (NumPy .npy,
/// float64 or float32, little-endian, C order: n × n or the condensed n(n−1)/2 upper triangle in scipy's order) and
/// its ids (FILE.ids.csv: a header `id`, then one id a line), for `sequences cluster --distances`, straight into the
/// layout clustering works on (``SquareDistances``: n × n, row-major).
///
/// Checked, so a wrong file is an error and never a silent wrong answer: the header's dtype and shape; the data
/// length; the ids' count equals n; every distance finite and ≥ 0; an n × n matrix symmetric (to 1e-9 of its
/// largest entry) with a zero diagonal (a matrix symmetric only to that tolerance is used as its upper triangle,
/// mirrored). Each row is its own unique sequence (no copies are merged: the writer has already expanded them).
///
/// Cost: an n × n float64 file in C order (what carestat writes) is mapped read-only in place (`mmap`, private,
/// pre-faulted; the file is never written) and checked in one pass over 64 × 64 tiles and their mirror tiles, so
/// both reads stay in cache: no copy, no allocation of the matrix. A float32, condensed or unmappable file is
/// converted into one uninitialised n × n block, then checked the same way. When the fast check finds anything
/// wrong, a row-order pass names the first bad entry (row, column, ids, value) in the error.
enum DistanceMatrixReader {
    static func read(_ path: String) throws -> (matrix: SquareDistances, ids: [String]) {
        let file = try NPYFile(path)
        let n = file.n
        let ids = try readIDs(path + ".ids.csv", n: n)
        func bad(_ i: Int, _ j: Int, _ x: Double, _ why: String) -> UserError {
            UserError("\(path): distance (\(i + 1), \(j + 1)) between \(ids[i]) and \(ids[j]) is \(x): \(why)")
        }
        if !file.square {
            // Condensed: mirror into the square, checking each value as it is placed.
            return (try SquareDistances.filled(count: n) { s in
                var t = 0
                for i in 0..<n {
                    s[i * n + i] = 0
                    for j in (i + 1)..<n {
                        let x = file.value(t)
                        guard x >= 0 && x < .infinity else { throw bad(i, j, x, "distances must be finite and ≥ 0") }
                        s[i * n + j] = x; s[j * n + i] = x; t += 1
                    }
                }
            }, ids)
        }
        let matrix: SquareDistances
        if let mapped = file.inPlace() {
            matrix = mapped
        } else {
            matrix = SquareDistances.filled(count: n) { s in for t in 0..<(n * n) { s[t] = file.value(t) } }
        }
        // One blocked pass: the largest entry, the largest asymmetry, and whether anything is out of range.
        let check = SymmetryCheck(matrix.base, n: n)
        let tolerance = 1e-9 * max(check.largest, 1)
        if check.failed || check.asymmetry > tolerance {
            // The first bad entry in row order, as named in the error (the same rule as the fast pass).
            let a = matrix.base
            for i in 0..<n {
                let diagonal = a[i * n + i]
                guard diagonal == 0 else { throw bad(i, i, diagonal, "the diagonal must be 0") }
                for j in (i + 1)..<n {
                    let x = a[i * n + j], y = a[j * n + i]
                    guard x.isFinite, x >= 0 else { throw bad(i, j, x, "distances must be finite and ≥ 0") }
                    guard abs(x - y) <= tolerance else { throw bad(i, j, x, "the matrix is not symmetric (\(y) at (\(j + 1), \(i + 1)))") }
                }
            }
        }
        guard check.asymmetry > 0 else { return (matrix, ids) }
        // Symmetric within the tolerance only: the upper triangle, mirrored.
        let a = matrix.base
        return (SquareDistances.filled(count: n) { s in
            for i in 0..<n { s[i * n + i] = 0; for j in (i + 1)..<n { let x = a[i * n + j]; s[i * n + j] = x; s[j * n + i] = x } }
        }, ids)
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

/// The fast check of a square matrix: 64 × 64 tiles of the upper triangle against their mirror tiles (both in cache),
/// finding the largest entry, the largest |d(i, j) − d(j, i)|, and whether any diagonal entry is not 0, any upper
/// entry is negative or not finite, or any lower entry is not finite (each of which the row-order pass reports).
/// O(n²), reading every entry once.
struct SymmetryCheck {
    var largest = 0.0
    var asymmetry = 0.0
    var failed = false

    init(_ a: UnsafePointer<Double>, n: Int) {
        let tile = 64
        for i in 0..<n where a[i * n + i] != 0 { failed = true }
        var largest = 0.0, asymmetry = 0.0, failed = false
        for ib in stride(from: 0, to: n, by: tile) {
            for jb in stride(from: ib, to: n, by: tile) {
                for i in ib..<min(ib + tile, n) {
                    let row = a + i * n
                    let start = max(jb, i + 1), end = min(jb + tile, n)
                    guard start < end else { continue }
                    for j in start..<end {
                        let x = row[j], y = a[j * n + i]
                        if x >= 0 && x < .infinity && y.magnitude < .infinity {
                            largest = max(largest, max(x, y.magnitude))
                            asymmetry = max(asymmetry, (x - y).magnitude)
                        } else {
                            failed = true
                        }
                    }
                }
            }
        }
        self.largest = largest
        self.asymmetry = asymmetry
        self.failed = self.failed || failed
    }
}

/// A NumPy .npy file's header, checked (little-endian float64 or float32, C order, n × n or condensed), and its data,
/// mapped read-only (or, where mapping fails, read into memory).
final class NPYFile {
    let path: String
    let n: Int
    /// n × n (else the condensed upper triangle).
    let square: Bool
    /// Bytes per value: 8 or 4.
    let width: Int
    private let mapping: UnsafeMutableRawPointer?
    private let mappedLength: Int
    /// The file's bytes, when it could not be mapped (e.g. a pipe).
    private let owned: UnsafeMutableRawPointer?
    /// The first data byte.
    private let start: UnsafeRawPointer
    private var handedOver = false

    init(_ path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        var info = stat()
        var mapping: UnsafeMutableRawPointer? = nil
        var length = 0
        if fd >= 0 {
            defer { close(fd) }
            if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
                length = Int(info.st_size)
                #if os(Linux)
                let flags = MAP_PRIVATE | MAP_POPULATE
                #else
                let flags = MAP_PRIVATE
                #endif
                let p = mmap(nil, length, PROT_READ, flags, fd, 0)
                if p != MAP_FAILED { mapping = p }
            }
        }
        var owned: UnsafeMutableRawPointer? = nil
        if mapping == nil {
            guard let contents = FileManager.default.contents(atPath: path) else { throw UserError("cannot read \(path)") }
            length = contents.count
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(length, 1), alignment: 16)
            contents.copyBytes(to: p.assumingMemoryBound(to: UInt8.self), count: length)
            owned = p
        }
        self.mapping = mapping
        self.owned = owned
        self.mappedLength = mapping == nil ? 0 : length
        let base = UnsafeRawPointer(mapping ?? owned!)
        func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
        func fail(_ message: String) -> UserError {
            if let mapping { munmap(mapping, length) }
            owned?.deallocate()
            return UserError(message)
        }
        guard length >= 10, byte(0) == 0x93, (1...5).map(byte) == Array("NUMPY".utf8) else {
            throw fail("\(path): not a NumPy .npy file (write it with carestat sequences distances --matrix-format npy or condensed)")
        }
        let major = byte(6)
        let headerLength: Int, headerStart: Int
        if major == 1 { headerLength = Int(byte(8)) | Int(byte(9)) << 8; headerStart = 10 } else {
            guard length >= 12 else { throw fail("\(path): truncated .npy header") }
            headerLength = Int(byte(8)) | Int(byte(9)) << 8 | Int(byte(10)) << 16 | Int(byte(11)) << 24; headerStart = 12
        }
        guard length >= headerStart + headerLength,
              let header = String(bytes: UnsafeRawBufferPointer(start: base + headerStart, count: headerLength), encoding: .ascii) else {
            throw fail("\(path): truncated .npy header")
        }
        let width: Int
        if header.contains("'<f8'") { width = 8 } else if header.contains("'<f4'") { width = 4 } else {
            throw fail("\(path): the .npy dtype must be little-endian float64 or float32 ('<f8' or '<f4'); header: \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard header.contains("'fortran_order': False") else { throw fail("\(path): Fortran-order .npy files are not read; write it in C order") }
        guard let shapeOpen = header.range(of: "'shape': ("), let shapeClose = header[shapeOpen.upperBound...].firstIndex(of: ")") else {
            throw fail("\(path): no shape in the .npy header")
        }
        let dims = header[shapeOpen.upperBound..<shapeClose].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, shape.count == 1 || shape.count == 2, shape.allSatisfy({ $0 >= 0 }) else {
            throw fail("\(path): the matrix must be n × n or condensed (one dimension), got shape (\(dims.joined(separator: ", ")))")
        }
        let (values, overflow) = shape.count == 2 ? shape[0].multipliedReportingOverflow(by: shape[1]) : (shape[0], false)
        let (bytes, overflow2) = values.multipliedReportingOverflow(by: width)
        let dataStart = headerStart + headerLength
        guard !overflow, !overflow2, length - dataStart == bytes else {
            throw fail("\(path): the header promises \(overflow ? shape.map(String.init).joined(separator: " × ") : String(values)) values of \(width) bytes but the file holds \(length - dataStart) bytes of data")
        }
        let n: Int
        if shape.count == 2 {
            guard shape[0] == shape[1] else { throw fail("\(path): the matrix is \(shape[0]) × \(shape[1]), not square") }
            n = shape[0]
        } else {
            // n(n−1)/2 = m.
            let m = shape[0]
            let guess = Int((1 + (1 + 8 * Double(m)).squareRoot()) / 2)
            guard let found = [guess - 1, guess, guess + 1].first(where: { $0 >= 1 && $0 * ($0 - 1) / 2 == m }) else {
                throw fail("\(path): \(m) values is not n(n−1)/2 for any n (a condensed matrix)")
            }
            n = found
        }
        guard n >= 1 else { throw fail("\(path): an empty matrix") }
        self.n = n
        self.square = shape.count == 2
        self.width = width
        self.start = base + dataStart
    }

    deinit {
        if let mapping, !handedOver { munmap(mapping, mappedLength) }
        owned?.deallocate()
    }

    /// Value t of the data (row-major), as a double.
    @inline(__always) func value(_ t: Int) -> Double {
        width == 8 ? Double(bitPattern: UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8 * t, as: UInt64.self)))
                   : Double(Float(bitPattern: UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))))
    }

    /// The n × n float64 data read in place (the mapping handed over to the matrix, unmapped when it goes), when the
    /// file is mapped, square, float64, on a little-endian machine and its data 8-byte aligned; else nil.
    func inPlace() -> SquareDistances? {
        guard let mapping, square, width == 8, 1.littleEndian == 1, Int(bitPattern: start) % 8 == 0, !handedOver else { return nil }
        handedOver = true
        let length = mappedLength
        return SquareDistances(count: n, base: start.assumingMemoryBound(to: Double.self), release: { munmap(mapping, length) })
    }
}
