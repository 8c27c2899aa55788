import Foundation

/// The normalisation every reader applies to text: Unicode NFC, soft hyphens and stray byte-order marks
/// removed. Line ends are handled by the readers themselves.
public enum TextNormalizer {
    /// NFC-normalises `s` and drops U+00AD (soft hyphen) and U+FEFF (zero-width no-break space).
    /// Text with no combining mark is returned without going through Foundation, which is slow.
    public static func normalize(_ s: String) -> String {
        var needsNFC = false
        var needsStrip = false
        var utf8 = s.utf8.makeIterator()
        var prev: UInt8 = 0
        var prev2: UInt8 = 0
        while let b = utf8.next() {
            if b >= 0x80 {
                // U+0300-U+036F combining diacritics: CC 80-CD AF.
                if b == 0xCC || b == 0xCD { needsNFC = true }
                // U+00AD soft hyphen: C2 AD.
                if prev == 0xC2 && b == 0xAD { needsStrip = true }
                // U+FEFF: EF BB BF.
                if prev2 == 0xEF && prev == 0xBB && b == 0xBF { needsStrip = true }
                // U+1DC0-U+1DFF, U+20D0-U+20FF combining marks; U+1100-U+11FF Hangul jamo.
                if prev == 0xE1 && (b == 0xB7 || (b >= 0x84 && b <= 0x87)) { needsNFC = true }
                if prev == 0xE2 && b == 0x83 { needsNFC = true }
                // U+3099-U+309A (kana voicing), U+FE20-U+FE2F half marks.
                if prev == 0xE3 && b == 0x82 { needsNFC = true }
                if prev == 0xEF && b == 0xB8 { needsNFC = true }
            }
            prev2 = prev
            prev = b
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
