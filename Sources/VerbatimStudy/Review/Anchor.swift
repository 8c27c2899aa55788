import VerbatimModel

/// Finds a coding's span again in a transcript's text: at its stored offsets when the text there is
/// still its quote, else by its quote and context (the transcript was corrected: offsets moved, the
/// quote re-spaced, a word nearby changed, a paragraph inserted above).
public enum Anchor {
    /// Where a coding now is, as UTF-8 offsets into `text`, or nil when its quote is no longer there.
    public static func place(_ c: HumanCoding, in text: String) -> (start: Int, end: Int)? {
        let bytes = Array(text.utf8)
        let quote = Array(c.quote.utf8)
        guard !quote.isEmpty else { return nil }
        if c.end <= bytes.count, c.end - c.start == quote.count, Array(bytes[c.start..<c.end]) == quote { return (c.start, c.end) }

        // The quote elsewhere, exactly; else with any white space run matching any other.
        var candidates = occurrences(of: quote, in: bytes)
        if candidates.isEmpty { candidates = spacedOccurrences(of: quote, in: bytes) }
        guard !candidates.isEmpty else { return nil }
        if candidates.count == 1 { return candidates[0] }
        let prefix = Array(c.prefix.utf8), suffix = Array(c.suffix.utf8)
        func score(_ r: (start: Int, end: Int)) -> (Int, Int) {
            let before = commonSuffix(prefix, bytes[max(0, r.start - prefix.count - 8)..<r.start])
            let after = commonPrefix(suffix, bytes[r.end..<min(bytes.count, r.end + suffix.count + 8)])
            return (before + after, -abs(r.start - c.start))
        }
        return candidates.max { score($0) < score($1) }
    }

    /// Every start of `needle` in `hay`.
    public static func occurrences(of needle: [UInt8], in hay: [UInt8]) -> [(start: Int, end: Int)] {
        guard needle.count <= hay.count, let first = needle.first else { return [] }
        var out: [(Int, Int)] = []
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { out.append((i, i + needle.count)) }
            i += 1
        }
        return out
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// Occurrences where each run of white space in `needle` matches a run of white space (of any
    /// length, at least one) in `hay`, and the rest matches exactly.
    static func spacedOccurrences(of needle: [UInt8], in hay: [UInt8]) -> [(start: Int, end: Int)] {
        // The needle's words, split on white space.
        // (A no-break space is the two bytes C2 A0; a lone A0 byte is part of another character, as in "à".)
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < needle.count {
            let b = needle[i]
            let nbsp = b == 0xC2 && i + 1 < needle.count && needle[i + 1] == 0xA0
            if isSpace(b) || nbsp {
                if !current.isEmpty { words.append(current); current = [] }
                i += nbsp ? 2 : 1
            } else {
                current.append(b)
                i += 1
            }
        }
        if !current.isEmpty { words.append(current) }
        guard let head = words.first else { return [] }
        var out: [(Int, Int)] = []
        for (start, headEnd) in occurrences(of: head, in: hay) {
            var pos = headEnd
            var ok = true
            for w in words.dropFirst() {
                var gap = pos
                while gap < hay.count, isSpace(hay[gap]) || (hay[gap] == 0xC2 && gap + 1 < hay.count && hay[gap + 1] == 0xA0) {
                    gap += hay[gap] == 0xC2 ? 2 : 1
                }
                if gap == pos || gap + w.count > hay.count || !hay[gap..<(gap + w.count)].elementsEqual(w) { ok = false; break }
                pos = gap + w.count
            }
            if ok { out.append((start, pos)) }
        }
        return out
    }

    static func commonSuffix(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Int {
        var n = 0
        var i = a.count - 1, j = b.endIndex - 1
        while i >= 0, j >= b.startIndex, a[i] == b[j] { n += 1; i -= 1; j -= 1 }
        return n
    }

    static func commonPrefix(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Int {
        var n = 0
        var i = 0, j = b.startIndex
        while i < a.count, j < b.endIndex, a[i] == b[j] { n += 1; i += 1; j += 1 }
        return n
    }
}
