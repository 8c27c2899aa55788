import CVerbatimScan

/// The check that lets a plain-text transcript be counted straight from its bytes.
extension TextReader {
    /// Where the text starts in `b` (after a UTF-8 byte-order mark), when the bytes are text that
    /// `read` would pass through unchanged apart from line trimming: valid UTF-8 without NUL bytes or
    /// carriage returns, without a front-matter block, and without anything `TextNormalizer` changes
    /// (combining marks, soft hyphens, inner byte-order marks). Nil otherwise: the caller then reads the
    /// file the full way, which also gives the right error or warning.
    ///
    /// One pass, validating UTF-8 as it goes: sixteen bytes at a time over ASCII, French accented letters
    /// and typographic punctuation (`verbatim_plain_run`), eight bytes at a time over other ASCII.
    public static func plainTextStart(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        plainTextStart(b, vectorLevel: 2)
    }

    /// `plainTextStart` with the fast path of a given level (see `verbatim_plain_run_level`), or without
    /// it (-1): the tests compare them.
    static func plainTextStart(_ b: UnsafeBufferPointer<UInt8>, vectorLevel: Int32) -> Int? {
        guard let base = b.baseAddress, b.count > 0 else { return nil }
        let n = b.count
        var i = 0
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        let textStart = i
        if n - i >= 3 && b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x2D { return nil }  // "---" front matter
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var vectorFrom = vectorLevel >= 0 ? i : Int.max
        while i < n {
            // Long runs of ASCII, French accented letters and typographic punctuation, 16 bytes at a
            // time (verbatim_plain_run); the loop below checks from where that stops. When it stops
            // early, the loop goes on alone for a while before trying it again.
            if i >= vectorFrom {
                let run = verbatim_plain_run_level(base + i, n - i, vectorLevel)
                i += run
                if run < 16 { vectorFrom = i + 64 }
                if i >= n { break }
            }
            if i + 8 <= n {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                // Reject NUL and CR: the zero-byte test (x - 0x01...) & ~x & 0x80... flags a byte only
                // where x, or x ^ 0x0D..., has a zero byte, whatever the other bytes hold.
                let cr = x ^ 0x0D0D_0D0D_0D0D_0D0D
                if ((x &- ones) & ~x | (cr &- ones) & ~cr) & highs != 0 { return nil }
                let high = x & highs
                if high == 0 { i += 8; continue }
                // Skip the ASCII bytes before the first non-ASCII one (little-endian: the lowest byte first).
                i += high.trailingZeroBitCount >> 3
            }
            let c = b[i]
            if c < 0x80 {
                if c == 0 || c == 0x0D { return nil }
                i += 1
                continue
            }
            if c < 0xC2 { return nil }  // continuation byte or overlong lead
            if c < 0xE0 {
                guard i + 1 < n, b[i + 1] & 0xC0 == 0x80, TextNormalizer.work(b, at: i) == .none else { return nil }
                i += 2
                continue
            }
            if c < 0xF0 {
                guard i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 else { return nil }
                let b1 = b[i + 1]
                if c == 0xE0 && b1 < 0xA0 { return nil }  // overlong
                if c == 0xED && b1 >= 0xA0 { return nil }  // surrogate
                if TextNormalizer.work(b, at: i) != .none { return nil }
                i += 3
                continue
            }
            guard c <= 0xF4, i + 3 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80 else { return nil }
            if c == 0xF0 && b[i + 1] < 0x90 { return nil }  // overlong
            if c == 0xF4 && b[i + 1] >= 0x90 { return nil }  // above U+10FFFF
            i += 4
        }
        return textStart
    }
}
