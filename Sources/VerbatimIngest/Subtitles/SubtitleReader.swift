import Foundation
import VerbatimModel

/// Reads WebVTT, SRT and SBV subtitle files: one paragraph per cue, with its times and, for WebVTT
/// `<v Name>` voices, its speaker. STYLE, REGION and NOTE blocks are dropped; cue markup is removed.
public enum SubtitleReader {
    public static func read(data: Data, path: String, format: SourceFormat) throws -> SourceDocument {
        let (decoded, encoding) = try TextDecoder.decode(data, path: path)
        var diagnostics: [Diagnostic] = []
        if encoding == .windows1252 {
            diagnostics.append(.warning(path, "not UTF-8: read as Windows-1252 (Western European)"))
        }
        let text = TextNormalizer.normalize(decoded)
        let lines = splitLines(text)
        var paragraphs: [SourceDocument.Paragraph]
        switch format {
        case .vtt: paragraphs = try readVTT(lines, path: path)
        case .srt: paragraphs = try readSRT(lines, path: path)
        case .sbv: paragraphs = try readSBV(lines, path: path)
        default: throw IngestError(path, "not a subtitle format")
        }
        paragraphs.removeAll { $0.text.isEmpty }
        if paragraphs.isEmpty { throw IngestError(path, "no captions with text") }
        return SourceDocument(path: path, format: format, paragraphs: paragraphs, diagnostics: diagnostics)
    }

    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var lastWasCR = false
        for s in text.unicodeScalars {
            if s == "\n" {
                if !lastWasCR { lines.append(current); current = "" }
                lastWasCR = false
            } else if s == "\r" {
                lines.append(current); current = ""
                lastWasCR = true
            } else {
                current.unicodeScalars.append(s)
                lastWasCR = false
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Blocks of non-blank lines with the 1-based line number of their first line.
    static func blocks(_ lines: [String], from: Int = 0) -> [(line: Int, lines: [String])] {
        var out: [(Int, [String])] = []
        var cur: [String] = []
        var curLine = 0
        for k in from..<lines.count {
            let l = lines[k]
            if l.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !cur.isEmpty { out.append((curLine, cur)); cur = [] }
            } else {
                if cur.isEmpty { curLine = k + 1 }
                cur.append(l)
            }
        }
        if !cur.isEmpty { out.append((curLine, cur)) }
        return out
    }

    // MARK: WebVTT

    static func readVTT(_ lines: [String], path: String) throws -> [SourceDocument.Paragraph] {
        guard let first = lines.first, first.hasPrefix("WEBVTT"),
              first.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t" else {
            throw IngestError(path, line: 1, "not a WebVTT file (the first line must be WEBVTT)")
        }
        var out: [SourceDocument.Paragraph] = []
        // The header runs to the first blank line; skip it.
        var k = 1
        while k < lines.count && !lines[k].trimmingCharacters(in: .whitespaces).isEmpty { k += 1 }
        for block in splitAtTimings(blocks(lines, from: k)) {
            var ls = block.lines
            var lineNo = block.line
            let head = ls[0]
            if head.hasPrefix("NOTE") || head.hasPrefix("STYLE") || head.hasPrefix("REGION") {
                if !head.contains("-->") { continue }
            }
            if !ls[0].contains("-->") {
                // A cue identifier line.
                ls.removeFirst()
                lineNo += 1
                guard !ls.isEmpty, ls[0].contains("-->") else {
                    throw IngestError(path, line: block.line, "expected a cue timing line (00:00:00.000 --> 00:00:01.000)")
                }
            }
            let time = try timing(ls[0], separator: "-->", path: path, line: lineNo, invalid: "invalid cue timing")
            let payload = Array(ls.dropFirst())
            let (text, voice) = cleanCueText(payload.joined(separator: "\n"))
            out.append(.init(text: text, line: lineNo, speaker: voice, time: time))
        }
        return out
    }

    /// Captioning tools often omit the blank line between cues: a valid timing line inside a block
    /// starts a new cue (the line before it, if it is not a timing line, is taken as cue text).
    static func splitAtTimings(_ blocks: [(line: Int, lines: [String])]) -> [(line: Int, lines: [String])] {
        var out: [(line: Int, lines: [String])] = []
        for b in blocks {
            var cur: [String] = []
            var curLine = b.line
            for (i, l) in b.lines.enumerated() {
                if i > 0, l.contains("-->"), parseTimingChecked(l, separator: "-->") != .invalid, !cur.isEmpty,
                   !(cur.count == 1 && !cur[0].contains("-->")) {
                    out.append((curLine, cur))
                    cur = []
                    curLine = b.line + i
                }
                cur.append(l)
            }
            if !cur.isEmpty { out.append((curLine, cur)) }
        }
        return out
    }

    // MARK: SRT

    static func readSRT(_ lines: [String], path: String) throws -> [SourceDocument.Paragraph] {
        var out: [SourceDocument.Paragraph] = []
        for block in blocks(lines) {
            var ls = block.lines
            var lineNo = block.line
            if !ls[0].contains("-->") {
                ls.removeFirst()  // the cue number
                lineNo += 1
                guard !ls.isEmpty else { continue }
            }
            let time = try timing(ls[0], separator: "-->", path: path, line: lineNo, invalid: "invalid SRT timing")
            let (text, voice) = cleanCueText(ls.dropFirst().joined(separator: "\n"))
            out.append(.init(text: text, line: lineNo, speaker: voice, time: time))
        }
        if out.isEmpty, !lines.isEmpty {
            throw IngestError(path, line: 1, "not an SRT file (no cue timing line such as 00:00:01,000 --> 00:00:02,000)")
        }
        return out
    }

