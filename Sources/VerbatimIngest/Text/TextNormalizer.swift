import Foundation

/// The normalisation every reader applies to text: Unicode NFC, soft hyphens and stray byte-order marks
/// removed. Line ends are handled by the readers themselves.
public enum TextNormalizer {
    /// What `normalize` must do for the character starting at byte `i`.
    enum Work { case none, compose, strip }

    /// The work the character at `b[i]` needs: composing (a combining mark, Hangul jamo, kana voicing
    /// mark) or stripping (soft hyphen, U+FEFF). Shared with `TextReader.plainTextStart`.
    @inline(__always)
    static func work(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Work {
        let c = b[i]
        if c < 0xC2 { return .none }
        let n = b.count
        let b1: UInt8 = i + 1 < n ? b[i + 1] : 0
        switch c {
        case 0xCC, 0xCD: return .compose  // U+0300-U+036F combining diacritics
        case 0xC2: return b1 == 0xAD ? .strip : .none  // U+00AD soft hyphen
        case 0xE1: return b1 == 0xB7 || (b1 >= 0x84 && b1 <= 0x87) ? .compose : .none  // U+1DC0.., Hangul jamo
        case 0xE2: return b1 == 0x83 ? .compose : .none  // U+20D0-U+20FF combining marks for symbols
        case 0xE3: return b1 == 0x82 ? .compose : .none  // kana voicing marks
        case 0xEF:
            if b1 == 0xB8 { return .compose }  // U+FE20 half marks
            if b1 == 0xBB, i + 2 < n, b[i + 2] == 0xBF { return .strip }  // U+FEFF
            return .none
        default: return .none
        }
    }

    /// NFC-normalises `s` and drops U+00AD (soft hyphen) and U+FEFF (zero-width no-break space).
    /// Text with no combining mark is returned without going through Foundation, which is slow.
    public static func normalize(_ s: String) -> String {
        var needsNFC = false
        var needsStrip = false
        var copy = s
        copy.withUTF8 { buf in
            let n = buf.count
            if n == 0 { return }
            var i = 0
            let raw = UnsafeRawPointer(buf.baseAddress!)
            while i < n {
                // Skip eight bytes at a time when none of them can matter: only the lead bytes 0xC2 and
                // 0xCC and above start a soft hyphen, a combining mark or a BOM. (French accented letters,
                // 0xC3 xx, are skipped too.)
                if i + 8 <= n {
                    let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let high = x & 0x8080_8080_8080_8080
                    if high == 0 { i += 8; continue }
                    // Bytes >= 0xCC: high bit set and low seven bits >= 0x4C.
                    let low = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434
                    let atLeastCC = low & high & 0x8080_8080_8080_8080
                    // Bytes == 0xC2 (exact zero-byte test on x ^ 0xC2C2...).
                    let v = x ^ 0xC2C2_C2C2_C2C2_C2C2
                    let isC2 = (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
                    if atLeastCC == 0 && isC2 == 0 { i += 8; continue }
                }
                switch work(buf, at: i) {
                case .compose: needsNFC = true
                case .strip: needsStrip = true
                case .none: break
                }
                i += 1
            }
        }
        var out = s
        if needsStrip {
            out.unicodeScalars.removeAll { $0 == "\u{00AD}" || $0 == "\u{FEFF}" }
        }
        if needsNFC {
            out = out.precomposedStringWithCanonicalMapping
        }
        return out
    }
}
