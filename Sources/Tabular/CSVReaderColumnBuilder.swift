/// One column being read: its type evidence and its typed storage, filled in a single pass over the file.
///
/// Inference is speculative, in the manner of `data.table::fread` (Dowle & Srinivasan): an inferred column is
/// converted as the type its evidence so far supports (``FieldClass/inferredType(nonMissing:)`` of the
/// intersection of its values' classes), straight from the bytes. A value that parses as that type needs no
/// further classification. A value that does not is classified; the intersection shrinks and the type is
/// "bumped": integer → double converts the stored values in place (exact below 2^53); any other bump marks the
/// column dirty, and the reader converts it again at the end from the row offsets, with the type that the whole
/// file supports. So every value of the file is evidence (no sampling), and a late value cannot contradict a
/// type that was already fixed. Date-shaped values that are not real dates (31/02/2020) leave the column a
/// date column, and numbers that are not finite a double column; the reader records them as pending errors and
/// rejects those rows if the column still has that type at the end. The builder also counts the values that
/// are not numbers, the evidence for ``MostlyNumeric``.
///
/// Storage is raw buffers indexed by row (no reference counting or exclusivity checks in the inner loop),
/// grown geometrically; text is interned (``StringInterner``) until a column turns out to be mostly distinct
/// (more than 4096 values and over a quarter of the rows so far), when it switches to one String per field.
/// Missing entries hold the placeholders of DataColumn (0, false, code 0, "").
struct CSVColumnBuilder {
    /// `text`: Int32 codes into the interner, expanded to Strings at the end (4 bytes a row while reading,
    /// measured slightly faster than storing Strings, and needed for categoricals); `direct`: a String per field.
    enum Tag { case undecided, integer, double, boolean, date, text, direct, dirty }
    /// `pendingInvalid`: the value has the column's type in shape but not in value (a date-shaped value that is
    /// not a date, or a number that is not finite: `Inf`, `NaN`, `1e400`); it is stored as missing and the reader
    /// rejects the row if the column keeps that type.
    enum Outcome { case stored, pendingInvalid, demotedToText }

    let name: String
    /// Fixed by the caller (no inference).
    let given: Bool
    let categoricalMax: Int?
    /// ``NonFiniteNumbers/read``: store non-finite doubles instead of refusing them.
    let acceptsNonFinite: Bool
    /// Whether a finished text column keeps the reader's codes (``TextCodeCache``). A part of the two-part read
    /// does not: its text is either kept as codes (joined with their cache) or joined as Strings, which drops it.
    let keepsTextCodes: Bool
    private(set) var type: CSVColumnType
    private(set) var tag: Tag
    /// Intersection of the classes of the non-missing values seen (inferred columns).
    private(set) var mask: UInt8 = FieldClass.all.rawValue
    private(set) var nonMissing = 0
    /// Non-missing values seen in the reading pass that are not numbers (``NumberSyntax``): with `nonMissing`,
    /// the evidence for ``MostlyNumeric``. Counted without classifying values that store as integer or double
    /// (those are numbers); booleans and dates are never numbers. Interned text costs nothing per value: its
    /// distinct values are classified once, when the column switches to one String per value or at the end
    /// (``settleTextEvidence(rows:)``); String-per-value text is tested by its first byte and, only if that can
    /// start a number, classified.
    private(set) var nonNumbers = 0
    /// Whether every number seen (non-finite ones included) is an integer (``NumberSyntax/classify(_:_:)``).
    private(set) var numbersAreIntegers = true
    private(set) var capacity: Int
    private var dateFormat = DateFormat.dayMonthYear
    private var declaredLevels = false
    private var isCategorical = false
    private var data: UnsafeMutableRawPointer
    private var words: UnsafeMutablePointer<UInt64>
    private var interner: StringInterner
    /// String storage (`direct`): slots 0..<initialized hold Strings, the rest is uninitialised.
    private var initialized = 0

