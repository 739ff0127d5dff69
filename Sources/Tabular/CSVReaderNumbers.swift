#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number syntax and conversion for CSV fields, working on bytes (no String is made for a number).
///
/// Accepted numbers follow R's `type.convert`/`fread`: an optional sign, digits with an optional decimal
/// point (`12`, `1.5`, `.5`, `5.`), an optional exponent (`1e-3`, `2E+10`), and the special values `Inf`,
/// `-Inf`, `+Inf`, `NaN`. Integers are an optional sign and digits that fit in a 64-bit signed integer.
enum NumberSyntax {
    /// (is an integer, is a number) for the field's bytes.
    @inline(__always)
    static func classify(_ p: UnsafePointer<UInt8>, _ n: Int) -> (integer: Bool, number: Bool) {
        var i = 0
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { i = 1 }
        let intStart = i
        while i < n, p[i] &- 48 < 10 { i += 1 }
        let intDigits = i - intStart
        if i == n {
            guard intDigits > 0 else { return (false, false) }
            return (intDigits <= 18 || parseInteger(p, n) != nil, true)
        }
        if p[i] == UInt8(ascii: ".") {
            i += 1
            let f = i
            while i < n, p[i] &- 48 < 10 { i += 1 }
            guard intDigits + (i - f) > 0 else { return (false, false) }
        } else if intDigits == 0 {
            return (false, isSpecial(p + intStart, n - intStart))
        }
        if i == n { return (false, true) }
        guard p[i] | 0x20 == UInt8(ascii: "e") else { return (false, false) }
        i += 1
        if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { i += 1 }
        let e = i
        while i < n, p[i] &- 48 < 10 { i += 1 }
        return (false, i == n && i > e)
    }

    /// Whether a field starting with byte `c` can be a number: a digit, sign, point, or the `I`/`N` of `Inf`/`NaN`.
    @inline(__always)
    static func mayStart(_ c: UInt8) -> Bool {
        // Bits 43 (+), 45 (-), 46 (.), 48-57 (digits) of the low word; 73 (I) and 78 (N) of the high word.
        let low: UInt64 = 0x03FF_6800_0000_0000, high: UInt64 = (1 << 9) | (1 << 14)
        if c < 64 { return (low >> UInt64(c)) & 1 != 0 }
        if c < 128 { return (high >> UInt64(c - 64)) & 1 != 0 }
        return false
    }

    @inline(__always)
    static func isSpecial(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n == 3 else { return false }
        return (p[0] == UInt8(ascii: "I") && p[1] == UInt8(ascii: "n") && p[2] == UInt8(ascii: "f"))
            || (p[0] == UInt8(ascii: "N") && p[1] == UInt8(ascii: "a") && p[2] == UInt8(ascii: "N"))
    }

