/// Codes for the values of a text column, found by their bytes: the one hashing pass that model frames
/// (factor levels) and `describe` (level counts) make over a text column.
///
/// Hot loop (one pass over the rows): each value's UTF-8 bytes go through a ``StringInterner`` (word hashing
/// and `memcmp` on a copy in a scratch buffer, no allocation), about 3–4 times cheaper than hashing Swift Strings
/// (SipHash over the normalised scalars) in a `Set`/`Dictionary`; the d distinct byte strings are then merged by
/// String equality in O(d), so the result is exactly what `Set<String>`/`[String: Int]` give: canonically
/// equivalent spellings (é precomposed and decomposed) are one value, named by the first spelling seen.
enum TextCodes {
    /// Each of `rows`' value's code (in `rows` order) and the distinct values, in order of first appearance.
    static func encode<Rows: Sequence<Int>>(_ v: [String], rows: Rows) -> (codes: [Int32], values: [String]) {
        var interner = StringInterner(expected: 64)
        defer { interner.deallocate() }
        var codes: [Int32] = []
        codes.reserveCapacity(rows.underestimatedCount)
        var scratch = [UInt8](repeating: 0, count: 64)
        for i in rows {
            var s = v[i]
            let code = s.withUTF8 { u -> Int32 in
                let n = u.count
                // The interner reads whole words: a copy with CSVReaderSource.slack readable bytes after it.
                if scratch.count < n + CSVReaderSource.slack {
                    scratch = [UInt8](repeating: 0, count: n + CSVReaderSource.slack)
                }
                return scratch.withUnsafeMutableBufferPointer { sb -> Int32 in
                    guard let base = sb.baseAddress else { return -1 }
                    if let src = u.baseAddress, n > 0 { base.update(from: src, count: n) }
                    return interner.intern(UnsafePointer(base), n)
                }
            }
            codes.append(code)
        }
        return mergingEquivalent(codes: codes, spellings: interner.strings())
    }

    /// `codes` into distinct byte strings `spellings` (first-appearance order) made into codes into distinct
    /// Strings: canonically equivalent spellings (rare: only non-ASCII text can have two) are merged into the
    /// first. Distinct ASCII byte strings are distinct Strings (an ASCII string is its own normal form, and a
    /// string equivalent to it holds a non-ASCII scalar), so when every spelling is ASCII the merge, a String
    /// hash of each of the d distinct values (a fifth of `describe` on a column of postcodes), is skipped.
    static func mergingEquivalent(codes: [Int32], spellings: [String]) -> (codes: [Int32], values: [String]) {
        if spellings.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) { return (codes, spellings) }
        var codes = codes
        var values: [String] = []
        var remap = [Int32](repeating: 0, count: spellings.count)
        var index: [String: Int32] = [:]
        index.reserveCapacity(spellings.count)
        for (c, value) in spellings.enumerated() {
            if let m = index[value] { remap[c] = m } else {
                index[value] = Int32(values.count)
                remap[c] = Int32(values.count)
                values.append(value)
            }
        }
        if values.count != spellings.count { for k in codes.indices { codes[k] = remap[Int(codes[k])] } }
        return (codes, values)
    }
}

extension DataColumn {
    /// For a text column, the code of each of `rows`' values (in `rows` order) into `values`, the distinct
    /// values in order of first appearance among `rows`, compared as Swift Strings (see ``TextCodes``); nil for
    /// other kinds of column. `rows` must be valid row indices; missing cells are not skipped (pass the rows
    /// wanted). O(rows × value length) expected.
    ///
    /// A column read from CSV usually carries the reader's codes (``TextCodeCache``), and then no String is
    /// hashed: the result is the same, from one pass over a byte per row.
    public func textCodes(rows: [Int]) -> (codes: [Int32], values: [String])? {
        textCodes(of: rows)
    }

    /// ``textCodes(rows:)`` of every row, missing ones included (their placeholder "" is a value like any
    /// other): no array of row indices is made.
    public func textCodesOfEveryRow() -> (codes: [Int32], values: [String])? {
        textCodes(of: 0..<count)
    }

    /// ``textCodes(rows:)`` for any sequence of row indices.
    func textCodes<Rows: Sequence<Int>>(of rows: Rows) -> (codes: [Int32], values: [String])? {
        guard case .string(let v) = values else { return nil }
        if let cache = textCodeCache, cache.codes.count == v.count { return cache.encode(rows: rows) }
        return TextCodes.encode(v, rows: rows)
    }
}
