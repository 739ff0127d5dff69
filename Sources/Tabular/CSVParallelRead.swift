#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The two-core CSV read: the rows are split at a line ending near the middle, the two parts are read at once
/// by two ``CSVParse`` instances (each reads the header itself, then only its part), and their columns are
/// joined. The result is the serial reader's, or the serial reader runs instead:
///
/// - The split must be a record boundary: it is the first LF after the middle, used only when the first part
///   holds no quote character (a quote could open a field that spans lines, and a quote inside an unquoted
///   field is data, so quote parity cannot tell). Files with quotes there, files under ``minimumBytes``, and
///   reads with a quarantine file are read serially.
/// - Any error in either part (thrown), and any part whose column was read as mostly numeric
///   (``MostlyNumeric``, whose rows are errors) makes the whole file be read again serially, so the error
///   reported (file, line, column, value) and the rows quarantined are exactly the serial reader's.
/// - A column's type is the first class its values share in a fixed order (``FieldClass``), so when both
///   parts infer the same type the whole file infers it too; the parts' columns are then joined. Each part
///   keeps inferred text of at most ``TextCodeCache/maximumSpellings`` distinct values as codes (no String per
///   row); the join takes the union of the parts' levels in byte order and makes the column categorical when
///   ``CSVReadOptions/categoricalMaxLevels`` allows that many levels, else text (each row's String made once,
///   with the codes kept as the column's ``TextCodeCache``). Text with more distinct values is joined as text. A
///   column whose parts inferred different types (say integer and double, or date and text) makes the whole
///   file be read serially, since the serial reader converts it from the bytes with the joint type.
/// - Type reasons are rebuilt from the joined evidence (non-missing counts added; the first text witness in
///   file order), and missing counts from the joined columns.
///
/// Memory: each part's columns are joined one column at a time and released, so the peak is the columns plus
/// one column. Columns of numbers, booleans and dates reach the join as the reader wrote them
/// (``CSVRawColumn``) and are copied once; text of few values arrives as codes, and its Strings are made once.
/// Measured (perf, n = 10⁶, 2026-12-07): CSV reading is about 40% of `carestat glm`'s CPU, a fifth of it the
/// kernel zeroing fresh pages, which is why the join copies and fills on both cores.
enum CSVParallelRead {
    /// Files (bytes after the header) below this are read serially: two threads cost more than they save.
    static let minimumBytes = 4 << 20

    /// The read, in two parts when the rules above allow, else serially. `minimumBytes` is lowered by tests.
    static func read(source: CSVReaderSource, name: String, options: CSVReadOptions,
                     minimumBytes: Int = CSVParallelRead.minimumBytes) throws(CSVError) -> CSVReadResult {
        guard options.quarantinePath == nil, sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 || minimumBytes == 0,
              let split = splitPoint(source, minimumBytes: minimumBytes),
              let result = readParts(source: source, name: name, options: options, split: split) else {
            return try CSVParse(source: source, name: name, options: options).run()
        }
        return result
    }

    /// The offset after the first LF past the middle of the rows, if the rows before it hold no quote; nil if
    /// the file is small, has no such LF, or has a quote there.
    static func splitPoint(_ source: CSVReaderSource, minimumBytes: Int) -> Int? {
        let b = source.base, end = source.count
        // The header is the first line that is not blank (after a byte order mark); with no quote before its LF,
        // it ends at that LF. A header with quotes is read serially.
        var p = end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        while p < end, b[p] == CSVRecordScanner.lf || (b[p] == CSVRecordScanner.cr && p + 1 < end && b[p + 1] == CSVRecordScanner.lf) {
            p += b[p] == CSVRecordScanner.lf ? 1 : 2
        }
        guard p < end, let headerEnd = memchr(b + p, Int32(CSVRecordScanner.lf), end - p) else { return nil }
        let rowsStart = b.distance(to: headerEnd.assumingMemoryBound(to: UInt8.self)) + 1
        if memchr(b, Int32(CSVRecordScanner.quote), rowsStart) != nil { return nil }
        guard end - rowsStart >= max(minimumBytes, 2) else { return nil }
        let middle = rowsStart + (end - rowsStart) / 2
        guard let lf = memchr(b + middle, Int32(CSVRecordScanner.lf), end - middle) else { return nil }
        let split = b.distance(to: lf.assumingMemoryBound(to: UInt8.self)) + 1
        guard split < end, memchr(b + rowsStart, Int32(CSVRecordScanner.quote), split - rowsStart) == nil else { return nil }
        return split
    }

