/// An executable notebook: Markdown whose fenced code blocks with the info string `carestat` are cells to run, in
/// order. Each logical line of such a block (a trailing `\` continues a line) is one command starting with
/// `carestat`; blank lines and lines starting with `#` are ignored. An optional front matter block at the top
/// (`---` lines around `key: value` pairs) gives the page's `title`, `data` (a description of the data the
/// notebook uses) and `seed`.
///
/// Parsing is pure: running the commands is the command line's job (``NotebookCellResult`` carries what a run
/// produced), so the same document renders identically however it was executed.
public struct NotebookDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        /// Narrative Markdown.
        case markdown(String)
        /// A cell: its commands (each split into arguments, the first being `carestat`), with the 1-based line of
        /// the fence in the source, and the cell's source text as written.
        case cell(commands: [Command], line: Int, source: String)
    }

    /// One command of a cell.
    public struct Command: Sendable, Equatable {
        /// Arguments after `carestat`, split as a POSIX shell would split them (quotes and backslashes), without
        /// expansion of variables or globs.
        public var arguments: [String]
        /// The command as written (continuations joined).
        public var text: String
        /// 1-based line in the notebook.
        public var line: Int
    }

    public var metadata: [(key: String, value: String)]
    public var blocks: [Block]

    public static func == (a: NotebookDocument, b: NotebookDocument) -> Bool {
        a.blocks == b.blocks && a.metadata.map(\.key) == b.metadata.map(\.key) && a.metadata.map(\.value) == b.metadata.map(\.value)
    }

    public func metadata(_ key: String) -> String? { metadata.first { $0.key == key }?.value }

    public var title: String? { metadata("title") }

    /// The cells, in order.
    public var cells: [(commands: [Command], line: Int, source: String)] {
        blocks.compactMap { if case let .cell(c, l, s) = $0 { (c, l, s) } else { nil } }
    }

    /// Parses a notebook. Throws ``NotebookError`` naming the file and line for an unclosed fence, a command that
    /// does not start with `carestat`, or unbalanced quotes.
    public init(parsing text: String, file: String) throws(NotebookError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        var metadata: [(String, String)] = []
        var i = 0
        if lines.first == "---" {
            guard let end = lines.dropFirst().firstIndex(of: "---") else {
                throw NotebookError(file: file, line: 1, message: "front matter starts with --- but has no closing ---")
            }
            for k in 1..<end {
                let l = lines[k]
                if l.trimmingWhitespace().isEmpty { continue }
                guard let colon = l.firstIndex(of: ":") else {
                    throw NotebookError(file: file, line: k + 1, message: "front matter line is not 'key: value': \(l)")
                }
                metadata.append((String(l[..<colon]).trimmingWhitespace(), String(l[l.index(after: colon)...]).trimmingWhitespace()))
            }
            i = end + 1
        }
        var blocks: [Block] = []
        var prose: [String] = []
        func flushProse() {
            let joined = prose.joined(separator: "\n")
            if !joined.trimmingWhitespace().isEmpty { blocks.append(.markdown(joined)) }
            prose = []
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("```"), trimmed.dropFirst(3).trimmingWhitespace() == "carestat" {
                flushProse()
                let fenceLine = i + 1
                var body: [(String, Int)] = []
                i += 1
                while i < lines.count, lines[i].trimmingWhitespace() != "```" {
                    body.append((lines[i], i + 1))
                    i += 1
                }
                guard i < lines.count else {
                    throw NotebookError(file: file, line: fenceLine, message: "```carestat block is not closed")
                }
                i += 1
                var commands: [Command] = []
                var pending = ""
                var pendingLine = 0
                for (l, n) in body {
                    let t = l.trimmingWhitespace()
                    if pending.isEmpty && (t.isEmpty || t.hasPrefix("#")) { continue }
                    if pending.isEmpty { pendingLine = n }
                    if t.hasSuffix("\\") {
                        pending += String(t.dropLast()) + " "
                        continue
                    }
                    pending += t
                    let words = try Self.split(pending, file: file, line: pendingLine)
                    guard words.first == "carestat" else {
                        throw NotebookError(file: file, line: pendingLine, message: "a carestat cell runs only carestat commands; found: \(pending)")
                    }
                    commands.append(Command(arguments: Array(words.dropFirst()), text: pending, line: pendingLine))
                    pending = ""
                }
                if !pending.isEmpty {
                    throw NotebookError(file: file, line: pendingLine, message: "the cell ends with a line continuation")
                }
                blocks.append(.cell(commands: commands, line: fenceLine, source: body.map(\.0).joined(separator: "\n")))
                continue
            }
            prose.append(line)
            i += 1
        }
        flushProse()
        self.metadata = metadata
        self.blocks = blocks
    }

    /// Splits a command line into words as a POSIX shell does for quoting: single quotes keep everything, double
    /// quotes keep everything but `\"` and `\\`, a backslash outside quotes escapes the next character.
    static func split(_ s: String, file: String, line: Int) throws(NotebookError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escape = false
        for ch in s {
            if escape { current.append(ch); escape = false; inWord = true; continue }
            switch quote {
            case "'":
                if ch == "'" { quote = nil } else { current.append(ch) }
            case "\"":
                if ch == "\"" { quote = nil } else if ch == "\\" { escape = true } else { current.append(ch) }
            default:
                if ch == "'" || ch == "\"" { quote = ch; inWord = true }
                else if ch == "\\" { escape = true }
                else if ch == " " || ch == "\t" {
                    if inWord { words.append(current); current = ""; inWord = false }
                } else { current.append(ch); inWord = true }
            }
        }
        if quote != nil || escape {
            throw NotebookError(file: file, line: line, message: "unbalanced quote in: \(s)")
        }
        if inWord { words.append(current) }
        return words
    }
}

/// A notebook that cannot be parsed or run: the file, the line and what is wrong.
public struct NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { "\(file):\(line): \(message)" }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
