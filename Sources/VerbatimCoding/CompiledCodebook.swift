import Foundation
import VerbatimModel

/// A codebook compiled for matching: every term of every theme in one token-level automaton.
///
/// Term words become symbols (a stem, a folded word, an exact word, or a prefix); phrases become paths
/// in a trie over symbols; each path's end lists the (theme, rule, slot) places the term occupies. The
/// compiled form is immutable and shared by all coders (one per thread).
public final class CompiledCodebook: @unchecked Sendable {
    public let codebook: Codebook
    /// Themes in depth-first order; `themes[i].id == codebook.allThemes[i].id`.
    public let themes: [Theme]
    public let themeIndex: [String: Int]
    /// For each theme: where its negated hits go (nil: dropped or counted, see `negation`).
    let recode: [Int?]
    let language: String

    /// Interned symbol strings, by kind.
    let stems: [String: Int32]
    let folded: [String: Int32]
    let raw: [String: Int32]
    /// Prefix patterns: the prefix and whether it is compared without folding.
    let prefixes: [(text: String, strict: Bool)]

    struct Node {
        var next: [Int32: Int32] = [:]
        var outputs: [Int32] = []
    }
    /// The trie; node 0 is the root.
    let nodes: [Node]

    /// Where a term sits: its theme, its rule (-1 for an `unless` exclusion term) and its slot in the rule.
    struct Place {
        var theme: Int32
        var rule: Int32
        var slot: Int32
    }
    struct TermEntry {
        var source: String
        var places: [Place]
    }
    let terms: [TermEntry]
    /// All terms' places, flat: term `t`'s places are `places[placeStart[t]..<placeStart[t + 1]]`.
    let places: [Place]
    let placeStart: [Int32]
    /// Regular-expression terms, matched on the unit's text.
    let regexes: [(term: Int32, regex: NSRegularExpression)]

    static let kindShift: Int32 = 24
    static let stemKind: Int32 = 0, foldedKind: Int32 = 1, rawKind: Int32 = 2, prefixKind: Int32 = 3

    /// The trie flattened for the coder's inner loop: child of (node, symbol), the root's children by
    /// symbol, and per node its output terms and whether it has children.
    let edges: [UInt64: Int32]
    let rootChildren: [Int32: Int32]
    let outputStart: UnsafeMutablePointer<Int32>
    let outputCount: UnsafeMutablePointer<Int32>
    let outputTerms: UnsafeMutablePointer<Int32>
    let hasChildren: UnsafeMutablePointer<Bool>

