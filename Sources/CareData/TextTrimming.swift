extension String {
    /// The string without leading and trailing spaces and tabs; returns `self` unchanged (no copy) in the
    /// common case of no surrounding blanks. Faster than Foundation's `trimmingCharacters(in:)` on large files.
    var trimmedBlanks: String {
        let u = utf8
        guard let f = u.first, let l = u.last else { return self }
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        if !blank(f) && !blank(l) { return self }
        guard let s = u.firstIndex(where: { !blank($0) }), let e = u.lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[s...e])
    }
}

extension String {
    /// Upper-cases ASCII letters only (codes are ASCII); returns `self` when there is nothing to change.
    var asciiUppercased: String {
        guard utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
