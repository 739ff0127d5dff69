/// The reader's codes for a text column, kept beside its strings so that the first model frame or `describe`
/// of the column need not hash every row's String again (``TextCodes``).
///
/// Invariant (what makes it safe to use in place of the strings): for every row i of the column it was made
/// for, `spellings[codes[i]]` is byte-for-byte the column's `strings[i]` — missing rows included, whose
/// placeholder "" has a code of its own. The spellings are distinct as byte strings. A column whose `values`
/// change drops its cache (``DataColumn/values``), so a cache never outlives the strings it describes.
///
/// Kept only for columns of at most 256 distinct spellings (one byte a row: 1 MB per 10⁶ rows, against 16 MB
/// for the strings themselves), which is what a factor in a model is; a column of identifiers gets none.
final class TextCodeCache: Sendable {
    let codes: [UInt8]
    let spellings: [String]

    /// The most distinct spellings (with "" for missing rows) a cache holds.
    static let maximumSpellings = 256

    private init(codes: [UInt8], spellings: [String]) {
        self.codes = codes
        self.spellings = spellings
    }

    /// The cache of a column whose valid rows i hold `spellings[codes[i]]` and whose missing rows hold "";
    /// nil when there are more than ``maximumSpellings`` spellings (counting "" if some row is missing and ""
    /// is not already one of them). `spellings` must be distinct byte strings. O(rows).
    static func make(codes: [Int32], spellings: [String], validity: ValidityMask) -> TextCodeCache? {
        var all = spellings
        var empty: Int? = nil
        if validity.missingCount > 0 {
            empty = all.firstIndex(where: { $0.utf8.isEmpty })
            if empty == nil { all.append(""); empty = all.count - 1 }
        }
        guard all.count <= maximumSpellings, codes.count == validity.count else { return nil }
        let emptyCode = UInt8(truncatingIfNeeded: empty ?? 0)
        var small = [UInt8](repeating: 0, count: codes.count)
        for i in codes.indices {
            if validity.isValid(i) {
                let c = codes[i]
                guard c >= 0, Int(c) < spellings.count else { return nil }
                small[i] = UInt8(truncatingIfNeeded: c)
            } else {
                small[i] = emptyCode
            }
        }
        return TextCodeCache(codes: small, spellings: all)
    }

    /// What ``TextCodes/encode(_:rows:)`` gives for the strings this cache describes, without hashing them:
    /// each of `rows`' code in order of first appearance among `rows`, and those spellings, canonically
    /// equivalent ones merged. O(rows + spellings).
    func encode<Rows: Sequence<Int>>(rows: Rows) -> (codes: [Int32], values: [String]) {
        var renumber = [Int32](repeating: -1, count: spellings.count)
        var order: [String] = []
        var out: [Int32] = []
        out.reserveCapacity(rows.underestimatedCount)
        codes.withUnsafeBufferPointer { cb in
            for i in rows {
                let c = Int(cb[i])
                if renumber[c] < 0 {
                    renumber[c] = Int32(order.count)
                    order.append(spellings[c])
                }
                out.append(renumber[c])
            }
        }
        return TextCodes.mergingEquivalent(codes: out, spellings: order)
    }
}
