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
    private let cache = TokenCache()
    /// Symbols and root children of cached words, addressed by `TokenInfo.symbolStart`.
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var pool: UnsafeMutablePointer<Int32>
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var poolCount = 0
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var poolCapacity = 1 << 12
    /// How many words before a hit a negation reaches (within the clause).
    public var negationWindow = 4
    /// The codebook's tables that coding reads for every unit, in this coder's own memory: coders on
    /// other threads share the compiled codebook, and reading its arrays would retain and release
    /// them, an atomic write to memory every thread touches.
    private let tables: CoderTables

    /// Negation words by their folded form (see `TokenInfo` flags).
    private let flagWords: [String: UInt8]
    /// The codebook's prefixes as bytes, by first byte.
    private let prefixTable: PrefixTable
    /// Which words can have one of the codebook's stems, by their first bytes (see `StemGate`).
    private let stemGate: StemGate

    public init(_ compiled: CompiledCodebook) {
        self.compiled = compiled
        tables = CoderTables(compiled)
        pool = .allocate(capacity: poolCapacity)
        var fw: [String: UInt8] = [:]
        for w in NegationWords.negators { fw[w, default: 0] |= TokenInfo.negator }
        for w in NegationWords.unnegators { fw[w, default: 0] |= TokenInfo.unnegates }
        for w in NegationWords.breakers { fw[w, default: 0] |= TokenInfo.breaker }
        fw["plus", default: 0] |= TokenInfo.plus
        flagWords = fw
        prefixTable = PrefixTable(compiled.prefixes)
        stemGate = StemGate(stems: compiled.stems.keys, language: compiled.language)
        stemmer = Stemmer(language: compiled.language)
    }

    deinit {
        tables.deallocate()
        masks.deallocate()
        pool.deallocate()
        activeScratch.deallocate()
        nextScratch.deallocate()
        hits.deallocate()
        sortKeys.deallocate()
        placeHits.deallocate()
    }

    // MARK: Public entry points

    /// Codes every unit of `transcript`, turn by turn, for the roles each theme codes.
    public func code(_ transcript: Transcript, unit: CodingUnit = .turn) -> [Coding] {
        var out: [Coding] = []
        var text = transcript.text
        text.withUTF8 { buf in
            clearRaws()
            let skip = Role.allCases.filter { !compiled.roleCoded($0) }
            for turn in transcript.turns where !skip.contains(turn.role) {
                let first = raws.count
                for (s, e) in units(of: turn, in: buf, unit: unit) { codeUnit(buf, s, e, role: turn.role, trace: nil) }
                for k in first..<raws.count { raws[k].turn = Int32(turn.index) }
            }
            let speakers = Dictionary(transcript.turns.map { ($0.index, $0.speaker) }, uniquingKeysWith: { a, _ in a })
            out.reserveCapacity(raws.count)
            for r in raws { out.append(materialize(r, buf, document: transcript.document, speaker: speakers[Int(r.turn)] ?? nil)) }
        }
        return out
    }

    /// Per-theme counts for one transcript, without building codings: what `verbatim code` prints.
    public func count(_ transcript: Transcript, unit: CodingUnit = .turn) -> DocumentCounts {
        var counts = DocumentCounts(compiled: compiled)
        var speakerIndex: [String: Int] = [:]
        var text = transcript.text
        let skip = Role.allCases.filter { !compiled.roleCoded($0) }
        text.withUTF8 { buf in
            for turn in transcript.turns where !skip.contains(turn.role) {
                clearRaws()
                if unit == .turn {
                    codeUnit(buf, turn.start, turn.end, role: turn.role, trace: nil)
                } else {
                    for (s, e) in units(of: turn, in: buf, unit: unit) { codeUnit(buf, s, e, role: turn.role, trace: nil) }
                }
                if raws.isEmpty { continue }
                let label = turn.speaker ?? ""
                let speaker: Int
                if let k = speakerIndex[label] { speaker = k } else { speaker = speakerIndex.count; speakerIndex[label] = speaker }
                counts.add(raws, speaker: speaker)
            }
        }
        counts.speakerLabels = speakerIndex.sorted { $0.value < $1.value }.map(\.key)
        return counts
    }

    /// Per-theme counts for turns given as byte ranges of `buffer` (see `TurnSegmenter.scanTurns`), turn
    /// by turn: the same counts as `count(_:unit: .turn)` on the transcript those turns come from.
    public func count(_ buffer: UnsafeBufferPointer<UInt8>, turns: TurnSpans) -> DocumentCounts {
        var counts = DocumentCounts(compiled: compiled)
        // The document's speakers with a coding, numbered in order of appearance (the spans' speaker
        // ids, -1 for none, shifted by one to index this array).
        var speakerIndex = [Int](repeating: -1, count: turns.labels.count + 1)
        var labels: [String] = []
        let coded = Role.allCases.map { compiled.roleCoded($0) }
        for k in 0..<turns.count {
            let role = turns.roles[k]
            if !coded[role.ordinal] { continue }
            clearRaws()
            codeUnit(buffer, turns.starts[k], turns.ends[k], role: role, trace: nil)
            if raws.isEmpty { continue }
            let s = turns.speakers[k]
            var speaker = speakerIndex[Int(s) + 1]
            if speaker < 0 {
                speaker = labels.count
                speakerIndex[Int(s) + 1] = speaker
                labels.append(s >= 0 ? turns.labels[Int(s)] : "")
            }
            counts.add(raws, speaker: speaker)
        }
        counts.speakerLabels = labels
        return counts
    }

    /// Codes a piece of text as one participant's unit (used by `verbatim codebook test`).
    public func code(text: String) -> [Coding] {
        var out: [Coding] = []
        var s = text
        s.withUTF8 { buf in
            clearRaws()
            codeUnit(buf, 0, buf.count, role: .participant, trace: nil)
            for r in raws { out.append(materialize(r, buf, document: "", speaker: nil)) }
        }
        return out
    }

    /// What happened in one turn: the codings, and the hits that were dropped and why.
    public func explain(_ transcript: Transcript, turn index: Int, unit: CodingUnit = .turn) -> Explanation? {
        guard let turn = transcript.turns.first(where: { $0.index == index }) else { return nil }
        var trace = Explanation(document: transcript.document, turn: index, speaker: turn.speaker, role: turn.role)
        var text = transcript.text
        text.withUTF8 { buf in
            clearRaws()
            for (s, e) in units(of: turn, in: buf, unit: unit) { codeUnit(buf, s, e, role: turn.role, trace: &trace) }
            trace.codings = raws.map { r -> Coding in
                var c = materialize(r, buf, document: transcript.document, speaker: turn.speaker)
                c.turn = index
                return c
            }
        }
        return trace
    }

    private func materialize(_ r: RawCoding, _ b: UnsafeBufferPointer<UInt8>, document: String, speaker: String?) -> Coding {
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        let match = r.parts >= 0 ? partsStore[Int(r.parts)].map { text($0.lowerBound, $0.upperBound) }.joined(separator: " … ")
            : text(r.start, r.end)
        let from = r.recodedFrom >= 0 ? r.recodedFrom : r.theme
        var rule = compiled.ruleSummaries[Int(from)][Int(r.rule)]
        if r.recodedFrom >= 0 { rule = "negation of \(compiled.themes[Int(from)].id): \(rule)" }
        return Coding(document: document, turn: Int(r.turn), speaker: speaker, theme: compiled.themes[Int(r.theme)].id,
                      start: r.start, end: r.end, unitStart: r.unitStart, unitEnd: r.unitEnd, match: match, rule: rule)
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

    @inline(never)
    private func miss(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ h: UInt64, _ head: UInt64) -> TokenInfo {
        if cache.count >= TokenCache.maxEntries {
            cache.clear()
            poolCount = 0
        }
        let bytes = UnsafeBufferPointer(start: b + s, count: e - s)
        let info = analyzeLatin(bytes) ?? compute(String(decoding: bytes, as: UTF8.self))
        cache.insert(b, s, e, hash: h, head: head, info: info)
        return info
    }

    /// What the codebook makes of a word: the general way, through Unicode-aware strings.
    func compute(_ word: String) -> TokenInfo {
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
        var flags = flagWords[folded] ?? 0
        if folded.hasSuffix("n't") { flags |= TokenInfo.negator }
        return store(syms, flags: flags)
    }

    /// `compute` for a word of ASCII and Latin-1 letters (with `'`, `’` or `ʼ` inside), on its bytes: the
    /// same lower-casing, folding, stemming and lookups, without Unicode-aware string operations. Nil
    /// for any other word. (Most words of Western European transcripts; the tests compare the two.)
    func analyzeLatin(_ word: UnsafeBufferPointer<UInt8>) -> TokenInfo? {
        let n = word.count
        guard n > 0, n <= 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * 64 + 8) { scratch -> TokenInfo? in
            let lower = scratch.baseAddress!, raw = lower + 64, folded = lower + 128, stemFolded = lower + 192
            var ln = 0, rn = 0, fn = 0
            var i = 0
            while i < n {
                let c = word[i]
                if c < 0x80 {
                    lower[ln] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                    raw[rn] = c
                    folded[fn] = lower[ln]
                    ln += 1; rn += 1; fn += 1
                    i += 1
                } else if c == 0xC3, i + 1 < n, word[i + 1] >= 0x80, word[i + 1] <= 0xBF {
                    let c1 = word[i + 1]
                    let l1 = c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97 ? c1 + 0x20 : c1
                    lower[ln] = 0xC3; lower[ln + 1] = l1
                    raw[rn] = 0xC3; raw[rn + 1] = c1
                    ln += 2; rn += 2
                    fn += Coder.foldLatin(l1, into: folded + fn)
                    i += 2
                } else if (c == 0xE2 && i + 2 < n && word[i + 1] == 0x80 && word[i + 2] == 0x99) || (c == 0xCA && i + 1 < n && word[i + 1] == 0xBC) {
                    lower[ln] = 0x27; raw[rn] = 0x27; folded[fn] = 0x27
                    ln += 1; rn += 1; fn += 1
                    i += c == 0xE2 ? 3 : 2
                } else {
                    return nil
                }
            }
            func string(_ p: UnsafeMutablePointer<UInt8>, _ count: Int) -> String {
                String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
            }
            let cb = compiled
            let foldedWord = string(folded, fn)
            var syms: [Int32] = []
            if !cb.stems.isEmpty && stemGate.mayMatch(folded, fn) {
                // Without a stemmer for the language, words are their own stems.
                let stem = stemmer.stem(UnsafeBufferPointer(start: lower, count: ln)) ?? UnsafeBufferPointer(start: lower, count: ln)
                var sn = 0
                var k = 0
                while k < stem.count {
                    let c = stem[k]
                    if c == 0xC3, k + 1 < stem.count {
                        sn += Coder.foldLatin(stem[k + 1], into: stemFolded + sn)
                        k += 2
                    } else if c < 0x80 {
                        stemFolded[sn] = c
                        sn += 1
                        k += 1
                    } else {
                        return nil  // the stemmer made something this path does not fold
                    }
                    if sn > 60 { return nil }
                }
                if let id = cb.stems[string(stemFolded, sn)] { syms.append(CompiledCodebook.stemKind << CompiledCodebook.kindShift | id) }
            }
            if let id = cb.folded[foldedWord] { syms.append(CompiledCodebook.foldedKind << CompiledCodebook.kindShift | id) }
            if !cb.raw.isEmpty, let id = cb.raw[string(raw, rn)] { syms.append(CompiledCodebook.rawKind << CompiledCodebook.kindShift | id) }
            if fn > 0 || rn > 0 {
                let pf = prefixTable
                for pi in pf.bucket(folded[0], raw[0]) {
                    let p = pf.bytes[Int(pi)]
                    let (q, qn) = pf.strict[Int(pi)] ? (raw, rn) : (folded, fn)
                    if p.count <= qn && p.withUnsafeBufferPointer({ memcmp($0.baseAddress!, q, p.count) == 0 }) {
                        syms.append(CompiledCodebook.prefixKind << CompiledCodebook.kindShift | pi)
                    }
                }
            }
            var flags = flagWords[foldedWord] ?? 0
            if fn >= 3 && folded[fn - 3] == 0x6E && folded[fn - 2] == 0x27 && folded[fn - 1] == 0x74 { flags |= TokenInfo.negator }  // n't
            return store(syms, flags: flags)
        }
    }

    /// The folded form of the Latin-1 lower-case letter 0xC3 `c1`, written at `out`; its length.
    @inline(__always)
    static func foldLatin(_ c1: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let f = Coder.latinFolds[Int(c1 & 0x3F)]
        out[0] = f.0
        out[1] = f.1
        return f.2
    }

    /// The folded form of each two-byte character 0xC3 `c1` (index: the low six bits of `c1`) as
    /// `Folding.fold` makes it (`é` -> `e`, `æ` -> `ae`, `ß` -> `ss`, `ð` kept), worked out once: its
    /// bytes (at most two) and their count. Upper-case letters are lowered before they are folded.
    static let latinFolds: [(UInt8, UInt8, Int)] = (0..<64).map { i in
        let f = Array(Folding.fold(String(decoding: [0xC3, UInt8(0x80 | i)], as: UTF8.self)).utf8)
        precondition(!f.isEmpty && f.count <= 2, "a Latin-1 letter folds to one or two bytes")
        return (f[0], f.count > 1 ? f[1] : 0, f.count)
    }

    /// A word's symbols, trie roots and flags as `TokenInfo` points at them (for the tests).
    func contents(_ info: TokenInfo) -> (symbols: [Int32], roots: [Int32], flags: UInt8) {
        let s = Int(info.symbolStart), m = Int(info.symbolCount), r = Int(info.rootCount)
        return ((s..<(s + m)).map { pool[$0] }, ((s + m)..<(s + m + r)).map { pool[$0] }, info.flags)
    }

    /// Stores a word's symbols and the trie nodes they start in the pool.
    private func store(_ syms: [Int32], flags: UInt8) -> TokenInfo {
        let cb = compiled
        let roots = syms.compactMap { cb.rootChildren[$0] }
        let start = Int32(poolCount)
        let needed = syms.count + roots.count
        while poolCount + needed > poolCapacity {
            let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: poolCapacity * 2)
            bigger.update(from: pool, count: poolCount)
            pool.deallocate()
            pool = bigger
            poolCapacity *= 2
        }
        for v in syms { pool[poolCount] = v; poolCount += 1 }
        for v in roots { pool[poolCount] = v; poolCount += 1 }
        return TokenInfo(symbolStart: start, symbolCount: Int16(syms.count), rootCount: Int16(roots.count), flags: flags)
    }

    // MARK: Matching one unit

    /// A phrase matched up to some trie node.
    struct Partial {
        var node: Int32
        var firstToken: Int
        var start: Int
        var negation: Range<Int>?
    }

    /// A hit placed in a theme's rule.
    struct PlacedHit {
        var theme: Int32
        var rule: Int32
        var slot: Int32
        var hit: Int32
    }

    struct Hit {
        var term: Int32
        var firstToken: Int
        var lastToken: Int
        var start: Int
        var end: Int
        /// The negating word's byte range, when the hit is in a negated scope.
        var negation: Range<Int>?
    }

    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var tokenStarts: [Int] = []
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var activeScratch = ScratchBuffer<Partial>()
    /// Room for a unit's byte classes (see `WordSplitter`).
    @exclusivity(unchecked) private var masks = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
    @exclusivity(unchecked) private var maskCapacity = 64

    private func maskScratch(for count: Int) -> UnsafeMutablePointer<UInt64> {
        let needed = WordSplitter.maskCount(count)
        if needed > maskCapacity {
            masks.deallocate()
            maskCapacity = max(needed, maskCapacity * 2)
            masks = .allocate(capacity: maskCapacity)
        }
        return masks
    }
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var nextScratch = ScratchBuffer<Partial>()
    /// Scratch for sorting a unit's hits.
    @exclusivity(unchecked) private var sortKeys = ScratchBuffer<UInt64>()
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var hits = ScratchBuffer<Hit>()

    private func codeUnit(_ buffer: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, role: Role,
                          trace: UnsafeMutablePointer<Explanation>?) {
        hits.removeAll()
        tokenStarts.removeAll(keepingCapacity: true)
        guard let b = buffer.baseAddress else { return }
        // Partial phrase matches, in local copies of the scratch buffers (written back at the end, so
        // that their storage is kept between units).
        var active = activeScratch, nextActive = nextScratch
        active.removeAll()
        defer { activeScratch = active; nextScratch = nextActive }
        let cb = tables
        let cache = self.cache
        let keepStarts = cb.hasRegexes
        let limit = buffer.count
        var tk = WordSplitter(buffer, from: s, to: e, masks: maskScratch(for: e - s))
        var index = -1
        var scopeStart = 0                  // first token of the current clause
        var lastNegator = -1_000_000        // token index of the last negating word
        var lastNegatorStart = 0, lastNegatorEnd = 0
        var previousUnnegates = false
        let window = negationWindow
        while tk.advance() {
            let t = (start: tk.tokenStart, end: tk.tokenEnd, breakBefore: tk.tokenBreak)
            index += 1
            if keepStarts { tokenStarts.append(t.start) }
            if t.breakBefore { scopeStart = index }
            let (h, head) = TokenCache.key(b, t.start, t.end, limit: limit)
            let inf: TokenInfo
            if let known = cache.frontInfo(t.start, t.end, hash: h, head: head) {
                inf = known
            } else {
                let found = cache.lookup(b, t.start, t.end, hash: h, head: head)
                inf = found >= 0 ? cache.info(found) : miss(b, t.start, t.end, h, head)
                cache.remember(t.start, t.end, hash: h, head: head, info: inf)
            }
            let flags = inf.flags
            if flags != 0 {
                if flags & TokenInfo.breaker != 0 { scopeStart = index + 1 }
                if flags & TokenInfo.negator != 0 || (flags & TokenInfo.plus != 0 && !previousUnnegates) {
                    lastNegator = index
                    lastNegatorStart = t.start
                    lastNegatorEnd = t.end
                }
                previousUnnegates = flags & TokenInfo.unnegates != 0
            } else {
                previousUnnegates = false
            }
            if active.isEmpty && inf.rootCount == 0 { continue }
            let negated: Range<Int>? = (lastNegator >= scopeStart && index - lastNegator <= window && lastNegator < index)
                ? lastNegatorStart..<lastNegatorEnd : nil
            // Advance partial phrase matches, then start new ones from the root.
            nextActive.removeAll()
            let symStart = Int(inf.symbolStart), symEnd = symStart + Int(inf.symbolCount)
            for q in 0..<active.count {
                let a = active[q]
                for k in symStart..<symEnd {
                    if let n = compiled.edges[CompiledCodebook.edgeKey(a.node, pool[k])] {
                        nextActive.append(Partial(node: n, firstToken: a.firstToken, start: a.start, negation: a.negation))
                    }
                }
            }
            for k in symEnd..<(symEnd + Int(inf.rootCount)) {
                nextActive.append(Partial(node: pool[k], firstToken: index, start: t.start, negation: negated))
            }
            active.removeAll()
            for q in 0..<nextActive.count {
                let a = nextActive[q]
                let node = Int(a.node)
                let oStart = Int(cb.outputStart[node])
                for o in oStart..<(oStart + Int(cb.outputCount[node])) {
                    hits.append(Hit(term: cb.outputTerms[o], firstToken: a.firstToken, lastToken: index, start: a.start, end: t.end, negation: a.negation))
                }
                // Keep only states that can still grow.
                if cb.hasChildren[node] { active.append(a) }
            }
        }
        if keepStarts { regexHits(buffer, s, e) }
        if hits.isEmpty { return }
        evaluate(buffer, s, e, role: role, trace: trace)
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

    /// A coding before its strings are made: what counting needs, cheaply.
    struct RawCoding {
        var theme: Int32
        var rule: Int32
        var start: Int
        var end: Int
        var unitStart: Int
        var unitEnd: Int
        /// Set when a negated hit was recoded to `theme` from another theme.
        var recodedFrom: Int32 = -1
        /// For `all` rules whose terms are far apart: where the hits' ranges are in `partsStore`, for the
        /// match text; -1 otherwise. (An index, not an array, so that codings are plain values.)
        var parts: Int32 = -1
        var turn: Int32 = 0
    }

    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var placeHits = ScratchBuffer<PlacedHit>()
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var raws: [RawCoding] = []
    // Checked statically: only this coder touches it, on one thread at a time.
    @exclusivity(unchecked) private var partsStore: [[Range<Int>]] = []

    private func clearRaws() {
        raws.removeAll(keepingCapacity: true)
        if !partsStore.isEmpty { partsStore.removeAll(keepingCapacity: true) }
    }
    // Scratch for `all` and `near` rules: the hits of each slot, and the combinations found.
    @exclusivity(unchecked) private var slotScratch: [[Hit]] = []
    @exclusivity(unchecked) private var comboScratch: [Hit] = []

    private func evaluate(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, role: Role,
                          trace: UnsafeMutablePointer<Explanation>?) {
        // Each hit in each rule slot its term has, sorted by theme, rule, slot and hit: an insertion sort
        // on packed keys, as units hold few hits.
        var keys = sortKeys
        keys.removeAll()
        let places = tables.places, placeStart = tables.placeStart
        for hi in 0..<hits.count {
            let term = Int(hits[hi].term)
            for k in Int(placeStart[term])..<Int(placeStart[term + 1]) {
                let p = places[k]
                keys.append(UInt64(UInt16(truncatingIfNeeded: p.theme)) << 48 | UInt64(UInt16(truncatingIfNeeded: p.rule &+ 1)) << 32
                    | UInt64(UInt8(truncatingIfNeeded: p.slot)) << 24 | UInt64(UInt32(hi) & 0xFF_FFFF))
            }
        }
        let k = keys.base
        for i in 1..<max(1, keys.count) {
            let v = k[i]
            var j = i
            while j > 0 && k[j - 1] > v { k[j] = k[j - 1]; j -= 1 }
            k[j] = v
        }
        placeHits.removeAll()
        for i in 0..<keys.count {
            let key = k[i]
            placeHits.append(PlacedHit(theme: Int32(key >> 48), rule: Int32((key >> 32) & 0xFFFF) - 1,
                                       slot: Int32((key >> 24) & 0xFF), hit: Int32(key & 0xFF_FFFF)))
        }
        sortKeys = keys
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        let unitFirst = raws.count
        var g = 0
        while g < placeHits.count {
            let ti = placeHits[g].theme
            var gEnd = g
            while gEnd < placeHits.count && placeHits[gEnd].theme == ti { gEnd += 1 }
            defer { g = gEnd }
            if tables.roleMasks[Int(ti)] & (1 << UInt8(role.ordinal)) == 0 {
                let theme = compiled.themes[Int(ti)]
                let h = hits[Int(placeHits[g].hit)]
                trace?.pointee.dropped.append(.init(theme: theme.id, rule: "", match: text(h.start, h.end),
                                                    reason: "\(role.rawValue) turns are not coded for this theme (roles: \(theme.roles.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            // Exclusion terms sort first (rule -1).
            if placeHits[g].rule < 0 {
                if let trace {
                    let theme = compiled.themes[Int(ti)]
                    let ex = hits[Int(placeHits[g].hit)]
                    for k in g..<gEnd where placeHits[k].rule >= 0 {
                        let h = hits[Int(placeHits[k].hit)]
                        trace.pointee.dropped.append(.init(theme: theme.id, rule: compiled.ruleSummaries[Int(ti)][Int(placeHits[k].rule)],
                                                           match: text(h.start, h.end),
                                                           reason: "excluded: the unit contains '\(text(ex.start, ex.end))' (unless: \(compiled.terms[Int(ex.term)].source))"))
                    }
                }
                continue
            }
            var r = g
            while r < gEnd {
                let ri = placeHits[r].rule
                var rEnd = r
                while rEnd < gEnd && placeHits[rEnd].rule == ri { rEnd += 1 }
                defer { r = rEnd }
                let rule = tables.ruleInfos[Int(tables.ruleBase[Int(ti)]) + Int(ri)]
                let negationCode = tables.negationCode[Int(ti)]
                if rule.kind == 0 {
                    for k in r..<rEnd {
                        let h = hits[Int(placeHits[k].hit)]
                        if h.negation == nil || negationCode == 1 {
                            raws.append(RawCoding(theme: ti, rule: ri, start: h.start, end: h.end, unitStart: s, unitEnd: e))
                        } else {
                            emit(CollectionOfOne(h), parts: nil, theme: ti, rule: ri, unit: s, e, negationCode: negationCode, b, trace: trace)
                        }
                    }
                } else {
                    // The hits of each slot, in scratch arrays that keep their storage between units.
                    let nSlots = Int(rule.slots)
                    while slotScratch.count < nSlots { slotScratch.append([]) }
                    for k in 0..<nSlots { slotScratch[k].removeAll(keepingCapacity: true) }
                    for k in r..<rEnd { slotScratch[Int(placeHits[k].slot)].append(hits[Int(placeHits[k].hit)]) }
                    var complete = true
                    for k in 0..<nSlots where slotScratch[k].isEmpty { complete = false; break }
                    guard complete else { continue }
                    comboScratch.removeAll(keepingCapacity: true)
                    if rule.kind == 2 {
                        Coder.nearCombinations(slotScratch, count: nSlots, within: Int(rule.within), ordered: rule.ordered, into: &comboScratch)
                        var c = 0
                        while c < comboScratch.count {
                            emit(comboScratch[c..<(c + nSlots)], parts: nil, theme: ti, rule: ri, unit: s, e, negationCode: negationCode, b, trace: trace)
                            c += nSlots
                        }
                    } else {
                        var lo = Int.max, hi = Int.min
                        for k in 0..<nSlots {
                            var best = slotScratch[k][0]
                            for h in slotScratch[k] where h.start < best.start { best = h }
                            comboScratch.append(best)
                            lo = min(lo, best.start)
                            hi = max(hi, best.end)
                        }
                        if hi - lo <= 240 {
                            emit(comboScratch[...], parts: nil, theme: ti, rule: ri, unit: s, e, negationCode: negationCode, b, trace: trace)
                        } else {
                            let first = comboScratch[0]
                            emit(CollectionOfOne(first), parts: comboScratch.sorted { $0.start < $1.start }.map { $0.start..<$0.end },
                                 theme: ti, rule: ri, unit: s, e, negationCode: negationCode, b, trace: trace)
                        }
                    }
                }
            }
        }
        // One coding per theme and passage within the unit, even when several rules find it: the unit's
        // codings sorted in place by theme, start, end and rule (insertion sort: units hold few), and the
        // first of each passage kept.
        if raws.count - unitFirst > 1 {
            let kept = raws.withUnsafeMutableBufferPointer { buf -> Int in
                func less(_ x: RawCoding, _ y: RawCoding) -> Bool { (x.theme, x.start, x.end, x.rule) < (y.theme, y.start, y.end, y.rule) }
                for i in (unitFirst + 1)..<buf.count {
                    let v = buf[i]
                    var j = i
                    while j > unitFirst && less(v, buf[j - 1]) { buf[j] = buf[j - 1]; j -= 1 }
                    buf[j] = v
                }
                var w = unitFirst + 1
                for k in (unitFirst + 1)..<buf.count {
                    let p = buf[w - 1], r = buf[k]
                    if p.theme == r.theme && p.start == r.start && p.end == r.end { continue }
                    buf[w] = r
                    w += 1
                }
                return w
            }
            raws.removeSubrange(kept...)
        }
    }

    /// Records the coding of a combination of hits, applying the theme's negation policy.
    private func emit<C: Collection>(_ combo: C, parts: [Range<Int>]?, theme ti: Int32, rule ri: Int32, unit s: Int, _ e: Int,
                                     negationCode: UInt8, _ b: UnsafeBufferPointer<UInt8>,
                                     trace: UnsafeMutablePointer<Explanation>?) where C.Element == Hit {
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        var lo = Int.max, hi = Int.min
        var negation: Range<Int>?
        for h in combo {
            lo = min(lo, h.start)
            hi = max(hi, h.end)
            if negation == nil { negation = h.negation }
        }
        let first = combo.first!
        var raw = RawCoding(theme: ti, rule: ri, start: parts == nil ? lo : first.start,
                            end: parts == nil ? hi : first.end, unitStart: s, unitEnd: e)
        if let parts {
            raw.parts = Int32(partsStore.count)
            partsStore.append(parts)
        }
        if negationCode != 1, let neg = negation {
            let summary = trace == nil ? "" : compiled.ruleSummaries[Int(ti)][Int(ri)]
            let id = trace == nil ? "" : compiled.themes[Int(ti)].id
            if negationCode == 0 {
                trace?.pointee.dropped.append(.init(theme: id, rule: summary, match: text(lo, hi),
                                                    reason: "negated by '\(text(neg.lowerBound, neg.upperBound))' (negation: ignore)"))
                return
            }
            guard let o = compiled.recode[Int(ti)] else { return }
            raw.recodedFrom = ti
            raw.theme = Int32(o)
            trace?.pointee.dropped.append(.init(theme: id, rule: summary, match: text(lo, hi),
                                                reason: "negated by '\(text(neg.lowerBound, neg.upperBound))': coded as \(compiled.themes[o].id) instead"))
        }
        raws.append(raw)
    }

    /// One hit per slot, all within `within` words of each other (in slot order when `ordered`): at most
    /// `within` words between the outermost hits, not counting the words of multi-word terms themselves.
    /// Each combination found is appended to `out` as `count` consecutive hits, one per slot; for each
    /// hit of the first slot, the nearest fitting hit of each next slot is taken.
    static func nearCombinations(_ slots: [[Hit]], count nSlots: Int, within: Int, ordered: Bool, into out: inout [Hit]) {
        for anchor in slots[0] {
            let base = out.count
            out.append(anchor)
            var complete = true
            for k in 1..<max(1, nSlots) {
                var lo = Int.max, hi = Int.min, extra = 0
                for q in base..<out.count {
                    lo = min(lo, out[q].firstToken)
                    hi = max(hi, out[q].lastToken)
                    extra += out[q].lastToken - out[q].firstToken
                }
                let lastToken = out[out.count - 1].lastToken
                var best: Hit?
                var bestDistance = Int.max
                for h in slots[k] {
                    if ordered && h.firstToken <= lastToken { continue }
                    let span = max(hi, h.lastToken) - min(lo, h.firstToken) - extra - (h.lastToken - h.firstToken)
                    guard span > 0 && span - 1 <= within else { continue }  // at most `within` words between them
                    let d = abs(h.firstToken - anchor.firstToken)
                    if d < bestDistance { best = h; bestDistance = d }
                }
                guard let best else { complete = false; break }
                out.append(best)
            }
            if !complete { out.removeSubrange(base...) }
        }
    }
}

/// Copies of the compiled codebook's per-unit tables, owned by one coder (see `Coder.tables`), and the
/// trie's flat arrays, which are read-only and never retained.
struct CoderTables {
    let places: UnsafeMutablePointer<CompiledCodebook.Place>
    let placeStart: UnsafeMutablePointer<Int32>
    let ruleInfos: UnsafeMutablePointer<CompiledCodebook.RuleInfo>
    let ruleBase: UnsafeMutablePointer<Int32>
    let negationCode: UnsafeMutablePointer<UInt8>
    let roleMasks: UnsafeMutablePointer<UInt8>
    let outputStart: UnsafeMutablePointer<Int32>
    let outputCount: UnsafeMutablePointer<Int32>
    let outputTerms: UnsafeMutablePointer<Int32>
    let hasChildren: UnsafeMutablePointer<Bool>
    let hasRegexes: Bool

    init(_ c: CompiledCodebook) {
        func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            _ = UnsafeMutableBufferPointer(start: p, count: a.count).initialize(from: a)
            return p
        }
        places = copy(c.places)
        placeStart = copy(c.placeStart)
        ruleInfos = copy(c.ruleInfos)
        ruleBase = copy(c.ruleBase)
        negationCode = copy(c.negationCode)
        roleMasks = copy(c.roleMasks)
        outputStart = c.outputStart
        outputCount = c.outputCount
        outputTerms = c.outputTerms
        hasChildren = c.hasChildren
        hasRegexes = !c.regexes.isEmpty
    }

    /// Frees the copies (the trie's arrays belong to the compiled codebook).
    func deallocate() {
        places.deallocate()
        placeStart.deallocate()
        ruleInfos.deallocate()
        ruleBase.deallocate()
        negationCode.deallocate()
        roleMasks.deallocate()
    }
}

/// Stemming a word costs about as much as everything else the coder does with it, and most words'
/// stems are not in the codebook: the gate lets through only the words that can have one.
///
/// The French Snowball stemmer changes a word only from its third letter on (its regions RV, R1 and R2
/// start there at the earliest), and there only by removing a suffix, replacing it with at most three
/// letters (`log`, `ent`, `eux`, `iqu`, `abl`, `eau`, `al`, `ant`, `u`, `i`), removing a last letter or
/// an accent, or marking vowels (undone at the end). So a word's folded stem, but for its last three
/// bytes (and never less than its first two), is a prefix of the folded word. A word that starts with
/// none of the codebook stems cut that way cannot have one of them as its stem. For other languages the
/// gate lets every word through. (The tests check the property on every word at hand.)
struct StemGate {
    /// A trie of the cut stems: child of (node, byte) in an open-addressing table, and whether a node
    /// ends a cut stem. Nil when every word must be stemmed.
    private let keys: [UInt32]
    private let children: [Int32]
    private let terminal: [Bool]
    private let mask: Int
    private let active: Bool

    init<S: Sequence>(stems: S, language: String) where S.Element == String {
        var cut: [[UInt8]] = []
        var ok = ["fr", "french"].contains(language.lowercased())
        for stem in stems {
            let b = Array(stem.utf8)
            if b.isEmpty { ok = false; continue }  // an empty stem: stem everything
            cut.append(Array(b[0..<min(b.count, max(2, b.count - 3))]))
        }
        var edges: [UInt32: Int32] = [:]
        var term = [false]
        for c in cut {
            var node: Int32 = 0
            for byte in c {
                let key = UInt32(node) << 8 | UInt32(byte)
                if let child = edges[key] { node = child } else {
                    let child = Int32(term.count)
                    edges[key] = child
                    term.append(false)
                    node = child
                }
            }
            term[Int(node)] = true
        }
        var size = 16
        while size < edges.count * 2 { size *= 2 }
        var k = [UInt32](repeating: UInt32.max, count: size)
        var v = [Int32](repeating: -1, count: size)
        for (key, child) in edges {
            var slot = StemGate.slot(key, size - 1)
            while k[slot] != UInt32.max { slot = (slot + 1) & (size - 1) }
            k[slot] = key
            v[slot] = child
        }
        keys = k
        children = v
        terminal = term
        mask = size - 1
        active = ok
    }

    @inline(__always)
    private static func slot(_ key: UInt32, _ mask: Int) -> Int { Int((UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    /// Whether a word whose folded form is `folded[0..<count]` may have a codebook stem.
    @inline(__always)
    func mayMatch(_ folded: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
        if !active { return true }
        var node: UInt32 = 0
        for i in 0..<count {
            let key = node << 8 | UInt32(folded[i])
            var slot = StemGate.slot(key, mask)
            while true {
                let k = keys[slot]
                if k == key { break }
                if k == UInt32.max { return false }
                slot = (slot + 1) & mask
            }
            node = UInt32(children[slot])
            if terminal[Int(node)] { return true }
        }
        return false
    }
}

/// The codebook's prefix terms as bytes, listed by first byte (in index order), for `analyzeLatin`.
struct PrefixTable {
    let bytes: [[UInt8]]
    let strict: [Bool]
    private let byFirst: [[Int32]]
    private let empty: [Int32]

    init(_ prefixes: [(text: String, strict: Bool)]) {
        bytes = prefixes.map { Array($0.text.utf8) }
        strict = prefixes.map(\.strict)
        var t = [[Int32]](repeating: [], count: 256)
        var e: [Int32] = []
        for (k, p) in bytes.enumerated() {
            if let f = p.first { t[Int(f)].append(Int32(k)) } else { e.append(Int32(k)) }
        }
        byFirst = t
        empty = e
    }

    /// The prefixes that can match a word whose folded and raw forms start with these bytes, in index
    /// order.
    func bucket(_ foldedFirst: UInt8, _ rawFirst: UInt8) -> [Int32] {
        if empty.isEmpty && foldedFirst == rawFirst { return byFirst[Int(foldedFirst)] }
        var all = empty + byFirst[Int(foldedFirst)]
        if rawFirst != foldedFirst { all += byFirst[Int(rawFirst)] }
        return all.sorted()
    }
}

/// A growable array of plain values in manually managed storage, for the coder's per-word scratch:
/// no reference counting or uniqueness checks in the inner loop. Copies share storage; the owner
/// frees it with `deallocate()`.
struct ScratchBuffer<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    subscript(i: Int) -> T { base[i] }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ v: T) {
        if count == capacity { grow() }
        (base + count).initialize(to: v)
        count += 1
    }

    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func deallocate() { base.deallocate() }
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

/// Per-theme counts for one document, indexed like `CompiledCodebook.themes`, each theme including its
/// sub-themes: hits, coded units, and the speakers with at least one coding.
public struct DocumentCounts: Sendable {
    public var hits: [Int]
    public var units: [Int]
    public var speakerLabels: [String] = []
    /// Speakers with a coding, per theme: the first 64 speakers of the document as bits, others in a set.
    private var speakerBits: [UInt64]
    private var moreSpeakers: [Int: Set<Int>] = [:]
    private var lastUnit: [Int]
    private let lineage: [Int32]
    private let lineageStart: [Int32]

    init(compiled: CompiledCodebook) {
        let n = compiled.themes.count
        hits = Array(repeating: 0, count: n)
        units = Array(repeating: 0, count: n)
        speakerBits = Array(repeating: 0, count: n)
        lastUnit = Array(repeating: -1, count: n)
        var flat: [Int32] = []
        var start: [Int32] = []
        for l in compiled.lineage {
            start.append(Int32(flat.count))
            flat.append(contentsOf: l)
        }
        start.append(Int32(flat.count))
        lineage = flat
        lineageStart = start
    }

    /// The number of distinct speakers with a coding of theme `t` (or one of its sub-themes).
    public func speakerCount(_ t: Int) -> Int { speakerBits[t].nonzeroBitCount + (moreSpeakers[t]?.count ?? 0) }

    mutating func add(_ raws: [Coder.RawCoding], speaker: Int) {
        for r in raws {
            let th = Int(r.theme)
            for k in Int(lineageStart[th])..<Int(lineageStart[th + 1]) {
                let t = Int(lineage[k])
                hits[t] += 1
                if lastUnit[t] != r.unitStart {
                    units[t] += 1
                    lastUnit[t] = r.unitStart
                    if speaker < 64 { speakerBits[t] |= 1 << UInt64(speaker) } else { moreSpeakers[t, default: []].insert(speaker) }
                }
            }
        }
    }
}