    @inline(__always)
    static func edgeKey(_ node: Int32, _ symbol: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: symbol))
    }

    /// Compact per-theme facts for the inner loop: negation policy (0 ignore, 1 count, 2 recode).
    let negationCode: [UInt8]

    /// A rule reduced to what matching needs.
    struct RuleInfo {
        /// 0 any, 1 all, 2 near.
        var kind: UInt8
        var ordered: Bool
        var within: Int32
        var slots: Int32
    }
    /// Rules of all themes, flat; theme `t`'s rules start at `ruleBase[t]`.
    let ruleInfos: [RuleInfo]
    let ruleBase: [Int32]

    /// For each theme: itself and its ancestors (indices into `themes`).
    let lineage: [[Int32]]

    /// Each rule's summary (`any[peur, crainte]`), by theme and rule, made once.
    let ruleSummaries: [[String]]
    /// Each theme's coded roles, as a bit set over `Role.allCases`.
    let roleMasks: [UInt8]

    /// Roles that at least one theme codes: turns of other roles need not be read at all.
    var codedRoles: UInt8 { roleMasks.reduce(0, |) }

    func roleCoded(_ role: Role) -> Bool { codedRoles & (1 << UInt8(role.ordinal)) != 0 }

    func roleAllowed(_ theme: Int, _ role: Role) -> Bool {
        roleMasks[theme] & (1 << UInt8(role.ordinal)) != 0
    }

    /// Problems found while compiling (an invalid regular expression...). Compilation goes on without
    /// the faulty term; the codebook linter reports the same problems with their lines.
    public let diagnostics: [Diagnostic]

    public init(_ codebook: Codebook) {
        self.codebook = codebook
        let all = codebook.allThemes
        themes = all
        var index: [String: Int] = [:]
        for (i, t) in all.enumerated() where index[t.id] == nil { index[t.id] = i }
        themeIndex = index
        recode = all.map { t in
            if case .recode(let other) = t.negation { return index[other] }
            return nil
        }
        language = codebook.language

        let stemmer = Stemmer(language: codebook.language)
        var stems: [String: Int32] = [:], folded: [String: Int32] = [:], raw: [String: Int32] = [:]
        var prefixes: [(String, Bool)] = []
        var prefixIndex: [String: Int32] = [:]
        var nodes = [Node()]
        var termIndex: [String: Int32] = [:]  // by normalised key, so shared terms share one trie path
        var terms: [TermEntry] = []
        var regexes: [(Int32, NSRegularExpression)] = []
        var diagnostics: [Diagnostic] = []

        func intern(_ table: inout [String: Int32], _ s: String) -> Int32 {
            if let v = table[s] { return v }
            let v = Int32(table.count)
            table[s] = v
            return v
        }

        func add(_ term: Term, _ place: Place) {
            switch term.kind {
            case .regex(let pattern):
                let key = "re:\(term.strict ? "s" : "i"):" + pattern
                if let existing = termIndex[key] { terms[Int(existing)].places.append(place); return }
                do {
                    let re = try NSRegularExpression(pattern: pattern, options: term.strict ? [] : [.caseInsensitive])
                    let id = Int32(terms.count)
                    terms.append(TermEntry(source: term.source, places: [place]))
                    termIndex[key] = id
                    regexes.append((id, re))
                } catch {
                    diagnostics.append(.error(codebook.path, "invalid regular expression '\(pattern)' in theme '\(all[Int(place.theme)].id)'"))
                }
            case .words(let words):
                var symbols: [Int32] = []
                for chunk in words {
                    let isPrefix = chunk.hasSuffix("*")
                    let body = isPrefix ? String(chunk.dropLast()) : chunk
                    let toks = CompiledCodebook.wordTokens(body)
                    for (k, tok) in toks.enumerated() {
                        let lower = Folding.lower(Substring(tok))
                        if isPrefix && k == toks.count - 1 {
                            let p = term.strict ? tok.replacingOccurrences(of: "’", with: "'") : Folding.fold(lower)
                            let key = (term.strict ? "s:" : "f:") + p
                            let id: Int32
                            if let v = prefixIndex[key] { id = v } else {
                                id = Int32(prefixes.count)
                                prefixes.append((p, term.strict))
                                prefixIndex[key] = id
                            }
                            symbols.append(CompiledCodebook.prefixKind << CompiledCodebook.kindShift | id)
                        } else if term.strict {
                            symbols.append(CompiledCodebook.rawKind << CompiledCodebook.kindShift | intern(&raw, tok.replacingOccurrences(of: "’", with: "'")))
                        } else if term.stem {
                            symbols.append(CompiledCodebook.stemKind << CompiledCodebook.kindShift | intern(&stems, Folding.fold(stemmer.stem(lower))))
                        } else {
                            symbols.append(CompiledCodebook.foldedKind << CompiledCodebook.kindShift | intern(&folded, Folding.fold(lower)))
                        }
                    }
                }
                guard !symbols.isEmpty else { return }
                let key = symbols.map(String.init).joined(separator: ",")
                if let existing = termIndex[key] { terms[Int(existing)].places.append(place); return }
                let id = Int32(terms.count)
                terms.append(TermEntry(source: term.source, places: [place]))
                termIndex[key] = id
                var node: Int32 = 0
                for s in symbols {
                    if let n = nodes[Int(node)].next[s] { node = n } else {
                        let n = Int32(nodes.count)
                        nodes.append(Node())
                        nodes[Int(node)].next[s] = n
                        node = n
                    }
                }
                nodes[Int(node)].outputs.append(id)
            }
        }

        for (ti, theme) in all.enumerated() {
            for (ri, rule) in theme.rules.enumerated() {
                for (si, term) in rule.terms.enumerated() {
                    add(term, Place(theme: Int32(ti), rule: Int32(ri), slot: Int32(si)))
                }
            }
            for term in theme.unless {
                add(term, Place(theme: Int32(ti), rule: -1, slot: 0))
            }
        }
        var lineage: [[Int32]] = []
        func walk(_ ts: [Theme], _ path: [Int32]) {
            for t in ts {
                let me = Int32(lineage.count)
                lineage.append(path + [me])
                walk(t.children, path + [me])
            }
        }
        walk(codebook.themes, [])
        self.lineage = lineage
        self.ruleSummaries = all.map { $0.rules.map(\.summary) }
        self.roleMasks = all.map { t in t.roles.reduce(UInt8(0)) { $0 | (1 << UInt8($1.ordinal)) } }
        self.stems = stems
        self.folded = folded
        self.raw = raw
        self.prefixes = prefixes
        self.nodes = nodes
        var edges: [UInt64: Int32] = [:]
        var flatOutputs: [Int32] = []
        outputStart = .allocate(capacity: nodes.count)
        outputCount = .allocate(capacity: nodes.count)
        hasChildren = .allocate(capacity: nodes.count)
        for (i, n) in nodes.enumerated() {
            for (sym, child) in n.next { edges[CompiledCodebook.edgeKey(Int32(i), sym)] = child }
            outputStart[i] = Int32(flatOutputs.count)
            outputCount[i] = Int32(n.outputs.count)
            hasChildren[i] = !n.next.isEmpty
            flatOutputs.append(contentsOf: n.outputs)
        }
        outputTerms = .allocate(capacity: max(1, flatOutputs.count))
        for (i, t) in flatOutputs.enumerated() { outputTerms[i] = t }
        self.edges = edges
        self.rootChildren = nodes[0].next
        var infos: [RuleInfo] = []
        var base: [Int32] = []
        for t in all {
            base.append(Int32(infos.count))
            for r in t.rules {
                switch r.kind {
                case .any: infos.append(RuleInfo(kind: 0, ordered: false, within: 0, slots: Int32(r.terms.count)))
                case .all: infos.append(RuleInfo(kind: 1, ordered: false, within: 0, slots: Int32(r.terms.count)))
                case .near(let w, let o): infos.append(RuleInfo(kind: 2, ordered: o, within: Int32(w), slots: Int32(r.terms.count)))
                }
            }
        }
        self.ruleInfos = infos
        self.ruleBase = base
        self.negationCode = all.map { t in
            switch t.negation {
            case .ignore: return 0
            case .count: return 1
            case .recode: return 2
            }
        }
        self.terms = terms
        var flat: [Place] = []
        var starts: [Int32] = []
        for t in terms {
            starts.append(Int32(flat.count))
            flat.append(contentsOf: t.places)
        }
        starts.append(Int32(flat.count))
        self.places = flat
        self.placeStart = starts
        self.regexes = regexes
        self.diagnostics = diagnostics
    }

    deinit {
        outputStart.deallocate()
        outputCount.deallocate()
        outputTerms.deallocate()
        hasChildren.deallocate()
    }

    /// The word tokens of a term, split as the text will be (elisions, hyphens, apostrophes).
    static func wordTokens(_ s: String) -> [String] {
        var s = s
        return s.withUTF8 { buf -> [String] in
            var tk = Tokenizer(buf, from: 0, to: buf.count)
            var out: [String] = []
            while let t = tk.next() {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: buf[t.start..<t.end]), as: UTF8.self))
            }
            return out
        }
    }

    /// Number of terms in the automaton.
    public var termCount: Int { terms.count }
}
