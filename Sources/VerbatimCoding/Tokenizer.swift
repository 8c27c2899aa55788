import CVerbatimScan

/// Splits UTF-8 text into word tokens, French-aware, without allocating.
///
/// - A word is a run of letters and digits (any script). Apostrophes (`'`, `’`, `ʼ`) inside a word keep
///   it whole (`aujourd'hui`, `don't`), except after a French elided article or pronoun (`l'`, `d'`, `qu'`,
///   `j'`, `n'`, `s'`, `c'`, `m'`, `t'`, `jusqu'`, `lorsqu'`, `puisqu'`, `quoiqu'`), which becomes a token
///   of its own.
/// - Hyphens separate words, so that `petits-enfants` and `petits enfants` give the same tokens.
/// - Clause and sentence punctuation (`, ; : ( ) " [ ] . ! ? …` and line breaks) between two words is
///   reported as a break before the second, which limits negation scopes (see `NegationScope`).
struct Tokenizer {
    /// A word: its bytes `start..<end`.
    struct Token {
        var start: Int
        var end: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
        self.bytes = bytes
        self.i = from
        self.end = to
    }

    /// Classification of the character at `i`: 0 separator, 1 word, 2 apostrophe, 3 break (clause or
    /// sentence punctuation, line break); and its byte length.
    @inline(__always)
    func classify(_ i: Int) -> (kind: UInt8, width: Int) {
        let b = bytes[i]
        if b < 0x80 { return (Tokenizer.asciiKind(b), 1) }
        if b < 0xC0 { return (1, 1) }  // stray continuation byte: part of a word
        let width = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
        let b1: UInt8 = i + 1 < end ? bytes[i + 1] : 0
        switch b {
        case 0xC2:
            return (0, 2)  // U+0080-U+00BF: no-break space, guillemets, symbols
        case 0xC3:
            return ((b1 == 0x97 || b1 == 0xB7) ? 0 : 1, 2)  // × ÷ are not letters
        case 0xCA:
            return (b1 == 0xBC ? 2 : 1, 2)  // ʼ modifier apostrophe
        case 0xE2:
            if b1 == 0x80 {
                let b2: UInt8 = i + 2 < end ? bytes[i + 2] : 0
                if b2 == 0x99 { return (2, 3) }  // ’
                if b2 == 0xA6 { return (3, 3) }  // …
                return (0, 3)  // spaces, dashes, quotes, bullets
            }
            return (0, 3)  // arrows, maths, box drawing... and other symbols
        case 0xF0:
            // Emoji and other astral symbols (U+1F000+) separate words; astral letters are rare.
            return (b1 >= 0x9F ? 0 : 1, 4)
        default:
            return (1, width)
        }
    }

    /// The high bit of each byte of `x` that is an ASCII letter or digit (SWAR: each range test adds a
    /// constant to the low seven bits, which cannot carry into the next byte).
    @inline(__always)
    static func alnumMask(_ x: UInt64) -> UInt64 {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & 0x7F7F_7F7F_7F7F_7F7F
        let lower = low7 | 0x2020_2020_2020_2020
        let atLeastA = lower &+ 0x1F1F_1F1F_1F1F_1F1F       // high bit when lower >= 0x61 'a'
        let aboveZ = lower &+ 0x0505_0505_0505_0505         // high bit when lower >= 0x7B
        let atLeast0 = low7 &+ 0x5050_5050_5050_5050        // high bit when low7 >= 0x30 '0'
        let above9 = low7 &+ 0x4646_4646_4646_4646          // high bit when low7 >= 0x3A
        return ((atLeastA & ~aboveZ) | (atLeast0 & ~above9)) & ~x & highs
    }

    /// The class of an ASCII byte (see `classify`), by arithmetic and bit masks rather than a table or
    /// a jump table.
    @inline(__always)
    static func asciiKind(_ c: UInt8) -> UInt8 {
        if isAlnum(c) { return 1 }
        if c == 0x27 { return 2 }
        if c < 64 { return breakBytes & (UInt64(1) << UInt64(c)) != 0 ? 3 : 0 }
        return c == 0x5B || c == 0x5D ? 3 : 0
    }

    /// `. ! ? \n , ; : ( ) "` as bits of byte values below 64 (`[` and `]` are tested apart).
    static var breakBytes: UInt64 {
        1 << 0x2E | 1 << 0x21 | 1 << 0x3F | 1 << 0x0A | 1 << 0x2C | 1 << 0x3B | 1 << 0x3A | 1 << 0x28 | 1 << 0x29 | 1 << 0x22
    }

