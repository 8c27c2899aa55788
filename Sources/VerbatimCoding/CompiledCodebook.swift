import Foundation
import VerbatimModel

/// A codebook compiled for matching: every word and phrase term of every theme in one token-level
/// automaton, and the regular-expression terms beside it.
///
/// Term words become symbols (a stem, a folded word, an exact word, or a prefix: see `Symbol`); phrases
/// become paths in a trie over symbols; each path's end lists the (theme, rule, slot) places the term
/// occupies. The compiled form is immutable and shared by all coders (one per thread).
///
/// A codebook past the limits of the coder's packed numbers (65,536 themes, 65,535 rules per theme, 256
/// terms per `all` or `near` rule, 16,777,216 symbols of a kind, 32,764 prefixes: see `CodebookLimits`)
/// is compiled without what is past them, each left out with an error in `diagnostics`.
public final class CompiledCodebook: @unchecked Sendable {
    /// The codebook compiled.
    public let codebook: Codebook
    /// Themes in depth-first order; `themes[i].id == codebook.allThemes[i].id`.
    public let themes: [Theme]
    /// The index in `themes` of each theme id (the first theme with that id).
    public let themeIndex: [String: Int]
    /// For each theme: where its negated hits go (nil: dropped or counted, see `negation`).
    let recode: [Int?]
    let language: String

    /// Interned symbol strings, by kind. A stem is an index into `stemFamilies`.
    let stems: [String: Int32]
    /// For each stem: the term words that have it, each with its stem symbol id; a word with the stem
    /// matches those whose family it is in (see `Inflection`).
    let stemFamilies: [[StemFamily]]
    /// A stemmed term word: its folded form, whether it takes the stem's whole family, its symbol id.
    struct StemFamily {
        var word: String
        var loose: Bool
        var id: Int32
    }
    /// The language's inflectional endings; nil: a stem takes its whole family.
    let inflection: Inflection.Endings?
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
    /// The ids of the themes whose rules use term `term`, in codebook order, without repeats.
    func themeIDs(ofTerm term: Int32) -> [String] {
        var seen = Set<Int32>(), out: [String] = []
        for p in terms[Int(term)].places where seen.insert(p.theme).inserted { out.append(themes[Int(p.theme)].id) }
        return out
    }
    /// Regular-expression terms, matched on the unit's text.
    let regexes: [(term: Int32, regex: NSRegularExpression)]

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

    /// What a theme does with its negated hits (`NegationPolicy` without the recoding theme's id, which
    /// is in `recode`), in one byte for the inner loop.
    enum NegationMode: UInt8 {
        /// Drop the hit.
        case ignore
        /// Keep the hit as if it were not negated.
        case count
        /// Code the unit with the theme `recode` names instead.
        case recode
    }
    /// Each theme's negation mode.
    let negationModes: [NegationMode]

    /// How a rule matches (`Rule.Kind` without its parameters, which are in `RuleInfo`), in one byte
    /// for the inner loop.
    enum RuleKind: UInt8 {
        /// Any of the terms.
        case any
        /// Every term somewhere in the unit.
        case all
        /// The terms within `RuleInfo.within` words of each other.
        case near
    }

    /// A rule reduced to what matching needs.
    struct RuleInfo {
        var kind: RuleKind
        /// For `near` rules: whether the terms must come in order.
        var ordered: Bool
        /// For `near` rules: the most words between the outermost hits.
        var within: Int32
        /// The number of terms (the slots of an `all` or `near` rule).
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

    /// Problems found while compiling: an invalid regular expression (the codebook linter reports it
    /// too, with its line), themes, rules or terms past the coder's limits (see `CodebookLimits`).
    /// Compilation goes on without the faulty term, rule or theme.
    public let diagnostics: [Diagnostic]

    /// Compiles `codebook`.
    public convenience init(_ codebook: Codebook) {
        self.init(codebook, limits: .coder)
    }

