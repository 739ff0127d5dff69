/// A recursive-descent parser for R's model-formula syntax (Chambers & Hastie 1992, *Statistical Models in S*,
/// ch. 2; R's `?formula`), with lme4's `(1 | g)` random-effect terms and survival's `strata()`/`cluster()`.
///
/// Grammar (lowest precedence first, as in R: `+ -` < `* /` < `:` < `^`):
///
///     formula  := [response] '~' sum
///     response := name | 'cbind(' name ',' name ')' | 'Surv(' name ',' name [',' name] ')'
///     sum      := ['-'] product (('+' | '-') product)*
///     product  := colon ('*' colon)*
///     colon    := power (':' power)*
///     power    := primary ['^' integer]
///     primary  := name | '.' | '0' | '1' | '(' sum ')' | '(' sum '|' name ')' | call
///     call     := log(x) | poly(x[, degree]) | ns(x[, df = k]) | factor(f) | as.factor(f)
///               | C(f, base = "level") | relevel(f, ref = "level")
///               | offset(x) | offset(log(x)) | strata(s, ...) | cluster(id)
///
/// `C(f, base = "level")` (a level name, where R's `C()` takes an index) and `relevel(f, ref = "level")` both set
/// the reference level. `/` (nesting) and `I()` are not supported and say so. Errors carry the 1-based column:
/// `y ~ a +` fails with "expected a term after '+' at column 7".
///
/// Complexity: O(length of the text) plus the term algebra of parenthesised sub-expressions.
struct FormulaParser {
    private let text: String
    private var tokens: [FormulaToken] = []
    private var pos = 0
    /// Current nesting of parentheses and calls, limited to ``maximumDepth`` so that hostile input cannot
    /// exhaust the stack.
    private var depth = 0
    static let maximumDepth = 100

    init(_ text: String) { self.text = text }

    // MARK: Syntax tree

    indirect enum Node: Sendable {
        case variable(Variable)
        case dot
        case one, zero
        /// A `+`/`-` chain, flat (so that long formulas need no deep recursion).
        case sum([Signed])
        /// `a:b:c` and `a*b*c` chains, flat.
        case colon([Node]), star([Node])
        case power(Node, Int), paren(Node)
        case offset(OffsetExpression)
        case strata([String])
        case cluster(String)
        case random(RandomEffect)
    }

    struct Located: Sendable { let node: Node; let column: Int }
    struct Signed: Sendable { let positive: Bool; let item: Located }


    // MARK: Entry

    mutating func parse() throws(FormulaParseError) -> Formula {
        tokens = try FormulaLexer.tokens(text)
        var response: Response?
        if !isSymbol("~") {
            response = try parseResponse()
            guard isSymbol("~") else {
                throw FormulaParseError(column: current.column, message: "expected '~' after the response, found \(describe(current))")
            }
        }
        let tilde = current
        advance()
        guard current.kind != .end else {
            throw FormulaParseError(column: tilde.column, message: "expected a term after '~'")
        }
        let rhs = try parseSum(after: tilde)
        guard current.kind == .end else {
            if isSymbol(")") { throw FormulaParseError(column: current.column, message: "unexpected ')' without a matching '('") }
            throw FormulaParseError(column: current.column, message: "expected '+', '-', '*', ':' or the end, found \(describe(current))")
        }
        return try FormulaBuilder.formula(response: response, rhs: rhs)
    }

    // MARK: Tokens

