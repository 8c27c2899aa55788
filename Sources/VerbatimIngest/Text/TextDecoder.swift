#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VerbatimModel

/// Turns the bytes of a text file into a Swift string: UTF-8 (with or without BOM), UTF-16 with a BOM
/// (or without one, when its zero bytes say so), or Windows-1252 when the bytes are not UTF-8 but look
/// like Western European text.
public enum TextDecoder {
    /// The encoding a file was found in.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", windows1252 = "Windows-1252"
    }

    /// What a file that holds binary data is not, for the error: `a text transcript` by default.
    public static let transcript = "a text transcript"

    /// Decodes `data`, or throws an error naming `path` when the bytes are not text; `notText` ends that
    /// error ("binary data (a NUL byte), not a text transcript").
    public static func decode(_ data: Data, path: String, notText: String = transcript) throws -> (text: String, encoding: Encoding) {
        // Fast path: UTF-8 (after an optional BOM) without NUL, read straight from the file's bytes.
        let fast: String? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            let b = raw.bindMemory(to: UInt8.self)
            if b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) { return nil }
            let skip = (b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
            if memchr(base + skip, 0, raw.count - skip) != nil { return nil }
            return String(validating: UnsafeBufferPointer(rebasing: b[skip...]), as: UTF8.self)
        }
        if let fast { return (fast, .utf8) }
        return try decode(bytes: [UInt8](data), path: path, notText: notText)
    }

    /// Decodes bytes already copied out of a file.
    public static func decode(bytes: [UInt8], path: String, notText: String = transcript) throws -> (text: String, encoding: Encoding) {
        if bytes.isEmpty { throw IngestError(path, "empty file") }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            return (try utf16(bytes.dropFirst(2), littleEndian: true, path: path), .utf16LE)
        }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return (try utf16(bytes.dropFirst(2), littleEndian: false, path: path), .utf16BE)
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        let nul: Int? = body.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) -> Int? in
            guard let base = buf.baseAddress else { return nil }
            guard let hit = memchr(UnsafeRawPointer(base), 0, buf.count) else { return nil }
            return start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
        }
        if let nul {
            if start == 0, let littleEndian = looksLikeUTF16(body) {
                if let text = try? utf16(body, littleEndian: littleEndian, path: path), isPlausibleText(text) {
                    return (text, littleEndian ? .utf16LE : .utf16BE)
                }
                throw IngestError(path, "looks like UTF-16 text without a byte-order mark, but it does not decode as such: save it again as UTF-8")
            }
            throw IngestError(path, line: lineNumber(of: nul, in: bytes), "binary data (a NUL byte), not \(notText)")
        }
        // The common case: valid UTF-8, validated and copied once by the standard library.
        if let text = body.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) {
            return (text, .utf8)
        }
        if let invalid = firstInvalidUTF8(body) {
            // Not UTF-8. Accept Windows-1252 only when it is unambiguous: no BOM, no byte that
            // Windows-1252 leaves undefined, and no C0 control character other than tab, CR, LF, FF.
            if start == 0, looksLikeWindows1252(body) {
                return (decodeWindows1252(body), .windows1252)
            }
            throw IngestError(path, line: lineNumber(of: invalid, in: bytes), "invalid UTF-8 (byte 0x\(String(bytes[invalid], radix: 16, uppercase: true)))")
        }
        return (String(decoding: body, as: UTF8.self), .utf8)
    }

    /// Whether `b` looks like UTF-16 without a byte-order mark, and in which byte order (true: little
    /// endian). Text in Latin, Greek or Cyrillic script has a zero high byte in most of its code units,
    /// so in UTF-16 zeros fill one byte of each pair in a large share of pairs and almost never the other.
    static func looksLikeUTF16(_ b: ArraySlice<UInt8>) -> Bool? {
        let pairs = b.count / 2
        // A few bytes say nothing: a real transcript has far more than 16 characters.
        guard pairs >= 16, b.count % 2 == 0 else { return nil }
        var zerosEven = 0, zerosOdd = 0
        var i = b.startIndex
        while i + 1 < b.endIndex {
            if b[i] == 0 { zerosEven += 1 }
            if b[i + 1] == 0 { zerosOdd += 1 }
            i += 2
        }
        if zerosOdd * 10 >= pairs * 3, zerosEven * 50 <= pairs { return true }
        if zerosEven * 10 >= pairs * 3, zerosOdd * 50 <= pairs { return false }
        return nil
    }

    /// Whether decoded text is text: no NUL and no C0 control other than tab, line feed, form feed and
    /// carriage return.
    static func isPlausibleText(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" && $0.value != 0x0C }
    }

    /// The index of the first byte that starts an invalid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ b: ArraySlice<UInt8>) -> Int? {
        var i = b.startIndex
        let end = b.endIndex
        while i < end {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var minCode: UInt32 = 0
            var code: UInt32 = 0
            switch c {
            case 0xC2...0xDF: need = 1; code = UInt32(c & 0x1F); minCode = 0x80
            case 0xE0...0xEF: need = 2; code = UInt32(c & 0x0F); minCode = 0x800
            case 0xF0...0xF4: need = 3; code = UInt32(c & 0x07); minCode = 0x10000
            default: return i
            }
            if i + need >= end { return i }
            for k in 1...need {
                guard i + k < end else { return i }
                let cc = b[i + k]
                if cc & 0xC0 != 0x80 { return i }
                code = (code << 6) | UInt32(cc & 0x3F)
            }
            if code < minCode || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }

    static func looksLikeWindows1252(_ b: ArraySlice<UInt8>) -> Bool {
        for c in b {
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { return false }
            if c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D { return false }
        }
        return true
    }

    /// Windows-1252's 0x80-0x9F row; the rest of the high half is Latin-1.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ b: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(b.count)
        for c in b {
            let v: UInt32 = (c >= 0x80 && c < 0xA0) ? cp1252High[Int(c) - 0x80] : UInt32(c)
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }

    static func utf16(_ b: ArraySlice<UInt8>, littleEndian: Bool, path: String) throws -> String {
        guard b.count % 2 == 0 else { throw IngestError(path, "truncated UTF-16 text (odd number of bytes)") }
        var units = [UInt16]()
        units.reserveCapacity(b.count / 2)
        var i = b.startIndex
        while i < b.endIndex {
            let lo = UInt16(b[i]), hi = UInt16(b[i + 1])
            units.append(littleEndian ? (hi << 8 | lo) : (lo << 8 | hi))
            i += 2
        }
        var out = String.UnicodeScalarView()
        for r in Unicode.UTF16.decode(units) {
            guard let s = r else { throw IngestError(path, "invalid UTF-16 text") }
            out.append(s)
        }
        return String(out)
    }

    static func lineNumber(of index: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < index && i < bytes.count { if bytes[i] == 0x0A { line += 1 }; i += 1 }
        return line
    }
}

private extension Collection where Element == UInt8 {
    func firstIndex(of value: UInt8) -> Index? { firstIndex(where: { $0 == value }) }
}

extension Unicode.UTF16 {
    /// Decodes UTF-16 code units, yielding nil for an unpaired surrogate.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar?] {
        var out: [Unicode.Scalar?] = []
        var it = units.makeIterator()
        var decoder = Unicode.UTF16()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): out.append(s)
            case .emptyInput: break loop
            case .error: out.append(nil)
            }
        }
        return out
    }
}
