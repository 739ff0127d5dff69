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