    // MARK: SBV

    static func readSBV(_ lines: [String], path: String) throws -> [SourceDocument.Paragraph] {
        var out: [SourceDocument.Paragraph] = []
        for block in blocks(lines) {
            let time = try timing(block.lines[0], separator: ",", path: path, line: block.line, invalid: "invalid SBV timing")
            let (text, voice) = cleanCueText(block.lines.dropFirst().joined(separator: "\n"))
            out.append(.init(text: text, line: block.line, speaker: voice, time: time))
        }
        return out
    }

    // MARK: Times and cue text

    /// The latest time stamp accepted: 100,000 hours. Anything later is not a recording's time (a
    /// 20-digit hour, say) and would not survive the conversions to whole milliseconds.
    public static let maxSeconds: Double = 100_000 * 3600

    /// A timing line read: its range, not a timing line at all, or one with a time stamp out of range.
    enum ParsedTiming: Equatable {
        case range(TimeRange), invalid, outOfRange
    }

    /// The range of a timing line, or the one-line error for an invalid one or one out of range.
    static func timing(_ line: String, separator: String, path: String, line lineNo: Int, invalid: String) throws -> TimeRange {
        switch parseTimingChecked(line, separator: separator) {
        case .range(let r): return r
        case .invalid: throw IngestError(path, line: lineNo, "\(invalid) '\(line)'")
        case .outOfRange:
            throw IngestError(path, line: lineNo, "time stamp out of range (later than \(Int(maxSeconds / 3600)) hours) in '\(line.prefix(80))'")
        }
    }

    /// Parses `start SEP end [settings]`.
    static func parseTiming(_ line: String, separator: String) -> TimeRange? {
        if case .range(let r) = parseTimingChecked(line, separator: separator) { return r }
        return nil
    }

    static func parseTimingChecked(_ line: String, separator: String) -> ParsedTiming {
        guard let r = line.range(of: separator) else { return .invalid }
        let a = line[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = line[r.upperBound...].trimmingCharacters(in: .whitespaces)
        let b = rest.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        guard let s = parseTimeUnbounded(a), let e = parseTimeUnbounded(b) else { return .invalid }
        guard s <= maxSeconds, e <= maxSeconds else { return .outOfRange }
        return .range(TimeRange(start: s, end: e))
    }

    /// Parses `[h:]mm:ss[.,]mmm` (also without milliseconds) into seconds; nil when it is not a time
    /// stamp or is later than ``maxSeconds``.
    public static func parseTime(_ s: String) -> Double? {
        guard let t = parseTimeUnbounded(s), t <= maxSeconds else { return nil }
        return t
    }

    /// ``parseTime(_:)`` without the upper bound: a finite number of seconds (possibly huge, or
    /// infinite for hundreds of digits), or nil when the text is not a time stamp.
    static func parseTimeUnbounded(_ s: String) -> Double? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var secondsPart = String(parts.last!)
        secondsPart = secondsPart.replacingOccurrences(of: ",", with: ".")
        guard secondsPart.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let sec = Double(secondsPart), sec >= 0, sec < 60,
              secondsPart.first?.isNumber == true else { return nil }
        var total = sec
        var mult = 60.0
        for p in parts.dropLast().reversed() {
            guard !p.isEmpty, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Double(p) else { return nil }
            total += v * mult
            mult *= 60
        }
        // Hundreds of digits make an infinite Double: out of range, not a number to convert.
        return total.isNaN ? nil : total
    }

    /// Removes cue markup (`<b>`, `<c.class>`, inline times `<00:01.000>`, `</v>`...), decodes the
    /// character references WebVTT allows, and returns the first `<v Name>` voice, if any.
    static func cleanCueText(_ s: String) -> (String, String?) {
        var out = ""
        var voice: String?
        var i = s.startIndex
        // The next `>` at or after `i`, found once and reused while it is ahead (nil: none is left), so
        // that a cue with many `<` and no `>` is read in one pass.
        var nextClose: String.Index? = s.firstIndex(of: ">")
        while i < s.endIndex {
            let c = s[i]
            if c == "<", let found = nextClose, found < i { nextClose = s[i...].firstIndex(of: ">") }
            if c == "<", let close = nextClose {
                let tag = s[s.index(after: i)..<close]
                if tag.hasPrefix("v ") || tag.hasPrefix("v.") || tag.hasPrefix("v\t") {
                    if let sp = tag.firstIndex(where: { $0 == " " || $0 == "\t" }) {
                        let name = tag[sp...].trimmingCharacters(in: .whitespaces)
                        if voice == nil && !name.isEmpty { voice = name }
                    }
                }
                i = s.index(after: close)
                continue
            }
            if c == "&", let semi = s[i...].prefix(10).firstIndex(of: ";") {
                let ent = s[s.index(after: i)..<semi]
                let rep: String? = ["amp": "&", "lt": "<", "gt": ">", "nbsp": "\u{00A0}", "lrm": "", "rlm": "",
                                    "quot": "\"", "apos": "'"][String(ent)]
                if let rep {
                    out += rep
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = s.index(after: i)
        }
        // Collapse the spaces markup removal leaves behind, line by line.
        let cleaned = out.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
        return (cleaned, voice)
    }
}