    /// Lower-case ASCII words after which an apostrophe marks an elision.
    static func isElision(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        if n == 1 {
            switch b[s] | 0x20 {
            case UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "j"), UInt8(ascii: "n"), UInt8(ascii: "s"),
                 UInt8(ascii: "c"), UInt8(ascii: "m"), UInt8(ascii: "t"): return true
            default: return false
            }
        }
        func eq(_ w: StaticString) -> Bool {
            guard w.utf8CodeUnitCount == n else { return false }
            for k in 0..<n where (b[s + k] | 0x20) != w.utf8Start[k] { return false }
            return true
        }
        return eq("qu") || eq("jusqu") || eq("lorsqu") || eq("puisqu") || eq("quoiqu")
    }

    /// The next token, or nil at the end.
    @inline(__always)
    mutating func next() -> Token? {
        guard advance() else { return nil }
        return Token(start: tokenStart, end: tokenEnd)
    }

    // The token found by `advance`: its bytes, and whether a break came between it and the previous one.
    var tokenStart = 0
    var tokenEnd = 0
    var tokenBreak = false

    /// Finds the next token and leaves it in the `token...` fields; false at the end. (Results in
    /// fields rather than an optional struct: this runs once per word, in the coder's inner loop.)
    ///
    /// The common cases are inline: ASCII separators, words of ASCII letters and digits (eight bytes at
    /// a time) and Latin-1 accented letters (`é`, `à`...). Anything else (typographic punctuation,
    /// apostrophes, other scripts) goes to `skipOther` or `finishWord`, which follow the same rules for
    /// every character.
    @inline(__always)
    mutating func advance() -> Bool {
        let p = bytes.baseAddress.unsafelyUnwrapped
        var i = self.i
        var brk = false
        // Skip to the start of a word.
        while true {
            if i >= end { self.i = i; return false }
            let c = p[i]
            if c == 0x20 { i += 1; continue }
            if c < 0x80 {
                if Tokenizer.isAlnum(c) { break }
                brk = brk || Tokenizer.asciiKind(c) == 3
                i += 1
                continue
            }
            if c == 0xC3 && i + 1 < end && p[i + 1] != 0x97 && p[i + 1] != 0xB7 { break }  // accented letter
            if skipOther(&i, &brk) { break }
        }
        let start = i
        let raw = UnsafeRawPointer(p)
        while true {
            if i + 8 <= end {
                let m = Tokenizer.alnumMask(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if m == 0x8080_8080_8080_8080 { i += 8; continue }
                i += (~m & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
            } else if i >= end {
                break
            } else if Tokenizer.isAlnum(p[i]) {
                i += 1
                continue
            }
            // p[i] is not an ASCII letter or digit.
            let c = p[i]
            if c < 0x80 && c != 0x27 { break }  // ASCII separator or punctuation
            if c == 0xC3 && i + 1 < end && p[i + 1] != 0x97 && p[i + 1] != 0xB7 { i += 2; continue }  // accented letter
            return finishWord(start, i, brk)
        }
        return found(start, i, brk, next: i)
    }

    /// Leaves the token `start..<end` in the `token...` fields and goes on from `next`; true.
    @inline(__always)
    mutating func found(_ start: Int, _ end: Int, _ brk: Bool, next: Int) -> Bool {
        i = next
        tokenStart = start
        tokenEnd = end
        tokenBreak = brk
        return true
    }

    @inline(__always)
    static func isAlnum(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10
    }

    /// Skips the character at `i` (not ASCII, not a Latin-1 letter) if it is not a word character,
    /// noting breaks; true when it starts a word.
    @inline(never)
    func skipOther(_ i: inout Int, _ brk: inout Bool) -> Bool {
        let (k, w) = classify(i)
        if k == 1 { return true }
        if k == 3 { brk = true }
        i = min(i + w, end)
        return false
    }

    /// Goes on with the word started at `start`, from `i` (a character that is neither an ASCII letter
    /// or digit nor a Latin-1 letter), character by character: apostrophes, elisions, other scripts.
    @inline(never)
    mutating func finishWord(_ start: Int, _ from: Int, _ brk: Bool) -> Bool {
        var i = from
        while i < end {
            let c = bytes[i]
            if c < 0x80 {
                if Tokenizer.isAlnum(c) { i += 1; continue }
                if c != 0x27 { break }
            }
            if c == 0xC3, i + 1 < end, bytes[i + 1] != 0x97, bytes[i + 1] != 0xB7 { i += 2; continue }
            let (k, w) = classify(i)
            if k == 1 { i = min(i + w, end); continue }
            if k == 2 {
                // An apostrophe between two word characters.
                let after = i + w
                guard after < end, classify(after).kind == 1 else { break }
                if Tokenizer.isElision(bytes, start, i) {
                    return found(start, i, brk, next: after)
                }
                i = after
                continue
            }
            break
        }
        return found(start, i, brk, next: i)
    }
}

/// Splits a unit into the same words as `Tokenizer`, with fewer branches to mispredict: the unit's
/// bytes are first classified 64 at a time (`verbatim_token_masks`: word bytes, specials, breaks,
/// sentence ends), then a word after a gap of separators is found with two bit scans of a 64-byte
/// window, and whether the gap holds a break with one mask. A word or gap with anything special in it
/// (an apostrophe, a letter of another script), or longer than the window, is left to `Tokenizer`,
/// from the end of the previous word.
///
/// The fourth mask, sentence ends, is not read: negation scopes stop at any break, and the coder's
/// sentences (`unit: sentence`) are cut by `CodingUnit.ranges`, which does not end a sentence at
/// every full stop.
struct WordSplitter {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The unit: bytes `start..<end` of `bytes`; positions below are relative to `start`.
    let start: Int
    let end: Int
    let n: Int
    let masks: UnsafeMutablePointer<UInt64>
    var pos = 0

    // The token found by `advance`, as in `Tokenizer`.
    var tokenStart = 0
    var tokenEnd = 0
    var tokenBreak = false

    /// The number of mask entries a unit of `count` bytes needs.
    static func maskCount(_ count: Int) -> Int { 4 * ((count + 63) / 64 + 1) }

    /// `masks` must have room for `maskCount(to - from)` entries.
    init(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, masks: UnsafeMutablePointer<UInt64>) {
        self.bytes = bytes
        start = from
        end = to
        n = max(0, to - from)
        self.masks = masks
        if let base = bytes.baseAddress, n > 0 {
            verbatim_token_masks(base + from, n, from, bytes.count - to, masks)
        } else {
            masks.update(repeating: 0, count: 4)
        }
    }

    /// Mask `which` (0 word, 1 special, 2 break; 3, sentence ends, is not read) for the 64 bytes from `pos`.
    @inline(__always)
    func window(_ which: Int, _ k: Int, _ off: Int) -> UInt64 {
        let a = masks[4 &* k &+ which], b = masks[4 &* k &+ 4 &+ which]
        return (a &>> UInt64(off)) | ((b &<< 1) &<< UInt64(63 &- off))
    }

    @inline(__always)
    mutating func advance() -> Bool {
        if pos >= n { return false }
        let k = pos &>> 6, off = pos & 63
        let w = window(0, k, off)
        let ws = w.trailingZeroBitCount                        // 64: no word in the window
        let we = ws &+ (~(w &>> UInt64(ws & 63))).trailingZeroBitCount
        let x = window(1, k, off)
        if ws < 64 && we < 64 {
            let gap = (UInt64(1) &<< UInt64(ws)) &- 1
            if x & gap == 0 {
                let after = x & (UInt64(1) &<< UInt64(we)) == 0 ? we : elidedWordEnd(ws, we, w)
                if after >= 0 {
                    tokenBreak = window(2, k, off) & gap != 0
                    tokenStart = start &+ pos &+ ws
                    tokenEnd = start &+ pos &+ we
                    pos = pos &+ after
                    return true
                }
            }
        }
        return slow()
    }

    /// For a word at `ws..<we` of the window `w` (positions from `pos`) followed by a special byte:
    /// when that is an apostrophe (`'` or `’`) followed by a word byte and the word is an elided article
    /// or pronoun (`l'`, `qu'`...), where the next word starts (the apostrophe belongs to neither);
    /// otherwise -1, and `Tokenizer` decides.
    @inline(never)
    func elidedWordEnd(_ ws: Int, _ we: Int, _ w: UInt64) -> Int {
        let at = start + pos + we
        let width: Int
        if bytes[at] == 0x27 {
            width = 1
        } else if at + 2 < end, bytes[at] == 0xE2, bytes[at + 1] == 0x80, bytes[at + 2] == 0x99 {
            width = 3
        } else {
            return -1
        }
        let after = we + width
        guard after < 64, (w >> UInt64(after)) & 1 == 1,
              Tokenizer.isElision(bytes, start + pos + ws, at) else { return -1 }
        return after
    }

    @inline(never)
    mutating func slow() -> Bool {
        var tk = Tokenizer(bytes, from: start + pos, to: end)
        guard tk.advance() else {
            pos = n
            return false
        }
        tokenStart = tk.tokenStart
        tokenEnd = tk.tokenEnd
        tokenBreak = tk.tokenBreak
        pos = tk.i - start
        return true
    }
}

/// Word counts, split as the coder splits words.
public enum Words {
    /// The number of words in `buffer[from..<to]`, elided articles and pronouns counting as words.
    public static func count(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        let masks = UnsafeMutablePointer<UInt64>.allocate(capacity: WordSplitter.maskCount(max(0, to - from)))
        defer { masks.deallocate() }
        var splitter = WordSplitter(buffer, from: from, to: to, masks: masks)
        var n = 0
        while splitter.advance() { n += 1 }
        return n
    }
}
