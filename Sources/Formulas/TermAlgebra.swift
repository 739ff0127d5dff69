/// R's algebra of model terms (Wilkinson & Rogers 1973; Chambers & Hastie 1992, §2.3): a term is a set of
/// variables, a model is an ordered list of distinct terms. `A + B` appends B's new terms; `A:B` is every union
/// of a term of A with a term of B; `A*B = A + B + A:B`; `A^k` is `A*A*…` (k times) keeping terms of at most k
/// variables; `A - B` drops B's terms. Terms keep the variables in order of first appearance.
enum TermAlgebra {
    typealias Term = [Variable]

    /// A bound on the terms one expansion may produce (`(a + … + z)^20` would otherwise run for ever); far more
    /// than any model can estimate.
    static let maximumTerms = 4096
    /// A bound on the variables of `a*b*…` (2^12 − 1 = 4095 terms).
    static let maximumCrossed = 12

    /// An ordered list of distinct terms with hashed membership (O(1) look-up instead of a linear scan).
    struct TermList {
        private(set) var terms: [Term] = []
        private var seen: Set<Set<Variable>> = []
        init(_ terms: [Term] = []) { for t in terms { append(t) } }
        mutating func append(_ t: Term) { if seen.insert(Set(t)).inserted { terms.append(t) } }
        func contains(_ t: Term) -> Bool { seen.contains(Set(t)) }
    }

    static func union(_ a: [Term], _ b: [Term]) -> [Term] {
        var out = TermList(a)
        for t in b { out.append(t) }
        return out.terms
    }

    static func interaction(_ a: [Term], _ b: [Term]) -> [Term] {
        var out = TermList()
        for x in a {
            for y in b {
                var t = x
                for v in y where !t.contains(v) { t.append(v) }
                out.append(t)
            }
        }
        return out.terms
    }

    static func crossed(_ a: [Term], _ b: [Term]) -> [Term] { union(union(a, b), interaction(a, b)) }

    static func removing(_ b: [Term], from a: [Term]) -> [Term] {
        let drop = TermList(b)
        return a.filter { !drop.contains($0) }
    }

    /// All terms of `a*b*c…` in R's order before sorting by degree.
    static func crossedTerms(_ vs: [Variable]) -> [Term] {
        var out: [Term] = []
        for v in vs { out = out.isEmpty ? [[v]] : crossed(out, [[v]]) }
        return out
    }
}

/// Turns a parsed right-hand side into ``Formula`` items, keeping R's shorthand (`a*b`, `a:b`) as typed items
/// where it is written directly and expanding parenthesised algebra (`(a + b)^2`, `(a + b):c`) into terms.
enum FormulaBuilder {
    typealias Node = FormulaParser.Node
    typealias Located = FormulaParser.Located

    /// The top-level `+`/`-` chain as signed items.
    static func flatten(_ l: Located) -> [(Bool, Located)] {
        if case .sum(let items) = l.node { return items.map { ($0.positive, $0.item) } }
        return [(true, l)]
    }

    static func formula(response: Response?, rhs: Located) throws(FormulaParseError) -> Formula {
        var items: [FormulaTerm] = []
        var intercept = true
        for (positive, item) in flatten(rhs) {
            func fail(_ m: String) -> FormulaParseError { FormulaParseError(column: item.column, message: m) }
            switch item.node {
            case .one: intercept = positive
            case .zero: intercept = !positive
            case .dot:
                guard positive else { throw fail("'.' cannot be removed") }
                items.append(.allOtherColumns)
            case .offset(let o):
                guard positive else { throw fail("offset() cannot be removed") }
                items.append(.offset(o))
            case .strata(let s):
                guard positive else { throw fail("strata() cannot be removed") }
                items += s.map { FormulaTerm.strata($0) }
            case .cluster(let c):
                guard positive else { throw fail("cluster() cannot be removed") }
                items.append(.cluster(c))
            case .random(let r):
                guard positive else { throw fail("a random-effect term cannot be removed") }
                items.append(.random(r))
            default:
                if positive, let simple = simpleItem(item.node) {
                    items.append(simple)
                } else {
                    for t in try expand(item) {
                        items.append(positive ? (t.count == 1 ? .term(t[0]) : .interaction(of: t)) : .removal(of: t))
                    }
                }
            }
        }
        return Formula(response: response, terms: items, intercept: intercept)
    }

