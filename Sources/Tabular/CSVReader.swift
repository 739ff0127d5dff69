#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads comma- or tab-separated text (RFC 4180) into a ``DataFrame``.
///
/// The file is mapped read-only and parsed as bytes in one pass of a byte-level state machine
/// (``CSVRecordScanner``). Each record is split into fields; rows with the wrong number of fields, an
/// unterminated quote, text after a closing quote, invalid UTF-8 (RFC 3629), or a value contradicting a column
/// type or level set the caller gave are rejected (thrown, or quarantined). Every other field is converted
/// straight from its bytes into its column's typed buffer (no String is made for numbers, dates or booleans;
/// text is interned), while the column's type is inferred from ALL its values (see ``FieldClass`` for the rule
/// and ``CSVColumnBuilder`` for the speculative conversion, whose rare type changes re-convert a column from the
/// kept row offsets at the end). So inference never samples: a value on the last line counts like one on the
/// first, and the only errors found after the pass are cells judged by the type of the whole column:
/// date-shaped values that are not real dates (31/02/2020) in columns that end up as date columns, numbers that
/// are not finite (`Inf`, `NaN`, `1e400`) in double columns, and the cells that are not numbers in a column of
/// numbers (``MostlyNumeric``: one `n/a` among numbers is an error naming it and the count, not a text column).
/// A NUL byte anywhere is an error like invalid UTF-8, and a file whose lines end in CR alone (classic Mac OS)
/// is refused rather than read as one line. A header with no data rows gives a frame of 0 rows.
///
/// Two cores: without a quarantine file, rows of 4 MiB or more are read in two parts at once, split at a line
/// ending with no quote before it, and joined (``CSVParallelRead``, which states when it falls back to this
/// serial pass: on any error, and when the parts infer different types), with the serial result.
///
/// Error order: structural errors and values contradicting given types are found in file order; the cells
/// judged after the pass then, in file order among themselves. Without a quarantine file the first one found is thrown;
/// with one, every bad row is written there (see ``CSVReadOptions/quarantinePath``) and skipped.
///
/// Rules: an optional UTF-8 byte order mark is skipped; the first non-blank record is the header; blank lines
/// (empty, or CRLF alone) are skipped everywhere and count as lines (so in a one-column file a missing value
/// must be written as a token such as NA); unquoted fields are trimmed of spaces
/// (``CSVReadOptions/trimSpaces``); unquoted fields equal to a missing token are missing; an empty header name
/// becomes `V<n>` (data.table's convention, n the 1-based column number).
///
/// Complexity: O(file bytes) time; memory: the columns (grown with about 5% spare), 8 bytes per row of
/// offsets, and a bounded window of the file, whose pages are released from the resident set as they are
/// parsed. Measured (Benchmarks/run.py, job csv-load, one thread, shared 2-core machine): a 1,000,000-row,
/// 15-column episodes file of 82 MiB loads in about 0.40-0.42 s (3.2-3.5 times faster than
/// `data.table::fread(nThread = 1)` in the same runs) with a peak of about 228 MiB; about 4,600 instructions
/// per row (callgrind).
public enum CSVReader {
    /// Reads the file at `path` (opened read-only; the file is never modified).
    public static func read(path: String, options: CSVReadOptions = CSVReadOptions()) throws(CSVError) -> CSVReadResult {
        let source = try CSVReaderSource(path: path)
        if let q = options.quarantinePath {
            var st = stat()
            if stat(q, &st) == 0, UInt64(st.st_dev) == source.device, UInt64(st.st_ino) == source.inode {
                throw CSVError(.invalidOptions("the quarantine file \(q) is the input file"), file: path)
            }
        }
        return try CSVParallelRead.read(source: source, name: path, options: options)
    }

    /// Reads CSV text held in memory; `name` stands for the file in messages.
    public static func read(bytes: [UInt8], name: String = "<memory>",
                            options: CSVReadOptions = CSVReadOptions()) throws(CSVError) -> CSVReadResult {
        try CSVParallelRead.read(source: CSVReaderSource(bytes: bytes), name: name, options: options)
    }

    /// Reads CSV text held in a String.
    public static func read(text: String, name: String = "<memory>",
                            options: CSVReadOptions = CSVReadOptions()) throws(CSVError) -> CSVReadResult {
        try read(bytes: Array(text.utf8), name: name, options: options)
    }
}