    init(name: String, given: CSVColumnType?, capacity: Int, categoricalMax: Int?, acceptsNonFinite: Bool = false,
         keepsTextCodes: Bool = true) {
        self.name = name
        self.acceptsNonFinite = acceptsNonFinite
        self.keepsTextCodes = keepsTextCodes
        self.given = given != nil
        self.categoricalMax = given == nil ? categoricalMax : nil
        self.capacity = max(1, capacity)
        type = given ?? .string
        tag = .undecided
        words = .allocate(capacity: (self.capacity + 63) / 64)
        words.initialize(repeating: 0, count: (self.capacity + 63) / 64)
        data = .allocate(byteCount: 8, alignment: 8)
        interner = StringInterner(expected: 1)
        if let given { setUp(given) }
    }

    // MARK: storage

    private static func stride(_ tag: Tag) -> Int {
        switch tag {
        case .integer: MemoryLayout<Int>.stride
        case .double: MemoryLayout<Double>.stride
        case .boolean: MemoryLayout<Bool>.stride
        case .date, .text: MemoryLayout<Int32>.stride
        case .direct: MemoryLayout<String>.stride
        case .undecided, .dirty: 0
        }
    }

    /// Allocates storage of `capacity` entries for `tag`. It is not cleared: every row below the reader's row
    /// count is written exactly once (a value or a placeholder) before it is read, and String storage tracks
    /// its initialised prefix.
    ///
    /// Huge pages are requested (``adviseHugePages(_:byteCount:)``) for the part the reader expects to fill:
    /// the capacity is the estimated row count plus 5% spare, so only the first capacity / 1.06 entries are
    /// advised, leaving the spare on small pages that stay unmapped if unused.
    private static func allocate(_ tag: Tag, _ capacity: Int) -> UnsafeMutableRawPointer {
        let p: UnsafeMutableRawPointer
        switch tag {
        case .direct:
            p = UnsafeMutableRawPointer(UnsafeMutablePointer<String>.allocate(capacity: capacity))
        case .undecided, .dirty:
            return .allocate(byteCount: 8, alignment: 8)
        default:
            p = .allocate(byteCount: max(8, stride(tag) * capacity), alignment: 8)
        }
        adviseHugePages(p, byteCount: capacity / 106 * 100 * stride(tag))
        return p
    }

    private static func free(_ data: UnsafeMutableRawPointer, _ tag: Tag, _ initialized: Int) {
        if tag == .direct { data.assumingMemoryBound(to: String.self).deinitialize(count: initialized) }
        data.deallocate()
    }

    /// Becomes a column of `type`, all rows so far missing.
    private mutating func setUp(_ type: CSVColumnType) {
        CSVColumnBuilder.free(data, tag, initialized)
        initialized = 0
        self.type = type
        switch type {
        case .integer: tag = .integer
        case .double: tag = .double
        case .boolean: tag = .boolean
        case .date(let f): tag = .date; dateFormat = f
        case .string: tag = .text
        case .categorical(let levels, _):
            tag = .text
            isCategorical = true
            if let levels {
                declaredLevels = true
                interner.deallocate()
                interner = StringInterner(expected: levels.count)
                for l in levels { _ = interner.intern(l) }
            }
        }
        data = CSVColumnBuilder.allocate(tag, capacity)
    }

    /// Room for `newCapacity` rows.
    mutating func grow(to newCapacity: Int) {
        guard newCapacity > capacity else { return }
        let oldWords = (capacity + 63) / 64, newWords = (newCapacity + 63) / 64
        let w = UnsafeMutablePointer<UInt64>.allocate(capacity: newWords)
        w.moveInitialize(from: words, count: oldWords)
        (w + oldWords).initialize(repeating: 0, count: newWords - oldWords)
        words.deallocate()
        words = w
        if tag != .undecided, tag != .dirty {
            let d = CSVColumnBuilder.allocate(tag, newCapacity)
            if tag == .direct {
                d.assumingMemoryBound(to: String.self).moveInitialize(from: data.assumingMemoryBound(to: String.self), count: initialized)
                data.deallocate()
            } else {
                d.copyMemory(from: data, byteCount: CSVColumnBuilder.stride(tag) * capacity)
                data.deallocate()
            }
            data = d
        }
        capacity = newCapacity
    }

