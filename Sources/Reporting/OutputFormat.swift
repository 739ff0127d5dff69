/// The formats every CareStat table renders to (DESIGN.md's command-line contract: `--format`).
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned plain text for a terminal; numbers rounded for reading.
    case text
    /// A GitHub-flavoured Markdown table; numbers rounded as in text.
    case markdown
    /// RFC 4180 CSV; numbers at full double precision (shortest round-trip form).
    case csv
    /// One JSON object; numbers at full double precision, missing values as `null`.
    case json
}