/// One read in progress (see ``CSVReader``).
final class CSVParse {
    let source: CSVReaderSource
    let name: String
    let options: CSVReadOptions
    let b: UnsafePointer<UInt8>
    let end: Int
    var quarantined: [QuarantinedRow] = []
    /// Missing tokens of 1...8 bytes, packed (``StringInterner/pack(_:_:)``), and their lengths.
    private let shortTokenWords: UnsafeMutablePointer<UInt64>
    private let shortTokenLengths: UnsafeMutablePointer<Int>
    private let shortTokenCount: Int
    /// Bit c % 64 set if some non-empty token starts with byte c: most fields are ruled out by one test.
    private let tokenFirstBytes: UInt64
    private let longTokens: [[UInt8]]
    private let emptyIsMissing: Bool
    private let maxTokenLength: Int
    /// ``CSVReadOptions/trimSpaces``, copied out so the inner loop reads a Bool, not the options struct.
    private let trimSpaces: Bool
    private var scratch: [UInt8] = []
    /// For a part of the file (``CSVParallelRead``): where its rows start (after a line ending, past the header)
    /// and the line number there; nil: the rows follow the header.
    private let partStart: (offset: Int, line: Int)?
    /// Pages released so far (``CSVReaderSource/release(_:upTo:)``): from the part's start.
    private var released: Int
    /// Filled by ``run()`` for ``CSVParallelRead``: each column's non-missing count, first value that made it
    /// text, and whether it was read as mostly numeric.
    private(set) var partEvidence: [(nonMissing: Int, witness: (line: Int, value: String)?, mostlyNumeric: Bool)] = []

    /// The most distinct values an inferred text column's builder keeps as levels (see `partLevels` of `init`).
    private let builderCategoricalMax: Int?
    /// Whether this read is a part of ``CSVParallelRead`` (`partLevels` given): then ``run()`` leaves each column
    /// in ``partColumns`` (numbers, booleans and dates as the reader wrote them) and returns an empty frame.
    private let isPart: Bool

    /// A part's column: finished, or its values as the reader wrote them (``CSVRawColumn``).
    enum PartColumn: Sendable {
        case finished(DataColumn)
        case raw(CSVRawColumn)
    }

    /// Filled by ``run()`` for a part: every column, in order.
    private(set) var partColumns: [PartColumn] = []

    /// `end`: the offset where this read stops (a line boundary; default the end of the source). `partStart`: see
    /// the property. `partLevels`: for a part of ``CSVParallelRead``, inferred text columns with at most this
    /// many distinct values are returned as categorical columns (codes, no String per row), which the join
    /// turns into the type the options ask for; nil for a whole read.
    init(source: CSVReaderSource, name: String, options: CSVReadOptions, end: Int? = nil,
         partStart: (offset: Int, line: Int)? = nil, partLevels: Int? = nil) {
        self.source = source
        self.name = name
        self.options = options
        builderCategoricalMax = partLevels.map { max(options.categoricalMaxLevels ?? 0, $0) } ?? options.categoricalMaxLevels
        isPart = partLevels != nil
        b = source.base
        self.end = end ?? source.count
        self.partStart = partStart
        released = partStart.map { ($0.offset >> 21) << 21 } ?? 0
        trimSpaces = options.trimSpaces
        var short: [(length: Int, word: UInt64)] = [], long: [[UInt8]] = [], empty = false, maxLength = -1
        for t in options.missingTokens {
            let u = Array(t.utf8)
            if u.isEmpty { empty = true; continue }
            maxLength = max(maxLength, u.count)
            if u.count <= 8 {
                var w: UInt64 = 0
                for (i, c) in u.enumerated() { w |= UInt64(c) << UInt64(8 * i) }   // as StringInterner.pack
                short.append((u.count, w))
            } else {
                long.append(u)
            }
        }
        shortTokenCount = short.count
        var firsts: UInt64 = 0
        for t in options.missingTokens { if let c = t.utf8.first { firsts |= 1 << UInt64(c & 63) } }
        tokenFirstBytes = firsts
        shortTokenWords = .allocate(capacity: max(1, short.count))
        shortTokenLengths = .allocate(capacity: max(1, short.count))
        for (i, t) in short.enumerated() { shortTokenWords[i] = t.word; shortTokenLengths[i] = t.length }
        longTokens = long
        emptyIsMissing = empty
        maxTokenLength = maxLength
    }

    deinit {
        shortTokenWords.deallocate()
        shortTokenLengths.deallocate()
    }

    // MARK: field helpers