    private var current: FormulaToken { tokens[pos] }
    private mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }
    private func isSymbol(_ c: Character) -> Bool { current.kind == .symbol(c) }
    private func describe(_ t: FormulaToken) -> String { t.kind == .end ? "the end of the formula" : "'\(t.text)'" }

    private mutating func expectSymbol(_ c: Character, _ context: String) throws(FormulaParseError) {
        guard isSymbol(c) else {
            throw FormulaParseError(column: current.column, message: "expected '\(c)' \(context), found \(describe(current))")
        }
        advance()
    }

    private mutating func expectName(_ context: String) throws(FormulaParseError) -> String {
        guard case .name(let n) = current.kind else {
            throw FormulaParseError(column: current.column, message: "expected a column name \(context), found \(describe(current))")
        }
        advance()
        return n
    }

    // MARK: Response

    private mutating func parseResponse() throws(FormulaParseError) -> Response {
        let start = current
        let name = try expectName("or '~' at the start of the formula")
        guard isSymbol("(") else { return .column(name) }
        advance()
        var args: [String] = []
        repeat {
            if !args.isEmpty { advance() }
            args.append(try expectName("inside \(name)()"))
        } while isSymbol(",")
        try expectSymbol(")", "to close \(name)(")
        switch (name, args.count) {
        case ("cbind", 2): return .binomial(successes: args[0], failures: args[1])
        case ("Surv", 2): return .survival(time: args[0], event: args[1])
        case ("Surv", 3): return .countingProcess(start: args[0], stop: args[1], event: args[2])
        case ("cbind", _):
            throw FormulaParseError(column: start.column, message: "cbind() needs two columns: cbind(successes, failures)")
        case ("Surv", _):
            throw FormulaParseError(column: start.column, message: "Surv() needs Surv(time, event) or Surv(start, stop, event)")
        default:
            throw FormulaParseError(column: start.column,
                                    message: "unsupported response '\(name)(...)'; expected a column, cbind(successes, failures) or Surv(...)")
        }
    }

    // MARK: Right-hand side

    /// `after` is the operator token before this sum, for the "expected a term after" message.
    private mutating func parseSum(after: FormulaToken) throws(FormulaParseError) -> Located {
        var items: [Signed] = []
        let start = current.column
        if isSymbol("-") {
            let minus = current
            advance()
            items.append(Signed(positive: false, item: try parseProduct(after: minus)))
        } else {
            items.append(Signed(positive: true, item: try parseProduct(after: after)))
        }
        while isSymbol("+") || isSymbol("-") {
            let op = current
            advance()
            items.append(Signed(positive: op.kind == .symbol("+"), item: try parseProduct(after: op)))
        }
        if items.count == 1, items[0].positive { return items[0].item }
        return Located(node: .sum(items), column: start)
    }

    private mutating func parseProduct(after: FormulaToken) throws(FormulaParseError) -> Located {
        let first = try parseColon(after: after)
        var factors = [first.node]
        while isSymbol("*") || isSymbol("/") {
            let op = current
            if isSymbol("/") {
                throw FormulaParseError(column: op.column, message: "nesting with '/' is not supported; write a + a:b")
            }
            advance()
            factors.append(try parseColon(after: op).node)
        }
        return factors.count == 1 ? first : Located(node: .star(factors), column: first.column)
    }

    private mutating func parseColon(after: FormulaToken) throws(FormulaParseError) -> Located {
        let first = try parsePower(after: after)
        var factors = [first.node]
        while isSymbol(":") {
            let op = current
            advance()
            factors.append(try parsePower(after: op).node)
        }
        return factors.count == 1 ? first : Located(node: .colon(factors), column: first.column)
    }

    private mutating func parsePower(after: FormulaToken) throws(FormulaParseError) -> Located {
        let base = try parsePrimary(after: after)
        guard isSymbol("^") else { return base }
        let op = current
        advance()
        guard case .number(let v, _) = current.kind, v >= 1, v == v.rounded(), v < 100 else {
            throw FormulaParseError(column: current.kind == .end ? op.column : current.column,
                                    message: current.kind == .end ? "expected a whole number after '^'"
                                        : "expected a whole number after '^', found \(describe(current))")
        }
        advance()
        return Located(node: .power(base.node, Int(v)), column: base.column)
    }

    private mutating func parsePrimary(after: FormulaToken) throws(FormulaParseError) -> Located {
        let t = current
        switch t.kind {
        case .end:
            throw FormulaParseError(column: after.column, message: "expected a term after '\(after.text)'")
        case .dot:
            advance()
            return Located(node: .dot, column: t.column)
        case .number(let v, let s):
            advance()
            if v == 1 { return Located(node: .one, column: t.column) }
            if v == 0 { return Located(node: .zero, column: t.column) }
            throw FormulaParseError(column: t.column, message: "only 0 or 1 can stand as a term, found '\(s)'")
        case .string:
            throw FormulaParseError(column: t.column, message: "expected a term, found the string \(t.text)")
        case .symbol("("):
            advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw FormulaParseError(column: t.column, message: "parentheses nested more than \(Self.maximumDepth) deep")
            }
            let inner = try parseSum(after: t)
            if isSymbol("|") {
                let bar = current
                advance()
                if isSymbol("|") {
                    throw FormulaParseError(column: bar.column, message: "'||' (uncorrelated random effects) is not supported")
                }
                let group = try expectName("after '|'")
                try expectSymbol(")", "to close the random-effect term opened at column \(t.column)")
                return Located(node: .random(try randomEffect(inner, group: group, column: t.column)), column: t.column)
            }
            try expectSymbol(")", "to close '(' at column \(t.column)")
            return Located(node: .paren(inner.node), column: t.column)
        case .symbol(let c):
            if case .symbol(let a) = after.kind, a != "(" {
                throw FormulaParseError(column: after.column, message: "expected a term after '\(a)', found '\(c)'")
            }
            throw FormulaParseError(column: t.column, message: "expected a term, found '\(c)'")
        case .name(let name):
            advance()
            guard isSymbol("(") else { return Located(node: .variable(.column(name)), column: t.column) }
            return Located(node: try parseCall(name, at: t), column: t.column)
        }
    }

    // MARK: Calls

    private enum Argument {
        case name(String)
        case number(Double)
        case string(String)
        case call(String, [(label: String?, value: Argument, column: Int)])
    }
    private typealias Arguments = [(label: String?, value: Argument, column: Int)]

    private mutating func parseArguments(of function: String) throws(FormulaParseError) -> Arguments {
        let open = current
        try expectSymbol("(", "after \(function)")
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw FormulaParseError(column: open.column, message: "calls nested more than \(Self.maximumDepth) deep")
        }
        var args: Arguments = []
        if isSymbol(")") { advance(); return args }
        while true {
            let col = current.column
            var label: String?
            if case .name(let n) = current.kind, tokens[pos + 1].kind == .symbol("=") {
                label = n
                advance(); advance()
            }
            args.append((label, try parseArgumentValue(in: function), col))
            if isSymbol(",") { advance(); continue }
            try expectSymbol(")", "or ',' in \(function)()")
            return args
        }
    }

    private mutating func parseArgumentValue(in function: String) throws(FormulaParseError) -> Argument {
        let t = current
        switch t.kind {
        case .name(let n):
            advance()
            if isSymbol("(") { return .call(n, try parseArguments(of: n)) }
            return .name(n)
        case .number(let v, _): advance(); return .number(v)
        case .string(let s): advance(); return .string(s)
        case .symbol("-"):
            advance()
            guard case .number(let v, _) = current.kind else {
                throw FormulaParseError(column: t.column, message: "expected a number after '-' in \(function)()")
            }
            advance()
            return .number(-v)
        default:
            throw FormulaParseError(column: t.column, message: "expected an argument of \(function)(), found \(describe(t))")
        }
    }

    static let supportedCalls = "log, poly, ns, factor, as.factor, C, relevel, offset, strata, cluster"

    private mutating func parseCall(_ name: String, at t: FormulaToken) throws(FormulaParseError) -> Node {
        let args = try parseArguments(of: name)
        func fail(_ message: String) -> FormulaParseError { FormulaParseError(column: t.column, message: message) }
        func column(_ i: Int) throws(FormulaParseError) -> String {
            guard i < args.count, case .name(let c) = args[i].value else {
                throw fail("\(name)() needs a column name as its first argument")
            }
            return c
        }
        func wholeNumber(labels: [String], position: Int, what: String) throws(FormulaParseError) -> Int? {
            let found = args.enumerated().first { i, a in a.label.map(labels.contains) ?? (i == position) }
            guard let a = found?.element else { return nil }
            guard case .number(let v) = a.value, v >= 1, v == v.rounded(), v <= 1000 else {
                throw FormulaParseError(column: a.column, message: "\(name)() needs a positive whole \(what)")
            }
            return Int(v)
        }
        func checkLabels(_ allowed: [String]) throws(FormulaParseError) {
            for a in args { if let l = a.label, !allowed.contains(l) {
                throw FormulaParseError(column: a.column, message: "\(name)() has no argument '\(l)'")
            } }
        }
        func levelArgument(_ label: String) throws(FormulaParseError) -> String {
            try checkLabels([label])
            guard args.count == 2, args[1].label == label || args[1].label == nil else {
                throw fail("\(name)() needs \(name)(column, \(label) = \"level\")")
            }
            switch args[1].value {
            case .string(let s): return s
            case .name(let s): return s
            case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
            case .call: throw FormulaParseError(column: args[1].column, message: "\(name)() needs a level name as \(label)")
            }
        }
        switch name {
        case "log":
            guard args.count == 1 else { throw fail("log() takes one column (natural logarithm)") }
            return .variable(.log(try column(0)))
        case "poly":
            try checkLabels(["degree"])
            guard (1...2).contains(args.count) else { throw fail("poly() needs poly(column, degree)") }
            let d = try wholeNumber(labels: ["degree"], position: 1, what: "degree") ?? 1
            return .variable(.polynomial(try column(0), degree: d))
        case "ns":
            try checkLabels(["df"])
            guard args.count == 2, let df = try wholeNumber(labels: ["df"], position: 1, what: "df") else {
                throw fail("ns() needs ns(column, df = k)")
            }
            return .variable(.naturalSpline(try column(0), df: df))
        case "factor", "as.factor":
            guard args.count == 1 else { throw fail("\(name)() takes one column") }
            return .variable(.factor(try column(0)))
        case "C":
            return .variable(.factor(try column(0), reference: try levelArgument("base")))
        case "relevel":
            return .variable(.factor(try column(0), reference: try levelArgument("ref")))
        case "offset":
            guard args.count == 1 else { throw fail("offset() takes one argument") }
            switch args[0].value {
            case .name(let c): return .offset(.column(c))
            case .call("log", let inner) where inner.count == 1:
                if case .name(let c) = inner[0].value { return .offset(.log(c)) }
                throw fail("offset(log(...)) needs a column name")
            default: throw fail("offset() takes a column or log(column)")
            }
        case "strata":
            guard !args.isEmpty else { throw fail("strata() needs at least one column") }
            var names: [String] = []
            for i in args.indices { names.append(try column(i)) }
            return .strata(names)
        case "cluster":
            guard args.count == 1 else { throw fail("cluster() takes one column") }
            return .cluster(try column(0))
        case "I":
            throw fail("I() is not supported; compute the column first")
        default:
            throw fail("unknown function '\(name)' (supported: \(Self.supportedCalls))")
        }
    }

    // MARK: Random effects

    private func randomEffect(_ lhs: Located, group: String, column: Int) throws(FormulaParseError) -> RandomEffect {
        var intercept = true
        var slopes: [Variable] = []
        for (positive, item) in FormulaBuilder.flatten(lhs) {
            switch item.node {
            case .one: intercept = positive
            case .zero: intercept = !positive
            case .variable(let v) where positive: if !slopes.contains(v) { slopes.append(v) }
            default:
                throw FormulaParseError(column: column, message: "a random-effect term takes 1, 0 and variables before '|'")
            }
        }
        guard intercept || !slopes.isEmpty else {
            throw FormulaParseError(column: column, message: "a random-effect term needs an intercept or a slope before '|'")
        }
        return RandomEffect(intercept: intercept, slopes: slopes, group: group)
    }
}
