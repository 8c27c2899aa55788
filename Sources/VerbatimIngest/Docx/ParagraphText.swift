import Foundation
import CLibXML2

/// The text of one paragraph being read, kept as UTF-8 bytes until the paragraph ends.
struct ParagraphText {
    var bytes: [UInt8] = []
    /// Set for a paragraph opened only to hold text found outside any paragraph element.
    var isImplicit = false
    /// Set for a drop cap paragraph (`w:framePr w:dropCap`), whose text begins the next paragraph.
    var isDropCap = false
    /// For ODF white-space collapsing: whether the last byte came from collapsible white space.
    var endsWithCollapsedSpace = false

    init(implicit: Bool = false) {
        isImplicit = implicit
        bytes.reserveCapacity(256)
    }

    /// Appends the NUL-terminated UTF-8 text of a libxml2 node, dropping soft hyphens (U+00AD).
    mutating func appendText(_ p: UnsafePointer<xmlChar>) {
        let n = strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        let src = UnsafeBufferPointer(start: p, count: n)
        var hasSoftHyphen = false
        var i = 1
        while i < n {
            if src[i] == 0xAD && src[i - 1] == 0xC2 { hasSoftHyphen = true; break }
            i += 1
        }
        if !hasSoftHyphen {
            bytes.append(contentsOf: src)
        } else {
            var k = 0
            while k < n {
                if src[k] == 0xC2, k + 1 < n, src[k + 1] == 0xAD { k += 2; continue }
                bytes.append(src[k])
                k += 1
            }
        }
        endsWithCollapsedSpace = false
    }

    /// Appends text with ODF white-space rules: every run of spaces, tabs and line ends becomes one
    /// space, also across consecutive text nodes.
    mutating func appendCollapsingWhiteSpace(_ p: UnsafePointer<xmlChar>) {
        var q = p
        while q.pointee != 0 {
            let b = q.pointee
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                if !endsWithCollapsedSpace && !bytes.isEmpty {
                    bytes.append(0x20)
                }
                endsWithCollapsedSpace = true
            } else if b == 0xC2 && q[1] == 0xAD {
                q += 1
            } else {
                bytes.append(b)
                endsWithCollapsedSpace = false
            }
            q += 1
        }
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
        endsWithCollapsedSpace = false
    }

    /// Appends a Unicode scalar as UTF-8.
    mutating func append(scalar: Unicode.Scalar) {
        bytes.append(contentsOf: UTF8.encode(scalar)!)
        endsWithCollapsedSpace = false
    }

    /// Whether the paragraph holds nothing but white space (including no-break spaces).
    var isBlank: Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { i += 2; continue }
            return false
        }
        return true
    }

    /// The text as an NFC string; `trim` removes spaces and tabs at both ends (used for notes and ODF).
    func string(trim: Bool = false) -> String {
        var lo = 0
        var hi = bytes.count
        if trim {
            while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
            while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        }
        return ParagraphText.normalized(bytes[lo..<hi])
    }

    /// Decodes UTF-8 and normalises to NFC, skipping Foundation when no byte can start a character
    /// at or above U+0300 (everything below is already in NFC and never composes).
    static func normalized(_ slice: ArraySlice<UInt8>) -> String {
        let s = String(decoding: slice, as: UTF8.self)
        for b in slice where b >= 0xCC {
            return s.precomposedStringWithCanonicalMapping
        }
        return s
    }
}