    /// Whether an unquoted field is a missing token: one length test and one first-byte test rule out most
    /// fields; the rest are compared in full.
    @inline(__always)
    private func isMissing(_ s: Int, _ n: Int) -> Bool {
        if n == 0 { return emptyIsMissing }
        if n > maxTokenLength || tokenFirstBytes & (1 << UInt64(b[s] & 63)) == 0 { return false }
        return matchesToken(s, n)
    }

    private func matchesToken(_ s: Int, _ n: Int) -> Bool {
        if n <= 8 {
            let w = StringInterner.pack(b + s, n)
            for i in 0..<shortTokenCount where shortTokenLengths[i] == n && shortTokenWords[i] == w { return true }
            return false
        }
        for t in longTokens where t.count == n {
            if t.withUnsafeBufferPointer({ tb in tb.baseAddress.map { memcmp($0, b + s, n) == 0 } ?? false }) { return true }
        }
        return false
    }

    @inline(__always)
    private func trim(_ s: inout Int, _ e: inout Int) {
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 { e -= 1 }
    }

    /// Calls `body` with the field's content, doubled quotes collapsed if `escaped`.
    @inline(__always)
    private func withContent<R>(_ s: Int, _ e: Int, escaped: Bool, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        guard escaped else { return body(b + s, e - s) }
        scratch.removeAll(keepingCapacity: true)
        var i = s
        while i < e {
            scratch.append(b[i])
            i += (b[i] == CSVRecordScanner.quote && i + 1 < e && b[i + 1] == CSVRecordScanner.quote) ? 2 : 1
        }
        let n = scratch.count
        scratch.append(contentsOf: repeatElement(0, count: CSVReaderSource.slack))   // readable slack for pack()
        return scratch.withUnsafeBufferPointer { buf in body(buf.baseAddress ?? b, n) }
    }