    /// Frees everything; the builder must not be used afterwards.
    func discard() {
        words.deallocate()
        CSVColumnBuilder.free(data, tag, initialized)
        interner.deallocate()
    }

    /// Writes a String at `row` of String storage (initialising the slot the first time).
    @inline(__always)
    private mutating func put(_ row: Int, _ value: String) {
        let q = data.assumingMemoryBound(to: String.self)
        if row < initialized { q[row] = value; return }
        while initialized < row { (q + initialized).initialize(to: ""); initialized += 1 }
        (q + row).initialize(to: value)
        initialized += 1
    }

    @inline(__always) private func setValid(_ row: Int) { words[row >> 6] |= 1 << UInt64(row & 63) }
    @inline(__always) func isValid(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }

    // MARK: storing

    /// Marks `row` missing and writes the placeholder.
    @inline(__always)
    mutating func storeMissing(_ row: Int) {
        words[row >> 6] &= ~(1 << UInt64(row & 63))
        switch tag {
        case .integer: data.assumingMemoryBound(to: Int.self)[row] = 0
        case .double: data.assumingMemoryBound(to: Double.self)[row] = 0
        case .boolean: data.assumingMemoryBound(to: Bool.self)[row] = false
        case .date, .text: data.assumingMemoryBound(to: Int32.self)[row] = 0
        case .direct: put(row, "")
        case .undecided, .dirty: break
        }
    }

    /// Converts and stores a non-missing value at `row` as the current type; false if it is not of that type
    /// (then nothing is stored). Inferred or not, no evidence is updated.
    ///
    /// A small dispatch (inlined into the reader's loop) to one out-of-line function per type: one large
    /// function for all types paid a long prologue and epilogue (saving every callee-saved register) per field.
    @inline(__always)
    mutating func storeTyped(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        switch tag {
        case .integer: return storeInteger(row, p, n)
        case .double: return storeDouble(row, p, n)
        case .boolean: return storeBoolean(row, p, n)
        case .date: return storeDate(row, p, n)
        case .text: return storeText(row, p, n)
        case .direct: return storeDirect(row, p, n)
        case .undecided, .dirty: return false
        }
    }

    @inline(never)
    private mutating func storeInteger(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard let v = NumberSyntax.parseInteger(p, n) else { return false }
        data.assumingMemoryBound(to: Int.self)[row] = v
        setValid(row)
        return true
    }

    @inline(never)
    private mutating func storeDouble(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard let v = NumberSyntax.parseDoubleWord(p, n), v.isFinite || acceptsNonFinite else { return false }
        data.assumingMemoryBound(to: Double.self)[row] = v
        setValid(row)
        return true
    }

    @inline(never)
    private mutating func storeBoolean(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard let v = FieldClass.isBoolean(p, n) else { return false }
        data.assumingMemoryBound(to: Bool.self)[row] = v
        setValid(row)
        nonNumbers &+= 1
        return true
    }

    @inline(never)
    private mutating func storeDate(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard let v = parseDateDays(p, n, dateFormat) else { return false }
        data.assumingMemoryBound(to: Int32.self)[row] = v
        setValid(row)
        nonNumbers &+= 1
        return true
    }

    @inline(never)
    private mutating func storeText(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let c: Int32
        if declaredLevels {
            guard let k = interner.lookup(p, n) else { return false }
            c = k
        } else {
            c = interner.intern(p, n)
        }
        data.assumingMemoryBound(to: Int32.self)[row] = c
        setValid(row)
        if !isCategorical, interner.count > 4096, interner.count > (categoricalMax ?? 0), interner.count * 4 > row + 1 {
            switchToDirect(rows: row + 1)
        }
        return true
    }

