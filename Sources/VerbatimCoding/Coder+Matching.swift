import Foundation
import VerbatimModel

/// Matching one unit: its words, found by `WordSplitter` and looked up in the token cache, advance
/// partial phrase matches through the codebook's trie; each term found is a `Hit`, with the negation
/// that reaches it (`NegationScope`). Regular-expression terms are matched on the unit's text.
extension Coder {
    /// A phrase matched up to some trie node.
    struct Partial {
        var node: Int32
        var firstToken: Int
        var start: Int
        var negation: Range<Int>?
    }

    /// Room for the byte classes of a unit of `count` bytes (see `WordSplitter`).
    private func maskScratch(for count: Int) -> UnsafeMutablePointer<UInt64> {
        let needed = WordSplitter.maskCount(count)
        if needed > maskCapacity {
            masks.deallocate()
            maskCapacity = max(needed, maskCapacity * 2)
            masks = .allocate(capacity: maskCapacity)
        }
        return masks
    }

    /// Codes the unit `s..<e` of `buffer`, spoken by `role`: finds its hits, then evaluates the rules
    /// (appending codings to `raws`). With `trace`, records why hits were dropped.
    func codeUnit(_ buffer: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, role: Role,
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
        var scope = NegationScope(window: negationWindow)
        while tk.advance() {
            let t = (start: tk.tokenStart, end: tk.tokenEnd, breakBefore: tk.tokenBreak)
            index += 1
            if keepStarts { tokenStarts.append(t.start) }
            let (h, head) = TokenCache.key(b, t.start, t.end, limit: limit)
            let inf: TokenInfo
            if let known = cache.frontInfo(t.start, t.end, hash: h, head: head) {
                inf = known
            } else {
                let found = cache.lookup(b, t.start, t.end, hash: h, head: head)
                inf = found >= 0 ? cache.info(found) : miss(b, t.start, t.end, h, head)
                cache.remember(t.start, t.end, hash: h, head: head, info: inf)
            }
            scope.see(index, start: t.start, end: t.end, flags: inf.flags, breakBefore: t.breakBefore)
            if active.isEmpty && inf.rootCount == 0 { continue }
            let negated = scope.negation(at: index)
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
        if !scope.cancelled.isEmpty {
            // A "plus" taken for a negation was a comparison ("plus à l'aise qu'avant").
            for i in 0..<hits.count {
                hits.base[i].negation = scope.reachingNegation(of: hits[i].negation, first: hits[i].firstToken)
            }
        }
        if keepStarts { regexHits(buffer, s, e) }
        if hits.isEmpty { return }
        evaluate(buffer, s, e, role: role, trace: trace)
    }

    /// Adds the matches of the regular-expression terms in the unit `s..<e` of `b` to the hits, placed
    /// among the unit's words by `tokenStarts`.
    ///
    /// A regular expression can take exponential time on some texts (`(a+)+$` against a run of `a`s
    /// and one `b`: catastrophic backtracking), and the engine (ICU's, behind NSRegularExpression) has
    /// no such guarantee as a linear-time matcher would give. So each expression's work on a unit is
    /// bounded: the engine reports its progress about once per position it tries and about once per
    /// fixed number of backtracking steps (a count of steps, not of time, so the bound falls at the
    /// same place on every machine and every run); past `regexProgressAllowance` reports more than the
    /// unit's length, the match is stopped and recorded in `regexOverrun`, and regular expressions
    /// are no longer matched in this document: the callers then refuse the document with an error
    /// naming the rule (see `CoderPool.bounded`). An ordinary expression stays far below the bound.
    private func regexHits(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) {
        if regexOverrun != nil { return }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        let length = (text as NSString).length
        let allowance = length + Coder.regexProgressAllowance
        for (term, re) in compiled.regexes {
            var found: [NSRange] = []
            var reports = 0
            var overran = false
            re.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: length)) { m, _, stop in
                if let m {
                    if m.range.length > 0 { found.append(m.range) }
                    return
                }
                reports += 1
                if reports > allowance {
                    overran = true
                    stop.pointee = true
                }
            }
            if overran {
                regexOverrun = RegexOverrun(term: compiled.terms[Int(term)].source,
                                            themes: compiled.themeIDs(ofTerm: term), offset: s)
                return
            }
            // UTF-16 offsets of the matches (ascending, not overlapping) to byte offsets, in one pass.
            var walker = UTF16ToUTF8(b, from: s)
            for r in found {
                let lo = walker.advance(to: r.location)
                let hi = walker.advance(to: r.location + r.length)
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
}

/// Walks valid UTF-8 bytes forward, turning UTF-16 offsets (from the unit's start) into byte offsets.
struct UTF16ToUTF8 {
    let bytes: UnsafeBufferPointer<UInt8>
    var byte: Int
    var utf16 = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        self.bytes = bytes
        byte = start
    }

    /// The byte offset of UTF-16 offset `target` (not before the last one asked for).
    mutating func advance(to target: Int) -> Int {
        while utf16 < target && byte < bytes.count {
            let lead = bytes[byte]
            if lead < 0x80 { byte += 1; utf16 += 1 }
            else if lead < 0xE0 { byte += 2; utf16 += 1 }
            else if lead < 0xF0 { byte += 3; utf16 += 1 }
            else { byte += 4; utf16 += 2 }
        }
        return min(byte, bytes.count)
    }
}

/// A regular-expression term that took too long on a unit (see `Coder.regexHits`).
public struct RegexOverrun: Sendable, Equatable, Error {
    /// The term as the codebook writes it (`re:...`).
    public var term: String
    /// The themes whose rules use it.
    public var themes: [String]
    /// The byte offset, in the text coded, of the unit where it happened.
    public var offset: Int

    /// The message callers report, after the document's path (and line).
    public var message: String {
        let where_ = themes.isEmpty ? "" : " (theme\(themes.count == 1 ? "" : "s") \(themes.map { "'\($0)'" }.joined(separator: ", ")))"
        return "the codebook's regular expression '\(term)'\(where_) takes too long on this text (catastrophic backtracking), so the document is not coded; rewrite it without nested repeats such as (a+)+ or (a|a)*"
    }
}
