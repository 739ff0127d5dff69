/// The typed storage one column is converted into during the reader's second pass.
///
/// Values are written at a row index into buffers sized for every row that passed the first pass, so a row
/// rejected in the second pass is simply overwritten by the next one (every row writes every column, value or
/// missing). Numbers and dates are converted from the bytes directly; text is interned (``StringInterner``) so
/// each distinct value becomes a String once, until a column turns out to be mostly distinct (more than 4096
/// values and over a quarter of the rows so far), when it switches to making a String per field, which is
/// cheaper than hashing for identifiers. A value type over raw buffers, so the inner loop does no reference
/// counting or exclusivity checking; ``finish(rows:)`` moves the data into Swift arrays and frees the buffers.
struct CSVColumnBuilder {
    enum Tag { case integer, double, boolean, date, text, direct }

    let name: String
    let type: CSVColumnType
    private(set) var tag: Tag
    let dateFormat: DateFormat
    let capacity: Int
    /// Make a categorical column if the text has at most this many distinct values (inferred text only).
    let categoricalMax: Int?
    /// Codes must be among pre-declared levels.
    let declaredLevels: Bool
    let isCategorical: Bool

    /// Int, Double, Bool, Int32 (dates and codes) or String elements, by `tag`.
    private var data: UnsafeMutableRawPointer
    private var words: UnsafeMutablePointer<UInt64>
    private let wordCount: Int
    private var interner: StringInterner

    init(name: String, type: CSVColumnType, capacity: Int, categoricalMax: Int?) {
        self.name = name
        self.type = type
        self.capacity = capacity
        wordCount = (capacity + 63) / 64
        words = .allocate(capacity: max(1, wordCount))
        words.initialize(repeating: 0, count: max(1, wordCount))
        var fmt = DateFormat.dayMonthYear
        var declared = false
        var catMax: Int? = nil
        var categorical = false
        var inter = StringInterner()
        let n = max(1, capacity)
        switch type {
        case .integer: tag = .integer; data = UnsafeMutableRawPointer(UnsafeMutablePointer<Int>.allocate(capacity: n))
        case .double: tag = .double; data = UnsafeMutableRawPointer(UnsafeMutablePointer<Double>.allocate(capacity: n))
        case .boolean: tag = .boolean; data = UnsafeMutableRawPointer(UnsafeMutablePointer<Bool>.allocate(capacity: n))
        case .date(let f): tag = .date; fmt = f; data = UnsafeMutableRawPointer(UnsafeMutablePointer<Int32>.allocate(capacity: n))
        case .string:
            tag = .text
            catMax = categoricalMax
            data = UnsafeMutableRawPointer(UnsafeMutablePointer<Int32>.allocate(capacity: n))
        case .categorical(let levels, _):
            tag = .text
            categorical = true
            data = UnsafeMutableRawPointer(UnsafeMutablePointer<Int32>.allocate(capacity: n))
            if let levels {
                declared = true
                for l in levels { _ = inter.intern(l) }
            }
        }
        // Placeholders for missing entries are 0 / false / code 0: initialise everything once.
        switch tag {
        case .integer: data.assumingMemoryBound(to: Int.self).initialize(repeating: 0, count: n)
        case .double: data.assumingMemoryBound(to: Double.self).initialize(repeating: 0, count: n)
        case .boolean: data.assumingMemoryBound(to: Bool.self).initialize(repeating: false, count: n)
        case .date, .text: data.assumingMemoryBound(to: Int32.self).initialize(repeating: 0, count: n)
        case .direct: break
        }
        interner = inter
        dateFormat = fmt
        declaredLevels = declared
        self.categoricalMax = catMax
        isCategorical = categorical
    }

    /// Stores the value at `row`; false if the bytes are not a value of the column's type.
    @inline(__always)
    mutating func store(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        switch tag {
        case .integer:
            guard let v = NumberSyntax.parseInteger(p, n) else { return false }
            data.assumingMemoryBound(to: Int.self)[row] = v
        case .double:
            guard let v = NumberSyntax.parseDouble(p, n) else { return false }
            data.assumingMemoryBound(to: Double.self)[row] = v
        case .boolean:
            guard let v = FieldClass.isBoolean(p, n) else { return false }
            data.assumingMemoryBound(to: Bool.self)[row] = v
        case .date:
            guard let v = parseDateDays(p, n, dateFormat) else { return false }
            data.assumingMemoryBound(to: Int32.self)[row] = v
        case .text:
            let c: Int32
            if declaredLevels {
                guard let k = interner.lookup(p, n) else { return false }
                c = k
            } else {
                c = interner.intern(p, n)
            }
            data.assumingMemoryBound(to: Int32.self)[row] = c
            if !isCategorical, interner.count > 4096, interner.count > (categoricalMax ?? 0),
               interner.count * 4 > row + 1 {
                words[row >> 6] |= 1 << UInt64(row & 63)
                switchToDirect(upTo: row + 1)
                return true
            }
        case .direct:
            data.assumingMemoryBound(to: String.self)[row] =
                String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }
        words[row >> 6] |= 1 << UInt64(row & 63)
        return true
    }