    @inline(never)
    private mutating func storeDirect(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        put(row, String(unsafeUninitializedCapacity: n) { buf in
            if let base = buf.baseAddress { base.initialize(from: p, count: n) }
            return n
        })
        setValid(row)
        countText(p, n)
        return true
    }

    /// Counts a value stored as text in ``nonNumbers`` (and ``numbersAreIntegers``): one table lookup rules out
    /// values that cannot start a number, the rest are classified.
    @inline(__always)
    private mutating func countText(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0, NumberSyntax.mayStart(p[0]) else { nonNumbers &+= 1; return }
        let (isInteger, isNumber) = NumberSyntax.classify(p, n)
        if !isNumber { nonNumbers &+= 1 } else if !isInteger { numbersAreIntegers = false }
    }

    /// Whether a declared-level column has this value.
    func hasLevel(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool { interner.lookup(p, n) != nil }

    /// Stores a non-missing value of an inferred column, updating the evidence and bumping the type if needed.
    @inline(__always)
    mutating func storeInferred(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Outcome {
        nonMissing += 1
        if storeTyped(row, p, n) { return .stored }   // false for .undecided and .dirty
        return bump(row, p, n)
    }

    @inline(never)
    private mutating func bump(_ row: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Outcome {
        let old = mask
        let cls = FieldClass.of(p, n).rawValue
        mask &= cls
        // The number evidence of this value, whatever the stores below count.
        let counted = nonNumbers
        defer {
            nonNumbers = counted &+ (cls & FieldClass.double.rawValue == 0 ? 1 : 0)
            if cls & FieldClass.double.rawValue != 0, cls & FieldClass.integer.rawValue == 0 { numbersAreIntegers = false }
        }
        let typed = FieldClass.typed.rawValue
        let demoted = old & typed != 0 && mask & typed == 0
        if tag == .dirty { return demoted ? .demotedToText : .stored }
        let newType = FieldClass(rawValue: mask).inferredType(nonMissing: nonMissing)
        if tag == .undecided {
            setUp(newType)
            for i in 0..<row { storeMissing(i) }   // placeholders for the missing rows before the first value
            if storeTyped(row, p, n) { return demoted ? .demotedToText : .stored }
            storeMissing(row)
            return .pendingInvalid   // the first value is date-shaped but not a date, or a non-finite number
        }
        if newType == type {   // a date-shaped value that is not a date, or a non-finite number in a double column
            storeMissing(row)
            return .pendingInvalid
        }
        if tag == .integer, newType == .double, convertIntegersToDoubles(rows: row) {
            if storeTyped(row, p, n) { return .stored }
            storeMissing(row)
            return .pendingInvalid   // a non-finite number
        }
        CSVColumnBuilder.free(data, tag, initialized)
        initialized = 0
        data = CSVColumnBuilder.allocate(.dirty, 0)
        tag = .dirty
        return demoted ? .demotedToText : .stored
    }

    /// Integer storage of rows 0..<rows becomes double storage; false (and nothing changes) if a value's
    /// magnitude exceeds 2^53, where the conversion might not equal reading the text as a double.
    private mutating func convertIntegersToDoubles(rows: Int) -> Bool {
        let ints = data.assumingMemoryBound(to: Int.self)
        for i in 0..<rows where isValid(i) && ints[i].magnitude > 1 << 53 { return false }
        // Int and Double have the same size: convert in place.
        let doubles = UnsafeMutableRawPointer(ints)
        for i in 0..<rows {
            let v = Double(ints[i])
            doubles.storeBytes(of: v, toByteOffset: i * 8, as: Double.self)
        }
        tag = .double
        type = .double
        return true
    }

    /// For an inferred column of interned text (every non-missing value of which is in text storage, the first
    /// included: a column becomes text only on its first value), ``nonNumbers`` and ``numbersAreIntegers`` from
    /// the rows' codes: each distinct value is classified once, and rows are counted only if some value is a
    /// number. Call at the end of the pass, and before leaving interned storage.
    mutating func settleTextEvidence(rows: Int) {
        guard tag == .text, !given else { return }
        var isNumber = [Bool](repeating: false, count: interner.count), any = false
        for k in 0..<interner.count {
            let (integer, number) = interner.withBytes(of: k) { p, n in n > 0 ? NumberSyntax.classify(p, n) : (false, false) }
            isNumber[k] = number
            if number { any = true; if !integer { numbersAreIntegers = false } }
        }
        var valid = 0
        for w in 0..<(rows + 63) / 64 {
            let bits = w == rows / 64 ? words[w] & ((1 << UInt64(rows & 63)) &- 1) : words[w]
            valid += bits.nonzeroBitCount
        }
        var numbers = 0
        if any {
            let codes = data.assumingMemoryBound(to: Int32.self)
            for i in 0..<rows where isValid(i) && isNumber[Int(codes[i])] { numbers += 1 }
        }
        nonNumbers = valid - numbers
    }

    private mutating func switchToDirect(rows: Int) {
        settleTextEvidence(rows: rows)
        let strings = interner.strings()
        let codes = data.assumingMemoryBound(to: Int32.self)
        let d = CSVColumnBuilder.allocate(.direct, capacity).assumingMemoryBound(to: String.self)
        for i in 0..<rows { (d + i).initialize(to: isValid(i) ? strings[Int(codes[i])] : "") }
        initialized = rows
        codes.deallocate()
        interner.deallocate()
        interner = StringInterner(expected: 1)
        data = UnsafeMutableRawPointer(d)
        tag = .direct
    }

    // MARK: the end

    /// The type the whole file supports (inferred columns), or the given type.
    var finalType: CSVColumnType {
        given ? type : FieldClass(rawValue: mask).inferredType(nonMissing: nonMissing)
    }

    var isDirty: Bool { tag == .dirty }

    /// Restarts a dirty column as its final type, all rows missing, to be converted again.
    mutating func restartDirty() { restart(as: finalType, mask: mask) }

    /// Restarts the column as `type` with evidence `mask` (``finalType`` then follows from it), all rows missing,
    /// to be converted again: a dirty column, or one of numbers whose few other cells are rejected
    /// (``MostlyNumeric``).
    mutating func restart(as type: CSVColumnType, mask newMask: UInt8) {
        let keepCount = nonMissing, keepNonNumbers = nonNumbers, keepIntegers = numbersAreIntegers
        words.initialize(repeating: 0, count: (capacity + 63) / 64)
        setUp(type)
        mask = newMask
        nonMissing = keepCount
        nonNumbers = keepNonNumbers
        numbersAreIntegers = keepIntegers
    }

    /// Removes the rows at the sorted indices `drop` from the first `rows`.
    mutating func remove(_ drop: [Int], rows: Int) {
        guard !drop.isEmpty else { return }
        var w = 0, k = 0
        for i in 0..<rows {
            if k < drop.count, drop[k] == i { k += 1; continue }
            if w != i {
                let valid = isValid(i)
                if valid { setValid(w) } else { words[w >> 6] &= ~(1 << UInt64(w & 63)) }
                switch tag {
                case .integer: let q = data.assumingMemoryBound(to: Int.self); q[w] = q[i]
                case .double: let q = data.assumingMemoryBound(to: Double.self); q[w] = q[i]
                case .boolean: let q = data.assumingMemoryBound(to: Bool.self); q[w] = q[i]
                case .date, .text: let q = data.assumingMemoryBound(to: Int32.self); q[w] = q[i]
                case .direct: let q = data.assumingMemoryBound(to: String.self); q[w] = q[i]
                case .undecided, .dirty: break
                }
            }
            w += 1
        }
    }

    /// The validity of the first `rows` rows; frees the bit words.
    private func finishedMask(rows: Int) -> ValidityMask {
        var mask = ValidityMask(count: rows, allValid: false)
        var w = Array(UnsafeBufferPointer(start: words, count: (rows + 63) / 64))
        if rows & 63 != 0, !w.isEmpty { w[w.count - 1] &= (1 << UInt64(rows & 63)) - 1 }
        mask.words = w
        words.deallocate()
        return mask
    }

    /// For a column of numbers, booleans or dates: its first `rows` values left where the reader wrote them,
    /// handed over with their validity and the type read (no copy; ``CSVRawColumn`` frees them), and the builder
    /// freed; nil, with the builder untouched, for other columns (call ``finish(rows:)``). The two-part read
    /// copies the two parts' values straight into the joined column.
    mutating func finishRaw(rows: Int) -> (CSVRawColumn, CSVColumnType)? {
        let kind: CSVRawColumn.Kind
        switch tag {
        case .integer: kind = .integer
        case .double: kind = .double
        case .boolean: kind = .boolean
        case .date: kind = .date
        case .text, .direct, .undecided, .dirty: return nil
        }
        let mask = finishedMask(rows: rows)
        interner.deallocate()
        return (CSVRawColumn(name: name, kind: kind, data: data, rows: rows, validity: mask), finalType)
    }

    /// The finished column of the first `rows` rows and the type it was read as (an inferred text column may
    /// have become categorical). Frees the builder; call once, instead of ``discard()``.
    mutating func finish(rows: Int) -> (DataColumn, CSVColumnType) {
        let mask = finishedMask(rows: rows)
        let d = data
        func take<T>(_: T.Type) -> [T] {
            let p = d.assumingMemoryBound(to: T.self)
            let a = [T](unsafeUninitializedCapacity: rows) { buf, n in
                if let base = buf.baseAddress {
                    adviseHugePages(UnsafeMutableRawPointer(base), byteCount: rows * MemoryLayout<T>.stride)
                    base.moveInitialize(from: p, count: rows)
                }
                n = rows
            }
            p.deallocate()
            return a
        }
        if tag == .direct {
            // Every row was written, so rows <= initialized; drop the slots of rows removed at the end.
            let q = data.assumingMemoryBound(to: String.self)
            while initialized < rows { (q + initialized).initialize(to: ""); initialized += 1 }
            (q + rows).deinitialize(count: initialized - rows)
        }
        var readAs = finalType
        let values: ColumnValues
        var cache: TextCodeCache? = nil
        switch tag {
        case .integer: values = .integer(take(Int.self))
        case .double: values = .double(take(Double.self))
        case .boolean: values = .boolean(take(Bool.self))
        case .date: values = .date(take(Int32.self))
        case .direct: values = .string(take(String.self))
        case .undecided, .dirty:
            // No non-missing value (a dirty column is restarted before finishing): all missing text.
            data.deallocate()
            values = .string([String](repeating: "", count: rows))
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
                values = .string([String](unsafeUninitializedCapacity: rows) { buf, n in
                    n = 0
                    guard let base = buf.baseAddress else { return }
                    adviseHugePages(UnsafeMutableRawPointer(base), byteCount: rows * MemoryLayout<String>.stride)
                    strings.withUnsafeBufferPointer { s in
                        for i in 0..<rows { (base + i).initialize(to: mask.isValid(i) ? s[Int(codes[i])] : "") }
                    }
                    n = rows
                })
                if keepsTextCodes { cache = TextCodeCache.make(codes: codes, spellings: strings, validity: mask) }
            }
        }
        interner.deallocate()
        var column = DataColumn(name: name, values: values, validity: mask)
        column.textCodeCache = cache
        return (column, readAs)
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