    /// The field's content as text (invalid UTF-8 shown as U+FFFD), for messages.
    private func text(_ s: Int, _ e: Int, escaped: Bool) -> String {
        withContent(s, e, escaped: escaped) { p, n in String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) }
    }

    /// Field j of the scanner's current record: content range (trimmed if unquoted) and flags.
    @inline(__always)
    private func field(_ sc: borrowing CSVRecordScanner, _ j: Int) -> (Int, Int, UInt8) {
        var s = sc.starts[j], e = sc.ends[j]
        let f = sc.flags[j]
        if f == 0, trimSpaces, e > s, b[s] == 0x20 || b[e - 1] == 0x20 { trim(&s, &e) }
        return (s, e, f)
    }

    private func reject(_ error: CSVError, raw: Range<Int>) throws(CSVError) {
        guard options.quarantinePath != nil else { throw error }
        var hi = raw.upperBound
        if hi > raw.lowerBound, b[hi - 1] == CSVRecordScanner.lf { hi -= 1 }
        if hi > raw.lowerBound, b[hi - 1] == CSVRecordScanner.cr { hi -= 1 }
        quarantined.append(QuarantinedRow(line: error.line ?? 0, reason: error.reason,
                                          raw: Array(UnsafeBufferPointer(start: b + raw.lowerBound, count: hi - raw.lowerBound))))
    }

    private func skipBlankLines(_ p: inout Int, _ line: inout Int) {
        while p < end {
            if b[p] == CSVRecordScanner.lf { p += 1; line += 1; continue }
            if b[p] == CSVRecordScanner.cr {
                if p + 1 == end { p = end; break }
                if b[p + 1] == CSVRecordScanner.lf { p += 2; line += 1; continue }
            }
            break
        }
    }

    /// Tab if the header line has more tabs than commas outside quotes, else comma.
    private func detectDelimiter(from start: Int) -> CSVDelimiter {
        var commas = 0, tabs = 0, inQuotes = false, p = start
        while p < end {
            let c = b[p]
            if c == CSVRecordScanner.quote { inQuotes.toggle() } else if !inQuotes {
                if c == CSVRecordScanner.lf { break }
                if c == UInt8(ascii: ",") { commas += 1 } else if c == UInt8(ascii: "\t") { tabs += 1 }
            }
            p += 1
        }
        return tabs > commas ? .tab : .comma
    }

    private func checkTokens(delimiter: UInt8) throws(CSVError) {
        for t in options.missingTokens {
            let u = Array(t.utf8)
            if u.contains(where: { $0 == delimiter || $0 == CSVRecordScanner.quote || $0 == CSVRecordScanner.lf || $0 == CSVRecordScanner.cr }) {
                throw CSVError(.invalidOptions("missing token \(CSVError.quoted(t)) contains a delimiter, quote or line ending"), file: name)
            }
        }
    }

    // MARK: the read

    func run() throws(CSVError) -> CSVReadResult {
        var p = 0
        let hadBOM = end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
        if hadBOM { p = 3 }
        var line = 1
        skipBlankLines(&p, &line)
        guard p < end else { throw CSVError(.emptyFile, file: name) }
        if hasCROnlyLineEndings(from: p) { throw CSVError(.crLineEndings, file: name) }
        let delimiter = options.delimiter ?? detectDelimiter(from: p)
        try checkTokens(delimiter: delimiter.byte)
        var sc = CSVRecordScanner(base: b, end: end, delimiter: delimiter.byte)
        defer { sc.deallocate() }

        // Header.
        let names = try readHeader(&sc, &p, &line)
        if let part = partStart { p = part.offset; line = part.line }
        let ncol = names.count
        var given = [CSVColumnType?](repeating: nil, count: ncol)
        for (key, type) in options.columnTypes {
            guard let j = names.firstIndex(of: key) else {
                throw CSVError(.unknownColumn(key, suggestion: nearestName(to: key, among: names)), file: name)
            }
            if case .categorical(let levels?, _) = type, Set(levels).count != levels.count {
                throw CSVError(.invalidOptions("the declared levels of \(key) repeat a value"), file: name)
            }
            given[j] = type
        }

        // One pass: structure, evidence and conversion (see CSVColumnBuilder for the speculative typing).
        let anyGiven = given.contains { $0 != nil }
        let isGiven = UnsafeMutablePointer<Bool>.allocate(capacity: ncol)
        for j in 0..<ncol { (isGiven + j).initialize(to: given[j] != nil) }
        defer { isGiven.deallocate() }
        var capacity = 1024
        let builders = UnsafeMutablePointer<CSVColumnBuilder>.allocate(capacity: ncol)
        for j in 0..<ncol {
            (builders + j).initialize(to: CSVColumnBuilder(name: names[j], given: given[j], capacity: capacity,
                                                           categoricalMax: builderCategoricalMax,
                                                           acceptsNonFinite: options.nonFiniteNumbers == .read,
                                                           keepsTextCodes: !isPart))
        }
        var finished = false
        defer {
            if !finished { for j in 0..<ncol { builders[j].discard() } }
            builders.deinitialize(count: ncol)
            builders.deallocate()
        }
        var witness = [(line: Int, value: String)?](repeating: nil, count: ncol)
        var pending: [(row: Int, column: Int, line: Int, start: Int, next: Int, value: String)] = []
        var rowStarts: [Int] = []
        rowStarts.reserveCapacity(capacity)
        let firstRow = p
        var r = 0
        while p < end {
            let c = b[p]
            if c == CSVRecordScanner.lf || c == CSVRecordScanner.cr {
                let before = p
                skipBlankLines(&p, &line)
                if p != before { continue }
            }
            source.release(&released, upTo: p)
            switch sc.scan(from: p) {
            case let .unterminatedQuote(q):
                let qLine = line + sc.newlines(from: p, to: q)
                let resume = sc.nextLine(after: q)
                try reject(CSVError(.unterminatedQuote, file: name, line: qLine), raw: p..<resume)
                line += sc.newlines(from: p, to: resume)
                p = resume
            case let .textAfterQuote(at):
                var stop = at
                while stop < end, b[stop] != delimiter.byte, b[stop] != CSVRecordScanner.lf, b[stop] != CSVRecordScanner.cr { stop += 1 }
                let resume = sc.nextLine(after: at)
                let column = sc.count > 0 && sc.count <= ncol ? sc.count : nil
                try reject(CSVError(.textAfterClosingQuote, file: name, line: line + sc.newlines(from: p, to: at),
                                    columnName: column.map { names[$0 - 1] }, columnNumber: column,
                                    value: String(decoding: UnsafeBufferPointer(start: b + at, count: stop - at), as: UTF8.self)),
                               raw: p..<resume)
                line += sc.newlines(from: p, to: resume)
                p = resume
            case let .record(next, nl):
                defer { p = next; line += nl }
                guard sc.count == ncol else {
                    try reject(CSVError(.wrongFieldCount(expected: ncol, found: sc.count), file: name, line: line), raw: p..<next)
                    continue
                }
                if sc.highBits & 0x8080_8080_8080_8080 != 0, let off = UTF8Check.invalidOffsets(b, from: p, to: next).first {
                    var j = 0
                    while j + 1 < ncol, sc.starts[j + 1] <= off { j += 1 }
                    let (s, e, f) = field(sc, j)
                    try reject(CSVError(.invalidUTF8, file: name, line: line + sc.newlines(from: p, to: off),
                                        columnName: names[j], columnNumber: j + 1, value: text(s, e, escaped: f & 2 != 0)),
                               raw: p..<next)
                    continue
                }
                if sc.highBits & 0x8080_8080_8080_8080 != 0, let off = firstNUL(from: p, to: next) {
                    var j = 0
                    while j + 1 < ncol, sc.starts[j + 1] <= off { j += 1 }
                    let (s, e, f) = field(sc, j)
                    try reject(CSVError(.nulByte, file: name, line: line + sc.newlines(from: p, to: off),
                                        columnName: names[j], columnNumber: j + 1, value: text(s, e, escaped: f & 2 != 0)),
                               raw: p..<next)
                    continue
                }
                if anyGiven, let (j, s, e, f, nonFinite) = firstContradiction(sc, given, builders) {
                    try reject(CSVError(nonFinite ? .nonFiniteNumber : .invalidValue(expected: expectation(given[j] ?? .string)),
                                        file: name, line: line + sc.newlines(from: p, to: s), columnName: names[j],
                                        columnNumber: j + 1, value: text(s, e, escaped: f & 2 != 0)),
                               raw: p..<next)
                    continue
                }
                if r == capacity {
                    // From the mean length of the rows so far, room for the whole file (5% spare), at least 25% more.
                    let estimate = Double(end - firstRow) / Double(max(1, next - firstRow)) * Double(r + 1) * 1.05
                    capacity = max(capacity + capacity / 4, Int(min(estimate, Double(end - firstRow) / 2 + 2)))
                    for j in 0..<ncol { builders[j].grow(to: capacity) }
                    rowStarts.reserveCapacity(capacity)
                }
                // The field arrays and flags in locals: the stores into the builders cannot be assumed not to
                // alias them, so reading them through `sc` would reload them for every field.
                let starts = sc.starts, ends = sc.ends, flags = sc.flags, trimSpaces = trimSpaces
                for j in 0..<ncol {
                    var s = starts[j], e = ends[j]
                    let f = flags[j]
                    if f == 0, trimSpaces, e > s, b[s] == 0x20 || b[e - 1] == 0x20 { trim(&s, &e) }
                    if f == 0, isMissing(s, e - s) { builders[j].storeMissing(r); continue }
                    if isGiven[j] {
                        let ok = f & 2 == 0 ? builders[j].storeTyped(r, b + s, e - s)
                            : withContent(s, e, escaped: true) { q, n in builders[j].storeTyped(r, q, n) }
                        if !ok { builders[j].storeMissing(r) }   // cannot happen: checked by firstContradiction
                        continue
                    }
                    let outcome = f & 2 == 0 ? builders[j].storeInferred(r, b + s, e - s)
                        : withContent(s, e, escaped: true) { q, n in builders[j].storeInferred(r, q, n) }
                    switch outcome {
                    case .stored: break
                    case .demotedToText:
                        witness[j] = (line + sc.newlines(from: p, to: s), text(s, e, escaped: f & 2 != 0))
                    case .pendingInvalid:
                        pending.append((r, j, line + sc.newlines(from: p, to: s), p, next, text(s, e, escaped: f & 2 != 0)))
                    }
                }
                rowStarts.append(p)
                r += 1
            }
        }

        // Columns of numbers with a few cells that are not (MostlyNumeric): condition 1 from the counts of the
        // pass; they are converted again as numbers, and condition 2 (no code-shaped cell) is checked on the
        // cells that do not convert.
        for j in 0..<ncol { builders[j].settleTextEvidence(rows: r) }
        let evidence = (0..<ncol).map { j in
            (nonMissing: builders[j].nonMissing, numbers: builders[j].nonMissing - builders[j].nonNumbers)
        }
        var numeric: [Int] = []
        let passMasks = (0..<ncol).map { builders[$0].mask }
        for j in 0..<ncol where !isGiven[j] && MostlyNumeric.applies(numbers: evidence[j].numbers, nonMissing: evidence[j].nonMissing) {
            numeric.append(j)
            if builders[j].numbersAreIntegers {
                builders[j].restart(as: .integer, mask: FieldClass([.integer, .double]).rawValue)
            } else {
                builders[j].restart(as: .double, mask: FieldClass.double.rawValue)
            }
        }
        // Columns whose type was bumped past what their stored values can hold are converted again.
        let dirty = (0..<ncol).filter { builders[$0].isDirty }
        for j in dirty { builders[j].restartDirty() }
        var failures = reconvert(dirty + numeric, rows: r, fields: ncol, rowStarts: rowStarts, &sc, builders)
        // A numeric column with a code-shaped cell is text after all (condition 2).
        let coded = numeric.filter { j in
            failures.contains { $0.column == j && withContent($0.start, $0.end, escaped: $0.flags & 2 != 0) { q, n in
                !NumberSyntax.classify(q, n).number && MostlyNumeric.isCodeShaped(q, n) } }
        }
        if !coded.isEmpty {
            failures.removeAll { coded.contains($0.column) }
            for j in coded { builders[j].restart(as: FieldClass(rawValue: passMasks[j]).inferredType(nonMissing: 1), mask: passMasks[j]) }
            failures += reconvert(coded, rows: r, fields: ncol, rowStarts: rowStarts, &sc, builders)
            numeric.removeAll { coded.contains($0) }
        }
        rowStarts = []

        // Cells rejected now that the columns' types are known, in file order: values of date columns that have
        // the shape of a date but are not one, numbers that are not finite, and the cells of numeric columns that
        // are not numbers. One report per row.
        var late: [(line: Int, column: Int, row: Int, error: CSVError, raw: Range<Int>)] = []
        let reconverted = Set(dirty + numeric + coded)
        for pd in pending where !reconverted.contains(pd.column) {
            let kind: CSVError.Kind
            switch builders[pd.column].finalType {
            case .date(let format): kind = .invalidValue(expected: "a valid \(format.pattern) date")
            case .double: kind = .nonFiniteNumber
            default: continue
            }
            late.append((pd.line, pd.column, pd.row, CSVError(kind, file: name, line: pd.line, columnName: names[pd.column],
                                                                columnNumber: pd.column + 1, value: pd.value), pd.start..<pd.next))
        }
        let failureLines = lines(at: failures.map(\.start))
        for (k, fl) in failures.enumerated() {
            let j = fl.column
            let isNumber = withContent(fl.start, fl.end, escaped: fl.flags & 2 != 0) { q, n in NumberSyntax.classify(q, n).number }
            let kind: CSVError.Kind
            if isNumber, builders[j].finalType == .double { kind = .nonFiniteNumber }
            else if numeric.contains(j) {
                kind = .notANumber(numbers: evidence[j].numbers, badCells: evidence[j].nonMissing - evidence[j].numbers,
                                   missingTokens: options.missingTokens)
            } else { kind = .invalidValue(expected: builders[j].finalType.expectation) }   // not expected to happen
            late.append((failureLines[k], j, fl.row, CSVError(kind, file: name, line: failureLines[k], columnName: names[j],
                                                                columnNumber: j + 1, value: text(fl.start, fl.end, escaped: fl.flags & 2 != 0)),
                         fl.rowStart..<fl.next))
        }
        late.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        var dropped = Set<Int>()
        for item in late where !dropped.contains(item.row) {
            try reject(item.error, raw: item.raw)
            dropped.insert(item.row)
        }
        let drop = dropped.sorted()
        if !drop.isEmpty {
            for j in 0..<ncol { builders[j].remove(drop, rows: r) }
            r -= drop.count
        }
        source.release(&released, upTo: end)
        // Columns and report.
        var columns: [DataColumn] = []
        var reports: [CSVColumnReport] = []
        finished = true
        for j in 0..<ncol {
            let readAs: CSVColumnType, missingCount: Int
            if isPart, let (raw, type) = builders[j].finishRaw(rows: r) {
                partColumns.append(.raw(raw))
                readAs = type
                missingCount = raw.validity.missingCount
            } else {
                let (column, type) = builders[j].finish(rows: r)
                if isPart { partColumns.append(.finished(column)) } else { columns.append(column) }
                readAs = type
                missingCount = column.missingCount
            }
            let why = numeric.contains(j)
                ? "\(evidence[j].numbers) of \(evidence[j].nonMissing) non-missing values are numbers; the rows of the "
                    + "other \(evidence[j].nonMissing - evidence[j].numbers) were rejected (see MostlyNumeric)"
                : reason(given: given[j] != nil, readAs: readAs, nonMissing: evidence[j].nonMissing, witness: witness[j])
            reports.append(CSVColumnReport(name: names[j], type: readAs, inferred: given[j] == nil, reason: why,
                                           missingCount: missingCount))
        }
        partEvidence = (0..<ncol).map { j in (evidence[j].nonMissing, witness[j], numeric.contains(j)) }
        let frame: DataFrame
        do { frame = try DataFrame(columns: columns) } catch {
            throw CSVError(.invalidOptions(error.description), file: name)
        }
        quarantined.sort { $0.line < $1.line }
        if let q = options.quarantinePath { try QuarantineWriter.write(quarantined, to: q, inputName: name) }
        return CSVReadResult(frame: frame, summary: ReadSummary(
            rowsRead: r, rowsQuarantined: quarantined.count, quarantined: quarantined, delimiter: delimiter,
            hadByteOrderMark: hadBOM, columns: reports))
    }

    /// A non-missing cell that did not convert to its column's type when the column was converted again.
    struct Failure {
        var row: Int, column: Int, start: Int, end: Int, flags: UInt8, rowStart: Int, next: Int
    }

    /// Converts `columns` (restarted, all rows missing) again from the kept row offsets, and returns the cells
    /// that do not convert (stored as missing): non-numbers and non-finite numbers in numeric columns.
    private func reconvert(_ columns: [Int], rows: Int, fields: Int, rowStarts: [Int], _ sc: inout CSVRecordScanner,
                           _ builders: UnsafeMutablePointer<CSVColumnBuilder>) -> [Failure] {
        guard !columns.isEmpty else { return [] }
        var failures: [Failure] = []
        released = partStart.map { ($0.offset >> 21) << 21 } ?? 0
        for i in 0..<rows {
            source.release(&released, upTo: rowStarts[i])
            guard case let .record(next, _) = sc.scan(from: rowStarts[i]), sc.count == fields else { continue }
            for j in columns {
                let (s, e, f) = field(sc, j)
                if f == 0, isMissing(s, e - s) { builders[j].storeMissing(i); continue }
                let ok = f & 2 == 0 ? builders[j].storeTyped(i, b + s, e - s)
                    : withContent(s, e, escaped: true) { q, n in builders[j].storeTyped(i, q, n) }
                if !ok {
                    builders[j].storeMissing(i)
                    failures.append(Failure(row: i, column: j, start: s, end: e, flags: f, rowStart: rowStarts[i], next: next))
                }
            }
        }
        return failures
    }

    /// The physical line (1-based: one more than the LFs before it) of each offset, in the order given.
    private func lines(at offsets: [Int]) -> [Int] {
        guard !offsets.isEmpty else { return [] }
        var result = [Int](repeating: 0, count: offsets.count)
        var p = 0, line = 1
        for k in offsets.indices.sorted(by: { offsets[$0] < offsets[$1] }) {
            while p < offsets[k] {
                if b[p] == CSVRecordScanner.lf { line += 1 }
                p += 1
            }
            result[k] = line
        }
        return result
    }

    private func expectation(_ type: CSVColumnType) -> String {
        if case .categorical(let levels?, _) = type {
            let shown = levels.prefix(10).map { CSVError.quoted($0) }.joined(separator: ", ")
            return "one of the declared levels (\(shown)\(levels.count > 10 ? ", ..." : ""))"
        }
        return type.expectation
    }

    /// The first field of the current record that contradicts its column's given type or declared levels, and
    /// whether it is a number that is not finite (in a given double column).
    private func firstContradiction(_ sc: borrowing CSVRecordScanner, _ given: [CSVColumnType?],
                                    _ builders: UnsafeMutablePointer<CSVColumnBuilder>) -> (Int, Int, Int, UInt8, Bool)? {
        for j in 0..<given.count {
            guard let type = given[j] else { continue }
            let (s, e, f) = field(sc, j)
            if f == 0, isMissing(s, e - s) { continue }
            let req = type.requiredClass.rawValue
            if req != 0 {
                let cls = withContent(s, e, escaped: f & 2 != 0) { q, n in FieldClass.of(q, n).rawValue }
                if cls & req != req { return (j, s, e, f, false) }
                if type == .double, options.nonFiniteNumbers == .error,
                   !withContent(s, e, escaped: f & 2 != 0, { q, n in NumberSyntax.parseDouble(q, n)?.isFinite ?? false }) {
                    return (j, s, e, f, true)
                }
            }
            if case .categorical(_?, _) = type,
               !withContent(s, e, escaped: f & 2 != 0, { q, n in builders[j].hasLevel(q, n) }) {
                return (j, s, e, f, false)
            }
        }
        return nil
    }

    /// The offset of the first NUL byte in `from..<to`, if any.
    private func firstNUL(from: Int, to: Int) -> Int? {
        guard to > from, let hit = memchr(b + from, 0, to - from) else { return nil }
        return b.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the header line (from `start`) ends in CR alone: a CR outside quotes that no LF follows, before
    /// the first LF of the file. Lines ending so (classic Mac OS) would read as one line.
    private func hasCROnlyLineEndings(from start: Int) -> Bool {
        var p = start, inQuotes = false
        while p < end {
            let c = b[p]
            if c == CSVRecordScanner.quote { inQuotes.toggle() } else if !inQuotes {
                if c == CSVRecordScanner.lf { return false }
                if c == CSVRecordScanner.cr, p + 1 < end, b[p + 1] != CSVRecordScanner.lf { return true }
            }
            p += 1
        }
        return false
    }

    func reason(given: Bool, readAs: CSVColumnType, nonMissing: Int, witness: (line: Int, value: String)?) -> String {
        if given { return "given in columnTypes" }
        switch readAs {
        case .boolean: return "all \(nonMissing) non-missing values are TRUE/FALSE/true/false"
        case .integer: return "all \(nonMissing) non-missing values are integers"
        case .double: return "all \(nonMissing) non-missing values are numbers"
        case .date(let f): return "all \(nonMissing) non-missing values have the shape \(f.pattern)"
        case .categorical:
            return "text with at most \(options.categoricalMaxLevels ?? 0) distinct values (categoricalMaxLevels)"
        case .string:
            guard nonMissing > 0 else { return "no non-missing values, so no evidence for another type" }
            guard let witness else { return "text" }
            return "\(CSVError.quoted(witness.value)) on line \(witness.line) is not a boolean, number or date"
                + " (or the column mixes them)"
        }
    }

    private func readHeader(_ sc: inout CSVRecordScanner, _ p: inout Int, _ line: inout Int) throws(CSVError) -> [String] {
        switch sc.scan(from: p) {
        case let .unterminatedQuote(q):
            throw CSVError(.unterminatedQuote, file: name, line: line + sc.newlines(from: p, to: q))
        case let .textAfterQuote(at):
            var stop = at
            while stop < end, b[stop] != sc.delimiter, b[stop] != CSVRecordScanner.lf, b[stop] != CSVRecordScanner.cr { stop += 1 }
            throw CSVError(.textAfterClosingQuote, file: name, line: line + sc.newlines(from: p, to: at),
                           value: String(decoding: UnsafeBufferPointer(start: b + at, count: stop - at), as: UTF8.self))
        case let .record(next, nl):
            if sc.highBits & 0x8080_8080_8080_8080 != 0, let off = UTF8Check.invalidOffsets(b, from: p, to: next).first {
                throw CSVError(.invalidUTF8, file: name, line: line + sc.newlines(from: p, to: off),
                               value: String(decoding: UnsafeBufferPointer(start: b + p, count: next - p), as: UTF8.self)
                                .trimmingSuffix())
            }
            if sc.highBits & 0x8080_8080_8080_8080 != 0, let off = firstNUL(from: p, to: next) {
                throw CSVError(.nulByte, file: name, line: line + sc.newlines(from: p, to: off),
                               value: String(decoding: UnsafeBufferPointer(start: b + p, count: min(next - p, 40)),
                                             as: UTF8.self).trimmingSuffix())
            }
            var names: [String] = []
            var seen: [String: Int] = [:]
            for j in 0..<sc.count {
                let (s, e, f) = field(sc, j)
                var n = text(s, e, escaped: f & 2 != 0)
                if n.isEmpty { n = "V\(j + 1)" }
                if let first = seen[n] {
                    throw CSVError(.duplicateColumnName(n, firstColumn: first + 1), file: name, line: line,
                                   columnName: n, columnNumber: j + 1)
                }
                seen[n] = j
                names.append(n)
            }
            p = next
            line += nl
            return names
        }
    }
}

extension String {
    /// Without trailing CR/LF.
    fileprivate func trimmingSuffix() -> String {
        var s = Substring(self)
        while let l = s.last, l == "\n" || l == "\r" || l == "\r\n" { s.removeLast() }
        return String(s)
    }
}

