import Foundation
import VerbatimModel

/// The unit a theme is applied to.
public enum CodingUnit: String, Sendable, CaseIterable {
    case turn, sentence, paragraph
}

/// Applies a compiled codebook to transcripts. Pure: no I/O, no printing. Not thread-safe: it caches the
/// words it has seen and owns a stemmer; use one coder per thread over a shared `CompiledCodebook`.
public final class Coder {
    public let compiled: CompiledCodebook
    private let stemmer: Stemmer
    private var cache = TokenCache()
    private var symbolPool: [Int32] = []
    private let negators: Set<String>
    private let unnegators: Set<String>
    private let breakers: Set<String>
    /// How many words before a hit a negation reaches (within the clause).
    public var negationWindow = 4

    public init(_ compiled: CompiledCodebook) {
        self.compiled = compiled
        stemmer = Stemmer(language: compiled.language)
        negators = NegationWords.negators
        unnegators = NegationWords.unnegators
        breakers = NegationWords.breakers
    }

    // MARK: Public entry points

    /// Codes every unit of `transcript`, turn by turn, for the roles each theme codes.
    public func code(_ transcript: Transcript, unit: CodingUnit = .turn) -> [Coding] {
        var out: [Coding] = []
        var text = transcript.text
        text.withUTF8 { buf in
            for turn in transcript.turns {
                for (s, e) in units(of: turn, in: buf, unit: unit) {
                    codeUnit(buf, s, e, role: turn.role, turn: turn, document: transcript.document, into: &out, trace: nil)
                }
            }
        }
        return out
    }

    /// Codes a piece of text as one participant's unit (used by `verbatim codebook test`).
    public func code(text: String) -> [Coding] {
        var out: [Coding] = []
        var s = text
        let turn = Turn(index: 1, speaker: nil, role: .participant, start: 0, end: s.utf8.count, labelStart: 0)
        s.withUTF8 { buf in codeUnit(buf, 0, buf.count, role: .participant, turn: turn, document: "", into: &out, trace: nil) }
        return out
    }

    /// What happened in one turn: the codings, and the hits that were dropped and why.
    public func explain(_ transcript: Transcript, turn index: Int, unit: CodingUnit = .turn) -> Explanation? {
        guard let turn = transcript.turns.first(where: { $0.index == index }) else { return nil }
        var out: [Coding] = []
        var trace = Explanation(document: transcript.document, turn: index, speaker: turn.speaker, role: turn.role)
        var text = transcript.text
        text.withUTF8 { buf in
            for (s, e) in units(of: turn, in: buf, unit: unit) {
                codeUnit(buf, s, e, role: turn.role, turn: turn, document: transcript.document, into: &out, trace: &trace)
            }
        }
        trace.codings = out
        return trace
    }

    // MARK: Units

    /// The byte ranges of the units of a turn.
    func units(of turn: Turn, in buf: UnsafeBufferPointer<UInt8>, unit: CodingUnit) -> [(Int, Int)] {
        switch unit {
        case .turn:
            return [(turn.start, turn.end)]
        case .paragraph, .sentence:
            var out: [(Int, Int)] = []
            var s = turn.start
            var i = turn.start
            func push(_ e: Int) {
                var a = s, b = e
                while a < b, buf[a] == 0x20 || buf[a] == 0x0A { a += 1 }
                while b > a, buf[b - 1] == 0x20 || buf[b - 1] == 0x0A { b -= 1 }
                if b > a { out.append((a, b)) }
            }
            while i < turn.end {
                let c = buf[i]
                if c == 0x0A, i + 1 < turn.end, buf[i + 1] == 0x0A {
                    push(i); i += 2; s = i; continue
                }
                if unit == .sentence {
                    var endLen = 0
                    if c == 0x2E || c == 0x21 || c == 0x3F { endLen = 1 }
                    if c == 0xE2, i + 2 < turn.end, buf[i + 1] == 0x80, buf[i + 2] == 0xA6 { endLen = 3 }
                    if endLen > 0 {
                        var j = i + endLen
                        while j < turn.end, buf[j] == 0x2E || buf[j] == 0x21 || buf[j] == 0x3F { j += 1 }
                        if j >= turn.end || buf[j] == 0x20 || buf[j] == 0x0A {
                            push(j); i = j; s = i; continue
                        }
                    }
                }
                i += 1
            }
            push(turn.end)
            return out
        }
    }

