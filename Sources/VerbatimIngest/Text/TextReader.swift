#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VerbatimModel

/// Reads plain-text and Markdown transcripts into paragraphs.
///
/// A paragraph is a run of non-blank lines; its lines are kept, joined by `\n`, so that speaker labels at
/// the start of any line can be found. A YAML front-matter block (`---` ... `---` at the very top) is
/// kept apart for the study to read as document attributes.
public enum TextReader {
    public static func read(data: Data, path: String, format: SourceFormat = .text) throws -> SourceDocument {
        let (decoded, encoding) = try TextDecoder.decode(data, path: path)
        var diagnostics: [Diagnostic] = []
        if encoding == .windows1252 {
            diagnostics.append(.warning(path, "not UTF-8: read as Windows-1252 (Western European); save it as UTF-8 to silence this"))
        }
        let text = TextNormalizer.normalize(decoded)
        var doc = split(text, path: path, format: format)
        doc.diagnostics.insert(contentsOf: diagnostics, at: 0)
        if doc.paragraphs.isEmpty {
            throw IngestError(path, "no text (the file holds only white space)")
        }
        return doc
    }

    /// The end of the line `b[lo..<hi]` without its trailing spaces, tabs, form feeds and no-break spaces.
    @inline(__always)
    static func trimmedEnd(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        var e = hi
        while e > lo {
            let c = b[e - 1]
            if c == 0x20 || c == 0x09 || c == 0x0C { e -= 1; continue }
            if c == 0xA0, e - 2 >= lo, b[e - 2] == 0xC2 { e -= 2; continue }
            break
        }
        return e
    }

    /// Whether `b[lo..<hi]` holds only spaces, tabs, form feeds and no-break spaces: a blank line, which
    /// separates paragraphs.
    @inline(__always)
    static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        while k < hi {
            let c = b[k]
            if c == 0x20 || c == 0x09 || c == 0x0C { k += 1; continue }
            if c == 0xC2, k + 1 < hi, b[k + 1] == 0xA0 { k += 2; continue }
            return false
        }
        return true
    }

    /// Splits normalised text into lines (LF, CRLF or CR) and paragraphs, on UTF-8 bytes: CR, LF,
    /// space and tab are ASCII, so byte positions found are character boundaries.
    static func split(_ text: String, path: String, format: SourceFormat) -> SourceDocument {
        var text = text
        text.makeContiguousUTF8()
        let whole = text[...]
        let u8 = whole.utf8
        if text.isEmpty { return SourceDocument(path: path, format: format, paragraphs: []) }
        return text.withUTF8 { buf -> SourceDocument in
            let n = buf.count
            // Line ranges, trailing spaces, tabs and no-break spaces trimmed.
            var lines: [Range<Int>] = []
            lines.reserveCapacity(n / 64)
            var start = 0
            var i = 0
            func trimmed(_ lo: Int, _ hi: Int) -> Range<Int> { lo..<TextReader.trimmedEnd(buf, lo, hi) }
            let base = UnsafeRawPointer(buf.baseAddress!)
            let hasCR = n > 0 && memchr(base, 0x0D, n) != nil
            if !hasCR {
                // The common case: LF line ends, found with memchr.
                while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                    let at = UnsafeRawPointer(hit) - base
                    lines.append(trimmed(start, at))
                    i = at + 1
                    start = i
                }
                i = n
            }
            while i < n {
                let c = buf[i]
                if c == 0x0A || c == 0x0D {
                    lines.append(trimmed(start, i))
                    i += (c == 0x0D && i + 1 < n && buf[i + 1] == 0x0A) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { lines.append(trimmed(start, n)) }
            func isBlank(_ r: Range<Int>) -> Bool { TextReader.isBlank(buf, r.lowerBound, r.upperBound) }
            func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self) }
            func equals(_ r: Range<Int>, _ s: StaticString) -> Bool {
                r.count == s.utf8CodeUnitCount && (0..<r.count).allSatisfy { buf[r.lowerBound + $0] == s.utf8Start[$0] }
            }

            var firstBody = 0
            var diagnostics: [Diagnostic] = []
            var frontMatter: String?
            var frontMatterLine: Int?
            if let first = lines.first, equals(first, "---") {
                var k = 1
                while k < lines.count && k < 500 {
                    if equals(lines[k], "---") || equals(lines[k], "...") {
                        frontMatter = lines[1..<k].map(string).joined(separator: "\n")
                        frontMatterLine = 2
                        firstBody = k + 1
                        break
                    }
                    k += 1
                }
                if frontMatter == nil {
                    diagnostics.append(.warning(path, line: 1, "'---' opens a front-matter block that no '---' line closes (within 500 lines): its lines are read as transcript text and give no attribute; close the block or remove the first line"))
                }
            }

            var paragraphs: [SourceDocument.Paragraph] = []
            var scratch: [UInt8] = []
            var currentLine = 0
            var k = firstBody
            while k < lines.count {
                if isBlank(lines[k]) { k += 1; continue }
                currentLine = k + 1
                var j = k
                while j < lines.count && !isBlank(lines[j]) { j += 1 }
                if j == k + 1 {
                    // A one-line paragraph is a slice of the text: no copy.
                    let r = lines[k]
                    let lo = u8.index(u8.startIndex, offsetBy: r.lowerBound)
                    let hi = u8.index(lo, offsetBy: r.count)
                    paragraphs.append(.init(content: whole[lo..<hi], line: currentLine))
                } else if (k..<(j - 1)).allSatisfy({ lines[$0].upperBound + 1 == lines[$0 + 1].lowerBound && buf[lines[$0].upperBound] == 0x0A }) {
                    // Lines separated by single LFs, nothing trimmed: the paragraph is a slice too.
                    let lo = u8.index(u8.startIndex, offsetBy: lines[k].lowerBound)
                    let hi = u8.index(lo, offsetBy: lines[j - 1].upperBound - lines[k].lowerBound)
                    paragraphs.append(.init(content: whole[lo..<hi], line: currentLine))
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    for m in k..<j {
                        if m > k { scratch.append(0x0A) }
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[lines[m]]))
                    }
                    paragraphs.append(.init(text: String(decoding: scratch, as: UTF8.self), line: currentLine))
                }
                k = j
            }
            return SourceDocument(path: path, format: format, paragraphs: paragraphs,
                                  frontMatter: frontMatter, frontMatterLine: frontMatterLine, diagnostics: diagnostics)
        }
    }
}

extension Substring {
    /// The substring without trailing spaces and tabs (and no-break spaces).
    func trimmingTrailingSpaces() -> Substring {
        var e = endIndex
        while e > startIndex {
            let p = index(before: e)
            let c = self[p]
            if c == " " || c == "\t" || c == "\u{00A0}" { e = p } else { break }
        }
        return self[startIndex..<e]
    }

    var isBlank: Bool {
        allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\u{000C}" }
    }
}
