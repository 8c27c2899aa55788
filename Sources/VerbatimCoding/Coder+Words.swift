import Foundation
import VerbatimModel

/// What the codebook makes of each distinct word: its symbols (see `Symbol`), the trie nodes they start,
/// and its negation flags, worked out the first time the word is seen and then kept in the token cache.
extension Coder {
    /// Above this many entries in the symbol pool, the token cache and the pool are emptied, so that
    /// `TokenInfo.symbolStart` (32 bits) always fits: a word adds at most 2 × 32,767 entries (its symbols
    /// and roots, see `CodebookLimits.prefixes`). Real vocabularies empty the cache for its own limit,
    /// `TokenCache.maxEntries`, long before.
    static let poolLimit = 1 << 30

    /// A word the token cache does not know: analysed, and added to the cache (emptied first when full).
    @inline(never)
    func miss(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ h: UInt64, _ head: UInt64) -> TokenInfo {
        if cache.count >= TokenCache.maxEntries || poolCount >= Coder.poolLimit {
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
        if !cb.stems.isEmpty, let si = cb.stems[Folding.fold(stemmer.stem(lower))] {
            appendStemSymbols(si, folded, to: &syms)
        }
        if frenchPlurals && syms.isEmpty && folded.hasSuffix("ent") && folded.count > 5,
           let si = cb.stems[Folding.fold(stemmer.stem(String(lower.dropLast(3)) + "er"))] {
            appendStemSymbols(si, folded, to: &syms)
        }
        if let id = cb.folded[folded] { syms.append(Symbol.make(.folded, id)) }
        if let id = cb.raw[rawForm] { syms.append(Symbol.make(.raw, id)) }
        for (pi, p) in cb.prefixes.enumerated() where (p.strict ? rawForm : folded).hasPrefix(p.text) {
            syms.append(Symbol.make(.prefix, Int32(pi)))
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
                if let si = cb.stems[string(stemFolded, sn)] { appendStemSymbols(si, foldedWord, to: &syms) }
            }
            // "arnaquent": looked up as "arnaquer" too, on the general path (once per distinct word).
            if frenchPlurals && syms.isEmpty && !cb.stems.isEmpty && fn > 5 && folded[fn - 3] == 0x65 && folded[fn - 2] == 0x6E
                && folded[fn - 1] == 0x74 {
                return nil
            }
            if let id = cb.folded[foldedWord] { syms.append(Symbol.make(.folded, id)) }
            if !cb.raw.isEmpty, let id = cb.raw[string(raw, rn)] { syms.append(Symbol.make(.raw, id)) }
            if fn > 0 || rn > 0 {
                let pf = prefixTable
                for pi in pf.bucket(folded[0], raw[0]) {
                    let p = pf.bytes[Int(pi)]
                    let (q, qn) = pf.strict[Int(pi)] ? (raw, rn) : (folded, fn)
                    if p.count <= qn && p.withUnsafeBufferPointer({ memcmp($0.baseAddress!, q, p.count) == 0 }) {
                        syms.append(Symbol.make(.prefix, pi))
                    }
                }
            }
            var flags = flagWords[foldedWord] ?? 0
            if fn >= 3 && folded[fn - 3] == 0x6E && folded[fn - 2] == 0x27 && folded[fn - 1] == 0x74 { flags |= TokenInfo.negator }  // n't
            return store(syms, flags: flags)
        }
    }

    /// The stem symbols of a word whose folded form is `folded` and whose stem is the codebook's stem
    /// `si`: those of the term words it is an inflected form of, and of the loose ones.
    @inline(__always)
    private func appendStemSymbols(_ si: Int32, _ folded: String, to syms: inout [Int32]) {
        let cb = compiled
        for f in cb.stemFamilies[Int(si)] where f.loose || Inflection.related(folded, f.word, cb.inflection!) {
            syms.append(Symbol.make(.stem, f.id))
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
}