    // MARK: Words

    /// The info of the word at `b[s..<e]`, computing and caching it on first sight.
    @inline(__always)
    private func info(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> TokenInfo {
        let h = TokenCache.hash(b, s, e)
        if let i = cache.lookup(b, s, e, hash: h) { return cache.infos[Int(i)] }
        if cache.count >= TokenCache.maxEntries {
            cache.clear()
            symbolPool.removeAll(keepingCapacity: true)
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        let info = compute(word)
        _ = cache.insert(b, s, e, hash: h, info: info)
        return info
    }

    private func compute(_ word: String) -> TokenInfo {
        let cb = compiled
        let lower = Folding.lower(Substring(word))
        let folded = Folding.fold(lower)
        let rawForm = word.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "ʼ", with: "'")
        var syms: [Int32] = []
        if !cb.stems.isEmpty, let id = cb.stems[Folding.fold(stemmer.stem(lower))] {
            syms.append(CompiledCodebook.stemKind << CompiledCodebook.kindShift | id)
        }
        if let id = cb.folded[folded] { syms.append(CompiledCodebook.foldedKind << CompiledCodebook.kindShift | id) }
        if let id = cb.raw[rawForm] { syms.append(CompiledCodebook.rawKind << CompiledCodebook.kindShift | id) }
        for (pi, p) in cb.prefixes.enumerated() where (p.strict ? rawForm : folded).hasPrefix(p.text) {
            syms.append(CompiledCodebook.prefixKind << CompiledCodebook.kindShift | Int32(pi))
        }
        var flags: UInt8 = 0
        if negators.contains(folded) || folded.hasSuffix("n't") { flags |= TokenInfo.negator }
        if folded == "plus" { flags |= TokenInfo.plus }
        if unnegators.contains(folded) { flags |= TokenInfo.unnegates }
        if breakers.contains(folded) { flags |= TokenInfo.breaker }
        let start = Int32(symbolPool.count)
        symbolPool.append(contentsOf: syms)
        return TokenInfo(symbolStart: start, symbolCount: Int32(syms.count), flags: flags)
    }

    // MARK: Matching one unit

    struct Hit {
        var term: Int32
        var firstToken: Int
        var lastToken: Int
        var start: Int
        var end: Int
        /// The negating word's byte range, when the hit is in a negated scope.
        var negation: Range<Int>?
    }

    private var tokenStarts: [Int] = []
    private var active: [(node: Int32, firstToken: Int, start: Int, negation: Range<Int>?)] = []
    private var nextActive: [(node: Int32, firstToken: Int, start: Int, negation: Range<Int>?)] = []
    private var hits: [Hit] = []

    private func codeUnit(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, role: Role, turn: Turn, document: String,
                          into out: inout [Coding], trace: UnsafeMutablePointer<Explanation>?) {
        hits.removeAll(keepingCapacity: true)
        active.removeAll(keepingCapacity: true)
        tokenStarts.removeAll(keepingCapacity: true)
        let nodes = compiled.nodes
        var tk = Tokenizer(b, from: s, to: e)
        var index = -1
        var scopeStart = 0                  // first token of the current clause
        var lastNegator = -1_000_000        // token index of the last negating word
        var lastNegatorRange: Range<Int> = 0..<0
        var previousUnnegates = false
        while let t = tk.next() {
            index += 1
            tokenStarts.append(t.start)
            if t.breakBefore { scopeStart = index }
            let inf = info(b, t.start, t.end)
            if inf.flags != 0 {
                if inf.flags & TokenInfo.breaker != 0 { scopeStart = index + 1 }
                if inf.flags & TokenInfo.negator != 0 || (inf.flags & TokenInfo.plus != 0 && !previousUnnegates) {
                    lastNegator = index
                    lastNegatorRange = t.start..<t.end
                }
            }
            previousUnnegates = inf.flags & TokenInfo.unnegates != 0
            let negated: Range<Int>? = (lastNegator >= scopeStart && index - lastNegator <= negationWindow && lastNegator < index)
                ? lastNegatorRange : nil
            // Advance partial phrase matches, then start new ones from the root.
            if !active.isEmpty || inf.symbolCount > 0 {
                nextActive.removeAll(keepingCapacity: true)
                let symStart = Int(inf.symbolStart), symEnd = symStart + Int(inf.symbolCount)
                for a in active {
                    for k in symStart..<symEnd {
                        if let n = nodes[Int(a.node)].next[symbolPool[k]] {
                            nextActive.append((n, a.firstToken, a.start, a.negation))
                        }
                    }
                }
                for k in symStart..<symEnd {
                    if let n = nodes[0].next[symbolPool[k]] { nextActive.append((n, index, t.start, negated)) }
                }
                for a in nextActive {
                    for term in nodes[Int(a.node)].outputs {
                        hits.append(Hit(term: term, firstToken: a.firstToken, lastToken: index, start: a.start, end: t.end, negation: a.negation))
                    }
                }
                swap(&active, &nextActive)
                // Keep only states that can still grow.
                active.removeAll { nodes[Int($0.node)].next.isEmpty }
            }
        }
        if !compiled.regexes.isEmpty { regexHits(b, s, e) }
        if hits.isEmpty { return }
        evaluate(b, s, e, role: role, turn: turn, document: document, into: &out, trace: trace)
    }

    private func regexHits(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) {
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        let ns = text as NSString
        for (term, re) in compiled.regexes {
            for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) where m.range.length > 0 {
                let lo = s + ns.substring(to: m.range.location).utf8.count
                let hi = lo + ns.substring(with: m.range).utf8.count
                let first = tokenIndex(at: lo), last = max(first, tokenIndex(at: hi - 1))
                hits.append(Hit(term: term, firstToken: first, lastToken: last, start: lo, end: hi, negation: nil))
            }
        }
    }