    /// The LFs in `b[from..<to]`, eight bytes at a time.
    static func lineFeeds(_ b: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var n = 0, p = from
        let raw = UnsafeRawPointer(b)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while p + 8 <= to {
            let t = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self) ^ CSVRecordScanner.lfMask
            // High bit of each byte set iff the byte of t is nonzero (exact, no borrow between bytes).
            let nonzero = (((t & low7) &+ low7) | t) & 0x8080_8080_8080_8080
            n += 8 - nonzero.nonzeroBitCount
            p += 8
        }
        while p < to { if b[p] == CSVRecordScanner.lf { n += 1 }; p += 1 }
        return n
    }

    private final class Slot: @unchecked Sendable {
        var result: CSVReadResult?
        var columns: [CSVParse.PartColumn] = []
        var evidence: [(nonMissing: Int, witness: (line: Int, value: String)?, mostlyNumeric: Bool)] = []
        var reasonOf: ((Bool, CSVColumnType, Int, (line: Int, value: String)?) -> String)?
    }

    private struct Shared: @unchecked Sendable {
        let source: CSVReaderSource
    }

    /// Both parts read at once and joined; nil when a part fails or the parts cannot be joined to the serial
    /// result (then the caller reads serially).
    static func readParts(source: CSVReaderSource, name: String, options: CSVReadOptions,
                          split: Int) -> CSVReadResult? {
        let slots = [Slot(), Slot()]
        let shared = Shared(source: source)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let parse: CSVParse
            if k == 0 {
                parse = CSVParse(source: shared.source, name: name, options: options, end: split,
                                 partLevels: TextCodeCache.maximumSpellings)
            } else {
                // Line numbers of the second part continue from the first's: one more than the LFs before it.
                let line = 1 + lineFeeds(shared.source.base, from: 0, to: split)
                parse = CSVParse(source: shared.source, name: name, options: options, partStart: (split, line),
                                 partLevels: TextCodeCache.maximumSpellings)
            }
            guard let r = try? parse.run() else { return }
            slots[k].result = r
            slots[k].columns = parse.partColumns
            slots[k].evidence = parse.partEvidence
            slots[k].reasonOf = { parse.reason(given: $0, readAs: $1, nonMissing: $2, witness: $3) }
        }
        guard let a = slots[0].result?.summary, let b = slots[1].result?.summary, let reason = slots[0].reasonOf else { return nil }
        let ea = slots[0].evidence, eb = slots[1].evidence
        let ncol = a.columns.count
        guard b.columns.count == ncol, ea.count == ncol, eb.count == ncol,
              !ea.contains(where: \.mostlyNumeric), !eb.contains(where: \.mostlyNumeric) else { return nil }
        // The joined type of each column, or nil (serial read) if the parts disagree.
        var types: [CSVColumnType] = []
        for j in 0..<ncol {
            let ta = a.columns[j].type, tb = b.columns[j].type
            switch (ta, tb) {
            case (.string, .string), (.string, .categorical(nil, _)), (.categorical(nil, _), .string),
                 (.categorical(nil, _), .categorical(nil, _)):
                guard a.columns[j].inferred else {
                    guard ta == tb else { return nil }
                    types.append(ta)
                    continue
                }
                types.append(.string)   // settled below from the union of levels
            default:
                guard ta == tb else { return nil }
                types.append(ta)
            }
        }
        // The parts' columns are taken out of their slots so that each is freed once joined. (Joining the columns on
        // two threads was tried: it raised the peak of `carestat glm` at n = 10⁶ by 8–20 MB from run to run, past
        // its memory target, to save an estimated 30 ms.)
        var colsA = slots[0].columns, colsB = slots[1].columns
        slots[0].columns = []; slots[1].columns = []
        guard colsA.count == ncol, colsB.count == ncol else { return nil }
        var columns: [DataColumn] = []
        var reports: [CSVColumnReport] = []
        let emptied = CSVParse.PartColumn.finished(DataColumn(name: "", values: .double([])))
        for j in 0..<ncol {
            let pa = colsA[j], pb = colsB[j]
            colsA[j] = emptied
            colsB[j] = emptied
            let inferred = a.columns[j].inferred
            let joined: (DataColumn, CSVColumnType)?
            switch (consume pa, consume pb) {
            case let (.raw(x), .raw(y)):
                // Same type in both parts (checked above), so the same kind of values.
                joined = CSVRawColumn.joined(x, y).map { ($0, types[j]) }
            case let (.finished(x), .finished(y)):
                joined = join(x, y, type: types[j], inferred: inferred, categoricalMax: options.categoricalMaxLevels)
            default:
                joined = nil
            }
            guard let (column, readAs) = joined else { return nil }
            let nonMissing = ea[j].nonMissing + eb[j].nonMissing
            let why = reason(!inferred, readAs, nonMissing, ea[j].witness ?? eb[j].witness)
            reports.append(CSVColumnReport(name: column.name, type: readAs, inferred: inferred, reason: why,
                                           missingCount: column.missingCount))
            columns.append(column)
        }
        let frame: DataFrame
        do { frame = try DataFrame(columns: columns) } catch { return nil }
        return CSVReadResult(frame: frame, summary: ReadSummary(
            rowsRead: a.rowsRead + b.rowsRead, rowsQuarantined: 0, quarantined: [],
            delimiter: a.delimiter, hadByteOrderMark: a.hadByteOrderMark, columns: reports))
    }

    /// Arrays of at least this many bytes are copied (``concatenated(_:_:)``) or filled (text joined from codes)
    /// by two threads, one per part.
    static let parallelBytes = 1 << 20

    /// `x` followed by `y` in one new array, with huge pages requested for it (``adviseHugePages(_:byteCount:)``).
    ///
    /// Hot loop: the copy itself is cheap; the cost is the fresh pages it touches (the kernel zeroes each on its
    /// first write: about 10% of `carestat glm`'s CPU at n = 10⁶, all of it on the main thread, perf 2026-12-07),
    /// so large arrays are copied by two threads, `x` by one and `y` by the other, each faulting its own pages.
    /// The bytes are the same either way.
    static func concatenated<T: BitwiseCopyable>(_ x: [T], _ y: [T]) -> [T] {
        x.withUnsafeBytes { xb in
            y.withUnsafeBytes { yb in
                joinedArray(T.self, xb.baseAddress, x.count, yb.baseAddress, y.count)
            }
        }
    }

    /// `firstCount` values at `first` followed by `secondCount` at `second` in one new array (huge pages requested),
    /// copied by two threads when the array has at least ``parallelBytes`` bytes (see ``concatenated(_:_:)``).
    static func joinedArray<T: BitwiseCopyable>(_: T.Type, _ first: UnsafeRawPointer?, _ firstCount: Int,
                                                _ second: UnsafeRawPointer?, _ secondCount: Int) -> [T] {
        let count = firstCount + secondCount
        let stride = MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buf, n in
            n = 0
            guard let base = buf.baseAddress else { return }
            adviseHugePages(UnsafeMutableRawPointer(base), byteCount: count * stride)
            let from = [UInt(bitPattern: first), UInt(bitPattern: second)]
            let to = [UInt(bitPattern: base), UInt(bitPattern: base + firstCount)]
            let bytes = [firstCount * stride, secondCount * stride]
            let copy: @Sendable (Int) -> Void = { k in
                guard bytes[k] > 0, let d = UnsafeMutableRawPointer(bitPattern: to[k]),
                      let s = UnsafeRawPointer(bitPattern: from[k]) else { return }
                d.copyMemory(from: s, byteCount: bytes[k])
            }
            if count * stride >= parallelBytes {
                DispatchQueue.concurrentPerform(iterations: 2, execute: copy)
            } else {
                copy(0); copy(1)
            }
            n = count
        }
    }

    /// Text or categorical column `a` followed by column `b`, with the type read; nil if they cannot be joined
    /// (the caller then reads serially). `type`: the type both parts read (for inferred text, settled here from
    /// the union of levels). Columns of numbers, booleans and dates never come here: the parts hand them over
    /// raw (``CSVRawColumn/joined(_:_:)``).
    static func join(_ a: DataColumn, _ b: DataColumn, type: CSVColumnType, inferred: Bool,
                     categoricalMax: Int?) -> (DataColumn, CSVColumnType)? {
        let validity = ValidityMask(joining: a.validity, b.validity)
        func made(_ v: ColumnValues) -> (DataColumn, CSVColumnType) {
            (DataColumn(name: a.name, values: v, validity: validity), type)
        }
        switch (a.values, b.values) {
        case let (.categorical(ca, la, oa), .categorical(cb, lb, ob)) where !inferred && la == lb && oa == ob:
            if case .categorical(_?, _) = type {
                return made(.categorical(codes: concatenated(ca, cb), levels: la, ordered: oa))
            }
            return declaredWithoutLevels(a, b, type)
        default:
            if !inferred { return declaredWithoutLevels(a, b, type) }
            return inferredText(a, b, validity: validity, categoricalMax: categoricalMax)
        }
    }

    /// A given type without declared levels (string, or categorical(nil)): text joined, levels by the union.
    private static func declaredWithoutLevels(_ a: DataColumn, _ b: DataColumn, _ declared: CSVColumnType) -> (DataColumn, CSVColumnType)? {
        let validity = ValidityMask(joining: a.validity, b.validity)
        switch declared {
        case .string:
            guard case let .string(x) = a.values, case let .string(y) = b.values else { return nil }
            return (DataColumn(name: a.name, values: .string(x + y), validity: validity), .string)
        case .categorical(nil, let ordered):
            guard let (codes, levels) = unionLevels(a, b) else { return nil }
            return (DataColumn(name: a.name, values: .categorical(codes: codes, levels: levels, ordered: ordered),
                               validity: validity), .categorical(levels: nil, ordered: ordered))
        default:
            return nil
        }
    }

    /// Inferred text: categorical with the union of levels if there are at most `categoricalMax`, else strings.
    private static func inferredText(_ a: DataColumn, _ b: DataColumn, validity: ValidityMask,
                                     categoricalMax: Int?) -> (DataColumn, CSVColumnType)? {
        if case .string = a.values, case .string = b.values {
            guard case let .string(x) = a.values, case let .string(y) = b.values else { return nil }
            return (DataColumn(name: a.name, values: .string(x + y), validity: validity), .string)
        }
        guard let (codes, levels) = unionLevels(a, b) else { return nil }
        if let k = categoricalMax, levels.count <= k {
            return (DataColumn(name: a.name, values: .categorical(codes: codes, levels: levels, ordered: false),
                               validity: validity), .categorical(levels: nil, ordered: false))
        }
        // Each row's String, written in two halves by two threads for a large column (fresh pages, as in
        // ``concatenated(_:_:)``); every element is initialised exactly once.
        let rows = codes.count
        let strings = [String](unsafeUninitializedCapacity: rows) { buf, n in
            n = 0
            guard let base = buf.baseAddress else { return }
            adviseHugePages(UnsafeMutableRawPointer(base), byteCount: rows * MemoryLayout<String>.stride)
            let address = UInt(bitPattern: base)
            let parts = rows * MemoryLayout<String>.stride >= parallelBytes ? 2 : 1
            let fill: @Sendable (Int) -> Void = { k in
                guard let out = UnsafeMutablePointer<String>(bitPattern: address) else { return }
                for i in (rows * k / parts)..<(rows * (k + 1) / parts) {
                    (out + i).initialize(to: validity.isValid(i) ? levels[Int(codes[i])] : "")
                }
            }
            if parts == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: fill) }
            n = rows
        }
        var column = DataColumn(name: a.name, values: .string(strings), validity: validity)
        column.textCodeCache = TextCodeCache.make(codes: codes, spellings: levels, validity: validity)
        return (column, .string)
    }

    /// The distinct non-missing values of two text or categorical columns (by their bytes, as the reader's
    /// interner tells values apart) in byte order, and each row's code (0 where missing); nil if a column is
    /// neither text nor categorical, or a string column is too distinct to be a level set.
    ///
    /// Hot loop (the usual case, two categorical parts): one pass over each part's codes to mark the levels
    /// that occur, one to write the joined codes; no hashing per row (a text part hashes each row's bytes).
    private static func unionLevels(_ a: DataColumn, _ b: DataColumn) -> (codes: [Int32], levels: [String])? {
        var index: [[UInt8]: Int32] = [:]
        var distinct: [String] = []
        func code(_ l: String) -> Int32 {
            let key = Array(l.utf8)
            if let k = index[key] { return k }
            let k = Int32(distinct.count); index[key] = k; distinct.append(l); return k
        }
        // Each part's rows as codes into `distinct` (-1 where missing): a map of its levels, or per-row codes.
        enum PartCodes { case levels(codes: [Int32], map: [Int32]), rows([Int32]) }
        var parts: [PartCodes] = []
        for c in [a, b] {
            switch c.values {
            case let .categorical(codes, levels, _):
                parts.append(.levels(codes: codes, map: levels.map(code)))
            case let .string(v):
                var raw = [Int32](repeating: -1, count: v.count)
                for i in v.indices where c.validity.isValid(i) { raw[i] = code(v[i]) }
                parts.append(.rows(raw))
            default:
                return nil
            }
        }
        // Levels that occur (a declared-free categorical lists only values seen), in byte order.
        var used = [Bool](repeating: false, count: distinct.count)
        for (part, c) in zip(parts, [a, b]) {
            switch part {
            case let .levels(codes, map):
                var seen = [Bool](repeating: false, count: map.count)
                codes.withUnsafeBufferPointer { cb in
                    for i in cb.indices where c.validity.isValid(i) { seen[Int(cb[i])] = true }
                }
                for (l, s) in seen.enumerated() where s { used[Int(map[l])] = true }
            case let .rows(raw):
                for r in raw where r >= 0 { used[Int(r)] = true }
            }
        }
        let order = distinct.indices.filter { used[$0] }
            .sorted { distinct[$0].utf8.lexicographicallyPrecedes(distinct[$1].utf8) }
        var rank = [Int32](repeating: 0, count: distinct.count)
        for (r, k) in order.enumerated() { rank[k] = Int32(r) }
        let joined = [Int32](unsafeUninitializedCapacity: a.count + b.count) { out, n in
            var at = 0
            for (part, c) in zip(parts, [a, b]) {
                switch part {
                case let .levels(codes, map):
                    let final = map.map { rank[Int($0)] }
                    codes.withUnsafeBufferPointer { cb in
                        for i in cb.indices { out[at + i] = c.validity.isValid(i) ? final[Int(cb[i])] : 0 }
                    }
                    at += codes.count
                case let .rows(raw):
                    for i in raw.indices { out[at + i] = raw[i] >= 0 ? rank[Int(raw[i])] : 0 }
                    at += raw.count
                }
            }
            n = at
        }
        return (joined, order.map { distinct[$0] })
    }
}

extension ValidityMask {
    /// `a`'s entries followed by `b`'s (word by word).
    init(joining a: ValidityMask, _ b: ValidityMask) {
        self.init(count: a.count + b.count, allValid: false)
        let shift = a.count & 63, base = a.count >> 6
        for w in a.words.indices { words[w] = a.words[w] }   // a's tail bits beyond its count are clear
        for w in b.words.indices {
            let v = b.words[w]
            words[base + w] |= v << UInt64(shift)
            if shift != 0, base + w + 1 < words.count { words[base + w + 1] |= v >> UInt64(64 - shift) }
        }
    }
}