    /// The integer the bytes spell, or nil if they are not an integer or overflow Int64.
    @inline(__always)
    static func parseInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if n > 0, p[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        var v = 0
        while i < n {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    private static let exactPowers: [Double] = (0...22).map { k in
        var x = 1.0
        for _ in 0..<k { x *= 10 }   // 10^k is exact in binary64 for k <= 22
        return x
    }

    /// The double nearest to the decimal number the bytes spell (correctly rounded), or nil if they are not a
    /// number. Fast path (Clinger 1990, "How to read floating point numbers accurately"): when the decimal
    /// significand has at most 15 digits and the power of ten is at most 22 in magnitude, both are exact
    /// doubles and one IEEE multiplication or division rounds correctly. Otherwise the C library's `strtod`
    /// (correctly rounded in glibc and Apple's libc) converts a NUL-terminated copy.
    @inline(__always)
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if n > 0, p[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        while i < n, p[i] &- 48 < 10 {
            sawDigit = true
            if digits > 0 || p[i] != UInt8(ascii: "0") { digits += 1 }
            if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48) } else { scale += 1 }
            i += 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, p[i] &- 48 < 10 {
                sawDigit = true
                if digits > 0 || p[i] != UInt8(ascii: "0") { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); scale -= 1 }
                i += 1
            }
        }
        if !sawDigit {
            let rest = n - i
            guard rest == 3, isSpecial(p + i, 3) else { return nil }
            if p[i] == UInt8(ascii: "N") { return .nan }
            return negative ? -.infinity : .infinity
        }
        if i < n {
            guard p[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i += 1
            var eNeg = false
            if i < n, p[i] == UInt8(ascii: "-") { eNeg = true; i += 1 } else if i < n, p[i] == UInt8(ascii: "+") { i += 1 }
            guard i < n else { return nil }
            var e = 0
            while i < n {
                let d = p[i] &- 48
                guard d < 10 else { return nil }
                if e < 100_000 { e = e * 10 + Int(d) }
                i += 1
            }
            scale += eNeg ? -e : e
        }
        if digits <= 15 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if scale >= -22, scale <= 22 {
                let m = Double(mantissa)
                let v = scale >= 0 ? m * exactPowers[scale] : m / exactPowers[-scale]
                return negative ? -v : v
            }
        }
        return slowParse(p, n)
    }

    /// ``parseDouble(_:_:)`` for a field of the reader, whose buffer has at least 8 readable bytes from `p`
    /// (``CSVReaderSource/slack`` after the file, and after the reader's scratch copies): the same value for every
    /// input, bit for bit (law-tested against ``parseDouble(_:_:)``).
    ///
    /// Hot loop (one call per numeric field; a tenth of `carestat glm`'s CPU at n = 10⁶ went to the byte loop):
    /// the commonest numbers, an optional sign then at most 8 bytes of digits with at most one decimal point
    /// (`1`, `-0.0043`, `1234.567`), are read as one 8-byte word: the bytes are checked to be digits and one
    /// point in a few word operations, the point is squeezed out, and the digits are combined by three
    /// multiplications (Lemire 2018, "Faster parsing of 8-digit integers"). At most 8 digits and a power of ten
    /// up to 10⁷ are exact doubles, so the one division of Clinger's fast path (as in ``parseDouble(_:_:)``)
    /// rounds correctly. Anything else (exponents, longer fields, `Inf`, `NaN`, errors) goes to
    /// ``parseDouble(_:_:)``.
    @inline(__always)
    static func parseDoubleWord(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        let signed = n > 0 && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+"))
        let start = signed ? 1 : 0
        let length = n - start
        guard length >= 1, length <= 8 else { return parseDouble(p, n) }
        let word = UInt64(littleEndian: UnsafeRawPointer(p + start).loadUnaligned(as: UInt64.self))
        let inField: UInt64 = length == 8 ? ~0 : (1 &<< UInt64(8 * length)) &- 1
        let x = (word ^ 0x3030_3030_3030_3030) & inField   // digits become 0...9; '.' becomes 0x1E
        // High bit of each byte of the field set iff that byte is not a digit (no carries between bytes).
        let other = (((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080 & inField
        let digits: UInt64, count: Int, fraction: Int
        if other == 0 {
            digits = x
            count = length
            fraction = 0
        } else {
            guard other.nonzeroBitCount == 1 else { return parseDouble(p, n) }
            let point = other.trailingZeroBitCount >> 3
            guard p[start + point] == UInt8(ascii: "."), length >= 2 else { return parseDouble(p, n) }
            let below: UInt64 = point == 0 ? 0 : x & ((1 &<< UInt64(8 * point)) &- 1)
            digits = below | ((x &>> UInt64(8 * (point + 1))) &<< UInt64(8 * point))
            count = length - 1
            fraction = length - 1 - point
        }
        // Right-align the digits (most significant first, in the lowest byte): leading zero digits below.
        var v = count == 8 ? digits : digits &<< UInt64(8 * (8 - count))
        v = (v &* 2561) &>> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
        let negative = signed && p[0] == UInt8(ascii: "-")
        if v == 0 { return negative ? -0.0 : 0.0 }
        let m = Double(v)
        let value = fraction == 0 ? m : m / exactPowers[fraction]
        return negative ? -value : value
    }

    private static func slowParse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            guard let b = buf.baseAddress else { return nil }
            for k in 0..<n { b[k] = CChar(bitPattern: p[k]) }
            b[n] = 0
            var endp: UnsafeMutablePointer<CChar>?
            let v = strtod(b, &endp)
            guard let endp, endp - b == n else { return nil }
            return v
        }
    }
}
