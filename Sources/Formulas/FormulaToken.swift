/// A lexical token of R's formula syntax with its 1-based column.
struct FormulaToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name (identifier or backticked).
        case name(String)
        /// `.` alone.
        case dot
        /// A numeric literal (its text is kept for messages).
        case number(Double, String)
        case string(String)
        /// One of `~ + - * / : ^ ( ) , | =`.
        case symbol(Character)
        case end
    }
    let kind: Kind
    let column: Int

    /// The token as written, for messages.
    var text: String {
        switch kind {
        case .name(let s): s
        case .dot: "."
        case .number(_, let t): t
        case .string(let s): FormulaSyntax.quoted(s)
        case .symbol(let c): String(c)
        case .end: "end of formula"
        }
    }
}

/// Splits formula text into tokens.
enum FormulaLexer {
    static func tokens(_ text: String) throws(FormulaParseError) -> [FormulaToken] {
        let chars = Array(text)
        var out: [FormulaToken] = []
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "." }
        func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." }
        while i < chars.count {
            let c = chars[i]
            let col = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber || (c.isASCII && c.isNumber) {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                        j = k
                        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                    }
                }
                var t = String(chars[i..<j])
                if j < chars.count, chars[j] == "L" { j += 1 }  // R's integer suffix
                guard let v = Double(t) else { throw FormulaParseError(column: col, message: "malformed number '\(t)'") }
                if t.hasPrefix(".") { t = "0" + t }
                out.append(FormulaToken(kind: .number(v, String(chars[i..<j])), column: col))
                i = j
            } else if isNameStart(c) {
                var j = i
                while j < chars.count, isNameChar(chars[j]) { j += 1 }
                let s = String(chars[i..<j])
                out.append(FormulaToken(kind: s == "." ? .dot : .name(s), column: col))
                i = j
            } else if c == "`" || c == "\"" || c == "'" {
                var j = i + 1
                var s = ""
                var closed = false
                while j < chars.count {
                    if chars[j] == "\\", j + 1 < chars.count { s.append(chars[j + 1]); j += 2; continue }
                    if chars[j] == c { closed = true; j += 1; break }
                    s.append(chars[j]); j += 1
                }
                guard closed else {
                    throw FormulaParseError(column: col, message: "unterminated \(c == "`" ? "backtick name" : "string") starting")
                }
                out.append(FormulaToken(kind: c == "`" ? .name(s) : .string(s), column: col))
                i = j
            } else if "~+-*/:^(),|=".contains(c) {
                out.append(FormulaToken(kind: .symbol(c), column: col))
                i += 1
            } else {
                throw FormulaParseError(column: col, message: "unexpected character '\(c)'")
            }
        }
        out.append(FormulaToken(kind: .end, column: chars.count + 1))
        return out
    }
}
