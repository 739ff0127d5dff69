/// Escaping for text placed in HTML: element content and attribute values (`&`, `<`, `>`, `"`, `'`).
public enum HTMLText {
    /// `s` with the five characters HTML gives meaning to replaced by entities.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
