import Foundation

/// The normalisation every reader applies to text: Unicode NFC, soft hyphens and stray byte-order marks
/// removed. Line ends are handled by the readers themselves.
public enum TextNormalizer {
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
                // Skip ASCII eight bytes at a time.
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let b = buf[i]
                if b < 0xC2 { i += 1; continue }
                let b1: UInt8 = i + 1 < n ? buf[i + 1] : 0
                switch b {
                case 0xCC, 0xCD: needsNFC = true  // U+0300-U+036F combining diacritics
                case 0xC2: if b1 == 0xAD { needsStrip = true }  // U+00AD soft hyphen
                case 0xE1: if b1 == 0xB7 || (b1 >= 0x84 && b1 <= 0x87) { needsNFC = true }  // U+1DC0.., Hangul jamo
                case 0xE2: if b1 == 0x83 { needsNFC = true }  // U+20D0-U+20FF combining marks for symbols
                case 0xE3: if b1 == 0x82 { needsNFC = true }  // kana voicing marks
                case 0xEF:
                    if b1 == 0xB8 { needsNFC = true }  // U+FE20 half marks
                    if b1 == 0xBB, i + 2 < n, buf[i + 2] == 0xBF { needsStrip = true }  // U+FEFF
                default: break
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