    /// The index of the token containing or preceding byte `offset`.
    private func tokenIndex(at offset: Int) -> Int {
        var lo = 0, hi = tokenStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokenStarts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    // MARK: Rules

    private func evaluate(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, role: Role, turn: Turn, document: String,
                          into out: inout [Coding], trace: UnsafeMutablePointer<Explanation>?) {
        // Hits by theme.
        var byTheme: [Int32: [(hit: Hit, place: CompiledCodebook.Place)]] = [:]
        for h in hits {
            for p in compiled.terms[Int(h.term)].places { byTheme[p.theme, default: []].append((h, p)) }
        }
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        var emitted = Set<[Int]>()
        for ti in byTheme.keys.sorted() {
            let theme = compiled.themes[Int(ti)]
            let list = byTheme[ti]!
            if !theme.roles.contains(role) {
                trace?.pointee.dropped.append(.init(theme: theme.id, rule: "", match: text(list[0].hit.start, list[0].hit.end),
                                                    reason: "\(role.rawValue) turns are not coded for this theme (roles: \(theme.roles.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            if let ex = list.first(where: { $0.place.rule < 0 }) {
                for item in list where item.place.rule >= 0 {
                    trace?.pointee.dropped.append(.init(theme: theme.id, rule: theme.rules[Int(item.place.rule)].summary,
                                                        match: text(item.hit.start, item.hit.end),
                                                        reason: "excluded: the unit contains '\(text(ex.hit.start, ex.hit.end))' (unless: \(compiled.terms[Int(ex.hit.term)].source))"))
                }
                continue
            }
            for (ri, rule) in theme.rules.enumerated() {
                let slots = rule.terms.count
                var bySlot = [[Hit]](repeating: [], count: slots)
                for item in list where item.place.rule == Int32(ri) { bySlot[Int(item.place.slot)].append(item.hit) }
                var found: [[Hit]] = []
                switch rule.kind {
                case .any:
                    found = bySlot.flatMap { $0 }.sorted { $0.start < $1.start }.map { [$0] }
                case .all:
                    if bySlot.allSatisfy({ !$0.isEmpty }) { found = [bySlot.map { $0.min { $0.start < $1.start }! }] }
                case .near(let within, let ordered):
                    if bySlot.allSatisfy({ !$0.isEmpty }) { found = Coder.nearCombinations(bySlot, within: within, ordered: ordered) }
                }
                for combo in found {
                    let lo = combo.map(\.start).min()!, hi = combo.map(\.end).max()!
                    let contiguous = rule.kind != .all || hi - lo <= 240
                    let matchText = contiguous ? text(lo, hi) : combo.sorted { $0.start < $1.start }.map { text($0.start, $0.end) }.joined(separator: " … ")
                    let mStart = contiguous ? lo : combo[0].start, mEnd = contiguous ? hi : combo[0].end
                    var target = ti
                    var ruleName = rule.summary
                    if let neg = combo.compactMap(\.negation).first {
                        switch theme.negation {
                        case .count:
                            break
                        case .ignore:
                            trace?.pointee.dropped.append(.init(theme: theme.id, rule: rule.summary, match: matchText,
                                                                reason: "negated by '\(text(neg.lowerBound, neg.upperBound))' (negation: ignore)"))
                            continue
                        case .recode(let other):
                            guard let o = compiled.recode[Int(ti)] else { continue }
                            target = Int32(o)
                            ruleName = "negation of \(theme.id): \(rule.summary)"
                            trace?.pointee.dropped.append(.init(theme: theme.id, rule: rule.summary, match: matchText,
                                                                reason: "negated by '\(text(neg.lowerBound, neg.upperBound))': coded as \(other) instead"))
                        }
                    }
                    let key = [Int(target), mStart, mEnd, s]
                    guard emitted.insert(key).inserted else { continue }
                    out.append(Coding(document: document, turn: turn.index, speaker: turn.speaker, theme: compiled.themes[Int(target)].id,
                                      start: mStart, end: mEnd, unitStart: s, unitEnd: e, match: matchText, rule: ruleName))
                }
            }
        }
    }

    /// One hit per slot, all within `within` words of each other (in slot order when `ordered`): at most
    /// `within` words between the outermost hits, not counting the words of multi-word terms themselves.
    static func nearCombinations(_ slots: [[Hit]], within: Int, ordered: Bool) -> [[Hit]] {
        var out: [[Hit]] = []
        for anchor in slots[0] {
            var combo = [anchor]
            for k in 1..<slots.count {
                let lo = combo.map(\.firstToken).min()!, hi = combo.map(\.lastToken).max()!
                let extra = combo.reduce(0) { $0 + $1.lastToken - $1.firstToken }
                let candidates = slots[k].filter { h in
                    if ordered && h.firstToken <= combo.last!.lastToken { return false }
                    let span = max(hi, h.lastToken) - min(lo, h.firstToken) - extra - (h.lastToken - h.firstToken)
                    return span > 0 && span - 1 <= within  // at most `within` words between them
                }
                guard let best = candidates.min(by: { abs($0.firstToken - anchor.firstToken) < abs($1.firstToken - anchor.firstToken) }) else {
                    combo = []
                    break
                }
                combo.append(best)
            }
            if !combo.isEmpty { out.append(combo) }
        }
        return out
    }
}

/// Why a turn was coded as it was: `verbatim code --explain DOC:TURN`.
public struct Explanation: Sendable {
    public struct Dropped: Sendable {
        public var theme: String
        public var rule: String
        public var match: String
        public var reason: String
    }
    public var document: String
    public var turn: Int
    public var speaker: String?
    public var role: Role
    public var codings: [Coding] = []
    public var dropped: [Dropped] = []
}

/// Words that negate what follows them, and words that stop a negation's reach.
enum NegationWords {
    static let negators: Set<String> = [
        // French: "ne" (and elided "n'"), the second parts of negations, "sans".
        "ne", "n", "pas", "jamais", "rien", "guere", "point", "aucun", "aucune", "sans", "ni", "nullement",
        // English.
        "not", "no", "never", "without", "nor", "neither", "cannot", "nothing", "none", "nobody",
    ]
    /// Before "plus", these make it "more" rather than "no more": "de plus", "en plus", "le plus".
    static let unnegators: Set<String> = ["de", "en", "le", "la", "les", "au", "un", "une", "d", "l", "beaucoup", "bien", "encore"]
    static let breakers: Set<String> = [
        "mais", "si", "car", "parce", "quand", "lorsque", "lorsqu", "sauf", "cependant", "pourtant", "alors",
        "but", "if", "because", "when", "however", "although", "though", "except",
    ]
}