    /// Marks `row` missing and writes the placeholder (0, false, code 0, ""), so that frames read from
    /// equal data compare equal whatever rows were rejected before.
    @inline(__always)
    mutating func storeMissing(_ row: Int) {
        words[row >> 6] &= ~(1 << UInt64(row & 63))
        switch tag {
        case .integer: data.assumingMemoryBound(to: Int.self)[row] = 0
        case .double: data.assumingMemoryBound(to: Double.self)[row] = 0
        case .boolean: data.assumingMemoryBound(to: Bool.self)[row] = false
        case .date, .text: data.assumingMemoryBound(to: Int32.self)[row] = 0
        case .direct: data.assumingMemoryBound(to: String.self)[row] = ""
        }
    }

    @inline(__always)
    private func isValid(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    private mutating func switchToDirect(upTo rows: Int) {
        let strings = interner.strings()
        let codes = data.assumingMemoryBound(to: Int32.self)
        let d = UnsafeMutablePointer<String>.allocate(capacity: max(1, capacity))
        d.initialize(repeating: "", count: max(1, capacity))
        for i in 0..<rows where isValid(i) { d[i] = strings[Int(codes[i])] }
        codes.deallocate()
        interner.deallocate()
        interner = StringInterner(expected: 1)
        data = UnsafeMutableRawPointer(d)
        tag = .direct
    }

    /// The finished column of the first `rows` rows, and the type it was read as (an inferred text column
    /// may have become categorical). Frees this builder's buffers; call once.
    mutating func finish(rows: Int) -> (DataColumn, CSVColumnType) {
        var mask = ValidityMask(count: rows, allValid: false)
        var w = Array(UnsafeBufferPointer(start: words, count: (rows + 63) / 64))
        if rows & 63 != 0, !w.isEmpty { w[w.count - 1] &= (1 << UInt64(rows & 63)) - 1 }
        mask.words = w
        words.deallocate()
        func take<T>(_: T.Type) -> [T] {
            let p = data.assumingMemoryBound(to: T.self)
            let a = Array(UnsafeBufferPointer(start: p, count: rows))
            p.deinitialize(count: max(1, capacity))
            p.deallocate()
            return a
        }
        var readAs = type
        let values: ColumnValues
        switch tag {
        case .integer: values = .integer(take(Int.self))
        case .double: values = .double(take(Double.self))
        case .boolean: values = .boolean(take(Bool.self))
        case .date: values = .date(take(Int32.self))
        case .direct: values = .string(take(String.self))
        case .text:
            let strings = interner.strings()
            var codes = take(Int32.self)
            if case let .categorical(levels, ordered) = type {
                values = levels != nil ? .categorical(codes: codes, levels: strings, ordered: ordered)
                    : CSVColumnBuilder.sortedCategorical(&codes, strings, ordered: ordered, mask: mask)
            } else if let k = categoricalMax, strings.count <= k {
                values = CSVColumnBuilder.sortedCategorical(&codes, strings, ordered: false, mask: mask)
                readAs = .categorical(levels: nil, ordered: false)
            } else {
                var out = [String]()
                out.reserveCapacity(rows)
                for i in 0..<rows { out.append(mask.isValid(i) ? strings[Int(codes[i])] : "") }
                values = .string(out)
            }
        }
        interner.deallocate()
        return (DataColumn(name: name, values: values, validity: mask), readAs)
    }

    /// Frees the buffers of a builder that will not be finished (the read failed).
    func discard() {
        words.deallocate()
        switch tag {
        case .direct:
            let p = data.assumingMemoryBound(to: String.self)
            p.deinitialize(count: max(1, capacity))
            p.deallocate()
        default: data.deallocate()
        }
        interner.deallocate()
    }

    /// Levels in byte-wise order (DataColumn's contract) and codes renumbered to match; missing rows get code 0.
    private static func sortedCategorical(_ codes: inout [Int32], _ strings: [String], ordered: Bool,
                                          mask: ValidityMask) -> ColumnValues {
        let order = strings.indices.sorted { Array(strings[$0].utf8).lexicographicallyPrecedes(Array(strings[$1].utf8)) }
        var newCode = [Int32](repeating: 0, count: strings.count)
        for (rank, old) in order.enumerated() { newCode[old] = Int32(rank) }
        for i in codes.indices { codes[i] = mask.isValid(i) ? newCode[Int(codes[i])] : 0 }
        return .categorical(codes: codes, levels: order.map { strings[$0] }, ordered: ordered)
    }
}
