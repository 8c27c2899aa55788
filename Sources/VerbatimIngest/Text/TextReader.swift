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

    /// Splits normalised text into lines (LF, CRLF or CR) and paragraphs.
    static func split(_ text: String, path: String, format: SourceFormat) -> SourceDocument {
        // Split on \r\n, \r and \n. Swift treats "\r\n" as one Character, so scan UTF-8 bytes:
        // CR and LF are ASCII, so every index found is a valid character boundary.
        var lines: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            let b = u[i]
            if b == 0x0A || b == 0x0D {
                lines.append(text[start..<i])
                var next = u.index(after: i)
                if b == 0x0D, next < u.endIndex, u[next] == 0x0A { next = u.index(after: next) }
                i = next
                start = i
            } else {
                i = u.index(after: i)
            }
        }
        if start < u.endIndex { lines.append(text[start...]) }

        var firstBody = 0
        var frontMatter: String?
        var frontMatterLine: Int?
        if let first = lines.first, first.trimmingTrailingSpaces() == "---" {
            var k = 1
            while k < lines.count && k < 500 {
                let l = lines[k].trimmingTrailingSpaces()
                if l == "---" || l == "..." {
                    frontMatter = lines[1..<k].joined(separator: "\n")
                    frontMatterLine = 2
                    firstBody = k + 1
                    break
                }
                k += 1
            }
        }

        var paragraphs: [SourceDocument.Paragraph] = []
        var current: [Substring] = []
        var currentLine = 0
        func flush() {
            if !current.isEmpty {
                paragraphs.append(.init(text: current.joined(separator: "\n"), line: currentLine))
                current.removeAll(keepingCapacity: true)
            }
        }
        var k = firstBody
        while k < lines.count {
            let l = lines[k].trimmingTrailingSpaces()
            if l.isBlank {
                flush()
            } else {
                if current.isEmpty { currentLine = k + 1 }
                current.append(l)
            }
            k += 1
        }
        flush()
        return SourceDocument(path: path, format: format, paragraphs: paragraphs,
                              frontMatter: frontMatter, frontMatterLine: frontMatterLine)
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