    /// Compiles `codebook`, leaving out what is past `limits` (lower than the coder's own only in tests).
    init(_ codebook: Codebook, limits: CodebookLimits) {
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
        var families: [String: Int32] = [:]
        var stemFamilies: [[StemFamily]] = []
        let inflection = Inflection.endings(codebook.language)
        var prefixes: [(String, Bool)] = []
        var prefixIndex: [String: Int32] = [:]
        var nodes = [Node()]
        var termIndex: [String: Int32] = [:]  // by normalised key, so shared terms share one trie path
        var terms: [TermEntry] = []
        var regexes: [(Int32, NSRegularExpression)] = []
        var diagnostics = limits.check(codebook, themes: all)
        // Terms left out for want of symbol ids, by what ran out: the first is reported with its theme
        // and rule, the others counted.
        var leftOut: [String: Int] = [:]

        func intern(_ table: inout [String: Int32], _ s: String) -> Int32? {
            if let v = table[s] { return v }
            if table.count >= limits.symbolsPerKind { return nil }
            let v = Int32(table.count)
            table[s] = v
            return v
        }

        func leaveOut(_ term: Term, _ place: Place, what: String, limit: Int) {
            leftOut[what, default: 0] += 1
            if leftOut[what] == 1 {
                diagnostics.append(CodebookLimits.termLeftOut(codebook, all[Int(place.theme)], rule: Int(place.rule), term, what: what, limit: limit))
            }
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
                                let limit = min(limits.prefixes, limits.symbolsPerKind)
                                guard prefixes.count < limit else { return leaveOut(term, place, what: "prefix terms", limit: limit) }
                                id = Int32(prefixes.count)
                                prefixes.append((p, term.strict))
                                prefixIndex[key] = id
                            }
                            symbols.append(Symbol.make(.prefix, id))
                        } else if term.strict {
                            guard let id = intern(&raw, tok.replacingOccurrences(of: "’", with: "'")) else {
                                return leaveOut(term, place, what: "distinct words of strict terms", limit: limits.symbolsPerKind)
                            }
                            symbols.append(Symbol.make(.raw, id))
                        } else if term.stem {
                            let stem = Folding.fold(stemmer.stem(lower)), word = Folding.fold(lower)
                            let loose = term.looseStem || inflection == nil
                            guard let id = intern(&families, loose ? "~" + stem : stem + "\u{0}" + word) else {
                                return leaveOut(term, place, what: "distinct stems", limit: limits.symbolsPerKind)
                            }
                            let si: Int
                            if let k = stems[stem] { si = Int(k) } else {
                                si = stemFamilies.count
                                stems[stem] = Int32(si)
                                stemFamilies.append([])
                            }
                            if !stemFamilies[si].contains(where: { $0.id == id }) {
                                stemFamilies[si].append(StemFamily(word: word, loose: loose, id: id))
                            }
                            symbols.append(Symbol.make(.stem, id))
                        } else {
                            guard let id = intern(&folded, Folding.fold(lower)) else {
                                return leaveOut(term, place, what: "distinct words of unstemmed terms", limit: limits.symbolsPerKind)
                            }
                            symbols.append(Symbol.make(.folded, id))
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

        // Themes and rules past the limits are left out (reported by `limits.check`). The terms of an
        // `any` rule past the last slot share it: for `any` rules the slot only orders the hits.
        for (ti, theme) in all.prefix(limits.keptThemes(all.count)).enumerated() {
            for (ri, rule) in theme.rules.enumerated() where limits.keeps(rule, at: ri) {
                for (si, term) in rule.terms.enumerated() {
                    add(term, Place(theme: Int32(ti), rule: Int32(ri), slot: Int32(min(si, SortKey.slotLimit - 1))))
                }
            }
            for term in theme.unless {
                add(term, Place(theme: Int32(ti), rule: -1, slot: 0))
            }
        }
        for (what, count) in leftOut.sorted(by: { $0.key < $1.key }) where count > 1 {
            let more = count == 2 ? "1 more term is" : "\(count - 1) more terms are"
            diagnostics.append(.error(codebook.path, "\(more) left out: the codebook has more \(what) than the coder can number"))
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
        self.stemFamilies = stemFamilies
        self.inflection = inflection
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
                case .any: infos.append(RuleInfo(kind: .any, ordered: false, within: 0, slots: Int32(r.terms.count)))
                case .all: infos.append(RuleInfo(kind: .all, ordered: false, within: 0, slots: Int32(r.terms.count)))
                case .near(let w, let o): infos.append(RuleInfo(kind: .near, ordered: o, within: Int32(clamping: w), slots: Int32(r.terms.count)))
                }
            }
        }
        self.ruleInfos = infos
        self.ruleBase = base
        self.negationModes = all.map { t in
            switch t.negation {
            case .ignore: return .ignore
            case .count: return .count
            case .recode: return .recode
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