    /// `x`, `a:b:c` or `a*b*c` of plain variables, as one item.
    private static func simpleItem(_ n: Node) -> FormulaTerm? {
        if case .variable(let v) = n { return .term(v) }
        if let vs = chain(n, colon: true) {
            let d = distinct(vs)
            return d.count == 1 ? .term(d[0]) : .interaction(of: d)
        }
        if let vs = chain(n, colon: false) {
            let d = distinct(vs)
            return d.count == 1 ? .term(d[0]) : .crossed(of: d)
        }
        return nil
    }

    private static func distinct(_ vs: [Variable]) -> [Variable] {
        var out: [Variable] = []
        for v in vs where !out.contains(v) { out.append(v) }
        return out
    }

    private static func chain(_ n: Node, colon: Bool) -> [Variable]? {
        func variables(_ ns: [Node]) -> [Variable]? {
            var out: [Variable] = []
            for n in ns { guard case .variable(let v) = n else { return nil }; out.append(v) }
            return out
        }
        switch n {
        case .variable(let v): return [v]
        case .colon(let ns) where colon: return variables(ns)
        case .star(let ns) where !colon: return variables(ns)
        default: return nil
        }
    }

    /// The terms of a sub-expression by R's term algebra.
    static func expand(_ l: Located) throws(FormulaParseError) -> [TermAlgebra.Term] {
        func fail(_ what: String) -> FormulaParseError {
            FormulaParseError(column: l.column, message: "\(what) must stand alone as a term, not inside an interaction or parentheses")
        }
        func limited(_ t: [TermAlgebra.Term]) throws(FormulaParseError) -> [TermAlgebra.Term] {
            guard t.count <= TermAlgebra.maximumTerms else {
                throw FormulaParseError(column: l.column, message: "expands to more than \(TermAlgebra.maximumTerms) terms")
            }
            return t
        }
        func sub(_ n: Node) throws(FormulaParseError) -> [TermAlgebra.Term] { try expand(Located(node: n, column: l.column)) }
        switch l.node {
        case .variable(let v): return [[v]]
        case .dot: throw fail("'.'")
        case .one, .zero: throw fail("the intercept (0 or 1)")
        case .offset: throw fail("offset()")
        case .strata: throw fail("strata()")
        case .cluster: throw fail("cluster()")
        case .random: throw fail("a random-effect term")
        case .sum(let items):
            var out: [TermAlgebra.Term] = []
            for s in items {
                let t = try expand(s.item)
                out = s.positive ? try limited(TermAlgebra.union(out, t)) : TermAlgebra.removing(t, from: out)
            }
            return out
        case .colon(let ns):
            var out: [TermAlgebra.Term] = [[]]
            for n in ns { out = try limited(TermAlgebra.interaction(out, try sub(n))) }
            return out
        case .star(let ns):
            var out: [TermAlgebra.Term] = []
            for n in ns { out = try limited(out.isEmpty ? try sub(n) : TermAlgebra.crossed(out, try sub(n))) }
            return out
        case let .power(a, k):
            let base = try sub(a)
            var out = base
            for _ in 1..<max(1, k) {
                out = TermAlgebra.crossed(out, base).filter { $0.count <= k }
                guard out.count <= TermAlgebra.maximumTerms else {
                    throw FormulaParseError(column: l.column, message: "expands to more than \(TermAlgebra.maximumTerms) terms")
                }
            }
            return out
        case .paren(let a): return try sub(a)
        }
    }
}
